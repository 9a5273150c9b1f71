"""*Exercise › Decision report…*: the decision timelines of an exercise, per inject and organisation,
written from the app as ``humanops exercise report`` writes them (the same function,
:func:`humanops.scenario.exercise_report_file.write_decision_report`).

The user lists the participants' records (their exercise workspaces, or audit CSVs with the
organisation they belong to), the inject file (default: the one the open exercise played) and
the report's file (HTML, or PDF laid out by :mod:`humanops.ui.exercise_report_pdf`). The open
workspace is given as the controller's (what was played when); the report is built and written on
a worker, then the dialog offers to open it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.store.open_target import workspace_name
from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.product_dialog import ERROR_STYLE, ProductDialog
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.scenario.exercise_report_file import WrittenReport
    from humanops.store.workspace import Workspace

ORG_COLUMN, FILE_COLUMN = 0, 1


def write_report(records: list[str], injects: Path, out: Path, controller: str | Path,
                 feedback: Feedback) -> WrittenReport:
    """In the worker thread: every workspace is opened on this thread."""
    from humanops.scenario.exercise_report_file import is_pdf, write_decision_report

    pdf_writer = None
    if is_pdf(out):
        from humanops.ui.exercise_report_pdf import write_exercise_report_pdf

        pdf_writer = write_exercise_report_pdf
    return write_decision_report(records, injects, out, controller=controller, pdf_writer=pdf_writer,
                                 feedback=feedback)


def played_participants(workspace: Workspace) -> list[str]:
    """The participants' exercise workspaces the open exercise played injects into (its record)."""
    from humanops.scenario.inject_player import RECORD_KEY

    try:
        named = json.loads(workspace.get_meta(RECORD_KEY) or "{}").get("participants", {})
    except (ValueError, AttributeError):
        return []
    return [str(path) for path in named.values() if Path(path).is_file()]


