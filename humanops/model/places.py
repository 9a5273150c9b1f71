"""Places written as text, and the limits of longitude and latitude.

One parser for every command and dialog that takes a place, so that they all accept the same
text, clamp the same rounding noise and say the same thing when latitude and longitude were
given the wrong way round. Pure Python: the CLI, the analyses and the Qt widgets use it alike.

The notations read (:func:`parse_place_text`):
- two decimal numbers, ``"-17.758,128.5"`` (latitude first unless told otherwise);
- degrees, minutes and seconds or decimal degrees with hemispheres, ``17°45'30"S 128°30'E``,
  ``S 17°45.5' E 128°30'``, ``17.758S 128.5E`` (the letters say which is the latitude);
- an MGRS reference, ``37S CA 29181 07804``, ``37SCA2918107804``, ``MGRS 37S CA 2918 0780``
  (the centre of the square it names, as the ``mgrs`` library reads it).

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


def _angle(n: int) -> str:
    """One coordinate in degrees (minutes, seconds) with a sign or a hemisphere letter before or
    after; the groups are numbered ``n`` so that two fit in one pattern."""
    return (rf"(?P<before{n}>[NSEWnsew])?\s*(?P<sign{n}>[-+\u2212])?\s*"
            rf"(?P<deg{n}>\d+(?:\.\d+)?)\s*(?P<degsym{n}>[°º˚])?\s*"
            rf"(?:(?P<min{n}>\d+(?:\.\d+)?)\s*(?:[′'’´](?![′'’´]))\s*)?"
            rf"(?:(?P<sec{n}>\d+(?:\.\d+)?)\s*(?:[\"″”“]|''|′′|’’)\s*)?"
            # a letter after the degrees only when none came before them: in "S 17° E 128°" the E
            # is the second coordinate's
            rf"(?(before{n})|(?P<after{n}>[NSEWnsew](?![A-Za-z]))?)")


# Two coordinates in degrees, minutes and seconds, or with hemisphere letters:
# 17°45'30"S 128°30'E, S 17°45.5' E 128°30', 17.758S, 128.5E.
_DEGREES = re.compile(rf"^\s*{_angle(1)}\s*[,;]?\s*{_angle(2)}\s*$")
# An MGRS reference: zone, latitude band, 100 km square, then easting and northing of equal length.
_MGRS = re.compile(r"^\s*(?:MGRS\s*)?(\d{1,2})\s*([C-HJ-NP-X])\s*([A-HJ-NP-Z])\s*([A-HJ-NP-V])"
                   r"\s*(\d{0,10})\s*(\d{0,5})\s*$", re.IGNORECASE)


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
    """The place ``text`` names — two numbers in ``order``, degrees (minutes, seconds) with
    hemisphere letters, or an MGRS reference — or None when it is none of them (a name or a
    uuid, for the caller to look up).

    Raises ValidationError (naming ``field``) when the text has a place's shape but names none:
    out of range, minutes or seconds of 60 or more, two latitudes, an MGRS square that does not
    exist, or "latitude and longitude look swapped" when only the other order fits.
    """
    match = _PAIR.match(text)
    if match is None:
        return _degrees_place(text, order, field) or _mgrs_place(text, field)
    first, second = float(match.group(1)), float(match.group(2))
    lat, lon = (first, second) if order == "lat,lon" else (second, first)
    return _checked_place(text, lat, lon, order, field)


def _quoted(text: str) -> str:
    """``text`` in quotes for a message: as Python writes it ('60.16,24.93'), or in typographic
    quotes when it holds quote marks itself (minutes and seconds), which repr would escape."""
    return f"“{text}”" if any(mark in text for mark in "'\"") else repr(text)


def _checked_place(text: str, lat: float, lon: float, order: Order, field: str | None,
                   hemispheres: bool = False) -> Place:
    """The place at (lat, lon) once the limits are checked, or the reason it is none;
    ``hemispheres``: the text named them (N/S, E/W), so the order was not ``order``."""
    lat, lat_note = clamp_coordinate(lat, "latitude")
    lon, lon_note = clamp_coordinate(lon, "longitude")
    note = "; ".join(n for n in (lat_note, lon_note) if n) or None
    if in_range(lon, lat):
        return Place(lon, lat, note)
    shown = text.strip()
    how = "N/S goes with the latitude, E/W with the longitude" if hemispheres else f"places are written {order}"
    if in_range(lat, lon):  # only the other way round fits
        wrong = (f"{format_number(lat)} is not a latitude" if abs(lat) > LIMITS["latitude"]
                 else f"{format_number(lon)} is not a longitude")
        if hemispheres:
            raise ValidationError(f"{_quoted(shown)}: {wrong}; {SWAPPED} ({how})", field=field)
        other = f"{format_number(lon)},{format_number(lat)}" if order == "lat,lon" else \
            f"{format_number(lat)},{format_number(lon)}"
        raise ValidationError(f"{_quoted(shown)}: {wrong}; {SWAPPED} ({how}: did you mean {other}?)", field=field)
    if abs(lat) > LIMITS["latitude"]:
        raise ValidationError(f"{_quoted(shown)}: {format_number(lat)} is not a latitude (|latitude| ≤ 90); {how}",
                              field=field)
    raise ValidationError(f"{_quoted(shown)}: {format_number(lon)} is not a longitude (|longitude| ≤ 180); {how}",
                          field=field)


def _degrees_place(text: str, order: Order, field: str | None) -> Place | None:
    """Degrees (minutes, seconds) or hemisphere letters; None when the text is not written so
    (two plain numbers are :data:`_PAIR`'s, a name is the caller's)."""
    match = _DEGREES.match(text)
    if match is None:
        return None
    groups = match.groupdict()
    marked = any(groups[f"{part}{n}"] for n in (1, 2)
                 for part in ("before", "after", "degsym", "min", "sec"))
    if not marked:
        return None
    shown = text.strip()
    values: list[float] = []
    axes: list[str | None] = []
    for n in (1, 2):
        value, axis = _angle_value(shown, groups, n, field)
        values.append(value)
        axes.append(axis)
    if axes[0] is not None and axes[0] == axes[1]:
        both = "latitudes (N/S)" if axes[0] == "latitude" else "longitudes (E/W)"
        raise ValidationError(f"{_quoted(shown)}: both coordinates are {both}: give one latitude (N/S) and one "
                              "longitude (E/W)", field=field)
    if axes[0] is None and axes[1] is None:  # no letters: the usual order
        lat, lon = (values[0], values[1]) if order == "lat,lon" else (values[1], values[0])
        return _checked_place(text, lat, lon, order, field)
    first_is_lat = axes[0] == "latitude" or axes[1] == "longitude"
    lat, lon = (values[0], values[1]) if first_is_lat else (values[1], values[0])
    return _checked_place(text, lat, lon, order, field, hemispheres=True)


def _angle_value(shown: str, groups: dict[str, str | None], n: int, field: str | None) -> tuple[float, str | None]:
    """One coordinate's signed degrees and its axis, if a hemisphere letter says it."""
    before, after, sign = groups[f"before{n}"], groups[f"after{n}"], groups[f"sign{n}"]
    degrees, minutes, seconds = groups[f"deg{n}"], groups[f"min{n}"], groups[f"sec{n}"]
    assert degrees is not None  # the pattern requires them
    letter = (before or after or "").upper()
    if letter and sign:
        raise ValidationError(f"{_quoted(shown)}: a coordinate has both a sign ({sign}) and a hemisphere ({letter}): "
                              "give one of them", field=field)
    if minutes is not None and "." in degrees:
        raise ValidationError(f"{_quoted(shown)}: degrees with a fraction ({degrees}) cannot have minutes as well",
                              field=field)
    if seconds is not None and (minutes is None or "." in minutes):
        raise ValidationError(f"{_quoted(shown)}: seconds need whole minutes before them", field=field)
    for part, name in ((minutes, "minutes"), (seconds, "seconds")):
        if part is not None and float(part) >= 60:
            raise ValidationError(f"{_quoted(shown)}: {part} {name} is not below 60", field=field)
    value = float(degrees) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    if letter in ("S", "W") or sign in ("-", "\u2212"):
        value = -value
    axis = {"N": "latitude", "S": "latitude", "E": "longitude", "W": "longitude"}.get(letter)
    return value, axis


