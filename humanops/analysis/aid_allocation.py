"""Aid allocation: which warehouse sends how much of which item to which need.

Inputs: warehouses (facilities of type ``warehouse`` not ``closed``) with a stock per item
(``stock_food``...), needs with a demand per item = ceil(people in need of the item's sector x
the ration per person) from ``resources/planning/rations.toml``, their priority = ``severity_phase``
(missing: the configured default), and safe travel costs from every warehouse to every need on
the road graph (danger zones valid at t; ``safest`` mode by default, so blocked roads are never
used). A need no warehouse can reach is reported ``unreachable`` (or ``off network``).

Shortage policy (also in docs/planning.md):

1. **Priority first.** Needs are served phase by phase, 5 (catastrophic) down to 1: stock goes to
   a lower phase only once every higher-phase need it can reach is covered as far as the network
   and the stock allow. This is lexicographic, not weighted: no travel saving ever moves stock
   from a more severe need to a less severe one.
2. **Then proportional within a phase.** Inside a phase every reachable need gets the same
   coverage ratio (delivered / demand): the largest ratio all of them can get together (max-min).
   If some needs can be reached only by a warehouse that runs out, the others still receive the
   stock only they can reach, above that common ratio.
3. **Then cheapest.** Among allocations that do the above, the one with the least total travel
   cost (safe travel time x quantity).

Each item is solved on its own (stocks are per item, nothing couples items), and per phase as
network flows with OR-Tools, in whole units (a ration, a litre, a kit): this transport problem is
a flow network (source -> warehouse -> need -> sink), so its linear programme has integral optima
and a flow solver finds them far faster than a general LP solver. The common ratio is found by
bisection on maximum flows, then one min-cost maximum flow keeps it and delivers the rest at the
least cost. To keep the networks small, a need is supplied only by its ``nearest_warehouses``
(default 10) nearest reachable warehouses that hold the item: 50 warehouses x 5,000 needs x 10
items would be 2.5 million arcs; with 10 it is 50,000 per item, split over the phases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import numpy as np
import pandas as pd

from humanops.analysis.road_graph import MODES, RoadGraph
from humanops.data_paths import resources_dir
from humanops.documents import Invalid, Problem, convert, format_key, parse_toml
from humanops.errors import AnalysisError

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

POLICY = ("priority first (severity phase 5 down to 1, lexicographic), then an equal coverage ratio within a "
          "phase (max-min), then the least travel cost")


@dataclass(frozen=True)
class Item:
    name: str
    stock_field: str
    need_field: str
    per_person: float
    unit: str


@dataclass(frozen=True)
class Rations:
    items: tuple[Item, ...]
    default_phase: int = 3
    cycle_days: float = 7


class RationItemTable(msgspec.Struct, forbid_unknown_fields=True):
    """``[items.NAME]``: which stock feeds which people in need, and how much a person gets."""

    stock_field: str
    need_field: str
    per_person: int | float
    unit: str = "units"

    def __post_init__(self) -> None:
        if self.per_person <= 0:
            raise Invalid(f"must be a positive number, got {self.per_person!r}", "per_person")


class PriorityTable(msgspec.Struct, forbid_unknown_fields=True):
    default_phase: int = 3

    def __post_init__(self) -> None:
        if self.default_phase not in (1, 2, 3, 4, 5):
            raise Invalid(f"must be 1..5, got {self.default_phase!r}", "default_phase")


class CycleTable(msgspec.Struct, forbid_unknown_fields=True):
    days: int | float = 7
    description: str = ""


class RationsFile(msgspec.Struct, forbid_unknown_fields=True):
    """``resources/planning/rations.toml``."""

    items: dict[str, RationItemTable] = {}
    priority: PriorityTable = msgspec.field(default_factory=PriorityTable)
    cycle: CycleTable = msgspec.field(default_factory=CycleTable)


def _rations_problem(problem: Problem, file: str) -> AnalysisError:
    path = problem.path
    inside = len(path) >= 2 and path[0] == "items"
    where, key = (f"item {path[1]!r}: ", format_key(path[2:])) if inside else ("", problem.key)
    if not key:
        return AnalysisError(f"{where.rstrip(': ')} {problem.reason}" if where else problem.reason, file=file)
    joint = ": " if problem.kind in ("unknown", "missing") else " "
    return AnalysisError(f"{where}{key}{joint}{problem.reason}", file=file)


def load_rations(path: str | Path | None = None) -> Rations:
    """Read the rations file, checking every field name against the facility and need kinds."""
    from humanops.catalog import load_catalog

    path = Path(path) if path else resources_dir() / "planning" / "rations.toml"
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnalysisError(f"cannot read rations: {exc.strerror}", file=file) from None
    doc = parse_toml(text, lambda reason: AnalysisError(reason, file=file))
    checked = convert(doc, RationsFile, lambda problem: _rations_problem(problem, file))
    catalog = load_catalog()
    stock_fields = {f.name for f in catalog["facility"].fields}
    need_fields = {f.name for f in catalog["need"].fields}
    for name, spec in checked.items.items():
        if spec.stock_field not in stock_fields:
            raise AnalysisError(f"item {name!r}: stock_field {spec.stock_field!r} is not a facility field", file=file)
        if spec.need_field not in need_fields:
            raise AnalysisError(f"item {name!r}: need_field {spec.need_field!r} is not a need field", file=file)
    if not checked.items:
        raise AnalysisError("no [items.*] defined", file=file)
    items = tuple(Item(name, spec.stock_field, spec.need_field, float(spec.per_person), spec.unit)
                  for name, spec in checked.items.items())
    return Rations(items, checked.priority.default_phase, float(checked.cycle.days))


@dataclass
class AidPlan:
    at: datetime
    shipments: gpd.GeoDataFrame   # warehouse -> need, item, quantity, cost, travel_time_s, geometry
    coverage: pd.DataFrame        # need x item: demand, delivered, coverage, priority, reason
    stocks: pd.DataFrame          # warehouse x item: stock, shipped, remaining
    summary: dict[str, Any] = field(default_factory=dict)
    plan_id: int | None = None

    def text(self) -> str:
        s = self.summary
        saved = f" (plan {self.plan_id})" if self.plan_id else ""
        lines = [f"Aid allocation for {self.at:%Y-%m-%d %H:%M} UTC{saved}",
                 f"  policy: {POLICY}",
                 f"  needs: {s['needs']}, warehouses: {s['warehouses']}, shipments: {s['shipments']}",
                 f"  {'item':<12} {'demand':>12} {'stock':>12} {'delivered':>12} {'coverage':>9}"]
        for item, row in s["items"].items():
            lines.append(f"  {item:<12} {row['demand']:>12,} {row['stock']:>12,} {row['delivered']:>12,} "
                         f"{row['coverage']:>8.0%}")
        for phase, row in sorted(s["coverage_by_phase"].items(), reverse=True):
            lines.append(f"  phase {phase}: coverage {row:.0%}")
        if s["unreachable_needs"]:
            lines.append(f"  ! {s['unreachable_needs']} need(s) no warehouse can reach (see coverage, reason)")
        for warning in s.get("warnings", []):
            lines.append(f"  ! {warning}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- engine


def allocate_aid(graph: RoadGraph, warehouses: gpd.GeoDataFrame, needs: gpd.GeoDataFrame, *,
                 rations: Rations | None = None, zones: gpd.GeoDataFrame | None = None, at: datetime | None = None,
                 mode: str = "safest", block_severity: int | None = -1, nearest_warehouses: int = 10,
                 cost: np.ndarray | None = None, feedback: Feedback | None = None) -> AidPlan:
    """Allocate (not saved). ``warehouses`` and ``needs`` as read from the layers; ``cost`` (warehouse x
    need seconds, inf = unreachable) replaces the road graph (tests, benchmarks)."""

    from humanops.analysis.plan_rows import lonlat, movement_rows, numbers, severity_phases, texts
    from humanops.feedback import Feedback as _Feedback

    feedback = feedback or _Feedback()
    rations = rations or load_rations()
    at = at or datetime.now(UTC)
    if mode not in MODES:
        raise AnalysisError(f"unknown routing mode {mode!r} (expected one of {', '.join(MODES)})")
    if nearest_warehouses < 1:
        raise AnalysisError("nearest_warehouses must be at least 1")
    warnings: list[str] = []
    n_w, n_n = len(warehouses), len(needs)
    items = rations.items
    stock = np.column_stack([np.maximum(numbers(warehouses, it.stock_field), 0) for it in items]) if n_w else \
        np.zeros((0, len(items)))
    people = np.column_stack([np.maximum(numbers(needs, it.need_field), 0) for it in items]) if n_n else \
        np.zeros((0, len(items)))
    demand = np.ceil(people * np.array([it.per_person for it in items])[None, :] - 1e-9)
    phase = severity_phases(needs, rations.default_phase)

    # travel
    matrix = None
    time = None
    on_network = np.ones(n_n, dtype=bool)
    if cost is None:
        if graph is None or graph.n_seg == 0:
            warnings.append("the road layer is empty: no need can be reached")
            cost = np.full((n_w, n_n), np.inf)
        else:
            w_xy, n_xy = lonlat(warehouses), lonlat(needs)
            w_snap = graph.snap(w_xy[:, 0], w_xy[:, 1]) if n_w else graph.snap([], [])
            n_snap = graph.snap(n_xy[:, 0], n_xy[:, 1]) if n_n else graph.snap([], [])
            on_network = n_snap.on_network
            if (~w_snap.on_network).any():
                warnings.append(f"{int((~w_snap.on_network).sum())} warehouse(s) are off the road network")
            costs = graph.segment_costs(mode, graph.danger(zones), block_severity)
            if n_w and n_n:
                matrix = graph.cost_matrix(w_snap, n_snap, costs, with_time=True, keep_paths=True,
                                           feedback=feedback.step(0.0, 0.5))
                access = graph.config.access_speed_kmh / 3.6
                walk = (np.where(w_snap.on_network, w_snap.distance_m, np.inf)[:, None]
                        + np.where(n_snap.on_network, n_snap.distance_m, np.inf)[None, :]) / access
                cost = matrix.cost + walk
                time = matrix.time + walk
            else:
                cost = np.full((n_w, n_n), np.inf)
    cost = np.asarray(cost, dtype=float)
    if cost.shape != (n_w, n_n):
        raise AnalysisError(f"cost matrix is {cost.shape}, expected {(n_w, n_n)}")
    reachable = np.isfinite(cost)

    # per item, per phase
    shipments: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # (w, n, item, qty)
    delivered = np.zeros((n_n, len(items)))
    remaining = stock.copy()
    for k in range(len(items)):
        feedback.progress(0.5 + 0.4 * k / len(items), f"allocating {items[k].name}")
        holders = np.flatnonzero(remaining[:, k] > 0)
        wanting = np.flatnonzero(demand[:, k] > 0)
        if not len(holders) or not len(wanting):
            continue
        w_idx, n_idx = _candidate_arcs(cost[np.ix_(holders, wanting)], nearest_warehouses)
        w_idx, n_idx = holders[w_idx], wanting[n_idx]
        for level in range(5, 0, -1):
            sel = phase[n_idx] == level
            if not sel.any():
                continue
            qty = _allocate_level(w_idx[sel], n_idx[sel], cost[w_idx[sel], n_idx[sel]], demand[:, k], remaining[:, k])
            keep = qty > 0
            if keep.any():
                w, n, q = w_idx[sel][keep], n_idx[sel][keep], qty[keep]
                np.subtract.at(remaining[:, k], w, q)
                np.add.at(delivered[:, k], n, q)
                shipments.append((w, n, np.full(len(w), k), q))

    feedback.progress(0.9, "drawing routes")
    if shipments:
        w_all, n_all, k_all, q_all = (np.concatenate(parts) for parts in zip(*shipments, strict=True))
    else:
        w_all = n_all = k_all = np.zeros(0, dtype=np.int64)
        q_all = np.zeros(0)
    geoms = np.full(len(w_all), None, dtype=object)
    if matrix is not None and len(w_all):
        pair_key = w_all * max(n_n, 1) + n_all
        unique_keys, inverse = np.unique(pair_key, return_inverse=True)
        geoms = matrix.lines(unique_keys // max(n_n, 1), unique_keys % max(n_n, 1))[inverse.ravel()]
    w_uuid, w_name = texts(warehouses, "uuid"), texts(warehouses, "name")
    n_uuid, n_name = texts(needs, "uuid"), texts(needs, "name")
    item_names = np.array([it.name for it in items], dtype=object)
    ship = movement_rows("warehouse", warehouses, w_all, "need", needs, n_all, {
        "item": item_names[k_all.astype(np.int64)], "quantity": q_all.astype(np.int64),
        "cost": np.round(cost[w_all, n_all], 1),
        "travel_time_s": np.round(time[w_all, n_all], 1) if time is not None else np.round(cost[w_all, n_all], 1),
    }, geoms)

    # coverage and reasons
    any_reach = reachable.any(axis=0) if n_w else np.zeros(n_n, dtype=bool)
    rows = []
    for k, it in enumerate(items):
        wanting = demand[:, k] > 0
        reach_stock = (reachable & (stock[:, k][:, None] > 0)).any(axis=0) if n_w else np.zeros(n_n, bool)
        reason = np.where(~on_network, "off network", np.where(
            ~any_reach, "unreachable", np.where(~reach_stock, "no stock in reach", np.where(
                delivered[:, k] + 1e-9 < demand[:, k], "shortage", ""))))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(demand[:, k] > 0, delivered[:, k] / demand[:, k], np.nan)
        rows.append(pd.DataFrame({
            "need_uuid": n_uuid[wanting], "need_name": n_name[wanting], "item": it.name, "unit": it.unit,
            "priority": phase[wanting], "demand": demand[wanting, k].astype(np.int64),
            "delivered": delivered[wanting, k].astype(np.int64), "coverage": np.round(ratio[wanting], 4),
            "reason": reason[wanting]}))
    coverage = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    stocks = pd.DataFrame({
        "warehouse_uuid": np.repeat(w_uuid, len(items)), "warehouse_name": np.repeat(w_name, len(items)),
        "item": np.tile(item_names, n_w), "stock": stock.ravel().astype(np.int64),
        "shipped": (stock - remaining).ravel().astype(np.int64), "remaining": remaining.ravel().astype(np.int64)})

    item_summary = {}
    for k, it in enumerate(items):
        d, s, got = int(demand[:, k].sum()), int(stock[:, k].sum()), int(delivered[:, k].sum())
        item_summary[it.name] = {"unit": it.unit, "demand": d, "stock": s, "delivered": got,
                                 "coverage": round(got / d, 4) if d else 1.0}
    by_phase = {}
    for level in range(1, 6):
        m = phase == level
        d = demand[m].sum()
        if d > 0:
            by_phase[level] = round(float(delivered[m].sum() / d), 4)
    summary = {
        "at": at.isoformat(), "mode": mode, "policy": POLICY, "needs": n_n, "warehouses": n_w,
        "shipments": len(ship), "items": item_summary, "coverage_by_phase": by_phase,
        "unreachable_needs": int((~any_reach & (demand.sum(axis=1) > 0)).sum()),
        "nearest_warehouses": nearest_warehouses, "warnings": warnings,
    }
    feedback.progress(1.0, "aid allocation ready")
    return AidPlan(at, ship, coverage, stocks, summary)


def _candidate_arcs(cost: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each need (column), its ``k`` cheapest reachable warehouses (rows) as (row, col) pairs."""
    n_w, n_n = cost.shape
    k = min(k, n_w)
    if k < n_w:
        nearest = np.argpartition(cost, k - 1, axis=0)[:k]       # k x needs
    else:
        nearest = np.broadcast_to(np.arange(n_w)[:, None], (n_w, n_n))
    cols = np.broadcast_to(np.arange(n_n)[None, :], nearest.shape)
    w, n = nearest.ravel(), cols.ravel()
    ok = np.isfinite(cost[w, n])
    return w[ok], n[ok]


