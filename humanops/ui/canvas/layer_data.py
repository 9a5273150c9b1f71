"""A layer as the canvas holds it: projected geometries, the few attributes drawing needs, a
spatial index and per-zoom caches. Qt-free.

A :class:`LayerSnapshot` is immutable once made: render jobs on worker threads keep the one
they were given while an edit makes the next (an edit re-reads only the features it touched
and splices them in). Reading goes through the store's layer reader on a read-only connection
of the worker's own (the thread rule in :mod:`humanops.store`), in chunks, with short GIL holds
so the GUI thread stays responsive while 100,000 features load.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind, Symbol
from humanops.store.layer_reader import READ_CHUNK, LayerReader
from humanops.ui.canvas.map_view import _transformer, project_geometries

IDENTITY_COLUMNS = ("uuid", "version", "originator")
MARKING_COLUMNS = ("tlp", "releasable_to", "caveats", "expires", "precision")
INCREMENTAL_LIMIT = 5_000  # more changed features than this: re-read the layer
_NS_MIN = np.iinfo(np.int64).min
_NS_MAX = np.iinfo(np.int64).max
SIMPLIFY_BUCKETS_KEPT = 4

# A marking filter: (layer, frame of marking columns + originator + fields, geometry in
# EPSG:4326) -> one bool a row, True where the feature may go (the rest is drawn faded).
MarkingPredicate = Callable[[str, Any], Any]


def columns_for(kind: LayerKind) -> list[str]:
    """The kind's columns the canvas reads: style, label, width, time, name."""
    style = kind.style
    wanted = [style.classify_by, style.size_by.field if style.size_by else None, style.label_field,
              style.buffer_field, kind.time_start, kind.time_end, "name"]
    out: list[str] = []
    for name in wanted:
        if name and name in kind.field_names and name not in out:
            out.append(name)
    return out


