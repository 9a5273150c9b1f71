"""Point-to-point least-cost search on the road graph's CSR arrays: A* with landmark bounds (ALT).

A* with a consistent lower bound ``h`` (the cost still to go) settles nodes in the order Dijkstra
would on the reduced costs ``w'(u, v) = w(u, v) - h(u) + h(v)``, all >= 0. So the search is
``scipy.sparse.csgraph.dijkstra`` (C) on reduced costs computed in one vectorised pass, with its
``limit`` stopping it near the target: no Python loop over nodes, and no search of our own to get
wrong. (python-igraph's Dijkstra stops at its target, but takes its weights from Python objects: 85 ms
a query for 2M arcs, more than this whole search, and its graph is 90 MB more.)

The bound (ALT, Goldberg & Harrelson): a few landmarks far apart, with their least costs to and
from every node on the traveller's *base* costs (no danger zones), computed once by scipy's
Dijkstra. By the triangle inequality ``d(x, t) >= d(L, t) - d(L, x)`` and ``>= d(x, L) - d(t, L)``;
each is consistent, and so is their maximum. Danger zones only raise costs (severity factors >= 1,
alternative penalties > 1) or remove arcs (blocking), so base distances stay lower bounds of every
query's: the bounds remain admissible and consistent. A query whose costs are anywhere *below* the
base (checked per segment) gets no bound (plain Dijkstra), so answers are exact in every case.

The limit: the reduced distance of the target equals the route's cost C, so a search with limit
L >= C is exact, and every node it settles beyond C is wasted; ``h(start)`` is a lower bound of C.
So the search runs in rounds of growing limits, each going on from where the last stopped: the
next round's start row joins the settled nodes on the edge of the settled area at their distances,
and the arcs into settled nodes are closed (their distances are final). A limit below C costs one
round's overhead (O(nodes) in numpy, ~1 ms at 500,000 nodes), not a search again. The first limit is
the bound plus a low quantile of recent queries' gaps; the next ones extrapolate the search's
progress towards the end (the least bound to the end among settled nodes falls to 0 as the limit
reaches C) a little beyond; the last round has no limit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from humanops.analysis.road_graph import RoadGraph, SegmentCosts

N_LANDMARKS = 6      # each costs two float64 arrays over the nodes (to and from)
N_ACTIVE = 4         # landmarks used per query: the ones with the best bound at the start
_BIG = 1e30          # "cannot reach the target" (an infinite bound), finite so h(u) - h(v) is defined
# rounds of the search (measured on the 1M-edge benchmark: fewer nodes settled than one guessed limit)
_FIRST_GAP = 0.01        # the first limit is the bound times 1 + this, before any query is seen...
_FIRST_QUANTILE = 0.25   # ...then 1 + this quantile of the last _HISTORY queries' (cost / bound - 1)
_HISTORY = 32
_MIN_GAP = 0.002         # the least step of a limit, times the bound
_MARGIN = 0.01           # an extrapolated limit, this much above the extrapolation
_GROWTH_LEAST = 1.2      # each next limit's gap over the bound, at least this times the last one's
_MAX_ROUNDS = 16         # the last has no limit
_START_ROOM = 1 << 14   # start-row arcs kept room for (the edge of a settled area of 100,000s of nodes)
_CHUNK = 1 << 15        # arcs per step of the reduced costs (256 KB per array: in cache)


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
              n: int, out: np.ndarray | None = None) -> np.ndarray:
    """ALT bound of every node's least cost to the virtual end (via ``targets`` at ``target_legs``), in
    ``out`` (``n`` zeros) when given: the search's array, not a copy of a new one."""
    finite = np.isfinite(target_legs)
    h = np.zeros(n) if out is None else out
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
    n = graph.n_total
    marks = landmarks_for(graph, costs)
    h = np.zeros(n + 1)
    if marks is not None:
        potential(marks, sources, targets, target_legs, n, out=h[:n])
    start_cost = np.asarray(source_legs, dtype=float) + h[sources]   # reduced: h(v) = 0
    lower = float(np.min(start_cost)) if len(sources) else np.inf    # h(start): the route costs at least this
    if lower >= _BIG:   # the bounds prove that no start node reaches an end (inf only where no path exists)
        return SearchResult(np.inf, -1, 0, np.full(n + 1, -9999, dtype=np.int32), 0)
    with _search_lock(graph):
        return _rounds(graph, arc_cost, h, sources, start_cost, lower if marks is not None else 0.0,
                       targets, target_legs)


