"""How source column names and HXL hashtags are compared: case-, space- and (for HXL
attributes) order-insensitive."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")
HXL_TAG = re.compile(r"^\s*#[A-Za-z][A-Za-z0-9_]*(\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*\s*$")


def normalize_name(name: object) -> str:
    """'Population Total ' -> 'population_total'; 'Lat-DD' -> 'lat_dd'. A leading underscore
    stays: KoboToolbox's own columns (_id, _uuid, _index) are not the form's answers."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().strip().lower()
    lead = "_" if text.startswith("_") else ""
    return lead + _NOT_WORD.sub("_", text).strip("_")


def is_hxl_tag(text: object) -> bool:
    return isinstance(text, str) and bool(HXL_TAG.match(text))


def hxl_key(tag: str) -> tuple[str, frozenset[str]]:
    """'#Affected +HH' and '#affected+hh' compare equal; attribute order does not matter."""
    parts = [p.strip().lower() for p in tag.strip().split("+")]
    return parts[0], frozenset(p for p in parts[1:] if p)
