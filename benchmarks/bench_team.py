"""Team workspace benchmark (issue 14): a hub's PostGIS database with row-level security.

    .venv/bin/python benchmarks/bench_team.py --roads 2000000 --needs 100000 --orgs 50 [--ingest 10000]

Starts a throwaway PostgreSQL + PostGIS cluster (tests/pg_cluster.py), makes a workspace in it
(``PostgisWorkspace.create``), loads N road segments (CLEAR: a reference layer, out of
row-level security) and M needs with random markings through COPY, and times the initial load.
Then, side by side, the map query (every road and need in a bbox, up to 5,000 features, rows
fetched and geometries decoded): as the hub (no row-level security), as a partner reading the
tables (the policy on needs), as a partner through the ``need_in_bbox`` function, as a partner
reading its own release table (``<role>.need``, store/postgis/release_tables.py: what QGIS reads;
``release_tables`` reports their rows, storage, a full refresh and an edit's cost), and the same
query on a GeoPackage workspace of the same data (``LayerReader.rows`` with a bbox). Budgets:
p95 <= 300 ms, and under row-level security <= 2x without. The plan of the partner's bbox query
on the table is reported (index or not). Last, the release test: ``--orgs`` organisations in a
generated directory; for each, the rows the SQL predicate releases (an export's selection) and
the rows the partner's own login reads are checked against an independent checker,
``may_receive`` in Python over every row: 0 rows may be released outside the rules. Then the
same through the packages (``package_release_test``, ``--package-needs``): a hub exports one
package to each of the organisations and benchmarks/release_checker.py opens each with the
partner's key and checks every feature and its marking against the database and ``may_receive``.
``refresh_lock``: the longest a partner's map query waits while the hub refreshes every release
table whole, the old way (TRUNCATE and fill) and the current one (the difference written).

Prints one JSON document; peak memory is this process's (the server's is apart).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import shutil
import sys
import tempfile
import time
import uuid as uuid_module
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pg_cluster import ThrowawayCluster  # noqa: E402  (tests/ is on the path only now)

from humanops.model import Feature  # noqa: E402
from humanops.model.marking import Marking  # noqa: E402
from humanops.sharing.directory import Community, Directory, Organisation  # noqa: E402
from humanops.sharing.generalise import generalise  # noqa: E402
from humanops.sharing.policy import may_receive  # noqa: E402
from humanops.store.postgis import release, release_tables, row_security  # noqa: E402

HUB = "hub"
AREA = (35.7, 32.3, 42.4, 37.3)  # a country-sized extent (lon/lat)
ROAD_CLASSES = ["primary", "secondary", "tertiary", "residential", "track", "unclassified"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --- data ----------------------------------------------------------------------------------

def make_directory(n_orgs: int, seed: int) -> Directory:
    rng = random.Random(seed)
    communities = [f"community:c{i}" for i in range(8)]
    now = datetime.now(UTC)
    orgs = [Organisation(HUB, "Hub", communities=tuple(communities[:4]))]
    for i in range(n_orgs):
        revoked = now - timedelta(days=3) if i % 25 == 24 else None
        member_of = tuple(rng.sample(communities, rng.randint(0, 3)))
        orgs.append(Organisation(f"org{i:02d}", f"Org {i}", communities=member_of, revoked_at=revoked))
    return Directory(orgs, [Community(c, c) for c in communities])


def road_columns(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = AREA[0] + rng.random(n) * (AREA[2] - AREA[0])
    y = AREA[1] + rng.random(n) * (AREA[3] - AREA[1])
    angle = rng.random(n) * 2 * np.pi
    step = 0.0005 + rng.random(n) * 0.003
    coords = np.stack([np.stack([x, y], 1), np.stack([x + np.cos(angle) * step, y + np.sin(angle) * step], 1)], 1)
    geoms = shapely.linestrings(coords)
    frame = pd.DataFrame({
        "uuid": [str(uuid_module.uuid4()) for _ in range(n)], "version": 1, "originator": HUB,
        "road_class": np.array(ROAD_CLASSES)[rng.integers(0, len(ROAD_CLASSES), n)],
        "tlp": "CLEAR", "precision": "exact"})
    return frame, geoms


def need_columns(n: int, directory: Directory, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    orgs = [o for o in directory.organisations if o != HUB]
    parties = [*orgs, *directory.communities]
    now = datetime.now(UTC)
    # few distinct markings, as in real data: a pool drawn once, each need takes one
    pool = []
    for _ in range(400):
        pool.append({
            "originator": rng.choice([HUB, HUB, HUB, *orgs]),
            "tlp": rng.choice(["CLEAR", "GREEN", "GREEN", "AMBER", "AMBER", "AMBER+STRICT", "RED"]),
            "releasable_to": ",".join(rng.sample(parties, rng.choice([0, 0, 1, 2, 3]))) or None,
            "caveats": rng.choice([None, None, None, "no_onward_sharing", "protection_sensitive"]),
            "expires": rng.choice([None, None, None, now - timedelta(days=2), now + timedelta(days=60)]),
            "precision": rng.choice(["exact", "exact", "exact", "grid:1000:k5", "grid:5000"]),
        })
    picks = nrng.integers(0, len(pool), n)
    frame = pd.DataFrame([pool[i] for i in picks])
    frame.insert(0, "uuid", [str(uuid_module.uuid4()) for _ in range(n)])
    frame["version"] = 1
    frame["name"] = [f"site {i}" for i in range(n)]
    frame["population"] = nrng.integers(10, 5000, n)
    x = AREA[0] + nrng.random(n) * (AREA[2] - AREA[0])
    y = AREA[1] + nrng.random(n) * (AREA[3] - AREA[1])
    return frame, shapely.points(x, y)


def copy_layer(connection: psycopg.Connection, layer: str, frame: pd.DataFrame, geoms: np.ndarray,
               part: int = 200_000) -> None:
    """COPY in parts (text format, geometries as EWKB hex), as a raw copy (triggers stay out)."""
    columns = ["geom", *frame.columns]
    ident = ", ".join(f'"{c}"' for c in columns)
    with connection.transaction():
        connection.execute("SET LOCAL humanops.writer = 'raw'")
        for start in range(0, len(frame), part):
            chunk = frame.iloc[start:start + part].copy()
            chunk.insert(0, "geom", shapely.to_wkb(shapely.set_srid(geoms[start:start + part], 4326), hex=True,
                                                   include_srid=True))
            for c in chunk.columns:
                if pd.api.types.is_datetime64_any_dtype(chunk[c]):
                    chunk[c] = pd.Series([None if pd.isna(v) else v.isoformat() for v in chunk[c]], dtype=object,
                                         index=chunk.index)
            buffer = io.StringIO()
            chunk.to_csv(buffer, sep="\t", header=False, index=False, na_rep="\\N")
            with connection.cursor().copy(f'COPY "{layer}" ({ident}) FROM STDIN') as copy:
                copy.write(buffer.getvalue())


# --- the map query ---------------------------------------------------------------------------

def boxes(n: int, side: float, seed: int) -> list[tuple[float, float, float, float]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        x = AREA[0] + rng.random() * (AREA[2] - AREA[0] - side)
        y = AREA[1] + rng.random() * (AREA[3] - AREA[1] - side)
        out.append((x, y, x + side, y + side))
    return out


ROAD_SQL = ("SELECT fid, ST_AsBinary(geom), uuid, road_class FROM road "
            "WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) LIMIT %s")
# schema-qualified: a partner's plain "need" is its release table ("$user" in the search_path)
NEED_TABLE_SQL = ("SELECT fid, ST_AsBinary(geom), uuid, population FROM public.need "
                  "WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) LIMIT %s")
# the partner's own table of released rows (release_tables.py), what QGIS reads
NEED_RELEASE_SQL = ("SELECT fid, ST_AsBinary(geom), uuid, population FROM {table} "
                    "WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) LIMIT %s")
NEED_FUNCTION_SQL = "SELECT fid, ST_AsBinary(geom), uuid, population FROM need_in_bbox(%s, %s, %s, %s) LIMIT %s"


def map_query(connection: psycopg.Connection, need_sql: str, box: tuple[float, ...], limit: int) -> int:
    """Roads then needs in the box (up to ``limit`` features in all), geometries decoded."""
    roads = connection.execute(ROAD_SQL, (*box, limit)).fetchall()
    needs = connection.execute(need_sql, (*box, max(0, limit - len(roads)))).fetchall()
    shapely.from_wkb([r[1] for r in roads] + [r[1] for r in needs])
    return len(roads) + len(needs)


def gpkg_query(workspace: Any, box: tuple[float, ...], limit: int) -> int:
    roads = workspace.rows("road", ["uuid", "road_class"], bbox=box)
    needs = workspace.rows("need", ["uuid", "population"], bbox=box)
    return min(limit, len(roads) + len(needs))


def plan_of(connection: psycopg.Connection, box: tuple[float, ...], query: str = NEED_TABLE_SQL) -> list[str]:
    """The plan's nodes (conditions left out: the policy's is long)."""
    rows = connection.execute("EXPLAIN " + query.replace("%s", "{}").format(*box, 5000)).fetchall()
    nodes = [r[0].split("  (cost")[0].strip() for r in rows if "(cost" in r[0]]
    audience = [n for n in nodes if row_security.AUDIENCE in n]
    out = [n for n in nodes if row_security.AUDIENCE not in n]
    if audience:  # the policy's look-ups of the partner's row: once per query each
        out.insert(1, f"({len(audience)} InitPlans: Seq Scan on {row_security.AUDIENCE})")
    return out


# --- the release test ------------------------------------------------------------------------

def release_check(hub: psycopg.Connection, cluster: ThrowawayCluster, database: str, directory: Directory,
                  roles: dict[str, str]) -> dict[str, Any]:
    """For every partner: the SQL's export selection and the partner's own reading against
    ``may_receive`` in Python over every row (the independent checker)."""
    rows = hub.execute("SELECT uuid, originator, tlp, releasable_to, caveats, expires, precision FROM need").fetchall()
    now = datetime.now(UTC)
    memo: dict[tuple, str] = {}
    outside = missed = generalised_outside = duplicated = 0
    sql_seconds = rls_seconds = check_seconds = 0.0
    released_total = 0
    for org, role in roles.items():
        start = time.perf_counter()
        decisions = release.release_decisions(hub, "need", HUB, org, directory, now)
        sql_seconds += time.perf_counter() - start
        sql_allow = {uuid for _, action, uuid in decisions if action == "allow"}
        sql_general = {uuid for _, action, uuid in decisions if action == "generalise"}
        start = time.perf_counter()
        with psycopg.connect(cluster.dsn(database, user=role), autocommit=True) as partner:
            read = {r[0] for r in partner.execute("SELECT uuid FROM public.need").fetchall()}
            # its release table (what QGIS reads), another way to the same rows
            read_table = [r[0] for r in partner.execute(sql.SQL("SELECT uuid FROM {}").format(
                sql.Identifier(role, "need"))).fetchall()]
        rls_seconds += time.perf_counter() - start
        start = time.perf_counter()
        py_allow, py_general = set(), set()
        for uuid, originator, tlp, releasable, caveats, expires, precision in rows:
            key = (org, originator, tlp, releasable, caveats, expires, precision)
            action = memo.get(key)
            if action is None:
                marking = Marking.from_columns({"tlp": tlp, "releasable_to": releasable, "caveats": caveats,
                                                "expires": expires, "precision": precision})
                action = may_receive(Feature("need", None, {}, marking, originator=originator), HUB, org,
                                     directory, now).action
                memo[key] = action
            if action == "allow":
                py_allow.add(uuid)
            elif action == "generalise":
                py_general.add(uuid)
        check_seconds += time.perf_counter() - start
        outside += len(sql_allow - py_allow) + len(read - py_allow) + len(set(read_table) - py_allow)
        duplicated += len(read_table) - len(set(read_table))
        generalised_outside += len(sql_general - py_general)
        missed += len(py_allow - sql_allow) + len(py_allow - read) + len(py_allow - set(read_table))
        released_total += len(sql_allow)
    return {"organisations": len(roles), "rows": len(rows), "rows_released_exact_total": released_total,
            "released_outside_rules": outside, "generalised_outside_rules": generalised_outside,
            "withheld_though_allowed": missed, "release_table_duplicates": duplicated,
            "sql_select_seconds": round(sql_seconds, 2),
            "partner_read_seconds": round(rls_seconds, 2), "checker_seconds": round(check_seconds, 2)}


# --- main --------------------------------------------------------------------------------------

def run(roads: int, needs: int, orgs: int, queries: int, limit: int, side: float, gpkg: bool,
        work_dir: str | None = None, cluster: ThrowawayCluster | None = None, package_needs: int = 0
        ) -> dict[str, Any]:
    """The benchmark; in ``cluster`` if given (a test's), else in a cluster of its own.
    ``package_needs``: also the release test through the packages (release_checker.py)."""
    if cluster is not None:
        return _run(cluster, roads, needs, orgs, queries, limit, side, gpkg, work_dir, package_needs)
    with ThrowawayCluster.start(settings={"shared_buffers": "'512MB'", "max_wal_size": "'4GB'",
                                          "maintenance_work_mem": "'512MB'"}) as own:
        return _run(own, roads, needs, orgs, queries, limit, side, gpkg, work_dir, package_needs)


def _run(cluster: ThrowawayCluster, roads: int, needs: int, orgs: int, queries: int, limit: int, side: float,
         gpkg: bool, work_dir: str | None, package_needs: int = 0) -> dict[str, Any]:
    from humanops.catalog import load_catalog
    from humanops.store.postgis.workspace import PostgisWorkspace

    catalog = load_catalog()
    directory = make_directory(orgs, seed=1)
    results: dict[str, Any] = {}
    dsn = cluster.create_database()
    PostgisWorkspace.create(dsn, organisation=HUB, catalog=catalog).close()
    road_frame, road_geoms = road_columns(roads, seed=2)
    need_frame, need_geoms = need_columns(needs, directory, seed=3)
    with psycopg.connect(dsn, autocommit=True) as hub:
        # initial load: COPY with the GiST index dropped, then built once (as a bulk load does)
        start = time.perf_counter()
        hub.execute('DROP INDEX IF EXISTS "road_geom"')
        copy_layer(hub, "road", road_frame, road_geoms)
        copied = time.perf_counter() - start
        hub.execute('CREATE INDEX "road_geom" ON "road" USING gist (geom)')
        hub.execute("ANALYZE road")
        road_load = time.perf_counter() - start
        start = time.perf_counter()
        copy_layer(hub, "need", need_frame, need_geoms)
        hub.execute("ANALYZE need")
        need_load = time.perf_counter() - start
        results["initial_load"] = {"road_segments": roads, "road_seconds": round(road_load, 1),
                                   "road_copy_seconds": round(copied, 1), "needs": needs,
                                   "need_seconds": round(need_load, 1), "budget_road_seconds": 600}
        start = time.perf_counter()
        setup = row_security.install_row_security(hub, directory, HUB, ["need"], reference_layers=["road"])
        install = time.perf_counter() - start
        start = time.perf_counter()
        generalised = row_security.refresh_generalised(hub, catalog["need"], generalise)
        results["row_security_setup"] = {"install_seconds": round(install, 2), "partner_roles": len(setup.roles),
                                         "generalised_rows": generalised,
                                         "generalise_seconds": round(time.perf_counter() - start, 2)}
        hub.execute("ANALYZE")
        results["release_tables"] = _release_tables_figures(hub, needs)

        partner_org = next(o for o in sorted(setup.roles) if directory.communities_of(o))
        database = hub.info.dbname
        partner = psycopg.connect(cluster.dsn(database, user=setup.roles[partner_org]), autocommit=True)
        release_table = sql.Identifier(setup.roles[partner_org], "need").as_string(hub)
        release_sql = NEED_RELEASE_SQL.format(table=release_table)
        ws = None
        if gpkg:
            ws, gpkg_load = _gpkg_workspace(catalog, road_frame, road_geoms, need_frame, need_geoms, work_dir)
            results["initial_load"]["gpkg_seconds"] = round(gpkg_load, 1)
        runs: dict[str, list[float]] = {"hub_no_rls": [], "partner_table_rls": [], "partner_function": [],
                                        "partner_release_table": []}
        if ws is not None:
            runs["gpkg"] = []
        features: list[int] = []
        for box in [*boxes(3, side, seed=9), *boxes(queries, side, seed=5)]:  # 3 warm-up queries first
            for name in runs:  # interleaved: a busy machine slows all alike
                start = time.perf_counter()
                if name == "hub_no_rls":
                    features.append(map_query(hub, NEED_TABLE_SQL, box, limit))
                elif name == "partner_table_rls":
                    map_query(partner, NEED_TABLE_SQL, box, limit)
                elif name == "partner_function":
                    map_query(partner, NEED_FUNCTION_SQL, box, limit)
                elif name == "partner_release_table":
                    map_query(partner, release_sql, box, limit)
                else:
                    gpkg_query(ws, box, limit)
                runs[name].append(time.perf_counter() - start)
        runs = {k: v[3:] for k, v in runs.items()}
        features = features[3:]
        p95 = {k: round(percentile(v, 0.95) * 1000, 1) for k, v in runs.items()}
        results["bbox_query"] = {
            "queries": queries, "box_degrees": side, "limit": limit,
            "features_median": int(np.median(features)), "features_max": int(max(features)),
            "p50_ms": {k: round(percentile(v, 0.5) * 1000, 1) for k, v in runs.items()},
            "p95_ms": p95,
            "rls_ratio_table": round(p95["partner_table_rls"] / p95["hub_no_rls"], 2),
            "rls_ratio_function": round(p95["partner_function"] / p95["hub_no_rls"], 2),
            "rls_ratio_release_table": round(p95["partner_release_table"] / p95["hub_no_rls"], 2),
            "partner_release_table_plan": plan_of(partner, boxes(1, side, seed=5)[0], release_sql),
            "partner_release_table_rows": partner.execute(f"SELECT count(*) FROM {release_table}").fetchone()[0],
            "budget_p95_ms": 300, "budget_rls_ratio": 2.0,
            "partner_table_plan": plan_of(partner, boxes(1, side, seed=5)[0]),
            "hub_plan": plan_of(hub, boxes(1, side, seed=5)[0]),
        }
        results["bbox_query"]["leakproof_overlaps_not_used"] = _leakproof_trial(hub, partner, side, limit)
        if ws is not None:
            results["bbox_query"]["pg_vs_gpkg_p95"] = round(p95["hub_no_rls"] / p95["gpkg"], 2)
            ws.close()
            shutil.rmtree(Path(ws.path).parent, ignore_errors=True)
        partner.close()
        results["refresh_lock"] = refresh_lock(hub, cluster.dsn(database, user=setup.roles[partner_org]),
                                               release_sql, boxes(1, side, seed=5)[0], limit)
        results["release_test"] = release_check(hub, cluster, database, directory, setup.roles)
    if package_needs:
        from release_checker import run_package_release_test

        package_test = run_package_release_test(cluster.create_database(), orgs, package_needs, work_dir=work_dir)
        package_test.pop("per_partner")
        results["package_release_test"] = package_test
    return results


def _release_tables_figures(hub: psycopg.Connection, needs: int) -> dict[str, Any]:
    """The partners' release tables: rows, storage, a full refresh, and what an edit costs now
    that its statement also decides every partner's copy."""
    parent = release_tables.parent_table("need")
    rows = hub.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(parent))).fetchone()[0]
    size = hub.execute("SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i "
                       "WHERE i.inhparent = %s::regclass", (parent,)).fetchone()[0] or 0
    size = int(size)  # sum() of bigint is numeric
    start = time.perf_counter()
    with hub.transaction():
        release_tables.refresh_release_tables(hub, ["need"])
    refresh = time.perf_counter() - start
    fids = [r[0] for r in hub.execute("SELECT fid FROM need ORDER BY fid LIMIT 20").fetchall()]
    edits = []
    for fid in fids:  # one feature's update: its old copies out, the new decided for every partner
        start = time.perf_counter()
        hub.execute("UPDATE need SET population = population + 1 WHERE fid = %s", (fid,))
        edits.append(time.perf_counter() - start)
    hub.execute("ALTER TABLE need DISABLE TRIGGER humanops_release_update")  # the same edits without it
    try:
        bare = []
        for fid in fids:
            start = time.perf_counter()
            hub.execute("UPDATE need SET population = population - 1 WHERE fid = %s", (fid,))
            bare.append(time.perf_counter() - start)
    finally:
        hub.execute("ALTER TABLE need ENABLE TRIGGER humanops_release_update")
        with hub.transaction():  # the copies of the edits made without the triggers
            release_tables.refresh_release_tables(hub, ["need"])
    leakproof = dict(hub.execute("SELECT oprname, p.proleakproof FROM pg_operator o JOIN pg_proc p "
                                 "ON p.oid = o.oprcode WHERE o.oprleft = 'timestamptz'::regtype "
                                 "AND o.oprright = 'timestamptz'::regtype AND oprname IN ('<', '>')").fetchall())
    return {"rows_all_partners": rows, "rows_per_need": round(rows / max(1, needs), 2),
            "bytes_all_partners": size, "mb_all_partners": round(size / 2**20, 1),
            "full_refresh_seconds": round(refresh, 2),
            "edit_one_feature_ms_median": round(float(np.median(edits)) * 1000, 1),
            "edit_one_feature_ms_median_without_release_triggers": round(float(np.median(bare)) * 1000, 1),
            "policy_operators_leakproof": leakproof}


