"""Partners and keys: who is in the directory, with which keys (fingerprints grouped for
reading aloud, valid or revoked and since when); add a partner from its contact card once the
user confirms they checked its fingerprint out of band; revoke a partner's keys."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.store.target_reads import workspace_target
from humanops.ui.locale_text import format_stamp
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.wording import fingerprint_lines
from humanops.ui.team_paths import folder_beside

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

_REVOKED = QColor("#b00020")
_VALID = QColor("#1b5e20")
COLUMNS = (QT_TRANSLATE_NOOP("PartnersDialog", "Organisation"), QT_TRANSLATE_NOOP("PartnersDialog", "Name"),
           QT_TRANSLATE_NOOP("PartnersDialog", "Communities"), QT_TRANSLATE_NOOP("PartnersDialog", "Fingerprint"),
           QT_TRANSLATE_NOOP("PartnersDialog", "Key"))


class PartnersDialog(QDialog):
    """``directoryChanged`` after a partner was added or revoked."""

    directoryChanged = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partners_dialog")
        self.setWindowTitle(self.tr("Partners and keys"))
        self.workspace = workspace
        self.partners: dict[str, dict[str, Any]] = {}
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._mono = mono
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # names give way first
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel(self.tr("Add a partner from the contact card it gave you; check its fingerprint with "
                                     "it by phone or in person before you rely on it."), self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton(self.tr("Add from contact card…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.revoke_button = self.buttons.addButton(self.tr("Revoke…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.revoke_button.setToolTip(self.tr("The partner's key is lost or compromised: refuse what it signs from "
                                              "now on"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.add_button.clicked.connect(self.add_from_card)
        self.revoke_button.clicked.connect(self.revoke_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1220, 460)
        self.reload()

    # --- the list ------------------------------------------------------------------------------------
    def reload(self) -> None:
        from humanops.sharing.directory_store import list_partners

        selected = self.selected_org()
        self.tree.clear()
        self.partners = {}
        for partner in list_partners(self.workspace):
            self.partners[partner["org_id"]] = partner
            org = partner["org_id"] + (" " + self.tr("(us)") if partner["self"] else "")
            name = partner["name"] + (f"\n{partner['acronym']}" if partner["acronym"] else "")
            keys = partner["keys"]
            current = next((k for k in keys if not k["revoked_at"]), None)
            shown = current or (keys[0] if keys else None)
            fp = fingerprint_lines(shown["fingerprint"], 8) if shown else "—"
            item = QTreeWidgetItem([org, name, "\n".join(partner["communities"]), fp, self._key_state(shown)])
            item.setData(0, Qt.ItemDataRole.UserRole, partner["org_id"])
            item.setFont(3, self._mono)
            item.setForeground(4, QBrush(_VALID if current else _REVOKED))
            item.setToolTip(3, self.tr("Read aloud in groups of four to check it with the partner"))
            for key in keys:
                if key is shown:
                    continue
                child = QTreeWidgetItem(["", self.tr("earlier key"), "", fingerprint_lines(key["fingerprint"], 8),
                                         self._key_state(key)])
                child.setFont(3, self._mono)
                child.setForeground(4, QBrush(_REVOKED if key["revoked_at"] else _VALID))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            if partner["org_id"] == selected:
                self.tree.setCurrentItem(item)
        if not self.partners:
            self.tree.addTopLevelItem(QTreeWidgetItem(["", self.tr("No partners yet: add one from its contact "
                                                                   "card.")]))
        self._update_buttons()

    def _key_state(self, key: dict[str, Any] | None) -> str:
        if key is None:
            return self.tr("no key")
        if key["revoked_at"]:
            return self.tr("revoked {when}\n(valid from {since})").format(when=format_stamp(key["revoked_at"]),
                                                                          since=format_stamp(key["valid_from"]))
        return self.tr("valid since {since}").format(since=format_stamp(key["valid_from"]))

    def selected_org(self) -> str | None:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, org_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == org_id:
                self.tree.setCurrentItem(item)
                return

    def _update_buttons(self) -> None:
        org = self.selected_org()
        partner = self.partners.get(org) if org else None
        self.revoke_button.setEnabled(bool(partner) and not partner["self"] and partner["status"] == "active")

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    # --- adding --------------------------------------------------------------------------------------
    def add_from_card(self) -> None:
        from humanops.sharing.cards import read_card
        from humanops.sharing.directory_store import add_partner
        from humanops.sharing.keys import format_fingerprint

        start = str(folder_beside(workspace_target(self.workspace)))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add partner from contact card"), start,
                                              self.tr("Contact card (*.card.json *.json);;All files (*)"))
        if not path:
            return
        try:
            card = read_card(path)  # read once: what is confirmed is what is added
        except HumanOpsError as exc:
            self._say(self.tr("Not added: {reason}").format(reason=exc.message), ERROR_STYLE)
            return
        known = self.partners.get(card.org_id)
        if known is not None and known["self"]:
            self._say(self.tr("Not added: the card is for our own organisation {org}.").format(org=repr(card.org_id)),
                      ERROR_STYLE)
            return
        fingerprint = format_fingerprint(card.fingerprint)
        replace = (known is not None and known["fingerprint"] is not None
                   and known["fingerprint"] != fingerprint) or (known is not None and known["status"] == "revoked")
        if not self._confirm_card(card, fingerprint, known, replace):
            self._say(self.tr("{org} was not added: nothing changed.").format(org=card.org_id))
            return
        try:
            added = add_partner(self.workspace, card, replace_key=replace)
        except HumanOpsError as exc:
            self._say(self.tr("Not added: {reason}").format(reason=exc.message), ERROR_STYLE)
            return
        done = {"added": self.tr("Added {name} ({org}), fingerprint {fingerprint}."),
                "updated": self.tr("Updated {name} ({org}), fingerprint {fingerprint}."),
                "key_replaced": self.tr("Replaced the key of {name} ({org}), fingerprint {fingerprint}."),
                "unchanged": self.tr("Already known: {name} ({org}), fingerprint {fingerprint}.")}
        sentence = done.get(added.status, f"{added.status} {{name}} ({{org}}), {{fingerprint}}.")
        self.reload()
        self.select(card.org_id)
        self._say(sentence.format(name=card.name, org=card.org_id, fingerprint=fingerprint), OK_STYLE)
        self.directoryChanged.emit()

    def _confirm_card(self, card: Any, fingerprint: str, known: dict[str, Any] | None, replace: bool) -> bool:
        name = html.escape(card.name)
        groups = html.escape(fingerprint_lines(fingerprint, 4)).replace("\n", "<br>")
        if card.communities:
            text = self.tr("<p>Contact card of <b>{name}</b> ({org}), communities {communities}.</p>").format(
                name=name, org=html.escape(card.org_id), communities=html.escape(", ".join(card.communities)))
        else:
            text = self.tr("<p>Contact card of <b>{name}</b> ({org}).</p>").format(name=name,
                                                                                   org=html.escape(card.org_id))
        text += (self.tr("<p>Its fingerprint:</p>")
                 + f"<p style='font-family: monospace; font-size: large'><b>{groups}</b></p>"
                 + self.tr("<p>Call them on a number you already know (not one given with the card) and have them "
                           "read their fingerprint. Add the partner only if every group matches.</p>"))
        if replace and known is not None:
            old = html.escape(known["fingerprint"] or self.tr("revoked"))
            text += self.tr("<p><b>{org} is already known with another key</b> ({old}). Adding this card replaces "
                            "that key.</p>").format(org=html.escape(card.org_id), old=old)
        text += self.tr("<p>Have you checked this fingerprint with them, by phone or in person?</p>")
        answer = QMessageBox.question(self, self.tr("Check the fingerprint"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- revoking ------------------------------------------------------------------------------------
    def revoke_selected(self) -> None:
        from humanops.sharing.directory_store import revoke_partner

        org = self.selected_org()
        partner = self.partners.get(org) if org else None
        if partner is None or partner["self"] or partner["status"] != "active":
            return
        text = self.tr("Revoke the keys of {name} ({org}) from now?\n\nPackages it signs from now on will be refused, "
                       "and nothing above TLP:CLEAR can be sent to it, until you add a new contact card from it.\n\n"
                       "Do this when its key was lost or compromised.").format(name=partner["name"], org=org)
        answer = QMessageBox.question(self, self.tr("Revoke partner keys"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            n = revoke_partner(self.workspace, org)
        except HumanOpsError as exc:
            self._say(self.tr("Not revoked: {reason}").format(reason=exc.message), ERROR_STYLE)
            return
        self.reload()
        self.select(org)
        self._say(PartnersDialog.tr("Revoked %Ln key(s) of {org}.", "", n).format(org=org), OK_STYLE)

        self.directoryChanged.emit()
