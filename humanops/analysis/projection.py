"""Metric work in a projected CRS chosen for the area: the UTM zone of the data's centre.

Storage and exchange are EPSG:4326; buffers, lengths and distances in degrees are meaningless,
so analyses project to the UTM zone (WGS 84) containing the centre of the data they work on,
do their metric work there, and project results back. Transformers are cached per CRS.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pyproj
import shapely
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info

WGS84 = "EPSG:4326"


@lru_cache(maxsize=256)
def utm_crs(lon: float, lat: float) -> pyproj.CRS:
    """The WGS 84 / UTM zone CRS containing (lon, lat) (pyproj's database; Norway/Svalbard exceptions
    included). Near the poles, where UTM is undefined, the polar stereographic UPS CRS."""
    lon = ((float(lon) + 180.0) % 360.0) - 180.0
    lat = max(-89.9, min(89.9, float(lat)))
    if lat > 84.0:
        return pyproj.CRS.from_epsg(32661)  # UPS North
    if lat < -80.0:
        return pyproj.CRS.from_epsg(32761)  # UPS South
    infos = query_utm_crs_info(datum_name="WGS 84", area_of_interest=AreaOfInterest(lon, lat, lon, lat))
    codes = sorted(int(i.code) for i in infos if i.auth_name == "EPSG" and i.code.startswith(("326", "327")))
    wanted_prefix = 326 if lat >= 0 else 327
    codes = [c for c in codes if c // 100 == wanted_prefix] or codes
    if codes:
        return pyproj.CRS.from_epsg(codes[0])
    zone = min(60, math.floor((lon + 180.0) / 6.0) + 1)  # defensive: database without UTM entries
    return pyproj.CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def utm_crs_for(geometries: Iterable[np.ndarray | None]) -> pyproj.CRS:
    """The UTM CRS for the centre of the combined bounds of some EPSG:4326 geometry arrays."""
    bounds = [shapely.total_bounds(np.asarray(g, dtype=object)) for g in geometries if g is not None and len(g)]
    bounds = [b for b in bounds if np.all(np.isfinite(b))]
    if not bounds:
        return utm_crs(0.0, 0.0)
    stacked = np.vstack(bounds)
    west, south = stacked[:, 0].min(), stacked[:, 1].min()
    east, north = stacked[:, 2].max(), stacked[:, 3].max()
    return utm_crs((west + east) / 2.0, (south + north) / 2.0)


@lru_cache(maxsize=64)
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def _crs_key(crs: pyproj.CRS | str) -> str:
    return crs if isinstance(crs, str) else crs.to_string()


def transform(geometries: np.ndarray, source: pyproj.CRS | str, target: pyproj.CRS | str) -> np.ndarray:
    """Project an array of shapely geometries (vectorised over all their coordinates at once)."""
    geometries = np.asarray(geometries, dtype=object)
    if geometries.size == 0:
        return geometries
    forward = _transformer(_crs_key(source), _crs_key(target))

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = forward.transform(coords[:, 0], coords[:, 1])
        return np.column_stack((x, y))

    return shapely.transform(geometries, project)


def to_metric(geometries: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    """EPSG:4326 → ``crs`` (metres)."""
    return transform(geometries, WGS84, crs)


def to_wgs84(geometries: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    """``crs`` (metres) → EPSG:4326."""
    return transform(geometries, crs, WGS84)


def buffer_in_metres(geometries: np.ndarray, distance_m: float | np.ndarray, crs: pyproj.CRS, *,
                     quad_segs: int = 16, max_segment_m: float = 1000.0) -> np.ndarray:
    """Buffer EPSG:4326 geometries by ``distance_m`` metres, returning EPSG:4326 polygons.

    Vertices are projected and edges taken as straight in the metric CRS (as QGIS measures on the
    fly); the buffer is segmentized to ``max_segment_m`` before projecting back, so its long edges
    keep their metric path in EPSG:4326. Arcs have ``quad_segs`` segments a quarter circle: the
    polygon lies inside the true buffer, short of it by less than 1 - cos(90° / quad_segs) of the
    distance (0.5 % at 16; GEOS gives a narrow vertex's arc a single segment).
    """
    geometries = np.asarray(geometries, dtype=object)
    if geometries.size == 0:
        return geometries
    metric = to_metric(geometries, crs)
    buffered = shapely.buffer(metric, distance_m, quad_segs=quad_segs)
    return to_wgs84(shapely.segmentize(buffered, max_segment_m), crs)
