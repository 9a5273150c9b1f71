"""*File › Situation report…*: choose the audience (a partner of the directory, or our own people),
the moment the report is valid at, its title and the file; the PDF is written in a worker with
progress and Cancel, and opened when asked.

What goes in is decided by the sharing policy for that audience
(:func:`humanops.ui.sitrep.write_sitrep_file`, the same writer as ``humanops brief sitrep``): the
dialog chooses, it decides nothing. The file row, the worker and the ending are
:class:`humanops.ui.dialogs.product_dialog.AudienceProductDialog`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.product_dialog import AudienceProductDialog, UrlOpener
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.ui.sitrep import SitrepResult


def write_report(workspace_path: str | Path, audience: str, out: Path, at: datetime, title: str, overwrite: bool,
                 feedback: Feedback) -> SitrepResult:
    """In the worker thread: the writer opens the workspace on this thread (a connection is not
    shared between threads) and draws the PDF there (QPainter on a QPdfWriter may)."""
    from humanops.ui.sitrep import write_sitrep_file

    return write_sitrep_file(workspace_path, audience, out, at=at, title=title or None, overwrite=overwrite,
                             feedback=feedback)


class SitrepDialog(AudienceProductDialog):
    """``written(result)`` once a report was written."""

    result: SitrepResult | None

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, open_url: UrlOpener | None = None) -> None:
        super().__init__(workspace_target(workspace), parent, feedback_factory=feedback_factory, open_url=open_url)
        self.setObjectName("sitrep_dialog")
        self.setWindowTitle(self.tr("Situation report"))

        intro = self.intro_label(self.tr("A PDF for people outside the app: a map of the area, what changed since "
                                         "the last report for the same audience, exposure, corridors, needs "
                                         "coverage, shelters and open alerts. It holds only what the sharing "
                                         "policy lets the audience see, with the TLP banner of the highest "
                                         "marking inside on every page."))
        self.audience_choices(workspace)
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setPlaceholderText(self.tr("Situation report"))
        file_row = self.file_row("sitrep_file", self.tr("where to write the report (.pdf)"))

        form = QFormLayout()
        form.addRow(self.tr("For"), self.audience)
        form.addRow(self.tr("Valid at"), self.valid_at)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.open_when_written_box())
        self.message_label("sitrep_message")
        self.action_buttons(self.tr("Write"), "write_sitrep",
                            self.tr("Write the situation report for the chosen audience"))
        self.file_edit.textChanged.connect(self._choice_changed)
        self.audience.currentIndexChanged.connect(self._choice_changed)
        self.valid_at.dateTimeChanged.connect(self._choice_changed)

        self.lay_out(intro, form)
        self.resize(560, 340)
        self._update_buttons()

    # --- choices --------------------------------------------------------------------------------------
    def suffixes(self) -> tuple[str, ...]:
        return (".pdf",)

    def browse(self) -> None:
        self.save_file(self.tr("Write the situation report to"), self.suggested_file("sitrep"),
                       self.tr("PDF document (*.pdf)"))

    def no_file_text(self) -> str:
        return self.tr("Choose where to write the report.")

    # --- writing --------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        if self.worker is not None or self._problem() is not None:
            return
        target, overwrite = self.target(), self.overwrite()
        audience, at, title = self.audience.currentData(), self.chosen_valid_at(), self.title.text().strip()
        path = self.workspace_path

        def written(result: SitrepResult) -> str:
            withheld = self.tr("{n} feature(s) withheld by the sharing policy are counted in it, not shown.").format(
                n=f"{result.withheld:,}") if result.withheld else ""
            return self.tr("Written {file} ({pages} page(s)): TLP:{tlp}, for {audience}. {withheld}").format(
                file=str(result.path), pages=result.pages, tlp=result.tlp, audience=result.audience_name,
                withheld=withheld)

        task: Callable[[Feedback], Any] = lambda feedback: write_report(  # noqa: E731
            path, audience, target, at, title, overwrite, feedback)
        self.write_in_worker(self.tr("Writing the situation report"), task, written=written,
                             not_written=self.tr("No report was written: {reason}"),
                             cancelled=self.tr("Cancelled: no report was written."), then=self.written.emit)
