"""The sharing rule as one SQL expression: what an organisation may receive from us, per row.

:func:`reason_code_sql` is ``humanops.sharing.policy``'s rule table (rules 1–14, 16–17, and 15
when given an area of responsibility) written as one ``CASE`` over a layer table's marking
columns (tlp, releasable_to, caveats, expires, precision) and ``originator``. It gives the
same reason code as ``decide_many`` for every row and recipient; ``tests/test_postgis_release.py``
checks that with hypothesis against ``may_receive`` and ``decide_many``. The hub uses it to
choose each partner's export in the database (:func:`release_decisions`), and row-level
security (:mod:`humanops.store.postgis.row_security`) applies the same expression to the
querying partner.

The store sits below ``humanops.sharing`` (the import-linter layers): this module reads the
directory through the few look-ups it needs (:class:`DirectoryLike`), and the policy's
constants through ``humanops.model.marking`` (TLP values, caveats, the party and precision
patterns), so they cannot drift apart.

How the stored text is read, exactly as Python reads it (``Marking.from_columns``):

- whitespace is what ``str.strip()`` strips (all of Unicode's, not only spaces);
- a TLP is upper-cased as ``str.upper()`` does it, including the few non-ASCII letters whose
  capital is ASCII (``ı`` → ``I``, ``ﬅ`` → ``ST``); ``TLP:`` is dropped; WHITE is CLEAR;
- ``\\d`` in the precision pattern is any Unicode decimal digit, as in Python's ``re``;
- a list (releasable_to, caveats) splits on ``,`` and ``;``; one invalid party or unknown
  caveat makes the whole marking unknown (withheld), as ``Marking`` refuses it.

Cells as the app writes them (lists comma-joined without spaces, canonical precision) take
cheap fast paths; any other cell the exact, slower reading above.

Every rule is expressed; the limits: rule 15 (area of responsibility) is optional as in
``may_receive`` (``respect_aor``): PostGIS's ``ST_Intersects`` and shapely's ``intersects``
are both GEOS, but a geometry exactly on the area's edge might still be judged apart, so an
export that must match Python to the last boundary point re-checks with ``decide_many``.
``expires`` is read as the ``timestamptz`` column the PostGIS schema makes (a text column
would need ISO 8601 parsing in SQL). A context value missing (NULL: a login with no audience
row) withholds everything (code :data:`NO_AUDIENCE`, ours, not the policy's).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from psycopg import sql

from humanops.model.marking import _PARTY, _PRECISION, CAVEATS, TLP
from humanops.store.schema import MARKING_NAMES

# The expression is long (the Unicode tables below): compiling it with LLVM costs seconds
# (measured 3 s) where evaluating it costs microseconds a row, so queries using it run without JIT.
NO_JIT = "SET LOCAL jit = off"
# The policy's actions and reason codes (humanops.sharing.policy; equal strings, tested).
ALLOW, WITHHOLD, GENERALISE = "allow", "withhold", "generalise"
ALLOW_CODES = ("originator", "clear", "named", "community", "chosen_by_originator")
GENERALISE_CODES = ("precision",)
NO_ONWARD_SHARING = "no_onward_sharing"
NO_AUDIENCE = "no_audience"  # ours, not the policy's: the context names no recipient (withhold)
MARKING_COLUMNS = MARKING_NAMES  # the layer tables' marking columns, as both stores name them
# TLP.parse's other spellings: each is checked against TLP.parse when first used.
_TLP_ALIASES = {"WHITE": "CLEAR", "AMBER STRICT": "AMBER+STRICT", "AMBER_STRICT": "AMBER+STRICT"}
_TLP_PREFIX = "TLP:"


class OrganisationLike(Protocol):
    revoked_at: datetime | None


class DirectoryLike(Protocol):
    """What the predicate reads of ``humanops.sharing.directory.Directory``."""

    def organisation(self, org_id: str) -> Any: ...

    def communities_of(self, org_id: str) -> set[str]: ...

    def members_of(self, community_id: str) -> set[str]: ...


@dataclass(frozen=True)
class Audience:
    """One recipient as the predicate sees it, from the directory.

    ``parties``: the releasable_to entries that name it (its id and its communities);
    ``peers``: the originators sharing at least one community with it (GREEN with no list);
    ``revoked_at``: when its key was revoked, if it was."""

    recipient: str
    parties: tuple[str, ...]
    peers: tuple[str, ...]
    revoked_at: datetime | None

    @classmethod
    def of(cls, directory: DirectoryLike, recipient: str) -> Audience:
        communities = sorted(directory.communities_of(recipient))
        peers: set[str] = set()
        for community in communities:
            peers |= directory.members_of(community)
        org = directory.organisation(recipient)
        revoked = getattr(org, "revoked_at", None) if org is not None else None
        if revoked is not None and revoked.tzinfo is None:
            revoked = revoked.replace(tzinfo=UTC)  # the policy reads a naive time as UTC
        return cls(recipient, tuple(p for p in (recipient, *communities) if p), tuple(sorted(p for p in peers if p)),
                   revoked)


@dataclass(frozen=True)
class ReleaseContext:
    """SQL expressions for who asks, who sends and when: literals for an export
    (:func:`literal_context`), the querying partner's row for row-level security."""

    exporter: sql.Composable  # text
    recipient: sql.Composable  # text
    parties: sql.Composable  # text[]
    peers: sql.Composable  # text[]
    revoked_at: sql.Composable  # timestamptz or NULL
    now: sql.Composable  # timestamptz


