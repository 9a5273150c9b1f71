"""View › Replay…: the open workspace's recorded history played on the map, read-only.

A mode of its own rather than a setting of the time slider: the slider asks "valid at" (each
feature's validity window, over the live data), replay asks "as recorded at" (what this workspace
held at a past moment: history and tombstones, :mod:`humanops.store.history_view`). A reviewer
who replays an exercise must never mistake the past for the present, nor edit it: while replaying
a red "REPLAY — read-only" strip and the moment stand above the slider, the live layers are hidden
and the past picture is drawn as read-only overlays (the canvas's public overlay API), and every
action that edits is greyed. Leaving replay (its button, Esc, closing the panel, closing the
workspace) puts back the live picture and the actions as they were.

The slider steps over the moments something was committed (``humanops_changes``); play advances
one moment per tick at the chosen speed. Each frame is read and styled on a worker (a read-only
connection of its own), never on the GUI thread; when play outruns the frames, the moments in
between are skipped: only the latest wanted moment is computed next, nothing queues.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from humanops.feedback import Feedback
from humanops.store.target_reads import workspace_target
from humanops.ui.locale_text import format_count
from humanops.ui.workers import Worker

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.catalog import Catalog, LayerKind
    from humanops.store.history_view import ChangeMoments
    from humanops.ui.canvas.overlay_layers import Overlay
    from humanops.ui.main_window import MainWindow

log = logging.getLogger(__name__)

OVERLAY_PREFIX = "replay:"
REPLAY_COLOUR = "#b3261e"
SPEEDS = (1, 2, 5, 10)  # moments a second
LABELLED_FEATURES = 300  # a layer with more is drawn without labels (a replayed frame stays quick)


@dataclass(frozen=True)
class ReplayFrame:
    """One moment's picture, made on a worker: an overlay a layer, ready to draw."""

    index: int
    at: datetime
    overlays: dict[str, Overlay]
    counts: dict[str, int]


def overlay_name(layer: str) -> str:
    return OVERLAY_PREFIX + layer


