"""The Workspace: one GeoPackage file holding every layer and the app's own tables.

Reads go through the one layer reader (:mod:`humanops.store.layer_reader`) on the same
connection as edits: one sqlite3 connection in rollback-journal mode with ``synchronous=FULL``.
Every edit is one transaction that bumps the feature's version, moves the previous version
to ``humanops_history``, logs the change in ``humanops_changes`` and keeps the R-tree in step
(GDAL's triggers, with the ST_* functions registered here).
A crash loses at most the transaction in flight; the file is never left half-written.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.catalog import Catalog, LayerKind, load_catalog
from humanops.errors import HumanOpsError, ValidationError, WorkspaceError
from humanops.fileperms import make_private
from humanops.model.feature import Feature, new_uuid, new_uuids
from humanops.model.marking import Marking, format_time, parse_time, utc_now
from humanops.model.validation import (
    coerce_value,
    conform_geometry,
    is_missing,
    validate_frame,
)
from humanops.store import bulk_write, gpkg_conformance, gpkg_geometry, schema, workspace_summary
from humanops.store.atomic_files import AtomicFile
from humanops.store.feature_edits import FeatureEdits, WorkspaceChange
from humanops.store.layer_frames import typed_frame
from humanops.store.layer_reader import Bbox, LayerReader, Rows
from humanops.store.sql_dialect import SqliteSql
from humanops.store.sql_in import select_in

GPKG_APPLICATION_ID = workspace_summary.GPKG_APPLICATION_ID


def _sql_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else format_time(value.to_pydatetime())
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool | np.bool_):
        return int(bool(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


class Workspace(FeatureEdits):
    """A HumanOps workspace. Open with :meth:`open`, make with :meth:`create`."""

    def __init__(self, path: Path, connection: sqlite3.Connection, catalog: Catalog) -> None:
        self.path = Path(path)
        self.catalog = catalog
        self._db = connection
        self._lock = _file_lock(self.path)
        self._depth = 0
        self._pending: list[WorkspaceChange] = []
        self._listeners: list[Callable[[WorkspaceChange], None]] = []
        self._columns = {k.name: [c for c, _ in schema.layer_columns(k)] for k in catalog}

    # --- life cycle ----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, organisation: str = "", overwrite: bool = False,
               catalog: Catalog | None = None) -> Workspace:
        """A new, empty workspace with a table per layer kind. Written in a temporary folder
        beside ``path``, fsynced and renamed into place (:mod:`humanops.store.atomic_files`), so a
        failed create leaves nothing behind. The file is owner-only (0600; it will hold our sealed
        keys): GDAL creates it with the umask's mode, inside a folder only we can enter (0700),
        and it is narrowed there."""
        path = Path(path)
        catalog = catalog or load_catalog()
        if path.exists() and not overwrite:
            raise WorkspaceError("already exists (choose another name)", file=str(path))
        if not path.parent.exists():
            raise WorkspaceError("folder does not exist", file=str(path.parent))
        # GDAL wants the .gpkg extension, whatever ``path`` has
        pending = AtomicFile(path, overwrite=overwrite, temp_name="new.gpkg", exists_error=WorkspaceError)
        try:
            tmp = pending.path
            _create_layer_tables(tmp, catalog)
            make_private(tmp)  # before SQLite makes journals beside it and before it leaves the folder
            connection = _connect(tmp)
            with connection:
                schema.create_app_tables(connection)
                for kind in catalog:
                    schema.add_layer_columns(connection, kind)
                now = format_time(utc_now())
                meta = {
                    "schema_version": str(schema.SCHEMA_VERSION),
                    "workspace_id": str(uuid_module.uuid4()),
                    "created": now,
                    "organisation": organisation,
                }
                connection.executemany("INSERT INTO humanops_meta VALUES (?, ?)", meta.items())
                from humanops.store.layer_styles import write_layer_styles

                write_layer_styles(connection, catalog)
            _checkpoint_and_detach(connection)
            pending.commit()  # fsync, rename, fsync of the folder
        finally:
            pending.discard()
        return cls.open(path, catalog=catalog)

    @classmethod
    def open(cls, path: str | Path, *, catalog: Catalog | None = None) -> Workspace:
        path = Path(path)
        if not path.is_file():
            raise WorkspaceError("no such workspace file", file=str(path))
        catalog = catalog or load_catalog()
        try:
            connection = _connect(path)
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(f"not a GeoPackage ({exc})", file=str(path)) from None
        tables = workspace_summary.identify(connection, path)  # a workspace this version reads, or refused
        workspace = cls(path, connection, catalog)
        workspace._ensure_layers(tables)
        workspace._ensure_triggers()
        workspace._ensure_conformance()
        return workspace

    def _ensure_layers(self, tables: set[str]) -> None:
        """Kinds added to the catalog since the file was made get their (empty) table; fields
        added to a kind since get their (empty) column, and the triggers that name them."""
        grown = [k for k in self.catalog if k.name in tables and not set(self._columns[k.name]) <= {
            r[1] for r in self.connection.execute(f'PRAGMA table_info("{k.name}")')}]
        if grown:
            with self.transaction():
                for kind in grown:
                    schema.add_layer_columns(self._db, kind)  # and its triggers, which list the fields
        missing = [k for k in self.catalog if k.name not in tables]
        if not missing:
            return
        with self._lock:  # GDAL writes here: never beside one of our transactions (see _file_lock)
            _create_layer_tables(self.path, Catalog(missing))
        with self.transaction():
            for kind in missing:
                schema.add_layer_columns(self._db, kind)
            from humanops.store.layer_styles import write_layer_styles

            write_layer_styles(self._db, Catalog(missing))

    def _ensure_triggers(self) -> None:
        """Files made before the external-edit triggers existed, or with older ones, get the
        current ones (idempotent). A writer flag a killed app could not remove is cleared."""
        names = {r[0] for r in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        current = self.get_meta("external_triggers") == schema.EXTERNAL_TRIGGERS_VERSION
        missing = [k for k in self.catalog if not current or f"humanops_{k.name}_external_update" not in names]
        if missing:
            with self.transaction():
                for kind in missing:
                    schema.install_external_edit_triggers(self.connection, kind)
                self.set_meta("external_triggers", schema.EXTERNAL_TRIGGERS_VERSION)
        if self.get_meta(schema.APP_WRITING_KEY) is not None:  # only if a commit went astray
            self.connection.execute("DELETE FROM humanops_meta WHERE key = ?", (schema.APP_WRITING_KEY,))

    def _ensure_conformance(self) -> None:
        """Files an earlier HumanOps wrote as GeoPackage 1.4, or with its bookkeeping tables
        listed as layers, are brought to what every client reads (gpkg_conformance)."""
        if not gpkg_conformance.needs_bringing_up(self.connection):
            return
        with self.transaction():
            gpkg_conformance.downgrade_to_1_3(self.connection)
            gpkg_conformance.unlist_internal_tables(self.connection)

    def close(self) -> None:
        """Close the file; it is whole on its own afterwards (copy it, send it, open it in QGIS)."""
        with self._lock:
            if self._db is None:
                return
            _checkpoint_and_detach(self._db)
            self._db = None  # type: ignore[assignment]

    def checkpoint(self) -> bool:
        """Fold back a write-ahead log another tool left (the file is then whole on its own);
        False if another program holds the file and it must wait for the last closer."""
        try:
            busy = self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.OperationalError:
            return False
        return not busy

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The workspace's sqlite3 connection, for the modules that keep the app's own tables
        (sharing tables, audit log, plans, alerts), on the thread that opened the workspace. Use
        inside :meth:`transaction`. Layer tables are read with :attr:`reader` and the methods
        built on it, never with SQL of one's own."""
        if self._db is None:
            raise WorkspaceError("the workspace is closed", file=str(self.path))
        return self._db

    @property
    def sql(self) -> SqliteSql:
        """The SQL seam on :attr:`connection` (``store.sql_dialect``): what the engine modules
        that keep the app's own tables use, the same on a team database."""
        return SqliteSql(self.connection)

    # --- metadata ------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.connection.execute("SELECT value FROM humanops_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            self.connection.execute("INSERT OR REPLACE INTO humanops_meta VALUES (?, ?)", (key, value))

    def default_marking(self, layer: str) -> Marking:
        """The marking a new feature of ``layer`` gets: the adopted information sharing
        protocol's (stored in meta by the sharing engine), else the layer kind's."""
        stored = self.get_meta(f"default_marking.{layer}")
        if stored:
            return Marking.from_columns(json.loads(stored))
        return Marking.from_default(self.kind(layer).default_marking)

    def set_default_marking(self, layer: str, marking: Marking) -> None:
        self.kind(layer)
        self.set_meta(f"default_marking.{layer}", json.dumps(marking.to_columns()))

    @property
    def organisation(self) -> str:
        """Our own organisation id: the originator of what we create."""
        return self.get_meta("organisation") or ""

    @property
    def workspace_id(self) -> str:
        return self.get_meta("workspace_id") or ""

    # --- events --------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[WorkspaceChange], None]) -> Callable[[], None]:
        """Call ``listener`` after each committed change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # --- transactions --------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All edits inside commit together or not at all; nests (the outermost commits)."""
        with self._lock:
            db = self.connection
            if self._depth == 0:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT OR REPLACE INTO humanops_meta (key, value) VALUES (?, '1')",
                           (schema.APP_WRITING_KEY,))
            self._depth += 1
            try:
                yield db
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    db.execute("ROLLBACK")
                    self._pending.clear()
                raise
            self._depth -= 1
            if self._depth == 0:
                db.execute("DELETE FROM humanops_meta WHERE key = ?", (schema.APP_WRITING_KEY,))
                db.execute("COMMIT")
                pending, self._pending = self._pending, []
                for change in pending:
                    for listener in list(self._listeners):
                        listener(change)

    # --- reading -------------------------------------------------------------------------
    def layers(self) -> list[str]:
        return self.catalog.names

    def kind(self, layer: str) -> LayerKind:
        return self.catalog[layer]

    @property
    def reader(self) -> LayerReader:
        """The layer reader on this workspace's connection (it sees the open transaction's
        edits). A worker thread uses ``LayerReader.read_only(path)`` instead."""
        return LayerReader(self.connection)

    def count(self, layer: str) -> int:
        return self.reader.count(self.kind(layer))

    def rows(self, layer: str, columns: list[str] | None = None, *, uuids: Iterable[str] | None = None,
             bbox: Bbox | None = None, at: datetime | None = None, where: str | None = None,
             geometry: bool = True, fids: bool = True, ordered: bool = False) -> Rows:
        """Rows of ``layer`` as stored (see :meth:`LayerReader.chunks` for the filters)."""
        rows = self.reader.rows(self.kind(layer), columns, uuids=uuids, bbox=bbox, at=at, where=where,
                                geometry=geometry, fids=fids, ordered=ordered)
        assert rows is not None  # no should_stop: never stopped
        return rows

    def extent(self, layer: str) -> Bbox | None:
        """(minx, miny, maxx, maxy) of the layer from its spatial index; None when empty."""
        return self.reader.extent(self.kind(layer))

    def value_counts(self, layer: str, columns: str | list[str]) -> dict[Any, int]:
        """Rows per value of a column (or per tuple of values of several), NULL included."""
        return self.reader.value_counts(self.kind(layer), columns)

    def time_range(self, layer: str) -> tuple[datetime, datetime] | None:
        """(earliest start, latest end) of the layer's validity windows; None without any."""
        return self.reader.time_range(self.kind(layer))

    def uuids(self, layer: str, *, originated_by: str | None = None,
              not_originated_by: str | None = None) -> list[str]:
        """The layer's uuids, of one originator's features or of the others' (no originator:
        our own)."""
        return self.reader.uuids(self.kind(layer), originated_by=originated_by, not_originated_by=not_originated_by)

    def read_layer(self, layer: str, *, bbox: Bbox | None = None,
                   where: str | None = None, columns: list[str] | None = None,
                   at: datetime | None = None, uuids: Iterable[str] | None = None) -> gpd.GeoDataFrame:
        """The layer as a GeoDataFrame (EPSG:4326), indexed by ``fid``, typed by the kind as
        GDAL types a GeoPackage (:mod:`humanops.store.layer_frames`).

        ``bbox`` keeps the features whose extent meets it, ``at`` those valid at that time (the
        kind's time window), ``uuids`` those features; ``where`` is a filter over the columns in the subset
        ``humanops.sharing.marking_ops.check_where`` allows (ValidationError if it cannot be
        evaluated). Read through this workspace's connection: it sees the open transaction.
        """
        kind = self.kind(layer)
        rows = self.reader.rows(kind, columns, bbox=bbox, at=at, where=where, uuids=uuids)
        assert rows is not None
        return typed_frame(kind, rows)

    def get_feature(self, layer: str, uuid: str) -> Feature:
        feature = self.find_feature(layer, uuid)
        if feature is None:
            raise WorkspaceError("no such feature", layer=layer, feature=uuid)
        return feature

    def find_feature(self, layer: str, uuid: str) -> Feature | None:
        found = self.features(layer, [uuid])
        return found[0] if found else None

    def features(self, layer: str, uuids: Iterable[str] | None = None) -> list[Feature]:
        """Features as model objects (for exchange and forms; use read_layer for bulk work)."""
        rows = self.rows(layer, uuids=uuids)  # every column, in self._columns order
        return [self._feature_from_row(layer, fid, geometry, values)
                for fid, geometry, values in zip(rows.fids.tolist(), rows.geometries, rows.values, strict=True)]

    def history(self, layer: str, uuid: str) -> list[Feature]:
        """Earlier versions (and tombstones) of a feature, oldest first."""
        rows = self.connection.execute(
            "SELECT version, deleted, originator, created, modified, geom_wkb, properties, "
            "marking, source_package, source_signer FROM humanops_history "
            "WHERE layer = ? AND uuid = ? ORDER BY version, id", (layer, uuid)).fetchall()
        out = []
        for v, deleted, orig, created, modified, wkb, props, marking, pkg, signer in rows:
            out.append(Feature(
                kind=layer, geometry=_history_geometry(wkb),
                properties=json.loads(props) if props else {},
                marking=Marking.from_columns(json.loads(marking)) if marking else Marking(),
                uuid=uuid, version=v, originator=orig or "", created=parse_time(created),
                modified=parse_time(modified), deleted=bool(deleted), source_package=pkg,
                source_signer=signer))
        return out

    def tombstones(self, layer: str | None = None, since_seq: int = 0) -> list[Feature]:
        """Deletions logged after change ``since_seq`` (for incremental exports)."""
        # changes (append-only, no index but its seq) drive the join into history's index
        sql = ("SELECT h.layer, h.uuid, h.version, h.originator, h.modified, h.marking "
               "FROM humanops_changes c CROSS JOIN humanops_history h ON c.layer = h.layer AND "
               "c.uuid = h.uuid AND c.version = h.version "
               "WHERE c.op = 'delete' AND h.deleted = 1 AND c.seq > ?")
        params: list[Any] = [since_seq]
        if layer:
            sql += " AND c.layer = ?"
            params.append(layer)
        out = []
        for lyr, uid, version, orig, modified, marking in self.connection.execute(sql, params):
            out.append(Feature(kind=lyr, geometry=None, properties={},
                               marking=Marking.from_columns(json.loads(marking)) if marking else Marking(),
                               uuid=uid, version=version, originator=orig or "",
                               modified=parse_time(modified), deleted=True))
        return out

    def last_change_seq(self, layer: str | None = None) -> int:
        """The last change's number (of ``layer`` only, if given); 0 before any."""
        sql, params = "SELECT max(seq) FROM humanops_changes", ()
        if layer is not None:
            sql, params = sql + " WHERE layer = ?", (layer,)
        row = self.connection.execute(sql, params).fetchone()
        return int(row[0] or 0)

    def change_log(self, since_seq: int) -> list[tuple[int, str, str]]:
        """(seq, layer, uuid) of every change after ``since_seq``, in commit order."""
        return self.connection.execute("SELECT seq, layer, uuid FROM humanops_changes WHERE seq > ? ORDER BY seq",
                                       (since_seq,)).fetchall()

    def data_version(self) -> int:
        """Changes when another connection (QGIS, a script, one of our workers) commits to the
        file; our own commits leave it as it is (SQLite's ``PRAGMA data_version``)."""
        return self.connection.execute("PRAGMA data_version").fetchone()[0]

    def changed_since(self, seq: int, layer: str | None = None) -> dict[str, set[str]]:
        """uuids per layer changed (inserted, updated or deleted) after change ``seq``."""
        sql = "SELECT layer, uuid FROM humanops_changes WHERE seq > ?"
        params: list[Any] = [seq]
        if layer:
            sql += " AND layer = ?"
            params.append(layer)
        out: dict[str, set[str]] = {}
        for lyr, uid in self.connection.execute(sql, params):
            out.setdefault(lyr, set()).add(uid)
        return out

    def info(self) -> dict[str, Any]:
        """Layers with counts, extents, validity and marking summaries (``humanops info``; the CLI
        reads the same without a Workspace: :mod:`humanops.store.workspace_summary`)."""
        return workspace_summary.summarise(self.connection, self.path, self.catalog)

    # --- single-feature edits (FeatureEdits; here the app versions, archives and logs) ------
    def _now(self) -> datetime:
        return utc_now()

    def _write_new(self, feature: Feature, now: datetime) -> None:
        self._insert_row(feature)
        self._log(feature.kind, feature.uuid, feature.version, "insert", now)

    def _write_edit(self, current: Feature, edited: Feature) -> None:
        now = utc_now()
        updated = edited.with_changes(version=current.version + 1, modified=now)
        self._archive(current, now)
        self._update_row(updated)
        self._log(current.kind, current.uuid, updated.version, "update", now)

    def _write_delete(self, current: Feature) -> Feature:
        now = utc_now()
        tombstone = current.with_changes(version=current.version + 1, modified=now,
                                         deleted=True, geometry=None, properties={})
        self._archive(current, now)
        self._archive(tombstone, now)
        self._delete_row(current.kind, current.uuid)
        self._log(current.kind, current.uuid, tombstone.version, "delete", now)
        return tombstone

    def _delete_row(self, layer: str, uuid: str) -> None:
        self.connection.execute(f'DELETE FROM "{layer}" WHERE uuid = ?', (uuid,))

    def _write_marking(self, layer: str, uuid: str, columns: dict[str, Any]) -> None:
        self._unversioned_next(layer, [uuid])
        self.connection.execute(f'UPDATE "{layer}" SET version = -version, '
                                + ", ".join(f'"{c}" = ?' for c in columns) + " WHERE uuid = ?",
                                [*columns.values(), uuid])

    def repair_value(self, layer: str, uuid: str, column: str, value: Any) -> Feature | None:
        """Put a valid value where another tool wrote one the app cannot read (a TLP of
        'PURPLE', an expiry of 'next week'): the Problems panel's fix. The value is checked
        against the kind's field, or the whole marking must then parse. Written as another
        tool's edit is, so the external-edit trigger keeps the unreadable version in history
        and logs the change. On a partner's feature only a stricter marking can be ours to
        set, and an unreadable one has no known strictness: only TLP RED is accepted there."""
        kind = self.kind(layer)
        marking_columns = schema.MARKING_NAMES
        spec = next((f for f in kind.fields if f.name == column), None)
        if spec is None and column not in marking_columns:
            raise ValidationError("not a field of this kind that can be repaired", layer=layer, feature=uuid,
                                  field=column)
        row = self.connection.execute(
            f'SELECT originator, {", ".join(marking_columns)} FROM "{layer}" WHERE uuid = ?', (uuid,)).fetchone()
        if row is None:
            raise WorkspaceError("no such feature", layer=layer, feature=uuid)
        if spec is not None:
            try:
                stored = _sql_value(coerce_value(spec, value))
            except ValidationError as exc:
                raise ValidationError(exc.reason, layer=layer, feature=uuid, field=column) from None
        else:
            stored = None if is_missing(value) or value == "" else str(value).strip()
            if column == "expires" and stored is not None:
                stored = format_time(parse_time(stored, field=column))
            if row[0] and row[0] != self.organisation and not (column == "tlp" and stored == "RED"):
                raise ValidationError(f"{row[0]}'s marking: only TLP RED can be set here (the originator's "
                                      "own marking cannot be read to tell what is stricter)", layer=layer,
                                      feature=uuid, field=column)
            marking = dict(zip(marking_columns, row[1:], strict=True))
            marking[column] = stored
            try:
                Marking.from_columns(marking)
            except ValidationError as exc:  # another column is unreadable too: that one first
                raise ValidationError(exc.reason, layer=layer, feature=uuid, field=exc.field or column) from None
        with self.transaction() as db:
            # the version left as it is: the external-edit trigger versions it, history keeping the old row
            db.execute(f'UPDATE "{layer}" SET "{column}" = ? WHERE uuid = ?', (stored, uuid))
            self._pending.append(WorkspaceChange(layer, (uuid,), "update"))
        try:
            return self.find_feature(layer, uuid)
        except HumanOpsError:  # another value is still unreadable: the panel still lists it
            return None

    def notify(self, layer: str, uuids: tuple[str, ...], op: str) -> None:
        """Tell subscribers, after the commit, that something about these features changed
        outside the layer table (a proposal, a conflict)."""
        with self.transaction():
            self._pending.append(WorkspaceChange(layer, tuple(uuids), op))

    # --- bulk ----------------------------------------------------------------------------
    def add_frame(self, layer: str, frame: gpd.GeoDataFrame, *, marking: Marking | None = None,
                  originator: str | None = None, source_package: str | None = None,
                  source_signer: str | None = None, at: datetime | None = None,
                  prevalidated: pd.DataFrame | None = None) -> list[str]:
        """Insert many new features at once, in one transaction (all or nothing).

        ``frame`` has a geometry column in EPSG:4326 and columns named as the kind's fields;
        marking columns (tlp, releasable_to, caveats, expires, precision), ``uuid`` and (when
        no ``originator`` is given) an ``originator`` column are used when present. ``at`` is
        the created/modified time to record (default: now; the demo scenario fixes it).
        Raises ValidationError for the first problem; imports report all problems beforehand
        with :func:`validate_frame` and may pass its (problem-free) result as ``prevalidated``,
        row for row with ``frame``, so the fields are not checked twice.
        """
        uuids, own_uuids, conformed, columns, now = self._add_frame_columns(
            layer, frame, marking=marking, originator=originator, source_package=source_package,
            source_signer=source_signer, at=at, prevalidated=prevalidated, encode=gpkg_geometry.encode_many)
        n = len(uuids)
        with self.transaction():
            if own_uuids:  # freshly generated random UUIDs cannot collide; given ones might
                existing = self._existing_uuids(layer, uuids)
                if existing:
                    raise WorkspaceError("a feature with this uuid exists already", layer=layer,
                                         feature=existing[0])
            last_fid = self.connection.execute(f'SELECT coalesce(max(fid), 0) FROM "{layer}"').fetchone()[0]
            bulk_write.insert_rows(self.connection, layer, columns, n, shapely.bounds(conformed))
            # one statement, no per-row binding: the new rows are those past the old last fid
            self.connection.execute(
                "INSERT INTO humanops_changes (layer, uuid, version, op, at) "
                f'SELECT ?, uuid, version, \'insert\', ? FROM "{layer}" WHERE fid > ? ORDER BY fid',
                (layer, now, last_fid))
            self._grow_extent(layer, shapely.total_bounds(conformed))
            self._pending.append(WorkspaceChange(layer, tuple(uuids), "bulk"))
        return uuids

    def put_frame(self, layer: str, frame: gpd.GeoDataFrame, *, source_package: str | None = None,
                  source_signer: str | None = None, prevalidated: pd.DataFrame | None = None) -> None:
        """:meth:`put_feature` for many features at once, in one transaction (merging a
        partner's package). ``frame`` has the kind's fields, a geometry (EPSG:4326) and the
        identity and marking columns as stored: uuid, version, originator, created, modified,
        tlp, releasable_to, caveats, expires, precision. Features we hold are archived to
        history and updated in place; the others are bulk-inserted. The caller decides that
        these states win; fields, geometry and markings are checked all the same."""
        uuids, conformed, columns = self._put_frame_columns(layer, frame, source_package=source_package,
                                                            source_signer=source_signer, prevalidated=prevalidated,
                                                            encode=gpkg_geometry.encode_many)
        n = len(uuids)
        now = utc_now()
        stamp = format_time(now)
        bounds = shapely.bounds(conformed)
        names = list(columns)
        with self.transaction():
            existing = set(self._existing_uuids(layer, uuids))
            if existing:
                for current in self.features(layer, existing):
                    self._archive(current, now)
                assignments = ", ".join(f'"{c}" = ?' for c in names)
                # the stored version may equal the one put (another tool edited ours at that number)
                self._unversioned_next(layer, existing)
                self.connection.executemany(
                    f'UPDATE "{layer}" SET {assignments} WHERE uuid = ?',
                    [(*(columns[c][i] for c in names), uuids[i]) for i in range(n) if uuids[i] in existing])
            new = np.array([u not in existing for u in uuids], dtype=bool)
            last_fid = self.connection.execute(f'SELECT coalesce(max(fid), 0) FROM "{layer}"').fetchone()[0]
            if new.any():
                inserted = columns if new.all() else {
                    c: [v for v, is_new in zip(columns[c], new, strict=True) if is_new] for c in names}
                bulk_write.insert_rows(self.connection, layer, inserted, int(new.sum()), bounds[new])
            if existing:
                self.connection.executemany(
                    "INSERT INTO humanops_changes (layer, uuid, version, op, at) VALUES (?, ?, ?, 'update', ?)",
                    [(layer, u, v, stamp) for u, v in zip(uuids, columns["version"], strict=True) if u in existing])
            if new.any():  # one statement for the inserted rows: those past the old last fid
                self.connection.execute(
                    "INSERT INTO humanops_changes (layer, uuid, version, op, at) "
                    f'SELECT ?, uuid, version, \'insert\', ? FROM "{layer}" WHERE fid > ? ORDER BY fid',
                    (layer, stamp, last_fid))
            if n:
                self._grow_extent(layer, shapely.total_bounds(conformed))
            self._pending.append(WorkspaceChange(layer, tuple(uuids), "bulk"))

    # --- internals -----------------------------------------------------------------------
    def _add_frame_columns(self, layer: str, frame: gpd.GeoDataFrame, *, marking: Marking | None,
                           originator: str | None, source_package: str | None, source_signer: str | None,
                           at: datetime | None, prevalidated: pd.DataFrame | None,
                           encode: Callable[[np.ndarray], Any]) -> tuple[list[str], bool, np.ndarray,
                                                                         dict[str, Any], str]:
        """add_frame's checks and its columns as stored, the geometries made by ``encode`` (the
        backend's form): (uuids, whether the frame gave them, conformed geometries, columns, the
        time recorded). Shared by both backends (PostgisWorkspace.add_frame)."""
        kind = self.kind(layer)
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        values = self._field_values(kind, frame, prevalidated)
        geoms = np.asarray(frame.geometry.values, dtype=object)
        conformed = self._conform_many(kind, geoms, frame.index)
        n = len(frame)
        now = format_time(at or utc_now())
        default = marking or self.default_marking(layer)
        marking_cols = _marking_columns(frame, default)
        own_uuids = "uuid" in frame.columns
        if own_uuids:
            uuids = [str(u) if isinstance(u, str) and u else new_uuid() for u in frame["uuid"]]
        else:
            uuids = new_uuids(n)
        if len(set(uuids)) != n:
            raise ValidationError("the same uuid appears twice", layer=layer, field="uuid")
        if originator is None and "originator" in frame.columns:  # one originator a row
            orgs: Any = [o if isinstance(o, str) and o else self.organisation for o in frame["originator"]]
        else:
            orgs = repeat(originator if originator is not None else self.organisation)
        columns: dict[str, Any] = {"geom": encode(conformed)}
        for f in kind.fields:
            if values[f.name].notna().any():  # all-null columns stay out of the statement
                columns[f.name] = _column_for_sql(values[f.name])
        # A re-imported export keeps the identity it carries (version, created, modified),
        # given per row: an import passes them only with the row's own uuid.
        columns.update({"uuid": uuids, "version": _given_identity(frame, "version", 1), "originator": orgs,
                        "created": _given_identity(frame, "created", now),
                        "modified": _given_identity(frame, "modified", now)})
        columns.update(zip(schema.MARKING_NAMES, marking_cols, strict=True))
        if source_package is not None:
            columns.update({"source_package": repeat(source_package), "source_signer": repeat(source_signer)})
        elif "source_package" in frame.columns or "source_signer" in frame.columns:  # provenance a file carried
            columns.update({c: _given_identity(frame, c, None) for c in ("source_package", "source_signer")})
        return uuids, own_uuids, conformed, columns, now

    def _put_frame_columns(self, layer: str, frame: gpd.GeoDataFrame, *, source_package: str | None,
                           source_signer: str | None, prevalidated: pd.DataFrame | None,
                           encode: Callable[[np.ndarray], Any]) -> tuple[list[str], np.ndarray,
                                                                         dict[str, list[Any]]]:
        """put_frame's checks and its columns as stored, the geometries made by ``encode``:
        (uuids, conformed geometries, columns). Shared by both backends."""
        kind = self.kind(layer)
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        values = self._field_values(kind, frame, prevalidated)
        _check_marking_columns(frame, layer)
        conformed = self._conform_many(kind, np.asarray(frame.geometry.values, dtype=object), frame.index)
        uuids = [str(u) for u in frame["uuid"]]
        if len(set(uuids)) != len(uuids):
            raise ValidationError("the same uuid appears twice", layer=layer, field="uuid")
        columns: dict[str, list[Any]] = {"geom": encode(conformed)}
        for f in kind.fields:
            columns[f.name] = _column_for_sql(values[f.name])
        columns["uuid"] = uuids
        columns["version"] = [int(v) for v in frame["version"]]
        for c in ("originator", "created", "modified", *schema.MARKING_NAMES):
            col = frame[c]
            columns[c] = (_column_for_sql(col) if pd.api.types.is_datetime64_any_dtype(col.dtype)
                          else col.astype(object).where(col.notna(), None).tolist())
        n = len(uuids)
        columns["source_package"] = [source_package] * n
        columns["source_signer"] = [source_signer] * n
        return uuids, conformed, columns

    def _field_values(self, kind: LayerKind, frame: pd.DataFrame, prevalidated: pd.DataFrame | None) -> pd.DataFrame:
        """The kind's fields of ``frame`` coerced by validate_frame: the caller's result when
        it already ran it (row for row), else run here; the first problem is raised."""
        if prevalidated is not None and len(prevalidated) == len(frame) and \
                list(prevalidated.columns) == kind.field_names:
            return prevalidated.set_axis(frame.index)
        values, problems = validate_frame(kind, frame)
        if problems:
            p = problems[0]
            raise ValidationError(p.reason, layer=kind.name, feature=p.row, field=p.field)
        return values

    def _checked_geometry(self, kind: LayerKind, geometry: Any, uuid: str | None) -> tuple[Any, str | None]:
        try:
            return conform_geometry(kind, geometry)
        except ValidationError as exc:
            raise ValidationError(exc.reason, layer=kind.name, feature=uuid, field="geometry") from None

    def _conform_many(self, kind: LayerKind, geoms: np.ndarray, index: pd.Index) -> np.ndarray:
        """conform_geometry for a whole array: the common case (valid, right type) is
        checked vectorised; only the rest goes through the per-feature path."""
        type_ids = shapely.get_type_id(geoms)
        target = {"Point": 0, "LineString": 1, "MultiPolygon": 6}[kind.geometry]
        coords_ok = np.zeros(len(geoms), dtype=bool)
        ok = (type_ids == target) & ~shapely.is_empty(geoms) & ~shapely.has_z(geoms)
        if ok.any():
            bounds = shapely.bounds(geoms[ok])
            coords_ok[ok] = (np.isfinite(bounds).all(axis=1) & (bounds[:, 0] >= -180)
                             & (bounds[:, 2] <= 180) & (bounds[:, 1] >= -90) & (bounds[:, 3] <= 90))
            if target != 0:
                coords_ok[ok] &= shapely.is_valid(geoms[ok])
        out = geoms.copy()
        for i in np.flatnonzero(~coords_ok):
            try:
                out[i], _ = conform_geometry(kind, geoms[i])
            except ValidationError as exc:
                raise ValidationError(exc.reason, layer=kind.name, feature=index[i],
                                      field="geometry") from None
        return out

    def _existing_uuids(self, layer: str, uuids: list[str]) -> list[str]:
        return [r[0] for r in select_in(self.connection, f'SELECT uuid FROM "{layer}" WHERE uuid IN ({{marks}})',
                                        uuids)]

    def _last_version(self, layer: str, uuid: str) -> int:
        row = self.connection.execute(
            "SELECT max(version) FROM humanops_history WHERE layer = ? AND uuid = ?",
            (layer, uuid)).fetchone()
        return int(row[0] or 0)

    def _feature_from_row(self, layer: str, fid: int, geometry: Any, row: tuple) -> Feature:
        kind = self.kind(layer)
        values = dict(zip(self._columns[layer], row, strict=True))
        props = {}
        for spec in kind.fields:
            value = values[spec.name]
            if value is not None:
                if spec.type == "boolean":
                    value = bool(value)
                elif spec.type == "datetime":
                    value = parse_time(value)
                elif spec.type == "date":
                    value = date.fromisoformat(str(value)[:10])
            props[spec.name] = value
        return Feature(
            kind=layer, geometry=geometry, properties=props,
            marking=Marking.from_columns(values), uuid=values["uuid"],
            version=int(values["version"]), originator=values["originator"] or "",
            created=parse_time(values["created"]), modified=parse_time(values["modified"]),
            source_package=values["source_package"], source_signer=values["source_signer"],
            fid=fid)

    def _row_values(self, feature: Feature) -> list[Any]:
        kind = self.kind(feature.kind)
        marking = feature.marking.to_columns()
        values = [_sql_value(feature.properties.get(f.name)) for f in kind.fields]
        values += [feature.uuid, feature.version, feature.originator,
                   format_time(feature.created), format_time(feature.modified)]
        values += [marking["tlp"], marking["releasable_to"], marking["caveats"],
                   marking["expires"], marking["precision"]]
        values += [feature.source_package, feature.source_signer]
        return values

    def _insert_row(self, feature: Feature) -> None:
        cols = ["geom", *self._columns[feature.kind]]
        self.connection.execute(
            f'INSERT INTO "{feature.kind}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
            f'VALUES ({", ".join("?" * len(cols))})',
            [gpkg_geometry.encode(feature.geometry), *self._row_values(feature)])
        self._grow_extent(feature.kind, feature.geometry.bounds)

    def _unversioned_next(self, layer: str, uuids: Iterable[str]) -> None:
        """Make the next update of these rows invisible to the external-edit trigger, which
        versions an edit that leaves the version as it was (another tool's): the version is
        made negative here, and that update sets it (the stored one, or minus it again)."""
        self.connection.executemany(f'UPDATE "{layer}" SET version = -version WHERE uuid = ?', [(u,) for u in uuids])

    def _update_row(self, feature: Feature) -> None:
        cols = ["geom", *self._columns[feature.kind]]
        assignments = ", ".join(f'"{c}" = ?' for c in cols)
        self._unversioned_next(feature.kind, [feature.uuid])
        self.connection.execute(
            f'UPDATE "{feature.kind}" SET {assignments} WHERE uuid = ?',
            [gpkg_geometry.encode(feature.geometry), *self._row_values(feature), feature.uuid])
        self._grow_extent(feature.kind, feature.geometry.bounds)

    def _archive(self, feature: Feature, superseded: datetime) -> None:
        self.connection.execute(
            "INSERT INTO humanops_history (layer, uuid, version, deleted, originator, created, "
            "modified, superseded, geom_wkb, properties, marking, source_package, source_signer) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (feature.kind, feature.uuid, feature.version, int(feature.deleted), feature.originator,
             format_time(feature.created), format_time(feature.modified), format_time(superseded),
             None if feature.geometry is None else shapely.to_wkb(feature.geometry),
             json.dumps(feature.properties, default=_json_default),
             json.dumps(feature.marking.to_columns()), feature.source_package,
             feature.source_signer))

    def _log(self, layer: str, uuid: str, version: int, op: str, at: datetime) -> None:
        self.connection.execute(
            "INSERT INTO humanops_changes (layer, uuid, version, op, at) VALUES (?, ?, ?, ?, ?)",
            (layer, uuid, version, op, format_time(at)))
        self.connection.execute(
            "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?",
            (format_time(at), layer))

    _archive_one = _archive
    _log_one = _log

    def _grow_extent(self, layer: str, bounds: Any) -> None:
        minx, miny, maxx, maxy = (float(b) for b in bounds)
        if not np.isfinite([minx, miny, maxx, maxy]).all():
            return
        self.connection.execute(
            "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), "
            "min_y = min(coalesce(min_y, ?), ?), max_x = max(coalesce(max_x, ?), ?), "
            "max_y = max(coalesce(max_y, ?), ?), last_change = ? WHERE table_name = ?",
            (minx, minx, miny, miny, maxx, maxx, maxy, maxy, format_time(utc_now()), layer))


