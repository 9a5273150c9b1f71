"""The app's own tables read as they are, for views that show a table whole (the alerts list,
whether the engine or another tool made the table). Layer tables: :mod:`humanops.store.layer_reader`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

NEWEST_FIRST_BY = ("raised", "created", "at", "time", "id")  # the first of these a table has orders it


def table_columns(workspace: Workspace, table: str) -> list[str]:
    """The table's columns in order; empty when the workspace has no such table."""
    return workspace.sql.table_columns(table)


def newest_rows(workspace: Workspace, table: str, limit: int,
                order_by: Sequence[str] = NEWEST_FIRST_BY) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(columns, at most ``limit`` rows): newest first by the first ``order_by`` column the
    table has, else in stored order. No table: nothing."""
    columns = table_columns(workspace, table)
    if not columns:
        return [], []
    order = next((c for c in order_by if c in columns), None)
    sql = f'SELECT * FROM "{table}"' + (f' ORDER BY "{order}" DESC' if order else "") + " LIMIT ?"
    return columns, workspace.sql.execute(sql, (int(limit),)).fetchall()