def styled_frame(kind: LayerKind, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer's rows with the overlay style columns of its kind's symbols (class colours,
    marker sizes, labels): the past drawn in the colours of the present."""
    from humanops.ui.canvas.overlay_layers import FILL, LABEL, SIZE, STROKE, WIDTH

    style = kind.style
    out = frame.copy()
    n = len(out)
    if style.classify_by and style.classify_by in out.columns and n:
        values = out[style.classify_by].astype(object).to_numpy()
        codes, distinct = _factorize(values)
        symbols = [style.symbol_for(v) for v in distinct]
        out[FILL] = np.array([s.fill or s.stroke or "#888888" for s in symbols], dtype=object)[codes]
        out[STROKE] = np.array([s.stroke or "#333333" for s in symbols], dtype=object)[codes]
        out[SIZE] = np.array([float(s.size or 8.0) for s in symbols])[codes]
        out[WIDTH] = np.array([float(s.stroke_width or 1.5) for s in symbols])[codes]
    if style.label_field and style.label_field in out.columns and 0 < n <= LABELLED_FEATURES:
        out[LABEL] = out[style.label_field].astype(object).where(out[style.label_field].notna(), "")
    return out


def _factorize(values: np.ndarray) -> tuple[np.ndarray, list[Any]]:
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    return codes, [None if v is None or v != v else v for v in uniques.tolist()]


def overlay_style(kind: LayerKind) -> Any:
    from humanops.ui.canvas.overlay_layers import OverlayStyle

    base = kind.style.base
    fill_opacity = float(base.fill_opacity if base.fill_opacity is not None else 0.35)
    return OverlayStyle(stroke=base.stroke or "#333333", width=float(base.stroke_width or 1.5),
                        fill=base.fill, fill_opacity=fill_opacity,
                        size=float(base.size or 8.0), halo=kind.geometry != "MultiPolygon",
                        dash=(base.dash or "solid") != "solid")


def make_frame(path: str | Path, catalog: Catalog, index: int, at: datetime, layers: list[str],
               feedback: Feedback) -> ReplayFrame:
    """The picture of ``layers`` as recorded at ``at``, read and projected here (a worker)."""
    from humanops.store.history_view import HistoryView
    from humanops.ui.canvas.overlay_layers import Overlay

    overlays: dict[str, Overlay] = {}
    counts: dict[str, int] = {}
    with HistoryView.read_only(path, catalog) as view:
        for name in layers:
            feedback.check()
            kind = catalog[name]
            frame = view.layer_at(name, at)
            counts[name] = len(frame)
            overlay = Overlay(overlay_name(name), styled_frame(kind, frame), overlay_style(kind))
            overlay.projected()  # the map CRS and its index, here rather than in a render job
            overlays[name] = overlay
    return ReplayFrame(index, at, overlays, counts)


def read_moments(path: str | Path, catalog: Catalog, layers: list[str], feedback: Feedback) -> ChangeMoments:
    from humanops.store.history_view import HistoryView

    with HistoryView.read_only(path, catalog) as view:
        feedback.check()
        return view.moments(layers)


class ReplayBar(QWidget):
    """The replay panel: the read-only strip, the moment, the slider and its controls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replay_bar")
        style = self.style()
        self.banner = QLabel(self.tr("REPLAY — read-only"), self)
        self.banner.setObjectName("replay_banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.banner.setStyleSheet(f"QLabel#replay_banner {{ background: {REPLAY_COLOUR}; color: white; "
                                  "font-weight: bold; font-size: 14px; padding: 4px; letter-spacing: 1px; }")
        self.banner.setToolTip(self.tr("The map shows the workspace as it was recorded at the moment below; "
                                       "nothing can be edited until you leave replay"))
        self.moment_label = QLabel("—", self)
        self.moment_label.setObjectName("replay_moment")
        self.moment_label.setStyleSheet("QLabel#replay_moment { font-weight: bold; }")
        self.change_label = QLabel("", self)
        self.step_back = QToolButton(self)
        self.step_back.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward))
        self.step_back.setToolTip(self.tr("Previous moment (Left arrow on the slider)"))
        self.play_button = QToolButton(self)
        self.play_button.setCheckable(True)
        self.play_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play the history from this moment (Space)"))
        self.step_forward = QToolButton(self)
        self.step_forward.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.step_forward.setToolTip(self.tr("Next moment (Right arrow on the slider)"))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("replay_slider")
        self.slider.setRange(0, 0)
        self.slider.setPageStep(10)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.speed = QComboBox(self)
        self.speed.setToolTip(self.tr("How fast play steps through the moments"))
        for n in SPEEDS:
            self.speed.addItem(self.tr("%n moment(s) a second", "", n), n)
        self.leave_button = QPushButton(self.tr("Leave replay"), self)
        self.leave_button.setToolTip(self.tr("Back to the live picture, editing enabled (Esc)"))
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for w in (self.step_back, self.play_button, self.step_forward):
            controls.addWidget(w)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.speed)
        controls.addWidget(self.leave_button)
        moment = QHBoxLayout()
        moment.setContentsMargins(0, 0, 0, 0)
        moment.addWidget(self.moment_label)
        moment.addWidget(self.change_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(3)
        layout.addWidget(self.banner)
        layout.addLayout(moment)
        layout.addLayout(controls)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


def _moment_text(at: datetime) -> str:
    """A moment to the second, in UTC (moments a few seconds apart must read apart)."""
    from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

    from humanops.ui.i18n import ui_locale

    moment = at.astimezone(UTC)
    qt_moment = QDateTime(QDate(moment.year, moment.month, moment.day),
                          QTime(moment.hour, moment.minute, moment.second), QTimeZone.utc())
    return f"{ui_locale().toString(qt_moment, 'd MMM yyyy HH:mm:ss')} UTC"


class ReplayController(QObject):
    """Replay mode of one main window: enters, shows frames, leaves. Made once, on first use."""

    entered = Signal()
    left = Signal()
    frameShown = Signal(int)  # the moment's index, once its picture is on the map

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = ReplayBar(window)
        self.dock = QDockWidget(self.tr("Replay"), window)
        self.dock.setObjectName("dock_replay")
        self.dock.setWidget(self.bar)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dock.setTitleBarWidget(QWidget(self.dock))  # the red strip says what it is; Leave ends it
        # across the top of the map, under the toolbars: the first thing a reader sees
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, self.dock)
        self.dock.hide()
        self.active = False
        self.moments: ChangeMoments | None = None
        self.shown_index: int | None = None  # whose picture is on the map
        self._wanted: int | None = None
        self._computing: int | None = None
        self._worker: Worker | None = None
        self._loader: Worker | None = None
        self._layers: list[str] = []
        self._visible: dict[str, bool] = {}
        self._disabled: list[tuple[QAction | QWidget, bool]] = []
        self._play_timer = QTimer(self)
        self._play_timer.timeout.connect(self._tick)
        b = self.bar
        b.slider.valueChanged.connect(self._slider_moved)
        b.step_back.clicked.connect(lambda: self.step(-1))
        b.step_forward.clicked.connect(lambda: self.step(1))
        b.play_button.toggled.connect(self.set_playing)
        b.speed.currentIndexChanged.connect(lambda _i: self._apply_speed())
        b.leave_button.clicked.connect(self.leave)
        self.dock.visibilityChanged.connect(self._dock_visibility)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.bar, self.leave)
        self._escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.bar, b.play_button.toggle)
        self._space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.workspaceClosed.connect(self.leave)

    # --- entering and leaving ----------------------------------------------------------------
    def enter(self) -> None:
        w = self.window
        if self.active or w.workspace is None:
            return
        self.active = True
        self.moments = None
        self.shown_index = self._wanted = None
        canvas = w.canvas
        self._layers = [n for n in canvas.layer_names() if canvas.is_layer_visible(n)]
        self._read_only(True)
        self.bar.slider.setEnabled(False)
        self.bar.moment_label.setText(self.tr("Reading the history…"))
        self.bar.change_label.setText("")
        self.dock.show()
        self.dock.raise_()
        self.bar.slider.setFocus()
        self.entered.emit()
        path, catalog, layers = workspace_target(w.workspace), w.workspace.catalog, list(self._layers)
        loader = Worker(lambda feedback: read_moments(path, catalog, layers, feedback),
                        title=self.tr("Reading the history"))
        loader.succeeded.connect(lambda moments, loader=loader: self._moments_read(loader, moments))
        loader.failed.connect(lambda message, loader=loader: self._failed(loader, message))
        self._loader = loader.start()

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.set_playing(False)
        for worker in (self._worker, self._loader):
            if worker is not None:
                worker.cancel()
        self._worker = self._loader = None
        self._computing = self._wanted = self.shown_index = None
        canvas = self.window.canvas
        canvas.clear_overlays(OVERLAY_PREFIX)
        for name, visible in self._visible.items():
            canvas.set_layer_visible(name, visible)
        self._visible.clear()
        self._read_only(False)
        self.dock.hide()
        self.left.emit()
        if self.window.workspace is not None:
            self.window.statusBar().showMessage(self.tr("Replay left: the map shows the live picture."), 5000)

    def _dock_visibility(self, visible: bool) -> None:
        if not visible and self.active and not self.window.isMinimized() and not self.dock.isFloating():
            QTimer.singleShot(0, self._closed_by_user)

    def _closed_by_user(self) -> None:
        if self.active and not self.dock.isVisible():  # not a tab switch: the panel was closed
            self.leave()

    def _read_only(self, on: bool) -> None:
        """Grey every action and panel that edits (their states kept, and put back on leaving)."""
        w = self.window
        if on:
            a = w.actions
            edits: list[QAction | QWidget] = [
                a.import_file, a.delete, a.undo, a.redo, a.edit_vertices, *a.draw.values(), a.replay,
                *([a.sync] if hasattr(a, "sync") else []),  # a team sync writes the workspace
                a.cancel_drawing,  # its Esc would shadow replay's own (which leaves)
                *(action for action, needs in a.extension_actions if needs),
                w.feature_panel, w.marking_panel, w.attribute_table]
            if a.edit_vertices.isChecked() or any(d.isChecked() for d in a.draw.values()):
                w.editing.cancel_drawing()
                a.pan.trigger()
            self._disabled = [(x, x.isEnabled()) for x in edits]
            for x, _ in self._disabled:
                x.setEnabled(False)
        else:
            for x, was in self._disabled:
                x.setEnabled(was)
            self._disabled = []

    # --- moments and frames ------------------------------------------------------------------
    def _moments_read(self, loader: Worker, moments: ChangeMoments) -> None:
        if loader is not self._loader:
            return
        self._loader = None
        if not len(moments):
            self.leave()
            self.window.statusBar().showMessage(self.tr("Nothing recorded yet: there is no history to replay."),
                                                8000)
            return
        self.moments = moments
        slider = self.bar.slider
        slider.blockSignals(True)
        slider.setRange(0, len(moments) - 1)
        slider.setValue(0)
        slider.blockSignals(False)
        slider.setEnabled(True)
        canvas = self.window.canvas
        self._visible = {name: canvas.is_layer_visible(name) for name in canvas.layer_names()}
        for name in self._visible:
            canvas.set_layer_visible(name, False)
        self._show_moment(0)
        self._request(0)

    def _failed(self, worker: Worker, message: str) -> None:
        if worker not in (self._worker, self._loader):
            return
        self.leave()
        self.window.show_error(self.tr("The history cannot be replayed: {reason}").format(reason=message))

    def set_index(self, index: int) -> None:
        self.bar.slider.setValue(index)

    def step(self, delta: int) -> None:
        self.bar.slider.setValue(self.bar.slider.value() + delta)

    def _slider_moved(self, index: int) -> None:
        if not self.active or self.moments is None:
            return
        self._show_moment(index)
        self._request(index)

    def _show_moment(self, index: int) -> None:
        assert self.moments is not None
        m = self.moments
        self.bar.moment_label.setText(self.tr("As recorded at {moment}").format(moment=_moment_text(m.moment(index))))
        self.bar.change_label.setText(self.tr("moment {n} of {total}: {inserts} added, {updates} changed, "
                                              "{deletes} deleted").format(
            n=format_count(index + 1), total=format_count(len(m)), inserts=format_count(int(m.inserts[index])),
            updates=format_count(int(m.updates[index])), deletes=format_count(int(m.deletes[index]))))
        self.bar.step_back.setEnabled(index > 0)
        self.bar.step_forward.setEnabled(index < len(m) - 1)

    def _request(self, index: int) -> None:
        """Show moment ``index`` once computed. One frame is computed at a time; a moment asked
        for meanwhile replaces any other waiting (frames are skipped, never queued)."""
        self._wanted = index
        if self._worker is not None or self.moments is None or self.window.workspace is None:
            return
        if index == self.shown_index:
            return
        at = self.moments.moment(index)
        workspace = self.window.workspace
        path, catalog, layers = workspace_target(workspace), workspace.catalog, list(self._layers)
        worker = Worker(lambda feedback: make_frame(path, catalog, index, at, layers, feedback),
                        title=self.tr("Replaying the history"))
        worker.succeeded.connect(lambda frame, worker=worker: self._frame_ready(worker, frame))
        worker.failed.connect(lambda message, worker=worker: self._failed(worker, message))
        self._computing = index
        self._worker = worker.start()

    def _frame_ready(self, worker: Worker, frame: ReplayFrame) -> None:
        if worker is not self._worker:
            return  # left replay meanwhile
        self._worker = self._computing = None
        canvas = self.window.canvas
        for name, overlay in frame.overlays.items():
            canvas.set_overlay(overlay_name(name), overlay)
        if self.shown_index is None:
            self._bring_into_view(frame)
        self.shown_index = frame.index
        self.frameShown.emit(frame.index)
        if self._wanted is not None and self._wanted != frame.index:
            self._request(self._wanted)

    def _bring_into_view(self, frame: ReplayFrame) -> None:
        """The first frame moves the map only if none of the past picture is in view (it may lie
        where nothing is today)."""
        boxes = [b for b in (o.bounds_lonlat() for o in frame.overlays.values()) if b is not None]
        if not boxes:
            return
        canvas = self.window.canvas
        x0, y0, x1, y1 = canvas.view_extent_lonlat()
        if not any(b[0] <= x1 and b[2] >= x0 and b[1] <= y1 and b[3] >= y0 for b in boxes):
            canvas.zoom_to_overlays([overlay_name(n) for n in frame.overlays])

    def is_computing(self) -> bool:
        return self._worker is not None or self._loader is not None

    # --- play ----------------------------------------------------------------------------------
    def set_playing(self, playing: bool) -> None:
        b = self.bar
        if playing and (not self.active or self.moments is None):
            playing = False
        if playing and b.slider.value() >= b.slider.maximum():
            b.slider.setValue(0)  # from the start again, as a player does at the end
        b.play_button.blockSignals(True)
        b.play_button.setChecked(playing)
        b.play_button.blockSignals(False)
        b.play_button.setIcon(self.bar.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))
        if playing:
            self._apply_speed()
            self._play_timer.start()
        else:
            self._play_timer.stop()

    def _apply_speed(self) -> None:
        self._play_timer.setInterval(int(1000 / int(self.bar.speed.currentData() or 1)))

    def _tick(self) -> None:
        slider = self.bar.slider
        if slider.value() >= slider.maximum():
            self.set_playing(False)
            return
        slider.setValue(slider.value() + 1)


def start_replay(window: MainWindow) -> ReplayController:
    """Enter replay on ``window`` (its controller made on first use)."""
    controller = getattr(window, "replay", None)
    if controller is None:
        controller = ReplayController(window)
        window.replay = controller  # type: ignore[attr-defined]
    controller.enter()
    return controller
