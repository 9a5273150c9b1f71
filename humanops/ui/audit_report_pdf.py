"""The sharing report as a PDF (``humanops audit report OUT.pdf``): the report's own HTML
(:func:`humanops.sharing.audit_report.render_html`) laid out by Qt's QTextDocument on A4 pages
through QPdfWriter (no new dependency), its charts drawn by the app's chart module
(:mod:`humanops.ui.charts`) as images, since QTextDocument shows no SVG. Written whole or not at
all, owner-only: it names partners.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from humanops.errors import SharingError
from humanops.sharing.audit_report import Chart, GovernanceReport, render_html
from humanops.store.atomic_files import atomic_write
from humanops.ui.charts import Bar, chart_height, draw_bar_chart
from humanops.ui.map_decorations import font

CHART_WIDTH_PX = 600
CHART_SCALE = 2  # the image's pixels per logical pixel: sharp when printed
PAGE_MARGIN_MM = 15.0
LOGICAL_DPI = 96


def chart_image(chart: Chart) -> QImage:
    """The chart's bars on white, longest bar the full track (counts, not shares: no marks)."""
    top = max((bar.value for bar in chart.bars), default=0) or 1
    bars = [Bar(bar.label, bar.value / top, f"{bar.value:,}", QColor(bar.colour)) for bar in chart.bars]
    title_px = 20
    height = int(chart_height(bars)) + title_px
    image = QImage(CHART_WIDTH_PX * CHART_SCALE, height * CHART_SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(CHART_SCALE)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setFont(font(11, bold=True))
    painter.setPen(QColor("#1e1e1e"))
    painter.drawText(QRectF(0, 0, CHART_WIDTH_PX, title_px), chart.title)
    draw_bar_chart(painter, QRectF(0, title_px, CHART_WIDTH_PX, height - title_px), bars, marks=())
    painter.end()
    return image


def write_report_pdf(report: GovernanceReport, out: str | Path) -> int:
    """Write ``report`` to ``out`` as a PDF; returns its pages. Needs a QGuiApplication (fonts)."""
    from humanops.ui.sitrep import drawing_application

    drawing_application()
    out = Path(out)
    document = QTextDocument()
    images: list[QImage] = []

    def chart(found: Chart) -> str:
        name = f"chart-{len(images)}.png"
        images.append(chart_image(found))
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), images[-1])
        return f'<p><img src="{name}" width="{CHART_WIDTH_PX}"></p>'

    document.setDefaultFont(font(11))
    document.setHtml(render_html(report, chart))
    try:
        with atomic_write(out, exists_error=SharingError) as tmp:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(LOGICAL_DPI)  # the page in the screen's pixels: the fonts' and charts' sizes hold
            writer.setTitle(f"Sharing report: {report.organisation_name}")
            writer.setCreator("HumanOps")
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                             QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM,
                                                       PAGE_MARGIN_MM)))
            document.setPageSize(QSizeF(writer.width(), writer.height()))
            document.print_(writer)
            pages = document.pageCount()
            del writer  # the file is finished when the writer goes
    except OSError as exc:
        raise SharingError(f"cannot write the report ({exc.strerror})", file=str(out)) from None
    return pages