def read_rows(path: Path | str, kind: LayerKind, uuids: Iterable[str] | None = None,
              should_stop: Callable[[], bool] | None = None) -> tuple[np.ndarray, pd.DataFrame] | None:
    """(EPSG:4326 geometries, attribute frame) of a layer, or of the given uuids only.
    None if ``should_stop`` said so midway. On the calling (worker) thread, through a read-only
    connection of its own: it reads the last committed state, waiting only while a commit is
    written."""
    columns = [*columns_for(kind), *IDENTITY_COLUMNS, *MARKING_COLUMNS]
    with LayerReader.read_only(path) as reader:
        rows = reader.rows(kind, columns, uuids=uuids, fids=False, size=READ_CHUNK, should_stop=should_stop)
    if rows is None:
        return None
    frame = pd.DataFrame.from_records(rows.values, columns=columns) if len(rows) else pd.DataFrame(columns=columns)
    return np.asarray(rows.geometries, dtype=object), frame


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
    """One state of a layer, ready to draw. Arrays are row-aligned; never mutated."""

    kind: LayerKind
    revision: int
    uuids: np.ndarray
    versions: np.ndarray
    lonlat: np.ndarray  # EPSG:4326 geometries, as stored
    geoms: np.ndarray  # the same in the map CRS
    attrs: pd.DataFrame  # RangeIndex, row-aligned
    bands: np.ndarray | None = None  # corridor bands (map CRS), None where no width
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @property
    def name(self) -> str:
        return self.kind.name

    def __len__(self) -> int:
        return len(self.uuids)

    # --- derived, computed once per snapshot -----------------------------------------------
    def _cached(self, key: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]

    @property
    def extents(self) -> np.ndarray:
        """What each feature covers when drawn: its band where it has one."""
        def make() -> np.ndarray:
            if self.bands is None:
                return self.geoms
            return np.where(shapely.is_missing(self.bands), self.geoms, self.bands)
        return self._cached("extents", make)

    @property
    def tree(self) -> shapely.STRtree:
        return self._cached("tree", lambda: shapely.STRtree(self.extents))

    @property
    def bounds(self) -> np.ndarray:
        return self._cached("bounds", lambda: shapely.bounds(self.extents))

    def total_bounds_lonlat(self) -> tuple[float, float, float, float] | None:
        if not len(self):
            return None
        b = shapely.total_bounds(self.lonlat)
        return None if not np.isfinite(b).all() else tuple(float(v) for v in b)  # type: ignore[return-value]

    @property
    def row_of(self) -> dict[str, int]:
        return self._cached("row_of", lambda: {u: i for i, u in enumerate(self.uuids.tolist())})

    def rows_for(self, uuids: Iterable[str]) -> np.ndarray:
        lookup = self.row_of
        return np.array(sorted(lookup[u] for u in uuids if u in lookup), dtype=np.int64)

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
            keys = _class_keys(self.attrs[style.classify_by])
            lookup = {k: i + 1 for i, k in enumerate(style.classes)}
            return keys.map(lookup).fillna(0).to_numpy(dtype=np.int32)
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
        """The label text a row (object array, None where empty)."""
        def make() -> np.ndarray:
            name = self.kind.style.label_field
            if not name or name not in self.attrs:
                return np.full(len(self), None, dtype=object)
            text = self.attrs[name].astype(object).to_numpy()
            blank = pd.isna(text) | (pd.Series(text, dtype=object).astype(str).str.strip() == "").to_numpy()
            text = text.astype(object)
            text[blank] = None
            return text
        return self._cached("labels", make)

    @property
    def has_label(self) -> np.ndarray:
        return self._cached("has_label", lambda: np.array([t is not None for t in self.labels.tolist()], dtype=bool))

    @property
    def point_xy(self) -> np.ndarray:
        """Coordinates (map CRS) of a point layer, row-aligned."""
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
                numeric = pd.to_numeric(self.attrs[style.classify_by], errors="coerce")
                if numeric.notna().any():
                    primary = numeric.fillna(0).to_numpy(float)
                else:
                    primary = np.where(self.class_index > 0, len(style.classes) + 1 - self.class_index, 0).astype(float)
            size = shapely.area(self.geoms) + shapely.length(self.geoms) if n else np.zeros(0)
            # primary dominates; size only breaks ties (scaled into [0, 1)).
            return primary + size / (size.max() + 1.0) if n else primary
        return self._cached("label_priority", make)

    @property
    def label_anchors(self) -> np.ndarray:
        """Where a label goes (map CRS): the point itself, a point inside an area, the middle of
        a line."""
        def make() -> np.ndarray:
            if not len(self):
                return np.empty((0, 2))
            geometry = self.kind.geometry
            if geometry == "Point":
                anchors = self.geoms
            elif geometry == "LineString":
                anchors = shapely.line_interpolate_point(self.geoms, 0.5, normalized=True)
            else:
                anchors = shapely.point_on_surface(self.geoms)
            return shapely.get_coordinates(anchors)
        return self._cached("label_anchors", make)

    def simplified(self, bucket: int) -> np.ndarray:
        """Geometries simplified to half a pixel of the bucket's finest resolution (points are
        returned as they are). Kept for the few last buckets used."""
        if self.kind.geometry == "Point":
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

    def marking_ok(self, key: Any, predicate: MarkingPredicate | None) -> np.ndarray | None:
        """The marking filter's verdict a row (True: may go), cached per filter ``key``."""
        if predicate is None or not len(self):
            return None
        with self._lock:
            cached = self._cache.get("marking_ok")
            if cached is not None and cached[0] == key:
                return cached[1]
        import geopandas as gpd

        frame = gpd.GeoDataFrame(self.attrs.copy(), geometry=self.lonlat, crs=4326)
        frame["uuid"] = self.uuids
        verdict = np.asarray(predicate(self.name, frame), dtype=bool)
        if verdict.shape != (len(self),):
            raise ValueError(f"marking filter gave {verdict.shape} answers for {len(self)} features")
        with self._lock:
            self._cache["marking_ok"] = (key, verdict)
        return verdict

    # --- new snapshots ---------------------------------------------------------------------
    def patched(self, fresh: LayerSnapshot, removed: Iterable[str], revision: int) -> LayerSnapshot:
        """This snapshot with ``fresh``'s rows replacing or adding theirs and ``removed`` gone."""
        drop = set(removed) | set(fresh.uuids.tolist())
        keep = np.ones(len(self), dtype=bool)
        if drop and len(self):
            keep = ~np.isin(self.uuids, np.array(sorted(drop), dtype=object))
        bands = None
        if self.bands is not None or fresh.bands is not None:
            old = self.bands if self.bands is not None else np.full(len(self), None, dtype=object)
            new = fresh.bands if fresh.bands is not None else np.full(len(fresh), None, dtype=object)
            bands = np.concatenate([old[keep], new])
        attrs = pd.concat([self.attrs[keep], fresh.attrs], ignore_index=True) if len(fresh) else \
            self.attrs[keep].reset_index(drop=True)
        return LayerSnapshot(
            kind=self.kind, revision=revision,
            uuids=np.concatenate([self.uuids[keep], fresh.uuids]),
            versions=np.concatenate([self.versions[keep], fresh.versions]),
            lonlat=np.concatenate([self.lonlat[keep], fresh.lonlat]),
            geoms=np.concatenate([self.geoms[keep], fresh.geoms]),
            attrs=attrs, bands=bands)


def build_snapshot(kind: LayerKind, lonlat: np.ndarray, attrs: pd.DataFrame, revision: int,
                   buffers: BufferCache | None = None) -> LayerSnapshot:
    """Project, orient and (for corridors) buffer freshly read rows."""
    keep = ~shapely.is_missing(lonlat) & ~shapely.is_empty(lonlat)
    if not keep.all():
        lonlat, attrs = lonlat[keep], attrs[keep]
    attrs = attrs.reset_index(drop=True)
    geoms = project_geometries(lonlat)
    if kind.geometry == "MultiPolygon" and len(geoms):
        geoms = shapely.orient_polygons(geoms)
    uuids = attrs["uuid"].astype(object).to_numpy() if len(attrs) else np.empty(0, dtype=object)
    versions = pd.to_numeric(attrs["version"], errors="coerce").fillna(0).to_numpy(np.int64) \
        if len(attrs) else np.empty(0, dtype=np.int64)
    bands = None
    width_field = kind.style.buffer_field
    if width_field and width_field in attrs:
        widths = pd.to_numeric(attrs[width_field], errors="coerce").to_numpy(float)
        bands = (buffers or BufferCache()).bands(uuids, versions, lonlat, widths) if len(attrs) \
            else np.empty(0, dtype=object)
    return LayerSnapshot(kind=kind, revision=revision, uuids=uuids, versions=versions, lonlat=lonlat,
                         geoms=geoms, attrs=attrs, bands=bands)


def empty_snapshot(kind: LayerKind, revision: int = 0) -> LayerSnapshot:
    columns = [*columns_for(kind), *IDENTITY_COLUMNS, *MARKING_COLUMNS]
    return build_snapshot(kind, np.empty(0, dtype=object), pd.DataFrame(columns=columns), revision)


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
