"""A map view rendered offscreen, with its decorations, as a PNG or a one-page PDF: *File › Export
map image…*, and the situation report's map.

One renderer for both: the canvas's own (:mod:`humanops.ui.canvas`): the world basemap, each layer
by :func:`~humanops.ui.canvas.layer_renderer.render_layer`, result overlays, then the labels, for a
:class:`MapRequest` (the view's extent and size, the layers' snapshots, the time). The parts are
rendered on worker threads:

- in the app, :class:`MapRenderer` submits them to a render queue of its own and composes them on
  the GUI thread as they arrive, bottom first (a part waits only for those under it, so no more
  than a few images are held at once), then emits the :class:`MapPicture`;
- a caller already on a worker thread (the situation report) calls :func:`render_map`, which
  renders and composes the same parts in turn on that thread.

The banner of an export is the highest TLP among the features drawn (TLP 2.0: a document carries
the most restrictive marking inside it): the rows each layer draws in the view at the time shown,
their markings as the snapshot holds them; where a large layer has not read the markings of part
of the view yet, they are read from the workspace for the view's box (on the worker, through a
read-only connection of its own), never guessed.

Writing goes through :func:`humanops.store.atomic_files.atomic_write`: a file appears whole or not
at all, owner-only (it holds marked data).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QPointF, QRectF, QSizeF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from humanops.errors import FormatError
from humanops.feedback import Feedback
from humanops.model.marking import TLP
from humanops.store.atomic_files import atomic_write
from humanops.store.target_reads import workspace_target
from humanops.ui.canvas.basemap_world import SEA, world_basemap
from humanops.ui.canvas.labels import render_labels
from humanops.ui.canvas.layer_renderer import RenderSettings, Stopped, new_image, render_layer, visible_rows
from humanops.ui.canvas.overlay_layers import Overlay, render_overlay
from humanops.ui.canvas.render_queue import JobFailure, RenderQueue, blit
from humanops.ui.i18n import current_language
from humanops.ui.map_decorations import (
    FOOTER_PX,
    HEADER_PX,
    LOGICAL_DPI,
    LegendEntry,
    LegendGroup,
    MapFurniture,
    draw_banner,
    draw_footer,
    paint_map_area,
)
from humanops.ui.symbols import legend_entries  # in the UI's language, "other" included
from humanops.viewmodel.layers.layer_data import LayerSnapshot
from humanops.viewmodel.map_view import MapView

if TYPE_CHECKING:
    from humanops.ui.canvas.map_canvas import MapCanvas

ShouldStop = Callable[[], bool]
NATURAL_EARTH = "Natural Earth"
PDF_RESOLUTION = 300  # the PDF's own coordinate grid (dpi); the map's raster has its own dpi
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3, "Letter": QPageSize.PageSizeId.Letter}
PAGE_MARGIN_MM = 8.0
# A side of a PNG, in pixels: each part of the map is an image of the whole size (4 bytes a pixel),
# and a few are in memory at once; 6,000 x 6,000 stays within a field laptop's memory.
MAX_IMAGE_PX = 6_000
COMPOSE_STEP_PIXELS = 2_000_000  # device pixels blitted in one step on the GUI thread (about 20 ms)


def time_text(moment: datetime | None) -> str:
    """ISO-like in every language: a map or report read abroad must not be misread (3/4 or 4/3)."""
    if moment is None:
        return QCoreApplication.translate("MapExport", "all times")
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class MapLayer:
    """A layer as drawn: its snapshot, its title for the legend, its opacity."""

    snapshot: LayerSnapshot
    title: str
    opacity: float = 1.0


@dataclass(frozen=True)
class MapRequest:
    """What to draw: ``view`` is the map area (logical pixels and device pixel ratio), ``layers``
    bottom first; ``workspace_path`` lets the TLP of a large layer's unread rows be read."""

    view: MapView
    layers: tuple[MapLayer, ...]
    settings: RenderSettings = field(default_factory=RenderSettings)
    overlays: tuple[Overlay, ...] = ()
    labels: bool = True
    workspace_path: str | Path | None = None  # a file, or a team database's URL


