"""After drawing: the new feature's form and marking, prefilled with its kind's defaults (a
corridor's width, the layer's default marking). OK stores it (undoable); Cancel discards
the drawing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from humanops.model.marking import Marking
from humanops.ui.i18n import current_language
from humanops.ui.panels.feature_form import FeatureForm
from humanops.ui.panels.marking_editor import MarkingEditor

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from humanops.catalog import LayerKind


def _describe(geometry: BaseGeometry) -> str:
    if geometry.geom_type == "Point":  # latitude, longitude in degrees, as GPS and radio read them
        return QCoreApplication.translate("NewFeatureDialog", "at {lat}, {lon}").format(lat=f"{geometry.y:.5f}",
                                                                                       lon=f"{geometry.x:.5f}")
    n = len(geometry.exterior.coords) - 1 if geometry.geom_type == "Polygon" else None
    if n is None and hasattr(geometry, "coords"):
        n = len(geometry.coords)
    return NewFeatureDialog.tr("%Ln vertices", "", n) if n else geometry.geom_type


class NewFeatureDialog(QDialog):
    """Emits ``submitted`` when the user presses Add with valid values; whoever stores the
    feature then calls accept(), or show_error() if the workspace refused it."""

    submitted = Signal()

    def __init__(self, kind: LayerKind, geometry: BaseGeometry, parties: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.geometry = geometry
        single = kind.singular_in(current_language())
        self.setWindowTitle(self.tr("New {kind}").format(kind=single))
        self.setModal(False)
        header = QLabel(self.tr("<b>New {kind}</b> ({where}). Fields marked * are required.").format(
            kind=single, where=_describe(geometry)), self)
        header.setWordWrap(True)
        self.form = FeatureForm(self)
        self.form.set_kind(kind)
        self.form.set_defaults()
        self.marking_editor = MarkingEditor(self)
        self.marking_editor.set_parties(parties)
        self.marking_editor.set_kind(kind)
        self.marking_editor.set_marking(Marking.from_default(kind.default_marking))
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        fields_box = QGroupBox(self.tr("Fields"), self)
        QVBoxLayout(fields_box).addWidget(scroll)
        marking_box = QGroupBox(self.tr("Marking (the layer's default)"), self)
        QVBoxLayout(marking_box).addWidget(self.marking_editor)
        body = QHBoxLayout()
        body.addWidget(fields_box, 1)
        body.addWidget(marking_box, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.form.edited.connect(self._update_ok)
        self.marking_editor.edited.connect(self._update_ok)
        self._update_ok()
        self.resize(940, 600)

    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _update_ok(self) -> None:
        self.ok_button().setEnabled(self.form.is_valid() and self.marking_editor.error() is None)

    def properties(self) -> dict:
        return {k: v for k, v in self.form.values().items() if v is not None}

    def marking(self) -> Marking:
        return self.marking_editor.marking()

    def show_error(self, message: str) -> None:
        """The workspace refused the feature: say why and keep the dialog open."""
        self.error.setText(message)
        self.error.show()

    def _try_accept(self) -> None:
        errors = self.form.errors()
        if errors:
            field, reason = next(iter(errors.items()))
            label = self.kind.field(field).label_in(current_language()) if field in self.kind.field_names else field
            self.show_error(f"{label}: {reason}" if field else reason)
            return
        marking_error = self.marking_editor.error()
        if marking_error:
            self.show_error(marking_error)
            return
        self.submitted.emit()
