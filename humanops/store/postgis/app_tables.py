"""The SQL seam (:mod:`humanops.store.sql_dialect`) on a team workspace's psycopg connection.

The engine's statements use ``?`` placeholders, as sqlite3 takes them; :func:`pyformat` turns
them into psycopg's ``%s`` (a ``?`` inside a quoted literal or identifier stays, a ``%`` is
doubled so psycopg reads it as itself). Parameters bind as sqlite3 binds them: a bool as 0/1, a
datetime as sqlite3's default adapter writes it (ISO, space-separated), so the same values land in
the same text and integer columns. The writes SQLite spells ``INSERT OR REPLACE`` / ``OR IGNORE``
are ``ON CONFLICT`` here; the app tables are made from their one declaration
(:class:`~humanops.store.sql_dialect.AppTable`) with PostgreSQL's types and a table comment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import psycopg
import shapely

from humanops.store.postgis.schema import HISTORY_ROWS, literal
from humanops.store.sql_dialect import GEOMETRY_COLUMN, AppTable, Sql, q


def is_psycopg_connection(db: Any) -> bool:
    return isinstance(db, psycopg.Connection)


@lru_cache(maxsize=2048)
def pyformat(sql: str) -> str:
    """``sql`` with each ``?`` outside quotes as ``%s`` and every ``%`` as ``%%``."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        if ch == "%":
            out.append("%%")
            continue
        out.append(ch)
    return "".join(out)


def bind(value: Any) -> Any:
    """A parameter as sqlite3 would store it (see the module's docstring)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _params(params: Sequence[Any] | Mapping[str, Any] | None) -> tuple[Any, ...]:
    if params is None:
        return ()
    if isinstance(params, Mapping):
        raise TypeError("named parameters are not part of the SQL seam: use ? placeholders")
    return tuple(bind(v) for v in params)


class PostgresSql(Sql):
    """The seam on a psycopg connection (the workspace's: it sees the open transaction)."""

    backend = 1
    history = HISTORY_ROWS

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = ()) -> Any:
        return self.connection.execute(pyformat(sql), _params(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.connection.cursor() as cursor:
            cursor.executemany(pyformat(sql), [_params(r) for r in rows])
            return cursor

    def has_table(self, name: str) -> bool:
        return bool(self.connection.execute("SELECT to_regclass(%s) IS NOT NULL", (q(name),)).fetchone()[0])

    def table_columns(self, name: str) -> list[str]:
        return [r[0] for r in self._columns(name)]

    def _columns(self, name: str) -> list[tuple[str, str]]:
        """(name, attidentity) of each column, in order."""
        return [(r[0], r[1]) for r in self.connection.execute(
            "SELECT attname, attidentity FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum", (q(name),))]

    def upsert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                    key: Sequence[str]) -> None:
        # as SQLite's REPLACE: the given columns take the new values, the others their defaults
        # (an identity id is kept: REPLACE would give a new one, nothing reads it as an order)
        given = set(columns)
        assignments = [f"{q(c)} = EXCLUDED.{q(c)}" for c in columns if c not in key]
        assignments += [f"{q(c)} = DEFAULT" for c, identity in self._columns(table)
                        if c not in given and c not in key and not identity]
        action = f"DO UPDATE SET {', '.join(assignments)}" if assignments else "DO NOTHING"
        sql = (f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))}) "
               f"ON CONFLICT ({', '.join(q(c) for c in key)}) {action}")
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, [_params(r) for r in rows])

    def insert_ignore(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        sql = (f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT DO NOTHING")
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, [_params(r) for r in rows])

    def insert_id(self, table: str, row: Mapping[str, Any], id_column: str = "id") -> int:
        sql = (f"INSERT INTO {q(table)} ({', '.join(q(c) for c in row)}) "
               f"VALUES ({', '.join(['%s'] * len(row))}) RETURNING {q(id_column)}")
        return int(self.connection.execute(sql, _params(list(row.values()))).fetchone()[0])

    def create_table(self, table: AppTable) -> None:
        self.connection.execute(table.ddl(self.backend))  # type: ignore[call-overload]
        self.connection.execute(f"COMMENT ON TABLE {q(table.name)} IS {literal(table.description)}")  # type: ignore[call-overload]
        if table.geometry is not None:  # QGIS finds it through geometry_columns; the index serves its map
            self.connection.execute(f"CREATE INDEX IF NOT EXISTS {q(table.name + '_geom')} "  # type: ignore[call-overload]
                                    f"ON {q(table.name)} USING gist ({q(GEOMETRY_COLUMN)})")

    def geometry_marker(self) -> str:
        return "ST_GeomFromWKB(?, 4326)"

    def geometry_values(self, geometries: Sequence[Any]) -> list[Any]:
        return [None if g is None else shapely.to_wkb(g) for g in geometries]

    def geometry_column(self, column: str = GEOMETRY_COLUMN) -> str:
        return f"ST_AsBinary({q(column)})"

    def decode_geometries(self, values: Sequence[Any]) -> Any:
        return np.asarray(shapely.from_wkb([None if v is None else bytes(v) for v in values]), dtype=object) \
            if len(values) else np.zeros(0, dtype=object)
