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
