"""Planning benchmark: routing around danger zones, evacuation and aid plans (issue 5, items 3-5).

    .venv/bin/python benchmarks/bench_planning.py                 # the budgets' sizes
    .venv/bin/python benchmarks/bench_planning.py --edges 100000 --sources 1000 --needs 500   # quick

Prints one JSON document with times (s) and peak memory (MB, ru_maxrss). Budgets: on a
1,000,000-edge network, the graph built in < 30 s and a route avoiding 1,000 danger polygons in
< 0.5 s (beside it, in the same run, networkx's shortest path on the same graph and costs, and
the ratio; the two must agree on the cost); evacuation 10,000 sources x 200 shelters on 100,000
edges < 20 s; aid 50 warehouses x 5,000 needs x 10 items < 20 s; exposure 1,000,000 points x
10,000 zones < 5 s (humanops.analysis.exposure.compute_exposure, when present).

The synthetic network is a jittered grid of road segments ~100 m long near 30E 0N (classes and
surfaces at random); zones are circles of 150-600 m with severities 1-5.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CLASSES = np.array(["primary", "secondary", "tertiary", "residential", "unclassified", "track"], dtype=object)
SURFACES = np.array(["paved", "unpaved", "unknown"], dtype=object)
STEP = 0.0009   # degrees between grid junctions (~100 m)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb() -> float:
    """Resident memory now (not the peak): what a built graph keeps, after the build's temporaries."""
    with open("/proc/self/statm") as statm:
        return round(int(statm.read().split()[1]) * resource.getpagesize() / 2**20, 1)


def graph_arrays_mb(graph: Any) -> float:
    """The graph's numpy arrays (its shapely geometries and STRtree are GEOS memory, in rss_mb)."""
    seen = [v for v in vars(graph).values() if isinstance(v, np.ndarray) and v.dtype != object]
    seen += [a for c in (graph.fwd, graph.rev) for a in (c.indptr, c.indices, c.order) if a is not None]
    seen += [a for m in getattr(graph, "_landmarks", {}).values() for a in (m.d_from, m.d_to)]   # A* bounds
    seen += list(graph.time_by_traveller.values())
    return round(sum(a.nbytes for a in {id(a): a for a in seen}.values()) / 2**20, 1)


def timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return round(time.perf_counter() - start, 3), value


def cpu_timed(fn: Any, cpu: list[float]) -> tuple[float, Any]:
    """As :func:`timed`, and this process's CPU seconds appended to ``cpu``: on a shared machine the
    wall times of two runs can differ several fold, their CPU times much less (routing is one thread)."""
    start = time.process_time()
    t, value = timed(fn)
    cpu.append(time.process_time() - start)
    return t, value


def grid_roads(edges: int, seed: int) -> tuple[gpd.GeoDataFrame, int]:
    """About ``edges`` segments on an n x n grid of junctions, each a 3-vertex line (a bend)."""
    rng = np.random.default_rng(seed)
    n = int(np.ceil((1 + np.sqrt(1 + 2 * edges)) / 2))
    jitter = rng.uniform(-0.2, 0.2, size=(n, n, 2)) * STEP
    ix, iy = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    x = 30.0 + ix * STEP + jitter[..., 0]
    y = iy * STEP + jitter[..., 1]
    a = np.concatenate([np.column_stack([x[:-1, :].ravel(), y[:-1, :].ravel()]),
                        np.column_stack([x[:, :-1].ravel(), y[:, :-1].ravel()])])
    b = np.concatenate([np.column_stack([x[1:, :].ravel(), y[1:, :].ravel()]),
                        np.column_stack([x[:, 1:].ravel(), y[:, 1:].ravel()])])
    m = len(a)
    mid = (a + b) / 2 + rng.uniform(-0.05, 0.05, size=(m, 2)) * STEP
    coords = np.stack([a, mid, b], axis=1).reshape(-1, 2)
    geoms = shapely.linestrings(coords, indices=np.repeat(np.arange(m), 3))
    return gpd.GeoDataFrame({
        "uuid": [f"r{i}" for i in range(m)],
        "road_class": CLASSES[rng.integers(0, len(CLASSES), m)],
        "surface": SURFACES[rng.integers(0, len(SURFACES), m)],
        "oneway": rng.random(m) < 0.02,
    }, geometry=geoms, crs=4326), n


