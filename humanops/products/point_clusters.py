"""A point layer too large to draw point by point in a browser, drawn as grid clusters instead.

A briefing map is one HTML file that must open quickly on a modest laptop and stay a few MB: a
layer of more than :data:`MAX_POINTS` points is summarised in Python into cells of a square grid
(metres, in the UTM zone of the layer's extent), the cell size the smallest of a ladder of round
sizes that leaves at most :data:`MAX_CLUSTERS` occupied cells. Each cluster is its cell (a square,
so clusters never hide each other at any zoom) and carries how many features it holds, the sum of
every count field (people, households... as :func:`humanops.sharing.generalise.count_fields`
defines them), its worst class (the highest value of a numeric classification, the commonest of an
enum) and the highest TLP among its members. All of it is vectorised (numpy bincount, pandas
groupby).

This is display only, not a sharing decision: the rows given here are already what the audience
may see (``humanops.sharing.audience``). Generalised aggregates among them count with the number
of features they stand for (``feature_count``).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind
from humanops.model.marking import TLP

MAX_POINTS = 5_000       # more points than this in one layer: drawn as clusters
MAX_CLUSTERS = 2_000     # at most this many clusters a layer
CELL_LADDER_M = (100, 250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
                 1_000_000, 2_000_000)
_TLP_LEVELS = [t.value for t in sorted(TLP, key=lambda t: t.rank)]


@dataclass
class Clusters:
    """One row per occupied cell; ``frame`` columns: geometry (the cell, an EPSG:4326 polygon),
    ``centre`` (its centre, a point), ``count`` (features), ``generalised`` (of them, features
    inside generalised aggregates), ``tlp`` (highest), ``cls`` (worst class value, None without a
    classification) and one column per count field (summed)."""

    frame: gpd.GeoDataFrame
    cell_m: int
    features: int
    sum_fields: list[str]


def needs_clusters(frame: pd.DataFrame, kind: LayerKind, max_points: int = MAX_POINTS) -> bool:
    return kind.geometry == "Point" and len(frame) > max_points


def cluster_points(frame: gpd.GeoDataFrame, kind: LayerKind, *, max_clusters: int = MAX_CLUSTERS) -> Clusters:
    """The points of ``frame`` (EPSG:4326; a ``generalised`` column as the audience view gives it)
    gathered into grid cells, at most ``max_clusters`` of them."""
    from humanops.sharing.generalise import count_fields

    present = ~(frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    frame = frame[present]
    # a multi-point would be placed by its centroid
    centres = gpd.GeoSeries(shapely.centroid(np.asarray(frame.geometry.values, dtype=object)), crs=4326)
    crs = centres.estimate_utm_crs() if len(centres) else None
    xy = shapely.get_coordinates(centres.to_crs(crs).values) if crs is not None else np.zeros((0, 2))
    weight = _feature_weights(frame)
    cell_m, cells, group = _grid(xy, max_clusters)
    n_groups = len(cells)

    count = np.bincount(group, weights=weight, minlength=n_groups).round().astype(np.int64)
    generalised = frame["generalised"].notna().to_numpy() if "generalised" in frame.columns \
        else np.zeros(len(frame), dtype=bool)
    gen_count = np.bincount(group, weights=np.where(generalised, weight, 0), minlength=n_groups).round()
    out = pd.DataFrame({"count": count, "generalised": gen_count.astype(np.int64)})
    rank = pd.Series(frame["tlp"].astype(str).to_numpy()).map({t: i for i, t in enumerate(_TLP_LEVELS)})
    highest = pd.Series(rank.fillna(0).to_numpy(dtype=np.int64)).groupby(group).max()
    out["tlp"] = np.asarray(_TLP_LEVELS, dtype=object)[highest.reindex(range(n_groups), fill_value=0).to_numpy()]
    out["cls"] = _worst_class(frame, kind, group, n_groups)
    sums = [f for f in count_fields(kind) if f in frame.columns]
    for name in sums:
        values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        known = np.isfinite(values)
        total = np.bincount(group, weights=np.where(known, values, 0.0), minlength=n_groups)
        any_known = np.bincount(group, weights=known.astype(float), minlength=n_groups) > 0
        out[name] = pd.array(np.where(any_known, total.round(), np.nan), dtype="Int64")
    low = cells * cell_m
    squares = gpd.GeoSeries(shapely.box(low[:, 0], low[:, 1], low[:, 0] + cell_m, low[:, 1] + cell_m), crs=crs)
    middles = gpd.GeoSeries(shapely.points(low + cell_m / 2), crs=crs)
    out["centre"] = middles.to_crs(4326).values if n_groups else []
    clusters = gpd.GeoDataFrame(out, geometry=squares.to_crs(4326).values if n_groups else [], crs=4326)
    return Clusters(clusters, cell_m, int(weight.sum().round()), sums)


def _feature_weights(frame: pd.DataFrame) -> np.ndarray:
    """How many features each row stands for: 1, or a generalised aggregate's ``feature_count``."""
    if "feature_count" not in frame.columns:
        return np.ones(len(frame))
    counts = pd.to_numeric(frame["feature_count"], errors="coerce").to_numpy(dtype=float)
    return np.where(np.isfinite(counts) & (counts > 0), counts, 1.0)


def _grid(xy: np.ndarray, max_clusters: int) -> tuple[int, np.ndarray, np.ndarray]:
    """The smallest cell of the ladder leaving at most ``max_clusters`` occupied cells: its size,
    the occupied cells (column, row in cell units, one row each) and each point's cell."""
    for cell_m in CELL_LADDER_M:
        ij = np.floor(xy / cell_m).astype(np.int64)
        origin = ij.min(axis=0) if len(ij) else np.zeros(2, dtype=np.int64)
        rows = int((ij[:, 1] - origin[1]).max(initial=0)) + 1
        # one integer a cell: np.unique on rows (axis=0) sorts ten times slower
        keys, group = np.unique((ij[:, 0] - origin[0]) * rows + (ij[:, 1] - origin[1]), return_inverse=True)
        if len(keys) <= max_clusters or cell_m == CELL_LADDER_M[-1]:
            cells = np.column_stack([keys // rows + origin[0], keys % rows + origin[1]])
            return cell_m, cells, group.reshape(-1)
    raise AssertionError("unreachable: the ladder's last size is always taken")


def _worst_class(frame: pd.DataFrame, kind: LayerKind, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Per cell: the highest value of a numeric classification (the worst severity), the commonest
    value of any other; None where no member has one."""
    by = kind.style.classify_by
    empty = np.full(n_groups, None, dtype=object)
    if not by or by not in frame.columns or not n_groups:
        return empty
    values = frame[by].reset_index(drop=True)
    if kind.field(by).type in ("integer", "real"):
        numeric = pd.to_numeric(values, errors="coerce")
        worst = numeric.groupby(group).max()
        result = worst.reindex(range(n_groups)).to_numpy(dtype=object)
        return np.array([None if v is None or v != v else v for v in result], dtype=object)
    known = values.notna().to_numpy()
    if not known.any():
        return empty
    table = pd.DataFrame({"g": group[known], "v": values[known].astype(str).to_numpy()})
    common = table.groupby(["g", "v"]).size().sort_values(ascending=False, kind="stable").reset_index()
    first = common.drop_duplicates("g").set_index("g")["v"]
    result = empty.copy()
    result[first.index.to_numpy()] = first.to_numpy()
    return result
