"""``PostgisWorkspace``: the Workspace API over a PostgreSQL/PostGIS database (a team, a hub).

The same public API as :class:`humanops.store.workspace.Workspace` for layer data and metadata,
with the same validation (``model.validation``, the catalog) and the same history, change log
and markings; the database's triggers (:mod:`humanops.store.postgis.schema`) version every
client's edit, the app's included, refuse a stale one and announce each change with NOTIFY.

One psycopg connection in autocommit mode: a read outside :meth:`transaction` sees the last
commit of anyone; :meth:`transaction` is one database transaction (nesting: the outermost
commits) that first takes the write lock every writer takes, so it reads and writes the latest
state and its changes are numbered in commit order. Another session's changes arrive through
:meth:`poll_changes` (LISTEN on a connection of its own), as ``WorkspaceChange`` to the same
listeners the workspace's own commits reach. Which thread may use what, and who waits for the
write lock: docs/architecture.md, section 3 (R5).

The methods of ``Workspace`` that touch no SQL of their own (they go through ``self.reader``,
``self.rows``, ``self.get_meta``, ``self.transaction``, ``self.kind``) are the very same
functions here, not copies: see the class body. The single-feature edits are
:class:`humanops.store.feature_edits.FeatureEdits`, as on the GeoPackage, over this class's row
writes (``_write_new``, ``_write_edit``, ``_write_delete``, …), which leave versioning, history
and the change log to the triggers.
"""

from __future__ import annotations

import json
import threading
import uuid as uuid_module
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from itertools import repeat
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely

from humanops.catalog import Catalog, load_catalog
from humanops.errors import WorkspaceError
from humanops.model.feature import Feature
from humanops.model.marking import Marking, format_time, parse_time, utc_now
from humanops.store import schema as gpkg_schema
from humanops.store.feature_edits import FeatureEdits
from humanops.store.postgis import schema
from humanops.store.postgis.app_tables import PostgresSql
from humanops.store.postgis.layer_styles import META_KEY, STYLES_VERSION, write_layer_styles
from humanops.store.postgis.reader import PostgisReader
from humanops.store.postgis.schema import q
from humanops.store.workspace import (
    Workspace,
    WorkspaceChange,
    _json_default,
)


