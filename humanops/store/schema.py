"""The tables of a HumanOps workspace GeoPackage: layer columns and the app's own tables.

Layer tables are created by GDAL (through pyogrio), so that gpkg_contents, the geometry
column, the R-tree index and its triggers are exactly what GDAL and QGIS expect; we then add
the kind's fields and the identity, marking and provenance columns. The app's own tables are
in the file too (it is self-contained); only those a user would open are listed in
gpkg_contents (see gpkg_conformance).
"""

from __future__ import annotations

import re
import sqlite3

from humanops.catalog import LayerKind
from humanops.store.gpkg_conformance import is_listed

SCHEMA_VERSION = 1
SQL_TYPES = {
    "text": "TEXT", "enum": "TEXT", "integer": "INTEGER", "real": "REAL",
    "boolean": "BOOLEAN", "date": "DATE", "datetime": "DATETIME",
}
IDENTITY_COLUMNS = (
    ("uuid", "TEXT"), ("version", "INTEGER"), ("originator", "TEXT"),
    ("created", "DATETIME"), ("modified", "DATETIME"),
)
MARKING_COLUMNS = (
    ("tlp", "TEXT"), ("releasable_to", "TEXT"), ("caveats", "TEXT"),
    ("expires", "DATETIME"), ("precision", "TEXT"),
)
MARKING_NAMES = tuple(c for c, _ in MARKING_COLUMNS)
PROVENANCE_COLUMNS = (("source_package", "TEXT"), ("source_signer", "TEXT"))
SYSTEM_COLUMNS = IDENTITY_COLUMNS + MARKING_COLUMNS + PROVENANCE_COLUMNS


def layer_columns(kind: LayerKind) -> list[tuple[str, str]]:
    """Attribute columns of a layer table after fid and geom, in order."""
    return [(f.name, SQL_TYPES[f.type]) for f in kind.fields] + list(SYSTEM_COLUMNS)


APP_TABLES = {
    "humanops_meta": """
        CREATE TABLE humanops_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT)""",
    # Every superseded version of every feature, and a tombstone row for each deletion.
    "humanops_history": """
        CREATE TABLE humanops_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT 0,
            originator TEXT, created DATETIME, modified DATETIME, superseded DATETIME,
            geom_wkb BLOB, properties TEXT, marking TEXT,
            source_package TEXT, source_signer TEXT)""",
    # One row per committed change, in commit order: incremental exports and the UI follow it.
    "humanops_changes": """
        CREATE TABLE humanops_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            at DATETIME NOT NULL)""",
}
APP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS humanops_history_feature ON humanops_history(layer, uuid)",
)

LAYER_STYLES = """
    CREATE TABLE IF NOT EXISTS layer_styles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256),
        f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
        useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
        update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"""


def register_attributes_table(connection: sqlite3.Connection, table: str, description: str) -> None:
    """List an app table in gpkg_contents if a user would open it (gpkg_conformance)."""
    if not is_listed(table):
        return
    connection.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES (?, 'attributes', ?, ?)",
        (table, table, description),
    )


def create_app_tables(connection: sqlite3.Connection) -> None:
    existing = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    descriptions = {
        "humanops_meta": "HumanOps workspace settings",
        "humanops_history": "HumanOps: previous versions and tombstones of every feature",
        "humanops_changes": "HumanOps: committed changes in order",
        "layer_styles": "QGIS layer styles",
    }
    for table, ddl in APP_TABLES.items():
        if table not in existing:
            connection.execute(ddl)
    connection.execute(LAYER_STYLES)
    for statement in APP_INDEXES:
        connection.execute(statement)
    for table, description in descriptions.items():
        register_attributes_table(connection, table, description)


def add_layer_columns(connection: sqlite3.Connection, kind: LayerKind) -> None:
    """Add the kind's and the system columns a freshly GDAL-created layer table lacks."""
    present = {r[1] for r in connection.execute(f'PRAGMA table_info("{kind.name}")')}
    for name, sql_type in layer_columns(kind):
        if name not in present:
            connection.execute(f'ALTER TABLE "{kind.name}" ADD COLUMN "{name}" {sql_type}')
    # not UNIQUE: QGIS's paste would fail on it; the insert trigger keeps uuids unique
    connection.execute(f'CREATE INDEX IF NOT EXISTS "{kind.name}_uuid" ON "{kind.name}"(uuid)')
    connection.execute(
        f'CREATE INDEX IF NOT EXISTS "{kind.name}_modified" ON "{kind.name}"(modified)'
    )
    install_external_edit_triggers(connection, kind)


