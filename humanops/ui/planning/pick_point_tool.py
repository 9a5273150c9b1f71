"""A map tool that picks one place for a dialog: a click emits ``picked(lon, lat)``, Esc ``cancelled``.

Unlike the drawing tools it never emits the canvas's ``geometryDrawn`` (that would start a new
feature): the dialog that asked for the place gets it, and puts the previous tool back. No
snapping: routing snaps a place to the road network itself, and reports how far it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QKeyEvent, QPainter, QPen

from humanops.ui.canvas.map_tools import MapMouseEvent, MapTool

if TYPE_CHECKING:
    from humanops.ui.canvas.map_canvas import MapCanvas
    from humanops.viewmodel.map_view import MapView


class PickPointTool(MapTool):
    picked = Signal(float, float)  # lon, lat
    cancelled = Signal()

    def __init__(self, canvas: MapCanvas, prompt: str = "") -> None:
        super().__init__(canvas)
        self.prompt = prompt
        self._hover: tuple[float, float] | None = None
        self._pressed = False

    def cursor(self) -> QCursor:
        return QCursor(Qt.CursorShape.CrossCursor)

    def press(self, event: MapMouseEvent) -> None:
        self._pressed = event.button == Qt.MouseButton.LeftButton

    def release(self, event: MapMouseEvent) -> None:
        # On release, so the click's release never reaches the tool that is put back.
        if self._pressed and event.button == Qt.MouseButton.LeftButton:
            self._pressed = False
            self.picked.emit(*event.lonlat())

    def move(self, event: MapMouseEvent) -> None:
        self._hover = (event.px, event.py)
        self.canvas.update()

    def leave(self) -> None:
        self._hover = None
        self.canvas.update()

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        return False

    def paint(self, painter: QPainter, view: MapView) -> None:
        if self._hover is None:
            return
        x, y = self._hover
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(255, 255, 255, 220), 4.0))
        painter.drawEllipse(QPointF(x, y), 9, 9)
        painter.setPen(QPen(QColor("#d6336c"), 2.0))
        painter.drawEllipse(QPointF(x, y), 9, 9)
        if self.prompt:
            painter.setPen(QColor("#202020"))
            painter.drawText(QPointF(x + 14, y - 10), self.prompt)
        painter.restore()
