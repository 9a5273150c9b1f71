"""The demo region's road network: towns joined by winding main roads, a street grid in each
town and village, tracks out to hamlets, noded so that every segment ends at a junction.

Drafted as whole lines in local metres, then noded at once by GEOS (``unary_union``) and each
noded piece given the class of the line it came from (the highest class where lines overlap).
Only the largest connected part is kept, so every road leads everywhere. Bridges are cut out
where roads cross the river, as short segments of their own, as OSM draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, dijkstra, minimum_spanning_tree
from scipy.spatial import Delaunay, cKDTree
from shapely.geometry import LineString
from shapely.ops import substring

from humanops.scenario.region import Place, Region, invented_name

CLASSES = ("primary", "secondary", "tertiary", "unclassified", "residential", "track")
SPEED_KMH = {"primary": 80, "secondary": 60, "tertiary": 50, "unclassified": 40, "residential": 30, "track": 20}
BRIDGE_HALF_LENGTH = 40.0  # metres either side of the river's centre line


@dataclass
class Hamlet:
    name: str
    x: float
    y: float
    near: Place  # the place whose P-code it takes


@dataclass
class RoadNetwork:
    """Noded road segments in local metres, with their attributes as parallel arrays."""

    geometry: np.ndarray
    road_class: np.ndarray
    name: np.ndarray
    oneway: np.ndarray
    bridge: np.ndarray
    surface: np.ndarray
    condition: np.ndarray
    street_nodes: dict[str, np.ndarray] = field(default_factory=dict)  # place name -> (n, 2)
    hamlets: list[Hamlet] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.geometry)

    def route(self, start: tuple[float, float], end: tuple[float, float], *,
              avoid_impassable: bool = True) -> LineString:
        """Quickest drive between two points over passable roads (over any road when the
        passable ones do not join them), as one line."""
        first = shapely.get_coordinates(shapely.get_point(self.geometry, 0))
        last = shapely.get_coordinates(shapely.get_point(self.geometry, -1))
        nodes, inverse = np.unique(np.vstack([first, last]), axis=0, return_inverse=True)
        n = len(self.geometry)
        a, b = inverse[:n], inverse[n:]
        speed = np.array([SPEED_KMH[c] for c in self.road_class], dtype=float)
        hours = shapely.length(self.geometry) / 1000.0 / speed
        passable = (self.condition != "impassable") if avoid_impassable else np.ones(n, dtype=bool)
        graph = coo_matrix((np.r_[hours[passable], hours[passable]],
                            (np.r_[a[passable], b[passable]], np.r_[b[passable], a[passable]])),
                           shape=(len(nodes), len(nodes))).tocsr()
        tree = cKDTree(nodes)
        source, target = (int(tree.query(p)[1]) for p in (start, end))
        _, predecessors = dijkstra(graph, indices=source, return_predecessors=True)
        if predecessors[target] < 0 and target != source:
            if avoid_impassable:
                return self.route(start, end, avoid_impassable=False)
            raise ValueError("the road network does not join these points")
        edge_of = {(int(u), int(v)): i for i, (u, v) in enumerate(zip(a, b, strict=True)) if passable[i]}
        path, node = [], target
        while node != source and predecessors[node] >= 0:
            prev = int(predecessors[node])
            path.append(edge_of.get((prev, node), edge_of.get((node, prev))))
            node = prev
        merged = shapely.line_merge(shapely.multilinestrings(self.geometry[[i for i in path if i is not None]]))
        return merged if isinstance(merged, LineString) else max(merged.geoms, key=lambda g: g.length)


def _winding(a: np.ndarray, b: np.ndarray, rng: np.random.Generator, wiggle: float, step: float) -> np.ndarray:
    """Coordinates of a road from a to b that bends like a real one (ends exactly at a and b)."""
    length = float(np.hypot(*(b - a)))
    t = np.linspace(0.0, 1.0, max(3, int(length / step) + 1))
    normal = np.array([-(b - a)[1], (b - a)[0]]) / max(length, 1e-9)
    k1, k2 = rng.integers(1, 3), rng.integers(3, 6)
    p1, p2 = rng.uniform(0, 2 * np.pi, 2)
    bend = length * wiggle * (0.65 * np.sin(np.pi * k1 * t + p1) + 0.35 * np.sin(np.pi * k2 * t + p2))
    coords = a + t[:, None] * (b - a) + (bend * np.sin(np.pi * t))[:, None] * normal
    coords[0], coords[-1] = a, b
    return coords


class _Draft:
    """Lines before noding, with the attributes their pieces will inherit."""

    def __init__(self) -> None:
        self.lines: list[LineString] = []
        self.rank: list[int] = []
        self.name: list[str | None] = []
        self.oneway: list[bool] = []

    def add(self, coords: np.ndarray, road_class: str, name: str | None = None, oneway: bool = False) -> None:
        self.lines.append(LineString(coords))
        self.rank.append(CLASSES.index(road_class))
        self.name.append(name)
        self.oneway.append(oneway)

    def add_many(self, segments: np.ndarray, classes: np.ndarray, oneway: np.ndarray) -> None:
        self.lines.extend(shapely.linestrings(segments))
        self.rank.extend(CLASSES.index(str(c)) for c in classes)
        self.name.extend([None] * len(segments))
        self.oneway.extend(bool(o) for o in oneway)


def _main_roads(region: Region, draft: _Draft, rng: np.random.Generator) -> None:
    """Primary roads join the capital and towns (a spanning tree), secondary ones add loops,
    villages hang off the nearest places by tertiary and unclassified roads or tracks."""
    places = region.places
    xy = np.array([[p.x, p.y] for p in places])
    edges = {tuple(sorted((int(s[i]), int(s[(i + 1) % 3])))) for s in Delaunay(xy).simplices for i in range(3)}
    dist = {e: float(np.hypot(*(xy[e[0]] - xy[e[1]]))) for e in edges}
    major = [i for i, p in enumerate(places) if p.kind != "village"]
    full = np.array([[np.hypot(*(xy[i] - xy[j])) for j in major] for i in major])
    tree = minimum_spanning_tree(full).tocoo()
    primary = {tuple(sorted((major[i], major[j]))) for i, j in zip(tree.row, tree.col, strict=True)}
    all_tree = minimum_spanning_tree(coo_matrix(
        ([dist[e] for e in edges], ([e[0] for e in edges], [e[1] for e in edges])), shape=(len(xy),) * 2)).tocoo()
    spanning = {tuple(sorted((int(i), int(j)))) for i, j in zip(all_tree.row, all_tree.col, strict=True)}
    links: list[tuple[int, int, str]] = [(i, j, "primary") for i, j in sorted(primary)]
    # Loops between towns: the shortest town pairs the tree left out.
    pairs = sorted(((i, j) for k, i in enumerate(major) for j in major[k + 1:] if (i, j) not in primary),
                   key=lambda e: np.hypot(*(xy[e[0]] - xy[e[1]])))
    secondary = [e for e in pairs if np.hypot(*(xy[e[0]] - xy[e[1]])) < 60_000][:3]
    links += [(i, j, "secondary") for i, j in secondary]
    extra = sorted((e for e in edges if e not in primary), key=lambda e: dist[e])
    local = [e for e in sorted(spanning, key=lambda e: dist[e]) if e not in primary and e not in secondary]
    local += [e for e in extra if e not in spanning and e not in secondary and dist[e] < 20_000][:6]
    for i, j in local:
        town_end = places[i].kind != "village" or places[j].kind != "village"
        options, weights = (["secondary", "tertiary", "unclassified"], [0.3, 0.45, 0.25]) if town_end else (
            ["tertiary", "unclassified", "track"], [0.2, 0.5, 0.3])
        links.append((i, j, str(rng.choice(options, p=weights))))
    for number, (i, j, road_class) in enumerate(links, start=1):
        prefix = {"primary": "N", "secondary": "R", "tertiary": "T"}.get(road_class)
        name = f"{prefix}{number} {places[i].name}–{places[j].name}" if prefix else None
        wiggle = 0.05 if road_class in ("primary", "secondary") else 0.09
        draft.add(_winding(xy[i], xy[j], rng, wiggle, 250.0), road_class, name)


def _street_grid(place: Place, draft: _Draft, rng: np.random.Generator) -> np.ndarray:
    """A slightly irregular street grid clipped to the built-up area; returns its nodes."""
    spacing = {"capital": 170.0, "town": 180.0, "village": 150.0}[place.kind]
    n = int(place.radius / spacing) + 2
    i, j = np.meshgrid(np.arange(-n, n + 1), np.arange(-n, n + 1), indexing="ij")
    offsets = np.stack([i * spacing, j * spacing], axis=-1) + rng.uniform(-0.15, 0.15, (*i.shape, 2)) * spacing
    offsets[n, n] = 0.0  # the centre node is exactly the place, where main roads arrive
    angle = np.arctan2(j, i)
    limit = place.radius * (1 + 0.2 * np.sin(3 * angle + rng.uniform(0, 2 * np.pi)))
    keep = np.hypot(i, j) * spacing <= limit
    theta = rng.uniform(0, np.pi / 2)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    pos = np.array([place.x, place.y]) + offsets @ rot.T
    pos[n, n] = (place.x, place.y)
    segments, classes, oneway = [], [], []
    for di, dj in ((1, 0), (0, 1)):
        a_keep = keep[: keep.shape[0] - di, : keep.shape[1] - dj]
        b_keep = keep[di:, dj:]
        both = a_keep & b_keep
        axis = (j[: j.shape[0] - di, : j.shape[1] - dj] == 0) if di else (i[:, : i.shape[1] - dj] == 0)
        dropped = (rng.random(both.shape) < 0.07) & ~axis
        use = both & ~dropped
        a = pos[: pos.shape[0] - di, : pos.shape[1] - dj][use]
        b = pos[di:, dj:][use]
        segments.append(np.stack([a, b], axis=1))
        main = axis[use]
        if place.kind == "village":
            classes.append(np.full(len(a), "unclassified"))
        else:
            classes.append(np.where(main, "tertiary", "residential"))
        centre_dist = np.hypot(*((a + b) / 2 - (place.x, place.y)).T)
        oneway.append((place.kind == "capital") & ~main & (centre_dist < 1_200) & (rng.random(len(a)) < 0.25))
    draft.add_many(np.concatenate(segments), np.concatenate(classes), np.concatenate(oneway))
    return pos[keep]


def _hamlet_tracks(region: Region, draft: _Draft, rng: np.random.Generator, count: int) -> list[Hamlet]:
    """Hamlets a few km off the main roads, each reached by a track from a road's bend."""
    main = [k for k, r in enumerate(draft.rank) if r <= CLASSES.index("tertiary") and draft.name[k]]
    vertices = np.vstack([shapely.get_coordinates(draft.lines[k]) for k in main])
    places = region.places
    hamlets: list[Hamlet] = []
    attempts = 0
    while len(hamlets) < count and attempts < 20 * count:
        attempts += 1
        start = vertices[int(rng.integers(0, len(vertices)))]
        heading = rng.uniform(0, 2 * np.pi)
        end = start + rng.uniform(1_500, 5_000) * np.array([np.cos(heading), np.sin(heading)])
        if not (2_000 < end[0] < 148_000 and 2_000 < end[1] < 108_000):
            continue
        gaps = [np.hypot(end[0] - p.x, end[1] - p.y) - p.radius for p in places]
        track = LineString(_winding(start, end, rng, 0.12, 150.0))
        if min(gaps) < 1_200 or track.intersects(region.river):
            continue
        if any(np.hypot(end[0] - h.x, end[1] - h.y) < 2_500 for h in hamlets):
            continue
        draft.add(shapely.get_coordinates(track), "track")
        hamlets.append(Hamlet(invented_name(rng), float(end[0]), float(end[1]), places[int(np.argmin(gaps))]))
    return hamlets


