"""Evacuation plan: who goes to which shelter, by which road, within capacities and a horizon.

Inputs (all read from the workspace at the plan's time t):

* **Sources**: needs with ``to_evacuate`` > 0 (or, with ``people_from=population``, their
  population times ``population_share``). Their ``severity_phase`` (missing: 3) is their priority.
* **Shelters**: facilities of type ``shelter`` or ``collective_centre`` that are not ``closed``;
  free capacity = capacity - occupancy (a missing capacity counts as none: reported).
* **Travel**: the road graph with the danger zones valid at t, in ``safest`` mode by default
  (roads in zones at or above the blocking severity are closed; the others cost their severity
  factor). One Dijkstra per shelter on the reversed graph gives every source's cost to every
  shelter, and the travel time along that path; walking between a point and its road is added
  at the configured access speed.
* **Horizon** (hours, optional): a source may only go to shelters it reaches within it.
* **Corridor capacities** (optional, needs a horizon): a corridor with ``capacity_pph`` passes at
  most capacity x horizon people. A path uses a corridor when it travels a road lying inside the
  corridor's width.

Solver: a min-cost flow (OR-Tools ``SimpleMinCostFlow``): source -> shelter arcs for every pair
allowed above (cost = safe travel cost in seconds), shelter -> sink arcs with the free capacity,
and source -> sink "unserved" arcs whose cost exceeds any journey and grows with the severity
phase, so the flow first moves as many people as it can, the most severe first, then minimises
total travel. Corridor capacities are side constraints no network flow can hold, so with them the
same problem is solved as a linear programme by HiGHS (``scipy.optimize.linprog``), over each
source's 20 cheapest allowed shelters, and rounded down to whole people.

Who cannot be served, and why, per source: ``off network`` (too far from any road), ``no
shelter`` (no open shelter has room), ``no safe path`` (every way to every shelter with room is
blocked; the detail names the zone the source is in, if any), ``beyond horizon``, ``corridor
capacity`` or ``no capacity`` (the shelters it can reach are full). Arrival = t + free-flow travel
time (queues at corridors are not modelled). The plan is saved with :mod:`humanops.analysis.plans`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from humanops.analysis.plan_rows import lonlat, movement_rows, numbers, severity_phases, texts
from humanops.analysis.road_graph import MODES, RoadGraph
from humanops.errors import AnalysisError

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.analysis.road_graph import Danger
    from humanops.analysis.travel_costs import CostMatrix
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

SHELTER_TYPES = ("shelter", "collective_centre")
DEFAULT_PHASE = 3
LP_SHELTERS_PER_SOURCE = 20


@dataclass
class EvacuationPlan:
    """The outcome: movements, per-source and per-shelter tables, a summary."""

    at: datetime
    assignments: gpd.GeoDataFrame   # source -> shelter, people, cost, travel_time_s, arrival, geometry
    sources: pd.DataFrame           # uuid, name, people, served, unserved, reason, detail, snap_m
    shelters: pd.DataFrame          # uuid, name, capacity, occupancy, free, assigned, fill, status
    summary: dict[str, Any] = field(default_factory=dict)
    plan_id: int | None = None

    def text(self) -> str:
        s = self.summary
        saved = f" (plan {self.plan_id})" if self.plan_id else ""
        lines = [f"Evacuation plan for {self.at:%Y-%m-%d %H:%M} UTC{saved}",
                 f"  people to move: {s['people']:,}   served: {s['served']:,}   not served: {s['unserved']:,}"]
        for reason, people in s["unserved_by_reason"].items():
            lines.append(f"    {reason}: {people:,}")
        if s["served"]:
            lines.append(f"  travel time: mean {s['mean_travel_min']:.0f} min, last arrival after "
                         f"{s['max_travel_min']:.0f} min; shelters used: {s['shelters_used']}")
        for warning in s.get("warnings", []):
            lines.append(f"  ! {warning}")
        if len(self.assignments):
            lines.append("")
            lines.append(f"  {'from':<28} {'to':<28} {'people':>8} {'min':>6}")
            for row in self.assignments.head(40).itertuples():
                lines.append(f"  {str(row.source_name)[:28]:<28} {str(row.shelter_name)[:28]:<28} "
                             f"{int(row.people):>8,} {row.travel_time_s / 60:>6.0f}")
            if len(self.assignments) > 40:
                lines.append(f"  ... {len(self.assignments) - 40} more (use --csv FILE or --json)")
        unserved = self.sources[self.sources["unserved"] > 0]
        if len(unserved):
            lines.append("")
            lines.append("  not served:")
            for row in unserved.head(20).itertuples():
                lines.append(f"  {str(row.name)[:28]:<28} {int(row.unserved):>8,}  {row.reason}"
                             + (f": {row.detail}" if row.detail else ""))
        return "\n".join(lines)


# --------------------------------------------------------------------------- engine


def plan_evacuation(graph: RoadGraph, needs: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame, *,
                    zones: gpd.GeoDataFrame | None = None, corridors: gpd.GeoDataFrame | None = None,
                    at: datetime | None = None, horizon_h: float | None = None, mode: str = "safest",
                    block_severity: int | None = -1, people_from: str = "to_evacuate",
                    population_share: float = 1.0, feedback: Feedback | None = None) -> EvacuationPlan:
    """Compute a plan (not saved) from frames; see the module docstring for the model."""

    from humanops.feedback import Feedback as _Feedback

    feedback = feedback or _Feedback()
    at = at or datetime.now(UTC)
    if mode not in MODES:
        raise AnalysisError(f"unknown routing mode {mode!r} (expected one of {', '.join(MODES)})")
    if horizon_h is not None and horizon_h <= 0:
        raise AnalysisError("the horizon must be a positive number of hours")
    warnings: list[str] = []

    # sources
    if people_from == "population":
        people = np.floor(numbers(needs, "population") * float(population_share)).astype(np.int64)
    elif people_from == "to_evacuate":
        people = numbers(needs, "to_evacuate").astype(np.int64)
    else:
        raise AnalysisError(f"people_from must be to_evacuate or population, not {people_from!r}")
    src = needs[people > 0]
    people = people[people > 0]
    phase = severity_phases(src, DEFAULT_PHASE)

    # shelters
    kind = texts(facilities, "facility_type")
    status = texts(facilities, "status")
    shel = facilities[np.isin(kind, SHELTER_TYPES) & (status != "closed")]
    capacity_missing = texts(shel, "capacity") == ""
    capacity = numbers(shel, "capacity")
    occupancy = numbers(shel, "occupancy")
    free = np.maximum(capacity - occupancy, 0).astype(np.int64)

    n_src, n_sh = len(src), len(shel)
    src_xy = lonlat(src)
    sh_xy = lonlat(shel)
    feedback.progress(0.05, "snapping sources and shelters")
    usable = graph.usable(mode)   # walkers snap onto footways, drivers onto roads they drive
    src_snap = graph.snap(src_xy[:, 0], src_xy[:, 1], usable=usable)
    sh_snap = graph.snap(sh_xy[:, 0], sh_xy[:, 1], usable=usable)
    usable = sh_snap.on_network & (free > 0)
    if graph.n_seg == 0:
        warnings.append("the road layer is empty: nobody can be routed")
    if capacity_missing.any():
        warnings.append(f"{int(capacity_missing.sum())} shelter(s) have no capacity recorded and receive nobody")
    if (~sh_snap.on_network).any():
        warnings.append(f"{int((~sh_snap.on_network).sum())} shelter(s) are off the road network and receive nobody")

    # travel costs and times
    danger = graph.danger(zones)
    costs = graph.segment_costs(mode, danger, block_severity)
    cost = np.full((n_src, n_sh), np.inf)
    time = np.full((n_src, n_sh), np.inf)
    matrix: CostMatrix | None = None
    if n_src and usable.any() and graph.n_seg:
        matrix = graph.cost_matrix(src_snap, sh_snap.take(np.flatnonzero(usable)), costs, with_time=True,
                                   keep_paths=True, feedback=feedback.step(0.1, 0.6))
        access = graph.config.access_speed_kmh / 3.6
        walk_src = np.where(src_snap.on_network, src_snap.distance_m, np.inf) / access
        walk_sh = sh_snap.distance_m[usable] / access
        cost[:, usable] = matrix.cost + walk_src[:, None] + walk_sh[None, :]
        time[:, usable] = matrix.time + walk_src[:, None] + walk_sh[None, :]
    reachable = np.isfinite(cost)
    allowed = reachable & (time <= horizon_h * 3600.0 if horizon_h else True)

    # capacity-limited corridors
    corridor_use, corridor_cap, corridor_names = None, np.zeros(0), []
    if corridors is not None and len(corridors) and matrix is not None:
        cap_pph = numbers(corridors, "capacity_pph", -1)
        limited = cap_pph >= 0
        if limited.any() and not horizon_h:
            warnings.append("corridor capacities are ignored: they need a horizon (people per hour x hours)")
        elif limited.any():
            lim = corridors[limited]
            corridor_cap = np.floor(cap_pph[limited] * horizon_h).astype(np.int64)
            corridor_names = [str(n) for n in texts(lim, "name")]
            corridor_use = _corridor_use(graph, matrix, lim, usable, feedback.step(0.6, 0.7))

    # solve
    feedback.progress(0.7, "assigning people to shelters")
    flows, unserved = _solve(cost, allowed, people, phase, free * usable, corridor_use, corridor_cap, usable)
    feedback.progress(0.85, "drawing routes")

    # assignments
    s_idx, h_idx = np.nonzero(flows)
    moved = flows[s_idx, h_idx]
    order = np.lexsort((h_idx, s_idx))
    s_idx, h_idx, moved = s_idx[order], h_idx[order], moved[order]
    geoms = np.full(len(s_idx), None, dtype=object)
    if matrix is not None and len(s_idx):
        col = np.cumsum(usable) - 1   # shelter index -> column of the cost matrix
        geoms = matrix.lines(s_idx, col[h_idx])
    travel = time[s_idx, h_idx]
    assignments = movement_rows("source", src, s_idx, "shelter", shel, h_idx, {
        "people": moved.astype(np.int64), "cost": np.round(cost[s_idx, h_idx], 1),
        "travel_time_s": np.round(travel, 1),
        "arrival": [at + timedelta(seconds=float(t)) for t in travel],
    }, geoms)

    # why the others are not served
    served = flows.sum(axis=1)
    reason, detail = _reasons(unserved, src_snap.on_network, reachable[:, usable] if usable.any() else
                              np.zeros((n_src, 0), bool), allowed, usable, free, flows, corridor_use,
                              corridor_cap, src_xy, graph, danger, n_sh)
    sources = pd.DataFrame({
        "uuid": texts(src, "uuid"), "name": texts(src, "name"), "people": people, "severity_phase": phase,
        "served": served.astype(np.int64), "unserved": unserved.astype(np.int64), "reason": reason,
        "detail": detail, "snap_m": np.round(src_snap.distance_m, 1)})
    assigned = flows.sum(axis=0)
    sh_status = np.where(~sh_snap.on_network, "off network", np.where(
        capacity_missing, "capacity unknown", np.where(free <= 0, "full", np.where(
            assigned >= free, "filled", "room left"))))
    with np.errstate(divide="ignore", invalid="ignore"):
        fill = np.where(capacity > 0, (occupancy + assigned) / capacity, np.nan)
    shelters = pd.DataFrame({
        "uuid": texts(shel, "uuid"), "name": texts(shel, "name"), "capacity": capacity.astype(np.int64),
        "occupancy": occupancy.astype(np.int64), "free": free, "assigned": assigned.astype(np.int64),
        "fill": np.round(fill, 3), "status": sh_status, "snap_m": np.round(sh_snap.distance_m, 1)})

    by_reason: dict[str, int] = {}
    for r, u in zip(reason, unserved, strict=True):
        if u > 0:
            by_reason[r] = by_reason.get(r, 0) + int(u)
    total_served = int(moved.sum())
    summary = {
        "at": at.isoformat(), "mode": mode, "horizon_h": horizon_h, "people": int(people.sum()),
        "sources": n_src, "shelters": n_sh, "served": total_served, "unserved": int(unserved.sum()),
        "unserved_by_reason": by_reason, "shelters_used": int((assigned > 0).sum()),
        "mean_travel_min": float((travel * moved).sum() / total_served / 60) if total_served else 0.0,
        "max_travel_min": float(travel.max() / 60) if len(travel) else 0.0,
        "solver": "highs-lp" if corridor_use is not None else "ortools-min-cost-flow",
        "corridors_limited": corridor_names, "warnings": warnings,
    }
    feedback.progress(1.0, "evacuation plan ready")
    return EvacuationPlan(at, assignments, sources, shelters, summary)


def _solve(cost: np.ndarray, allowed: np.ndarray, people: np.ndarray, phase: np.ndarray, free: np.ndarray,
           corridor_use: Any, corridor_cap: np.ndarray, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """People per (source, shelter) and unserved people per source."""
    n_src, n_sh = cost.shape
    flows = np.zeros((n_src, n_sh), dtype=np.int64)
    s_idx, h_idx = np.nonzero(allowed & (free[None, :] > 0) & (people[:, None] > 0))
    if not len(s_idx):
        return flows, people.copy()
    arc_cost = np.round(cost[s_idx, h_idx]).astype(np.int64)
    step = int(arc_cost.max()) * 10 + 10        # more than any journey: serving comes first
    penalty = step * phase                       # and the most severe phase first
    if corridor_use is not None:
        return _solve_lp(cost, s_idx, h_idx, people, penalty, free, corridor_use, corridor_cap)
    from ortools.graph.python import min_cost_flow

    smcf = min_cost_flow.SimpleMinCostFlow()
    sink = n_src + n_sh
    tails = np.concatenate([s_idx, np.arange(n_src), n_src + np.arange(n_sh)]).astype(np.int32)
    heads = np.concatenate([n_src + h_idx, np.full(n_src, sink), np.full(n_sh, sink)]).astype(np.int32)
    caps = np.concatenate([people[s_idx], people, free]).astype(np.int64)
    unit = np.concatenate([arc_cost, penalty, np.zeros(n_sh, dtype=np.int64)]).astype(np.int64)
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, unit)
    supplies = np.concatenate([people, np.zeros(n_sh, dtype=np.int64), [-int(people.sum())]]).astype(np.int64)
    smcf.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise AnalysisError(f"the evacuation flow could not be solved (OR-Tools status {status})")
    moved = smcf.flows(arcs[:len(s_idx)])
    flows[s_idx, h_idx] = moved
    unserved = smcf.flows(arcs[len(s_idx):len(s_idx) + n_src])
    return flows, np.asarray(unserved, dtype=np.int64)


def _solve_lp(cost: np.ndarray, s_idx: np.ndarray, h_idx: np.ndarray, people: np.ndarray, penalty: np.ndarray,
              free: np.ndarray, corridor_use: Any, corridor_cap: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same problem with corridor capacities, as an LP (HiGHS), each source's cheapest shelters."""
    import scipy.sparse
    from scipy.optimize import linprog

    n_src, n_sh = cost.shape
    pair_cost = cost[s_idx, h_idx]
    order = np.lexsort((pair_cost, s_idx))
    s_idx, h_idx, pair_cost = s_idx[order], h_idx[order], pair_cost[order]
    rank = np.arange(len(s_idx)) - np.searchsorted(s_idx, s_idx, side="left")
    keep = rank < LP_SHELTERS_PER_SOURCE
    s_idx, h_idx, pair_cost = s_idx[keep], h_idx[keep], pair_cost[keep]
    n_pair = len(s_idx)
    # variables: pair flows, then unserved per source
    c = np.concatenate([pair_cost, penalty.astype(float)])
    pair_cols = np.arange(n_pair)
    a_eq = scipy.sparse.csr_matrix((np.ones(n_pair + n_src), (np.concatenate([s_idx, np.arange(n_src)]),
                                                              np.concatenate([pair_cols, n_pair + np.arange(n_src)]))),
                                   shape=(n_src, n_pair + n_src))
    rows = [scipy.sparse.csr_matrix((np.ones(n_pair), (h_idx, pair_cols)), shape=(n_sh, n_pair + n_src))]
    bounds_ub = [free.astype(float)]
    uses = corridor_use(s_idx, h_idx)   # bool [corridors, pairs]
    if uses.shape[0]:
        ci, pi = np.nonzero(uses)
        rows.append(scipy.sparse.csr_matrix((np.ones(len(ci)), (ci, pi)), shape=(uses.shape[0], n_pair + n_src)))
        bounds_ub.append(corridor_cap.astype(float))
    result = linprog(c, A_ub=scipy.sparse.vstack(rows).tocsr(), b_ub=np.concatenate(bounds_ub), A_eq=a_eq,
                     b_eq=people.astype(float), bounds=(0, None), method="highs")
    if result.status != 0:
        raise AnalysisError(f"the evacuation LP could not be solved ({result.message})")
    x = np.floor(result.x[:n_pair] + 1e-6).astype(np.int64)
    flows = np.zeros((n_src, n_sh), dtype=np.int64)
    np.add.at(flows, (s_idx, h_idx), x)
    return flows, people - flows.sum(axis=1)


