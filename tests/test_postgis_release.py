"""The sharing rule in PostgreSQL: the SQL predicate answers as the policy, row by row.

Hypothesis draws directories (communities declared either way, revoked keys, a community the
directory does not know) and rows with markings, inserts the rows into a PostGIS table and
compares, for every recipient, the reason code the SQL gives (``release.reason_code_sql``)
with ``may_receive`` (markings the app writes) and ``decide_many`` (cells as another tool may
have typed them: odd case, whitespace, aliases, unknown values). Row-level security is then
checked by connecting as each partner's own login role.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql
from shapely.geometry import Point, box

from humanops.model import Feature
from humanops.model.marking import TLP, Marking, Precision
from humanops.sharing import policy
from humanops.sharing.directory import Community, Directory, Organisation
from humanops.sharing.policy import decide_many, may_receive
from humanops.store.postgis import release

ORGS = ("ocha", "medaid", "watergo", "shelternet", "civpro")
COMMUNITIES = ("community:wash", "community:health", "community:ghost")
STRANGER = "stranger"
RECIPIENTS = (*ORGS, STRANGER)
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]

TABLE = """CREATE TABLE {name} (
    fid bigserial PRIMARY KEY, uuid text, originator text, tlp text, releasable_to text, caveats text,
    expires timestamptz, precision text, geom geometry(Geometry, 4326))"""


@pytest.fixture
def conn(pg_dsn):
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        connection.execute(TABLE.format(name="marked"))
        connection.execute("SET jit = off")  # see release.NO_JIT
        yield connection


# --- strategies ----------------------------------------------------------------------------

memberships_st = st.fixed_dictionaries(
    {org: st.sets(st.sampled_from(COMMUNITIES[:2]), max_size=2) for org in ORGS})


@st.composite
def directories(draw):
    memberships = draw(memberships_st)
    declared_by_org = draw(st.booleans())
    revoked = draw(st.dictionaries(st.sampled_from(ORGS), st.integers(-48, 48), max_size=2))
    orgs = [Organisation(org, org.title(), communities=tuple(sorted(comms)) if declared_by_org else (),
                         revoked_at=NOW + timedelta(hours=revoked[org]) if org in revoked else None)
            for org, comms in memberships.items()]
    communities = [] if declared_by_org else [
        Community(c, c, tuple(sorted(o for o, comms in memberships.items() if c in comms)))
        for c in COMMUNITIES[:2]]
    return Directory(orgs, communities)


markings_st = st.builds(
    Marking,
    tlp=st.sampled_from(list(TLP)),
    releasable_to=st.lists(st.sampled_from([*ORGS, *COMMUNITIES, STRANGER]), max_size=3, unique=True).map(tuple),
    caveats=st.lists(st.sampled_from(["no_onward_sharing", "protection_sensitive", "no_public_release"]),
                     max_size=2, unique=True).map(tuple),
    expires=st.one_of(st.none(), st.integers(-3, 3).map(lambda h: NOW + timedelta(hours=h))),
    precision=st.sampled_from([Precision(), Precision.parse("grid:1000:k5"), Precision.parse("admin:admin_code")]),
)
originators = st.sampled_from([*ORGS, "", STRANGER])

# Cells as a hand edit in QGIS may leave them: what Python reads, the SQL must read alike.
WS = st.sampled_from(["", " ", "\t", "\u3000", "\x1c", "\xa0 ", "\n"])
tlp_cells = st.one_of(
    st.sampled_from([t.value for t in TLP]),
    st.tuples(WS, st.sampled_from(["", "TLP:", "tlp:", "TLP: "]),
              st.sampled_from(["clear", "Green", "amber", "amber+strict", "AMBER STRICT", "amber_strict", "red",
                               "white", "WHıTE", "AMBER+ﬅRICT", "AMBER+ſTRICT", "PURPLE", "AMBER+", "GRE EN", ""]),
              WS).map("".join),
    st.text(max_size=8), st.none())
party_cells = st.sampled_from([*ORGS, *COMMUNITIES, STRANGER, "", " ", "a b", "-x", "_x", ".x", "x" * 64, "x" * 65,
                              "ocha!", "Medaid"])
separators = st.sampled_from([",", ";", " , ", ";\u3000"])
releasable_cells = st.one_of(st.none(), st.lists(st.tuples(party_cells, separators), max_size=3).map(
    lambda parts: "".join(p + s for p, s in parts)[:-1] if parts else ""))
caveat_cells = st.one_of(st.none(), st.lists(st.tuples(st.sampled_from(
    ["no_onward_sharing", "protection_sensitive", "no_public_release", " no_onward_sharing ", "NO_ONWARD_SHARING",
     "secret", ""]), separators), max_size=2).map(lambda parts: "".join(p + s for p, s in parts)[:-1] if parts else ""))
precision_cells = st.one_of(st.none(), st.sampled_from(
    ["exact", " exact\t", "EXACT", "grid:1000:k5", "grid:10", "grid:9", "grid:0010", "grid:١٠٠٠", "grid:1000:k٣",
     "admin:admin_code", "admin:Admin", "admin:a١", "admin:", "grid:x", "", "  ", "exact:k5", "grid:5000:k"]))
expires_cells = st.one_of(st.none(), st.integers(-3, 3).map(lambda h: NOW + timedelta(hours=h)))


# --- helpers -------------------------------------------------------------------------------

def insert(connection, rows: list[dict], table: str = "marked") -> None:
    connection.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(table)))
    with connection.cursor() as cur:
        cur.executemany(sql.SQL("INSERT INTO {} (uuid, originator, tlp, releasable_to, caveats, expires, precision, "
                                "geom) VALUES (%s, %s, %s, %s, %s, %s, %s, ST_GeomFromText(%s, 4326))").format(
            sql.Identifier(table)),
            [(r["uuid"], r["originator"], r["tlp"], r["releasable_to"], r["caveats"], r["expires"], r["precision"],
              r.get("wkt")) for r in rows])


@functools.cache
def codes_query(with_aor: bool) -> sql.Composed:
    """One statement for every recipient: the contexts come as rows (as under row-level security)."""
    area = sql.SQL("ST_GeomFromText(ctx.aor, 4326)") if with_aor else None
    code = release.reason_code_sql(release.row_context("ctx"), row="m", area_of_responsibility=area)
    return sql.SQL("SELECT ctx.recipient, m.uuid, {code} FROM marked AS m CROSS JOIN "
                   "jsonb_to_recordset(%s::jsonb) AS ctx({columns}, aor text)").format(
        code=code, columns=release.CONTEXT_COLUMNS)


def sql_codes(connection, exporter: str, directory: Directory, *, aor=None, aor_of: str | None = None
              ) -> dict[str, dict[str, str]]:
    """{recipient: {uuid: reason_code}} from the SQL, all recipients in one round trip."""
    contexts = json.loads(release.context_rows([release.Audience.of(directory, r) for r in RECIPIENTS],
                                               exporter, NOW))
    for context in contexts:
        context["aor"] = aor.wkt if aor is not None and context["recipient"] == aor_of else None
    out: dict[str, dict[str, str]] = {r: {} for r in RECIPIENTS}
    for recipient, uuid, code in connection.execute(codes_query(aor is not None), [json.dumps(contexts)]).fetchall():
        out[recipient][uuid] = code
    return out


# --- the predicate against the policy ---------------------------------------------------------

def test_constants_are_the_policys():
    assert (release.ALLOW, release.WITHHOLD, release.GENERALISE) == (policy.ALLOW, policy.WITHHOLD,
                                                                     policy.GENERALISE)
    assert set(policy._MARKING_COLUMNS) < set(release.MARKING_COLUMNS)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(directories(), st.lists(st.tuples(markings_st, originators), min_size=1, max_size=25),
       st.sampled_from(ORGS))
def test_sql_decides_as_may_receive(conn, directory, rows, exporter):
    features = [Feature("need", Point(36.3, 33.5), {}, m, originator=o) for m, o in rows]
    insert(conn, [{**f.marking.to_columns(), "expires": f.marking.expires, "originator": f.originator,
                   "uuid": str(i)} for i, f in enumerate(features)])
    got = sql_codes(conn, exporter, directory)
    for recipient in RECIPIENTS:
        for i, f in enumerate(features):
            expected = may_receive(f, exporter, recipient, directory, NOW)
            assert got[recipient][str(i)] == expected.reason_code, (recipient, f.marking, f.originator, expected)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(directories(), st.lists(st.tuples(tlp_cells, releasable_cells, caveat_cells, precision_cells, expires_cells,
                                         originators), min_size=1, max_size=25), st.sampled_from(ORGS))
def test_sql_reads_hand_edited_cells_as_decide_many(conn, directory, cells, exporter):
    rows = [{"uuid": str(i), "tlp": t, "releasable_to": r, "caveats": c, "precision": p, "expires": e,
             "originator": o} for i, (t, r, c, p, e, o) in enumerate(cells)]
    insert(conn, [{**r, "tlp": r["tlp"].replace("\x00", "") if r["tlp"] else r["tlp"]} for r in rows])
    stored = pd.DataFrame(conn.execute(
        "SELECT uuid, tlp, releasable_to, caveats, expires, precision, originator FROM marked").fetchall(),
        columns=["uuid", "tlp", "releasable_to", "caveats", "expires", "precision", "originator"])
    stored["expires"] = pd.to_datetime(stored["expires"], utc=True)
    got = sql_codes(conn, exporter, directory)
    for recipient in RECIPIENTS:
        decisions = decide_many(stored, exporter, recipient, directory, NOW)
        for i, uuid in enumerate(stored["uuid"]):
            assert got[recipient][uuid] == decisions.reason_code[i], (recipient, stored.iloc[i].to_dict())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(directories(), st.lists(st.tuples(markings_st, originators, st.floats(36.0, 36.6), st.floats(33.2, 33.8)),
                               min_size=1, max_size=20), st.sampled_from(ORGS), st.sampled_from(ORGS))
def test_area_of_responsibility_as_may_receive(conn, directory, rows, exporter, recipient):
    area = box(36.0, 33.2, 36.3, 33.5)
    orgs = [o if o.id != recipient else Organisation(o.id, o.name, communities=o.communities,
                                                      revoked_at=o.revoked_at, area_of_responsibility=area)
            for o in directory.organisations.values()]
    directory = Directory(orgs, directory.communities.values())
    features = [Feature("need", Point(x, y), {}, m, originator=o) for m, o, x, y in rows]
    insert(conn, [{**f.marking.to_columns(), "expires": f.marking.expires, "originator": f.originator,
                   "uuid": str(i), "wkt": f.geometry.wkt} for i, f in enumerate(features)])
    got = sql_codes(conn, exporter, directory, aor=area, aor_of=recipient)
    for i, f in enumerate(features):
        expected = may_receive(f, exporter, recipient, directory, NOW, respect_aor=True)
        assert got[recipient][str(i)] == expected.reason_code


def test_release_decisions_names_the_action(conn):
    directory = Directory([Organisation("ocha", "OCHA", communities=("community:wash",)),
                           Organisation("medaid", "MedAid", communities=("community:wash",))])
    insert(conn, [
        {"uuid": "a", "originator": "ocha", "tlp": "GREEN", "releasable_to": None, "caveats": None, "expires": None,
         "precision": "exact"},
        {"uuid": "b", "originator": "ocha", "tlp": "AMBER", "releasable_to": "community:wash", "caveats": None,
         "expires": None, "precision": "grid:1000"},
        {"uuid": "c", "originator": "ocha", "tlp": "RED", "releasable_to": "watergo", "caveats": None,
         "expires": None, "precision": "exact"},
    ])
    got = {r[2]: r[:2] for r in release.release_decisions(conn, "marked", "ocha", "medaid", directory, NOW)}
    assert got == {"a": ("community", "allow"), "b": ("precision", "generalise"), "c": ("tlp_red_not_named",
                                                                                         "withhold")}


# --- row-level security: partners reading the hub's database with their own login --------------

HUB = "ocha"
PARTNER_ORGS = ("medaid", "watergo", "shelternet", "MSF-ch", "civpro")


def partner_directory() -> Directory:
    return Directory(
        [Organisation("ocha", "OCHA", communities=("community:wash", "community:health")),
         Organisation("medaid", "MedAid", communities=("community:health",)),
         Organisation("watergo", "WaterGo", communities=("community:wash",)),
         Organisation("shelternet", "ShelterNet"),
         Organisation("MSF-ch", "MSF Switzerland", communities=("community:health",)),
         Organisation("civpro", "CivPro", communities=("community:wash",), revoked_at=NOW - timedelta(days=2))],
        [Community("community:wash", "WASH"), Community("community:health", "Health")])


def sample_needs(n: int, seed: int) -> pd.DataFrame:
    """Needs with every kind of marking (random, reproducible) on a 0.01° lattice."""
    import random

    rng = random.Random(seed)
    parties = [*PARTNER_ORGS, "ocha", "community:wash", "community:health", "stranger"]
    rows = []
    for i in range(n):
        rows.append({
            "uuid": f"00000000-0000-4000-8000-{i:012d}", "version": 1, "name": f"site {i}", "population": 100 + i,
            "originator": rng.choice(["ocha", "ocha", "medaid", "watergo", ""]),
            "tlp": rng.choice([t.value for t in TLP]),
            "releasable_to": ",".join(rng.sample(parties, rng.randint(0, 2))) or None,
            "caveats": rng.choice([None, None, "no_onward_sharing", "protection_sensitive"]),
            "expires": rng.choice([None, None, NOW - timedelta(days=1), datetime.now(UTC) + timedelta(days=30)]),
            "precision": rng.choice(["exact", "exact", "grid:1000:k5", "grid:5000"]),
            "x": 36.0 + (i % 20) * 0.01, "y": 33.0 + (i // 20) * 0.01,
        })
    return pd.DataFrame(rows)


def load_layer(connection, layer: str, frame: pd.DataFrame) -> None:
    columns = [c for c in frame.columns if c not in ("x", "y")]
    with connection.cursor() as cur:
        cur.executemany(sql.SQL("INSERT INTO {} (geom, {}) VALUES (ST_SetSRID(ST_MakePoint(%s, %s), 4326), {})").format(
            sql.Identifier(layer), sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns))),
            [[r["x"], r["y"], *(None if pd.isna(r[c]) else r[c] for c in columns)]
             for r in frame.to_dict("records")])


@pytest.fixture
def hub(pg_cluster, pg_dsn):
    """A hub database with needs (marked, protected) and roads (reference), partners installed."""
    from humanops.catalog import load_catalog
    from humanops.sharing.generalise import generalise
    from humanops.store.postgis import row_security
    from humanops.store.postgis import schema as pg_schema

    catalog = load_catalog()
    needs = sample_needs(300, seed=7)
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        for kind in (catalog["need"], catalog["road"]):
            for statement in pg_schema.layer_table(kind):
                connection.execute(statement)
        load_layer(connection, "need", needs)
        connection.execute("INSERT INTO road (uuid, version, road_class, tlp, precision, geom) VALUES "
                           "('r1', 1, 'primary', 'CLEAR', 'exact', 'SRID=4326;LINESTRING(36 33, 36.1 33.1)')")
        directory = partner_directory()
        setup = row_security.install_row_security(connection, directory, HUB, ["need"], reference_layers=["road"])
        written = row_security.refresh_generalised(connection, catalog["need"], generalise)
        yield {"cluster": pg_cluster, "dsn": pg_dsn, "db": connection.info.dbname,
               "needs": needs, "directory": directory, "roles": setup.roles, "generalised": written,
               "connection": connection}


def as_partner(hub, org: str) -> psycopg.Connection:
    return psycopg.connect(hub["cluster"].dsn(hub["db"], user=hub["roles"][org]), autocommit=True)


def test_partner_roles_are_named_from_the_org_id_and_quoted():
    from humanops.store.postgis.row_security import partner_role

    assert partner_role("medaid") == "partner_medaid"
    odd = partner_role('MSF-ch"; DROP TABLE need; --')
    assert odd.startswith("partner_msf_ch") and len(odd) <= 63 and partner_role("msf-ch") != partner_role("MSF-ch")
    assert len(partner_role("x" * 64).encode()) <= 63


def test_each_partner_sees_exactly_what_the_policy_releases_to_it(hub):
    stored = pd.DataFrame(hub["connection"].execute(
        "SELECT uuid, tlp, releasable_to, caveats, expires, precision, originator FROM need").fetchall(),
        columns=["uuid", "tlp", "releasable_to", "caveats", "expires", "precision", "originator"])
    stored["expires"] = pd.to_datetime(stored["expires"], utc=True)
    now = datetime.now(UTC)
    seen_any = False
    for org in PARTNER_ORGS:
        decisions = decide_many(stored, HUB, org, hub["directory"], now)
        expected = set(stored["uuid"][decisions.action == "allow"])
        with as_partner(hub, org) as partner:
            visible = {r[0] for r in partner.execute("SELECT uuid FROM public.need").fetchall()}
            assert visible == expected, org
            # its own release table (what QGIS reads), and its plain "need" is that table ("$user")
            own = [r[0] for r in partner.execute(sql.SQL("SELECT uuid FROM {}").format(
                sql.Identifier(hub["roles"][org], "need"))).fetchall()]
            assert sorted(own) == sorted(expected), org
            assert {r[0] for r in partner.execute("SELECT uuid FROM need").fetchall()} == expected
            in_box = {r[0] for r in partner.execute("SELECT uuid FROM need_in_bbox(36.0, 33.0, 36.05, 33.05)")}
            boxed = {r[0] for r in partner.execute(
                "SELECT uuid FROM public.need WHERE geom && ST_MakeEnvelope(36.0, 33.0, 36.05, 33.05, 4326)")}
            assert in_box == boxed and in_box <= expected
            assert partner.execute("SELECT count(*) FROM road").fetchone()[0] == 1  # reference: read whole
            assert partner.execute("SELECT count(*) FROM humanops_release_audience").fetchone()[0] == 1
        seen_any |= bool(expected)
    assert seen_any
    revoked = decide_many(stored, HUB, "civpro", hub["directory"], now)
    assert set(revoked.reason_code[stored["tlp"] != "CLEAR"]) <= {"recipient_revoked", "expired"}


def test_generalised_rows_are_seen_only_generalised(hub):
    from humanops.model.marking import Marking

    assert hub["generalised"] > 0
    now = datetime.now(UTC)
    seen = 0
    for org in PARTNER_ORGS:
        with as_partner(hub, org) as partner:
            rows = partner.execute("SELECT g.uuid, g.originator, g.tlp, g.releasable_to, g.caveats, g.expires, "
                                   "g.precision, g.feature_count, ST_AsText(g.geom) FROM humanops_generalised_need g"
                                   ).fetchall()
            exact = {r[0] for r in partner.execute("SELECT uuid FROM need").fetchall()}
        seen += len(rows)
        for uuid, originator, tlp, releasable, caveats, expires, precision, count, _ in rows:
            marking = Marking.from_columns({"tlp": tlp, "releasable_to": releasable, "caveats": caveats,
                                            "expires": expires, "precision": precision})
            decision = may_receive(Feature("need", None, {}, marking, originator=originator), HUB, org,
                                   hub["directory"], now)
            assert decision.action == "generalise", (org, uuid, decision)
            assert count >= 1 and uuid not in exact
        # every row the policy generalises for this partner is in some visible aggregate, none exact
        for r in hub["needs"].to_dict("records"):
            marking = Marking.from_columns(r)
            f = Feature("need", Point(r["x"], r["y"]), {}, marking, originator=r["originator"] or None)
            if may_receive(f, HUB, org, hub["directory"], now).action == "generalise":
                assert r["uuid"] not in exact
                assert any(g[1] == (r["originator"] or None) and g[2] == r["tlp"] for g in rows), (org, r["uuid"])
    assert seen


def test_partners_cannot_write_and_roads_stay_clear(hub):
    with as_partner(hub, "medaid") as partner:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            partner.execute("UPDATE need SET tlp = 'CLEAR'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            partner.execute("DELETE FROM road")
    with pytest.raises(psycopg.errors.CheckViolation):
        hub["connection"].execute("UPDATE road SET tlp = 'AMBER'")


def test_a_role_without_an_audience_row_sees_nothing(hub):
    from humanops.store.postgis import row_security

    connection = hub["connection"]
    row_security.refresh_audiences(connection, hub["directory"], HUB, [o for o in PARTNER_ORGS if o != "watergo"])
    assert connection.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'partner_watergo'").fetchone()[0] \
        is False
    connection.execute("ALTER ROLE partner_watergo LOGIN")  # even with a login, the policy gives nothing
    # its release table went with its audience row
    assert connection.execute("SELECT to_regclass('partner_watergo.need')").fetchone()[0] is None
    with as_partner(hub, "watergo") as partner:
        assert partner.execute("SELECT count(*) FROM need").fetchone()[0] == 0
        assert partner.execute("SELECT count(*) FROM public.need WHERE tlp = 'CLEAR'").fetchone()[0] == 0
        assert partner.execute("SELECT count(*) FROM need_in_bbox(-180, -90, 180, 90)").fetchone()[0] == 0


def test_a_reference_layer_with_marked_rows_is_refused(hub):
    from humanops.errors import WorkspaceError
    from humanops.store.postgis import row_security

    connection = hub["connection"]
    with pytest.raises(WorkspaceError, match="layer need"):
        row_security.install_row_security(connection, hub["directory"], HUB, [], reference_layers=["need"])
    with as_partner(hub, "medaid") as partner:  # the failed set-up changed nothing
        assert partner.execute("SELECT count(*) FROM public.need").fetchone()[0] < len(hub["needs"])
        assert partner.execute("SELECT count(*) FROM partner_medaid.need").fetchone()[0] < len(hub["needs"])


def test_bench_team_runs_small_and_releases_nothing_outside_the_rules(pg_cluster):
    """benchmarks/bench_team.py at a tiny size (the full size is a benchmark, not a test)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_team
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    results = bench_team.run(roads=3000, needs=1500, orgs=5, queries=3, limit=5000, side=0.5, gpkg=False,
                             cluster=pg_cluster)
    assert results["release_test"]["released_outside_rules"] == 0
    assert results["release_test"]["generalised_outside_rules"] == 0
    assert results["release_test"]["withheld_though_allowed"] == 0
    assert results["release_test"]["rows_released_exact_total"] > 0
    assert results["bbox_query"]["features_max"] > 0
    assert any("Index Scan on need_geom" in n for n in results["bbox_query"]["hub_plan"])
    assert results["release_test"]["release_table_duplicates"] == 0
    assert results["release_tables"]["rows_all_partners"] == results["release_test"]["rows_released_exact_total"]
    assert "rls_ratio_release_table" in results["bbox_query"]


