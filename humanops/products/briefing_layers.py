"""One layer of a briefing map as the page draws it: the features an audience may see (exactly as
:func:`humanops.sharing.audience.audience_view` gives them), their symbols, their popup values,
and the legend.

What the page receives for a layer (``spec``, JSON):

- ``symbols``: Leaflet path options per style class (:mod:`humanops.products.briefing_symbols`),
  the base symbol last; each feature names its own by index (``s``);
- ``fields``: the kind's field labels (with units), in the kind file's order; each feature's ``v``
  holds its values as text, in that order (None where it has none);
- per feature: its TLP (``t``), originator (``o``), uuid (``id``) and, for a generalised
  aggregate, the precision it was generalised to (``g``) and how many features it stands for
  (``n``); ``r`` is a point's size in pixels where the kind sizes points by a field;
- ``bands``: a corridor's true width (the kind's ``buffer_field``), as areas under its line;
- ``clusters``: instead of points, for a point layer too large to draw one by one
  (:mod:`humanops.products.point_clusters`): per cluster its count, sums and worst class.

Coordinates are rounded to 5 decimals (about a metre), the display precision of a briefing.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.catalog import FieldSpec, LayerKind
from humanops.feedback import Feedback
from humanops.model.numbers import format_number
from humanops.products.briefing_symbols import legend_html, path_options
from humanops.products.point_clusters import MAX_POINTS, Clusters, cluster_points, needs_clusters
from humanops.sharing.audience import AudienceLayer

COORDINATE_DECIMALS = 5
CLUSTER_MIN_OPACITY, CLUSTER_MAX_OPACITY = 0.25, 0.85


@dataclass
class LayerContent:
    """One layer made ready for the page, with what the briefing reports of it."""

    name: str
    title: str
    spec_json: str                      # the page's data for the layer (see the module docstring)
    legend: str                         # HTML
    exact: int                          # features shown at their own location
    generalised: int                    # generalised aggregates shown
    withheld: int                       # features the audience may not see (count only)
    features: int                       # features shown in all (aggregates count what they hold)
    drawn: int                          # items on the map: features, or clusters
    cluster_cell_m: int | None = None   # drawn as clusters of this cell size
    bounds: tuple[float, float, float, float] | None = None
    notes: list[str] = field(default_factory=list)


def layer_content(layer: AudienceLayer, *, lang: str | None = None, max_points: int = MAX_POINTS,
                  feedback: Feedback | None = None) -> LayerContent:
    kind = layer.kind
    frame = layer.frame
    title = kind.title_in(lang)
    present = ~(frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    frame = frame[present].reset_index(drop=True)
    symbols, index_of = _symbols(kind)
    notes: list[str] = []
    meta: dict[str, Any] = {"name": kind.name, "title": title, "geometry": kind.geometry,
                            "symbols": symbols, "fields": [_label(f, lang) for f in kind.fields]}
    represented = _represented(frame)
    cluster_cell = None
    drawn = len(frame)
    if needs_clusters(frame, kind, max_points):
        clusters = cluster_points(frame, kind)
        cluster_cell, drawn = clusters.cell_m, len(clusters.frame)
        meta["clusters"] = _cluster_meta(kind, clusters, lang)
        features = _cluster_features(clusters, kind, index_of, lang)
        notes.append(f"{format_number(clusters.features)} features in {format_number(len(clusters.frame))} cells of "
                     f"{_distance(clusters.cell_m)}; colour: {meta['clusters']['classLabel'] or 'class'} in the cell; "
                     "darker: more features; zoom in for the counts")
        bands = "null"
    else:
        features = _features(frame, kind, index_of, lang)
        bands = _bands(frame, kind, index_of)
        if kind.style.size_by is not None:
            size_by = kind.style.size_by
            notes.append(f"size: {_label(kind.field(size_by.field), lang).lower()} "
                         f"(up to {format_number(size_by.max_value)})")
        if kind.style.buffer_field:
            notes.append("band: true width")
    if layer.generalised:
        notes.append(f"{format_number(layer.generalised)} generalised aggregate(s) standing for "
                     f"{format_number(represented - layer.exact)} feature(s): locations shown only as the "
                     "marking allows this audience")
    if feedback is not None:
        feedback.check()
    spec_json = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))[:-1] \
        + f',"features":{features},"bands":{bands}}}'
    minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds) if len(frame) else (math.nan,) * 4
    bounds = (minx, miny, maxx, maxy) if all(math.isfinite(v) for v in (minx, miny, maxx, maxy)) else None
    return LayerContent(kind.name, title, spec_json, legend_html(kind, title, notes, lang), layer.exact,
                        layer.generalised, sum(layer.withheld.values()), represented, drawn, cluster_cell, bounds,
                        notes)


def _represented(frame: pd.DataFrame) -> int:
    """Features shown in all: an exact row is one, a generalised aggregate what it stands for."""
    if "feature_count" not in frame.columns:
        return len(frame)
    counts = pd.to_numeric(frame["feature_count"], errors="coerce")
    generalised = frame["generalised"].notna()
    return int((~generalised).sum() + counts[generalised].fillna(1).sum())


# --- symbols and labels -----------------------------------------------------------------------

def _symbols(kind: LayerKind) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Path options per class (the kind file's order), the base symbol last; class key -> index."""
    style = kind.style
    symbols = [path_options(cls.over(style.base), kind.geometry) for cls in style.classes.values()]
    index_of = {key: i for i, key in enumerate(style.classes)}
    symbols.append(path_options(style.base, kind.geometry))
    return symbols, index_of


