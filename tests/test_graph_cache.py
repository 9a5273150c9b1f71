"""The road graph kept in the workspace: read back by the next process instead of rebuilt, and
never trusted past what it was built from (an edit, another tool's edit, other speeds, a damaged
or crafted blob all mean a rebuild, and the route follows the roads as they are)."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3

import numpy as np
import pytest
from planning_helpers import ROAD, at, load, road_names

from humanops.analysis import road_graph, road_graph_cache
from humanops.analysis.road_graph import RoadGraph
from humanops.analysis.routing import route_in_workspace
from humanops.analysis.routing_config import load_routing_config
from humanops.data_paths import resources_dir
from humanops.store import graph_cache
from humanops.store.gpkg_geometry import register_functions

A_TO_C = (at(0, 0), at(2, 0))   # the short way is A-B, B-C; the detour A-D, D-E, E-F, F-C
SHORT, DETOUR = ["A-B", "B-C"], ["A-D", "D-E", "E-F", "F-C"]


@pytest.fixture
def builds(monkeypatch):
    """Counts graph builds; the process's own graph is forgotten before and after each test, so
    each call of from_workspace is a new process's first."""
    calls: list[int] = []
    real = RoadGraph._build.__func__

    def counting(cls, roads, config, feedback):
        calls.append(len(roads))
        return real(cls, roads, config, feedback)

    monkeypatch.setattr(RoadGraph, "_build", classmethod(counting))
    road_graph._CACHE.clear()
    yield calls
    road_graph._CACHE.clear()


@pytest.fixture
def ladder_ws(workspace):
    load(workspace, "ladder_roads.geojson")
    return workspace


def new_process_route(ws, **options):
    """A route as a new process computes it: no graph in memory, only what the workspace keeps."""
    road_graph._CACHE.clear()
    return route_in_workspace(ws, *A_TO_C, **options)[0]


def other_tool(path) -> sqlite3.Connection:
    """A connection as QGIS or a script has it (GDAL's R-tree triggers need the ST_* functions)."""
    connection = sqlite3.connect(path)
    register_functions(connection)
    return connection


def kept_blob(ws) -> bytes:
    return bytes(ws.connection.execute(f"SELECT arrays FROM {graph_cache.TABLE}").fetchone()[0])


def replace_blob(path, blob: bytes, *, matching_digest: bool = True) -> None:
    """Another program rewrites the kept blob (with its SHA-256 recomputed, as one who crafts it would)."""
    with sqlite3.connect(path) as db:
        digest = hashlib.sha256(blob).hexdigest() if matching_digest else "0" * 64
        db.execute(f"UPDATE {graph_cache.TABLE} SET arrays = ?, sha256 = ?", (blob, digest))


def test_the_second_process_reads_the_graph_kept_by_the_first(ladder_ws, builds):
    first = new_process_route(ladder_ws)
    assert builds == [7] and road_names(first.roads) == SHORT
    second = new_process_route(ladder_ws)
    assert builds == [7]   # not built again
    assert road_names(second.roads) == SHORT and second.time_s == pytest.approx(first.time_s)


def test_a_graph_read_back_is_the_graph_built(ladder_ws, builds):
    config = load_routing_config()
    built = RoadGraph.from_workspace(ladder_ws, config)
    road_graph._CACHE.clear()
    read_back = RoadGraph.from_workspace(ladder_ws, config)
    assert read_back is not built and len(builds) == 1
    memos = set(road_graph_cache._QUERY_MEMOS)   # what queries keep for the next one
    assert set(vars(read_back)) - memos == set(vars(built)) - memos   # every attribute, none forgotten
    mine, theirs = road_graph_cache.graph_arrays(built), road_graph_cache.graph_arrays(read_back)
    assert mine.keys() == theirs.keys()
    for name in mine:
        assert np.array_equal(mine[name], theirs[name]), name
    assert read_back.noding == built.noding and read_back.crs_utm == built.crs_utm


def test_a_road_edited_in_the_app_is_routed_as_it_now_is(ladder_ws, builds):
    assert road_names(new_process_route(ladder_ws).roads) == SHORT
    ladder_ws.update_feature("road", ROAD["A-B"], properties={"condition": "impassable"})
    assert road_names(new_process_route(ladder_ws).roads) == DETOUR
    assert len(builds) == 2


def test_a_road_edited_by_another_tool_is_routed_as_it_now_is(ladder_ws, builds):
    assert road_names(new_process_route(ladder_ws).roads) == SHORT
    with other_tool(ladder_ws.path) as qgis:   # the external-edit triggers version and log it
        qgis.execute("UPDATE road SET condition = 'impassable' WHERE uuid = ?", (ROAD["B-C"],))
    assert road_names(new_process_route(ladder_ws).roads) == DETOUR
    assert len(builds) == 2


