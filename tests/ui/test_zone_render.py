"""Danger zones drawn from their coordinate arrays: every ring of every area in its path (holes
and parts included, empties left out), and on the map a hole stays open, overlapping zones
darken where they overlap and a zone too small to show its shape still shows as a dot."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath
from shapely import wkt

from humanops.catalog import load_catalog
from humanops.store.layer_columns import LayerColumns
from humanops.ui.canvas.layer_renderer import TINY_AREA_PX, RenderSettings, render_layer
from humanops.ui.canvas.qt_geometry import area_paths
from humanops.viewmodel.layers.layer_data import LayerSnapshot, snapshot_from_columns
from humanops.viewmodel.map_view import MapView, lonlat_box_to_map


def _elements(path: QPainterPath) -> tuple[np.ndarray, np.ndarray]:
    """A path's vertices and whether each starts a ring (a MoveTo)."""
    found = [path.elementAt(i) for i in range(path.elementCount())]
    return np.array([(e.x, e.y) for e in found]).reshape(-1, 2), np.array([e.isMoveTo() for e in found])


def _expected(geometry: shapely.Geometry, view: MapView) -> tuple[np.ndarray, np.ndarray]:
    """What a path of ``geometry`` must hold, ring by ring (the slow, obvious way)."""
    xy, move = [], []
    for part in shapely.get_parts(geometry):
        for ring in shapely.get_rings(part):
            coords = shapely.get_coordinates(ring)
            if not len(coords):
                continue
            px, py = view.to_pixel(coords[:, 0], coords[:, 1])
            xy.append(np.column_stack([px, py]))
            move += [True] + [False] * (len(coords) - 1)
    return np.concatenate(xy), np.array(move)


def _mixed_areas(rng: np.random.Generator) -> np.ndarray:
    """Polygons, holed polygons, multipolygons with holes, empties and missing ones, mixed."""
    fixed = [wkt.loads(text) for text in (
        "MULTIPOLYGON (((0 0, 1000 0, 1000 1000, 0 0)), ((2000 2000, 3000 2000, 3000 3000, 2000 2000),"
        " (2100 2100, 2200 2100, 2200 2200, 2100 2100)))",
        "POLYGON EMPTY",
        "POLYGON ((0 0, 5000 0, 5000 5000, 0 5000, 0 0), (100 100, 200 100, 200 200, 100 100),"
        " (300 300, 400 300, 400 400, 300 300))",
        "MULTIPOLYGON EMPTY",
        "POLYGON ((1 1, 2 1, 2 2, 1 1))",
    )] + [None]
    blobs = shapely.buffer(shapely.points(rng.uniform(0, 50_000, (60, 2))), rng.uniform(50, 3000, 60),
                           quad_segs=rng.integers(1, 6))
    holed = shapely.difference(blobs[:20], shapely.buffer(shapely.centroid(blobs[:20]), 20))
    several = shapely.multipolygons([[a, b] for a, b in zip(blobs[20:30], blobs[30:40], strict=True)])
    areas = np.array(fixed + list(blobs[40:]) + list(holed) + list(several), dtype=object)
    return areas[rng.permutation(len(areas))]


def test_every_ring_of_every_area_is_in_its_path() -> None:
    rng = np.random.default_rng(7)
    view = MapView(25_000.0, 25_000.0, 37.5, 800, 600)
    for _ in range(3):
        areas = _mixed_areas(rng)
        drawn = area_paths(areas, view)
        shown = [g for g in areas if g is not None and not g.is_empty]
        assert len(drawn) == len(shown) > 50
        for path, geometry in zip(drawn, shown, strict=True):
            xy, move = _elements(path)
            want_xy, want_move = _expected(geometry, view)
            np.testing.assert_array_equal(move, want_move)
            np.testing.assert_allclose(xy, want_xy, rtol=0, atol=1e-9)


def test_an_area_path_is_one_feature_with_holes_open() -> None:
    view = MapView(2_500.0, 2_500.0, 10.0, 600, 600)
    holed = wkt.loads("POLYGON ((0 0, 5000 0, 5000 5000, 0 5000, 0 0), (2000 2000, 3000 2000, 3000 3000,"
                      " 2000 3000, 2000 2000))")
    (path,) = area_paths(np.array([holed], dtype=object), view)
    inside, hole = view.to_pixel(1000.0, 1000.0), view.to_pixel(2500.0, 2500.0)
    assert path.contains(_point(*inside)) and not path.contains(_point(*hole))


def _point(x: float, y: float) -> QPointF:
    return QPointF(float(x), float(y))


@pytest.fixture
def zones() -> tuple[LayerSnapshot, MapView, tuple[float, float]]:
    """Two overlapping zones, one with a hole, and one far too small to show at the view's zoom."""
    kind = load_catalog()["danger_zone"]
    lon, lat = 128.5, -18.0
    big = shapely.Polygon([(lon - 0.1, lat - 0.1), (lon + 0.1, lat - 0.1), (lon + 0.1, lat + 0.1),
                           (lon - 0.1, lat + 0.1)], [[(lon - 0.03, lat - 0.03), (lon + 0.03, lat - 0.03),
                                                      (lon + 0.03, lat + 0.03), (lon - 0.03, lat + 0.03)]])
    other = shapely.box(lon + 0.05, lat - 0.05, lon + 0.2, lat + 0.05)
    tiny = shapely.box(lon - 0.15, lat + 0.15, lon - 0.1499, lat + 0.1501)
    geometries = np.array([shapely.MultiPolygon([g]) for g in (big, other, tiny)], dtype=object)
    columns = LayerColumns(np.arange(1, 4), None, geometries, {"severity": np.array([3.0, 3.0, 5.0])})
    snapshot = snapshot_from_columns(kind, columns, 1, whole=False)
    minx, miny, maxx, maxy = lonlat_box_to_map(lon - 0.25, lat - 0.25, lon + 0.25, lat + 0.25)
    view = MapView((minx + maxx) / 2, (miny + maxy) / 2, (maxx - minx) / 500, 500, 500)
    return snapshot, view, (lon, lat)


def test_zones_drawn_with_holes_overlaps_and_a_dot_for_the_tiny_one(qapp: object, zones: tuple) -> None:
    snapshot, view, (lon, lat) = zones
    image = render_layer(snapshot, view, RenderSettings())

    def alpha_at(dlon: float, dlat: float) -> int:
        x, y = lonlat_box_to_map(lon + dlon, lat + dlat, lon + dlon, lat + dlat)[:2]
        px, py = view.to_pixel(x, y)
        return image.pixelColor(int(px), int(py)).alpha()

    single, overlap = alpha_at(-0.07, 0.0), alpha_at(0.08, 0.0)
    assert 0 < single < overlap < 255  # translucent zones: where two overlap, both fills show
    assert alpha_at(0.0, 0.0) == 0  # the hole stays open
    assert alpha_at(-0.22, -0.22) == 0  # outside every zone
    tiny_span = 0.0001 * 111_000 / view.resolution
    assert tiny_span < TINY_AREA_PX
    assert alpha_at(-0.14995, 0.15005) == 255  # the tiny zone: its dot, opaque
