"""*File › TAK data package…*: choose the audience (a partner of the directory, or our own people),
the layers, the moment the brief is valid at, a data package (.zip) or one .cot file, how long TAK
shows an item without an end, and the file; the brief is written in a worker with progress and
Cancel. Before writing, the dialog says what the audience will not get (features withheld by the
sharing policy, features it gets only generalised) and the TLP of the brief; after, what was written.

What goes in is decided by the sharing policy for that audience
(:func:`humanops.products.tak_product.write_tak_product`, the same writer as ``humanops brief tak``):
the dialog chooses, it decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.dialogs.audience_choice import fill_audiences, valid_at_edit
from humanops.ui.workers import FeedbackFactory, Worker, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.products.tak_product import TakContents, TakProductResult
    from humanops.store.workspace import Workspace

INTERNAL = "internal"   # as humanops.sharing.audience names our own people
DEFAULT_STALE_HOURS = 24.0   # as humanops.products.tak_product (not imported: the dialog loads light)
TAK_LAYERS = ("danger_zone", "corridor", "facility", "incident")   # as humanops.formats.tak_brief
_ERROR = "color: #b00020;"
_OK = "color: #1b5e20;"
_PREVIEW_DELAY_MS = 250   # a burst of choices (typing a date) asks the policy once


def write_brief(workspace_path: Path, audience: str, out: Path, options: dict[str, Any],
                feedback: Feedback) -> TakProductResult:
    """In the worker thread: the writer opens the workspace on this thread (a connection is not
    shared between threads)."""
    from humanops.products.tak_product import write_tak_product_file

    return write_tak_product_file(workspace_path, audience, out, feedback=feedback, **options)


def brief_contents(workspace_path: Path, audience: str, layers: list[str], at: datetime) -> TakContents:
    """In a worker thread: what the brief would hold and leave out, nothing written."""
    from humanops.products.tak_product import tak_contents_at

    return tak_contents_at(workspace_path, audience, layers=layers, at=at)


class TakDialog(WorkerDialog):
    """``written(result)`` once a brief was written."""

    written = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        from humanops.model.clock import workspace_now
        from humanops.ui.i18n import current_language

        super().__init__(parent)
        self.setObjectName("tak_dialog")
        self.setWindowTitle(self.tr("TAK data package"))
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
        self.language = current_language()
        self.result: TakProductResult | None = None
        self.contents: TakContents | None = None   # the latest preview, for the choices it was asked for
        self.preview_worker: Worker | None = None
        self._preview_asked: tuple | None = None
        self._confirmed: Path | None = None   # the file the save dialog asked about replacing

        intro = QLabel(self.tr("What a partner may see, for its ATAK or WinTAK teams: danger zones and corridors as "
                               "drawings, facilities and incidents as markers, each with its TLP in its remarks. "
                               "The sharing policy decides what goes, as for a package: withheld features are left "
                               "out, generalised ones appear only generalised."), self)
        intro.setWordWrap(True)
        self.audience = QComboBox(self)
        self.audience.setObjectName("audience")
        fill_audiences(self.audience, workspace, self.tr("Our own people ({us}): everything we hold"))
        self.layer_list = QListWidget(self)
        self.layer_list.setObjectName("layers")
        for kind in workspace.catalog:
            if not (kind.exchange_by_default or kind.name in TAK_LAYERS):
                continue   # the road network: not what a TAK team is briefed with
            item = QListWidgetItem(f"{kind.title_in(self.language)} ({workspace.count(kind.name):,})", self.layer_list)
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if kind.name in TAK_LAYERS else Qt.CheckState.Unchecked)
        self.layer_list.setMaximumHeight(self.layer_list.sizeHintForRow(0) * (self.layer_list.count() + 1))
        self.valid_at = valid_at_edit(self, workspace_now(workspace))

        self.as_package = QRadioButton(self.tr("TAK data package (.zip), for ATAK and WinTAK"), self)
        self.as_package.setObjectName("as_package")
        self.as_cot = QRadioButton(self.tr("One .cot file of events, for scripts and TAK servers"), self)
        self.as_cot.setObjectName("as_cot")
        self.as_package.setChecked(True)
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.as_package)
        self.format_group.addButton(self.as_cot)
        format_box = QVBoxLayout()
        format_box.addWidget(self.as_package)
        format_box.addWidget(self.as_cot)

        self.stale_hours = QDoubleSpinBox(self)
        self.stale_hours.setObjectName("stale_hours")
        self.stale_hours.setRange(0.5, 24.0 * 366)
        self.stale_hours.setDecimals(1)
        self.stale_hours.setValue(DEFAULT_STALE_HOURS)
        self.stale_hours.setSuffix(self.tr(" h"))
        self.stale_hours.setToolTip(self.tr("How long TAK shows a feature whose validity and marking have no end"))

        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("tak_file")
        browse = QPushButton(self.tr("Save as…"), self)
        browse.setObjectName("save_as")
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("For"), self.audience)
        form.addRow(self.tr("Layers"), self.layer_list)
        form.addRow(self.tr("Valid at"), self.valid_at)
        form.addRow(self.tr("Format"), format_box)
        form.addRow(self.tr("Stale after"), self.stale_hours)
        form.addRow(self.tr("File"), file_row)
        self.preview = QLabel(self)
        self.preview.setObjectName("tak_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("tak_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(self.tr("Write"), QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("write_tak")
        self.write_button.setToolTip(self.tr("Write the TAK brief for the chosen audience"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.write_button.clicked.connect(self.start_writing)
        close.clicked.connect(self.reject)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(_PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._ask_contents)
        self.file_edit.textChanged.connect(self._choice_changed)
        self.stale_hours.valueChanged.connect(self._choice_changed)
        self.as_cot.toggled.connect(self._format_changed)
        for signal in (self.layer_list.itemChanged, self.audience.currentIndexChanged, self.valid_at.dateTimeChanged):
            signal.connect(self._contents_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(600, 520)
        self._format_changed()
        self._contents_changed()

    # --- choices --------------------------------------------------------------------------------------
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

    def suffixes(self) -> tuple[str, ...]:
        return (".cot", ".xml") if self.as_cot.isChecked() else (".zip",)

    def browse(self) -> None:
        audience = self.audience.currentData() or INTERNAL
        cot = self.as_cot.isChecked()
        suggested = self.workspace_path.parent / f"tak-{audience}{'.cot' if cot else '.zip'}"
        file_filter = self.tr("Cursor-on-Target events (*.cot)") if cot else self.tr("TAK data package (*.zip)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write the TAK brief to"), str(suggested), file_filter)
        if path:
            if not path.lower().endswith(self.suffixes()):
                path += self.suffixes()[0]
            # the save dialog asked before replacing that file (not one we completed with a suffix)
            self._confirmed = Path(path)
            self.file_edit.setText(path)

    def _format_changed(self, *_args: object) -> None:
        """A file name typed for the other format follows the format chosen."""
        text = self.file_edit.text().strip()
        other = (".zip",) if self.as_cot.isChecked() else (".cot", ".xml")
        if text and text.lower().endswith(other):
            self.file_edit.setText(str(Path(text).with_suffix(self.suffixes()[0])))
        placeholder = (self.tr("where to write the events (.cot)") if self.as_cot.isChecked()
                       else self.tr("where to write the data package (.zip)"))
        self.file_edit.setPlaceholderText(placeholder)
        self._choice_changed()

    def _choice_changed(self, *_args: object) -> None:
        if self.worker is None:
            self.result = None
            self._say("")
        self._update_buttons()

    def _contents_changed(self, *_args: object) -> None:
        self.contents = None
        if self.chosen_layers():
            self.preview.setText(self.tr("Asking the sharing policy what goes…"))
            self._preview_timer.start()
        else:
            self._preview_timer.stop()
            self.preview.setText("")
        self._choice_changed()

    def _problem(self) -> str | None:
        text = self.file_edit.text().strip()
        if not self.chosen_layers():
            return self.tr("Choose at least one layer.")
        if not text:
            return self.tr("Choose where to write the TAK brief.")
        target = Path(text).expanduser()
        if target.resolve() == self.workspace_path.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        if not target.name.lower().endswith(self.suffixes()):
            return (self.tr("One .cot file of events must end in .cot.") if self.as_cot.isChecked()
                    else self.tr("A TAK data package must end in .zip."))
        if target.exists() and target != self._confirmed:
            return self.tr("{file} exists already: choose another name, or Save as… to replace it.").format(
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

    # --- what the audience will not get, before writing -------------------------------------------------
    def _contents_key(self) -> tuple:
        return (self.audience.currentData(), tuple(self.chosen_layers()), self.chosen_valid_at())

    def _ask_contents(self) -> None:
        """Ask the policy in a worker (never on the GUI thread); one question at a time, the latest
        choices asked again when it answers."""
        if self.preview_worker is not None or not self.chosen_layers():
            return
        key = self._contents_key()
        audience, layers, at = key
        path = self.workspace_path
        self._preview_asked = key
        worker = Worker(lambda _feedback: brief_contents(path, audience, list(layers), at),
                        title=self.tr("What goes into the TAK brief"))
        worker.succeeded.connect(self._contents_known)
        worker.failed.connect(self._contents_failed)
        worker.finished.connect(self._contents_done)
        self.preview_worker = worker
        worker.start()

    def _contents_known(self, contents: TakContents) -> None:
        if self._preview_asked == self._contents_key():
            self.contents = contents
            self.preview.setText(self.contents_text(contents))

    def _contents_failed(self, message: str) -> None:
        if self._preview_asked == self._contents_key():
            self.preview.setText(self.tr("No brief can be made for these choices: {reason}").format(reason=message))

    def _contents_done(self) -> None:
        self.preview_worker = None
        if self._preview_asked != self._contents_key() and not self._preview_timer.isActive():
            self._ask_contents()   # the choices changed while it was asked

    def contents_text(self, contents: TakContents) -> str:
        text = self.tr("For {audience}: TLP:{tlp} (the highest marking inside), {n} feature(s).").format(
            audience=self.audience.currentText(), tlp=contents.highest_tlp, n=f"{contents.features:,}")
        return text + " " + self.left_out_text(contents)

    def left_out_text(self, contents: TakContents) -> str:
        withheld, generalised = f"{contents.withheld:,}", f"{contents.generalised:,}"
        if contents.withheld and contents.generalised:
            return self.tr("Left out for this audience: {withheld} feature(s) withheld by the sharing policy; "
                           "{generalised} feature(s) given only generalised.").format(withheld=withheld,
                                                                                  generalised=generalised)
        if contents.withheld:
            return self.tr("Left out for this audience: {withheld} feature(s) withheld by the sharing policy."
                           ).format(withheld=withheld)
        if contents.generalised:
            return self.tr("Left out for this audience: nothing withheld; {generalised} feature(s) given only "
                           "generalised.").format(generalised=generalised)
        return self.tr("Nothing is left out for this audience.")

    # --- writing --------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        if self.worker is not None or self._problem() is not None:
            return
        target = Path(self.file_edit.text().strip()).expanduser()
        audience = self.audience.currentData()
        options: dict[str, Any] = {
            "layers": self.chosen_layers(), "at": self.chosen_valid_at(), "cot": self.as_cot.isChecked(),
            "stale_hours": self.stale_hours.value(), "overwrite": target == self._confirmed and target.exists()}
        path = self.workspace_path
        self.result = None
        self._say(self.tr("Writing {file}…").format(file=target.name))

        def done(result: TakProductResult) -> None:
            self.result = result
            self._confirmed = None
            self._worker_done()
            self._say(self.tr("Written {file} ({size} bytes): TLP:{tlp}, {n} feature(s) as {events} CoT event(s).")
                      .format(file=str(result.path), size=f"{result.bytes:,}", tlp=result.highest_tlp,
                              n=f"{result.features:,}", events=f"{result.report.events:,}")
                      + " " + self.left_out_text(result.contents), _OK)
            self.written.emit(result)

        def failed(message: str) -> None:
            self._worker_done()
            self._say(self.tr("No TAK brief was written: {reason}").format(reason=message), _ERROR)

        def cancelled() -> None:
            self._worker_done()
            self._say(self.tr("Cancelled: no TAK brief was written."))

        task: Callable[[Feedback], Any] = lambda feedback: write_brief(  # noqa: E731
            path, audience, target, options, feedback)
        self.worker = run_with_progress(self, self.tr("Writing the TAK brief"), task, on_success=done,
                                        on_error=failed, on_cancel=cancelled,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()
