"""Every table of a workspace file, read back to show that a refused operation changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def table_snapshot(path: Path | str) -> dict[str, list[tuple]]:
    """Every table's rows (sorted), to show a refused operation changed nothing. ``path`` is a
    GeoPackage, or a team workspace's ``postgresql://`` URL (its ``ws.path``)."""
    if str(path).startswith("postgresql://"):
        return _database_snapshot(str(path))
    connection = sqlite3.connect(path)
    try:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'rtree_%_node' AND name NOT LIKE 'rtree_%_parent' "
            "AND name NOT LIKE 'rtree_%_rowid'")]
        out = {}
        for table in sorted(tables):
            rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        connection.close()


def _database_snapshot(url: str) -> dict[str, list[tuple]]:
    """As ``table_snapshot`` for every table of a PostgreSQL workspace (PostGIS's own spatial_ref_sys
    aside), read on a connection of its own: what is committed."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'spatial_ref_sys'")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in sorted(tables)}
