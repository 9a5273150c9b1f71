"""The exercise report as a PDF (``humanops exercise report --out REPORT.pdf``): the report's own HTML
(:func:`humanops.scenario.exercise_report.render_report_html`) on the pages
:mod:`humanops.ui.html_report_pdf` lays out (the sharing report's too), landscape. Its timeline
charts are the HTML's own SVG drawn to images (QTextDocument shows no SVG).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from humanops.scenario.exercise_report import ExerciseReport, render_report_html
from humanops.ui.html_report_pdf import AddImage, chart_canvas, write_html_pdf


def svg_image(svg: str, width: int, height: int) -> QImage:
    image, painter = chart_canvas(width, height)
    QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(painter, QRectF(0, 0, width, height))  # logical pixels
    painter.end()
    return image


def write_exercise_report_pdf(report: ExerciseReport, out: str | Path) -> int:
    """Write ``report`` to ``out`` as a PDF (landscape A4); returns its pages."""

    def html(add_image: AddImage) -> str:
        return render_report_html(
            report, lambda svg, width, height: add_image("timeline", svg_image(svg, width, height), width))

    return write_html_pdf(out, html, title=f"EXERCISE — {report.name}: decision timelines", font_size=10,
                          landscape=True)
