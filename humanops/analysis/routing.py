"""Routes between two places on the road network, around the danger zones valid at a time.

A mode is a traveller (``drive``: one-way kept, no footways; ``walk``: footways and steps, one-way
only where tagged for walkers) and an objective: ``fastest`` (travel time), ``safest`` (travel time
multiplied by the severity factor of the zones a road touches) or ``length`` (metres: to compare
with other tools); ``walk-safest``, and the original ``fastest|safest|length`` drive. In every mode,
roads touching a zone at or above the blocking severity are closed, except the zones the start
or the end lies in: a route must be able to leave the place it starts from (the result warns).
Alternatives come from the penalty method: the roads of the routes found so far cost
``alternatives.penalty`` times more, and a new route is kept only if it shares at most
``alternatives.max_overlap`` of its length with every kept one.

Every outcome is a :class:`RouteResult` with a ``status``: ``ok``, ``off_network`` (a point is
farther than ``max_snap_m`` from every road), ``no_path`` (not connected, or every way blocked,
and which), ``no_roads`` (the road layer is empty). None of them is an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from humanops.analysis.road_graph import MODES, Danger, RoadGraph, RoadPath, SegmentCosts
from humanops.errors import AnalysisError

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.feedback import Feedback
    from humanops.model.feature import Feature
    from humanops.store.workspace import Workspace


@dataclass
class RouteResult:
    """One route (or why there is none). Lengths in metres, times in seconds."""

    status: str
    message: str
    mode: str
    rank: int = 0
    geometry: Any = None            # LineString, EPSG:4326
    length_m: float = 0.0
    time_s: float = 0.0
    cost: float = 0.0
    danger_m: dict[int, float] = field(default_factory=dict)   # severity -> metres inside such zones
    zones: list[dict[str, Any]] = field(default_factory=list)  # zones crossed, with metres inside
    roads: list[str] = field(default_factory=list)             # road feature uuids in travel order
    start_snap_m: float | None = None
    end_snap_m: float | None = None
    warnings: list[str] = field(default_factory=list)
    risk: dict[str, float] | None = None                        # as a corridor (after save_as_corridor)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "geometry"}
        out["danger_m"] = {str(k): round(v, 1) for k, v in self.danger_m.items()}
        out["geometry"] = shapely.geometry.mapping(self.geometry) if self.geometry is not None else None
        for key in ("length_m", "time_s", "cost"):
            out[key] = round(float(out[key]), 1)
        for key in ("start_snap_m", "end_snap_m"):
            if out[key] is not None:
                out[key] = round(float(out[key]), 1)
        return out


# --------------------------------------------------------------------------- engine


def find_routes(graph: RoadGraph, start: tuple[float, float], end: tuple[float, float], *,
                mode: str = "fastest", zones: gpd.GeoDataFrame | None = None, block_severity: int | None = -1,
                alternatives: int = 0, feedback: Feedback | None = None) -> list[RouteResult]:
    """Best route from ``start`` to ``end`` (``(lon, lat)``) and up to ``alternatives`` others.

    ``block_severity``: -1 the configured threshold, 0 or None never block, N block severity >= N.
    """
    from humanops.feedback import Feedback as _Feedback

    feedback = feedback or _Feedback()
    if mode not in MODES:
        raise AnalysisError(f"unknown routing mode {mode!r} (expected one of {', '.join(MODES)})")
    if graph.n_seg == 0:
        return [RouteResult("no_roads", "the road layer is empty: import roads first "
                            "(humanops roads import-osm FILE.osm.pbf)", mode)]
    feedback.progress(0.05, "snapping to the road network")
    snaps = graph.snap(np.array([start[0], end[0]]), np.array([start[1], end[1]]), usable=graph.usable(mode))
    start_snap, end_snap = float(snaps.distance_m[0]), float(snaps.distance_m[1])
    off = [name for name, ok in (("start", snaps.on_network[0]), ("end", snaps.on_network[1])) if not ok]
    if off:
        dist = {"start": start_snap, "end": end_snap}
        detail = "; ".join(f"the {n} is {dist[n]:,.0f} m from the nearest road" for n in off)
        return [RouteResult("off_network", f"off network: {detail} (limit {graph.config.max_snap_m:,.0f} m)",
                            mode, start_snap_m=start_snap, end_snap_m=end_snap)]
    feedback.progress(0.15, "danger zones on the roads")
    danger = graph.danger(zones)
    threshold = graph.config.block_severity if block_severity == -1 else (block_severity or 0)
    warnings: list[str] = []
    exempt: list[int] = []
    if len(danger.zones) and threshold > 0:
        ends_utm = shapely.points(*graph.to_utm.transform([start[0], end[0]], [start[1], end[1]]))
        severity = danger.zones["severity"].to_numpy()
        for label, point in (("start", ends_utm[0]), ("end", ends_utm[1])):
            inside = np.flatnonzero(shapely.intersects(danger.zones_utm, point) & (severity >= threshold))
            for z in inside:
                exempt.append(int(z))
                warnings.append(f"the {label} lies inside danger zone {danger.zones['name'].iloc[z]!r} "
                                f"(severity {severity[z]}): the route {'leaves' if label == 'start' else 'enters'} "
                                "it, though it would otherwise be blocked")
    costs = graph.segment_costs(mode, danger, block_severity, exempt)
    start_one, end_one = snaps.take([0]), snaps.take([1])
    feedback.progress(0.3, "shortest path")
    path = graph.shortest_path(start_one, end_one, costs)
    if path is None:
        return [_why_no_path(graph, start_one, end_one, mode, danger, costs, threshold, start_snap, end_snap)]
    found = [path]
    if alternatives > 0:
        penalised = replace(costs, fwd=costs.fwd.copy(), bwd=costs.bwd.copy(),
                            open_fwd=None if costs.open_fwd is None else costs.open_fwd.copy(),
                            open_bwd=None if costs.open_bwd is None else costs.open_bwd.copy())
        cfg = graph.config
        for attempt in range(alternatives * 3):
            feedback.progress(0.3 + 0.6 * attempt / (alternatives * 3), "alternative routes")
            for arr in (penalised.fwd, penalised.bwd, penalised.open_fwd, penalised.open_bwd):
                if arr is not None:
                    arr[found[-1].segs] *= cfg.alternative_penalty
            candidate = graph.shortest_path(start_one, end_one, penalised)
            if candidate is None:
                break
            if all(_overlap(graph, candidate, kept) <= cfg.alternative_max_overlap for kept in found):
                found.append(candidate)
                if len(found) > alternatives:
                    break
    results = []
    for rank, p in enumerate(found):
        result = _describe(graph, p, mode, costs, danger, rank)
        result.start_snap_m, result.end_snap_m = start_snap, end_snap
        result.warnings = list(warnings)
        results.append(result)
    results[1:] = sorted(results[1:], key=lambda r: r.cost)
    for rank, result in enumerate(results):
        result.rank = rank
    feedback.progress(1.0, "routes ready")
    return results


def _path_cost(graph: RoadGraph, path: RoadPath, costs: SegmentCosts) -> float:
    share = graph._shares(path)
    # the first and last segments may be blocked beyond the part travelled (cut at the zone's edge)
    fwd = costs.fwd if costs.open_fwd is None else costs.open_fwd
    bwd = costs.bwd if costs.open_bwd is None else costs.open_bwd
    per = np.where(path.forward, fwd[path.segs], bwd[path.segs])
    with np.errstate(invalid="ignore"):
        return float(np.where(share > 0, per * share, 0.0).sum())


def _overlap(graph: RoadGraph, a: RoadPath, b: RoadPath) -> float:
    """Share of ``a``'s length on roads ``b`` also uses."""
    total = (graph.length_m[a.segs]).sum()
    shared = graph.length_m[np.intersect1d(a.segs, b.segs)].sum()
    return float(shared / total) if total > 0 else 1.0


