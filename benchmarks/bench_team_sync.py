"""Concurrent editing benchmark (issue 14): N generated edit pairs across two app sessions on one
team database and an offline copy synced back.

    .venv/bin/python benchmarks/bench_team_sync.py --pairs 10000
    .venv/bin/python benchmarks/bench_team.py ... --sync-pairs 10000     # the same, inside bench_team

Starts a throwaway PostgreSQL + PostGIS cluster (tests/pg_cluster.py), makes a team workspace of
N needs and checks all of them out to a GeoPackage (the offline copy). Each feature gets one
generated pair of edits, of one of two sorts:

- **between the two sessions** (update/update, update/delete, delete/update, insert/insert of the
  same uuid): two app sessions, each a ``PostgisWorkspace`` on its own connection in its own
  process, both fill their "forms" (read the features they will edit) and then, released
  together, apply their edits in the same order, concurrently, one transaction each. Each edit
  is written as made on the version its form showed: ``--session-writes database`` (default)
  writes the row carrying that version (the update trigger refuses it as stale, SQLSTATE HO409)
  and deletes only that version (``WHERE version = ...``: no row, refused), so the database is
  what catches the race; ``app`` goes through ``update_feature``/``delete_feature`` with
  ``expected_version`` (the app's own check, under the workspace's write lock); ``last-wins``
  (a control) writes with no version at all, and the checks must then count losses. A refused edit
  is recorded for the user as the app shows it (the stale-edit dialog's contents: the edit, the
  version it was made on, their version now or their deletion), in the session's list;
- **between the copy and a session** (the pairs of the offline sync: update/update,
  update/delete, delete/update, insert/insert, one side only, delete/delete, none): the copy's
  edit is made in the GeoPackage, the office's by one of the sessions meanwhile; then
  ``humanops sync`` twice. Conflicts are recorded in the copy (the conflicts panel's table).

Checked per pair type: conflicts expected (both sides changed: exactly one of two sessions is
refused; a copy/office pair where both changed), recorded, and edits lost silently (the final
state in the database, and the copy, holds the winning edit, and the refused one is in the
conflict that records it). Times each phase; peak memory is this process's.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pg_cluster import ThrowawayCluster  # noqa: E402  (tests/ is on the path only now)

SESSION_PAIRS = ["update/update", "update/delete", "delete/update", "insert/insert"]
COPY_PAIRS = ["update/update", "update/delete", "delete/update", "insert/insert", "update/-", "-/update", "delete/-",
              "-/delete", "delete/delete", "-/-"]
SESSIONS = ("A", "B")


def twin_uuid(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


def value_of(i: int, side: str) -> int:
    """The population an edit writes: which pair and which side made it, readable back."""
    return {"A": 100_000, "B": 200_000, "copy": 300_000}[side] * 10 + i


# --- one app session (a process of its own) -----------------------------------------------------

def session(dsn: str, name: str, edits: list[tuple[int, str, str]], writes: str, ready: Any, start: Any,
            out: str) -> None:
    """Fill the forms, wait for the other session, apply every edit; refusals recorded. ``edits``:
    (pair index, uuid, op) in the order both sessions follow."""
    import psycopg
    from shapely.geometry import Point

    from humanops.errors import WorkspaceError
    from humanops.store.postgis.workspace import PostgisWorkspace

    ws = PostgisWorkspace.open(dsn)
    forms = {f.uuid: f for f in ws.features("need", [u for _, u, op in edits if op != "insert"])}
    ready.set()
    start.wait()
    began = time.perf_counter()
    conflicts: list[dict[str, Any]] = []
    applied: list[str] = []
    by: Counter[str] = Counter()
    for i, uid, op in edits:
        form = forms.get(uid)
        try:
            if op == "insert":
                ws.add_feature("need", Point(36.5, 33.5), {"name": f"{name}-twin{i}", "population": value_of(i, name)},
                               uuid=uid)
            elif form is None:
                raise WorkspaceError("not in the session's forms", layer="need", feature=uid)
            elif writes == "last-wins":  # no version at all: the control the checks must catch
                if op == "update":
                    ws.update_feature("need", uid, properties={"population": value_of(i, name)})
                else:
                    ws.delete_feature("need", uid)
            elif writes == "app":
                if op == "update":
                    ws.update_feature("need", uid, properties={"population": value_of(i, name)},
                                      expected_version=form.version)
                else:
                    ws.delete_feature("need", uid, expected_version=form.version)
            else:  # the row as the form made it, the version it was made on: the database decides
                with ws.transaction() as db:
                    if op == "update":
                        done = db.execute("UPDATE need SET population = %s, version = %s WHERE uuid = %s",
                                          (value_of(i, name), form.version, uid)).rowcount
                    else:
                        done = db.execute("DELETE FROM need WHERE uuid = %s AND version = %s",
                                          (uid, form.version)).rowcount
                    if not done:
                        raise WorkspaceError("was deleted or changed meanwhile (no row of the version the edit "
                                             "was made on)", layer="need", feature=uid)
            applied.append(uid)
        except (WorkspaceError, psycopg.Error) as exc:
            theirs = ws.find_feature("need", uid)
            message = str(exc)
            by["database_trigger" if "changed meanwhile (now version" in message and writes == "database"
               else "database_statement" if "no row of the version" in message
               else "uuid_exists" if "exists already" in message else "app_check"] += 1
            conflicts.append({"pair": i, "uuid": uid, "op": op, "mine": value_of(i, name) if op != "delete" else None,
                              "made_on": form.version if form else None,
                              "theirs_version": theirs.version if theirs else None,
                              "theirs_deleted": theirs is None, "message": message[:200]})
    seconds = time.perf_counter() - began
    ws.close()
    Path(out).write_text(json.dumps({"session": name, "conflicts": conflicts, "applied": applied,
                                     "refused_by": dict(by), "seconds": seconds}))


# --- the benchmark ------------------------------------------------------------------------------

def run_sync_pairs(dsn: str, pairs: int, seed: int, work_dir: str | None, writes: str = "database"
                   ) -> dict[str, Any]:
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
    team.close()
    start = time.perf_counter()
    checkout(dsn, laptop, layers=["need"])
    times["checkout_s"] = time.perf_counter() - start
    # each pair: between the sessions (half) or between the copy and a session
    plan: list[tuple[str, str, str]] = []  # (between, op, uuid the pair is about)
    for i, u in enumerate(uuids):
        if rng.random() < 0.5:
            op = rng.choice(SESSION_PAIRS)
            plan.append(("sessions", op, twin_uuid(i) if op == "insert/insert" else u))
        else:
            op = rng.choice(COPY_PAIRS)
            plan.append(("copy", op, twin_uuid(i) if op == "insert/insert" else u))

    start = time.perf_counter()
    with Workspace.open(laptop) as ws, ws.transaction():
        for i, (between, op, uid) in enumerate(plan):
            mine = op.split("/")[0]
            if between != "copy":
                continue
            if mine == "update":
                ws.update_feature("need", uid, properties={"population": value_of(i, "copy")})
            elif mine == "delete":
                ws.delete_feature("need", uid)
            elif mine == "insert":
                ws.add_feature("need", Point(36.5, 33.5), {"name": f"field-twin{i}", "population": value_of(i, "copy")},
                               uuid=uid)
    times["copy_edits_s"] = time.perf_counter() - start

    edits: dict[str, list[tuple[int, str, str]]] = {s: [] for s in SESSIONS}
    for i, (between, op, uid) in enumerate(plan):
        first, second = op.split("/")
        if between == "sessions":
            edits["A"].append((i, uid, first))
            edits["B"].append((i, uid, second))
        elif second != "-":
            edits[SESSIONS[i % 2]].append((i, uid, second))  # the office's side, by either session
    context = multiprocessing.get_context("spawn")
    if str(Path(__file__).parent) not in sys.path:  # a spawned session imports this module by name
        sys.path.insert(0, str(Path(__file__).parent))
    ready = {s: context.Event() for s in SESSIONS}
    go = context.Event()
    outs = {s: folder / f"session-{s}.json" for s in SESSIONS}
    workers = [context.Process(target=session, args=(dsn, s, edits[s], writes, ready[s], go, str(outs[s])))
               for s in SESSIONS]
    for w in workers:
        w.start()
    try:
        while not all(e.is_set() for e in ready.values()):  # both forms filled: go
            if any(w.exitcode is not None for w in workers):
                raise SystemExit("a session ended before its edits (see its traceback above)")
            time.sleep(0.05)
    except BaseException:
        for w in workers:
            w.kill()
        raise
    go.set()
    start = time.perf_counter()
    for w in workers:
        w.join()
        if w.exitcode != 0:
            raise SystemExit(f"a session failed (exit code {w.exitcode})")
    times["sessions_s"] = time.perf_counter() - start
    reports = {s: json.loads(outs[s].read_text()) for s in SESSIONS}

    start = time.perf_counter()
    first_sync = sync(laptop)
    times["sync_s"] = time.perf_counter() - start
    start = time.perf_counter()
    second = sync(laptop)
    times["second_sync_s"] = time.perf_counter() - start
    with Workspace.open(laptop) as ws:
        copy_conflicts: dict[str, dict[str, Any]] = {}
        duplicates = 0
        for c in list_conflicts(ws):
            duplicates += c["uuid"] in copy_conflicts
            copy_conflicts[c["uuid"]] = c
        copy = {f.uuid: f for f in ws.features("need")}
    with PostgisWorkspace.open(dsn) as team:
        server = {f.uuid: f for f in team.features("need")}
    session_conflicts: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    for s, report in reports.items():
        for c in report["conflicts"]:
            session_conflicts.setdefault(c["pair"], []).append((s, c))

    table: dict[str, dict[str, dict[str, int]]] = {}
    losses: list[str] = []
    unexpected: list[str] = []
    for i, (between, op, uid) in enumerate(plan):
        row = table.setdefault(between, {}).setdefault(op, {"pairs": 0, "conflicts_expected": 0,
                                                             "conflicts_recorded": 0, "silently_lost": 0})
        row["pairs"] += 1
        if between == "sessions":
            lost, recorded = _check_session_pair(i, op, uid, session_conflicts.get(i, []), server, copy)
            row["conflicts_expected"] += 1
            row["conflicts_recorded"] += recorded
            if uid in copy_conflicts:
                unexpected.append(f"{op} {uid}: a conflict in the copy, which did not edit it")
        else:
            lost, recorded, expected = _check_copy_pair(i, op, uid, copy_conflicts, server, copy)
            row["conflicts_expected"] += expected
            row["conflicts_recorded"] += recorded
            if i in session_conflicts:
                unexpected.append(f"{op} {uid}: a session refused the office's edit, which nobody else made")
        if lost:
            row["silently_lost"] += 1
            losses.append(lost)
    totals = {k: sum(r[k] for part in table.values() for r in part.values())
              for k in ("pairs", "conflicts_expected", "conflicts_recorded", "silently_lost")}
    return {"pairs": pairs, "session_writes": writes, "by_pair_type": table, **totals,
            "conflicts_equal_expected": totals["conflicts_recorded"] == totals["conflicts_expected"] and not unexpected,
            "unexpected_conflicts": len(unexpected), "unexpected_examples": unexpected[:5],
            "copy_conflicts_recorded_twice": duplicates, "copy_conflicts_added_by_second_sync": len(second.conflicts),
            "loss_examples": losses[:5], "first_sync": first_sync.totals(),
            "sessions": {s: {"edits": len(edits[s]), "refused": len(r["conflicts"]), "refused_by": r["refused_by"],
                             "seconds": round(r["seconds"], 2)} for s, r in reports.items()},
            **{k: round(v, 2) for k, v in times.items()}}


def _check_session_pair(i: int, op: str, uid: str, refused: list[tuple[str, dict[str, Any]]],
                        server: dict[str, Any], copy: dict[str, Any]) -> tuple[str, int]:
    """(what was lost or '', conflicts recorded) for a pair between sessions A and B: exactly one
    is refused, the other's edit is the state in the database and, after the sync, in the copy."""
    ops = dict(zip(("A", "B"), op.split("/"), strict=True))
    if len(refused) != 1:
        return (f"{op} {uid}: {len(refused)} sessions refused" if len(refused) == 0 else ""), len(refused)
    loser, conflict = refused[0]
    winner = "B" if loser == "A" else "A"
    won = ops[winner]
    if won == "delete":
        ok = uid not in server and uid not in copy
    else:
        want = value_of(i, winner)
        ok = all(uid in side and side[uid].properties["population"] == want for side in (server, copy))
    holds = conflict["theirs_deleted"] == (won == "delete") and (ops[loser] == "delete" or
                                                                conflict["mine"] == value_of(i, loser))
    if not ok:
        return f"{op} {uid}: the winner's ({winner}) {won} is not the state", 1
    if not holds:
        return f"{op} {uid}: the refused edit's record does not hold both sides", 1
    return "", 1


