"""Raster basemap tiles from a local MBTiles file (offline imagery or street maps).

The file is read by :class:`humanops.store.mbtiles.MBTilesFile` (metadata, zoom range, tile
bytes); here the tiles become images. For a view we pick the zoom whose tiles are at least as
sharp as the screen (within the file's zoom range: past its deepest zoom tiles are enlarged),
draw the tiles that cover the view and keep the decoded images in a small LRU cache.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from humanops.store.mbtiles import MBTilesFile
from humanops.ui.canvas.layer_renderer import ShouldStop, Stopped, new_image
from humanops.viewmodel.map_view import WORLD_HALF, MapView

TILE_PX = 256
MAX_TILES_A_VIEW = 400  # a view needing more (far outside the file's zooms) draws nothing
CACHE_TILES = 512


def tile_resolution(zoom: int) -> float:
    """Map metres a tile pixel at ``zoom``."""
    return 2 * WORLD_HALF / (TILE_PX * 2 ** zoom)


class MBTilesSource:
    """One MBTiles file, opened read-only. Safe to render from several threads."""

    def __init__(self, path: str | Path) -> None:
        self.file = MBTilesFile(path)  # FormatError (naming the file) if it is not one
        self.path = self.file.path
        self.metadata = self.file.metadata
        self.min_zoom, self.max_zoom = self.file.min_zoom, self.file.max_zoom
        self.name = self.file.name
        self.attribution = self.file.attribution
        self._cache: OrderedDict[tuple[int, int, int], QImage | None] = OrderedDict()
        self._lock = threading.Lock()

    def close(self) -> None:
        self.file.close()

    def bounds_lonlat(self) -> tuple[float, float, float, float] | None:
        text = self.metadata.get("bounds")
        try:
            values = tuple(float(v) for v in text.split(",")) if text else ()
        except ValueError:
            return None
        return values if len(values) == 4 else None  # type: ignore[return-value]

    def zoom_for(self, view: MapView) -> int:
        """The coarsest zoom whose pixels are no bigger than the screen's."""
        wanted = math.ceil(math.log2(2 * WORLD_HALF / (TILE_PX * view.resolution / view.device_pixel_ratio)) - 1e-9)
        return int(min(max(wanted, self.min_zoom), self.max_zoom))

    def tile(self, zoom: int, column: int, row_xyz: int) -> QImage | None:
        key = (zoom, column, row_xyz)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = self.file.tile_data(zoom, column, row_xyz)
        image = None
        if data is not None:
            decoded = QImage.fromData(data)
            image = None if decoded.isNull() else decoded
        with self._lock:
            self._cache[key] = image
            while len(self._cache) > CACHE_TILES:
                self._cache.popitem(last=False)
        return image

    def render(self, view: MapView, should_stop: ShouldStop = lambda: False) -> QImage:
        image = new_image(view)
        zoom = self.zoom_for(view)
        res = tile_resolution(zoom)
        span = TILE_PX * res
        minx, miny, maxx, maxy = view.extent
        n = 2 ** zoom
        c0, c1 = max(0, int((minx + WORLD_HALF) // span)), min(n - 1, int((maxx + WORLD_HALF) // span))
        r0, r1 = max(0, int((WORLD_HALF - maxy) // span)), min(n - 1, int((WORLD_HALF - miny) // span))
        if c1 < c0 or r1 < r0 or (c1 - c0 + 1) * (r1 - r0 + 1) > MAX_TILES_A_VIEW:
            return image
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            for row in range(r0, r1 + 1):
                for column in range(c0, c1 + 1):
                    if should_stop():
                        raise Stopped
                    tile = self.tile(zoom, column, row)
                    if tile is None:
                        continue
                    left, top = view.to_pixel(-WORLD_HALF + column * span, WORLD_HALF - row * span)
                    size = span / view.resolution
                    # Whole-pixel edges, so neighbouring tiles meet without a hairline seam.
                    x0, y0 = round(float(left)), round(float(top))
                    x1, y1 = round(float(left) + size), round(float(top) + size)
                    painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), tile)
        finally:
            painter.end()
        return image
