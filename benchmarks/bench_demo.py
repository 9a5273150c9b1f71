"""Demo scenario benchmark: generating the layers, writing the workspace, the whole thing.

    .venv/bin/python benchmarks/bench_demo.py --runs 3 --seed 7

Prints one JSON document: median times over ``--runs``, the layer sizes, peak memory, and as a
baseline the same frames written with plain ``pyogrio.write_dataframe`` to a GeoPackage in the
same run (the ratio is what the workspace's bookkeeping costs over GDAL alone). Target: the
whole demo in under 5 s (tests build it several times).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    start = time.perf_counter()
    import pyogrio

    from humanops.scenario.demo import build_demo, create_demo_workspace
    import_s = time.perf_counter() - start
    build, create, baseline = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            t = time.perf_counter()
            frames = build_demo(args.seed)
            build.append(time.perf_counter() - t)
            t = time.perf_counter()
            create_demo_workspace(Path(folder) / f"demo-{run}.gpkg", seed=args.seed).close()
            create.append(time.perf_counter() - t)
            t = time.perf_counter()
            plain = Path(folder) / f"plain-{run}.gpkg"
            for layer, frame in frames.items():
                pyogrio.write_dataframe(frame, plain, layer=layer, driver="GPKG", append=plain.exists())
            baseline.append(time.perf_counter() - t)
        size_mb = (Path(folder) / "demo-0.gpkg").stat().st_size / 1e6
    write = [c - b for c, b in zip(create, build, strict=True)]
    print(json.dumps({
        "seed": args.seed,
        "runs": args.runs,
        "features": {layer: len(frame) for layer, frame in frames.items()},
        "import_s": round(import_s, 3),
        "build_layers_s": round(statistics.median(build), 3),
        "create_workspace_s": round(statistics.median(create), 3),
        "write_workspace_s": round(statistics.median(write), 3),
        "baseline_pyogrio_write_s": round(statistics.median(baseline), 3),
        "write_vs_baseline_ratio": round(statistics.median(write) / statistics.median(baseline), 2),
        "file_mb": round(size_mb, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }, indent=2))


if __name__ == "__main__":
    main()