def _rounds(graph: RoadGraph, arc_cost: np.ndarray, h: np.ndarray, sources: np.ndarray, start_cost: np.ndarray,
            lower: float, targets: np.ndarray, target_legs: np.ndarray) -> SearchResult:
    """scipy's Dijkstra on the reduced costs from the virtual start, in rounds of growing ``limit``; each
    round goes on from where the last stopped (its start row joins the settled nodes on the edge of what
    is settled, at their distances), so a low limit costs a round's overhead, not a search again."""
    import scipy.sparse
    from scipy.sparse.csgraph import dijkstra

    n, m, v = graph.n_total, len(arc_cost), graph.n_total
    indices, indptr = _structure(graph, len(sources))
    data = np.empty(len(indices))
    _reduced_costs(graph, h, arc_cost, data[:m])
    finite = np.isfinite(target_legs)
    legs = np.where(finite, target_legs, 0.0)
    gaps: list[float] = graph.__dict__.setdefault("_astar_gaps", [])
    limit = lower * (1.0 + _first_gap(gaps)) if lower > 0 else np.inf
    seen = [(lower, lower)]   # (limit, least bound to the end among settled nodes) per round: the progress
    frontier, frontier_cost = sources, start_cost
    boundary = np.zeros(0, dtype=np.int64)
    dist_all = pred_all = None
    best, best_cost = 0, np.inf
    settled = 1   # the virtual start, then each round's new nodes (no count over every node at the end)
    for attempt in range(_MAX_ROUNDS):
        if attempt == _MAX_ROUNDS - 1:
            limit = np.inf
        k = len(frontier)
        if m + k > len(indices):
            indices, indptr = _structure(graph, k)
            data = np.concatenate([data[:m], np.empty(len(indices) - m)])
        indices[m:m + k] = frontier
        data[m:m + k] = frontier_cost
        indptr[-1] = m + k
        matrix = scipy.sparse.csr_matrix((n + 1, n + 1))
        matrix.data, matrix.indices, matrix.indptr = data[:m + k], indices[:m + k], indptr   # checked in _structure
        dist, pred = dijkstra(matrix, directed=True, indices=v, return_predecessors=True, limit=limit)
        if dist_all is None or pred_all is None:
            dist_all, pred_all = dist, pred
            new = np.flatnonzero(np.isfinite(dist[:n]))
        else:   # settled nodes keep their distance and predecessor (exact already); only new ones change
            new = np.flatnonzero(dist[:n] < dist_all[:n])
            dist_all[new] = dist[new]
            pred_all[new] = pred[new]
        settled += len(new)
        # an unreached end x has d(x) + h(x) > limit and h(x) <= leg(x): it costs more than limit
        at = dist_all[targets]
        reached = np.isfinite(at) & finite
        totals = np.where(reached, at - h[targets] + legs, np.inf)
        best = int(np.argmin(totals)) if len(totals) else 0
        best_cost = float(totals[best]) if len(totals) else np.inf
        if best_cost <= limit or not np.isfinite(limit) or not (finite & ~reached).any():
            break
        _close_arcs_into(graph, new, data)   # settled for good: the next rounds must not settle them again
        # boundary (settled earlier) and new (settled now) are disjoint sorted runs: a stable sort merges
        # them in linear time (union1d hashes and sorts both again)
        boundary = _boundary(graph, np.sort(np.concatenate([boundary, new]), kind="stable"), dist_all, data)
        pending = ~np.isfinite(dist_all[sources])   # start nodes beyond the limit so far: joined as at first
        frontier = np.concatenate([boundary, sources[pending]])
        frontier_cost = np.concatenate([dist_all[boundary], start_cost[pending]])
        if not len(frontier):   # nothing left to reach: every node the start reaches is settled
            break
        seen.append((limit, min(seen[-1][1], float(np.min(h[new]))) if len(new) else seen[-1][1]))
        limit = _next_limit(seen, lower)
        if np.isfinite(best_cost):   # an end found above the last limit: exact at that cost
            limit = min(limit, best_cost * (1.0 + 1e-9))
    if np.isfinite(best_cost) and lower > 0:
        gaps.append(best_cost / lower - 1.0)   # the next query's first limit
        del gaps[:-_HISTORY]
    assert dist_all is not None and pred_all is not None
    return SearchResult(best_cost, int(targets[best]) if np.isfinite(best_cost) else -1, best, pred_all, settled)


def _first_gap(gaps: list[float]) -> float:
    """The first round's limit above the bound: low (a round that stops short costs little), from the
    gaps of recent queries."""
    if not gaps:
        return _FIRST_GAP
    return max(_MIN_GAP, float(np.quantile(gaps, _FIRST_QUANTILE)))