# --- the partners' release tables (store/postgis/release_tables.py): what QGIS reads ------------

def released_to(connection, directory: Directory, rows: list[tuple]) -> dict[str, set[str]]:
    """{organisation: uuids} the policy allows exactly, now (the independent reading)."""
    now = datetime.now(UTC)
    out: dict[str, set[str]] = {}
    for org in PARTNER_ORGS:
        out[org] = set()
        for uuid, originator, tlp, releasable, caveats, expires, precision in rows:
            marking = Marking.from_columns({"tlp": tlp, "releasable_to": releasable, "caveats": caveats,
                                            "expires": expires, "precision": precision})
            feature = Feature("need", None, {}, marking, originator=originator or None)
            if may_receive(feature, HUB, org, directory, now).action == "allow":
                out[org].add(uuid)
    return out


def release_tables_now(hub) -> dict[str, list[str]]:
    """{organisation: uuids} each partner reads from its own release table, as that partner."""
    out = {}
    for org in PARTNER_ORGS:
        with as_partner(hub, org) as partner:
            out[org] = sorted(r[0] for r in partner.execute(sql.SQL("SELECT uuid FROM {}").format(
                sql.Identifier(hub["roles"][org], "need"))).fetchall())
    return out


def stored_markings(connection) -> list[tuple]:
    return connection.execute("SELECT uuid, originator, tlp, releasable_to, caveats, expires, precision "
                              "FROM need").fetchall()