def literal_context(audience: Audience, exporter: str, now: datetime) -> ReleaseContext:
    """The context for one export: everything a literal in the statement."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return ReleaseContext(
        exporter=sql.Literal(exporter), recipient=sql.Literal(audience.recipient),
        parties=sql.SQL("{}::text[]").format(sql.Literal(list(audience.parties))),
        peers=sql.SQL("{}::text[]").format(sql.Literal(list(audience.peers))),
        revoked_at=sql.SQL("{}::timestamptz").format(sql.Literal(audience.revoked_at)),
        now=sql.SQL("{}::timestamptz").format(sql.Literal(now)))


def row_context(alias: str) -> ReleaseContext:
    """The context read from columns exporter, recipient, parties, peers, revoked_at and now of
    a row ``alias`` joined to the layer (a table of audiences, one row per recipient)."""
    def col(name: str) -> sql.Composable:
        return sql.Identifier(alias, name)

    return ReleaseContext(exporter=col("exporter"), recipient=col("recipient"), parties=col("parties"),
                          peers=col("peers"), revoked_at=col("revoked_at"), now=col("now"))


def context_rows(audiences: Iterable[Audience], exporter: str, now: datetime) -> str:
    """JSON for ``jsonb_to_recordset(...) AS alias(CONTEXT_COLUMNS)``: one context row per audience."""
    return json.dumps([{"exporter": exporter, "recipient": a.recipient, "parties": list(a.parties),
                        "peers": list(a.peers), "revoked_at": a.revoked_at.isoformat() if a.revoked_at else None,
                        "now": now.isoformat()} for a in audiences])


CONTEXT_COLUMNS = sql.SQL("exporter text, recipient text, parties text[], peers text[], revoked_at timestamptz, "
                          "now timestamptz")


# --- reading the stored text as Python does ------------------------------------------------

@functools.cache
def _python_whitespace() -> str:
    """Every character ``str.strip()`` strips."""
    return "".join(c for c in map(chr, range(0x110000)) if c.isspace())


@functools.cache
def _upper_to_ascii() -> tuple[tuple[str, str], ...]:
    """Non-ASCII characters whose ``str.upper()`` is all ASCII (``ı`` → ``I``, ``ß`` → ``SS``):
    the only ones that can turn into a TLP word. Others stay non-ASCII in both readers."""
    return tuple((c, c.upper()) for c in map(chr, range(0x80, 0x110000)) if c.upper().isascii())


@functools.cache
def _unicode_digits() -> str:
    """A regex bracket body for Python ``re``'s ``\\d`` on text: every Unicode decimal digit."""
    digits = [c for c in map(chr, range(0x110000)) if unicodedata.category(c) == "Nd"]
    runs: list[tuple[str, str]] = []
    for c in digits:
        if runs and ord(c) == ord(runs[-1][1]) + 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return "".join(a if a == b else f"{a}-{b}" for a, b in runs)


