"""What is drawn around and over an exported map: the TLP banner (top) and footer (bottom), the
legend of the layers drawn, the scale bar and north arrow, and notes of layers not shown.

Everything is drawn with QPainter in *logical* pixels (96 to the inch), on any paint device and
any thread (QImage for a PNG, QPdfWriter for a PDF page scaled to 96 units an inch): the map
export and the situation report draw the same banner, legend and map area from here.

The banner follows TLP 2.0 (FIRST): the label ``TLP:AMBER`` in the level's colour on black, at the
top of the image or page, and again in the footer at its bottom. Product texts are English, as
the briefing map's: the file is read by partners whatever language our UI is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from humanops.catalog import Symbol
from humanops.model.symbology import TLP_BACKGROUND, TLP_COLOURS, tlp_label
from humanops.ui.canvas.overlays import draw_north_arrow, draw_scale_bar, draw_warning_note
from humanops.ui.symbols import marker_path
from humanops.viewmodel.map_view import MapView

HEADER_PX = 46.0  # logical pixels: the banner at the top
FOOTER_PX = 22.0  # the TLP line at the bottom
LOGICAL_DPI = 96.0
SUBTLE = QColor("#c8c8c8")  # secondary text on the black banner
_DASHES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine,
           "dashdot": Qt.PenStyle.DashDotLine}

# TLP 2.0 (FIRST): what each label tells the reader, in the standard's words (English keys: shown
# through tlp_meaning, in the UI's language).
TLP_MEANING = {
    "CLEAR": QT_TRANSLATE_NOOP("MapDecorations",
                               "Recipients can spread this to the world; there is no limit on disclosure."),
    "GREEN": QT_TRANSLATE_NOOP("MapDecorations",
                               "Limited disclosure: recipients can spread this within their community."),
    "AMBER": QT_TRANSLATE_NOOP("MapDecorations", "Limited disclosure: recipients can only spread this on a "
                               "need-to-know basis within their organisation and its clients."),
    "AMBER+STRICT": QT_TRANSLATE_NOOP("MapDecorations",
                                      "Limited disclosure: restricted to the recipient's organisation only."),
    "RED": QT_TRANSLATE_NOOP("MapDecorations",
                             "For the eyes and ears of individual recipients only; no further disclosure."),
}


def tlp_meaning(tlp: str) -> str:
    """What the TLP label tells the reader, in the UI's language."""
    return QCoreApplication.translate("MapDecorations", TLP_MEANING[tlp])


@dataclass(frozen=True)
class LegendEntry:
    label: str
    symbol: Symbol


@dataclass(frozen=True)
class LegendGroup:
    """One layer in the legend: its title and the classes drawn."""

    title: str
    geometry: str  # the kind's geometry type
    buffered: bool  # a corridor: drawn over its true width
    entries: tuple[LegendEntry, ...] = field(default_factory=tuple)


def font(px: float, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    # No ligatures: a PDF's "fi" would otherwise be one glyph, which readers' search and copy (and
    # pdftotext) give back as "ﬁ", so "first" or "fire" could not be found in a report.
    f.setFeature(QFont.Tag("liga"), 0)
    return f


def tlp_colour(tlp: str) -> QColor:
    return QColor(TLP_COLOURS.get(tlp, TLP_COLOURS["RED"]))


def _elided(painter: QPainter, text: str, width: float) -> str:
    return QFontMetricsF(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def draw_banner(painter: QPainter, rect: QRectF, tlp: str, title: str, subtitle: str = "",
                right_lines: tuple[str, ...] = ()) -> None:
    """The banner: ``TLP:LEVEL`` in its colour on black, the title (and a line under it) in
    white, and up to two lines (times, who made it) at the right."""
    painter.save()
    painter.fillRect(rect, QColor(TLP_BACKGROUND))
    h = rect.height()
    pad = h * 0.26
    painter.setFont(font(h * 0.40, bold=True))
    label = tlp_label(tlp)
    label_w = QFontMetricsF(painter.font()).horizontalAdvance(label)
    painter.setPen(tlp_colour(tlp))
    painter.drawText(QRectF(rect.left() + pad, rect.top(), label_w + 2, h), Qt.AlignmentFlag.AlignVCenter, label)
    small = font(h * 0.24)
    right_w = max((QFontMetricsF(small).horizontalAdvance(line) for line in right_lines), default=0.0)
    right_w = min(right_w, rect.width() * 0.42)
    left = rect.left() + 2 * pad + label_w
    middle_w = rect.right() - pad - right_w - pad - left
    if subtitle:
        painter.setFont(font(h * 0.32, bold=True))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRectF(left, rect.top() + h * 0.08, middle_w, h * 0.5),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elided(painter, title, middle_w))
        painter.setFont(small)
        painter.setPen(SUBTLE)
        painter.drawText(QRectF(left, rect.top() + h * 0.54, middle_w, h * 0.38),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         _elided(painter, subtitle, middle_w))
    else:
        painter.setFont(font(h * 0.34, bold=True))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRectF(left, rect.top(), middle_w, h), Qt.AlignmentFlag.AlignVCenter,
                         _elided(painter, title, middle_w))
    painter.setFont(small)
    painter.setPen(SUBTLE)
    line_h = h * 0.34
    top = rect.top() + (h - line_h * len(right_lines)) / 2
    for i, line in enumerate(right_lines):
        painter.drawText(QRectF(rect.right() - pad - right_w, top + i * line_h, right_w, line_h),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _elided(painter, line, right_w))
    painter.restore()


