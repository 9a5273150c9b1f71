"""Charts drawn with QPainter, shared by the situation report (PDF) and the dashboard dock.

QtCharts would need PySide6-Addons, a large dependency (hundreds of MB of Qt modules) for a few
bar and line charts; these draw on any paint device and thread (a PDF page in the report's worker,
a widget or a PNG in the app), and their labels stay text in the PDF. A bar's colour says how it
stands (the colour-blind-safe ramp of the app's styles: blue-green fine, orange short, vermilion
critical), and its text says it again in words and numbers, so nothing rests on colour alone.

What a chart shows is built once here (:func:`coverage_bars`, :func:`shelter_bars`,
:func:`corridor_bars`), from the rows of :mod:`humanops.ui.sitrep_content`, so the report and the
dashboard draw the same bars; each caller words the values in its own language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from humanops.ui.map_decorations import font

if TYPE_CHECKING:
    from humanops.ui.sitrep_content import CorridorRow, CoverageRow, ShelterRow

BAR_ROW_PX = 20.0
LABEL_SHARE = 0.26  # of the width, for the labels at the left
VALUE_SHARE = 0.34  # for the values at the right
GOOD = QColor("#009e73")
SHORT = QColor("#e69f00")
CRITICAL = QColor("#d55e00")
TRACK = QColor("#eef0f2")
AXIS = QColor("#8c8c8c")
INK = QColor("#1e1e1e")
MUTED_INK = QColor("#555555")
SHELTERS_CHARTED = 20  # the fullest; the rest are counted under the chart
SHELTER_MARKS = (0.5, 0.9, 1.0)
TIME_CHART_PX = 170.0  # plot and axes of a time chart, without its legend
LEGEND_ROW_PX = 16.0


def percent(share: float) -> str:
    """A share as a whole percentage that never rounds across 100 %: 99.6 % is "99 %" (not full),
    100.2 % is "101 %" (over)."""
    value = share * 100
    whole = math.floor(value) if value < 100 else math.ceil(value - 1e-9)
    return f"{whole} %"


@dataclass(frozen=True)
class Bar:
    label: str
    share: float  # 0..scale_max (1.0 = 100 %)
    value_text: str
    colour: QColor


@dataclass(frozen=True)
class BarChart:
    """Bars and the scale they are drawn on."""

    bars: list[Bar]
    scale_max: float = 1.0
    marks: tuple[float, ...] = (0.5, 1.0)
    mark_text: Callable[[float], str] = percent

    @property
    def height(self) -> float:
        return chart_height(self.bars)

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        draw_bar_chart(painter, rect, self.bars, scale_max=self.scale_max, marks=self.marks,
                       mark_text=self.mark_text)


@dataclass(frozen=True)
class Series:
    """One line (or band, stacked) of a time chart: a value per moment of the chart."""

    label: str
    values: Sequence[float]
    colour: QColor


def chart_height(bars: Sequence[Bar]) -> float:
    return len(bars) * BAR_ROW_PX + 18


def coverage_colour(share: float) -> QColor:
    """Stock against demand: all of it, half of it or more, less than half."""
    return GOOD if share >= 1.0 else SHORT if share >= 0.5 else CRITICAL


def fill_colour(share: float) -> QColor:
    """A shelter's occupancy against its capacity: room left, nearly full (90 %), over capacity."""
    return CRITICAL if share > 1.0 else SHORT if share >= 0.9 else GOOD


# --- what the charts show, for the report and the dashboard ----------------------------------------

def coverage_bars(rows: Sequence[CoverageRow], value_text: Callable[[CoverageRow], str]) -> BarChart:
    """Needs coverage by sector: the share of each item's demand the stock on hand covers."""
    return BarChart([Bar(row.item, row.covered, value_text(row), coverage_colour(row.covered)) for row in rows])


def shelter_bars(rows: Sequence[ShelterRow], value_text: Callable[[ShelterRow], str],
                 limit: int = SHELTERS_CHARTED) -> BarChart:
    """Shelter fill, the fullest ``limit`` shelters (``rows`` come fullest first); the scale
    reaches past 100 % when one is over capacity (at most 200 %: a notch says the bar goes on)."""
    charted = list(rows[:limit])
    top = max((row.fill for row in charted), default=1.0)
    return BarChart([Bar(row.name, row.fill, value_text(row), fill_colour(row.fill)) for row in charted],
                     scale_max=min(2.0, max(1.2, top)), marks=SHELTER_MARKS)


