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

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
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
from humanops.ui.editing import EditingController, feature_label
from humanops.ui.exercise_banner import exercise_title, install_exercise_mode
from humanops.ui.exercise_menu import install_exercise_menu
from humanops.ui.failure_notices import install_failure_notices
from humanops.ui.i18n import current_language
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
    remove_recent_workspace,
    reopen_last_workspace,
    set_reopen_last_workspace,
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
    # After refresh_layers (edits, imports, other tools' commits): the layers re-read (None: all)
    layersRefreshed = Signal(object)

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
        install_exercise_mode(self)  # the "EXERCISE — NAME" strip above the map, the scenario clock
        install_exercise_menu(self)  # Exercise: injects, clock settings, decision report (exercises only)
        self._connect_canvas()
        for hook in extensions.window_hooks():  # other areas' toolbars and connections
            try:
                hook(self)
            except Exception as exc:
                name = getattr(hook, "__qualname__", hook)
                log.exception("window hook %s failed", name)
                extensions.record_failure(self.tr("window hook {name}").format(name=name), exc)
        install_failure_notices(self)  # Help → Report a problem…, extensions that failed, failed layers
        self.actions.build_search_toolbars()  # measuring, and Ctrl+F: ui/search_box.py
        self._default_layout = self.saveState()  # View › Reset layout: every dock and toolbar made by now
        self.actions.reopen_last.setChecked(reopen_last_workspace(self.settings))
        self._changed_layers: set[str] = set()
        self._proposals_changed = False
        self._change_timer = QTimer(self, singleShot=True, interval=100)
        self._change_timer.timeout.connect(self._apply_workspace_changes)
        self.actions.set_workspace_open(False)
        self._update_title()
        self.resize(1600, 1000)
        self.setAcceptDrops(True)  # workspaces, files to import and packages (ui/window_drops.py)
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

    def _side_areas(self) -> dict[str, Qt.DockWidgetArea]:
        """The dock areas of the sides a reader starts and ends on ("left" and "right" in a
        left-to-right layout). Qt does not mirror dock areas in a right-to-left one, so there the
        Layers panel goes to the right, where an Arabic reader's eye starts."""
        start, end = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            start, end = end, start
        return {"left": start, "right": end, "bottom": Qt.DockWidgetArea.BottomDockWidgetArea}

    def _mirror_side_docks(self) -> None:
        """Swap the docks of the left and right areas, keeping their order and tabs (a layout
        saved in the other direction, before the language changed)."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        sides = {area: sorted((d for d in self.docks.values() if not d.isFloating() and self.dockWidgetArea(d) == area),
                              key=lambda d: (d.isHidden(), d.y(), d.x())) for area in (left, right)}
        tabs = {dock: self.tabifiedDockWidgets(dock) for docks in sides.values() for dock in docks}
        for area, docks in sides.items():
            placed: list[QDockWidget] = []
            for dock in docks:
                tabbed_with = next((p for p in placed if p in tabs[dock]), None)
                if tabbed_with is not None:
                    self.tabifyDockWidget(tabbed_with, dock)
                else:
                    self.addDockWidget(right if area == left else left, dock, Qt.Orientation.Vertical)
                placed.append(dock)

    def _build_docks(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        areas = self._side_areas()
        left, right, bottom = areas["left"], areas["right"], areas["bottom"]
        self.layers_panel = LayersPanel(self.canvas, self)
        self._dock("layers", self.tr("Layers"), self.layers_panel, left)
        self.feature_panel = FeatureFormPanel(self)
        self.feature_panel.authority = self.editing.authority
        self.feature_panel.form.clock = self.editing.now  # "set" on a date fills the workspace's clock
        self.feature_panel.applyRequested.connect(self._apply_fields)
        self._dock("feature", self.tr("Feature"), self.feature_panel, right)
        self.marking_panel = MarkingPanel(self)
        self.marking_panel.rule_check = self.editing.marking_refusal
        self.marking_panel.editor.clock = self.editing.now
        self.marking_panel.authority = self.editing.marking_note
        self.marking_panel.applyRequested.connect(self._apply_marking)
        self._dock("marking", self.tr("Marking"), self.marking_panel, right)
        self.time_slider = TimeSlider(self)
        self.time_slider.timeChanged.connect(self._time_changed)
        time_dock = self._dock("time", self.tr("Time"), self.time_slider, bottom)
        time_dock.setTitleBarWidget(QWidget(time_dock))  # one slim row: no title bar of its own
        self.attribute_table = AttributeTable(self.canvas, self)
        self.attribute_table.currentFeatureChanged.connect(lambda layer, uuid: self._show_feature(layer, uuid))
        self._dock("attributes", self.tr("Attribute table"), self.attribute_table, bottom)
        self.splitDockWidget(self.docks["time"], self.docks["attributes"], Qt.Orientation.Vertical)
        self.alerts_panel = AlertsPanel(self)
        self._dock("alerts", self.tr("Alerts"), self.alerts_panel, bottom)
        self.tabifyDockWidget(self.docks["attributes"], self.docks["alerts"])
        self.problems_panel = ProblemsPanel(self)  # features other tools left invalid
        self._dock("problems", self.tr("Problems"), self.problems_panel, bottom)
        self.tabifyDockWidget(self.docks["attributes"], self.docks["problems"])
        self.problems_watch = ProblemsWatch(self)
        self.docks["attributes"].raise_()
        self.resizeDocks([self.docks["layers"], self.docks["feature"]], [290, 380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["time"], self.docks["attributes"]], [40, 230], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["feature"], self.docks["marking"]], [380, 420], Qt.Orientation.Vertical)
        for entry in extensions.panels():
            title = QCoreApplication.translate("extensions", entry.title)  # marked where the panel is registered
            try:
                widget = entry.factory(self)
            except Exception as exc:
                log.exception("panel %s could not be made", entry.id)
                extensions.record_failure(self.tr("panel “{title}”").format(title=title), exc)
                continue
            dock = self._dock(entry.id, title, widget, areas[entry.area])
            dock.setVisible(entry.visible)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.coordinates_label = QLabel(self)
        self.coordinates_label.setToolTip(self.tr("Cursor position, WGS 84"))
        self.grid_label = QLabel(self)
        self.grid_label.setToolTip(self.tr("Cursor position on the military grid (MGRS), or UTM"))
        self.scale_label = QLabel(self)
        self.scale_label.setToolTip(self.tr("Map scale at the centre of the view"))
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
        c.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))

    # --- workspace life cycle ------------------------------------------------------------------------
    def open_workspace(self, path: str | Path) -> bool:
        """Open the workspace at ``path``, then swap it for the current one (asking about unsaved
        work). The current one stays open until the new one has opened: a file that cannot be
        opened leaves the window as it was, with a message naming the file."""
        from humanops.store.workspace import Workspace
        from humanops.ui.team_database import is_postgres_url, open_team_workspace, workspace_name

        # On the GUI thread, whose connection it becomes (the store's thread rule): opening is a
        # few checks, 2-15 ms on the demo, and a file that is not a workspace fails at once. A
        # postgresql:// URL opens the team workspace in that database (ui/team_database.py).
        team = is_postgres_url(str(path))
        try:
            workspace: Any = open_team_workspace(str(path)) if team else Workspace.open(path)
        except HumanOpsError as exc:
            if not team and not Path(path).exists():
                remove_recent_workspace(self.settings, str(Path(path).resolve()))
            message = exc.message
            if self.workspace is not None:
                message += "\n\n" + self.tr("{name} stays open.").format(name=workspace_name(self.workspace))
            self.show_error(message, title=self.tr("Cannot open the workspace"))
            return False
        if self.workspace is not None and not self.close_workspace():
            workspace.close()  # the user kept the current one (and its unsaved work)
            return False
        self.set_workspace(workspace)
        add_recent_workspace(self.settings, workspace.path)  # a database's without its password
        return True

    def choose_team_database(self) -> None:
        """File › Open team database…: a postgresql:// URL, server fields or a service name."""
        from humanops.ui.team_database import TeamDatabaseDialog

        dialog = TeamDatabaseDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.open_workspace)
        dialog.open()

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
        if org:
            opened = MainWindow.tr("Opened {name}: %Ln feature(s), organisation {org}.", "", total)
        else:
            opened = MainWindow.tr("Opened {name}: %Ln feature(s).", "", total)
        self.statusBar().showMessage(opened.format(name=self._workspace_name(), org=org), 10000)
        from humanops.ui.team_session import attach_team_session

        attach_team_session(self, workspace)  # a team database: others' edits heard, unported features greyed
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
        from humanops.ui.team_session import detach_team_session

        detach_team_session(self)
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
        """The new-workspace form (organisation, keys, sharing protocol); the new file opens here."""
        from humanops.ui.dialogs.new_workspace_dialog import NewWorkspaceDialog

        dialog = NewWorkspaceDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._workspace_created)
        dialog.open()

    def _workspace_created(self, path: str) -> None:
        add_recent_workspace(self.settings, path)  # listed even if the user keeps the current one open
        self.open_workspace(path)

    def choose_workspace(self) -> None:
        start = str(Path(self.workspace.path).parent) if self.workspace and hasattr(self.workspace, "checkpoint") \
            else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), start,
                                              self.tr("GeoPackage workspace (*.gpkg);;All files (*)"))
        if path:
            self.open_workspace(path)

    def fill_recent_menu(self) -> None:
        from humanops.ui.recent_workspaces import fill_recent_menu

        fill_recent_menu(self.actions.recent_menu, self.settings, self.open_workspace,
                         lambda text: self.statusBar().showMessage(text, 10000))

    def save_checkpoint(self) -> None:
        """Ctrl+S: every edit is already committed; Save applies what the forms still hold and
        folds back a write-ahead log if another tool left the file in WAL mode."""
        if self.workspace is None:
            return
        if not self._apply_pending_forms():
            return
        if not hasattr(self.workspace, "checkpoint"):  # a team database: every edit is committed on the server
            self.statusBar().showMessage(self.tr("Saved. Every edit is stored in the team database the moment it "
                                                 "is made."), 10000)
            return
        if not self.workspace.checkpoint():  # another program holds the file
            log.warning("checkpoint of %s failed: the file is in use", self.workspace.path)
        self.statusBar().showMessage(self.tr(
            "Saved. Every edit is stored in {name} the moment it is made; the file is complete on its own (copy it, "
            "send it, open it in QGIS).").format(name=self._workspace_name()), 10000)

    # --- unsaved state and closing --------------------------------------------------------------------
    def unsaved_work(self) -> list[str]:
        items = []
        if self.editing.has_unfinished_drawing():
            items.append(self.tr("a drawing that is not finished"))
        if self.editing.has_pending_new_feature():
            items.append(self.tr("a new feature whose form is not yet confirmed"))
        if self.feature_panel.is_dirty():
            items.append(self.tr("changed fields not yet applied"))
        if self.marking_panel.is_dirty():
            items.append(self.tr("a changed marking not yet applied"))
        return items

    def confirm_unsaved(self) -> bool:
        """Ask Save / Discard / Cancel about unsaved work; True when it is safe to go on."""
        items = self.unsaved_work()
        if not items:
            return True
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.warning(
            self, self.tr("Unsaved work"),
            self.tr("There is {items}.\n\nSave it before closing?").format(items=self.tr("; ").join(items)),
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
            self.show_error(self.tr("The new feature's form has a problem: fix it or discard it, then close again."))
            return False
        if self.editing.has_unfinished_drawing():
            if self.editing.finish_drawing():
                self.statusBar().showMessage(self.tr("Confirm the new feature's form, then close again."), 10000)
            else:
                self.show_error(self.tr("The drawing has too few points to be saved: continue it or discard it."))
            return False
        return True

    def _apply_pending_forms(self) -> bool:
        refusals = {"feature": self.tr("The fields cannot be applied: see the message in the panel."),
                    "marking": self.tr("The marking cannot be applied: see the message in the panel.")}
        for panel, dock in ((self.feature_panel, "feature"), (self.marking_panel, "marking")):
            if panel.is_dirty() and not panel.apply():
                self.docks[dock].raise_()
                self.show_error(refusals[dock])
                return False
            if self.editing.has_pending_question():  # another organisation's feature: Propose or Cancel first
                self.statusBar().showMessage(self.tr("Answer the question about proposing your change first."), 10000)
                return False
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from humanops.ui import window_drops

        window_drops.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        from humanops.ui import window_drops

        window_drops.drop(self, event)

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
        self.settings.setValue("main_window/state_direction", self._direction_name())
        self.settings.sync()

    def _direction_name(self) -> str:
        return "rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"

    def reset_layout(self) -> None:
        """View › Reset layout: the docks and toolbars where the window first put them (shown,
        docked, in their places); what they hold is not touched."""
        for dock in self.docks.values():
            dock.setFloating(False)  # a floating dock is a window of its own: back into this one first
        self.restoreState(self._default_layout)
        self.statusBar().showMessage(self.tr("The panels and toolbars are back in their first places."), 6000)

    def set_reopen_last(self, reopen: bool) -> None:
        set_reopen_last_workspace(self.settings, reopen)
        self.statusBar().showMessage(
            self.tr("HumanOps will open the last workspace when it starts.") if reopen else
            self.tr("HumanOps will start on the start page."), 6000)

    def show_keyboard_shortcuts(self) -> None:
        from humanops.ui.help_windows import show_keyboard_shortcuts

        show_keyboard_shortcuts(self)

    def show_user_guide(self) -> None:
        from humanops.ui.help_windows import show_user_guide

        show_user_guide(self)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        state = self.settings.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        # A layout saved before the language changed direction: the reader's start side changed too.
        if state is not None and self.restoreState(state) \
                and self.settings.value("main_window/state_direction", "ltr") != self._direction_name():
            self._mirror_side_docks()

    # --- map tools and editing ------------------------------------------------------------------------
    def set_tool(self, name: str) -> None:
        if self.workspace is None:
            return
        from humanops.ui.canvas import map_tools

        if name == "vertices":
            tool = map_tools.VertexEditTool(self.canvas)
            tool.geometryEdited.connect(self.editing.move_vertices)
        elif name in ("select", "identify"):
            picking = {"select": map_tools.SelectTool, "identify": map_tools.IdentifyTool}[name]
            tool = picking(self.canvas, active_layer=self.layers_panel.current_layer,
                           describe=lambda layer, uuid: feature_label(self.workspace, layer, uuid))
            tool.picked.connect(self._feature_picked)
        elif name in ("measure_distance", "measure_area"):
            from humanops.ui.canvas.measure_tool import MeasureTool, describe

            tool = MeasureTool(self.canvas, area=name == "measure_area")
            tool.measured.connect(lambda measurement: self.statusBar().showMessage(describe(measurement)))
            tool.cleared.connect(self.statusBar().clearMessage)
        else:
            tool = map_tools.PanTool(self.canvas)
        self.canvas.set_map_tool(tool)

    def _feature_picked(self, layer: str, uuid: str, place: int, count: int) -> None:
        """Say what a click picked, and that others lie under it."""
        label = feature_label(self.workspace, layer, uuid)
        if count > 1:
            text = self.tr("Selected {feature} ({place} of {count} here: click again for the next, right-click to "
                           "choose).").format(feature=label, place=place, count=count)
        else:
            text = self.tr("Selected {feature}.").format(feature=label)
        self.statusBar().showMessage(text, 8000)

    def begin_drawing(self, layer: str) -> None:
        self.editing.begin_drawing(layer)

    def _offer_key_to_tool(self, key: Qt.Key) -> bool:
        """Esc and Delete are window shortcuts; the map tool gets them first (a drawing's Esc,
        the vertex tool's Delete of the vertex under the cursor)."""
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        return bool(self.canvas.map_tool().key_press(event))

    def cancel_drawing(self) -> None:
        if self._offer_key_to_tool(Qt.Key.Key_Escape):
            self.statusBar().showMessage(self.tr("Cancelled."), 3000)
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
        title = self.workspace.kind(layer).title_in(current_language())
        self.statusBar().showMessage(MainWindow.tr("Selected %Ln feature(s) of {layer}.", "", len(uuids)).format(
            layer=title), 5000)

    def clear_selection(self) -> None:
        self.canvas.clear_selection()

    def set_show_markings(self, show: bool) -> None:
        self.canvas.set_show_markings(bool(show))

    def set_snapping(self, enabled: bool) -> None:
        self.canvas.set_snapping(bool(enabled))
        self.statusBar().showMessage(self.tr("Snapping to vertices and roads on.") if enabled else
                                     self.tr("Snapping to vertices and roads off."), 4000)

    def _time_changed(self, at: Any) -> None:
        self.canvas.set_time_filter(at)
        if at is None:
            self.statusBar().showMessage(self.tr("Showing features of all times."), 4000)

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
            self.statusBar().showMessage(MainWindow.tr("%Ln feature(s) selected.", "", count), 4000)

    def _feature_identified(self, layer: str, uuid: str) -> None:
        self.canvas.select(layer, [uuid])
        self._show_feature(layer, uuid)
        self.docks["feature"].raise_()

    def show_feature(self, layer: str, uuid: str) -> None:
        """Make one feature the whole selection and show it in the form (a panel's row chosen)."""
        self.canvas.apply_selection({layer: {uuid}}, mode="replace")
        self._feature_identified(layer, uuid)

    def _feature_added(self, layer: str, uuid: str) -> None:
        """A new feature is the whole selection, shown in the form (not added to what was selected)."""
        self.show_feature(layer, uuid)

    def _apply_fields(self, layer: str, uuid: str, changes: dict) -> None:
        from humanops.ui.team_session import ask_if_stale

        self._fields_to_propose = None
        if ask_if_stale(self, layer, uuid, properties=changes):  # someone else changed it meanwhile
            return
        # made on the version the form showed: one stored by someone else after the check above is refused
        if self.editing.update_fields(layer, uuid, changes, seen=self.feature_panel.feature()):
            self._show_stored(layer, uuid, self.feature_panel)
        elif self.editing.has_pending_question():
            self._fields_to_propose = (layer, uuid)
        else:
            ask_if_stale(self, layer, uuid, properties=changes)  # refused by the database: the race lost

    def _apply_marking(self, layer: str, uuid: str, marking: Any) -> None:
        from humanops.ui.team_session import ask_if_stale

        if ask_if_stale(self, layer, uuid, marking=marking):
            return
        if self.editing.update_marking(layer, uuid, marking, seen=self.marking_panel.feature(),
                                       on_stale=lambda: ask_if_stale(self, layer, uuid, marking=marking)):
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
                self.statusBar().showMessage(self.tr("The form cannot show this feature until the tool that wrote it "
                                                     "fixes it: {reason}").format(reason=exc.message), 15000)
        kind = self.workspace.kind(layer) if feature is not None and self.workspace is not None else None
        for panel in (self.feature_panel, self.marking_panel):
            if panel.is_dirty() and (feature is None or panel.uuid != feature.uuid):
                self.statusBar().showMessage(self.tr("The panel keeps your unapplied changes: Apply or Revert them."),
                                             6000)
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
        self.layersRefreshed.emit(set(names) if layers is not None else None)

    # --- dialogs ---------------------------------------------------------------------------------------
    def show_import_dialog(self) -> None:
        if self.workspace is None:
            return
        from humanops.store.target_reads import workspace_target
        from humanops.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(workspace_target(self.workspace), self.workspace.catalog, self)  # a file or a URL
        dialog.validatedWrites.connect(self.problems_watch.validated_by_app)  # before the re-read after it
        dialog.imported.connect(lambda report: self._after_import(report))
        self.import_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))
        dialog.open()

    def _after_import(self, report: Any) -> None:
        layers = {layer.kind for layer in getattr(report, "layers", [])} or None
        self.refresh_layers(layers, reread_map=True)
        self.statusBar().showMessage(MainWindow.tr("Imported %Ln feature(s).", "", getattr(report, "imported", 0)),
                                     10000)

    def show_export_dialog(self) -> None:
        if self.workspace is None:
            return
        from humanops.store.target_reads import workspace_target
        from humanops.ui.dialogs.export_dialog import ExportDialog, tlp_counts

        counts = tlp_counts(self.workspace)
        dialog = ExportDialog(workspace_target(self.workspace), self.workspace.catalog, counts, self)
        dialog.exported.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.export_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        dialog.open()

    def show_map_export_dialog(self) -> None:
        """File › Export map image…: the map as shown, as a PNG or PDF (ui/map_export.py)."""
        if self.workspace is None:
            return
        from humanops.ui.dialogs.map_export_dialog import MapExportDialog

        dialog = MapExportDialog(self.canvas, self.workspace, self)
        dialog.exported.connect(lambda path: self.statusBar().showMessage(
            self.tr("Map written to {file}.").format(file=path), 10000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_sitrep_dialog(self) -> None:
        """File › Situation report…: a PDF for an audience (ui/sitrep.py)."""
        if self.workspace is None:
            return
        from humanops.ui.dialogs.sitrep_dialog import SitrepDialog

        dialog = SitrepDialog(self.workspace, self)
        dialog.written.connect(lambda result: self.statusBar().showMessage(
            self.tr("Situation report written to {file}.").format(file=result.path), 10000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_briefing_dialog(self) -> None:
        """File › Briefing map…: one offline HTML page for an audience (products/briefing_map.py)."""
        if self.workspace is None:
            return
        from humanops.ui.dialogs.briefing_dialog import BriefingDialog

        dialog = BriefingDialog(self.workspace, self)
        dialog.written.connect(lambda result: self.statusBar().showMessage(
            self.tr("Briefing map written to {file}.").format(file=result.path), 10000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_replay(self) -> None:
        """View › Replay…: the recorded history played on the map, read-only (ui/replay.py)."""
        if self.workspace is None:
            return
        from humanops.ui.replay import start_replay

        start_replay(self)

    def show_tak_dialog(self) -> None:
        """File › TAK data package…: a brief for an audience's ATAK/WinTAK teams (products/tak_product.py)."""
        if self.workspace is None:
            return
        from humanops.ui.dialogs.tak_dialog import TakDialog

        dialog = TakDialog(self.workspace, self)
        dialog.written.connect(lambda result: self.statusBar().showMessage(
            self.tr("TAK brief written to {file}.").format(file=result.path), 10000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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
            self.show_error(self.tr("internal error in “{entry}”: {error}: {message}").format(
                entry=QCoreApplication.translate("extensions", entry.text), error=type(exc).__name__, message=exc))

    def show_about(self) -> None:
        workspace = str(self.workspace.path) if self.workspace else self.tr("none open")
        QMessageBox.about(self, self.tr("About HumanOps"), f"<h3>HumanOps {app_version()}</h3>" + self.tr(
            "<p>An offline common operational picture for the partners of a humanitarian response: danger zones, "
            "corridors, civilian needs and facilities, shared through signed, encrypted files that enforce TLP 2.0 "
            "markings.</p><p>Workspace: {workspace}</p><p>Licensed under the Apache License 2.0.</p>").format(
                workspace=workspace))

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
            exercise = exercise_title(self.workspace)
            title = f"{self._workspace_name()} — HumanOps"
            self.setWindowTitle(f"{exercise} · {title}" if exercise else title)
            self.setWindowFilePath(str(self.workspace.path))

    def _workspace_name(self) -> str:
        """The open workspace's file name, or ``database @ server`` for a team database."""
        from humanops.ui.team_database import workspace_name

        return workspace_name(self.workspace) if self.workspace is not None else ""
