"""*File › Export map image…*: the map as it is shown, as a PNG or a one-page PDF, with the TLP
banner of the highest marking drawn, the date and the valid-at time, and (as chosen) the legend,
scale bar and north arrow.

The map is rendered by :class:`humanops.ui.map_export.MapRenderer` (parts on worker threads,
composed here as they arrive), first as a small preview that follows the choices, then at the
size chosen when *Export* is clicked; the file is then written in a worker with progress and
Cancel, whole or not at all. The export holds everything our map shows (not filtered for a
partner): its banner says how far it may go.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

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
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.ui.canvas.map_canvas import MapCanvas

PNG, PDF = "png", "pdf"
PNG_DPIS = (96, 150, 200, 300)
PDF_DPIS = (150, 200, 300)
PREVIEW_WIDTH = 420
PREVIEW_DELAY_MS = 250
_ERROR = "color: #b00020;"
_OK = "color: #1b5e20;"


class MapExportDialog(WorkerDialog):
    """``exported(path)`` once a file was written."""

    exported = Signal(str)

    def __init__(self, canvas: MapCanvas, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        from humanops.model.clock import workspace_now
        from humanops.model.exercise import exercise_banner
        from humanops.sharing.directory_store import list_partners

        super().__init__(parent)
        self.setObjectName("map_export_dialog")
        self.setWindowTitle(self.tr("Export map image"))
        self.canvas = canvas
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
        self.made = workspace_now(workspace)
        self.exercise = exercise_banner(workspace) or ""  # drawn across the map of an exercise
        ours = next((p for p in list_partners(workspace) if p["self"]), None)
        self.made_by = (ours["acronym"] or ours["org_id"]) if ours else (workspace.organisation or "")
        self.written: Path | None = None
        self.picture: MapPicture | None = None  # the last export's map (its TLP)
        self._confirmed: Path | None = None  # the file the save dialog asked about replacing
        self._exporting = False

        intro = QLabel(self.tr("The map as it is shown now, with everything it draws: not filtered for a partner. "
                               "The TLP banner of the highest marking drawn, the date and the valid-at time are "
                               "always on it."), self)
        intro.setWordWrap(True)
        self.format = QComboBox(self)
        self.format.setObjectName("format")
        self.format.addItem(self.tr("PNG image"), PNG)
        self.format.addItem(self.tr("PDF document (one page)"), PDF)
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setText(self.tr("Map of {workspace}").format(workspace=self.workspace_path.stem))

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

        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("map_file")
        self.file_edit.setPlaceholderText(self.tr("where to write the map (.png or .pdf)"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

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
        self.message = QLabel(self)
        self.message.setObjectName("map_export_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export_map")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        close.clicked.connect(self.reject)

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
            signal.connect(self._choice_changed)
        self.file_edit.textChanged.connect(self._file_changed)
        canvas.layerLoaded.connect(self._choice_changed)
        canvas.layerFailureChanged.connect(self._choice_changed)
        self.resize(640, 720)
        self._format_changed()

    # --- choices ------------------------------------------------------------------------------------
    def chosen_format(self) -> str:
        return self.format.currentData()

    def furniture(self) -> MapFurniture:
        return MapFurniture(legend=self.legend.isChecked(), scale_bar=self.scale_bar.isChecked(),
                            north_arrow=self.north_arrow.isChecked())

    def texts(self) -> MapTexts:
        _loading, failed = layers_not_ready(self.canvas)
        notes = tuple(self.tr("{title} failed to load: not on this map").format(title=title) for title in failed)
        return MapTexts(self.title.text().strip() or self.workspace_path.stem,
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
        suggested = self.workspace_path.parent / f"{self.workspace_path.stem}-map{suffix}"
        kinds = self.tr("PNG image (*.png)") if suffix == ".png" else self.tr("PDF document (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the map to"), str(suggested), kinds)
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self._confirmed = Path(path)  # the save dialog asked before replacing it
            self.file_edit.setText(path)

    def _format_changed(self, *_args: object) -> None:
        self.size_pages.setCurrentIndex(0 if self.chosen_format() == PNG else 1)
        text = self.file_edit.text().strip()
        if text:  # keep the name, follow the format
            wanted = "." + self.chosen_format()
            path = Path(text)
            if path.suffix.lower() in (".png", ".pdf") and path.suffix.lower() != wanted:
                self.file_edit.setText(str(path.with_suffix(wanted)))
        self._choice_changed()

    def _file_changed(self, *_args: object) -> None:
        if not self._exporting and self.worker is None:
            self.written = None
        self._update_buttons()

    def _choice_changed(self, *_args: object) -> None:
        if not self._exporting and self.worker is None:
            self.written = None
        self._preview_timer.start()
        self._update_buttons()

    def _problem(self) -> str | None:
        loading, _failed = layers_not_ready(self.canvas)
        if loading:
            return self.tr("Waiting for {layers} to load…").format(layers=", ".join(loading))
        text = self.file_edit.text().strip()
        if not text:
            return self.tr("Choose where to write the map.")
        target = Path(text).expanduser()
        wanted = "." + self.chosen_format()
        if target.suffix.lower() != wanted:
            return self.tr("The file must end in {suffix}.").format(suffix=wanted)
        if target.resolve() == self.workspace_path.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        if target.exists() and target != self._confirmed:
            return self.tr("{file} exists already: choose another name, or Browse… to replace it.").format(
                file=target.name)
        return None

    def _update_buttons(self) -> None:
        problem = self._problem()
        busy = self._exporting or self.worker is not None
        self.export_button.setEnabled(problem is None and not busy)
        if not busy and self.written is None:
            self._say(problem or "", _ERROR if problem and self.file_edit.text().strip() else "")

    def _say(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)

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
    def start_export(self) -> None:
        if self._problem() is not None or self._exporting or self.worker is not None:
            return
        self._exporting = True
        self.written = None
        self._say(self.tr("Drawing the map…"))
        self._update_buttons()
        self.renderer.render(request_from_canvas(self.canvas, self._map_view(), labels=self.labels.isChecked()))

    def _export_failed(self, reason: str) -> None:
        self._exporting = False
        self._say(self.tr("No map was written: {reason}").format(reason=reason), _ERROR)
        self._update_buttons()

    def _export_rendered(self, picture: MapPicture) -> None:
        self._exporting = False
        self.picture = picture
        target = Path(self.file_edit.text().strip()).expanduser()
        texts, furniture = self.texts(), self.furniture()
        fmt, dpi = self.chosen_format(), float(self.png_dpi.currentData())
        page, landscape = self.page.currentData(), bool(self.orientation.currentData())

        def write(feedback: Feedback) -> int:
            if fmt == PNG:
                return write_png(decorated_image(picture, texts, furniture), target, dpi, feedback)
            return write_pdf(picture, texts, furniture, target, page=page, landscape=landscape, feedback=feedback)

        def done(size: int) -> None:
            self.written = target
            self._confirmed = None
            self._worker_done()
            self._say(self.tr("Written {file} ({size} bytes), marked TLP:{tlp}.").format(
                file=str(target), size=f"{size:,}", tlp=picture.tlp), _OK)
            self.exported.emit(str(target))

        def failed(message: str) -> None:
            self._worker_done()
            self._say(self.tr("No map was written: {reason}").format(reason=message), _ERROR)

        def cancelled() -> None:
            self._worker_done()
            self._say(self.tr("Cancelled: no map was written."))

        task: Callable[[Feedback], Any] = write
        self._say(self.tr("Writing {file}…").format(file=target.name))
        self.worker = run_with_progress(self, self.tr("Writing the map"), task, on_success=done, on_error=failed,
                                        on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()

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
        for signal, slot in ((self.canvas.layerLoaded, self._choice_changed),
                             (self.canvas.layerFailureChanged, self._choice_changed)):
            with contextlib.suppress(RuntimeError, TypeError):  # the canvas went first
                signal.disconnect(slot)
        super().done(result)