@dataclass
class MapPicture:
    """The rendered map area, the highest TLP drawn and the legend of what was drawn."""

    image: QImage
    view: MapView
    tlp: str
    legend: list[LegendGroup]


@dataclass(frozen=True)
class MapTexts:
    """The words around the map: the banner's title and lines, the footer's."""

    title: str
    subtitle: str = ""
    valid_at: datetime | None = None
    made: datetime | None = None
    made_by: str = ""
    notes: tuple[str, ...] = ()  # red notes on the map: layers not shown as stored
    exercise: str = ""  # "EXERCISE — NAME": a strip across the top of the map of an exercise

    def banner_lines(self) -> tuple[str, ...]:
        made = ""
        if self.made and self.made_by:
            made = QCoreApplication.translate("MapExport", "Made {time} by {who}").format(
                time=time_text(self.made), who=self.made_by)
        elif self.made:
            made = QCoreApplication.translate("MapExport", "Made {time}").format(time=time_text(self.made))
        valid = QCoreApplication.translate("MapExport", "Valid at {time}").format(time=time_text(self.valid_at))
        return tuple(line for line in (valid, made) if line)


# --- the parts, and what was drawn -------------------------------------------------------------------

Part = tuple[str, float, Callable[[ShouldStop], QImage]]  # (what, opacity, job)


def map_parts(request: MapRequest) -> list[Part]:
    """The images that make the map, bottom first: basemap, layers, overlays, labels."""
    view, settings = request.view, request.settings
    parts: list[Part] = [(QCoreApplication.translate("MapExport", "the basemap"), 1.0,
                          lambda stop: world_basemap().render(view, stop))]
    for layer in request.layers:
        snapshot = layer.snapshot
        parts.append((layer.title, layer.opacity,
                      lambda stop, s=snapshot: render_layer(s, view, settings, stop)))
    for overlay in request.overlays:
        parts.append((overlay.name, 1.0, lambda stop, o=overlay: render_overlay(o, view, stop)))
    if request.labels and request.layers:
        top_first = [layer.snapshot for layer in reversed(request.layers) if layer.opacity > 0]
        parts.append((QCoreApplication.translate("MapExport", "the labels"), 1.0,
                      lambda stop: render_labels(top_first, view, settings, stop)))
    return parts


def _drawn_rows(snapshot: LayerSnapshot, view: MapView, settings: RenderSettings) -> np.ndarray:
    """The rows the renderer draws in the view (points with their marker's overhang)."""
    pad = float(snapshot.marker_sizes.max()) / 2 + 12 if snapshot.is_points and len(snapshot) else 4.0
    return visible_rows(snapshot, view, settings, pad_px=pad)


def highest_tlp(request: MapRequest, should_stop: ShouldStop = lambda: False) -> str:
    """The most restrictive TLP of the features drawn (CLEAR when none is)."""
    levels: set[str] = set()
    for layer in request.layers:
        if should_stop():
            raise Stopped
        if layer.opacity <= 0:
            continue
        rows = _drawn_rows(layer.snapshot, request.view, request.settings)
        tlps = layer.snapshot.tlps(rows)
        levels |= {t for t in np.unique(tlps).tolist() if t}
        if (tlps == "").any():  # markings of a large layer not read there yet
            levels |= _stored_tlps(request, layer.snapshot)
    if not levels:
        return TLP.CLEAR.value
    return max(TLP.parse(level) for level in levels).value