def _node(draft: _Draft) -> tuple[np.ndarray, np.ndarray]:
    """Noded pieces and, for each, the draft line it came from (the highest class on overlaps)."""
    sources = np.array(draft.lines, dtype=object)
    pieces = shapely.get_parts(shapely.unary_union(sources))
    middles = shapely.line_interpolate_point(pieces, 0.5, normalized=True)
    piece_idx, source_idx = shapely.STRtree(sources).query(middles, predicate="dwithin", distance=0.01)
    rank = np.asarray(draft.rank)[source_idx]
    order = np.lexsort((source_idx, rank, piece_idx))
    first_piece, first = np.unique(piece_idx[order], return_index=True)
    origin = np.full(len(pieces), -1)
    origin[first_piece] = source_idx[order][first]
    keep = origin >= 0
    return pieces[keep], origin[keep]


def _largest_component(pieces: np.ndarray) -> np.ndarray:
    ends = np.vstack([shapely.get_coordinates(shapely.get_point(pieces, 0)),
                      shapely.get_coordinates(shapely.get_point(pieces, -1))])
    _, inverse = np.unique(ends, axis=0, return_inverse=True)
    n = len(pieces)
    graph = coo_matrix((np.ones(n), (inverse[:n], inverse[n:])), shape=(inverse.max() + 1,) * 2)
    _, labels = connected_components(graph, directed=False)
    piece_labels = labels[inverse[:n]]
    return piece_labels == np.bincount(piece_labels).argmax()


