"""The tables of a HumanOps workspace GeoPackage: layer columns and the app's own tables.

Layer tables are created by GDAL (through pyogrio), so that gpkg_contents, the geometry
column, the R-tree index and its triggers are exactly what GDAL and QGIS expect; we then add
the kind's fields and the identity, marking and provenance columns. The app's own tables are
registered in gpkg_contents as ``attributes`` so QGIS lists them too: nothing is hidden.
"""

from __future__ import annotations

import sqlite3

from humanops.catalog import LayerKind

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
    connection.execute(
        f'CREATE UNIQUE INDEX IF NOT EXISTS "{kind.name}_uuid" ON "{kind.name}"(uuid)'
    )
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


def external_edit_triggers(kind: LayerKind) -> list[str]:
    t = kind.name
    fields = [f.name for f in kind.fields]
    d = kind.default_marking
    releasable, caveats = ",".join(d.releasable_to) or None, ",".join(d.caveats) or None
    return [
        f'''CREATE TRIGGER IF NOT EXISTS "humanops_{t}_external_insert" AFTER INSERT ON "{t}"
            WHEN NEW.uuid IS NULL BEGIN
              UPDATE "{t}" SET uuid = {_UUID4}, version = 1,
                originator = coalesce(NEW.originator, (SELECT value FROM humanops_meta WHERE key = 'organisation'), ''),
                created = coalesce(NEW.created, {_NOW}), modified = {_NOW},
                tlp = coalesce(NEW.tlp, {_default(t, "tlp", d.tlp)}),
                releasable_to = coalesce(NEW.releasable_to, {_default(t, "releasable_to", releasable)}),
                caveats = coalesce(NEW.caveats, {_default(t, "caveats", caveats)}),
                precision = coalesce(NEW.precision, {_default(t, "precision", d.precision)})
              WHERE fid = NEW.fid;
              INSERT INTO humanops_changes (layer, uuid, version, op, at)
                SELECT '{t}', uuid, 1, 'insert', {_NOW} FROM "{t}" WHERE fid = NEW.fid;
            END''',
        f'''CREATE TRIGGER IF NOT EXISTS "humanops_{t}_external_update" AFTER UPDATE ON "{t}"
            WHEN NEW.version IS OLD.version AND OLD.uuid IS NOT NULL BEGIN
              {_history_insert(t, fields, tombstone=False)}
              UPDATE "{t}" SET version = OLD.version + 1, modified = {_NOW} WHERE fid = NEW.fid;
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


def install_external_edit_triggers(connection: sqlite3.Connection, kind: LayerKind) -> None:
    for statement in external_edit_triggers(kind):
        connection.execute(statement)
