"""The canvas at scale: dense points drawn as clusters whose counts are the features in view,
a click on a cluster that zooms in or lists its features, a large layer read in stages (drawn
before its identities are read, picked meanwhile through the store) and its markings read by
extent for the part shown, so the features a pan brings in get theirs. Driven through the
widget with real mouse events; thresholds lowered so a few thousand features stand for a
million (the sizes and times are in benchmarks/bench_canvas.py)."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from canvas_support import WAIT_MS, frame, pixel_of, show_canvas, wait_idle
from pyproj import Transformer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu
from shapely.geometry import Point

DENSE = (36.00, 36.00, 36.20, 36.10)  # lon/lat box the dense needs fill
LONE = [(36.40, 36.20), (36.4003, 36.2002), (36.4005, 36.1998)]  # three needs far from the rest


@pytest.fixture
def dense_ws(tmp_path: Path):
    from humanops.store.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    rng = np.random.default_rng(5)
    n = 3000
    lon = rng.uniform(DENSE[0], DENSE[2], n)
    lat = rng.uniform(DENSE[1], DENSE[3], n)
    points = [Point(x, y) for x, y in zip(lon, lat, strict=True)] + [Point(*p) for p in LONE]
    ws.add_frame("need", gpd.GeoDataFrame(
        {"name": [f"Site {i}" for i in range(len(points))], "population": rng.integers(50, 5000, len(points)),
         "severity_phase": rng.integers(1, 6, len(points))}, geometry=points, crs=4326))
    yield ws
    ws.close()


@pytest.fixture
def few_make_clusters(monkeypatch):
    """A layer is drawn as clusters past 200 points in view (a million in the app's terms)."""
    from humanops.viewmodel.layers import point_clusters

    monkeypatch.setattr(point_clusters, "AGGREGATE_ABOVE", 200)
    monkeypatch.setattr(point_clusters, "PX2_PER_POINT", 1e9)


def _map_xy(lonlat: np.ndarray) -> np.ndarray:
    to_map = Transformer.from_crs(4326, 3857, always_xy=True)
    return np.column_stack(to_map.transform(lonlat[:, 0], lonlat[:, 1]))


def _cells_in_view(canvas, lonlat: np.ndarray) -> Counter:
    """Features a cluster cell, counted here from the stored coordinates: the cells the view
    shows (a cell the edge cuts counts whole), 64 pixels of the zoom bucket's resolution."""
    view = canvas.view()
    cell = 64 * 2.0 ** np.floor(np.log2(view.resolution))
    xy = _map_xy(lonlat)
    ix, iy = np.floor(xy[:, 0] / cell).astype(int), np.floor(xy[:, 1] / cell).astype(int)
    minx, miny, maxx, maxy = view.extent
    shown = ((ix >= np.floor(minx / cell)) & (ix <= np.floor(maxx / cell))
             & (iy >= np.floor(miny / cell)) & (iy <= np.floor(maxy / cell)))
    return Counter(zip(ix[shown].tolist(), iy[shown].tolist(), strict=True))


def _stored_lonlat(ws) -> np.ndarray:
    import shapely

    return shapely.get_coordinates(ws.rows("need", ["uuid"]).geometries)


def _recording_clusters(monkeypatch) -> list:
    from humanops.ui.canvas import layer_renderer

    drawn: list = []
    real = layer_renderer.cluster_points

    def recording(*args, **kwargs):
        result = real(*args, **kwargs)
        drawn.append(result)
        return result

    monkeypatch.setattr(layer_renderer, "cluster_points", recording)
    return drawn


def test_cluster_counts_are_the_features_in_view(qtbot, dense_ws, few_make_clusters, monkeypatch) -> None:
    drawn = _recording_clusters(monkeypatch)
    canvas = show_canvas(qtbot, dense_ws)
    try:
        canvas.zoom_to_extent(35.99, 35.99, 36.41, 36.21)
        wait_idle(qtbot, canvas)
        clusters = drawn[-1]
        expected = _cells_in_view(canvas, _stored_lonlat(dense_ws))
        assert sum(expected.values()) == 3003  # the whole layer is in view
        assert int(clusters.count.sum()) == 3003
        assert dict(zip(map(tuple, clusters.cell.tolist()), clusters.count.tolist(), strict=True)) == expected
        # the biggest cluster's disc is drawn where its features' mean is
        from humanops.viewmodel.layers.point_clusters import disc_diameter

        biggest = int(np.argmax(clusters.count))
        px, py = canvas.to_pixel(*clusters.centre[biggest])
        above_the_count = py - 0.6 * float(disc_diameter(clusters.count[biggest])) / 2
        colour = QColor(frame(canvas).pixel(QPoint(round(px), round(above_the_count))))
        assert colour.saturation() > 40  # a purple of the needs' classes, not the land or sea

        # zoomed in on part of the layer: the cells shown, whole, and nothing else
        drawn.clear()
        canvas.zoom_to_extent(36.05, 36.02, 36.12, 36.06)
        wait_idle(qtbot, canvas)
        clusters = drawn[-1]
        expected = _cells_in_view(canvas, _stored_lonlat(dense_ws))
        assert 200 < sum(expected.values()) < 3000
        assert dict(zip(map(tuple, clusters.cell.tolist()), clusters.count.tolist(), strict=True)) == expected
    finally:
        canvas.shutdown()


def test_a_click_on_a_large_cluster_zooms_in_and_a_small_one_lists_its_features(
        qtbot, dense_ws, few_make_clusters) -> None:
    from humanops.ui.canvas.map_tools import SelectTool

    canvas = show_canvas(qtbot, dense_ws)
    try:
        canvas.zoom_to_extent(35.99, 35.99, 36.41, 36.21)
        wait_idle(qtbot, canvas)
        lone_uuids = set(dense_ws.rows("need", ["uuid"], bbox=(36.399, 36.199 - 0.002, 36.401, 36.201)).column("uuid"))
        assert len(lone_uuids) == 3

        # the three lone needs are one small cluster: a click lists them (the Select… menu)
        tool = SelectTool(canvas)
        canvas.set_map_tool(tool)
        lone = pixel_of(canvas, *LONE[0])
        hits = canvas.features_at(lone.x(), lone.y())
        assert {uuid for _, uuid in hits} == lone_uuids
        qtbot.mouseClick(canvas, Qt.MouseButton.RightButton, pos=lone)
        menu = canvas.findChild(QMenu, "pick_menu")
        assert menu is not None and len(menu.actions()) == 1 + 3  # the header, then each need
        menu.hide()
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=lone)
        assert canvas.selection() == {"need": {hits[0][1]}}

        # a large cluster: a click zooms to its features, with the select tool and with the pan tool
        for tool_name in ("select", "pan"):
            if tool_name == "pan":
                canvas.set_map_tool(None)
            hit = None
            before = canvas.view()
            for lon in np.linspace(DENSE[0] + 0.02, DENSE[2] - 0.02, 9):
                spot = pixel_of(canvas, lon, 36.05)
                hit = canvas.cluster_at(spot.x(), spot.y())
                if hit is not None and hit.count > 12:
                    break
            assert hit is not None and hit.count > 12
            members = canvas.snapshot("need").point_xy[hit.rows]
            qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=spot)
            view = canvas.view()
            assert view.resolution <= before.resolution / 4 + 1e-9
            minx, miny, maxx, maxy = view.extent
            assert ((members[:, 0] >= minx) & (members[:, 0] <= maxx)
                    & (members[:, 1] >= miny) & (members[:, 1] <= maxy)).all()
            canvas.zoom_to_extent(35.99, 35.99, 36.41, 36.21)
            wait_idle(qtbot, canvas)
    finally:
        canvas.shutdown()


