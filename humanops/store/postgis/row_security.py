"""Partners reading a hub's database directly (QGIS with their own login): roles and row-level security.

:func:`install_row_security` gives every organisation of the directory a login role (named
from its id: :func:`partner_role`), member of the group :data:`PARTNERS`, and puts a
row-level security policy on each marked layer: a partner sees a row when the sharing rule
(:func:`humanops.store.postgis.release.reason_code_sql`, the same SQL the hub's exports use)
*allows* it to that partner's organisation, from the hub, now. Rows the rule would only give
*generalised* stay hidden there (row-level security hides rows, it cannot coarsen them): their
generalised form lives in a table of its own per layer (:func:`generalised_table`, filled by
:func:`refresh_generalised`), readable under the same policy for the rows whose decision is
*generalise*. Reference layers (roads) stay out of row-level security: they must hold only
markings every partner may receive (CLEAR, exact, no expiry, no caveat), which a CHECK
constraint keeps true for later edits.

Who is asking is the table :data:`AUDIENCE` (one row per partner role: its organisation, the
releasable_to parties that name it, the originators sharing a community with it, its key's
revocation), written from the directory by :func:`refresh_audiences`; the policy reads the
querying role's row (``current_user``) once per query. A role with no row sees nothing.

Map queries: PostGIS's ``&&`` is not LEAKPROOF, so under the policy PostgreSQL may not use the
GiST index for a partner's bbox (it must run the policy before a user's non-leakproof
condition): measured, the partner's bbox query on the table becomes a sequential scan.
Marking ``&&`` LEAKPROOF would bring the index back, but then the index finds the rows before
the policy removes them and ``EXPLAIN ANALYZE`` tells the partner how many rows it may not see
lie in any box it draws ("Rows Removed by Filter"): shrinking the box locates withheld
features. So we do not. :func:`install_row_security` also makes, per marked layer, a
SECURITY DEFINER function ``<layer>_in_bbox(minx, miny, maxx, maxy)`` (:func:`bbox_function`)
that searches the index and then applies the same predicate for the calling role: the fast
path for the app and scripts. QGIS gets each partner's own table of released rows, kept
current by triggers (:mod:`humanops.store.postgis.release_tables`); the policy on the layer
table stays, the second wall.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from psycopg import sql

from humanops.catalog import LayerKind
from humanops.errors import WorkspaceError
from humanops.model.marking import Precision
from humanops.store.postgis import release

PARTNERS = "humanops_partners"  # the group role every partner login role is a member of
AUDIENCE = "humanops_release_audience"
POLICY = "humanops_release"
REFERENCE_CHECK = "humanops_reference_clear"
_ROLE_PREFIX = "partner_"
_ROLE_COMMENT = "HumanOps partner login for organisation "
_MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1, in bytes


def partner_role(org_id: str) -> str:
    """The login role of an organisation: ``partner_<id>``, lower-cased (QGIS and psql users
    type it unquoted), characters outside [a-z0-9_] as ``_``, and a short hash of the exact id
    when that changed it or made it too long, so two ids never share a role."""
    simple = re.sub(r"[^a-z0-9_]", "_", org_id.lower())
    name = _ROLE_PREFIX + simple
    if simple != org_id or len(name.encode()) > _MAX_IDENTIFIER:
        digest = hashlib.sha256(org_id.encode()).hexdigest()[:8]
        name = name[:_MAX_IDENTIFIER - 9] + "_" + digest
    return name


def generalised_table(layer: str) -> str:
    return f"humanops_generalised_{layer}"


def bbox_function(layer: str) -> str:
    return f"{layer}_in_bbox"


@dataclass
class RowSecurity:
    """What :func:`install_row_security` set up."""

    hub: str
    roles: dict[str, str] = field(default_factory=dict)  # organisation id -> login role
    marked_layers: list[str] = field(default_factory=list)
    reference_layers: list[str] = field(default_factory=list)
    released_rows: dict[str, int] = field(default_factory=dict)  # layer -> rows in the partners' tables


def _audience_context() -> release.ReleaseContext:
    """The querying role's row of the audience table, each value an uncorrelated subquery
    (run once per query, an InitPlan), NULL when the role has no row (the predicate then
    withholds everything)."""
    return _context("current_user")


def _context(who: str) -> release.ReleaseContext:
    def value(column: str, sql_type: str) -> sql.Composed:
        # a cast makes it an expression: ANY((SELECT ...)) would read as ANY over a subquery's rows
        return sql.SQL("CAST((SELECT a.{} FROM {} AS a WHERE a.role = {}) AS {})").format(
            sql.Identifier(column), sql.Identifier(AUDIENCE), sql.SQL(who), sql.SQL(sql_type))

    return release.ReleaseContext(exporter=value("exporter", "text"), recipient=value("organisation", "text"),
                                  parties=value("parties", "text[]"), peers=value("peers", "text[]"),
                                  revoked_at=value("revoked_at", "timestamptz"), now=sql.SQL("now()"))


def _role_exists(connection: Any, role: str) -> tuple[bool, str | None]:
    row = connection.execute("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = %s",
                             (role,)).fetchone()
    return (row is not None, row[0] if row else None)


def _ensure_role(connection: Any, org_id: str, password: str | None) -> str:
    role = partner_role(org_id)
    exists, comment = _role_exists(connection, role)
    ident = sql.Identifier(role)
    if exists and comment != _ROLE_COMMENT + org_id:
        raise WorkspaceError(f"a database role {role} exists and is not HumanOps's login for organisation "
                             f"{org_id}: refusing to grant it partner access")
    if not exists:
        connection.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
        connection.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(ident, sql.Literal(_ROLE_COMMENT + org_id)))
    connection.execute(sql.SQL("ALTER ROLE {} LOGIN").format(ident))
    if password is not None:
        connection.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(password)))
    # the predicate is long: LLVM would spend seconds compiling it for every large query
    connection.execute(sql.SQL("ALTER ROLE {} SET jit = off").format(ident))
    connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(PARTNERS), ident))
    return role


def refresh_audiences(connection: Any, directory: release.DirectoryLike, hub: str,
                      organisations: Iterable[str]) -> dict[str, str]:
    """Write the audience table from the directory (call it whenever the directory changes):
    one row per organisation's role; rows of roles no longer listed are removed (they then see
    nothing) and those roles lose their login."""
    roles = {org: partner_role(org) for org in organisations}
    rows = []
    for org, role in roles.items():
        audience = release.Audience.of(directory, org)
        rows.append((role, org, hub, list(audience.parties), list(audience.peers), audience.revoked_at))
    gone = connection.execute(sql.SQL("SELECT role FROM {} WHERE NOT (role::text = ANY(%s::text[]))").format(
        sql.Identifier(AUDIENCE)), (list(roles.values()),)).fetchall()
    connection.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(AUDIENCE)))
    with connection.cursor() as cursor:
        cursor.executemany(sql.SQL("INSERT INTO {} (role, organisation, exporter, parties, peers, revoked_at) "
                                   "VALUES (%s, %s, %s, %s, %s, %s)").format(sql.Identifier(AUDIENCE)), rows)
    for (role,) in gone:
        if (_role_exists(connection, role)[1] or "").startswith(_ROLE_COMMENT):
            connection.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
    from humanops.store.postgis import release_tables  # it reads this module's AUDIENCE

    with connection.transaction():  # who receives what changed: every partner's table decided again
        release_tables.refresh_release_tables(connection)
    return roles


def install_row_security(connection: Any, directory: Any, hub: str, marked_layers: Sequence[str], *,
                         reference_layers: Sequence[str] = (), organisations: Iterable[str] | None = None,
                         passwords: Mapping[str, str] | None = None) -> RowSecurity:
    """Set up direct reading for partners, in one transaction (see the module docstring).
    ``directory``: ``humanops.sharing.directory.Directory``; ``hub``: our organisation id (the
    exporter); ``organisations``: who gets a login (default: every organisation of the
    directory but the hub). Run by the tables' owner, with CREATEROLE."""
    organisations = sorted(set(organisations if organisations is not None else directory.organisations) - {hub})
    passwords = passwords or {}
    partners = sql.Identifier(PARTNERS)
    with connection.transaction():
        if not _role_exists(connection, PARTNERS)[0]:
            connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(partners))
        connection.execute(sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (role name PRIMARY KEY, organisation text NOT NULL UNIQUE, "
            "exporter text NOT NULL, parties text[] NOT NULL, peers text[] NOT NULL, revoked_at timestamptz)").format(
            sql.Identifier(AUDIENCE)))
        # a partner reads its own row (the policy's subqueries run as the partner), no other
        connection.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(sql.Identifier(AUDIENCE)))
        connection.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY),
                                                                           sql.Identifier(AUDIENCE)))
        connection.execute(sql.SQL("CREATE POLICY {} ON {} FOR SELECT TO {} USING (role = current_user)").format(
            sql.Identifier(POLICY), sql.Identifier(AUDIENCE), partners))
        connection.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(AUDIENCE), partners))
        roles = {org: _ensure_role(connection, org, passwords.get(org)) for org in organisations}
        refresh_audiences(connection, directory, hub, organisations)
        schema = connection.execute("SELECT current_schema()").fetchone()[0]
        connection.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), partners))
        allowed = release.released_sql(_audience_context(), (release.ALLOW,))
        generalised = release.released_sql(_audience_context(), (release.GENERALISE,))
        for layer in marked_layers:
            _protect(connection, layer, allowed)
            _ensure_generalised_table(connection, layer)
            _protect(connection, generalised_table(layer), generalised)
            _make_bbox_function(connection, layer)
        for layer in reference_layers:
            _open_reference_layer(connection, layer)
        from humanops.store.postgis import release_tables  # it reads this module's AUDIENCE

        released = release_tables.install_release_tables(connection, marked_layers)
    return RowSecurity(hub, roles, list(marked_layers), list(reference_layers), released)


