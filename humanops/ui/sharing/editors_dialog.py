"""Editors: the organisations an originator names to edit its features with it.

An originator names editors for one feature (the Feature panel's Editors… button) or as a
layer's default for all its features there (Sharing ▸ Editors of a layer…). Editors change
fields and geometry; only the originator sets the marking, names editors or deletes. Naming
them makes a new version of each feature concerned (the list is part of what the originator
signs), through ``humanops.sharing.editors.set_editors``, as an undoable command.

A partner's feature is shown with the editors its originator signed, and cannot be changed
here: only its originator names them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui.editing import organisation_label
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.undo_commands import ErrorHandler, WorkspaceCommand, push_edit

if TYPE_CHECKING:
    from humanops.model.feature import Feature
    from humanops.store.workspace import Workspace

ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #404040;"


def explanation(originator_label: str | None = None) -> str:
    """What editors may do: said to the originator ("you"), or about a partner's feature."""
    if originator_label is None:
        return QCoreApplication.translate("EditorsDialog", "Editors may change fields and geometry with you; only you "
                                                           "set the marking, name editors or delete.")
    return QCoreApplication.translate("EditorsDialog", "Editors may change fields and geometry with {org}; only {org} "
                                                       "sets the marking, names editors or deletes.").format(
        org=originator_label)


def _labels(workspace: Workspace, orgs: Iterable[str]) -> str:
    me = workspace.organisation
    you = " " + QCoreApplication.translate("EditorsDialog", "(you)")
    return ", ".join(organisation_label(workspace, o) + (you if o == me else "") for o in orgs)


def layer_default(workspace: Workspace, layer: str) -> tuple[tuple[str, ...], int]:
    """The layer's default editors and how many of our features follow it (the engine's)."""
    from humanops.sharing.editors import layer_editors

    return layer_editors(workspace, layer)


def editors_line(workspace: Workspace | None, feature: Feature) -> str:
    """One line for the Feature panel: who may edit the feature with its originator."""
    from humanops.sharing.proposals import held_state

    if workspace is None:
        return ""
    try:
        held = held_state(workspace, feature.kind, feature.uuid)
    except HumanOpsError:
        return ""
    names = _labels(workspace, held.editors)
    if not held.originator or held.originator == workspace.organisation:
        if names:
            return QCoreApplication.translate("EditorsDialog", "Editors: {names}").format(names=names)
        return QCoreApplication.translate("EditorsDialog", "Editors: none (only you change it)")
    owner = organisation_label(workspace, held.originator)
    return QCoreApplication.translate("EditorsDialog", "Editors named by {owner}: {names}").format(
        owner=owner, names=names or QCoreApplication.translate("EditorsDialog", "none"))


