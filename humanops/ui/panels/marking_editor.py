"""The marking editor: TLP 2.0 level as the standard's coloured badges, who the feature is
releasable to (picked from the partner directory), caveats, expiry and location precision.

What the user picks is only ever turned into a :class:`~humanops.model.marking.Marking`, so
an id or precision the model refuses is shown as a message, never stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import ValidationError
from humanops.model.marking import CAVEATS, TLP, Marking, Precision, split_list
from humanops.ui.date_time_edits import MomentEdit
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import DATETIME_EDIT_FORMAT
from humanops.ui.panels.apply_revert import FeatureEditPanel
from humanops.ui.symbols import TLP_COLOURS

if TYPE_CHECKING:
    from humanops.catalog import LayerKind
    from humanops.model.feature import Feature
    from humanops.store.workspace import Workspace

log = logging.getLogger(__name__)
_ERROR_STYLE = "color: #b00020;"
_WARNING_STYLE = "color: #8a5a00;"
# What each level means and what each caveat says, shown translated (context "MarkingEditor");
# the level names themselves (TLP:RED...) are the standard's and never translated.
TLP_MEANING = {
    "CLEAR": QT_TRANSLATE_NOOP("MarkingEditor", "Anyone: no limit on disclosure."),
    "GREEN": QT_TRANSLATE_NOOP("MarkingEditor", "Members of the communities the originator shares with; not public."),
    "AMBER": QT_TRANSLATE_NOOP("MarkingEditor", "Only the organisations named below, and only to those who need to "
                                                "know."),
    "AMBER+STRICT": QT_TRANSLATE_NOOP("MarkingEditor", "Only the organisations named below; they do not pass it on."),
    "RED": QT_TRANSLATE_NOOP("MarkingEditor", "Only the named recipients, for their eyes: never passed on."),
}
CAVEAT_TITLES = {
    "no_onward_sharing": (QT_TRANSLATE_NOOP("MarkingEditor", "No onward sharing"),
                          QT_TRANSLATE_NOOP("MarkingEditor", "Recipients never pass it on, whatever its TLP level")),
    "no_public_release": (QT_TRANSLATE_NOOP("MarkingEditor", "No public release"),
                          QT_TRANSLATE_NOOP("MarkingEditor", "Never published, even in public briefings")),
    "protection_sensitive": (QT_TRANSLATE_NOOP("MarkingEditor", "Protection-sensitive"),
                             QT_TRANSLATE_NOOP("MarkingEditor", "Data about people at risk: handle as protection "
                                                                "data")),
}


def tlp_meaning(level: str) -> str:
    return QCoreApplication.translate("MarkingEditor", TLP_MEANING[level]) if level in TLP_MEANING else ""


def partner_parties(workspace: Workspace | None) -> list[tuple[str, str]]:
    """(id, label) of every organisation and community in the workspace's partner directory
    (none: [])."""
    if workspace is None:
        return []
    # Imported here, not at the top: the sharing package is not needed for the first frame. It
    # is part of HumanOps (no longer an area that may be absent), so a failing import is a bug
    # that must reach the error dialog, not an empty list of partners.
    from humanops.sharing.directory_store import load_directory

    try:
        directory = load_directory(workspace)
    except Exception:  # a directory we cannot read must not block marking a feature
        log.exception("cannot read the partner directory")
        return []
    parties = []
    for org in sorted(directory.organisations.values(), key=lambda o: o.id):
        label = f"{org.acronym or org.name} — {org.name}" if org.acronym and org.acronym != org.name else org.name
        parties.append((org.id, f"{label} ({org.id})"))
    for community in sorted(directory.communities.values(), key=lambda c: c.id):
        parties.append((community.id, QCoreApplication.translate("MarkingEditor", "{name} ({id}, community)").format(
            name=community.name, id=community.id)))
    return parties


def _in_order_of(chosen: list[str], original: tuple[str, ...]) -> tuple[str, ...]:
    """``chosen`` with the values the stored marking holds first, in its order: the editor lists
    parties and caveats in its own order, and a marking shown unchanged must read unchanged
    (else every feature a partner marked looked edited, and the panel held on to it)."""
    kept = [value for value in original if value in chosen]
    return tuple(kept + [value for value in chosen if value not in kept])


def _tlp_button_style(tlp: str) -> str:
    colour = TLP_COLOURS[tlp]
    return (
        f"QPushButton {{ background: #000000; color: {colour}; font-weight: bold; "
        f"border: 2px solid #000000; border-radius: 3px; padding: 3px 3px; }}"
        f"QPushButton:checked {{ border: 3px solid {colour}; }}"
        f"QPushButton:focus {{ outline: none; }}"
    )


class MarkingEditor(QWidget):
    """Edits one Marking. ``marking()`` raises ValidationError if the choices are not a
    valid marking; ``message`` shows why as the user types."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original: Marking | None = None
        self._parties: list[tuple[str, str]] = []
        # "Now" for the expiry warning: the workspace's clock (its scenario time, if it has one),
        # set by the window; the wall clock until then.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

        # TLP badges
        self.tlp_group = QButtonGroup(self)
        self.tlp_group.setExclusive(True)
        self.tlp_buttons: dict[str, QPushButton] = {}
        tlp_row = QHBoxLayout()
        tlp_row.setSpacing(3)
        for level in TLP:
            button = QPushButton(level.value, self)
            button.setObjectName(f"tlp_{level.value}")
            button.setCheckable(True)
            button.setStyleSheet(_tlp_button_style(level.value))
            button.setToolTip(f"TLP:{level.value} — {tlp_meaning(level.value)}")
            self.tlp_group.addButton(button)
            self.tlp_buttons[level.value] = button
            tlp_row.addWidget(button)
        tlp_row.addStretch(1)
        self.tlp_group.buttonToggled.connect(self._tlp_toggled)
        self.tlp_meaning = QLabel(self)
        self.tlp_meaning.setWordWrap(True)

        # releasable to
        self.parties = QListWidget(self)
        self.parties.setToolTip(self.tr("Organisations and communities this feature may be given to"))
        self.parties.setMaximumHeight(110)
        self.parties.itemChanged.connect(lambda _item: self._on_edit())
        self.other_parties = QLineEdit(self)
        self.other_parties.setPlaceholderText(self.tr("organisation or community ids, comma-separated"))
        self.other_parties.textChanged.connect(self._on_edit)
        self.parties_hint = QLabel(self)
        self.parties_hint.setWordWrap(True)

        # caveats
        self.caveat_boxes: dict[str, QCheckBox] = {}
        caveats = QVBoxLayout()
        caveats.setSpacing(1)
        for caveat in CAVEATS:
            title, tip = CAVEAT_TITLES.get(caveat, (caveat.replace("_", " ").capitalize(), ""))
            box = QCheckBox(self.tr(title), self)
            box.setToolTip(self.tr(tip) if tip else "")
            box.setObjectName(f"caveat_{caveat}")
            box.toggled.connect(self._on_edit)
            self.caveat_boxes[caveat] = box
            caveats.addWidget(box)

        # expiry
        self.never_expires = QCheckBox(self.tr("never"), self)
        self.never_expires.setChecked(True)
        # stores exactly what it shows (no hidden seconds), as every date in the app
        self.expires = MomentEdit(self, display_format=DATETIME_EDIT_FORMAT)
        self.expires.set_moment((datetime.now(UTC) + timedelta(days=30)).replace(second=0, microsecond=0))
        self.expires.setEnabled(False)
        self.never_expires.toggled.connect(lambda never: self.expires.setEnabled(not never))
        self.never_expires.toggled.connect(self._on_edit)
        self.expires.dateTimeChanged.connect(self._on_edit)
        expiry = QHBoxLayout()
        expiry.addWidget(self.never_expires)
        expiry.addWidget(self.expires, 1)

        # precision
        self.precision_mode = QComboBox(self)
        self.precision_mode.addItem(self.tr("exact"), "exact")
        self.precision_mode.addItem(self.tr("grid"), "grid")
        self.precision_mode.addItem(self.tr("admin area"), "admin")
        self.precision_mode.setToolTip(self.tr("Exact location, or generalised to a grid cell or an administrative "
                                               "area for those not entitled to the exact location"))
        self.grid_m = QSpinBox(self)
        self.grid_m.setRange(10, 1_000_000)
        self.grid_m.setSingleStep(500)
        self.grid_m.setValue(1000)
        self.grid_m.setSuffix(" " + self.tr("m", "metres"))
        self.grid_m.setGroupSeparatorShown(True)
        self.admin_field = QComboBox(self)
        self.admin_field.setEditable(True)
        self.precision_k = QSpinBox(self)
        self.precision_k.setRange(0, 100_000)
        self.precision_k.setSpecialValueText(self.tr("no suppression"))
        self.precision_k.setPrefix(self.tr("withhold below") + " ")
        self.precision_k.setSuffix(" " + self.tr("people"))
        self.precision_k.setToolTip(self.tr("Cells or areas with fewer people than this are withheld (k-anonymity)"))
        self.precision_detail = QStackedWidget(self)
        self.precision_detail.addWidget(QWidget(self))
        self.precision_detail.addWidget(self.grid_m)
        self.precision_detail.addWidget(self.admin_field)
        self.precision_mode.currentIndexChanged.connect(self._precision_mode_changed)
        for signal in (self.grid_m.valueChanged, self.precision_k.valueChanged,
                       self.admin_field.currentTextChanged):
            signal.connect(self._on_edit)
        precision = QHBoxLayout()
        precision.addWidget(self.precision_mode)
        precision.addWidget(self.precision_detail, 1)

        self.message = QLabel(self)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        tlp_box = QWidget(self)
        tlp_box.setLayout(tlp_row)
        tlp_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(QLabel(self.tr("TLP 2.0 level"), self))
        form.addRow(tlp_box)  # the five badges get the full width
        form.addRow(self.tlp_meaning)
        releasable = QVBoxLayout()
        releasable.setSpacing(2)
        releasable.addWidget(self.parties)
        releasable.addWidget(self.other_parties)
        releasable.addWidget(self.parties_hint)
        form.addRow(self.tr("Releasable to"), releasable)
        caveat_group = QGroupBox(self)
        caveat_group.setFlat(True)
        caveat_group.setLayout(caveats)
        form.addRow(self.tr("Caveats"), caveat_group)
        form.addRow(self.tr("Expires"), expiry)
        form.addRow(self.tr("Precision"), precision)
        form.addRow("", self.precision_k)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.set_parties([])
        self.set_marking(Marking())

    # --- configuration ------------------------------------------------------------------------
    def set_parties(self, parties: list[tuple[str, str]]) -> None:
        """The directory's organisations and communities (id, label) to pick from."""
        self._parties = list(parties)
        current = self._chosen_parties() if self._original is not None else ()
        self.parties.blockSignals(True)
        self.parties.clear()
        for party_id, label in parties:
            item = QListWidgetItem(label, self.parties)
            item.setData(Qt.ItemDataRole.UserRole, party_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.parties.blockSignals(False)
        self.parties.setVisible(bool(parties))
        if parties:
            self.other_parties.setPlaceholderText(self.tr("other ids not in the directory, comma-separated"))
            self.parties_hint.setText("")
        else:
            self.other_parties.setPlaceholderText(self.tr("organisation or community ids, comma-separated"))
            self.parties_hint.setText(self.tr("No partner directory yet: type the ids."))
        self.parties_hint.setVisible(not parties)
        self._set_chosen_parties(current)

    def set_kind(self, kind: LayerKind | None) -> None:
        """Offer the kind's text fields (e.g. admin_code) for generalising to admin areas."""
        self.admin_field.blockSignals(True)
        self.admin_field.clear()
        if kind is not None:
            for spec in kind.fields:
                if spec.type in ("text", "enum") and spec.name not in ("name", "notes"):
                    self.admin_field.addItem(spec.name)
        self.admin_field.blockSignals(False)

    # --- value --------------------------------------------------------------------------------
    def set_marking(self, marking: Marking) -> None:
        widgets = [self.tlp_group, self.parties, self.other_parties, self.never_expires, self.expires,
                   self.precision_mode, self.grid_m, self.admin_field, self.precision_k,
                   *self.caveat_boxes.values()]
        for w in widgets:
            w.blockSignals(True)
        try:
            self.tlp_buttons[marking.tlp.value].setChecked(True)
            self.tlp_meaning.setText(tlp_meaning(marking.tlp.value))
            self._set_chosen_parties(marking.releasable_to)
            for caveat, box in self.caveat_boxes.items():
                box.setChecked(caveat in marking.caveats)
            self.never_expires.setChecked(marking.expires is None)
            self.expires.setEnabled(marking.expires is not None)
            if marking.expires is not None:
                self.expires.set_moment(marking.expires)
            p = marking.precision
            self.precision_mode.setCurrentIndex(self.precision_mode.findData(p.mode))
            self.precision_detail.setCurrentIndex({"exact": 0, "grid": 1, "admin": 2}[p.mode])
            if p.grid_m:
                self.grid_m.setValue(p.grid_m)
            if p.admin_field:
                if self.admin_field.findText(p.admin_field) < 0:
                    self.admin_field.addItem(p.admin_field)
                self.admin_field.setCurrentText(p.admin_field)
            self.precision_k.setValue(p.k)
            self.precision_k.setEnabled(p.mode != "exact")
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._original = marking
        self._validate()

    def _set_chosen_parties(self, chosen: tuple[str, ...] | list[str]) -> None:
        known = set()
        for i in range(self.parties.count()):
            item = self.parties.item(i)
            party = item.data(Qt.ItemDataRole.UserRole)
            known.add(party)
            item.setCheckState(Qt.CheckState.Checked if party in chosen else Qt.CheckState.Unchecked)
        self.other_parties.setText(", ".join(p for p in chosen if p not in known))

    def _chosen_parties(self) -> tuple[str, ...]:
        chosen = [self.parties.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.parties.count())
                  if self.parties.item(i).checkState() == Qt.CheckState.Checked]
        chosen += [p for p in split_list(self.other_parties.text()) if p not in chosen]
        return _in_order_of(chosen, self._original.releasable_to if self._original is not None else ())

    def tlp(self) -> str:
        button = self.tlp_group.checkedButton()
        return button.text() if button is not None else "AMBER"

    def marking(self) -> Marking:
        """The marking as chosen; ValidationError (naming the part) if it is not valid."""
        expires = None
        if not self.never_expires.isChecked():
            expires = self.expires.moment()
        mode = self.precision_mode.currentData()
        k = self.precision_k.value()
        suffix = f":k{k}" if k else ""
        if mode == "grid":
            precision = Precision.parse(f"grid:{self.grid_m.value()}{suffix}")
        elif mode == "admin":
            precision = Precision.parse(f"admin:{self.admin_field.currentText().strip()}{suffix}")
        else:
            precision = Precision()
        caveats = [c for c, box in self.caveat_boxes.items() if box.isChecked()]
        return Marking(tlp=TLP.parse(self.tlp()), releasable_to=self._chosen_parties(),
                       caveats=_in_order_of(caveats, self._original.caveats if self._original is not None else ()),
                       expires=expires, precision=precision)

    def error(self) -> str | None:
        try:
            self.marking()
        except ValidationError as exc:
            return exc.message
        return None

    def warning(self) -> str | None:
        """Allowed but worth saying: an expiry in the past stops the feature being shared."""
        try:
            marking = self.marking()
        except ValidationError:
            return None
        if marking.expires is not None and marking.expires <= self.clock() - timedelta(minutes=1):
            return self.tr("The expiry is in the past: the feature will no longer be shared with anyone.")
        return None

    def is_dirty(self) -> bool:
        try:
            return self._original is not None and self.marking() != self._original
        except ValidationError:
            return True

    # --- reactions ------------------------------------------------------------------------------
    def _tlp_toggled(self, button: QPushButton, checked: bool) -> None:
        if checked:
            self.tlp_meaning.setText(tlp_meaning(button.text()))
            self._on_edit()

    def _precision_mode_changed(self, index: int) -> None:
        mode = self.precision_mode.itemData(index)
        self.precision_detail.setCurrentIndex({"exact": 0, "grid": 1, "admin": 2}[mode])
        self.precision_k.setEnabled(mode != "exact")
        self._on_edit()

    def _on_edit(self, *_args: object) -> None:
        self._validate()
        self.edited.emit()

    def _validate(self) -> None:
        error = self.error()
        message = error or self.warning()
        self.message.setStyleSheet(_ERROR_STYLE if error else _WARNING_STYLE)
        self.message.setText(message or "")
        self.message.setVisible(bool(message))


