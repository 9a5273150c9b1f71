"""Import a file: choose it and its layer kind (or let the fields decide), see first what the
import would do — matched and unmapped fields, features repaired or rejected and why — and
only then import. Both steps run in a worker with progress and Cancel; a cancel, a refusal
or an error writes nothing. The Check → Import flow is
:class:`humanops.ui.dialogs.check_then_import.CheckThenImportDialog`'s."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.dialogs.check_then_import import ERROR_STYLE, CheckThenImportDialog
from humanops.ui.dialogs.import_mapping_panel import MappingPanel
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.catalog import Catalog
    from humanops.feedback import Feedback
    from humanops.formats.field_mapping import MappingChoice

FILE_FILTER = QT_TRANSLATE_NOOP("ImportDialog", "Geodata (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap "
                                                "*.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage "
                                                "(*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip "
                                                "*.shp);;CAP alerts and feeds (*.cap *.xml *.atom *.rss);;Cursor on "
                                                "Target (*.cot *.xml);;All files (*)")
_REJECTED = QColor("#b00020")
_REPAIRED = QColor("#8a5a00")


@dataclass
class ImportOutcome:
    report: Any  # humanops.formats.import_report.ImportReport
    refused: str | None = None  # why nothing was (or would be) written
    profiles: list[str] | None = None  # the workspace's saved import profiles
    # change-log seq ranges the import's transaction wrote, every feature validated first
    # (humanops.store.own_writes): the Problems panel's watch need not check them again
    written: tuple[tuple[int, int], ...] = ()


def run_import(workspace_path: str | Path, file: str, layer: str | None, dry_run: bool, skip_rejected: bool,
               feedback: Feedback, mapping: MappingChoice | None = None,
               profile: str | None = None) -> ImportOutcome:
    """In the worker thread, through a connection of its own (a connection is not shared
    between threads): the window keeps reading while the import prepares, and waits only
    while it commits. The importer writes in one transaction that a cancel rolls back."""
    from humanops.formats.import_profiles import list_profiles, load_profile
    from humanops.formats.import_report import ImportRefused
    from humanops.formats.importer import import_file
    from humanops.store.open_target import is_postgres_url, open_any
    from humanops.store.own_writes import recording_own_writes

    # In a database others' transactions take seqs between ours: a range would not be ours
    # alone, so nothing is recorded there and the Problems watch checks the import's features itself.
    recording = nullcontext([]) if is_postgres_url(workspace_path) else None
    with open_any(workspace_path) as workspace, recording or recording_own_writes(workspace) as written:
        profiles = list(list_profiles(workspace))
        if profile is not None:  # a profile just chosen: it replaces the table's mapping
            mapping = load_profile(workspace, profile)
        try:
            report = import_file(workspace, file, layer=layer, dry_run=dry_run, skip_rejected=skip_rejected,
                                 feedback=feedback, mapping=mapping)
        except ImportRefused as exc:
            return ImportOutcome(exc.report, exc.message, profiles)
    return ImportOutcome(report, None, profiles, tuple(written))


def save_import_profile(workspace_path: str | Path, name: str, choice: MappingChoice, feedback: Feedback) -> list[str]:
    """In a worker: store ``choice`` as ``name``; the profiles saved now."""
    from humanops.formats.import_profiles import list_profiles, save_profile
    from humanops.store.open_target import open_any

    with open_any(workspace_path) as workspace:
        save_profile(workspace, name, choice)
        return list(list_profiles(workspace))


class ImportDialog(CheckThenImportDialog):
    """``imported(report)`` once features were written, just after ``validatedWrites(ranges)``:
    the change-log seq ranges the import wrote (for the Problems panel's watch)."""

    imported = Signal(object)
    validatedWrites = Signal(object)

    def __init__(self, workspace_path: str | Path, catalog: Catalog, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        # a file, or a team database's URL (its workers open it on a connection of their own)
        super().__init__(workspace_path if isinstance(workspace_path, str) else Path(workspace_path), parent,
                         feedback_factory=feedback_factory)
        self.setWindowTitle(self.tr("Import"))
        self.setObjectName("import_dialog")
        self.outcome: ImportOutcome | None = None
        self._checked_settings: tuple | None = None

        file_row = self.file_row(self.tr("GeoJSON, GeoPackage, CSV with HXL tags, KML or zipped Shapefile"))
        self.browse_button.setAutoDefault(False)  # Return in the mapping table must not open a file chooser
        self.layer_box = QComboBox(self)
        self.layer_box.addItem(self.tr("Automatic (from the file's layer names and fields)"), None)
        for kind in catalog:
            self.layer_box.addItem(kind.title_in(current_language()), kind.name)
        self.layer_box.currentIndexChanged.connect(self._settings_changed)
        self.skip_rejected = QCheckBox(self.tr("Import the valid features and skip the rejected ones"), self)
        self.skip_rejected.toggled.connect(self._settings_changed)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Into layer"), self.layer_box)
        form.addRow("", self.skip_rejected)

        self.summary.setText(self.tr("Choose a file, then Check to see what the import would do. Nothing is "
                                     "written until you press Import."))
        self.report_tree = QTreeWidget(self)
        self.report_tree.setHeaderLabels([self.tr("Import report")])
        self.report_tree.setAlternatingRowColors(True)

        self.check_import_buttons(self.tr("Read the file and report what would be imported (dry run)"))

        self.mapping_panel = MappingPanel(catalog, self)
        self.mapping_panel.recheck.connect(self._recheck)
        self.mapping_panel.save_requested.connect(self.save_profile)
        self.file_edit.textChanged.connect(lambda _text: self.mapping_panel.forget())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_panel, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.report_tree, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 820)
        self._update_buttons()

    # --- inputs ---------------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import file"), str(Path.home()), self.tr(FILE_FILTER))
        if path:
            self.file_edit.setText(path)

    def set_file(self, path: str | Path, layer: str | None = None) -> None:
        super().set_file(path)
        if layer is not None:
            self.layer_box.setCurrentIndex(max(0, self.layer_box.findData(layer)))

    def _settings(self) -> tuple:
        return (self.file_edit.text().strip(), self.layer_box.currentData(), self.skip_rejected.isChecked(),
                self.mapping_panel.key())

    def _settings_changed(self, *_args: object) -> None:
        self._update_buttons()

    def checked_for_now(self) -> bool:
        return (self._checked_settings == self._settings() and self.outcome is not None
                and self.outcome.refused is None and self.outcome.report.status == "dry-run")

    # --- running --------------------------------------------------------------------------------

    def _recheck(self) -> None:
        """The mapping changed: check again (live preview), once the worker is free."""
        if self.worker is not None:
            self.mapping_panel._timer.start()
        elif self.file_edit.text().strip():
            self.check()

    def save_profile(self, name: str) -> None:
        choice = self.mapping_panel.choice(self.layer_box.currentData())
        if choice is None or self.worker is not None:
            return
        path = self.workspace_path

        def saved(profiles: list[str]) -> None:
            self.mapping_panel.set_profiles(profiles)
            self.mapping_panel.profile_box.setCurrentText(name)
            self.summary.setText(self.tr("Profile {name} saved in the workspace.").format(name=repr(name)))
            self._worker_done()

        def failed(message: str) -> None:
            self._say(self.tr("Profile not saved: {reason}").format(reason=message), ERROR_STYLE)
            self._worker_done()

        self.run_step(self.tr("Saving the profile"), lambda feedback: save_import_profile(path, name, choice, feedback),
                      on_success=saved, on_error=failed, on_cancel=self._worker_done)

    def _run(self, *, dry_run: bool) -> None:
        file, layer, skip = self._settings()[:3]
        if not file:
            return
        if self.is_the_workspace(file):
            self._say(self.tr("That is the workspace itself: choose another file."), ERROR_STYLE)
            return
        self._say(self.tr("Checking…") if dry_run else self.tr("Importing…"))
        settings = self._settings()
        path = self.workspace_path
        mapping = self.mapping_panel.choice(layer)
        profile = self.mapping_panel.pending_profile

        def finished_ok(outcome: ImportOutcome) -> None:
            self.outcome = outcome
            if outcome.profiles is not None:
                self.mapping_panel.set_profiles(outcome.profiles)
            if len(outcome.report.layers) == 1:
                self.mapping_panel.show_layer(outcome.report.layers[0])
            # a table filled by this check (first read, a profile) shows what was checked; otherwise
            # what the user had when the check started (edits made meanwhile are not checked yet)
            rebuilt = mapping is None or profile is not None
            self._checked_settings = (self._settings() if rebuilt else settings) if dry_run else None
            self.show_outcome(outcome)
            if not dry_run and outcome.refused is None:
                self.validatedWrites.emit(outcome.written)
                self.imported.emit(outcome.report)
            self._worker_done()

        def failed(message: str) -> None:
            self.outcome = None
            if dry_run:
                text = self.tr("Check failed, nothing was written: {reason}")
            else:
                text = self.tr("Import failed, nothing was written: {reason}")
            self._say(text.format(reason=message), ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self.outcome = None
            self._say(self.tr("Cancelled: nothing was written."))
            self._worker_done()

        title = self.tr("Checking the file") if dry_run else self.tr("Importing")
        self.run_step(title, lambda feedback: run_import(path, file, layer, dry_run, skip, feedback, mapping, profile),
                      on_success=finished_ok, on_error=failed, on_cancel=cancelled)

    # --- the report ------------------------------------------------------------------------------------
    def show_outcome(self, outcome: ImportOutcome) -> None:
        report = outcome.report
        if report.status == "dry-run":
            counts = self.tr("read {read}, would import {imported}, repaired {repaired}, rejected {rejected}")
        else:
            counts = self.tr("read {read}, imported {imported}, repaired {repaired}, rejected {rejected}")
        counts = counts.format(read=format_count(report.read), imported=format_count(report.imported),
                               repaired=format_count(report.repaired), rejected=format_count(report.rejected))
        if outcome.refused:
            self._say(self.tr("Nothing would be written: {reason}").format(reason=outcome.refused) + f"\n({counts})",
                      ERROR_STYLE)
        elif report.status == "dry-run":
            self._say(self.tr("Ready to import: {counts}. Press Import to write.").format(counts=counts))
        else:
            self._say(self.tr("Imported: {counts}. Each feature is stored with its marking.").format(counts=counts))
        self.report_tree.clear()
        for layer in report.layers:
            top = QTreeWidgetItem([f"{layer.source_layer} → {layer.kind}"
                                   + (f" ({layer.kind_from})" if layer.kind_from else "")])
            self.report_tree.addTopLevelItem(top)
            line = self.tr("read {read}, imported {imported}, repaired {repaired}, rejected {rejected}").format(
                read=format_count(layer.read), imported=format_count(layer.imported),
                repaired=format_count(layer.repaired), rejected=format_count(layer.rejected))
            if layer.source_crs:
                line += "; " + self.tr("source CRS {crs}").format(crs=layer.source_crs)
            _child(top, line)
            mapping = layer.mapping
            matched = _child(top, self.tr("Matched fields ({n})").format(n=format_count(len(mapping.matched))))
            for m in mapping.matched:
                how = f" [{m.hxl}]" if m.how == "hxl" and m.hxl else (f" [{m.how}]" if m.how != "name" else "")
                _child(matched, f"{m.column} → {m.field}{how}")
            if mapping.unmapped:
                unmapped = _child(top, self.tr("Unmapped columns, not imported ({n})").format(
                    n=format_count(len(mapping.unmapped))))
                for column in mapping.unmapped:
                    _child(unmapped, column)
            if mapping.defaulted:
                defaulted = _child(top, self.tr("Defaulted"))
                for name, value in mapping.defaulted.items():
                    _child(defaulted, f"{name} = {value}")
            if mapping.missing_required:
                _child(top, self.tr("Missing required fields: {fields}").format(
                    fields=", ".join(mapping.missing_required)), _REJECTED)
            for note in layer.notes:
                _child(top, self.tr("note: {note}").format(note=note))
            if layer.refusal:
                _child(top, self.tr("refused: {reason}").format(reason=layer.refusal), _REJECTED)
            if layer.problems:
                problems = _child(top, self.tr("Problems ({n})").format(n=format_count(len(layer.problems))))
                actions = {"rejected": self.tr("rejected"), "repaired": self.tr("repaired")}
                for problem in layer.problems[:500]:
                    colour = _REJECTED if problem.action == "rejected" else _REPAIRED
                    _child(problems, f"[{actions.get(problem.action, problem.action)}] {problem}", colour)
                if len(layer.problems) > 500:
                    _child(problems, self.tr("… and {n} more").format(n=format_count(len(layer.problems) - 500)))
                problems.setExpanded(True)
            top.setExpanded(True)
        for name, why in report.skipped_layers:
            self.report_tree.addTopLevelItem(QTreeWidgetItem([self.tr("skipped source layer {name}: {reason}").format(
                name=name, reason=why)]))


def _child(parent: QTreeWidgetItem, text: str, colour: QColor | None = None) -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, [text])
    item.setToolTip(0, text)
    if colour is not None:
        item.setForeground(0, QBrush(colour))
    return item