def zones_in(n_zones: int, extent: float, seed: int, max_severity: int = 5) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    centres = shapely.points(30.0 + rng.random(n_zones) * extent, rng.random(n_zones) * extent)
    radius = rng.uniform(150, 600, n_zones) / 111_320
    return gpd.GeoDataFrame({
        "uuid": [f"z{i}" for i in range(n_zones)], "name": [f"zone {i}" for i in range(n_zones)],
        "hazard": "shelling", "severity": rng.integers(1, max_severity + 1, n_zones),
    }, geometry=shapely.buffer(centres, radius, quad_segs=8), crs=4326)


def points_in(n: int, extent: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return shapely.points(30.0 + rng.random(n) * extent, rng.random(n) * extent)


# --------------------------------------------------------------------------- routing


def bench_routing(args: argparse.Namespace) -> dict[str, Any]:
    from humanops.analysis.road_graph import RoadGraph
    from humanops.analysis.routing import find_routes

    out: dict[str, Any] = {}
    t, (roads, n) = timed(lambda: grid_roads(args.edges, 1))
    extent = (n - 1) * STEP
    out["network"] = {"segments": len(roads), "grid": n, "extent_km": round(extent * 111.32, 1),
                      "generate_s": t}
    import gc

    gc.collect()
    before = rss_mb()
    t, graph = timed(lambda: RoadGraph.from_frame(roads))
    gc.collect()
    out["graph_build_s"] = t
    out["graph_build_budget_s"] = 30
    out["graph_rss_mb"] = round(rss_mb() - before, 1)      # what the graph holds (RSS growth)
    out["graph_arrays_mb"] = graph_arrays_mb(graph)
    out["peak_rss_after_build_mb"] = peak_rss_mb()
    zones = zones_in(args.zones, extent, 2)
    rng = np.random.default_rng(3)
    times, results, query_cpu = [], [], []
    pairs = []
    for _ in range(args.queries):
        s = (30.0 + rng.uniform(0.05, 0.3) * extent, rng.uniform(0.05, 0.95) * extent)
        e = (30.0 + rng.uniform(0.7, 0.95) * extent, rng.uniform(0.05, 0.95) * extent)
        t, routes = cpu_timed(lambda s=s, e=e: find_routes(graph, s, e, mode="safest", zones=zones), query_cpu)
        times.append(t)
        results.append(routes[0])
        pairs.append((s, e))
    out["route_query_s"] = {"median": statistics.median(times), "max": max(times), "runs": times}
    out["route_query_budget_s"] = 0.5
    out["zones"] = args.zones
    out["routes"] = [{"status": r.status, "length_km": round(r.length_m / 1000, 2), "time_min": round(r.time_s / 60, 1),
                      "zones_crossed": len(r.zones)} for r in results]
    # the parts of one query
    danger_t, danger = timed(lambda: graph.danger(zones))
    costs_t, costs = timed(lambda: graph.segment_costs("safest", danger))
    search_t, search_cpu = [], []
    for s, e in pairs:   # the search alone, on the same costs networkx gets below
        snaps = graph.snap(np.array([s[0], e[0]]), np.array([s[1], e[1]]))
        t, _ = cpu_timed(lambda snaps=snaps: graph.shortest_path(snaps.take([0]), snaps.take([1]), costs), search_cpu)
        search_t.append(t)
    out["route_query_parts_s"] = {"zones_on_roads": danger_t, "costs": costs_t,
                                  "search_median": statistics.median(search_t)}
    out["peak_rss_mb"] = peak_rss_mb()
    if not args.skip_networkx:
        del roads   # networkx's graph is big: free what we can first
        out["networkx"] = bench_networkx(graph, costs, pairs, results)
        nx_s = out["networkx"]["query_s"]["median"]
        out["networkx_over_ours_query_ratio"] = round(nx_s / max(out["route_query_s"]["median"], 1e-9), 1)
        out["networkx_over_ours_search_ratio"] = round(nx_s / max(statistics.median(search_t), 1e-9), 1)
        out["side_by_side"] = {   # one line to read: ours (whole query, search alone) vs networkx
            "edges": len(graph.length_m), "ours_query_s": out["route_query_s"]["median"],
            "ours_search_s": statistics.median(search_t), "networkx_s": nx_s,
            "ratio_query": out["networkx_over_ours_query_ratio"],
            "ratio_search": out["networkx_over_ours_search_ratio"],
            "ours_query_cpu_s": round(statistics.median(query_cpu), 4),
            "ours_search_cpu_s": round(statistics.median(search_cpu), 4),
            "networkx_cpu_s": out["networkx"]["query_cpu_s"],
            "ratio_query_cpu": round(out["networkx"]["query_cpu_s"] / max(statistics.median(query_cpu), 1e-9), 1),
            "ratio_search_cpu": round(out["networkx"]["query_cpu_s"] / max(statistics.median(search_cpu), 1e-9), 1),
            "graph_rss_growth_mb": out["graph_rss_mb"], "graph_numpy_arrays_mb": out["graph_arrays_mb"],
            "peak_rss_before_networkx_mb": out["peak_rss_mb"], "peak_rss_mb": out["networkx"]["peak_rss_mb"],
            "graph_build_s": out["graph_build_s"]}
    return out


def bench_networkx(graph: Any, costs: Any, pairs: list, results: list) -> dict[str, Any]:
    """networkx on the same graph and the same safest costs (blocked roads left out)."""
    import networkx as nx

    arc_cost = graph.arc_costs(costs)
    keep = np.isfinite(arc_cost)
    t_build, g = timed(lambda: _nx_graph(nx, graph.arc_tail[keep], graph.arc_head[keep], arc_cost[keep]))
    times, agree, cpu = [], [], []
    for (s, e), ours in zip(pairs, results, strict=True):
        snaps = graph.snap(np.array([s[0], e[0]]), np.array([s[1], e[1]]))
        # networkx between the junctions our route leaves and reaches (its first and last nodes)
        path = graph.shortest_path(snaps.take([0]), snaps.take([1]), costs)
        if path is None or len(path.segs) < 3:   # a place inside a zone (the route query exempts it)
            continue
        first = graph.seg_to[path.segs[0]] if path.forward[0] else graph.seg_from[path.segs[0]]
        last = graph.seg_from[path.segs[-1]] if path.forward[-1] else graph.seg_to[path.segs[-1]]
        t, nx_cost = cpu_timed(lambda a=int(first), b=int(last): nx.shortest_path_length(g, a, b, weight="w"), cpu)
        times.append(t)
        inner = path.segs[1:-1]
        ours_inner = float(np.where(path.forward[1:-1], costs.fwd[inner], costs.bwd[inner]).sum())
        agree.append(abs(nx_cost - ours_inner) <= 1e-6 * max(1.0, nx_cost))
        del ours
    if not times:
        return {"graph_build_s": t_build, "skipped": "no query had a path on the common costs"}
    return {"graph_build_s": t_build, "query_s": {"median": statistics.median(times), "max": max(times)},
            "query_cpu_s": round(statistics.median(cpu), 4),
            "compared": len(times), "same_cost_as_ours": all(agree), "peak_rss_mb": peak_rss_mb()}


def _nx_graph(nx: Any, tails: np.ndarray, heads: np.ndarray, weights: np.ndarray) -> Any:
    g = nx.DiGraph()
    g.add_weighted_edges_from(zip(tails.tolist(), heads.tolist(), weights.tolist(), strict=True), weight="w")
    g.add_nodes_from(range(int(max(tails.max(initial=0), heads.max(initial=0))) + 1))
    return g


# --------------------------------------------------------------------------- plans


def bench_evacuation(args: argparse.Namespace) -> dict[str, Any]:
    from humanops.analysis.evacuation import plan_evacuation
    from humanops.analysis.road_graph import RoadGraph

    roads, n = grid_roads(args.evac_edges, 4)
    extent = (n - 1) * STEP
    t_build, graph = timed(lambda: RoadGraph.from_frame(roads))
    rng = np.random.default_rng(5)
    needs = gpd.GeoDataFrame({"uuid": [f"n{i}" for i in range(args.sources)],
                              "name": [f"source {i}" for i in range(args.sources)],
                              "to_evacuate": rng.integers(1, 400, args.sources),
                              "severity_phase": rng.integers(1, 6, args.sources)},
                             geometry=points_in(args.sources, extent, 6), crs=4326)
    capacity = rng.integers(200, 8000, args.shelters)
    facilities = gpd.GeoDataFrame({"uuid": [f"s{i}" for i in range(args.shelters)],
                                   "name": [f"shelter {i}" for i in range(args.shelters)],
                                   "facility_type": "shelter", "status": "operational", "capacity": capacity,
                                   "occupancy": (capacity * rng.random(args.shelters) * 0.5).astype(int)},
                                  geometry=points_in(args.shelters, extent, 7), crs=4326)
    zones = zones_in(max(1, args.zones // 10), extent, 8)
    t, plan = timed(lambda: plan_evacuation(graph, needs, facilities, zones=zones, horizon_h=args.horizon,
                                            at=datetime(2026, 3, 1, tzinfo=UTC)))
    return {"segments": len(roads), "sources": args.sources, "shelters": args.shelters, "zones": len(zones),
            "graph_build_s": t_build, "plan_s": t, "budget_s": 20,
            "served": plan.summary["served"], "unserved_by_reason": plan.summary["unserved_by_reason"],
            "assignments": len(plan.assignments), "peak_rss_mb": peak_rss_mb()}


def bench_aid(args: argparse.Namespace) -> dict[str, Any]:
    from humanops.analysis.aid_allocation import Item, Rations, allocate_aid
    from humanops.analysis.road_graph import RoadGraph

    roads, n = grid_roads(args.evac_edges, 9)
    extent = (n - 1) * STEP
    graph = RoadGraph.from_frame(roads)
    rng = np.random.default_rng(10)
    items = Rations(tuple(Item(f"item{k}", f"stock_{k}", f"pin_{k}", float(rng.uniform(0.1, 5)), "units")
                          for k in range(args.items)))
    stocks = {f"stock_{k}": rng.integers(0, 40000, args.warehouses) for k in range(args.items)}
    warehouses = gpd.GeoDataFrame({"uuid": [f"w{i}" for i in range(args.warehouses)],
                                   "name": [f"warehouse {i}" for i in range(args.warehouses)], **stocks},
                                  geometry=points_in(args.warehouses, extent, 11), crs=4326)
    needs = gpd.GeoDataFrame({"uuid": [f"n{i}" for i in range(args.needs)],
                              "name": [f"need {i}" for i in range(args.needs)],
                              "severity_phase": rng.integers(1, 6, args.needs),
                              **{f"pin_{k}": rng.integers(0, 2000, args.needs) for k in range(args.items)}},
                             geometry=points_in(args.needs, extent, 12), crs=4326)
    zones = zones_in(max(1, args.zones // 10), extent, 13)
    t, plan = timed(lambda: allocate_aid(graph, warehouses, needs, rations=items, zones=zones,
                                         at=datetime(2026, 3, 1, tzinfo=UTC)))
    coverage = {k: v["coverage"] for k, v in plan.summary["items"].items()}
    return {"warehouses": args.warehouses, "needs": args.needs, "items": args.items, "segments": len(roads),
            "plan_s": t, "budget_s": 20, "shipments": plan.summary["shipments"],
            "coverage_by_phase": plan.summary["coverage_by_phase"], "coverage_by_item": coverage,
            "peak_rss_mb": peak_rss_mb()}


def bench_exposure(args: argparse.Namespace) -> dict[str, Any]:
    try:
        from humanops.analysis.exposure import compute_exposure
    except ImportError as exc:
        return {"skipped": f"humanops.analysis.exposure not available ({exc})"}
    extent = 1.0
    needs = gpd.GeoDataFrame({"population": np.random.default_rng(14).integers(1, 5000, args.exposure_points)},
                             geometry=points_in(args.exposure_points, extent, 15), crs=4326)
    zones = zones_in(args.exposure_zones, extent, 16)
    t, result = timed(lambda: compute_exposure(needs, zones))
    return {"points": args.exposure_points, "zones": args.exposure_zones, "s": t, "budget_s": 5,
            "exposed_people": int(result.summary.get("population_exposed", 0))
            if hasattr(result, "summary") and isinstance(result.summary, dict) else None,
            "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, default=1_000_000, help="road segments of the routing network")
    parser.add_argument("--zones", type=int, default=1000, help="danger polygons for routing (a tenth for plans)")
    parser.add_argument("--queries", type=int, default=5)
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--evac-edges", type=int, default=100_000, help="road segments for the plans")
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--shelters", type=int, default=200)
    parser.add_argument("--horizon", type=float, default=None, help="evacuation horizon in hours (default none)")
    parser.add_argument("--warehouses", type=int, default=50)
    parser.add_argument("--needs", type=int, default=5000)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--exposure-points", type=int, default=1_000_000)
    parser.add_argument("--exposure-zones", type=int, default=10_000)
    parser.add_argument("--only", choices=("routing", "evacuation", "aid", "exposure"), action="append",
                        help="run only these parts (repeatable)")
    args = parser.parse_args()
    parts = args.only or ["evacuation", "aid", "exposure", "routing"]   # the biggest memory user last
    doc: dict[str, Any] = {"benchmark": "planning", "python": sys.version.split()[0]}
    for part in parts:
        doc[part] = {"routing": bench_routing, "evacuation": bench_evacuation, "aid": bench_aid,
                     "exposure": bench_exposure}[part](args)
    doc["peak_rss_mb"] = peak_rss_mb()
    json.dump(doc, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
