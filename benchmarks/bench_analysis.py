"""Analysis benchmark: exposure and corridor risk (issue 5, items 1 and 2).

    .venv/bin/python benchmarks/bench_analysis.py --points 1000000 --zones 10000

Prints one JSON document with times and peak memory (ru_maxrss). Budget: exposure of 1,000,000
need points x 10,000 danger zones under 5 s. Beside it, in the same run, the plain geopandas way
(project the points to UTM, ``sjoin`` with ``intersects`` / ``dwithin``, keep the highest severity
per point, group) on the same data, and the ratio. Corridor risk: a full computation of
``--corridors`` corridors against the zones, then the incremental recompute after one danger-zone
edit in a workspace (the edit alone is timed too), with the number of corridors it recomputed.

``make_exposure_data`` and ``bench_exposure`` are importable (benchmarks/bench_planning.py uses them).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HAZARDS = ("shelling", "airstrike", "armed_conflict", "flood", "landmines_uxo")
CENTRE = (36.5, 34.0)  # lon, lat of the synthetic area (UTM zone 37N)
SPAN_DEG = 2.0



def bench_uuids(count: int) -> np.ndarray:
    """Well-formed, deterministic uuids: the workspace gives a malformed one a fresh identity."""
    return np.array([f"00000000-0000-4000-8000-{i:012d}" for i in range(count)], dtype=object)

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def make_exposure_data(points: int, zones: int, seed: int = 1) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """``points`` needs and ``zones`` circular danger zones (200-1,500 m) over a 2 x 2 degree area."""
    from humanops.analysis.projection import to_wgs84, utm_crs

    rng = np.random.default_rng(seed)
    lon0, lat0 = CENTRE[0] - SPAN_DEG / 2, CENTRE[1] - SPAN_DEG / 2
    population = rng.integers(10, 5000, points)
    needs = gpd.GeoDataFrame(
        {"uuid": bench_uuids(points), "name": np.full(points, "site", dtype=object),
         "admin_code": np.char.add("SY", (rng.integers(0, 200, points)).astype(str)).astype(object),
         "population": population, "pin_food": population // 2},
        geometry=shapely.points(lon0 + rng.random(points) * SPAN_DEG, lat0 + rng.random(points) * SPAN_DEG),
        crs=4326)
    crs = utm_crs(*CENTRE)
    centres = shapely.points(lon0 + rng.random(zones) * SPAN_DEG, lat0 + rng.random(zones) * SPAN_DEG)
    circles = shapely.buffer(gpd.GeoSeries(centres, crs=4326).to_crs(crs).values, rng.uniform(200, 1500, zones),
                             quad_segs=8)
    danger = gpd.GeoDataFrame(
        {"uuid": bench_uuids(zones), "name": np.full(zones, "zone", dtype=object),
         "hazard": rng.choice(HAZARDS, zones).astype(object), "severity": rng.integers(1, 6, zones)},
        geometry=to_wgs84(np.asarray(circles, dtype=object), crs), crs=4326)
    return needs, danger


def geopandas_baseline(needs: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, distance_m: float) -> dict[str, Any]:
    """The plain geopandas way, for comparison: project everything, sjoin, highest severity per point."""
    from humanops.analysis.projection import utm_crs

    crs = utm_crs(*CENTRE)
    points = needs[["population", "geometry"]].to_crs(crs)
    polygons = zones[["hazard", "severity", "geometry"]].to_crs(crs)
    if distance_m > 0:
        joined = gpd.sjoin(points, polygons, predicate="dwithin", distance=distance_m)
    else:
        joined = gpd.sjoin(points, polygons, predicate="intersects")
    worst = joined.groupby(level=0).agg(population=("population", "first"), severity=("severity", "max"))
    table = worst.groupby("severity")["population"].sum()
    return {"needs_exposed": len(worst), "population_exposed": int(table.sum())}


def bench_exposure(points: int = 1_000_000, zones: int = 10_000, distance_m: float = 250.0,
                   baseline: bool = True, seed: int = 1) -> dict[str, Any]:
    """Exposure at distance 0 and ``distance_m``, with the geopandas baseline; JSON-able figures."""
    from humanops.analysis.exposure import compute_exposure

    t_data, (needs, danger) = timed(lambda: make_exposure_data(points, zones, seed))
    out: dict[str, Any] = {"points": points, "zones": zones, "distance_m": distance_m,
                           "make_data_s": round(t_data, 3)}
    for label, d in (("inside", 0.0), ("within", distance_m)):
        t, result = timed(lambda d=d: compute_exposure(needs, danger, distance_m=d, by=("hazard", "severity"),
                                                       measures=("population", "pin_food")))
        out[f"exposure_{label}_s"] = round(t, 3)
        out[f"exposure_{label}_needs_exposed"] = result.summary["needs_exposed"]
        out[f"exposure_{label}_population"] = result.summary["population_exposed"]
        if baseline:
            tb, base = timed(lambda d=d: geopandas_baseline(needs, danger, d))
            out[f"baseline_{label}_s"] = round(tb, 3)
            out[f"baseline_{label}_needs_exposed"] = base["needs_exposed"]
            out[f"ratio_{label}_baseline_over_ours"] = round(tb / t, 2) if t else None
    out["budget_s"] = 5.0
    out["within_budget"] = max(out["exposure_inside_s"], out["exposure_within_s"]) < 5.0
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def make_corridors(count: int, seed: int = 2) -> gpd.GeoDataFrame:
    """Random-walk corridors of 5-30 km with widths of 100-2,000 m."""
    from humanops.analysis.projection import to_wgs84, utm_crs

    rng = np.random.default_rng(seed)
    crs = utm_crs(*CENTRE)
    origin = gpd.GeoSeries([shapely.Point(CENTRE)], crs=4326).to_crs(crs).iloc[0]
    half_span = SPAN_DEG / 2 * 90_000
    lines = []
    for _ in range(count):
        steps = rng.integers(4, 12)
        start = np.array([origin.x, origin.y]) + rng.uniform(-half_span, half_span, 2)
        heading = rng.uniform(0, 2 * np.pi)
        coords = [start]
        for _ in range(steps):
            heading += rng.normal(0, 0.4)
            coords.append(coords[-1] + rng.uniform(1000, 3000) * np.array([np.cos(heading), np.sin(heading)]))
        lines.append(shapely.LineString(coords))
    return gpd.GeoDataFrame(
        {"uuid": bench_uuids(count), "name": [f"corridor {i}" for i in range(count)],
         "status": rng.choice(["open", "negotiated", "proposed"], count).astype(object),
         "width_m": rng.uniform(100, 2000, count).round()},
        geometry=to_wgs84(np.asarray(lines, dtype=object), crs), crs=4326)


def bench_corridor_risk(corridors: int, zones: int, workspace_dir: Path, seed: int = 1) -> dict[str, Any]:
    from humanops.analysis.corridor_risk import CorridorRiskCache, compute_corridor_risk
    from humanops.store.workspace import Workspace

    _, danger = make_exposure_data(1, zones, seed)
    lines = make_corridors(corridors)
    facilities = gpd.GeoDataFrame({"uuid": ["f0"], "name": ["f"], "facility_type": ["shelter"]},
                                  geometry=[shapely.Point(CENTRE)], crs=4326)
    t_full, table = timed(lambda: compute_corridor_risk(lines, danger, facilities))
    out: dict[str, Any] = {"corridors": corridors, "zones": zones, "full_compute_s": round(t_full, 3),
                           "corridors_in_danger": int((table["length_in_danger_m"] > 0).sum())}
    ws = Workspace.create(workspace_dir / "bench_analysis.gpkg", organisation="bench", overwrite=True)
    try:
        t_load, _ = timed(lambda: (ws.add_frame("danger_zone", danger), ws.add_frame("corridor", lines)))
        out["workspace_load_s"] = round(t_load, 3)
        near = sorted({z for zs in table["zones"] for z in zs})[:10]  # zones overlapping some corridor
        far = sorted(set(danger["uuid"]) - set(near))[:10]
        # the edit alone (no cache subscribed), then edits with the cache listening
        t_edit, _ = timed(lambda: ws.update_feature("danger_zone", far[-1], properties={"severity": 5}))
        t_cache, cache = timed(lambda: CorridorRiskCache(ws))
        out["cache_build_s"] = round(t_cache, 3)
        out["edit_alone_s"] = round(t_edit, 4)
        for label, uuids in (("near_corridors", near), ("anywhere", far[:-1])):
            times, touched = [], []
            for uid in uuids:
                t, _ = timed(lambda uid=uid: ws.update_feature("danger_zone", uid, properties={"severity": 5}))
                times.append(t)
                touched.append(len(cache.last_recomputed))
            out[f"edit_{label}_with_recompute_median_s"] = round(float(np.median(times)), 4)
            out[f"edit_{label}_with_recompute_max_s"] = round(float(np.max(times)), 4)
            out[f"edit_{label}_corridors_recomputed_median"] = float(np.median(touched))
        out["ratio_full_over_incremental_near"] = round(t_full / out["edit_near_corridors_with_recompute_median_s"], 1)
        cache.close()
    finally:
        ws.close()
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--zones", type=int, default=10_000)
    parser.add_argument("--distance", type=float, default=250.0, help="metres, for the 'within' run")
    parser.add_argument("--corridors", type=int, default=1000)
    parser.add_argument("--no-baseline", action="store_true", help="skip the geopandas comparison")
    parser.add_argument("--dir", help="working folder for the workspace (default: a temporary one)")
    args = parser.parse_args()

    doc: dict[str, Any] = {"benchmark": "analysis", "python": sys.version.split()[0]}
    doc["exposure"] = bench_exposure(args.points, args.zones, args.distance, baseline=not args.no_baseline)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        doc["corridor_risk"] = bench_corridor_risk(args.corridors, args.zones, Path(tmp))
    doc["peak_rss_mb"] = round(peak_rss_mb(), 1)
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
