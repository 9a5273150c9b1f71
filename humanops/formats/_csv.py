"""CSV in and out: points as latitude/longitude columns, other geometries as WKT, and an
HXL hashtag row (the second row) as KoboToolbox and HDX write it.

Reading keeps every cell as text (a P-code keeps its leading zeros; 'NA' stays Namibia) and
leaves typing to the layer kind's validation. Writing protects spreadsheet users from formula
injection: a text cell starting with = + - @ gets a leading apostrophe, which reading removes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.errors import FormatError
from humanops.formats.names import hxl_key, is_hxl_tag, normalize_name
from humanops.formats.sources import ReadProblem, SourceLayer

LAT_NAMES = ("lat", "latitude", "y", "lat_dd", "latitude_dd", "gps_lat")
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "lon_dd", "longitude_dd", "gps_lon", "gps_long")
WKT_NAMES = ("wkt", "wkt_geom", "geometry", "geom", "the_geom")
LAT_TAG, LON_TAG, WKT_TAG = "#geo+lat", "#geo+lon", "#geo+wkt"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(path: Path) -> list[SourceLayer]:
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=file) from None
    notes = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows: not UTF-8. Say so, since accents may then be guessed wrong.
        text = raw.decode("cp1252", errors="replace")
        notes.append("not UTF-8: read as Windows-1252 (save as 'CSV UTF-8' to be sure)")
    if not text.strip():
        raise FormatError("the file is empty", file=file)
    delimiter = _sniff(text)
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            na_values=[""], skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise FormatError(f"not a readable CSV table ({str(exc).strip().splitlines()[0]})", file=file) from None
    table.columns = [str(c).strip() for c in table.columns]
    hxl, offset = _hashtag_row(table)
    if offset:
        table = table.iloc[offset:].reset_index(drop=True)
    rows = np.arange(len(table), dtype=np.int64) + 2 + offset  # spreadsheet row numbers
    geometry, consumed, problems = _geometry(file, table, hxl)
    attributes = table.drop(columns=consumed)
    for column in attributes.columns:
        attributes[column] = _unguard(attributes[column])
    frame = gpd.GeoDataFrame(attributes, geometry=gpd.GeoSeries(geometry, index=attributes.index),
                             crs=4326)
    source = SourceLayer(name=path.stem, frame=frame, rows=rows, row_word="row",
                         hxl={c: t for c, t in hxl.items() if c not in consumed},
                         problems=problems, notes=notes)
    return [source]


def _sniff(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _hashtag_row(table: pd.DataFrame) -> tuple[dict[str, str], int]:
    """HXL tags by column, and how many rows they took (0: tags in the header, or none)."""
    headers = list(table.columns)
    if headers and all(is_hxl_tag(h) for h in headers):
        return {h: h for h in headers}, 0
    if len(table):
        first = table.iloc[0]
        cells = [c for c in first if isinstance(c, str) and c.strip()]
        if cells and all(is_hxl_tag(c) for c in cells):
            return {col: first[col].strip() for col in headers if isinstance(first[col], str)
                    and first[col].strip()}, 1
    return {}, 0


def _find(table: pd.DataFrame, hxl: dict[str, str], tag: str, names: tuple[str, ...],
          suffix: str | None = None) -> str | None:
    key = hxl_key(tag)
    for column, column_tag in hxl.items():
        if hxl_key(column_tag) == key:
            return column
    normalized = {c: normalize_name(c) for c in table.columns}
    for name in names:
        for column, norm in normalized.items():
            if norm == name:
                return column
    if suffix:  # KoboToolbox splits a geopoint question 'gps' into _gps_latitude, _gps_longitude
        hits = [c for c, norm in normalized.items() if norm.endswith(suffix)]
        if len(hits) == 1:
            return hits[0]
    return None


def _geometry(file: str, table: pd.DataFrame, hxl: dict[str, str]
              ) -> tuple[np.ndarray, list[str], list[ReadProblem]]:
    lat = _find(table, hxl, LAT_TAG, LAT_NAMES, "_latitude")
    lon = _find(table, hxl, LON_TAG, LON_NAMES, "_longitude")
    problems: list[ReadProblem] = []
    n = len(table)
    geoms = np.full(n, None, dtype=object)
    if lat and lon and lat != lon:
        values = {}
        bad = np.zeros(n, dtype=bool)
        for column, word in ((lat, "latitude"), (lon, "longitude")):
            text = table[column]
            number = pd.to_numeric(text.str.strip(), errors="coerce").to_numpy(dtype=float)
            missing = text.isna().to_numpy()
            wrong = ~missing & ~np.isfinite(number)
            for i in np.flatnonzero(wrong):
                problems.append(ReadProblem(int(i), column, f"{word} {text.iloc[i]!r} is not a number"))
            for i in np.flatnonzero(missing):
                problems.append(ReadProblem(int(i), column, f"{word} is empty"))
            bad |= wrong | missing
            values[word] = number
        good = ~bad
        geoms[good] = shapely.points(values["longitude"][good], values["latitude"][good])
        return geoms, [lat, lon], problems
    wkt = _find(table, hxl, WKT_TAG, WKT_NAMES)
    if wkt:
        text = table[wkt]
        present = text.notna().to_numpy()
        parsed = shapely.from_wkt(text.where(text.notna(), None).to_numpy(dtype=object), on_invalid="ignore")
        for i in np.flatnonzero(present & pd.isna(parsed)):
            problems.append(ReadProblem(int(i), wkt, f"{str(text.iloc[i])[:60]!r} is not WKT geometry"))
        for i in np.flatnonzero(~present):
            problems.append(ReadProblem(int(i), wkt, "geometry (WKT) is empty"))
        return np.asarray(parsed, dtype=object), [wkt], problems
    raise FormatError(
        "no coordinates: a CSV needs latitude and longitude columns (lat/latitude/y and "
        "lon/lng/longitude/x, or HXL #geo+lat and #geo+lon) or a WKT column (wkt, #geo+wkt)",
        file=file)


def _unguard(column: pd.Series) -> pd.Series:
    """Undo the formula guard a spreadsheet-safe export adds ("'=..." -> "=...")."""
    starts = column.str.startswith("'", na=False)
    if not starts.any():
        return column
    guarded = starts & column.str.slice(1, 2).isin(_FORMULA_START)
    return column.where(~guarded, column.str.slice(1))


def guard_formulas(column: pd.Series) -> pd.Series:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = column.astype(object)
    present = text.notna()
    starts = present & text.where(present, "").astype(str).str.slice(0, 1).isin(_FORMULA_START)
    if not starts.any():
        return column
    return text.where(~starts, "'" + text.where(starts, "").astype(str))


def write_csv(path: Path, table: pd.DataFrame, tags: list[str]) -> None:
    """``table`` with its column names as the first row and ``tags`` (HXL) as the second.
    UTF-8 with a byte-order mark, so spreadsheets read accents right."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(table.columns))
        writer.writerow(tags)
        table.to_csv(handle, header=False, index=False, lineterminator="\n")
