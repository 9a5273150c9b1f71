"""Per-partner release tables: what QGIS reads when a partner connects with its own login.

Row-level security on a layer table (:mod:`humanops.store.postgis.row_security`) gives a partner
the right rows, but a QGIS map query on it cannot use the GiST index: PostgreSQL runs the policy
before any user condition that is not LEAKPROOF, and PostGIS's ``&&`` is not (measured: p95 7x
the hub's query). So each partner also gets its released rows in a table of its own,
``<role>.<layer>`` (a schema named as the partner's login role, so ``"$user"`` in PostgreSQL's
default search_path makes a partner's plain ``need`` mean its own table), GiST-indexed, SELECT
granted to that role alone. The tables are the partitions (one per partner, ``LIST`` on the
role) of ``humanops_release_<layer>`` (:func:`parent_table`), so one statement fills them all:
statement-level triggers on the layer table run the rule (:func:`release.released_sql`, the
same SQL the hub's exports and the row-level security use) for every partner of
:data:`row_security.AUDIENCE` over the rows an INSERT, UPDATE or DELETE touched, as the
statement commits: an edit by the app, by an ingest or by QGIS on the hub's side is in every
partner's table in the same transaction. :func:`refresh_release_tables` decides them whole
again (after the directory changed: :func:`row_security.refresh_audiences` calls it) without
locking partners' readers out: it writes only the difference, under row locks, and re-makes a
partner's time policy only when it changed (measured in ``benchmarks/bench_team.py``,
``refresh_lock``: the longest SELECT during a refresh, the old TRUNCATE-and-fill beside it).

Time: the rule is decided at the edit, but two of its inputs move with the clock: a marking's
``expires`` and a partner's future ``revoked_at``. Each partner table keeps a row-level security
policy re-checking just those against ``now()`` (``timestamptz`` ``>`` and ``<``: LEAKPROOF in
``pg_proc``), so an expired row vanishes at its time without a refresh. Any policy, however
cheap, still stops the planner using the index for the user's non-leakproof ``&&`` (the
security-level rule applies to the user's condition, not the policy's), so a partner's map
query scans its own table: its released rows, with a cheap filter, not the whole layer with
the rule's long CASE. Measured in ``benchmarks/bench_team.py`` (``partner_release_table``).
The one thing the scan lets a partner count (``EXPLAIN ANALYZE``'s "Rows Removed by Filter")
is its own rows that expired since the last refresh: rows it was given until then.

Storage: one copy of each released row per partner that receives it. 50 organisations ×
100,000 needs is at most 5 million rows (about 0.3 KB each with the index: 1.5 GB) on the hub,
measured per run in the benchmark (``release_tables``); only the hub's server holds them, and a
marked layer a hub shares with everyone is mostly CLEAR/GREEN. The alternatives cost more where
it matters: one shared table with a ``role = current_user`` policy has the same index problem;
views cannot hide an expired row without the same policy; marking ``&&`` LEAKPROOF lets a
partner count the rows hidden from it in the shared table.

The row-level security on the layer table stays, the second wall: a partner reading
``public.need`` gets the same rows, slower.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from psycopg import sql

from humanops.errors import WorkspaceError
from humanops.store.postgis import release

POLICY = "humanops_release_time"
_SCHEMA_COMMENT = "HumanOps release tables of partner login "
_NEW, _OLD = "humanops_new", "humanops_old"


def parent_table(layer: str) -> str:
    return f"humanops_release_{layer}"


def release_table(role: str, layer: str) -> str:
    """The partner's table of a layer, ``schema.table`` (schema: the role's name)."""
    return f"{role}.{layer}"


def _sync_function(layer: str) -> str:
    return f"humanops_release_{layer}_sync"


def _layer_columns(connection: Any, layer: str) -> list[str]:
    rows = connection.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
        "ORDER BY attnum", (layer,)).fetchall()
    return [r[0] for r in rows]


def _audience_context(alias: str) -> release.ReleaseContext:
    def col(name: str) -> sql.Composable:
        return sql.Identifier(alias, name)

    return release.ReleaseContext(exporter=col("exporter"), recipient=col("organisation"), parties=col("parties"),
                                  peers=col("peers"), revoked_at=col("revoked_at"), now=sql.SQL("now()"))


def _fill_sql(layer: str, source: sql.Composable, columns: Sequence[str], *,
              into: sql.Composable | None = None) -> sql.Composed:
    """INSERT into every partner's table (or ``into``, a table like the parent) the rows of
    ``source`` the rule gives it exactly."""
    from humanops.store.postgis.row_security import AUDIENCE

    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    return sql.SQL("INSERT INTO {parent} (role, {cols}) SELECT a.role, {tcols} FROM {source} AS t "
                   "CROSS JOIN {audience} AS a WHERE {released}").format(
        parent=into if into is not None else sql.Identifier(parent_table(layer)), cols=cols,
        tcols=sql.SQL(", ").join(sql.Identifier("t", c) for c in columns), source=source,
        audience=sql.Identifier(AUDIENCE),
        released=release.released_sql(_audience_context("a"), (release.ALLOW,), row="t"))


def install_release_tables(connection: Any, layers: Sequence[str]) -> dict[str, int]:
    """The parent table, its triggers on the layer, and every audience role's partition, filled
    (rows per layer returned). Inside the caller's transaction (``install_row_security``)."""
    schema = connection.execute("SELECT current_schema()").fetchone()[0]
    for layer in layers:
        parent = sql.Identifier(parent_table(layer))
        t = release.table_identifier(layer)
        if connection.execute("SELECT to_regclass(%s) IS NULL", (parent_table(layer),)).fetchone()[0]:
            # the layer's columns and types (geometry typmod included: QGIS reads the type from it)
            connection.execute(sql.SQL("CREATE TABLE {} (role name NOT NULL, LIKE {}) PARTITION BY LIST (role)"
                                       ).format(parent, t))
            connection.execute(sql.SQL("ALTER TABLE {} ADD PRIMARY KEY (role, fid)").format(parent))
            connection.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(parent))
            connection.execute(sql.SQL("CREATE INDEX ON {} (uuid)").format(parent))
            connection.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(parent, sql.Literal(
                f"HumanOps: the rows of {layer} released to each partner, one partition per partner login")))
        columns = _layer_columns(connection, layer)
        function = sql.Identifier(_sync_function(layer))
        # the old rows' uuids as one array: an index scan per partition, whatever the estimate of
        # the transition table (a cast: ANY((SELECT ...)) would read as ANY over a subquery's rows)
        # one function for the three triggers: plpgsql plans a statement when first run, so the
        # branch naming a transition table the trigger lacks is never planned
        connection.execute(sql.SQL(
            "CREATE OR REPLACE FUNCTION {f}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
            "SET search_path = {s}, pg_catalog SET jit = off AS $body$\n"
            "BEGIN\n"
            "  IF TG_OP IN ('UPDATE', 'DELETE') THEN\n"
            "    DELETE FROM {parent} WHERE uuid = ANY(CAST((SELECT array_agg(o.uuid) FROM {old} AS o) AS text[]));\n"
            "  END IF;\n"
            "  IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
            "    {fill};\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $body$").format(f=function, s=sql.Identifier(schema), parent=parent, old=sql.Identifier(_OLD),
                                 fill=_fill_sql(layer, sql.Identifier(_NEW), columns)))
        connection.execute(sql.SQL("REVOKE ALL ON FUNCTION {}() FROM PUBLIC").format(function))
        for op, referencing in (("INSERT", f"NEW TABLE AS {_NEW}"), ("UPDATE", f"OLD TABLE AS {_OLD} NEW TABLE AS "
                                                                               f"{_NEW}"),
                                ("DELETE", f"OLD TABLE AS {_OLD}")):
            name = sql.Identifier(f"humanops_release_{op.lower()}")
            connection.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(name, t))
            connection.execute(sql.SQL("CREATE TRIGGER {} AFTER {} ON {} REFERENCING {} FOR EACH STATEMENT "
                                       "EXECUTE FUNCTION {}()").format(name, sql.SQL(op), t, sql.SQL(referencing),
                                                                       function))
    return refresh_release_tables(connection, layers)


