"""The road network as a routing graph: built once from the ``road`` layer, queried many times.

Build (:meth:`RoadGraph.from_frame`):

* **Nodes** are segment endpoints hashed on a grid of ``node_tolerance_m`` in the area's UTM
  zone. Noding is *checked, never done*: two roads that cross without sharing an endpoint (a
  bridge over a road, a tunnel) stay unconnected, as they are on the ground. Dangling ends,
  near-miss junctions (distinct endpoints closer than ``near_miss_m``) and disconnected parts
  are reported by :attr:`RoadGraph.noding`.
* **Edges**: one per direction of each segment (one only for ``oneway``), with the geodesic
  length (pyproj ``Geod``, all segments at once) and a travel time from the road class speed
  times the surface and condition factors of ``resources/routing/speeds.toml``; an
  ``impassable`` road has no edge. Parallel segments (two roads between the same junctions) get
  a hidden mid node each, so every (tail, head) pair is unique and the CSR arrays of
  ``scipy.sparse`` never sum two roads into one.
* The segments' projected vertices are kept as flat arrays (``coords_utm`` and ``seg_offsets``),
  not as a million LineStrings: shapely LineStrings are built only for the few segments a query
  needs (:meth:`RoadGraph.lines_utm`). A scipy ``cKDTree`` over the vertices of the segments
  segmentized to ``_INDEX_STEP_M`` (every point of a road lies within half a step of one) finds the
  candidate segments near a point or inside a box; shapely decides on the candidates exactly.

Query: danger zones valid at time t are intersected with the segments in one bulk query
(:meth:`RoadGraph.danger`, :meth:`RoadGraph.query_segments`); :meth:`RoadGraph.segment_costs`
turns that into per-direction costs: zones at or above the blocking severity remove the edges
they touch (cost inf), in ``safest`` mode the others multiply the travel time by their severity
factor. Shortest paths run in
``scipy.sparse.csgraph.dijkstra`` on a CSR matrix whose structure is fixed at build time, so a
query only rewrites the ``data`` array. Points are snapped to the nearest point of a segment and
join the graph through a virtual node, with partial costs for the part of the segment travelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from humanops.analysis.projection import utm_crs
from humanops.analysis.routing_config import RoutingConfig, TravellerConfig, load_routing_config
from humanops.analysis.travel_modes import MODES as MODES  # re-exported: routing and planning import it here
from humanops.analysis.travel_modes import TRAVELLERS, split_mode
from humanops.errors import AnalysisError

# the spatial index holds the segments' vertices at most this far apart (projected metres)
_INDEX_STEP_M = 100.0
_CHUNK = 200_000   # segments (or candidate pairs) handled at once: bounded temporaries

if TYPE_CHECKING:
    import geopandas as gpd
    import scipy.sparse

    from humanops.analysis.travel_costs import CostMatrix
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace


# --------------------------------------------------------------------------- small results


@dataclass
class Snap:
    """Points snapped onto the network (arrays of equal length)."""

    seg: np.ndarray         # segment index, -1 when off network
    fraction: np.ndarray    # 0..1 along the segment's geometry (by projected length)
    distance_m: np.ndarray  # from the point to the road
    on_network: np.ndarray  # bool: within max_snap_m of a road

    def __len__(self) -> int:
        return len(self.seg)

    def take(self, index: Any) -> Snap:
        return Snap(self.seg[index], self.fraction[index], self.distance_m[index], self.on_network[index])


@dataclass
class Danger:
    """Danger zones against segments for one query (zones valid at its time)."""

    zones: pd.DataFrame          # uuid, name, hazard, severity (row order = zone index)
    zones_utm: np.ndarray        # projected geometries
    pair_zone: np.ndarray        # intersecting (zone index, segment index) pairs
    pair_seg: np.ndarray

    @classmethod
    def none(cls) -> Danger:
        empty = np.zeros(0, dtype=np.int64)
        return cls(pd.DataFrame({"uuid": [], "name": [], "hazard": [], "severity": []}),
                   np.zeros(0, dtype=object), empty, empty)

    def segment_severity(self, n_seg: int, exempt: Sequence[int] = ()) -> np.ndarray:
        """Worst severity touching each segment (0 = none), ignoring ``exempt`` zone indices."""
        out = np.zeros(n_seg, dtype=np.int64)
        if len(self.pair_seg):
            keep = ~np.isin(self.pair_zone, np.asarray(exempt, dtype=np.int64))
            sev = self.zones["severity"].to_numpy(dtype=np.int64)[self.pair_zone[keep]]
            np.maximum.at(out, self.pair_seg[keep], sev)
        return out


@dataclass
class SegmentCosts:
    """Per-segment costs of one query, each direction; inf = cannot be travelled."""

    fwd: np.ndarray
    bwd: np.ndarray
    blocked: np.ndarray   # bool per segment (a blocking zone touches it)
    time_s: np.ndarray | None = None      # the traveller's seconds per segment (None: driving)
    open_fwd: np.ndarray | None = None    # costs before blocking: for the parts of a segment outside
    open_bwd: np.ndarray | None = None    # its blocking zones (see RoadGraph.leg_costs)
    blocking_zones: np.ndarray | None = None   # projected geometries of the zones that block...
    blocking_seg: np.ndarray | None = None     # ...and the segment of each (zone, segment) pair
    traveller: str = "drive"
    objective: str = "fastest"

    def times(self, graph: RoadGraph) -> np.ndarray:
        return graph.time_s if self.time_s is None else self.time_s


@dataclass
class RoadPath:
    """One path on the network: the segments in travel order and their directions."""

    segs: np.ndarray          # segment indices
    forward: np.ndarray       # bool: travelled from its first to its last vertex
    start_fraction: float     # where on segs[0] the path starts (fraction along its geometry)
    end_fraction: float       # where on segs[-1] it ends
    cost: float


    def trimmed(self) -> RoadPath:
        """Without a first or last segment of which nothing is travelled (a point at its end)."""
        segs, forward = self.segs, self.forward
        start, end = self.start_fraction, self.end_fraction
        if len(segs) > 1 and (start >= 1.0 if forward[0] else start <= 0.0):
            segs, forward = segs[1:], forward[1:]
            start = 0.0 if forward[0] else 1.0
        if len(segs) > 1 and (end <= 0.0 if forward[-1] else end >= 1.0):
            segs, forward = segs[:-1], forward[:-1]
            end = 1.0 if forward[-1] else 0.0
        return RoadPath(segs, forward, start, end, self.cost)


@dataclass
class NodingReport:
    """What :meth:`RoadGraph.from_frame` found about the network's noding and connectivity."""

    segments: int
    nodes: int
    impassable: int
    oneway: int
    degenerate: int              # zero-length or closed loops
    parallel: int                # segments duplicating another's pair of junctions
    dangling_ends: int
    near_misses: int
    components: int
    largest_component_share: float
    component_sizes: list[int]   # in segments, largest first (top 10)
    dangling_sample: list[dict[str, Any]]
    near_miss_sample: list[dict[str, Any]]
    small_components_sample: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def problems(self) -> list[str]:
        out = []
        if self.near_misses:
            out.append(f"{self.near_misses} near-miss junction(s): endpoints within the near-miss distance "
                       "that do not meet (snap or join them)")
        if self.components > 1:
            out.append(f"{self.components} disconnected parts (the largest holds "
                       f"{self.largest_component_share:.0%} of the roads)")
        if self.degenerate:
            out.append(f"{self.degenerate} degenerate segment(s) (zero length or closed loop)")
        return out


