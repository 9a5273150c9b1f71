"""The map canvas: composes layer images rendered off the GUI thread, and the map tools.

Every layer, the basemap, the MBTiles tiles, the labels and the selection are rendered into
their own QImage by jobs on the canvas's thread pool (see ``render_queue``); the GUI thread
only blits them. While the view moves (drag, wheel, keys) the last images are shifted and
scaled at once and a render follows after a short pause, so the GUI thread is never held
by drawing. An edit committed through the window's workspace (a form, a tool, an undo) re-reads
only the features it touched and re-renders only their layer; writes through other connections
(workers, other programs) come through :meth:`refresh_layer` (docs/architecture.md, section 4).
Overlays (``set_overlay``: routes, plans and other results, see ``overlay_layers``) render the
same way, above the layers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from humanops.store import point_overview
from humanops.store.db import connect_read_only
from humanops.store.layer_reader import LayerReader
from humanops.store.target_reads import workspace_target
from humanops.ui import gc_policy
from humanops.ui.canvas.basemap_tiles import MBTilesSource
from humanops.ui.canvas.basemap_world import SEA, world_basemap
from humanops.ui.canvas.labels import render_labels
from humanops.ui.canvas.layer_renderer import RenderSettings, render_layer, render_overview, render_selection
from humanops.ui.canvas.overlay_layers import Overlay, OverlayStyle, render_overlay
from humanops.ui.canvas.overlays import draw_corner_note, draw_north_arrow, draw_scale_bar, draw_warning_note
from humanops.ui.canvas.render_queue import LIGHT, NORMAL, JobFailure, RenderQueue, blit, compose
from humanops.ui.error_reporting import report_exception
from humanops.ui.i18n import current_language
from humanops.viewmodel import LayerList, Selection
from humanops.viewmodel.hit_testing import features_at, features_in_box
from humanops.viewmodel.layers import point_clusters
from humanops.viewmodel.layers.layer_data import (
    INCREMENTAL_LIMIT,
    BufferCache,
    LayerFailure,
    LayerSnapshot,
    MarkingPredicate,
    empty_snapshot,
    snapshot_from_columns,
)
from humanops.viewmodel.layers.layer_stages import (
    EXTENT_ABOVE,
    IDENTITY,
    PROGRESSIVE_ABOVE,
    detail_columns,
    drawing_columns,
    read_columns,
    whole_columns,
)
from humanops.viewmodel.layers.overview_grid import (
    OVERVIEW_ABOVE,
    PointOverview,
    build_overview,
    decode,
    encode,
    is_ordered,
    overview_key,
)
from humanops.viewmodel.layers.point_clusters import LIST_UP_TO, ClusterHit, cluster_under, is_clustered
from humanops.viewmodel.map_filter import MapFilter
from humanops.viewmodel.map_view import (
    MapView,
    lonlat_box_to_map,
    map_to_lonlat,
)
from humanops.viewmodel.snapping import SnapResult, SnapSettings, snap_point

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.store.workspace import Workspace, WorkspaceChange
    from humanops.ui.canvas.map_tools import MapTool

log = logging.getLogger(__name__)

PAN_RENDER_DELAY_MS = 180  # a pause this long in a drag renders the new view
ZOOM_RENDER_DELAY_MS = 140
KEY_PAN_FRACTION = 0.25
WHEEL_ZOOM_PER_NOTCH = 2 ** 0.5
MIN_ZOOM_EXTENT_M = 800.0  # zooming to one point shows this much around it
BASEMAP, LABELS, SELECTION, COMPOSE = "basemap", "labels", "selection", "compose"
PRESENT_DELAY_MS = 60


def _layer_key(name: str) -> str:
    return f"layer:{name}"


def _tiles_key(name: str) -> str:
    return f"tiles:{name}"


def _overlay_key(name: str) -> str:
    return f"overlay:{name}"


def default_order(workspace: Workspace) -> list[str]:
    """Bottom to top: areas, the road network, other lines, sized points (needs), points."""
    def rank(name: str) -> tuple[int, str]:
        kind = workspace.kind(name)
        if kind.geometry == "MultiPolygon":
            return (0, name)
        if kind.geometry == "LineString":
            return (1 if not kind.exchange_by_default else 2, name)
        return (3 if kind.style.size_by else 4, name)
    return sorted(workspace.layers(), key=rank)


def _covers(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _stored_overview(path: Any, kind: Any) -> tuple[PointOverview | None, str]:
    """(the overview kept in the workspace for the layer as it is now, else None; the layer's
    state), on a worker."""
    connection = connect_read_only(path)
    try:
        blob, state = point_overview.read_fresh(connection, kind.name, partial(overview_key, kind))
    finally:
        connection.close()
    return (None if blob is None else decode(blob, 1 + len(kind.style.classes))), state


class _ReadWhole:
    """A whole read of a dense point layer with no fresh overview kept, and the layer's state
    it read: its overview is made after (``_build_overview``)."""

    def __init__(self, snapshot: LayerSnapshot, state: str) -> None:
        self.snapshot, self.state = snapshot, state


def _uuids_by_fid(ws: Workspace, layer: str, fids: np.ndarray) -> list[str | None]:
    """uuids of features by fid, through the workspace's own connection (the GUI thread's): a
    click on a large layer before its identities are read (None where the feature is gone)."""
    try:
        found = ws.reader.columns(ws.kind(layer), ["uuid"], fids=fids, geometry=False)
    except Exception:  # a closed workspace: the click picks nothing there rather than fail
        log.warning("cannot read the uuids of %s features by fid", layer, exc_info=True)
        return [None] * len(fids)
    assert found is not None
    lookup = dict(zip(found.fids.tolist(), found.values["uuid"].tolist(), strict=True))
    return [lookup.get(int(f)) for f in fids]


class MapCanvas(QWidget):
    """The map. Public API and signals as documented on each method; coordinates given to and
    from it are lon/lat (EPSG:4326) unless said otherwise."""

    selectionChanged = Signal(str, list)  # layer, uuids (sorted)
    cursorMoved = Signal(float, float)  # lon, lat
    scaleChanged = Signal(float)  # scale denominator
    extentChanged = Signal()
    featureIdentified = Signal(str, str)  # layer, uuid
    geometryDrawn = Signal(str, object)  # layer kind, shapely geometry in EPSG:4326
    renderFinished = Signal(float)  # ms from the request to the last image of the batch
    layerLoaded = Signal(str)  # a layer's features are loaded (or re-read after an edit)
    layerFailureChanged = Signal(str)  # a layer failed to load or draw, or is shown again: see layer_failure()
    statusMessage = Signal(str)  # a short note for the status line (a click before the points are read)
    _workspaceChanged = Signal(object)  # internal: a WorkspaceChange, from any thread

    def __init__(self, parent: QWidget | None = None, *, layers: LayerList | None = None,
                 selection: Selection | None = None, filters: MapFilter | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_canvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(160, 120)
        self._view = MapView.world(max(1, self.width()), max(1, self.height()))
        self._workspace: Workspace | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._snapshots: dict[str, LayerSnapshot] = {}
        # The layer list and the selection live in Qt-free models (humanops.viewmodel); the
        # canvas draws what they say and redraws on their events.
        self.layers_model = layers if layers is not None else LayerList()
        self.selection_model = selection if selection is not None else Selection()
        self.filter_model = filters if filters is not None else MapFilter()  # time and marking filters
        self._images: dict[str, tuple[QImage, MapView]] = {}
        self._tiles: dict[str, MBTilesSource] = {}
        self._overlays: dict[str, Overlay] = {}  # drawn in the order set, above the layers
        self._settings = self._render_settings()
        self._buffers: dict[str, BufferCache] = {}
        self._loading: set[str] = set()
        self._counts: dict[str, int] = {}  # features a layer has, from the store (a large one loads in stages)
        self._stages: dict[str, tuple[int, Any]] = {}  # "identity:need"... in flight: (load generation, box)
        self._generation: dict[str, int] = {}  # a layer's whole reads: a stage of an older one is dropped
        # Dense point layers drawn from the overview kept in the workspace until their points are
        # read (overview_grid); those whose overview is being read (their points are read after).
        self._overviews: dict[str, PointOverview] = {}
        self._overview_pending: set[str] = set()
        self._deferred_loads: set[str] = set()  # drawn from their overviews: read once the first map is drawn
        self._click_from: QPointF | None = None
        self._forget_idle = gc_policy.add_idle_check(self.is_idle)  # no freeze while it reads or draws (_settle)
        self._failed: dict[str, LayerFailure] = {}  # not shown as stored: never drawn as if empty
        self._pending_changes: dict[str, set[str] | None] = {}  # None: re-read the whole layer
        self._revision = 0
        self._batch: set[str] = set()
        self._batch_started: float | None = None
        self._composite: tuple[QImage, MapView] | None = None
        self._finish_started: float | None = None
        self._tool: MapTool | None = None
        self._default_tool: MapTool | None = None
        self._panning_from: QPointF | None = None
        self.snap_settings = SnapSettings()
        self.north_arrow_visible = False
        self.scale_bar_visible = True
        self._queue = RenderQueue(self)
        self._queue.finished.connect(self._on_job_finished)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render_all)
        # While a batch is arriving, what has arrived is shown at most this often.
        self._present_timer = QTimer(self)
        self._present_timer.setSingleShot(True)
        self._present_timer.timeout.connect(self._recompose)
        self._workspaceChanged.connect(self._on_workspace_change, Qt.ConnectionType.QueuedConnection)
        self.layers_model.visibilityChanged.connect(self._on_visibility_changed)
        self.layers_model.opacityChanged.connect(lambda _name, _opacity: self._recompose())
        self.layers_model.orderChanged.connect(self._on_order_changed)
        self.selection_model.changed.connect(self._on_selection_changed)
        for event in (self.filter_model.timeChanged, self.filter_model.showMarkingsChanged,
                      self.filter_model.markingFilterChanged):
            event.connect(self._on_filter_changed)
        self._render_soon(0)

    # ======================================================================================
    # workspace and layers
    # ======================================================================================
    def set_workspace(self, ws: Workspace | None) -> None:
        """Show ``ws`` (None: only the basemap). Layers load in the background after the first
        frame; the view moves to the workspace's extent."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.selection_model.clear()
        self._workspace = ws
        self._unfreeze()
        self._queue.supersede_all()  # loads and renders of the previous workspace are dropped
        self._batch.clear()
        self._batch_started = None
        self._finish_started = None
        self._snapshots.clear()
        self._buffers.clear()
        self._loading.clear()
        self._counts.clear()
        self._stages.clear()
        self._failed.clear()
        self._pending_changes.clear()
        self._overviews.clear()
        self._overview_pending.clear()
        self._deferred_loads.clear()
        self._overlays.clear()  # results of the previous workspace: meaningless over another
        for key in [k for k in self._images if k.startswith(("layer:", "overlay:")) or k in (LABELS, SELECTION)]:
            del self._images[key]
        self._recompose()
        if ws is None:
            self.layers_model.set_layers([])
            self.update()
            self._render_soon(0)
            return
        self.layers_model.set_layers(default_order(ws))
        self._unsubscribe = ws.subscribe(self._workspaceChanged.emit)
        # Large layers first: the first whole map waits for the longest read and render (a million
        # needs read while the danger zones are read and drawn on the other worker); the small ones
        # take a few milliseconds after. Layers read by extent are read for the view they are first
        # shown in: the workspace's extent (the R-trees' roots).
        self._counts = {name: self._count(ws, name) for name in self.layers_model.names()}
        extent = self._workspace_extent(ws)
        if extent is not None:
            self.zoom_to_extent(*extent)
        kept = self._kept_overviews(ws)
        for name in sorted(self.layers_model.names(), key=lambda n: -self._counts[n]):
            if name in kept and self._has_overview(name):
                self._start_overview(name)
            else:
                self._start_load(name, None)
        self._render_soon(0)

    def workspace(self) -> Workspace | None:
        return self._workspace

    def layer_names(self) -> list[str]:
        """The workspace's layers in drawing order, bottom first."""
        return self.layers_model.names()

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer (or a tile source added with :meth:`add_tiles`)."""
        self.layers_model.set_visible(name, visible)

    def _on_visibility_changed(self, name: str, visible: bool) -> None:
        self._recompose()
        keys = [LABELS]
        if visible:
            keys.append(_tiles_key(name) if name in self._tiles else _layer_key(name))
        self._render_keys(keys)
        if visible:  # a layer read by extent reads what the view moved to while it was hidden
            self._request_extents()

    def is_layer_visible(self, name: str) -> bool:
        return self.layers_model.is_visible(name)

    def set_layer_opacity(self, name: str, opacity: float) -> None:
        self.layers_model.set_opacity(name, opacity)

    def layer_opacity(self, name: str) -> float:
        return self.layers_model.opacity(name)

    def set_layer_order(self, names: list[str]) -> None:
        """Drawing order, bottom first (the top layer last). Unknown names are ignored and
        layers not named keep their place below the named ones."""
        self.layers_model.set_order(names)

    def _on_order_changed(self, _names: list[str]) -> None:
        self._recompose()
        self._render_keys([LABELS])  # the top layer labels first

    def refresh_layer(self, name: str) -> None:
        """Re-read a layer from the workspace and redraw it."""
        if self._workspace is not None and name in self.layers_model:
            self._start_load(name, None)

    def retry_layer(self, name: str) -> None:
        """Read a layer that failed again, whole (the layers panel's Retry)."""
        self.refresh_layer(name)

    def layer_failure(self, name: str) -> LayerFailure | None:
        """Why the layer is not shown as stored (None: it is, or it is still loading)."""
        return self._failed.get(name)

    def failed_layers(self) -> dict[str, LayerFailure]:
        return dict(self._failed)

    def refresh_all(self) -> None:
        """Redraw everything for the current view (the data is not re-read)."""
        self._render_soon(0)

    def snapshot(self, name: str) -> LayerSnapshot | None:
        """The loaded state of a layer (for tools and tests); None until loaded."""
        return self._snapshots.get(name)

    def drawn_from_overview(self, name: str) -> bool:
        """Whether the layer's image on the map is its overview's (its points not read yet)."""
        return name not in self._snapshots and name in self._overviews and _layer_key(name) in self._images

    def is_idle(self) -> bool:
        """Nothing loading or rendering, and no render waiting to start."""
        return (self._queue.running == 0 and not self._render_timer.isActive() and not self._loading
                and not self._overview_pending and not self._stages and not self._pending_changes
                and not self._present_timer.isActive())

    def render_failures(self) -> list[str]:
        return list(self._queue.failures)

    # --- basemap tiles -----------------------------------------------------------------
    def add_tiles(self, path: str) -> str:
        """Add an MBTiles file as a basemap (above the world outlines, below the layers);
        returns its name for set_layer_visible / set_layer_opacity / remove_tiles. Raises
        FormatError for a file that is not MBTiles."""
        source = MBTilesSource(path)
        name = source.name
        while name in self._tiles or name in self.layers_model:
            name += "'"
        self._tiles[name] = source
        self.layers_model.set_visible(name, True)
        self._render_keys([_tiles_key(name)])
        return name

    def remove_tiles(self, name: str) -> None:
        source = self._tiles.pop(name, None)
        if source is not None:
            self._images.pop(_tiles_key(name), None)
            self._recompose()
            source.close()

    def tile_sources(self) -> list[str]:
        return list(self._tiles)

    # ======================================================================================
    # view
    # ======================================================================================
    def view(self) -> MapView:
        return self._view

    def set_view(self, view: MapView, render_delay_ms: int = 0) -> None:
        """Move to a view (map CRS). Everything else that moves the map comes here."""
        old = self._view
        self._view = view.with_size(self.width(), self.height(), self.devicePixelRatioF())
        self.update()
        self.extentChanged.emit()
        if abs(old.resolution - self._view.resolution) > 1e-9 * old.resolution:
            self.scaleChanged.emit(self.scale_denominator())
        self._render_soon(render_delay_ms)

    def zoom_to_extent(self, minx: float, miny: float, maxx: float, maxy: float) -> None:
        """Show a lon/lat rectangle whole."""
        x0, y0, x1, y1 = lonlat_box_to_map(minx, miny, maxx, maxy)
        if x1 - x0 < MIN_ZOOM_EXTENT_M and y1 - y0 < MIN_ZOOM_EXTENT_M:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            half = MIN_ZOOM_EXTENT_M / 2
            x0, y0, x1, y1 = cx - half, cy - half, cx + half, cy + half
        self.set_view(self._view.fitted(x0, y0, x1, y1))

    def zoom_to_layer(self, name: str) -> None:
        snapshot = self._snapshots.get(name)
        bounds = snapshot.total_bounds_lonlat() if snapshot is not None and snapshot.extent_boxes is None else None
        if bounds is None and self._workspace is not None and name in self.layers_model:
            bounds = self._layer_extent(self._workspace, name)
        if bounds is not None:
            self.zoom_to_extent(*bounds)

    def zoom_to_selection(self) -> None:
        boxes = []
        for layer, uuids in self.selection_model.as_dict().items():
            snapshot = self._snapshots.get(layer)
            if snapshot is None or not uuids:
                continue
            rows = snapshot.rows_for(uuids)
            if len(rows):
                boxes.append(shapely.total_bounds(snapshot.lonlat[rows]))
        if boxes:
            b = np.array(boxes)
            self.zoom_to_extent(b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())

    def zoom_full(self) -> None:
        """The whole workspace (the world when it is empty)."""
        extent = self._workspace_extent(self._workspace) if self._workspace is not None else None
        if extent is None:
            self.set_view(MapView.world(self.width(), self.height(), self.devicePixelRatioF()))
        else:
            self.zoom_to_extent(*extent)

    def zoom_in(self) -> None:
        self.set_view(self._view.zoomed(2.0), ZOOM_RENDER_DELAY_MS)

    def zoom_out(self) -> None:
        self.set_view(self._view.zoomed(0.5), ZOOM_RENDER_DELAY_MS)

    def zoom_by(self, factor: float, anchor_px: float | None = None, anchor_py: float | None = None) -> None:
        """Zoom in by ``factor`` (below 1 zooms out) keeping the point under the anchor pixel."""
        self.set_view(self._view.zoomed(factor, anchor_px, anchor_py), ZOOM_RENDER_DELAY_MS)

    def pan_by_pixels(self, dx: float, dy: float, render_delay_ms: int = PAN_RENDER_DELAY_MS) -> None:
        """Drag the map by (dx, dy) pixels: the last images move at once, a render follows
        after ``render_delay_ms`` without further movement."""
        self.set_view(self._view.panned(dx, dy), render_delay_ms)

    def view_extent_lonlat(self) -> tuple[float, float, float, float]:
        return self._view.extent_lonlat()

    def scale_denominator(self) -> float:
        return self._view.scale_denominator(self.logicalDpiX() or 96.0)

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        x, y = self._view.to_map(px, py)
        return float(x), float(y)

    def to_pixel(self, x: float, y: float) -> tuple[float, float]:
        px, py = self._view.to_pixel(x, y)
        return float(px), float(py)

    def lonlat_to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        x0, y0, _, _ = lonlat_box_to_map(lon, lat, lon, lat)
        return self.to_pixel(x0, y0)

    # --- overlays: temporary result layers (see overlay_layers.py) ----------------------------
    def set_overlay(self, name: str, frame: gpd.GeoDataFrame | Overlay, style: OverlayStyle | None = None) -> None:
        """Draw ``frame`` (EPSG:4326 geometries; per-row style columns ``_stroke``, ``_width``...) over
        the layers as overlay ``name``, replacing an overlay of that name. Rendered off the GUI
        thread like the layers; dropped by :meth:`clear_overlay` or when the workspace changes.
        ``frame`` may be an :class:`Overlay` a worker prepared (and projected): nothing left to do here."""
        self._overlays.pop(name, None)  # a replaced overlay moves to the top
        self._overlays[name] = frame if isinstance(frame, Overlay) else Overlay(name, frame, style)
        self._render_keys([_overlay_key(name)])

    def clear_overlay(self, name: str) -> None:
        if self._overlays.pop(name, None) is not None:
            self._render_keys([_overlay_key(name)])  # no job: the image goes, the map recomposes

    def clear_overlays(self, prefix: str = "") -> None:
        """Drop every overlay whose name starts with ``prefix`` (all by default)."""
        for name in [n for n in self._overlays if n.startswith(prefix)]:
            self.clear_overlay(name)

    def overlay(self, name: str) -> Overlay | None:
        return self._overlays.get(name)

    def overlay_names(self) -> list[str]:
        """Overlays bottom first."""
        return list(self._overlays)

    def zoom_to_overlays(self, names: Iterable[str]) -> None:
        boxes = [b for b in (self._overlays[n].bounds_lonlat() for n in names if n in self._overlays) if b]
        if boxes:
            b = np.array(boxes)
            self.zoom_to_extent(b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())

    def set_north_arrow_visible(self, visible: bool) -> None:
        self.north_arrow_visible = bool(visible)
        self.update()

    def set_scale_bar_visible(self, visible: bool) -> None:
        self.scale_bar_visible = bool(visible)
        self.update()

    # ======================================================================================
    # filters and markings
    # ======================================================================================
    # The filters live in a Qt-free model (humanops.viewmodel.map_filter.MapFilter): these write
    # to it, and the map redraws on its events.
    def set_time_filter(self, at: datetime | None) -> None:
        """Draw only features valid at ``at`` (the kind's time window); None shows all."""
        self.filter_model.set_valid_at(at)

    def time_filter(self) -> datetime | None:
        return self.filter_model.valid_at()

    def set_show_markings(self, show: bool) -> None:
        """Draw each feature's TLP marking (coloured outline, casing or badge)."""
        self.filter_model.set_show_markings(show)

    def show_markings(self) -> bool:
        return self.filter_model.show_markings

    def set_marking_filter(self, recipient_org: str | None, predicate: MarkingPredicate | None) -> None:
        """"What could I send to ORG?": ``predicate(layer, frame)`` gets a GeoDataFrame of a
        layer's features (marking columns, originator, uuid, the styled fields; geometry in
        EPSG:4326) and returns one bool a row, True where the feature may go; the rest is
        drawn faded. ``None`` turns the filter off. A failing predicate fades the whole
        layer (nothing is shown as sendable on a guess)."""
        self.filter_model.set_marking_filter(recipient_org, predicate)

    def _render_settings(self) -> RenderSettings:
        f = self.filter_model
        return RenderSettings(f.at_ns, f.show_markings, f.marking_key, f.predicate)

    def _on_filter_changed(self, *_args: object) -> None:
        self._settings = self._render_settings()
        self._render_soon(0)

    # ======================================================================================
    # selection
    # ======================================================================================
    def select(self, layer: str, uuids: Iterable[str]) -> None:
        """Make ``uuids`` the selection of ``layer`` (other layers keep theirs)."""
        self.selection_model.select(layer, uuids)

    def selection(self) -> dict[str, set[str]]:
        return self.selection_model.as_dict()

    def clear_selection(self) -> None:
        self.selection_model.clear()

    def apply_selection(self, picked: dict[str, set[str]], mode: str = "replace") -> None:
        """``replace``: the selection becomes ``picked``; ``add``; ``toggle``; ``layers``:
        only the named layers' selections are replaced (humanops.viewmodel.Selection.apply)."""
        self.selection_model.apply(picked, mode)

    def _on_selection_changed(self, changes: dict[str, list[str]]) -> None:
        for layer, uuids in changes.items():
            self.selectionChanged.emit(layer, uuids)
        self._render_keys([SELECTION])

    # ======================================================================================
    # hit testing and snapping (map tools use these)
    # ======================================================================================
    def visible_layers_top_first(self) -> list[LayerSnapshot]:
        return [self._snapshots[n] for n in self.layers_model.top_first(visible_only=True)
                if n in self._snapshots]

    def features_at(self, px: float, py: float, tolerance_px: float = 4.0) -> list[tuple[str, str]]:
        """(layer, uuid) of the features drawn under a pixel, topmost first."""
        x, y = self.to_map(px, py)
        return features_at(self.visible_layers_top_first(), x, y, self._view.resolution, tolerance_px,
                           self._settings.at_ns, view=self._view, clusters=point_clusters)

    def cluster_at(self, px: float, py: float, tolerance_px: float = 4.0) -> ClusterHit | None:
        """The cluster drawn under a pixel (a point layer too dense there to draw point by point),
        None if there is none or a feature of a layer above it is there."""
        x, y = self.to_map(px, py)
        at_ns = self._settings.at_ns
        for snapshot in self.visible_layers_top_first():
            if is_clustered(snapshot, self._view, at_ns):
                hit = cluster_under(snapshot, x, y, self._view, tolerance_px, at_ns)
                if hit is not None:
                    return hit
            elif features_at([snapshot], x, y, self._view.resolution, tolerance_px, at_ns, view=self._view,
                             clusters=point_clusters):
                return None
        return None

    def zoom_into_cluster(self, px: float, py: float) -> bool:
        """Zoom to the features of the cluster under a pixel when they are too many to list
        (a click on such a cluster); True if it did."""
        hit = self.cluster_at(px, py)
        if hit is None:
            return self._zoom_into_overview_disc(px, py)
        if hit.count <= LIST_UP_TO:
            return False
        minx, miny, maxx, maxy = hit.bounds
        fitted = self._view.fitted(minx, miny, maxx, maxy, margin=0.15)
        # at least two zoom steps in: a cluster's features spread over its cell and beyond
        zoomed = self._view.zoomed(4.0, *self.to_pixel((minx + maxx) / 2, (miny + maxy) / 2))
        self.set_view(fitted if fitted.resolution < zoomed.resolution else zoomed, ZOOM_RENDER_DELAY_MS)
        return True

    def _zoom_into_overview_disc(self, px: float, py: float) -> bool:
        """A click on a disc drawn from a layer's overview before its points are read: zoomed into
        as the points' cluster would be (two zoom steps in, on the disc)."""
        x, y = self.to_map(px, py)
        for name in reversed(self.layers_model.names()):  # the top first
            overview = self._overviews.get(name)
            if overview is None or name in self._snapshots or not self.layers_model.is_visible(name) \
                    or self._workspace is None:
                continue
            disc = overview.disc_under(self._view, x, y, 4.0, is_ordered(self._workspace.kind(name)))
            if disc is not None:
                if disc[2] <= LIST_UP_TO:  # listed once read: say so rather than do nothing
                    self.statusMessage.emit(self.tr("{layer} are still loading: click again in a moment to list "
                                                    "these features.").format(layer=self._workspace.kind(name).title))
                    return False
                self.set_view(self._view.zoomed(4.0, *self.to_pixel(disc[0], disc[1])), ZOOM_RENDER_DELAY_MS)
                return True
        return False

    def features_in_rect(self, px0: float, py0: float, px1: float, py1: float) -> dict[str, set[str]]:
        """Features of the visible layers that a pixel rectangle touches."""
        x0, y0 = self.to_map(min(px0, px1), max(py0, py1))
        x1, y1 = self.to_map(max(px0, px1), min(py0, py1))
        return features_in_box(self.visible_layers_top_first(), (x0, y0, x1, y1), self._settings.at_ns)

    def snap(self, x: float, y: float, exclude: tuple[str, str] | None = None) -> SnapResult:
        """Snap a map-CRS point to a vertex of a visible layer, or to a road."""
        layers = [(s, s.valid_at(self._settings.at_ns)) for s in self.visible_layers_top_first()]
        return snap_point(x, y, self._view.resolution, layers,
                          self._snapshots.get(self.snap_settings.road_layer), self.snap_settings, exclude)

    def set_snapping(self, enabled: bool, tolerance_px: float | None = None, to_roads: bool | None = None) -> None:
        self.snap_settings.enabled = bool(enabled)
        if tolerance_px is not None:
            self.snap_settings.tolerance_px = float(tolerance_px)
        if to_roads is not None:
            self.snap_settings.to_roads = bool(to_roads)

    # ======================================================================================
    # map tools
    # ======================================================================================
    def set_map_tool(self, tool: MapTool | None) -> None:
        """Make ``tool`` the active tool (None: the pan tool)."""
        if tool is None:
            tool = self._pan_tool()
        if tool is self._tool:
            return
        if self._tool is not None:
            self._tool.deactivate()
        self._tool = tool
        tool.activate()
        self.setCursor(tool.cursor())
        self.update()

    def map_tool(self) -> MapTool:
        if self._tool is None:
            self.set_map_tool(None)
        assert self._tool is not None
        return self._tool

    def _pan_tool(self) -> MapTool:
        if self._default_tool is None:
            from humanops.ui.canvas.map_tools import PanTool

            self._default_tool = PanTool(self)
        return self._default_tool

    def _map_event(self, event: QMouseEvent) -> Any:
        from humanops.ui.canvas.map_tools import MapMouseEvent

        pos = event.position()
        x, y = self.to_map(pos.x(), pos.y())
        return MapMouseEvent(x, y, pos.x(), pos.y(), event.button(), event.buttons(), event.modifiers())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._click_from = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        if event.button() == Qt.MouseButton.MiddleButton:
            self._panning_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        self.map_tool().press(self._map_event(event))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        x, y = self.to_map(pos.x(), pos.y())
        lon, lat = map_to_lonlat(x, y)
        self.cursorMoved.emit(float(lon), float(lat))
        if self._panning_from is not None:
            delta = pos - self._panning_from
            self._panning_from = pos
            self.pan_by_pixels(delta.x(), delta.y())
            return
        self.map_tool().move(self._map_event(event))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._panning_from is not None:
            self._panning_from = None
            self.setCursor(self.map_tool().cursor())
            self._render_soon(0)
            return
        tool = self.map_tool()
        tool.release(self._map_event(event))
        start, self._click_from = self._click_from, None
        if (start is not None and event.button() == Qt.MouseButton.LeftButton
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and (event.position() - start).manhattanLength() <= 4 and self._picks_or_pans(tool)):
            self.zoom_into_cluster(event.position().x(), event.position().y())

    @staticmethod
    def _picks_or_pans(tool: MapTool) -> bool:
        """Tools for which a click on a large cluster zooms into it (not the drawing tools)."""
        from humanops.ui.canvas.map_tools import IdentifyTool, PanTool, SelectTool

        return isinstance(tool, PanTool | SelectTool | IdentifyTool)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.map_tool().double_click(self._map_event(event))

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120.0
        if notches == 0:
            return
        pos = event.position()
        self.zoom_by(WHEEL_ZOOM_PER_NOTCH ** notches, pos.x(), pos.y())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.map_tool().key_press(event):
            event.accept()
            return
        key = event.key()
        step_x, step_y = self.width() * KEY_PAN_FRACTION, self.height() * KEY_PAN_FRACTION
        moves = {Qt.Key.Key_Left: (step_x, 0), Qt.Key.Key_Right: (-step_x, 0),
                 Qt.Key.Key_Up: (0, step_y), Qt.Key.Key_Down: (0, -step_y)}
        if key in moves:
            self.pan_by_pixels(*moves[key], render_delay_ms=ZOOM_RENDER_DELAY_MS)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def leaveEvent(self, event: Any) -> None:
        if self._tool is not None:
            self._tool.leave()
        super().leaveEvent(event)

    # ======================================================================================
    # painting
    # ======================================================================================
    def resizeEvent(self, event: Any) -> None:
        self._view = self._view.with_size(self.width(), self.height(), self.devicePixelRatioF())
        self.extentChanged.emit()
        self._render_soon(ZOOM_RENDER_DELAY_MS if self._images else 0)
        super().resizeEvent(event)

    def _draw_keys(self) -> list[tuple[str, float]]:
        """(image key, opacity) bottom to top."""
        keys = [(BASEMAP, 1.0)]
        layers = self.layers_model
        keys += [(_tiles_key(n), layers.opacity(n)) for n in self._tiles if layers.is_visible(n)]
        keys += [(_layer_key(n), layers.opacity(n)) for n in layers.names() if layers.is_visible(n)]
        keys += [(_overlay_key(n), 1.0) for n in self._overlays]
        keys += [(SELECTION, 1.0), (LABELS, 1.0)]
        return [(k, o) for k, o in keys if k in self._images and o > 0]

    def _recompose(self) -> None:
        """Compose the current images (each for the view it was rendered for) into one image
        for the current view, in a worker; paint then blits one image, not ten."""
        self._present_timer.stop()
        parts = [(*self._images[key], opacity) for key, opacity in self._draw_keys()]
        target = self._view
        self._queue.submit(COMPOSE, lambda stop: (compose(parts, target), target), priority=4, mode=LIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(SEA))
        if self._composite is not None:
            blit(painter, *self._composite, self._view)
        else:  # before the first composite: the images as they are
            for key, opacity in self._draw_keys():
                painter.setOpacity(opacity)
                blit(painter, *self._images[key], self._view)
            painter.setOpacity(1.0)
        if self._tool is not None:
            self._tool.paint(painter, self._view)
        if self.scale_bar_visible:
            draw_scale_bar(painter, self._view, self.height())
        if self.north_arrow_visible:
            draw_north_arrow(painter, self.width())
        loading = sorted(self._loading)
        if loading:
            titles = [self._workspace.kind(n).title_in(current_language()) if self._workspace is not None else n
                      for n in loading]
            draw_corner_note(painter, self.tr("Loading {layers}…").format(layers=", ".join(titles)), self.width(),
                             self.height(), top=True)
        if self._failed:  # said on the map itself: a missing danger-zone layer must not read as "no danger"
            draw_warning_note(painter, self._failure_note(), row=1 if loading else 0)
        attribution = " · ".join(s.attribution for n, s in self._tiles.items()
                                 if s.attribution and self.layers_model.is_visible(n))
        draw_corner_note(painter, attribution, self.width(), self.height(), top=False)
        painter.end()

    def _failure_note(self) -> str:
        ws = self._workspace
        parts = []
        for name in self.layers_model.top_first():  # top of the Layers panel first, as it lists them
            failure = self._failed.get(name)
            if failure is not None:
                title = ws.kind(name).title if ws is not None else name
                parts.append(self.tr("{layer} failed to load").format(layer=title) if failure.stage == "load"
                             else self.tr("{layer} failed to draw").format(layer=title))
        return self.tr("{failures}: the map may be missing some or all of them. See the Layers panel.").format(
            failures="; ".join(parts))

    # ======================================================================================
    # rendering
    # ======================================================================================
    def _render_soon(self, delay_ms: int) -> None:
        self._render_timer.start(max(0, int(delay_ms)))

    def _render_all(self) -> None:
        layers = self.layers_model
        keys = [BASEMAP, *(_tiles_key(n) for n in self._tiles if layers.is_visible(n))]
        keys += [_layer_key(n) for n in layers.names() if layers.is_visible(n)
                 and (n in self._snapshots or n in self._overviews)]
        keys += [_overlay_key(n) for n in self._overlays]
        keys += [LABELS, SELECTION]
        self._render_keys(keys)
        self._request_extents()
        self._request_details()

    def _render_keys(self, keys: list[str]) -> None:
        view = self._view
        settings = self._settings
        if self._batch_started is None:
            self._batch_started = time.perf_counter()
        for key in keys:
            job = self._job_for(key, view, settings)
            if job is None:
                if self._images.pop(key, None) is not None:
                    self._present_timer.start(PRESENT_DELAY_MS)
                continue
            self._batch.add(key)
            # Labels last: the layers' images are the map (a layer just read is not kept behind
            # the labels of the layers read before it), and labels asked again meanwhile supersede.
            self._queue.submit(key, job, priority=1 if key == LABELS else 2)
        if not self._batch:
            self._batch_started = None
        self.update()

    def _job_for(self, key: str, view: MapView, settings: RenderSettings) -> Callable | None:
        if key == BASEMAP:
            return lambda stop: (world_basemap().render(view, stop), view)
        if key.startswith("tiles:"):
            source = self._tiles.get(key[6:])
            return None if source is None else (lambda stop: (source.render(view, stop), view))
        if key.startswith("overlay:"):
            overlay = self._overlays.get(key[8:])
            return None if overlay is None else (lambda stop: (render_overlay(overlay, view, stop), view))
        if key.startswith("layer:"):
            snapshot = self._snapshots.get(key[6:])
            overview = self._overviews.get(key[6:])
            if snapshot is None and overview is not None and self._workspace is not None:
                kind = self._workspace.kind(key[6:])

                def from_overview(stop: Callable[[], bool]) -> tuple[QImage, MapView] | None:
                    image = render_overview(overview, kind, view, settings, stop)
                    return None if image is None else (image, view)
                return from_overview
            return None if snapshot is None else (lambda stop: (render_layer(snapshot, view, settings, stop), view))
        if key == LABELS:
            layers = self.visible_layers_top_first()
            return (lambda stop: (render_labels(layers, view, settings, stop), view)) if layers else None
        if key == SELECTION:
            items = []
            for layer, uuids in self.selection_model.as_dict().items():
                snapshot = self._snapshots.get(layer)
                if snapshot is not None and uuids and self.layers_model.is_visible(layer):
                    items.append((snapshot, snapshot.rows_for(uuids)))
            return (lambda stop: (render_selection(items, view, stop), view)) if items else None
        return None

    def _on_job_finished(self, key: str, generation: int, result: Any, ms: float) -> None:
        self._queue.job_done()
        current = self._queue.is_current(key, generation)
        if key.startswith("load:"):
            if isinstance(result, _ReadWhole):
                if current:
                    self._build_overview(key[5:], result)
                result = result.snapshot
            if current:  # a superseded load's successor is in flight and reports instead
                self._on_loaded(key[5:], result)
            return
        if key.startswith("overview:"):
            if current:
                self._on_overview(key[9:], result)
            return
        if key.startswith("overview-build:"):
            if current and isinstance(result, tuple):
                self._keep_overview(key[15:], *result)
            return
        if key.startswith(("identity:", "details:", "extent:")):
            if current:
                self._on_stage(key, result)
            return
        if isinstance(result, JobFailure):
            if current:
                self._drawing_failed(key, result)
            result = None
        elif current and result is not None and key.startswith("layer:") and key[6:] in self._failed \
                and self._failed[key[6:]].stage == "draw":
            self._set_failure(key[6:], None)  # drawn again
        if key == COMPOSE:
            if current and result is not None:
                self._composite = result
                self.update()
                if self._finish_started is not None and not self._batch:
                    elapsed = (time.perf_counter() - self._finish_started) * 1000
                    self._finish_started = None
                    self.renderFinished.emit(elapsed)
            return
        if current:
            self._batch.discard(key)
            if result is not None:
                self._images[key] = result
                if not self._present_timer.isActive():
                    self._present_timer.start(PRESENT_DELAY_MS)
            elif key.startswith("layer:") and key[6:] not in self._snapshots and self._images.pop(key, None):
                self._present_timer.start(PRESENT_DELAY_MS)  # an overview that cannot draw this view
        if not self._batch and self._batch_started is not None:
            # The batch is complete: compose it now; renderFinished follows the composite.
            self._finish_started = self._batch_started
            self._batch_started = None
            self._recompose()
        self._start_deferred_loads()

    # ======================================================================================
    # loading and workspace changes
    # ======================================================================================
    def _start_load(self, layer: str, uuids: set[str] | None, *, after_overview: bool = False) -> None:
        """Read a layer (``uuids`` None) or only some of its features, off the GUI thread.
        ``after_overview``: the layer is drawn from its overview, which stays until this read ends."""
        ws = self._workspace
        if ws is None:
            return
        self._overview_pending.discard(layer)  # a read asked for meanwhile: its overview is not waited for
        self._deferred_loads.discard(layer)
        if not after_overview:
            self._drop_overview(layer)
        self._loading.add(layer)
        kind = ws.kind(layer)
        path = workspace_target(ws)  # a file, or a team database's URL: the worker opens its own
        buffers = self._buffers.setdefault(layer, BufferCache())
        base = self._snapshots.get(layer)
        self._revision += 1
        revision = self._revision

        # A large layer of points is drawn from a first read of what drawing needs (its classes
        # with its places: the first drawn map is the classified one); its identities and (where
        # shown) markings and labels follow (layer_stages). A large layer of areas or lines is read
        # for the view (and as much again around it), the rest as the view moves (_request_extents).
        # Bands are keyed by uuid: read whole.
        box = self._extent_box() if uuids is None and self._by_extent(layer) else None
        staged = (uuids is None and box is None and self._counts.get(layer, 0) > PROGRESSIVE_ABOVE
                  and not kind.style.buffer_field)
        resolve = partial(_uuids_by_fid, ws, layer) if staged else None
        if uuids is None:
            self._generation[layer] = self._generation.get(layer, 0) + 1
        # A whole read of a dense point layer whose kept overview did not serve makes the next one,
        # keyed by the layer's state the read itself saw (in its own read transaction: no scan
        # before it on the first map's way, and exact for the rows read).
        build = staged and not after_overview and self._has_overview(layer)

        def job(stop: Callable[[], bool]) -> LayerSnapshot | _ReadWhole | None:
            witness = point_overview.read_witness(layer) if build else None
            read = read_columns(path, kind, drawing_columns(kind) if staged else whole_columns(kind), uuids=uuids,
                                bbox=box, should_stop=stop, witness=witness)
            if read is None:
                return None
            fresh = snapshot_from_columns(kind, read, revision, buffers, whole=not staged, resolve_uuids=resolve,
                                          extent_box=box)
            seen = None if witness is None else point_overview.witnessed_state(witness)
            if seen is not None:  # None: the read did not pack (another tool's rows): no overview kept
                return _ReadWhole(fresh, seen)
            if uuids is None or base is None:
                return fresh
            return base.patched(fresh, uuids, revision)

        # Packed reads leave the GIL to the renders beside them (SQLite packs with it released):
        # no read needs to run alone. Drawn from its overview, a layer's points are read after the
        # renders of the first map.
        self._queue.submit(f"load:{layer}", job, priority=0 if after_overview else 3, mode=NORMAL)
        self.update()

    # --- overviews of dense point layers (overview_grid, store.point_overview) --------------------
    def _has_overview(self, layer: str) -> bool:
        """Whether the layer is drawn from an overview kept in the workspace until its points are read."""
        ws = self._workspace
        if ws is None or not isinstance(getattr(ws, "reader", None), LayerReader):
            return False  # a GeoPackage's own table; another backend reads as before
        kind = ws.kind(layer)
        return (kind.geometry == "Point" and not kind.style.buffer_field
                and self._counts.get(layer, 0) > max(OVERVIEW_ABOVE, PROGRESSIVE_ABOVE))

    @staticmethod
    def _kept_overviews(ws: Workspace) -> set[str]:
        """Layers with an overview kept (fresh or not: a worker checks): a first open reads at once."""
        try:
            return point_overview.kept_layers(ws.connection)  # type: ignore[attr-defined]
        except Exception:  # fails closed to reading the points: another backend, a closed or damaged file
            log.debug("no kept overviews read", exc_info=True)  # another backend has none: not a warning
            return set()

    def _start_overview(self, layer: str) -> None:
        """Read the layer's kept overview (first of all jobs); its points are read after it."""
        ws = self._workspace
        assert ws is not None
        kind, path = ws.kind(layer), workspace_target(ws)
        self._overview_pending.add(layer)
        self._loading.add(layer)
        self._queue.submit(f"overview:{layer}", lambda stop: _stored_overview(path, kind), priority=4)

    def _on_overview(self, layer: str, result: tuple[PointOverview | None, str] | JobFailure | None) -> None:
        if layer not in self._overview_pending or self._workspace is None:
            return  # read meanwhile (a change, a refresh): the points are on their way
        self._overview_pending.discard(layer)
        overview = result[0] if isinstance(result, tuple) else None
        if overview is not None:
            self._overviews[layer] = overview
            self._deferred_loads.add(layer)
            if self.layers_model.is_visible(layer):
                self._render_keys([_layer_key(layer)])
            self._start_deferred_loads()
        else:  # stale or unreadable (JobFailure: logged): the read makes another
            self._start_load(layer, None)

    def _start_deferred_loads(self) -> None:
        """Read the points of the layers drawn from their overviews once the other layers are read
        and drawn: the first map is not kept waiting by a read it does not need."""
        if not self._deferred_loads or (self._loading - self._deferred_loads) or self._overview_pending \
                or any(key.startswith("layer:") for key in self._batch):
            return
        for layer in sorted(self._deferred_loads):
            self._start_load(layer, None, after_overview=True)

    def _drop_overview(self, layer: str) -> None:
        """The layer changed or is read again: its overview is not shown any more."""
        shown = self._overviews.pop(layer, None) is not None and layer not in self._snapshots
        if shown and self._images.pop(_layer_key(layer), None) is not None:
            self._recompose()

    def _build_overview(self, layer: str, read: _ReadWhole) -> None:
        """Make the overview of a whole read after it (off the first map's way), keyed by the
        layer's state the read saw: a later change makes it stale, never wrong."""
        ws = self._workspace
        if ws is None:
            return
        kind = ws.kind(layer)

        def job(stop: Callable[[], bool]) -> tuple[str, bytes] | None:
            if stop():
                return None
            overview = build_overview(read.snapshot)
            return None if overview is None else (overview_key(kind, read.state), encode(overview))

        self._queue.submit(f"overview-build:{layer}", job, priority=0)

    def _keep_overview(self, layer: str, key: str, blob: bytes) -> None:
        ws = self._workspace
        if ws is None or layer not in self.layers_model:
            return
        # On the workspace's own connection (store.point_overview.write): a few megabytes, ~10 ms.
        reason = point_overview.write(ws, layer, key, blob)  # type: ignore[arg-type]
        if reason is not None:
            log.info("overview of %s not kept: %s", layer, reason)

    def _by_extent(self, layer: str) -> bool:
        """Whether the layer is read by the view's extent (a large layer of areas or lines)."""
        ws = self._workspace
        return ws is not None and ws.kind(layer).geometry != "Point" and self._counts.get(layer, 0) > EXTENT_ABOVE

    def _extent_box(self) -> tuple[float, float, float, float]:
        """The lon/lat box a layer read by extent reads: the view and as much again around it."""
        view = self._view
        minx, miny, maxx, maxy = view.with_size(view.width * 2, view.height * 2).extent_lonlat()
        return max(minx, -180.0), max(miny, -90.0), min(maxx, 180.0), min(maxy, 90.0)

    def _request_extents(self) -> None:
        """Read what a layer read by extent lacks of the part of the map shown."""
        shown = self._view.extent_lonlat()
        for name in self.layers_model.names():
            snapshot = self._snapshots.get(name)
            if (snapshot is None or snapshot.extent_covers(shown) or name in self._loading
                    or not self.layers_model.is_visible(name)):
                continue
            asked = self._stages.get(f"extent:{name}")
            if asked is not None and asked[1] is not None and _covers(asked[1], shown):
                continue
            self._start_stage(name, "extent", self._extent_box())

    def _on_loaded(self, layer: str, snapshot: LayerSnapshot | JobFailure | None) -> None:
        self._loading.discard(layer)
        if isinstance(snapshot, LayerSnapshot):
            self._overviews.pop(layer, None)  # the points drawn now, as the overview drew them
        if isinstance(snapshot, JobFailure):
            # What was drawn before stays (the last state read); nothing new is drawn as empty.
            if self._workspace is not None and layer in self.layers_model:
                self._set_failure(layer, LayerFailure("load", snapshot.reason))
        elif snapshot is not None and self._workspace is not None and layer in self.layers_model:
            self._snapshots[layer] = snapshot
            self._set_failure(layer, None)
            if snapshot.identity_known:  # else when the identities are read
                self._drop_missing_selection(layer, snapshot)
            self.layerLoaded.emit(layer)
            keys = [LABELS, SELECTION]
            if self.layers_model.is_visible(layer):
                keys.insert(0, _layer_key(layer))
            self._render_keys(keys)
            self._request_details()
        elif (snapshot is None and self._workspace is not None and layer not in self._snapshots
              and layer in self.layers_model and layer not in self._failed):
            self._snapshots[layer] = empty_snapshot(self._workspace.kind(layer))
        if isinstance(snapshot, LayerSnapshot) and not snapshot.identity_known and self._workspace is not None \
                and layer in self.layers_model:
            self._start_stage(layer, "identity")  # edits made meanwhile wait for it
        else:
            self._apply_pending(layer)
        self._settle()
        self.update()

    def _settle(self) -> None:
        """Once every read is in: what the layers hold is taken out of the cyclic garbage
        collector's walks once the app is idle (:mod:`humanops.ui.gc_policy`). Those geometries
        and columns live as long as the workspace; a full collection walking them paused the GUI
        thread 50 to 190 ms. Frozen, they are still freed by reference counting when a later
        state of their layer replaces them; the freeze ends with the workspace (:meth:`_unfreeze`)."""
        if not self._loading and not self._stages:
            gc_policy.freeze_when_idle()

    def _apply_pending(self, layer: str) -> None:
        pending = self._pending_changes.pop(layer, False)
        if pending is not False and self._workspace is not None:
            self._start_load(layer, pending)

    # --- a large layer's later stages: identities, then details where shown ----------------------
    def _start_stage(self, layer: str, stage: str, box: tuple[float, float, float, float] | None = None,
                     read: Any = None) -> None:
        """Read a later stage of a large layer (``read`` given: only apply it again, to a
        snapshot that changed meanwhile) and make the next snapshot, on a worker."""
        ws = self._workspace
        base = self._snapshots.get(layer)
        if ws is None or base is None:
            return
        kind, path = ws.kind(layer), workspace_target(ws)
        self._revision += 1
        revision = self._revision
        key = f"{stage}:{layer}"
        self._stages[key] = (self._generation.get(layer, 0), box)

        buffers = self._buffers.setdefault(layer, BufferCache())
        selected = self.selection_model.of(layer)  # never dropped from what a layer by extent holds

        def job(stop: Callable[[], bool]) -> tuple[LayerSnapshot, Any, LayerSnapshot] | None:
            columns = read
            if stage == "extent":  # areas and lines of a box, geometry and all (read again if changed)
                assert box is not None
                found = read_columns(path, kind, whole_columns(kind), bbox=box, should_stop=stop)
                if found is None:
                    return None
                fresh = snapshot_from_columns(kind, found, revision, buffers, extent_box=box)
                return base, None, base.with_extent(fresh, box, revision, keep_uuids=selected)
            if columns is None:
                columns = read_columns(path, kind, list(IDENTITY) if stage == "identity" else detail_columns(kind),
                                       geometry=False, bbox=box, should_stop=stop)
            if columns is None:
                return None
            if stage == "identity":
                return base, columns, base.with_identity(columns, revision)
            assert box is not None
            return base, columns, base.with_details(columns, box, revision)

        # details after the renders of what is loaded; the features a pan brings in before them
        self._queue.submit(key, job, priority=3 if stage == "extent" else 0)

    def _on_stage(self, key: str, result: Any) -> None:
        stage, layer = key.split(":", 1)
        generation, box = self._stages.pop(key, (None, None))
        if self._workspace is None or layer not in self.layers_model or generation != self._generation.get(layer, 0):
            return  # the layer was read whole again since: its own stages follow
        if isinstance(result, JobFailure):
            self._set_failure(layer, LayerFailure("load", result.reason))
            self._apply_pending(layer)
            return
        if result is None:
            return
        base, columns, snapshot = result
        if self._snapshots.get(layer) is not base:  # an edit or another stage came first: apply to that
            self._start_stage(layer, stage, box, columns)
            return
        self._snapshots[layer] = snapshot
        if stage == "identity":
            self._drop_missing_selection(layer, snapshot)
        if stage in ("identity", "extent"):  # edits made meanwhile waited for it
            self._apply_pending(layer)
        keys = [LABELS, SELECTION]
        if self.layers_model.is_visible(layer):
            keys.insert(0, _layer_key(layer))
        self._render_keys(keys)
        self._settle()
        self.update()

    def _request_details(self) -> None:
        """Read the labels, originators and markings of large layers for the part of the map
        shown (and as much again around it), where the map shows them: labels drawn point by
        point, TLP markings or the marking filter on."""
        view, settings = self._view, self._settings
        markings = settings.show_markings or settings.marking_predicate is not None
        shown = view.extent_lonlat()
        for name in self.layers_model.names():
            snapshot = self._snapshots.get(name)
            if snapshot is None or snapshot.details_known is None or not self.layers_model.is_visible(name):
                continue
            labels = bool(snapshot.kind.style.label_field) and not is_clustered(snapshot, view, settings.at_ns)
            if not (markings or labels) or snapshot.details_cover(shown):
                continue
            asked = self._stages.get(f"details:{name}")
            if asked is not None and asked[1] is not None and _covers(asked[1], shown):
                continue
            self._start_stage(name, "details", view.with_size(view.width * 2, view.height * 2).extent_lonlat())

    def _set_failure(self, layer: str, failure: LayerFailure | None) -> None:
        if self._failed.get(layer) == failure:
            return
        if failure is None:
            del self._failed[layer]
        else:
            log.warning("layer %s failed to %s: %s", layer, failure.stage, failure.reason)
            self._failed[layer] = failure
        self.layerFailureChanged.emit(layer)
        self.update()

    def _drawing_failed(self, key: str, failure: JobFailure) -> None:
        if key.startswith("layer:"):
            self._set_failure(key[6:], LayerFailure("draw", failure.reason))
        else:  # the basemap, labels, selection, results: no panel row to show it in
            exc = failure.exception
            report_exception(type(exc), exc, exc.__traceback__, where=self.tr("drawing the map ({part})").format(
                part=key), logged=True)

    def _drop_missing_selection(self, layer: str, snapshot: LayerSnapshot) -> None:
        self.selection_model.keep_present(layer, snapshot.row_of)

    def _on_workspace_change(self, change: WorkspaceChange) -> None:
        if self._workspace is None or change.layer not in self.layers_model:
            return
        self._drop_overview(change.layer)  # never shown stale
        if change.layer in self._overview_pending:  # read the points now; the change follows them
            self._start_load(change.layer, None)
        uuids: set[str] | None = set(change.uuids)
        if len(uuids) > INCREMENTAL_LIMIT or change.layer not in self._snapshots:
            uuids = None
        if change.layer in self._loading or f"identity:{change.layer}" in self._stages \
                or f"extent:{change.layer}" in self._stages:
            # Read after the load in flight: merge with what is already waiting.
            waiting = self._pending_changes.get(change.layer, set())
            self._pending_changes[change.layer] = None if waiting is None or uuids is None else waiting | uuids
            return
        self._start_load(change.layer, uuids)

    # --- extents from the GeoPackage's R-trees (fast, before any layer is loaded) -------------
    @staticmethod
    def _count(ws: Workspace, layer: str) -> int:
        try:
            return ws.count(layer)
        except Exception:  # GUI thread, any backend: a damaged workspace leaves the layer empty, not the window dead
            log.warning("cannot count layer %s", layer, exc_info=True)
            return 0

    @staticmethod
    def _layer_extent(ws: Workspace, layer: str) -> tuple[float, float, float, float] | None:
        try:  # the R-tree's root alone: a scan of a million entries held this thread up to 1.4 s
            reader = getattr(ws, "reader", None)
            if isinstance(reader, LayerReader) or hasattr(reader, "indexed_extent"):  # PostGIS: its estimate
                return reader.indexed_extent(ws.kind(layer))
            return ws.extent(layer)
        except Exception:  # a closed or damaged workspace: no extent, the view stays where it is
            log.warning("cannot read the extent of layer %s", layer, exc_info=True)
            return None

    def _workspace_extent(self, ws: Workspace | None) -> tuple[float, float, float, float] | None:
        if ws is None:
            return None
        boxes = [b for b in (self._layer_extent(ws, n) for n in ws.layers()) if b is not None]
        if not boxes:
            return None
        b = np.array(boxes)
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())

    def closeEvent(self, event: Any) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the workers (the main window calls this before closing the workspace)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._render_timer.stop()
        self._queue.shutdown()
        self._forget_idle()
        self._unfreeze()

    def _unfreeze(self) -> None:
        """What the layers held may be collected again (see _settle)."""
        gc_policy.unfreeze()
