"""Generalised locations for recipients not entitled to exact ones (protection data).

:func:`generalise` turns a layer's features (a GeoDataFrame as ``Workspace.read_layer`` gives
it, EPSG:4326) into what a recipient may see under a :class:`~humanops.model.marking.Precision`.
All geometry work is vectorised (shapely 2, pyproj through geopandas); grouping is pandas.

Grid precision (``grid:N[:kK]``), in a UTM zone chosen for the area (:func:`grid_crs`, cells
aligned on multiples of N metres of that zone's easting/northing):

- **Points** are snapped to the centre of their N-metre cell and **aggregated**: one output
  point per cell (and per originator and marking, so a marking is never mixed with another);
  counts are summed, ``feature_count`` says how many features went in.
- **Polygons** keep one feature each, their outline snapped to the N-metre grid (every vertex
  on a cell corner, GEOS ``set_precision``); a polygon smaller than a cell becomes the cell
  that holds it. A footprint keeps the layer's geometry type, so the recipient can still
  store and check it; the snapped centroid would not be a valid danger zone.
- **Lines** keep one feature each, every vertex snapped to a cell corner (repeated vertices
  removed); a line that collapses into one cell is dropped (counted as suppressed).

Admin precision (``admin:FIELD[:kK]``): points are aggregated per value of FIELD (e.g. the
P-code ``admin_code``); the output point is the area's representative point when the caller
passes ``admin_areas``, otherwise the mean of the members snapped to the centre of an
``admin_snap_m`` cell (5 km by default), so a lone member's position is not given away.
Features without a FIELD value cannot be placed and are dropped. Lines and polygons under
admin precision are snapped to the ``admin_snap_m`` grid as above.

Counts and suppression (both modes):

- *Counts* are integer fields with a unit (people, households, rations...) and no rate
  ("per"): summed per group. People counts (unit ``people`` or ``households``) are **rounded
  half-up to the nearest ``round_to``** (10 by default).
- *People in a group*: the ``population`` field if the kind has one, else ``occupancy``, else
  the sum of its people-count fields; unknown counts count as zero. A group with fewer than k
  people (raw or rounded) is **suppressed** whole; in a kept group, a people count that is
  above zero but under k (raw or rounded) is blanked. A kind with no people field has nothing
  to count, and k does not apply to it.
- Other numbers and booleans: the largest (the worst severity); dates: the latest, date-times
  floored to the day; enums: the common value, else ``other`` where the kind has it.
- **Text is dropped** (names, notes, sources, operators could identify people); a required
  text field gets a neutral label ("3 need features, grid 1000 m"). The admin FIELD is kept.
  Provenance (source_package, source_signer) is dropped: the sender is the new source.

Identity: an aggregated point gets a uuid derived from (kind, grid, cell or area, originator,
marking), stable from one export to the next, with the highest member version and the latest
``modified``; a per-feature (line, polygon) output keeps its feature's identity.
Output attrs: ``grid_crs``, ``input_features``, ``suppressed_features``, ``suppressed_groups``.
"""

from __future__ import annotations

import math
import uuid as uuid_module
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from humanops.catalog import FieldSpec, LayerKind
from humanops.errors import ValidationError
from humanops.model.marking import Precision

PEOPLE_UNITS = ("people", "households")
GROUP_MARKING = ("originator", "tlp", "releasable_to", "caveats", "precision")
IDENTITY = ("uuid", "version", "originator", "created", "modified")
MARKING = ("tlp", "releasable_to", "caveats", "expires", "precision")
_NAMESPACE = uuid_module.UUID("6f1c2a9e-5d0b-4c8e-9a61-3f7d2b8c4e15")


def grid_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> CRS:
    """The UTM zone (WGS 84) of the centre of the frame's extent."""
    bounds = frame.to_crs(4326).total_bounds if frame.crs is not None else frame.total_bounds
    if not np.isfinite(bounds).all():
        return CRS.from_epsg(32631)  # nothing to place: any zone will do
    lon = (bounds[0] + bounds[2]) / 2
    lat = (bounds[1] + bounds[3]) / 2
    zone = min(60, max(1, math.floor((lon + 180) / 6) + 1))
    return CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def count_fields(kind: LayerKind) -> list[str]:
    """Integer fields that add up across features (a unit, and not a rate)."""
    return [f.name for f in kind.fields if f.type == "integer" and f.unit and " per " not in f" {f.unit} "]


