"""The one reader of layer tables, and the few summaries the app asks of a layer.

:class:`LayerReader` reads a layer's rows by columns, uuids, bounding box and time, whole or in
chunks, through one sqlite3 connection: the workspace's own (it sees the open transaction's
edits: change listeners read right after an edit) or a read-only connection of its own (a
worker thread's, see :meth:`LayerReader.read_only`). Geometries come decoded (shapely, EPSG:4326),
values as stored (ISO text times, integers, marking text): each caller types them for its use.
Its typed summaries (:meth:`~LayerReader.count`, :meth:`~LayerReader.extent`,
:meth:`~LayerReader.value_counts`, :meth:`~LayerReader.time_range`, :meth:`~LayerReader.uuids`)
answer what other modules used to ask with their own SQL. ``Workspace`` wraps it for its own
connection; nothing outside ``humanops.store`` writes SQL on a layer table.

SQLite rather than GDAL, because reads here must see the edit just made on the same connection,
cost no dataset open, and never touch the file through GDAL's second copy of SQLite (see
:mod:`humanops.store` for the thread rule).
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
import shapely.errors

from humanops.catalog import LayerKind
from humanops.errors import ValidationError, WorkspaceError
from humanops.store import gpkg_geometry, schema, workspace_summary
from humanops.store.db import connect_read_only
from humanops.store.layer_columns import (
    ColumnType,
    LayerColumns,
    concatenated,
    converted,
    plain_point_xy,
    point_xy_of,
    rtree_leaf_centres,
)
from humanops.store.packed_columns import PACK_CHUNK, ReadWitness, packed_read
from humanops.store.sql_in import select_in

Bbox = workspace_summary.Bbox  # minx, miny, maxx, maxy (EPSG:4326)
READ_CHUNK = 10_000  # rows a fetch: bounds how long one C call holds the GIL (readers on workers)
_FID_PART = 5_000  # fids an IN list of a columnar read by fid
_MS_A_DAY = 86_400_000
_UNIX_EPOCH_JD_MS = 210_866_760_000_000  # 1970-01-01T00:00Z as SQLite's julian day in ms
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Rows:
    """Rows of one layer, aligned: ``fids`` and ``geometries`` (each None when not read) and one
    tuple of ``columns`` values a row, as stored."""

    columns: tuple[str, ...]
    fids: np.ndarray | None  # int64
    geometries: np.ndarray | None  # object array of shapely geometries, EPSG:4326
    values: list[tuple]

    def __len__(self) -> int:
        return len(self.values)

    def column(self, name: str) -> list[Any]:
        """One column's values, row-aligned."""
        i = self.columns.index(name)
        return [row[i] for row in self.values]

    def frame(self, *, index: bool = True) -> pd.DataFrame:
        """The values as a DataFrame (pandas infers the dtypes), indexed by ``fid`` unless not
        ``index`` or the fids were not read (then 0..n-1). No geometry: see :attr:`geometries`."""
        frame = pd.DataFrame.from_records(self.values, columns=list(self.columns), nrows=len(self.values)) \
            if self.values else pd.DataFrame(columns=list(self.columns))
        if index and self.fids is not None:
            frame.index = pd.Index(self.fids, name="fid")
        return frame