@pytest.fixture
def staged(monkeypatch):
    """Layers of more than ten features are read in stages (a million in the app's terms)."""
    from humanops.ui.canvas import map_canvas

    monkeypatch.setattr(map_canvas, "PROGRESSIVE_ABOVE", 10)


def _two_groups_ws(path: Path):
    """Needs in two groups 0.1 degree apart (AMBER, the kind's default marking): seen from the
    west one (a 0.07 degree wide view), the east one lies beyond the part whose markings are read
    (the view and as much again around it) and two drags of the map away."""
    from humanops.store.workspace import Workspace

    ws = Workspace.create(path, organisation="ocha")
    rng = np.random.default_rng(9)
    west = [Point(36.00 + dx, 36.00 + dy) for dx, dy in rng.uniform(0, 0.02, (30, 2))]
    east = [Point(36.10 + dx, 36.00 + dy) for dx, dy in rng.uniform(0, 0.02, (30, 2))]
    ws.add_frame("need", gpd.GeoDataFrame(
        {"name": [f"Site {i}" for i in range(60)], "population": 20_000, "severity_phase": 3},
        geometry=west + east, crs=4326))
    return ws


def _amber_pixels_near(canvas, lon: float, lat: float, radius: int = 40) -> int:
    image = frame(canvas)
    centre = pixel_of(canvas, lon, lat)
    count = 0
    for x in range(max(0, centre.x() - radius), min(image.width(), centre.x() + radius)):
        for y in range(max(0, centre.y() - radius), min(image.height(), centre.y() + radius)):
            c = QColor(image.pixel(x, y))
            count += abs(c.red() - 0xFF) < 8 and abs(c.green() - 0xC0) < 8 and c.blue() < 8
    return count