def _truncate_refresh(hub: psycopg.Connection, layer: str) -> None:
    """The full refresh as it was before (the baseline): every policy re-made, the parent
    truncated and filled again in one transaction."""
    audience = hub.execute(sql.SQL("SELECT role, revoked_at FROM {}").format(
        sql.Identifier(row_security.AUDIENCE))).fetchall()
    for role, _ in audience:
        hub.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(release_tables.POLICY),
                                                                     sql.Identifier(role, layer)))
    for role, revoked_at in audience:
        release_tables._time_policy(hub, role, layer, revoked_at)
    hub.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(release_tables.parent_table(layer))))
    hub.execute(release.NO_JIT)
    hub.execute(release_tables._fill_sql(layer, sql.Identifier(layer), release_tables._layer_columns(hub, layer)))
    hub.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(release_tables.parent_table(layer))))


def refresh_lock(hub: psycopg.Connection, partner_dsn: str, release_sql: str, box: tuple[float, ...],
                 limit: int) -> dict[str, Any]:
    """The longest a partner's map query on its release table waits while the hub runs a full
    refresh of every partner's table: the old way (TRUNCATE and fill) and the current
    (``refresh_release_tables``: the difference written, readers never locked out), each with
    a partner reading in a loop on its own connection meanwhile."""
    import threading

    def measured(refresh: Any) -> dict[str, Any]:
        stop = threading.Event()
        waits: list[float] = []
        during: list[float] = []
        refreshing = threading.Event()

        def read() -> None:
            with psycopg.connect(partner_dsn, autocommit=True) as partner:
                while not stop.is_set():
                    start = time.perf_counter()
                    inside = refreshing.is_set()
                    map_query(partner, release_sql, box, limit)
                    (during if inside or refreshing.is_set() else waits).append(time.perf_counter() - start)
                    time.sleep(0.005)

        reader = threading.Thread(target=read)
        reader.start()
        time.sleep(0.5)  # a few reads before: the partner's usual time
        refreshing.set()
        start = time.perf_counter()
        with hub.transaction():
            refresh()
        seconds = time.perf_counter() - start
        refreshing.clear()
        time.sleep(0.3)
        stop.set()
        reader.join()
        return {"refresh_seconds": round(seconds, 2), "reads_during_refresh": len(during),
                "longest_select_during_refresh_ms": round(max(during, default=0.0) * 1000, 1),
                "median_select_during_refresh_ms": round(float(np.median(during)) * 1000, 1) if during else None,
                "median_select_outside_refresh_ms": round(float(np.median(waits)) * 1000, 1) if waits else None}

    def change_every_row() -> None:
        """Every need changed behind the triggers' back: the refresh rewrites every partner row
        (the worst case for writing only the difference)."""
        hub.execute("ALTER TABLE need DISABLE TRIGGER humanops_release_update")
        try:
            hub.execute("UPDATE need SET population = population + 1")
        finally:
            hub.execute("ALTER TABLE need ENABLE TRIGGER humanops_release_update")
        hub.execute("VACUUM ANALYZE need")

    change_every_row()
    before = measured(lambda: _truncate_refresh(hub, "need"))
    change_every_row()
    after = measured(lambda: release_tables.refresh_release_tables(hub, ["need"]))
    unchanged = measured(lambda: release_tables.refresh_release_tables(hub, ["need"]))
    return {"before_truncate_and_fill": before, "after_difference_written": after,
            "after_nothing_changed": unchanged,
            "longest_select_ratio_after_vs_before": round(
                after["longest_select_during_refresh_ms"] / max(before["longest_select_during_refresh_ms"], 1e-3), 3)}


