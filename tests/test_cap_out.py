"""CAP out as agencies write it (issue 13, item 4): every message valid against the OASIS CAP 1.2
schema; Alert → Update → Cancel chains with their own identifiers and references; one <info> per
language of the response; expires, instruction, web, eventCode, code and P-code geocodes; the
workspace clock for ``sent``; one need alert per danger zone; and our own CAP import reading our
messages back (zone, validity, Update, Cancel)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
import xmlschema
from analysis_cases import load_case, read_case
from defusedxml import ElementTree as DefusedET

from humanops.analysis.trigger_texts import parse_text_table, text_table
from humanops.analysis.triggers import adopt_rules, attach_triggers, list_alerts
from humanops.cli import main
from humanops.errors import AnalysisError, FormatError
from humanops.formats.cap_chain import export_cap
from humanops.formats.cap_in import cap_polygon_geometry
from humanops.formats.field_mapping import MappingChoice
from humanops.formats.importer import import_file
from humanops.store import cap_messages
from humanops.store.workspace import Workspace

SCHEMA = xmlschema.XMLSchema(str(Path(__file__).parent / "data" / "cap12.xsd"))
NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
CASE = read_case("triggers_case.json")
AT = datetime.fromisoformat(CASE["at"])
WEB = "https://www.example.org/kavera/alerts"
RULES = f"""
version = 1
languages = ["en", "fr", "ar", "es"]
web = "{WEB}"

[[rule]]
id = "corridor-at-risk"
type = "danger_near_corridor"
title = "Corridor at risk"
level = "high"
min_severity = 4
distance_m = 500
corridor_status = ["open", "negotiated"]
instruction = "Inform the corridor focal points; suspend movements until the zone is reassessed."

[[rule]]
id = "population-exposed"
type = "population_exposed"
level = "medium"
threshold = 10000

[[rule]]
id = "severe-need-near-danger"
type = "need_near_danger"
title = "Severe needs close to danger"
level = "critical"
min_phase = 4
min_severity = 3
distance_m = 1000
expires_hours = 12
"""


def utm(wkt: str):
    return gpd.GeoSeries([shapely.from_wkt(wkt)], crs=CASE["crs"]).to_crs(4326).iloc[0]


@pytest.fixture(scope="module")
def case_template(tmp_path_factory) -> tuple[Path, dict]:
    """The trigger case with the rules above adopted (copied for each test: creating one is slow)."""
    folder = tmp_path_factory.mktemp("cap_out")
    rules = folder / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with Workspace.create(folder / "case.gpkg", organisation="ocha") as ws:
        names = load_case(ws, CASE)
        adopt_rules(ws, rules)
    return folder / "case.gpkg", names


@pytest.fixture
def case(case_template, tmp_path):
    """(workspace, feature names -> uuids, subscribed engine), alerts evaluated at the case's time."""
    template, names = case_template
    path = tmp_path / "case.gpkg"
    shutil.copy(template, path)
    ws = Workspace.open(path)
    engine = attach_triggers(ws, at=AT)
    engine.evaluate()
    yield ws, names, engine
    engine.close()
    ws.close()


def parse(xml: bytes):
    """Validate against the OASIS schema (raises with its reason), then parse."""
    SCHEMA.validate(xml.decode("utf-8"))
    return DefusedET.fromstring(xml)


