"""Team workspace benchmark, ingest (issue 14): a package of N features received into a PostGIS
workspace, side by side with the same package into a GeoPackage one. Budget: N = 10,000 in <= 10 s.

    .venv/bin/python benchmarks/bench_team_ingest.py --features 10000 --partners 50
    .venv/bin/python benchmarks/bench_team.py --ingest 10000 ...   (the same, inside the team benchmark)

A sender (GeoPackage, its keys and the receiver's card) adds N needs with random markings the
receiver may hold (CLEAR, GREEN to its community, AMBER naming it), exports one signed and
encrypted package to the receiver; the receiver's workspace, made once, is copied into a fresh
PostgreSQL database (``humanops copy``'s engine) and as a GeoPackage file, and ``import_package``
runs on each, timed end to end (open, verify, decrypt, check every feature against the rule,
merge, audit). Both must hold the N features afterwards. With ``--partners P`` (default 50) a
third run: the same PostGIS workspace set up as a hub with P partners' row-level security and
release tables (store/postgis/release_tables.py: statement triggers decide every partner's copy
of each ingested row), then checked: each partner's table equal to the SQL rule's release.
Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pg_cluster import ThrowawayCluster  # noqa: E402  (tests/ is on the path only now)

SENDER, RECEIVER, COMMUNITY = "ocha", "medaid", "hct"


def _needs(n: int, seed: int) -> gpd.GeoDataFrame:
    rng = random.Random(seed)
    levels = [("CLEAR", None), ("GREEN", None), ("AMBER", RECEIVER)]
    marks = [levels[rng.randrange(3)] for _ in range(n)]
    xy = np.column_stack([np.random.default_rng(seed).uniform(35.8, 42.3, n),
                          np.random.default_rng(seed + 1).uniform(32.4, 37.2, n)])
    return gpd.GeoDataFrame({
        "name": [f"need {i}" for i in range(n)],
        "population": [rng.randrange(10, 5000) for _ in range(n)],
        "severity_phase": [rng.randrange(1, 6) for _ in range(n)],
        "tlp": [m[0] for m in marks],
        "releasable_to": [m[1] for m in marks],
    }, geometry=shapely.points(xy), crs=4326)


def _partner_directory(partners: int) -> Any:
    """The receiver (the hub), the sender and ``partners`` organisations, a third of them in the
    sender's community (GREEN rows reach them)."""
    from humanops.sharing.directory import Community, Directory, Organisation

    orgs = [Organisation(RECEIVER, "MedAid", communities=(COMMUNITY,)),
            Organisation(SENDER, "OCHA", communities=(COMMUNITY,))]
    orgs += [Organisation(f"org{i:02d}", f"Org {i}", communities=(COMMUNITY,) if i % 3 == 0 else ())
             for i in range(partners)]
    return Directory(orgs, [Community(COMMUNITY, COMMUNITY)])


def _install_partners(dsn: str, partners: int) -> float:
    """Row-level security and release tables for ``partners`` organisations (seconds)."""
    import psycopg

    from humanops.store.postgis import row_security

    started = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as connection:
        row_security.install_row_security(connection, _partner_directory(partners), RECEIVER, ["need"],
                                          organisations=[f"org{i:02d}" for i in range(partners)])
    return round(time.perf_counter() - started, 2)


def _release_tables_agree(dsn: str, partners: int) -> dict[str, Any]:
    """After the ingest: each partner's release table holds exactly the rows the SQL rule
    releases to it now (the triggers kept them, no refresh ran)."""
    from datetime import UTC, datetime

    import psycopg
    from psycopg import sql

    from humanops.store.postgis import release, row_security

    directory = _partner_directory(partners)
    now = datetime.now(UTC)
    differing = held = 0
    with psycopg.connect(dsn, autocommit=True) as connection:
        for i in range(partners):
            org = f"org{i:02d}"
            decided = {u for _, action, u in release.release_decisions(connection, "need", RECEIVER, org, directory,
                                                                         now) if action == release.ALLOW}
            table = sql.Identifier(row_security.partner_role(org), "need")
            rows = [r[0] for r in connection.execute(sql.SQL("SELECT uuid FROM {}").format(table)).fetchall()]
            held += len(rows)
            differing += len(decided ^ set(rows)) + len(rows) - len(set(rows))
    return {"rows_held_all_partners": held, "rows_differing_from_the_rule": differing}