class DecisionReportDialog(ProductDialog):
    """``written(WrittenReport)`` once a report was written. The report's file row (``out_edit``), the
    message, the worker and its ending are :class:`ProductDialog`'s; the records and the inject file,
    and what makes them wrong (:meth:`problem`), are its own."""

    written = Signal(object)
    result: WrittenReport | None

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        from humanops.scenario.inject_player import recorded_file

        target = workspace_target(workspace)  # a file, or a team database's URL (what the worker opens)
        super().__init__(target, parent, feedback_factory=feedback_factory)
        self.setObjectName("decision_report_dialog")
        self.setWindowTitle(self.tr("Decision report"))
        self.controller_target = target
        # where files are suggested: beside the workspace's file, or in the home folder for a database
        self.controller = target if isinstance(target, Path) else Path.home() / workspace_name(workspace)

        intro = self.intro_label(self.tr(
            "Per inject and organisation: the time to see it, to raise and acknowledge the alert, to decide and to "
            "inform partners, and the sharing decisions taken. Give each participant's exercise workspace (its "
            "whole, verified record) or, failing that, its audit log as CSV (times to see and to inform only). This "
            "workspace ({file}) says what was played when.").format(file=self.controller.name))
        self.records = QTableWidget(0, 2, self)
        self.records.setObjectName("report_records")
        self.records.setHorizontalHeaderLabels([self.tr("Organisation"), self.tr("Record")])
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.verticalHeader().hide()
        self.records.horizontalHeader().setSectionResizeMode(ORG_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.records.horizontalHeader().setStretchLastSection(True)
        self.records.setToolTip(self.tr("A CSV's organisation can be typed: by default its file's name"))
        add_workspaces = QPushButton(self.tr("Add workspaces…"), self)
        add_workspaces.setObjectName("add_workspaces")
        add_workspaces.clicked.connect(self.choose_workspaces)
        add_csv = QPushButton(self.tr("Add audit CSV…"), self)
        add_csv.setObjectName("add_csv")
        add_csv.clicked.connect(self.choose_csvs)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("remove_record")
        self.remove_button.clicked.connect(self.remove_selected)
        record_buttons = QHBoxLayout()
        for button in (add_workspaces, add_csv, self.remove_button):
            record_buttons.addWidget(button)
        record_buttons.addStretch(1)

        self.injects_edit = QLineEdit(self)
        self.injects_edit.setObjectName("report_injects")
        self.injects_edit.setPlaceholderText(self.tr("the inject file played (.toml)"))
        self.injects_edit.setText(recorded_file(workspace))
        browse_injects = QPushButton(self.tr("Browse…"), self)
        browse_injects.setObjectName("browse_injects")
        browse_injects.clicked.connect(self.choose_injects)
        injects_row = QHBoxLayout()
        injects_row.addWidget(self.injects_edit, 1)
        injects_row.addWidget(browse_injects)
        out_row = self.file_row("report_file", self.tr("the report: .html, or .pdf"), save_as=True)
        self.out_edit = self.file_edit
        self.out_edit.setText(str(self.controller.with_name(f"decision-report-{self.controller.stem}.html")))

        form = QFormLayout()
        form.addRow(self.tr("Injects"), injects_row)
        form.addRow(self.tr("Report"), out_row)
        self.message_label("report_message").setOpenExternalLinks(False)

        self.action_buttons(self.tr("Write"), "write_report")
        self.open_button = self.buttons.addButton(self.tr("Open the report"), self.buttons.ButtonRole.ActionRole)
        self.open_button.setObjectName("open_report")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_report)
        self.injects_edit.textChanged.connect(self._choice_changed)
        self.out_edit.textChanged.connect(self._choice_changed)
        self.records.itemChanged.connect(self._choice_changed)
        self.records.itemSelectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Participants' records"), self))
        layout.addWidget(self.records, 1)
        layout.addLayout(record_buttons)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(680, 520)
        self.add_records(played_participants(workspace))

    # --- the records ------------------------------------------------------------------------------------
    def add_records(self, paths: list[str] | list[Path]) -> None:
        """Add each file once (an exercise workspace, or an audit CSV whose organisation is its name)."""
        from PySide6.QtCore import Qt

        have = {self.records.item(r, FILE_COLUMN).text() for r in range(self.records.rowCount())}
        self.records.blockSignals(True)
        for path in paths:
            text = str(Path(path).expanduser())
            if text in have or Path(text).resolve() == self.controller.resolve():
                continue  # the controller's workspace is given apart
            have.add(text)
            row = self.records.rowCount()
            self.records.insertRow(row)
            csv = text.lower().endswith(".csv")
            org = QTableWidgetItem(Path(text).stem if csv else "")
            if not csv:  # a workspace says whose it is
                org.setFlags(org.flags() & ~Qt.ItemFlag.ItemIsEditable)
                org.setToolTip(self.tr("The workspace's own organisation"))
            file = QTableWidgetItem(text)
            file.setFlags(file.flags() & ~Qt.ItemFlag.ItemIsEditable)
            file.setToolTip(text)
            self.records.setItem(row, ORG_COLUMN, org)
            self.records.setItem(row, FILE_COLUMN, file)
        self.records.blockSignals(False)
        self._choice_changed()

    def record_arguments(self) -> list[str]:
        """As ``--audit`` takes them: ``FILE`` for a workspace, ``ORG=FILE`` for a CSV."""
        out = []
        for r in range(self.records.rowCount()):
            org = self.records.item(r, ORG_COLUMN).text().strip()
            file = self.records.item(r, FILE_COLUMN).text()
            out.append(f"{org}={file}" if org and file.lower().endswith(".csv") else file)
        return out

    def choose_workspaces(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Participants' exercise workspaces"),
                                                str(self.controller.parent),
                                                self.tr("GeoPackage workspace (*.gpkg)"))
        self.add_records(paths)

    def choose_csvs(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Participants' audit logs"),
                                                str(self.controller.parent), self.tr("Audit log, CSV (*.csv)"))
        self.add_records(paths)

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.records.selectedIndexes()}, reverse=True):
            self.records.removeRow(row)
        self._choice_changed()

    def choose_injects(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Inject file"), str(self.controller.parent),
                                              self.tr("Inject files (*.toml)"))
        if path:
            self.injects_edit.setText(path)

    def browse(self) -> None:
        self.choose_output()

    def choose_output(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Write the report to"), self.out_edit.text(),
                                                   self.tr("Report, HTML (*.html);;Report, PDF (*.pdf)"))
        if path:
            if not path.lower().endswith(self.suffixes()):
                path += ".pdf" if "pdf" in chosen.lower() else ".html"
            self.out_edit.setText(path)

    # --- state ---------------------------------------------------------------------------------------
    def suffixes(self) -> tuple[str, ...]:
        return (".html", ".htm", ".pdf")

    def no_file_text(self) -> str:
        return self.tr("Choose where to write the report.")

    def problem(self) -> str | None:
        if self.records.rowCount() == 0:
            return self.tr("Add at least one participant's record.")
        injects = self.injects_edit.text().strip()
        if not injects:
            return self.tr("Choose the inject file.")
        if not Path(injects).expanduser().is_file():
            return self.tr("No inject file {file}.").format(file=injects)
        if not self.out_edit.text().strip():
            return self.no_file_text()
        target = self.target()
        if target.suffix.lower() not in self.suffixes():
            return self.tr("The report is written as .html or .pdf.")
        return self.folder_problem(target)

    def _problem(self) -> str | None:
        return self.problem()

    def _choice_changed(self, *_args: object) -> None:
        if self.worker is None:
            self.open_button.setVisible(False)
        super()._choice_changed()

    def _update_buttons(self) -> None:
        problem = self.problem()
        self.write_button.setEnabled(problem is None and self.worker is None)
        self.remove_button.setEnabled(bool(self.records.selectedIndexes()) and self.worker is None)
        if self.worker is None and self.result is None:
            self._say(problem or "", ERROR_STYLE if problem and self.records.rowCount() else "")

    # --- writing ---------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        if self.worker is not None or self.problem() is not None:
            return
        records, controller = self.record_arguments(), self.controller_target
        injects = Path(self.injects_edit.text().strip()).expanduser()
        out = self.target()
        self.open_button.setVisible(False)

        def written(result: WrittenReport) -> str:
            report = result.report
            return self.tr("Written {file}: {injects} inject(s), {orgs} organisation(s).").format(
                file=str(result.file), injects=len(report.injects),
                orgs=len([s for s in report.sources if s.record is None]))

        def offer_to_open(result: WrittenReport) -> None:
            self.open_button.setVisible(True)
            self.open_button.setDefault(True)
            self.written.emit(result)

        self.write_in_worker(self.tr("Writing the decision report"),
                             lambda feedback: write_report(records, injects, out, controller, feedback),
                             written=written, not_written=self.tr("No report was written: {reason}"),
                             cancelled=self.tr("Cancelled: no report was written."), then=offer_to_open)

    def open_report(self) -> None:
        if self.result is not None:
            self.open_url(QUrl.fromLocalFile(str(self.result.file)))


def show_decision_report_dialog(window: Any) -> DecisionReportDialog | None:
    """Exercise › Decision report…: the dialog over the open exercise (its controller's workspace)."""
    from PySide6.QtCore import Qt

    if window.workspace is None:
        return None
    dialog = DecisionReportDialog(window.workspace, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.written.connect(lambda result: window.statusBar().showMessage(
        DecisionReportDialog.tr("Decision report written to {file}.").format(file=str(result.file)), 10000))
    dialog.open()
    window.decision_report_dialog = dialog
    return dialog