def _given_identity(frame: pd.DataFrame, name: str, default: Any) -> list[Any] | repeat:
    """A column of ``frame`` as stored (datetimes in the GeoPackage form), ``default`` where
    empty or absent."""
    if name not in frame.columns:
        return repeat(default)
    out: list[Any] = []
    for value in frame[name].tolist():
        if value is None or value is pd.NaT or (isinstance(value, float) and value != value) or value == "":
            out.append(default)
        elif name == "version":
            out.append(int(value))
        elif name in ("created", "modified"):
            out.append(format_time(parse_time(value)))
        else:
            out.append(str(value))
    return out


def _history_geometry(blob: bytes | None) -> Any:
    """History holds WKB (our edits) or a GeoPackage blob (other tools' edits, by trigger)."""
    if not blob:
        return None
    return gpkg_geometry.decode(blob) if bytes(blob[:2]) == b"GP" else shapely.from_wkb(blob)


def _column_for_sql(series: pd.Series) -> list[Any]:
    """A validated column as a list of sqlite-ready values, converted at once."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        text = series.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str.slice(0, 23) + "Z"
        return [None if pd.isna(v) else v for v in text.tolist()]
    if isinstance(series.dtype, pd.Int64Dtype) or series.dtype == float:
        if not series.isna().any():  # the common case, without the object detour
            return series.to_numpy(dtype=np.int64 if series.dtype != float else float).tolist()
        return series.astype(object).where(series.notna(), None).tolist()
    if series.dtype == object:
        values = series.tolist()
        if set(map(type, values)) <= {str, type(None)}:  # text: as it is
            return values
        if not series.map(type).isin((bool, np.bool_, date, datetime)).any():
            return series.where(series.notna(), None).tolist()
    return [_sql_value(v) for v in series.tolist()]


def _marking_columns(frame: pd.DataFrame, default: Marking) -> list[Iterable[Any]]:
    """tlp, releasable_to, caveats, expires, precision per row: the frame's own marking
    columns where given, the default marking elsewhere (repeated: written once, not a row).
    Each distinct marking is parsed (so checked, and normalised) once, however many rows
    carry it."""
    base = default.to_columns()
    names = ("tlp", "releasable_to", "caveats", "expires", "precision")
    if not any(c in frame.columns for c in names):
        return [repeat(base[c]) for c in names]
    given = pd.DataFrame(index=frame.index)
    for c in names:
        column = frame[c].astype(object) if c in frame.columns else pd.Series(None, index=frame.index, dtype=object)
        empty = column.isna() | column.map(lambda v: isinstance(v, str) and v == "")
        given[c] = column.where(~empty, base[c]).map(_hashable)
    codes, distinct = pd.factorize(pd.MultiIndex.from_frame(given))
    parsed: list[dict[str, Any]] = []
    for j, combo in enumerate(distinct):
        try:
            parsed.append(Marking.from_columns(dict(zip(names, combo, strict=True))).to_columns())
        except ValidationError as exc:
            label = frame.index[int(np.flatnonzero(codes == j)[0])]
            raise ValidationError(exc.reason, feature=label, field=exc.field) from None
    return [[parsed[k][c] for k in codes] for c in names]


def _hashable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, pd.Timestamp | datetime):
        return format_time(value)
    return value


def marking_errors(frame: pd.DataFrame) -> list[ValidationError | None]:
    """Per row of ``frame``, why its stored marking (tlp, releasable_to, caveats, expires,
    precision) does not parse, or None; each distinct combination is parsed once, not per row."""
    names = list(schema.MARKING_NAMES)
    markings = frame[names].astype(object).where(frame[names].notna(), None)
    verdicts: dict[tuple, ValidationError | None] = {}
    errors: list[ValidationError | None] = []
    for key in markings.itertuples(index=False, name=None):
        if key not in verdicts:
            try:
                Marking.from_columns(dict(zip(names, key, strict=True)))
                verdicts[key] = None
            except ValidationError as exc:
                verdicts[key] = exc
        errors.append(verdicts[key])
    return errors


def _check_marking_columns(frame: pd.DataFrame, layer: str) -> None:
    """Every marking of ``frame`` must parse: the first that does not is raised."""
    missing = [c for c in schema.MARKING_NAMES if c not in frame.columns]
    if missing:
        raise ValidationError("marking column missing", layer=layer, field=missing[0])
    for label, error in zip(frame.index, marking_errors(frame), strict=True):
        if error is not None:
            raise ValidationError(error.reason, layer=layer, feature=label, field=error.field)


_FILE_LOCKS: dict[str, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> threading.RLock:
    """One lock per workspace file in this process, shared by every Workspace open on it: held
    by every write transaction and by GDAL's writes to the file, so they never overlap (GDAL's
    own copy of SQLite would play our rollback journal back). Why, and who waits for whom:
    docs/architecture.md, section 3 (R3, R4)."""
    key = str(Path(path).resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.RLock())


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    gpkg_geometry.register_functions(connection)
    # Not WAL: GDAL (pyogrio) links its own copy of SQLite, and when it opens and closes the
    # file in this process it removes a WAL our connection still uses (POSIX locks are per
    # process), so later edits went to an unlinked file and reads came back stale. With a
    # rollback journal there is no shared WAL state, and we never write while GDAL has the file
    # open (both happen under the workspace lock). Measured: an edit still commits in ~1.5 ms.
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MB: bulk writes touch many index pages
    return connection


def _checkpoint_and_detach(connection: sqlite3.Connection) -> None:
    """Leave the file in rollback-journal mode (folding back a WAL another tool may have
    left), so the GeoPackage is a single self-contained file (copyable, QGIS-readable)."""
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # another reader holds the WAL open: it will be checkpointed by the last closer
    connection.close()


def _create_layer_tables(path: Path, catalog: Catalog) -> None:
    """Let GDAL create each layer table (contents, geometry column, R-tree, triggers)."""
    import pyogrio

    for kind in catalog:
        empty = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=4326))
        pyogrio.write_dataframe(
            empty, path, layer=kind.name, driver="GPKG", geometry_type=kind.geometry,
            dataset_options=gpkg_conformance.GDAL_DATASET_OPTIONS,
            layer_options={"DESCRIPTION": kind.title, "IDENTIFIER": kind.title,
                           **gpkg_conformance.gdal_layer_options()},
            append=path.exists(),
        )