def _class_key(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _symbol_indexes(values: pd.Series | np.ndarray, index_of: dict[str, int]) -> list[int]:
    base = len(index_of)
    return [index_of.get(_class_key(v) or "", base) for v in np.asarray(values, dtype=object)]


def _label(spec: FieldSpec, lang: str | None) -> str:
    unit = spec.unit_in(lang)
    label = spec.label_in(lang)
    label = label[:1].upper() + label[1:]
    return f"{label} ({unit})" if unit and unit not in label.lower() else label


def _distance(metres: float) -> str:
    return f"{format_number(metres / 1000)} km" if metres >= 1000 else f"{format_number(metres)} m"


# --- values -------------------------------------------------------------------------------------

def display_value(spec: FieldSpec, value: Any, lang: str | None) -> str | None:
    """A stored value as a reader sees it: enum labels, numbers with separators, times in UTC."""
    if value is None or value is pd.NA or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    kind = spec.type
    if kind == "enum":
        return spec.value_label(value, lang)
    if kind in ("integer", "real"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        return format_number(int(number) if kind == "integer" and number.is_integer() else number)
    if kind == "boolean":
        return "yes" if str(value).lower() in ("1", "true", "yes") else "no"
    if kind == "datetime":
        text = str(value)
        return text[:16].replace("T", " ") + " UTC" if len(text) >= 16 else text
    return str(value)


def _value_rows(frame: pd.DataFrame, kind: LayerKind, lang: str | None) -> list[list[str | None]]:
    columns = []
    for spec in kind.fields:
        if spec.name in frame.columns:
            columns.append([display_value(spec, v, lang) for v in frame[spec.name].to_numpy(dtype=object)])
        else:
            columns.append([None] * len(frame))
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in range(len(frame))]


def _sizes(frame: pd.DataFrame, kind: LayerKind) -> np.ndarray | None:
    """Marker sizes in pixels as the app's canvas draws them: the *area* grows with the value
    (square root), from min_size to max_size at max_value (humanops/ui/canvas/layer_data.py)."""
    size_by = kind.style.size_by
    if kind.geometry != "Point" or size_by is None or size_by.field not in frame.columns:
        return None
    value = pd.to_numeric(frame[size_by.field], errors="coerce").to_numpy(dtype=float)
    share = np.sqrt(np.clip(np.nan_to_num(value, nan=0.0), 0, None) / size_by.max_value)
    scaled = size_by.min_size + (size_by.max_size - size_by.min_size) * np.clip(share, 0, 1)
    return np.round(np.where(np.isfinite(value), scaled, size_by.min_size), 1)


# --- GeoJSON ------------------------------------------------------------------------------------

def _geometries(geometry: Any) -> np.ndarray:
    geoms = np.asarray(geometry, dtype=object)
    return shapely.transform(geoms, lambda c: np.round(c, COORDINATE_DECIMALS))


def feature_collection(geometry: Any, properties: list[dict[str, Any]]) -> str:
    """A GeoJSON FeatureCollection as compact text (geometries through GEOS, rounded)."""
    geoms = _geometries(geometry)
    texts = shapely.to_geojson(geoms) if len(geoms) else []
    parts = [f'{{"type":"Feature","geometry":{g},"properties":'
             f'{json.dumps(p, ensure_ascii=False, separators=(",", ":"))}}}'
             for g, p in zip(texts, properties, strict=True) if g is not None]
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


def _features(frame: gpd.GeoDataFrame, kind: LayerKind, index_of: dict[str, int], lang: str | None) -> str:
    by = kind.style.classify_by
    styles = _symbol_indexes(frame[by] if by and by in frame.columns else [None] * len(frame), index_of)
    values = _value_rows(frame, kind, lang)
    sizes = _sizes(frame, kind)
    generalised = frame["generalised"].to_numpy(dtype=object) if "generalised" in frame.columns \
        else np.full(len(frame), None, dtype=object)
    counts = pd.to_numeric(frame["feature_count"], errors="coerce").to_numpy(dtype=float) \
        if "feature_count" in frame.columns else np.full(len(frame), np.nan)
    properties = []
    for i, (tlp, originator, uuid) in enumerate(zip(frame["tlp"].to_numpy(dtype=object),
                                                    frame["originator"].to_numpy(dtype=object),
                                                    frame["uuid"].to_numpy(dtype=object), strict=True)):
        props: dict[str, Any] = {"s": styles[i], "v": values[i], "t": str(tlp), "o": originator, "id": uuid}
        if generalised[i] is not None and generalised[i] == generalised[i]:
            props["g"] = str(generalised[i])
            if math.isfinite(counts[i]):
                props["n"] = int(counts[i])
        if sizes is not None:
            props["r"] = float(sizes[i])
        properties.append(props)
    return feature_collection(frame.geometry.values, properties)


def _bands(frame: gpd.GeoDataFrame, kind: LayerKind, index_of: dict[str, int]) -> str:
    """A line kind drawn at its true width (corridors): each line's band, ``width/2`` either side,
    buffered in metres in the UTM zone of the layer."""
    width_field = kind.style.buffer_field
    if kind.geometry != "LineString" or not width_field or width_field not in frame.columns or not len(frame):
        return "null"
    width = pd.to_numeric(frame[width_field], errors="coerce").to_numpy(dtype=float)
    has_width = np.isfinite(width) & (width > 0)
    if not has_width.any():
        return "null"
    lines = frame[has_width]
    crs = lines.geometry.estimate_utm_crs()
    bands = lines.geometry.to_crs(crs).buffer(width[has_width] / 2, cap_style="flat").to_crs(4326)
    by = kind.style.classify_by
    styles = _symbol_indexes(lines[by] if by and by in lines.columns else [None] * len(lines), index_of)
    return feature_collection(bands.values, [{"s": s} for s in styles])


# --- clusters ----------------------------------------------------------------------------------

def _cluster_meta(kind: LayerKind, clusters: Clusters, lang: str | None) -> dict[str, Any]:
    by = kind.style.classify_by
    numeric = bool(by) and kind.field(by).type in ("integer", "real")  # type: ignore[arg-type]
    class_label = None
    if by:
        label = _label(kind.field(by), lang).lower()
        class_label = f"highest {label}" if numeric else f"most common {label}"
    return {"cell": _distance(clusters.cell_m), "cell_m": clusters.cell_m,
            "sums": [_label(kind.field(f), lang) for f in clusters.sum_fields], "classLabel": class_label}


def _cluster_features(clusters: Clusters, kind: LayerKind, index_of: dict[str, int], lang: str | None) -> str:
    """Each cluster's cell, shaded by how many features it holds (the square root of its share of
    the largest cell), with its count at its centre (``at``)."""
    frame = clusters.frame
    counts = frame["count"].to_numpy(dtype=np.int64)
    largest = max(int(counts.max()) if len(counts) else 1, 1)
    shades = CLUSTER_MIN_OPACITY + (CLUSTER_MAX_OPACITY - CLUSTER_MIN_OPACITY) * np.sqrt(counts / largest)
    styles = _symbol_indexes(frame["cls"], index_of)
    by = kind.style.classify_by
    spec = kind.field(by) if by else None
    sums = [[display_value(kind.field(f), v, lang) for v in frame[f].to_numpy(dtype=object)]
            for f in clusters.sum_fields]
    centres = shapely.get_coordinates(np.asarray(frame["centre"].to_numpy(), dtype=object)).round(COORDINATE_DECIMALS)
    properties = []
    for i in range(len(frame)):
        cls = frame["cls"].iat[i]
        props: dict[str, Any] = {"s": styles[i], "n": int(counts[i]), "t": str(frame["tlp"].iat[i]),
                                 "f": round(float(shades[i]), 2), "at": centres[i].tolist(),
                                 "a": [column[i] for column in sums]}
        if spec is not None and cls is not None:
            props["c"] = display_value(spec, cls, lang)
        generalised = int(frame["generalised"].iat[i])
        if generalised:
            props["gm"] = generalised
        properties.append(props)
    return feature_collection(frame.geometry.values, properties)