def _protect(connection: Any, table: str, predicate: sql.Composable) -> None:
    t = release.table_identifier(table)
    connection.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(t))
    connection.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY), t))
    connection.execute(sql.SQL("CREATE POLICY {} ON {} FOR SELECT TO {} USING {}").format(
        sql.Identifier(POLICY), t, sql.Identifier(PARTNERS), predicate))
    connection.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(t, sql.Identifier(PARTNERS)))


def _open_reference_layer(connection: Any, layer: str) -> None:
    """A reference layer is read whole, so every row must be one any partner may receive."""
    t = release.table_identifier(layer)
    clear = sql.SQL("(tlp = 'CLEAR' AND precision = 'exact' AND expires IS NULL AND coalesce(caveats, '') = '')")
    bad = connection.execute(sql.SQL("SELECT count(*) FROM {} WHERE NOT coalesce({}, false)").format(t, clear)
                             ).fetchone()[0]
    if bad:
        raise WorkspaceError(f"{bad} features are not marked CLEAR (exact, no expiry, no caveat): a reference layer "
                             "is read whole by every partner, so mark them CLEAR or protect the layer", layer=layer)
    connection.execute(sql.SQL("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}").format(
        t, sql.Identifier(REFERENCE_CHECK)))
    # later edits cannot mark a road more restrictively than the whole-layer read allows
    connection.execute(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} CHECK {}").format(
        t, sql.Identifier(REFERENCE_CHECK), clear))
    connection.execute(sql.SQL("ALTER TABLE {} DISABLE ROW LEVEL SECURITY").format(t))
    connection.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(t, sql.Identifier(PARTNERS)))


