"""What the product dialogs share (briefing map, situation report, TAK brief, map image): the file
row with its Browse…/Save as… button and the checks of the file chosen, the message line, the
Write button beside Close, the writer run on a worker with progress and Cancel, and the ending
("Written …", opened when asked; nothing written on failure or Cancel, said so). For the products
made for an audience, :class:`AudienceProductDialog` adds the audience, the valid-at moment and the
list of layers.

A dialog subclasses one of them, builds its own choices into a form, and says what is its own:
the suffixes its file takes (:meth:`ProductDialog.suffixes`), the texts naming its product, what is
wrong with its other choices (:meth:`ProductDialog.choices_problem`) and the writer it runs
(:meth:`ProductDialog.write_in_worker`). The dialogs choose; the writers (``humanops.products``,
``humanops.ui.sitrep``, ``humanops.ui.map_export``) decide what goes in.
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
    QHBoxLayout,
    QLabel,
    QLayout,
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
    from humanops.catalog import LayerKind
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

INTERNAL = "internal"   # as humanops.sharing.audience names our own people (not imported: loads light)
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
UrlOpener = Callable[[QUrl], bool]


class ProductDialog(WorkerDialog):
    """One product written to one file the user names. ``result`` holds what the writer returned
    until a choice changes; a file the save dialog asked about replacing may be replaced, any other
    existing file is refused."""

    def __init__(self, workspace_path: str | Path, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, open_url: UrlOpener | None = None) -> None:
        super().__init__(parent)
        # what the writer's worker opens (a file, or a team database's URL), and the file if it is one
        self.workspace_path = workspace_path
        self.workspace_file = workspace_path if isinstance(workspace_path, Path) else None
        self.feedback_factory = feedback_factory
        self.open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self.result: Any = None
        self.open_when_written: QCheckBox | None = None   # the products a browser or viewer opens
        self._confirmed: Path | None = None   # the file the save dialog asked about replacing
        self._save_as = False

    # --- building -------------------------------------------------------------------------------------
    def intro_label(self, text: str) -> QLabel:
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        return intro

    def file_row(self, object_name: str, placeholder: str = "", *, save_as: bool = False) -> QHBoxLayout:
        """``file_edit`` and its button (*Browse…*, or *Save as…* named ``save_as``) calling :meth:`browse`."""
        self._save_as = save_as
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName(object_name)
        if placeholder:
            self.file_edit.setPlaceholderText(placeholder)
        browse = QPushButton(self.tr("Save as…") if save_as else self.tr("Browse…"), self)
        if save_as:
            browse.setObjectName("save_as")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        return row

    def open_when_written_box(self) -> QCheckBox:
        self.open_when_written = QCheckBox(self.tr("Open when written"), self)
        self.open_when_written.setObjectName("open_when_written")
        self.open_when_written.setChecked(True)
        return self.open_when_written

    def message_label(self, object_name: str) -> QLabel:
        self.message = QLabel(self)
        self.message.setObjectName(object_name)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self.message

    def action_buttons(self, text: str, object_name: str, tooltip: str = "") -> QDialogButtonBox:
        """``buttons``: ``write_button`` (``text``, starting :meth:`start_writing`) and Close."""
        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName(object_name)
        if tooltip:
            self.write_button.setToolTip(tooltip)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.write_button.clicked.connect(self.start_writing)
        close.clicked.connect(self.reject)
        return self.buttons

    def lay_out(self, intro: QLabel, form: QLayout, *between: QWidget) -> None:
        """Top to bottom: ``intro``, ``form``, ``between``, the message, room to grow, the buttons."""
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        for widget in between:
            layout.addWidget(widget)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # --- what each dialog says of its own -------------------------------------------------------------
    def suffixes(self) -> tuple[str, ...]:
        """What the file may end in, the first the one a chosen name is completed with."""
        raise NotImplementedError

    def no_file_text(self) -> str:
        """Said while no file is chosen ("Choose where to write …")."""
        raise NotImplementedError

    def wrong_suffix_text(self) -> str:
        return self.tr("The file must end in {suffix}.").format(suffix=self.suffixes()[0])

    def choices_problem(self) -> str | None:
        """What is wrong with the dialog's other choices, said before anything about the file."""
        return None

    def start_writing(self) -> None:
        raise NotImplementedError

    def _busy(self) -> bool:
        return self.worker is not None

    # --- the file -------------------------------------------------------------------------------------
    def browse(self) -> None:
        raise NotImplementedError

    def save_file(self, caption: str, suggested: Path, file_filter: str) -> None:
        """Ask with the save dialog; a name without one of :meth:`suffixes` gets the first."""
        path, _ = QFileDialog.getSaveFileName(self, caption, str(suggested), file_filter)
        if path:
            if not path.lower().endswith(self.suffixes()):
                path += self.suffixes()[0]
            # the save dialog asked before replacing that file (not one we completed with a suffix)
            self._confirmed = Path(path)
            self.file_edit.setText(path)

    def target(self) -> Path:
        return Path(self.file_edit.text().strip()).expanduser()

    def folder_problem(self, target: Path) -> str | None:
        """For a dialog whose writer does not make the folder: say that it is missing."""
        if not target.parent.is_dir():
            return self.tr("The folder {folder} does not exist.").format(folder=str(target.parent))
        return None

    def overwrite(self) -> bool:
        """The writer may replace the file: the save dialog asked about it."""
        target = self.target()
        return target == self._confirmed and target.exists()

    def _problem(self) -> str | None:
        problem = self.choices_problem()
        if problem is not None:
            return problem
        if not self.file_edit.text().strip():
            return self.no_file_text()
        target = self.target()
        if self.workspace_file is not None and target.resolve() == self.workspace_file.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        if not target.name.lower().endswith(self.suffixes()):
            return self.wrong_suffix_text()
        if target.exists() and target != self._confirmed:
            if self._save_as:
                return self.tr("{file} exists already: choose another name, or Save as… to replace it.").format(
                    file=target.name)
            return self.tr("{file} exists already: choose another name, or Browse… to replace it.").format(
                file=target.name)
        return None

    # --- state ----------------------------------------------------------------------------------------
    def _choice_changed(self, *_args: object) -> None:
        """A choice changed: what was written before is no longer what is asked for."""
        if not self._busy():
            self.result = None
            self._say("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        problem = self._problem()
        self.write_button.setEnabled(problem is None and not self._busy())
        if not self._busy() and self.result is None:
            self._say(problem or "", ERROR_STYLE if problem and self.file_edit.text().strip() else "")

    def _say(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

    # --- writing --------------------------------------------------------------------------------------
    def write_in_worker(self, title: str, task: Callable[[Feedback], Any], *, written: Callable[[Any], str],
                        not_written: str, cancelled: str, then: Callable[[Any], None] | None = None) -> None:
        """Run ``task`` on a worker with progress and Cancel. Once it returns, ``result`` holds its
        result, ``written(result)`` is said, ``then(result)`` runs and the file (``result.path``) is
        opened if the user asked; ``not_written`` (with ``{reason}``) or ``cancelled`` is said otherwise."""
        self.result = None
        self._say(self.tr("Writing {file}…").format(file=self.target().name))

        def done(result: Any) -> None:
            self.result = result
            self._confirmed = None
            self._worker_done()
            self._say(written(result), OK_STYLE)
            if then is not None:
                then(result)
            if self.open_when_written is not None and self.open_when_written.isChecked():
                self.open_url(QUrl.fromLocalFile(str(Path(result.path).resolve())))

        def failed(message: str) -> None:
            self._worker_done()
            self._say(not_written.format(reason=message), ERROR_STYLE)

        def stopped() -> None:
            self._worker_done()
            self._say(cancelled)

        self.worker = run_with_progress(self, title, task, on_success=done, on_error=failed, on_cancel=stopped,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()


class AudienceProductDialog(ProductDialog):
    """A product for an audience (our own people, or a partner of the directory) valid at a
    moment, of the layers chosen. ``written(result)`` once one was written."""

    written = Signal(object)

    def audience_choices(self, workspace: Workspace) -> None:
        """``audience`` (ours first, then the directory's partners) and ``valid_at`` (the workspace's clock)."""
        from humanops.model.clock import workspace_now

        self.audience = QComboBox(self)
        self.audience.setObjectName("audience")
        fill_audiences(self.audience, workspace, self.tr("Our own people ({us}): everything we hold"))
        self.valid_at = valid_at_edit(self, workspace_now(workspace))

    def layer_checklist(self, workspace: Workspace, language: str, *, checked: Callable[[LayerKind], bool],
                        shown: Callable[[LayerKind], bool] = lambda _kind: True) -> QListWidget:
        """``layer_list``: the kinds ``shown``, with their feature counts, those ``checked`` ticked."""
        self.layer_list = QListWidget(self)
        self.layer_list.setObjectName("layers")
        for kind in workspace.catalog:
            if not shown(kind):
                continue
            item = QListWidgetItem(f"{kind.title_in(language)} ({workspace.count(kind.name):,})", self.layer_list)
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked(kind) else Qt.CheckState.Unchecked)
        self.layer_list.setMaximumHeight(self.layer_list.sizeHintForRow(0) * (self.layer_list.count() + 1))
        return self.layer_list

    def set_audience(self, org_id: str) -> None:
        index = self.audience.findData(org_id)
        if index < 0:
            raise KeyError(org_id)
        self.audience.setCurrentIndex(index)

    def chosen_audience(self) -> str:
        return self.audience.currentData() or INTERNAL

    def chosen_layers(self) -> list[str]:
        return [self.layer_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.layer_list.count())
                if self.layer_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_valid_at(self, moment: datetime) -> None:
        self.valid_at.set_moment(moment)

    def chosen_valid_at(self) -> datetime:
        return self.valid_at.moment()

    def suggested_file(self, prefix: str) -> Path:
        """Beside the workspace (in the home folder for a team database), named for the product and
        the audience: ``briefing-medaid.html``."""
        folder = self.workspace_file.parent if self.workspace_file is not None else Path.home()
        return folder / f"{prefix}-{self.chosen_audience()}{self.suffixes()[0]}"