def display_url(url: str) -> str:
    """``url`` without its password (in the user part or as a ``password=`` parameter): what
    messages and logs may show."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = user.split(":", 1)[0] + "@" + host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"],
                      safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


CONNECT_TIMEOUT_S = 10


def connect(url: str) -> psycopg.Connection:
    """An autocommit connection to ``url`` in UTC; WorkspaceError naming the URL (never its
    password) when the server cannot be reached or refuses us."""
    # an unreachable host must not hang the caller (the app opens on the GUI thread) for libpq's
    # default of waiting forever; a URL or service that sets its own timeout keeps it
    wait = {} if "connect_timeout" in url else {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        connection = psycopg.connect(url, autocommit=True, **wait)
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise WorkspaceError(f"cannot connect to the database server ({reason})", file=display_url(url)) from None
    connection.execute("SET TIME ZONE 'UTC'")
    return connection


def has_postgis(connection: psycopg.Connection) -> bool:
    return connection.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is not None


def holds_workspace(connection: psycopg.Connection) -> bool:
    return connection.execute("SELECT to_regclass('humanops_meta') IS NOT NULL").fetchone()[0]  # type: ignore[index]


def drop_workspace(connection: psycopg.Connection, catalog: Catalog) -> None:
    """Drop a workspace's tables (its layers, the humanops_* tables, the tables a copy brought),
    inside the caller's transaction."""
    copied = None
    if holds_workspace(connection):
        copied = connection.execute("SELECT value FROM humanops_meta WHERE key = 'copied_tables'").fetchone()
    tables = [k.name for k in catalog] + (json.loads(copied[0]) if copied and copied[0] else [])
    tables += [r[0] for r in connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'humanops\\_%'")]
    for table in dict.fromkeys(tables):
        connection.execute(f"DROP TABLE IF EXISTS {q(table)} CASCADE")


def _stale_edit(exc: BaseException) -> WorkspaceError | None:
    """The project's error for a database refusal a user can cause, or None."""
    if not isinstance(exc, psycopg.Error) or exc.diag is None:
        return None
    if exc.sqlstate == schema.STALE_EDIT:
        try:
            detail = json.loads(exc.diag.message_detail or "{}")
        except ValueError:
            detail = {}
        return WorkspaceError(f"was changed meanwhile (now version {detail.get('stored')}, edit was made on "
                              f"version {detail.get('given')})", layer=detail.get("layer"), feature=detail.get("uuid"))
    if exc.sqlstate == "23505" and (exc.diag.constraint_name or "").endswith("_uuid_unique"):
        return WorkspaceError("a feature with this uuid exists already", layer=exc.diag.table_name)
    return None


def _pg_value(sql_type: str, value: Any) -> Any:
    """A GeoPackage-form value as a parameter of a PostgreSQL column of ``sql_type``."""
    if sql_type == "BOOLEAN" and value is not None:
        return bool(value)
    return value


def _ewkb_hex(geometries: np.ndarray) -> list[str | None]:
    """Hex EWKB with SRID 4326: what COPY reads into a ``geometry(…, 4326)`` column."""
    with_srid = shapely.set_srid(geometries, 4326)
    return list(shapely.to_wkb(with_srid, hex=True, include_srid=True))


class PostgisWorkspace(FeatureEdits):
    """A HumanOps workspace in a PostGIS database. Open with :meth:`open`, make with :meth:`create`."""

    # Backend-neutral methods of the GeoPackage Workspace, shared as they are (they reach the
    # database only through the methods this class defines)
    default_marking = Workspace.default_marking
    set_default_marking = Workspace.set_default_marking
    organisation = Workspace.organisation
    workspace_id = Workspace.workspace_id
    subscribe = Workspace.subscribe
    layers = Workspace.layers
    kind = Workspace.kind
    count = Workspace.count
    rows = Workspace.rows
    extent = Workspace.extent
    value_counts = Workspace.value_counts
    time_range = Workspace.time_range
    uuids = Workspace.uuids
    read_layer = Workspace.read_layer
    get_feature = Workspace.get_feature
    find_feature = Workspace.find_feature
    features = Workspace.features
    _field_values = Workspace._field_values
    _checked_geometry = Workspace._checked_geometry
    _conform_many = Workspace._conform_many
    _add_frame_columns = Workspace._add_frame_columns
    _put_frame_columns = Workspace._put_frame_columns
    _feature_from_row = Workspace._feature_from_row
    _row_values = Workspace._row_values

    def __init__(self, url: str, connection: psycopg.Connection, catalog: Catalog) -> None:
        self.url = url
        self.path = display_url(url)  # what messages name (the GeoPackage's is its file)
        self.catalog = catalog
        self._db: psycopg.Connection | None = connection
        self._lock = threading.RLock()
        self._depth = 0
        self._pending: list[WorkspaceChange] = []
        self._listeners: list[Callable[[WorkspaceChange], None]] = []
        self._listener: psycopg.Connection | None = None
        self._columns = {k.name: [c for c, _ in gpkg_schema.layer_columns(k)] for k in catalog}
        self._types = {k.name: dict(gpkg_schema.layer_columns(k)) for k in catalog}

    # --- life cycle ----------------------------------------------------------------------
    @classmethod
    def create(cls, url: str, *, organisation: str = "", overwrite: bool = False,
               catalog: Catalog | None = None) -> PostgisWorkspace:
        """A new, empty workspace in the database at ``url`` (PostGIS enabled there), made in one
        transaction: a failure leaves the database as it was. A database that holds a workspace
        already is refused unless ``overwrite`` (its workspace tables are dropped first)."""
        catalog = catalog or load_catalog()
        where = display_url(url)
        connection = connect(url)
        try:
            if not has_postgis(connection):
                raise WorkspaceError("PostGIS is not enabled in this database (its administrator runs "
                                     "CREATE EXTENSION postgis)", file=where)
            existing = holds_workspace(connection)
            if existing and not overwrite:
                raise WorkspaceError("the database holds a HumanOps workspace already (give --overwrite to "
                                     "replace it)", file=where)
            with connection.transaction():
                if existing:
                    drop_workspace(connection, catalog)
                taken = [k.name for k in catalog if connection.execute(
                    "SELECT to_regclass(%s) IS NOT NULL", (q(k.name),)).fetchone()[0]]  # type: ignore[index]
                if taken:
                    raise WorkspaceError(f"the database has a table named {taken[0]} that is not a HumanOps "
                                         "layer; use another database or schema", file=where)
                for statement in schema.create_statements(catalog):
                    connection.execute(statement)  # type: ignore[call-overload]
                write_layer_styles(connection, catalog)  # QGIS then carries the version its edits were made on
                meta = {
                    META_KEY: STYLES_VERSION,
                    "schema_version": str(schema.SCHEMA_VERSION), "backend": schema.BACKEND,
                    "triggers_version": schema.TRIGGERS_VERSION, "workspace_id": str(uuid_module.uuid4()),
                    "created": format_time(utc_now()), "organisation": organisation,
                }
                with connection.cursor() as cursor:
                    cursor.executemany("INSERT INTO humanops_meta (key, value) VALUES (%s, %s)", list(meta.items()))
        finally:
            connection.close()
        return cls.open(url, catalog=catalog)

    @classmethod
    def open(cls, url: str, *, catalog: Catalog | None = None) -> PostgisWorkspace:
        catalog = catalog or load_catalog()
        where = display_url(url)
        connection = connect(url)
        try:
            if not holds_workspace(connection):
                raise WorkspaceError("not a HumanOps workspace (make one with humanops init)", file=where)
            meta = dict(connection.execute(
                "SELECT key, value FROM humanops_meta WHERE key IN ('schema_version', 'triggers_version', %s)",
                (META_KEY,)).fetchall())
            if int(meta.get("schema_version") or 0) > schema.SCHEMA_VERSION:
                raise WorkspaceError("made by a newer HumanOps (update the app to open it)", file=where)
            workspace = cls(url, connection, catalog)
            workspace._ensure_layers(meta.get("triggers_version") != schema.TRIGGERS_VERSION)
            if meta.get(META_KEY) != STYLES_VERSION:  # a workspace made before: its QGIS styles
                try:
                    with workspace.transaction() as db:
                        write_layer_styles(db, catalog)
                        workspace.set_meta(META_KEY, STYLES_VERSION)
                except psycopg.errors.InsufficientPrivilege:  # a login that may not write: opens as it is
                    pass
        except BaseException:
            connection.close()
            raise
        return workspace

    def _ensure_layers(self, reinstall: bool) -> None:
        """Kinds added to the catalog since the workspace was made get their table, fields added
        since get their column; the triggers (which list the fields) follow, as do the functions
        when this version's differ."""
        reader = self.reader
        work: list[str] = list(schema.FUNCTIONS) if reinstall else []
        for kind in self.catalog:
            present = set(reader.table_columns(kind.name))
            if not present:
                work += schema.layer_table(kind) + schema.layer_triggers(kind)
            elif reinstall or not set(self._columns[kind.name]) <= present:
                work += schema.missing_columns(kind, present) + schema.layer_triggers(kind)
        if not work:
            return
        with self.transaction() as db:
            for statement in work:
                db.execute(statement)  # type: ignore[call-overload]
            self.set_meta("triggers_version", schema.TRIGGERS_VERSION)

    def close(self) -> None:
        with self._lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> PostgisWorkspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> psycopg.Connection:
        """The workspace's psycopg connection (autocommit outside :meth:`transaction`)."""
        if self._db is None:
            raise WorkspaceError("the workspace is closed", file=self.path)
        return self._db

    @property
    def sql(self) -> PostgresSql:
        """The SQL seam on :attr:`connection` (``store.sql_dialect``): ``?`` placeholders and the
        GeoPackage's value forms, for the engine modules that keep the app's own tables."""
        return PostgresSql(self.connection)

    @property
    def reader(self) -> PostgisReader:
        return PostgisReader(self.connection)

    # --- metadata ------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.connection.execute("SELECT value FROM humanops_meta WHERE key = %s", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO humanops_meta (key, value) VALUES (%s, %s) "
                       "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (key, value))

    # --- transactions --------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """All edits inside commit together or not at all; nests (the outermost commits). A
        stale edit the database refuses comes out as the WorkspaceError the GeoPackage gives."""
        with self._lock:
            db = self.connection
            if self._depth == 0:
                db.execute("BEGIN")
                db.execute("SELECT set_config(%s, 'app', true), pg_advisory_xact_lock(%s)",
                           (schema.WRITER, schema.WRITE_LOCK))
            self._depth += 1
            try:
                yield db
            except BaseException as exc:
                self._depth -= 1
                if self._depth == 0:
                    db.execute("ROLLBACK")
                    self._pending.clear()
                    mapped = _stale_edit(exc)
                    if mapped is not None:
                        raise mapped from None
                raise
            self._depth -= 1
            if self._depth == 0:
                db.execute("COMMIT")
                pending, self._pending = self._pending, []
                for change in pending:
                    for listener in list(self._listeners):
                        listener(change)

    @contextmanager
    def _writing_as(self, writer: str) -> Iterator[None]:
        """Inside a transaction: the triggers treat these writes as ``writer``'s (schema.WRITER)."""
        self.connection.execute("SELECT set_config(%s, %s, true)", (schema.WRITER, writer))
        yield
        self.connection.execute("SELECT set_config(%s, 'app', true)", (schema.WRITER,))

    # --- events --------------------------------------------------------------------------
    def notify(self, layer: str, uuids: tuple[str, ...], op: str) -> None:
        """Tell subscribers, here and in other sessions, after the commit, that something about
        these features changed outside the layer table (a proposal, a conflict)."""
        with self.transaction() as db:
            db.execute("SELECT humanops_notify(%s, %s, %s)", (layer, op, list(uuids)))
            self._pending.append(WorkspaceChange(layer, tuple(uuids), op))

    def announce(self, change: WorkspaceChange) -> None:
        """Give the subscribers a change another session committed, heard on a connection that
        is not this workspace's (the app's listening thread: ui/team_database.py)."""
        for listener in list(self._listeners):
            listener(change)

    def listen(self) -> None:
        """Start hearing other sessions' changes (a connection of its own, LISTENing)."""
        if self._listener is None:
            self._listener = connect(self.url)
            self._listener.execute(f"LISTEN {schema.NOTIFY_CHANNEL}")

    def poll_changes(self, timeout: float = 0.0) -> list[WorkspaceChange]:
        """Other sessions' committed changes announced since the last poll (waiting up to
        ``timeout`` seconds for the first), given to the subscribers too. Our own commits are
        not repeated (subscribers heard them at commit)."""
        self.listen()
        assert self._listener is not None
        own = self.connection.info.backend_pid
        changes: list[WorkspaceChange] = []
        wait = max(timeout, 0.001)
        while True:
            heard = list(self._listener.notifies(timeout=wait, stop_after=1))
            if not heard:
                break
            wait = 0.001
            for note in heard:
                if note.pid == own:
                    continue
                payload = json.loads(note.payload)
                changes.append(WorkspaceChange(payload["layer"], tuple(payload.get("uuids") or ()), payload["op"]))
        for change in changes:
            for listener in list(self._listeners):
                listener(change)
        return changes

    # --- history and change log ----------------------------------------------------------
    def history(self, layer: str, uuid: str) -> list[Feature]:
        """Earlier versions (and tombstones) of a feature, oldest first."""
        rows = self.connection.execute(
            "SELECT version, deleted, originator, humanops_time_text(created), humanops_time_text(modified), "
            "geom_wkb, properties, marking, "
            "source_package, source_signer FROM humanops_history WHERE layer = %s AND uuid = %s "
            "ORDER BY version, id", (layer, uuid)).fetchall()
        return [Feature(
            kind=layer, geometry=shapely.from_wkb(wkb) if wkb else None, properties=props or {},
            marking=Marking.from_columns(marking) if marking else Marking(), uuid=uuid, version=v,
            originator=orig or "", created=parse_time(created), modified=parse_time(modified), deleted=bool(deleted),
            source_package=pkg, source_signer=signer)
            for v, deleted, orig, created, modified, wkb, props, marking, pkg, signer in rows]

    def tombstones(self, layer: str | None = None, since_seq: int = 0) -> list[Feature]:
        """Deletions logged after change ``since_seq`` (for incremental exports)."""
        sql = ("SELECT h.layer, h.uuid, h.version, h.originator, humanops_time_text(h.modified), h.marking "
               "FROM humanops_changes c JOIN humanops_history h ON c.layer = h.layer AND c.uuid = h.uuid "
               "AND c.version = h.version WHERE c.op = 'delete' AND h.deleted AND c.seq > %s")
        params: list[Any] = [since_seq]
        if layer:
            sql += " AND c.layer = %s"
            params.append(layer)
        return [Feature(kind=lyr, geometry=None, properties={},
                        marking=Marking.from_columns(marking) if marking else Marking(), uuid=uid,
                        version=version, originator=orig or "", modified=parse_time(modified), deleted=True)
                for lyr, uid, version, orig, modified, marking in self.connection.execute(sql + " ORDER BY c.seq",
                                                                                          params)]

    def last_change_seq(self, layer: str | None = None) -> int:
        sql, params = "SELECT max(seq) FROM humanops_changes", ()
        if layer is not None:
            sql, params = sql + " WHERE layer = %s", (layer,)
        row = self.connection.execute(sql, params).fetchone()
        return int(row[0] or 0) if row else 0

    def change_log(self, since_seq: int) -> list[tuple[int, str, str]]:
        """(seq, layer, uuid) of every change after ``since_seq``, in commit order."""
        return [tuple(r) for r in self.connection.execute(  # type: ignore[misc]
            "SELECT seq, layer, uuid FROM humanops_changes WHERE seq > %s ORDER BY seq", (since_seq,))]

    def changed_since(self, seq: int, layer: str | None = None) -> dict[str, set[str]]:
        sql = "SELECT layer, uuid FROM humanops_changes WHERE seq > %s"
        params: list[Any] = [seq]
        if layer:
            sql += " AND layer = %s"
            params.append(layer)
        out: dict[str, set[str]] = {}
        for lyr, uid in self.connection.execute(sql, params):
            out.setdefault(lyr, set()).add(uid)
        return out

    def info(self) -> dict[str, Any]:
        """The document of ``humanops info`` (the GeoPackage's ``workspace_summary.summarise``)."""
        now = utc_now()
        layers: dict[str, Any] = {}
        for kind in self.catalog:
            count = self.count(kind.name)
            extent = self.extent(kind.name) if count else None
            entry: dict[str, Any] = {
                "title": kind.title, "geometry": kind.geometry, "count": count,
                "extent": list(extent) if extent else None,
                "tlp": dict(sorted(self.value_counts(kind.name, "tlp").items(), key=lambda kv: str(kv[0]))),
                "expired_markings": self.connection.execute(
                    f"SELECT count(*) FROM {q(kind.name)} WHERE expires < %s", (now,)).fetchone()[0],  # type: ignore[index]
            }
            if kind.time_start:
                window = self.time_range(kind.name)
                entry["time_range"] = [format_time(window[0]), format_time(window[1])] if window else [None, None]
            layers[kind.name] = entry
        return {"workspace": self.path, "workspace_id": self.workspace_id, "organisation": self.organisation,
                "schema_version": int(self.get_meta("schema_version") or 0), "created": self.get_meta("created"),
                "layers": layers,
                "history_versions": self.connection.execute("SELECT count(*) FROM humanops_history").fetchone()[0],  # type: ignore[index]
                "last_change_seq": self.last_change_seq()}

    # --- single-feature edits (FeatureEdits; here the triggers version, archive and log) ---
    def _now(self) -> datetime:
        return utc_now()

    def _write_new(self, feature: Feature, now: datetime) -> None:
        self._insert_row(feature)  # the trigger logs and announces it

    def _write_edit(self, current: Feature, edited: Feature) -> None:
        # written carrying the version it was made on: the trigger bumps it (or refuses a stale
        # edit), archives the old one and logs it
        self._update_row(edited)

    def _write_delete(self, current: Feature) -> Feature:
        self._delete_row(current.kind, current.uuid)  # the trigger archives the last version and a tombstone
        # read inside the transaction (the trigger has run): the tombstone the trigger wrote
        return self.history(current.kind, current.uuid)[-1]

    def _managed_writes(self) -> AbstractContextManager[None]:
        return self._writing_as("managed")

    def _delete_row(self, layer: str, uuid: str) -> None:
        self.connection.execute(f"DELETE FROM {q(layer)} WHERE uuid = %s", (uuid,))

    def _write_marking(self, layer: str, uuid: str, columns: dict[str, Any]) -> None:
        with self._writing_as("managed"):
            self.connection.execute(
                f"UPDATE {q(layer)} SET " + ", ".join(f"{q(c)} = %s" for c in columns) + " WHERE uuid = %s",
                [*columns.values(), uuid])

    # --- bulk ----------------------------------------------------------------------------
    def add_frame(self, layer: str, frame: gpd.GeoDataFrame, *, marking: Marking | None = None,
                  originator: str | None = None, source_package: str | None = None,
                  source_signer: str | None = None, at: datetime | None = None,
                  prevalidated: pd.DataFrame | None = None) -> list[str]:
        """Insert many new features at once, in one transaction (all or nothing), through COPY:
        the same arguments and checks as ``Workspace.add_frame``."""
        uuids, own_uuids, _, columns, _ = self._add_frame_columns(
            layer, frame, marking=marking, originator=originator, source_package=source_package,
            source_signer=source_signer, at=at, prevalidated=prevalidated, encode=_ewkb_hex)
        n = len(uuids)
        with self.transaction():
            if own_uuids:
                existing = self._existing_uuids(layer, uuids)
                if existing:
                    raise WorkspaceError("a feature with this uuid exists already", layer=layer, feature=existing[0])
            self._copy_rows(layer, columns, n)  # the triggers log and announce them
            self._pending.append(WorkspaceChange(layer, tuple(uuids), "bulk"))
        return uuids

    def put_frame(self, layer: str, frame: gpd.GeoDataFrame, *, source_package: str | None = None,
                  source_signer: str | None = None, prevalidated: pd.DataFrame | None = None) -> None:
        """:meth:`put_feature` for many features at once, in one transaction (see
        ``Workspace.put_frame``): features we hold are archived and updated, the others copied in."""
        uuids, _, columns = self._put_frame_columns(layer, frame, source_package=source_package,
                                                    source_signer=source_signer, prevalidated=prevalidated,
                                                    encode=_ewkb_hex)
        n = len(uuids)
        now = utc_now()
        with self.transaction() as db, self._writing_as("managed"):
            existing = set(self._existing_uuids(layer, uuids))
            if existing:
                self._archive(self.features(layer, existing), now)
                # one UPDATE from a temporary table: one statement for the triggers, not one a row
                db.execute("DROP TABLE IF EXISTS pg_temp.humanops_put")
                db.execute(f"CREATE TEMPORARY TABLE humanops_put ON COMMIT DROP AS SELECT * FROM {q(layer)} "
                           "WITH NO DATA")
                held = [i for i in range(n) if uuids[i] in existing]
                self._copy_rows("humanops_put", {c: [v[i] for i in held] for c, v in columns.items()}, len(held))
                names = ", ".join(q(c) for c in columns)
                db.execute(f"UPDATE {q(layer)} AS t SET ({names}) = ({', '.join('p.' + q(c) for c in columns)}) "
                           "FROM humanops_put AS p WHERE t.uuid = p.uuid")
            new = [i for i in range(n) if uuids[i] not in existing]
            if new:
                self._copy_rows(layer, {c: [v[i] for i in new] for c, v in columns.items()}, len(new))
            self._log([(layer, u, v, "update" if u in existing else "insert")
                       for u, v in zip(uuids, columns["version"], strict=True)], now)
            self._pending.append(WorkspaceChange(layer, tuple(uuids), "bulk"))

    # --- internals -----------------------------------------------------------------------
    def _existing_uuids(self, layer: str, uuids: list[str]) -> list[str]:
        return [r[0] for r in self.connection.execute(f"SELECT uuid FROM {q(layer)} WHERE uuid = ANY(%s)",
                                                      (list(uuids),))]

    def _last_version(self, layer: str, uuid: str) -> int:
        row = self.connection.execute("SELECT max(version) FROM humanops_history WHERE layer = %s AND uuid = %s",
                                      (layer, uuid)).fetchone()
        return int(row[0] or 0) if row else 0

    def _row_parameters(self, feature: Feature) -> list[Any]:
        types = self._types[feature.kind]
        return [_pg_value(types[c], v) for c, v in zip(self._columns[feature.kind], self._row_values(feature),
                                                       strict=True)]

    def _insert_row(self, feature: Feature) -> None:
        cols = ", ".join(q(c) for c in self._columns[feature.kind])
        marks = ", ".join(["%s"] * len(self._columns[feature.kind]))
        self.connection.execute(
            f"INSERT INTO {q(feature.kind)} (geom, {cols}) VALUES (ST_GeomFromWKB(%s, 4326), {marks})",
            [shapely.to_wkb(feature.geometry), *self._row_parameters(feature)])

    def _update_row(self, feature: Feature) -> None:
        """Write the feature's state over the stored row; its ``version`` is what the row is
        written on (the triggers bump it) or, when the app manages the write, the one stored."""
        assignments = ", ".join(f"{q(c)} = %s" for c in self._columns[feature.kind])
        self.connection.execute(
            f"UPDATE {q(feature.kind)} SET geom = ST_GeomFromWKB(%s, 4326), {assignments} WHERE uuid = %s",
            [shapely.to_wkb(feature.geometry), *self._row_parameters(feature), feature.uuid])

    def _copy_rows(self, layer: str, columns: dict[str, Any], n: int) -> None:
        """COPY ``n`` rows into ``layer``; ``columns`` maps names to n values or a ``repeat``."""
        names = list(columns)
        listed = [list(v) if not isinstance(v, repeat) else [next(v)] * n for v in columns.values()]
        with self.connection.cursor() as cursor, cursor.copy(
                f"COPY {q(layer)} ({', '.join(q(c) for c in names)}) FROM STDIN") as copy:
            for row in zip(*listed, strict=True):
                copy.write_row(row)

    def _archive(self, features: list[Feature], superseded: datetime) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO humanops_history ({schema.HISTORY_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(f.kind, f.uuid, f.version, bool(f.deleted), f.originator, f.created, f.modified, superseded,
                  None if f.geometry is None else shapely.to_wkb(f.geometry),
                  json.dumps(f.properties, default=_json_default), json.dumps(f.marking.to_columns()),
                  f.source_package, f.source_signer) for f in features])

    def _log(self, changes: list[tuple[str, str, int, str]], at: datetime) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany("INSERT INTO humanops_changes (layer, uuid, version, op, at) "
                               "VALUES (%s, %s, %s, %s, %s)",
                               [(*change, at) for change in changes])

    def _archive_one(self, feature: Feature, superseded: datetime) -> None:
        self._archive([feature], superseded)

    def _log_one(self, layer: str, uuid: str, version: int, op: str, at: datetime) -> None:
        self._log([(layer, uuid, version, op)], at)

