"""The offline world basemap: Natural Earth country outlines as light land on a pale sea.

Read once (``humanops.basemap.world_outlines``), projected once, simplified per zoom bucket
like any layer, drawn in a worker. If the shipped GeoPackage is missing the canvas falls back
to the Natural Earth file that ships inside pyogrio's test fixtures, and failing that draws
the sea alone: a missing basemap never stops the map.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from humanops.ui.canvas.layer_renderer import ShouldStop, Stopped, new_image
from humanops.ui.canvas.qt_geometry import area_paths
from humanops.viewmodel.map_view import MapView, project_geometries

log = logging.getLogger(__name__)

SEA = "#dfe9ef"
LAND = "#f5f3ee"
BORDER = "#c3bcae"


class WorldBasemap:
    def __init__(self, geoms_lonlat: np.ndarray) -> None:
        geoms = project_geometries(np.asarray(geoms_lonlat, dtype=object))
        self.geoms = shapely.orient_polygons(geoms) if len(geoms) else geoms
        self.tree = shapely.STRtree(self.geoms)
        self._simplified: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def simplified(self, bucket: int) -> np.ndarray:
        with self._lock:
            if bucket in self._simplified:
                return self._simplified[bucket]
        out = shapely.simplify(self.geoms, 0.5 * 2.0 ** bucket, preserve_topology=False)
        with self._lock:
            self._simplified[bucket] = out
            while len(self._simplified) > 4:
                self._simplified.popitem(last=False)
        return out

    def render(self, view: MapView, should_stop: ShouldStop = lambda: False) -> QImage:
        image = new_image(view)
        minx, miny, maxx, maxy = view.extent
        rows = np.sort(self.tree.query(shapely.box(minx, miny, maxx, maxy)))
        if not len(rows):
            return image
        geoms = self.simplified(view.zoom_bucket())[rows]
        geoms = geoms[~shapely.is_empty(geoms)]
        if should_stop():
            raise Stopped
        paths = area_paths(geoms, view)
        painter = QPainter(image)
        try:
            brush = QBrush(QColor(LAND))
            for path in paths:
                painter.fillPath(path, brush)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(QColor(BORDER), 1.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            for path in paths:
                painter.strokePath(path, pen)
        finally:
            painter.end()
        return image


_world: WorldBasemap | None = None
_world_lock = threading.Lock()


def world_basemap() -> WorldBasemap:
    """The world basemap, loaded on first use (from any thread) and kept."""
    global _world
    with _world_lock:
        if _world is None:
            _world = WorldBasemap(_read_outlines())
        return _world


def _read_outlines() -> np.ndarray:
    from humanops.basemap import world_outlines
    from humanops.errors import HumanOpsError

    try:
        return np.asarray(world_outlines().geometry.values, dtype=object)
    except HumanOpsError as exc:
        log.warning("world basemap: %s", exc.message)
    import pyogrio

    fallback = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if fallback.is_file():
        return np.asarray(pyogrio.read_dataframe(fallback).geometry.values, dtype=object)
    return np.empty(0, dtype=object)
