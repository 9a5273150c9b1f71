"""What a briefing map draws under its layers, with no network: the app's offline world outlines
(Natural Earth, public domain; :mod:`humanops.basemap`) as a GeoJSON layer, or the tiles of a local
MBTiles file (:class:`humanops.store.mbtiles.MBTilesFile`) for the briefing's area, embedded in
the page as base64.

Only the tiles that cover the area are embedded, zoom level by zoom level from the file's lowest,
while they fit in ``budget_bytes``: a level that would not fit, and every level above it, is left
out (the result says which levels went in), so a briefing stays small enough to send.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from humanops.errors import FormatError
from humanops.feedback import Feedback

OUTLINE_DECIMALS = 3           # about 100 m: the 1:110m outlines hold nothing finer
TILE_BUDGET_BYTES = 3_000_000  # tile images embedded at most (base64 adds a third)
MAX_TILE_ZOOM = 18
MIN_TILE_BYTES = 100          # the smallest a tile image plausibly is
_MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
Bbox = tuple[float, float, float, float]


def world_outlines_json() -> str:
    """The country outlines as a GeoJSON FeatureCollection (name of each country kept)."""
    import json

    from humanops.basemap import world_outlines

    world = world_outlines()
    geoms = shapely.transform(np.asarray(world.geometry.values, dtype=object),
                              lambda c: np.round(c, OUTLINE_DECIMALS))
    parts = [f'{{"type":"Feature","geometry":{g},"properties":{{"name":{json.dumps(str(n), ensure_ascii=False)}}}}}'
             for g, n in zip(shapely.to_geojson(geoms), world["name"].to_numpy(dtype=object), strict=True)
             if g is not None]
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


@dataclass
class EmbeddedTiles:
    """Tiles of one MBTiles file for the page: ``tiles`` maps ``z/x/y`` (XYZ rows) to base64."""

    name: str
    attribution: str
    mime: str
    min_zoom: int
    max_zoom: int
    tiles: dict[str, str] = field(default_factory=dict)
    bytes: int = 0
    left_out_zooms: list[int] = field(default_factory=list)


def tile_range(bbox: Bbox, zoom: int) -> tuple[int, int, int, int]:
    """XYZ tile columns and rows (inclusive) covering ``bbox`` at ``zoom`` (Web Mercator)."""
    minx, miny, maxx, maxy = bbox
    n = 2 ** zoom

    def column(lon: float) -> int:
        return min(n - 1, max(0, math.floor((lon + 180.0) / 360.0 * n)))

    def row(lat: float) -> int:
        lat = max(-85.05112878, min(85.05112878, lat))
        rad = math.radians(lat)
        return min(n - 1, max(0, math.floor((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * n)))

    return column(minx), row(maxy), column(maxx), row(miny)


def embed_mbtiles(path: str | Path, bbox: Bbox, *, min_zoom: int | None = None, max_zoom: int | None = None,
                  budget_bytes: int = TILE_BUDGET_BYTES, feedback: Feedback | None = None) -> EmbeddedTiles:
    """The tiles of ``path`` over ``bbox``, from its lowest zoom (or ``min_zoom``) up to its
    highest (or ``max_zoom``), level by level while they fit in ``budget_bytes``."""
    from humanops.store.mbtiles import MBTilesFile

    tiles_file = MBTilesFile(path)
    try:
        fmt = tiles_file.metadata.get("format", "png").lower()
        if fmt not in _MIME:
            raise FormatError(f"tiles in {fmt!r} cannot be shown in a briefing map (png, jpg or webp only)",
                              file=str(path))
        low = max(tiles_file.min_zoom, min_zoom if min_zoom is not None else tiles_file.min_zoom)
        high = min(tiles_file.max_zoom, MAX_TILE_ZOOM, max_zoom if max_zoom is not None else tiles_file.max_zoom)
        if low > high:
            raise FormatError(f"no zoom level between {min_zoom} and {max_zoom} (the file has "
                              f"{tiles_file.min_zoom}-{tiles_file.max_zoom})", file=str(path))
        out = EmbeddedTiles(tiles_file.name, tiles_file.attribution, _MIME[fmt], low, low - 1)
        for zoom in range(low, high + 1):
            if feedback is not None:
                feedback.progress((zoom - low) / (high - low + 1), f"basemap tiles, zoom {zoom}")
            level, size = _level(tiles_file, bbox, zoom, budget_bytes - out.bytes)
            if level is None:
                out.left_out_zooms = list(range(zoom, high + 1))
                break
            out.tiles.update(level)
            out.bytes += size
            out.max_zoom = zoom
        if not out.tiles:
            raise FormatError("the MBTiles file has no tile over the briefing's area"
                              + (" that fits the size budget" if out.left_out_zooms else ""), file=str(path))
        return out
    finally:
        tiles_file.close()


def _level(tiles_file: object, bbox: Bbox, zoom: int, room: int) -> tuple[dict[str, str] | None, int]:
    """One zoom level's tiles over ``bbox``, or None if they would not fit in ``room`` bytes."""
    x0, y0, x1, y1 = tile_range(bbox, zoom)
    if (x1 - x0 + 1) * (y1 - y0 + 1) * MIN_TILE_BYTES > room:  # cannot fit: not worth reading
        return None, 0
    level: dict[str, str] = {}
    size = 0
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            data = tiles_file.tile_data(zoom, x, y)  # type: ignore[attr-defined]
            if data is None:
                continue
            size += len(data)
            if size > room:
                return None, 0
            level[f"{zoom}/{x}/{y}"] = base64.b64encode(data).decode("ascii")
    return level, size