def assert_release_tables_match(hub) -> None:
    expected = released_to(hub["connection"], hub["directory"], stored_markings(hub["connection"]))
    got = release_tables_now(hub)
    for org in PARTNER_ORGS:
        assert got[org] == sorted(expected[org]), org  # sorted lists: no row twice either


live_expires = st.one_of(st.none(), st.sampled_from([-2, 2, 48]))  # hours from now (the server's clock)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(st.tuples(markings_st, originators, live_expires), min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 11), markings_st, live_expires), max_size=4),
       st.lists(st.integers(0, 11), max_size=3))
def test_release_tables_hold_what_may_receive_releases_through_inserts_updates_deletes(hub, rows, updates,
                                                                                      deletes):
    """Each statement on the layer keeps every partner's table equal to the rule, decided by
    ``may_receive`` in Python (the triggers, not a refresh)."""
    connection = hub["connection"]
    now = datetime.now(UTC)

    def cells(marking: Marking, hours: int | None) -> dict:
        return {**marking.to_columns(), "expires": None if hours is None else now + timedelta(hours=hours)}

    connection.execute("DELETE FROM need")
    frame = pd.DataFrame([{"uuid": f"p-{i}", "version": 1, "name": "n", "population": 1, "originator": o,
                           **cells(m, h), "x": 36.0, "y": 33.0} for i, (m, o, h) in enumerate(rows)])
    load_layer(connection, "need", frame)
    assert_release_tables_match(hub)
    for index, marking, hours in updates:
        if index < len(rows):
            c = cells(marking, hours)
            connection.execute("UPDATE need SET tlp = %s, releasable_to = %s, caveats = %s, expires = %s, "
                               "precision = %s WHERE uuid = %s", (c["tlp"], c["releasable_to"], c["caveats"],
                                                                  c["expires"], c["precision"], f"p-{index}"))
    connection.execute("DELETE FROM need WHERE uuid = ANY(%s)", ([f"p-{i}" for i in deletes],))
    assert_release_tables_match(hub)


