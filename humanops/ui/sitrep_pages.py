"""Pages of a report in a PDF, laid out top to bottom: every page opens with the TLP banner and
ends with the TLP footer (TLP 2.0: the label on every page), and what does not fit on a page goes
on the next (a table repeats its header there).

Drawn with QPainter on a :class:`QPdfWriter` in logical pixels (96 an inch, as on the screen: see
:func:`humanops.ui.map_export.logical_painter`), so the map, the legend and the charts draw as the
app draws them; text stays text in the PDF (a reader can search and copy it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPdfWriter, QPen

from humanops.ui.exercise_banner import STRIP_PX, draw_exercise_strip
from humanops.ui.map_decorations import FOOTER_PX, HEADER_PX, LOGICAL_DPI, draw_banner, draw_footer, font
from humanops.ui.map_export import logical_painter, page_logical_size

MARGIN_MM = 14.0
TEXT_PX = 12.0
SMALL_PX = 10.5
HEADING_PX = 16.0
CELL_PAD = 4.0
INK = QColor("#1e1e1e")
MUTED = QColor("#555555")
RULE = QColor("#b8b8b8")
HEADER_FILL = QColor("#e9ecef")
Painting = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width
    align_right: bool = False


@dataclass(frozen=True)
class Banner:
    tlp: str
    title: str
    subtitle: str
    lines: tuple[str, ...]
    footer: str
    exercise: str = ""  # "EXERCISE — NAME": a strip under the banner of every page


def content_width(page: str = "A4") -> float:
    """The width between a portrait page's margins, in logical pixels."""
    return page_logical_size(page, landscape=False).width() - 2 * MARGIN_MM / 25.4 * LOGICAL_DPI