def julian_day(at: datetime) -> float:
    """``at`` (naive: UTC) as SQLite's ``julianday()`` gives it for the same millisecond: the
    same integer arithmetic, so a stored time equal to ``at`` compares equal."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    delta = at.astimezone(UTC) - _EPOCH
    ms = (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000
    return (ms + _UNIX_EPOCH_JD_MS) / _MS_A_DAY


def _from_julian_day(value: float | None) -> datetime | None:
    if value is None:
        return None
    return _EPOCH + timedelta(milliseconds=round(value * _MS_A_DAY) - _UNIX_EPOCH_JD_MS)


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


class LayerReader:
    """Reads layer tables through one sqlite3 connection, on the thread that made it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    @classmethod
    @contextmanager
    def read_only(cls, path: str | Path) -> Iterator[LayerReader]:
        """A reader on a read-only connection of its own to the workspace file, closed on
        exit: for a worker thread, which must not use the workspace's connection. It reads the
        last committed state; while one of its statements is open, others' commits wait
        (docs/architecture.md, section 3, R3)."""
        connection = connect_read_only(path)
        try:
            yield cls(connection)
        finally:
            connection.close()

    # --- rows ----------------------------------------------------------------------------------
    def chunks(self, kind: LayerKind, columns: Sequence[str] | None = None, *,
               uuids: Iterable[str] | None = None, bbox: Bbox | None = None, at: datetime | None = None,
               where: str | None = None, geometry: bool = True, fids: bool = True, ordered: bool = False,
               size: int = READ_CHUNK) -> Iterator[Rows]:
        """The rows of ``kind``'s table, at most ``size`` at a time (stop iterating to stop
        reading). ``columns``: the kind's columns to read (default: all but fid and geom);
        ``geometry``, ``fids``: whether to read them too (each costs time on 100,000 rows).
        ``uuids``: only these features (asked in parts, see :mod:`~humanops.store.sql_in`);
        ``bbox``: those whose extent meets it (the GeoPackage R-tree); ``at``: those valid at
        that time (:meth:`valid_at_clause`); ``where``: a filter expression over the columns,
        already checked by the caller (``humanops mark --where``). ``ordered``: by fid."""
        names = self._checked_columns(kind, columns)
        read_fid = fids or (ordered and uuids is not None)  # the uuids' parts are sorted by fid here
        for batch in self._batches(kind, names, uuids, bbox, at, where, geometry, read_fid, ordered, size):
            fid_list, blobs, values = _split(batch, read_fid, geometry)
            yield Rows(tuple(names), np.array(fid_list, dtype=np.int64) if fids else None,
                       _decoded(blobs, self, kind), values)

    def rows(self, kind: LayerKind, columns: Sequence[str] | None = None, *,
             uuids: Iterable[str] | None = None, bbox: Bbox | None = None, at: datetime | None = None,
             where: str | None = None, geometry: bool = True, fids: bool = True, ordered: bool = False,
             size: int = READ_CHUNK, should_stop: Callable[[], bool] | None = None) -> Rows | None:
        """Every row :meth:`chunks` gives (same filters), in one :class:`Rows`; None if
        ``should_stop`` said so (it is asked before each chunk is fetched)."""
        names = self._checked_columns(kind, columns)
        read_fid = fids or (ordered and uuids is not None)
        batches = self._batches(kind, names, uuids, bbox, at, where, geometry, read_fid, ordered, size)
        fid_list: list[int] = []
        blobs: list[bytes | None] = []
        values: list[tuple] = []
        while not (should_stop is not None and should_stop()):
            batch = next(batches, None)
            if batch is None:
                break
            # taken apart batch by batch: the raw rows go at once (fewer live objects for the
            # garbage collector to walk while 100,000 rows load)
            batch_fids, batch_blobs, batch_values = _split(batch, read_fid, geometry)
            fid_list += batch_fids or ()
            blobs += batch_blobs or ()
            values += batch_values
        else:
            batches.close()  # ends the statement: a stopped read keeps no read lock
            return None
        return Rows(tuple(names), np.array(fid_list, dtype=np.int64) if fids else None,
                    _decoded(blobs if geometry else None, self, kind), values)  # decoded at once: one vectorised call

    def columns(self, kind: LayerKind, columns: Sequence[str] = (), *, types: Mapping[str, ColumnType] | None = None,
                uuids: Iterable[str] | None = None, bbox: Bbox | None = None, at: datetime | None = None,
                fids: Iterable[int] | None = None, geometry: bool = True, size: int = READ_CHUNK,
                should_stop: Callable[[], bool] | None = None) -> LayerColumns | None:
        """The rows :meth:`chunks` gives for ``uuids``, ``bbox`` and ``at`` (``fids``: only those features),
        column by column in fid order (:class:`~humanops.store.layer_columns.LayerColumns`): each
        chunk becomes arrays before the next is fetched, so a large layer never lives as Python
        tuples. ``types``: a column's type ("float", "category"; "object" by default). None if
        ``should_stop`` said so (it is asked before each chunk)."""
        names = self._checked_columns(kind, list(columns))
        how: dict[str, ColumnType] = {name: (types or {}).get(name, "object") for name in names}
        point = kind.geometry == "Point"
        fid_parts: list[np.ndarray] = []
        geometry_parts: list[np.ndarray] = []
        value_parts: dict[str, list[Any]] = {name: [] for name in names}
        chunks = (self._row_chunk(kind, names, how, batch, geometry)
                  for batch in self._column_batches(kind, names, uuids, bbox, at, fids, geometry, size))
        while not (should_stop is not None and should_stop()):
            chunk = next(chunks, None)
            if chunk is None:
                break
            fid_part, geometry_part, values = chunk
            fid_parts.append(fid_part)
            if geometry:
                geometry_parts.append(geometry_part)
            for name in names:
                value_parts[name].append(values[name])
        else:
            chunks.close()  # ends the statement: a stopped read keeps no read lock
            return None
        out_fids = np.concatenate(fid_parts) if fid_parts else np.empty(0, dtype=np.int64)
        shape = np.concatenate(geometry_parts) if geometry_parts else (np.empty((0, 2)) if point else
                                                                       np.empty(0, dtype=object))
        values = {name: concatenated(parts, how[name]) for name, parts in value_parts.items()}
        return LayerColumns(out_fids, shape if geometry and point else None,
                            shape if geometry and not point else None, values)

    def packed_columns(self, kind: LayerKind, columns: Sequence[str] = (), *,
                       types: Mapping[str, ColumnType] | None = None, bbox: Bbox | None = None,
                       geometry: bool = True, size: int = PACK_CHUNK,
                       should_stop: Callable[[], bool] | None = None,
                       witness: ReadWitness | None = None) -> LayerColumns | None:
        """What :meth:`columns` gives (same ``types``; ``bbox``: by the R-tree), packed by SQLite
        into a few strings a chunk instead of a tuple a row (:mod:`~humanops.store.packed_columns`):
        three times faster on a large point layer, the GIL free while SQLite works. Rows that do
        not pack exactly (another tool's geometry blob, text in a number column) are read
        through :meth:`columns` instead, with the same answer (``witness`` left empty then).
        None if ``should_stop`` said so."""
        names = self._checked_columns(kind, list(columns))
        clauses, params = self._clauses(kind, bbox, None, None)
        found = packed_read(self.connection, kind, names, types or {}, clauses=clauses, params=params,
                            geometry=geometry, size=size, should_stop=should_stop, witness=witness)
        if found is False:
            return self.columns(kind, names, types=types, bbox=bbox, geometry=geometry, should_stop=should_stop)
        return found  # type: ignore[return-value]

    def indexed_positions(self, kind: LayerKind) -> LayerColumns | None:
        """Where a point layer's features are, from its R-tree alone (the leaves of
        ``rtree_<layer>_geom``: no row of the table read): the centres of their boxes, which
        SQLite keeps as 4-byte floats rounded outwards (a few decimetres off). A million points
        in 0.15 s instead of 1 s: what a map draws before the layer itself is read. None when
        the layer is not of points or its index is missing or not laid out as SQLite's."""
        if kind.geometry != "Point":
            return None
        table = f"rtree_{kind.name}_geom"
        try:
            nodes = [row[0] for row in self.connection.execute(
                f'SELECT data FROM "{table}_node" WHERE nodeno NOT IN (SELECT parentnode FROM "{table}_parent")')]
        except sqlite3.OperationalError:  # no spatial index: nothing to draw from before the read
            return None
        found = rtree_leaf_centres(nodes)
        if found is None:
            return None
        fids, centres = found
        order = np.argsort(fids, kind="stable")
        return LayerColumns(fids[order], centres[order], None, {})

    def _row_chunk(self, kind: LayerKind, names: list[str], how: Mapping[str, ColumnType], batch: list[tuple],
                   geometry: bool) -> tuple[np.ndarray, Any, dict[str, Any]]:
        """(fids, geometries, values) of raw rows (fid, [geom blob,] values...)."""
        # column by column with itemgetter: zip(*batch) over 10,000 rows is five times slower
        fids = np.fromiter(map(itemgetter(0), batch), dtype=np.int64, count=len(batch))
        shapes = None
        if geometry:
            shapes = self._geometries(kind, list(map(itemgetter(1), batch)))
        first = 2 if geometry else 1
        return fids, shapes, {name: converted(list(map(itemgetter(first + i), batch)), how[name])
                              for i, name in enumerate(names)}

    def _geometries(self, kind: LayerKind, blobs: list[Any]) -> np.ndarray:
        if kind.geometry != "Point":
            return _decoded(blobs, self, kind)  # type: ignore[return-value]
        xy = plain_point_xy(blobs)
        return xy if xy is not None else point_xy_of(_decoded(blobs, self, kind))  # type: ignore[arg-type]

    def _column_batches(self, kind: LayerKind, names: list[str], uuids: Iterable[str] | None, bbox: Bbox | None,
                        at: datetime | None, fids: Iterable[int] | None, geometry: bool,
                        size: int) -> Iterator[list[tuple]]:
        """Raw rows (fid, [geom blob,] values...) in fid order; ``fids`` asked in parts (the fids
        written as integer literals: SQLite bounds the parameters a statement takes)."""
        if fids is None:
            yield from self._batches(kind, names, uuids, bbox, at, None, geometry, True, True, size)
            return
        wanted = np.unique(np.asarray(list(fids) if not isinstance(fids, np.ndarray) else fids, dtype=np.int64))
        for start in range(0, len(wanted), _FID_PART):
            listed = ",".join(str(int(f)) for f in wanted[start:start + _FID_PART])
            yield from self._batches(kind, names, uuids, bbox, at, f"fid IN ({listed})", geometry, True, True, size)

    def _batches(self, kind: LayerKind, names: list[str], uuids: Iterable[str] | None, bbox: Bbox | None,
                 at: datetime | None, where: str | None, geometry: bool, fid: bool, ordered: bool,
                 size: int) -> Iterator[list[tuple]]:
        """Raw rows ([fid,] [geom blob,] values...) at most ``size`` at a time."""
        select = [*(["fid"] if fid else []), *(["geom"] if geometry else []), *(f'"{c}"' for c in names)]
        clauses, params = self._clauses(kind, bbox, at, where)
        sql = f'SELECT {", ".join(select)} FROM "{kind.name}"'
        try:
            if uuids is None:
                where_sql = f" WHERE {' AND '.join(clauses)}" if clauses else ""
                cursor = self.connection.execute(sql + where_sql + (" ORDER BY fid" if ordered else ""), params)
                while batch := cursor.fetchmany(size):
                    yield batch
                return
            wanted = list(dict.fromkeys(uuids))
            # select_in fills ``{marks}``: a brace in the caller's filter must stay literal
            where_sql = " AND ".join([*(c.replace("{", "{{").replace("}", "}}") for c in clauses),
                                      "uuid IN ({marks})"])
            found = select_in(self.connection, f"{sql} WHERE {where_sql}", wanted, params)
        except sqlite3.OperationalError as exc:
            if where is not None:
                raise ValidationError(f"the filter cannot be evaluated: {exc}", layer=kind.name,
                                      field="where") from None
            raise
        if ordered:
            found.sort(key=lambda row: row[0])
        for start in range(0, len(found), size):
            yield found[start:start + size]

    # --- typed summaries -----------------------------------------------------------------------
    def count(self, kind: LayerKind) -> int:
        return workspace_summary.layer_count(self.connection, kind.name)

    def extent(self, kind: LayerKind) -> Bbox | None:
        """(minx, miny, maxx, maxy) of the layer from its R-tree (no row read; float32 bounds,
        rounded outwards), None when empty."""
        return workspace_summary.layer_extent(self.connection, kind.name)

    def indexed_extent(self, kind: LayerKind) -> Bbox | None:
        """What :meth:`extent` gives, from the root node of the layer's R-tree alone (a few
        dozen boxes covering all the others) instead of a scan of every entry: a million
        needs' extent in a millisecond instead of 0.3 to 1.4 s. Falls back to :meth:`extent`
        when the node is not as SQLite's R-tree module lays it out."""
        try:
            row = self.connection.execute(
                f'SELECT data FROM "rtree_{kind.name}_geom_node" WHERE nodeno = 1').fetchone()
        except sqlite3.OperationalError:  # no spatial index (another tool's table)
            return self.extent(kind)
        boxes = _root_boxes(row[0] if row is not None else None)
        if boxes is None:
            return self.extent(kind)
        if not len(boxes):
            return None
        out = (float(boxes[:, 0].min()), float(boxes[:, 2].min()), float(boxes[:, 1].max()), float(boxes[:, 3].max()))
        return out if all(np.isfinite(out)) else self.extent(kind)

    def value_counts(self, kind: LayerKind, columns: str | Sequence[str]) -> dict[Any, int]:
        """How many rows hold each value of ``columns`` (one name: keyed by the value; several:
        by the tuple of values); NULL is a value (None)."""
        several = not isinstance(columns, str)
        names = self._checked_columns(kind, list(columns) if several else [columns])
        rows = self.connection.execute(
            f'SELECT {_quoted(names)}, count(*) FROM "{kind.name}" GROUP BY {_quoted(names)}').fetchall()
        return {tuple(r[:-1]) if several else r[0]: int(r[-1]) for r in rows}

    def time_range(self, kind: LayerKind) -> tuple[datetime, datetime] | None:
        """(earliest start, latest end or start) over the layer's validity windows, None when
        the kind has no time or no feature has one. Times are compared as instants (a time
        without a zone is UTC), as :meth:`valid_at_clause` compares them."""
        if not kind.time_start:
            return None
        start, end = kind.time_start, kind.time_end or kind.time_start
        lo, hi, hi_start = self.connection.execute(
            f'SELECT min(julianday("{start}")), max(julianday("{end}")), max(julianday("{start}")) '
            f'FROM "{kind.name}"').fetchone()
        highs = [v for v in (hi, hi_start) if v is not None]
        if lo is None:
            return None
        return _from_julian_day(lo), _from_julian_day(max(highs))  # type: ignore[return-value]

    def uuids(self, kind: LayerKind, *, originated_by: str | None = None,
              not_originated_by: str | None = None) -> list[str]:
        """The layer's uuids in fid order; ``originated_by``: only that organisation's features,
        ``not_originated_by``: only the others'. A feature without an originator counts as the
        workspace's own (``originated_by`` our organisation)."""
        sql, params = f'SELECT uuid FROM "{kind.name}"', []
        if originated_by is not None:
            sql += " WHERE (originator IN (?, '') OR originator IS NULL)"
            params.append(originated_by)
        elif not_originated_by is not None:
            sql += " WHERE originator IS NOT NULL AND originator NOT IN (?, '')"
            params.append(not_originated_by)
        return [r[0] for r in self.connection.execute(sql + " ORDER BY fid", params)]

    # --- internals -----------------------------------------------------------------------------
    @staticmethod
    def valid_at_clause(kind: LayerKind, at: datetime) -> tuple[list[str], list[float]]:
        """SQL clauses (and their parameters) keeping the features valid at ``at``: start at or
        before it and end at or after it, compared as instants (julianday: milliseconds, a zone
        or none, all read alike); a missing or unreadable bound is open, as the map's time
        slider treats it."""
        clauses, params = [], []
        moment = julian_day(at)
        for column, op in ((kind.time_start, "<="), (kind.time_end, ">=")):
            if column:
                clauses.append(f'(julianday("{column}") IS NULL OR julianday("{column}") {op} ?)')
                params.append(moment)
        return clauses, params

    def _clauses(self, kind: LayerKind, bbox: Bbox | None, at: datetime | None,
                 where: str | None) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if at is not None:
            clauses, params = self.valid_at_clause(kind, at)
        if bbox is not None:
            minx, miny, maxx, maxy = (float(v) for v in bbox)
            clauses.append(f'fid IN (SELECT id FROM "rtree_{kind.name}_geom" '
                           "WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)")
            params += [minx, maxx, miny, maxy]
        if where is not None:
            clauses.append(f"({where})")
        return clauses, params

    def _checked_columns(self, kind: LayerKind, columns: Sequence[str] | None) -> list[str]:
        known = [c for c, _ in schema.layer_columns(kind)]
        if columns is None:
            return known
        unknown = [c for c in columns if c not in known]
        if unknown:  # a column another tool added is read too; only one the table lacks is refused
            present = {r[1] for r in self.connection.execute(f'PRAGMA table_info("{kind.name}")')}
            missing = [c for c in unknown if c not in present or c in ("fid", "geom")]
            if missing:
                raise WorkspaceError("the layer has no such column", layer=kind.name, field=missing[0])
        return list(columns)


