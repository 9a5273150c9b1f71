"""``humanops info`` read with SQLite and the catalog alone gives what ``Workspace.info`` gives,
refuses what ``Workspace.open`` refuses, and brings an older file up to date as open would."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from shapely.geometry import LineString, Point, Polygon

from humanops.catalog import Catalog, load_catalog
from humanops.cli import main
from humanops.errors import WorkspaceError
from humanops.model.marking import TLP, Marking
from humanops.store.workspace import Workspace
from humanops.store.workspace_summary import workspace_info


def test_the_summary_is_the_workspaces_own(workspace, capsys):
    workspace.add_feature("need", Point(30, 10), {"name": "camp", "population": 40})
    workspace.add_feature("need", Point(31, 11), {"name": "school", "population": 4},
                          Marking(tlp=TLP.RED, expires=datetime.now(UTC) - timedelta(days=1)))
    workspace.add_feature("danger_zone", Polygon([(30, 10), (31, 10), (31, 11)]),
                          {"name": "shelling", "hazard": "shelling", "severity": 4,
                           "valid_from": datetime(2026, 11, 1, tzinfo=UTC)})
    workspace.add_feature("road", LineString([(30, 10), (31, 11)]), {"road_class": "primary"})
    expected = json.loads(json.dumps(workspace.info()))
    assert workspace_info(workspace.path) == expected
    assert expected["layers"]["need"]["count"] == 2 and expected["layers"]["need"]["expired_markings"] == 1
    assert expected["layers"]["need"]["tlp"] == {"AMBER": 1, "RED": 1}
    assert expected["layers"]["danger_zone"]["time_range"][0].startswith("2026-11-01")
    assert main(["-w", str(workspace.path), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected


@pytest.mark.parametrize("make, reason", [
    (lambda path: None, "no such workspace file"),
    (lambda path: path.write_bytes(b"not a database at all, only text" * 40), "not a GeoPackage"),
    (lambda path: sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close(), "not a GeoPackage"),
])
def test_what_is_not_a_workspace_is_refused_as_open_refuses_it(tmp_path, make, reason):
    path = tmp_path / "file.gpkg"
    make(path)
    with pytest.raises(WorkspaceError, match=reason) as light:
        workspace_info(path)
    with pytest.raises(WorkspaceError, match=reason) as full:
        Workspace.open(path)
    assert str(light.value) == str(full.value)


def test_a_plain_geopackage_is_refused_with_the_advice_to_import_it(tmp_path):
    path = tmp_path / "plain.gpkg"
    with Workspace.create(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE humanops_meta")
    with pytest.raises(WorkspaceError, match="import it instead"):
        workspace_info(path)


def test_a_file_made_with_fewer_kinds_is_brought_up_to_date_as_open_would(tmp_path):
    path = tmp_path / "older.gpkg"
    older = Catalog([k for k in load_catalog() if k.name != "incident"])
    with Workspace.create(path, catalog=older) as ws:
        ws.add_feature("need", Point(30, 10), {"name": "camp", "population": 40})
    doc = workspace_info(path)
    assert doc["layers"]["incident"]["count"] == 0 and doc["layers"]["need"]["count"] == 1
    with sqlite3.connect(path) as db:   # the table open adds, with its columns
        assert db.execute("SELECT count(*) FROM incident").fetchone() == (0,)