def _describe(graph: RoadGraph, path: RoadPath, mode: str, costs: SegmentCosts, danger: Danger,
              rank: int) -> RouteResult:
    length, time = graph.path_measures(path, costs)
    line_utm = graph.path_geometry_utm(path)
    scale = length / line_utm.length if line_utm.length > 0 else 1.0   # projected -> geodesic metres
    zones: list[dict[str, Any]] = []
    danger_m: dict[int, float] = {}
    if len(danger.pair_seg):
        on_path = np.zeros(graph.n_seg, dtype=bool)   # a mask: cheaper than isin over every pair
        on_path[path.segs] = True
        candidates = np.unique(danger.pair_zone[on_path[danger.pair_seg]])
        if len(candidates):
            inside = shapely.length(shapely.intersection(danger.zones_utm[candidates], line_utm)) * scale
            severity = danger.zones["severity"].to_numpy()[candidates]
            for z, metres, sev in zip(candidates, inside, severity, strict=True):
                if metres > 0:
                    row = danger.zones.iloc[z]
                    zones.append({"uuid": row["uuid"], "name": row["name"], "hazard": row["hazard"],
                                  "severity": int(sev), "length_m": round(float(metres), 1)})
            for sev in np.unique(severity):
                union = shapely.union_all(danger.zones_utm[candidates[severity == sev]])
                metres = float(shapely.length(shapely.intersection(union, line_utm)) * scale)
                if metres > 0:
                    danger_m[int(sev)] = metres
    zones.sort(key=lambda z: (-z["severity"], -z["length_m"]))
    roads = graph.road_uuids(path.segs)
    roads = [u for i, u in enumerate(roads) if i == 0 or u != roads[i - 1]]
    message = f"{length / 1000:.2f} km, {time / 60:.0f} min"
    if danger_m:
        message += ", " + ", ".join(f"{m:,.0f} m in severity {s} zones" for s, m in sorted(danger_m.items(),
                                                                                           reverse=True))
    return RouteResult("ok", message, mode, rank, graph.to_lonlat(line_utm), length, time,
                       _path_cost(graph, path, costs), danger_m, zones, roads)


