"""What makes a workspace a GeoPackage every client from GDAL 3.4 on reads without a warning.

- **GeoPackage 1.3**, not 1.4: GDAL 3.6 and QGIS 3.22 (many field laptops and partner offices)
  warn "may only be partially supported" on every open of a 1.4 file, and GDAL's own
  ``validate_gpkg.py`` of that age checks the 1.3 R-tree triggers. GDAL writes the file as 1.3
  when asked (``VERSION``); files an earlier HumanOps wrote as 1.4 are brought back on open,
  with the R-tree triggers GDAL itself writes for 1.3 (taken from a template GDAL makes, never
  written by hand).
- **Datetimes with milliseconds** (``2026-11-28T10:00:00.000Z``): GDAL before 3.9 reads any
  other form as "non-conformant content". Newer GDAL drops zero milliseconds unless told.
- **Only tables a user would open are listed** in ``gpkg_contents`` (the layers, plans,
  the audit log, QGIS's styles). The app's bookkeeping tables stay in the file — it is
  self-contained, any SQLite tool reads them — but not in QGIS's layer list, and every listed
  table has the INTEGER primary key the standard asks for (Requirement 119).
"""

from __future__ import annotations

import functools
import sqlite3
import tempfile
from pathlib import Path

GPKG_USER_VERSION = 10300  # GeoPackage 1.3
GDAL_DATASET_OPTIONS = {"VERSION": "1.3"}
# DATETIME_PRECISION exists from GDAL 3.9; older GDAL always writes milliseconds.
GDAL_LAYER_OPTIONS = {"DATETIME_PRECISION": "MILLISECOND"}

# App tables listed in gpkg_contents: what a user would open in QGIS. Every one has an INTEGER
# primary key. The rest (meta, history, change log, sharing bookkeeping) is not listed.
LISTED_APP_TABLES = frozenset({
    "layer_styles", "humanops_audit",
    "humanops_plans", "humanops_plan_lines", "humanops_plan_outcomes",
})


def gdal_layer_options(gdal_version: tuple[int, int, int] | None = None) -> dict[str, str]:
    """Layer creation options for the GDAL pyogrio links (an unknown option only warns)."""
    if gdal_version is None:
        import pyogrio

        gdal_version = pyogrio.__gdal_version__
    return dict(GDAL_LAYER_OPTIONS) if gdal_version >= (3, 9, 0) else {}


def is_listed(table: str) -> bool:
    return table in LISTED_APP_TABLES or not table.startswith(("humanops_", "layer_styles"))


def listed_internal_tables(connection: sqlite3.Connection) -> list[str]:
    """The app's bookkeeping tables an earlier version listed in gpkg_contents."""
    rows = connection.execute(
        "SELECT table_name FROM gpkg_contents WHERE table_name LIKE 'humanops\\_%' ESCAPE '\\'").fetchall()
    return [r[0] for r in rows if not is_listed(r[0])]


def needs_bringing_up(connection: sqlite3.Connection) -> bool:
    """Whether the file is not yet GeoPackage 1.3 or lists bookkeeping tables (cheap: on open)."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return version != GPKG_USER_VERSION or bool(listed_internal_tables(connection))


def unlist_internal_tables(connection: sqlite3.Connection) -> int:
    """Remove the app's bookkeeping tables an earlier version listed in gpkg_contents; the
    tables and their rows stay. Returns how many were unlisted."""
    unlisted = listed_internal_tables(connection)
    for table in unlisted:
        connection.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (table,))
        connection.execute("DELETE FROM gpkg_extensions WHERE table_name = ?", (table,))
    return len(unlisted)


def _rtree_trigger_names(connection: sqlite3.Connection, table: str, column: str) -> list[str]:
    prefix = f"rtree_{table}_{column}_"
    return [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            if r[0].startswith(prefix)]


@functools.cache
def _gdal_rtree_triggers(table: str, column: str, geometry_type: str) -> tuple[str, ...]:
    """The R-tree triggers GDAL writes for a 1.3 layer ``table``.``column``: taken from an empty
    template GDAL makes, so they are exactly GDAL's."""
    import geopandas as gpd
    import pyogrio

    with tempfile.TemporaryDirectory(prefix="humanops-gpkg-") as folder:
        path = Path(folder) / "template.gpkg"
        empty = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=4326))
        pyogrio.write_dataframe(empty, path, layer=table, driver="GPKG", geometry_type=geometry_type,
                                dataset_options=GDAL_DATASET_OPTIONS,
                                layer_options={"GEOMETRY_NAME": column})
        template = sqlite3.connect(path)
        try:
            return tuple(sql for name, sql in template.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                if name.startswith(f"rtree_{table}_{column}_"))
        finally:
            template.close()


def downgrade_to_1_3(connection: sqlite3.Connection) -> bool:
    """Bring a file an earlier HumanOps wrote as GeoPackage 1.4 back to 1.3: GDAL's 1.3 R-tree
    triggers on every indexed layer, and the 1.3 ``user_version``. Call inside a transaction.
    Returns whether anything changed."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == GPKG_USER_VERSION:
        return False
    indexed = connection.execute(
        "SELECT e.table_name, e.column_name, upper(g.geometry_type_name) FROM gpkg_extensions e "
        "JOIN gpkg_geometry_columns g ON g.table_name = e.table_name AND g.column_name = e.column_name "
        "WHERE e.extension_name = 'gpkg_rtree_index'").fetchall()
    for table, column, geometry_type in indexed:
        for name in _rtree_trigger_names(connection, table, column):
            connection.execute(f'DROP TRIGGER "{name}"')
        for sql in _gdal_rtree_triggers(table, column, _GDAL_TYPES.get(geometry_type, "Unknown")):
            connection.execute(sql)
    connection.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
    return True


_GDAL_TYPES = {
    "POINT": "Point", "LINESTRING": "LineString", "POLYGON": "Polygon", "MULTIPOINT": "MultiPoint",
    "MULTILINESTRING": "MultiLineString", "MULTIPOLYGON": "MultiPolygon", "GEOMETRY": "Unknown",
}
