"""CAP alerts in (issue 10, item 3): the OASIS CAP 1.1/1.2 examples and an NWS alert as
published, and a Kavera Alert → Update → Cancel chain that must change the same zones.
Files and their licences: tests/data/cap/README.md."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pyproj import Geod
from shapely.geometry import Polygon

from humanops.cli import main
from humanops.errors import FormatError
from humanops.formats.field_mapping import MappingChoice
from humanops.formats.import_report import ImportRefused
from humanops.formats.importer import import_file

DATA = Path(__file__).parent / "data" / "cap"
KAVERA = DATA / "kavera"
GEOD = Geod(ellps="WGS84")


def _zones(workspace) -> dict[str, dict]:
    frame = workspace.read_layer("danger_zone")
    return {row["uuid"]: row for row in frame.to_dict("records")}


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _same_time(value, text: str) -> bool:
    return value.to_pydatetime() == _utc(text)


def _geodesic_area_km2(geometry) -> float:
    return abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6


@pytest.mark.parametrize("name,version", [("oasis-cap12-a2-thunderstorm.xml", "1.2"),
                                          ("oasis-cap11-a2-thunderstorm.xml", "1.1")])
def test_oasis_thunderstorm_polygon_becomes_a_zone(workspace, name, version):
    # a thunderstorm has no danger_zone hazard: the user gives one, as for any file
    report = import_file(workspace, DATA / name, mapping=MappingChoice(constants={"hazard": "flood"}))
    assert report.status == "imported" and report.imported == 1
    (zone,) = _zones(workspace).values()
    assert zone["name"] == ("SEVERE THUNDERSTORM WARNING: EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, "
                            "EXTREME NORTHEASTERN CALAVERAS COUNTY IN CALIFORNIA, SOUTHWESTERN ALPINE COUNTY IN "
                            "CALIFORNIA")[:200]
    assert zone["hazard"] == "flood"
    assert zone["severity"] == 4  # Severe, Immediate, Observed
    assert zone["confidence"] == "high"  # Observed
    assert _same_time(zone["valid_from"], "2003-06-17T14:57:00-07:00")  # no effective/onset: sent
    assert _same_time(zone["valid_until"], "2003-06-17T16:00:00-07:00")
    assert zone["source"] == "KSTO@NWS.NOAA.GOV"
    assert f"CAP {version} Alert KSTO1055887203" in zone["notes"]
    assert "NATIONAL WEATHER SERVICE SACRAMENTO CA" in zone["notes"]
    assert "006109" in zone["notes"]  # the geocodes are kept beside the polygon
    expected = Polygon([(-120.14, 38.47), (-119.95, 38.34), (-119.74, 38.52), (-119.89, 38.62), (-120.14, 38.47)])
    assert zone["geometry"].geom_type == "MultiPolygon"
    assert zone["geometry"].symmetric_difference(expected).area < 1e-12


def test_unmatched_hazard_is_rejected_naming_alert_info_area(workspace, snapshot, tmp_path):
    """An event and category no danger_zone hazard fits (the OASIS thunderstorm made a space
    weather notice): refused, naming the alert, info, area and event, with the way out."""
    text = (DATA / "oasis-cap12-a2-thunderstorm.xml").read_text(encoding="utf-8")
    odd = tmp_path / "space-weather.xml"
    odd.write_text(text.replace("<event>SEVERE THUNDERSTORM</event>", "<event>GEOMAGNETIC NOTICE</event>")
                   .replace("<category>Met</category>", "<category>Other</category>"), encoding="utf-8")
    before = snapshot(workspace.path)
    with pytest.raises(ImportRefused) as caught:
        import_file(workspace, odd)
    assert caught.value.field == "hazard"
    assert "alert KSTO1055887203, info 1, area 1" in caught.value.message
    assert "'GEOMAGNETIC NOTICE' (category Other) matches no danger_zone hazard" in caught.value.message
    assert "--set hazard=" in caught.value.message
    assert snapshot(workspace.path) == before


def test_weather_and_earth_alerts_get_their_hazard(workspace):
    """The OASIS example thunderstorm (category Met) is a storm zone."""
    report = import_file(workspace, DATA / "oasis-cap12-a2-thunderstorm.xml")
    assert report.imported == 1
    [zone] = workspace.features("danger_zone")
    assert zone.properties["hazard"] == "storm"


def test_geocode_only_area_is_reported_not_dropped(workspace, snapshot):
    before = snapshot(workspace.path)
    with pytest.raises(ImportRefused) as caught:
        import_file(workspace, DATA / "nws-blizzard-geocode-only.cap",
                    mapping=MappingChoice(constants={"hazard": "flood"}))
    message = caught.value.message
    assert "info 1, area 1" in message and "'Southern Cook, North Shore; Southern Lake, North Shore'" in message
    assert "given only by geocode (FIPS6 027031, FIPS6 027075, UGC MNZ020, UGC MNZ021)" in message
    assert caught.value.field == "geometry"
    assert caught.value.report.rejected == 1
    assert snapshot(workspace.path) == before


def test_oasis_earthquake_update_with_a_zero_circle(workspace):
    """CAP 1.2 appendix A.3: an Update (of an alert this workspace never saw) whose circle has
    radius 0, a point: reported area by area, and the unknown reference said."""
    with pytest.raises(ImportRefused) as caught:
        import_file(workspace, DATA / "oasis-cap12-a3-earthquake-update.xml",
                    mapping=MappingChoice(constants={"hazard": "landslide"}))
    report = caught.value.report
    assert "radius 0 km describes a point, not an area" in caught.value.message
    assert "alert TRI13970876.2, info 1, area 1" in caught.value.message
    assert any("Update of alert(s) TRI13970876.1, which made no zone in this workspace" in why
               for _, why in report.skipped_layers)


def test_alert_update_cancel_change_the_same_zones(workspace):
    report = import_file(workspace, KAVERA / "1-flood-alert.xml")
    assert report.imported == 2
    zones = _zones(workspace)
    by_area = {z["name"].rsplit(": ", 1)[1]: z for z in zones.values()}
    valley, reservoir = by_area["Lower Sava valley"], by_area["Mbeya reservoir"]
    for zone in (valley, reservoir):
        assert zone["hazard"] == "flood"  # event 'Flash Flood Warning'
        assert zone["severity"] == 3  # Moderate, Expected, Likely
        assert zone["confidence"] == "medium"  # Likely
        assert _same_time(zone["valid_from"], "2026-11-28T08:00:00+02:00")  # onset
        assert _same_time(zone["valid_until"], "2026-11-29T18:00:00+02:00")
        assert zone["source"] == "alerts@dma.kavera.example"
        assert zone["version"] == 1
    assert valley["geometry"].bounds == pytest.approx((36.8, -1.4, 36.9, -1.3))
    # the 5 km circle, buffered in a metric projection: its true area, centred where CAP says
    assert _geodesic_area_km2(reservoir["geometry"]) == pytest.approx(math.pi * 25, rel=0.01)
    centre = reservoir["geometry"].centroid
    assert (centre.x, centre.y) == pytest.approx((36.7, -1.25), abs=1e-4)

    report = import_file(workspace, KAVERA / "2-flood-update.xml")
    zones = _zones(workspace)
    assert set(zones) == {valley["uuid"], reservoir["uuid"]}  # the same zones, not new ones
    valley2, reservoir2 = zones[valley["uuid"]], zones[reservoir["uuid"]]
    for zone in (valley2, reservoir2):
        assert zone["version"] == 2
        assert zone["severity"] == 5  # Extreme, Immediate, Observed
        assert zone["confidence"] == "high"
        assert _same_time(zone["valid_from"], "2026-11-28T12:00:00+02:00")  # effective
        assert _same_time(zone["valid_until"], "2026-11-30T06:00:00+02:00")
        assert zone["name"].startswith("Flash flood: lower Sava valley flooding now: ")
    assert valley2["geometry"].bounds == pytest.approx((36.8, -1.4, 37.0, -1.3))
    assert _geodesic_area_km2(reservoir2["geometry"]) == pytest.approx(math.pi * 64, rel=0.01)
    assert any("updates zone " + valley["uuid"] in note for note in report.layers[0].notes)

    report = import_file(workspace, KAVERA / "3-flood-cancel.xml")
    assert report.status == "imported"
    zones = _zones(workspace)
    assert set(zones) == {valley["uuid"], reservoir["uuid"]}  # ended, not deleted
    for uuid in (valley["uuid"], reservoir["uuid"]):
        zone = zones[uuid]
        assert zone["version"] == 3
        assert _same_time(zone["valid_until"], "2026-11-29T09:30:00+02:00")  # the Cancel's sent
        assert zone["severity"] == 5 and zone["geometry"].equals(zones[uuid]["geometry"])
        assert zone["notes"].startswith("Ended by CAP Cancel KV-DMA-2026-0414 at 2026-11-29T07:30:00Z.")
        # the earlier states stay in the history: what the zone was before the Update and the Cancel
        assert [(v.version, v.properties["severity"]) for v in workspace.history("danger_zone", uuid)] == \
            [(1, 3), (2, 5)]

    # the same alert again (a feed read twice) adds nothing
    with pytest.raises(FormatError, match="already imported"):
        import_file(workspace, KAVERA / "1-flood-alert.xml")


def test_a_folder_is_read_in_sent_order(workspace):
    report = import_file(workspace, KAVERA)
    assert report.status == "imported" and report.imported == 2
    zones = list(_zones(workspace).values())
    assert len(zones) == 2
    for zone in zones:  # made by the Alert, updated and ended in the same import
        assert zone["version"] == 1 and zone["severity"] == 5
        assert _same_time(zone["valid_until"], "2026-11-29T09:30:00+02:00")
        assert zone["notes"].startswith("Ended by CAP Cancel KV-DMA-2026-0414")


def test_an_atom_feed_with_a_linked_and_an_embedded_alert(workspace):
    report = import_file(workspace, DATA / "feed" / "feed.atom")
    assert report.imported == 2
    zones = list(_zones(workspace).values())
    assert sorted(z["severity"] for z in zones) == [5, 5]  # the embedded Update won
    skipped = dict(report.skipped_layers)
    (remote,) = [why for where, why in skipped.items() if "entry 3" in where]
    assert "never fetches" in remote


def test_a_feed_cannot_reach_files_outside_its_folder(tmp_path, workspace):
    feed = tmp_path / "feeds" / "feed.atom"
    feed.parent.mkdir()
    (tmp_path / "secret.xml").write_text((KAVERA / "1-flood-alert.xml").read_text())
    feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id>'
                    '<link href="../secret.xml"/></entry></feed>')
    with pytest.raises(FormatError, match="outside the feed's folder"):
        import_file(workspace, feed)


def test_dry_run_writes_nothing(workspace, snapshot):
    before = snapshot(workspace.path)
    report = import_file(workspace, KAVERA / "1-flood-alert.xml", dry_run=True)
    assert report.status == "dry-run" and report.imported == 2 and report.layers[0].read == 2
    assert snapshot(workspace.path) == before


def test_entity_expansion_is_refused(tmp_path, workspace, snapshot):
    bomb = tmp_path / "bomb.cap"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>')
    before = snapshot(workspace.path)
    with pytest.raises(FormatError) as caught:
        import_file(workspace, bomb)
    assert "refused" in caught.value.message and str(bomb) in caught.value.message
    assert snapshot(workspace.path) == before


def test_an_alert_with_no_area_says_so(tmp_path, workspace):
    text = (KAVERA / "1-flood-alert.xml").read_text()
    start, end = text.index("<area>"), text.rindex("</area>") + len("</area>")
    no_area = tmp_path / "no-area.cap"
    no_area.write_text(text[:start] + text[end:])
    with pytest.raises(FormatError) as caught:
        import_file(workspace, no_area)
    assert "alert KV-DMA-2026-0412: no <area> (info 1)" in caught.value.message
    assert str(no_area) in caught.value.message


def test_a_test_alert_is_not_acted_on(tmp_path, workspace):
    test_alert = tmp_path / "test.cap"
    test_alert.write_text((KAVERA / "1-flood-alert.xml").read_text().replace(
        "<status>Actual</status>", "<status>Test</status>"))
    with pytest.raises(FormatError, match="status Test: a technical test"):
        import_file(workspace, test_alert)


def test_cli_imports_an_alert_with_json_report(workspace, capsys):
    path = workspace.path
    workspace.close()
    assert main(["-w", str(path), "import", str(KAVERA / "1-flood-alert.xml"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "CAP" and doc["counts"]["imported"] == 2
    assert doc["layers"][0]["layer"] == "danger_zone"


@pytest.mark.parametrize("together", [False, True], ids=["two-imports", "one-folder"])
def test_a_cancel_before_the_onset_removes_the_zone_and_keeps_its_history(workspace, tmp_path, together):
    """An alert cancelled before its onset was never valid: no window says so (an empty one is
    refused), so its zones are deleted, their history and the partners' tombstone kept."""
    folder = tmp_path / "alerts"
    folder.mkdir()
    (folder / "1.xml").write_bytes((KAVERA / "1-flood-alert.xml").read_bytes())
    cancel = (KAVERA / "3-flood-cancel.xml").read_text(encoding="utf-8")
    cancel = cancel.replace("<sent>2026-11-29T09:30:00+02:00</sent>", "<sent>2026-11-28T07:00:00+02:00</sent>")
    cancel = cancel.replace("KV-DMA-2026-0413,2026-11-28T12:00:00+02:00", "KV-DMA-2026-0412,2026-11-28T06:00:00+02:00")
    (folder / "2.xml").write_text(cancel, encoding="utf-8")   # onset 08:00, cancelled at 07:00
    if together:
        report = import_file(workspace, folder)
    else:
        assert import_file(workspace, folder / "1.xml").imported == 2
        report = import_file(workspace, folder / "2.xml")
    assert report.status == "imported"
    assert workspace.count("danger_zone") == 0
    notes = " ".join(n for layer in report.layers for n in layer.notes)
    assert "before its onset: removed, its history kept" in notes
    gone = workspace.tombstones("danger_zone")
    assert len(gone) == 2
    for tombstone in gone:   # what the alert announced stays on record
        assert any(not v.deleted for v in workspace.history("danger_zone", tombstone.uuid))