@functools.cache
def _digit_translation() -> tuple[str, str]:
    """(from, to) for ``translate()``: each non-ASCII decimal digit to its ASCII value."""
    digits = [c for c in map(chr, range(0x80, 0x110000)) if unicodedata.category(c) == "Nd"]
    return "".join(digits), "".join(str(unicodedata.decimal(c)) for c in digits)


def _check_aliases() -> None:
    for alias, value in _TLP_ALIASES.items():
        if TLP.parse(alias).value != value:  # TLP.parse changed: the SQL would disagree
            raise RuntimeError(f"TLP alias {alias!r} no longer reads as {value}")


def _bracket(chars: str) -> str:
    """A regex bracket body holding ``chars`` literally."""
    return "".join("\\" + c if c in "]\\^-[" else c for c in chars)


def _list_pattern(item: str) -> str:
    """A whole releasable_to/caveats cell, every part (stripped) empty or ``item``."""
    ws = f"[{_bracket(_python_whitespace())}]"
    part = f"{ws}*(?:(?:{item}){ws}*)?"
    return f"^{part}(?:[,;]{part})*$"


def _party_pattern() -> str:
    body = _PARTY.pattern
    assert body.startswith("^") and body.endswith("$")
    return body[1:-1]


def _precision_pattern() -> str:
    """marking._PRECISION with Python's ``\\d`` spelled out (PostgreSQL's depends on locale)."""
    return _PRECISION.pattern.replace("\\d", f"[0-9{_unicode_digits()}]")


def _stripped(column: sql.Composable) -> sql.Composed:
    return sql.SQL("btrim({}, {})").format(column, sql.Literal(_python_whitespace()))


def tlp_sql(column: sql.Composable) -> sql.Composed:
    """The canonical TLP value of a stored cell, or NULL when TLP.parse would refuse it
    (NULL and blank are refused as ``decide_many`` refuses them)."""
    _check_aliases()
    values = [t.value for t in TLP]
    text: sql.Composable = _stripped(column)
    for char, upper in _upper_to_ascii():
        text = sql.SQL("replace({}, {}, {})").format(text, sql.Literal(char), sql.Literal(upper))
    lower = "abcdefghijklmnopqrstuvwxyz"
    text = sql.SQL("translate({}, {}, {})").format(text, sql.Literal(lower), sql.Literal(lower.upper()))
    unprefixed = sql.SQL("CASE WHEN starts_with({t}, {p}) THEN substr({t}, {n}) ELSE {t} END").format(
        t=text, p=sql.Literal(_TLP_PREFIX), n=sql.Literal(len(_TLP_PREFIX) + 1))
    mapping = [*((v, v) for v in values), *_TLP_ALIASES.items()]
    slow = sql.SQL("CASE {} {} END").format(unprefixed, sql.SQL(" ").join(
        sql.SQL("WHEN {} THEN {}").format(sql.Literal(a), sql.Literal(v)) for a, v in mapping))
    # the stored values are nearly always canonical: the slow reading only for the others
    return sql.SQL("(CASE WHEN {c} IN ({v}) THEN {c} ELSE {slow} END)").format(
        c=column, v=sql.SQL(", ").join(map(sql.Literal, values)), slow=slow)


# Fast paths: the app writes lists comma-joined without spaces and precisions in their
# canonical form; such cells are read with cheap tests (measured: the exact Python-alike
# reading costs 5-50 us a row, the fast one under 1 us). Every other cell takes the slow,
# exact reading. Both give the same answer for a canonical cell.
_CANONICAL_LIST = "^[A-Za-z0-9_.:,-]*$"  # no whitespace, no ';': parts are split by ',' alone
_CANONICAL_COARSE = "^(grid:0*[1-9][0-9]+|admin:[a-z0-9_]+)(:k[0-9]+)?$"  # grid: at least 10 m


def _canonical_list(column: sql.Composable) -> sql.Composed:
    return sql.SQL("({c} IS NULL OR {c} ~ {p})").format(c=column, p=sql.Literal(_CANONICAL_LIST))


