"""The overview of a dense point layer kept in the workspace (store/point_overview.py,
ui/canvas/overview_grid.py): its clusters are those the stored points make, cell for cell, at
every zoom it answers for; it is read only for the layer's state it was made at, so an edit, an
import, another tool's SQL write (logged by the triggers, or setting the version itself) or a
changed style makes it stale, and a stale one is never read."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point

DENSE = (36.00, 36.00, 36.20, 36.10)
LONE = [(36.40, 36.20), (36.45, 36.25)]


@pytest.fixture
def needs_ws(tmp_path: Path):
    from humanops.store.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    rng = np.random.default_rng(3)
    n = 4000
    points = [Point(x, y) for x, y in zip(rng.uniform(DENSE[0], DENSE[2], n), rng.uniform(DENSE[1], DENSE[3], n),
                                          strict=True)] + [Point(*p) for p in LONE]
    population = rng.integers(50, 9000, len(points)).astype(float)
    phase = rng.integers(1, 6, len(points)).astype(float)
    phase[::97] = np.nan  # unclassified ones (the base symbol)
    ws.add_frame("need", gpd.GeoDataFrame({"name": [f"Site {i}" for i in range(len(points))],
                                           "population": population, "severity_phase": phase},
                                          geometry=points, crs=4326))
    yield ws
    ws.close()


@pytest.fixture
def few_make_clusters(monkeypatch):
    """Drawn as clusters past 200 points in view (a million in the app's terms)."""
    from humanops.viewmodel.layers import overview_grid, point_clusters

    for module in (point_clusters, overview_grid):
        monkeypatch.setattr(module, "AGGREGATE_ABOVE", 200)
        monkeypatch.setattr(module, "PX2_PER_POINT", 1e9)


def _snapshot(ws, witness=None):
    from humanops.viewmodel.layers.layer_data import snapshot_from_columns
    from humanops.viewmodel.layers.layer_stages import drawing_columns, read_columns

    kind = ws.kind("need")
    read = read_columns(ws.path, kind, drawing_columns(kind), witness=witness)
    return snapshot_from_columns(kind, read, 1, whole=False)


def _keep(ws) -> None:
    """Build the layer's overview from a read of it and keep it under the state that read saw,
    as the canvas does."""
    from humanops.store import point_overview
    from humanops.viewmodel.layers.overview_grid import build_overview, encode, overview_key

    witness = point_overview.read_witness("need")
    overview = build_overview(_snapshot(ws, witness))
    state = point_overview.witnessed_state(witness)
    assert overview is not None and state is not None
    assert point_overview.write(ws, "need", overview_key(ws.kind("need"), state), encode(overview)) is None


def _kept(ws):
    from humanops.ui.canvas.map_canvas import _stored_overview

    return _stored_overview(ws.path, ws.kind("need"))[0]


def test_overview_clusters_are_the_stored_points_cell_for_cell(needs_ws, few_make_clusters) -> None:
    from humanops.viewmodel.layers.overview_grid import is_ordered
    from humanops.viewmodel.layers.point_clusters import cluster_points
    from humanops.viewmodel.layers.point_columns import web_mercator
    from humanops.viewmodel.map_view import MapView

    _keep(needs_ws)
    overview = _kept(needs_ws)
    assert overview is not None
    assert overview.points == needs_ws.count("need")  # every stored point, each once
    # The points as stored, read independently of the canvas, and their classes and weights.
    rows = needs_ws.rows("need", ["population", "severity_phase"])
    xy = web_mercator(shapely.get_coordinates(rows.geometries))
    phase = np.array([np.nan if v is None else v for v in rows.column("severity_phase")], dtype=float)
    classes = np.where(np.isnan(phase), 0, np.nan_to_num(phase)).astype(np.int32)  # "1".."5" are symbols 1..5
    weights = np.array(rows.column("population"), dtype=float)
    ordered = is_ordered(needs_ws.kind("need"))
    checked = 0
    for zoom_out in range(2, 7):  # from a view of a few hundred points to the whole layer
        cell = 64 * 2.0 ** (overview.bucket + zoom_out)
        view = MapView(float(xy[:, 0].mean()), float(xy[:, 1].mean()), cell / 64 * 1.001, 900, 600)
        found = overview.clusters_for(view, ordered)
        assert found is not None, f"no clusters {zoom_out} buckets above the overview's"
        clusters, lone_size = found
        minx, miny, maxx, maxy = view.extent
        ix, iy = np.floor(xy[:, 0] / cell), np.floor(xy[:, 1] / cell)
        shown = np.flatnonzero((ix >= np.floor(minx / cell)) & (ix <= np.floor(maxx / cell))
                               & (iy >= np.floor(miny / cell)) & (iy <= np.floor(maxy / cell)))
        expected = cluster_points(xy, shown, classes[shown], cell, ordered=ordered, weights=weights[shown])
        got = {tuple(c): (n, k) for c, n, k in zip(clusters.cell.tolist(), clusters.count.tolist(),
                                                    clusters.class_index.tolist(), strict=True)}
        want = {tuple(c): (n, k) for c, n, k in zip(expected.cell.tolist(), expected.count.tolist(),
                                                     expected.class_index.tolist(), strict=True)}
        assert got == want  # the same cells, the same counts, the same classes
        order_got = np.lexsort(clusters.cell.T)
        order_want = np.lexsort(expected.cell.T)
        assert np.allclose(clusters.centre[order_got], expected.centre[order_want], rtol=0, atol=1e-6)
        assert Counter(np.isfinite(lone_size).tolist())[True] == int((clusters.count == 1).sum())
        checked += len(got)
    assert checked > 20


def test_overview_says_nothing_where_the_points_must_decide(needs_ws, few_make_clusters) -> None:
    from humanops.viewmodel.layers.point_columns import web_mercator
    from humanops.viewmodel.map_view import MapView

    _keep(needs_ws)
    overview = _kept(needs_ws)
    assert overview is not None
    centre = web_mercator(np.array([[36.1, 36.05]]))[0]
    finer = MapView(centre[0], centre[1], 64 * 2.0 ** (overview.bucket - 1) / 64, 900, 600)
    assert overview.clusters_for(finer, True) is None  # below its bucket
    lone = web_mercator(np.array([LONE[0]]))[0]
    sparse = MapView(lone[0], lone[1], 64 * 2.0 ** overview.bucket / 64, 300, 200)
    assert overview.clusters_for(sparse, True) is None  # too few points in view to be clusters


def test_overview_is_stale_after_an_edit(needs_ws) -> None:
    _keep(needs_ws)
    assert _kept(needs_ws) is not None
    uuid = needs_ws.rows("need", ["uuid"]).column("uuid")[0]
    needs_ws.update_feature("need", uuid, properties={"severity_phase": 5})
    assert _kept(needs_ws) is None


def test_overview_is_stale_after_an_import(needs_ws) -> None:
    _keep(needs_ws)
    needs_ws.add_frame("need", gpd.GeoDataFrame({"name": ["New"], "population": [10], "severity_phase": [2]},
                                                geometry=[Point(36.1, 36.05)], crs=4326))
    assert _kept(needs_ws) is None


def test_overview_is_stale_after_another_tools_sql_writes(needs_ws) -> None:
    _keep(needs_ws)
    from humanops.store.gpkg_geometry import register_functions

    other = sqlite3.connect(needs_ws.path)  # as QGIS or a script has it (GDAL's R-tree triggers want ST_*)
    register_functions(other)
    try:
        with other:  # QGIS's kind of edit: the triggers version and log it
            other.execute("UPDATE need SET severity_phase = 1 WHERE fid = 7")
        assert _kept(needs_ws) is None
        _keep(needs_ws)
        assert _kept(needs_ws) is not None
        with other:  # a script that sets the version itself: nothing in the change log
            other.execute("UPDATE need SET severity_phase = 2, version = version + 1 WHERE fid = 9")
        assert needs_ws.connection.execute(
            "SELECT count(*) FROM humanops_changes WHERE layer = 'need' AND uuid = "
            "(SELECT uuid FROM need WHERE fid = 9) AND op = 'update'").fetchone()[0] == 0
        assert _kept(needs_ws) is None
        _keep(needs_ws)
        with other:  # a delete
            other.execute("DELETE FROM need WHERE fid = 11")
        assert _kept(needs_ws) is None
    finally:
        other.close()


def test_overview_is_stale_for_another_style_and_when_damaged(needs_ws, monkeypatch) -> None:
    from humanops.store import point_overview

    _keep(needs_ws)
    with needs_ws.transaction() as db:  # a flipped byte: its digest no longer matches
        db.execute(f"UPDATE {point_overview.TABLE} SET cells = CAST(zeroblob(length(cells)) AS BLOB)")
    assert _kept(needs_ws) is None
    _keep(needs_ws)
    from humanops.viewmodel.layers import overview_grid

    monkeypatch.setattr(overview_grid, "GRID_CELLS", 128)  # counted otherwise: another key
    assert _kept(needs_ws) is None
