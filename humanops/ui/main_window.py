"""The main window: the map in the middle, panels docked around it, menus and toolbars,
and the status bar with the cursor's coordinates (degrees, MGRS or UTM) and the map scale.

The window is built without touching the data; :meth:`MainWindow.open_workspace` attaches a
workspace (``run_app`` calls it after the first frame). Every edit is committed by the
Workspace API as it is made, so "unsaved" work is only what is still on screen: a drawing in
progress, a new feature's form, or a form with unapplied changes; closing asks about those.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui import extensions
from humanops.ui.actions import MainActions
from humanops.ui.canvas.map_canvas import MapCanvas
from humanops.ui.coordinates import format_grid, format_lat_lon, format_scale
from humanops.ui.editing import EditingController
from humanops.ui.panels.alerts_panel import AlertsPanel
from humanops.ui.panels.attribute_table import AttributeTable
from humanops.ui.panels.feature_form import FeatureFormPanel
from humanops.ui.panels.layers_panel import LayersPanel
from humanops.ui.panels.marking_editor import MarkingPanel, partner_parties
from humanops.ui.panels.problems_panel import ProblemsPanel
from humanops.ui.panels.time_slider import TimeSlider
from humanops.ui.problems_watch import ProblemsWatch
from humanops.ui.settings import (
    add_recent_workspace,
    app_settings,
    app_version,
    recent_workspaces,
    remove_recent_workspace,
)
from humanops.ui.workers import cancel_all_and_wait
from humanops.ui.workspace_signals import WorkspaceSignals

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange
    from humanops.ui.extensions import MenuEntry

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    workspaceOpened = Signal(str)
    workspaceClosed = Signal()

    def __init__(self, settings: QSettings | None = None, *, restore_layout: bool = True) -> None:
        super().__init__()
        self.setObjectName("humanops_main_window")
        self.settings = settings if settings is not None else app_settings()
        self.workspace: Workspace | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.canvas = MapCanvas(self)
        self.canvas.setObjectName("map_canvas")
        self.setCentralWidget(self.canvas)
        self.workspace_signals = WorkspaceSignals(self)
        self.workspace_signals.changed.connect(self._on_workspace_change)
        self.editing = EditingController(self.canvas, self.undo_stack, self)
        self.editing.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.editing.error.connect(self.show_error)
        self.editing.featureAdded.connect(self._feature_added)
        self.editing.markingRefused.connect(self._marking_refused)
        self.editing.proposed.connect(self._proposal_made)
        self.editing.proposalCancelled.connect(lambda _layer, _uuid: setattr(self, "_fields_to_propose", None))
        self._fields_to_propose: tuple[str, str] | None = None  # the form's edit waiting for the question
        self.import_dialog: QWidget | None = None
        self.export_dialog: QWidget | None = None

        extensions.load_extensions()
        self.actions = MainActions(self)
        self.actions.build_menus()
        self.actions.build_toolbar()
        self._build_docks()
        self._build_status_bar()
        self._connect_canvas()
        for hook in extensions.window_hooks():  # other areas' toolbars and connections
            try:
                hook(self)
            except Exception:
                log.exception("window hook %s failed", getattr(hook, "__qualname__", hook))
        self._changed_layers: set[str] = set()
        self._proposals_changed = False
        self._change_timer = QTimer(self, singleShot=True, interval=100)
        self._change_timer.timeout.connect(self._apply_workspace_changes)
        self.actions.set_workspace_open(False)
        self._update_title()
        self.resize(1600, 1000)
        if restore_layout:
            self._restore_layout()

    # --- construction -----------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self.actions.panels_menu.addAction(dock.toggleViewAction())
        self.docks[name] = dock
        return dock

    def _build_docks(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        left, right, bottom = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                               Qt.DockWidgetArea.BottomDockWidgetArea)
        self.layers_panel = LayersPanel(self.canvas, self)
        self._dock("layers", "Layers", self.layers_panel, left)
        self.feature_panel = FeatureFormPanel(self)
        self.feature_panel.authority = self.editing.authority
        self.feature_panel.applyRequested.connect(self._apply_fields)
        self._dock("feature", "Feature", self.feature_panel, right)
        self.marking_panel = MarkingPanel(self)
        self.marking_panel.rule_check = self.editing.marking_refusal
        self.marking_panel.editor.clock = self.editing.now
        self.marking_panel.authority = self.editing.marking_note
        self.marking_panel.applyRequested.connect(self._apply_marking)
        self._dock("marking", "Marking", self.marking_panel, right)
        self.time_slider = TimeSlider(self)
        self.time_slider.timeChanged.connect(self._time_changed)
        time_dock = self._dock("time", "Time", self.time_slider, bottom)
        time_dock.setTitleBarWidget(QWidget(time_dock))  # one slim row: no title bar of its own
        self.attribute_table = AttributeTable(self.canvas, self)
        self.attribute_table.currentFeatureChanged.connect(lambda layer, uuid: self._show_feature(layer, uuid))
        self._dock("attributes", "Attribute table", self.attribute_table, bottom)
        self.splitDockWidget(self.docks["time"], self.docks["attributes"], Qt.Orientation.Vertical)
        self.alerts_panel = AlertsPanel(self)
        self._dock("alerts", "Alerts", self.alerts_panel, bottom)
        self.tabifyDockWidget(self.docks["attributes"], self.docks["alerts"])
        self.problems_panel = ProblemsPanel(self)  # features other tools left invalid
        self._dock("problems", "Problems", self.problems_panel, bottom)
        self.tabifyDockWidget(self.docks["attributes"], self.docks["problems"])
        self.problems_watch = ProblemsWatch(self)
        self.docks["attributes"].raise_()
        self.resizeDocks([self.docks["layers"], self.docks["feature"]], [290, 380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["time"], self.docks["attributes"]], [40, 230], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["feature"], self.docks["marking"]], [380, 420], Qt.Orientation.Vertical)
        for entry in extensions.panels():
            try:
                widget = entry.factory(self)
            except Exception:
                log.exception("panel %s could not be made", entry.id)
                continue
            area = {"left": left, "right": right, "bottom": bottom}[entry.area]
            dock = self._dock(entry.id, entry.title, widget, area)
            dock.setVisible(entry.visible)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.coordinates_label = QLabel(self)
        self.coordinates_label.setToolTip("Cursor position, WGS 84")
        self.grid_label = QLabel(self)
        self.grid_label.setToolTip("Cursor position on the military grid (MGRS), or UTM")
        self.scale_label = QLabel(self)
        self.scale_label.setToolTip("Map scale at the centre of the view")
        width = self.fontMetrics().horizontalAdvance
        self.coordinates_label.setMinimumWidth(width("89.99999° N  179.99999° W") + 12)
        self.grid_label.setMinimumWidth(width("MGRS 37S CA 29181 07804") + 12)
        self.scale_label.setMinimumWidth(width("1:10,000,000") + 12)
        for label in (self.coordinates_label, self.grid_label, self.scale_label):
            bar.addPermanentWidget(label)

    def _connect_canvas(self) -> None:
        c = self.canvas
        c.cursorMoved.connect(self._cursor_moved)
        c.scaleChanged.connect(self._scale_changed)
        c.selectionChanged.connect(self._selection_changed)
        c.featureIdentified.connect(self._feature_identified)

    # --- workspace life cycle ------------------------------------------------------------------------
    def open_workspace(self, path: str | Path) -> bool:
        """Open the workspace at ``path`` (closing the current one, asking about unsaved work)."""
        if self.workspace is not None and not self.close_workspace():
            return False
        from humanops.store.workspace import Workspace

        try:
            workspace = Workspace.open(path)
        except HumanOpsError as exc:
            if not Path(path).exists():
                remove_recent_workspace(self.settings, str(Path(path).resolve()))
            self.show_error(exc.message, title="Cannot open the workspace")
            return False
        self.set_workspace(workspace)
        add_recent_workspace(self.settings, workspace.path)
        return True

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.undo_stack.clear()
        self.workspace_signals.attach(workspace)
        self.canvas.set_workspace(workspace)
        self.layers_panel.set_workspace(workspace)
        self.attribute_table.set_workspace(workspace)
        self.alerts_panel.set_workspace(workspace)
        self.time_slider.set_workspace(workspace)
        self.editing.set_workspace(workspace)
        self.reload_partner_directory()
        self._show_feature(None, None)
        self.actions.set_workspace_open(True)
        self._update_title()
        total = sum(workspace.count(name) for name in workspace.layers())
        org = workspace.organisation
        self.statusBar().showMessage(
            f"Opened {workspace.path.name}: {total:,} features{', organisation ' + org if org else ''}.", 10000)
        self.problems_watch.attach(workspace)  # checks other tools' edits in a worker, then follows the file
        self.workspaceOpened.emit(str(workspace.path))

    def reload_partner_directory(self) -> None:
        """The partner directory changed (sharing dialogs): offer its parties in the markings."""
        self.marking_panel.editor.set_parties(partner_parties(self.workspace))

    def close_workspace(self, *, ask: bool = True) -> bool:
        """Close the current workspace; False if the user chose to keep it open."""
        if self.workspace is None:
            return True
        if ask and not self.confirm_unsaved():
            return False
        self.editing.discard_new_feature()
        self.editing.cancel_drawing()
        self.problems_watch.detach()
        cancel_all_and_wait()
        self.workspace_signals.detach()
        self.undo_stack.clear()
        workspace, self.workspace = self.workspace, None
        self._show_feature(None, None)
        self.editing.set_workspace(None)
        self.canvas.set_workspace(None)
        self.layers_panel.set_workspace(None)
        self.attribute_table.set_workspace(None)
        self.alerts_panel.set_workspace(None)
        self.time_slider.set_workspace(None)
        workspace.close()
        self.actions.set_workspace_open(False)
        self._update_title()
        self.workspaceClosed.emit()
        return True

    def close_workspace_interactive(self) -> None:
        self.close_workspace()

    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New workspace", str(Path.home() / "workspace.gpkg"),
                                              "GeoPackage workspace (*.gpkg)")
        if not path:
            return
        if not path.endswith(".gpkg"):
            path += ".gpkg"
        org, ok = QInputDialog.getText(self, "New workspace", "Your organisation's id (e.g. ocha, medaid):")
        if not ok:
            return
        if not org.strip():  # the originator of everything drawn here: without it nothing could be edited
            self.show_error("A workspace needs your organisation's id (e.g. ocha, medaid): it is the originator of "
                            "every feature you draw, and only an originator changes its features. Nothing was created.")
            return
        from humanops.store.workspace import Workspace

        if Path(path).exists():
            self.show_error(f"{path} exists already: choose another name (nothing was overwritten).")
            return
        try:
            workspace = Workspace.create(path, organisation=org.strip())
        except HumanOpsError as exc:
            self.show_error(exc.message, title="Cannot create the workspace")
            return
        if self.close_workspace():
            self.set_workspace(workspace)
            add_recent_workspace(self.settings, workspace.path)
        else:
            workspace.close()

    def choose_workspace(self) -> None:
        start = str(self.workspace.path.parent) if self.workspace else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open workspace", start,
                                              "GeoPackage workspace (*.gpkg);;All files (*)")
        if path:
            self.open_workspace(path)

    def fill_recent_menu(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        recent = recent_workspaces(self.settings)
        if not recent:
            empty = menu.addAction("No recent workspaces")
            empty.setEnabled(False)
            return
        for i, path in enumerate(recent, start=1):
            action = QAction(f"&{i} {Path(path).name}  —  {Path(path).parent}", menu)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, path=path: self.open_workspace(path))
            menu.addAction(action)

    def save_checkpoint(self) -> None:
        """Ctrl+S: every edit is already committed; Save applies what the forms still hold and
        folds back a write-ahead log if another tool left the file in WAL mode."""
        if self.workspace is None:
            return
        if not self._apply_pending_forms():
            return
        if not self.workspace.checkpoint():  # another program holds the file
            log.warning("checkpoint of %s failed: the file is in use", self.workspace.path)
        self.statusBar().showMessage(
            f"Saved. Every edit is stored in {self.workspace.path.name} the moment it is made; the file is "
            "complete on its own (copy it, send it, open it in QGIS).", 10000)

    # --- unsaved state and closing --------------------------------------------------------------------
    def unsaved_work(self) -> list[str]:
        items = []
        if self.editing.has_unfinished_drawing():
            items.append("a drawing that is not finished")
        if self.editing.has_pending_new_feature():
            items.append("a new feature whose form is not yet confirmed")
        if self.feature_panel.is_dirty():
            items.append("changed fields not yet applied")
        if self.marking_panel.is_dirty():
            items.append("a changed marking not yet applied")
        return items

    def confirm_unsaved(self) -> bool:
        """Ask Save / Discard / Cancel about unsaved work; True when it is safe to go on."""
        items = self.unsaved_work()
        if not items:
            return True
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.warning(
            self, "Unsaved work", "There is " + "; ".join(items) + ".\n\nSave it before closing?",
            buttons, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self.editing.discard_new_feature()
            self.editing.cancel_drawing()
            self.feature_panel.revert()
            self.marking_panel.revert()
            return True
        # Save
        if not self._apply_pending_forms():
            return False
        if self.editing.has_pending_new_feature() and not self.editing.submit_new_feature():
            self.show_error("The new feature's form has a problem: fix it or discard it, then close again.")
            return False
        if self.editing.has_unfinished_drawing():
            if self.editing.finish_drawing():
                self.statusBar().showMessage("Confirm the new feature's form, then close again.", 10000)
            else:
                self.show_error("The drawing has too few points to be saved: continue it or discard it.")
            return False
        return True

    def _apply_pending_forms(self) -> bool:
        for panel, what in ((self.feature_panel, "fields"), (self.marking_panel, "marking")):
            if panel.is_dirty() and not panel.apply():
                self.docks["feature" if what == "fields" else "marking"].raise_()
                self.show_error(f"The {what} cannot be applied: see the message in the panel.")
                return False
            if self.editing.has_pending_question():  # another organisation's feature: Propose or Cancel first
                self.statusBar().showMessage("Answer the question about proposing your change first.", 10000)
                return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_unsaved():
            event.ignore()
            return
        self._save_layout()
        if not self.close_workspace(ask=False):
            event.ignore()
            return
        self.canvas.shutdown()
        event.accept()

    def _save_layout(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.settings.sync()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        state = self.settings.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    # --- map tools and editing ------------------------------------------------------------------------
    def set_tool(self, name: str) -> None:
        if self.workspace is None:
            return
        from humanops.ui.canvas import map_tools

        if name == "vertices":
            tool = map_tools.VertexEditTool(self.canvas)
            tool.geometryEdited.connect(self.editing.move_vertices)
        else:
            tool = {"pan": map_tools.PanTool, "select": map_tools.SelectTool,
                    "identify": map_tools.IdentifyTool}[name](self.canvas)
        self.canvas.set_map_tool(tool)

    def begin_drawing(self, layer: str) -> None:
        self.editing.begin_drawing(layer)

    def _offer_key_to_tool(self, key: Qt.Key) -> bool:
        """Esc and Delete are window shortcuts; the map tool gets them first (a drawing's Esc,
        the vertex tool's Delete of the vertex under the cursor)."""
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        return bool(self.canvas.map_tool().key_press(event))

    def cancel_drawing(self) -> None:
        if self._offer_key_to_tool(Qt.Key.Key_Escape):
            self.statusBar().showMessage("Cancelled.", 3000)
        elif not self.editing.cancel_drawing():
            self.canvas.clear_selection()

    def delete_selection(self) -> None:
        if self.canvas.hasFocus() and self._offer_key_to_tool(Qt.Key.Key_Delete):
            return
        self.editing.delete(self.canvas.selection())

    def current_layer(self) -> str | None:
        return self.attribute_table.layer or self.layers_panel.current_layer()

    def select_all(self) -> None:
        layer = self.current_layer()
        if self.workspace is None or layer is None:
            return
        uuids = self.workspace.uuids(layer)
        self.canvas.select(layer, uuids)
        self.statusBar().showMessage(f"Selected {len(uuids):,} {self.workspace.kind(layer).title.lower()}.", 5000)

    def clear_selection(self) -> None:
        self.canvas.clear_selection()

    def set_show_markings(self, show: bool) -> None:
        self.canvas.set_show_markings(bool(show))

    def set_snapping(self, enabled: bool) -> None:
        self.canvas.set_snapping(bool(enabled))
        self.statusBar().showMessage("Snapping to vertices and roads " + ("on." if enabled else "off."), 4000)

    def _time_changed(self, at: Any) -> None:
        self.canvas.set_time_filter(at)
        if at is None:
            self.statusBar().showMessage("Showing features of all times.", 4000)

    # --- reactions to the canvas ----------------------------------------------------------------------
    def _cursor_moved(self, lon: float, lat: float) -> None:
        self.coordinates_label.setText(format_lat_lon(lon, lat))
        self.grid_label.setText(format_grid(lon, lat))

    def _scale_changed(self, denominator: float) -> None:
        self.scale_label.setText(format_scale(denominator))

    def _selection_changed(self, layer: str, uuids: list) -> None:
        self.attribute_table.on_map_selection(layer, list(uuids))
        selection = self.canvas.selection()
        chosen = [(lyr, u) for lyr, ids in selection.items() for u in ids]
        if len(chosen) == 1:
            self._show_feature(*chosen[0])
        elif not chosen:
            self._show_feature(None, None)
        count = len(chosen)
        if count > 1:
            self.statusBar().showMessage(f"{count:,} features selected.", 4000)

    def _feature_identified(self, layer: str, uuid: str) -> None:
        self.canvas.select(layer, [uuid])
        self._show_feature(layer, uuid)
        self.docks["feature"].raise_()

    def show_feature(self, layer: str, uuid: str) -> None:
        """Make one feature the whole selection and show it in the form (a panel's row chosen)."""
        self.canvas.apply_selection({layer: {uuid}}, mode="replace")
        self._feature_identified(layer, uuid)

    def _feature_added(self, layer: str, uuid: str) -> None:
        self.canvas.select(layer, [uuid])

    def _apply_fields(self, layer: str, uuid: str, changes: dict) -> None:
        self._fields_to_propose = None
        if self.editing.update_fields(layer, uuid, changes):
            self._show_stored(layer, uuid, self.feature_panel)
        elif self.editing.has_pending_question():
            self._fields_to_propose = (layer, uuid)

    def _apply_marking(self, layer: str, uuid: str, marking: Any) -> None:
        if self.editing.update_marking(layer, uuid, marking):
            self._show_stored(layer, uuid, self.marking_panel)

    def _marking_refused(self, layer: str, uuid: str, reason: str) -> None:
        if (self.marking_panel.layer, self.marking_panel.uuid) == (layer, uuid):
            self.marking_panel.show_refusal(reason)
            self.docks["marking"].raise_()

    def _proposal_made(self, layer: str, uuid: str) -> None:
        """Our change became a proposal: the feature is as it was. The form that asked for it
        shows the stored feature again (with the note that a proposal is waiting)."""
        if self.workspace is None:
            return
        if self._fields_to_propose == (layer, uuid):
            self._fields_to_propose = None
            self._show_stored(layer, uuid, self.feature_panel)
        elif self.feature_panel.uuid == uuid and not self.feature_panel.is_dirty():
            self._show_stored(layer, uuid, self.feature_panel)

    def _show_stored(self, layer: str, uuid: str, applied: FeatureFormPanel | MarkingPanel) -> None:
        """After Apply: the panel shows the new stored version (the other panel too, unless it
        holds unapplied edits of its own)."""
        assert self.workspace is not None
        feature = self.workspace.find_feature(layer, uuid)
        kind = self.workspace.kind(layer)
        for panel in (self.feature_panel, self.marking_panel):
            if panel is applied or not panel.is_dirty():
                panel.set_feature(feature, kind if feature is not None else None)

    def _show_feature(self, layer: str | None, uuid: str | None) -> None:
        """Show one feature in the form and marking panels, unless they hold unapplied edits
        of another feature (those are kept on screen until applied or reverted)."""
        feature = None
        if self.workspace is not None and layer and uuid:
            try:
                feature = self.workspace.find_feature(layer, uuid)
            except HumanOpsError as exc:  # a value another tool wrote that is not even readable (Problems lists it)
                self.statusBar().showMessage(f"The form cannot show this feature until the tool that wrote it fixes "
                                             f"it: {exc.message}", 15000)
        kind = self.workspace.kind(layer) if feature is not None and self.workspace is not None else None
        for panel in (self.feature_panel, self.marking_panel):
            if panel.is_dirty() and (feature is None or panel.uuid != feature.uuid):
                self.statusBar().showMessage("The panel keeps your unapplied changes: Apply or Revert them.", 6000)
                continue
            panel.set_feature(feature, kind)

    # --- workspace changes (edits, undo, imports) ---------------------------------------------------------
    def _on_workspace_change(self, change: WorkspaceChange) -> None:
        if change.op == "proposal":  # the layer is unchanged: only what the panels say of the feature
            self._proposals_changed = True
        else:
            self._changed_layers.add(change.layer)
        self._change_timer.start()

    def _apply_workspace_changes(self) -> None:
        layers, self._changed_layers = self._changed_layers, set()
        proposals, self._proposals_changed = self._proposals_changed, False
        if layers:
            self.refresh_layers(layers)
        elif proposals:
            self._reshow_feature()

    def _reshow_feature(self) -> None:
        """The shown feature again (a new version, gone, or a proposal about it), unless a panel holds edits."""
        panel = self.feature_panel
        if panel.layer and panel.uuid and not panel.is_dirty() and not self.marking_panel.is_dirty():
            self._show_feature(panel.layer, panel.uuid)

    def refresh_layers(self, layers: set[str] | list[str] | None = None, *, reread_map: bool = False) -> None:
        """Recount and reload the panels after changes. The canvas follows the window's own
        edits by itself (only the touched features); ``reread_map`` is for changes written
        through another connection, e.g. an import worker's."""
        if self.workspace is None:
            return
        names = list(layers) if layers is not None else self.workspace.layers()
        for name in names:
            if reread_map:
                self.canvas.refresh_layer(name)
            self.attribute_table.schedule_reload(name)
        self.layers_panel.refresh_counts()
        self.alerts_panel.refresh()
        # The shown feature may have a new version (or be gone, after an undo).
        if self.feature_panel.layer in names:
            self._reshow_feature()
        dated = layers is None or any(self.workspace.kind(n).time_start for n in names)
        if dated and self.time_slider.time() is None:  # a new date may widen the slider's range
            self.time_slider.set_workspace(self.workspace)
        if reread_map:  # another connection wrote: check what it changed; the poll need not re-read again
            self.problems_watch.reread()

    # --- dialogs ---------------------------------------------------------------------------------------
    def show_import_dialog(self) -> None:
        if self.workspace is None:
            return
        from humanops.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.workspace.path, self.workspace.catalog, self)
        dialog.imported.connect(lambda report: self._after_import(report))
        self.import_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))
        dialog.open()

    def _after_import(self, report: Any) -> None:
        layers = {layer.kind for layer in getattr(report, "layers", [])} or None
        self.refresh_layers(layers, reread_map=True)
        self.statusBar().showMessage(f"Imported {getattr(report, 'imported', 0):,} features.", 10000)

    def show_export_dialog(self) -> None:
        if self.workspace is None:
            return
        from humanops.ui.dialogs.export_dialog import ExportDialog, tlp_counts

        counts = tlp_counts(self.workspace)
        dialog = ExportDialog(self.workspace.path, self.workspace.catalog, counts, self)
        dialog.exported.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.export_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        dialog.open()

    def run_extension(self, entry: MenuEntry) -> None:
        if entry.needs_workspace and self.workspace is None:
            return
        try:
            entry.callback(self)
        except HumanOpsError as exc:
            self.show_error(exc.message)
        except Exception as exc:
            log.exception("menu entry %s failed", entry.text)
            self.show_error(f"internal error in “{entry.text}”: {type(exc).__name__}: {exc}")

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About HumanOps",
            f"<h3>HumanOps {app_version()}</h3>"
            "<p>An offline common operational picture for the partners of a humanitarian response: "
            "danger zones, corridors, civilian needs and facilities, shared through signed, encrypted "
            "files that enforce TLP 2.0 markings.</p>"
            f"<p>Workspace: {self.workspace.path if self.workspace else 'none open'}</p>"
            "<p>Licensed under the Apache License 2.0.</p>")

    def show_error(self, message: str, *, title: str = "HumanOps") -> None:
        """A readable message (never a traceback), also left in the status bar."""
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("error_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _update_title(self) -> None:
        if self.workspace is None:
            self.setWindowTitle("HumanOps")
            self.setWindowFilePath("")
        else:
            self.setWindowTitle(f"{self.workspace.path.name} — HumanOps")
            self.setWindowFilePath(str(self.workspace.path))
