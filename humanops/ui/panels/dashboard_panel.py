"""The Dashboard dock: people exposed over time, corridors, needs coverage and shelter fill.

The figures are computed in a worker from the workspace file (:mod:`humanops.ui.dashboard_content`:
the situation report's own computations, and exposure over the danger zones' time range), never on
the GUI thread. Edits in the app, imports and other tools' commits (the window's
``layersRefreshed``, the workspace's change signal) and the time slider start a new computation
after a short quiet spell, so a burst of edits makes one; a computation asked for while one runs
starts when it ends, and a hidden dock waits until it is shown. The charts are
:mod:`humanops.ui.charts`' (the report's); each is saved as a PNG from its context menu.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from humanops.errors import HumanOpsError
from humanops.store.target_reads import workspace_target
from humanops.ui.charts import (
    BarChart,
    Series,
    corridor_bars,
    coverage_bars,
    draw_time_chart,
    percent,
    shelter_bars,
    time_chart_height,
)
from humanops.ui.extensions import panel
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count, format_date, format_datetime
from humanops.ui.map_decorations import font
from humanops.ui.workers import Worker

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace
    from humanops.ui.dashboard_content import DashboardContent

log = logging.getLogger(__name__)

QUIET_MS = 400  # after the last change, before computing again: a burst of edits makes one computation
TITLE_PX = 22.0
MARGIN_PX = 8.0
PNG_SCALE = 2  # a saved chart at twice the screen's pixels: sharp in a document
FALLBACK_COLOUR = QColor("#888888")


class ChartView(QWidget):
    """One chart: its title, and what it draws at the widget's width; right-click saves it."""

    saveRequested = Signal(object)  # the ChartView

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{name}")
        self.name = name
        self.title = title
        self.note = ""  # said under the title when there is nothing to draw, or about what is drawn
        self.height_at: Callable[[float], float] = lambda _width: 0.0
        self.draw: Callable[[QPainter, QRectF], None] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)
        self._fit()

    def show_chart(self, draw: Callable[[QPainter, QRectF], None] | None,
                   height_at: Callable[[float], float], note: str = "") -> None:
        self.draw, self.height_at, self.note = draw, height_at, note
        self._fit()
        self.update()

    def total_height(self, width: float) -> float:
        chart = self.height_at(width - 2 * MARGIN_PX) if self.draw is not None else 0.0
        note = 18.0 if self.note else 0.0
        return TITLE_PX + note + chart + MARGIN_PX

    def _fit(self) -> None:
        self.setFixedHeight(int(self.total_height(max(self.width(), 320))) + 1)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def paint_on(self, painter: QPainter, width: float) -> None:
        """The title, the note and the chart, from (0, 0), ``width`` wide."""
        painter.setPen(QColor("#1e1e1e"))
        painter.setFont(font(13, bold=True))
        painter.drawText(QRectF(MARGIN_PX, 0, width - 2 * MARGIN_PX, TITLE_PX),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.title)
        top = TITLE_PX
        if self.note:
            painter.setPen(QColor("#555555"))
            painter.setFont(font(11))
            painter.drawText(QRectF(MARGIN_PX, top, width - 2 * MARGIN_PX, 18),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.note)
            top += 18
        if self.draw is not None:
            chart_w = width - 2 * MARGIN_PX
            self.draw(painter, QRectF(MARGIN_PX, top, chart_w, self.height_at(chart_w)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self.paint_on(painter, self.width())
        painter.end()

    def image(self, width: int | None = None) -> QImage:
        """The chart on white, at ``PNG_SCALE`` times its pixels (the widget's width by default)."""
        width = width or max(self.width(), 480)
        height = int(self.total_height(width)) + 1
        image = QImage(width * PNG_SCALE, height * PNG_SCALE, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(PNG_SCALE)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        self.paint_on(painter, width)
        painter.end()
        return image

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.setObjectName("chart_menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        save = menu.addAction(self.tr("Save as PNG…"))
        save.triggered.connect(lambda: self.saveRequested.emit(self))
        menu.popup(event.globalPos())  # not exec(): the GUI thread never waits in a nested loop


def save_png(image: QImage, path: str | Path) -> None:
    """Write ``image`` as a PNG, whole or not at all (the chart names places and numbers: owner-only)."""
    from humanops.store.atomic_files import atomic_write

    with atomic_write(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise HumanOpsError(DashboardPanel.tr("the chart could not be written as a PNG there"), file=str(path))


class DashboardPanel(QWidget):
    """The dock's widget. ``message`` says what happened in a sentence (the status bar shows it)."""

    message = Signal(str)
    updated = Signal()  # new figures are shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path: str | Path | None = None  # what the worker opens: a file, or a database's URL
        self.workspace: Workspace | None = None
        self.at: datetime | None = None  # the time slider's moment; None: the workspace's clock
        self.content: DashboardContent | None = None
        self.worker: Worker | None = None
        self._again = False  # asked for while a worker ran
        self._stale = False  # asked for while hidden
        self.status = QLabel(self.tr("No workspace open."), self)
        self.status.setObjectName("dashboard_status")
        self.status.setWordWrap(True)
        self.charts = {
            "exposure_severity": ChartView("exposure_severity", self.tr("People exposed over time, by severity")),
            "exposure_hazard": ChartView("exposure_hazard", self.tr("People exposed over time, by hazard")),
            "corridors": ChartView("corridors", self.tr("Corridors: status and risk")),
            "coverage": ChartView("coverage", self.tr("Needs coverage by sector")),
            "shelters": ChartView("shelters", self.tr("Shelter fill")),
        }
        inner = QWidget(self)
        inner.setObjectName("dashboard_charts")
        inner.setAutoFillBackground(True)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        for chart in self.charts.values():
            chart.saveRequested.connect(self.choose_png)
            column.addWidget(chart)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._quiet.timeout.connect(self.refresh_now)

    # --- when to compute -----------------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.workspace_path = workspace_target(workspace) if workspace is not None else None
        self.content = None
        if workspace is None:
            self._quiet.stop()
            self.status.setText(self.tr("No workspace open."))
            for chart in self.charts.values():
                chart.show_chart(None, lambda _w: 0.0)
            return
        self.schedule()

    def set_time(self, at: datetime | None) -> None:
        self.at = at
        self.schedule()

    def schedule(self, *_args: Any) -> None:
        """Compute again after a quiet spell (restarted by every call)."""
        if self.workspace_path is not None:
            self._quiet.start()

    def refresh_now(self) -> None:
        if self.workspace_path is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        if self.worker is not None:
            self._again = True
            return
        self._stale = self._again = False
        self.status.setText(self.tr("Computing…"))
        worker = Worker(partial(_gather, self.workspace_path, self.at), title=self.tr("Dashboard"))
        worker.succeeded.connect(self._show)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self.worker = worker
        worker.start()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.schedule()

    def _finished(self) -> None:
        self.worker = None
        if self._again:
            self.schedule()

    def _failed(self, reason: str) -> None:
        self.status.setText(self.tr("The dashboard could not be computed: {reason}").format(reason=reason))

    # --- what is shown ---------------------------------------------------------------------------------
    def _show(self, content: DashboardContent) -> None:
        if self.workspace is None or self._again:
            return  # closed meanwhile, or already out of date: the next result replaces it
        self.content = content
        self.status.setText(self.tr("Figures at {moment}; exposure from {start} to {end}.").format(
            moment=format_datetime(content.at), start=format_date(content.exposure.times[0]),
            end=format_date(content.exposure.times[-1])) if content.exposure.times else "")
        self._show_exposure(content)
        self._show_bars("corridors", self._corridor_chart(content),
                        self.tr("No corridor is valid at this time."))
        self._show_bars("coverage", coverage_bars(content.coverage, lambda row: self.tr(
            "{share}: {stock} of {demand} {unit}").format(share=percent(row.covered), stock=format_count(row.stock),
                                                          demand=format_count(row.demand), unit=row.unit)),
                        self.tr("No needs to cover."))
        shelters = shelter_bars(content.shelters, lambda row: self.tr(
            "{occupancy} / {capacity} people ({share})").format(
            occupancy=format_count(row.occupancy), capacity=format_count(row.capacity), share=percent(row.fill)))
        more = len(content.shelters) - len(shelters.bars)
        self._show_bars("shelters", shelters, self.tr("No shelter with a capacity."),
                        DashboardPanel.tr("Fullest first; %n emptier shelter(s) not charted.", "", more) if more
                        else self.tr("Fullest first."))
        self.updated.emit()

    def _show_bars(self, name: str, chart: BarChart, empty: str, note: str = "") -> None:
        view = self.charts[name]
        if not chart.bars:
            view.show_chart(None, lambda _w: 0.0, empty)
            return
        view.show_chart(chart.draw, lambda _w: chart.height, note)

    def _kind(self, layer: str) -> Any:
        if self.workspace is None or layer not in self.workspace.catalog:
            return None
        return self.workspace.kind(layer)

    def _corridor_chart(self, content: DashboardContent) -> BarChart:
        kind, lang = self._kind("corridor"), current_language()
        status_field = kind.field("status") if kind is not None else None
        # the rows carry the status's English label (the report's words): back to its value
        codes = {status_field.value_label(v, None): v for v in status_field.values} if status_field else {}

        def colour(label: str) -> QColor:
            code = codes.get(label)
            return QColor(kind.style.symbol_for(code).stroke) if kind is not None and code else FALLBACK_COLOUR

        def words(row: Any) -> str:
            code = codes.get(row.status)
            status = status_field.value_label(code, lang) if status_field is not None and code else row.status
            return self.tr("{status}, risk {risk} ({share} in danger)").format(
                status=status, risk=format_count(round(row.risk_score)), share=percent(row.share_in_danger))

        return corridor_bars(content.corridors, words, colour)

    def _show_exposure(self, content: DashboardContent) -> None:
        series = content.exposure
        zones, lang = self._kind("danger_zone"), current_language()
        marker = content.at
        if not series.by_severity:
            for name in ("exposure_severity", "exposure_hazard"):
                self.charts[name].show_chart(None, lambda _w: 0.0, self.tr(
                    "No need location lies in a danger zone over this time range."))
            return
        by_severity = [Series(zones.class_label(str(s), lang) if zones is not None else str(s), values,
                              QColor(zones.style.symbol_for(s).fill) if zones is not None else FALLBACK_COLOUR)
                       for s, values in sorted(series.by_severity.items())]
        palette = _hazard_palette()
        hazard_field = zones.field("hazard") if zones is not None else None
        by_hazard = [Series(hazard_field.value_label(code, lang) if hazard_field is not None else code, values,
                            palette[i % len(palette)])
                     for i, (code, values) in enumerate(sorted(series.by_hazard.items()))]
        now_text = self.tr("now") if self.at is None else self.tr("map time")  # the moment the rest shows
        for name, items, stacked, note in (
                ("exposure_severity", by_severity, True, self.tr("Each person once, at the worst severity reaching "
                                                                 "them.")),
                ("exposure_hazard", by_hazard, False, self.tr("A person exposed to two hazards is under both."))):
            def draw(painter: QPainter, rect: QRectF, items: list[Series] = items, stacked: bool = stacked) -> None:
                draw_time_chart(painter, rect, series.times, items, stacked=stacked,
                                number_text=lambda v: format_count(round(v)), date_text=format_date,
                                marker=marker, marker_text=now_text)

            self.charts[name].show_chart(draw, lambda width, items=items: time_chart_height(items, width), note)

    # --- saving -----------------------------------------------------------------------------------------
    def choose_png(self, chart: ChartView) -> None:
        start = self.workspace_path.parent if isinstance(self.workspace_path, Path) else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the chart as PNG"),
                                              str(start / f"{chart.name}.png"), self.tr("PNG image (*.png)"))
        if path:
            self.save_chart(chart, path)

    def save_chart(self, chart: ChartView, path: str | Path) -> bool:
        try:
            save_png(chart.image(), path)
        except HumanOpsError as exc:
            self.message.emit(exc.message)
            return False
        except OSError as exc:
            self.message.emit(self.tr("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc))
            return False
        self.message.emit(self.tr("Saved the chart “{title}” to {path}.").format(title=chart.title, path=path))
        return True


def _hazard_palette() -> list[QColor]:
    """Okabe-Ito's colours, told apart with the common colour-vision deficiencies (the legend names each)."""
    return [QColor(c) for c in ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
                                "#f0e442")]


def _gather(path: str | Path, at: datetime | None, feedback: Any) -> DashboardContent:
    from humanops.ui.dashboard_content import gather_dashboard  # the engine, loaded when first used

    return gather_dashboard(path, at, feedback)


# --- the dock in the main window ---------------------------------------------------------------------

@panel("dashboard", QT_TRANSLATE_NOOP("extensions", "Dashboard"), area="right", visible=False)
def dashboard_panel(window: Any) -> QWidget:
    """The dock's widget, following the window's workspace, its changes and its time slider."""
    widget = DashboardPanel(window)
    widget.setObjectName("dashboard_panel")
    window.dashboard = widget
    window.workspaceOpened.connect(lambda _path: widget.set_workspace(window.workspace))
    window.workspaceClosed.connect(lambda: widget.set_workspace(None))
    window.workspace_signals.changed.connect(widget.schedule)  # the window's own edits, at once
    window.layersRefreshed.connect(widget.schedule)  # imports and other tools' commits too
    window.time_slider.timeChanged.connect(widget.set_time)
    widget.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    if window.workspace is not None:
        widget.set_workspace(window.workspace)
    return widget