def _cut_bridges(region: Region, pieces: np.ndarray, origin: np.ndarray, draft: _Draft
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split roads crossing the river so that each crossing is a short bridge segment."""
    crossing = shapely.intersects(pieces, region.river) & (np.asarray(draft.rank)[origin] < CLASSES.index("track"))
    out_geoms, out_origin, out_bridge = [pieces[~crossing]], [origin[~crossing]], [np.zeros((~crossing).sum(), bool)]
    for k in np.flatnonzero(crossing):
        line = pieces[k]
        hits = shapely.get_parts(line.intersection(region.river))
        at = sorted(line.project(p) for p in hits if p.geom_type == "Point")
        cuts: list[tuple[float, float]] = []
        for d in at:
            lo, hi = max(0.0, d - BRIDGE_HALF_LENGTH), min(line.length, d + BRIDGE_HALF_LENGTH)
            if cuts and lo <= cuts[-1][1]:
                cuts[-1] = (cuts[-1][0], hi)
            else:
                cuts.append((lo, hi))
        bounds = [0.0]
        flags = []
        for lo, hi in cuts:
            if lo > bounds[-1]:
                bounds.append(lo)
                flags.append(False)
            bounds.append(hi)
            flags.append(True)
        if bounds[-1] < line.length:
            bounds.append(line.length)
            flags.append(False)
        parts = [substring(line, bounds[m], bounds[m + 1]) for m in range(len(flags))]
        out_geoms.append(np.array(parts, dtype=object))
        out_origin.append(np.full(len(parts), origin[k]))
        out_bridge.append(np.array(flags))
    return np.concatenate(out_geoms), np.concatenate(out_origin), np.concatenate(out_bridge)


def build_roads(region: Region, rng: np.random.Generator, hamlets: int = 34) -> RoadNetwork:
    draft = _Draft()
    _main_roads(region, draft, rng)
    street_nodes = {p.name: _street_grid(p, draft, rng) for p in region.places}
    found = _hamlet_tracks(region, draft, rng, hamlets)
    pieces, origin = _node(draft)
    keep = _largest_component(pieces)
    geoms, origin, bridge = _cut_bridges(region, pieces[keep], origin[keep], draft)
    classes = np.array(CLASSES)[np.asarray(draft.rank)[origin]]
    names = np.array(draft.name, dtype=object)[origin]
    oneway = np.asarray(draft.oneway)[origin]
    n = len(geoms)
    paved = {"primary": 1.0, "secondary": 1.0, "tertiary": 0.9, "residential": 0.7, "unclassified": 0.4, "track": 0.0}
    surface = np.where(rng.random(n) < np.array([paved[c] for c in classes]), "paved", "unpaved")
    near_front = shapely.distance(shapely.line_interpolate_point(geoms, 0.5, normalized=True), region.front) < 4_000
    condition = np.where(near_front, rng.choice(["fair", "poor", "impassable"], n, p=[0.4, 0.45, 0.15]),
                         rng.choice(["good", "fair", "poor"], n, p=[0.6, 0.3, 0.1]))
    condition = np.where(classes == "track", np.where(condition == "good", "fair", condition), condition)
    return RoadNetwork(geoms, classes, names, oneway, bridge, surface.astype(object),
                       condition.astype(object), street_nodes, found)