def _list_valid_sql(column: sql.Composable, item: str, known: Sequence[str] | None = None) -> sql.Composed:
    """Whether every part of a list cell (stripped) is empty or ``item``; ``known``: the only
    values ``item`` admits (caveats), for the fast path."""
    if known is not None:
        fast = sql.SQL("(string_to_array(coalesce({c}, ''), ',') <@ {k}::text[])").format(
            c=column, k=sql.Literal(["", *known]))
    else:  # parties: start with a letter or digit, at most 64 characters
        fast = sql.SQL("({c} IS NULL OR ({c} !~ '(^|,)[_.:-]' AND (length({c}) <= 64 OR {c} !~ '[^,]{{65}}')))"
                       ).format(c=column)
    slow = sql.SQL("{c} ~ {p}").format(c=column, p=sql.Literal(_list_pattern(item)))
    return sql.SQL("(CASE WHEN {canon} THEN {fast} ELSE coalesce({slow}, false) END)").format(
        canon=_canonical_list(column), fast=fast, slow=slow)


def _list_array_sql(column: sql.Composable) -> sql.Composed:
    """The parts of a *valid* list cell as text[] (parts hold no whitespace once valid, so
    deleting every whitespace character strips them); empty parts are '' and name nobody."""
    slow = sql.SQL("string_to_array(translate(coalesce({}, ''), {}, ','), ',')").format(
        column, sql.Literal(";" + _python_whitespace()))
    return sql.SQL("(CASE WHEN {canon} THEN string_to_array(coalesce({c}, ''), ',') ELSE {slow} END)").format(
        canon=_canonical_list(column), c=column, slow=slow)


def _list_empty_sql(column: sql.Composable) -> sql.Composed:
    slow = sql.SQL("(translate(coalesce({}, ''), {}, '') = '')").format(
        column, sql.Literal(",;" + _python_whitespace()))
    return sql.SQL("(CASE WHEN {canon} THEN coalesce({c}, '') ~ '^,*$' ELSE {slow} END)").format(
        canon=_canonical_list(column), c=column, slow=slow)


def precision_state_sql(column: sql.Composable) -> sql.Composed:
    """'exact', 'coarse' (grid or admin) or NULL (not a precision Precision.parse takes, or blank)."""
    stripped = _stripped(column)
    frm, to = _digit_translation()
    metres = sql.SQL("substring(translate({}, {}, {}) from '^grid:([0-9]+)')::numeric").format(
        stripped, sql.Literal(frm), sql.Literal(to))
    return sql.SQL(
        "(CASE WHEN {c} = 'exact' THEN 'exact' WHEN {c} ~ {fast} THEN 'coarse' "
        "WHEN {c} IS NULL OR {s} !~ {p} THEN NULL WHEN {s} = 'exact' THEN 'exact' "
        "WHEN starts_with({s}, 'grid:') AND {m} < 10 THEN NULL ELSE 'coarse' END)").format(
        c=column, fast=sql.Literal(_CANONICAL_COARSE), s=stripped, p=sql.Literal(_precision_pattern()), m=metres)


def expires_expired_sql(column: sql.Composable, now: sql.Composable) -> sql.Composed:
    return sql.SQL("({c} IS NOT NULL AND {c} <= {now})").format(c=column, now=now)


# --- the rule table -------------------------------------------------------------------------

