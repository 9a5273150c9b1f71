"""CAP 1.2 export: every alert validates against the OASIS schema; the marking becomes the scope."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import shapely
import xmlschema
from analysis_cases import CASES, load_case, read_case
from defusedxml import ElementTree as DefusedET

from humanops.analysis.triggers import Alert, FeatureRef, TriggerEngine, adopt_rules, list_alerts
from humanops.errors import FormatError
from humanops.formats.cap import MAX_POLYGON_POINTS, cap_time, cap_xml, write_cap

SCHEMA = xmlschema.XMLSchema(str(Path(__file__).parent / "data" / "cap12.xsd"))
NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
CASE = read_case("triggers_case.json")
SENT = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def make_alert(**changes) -> Alert:
    values = dict(
        id="3f1c2b9e-0000-4000-8000-000000000001", rule_id="corridor-at-risk", subject="corridor:x",
        level="high", headline="Corridor 'North' at risk", description="Zone Z2 (airstrike, severity 5)",
        features=(FeatureRef("corridor", "c-1", "subject"), FeatureRef("danger_zone", "z-2")),
        severity="Severe", urgency="Immediate", certainty="Likely", event="Corridor at risk",
        area=shapely.box(39.0, 33.4, 39.1, 33.5), area_desc="Danger zones near corridor North",
        tlp="AMBER", releasable_to=("wfp", "unhcr"), caveats=("no_onward_sharing",), last_fired=SENT)
    values.update(changes)
    return Alert(**values)


def parse(xml: bytes):
    """Validate against the OASIS schema (raises with its reason), then parse."""
    SCHEMA.validate(xml.decode("utf-8"))
    return DefusedET.fromstring(xml)


def text(root, path: str) -> str | None:
    element = root.find(path, NS)
    return None if element is None else element.text


def test_amber_alert_is_restricted_with_the_marking_as_restriction():
    root = parse(cap_xml(make_alert(), sender="ocha", sent=SENT))
    assert text(root, "cap:sent") == "2026-11-28T12:00:00+00:00"
    assert text(root, "cap:scope") == "Restricted"
    restriction = text(root, "cap:restriction")
    assert "TLP:AMBER" in restriction and "wfp, unhcr" in restriction and "no onward sharing" in restriction
    assert text(root, "cap:info/cap:severity") == "Severe"
    assert text(root, "cap:info/cap:headline") == "Corridor 'North' at risk"
    # one identifier per message: the alert, the status and the message's place in its chain
    assert text(root, "cap:identifier") == "humanops-3f1c2b9e-0000-4000-8000-000000000001-actual-001"


def test_red_alert_with_recipients_is_private_with_addresses():
    root = parse(cap_xml(make_alert(tlp="RED", releasable_to=("icrc", "msf ocb")), sender="ocha", sent=SENT))
    assert text(root, "cap:scope") == "Private"
    assert text(root, "cap:addresses") == 'icrc "msf ocb"'
    assert root.find("cap:restriction", NS) is None


def test_red_alert_without_recipients_stays_restricted():
    root = parse(cap_xml(make_alert(tlp="RED", releasable_to=()), sender="ocha", sent=SENT))
    assert text(root, "cap:scope") == "Restricted"
    assert "Not releasable beyond the recipients" in text(root, "cap:restriction")


def test_clear_alert_is_public():
    root = parse(cap_xml(make_alert(tlp="CLEAR", releasable_to=(), caveats=()), sender="ocha", sent=SENT))
    assert text(root, "cap:scope") == "Public"


def test_polygon_is_a_closed_lat_lon_ring():
    root = parse(cap_xml(make_alert(), sender="ocha", sent=SENT))
    pairs = text(root, "cap:info/cap:area/cap:polygon").split(" ")
    assert pairs[0] == pairs[-1] and len(pairs) == 5
    lat, lon = (float(v) for v in pairs[0].split(","))
    assert 33.4 <= lat <= 33.5 and 39.0 <= lon <= 39.1  # latitude first


def test_detailed_area_is_simplified_to_the_point_limit():
    wiggly = shapely.Point(39.0, 33.4).buffer(0.2, quad_segs=200)  # 800 vertices
    root = parse(cap_xml(make_alert(area=wiggly), sender="ocha", sent=SENT))
    pairs = text(root, "cap:info/cap:area/cap:polygon").split(" ")
    assert 4 <= len(pairs) <= MAX_POLYGON_POINTS and pairs[0] == pairs[-1]


def test_point_area_becomes_a_circle_in_km():
    root = parse(cap_xml(make_alert(area=shapely.Point(39.05, 33.45), area_radius_m=1500), sender="ocha", sent=SENT))
    assert text(root, "cap:info/cap:area/cap:circle") == "33.450000,39.050000 1.500"


def test_time_has_an_explicit_offset_and_whole_seconds():
    moment = datetime(2026, 11, 28, 14, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert cap_time(moment) == "2026-11-28T12:30:15+00:00"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d", cap_time(datetime(2026, 1, 1)))


def test_sender_with_spaces_is_made_a_valid_token():
    root = parse(cap_xml(make_alert(), sender="UN OCHA, Syria", sent=SENT))
    assert text(root, "cap:sender") == "UN_OCHA_Syria"


def test_value_outside_cap_is_refused():
    with pytest.raises(FormatError, match="severity"):
        cap_xml(make_alert(severity="Catastrophic"), sender="ocha")


def test_every_alert_of_the_trigger_case_validates(workspace, tmp_path):
    load_case(workspace, CASE)
    adopt_rules(workspace, CASES / "triggers_rules.toml")
    TriggerEngine(workspace, at=datetime.fromisoformat(CASE["at"])).evaluate()
    alerts = list_alerts(workspace)
    assert len(alerts) == 4
    for alert in alerts:
        out = tmp_path / f"{alert.id}.xml"
        write_cap(alert, str(out), sender="ocha")
        SCHEMA.validate(str(out))
        root = parse(out.read_bytes())
        assert alert.rule_id in text(root, "cap:note")
        features = root.find("cap:info/cap:parameter[cap:valueName='humanops:features']/cap:value", NS).text
        assert all(f"{f.layer}:{f.uuid}" in features for f in alert.features)
        area = root.find("cap:info/cap:area", NS)
        assert area is not None
        assert area.find("cap:polygon", NS) is not None or area.find("cap:circle", NS) is not None


def test_write_into_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FormatError, match="folder does not exist"):
        write_cap(make_alert(), str(tmp_path / "missing" / "a.xml"), sender="ocha")