def _allocate_level(w: np.ndarray, n: np.ndarray, cost: np.ndarray, demand: np.ndarray,
                    stock: np.ndarray) -> np.ndarray:
    """Quantities on arcs (w -> n) for one item and one phase: max-min coverage, then as much as
    possible, then least cost. ``demand``/``stock`` are indexed by need/warehouse."""
    result = np.zeros(len(w))
    live = stock[w] > 0   # a warehouse emptied by a higher phase must not pin the common ratio at zero
    if not live.any():
        return result
    result[live] = _allocate_live(w[live], n[live], cost[live], demand, stock)
    return result


def _allocate_live(w: np.ndarray, n: np.ndarray, cost: np.ndarray, demand: np.ndarray,
                   stock: np.ndarray) -> np.ndarray:
    """Whole units on arcs (w -> n): the network source -> warehouse (stock) -> need (its demand)
    -> sink. The common ratio is the largest theta for which a maximum flow fills every need to
    floor(theta x demand) (bisection on OR-Tools max flow); then a min-cost maximum flow whose
    need -> sink arcs are split in two tiers, the first (up to theta x demand) free, the second
    dearer than any trip, so the common ratio is kept while as much as possible is delivered at
    the least travel cost. (A transport problem is a network flow: no LP needed, integral.)"""
    from ortools.graph.python import max_flow, min_cost_flow

    needs, n_col = np.unique(n, return_inverse=True)
    whs, w_row = np.unique(w, return_inverse=True)
    n_col, w_row = n_col.ravel(), w_row.ravel()
    n_w, n_n = len(whs), len(needs)
    d = np.floor(demand[needs]).astype(np.int64)
    s = np.floor(stock[whs]).astype(np.int64)
    source, sink = 0, n_w + n_n + 1
    w_node, n_node = 1 + np.arange(n_w), 1 + n_w + np.arange(n_n)
    tails = np.concatenate([np.zeros(n_w, dtype=np.int64), w_node[w_row]]).astype(np.int32)
    heads = np.concatenate([w_node, n_node[n_col]]).astype(np.int32)
    caps = np.concatenate([s, d[n_col]])

    def fills(theta: float) -> bool:
        target = np.floor(theta * d).astype(np.int64)
        flow = max_flow.SimpleMaxFlow()
        flow.add_arcs_with_capacity(np.concatenate([tails, n_node.astype(np.int32)]),
                                    np.concatenate([heads, np.full(n_n, sink, dtype=np.int32)]),
                                    np.concatenate([caps, target]))
        if flow.solve(source, sink) != flow.OPTIMAL:
            raise AnalysisError("aid allocation: the max flow could not be solved")
        return flow.optimal_flow() >= int(target.sum())

    theta = 1.0
    if not fills(1.0):
        low, high = 0.0, 1.0
        for _ in range(30):
            if high - low < 0.5 / max(int(d.max()), 1):   # finer than one unit of the largest demand
                break
            mid = (low + high) / 2
            low, high = (mid, high) if fills(mid) else (low, mid)
        theta = low
    first = np.floor(theta * d).astype(np.int64)
    arc_cost = np.round(np.nan_to_num(cost, posinf=0.0)).astype(np.int64)
    dear = int(arc_cost.max(initial=0)) + 1   # the second tier costs more than any trip saves
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([tails, n_node, n_node]).astype(np.int32),
        np.concatenate([heads, np.full(2 * n_n, sink, dtype=np.int32)]),
        np.concatenate([caps, first, d - first]),
        np.concatenate([np.zeros(n_w, dtype=np.int64), arc_cost, np.zeros(n_n, dtype=np.int64),
                        np.full(n_n, dear, dtype=np.int64)]))
    flow.set_node_supply(source, int(s.sum()))
    flow.set_node_supply(sink, -int(s.sum()))
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:
        raise AnalysisError("aid allocation: the min-cost flow could not be solved")
    arcs = n_w + np.arange(len(w))
    return np.asarray(flow.flows(arcs), dtype=float)


