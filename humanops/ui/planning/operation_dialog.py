"""A dialog generated from an operation's typed parameters, run in a worker (QGIS Processing style).

One row per parameter (see parameter_widgets.py), its help as tooltip and, under it, the reason
when the value is refused: every parameter is checked by its own ``convert`` and then by
``validate_params``, as on the command line, and nothing runs until all are right. Run starts a
:class:`~humanops.ui.workers.Worker` (the operation on a workspace connection of its own, see
runner.py); the progress bar and Cancel are in the dialog, which stays open for another run.
An error from the operation (a place it cannot find, no roads...) is shown in the dialog as
one sentence. The dialog is not modal, so places can be picked on the map while it is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import AnalysisError
from humanops.ui.canvas.overlay_layers import FILL, LABEL, STROKE, OverlayStyle
from humanops.ui.planning.operation_texts import operation_text, parameter_label
from humanops.ui.planning.parameter_widgets import DialogContext, ParameterWidget, PickableWidget, widget_for
from humanops.ui.planning.pick_point_tool import PickPointTool
from humanops.ui.planning.runner import operation_task, summary_text
from humanops.ui.workers import FeedbackFactory, Worker
from humanops.viewmodel.planning_runs import PlanningRun

if TYPE_CHECKING:
    from humanops.analysis.registry import Operation
    from humanops.ui.canvas.map_canvas import MapCanvas
    from humanops.ui.canvas.map_tools import MapTool

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
# Parameters the dialog leaves out: a route is saved as a corridor from the Results dock,
# through the undo stack, not by the operation itself.
HIDDEN_PARAMETERS = {("route", "save_corridor"), ("route", "width")}


class OperationDialog(QDialog):
    resultReady = Signal(object)  # PlanningRun

    def __init__(self, op: Operation, workspace_path: str | Path, context: DialogContext, canvas: MapCanvas,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.op = op
        # a file, or a team database's URL: the worker opens it on a connection of its own
        self.workspace_path = workspace_path if isinstance(workspace_path, str) else Path(workspace_path)
        self.canvas = canvas
        self.setObjectName(f"operation_dialog_{op.id}")
        self.setWindowTitle(operation_text(op.title))
        self.setModal(False)
        self.worker: Worker | None = None
        self.last_run: PlanningRun | None = None
        self._dropped = False
        self.feedback_factory: FeedbackFactory | None = None  # tests hold the worker with their own
        self._picking: tuple[PickableWidget, PickPointTool, MapTool] | None = None

        intro = QLabel(operation_text(op.description or op.title), self)
        intro.setWordWrap(True)
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.widgets: dict[str, ParameterWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        for param in op.parameters:
            if (op.id, param.name) in HIDDEN_PARAMETERS:
                continue
            widget = widget_for(op, param, context, form_widget)
            error = QLabel(form_widget)
            error.setObjectName(f"error_{param.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            cell = QWidget(form_widget)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(widget)
            column.addWidget(error)
            label = QLabel(parameter_label(param), form_widget)
            label.setToolTip(operation_text(param.help))
            form.addRow(label, cell)
            self.widgets[param.name] = widget
            self.error_labels[param.name] = error
            widget.edited.connect(lambda name=param.name: self._edited(name))
            if isinstance(widget, PickableWidget):
                widget.pickRequested.connect(self._start_pick)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_widget)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel(self)
        self.error.setObjectName("operation_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._set_running(False)
        self.resize(max(720, form_widget.sizeHint().width() + 40), min(760, 190 + 40 * len(self.widgets)))

    # --- values and validation ----------------------------------------------------------------
    def raw_values(self) -> dict[str, Any]:
        return {name: widget.raw() for name, widget in self.widgets.items()}

    def set_value(self, name: str, value: Any) -> None:
        self.widgets[name].set_raw(value)

    def check(self) -> dict[str, Any] | None:
        """The validated parameters, or None with each refused value explained under its editor."""
        from humanops.analysis.registry import validate_params

        self._clear_errors()
        raw = {k: v for k, v in self.raw_values().items() if v is not None}
        problems: dict[str, str] = {}
        for name in self.widgets:
            param = self.op.parameter(name)
            if name not in raw:
                if param.default is None and not param.optional:
                    problems[name] = self.tr("is required")
                continue
            try:
                param.convert(raw[name])
            except AnalysisError as exc:
                problems[name] = self._reason(name, exc)
        if not problems:
            try:
                return validate_params(self.op, raw)
            except AnalysisError as exc:
                name = getattr(exc, "parameter", None)
                if name not in self.error_labels:
                    self._show_error(exc.message)
                    return None
                problems[name] = self._reason(name, exc)
        for name, reason in problems.items():
            label = self.error_labels[name]
            label.setText(self.tr("{parameter}: {reason}").format(
                parameter=parameter_label(self.op.parameter(name)), reason=reason))
            label.show()
        first = next(iter(problems))
        self.widgets[first].setFocus()
        return None

    @staticmethod
    def _reason(name: str, exc: AnalysisError) -> str:
        prefix = f"parameter {name!r}: "
        return exc.reason[len(prefix):] if exc.reason.startswith(prefix) else exc.reason

    def errors(self) -> dict[str, str]:
        """The messages shown under the editors now (tests, and the status line)."""
        return {n: label.text() for n, label in self.error_labels.items() if not label.isHidden()}

    def _clear_errors(self) -> None:
        for label in self.error_labels.values():
            label.hide()
            label.clear()
        self.error.hide()
        self.error.clear()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _edited(self, name: str) -> None:
        self.error_labels[name].hide()
        widget = self.widgets[name]
        if isinstance(widget, PickableWidget):
            self._mark_places()

    # --- running --------------------------------------------------------------------------------
    def run(self) -> bool:
        """Check the parameters and start the worker; False if a value was refused or one is running."""
        if self.worker is not None:
            return False
        self._stop_pick()
        params = self.check()
        if params is None:
            self.status.setText(self.tr("Fix the values marked in red, then Run again."))
            return False
        worker = Worker(operation_task(self.workspace_path, self.op.id, params), title=operation_text(self.op.title),
                        feedback_factory=self.feedback_factory)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        worker.finished.connect(self._finished)
        self.worker = worker
        self._dropped = False
        self.progress.setValue(0)
        self.status.setText(self.tr("Starting…"))
        self._set_running(True)
        worker.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
            self.worker.cancel()

    def is_running(self) -> bool:
        return self.worker is not None

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for widget in self.widgets.values():
            widget.setEnabled(not running)
        self.progress.setVisible(running or self.progress.value() > 0)

    def _progressed(self, fraction: float, message: str) -> None:
        if self.worker is None or self.worker.feedback.is_cancelled:
            return
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message[:1].upper() + message[1:] + "…")

    def _succeeded(self, run: PlanningRun) -> None:
        if self._dropped:  # closed while it ran: nobody is waiting for it
            return
        self.last_run = run
        self.progress.setValue(1000)
        first = summary_text(run).split("\n", 1)[0]
        self.status.setText(self.tr("Done. {summary}").format(summary=first))
        self.canvas.clear_overlay(self.overlay_name)  # the result marks its own places
        self.resultReady.emit(run)

    def _failed(self, message: str) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Stopped: nothing was changed."))
        self._show_error(message)

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Cancelled: nothing was changed."))

    def _finished(self) -> None:
        self.worker = None
        self._set_running(False)

    # --- picking places on the map ----------------------------------------------------------------
    def _start_pick(self, widget: PickableWidget) -> None:
        if self._picking is not None and self._picking[0] is widget:
            self._stop_pick()  # a second click on the same button: stop picking
            return
        self._stop_pick()
        tool = PickPointTool(self.canvas, parameter_label(widget.param))
        previous = self.canvas.map_tool()
        tool.picked.connect(lambda lon, lat: self._picked(widget, lon, lat))
        tool.cancelled.connect(self._stop_pick)
        self._picking = (widget, tool, previous)
        widget.pick_button.setChecked(True)
        self.canvas.set_map_tool(tool)
        self.status.setText(self.tr("Click on the map: {place}. Esc cancels.").format(
            place=parameter_label(widget.param)))

    def _picked(self, widget: PickableWidget, lon: float, lat: float) -> None:
        widget.set_picked(lon, lat)
        self._stop_pick()
        self.status.setText(self.tr("{place}: picked on the map.").format(place=parameter_label(widget.param)))

        self.raise_()

    def _stop_pick(self) -> None:
        picking, self._picking = self._picking, None
        if picking is None:
            return
        widget, tool, previous = picking
        widget.pick_button.setChecked(False)
        if self.canvas.map_tool() is tool:
            self.canvas.set_map_tool(previous)
        tool.deleteLater()

    @property
    def overlay_name(self) -> str:
        return f"pick:{self.op.id}"

    def _mark_places(self) -> None:
        """The places given as coordinates, marked on the map while the dialog is open."""
        import geopandas as gpd
        import shapely

        marks = [(parameter_label(w.param), w.picked_lonlat()) for w in self.widgets.values()
                 if isinstance(w, PickableWidget)]
        marks = [(label, at) for label, at in marks if at is not None]
        if not marks:
            self.canvas.clear_overlay(self.overlay_name)
            return
        frame = gpd.GeoDataFrame({LABEL: [m[0] for m in marks], FILL: "#d6336c", STROKE: "#ffffff"},
                                 geometry=[shapely.Point(*m[1]) for m in marks], crs=4326)
        self.canvas.set_overlay(self.overlay_name, frame, OverlayStyle(size=11.0, width=2.0))

    # --- closing --------------------------------------------------------------------------------
    def reject(self) -> None:
        """Close (Esc, Close, the title bar): stop picking; a running worker is cancelled, its result dropped."""
        self._stop_pick()
        self.canvas.clear_overlay(self.overlay_name)
        if self.worker is not None:
            self._dropped = True
            self.worker.cancel()
        super().reject()


def make_dialog(op_id: str, workspace_path: str | Path, context: DialogContext, canvas: MapCanvas,
                parent: QWidget | None, on_result: Callable[[PlanningRun], None]) -> OperationDialog:
    from humanops.analysis.registry import get

    dialog = OperationDialog(get(op_id), workspace_path, context, canvas, parent)
    dialog.resultReady.connect(on_result)
    return dialog