def _ensure_generalised_table(connection: Any, layer: str) -> None:
    g, t = release.table_identifier(generalised_table(layer)), release.table_identifier(layer)
    exists = connection.execute("SELECT to_regclass(%s) IS NOT NULL", (generalised_table(layer),)).fetchone()[0]
    if exists:
        return
    # the layer's columns (no identity, indexes or triggers: not a layer the app edits)
    connection.execute(sql.SQL("CREATE TABLE {} (LIKE {})").format(g, t))
    connection.execute(sql.SQL("ALTER TABLE {} ALTER COLUMN geom TYPE geometry(Geometry, 4326)").format(g))
    connection.execute(sql.SQL("ALTER TABLE {} ALTER COLUMN fid ADD GENERATED BY DEFAULT AS IDENTITY").format(g))
    connection.execute(sql.SQL("ALTER TABLE {} ADD COLUMN feature_count bigint").format(g))
    connection.execute(sql.SQL("ALTER TABLE {} ADD COLUMN generalised_at timestamptz").format(g))
    connection.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(g))


def _make_bbox_function(connection: Any, layer: str) -> None:
    """PL/pgSQL, not SQL: its query plan is kept from call to call (a SQL function's is made at
    every call, and the predicate is long to plan), and the caller's audience row is read once
    into variables."""
    t = release.table_identifier(layer)
    f = sql.Identifier(bbox_function(layer))
    context = release.ReleaseContext(exporter=sql.SQL("ctx_exporter"), recipient=sql.SQL("ctx_recipient"),
                                     parties=sql.SQL("ctx_parties"), peers=sql.SQL("ctx_peers"),
                                     revoked_at=sql.SQL("ctx_revoked_at"), now=sql.SQL("now()"))
    predicate = release.released_sql(context, (release.ALLOW,), row="t")
    schema = connection.execute("SELECT current_schema()").fetchone()[0]
    signature = sql.SQL("{}(double precision, double precision, double precision, double precision)").format(f)
    connection.execute(sql.SQL(
        "CREATE OR REPLACE FUNCTION {f}(minx double precision, miny double precision, maxx double precision, "
        "maxy double precision) RETURNS SETOF {t} LANGUAGE plpgsql STABLE SECURITY DEFINER "
        "SET search_path = {s}, pg_catalog SET jit = off AS $body$\n"
        "DECLARE ctx_exporter text; ctx_recipient text; ctx_parties text[]; ctx_peers text[]; "
        "ctx_revoked_at timestamptz;\n"
        "BEGIN\n"
        # inside SECURITY DEFINER current_user is the owner: the caller is the session's login
        "  SELECT a.exporter, a.organisation, a.parties, a.peers, a.revoked_at "
        "    INTO ctx_exporter, ctx_recipient, ctx_parties, ctx_peers, ctx_revoked_at "
        "    FROM {audience} AS a WHERE a.role = session_user;\n"
        "  RETURN QUERY SELECT t.* FROM {t} AS t "
        "    WHERE t.geom && ST_MakeEnvelope(minx, miny, maxx, maxy, 4326) AND {p};\n"
        "END $body$"
    ).format(f=f, t=t, s=sql.Identifier(schema), p=predicate, audience=sql.Identifier(AUDIENCE)))
    connection.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(signature))
    connection.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(signature, sql.Identifier(PARTNERS)))