def released_layers(connection: Any) -> list[str]:
    """The layers that have release tables (their parents exist)."""
    rows = connection.execute("SELECT c.relname FROM pg_class c WHERE c.relkind = 'p' AND c.relname LIKE "
                              "'humanops\\_release\\_%%' AND c.relnamespace = current_schema()::regnamespace"
                              ).fetchall()
    return sorted(r[0].removeprefix("humanops_release_") for r in rows)


def refresh_release_tables(connection: Any, layers: Iterable[str] | None = None) -> dict[str, int]:
    """One partition per audience role (made, or dropped for roles no longer listed), each
    policy re-made where a revocation date changed, all rows decided again. Returns the rows
    released per layer. Call inside a transaction.

    Partners keep reading while it runs: the new contents are decided into a temporary table,
    then only the difference is written (rows no longer released or changed deleted, new ones
    inserted), under ROW EXCLUSIVE locks that a SELECT never waits for; readers see the old
    contents until the commit (MVCC). A TRUNCATE (ACCESS EXCLUSIVE) held every partner's
    SELECT for the whole refresh (measured in ``benchmarks/bench_team.py``, ``refresh_lock``).
    The layer is locked against writes meanwhile (SHARE ROW EXCLUSIVE: readers pass), so an
    edit's trigger cannot slip a row in between the decision and the write."""
    from humanops.store.postgis.row_security import AUDIENCE

    layers = released_layers(connection) if layers is None else list(layers)
    audience = dict(connection.execute(sql.SQL("SELECT role, revoked_at FROM {}").format(sql.Identifier(AUDIENCE))
                                       ).fetchall())
    written: dict[str, int] = {}
    for layer in layers:
        parent = parent_table(layer)
        present = dict(connection.execute(
            "SELECT n.nspname, c.oid::regclass::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.inhparent = %s::regclass", (parent,)).fetchall())
        for role, table in present.items():
            if role not in audience:  # no longer a partner: its table goes (the schema stays, empty)
                connection.execute(sql.SQL("DROP TABLE {}").format(sql.SQL(table)))
        for role in audience:
            if role not in present:
                _make_partition(connection, role, layer)
        connection.execute(sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(
            release.table_identifier(layer)))
        written[layer] = _refresh_difference(connection, layer)
        connection.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(parent)))
    for layer in layers:  # last: a changed policy locks its table (ACCESS EXCLUSIVE) until the commit
        for role, revoked_at in audience.items():
            _time_policy(connection, role, layer, revoked_at)
    return written