def text(element, path: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.text


def alert_about(ws, rule_id: str, subject: str):
    return next(a for a in list_alerts(ws) if a.rule_id == rule_id and a.subject == subject)


def zone_alert(ws, names, zone: str):
    return alert_about(ws, "severe-need-near-danger", f"zone:{names['danger_zone'][zone]}")


# --------------------------------------------------------------------------- what every message carries


def test_every_alert_is_written_as_agencies_write_it(case, tmp_path):
    ws, names, _ = case
    alerts = list_alerts(ws)
    assert len(alerts) == 4
    for alert in alerts:
        out = tmp_path / f"{alert.id}.xml"
        issued = export_cap(ws, alert, out)
        root = parse(out.read_bytes())
        assert issued.new is not None and text(root, "cap:msgType") == "Alert"
        assert text(root, "cap:identifier") == issued.new.identifier
        assert [c.text for c in root.findall("cap:code", NS)] == ["TLP:AMBER"]
        infos = root.findall("cap:info", NS)
        assert [text(i, "cap:language") for i in infos] == ["en", "fr", "ar", "es"]
        for info in infos:
            sent = datetime.fromisoformat(text(root, "cap:sent"))
            assert datetime.fromisoformat(text(info, "cap:expires")) > sent
            assert text(info, "cap:instruction")
            assert text(info, "cap:web") == WEB
            codes = {(text(c, "cap:valueName"), text(c, "cap:value")) for c in info.findall("cap:eventCode", NS)}
            assert ("humanops:trigger", {"corridor-at-risk": "danger_near_corridor",
                                         "population-exposed": "population_exposed",
                                         "severe-need-near-danger": "need_near_danger"}[alert.rule_id]) in codes
            assert any(name == "humanops:hazard" for name, _ in codes)
    # the needs' P-codes are the areas' geocodes
    need_root = parse(export_cap(ws, zone_alert(ws, names, "Severe on proposed"), tmp_path / "n.xml").latest.xml)
    geocodes = [(text(g, "cap:valueName"), text(g, "cap:value"))
                for g in need_root.findall("cap:info[1]/cap:area/cap:geocode", NS)]
    assert geocodes == [("PCODE", "SY02")]
    admin = alert_about(ws, "population-exposed", "admin:SY01")
    admin_root = parse(export_cap(ws, admin, tmp_path / "a.xml").latest.xml)
    assert text(admin_root, "cap:info/cap:area/cap:geocode/cap:value") == "SY01"
    # the rule's own action is the instruction, not part of the description
    corridor = next(a for a in alerts if a.rule_id == "corridor-at-risk")
    root = parse(export_cap(ws, corridor, tmp_path / "c.xml").latest.xml)
    assert text(root, "cap:info/cap:instruction").startswith("Inform the corridor focal points")
    assert "focal points" not in text(root, "cap:info/cap:description")


def test_each_language_says_it_in_its_own_words(case, tmp_path):
    ws, names, _ = case
    root = parse(export_cap(ws, zone_alert(ws, names, "Shelling near open"), tmp_path / "a.xml").latest.xml)
    words = {text(i, "cap:language"): i for i in root.findall("cap:info", NS)}
    assert text(words["en"], "cap:event") == "Severe needs close to danger"
    assert text(words["fr"], "cap:event") == "Besoins sévères à proximité d'un danger"
    assert text(words["es"], "cap:event") == "Necesidades graves cerca de un peligro"
    assert text(words["ar"], "cap:event") == "احتياجات حادة قرب منطقة خطر"
    # numbers grouped as each language writes them, hazards in the layer kind's own translations
    assert "8\u202f000 personnes" in text(words["fr"], "cap:description")
    assert "bombardements d'artillerie" in text(words["fr"], "cap:headline")
    assert "8.000 personas" in text(words["es"], "cap:description")
    assert "قصف مدفعي" in text(words["ar"], "cap:headline")
    assert "8,000 people" in text(words["en"], "cap:description")
    assert text(words["fr"], "cap:area/cap:areaDesc") == "Zone de danger Shelling near open"
    # the default instruction of the rule type (the rule gives none), translated
    assert text(words["fr"], "cap:instruction").startswith("Vérifiez avec les partenaires sur place")


def test_languages_asked_for_one_message(case, tmp_path):
    ws, names, _ = case
    alert = zone_alert(ws, names, "Shelling near open")
    root = parse(export_cap(ws, alert, tmp_path / "a.xml", languages=("fr",)).latest.xml)
    assert [text(i, "cap:language") for i in root.findall("cap:info", NS)] == ["en", "fr"]  # English always
    with pytest.raises(FormatError, match="'de'"):
        export_cap(ws, alert, tmp_path / "b.xml", languages=("de",))
    assert not (tmp_path / "b.xml").exists()
    assert len(cap_messages.messages(ws, alert.id)) == 1  # the refused one was not recorded


def test_rule_texts_must_be_translated_into_the_response_languages(case, tmp_path):
    ws, _, engine = case
    bad = tmp_path / "bad.toml"
    rule = ('languages = ["en", "fr"]\n[[rule]]\nid = "x"\ntype = "need_near_danger"\nlevel = "high"\n'
            'min_phase = 4\ninstruction = "Call the site focal point."\n')
    bad.write_text(rule, encoding="utf-8")
    with pytest.raises(AnalysisError) as info:
        adopt_rules(ws, bad)
    assert "rule 0 ('x')" in info.value.message and "'instruction'" in info.value.message
    assert "'fr'" in info.value.message
    good = tmp_path / "good.toml"
    good.write_text(rule + '[rule.translations.fr]\ninstruction = "Appelez le point focal du site."\n',
                    encoding="utf-8")
    adopt_rules(ws, good)
    engine.evaluate()
    alert = next(a for a in list_alerts(ws, states=("active",)) if a.rule_id == "x")
    root = parse(export_cap(ws, alert, tmp_path / "x.xml").latest.xml)
    assert [text(i, "cap:instruction") for i in root.findall("cap:info", NS)] == [
        "Call the site focal point.", "Appelez le point focal du site."]
    # a language asked for one message that the rule file does not translate: English there, and said
    spanish = export_cap(ws, alert, tmp_path / "es.xml", languages=("es",))
    assert any("'es'" in w and "instruction" in w for w in spanish.warnings)
    infos = parse(spanish.latest.xml).findall("cap:info", NS)
    assert text(infos[1], "cap:language") == "es"
    assert text(infos[1], "cap:instruction") == "Call the site focal point."
    assert text(infos[1], "cap:headline").startswith("Zona de peligro")  # the rest is in Spanish


def test_shipped_texts_are_complete_and_checked():
    table = text_table()
    assert {"en", "fr", "ar", "es"} <= set(table.languages)
    example = Path(__file__).resolve().parent.parent / "resources" / "triggers" / "example.toml"
    from humanops.analysis.trigger_rules import parse_rule_file

    parsed = parse_rule_file(example.read_text(encoding="utf-8"), source=str(example))
    assert parsed.languages == ("en", "fr", "ar")  # every shipped rule's texts translated
    broken = '''languages = ["en", "fr"]\n[grouping]\nen = ","\nfr = " "\n[decimal]\nen = "."\nfr = ","\n
[text.a.headline]\nen = "{people} people in {where}"\nfr = "{people} personnes"\n'''
    with pytest.raises(AnalysisError, match=r"text\.a\.headline\.fr: placeholders"):
        parse_text_table(broken, source="texts.toml")


# --------------------------------------------------------------------------- one alert per zone


def test_need_near_danger_is_one_alert_per_zone_listing_its_needs(case, tmp_path):
    ws, names, _ = case
    # 25 more needs of phase 5 around the shelling zone, in two admin areas
    needs = gpd.GeoDataFrame(
        {"name": [f"Site {i:02d}" for i in range(25)], "population": [100 + i for i in range(25)],
         "severity_phase": [5] * 25, "admin_code": ["SY01" if i % 2 else "SY03" for i in range(25)]},
        geometry=[shapely.Point(505100 + 30 * i, 3700400 + 20 * i) for i in range(25)],
        crs=CASE["crs"]).to_crs(4326)
    ws.add_frame("need", needs)
    need_alerts = [a for a in list_alerts(ws, states=("active",)) if a.rule_id == "severe-need-near-danger"]
    assert len(need_alerts) == 2  # one per zone, not one per need
    alert = zone_alert(ws, names, "Shelling near open")
    assert len([f for f in alert.features if f.role == "cause"]) == 26
    assert "26 need location(s)" in alert.headline
    lines = alert.description.splitlines()
    assert "- Camp 1 (phase 4, population 8,000, P-code SY01)" not in lines[1:21]  # the worst (phase 5) first
    assert lines[-1] == "- ... and 6 more"
    assert alert.geocodes == (("PCODE", "SY01"), ("PCODE", "SY03"))
    root = parse(export_cap(ws, alert, tmp_path / "a.xml").latest.xml)
    polygon = cap_polygon_geometry(text(root, "cap:info/cap:area/cap:polygon"), "test")
    zone = ws.get_feature("danger_zone", names["danger_zone"]["Shelling near open"]).geometry
    assert polygon.symmetric_difference(zone).area < 1e-3 * zone.area  # the zone's polygon (to 1e-6°)


# --------------------------------------------------------------------------- the chain


def _refs(root) -> list[str]:
    return (text(root, "cap:references") or "").split()


def test_alert_update_cancel_chain(case, tmp_path):
    ws, names, _ = case
    alert = zone_alert(ws, names, "Shelling near open")
    first = export_cap(ws, alert, tmp_path / "1.xml")
    alert_root = parse(first.latest.xml)
    assert text(alert_root, "cap:msgType") == "Alert" and alert_root.find("cap:references", NS) is None

    again = export_cap(ws, zone_alert(ws, names, "Shelling near open"), tmp_path / "1b.xml")
    assert again.new is None and (tmp_path / "1b.xml").read_bytes() == (tmp_path / "1.xml").read_bytes()

    # a need joins the zone's alert: an Update referencing the Alert
    ws.add_feature("need", utm("POINT (505600 3700700)"),
                   {"name": "New camp", "population": 50, "severity_phase": 5, "admin_code": "SY03"})
    update = export_cap(ws, zone_alert(ws, names, "Shelling near open"), tmp_path / "2.xml")
    update_root = parse((tmp_path / "2.xml").read_bytes())
    assert text(update_root, "cap:msgType") == "Update"
    assert _refs(update_root) == [f"ocha,{first.new.identifier},{text(alert_root, 'cap:sent')}"]
    assert "New camp" in text(update_root, "cap:info/cap:description")
    assert [text(g, "cap:value") for g in update_root.findall("cap:info[1]/cap:area/cap:geocode", NS)] == [
        "SY01", "SY03"]

    # the zone falls below the rule's severity: resolved, a Cancel referencing both
    zone_uuid = names["danger_zone"]["Shelling near open"]
    ws.update_feature("danger_zone", zone_uuid, properties={"severity": 2})
    resolved = zone_alert(ws, names, "Shelling near open")
    assert resolved.state == "resolved"
    cancel = export_cap(ws, resolved, tmp_path / "3.xml")
    cancel_root = parse((tmp_path / "3.xml").read_bytes())
    assert text(cancel_root, "cap:msgType") == "Cancel"
    assert _refs(cancel_root) == [_refs(update_root)[0],
                                  f"ocha,{update.new.identifier},{text(update_root, 'cap:sent')}"]
    assert text(cancel_root, "cap:info/cap:urgency") == "Past"
    assert text(cancel_root, "cap:info/cap:headline").startswith("Ended: ")
    assert cancel_root.find("cap:info/cap:instruction", NS) is None
    identifiers = [first.new.identifier, update.new.identifier, cancel.new.identifier]
    assert len(set(identifiers)) == 3
    assert export_cap(ws, resolved, tmp_path / "3b.xml").new is None  # cancelled already

    # --all: the whole chain, one file per message, in the order issued
    chain = export_cap(ws, resolved, tmp_path / "chain", all_messages=True)
    assert [Path(f).name for f in chain.files] == [f"{i}.xml" for i in identifiers]
    for f in chain.files:
        parse(Path(f).read_bytes())

    # it fires again: a new chain, starting with an Alert of its own
    ws.update_feature("danger_zone", zone_uuid, properties={"severity": 4})
    restart = export_cap(ws, zone_alert(ws, names, "Shelling near open"), tmp_path / "4.xml")
    restart_root = parse(restart.latest.xml)
    assert text(restart_root, "cap:msgType") == "Alert" and restart_root.find("cap:references", NS) is None
    assert restart.new.identifier not in identifiers and restart.new.chain == 2


def test_actual_and_exercise_messages_are_separate_chains(case, tmp_path):
    ws, names, _ = case
    alert = zone_alert(ws, names, "Severe on proposed")
    actual = export_cap(ws, alert, tmp_path / "actual.xml", status="Actual")
    exercise = export_cap(ws, alert, tmp_path / "exercise.xml", status="Exercise")
    assert actual.new.identifier != exercise.new.identifier
    assert text(parse(exercise.latest.xml), "cap:status") == "Exercise"
    assert exercise.new.msg_type == "Alert"  # its own chain, not an Update of the Actual one
    ws.add_feature("need", utm("POINT (505400 3711900)"), {"name": "Camp 5", "population": 10, "severity_phase": 4})
    update = export_cap(ws, zone_alert(ws, names, "Severe on proposed"), tmp_path / "u.xml", status="Exercise")
    assert _refs(parse(update.latest.xml)) == [exercise.new.reference]


def test_sent_is_the_scenario_clock_and_expiry_follows_the_zones(case, tmp_path):
    ws, names, _ = case
    ws.set_meta("scenario_now", "2026-06-01T12:00:00.000Z")
    zone_uuid = names["danger_zone"]["Severe on proposed"]
    ws.update_feature("danger_zone", zone_uuid, properties={"valid_until": datetime(2026, 6, 1, 18, tzinfo=UTC)})
    alert = zone_alert(ws, names, "Severe on proposed")
    assert alert.zones_valid_until == datetime(2026, 6, 1, 18, tzinfo=UTC)
    root = parse(export_cap(ws, alert, tmp_path / "a.xml").latest.xml)
    assert text(root, "cap:sent") == "2026-06-01T12:00:00+00:00"
    assert text(root, "cap:status") == "Exercise"  # a scenario workspace's default
    assert text(root, "cap:info/cap:expires") == "2026-06-01T18:00:00+00:00"  # the zone ends before 12 h
    other = zone_alert(ws, names, "Shelling near open")  # open-ended zone: the rule's 12 hours
    other_root = parse(export_cap(ws, other, tmp_path / "b.xml").latest.xml)
    assert text(other_root, "cap:info/cap:expires") == "2026-06-02T00:00:00+00:00"


# --------------------------------------------------------------------------- read back by our own import


def test_our_chain_reads_back_through_our_cap_import(case, tmp_path):
    ws, names, _ = case
    ws.set_meta("scenario_now", "2026-06-01T12:00:00.000Z")
    alert = zone_alert(ws, names, "Shelling near open")
    export_cap(ws, alert, tmp_path / "1-alert.xml")
    ws.set_meta("scenario_now", "2026-06-01T13:00:00.000Z")
    ws.add_feature("need", utm("POINT (505600 3700700)"), {"name": "New camp", "population": 50, "severity_phase": 5})
    export_cap(ws, zone_alert(ws, names, "Shelling near open"), tmp_path / "2-update.xml")
    ws.set_meta("scenario_now", "2026-06-01T15:00:00.000Z")
    ws.update_feature("danger_zone", names["danger_zone"]["Shelling near open"], properties={"severity": 2})
    export_cap(ws, zone_alert(ws, names, "Shelling near open"), tmp_path / "3-cancel.xml")
    zone = ws.get_feature("danger_zone", names["danger_zone"]["Shelling near open"]).geometry

    hazard = MappingChoice(constants={"hazard": "shelling"})
    with Workspace.create(tmp_path / "partner.gpkg", organisation="wfp") as partner:
        # a scenario's alerts go out as status Exercise, which only another scenario takes in (issue 15)
        partner.set_meta("scenario", "kavera-demo")
        # our event names a rule, not a hazard: the humanops:hazard event code gives it
        report = import_file(partner, tmp_path / "1-alert.xml")
        assert report.status == "imported" and report.imported == 1  # four languages, one area: one zone
        (made,) = partner.read_layer("danger_zone").to_dict("records")
        assert made["geometry"].symmetric_difference(zone).area < 1e-3 * zone.area
        assert made["valid_from"].to_pydatetime() == datetime(2026, 6, 1, 12, tzinfo=UTC)  # sent
        assert made["valid_until"].to_pydatetime() == datetime(2026, 6, 2, 0, tzinfo=UTC)  # expires: 12 h
        assert made["severity"] == 5 and made["hazard"] == "shelling"  # Extreme, Immediate; the zone's hazard

        import_file(partner, tmp_path / "2-update.xml", mapping=hazard)
        (updated,) = partner.read_layer("danger_zone").to_dict("records")
        assert updated["uuid"] == made["uuid"] and updated["version"] == made["version"] + 1
        assert "New camp" in updated["notes"]

        import_file(partner, tmp_path / "3-cancel.xml", mapping=hazard)
        (ended,) = partner.read_layer("danger_zone").to_dict("records")
        assert ended["uuid"] == made["uuid"]
        assert ended["valid_until"].to_pydatetime() == datetime(2026, 6, 1, 15, tzinfo=UTC)  # the Cancel's sent


# --------------------------------------------------------------------------- CLI and the record


def test_cli_writes_the_latest_message_and_the_chain(case, tmp_path, capsys):
    ws, names, _ = case
    alert = zone_alert(ws, names, "Shelling near open")
    path = str(ws.path)
    out = tmp_path / "alert.xml"
    argv = ["-w", path, "triggers", "cap", alert.id[:8], "--out", str(out), "--status", "Exercise", "--json"]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["issued"] == doc["messages"][0]["identifier"] and doc["messages"][0]["msgType"] == "Alert"
    assert doc["messages"][0]["languages"] == ["en", "fr", "ar", "es"]
    parse(out.read_bytes())
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["issued"] is None  # nothing changed: the same message

    assert main(["-w", path, "triggers", "cap", alert.id, "--out", str(tmp_path / "fr.xml"), "--lang", "fr",
                 "--status", "Exercise"]) == 0
    out_text, err = capsys.readouterr()
    assert "issued CAP 1.2 Update" in out_text and err == ""  # other languages: other content
    assert main(["-w", path, "triggers", "cap", alert.id, "--out", str(tmp_path / "chain"), "--all",
                 "--status", "Exercise", "--json"]) == 0
    chain = json.loads(capsys.readouterr().out)
    # the four languages again after the French one: what it says changed, so an Update first
    assert [m["msgType"] for m in chain["messages"]] == ["Alert", "Update", "Update"]
    assert [Path(f).name for f in chain["files"]] == [f"{m['identifier']}.xml" for m in chain["messages"]]
    assert all(Path(f).parent == tmp_path / "chain" for f in chain["files"])

    code = main(["-w", path, "triggers", "cap", alert.id, "--out", str(tmp_path / "de.xml"), "--lang", "de"])
    _, err = capsys.readouterr()
    assert code == 1 and "'de'" in err and err.count("\n") == 1
    code = main(["-w", path, "triggers", "cap", alert.id, "--out", str(tmp_path / "w.xml"), "--web", "not a url"])
    assert code == 2 and "--web" in capsys.readouterr().err


def test_missing_web_address_is_a_warning(workspace, tmp_path, capsys):
    load_case(workspace, CASE)
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES.replace(f'web = "{WEB}"', ""), encoding="utf-8")
    adopt_rules(workspace, rules)
    attach_triggers(workspace, at=AT).evaluate()
    alert = list_alerts(workspace)[0]
    code = main(["-w", str(workspace.path), "triggers", "cap", alert.id, "--out", str(tmp_path / "a.xml")])
    _, err = capsys.readouterr()
    assert code == 0 and "no <web> address" in err
    assert parse((tmp_path / "a.xml").read_bytes()).find("cap:info/cap:web", NS) is None


