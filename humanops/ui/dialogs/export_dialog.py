"""Export layers to a plain file (GeoPackage with QGIS styles, GeoJSON, CSV with HXL, KML),
in a worker with progress and Cancel. A plain file enforces no marking: the dialog says how
many features above TLP:CLEAR would leave that way before anything is written."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.catalog import Catalog
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

FILE_SUFFIXES = (".gpkg", ".geojson", ".csv", ".kml")  # in the order of the save dialog's file types
SINGLE_LAYER_SUFFIXES = (".geojson", ".json", ".csv")
_WARNING = "color: #8a5a00;"
_ERROR = "color: #b00020;"


def run_export(workspace_path: str | Path, file: str, layers: list[str], feedback: Feedback,
               layers_as: str = "files") -> Any:
    """In the worker thread. The exporter reads one layer after another: it reads a consistent
    copy made with SQLite's backup API (on this thread's own connections), so every layer is
    of the same moment and edits made meanwhile stay out of the export. A team database (a
    URL) is read in one REPEATABLE READ snapshot of a connection of the worker's own instead."""
    from humanops.formats.exporter import export_file
    from humanops.store.db import backup
    from humanops.store.open_target import is_postgres_url
    from humanops.store.workspace import Workspace

    if is_postgres_url(workspace_path):
        return _export_from_database(str(workspace_path), file, layers, feedback, layers_as)
    workspace_path = Path(workspace_path)
    with tempfile.TemporaryDirectory(prefix="humanops-export-") as folder:
        snapshot = Path(folder) / workspace_path.name
        feedback.progress(0.0, QCoreApplication.translate("ExportDialog", "taking a consistent copy of the workspace"))
        backup(workspace_path, snapshot)
        with Workspace.open(snapshot) as workspace:
            return export_file(workspace, file, layers=layers, feedback=feedback.step(0.1, 1.0),
                               layers_as=layers_as)


def _export_from_database(url: str, file: str, layers: list[str], feedback: Feedback, layers_as: str) -> Any:
    from humanops.formats.exporter import export_file
    from humanops.store.postgis.workspace import PostgisWorkspace

    with PostgisWorkspace.open(url) as workspace:
        feedback.progress(0.0, QCoreApplication.translate("ExportDialog", "taking a consistent copy of the workspace"))
        with workspace.connection.transaction():  # every layer of the same moment, others' commits kept out
            workspace.connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return export_file(workspace, file, layers=layers, feedback=feedback.step(0.1, 1.0),
                               layers_as=layers_as)