def _stored_tlps(request: MapRequest, snapshot: LayerSnapshot) -> set[str]:
    """The TLPs stored for the features of the view's box valid at the time shown. Without a
    workspace to ask, RED: an unknown marking is never shown as a milder one."""
    from humanops.viewmodel.layers.layer_stages import read_columns

    if request.workspace_path is None:
        return {TLP.RED.value}
    kind = snapshot.kind
    times = [c for c in (kind.time_start, kind.time_end) if c]
    read = read_columns(request.workspace_path, kind, ["tlp", *times], geometry=False,
                        bbox=request.view.extent_lonlat())
    if read is None or not len(read):
        return set()
    tlps = np.asarray(read.values["tlp"], dtype=object)
    at_ns = request.settings.at_ns
    if at_ns is not None and times:
        import pandas as pd

        def ns(column: str | None, fill: int) -> np.ndarray:
            if not column:
                return np.full(len(tlps), fill, dtype=np.int64)
            stamps = pd.to_datetime(pd.Series(np.asarray(read.values[column], dtype=object)), utc=True,
                                    errors="coerce", format="ISO8601")
            out = stamps.dt.tz_convert(None).astype("datetime64[ns]").to_numpy().view(np.int64).copy()
            out[stamps.isna().to_numpy()] = fill
            return out

        valid = (ns(kind.time_start, np.iinfo(np.int64).min) <= at_ns) & (ns(kind.time_end, np.iinfo(np.int64).max)
                                                                           >= at_ns)
        tlps = tlps[valid]
    # a value that is not a TLP level (another tool wrote it) counts as RED, as the app reads it
    return {t if t in TLP._value2member_map_ else TLP.RED.value for t in (str(v) for v in tlps if v)}


def legend_for(request: MapRequest) -> list[LegendGroup]:
    """A group per layer with features drawn (top layer first, as the Layers panel lists them),
    with the classes drawn only."""
    groups = []
    for layer in reversed(request.layers):
        snapshot = layer.snapshot
        if layer.opacity <= 0:
            continue
        rows = _drawn_rows(snapshot, request.view, request.settings)
        if not len(rows):
            continue
        kind = snapshot.kind
        entries = legend_entries(kind)
        drawn = set(np.unique(snapshot.class_index[rows]).tolist())
        classed = bool(kind.style.classify_by and kind.style.classes)
        chosen: list[LegendEntry] = []
        if not classed:
            chosen = [LegendEntry(layer.title, entries[0].symbol)]
        else:
            for position, entry in enumerate(e for e in entries if e.value is not None):
                if position + 1 in drawn:
                    chosen.append(LegendEntry(entry.label, entry.symbol))
            if 0 in drawn:
                chosen.append(LegendEntry(QCoreApplication.translate("symbols", "other"), kind.style.base))
        groups.append(LegendGroup(layer.title, kind.geometry, kind.style.buffer_field is not None, tuple(chosen)))
    return groups


def render_map(request: MapRequest, should_stop: ShouldStop = lambda: False) -> MapPicture:
    """Render and compose the map in the calling thread (a worker's: never the GUI thread's for
    a large map). Raises :class:`Stopped` if ``should_stop`` turns true."""
    image = new_image(request.view)
    image.fill(QColor(SEA))
    painter = QPainter(image)
    try:
        for _what, opacity, job in map_parts(request):
            part = job(should_stop)
            painter.setOpacity(opacity)
            blit(painter, part, request.view, request.view)
    finally:
        painter.end()
    return MapPicture(image, request.view, highest_tlp(request, should_stop), legend_for(request))


