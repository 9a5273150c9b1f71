"""The canvas past memory: a large layer of areas read by the view's extent (a pan reads what
it brings into view, through the store's R-tree), and a large layer's details (markings,
labels) kept for the last parts shown only, under a bound. Driven through the widget with real
mouse drags; thresholds lowered so a few dozen features stand for tens of thousands (the sizes
and times are in benchmarks/bench_canvas.py)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from canvas_support import WAIT_MS, colour_at, show_canvas, wait_idle
from PySide6.QtCore import QPoint, Qt
from shapely.geometry import Point, box

WEST, EAST = 36.00, 36.20  # lon of two groups, two views apart


def _drag_west(qtbot, canvas, until_lon: float) -> None:
    """Drag the map to the west with the mouse (the view moves east) until ``until_lon`` is
    in the middle third of the view."""
    for _ in range(12):
        minx, _, maxx, _ = canvas.view_extent_lonlat()
        if minx + (maxx - minx) / 3 < until_lon < maxx - (maxx - minx) / 3:
            return
        start, end = QPoint(340, 240), QPoint(140, 240)
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 9):
            qtbot.mouseMove(canvas, start + (end - start) * step / 8)
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
        wait_idle(qtbot, canvas)


@pytest.fixture
def zones_ws(tmp_path: Path):
    """Thirty small danger zones (severity 5) in each of two groups, WEST and EAST."""
    from humanops.store.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    shapes, names = [], []
    for group, lon in (("w", WEST), ("e", EAST)):
        for i in range(30):
            x, y = lon + 0.007 * (i % 6), 36.00 + 0.007 * (i // 6)
            shapes.append(box(x, y, x + 0.005, y + 0.005))
            names.append(f"{group}{i}")
    ws.add_frame("danger_zone", gpd.GeoDataFrame(
        {"name": names, "hazard": "shelling", "severity": 5}, geometry=shapes, crs=4326))
    yield ws
    ws.close()


def test_a_large_area_layer_is_read_by_extent_and_a_pan_reads_what_it_brings_in(qtbot, zones_ws,
                                                                               monkeypatch) -> None:
    from humanops.ui.canvas import map_canvas

    monkeypatch.setattr(map_canvas, "EXTENT_ABOVE", 10)
    read_boxes = []
    real = map_canvas.read_columns

    def recording(path, kind, columns, **kwargs):
        if kind.name == "danger_zone" and kwargs.get("uuids") is None:
            read_boxes.append(kwargs.get("bbox"))
        return real(path, kind, columns, **kwargs)

    monkeypatch.setattr(map_canvas, "read_columns", recording)
    canvas = show_canvas(qtbot)
    try:
        canvas.set_workspace(zones_ws)  # shown whole first: both groups read
        wait_idle(qtbot, canvas)
        assert len(canvas.snapshot("danger_zone")) == 60
        canvas.zoom_to_extent(35.99, 35.99, 36.05, 36.04)
        canvas.refresh_layer("danger_zone")  # read again, for this view: the west group only
        wait_idle(qtbot, canvas)
        names = canvas.snapshot("danger_zone").attrs["name"].tolist()
        assert read_boxes and all(b is not None for b in read_boxes)  # never the whole layer
        assert sorted(names) == sorted(f"w{i}" for i in range(30))

        _drag_west(qtbot, canvas, EAST + 0.015)  # the east group comes into view
        minx, _, maxx, _ = canvas.view_extent_lonlat()
        assert minx < EAST + 0.002 < maxx
        snapshot = canvas.snapshot("danger_zone")
        names = snapshot.attrs["name"].tolist()
        assert {f"e{i}" for i in range(30)} <= set(names)  # what the pan brought into view
        assert len(names) == len(set(names))  # read once each, however many reads met it
        assert len(snapshot.uuids) == len(set(snapshot.uuids.tolist()))
        # drawn: inside an east zone the map is the danger colour, between zones it is not
        inside = colour_at(canvas, EAST + 0.0025, 36.0025)
        between = colour_at(canvas, EAST + 0.006, 36.006)
        assert inside.red() > inside.blue() + 40 and inside != between
        # an edit still reaches a layer read by extent
        uuid = snapshot.uuids[names.index("e0")]
        zones_ws.update_feature("danger_zone", uuid, properties={"name": "moved"})
        qtbot.waitUntil(lambda: "moved" in canvas.snapshot("danger_zone").attrs["name"].tolist(), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        assert len(canvas.snapshot("danger_zone")) == len(names)
    finally:
        canvas.shutdown()


def test_the_details_of_a_large_layer_are_kept_for_the_last_parts_shown_under_a_bound(
        qtbot, tmp_path, monkeypatch) -> None:
    from humanops.store.workspace import Workspace
    from humanops.ui.canvas import map_canvas
    from humanops.viewmodel.layers import layer_data

    monkeypatch.setattr(map_canvas, "PROGRESSIVE_ABOVE", 10)
    monkeypatch.setattr(layer_data, "DETAILS_KEPT_ROWS", 40)  # the two groups hold 60
    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    rng = np.random.default_rng(9)
    points = [Point(WEST + dx, 36.00 + dy) for dx, dy in rng.uniform(0, 0.02, (30, 2))]
    points += [Point(EAST + dx, 36.00 + dy) for dx, dy in rng.uniform(0, 0.02, (30, 2))]
    ws.add_frame("need", gpd.GeoDataFrame(
        {"name": [f"Site {i}" for i in range(60)], "population": 20_000, "severity_phase": 3},
        geometry=points, crs=4326))
    canvas = show_canvas(qtbot)
    try:
        canvas.set_workspace(ws)
        canvas.zoom_to_extent(WEST - 0.01, 35.99, WEST + 0.03, 36.03)
        canvas.set_show_markings(True)
        wait_idle(qtbot, canvas)
        lon = canvas.snapshot("need").lonlat.xy[:, 0]
        west, east = np.flatnonzero(lon < WEST + 0.1), np.flatnonzero(lon > WEST + 0.1)
        assert (canvas.snapshot("need").tlps(west) == "AMBER").all()

        _drag_west(qtbot, canvas, EAST + 0.01)  # to the east group: its details are read, the west's forgotten
        qtbot.waitUntil(lambda: (canvas.snapshot("need").tlps(east) == "AMBER").all(), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        snapshot = canvas.snapshot("need")
        assert int(snapshot.details_known.sum()) <= 40
        assert (snapshot.tlps(west) == "").all() and pd_isna_all(snapshot.labels[west])

        canvas.zoom_to_extent(WEST - 0.01, 35.99, WEST + 0.03, 36.03)  # back: read again, on demand
        qtbot.waitUntil(lambda: (canvas.snapshot("need").tlps(west) == "AMBER").all(), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        snapshot = canvas.snapshot("need")
        assert int(snapshot.details_known.sum()) <= 40 and (snapshot.tlps(east) == "").all()
    finally:
        canvas.shutdown()
        ws.close()


def pd_isna_all(values: np.ndarray) -> bool:
    return all(v is None for v in values.tolist())


def test_a_layer_read_by_extent_drops_the_parts_least_recently_read_under_a_bound(qtbot, zones_ws,
                                                                                  monkeypatch) -> None:
    from humanops.ui.canvas import map_canvas
    from humanops.viewmodel.layers import layer_data

    monkeypatch.setattr(map_canvas, "EXTENT_ABOVE", 10)
    monkeypatch.setattr(layer_data, "EXTENT_KEPT_ROWS", 40)  # the two groups hold 60
    canvas = show_canvas(qtbot)
    try:
        canvas.set_workspace(zones_ws)
        canvas.zoom_to_extent(35.99, 35.99, 36.05, 36.04)
        canvas.refresh_layer("danger_zone")  # read for this view: the west group only
        wait_idle(qtbot, canvas)
        west = {f"w{i}" for i in range(30)}
        east = {f"e{i}" for i in range(30)}
        snapshot = canvas.snapshot("danger_zone")
        assert set(snapshot.attrs["name"]) == west
        selected = str(snapshot.uuids[snapshot.attrs["name"].tolist().index("w7")])
        canvas.select("danger_zone", [selected])  # a selected zone is never dropped

        _drag_west(qtbot, canvas, EAST + 0.015)  # to the east group: the west is dropped
        qtbot.waitUntil(lambda: east <= set(canvas.snapshot("danger_zone").attrs["name"]), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        snapshot = canvas.snapshot("danger_zone")
        assert set(snapshot.attrs["name"]) == east | {"w7"}
        assert canvas.selection() == {"danger_zone": {selected}}
        inside = colour_at(canvas, EAST + 0.0025, 36.0025)  # what is held is drawn
        assert inside.red() > inside.blue() + 40

        canvas.zoom_to_extent(35.99, 35.99, 36.05, 36.04)  # back west: read again, the east dropped
        qtbot.waitUntil(lambda: west <= set(canvas.snapshot("danger_zone").attrs["name"]), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        names = canvas.snapshot("danger_zone").attrs["name"].tolist()
        assert set(names) == west and len(names) == len(set(names))
        inside = colour_at(canvas, WEST + 0.0025, 36.0025)
        assert inside.red() > inside.blue() + 40
    finally:
        canvas.shutdown()
