"""``humanops copy SRC DST``: a workspace moved between backends (GeoPackage ↔ PostGIS, PostGIS →
PostGIS) as it is.

Copied as stored, without a new version, history entry or change: every layer's current rows
(uuid, version, originator, created, modified, markings, provenance, every field), the history
(previous versions and tombstones, with their ids), the change log (with its sequence numbers,
so partners' "since change N" bookmarks stay true), the meta (workspace id, organisation, default
markings, settings), and the app's other tables generically (the sharing engine's keys, partner
directory, audit log, conflicts, proposals...: same table and column names; into PostgreSQL each
SQLite column gets the type its declared affinity names, and the table's SQLite DDL is kept in the
meta so a copy back to a GeoPackage recreates it exactly).

Not copied: QGIS ``layer_styles`` (a GeoPackage's own; the PostGIS workspace has none yet), the
GeoPackage's ``gpkg_*`` bookkeeping (the target makes its own), columns another tool added to a
layer table, and the fids of a GeoPackage target (rows keep their order; a PostGIS target keeps the
fids). A layer value the target's column type cannot hold (another tool's text in a GeoPackage
time column) stops the copy with an error naming the layer and column; nothing is left behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import shapely

from humanops.catalog import Catalog
from humanops.errors import WorkspaceError
from humanops.store import bulk_write, gpkg_geometry
from humanops.store.open_target import AnyWorkspace, create_any, is_postgres_url, open_any
from humanops.store.postgis import schema
from humanops.store.postgis.schema import q
from humanops.store.postgis.workspace import PostgisWorkspace, drop_workspace
from humanops.store.sql_dialect import AppTable, declared_tables
from humanops.store.workspace import Workspace, _history_geometry

# Meta keys that describe the backend, not the workspace: each target writes its own.
BACKEND_META = {"schema_version", "backend", "triggers_version", "external_triggers", "copied_tables",
                "writer.humanops"}
SQLITE_TABLE = "sqlite_table."  # meta key prefix: a copied app table's SQLite DDL (and its indexes)
SQLITE_INDEXES = "sqlite_indexes."
HISTORY = ("id", "layer", "uuid", "version", "deleted", "originator", "created", "modified", "superseded",
           "geom_wkb", "properties", "marking", "source_package", "source_signer")
CHANGES = ("seq", "layer", "uuid", "version", "op", "at")
_TIMES = ("created", "modified", "superseded", "at")
_NOT_APP_TABLES = ("humanops_meta", "humanops_history", "humanops_changes", "layer_styles")


def copy_workspace(source: str | Path, target: str | Path, *, overwrite: bool = False,
                   catalog: Catalog | None = None) -> dict[str, Any]:
    """Copy the workspace at ``source`` to a new one at ``target`` (each a GeoPackage path or a
    ``postgresql://`` URL); returns what was copied. A failure leaves no target workspace."""
    src = open_any(source, catalog=catalog)
    try:
        dst = create_any(target, organisation=src.organisation, overwrite=overwrite, catalog=src.catalog)
        try:
            with dst.transaction():
                summary = _copy(src, dst)
        except BaseException:
            _remove(dst, target)
            raise
        dst.close()
    finally:
        src.close()
    return summary


def _remove(dst: AnyWorkspace, target: str | Path) -> None:
    if isinstance(dst, PostgisWorkspace):
        with dst.transaction() as db:
            drop_workspace(db, dst.catalog)
        dst.close()
    else:
        dst.close()
        Path(target).unlink(missing_ok=True)


def _copy(src: AnyWorkspace, dst: AnyWorkspace) -> dict[str, Any]:
    pg_target = isinstance(dst, PostgisWorkspace)
    if pg_target:
        dst.connection.execute("SELECT set_config(%s, 'raw', true)", (schema.WRITER,))
    meta = {k: v for k, v in _meta(src).items() if k not in BACKEND_META
            and (pg_target or not k.startswith((SQLITE_TABLE, SQLITE_INDEXES)))}
    layers: dict[str, int] = {}
    for layer in src.layers():
        rows = src.rows(layer, ordered=True)
        layers[layer] = len(rows)
        if len(rows):
            _write_layer(dst, layer, rows)
    history = _read(src, "humanops_history", HISTORY, order="id")
    changes = _read(src, "humanops_changes", CHANGES, order="seq")
    _write(dst, "humanops_history", HISTORY, history)
    _write(dst, "humanops_changes", CHANGES, changes)
    tables = _copy_app_tables(src, dst, meta)
    if pg_target:
        meta["copied_tables"] = json.dumps(tables)
        for table, column in (("humanops_history", "id"), ("humanops_changes", "seq"),
                              *((layer, "fid") for layer, n in layers.items() if n)):
            dst.connection.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), max({q(column)})) "
                                   f"FROM {q(table)} HAVING max({q(column)}) IS NOT NULL", (q(table), column))
    for key, value in meta.items():
        dst.set_meta(key, value)
    return {"layers": layers, "history": len(history), "changes": len(changes), "tables": tables,
            "meta": sorted(meta)}