def _next_limit(seen: list[tuple[float, float]], lower: float) -> float:
    """The next round's limit: where the search's progress towards the end (the least bound to it among
    settled nodes, which falls as the limit grows and is 0 at the route's cost) reaches 0, extrapolated
    from the rounds so far, a little above; the gap over the bound grows at least by _GROWTH_LEAST, and
    doubles (1% of the bound at least) while there is no progress to extrapolate."""
    (l0, r0), (l1, r1) = seen[0], seen[-1]
    gap = l1 - lower
    if r1 < r0 and l1 > l0:
        guess = l1 + r1 * (l1 - l0) / (r0 - r1)
        return max(guess * (1.0 + _MARGIN), l1 + lower * _MIN_GAP, lower + gap * _GROWTH_LEAST)
    return l1 + max(gap, lower * 0.01)


def _reduced_costs(graph: RoadGraph, h: np.ndarray, arc_cost: np.ndarray, out: np.ndarray) -> None:
    """``out = max(0, arc_cost + h[head] - h[tail])`` in the forward CSR order, in chunks that stay in
    the CPU's cache (twice as fast as whole-array passes at 2M arcs, and no 2M-element temporary), without
    int64 copies of the index arrays (``mode="clip"``: numpy's checked take copies them; they are in range)."""
    heads, tails = graph.fwd.indices, graph.arc_tail
    tail_h = np.empty(min(_CHUNK, len(out)))
    for a in range(0, len(out), _CHUNK):
        b = min(len(out), a + _CHUNK)
        part, t = out[a:b], tail_h[:b - a]
        np.take(h, heads[a:b], out=part, mode="clip")
        np.take(h, tails[a:b], out=t, mode="clip")
        part -= t
        part += arc_cost[a:b]
        np.maximum(part, 0.0, out=part)   # rounding only: the bound is consistent


def _close_arcs_into(graph: RoadGraph, nodes: np.ndarray, data: np.ndarray) -> None:
    """Set the reduced cost of every arc into ``nodes`` to inf (through the reverse CSR's arc order)."""
    rev = graph.rev
    first = rev.indptr[nodes].astype(np.int64)
    count = (rev.indptr[nodes + 1] - first).astype(np.int64)
    slots = np.arange(int(count.sum())) + np.repeat(first - (np.cumsum(count) - count), count)
    data[slots if rev.order is None else rev.order[slots]] = np.inf


def _boundary(graph: RoadGraph, nodes: np.ndarray, dist: np.ndarray, data: np.ndarray) -> np.ndarray:
    """Those of the settled ``nodes`` with an arc to a node not settled: where the next round goes on."""
    if not len(nodes):
        return nodes
    indptr = graph.fwd.indptr
    first = indptr[nodes].astype(np.int64)
    count = (indptr[nodes + 1] - first).astype(np.int64)
    owner = np.repeat(np.arange(len(nodes)), count)
    arcs = np.arange(int(count.sum())) + np.repeat(first - (np.cumsum(count) - count), count)
    # an arc of bound _BIG leads where no end can be reached from
    onward = ~np.isfinite(dist[graph.fwd.indices[arcs]]) & (data[arcs] < _BIG * 0.5)
    keep = np.zeros(len(nodes), dtype=bool)   # a mask, not unique(): owners are in order already
    keep[owner[onward]] = True
    return nodes[keep]


def _search_lock(graph: RoadGraph) -> threading.Lock:
    """One search at a time on a graph: the kept start row is written per search."""
    return graph.__dict__.setdefault("_search_lock", threading.Lock())


def _structure(graph: RoadGraph, start_arcs: int) -> tuple[np.ndarray, np.ndarray]:
    """The forward CSR index arrays with one more row, the virtual start's, room for ``start_arcs`` arcs
    at the end of ``indices``; made and checked once per graph (grown when a search needs more), then
    kept: a round writes only the start row's heads and ``indptr[-1]``."""
    import scipy.sparse

    kept = graph.__dict__.get("_astar_structure")
    m = len(graph.fwd.indices)
    if kept is None or len(kept[0]) < m + start_arcs:
        n = graph.n_total
        room = max(start_arcs, _START_ROOM, 0 if kept is None else 2 * (len(kept[0]) - m))
        indices = np.concatenate([graph.fwd.indices, np.zeros(room, dtype=graph.fwd.indices.dtype)])
        indptr = np.concatenate([graph.fwd.indptr, [m + room]]).astype(graph.fwd.indptr.dtype)
        check = scipy.sparse.csr_matrix((np.zeros(m + room), indices, indptr), shape=(n + 1, n + 1))
        check.check_format(full_check=True)
        kept = graph._astar_structure = (indices, indptr)
    return kept
