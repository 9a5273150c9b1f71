"""A dense point layer's first map drawn from the overview kept in the workspace, through the real
MainWindow: the first open reads the points and keeps their overview; the next open draws the
clusters from it before the points are read (held back here), the same discs in the same colours
as the points then draw; a key press zooming in is drawn from it too; an edit meanwhile takes it
off the map at once; after another tool's SQL write it is never shown; and a click on a cluster
before the points arrive zooms in on it, as after. Thresholds lowered so
a few thousand needs stand for a million (sizes and times: benchmarks/bench_canvas.py)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from shapely.geometry import Point

WAIT_MS = 20_000


@pytest.fixture
def dense_path(tmp_path: Path) -> Path:
    from humanops.store.workspace import Workspace

    path = tmp_path / "dense.gpkg"
    ws = Workspace.create(path, organisation="ocha")
    rng = np.random.default_rng(8)
    n = 3000
    ws.add_frame("need", gpd.GeoDataFrame(
        {"name": [f"Site {i}" for i in range(n)], "population": rng.integers(50, 9000, n),
         "severity_phase": rng.integers(1, 6, n)},
        geometry=[Point(x, y) for x, y in zip(rng.uniform(36.0, 36.3, n), rng.uniform(36.0, 36.2, n), strict=True)],
        crs=4326))
    ws.close()
    return path


@pytest.fixture
def overview_thresholds(monkeypatch):
    """Read in stages and kept as an overview past 1,000 needs; clusters past 200 in view."""
    from humanops.ui.canvas import map_canvas
    from humanops.viewmodel.layers import overview_grid, point_clusters

    monkeypatch.setattr(map_canvas, "PROGRESSIVE_ABOVE", 1000)
    monkeypatch.setattr(map_canvas, "OVERVIEW_ABOVE", 1000)
    for module in (point_clusters, overview_grid):
        monkeypatch.setattr(module, "AGGREGATE_ABOVE", 200)
        monkeypatch.setattr(module, "PX2_PER_POINT", 1e9)


@pytest.fixture
def held_points(monkeypatch):
    """While ``held`` is clear, the need layer's points are not read (its later stages may be)."""
    from humanops.ui.canvas import map_canvas

    released = threading.Event()
    real = map_canvas.read_columns

    def read_columns(path, kind, columns, **kwargs):
        if kind.name == "need" and kwargs.get("geometry", True) and kwargs.get("uuids") is None:
            released.wait(WAIT_MS / 1000)
        return real(path, kind, columns, **kwargs)

    monkeypatch.setattr(map_canvas, "read_columns", read_columns)
    return released


def _layer_image(canvas) -> np.ndarray:
    image = canvas._images["layer:need"][0].convertToFormat(QImage.Format.Format_ARGB32)
    bits = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return bits[:, : image.width() * 4].copy()


def _open(qtbot, window, path: Path) -> None:
    assert window.open_workspace(path), window.statusBar().currentMessage()


def test_first_map_from_the_overview_then_the_points(qtbot, make_main_window, dense_path, overview_thresholds,
                                                     held_points) -> None:
    held_points.set()  # the first open ever reads the points (and keeps their overview)
    window = make_main_window(dense_path)
    canvas = window.canvas
    qtbot.waitUntil(canvas.is_idle, timeout=WAIT_MS)
    assert canvas.snapshot("need") is not None and not canvas.drawn_from_overview("need")
    held_points.clear()

    _open(qtbot, window, dense_path)  # the next open: the clusters at once, the points held back
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.drawn_from_overview("need"), timeout=WAIT_MS)
    assert canvas.snapshot("need") is None  # not one point read yet
    from_overview = _layer_image(canvas)
    assert (from_overview[:, 3::4] > 0).sum() > 1000  # discs on the map
    canvas.grab().save(str(dense_path.with_name("first_map_from_overview.png")))

    # Zooming in with the keyboard is drawn from the overview too (while it can tell the clusters).
    view_before = canvas.view()
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: canvas._images["layer:need"][1].resolution < view_before.resolution
                    or "layer:need" not in canvas._images, timeout=WAIT_MS)
    assert canvas.snapshot("need") is None
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.waitUntil(lambda: "layer:need" in canvas._images
                    and canvas._images["layer:need"][1].resolution == view_before.resolution, timeout=WAIT_MS)

    held_points.set()  # the points come: the same map, now from them
    qtbot.waitUntil(lambda: canvas.snapshot("need") is not None and canvas.is_idle(), timeout=WAIT_MS)
    assert not canvas.drawn_from_overview("need")
    assert canvas._images["layer:need"][1].resolution == view_before.resolution
    from_points = _layer_image(canvas)
    differing = int((np.abs(from_points.astype(int) - from_overview.astype(int)) > 8).sum())
    assert differing <= 0.001 * from_points.size, f"{differing} bytes differ between the overview's map and the points'"


