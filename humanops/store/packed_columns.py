"""A layer's columns read as packed text: one SQL aggregate a chunk, no Python object a row.

:meth:`~humanops.store.layer_reader.LayerReader.columns` steps through rows and makes a tuple a
row before numpy gets them, holding the GIL between rows: a million needs' drawing columns took
1.1 to 1.5 s in the app, beside its renders. Here SQLite itself packs each column of a chunk of
rows into one string (``group_concat``): fids and numbers as decimal text parsed by numpy, the
points' blobs joined as they are (their coordinates exact, bit for bit), text joined with a
separator. The
query runs in C with the GIL released (the GUI thread and the renders keep running): about
0.6 s of SQLite and 0.1 s of numpy for the same columns.

Only what packs exactly is read so: plain 2-D little-endian points (as GDAL and this app write
them), numbers, text stored as text without the separator character (``\x1f``; a value that is
``\x1e`` alone reads as NULL). Anything else (another tool's blob, text in a number column, a
number in a text column, a separator inside a value) makes :func:`packed_read` answer False, and
the caller reads through the row reader. Reals are printed by SQLite with 15 significant
digits: enough for what a map draws by (class, size, band width), not for an export.

A whole layer's read can also say which state of the layer it saw (:class:`ReadWitness`): the
rows, versions and fids that :func:`~humanops.store.workspace_summary.layer_versions` sums,
summed chunk by chunk in the same aggregates (no second scan), and whatever else the caller
reads in the same read transaction (the change log's last entry): what a point overview is
keyed by, exact for the rows read.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from humanops.catalog import LayerKind
from humanops.store.layer_columns import ColumnType, LayerColumns, concatenated, converted

PACK_CHUNK = 250_000  # fids an aggregate: bounds the strings (~10 MB) and a parse's GIL hold (~10 ms)
_SEP = "\x1f"  # unit separator between text values
_NULL = "\x1e"  # record separator: a NULL text value
_NULL_INT = -(2 ** 63) + 1  # a NULL number, as integer text (parsed back to NaN)
# A plain point: GeoPackage header "GP", version 0, flags 0x01 (little-endian, no envelope, not
# empty), srs id, then WKB: little-endian (01) Point (01000000) and x, y. 29 bytes, checked by
# numpy (SQLite comparing a substring of every blob costs more than the whole read).
_POINT_BYTES = 29
_NULL_POINT = "4750000100000000" + "0101000000" + "000000000000F87F" * 2  # no geometry: NaN, NaN


@dataclass
class ReadWitness:
    """Filled by a whole layer's packed read (left empty by a read of a box, or one that did not
    pack): ``versions`` as :func:`~humanops.store.workspace_summary.layer_versions` gives them
    (rows, sum of versions, sum of fid x version, highest fid) for the rows read, and
    ``seen``, what ``also(connection)`` returned in the same read transaction."""

    also: Callable[[sqlite3.Connection], Any] | None = None
    versions: tuple[int, int, int, int] | None = None
    seen: Any = None


def packed_read(connection: sqlite3.Connection, kind: LayerKind, columns: Sequence[str],
                types: Mapping[str, ColumnType], *, clauses: Sequence[str] = (), params: Sequence[Any] = (),
                geometry: bool = True, size: int = PACK_CHUNK,
                should_stop: Callable[[], bool] | None = None,
                witness: ReadWitness | None = None) -> LayerColumns | bool | None:
    """``columns`` (and a point layer's coordinates, if ``geometry``) of the rows meeting
    ``clauses``, in fid order, as :class:`LayerColumns`. None if ``should_stop`` said so (asked
    before each chunk); False when the rows do not pack exactly (see the module): read them
    the ordinary way. One read transaction: every chunk sees the same committed state, which
    ``witness`` (a whole layer only: no ``clauses``) describes."""
    point = kind.geometry == "Point"
    if geometry and not point:
        return False  # areas and lines stay shapely geometries: the row reader decodes them
    names = list(columns)
    witnessed = witness is not None and not clauses
    select = ["count(*)", "group_concat(fid)"]
    if witnessed:  # layer_versions' sums, a chunk at a time: SQLite reads the version beside the rest
        select += ["ifnull(sum(version), 0)", "ifnull(sum(fid * version), 0)", "ifnull(max(fid), 0)"]
    if geometry:
        # The blobs joined as they are (a cast to text and back keeps every byte, NULs included):
        # no hex to make in SQLite or to parse here, a third less time than hex(geom).
        select += [f"CAST(group_concat(ifnull(CAST(geom AS TEXT), CAST(X'{_NULL_POINT}' AS TEXT)), '') AS BLOB)",
                   f"sum(length(geom) != {_POINT_BYTES})"]
    for name in names:
        quoted = f'"{name}"'
        if types.get(name, "object") == "float":
            select.append(f"group_concat(ifnull({quoted}, {_NULL_INT}))")
        else:
            # a number or blob in a text column would come back as text: such a column is read by row
            select += [f"group_concat(ifnull({quoted}, '{_NULL}'), '{_SEP}')",
                       f"sum(typeof({quoted}) NOT IN ('text', 'null'))"]
    # Chunks by fid range, rows in the table's (fid) order: no subquery to sort or limit (that
    # doubles SQLite's time); the fids read tell the order, and are sorted if ever not.
    where = " AND ".join(["fid >= ? AND fid < ?", *clauses])
    sql = f"SELECT {', '.join(select)} FROM \"{kind.name}\" WHERE {where}"
    fid_parts: list[np.ndarray] = []
    xy_parts: list[np.ndarray] = []
    value_parts: dict[str, list[Any]] = {name: [] for name in names}
    how: dict[str, ColumnType] = {name: types.get(name, "object") for name in names}
    sums = [0, 0, 0]
    began = not connection.in_transaction
    if began:
        connection.execute("BEGIN")
    try:
        seen = witness.also(connection) if witnessed and witness.also is not None else None  # type: ignore[union-attr]
        low, high = connection.execute(f'SELECT min(fid), max(fid) FROM "{kind.name}"').fetchone()
        for start in range(int(low or 0), int(high or 0) + 1 if low is not None else 0, size):
            if should_stop is not None and should_stop():
                return None
            row = connection.execute(sql, (start, start + size, *params)).fetchone()
            count = int(row[0])
            if not count:
                continue
            fids = _integers(row[1], count)
            if fids is None:
                return False
            at = 2
            if witnessed:
                sums = [sums[0] + int(row[2]), sums[1] + int(row[3]), max(sums[2], int(row[4]))]
                at = 5
            if geometry:
                xy = None if row[at + 1] else _plain_points(row[at], count)
                if xy is None:  # a blob other than a plain point
                    return False
                xy_parts.append(xy)
                at += 2
            for name in names:
                if how[name] == "float":
                    values = _numbers(row[at], count)
                    at += 1
                else:
                    values = None if row[at + 1] else _texts(row[at], count)
                    at += 2
                if values is None:
                    return False
                value_parts[name].append(values if how[name] == "float" else converted(values, how[name]))
            fid_parts.append(fids)
        if witnessed:
            witness.versions = (sum(len(f) for f in fid_parts), *sums)  # type: ignore[union-attr]
            witness.seen = seen  # type: ignore[union-attr]
    finally:
        if began and connection.in_transaction:
            connection.execute("COMMIT")
    out_fids = np.concatenate(fid_parts) if fid_parts else np.empty(0, dtype=np.int64)
    xy_all = (np.concatenate(xy_parts) if xy_parts else np.empty((0, 2))) if geometry else None
    out = LayerColumns(out_fids, xy_all, None,
                       {name: concatenated(parts, how[name]) for name, parts in value_parts.items()})
    if len(out_fids) > 1 and (np.diff(out_fids) <= 0).any():
        out = _sorted(out)
    return out


def _sorted(found: LayerColumns) -> LayerColumns:
    order = np.argsort(found.fids, kind="stable")
    return LayerColumns(found.fids[order], None if found.point_xy is None else found.point_xy[order], None,
                        {name: v[order] for name, v in found.values.items()})


def _parsed(text: str | None, dtype: type) -> np.ndarray:
    """The numbers of comma-separated text; fewer than written (or none) where one does not
    parse (numpy warns of it, or raises in later versions: the caller checks the length)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return np.fromstring(text or "", dtype=dtype, sep=",")
        except ValueError:
            return np.empty(0, dtype=dtype)


def _integers(text: str | None, count: int) -> np.ndarray | None:
    values = _parsed(text, np.int64)
    return values if len(values) == count else None


def _numbers(text: str | None, count: int) -> np.ndarray | None:
    """float64 of a number column's packed text, NaN for NULL; None when some value is no number.
    Integers (most number columns) parse ten times faster than reals: tried first."""
    integers = _integers(text, count)
    if integers is not None:
        values = integers.astype(float)
        values[integers == _NULL_INT] = np.nan
        return values
    values = _parsed(text, float)
    if len(values) != count:
        return None
    values[values == float(_NULL_INT)] = np.nan
    return values


def _plain_points(packed: bytes | None, count: int) -> np.ndarray | None:
    """(count, 2) coordinates of plain point blobs joined end to end; None if any is not one."""
    if not isinstance(packed, bytes):  # a database whose text is not UTF-8 may give text back
        return None
    if len(packed) != count * _POINT_BYTES:
        return None
    # Strided views of the joined blobs, no copy: bytes 0-3 "GP", version 0, flags 1; bytes 8-12
    # little-endian WKB Point (01 01000000); then x, y. Two integer compares a blob instead of
    # seven byte columns (a quarter of the time on a million points).
    head = np.ndarray((count,), dtype="<u4", buffer=packed, offset=0, strides=(_POINT_BYTES,))
    wkb = np.ndarray((count,), dtype="<u8", buffer=packed, offset=5, strides=(_POINT_BYTES,)) >> np.uint64(24)
    if not ((head == 0x01005047).all() and (wkb == 0x0101).all()):
        return None
    return np.ndarray((count, 2), dtype="<f8", buffer=packed, offset=13, strides=(_POINT_BYTES, 8)).astype(float)


def _texts(text: str | None, count: int) -> list[Any] | None:
    """A text column's values (a value holding the separator splits into more: None)."""
    values: list[Any] = (text or "").split(_SEP)
    if len(values) != count:
        return None
    if _NULL in text:  # type: ignore[operator]
        values = [None if v == _NULL else v for v in values]
    return values
