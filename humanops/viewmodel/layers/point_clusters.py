"""Dense points drawn as clusters: one disc a grid cell, with the number of features in it. Qt-free.

A million needs in a 1600 x 1000 view are a purple carpet in which nothing can be told apart,
and stamping them costs a second. Past :func:`aggregated`'s threshold a point layer is drawn as
clusters instead: the view's points are counted in a square grid of :func:`cell_size` metres
(a power of two of the zoom bucket, fixed in the map CRS, so a pan moves the clusters with the
map and they do not jump), each cell's disc sits at the mean of its points, sized by their
number and coloured by a class of its points: for ordered classes (a severity phase) the most
severe one that at least a fifth of them are in or above, weighted by the sizing value when
the style has one (the 20% rule by which IPC and JIAF classify an area by its population),
else the most common. A cell is always taken whole, even where it
crosses the view's edge, so the disc the renderer draws and the one a click hits are the same.
The time filter applies (only the features valid then are counted).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import numpy as np

from humanops.viewmodel.layers.layer_data import LayerSnapshot
from humanops.viewmodel.map_view import MapView

CELL_PX = 64  # a cell spans 32 to 64 pixels, halving and doubling with the zoom bucket
AGGREGATE_ABOVE = 20_000  # points in view, at the least, before a layer is drawn as clusters
PX2_PER_POINT = 40.0  # ... and more than one point per this many square pixels of the view
LIST_UP_TO = 12  # a click on a cluster this small lists its features; a larger one zooms in
DISC_MIN_PX = 16.0
DISC_MAX_PX = 46.0
SEVERE_SHARE = 0.2  # the 20% rule (see above)


def aggregated(visible_points: int, view: MapView) -> bool:
    """Whether a point layer with this many points in the view is drawn as clusters."""
    return visible_points > max(AGGREGATE_ABOVE, view.width * view.height / PX2_PER_POINT)


def cell_size(view: MapView) -> float:
    """Cluster cell side in map metres for the view's zoom bucket."""
    return CELL_PX * 2.0 ** view.zoom_bucket()


def disc_diameter(count: np.ndarray) -> np.ndarray:
    """Pixels across a cluster's disc: growing with the log of its count."""
    return np.clip(DISC_MIN_PX + 7.0 * np.log10(np.maximum(count, 1)), DISC_MIN_PX, DISC_MAX_PX)


def cell_aligned(extent: tuple[float, float, float, float], cell: float) -> tuple[float, float, float, float]:
    """The extent grown to whole cells (a cell that the view cuts is counted whole)."""
    minx, miny, maxx, maxy = extent
    return (np.floor(minx / cell) * cell, np.floor(miny / cell) * cell,
            (np.floor(maxx / cell) + 1) * cell, (np.floor(maxy / cell) + 1) * cell)


@dataclass(frozen=True)
class Clusters:
    """The clusters of some points, aligned arrays a cluster; ``members`` (when asked for) the
    rows of each cluster in turn, cluster i's being ``members[offsets[i]:offsets[i + 1]]``."""

    centre: np.ndarray  # (k, 2) map CRS: the mean of the members
    count: np.ndarray  # int64
    class_index: np.ndarray  # the cluster's class (position in the layer's symbols), see above
    sendable: np.ndarray  # int64: members the marking filter lets go (all when there is no filter)
    cell: np.ndarray  # (k, 2) int64 cell column and row
    row_cluster: np.ndarray  # the cluster of each row given, aligned with them
    members: np.ndarray | None = None
    offsets: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.count)

    def rows_of(self, i: int) -> np.ndarray:
        assert self.members is not None and self.offsets is not None
        return self.members[self.offsets[i]:self.offsets[i + 1]]


def cluster_weights(weights: np.ndarray | None) -> np.ndarray | None:
    """What a point weighs in its cluster's class: its sizing value (none or negative: 0), and a
    little more, so that a row without a value still counts."""
    return None if weights is None else np.nan_to_num(np.clip(weights, 0, None)) + 1e-9


def cluster_classes(per_class: np.ndarray, ordered: bool) -> np.ndarray:
    """Each cluster's class from its (k, classes) weight a class: for ordered classes the most
    severe with at least :data:`SEVERE_SHARE` of the weight in it or above, else the heaviest."""
    if ordered:
        classes = per_class.shape[1]
        at_or_above = np.cumsum(per_class[:, ::-1], axis=1)[:, ::-1]
        enough = at_or_above >= SEVERE_SHARE * at_or_above[:, :1]
        return classes - 1 - np.argmax(enough[:, ::-1], axis=1)
    return per_class.argmax(axis=1)


