"""Sharing policy benchmark: may_receive per feature, decide_many and generalise per frame.

    .venv/bin/python benchmarks/bench_policy.py --features 100000 --runs 3

Prints one JSON document: median times over ``--runs`` for ``may_receive`` called once per
feature, ``decide_many`` over the same features as one frame (with and without the area of
responsibility test), and ``generalise`` of as many need points to a 1 km grid with k=20; as
baselines in the same run, a plain ``groupby().sum()`` of population by 1 km cell (the least
any aggregation costs) and a ``shapely.intersects`` of the points with the area; the ratios;
peak memory. Target: may_receive in tens of µs at most, decide_many well under 1 µs a row.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from datetime import UTC, datetime, timedelta


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import geopandas as gpd
    import numpy as np
    import shapely
    from shapely.geometry import box

    from humanops.catalog import load_catalog
    from humanops.model import Feature
    from humanops.model.marking import Marking, Precision
    from humanops.sharing.directory import Community, Directory, Organisation
    from humanops.sharing.generalise import generalise, grid_crs
    from humanops.sharing.policy import decide_many, may_receive

    n = args.features
    rng = np.random.default_rng(args.seed)
    now = datetime(2025, 3, 1, tzinfo=UTC)
    area = box(36.0, 33.0, 36.25, 33.25)
    directory = Directory(
        [Organisation(f"org{i}", f"Org {i}", communities=(f"community:c{i % 3}",)) for i in range(20)]
        + [Organisation("medaid", "MedAid", communities=("community:c0",), area_of_responsibility=area)],
        [Community("community:c1", "C1", ("medaid",))])
    tlps = rng.choice(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"], n)
    parties = rng.choice(["", "medaid", "community:c1", "org3,org4", "medaid,community:c2"], n)
    caveats = rng.choice(["", "", "", "no_onward_sharing"], n)
    precision = rng.choice(["exact", "exact", "grid:1000:k20"], n)
    expires = rng.choice(["", "", (now + timedelta(days=3)).isoformat(), (now - timedelta(days=1)).isoformat()], n)
    originator = rng.choice(["org0", "org0", "org5", "org7"], n)
    x, y = 36.0 + rng.random(n) * 0.5, 33.0 + rng.random(n) * 0.5
    frame = gpd.GeoDataFrame({
        "tlp": tlps, "releasable_to": parties, "caveats": caveats, "precision": precision,
        "expires": expires, "originator": originator,
        "name": "site", "population": rng.integers(0, 200, n), "households": rng.integers(0, 40, n),
    }, geometry=gpd.points_from_xy(x, y), crs=4326)
    features = [
        Feature("need", geom, {}, Marking.from_columns(
            {"tlp": t, "releasable_to": p or None, "caveats": c or None, "precision": pr, "expires": e or None}),
            originator=o)
        for t, p, c, pr, e, o, geom in zip(tlps, parties, caveats, precision, expires, originator,
                                           frame.geometry.values, strict=True)]
    kind = load_catalog()["need"]
    crs = grid_crs(frame)

    timings: dict[str, list[float]] = {k: [] for k in (
        "may_receive", "may_receive_aor", "decide_many", "decide_many_aor", "generalise",
        "baseline_groupby", "baseline_intersects")}
    for _ in range(args.runs):
        t = time.perf_counter()
        scalar = [may_receive(f, "org0", "medaid", directory, now) for f in features]
        timings["may_receive"].append(time.perf_counter() - t)
        t = time.perf_counter()
        [may_receive(f, "org0", "medaid", directory, now, respect_aor=True) for f in features]
        timings["may_receive_aor"].append(time.perf_counter() - t)
        t = time.perf_counter()
        many = decide_many(frame, "org0", "medaid", directory, now)
        timings["decide_many"].append(time.perf_counter() - t)
        t = time.perf_counter()
        decide_many(frame, "org0", "medaid", directory, now, respect_aor=True)
        timings["decide_many_aor"].append(time.perf_counter() - t)
        t = time.perf_counter()
        out = generalise(frame, Precision.parse("grid:1000:k20"), kind, crs=crs)
        timings["generalise"].append(time.perf_counter() - t)
        t = time.perf_counter()
        projected = frame.geometry.to_crs(crs)
        cells = (np.floor(projected.x / 1000).astype(np.int64) * 1_000_003
                 + np.floor(projected.y / 1000).astype(np.int64))
        frame["population"].groupby(cells.to_numpy()).sum()
        timings["baseline_groupby"].append(time.perf_counter() - t)
        t = time.perf_counter()
        shapely.intersects(area, np.asarray(frame.geometry.values, dtype=object))
        timings["baseline_intersects"].append(time.perf_counter() - t)
    agree = all(many[i] == scalar[i] for i in range(0, n, max(1, n // 2000)))
    med = {k: statistics.median(v) for k, v in timings.items()}
    print(json.dumps({
        "features": n,
        "runs": args.runs,
        "may_receive_us_per_feature": round(med["may_receive"] / n * 1e6, 3),
        "may_receive_aor_us_per_feature": round(med["may_receive_aor"] / n * 1e6, 3),
        "decide_many_s": round(med["decide_many"], 4),
        "decide_many_us_per_feature": round(med["decide_many"] / n * 1e6, 3),
        "decide_many_aor_s": round(med["decide_many_aor"], 4),
        "generalise_s": round(med["generalise"], 4),
        "generalise_cells": len(out),
        "baseline_groupby_s": round(med["baseline_groupby"], 4),
        "baseline_intersects_s": round(med["baseline_intersects"], 4),
        "ratio_generalise_to_groupby": round(med["generalise"] / med["baseline_groupby"], 2),
        "ratio_decide_many_aor_to_intersects": round(med["decide_many_aor"] / med["baseline_intersects"], 2),
        "ratio_may_receive_to_decide_many": round(med["may_receive"] / med["decide_many"], 1),
        "decisions_by_reason": {k: v for k, v in many.counts().items()},
        "decide_many_equals_may_receive": agree,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }, indent=2))


if __name__ == "__main__":
    main()