def test_an_edit_takes_the_overview_off_the_map_at_once(qtbot, make_main_window, dense_path, overview_thresholds,
                                                        held_points) -> None:
    held_points.set()
    window = make_main_window(dense_path)
    qtbot.waitUntil(window.canvas.is_idle, timeout=WAIT_MS)
    held_points.clear()
    _open(qtbot, window, dense_path)
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.drawn_from_overview("need"), timeout=WAIT_MS)
    ws = window.workspace
    uuid = ws.rows("need", ["uuid"]).column("uuid")[0]
    ws.update_feature("need", uuid, properties={"severity_phase": 1})
    qtbot.waitUntil(lambda: not canvas.drawn_from_overview("need") and "layer:need" not in canvas._images,
                    timeout=WAIT_MS)
    held_points.set()
    qtbot.waitUntil(lambda: canvas.snapshot("need") is not None and canvas.is_idle(), timeout=WAIT_MS)
    row = canvas.snapshot("need").rows_for([uuid])
    assert canvas.snapshot("need").attrs["severity_phase"].to_numpy()[row].tolist() == [1.0]


def test_never_shown_after_another_tools_write(qtbot, make_main_window, dense_path, overview_thresholds,
                                               held_points) -> None:
    from humanops.store.gpkg_geometry import register_functions

    held_points.set()
    window = make_main_window(dense_path)
    qtbot.waitUntil(window.canvas.is_idle, timeout=WAIT_MS)
    window.close_workspace(ask=False)
    other = sqlite3.connect(dense_path)  # QGIS, say, while the app is closed
    register_functions(other)
    with other:
        other.execute("UPDATE need SET severity_phase = 5 WHERE fid <= 50")
    other.close()

    shown: list[bool] = []
    _open(qtbot, window, dense_path)
    canvas = window.canvas
    canvas._queue.finished.connect(lambda *_: shown.append(canvas.drawn_from_overview("need")))
    qtbot.waitUntil(lambda: canvas.snapshot("need") is not None and canvas.is_idle(), timeout=WAIT_MS)
    assert shown and not any(shown)


def test_a_click_on_a_cluster_before_the_points_arrive_zooms_in(qtbot, make_main_window, dense_path,
                                                                 overview_thresholds, held_points) -> None:
    """Drawn from the overview, the points not read yet: a click on a large cluster's disc zooms in
    on it, as it does once the points are read; on a small one (listed once read) the status line
    says the points are still loading; on empty map nothing happens."""
    from PySide6.QtCore import QPoint

    from humanops.viewmodel.layers.overview_grid import is_ordered
    from humanops.viewmodel.layers.point_clusters import LIST_UP_TO

    held_points.set()
    window = make_main_window(dense_path)
    qtbot.waitUntil(window.canvas.is_idle, timeout=WAIT_MS)
    held_points.clear()
    _open(qtbot, window, dense_path)
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.drawn_from_overview("need"), timeout=WAIT_MS)
    view = canvas.view()
    clusters, _ = canvas._overviews["need"].clusters_for(view, is_ordered(canvas.workspace().kind("need")))
    biggest = int(np.argmax(clusters.count))
    assert clusters.count[biggest] > LIST_UP_TO
    px, py = canvas.to_pixel(*clusters.centre[biggest])

    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # a corner: no disc there
    assert canvas.view().resolution == view.resolution
    small = np.flatnonzero(clusters.count <= LIST_UP_TO)  # listed once read: the status line says why not yet
    assert len(small)
    sx, sy = canvas.to_pixel(*clusters.centre[small[0]])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(sx), round(sy)))
    assert canvas.view().resolution == view.resolution
    assert "still loading" in window.statusBar().currentMessage()
    window.grab().save(str(dense_path.with_name("click_before_points.png")))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    assert canvas.snapshot("need") is None  # still before the points
    assert canvas.view().resolution <= view.resolution / 4 + 1e-9
    centre_x, centre_y = canvas.to_pixel(*clusters.centre[biggest])
    assert abs(centre_x - px) < 2 and abs(centre_y - py) < 2  # zoomed on the disc, which stays under the cursor
    held_points.set()
    qtbot.waitUntil(lambda: canvas.snapshot("need") is not None and canvas.is_idle(), timeout=WAIT_MS)
