"""What part of the world the canvas shows: a centre, a resolution and a size in pixels.

The canvas draws in Web Mercator (EPSG:3857), the projection of every tiled basemap, so
MBTiles line up with the vector layers. Storage stays EPSG:4326; data is projected once per
layer load (pyproj, vectorised) and the view maps projected metres to pixels with two
multiply-adds. Qt-free, so the render core and the tools can be tested without a screen.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, replace

import numpy as np
import shapely
from pyproj import Transformer

MAP_CRS = "EPSG:3857"
WORLD_HALF = 20037508.342789244  # half the width of the Web Mercator square, metres
MAX_LATITUDE = 85.05112878  # where Web Mercator is cut off
MIN_RESOLUTION = 0.05  # metres a pixel: about 1:180 at 96 dpi, closer than any field map
MAX_RESOLUTION = 2 * WORLD_HALF / 256  # the whole world in 256 pixels
INCH_M = 0.0254

_local = threading.local()  # pyproj transformers are not shared between threads
_creating = threading.Lock()  # PROJ crashes when two threads build their first transformers at once


def _transformer(source: str, target: str) -> Transformer:
    cache = getattr(_local, "transformers", None)
    if cache is None:
        cache = _local.transformers = {}
    key = (source, target)
    if key not in cache:
        with _creating:
            cache[key] = Transformer.from_crs(source, target, always_xy=True)
    return cache[key]


def lonlat_to_map(lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    x, y = _transformer("EPSG:4326", MAP_CRS).transform(np.asarray(lon, dtype=float), lat)
    return np.asarray(x), np.asarray(y)


def map_to_lonlat(x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = _transformer(MAP_CRS, "EPSG:4326").transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def _project_xy(xy: np.ndarray) -> np.ndarray:
    x, y = lonlat_to_map(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _unproject_xy(xy: np.ndarray) -> np.ndarray:
    lon, lat = map_to_lonlat(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def project_geometries(geoms: np.ndarray) -> np.ndarray:
    """EPSG:4326 geometries to the map CRS, in one vectorised pass."""
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return geoms
    return shapely.transform(geoms, _project_xy)


def unproject_geometry(geometry: shapely.Geometry) -> shapely.Geometry:
    """A map-CRS geometry back to EPSG:4326 (what the tools hand to the Workspace)."""
    return shapely.transform(geometry, _unproject_xy)


@dataclass(frozen=True)
class MapView:
    """A view: centre (map metres), resolution (map metres a logical pixel) and size."""

    cx: float
    cy: float
    resolution: float
    width: int
    height: int
    device_pixel_ratio: float = 1.0

    # --- geometry of the view ------------------------------------------------------------
    @property
    def extent(self) -> tuple[float, float, float, float]:
        half_w = self.width * self.resolution / 2
        half_h = self.height * self.resolution / 2
        return (self.cx - half_w, self.cy - half_h, self.cx + half_w, self.cy + half_h)

    def extent_lonlat(self) -> tuple[float, float, float, float]:
        minx, miny, maxx, maxy = self.extent
        lon, lat = map_to_lonlat(np.array([minx, maxx]), np.array([miny, maxy]))
        return (max(-180.0, float(lon[0])), float(lat[0]), min(180.0, float(lon[1])), float(lat[1]))

    def to_pixel(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        minx, _, _, maxy = self.extent
        return (np.asarray(x) - minx) / self.resolution, (maxy - np.asarray(y)) / self.resolution

    def to_map(self, px: np.ndarray | float, py: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        minx, _, _, maxy = self.extent
        return minx + np.asarray(px) * self.resolution, maxy - np.asarray(py) * self.resolution

    def centre_latitude(self) -> float:
        _, lat = map_to_lonlat(self.cx, self.cy)
        return float(lat)

    def ground_resolution(self) -> float:
        """True metres a pixel at the centre (Mercator stretches by 1/cos(latitude))."""
        return self.resolution * math.cos(math.radians(self.centre_latitude()))

    def scale_denominator(self, dpi: float = 96.0) -> float:
        return self.ground_resolution() / (INCH_M / dpi)

    def zoom_bucket(self) -> int:
        """The power-of-two zoom step this resolution falls in: simplification is cached per
        bucket, with a tolerance of at most half a pixel of the bucket's finest zoom."""
        return math.floor(math.log2(self.resolution))

    # --- new views -----------------------------------------------------------------------
    def with_size(self, width: int, height: int, device_pixel_ratio: float | None = None) -> MapView:
        return replace(self, width=max(1, int(width)), height=max(1, int(height)),
                       device_pixel_ratio=device_pixel_ratio or self.device_pixel_ratio)

    def panned(self, dx_px: float, dy_px: float) -> MapView:
        """The view after dragging the map by (dx, dy) pixels (content follows the mouse)."""
        return self._clamped(self.cx - dx_px * self.resolution, self.cy + dy_px * self.resolution,
                             self.resolution)

    def zoomed(self, factor: float, anchor_px: float | None = None, anchor_py: float | None = None) -> MapView:
        """Zoom in by ``factor`` (>1 closer) keeping the map point under the anchor pixel."""
        if anchor_px is None or anchor_py is None:
            anchor_px, anchor_py = self.width / 2, self.height / 2
        resolution = float(np.clip(self.resolution / factor, MIN_RESOLUTION, MAX_RESOLUTION))
        ax, ay = self.to_map(anchor_px, anchor_py)
        # The anchor keeps its pixel: centre moves so (ax, ay) stays at (anchor_px, anchor_py).
        cx = float(ax) + (self.width / 2 - anchor_px) * resolution
        cy = float(ay) - (self.height / 2 - anchor_py) * resolution
        return self._clamped(cx, cy, resolution)

    def fitted(self, minx: float, miny: float, maxx: float, maxy: float, margin: float = 0.05) -> MapView:
        """The view showing a map-CRS rectangle whole, with a margin around it."""
        w = max(maxx - minx, 1e-6) * (1 + 2 * margin)
        h = max(maxy - miny, 1e-6) * (1 + 2 * margin)
        resolution = float(np.clip(max(w / self.width, h / self.height), MIN_RESOLUTION, MAX_RESOLUTION))
        return self._clamped((minx + maxx) / 2, (miny + maxy) / 2, resolution)

    def _clamped(self, cx: float, cy: float, resolution: float) -> MapView:
        cx = float(np.clip(cx, -WORLD_HALF, WORLD_HALF))
        cy = float(np.clip(cy, -WORLD_HALF, WORLD_HALF))
        return replace(self, cx=cx, cy=cy, resolution=resolution)

    @classmethod
    def world(cls, width: int, height: int, device_pixel_ratio: float = 1.0) -> MapView:
        view = cls(0.0, 0.0, MAX_RESOLUTION, max(1, width), max(1, height), device_pixel_ratio)
        return view.fitted(-WORLD_HALF, -0.6 * WORLD_HALF, WORLD_HALF, 0.8 * WORLD_HALF, margin=0)


def lonlat_box_to_map(minx: float, miny: float, maxx: float, maxy: float) -> tuple[float, float, float, float]:
    x, y = lonlat_to_map(np.array([minx, maxx]), np.array([miny, maxy]))
    return float(x[0]), float(y[0]), float(x[1]), float(y[1])
