"""Point-to-point least-cost search on the road graph's CSR arrays: A* with landmark bounds (ALT).

A* with a consistent lower bound ``h`` (the cost still to go) settles nodes in the order Dijkstra
would on the reduced costs ``w'(u, v) = w(u, v) - h(u) + h(v)``, all >= 0. So the search is
``scipy.sparse.csgraph.dijkstra`` (C) on reduced costs computed in one vectorised pass, with its
``limit`` stopping it once the target is settled: no Python loop over nodes, and no search of our
own to get wrong.

The bound (ALT, Goldberg & Harrelson): a few landmarks far apart, with their least costs to and
from every node on the traveller's *base* costs (no danger zones), computed once by scipy's
Dijkstra. By the triangle inequality ``d(x, t) >= d(L, t) - d(L, x)`` and ``>= d(x, L) - d(t, L)``;
each is consistent, and so is their maximum. Danger zones only raise costs (severity factors >= 1,
alternative penalties > 1) or remove arcs (blocking), so base distances stay lower bounds of every
query's: the bounds remain admissible and consistent. A query whose costs are anywhere *below* the
base (checked per segment) gets no bound (plain Dijkstra), so answers are exact in every case.

The limit: the reduced distance of the target equals the route's cost C, so a run with limit L >= C
is exact; ``h(start)`` is a lower bound of C. The first limit is that bound times the last query's
ratio; a run that finds a cost above its limit is re-run once at exactly that cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from humanops.analysis.road_graph import RoadGraph, SegmentCosts

N_LANDMARKS = 6      # each costs two float64 arrays over the nodes (to and from)
N_ACTIVE = 4         # landmarks used per query: the ones with the best bound at the start
_START_SLOTS = 2     # a place joins the network at its segment's two ends
_BIG = 1e30          # "cannot reach the target" (an infinite bound), finite so h(u) - h(v) is defined


@dataclass
class SearchResult:
    """Cost of the best arrival, the node it arrives from (-1: none) and the predecessor tree."""

    cost: float
    node: int
    target_index: int
    pred: np.ndarray
    settled: int        # nodes the search reached (for benchmarks and tests)


@dataclass
class Landmarks:
    """Least costs from (``d_from[i, x]`` = d(L_i, x)) and to (``d_to[i, x]`` = d(x, L_i)) each landmark
    on one traveller's base costs (``base_fwd``/``base_bwd`` per segment)."""

    nodes: np.ndarray
    d_from: np.ndarray
    d_to: np.ndarray
    base_fwd: np.ndarray
    base_bwd: np.ndarray

    def admissible_for(self, costs: SegmentCosts) -> bool:
        """True when the query's costs are nowhere below the base: the bounds hold."""
        with np.errstate(invalid="ignore"):
            return bool(np.all(costs.fwd >= self.base_fwd) and np.all(costs.bwd >= self.base_bwd))


def landmark_key(costs: SegmentCosts) -> tuple[str, str]:
    """Which base costs bound this query: the traveller's length, or its time (fastest and safest)."""
    return costs.traveller, "length" if costs.objective == "length" else "time"


