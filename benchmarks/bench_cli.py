"""Command-line start-up benchmark: what a script calling ``humanops`` in a loop waits for.

    .venv/bin/python benchmarks/bench_cli.py --runs 7

Each command runs as its own process, as a script runs it (the ``humanops`` console script of
this Python's environment), ``--runs`` times; the JSON gives the median wall time, the ratio to
a bare ``python -c pass`` measured in the same run, and the largest resident memory of a run.
Commands: ``--help``, ``info`` on the demo workspace (``humanops demo --create``), and ``route``
on the OpenStreetMap test extract (``tests/data/planning/helsinki_test.osm.pbf``) and on the demo's
roads: *cold* on a fresh copy of the workspace each run (the road graph is built and then kept in
the workspace), *warm* on a workspace that already holds the graph for its roads.
Targets (issue 11): ``--help`` under 0.15 s, ``info`` under 0.3 s.

The commands run with compiled bytecode cached, as an installed HumanOps runs (pip writes it at
install time), in a folder of the run (``PYTHONPYCACHEPREFIX``), even where the environment turns
the cache off (``PYTHONDONTWRITEBYTECODE``): recompiling every module on every start would be
measured otherwise. One run of each command before the timed ones fills the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OSM_EXTRACT = REPO / "tests" / "data" / "planning" / "helsinki_test.osm.pbf"
# two places on the largest connected part of each network (lat,lon; facility names in the demo)
OSM_ROUTE = ("60.528,26.94", "60.535,26.955")
DEMO_ROUTE = ("Valmora General Hospital", "Nevash Health Centre")


def humanops_script() -> str:
    """The ``humanops`` console script installed beside this Python (what users and scripts run)."""
    script = Path(sys.executable).parent / "humanops"
    if not script.is_file():
        sys.exit(f"bench_cli: no humanops script at {script}: install the project into this environment "
                 "(pip install -e .)")
    return str(script)


CHILD_ENV = dict(os.environ)


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one run of ``command``; its failure stops the benchmark."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CHILD_ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        sys.exit(f"bench_cli: {' '.join(command)} failed ({process.returncode}): {error.strip()}")
    return elapsed, usage.ru_maxrss / 1024


def summary(times: list[float], peaks: list[float], baseline: float) -> dict[str, float]:
    median = statistics.median(times)
    return {"median_s": round(median, 3), "min_s": round(min(times), 3), "ratio_to_python": round(median / baseline, 1),
            "peak_rss_mb": round(max(peaks), 1)}


def measure(runs: int, make_command: Callable[[int], list[str]]) -> tuple[list[float], list[float]]:
    timed(make_command(runs))   # fills the bytecode cache; not counted
    times, peaks = [], []
    for run in range(runs):
        elapsed, peak = timed(make_command(run))
        times.append(elapsed)
        peaks.append(peak)
    return times, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (the median is reported)")
    args = parser.parse_args()
    humanops = humanops_script()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        CHILD_ENV["HUMANOPS_LOG_DIR"] = str(folder / "log")   # the commands' log, not the user's
        demo, osm = folder / "demo.gpkg", folder / "osm.gpkg"
        timed([humanops, "demo", "--create", str(demo)])
        timed([humanops, "init", str(osm)])
        timed([humanops, "-w", str(osm), "roads", "import-osm", str(OSM_EXTRACT)])
        road_segments = {}
        for name, path in (("osm", osm), ("demo", demo)):
            info = subprocess.run([humanops, "-w", str(path), "info", "--json"], capture_output=True, check=True,
                                  env=CHILD_ENV)
            road_segments[name] = json.loads(info.stdout)["layers"]["road"]["count"]
        pristine = {name: folder / f"{name}-pristine.gpkg" for name in ("osm", "demo")}
        shutil.copyfile(osm, pristine["osm"])   # before any route: no road graph kept in them yet
        shutil.copyfile(demo, pristine["demo"])

        bare = measure(args.runs, lambda _: [sys.executable, "-c", "pass"])
        baseline = statistics.median(bare[0])
        results["python -c pass"] = summary(*bare, baseline)
        results["humanops --help"] = summary(*measure(args.runs, lambda _: [humanops, "--help"]), baseline)
        results["humanops -w DEMO info"] = summary(
            *measure(args.runs, lambda _: [humanops, "-w", str(demo), "info"]), baseline)
        for name, (start, end) in (("osm", OSM_ROUTE), ("demo", DEMO_ROUTE)):
            def cold(run: int, name: str = name, start: str = start, end: str = end) -> list[str]:
                copy = folder / f"{name}-cold-{run}.gpkg"
                shutil.copyfile(pristine[name], copy)
                return [humanops, "-w", str(copy), "route", start, end]

            label = "OSM" if name == "osm" else "DEMO"
            results[f"humanops -w {label} route (cold)"] = summary(*measure(args.runs, cold), baseline)
            warm_ws = folder / f"{name}-warm.gpkg"
            shutil.copyfile(pristine[name], warm_ws)
            timed([humanops, "-w", str(warm_ws), "route", start, end])   # keeps the graph in the workspace
            results[f"humanops -w {label} route (warm)"] = summary(
                *measure(args.runs, lambda _, w=warm_ws, s=start, e=end: [humanops, "-w", str(w), "route", s, e]),
                baseline)
        sizes = {name: round(path.stat().st_size / 1e6, 2) for name, path in
                 (("osm_pristine_mb", pristine["osm"]), ("osm_with_graph_mb", folder / "osm-warm.gpkg"),
                  ("demo_pristine_mb", pristine["demo"]), ("demo_with_graph_mb", folder / "demo-warm.gpkg"))}
    print(json.dumps({
        "runs": args.runs,
        "python": sys.version.split()[0],
        "bytecode_cached": True,
        "road_segments": road_segments,
        "workspace_files": sizes,
        "commands": results,
        "targets_s": {"humanops --help": 0.15, "humanops -w DEMO info": 0.3},
    }, indent=2))


if __name__ == "__main__":
    main()