def test_markings_are_read_by_extent_and_a_pan_brings_those_of_the_features_it_shows(
        qtbot, tmp_path, staged) -> None:
    ws = _two_groups_ws(tmp_path / "ws.gpkg")
    canvas = show_canvas(qtbot)
    try:
        canvas.set_workspace(ws)
        canvas.zoom_to_extent(35.99, 35.99, 36.03, 36.03)  # the west group only, before it is read
        canvas.set_show_markings(True)
        wait_idle(qtbot, canvas)
        snapshot = canvas.snapshot("need")
        assert snapshot.identity_known and snapshot.details_known is not None
        lon = snapshot.lonlat.xy[:, 0]
        west, east = np.flatnonzero(lon < 36.05), np.flatnonzero(lon > 36.05)
        assert (snapshot.tlps(west) == "AMBER").all()
        assert (snapshot.tlps(east) == "").all()  # not read: out of the part shown
        assert _amber_pixels_near(canvas, 36.01, 36.01, 60) > 20  # the west needs' badges

        # drag the map west twice, with the mouse: the east group comes into view
        for _ in range(2):
            start, end = QPoint(580, 240), QPoint(80, 240)
            qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
            for step in range(1, 9):
                qtbot.mouseMove(canvas, start + (end - start) * step / 8)
            qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
            wait_idle(qtbot, canvas)
        qtbot.waitUntil(lambda: (canvas.snapshot("need").tlps(east) == "AMBER").all(), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        minx, _, maxx, _ = canvas.view_extent_lonlat()
        assert minx < 36.10 and maxx > 36.12
        assert _amber_pixels_near(canvas, 36.11, 36.01, 60) > 20  # the east needs' badges, now drawn
    finally:
        canvas.shutdown()
        ws.close()


def test_a_large_layer_is_drawn_and_picked_before_its_identities_are_read(qtbot, tmp_path, staged,
                                                                          monkeypatch) -> None:
    from humanops.ui.canvas import map_canvas
    from humanops.ui.canvas.map_tools import SelectTool

    ws = _two_groups_ws(tmp_path / "ws.gpkg")
    release = threading.Event()
    real = map_canvas.read_columns

    def slow_identity(path, kind, columns, **kwargs):
        if columns == ["uuid", "version"]:
            release.wait(WAIT_MS / 1000)  # the identity stage waits for the test
        return real(path, kind, columns, **kwargs)

    monkeypatch.setattr(map_canvas, "read_columns", slow_identity)
    from humanops.ui.canvas import MapCanvas

    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)
    canvas.show()
    qtbot.waitExposed(canvas)
    try:
        canvas.set_workspace(ws)
        canvas.zoom_to_extent(35.99, 35.99, 36.03, 36.03)
        qtbot.waitUntil(lambda: "layer:need" in canvas._images, timeout=WAIT_MS)  # drawn
        snapshot = canvas.snapshot("need")
        assert not snapshot.identity_known and not canvas.is_idle()
        # a click picks the need drawn under it: its uuid is asked of the store by fid
        xy = snapshot.lonlat.xy
        row = int(np.argmin(np.hypot(xy[:, 0] - 36.01, xy[:, 1] - 36.01)))
        expected = ws.rows("need", ["uuid"], bbox=(xy[row, 0], xy[row, 1], xy[row, 0], xy[row, 1])).column("uuid")
        canvas.set_map_tool(SelectTool(canvas))
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel_of(canvas, *xy[row]))
        assert canvas.selection() == {"need": set(expected)}

        release.set()
        wait_idle(qtbot, canvas)
        snapshot = canvas.snapshot("need")
        assert snapshot.identity_known and len(snapshot) == 60
        assert snapshot.uuids[snapshot.rows_for(expected)].tolist() == expected

        # an edit reaches the staged layer as any other: the feature moves, nothing else changes
        ws.update_feature("need", expected[0], geometry=Point(36.02, 36.025))
        qtbot.waitUntil(lambda: canvas.snapshot("need").lonlat[canvas.snapshot("need").row_of[expected[0]]]
                        .equals(Point(36.02, 36.025)), timeout=WAIT_MS)
        wait_idle(qtbot, canvas)
        assert len(canvas.snapshot("need")) == 60
        assert canvas.selection() == {"need": set(expected)}
    finally:
        release.set()
        canvas.shutdown()
        ws.close()


