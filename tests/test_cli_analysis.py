"""``humanops analyse`` and ``humanops triggers``: JSON, CSV, text, exit codes, one-line errors."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import xmlschema
from analysis_cases import CASES, load_case, read_case

from humanops.cli import main
from humanops.store.workspace import Workspace

SCHEMA = Path(__file__).parent / "data" / "cap12.xsd"
AT = "2026-06-01T12:00:00Z"


def _case_workspace(tmp_path_factory, case: str) -> Path:
    path = tmp_path_factory.mktemp("cli") / "ws.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load_case(ws, read_case(case))
    return path


@pytest.fixture(scope="module")
def ws_path(tmp_path_factory) -> Path:
    """Workspace of the exposure case (read-only commands)."""
    return _case_workspace(tmp_path_factory, "exposure_two_hazards.json")


@pytest.fixture(scope="module")
def corridor_ws(tmp_path_factory) -> Path:
    return _case_workspace(tmp_path_factory, "corridor_risk_three_corridors.json")


@pytest.fixture
def triggers_ws(tmp_path_factory) -> Path:
    return _case_workspace(tmp_path_factory, "triggers_case.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exposure_json(ws_path, capsys):
    code, out, _ = run(capsys, "-w", ws_path, "analyse", "exposure", "--at", AT, "--by", "severity", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["operation"] == "exposure"
    assert doc["summary"]["needs_total"] == 5
    rows = {r["severity"]: r for r in doc["tables"]["exposure"]}
    assert set(rows) == {3, 5}
    assert rows[5]["population"] == 500  # villages B and C
    assert rows[3]["population"] == 100  # village A (flood 2 and shelling 3: counted at 3)
    assert sum(r["population"] for r in rows.values()) == doc["summary"]["population_exposed"] == 600


def test_exposure_csv(ws_path, capsys, tmp_path):
    out_file = tmp_path / "exposure.csv"
    code, out, _ = run(capsys, "-w", ws_path, "analyse", "exposure", "--at", AT, "--distance", "1100",
                       "--by", "hazard,severity,admin_code", "--csv", out_file)
    assert code == 0 and "wrote" in out
    with out_file.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"hazard", "severity", "admin_code", "needs", "population", "pin_food"} <= set(rows[0])
    flood = [r for r in rows if r["hazard"] == "flood"]
    assert [(r["admin_code"], r["population"]) for r in flood] == [("SY01", "300")]


def test_exposure_text(ws_path, capsys):
    code, out, _ = run(capsys, "-w", ws_path, "analyse", "exposure", "--at", AT)
    assert code == 0
    assert "people exposed" in out and "shelling" in out


@pytest.mark.parametrize(("lang", "sep"), [("en", ","), ("fr_FR.UTF-8", "\u202f"), ("es", ".")])
def test_text_numbers_follow_the_locale_and_json_does_not(ws_path, capsys, monkeypatch, tmp_path, lang, sep):
    """Human lines group thousands as the reader's language does (Babel); --json never changes."""
    path = tmp_path / "ws.gpkg"
    shutil.copyfile(ws_path, path)
    with Workspace.open(path) as ws:   # big camps: numbers with thousands
        for uid in ws.uuids("need"):
            feature = ws.get_feature("need", uid)
            ws.update_feature("need", uid, properties={"population": (feature.properties["population"] or 1) * 1000})
    monkeypatch.setenv("HUMANOPS_LANG", lang)
    code, out, _ = run(capsys, "-w", path, "analyse", "exposure", "--at", AT, "--json")
    exposed = json.loads(out)["summary"]["population_exposed"]
    assert code == 0 and isinstance(exposed, int) and exposed >= 1000
    code, out, _ = run(capsys, "-w", path, "analyse", "exposure", "--at", AT)
    assert f"{exposed:,}".replace(",", sep) + " people exposed" in out


def test_corridors_json_and_text(corridor_ws, capsys):
    code, out, _ = run(capsys, "-w", corridor_ws, "analyse", "corridors", "--at", AT, "--reach", "150", "--json")
    assert code == 0
    doc = json.loads(out)
    rows = {r["name"]: r for r in doc["tables"]["corridors"]}
    assert {n: r["risk_score"] for n, r in rows.items()} == {"A": 75.0, "B": 15.0, "C": 0.0}
    assert rows["C"]["facility_count"] == 0  # F1 is 200 m beyond C's edge: out of a 150 m reach
    assert doc["summary"]["reach_m"] == 150
    code, out, _ = run(capsys, "-w", corridor_ws, "analyse", "corridors", "--at", AT)
    assert code == 0 and "risk_score" in out and "negotiated" in out


