"""The dialog of an error nobody caught: what happened, that saved work is safe, where the log
is, and two ways to pass it on — *Copy details* and *Report a problem…*.

Shown by :mod:`humanops.ui.error_reporting`, never modal (an error in a slot must not start a
nested event loop), one at a time: later errors are added to the open dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from humanops.logs import log_location
from humanops.ui.error_reporting import ErrorReport
from humanops.ui.settings import app_version

ProblemReportAction = Callable[[QWidget | None, Callable[[str], None]], None]


class ErrorDialog(QDialog):
    def __init__(self, reports: Sequence[ErrorReport], log_path: Path | None, parent: QWidget | None = None, *,
                 problem_report: ProblemReportAction | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("HumanOps — an error happened"))
        self.setModal(False)
        self.reports: list[ErrorReport] = []
        self.log_path = log_path
        self._problem_report = problem_report

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(self)
        self.headline.setObjectName("error_headline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reassurance = QLabel(self.tr(
            "What you saved is safe: every edit is saved as it is made, and the task that failed did not "
            "finish. You can go on working; if it happens again, send a problem report."), self)
        self.reassurance.setWordWrap(True)
        self.more = QLabel(self)
        self.more.setObjectName("error_more")
        self.more.setWordWrap(True)
        self.log_label = QLabel(self)
        self.log_label.setObjectName("error_log_path")
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if log_path is not None:
            self.log_label.setText(self.tr("The details are in the log file:\n{path}").format(path=log_path))
        else:  # no log file: the logging module's own sentence says why
            self.log_label.setText(log_location())

        self.details_button = QToolButton(self)
        self.details_button.setText(self.tr("Show details"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("error_details")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(160)
        self.details.setVisible(False)
        self.details_button.toggled.connect(self._toggle_details)

        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setToolTip(self.tr("Copy the error, the versions and the log path, to paste in a message"))
        self.copy_button.clicked.connect(self.copy_details)
        self.report_button = QPushButton(self.tr("Report a problem…"), self)
        self.report_button.setToolTip(self.tr("Save a zip of the log files and versions to send to your support "
                                              "contact (no workspace, keys or features)"))
        self.report_button.clicked.connect(self._report_problem)
        self.report_button.setEnabled(problem_report is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("error_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setVisible(False)

        text = QVBoxLayout()
        for widget in (self.headline, self.reassurance, self.more, self.log_label):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        for report in reports:
            self.add_report(report)

    def add_report(self, report: ErrorReport) -> None:
        self.reports.append(report)
        first = self.reports[0]
        where = self.tr(" (while: {where})").format(where=first.where) if first.where else ""
        self.headline.setText(self.tr("<b>Something went wrong{where}.</b><br>{summary}").format(
            where=_escape(where), summary=_escape(first.summary)))
        others = len(self.reports) - 1
        self.more.setText(ErrorDialog.tr("%n more error(s) happened since; they are in the details and the log.", "",
                                         others) if others else "")
        self.more.setVisible(bool(others))
        self.details.setPlainText(self.details_text())

    def details_text(self) -> str:
        """What Copy details copies: versions, each error with its traceback, the log path."""
        lines = [f"HumanOps {app_version()}", str(self.log_label.text()).replace("\n", " "), ""]
        for report in self.reports:
            lines.append(f"{report.when:%Y-%m-%d %H:%M:%S} UTC  {report.summary}")
            if report.where:
                lines.append(f"while: {report.where}")
            lines.append(report.details.rstrip())
            lines.append("")
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self._show_outcome(self.tr("The details are copied: paste them in a message to your support contact."))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()

    def _report_problem(self) -> None:
        if self._problem_report is not None:
            self._problem_report(self, self._show_outcome)

    def _show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