def draw_footer(painter: QPainter, rect: QRectF, tlp: str, left: str = "", right: str = "") -> None:
    """The TLP label again at the bottom (TLP 2.0: on every page), with small texts beside it."""
    painter.save()
    painter.fillRect(rect, QColor(TLP_BACKGROUND))
    h = rect.height()
    pad = h * 0.4
    painter.setFont(font(h * 0.55, bold=True))
    label = tlp_label(tlp)
    label_w = QFontMetricsF(painter.font()).horizontalAdvance(label)
    painter.setPen(tlp_colour(tlp))
    painter.drawText(QRectF(rect.left() + pad, rect.top(), label_w + 2, h), Qt.AlignmentFlag.AlignVCenter, label)
    painter.setFont(font(h * 0.45))
    painter.setPen(SUBTLE)
    room = rect.width() - label_w - 4 * pad
    right_w = min(QFontMetricsF(painter.font()).horizontalAdvance(right) + 2, room * 0.6)
    painter.drawText(QRectF(rect.right() - pad - right_w, rect.top(), right_w, h),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _elided(painter, right, right_w))
    left_x = rect.left() + 2 * pad + label_w
    left_w = rect.right() - pad - right_w - pad - left_x
    painter.drawText(QRectF(left_x, rect.top(), left_w, h), Qt.AlignmentFlag.AlignVCenter,
                     _elided(painter, left, left_w))
    painter.restore()


# --- legend -----------------------------------------------------------------------------------------

SWATCH_W, SWATCH_H = 26.0, 14.0
LEGEND_FONT_PX = 11.0
LEGEND_ROW_PX = 17.0
LEGEND_PAD = 8.0
LEGEND_SHARE = 0.75  # of the map's height a legend over the map may take; more goes in columns


