"""The Workspace: one GeoPackage file holding every layer and the app's own tables.

Bulk reads go through pyogrio (GDAL); edits go through one sqlite3 connection in rollback-
journal mode with ``synchronous=FULL``: every edit is one transaction that bumps the feature's version,
moves the previous version to ``humanops_history``, logs the change in ``humanops_changes``
and keeps the R-tree in step (GDAL's triggers, with the ST_* functions registered here).
A crash loses at most the transaction in flight; the file is never left half-written.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.catalog import Catalog, LayerKind, load_catalog
from humanops.errors import ValidationError, WorkspaceError
from humanops.fileperms import make_private
from humanops.model.feature import Feature, new_uuid, new_uuids
from humanops.model.marking import Marking, format_time, parse_time, utc_now
from humanops.model.validation import conform_geometry, merge_properties, validate_frame, validate_properties
from humanops.store import gpkg_geometry, schema
from humanops.store.sql_in import select_in

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10400  # GeoPackage 1.4, as GDAL 3.12 writes


@dataclass(frozen=True)
class WorkspaceChange:
    """What a committed transaction changed in one layer: for views to refresh."""

    layer: str
    uuids: tuple[str, ...]
    op: str  # insert | update | delete | bulk


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


class Workspace:
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
        beside ``path`` and renamed into place, so a failed create leaves nothing behind. The
        file is owner-only (0600; it will hold our sealed keys): GDAL creates it with the
        umask's mode, inside a folder only we can enter (0700), and it is narrowed there."""
        path = Path(path)
        catalog = catalog or load_catalog()
        if path.exists() and not overwrite:
            raise WorkspaceError("already exists (choose another name)", file=str(path))
        if not path.parent.exists():
            raise WorkspaceError("folder does not exist", file=str(path.parent))
        folder = Path(tempfile.mkdtemp(prefix=".humanops-", dir=path.parent))
        tmp = folder / "new.gpkg"  # GDAL wants the .gpkg extension, whatever ``path`` has
        try:
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
            os.replace(tmp, path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return cls.open(path, catalog=catalog)

    @classmethod
    def open(cls, path: str | Path, *, catalog: Catalog | None = None) -> Workspace:
        path = Path(path)
        if not path.is_file():
            raise WorkspaceError("no such workspace file", file=str(path))
        catalog = catalog or load_catalog()
        try:
            connection = _connect(path)
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(f"not a GeoPackage ({exc})", file=str(path)) from None
        if app_id != GPKG_APPLICATION_ID or "gpkg_contents" not in tables:
            connection.close()
            raise WorkspaceError("not a GeoPackage", file=str(path))
        if "humanops_meta" not in tables:
            connection.close()
            raise WorkspaceError("a GeoPackage, but not a HumanOps workspace (import it "
                                 "instead: humanops import FILE)", file=str(path))
        workspace = cls(path, connection, catalog)
        version = int(workspace.get_meta("schema_version") or 0)
        if version > schema.SCHEMA_VERSION:
            connection.close()
            raise WorkspaceError(
                f"made by a newer HumanOps (schema {version}; this one reads up to "
                f"{schema.SCHEMA_VERSION})", file=str(path))
        workspace._ensure_layers(tables)
        workspace._ensure_triggers()
        return workspace

    def _ensure_layers(self, tables: set[str]) -> None:
        """Kinds added to the catalog since the file was made get their (empty) table."""
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
        """Files made before the external-edit triggers existed get them (idempotent)."""
        names = {r[0] for r in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        missing = [k for k in self.catalog if f"humanops_{k.name}_external_update" not in names]
        if missing:
            with self.transaction():
                for kind in missing:
                    schema.install_external_edit_triggers(self.connection, kind)

    def close(self) -> None:
        """Close the file; it is whole on its own afterwards (copy it, send it, open it in QGIS)."""
        with self._lock:
            if self._db is None:
                return
            _checkpoint_and_detach(self._db)
            self._db = None  # type: ignore[assignment]

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The workspace's sqlite3 connection, for the store's sibling modules (sharing
        tables, audit log). Use inside :meth:`transaction`."""
        if self._db is None:
            raise WorkspaceError("the workspace is closed", file=str(self.path))
        return self._db

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

    def count(self, layer: str) -> int:
        self.kind(layer)
        return self.connection.execute(f'SELECT count(*) FROM "{layer}"').fetchone()[0]

    def read_layer(self, layer: str, *, bbox: tuple[float, float, float, float] | None = None,
                   where: str | None = None, columns: list[str] | None = None,
                   at: datetime | None = None) -> gpd.GeoDataFrame:
        """The layer as a GeoDataFrame (EPSG:4326), indexed by ``fid``.

        ``at`` keeps only features valid at that time (the kind's time window); ``where`` is
        an OGR SQL filter. Bulk read through pyogrio.
        """
        import pyogrio

        kind = self.kind(layer)
        clauses = [where] if where else []
        if at is not None:
            stamp = format_time(at)
            if kind.time_start:
                clauses.append(f"({kind.time_start} IS NULL OR {kind.time_start} <= '{stamp}')")
            if kind.time_end:
                clauses.append(f"({kind.time_end} IS NULL OR {kind.time_end} >= '{stamp}')")
        with self._lock:
            frame = pyogrio.read_dataframe(
                self.path, layer=layer, bbox=bbox, where=" AND ".join(clauses) or None,
                columns=columns, fid_as_index=True,
            )
        if frame.crs is None:
            frame = frame.set_crs(4326)
        return frame

    def get_feature(self, layer: str, uuid: str) -> Feature:
        row = self._row(layer, uuid)
        if row is None:
            raise WorkspaceError("no such feature", layer=layer, feature=uuid)
        return self._feature_from_row(layer, row)

    def find_feature(self, layer: str, uuid: str) -> Feature | None:
        row = self._row(layer, uuid)
        return None if row is None else self._feature_from_row(layer, row)

    def features(self, layer: str, uuids: Iterable[str] | None = None) -> list[Feature]:
        """Features as model objects (for exchange and forms; use read_layer for bulk work)."""
        cols = ", ".join(f'"{c}"' for c in self._columns[layer])
        sql = f'SELECT fid, geom, {cols} FROM "{layer}"'
        if uuids is None:
            rows = self.connection.execute(sql).fetchall()
        else:
            rows = select_in(self.connection, sql + " WHERE uuid IN ({marks})", uuids)
        return [self._feature_from_row(layer, r) for r in rows]

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

    def last_change_seq(self) -> int:
        row = self.connection.execute("SELECT max(seq) FROM humanops_changes").fetchone()
        return int(row[0] or 0)

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
        """Layers with counts, extents, validity and marking summaries (``humanops info``)."""
        layers: dict[str, Any] = {}
        for kind in self.catalog:
            name = kind.name
            count = self.count(name)
            extent = None
            if count:
                row = self.connection.execute(
                    f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{name}_geom"'
                ).fetchone()
                extent = list(row) if row[0] is not None else None
            tlp = dict(self.connection.execute(
                f'SELECT tlp, count(*) FROM "{name}" GROUP BY tlp ORDER BY tlp').fetchall())
            entry: dict[str, Any] = {"title": kind.title, "geometry": kind.geometry,
                                     "count": count, "extent": extent, "tlp": tlp}
            expired = self.connection.execute(
                f'SELECT count(*) FROM "{name}" WHERE expires IS NOT NULL AND expires < ?',
                (format_time(utc_now()),)).fetchone()[0]
            entry["expired_markings"] = expired
            if kind.time_start:
                lo, hi = self.connection.execute(
                    f'SELECT min("{kind.time_start}"), max("{kind.time_end or kind.time_start}") '
                    f'FROM "{name}"').fetchone()
                entry["time_range"] = [lo, hi]
            layers[name] = entry
        return {
            "workspace": str(self.path),
            "workspace_id": self.workspace_id,
            "organisation": self.organisation,
            "schema_version": int(self.get_meta("schema_version") or 0),
            "created": self.get_meta("created"),
            "layers": layers,
            "history_versions": self.connection.execute(
                "SELECT count(*) FROM humanops_history").fetchone()[0],
            "last_change_seq": self.last_change_seq(),
        }

    # --- single-feature edits ------------------------------------------------------------
    def add_feature(self, layer: str, geometry: Any, properties: dict[str, Any],
                    marking: Marking | None = None, *, uuid: str | None = None,
                    originator: str | None = None) -> Feature:
        """Create a feature (version 1, or the next version if ``uuid`` was deleted before:
        undo of a delete). Validates fields and geometry against the kind first."""
        kind = self.kind(layer)
        props = validate_properties(kind, properties)
        geom, _ = self._checked_geometry(kind, geometry, uuid)
        now = utc_now()
        with self.transaction():
            uid = uuid or new_uuid()
            if self._row(layer, uid) is not None:
                raise WorkspaceError("a feature with this uuid exists already", layer=layer, feature=uid)
            version = self._last_version(layer, uid) + 1
            feature = Feature(
                kind=layer, geometry=geom, properties=props,
                marking=marking or self.default_marking(layer),
                uuid=uid, version=version, originator=originator or self.organisation,
                created=now, modified=now)
            self._insert_row(feature)
            self._log(layer, uid, version, "insert", now)
            self._pending.append(WorkspaceChange(layer, (uid,), "insert"))
        return self.get_feature(layer, uid)

    def update_feature(self, layer: str, uuid: str, *, geometry: Any = None,
                       properties: dict[str, Any] | None = None, marking: Marking | None = None,
                       expected_version: int | None = None) -> Feature:
        """Change some of a feature's geometry, fields and marking; returns the new version.
        ``expected_version`` refuses the edit if someone else changed the feature meanwhile."""
        kind = self.kind(layer)
        with self.transaction():
            current = self.get_feature(layer, uuid)
            if expected_version is not None and current.version != expected_version:
                raise WorkspaceError(
                    f"was changed meanwhile (now version {current.version}, edit was made on "
                    f"version {expected_version})", layer=layer, feature=uuid)
            props = merge_properties(kind, current.properties, properties)
            geom = current.geometry
            if geometry is not None:
                geom, _ = self._checked_geometry(kind, geometry, uuid)
            now = utc_now()
            updated = current.with_changes(
                geometry=geom, properties=props, marking=marking or current.marking,
                version=current.version + 1, modified=now)
            self._archive(current, now)
            self._update_row(updated)
            self._log(layer, uuid, updated.version, "update", now)
            self._pending.append(WorkspaceChange(layer, (uuid,), "update"))
        return self.get_feature(layer, uuid)

    def delete_feature(self, layer: str, uuid: str, *, expected_version: int | None = None) -> Feature:
        """Delete a feature: its last version goes to history, and a tombstone is recorded
        so partners receive the deletion. Returns the tombstone."""
        with self.transaction():
            current = self.get_feature(layer, uuid)
            if expected_version is not None and current.version != expected_version:
                raise WorkspaceError(
                    f"was changed meanwhile (now version {current.version})", layer=layer,
                    feature=uuid)
            now = utc_now()
            tombstone = current.with_changes(version=current.version + 1, modified=now,
                                             deleted=True, geometry=None, properties={})
            self._archive(current, now)
            self._archive(tombstone, now)
            self.connection.execute(f'DELETE FROM "{layer}" WHERE uuid = ?', (uuid,))
            self._log(layer, uuid, tombstone.version, "delete", now)
            self._pending.append(WorkspaceChange(layer, (uuid,), "delete"))
        return tombstone

    def put_feature(self, feature: Feature) -> None:
        """Store exactly this state of a feature, identity and version included (a merge of a
        partner's newer version, or a tombstone). The caller decides that it wins."""
        kind = self.kind(feature.kind)
        layer = feature.kind
        with self.transaction():
            current = self.find_feature(layer, feature.uuid)
            now = utc_now()
            if current is not None:
                self._archive(current, now)
            if feature.deleted:
                self._archive(feature, now)
                if current is not None:
                    self.connection.execute(f'DELETE FROM "{layer}" WHERE uuid = ?', (feature.uuid,))
                op = "delete"
            else:
                props = validate_properties(kind, feature.properties)
                geom, _ = self._checked_geometry(kind, feature.geometry, feature.uuid)
                feature = feature.with_changes(properties=props, geometry=geom)
                if current is None:
                    self._insert_row(feature)
                    op = "insert"
                else:
                    self._update_row(feature)
                    op = "update"
            self._log(layer, feature.uuid, feature.version, op, now)
            self._pending.append(WorkspaceChange(layer, (feature.uuid,), op))

    def restrict_marking(self, layer: str, uuid: str, marking: Marking) -> None:
        """Set a partner's feature's marking here without making a new version: the version
        stays its originator's (what it signed); the stricter marking governs only what we
        pass on (humanops.sharing.marking_ops.set_marking decides it is stricter)."""
        with self.transaction() as db:
            self.get_feature(layer, uuid)
            columns = marking.to_columns()
            self._unversioned_next(layer, [uuid])
            db.execute(f'UPDATE "{layer}" SET version = -version, ' + ", ".join(f'"{c}" = ?' for c in columns)
                       + " WHERE uuid = ?", [*columns.values(), uuid])
            self._pending.append(WorkspaceChange(layer, (uuid,), "update"))

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
        blobs = gpkg_geometry.encode_many(conformed)
        if originator is None and "originator" in frame.columns:  # one originator a row
            orgs: Any = [o if isinstance(o, str) and o else self.organisation for o in frame["originator"]]
        else:
            orgs = repeat(originator if originator is not None else self.organisation)
        columns: dict[str, Any] = {"geom": blobs}
        for f in kind.fields:
            if values[f.name].notna().any():  # all-null columns stay out of the statement
                columns[f.name] = _column_for_sql(values[f.name])
        columns.update({"uuid": uuids, "version": repeat(1), "originator": orgs,
                        "created": repeat(now), "modified": repeat(now)})
        columns.update(zip(("tlp", "releasable_to", "caveats", "expires", "precision"), marking_cols,
                           strict=True))
        if source_package is not None:
            columns.update({"source_package": repeat(source_package), "source_signer": repeat(source_signer)})
        rows = zip(*columns.values(), strict=False)
        sql = (f'INSERT INTO "{layer}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
               f'VALUES ({", ".join("?" * len(columns))})')
        with self.transaction():
            if own_uuids:  # freshly generated random UUIDs cannot collide; given ones might
                existing = self._existing_uuids(layer, uuids)
                if existing:
                    raise WorkspaceError("a feature with this uuid exists already", layer=layer,
                                         feature=existing[0])
            last_fid = self.connection.execute(f'SELECT coalesce(max(fid), 0) FROM "{layer}"').fetchone()[0]
            self._bulk_insert(layer, sql, rows, shapely.bounds(conformed))
            # one statement, no per-row binding: the new rows are those past the old last fid
            self.connection.execute(
                "INSERT INTO humanops_changes (layer, uuid, version, op, at) "
                f'SELECT ?, uuid, 1, \'insert\', ? FROM "{layer}" WHERE fid > ? ORDER BY fid',
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
        kind = self.kind(layer)
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        values = self._field_values(kind, frame, prevalidated)
        _check_marking_columns(frame, layer)
        conformed = self._conform_many(kind, np.asarray(frame.geometry.values, dtype=object), frame.index)
        uuids = [str(u) for u in frame["uuid"]]
        if len(set(uuids)) != len(uuids):
            raise ValidationError("the same uuid appears twice", layer=layer, field="uuid")
        columns: dict[str, list[Any]] = {"geom": gpkg_geometry.encode_many(conformed)}
        for f in kind.fields:
            columns[f.name] = _column_for_sql(values[f.name])
        columns["uuid"] = uuids
        columns["version"] = [int(v) for v in frame["version"]]
        for c in ("originator", "created", "modified", "tlp", "releasable_to", "caveats", "expires", "precision"):
            col = frame[c]
            columns[c] = (_column_for_sql(col) if pd.api.types.is_datetime64_any_dtype(col.dtype)
                          else col.astype(object).where(col.notna(), None).tolist())
        n = len(uuids)
        columns["source_package"] = [source_package] * n
        columns["source_signer"] = [source_signer] * n
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
                rows: Any = zip(*(columns[c] for c in names), strict=True)
                if not new.all():
                    rows = (row for row, is_new in zip(rows, new, strict=True) if is_new)
                sql = (f'INSERT INTO "{layer}" ({", ".join(chr(34) + c + chr(34) for c in names)}) '
                       f'VALUES ({", ".join("?" * len(names))})')
                self._bulk_insert(layer, sql, rows, bounds[new])
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

    def _bulk_insert(self, layer: str, sql: str, rows: Iterable[tuple], bounds: np.ndarray) -> None:
        """Insert rows and index them in one go. GDAL's R-tree insert trigger would call our
        ST_* functions five times a row; inside the transaction we set it aside, fill the
        R-tree from the bounds we already have, and put the trigger back (SQLite DDL is
        transactional: a failure or crash restores the trigger with everything else)."""
        db = self.connection
        trigger = f"rtree_{layer}_geom_insert"
        row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                         (trigger,)).fetchone()
        last_fid = db.execute(f'SELECT coalesce(max(fid), 0) FROM "{layer}"').fetchone()[0]
        if row is not None:
            db.execute(f'DROP TRIGGER "{trigger}"')
        db.executemany(sql, rows)
        if row is not None:
            fids = [r[0] for r in db.execute(f'SELECT fid FROM "{layer}" WHERE fid > ? ORDER BY fid',
                                             (last_fid,))]
            keep = np.isfinite(bounds).all(axis=1)
            fids_kept, bounds = np.asarray(fids)[keep], bounds[keep]
            # R-tree inserts are much faster in spatial order (locality in its nodes)
            order = np.lexsort((bounds[:, 0], np.floor(bounds[:, 1] * 20)))
            fids_kept, bounds = fids_kept[order], bounds[order]
            db.executemany(
                f'INSERT INTO "rtree_{layer}_geom" VALUES (?, ?, ?, ?, ?)',
                zip(fids_kept.tolist(), bounds[:, 0].tolist(), bounds[:, 2].tolist(),
                    bounds[:, 1].tolist(), bounds[:, 3].tolist(), strict=True))
            db.execute(row[0])

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

    def _row(self, layer: str, uuid: str) -> tuple | None:
        self.kind(layer)
        cols = ", ".join(f'"{c}"' for c in self._columns[layer])
        return self.connection.execute(
            f'SELECT fid, geom, {cols} FROM "{layer}" WHERE uuid = ?', (uuid,)).fetchone()

    def _existing_uuids(self, layer: str, uuids: list[str]) -> list[str]:
        return [r[0] for r in select_in(self.connection, f'SELECT uuid FROM "{layer}" WHERE uuid IN ({{marks}})',
                                        uuids)]

    def _last_version(self, layer: str, uuid: str) -> int:
        row = self.connection.execute(
            "SELECT max(version) FROM humanops_history WHERE layer = ? AND uuid = ?",
            (layer, uuid)).fetchone()
        return int(row[0] or 0)

    def _feature_from_row(self, layer: str, row: tuple) -> Feature:
        kind = self.kind(layer)
        fid, blob = row[0], row[1]
        values = dict(zip(self._columns[layer], row[2:], strict=True))
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
            kind=layer, geometry=gpkg_geometry.decode(blob), properties=props,
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

    def _grow_extent(self, layer: str, bounds: Any) -> None:
        minx, miny, maxx, maxy = (float(b) for b in bounds)
        if not np.isfinite([minx, miny, maxx, maxy]).all():
            return
        self.connection.execute(
            "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), "
            "min_y = min(coalesce(min_y, ?), ?), max_x = max(coalesce(max_x, ?), ?), "
            "max_y = max(coalesce(max_y, ?), ?), last_change = ? WHERE table_name = ?",
            (minx, minx, miny, miny, maxx, maxx, maxy, maxy, format_time(utc_now()), layer))


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
    if isinstance(series.dtype, pd.Int64Dtype):
        return series.astype(object).where(series.notna(), None).tolist()
    if series.dtype == float:
        return series.astype(object).where(series.notna(), None).tolist()
    if series.dtype == object and not series.map(type).isin((bool, np.bool_, date, datetime)).any():
        return series.where(series.notna(), None).tolist()
    return [_sql_value(v) for v in series.tolist()]


def _marking_columns(frame: pd.DataFrame, default: Marking) -> list[list[Any]]:
    """tlp, releasable_to, caveats, expires, precision per row: the frame's own marking
    columns where given, the default marking elsewhere. Each distinct marking is parsed
    (so checked, and normalised) once, however many rows carry it."""
    n = len(frame)
    base = default.to_columns()
    names = ("tlp", "releasable_to", "caveats", "expires", "precision")
    if not any(c in frame.columns for c in names):
        return [[base[c]] * n for c in names]
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


def _check_marking_columns(frame: pd.DataFrame, layer: str) -> None:
    """Every distinct marking of ``frame`` (tlp, releasable_to, caveats, expires, precision
    as stored) must parse; checked once per distinct combination, not per row."""
    names = ("tlp", "releasable_to", "caveats", "expires", "precision")
    missing = [c for c in names if c not in frame.columns]
    if missing:
        raise ValidationError("marking column missing", layer=layer, field=missing[0])
    distinct = frame[list(names)].astype(object).where(frame[list(names)].notna(), None).drop_duplicates()
    for label, row in distinct.iterrows():
        try:
            Marking.from_columns(dict(row))
        except ValidationError as exc:
            raise ValidationError(exc.reason, layer=layer, feature=label, field=exc.field) from None


_FILE_LOCKS: dict[str, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> threading.RLock:
    """One lock per workspace file in this process, shared by every Workspace open on it.

    GDAL (pyogrio) links its own copy of SQLite. SQLite's locks are POSIX locks, which never
    conflict within one process, and each library copy keeps its own table of who holds what:
    if GDAL opened the file while one of our connections was writing, it would take our
    rollback journal for a crashed writer's and play it back, corrupting the file. So GDAL
    reads and our write transactions on the same file never overlap in this process, however
    many Workspace objects (the app's, its workers') are open on it."""
    key = str(Path(path).resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.RLock())


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    gpkg_geometry.register_functions(connection)
    # Not WAL: GDAL (pyogrio) links its own copy of SQLite, and when it opens and closes the
    # file in this process it removes a WAL our connection still uses (POSIX locks are per
    # process), so later edits went to an unlinked file and reads came back stale. With a
    # rollback journal there is no shared WAL state, and we never hold a lock while GDAL
    # reads (both happen under the workspace lock). Measured: an edit still commits in ~1.5 ms.
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
            layer_options={"DESCRIPTION": kind.title, "IDENTIFIER": kind.title},
            append=path.exists(),
        )
