"""The workspace checks read and validate a layer in chunks (no single call over 100,000 rows
holds the GIL while the GUI thread waits), with the same problems in the same order as one pass;
the change-log ranges an app worker's transactions wrote are recorded (only their own changes)
and can be left out of a check of what changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon

from humanops.store import checks, sql_in
from humanops.store.checks import validate_changes, validate_workspace
from humanops.store.gpkg_geometry import encode, register_functions
from humanops.store.own_writes import covered_until, ranges_after, recording_own_writes
from humanops.store.workspace import Workspace

N = 60


def _other_tool(path: Path, *statements: str | tuple[str, tuple]) -> None:
    connection = sqlite3.connect(path)
    register_functions(connection)  # QGIS's SQLite has them through GDAL
    try:
        for statement in statements:
            sql, params = statement if isinstance(statement, tuple) else (statement, ())
            connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()


def _needs(n: int, prefix: str) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(3)
    return gpd.GeoDataFrame({"name": [f"{prefix} {i}" for i in range(n)], "population": rng.integers(1, 500, n)},
                            geometry=shapely.points(rng.uniform(36, 36.3, n), rng.uniform(36, 36.3, n)), crs=4326)


@pytest.fixture
def spoiled(workspace: Workspace) -> tuple[Path, int]:
    """A workspace whose needs and zones another tool spoiled in many ways, on rows spread over
    the table; and the change seq before the second half of the spoiling."""
    workspace.add_frame("need", _needs(N, "Site"))
    workspace.add_feature("danger_zone", Polygon([(36, 36), (36.1, 36), (36.1, 36.1), (36, 36.1)]),
                          {"name": "Front", "hazard": "shelling", "severity": 3})
    path = workspace.path
    workspace.close()
    bow_tie = Polygon([(36, 36), (36.1, 36.1), (36.1, 36), (36, 36.1)])  # crosses itself: not valid
    _other_tool(path,
                "UPDATE need SET population = -fid WHERE fid % 7 = 0",
                "UPDATE need SET population = 'many' WHERE fid % 11 = 0",
                "UPDATE need SET tlp = 'PURPLE' WHERE fid % 9 = 0",
                "UPDATE need SET expires = 'next week' WHERE fid % 13 = 0",
                "UPDATE need SET tlp = NULL WHERE fid % 17 = 0",
                "UPDATE need SET severity_phase = 9 WHERE fid % 5 = 0")
    with Workspace.open(path) as ws:
        middle = ws.last_change_seq()
    _other_tool(path,
                "UPDATE need SET geom = NULL WHERE fid % 8 = 3",
                "UPDATE need SET name = NULL, population = 2.5 WHERE fid % 6 = 1",
                ("UPDATE danger_zone SET geom = ?", (encode(bow_tie),)))
    return path, middle


def test_checking_in_chunks_finds_the_same_problems_in_the_same_order(spoiled, monkeypatch) -> None:
    path, middle = spoiled
    monkeypatch.setattr(sql_in, "PART", 4)  # the uuids of a chunk asked in several parts, as 500 of 10,000 are
    with Workspace.open(path) as ws:
        for since in (None, 0, middle):  # the whole file (humanops validate), every feature, what changed
            def problems(chunk: int, since: int | None = since) -> tuple[list[dict], dict[str, int]]:
                monkeypatch.setattr(checks, "CHECK_CHUNK", chunk)
                report = validate_workspace(ws) if since is None else validate_changes(ws, since)[0]
                return report.problems, report.checked

            whole = problems(10**9)
            assert len(whole[0]) > 25 and {"population", "tlp", "expires", "geometry", "severity_phase"} <= {
                p["field"] for p in whole[0]}
            for chunk in (5, 12):  # 12: a multiple of the parts (as the real 10,000 is of 500)
                assert problems(chunk) == whole, (since, chunk)


def test_an_own_transaction_records_the_changes_it_wrote_and_only_those(workspace: Workspace) -> None:
    path = workspace.path
    with recording_own_writes(workspace) as written:
        workspace.add_frame("need", _needs(5, "Camp"))  # one transaction
        _other_tool(path, "UPDATE need SET population = 3 WHERE name = 'Camp 1'")  # another tool's, in between
        with workspace.transaction():  # nested: one range for the outermost
            workspace.add_feature("need", Point(36.2, 36.2), {"name": "Camp 5", "population": 5})
            with workspace.transaction():
                workspace.add_feature("need", Point(36.2, 36.3), {"name": "Camp 6", "population": 5})
        with pytest.raises(RuntimeError), workspace.transaction():  # rolled back: nothing recorded
            workspace.add_feature("need", Point(36.2, 36.4), {"name": "Camp 7", "population": 5})
            raise RuntimeError("cancelled")
        with workspace.transaction():  # wrote no feature: no range
            workspace.set_meta("note", "x")
    workspace.add_feature("need", Point(36.3, 36.2), {"name": "After", "population": 5})  # not recorded any more

    log = workspace.change_log(0)
    ours = {seq for seq, _, _ in log if any(after < seq <= last for after, last in written)}
    assert len(written) == 2 and len(ours) == 7
    names = {u: n for u, n in workspace.rows("need", ["uuid", "name"], geometry=False).values}
    assert sorted(names[uuid] for seq, _, uuid in log if seq in ours) == [f"Camp {i}" for i in range(7)]
    others = [seq for seq, _, _ in log if seq not in ours]
    assert len(others) == 2  # another tool's update, and the edit after recording stopped
    assert covered_until(0, written) == written[0][1]  # the other tool's change makes a gap
    assert "transaction" not in vars(workspace)  # the workspace is as it was


def _feature(workspace: Workspace, name: str):
    [uuid] = [u for u, n in workspace.rows("need", ["uuid", "name"], geometry=False).values if n == name]
    return workspace.get_feature("need", uuid)


def test_a_check_of_changes_leaves_out_the_skipped_ranges_but_not_other_changes_to_their_features(
        workspace: Workspace) -> None:
    path = workspace.path
    workspace.add_feature("need", Point(36.1, 36.1), {"name": "Before", "population": 5})
    since = workspace.last_change_seq()
    _other_tool(path, "INSERT INTO need (geom, name, population) VALUES (NULL, 'Drawn in QGIS', -1)")
    with recording_own_writes(workspace) as written:
        workspace.add_frame("need", _needs(8, "Camp"))
    camp = _feature(workspace, "Camp 2").uuid
    _other_tool(path, f"UPDATE need SET population = -4 WHERE uuid = '{camp}'")
    report, last = validate_changes(workspace, since, skip=written)
    assert report.checked == {"need": 2}  # the QGIS feature and the camp QGIS changed after the import
    assert {(p["feature"] == camp, p["field"]) for p in report.problems} == {
        (False, "geometry"), (False, "population"), (True, "population")}
    assert last == workspace.last_change_seq()
    assert validate_changes(workspace, since)[0].checked == {"need": 9}  # without skipping: all of them


def test_ranges_cover_the_changes_only_without_a_gap() -> None:
    assert covered_until(10, [(10, 20), (20, 25), (30, 40)]) == 25  # 26..30 are nobody's we know
    assert covered_until(10, [(12, 20)]) == 10
    assert covered_until(15, [(10, 20)]) == 20
    assert ranges_after(20, [(30, 40), (10, 20), (18, 25), (25, 28)]) == [(18, 28), (30, 40)]
