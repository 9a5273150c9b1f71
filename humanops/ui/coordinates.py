"""Coordinates as the field reads them: degrees with hemisphere, MGRS (the grid military and
civil protection partners use on paper maps), or UTM zone, easting and northing computed by
pyproj where MGRS is not defined (beyond 80° S and 84° N, or a point the C library refuses);
and map scales as 1:N."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any


def format_lat_lon(lon: float, lat: float) -> str:
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.5f}° {ns}  {abs(lon):.5f}° {ew}"


@cache
def _mgrs_converter() -> Any:
    # mgrs is a dependency (pyproject.toml), not an option: a failing import is a broken
    # installation and must be seen, not turn the grid into UTM without a word. Imported on
    # first use only to keep its native library out of the start-up.
    import mgrs

    return mgrs.MGRS()


@cache
def _utm_transformer(epsg: int) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(4326, epsg, always_xy=True)


def utm_zone(lon: float, lat: float) -> tuple[int, str, int]:
    """(zone number, hemisphere N/S, EPSG code) for a point; the Norway/Svalbard exceptions
    of the grid are included, as pyproj's zone definitions expect."""
    zone = int((lon + 180) // 6) + 1
    zone = min(max(zone, 1), 60)
    if 56 <= lat < 64 and 3 <= lon < 12:
        zone = 32
    elif 72 <= lat < 84 and 0 <= lon < 42:
        zone = 31 if lon < 9 else 33 if lon < 21 else 35 if lon < 33 else 37
    hemisphere = "N" if lat >= 0 else "S"
    return zone, hemisphere, (32600 if lat >= 0 else 32700) + zone


def format_utm(lon: float, lat: float) -> str:
    zone, hemisphere, epsg = utm_zone(lon, lat)
    easting, northing = _utm_transformer(epsg).transform(lon, lat)
    return f"UTM {zone}{hemisphere} {easting:,.0f} E {northing:,.0f} N"


def format_mgrs(lon: float, lat: float) -> str | None:
    """e.g. ``37S CA 29181 07804`` (1 m), or None where MGRS is undefined (polar caps, refused points)."""
    if not -80 <= lat <= 84:
        return None
    converter = _mgrs_converter()
    from mgrs.core import MGRSError  # imported with mgrs itself, on first use

    try:
        text = converter.toMGRS(lat, lon, MGRSPrecision=5)
    except MGRSError:  # the C library refuses some edge coordinates
        return None
    text = text.decode() if isinstance(text, bytes) else str(text)
    m = re.match(r"^(\d{1,2}[C-X])([A-Z]{2})(\d{5})(\d{5})$", text)
    return f"MGRS {m.group(1)} {m.group(2)} {m.group(3)} {m.group(4)}" if m else f"MGRS {text}"


def format_grid(lon: float, lat: float) -> str:
    """MGRS where defined, else UTM; empty outside the valid range."""
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
        return ""
    mgrs_text = format_mgrs(lon, lat)
    if mgrs_text:
        return mgrs_text
    if -80 <= lat <= 84:
        return format_utm(lon, lat)
    return ""


def format_scale(denominator: float) -> str:
    """1:25,000 style, rounded to 3 significant figures (more would be false precision)."""
    if not math.isfinite(denominator) or denominator <= 0:
        return ""
    digits = math.floor(math.log10(denominator))
    rounded = round(denominator, -max(0, digits - 2))
    return f"1:{rounded:,.0f}"