class ExportDialog(WorkerDialog):
    """``exported(message)`` when the file is written."""

    exported = Signal(str)

    def __init__(self, workspace_path: str | Path, catalog: Catalog, counts: dict[str, dict[str, int]],
                 parent: QWidget | None = None, *, feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.setObjectName("export_dialog")
        # what the worker opens (a file, or a team database's URL), and the file if it is one
        self.workspace_path = workspace_path if isinstance(workspace_path, str) else Path(workspace_path)
        self.workspace_file = self.workspace_path if isinstance(self.workspace_path, Path) else None
        self.feedback_factory = feedback_factory
        self.report: Any = None
        # Features by layer and TLP level, to warn before a plain file carries marked data.
        self.counts = counts

        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText(self.tr("where to write: .gpkg, .geojson, .csv or .kml"))
        self.file_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.layer_list = QListWidget(self)
        for kind in catalog:
            n = sum(self.counts.get(kind.name, {}).values())
            item = QListWidgetItem(f"{kind.title_in(current_language())} ({format_count(n)})", self.layer_list)
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = n > 0 and kind.exchange_by_default
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.layer_list.itemChanged.connect(self._update_buttons)
        # GeoJSON and CSV hold one layer: several go to a file each, or one file with a layer column
        self.layers_as_box = QComboBox(self)
        self.layers_as_box.setObjectName("layers_as")
        self.layers_as_box.addItem(self.tr("One file per layer, named after it (FILE_layer)"), "files")
        self.layers_as_box.addItem(self.tr("One file with a 'layer' column (import splits it again)"), "column")
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Layers"), self.layer_list)
        form.addRow(self.tr("Several layers"), self.layers_as_box)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 460)
        self._update_buttons()

    def browse(self) -> None:
        filters = [self.tr("GeoPackage, styled for QGIS (*.gpkg)"), self.tr("GeoJSON, one layer (*.geojson)"),
                   self.tr("CSV with HXL tags, one layer (*.csv)"), self.tr("KML (*.kml)")]
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export to"),
                                                   str((self.workspace_file.parent if self.workspace_file is not None
                                                        else Path.home()) / "export.gpkg"), ";;".join(filters))
        if path:
            if not Path(path).suffix:  # the chosen file type's suffix (the filters are translated)
                path += FILE_SUFFIXES[filters.index(chosen)] if chosen in filters else ".gpkg"
            self.file_edit.setText(path)

    def set_file(self, path: str | Path) -> None:
        self.file_edit.setText(str(path))

    def chosen_layers(self) -> list[str]:
        return [self.layer_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.layer_list.count())
                if self.layer_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_layers(self, layers: list[str]) -> None:
        for i in range(self.layer_list.count()):
            item = self.layer_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in layers
                               else Qt.CheckState.Unchecked)

    def _problem(self) -> str | None:
        file = self.file_edit.text().strip()
        layers = self.chosen_layers()
        if not file:
            return self.tr("Choose a file.")
        if not layers:
            return self.tr("Choose at least one layer.")
        if self.workspace_file is not None and Path(file).expanduser().resolve() == self.workspace_file.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        suffix = Path(file).suffix.lower()
        if suffix not in (".gpkg", ".geojson", ".json", ".csv", ".kml"):
            return self.tr("The file must end in .gpkg, .geojson, .csv or .kml.")
        return None

    def _update_buttons(self, *_args: object) -> None:
        layers = self.chosen_layers()
        above = {}
        for layer in layers:
            for level, n in self.counts.get(layer, {}).items():
                if level != "CLEAR":
                    above[level] = above.get(level, 0) + n
        if above:
            levels = ", ".join(f"TLP:{level} {format_count(n)}" for level, n in above.items())
            self.warning.setText(ExportDialog.tr("%Ln feature(s) are marked above TLP:CLEAR ({levels}). A plain file "
                                                 "enforces no marking: keep it to your own tools, and share with "
                                                 "partners through an exchange package.", "",
                                                 sum(above.values())).format(levels=levels))
            self.warning.setStyleSheet(_WARNING)
        else:
            self.warning.setText("")
        problem = self._problem()
        if self.worker is None and (problem is not None or self.report is None):
            self.message.setText(problem or "")
            self.message.setStyleSheet("")
        self.export_button.setEnabled(problem is None and self.worker is None)
        suffix = Path(self.file_edit.text().strip()).suffix.lower()
        self.layers_as_box.setEnabled(suffix in SINGLE_LAYER_SUFFIXES and len(layers) > 1)

    def start_export(self) -> None:
        if self._problem() is not None or self.worker is not None:
            return
        file, layers, path = self.file_edit.text().strip(), self.chosen_layers(), self.workspace_path
        layers_as = self.layers_as_box.currentData()
        self.report = None
        self.message.setText(self.tr("Exporting…"))
        self.message.setStyleSheet("")

        def done(report: Any) -> None:
            self.report = report
            text = report.summary() if hasattr(report, "summary") else self.tr("Exported to {file}").format(file=file)
            self.message.setText(text)
            self.message.setStyleSheet("")
            self.exported.emit(text.splitlines()[0])
            self._worker_done()

        def failed(message: str) -> None:
            self.message.setText(self.tr("Export failed, no file was written: {reason}").format(reason=message))
            self.message.setStyleSheet(_ERROR)
            self._worker_done()

        def cancelled() -> None:
            self.message.setText(self.tr("Cancelled: no file was written."))
            self.message.setStyleSheet("")
            self._worker_done()

        self.worker = run_with_progress(self, self.tr("Exporting"),
                                        lambda feedback: run_export(path, file, layers, feedback, layers_as),
                                        on_success=done, on_error=failed, on_cancel=cancelled,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()



def tlp_counts(workspace: Workspace) -> dict[str, dict[str, int]]:
    """Features per layer and TLP level (one GROUP BY a layer)."""
    return {kind.name: {str(level): n for level, n in workspace.value_counts(kind.name, "tlp").items()}
            for kind in workspace.catalog}
