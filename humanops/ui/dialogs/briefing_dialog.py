"""Briefing map: choose the audience (a partner of the directory, or our own people), the layers
and the moment the map is valid at, then write one self-contained HTML file in a worker, with
progress and Cancel, and open it in the browser when asked.

What goes in is decided by the sharing policy for that audience
(:func:`humanops.products.briefing_map.write_briefing_map_file`, the same writer as
``humanops brief map``): the dialog chooses, it decides nothing. The file row, the worker and the
ending are :class:`humanops.ui.dialogs.product_dialog.AudienceProductDialog`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFormLayout, QWidget

from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.product_dialog import AudienceProductDialog, UrlOpener
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.products.briefing_map import BriefingResult
    from humanops.store.workspace import Workspace


def write_briefing(workspace_path: str | Path, audience: str, out: Path, layers: list[str], at: datetime,
                   overwrite: bool, lang: str | None, feedback: Feedback) -> BriefingResult:
    """In the worker thread: the writer opens the workspace on this thread (a connection is not
    shared between threads)."""
    from humanops.products.briefing_map import write_briefing_map_file

    return write_briefing_map_file(workspace_path, audience, out, layers=layers, at=at, overwrite=overwrite,
                                   lang=lang, feedback=feedback)


class BriefingDialog(AudienceProductDialog):
    """``written(result)`` once a briefing map was written."""

    result: BriefingResult | None

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, open_url: UrlOpener | None = None) -> None:
        from humanops.ui.i18n import current_language

        super().__init__(workspace_target(workspace), parent, feedback_factory=feedback_factory, open_url=open_url)
        self.setObjectName("briefing_dialog")
        self.setWindowTitle(self.tr("Briefing map"))
        self.language = current_language()

        intro = self.intro_label(self.tr("One HTML file of the chosen layers for people outside the app: it opens "
                                         "in any browser with no network. It holds only what the sharing policy "
                                         "lets the audience see; what is withheld is counted on the map, never "
                                         "shown."))
        self.audience_choices(workspace)
        self.layer_checklist(workspace, self.language, checked=lambda kind: kind.exchange_by_default)
        file_row = self.file_row("briefing_file", self.tr("where to write the briefing map (.html)"))

        form = QFormLayout()
        form.addRow(self.tr("For"), self.audience)
        form.addRow(self.tr("Layers"), self.layer_list)
        form.addRow(self.tr("Valid at"), self.valid_at)
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.open_when_written_box())
        self.message_label("briefing_message")
        self.action_buttons(self.tr("Write"), "write_briefing",
                            self.tr("Write the briefing map for the chosen audience"))
        self.file_edit.textChanged.connect(self._choice_changed)
        self.layer_list.itemChanged.connect(self._choice_changed)
        self.audience.currentIndexChanged.connect(self._choice_changed)

        self.lay_out(intro, form)
        self.resize(560, 420)
        self._update_buttons()

    # --- choices --------------------------------------------------------------------------------------
    def suffixes(self) -> tuple[str, ...]:
        return (".html", ".htm")

    def browse(self) -> None:
        self.save_file(self.tr("Write the briefing map to"), self.suggested_file("briefing"),
                       self.tr("Web page (*.html)"))

    def choices_problem(self) -> str | None:
        return None if self.chosen_layers() else self.tr("Choose at least one layer.")

    def no_file_text(self) -> str:
        return self.tr("Choose where to write the briefing map.")

    # --- writing --------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        if self.worker is not None or self._problem() is not None:
            return
        target, audience = self.target(), self.audience.currentData()
        layers, at, overwrite = self.chosen_layers(), self.chosen_valid_at(), self.overwrite()
        # The page is written in English whatever the UI's language: it is read by the audience,
        # and its banner, panels and popups are English (the kinds' labels alone could follow).
        path, language = self.workspace_path, None

        def written(result: BriefingResult) -> str:
            withheld = self.tr("{n} feature(s) withheld by the sharing policy are counted on the map, not "
                               "shown.").format(n=f"{result.briefing.withheld:,}") if result.briefing.withheld else ""
            return self.tr("Written {file} ({size} bytes): TLP:{tlp}, for {audience}. {withheld}").format(
                file=str(result.path), size=f"{result.bytes:,}", tlp=result.briefing.tlp,
                audience=result.briefing.audience_name, withheld=withheld)

        task: Callable[[Feedback], Any] = lambda feedback: write_briefing(  # noqa: E731
            path, audience, target, layers, at, overwrite, language, feedback)
        self.write_in_worker(self.tr("Writing the briefing map"), task, written=written,
                             not_written=self.tr("No briefing map was written: {reason}"),
                             cancelled=self.tr("Cancelled: no briefing map was written."), then=self.written.emit)