def _leakproof_trial(hub: psycopg.Connection, partner: psycopg.Connection, side: float, limit: int
                     ) -> dict[str, Any]:
    """What marking ``&&`` LEAKPROOF would give (the road not taken, measured and undone): the
    partner's table query then uses the index, and EXPLAIN ANALYZE counts the rows the policy
    hides inside the box."""
    hub.execute("ALTER FUNCTION geometry_overlaps(geometry, geometry) LEAKPROOF")
    try:
        box = boxes(1, side, seed=5)[0]
        times = []
        for b in boxes(20, side, seed=11):
            start = time.perf_counter()
            map_query(partner, NEED_TABLE_SQL, b, limit)
            times.append(time.perf_counter() - start)
        analyzed = [r[0] for r in partner.execute(
            "EXPLAIN ANALYZE " + NEED_TABLE_SQL.replace("%s", "{}").format(*box, limit)).fetchall()]
        on_need = next(i for i, line in enumerate(analyzed) if "Heap Scan on need" in line or "Scan on need" in line)
        hidden = [line.strip() for line in analyzed[on_need:] if "Rows Removed by Filter" in line][:1]
        return {"partner_table_p95_ms": round(percentile(times, 0.95) * 1000, 1),
                "partner_table_plan": plan_of(partner, box),
                "what_a_partner_learns": hidden}
    finally:
        hub.execute("ALTER FUNCTION geometry_overlaps(geometry, geometry) NOT LEAKPROOF")


