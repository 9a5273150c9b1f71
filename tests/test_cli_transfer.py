"""``humanops import`` / ``humanops export``: exit codes 0/1/2, the report on stdout (text or
JSON), one readable line on stderr for refused input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import Point

from humanops.cli import main
from humanops.model.marking import TLP, Marking

CSV = "name,lat,lon,population\nCamp A,33.5,36.2,120\nCamp B,33.6,36.3,80\n"


@pytest.fixture
def ws_path(workspace) -> Path:
    path = workspace.path
    workspace.close()
    return path


def _csv(tmp_path: Path, text: str = CSV, name: str = "needs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_prints_the_report(ws_path, tmp_path, capsys):
    assert main(["-w", str(ws_path), "import", str(_csv(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "imported 2" in out and "population → population" in out


def test_import_json(ws_path, tmp_path, capsys):
    assert main(["-w", str(ws_path), "import", str(_csv(tmp_path)), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "imported" and doc["counts"]["imported"] == 2
    assert doc["layers"][0]["layer"] == "need"


def test_refused_import_exits_1_with_report_and_one_line(ws_path, tmp_path, capsys, snapshot):
    before = snapshot(ws_path)
    bad = _csv(tmp_path, CSV.replace(",80", ",eighty"))
    assert main(["-w", str(ws_path), "import", str(bad)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and "row 3" in lines[0] and "field population" in lines[0]
    assert "[rejected] row 3 (Camp B), field population" in captured.out  # the report, even so
    assert snapshot(ws_path) == before


def test_refused_import_json_report(ws_path, tmp_path, capsys):
    bad = _csv(tmp_path, CSV.replace(",80", ",eighty"))
    assert main(["-w", str(ws_path), "import", str(bad), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "refused" and doc["written"] is False
    problem = doc["layers"][0]["problems"][0]
    assert (problem["row"], problem["field"], problem["action"]) == (3, "population", "rejected")


def test_dry_run_and_skip_rejected(ws_path, tmp_path, capsys, snapshot):
    bad = _csv(tmp_path, CSV.replace(",80", ",eighty"))
    before = snapshot(ws_path)
    assert main(["-w", str(ws_path), "import", str(_csv(tmp_path, name="ok.csv")), "--dry-run"]) == 0
    assert "would import 2" in capsys.readouterr().out
    assert snapshot(ws_path) == before
    assert main(["-w", str(ws_path), "import", str(bad), "--skip-rejected", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"] == {"read": 2, "imported": 1, "repaired": 0, "rejected": 1}


def test_import_layer_and_crs_options(ws_path, tmp_path, capsys):
    utm = _csv(tmp_path, "name,x,y,population\nA,239880.18,3710228.98,5\n", name="points.csv")
    assert main(["-w", str(ws_path), "import", str(utm), "--layer", "need", "--crs", "EPSG:32637",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["layers"][0]["source_crs"] == "EPSG:32637"
    from humanops.store.workspace import Workspace

    with Workspace.open(ws_path) as ws:
        x, y = ws.read_layer("need").geometry.iloc[0].coords[0]
    assert abs(x - 36.2) < 1e-6 and abs(y - 33.5) < 1e-6


def test_wrong_usage_exits_2(ws_path, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("HUMANOPS_WORKSPACE", raising=False)
    assert main(["-w", str(ws_path), "import", str(_csv(tmp_path)), "--crs", "nonsense"]) == 2
    assert "nonsense" in capsys.readouterr().err
    assert main(["import", str(_csv(tmp_path))]) == 2  # no workspace
    assert main(["-w", str(ws_path), "import"]) == 2  # FILE missing (optional only for --list-profiles)
    assert "import needs a FILE" in capsys.readouterr().err


def test_bad_files_exit_1(ws_path, tmp_path, capsys):
    broken = tmp_path / "need.geojson"
    broken.write_text("{", encoding="utf-8")
    assert main(["-w", str(ws_path), "import", str(broken)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(broken) in err[0]
    assert main(["-w", str(ws_path), "import", str(tmp_path / "missing.csv")]) == 1
    assert main(["-w", str(ws_path), "import", str(_csv(tmp_path)), "--layer", "nonsense"]) == 1


def test_export_and_warning_above_clear(workspace, tmp_path, capsys):
    workspace.add_feature("need", Point(36, 33), {"name": "a", "population": 1}, Marking(tlp=TLP.RED))
    workspace.add_feature("facility", Point(36, 33), {"name": "b", "facility_type": "hospital"},
                          Marking(tlp=TLP.CLEAR))
    path = workspace.path
    workspace.close()
    out = tmp_path / "all.gpkg"
    assert main(["-w", str(path), "export", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["layers"] == {"facility": 1, "need": 1} and doc["tlp"] == {"CLEAR": 1, "RED": 1}
    assert "warning" in captured.err and "TLP:CLEAR" in captured.err
    assert main(["-w", str(path), "export", str(tmp_path / "f.geojson"), "--layer", "facility"]) == 0
    captured = capsys.readouterr()
    assert "Exported 1 feature" in captured.out and captured.err == ""
    # several layers to GeoJSON: one file per layer, named after it (issue 10, item 8)
    assert main(["-w", str(path), "export", str(tmp_path / "all.geojson")]) == 0
    capsys.readouterr()
    assert (tmp_path / "all_need.geojson").exists() and (tmp_path / "all_facility.geojson").exists()
    assert main(["-w", str(path), "export", str(tmp_path / "two.kml"), "--layer", "need",
                 "--layer", "facility"]) == 0