def test_corridors_csv_joins_lists(corridor_ws, capsys, tmp_path):
    out_file = tmp_path / "corridors.csv"
    assert run(capsys, "-w", corridor_ws, "analyse", "corridors", "--at", AT, "--csv", out_file)[0] == 0
    with out_file.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    corridor_a = next(r for r in rows if r["name"] == "A")
    assert len(corridor_a["zones"].split(";")) == 3


@pytest.mark.parametrize(("argv", "needle"), [
    (["analyse", "exposure", "--distance", "-1"], "'distance'"),
    (["analyse", "exposure", "--by", "colour"], "'by'"),
    (["analyse", "corridors", "--at", "soon"], "'at'"),
])
def test_bad_parameter_is_usage_error(ws_path, capsys, argv, needle):
    code, out, err = run(capsys, "-w", ws_path, *argv)
    assert code == 2
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_missing_workspace_is_usage_error(capsys, monkeypatch):
    monkeypatch.delenv("HUMANOPS_WORKSPACE", raising=False)
    code, _, err = run(capsys, "analyse", "exposure")
    assert code == 2 and "no workspace" in err


def test_list_operations(capsys):
    code, out, _ = run(capsys, "analyse", "list", "--json")
    assert code == 0
    ids = {op["id"] for op in json.loads(out)["operations"]}
    assert {"exposure", "corridor_risk", "triggers"} <= ids


def test_triggers_adopt_check_ack_cap(triggers_ws, capsys, tmp_path):
    ws_path = triggers_ws
    code, out, _ = run(capsys, "-w", ws_path, "triggers", "adopt", CASES / "triggers_rules.toml", "--json")
    assert code == 0
    assert json.loads(out)["adopted"] == ["corridor-at-risk", "population-exposed", "severe-need-near-danger"]

    code, out, _ = run(capsys, "-w", ws_path, "triggers", "check", "--at", AT, "--json")
    assert code == 0
    alerts = json.loads(out)["alerts"]
    assert {a["rule"] for a in alerts} == {"corridor-at-risk", "population-exposed", "severe-need-near-danger"}
    corridor_alert = next(a for a in alerts if a["rule"] == "corridor-at-risk")
    assert {f["layer"] for f in corridor_alert["features"]} == {"corridor", "danger_zone"}

    code, out, _ = run(capsys, "-w", ws_path, "triggers", "check", "--at", AT)
    assert code == 0 and "corridor-at-risk" in out and "active" in out

    cap_file = tmp_path / "alert.xml"
    code, out, _ = run(capsys, "-w", ws_path, "triggers", "cap", corridor_alert["id"][:8], "--out", cap_file,
                       "--status", "Exercise")
    assert code == 0 and cap_file.exists()
    xmlschema.XMLSchema(str(SCHEMA)).validate(str(cap_file))
    assert "<status>Exercise</status>" in cap_file.read_text(encoding="utf-8")

    code, out, _ = run(capsys, "-w", ws_path, "triggers", "ack", corridor_alert["id"], "--json")
    assert code == 0 and json.loads(out)["state"] == "acknowledged"

    code, out, _ = run(capsys, "-w", ws_path, "triggers", "rules")
    assert code == 0 and "danger_near_corridor" in out


def test_triggers_malformed_file_is_refused_in_one_line(corridor_ws, capsys, tmp_path):
    ws_path = corridor_ws
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\ntype = "need_near_danger"\nlevel = "high"\n', encoding="utf-8")
    code, _, err = run(capsys, "-w", ws_path, "triggers", "adopt", bad)
    assert code == 1
    assert "rule 0 ('x')" in err and "'min_phase'" in err and err.count("\n") == 1


def test_triggers_cap_unknown_alert(ws_path, capsys, tmp_path):
    code, _, err = run(capsys, "-w", ws_path, "triggers", "cap", "no-such-alert", "--out", tmp_path / "a.xml")
    assert code == 1 and "no alert" in err
    assert not (tmp_path / "a.xml").exists()
