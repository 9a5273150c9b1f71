"""Places written as text ("lat,lon"), and the limits of longitude and latitude.

One parser for every command and dialog that takes a place, so that they all accept the same
text, clamp the same rounding noise and say the same thing when latitude and longitude were
given the wrong way round. Pure Python: the CLI, the analyses and the Qt widgets use it alike.

Two rules:
- **Tolerance.** A coordinate within :data:`COORDINATE_TOLERANCE` (1e-9 degrees, about 0.1 mm)
  beyond a limit is rounding noise of a reprojection or a float sum (Natural Earth's Russia
  reaches a longitude of 180.00000000000006): it is clamped to the limit and reported, not refused.
- **Swapped.** Coordinates that fit only when swapped (a "latitude" beyond ±90 that would be a
  fine longitude; or a place outside the data at hand whose swap falls inside it) are reported as
  "latitude and longitude look swapped", never silently used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from humanops.errors import ValidationError
from humanops.model.numbers import format_number

COORDINATE_TOLERANCE = 1e-9  # degrees
LIMITS = {"longitude": 180.0, "latitude": 90.0}
SWAPPED = "latitude and longitude look swapped"
Order = Literal["lat,lon", "lon,lat"]
Bbox = tuple[float, float, float, float]

# Two numbers separated by a comma, semicolon or spaces: "60.16,24.93", "60.16; 24.93", "60.16 24.93".
_PAIR = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:[,;]|\s)\s*"
                   r"([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*$")


@dataclass(frozen=True)
class Place:
    """A point in EPSG:4326, and what was done to read it (a clamp), if anything."""

    lon: float
    lat: float
    note: str | None = None

    @property
    def label(self) -> str:
        return f"{self.lat:.6f},{self.lon:.6f}"


def clamp_coordinate(value: float, axis: str) -> tuple[float, str | None]:
    """``value`` itself, or the limit when it lies beyond it by at most the tolerance (with a
    note saying so). Values further out are returned unchanged for the caller to refuse."""
    limit = LIMITS[axis]
    excess = abs(value) - limit
    if 0 < excess <= COORDINATE_TOLERANCE:
        clamped = math.copysign(limit, value)
        return clamped, (f"{axis} {format_number(value)} clamped to {format_number(clamped)} "
                         f"(within {format_number(COORDINATE_TOLERANCE)} degrees of the limit)")
    return value, None


def in_range(lon: float, lat: float) -> bool:
    return abs(lon) <= LIMITS["longitude"] and abs(lat) <= LIMITS["latitude"]


def parse_place_text(text: str, *, order: Order = "lat,lon", field: str | None = None) -> Place | None:
    """The place ``text`` names as two numbers in ``order``, or None when it is not two numbers
    (a name or a uuid, for the caller to look up).

    Raises ValidationError (naming ``field``) when the numbers are no longitude/latitude: out of
    range, or "latitude and longitude look swapped" when only the other order fits.
    """
    match = _PAIR.match(text)
    if match is None:
        return None
    first, second = float(match.group(1)), float(match.group(2))
    lat, lon = (first, second) if order == "lat,lon" else (second, first)
    lat, lat_note = clamp_coordinate(lat, "latitude")
    lon, lon_note = clamp_coordinate(lon, "longitude")
    note = "; ".join(n for n in (lat_note, lon_note) if n) or None
    if in_range(lon, lat):
        return Place(lon, lat, note)
    shown = text.strip()
    if in_range(lat, lon):  # only the other way round fits
        other = f"{format_number(lon)},{format_number(lat)}" if order == "lat,lon" else \
            f"{format_number(lat)},{format_number(lon)}"
        wrong = (f"{format_number(lat)} is not a latitude" if abs(lat) > LIMITS["latitude"]
                 else f"{format_number(lon)} is not a longitude")
        raise ValidationError(f"{shown!r}: {wrong}; {SWAPPED} (places are written {order}: "
                              f"did you mean {other}?)", field=field)
    if abs(lat) > LIMITS["latitude"]:
        raise ValidationError(f"{shown!r}: {format_number(lat)} is not a latitude (|latitude| ≤ 90); "
                              f"places are written {order}", field=field)
    raise ValidationError(f"{shown!r}: {format_number(lon)} is not a longitude (|longitude| ≤ 180); "
                          f"places are written {order}", field=field)


def _inside(lon: float, lat: float, box: Bbox) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def grown(extent: Bbox, margin_deg: float = 1.0) -> Bbox:
    """``extent`` with a margin of a degree (or of its own size, if larger) on every side: a
    place near the data but outside its box is still "at" the data."""
    minx, miny, maxx, maxy = extent
    dx = max(margin_deg, maxx - minx)
    dy = max(margin_deg, maxy - miny)
    return minx - dx, miny - dy, maxx + dx, maxy + dy


def looks_swapped(lon: float, lat: float, extent: Bbox | None) -> bool:
    """True when (lon, lat) lies away from ``extent`` (the data it is meant for, grown by
    :func:`grown`) while the swapped (lat, lon) lies at it: "24.93,60.16" for Helsinki's roads."""
    if extent is None or not all(math.isfinite(v) for v in extent):
        return False
    box = grown(extent)
    return not _inside(lon, lat, box) and in_range(lat, lon) and _inside(lat, lon, box)


def all_look_swapped(lon: Sequence[float], lat: Sequence[float], extent: Bbox | None) -> bool:
    """True when there are places and every one :func:`looks_swapped` at ``extent``: a file whose
    columns were read the wrong way round lies wholly elsewhere, and wholly at the data swapped."""
    import numpy as np

    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if not len(x) or extent is None or not all(math.isfinite(v) for v in extent):
        return False
    minx, miny, maxx, maxy = grown(extent)
    here = (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
    there = (y >= minx) & (y <= maxx) & (x >= miny) & (x <= maxy) & (np.abs(x) <= 90) & (np.abs(y) <= 180)
    return bool(np.all(~here & there))


def swapped_at_extent(text: str, place: Place, order: Order = "lat,lon") -> str:
    """The message for a place that :func:`looks_swapped` at the data's extent."""
    other = f"{format_number(place.lon)},{format_number(place.lat)}" if order == "lat,lon" else \
        f"{format_number(place.lat)},{format_number(place.lon)}"
    return (f"{text.strip()!r}: {SWAPPED}: it lies far from the workspace's data, and {other} lies "
            f"within it (places are written {order})")


def union_extent(extents: list[Bbox | None]) -> Bbox | None:
    """The box around every given box (None ones skipped); None when there is none."""
    boxes = [b for b in extents if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
