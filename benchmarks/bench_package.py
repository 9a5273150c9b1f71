"""The one-folder app (``make package``): its size on disk, and its cold start to the drawn map
next to the source install's, in the same run.

    .venv/bin/python benchmarks/bench_package.py --runs 5
    .venv/bin/python benchmarks/bench_package.py --bundle dist/humanops --compare-bundle OTHER/humanops

Without ``--bundle`` the folder comes from the build cache (``packaging/build_bundle.py --cache
build/package-cache``: built now if the sources changed). Each run starts a fresh process of each
(``humanops demo --create X --screenshot Y``: write the demo, open the main window offscreen, draw
the map, save it), alternating which goes first, and ``humanops --help`` (the CLI alone).

"Cold" is a fresh process, not a cold disk: the operating system's file cache is not dropped
(that needs root and slows every other process on the machine), so both read their files from
memory after the first run; the first run of each is reported apart. Peak memory and CPU time are each
child process's own (wait4; CPU time is less swayed than wall time by other work on the machine).
Prints one JSON document.
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

ROOT = Path(__file__).resolve().parent.parent


def folder_size(folder: Path) -> dict[str, object]:
    """Bytes and files under ``folder`` (a symlink counts as itself), and its ten largest parts."""
    parts: dict[str, int] = {}
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            continue
        size = path.lstat().st_size
        total += size
        files += 1
        relative = path.relative_to(folder).parts
        # the top level of _internal/ (PyInstaller's contents folder) says which library weighs what
        key = "/".join(relative[:2]) if relative[0] == "_internal" and len(relative) > 1 else relative[0]
        parts[key] = parts.get(key, 0) + size
    largest = sorted(parts.items(), key=lambda item: -item[1])[:10]
    return {"bytes": total, "mb": round(total / 1e6, 1), "files": files,
            "largest_mb": {name: round(size / 1e6, 1) for name, size in largest}}


def timed_run(command: list[str], env: dict[str, str], out_dir: Path) -> dict[str, float]:
    """Wall time and peak memory of one fresh process; stops the benchmark if it fails."""
    with open(out_dir / "stdout.txt", "wb") as stdout, open(out_dir / "stderr.txt", "wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env, cwd=out_dir)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
            code = os.waitstatus_to_exitcode(status)
            peak_mb = usage.ru_maxrss / 1024  # kB on Linux
            cpu_s = usage.ru_utime + usage.ru_stime  # all its threads: less swayed by other load than wall time
            process.returncode = code
        else:  # Windows: no per-child peak memory from the standard library
            code = process.wait()
            elapsed, peak_mb, cpu_s = time.perf_counter() - started, float("nan"), float("nan")
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n"
                         f"{(out_dir / 'stderr.txt').read_text(errors='replace')[-3000:]}")
    return {"s": round(elapsed, 3), "cpu_s": round(cpu_s, 3), "peak_rss_mb": round(peak_mb, 1)}


def cached_bundle() -> tuple[Path, dict[str, object]]:
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--cache",
                           str(ROOT / "build" / "package-cache"), "--json"], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    built = json.loads(done.stdout)
    return Path(built["bundle"]), {"cached": built["cached"], "build_s": built["build_s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, help="a built folder (default: the build cache's)")
    parser.add_argument("--source", type=Path, default=Path(sys.executable).parent / "humanops",
                        help="the source install's humanops (default: beside this Python)")
    parser.add_argument("--compare-bundle", type=Path,
                        help="another built folder to size beside it (e.g. one built with HUMANOPS_PACKAGE_KEEP_ALL=1)")
    args = parser.parse_args()

    build: dict[str, object] = {}
    bundle = args.bundle.resolve() if args.bundle else None
    if bundle is None:
        bundle, build = cached_bundle()
    built_exe = bundle / ("humanops.exe" if sys.platform == "win32" else "humanops")
    programs = {"source": str(args.source), "built": str(built_exe)}

    with tempfile.TemporaryDirectory(prefix="bench-package-") as folder:
        base = Path(folder)
        env = {key: value for key, value in os.environ.items() if not key.startswith("HUMANOPS_")}
        env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(base / "config"),
                   XDG_CACHE_HOME=str(base / "cache"), XDG_STATE_HOME=str(base / "state"))
        results: dict[str, dict[str, list[dict[str, float]]]] = {
            name: {"map_drawn": [], "help": []} for name in programs}
        for run in range(args.runs):
            order = list(programs) if run % 2 == 0 else list(reversed(programs))
            for name in order:
                out = base / f"{name}-{run}"
                out.mkdir()
                results[name]["map_drawn"].append(timed_run(
                    [programs[name], "demo", "--create", str(out / "demo.gpkg"), "--screenshot", str(out / "map.png")],
                    env, out))
                results[name]["help"].append(timed_run([programs[name], "--help"], env, out))

    def summary(name: str, what: str) -> dict[str, object]:
        runs = results[name][what]
        later = runs[1:] or runs
        return {"first_s": runs[0]["s"], "median_s": round(statistics.median(r["s"] for r in later), 3),
                "median_cpu_s": round(statistics.median(r["cpu_s"] for r in later), 3),
                "runs_s": [r["s"] for r in runs], "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}

    report: dict[str, object] = {
        "benchmark": "one-folder app: size, and cold start to the drawn demo map vs the source install",
        "bundle": str(bundle),
        "build": build,
        "size": folder_size(bundle),
        "map_drawn": {name: summary(name, "map_drawn") for name in programs},
        "help": {name: summary(name, "help") for name in programs},
        "runs": args.runs,
        "os_file_cache": "not dropped (a fresh process each run; the first run is reported apart)",
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    drawn = report["map_drawn"]
    report["built_over_source_map_drawn"] = round(drawn["built"]["median_s"] / drawn["source"]["median_s"], 2)
    report["built_over_source_map_drawn_cpu"] = round(
        drawn["built"]["median_cpu_s"] / drawn["source"]["median_cpu_s"], 2)
    helped = report["help"]
    report["built_over_source_help"] = round(helped["built"]["median_s"] / helped["source"]["median_s"], 2)
    if args.compare_bundle:
        other = folder_size(args.compare_bundle.resolve())
        report["compare_size"] = {"bundle": str(args.compare_bundle), **other,
                                  "saved_mb": round((other["bytes"] - report["size"]["bytes"]) / 1e6, 1)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
