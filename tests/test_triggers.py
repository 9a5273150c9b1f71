"""Preauthorised triggers: rules fire or not, alerts follow edits, malformed rule files change nothing."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from analysis_cases import CASES, load_case, read_case

from humanops.analysis import trigger_subscription
from humanops.analysis.trigger_rules import parse_rules
from humanops.analysis.triggers import (
    TriggerEngine,
    acknowledge,
    adopt_rules,
    attach_triggers,
    list_alerts,
    load_rules,
)
from humanops.errors import AnalysisError
from humanops.model.marking import TLP, Marking

CASE = read_case("triggers_case.json")
RULES = CASES / "triggers_rules.toml"
EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "triggers" / "example.toml"
AT = datetime.fromisoformat(CASE["at"])


def utm(wkt: str):
    return gpd.GeoSeries([shapely.from_wkt(wkt)], crs=CASE["crs"]).to_crs(4326).iloc[0]


@pytest.fixture
def scenario(workspace):
    names = load_case(workspace, CASE)
    adopt_rules(workspace, RULES)
    return workspace, names


def _by_subject(alerts, names):
    """{rule: {subject with names: sorted cause zone names}} for comparison with the case."""
    uuid_names = {u: n for layer in names.values() for n, u in layer.items()}
    out: dict[str, dict[str, list[str]]] = {}
    for alert in alerts:
        kind, _, key = alert.subject.partition(":")
        subject = f"{kind}:{uuid_names.get(key, key)}"
        causes = sorted(uuid_names[f.uuid] for f in alert.features if f.role == "cause")
        out.setdefault(alert.rule_id, {})[subject] = causes
    return out


def test_example_rule_file_is_valid():
    rules = parse_rules(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))
    assert [r.type for r in rules] == ["danger_near_corridor", "population_exposed", "need_near_danger"]
    assert rules[0].corridor_status == ("open", "negotiated")
    assert rules[0].cap_severity == "Severe"


def test_rules_fire_exactly_where_expected(scenario):
    ws, names = scenario
    report = TriggerEngine(ws, at=AT).evaluate()
    alerts = list_alerts(ws, states=("active",))
    expected = {rule: {k: sorted(v) for k, v in subjects.items()} for rule, subjects in CASE["expected_alerts"].items()}
    assert _by_subject(alerts, names) == expected
    assert len(report.raised) == 4
    # each alert names the features that fired it, by layer and uuid
    corridor_alert = next(a for a in alerts if a.rule_id == "corridor-at-risk")
    assert {(f.layer, f.uuid, f.role) for f in corridor_alert.features} == {
        ("corridor", names["corridor"]["Open road"], "subject"),
        ("danger_zone", names["danger_zone"]["Shelling near open"], "cause")}
    assert "Open road" in corridor_alert.headline
    assert "Shelling near open" in corridor_alert.description
    assert (corridor_alert.severity, corridor_alert.urgency) == ("Severe", "Immediate")
    assert corridor_alert.certainty == "Observed"  # the zone's confidence is high
    # need_near_danger: one alert per zone, its area the zone's, the needs near it listed with their P-codes
    need_alert = next(a for a in alerts if a.subject == f"zone:{names['danger_zone']['Severe on proposed']}")
    assert need_alert.severity == "Extreme"
    assert need_alert.area.geom_type in ("Polygon", "MultiPolygon") and need_alert.area_radius_m is None
    assert "Camp 3 (phase 5, population 20,000, P-code SY02)" in need_alert.description
    assert need_alert.geocodes == (("PCODE", "SY02"),)
    admin_alert = next(a for a in alerts if a.rule_id == "population-exposed")
    assert "12,000 people" in admin_alert.headline
    assert {f.uuid for f in admin_alert.features if f.role == "subject"} == {
        names["need"]["Camp 1"], names["need"]["Camp 2"]}


def test_evaluating_again_changes_nothing(scenario):
    ws, _ = scenario
    engine = TriggerEngine(ws, at=AT)
    engine.evaluate()
    again = engine.evaluate()
    assert not again.changed
    assert again.active == 4


def test_alerts_follow_edits_when_subscribed(scenario):
    ws, names = scenario
    engine = attach_triggers(ws, at=AT)
    engine.evaluate()
    seen = []
    engine.on_alerts(seen.append)
    # a severity-5 zone across the negotiated road: an alert appears after the edit itself
    zone = ws.add_feature("danger_zone", utm(
        "POLYGON ((502000 3719500, 503000 3719500, 503000 3720500, 502000 3720500, 502000 3719500))"),
        {"name": "New strike", "hazard": "airstrike", "severity": 5})
    negotiated = f"corridor:{names['corridor']['Negotiated road']}"
    active = {a.subject: a for a in list_alerts(ws, states=("active",))}
    assert negotiated in active
    assert seen and seen[-1].raised and seen[-1].raised[0].subject == negotiated
    # lowering its severity below the rule's threshold resolves it
    ws.update_feature("danger_zone", zone.uuid, properties={"severity": 3})
    resolved = {a.subject: a for a in list_alerts(ws, states=("resolved",))}
    assert negotiated in resolved
    # a need of phase 5 placed inside a zone joins that zone's need alert (one alert per zone, not one
    # per need); deleting the need takes it off the alert again
    shelling = f"zone:{names['danger_zone']['Shelling near open']}"
    need = ws.add_feature("need", utm("POINT (505600 3700700)"), {"name": "New camp", "population": 50,
                                                                 "severity_phase": 5})
    zone_alert = next(a for a in list_alerts(ws, states=("active",)) if a.subject == shelling)
    assert ("need", need.uuid, "cause") in {(f.layer, f.uuid, f.role) for f in zone_alert.features}
    assert "New camp" in zone_alert.description and "Camp 1" in zone_alert.description
    assert not any(a.subject.startswith("need:") for a in list_alerts(ws))
    ws.delete_feature("need", need.uuid)
    zone_alert = next(a for a in list_alerts(ws, states=("active",)) if a.subject == shelling)
    assert need.uuid not in {f.uuid for f in zone_alert.features} and "New camp" not in zone_alert.description
    # an edit in a layer no rule reads evaluates nothing
    before = engine.evaluations
    ws.add_feature("facility", utm("POINT (505000 3700000)"), {"name": "Clinic", "facility_type": "health_centre"})
    assert engine.evaluations == before
    engine.close()


def test_bulk_import_is_evaluated(workspace):
    adopt_rules(workspace, RULES)
    engine = attach_triggers(workspace, at=AT)
    load_case(workspace, CASE)  # add_frame per layer, as an import does
    assert len(list_alerts(workspace, states=("active",))) == 4
    engine.close()


def test_acknowledged_alert_is_raised_again_by_a_new_cause(scenario):
    ws, _ = scenario
    engine = attach_triggers(ws, at=AT)
    engine.evaluate()
    alert = next(a for a in list_alerts(ws) if a.rule_id == "corridor-at-risk")
    acked = acknowledge(ws, alert.id[:8], by="wfp")
    assert (acked.state, acked.acknowledged_by) == ("acknowledged", "wfp")
    engine.evaluate()
    assert next(a for a in list_alerts(ws) if a.id == alert.id).state == "acknowledged"
    ws.add_feature("danger_zone", utm(
        "POLYGON ((507000 3699000, 507500 3699000, 507500 3699500, 507000 3699500, 507000 3699000))"),
        {"name": "Second shelling", "hazard": "shelling", "severity": 4})
    again = next(a for a in list_alerts(ws) if a.id == alert.id)
    assert again.state == "active"
    assert len([f for f in again.features if f.role == "cause"]) == 2
    engine.close()


def test_alert_marking_is_the_most_restrictive_of_its_features(workspace):
    zone_uuid = load_case(workspace, CASE)["danger_zone"]["Shelling near open"]
    workspace.update_feature("danger_zone", zone_uuid,
                             marking=Marking(tlp=TLP.RED, releasable_to=("unhcr", "wfp")))
    adopt_rules(workspace, RULES)
    TriggerEngine(workspace, at=AT).evaluate()
    alert = next(a for a in list_alerts(workspace) if a.rule_id == "corridor-at-risk")
    assert alert.tlp == "RED"
    assert alert.releasable_to == ("unhcr", "wfp")


def test_disabled_rule_fires_nothing_and_removed_rule_is_resolved(scenario, tmp_path):
    ws, _ = scenario
    TriggerEngine(ws, at=AT).evaluate()
    text = RULES.read_text(encoding="utf-8").replace('id = "population-exposed"',
                                                      'id = "population-exposed"\nenabled = false')
    text = text.replace('id = "severe-need-near-danger"', 'id = "renamed-need-rule"')
    changed = tmp_path / "changed.toml"
    changed.write_text(text, encoding="utf-8")
    adopt_rules(ws, changed)
    TriggerEngine(ws, at=AT).evaluate()
    active = {a.rule_id for a in list_alerts(ws, states=("active",))}
    assert active == {"corridor-at-risk", "renamed-need-rule"}
    resolved = {a.rule_id for a in list_alerts(ws, states=("resolved",))}
    assert resolved == {"population-exposed", "severe-need-near-danger"}


MALFORMED = [
    ('[[rule]]\nid = "a"\ntype = "danger_near_corridor"\nlevel = "high"\nmin_severity = 4\ndistnce_m = 5\n',
     ["rule 0", "'a'", "'distnce_m'", "unknown key"]),
    ('[[rule]]\nid = "ok"\ntype = "need_near_danger"\nlevel = "low"\nmin_phase = 3\n'
     '[[rule]]\nid = "b"\ntype = "danger_near_corridor"\nlevel = "urgent"\nmin_severity = 4\n',
     ["rule 1", "'b'", "'level'", "urgent"]),
    ('[[rule]]\nid = "c"\ntype = "population_exposed"\nlevel = "medium"\n',
     ["rule 0", "'c'", "'threshold'", "required"]),
    ('[[rule]]\nid = "d"\ntype = "danger_near_corridor"\nlevel = "high"\nmin_severity = 9\n',
     ["rule 0", "'min_severity'", "outside 1..5"]),
    ('[[rule]]\nid = "e"\ntype = "danger_near_corridor"\nlevel = "high"\nmin_severity = 4\n'
     'corridor_status = ["open", "ajar"]\n', ["'corridor_status'", "'ajar'"]),
    ('[[rule]]\nid = "f"\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = "4"\n', ["'min_phase'", "expected"]),
    ('[[rule]]\nid = "g"\ntype = "flood_watch"\nlevel = "high"\n', ["rule 0", "'type'", "flood_watch"]),
    ('[[rule]]\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = 4\n', ["rule 0", "'id'", "required"]),
    ('[[rule]]\nid = "h"\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = 4\n'
     '[[rule]]\nid = "h"\ntype = "need_near_danger"\nlevel = "low"\nmin_phase = 2\n', ["rule 1", "'h'", "same id"]),
    ('[[rule]]\nid = "i"\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = 4\nhazards = ["meteor"]\n',
     ["'hazards'", "'meteor'"]),
    ('[[rule]]\nid = "l"\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = 4\nweb = "www.example.org"\n',
     ["rule 0", "'web'", "absolute http(s) address"]),
    ('[[rule]]\nid = "m"\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = 4\nexpires_hours = 0\n',
     ["'expires_hours'", "outside 0.25..8,760"]),
    ('[[rule]]\nid = "n"\ntype = "need_near_danger"\nlevel = "high"\nmin_phase = 4\n'
     '[rule.translations.pt]\nevent = "Necessidades"\n', ["'translations.pt'", "en, fr, ar, es"]),
    ('languages = ["en", "sw"]\n', ["'languages'", "'sw'"]),
    ('[[rule]\nid = "j"\n', ["not valid TOML"]),
    ('[rule]\nid = "k"\n', ["'rule'", "array of tables"]),
]


@pytest.mark.parametrize(("text", "fragments"), MALFORMED, ids=[f"case{i}" for i in range(len(MALFORMED))])
def test_malformed_rule_file_is_refused_and_previous_rules_stay(scenario, snapshot, tmp_path, text, fragments):
    ws, _ = scenario
    TriggerEngine(ws, at=AT).evaluate()
    before = snapshot(ws.path)
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(AnalysisError) as info:
        adopt_rules(ws, bad)
    message = info.value.message
    assert str(bad) in message
    for fragment in fragments:
        assert fragment in message, message
    assert snapshot(ws.path) == before
    assert [r.id for r in load_rules(ws)] == ["corridor-at-risk", "population-exposed", "severe-need-near-danger"]


def test_missing_rule_file_is_a_clear_error(workspace, tmp_path):
    with pytest.raises(AnalysisError, match="cannot read the rule file"):
        adopt_rules(workspace, tmp_path / "nope.toml")


def test_no_rules_and_empty_layers_give_no_alerts(workspace):
    assert TriggerEngine(workspace).evaluate().active == 0
    adopt_rules(workspace, RULES)
    report = TriggerEngine(workspace).evaluate()
    assert report.active == 0 and not report.changed


def test_a_failing_evaluation_never_breaks_the_edit(scenario, monkeypatch, caplog):
    ws, _ = scenario
    engine = attach_triggers(ws, at=AT)

    def broken(*args, **kwargs):
        raise RuntimeError("bug in a rule evaluator")

    monkeypatch.setattr(trigger_subscription, "evaluate_rules", broken)
    with caplog.at_level(logging.ERROR, logger="humanops.analysis.trigger_subscription"):
        feature = ws.add_feature("need", utm("POINT (505500 3700700)"), {"name": "x", "population": 1})
    assert ws.get_feature("need", feature.uuid).properties["name"] == "x"
    assert isinstance(engine.last_error, RuntimeError)
    assert "bug in a rule evaluator" in caplog.text
    engine.close()