def _gpkg_workspace(catalog: Any, road_frame: pd.DataFrame, road_geoms: np.ndarray, need_frame: pd.DataFrame,
                    need_geoms: np.ndarray, work_dir: str | None) -> tuple[Any, float]:
    from humanops.store.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="bench-team-", dir=work_dir))
    start = time.perf_counter()
    ws = Workspace.create(folder / "team.gpkg", organisation=HUB, catalog=catalog)
    ws.add_frame("road", gpd.GeoDataFrame(road_frame.drop(columns=["version"]), geometry=road_geoms, crs=4326))
    needs = need_frame.drop(columns=["version"]).copy()
    ws.add_frame("need", gpd.GeoDataFrame(needs, geometry=need_geoms, crs=4326))
    return ws, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roads", type=int, default=2_000_000)
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=50)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--limit", type=int, default=5000, help="features a map query returns at most")
    parser.add_argument("--box", type=float, default=0.25, help="side of the query boxes, degrees")
    parser.add_argument("--no-gpkg", action="store_true", help="skip the GeoPackage comparison")
    parser.add_argument("--dir", help="working folder for the GeoPackage (default: a temporary one)")
    parser.add_argument("--package-needs", type=int, default=20_000, metavar="N",
                        help="the release test through the packages: a hub of N needs exports one package to "
                             "each of --orgs partners, checked by benchmarks/release_checker.py (0: skip)")
    parser.add_argument("--ingest", type=int, default=0, metavar="N",
                        help="also the ingest of an N-feature package into PostGIS (with and without --orgs "
                             "partners' release tables) and into a GeoPackage, seconds side by side "
                             "(benchmarks/bench_team_ingest.py; 0: skip)")
    parser.add_argument("--sync-pairs", type=int, default=0,
                        help="also N generated edit pairs between an offline copy and the server "
                             "(benchmarks/bench_team_sync.py; 0: skip)")
    args = parser.parse_args()
    started = time.perf_counter()
    results = run(args.roads, args.needs, args.orgs, args.queries, args.limit, args.box, not args.no_gpkg, args.dir,
                  package_needs=args.package_needs)
    doc = {"benchmark": "team", "roads": args.roads, "needs": args.needs, "results": results,
           "seconds": round(time.perf_counter() - started, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
           "python": sys.version.split()[0]}
    if args.ingest:
        from bench_team_ingest import run_ingest

        with ThrowawayCluster.start() as cluster:
            doc["ingest"] = run_ingest(cluster, args.ingest, args.dir, partners=args.orgs)
        doc["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if args.sync_pairs:
        from bench_team_sync import run_sync_pairs

        with ThrowawayCluster.start() as cluster:
            doc["sync_pairs"] = run_sync_pairs(cluster.create_database(), args.sync_pairs, 14, args.dir)
        doc["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