# --- generalised locations ------------------------------------------------------------------

Generaliser = Callable[[gpd.GeoDataFrame, Precision, LayerKind], gpd.GeoDataFrame]


def refresh_generalised(connection: Any, kind: LayerKind, generalise: Generaliser,
                        now: datetime | None = None) -> int:
    """Rebuild a layer's generalised table: the rows whose marking asks for a coarse precision
    (known, not expired at ``now``), generalised per precision by ``generalise``
    (``humanops.sharing.generalise.generalise``: the store cannot import the sharing package).
    Each output keeps its group's originator and marking (the earliest ``expires``), so the
    policy decides for it as for its members. Returns the rows written. Call after the layer
    changes (the hub does after each ingest)."""
    now = now or datetime.now(UTC)
    t = release.table_identifier(kind.name)
    fields = [f.name for f in kind.fields]
    columns = ["uuid", "version", "originator", "created", "modified", *release.MARKING_COLUMNS, *fields]
    coarse = release.precision_state_sql(sql.Identifier("precision"))
    known = release.marking_known_sql()
    query = sql.SQL("SELECT ST_AsBinary(geom), {cols} FROM {t} WHERE {coarse} = 'coarse' AND {known} AND "
                    "NOT {expired}").format(
        cols=sql.SQL(", ").join(map(sql.Identifier, columns)), t=t, coarse=coarse, known=known,
        expired=release.expires_expired_sql(sql.Identifier("expires"), sql.Literal(now)))
    with connection.transaction():
        connection.execute(release.NO_JIT)
        rows = connection.execute(query).fetchall()
        g = release.table_identifier(generalised_table(kind.name))
        connection.execute(sql.SQL("DELETE FROM {}").format(g))
        if not rows:
            return 0
        frame = gpd.GeoDataFrame(pd.DataFrame([r[1:] for r in rows], columns=columns),
                                 geometry=shapely.from_wkb([r[0] for r in rows]), crs=4326)
        for column in ("created", "modified", "expires"):
            frame[column] = pd.to_datetime(frame[column], utc=True)
        present = {r[0] for r in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            (generalised_table(kind.name),)).fetchall()}
        written = 0
        for text, group in frame.groupby(frame["precision"].str.strip()):
            out = generalise(group, Precision.parse(str(text)), kind)
            if not len(out):
                continue
            out = out.assign(generalised_at=now)
            names = [c for c in out.columns if c in present and c not in ("geom", out.geometry.name)]
            values = [[_plain(v) for v in row] for row in out[names].itertuples(index=False)]
            wkb = shapely.to_wkb(np.asarray(out.geometry.values, dtype=object))
            with connection.cursor() as cursor:
                cursor.executemany(sql.SQL("INSERT INTO {} (geom, {}) VALUES (ST_GeomFromWKB(%s, 4326), {})").format(
                    g, sql.SQL(", ").join(map(sql.Identifier, names)),
                    sql.SQL(", ").join(sql.Placeholder() * len(names))),
                    [[w, *v] for w, v in zip(wkb, values, strict=True)])
            written += len(out)
    return written


def _plain(value: Any) -> Any:
    """A value psycopg adapts: numpy scalars to Python, NaN/NaT to None."""
    if value is None or (not isinstance(value, list | tuple | np.ndarray) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