def _mgrs_place(text: str, field: str | None) -> Place | None:
    """An MGRS reference's place (the centre of its square), None when the text is not one."""
    match = _MGRS.match(text)
    if match is None:
        return None
    shown = text.strip()
    zone, band, column, row, easting, northing = match.groups()
    digits = easting + northing
    if (northing and len(easting) != len(northing)) or len(digits) % 2:
        raise ValidationError(f"{_quoted(shown)}: an MGRS reference has as many digits of easting as of northing "
                              f"(here {len(digits)} digits in all)", field=field)
    if not 1 <= int(zone) <= 60:
        raise ValidationError(f"{_quoted(shown)}: MGRS zone {zone} does not exist (zones are 1 to 60)", field=field)
    import mgrs  # a dependency; its native library loaded only when a reference is read
    from mgrs.core import MGRSError

    compact = f"{int(zone):02d}{band}{column}{row}{digits}".upper()
    try:
        lat, lon = mgrs.MGRS().toLatLon(compact)
    except MGRSError as exc:  # a square that does not exist in that zone
        raise ValidationError(f"{_quoted(shown)}: not a valid MGRS reference ({exc})", field=field) from None
    return Place(float(lon), float(lat))


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
    return (f"{_quoted(text.strip())}: {SWAPPED}: it lies far from the workspace's data, and {other} lies "
            f"within it (places are written {order})")


def union_extent(extents: list[Bbox | None]) -> Bbox | None:
    """The box around every given box (None ones skipped); None when there is none."""
    boxes = [b for b in extents if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