# --------------------------------------------------------------------------- workspace


def allocate_aid_in_workspace(workspace: Workspace, *, at: datetime | None = None, mode: str = "safest",
                              block_severity: int | None = -1, nearest_warehouses: int = 10, save: bool = True,
                              rations: Rations | None = None, feedback: Feedback | None = None) -> AidPlan:
    """Allocate from the workspace's warehouses and needs at ``at`` (now) and save the plan."""
    from humanops.analysis.plan_rows import outcome_rows, plan_lines, save_plan_rows
    from humanops.analysis.routing import danger_zones_at
    from humanops.feedback import Feedback as _Feedback
    from humanops.model.clock import workspace_now

    feedback = feedback or _Feedback()
    at = at or workspace_now(workspace)  # the workspace clock: a scenario's time in an exercise
    rations = rations or load_rations()
    graph = RoadGraph.from_workspace(workspace, feedback=feedback.step(0.0, 0.2))
    stock_cols = sorted({it.stock_field for it in rations.items})
    need_cols = sorted({it.need_field for it in rations.items})
    facilities = workspace.read_layer("facility", columns=["uuid", "name", "facility_type", "status", *stock_cols])
    warehouses = facilities[(facilities["facility_type"] == "warehouse") & (facilities["status"] != "closed")]
    needs = workspace.read_layer("need", columns=["uuid", "name", "severity_phase", *need_cols])
    plan = allocate_aid(graph, warehouses, needs, rations=rations, zones=danger_zones_at(workspace, at), at=at,
                        mode=mode, block_severity=block_severity, nearest_warehouses=nearest_warehouses,
                        feedback=feedback.step(0.2, 0.95))
    if save:
        lines = plan_lines(plan.shipments, "aid", "warehouse", "need")
        coverage, stocks = plan.coverage, plan.stocks
        outcomes = [
            outcome_rows("need", coverage.get("need_uuid"), coverage.get("need_name"), coverage.get("item"),
                         coverage.get("demand"), coverage.get("delivered"), coverage.get("coverage"),
                         coverage.get("reason")),
            outcome_rows("warehouse", stocks["warehouse_uuid"], stocks["warehouse_name"], stocks["item"],
                         stocks["stock"], stocks["shipped"], stocks["shipped"] / stocks["stock"].clip(lower=1)),
        ]
        params = {"at": at.isoformat(), "mode": mode, "block_severity": block_severity,
                  "nearest_warehouses": nearest_warehouses}
        plan.plan_id = save_plan_rows(workspace, "aid", "Aid allocation", at, params, plan.summary, lines, outcomes)
    feedback.progress(1.0, "aid allocation ready")
    return plan