def reason_code_sql(context: ReleaseContext, *, row: str | None = None,
                    area_of_responsibility: sql.Composable | None = None,
                    geometry_column: str = "geom") -> sql.Composed:
    """The policy's reason code for each row (a text ``CASE``): ``row`` is the table's alias
    in the query, if any. With ``area_of_responsibility`` (a geometry expression, NULL for
    none) rule 15 applies as with ``respect_aor=True``."""
    def col(name: str) -> sql.Composable:
        return sql.Identifier(row, name) if row else sql.Identifier(name)

    c = context
    tlp = tlp_sql(col("tlp"))
    precision = precision_state_sql(col("precision"))
    releasable, caveats = col("releasable_to"), col("caveats")
    parties = _list_array_sql(releasable)
    originator = sql.SQL("coalesce(nullif({}, ''), {})").format(col("originator"), c.exporter)
    onward = sql.SQL("({} IS DISTINCT FROM {})").format(c.exporter, originator)
    has_parties = sql.SQL("NOT {}").format(_list_empty_sql(releasable))
    named = sql.SQL("({} && {})").format(parties, c.parties)
    named_directly = sql.SQL("({} = ANY({}))").format(c.recipient, parties)
    green, amber = sql.Literal(TLP.GREEN.value), sql.Literal(TLP.AMBER.value)
    strict, red, clear = (sql.Literal(TLP.AMBER_STRICT.value), sql.Literal(TLP.RED.value),
                          sql.Literal(TLP.CLEAR.value))
    unknown = sql.SQL("({t} IS NULL OR {p} IS NULL OR NOT {rv} OR NOT {cv})").format(
        t=tlp, p=precision, rv=_list_valid_sql(releasable, _party_pattern()),
        cv=_list_valid_sql(caveats, _caveat_pattern(), CAVEATS))
    # a context value missing (a role with no audience row): nothing, before any rule can
    # read a NULL as "not restricted"
    no_audience = sql.SQL("({} IS NULL OR {} IS NULL OR {} IS NULL OR {} IS NULL OR {} IS NULL)").format(
        c.exporter, c.recipient, c.parties, c.peers, c.now)
    rules: list[tuple[sql.Composable, str]] = [
        (no_audience, NO_AUDIENCE),
        (unknown, "unknown_marking"),
        (expires_expired_sql(col("expires"), c.now), "expired"),
        (sql.SQL("({r} IS NOT NULL AND {r} <= {now} AND {t} <> {clear})").format(
            r=c.revoked_at, now=c.now, t=tlp, clear=clear), "recipient_revoked"),
        (sql.SQL("({} = {})").format(c.recipient, originator), "originator"),
        (sql.SQL("({} AND {} = ANY({}))").format(onward, sql.Literal(NO_ONWARD_SHARING), _list_array_sql(caveats)),
         "no_onward_sharing"),
        (sql.SQL("({} AND {} = {})").format(onward, tlp, red), "onward_red"),
        (sql.SQL("({} AND {} = {})").format(onward, tlp, strict), "onward_amber_strict"),
        (sql.SQL("({t} IN ({g}, {a}) AND {h} AND NOT {n})").format(t=tlp, g=green, a=amber, h=has_parties,
                                                                   n=named), "not_releasable"),
        (sql.SQL("({t} = {g} AND NOT {h} AND NOT ({o} = ANY({peers})))").format(
            t=tlp, g=green, h=has_parties, o=originator, peers=c.peers), "no_shared_community"),
        (sql.SQL("({t} = {a} AND NOT {h} AND {onward})").format(t=tlp, a=amber, h=has_parties, onward=onward),
         "originator_limit"),
        (sql.SQL("({} = {} AND NOT {})").format(tlp, strict, named_directly), "tlp_amber_strict_not_named"),
        (sql.SQL("({} = {} AND NOT {})").format(tlp, red, named_directly), "tlp_red_not_named"),
        (sql.SQL("({} = 'coarse' AND NOT {})").format(precision, named_directly), "precision"),
        (sql.SQL("({} = {})").format(tlp, clear), "clear"),
        (sql.SQL("({} = {} AND NOT {})").format(tlp, green, has_parties), "community"),
        (sql.SQL("({} = {} AND NOT {})").format(tlp, amber, has_parties), "chosen_by_originator"),
    ]
    case = sql.SQL("(CASE {} ELSE 'named' END)").format(sql.SQL(" ").join(
        sql.SQL("WHEN {} THEN {}").format(cond, sql.Literal(code)) for cond, code in rules))
    if area_of_responsibility is None:
        return case
    outside = sql.SQL("({a} IS NOT NULL AND {g} IS NOT NULL AND NOT ST_Intersects({a}, {g}))").format(
        a=area_of_responsibility, g=col(geometry_column))
    return sql.SQL("(CASE WHEN {code} IN ({kept}) AND {outside} THEN 'outside_aor' ELSE {code} END)").format(
        code=case, kept=sql.SQL(", ").join(map(sql.Literal, (*ALLOW_CODES, *GENERALISE_CODES))), outside=outside)