def build_landmarks(graph: RoadGraph, key: tuple[str, str], count: int | None = None) -> Landmarks:
    """Landmarks spread over the largest connected part (farthest-point order on the projected
    positions: far apart, towards the edges, where ALT bounds are tight) and their distances."""
    import scipy.sparse
    from scipy.sparse.csgraph import connected_components, dijkstra

    traveller, metric = key
    count = N_LANDMARKS if count is None else count
    # not through segment_costs: those are kept for the next query, these are needed once
    base = graph._segment_costs(f"{traveller}-length" if metric == "length" else traveller, None, 0, ())
    arc = graph.arc_costs(base)
    n = graph.n_total
    fwd = scipy.sparse.csr_matrix((arc, graph.fwd.indices, graph.fwd.indptr), shape=(n, n))
    rev = graph.rev.matrix(arc)
    m = graph.n_nodes
    if m == 0:
        empty = np.zeros((0, n))
        return Landmarks(np.zeros(0, dtype=np.int64), empty, empty, base.fwd, base.bwd)
    usable = np.isfinite(arc)
    structure = scipy.sparse.csr_matrix((usable.astype(np.int8), graph.fwd.indices, graph.fwd.indptr), shape=(n, n))
    _, labels = connected_components(structure, directed=False)
    labels = labels[:m]
    candidates = np.flatnonzero(labels == np.bincount(labels).argmax())
    xy = graph.node_xy[candidates]
    centre = xy.mean(axis=0)
    chosen = [int(np.argmax(np.hypot(*(xy - centre).T)))]
    gap = np.hypot(*(xy - xy[chosen[0]]).T)
    while len(chosen) < min(count, len(candidates)):
        nxt = int(np.argmax(gap))
        if gap[nxt] <= 0:
            break
        chosen.append(nxt)
        gap = np.minimum(gap, np.hypot(*(xy - xy[nxt]).T))
    nodes = candidates[chosen]
    d_from = np.atleast_2d(dijkstra(fwd, directed=True, indices=nodes))
    d_to = np.atleast_2d(dijkstra(rev, directed=True, indices=nodes))
    return Landmarks(nodes, d_from, d_to, base.fwd, base.bwd)


def landmarks_for(graph: RoadGraph, costs: SegmentCosts) -> Landmarks | None:
    """The graph's landmarks for this query's base costs (built on first use, then kept), or None when
    the query's costs go below the base (no bound is safe then)."""
    cache: dict[tuple[str, str], Landmarks] = graph.__dict__.setdefault("_landmarks", {})
    key = landmark_key(costs)
    if key not in cache:
        cache[key] = build_landmarks(graph, key)
    marks = cache[key]
    checked = graph.__dict__.get("_admissible_kept")   # the last read-only costs: checked once
    if checked is not None and checked[0] is costs and checked[1] is marks:
        return marks if checked[2] else None
    admissible = marks.admissible_for(costs)
    if not costs.fwd.flags.writeable and not costs.bwd.flags.writeable:
        graph._admissible_kept = (costs, marks, admissible)
    return marks if admissible else None


def potential(marks: Landmarks, sources: np.ndarray, targets: np.ndarray, target_legs: np.ndarray,
              n: int) -> np.ndarray:
    """ALT bound of every node's least cost to the virtual end (via ``targets`` at ``target_legs``)."""
    finite = np.isfinite(target_legs)
    h = np.zeros(n)
    if not finite.any() or not len(marks.nodes):
        return h
    t, leg = targets[finite], target_legs[finite]
    with np.errstate(invalid="ignore"):
        # per landmark, constants valid for every end: d(x, t_i) + leg_i >= min_i(d(L,t_i) + leg_i) - d(L,x)
        # and >= d(x,L) - max_i(d(t_i,L) - leg_i)
        c_from = np.min(marks.d_from[:, t] + leg, axis=1)
        c_to = np.max(marks.d_to[:, t] - leg, axis=1)
        s = sources[:1]
        score = np.fmax(c_from - marks.d_from[:, s[0]], marks.d_to[:, s[0]] - c_to)
    active = np.argsort(-np.nan_to_num(score, nan=-np.inf))[:N_ACTIVE]
    tmp = np.empty(n)
    with np.errstate(invalid="ignore"):
        for i in active:
            np.subtract(c_from[i], marks.d_from[i], out=tmp)
            np.fmax(h, tmp, out=h)      # fmax: inf - inf (no information) is nan, ignored
            np.subtract(marks.d_to[i], c_to[i], out=tmp)
            np.fmax(h, tmp, out=h)
    np.minimum(h, _BIG, out=h)          # inf: the target cannot be reached from there at all
    return h


