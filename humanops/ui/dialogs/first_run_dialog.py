"""The start page: what the app offers when it starts without a workspace.

Recent workspaces first (as QGIS's welcome page lists recent projects; a moved or deleted one
is shown greyed, "not found"), then three ways in: open the demo (written fresh, with its
partners, where the user says), create a new workspace (the new-workspace form), or open an
existing one. :func:`start_without_workspace` is what ``run_app`` calls.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.dialogs.new_workspace_dialog import NewWorkspaceDialog, grow_to_fit
from humanops.ui.settings import (
    existing_recent_workspaces,
    recent_workspaces,
    remember_workspace_folder,
    remove_missing_recent_workspaces,
    remove_recent_workspace,
    workspace_folder,
)
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress
from humanops.ui.workspace_setup import DemoWorkspace, create_demo, with_workspace_suffix

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

ERROR_STYLE = "color: #b00020;"
PATH_ROLE = Qt.ItemDataRole.UserRole


class FirstRunDialog(WorkerDialog):
    """``workspaceChosen(path, note)``: the workspace to open, and what to tell the user once it
    is open (the demo's passphrase). The dialog closes itself after emitting it."""

    workspaceChosen = Signal(str, str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_dialog")
        self.settings = settings
        self.feedback_factory = feedback_factory
        self.new_workspace_dialog: QDialog | None = None
        returning = bool(existing_recent_workspaces(settings))
        self.setWindowTitle(self.tr("HumanOps — start") if returning else self.tr("Welcome to HumanOps"))

        title = QLabel(self.tr("Welcome back") if returning else self.tr("Welcome to HumanOps"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr(
            "HumanOps keeps a common operational picture of a response — danger zones, corridors, civilian needs "
            "and facilities — in one workspace file, and shares it with partners in signed, encrypted packages "
            "that respect each feature's marking. Nothing needs a network."), self)
        intro.setWordWrap(True)

        self.recent_box = QGroupBox(self.tr("Recent workspaces"), self)
        self.recent_list = QListWidget(self.recent_box)
        self.recent_list.setObjectName("recent_workspaces")
        self.recent_list.itemActivated.connect(lambda item: self.open_recent(item))
        self.recent_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.open_recent_button = QPushButton(self.tr("Open"), self.recent_box)
        self.open_recent_button.setObjectName("open_recent")
        self.open_recent_button.clicked.connect(lambda: self.open_recent(self.recent_list.currentItem()))
        self.forget_missing_button = QPushButton(self.tr("Forget the ones not found"), self.recent_box)
        self.forget_missing_button.setObjectName("forget_missing")
        self.forget_missing_button.setAutoDefault(False)
        self.forget_missing_button.clicked.connect(self.forget_missing)
        recent_buttons = QHBoxLayout()
        recent_buttons.addWidget(self.forget_missing_button)
        recent_buttons.addStretch(1)
        recent_buttons.addWidget(self.open_recent_button)
        recent_layout = QVBoxLayout(self.recent_box)
        recent_layout.addWidget(self.recent_list)
        recent_layout.addLayout(recent_buttons)

        self.demo_button = QCommandLinkButton(self.tr("Open the demo"), self.tr(
            "A fresh copy of Kavera, a fictional region, with three partners and their own workspaces beside it, "
            "to try everything: drawing, planning, sending and receiving packages."), self)
        self.demo_button.setObjectName("open_demo")
        self.demo_button.clicked.connect(self.open_demo)
        self.new_button = QCommandLinkButton(self.tr("Create a new workspace"), self.tr(
            "For your organisation: its id and name, its keys, and the response's sharing protocol if there "
            "is one."), self)
        self.new_button.setObjectName("create_new")
        self.new_button.clicked.connect(self.create_new)
        self.open_button = QCommandLinkButton(self.tr("Open an existing workspace"), self.tr(
            "A workspace file (.gpkg) made by HumanOps: yours, or a copy from a colleague."), self)
        self.open_button.setObjectName("open_existing")
        self.open_button.clicked.connect(self.open_existing)

        self.status = QLabel(self)
        self.status.setObjectName("first_run_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.later_button = buttons.addButton(self.tr("Continue without a workspace"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setObjectName("continue_without")
        self.later_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.recent_box)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.new_button)
        layout.addWidget(self.open_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.fill_recent()
        self.resize(640, self.sizeHint().height())

    # --- recent workspaces -------------------------------------------------------------------------
    def fill_recent(self) -> None:
        self.recent_list.clear()
        recent = recent_workspaces(self.settings)
        for path in recent:
            found = Path(path).is_file()
            text = f"{Path(path).name}  —  {Path(path).parent}"
            item = QListWidgetItem(text if found else self.tr("{0}  (not found)").format(text), self.recent_list)
            item.setData(PATH_ROLE, path)
            item.setToolTip(path if found else self.tr("{0} was moved or deleted.").format(path))
            if not found:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed: nothing to open
        self.recent_box.setVisible(bool(recent))
        self.recent_list.setFixedHeight(min(8, max(2, len(recent))) * self.recent_list.sizeHintForRow(0) + 6
                                        if recent else 0)
        first = next((self.recent_list.item(i) for i in range(self.recent_list.count())
                      if self.recent_list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled), None)
        if first is not None:
            self.recent_list.setCurrentItem(first)
            self.open_recent_button.setDefault(True)
            self.recent_list.setFocus()
        self.forget_missing_button.setVisible(any(not Path(p).is_file() for p in recent))
        self._update_buttons()

    def open_recent(self, item: QListWidgetItem | None) -> None:
        if item is None or self.worker is not None:
            return
        path = str(item.data(PATH_ROLE))
        if not Path(path).is_file():  # gone since the list was shown
            remove_recent_workspace(self.settings, path)
            self.fill_recent()
            self._say(self.tr("{0} is not there any more (moved or deleted): it was taken off the list.")
                      .format(path), ERROR_STYLE)
            return
        self.choose(path)

    def forget_missing(self) -> None:
        remove_missing_recent_workspaces(self.settings)
        self.fill_recent()
        self._say(self.tr("The workspaces not found were taken off the list."))

    # --- the three ways in -------------------------------------------------------------------------
    def open_demo(self) -> None:
        if self.worker is not None:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        suggested = workspace_folder(self.settings) / f"kavera-demo-{stamp}.gpkg"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Where should the demo go?"), str(suggested),
                                                self.tr("GeoPackage workspace (*.gpkg)"))
        if not chosen:
            return
        path = with_workspace_suffix(chosen)
        if path.exists():
            self._say(self.tr("{0} exists already: choose a new name for the demo (nothing is overwritten).")
                      .format(path), ERROR_STYLE)
            return
        self._say(self.tr("Writing the demo to {0}…").format(path))

        def done(demo: DemoWorkspace) -> None:
            remember_workspace_folder(self.settings, demo.path)
            self._worker_done()
            partners = demo.partner_workspaces[0].parent if demo.partner_workspaces else None
            note = self.tr("The demo's keys have the passphrase “{0}” (Sharing menu).").format(demo.passphrase)
            if partners is not None:
                note += " " + self.tr("The partners' own workspaces are in {0}.").format(partners)
            self.choose(str(demo.path), note)

        def failed(message: str) -> None:
            self._say(self.tr("The demo was not written: {0}").format(message), ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say(self.tr("Cancelled: no demo was written."))
            self._worker_done()

        self.worker = run_with_progress(self, self.tr("Writing the demo"), lambda fb: create_demo(path, fb),
                                        on_success=done, on_error=failed, on_cancel=cancelled,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()

    def create_new(self) -> None:
        if self.worker is not None:
            return
        dialog = NewWorkspaceDialog(self.settings, self, feedback_factory=self.feedback_factory)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda path: self.choose(path))
        dialog.destroyed.connect(lambda: setattr(self, "new_workspace_dialog", None))
        self.new_workspace_dialog = dialog
        dialog.open()

    def open_existing(self) -> None:
        from humanops.store.workspace_files import geopackage_kind

        if self.worker is not None:
            return
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), str(workspace_folder(self.settings)),
                                                self.tr("GeoPackage workspace (*.gpkg);;All files (*)"))
        if not chosen:
            return
        kind = geopackage_kind(chosen)
        if kind == "geopackage":
            self._say(self.tr("{0} is a GeoPackage, but not a HumanOps workspace: create a workspace, then "
                              "import it (File › Import).").format(Path(chosen).name), ERROR_STYLE)
        elif kind is None:
            self._say(self.tr("{0} is not a HumanOps workspace (not a GeoPackage, or not readable).")
                      .format(Path(chosen).name), ERROR_STYLE)
        else:
            self.choose(chosen)

    # --- the outcome -------------------------------------------------------------------------------
    def choose(self, path: str, note: str = "") -> None:
        self.accept()  # out of the way first: the window shows the workspace opening
        self.workspaceChosen.emit(path, note)

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
        grow_to_fit(self)

    def _update_buttons(self) -> None:
        idle = self.worker is None
        current = self.recent_list.currentItem()
        self.open_recent_button.setEnabled(idle and current is not None
                                           and bool(current.flags() & Qt.ItemFlag.ItemIsEnabled))
        for button in (self.demo_button, self.new_button, self.open_button):
            button.setEnabled(idle)


def start_without_workspace(window: MainWindow) -> FirstRunDialog:
    """The app started without a workspace: the start page over the empty window."""
    dialog = FirstRunDialog(window.settings, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(path: str, note: str) -> None:
        if window.open_workspace(path) and note:
            window.statusBar().showMessage(note, 60_000)

    dialog.workspaceChosen.connect(chosen)
    dialog.rejected.connect(lambda: window.statusBar().showMessage(QCoreApplication.translate(
        "FirstRunDialog", "No workspace open: File › Open recent, Open workspace (Ctrl+O) or New workspace (Ctrl+N).")))
    dialog.open()
    return dialog