def cluster_points(xy: np.ndarray, rows: np.ndarray, class_index: np.ndarray, cell: float,
                   faded: np.ndarray | None = None, members: bool = False, ordered: bool = False,
                   weights: np.ndarray | None = None) -> Clusters:
    """Clusters of the points ``xy[rows]`` (``class_index``, ``faded`` and ``weights`` aligned
    with ``rows``) in cells of ``cell`` metres; ``ordered``: the classes rank (the 20% rule),
    else the most common wins. Counting is O(n) (``np.bincount`` over the cells the points
    span), so a million points take some tens of milliseconds."""
    if not len(rows):
        empty = np.empty(0, dtype=np.int64)
        return Clusters(np.empty((0, 2)), empty, empty, empty, np.empty((0, 2), dtype=np.int64), empty,
                        empty if members else None, np.zeros(1, dtype=np.int64) if members else None)
    grid = _grid_of(xy, rows, cell)
    key, size, present, count_p = grid.key, grid.size, grid.present, grid.count
    classes = int(class_index.max()) + 1
    weights = cluster_weights(weights)
    per_class = np.bincount(key * classes + class_index, weights=weights,
                            minlength=size * classes).reshape(size, classes)[present]
    cluster_class = cluster_classes(per_class, ordered)
    sendable = count_p if faded is None else np.bincount(key, weights=~faded, minlength=size)[present].astype(np.int64)
    member_rows = offsets = None
    if members:
        order = np.argsort(key, kind="stable")
        member_rows = rows[order]
        offsets = np.concatenate([[0], np.cumsum(count_p)])
    return Clusters(grid.centre, count_p.astype(np.int64), cluster_class.astype(np.int32),
                    sendable, grid.cells, grid.row_cluster, member_rows, offsets)


@dataclass(frozen=True)
class _Grid:
    """What the clusters of some points are whatever their classes: each row's cell key, the
    cells with points (their count, mean and column and row) and each row's cluster."""

    key: np.ndarray
    size: int
    present: np.ndarray
    count: np.ndarray
    centre: np.ndarray
    cells: np.ndarray
    row_cluster: np.ndarray


# The grids last made, by the identity of the arrays they were made of (weak references: a grid
# is used only while those very arrays live, never for others at a reused address). A layer's
# render and the labels' (which keep clear of its discs) cluster the same rows of the same view:
# made once for both (a million points: some 60 to 100 ms each). The rows come from
# clustered_rows, cached by the snapshot, so both see the same array object. A grid being made
# is an Event: one asking for the same grid meanwhile waits for it; any other asker (the GUI
# thread's hit test, say) never waits.
_GRIDS_KEPT = 2
_grids: list[list] = []  # [xy ref, rows ref, cell, _Grid or the Event of one being made]
_grids_lock = threading.Lock()


def _grid_of(xy: np.ndarray, rows: np.ndarray, cell: float) -> _Grid:
    if rows.flags.writeable:  # not clustered_rows' own (read-only) array: it could change in place
        return _made_grid(xy, rows, cell)
    with _grids_lock:
        found = next((entry for entry in _grids
                      if entry[0]() is xy and entry[1]() is rows and entry[2] == cell), None)
        making = None
        if found is None:
            try:
                found = making = [weakref.ref(xy), weakref.ref(rows), cell, threading.Event()]
            except TypeError:  # not weakly referenceable: made, not kept
                found = None
            else:
                _grids.insert(0, making)
                del _grids[_GRIDS_KEPT:]
    if found is not None and making is None:
        value = found[3]
        if isinstance(value, _Grid):
            return value
        value.wait(5.0)  # being made by another thread: the render or the labels of this view
        if isinstance(found[3], _Grid):
            return found[3]
        return _made_grid(xy, rows, cell)  # its maker failed: made here
    try:
        grid = _made_grid(xy, rows, cell)
    except BaseException:
        if making is not None:
            with _grids_lock:  # by identity: an entry's arrays do not compare as truth values
                _grids[:] = [entry for entry in _grids if entry is not making]
            making[3].set()
        raise
    if making is not None:
        event = making[3]
        making[3] = grid
        event.set()
    return grid