def test_messages_are_kept_as_bookkeeping(case, tmp_path):
    ws, names, _ = case
    alert = zone_alert(ws, names, "Shelling near open")
    issued = export_cap(ws, alert, tmp_path / "a.xml")
    (kept,) = cap_messages.messages(ws, alert.id)
    assert kept.xml == (tmp_path / "a.xml").read_bytes() == issued.latest.xml
    assert kept.sent == text(parse(kept.xml), "cap:sent")
    listed = ws.connection.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?",
                                   (cap_messages.TABLE,)).fetchone()
    assert listed is None  # not a layer a user opens in QGIS


def test_write_into_missing_folder_records_nothing(case, tmp_path):
    ws, names, _ = case
    alert = zone_alert(ws, names, "Shelling near open")
    with pytest.raises(FormatError, match="folder does not exist"):
        export_cap(ws, alert, tmp_path / "missing" / "a.xml")
    assert cap_messages.messages(ws, alert.id) == []


def test_resolved_alert_never_sent_has_nothing_to_cancel(case, tmp_path):
    ws, names, _ = case
    ws.update_feature("danger_zone", names["danger_zone"]["Shelling near open"], properties={"severity": 2})
    alert = zone_alert(ws, names, "Shelling near open")
    assert alert.state == "resolved"
    with pytest.raises(FormatError, match="nothing to cancel"):
        export_cap(ws, alert, tmp_path / "a.xml")
    assert not (tmp_path / "a.xml").exists()


