"""A large point layer in a team database drawn by the app (issue 14): 60,000 needs written with
SQL (as QGIS or a script would) are read as whole arrays (store/postgis/packed_columns.py), the
map opens on the layer's extent from the planner's statistics, and what the canvas holds and
draws matches the database: every place exact and in fid order, every class, every feature counted
once in the clusters drawn."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from canvas_support import WAIT_MS

from humanops.store.postgis.workspace import PostgisWorkspace

N = 60_000
BOX = (36.0, 36.0, 36.4, 36.2)


@pytest.fixture
def large_team(pg_dsn: str) -> str:
    with PostgisWorkspace.create(pg_dsn, organisation="ocha") as ws:
        db = ws.connection
        db.execute("SELECT setseed(0.5)")
        db.execute(
            "INSERT INTO need (geom, name, population, severity_phase, tlp) SELECT "
            "ST_SetSRID(ST_MakePoint(%s + random() * %s, %s + random() * %s), 4326), 'Site ' || g, 100 + g %% 900, "
            "CASE WHEN g %% 97 = 0 THEN NULL ELSE 1 + g %% 5 END, 'GREEN' FROM generate_series(1, %s) AS g",
            (BOX[0], BOX[2] - BOX[0], BOX[1], BOX[3] - BOX[1], N))
        db.execute("ANALYZE need")  # what autovacuum does after a load: the planner's statistics
    return pg_dsn


def test_a_60k_point_layer_on_postgis_is_drawn_whole_and_exact(qtbot, make_main_window, large_team,
                                                              monkeypatch) -> None:
    from humanops.store.postgis import packed_columns
    from humanops.ui.canvas import layer_renderer

    packed_reads: list[str] = []
    real_read = packed_columns.packed_postgis_read

    def counting(connection, kind, *args, **kwargs):
        result = real_read(connection, kind, *args, **kwargs)
        if result is not False:
            packed_reads.append(kind.name)
        return result

    monkeypatch.setattr(packed_columns, "packed_postgis_read", counting)
    drawn: list = []
    real_clusters = layer_renderer.cluster_points

    def recording(*args, **kwargs):
        result = real_clusters(*args, **kwargs)
        drawn.append(result)
        return result

    monkeypatch.setattr(layer_renderer, "cluster_points", recording)

    window = make_main_window(large_team)
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.snapshot("need") is not None and len(canvas.snapshot("need")) == N,
                    timeout=WAIT_MS)
    qtbot.waitUntil(canvas.is_idle, timeout=WAIT_MS)
    assert "need" in packed_reads  # read as arrays, not row by row
    # the window opened on the layer's extent (the estimate widened: nothing outside the view)
    minx, miny, maxx, maxy = canvas.view_extent_lonlat()
    assert minx <= BOX[0] and miny <= BOX[1] and maxx >= BOX[2] and maxy >= BOX[3]
    assert maxx - minx < 2.0  # and not the world
    with PostgisWorkspace.open(large_team) as ws:
        stored = ws.connection.execute(
            "SELECT ST_X(geom), ST_Y(geom), coalesce(severity_phase, 0) FROM need ORDER BY fid").fetchall()
        count = ws.count("need")
    assert count == N
    snapshot = canvas.snapshot("need")
    stored_xy = np.array([(x, y) for x, y, _ in stored])
    assert np.array_equal(snapshot.lonlat.xy, stored_xy)  # exact places, in fid order
    phase_of_class = {i + 1: int(key) for i, key in enumerate(snapshot.kind.style.classes)}
    assert [phase_of_class.get(c, 0) for c in snapshot.class_index.tolist()] == [p for _, _, p in stored]
    # the map drew every feature once: the clusters of the whole view count them all
    canvas.zoom_to_extent(*BOX)
    drawn.clear()
    window.rendered.clear()
    qtbot.waitUntil(lambda: bool(drawn) and canvas.is_idle(), timeout=WAIT_MS)
    shown = shapely.contains_xy(shapely.box(*canvas.view_extent_lonlat()), stored_xy[:, 0], stored_xy[:, 1])
    assert int(shown.sum()) == N
    assert int(drawn[-1].count.sum()) == N
