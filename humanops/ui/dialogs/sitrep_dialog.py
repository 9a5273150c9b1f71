"""*File › Situation report…*: choose the audience (a partner of the directory, or our own people),
the moment the report is valid at, its title and the file; the PDF is written in a worker with
progress and Cancel, and opened when asked.

What goes in is decided by the sharing policy for that audience
(:func:`humanops.ui.sitrep.write_sitrep_file`, the same writer as ``humanops brief sitrep``): the
dialog chooses, it decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.dialogs.audience_choice import fill_audiences, valid_at_edit
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.ui.sitrep import SitrepResult

INTERNAL = "internal"  # as humanops.sharing.audience names our own people
_ERROR = "color: #b00020;"
_OK = "color: #1b5e20;"
UrlOpener = Callable[[QUrl], bool]


def write_report(workspace_path: Path, audience: str, out: Path, at: datetime, title: str, overwrite: bool,
                 feedback: Feedback) -> SitrepResult:
    """In the worker thread: the writer opens the workspace on this thread (a connection is not
    shared between threads) and draws the PDF there (QPainter on a QPdfWriter may)."""
    from humanops.ui.sitrep import write_sitrep_file

    return write_sitrep_file(workspace_path, audience, out, at=at, title=title or None, overwrite=overwrite,
                             feedback=feedback)


class SitrepDialog(WorkerDialog):
    """``written(result)`` once a report was written."""

    written = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, open_url: UrlOpener | None = None) -> None:
        from humanops.model.clock import workspace_now

        super().__init__(parent)
        self.setObjectName("sitrep_dialog")
        self.setWindowTitle(self.tr("Situation report"))
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
        self.open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self.result: SitrepResult | None = None
        self._confirmed: Path | None = None  # the file the save dialog asked about replacing

        intro = QLabel(self.tr("A PDF for people outside the app: a map of the area, what changed since the last "
                               "report for the same audience, exposure, corridors, needs coverage, shelters and "
                               "open alerts. It holds only what the sharing policy lets the audience see, with the "
                               "TLP banner of the highest marking inside on every page."), self)
        intro.setWordWrap(True)
        self.audience = QComboBox(self)
        self.audience.setObjectName("audience")
        self._fill_audiences(workspace)
        self.valid_at = valid_at_edit(self, workspace_now(workspace))
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setPlaceholderText(self.tr("Situation report"))
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("sitrep_file")
        self.file_edit.setPlaceholderText(self.tr("where to write the report (.pdf)"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.open_when_written = QCheckBox(self.tr("Open when written"), self)
        self.open_when_written.setObjectName("open_when_written")
        self.open_when_written.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("For"), self.audience)
        form.addRow(self.tr("Valid at"), self.valid_at)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.open_when_written)
        self.message = QLabel(self)
        self.message.setObjectName("sitrep_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(self.tr("Write"), QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("write_sitrep")
        self.write_button.setToolTip(self.tr("Write the situation report for the chosen audience"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.write_button.clicked.connect(self.start_writing)
        close.clicked.connect(self.reject)
        self.file_edit.textChanged.connect(self._choice_changed)
        self.audience.currentIndexChanged.connect(self._choice_changed)
        self.valid_at.dateTimeChanged.connect(self._choice_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 340)
        self._update_buttons()

    # --- choices --------------------------------------------------------------------------------------
    def _fill_audiences(self, workspace: Workspace) -> None:
        fill_audiences(self.audience, workspace, self.tr("Our own people ({us}): everything we hold"))

    def set_audience(self, org_id: str) -> None:
        index = self.audience.findData(org_id)
        if index < 0:
            raise KeyError(org_id)
        self.audience.setCurrentIndex(index)

    def set_valid_at(self, moment: datetime) -> None:
        self.valid_at.set_moment(moment)

    def chosen_valid_at(self) -> datetime:
        return self.valid_at.moment()

    def browse(self) -> None:
        audience = self.audience.currentData() or INTERNAL
        suggested = self.workspace_path.parent / f"sitrep-{audience}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write the situation report to"), str(suggested),
                                              self.tr("PDF document (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._confirmed = Path(path)  # the save dialog asked before replacing that file
            self.file_edit.setText(path)

    def _choice_changed(self, *_args: object) -> None:
        if self.worker is None:
            self.result = None
            self._say("")
        self._update_buttons()

    def _problem(self) -> str | None:
        text = self.file_edit.text().strip()
        if not text:
            return self.tr("Choose where to write the report.")
        target = Path(text).expanduser()
        if target.resolve() == self.workspace_path.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        if not target.name.lower().endswith(".pdf"):
            return self.tr("The file must end in .pdf.")
        if target.exists() and target != self._confirmed:
            return self.tr("{file} exists already: choose another name, or Browse… to replace it.").format(
                file=target.name)
        return None

    def _update_buttons(self) -> None:
        problem = self._problem()
        self.write_button.setEnabled(problem is None and self.worker is None)
        if self.worker is None and self.result is None:
            self._say(problem or "", _ERROR if problem and self.file_edit.text().strip() else "")

    def _say(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    # --- writing --------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        if self.worker is not None or self._problem() is not None:
            return
        target = Path(self.file_edit.text().strip()).expanduser()
        audience, at, title = self.audience.currentData(), self.chosen_valid_at(), self.title.text().strip()
        overwrite = target == self._confirmed and target.exists()
        path = self.workspace_path
        self.result = None
        self._say(self.tr("Writing {file}…").format(file=target.name))

        def done(result: SitrepResult) -> None:
            self.result = result
            self._confirmed = None
            self._worker_done()
            withheld = self.tr("{n} feature(s) withheld by the sharing policy are counted in it, not shown.").format(
                n=f"{result.withheld:,}") if result.withheld else ""
            self._say(self.tr("Written {file} ({pages} page(s)): TLP:{tlp}, for {audience}. {withheld}").format(
                file=str(result.path), pages=result.pages, tlp=result.tlp, audience=result.audience_name,
                withheld=withheld), _OK)
            self.written.emit(result)
            if self.open_when_written.isChecked():
                self.open_url(QUrl.fromLocalFile(str(Path(result.path).resolve())))

        def failed(message: str) -> None:
            self._worker_done()
            self._say(self.tr("No report was written: {reason}").format(reason=message), _ERROR)

        def cancelled() -> None:
            self._worker_done()
            self._say(self.tr("Cancelled: no report was written."))

        task: Callable[[Feedback], Any] = lambda feedback: write_report(  # noqa: E731
            path, audience, target, at, title, overwrite, feedback)
        self.worker = run_with_progress(self, self.tr("Writing the situation report"), task, on_success=done,
                                        on_error=failed, on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()
