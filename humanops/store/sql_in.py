"""One query for many keys: SQLite bounds how many parameters a statement takes (999 in
older builds), so a long ``IN (…)`` list is asked in parts of :data:`PART`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

PART = 500


def select_in(connection: sqlite3.Connection, sql: str, values: Iterable[Any],
              params: Sequence[Any] = ()) -> list[tuple]:
    """Every row of ``sql`` for ``values``: ``sql`` holds ``{marks}`` where the ``IN`` list's
    placeholders go, and ``params`` are bound before them. Rows come part by part (an
    ``ORDER BY`` in ``sql`` orders within a part)."""
    wanted = list(values)
    rows: list[tuple] = []
    for start in range(0, len(wanted), PART):
        part = wanted[start:start + PART]
        rows += connection.execute(sql.format(marks=",".join("?" * len(part))), [*params, *part]).fetchall()
    return rows