class MapRenderer(QObject):
    """Renders a :class:`MapRequest` on worker threads and composes it on the GUI thread, in
    strips of :data:`COMPOSE_STEP_PIXELS` (one an event-loop turn).
    ``rendered(MapPicture)`` or ``failed(reason)`` follows each :meth:`render` not cancelled."""

    rendered = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = RenderQueue(self, threads=2)
        self._queue.finished.connect(self._part_done)
        self._serial = 0
        self._request: MapRequest | None = None
        self._target: QImage | None = None
        self._parts: list[Part] = []
        self._arrived: dict[int, QImage] = {}
        self._next = 0
        self._strip_row = 0  # device rows of part ``_next`` composed so far
        # the next step on the next turn of the event loop (a timer of ours: it goes with us)
        self._step_timer = QTimer(self, singleShot=True, interval=0)
        self._step_timer.timeout.connect(self._compose_step)
        self._marking: tuple[str, list[LegendGroup]] | None = None

    def render(self, request: MapRequest) -> None:
        """Start rendering ``request`` (a render still running is dropped)."""
        self.cancel()
        self._serial += 1
        self._request = request
        self._parts = map_parts(request)
        self._arrived, self._next, self._strip_row, self._marking = {}, 0, 0, None
        self._target = new_image(request.view)
        self._target.fill(QColor(SEA))
        for i, (_what, _opacity, job) in enumerate(self._parts):
            # lower parts first: the composition waits for them
            self._queue.submit(f"{self._serial}:{i}", job, priority=len(self._parts) - i)
        self._queue.submit(f"{self._serial}:marking",
                           lambda stop, r=request: (highest_tlp(r, stop), legend_for(r)), priority=0)

    def cancel(self) -> None:
        self._queue.supersede_all()
        self._request = None
        self._target = None
        self._arrived = {}

    def is_rendering(self) -> bool:
        return self._request is not None

    def shutdown(self) -> None:
        self.cancel()
        self._queue.shutdown(1000)

    def _part_done(self, key: str, _generation: int, result: Any, _ms: float) -> None:
        self._queue.job_done()
        serial, _, which = key.partition(":")
        if self._request is None or serial != str(self._serial) or result is None:
            return  # a cancelled render's part
        if isinstance(result, JobFailure):
            what = QCoreApplication.translate("MapExport", "the markings") if which == "marking" \
                else self._parts[int(which)][0]
            self.cancel()
            self.failed.emit(QCoreApplication.translate("MapExport", "{what} could not be drawn: {reason}").format(
                what=what, reason=result.reason))
            return
        if which == "marking":
            self._marking = result
        else:
            self._arrived[int(which)] = result
        self._compose_soon()

    def _compose_soon(self) -> None:
        if not self._step_timer.isActive():
            self._step_timer.start()

    def _compose_step(self) -> None:
        """Blit the next strip of the lowest part not yet composed (once it arrived) onto the
        target; strips keep each step short, so the GUI thread never waits long on a big map.
        Once every part is in and the markings are read, emit the picture."""
        if self._request is None or self._target is None:
            return  # cancelled meanwhile
        part = self._arrived.get(self._next)
        if part is not None:
            view = self._request.view
            rows = max(1, COMPOSE_STEP_PIXELS // max(1, self._target.width()))
            dpr = self._target.devicePixelRatio()
            painter = QPainter(self._target)
            try:
                # the strip in logical pixels, as the painter on an image with a pixel ratio counts
                painter.setClipRect(QRectF(0, self._strip_row / dpr, view.width, rows / dpr))
                painter.setOpacity(self._parts[self._next][1])
                blit(painter, part, view, view)
            finally:
                painter.end()
            self._strip_row += rows
            if self._strip_row >= self._target.height():
                del self._arrived[self._next]
                self._next += 1
                self._strip_row = 0
            self._compose_soon()
            return
        if self._next == len(self._parts) and self._marking is not None:
            request, image = self._request, self._target
            tlp, legend = self._marking
            self.cancel()
            self.rendered.emit(MapPicture(image, request.view, tlp, legend))


def request_from_canvas(canvas: MapCanvas, view: MapView, *, labels: bool = True) -> MapRequest:
    """What ``canvas`` shows (its visible layers as loaded, their opacities and order, its
    result overlays, time filter and markings), for ``view``. The selection and the marking
    filter's fading are the screen's, not the map's: they are left out."""
    import pandas as pd

    ws = canvas.workspace()
    layers = []
    for name in canvas.layer_names():
        snapshot = canvas.snapshot(name)
        if snapshot is None or not canvas.is_layer_visible(name) or canvas.layer_failure(name) is not None:
            continue
        layers.append(MapLayer(snapshot, snapshot.kind.title_in(current_language()), canvas.layer_opacity(name)))
    overlays = tuple(o for o in (canvas.overlay(n) for n in canvas.overlay_names()) if o is not None)
    at = canvas.time_filter()
    at_ns = None if at is None else int(pd.Timestamp(at).tz_convert("UTC").value)
    return MapRequest(view, tuple(layers), RenderSettings(at_ns=at_ns, show_markings=canvas.show_markings()),
                      overlays, labels, workspace_target(ws) if ws is not None else None)


def layers_not_ready(canvas: MapCanvas) -> tuple[list[str], list[str]]:
    """(titles of visible layers still loading, titles of visible layers that failed to load or
    draw): an export waits for the first and names the second on the map."""
    ws = canvas.workspace()
    loading, failed = [], []
    for name in canvas.layer_names():
        if not canvas.is_layer_visible(name):
            continue
        title = ws.kind(name).title_in(current_language()) if ws is not None else name
        if canvas.layer_failure(name) is not None:
            failed.append(title)
        elif canvas.snapshot(name) is None:
            loading.append(title)
    return loading, failed


# --- sizes, the whole image, the files ---------------------------------------------------------------

def fitted_view(shown: MapView, width: float, height: float, dpi: float) -> MapView:
    """A view of ``width`` x ``height`` logical pixels showing what ``shown`` shows, whole and
    centred (the margins the other aspect ratio leaves show more map), drawn at ``dpi``."""
    minx, miny, maxx, maxy = shown.extent
    view = MapView(shown.cx, shown.cy, shown.resolution, max(1, round(width)), max(1, round(height)),
                   dpi / LOGICAL_DPI)
    return view.fitted(minx, miny, maxx, maxy, margin=0.0)


def image_map_view(shown: MapView, width_px: int, height_px: int, dpi: float) -> MapView:
    """The map area of a ``width_px`` x ``height_px`` image at ``dpi`` (banner and footer take
    their part of its height)."""
    scale = LOGICAL_DPI / dpi
    return fitted_view(shown, width_px * scale, height_px * scale - HEADER_PX - FOOTER_PX, dpi)


def page_logical_size(page: str, landscape: bool) -> QSizeF:
    size = QPageSize(PAGE_SIZES[page]).size(QPageSize.Unit.Millimeter)
    w, h = (max(size.width(), size.height()), min(size.width(), size.height())) if landscape else \
        (min(size.width(), size.height()), max(size.width(), size.height()))
    return QSizeF(w / 25.4 * LOGICAL_DPI, h / 25.4 * LOGICAL_DPI)


def page_map_view(shown: MapView, page: str, landscape: bool, dpi: float) -> MapView:
    """The map area of a PDF page: the page within its margins, less banner and footer."""
    size = page_logical_size(page, landscape)
    margin = PAGE_MARGIN_MM / 25.4 * LOGICAL_DPI
    return fitted_view(shown, size.width() - 2 * margin, size.height() - 2 * margin - HEADER_PX - FOOTER_PX, dpi)


def paint_layout(painter: QPainter, origin: QPointF, picture: MapPicture, texts: MapTexts,
                 furniture: MapFurniture, attribution: str) -> None:
    """Banner, map area and footer, one under the other from ``origin`` (logical pixels)."""
    width = picture.view.width
    x, y = origin.x(), origin.y()
    draw_banner(painter, QRectF(x, y, width, HEADER_PX), picture.tlp, texts.title, texts.subtitle,
                texts.banner_lines())
    paint_map_area(painter, QPointF(x, y + HEADER_PX), picture.image, picture.view, picture.legend, furniture,
                   texts.notes)
    if texts.exercise:  # over the map's top edge: the layout and the map's scale stay as they are
        from humanops.ui.exercise_banner import STRIP_PX, draw_exercise_strip

        draw_exercise_strip(painter, QRectF(x, y + HEADER_PX, width, STRIP_PX), texts.exercise)
    if texts.made_by:
        footer = QCoreApplication.translate("MapExport", "Made with HumanOps by {who} · valid at {time}")
    else:
        footer = QCoreApplication.translate("MapExport", "Made with HumanOps · valid at {time}")
    draw_footer(painter, QRectF(x, y + HEADER_PX + picture.view.height, width, FOOTER_PX), picture.tlp,
                footer.format(who=texts.made_by, time=time_text(texts.valid_at)), attribution)


def attribution_text() -> str:
    return QCoreApplication.translate("MapExport", "Basemap: {name} · Web Mercator").format(name=NATURAL_EARTH)


def decorated_image(picture: MapPicture, texts: MapTexts, furniture: MapFurniture) -> QImage:
    """The whole image: banner, the map with its furniture, footer (the map's pixel ratio)."""
    view = picture.view
    dpr = view.device_pixel_ratio
    height = view.height + HEADER_PX + FOOTER_PX
    image = QImage(math.ceil(view.width * dpr), math.ceil(height * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        paint_layout(painter, QPointF(0, 0), picture, texts, furniture, attribution_text())
    finally:
        painter.end()
    return image


def write_png(image: QImage, path: Path, dpi: float, feedback: Feedback | None = None) -> int:
    """Write ``image`` as a PNG (with its dpi), whole or not at all; returns its size in bytes."""
    feedback = feedback or Feedback()
    feedback.progress(0.1, QCoreApplication.translate("MapExport", "writing the PNG"))
    image = image.convertToFormat(QImage.Format.Format_RGB32)  # opaque: smaller, and no viewer shows a checkerboard
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    with atomic_write(path, temp_name="map.png") as tmp:
        if not image.save(str(tmp), "PNG"):
            raise FormatError(QCoreApplication.translate(
                "MapExport", "could not write the PNG image (is the folder writable, the disk full?)"), file=str(path))
        feedback.check()  # a cancel up to here leaves no file (and an earlier one untouched)
    feedback.progress(1.0, QCoreApplication.translate("MapExport", "written"))
    return path.stat().st_size


def new_pdf(path: Path, title: str, page: str = "A4", landscape: bool = False) -> QPdfWriter:
    """A PDF writer on ``path``, coordinates :data:`PDF_RESOLUTION` dpi, no margins of its own."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    layout = QPageLayout(QPageSize(PAGE_SIZES[page]),
                         QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    writer.setTitle(title)
    writer.setCreator("HumanOps")
    return writer


def logical_painter(writer: QPdfWriter) -> QPainter:
    """A painter on ``writer`` drawing in logical pixels (96 an inch), as on the screen."""
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = writer.resolution() / LOGICAL_DPI
    painter.scale(scale, scale)
    return painter


def write_pdf(picture: MapPicture, texts: MapTexts, furniture: MapFurniture, path: Path, *, page: str = "A4",
              landscape: bool = True, feedback: Feedback | None = None) -> int:
    """The map on one PDF page (banner at the top, TLP footer at the bottom), whole or not at
    all; returns its size in bytes."""
    feedback = feedback or Feedback()
    feedback.progress(0.1, QCoreApplication.translate("MapExport", "writing the PDF"))
    margin = PAGE_MARGIN_MM / 25.4 * LOGICAL_DPI
    size = page_logical_size(page, landscape)
    with atomic_write(path, temp_name="map.pdf") as tmp:
        writer = new_pdf(tmp, texts.title, page, landscape)
        painter = logical_painter(writer)
        try:
            # centred in the page's margins: the map's aspect ratio was fitted to them
            x = max(margin, (size.width() - picture.view.width) / 2)
            paint_layout(painter, QPointF(x, margin), picture, texts, furniture, attribution_text())
        finally:
            painter.end()  # QPdfWriter writes the file's tail here: it is complete
        feedback.check()
    feedback.progress(1.0, QCoreApplication.translate("MapExport", "written"))
    return path.stat().st_size
