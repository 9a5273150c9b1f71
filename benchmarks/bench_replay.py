"""Replay benchmark: the picture as recorded at a past moment (store/history_view.py).

    .venv/bin/python benchmarks/bench_replay.py --features 100000 --versions 4

Prints one JSON document. A need layer of ``--features`` points is imported, then every feature
is updated ``--versions - 1`` times (a partner's package merged: ``put_frame``), each round
recorded at its own moment, and ``--deletes`` features are deleted. Then, best of ``--repeat``:
the change moments, and the layer as recorded at the first moment (every feature from history),
at a middle one, and at the last (every feature live), beside the baseline measured in the same
run: ``Workspace.read_layer`` of the live layer (what the map and exports read today).
Peak memory (max RSS) is reported beside the times.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_workspace import make_needs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best(fn: Any, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--versions", type=int, default=4, help="versions a feature (1: imported only)")
    parser.add_argument("--deletes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from humanops.store import workspace as workspace_module
    from humanops.store.history_view import HistoryView
    from humanops.store.workspace import Workspace

    start = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    clock = {"now": start}
    workspace_module.utc_now = lambda: clock["now"]  # type: ignore[attr-defined]  # each round at its moment
    result: dict[str, Any] = {"features": args.features, "versions": args.versions, "deletes": args.deletes}
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.create(Path(folder) / "replay.gpkg", organisation="ocha")
        t0 = time.perf_counter()
        uuids = ws.add_frame("need", make_needs(args.features), at=start)
        for round_ in range(1, args.versions):
            clock["now"] = start + timedelta(hours=round_)
            frame = ws.read_layer("need")
            frame["population"] = frame["population"] + round_
            frame["version"] = frame["version"] + 1
            frame["tlp"] = "RED" if round_ % 2 else "AMBER"
            ws.put_frame("need", frame.reset_index(drop=True), source_package=f"round {round_}")
        clock["now"] = start + timedelta(hours=args.versions)
        for uid in uuids[:args.deletes]:
            ws.delete_feature("need", uid)
        result["setup_s"] = round(time.perf_counter() - t0, 1)
        result["history_rows"] = ws.connection.execute("SELECT count(*) FROM humanops_history").fetchone()[0]
        result["change_rows"] = ws.connection.execute("SELECT count(*) FROM humanops_changes").fetchone()[0]
        view = HistoryView(ws.connection, ws.catalog)
        seconds, moments = best(view.moments, args.repeat)
        result["moments"] = {"count": len(moments), "s": round(seconds, 3)}
        baseline, live = best(lambda: ws.read_layer("need"), args.repeat)
        result["baseline_read_layer_live_s"] = round(baseline, 3)
        picks = {"first (all from history)": moments.moment(0) + timedelta(minutes=1),
                 "middle": moments.moment(len(moments) // 2 - 1) + timedelta(minutes=1),
                 "last (all live)": moments.moment(len(moments) - 1) + timedelta(minutes=1)}
        result["layer_at"] = {}
        for label, at in picks.items():
            seconds, frame = best(lambda at=at: view.layer_at("need", at), args.repeat)
            result["layer_at"][label] = {"at": at.isoformat(), "rows": len(frame), "s": round(seconds, 3),
                                         "ratio_to_baseline": round(seconds / baseline, 2)}
        assert len(result["layer_at"]["last (all live)"]) and \
            result["layer_at"]["last (all live)"]["rows"] == len(live)
        ws.close()
    result["peak_rss_mb"] = round(peak_rss_mb())
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