def test_a_release_table_follows_an_edit_and_an_expiry_without_a_refresh(hub):
    connection = hub["connection"]
    insert_row = ("INSERT INTO need (uuid, version, originator, tlp, releasable_to, precision, expires, geom) "
                  "VALUES (%s, 1, 'ocha', 'AMBER', %s, 'exact', {}, ST_SetSRID(ST_MakePoint(36, 33), 4326))")

    def holders(uuid: str) -> set[str]:
        return {org for org, uuids in release_tables_now(hub).items() if uuid in uuids}

    connection.execute(insert_row.format("NULL"), ("edited", "medaid"))
    assert holders("edited") == {"medaid"}
    connection.execute("UPDATE need SET releasable_to = 'watergo,shelternet' WHERE uuid = 'edited'")
    assert holders("edited") == {"watergo", "shelternet"}
    connection.execute("UPDATE need SET tlp = 'RED', releasable_to = 'watergo' WHERE uuid = 'edited'")
    assert holders("edited") == {"watergo"}
    connection.execute("DELETE FROM need WHERE uuid = 'edited'")
    assert holders("edited") == set()

    # an expiry: the row leaves at its time, with no write anywhere (the table's own policy)
    connection.execute(insert_row.format("clock_timestamp() + interval '1.5 seconds'"), ("expiring", "medaid"))
    assert holders("expiring") == {"medaid"}
    time.sleep(1.7)
    assert holders("expiring") == set()
    assert connection.execute("SELECT count(*) FROM partner_medaid.need WHERE uuid = 'expiring'").fetchone()[0] == 1
    assert_release_tables_match(hub)


