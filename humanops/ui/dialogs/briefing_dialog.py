"""Briefing map: choose the audience (a partner of the directory, or our own people), the layers
and the moment the map is valid at, then write one self-contained HTML file in a worker, with
progress and Cancel, and open it in the browser when asked.

What goes in is decided by the sharing policy for that audience
(:func:`humanops.products.briefing_map.write_briefing_map_file`, the same writer as
``humanops brief map``): the dialog chooses, it decides nothing.
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
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.dialogs.audience_choice import fill_audiences, valid_at_edit
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.products.briefing_map import BriefingResult
    from humanops.store.workspace import Workspace

INTERNAL = "internal"   # as humanops.sharing.audience names our own people
_ERROR = "color: #b00020;"
_OK = "color: #1b5e20;"
UrlOpener = Callable[[QUrl], bool]


def write_briefing(workspace_path: Path, audience: str, out: Path, layers: list[str], at: datetime,
                   overwrite: bool, lang: str | None, feedback: Feedback) -> BriefingResult:
    """In the worker thread: the writer opens the workspace on this thread (a connection is not
    shared between threads)."""
    from humanops.products.briefing_map import write_briefing_map_file

    return write_briefing_map_file(workspace_path, audience, out, layers=layers, at=at, overwrite=overwrite,
                                   lang=lang, feedback=feedback)


class BriefingDialog(WorkerDialog):
    """``written(result)`` once a briefing map was written."""

    written = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, open_url: UrlOpener | None = None) -> None:
        from humanops.model.clock import workspace_now
        from humanops.ui.i18n import current_language

        super().__init__(parent)
        self.setObjectName("briefing_dialog")
        self.setWindowTitle(self.tr("Briefing map"))
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
        self.open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self.language = current_language()
        self.result: BriefingResult | None = None
        self._confirmed: Path | None = None   # the file the save dialog asked about replacing

        intro = QLabel(self.tr("One HTML file of the chosen layers for people outside the app: it opens in any "
                               "browser with no network. It holds only what the sharing policy lets the audience "
                               "see; what is withheld is counted on the map, never shown."), self)
        intro.setWordWrap(True)
        self.audience = QComboBox(self)
        self.audience.setObjectName("audience")
        self._fill_audiences(workspace)
        self.layer_list = QListWidget(self)
        self.layer_list.setObjectName("layers")
        for kind in workspace.catalog:
            item = QListWidgetItem(f"{kind.title_in(self.language)} ({workspace.count(kind.name):,})", self.layer_list)
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if kind.exchange_by_default else Qt.CheckState.Unchecked)
        self.layer_list.setMaximumHeight(self.layer_list.sizeHintForRow(0) * (self.layer_list.count() + 1))
        self.valid_at = valid_at_edit(self, workspace_now(workspace))
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("briefing_file")
        self.file_edit.setPlaceholderText(self.tr("where to write the briefing map (.html)"))
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
        form.addRow(self.tr("Layers"), self.layer_list)
        form.addRow(self.tr("Valid at"), self.valid_at)
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.open_when_written)
        self.message = QLabel(self)
        self.message.setObjectName("briefing_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(self.tr("Write"), QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("write_briefing")
        self.write_button.setToolTip(self.tr("Write the briefing map for the chosen audience"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.write_button.clicked.connect(self.start_writing)
        close.clicked.connect(self.reject)
        self.file_edit.textChanged.connect(self._choice_changed)
        self.layer_list.itemChanged.connect(self._choice_changed)
        self.audience.currentIndexChanged.connect(self._choice_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self._update_buttons()

    # --- choices --------------------------------------------------------------------------------------
    def _fill_audiences(self, workspace: Workspace) -> None:
        fill_audiences(self.audience, workspace, self.tr("Our own people ({us}): everything we hold"))

    def set_audience(self, org_id: str) -> None:
        index = self.audience.findData(org_id)
        if index < 0:
            raise KeyError(org_id)
        self.audience.setCurrentIndex(index)

    def chosen_layers(self) -> list[str]:
        return [self.layer_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.layer_list.count())
                if self.layer_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_valid_at(self, moment: datetime) -> None:
        self.valid_at.set_moment(moment)

    def chosen_valid_at(self) -> datetime:
        return self.valid_at.moment()

    def browse(self) -> None:
        audience = self.audience.currentData() or INTERNAL
        suggested = self.workspace_path.parent / f"briefing-{audience}.html"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write the briefing map to"), str(suggested),
                                              self.tr("Web page (*.html)"))
        if path:
            if not path.lower().endswith((".html", ".htm")):
                path += ".html"
            # the save dialog asked before replacing that file (not one we completed with .html)
            self._confirmed = Path(path)
            self.file_edit.setText(path)

    def _choice_changed(self, *_args: object) -> None:
        if self.worker is None:
            self.result = None
            self._say("")
        self._update_buttons()

    def _problem(self) -> str | None:
        text = self.file_edit.text().strip()
        if not self.chosen_layers():
            return self.tr("Choose at least one layer.")
        if not text:
            return self.tr("Choose where to write the briefing map.")
        target = Path(text).expanduser()
        if target.resolve() == self.workspace_path.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        if not target.name.lower().endswith((".html", ".htm")):
            return self.tr("The file must end in .html.")
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
        audience = self.audience.currentData()
        layers, at = self.chosen_layers(), self.chosen_valid_at()
        overwrite = target == self._confirmed and target.exists()
        # The page is written in English whatever the UI's language: it is read by the audience,
        # and its banner, panels and popups are English (the kinds' labels alone could follow).
        path, language = self.workspace_path, None
        self.result = None
        self._say(self.tr("Writing {file}…").format(file=target.name))

        def done(result: BriefingResult) -> None:
            self.result = result
            self._confirmed = None
            self._worker_done()
            self._say(self.tr("Written {file} ({size} bytes): TLP:{tlp}, for {audience}. {withheld}").format(
                file=str(result.path), size=f"{result.bytes:,}", tlp=result.briefing.tlp,
                audience=result.briefing.audience_name,
                withheld=self.tr("{n} feature(s) withheld by the sharing policy are counted on the map, not "
                                 "shown.").format(n=f"{result.briefing.withheld:,}") if result.briefing.withheld
                else ""), _OK)
            self.written.emit(result)
            if self.open_when_written.isChecked():
                self.open_url(QUrl.fromLocalFile(str(Path(result.path).resolve())))

        def failed(message: str) -> None:
            self._worker_done()
            self._say(self.tr("No briefing map was written: {reason}").format(reason=message), _ERROR)

        def cancelled() -> None:
            self._worker_done()
            self._say(self.tr("Cancelled: no briefing map was written."))

        task: Callable[[Feedback], Any] = lambda feedback: write_briefing(  # noqa: E731
            path, audience, target, layers, at, overwrite, language, feedback)
        self.worker = run_with_progress(self, self.tr("Writing the briefing map"), task, on_success=done,
                                        on_error=failed, on_cancel=cancelled,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()
