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
* A shapely STRtree of the segments (projected) serves snapping and danger-zone queries.

Query: danger zones valid at time t are intersected with the segments in one bulk STRtree query
(:meth:`RoadGraph.danger`); :meth:`RoadGraph.segment_costs` turns that into per-direction costs:
zones at or above the blocking severity remove the edges they touch (cost inf), in ``safest``
mode the others multiply the travel time by their severity factor. Shortest paths run in
``scipy.sparse.csgraph.dijkstra`` on a CSR matrix whose structure is fixed at build time, so a
query only rewrites the ``data`` array. Points are snapped to the nearest point of a segment and
join the graph through a virtual node, with partial costs for the part of the segment travelled.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from humanops.analysis.projection import utm_crs
from humanops.errors import AnalysisError

if TYPE_CHECKING:
    import geopandas as gpd
    import scipy.sparse

    from humanops.analysis.travel_costs import CostMatrix
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

MODES = ("fastest", "safest", "length")


# --------------------------------------------------------------------------- configuration


def resources_dir() -> Path:
    """``$HUMANOPS_RESOURCES`` or ``resources/`` beside the package."""
    override = os.environ.get("HUMANOPS_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent.parent / "resources"


@dataclass(frozen=True)
class RoutingConfig:
    """Speeds, factors and danger treatment (``resources/routing/speeds.toml``)."""

    speeds_kmh: dict[str, float]
    surface_factor: dict[str, float]
    condition_factor: dict[str, float]
    block_severity: int = 5
    severity_factor: dict[int, float] = field(default_factory=dict)
    node_tolerance_m: float = 0.5
    near_miss_m: float = 5.0
    max_snap_m: float = 1000.0
    access_speed_kmh: float = 4.0
    alternative_penalty: float = 1.6
    alternative_max_overlap: float = 0.7
    default_speed_kmh: float = 30.0

    def factor(self, severity: int) -> float:
        return float(self.severity_factor.get(int(severity), 1.0))


def load_routing_config(path: str | Path | None = None) -> RoutingConfig:
    """Read the routing configuration; a malformed file is an AnalysisError naming it."""
    path = Path(path) if path else resources_dir() / "routing" / "speeds.toml"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AnalysisError(f"cannot read routing configuration: {exc.strerror}", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise AnalysisError(f"not valid TOML: {exc}", file=str(path)) from None

    def numbers(section: str, *, keys_int: bool = False, positive: bool = True) -> dict[Any, float]:
        table = doc.get(section, {}) if "." not in section else doc.get("danger", {}).get("cost_factor", {})
        out: dict[Any, float] = {}
        for key, value in table.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (
                    positive and value == 0):
                raise AnalysisError(f"{section}.{key} must be a {'positive' if positive else 'non-negative'} "
                                    f"number, got {value!r}", file=str(path))
            out[int(key) if keys_int else key] = float(value)
        return out

    danger = doc.get("danger", {})
    network = doc.get("network", {})
    alternatives = doc.get("alternatives", {})
    factors = numbers("danger.cost_factor", keys_int=True)
    if any(f < 1 for f in factors.values()):
        raise AnalysisError("danger.cost_factor values must be >= 1 (a danger zone never makes a road cheaper)",
                            file=str(path))
    try:
        return RoutingConfig(
            speeds_kmh=numbers("speeds_kmh"),
            surface_factor=numbers("surface_factor"),
            condition_factor=numbers("condition_factor", positive=False),
            block_severity=int(danger.get("block_severity", 5)),
            severity_factor=factors,
            node_tolerance_m=float(network.get("node_tolerance_m", 0.5)),
            near_miss_m=float(network.get("near_miss_m", 5.0)),
            max_snap_m=float(network.get("max_snap_m", 1000.0)),
            access_speed_kmh=float(network.get("access_speed_kmh", 4.0)),
            alternative_penalty=float(alternatives.get("penalty", 1.6)),
            alternative_max_overlap=float(alternatives.get("max_overlap", 0.7)),
        )
    except (TypeError, ValueError) as exc:
        raise AnalysisError(f"bad value: {exc}", file=str(path)) from None


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
    order: np.ndarray

    @classmethod
    def build(cls, tails: np.ndarray, heads: np.ndarray, n: int) -> _Csr:
        order = np.lexsort((heads, tails))
        counts = np.bincount(tails, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, heads[order].astype(np.int32), order)

    def matrix(self, arc_cost: np.ndarray, extra: list[tuple[np.ndarray, np.ndarray]] | None = None,
               ) -> scipy.sparse.csr_matrix:
        """The matrix for one query; ``extra`` rows (virtual nodes) are appended at the end."""
        import scipy.sparse

        data = arc_cost[self.order]
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
        """The graph of the workspace's ``road`` layer, built once per state of the layer."""
        key = (str(Path(workspace.path).resolve()), workspace.workspace_id, workspace.last_change_seq("road"),
               workspace.count("road"), id(config))
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        roads = workspace.read_layer("road", columns=[
            "uuid", "name", "road_class", "surface", "condition", "oneway", "bridge", "tunnel"])
        graph = cls.from_frame(roads, config, feedback)
        _CACHE.clear()  # one network at a time: a graph of a million roads is hundreds of MB
        _CACHE[key] = graph
        return graph

    @classmethod
    def from_frame(cls, roads: gpd.GeoDataFrame, config: RoutingConfig | None = None,
                   feedback: Feedback | None = None) -> RoadGraph:
        """Build from a GeoDataFrame of road segments (EPSG:4326 LineStrings, road kind fields)."""
        from pyproj import Geod, Transformer

        from humanops.feedback import Feedback as _Feedback

        feedback = feedback or _Feedback()
        self = cls()
        self.config = config or load_routing_config()
        cfg = self.config
        feedback.progress(0.0, "reading roads")
        if roads.crs is not None and roads.crs.to_epsg() != 4326:
            roads = roads.to_crs(4326)
        geoms = np.asarray(roads.geometry.values, dtype=object)
        if len(geoms):
            keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
            keep &= shapely.get_type_id(geoms) == 1
            if not keep.all():
                roads, geoms = roads[keep], geoms[keep]
        n = len(geoms)
        self.n_seg = n
        self.seg_uuid = _column(roads, "uuid", "", n).astype(object)
        self.seg_name = _column(roads, "name", "", n).astype(object)
        self.seg_class = _column(roads, "road_class", "unclassified", n).astype(object)
        surface = _column(roads, "surface", "unknown", n)
        condition = _column(roads, "condition", "good", n)
        self.oneway = _bool_column(roads, "oneway", n)
        self.bridge = _bool_column(roads, "bridge", n)
        self.tunnel = _bool_column(roads, "tunnel", n)

        # projection for the area: its centre's UTM zone
        if n:
            x0, y0, x1, y1 = shapely.total_bounds(geoms)
            centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
        else:
            centre = (0.0, 0.0)
        self.crs_utm = utm_crs(*centre)
        self.to_utm = Transformer.from_crs(4326, self.crs_utm, always_xy=True)
        self.to_wgs84 = Transformer.from_crs(self.crs_utm, 4326, always_xy=True)
        feedback.progress(0.1, "projecting roads")
        coords, part = shapely.get_coordinates(geoms, return_index=True) if n else (
            np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        ux, uy = self.to_utm.transform(coords[:, 0], coords[:, 1]) if n else (coords[:, 0], coords[:, 1])
        utm_coords = np.column_stack([ux, uy])
        self.geoms_utm = shapely.linestrings(utm_coords, indices=part) if n else np.zeros(0, dtype=object)
        self.length_utm = shapely.length(self.geoms_utm) if n else np.zeros(0)

        # geodesic length: every consecutive vertex pair of every segment at once
        feedback.progress(0.3, "measuring roads")
        self.length_m = np.zeros(n)
        if n:
            same = part[1:] == part[:-1]
            _, _, dist = Geod(ellps="WGS84").inv(coords[:-1, 0][same], coords[:-1, 1][same],
                                                 coords[1:, 0][same], coords[1:, 1][same])
            self.length_m = np.bincount(part[:-1][same], weights=dist, minlength=n)

        # travel time
        speed = pd.Series(self.seg_class).map(cfg.speeds_kmh).fillna(cfg.default_speed_kmh).to_numpy(float)
        speed = speed * pd.Series(surface).map(cfg.surface_factor).fillna(1.0).to_numpy(float)
        speed = speed * pd.Series(condition).map(cfg.condition_factor).fillna(1.0).to_numpy(float)
        self.passable = speed > 0
        with np.errstate(divide="ignore"):
            self.time_s = np.where(self.passable, self.length_m / (np.maximum(speed, 1e-9) / 3.6), np.inf)

        # nodes: endpoints hashed on a grid of node_tolerance_m (projected)
        feedback.progress(0.45, "finding junctions")
        if n:
            first = np.searchsorted(part, np.arange(n), side="left")
            last = np.searchsorted(part, np.arange(n), side="right") - 1
            ends = np.concatenate([utm_coords[first], utm_coords[last]])
        else:
            ends = np.zeros((0, 2))
        cells = np.floor(ends / max(cfg.node_tolerance_m, 1e-6)).astype(np.int64)
        cell_ids, node_of_end = np.unique(cells, axis=0, return_inverse=True) if n else (
            np.zeros((0, 2)), np.zeros(0, dtype=np.int64))
        node_of_end = node_of_end.ravel()
        self.n_nodes = len(cell_ids)
        self.seg_from = node_of_end[:n].astype(np.int64)
        self.seg_to = node_of_end[n:].astype(np.int64)
        # one representative (projected) position per node
        self.node_xy = np.zeros((self.n_nodes, 2))
        self.node_xy[node_of_end] = ends

        # arcs: direct for the first segment between a pair of junctions, via a mid node for the others
        feedback.progress(0.55, "building the graph")
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
        both = ~self.oneway
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
        self.arc_tail = np.concatenate(tails).astype(np.int64)
        self.arc_head = np.concatenate(heads).astype(np.int64)
        self.arc_seg = np.concatenate(segs).astype(np.int64)
        self.arc_dir = np.concatenate(dirs)
        self.fwd = _Csr.build(self.arc_tail, self.arc_head, self.n_total)
        self.rev = _Csr.build(self.arc_head, self.arc_tail, self.n_total)
        keys = self.arc_tail * self.n_total + self.arc_head
        self._key_order = np.argsort(keys)
        self._keys_sorted = keys[self._key_order]

        feedback.progress(0.7, "indexing roads")
        self.tree = shapely.STRtree(self.geoms_utm)
        feedback.progress(0.85, "checking noding")
        self.noding = self._check_noding(loop)
        feedback.progress(1.0, "road graph ready")
        return self

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
                    "road": str(self.seg_uuid[seg]) if seg >= 0 else ""}

        near_sample = []
        if len(near):
            gap = np.linalg.norm(self.node_xy[near[:, 0]] - self.node_xy[near[:, 1]], axis=1)
            for i in np.argsort(gap)[:50]:
                a, b = int(near[i, 0]), int(near[i, 1])
                near_sample.append({**where(a), "other_road": where(b)["road"],
                                    "gap_m": round(float(gap[i]), 3)})
        small = []
        for label in ranking[1:51]:
            seg = int(np.flatnonzero(seg_label == label)[0])
            small.append({**where(int(self.seg_from[seg])), "segments": int(sizes[label])})
        return NodingReport(
            segments=n, nodes=self.n_nodes, impassable=int((~self.passable).sum()),
            oneway=int(self.oneway.sum()), degenerate=int(degenerate.sum()),
            parallel=int(self.parallel.sum()), dangling_ends=len(dangling), near_misses=len(near),
            components=int(n_comp),
            largest_component_share=float(sizes.max() / n) if n else 0.0,
            component_sizes=[int(s) for s in sizes[ranking[:10]]],
            dangling_sample=[where(int(v)) for v in dangling[:50]],
            near_miss_sample=near_sample, small_components_sample=small)

    def _node_lonlat(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xy = self.node_xy[nodes]
        return self.to_wgs84.transform(xy[:, 0], xy[:, 1])

    # ----------------------------------------------------------------- points
    def snap(self, lon: np.ndarray, lat: np.ndarray, max_snap_m: float | None = None) -> Snap:
        """Snap points (degrees) to the nearest point of a road (projected distance)."""
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
            where, dist = self.tree.query_nearest(points, return_distance=True, all_matches=False)
            seg[where[0]] = where[1]
            distance[where[0]] = dist
            along = shapely.line_locate_point(self.geoms_utm[seg[where[0]]], points[where[0]])
            with np.errstate(invalid="ignore", divide="ignore"):
                fraction[where[0]] = np.clip(np.nan_to_num(along / self.length_utm[seg[where[0]]]), 0.0, 1.0)
        on = np.isfinite(distance) & (distance <= limit)
        seg = np.where(on, seg, -1)
        return Snap(seg, fraction, distance, on)

    def snapped_xy(self, snap: Snap) -> np.ndarray:
        """Projected coordinates of the snapped points (nan where off network)."""
        out = np.full((len(snap), 2), np.nan)
        on = np.flatnonzero(snap.on_network)
        if len(on):
            points = shapely.line_interpolate_point(self.geoms_utm[snap.seg[on]], snap.fraction[on], normalized=True)
            out[on] = shapely.get_coordinates(points)
        return out

    # ----------------------------------------------------------------- danger
    def danger(self, zones: gpd.GeoDataFrame | None) -> Danger:
        """Intersect danger zones (EPSG:4326, a ``severity`` column) with every segment at once."""
        if zones is None or len(zones) == 0 or self.n_seg == 0:
            return Danger.none()
        zones_utm = self.project(np.asarray(zones.geometry.values, dtype=object))
        zone_idx, seg_idx = self.tree.query(zones_utm, predicate="intersects")
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
        """Costs per segment and direction for ``mode``; ``block_severity`` -1 = the configured
        one, None or 0 = never block. ``exempt_zones`` (zone indices) do not block (a route leaves
        the zone it starts in), though they still weigh in safest mode."""
        if mode not in MODES:
            raise AnalysisError(f"unknown routing mode {mode!r} (expected one of {', '.join(MODES)})")
        danger = danger or Danger.none()
        threshold = self.config.block_severity if block_severity == -1 else (block_severity or 0)
        base = np.where(self.passable, self.length_m, np.inf) if mode == "length" else self.time_s.copy()
        if mode == "safest" and len(danger.pair_seg):
            severity = danger.segment_severity(self.n_seg)
            table = np.ones(max(6, int(severity.max()) + 1))
            for level, factor in self.config.severity_factor.items():
                if 0 <= level < len(table):
                    table[level] = factor
            base = base * table[severity]
        blocked = np.zeros(self.n_seg, dtype=bool)
        if threshold > 0 and len(danger.pair_seg):
            blocked = danger.segment_severity(self.n_seg, exempt_zones) >= threshold
        fwd = np.where(blocked, np.inf, base)
        bwd = np.where(self.oneway, np.inf, fwd)
        return SegmentCosts(fwd, bwd, blocked)

    def arc_costs(self, costs: SegmentCosts) -> np.ndarray:
        """Cost per arc (zero for the second half of a parallel segment)."""
        out = np.zeros(len(self.arc_seg))
        seg = self.arc_seg
        f = self.arc_dir == 1
        b = self.arc_dir == -1
        out[f] = costs.fwd[seg[f]]
        out[b] = costs.bwd[seg[b]]
        return out

    def arc_ids(self, tails: np.ndarray, heads: np.ndarray) -> np.ndarray:
        """The arc for each (tail, head) node pair, -1 where there is none."""
        keys = np.asarray(tails, dtype=np.int64) * self.n_total + np.asarray(heads, dtype=np.int64)
        pos = np.searchsorted(self._keys_sorted, keys)
        pos = np.minimum(pos, max(len(self._keys_sorted) - 1, 0))
        found = (len(self._keys_sorted) > 0) & (self._keys_sorted[pos] == keys) if len(keys) else np.zeros(0, bool)
        return np.where(found, self._key_order[pos] if len(self._keys_sorted) else -1, -1)

    # ----------------------------------------------------------------- one path
    def shortest_path(self, start: Snap, end: Snap, costs: SegmentCosts,
                      arc_cost: np.ndarray | None = None) -> RoadPath | None:
        """Least-cost path between two snapped points (each a one-element Snap); None if none."""
        from scipy.sparse.csgraph import dijkstra

        s, fs = int(start.seg[0]), float(start.fraction[0])
        t, ft = int(end.seg[0]), float(end.fraction[0])
        if arc_cost is None:
            arc_cost = self.arc_costs(costs)
        v = self.n_total
        out_nodes = np.array([self.seg_to[s], self.seg_from[s]])
        out_costs = np.array([_part(1 - fs, costs.fwd[s]), _part(fs, costs.bwd[s])])
        finite = np.isfinite(out_costs)
        matrix = self.fwd.matrix(arc_cost, [(out_nodes[finite], out_costs[finite])])
        dist, pred = dijkstra(matrix, directed=True, indices=v, return_predecessors=True)
        candidates = [
            (dist[self.seg_from[t]] + _part(ft, costs.fwd[t]), int(self.seg_from[t]), True),
            (dist[self.seg_to[t]] + _part(1 - ft, costs.bwd[t]), int(self.seg_to[t]), False),
        ]
        best = min(candidates, key=lambda c: c[0])
        direct = np.inf
        if s == t:
            direct = _part(ft - fs, costs.fwd[s]) if ft >= fs else _part(fs - ft, costs.bwd[s])
        if direct <= best[0] and np.isfinite(direct):
            return RoadPath(np.array([s]), np.array([ft >= fs]), fs, ft, float(direct))
        if not np.isfinite(best[0]):
            return None
        nodes = _trace(pred, best[1], v)
        segs, forward = self._segments_of(nodes[1:])
        first_forward = nodes[1] == self.seg_to[s] and (nodes[1] != self.seg_from[s] or
                                                          out_costs[0] <= out_costs[1])
        segs = np.concatenate([[s], segs, [t]]).astype(np.int64)
        forward = np.concatenate([[first_forward], forward, [best[2]]]).astype(bool)
        return RoadPath(segs, forward, fs, ft, float(best[0])).trimmed()

    def _segments_of(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Segments and directions travelled along a node sequence (mid-node halves dropped)."""
        if len(nodes) < 2:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        arcs = self.arc_ids(nodes[:-1], nodes[1:])
        arcs = arcs[arcs >= 0]
        carry = self.arc_seg[arcs] >= 0
        return self.arc_seg[arcs][carry], self.arc_dir[arcs][carry] == 1

    # ----------------------------------------------------------------- path measures
    def path_measures(self, path: RoadPath) -> tuple[float, float]:
        """(length m, time s) of a path, partial first and last segments included."""
        share = self._shares(path)
        return float((self.length_m[path.segs] * share).sum()), float((self.time_s[path.segs] * share).sum())

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

        pieces = []
        last = len(path.segs) - 1
        for i, (seg, fwd) in enumerate(zip(path.segs, path.forward, strict=True)):
            geom, length = self.geoms_utm[seg], self.length_utm[seg]
            a, b = (0.0, length) if fwd else (length, 0.0)
            if i == 0:
                a = path.start_fraction * length
            if i == last:
                b = path.end_fraction * length
            if i in (0, last):
                piece = substring(geom, a, b)
                coords = shapely.get_coordinates(piece)
            else:
                coords = shapely.get_coordinates(geom)
                if not fwd:
                    coords = coords[::-1]
            pieces.append(coords)
        coords = np.concatenate(pieces) if pieces else np.zeros((0, 2))
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


def _part(share: Any, cost: Any) -> Any:
    """``share * cost`` where a zero share of an untravellable road costs nothing (not nan)."""
    with np.errstate(invalid="ignore"):
        return np.where(np.asarray(share) > 0, np.asarray(share) * cost, 0.0)


def _trace(pred: np.ndarray, node: int, root: int) -> np.ndarray:
    """Nodes from ``root`` to ``node`` along a predecessor array."""
    out = [node]
    while node != root:
        node = int(pred[node])
        if node < 0:
            raise AnalysisError("internal: broken predecessor chain")
        out.append(node)
    return np.array(out[::-1], dtype=np.int64)


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