def test_alerts_table_of_an_earlier_version_gains_the_new_columns(workspace, tmp_path):
    from humanops.analysis import triggers

    with workspace.transaction() as db:
        db.execute(triggers.ALERTS_DDL.replace(
            "instruction TEXT, web TEXT, event_codes TEXT, geocodes TEXT, zones_valid_until DATETIME,\n"
            "        expires_hours REAL, texts TEXT,\n", ""))
        db.execute(f"INSERT INTO {triggers.ALERTS_TABLE} (id, rule_id, subject, state, level, headline, features, "
                   "first_fired, last_fired, updated) VALUES ('a1', 'r', 'need:x', 'active', 'high', 'Old alert', "
                   "'[]', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
    (old,) = list_alerts(workspace)
    assert (old.headline, old.texts, old.instruction) == ("Old alert", {}, "")
    assert "instruction" in [r[1] for r in workspace.connection.execute(
        f"PRAGMA table_info({triggers.ALERTS_TABLE})")]
    # its English words are its own fields; another language it never held is refused, by name
    root = parse(export_cap(workspace, old, tmp_path / "a.xml").latest.xml)
    assert text(root, "cap:info/cap:headline") == "Old alert"
    with pytest.raises(FormatError, match="no texts in 'fr'"):
        export_cap(workspace, old, tmp_path / "b.xml", languages=("fr",))