class MarkingPanel(FeatureEditPanel):
    """The dock: the selected feature's marking with Apply and Revert.

    ``rule_check(layer, uuid, marking)`` (set by the main window) says why the sharing rules
    would refuse the chosen marking — the protocol's floors, stricter-only on a partner's
    feature — or None; the reason is shown in red in the panel as the user edits, and Apply
    stays off. A refusal when applying is shown the same way (:meth:`show_refusal`).
    ``authority(feature)`` gives a note on whose marking it is (a partner's: only stricter)."""

    applyRequested = Signal(str, str, object)  # layer, uuid, Marking

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule_check: Callable[[str, str, Marking], str | None] | None = None
        self.authority: Callable[[Feature], str] | None = None
        self._make_heading(self.tr("Select one feature to see and change its marking."), "marking_note")
        self.editor = MarkingEditor(self)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("marking_refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(_ERROR_STYLE + " font-weight: bold;")
        self.refusal.hide()
        self._refused: Marking | None = None  # the marking the refusal shown is about
        self._make_buttons()
        self.apply_button.setToolTip(self.tr("Store the new marking as a new version (undoable)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.editor.edited.connect(self._update_buttons)
        self._set_enabled(False)

    def set_feature(self, feature: Feature | None, kind: LayerKind | None = None) -> None:
        self._feature = feature
        self._refused = None
        note = ""
        if feature is None or kind is None:
            self.layer = self.uuid = None
            self.title.setText(self.tr("Select one feature to see and change its marking."))
            self.editor.set_marking(Marking())
            self._set_enabled(False)
        else:
            self.layer, self.uuid = feature.kind, feature.uuid
            self.editor.set_kind(kind)
            self.editor.set_marking(feature.marking)
            name = feature.properties.get("name") or self.tr("(unnamed)")
            # The kind too: a road and the zone it crosses may share a name, never a kind.
            self.title.setText(self.tr("Marking of <b>{name}</b> — {kind}").format(
                name=name, kind=kind.singular_in(current_language())))
            self._set_enabled(True)
            if self.authority is not None:
                note = self.authority(feature)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if note:
            self.apply_button.setToolTip(self.tr("Keep the stricter marking for what you pass on (its originator's "
                                                 "version is kept; undoable)"))
        else:
            self.apply_button.setToolTip(self.tr("Store the new marking as a new version (undoable)"))
        self._update_buttons()

    def _set_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)

    def feature(self) -> Feature | None:
        """The feature as the panel showed it (its version is what an Apply is made on)."""
        return self._feature

    # Apply sends the marking; one that is not valid, or that the sharing rules refuse, blocks it.
    def _editor_dirty(self) -> bool:
        return self.editor.is_dirty()

    def _blocked(self) -> bool:
        return bool(self.editor.error() or self.rule_refusal())

    def _edit(self) -> Marking:
        return self.editor.marking()

    def _show_stored(self, feature: Feature) -> None:
        self.editor.set_marking(feature.marking)

    def revert(self) -> None:
        self._refused = None  # a refusal from Apply was about the marking reverted
        super().revert()

    def rule_refusal(self) -> str | None:
        """Why the sharing rules refuse the chosen marking (None if they allow it or it is unchanged)."""
        if self.layer is None or self.uuid is None or self.rule_check is None or not self.editor.is_dirty():
            return None
        try:
            marking = self.editor.marking()
        except ValidationError:
            return None
        return self.rule_check(self.layer, self.uuid, marking)

    def show_refusal(self, reason: str) -> None:
        """Applying was refused: say why, in the panel, until the marking is edited."""
        try:
            self._refused = self.editor.marking()
        except ValidationError:
            self._refused = None
        self._show_refusal(reason)

    def _show_refusal(self, reason: str | None) -> None:
        self.refusal.setText(self.tr("Not allowed: {reason}").format(reason=reason) if reason else "")
        self.refusal.setVisible(bool(reason))

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        reason = self.rule_refusal() if dirty and self.editor.error() is None else None
        if self._refused is not None:
            try:
                still = self.editor.marking() == self._refused
            except ValidationError:
                still = False
            if not still:
                self._refused = None
        if reason is not None or self._refused is None:  # a refusal from Apply stays for its marking
            self._show_refusal(reason)
        self.buttons.show_state(dirty, can_apply=self.editor.error() is None and reason is None)
