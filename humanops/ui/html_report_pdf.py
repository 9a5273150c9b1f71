"""The page layout the HTML reports share when printed to PDF (the sharing report,
:mod:`humanops.ui.audit_report_pdf`; the exercise report, :mod:`humanops.ui.exercise_report_pdf`):
the report's own HTML laid out by Qt's QTextDocument on A4 pages through QPdfWriter (no new
dependency), its charts added as images (QTextDocument shows no SVG). Written whole or not at all,
owner-only: the reports name partners.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from humanops.errors import SharingError
from humanops.store.atomic_files import atomic_write
from humanops.ui.map_decorations import font

CHART_SCALE = 2  # the image's pixels per logical pixel: sharp when printed
PAGE_MARGIN_MM = 15.0
LOGICAL_DPI = 96

# Adds a chart image to the document under a name and width; returns the HTML that shows it.
AddImage = Callable[[str, QImage, int], str]


def chart_canvas(width: int, height: int) -> tuple[QImage, QPainter]:
    """A white image of ``width`` × ``height`` logical pixels at CHART_SCALE, and a painter on it
    (the caller ends the painter)."""
    image = QImage(width * CHART_SCALE, height * CHART_SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(CHART_SCALE)
    image.fill(QColor("#ffffff"))
    return image, QPainter(image)


def write_html_pdf(out: str | Path, html: Callable[[AddImage], str], *, title: str, font_size: int,
                   landscape: bool = False) -> int:
    """Lay out the HTML ``html(add_image)`` returns on A4 pages and write it to ``out`` as a PDF;
    returns its pages. Needs a QGuiApplication (fonts), which it makes when there is none."""
    from humanops.ui.sitrep import drawing_application

    drawing_application()
    out = Path(out)
    document = QTextDocument()
    images: list[QImage] = []  # the document holds its resources by reference: keep them alive

    def add_image(prefix: str, image: QImage, width: int) -> str:
        name = f"{prefix}-{len(images)}.png"
        images.append(image)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        return f'<p><img src="{name}" width="{width}"></p>'

    document.setDefaultFont(font(font_size))
    document.setHtml(html(add_image))
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    try:
        with atomic_write(out, exists_error=SharingError) as tmp:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(LOGICAL_DPI)  # the page in the screen's pixels: the fonts' and charts' sizes hold
            writer.setTitle(title)
            writer.setCreator("HumanOps")
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                             QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM,
                                                       PAGE_MARGIN_MM)))
            document.setPageSize(QSizeF(writer.width(), writer.height()))
            document.print_(writer)
            pages = document.pageCount()
            del writer  # the file is finished when the writer goes
    except OSError as exc:
        raise SharingError(f"cannot write the report ({exc.strerror})", file=str(out)) from None
    return pages