# --- edits made by other tools (QGIS, GDAL, a script) ---------------------------------------
# HumanOps itself always sets uuid and changes version, and records a deletion's tombstone
# before deleting. An edit that does none of these came from another tool: these triggers give
# it the same identity, version, history and change log, so it is not lost to partners.
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
_UUID4 = ("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
          "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
          "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))")


def _default(layer: str, key: str, fallback: str | None) -> str:
    """SQL for the adopted default marking's ``key`` (meta), else the kind's."""
    kind_default = "NULL" if fallback is None else "'" + fallback.replace("'", "''") + "'"
    return (f"coalesce((SELECT json_extract(value, '$.{key}') FROM humanops_meta "
            f"WHERE key = 'default_marking.{layer}'), {kind_default})")


def _history_insert(layer: str, fields: list[str], *, tombstone: bool) -> str:
    props = ", ".join(f"'{f}', OLD.\"{f}\"" for f in fields)
    marking = ", ".join(f"'{c}', OLD.\"{c}\"" for c, _ in MARKING_COLUMNS)
    if tombstone:
        return (f"INSERT INTO humanops_history (layer, uuid, version, deleted, originator, created, modified, "
                f"superseded, geom_wkb, properties, marking, source_package, source_signer) VALUES ('{layer}', "
                f"OLD.uuid, OLD.version + 1, 1, OLD.originator, OLD.created, {_NOW}, {_NOW}, NULL, '{{}}', "
                f"json_object({marking}), OLD.source_package, OLD.source_signer);")
    return (f"INSERT INTO humanops_history (layer, uuid, version, deleted, originator, created, modified, "
            f"superseded, geom_wkb, properties, marking, source_package, source_signer) VALUES ('{layer}', "
            f"OLD.uuid, OLD.version, 0, OLD.originator, OLD.created, OLD.modified, {_NOW}, OLD.geom, "
            f"json_object({props}), json_object({marking}), OLD.source_package, OLD.source_signer);")


# The app's own transactions hold this meta key while they run (set after BEGIN, removed before
# COMMIT, so no other connection ever sees it): the insert trigger tells our inserts from
# another tool's by it. A crash rolls it back with the rest.
APP_WRITING_KEY = "writer.humanops"
_APP_WRITING = f"EXISTS (SELECT 1 FROM humanops_meta WHERE key = '{APP_WRITING_KEY}')"
# A well-formed uuid, as the insert trigger's GLOB and the bulk path's check both read it.
_HEX = "[0-9a-fA-F]"
_UUID_GROUPS = (8, 4, 4, 4, 12)
_UUID_GLOB = "-".join(_HEX * n for n in _UUID_GROUPS)
UUID_PATTERN = re.compile("-".join(f"{_HEX}{{{n}}}" for n in _UUID_GROUPS))


def _normalised_time(expression: str) -> str:
    """SQL for a DATETIME value in the GeoPackage form: other tools write it without a zone
    (QGIS drops the Z) or with an offset; a zone-less time is UTC. Text SQLite cannot read as
    a time is left as written, for validation to report."""
    return (f"CASE WHEN typeof({expression}) = 'text' THEN coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', "
            f"{expression}), {expression}) ELSE {expression} END")


def _datetime_fields(kind: LayerKind) -> list[str]:
    return [f.name for f in kind.fields if f.type == "datetime"]


