"""CSV in and out: points as latitude/longitude columns, other geometries as WKT, and an
HXL hashtag row as KoboToolbox and HDX write it (anywhere in the first 25 rows, title rows above).

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
from humanops.formats.hxl_tags import HxlTag, find_column, find_hashtag_row
from humanops.formats.names import normalize_name
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
    table, hxl, rows, more_notes = _read_table(file, text, delimiter)
    notes += more_notes
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


def _read_table(file: str, text: str, delimiter: str
                ) -> tuple[pd.DataFrame, dict[str, str], np.ndarray, list[str]]:
    """The table (every cell text, empty cells missing), its HXL tags by column, the spreadsheet
    row number of each data row, and notes on what was not read.

    As libhxl reads HXL: the hashtag row is the first of the first 25 rows whose non-empty cells
    are at least half hashtags, the row above it (title rows may come before) gives the column
    names, and cells past the header's width (ragged rows) are not read: said in a note.
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FormatError(f"not a readable CSV table ({exc})", file=file) from None
    numbered = list(enumerate(records, start=1))  # spreadsheet row numbers, blank rows counted
    tag_index = find_hashtag_row(r for _, r in numbered)
    if tag_index is not None:
        tag_cells = [c.strip() for c in numbered[tag_index][1]]
        above = [c.strip() for c in numbered[tag_index - 1][1]] if tag_index > 0 else []
        width = len(tag_cells)
        names = [(above[j] if j < len(above) and above[j] else "") or tag_cells[j] or f"column {j + 1}"
                 for j in range(width)]
        tags = list(tag_cells)
        body = numbered[tag_index + 1:]
    else:
        first = next((k for k, (_, r) in enumerate(numbered) if _filled(r)), None)
        if first is None:
            raise FormatError("the file is empty", file=file)
        header = [c.strip() for c in numbered[first][1]]
        width = len(header)
        names = [name or f"column {j + 1}" for j, name in enumerate(header)]
        tags = [""] * width
        body = numbered[first + 1:]
    names = _unique(names)
    body = [(n, r) for n, r in body if _filled(r)]  # blank lines are no features
    notes = []
    ragged = [n for n, r in body if len(r) > width and _filled(r[width:])]
    if ragged:
        notes.append(f"{len(ragged)} row(s) have more cells than the header ({width}; first: row {ragged[0]}): "
                     "the extra cells were not read")
    cells = [(r + [""] * (width - len(r)))[:width] for _, r in body]
    table = pd.DataFrame(cells, columns=names, dtype=object) if cells else pd.DataFrame(columns=names, dtype=object)
    table = table.where(table != "", None).astype("str")
    hxl = {name: tag for name, tag in zip(names, tags, strict=True) if tag and HxlTag.parse(tag) is not None}
    rows = np.array([n for n, _ in body], dtype=np.int64)
    return table, hxl, rows, notes


def _filled(cells: list[str]) -> bool:
    return any(c.strip() for c in cells)


def _unique(names: list[str]) -> list[str]:
    """Repeated column names made distinct as pandas does: 'Total', 'Total.1'."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        out.append(name if count == 0 else f"{name}.{count}")
        seen[name] = count + 1
    return out


def _find(table: pd.DataFrame, hxl: dict[str, str], tag: str, names: tuple[str, ...],
          suffix: str | None = None) -> str | None:
    column = find_column(tag, hxl)  # a tag pattern: #geo+lat takes #geo+lat+dd too
    if column is not None:
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