# --------------------------------------------------------------------------- CSR structure


@dataclass
class _Csr:
    """A CSR structure over the arcs, fixed at build time; ``order`` maps CSR slots to arcs."""

    indptr: np.ndarray
    indices: np.ndarray
    order: np.ndarray | None   # None: the identity

    @classmethod
    def build(cls, tails: np.ndarray, heads: np.ndarray, n: int) -> _Csr:
        order = np.lexsort((heads, tails)).astype(np.int32)
        counts = np.bincount(tails, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int32 if len(tails) < 2**31 - 1 else np.int64)
        np.cumsum(counts, out=indptr[1:])
        indices = heads[order].astype(np.int32)
        if np.array_equal(order, np.arange(len(order))):
            order = None   # arcs already in this CSR's order (the forward one): 4 bytes an arc saved
        return cls(indptr, indices, order)

    def matrix(self, arc_cost: np.ndarray, extra: list[tuple[np.ndarray, np.ndarray]] | None = None,
               ) -> scipy.sparse.csr_matrix:
        """The matrix for one query; ``extra`` rows (virtual nodes) are appended at the end."""
        import scipy.sparse

        data = arc_cost if self.order is None else arc_cost[self.order]
        indices, indptr = self.indices, self.indptr
        n = len(indptr) - 1
        if extra:
            counts = np.array([len(t) for t, _ in extra], dtype=np.int64)
            indptr = np.concatenate([indptr, indptr[-1] + np.cumsum(counts)])
            indices = np.concatenate([indices, *[t.astype(np.int32) for t, _ in extra]])
            data = np.concatenate([data, *[c.astype(np.float64) for _, c in extra]])
            n += len(extra)
        return scipy.sparse.csr_matrix((data, indices, indptr), shape=(n, n))


# --------------------------------------------------------------------------- the graph


