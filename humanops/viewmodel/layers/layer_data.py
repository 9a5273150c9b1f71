"""A layer as the canvas holds it: projected geometries, the few attributes drawing needs, a
spatial index and per-zoom caches. Qt-free.

A :class:`LayerSnapshot` is immutable once made: render jobs on worker threads keep the one
they were given while an edit makes the next (an edit re-reads only the features it touched
and splices them in). It holds columns, not Python objects a feature: a point layer's
geometries are coordinate arrays (``point_columns``), numbers are float64, markings and
originators categoricals; only the columns the map needs are read (``layer_stages``: a large
layer in stages, its first drawn map before its identities and markings are read; a large layer
of areas or lines by the view's extent, the rest as the view moves there, at most
:data:`EXTENT_KEPT_ROWS` features held: the least recently read parts are dropped). A large
layer's details (labels, originators, markings) are kept for the last boxes shown only, at most
:data:`DETAILS_KEPT_ROWS` features: the least recently shown are forgotten. Reading goes
through the store's layer reader on a read-only connection of the worker's own (the thread rule
in :mod:`humanops.store`), in chunks, with short GIL holds so the GUI thread stays responsive
while a million features load.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind, Symbol
from humanops.store.layer_columns import LayerColumns
from humanops.viewmodel.layers.layer_stages import MARKINGS, whole_columns
from humanops.viewmodel.layers.point_columns import PointColumn, PointIndex, web_mercator
from humanops.viewmodel.layers.snapshot_columns import (
    RowLookup,
    cleared_column,
    concatenated_frames,
    filled_column,
    rows_of_fids,
)
from humanops.viewmodel.map_view import _transformer, lonlat_box_to_map, project_geometries

IDENTITY_COLUMNS = ("uuid", "version", "originator")
MARKING_COLUMNS = MARKINGS
INCREMENTAL_LIMIT = 5_000  # more changed features than this: re-read the layer
_NS_MIN = np.iinfo(np.int64).min
_NS_MAX = np.iinfo(np.int64).max
SIMPLIFY_BUCKETS_KEPT = 4
DETAILS_KEPT_ROWS = 150_000  # features of a large layer whose details are held (the last boxes shown)
DETAILS_BOXES_KEPT = 8
EXTENT_KEPT_ROWS = 100_000  # areas or lines of a layer read by extent held (the last boxes read)
EXTENT_BOXES_KEPT = 8
Box = tuple[float, float, float, float]  # minx, miny, maxx, maxy in lon/lat
# Derived from the geometry and the drawing columns only: a later stage (identities, details)
# that keeps every row keeps these too.
_GEOMETRY_CACHES = ("extents", "tree", "bounds", "point_xy", "class_index", "marker_sizes", "time_window",
                    "label_priority", "label_anchors", "simplified", "simplified_bands")

# A marking filter: (layer, frame of marking columns + originator + fields, geometry in
# EPSG:4326) -> one bool a row, True where the feature may go (the rest is drawn faded).
MarkingPredicate = Callable[[str, Any], Any]
# uuids of rows whose identity is not read yet, looked up in the store (the GUI thread's).
UuidResolver = Callable[[np.ndarray], list]


@dataclass(frozen=True)
class LayerFailure:
    """Why a layer is not on the map as stored: its features could not be read (``stage``
    "load") or drawn ("draw"). Shown as such, never as an empty layer: an empty danger-zone
    layer reads as "no danger"."""

    stage: str
    reason: str  # one readable line


def columns_for(kind: LayerKind) -> list[str]:
    """The kind's columns the canvas reads of a layer read whole."""
    return whole_columns(kind)