def _meta(ws: AnyWorkspace) -> dict[str, str | None]:
    return {k: v for k, v in ws.connection.execute("SELECT key, value FROM humanops_meta").fetchall()}


# --- layers -----------------------------------------------------------------------------------
def _write_layer(dst: AnyWorkspace, layer: str, rows: Any) -> None:
    names = list(rows.columns)
    columns = list(zip(*rows.values, strict=True))
    geometries = np.asarray(rows.geometries, dtype=object)
    if isinstance(dst, PostgisWorkspace):
        blobs = list(shapely.to_wkb(shapely.set_srid(geometries, 4326), hex=True, include_srid=True))
        listed = ["fid", "geom", *names]
        try:
            with dst.connection.cursor() as cursor, cursor.copy(
                    f"COPY {q(layer)} ({', '.join(q(c) for c in listed)}) FROM STDIN") as copy:
                for row in zip(rows.fids.tolist(), blobs, *columns, strict=True):
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise WorkspaceError(f"cannot copy the layer's rows ({exc.diag.message_primary}; "
                                 f"{exc.diag.context or ''})".replace("; )", ")"), layer=layer,
                                 file=dst.path) from None
        return
    values: dict[str, Any] = {"geom": gpkg_geometry.encode_many(geometries)}
    values.update({name: list(column) for name, column in zip(names, columns, strict=True)})
    bounds = shapely.bounds(geometries)
    bulk_write.insert_rows(dst.connection, layer, values, len(rows), bounds)
    finite = bounds[np.isfinite(bounds).all(axis=1)]
    if len(finite):
        dst._grow_extent(layer, (finite[:, 0].min(), finite[:, 1].min(), finite[:, 2].max(), finite[:, 3].max()))


# --- history, change log ----------------------------------------------------------------------
def _read(ws: AnyWorkspace, table: str, columns: Sequence[str], *, order: str) -> list[tuple]:
    """Rows of a bookkeeping table in one form for both backends: times as GeoPackage text,
    JSON as text, history geometries as WKB, booleans as bool."""
    if isinstance(ws, PostgisWorkspace):
        select = [f"humanops_time_text({c})" if c in _TIMES else f"{c}::text" if c in ("properties", "marking")
                  else c for c in columns]
        return [tuple(r) for r in ws.connection.execute(
            f"SELECT {', '.join(select)} FROM {table} ORDER BY {order}").fetchall()]
    rows = ws.connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
    if "geom_wkb" not in columns:
        return rows
    g, d = columns.index("geom_wkb"), columns.index("deleted")
    out = []
    for row in rows:
        values = list(row)
        geometry = _history_geometry(values[g])
        values[g] = None if geometry is None else shapely.to_wkb(geometry)
        values[d] = bool(values[d])
        out.append(tuple(values))
    return out


def _write(dst: AnyWorkspace, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if isinstance(dst, PostgisWorkspace):
        with dst.connection.cursor() as cursor, cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    dst.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                               [tuple(int(v) if isinstance(v, bool) else v for v in r) for r in rows])


# --- the app's other tables (sharing engine, plans, alerts...) --------------------------------
def _copy_app_tables(src: AnyWorkspace, dst: AnyWorkspace, meta: dict[str, str | None]) -> list[str]:
    """Copy every other table the source holds; returns their names. A table the engine declares
    (``sql_dialect.declared_tables``) is made on the target from its declaration, with the
    target's types, when its columns are the declared ones (an older source may lack newer ones);
    another (a tool's own, or one of that name in another shape) is typed by its values, and
    ``meta`` (to be written to the target) gains its SQLite DDL when it leaves a GeoPackage."""
    copied = []
    declared = declared_tables()
    for table, columns, rows in _app_tables(src, meta):
        if table in declared and set(columns) <= set(declared[table].column_names()):
            _copy_declared(dst, declared[table], columns, rows)
        elif isinstance(dst, PostgisWorkspace):
            types = _pg_types(columns, rows)
            if not isinstance(src, PostgisWorkspace):
                meta[SQLITE_TABLE + table] = _sqlite_sql(src, table, "table")[0]
                meta[SQLITE_INDEXES + table] = json.dumps(_sqlite_sql(src, table, "index"))
            listed = ", ".join(f"{q(c)} {t}" for c, t in zip(columns, types, strict=True))
            dst.connection.execute(f"CREATE TABLE {q(table)} ({listed})")  # type: ignore[call-overload]
            try:
                with dst.connection.cursor() as cursor, cursor.copy(
                        f"COPY {q(table)} ({', '.join(q(c) for c in columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            except psycopg.Error as exc:
                raise WorkspaceError(f"cannot copy the table {table} ({exc.diag.message_primary})",
                                     file=dst.path) from None
        else:
            _create_sqlite_table(dst, table, columns, meta, src)
            marks = ", ".join("?" * len(columns))
            dst.connection.executemany(
                f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) VALUES ({marks})", rows)
        copied.append(table)
    return copied


def _copy_declared(dst: AnyWorkspace, table: AppTable, columns: list[str], rows: list[tuple]) -> None:
    """Make ``table`` on the target from its declaration and copy the rows of the columns it has
    (an older source may lack a newer column: it takes its default)."""
    sql = dst.sql
    sql.ensure_tables([table])
    known = set(table.column_names())
    keep = [i for i, c in enumerate(columns) if c in known]
    names = [columns[i] for i in keep]
    if not rows or not names:
        return
    listed = ", ".join(q(c) for c in names)
    if isinstance(dst, PostgisWorkspace):
        try:
            with dst.connection.cursor() as cursor, cursor.copy(f"COPY {q(table.name)} ({listed}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[i] for i in keep])
        except psycopg.Error as exc:
            raise WorkspaceError(f"cannot copy the table {table.name} ({exc.diag.message_primary})",
                                 file=dst.path) from None
        for column, in dst.connection.execute(  # ids given explicitly: the identity goes on after them
                "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attidentity <> ''",
                (q(table.name),)).fetchall():
            dst.connection.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), max({q(column)})) "
                                   f"FROM {q(table.name)} HAVING max({q(column)}) IS NOT NULL", (q(table.name), column))
        return
    sql.executemany(f"INSERT INTO {q(table.name)} ({listed}) VALUES ({', '.join('?' * len(names))})",
                    [[row[i] for i in keep] for row in rows])