def marking_known_sql(*, row: str | None = None) -> sql.Composed:
    """True when the row's marking is one this version reads (the opposite of rule 1)."""
    def col(name: str) -> sql.Composable:
        return sql.Identifier(row, name) if row else sql.Identifier(name)

    return sql.SQL("({t} IS NOT NULL AND {p} IS NOT NULL AND {rv} AND {cv})").format(
        t=tlp_sql(col("tlp")), p=precision_state_sql(col("precision")),
        rv=_list_valid_sql(col("releasable_to"), _party_pattern()),
        cv=_list_valid_sql(col("caveats"), _caveat_pattern(), CAVEATS))


def _caveat_pattern() -> str:
    return "|".join(re.escape(x) for x in CAVEATS)


def action_sql(reason_code: sql.Composable) -> sql.Composed:
    """'allow', 'generalise' or 'withhold' for a reason code expression."""
    return sql.SQL("(CASE WHEN {r} IN ({a}) THEN {allow} WHEN {r} IN ({g}) THEN {gen} ELSE {w} END)").format(
        r=reason_code, a=sql.SQL(", ").join(map(sql.Literal, ALLOW_CODES)), allow=sql.Literal(ALLOW),
        g=sql.SQL(", ").join(map(sql.Literal, GENERALISE_CODES)), gen=sql.Literal(GENERALISE),
        w=sql.Literal(WITHHOLD))


def released_sql(context: ReleaseContext, actions: Iterable[str] = (ALLOW,), *, row: str | None = None) -> sql.Composed:
    """A boolean: the row's action is one of ``actions`` (allow: exact rows only)."""
    wanted = [a for a in (ALLOW, GENERALISE) if a in set(actions)]
    codes = [*(ALLOW_CODES if ALLOW in wanted else ()), *(GENERALISE_CODES if GENERALISE in wanted else ())]
    if not codes:
        return sql.SQL("false")
    return sql.SQL("({} IN ({}))").format(reason_code_sql(context, row=row),
                                          sql.SQL(", ").join(map(sql.Literal, codes)))


# --- an export in the database -----------------------------------------------------------------

def table_identifier(table: str) -> sql.Identifier:
    """``schema.table`` or ``table`` as a quoted identifier."""
    return sql.Identifier(*table.split(".", 1))


def release_decisions(connection: Any, table: str, exporter: str, recipient: str, directory: DirectoryLike,
                      now: datetime, *, columns: Sequence[str] = ("uuid",),
                      area_of_responsibility: Any = None, uuids: Sequence[str] | None = None) -> list[tuple]:
    """(reason_code, action, *columns) of every row of ``table`` for ``recipient``, decided in the
    database: the hub's per-partner export selects with it. ``area_of_responsibility`` (a
    shapely geometry) applies rule 15; ``uuids``: only those rows (an incremental export's)."""
    context = literal_context(Audience.of(directory, recipient), exporter, now)
    aor = None if area_of_responsibility is None else sql.SQL("ST_GeomFromWKB({}, 4326)").format(
        sql.Literal(area_of_responsibility.wkb))
    code = reason_code_sql(context, row="t", area_of_responsibility=aor)
    where = sql.SQL("") if uuids is None else sql.SQL(" WHERE t.uuid = ANY({}::text[])").format(
        sql.Literal(list(uuids)))
    query = sql.SQL("SELECT code, {action}{cols} FROM (SELECT {code} AS code{tcols} FROM {table} AS t{where}) AS d"
                    ).format(
        action=action_sql(sql.Identifier("code")),
        cols=sql.SQL("").join(sql.SQL(", {}").format(sql.Identifier(c)) for c in columns),
        code=code, tcols=sql.SQL("").join(sql.SQL(", t.{}").format(sql.Identifier(c)) for c in columns),
        table=table_identifier(table), where=where)
    with connection.transaction():
        connection.execute(NO_JIT)
        return connection.execute(query).fetchall()
