"""Every table of a workspace file, read back to show that a refused operation changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def table_snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows (sorted), to show a refused operation changed nothing."""
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