def _corridor_use(graph: RoadGraph, matrix: CostMatrix, corridors: gpd.GeoDataFrame, usable: np.ndarray,
                  feedback: Feedback) -> Any:
    """A function (source idx, shelter idx arrays) -> bool [corridor, pair]: does the pair's path
    travel a road lying inside the corridor (its line buffered by half its width)?"""
    widths = numbers(corridors, "width_m", 500)
    lines = graph.project(np.asarray(corridors.geometry.values, dtype=object))
    areas = shapely.buffer(lines, np.maximum(widths, 1.0) / 2.0)
    zone_idx, seg_idx = graph.query_segments(areas, "contains")
    in_corridor = np.zeros((len(corridors), graph.n_seg), dtype=bool)
    in_corridor[zone_idx, seg_idx] = True
    feedback.progress(1.0, "corridors on the routes")

    def uses(s_idx: np.ndarray, h_idx: np.ndarray) -> np.ndarray:
        column = np.cumsum(usable) - 1    # shelter index -> column of the cost matrix
        out = np.zeros((len(corridors), len(s_idx)), dtype=bool)
        for start in range(0, len(s_idx), 20_000):   # bounded memory: a batch of paths at a time
            batch = slice(start, start + 20_000)
            pair, seg, _ = matrix.walk(s_idx[batch], column[h_idx[batch]])
            for c in range(len(corridors)):
                hit = in_corridor[c, seg]
                out[c, start + np.unique(pair[hit])] = True
        return out

    return uses