def _split(batch: list[tuple], fid: bool, geometry: bool) -> tuple[list[int] | None, list[Any] | None, list[tuple]]:
    """(fids, geometry blobs, value tuples) of raw rows; None for what was not read."""
    first = int(fid) + int(geometry)  # where the values start in a raw row
    return ([r[0] for r in batch] if fid else None, [r[first - 1] for r in batch] if geometry else None,
            [r[first:] for r in batch] if first else batch)


def _decoded(blobs: list[Any] | None, reader: LayerReader | None = None, kind: LayerKind | None = None
             ) -> np.ndarray | None:
    if blobs is None:
        return None
    if not blobs:
        return np.empty(0, dtype=object)
    try:
        return np.asarray(gpkg_geometry.decode_many(blobs), dtype=object)
    except (shapely.errors.GEOSException, ValueError, struct.error) as exc:
        # another tool wrote bytes that are no geometry: name the feature, never GEOS's parser
        raise _unreadable(blobs, reader, kind, exc) from None


def _unreadable(blobs: list[Any], reader: LayerReader | None, kind: LayerKind | None,
                exc: Exception) -> WorkspaceError:
    """The error for the first blob that cannot be decoded, naming its feature (fid and uuid)."""
    for blob in blobs:
        try:
            gpkg_geometry.decode(blob)
        except (shapely.errors.GEOSException, ValueError, struct.error) as bad:
            exc = bad
            break
    else:  # pragma: no cover - the batch failed as a whole only
        blob = None
    feature: str | None = None
    if reader is not None and kind is not None and blob is not None:
        found = reader.connection.execute(f'SELECT fid, uuid FROM "{kind.name}" WHERE geom = ? LIMIT 1',
                                          (blob,)).fetchone()
        if found is not None:
            feature = f"{found[0]}" + (f" ({found[1]})" if found[1] else "")
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return WorkspaceError(f"the feature's geometry cannot be read ({reason}): another tool may have written it; "
                          "fix or delete the feature there", layer=kind.name if kind else None, feature=feature,
                          field="geom")


# SQLite's R-tree node (ext/rtree/rtree.c, "node format"): a 2-byte depth (the root's), a 2-byte
# cell count, then the cells: an 8-byte id and, for each dimension, a 4-byte minimum and maximum
# (float32 for an ``rtree`` table), all big-endian. A GeoPackage's index has 2 dimensions:
# minx, maxx, miny, maxy.
_RTREE_CELL = np.dtype([("id", ">i8"), ("box", ">f4", (4,))])


def _root_boxes(node: Any) -> np.ndarray | None:
    """(n, 4) minx, maxx, miny, maxy of an R-tree root node's cells; None if ``node`` is not one."""
    if not isinstance(node, bytes) or len(node) < 4:
        return None
    count = int.from_bytes(node[2:4], "big")
    if 4 + count * _RTREE_CELL.itemsize > len(node):
        return None
    return np.frombuffer(node, dtype=_RTREE_CELL, count=count, offset=4)["box"].astype(float)