def _colour(hex_colour: str | None, alpha: float = 1.0) -> QColor:
    c = QColor(hex_colour or "#888888")
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def draw_swatch(painter: QPainter, rect: QRectF, geometry: str, symbol: Symbol, *, buffered: bool = False) -> None:
    """A small picture of ``symbol`` as the map draws it (the app's legend swatches, drawn on any
    paint device: ``humanops.ui.symbols`` makes QPixmaps, which only the GUI thread may)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(_colour(symbol.stroke or "#333333"))
    pen.setWidthF(max(1.0, symbol.stroke_width or 1.0))
    pen.setStyle(_DASHES.get(symbol.dash or "solid", Qt.PenStyle.SolidLine))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if geometry == "MultiPolygon":
        alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 1.0
        painter.setBrush(QBrush(_colour(symbol.fill, alpha)))
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    elif geometry == "LineString":
        y = rect.center().y()
        if buffered:
            alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 0.2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(_colour(symbol.fill or symbol.stroke, max(alpha, 0.2))))
            painter.drawRoundedRect(QRectF(rect.left(), y - rect.height() * 0.4, rect.width(), rect.height() * 0.8),
                                    4, 4)
        pen.setWidthF(max(1.0, (symbol.stroke_width or 1.0) * 1.2))
        painter.setPen(pen)
        painter.drawLine(QPointF(rect.left() + 2, y), QPointF(rect.right() - 2, y))
    else:
        size = max(7.0, min(float(symbol.size or 8), rect.height() - 2))
        alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 1.0
        painter.setBrush(QBrush(_colour(symbol.fill, alpha)))
        marker_pen = QPen(_colour(symbol.stroke or "#202020"))
        marker_pen.setWidthF(max(1.0, symbol.stroke_width or 1.0))
        painter.setPen(marker_pen)
        painter.drawPath(marker_path(symbol.marker or "circle", size).translated(rect.center()))
    painter.restore()


def _group_rows(group: LegendGroup) -> list[tuple[LegendGroup, LegendEntry | None]]:
    """A group's rows: its title (entry None), then its entries; a group of one entry named as
    the layer is that one row."""
    if len(group.entries) == 1 and group.entries[0].label == group.title:
        return [(group, group.entries[0])]
    return [(group, None), *((group, entry) for entry in group.entries)]


def _legend_columns(groups: list[LegendGroup], per_column: int) -> list[list[tuple[LegendGroup, LegendEntry | None]]]:
    """Rows in columns of at most ``per_column``: a group starts a new column rather than being
    cut, unless it is taller than a column."""
    columns: list[list[tuple[LegendGroup, LegendEntry | None]]] = [[]]
    for group in groups:
        rows = _group_rows(group)
        if columns[-1] and len(columns[-1]) + len(rows) > per_column:
            columns.append([])
        for row in rows:
            if len(columns[-1]) >= per_column:
                columns.append([])
            columns[-1].append(row)
    return [column for column in columns if column]


def _legend_layout(groups: list[LegendGroup], max_height: float
                   ) -> tuple[list[list[tuple[LegendGroup, LegendEntry | None]]], float, float]:
    """(columns of rows, column width, height) of the legend within ``max_height``."""
    rows = [row for group in groups for row in _group_rows(group)]
    if not rows:
        return [], 0.0, 0.0
    per_column = max(1, int((max_height - 2 * LEGEND_PAD - LEGEND_ROW_PX - 2) // LEGEND_ROW_PX))
    columns = _legend_columns(groups, per_column)
    metrics = QFontMetricsF(font(LEGEND_FONT_PX, bold=True))
    widest = max(metrics.horizontalAdvance(group.title if entry is None else entry.label)
                 + (0 if entry is None else SWATCH_W + 6) for group, entry in rows)
    tallest = max(len(column) for column in columns)
    return columns, min(widest, 220.0) + 12, 2 * LEGEND_PAD + LEGEND_ROW_PX + 2 + tallest * LEGEND_ROW_PX


def legend_size(groups: list[LegendGroup], max_height: float) -> tuple[float, float]:
    """(width, height) of the legend drawn within ``max_height``."""
    columns, column_w, height = _legend_layout(groups, max_height)
    return (2 * LEGEND_PAD + len(columns) * column_w, height) if columns else (0.0, 0.0)


def draw_legend(painter: QPainter, rect: QRectF, groups: list[LegendGroup]) -> None:
    """The legend in ``rect`` (as :func:`legend_size` measured it): white ground, a title, each
    layer's name and the classes drawn, in columns when they do not fit one."""
    columns, column_w, _ = _legend_layout(groups, rect.height())
    if not columns:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#8c8c8c"), 1.0))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRect(rect)
    painter.setPen(QColor("#1e1e1e"))
    painter.setFont(font(LEGEND_FONT_PX + 1, bold=True))
    painter.drawText(QRectF(rect.left() + LEGEND_PAD, rect.top() + LEGEND_PAD, rect.width(), LEGEND_ROW_PX),
                     Qt.AlignmentFlag.AlignVCenter, QCoreApplication.translate("MapDecorations", "Legend"))
    top = rect.top() + LEGEND_PAD + LEGEND_ROW_PX + 2
    column_w = min(column_w, (rect.width() - 2 * LEGEND_PAD) / len(columns))
    for c, column in enumerate(columns):
        x = rect.left() + LEGEND_PAD + c * column_w
        for r, (group, entry) in enumerate(column):
            y = top + r * LEGEND_ROW_PX
            if entry is None:
                painter.setFont(font(LEGEND_FONT_PX, bold=True))
                painter.setPen(QColor("#1e1e1e"))
                painter.drawText(QRectF(x, y, column_w - 4, LEGEND_ROW_PX), Qt.AlignmentFlag.AlignVCenter,
                                 _elided(painter, group.title, column_w - 4))
                continue
            draw_swatch(painter, QRectF(x, y + (LEGEND_ROW_PX - SWATCH_H) / 2, SWATCH_W, SWATCH_H), group.geometry,
                        entry.symbol, buffered=group.buffered)
            painter.setFont(font(LEGEND_FONT_PX, bold=entry.label == group.title))
            painter.setPen(QColor("#1e1e1e"))
            text_w = column_w - SWATCH_W - 10
            painter.drawText(QRectF(x + SWATCH_W + 6, y, text_w, LEGEND_ROW_PX), Qt.AlignmentFlag.AlignVCenter,
                             _elided(painter, entry.label, text_w))
    painter.restore()


# --- the map area and the whole image ------------------------------------------------------------------

@dataclass(frozen=True)
class MapFurniture:
    """What is drawn over the map: each can be left out but the banner, which never is."""

    legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = True


def paint_map_area(painter: QPainter, origin: QPointF, image: QImage, view: MapView, groups: list[LegendGroup],
                   furniture: MapFurniture, notes: tuple[str, ...] = ()) -> None:
    """The rendered map at ``origin`` (logical pixels, the view's size) with the scale bar
    (bottom left), north arrow (top right), legend (bottom right) and red notes (top left)."""
    painter.save()
    painter.translate(origin)
    painter.drawImage(QRectF(0, 0, view.width, view.height), image)
    painter.setClipRect(QRectF(0, 0, view.width, view.height))
    if furniture.scale_bar:
        draw_scale_bar(painter, view, view.height)
    if furniture.north_arrow:
        draw_north_arrow(painter, view.width)
    if furniture.legend and groups:
        width, height = legend_size(groups, view.height * LEGEND_SHARE)
        width = min(width, view.width - 16)
        draw_legend(painter, QRectF(view.width - width - 8, view.height - height - 8, width, height), groups)
    for row, note in enumerate(notes):
        draw_warning_note(painter, note, row=row)
    painter.restore()