def run_ingest(cluster: ThrowawayCluster, n: int, work_dir: str | None = None, seed: int = 3,
               partners: int = 0) -> dict[str, Any]:
    """The ingest of an ``n``-feature package into PostGIS and into a GeoPackage (seconds each);
    with ``partners``, also into a PostGIS hub with that many partners' release tables on."""
    from humanops.sharing import cards, keys
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package
    from humanops.store.postgis.copy_workspace import copy_workspace
    from humanops.store.postgis.workspace import PostgisWorkspace
    from humanops.store.workspace import Workspace

    keys.SCRYPT_N = 2**14  # the key derivation is not what is measured
    folder = Path(work_dir or tempfile.mkdtemp(prefix="bench-ingest-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        phrases = {org: f"passphrase of {org}" for org in (SENDER, RECEIVER)}
        for org in (SENDER, RECEIVER):
            with Workspace.create(folder / f"{org}.gpkg", organisation=org, overwrite=True) as ws:
                keys.init_identity(ws, org, org.upper(), phrases[org], communities=(COMMUNITY,))
                cards.write_card(ws, folder / f"{org}.card.json", phrases[org])
        for org, other in ((SENDER, RECEIVER), (RECEIVER, SENDER)):
            with Workspace.open(folder / f"{org}.gpkg") as ws:
                cards.add_partner_from_card(ws, folder / f"{other}.card.json")
        with Workspace.open(folder / f"{SENDER}.gpkg") as sender:
            sender.add_frame("need", _needs(n, seed))
            started = time.perf_counter()
            export_package(sender, [RECEIVER], folder / "package.hopx", phrases[SENDER])
            export_s = time.perf_counter() - started
        dsn = cluster.create_database()
        copy_workspace(folder / f"{RECEIVER}.gpkg", dsn)
        results: dict[str, Any] = {"features": n, "package_bytes": (folder / "package.hopx").stat().st_size,
                                   "export_s": round(export_s, 2)}
        release_dsn = ""
        if partners:  # the hub's set-up: every partner's release table kept by statement triggers
            release_dsn = cluster.create_database()
            copy_workspace(folder / f"{RECEIVER}.gpkg", release_dsn)
            results["release_tables_setup_s"] = _install_partners(release_dsn, partners)
        backends = ["geopackage", "postgis", *(["postgis_release_tables"] if partners else [])]
        for backend in backends:
            started = time.perf_counter()
            workspace: Any = (PostgisWorkspace.open(dsn) if backend == "postgis" else
                              PostgisWorkspace.open(release_dsn) if backend == "postgis_release_tables" else
                              Workspace.open(folder / f"{RECEIVER}.gpkg"))
            try:
                import_package(workspace, folder / "package.hopx", phrases[RECEIVER])
                seconds = time.perf_counter() - started
                held = workspace.count("need")
            finally:
                workspace.close()
            if held != n:
                raise SystemExit(f"{backend}: {held} needs held after the ingest, {n} sent")
            results[f"{backend}_s"] = round(seconds, 2)
        results["postgis_vs_geopackage"] = round(results["postgis_s"] / results["geopackage_s"], 2)
        results["budget_s"] = 10.0 * n / 10_000
        results["within_budget"] = results["postgis_s"] <= results["budget_s"]
        if partners:
            results["partners"] = partners
            results["release_tables_vs_without"] = round(results["postgis_release_tables_s"] / results["postgis_s"], 2)
            results["within_budget_with_release_tables"] = results["postgis_release_tables_s"] <= results["budget_s"]
            results["release_tables_after_ingest"] = _release_tables_agree(release_dsn, partners)
        return results
    finally:
        if work_dir is None:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--features", type=int, default=10_000)
    parser.add_argument("--dir", help="working folder (default: a temporary one)")
    parser.add_argument("--partners", type=int, default=50,
                        help="also into a hub with this many partners' release tables on (0: skip)")
    args = parser.parse_args()
    with ThrowawayCluster.start() as cluster:
        doc = {"benchmark": "team_ingest",
               "ingest": run_ingest(cluster, args.features, args.dir, partners=args.partners),
               "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
               "python": sys.version.split()[0]}
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