def _reasons(unserved: np.ndarray, on_network: np.ndarray, reachable: np.ndarray, allowed: np.ndarray,
             usable: np.ndarray, free: np.ndarray, flows: np.ndarray, corridor_use: Any, corridor_cap: np.ndarray,
             src_xy: np.ndarray, graph: RoadGraph, danger: Danger, n_sh: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(unserved)
    reason = np.full(n, "", dtype=object)
    detail = np.full(n, "", dtype=object)
    left = unserved > 0
    any_room = bool(usable.any())
    room_after = (free - flows.sum(axis=0)) * usable > 0
    reach_any = reachable.any(axis=1) if reachable.shape[1] else np.zeros(n, bool)
    allowed_any = (allowed[:, usable]).any(axis=1) if any_room else np.zeros(n, bool)
    allowed_with_room = (allowed & room_after[None, :]).any(axis=1) if n_sh else np.zeros(n, bool)
    rules = [
        (~on_network, "off network", f"more than {graph.config.max_snap_m:,.0f} m from the nearest road"),
        (np.full(n, not any_room), "no shelter", "no open shelter on the road network has free capacity"),
        (~reach_any, "no safe path", ""),
        (~allowed_any, "beyond horizon", "every shelter with room is beyond the horizon"),
        (allowed_with_room & (corridor_use is not None), "corridor capacity",
         "shelters in reach have room, but the corridors on the way are full"),
        (np.ones(n, bool), "no capacity", "the shelters within reach are full"),
    ]
    for mask, why, text in rules:
        pick = left & (reason == "") & mask
        reason[pick] = why
        detail[pick] = text
    blocked = np.flatnonzero(reason == "no safe path")
    if len(blocked):
        detail[blocked] = "every way to every shelter with room crosses a blocked danger zone or unconnected roads"
        if len(danger.zones):
            points = graph.project(shapely.points(src_xy[blocked]))
            tree = shapely.STRtree(danger.zones_utm)
            p_idx, z_idx = tree.query(points, predicate="within")
            for p, z in zip(p_idx, z_idx, strict=True):
                row = danger.zones.iloc[z]
                detail[blocked[p]] = (f"inside danger zone {row['name']!r} (severity {row['severity']}): no way out "
                                      "avoids the blocked zones; lower the blocking severity or plan an escorted exit")
    return reason, detail


# --------------------------------------------------------------------------- workspace


def plan_evacuation_in_workspace(workspace: Workspace, *, at: datetime | None = None, horizon_h: float | None = None,
                                 mode: str = "safest", block_severity: int | None = -1,
                                 people_from: str = "to_evacuate", population_share: float = 1.0,
                                 use_corridor_capacity: bool = True, save: bool = True,
                                 feedback: Feedback | None = None) -> EvacuationPlan:
    """Plan from the workspace's layers at ``at`` (now by default) and save it (unless ``save=False``)."""
    from humanops.analysis.plan_rows import outcome_rows, plan_lines, save_plan_rows
    from humanops.analysis.routing import danger_zones_at
    from humanops.feedback import Feedback as _Feedback
    from humanops.model.clock import workspace_now

    feedback = feedback or _Feedback()
    at = at or workspace_now(workspace)  # the workspace clock: a scenario's time in an exercise
    graph = RoadGraph.from_workspace(workspace, feedback=feedback.step(0.0, 0.2))
    needs = workspace.read_layer("need", columns=["uuid", "name", "population", "to_evacuate", "severity_phase"])
    facilities = workspace.read_layer("facility", columns=["uuid", "name", "facility_type", "status", "capacity",
                                                           "occupancy"])
    corridors = None
    if use_corridor_capacity:
        corridors = workspace.read_layer("corridor", at=at, columns=["uuid", "name", "status", "width_m",
                                                                     "capacity_pph"])
        corridors = corridors[~corridors["status"].isin(["closed"])]
    plan = plan_evacuation(graph, needs, facilities, zones=danger_zones_at(workspace, at), corridors=corridors,
                           at=at, horizon_h=horizon_h, mode=mode, block_severity=block_severity,
                           people_from=people_from, population_share=population_share,
                           feedback=feedback.step(0.2, 0.95))
    if save:
        parameters = {"at": at.isoformat(), "horizon_h": horizon_h, "mode": mode, "block_severity": block_severity,
                      "people_from": people_from, "population_share": population_share,
                      "use_corridor_capacity": use_corridor_capacity}
        lines = plan_lines(plan.assignments, "evacuation", "source", "shelter", renamed={"people": "quantity"},
                           item="people")
        sources, shelters = plan.sources, plan.shelters
        outcomes = [
            outcome_rows("source", sources["uuid"], sources["name"], "people", sources["people"], sources["served"],
                         sources["served"] / sources["people"].clip(lower=1), sources["reason"], sources["detail"]),
            outcome_rows("shelter", shelters["uuid"], shelters["name"], "people", shelters["free"],
                         shelters["assigned"], shelters["fill"], shelters["status"]),
        ]
        plan.plan_id = save_plan_rows(workspace, "evacuation", "Evacuation", at, parameters, plan.summary, lines,
                                      outcomes)
    feedback.progress(1.0, "evacuation plan ready")
    return plan
