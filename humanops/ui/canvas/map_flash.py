"""A short highlight over the map: where a search result is, for the eye to find it.

A transparent child of the canvas (mouse events pass through to the map) paints the found
geometry — a point as a ring closing in on it, a line or an area as a thick outline — three
times over a second and a half, then hides. It follows the map if the view moves meanwhile,
and needs nothing from the canvas's rendering: it paints in the GUI thread over what is there.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPointF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from humanops.ui.canvas.qt_geometry import line_paths
from humanops.viewmodel.map_view import project_geometries

FLASH_MS = 1500
PULSES = 3
FLASH_COLOUR = QColor("#ffb000")  # amber: seen on the basemap, the layers and the selection


class MapFlash(QWidget):
    """Flashes a geometry (EPSG:4326) over its parent, the map canvas."""

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self.setObjectName("map_flash")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.canvas = canvas
        self._projected: shapely.Geometry | None = None
        self._phase = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(FLASH_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.Linear)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self._done)
        canvas.installEventFilter(self)  # follow its size
        self.hide()

    def flash(self, geometry: shapely.Geometry) -> None:
        """Start (or restart) flashing ``geometry`` (lon/lat)."""
        self._projected = project_geometries(np.array([geometry], dtype=object))[0]
        self.setGeometry(self.canvas.rect())
        self._animation.stop()
        self._phase = 0.0
        self.show()
        self.raise_()
        self._animation.start()

    def is_flashing(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def flashed_geometry(self) -> shapely.Geometry | None:
        """What is (or was last) flashed, in the map's CRS."""
        return self._projected

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.canvas.rect())
        return False

    def _step(self, value: float) -> None:
        self._phase = float(value)
        self.update()

    def _done(self) -> None:
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._projected is None:
            return
        view = self.canvas.view()  # type: ignore[attr-defined]  # the MapCanvas
        # each pulse: strong, then fading; the last one fades out
        within = (self._phase * PULSES) % 1.0
        alpha = int(255 * (1.0 - within) ** 0.6)
        colour = QColor(FLASH_COLOUR)
        colour.setAlpha(alpha)
        halo = QColor(0, 0, 0, alpha // 2)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        geometry = self._projected
        if geometry.geom_type in ("Point", "MultiPoint"):
            for x, y in shapely.get_coordinates(geometry).tolist():
                px, py = view.to_pixel(x, y)
                radius = 8.0 + 28.0 * (1.0 - within)  # a ring closing in on the place
                centre = QPointF(float(px), float(py))
                painter.setPen(QPen(halo, 6.0))
                painter.drawEllipse(centre, radius, radius)
                painter.setPen(QPen(colour, 4.0))
                painter.drawEllipse(centre, radius, radius)
                painter.drawEllipse(centre, 4.0, 4.0)
        else:
            outline = shapely.boundary(geometry) if geometry.geom_type in ("Polygon", "MultiPolygon") else geometry
            width = 5.0 + 4.0 * math.sin(math.pi * within)
            for path in line_paths(np.array([outline], dtype=object), view):
                painter.setPen(QPen(halo, width + 3.0))
                painter.drawPath(path)
                painter.setPen(QPen(colour, width))
                painter.drawPath(path)
        painter.end()
