"""Result overlays stroke their lines in bounded pieces: PySide6 holds the GIL for a whole
``QPainter.strokePath`` call, so a path of thousands of vertices stopped the GUI thread while a
render thread drew a plan's shipments. Every call must get fewer than
``overlay_layers.STROKE_VERTICES`` vertices, and the pieces must draw the same lines."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from humanops.ui.canvas import overlay_layers
from humanops.ui.canvas.qt_geometry import line_paths, stroke_paths
from humanops.viewmodel.map_view import MapView, lonlat_box_to_map, project_geometries


def _lines() -> np.ndarray:
    """A long winding line (5,000 vertices), a multi-line of two long parts, and short lines."""
    rng = np.random.default_rng(11)
    t = np.linspace(0, 6 * np.pi, 5000)
    winding = shapely.linestrings(36.0 + 0.1 * t / (6 * np.pi), 36.1 + 0.05 * np.sin(t))
    parts = [shapely.linestrings(np.column_stack([np.linspace(36.0, 36.3, 900), np.full(900, y)]))
             for y in (36.02, 36.04)]
    short = [shapely.linestrings([(x, 36.2), (x + 0.01, 36.21), (x + 0.02, 36.2)])
             for x in rng.uniform(36.0, 36.28, 300)]
    return np.array([winding, shapely.multilinestrings(parts), *short], dtype=object)


def _view() -> MapView:
    return MapView(0, 0, 1, 600, 450).fitted(*lonlat_box_to_map(35.98, 35.98, 36.34, 36.25))


def test_no_stroke_call_gets_more_than_the_bound(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    strokes: list[int] = []

    class CountingPainter(QPainter):
        def strokePath(self, path: QPainterPath, pen: QPen) -> None:
            strokes.append(path.elementCount())
            super().strokePath(path, pen)

    monkeypatch.setattr(overlay_layers, "QPainter", CountingPainter)
    frame = gpd.GeoDataFrame({"_width": np.full(len(_lines()), 3.0)}, geometry=_lines(), crs=4326)
    image = overlay_layers.render_overlay(overlay_layers.Overlay("shipments", frame), _view())
    vertices = int(shapely.get_num_coordinates(_lines()).sum())
    assert strokes, "nothing stroked"
    assert max(strokes) < overlay_layers.STROKE_VERTICES
    # every vertex was stroked, twice (halo, line), the cut ones once more per piece they end
    assert sum(strokes) >= 2 * vertices
    assert not image.isNull() and image != overlay_layers.render_overlay(
        overlay_layers.Overlay("none", frame.iloc[:0]), _view())


@pytest.mark.parametrize("limit", [8, 64, 512])
def test_the_pieces_draw_the_same_lines(limit: int, qapp: Any) -> None:
    geoms = project_geometries(_lines())  # the map's CRS, as the renderer holds them
    view = _view()

    def drawn(paths: list[QPainterPath]) -> np.ndarray:
        image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = overlay_layers._pen(QColor("#0b4fa8"), 3.0, False)  # opaque: overlaps do not show
        for path in paths:
            painter.strokePath(path, pen)
        painter.end()
        return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(view.height, view.width, 4)[..., 3].copy()

    pieces = stroke_paths(geoms, view, limit)
    assert max(p.elementCount() for p in pieces) < limit
    whole, cut = drawn(line_paths(geoms, view)) > 127, drawn(pieces) > 127
    assert whole.sum() > 5000
    assert (whole & ~cut).sum() <= whole.sum() // 1000  # nothing lost
    # where two pieces meet their antialiased caps add up: under a pixel a cut more, nothing else
    cuts = sum(len([i for i in range(p.elementCount()) if p.elementAt(i).isMoveTo()]) for p in pieces) \
        - int(shapely.get_num_geometries(geoms).sum())
    assert (cut & ~whole).sum() <= cuts


def test_a_line_on_the_bound_is_not_left_with_a_one_vertex_piece(qapp: Any) -> None:
    view = _view()
    for n in (255, 256, 257, 511, 512, 513):
        line = shapely.linestrings(np.column_stack([np.linspace(36.0, 36.3, n), np.full(n, 36.1)]))
        paths = stroke_paths(project_geometries(np.array([line], dtype=object)), view, 512)
        sizes = []
        for path in paths:
            moves = [i for i in range(path.elementCount()) if path.elementAt(i).isMoveTo()]
            sizes += np.diff([*moves, path.elementCount()]).tolist()
        assert min(sizes) >= 2, (n, sizes)
        assert max(sizes) <= 256
        assert sum(sizes) == n + len(sizes) - 1  # consecutive pieces share one vertex