def search(graph: RoadGraph, costs: SegmentCosts, arc_cost: np.ndarray, sources: np.ndarray,
           source_legs: np.ndarray, targets: np.ndarray, target_legs: np.ndarray) -> SearchResult:
    """Least cost from a virtual start (joined to ``sources`` at ``source_legs``) to a virtual end
    (reached from ``targets`` at ``target_legs``); ``arc_cost`` in the forward CSR order."""
    import scipy.sparse
    from scipy.sparse.csgraph import dijkstra

    n = graph.n_total
    v = n   # the virtual start node: one extra CSR row
    marks = landmarks_for(graph, costs)
    h = np.zeros(n + 1)
    if marks is not None:
        h[:n] = potential(marks, sources, targets, target_legs, n)
    m = len(arc_cost)
    indices, indptr = _structure(graph)
    # the start joins at most _START_SLOTS nodes; unused slots repeat the first (a duplicate arc of
    # the same cost changes nothing), so the structure is made once and a query writes only costs
    slot = np.resize(np.arange(len(sources)), _START_SLOTS)
    indices[m:] = sources[slot]
    data = np.empty(m + _START_SLOTS)
    np.take(h, graph.fwd.indices, out=data[:m])
    data[:m] -= h[graph.arc_tail]
    data[:m] += arc_cost
    data[m:] = source_legs[slot] + h[sources[slot]]   # h(v) = 0
    np.maximum(data, 0.0, out=data)   # rounding only: the bound is consistent
    matrix = scipy.sparse.csr_matrix((n + 1, n + 1))
    matrix.data, matrix.indices, matrix.indptr = data, indices, indptr   # checked once, in _structure

    finite = np.isfinite(target_legs)
    lower = float(np.min(data[m:])) if len(sources) else np.inf   # h(start): C >= this
    ratio = graph.__dict__.get("_astar_ratio", 1.05) if marks is not None else np.inf
    limit = lower * ratio if np.isfinite(lower) and lower < _BIG else np.inf
    for attempt in range(12):
        if attempt == 11 or not limit >= 0:
            limit = np.inf
        dist, pred = dijkstra(matrix, directed=True, indices=v, return_predecessors=True, limit=limit)
        # an unreached end x has d(x) + h(x) > limit and h(x) <= leg(x): it costs more than limit
        reached = np.isfinite(dist[targets]) & finite
        totals = np.where(reached, dist[targets] - h[targets] + np.where(finite, target_legs, 0.0), np.inf)
        best = int(np.argmin(totals)) if len(totals) else 0
        best_cost = float(totals[best]) if len(totals) else np.inf
        if best_cost <= limit or not np.isfinite(limit) or not (finite & ~reached).any():
            break
        # found above the limit: exact at that cost; nothing found: grow (work grows with the limit)
        limit = best_cost * (1.0 + 1e-9) if np.isfinite(best_cost) else max(limit * 1.06, limit + 1.0)
    if np.isfinite(best_cost) and 0 < lower < _BIG and marks is not None:
        graph._astar_ratio = min(max(1.0, 1.02 * best_cost / lower), 3.0)   # the next query's first guess
    return SearchResult(best_cost, int(targets[best]) if np.isfinite(best_cost) else -1, best, pred,
                        int(np.isfinite(dist).sum()))


def _structure(graph: RoadGraph) -> tuple[np.ndarray, np.ndarray]:
    """The forward CSR index arrays with one more row, the virtual start's ``_START_SLOTS`` arcs;
    made and checked once per graph, then kept (a query writes only the start row's heads)."""
    import scipy.sparse

    kept = graph.__dict__.get("_astar_structure")
    if kept is None:
        n, m = graph.n_total, len(graph.fwd.indices)
        indices = np.concatenate([graph.fwd.indices, np.zeros(_START_SLOTS, dtype=graph.fwd.indices.dtype)])
        indptr = np.concatenate([graph.fwd.indptr, [m + _START_SLOTS]]).astype(graph.fwd.indptr.dtype)
        check = scipy.sparse.csr_matrix((np.zeros(m + _START_SLOTS), indices, indptr), shape=(n + 1, n + 1))
        check.check_format(full_check=True)
        kept = graph._astar_structure = (indices, indptr)
    return kept
