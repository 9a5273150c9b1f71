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

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.product_dialog import AudienceProductDialog
from humanops.ui.workers import FeedbackFactory, Worker

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.products.tak_product import TakContents, TakProductResult
    from humanops.store.workspace import Workspace

DEFAULT_STALE_HOURS = 24.0   # as humanops.products.tak_product (not imported: the dialog loads light)
TAK_LAYERS = ("danger_zone", "corridor", "facility", "incident")   # as humanops.formats.tak_brief
_PREVIEW_DELAY_MS = 250   # a burst of choices (typing a date) asks the policy once


def write_brief(workspace_path: str | Path, audience: str, out: Path, options: dict[str, Any],
                feedback: Feedback) -> TakProductResult:
    """In the worker thread: the writer opens the workspace on this thread (a connection is not
    shared between threads)."""
    from humanops.products.tak_product import write_tak_product_file

    return write_tak_product_file(workspace_path, audience, out, feedback=feedback, **options)


def brief_contents(workspace_path: str | Path, audience: str, layers: list[str], at: datetime) -> TakContents:
    """In a worker thread: what the brief would hold and leave out, nothing written."""
    from humanops.products.tak_product import tak_contents_at

    return tak_contents_at(workspace_path, audience, layers=layers, at=at)


class TakDialog(AudienceProductDialog):
    """``written(result)`` once a brief was written."""

    result: TakProductResult | None

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        from humanops.ui.i18n import current_language

        super().__init__(workspace_target(workspace), parent, feedback_factory=feedback_factory)
        self.setObjectName("tak_dialog")
        self.setWindowTitle(self.tr("TAK data package"))
        self.language = current_language()
        self.contents: TakContents | None = None   # the latest preview, for the choices it was asked for
        self.preview_worker: Worker | None = None
        self._preview_asked: tuple | None = None

        intro = self.intro_label(self.tr("What a partner may see, for its ATAK or WinTAK teams: danger zones and "
                                         "corridors as drawings, facilities and incidents as markers, each with its "
                                         "TLP in its remarks. The sharing policy decides what goes, as for a "
                                         "package: withheld features are left out, generalised ones appear only "
                                         "generalised."))
        self.audience_choices(workspace)
        # the road network is not what a TAK team is briefed with
        self.layer_checklist(workspace, self.language, checked=lambda kind: kind.name in TAK_LAYERS,
                             shown=lambda kind: kind.exchange_by_default or kind.name in TAK_LAYERS)

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
        file_row = self.file_row("tak_file", save_as=True)

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
        self.message_label("tak_message")
        self.action_buttons(self.tr("Write"), "write_tak", self.tr("Write the TAK brief for the chosen audience"))

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(_PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._ask_contents)
        self.file_edit.textChanged.connect(self._choice_changed)
        self.stale_hours.valueChanged.connect(self._choice_changed)
        self.as_cot.toggled.connect(self._format_changed)
        for signal in (self.layer_list.itemChanged, self.audience.currentIndexChanged, self.valid_at.dateTimeChanged):
            signal.connect(self._contents_changed)

        self.lay_out(intro, form, self.preview)
        self.resize(600, 520)
        self._format_changed()
        self._contents_changed()

    # --- choices --------------------------------------------------------------------------------------
    def suffixes(self) -> tuple[str, ...]:
        return (".cot", ".xml") if self.as_cot.isChecked() else (".zip",)

    def browse(self) -> None:
        file_filter = (self.tr("Cursor-on-Target events (*.cot)") if self.as_cot.isChecked()
                       else self.tr("TAK data package (*.zip)"))
        self.save_file(self.tr("Write the TAK brief to"), self.suggested_file("tak"), file_filter)

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

    def _contents_changed(self, *_args: object) -> None:
        self.contents = None
        if self.chosen_layers():
            self.preview.setText(self.tr("Asking the sharing policy what goes…"))
            self._preview_timer.start()
        else:
            self._preview_timer.stop()
            self.preview.setText("")
        self._choice_changed()

    def choices_problem(self) -> str | None:
        return None if self.chosen_layers() else self.tr("Choose at least one layer.")

    def no_file_text(self) -> str:
        return self.tr("Choose where to write the TAK brief.")

    def wrong_suffix_text(self) -> str:
        return (self.tr("One .cot file of events must end in .cot.") if self.as_cot.isChecked()
                else self.tr("A TAK data package must end in .zip."))

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
        target, audience = self.target(), self.audience.currentData()
        options: dict[str, Any] = {
            "layers": self.chosen_layers(), "at": self.chosen_valid_at(), "cot": self.as_cot.isChecked(),
            "stale_hours": self.stale_hours.value(), "overwrite": self.overwrite()}
        path = self.workspace_path

        def written(result: TakProductResult) -> str:
            return (self.tr("Written {file} ({size} bytes): TLP:{tlp}, {n} feature(s) as {events} CoT event(s).")
                    .format(file=str(result.path), size=f"{result.bytes:,}", tlp=result.highest_tlp,
                            n=f"{result.features:,}", events=f"{result.report.events:,}")
                    + " " + self.left_out_text(result.contents))

        task: Callable[[Feedback], Any] = lambda feedback: write_brief(  # noqa: E731
            path, audience, target, options, feedback)
        self.write_in_worker(self.tr("Writing the TAK brief"), task, written=written,
                             not_written=self.tr("No TAK brief was written: {reason}"),
                             cancelled=self.tr("Cancelled: no TAK brief was written."), then=self.written.emit)
