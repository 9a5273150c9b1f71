"""Geometries whose coordinates pass a longitude/latitude limit by rounding noise only.

GDAL and shapely accept Natural Earth's Russia with a longitude of 180.00000000000006; refusing
it for 6e-14 degrees (a few nanometres) helps nobody. Coordinates beyond ±180 / ±90 by at most
:data:`~humanops.model.places.COORDINATE_TOLERANCE` are clamped to the limit, and the feature is
reported as repaired with the largest value met. Anything further out is left for the range
check to refuse. Vectorised: only the geometries that do pass a limit are rewritten.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from humanops.model.numbers import format_number
from humanops.model.places import COORDINATE_TOLERANCE

_LIMITS = np.array([180.0, 90.0])
_AXES = ("longitude", "latitude")


def clamp_near_limits(geoms: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    """``geoms`` (EPSG:4326) with coordinates within the tolerance beyond a limit clamped to it,
    and a note per position changed. Missing or empty geometries are left alone."""
    geoms = np.asarray(geoms, dtype=object)
    notes: dict[int, str] = {}
    if not len(geoms):
        return geoms, notes
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    if not len(coords):
        return geoms, notes
    excess = np.abs(coords) - _LIMITS
    near = (excess > 0) & (excess <= COORDINATE_TOLERANCE)
    rows = near.any(axis=1)
    if not rows.any():
        return geoms, notes
    changed = np.unique(owner[rows])
    for i in changed:
        mine = owner == i
        part, flags = coords[mine], near[mine]
        words = []
        for axis in (0, 1):
            if flags[:, axis].any():
                values = part[flags[:, axis], axis]
                worst = float(values[np.argmax(np.abs(values))])
                words.append(f"{_AXES[axis]} {format_number(worst)} clamped to "
                             f"{format_number(float(np.copysign(_LIMITS[axis], worst)))}")
        notes[int(i)] = (", ".join(words) + f" (within {format_number(COORDINATE_TOLERANCE)} degrees of the limit: "
                         "rounding noise)")
    out = geoms.copy()
    # transform returns new geometries (the caller's stay as they were); Z is dropped, as
    # storage is 2D anyway
    out[changed] = shapely.transform(geoms[changed], _clamp_xy)
    return out, notes


def _clamp_xy(xy: np.ndarray) -> np.ndarray:
    excess = np.abs(xy) - _LIMITS
    near = (excess > 0) & (excess <= COORDINATE_TOLERANCE)
    return np.where(near, np.copysign(_LIMITS, xy), xy)


def clamp_to_limits(geometry: BaseGeometry) -> tuple[BaseGeometry, str | None]:
    """One geometry as :func:`clamp_near_limits` does it: (geometry, note or None)."""
    out, notes = clamp_near_limits(np.array([geometry], dtype=object))
    return out[0], notes.get(0)