def _app_tables(ws: AnyWorkspace, meta: dict[str, str | None]) -> Iterable[tuple[str, list[str], list[tuple]]]:
    layers = set(ws.layers())
    if isinstance(ws, PostgisWorkspace):
        names = json.loads(meta.get("copied_tables") or _meta(ws).get("copied_tables") or "[]")
        names += sorted(t for t in declared_tables() if t not in names and ws.sql.has_table(t))
        for table in names:
            columns = ws.reader.table_columns(table)
            if columns:
                rows = ws.connection.execute(
                    f"SELECT {', '.join(q(c) for c in columns)} FROM {q(table)}").fetchall()
                yield table, columns, [tuple(r) for r in rows]
        return
    connection: sqlite3.Connection = ws.connection
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        if (table in layers or table in _NOT_APP_TABLES or table.startswith(("gpkg_", "rtree_", "sqlite_"))):
            continue
        columns = [r[1] for r in connection.execute(f"PRAGMA table_info({q(table)})")]
        listed = ", ".join(q(c) for c in columns)
        yield table, columns, connection.execute(f"SELECT {listed} FROM {q(table)}").fetchall()


def _pg_types(columns: list[str], rows: list[tuple]) -> list[str]:
    """A PostgreSQL type a column of SQLite values fits, by the values' own types (SQLite types
    values, not columns): integers bigint, numbers double precision, blobs bytea, else text."""
    types = []
    for i, _ in enumerate(columns):
        kinds = {type(r[i]) for r in rows if r[i] is not None}
        if kinds and kinds <= {int, bool}:
            types.append("bigint")
        elif kinds and kinds <= {int, float}:
            types.append("double precision")
        elif kinds and kinds <= {bytes, memoryview}:
            types.append("bytea")
        elif kinds and not kinds <= {str}:  # mixed: as text, blobs as hex
            raise WorkspaceError(f"column {columns[i]} mixes values of types "
                                 f"{', '.join(sorted(k.__name__ for k in kinds))}: it cannot be copied as it is")
        else:
            types.append("text")
    return types


def _sqlite_sql(ws: Workspace, table: str, what: str) -> list[str]:
    return [r[0] for r in ws.connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL", (what, table))]


def _create_sqlite_table(dst: Workspace, table: str, columns: list[str], meta: dict[str, str | None],
                         src: AnyWorkspace) -> None:
    """The table in the GeoPackage: its own SQLite DDL when a copy kept it, else typed from
    PostgreSQL's columns."""
    db = dst.connection
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone():
        return
    ddl = meta.get(SQLITE_TABLE + table) or _meta(src).get(SQLITE_TABLE + table)
    if ddl:
        db.execute(ddl)
        for index in json.loads(meta.get(SQLITE_INDEXES + table) or _meta(src).get(SQLITE_INDEXES + table) or "[]"):
            db.execute(index)
        return
    pg_types = dict(src.connection.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(%s) "
        "AND attnum > 0 AND NOT attisdropped", (q(table),)).fetchall())
    sqlite_type = {"bigint": "INTEGER", "integer": "INTEGER", "double precision": "REAL", "bytea": "BLOB",
                   "boolean": "BOOLEAN"}
    db.execute(f"CREATE TABLE {q(table)} (" + ", ".join(
        f"{q(c)} {sqlite_type.get(pg_types.get(c, ''), 'TEXT')}" for c in columns) + ")")


def describe(target: str | Path) -> str:
    """``target`` as messages name it (a URL without its password)."""
    if is_postgres_url(target):
        from humanops.store.postgis.workspace import display_url

        return display_url(str(target))
    return str(target)
