"""What the docks that edit one feature share (the feature form, the marking panel): the Apply /
Revert row (:class:`ApplyRevertBar`) and when each button may be pressed
(:class:`FeatureEditPanel`): Apply only with an edit that nothing blocks, Revert with any edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from humanops.model.feature import Feature


class ApplyRevertBar(QWidget):
    """Revert and Apply at the right end of a row; :meth:`add_leading` puts a panel's own
    buttons at its left end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self._row.addWidget(self.revert_button)
        self._row.addWidget(self.apply_button)

    def add_leading(self, button: QWidget) -> None:
        self._row.insertWidget(self._row.count() - 3, button)  # before the stretch

    def set_apply_label(self, text: str | None, tooltip: str) -> None:
        """The Apply button's words (None: "Apply") and tooltip, as the panel's edits will be stored."""
        self.apply_button.setText(text if text is not None else self.tr("Apply"))
        self.apply_button.setToolTip(tooltip)

    def show_state(self, dirty: bool, *, can_apply: bool) -> None:
        self.apply_button.setEnabled(dirty and can_apply)
        self.revert_button.setEnabled(dirty)


class FeatureEditPanel(QWidget):
    """A dock that edits one feature (``layer``, ``uuid``, the stored ``_feature``) and asks for
    the edit to be stored with ``applyRequested(layer, uuid, edit)``, which each panel declares
    with its own edit's type.

    A panel says what is its own: :meth:`_editor_dirty` (its editor changed), :meth:`_blocked`
    (something stops Apply: a field not valid, a marking the rules refuse), :meth:`_edit` (what
    Apply sends), :meth:`_show_stored` (the stored feature shown again). It makes its heading with
    :meth:`_make_heading` and the buttons with :meth:`_make_buttons` where they come in its Tab
    order, puts :attr:`buttons` in its layout and calls :meth:`_update_buttons` as its editor changes.
    """

    applyRequested: SignalInstance

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer: str | None = None
        self.uuid: str | None = None
        self._feature: Feature | None = None

    def _make_heading(self, title: str, note_name: str) -> None:
        """The title (what is shown, or what to select) and under it a note, hidden until set."""
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        self.note = self._side_note(note_name)

    def _side_note(self, name: str) -> QLabel:
        """A grey line of explanation, hidden while it has nothing to say."""
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet("color: #404040;")
        label.hide()
        return label

    def _make_buttons(self) -> ApplyRevertBar:
        self.buttons = ApplyRevertBar(self)
        self.apply_button, self.revert_button = self.buttons.apply_button, self.buttons.revert_button
        self.apply_button.clicked.connect(self.apply)
        self.revert_button.clicked.connect(self.revert)
        return self.buttons

    # --- what each panel says -------------------------------------------------------------------
    def _editor_dirty(self) -> bool:
        raise NotImplementedError

    def _blocked(self) -> bool:
        raise NotImplementedError

    def _edit(self) -> Any:
        raise NotImplementedError

    def _show_stored(self, feature: Feature) -> None:
        raise NotImplementedError

    # --- the same for every panel ---------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.uuid is not None and self._editor_dirty()

    def apply(self) -> bool:
        """Ask for the edit to be stored; False when something blocks it (nothing is sent)."""
        if self.layer is None or self.uuid is None or not self._editor_dirty():
            return True
        if self._blocked():
            return False
        self.applyRequested.emit(self.layer, self.uuid, self._edit())
        return True

    def revert(self) -> None:
        if self._feature is not None:
            self._show_stored(self._feature)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.buttons.show_state(dirty, can_apply=dirty and not self._blocked())
