"""Drawing and editing: from a finished drawing to a stored feature, from the form and the
marking editor to a new version, and deletions — each one an undoable command that goes
through the Workspace API, so it is committed (and safe from a crash) the moment it is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from humanops.errors import HumanOpsError
from humanops.ui.dialogs.new_feature_dialog import NewFeatureDialog
from humanops.ui.panels.marking_editor import partner_parties
from humanops.ui.undo_commands import AddFeature, DeleteFeature, MoveVertices, UpdateFeature, push_edit

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from humanops.model.marking import Marking
    from humanops.store.workspace import Workspace


class EditingController(QObject):
    """Owned by the main window; ``message`` is shown in the status bar, ``error`` in a box."""

    message = Signal(str)
    error = Signal(str)
    featureAdded = Signal(str, str)  # layer, uuid

    def __init__(self, canvas: Any, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.undo_stack = undo_stack
        self.workspace: Workspace | None = None
        self.drawing_layer: str | None = None
        self.new_feature_dialog: NewFeatureDialog | None = None
        canvas.geometryDrawn.connect(self.on_geometry_drawn)

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.discard_new_feature()
        self.workspace = workspace
        self.drawing_layer = None

    # --- drawing ----------------------------------------------------------------------------
    def begin_drawing(self, layer: str) -> None:
        """Put the canvas in the drawing tool for ``layer``'s geometry."""
        if self.workspace is None:
            return
        from humanops.ui.canvas import map_tools

        kind = self.workspace.kind(layer)
        if kind.geometry == "LineString":
            width = kind.field(kind.style.buffer_field).default if kind.style.buffer_field else None
            # A corridor shows its band at the kind's default width while it is drawn.
            tool = map_tools.DrawLineTool(self.canvas, layer, width_m=float(width) if width else None)
        elif kind.geometry == "MultiPolygon":
            tool = map_tools.DrawPolygonTool(self.canvas, layer)
        else:
            tool = map_tools.DrawPointTool(self.canvas, layer)
        self.drawing_layer = layer
        self.canvas.set_map_tool(tool)
        hint = {"MultiPolygon": "click the corners, double-click to close the area",
                "LineString": "click along the route, double-click to finish",
                "Point": "click where it is"}[kind.geometry]
        self.message.emit(f"Drawing a {_single(kind.title).lower()}: {hint}; Esc cancels, Backspace "
                          "removes the last point.")

    def has_unfinished_drawing(self) -> bool:
        return bool(self.canvas.map_tool().is_drawing())

    def cancel_drawing(self) -> bool:
        """Esc: drop the drawing in progress (the tool stays, ready for a new one)."""
        if not self.has_unfinished_drawing():
            return False
        self.canvas.map_tool().cancel()
        self.canvas.update()
        self.message.emit("Drawing cancelled.")
        return True

    def finish_drawing(self) -> bool:
        """Finish the drawing in progress as a double click would; False if too few points."""
        finish = getattr(self.canvas.map_tool(), "finish", None)
        return bool(finish()) if callable(finish) else False

    def on_geometry_drawn(self, layer: str, geometry: BaseGeometry) -> None:
        if self.workspace is None:
            return
        layer = layer if layer in self.workspace.catalog else (self.drawing_layer or layer)
        kind = self.workspace.kind(layer)
        self.discard_new_feature()
        dialog = NewFeatureDialog(kind, geometry, partner_parties(self.workspace), self.parent())
        dialog.setObjectName("new_feature_dialog")
        self.new_feature_dialog = dialog
        dialog.submitted.connect(lambda: self._store_new_feature(dialog, layer))
        dialog.rejected.connect(lambda: self._new_feature_closed(dialog, stored=False))
        dialog.open()

    def _store_new_feature(self, dialog: NewFeatureDialog, layer: str) -> None:
        if self.workspace is None:
            return
        try:
            command = AddFeature(self.workspace, layer, dialog.geometry, dialog.properties(), dialog.marking(),
                                 on_error=self.error.emit)
            push_edit(self.undo_stack, command)
        except HumanOpsError as exc:
            dialog.show_error(exc.message)
            return
        dialog.accept()
        self._new_feature_closed(dialog, stored=True)
        assert command.uuid is not None
        name = dialog.properties().get("name", "")
        self.message.emit(f"Added {_single(self.workspace.kind(layer).title).lower()} “{name}” — saved.")
        self.featureAdded.emit(layer, command.uuid)

    def _new_feature_closed(self, dialog: NewFeatureDialog, *, stored: bool) -> None:
        if self.new_feature_dialog is dialog:
            self.new_feature_dialog = None
            if not stored:
                self.message.emit("New feature discarded.")
        dialog.deleteLater()

    def has_pending_new_feature(self) -> bool:
        return self.new_feature_dialog is not None and self.new_feature_dialog.isVisible()

    def submit_new_feature(self) -> bool:
        """Store the open new-feature dialog's feature (on close: Save); False if invalid."""
        dialog = self.new_feature_dialog
        if dialog is None:
            return True
        dialog._try_accept()
        return self.new_feature_dialog is None

    def discard_new_feature(self) -> None:
        dialog = self.new_feature_dialog
        if dialog is not None:
            self.new_feature_dialog = None
            dialog.reject()

    # --- editing stored features ------------------------------------------------------------------
    def _push(self, command_factory: Any) -> bool:
        try:
            push_edit(self.undo_stack, command_factory())
        except HumanOpsError as exc:
            self.error.emit(exc.message)
            return False
        return True

    def update_fields(self, layer: str, uuid: str, changes: dict[str, Any]) -> bool:
        ws = self.workspace
        if ws is None or not changes:
            return False
        ok = self._push(lambda: UpdateFeature(ws, layer, uuid, properties=changes, on_error=self.error.emit))
        if ok:
            self.message.emit(f"Saved {', '.join(changes)} as a new version.")
        return ok

    def update_marking(self, layer: str, uuid: str, marking: Marking) -> bool:
        ws = self.workspace
        if ws is None:
            return False
        ok = self._push(lambda: UpdateFeature(ws, layer, uuid, marking=marking, on_error=self.error.emit))
        if ok:
            self.message.emit(f"Marking saved: TLP:{marking.tlp.value}.")
        return ok

    def move_vertices(self, layer: str, uuid: str, geometry: BaseGeometry) -> bool:
        ws = self.workspace
        if ws is None:
            return False
        return self._push(lambda: MoveVertices(ws, layer, uuid, geometry, on_error=self.error.emit))

    def delete(self, selection: dict[str, set[str]]) -> int:
        """Delete the selected features (one undo step for all of them)."""
        ws = self.workspace
        items = {layer: uuids for layer, uuids in selection.items() if uuids}
        if ws is None or not items:
            return 0
        count = sum(len(u) for u in items.values())
        self.undo_stack.beginMacro(f"Delete {count} feature{'s' if count != 1 else ''}")
        deleted = 0
        try:
            for layer, uuids in items.items():
                if self._push(lambda layer=layer, uuids=uuids: DeleteFeature(ws, layer, sorted(uuids),
                                                                            on_error=self.error.emit)):
                    deleted += len(uuids)
        finally:
            self.undo_stack.endMacro()
        if deleted:
            self.canvas.clear_selection()
            self.message.emit(f"Deleted {deleted} feature{'s' if deleted != 1 else ''} (Ctrl+Z brings "
                              f"{'them' if deleted != 1 else 'it'} back).")
        return deleted


def _single(title: str) -> str:
    return title[:-1] if title.endswith("s") else title