def external_edit_triggers(kind: LayerKind) -> list[str]:
    """Another tool's insert gets a fresh identity: a new feature (QGIS), a duplicate (QGIS
    appends ``_1`` to the uuid), a paste or a copy from another file (the uuid of a feature we
    may hold or receive). Its version, originator, created and provenance are reset, the
    copied marking kept (a copy is as sensitive as its source), the insert logged. A row the
    app inserts is left alone unless its uuid is missing, malformed or taken. Uniqueness of
    the uuid is kept by this repair, not by a UNIQUE index, which would refuse QGIS's paste.
    Another tool's update is versioned (history, change log); it cannot change the identity."""
    t = kind.name
    fields = [f.name for f in kind.fields]
    d = kind.default_marking
    releasable, caveats = ",".join(d.releasable_to) or None, ",".join(d.caveats) or None
    taken = f'EXISTS (SELECT 1 FROM "{t}" WHERE uuid = NEW.uuid AND fid <> NEW.fid)'
    times = [*_datetime_fields(kind), "expires"]
    normalised = ", ".join(f'"{c}" = {_normalised_time(f"NEW.{chr(34)}{c}{chr(34)}")}' for c in times)
    return [
        f'''CREATE TRIGGER IF NOT EXISTS "humanops_{t}_external_insert" AFTER INSERT ON "{t}"
            WHEN NEW.uuid IS NULL OR NEW.uuid NOT GLOB '{_UUID_GLOB}' OR {taken} OR NOT {_APP_WRITING} BEGIN
              -- version -1 first: an update that keeps the version is another tool's, and
              -- the update trigger would undo this one (the row may arrive at version 1)
              UPDATE "{t}" SET uuid = {_UUID4}, version = -1,
                originator = coalesce((SELECT value FROM humanops_meta WHERE key = 'organisation'), ''),
                created = {_NOW}, modified = {_NOW}, source_package = NULL, source_signer = NULL,
                tlp = coalesce(NEW.tlp, {_default(t, "tlp", d.tlp)}),
                releasable_to = coalesce(NEW.releasable_to, {_default(t, "releasable_to", releasable)}),
                caveats = coalesce(NEW.caveats, {_default(t, "caveats", caveats)}),
                precision = coalesce(NEW.precision, {_default(t, "precision", d.precision)}),
                {normalised}
              WHERE fid = NEW.fid;
              UPDATE "{t}" SET version = 1 WHERE fid = NEW.fid;
              INSERT INTO humanops_changes (layer, uuid, version, op, at)
                SELECT '{t}', uuid, 1, 'insert', {_NOW} FROM "{t}" WHERE fid = NEW.fid;
            END''',
        f'''CREATE TRIGGER IF NOT EXISTS "humanops_{t}_external_update" AFTER UPDATE ON "{t}"
            WHEN NEW.version IS OLD.version AND OLD.uuid IS NOT NULL BEGIN
              {_history_insert(t, fields, tombstone=False)}
              UPDATE "{t}" SET version = OLD.version + 1, modified = {_NOW},
                uuid = OLD.uuid, originator = OLD.originator, created = OLD.created, {normalised}
              WHERE fid = NEW.fid;
              INSERT INTO humanops_changes (layer, uuid, version, op, at)
                VALUES ('{t}', OLD.uuid, OLD.version + 1, 'update', {_NOW});
            END''',
        f'''CREATE TRIGGER IF NOT EXISTS "humanops_{t}_external_delete" AFTER DELETE ON "{t}"
            WHEN OLD.uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM humanops_history WHERE layer = '{t}'
              AND uuid = OLD.uuid AND version = OLD.version + 1 AND deleted = 1) BEGIN
              {_history_insert(t, fields, tombstone=False)}
              {_history_insert(t, fields, tombstone=True)}
              INSERT INTO humanops_changes (layer, uuid, version, op, at)
                VALUES ('{t}', OLD.uuid, OLD.version + 1, 'delete', {_NOW});
            END''',
    ]


# Bumped whenever the triggers change: files made with older ones get the new ones on open.
EXTERNAL_TRIGGERS_VERSION = "3"


def install_external_edit_triggers(connection: sqlite3.Connection, kind: LayerKind) -> None:
    """(Re)install the kind's external-edit triggers and the plain uuid index they rely on."""
    for op in ("insert", "update", "delete"):
        connection.execute(f'DROP TRIGGER IF EXISTS "humanops_{kind.name}_external_{op}"')
    unique = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ? AND sql LIKE 'CREATE UNIQUE%'",
        (f"{kind.name}_uuid",)).fetchone()
    if unique:
        connection.execute(f'DROP INDEX "{kind.name}_uuid"')
        connection.execute(f'CREATE INDEX "{kind.name}_uuid" ON "{kind.name}"(uuid)')
    for statement in external_edit_triggers(kind):
        connection.execute(statement)
