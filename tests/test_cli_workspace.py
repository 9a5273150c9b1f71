"""The CLI's conventions: exit codes, --json, one readable line, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

from shapely.geometry import Point

from humanops.cli import main
from humanops.store.gpkg_geometry import register_functions
from humanops.store.workspace import Workspace


def test_init_info_validate(tmp_path, capsys, monkeypatch):
    path = tmp_path / "ws.gpkg"
    assert main(["init", str(path), "--org", "medaid"]) == 0
    with Workspace.open(path) as ws:
        ws.add_feature("need", Point(30, 10), {"name": "a", "population": 4})
    capsys.readouterr()
    assert main(["-w", str(path), "info", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["layers"]["need"]["count"] == 1 and doc["organisation"] == "medaid"
    assert doc["layers"]["need"]["tlp"] == {"AMBER": 1}
    monkeypatch.setenv("HUMANOPS_WORKSPACE", str(path))
    assert main(["validate"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_refused_input_exits_1_with_one_line(tmp_path, capsys):
    assert main(["-w", str(tmp_path / "missing.gpkg"), "info"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.gpkg" in err and "Traceback" not in err
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"\x00garbage" * 100)
    assert main(["-w", str(bad), "info"]) == 1
    assert "not a GeoPackage" in capsys.readouterr().err


def test_wrong_usage_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("HUMANOPS_WORKSPACE", raising=False)
    assert main(["info"]) == 2
    assert "no workspace" in capsys.readouterr().err
    proc = subprocess.run([sys.executable, "-m", "humanops.cli", "no-such-command"],
                          capture_output=True, text=True)
    assert proc.returncode == 2


def test_validate_reports_a_corrupted_feature(tmp_path, capsys):
    import sqlite3

    path = tmp_path / "ws.gpkg"
    with Workspace.create(path) as ws:
        f = ws.add_feature("need", Point(30, 10), {"name": "a", "population": 4})
    connection = sqlite3.connect(path)
    register_functions(connection)  # GDAL's R-tree triggers need them, as in QGIS
    connection.execute("UPDATE need SET population = -5 WHERE uuid = ?", (f.uuid,))
    connection.commit()
    connection.close()
    capsys.readouterr()
    assert main(["-w", str(path), "validate", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["problems"][0]["feature"] == f.uuid and doc["problems"][0]["field"] == "population"
