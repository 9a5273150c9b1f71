"""Offline copy sync benchmark (issue 14): N generated edit pairs between a checkout and its server.

    .venv/bin/python benchmarks/bench_team_sync.py --pairs 10000
    .venv/bin/python benchmarks/bench_team.py ... --sync-pairs 10000     # the same, inside bench_team

Starts a throwaway PostgreSQL + PostGIS cluster (tests/pg_cluster.py), makes a team workspace of
N needs, checks all of them out to a GeoPackage, then gives each feature one generated pair of
edits, the copy's and the office's (update/update, update/delete, delete/update, insert/insert of
the same uuid, one side only, delete/delete, none), and syncs. Checked: the conflicts recorded in
the copy equal the pairs where both sides changed (each once, again after a second sync), and no
edit is silently lost (each is in both sides' state, or kept in the conflict that holds it).
Times the checkout, the edits and each sync; peak memory is this process's.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pg_cluster import ThrowawayCluster  # noqa: E402  (tests/ is on the path only now)

PAIRS = ["update/update", "update/delete", "delete/update", "insert/insert", "update/-", "-/update", "delete/-",
         "-/delete", "delete/delete", "-/-"]


def twin_uuid(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


def run_sync_pairs(dsn: str, pairs: int, seed: int, work_dir: str | None) -> dict[str, Any]:
    """The benchmark on the empty PostGIS database at ``dsn``; its JSON part."""
    import geopandas as gpd
    from shapely.geometry import Point

    from humanops.sharing.conflicts import list_conflicts
    from humanops.sharing.offline_sync import sync
    from humanops.store.postgis.checkout import checkout
    from humanops.store.postgis.workspace import PostgisWorkspace
    from humanops.store.workspace import Workspace

    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-", dir=work_dir))
    laptop = folder / "laptop.gpkg"
    times: dict[str, float] = {}
    team = PostgisWorkspace.create(dsn, organisation="ocha")
    frame = gpd.GeoDataFrame({"name": [f"n{i}" for i in range(pairs)], "population": list(range(pairs))},
                             geometry=[Point(36 + rng.random(), 33 + rng.random()) for _ in range(pairs)], crs=4326)
    uuids = team.add_frame("need", frame)
    start = time.perf_counter()
    checkout(dsn, laptop, layers=["need"])
    times["checkout_s"] = time.perf_counter() - start
    plan = {u: rng.choice(PAIRS) for u in uuids}
    expected: set[str] = set()
    start = time.perf_counter()
    with Workspace.open(laptop) as ws, ws.transaction():
        for i, (u, op) in enumerate(plan.items()):
            mine, theirs = op.split("/")
            if mine == "update":
                ws.update_feature("need", u, properties={"population": 100_000 + i})
            elif mine == "delete":
                ws.delete_feature("need", u)
            elif mine == "insert":
                ws.add_feature("need", Point(36.5, 33.5), {"name": f"field-twin{i}", "population": 1},
                               uuid=twin_uuid(i))
                expected.add(twin_uuid(i))
            if mine in ("update", "delete") and theirs in ("update", "delete") and op != "delete/delete":
                expected.add(u)
    times["copy_edits_s"] = time.perf_counter() - start
    start = time.perf_counter()
    with team.transaction():
        for i, (u, op) in enumerate(plan.items()):
            theirs = op.split("/")[1]
            if theirs == "update":
                team.update_feature("need", u, properties={"population": 200_000 + i})
            elif theirs == "delete":
                team.delete_feature("need", u)
            elif theirs == "insert":
                team.add_feature("need", Point(36.5, 33.5), {"name": f"office-twin{i}", "population": 2},
                                 uuid=twin_uuid(i))
    times["office_edits_s"] = time.perf_counter() - start
    start = time.perf_counter()
    first = sync(laptop)
    times["sync_s"] = time.perf_counter() - start
    start = time.perf_counter()
    second = sync(laptop)
    times["second_sync_s"] = time.perf_counter() - start
    with Workspace.open(laptop) as ws:
        conflicts = {}
        duplicates = 0
        for c in list_conflicts(ws):
            duplicates += c["uuid"] in conflicts
            conflicts[c["uuid"]] = c
        copy = {f.uuid: f for f in ws.features("need")}
    server = {f.uuid: f for f in team.features("need")}
    team.close()
    losses: list[str] = []
    for i, (u, op) in enumerate(plan.items()):
        mine, theirs = op.split("/")
        uid = twin_uuid(i) if mine == "insert" else u
        if uid in conflicts:
            c = conflicts[uid]
            if c["local_feature"]["deleted"] != (mine == "delete") or \
                    c["incoming_feature"]["deleted"] != (theirs == "delete"):
                losses.append(f"{op} {uid}: the conflict does not hold both sides")
            continue
        if "delete" in (mine, theirs):
            if uid in copy or uid in server:
                losses.append(f"{op} {uid}: a deletion was lost")
            continue
        population = 100_000 + i if mine == "update" else 200_000 + i if theirs == "update" else i
        if uid not in copy or uid not in server or not (
                copy[uid].properties["population"] == server[uid].properties["population"] == population):
            losses.append(f"{op} {uid}: an edit was lost")
    return {"pairs": pairs, "kinds": {k: sum(1 for op in plan.values() if op == k) for k in PAIRS},
            "conflicts_expected": len(expected), "conflicts_recorded": len(conflicts),
            "conflicts_equal_expected": set(conflicts) == expected, "conflicts_recorded_twice": duplicates,
            "conflicts_added_by_second_sync": len(second.conflicts), "silent_losses": len(losses),
            "loss_examples": losses[:5], "first_sync": first.totals(),
            **{k: round(v, 2) for k, v in times.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--dir", help="working folder for the GeoPackage (default: a temporary one)")
    args = parser.parse_args()
    started = time.perf_counter()
    with ThrowawayCluster.start() as cluster:
        result = run_sync_pairs(cluster.create_database(), args.pairs, args.seed, args.dir)
    doc = {"benchmark": "team_sync", "results": result, "seconds": round(time.perf_counter() - started, 1),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           "python": sys.version.split()[0]}
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