class RoadGraph:
    """The road network as arrays; build with :meth:`from_frame` or :meth:`from_workspace`."""

    def __init__(self) -> None:  # filled by from_frame
        self.config: RoutingConfig
        self.noding: NodingReport

    # ----------------------------------------------------------------- build
    @classmethod
    def from_workspace(cls, workspace: Workspace, config: RoutingConfig | None = None,
                       feedback: Feedback | None = None) -> RoadGraph:
        """The graph of the workspace's ``road`` layer, built once per state of the layer and kept in
        the workspace for the next process (:mod:`humanops.analysis.road_graph_cache`)."""
        from humanops.analysis import road_graph_cache
        from humanops.feedback import Feedback as _Feedback

        config = config or load_routing_config()
        memory_key = (str(Path(workspace.path).resolve()), workspace.workspace_id, workspace.last_change_seq("road"),
                      workspace.count("road"), road_graph_cache.config_digest(config))
        cached = _CACHE.get(memory_key)
        if cached is not None:
            return cached
        key = road_graph_cache.cache_key(workspace, config)
        graph = road_graph_cache.load(workspace, key, config)
        if graph is None:
            columns = ["uuid", "name", "road_class", "surface", "condition", "oneway", "bridge", "tunnel",
                       "highway", "foot", "oneway_foot"]  # older files get the walking fields on open (store)
            roads = workspace.read_layer("road", columns=columns)
            graph = cls.from_frame(roads, config, feedback)
            road_graph_cache.keep(workspace, key, graph)
        else:
            (feedback or _Feedback()).progress(1.0, "road graph read from the workspace")
        _CACHE.clear()  # one network at a time: a graph of a million roads is hundreds of MB
        _CACHE[memory_key] = graph
        return graph

    @classmethod
    def from_frame(cls, roads: gpd.GeoDataFrame, config: RoutingConfig | None = None,
                   feedback: Feedback | None = None) -> RoadGraph:
        """Build from a GeoDataFrame of road segments (EPSG:4326 LineStrings, road kind fields)."""
        graph = cls._build(roads, config, feedback)
        _release_free_memory()   # the build's temporaries are gone now
        return graph

    @classmethod
    def _build(cls, roads: gpd.GeoDataFrame, config: RoutingConfig | None,
               feedback: Feedback | None) -> RoadGraph:
        from humanops.analysis.point_to_point import build_landmarks
        from humanops.feedback import Feedback as _Feedback

        feedback = feedback or _Feedback()
        self = cls()
        self.config = config or load_routing_config()
        feedback.progress(0.0, "reading roads")
        roads, geoms = _road_lines(roads)
        classes = self._read_attributes(roads, len(geoms))
        feedback.progress(0.1, "projecting roads")
        coords, part = self._project(geoms)
        feedback.progress(0.3, "measuring roads")
        self._measure(coords, part)
        self._travel_times(classes)
        feedback.progress(0.45, "finding junctions")
        self._find_junctions(part)
        feedback.progress(0.55, "building the graph")
        loop = self._build_arcs()
        feedback.progress(0.7, "indexing roads")
        self._build_index()
        feedback.progress(0.85, "checking noding")
        self.noding = self._check_noding(loop)
        # A* bounds for driving by time (fastest and safest, the usual queries): landmark distances now,
        # by scipy's Dijkstra; other travellers and length get theirs on first use (point_to_point)
        feedback.progress(0.95, "routing landmarks")
        self._landmarks = {("drive", "time"): build_landmarks(self, ("drive", "time"))}
        feedback.progress(1.0, "road graph ready")
        return self

    def _read_attributes(self, roads: gpd.GeoDataFrame, n: int) -> _RoadClasses:
        """The per-segment fields the graph keeps; returns those only the travel times use."""
        self.n_seg = n
        # uuids as one UTF-8 bytes array (not a million Python str objects: tens of MB); names as
        # codes into their distinct values (few); the road class is used only here
        self._seg_uuid = np.array([str(u).encode() for u in _column(roads, "uuid", "", n)], dtype=bytes) if n \
            else np.zeros(0, dtype="S1")
        name_codes, name_values = pd.factorize(pd.Series(_column(roads, "name", "", n)).astype(str), sort=False)
        self._name_code = name_codes.astype(np.int32)
        self._name_values = np.asarray(name_values, dtype=object)
        self.oneway = _bool_column(roads, "oneway", n)
        self.oneway_foot = _bool_column(roads, "oneway_foot", n)
        self.bridge = _bool_column(roads, "bridge", n)
        self.tunnel = _bool_column(roads, "tunnel", n)
        return _RoadClasses(
            road_class=_column(roads, "road_class", "unclassified", n).astype(object),
            surface=_column(roads, "surface", "unknown", n),
            condition=_column(roads, "condition", "good", n),
            highway=_column(roads, "highway", "", n),
            foot=pd.Series(_column(roads, "foot", "", n)).astype(str).str.lower().to_numpy(dtype=object))

    def _project(self, geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Into the UTM zone of the area's centre: the flat projected vertices and per-segment offsets
        (no LineString kept, see lines_utm). Returns the lon/lat vertices and each one's segment."""
        n = self.n_seg
        if n:
            x0, y0, x1, y1 = shapely.total_bounds(geoms)
            centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
        else:
            centre = (0.0, 0.0)
        self._use_crs(utm_crs(*centre))
        coords, part = shapely.get_coordinates(geoms, return_index=True) if n else (
            np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        ux, uy = self.to_utm.transform(coords[:, 0], coords[:, 1]) if n else (coords[:, 0], coords[:, 1])
        self.coords_utm = np.column_stack([ux, uy])
        self.seg_offsets = np.searchsorted(part, np.arange(n + 1)).astype(
            np.int32 if len(part) < 2**31 - 1 else np.int64)
        return coords, part

    def _measure(self, coords: np.ndarray, part: np.ndarray) -> None:
        """Geodesic length: every consecutive vertex pair of every segment at once."""
        from pyproj import Geod

        n = self.n_seg
        self.length_m = np.zeros(n)
        if n:
            same = part[1:] == part[:-1]
            _, _, dist = Geod(ellps="WGS84").inv(coords[:-1, 0][same], coords[:-1, 1][same],
                                                 coords[1:, 0][same], coords[1:, 1][same])
            self.length_m = np.bincount(part[:-1][same], weights=dist, minlength=n)

    def _travel_times(self, classes: _RoadClasses) -> None:
        """Travel time per traveller (inf: that traveller does not use the road)."""
        cfg = self.config
        self.time_by_traveller = {
            name: _travel_time(cfg.traveller(name), self.length_m, classes.highway, classes.road_class,
                               classes.surface, classes.condition, classes.foot)
            for name in TRAVELLERS if name == "drive" or name in cfg.travellers}
        self.time_s = self.time_by_traveller["drive"]
        self.passable = np.isfinite(self.time_s)

    def _find_junctions(self, part: np.ndarray) -> None:
        """Nodes: segment endpoints hashed on a grid of node_tolerance_m (projected)."""
        n, utm_coords = self.n_seg, self.coords_utm
        if n:
            first = np.searchsorted(part, np.arange(n), side="left")
            last = np.searchsorted(part, np.arange(n), side="right") - 1
            ends = np.concatenate([utm_coords[first], utm_coords[last]])
        else:
            ends = np.zeros((0, 2))
        cells = np.floor(ends / max(self.config.node_tolerance_m, 1e-6)).astype(np.int64)
        cell_ids, node_of_end = np.unique(cells, axis=0, return_inverse=True) if n else (
            np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        node_of_end = node_of_end.ravel()
        self.n_nodes = len(cell_ids)
        self.seg_from = node_of_end[:n].astype(np.int64)
        self.seg_to = node_of_end[n:].astype(np.int64)
        # one representative (projected) position per node
        self.node_xy = np.zeros((self.n_nodes, 2))
        self.node_xy[node_of_end] = ends

    def _build_arcs(self) -> np.ndarray:
        """Arcs: direct for the first segment between a pair of junctions, via a mid node for the
        others; the forward and reverse CSR structures. Returns which segments are loops."""
        n = self.n_seg
        loop = self.seg_from == self.seg_to
        lo = np.minimum(self.seg_from, self.seg_to)
        hi = np.maximum(self.seg_from, self.seg_to)
        pair_key = lo * max(self.n_nodes, 1) + hi
        order = np.argsort(pair_key, kind="stable")
        dup_sorted = np.zeros(n, dtype=bool)
        if n:
            dup_sorted[1:] = pair_key[order][1:] == pair_key[order][:-1]
        parallel = np.zeros(n, dtype=bool)
        parallel[order] = dup_sorted
        parallel &= ~loop
        self.parallel = parallel
        mids = np.flatnonzero(parallel)
        self.mid_node = np.full(n, -1, dtype=np.int64)
        self.mid_node[mids] = self.n_nodes + np.arange(len(mids))
        self.n_total = self.n_nodes + len(mids)

        direct = ~loop & ~parallel
        # arcs both ways on every road: whether a traveller may use the second is a cost (one-way
        # binds drivers, not walkers), so the CSR structure stays fixed for every mode
        both = np.ones(n, dtype=bool)
        self.mid_seg = mids
        tails, heads, segs, dirs = [], [], [], []

        def add(mask: np.ndarray, t: np.ndarray, h: np.ndarray, d: int, carry: bool) -> None:
            idx = np.flatnonzero(mask)
            tails.append(t[idx])
            heads.append(h[idx])
            segs.append(idx if carry else np.full(len(idx), -1, dtype=np.int64))
            dirs.append(np.full(len(idx), d if carry else 0, dtype=np.int8))

        add(direct, self.seg_from, self.seg_to, 1, True)
        add(direct & both, self.seg_to, self.seg_from, -1, True)
        add(parallel, self.seg_from, self.mid_node, 1, True)
        add(parallel, self.mid_node, self.seg_to, 1, False)
        add(parallel & both, self.seg_to, self.mid_node, -1, True)
        add(parallel & both, self.mid_node, self.seg_from, -1, False)
        # arcs stored in the forward CSR's order (tail, head), so a query's arc costs are its data array
        # as they are; int32 indices (a country's network has far fewer than 2**31 arcs)
        tail, head = np.concatenate(tails), np.concatenate(heads)
        order = np.lexsort((head, tail))
        self.arc_tail = tail[order].astype(np.int32)
        self.arc_head = head[order].astype(np.int32)
        self.arc_seg = np.concatenate(segs)[order].astype(np.int32)
        self.arc_dir = np.concatenate(dirs)[order]
        # where each arc's cost is in [fwd costs, bwd costs, 0] (arc_costs: one gather per query)
        self.arc_src = np.where(self.arc_dir == 1, self.arc_seg, np.where(
            self.arc_dir == -1, self.arc_seg + n, 2 * n)).astype(np.int32 if 2 * n < 2**31 else np.int64)
        self.fwd = _Csr.build(self.arc_tail, self.arc_head, self.n_total)
        self.rev = _Csr.build(self.arc_head, self.arc_tail, self.n_total)
        return loop

    def _check_noding(self, loop: np.ndarray) -> NodingReport:
        import scipy.sparse
        from scipy.sparse.csgraph import connected_components
        from scipy.spatial import cKDTree

        cfg, n = self.config, self.n_seg
        degree = np.bincount(self.seg_from, minlength=self.n_nodes) + np.bincount(self.seg_to, minlength=self.n_nodes)
        dangling = np.flatnonzero(degree == 1)
        near = np.zeros((0, 2), dtype=np.int64)
        if self.n_nodes > 1:
            near = cKDTree(self.node_xy).query_pairs(cfg.near_miss_m, output_type="ndarray")
        degenerate = loop | (self.length_m <= 0)
        if len(near) and n:
            near = near[~self._joined_within(near, cfg.near_miss_joined_m)]
        if n:
            adjacency = scipy.sparse.coo_matrix(
                (np.ones(n), (self.seg_from, self.seg_to)), shape=(self.n_nodes, self.n_nodes))
            n_comp, labels = connected_components(adjacency, directed=False)
            seg_label = labels[self.seg_from]
            sizes = np.bincount(seg_label, minlength=n_comp)
        else:
            n_comp, seg_label, sizes = 0, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        ranking = np.argsort(-sizes, kind="stable")
        lonlat = self._node_lonlat

        # the segment touching each node, for naming it in the samples
        seg_at = np.full(self.n_nodes, -1, dtype=np.int64)
        seg_at[self.seg_to] = np.arange(n)
        seg_at[self.seg_from] = np.arange(n)

        def where(node: int) -> dict[str, Any]:
            lon, lat = lonlat(np.array([node]))
            seg = int(seg_at[node])
            return {"lon": round(float(lon[0]), 7), "lat": round(float(lat[0]), 7),
                    "road": self.road_uuids([seg])[0] if seg >= 0 else "",
                    "road_name": str(self._name_values[self._name_code[seg]] or "") if seg >= 0 else ""}

        near_sample = []
        if len(near):
            gap = np.linalg.norm(self.node_xy[near[:, 0]] - self.node_xy[near[:, 1]], axis=1)
            for i in np.argsort(gap)[:50]:
                # each side once: the end of one road, and the other road's end it misses (not joined
                # within near_miss_joined_m, so never two ends of one road)
                a, b = where(int(near[i, 0])), where(int(near[i, 1]))
                near_sample.append({**a, "other_road": b["road"], "other_road_name": b["road_name"],
                                    "other_lon": b["lon"], "other_lat": b["lat"], "gap_m": round(float(gap[i]), 3)})
        small = []
        for label in ranking[1:51]:
            seg = int(np.flatnonzero(seg_label == label)[0])
            small.append({**where(int(self.seg_from[seg])), "segments": int(sizes[label])})
        return NodingReport(
            segments=n, nodes=self.n_nodes,
            impassable=int(np.logical_and.reduce([~np.isfinite(t) for t in self.time_by_traveller.values()]).sum())
            if n else 0,
            oneway=int(self.oneway.sum()), degenerate=int(degenerate.sum()),
            parallel=int(self.parallel.sum()), dangling_ends=len(dangling), near_misses=len(near),
            components=int(n_comp),
            largest_component_share=float(sizes.max() / n) if n else 0.0,
            component_sizes=[int(s) for s in sizes[ranking[:10]]],
            dangling_sample=[where(int(v)) for v in dangling[:50]],
            near_miss_sample=near_sample, small_components_sample=small)

    def _joined_within(self, pairs: np.ndarray, metres: float) -> np.ndarray:
        """Bool per node pair: already joined by the network (either way, any road) within ``metres``;
        such ends are one short road's two ends or a small loop, not a digitising gap."""
        import scipy.sparse
        from scipy.sparse.csgraph import dijkstra

        m = self.n_nodes
        lengths = np.maximum(self.length_m, 1e-9)   # a zero-length road still joins its ends
        graph = scipy.sparse.coo_matrix((lengths, (self.seg_from, self.seg_to)), shape=(m, m)).tocsr()
        sources, inverse = np.unique(pairs[:, 0], return_inverse=True)
        joined = np.zeros(len(pairs), dtype=bool)
        block = max(1, 4_000_000 // max(m, 1))   # rows of n_nodes distances at a time: bounded memory
        for start in range(0, len(sources), block):
            rows = sources[start:start + block]
            dist = dijkstra(graph, directed=False, indices=rows, limit=metres)
            mine = (inverse >= start) & (inverse < start + len(rows))
            joined[mine] = dist[inverse[mine] - start, pairs[mine, 1]] <= metres
        return joined

    # ----------------------------------------------------------------- geometry on demand
    def coords_of(self, segs: Any) -> tuple[np.ndarray, np.ndarray]:
        """Projected vertices of segments and the position in ``segs`` of each (as
        ``shapely.get_coordinates(lines, return_index=True)``)."""
        segs = np.atleast_1d(np.asarray(segs, dtype=np.int64))
        start = self.seg_offsets[segs]
        counts = self.seg_offsets[segs + 1] - start
        row = np.repeat(np.arange(len(segs)), counts)
        first = np.cumsum(counts) - counts
        return self.coords_utm[start[row] + np.arange(len(row)) - first[row]], row

    def lines_utm(self, segs: Any) -> Any:
        """Projected LineStrings of segments (one for an int, an array for an array), built now."""
        scalar = np.ndim(segs) == 0
        segs = np.atleast_1d(np.asarray(segs, dtype=np.int64))
        if not len(segs):
            return np.zeros(0, dtype=object)
        coords, row = self.coords_of(segs)
        lines = shapely.linestrings(coords, indices=row)
        return lines[0] if scalar else lines

    def _build_index(self) -> None:
        """The cKDTree over the vertices, plus the vertices of longer segments segmentized to
        ``_INDEX_STEP_M`` (appended, with their segment in ``_extra_seg``); the tree's data array
        becomes ``coords_utm``, so the vertices are held once."""
        extra, owner = [np.zeros((0, 2))], [np.zeros(0, dtype=np.int32)]
        for start in range(0, self.n_seg, _CHUNK):
            segs = np.arange(start, min(self.n_seg, start + _CHUNK))
            lines = self.lines_utm(segs)
            dense = shapely.segmentize(lines, _INDEX_STEP_M)
            grown = np.flatnonzero(shapely.get_num_coordinates(dense) > shapely.get_num_coordinates(lines))
            if len(grown):
                coords, row = shapely.get_coordinates(dense[grown], return_index=True)
                extra.append(coords)
                owner.append(segs[grown][row].astype(np.int32))
        n_vertices = len(self.coords_utm)
        self._extra_seg = np.concatenate(owner)
        self._index = _vertex_index(np.concatenate([self.coords_utm, *extra]))
        self.coords_utm = self._index.data[:n_vertices]

    def _use_crs(self, crs: Any) -> None:
        """Work in ``crs`` (the area's UTM zone): a graph read back from the workspace sets it here too."""
        from pyproj import Transformer

        self.crs_utm = crs
        self.to_utm = Transformer.from_crs(4326, crs, always_xy=True)
        self.to_wgs84 = Transformer.from_crs(crs, 4326, always_xy=True)

    def _vertex_seg(self, vertex: np.ndarray) -> np.ndarray:
        """The segment of each index vertex."""
        vertex = np.asarray(vertex, dtype=np.int64)
        n_vertices = len(self.coords_utm)
        out = np.searchsorted(self.seg_offsets, vertex, side="right") - 1
        extra = vertex >= n_vertices
        out[extra] = self._extra_seg[vertex[extra] - n_vertices]
        return out

    def _ball_pairs(self, xy: np.ndarray, radius: np.ndarray, p: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
        """(query index, segment) pairs, unique and sorted: the segments with an index vertex within
        ``radius`` of each centre (``p`` the Minkowski norm: inf for a box)."""
        if not len(xy) or not self.n_seg:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        found = self._index.query_ball_point(xy, radius, p=p, return_sorted=False)
        sizes = np.fromiter((len(f) for f in found), dtype=np.int64, count=len(found))
        if not sizes.sum():
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        flat = np.concatenate([np.asarray(f, dtype=np.int64) for f in found if len(f)])
        qi = np.repeat(np.arange(len(found), dtype=np.int64), sizes)
        key = np.sort(qi * self.n_seg + self._vertex_seg(flat))
        key = key[np.r_[True, key[1:] != key[:-1]]]
        return key // self.n_seg, key % self.n_seg

    def _candidate_lines(self, segs: np.ndarray) -> np.ndarray:
        """LineStrings of many (repeated) candidate segments, each segment's built once."""
        unique, inverse = np.unique(segs, return_inverse=True)
        return self.lines_utm(unique)[inverse] if len(segs) else np.zeros(0, dtype=object)

    def query_segments(self, geoms: Any, predicate: str = "intersects") -> tuple[np.ndarray, np.ndarray]:
        """(geometry index, segment) pairs where ``predicate(geometry, segment)`` holds (as
        ``STRtree.query(geoms, predicate)`` over the segments); projected geometries."""
        geoms = np.atleast_1d(np.asarray(geoms, dtype=object))
        empty = np.zeros(0, dtype=np.int64)
        if not len(geoms) or not self.n_seg:
            return empty, empty
        bounds = shapely.bounds(geoms)
        ok = np.flatnonzero(np.isfinite(bounds).all(axis=1))
        centre = (bounds[ok, :2] + bounds[ok, 2:]) / 2.0
        radius = np.max((bounds[ok, 2:] - bounds[ok, :2]) / 2.0, axis=1) + _INDEX_STEP_M / 2.0 + 1e-6
        gi, si = self._ball_pairs(centre, radius, p=np.inf)
        gi = ok[gi]
        test = getattr(shapely, predicate)
        shapely.prepare(geoms)   # as STRtree.query does: each geometry is tested against many roads
        hit = np.zeros(len(gi), dtype=bool)
        for start in range(0, len(gi), _CHUNK):
            part = slice(start, start + _CHUNK)
            hit[part] = test(geoms[gi[part]], self._candidate_lines(si[part]))
        return gi[hit], si[hit]

    def _nearest(self, points: np.ndarray, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The nearest segment to each projected point and its distance (ties: the lowest segment)."""
        seg = np.zeros(len(points), dtype=np.int64)
        dist = np.zeros(len(points))
        for start in range(0, len(points), 20_000):
            part = slice(start, start + 20_000)
            p, q = points[part], xy[part]
            _, vertex = self._index.query(q)
            # an upper bound: the distance to the road of the nearest index vertex; every closer
            # road has an index vertex within half a step more
            bound = shapely.distance(p, self.lines_utm(self._vertex_seg(vertex)))
            pi, si = self._ball_pairs(q, bound + _INDEX_STEP_M / 2.0 + 1e-6)
            gap = shapely.distance(p[pi], self._candidate_lines(si))
            order = np.lexsort((si, gap, pi))
            first = order[np.r_[True, pi[order][1:] != pi[order][:-1]]]
            seg[start + pi[first]] = si[first]
            dist[start + pi[first]] = gap[first]
        return seg, dist

    def road_uuids(self, segs: Sequence[int] | np.ndarray) -> list[str]:
        """The road feature uuids of segments."""
        return [u.decode() for u in self._seg_uuid[np.asarray(segs, dtype=np.int64)]]

    @property
    def seg_uuid(self) -> np.ndarray:
        """Every segment's uuid as str (an object array built on demand: prefer :meth:`road_uuids`)."""
        return np.array(self.road_uuids(np.arange(self.n_seg)), dtype=object)

    @property
    def seg_name(self) -> np.ndarray:
        """Every segment's name (an object array built on demand from the compact codes)."""
        return self._name_values[self._name_code] if len(self._name_values) else np.full(self.n_seg, "", object)

    def _node_lonlat(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xy = self.node_xy[nodes]
        return self.to_wgs84.transform(xy[:, 0], xy[:, 1])

    # ----------------------------------------------------------------- points
    def snap(self, lon: np.ndarray, lat: np.ndarray, max_snap_m: float | None = None,
             usable: np.ndarray | None = None) -> Snap:
        """Snap points (degrees) to the nearest point of a road (projected distance); with ``usable``
        (bool per segment: the roads a traveller uses), the nearest such road."""
        lon = np.atleast_1d(np.asarray(lon, dtype=float))
        lat = np.atleast_1d(np.asarray(lat, dtype=float))
        k = len(lon)
        limit = self.config.max_snap_m if max_snap_m is None else max_snap_m
        seg = np.full(k, -1, dtype=np.int64)
        fraction = np.zeros(k)
        distance = np.full(k, np.inf)
        if self.n_seg and k:
            x, y = self.to_utm.transform(lon, lat)
            points = shapely.points(x, y)
            nearest, dist = self._nearest(points, np.column_stack([x, y]))
            where = (np.arange(k), nearest)
            seg[where[0]] = where[1]
            distance[where[0]] = dist
            if usable is not None and not usable[seg[where[0]]].all():
                # the nearest road is one this traveller does not use: the nearest usable within reach
                redo = where[0][~usable[seg[where[0]]]]
                xy = np.column_stack([x, y])[redo]
                pi, si = self._ball_pairs(xy, np.full(len(redo), limit + _INDEX_STEP_M / 2.0 + 1e-6))
                ok = usable[si]
                pi, si = pi[ok], si[ok]
                gap = shapely.distance(points[redo][pi], self._candidate_lines(si))
                ok = gap <= limit
                pi, si, gap = pi[ok], si[ok], gap[ok]
                seg[redo], distance[redo] = -1, np.inf
                order = np.lexsort((gap, pi))[::-1]   # per point, its nearest written last
                seg[redo[pi[order]]] = si[order]
                distance[redo[pi[order]]] = gap[order]
                where = (where[0][seg[where[0]] >= 0], None)
            lines = self.lines_utm(seg[where[0]])
            along = shapely.line_locate_point(lines, points[where[0]])
            with np.errstate(invalid="ignore", divide="ignore"):
                fraction[where[0]] = np.clip(np.nan_to_num(along / shapely.length(lines)), 0.0, 1.0)
        on = np.isfinite(distance) & (distance <= limit)
        seg = np.where(on, seg, -1)
        return Snap(seg, fraction, distance, on)

    def snapped_xy(self, snap: Snap) -> np.ndarray:
        """Projected coordinates of the snapped points (nan where off network)."""
        out = np.full((len(snap), 2), np.nan)
        on = np.flatnonzero(snap.on_network)
        if len(on):
            points = shapely.line_interpolate_point(self.lines_utm(snap.seg[on]), snap.fraction[on], normalized=True)
            out[on] = shapely.get_coordinates(points)
        return out

    # ----------------------------------------------------------------- danger
    def danger(self, zones: gpd.GeoDataFrame | None) -> Danger:
        """Intersect danger zones (EPSG:4326, a ``severity`` column) with every segment at once."""
        if zones is None or len(zones) == 0 or self.n_seg == 0:
            return Danger.none()
        # the same zones again (a planner's next route against the same picture): reuse the last
        # intersection; the key is the zones' content, not the frame's identity
        import hashlib

        geoms = np.asarray(zones.geometry.values, dtype=object)
        digest = hashlib.blake2b(b"".join(shapely.to_wkb(geoms).tolist()), digest_size=16)
        for name in ("uuid", "name", "hazard", "severity"):
            digest.update(repr(_column(zones, name, "", len(zones)).tolist()).encode())
        key = digest.hexdigest()
        cached = getattr(self, "_danger_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        danger = self._danger(zones, geoms)
        self._danger_cache = (key, danger)
        return danger

    def _danger(self, zones: gpd.GeoDataFrame, geoms: np.ndarray) -> Danger:
        zones_utm = self.project(geoms)
        zone_idx, seg_idx = self.query_segments(zones_utm, "intersects")
        info = pd.DataFrame({
            "uuid": _column(zones, "uuid", "", len(zones)),
            "name": _column(zones, "name", "", len(zones)),
            "hazard": _column(zones, "hazard", "", len(zones)),
            "severity": pd.to_numeric(pd.Series(_column(zones, "severity", 0, len(zones))),
                                      errors="coerce").fillna(0).astype(int).to_numpy(),
        })
        return Danger(info, zones_utm, zone_idx.astype(np.int64), seg_idx.astype(np.int64))

    def segment_costs(self, mode: str, danger: Danger | None = None, block_severity: int | None = -1,
                      exempt_zones: Sequence[int] = ()) -> SegmentCosts:
        """Costs per segment and direction for ``mode`` (traveller and objective, :func:`split_mode`);
        ``block_severity`` -1 = the configured one, None or 0 = never block. ``exempt_zones`` (zone
        indices) do not block (a route leaves the zone it starts in), though they still weigh in safest
        mode. A blocked segment is inf both ways; the parts of it outside its blocking zones stay usable
        for a place snapped onto them (:meth:`leg_costs`).

        The last costs are kept for the same question (mode, the same Danger object — the danger
        of the same zones is itself kept — threshold, exempt zones): a planner's next route against
        the same picture skips this and the arc costs. Their arrays are read-only, so a caller that
        changes costs (alternative routes) works on copies."""
        key = (mode, block_severity, tuple(int(z) for z in exempt_zones))
        kept = self.__dict__.get("_costs_kept")
        if kept is not None and kept[0] == key and kept[1] is danger:
            return kept[2]
        costs = self._segment_costs(mode, danger, block_severity, exempt_zones)
        for array in (costs.fwd, costs.bwd, costs.blocked, costs.open_fwd, costs.open_bwd):
            if array is not None:
                array.flags.writeable = False
        self._costs_kept = (key, danger, costs)
        return costs

    def _segment_costs(self, mode: str, danger: Danger | None, block_severity: int | None,
                       exempt_zones: Sequence[int]) -> SegmentCosts:
        traveller, objective = split_mode(mode)
        if traveller not in self.time_by_traveller:
            raise AnalysisError(f"the routing configuration has no [modes.{traveller}] section")
        time_s = self.time_by_traveller[traveller]
        danger = danger or Danger.none()
        threshold = self.config.block_severity if block_severity == -1 else (block_severity or 0)
        base = np.where(np.isfinite(time_s), self.length_m, np.inf) if objective == "length" else time_s.copy()
        severity = danger.segment_severity(self.n_seg) if len(danger.pair_seg) else None
        if objective == "safest" and severity is not None:
            table = np.ones(max(6, int(severity.max()) + 1))
            for level, factor in self.config.severity_factor.items():
                if 0 <= level < len(table):
                    table[level] = factor
            touched = np.flatnonzero(severity)   # only the segments a zone touches change
            base[touched] *= table[severity[touched]]
        blocked = np.zeros(self.n_seg, dtype=bool)
        zones_utm, pair_seg = None, None
        if threshold > 0 and severity is not None:
            worst = danger.segment_severity(self.n_seg, exempt_zones) if len(exempt_zones) else severity
            blocked = worst >= threshold
            sev = danger.zones["severity"].to_numpy(dtype=np.int64)[danger.pair_zone]
            keep = (sev >= threshold) & ~np.isin(danger.pair_zone, np.asarray(exempt_zones, dtype=np.int64))
            zones_utm, pair_seg = danger.zones_utm[danger.pair_zone[keep]], danger.pair_seg[keep]
        oneway = self.oneway_foot if self.config.traveller(traveller).oneway == "foot" else self.oneway
        open_fwd = base
        open_bwd = np.where(oneway, np.inf, base)
        shut = np.flatnonzero(blocked)   # few: copy and close them rather than a full where
        fwd, bwd = open_fwd.copy(), open_bwd.copy()
        fwd[shut] = np.inf
        bwd[shut] = np.inf
        return SegmentCosts(fwd, bwd, blocked, time_s, open_fwd, open_bwd, zones_utm, pair_seg, traveller, objective)

    def usable(self, mode: str) -> np.ndarray:
        """Bool per segment: the roads the mode's traveller uses (places snap onto these only)."""
        traveller, _ = split_mode(mode)
        return np.isfinite(self.time_by_traveller.get(traveller, self.time_s))

    def free_spans(self, costs: SegmentCosts, segs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each segment in ``segs``: the fraction up to which it is outside its blocking zones from
        its first vertex, and the fraction from which it is outside them to its last (1 and 0 when it is
        not blocked). The segment is cut at the zones' boundaries with shapely, for these segments only."""
        segs = np.asarray(segs, dtype=np.int64)
        free_to, free_from = np.ones(len(segs)), np.zeros(len(segs))
        if costs.blocking_seg is None or not len(segs) or not costs.blocked[segs].any():
            return free_to, free_from
        pairs = np.flatnonzero(np.isin(costs.blocking_seg, segs[costs.blocked[segs]]))
        seg_of_pair = costs.blocking_seg[pairs]
        lines = self.lines_utm(seg_of_pair)
        inside = shapely.intersection(lines, costs.blocking_zones[pairs])
        coords, which = shapely.get_coordinates(inside, return_index=True)
        if len(coords):
            at = shapely.line_locate_point(lines[which], shapely.points(coords), normalized=True)
            # fold per segment (few segments: a dict is cheaper than n_seg-sized arrays)
            low: dict[int, float] = {}
            high: dict[int, float] = {}
            for seg, f in zip(seg_of_pair[which].tolist(), at.tolist(), strict=True):
                low[seg] = min(low.get(seg, 2.0), f)
                high[seg] = max(high.get(seg, -1.0), f)
            for i, seg in enumerate(segs.tolist()):
                if seg in low:
                    free_to[i], free_from[i] = low[seg], high[seg]
        return free_to, free_from

    def leg_costs(self, costs: SegmentCosts, segs: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Cost of travelling each segment from fraction ``a`` to fraction ``b`` of it: inf where that
        stretch enters one of its blocking zones or runs against a one-way the traveller keeps to."""
        segs = np.asarray(segs, dtype=np.int64)
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        open_fwd = costs.fwd if costs.open_fwd is None else costs.open_fwd
        open_bwd = costs.bwd if costs.open_bwd is None else costs.open_bwd
        forward = b >= a
        per = np.where(forward, open_fwd[segs], open_bwd[segs])
        share = np.abs(b - a)
        free_to, free_from = self.free_spans(costs, segs)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        ok = (hi <= free_to) | (lo >= free_from) | (share <= 0)
        with np.errstate(invalid="ignore"):
            return np.where(ok, np.where(share > 0, share * per, 0.0), np.inf)

    def arc_costs(self, costs: SegmentCosts) -> np.ndarray:
        """Cost per arc (zero for the second half of a parallel segment); kept for the last
        read-only costs (see :meth:`segment_costs`), never for costs a caller may still change."""
        kept = self.__dict__.get("_arc_kept")
        if kept is not None and kept[0] is costs:
            return kept[1]
        # one gather through the build-time index (forward costs, then backward, then a zero)
        arc = np.concatenate([costs.fwd, costs.bwd, [0.0]])[self.arc_src]
        if not costs.fwd.flags.writeable and not costs.bwd.flags.writeable:
            arc.flags.writeable = False
            self._arc_kept = (costs, arc)
        return arc

    def arc_ids(self, tails: np.ndarray, heads: np.ndarray) -> np.ndarray:
        """The arc for each (tail, head) node pair, -1 where there is none."""
        # arcs are in CSR order: scan each tail's row (a few arcs at a junction), all pairs at once;
        # no n_arcs-sized key index kept for this
        tails = np.asarray(tails, dtype=np.int64)
        heads = np.asarray(heads, dtype=np.int64)
        out = np.full(len(tails), -1, dtype=np.int64)
        if not len(tails) or not len(self.arc_head):
            return out
        start = self.fwd.indptr[tails].astype(np.int64)
        degree = self.fwd.indptr[tails + 1] - start
        pending = np.flatnonzero(degree > 0)
        step = 0
        while len(pending):
            pos = start[pending] + step
            hit = self.arc_head[pos] == heads[pending]
            out[pending[hit]] = pos[hit]
            step += 1
            pending = pending[~hit & (degree[pending] > step)]
        return out

    # ----------------------------------------------------------------- one path
    def shortest_path(self, start: Snap, end: Snap, costs: SegmentCosts,
                      arc_cost: np.ndarray | None = None) -> RoadPath | None:
        """Least-cost path between two snapped points (each a one-element Snap); None if none.
        A* on the CSR arrays (:mod:`humanops.analysis.point_to_point`), stopping near the target."""
        from humanops.analysis.point_to_point import search

        s, fs = int(start.seg[0]), float(start.fraction[0])
        t, ft = int(end.seg[0]), float(end.fraction[0])
        if arc_cost is None:
            arc_cost = self.arc_costs(costs)
        # the ways off the start's segment and onto the end's: only the parts outside blocking zones
        out_nodes = np.array([self.seg_to[s], self.seg_from[s]])
        out_costs = self.leg_costs(costs, np.array([s, s]), np.array([fs, fs]), np.array([1.0, 0.0]))
        in_nodes = np.array([self.seg_from[t], self.seg_to[t]])
        in_costs = self.leg_costs(costs, np.array([t, t]), np.array([0.0, 1.0]), np.array([ft, ft]))
        direct = float(self.leg_costs(costs, np.array([s]), np.array([fs]), np.array([ft]))[0]) if s == t else np.inf
        keep = np.isfinite(out_costs)
        found = None
        if keep.any() and np.isfinite(in_costs).any():
            found = search(self, costs, arc_cost, out_nodes[keep], out_costs[keep], in_nodes, in_costs)
        best_cost = found.cost if found is not None else np.inf
        if direct <= best_cost and np.isfinite(direct):
            return RoadPath(np.array([s]), np.array([ft >= fs]), fs, ft, float(direct))
        if found is None or not np.isfinite(best_cost):
            return None
        nodes = _trace(found.pred, found.node, self.n_total)
        segs, forward = self._segments_of(nodes[1:])
        first_forward = nodes[1] == self.seg_to[s] and (nodes[1] != self.seg_from[s] or
                                                          out_costs[0] <= out_costs[1])
        segs = np.concatenate([[s], segs, [t]]).astype(np.int64)
        forward = np.concatenate([[first_forward], forward, [found.target_index == 0]]).astype(bool)
        return RoadPath(segs, forward, fs, ft, float(best_cost)).trimmed()

    def _segments_of(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Segments and directions travelled along a node sequence (mid-node halves dropped)."""
        if len(nodes) < 2:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        arcs = self.arc_ids(nodes[:-1], nodes[1:])
        arcs = arcs[arcs >= 0]
        carry = self.arc_seg[arcs] >= 0
        return self.arc_seg[arcs][carry], self.arc_dir[arcs][carry] == 1

    # ----------------------------------------------------------------- path measures
    def path_measures(self, path: RoadPath, costs: SegmentCosts | None = None) -> tuple[float, float]:
        """(length m, time s) of a path, partial first and last segments included; the time is the
        traveller's of ``costs`` (driving without)."""
        share = self._shares(path)
        time_s = self.time_s if costs is None else costs.times(self)
        return float((self.length_m[path.segs] * share).sum()), float((time_s[path.segs] * share).sum())

    def _shares(self, path: RoadPath) -> np.ndarray:
        share = np.ones(len(path.segs))
        if len(path.segs) == 1:
            share[0] = abs(path.end_fraction - path.start_fraction)
            return share
        share[0] = (1 - path.start_fraction) if path.forward[0] else path.start_fraction
        share[-1] = path.end_fraction if path.forward[-1] else (1 - path.end_fraction)
        return share

    def path_geometry_utm(self, path: RoadPath) -> shapely.LineString:
        """The path as one projected LineString in travel order."""
        from shapely.ops import substring

        def end_piece(i: int) -> np.ndarray:   # the first or last segment: the part travelled
            line = self.lines_utm(int(path.segs[i]))
            length = shapely.length(line)
            a, b = (0.0, length) if path.forward[i] else (length, 0.0)
            if i == 0:
                a = path.start_fraction * length
            if i == len(path.segs) - 1:
                b = path.end_fraction * length
            return shapely.get_coordinates(substring(line, a, b))

        if not len(path.segs):
            return shapely.linestrings(np.zeros((2, 2)))
        pieces = [end_piece(0)]
        if len(path.segs) > 2:   # the whole segments between, each in travel order, in one gather
            coords, row = self.coords_of(path.segs[1:-1])
            first = np.searchsorted(row, row, side="left")
            count = np.bincount(row)[row]
            k = np.arange(len(row)) - first
            pieces.append(coords[first + np.where(path.forward[1:-1][row], k, count - 1 - k)])
        if len(path.segs) > 1:
            pieces.append(end_piece(len(path.segs) - 1))
        coords = np.concatenate(pieces)
        keep = np.ones(len(coords), dtype=bool)
        keep[1:] = np.any(np.abs(np.diff(coords, axis=0)) > 1e-9, axis=1)
        coords = coords[keep]
        if len(coords) == 1:
            coords = np.vstack([coords, coords])
        return shapely.linestrings(coords)

    def to_lonlat(self, geometry_utm: Any) -> Any:
        """Projected geometries (one or an array) back to EPSG:4326, every vertex in one call."""
        return shapely.transform(geometry_utm, lambda c: np.column_stack(self.to_wgs84.transform(c[:, 0], c[:, 1])))

    def project(self, geometry: Any) -> Any:
        """EPSG:4326 geometries (one or an array) into the graph's UTM zone."""
        return shapely.transform(geometry, lambda c: np.column_stack(self.to_utm.transform(c[:, 0], c[:, 1])))

    # ----------------------------------------------------------------- many to many
    def cost_matrix(self, origins: Snap, destinations: Snap, costs: SegmentCosts, **options: Any) -> CostMatrix:
        """Least costs (and times) from every origin to every destination: see
        :func:`humanops.analysis.travel_costs.cost_matrix`."""
        from humanops.analysis.travel_costs import cost_matrix

        return cost_matrix(self, origins, destinations, costs, **options)


# --------------------------------------------------------------------------- helpers

_CACHE: dict[tuple, RoadGraph] = {}


def _vertex_index(points: np.ndarray) -> Any:
    """The cKDTree of :meth:`RoadGraph._build_index` over ``points`` (also for a graph read back)."""
    from scipy.spatial import cKDTree

    return cKDTree(points, leafsize=64, balanced_tree=False)


def _release_free_memory() -> None:
    """Hand the build's freed temporaries back to the system (glibc keeps freed heap memory
    otherwise: hundreds of MB of resident memory the graph does not hold); elsewhere a no-op."""
    import contextlib
    import ctypes
    import ctypes.util
    import gc
    import sys

    if not sys.platform.startswith("linux"):
        return
    # The young generations only: a full collection walked every object of the process (88-169 ms
    # holding the GIL, the GUI thread waiting) and found nothing more: the build's temporaries go
    # by reference counting (a 1,000,000-road graph: 289 MB resident after either, found 0 objects).
    gc.collect(1)
    with contextlib.suppress(OSError, AttributeError):   # not glibc (musl): nothing to do
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _part(share: Any, cost: Any) -> Any:
    """``share * cost`` where a zero share of an untravellable road costs nothing (not nan)."""
    with np.errstate(invalid="ignore"):
        return np.where(np.asarray(share) > 0, np.asarray(share) * cost, 0.0)


def _trace(pred: np.ndarray, node: int, root: int) -> np.ndarray:
    """Nodes from ``root`` to ``node`` along a predecessor array."""
    out = [node]
    while node != root:
        node = int(pred[node])
        if node < 0 or len(out) > len(pred):   # no root, or a loop: never a path
            raise AnalysisError("internal: broken predecessor chain")
        out.append(node)
    return np.array(out[::-1], dtype=np.int64)


def _travel_time(traveller: TravellerConfig, length_m: np.ndarray, highway: np.ndarray, road_class: np.ndarray,
                 surface: np.ndarray, condition: np.ndarray, foot: np.ndarray) -> np.ndarray:
    """Seconds per segment for one traveller: speed by highway type, else by road class (unlisted or 0:
    inf, not used), times the surface and condition factors; foot=yes/no where the traveller honours it."""
    by_type = pd.Series(highway).map(traveller.speeds_kmh)
    by_class = pd.Series(road_class).map(traveller.speeds_kmh)
    speed = by_type.where(by_type.notna(), by_class).fillna(0.0).to_numpy(float)
    if traveller.honours_foot_tag:
        speed = np.where((foot == "yes") & (speed <= 0), traveller.foot_allowed_kmh, speed)
        speed = np.where(foot == "no", 0.0, speed)
    speed = speed * pd.Series(surface).map(traveller.surface_factor).fillna(1.0).to_numpy(float)
    speed = speed * pd.Series(condition).map(traveller.condition_factor).fillna(1.0).to_numpy(float)
    with np.errstate(divide="ignore"):
        return np.where(speed > 0, length_m / (np.maximum(speed, 1e-9) / 3.6), np.inf)


@dataclass(frozen=True)
class _RoadClasses:
    """Per segment, the fields only the travel times read (kept no longer than the build)."""

    road_class: np.ndarray
    surface: np.ndarray
    condition: np.ndarray
    highway: np.ndarray
    foot: np.ndarray


def _road_lines(roads: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """The roads in EPSG:4326 with a LineString each (missing, empty or other shapes left out)."""
    if roads.crs is not None and roads.crs.to_epsg() != 4326:
        roads = roads.to_crs(4326)
    geoms = np.asarray(roads.geometry.values, dtype=object)
    if len(geoms):
        keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        keep &= shapely.get_type_id(geoms) == 1
        if not keep.all():
            roads, geoms = roads[keep], geoms[keep]
    return roads, geoms


def _column(frame: pd.DataFrame, name: str, default: Any, n: int) -> np.ndarray:
    if name not in frame.columns:
        return np.full(n, default, dtype=object)
    series = frame[name]
    return series.astype(object).where(series.notna(), default).to_numpy(dtype=object)


def _bool_column(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in frame.columns:
        return np.zeros(n, dtype=bool)
    values = frame[name]
    if values.dtype == bool:
        return values.to_numpy()
    def truth(v: Any) -> bool:
        if isinstance(v, bool | np.bool_ | int | float | np.number):
            return bool(v == v and v != 0)   # nan (missing) is false
        return str(v).strip().lower() in ("1", "true", "yes", "-1")

    return values.astype(object).where(values.notna(), False).map(truth).to_numpy(dtype=bool)