def _made_grid(xy: np.ndarray, rows: np.ndarray, cell: float) -> _Grid:
    x, y = xy[rows, 0], xy[rows, 1]
    ix = np.floor(x / cell).astype(np.int64)
    iy = np.floor(y / cell).astype(np.int64)
    ix0, iy0 = int(ix.min()), int(iy.min())
    height = int(iy.max()) - iy0 + 1
    key = (ix - ix0) * height + (iy - iy0)
    size = int(key.max()) + 1
    count = np.bincount(key, minlength=size)
    present = np.flatnonzero(count)
    count_p = count[present]
    centre = np.column_stack([np.bincount(key, weights=x, minlength=size)[present] / count_p,
                              np.bincount(key, weights=y, minlength=size)[present] / count_p])
    cells = np.column_stack([present // height + ix0, present % height + iy0])
    position = np.zeros(size, dtype=np.int64)
    position[present] = np.arange(len(present))
    for array in (key, present, count_p, centre, cells):
        array.flags.writeable = False  # shared by the callers of one grid
    row_cluster = position[key]
    row_cluster.flags.writeable = False
    return _Grid(key, size, present, count_p, centre, cells, row_cluster)


def count_label(count: int) -> str:
    """A cluster's number, short: 7, 950, 1.2k, 15k, 1.1M."""
    if count < 1000:
        return str(count)
    if count < 10_000:
        return f"{count / 1000:.1f}k"
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M"


def rows_in(snapshot: LayerSnapshot, extent: tuple[float, float, float, float], at_ns: int | None) -> np.ndarray:
    """Rows of the snapshot in a map-CRS extent, valid at the time set."""
    rows = snapshot.rows_in_box(*extent)
    valid = snapshot.valid_at(at_ns)
    return rows if valid is None else rows[valid[rows]]


def is_clustered(snapshot: LayerSnapshot, view: MapView, at_ns: int | None) -> bool:
    """Whether a point layer is drawn as clusters in ``view`` (a count, a scan of its points)."""
    if not snapshot.is_points or not len(snapshot):
        return False
    minx, miny, maxx, maxy = view.extent
    x, y = snapshot.tree.x, snapshot.tree.y
    inside = (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
    valid = snapshot.valid_at(at_ns)
    if valid is not None:
        inside &= valid
    return aggregated(int(np.count_nonzero(inside)), view)


def clustered_rows(snapshot: LayerSnapshot, view: MapView, at_ns: int | None) -> np.ndarray | None:
    """The rows a point layer's clusters are made of in ``view`` (those of every cell the view
    shows, whole), or None when the layer is drawn point by point there. The same array for the
    same view and time while the snapshot lives (read-only): the layer's render and the labels
    share its clusters (:func:`cluster_points`)."""
    if not is_clustered(snapshot, view, at_ns):
        return None
    box = cell_aligned(view.extent, cell_size(view))
    return snapshot.clustered_rows_for((*(float(v) for v in box), at_ns),
                                       lambda: rows_in(snapshot, box, at_ns))


@dataclass(frozen=True)
class ClusterHit:
    """The cluster under a click: its features (nearest the click first) and their extent."""

    layer: str
    rows: np.ndarray
    distance: np.ndarray  # map metres from the click, aligned with rows
    bounds: tuple[float, float, float, float]  # map CRS

    @property
    def count(self) -> int:
        return len(self.rows)


def cluster_under(snapshot: LayerSnapshot, x: float, y: float, view: MapView, tolerance_px: float,
                  at_ns: int | None) -> ClusterHit | None:
    """The cluster of an aggregated point layer whose disc (or lone marker) is under the map
    point (x, y): the cells round the click are clustered whole, as the renderer does."""
    if not is_clustered(snapshot, view, at_ns):
        return None
    cell = cell_size(view)
    cx, cy = np.floor(x / cell), np.floor(y / cell)
    near = rows_in(snapshot, ((cx - 1) * cell, (cy - 1) * cell, (cx + 2) * cell, (cy + 2) * cell), at_ns)
    xy = snapshot.point_xy
    ix, iy = np.floor(xy[near, 0] / cell), np.floor(xy[near, 1] / cell)
    near = near[(np.abs(ix - cx) <= 1) & (np.abs(iy - cy) <= 1)]  # whole cells only
    if not len(near):
        return None
    clusters = cluster_points(xy, near, snapshot.class_index[near], cell, members=True)
    radius = np.where(clusters.count > 1, disc_diameter(clusters.count) / 2, 0.0)
    lone = clusters.count == 1
    if lone.any():  # a lone point is drawn as its own marker
        radius[lone] = snapshot.marker_sizes[clusters.members[clusters.offsets[:-1][lone]]] / 2
    gap = np.hypot(clusters.centre[:, 0] - x, clusters.centre[:, 1] - y) - (radius + tolerance_px) * view.resolution
    if gap.min() > 0:
        return None
    rows = clusters.rows_of(int(np.argmin(gap)))
    distance = np.hypot(xy[rows, 0] - x, xy[rows, 1] - y)
    order = np.argsort(distance, kind="stable")
    rows, distance = rows[order], distance[order]
    box = (float(xy[rows, 0].min()), float(xy[rows, 1].min()), float(xy[rows, 0].max()), float(xy[rows, 1].max()))
    return ClusterHit(snapshot.name, rows, distance, box)
