"""The sharing report as a PDF (``humanops audit report OUT.pdf``): the report's own HTML
(:func:`humanops.sharing.audit_report.render_html`) on the pages :mod:`humanops.ui.html_report_pdf`
lays out, its charts drawn by the app's chart module (:mod:`humanops.ui.charts`) as images.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from humanops.sharing.audit_report import Chart, GovernanceReport, render_html
from humanops.ui.charts import Bar, chart_height, draw_bar_chart
from humanops.ui.html_report_pdf import AddImage, chart_canvas, write_html_pdf
from humanops.ui.map_decorations import font

CHART_WIDTH_PX = 600


def chart_image(chart: Chart) -> QImage:
    """The chart's bars on white, longest bar the full track (counts, not shares: no marks)."""
    top = max((bar.value for bar in chart.bars), default=0) or 1
    bars = [Bar(bar.label, bar.value / top, f"{bar.value:,}", QColor(bar.colour)) for bar in chart.bars]
    title_px = 20
    height = int(chart_height(bars)) + title_px
    image, painter = chart_canvas(CHART_WIDTH_PX, height)
    painter.setFont(font(11, bold=True))
    painter.setPen(QColor("#1e1e1e"))
    painter.drawText(QRectF(0, 0, CHART_WIDTH_PX, title_px), chart.title)
    draw_bar_chart(painter, QRectF(0, title_px, CHART_WIDTH_PX, height - title_px), bars, marks=())
    painter.end()
    return image


def write_report_pdf(report: GovernanceReport, out: str | Path) -> int:
    """Write ``report`` to ``out`` as a PDF (portrait A4); returns its pages. Needs a QGuiApplication (fonts)."""

    def html(add_image: AddImage) -> str:
        return render_html(report, lambda found: add_image("chart", chart_image(found), CHART_WIDTH_PX))

    return write_html_pdf(out, html, title=f"Sharing report: {report.organisation_name}", font_size=11)