def _why_no_path(graph: RoadGraph, start: Any, end: Any, mode: str, danger: Danger, costs: SegmentCosts,
                 threshold: int, start_snap: float, end_snap: float) -> RouteResult:
    """Tell apart: not connected at all, against one-way roads, or blocked by danger zones."""
    open_costs = graph.segment_costs(mode, None, 0)
    if graph.shortest_path(start, end, open_costs) is None:
        both_ways = SegmentCosts(open_costs.fwd, open_costs.fwd, open_costs.blocked)
        if graph.shortest_path(start, end, both_ways) is not None:
            why = "no path: one-way roads allow no way from the start to the end"
        else:
            why = ("no path: the start and the end are on parts of the road network that are not connected "
                   f"(the network has {graph.noding.components} parts; see humanops roads check)")
    else:
        blocking = danger.zones[(danger.zones["severity"] >= threshold)
                                & danger.zones.index.isin(np.unique(danger.pair_zone[costs.blocked[danger.pair_seg]]))]
        names = ", ".join(f"{n!r}" for n in blocking["name"].head(5))
        why = (f"no safe path: every way is blocked by danger zones of severity >= {threshold}"
               + (f" ({names}{'...' if len(blocking) > 5 else ''})" if names else "")
               + "; raise --avoid-severity to accept more danger")
    return RouteResult("no_path", why, mode, start_snap_m=start_snap, end_snap_m=end_snap)


# --------------------------------------------------------------------------- workspace


def parse_place(workspace: Workspace, text: str) -> tuple[float, float, str]:
    """``lat,lon``, a feature uuid (any point or line layer: its first/only point) or a
    facility name → ``(lon, lat, label)``. Unknown or ambiguous text is an AnalysisError."""
    from humanops.errors import ValidationError
    from humanops.model.places import looks_swapped, parse_place_text, swapped_at_extent, union_extent

    text = text.strip()
    try:  # the one parser of places (humanops.model.places), shared with the app's dialogs
        place = parse_place_text(text)
    except ValidationError as exc:
        raise AnalysisError(exc.reason) from None
    if place is not None:
        # both orders in range: only the data can tell that "24.93,60.16" meant Helsinki
        if looks_swapped(place.lon, place.lat, union_extent([workspace.extent(n) for n in workspace.layers()])):
            raise AnalysisError(swapped_at_extent(text, place))
        return place.lon, place.lat, place.label
    for layer in workspace.layers():
        feature = workspace.find_feature(layer, text)
        if feature is not None and feature.geometry is not None:
            point = feature.geometry if feature.geometry.geom_type == "Point" else \
                feature.geometry.representative_point()
            name = feature.properties.get("name") or text
            return point.x, point.y, f"{layer} {name!r}"
    found = workspace.read_layer("facility", columns=["uuid", "name"])
    hits = found[found["name"].astype(str).str.casefold() == text.casefold()]
    if len(hits) == 1:
        point = hits.geometry.iloc[0]
        return point.x, point.y, f"facility {hits['name'].iloc[0]!r}"
    if len(hits) > 1:
        raise AnalysisError(f"{len(hits)} facilities are named {text!r}: give the uuid of one "
                            f"({', '.join(hits['uuid'].astype(str).head(5))})", layer="facility")
    raise AnalysisError(f"{text!r} is neither lat,lon nor a feature uuid nor a facility name")


