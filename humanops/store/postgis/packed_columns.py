"""A layer's columns read from PostGIS as whole arrays: one query a chunk, no Python object a row.

The GeoPackage's packed read (:mod:`humanops.store.packed_columns`) has SQLite join each column of
a chunk into one string for numpy. Here PostgreSQL aggregates each column of a chunk into one
value sent in binary: fids as an ``int8[]``, a point's ``ST_X``/``ST_Y`` and every number column as
a ``float8[]`` (NULL sent as NaN, so the array has no NULL), read by numpy straight from the wire
format (big-endian length-prefixed elements, see :func:`_numbers`); text (classes, markings,
names, times in the GeoPackage's text form) as one ``string_agg`` joined with a separator, split
by ``str.split``. The values are those :meth:`PostgisReader.rows` gives (the same column
expressions), typed as ``LayerReader.columns`` types them: a canvas fed by either reads alike.

Only what packs exactly is read so: a value holding the separator (``\\x1f``) or being the NULL
mark (``\\x1e``) alone makes :func:`packed_postgis_read` answer False, and the caller reads through
the row reader, as do lines and areas (their geometries stay shapely).

:func:`layer_extent` is a layer's extent without a scan of a large table: PostGIS's estimate from
the planner's statistics of the geometry column (gathered by ANALYZE and autovacuum), widened by
the margin the estimate may miss (a sample's extent is inside the true one); a small layer, or
one without statistics yet, gets the exact ``ST_Extent``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import psycopg
from psycopg.adapt import Loader
from psycopg.pq import Format

from humanops.catalog import LayerKind
from humanops.store import schema as gpkg_schema
from humanops.store.layer_columns import ColumnType, LayerColumns, concatenated, converted
from humanops.store.postgis.schema import q

PACK_CHUNK = 250_000  # rows a query: bounds the arrays (2 MB a float column) and a parse
EXACT_BELOW = 20_000  # rows under which the exact extent (a scan) is as quick as the estimate
ESTIMATE_MARGIN = 0.05  # of the estimated extent's size, added on each side (a sample's box is inside)
_SEP = "\x1f"  # unit separator between text values
_NULL = "\x1e"  # record separator: a NULL text value
_FLOAT8_ARRAY, _INT8_ARRAY = 1022, 1016  # pg_type oids of float8[] and int8[]
_NUMBER_TYPES = ("INTEGER", "REAL", "BOOLEAN")


def _numbers(data: Any, element: str) -> np.ndarray:
    """A one-dimensional array without NULLs in PostgreSQL's binary array format: a 12-byte
    header (dimensions, has-null flag, element type), the dimension's size and lower bound, then
    each element as a 4-byte length and its 8 big-endian bytes."""
    header = np.frombuffer(data, dtype=">i4", count=3)
    if header[0] == 0:
        return np.empty(0, dtype=element.replace(">", "<"))
    if header[0] != 1 or header[1] != 0:  # a NULL slipped in: the SQL below makes none
        raise ValueError("not a one-dimensional array without NULLs")
    size = int(np.frombuffer(data, dtype=">i4", count=1, offset=12)[0])
    records = np.frombuffer(data, dtype=[("length", ">i4"), ("value", element)], count=size, offset=20)
    return records["value"].astype(element.replace(">", "<"))


class _Float8ArrayLoader(Loader):
    format = Format.BINARY

    def load(self, data: Any) -> np.ndarray:
        return _numbers(data, ">f8")


class _Int8ArrayLoader(Loader):
    format = Format.BINARY

    def load(self, data: Any) -> np.ndarray:
        return _numbers(data, ">i8")


def packed_postgis_read(connection: psycopg.Connection, kind: LayerKind, columns: Sequence[str],
                        types: Mapping[str, ColumnType], *, clauses: Sequence[str] = (),
                        params: Sequence[Any] = (), geometry: bool = True, size: int = PACK_CHUNK,
                        should_stop: Callable[[], bool] | None = None) -> LayerColumns | bool | None:
    """``columns`` (and a point layer's coordinates, if ``geometry``) of the rows meeting
    ``clauses`` (``PostgisReader.clauses``), in fid order, as :class:`LayerColumns`. None if
    ``should_stop`` said so (asked before each chunk); False when the rows do not pack exactly
    (see the module): read them the ordinary way. The chunks are read in one repeatable-read
    transaction: all see the same committed state."""
    from humanops.store.postgis.reader import column_expression

    point = kind.geometry == "Point"
    if geometry and not point:
        return False  # areas and lines stay shapely geometries: the row reader decodes them
    sql_types = dict(gpkg_schema.layer_columns(kind))
    names = list(columns)
    inner = ["fid"] + (["ST_X(geom) AS x", "ST_Y(geom) AS y"] if geometry else [])
    select = ["array_agg(fid)"]
    if geometry:
        select += ["array_agg(coalesce(x, 'NaN'))", "array_agg(coalesce(y, 'NaN'))"]
    numeric: list[bool] = []
    for i, name in enumerate(names):
        sql_type = sql_types.get(name)
        inner.append(f"{column_expression(name, sql_type)} AS c{i}")
        is_number = sql_type in _NUMBER_TYPES
        numeric.append(is_number)
        if is_number:
            select.append(f"array_agg(coalesce(c{i}::float8, 'NaN'))")
        else:
            select.append(f"string_agg(coalesce(c{i}::text, E'\\x1e'), E'\\x1f')")
            select.append(f"coalesce(bool_or(strpos(c{i}::text, E'\\x1f') > 0 OR c{i}::text = E'\\x1e'), false)")
    where = " AND ".join(["fid > %s", *clauses])
    sql = (f"SELECT {', '.join(select)} FROM (SELECT {', '.join(inner)} FROM {q(kind.name)} WHERE {where} "
           "ORDER BY fid LIMIT %s) AS chunk")
    parts: list[tuple[np.ndarray, np.ndarray | None, list[Any]]] = []
    last = -(2 ** 63)
    idle = connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with connection.transaction(), connection.cursor(binary=True) as cursor:
        if idle:  # a transaction of our own: every chunk reads one snapshot (else the caller's transaction's)
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.adapters.register_loader(_FLOAT8_ARRAY, _Float8ArrayLoader)
        cursor.adapters.register_loader(_INT8_ARRAY, _Int8ArrayLoader)
        while True:
            if should_stop is not None and should_stop():
                return None
            cursor.execute(sql, [last, *params, size])
            row = cursor.fetchone()
            if row is None or row[0] is None:
                break
            fids = row[0]
            if len(fids) > 1 and not bool((np.diff(fids) > 0).all()):
                return False  # not in fid order after all: the row reader's ORDER BY
            at = 1
            xy = None
            if geometry:
                xy = np.column_stack([row[1], row[2]])
                at = 3
            values: list[Any] = []
            for is_number in numeric:
                if is_number:
                    values.append(row[at])
                    at += 1
                    continue
                text, unsafe = row[at], row[at + 1]
                at += 2
                if unsafe:
                    return False
                split = text.split(_SEP) if len(fids) else []
                if len(split) != len(fids):
                    return False
                values.append(split)
            parts.append((fids, xy, values))
            if len(fids) < size:
                break
            last = int(fids[-1])
    return _columns(kind, names, types, numeric, parts, geometry)


def _columns(kind: LayerKind, names: list[str], types: Mapping[str, ColumnType], numeric: list[bool],
             parts: list[tuple[np.ndarray, np.ndarray | None, list[Any]]], geometry: bool) -> LayerColumns:
    """The chunks' arrays typed as ``LayerReader.columns`` types them (``converted``)."""
    fids = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, dtype=np.int64)
    xy = None
    if geometry:
        xy = np.concatenate([p[1] for p in parts]) if parts else np.empty((0, 2))
    sql_types = dict(gpkg_schema.layer_columns(kind))
    values: dict[str, Any] = {}
    for i, name in enumerate(names):
        how = types.get(name, "object")
        chunks = []
        for _, _, part_values in parts:
            raw = part_values[i]
            if numeric[i]:
                if how == "float":
                    chunks.append(raw)
                    continue
                # a number or boolean read as a class or an object: the ints the row reader gives
                as_int = sql_types.get(name) in ("INTEGER", "BOOLEAN")
                items = [None if np.isnan(v) else (int(v) if as_int else float(v)) for v in raw.tolist()]
                chunks.append(converted(items, how))
                continue
            texts = [None if v == _NULL else v for v in raw]
            if how == "float":
                chunks.append(pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(dtype=float))
            else:
                chunks.append(converted(texts, how))
        values[name] = concatenated(chunks, how)
    return LayerColumns(fids.astype(np.int64), xy, None, values)


