"""What the canvas paints over the map in the GUI thread: scale bar, north arrow, attribution,
a quiet note of what is still loading, and a loud one of layers that failed."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from humanops.ui.locale_text import format_number
from humanops.viewmodel.map_view import MapView

SCALE_BAR_TARGET_PX = 120


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n not above ``metres``."""
    if metres <= 0:
        return 1.0
    exponent = math.floor(math.log10(metres))
    for step in (5, 2, 1):
        value = step * 10 ** exponent
        if value <= metres:
            return float(value)
    return float(10 ** exponent)


def format_length(metres: float) -> str:
    """The scale bar's length in the UI's language: "2 km", "500 m"."""
    if metres >= 1000:
        return QCoreApplication.translate("overlays", "{n} km").format(n=format_number(metres / 1000, 3))
    return QCoreApplication.translate("overlays", "{n} m").format(n=format_number(metres, 3))


def _halo_text(painter: QPainter, at: QPointF, text: str, font: QFont) -> None:
    path = QPainterPath()
    path.addText(at, font, text)
    painter.strokePath(path, QPen(QColor(255, 255, 255, 220), 3.0))
    painter.fillPath(path, QBrush(QColor("#202020")))


def draw_scale_bar(painter: QPainter, view: MapView, height: int) -> None:
    ground = view.ground_resolution()
    if not math.isfinite(ground) or ground <= 0:
        return
    length = nice_length(SCALE_BAR_TARGET_PX * ground)
    width_px = length / ground
    x0, y0 = 12.0, height - 16.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Two halves, black and white, on a white ground: readable on land, sea and imagery.
    painter.fillRect(QRectF(x0 - 3, y0 - 19, width_px + 6, 26), QColor(255, 255, 255, 170))
    painter.fillRect(QRectF(x0, y0, width_px / 2, 5), QColor("#202020"))
    painter.fillRect(QRectF(x0 + width_px / 2, y0, width_px / 2, 5), QColor("#ffffff"))
    painter.setPen(QPen(QColor("#202020"), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(x0, y0, width_px, 5))
    font = QFont()
    font.setPixelSize(11)
    _halo_text(painter, QPointF(x0, y0 - 5), format_length(length), font)
    painter.restore()


def draw_north_arrow(painter: QPainter, width: int) -> None:
    """Web Mercator keeps north up everywhere: the arrow only says so."""
    cx, top = width - 24.0, 14.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#202020"), 1.0))
    painter.setBrush(QColor("#202020"))
    painter.drawPolygon(QPolygonF([QPointF(cx, top), QPointF(cx + 7, top + 22), QPointF(cx, top + 17)]))
    painter.setBrush(QColor("#ffffff"))
    painter.drawPolygon(QPolygonF([QPointF(cx, top), QPointF(cx - 7, top + 22), QPointF(cx, top + 17)]))
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    north = QCoreApplication.translate("overlays", "N", "north, on the map's north arrow")
    width_n = QFontMetricsF(font).horizontalAdvance(north)
    _halo_text(painter, QPointF(cx - width_n / 2, top + 35), north, font)
    painter.restore()


def draw_corner_note(painter: QPainter, text: str, width: int, height: int, *, top: bool) -> None:
    """Small grey text in the top-left (status) or bottom-right (attribution) corner."""
    if not text:
        return
    font = QFont()
    font.setPixelSize(10)
    metrics = QFontMetricsF(font)
    w = metrics.horizontalAdvance(text) + 8
    rect = QRectF(6, 6, w, metrics.height() + 4) if top else \
        QRectF(width - w - 4, height - metrics.height() - 6, w, metrics.height() + 4)
    painter.save()
    painter.fillRect(rect, QColor(255, 255, 255, 190))
    painter.setFont(font)
    painter.setPen(QColor("#404040"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


WARNING_FILL = QColor("#b00020")


def draw_warning_note(painter: QPainter, text: str, *, row: int = 0) -> None:
    """White on red, top left, below the loading note on ``row`` 1: a layer that is not shown
    as stored must not go unnoticed."""
    if not text:
        return
    font = QFont()
    font.setPixelSize(12)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    height = metrics.height() + 8
    top = 6 + row * 22
    rect = QRectF(6, top, metrics.horizontalAdvance("⚠ " + text) + 14, height)
    painter.save()
    painter.fillRect(rect, WARNING_FILL)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "⚠ " + text)
    painter.restore()