def _refresh_difference(connection: Any, layer: str) -> int:
    """Every partner's rows of ``layer`` decided again, only the difference written; the rows
    released in all."""
    parent = sql.Identifier(parent_table(layer))
    fresh = sql.Identifier(f"humanops_fresh_{layer}")
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(fresh))
    connection.execute(sql.SQL("CREATE TEMPORARY TABLE {} (LIKE {}) ON COMMIT DROP").format(fresh, parent))
    connection.execute(release.NO_JIT)
    fill = _fill_sql(layer, release.table_identifier(layer), _layer_columns(connection, layer), into=fresh)
    released = connection.execute(fill).rowcount
    connection.execute(sql.SQL("CREATE INDEX ON {} (role, fid)").format(fresh))
    connection.execute(sql.SQL("ANALYZE {}").format(fresh))
    # a row stays when the same role holds the same fid with every column equal (the rows'
    # text forms: geometry as EWKB hex, exact)
    connection.execute(sql.SQL(
        "DELETE FROM {p} AS p WHERE NOT EXISTS (SELECT 1 FROM {f} AS f WHERE f.role = p.role AND f.fid = p.fid "
        "AND f::text = p::text)").format(p=parent, f=fresh))
    connection.execute(sql.SQL(
        "INSERT INTO {p} SELECT f.* FROM {f} AS f WHERE NOT EXISTS (SELECT 1 FROM {p} AS p "
        "WHERE p.role = f.role AND p.fid = f.fid)").format(p=parent, f=fresh))
    connection.execute(sql.SQL("DROP TABLE {}").format(fresh))
    return released


def _make_partition(connection: Any, role: str, layer: str) -> None:
    schema = sql.Identifier(role)
    row = connection.execute("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
                             (role,)).fetchone()
    if row is None:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        connection.execute(sql.SQL("COMMENT ON SCHEMA {} IS {}").format(schema, sql.Literal(_SCHEMA_COMMENT + role)))
    elif row[0] != _SCHEMA_COMMENT + role:
        raise WorkspaceError(f"a schema {role} exists and is not HumanOps's release tables for that partner: "
                             "refusing to put its released rows there", layer=layer)
    connection.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, schema))
    table = sql.Identifier(role, layer)
    connection.execute(sql.SQL("CREATE TABLE {} PARTITION OF {} FOR VALUES IN ({})").format(
        table, sql.Identifier(parent_table(layer)), sql.Literal(role)))
    connection.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(table, sql.Literal(
        f"HumanOps: the {layer} features released to this partner (read-only, kept current by the hub)")))
    connection.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(table))
    connection.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(table, schema))


def _time_policy(connection: Any, role: str, layer: str, revoked_at: datetime | None) -> None:
    """The rule's two inputs that move with the clock, re-checked at each read."""
    table = sql.Identifier(role, layer)
    check: sql.Composable = sql.SQL("(expires IS NULL OR expires > now())")
    if revoked_at is not None:  # a revocation still to come (a past one left only CLEAR rows)
        check = sql.SQL("({} AND (now() < {}::timestamptz OR {} = 'CLEAR'))").format(
            check, sql.Literal(revoked_at), release.tlp_sql(sql.Identifier("tlp")))
    said = check.as_string(connection)
    # the policy's own text kept in its comment: re-made only when it changed, since DROP and
    # CREATE POLICY lock the table (ACCESS EXCLUSIVE) against the partner's reads until the commit
    stored = connection.execute(
        "SELECT obj_description(p.oid, 'pg_policy') FROM pg_policy p WHERE p.polname = %s "
        "AND p.polrelid = %s::regclass", (POLICY, table.as_string(connection))).fetchone()
    if stored is not None and stored[0] == said:
        return
    connection.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY), table))
    connection.execute(sql.SQL("CREATE POLICY {} ON {} FOR SELECT TO {} USING {}").format(
        sql.Identifier(POLICY), table, sql.Identifier(role), check))
    connection.execute(sql.SQL("COMMENT ON POLICY {} ON {} IS {}").format(sql.Identifier(POLICY), table,
                                                                         sql.Literal(said)))
