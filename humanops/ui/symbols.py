"""Legend swatches drawn from a layer kind's style: the same colours, marker shapes and dash
patterns the map uses, so a reader matches legend to map without relying on colour alone."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from humanops.catalog import LayerKind, Symbol
from humanops.model.symbology import (  # Qt-free: the briefing map draws them too
    TLP_COLOURS,
    LegendEntry,
)
from humanops.model.symbology import legend_entries as kind_legend_entries

SWATCH_W, SWATCH_H = 30, 18
_DASHES = {
    "solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine, "dashdot": Qt.PenStyle.DashDotLine,
}


def legend_entries(kind: LayerKind, lang: str | None = None) -> list[LegendEntry]:
    """The kind's legend in ``lang`` (default: the UI's language), "other" included."""
    from humanops.ui.i18n import current_language

    entries = kind_legend_entries(kind, lang or current_language())
    other = QCoreApplication.translate("symbols", "other")
    return [LegendEntry(other, e.symbol, e.value) if e.value is None and e.label == "other" else e for e in entries]


def marker_path(marker: str, size: float) -> QPainterPath:
    """A marker outline centred on (0, 0), ``size`` pixels across."""
    r = size / 2
    path = QPainterPath()
    if marker == "square":
        path.addRect(QRectF(-r, -r, size, size))
    elif marker == "diamond":
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)]))
        path.closeSubpath()
    elif marker == "triangle":
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r, r * 0.8), QPointF(-r, r * 0.8)]))
        path.closeSubpath()
    elif marker == "cross":
        t = r / 2.6
        path.addRect(QRectF(-t, -r, 2 * t, size))
        path.addRect(QRectF(-r, -t, size, 2 * t))
        path = path.simplified()
    elif marker in ("star", "hexagon"):
        points = []
        n = 5 if marker == "star" else 6
        for i in range(n * (2 if marker == "star" else 1)):
            if marker == "star":
                radius = r if i % 2 == 0 else r * 0.45
                angle = math.pi * i / n - math.pi / 2
            else:
                radius = r
                angle = 2 * math.pi * i / n
            points.append(QPointF(radius * math.cos(angle), radius * math.sin(angle)))
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    else:  # circle
        path.addEllipse(QPointF(0, 0), r, r)
    return path


def _colour(hex_colour: str | None, alpha: float = 1.0) -> QColor:
    colour = QColor(hex_colour or "#888888")
    colour.setAlphaF(max(0.0, min(1.0, alpha)))
    return colour


def _pen(symbol: Symbol, width_scale: float = 1.0) -> QPen:
    pen = QPen(_colour(symbol.stroke))
    pen.setWidthF(max(1.0, (symbol.stroke_width or 1.0) * width_scale))
    pen.setStyle(_DASHES.get(symbol.dash or "solid", Qt.PenStyle.SolidLine))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def swatch_pixmap(geometry: str, symbol: Symbol, *, width: int = SWATCH_W, height: int = SWATCH_H,
                  device_pixel_ratio: float = 1.0, buffered: bool = False) -> QPixmap:
    """A small picture of ``symbol`` for a layer of ``geometry`` type."""
    pixmap = QPixmap(int(width * device_pixel_ratio), int(height * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2, 2, width - 4, height - 4)
    if geometry == "MultiPolygon":
        painter.setBrush(QBrush(_colour(symbol.fill, symbol.fill_opacity if symbol.fill_opacity is not None else 1)))
        painter.setPen(_pen(symbol))
        painter.drawRect(rect)
    elif geometry == "LineString":
        y = height / 2
        if buffered:  # a corridor: its band (true width on the map) under its centre line
            painter.setPen(Qt.PenStyle.NoPen)
            alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 0.2
            painter.setBrush(QBrush(_colour(symbol.fill or symbol.stroke, max(alpha, 0.2))))
            painter.drawRoundedRect(QRectF(1, y - 6, width - 2, 12), 5, 5)
        painter.setPen(_pen(symbol, 1.2))
        painter.drawLine(QPointF(3, y), QPointF(width - 3, y))
    else:
        size = min(float(symbol.size or 8), height - 3.0)
        size = max(size, 7.0)
        path = marker_path(symbol.marker or "circle", size).translated(width / 2, height / 2)
        alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 1.0
        painter.setBrush(QBrush(_colour(symbol.fill, alpha)))
        pen = QPen(_colour(symbol.stroke or "#202020"))
        pen.setWidthF(max(1.0, symbol.stroke_width or 1.0))
        painter.setPen(pen)
        painter.drawPath(path)
    painter.end()
    return pixmap


def swatch_icon(kind: LayerKind, symbol: Symbol, device_pixel_ratio: float = 1.0) -> QIcon:
    return QIcon(swatch_pixmap(kind.geometry, symbol, device_pixel_ratio=device_pixel_ratio,
                               buffered=kind.style.buffer_field is not None))


def tlp_badge_pixmap(tlp: str, height: int = 16, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The TLP label as FIRST prints it: coloured capitals on a black ground."""
    from PySide6.QtGui import QFont, QFontMetrics

    text = f"TLP:{tlp}"
    font = QFont()
    font.setBold(True)
    font.setPixelSize(height - 5)
    width = QFontMetrics(font).horizontalAdvance(text) + 10
    pixmap = QPixmap(int(width * device_pixel_ratio), int(height * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(QColor("#000000"))
    painter = QPainter(pixmap)
    painter.setFont(font)
    painter.setPen(QColor(TLP_COLOURS.get(tlp, "#ffffff")))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap
