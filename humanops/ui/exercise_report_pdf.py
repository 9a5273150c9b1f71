"""The exercise report as a PDF (``humanops exercise report --out REPORT.pdf``): the report's own HTML
(:func:`humanops.scenario.exercise_report.render_report_html`) laid out by QTextDocument on A4 pages
through QPdfWriter, the route the sharing report takes (:mod:`humanops.ui.audit_report_pdf`). Its
timeline charts are the HTML's own SVG drawn to images (QTextDocument shows no SVG). Written whole
or not at all, owner-only: it names partners.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from humanops.errors import SharingError
from humanops.scenario.exercise_report import ExerciseReport, render_report_html
from humanops.store.atomic_files import atomic_write
from humanops.ui.audit_report_pdf import CHART_SCALE, LOGICAL_DPI, PAGE_MARGIN_MM
from humanops.ui.map_decorations import font


def svg_image(svg: str, width: int, height: int) -> QImage:
    image = QImage(width * CHART_SCALE, height * CHART_SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(CHART_SCALE)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(painter, QRectF(0, 0, width, height))  # logical pixels
    painter.end()
    return image


def write_exercise_report_pdf(report: ExerciseReport, out: str | Path) -> int:
    """Write ``report`` to ``out`` as a PDF; returns its pages."""
    from humanops.ui.sitrep import drawing_application

    drawing_application()
    out = Path(out)
    document = QTextDocument()
    images: list[QImage] = []

    def chart(svg: str, width: int, height: int) -> str:
        name = f"timeline-{len(images)}.png"
        images.append(svg_image(svg, width, height))
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), images[-1])
        return f'<p><img src="{name}" width="{width}"></p>'

    document.setDefaultFont(font(10))
    document.setHtml(render_report_html(report, chart))
    try:
        with atomic_write(out, exists_error=SharingError) as tmp:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(LOGICAL_DPI)
            writer.setTitle(f"EXERCISE — {report.name}: decision timelines")
            writer.setCreator("HumanOps")
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                             QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM,
                                                       PAGE_MARGIN_MM)))
            document.setPageSize(QSizeF(writer.width(), writer.height()))
            document.print_(writer)
            pages = document.pageCount()
            del writer
    except OSError as exc:
        raise SharingError(f"cannot write the report ({exc.strerror})", file=str(out)) from None
    return pages
