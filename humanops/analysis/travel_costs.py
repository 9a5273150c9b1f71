"""Many-to-many travel costs on the road graph, and the paths behind them, in whole arrays.

:func:`cost_matrix` runs one Dijkstra (scipy.sparse.csgraph) per root, from the smaller side:
from the destinations on the reversed graph when they are fewer (200 shelters for 10,000
sources), a block of roots at a time so memory stays bounded. Each root is a virtual node joined
to both ends of the segment it is snapped to, with the partial costs; the other side's points are
read off the distance arrays the same way. The travel *time* along each least-*cost* path (they
differ in safest mode) comes from the predecessor trees by pointer jumping: log(depth) steps over
whole arrays, no loop over nodes. :class:`CostMatrix` keeps the trees to trace chosen paths
(:meth:`CostMatrix.path`) or many at once (:meth:`CostMatrix.walk`, :meth:`CostMatrix.lines`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from humanops.analysis.road_graph import RoadPath, SegmentCosts, Snap, _part, _trace
from humanops.errors import AnalysisError

if TYPE_CHECKING:
    from humanops.analysis.road_graph import RoadGraph
    from humanops.feedback import Feedback


def cost_matrix(graph: RoadGraph, origins: Snap, destinations: Snap, costs: SegmentCosts, *,
                with_time: bool = True, keep_paths: bool = False,
                feedback: Feedback | None = None) -> CostMatrix:
    """Least costs from every origin to every destination (inf where none), with the travel
    time along those least-cost paths. Runs Dijkstra from the smaller side (from the
    destinations on the reversed graph when they are fewer), a block of sources at a time."""
    from humanops.feedback import Feedback as _Feedback

    feedback = feedback or _Feedback()
    reverse = len(destinations) < len(origins)
    roots, others = (destinations, origins) if reverse else (origins, destinations)
    arc_cost = graph.arc_costs(costs)
    arc_time = _arc_times(graph, costs)
    seg_time = costs.times(graph)
    one, zero = np.ones(len(others)), np.zeros(len(others))
    # legs along the snapped segments: a part outside the zones that block the rest is usable
    n_root, n_other = len(roots), len(others)
    cost = np.full((n_root, n_other), np.inf)
    time = np.full((n_root, n_other), np.inf) if with_time else None
    entry = np.full((n_root, n_other), -1, dtype=np.int64)
    preds: list[np.ndarray] = []
    # the other side's two ways onto the network: (node, leg cost, leg time)
    oseg = np.where(others.on_network, others.seg, 0)
    of = others.fraction
    ok = others.on_network
    if reverse:   # an origin leaves towards seg_to (forward) or seg_from (backward)
        ends = (graph.seg_to[oseg], graph.seg_from[oseg])
        legs = (graph.leg_costs(costs, oseg, of, one), graph.leg_costs(costs, oseg, of, zero))
        leg_times = (_part(1 - of, seg_time[oseg]), _part(of, seg_time[oseg]))
    else:         # a destination is reached from seg_from (forward) or seg_to (backward)
        ends = (graph.seg_from[oseg], graph.seg_to[oseg])
        legs = (graph.leg_costs(costs, oseg, zero, of), graph.leg_costs(costs, oseg, one, of))
        leg_times = (_part(of, seg_time[oseg]), _part(1 - of, seg_time[oseg]))
    legs = tuple(np.where(ok, leg, np.inf) for leg in legs)
    rseg = np.where(roots.on_network, roots.seg, 0)
    rf = roots.fraction
    r_one, r_zero = np.ones(len(roots)), np.zeros(len(roots))
    if reverse:   # arriving at a destination from seg_from (forward) or seg_to (backward)
        root_ends = (graph.seg_from[rseg], graph.seg_to[rseg])
        root_legs = (graph.leg_costs(costs, rseg, r_zero, rf), graph.leg_costs(costs, rseg, r_one, rf))
        root_times = (_part(rf, seg_time[rseg]), _part(1 - rf, seg_time[rseg]))
    else:
        root_ends = (graph.seg_to[rseg], graph.seg_from[rseg])
        root_legs = (graph.leg_costs(costs, rseg, rf, r_one), graph.leg_costs(costs, rseg, rf, r_zero))
        root_times = (_part(1 - rf, seg_time[rseg]), _part(rf, seg_time[rseg]))
    csr = graph.rev if reverse else graph.fwd
    block = max(1, min(n_root, 4_000_000 // max(graph.n_total, 1)))
    from scipy.sparse.csgraph import dijkstra

    for start in range(0, n_root, block):
        feedback.progress(start / max(n_root, 1), "travel costs")
        rows = np.arange(start, min(n_root, start + block))
        extra = []
        for r in rows:
            nodes = np.array([root_ends[0][r], root_ends[1][r]])
            legc = np.array([root_legs[0][r], root_legs[1][r]])
            good = np.isfinite(legc) & bool(roots.on_network[r])
            extra.append((nodes[good], legc[good]))
        matrix = csr.matrix(arc_cost, extra)
        virtual = graph.n_total + np.arange(len(rows))
        dist, pred = dijkstra(matrix, directed=True, indices=virtual, return_predecessors=True)
        via0 = dist[:, ends[0]] + legs[0][None, :]
        via1 = dist[:, ends[1]] + legs[1][None, :]
        choose1 = via1 < via0
        cost[rows] = np.where(choose1, via1, via0)
        entry[rows] = np.where(choose1, ends[1][None, :], ends[0][None, :])
        if with_time:
            node_time = _tree_times(graph, dist, pred, virtual, rows, root_ends, root_legs, root_times,
                                         arc_time, reverse)
            t0 = node_time[:, ends[0]] + leg_times[0][None, :]
            t1 = node_time[:, ends[1]] + leg_times[1][None, :]
            time[rows] = np.where(choose1, t1, t0)
        if keep_paths:
            preds.append(pred.astype(np.int32))
    # origin and destination on the same segment: the direct way along it may be shorter
    same_r, same_o = _same_segment_pairs(rseg, roots.on_network, oseg, ok)
    if len(same_r):
        fr, fo = rf[same_r], of[same_o]
        seg = rseg[same_r]
        # travel from origin fraction a to destination fraction b
        a, b = (fo, fr) if reverse else (fr, fo)
        along = graph.leg_costs(costs, seg, a, b)
        along_t = _part(np.abs(b - a), seg_time[seg])
        better = along <= cost[same_r, same_o]
        cost[same_r[better], same_o[better]] = along[better]
        entry[same_r[better], same_o[better]] = -2   # direct
        if with_time:
            time[same_r[better], same_o[better]] = along_t[better]
    feedback.progress(1.0, "travel costs")
    if reverse:
        cost, entry = cost.T, entry.T
        time = time.T if time is not None else None
    return CostMatrix(graph, origins, destinations, cost, time, entry, reverse,
                      preds if keep_paths else None, block, costs)


def _arc_times(graph: RoadGraph, costs: SegmentCosts) -> np.ndarray:
    out = np.zeros(len(graph.arc_seg))
    carry = graph.arc_seg >= 0
    out[carry] = costs.times(graph)[graph.arc_seg[carry]]
    return out


def _tree_times(graph: RoadGraph, dist: np.ndarray, pred: np.ndarray, virtual: np.ndarray, rows: np.ndarray,
                root_ends: tuple[np.ndarray, np.ndarray], root_legs: tuple[np.ndarray, np.ndarray],
                root_times: tuple[np.ndarray, np.ndarray], arc_time: np.ndarray,
                reverse: bool) -> np.ndarray:
    """Travel time from each root to every node along its least-cost tree, by pointer
    jumping over the predecessor arrays (log of the tree depth whole-array steps)."""
    k, n = pred.shape
    node = np.broadcast_to(np.arange(n), (k, n))
    reached = (pred >= 0) & (pred < graph.n_total)   # predecessor is a real node
    t = np.full((k, n), np.inf)
    tails, heads = (node[reached], pred[reached]) if reverse else (pred[reached], node[reached])
    arcs = graph.arc_ids(tails, heads)
    t[reached] = np.where(arcs >= 0, arc_time[np.maximum(arcs, 0)], np.inf)
    for i, r in enumerate(rows):   # the two legs from each root's virtual node
        for end, leg_c, leg_t in ((root_ends[0], root_legs[0], root_times[0]),
                                  (root_ends[1], root_legs[1], root_times[1])):
            e = end[r]
            if pred[i, e] == virtual[i] and np.isclose(dist[i, e], leg_c[r]):
                t[i, e] = leg_t[r]
    ptr = np.where(pred >= 0, pred, node).astype(np.int64)
    root_col = virtual[:, None] == node
    t[root_col] = 0.0
    ptr[root_col] = node[root_col]
    t[~((pred >= 0) | root_col)] = np.inf
    while True:
        nxt = np.take_along_axis(ptr, ptr, axis=1)
        t = np.where(ptr != node, t + np.take_along_axis(t, ptr, axis=1), t)
        if np.array_equal(nxt, ptr):
            break
        ptr = nxt
    return t


@dataclass


class CostMatrix:
    """Least costs (and times) from origins to destinations, and the way to trace a path."""

    graph: RoadGraph
    origins: Snap
    destinations: Snap
    cost: np.ndarray          # [origins, destinations]
    time: np.ndarray | None
    entry: np.ndarray         # node where the other side joined the tree (-2 = direct on one segment)
    reverse: bool
    preds: list[np.ndarray] | None
    block: int
    costs: SegmentCosts

    def path(self, i: int, j: int) -> RoadPath | None:
        """The least-cost path from origin ``i`` to destination ``j`` (needs keep_paths=True)."""
        g = self.graph
        if not np.isfinite(self.cost[i, j]):
            return None
        o, d = self.origins.take([i]), self.destinations.take([j])
        fo, fd = float(o.fraction[0]), float(d.fraction[0])
        so, sd = int(o.seg[0]), int(d.seg[0])
        if self.entry[i, j] == -2:
            return RoadPath(np.array([so]), np.array([fd >= fo]), fo, fd, float(self.cost[i, j]))
        if self.preds is None:
            raise AnalysisError("paths were not kept for this cost matrix")
        root, other = (j, i) if self.reverse else (i, j)
        pred = self.preds[root // self.block][root % self.block]
        virtual = g.n_total + root % self.block
        nodes = _trace(pred, int(self.entry[i, j]), virtual)   # virtual root ... entry node
        if self.reverse:
            nodes = nodes[::-1]   # entry (origin side) ... destination's virtual node
            inner = nodes[:-1]
            first_forward = inner[0] == g.seg_to[so]
            last_forward = inner[-1] == g.seg_from[sd]
        else:
            inner = nodes[1:]
            first_forward = inner[0] == g.seg_to[so]
            last_forward = inner[-1] == g.seg_from[sd]
        segs, forward = g._segments_of(inner)
        del other
        return RoadPath(np.concatenate([[so], segs, [sd]]).astype(np.int64),
                        np.concatenate([[first_forward], forward, [last_forward]]).astype(bool),
                        fo, fd, float(self.cost[i, j])).trimmed()

    def _pred(self, roots: np.ndarray, nodes: np.ndarray) -> np.ndarray:
        out = np.empty(len(roots), dtype=np.int64)
        chunk = roots // self.block
        for c in np.unique(chunk):
            m = chunk == c
            out[m] = self.preds[c][roots[m] % self.block, nodes[m]]
        return out

    def walk(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The segments of many (origin, destination) paths at once, as rows (pair, segment,
        forward) in travel order, full segments only (not the parts a point sits on). All pairs
        walk their predecessor arrays together, one whole-array step at a time."""
        g = self.graph
        i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
        if self.preds is None:
            raise AnalysisError("paths were not kept for this cost matrix")
        entry = self.entry[i, j]
        walkers = np.flatnonzero(np.isfinite(self.cost[i, j]) & (entry >= 0))
        roots = (j if self.reverse else i)[walkers]
        virtual = g.n_total + roots % self.block
        node = entry[walkers]
        seq_w, seq_n, seq_k = [walkers], [node.copy()], [np.zeros(len(walkers), dtype=np.int64)]
        active = np.arange(len(walkers))
        step = 0
        while len(active) and step <= g.n_total:
            step += 1
            nxt = self._pred(roots[active], node[active])
            keep = (nxt >= 0) & (nxt != virtual[active])
            active, nxt = active[keep], nxt[keep]
            node[active] = nxt
            seq_w.append(walkers[active])
            seq_n.append(nxt)
            seq_k.append(np.full(len(active), step, dtype=np.int64))
        w_all, n_all, k_all = np.concatenate(seq_w), np.concatenate(seq_n), np.concatenate(seq_k)
        if not self.reverse:
            k_all = -k_all   # a tree from the origins is walked backwards
        order = np.lexsort((k_all, w_all))
        w_all, n_all = w_all[order], n_all[order]
        same = w_all[1:] == w_all[:-1]
        arcs = g.arc_ids(n_all[:-1][same], n_all[1:][same])
        pair_w = w_all[:-1][same]
        ok = arcs >= 0
        arcs, pair_w = arcs[ok], pair_w[ok]
        carry = g.arc_seg[arcs] >= 0
        return pair_w[carry], g.arc_seg[arcs][carry], g.arc_dir[arcs][carry] == 1

    def lines(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Route lines (EPSG:4326) for many (origin, destination) pairs, None where no path;
        the parts between a point and its first junction are drawn straight."""
        g = self.graph
        i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
        k = len(i)
        out = np.full(k, None, dtype=object)
        if not k:
            return out
        o_xy = g.snapped_xy(self.origins.take(i))
        d_xy = g.snapped_xy(self.destinations.take(j))
        finite = np.isfinite(self.cost[i, j])
        seg_w, seg, fwd = self.walk(i, j)
        coords, row = (g.coords_of(seg) if len(seg)
                       else (np.zeros((0, 2)), np.zeros(0, dtype=np.int64)))
        size = np.bincount(row, minlength=len(seg))
        start = np.cumsum(size) - size
        pos = np.arange(len(row)) - start[row]
        flip = ~fwd[row]
        coords = coords[np.where(flip, start[row] + size[row] - 1 - pos, np.arange(len(row)))]
        # stitch: origin point, the walked segments' vertices, destination point (one array, sorted once)
        drawn = np.flatnonzero(finite)
        all_w = np.concatenate([drawn, seg_w[row], drawn])
        all_k = np.concatenate([np.full(len(drawn), -1), np.arange(len(row)), np.full(len(drawn), len(row))])
        all_xy = np.concatenate([o_xy[drawn], coords, d_xy[drawn]])
        order = np.lexsort((all_k, all_w))
        all_xy, all_w = all_xy[order], all_w[order]
        repeat = np.zeros(len(all_w), dtype=bool)   # a vertex shared by consecutive segments, once
        repeat[1:] = (all_w[1:] == all_w[:-1]) & np.all(np.abs(all_xy[1:] - all_xy[:-1]) < 1e-6, axis=1)
        count = np.bincount(all_w[~repeat], minlength=k)
        repeat[1:] &= count[all_w[1:]] > 2   # but a line keeps at least two vertices
        lines = shapely.linestrings(all_xy[~repeat], indices=np.searchsorted(drawn, all_w[~repeat]))
        out[drawn] = g.to_lonlat(lines)
        return out


def _same_segment_pairs(seg_a: np.ndarray, ok_a: np.ndarray, seg_b: np.ndarray, ok_b: np.ndarray,
                        ) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with seg_a[i] == seg_b[j], both on the network."""
    ia = np.flatnonzero(ok_a)
    ib = np.flatnonzero(ok_b)
    if not len(ia) or not len(ib):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.argsort(seg_b[ib], kind="stable")
    sorted_b = seg_b[ib][order]
    lo = np.searchsorted(sorted_b, seg_a[ia], side="left")
    hi = np.searchsorted(sorted_b, seg_a[ia], side="right")
    counts = hi - lo
    if not counts.sum():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = np.repeat(ia, counts)
    starts = np.repeat(lo, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    cols = ib[order][starts + offsets]
    return rows, cols