def test_a_partner_reads_only_its_own_release_table(hub):
    with as_partner(hub, "medaid") as partner:
        assert partner.execute("SELECT count(*) FROM partner_medaid.need").fetchone()[0] > 0
        for query in ("SELECT count(*) FROM partner_watergo.need", "SELECT count(*) FROM humanops_release_need",
                      "UPDATE partner_medaid.need SET tlp = 'CLEAR'", "DELETE FROM partner_medaid.need"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                partner.execute(query)
        # a partner cannot run the trigger's function to fill its table
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            partner.execute("SELECT humanops_release_need_sync()")


def test_a_directory_change_decides_every_release_table_again(hub):
    from humanops.store.postgis import row_security

    connection = hub["connection"]
    before = release_tables_now(hub)
    directory = partner_directory()
    # shelternet joins the health community: GREEN rows of health members now reach it
    orgs = [o if o.id != "shelternet" else Organisation(o.id, o.name, communities=("community:health",))
            for o in directory.organisations.values()]
    hub["directory"] = Directory(orgs, directory.communities.values())
    row_security.refresh_audiences(connection, hub["directory"], HUB, PARTNER_ORGS)
    after = release_tables_now(hub)
    assert len(after["shelternet"]) > len(before["shelternet"])
    assert_release_tables_match(hub)


def test_a_full_refresh_does_not_lock_partners_out(hub):
    """While the hub's full refresh is open (not yet committed), a partner's read of its release
    table is answered at once, with the contents from before (they change at the commit)."""
    from humanops.store.postgis import release_tables

    connection = hub["connection"]
    before = release_tables_now(hub)
    connection.execute("ALTER TABLE need DISABLE TRIGGER humanops_release_update")
    connection.execute("UPDATE need SET tlp = 'CLEAR', expires = NULL WHERE uuid = %s",
                       (hub["needs"]["uuid"].iloc[0],))  # a change only a refresh brings in
    connection.execute("ALTER TABLE need ENABLE TRIGGER humanops_release_update")
    with connection.transaction():
        release_tables.refresh_release_tables(connection, ["need"])
        with as_partner(hub, "medaid") as partner:
            partner.execute("SET lock_timeout = '2s'")  # a lock held by the refresh fails the read
            read = sorted(r[0] for r in partner.execute("SELECT uuid FROM partner_medaid.need").fetchall())
        assert read == before["medaid"]
    assert_release_tables_match(hub)
    assert hub["needs"]["uuid"].iloc[0] in release_tables_now(hub)["medaid"]