def metric_buffers(lonlat: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Each line's band of ``width`` metres (half each side), buffered in the UTM zone of its
    centre and returned in the map CRS; None where there is no width."""
    out = np.full(len(lonlat), None, dtype=object)
    ok = np.isfinite(widths) & (widths > 0) & ~shapely.is_missing(lonlat)
    if not ok.any():
        return out
    idx = np.flatnonzero(ok)
    centre = shapely.get_coordinates(shapely.centroid(lonlat[idx]))
    zones = np.clip(np.floor((centre[:, 0] + 180) / 6) + 1, 1, 60).astype(int) * np.where(centre[:, 1] >= 0, 1, -1)
    for zone in np.unique(zones):
        sel = idx[zones == zone]
        crs = f"EPSG:{(32600 if zone > 0 else 32700) + abs(zone)}"
        to_utm = _transformer("EPSG:4326", crs)
        to_map = _transformer(crs, "EPSG:3857")
        utm = shapely.transform(lonlat[sel], lambda xy, t=to_utm: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
        band = shapely.buffer(utm, widths[sel] / 2, quad_segs=8)
        out[sel] = shapely.transform(band, lambda xy, t=to_map: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
    return out


class BufferCache:
    """Corridor bands by (uuid, version, width): computed once per feature version."""

    def __init__(self, limit: int = 200_000) -> None:
        self._bands: OrderedDict[tuple[str, int, float], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def bands(self, uuids: np.ndarray, versions: np.ndarray, lonlat: np.ndarray, widths: np.ndarray) -> np.ndarray:
        keys = list(zip(uuids.tolist(), versions.tolist(), np.nan_to_num(widths, nan=-1.0).tolist(), strict=True))
        out = np.full(len(keys), None, dtype=object)
        with self._lock:
            missing = []
            for i, key in enumerate(keys):
                band = self._bands.get(key)
                if band is None:
                    missing.append(i)
                else:
                    out[i] = band
        if missing:
            rows = np.asarray(missing)
            fresh = metric_buffers(lonlat[rows], widths[rows])
            out[rows] = fresh
            with self._lock:
                for i, band in zip(missing, fresh, strict=True):
                    self._bands[keys[i]] = band
                while len(self._bands) > self._limit:
                    self._bands.popitem(last=False)
        return out


@dataclass
class LayerSnapshot:
    """One state of a layer, ready to draw. Arrays are row-aligned; never mutated (a later
    stage or an edit makes the next snapshot)."""

    kind: LayerKind
    revision: int
    uuids: np.ndarray  # object; None where not read yet (a large layer's identity stage)
    versions: np.ndarray  # int64; -1 where not read yet
    lonlat: Any  # EPSG:4326 geometries as stored: an object array, a PointColumn for points
    geoms: Any  # the same in the map CRS
    attrs: pd.DataFrame  # RangeIndex, row-aligned
    bands: np.ndarray | None = None  # corridor bands (map CRS), None where no width
    fids: np.ndarray | None = None  # int64, row-aligned
    identity_known: bool = True  # False until a large layer's uuids and versions are read
    details_known: np.ndarray | None = None  # bool a row: label, originator, markings read (None: all)
    details_boxes: tuple[Box, ...] = ()  # lon/lat boxes whose details are held, the last shown last
    resolve_uuids: UuidResolver | None = field(default=None, repr=False)
    extent_boxes: tuple[Box, ...] | None = None  # lon/lat boxes read of a layer read by extent (None: whole)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @property
    def name(self) -> str:
        return self.kind.name

    def __len__(self) -> int:
        return len(self.versions)

    @property
    def is_points(self) -> bool:
        return isinstance(self.geoms, PointColumn)

    # --- derived, computed once per snapshot -----------------------------------------------
    def _cached(self, key: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]

    @property
    def extents(self) -> Any:
        """What each feature covers when drawn: its band where it has one."""
        def make() -> Any:
            if self.bands is None:
                return self.geoms
            return np.where(shapely.is_missing(self.bands), self.geoms, self.bands)
        return self._cached("extents", make)

    @property
    def tree(self) -> Any:
        """The spatial index: an STRtree, or for points a scan of their coordinates."""
        if self.is_points:
            return self._cached("tree", lambda: PointIndex(self.point_xy))
        return self._cached("tree", lambda: shapely.STRtree(self.extents))

    def rows_in_box(self, minx: float, miny: float, maxx: float, maxy: float) -> np.ndarray:
        """Rows whose drawn extent meets the map-CRS box, ascending."""
        if not len(self):
            return np.empty(0, dtype=np.int64)
        if self.is_points:
            return self.tree.rows_in(minx, miny, maxx, maxy)
        return np.sort(self.tree.query(shapely.box(minx, miny, maxx, maxy)))

    @property
    def bounds(self) -> np.ndarray:
        if self.is_points:
            return self._cached("bounds", lambda: np.column_stack([self.point_xy, self.point_xy]))
        return self._cached("bounds", lambda: shapely.bounds(self.extents))

    def total_bounds_lonlat(self) -> tuple[float, float, float, float] | None:
        if not len(self):
            return None
        if self.is_points:
            xy = self.lonlat.xy
            b = np.array([np.nanmin(xy[:, 0]), np.nanmin(xy[:, 1]), np.nanmax(xy[:, 0]), np.nanmax(xy[:, 1])])
        else:
            b = shapely.total_bounds(self.lonlat)
        return None if not np.isfinite(b).all() else tuple(float(v) for v in b)  # type: ignore[return-value]

    @property
    def row_of(self) -> RowLookup:
        """uuid -> row, read like a dict."""
        return self._cached("row_of", lambda: RowLookup(self.uuids))

    def rows_for(self, uuids: Iterable[str]) -> np.ndarray:
        return self.row_of.rows(uuids)

    def uuids_of(self, rows: np.ndarray) -> list[str | None]:
        """The uuids of ``rows``; those not read yet are looked up through ``resolve_uuids``
        (on the thread that made the resolver: the GUI thread's workspace)."""
        found = self.uuids[rows].tolist()
        missing = [i for i, u in enumerate(found) if u is None]
        if missing and self.resolve_uuids is not None and self.fids is not None:
            for i, uuid in zip(missing, self.resolve_uuids(self.fids[rows[missing]]), strict=True):
                found[i] = uuid
        return found

    @property
    def symbols(self) -> list[Symbol]:
        """Position 0: the base symbol (unclassified); then the classes in the kind file's
        order, each over the base. Drawn in this order, so the last class ends on top."""
        style = self.kind.style
        return [style.base, *(cls.over(style.base) for cls in style.classes.values())]

    @property
    def class_index(self) -> np.ndarray:
        """Each row's position in :attr:`symbols`."""
        def make() -> np.ndarray:
            style = self.kind.style
            n = len(self)
            if not style.classify_by or style.classify_by not in self.attrs or not n:
                return np.zeros(n, dtype=np.int32)
            lookup = {k: i + 1 for i, k in enumerate(style.classes)}
            # a distinct value at a time, not a row: a million rows hold a few values
            column = self.attrs[style.classify_by]
            if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
                column = column.astype(object)  # text and numbers mixed: factorised as objects
            codes, values = pd.factorize(column, use_na_sentinel=True)
            per_value = _class_keys(pd.Series(np.asarray(values, dtype=object), dtype=object)).map(lookup).fillna(0)
            per_code = np.append(per_value.to_numpy(dtype=np.int32), 0)  # code -1 (NULL): the base symbol
            return per_code[codes]
        return self._cached("class_index", make)

    @property
    def marker_sizes(self) -> np.ndarray:
        """Marker size in pixels a row: size_by scales the *area* with the value (sqrt)."""
        def make() -> np.ndarray:
            sizes = np.array([s.size or 6.0 for s in self.symbols], dtype=float)[self.class_index]
            size_by = self.kind.style.size_by
            if size_by and size_by.field in self.attrs and len(self):
                value = pd.to_numeric(self.attrs[size_by.field], errors="coerce").to_numpy(dtype=float)
                share = np.sqrt(np.clip(np.nan_to_num(value, nan=0.0), 0, None) / size_by.max_value)
                scaled = size_by.min_size + (size_by.max_size - size_by.min_size) * np.clip(share, 0, 1)
                sizes = np.where(np.isfinite(value), scaled, size_by.min_size)
            return sizes
        return self._cached("marker_sizes", make)

    def time_window(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(start, end) in ns since the epoch (UTC); open ends are the int64 extremes."""
        kind = self.kind
        if not kind.time_start and not kind.time_end:
            return None

        def make() -> tuple[np.ndarray, np.ndarray]:
            return (_ns(self.attrs, kind.time_start, _NS_MIN), _ns(self.attrs, kind.time_end, _NS_MAX))
        return self._cached("time_window", make)

    def valid_at(self, at_ns: int | None) -> np.ndarray | None:
        """Rows valid at a time (None: all)."""
        window = self.time_window() if at_ns is not None else None
        if window is None:
            return None
        start, end = window
        return (start <= at_ns) & (end >= at_ns)

    @property
    def labels(self) -> np.ndarray:
        """The label text a row (object array, None where empty or not read yet)."""
        def make() -> np.ndarray:
            name = self.kind.style.label_field
            if not name or name not in self.attrs:
                return np.full(len(self), None, dtype=object)
            text = self.attrs[name].astype(object).to_numpy()
            out = np.full(len(self), None, dtype=object)
            present = np.flatnonzero(pd.notna(text))  # a large layer's labels are read where shown only
            values = text[present]
            filled = (pd.Series(values, dtype=object).astype(str).str.strip() != "").to_numpy(dtype=bool)
            out[present[filled]] = values[filled]
            return out
        return self._cached("labels", make)

    @property
    def has_label(self) -> np.ndarray:
        return self._cached("has_label", lambda: pd.notna(self.labels))

    def tlps(self, rows: np.ndarray) -> np.ndarray:
        """The TLP level of ``rows`` as text ("" where not read yet)."""
        if "tlp" not in self.attrs:
            return np.full(len(rows), "", dtype=object)
        out = self.attrs["tlp"].astype(object).to_numpy()[rows]
        return np.where(pd.isna(out), "", out).astype(str)

    @property
    def point_xy(self) -> np.ndarray:
        """Coordinates (map CRS) of a point layer, row-aligned."""
        if self.is_points:
            return self.geoms.xy
        return self._cached("point_xy", lambda: shapely.get_coordinates(self.geoms) if len(self) else np.empty((0, 2)))

    @property
    def label_priority(self) -> np.ndarray:
        """Higher first: the sizing value, else a numeric class (severity), else the order of
        an enum class in the kind file (motorways before tracks), then area or length."""
        def make() -> np.ndarray:
            style = self.kind.style
            n = len(self)
            primary = np.zeros(n)
            if style.size_by and style.size_by.field in self.attrs:
                primary = pd.to_numeric(self.attrs[style.size_by.field], errors="coerce").fillna(0).to_numpy(float)
            elif style.classify_by and style.classify_by in self.attrs:
                numeric = pd.to_numeric(self.attrs[style.classify_by].astype(object), errors="coerce")
                if numeric.notna().any():
                    primary = numeric.fillna(0).to_numpy(float)
                else:
                    primary = np.where(self.class_index > 0, len(style.classes) + 1 - self.class_index, 0).astype(float)
            if not n or self.is_points:
                return primary
            size = shapely.area(self.geoms) + shapely.length(self.geoms)
            # primary dominates; size only breaks ties (scaled into [0, 1)).
            return primary + size / (size.max() + 1.0)
        return self._cached("label_priority", make)

    @property
    def label_anchors(self) -> np.ndarray:
        """Where a label goes (map CRS): the point itself, a point inside an area, the middle of
        a line."""
        def make() -> np.ndarray:
            if not len(self):
                return np.empty((0, 2))
            geometry = self.kind.geometry
            if self.is_points:
                return self.point_xy
            if geometry == "LineString":
                anchors = shapely.line_interpolate_point(self.geoms, 0.5, normalized=True)
            else:
                anchors = shapely.point_on_surface(self.geoms)
            return shapely.get_coordinates(anchors)
        return self._cached("label_anchors", make)

    def simplified(self, bucket: int) -> Any:
        """Geometries simplified to half a pixel of the bucket's finest resolution (points are
        returned as they are). Kept for the few last buckets used."""
        if self.is_points or self.kind.geometry == "Point":
            return self.geoms
        with self._lock:
            cache: OrderedDict[int, np.ndarray] = self._cache.setdefault("simplified", OrderedDict())
            if bucket in cache:
                cache.move_to_end(bucket)
                return cache[bucket]
        tolerance = 0.5 * 2.0 ** bucket
        # Topology need not survive for drawing; areas too small to keep a shape collapse and
        # are drawn as a dot instead (see the renderer), so a small danger zone never vanishes.
        out = shapely.simplify(self.geoms, tolerance, preserve_topology=False)
        with self._lock:
            cache[bucket] = out
            while len(cache) > SIMPLIFY_BUCKETS_KEPT:
                cache.popitem(last=False)
        return out

    def simplified_bands(self, bucket: int) -> np.ndarray | None:
        if self.bands is None:
            return None
        with self._lock:
            cache: OrderedDict[int, np.ndarray] = self._cache.setdefault("simplified_bands", OrderedDict())
            if bucket in cache:
                return cache[bucket]
        out = shapely.simplify(self.bands, 0.5 * 2.0 ** bucket, preserve_topology=False)
        with self._lock:
            cache[bucket] = out
            while len(cache) > SIMPLIFY_BUCKETS_KEPT:
                cache.popitem(last=False)
        return out

    def clustered_rows_for(self, key: tuple, make: Callable[[], np.ndarray]) -> np.ndarray:
        """The rows a point layer's clusters are made of for ``key`` (a view's cell-aligned box
        and time), made once (read-only) and kept for the last two: a render and its labels ask
        for the same, and share the clusters made of that very array (``point_clusters``)."""
        with self._lock:
            cache: OrderedDict[tuple, np.ndarray] = self._cache.setdefault("clustered_rows", OrderedDict())
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
            rows = make()
            rows.flags.writeable = False
            cache[key] = rows
            while len(cache) > 2:
                cache.popitem(last=False)
            return rows

    def marking_ok(self, key: Any, predicate: MarkingPredicate | None) -> np.ndarray | None:
        """The marking filter's verdict a row (True: may go), cached per filter ``key``. A row
        whose markings are not read yet is not sendable (never shown as sendable on a guess)."""
        if predicate is None or not len(self):
            return None
        with self._lock:
            cached = self._cache.get("marking_ok")
            if cached is not None and cached[0] == key:
                return cached[1]
        import geopandas as gpd

        rows = np.arange(len(self)) if self.details_known is None else np.flatnonzero(self.details_known)
        verdict = np.zeros(len(self), dtype=bool)
        if len(rows):
            frame = self.attrs.iloc[rows].reset_index(drop=True)
            for column in frame.columns:  # the filter reads markings as text, as the store gives them
                if isinstance(frame[column].dtype, pd.CategoricalDtype):
                    frame[column] = frame[column].astype(object)
            frame = gpd.GeoDataFrame(frame, geometry=np.asarray(self.lonlat[rows], dtype=object), crs=4326)
            frame["uuid"] = self.uuids[rows]
            answer = np.asarray(predicate(self.name, frame), dtype=bool)
            if answer.shape != (len(rows),):
                raise ValueError(f"marking filter gave {answer.shape} answers for {len(rows)} features")
            verdict[rows] = answer
        with self._lock:
            self._cache["marking_ok"] = (key, verdict)
        return verdict

    # --- new snapshots ---------------------------------------------------------------------
    def _geometry_caches(self) -> dict[str, Any]:
        with self._lock:
            return {k: v for k, v in self._cache.items() if k in _GEOMETRY_CACHES}

    def details_cover(self, box: Box) -> bool:
        """Whether the details of every feature in the lon/lat ``box`` are read."""
        if self.details_known is None:
            return True
        return any(_covers(b, box) for b in self.details_boxes)

    def extent_covers(self, box: Box) -> bool:
        """Whether every feature of the layer meeting the lon/lat ``box`` is held."""
        return self.extent_boxes is None or any(_covers(b, box) for b in self.extent_boxes)

    def rows_in_lonlat_box(self, box: Box) -> np.ndarray:
        return self.rows_in_box(*lonlat_box_to_map(*box))

    def with_extent(self, fresh: LayerSnapshot, box: Box, revision: int, kept_rows: int | None = None,
                    keep_uuids: Iterable[str] = ()) -> LayerSnapshot:
        """This snapshot with the features of a read of the lon/lat ``box`` it did not hold.
        Past ``kept_rows`` features (default :data:`EXTENT_KEPT_ROWS`) those outside the last
        boxes read are dropped, least recently read first (the newest box always stays whole,
        and so do the features of ``keep_uuids``: the selection): a pan over the whole country
        does not end holding all of it. A part dropped is read again when shown again."""
        held = self.fids if self.fids is not None else np.empty(0, dtype=np.int64)
        new = np.flatnonzero(~np.isin(fresh.fids, held)) if fresh.fids is not None else np.arange(len(fresh))
        merged = self.patched(fresh.taken(new, revision), (), revision) if len(new) else self._same(revision)
        older = [b for b in self.extent_boxes or () if not _covers(box, b)][-(EXTENT_BOXES_KEPT - 1):]
        boxes: tuple[Box, ...] = (*older, box)
        limit = EXTENT_KEPT_ROWS if kept_rows is None else kept_rows
        if len(merged) > limit:
            boxes, keep = merged._boxes_within(boxes, limit)
            wanted = [u for u in keep_uuids if u is not None]
            if wanted:
                keep |= pd.Index(merged.uuids, dtype=object).isin(wanted)
            if not keep.all():
                merged = merged.taken(np.flatnonzero(keep), revision)
        merged.extent_boxes = boxes
        return merged

    def _same(self, revision: int) -> LayerSnapshot:
        snapshot = self.taken(np.arange(len(self)), revision)
        with self._lock:
            snapshot._cache.update({k: v for k, v in self._cache.items() if k in _GEOMETRY_CACHES or k == "row_of"})
        return snapshot

    def with_identity(self, identity: LayerColumns, revision: int) -> LayerSnapshot:
        """This snapshot with the uuids and versions of a large layer's identity stage; rows
        that stage did not find (deleted since) are dropped."""
        rows, found = rows_of_fids(self.fids if self.fids is not None else np.empty(0, np.int64), identity.fids)
        uuids = np.full(len(self), None, dtype=object)
        uuids[rows] = np.asarray(identity.values["uuid"], dtype=object)[found]
        versions = np.full(len(self), -1, dtype=np.int64)
        versions[rows] = np.nan_to_num(np.asarray(identity.values["version"], dtype=float)[found]).astype(np.int64)
        present = np.zeros(len(self), dtype=bool)
        present[rows] = True
        attrs = self.attrs.assign(uuid=uuids, version=versions)
        same_rows = bool(present.all())
        snapshot = LayerSnapshot(kind=self.kind, revision=revision, uuids=uuids, versions=versions,
                                 lonlat=self.lonlat, geoms=self.geoms, attrs=attrs, bands=self.bands, fids=self.fids,
                                 identity_known=True, details_known=self.details_known,
                                 details_boxes=self.details_boxes, extent_boxes=self.extent_boxes)
        if same_rows:
            snapshot._cache.update(self._geometry_caches())
            return snapshot
        return snapshot.taken(np.flatnonzero(present), revision)

    def with_details(self, details: LayerColumns, box: Box, revision: int,
                     kept_rows: int | None = None) -> LayerSnapshot:
        """This snapshot with label, originator and marking columns read for the lon/lat
        ``box`` (rows the read did not find keep what they had). Details of features outside
        the last boxes shown are forgotten past ``kept_rows`` features (least recently shown
        first; the newest box is always kept)."""
        n = len(self)
        rows, found = rows_of_fids(self.fids if self.fids is not None else np.empty(0, np.int64), details.fids)
        columns = {name: filled_column(self.attrs.get(name), n, rows, values[found])
                   for name, values in details.values.items()}
        known = np.zeros(n, dtype=bool) if self.details_known is None else self.details_known.copy()
        known[rows] = True
        older = [b for b in self.details_boxes if not _covers(box, b)][-(DETAILS_BOXES_KEPT - 1):]
        boxes = (*older, box)
        limit = DETAILS_KEPT_ROWS if kept_rows is None else kept_rows
        if int(known.sum()) > limit:
            boxes, keep = self._boxes_within(boxes, limit)
            forget = np.flatnonzero(known & ~keep)
            known &= keep
            columns = {name: cleared_column(column, forget) for name, column in columns.items()}
        snapshot = LayerSnapshot(kind=self.kind, revision=revision, uuids=self.uuids, versions=self.versions,
                                 lonlat=self.lonlat, geoms=self.geoms, attrs=self.attrs.assign(**columns),
                                 bands=self.bands, fids=self.fids, identity_known=self.identity_known,
                                 details_known=None if known.all() else known,
                                 details_boxes=boxes, resolve_uuids=self.resolve_uuids,
                                 extent_boxes=self.extent_boxes)
        snapshot._cache.update(self._geometry_caches())
        with self._lock:
            if "row_of" in self._cache:  # the same uuids
                snapshot._cache["row_of"] = self._cache["row_of"]
        return snapshot

    def _boxes_within(self, boxes: tuple[Box, ...], limit: int) -> tuple[tuple[Box, ...], np.ndarray]:
        """The most recent of ``boxes`` whose features number at most ``limit`` (the newest
        always), and a bool a row: inside one of them."""
        keep = np.zeros(len(self), dtype=bool)
        kept: list[Box] = []
        for box in reversed(boxes):
            inside = keep.copy()
            inside[self.rows_in_lonlat_box(box)] = True
            if kept and int(inside.sum()) > limit:
                break
            keep, kept = inside, [box, *kept]
        return tuple(kept), keep

    def taken(self, rows: np.ndarray, revision: int) -> LayerSnapshot:
        """The snapshot of ``rows`` only."""
        return LayerSnapshot(
            kind=self.kind, revision=revision, uuids=self.uuids[rows], versions=self.versions[rows],
            lonlat=_take(self.lonlat, rows), geoms=_take(self.geoms, rows),
            attrs=self.attrs.iloc[rows].reset_index(drop=True),
            bands=None if self.bands is None else self.bands[rows],
            fids=None if self.fids is None else self.fids[rows], identity_known=self.identity_known,
            details_known=None if self.details_known is None else self.details_known[rows],
            details_boxes=self.details_boxes, resolve_uuids=self.resolve_uuids, extent_boxes=self.extent_boxes)

    def patched(self, fresh: LayerSnapshot, removed: Iterable[str], revision: int) -> LayerSnapshot:
        """This snapshot with ``fresh``'s rows replacing or adding theirs and ``removed`` gone."""
        drop = set(removed) | set(fresh.uuids.tolist())
        keep = np.ones(len(self), dtype=bool)
        if drop and len(self):
            keep = ~pd.Index(self.uuids, dtype=object).isin(list(drop))
        kept = self.taken(np.flatnonzero(keep), revision)
        bands = None
        if kept.bands is not None or fresh.bands is not None:
            old = kept.bands if kept.bands is not None else np.full(len(kept), None, dtype=object)
            new = fresh.bands if fresh.bands is not None else np.full(len(fresh), None, dtype=object)
            bands = np.concatenate([old, new])
        known = None
        if kept.details_known is not None:
            known = np.concatenate([kept.details_known, np.ones(len(fresh), dtype=bool)])
        fids = None
        if kept.fids is not None and fresh.fids is not None:
            fids = np.concatenate([kept.fids, fresh.fids])
        return LayerSnapshot(
            kind=self.kind, revision=revision,
            uuids=np.concatenate([kept.uuids, fresh.uuids]),
            versions=np.concatenate([kept.versions, fresh.versions]),
            lonlat=_joined(kept.lonlat, fresh.lonlat), geoms=_joined(kept.geoms, fresh.geoms),
            attrs=concatenated_frames(kept.attrs, fresh.attrs), bands=bands, fids=fids,
            identity_known=kept.identity_known, details_known=known, details_boxes=kept.details_boxes,
            resolve_uuids=self.resolve_uuids, extent_boxes=self.extent_boxes)


def _covers(outer: Box, inner: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _take(geometries: Any, rows: np.ndarray) -> Any:
    return geometries.take(rows) if isinstance(geometries, PointColumn) else geometries[rows]


def _joined(first: Any, second: Any) -> Any:
    if isinstance(first, PointColumn) or isinstance(second, PointColumn):
        return PointColumn.concatenated([_as_points(first), _as_points(second)])
    return np.concatenate([first, second])


def _as_points(geometries: Any) -> PointColumn:
    if isinstance(geometries, PointColumn):
        return geometries
    return PointColumn(shapely.get_coordinates(geometries) if len(geometries) else np.empty((0, 2)))


def snapshot_from_columns(kind: LayerKind, columns: LayerColumns, revision: int,
                          buffers: BufferCache | None = None, *, whole: bool = True,
                          resolve_uuids: UuidResolver | None = None, extent_box: Box | None = None) -> LayerSnapshot:
    """Project, orient and (for corridors) buffer freshly read columns. ``whole``: identity
    and details were read too; else only what drawing needs (a large layer's first stage).
    ``extent_box``: the columns are the features meeting that lon/lat box only."""
    if columns.point_xy is not None:
        keep = np.isfinite(columns.point_xy).all(axis=1)
        lonlat_xy = columns.point_xy[keep] if not keep.all() else columns.point_xy
        lonlat: Any = PointColumn(lonlat_xy)
        geoms: Any = PointColumn(web_mercator(lonlat_xy))
    else:
        shapes = columns.geometries if columns.geometries is not None else np.empty(0, dtype=object)
        keep = ~shapely.is_missing(shapes)
        keep[keep] = ~shapely.is_empty(shapes[keep])
        lonlat = shapes[keep] if not keep.all() else shapes
        geoms = project_geometries(lonlat)
        if kind.geometry == "MultiPolygon" and len(geoms):
            geoms = shapely.orient_polygons(geoms)
    all_kept = bool(keep.all())
    values = {name: (v if all_kept else v[keep]) for name, v in columns.values.items()}
    n = len(lonlat)
    attrs = pd.DataFrame(values, index=pd.RangeIndex(n)) if values else pd.DataFrame(index=pd.RangeIndex(n))
    fids = columns.fids if all_kept else columns.fids[keep]
    uuids = np.asarray(values["uuid"], dtype=object) if "uuid" in values else np.full(n, None, dtype=object)
    versions = np.nan_to_num(np.asarray(values["version"], dtype=float)).astype(np.int64) if "version" in values \
        else np.full(n, -1, dtype=np.int64)
    if "version" in values:
        attrs["version"] = versions
    bands = None
    width_field = kind.style.buffer_field
    if width_field and width_field in attrs:
        widths = pd.to_numeric(attrs[width_field], errors="coerce").to_numpy(float)
        bands = (buffers or BufferCache()).bands(uuids, versions, lonlat, widths) if n else np.empty(0, dtype=object)
    snapshot = LayerSnapshot(kind=kind, revision=revision, uuids=uuids, versions=versions, lonlat=lonlat,
                             geoms=geoms, attrs=attrs, bands=bands, fids=fids, identity_known="uuid" in values,
                             details_known=None if whole else np.zeros(n, dtype=bool), resolve_uuids=resolve_uuids,
                             extent_boxes=None if extent_box is None else (extent_box,))
    if snapshot.is_points:  # on the reading worker, not in the first render
        snapshot.class_index, snapshot.marker_sizes  # noqa: B018
    return snapshot


def empty_snapshot(kind: LayerKind, revision: int = 0) -> LayerSnapshot:
    point = kind.geometry == "Point"
    names = columns_for(kind)
    columns = LayerColumns(np.empty(0, dtype=np.int64), np.empty((0, 2)) if point else None,
                           None if point else np.empty(0, dtype=object),
                           {name: np.empty(0, dtype=object) for name in names})
    return snapshot_from_columns(kind, columns, revision)


def _class_keys(values: pd.Series) -> pd.Series:
    """Style class keys as the kind file writes them: 3.0 -> "3", "open" -> "open"."""
    numeric = pd.to_numeric(values, errors="coerce")
    is_int = numeric.notna() & (numeric == np.floor(numeric.fillna(0)))
    text = values.astype(object).where(values.notna(), None).map(lambda v: None if v is None else str(v))
    if is_int.any():
        text = text.where(~is_int, numeric.where(is_int).astype("Int64").astype(str))
    return text.astype(object)


def _ns(attrs: pd.DataFrame, column: str | None, fill: int) -> np.ndarray:
    n = len(attrs)
    if not column or column not in attrs:
        return np.full(n, fill, dtype=np.int64)
    stamps = pd.to_datetime(attrs[column], utc=True, errors="coerce", format="ISO8601")
    # Whatever unit pandas picked, count in ns (NaT becomes the int64 minimum, then ``fill``).
    out = stamps.dt.tz_convert(None).astype("datetime64[ns]").to_numpy().view(np.int64).copy()
    out[stamps.isna().to_numpy()] = fill
    return out