def _check_copy_pair(i: int, op: str, uid: str, conflicts: dict[str, dict[str, Any]], server: dict[str, Any],
                     copy: dict[str, Any]) -> tuple[str, int, int]:
    """(what was lost or '', conflicts recorded, expected) for a pair between the copy and the office."""
    mine, theirs = op.split("/")
    expected = int(op == "insert/insert" or (mine in ("update", "delete") and theirs in ("update", "delete")
                                             and op != "delete/delete"))
    if uid in conflicts:
        c = conflicts[uid]
        if c["local_feature"]["deleted"] != (mine == "delete") or \
                c["incoming_feature"]["deleted"] != (theirs == "delete"):
            return f"{op} {uid}: the conflict does not hold both sides", 1, expected
        return "", 1, expected
    if "delete" in (mine, theirs):
        if uid in copy or uid in server:
            return f"{op} {uid}: a deletion was lost", 0, expected
        return "", 0, expected
    population = value_of(i, "copy") if mine == "update" else value_of(i, SESSIONS[i % 2]) if theirs == "update" else i
    if uid not in copy or uid not in server or not (
            copy[uid].properties["population"] == server[uid].properties["population"] == population):
        return f"{op} {uid}: an edit was lost", 0, expected
    return "", 0, expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--session-writes", choices=["database", "app", "last-wins"], default="database",
                        help="how a session writes an edit made on a version (see the module docstring; "
                             "last-wins: without any version, a control that must show losses)")
    parser.add_argument("--dir", help="working folder for the GeoPackage (default: a temporary one)")
    args = parser.parse_args()
    started = time.perf_counter()
    with ThrowawayCluster.start() as cluster:
        result = run_sync_pairs(cluster.create_database(), args.pairs, args.seed, args.dir, args.session_writes)
    doc = {"benchmark": "team_sync", "results": result, "seconds": round(time.perf_counter() - started, 1),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           "python": sys.version.split()[0]}
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
