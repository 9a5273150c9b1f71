"""Corridor risk: the danger along each humanitarian corridor, kept up to date edit by edit.

Each corridor is a centreline with a total width ``width_m``; it occupies everything within
``width_m / 2`` of its centreline (round ends). All metric work is in the UTM zone of the data.

Per corridor, against the danger zones valid at time t:

* ``length_m``: centreline length.
* ``length_sev1_m`` ... ``length_sev5_m``: length of the centreline whose width overlaps a danger
  zone, each metre counted once, at the **worst** severity overlapping it (so the five add up to
  ``length_in_danger_m``). A metre "overlaps" a zone when the zone comes within ``width_m / 2`` of it
  (the zone grown by half the width with 16 segments a quarter circle: short by < 0.5 % at corners).
* ``worst_severity``: the highest severity of any zone overlapping the corridor (0: none).
* ``zones``: the zones overlapping it (uuids), ``facilities``: facilities within ``reach`` metres
  of its edge (i.e. within ``width_m / 2 + reach`` of the centreline).
* ``risk_score`` (0-100)::

      share_s    = length_sev{s}_m / length_m
      length_part = 100 * sum_s(weight_s * share_s),   weight = 0.1, 0.25, 0.5, 0.75, 1.0 for s = 1..5
      floor      = 0, 5, 10, 25, 50, 75 for worst_severity = 0..5
      risk_score = min(100, max(length_part, floor))   rounded to 0.1

  The length part says how much of the way is dangerous and how badly; the floor keeps a long
  corridor that crosses one extreme zone from looking safe (any severity-5 overlap scores >= 75).

:class:`CorridorRiskCache` subscribes to the workspace and, after each committed change, recomputes
only the corridors the change touches: an edited or new corridor; the corridors whose extent meets
the old or the new bounding box of an edited danger zone; the corridors whose reach meets an edited
facility.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from humanops.analysis.exposure import max_per_key
from humanops.analysis.layer_reader import read_features
from humanops.analysis.projection import to_metric, to_wgs84, utm_crs_for
from humanops.feedback import Feedback

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange

CORRIDOR_LAYER = "corridor"
ZONE_LAYER = "danger_zone"
FACILITY_LAYER = "facility"
SEVERITIES = (1, 2, 3, 4, 5)
SEVERITY_WEIGHT = {1: 0.1, 2: 0.25, 3: 0.5, 4: 0.75, 5: 1.0}
SEVERITY_FLOOR = {0: 0.0, 1: 5.0, 2: 10.0, 3: 25.0, 4: 50.0, 5: 75.0}
DEFAULT_REACH_M = 1000.0
# Pieces of one centreline cut by different zones are collinear only up to rounding; a fixed 1 cm
# precision grid makes the overlay merge their overlaps instead of counting them twice.
GRID_M = 0.01
RESULT_COLUMNS = ["uuid", "name", "status", "width_m", "length_m",
                  *[f"length_sev{s}_m" for s in SEVERITIES], "length_in_danger_m", "share_in_danger",
                  "worst_severity", "zone_count", "zones", "facility_count", "facilities", "risk_score"]


def risk_score(length_m: np.ndarray, lengths_by_severity: dict[int, np.ndarray], worst: np.ndarray) -> np.ndarray:
    """The documented score (module docstring), vectorised over corridors."""
    safe_length = np.where(length_m > 0, length_m, 1.0)
    part = np.zeros(len(length_m))
    for s in SEVERITIES:
        part += SEVERITY_WEIGHT[s] * np.where(length_m > 0, lengths_by_severity[s] / safe_length, 0.0)
    floor = np.array([SEVERITY_FLOOR[int(w)] for w in worst], dtype=float) if len(worst) else np.zeros(0)
    return np.round(np.clip(np.maximum(100.0 * part, floor), 0.0, 100.0), 1)


def _metric(geoms: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    # Vertices are projected and edges stay straight in UTM, as QGIS measures on the fly.
    return to_metric(np.asarray(geoms, dtype=object), crs)


def _half_widths(corridors: pd.DataFrame) -> np.ndarray:
    width = pd.to_numeric(corridors["width_m"], errors="coerce").to_numpy(dtype=float) if len(corridors) \
        else np.zeros(0)
    return np.where(np.isfinite(width) & (width > 0), width, 0.0) / 2.0


def _lists(keys: np.ndarray, values: np.ndarray, n: int) -> list[list[str]]:
    """``values`` grouped by integer ``keys`` into n sorted lists (empty where a key is absent)."""
    out: list[list[str]] = [[] for _ in range(n)]
    if keys.size:
        grouped = pd.Series(values, dtype=object).groupby(keys).agg(lambda v: sorted(set(v)))
        for key, items in grouped.items():
            out[int(key)] = items
    return out


def compute_corridor_risk(corridors: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame,
                          *, reach_m: float = DEFAULT_REACH_M, crs: pyproj.CRS | None = None,
                          feedback: Feedback | None = None) -> pd.DataFrame:
    """One row per corridor (columns :data:`RESULT_COLUMNS`), indexed by corridor uuid. EPSG:4326 inputs."""
    feedback = feedback or Feedback()
    n = len(corridors)
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in RESULT_COLUMNS}).set_index("uuid", drop=False)
    line_geoms = np.asarray(corridors.geometry.values, dtype=object)
    crs = crs or utm_crs_for([line_geoms])
    lines = _metric(line_geoms, crs)
    half = _half_widths(corridors)
    length = shapely.length(lines)
    feedback.progress(0.1, f"buffering {n:,} corridors")
    buffers = shapely.buffer(lines, half)

    zone_geoms = _metric(zones.geometry.values, crs) if len(zones) else np.zeros(0, dtype=object)
    zone_sev = pd.to_numeric(zones["severity"], errors="coerce").fillna(0).to_numpy(dtype=np.int64) \
        if len(zones) else np.zeros(0, dtype=np.int64)
    zone_uuid = zones["uuid"].astype(object).to_numpy() if len(zones) else np.zeros(0, dtype=object)
    if zone_geoms.size:
        ci, zi = shapely.STRtree(zone_geoms).query(buffers, predicate="intersects")
    else:
        ci = zi = np.zeros(0, dtype=np.intp)
    feedback.progress(0.3, f"{len(ci):,} corridor-zone overlaps")

    # The stretch of centreline whose width overlaps the zone: the line inside the zone grown by half a width.
    pieces = shapely.intersection(lines[ci], shapely.buffer(zone_geoms[zi], half[ci], quad_segs=16)) \
        if ci.size else np.zeros(0, dtype=object)
    feedback.progress(0.6, "measuring lengths by severity")
    empty_line = shapely.from_wkt("LINESTRING EMPTY")
    at_least = np.full(n, empty_line, dtype=object)  # union of pieces with severity >= s, from s = 5 down
    cumulative: dict[int, np.ndarray] = {}
    for s in reversed(SEVERITIES):  # five passes, each vectorised over corridors
        mask = zone_sev[zi] == s if ci.size else np.zeros(0, dtype=bool)
        exact = _union_per_corridor(ci[mask], pieces[mask], n, empty_line)
        at_least = shapely.union(at_least, exact, grid_size=GRID_M)
        cumulative[s] = shapely.length(at_least)
    by_severity = {s: np.clip(cumulative[s] - cumulative.get(s + 1, 0.0), 0.0, None) for s in SEVERITIES}
    in_danger = cumulative[1]
    worst = np.zeros(n, dtype=np.int64)
    if ci.size:
        keys, best = max_per_key(ci, zone_sev[zi])
        worst[keys] = best

    feedback.progress(0.8, "facilities within reach")
    fac_ci = fac_fi = np.zeros(0, dtype=np.intp)
    fac_uuid = np.zeros(0, dtype=object)
    if len(facilities):
        fac_geoms = to_metric(np.asarray(facilities.geometry.values, dtype=object), crs)
        fac_uuid = facilities["uuid"].astype(object).to_numpy()
        fac_ci, fac_fi = shapely.STRtree(fac_geoms).query(buffers, predicate="dwithin", distance=reach_m)

    zone_lists = _lists(ci, zone_uuid[zi], n)
    facility_lists = _lists(fac_ci, fac_uuid[fac_fi], n)
    result = pd.DataFrame({
        "uuid": corridors["uuid"].astype(object).to_numpy(),
        "name": corridors["name"].astype(object).to_numpy() if "name" in corridors else None,
        "status": corridors["status"].astype(object).to_numpy() if "status" in corridors else None,
        "width_m": half * 2.0,
        "length_m": np.round(length, 1),
        **{f"length_sev{s}_m": np.round(by_severity[s], 1) for s in SEVERITIES},
        "length_in_danger_m": np.round(in_danger, 1),
        "share_in_danger": np.round(np.where(length > 0, in_danger / np.where(length > 0, length, 1.0), 0.0), 4),
        "worst_severity": worst,
        "zone_count": np.array([len(v) for v in zone_lists], dtype=np.int64),
        "zones": zone_lists,
        "facility_count": np.array([len(v) for v in facility_lists], dtype=np.int64),
        "facilities": facility_lists,
        "risk_score": risk_score(length, by_severity, worst),
    })
    feedback.progress(1.0, "done")
    return result.set_index(pd.Index(result["uuid"], name="corridor"))


def _union_per_corridor(ci: np.ndarray, pieces: np.ndarray, n: int, empty: Any) -> np.ndarray:
    """Per corridor, the union of its pieces (empty where it has none)."""
    out = np.full(n, empty, dtype=object)
    if ci.size == 0:
        return out
    order = np.argsort(ci, kind="stable")
    ci, pieces = ci[order], pieces[order]
    keys, starts, counts = np.unique(ci, return_index=True, return_counts=True)
    single = counts == 1
    out[keys[single]] = pieces[starts[single]]
    # Only corridors overlapped by several zones of one severity need a union (usually few).
    for key, start, count in zip(keys[~single], starts[~single], counts[~single], strict=True):
        out[key] = shapely.union_all(pieces[start:start + count], grid_size=GRID_M)
    return out


# --------------------------------------------------------------------------- workspace


CORRIDOR_COLUMNS = ["uuid", "name", "status", "width_m"]
ZONE_COLUMNS = ["uuid", "name", "hazard", "severity"]
FACILITY_COLUMNS = ["uuid", "name", "facility_type"]


def corridor_risk_in_workspace(workspace: Workspace, *, at: datetime, reach_m: float = DEFAULT_REACH_M,
                               feedback: Feedback | None = None) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """Risk of every corridor valid at ``at``; returns the table and the corridors layer with it joined."""
    feedback = feedback or Feedback()
    feedback.progress(0.0, "reading corridors, danger zones and facilities")
    corridors = read_features(workspace, CORRIDOR_LAYER, CORRIDOR_COLUMNS, at=at)
    zones = read_features(workspace, ZONE_LAYER, ZONE_COLUMNS, at=at)
    facilities = read_features(workspace, FACILITY_LAYER, FACILITY_COLUMNS)
    table = compute_corridor_risk(corridors, zones, facilities, reach_m=reach_m, feedback=feedback.step(0.1, 1.0))
    layer = gpd.GeoDataFrame(table.drop(columns=["zones", "facilities"]).reset_index(drop=True),
                             geometry=np.asarray(corridors.geometry.values, dtype=object), crs=4326)
    return table, layer


# --------------------------------------------------------------------------- incremental cache


class CorridorRiskCache:
    """Corridor risk for every corridor, recomputed incrementally as the workspace changes.

    ``results`` is the table of :func:`compute_corridor_risk` (indexed by corridor uuid);
    ``last_recomputed`` holds the corridors the last change recomputed (for the UI and tests);
    ``on_update(uuids)`` callbacks run after each recompute. ``at`` is fixed (default: now when
    created): call :meth:`refresh` with a new time to move it.
    """

    def __init__(self, workspace: Workspace, *, at: datetime | None = None, reach_m: float = DEFAULT_REACH_M,
                 subscribe: bool = True) -> None:
        from humanops.model.clock import workspace_now

        self.workspace = workspace
        self.at = at or workspace_now(workspace)
        self.reach_m = float(reach_m)
        self.crs: pyproj.CRS | None = None
        self.results = compute_corridor_risk(gpd.GeoDataFrame(), gpd.GeoDataFrame(), gpd.GeoDataFrame())
        self.last_recomputed: set[str] = set()
        self.recompute_count = 0
        self._listeners: list[Callable[[set[str]], None]] = []
        self._zone_bounds: dict[str, np.ndarray] = {}
        self._facility_bounds: dict[str, np.ndarray] = {}
        self._extents = gpd.GeoDataFrame({"width_shape": [], "reach_shape": []}, geometry="width_shape", crs=4326)
        self.refresh()
        self._unsubscribe = workspace.subscribe(self._on_change) if subscribe else None

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def on_update(self, listener: Callable[[set[str]], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # --- full and partial computation ---------------------------------------------------
    def refresh(self, at: datetime | None = None) -> None:
        if at is not None:
            self.at = at
        ws = self.workspace
        corridors = read_features(ws, CORRIDOR_LAYER, CORRIDOR_COLUMNS, at=self.at)
        zones = read_features(ws, ZONE_LAYER, ZONE_COLUMNS, at=self.at)
        facilities = read_features(ws, FACILITY_LAYER, FACILITY_COLUMNS)
        geoms = [np.asarray(corridors.geometry.values, dtype=object)] if len(corridors) else \
            [np.asarray(zones.geometry.values, dtype=object)]
        self.crs = utm_crs_for(geoms)
        self._zone_bounds = dict(zip(zones["uuid"].astype(object), shapely.bounds(zones.geometry.values), strict=True))
        self._facility_bounds = dict(zip(facilities["uuid"].astype(object),
                                         shapely.bounds(facilities.geometry.values), strict=True))
        self.results = compute_corridor_risk(corridors, zones, facilities, reach_m=self.reach_m, crs=self.crs)
        self._extents = self._extents_of(corridors)
        self.last_recomputed = set(self.results.index)
        self.recompute_count += len(self.results)
        self._notify(self.last_recomputed)

    def _extents_of(self, corridors: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """Per corridor, EPSG:4326 shapes a little larger than its width and than its facility reach.

        A change touches a corridor when the changed feature's old or new bounding box meets these
        (a superset of the true shapes: the margin covers the polygonal approximation of the arcs).
        """
        if len(corridors) == 0:
            return self._extents.iloc[0:0]
        assert self.crs is not None
        lines = _metric(corridors.geometry.values, self.crs)
        half = _half_widths(corridors)

        def grown(distance: np.ndarray) -> np.ndarray:
            metric = shapely.buffer(lines, distance * 1.01 + 1.0, quad_segs=8)
            return to_wgs84(shapely.segmentize(metric, 1000.0), self.crs)

        return gpd.GeoDataFrame({"width_shape": grown(half), "reach_shape": grown(half + self.reach_m)},
                                index=pd.Index(corridors["uuid"].astype(object)), geometry="width_shape", crs=4326)

    def recompute(self, uuids: Iterable[str]) -> set[str]:
        """Recompute these corridors (those no longer present or valid are dropped)."""
        wanted = sorted(set(uuids))
        if not wanted:
            self.last_recomputed = set()
            return set()
        ws = self.workspace
        corridors = read_features(ws, CORRIDOR_LAYER, CORRIDOR_COLUMNS, at=self.at, uuids=wanted)
        gone = [u for u in wanted if u not in set(corridors["uuid"].astype(object))]
        self.results = self.results.drop(index=[u for u in gone if u in self.results.index])
        self._extents = self._extents.drop(index=[u for u in gone if u in self._extents.index])
        if len(corridors):
            if self.crs is None:
                self.crs = utm_crs_for([np.asarray(corridors.geometry.values, dtype=object)])
            extents = self._extents_of(corridors)
            bbox = tuple(float(v) for v in shapely.total_bounds(extents["reach_shape"].values))
            zones = read_features(ws, ZONE_LAYER, ZONE_COLUMNS, bbox=bbox, at=self.at)
            facilities = read_features(ws, FACILITY_LAYER, FACILITY_COLUMNS, bbox=bbox)
            rows = compute_corridor_risk(corridors, zones, facilities, reach_m=self.reach_m, crs=self.crs)
            self.results = pd.concat([self.results.drop(index=[u for u in rows.index if u in self.results.index]),
                                      rows])
            self._extents = pd.concat([self._extents.drop(index=[u for u in extents.index
                                                                 if u in self._extents.index]), extents])
        self.last_recomputed = set(wanted)
        self.recompute_count += len(wanted)
        self._notify(self.last_recomputed)
        return self.last_recomputed

    # --- change routing -----------------------------------------------------------------
    def _on_change(self, change: WorkspaceChange) -> None:
        if change.layer == CORRIDOR_LAYER:
            self.recompute(change.uuids)
        elif change.layer == ZONE_LAYER:
            self.recompute(self._touched(change.uuids, ZONE_LAYER, self._zone_bounds, "width_shape"))
        elif change.layer == FACILITY_LAYER:
            self.recompute(self._touched(change.uuids, FACILITY_LAYER, self._facility_bounds, "reach_shape"))

    def _touched(self, uuids: Sequence[str], layer: str, known: dict[str, np.ndarray],
                 shape_column: str) -> set[str]:
        """Corridors whose extent meets the old or the new bounds of the changed features."""
        boxes = [known.pop(u) for u in uuids if u in known]  # old bounds
        at = self.at if layer == ZONE_LAYER else None
        current = read_features(self.workspace, layer, ["uuid"], at=at, uuids=list(uuids))
        if len(current):
            new_bounds = shapely.bounds(current.geometry.values)
            known.update(zip(current["uuid"].astype(object), new_bounds, strict=True))
            boxes.extend(new_bounds)
        if not boxes or len(self._extents) == 0:
            return set()
        shapes = np.asarray(self._extents[shape_column].values, dtype=object)
        change_boxes = shapely.box(*np.asarray(boxes, dtype=float).T)
        _, hit = shapely.STRtree(shapes).query(change_boxes, predicate="intersects")
        return set(self._extents.index[np.unique(hit)])

    def _notify(self, uuids: set[str]) -> None:
        for listener in list(self._listeners):
            listener(uuids)
