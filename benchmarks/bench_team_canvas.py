"""Time to the first drawn map of a large point layer: a team database (PostGIS) beside the same
layer in a GeoPackage, and beside the database read row by row (before the packed read).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_team_canvas.py --needs 100000 --repeats 3

Makes a GeoPackage with ``--needs`` need points (name, population, severity phase) scattered over
the demo region, copies it into a throwaway PostgreSQL + PostGIS cluster (tests/pg_cluster.py;
``humanops copy``), ANALYZEs it (what autovacuum does after a load), then opens each on a map
canvas in a fresh process (its peak memory its own), alternating, ``--repeats`` times:

* ``gpkg``: the GeoPackage (its first open: no point overview kept in it yet);
* ``postgis``: the database, read as arrays (store/postgis/packed_columns.py);
* ``postgis_rows``: the database with the packed read switched off (the row reader: the baseline).

Each reports seconds from ``set_workspace`` to the **first drawn map** (every layer's image
rendered) and to **loaded** (the canvas idle: the large layer's identities read too), the
``load:`` jobs' times, and the process's peak resident set. ``summary`` holds the medians and the
ratios postgis / gpkg and postgis_rows / postgis. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

REGION = (128.0, -18.6, 129.4, -17.6)  # the demo region (lon/lat)
VARIANTS = ("gpkg", "postgis", "postgis_rows")


def build(path: Path, needs: int, seed: int = 11) -> float:
    import geopandas as gpd
    import numpy as np
    import shapely

    from humanops.store.workspace import Workspace

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = REGION
    with Workspace.create(path, organisation="ocha") as ws:
        ws.add_frame("need", gpd.GeoDataFrame({
            "name": [f"Site {i:06d}" for i in range(needs)],
            "population": np.clip(rng.lognormal(6.5, 1.2, needs), 10, 9_000_000).astype(int),
            "severity_phase": rng.integers(1, 6, needs),
        }, geometry=shapely.points(rng.uniform(minx, maxx, needs), rng.uniform(miny, maxy, needs)), crs=4326))
    return time.perf_counter() - started


def peak_rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def child_main(target: str, variant: str, width: int, height: int) -> dict:
    """In a fresh process: open ``target`` on a canvas and time it to the drawn map and idle."""
    from PySide6.QtWidgets import QApplication

    import humanops.ui  # noqa: F401  (the PySide6 workaround, before any Qt call)
    from humanops.store.open_target import open_any
    from humanops.ui.canvas import MapCanvas

    if variant == "postgis_rows":  # the baseline: the row reader, as before the packed read
        from humanops.store.postgis import packed_columns

        packed_columns.packed_postgis_read = lambda *args, **kwargs: False  # type: ignore[assignment]
    app = QApplication.instance() or QApplication([])
    canvas = MapCanvas()
    canvas.resize(width, height)
    canvas.show()
    jobs: dict[str, float] = {}
    canvas._queue.finished.connect(lambda key, gen, result, ms: jobs.__setitem__(key, round(ms, 1)))
    marks: dict[str, float] = {}

    def drawn() -> bool:
        layers = canvas.layer_names()
        return bool(layers) and all(f"layer:{n}" in canvas._images and canvas.snapshot(n) is not None
                                    for n in layers)

    def on_render(_ms: float) -> None:
        if "map_drawn" not in marks and drawn():
            marks["map_drawn"] = time.perf_counter() - t0

    canvas.renderFinished.connect(on_render)
    t0 = time.perf_counter()
    ws = open_any(target)
    marks["opened"] = time.perf_counter() - t0
    canvas.set_workspace(ws)  # type: ignore[arg-type]
    deadline = time.monotonic() + 300
    while ("map_drawn" not in marks or not canvas.is_idle()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    marks["loaded"] = time.perf_counter() - t0
    need = canvas.snapshot("need")
    out = {"variant": variant, "seconds": {k: round(v, 3) for k, v in marks.items()},
           "load_jobs_ms": {k: v for k, v in jobs.items() if k.startswith(("load:", "identity:", "details:"))},
           "need_points": len(need) if need is not None else 0}
    canvas.shutdown()
    ws.close()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def run_child(target: str, variant: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--child", target, "--variant", variant,
               "--width", str(args.width), "--height", str(args.height)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
    if done.returncode != 0:
        return {"variant": variant, "error": done.stderr.strip().splitlines()[-5:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_main(args.child, args.variant, args.width, args.height)))
        return

    from pg_cluster import ThrowawayCluster

    from humanops.store.postgis.copy_workspace import copy_workspace
    from humanops.store.postgis.workspace import connect

    with tempfile.TemporaryDirectory(prefix="bench-team-canvas-") as folder, ThrowawayCluster.start() as cluster:
        gpkg = Path(folder) / "needs.gpkg"
        build_s = build(gpkg, args.needs)
        url = cluster.create_database("canvas")
        started = time.perf_counter()
        copy_workspace(str(gpkg), url)
        connection = connect(url)
        connection.execute("ANALYZE")
        connection.close()
        copy_s = time.perf_counter() - started
        pristine = gpkg.read_bytes()  # each gpkg run is a first open: no point overview kept from the last
        runs: list[dict] = []
        for _ in range(args.repeats):
            for variant in VARIANTS:
                if variant == "gpkg":
                    gpkg.write_bytes(pristine)
                runs.append(run_child(str(gpkg) if variant == "gpkg" else url, variant, args))
    summary: dict[str, dict[str, float | None]] = {}
    for variant in VARIANTS:
        ok = [r for r in runs if r["variant"] == variant and "seconds" in r]
        summary[variant] = {
            "map_drawn_s_median": statistics.median(r["seconds"]["map_drawn"] for r in ok) if ok else None,
            "loaded_s_median": statistics.median(r["seconds"]["loaded"] for r in ok) if ok else None,
            "peak_rss_mb_max": max((r["peak_rss_mb"] or 0) for r in ok) if ok else None,
        }

    def ratio(a: str, b: str, key: str) -> float | None:
        x, y = summary[a][key], summary[b][key]
        return round(x / y, 2) if x and y else None

    doc = {
        "needs": args.needs, "repeats": args.repeats, "size": [args.width, args.height],
        "build_gpkg_s": round(build_s, 2), "copy_to_postgis_s": round(copy_s, 2),
        "runs": runs, "summary": summary,
        "ratios": {
            "postgis_to_gpkg_map_drawn": ratio("postgis", "gpkg", "map_drawn_s_median"),
            "postgis_to_gpkg_loaded": ratio("postgis", "gpkg", "loaded_s_median"),
            "postgis_rows_to_postgis_map_drawn": ratio("postgis_rows", "postgis", "map_drawn_s_median"),
            "postgis_rows_to_postgis_loaded": ratio("postgis_rows", "postgis", "loaded_s_median"),
        },
    }
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
