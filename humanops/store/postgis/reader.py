"""Layer rows read from PostgreSQL/PostGIS in the form the GeoPackage reader gives them.

The values come as the GeoPackage stores them (``store.layer_reader.Rows``): times as its
DATETIME text (UTC, milliseconds, Z), dates as ISO text, booleans as 0/1, geometries decoded by
shapely from WKB. So everything built on ``Rows`` (``store.layer_frames.typed_frame``, the
Feature a row makes, a copy between backends) reads either backend alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import psycopg
import shapely

from humanops.catalog import LayerKind
from humanops.errors import ValidationError, WorkspaceError
from humanops.store import schema as gpkg_schema
from humanops.store.layer_columns import ColumnType, LayerColumns, concatenated, converted, point_xy_of
from humanops.store.layer_reader import Bbox, Rows
from humanops.store.postgis.schema import q

FETCH = 10_000  # rows a fetch


def column_expression(name: str, sql_type: str | None) -> str:
    """SQL reading one column in its GeoPackage form (see the module's docstring)."""
    column = q(name)
    if sql_type == "DATETIME":
        return f"humanops_time_text({column})"
    if sql_type == "DATE":
        return f"to_char({column}, 'YYYY-MM-DD')"
    if sql_type == "BOOLEAN":
        return f"{column}::int"
    return column


class PostgisReader:
    """Reads layer tables through one psycopg connection (the workspace's: it sees the open
    transaction's edits)."""

    def __init__(self, connection: psycopg.Connection) -> None:
        self.connection = connection

    def table_columns(self, table: str) -> list[str]:
        return [r[0] for r in self.connection.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum", (q(table),))]

    def checked_columns(self, kind: LayerKind, columns: Sequence[str] | None) -> list[str]:
        known = [c for c, _ in gpkg_schema.layer_columns(kind)]
        if columns is None:
            return known
        unknown = [c for c in columns if c not in known]
        if unknown:  # a column another tool added is read too; one the table lacks is refused
            present = set(self.table_columns(kind.name))
            missing = [c for c in unknown if c not in present or c in ("fid", "geom")]
            if missing:
                raise WorkspaceError("the layer has no such column", layer=kind.name, field=missing[0])
        return list(columns)

    def chunks(self, kind: LayerKind, columns: Sequence[str] | None = None, *,
               uuids: Iterable[str] | None = None, bbox: Bbox | None = None, at: datetime | None = None,
               where: str | None = None, geometry: bool = True, fids: bool = True, ordered: bool = False,
               size: int = FETCH) -> Iterator[Rows]:
        """The rows :meth:`rows` gives, at most ``size`` at a time (as ``LayerReader.chunks``)."""
        names = self.checked_columns(kind, columns)
        sql, params = self._query(kind, names, uuids, bbox, at, where, geometry, fids, ordered)
        for batch in self._batches(kind, sql, params, where, size):
            yield self._rows(names, batch, geometry, fids)

    def rows(self, kind: LayerKind, columns: Sequence[str] | None = None, *, uuids: Iterable[str] | None = None,
             bbox: Bbox | None = None, at: datetime | None = None, where: str | None = None,
             geometry: bool = True, fids: bool = True, ordered: bool = False, size: int = FETCH,
             should_stop: Callable[[], bool] | None = None) -> Rows | None:
        """The rows of ``kind``'s table, filtered as ``LayerReader.rows`` filters them: ``bbox``
        through the GiST index (``&&``), ``at`` on the kind's validity window, ``uuids``,
        ``where`` (a filter ``humanops.sharing.marking_ops.check_where`` allowed). None if
        ``should_stop`` said so (it is asked before each ``size`` rows are taken)."""
        names = self.checked_columns(kind, columns)
        sql, params = self._query(kind, names, uuids, bbox, at, where, geometry, fids, ordered)
        batches = self._batches(kind, sql, params, where, size)
        raw: list[tuple] = []
        while not (should_stop is not None and should_stop()):
            batch = next(batches, None)
            if batch is None:
                break
            raw += batch
        else:
            batches.close()
            return None
        return self._rows(names, raw, geometry, fids)

    def columns(self, kind: LayerKind, columns: Sequence[str] = (), *, types: Mapping[str, ColumnType] | None = None,
                uuids: Iterable[str] | None = None, bbox: Bbox | None = None, at: datetime | None = None,
                fids: Iterable[int] | None = None, geometry: bool = True, size: int = FETCH,
                should_stop: Callable[[], bool] | None = None) -> LayerColumns | None:
        """The rows of ``uuids``, ``bbox``, ``at`` and ``fids`` column by column in fid order, typed
        as ``LayerReader.columns`` types them (each chunk made arrays before the next is taken);
        None if ``should_stop`` said so."""
        names = self.checked_columns(kind, list(columns))
        how: dict[str, ColumnType] = {name: (types or {}).get(name, "object") for name in names}
        point = kind.geometry == "Point"
        wanted = None if fids is None else np.unique(np.asarray(list(fids), dtype=np.int64)).tolist()
        sql, params = self._query(kind, names, uuids, bbox, at, None, geometry, True, True, wanted)
        batches = self._batches(kind, sql, params, None, size)
        fid_parts: list[np.ndarray] = []
        shape_parts: list[np.ndarray] = []
        value_parts: dict[str, list[Any]] = {name: [] for name in names}
        while not (should_stop is not None and should_stop()):
            batch = next(batches, None)
            if batch is None:
                break
            part = self._rows(names, batch, geometry, True)
            fid_parts.append(part.fids)  # type: ignore[arg-type]
            if geometry:
                shapes = part.geometries
                shape_parts.append(point_xy_of(shapes) if point else shapes)  # type: ignore[arg-type]
            for i, name in enumerate(names):
                value_parts[name].append(converted([r[i] for r in part.values], how[name]))
        else:
            batches.close()
            return None
        out_fids = np.concatenate(fid_parts) if fid_parts else np.empty(0, dtype=np.int64)
        shape = np.concatenate(shape_parts) if shape_parts else (np.empty((0, 2)) if point else
                                                                 np.empty(0, dtype=object))
        values = {name: concatenated(parts, how[name]) for name, parts in value_parts.items()}
        return LayerColumns(out_fids, shape if geometry and point else None,
                            shape if geometry and not point else None, values)

    def _query(self, kind: LayerKind, names: list[str], uuids: Iterable[str] | None, bbox: Bbox | None,
               at: datetime | None, where: str | None, geometry: bool, fids: bool, ordered: bool,
               fid_list: list[int] | None = None) -> tuple[str, list[Any]]:
        types = dict(gpkg_schema.layer_columns(kind))
        select = [*(["fid"] if fids else []), *(["ST_AsBinary(geom)"] if geometry else []),
                  *(column_expression(c, types.get(c)) for c in names)]
        clauses, params = self.clauses(kind, bbox, at, where)
        if uuids is not None:
            clauses.append("uuid = ANY(%s)")
            params.append(list(dict.fromkeys(uuids)))
        if fid_list is not None:
            clauses.append("fid = ANY(%s)")
            params.append(fid_list)
        sql = f"SELECT {', '.join(select)} FROM {q(kind.name)}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if ordered or fids:
            sql += " ORDER BY fid"
        return sql, params

    def _batches(self, kind: LayerKind, sql: str, params: list[Any], where: str | None,
                 size: int) -> Iterator[list[tuple]]:
        """The raw rows of ``sql``, at most ``size`` at a time; a filter the database cannot
        evaluate is the user's ValidationError."""
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)
                while batch := cursor.fetchmany(size):
                    yield batch
        except (psycopg.errors.SyntaxError, psycopg.errors.UndefinedColumn, psycopg.errors.DatatypeMismatch,
                psycopg.errors.UndefinedFunction, psycopg.errors.InvalidTextRepresentation) as exc:
            if where is not None:
                raise ValidationError(f"the filter cannot be evaluated: {exc.diag.message_primary}",
                                      layer=kind.name, field="where") from None
            raise

    @staticmethod
    def _rows(names: list[str], raw: list[tuple], geometry: bool, fids: bool) -> Rows:
        first = int(fids) + int(geometry)
        fid_array = np.fromiter((r[0] for r in raw), dtype=np.int64, count=len(raw)) if fids else None
        geometries = None
        if geometry:
            blobs = [r[first - 1] for r in raw]
            geometries = (np.asarray(shapely.from_wkb(blobs), dtype=object) if blobs
                          else np.empty(0, dtype=object))
        values = [tuple(r[first:]) for r in raw]
        return Rows(tuple(names), fid_array, geometries, values)

    @staticmethod
    def clauses(kind: LayerKind, bbox: Bbox | None, at: datetime | None,
                where: str | None) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if at is not None:
            for column, op in ((kind.time_start, "<="), (kind.time_end, ">=")):
                if column:  # a missing bound is open, as the map's time slider treats it
                    clauses.append(f"({q(column)} IS NULL OR {q(column)} {op} %s)")
                    params.append(at)
        if bbox is not None:
            clauses.append("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
            params += [float(v) for v in bbox]
        if where is not None:
            clauses.append("(" + where.replace("%", "%%") + ")")  # a LIKE's % is not a placeholder
        return clauses, params

    # --- typed summaries ---------------------------------------------------------------------
    def count(self, kind: LayerKind) -> int:
        return int(self.connection.execute(f"SELECT count(*) FROM {q(kind.name)}").fetchone()[0])  # type: ignore[index]

    def extent(self, kind: LayerKind) -> Bbox | None:
        row = self.connection.execute(
            f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e "
            f"FROM {q(kind.name)}) AS x").fetchone()
        if row is None or row[0] is None:
            return None
        return (float(row[0]), float(row[1]), float(row[2]), float(row[3]))

    def indexed_extent(self, kind: LayerKind) -> Bbox | None:
        """The extent without a scan of a large layer (packed_columns.layer_extent)."""
        from humanops.store.postgis.packed_columns import layer_extent

        return layer_extent(self.connection, kind)

    def packed_columns(self, kind: LayerKind, columns: Sequence[str], *, types: Mapping[str, ColumnType],
                       bbox: Bbox | None = None, geometry: bool = True,
                       should_stop: Callable[[], bool] | None = None) -> LayerColumns | bool | None:
        """Whole columns as arrays, one query a chunk (packed_columns.packed_postgis_read); False
        when they do not pack: read them with :meth:`columns`."""
        from humanops.store.postgis.packed_columns import packed_postgis_read

        clauses, params = self.clauses(kind, bbox, None, None)
        return packed_postgis_read(self.connection, kind, columns, types, clauses=clauses, params=params,
                                   geometry=geometry, should_stop=should_stop)

    def value_counts(self, kind: LayerKind, columns: str | Sequence[str]) -> dict[Any, int]:
        several = not isinstance(columns, str)
        names = self.checked_columns(kind, list(columns) if several else [columns])  # type: ignore[list-item]
        types = dict(gpkg_schema.layer_columns(kind))
        exprs = [column_expression(c, types.get(c)) for c in names]
        rows = self.connection.execute(
            f"SELECT {', '.join(exprs)}, count(*) FROM {q(kind.name)} GROUP BY {', '.join(exprs)}").fetchall()
        return {tuple(r[:-1]) if several else r[0]: int(r[-1]) for r in rows}

    def time_range(self, kind: LayerKind) -> tuple[datetime, datetime] | None:
        if not kind.time_start:
            return None
        start, end = q(kind.time_start), q(kind.time_end or kind.time_start)
        row = self.connection.execute(
            f"SELECT min({start}), greatest(max({end}), max({start})) FROM {q(kind.name)}").fetchone()
        if row is None or row[0] is None:
            return None
        return row[0], row[1]

    def uuids(self, kind: LayerKind, *, originated_by: str | None = None,
              not_originated_by: str | None = None) -> list[str]:
        sql, params = f"SELECT uuid FROM {q(kind.name)}", []
        if originated_by is not None:
            sql += " WHERE (originator IN (%s, '') OR originator IS NULL)"
            params.append(originated_by)
        elif not_originated_by is not None:
            sql += " WHERE originator IS NOT NULL AND originator NOT IN (%s, '')"
            params.append(not_originated_by)
        return [r[0] for r in self.connection.execute(sql + " ORDER BY fid", params)]