def people_fields(kind: LayerKind) -> list[str]:
    return [f.name for f in kind.fields if f.type == "integer" and f.unit in PEOPLE_UNITS]


def people_measure(kind: LayerKind) -> list[str]:
    """The fields whose sum is a group's number of people ([] when the kind counts none)."""
    names = kind.field_names
    for preferred in ("population", "occupancy"):
        if preferred in names:
            return [preferred]
    return [f for f in people_fields(kind) if kind.field(f).unit == "people"]


def round_half_up(values: pd.Series, step: int) -> pd.Series:
    if step <= 1:
        return values
    return (np.floor(values.astype(float) / step + 0.5) * step).astype("Int64")


def generalise(frame: gpd.GeoDataFrame, precision: Precision, kind: LayerKind, *,
               crs: CRS | None = None, round_to: int = 10,
               admin_areas: Mapping[str, BaseGeometry] | None = None,
               admin_snap_m: int = 5000) -> gpd.GeoDataFrame:
    """``frame``'s features as a recipient entitled only to ``precision`` may receive them.

    See the module docstring for what happens to points, lines, polygons, counts and text.
    """
    if precision.mode not in ("grid", "admin"):
        if precision.mode == "exact":
            return frame
        raise ValidationError(f"unknown precision {precision}", layer=kind.name, field="precision")
    if precision.mode == "admin" and precision.admin_field not in kind.field_names:
        raise ValidationError(f"precision admin:{precision.admin_field} names no field of {kind.name}",
                              layer=kind.name, field="precision")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    n_in = len(frame)
    present = ~(frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    frame = frame[present]
    crs = crs or grid_crs(frame)
    if kind.geometry == "Point":
        out = _aggregate_points(frame, precision, kind, crs, admin_areas, admin_snap_m)
    else:
        size = precision.grid_m if precision.mode == "grid" else admin_snap_m
        out = _snap_shapes(frame, kind, crs, int(size))
    out, suppressed_groups = _counts(out, kind, precision.k, round_to)
    kept = int(out["feature_count"].sum()) if len(out) else 0
    out = out.reset_index(drop=True)
    out.attrs.update({
        "grid_crs": crs.to_string(),
        "input_features": n_in,
        "suppressed_features": n_in - kept,
        "suppressed_groups": suppressed_groups,
    })
    return out


# --- points --------------------------------------------------------------------------------

def _aggregate_points(frame: gpd.GeoDataFrame, precision: Precision, kind: LayerKind, crs: CRS,
                      admin_areas: Mapping[str, BaseGeometry] | None, admin_snap_m: int) -> gpd.GeoDataFrame:
    projected = frame.geometry.to_crs(crs)
    # a multi-point or any odd shape in a point layer is placed by its centroid
    centres = shapely.centroid(np.asarray(projected.values, dtype=object))
    x, y = shapely.get_x(centres), shapely.get_y(centres)
    keys = pd.DataFrame(index=frame.index)
    if precision.mode == "grid":
        size = float(precision.grid_m)
        keys["_ci"] = np.floor(x / size).astype(np.int64)
        keys["_cj"] = np.floor(y / size).astype(np.int64)
    else:
        area = frame[precision.admin_field]
        has_area = area.notna().to_numpy() & (area.astype(str).str.strip() != "").to_numpy()
        frame, x, y, keys = frame[has_area], x[has_area], y[has_area], keys[has_area]
        keys["_ci"] = frame[precision.admin_field].astype(str).to_numpy()
        keys["_cj"] = 0
    for col in GROUP_MARKING:
        keys[col] = _text(frame, col)
    keys["_x"], keys["_y"] = x, y
    grouped = keys.groupby(["_ci", "_cj", *GROUP_MARKING], sort=True, dropna=False)
    group_id = grouped.ngroup().to_numpy()
    n_groups = int(group_id.max()) + 1 if len(group_id) else 0
    first_rows = np.zeros(n_groups, dtype=np.int64)
    first_rows[group_id[::-1]] = np.arange(len(group_id))[::-1]
    out = pd.DataFrame(index=pd.RangeIndex(n_groups))
    for col in ("_ci", "_cj", *GROUP_MARKING):
        out[col] = keys[col].to_numpy(dtype=object)[first_rows]
    out["_cell"] = [f"{i}:{j}" for i, j in zip(out["_ci"].tolist(), out["_cj"].tolist(), strict=True)] \
        if precision.mode == "grid" else out["_ci"]
    out["feature_count"] = np.bincount(group_id, minlength=len(out))

    if precision.mode == "grid":
        size = float(precision.grid_m)
        cx = (out["_ci"].to_numpy(dtype=np.int64) + 0.5) * size
        cy = (out["_cj"].to_numpy(dtype=np.int64) + 0.5) * size
        label = f"grid {precision.grid_m} m"
    else:
        counts = np.maximum(out["feature_count"].to_numpy(), 1)
        mean_x = np.bincount(group_id, weights=x, minlength=len(out)) / counts
        mean_y = np.bincount(group_id, weights=y, minlength=len(out)) / counts
        cx = (np.floor(mean_x / admin_snap_m) + 0.5) * admin_snap_m
        cy = (np.floor(mean_y / admin_snap_m) + 0.5) * admin_snap_m
        label = f"by {precision.admin_field}"
    geometry = gpd.GeoSeries(shapely.points(cx, cy), crs=crs).to_crs(4326)
    if precision.mode == "admin" and admin_areas:
        placed = [admin_areas.get(v) for v in out["_cell"]]
        reps = [None if a is None else shapely.point_on_surface(a) for a in placed]
        geometry = gpd.GeoSeries([r if r is not None else g for r, g in zip(reps, geometry, strict=True)],
                                 crs=4326)
    _aggregate_fields(out, frame, group_id, kind, precision, label)
    _aggregate_identity(out, frame, group_id, kind, precision, crs)
    return gpd.GeoDataFrame(out.drop(columns=["_cell", "_ci", "_cj"]), geometry=geometry.values, crs=4326)


def _aggregate_fields(out: pd.DataFrame, frame: pd.DataFrame, group_id: np.ndarray, kind: LayerKind,
                      precision: Precision, label: str) -> None:
    summed = set(count_fields(kind))
    by = pd.Series(group_id, index=frame.index)
    n = len(out)
    for spec in kind.fields:
        name = spec.name
        if name not in frame.columns:
            out[name] = None
            continue
        col = frame[name]
        if precision.mode == "admin" and name == precision.admin_field:
            out[name] = out["_cell"].to_numpy()
        elif name in summed:
            values = pd.to_numeric(col, errors="coerce")
            out[name] = values.groupby(by).sum(min_count=1).reindex(range(n)).astype("Int64").to_numpy()
        elif spec.type in ("integer", "real", "boolean", "date"):
            values = col if spec.type != "integer" else pd.to_numeric(col, errors="coerce")
            out[name] = values.groupby(by).max().reindex(range(n)).to_numpy()
        elif spec.type == "datetime":
            stamps = pd.to_datetime(col, utc=True, errors="coerce", format="ISO8601")
            out[name] = stamps.groupby(by).max().reindex(range(n)).dt.floor("D").to_numpy()
        elif spec.type == "enum":
            out[name] = _common_value(col, by, n, spec)
        else:  # text: could identify people
            out[name] = None
    for spec in kind.fields:
        if spec.type == "text" and spec.required and not (
                precision.mode == "admin" and spec.name == precision.admin_field):
            out[spec.name] = [f"{c} {kind.name} feature{'s' if c != 1 else ''}, {label}"
                              for c in out["feature_count"]]


def _common_value(col: pd.Series, by: pd.Series, n: int, spec: FieldSpec) -> np.ndarray:
    values = col.astype(object).where(col.notna(), None)
    frame = pd.DataFrame({"g": by.to_numpy(), "v": values.to_numpy(dtype=object)})
    nunique = frame.groupby("g")["v"].nunique().reindex(range(n)).fillna(0).to_numpy()
    firsts = frame.dropna(subset=["v"]).groupby("g")["v"].first().reindex(range(n)).to_numpy(dtype=object)
    mixed_value = "other" if "other" in spec.values else None
    result = np.where(nunique > 1, mixed_value, firsts).astype(object)
    if spec.required and mixed_value is None:
        modes = frame.dropna(subset=["v"]).groupby("g")["v"].agg(lambda s: s.mode().iloc[0])
        modes = modes.reindex(range(n)).to_numpy(dtype=object)
        result = np.where(nunique > 1, modes, result)
    return np.array([None if isinstance(v, float) and v != v else v for v in result], dtype=object)


def _aggregate_identity(out: pd.DataFrame, frame: pd.DataFrame, group_id: np.ndarray, kind: LayerKind,
                        precision: Precision, crs: CRS) -> None:
    by = pd.Series(group_id, index=frame.index)
    n = len(out)
    grid = f"{crs.to_string()}:{precision}"
    parts = [out[c].astype(str).tolist() for c in ("_cell", *GROUP_MARKING)]
    out["uuid"] = [str(uuid_module.uuid5(_NAMESPACE, "|".join((kind.name, grid, *row))))
                   for row in zip(*parts, strict=True)]
    if "version" in frame.columns:
        out["version"] = pd.to_numeric(frame["version"], errors="coerce").groupby(by).max() \
            .reindex(range(n)).fillna(1).astype(int).to_numpy()
    else:
        out["version"] = 1
    for col, how in (("created", "min"), ("modified", "max"), ("expires", "min")):
        if col in frame.columns:
            stamps = pd.to_datetime(frame[col], utc=True, errors="coerce", format="ISO8601")
            out[col] = getattr(stamps.groupby(by), how)().reindex(range(n)).to_numpy()
        else:
            out[col] = None
    for col in GROUP_MARKING:
        out[col] = pd.Series([v or None for v in out[col].tolist()], index=out.index, dtype=object)
    out["source_package"] = None
    out["source_signer"] = None


def _text(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    values = frame[col].astype(object)
    return values.where(values.notna(), "").astype(str).to_numpy(dtype=object)


# --- lines and polygons ------------------------------------------------------------------

def _snap_shapes(frame: gpd.GeoDataFrame, kind: LayerKind, crs: CRS, size: int) -> gpd.GeoDataFrame:
    projected = np.asarray(frame.geometry.to_crs(crs).values, dtype=object)
    if kind.geometry == "MultiPolygon":
        snapped = shapely.set_precision(projected, size)
        collapsed = shapely.is_empty(snapped) | (shapely.area(snapped) == 0)
        if collapsed.any():
            inner = shapely.point_on_surface(projected[collapsed])
            x0 = np.floor(shapely.get_x(inner) / size) * size
            y0 = np.floor(shapely.get_y(inner) / size) * size
            snapped[collapsed] = shapely.box(x0, y0, x0 + size, y0 + size)
        keep = np.ones(len(snapped), dtype=bool)
    else:
        snapped = shapely.remove_repeated_points(shapely.set_precision(projected, size, mode="pointwise"))
        keep = ~shapely.is_empty(snapped) & (shapely.get_num_coordinates(snapped) >= 2) & (
            shapely.length(snapped) > 0)
    out = pd.DataFrame(frame[keep].drop(columns=frame.geometry.name))
    for spec in kind.fields:
        if spec.type == "text" and spec.name in out.columns:
            out[spec.name] = f"{kind.name} feature, grid {size} m" if spec.required else None
        elif spec.type == "datetime" and spec.name in out.columns:
            out[spec.name] = pd.to_datetime(out[spec.name], utc=True, errors="coerce",
                                            format="ISO8601").dt.floor("D")
    out["feature_count"] = 1
    for col in ("source_package", "source_signer"):
        out[col] = None
    geometry = gpd.GeoSeries(snapped[keep], crs=crs).to_crs(4326)
    return gpd.GeoDataFrame(out, geometry=geometry.values, crs=4326)


# --- counts ---------------------------------------------------------------------------------

def _counts(out: gpd.GeoDataFrame, kind: LayerKind, k: int, round_to: int) -> tuple[gpd.GeoDataFrame, int]:
    """Round people counts, suppress groups under k people, blank counts under k."""
    measure = [f for f in people_measure(kind) if f in out.columns]
    people_cols = [f for f in people_fields(kind) if f in out.columns]
    raw = {f: pd.to_numeric(out[f], errors="coerce") for f in people_cols}
    suppressed = 0
    if k > 0 and measure:
        people = sum((raw[f].fillna(0) for f in measure), start=pd.Series(0.0, index=out.index))
        rounded = round_half_up(people, round_to).astype(float)
        keep = ((people >= k) & (rounded >= k)).to_numpy()
        suppressed = int((~keep).sum())
        out = out[keep]
        raw = {f: v[keep] for f, v in raw.items()}
    for f in people_cols:
        values = round_half_up(raw[f], round_to)
        if k > 0:
            small = ((raw[f] > 0) & (raw[f] < k)) | ((values > 0) & (values < k))
            values = values.mask(small.fillna(False).astype(bool))
        out[f] = values.astype("Int64")
    return out, suppressed