def test_a_cluster_takes_the_most_severe_class_a_fifth_of_its_people_are_in() -> None:
    """The 20% rule (IPC, JIAF): a cluster's colour is the most severe phase that at least a
    fifth of its population is in or above; without an order of classes, the most common."""
    from humanops.viewmodel.layers.point_clusters import cluster_points

    xy = np.zeros((10, 2)) + 5.0  # one cell
    rows = np.arange(10)
    phases = np.array([1] * 8 + [5] * 2, dtype=np.int32)  # 20% in phase 5
    assert cluster_points(xy, rows, phases, 100.0, ordered=True).class_index.tolist() == [5]
    phases = np.array([1] * 9 + [5], dtype=np.int32)  # 10% in phase 5, 10% in 4 or above...
    assert cluster_points(xy, rows, phases, 100.0, ordered=True).class_index.tolist() == [1]
    phases = np.array([1] * 8 + [3, 5], dtype=np.int32)  # ...20% in phase 3 or above
    assert cluster_points(xy, rows, phases, 100.0, ordered=True).class_index.tolist() == [3]
    people = np.array([1.0] * 9 + [100.0])  # the one phase-5 site holds most of the people
    assert cluster_points(xy, rows, np.array([1] * 9 + [5], dtype=np.int32), 100.0, ordered=True,
                          weights=people).class_index.tolist() == [5]
    assert cluster_points(xy, rows, np.array([2] * 6 + [5] * 4, dtype=np.int32), 100.0).class_index.tolist() == [2]


def _phases_ws(path: Path):
    """Needs on a grid, 0.004 degree apart: the western half in phase 1, the eastern in phase 5."""
    from humanops.store.workspace import Workspace

    ws = Workspace.create(path, organisation="ocha")
    points, phases = [], []
    for i in range(8):
        for j in range(5):
            points.append(Point(36.00 + 0.004 * i, 36.00 + 0.004 * j))
            phases.append(1 if i < 4 else 5)
    ws.add_frame("need", gpd.GeoDataFrame(
        {"name": [f"Site {i}" for i in range(len(points))], "population": 100, "severity_phase": phases},
        geometry=points, crs=4326))
    return ws


def test_the_first_drawn_map_of_a_large_point_layer_shows_its_classes(qtbot, tmp_path, staged,
                                                                      monkeypatch) -> None:
    """The first image of a large point layer is drawn from its packed read: exact places and
    the class of every feature, before its identities are read."""
    from humanops.ui.canvas import MapCanvas, map_canvas

    ws = _phases_ws(tmp_path / "ws.gpkg")
    release = threading.Event()
    real = map_canvas.read_columns

    def slow_identity(path, kind, columns, **kwargs):
        if columns == ["uuid", "version"]:
            release.wait(WAIT_MS / 1000)  # the identity stage waits for the test
        return real(path, kind, columns, **kwargs)

    monkeypatch.setattr(map_canvas, "read_columns", slow_identity)
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)
    canvas.show()
    qtbot.waitExposed(canvas)
    try:
        canvas.set_workspace(ws)
        canvas.zoom_to_extent(35.995, 35.99, 36.035, 36.025)
        qtbot.waitUntil(lambda: canvas._composite is not None and "layer:need" in canvas._images, timeout=WAIT_MS)
        snapshot = canvas.snapshot("need")
        assert not snapshot.identity_known  # the first stage: what drawing needs only
        stored = ws.rows("need", ["severity_phase"])
        stored_xy = _stored_lonlat(ws)
        assert np.array_equal(snapshot.lonlat.xy, stored_xy)  # exact places, in fid order
        phase_of_class = {i + 1: int(key) for i, key in enumerate(snapshot.kind.style.classes)}
        drawn = [phase_of_class[c] for c in snapshot.class_index.tolist()]
        assert drawn == stored.column("severity_phase")
        # and drawn so: the phase-5 needs in the class's dark purple, the phase-1 ones light
        def lightness(lon: float, lat: float) -> int:
            return QColor(frame(canvas).pixel(pixel_of(canvas, lon, lat))).lightness()

        qtbot.waitUntil(lambda: lightness(36.028, 36.008) < 150, timeout=WAIT_MS)
        assert lightness(36.000, 36.008) > lightness(36.028, 36.008) + 60
        assert not canvas.snapshot("need").identity_known
        release.set()
        wait_idle(qtbot, canvas)
        assert canvas.snapshot("need").identity_known
    finally:
        release.set()
        canvas.shutdown()
        ws.close()