def corridor_bars(rows: Sequence[CorridorRow], value_text: Callable[[CorridorRow], str],
                  status_colour: Callable[[str], QColor]) -> BarChart:
    """Corridors by risk (0-100, as a share of 100), coloured by their status (its word is in the
    value text too)."""
    return BarChart([Bar(row.name, row.risk_score / 100, value_text(row), status_colour(row.status))
                     for row in rows], marks=(0.25, 0.5, 0.75, 1.0), mark_text=lambda mark: f"{mark * 100:.0f}")


# --- drawing ---------------------------------------------------------------------------------------

def draw_bar_chart(painter: QPainter, rect: QRectF, bars: Sequence[Bar], *, scale_max: float = 1.0,
                   marks: Sequence[float] = (0.5, 1.0), mark_text: Callable[[float], str] | None = None) -> None:
    """Bars left to right from 0 to ``scale_max``, labels left, values right, with dotted marks
    (100 % drawn solid) and their values (percentages by default) under the chart."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    label_w = rect.width() * LABEL_SHARE
    value_w = rect.width() * VALUE_SHARE
    track_left = rect.left() + label_w + 6
    track_w = rect.width() - label_w - value_w - 12

    def x_of(share: float) -> float:
        return track_left + track_w * max(0.0, min(share, scale_max)) / scale_max

    small = font(10)
    painter.setFont(small)
    metrics = QFontMetricsF(small)
    for i, bar in enumerate(bars):
        top = rect.top() + i * BAR_ROW_PX
        painter.setPen(INK)
        painter.drawText(QRectF(rect.left(), top, label_w, BAR_ROW_PX),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w))
        painter.fillRect(QRectF(track_left, top + 4, track_w, BAR_ROW_PX - 8), TRACK)
        painter.fillRect(QRectF(track_left, top + 4, x_of(bar.share) - track_left, BAR_ROW_PX - 8), bar.colour)
        if bar.share > scale_max:  # beyond the chart: a notch says it goes on
            painter.setPen(QPen(QColor("#ffffff"), 2.0))
            edge = x_of(scale_max)
            painter.drawLine(QPointF(edge - 6, top + 5), QPointF(edge - 2, top + BAR_ROW_PX - 5))
        painter.setPen(INK)
        painter.drawText(QRectF(track_left + track_w + 6, top, value_w, BAR_ROW_PX),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(bar.value_text, Qt.TextElideMode.ElideRight, value_w))
    bottom = rect.top() + len(bars) * BAR_ROW_PX
    labelled_to = math.inf  # left edge of the last mark's label: a mark too close keeps its line only
    for mark in sorted(marks, reverse=True):  # 100 % first: it keeps its label
        if mark > scale_max:
            continue
        x = x_of(mark)
        pen = QPen(AXIS, 1.0 if mark == 1.0 else 0.7)
        pen.setStyle(Qt.PenStyle.SolidLine if mark == 1.0 else Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, bottom + 2))
        text = (mark_text or percent)(mark)
        half = metrics.horizontalAdvance(text) / 2 + 3
        if x + half <= labelled_to:
            painter.setPen(MUTED_INK)
            painter.drawText(QRectF(x - half, bottom + 2, 2 * half, 14), int(Qt.AlignmentFlag.AlignHCenter), text)
            labelled_to = x - half
    painter.setPen(QPen(AXIS, 1.0))
    painter.drawLine(QPointF(track_left, rect.top()), QPointF(track_left, bottom + 2))
    painter.restore()


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (an axis's top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value - 1e-9)


def time_chart_height(series: Sequence[Series], width: float) -> float:
    return TIME_CHART_PX + legend_rows(series, width) * LEGEND_ROW_PX + 4


def legend_rows(series: Sequence[Series], width: float) -> int:
    """Rows the legend takes at ``width`` (entries laid left to right, wrapping)."""
    metrics = QFontMetricsF(font(10))
    rows, x = (1 if series else 0), 0.0
    for item in series:
        w = 18 + metrics.horizontalAdvance(item.label) + 12
        if x and x + w > width:
            rows, x = rows + 1, 0.0
        x += w
    return rows


def draw_time_chart(painter: QPainter, rect: QRectF, times: Sequence[datetime], series: Sequence[Series], *,
                    stacked: bool, number_text: Callable[[float], str], date_text: Callable[[datetime], str],
                    marker: datetime | None = None, marker_text: str = "") -> None:
    """Values over ``times``: stacked bands (the top is the total) or lines, a legend above, the
    value axis at the left (0 to a round top) and the first, middle and last dates under it; a
    dashed vertical line at ``marker`` (the moment the rest of the view shows)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = font(10)
    painter.setFont(small)
    metrics = QFontMetricsF(small)
    legend_h = legend_rows(series, rect.width()) * LEGEND_ROW_PX
    x, y = rect.left(), rect.top()
    for item in series:  # the legend: a swatch and the words, wrapping
        w = 18 + metrics.horizontalAdvance(item.label) + 12
        if x > rect.left() and x + w > rect.right():
            x, y = rect.left(), y + LEGEND_ROW_PX
        painter.fillRect(QRectF(x, y + 3, 12, 10), item.colour)
        painter.setPen(INK)
        painter.drawText(QRectF(x + 16, y, w - 16, LEGEND_ROW_PX), int(Qt.AlignmentFlag.AlignVCenter), item.label)
        x += w
    n = len(times)
    totals = [sum(s.values[i] for s in series) if stacked else max((s.values[i] for s in series), default=0)
              for i in range(n)]
    top_value = nice_ceiling(max(totals, default=0.0))
    axis_w = max(metrics.horizontalAdvance(number_text(top_value)), metrics.horizontalAdvance("0")) + 8
    plot = QRectF(rect.left() + axis_w, rect.top() + legend_h + 6, rect.width() - axis_w - 4,
                  TIME_CHART_PX - 6 - 20)

    def x_at(i: int) -> float:
        return plot.left() + (plot.width() * i / (n - 1) if n > 1 else plot.width() / 2)

    def y_at(value: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, value) / top_value

    for fraction in (0.0, 0.5, 1.0):  # the value axis: 0, half and the top, with light grid lines
        gy = plot.bottom() - plot.height() * fraction
        pen = QPen(TRACK if fraction else AXIS, 1.0)
        painter.setPen(pen)
        painter.drawLine(QPointF(plot.left(), gy), QPointF(plot.right(), gy))
        painter.setPen(MUTED_INK)
        painter.drawText(QRectF(rect.left(), gy - 8, axis_w - 4, 16),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         number_text(top_value * fraction))
    if n:
        base = [0.0] * n
        for item in series:
            upper = [base[i] + item.values[i] for i in range(n)] if stacked else list(item.values)
            if stacked:
                band = QPainterPath(QPointF(x_at(0), y_at(upper[0])))
                for i in range(1, n):
                    band.lineTo(x_at(i), y_at(upper[i]))
                for i in reversed(range(n)):
                    band.lineTo(x_at(i), y_at(base[i]))
                band.closeSubpath()
                fill = QColor(item.colour)
                painter.fillPath(band, fill)
            line = QPainterPath(QPointF(x_at(0), y_at(upper[0])))
            for i in range(1, n):
                line.lineTo(x_at(i), y_at(upper[i]))
            painter.setPen(QPen(item.colour.darker(140) if stacked else item.colour, 1.2 if stacked else 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(line)
            if stacked:
                base = upper
        painter.setPen(MUTED_INK)
        shown = sorted({0, n // 2, n - 1}) if n > 2 else list(range(n))
        for i in shown:  # dates under the axis: first, middle and last
            text = date_text(times[i])
            w = metrics.horizontalAdvance(text) + 6
            left = min(max(x_at(i) - w / 2, plot.left() - axis_w / 2), plot.right() - w + 4)
            painter.drawText(QRectF(left, plot.bottom() + 3, w, 16), int(Qt.AlignmentFlag.AlignHCenter), text)
        if marker is not None and n > 1 and times[0] <= marker <= times[-1]:
            span = (times[-1] - times[0]).total_seconds()
            mx = plot.left() + plot.width() * (marker - times[0]).total_seconds() / span
            pen = QPen(INK, 1.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(mx, plot.top()), QPointF(mx, plot.bottom()))
            if marker_text:
                w = metrics.horizontalAdvance(marker_text) + 6
                left = mx + 3 if mx + 3 + w <= plot.right() else mx - 3 - w
                painter.drawText(QRectF(left, plot.top(), w, 14), int(Qt.AlignmentFlag.AlignLeft), marker_text)
    painter.restore()
