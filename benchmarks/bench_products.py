"""Products for an audience: the briefing map of the demo, and of the demo plus many needs.

    .venv/bin/python benchmarks/bench_products.py --needs 100000 --runs 3

The workspace is the demo scenario (Kavera) with our keys and its three partners
(``humanops demo --create --with-partners``). Measured, median of ``--runs``:

* the demo briefing map for a partner (``--for``, MedAid by default) and for our own people
  (``internal``): time to write it (the sharing decisions, the page, the file) and its size;
* the same with ``--needs`` more need points scattered over the region: that layer is drawn as
  grid clusters (more than 5,000 points), so the file stays small; the time, the size, the
  cluster cell and how many clusters.

The budget (issue 13): a briefing under 5 MB, written in seconds. Prints one JSON document, with
the peak memory (ru_maxrss) of this process.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGION = (128.0, -18.6, 129.4, -17.6)  # the demo region (lon/lat)
BUDGET_BYTES = 5_000_000


def build_demo(folder: Path) -> Path:
    from humanops.scenario.demo import create_demo_workspace
    from humanops.scenario.demo_partners import install_demo_partners

    path = folder / "demo.gpkg"
    with create_demo_workspace(path) as workspace:
        install_demo_partners(workspace)
    return path


def add_needs(path: Path, needs: int, seed: int = 11) -> None:
    import geopandas as gpd
    import numpy as np
    import shapely

    from humanops.store.workspace import Workspace

    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = REGION
    frame = gpd.GeoDataFrame({
        "name": [f"Site {i:06d}" for i in range(needs)],
        "population": np.clip(rng.lognormal(6.5, 1.2, needs), 10, 9_000_000).astype(int),
        "severity_phase": rng.integers(1, 6, needs),
    }, geometry=shapely.points(rng.uniform(minx, maxx, needs), rng.uniform(miny, maxy, needs)), crs=4326)
    with Workspace.open(path) as workspace:
        workspace.add_frame("need", frame)


def measure(path: Path, audience: str, out: Path, runs: int) -> dict:
    from humanops.products.briefing_map import write_briefing_map
    from humanops.store.workspace import Workspace

    times = []
    result = None
    with Workspace.open(path) as workspace:
        for _ in range(runs):
            started = time.perf_counter()
            result = write_briefing_map(workspace, audience, out, overwrite=True)
            times.append(time.perf_counter() - started)
    assert result is not None
    clustered = {c.name: {"cell_m": c.cluster_cell_m, "features": c.features, "clusters": c.drawn}
                 for c in result.briefing.layers if c.cluster_cell_m}
    return {
        "audience": audience,
        "write_s": round(statistics.median(times), 3),
        "bytes": result.bytes,
        "mb": round(result.bytes / 1e6, 3),
        "under_budget": result.bytes < BUDGET_BYTES,
        "features_shown": sum(c.features for c in result.briefing.layers),
        "withheld": result.briefing.withheld,
        "tlp": result.briefing.tlp,
        "drawn": sum(c.drawn for c in result.briefing.layers),
        "clustered": clustered,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--needs", type=int, default=100_000, help="need points added to the demo")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--for", dest="audience", default="medaid", help="the partner the briefing is for")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-products-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        demo = build_demo(folder)
        setup_s = time.perf_counter() - started
        report: dict = {"runs": args.runs, "setup_demo_s": round(setup_s, 2)}
        report["demo"] = {audience: measure(demo, audience, folder / f"demo-{audience}.html", args.runs)
                          for audience in (args.audience, "internal")}
        if args.needs:
            many = folder / "many.gpkg"
            shutil.copy(demo, many)
            started = time.perf_counter()
            add_needs(many, args.needs)
            report["needs_added"] = args.needs
            report["add_needs_s"] = round(time.perf_counter() - started, 2)
            report["with_needs"] = {audience: measure(many, audience, folder / f"many-{audience}.html", args.runs)
                                    for audience in (args.audience, "internal")}
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
