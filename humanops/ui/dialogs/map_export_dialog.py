"""*File › Export map image…*: the map as it is shown, as a PNG or a one-page PDF, with the TLP
banner of the highest marking drawn, the date and the valid-at time, and (as chosen) the legend,
scale bar and north arrow.

The map is rendered by :class:`humanops.ui.map_export.MapRenderer` (parts on worker threads,
composed here as they arrive), first as a small preview that follows the choices, then at the
size chosen when *Export* is clicked; the file is then written in a worker with progress and
Cancel, whole or not at all. The export holds everything our map shows (not filtered for a
partner): its banner says how far it may go. The file row, the worker and the ending are
:class:`humanops.ui.dialogs.product_dialog.ProductDialog`'s.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from humanops.store.open_target import workspace_name
from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.product_dialog import ERROR_STYLE, ProductDialog
from humanops.ui.map_decorations import FOOTER_PX, HEADER_PX, MapFurniture
from humanops.ui.map_export import (
    MAX_IMAGE_PX,
    PAGE_SIZES,
    MapPicture,
    MapRenderer,
    MapTexts,
    decorated_image,
    image_map_view,
    layers_not_ready,
    page_map_view,
    request_from_canvas,
    write_pdf,
    write_png,
)
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.ui.canvas.map_canvas import MapCanvas

PNG, PDF = "png", "pdf"
PNG_DPIS = (96, 150, 200, 300)
PDF_DPIS = (150, 200, 300)
PREVIEW_WIDTH = 420
PREVIEW_DELAY_MS = 250


class WrittenMap(NamedTuple):
    path: Path
    bytes: int


class MapExportDialog(ProductDialog):
    """``exported(path)`` once a file was written; ``written`` is its path until a choice changes."""

    exported = Signal(str)

    def __init__(self, canvas: MapCanvas, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        from humanops.model.clock import workspace_now
        from humanops.model.exercise import exercise_banner
        from humanops.sharing.directory_store import list_partners

        super().__init__(workspace_target(workspace), parent, feedback_factory=feedback_factory)
        self.workspace_stem = workspace_name(workspace)  # the file's stem, or the database's name
        self.setObjectName("map_export_dialog")
        self.setWindowTitle(self.tr("Export map image"))
        self.canvas = canvas
        self.made = workspace_now(workspace)
        self.exercise = exercise_banner(workspace) or ""  # drawn across the map of an exercise
        ours = next((p for p in list_partners(workspace) if p["self"]), None)
        self.made_by = (ours["acronym"] or ours["org_id"]) if ours else (workspace.organisation or "")
        self.result: WrittenMap | None = None
        self.picture: MapPicture | None = None  # the last export's map (its TLP)
        self._exporting = False

        intro = self.intro_label(self.tr("The map as it is shown now, with everything it draws: not filtered for a "
                                         "partner. The TLP banner of the highest marking drawn, the date and the "
                                         "valid-at time are always on it."))
        self.format = QComboBox(self)
        self.format.setObjectName("format")
        self.format.addItem(self.tr("PNG image"), PNG)
        self.format.addItem(self.tr("PDF document (one page)"), PDF)
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setText(self.tr("Map of {workspace}").format(workspace=self.workspace_stem))

        # PNG: size in pixels and resolution
        view = canvas.view()
        self.width_px = QSpinBox(self)
        self.width_px.setObjectName("width_px")
        self.height_px = QSpinBox(self)
        self.height_px.setObjectName("height_px")
        for spin, value in ((self.width_px, view.width), (self.height_px, view.height)):
            spin.setRange(200, MAX_IMAGE_PX)
            spin.setSuffix(self.tr(" px"))
            spin.setValue(max(200, value))
        self.png_dpi = QComboBox(self)
        self.png_dpi.setObjectName("png_dpi")
        for dpi in PNG_DPIS:
            self.png_dpi.addItem(self.tr("{dpi} dpi").format(dpi=dpi), dpi)
        png_size = QHBoxLayout()
        png_size.addWidget(self.width_px)
        png_size.addWidget(QLabel("×", self))
        png_size.addWidget(self.height_px)
        png_size.addWidget(self.png_dpi)
        png_size.addStretch(1)
        png_page = QWidget(self)
        png_page.setLayout(png_size)
        png_size.setContentsMargins(0, 0, 0, 0)
        # PDF: page, orientation, map resolution
        self.page = QComboBox(self)
        self.page.setObjectName("page")
        for name in PAGE_SIZES:
            self.page.addItem(name, name)
        self.orientation = QComboBox(self)
        self.orientation.setObjectName("orientation")
        self.orientation.addItem(self.tr("Landscape"), True)
        self.orientation.addItem(self.tr("Portrait"), False)
        self.pdf_dpi = QComboBox(self)
        self.pdf_dpi.setObjectName("pdf_dpi")
        for dpi in PDF_DPIS:
            self.pdf_dpi.addItem(self.tr("map at {dpi} dpi").format(dpi=dpi), dpi)
        self.pdf_dpi.setCurrentIndex(PDF_DPIS.index(200))
        pdf_row = QHBoxLayout()
        pdf_row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.page, self.orientation, self.pdf_dpi):
            pdf_row.addWidget(widget)
        pdf_row.addStretch(1)
        pdf_page = QWidget(self)
        pdf_page.setLayout(pdf_row)
        self.size_pages = QStackedWidget(self)
        self.size_pages.addWidget(png_page)
        self.size_pages.addWidget(pdf_page)
        self.size_pages.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.legend = QCheckBox(self.tr("Legend"), self)
        self.scale_bar = QCheckBox(self.tr("Scale bar"), self)
        self.north_arrow = QCheckBox(self.tr("North arrow"), self)
        self.labels = QCheckBox(self.tr("Labels"), self)
        include = QHBoxLayout()
        for name, box in (("legend", self.legend), ("scale_bar", self.scale_bar), ("north_arrow", self.north_arrow),
                          ("labels", self.labels)):
            box.setObjectName(name)
            box.setChecked(True)
            include.addWidget(box)
        include.addStretch(1)

        file_row = self.file_row("map_file", self.tr("where to write the map (.png or .pdf)"))

        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Size"), self.size_pages)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Include"), include)
        form.addRow(self.tr("File"), file_row)

        self.preview = QLabel(self)
        self.preview.setObjectName("map_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, 200)
        self.preview.setText(self.tr("Drawing the preview…"))
        self.message_label("map_export_message")
        self.action_buttons(self.tr("Export"), "export_map")
        self.export_button = self.write_button

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.preview_renderer = MapRenderer(self)
        self.preview_renderer.rendered.connect(self._preview_rendered)
        self.preview_renderer.failed.connect(lambda reason: self.preview.setText(reason))
        self.renderer = MapRenderer(self)
        self.renderer.rendered.connect(self._export_rendered)
        self.renderer.failed.connect(self._export_failed)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)

        self.format.currentIndexChanged.connect(self._format_changed)
        for signal in (self.width_px.valueChanged, self.height_px.valueChanged, self.png_dpi.currentIndexChanged,
                       self.page.currentIndexChanged, self.orientation.currentIndexChanged,
                       self.pdf_dpi.currentIndexChanged, self.title.textChanged, self.legend.toggled,
                       self.scale_bar.toggled, self.north_arrow.toggled, self.labels.toggled):
            signal.connect(self._view_changed)
        self.file_edit.textChanged.connect(self._choice_changed)
        canvas.layerLoaded.connect(self._view_changed)
        canvas.layerFailureChanged.connect(self._view_changed)
        self.resize(640, 720)
        self._format_changed()

    # --- choices ------------------------------------------------------------------------------------
    @property
    def written(self) -> Path | None:
        return None if self.result is None else self.result.path

    def chosen_format(self) -> str:
        return self.format.currentData()

    def suffixes(self) -> tuple[str, ...]:
        return ("." + self.chosen_format(),)

    def no_file_text(self) -> str:
        return self.tr("Choose where to write the map.")

    def choices_problem(self) -> str | None:
        loading, _failed = layers_not_ready(self.canvas)
        if loading:
            return self.tr("Waiting for {layers} to load…").format(layers=", ".join(loading))
        return None

    def _busy(self) -> bool:
        return self._exporting or self.worker is not None

    def furniture(self) -> MapFurniture:
        return MapFurniture(legend=self.legend.isChecked(), scale_bar=self.scale_bar.isChecked(),
                            north_arrow=self.north_arrow.isChecked())

    def texts(self) -> MapTexts:
        _loading, failed = layers_not_ready(self.canvas)
        notes = tuple(self.tr("{title} failed to load: not on this map").format(title=title) for title in failed)
        return MapTexts(self.title.text().strip() or self.workspace_stem,
                        self.tr("Our map as shown: not filtered for any partner"), self.canvas.time_filter(),
                        self.made, self.made_by, notes, exercise=self.exercise)

    def _map_view(self, preview: bool = False) -> Any:
        shown = self.canvas.view()
        if self.chosen_format() == PDF:
            view = page_map_view(shown, self.page.currentData(), self.orientation.currentData(),
                                 96.0 if preview else float(self.pdf_dpi.currentData()))
        else:
            dpi = float(self.png_dpi.currentData())
            view = image_map_view(shown, self.width_px.value(), self.height_px.value(), dpi)
        if not preview:
            return view
        # the preview: the same layout (sizes in logical pixels) drawn at the preview's size
        room = self.preview.contentsRect()
        scale = min(room.width() / view.width, room.height() / (view.height + HEADER_PX + FOOTER_PX))
        return view.with_size(view.width, view.height, max(0.05, scale) * self.devicePixelRatioF())

    def browse(self) -> None:
        suffix = "." + self.chosen_format()
        folder = self.workspace_file.parent if self.workspace_file is not None else Path.home()
        suggested = folder / f"{self.workspace_stem}-map{suffix}"
        kinds = self.tr("PNG image (*.png)") if suffix == ".png" else self.tr("PDF document (*.pdf)")
        self.save_file(self.tr("Export the map to"), suggested, kinds)

    def _format_changed(self, *_args: object) -> None:
        self.size_pages.setCurrentIndex(0 if self.chosen_format() == PNG else 1)
        text = self.file_edit.text().strip()
        if text:  # keep the name, follow the format
            wanted = "." + self.chosen_format()
            path = Path(text)
            if path.suffix.lower() in (".png", ".pdf") and path.suffix.lower() != wanted:
                self.file_edit.setText(str(path.with_suffix(wanted)))
        self._view_changed()

    def _view_changed(self, *_args: object) -> None:
        """A choice of what the map shows: the preview follows."""
        self._preview_timer.start()
        self._choice_changed()

    # --- preview ------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        if layers_not_ready(self.canvas)[0]:
            return  # drawn once the layers are loaded (layerLoaded)
        self.preview_renderer.render(request_from_canvas(self.canvas, self._map_view(preview=True),
                                                         labels=self.labels.isChecked()))

    def _preview_rendered(self, picture: MapPicture) -> None:
        image = decorated_image(picture, self.texts(), self.furniture())
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())  # drawn at the preview's size, pixel for pixel
        self.preview.setPixmap(pixmap)
        self.preview.setToolTip(self.tr("Preview: TLP:{tlp}").format(tlp=picture.tlp))

    # --- export -------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        """Draw the map at the size chosen (off the GUI thread), then write it (:meth:`_export_rendered`)."""
        if self._problem() is not None or self._busy():
            return
        self._exporting = True
        self.result = None
        self._say(self.tr("Drawing the map…"))
        self._update_buttons()
        self.renderer.render(request_from_canvas(self.canvas, self._map_view(), labels=self.labels.isChecked()))

    def _export_failed(self, reason: str) -> None:
        self._exporting = False
        self._say(self.tr("No map was written: {reason}").format(reason=reason), ERROR_STYLE)
        self._update_buttons()

    def _export_rendered(self, picture: MapPicture) -> None:
        self._exporting = False
        self.picture = picture
        target = self.target()
        texts, furniture = self.texts(), self.furniture()
        fmt, dpi = self.chosen_format(), float(self.png_dpi.currentData())
        page, landscape = self.page.currentData(), bool(self.orientation.currentData())

        def write(feedback: Feedback) -> WrittenMap:
            if fmt == PNG:
                return WrittenMap(target, write_png(decorated_image(picture, texts, furniture), target, dpi, feedback))
            return WrittenMap(target, write_pdf(picture, texts, furniture, target, page=page, landscape=landscape,
                                                feedback=feedback))

        def written(result: WrittenMap) -> str:
            return self.tr("Written {file} ({size} bytes), marked TLP:{tlp}.").format(
                file=str(result.path), size=f"{result.bytes:,}", tlp=picture.tlp)

        self.write_in_worker(self.tr("Writing the map"), write, written=written,
                             not_written=self.tr("No map was written: {reason}"),
                             cancelled=self.tr("Cancelled: no map was written."),
                             then=lambda result: self.exported.emit(str(result.path)))

    def reject(self) -> None:
        if self._exporting:  # still drawing: stop that, stay open
            self.renderer.cancel()
            self._exporting = False
            self._say(self.tr("Cancelled: no map was written."))
            self._update_buttons()
            return
        super().reject()

    def done(self, result: int) -> None:
        self._preview_timer.stop()
        self.preview_renderer.shutdown()
        self.renderer.shutdown()
        for signal, slot in ((self.canvas.layerLoaded, self._view_changed),
                             (self.canvas.layerFailureChanged, self._view_changed)):
            with contextlib.suppress(RuntimeError, TypeError):  # the canvas went first
                signal.disconnect(slot)
        super().done(result)