class SetEditors(WorkspaceCommand):
    """Name the editors of one feature of ours (``uuid``), or the layer's default (no uuid).
    Undo names the previous ones again: a new version too (the feature keeps a list of its own
    from then on, equal to what it had)."""

    def __init__(self, workspace: Workspace, layer: str, editors: Iterable[str], *, uuid: str | None = None,
                 on_error: ErrorHandler | None = None) -> None:
        from humanops.sharing.editors import editors_of

        self.layer = layer
        self.uuid = uuid
        self.new = tuple(editors)
        if uuid is not None:
            self.old = editors_of(workspace, layer, uuid)
            self.name = workspace.get_feature(layer, uuid).properties.get("name") or uuid[:8]
            text = QCoreApplication.translate("SetEditors", "Name editors of {name}").format(name=self.name)
        else:
            self.old = layer_default(workspace, layer)[0]
            self.name = workspace.kind(layer).title_in(current_language())
            text = QCoreApplication.translate("SetEditors", "Name default editors of {layer}").format(
                layer=self.name.lower())
        super().__init__(workspace, text, on_error)
        self.changed: list[str] = []

    def _set(self, editors: tuple[str, ...]) -> None:
        from humanops.sharing.editors import set_editors

        self.changed = set_editors(self.workspace, self.layer, editors,
                                   uuids=None if self.uuid is None else [self.uuid])

    def do(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def sentence(self) -> str:
        """What was done, for the status line."""
        names = _labels(self.workspace, self.new)
        if self.uuid is not None:
            version = self.workspace.get_feature(self.layer, self.uuid).version
            if names:
                return QCoreApplication.translate(
                    "SetEditors", "Named {names} to edit “{name}” with you (version {version}; your next package "
                                  "carries it). Edit ▸ Undo takes it back.").format(names=names, name=self.name,
                                                                                   version=version)
            return QCoreApplication.translate("SetEditors", "“{name}” has no editors now: only you change it (version "
                                                            "{version}).").format(name=self.name, version=version)
        count = EditorsDialog.tr("%Ln feature(s) of ours given a new version", "", len(self.changed))
        if names:
            return QCoreApplication.translate("SetEditors", "{layer}: {names} named default editors; {count}. "
                                                            "Edit ▸ Undo takes it back.").format(
                layer=self.name, names=names, count=count)
        return QCoreApplication.translate("SetEditors", "{layer}: no default editors now; {count}.").format(
            layer=self.name, count=count)


class EditorsDialog(QDialog):
    """Check the partners who may edit: one feature (``uuid``) or a layer's default (no uuid;
    the layer is chosen in the dialog). OK applies through the undo stack and emits
    ``applied(sentence)``; a refusal is shown in the dialog, which stays open."""

    applied = Signal(str)

    def __init__(self, workspace: Workspace, undo_stack: QUndoStack, *, layer: str | None = None,
                 uuid: str | None = None, on_error: ErrorHandler | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editors_dialog")
        self.workspace = workspace
        self.undo_stack = undo_stack
        self.on_error = on_error
        self.uuid = uuid
        self.layer = layer or (workspace.layers()[0] if workspace.layers() else "")
        self.current: tuple[str, ...] = ()
        self.checks: dict[str, QCheckBox] = {}
        self.allowed = True
        self.originator = workspace.organisation

        self.heading = QLabel(self)
        self.heading.setObjectName("editors_heading")
        self.heading.setWordWrap(True)
        self.layer_box: QComboBox | None = None
        form = QFormLayout()
        if uuid is None:
            self.setWindowTitle(self.tr("Editors of a layer"))
            self.layer_box = QComboBox(self)
            self.layer_box.setObjectName("editors_layer")
            for name in workspace.layers():
                self.layer_box.addItem(workspace.kind(name).title_in(current_language()), name)
            self.layer_box.setCurrentIndex(max(self.layer_box.findData(self.layer), 0))
            self.layer_box.currentIndexChanged.connect(self._layer_chosen)
            form.addRow(self.tr("Layer"), self.layer_box)
        else:
            self.setWindowTitle(self.tr("Editors"))
        self.explanation = QLabel(self)
        self.explanation.setObjectName("editors_explanation")
        self.explanation.setWordWrap(True)
        self.partners_box = QGroupBox(self.tr("Partners who may edit"), self)
        self.scroll = QScrollArea(self.partners_box)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_widget = QWidget(self.scroll)
        self.partners_layout = QVBoxLayout(self.list_widget)
        self.partners_layout.setContentsMargins(2, 2, 2, 2)
        self.scroll.setWidget(self.list_widget)
        box_layout = QVBoxLayout(self.partners_box)
        box_layout.addWidget(self.scroll)
        self.note = QLabel(self)
        self.note.setObjectName("editors_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.reason = QLabel(self)
        self.reason.setObjectName("editors_reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(ERROR_STYLE)
        self.reason.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save editors"))
        self.ok_button.setObjectName("editors_ok")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if form.rowCount():
            layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(self.partners_box)
        layout.addStretch(1)
        layout.addWidget(self.note)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reload()
        self.resize(480, self.sizeHint().height())

    # --- what is shown -------------------------------------------------------------------------------
    def _layer_chosen(self) -> None:
        assert self.layer_box is not None
        self.layer = self.layer_box.currentData()
        self.reload()

    def _partners(self) -> list[tuple[str, str, bool]]:
        """(org id, label, revoked) of every partner in the directory, ourselves and the
        feature's originator excluded."""
        from humanops.sharing.directory_store import list_partners

        me = self.workspace.organisation
        out = []
        for p in list_partners(self.workspace):
            if p["self"] or p["org_id"] in (me, self.originator):
                continue
            name = p["acronym"] or p["name"] or p["org_id"]
            label = f"{name} — {p['name']} ({p['org_id']})" if p["acronym"] and p["name"] else f"{name} ({p['org_id']})"
            out.append((p["org_id"], label, p["status"] == "revoked"))
        return out

    def reload(self) -> None:
        from humanops.sharing.proposals import held_state

        ws, me = self.workspace, self.workspace.organisation
        self.allowed, refusal = True, ""
        if self.uuid is not None:
            feature = ws.get_feature(self.layer, self.uuid)
            held = held_state(ws, self.layer, self.uuid)
            self.current = held.editors
            self.originator = held.originator or me
            name = feature.properties.get("name") or self.tr("(unnamed)")
            single = ws.kind(self.layer).singular_in(current_language())
            theirs = bool(held.originator) and held.originator != me
            owner = organisation_label(ws, held.originator) if theirs else None
            if owner:
                heading = self.tr("<b>{name}</b> — {kind}, version {version}, from {owner}")
            else:
                heading = self.tr("<b>{name}</b> — {kind}, version {version}")
            self.heading.setText(heading.format(name=name, kind=single, version=feature.version, owner=owner))
            self.explanation.setText(explanation(owner))
            if theirs:
                self.allowed, refusal = False, self.tr("Only {owner} names the editors of its feature.").format(
                    owner=owner)
            self.note.setText(self.tr("Saving gives the feature a new version, carried by your next package. "
                                      "Edit ▸ Undo takes it back."))
        else:
            self.current, count = layer_default(ws, self.layer)
            kind = ws.kind(self.layer)
            lang = current_language()
            self.heading.setText(self.tr("The default editors of every {kind} of ours that has no editors of its "
                                         "own.").format(kind=kind.singular_in(lang)))
            self.explanation.setText(explanation())
            # the kind's own words for one or several of its features ("civilian need", "civilian needs")
            shown = kind.singular_in(lang) if count == 1 else kind.title_in(lang).lower()
            self.note.setText(self.tr("Saving gives {count} {kind} of ours a new version, carried by your next "
                                      "package. Edit ▸ Undo takes it back.").format(count=format_count(count),
                                                                                    kind=shown))
        if not me and self.allowed:
            self.allowed, refusal = False, self.tr("This workspace belongs to no organisation yet: make its keys in "
                                                   "Sharing ▸ Own identity… first.")
        self._fill_partners()
        if self.allowed and not self.checks:
            self.allowed, refusal = False, self.tr("Your partner directory is empty: add partners in Sharing ▸ "
                                                   "Partners and keys… first.")
        self.partners_box.setEnabled(self.allowed)
        self.note.setVisible(self.allowed)
        self._say(refusal)
        self._update_ok()

    def _fill_partners(self) -> None:
        while self.partners_layout.count():
            item = self.partners_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.checks.clear()
        me = self.workspace.organisation
        rows = self._partners()
        known = {org for org, _, _ in rows}
        # named earlier but not (or no longer) in the directory: shown, so saving does not drop them unseen
        unknown = self.tr("{label} ({org}, not in your partner directory)")
        rows += [(org, unknown.format(label=organisation_label(self.workspace, org), org=org), False)
                 for org in self.current if org not in known and org != me]
        for org, label, revoked in rows:
            check = QCheckBox(label + (" — " + self.tr("key revoked") if revoked else ""), self.list_widget)
            check.setObjectName(f"editor_{org}")
            check.setChecked(org in self.current)
            check.toggled.connect(self._update_ok)
            self.partners_layout.addWidget(check)
            self.checks[org] = check
        if me in self.current:  # a partner's feature naming us: shown, never ours to change
            check = QCheckBox(f"{organisation_label(self.workspace, me)} " + self.tr("(you)"), self.list_widget)
            check.setObjectName(f"editor_{me}")
            check.setChecked(True)
            check.setEnabled(False)
            self.partners_layout.addWidget(check)
        self.partners_layout.addStretch(1)
        # as tall as the list, up to about ten partners; more scroll
        rows_height = self.list_widget.sizeHint().height() + 4
        self.scroll.setMinimumHeight(min(rows_height, 260))
        self.scroll.setMaximumHeight(rows_height if rows_height <= 260 else 16_777_215)

    def _say(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def chosen(self) -> tuple[str, ...]:
        return tuple(org for org, check in self.checks.items() if check.isChecked())

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.allowed and set(self.chosen()) != set(self.current) - {
            self.workspace.organisation})

    # --- applying ------------------------------------------------------------------------------------
    def apply(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            command = SetEditors(self.workspace, self.layer, self.chosen(), uuid=self.uuid, on_error=self.on_error)
            push_edit(self.undo_stack, command)
        except HumanOpsError as exc:
            self._say(self.tr("Nothing was changed: {reason}").format(reason=exc.reason))
            return
        self.applied.emit(command.sentence())
        self.accept()


def open_editors(window: Any, layer: str | None = None, uuid: str | None = None) -> EditorsDialog | None:
    """The editors dialog for a feature (``uuid``) or a layer's default, over the main window."""
    if window.workspace is None:
        return None
    for old in window.findChildren(EditorsDialog):  # one at a time: the new choice replaces an open one
        if old.isVisible():
            old.reject()
    dialog = EditorsDialog(window.workspace, window.undo_stack, layer=layer or window.current_layer(), uuid=uuid,
                           on_error=window.show_error, parent=window)
    dialog.applied.connect(lambda text: window.statusBar().showMessage(text, 15_000))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