def layer_extent(connection: psycopg.Connection, kind: LayerKind) -> tuple[float, float, float, float] | None:
    """The layer's extent without scanning a large table (see the module docstring)."""
    table = q(kind.name)
    rows = connection.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", (table,)).fetchone()
    estimated_rows = float(rows[0]) if rows and rows[0] is not None else -1.0
    if estimated_rows >= EXACT_BELOW:
        try:
            with connection.transaction():  # a savepoint inside the caller's transaction: an error stays here
                box = connection.execute(
                    "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                    "(SELECT ST_EstimatedExtent(current_schema()::text, %s, 'geom', true) AS e) AS x",
                    (kind.name,)).fetchone()
        except psycopg.Error:  # no statistics to estimate from (older PostGIS raises): the exact one
            box = None
        if box is not None and box[0] is not None:
            minx, miny, maxx, maxy = (float(v) for v in box)
            dx, dy = (maxx - minx) * ESTIMATE_MARGIN, (maxy - miny) * ESTIMATE_MARGIN
            return (max(-180.0, minx - dx), max(-90.0, miny - dy), min(180.0, maxx + dx), min(90.0, maxy + dy))
    row = connection.execute(f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                             f"(SELECT ST_Extent(geom) AS e FROM {table}) AS x").fetchone()
    if row is None or row[0] is None:
        return None
    return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))