def test_an_edit_that_slips_past_the_change_log_still_invalidates_the_graph(ladder_ws, builds):
    new_process_route(ladder_ws)
    seq = ladder_ws.last_change_seq("road")
    with other_tool(ladder_ws.path) as script:   # setting the version itself skips the trigger
        script.execute("UPDATE road SET condition = 'impassable', version = version + 1 WHERE uuid = ?",
                       (ROAD["A-B"],))
    assert ladder_ws.last_change_seq("road") == seq   # the change log did not see it...
    assert road_names(new_process_route(ladder_ws).roads) == DETOUR   # ...the graph's key did
    assert len(builds) == 2


def test_changed_speeds_rebuild_the_graph(ladder_ws, builds, tmp_path, monkeypatch):
    before = new_process_route(ladder_ws)
    resources = tmp_path / "resources"
    shutil.copytree(resources_dir() / "routing", resources / "routing")
    speeds = resources / "routing" / "speeds.toml"
    speeds.write_text(speeds.read_text(encoding="utf-8").replace("primary = 65", "primary = 13", 1), encoding="utf-8")
    monkeypatch.setenv("HUMANOPS_RESOURCES", str(resources))
    after = new_process_route(ladder_ws)
    assert len(builds) == 2
    assert after.time_s == pytest.approx(before.time_s * 5, rel=1e-6)


def test_a_damaged_blob_is_rebuilt_not_read(ladder_ws, builds):
    new_process_route(ladder_ws)
    blob = bytearray(kept_blob(ladder_ws))
    blob[len(blob) // 2] ^= 0xFF   # one byte changed on disk
    replace_blob(ladder_ws.path, bytes(blob), matching_digest=False)
    assert road_names(new_process_route(ladder_ws).roads) == SHORT
    assert len(builds) == 2
    assert kept_blob(ladder_ws) != bytes(blob)   # and kept again, whole


def test_arrays_that_do_not_fit_together_are_rebuilt(ladder_ws, builds, caplog):
    new_process_route(ladder_ws)
    arrays = road_graph_cache._unpack(kept_blob(ladder_ws))
    arrays["arc_head"] = arrays["arc_head"] + 1000   # points past the last node
    replace_blob(ladder_ws.path, road_graph_cache._pack(arrays))
    assert road_names(new_process_route(ladder_ws).roads) == SHORT
    assert len(builds) == 2
    assert "arc_head out of range" in caplog.text


class _Tripwire:
    """Unpickling this would run code of the workspace's choosing."""

    def __reduce__(self):
        return (_UNPICKLED.append, ("ran",))


_UNPICKLED: list[str] = []


def test_a_blob_that_needs_unpickling_is_refused_without_unpickling(ladder_ws, builds, caplog):
    new_process_route(ladder_ws)
    arrays = road_graph_cache._unpack(kept_blob(ladder_ws))
    arrays["name_values"] = np.array([_Tripwire()], dtype=object)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)   # an object array: numpy pickles it
    replace_blob(ladder_ws.path, buffer.getvalue())
    assert road_names(new_process_route(ladder_ws).roads) == SHORT
    assert _UNPICKLED == [] and len(builds) == 2
    assert "not readable as arrays" in caplog.text


def test_the_kept_graph_is_bookkeeping_not_a_layer(ladder_ws, builds):
    new_process_route(ladder_ws)
    listed = {r[0] for r in ladder_ws.connection.execute("SELECT table_name FROM gpkg_contents")}
    assert graph_cache.TABLE not in listed
    assert graph_cache.TABLE in {r[0] for r in ladder_ws.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_workspace_that_cannot_keep_the_graph_still_routes(ladder_ws, builds, monkeypatch, caplog):
    def refused(*_args, **_kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    with monkeypatch.context() as read_only:
        read_only.setattr(ladder_ws, "transaction", refused)
        assert road_names(new_process_route(ladder_ws).roads) == SHORT
    assert "could not be kept" in caplog.text and "readonly" in caplog.text
    assert road_names(new_process_route(ladder_ws).roads) == SHORT
    assert len(builds) == 2   # nothing was kept: built again


def test_every_attribute_of_a_graph_has_a_place_in_the_blob(ladder_ws, builds):
    graph = RoadGraph.from_workspace(ladder_ws)
    graph.new_field = np.zeros(3)   # what a future RoadGraph could grow without the cache knowing
    with pytest.raises(TypeError, match="new_field"):
        road_graph_cache.graph_arrays(graph)
