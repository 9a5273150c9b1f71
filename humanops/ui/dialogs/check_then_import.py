"""What *File › Import…* and *Sharing › Receive package…* share: a file chosen with Browse…, then
**Check** (a dry run on a worker: what importing it would do, nothing written) and only then
**Import**, enabled while the file and settings are those just checked and nothing runs; both steps
on a worker with progress and Cancel, and a summary line under the report saying what happened.

The engines (:func:`humanops.formats.importer.import_file`,
:func:`humanops.sharing.exchange_import.import_package`) decide; a dialog subclasses
:class:`CheckThenImportDialog`, says when its last check still holds
(:meth:`CheckThenImportDialog.checked_for_now`) and runs its step in :meth:`CheckThenImportDialog._run`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from humanops.ui.team_paths import is_workspace_itself
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.feedback import Feedback

ERROR_STYLE = "color: #b00020;"


class CheckThenImportDialog(WorkerDialog):
    """A file checked (dry run) before it is imported, one step at a time."""

    def __init__(self, workspace_path: str | Path, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = workspace_path  # a file, or a team database's URL
        self.feedback_factory = feedback_factory
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    # --- building -------------------------------------------------------------------------------------
    def file_row(self, placeholder: str, label: str = "") -> QHBoxLayout:
        """``file_edit`` (checks follow it) and Browse… (:meth:`browse`), after ``label`` if given."""
        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText(placeholder)
        self.file_edit.textChanged.connect(self._file_changed)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        if label:
            row.addWidget(QLabel(label, self))
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.browse_button)
        return row

    def check_import_buttons(self, check_tooltip: str) -> QDialogButtonBox:
        """``buttons``: ``check_button``, ``import_button`` and ``close_button``."""
        self.buttons = QDialogButtonBox(self)
        self.check_button = self.buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setToolTip(check_tooltip)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        return self.buttons

    # --- what each dialog says of its own -------------------------------------------------------------
    def browse(self) -> None:
        raise NotImplementedError

    def checked_for_now(self) -> bool:
        """The last check was a dry run of exactly what is chosen now, and nothing refused it."""
        raise NotImplementedError

    def _run(self, *, dry_run: bool) -> None:
        raise NotImplementedError

    # --- state ----------------------------------------------------------------------------------------
    def set_file(self, path: str | Path) -> None:
        self.file_edit.setText(str(path))

    def _file(self) -> str:
        return self.file_edit.text().strip()

    def _file_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.worker is not None
        self.check_button.setEnabled(bool(self._file()) and not busy)
        self.import_button.setEnabled(self.checked_for_now() and not busy)

    def _say(self, text: str, style: str = "") -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(style)

    def is_the_workspace(self, file: str) -> bool:
        """``file`` is the open workspace itself: never read as an import (never for a database)."""
        return is_workspace_itself(self.workspace_path, file)

    # --- the two steps --------------------------------------------------------------------------------
    def check(self) -> None:
        self._run(dry_run=True)

    def start_import(self) -> None:
        if self.import_button.isEnabled():
            self._run(dry_run=False)

    def run_step(self, title: str, task: Callable[[Feedback], Any], *, on_success: Callable[[Any], None],
                 on_error: Callable[[str], None], on_cancel: Callable[[], None]) -> None:
        """Run one step on a worker with progress and Cancel; each ending calls its slot, which
        ends with :meth:`_worker_done`."""
        self.worker = run_with_progress(self, title, lambda feedback: _reading_in_child(task, feedback),
                                        on_success=on_success, on_error=on_error, on_cancel=on_cancel,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()


def _reading_in_child(task: Callable[[Feedback], Any], feedback: Feedback) -> Any:
    """``task`` with its large vector files read by a child process (the read holds the GIL for
    up to 1.6 s in this process otherwise, the GUI thread waiting; Cancel kills the child)."""
    from humanops.formats.read_child import child_reads

    with child_reads(feedback):
        return task(feedback)
