"""Per-feature geometry checks of an import, vectorised with shapely 2.

Each geometry is either accepted as is, repaired (make_valid, through the model's own
``conform_geometry``, with the reason), or rejected with the reason: missing, empty, NaN or
infinite coordinates, out of range for longitude/latitude, latitude and longitude given
swapped, a type the layer kind cannot hold, or invalid beyond safe repair. Only the few
geometries that are not already valid and of the right type go through per-feature code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

from humanops.catalog import LayerKind
from humanops.errors import ValidationError
from humanops.model.coordinate_limits import clamp_near_limits
from humanops.model.numbers import format_number
from humanops.model.validation import conform_geometry

_TYPE_IDS = {"Point": 0, "LineString": 1, "LinearRing": 2, "Polygon": 3, "MultiPoint": 4,
             "MultiLineString": 5, "MultiPolygon": 6, "GeometryCollection": 7}
_TYPE_NAMES = {v: k for k, v in _TYPE_IDS.items()}


@dataclass
class GeometryOutcome:
    geometries: np.ndarray  # EPSG:4326, in the kind's storage type; None where rejected
    rejected: dict[int, str] = field(default_factory=dict)  # position -> reason
    repaired: dict[int, str] = field(default_factory=dict)  # position -> what was done


def is_wgs84(crs: CRS) -> bool:
    return crs.equals(CRS.from_epsg(4326), ignore_axis_order=True)


def explode(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Multi-part geometries split into their parts; returns (geometries, source position)."""
    type_ids = shapely.get_type_id(geoms)
    multi = np.isin(type_ids, (4, 5, 6, 7))
    if not multi.any():
        return geoms, np.arange(len(geoms))
    parts, owner = shapely.get_parts(geoms, return_index=True)
    # get_parts gives single geometries as themselves but drops missing and empty ones: keep
    # those rows, so they are reported.
    kept = np.zeros(len(geoms), dtype=bool)
    kept[owner] = True
    lost = np.flatnonzero(~kept)
    geoms_out = np.concatenate([np.asarray(parts, dtype=object), geoms[lost]])
    owner_out = np.concatenate([owner, lost])
    order = np.argsort(owner_out, kind="stable")
    return geoms_out[order], owner_out[order]


def check_geometries(kind: LayerKind, geoms: np.ndarray, crs: CRS) -> GeometryOutcome:
    n = len(geoms)
    geoms = np.asarray(geoms, dtype=object)
    rejected: dict[int, str] = {}
    repaired: dict[int, str] = {}

    def reject(mask: np.ndarray, reason: str) -> None:
        for i in np.flatnonzero(mask):
            rejected.setdefault(int(i), reason)

    missing = shapely.is_missing(geoms)
    reject(missing, "has no geometry")
    empty = ~missing & shapely.is_empty(geoms)
    reject(empty, "geometry is empty")
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    nan = np.zeros(n, dtype=bool)
    nan[owner[~np.isfinite(coords).all(axis=1)]] = True
    reject(nan & ~empty, "geometry has NaN or infinite coordinates")
    alive = ~(missing | empty | nan)

    if crs.is_geographic:
        # rounding noise past ±180/±90 (Natural Earth's 180.00000000000006) is clamped, not refused
        geoms, clamped = clamp_near_limits(geoms)
        repaired.update(clamped)
        for i, text in _range_check(geoms, alive, detect_swap=True):
            rejected[i] = text
        alive &= ~_mask(rejected, n)
    out = geoms.copy()
    if not is_wgs84(crs) and alive.any():
        moved = gpd.GeoSeries(geoms[alive], crs=crs).to_crs(4326).values
        out[alive] = np.asarray(moved, dtype=object)
        out, clamped = clamp_near_limits(out)  # a reprojection's rounding noise at the antimeridian
        repaired.update(clamped)
        reason = (f"cannot be placed in longitude/latitude from {crs.to_string()} (outside the "
                  "area that CRS covers?)")
        for i, text in _range_check(out, alive, detect_swap=False, reason=reason):
            rejected[i] = text
        alive &= ~_mask(rejected, n)

    if alive.any():
        z = alive & shapely.has_z(out)
        if z.any():
            out[z] = shapely.force_2d(out[z])
        type_ids = shapely.get_type_id(out)
        accepted = np.isin(type_ids, [_TYPE_IDS[t] for t in kind.accepted_geometries])
        for i in np.flatnonzero(alive & ~accepted):
            rejected[int(i)] = (f"a {_TYPE_NAMES.get(int(type_ids[i]), 'geometry')} cannot be a "
                                f"{kind.name} (needs {' or '.join(kind.accepted_geometries)})")
        alive &= accepted
        target = _TYPE_IDS[kind.geometry]
        ok = alive & (type_ids == target)
        promote = np.zeros(n, dtype=bool)
        if target != 0:
            valid = np.zeros(n, dtype=bool)
            valid[alive] = shapely.is_valid(out[alive])
            ok &= valid
            if target == 6:
                promote = alive & valid & (type_ids == 3)
                if promote.any():
                    out[promote] = shapely.multipolygons(out[promote], indices=np.arange(promote.sum()))
        for i in np.flatnonzero(alive & ~ok & ~promote):
            try:
                out[i], note = conform_geometry(kind, out[i])
            except ValidationError as exc:
                rejected[int(i)] = exc.reason
                continue
            if note:
                repaired[int(i)] = "; ".join(n for n in (repaired.get(int(i)), note) if n)
    out[_mask(rejected, n)] = None
    return GeometryOutcome(out, rejected, repaired)


def _mask(positions: dict[int, str], n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    if positions:
        mask[np.fromiter(positions, dtype=np.int64)] = True
    return mask


def _range_check(geoms: np.ndarray, alive: np.ndarray, *, detect_swap: bool,
                 reason: str | None = None) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if not alive.any():
        return found
    idx = np.flatnonzero(alive)
    b = shapely.bounds(geoms[idx])
    finite = np.isfinite(b).all(axis=1)
    xs = np.maximum(np.abs(b[:, 0]), np.abs(b[:, 2]))
    ys = np.maximum(np.abs(b[:, 1]), np.abs(b[:, 3]))
    bad = ~finite | (xs > 180) | (ys > 90)
    for j in np.flatnonzero(bad):
        i = idx[j]
        if reason is not None:
            text = reason
        elif detect_swap and ys[j] > 90 and xs[j] <= 90:
            text = (f"latitude and longitude look swapped (y = {_extreme(b[j], 1)} is no latitude, "
                    f"x = {_extreme(b[j], 0)} would be one): check which column is which")
        else:
            text = (f"coordinates out of range for longitude/latitude (x = {_extreme(b[j], 0)}, "
                    f"y = {_extreme(b[j], 1)}; |longitude| ≤ 180, |latitude| ≤ 90)")
            if xs[j] > 360 or ys[j] > 360:
                text += "; projected coordinates? give their CRS (--crs EPSG:…)"
        found.append((int(i), text))
    return found


def _extreme(bounds: np.ndarray, axis: int) -> str:
    lo, hi = bounds[axis], bounds[axis + 2]
    value = lo if abs(lo) > abs(hi) else hi
    return format_number(float(value))  # 180.00000000000006 stays that, never "180"
