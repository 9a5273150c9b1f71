"""Own identity: make our organisation's keys once, then show our fingerprint (what partners
check by phone before they trust our card) and write our contact card for them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.store.target_reads import workspace_target
from humanops.ui.locale_text import format_datetime
from humanops.ui.sharing import tasks
from humanops.ui.sharing.passphrase import ask_new_passphrase, ask_passphrase
from humanops.ui.sharing.wording import fingerprint_lines
from humanops.ui.team_paths import folder_beside
from humanops.ui.workers import FeedbackFactory, Worker, run_with_progress

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


def fingerprint_label(text: str, parent: QWidget) -> QLabel:
    """A fingerprint in large monospace, four groups a line, selectable for copying."""
    label = QLabel(fingerprint_lines(text), parent)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OwnIdentityDialog(QDialog):
    """``identityChanged`` once keys were made (the directory now holds us)."""

    identityChanged = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("own_identity_dialog")
        self.setWindowTitle(self.tr("Own identity"))
        self.workspace = workspace
        self.workspace_path = workspace_target(workspace)  # a file, or a team database's URL
        self.feedback_factory = feedback_factory
        self.worker: Worker | None = None
        self.body = QWidget(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.rebuild()

    # --- the two faces: no keys yet, or our identity ------------------------------------------------
    def rebuild(self) -> None:
        from humanops.sharing.keys import has_identity

        old = self.body
        self.body = QWidget(self)
        self.layout().replaceWidget(old, self.body)
        old.deleteLater()
        if has_identity(self.workspace):
            self._show_identity()
        else:
            self._show_form()

    def _show_form(self) -> None:
        layout = QVBoxLayout(self.body)
        intro = QLabel(
            self.tr("This workspace has no keys yet. Your organisation needs them to sign what it sends and to open "
                    "what partners send it. The private keys stay in this workspace, encrypted with a passphrase; "
                    "partners get only the public half, in your contact card."), self.body)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        current = self.workspace.organisation
        self.org_edit = QLineEdit(current, self.body)
        self.org_edit.setPlaceholderText(self.tr("e.g. medaid"))
        if current:  # the workspace belongs to it already: the keys must be its
            self.org_edit.setReadOnly(True)
            self.org_edit.setToolTip(self.tr("The organisation this workspace belongs to"))
        self.name_edit = QLineEdit(self.body)
        self.name_edit.setPlaceholderText(self.tr("e.g. MedAid Relief"))
        self.acronym_edit = QLineEdit(self.body)
        self.communities_edit = QLineEdit(self.body)
        self.communities_edit.setPlaceholderText("community:hct-kavera, community:health-cluster")
        self.communities_edit.setToolTip(self.tr("Sharing groups your organisation belongs to (TLP:GREEN reaches "
                                                 "them)"))
        form.addRow(self.tr("Organisation id"), self.org_edit)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Acronym"), self.acronym_edit)
        form.addRow(self.tr("Communities"), self.communities_edit)
        layout.addLayout(form)
        self.create_button = QPushButton(self.tr("Create keys…"), self.body)
        self.create_button.setObjectName("create_keys")
        self.create_button.clicked.connect(self.create_keys)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _show_identity(self) -> None:
        from humanops.sharing.directory_store import own_details
        from humanops.sharing.keys import format_fingerprint, key_history, own_identity

        public = own_identity(self.workspace)
        details = own_details(self.workspace)
        layout = QVBoxLayout(self.body)
        form = QFormLayout()
        form.addRow(self.tr("Organisation"), QLabel(f"<b>{details['name']}</b> ({public.org_id})"
                                                    + (f", {details['acronym']}" if details["acronym"] else ""),
                                                    self.body))
        if details["communities"]:
            form.addRow(self.tr("Communities"), QLabel(", ".join(details["communities"]), self.body))
        form.addRow(self.tr("Keys made"), QLabel(format_datetime(public.created), self.body))
        layout.addLayout(form)
        box = QGroupBox(self.tr("Fingerprint"), self.body)
        box_layout = QVBoxLayout(box)
        self.fingerprint = fingerprint_label(format_fingerprint(public.fingerprint), box)
        self.fingerprint.setObjectName("own_fingerprint")
        box_layout.addWidget(self.fingerprint)
        note = QLabel(self.tr("When a partner adds your contact card, read them this fingerprint by phone or in "
                              "person: it proves the card is yours."), box)
        note.setWordWrap(True)
        box_layout.addWidget(note)
        layout.addWidget(box)
        older = [k for k in key_history(self.workspace) if k["revoked_at"]]
        if older:
            replaced = self.tr("{fingerprint}…  replaced {when}")
            lines = [replaced.format(fingerprint=format_fingerprint(str(k["fingerprint"]))[:39], when=k["revoked_at"])
                     for k in older]
            history = QLabel(self.tr("Earlier keys (still verify what they signed):") + "\n" + "\n".join(lines),
                             self.body)
            layout.addWidget(history)
        self.card_button = QPushButton(self.tr("Write contact card…"), self.body)
        self.card_button.setObjectName("write_card")
        self.card_button.clicked.connect(self.write_card)
        layout.addWidget(self.card_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    # --- actions ------------------------------------------------------------------------------------
    def create_keys(self) -> None:
        from humanops.sharing.keys import has_identity

        if self.worker is not None or has_identity(self.workspace):
            return
        org = self.org_edit.text().strip()
        name = self.name_edit.text().strip()
        if not org or not name:
            self._say(self.tr("Give the organisation's id and name."), ERROR_STYLE)
            return
        communities = [c.strip() for c in self.communities_edit.text().replace(";", ",").split(",") if c.strip()]
        passphrase, problem = ask_new_passphrase(self, self.tr("Create keys"))
        if passphrase is None:
            self._say(problem or self.tr("No keys were made."), ERROR_STYLE if problem else "")
            return
        acronym = self.acronym_edit.text().strip()
        path = self.workspace_path
        self._say(self.tr("Making keys…"))
        cancelled = self.tr("cancelled")
        self.worker = run_with_progress(
            self, self.tr("Making keys"),
            lambda fb: tasks.make_keys(path, org, name, acronym, communities, passphrase, fb),
            on_success=self._keys_made, on_error=self._failed, on_cancel=lambda: self._failed(cancelled),
            feedback_factory=self.feedback_factory)

    def _keys_made(self, public: Any) -> None:
        self.worker = None
        self.rebuild()
        self._say(self.tr("Keys made. Now write your contact card for your partners."), OK_STYLE)
        self.identityChanged.emit()

    def _failed(self, message: str) -> None:
        self.worker = None
        self._say(self.tr("Nothing was changed: {reason}").format(reason=message), ERROR_STYLE)

    def write_card(self) -> None:
        if self.worker is not None:
            return
        org = self.workspace.organisation or "our"
        suggested = str(folder_beside(self.workspace_path) / f"{org}.card.json")
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Write contact card"), suggested,
                                             self.tr("Contact card (*.card.json *.json)"))
        if not out:
            return
        passphrase = ask_passphrase(self, self.tr("Write contact card"),
                                    self.tr("The card is signed with your organisation's key."))
        if passphrase is None:
            return
        path, target = self.workspace_path, Path(out)
        self._say(self.tr("Signing the card…"))
        cancelled = self.tr("cancelled")
        self.worker = run_with_progress(
            self, self.tr("Writing the contact card"), lambda fb: tasks.write_card(path, target, passphrase, fb),
            on_success=self._card_written, on_error=lambda m: self._failed_card(m),
            on_cancel=lambda: self._failed_card(cancelled), feedback_factory=self.feedback_factory)

    def _card_written(self, card: Any) -> None:
        from humanops.sharing.keys import format_fingerprint

        self.worker = None
        self._say(self.tr("Contact card written. Give it to your partners (USB stick, e-mail), then read them the "
                          "fingerprint {fingerprint} by phone or in person.").format(
            fingerprint=format_fingerprint(card.fingerprint)), OK_STYLE)

    def _failed_card(self, message: str) -> None:
        self.worker = None
        self._say(self.tr("No card was written: {reason}").format(reason=message), ERROR_STYLE)
