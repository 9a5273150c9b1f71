"""The Results dock: the tables of each analysis run in this session, and the plans saved in the workspace.

A run's summary sits above its tables (one tab each: sortable, Export CSV…); its overlays are on
the map while it is the run shown. A route's run offers "Save as corridor…" (the selected
route, or the best): the controller turns it into an undoable AddFeature. Saved evacuation and
aid plans (humanops_plans) are listed, and Open draws one again with its tables.
Double-clicking a row that has a geometry (a route, a movement) zooms the map to it.

Showing a run only sets what its worker prepared (cell texts, column widths, the saved plans),
and builds the table view of the tab shown: another tab's view is built when it is first shown
(or asked for), so a 30,000-row table behind a tab costs the result's frame nothing.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.store.target_reads import workspace_target
from humanops.ui.locale_text import format_count
from humanops.ui.planning.frame_model import FrameModel
from humanops.ui.planning.runner import summary_text
from humanops.ui.team_paths import folder_beside
from humanops.viewmodel.planning_runs import PlanningRun
from humanops.viewmodel.result_overlays import LEGENDS

if TYPE_CHECKING:
    import pandas as pd

    from humanops.store.workspace import Workspace

DEFAULT_CORRIDOR_WIDTH_M = 500.0
COLUMN_PADDING = 22  # the cell's margins and the header's sort arrow
MAX_COLUMN_WIDTH = 360


class SaveCorridorDialog(QDialog):
    """Name and width of the proposed corridor a route becomes."""

    def __init__(self, name: str, width_m: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save route as corridor"))
        self.setObjectName("save_corridor_dialog")
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(200)
        self.width = QDoubleSpinBox(self)
        self.width.setRange(1, 50_000)
        self.width.setDecimals(0)
        self.width.setSuffix(" " + self.tr("m", "metres"))
        self.width.setValue(width_m)
        self.width.setToolTip(self.tr("The corridor's width: its risk is computed over all of it"))
        note = QLabel(self.tr("The corridor is added as <i>proposed</i>, with its risk in its notes. "
                              "Edit ▸ Undo removes it."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Width"), self.width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            self.name.setPlaceholderText(self.tr("a corridor needs a name"))
            return
        self.accept()


def _fit_columns(view: QTableView, model: FrameModel) -> None:
    """Each column as wide as its longest text (measured once, not read cell by cell as
    ``resizeColumnsToContents`` does: that took a tenth of a second on a 2,000-row table)."""
    header = view.horizontalHeader()
    cells, heads = view.fontMetrics(), header.fontMetrics()
    for column, text in enumerate(model.widest_texts()):
        width = max(cells.horizontalAdvance(text), heads.horizontalAdvance(text)) + COLUMN_PADDING
        header.resizeSection(column, min(width, MAX_COLUMN_WIDTH))


class ResultsPanel(QWidget):
    runShown = Signal(object)  # PlanningRun | None: the run whose overlays belong on the map
    saveCorridorRequested = Signal(object, int, str, float)  # run, route rank, name, width_m
    openPlanRequested = Signal(int)  # plan id
    zoomRequested = Signal(object)  # (minx, miny, maxx, maxy) lon/lat
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results_panel")
        self.runs: list[PlanningRun] = []
        self.workspace: Workspace | None = None
        self.corridor_dialog: SaveCorridorDialog | None = None

        self.run_combo = QComboBox(self)
        self.run_combo.setObjectName("results_runs")
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.run_combo.setPlaceholderText(self.tr("No results yet: run an analysis from the Analysis menu"))
        self.run_combo.currentIndexChanged.connect(self._run_chosen)
        self.plan_combo = QComboBox(self)
        self.plan_combo.setObjectName("saved_plans")
        self.plan_combo.setPlaceholderText(self.tr("No saved plans"))
        self.plan_combo.setToolTip(self.tr("Evacuation and aid plans saved in this workspace"))
        self.open_plan_button = QPushButton(self.tr("Open plan"), self)
        self.open_plan_button.clicked.connect(self._open_plan)
        self.clear_button = QPushButton(self.tr("Clear map"), self)
        self.clear_button.setToolTip(self.tr("Remove the result from the map (the table stays)"))
        self.clear_button.clicked.connect(lambda: self.runShown.emit(None))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Result:"), self))
        top.addWidget(self.run_combo, 2)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Saved plans:"), self))
        top.addWidget(self.plan_combo, 1)
        top.addWidget(self.open_plan_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("results_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_shown)

        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setToolTip(self.tr("Write the table shown to a CSV file"))
        self.export_button.clicked.connect(self._choose_export)
        self.corridor_button = QPushButton(self.tr("Save as corridor…"), self)
        self.corridor_button.setObjectName("save_as_corridor")
        self.corridor_button.setToolTip(self.tr("Add the selected route (or the best) as a proposed corridor; "
                                                "undoable"))

        self.corridor_button.clicked.connect(self.ask_save_corridor)
        self.zoom_button = QPushButton(self.tr("Zoom to result"), self)
        self.zoom_button.clicked.connect(self._zoom_to_run)
        bottom = QHBoxLayout()
        bottom.addWidget(self.corridor_button)
        bottom.addStretch(1)
        bottom.addWidget(self.zoom_button)
        bottom.addWidget(self.clear_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.views: dict[str, QTableView] = {}  # the tables built so far (see _view)
        self._pages: dict[str, QWidget] = {}  # every table's tab page, its view built when shown
        self._shown: PlanningRun | None = None  # the run whose tables the tabs hold
        self._update_buttons()

    # --- workspace and saved plans ---------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.runs.clear()
        self.run_combo.clear()
        self._show(None)
        self.refresh_plans()

    def refresh_plans(self, plans: list[dict[str, Any]] | None = None) -> None:
        """List the saved plans: ``plans`` as a worker read them (list_plans), else read here."""
        from humanops.analysis.plans import list_plans

        self.plan_combo.clear()
        if plans is None:
            plans = list_plans(self.workspace) if self.workspace is not None else []
        for plan in reversed(plans):  # newest first
            self.plan_combo.addItem(self.tr("{id}: {title} (made {created})").format(
                id=plan["id"], title=plan["title"] or plan["kind"], created=plan["created"][:16]), plan["id"])
        if self.plan_combo.count():
            self.plan_combo.setCurrentIndex(0)  # with a placeholder text, Qt leaves none chosen
        self._update_buttons()

    def _open_plan(self) -> None:
        plan_id = self.plan_combo.currentData()
        if plan_id is not None:
            self.openPlanRequested.emit(int(plan_id))

    # --- runs ------------------------------------------------------------------------------------
    def add_run(self, run: PlanningRun) -> None:
        """Show a new result (it becomes the current one)."""
        self.runs.append(run)
        self.run_combo.addItem(run.label)
        self.run_combo.setCurrentIndex(len(self.runs) - 1)  # -> _run_chosen -> _show
        if run.result.summary.get("plan_id") and run.op_id.startswith("plan_"):
            self.refresh_plans(run.saved_plans)

    def current_run(self) -> PlanningRun | None:
        i = self.run_combo.currentIndex()
        return self.runs[i] if 0 <= i < len(self.runs) else None

    def _run_chosen(self, index: int) -> None:
        self._show(self.runs[index] if 0 <= index < len(self.runs) else None)

    def _show(self, run: PlanningRun | None) -> None:
        self.tabs.blockSignals(True)  # no view built for a tab only passed through while filling
        self.tabs.clear()
        self.tabs.blockSignals(False)
        for page in self._pages.values():
            page.deleteLater()
        self.views.clear()
        self._pages.clear()
        self._shown = run
        if run is None:
            self.summary.setText(self.tr("Run an analysis from the Analysis menu; its tables appear here and its "
                                         "result on the map."))
        else:
            legend = QCoreApplication.translate("result_overlays", LEGENDS[run.op_id]) \
                if run.overlays and run.op_id in LEGENDS else ""
            self.summary.setText(html.escape(summary_text(run)).replace("\n", "<br>")
                                 + (f"<br><span style='color:#5a5a5a'>{html.escape(legend)}</span>" if legend else ""))
            self.tabs.blockSignals(True)
            for name, frame in run.result.tables.items():
                page = QWidget(self.tabs)
                page.setObjectName(f"result_page_{name}")
                box = QVBoxLayout(page)
                box.setContentsMargins(0, 0, 0, 0)
                self.tabs.addTab(page, f"{name.replace('_', ' ')} ({format_count(len(frame))})")
                self._pages[name] = page
            self.tabs.blockSignals(False)
            self._tab_shown(self.tabs.currentIndex())
        self._update_buttons()
        self.runShown.emit(run)

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        name = next((n for n, p in self._pages.items() if p is page), None)
        if name is not None:
            self._view(name)

    def _view(self, name: str) -> QTableView | None:
        """The table view of ``name`` in the run shown, built the first time it is needed."""
        view = self.views.get(name)
        run, page = self._shown, self._pages.get(name)
        if view is not None or run is None or page is None or name not in run.result.tables:
            return view
        table = run.tables.get(name)  # prepared by the worker; a small table may come bare
        model = FrameModel(table if table is not None else run.result.tables[name])
        view = QTableView(page)
        view.setObjectName(f"result_table_{name}")
        model.setParent(view)
        view.setModel(model)
        # No sort until a header is clicked: the engine's order (best first, by rank) stays.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicatorShown(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(22)
        view.doubleClicked.connect(lambda index, name=name: self._zoom_to_row(name, index.row()))
        _fit_columns(view, model)
        page.layout().addWidget(view)
        view.show()  # at once, not on the layout's next turn (shown with its page)
        self.views[name] = view
        return view

    def table_model(self, name: str) -> FrameModel | None:
        view = self._view(name)
        return view.model() if view is not None else None  # type: ignore[return-value]

    def _update_buttons(self) -> None:
        run = self.current_run()
        self.export_button.setEnabled(bool(self._pages))
        self.zoom_button.setEnabled(run is not None and bool(run.overlays))
        self.clear_button.setEnabled(run is not None and bool(run.overlays))
        self.corridor_button.setVisible(run is not None and run.op_id == "route")
        self.corridor_button.setEnabled(run is not None and run.op_id == "route" and self._route_ranks(run) != [])
        self.open_plan_button.setEnabled(self.plan_combo.count() > 0)

    # --- rows and zooming ------------------------------------------------------------------------
    def _frame_row(self, name: str, row: int) -> pd.Series | None:
        run, model = self.current_run(), self.table_model(name)
        if run is None or model is None or not 0 <= row < model.rowCount():
            return None
        return run.result.tables[name].iloc[model.row_index(row)]

    def _zoom_to_row(self, name: str, row: int) -> None:
        record = self._frame_row(name, row)
        geometry = record.get("geometry") if record is not None else None
        if geometry is not None and not getattr(geometry, "is_empty", True):
            self.zoomRequested.emit(tuple(float(v) for v in geometry.bounds))

    def _zoom_to_run(self) -> None:
        run = self.current_run()
        if run is not None:
            self.runShown.emit(run)  # drawn again, and the controller zooms to it
            self.zoomRequested.emit(None)

    # --- save a route as a corridor -----------------------------------------------------------------
    @staticmethod
    def _route_ranks(run: PlanningRun) -> list[int]:
        return [r["rank"] for r in run.result.summary.get("routes", []) if r.get("status") == "ok"]

    def selected_route_rank(self) -> int:
        """The route selected in the routes table, else the best one."""
        view = self.views.get("routes")
        if view is not None and view.selectionModel() is not None:
            rows = view.selectionModel().selectedRows()
            if rows:
                record = self._frame_row("routes", rows[0].row())
                if record is not None and record["status"] == "ok":
                    return int(record["rank"])
        return 0

    def ask_save_corridor(self) -> None:
        run = self.current_run()
        if run is None or run.op_id != "route" or not self._route_ranks(run):
            return
        rank = self.selected_route_rank()
        count = sum(1 for r in self.runs if r.op_id == "route")
        dialog = SaveCorridorDialog(self.tr("Proposed corridor {n}").format(n=count), DEFAULT_CORRIDOR_WIDTH_M, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.saveCorridorRequested.emit(
            run, rank, dialog.name.text().strip(), float(dialog.width.value())))
        dialog.finished.connect(lambda _result: setattr(self, "corridor_dialog", None))
        self.corridor_dialog = dialog
        dialog.open()

    # --- export ----------------------------------------------------------------------------------
    def current_table(self) -> tuple[str, FrameModel] | None:
        page = self.tabs.currentWidget()
        for name, candidate in self._pages.items():
            if candidate is page:
                model = self.table_model(name)
                return (name, model) if model is not None else None
        return None

    def _choose_export(self) -> None:
        current = self.current_table()
        if current is None:
            return
        name, _ = current
        start = str(folder_beside(workspace_target(self.workspace)) / f"{name}.csv") if self.workspace is not None \
            else f"{name}.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table as CSV"), start, self.tr("CSV (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str, name: str | None = None) -> bool:
        """Write a table (the one shown by default) in the order shown; geometry left out, lists joined."""
        from humanops.commands.analysis import write_csv

        if name is None:
            current = self.current_table()
            if current is None:
                return False
            name = current[0]
        model = self.table_model(name)
        if model is None:
            return False
        try:
            write_csv(model.frame(), path)
        except HumanOpsError as exc:
            self.message.emit(exc.message)
            return False
        self.message.emit(ResultsPanel.tr("Wrote %Ln row(s) of {table} to {path}.", "", model.rowCount()).format(
            table=name.replace("_", " "), path=path))

        return True