def danger_zones_at(workspace: Workspace, at: datetime | None) -> gpd.GeoDataFrame:
    """The danger zones valid at ``at`` (now when None)."""
    return workspace.read_layer("danger_zone", at=at or datetime.now(UTC),
                                columns=["uuid", "name", "hazard", "severity"])


def route_in_workspace(workspace: Workspace, start: str | tuple[float, float], end: str | tuple[float, float], *,
                       mode: str = "fastest", at: datetime | None = None, block_severity: int | None = -1,
                       alternatives: int = 0, feedback: Feedback | None = None) -> list[RouteResult]:
    """Routes between two places of a workspace (text as :func:`parse_place`, or ``(lon, lat)``)."""
    from humanops.feedback import Feedback as _Feedback

    feedback = feedback or _Feedback()
    a = parse_place(workspace, start)[:2] if isinstance(start, str) else start
    b = parse_place(workspace, end)[:2] if isinstance(end, str) else end
    graph = RoadGraph.from_workspace(workspace, feedback=feedback.step(0.0, 0.5))
    return find_routes(graph, a, b, mode=mode, zones=danger_zones_at(workspace, at), block_severity=block_severity,
                       alternatives=alternatives, feedback=feedback.step(0.5, 1.0))


def save_as_corridor(workspace: Workspace, route: RouteResult, name: str, width_m: float,
                     at: datetime | None = None) -> Feature:
    """A *proposed* corridor along the route; its risk over its whole width (the corridor-risk
    analysis, against the zones valid at ``at``) and the route's danger go into its notes."""
    geometry, properties = proposed_corridor(workspace, route, name, width_m, at)
    return workspace.add_feature("corridor", geometry, properties)


def proposed_corridor(workspace: Workspace, route: RouteResult, name: str, width_m: float,
                      at: datetime | None = None) -> tuple[Any, dict[str, Any]]:
    """The geometry and fields :func:`save_as_corridor` stores (the app adds them through its undo stack)."""
    import geopandas as gpd

    if not route.ok or route.geometry is None:
        raise AnalysisError(f"cannot save a corridor from a route that was not found ({route.message})",
                            layer="corridor")
    if not name.strip():
        raise AnalysisError("a corridor needs a name", layer="corridor", field="name")
    danger = "; ".join(f"{m:,.0f} m in severity {s} zones" for s, m in sorted(route.danger_m.items(), reverse=True))
    notes = (f"Proposed from a {route.mode} route: {route.length_m / 1000:.2f} km, {route.time_s / 60:.0f} min. "
             f"Danger along the road: {danger or 'none of the zones valid when it was computed'}.")
    from humanops.analysis.corridor_risk import compute_corridor_risk

    candidate = gpd.GeoDataFrame({"uuid": ["new"], "name": [name], "width_m": [float(width_m)]},
                                 geometry=[route.geometry], crs=4326)
    facilities = workspace.read_layer("facility", columns=["uuid", "name", "facility_type"])
    risk = compute_corridor_risk(candidate, danger_zones_at(workspace, at), facilities).iloc[0]
    route.risk = {"risk_score": float(risk["risk_score"]), "worst_severity": int(risk["worst_severity"]),
                  "length_in_danger_m": float(risk["length_in_danger_m"])}
    notes += (f" Risk over its {width_m:,.0f} m width: score {risk['risk_score']:.1f}/100, worst severity "
              f"{int(risk['worst_severity'])}, {float(risk['length_in_danger_m']):,.0f} m in danger.")
    return route.geometry, {"name": name.strip(), "status": "proposed", "width_m": float(width_m), "notes": notes}


def routes_frame(results: list[RouteResult]) -> gpd.GeoDataFrame:
    import geopandas as gpd

    rows = [{"rank": r.rank, "status": r.status, "mode": r.mode, "length_m": round(r.length_m, 1),
             "time_s": round(r.time_s, 1), "cost": round(r.cost, 1),
             "danger_m": sum(r.danger_m.values()), "max_severity": max(r.danger_m, default=0),
             "zones": ", ".join(z["name"] for z in r.zones), "message": r.message} for r in results]
    return gpd.GeoDataFrame(rows, geometry=[r.geometry for r in results], crs=4326)