class ReportPages:
    """A cursor down the pages of ``writer``; :meth:`finish` ends the document."""

    def __init__(self, writer: QPdfWriter, banner: Banner, page: str = "A4") -> None:
        self.writer = writer
        self.banner = banner
        size = page_logical_size(page, landscape=False)
        self.width, self.height = size.width(), size.height()
        self.margin = MARGIN_MM / 25.4 * LOGICAL_DPI
        self.left = self.margin
        self.content_width = content_width(page)
        self.painter = logical_painter(writer)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.page = 0
        self.y = 0.0
        self._start_page()

    # --- pages ----------------------------------------------------------------------------------------
    @property
    def top(self) -> float:
        return self.margin * 0.6 + HEADER_PX + (STRIP_PX if self.banner.exercise else 0.0) + 14

    @property
    def bottom(self) -> float:
        return self.height - self.margin * 0.6 - FOOTER_PX - 10

    def _start_page(self) -> None:
        self.page += 1
        b = self.banner
        draw_banner(self.painter, QRectF(self.left, self.margin * 0.6, self.content_width, HEADER_PX), b.tlp, b.title,
                    b.subtitle, b.lines)
        if b.exercise:
            draw_exercise_strip(self.painter, QRectF(self.left, self.margin * 0.6 + HEADER_PX, self.content_width,
                                                     STRIP_PX), b.exercise)
        draw_footer(self.painter, QRectF(self.left, self.height - self.margin * 0.6 - FOOTER_PX, self.content_width,
                                         FOOTER_PX), b.tlp, b.footer,
                    QCoreApplication.translate("Sitrep", "page {number}").format(number=self.page))
        self.y = self.top

    def new_page(self) -> None:
        self.writer.newPage()
        self._start_page()

    def room(self) -> float:
        return self.bottom - self.y

    def need(self, height: float) -> None:
        """Go to the next page unless ``height`` fits on this one (or this one is still empty)."""
        if height > self.room() and self.y > self.top:
            self.new_page()

    def finish(self) -> int:
        """End the document; returns its page count."""
        self.painter.end()
        return self.page

    # --- text -----------------------------------------------------------------------------------------
    def text_height(self, text: str, px: float, width: float, *, bold: bool = False) -> float:
        metrics = QFontMetricsF(font(px, bold=bold))
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text).height()

    def heading(self, text: str) -> None:
        """A section title, kept with at least a few lines of what follows."""
        height = self.text_height(text, HEADING_PX, self.content_width, bold=True) + 6
        self.need(height + 60)
        self.y += 6 if self.y > self.top else 0
        self._draw_text(text, HEADING_PX, self.left, self.content_width, bold=True)
        self.painter.setPen(QPen(RULE, 1.0))
        self.painter.drawLine(QPointF(self.left, self.y + 2), QPointF(self.left + self.content_width, self.y + 2))
        self.y += 8

    def paragraph(self, text: str, *, px: float = TEXT_PX, bold: bool = False, colour: QColor = INK,
                  indent: float = 0.0) -> None:
        height = self.text_height(text, px, self.content_width - indent, bold=bold)
        self.need(height)
        self._draw_text(text, px, self.left + indent, self.content_width - indent, bold=bold, colour=colour)
        self.y += px * 0.45

    def bullets(self, items: Sequence[str], *, px: float = TEXT_PX) -> None:
        for item in items:
            height = self.text_height(item, px, self.content_width - 16)
            self.need(height)
            self.painter.setFont(font(px))
            self.painter.setPen(INK)
            self.painter.drawText(QRectF(self.left + 4, self.y, 12, height), int(Qt.AlignmentFlag.AlignTop), "•")
            self._draw_text(item, px, self.left + 16, self.content_width - 16)
            self.y += px * 0.2

    def _draw_text(self, text: str, px: float, x: float, width: float, *, bold: bool = False,
                   colour: QColor = INK) -> None:
        p = self.painter
        p.setFont(font(px, bold=bold))
        p.setPen(colour)
        rect = p.boundingRect(QRectF(x, self.y, width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
        p.drawText(QRectF(x, self.y, width, rect.height()), int(Qt.TextFlag.TextWordWrap), text)
        self.y += rect.height()

    def space(self, height: float) -> None:
        self.y = min(self.bottom, self.y + height)

    # --- blocks ---------------------------------------------------------------------------------------
    def block(self, height: float, paint: Painting) -> QRectF:
        """A block of ``height`` the full width, painted by ``paint(painter, rect)``; returns its
        rectangle on its page (logical pixels)."""
        self.need(height)
        rect = QRectF(self.left, self.y, self.content_width, height)
        self.painter.save()
        paint(self.painter, rect)
        self.painter.restore()
        self.y += height + 8
        return rect

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, px: float = SMALL_PX,
              total: Sequence[str] | None = None) -> None:
        """Rows under a header (repeated on each page the table runs onto); a ``total`` row last, bold."""
        widths = [c.share * self.content_width for c in columns]

        def row_height(cells: Sequence[str], bold: bool = False) -> float:
            return max(self.text_height(str(cell), px, w - 2 * CELL_PAD, bold=bold) for cell, w in
                       zip(cells, widths, strict=True)) + 2 * CELL_PAD

        header = [c.title for c in columns]
        header_h = row_height(header, True)
        all_rows = [(list(r), False) for r in rows] + ([(list(total), True)] if total is not None else [])
        first = row_height(all_rows[0][0], all_rows[0][1]) if all_rows else 0.0
        self.need(header_h + first)
        self._table_row(header, columns, widths, header_h, px, bold=True, fill=HEADER_FILL)
        for cells, bold in all_rows:
            height = row_height(cells, bold)
            if height > self.room():
                self.new_page()
                self._table_row(header, columns, widths, header_h, px, bold=True, fill=HEADER_FILL)
            self._table_row(cells, columns, widths, height, px, bold=bold)
        self.y += 8

    def _table_row(self, cells: Sequence[str], columns: Sequence[Column], widths: list[float], height: float,
                   px: float, *, bold: bool = False, fill: QColor | None = None) -> None:
        p = self.painter
        if fill is not None:
            p.fillRect(QRectF(self.left, self.y, self.content_width, height), fill)
        p.setFont(font(px, bold=bold))
        p.setPen(INK)
        x = self.left
        for cell, column, width in zip(cells, columns, widths, strict=True):
            align = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            p.drawText(QRectF(x + CELL_PAD, self.y + CELL_PAD, width - 2 * CELL_PAD, height - 2 * CELL_PAD),
                       int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap), str(cell))
            x += width
        p.setPen(QPen(RULE, 0.8))
        p.drawLine(QPointF(self.left, self.y + height), QPointF(self.left + self.content_width, self.y + height))
        self.y += height
