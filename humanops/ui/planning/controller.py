"""The planning area of one main window: analysis dialogs, the Results dock, result overlays,
saving a route as a corridor through the undo stack, saved plans, and the trigger alerts.

Made by the Results dock's factory (extension.py) when the window builds its docks, and kept as
``window.planning``. It follows the window's ``workspaceOpened`` / ``workspaceClosed`` signals:
once the opened workspace's map is first drawn it attaches the trigger engine (trigger_watch.py)
and the corridor risk shown in the Feature panel (corridor_risk_view.py); on close it closes the dialogs, whose
workers the window has cancelled already. It gives the window's alerts panel the trigger watch,
so the panel lists the engine's alerts.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QToolBar

from humanops.errors import HumanOpsError
from humanops.store.open_target import workspace_file
from humanops.store.target_reads import workspace_target
from humanops.ui.planning.corridor_risk_view import CorridorRiskView
from humanops.ui.planning.extension import ADOPT_RULES, CHECK_TRIGGERS, ENTRIES, MENU, SAVED_PLANS
from humanops.ui.planning.results_panel import ResultsPanel
from humanops.ui.planning.runner import saved_plan_task, summary_text
from humanops.ui.planning.trigger_watch import TriggerWatch, scenario_time
from humanops.ui.workers import Worker, run_with_progress
from humanops.viewmodel.planning_runs import PlanningRun
from humanops.viewmodel.result_overlays import PREFIX

if TYPE_CHECKING:
    from humanops.analysis.routing import RouteResult
    from humanops.feedback import Feedback
    from humanops.ui.main_window import MainWindow
    from humanops.ui.planning.operation_dialog import OperationDialog

log = logging.getLogger(__name__)

TOOLBAR_OPS = ("route", "plan_evacuation", "plan_aid", "exposure")
ATTACH_DELAY_MS = 100
# After a plan is shown, the problems watch re-reads the file's version on the event loop's next
# turn: out of the result's own frame, once for results that come together, and before its
# 2 s poll can take the plan's commit for another tool's (a whole re-read of the map)
REREAD_DELAY_MS = 0


def route_from_summary(route: dict[str, Any]) -> RouteResult:
    """A RouteResult back from the ``as_dict`` form the Route operation's summary holds."""
    import shapely.geometry

    from humanops.analysis.routing import RouteResult

    return RouteResult(
        status=route["status"], message=route["message"], mode=route["mode"], rank=route["rank"],
        geometry=shapely.geometry.shape(route["geometry"]) if route.get("geometry") else None,
        length_m=float(route["length_m"]), time_s=float(route["time_s"]), cost=float(route["cost"]),
        danger_m={int(k): float(v) for k, v in route.get("danger_m", {}).items()},
        zones=list(route.get("zones", [])), roads=list(route.get("roads", [])),
        start_snap_m=route.get("start_snap_m"), end_snap_m=route.get("end_snap_m"),
        warnings=list(route.get("warnings", [])))


class PlanningController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.results = ResultsPanel(window)
        self.watch = TriggerWatch(self)
        self.dialogs: dict[str, OperationDialog] = {}
        self.worker: Worker | None = None  # saving a corridor, opening a plan
        self.last_corridor: str | None = None
        self._dock_placed = False
        self._waiting_draw = False
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(REREAD_DELAY_MS)
        self._reread.timeout.connect(self._reread_version)

        # The window's alerts panel shows the trigger engine's alerts once it has the watch.
        self.alerts_panel = window.alerts_panel
        self.alerts_panel.attach_watch(self.watch)
        self.watch.alertsChanged.connect(self.alerts_panel.refresh, Qt.ConnectionType.QueuedConnection)
        self.alerts_panel.featureChosen.connect(self._zoom_to_feature)
        self.alerts_panel.featuresChosen.connect(self._select_features)
        self.alerts_panel.message.connect(self._status)

        self.risk_view = CorridorRiskView(window, self.watch)

        self.results.runShown.connect(self._draw)
        self.results.zoomRequested.connect(self._zoom)
        self.results.saveCorridorRequested.connect(self.save_corridor)
        self.results.openPlanRequested.connect(self.open_plan)
        self.results.message.connect(self._status)
        window.workspaceOpened.connect(self._opened)
        window.workspaceClosed.connect(self._closed)
        self._arrange_menu()

    # --- menu and toolbar ----------------------------------------------------------------------------
    def _arrange_menu(self) -> None:
        """Triggers in a submenu; the most used analyses on a toolbar (the same actions as the menu)."""
        menu: QMenu | None = self.window.actions.menus.get(MENU)
        if menu is None:
            return
        # By their English texts: the menu shows them translated (actions.py).
        shown = {a.text(): a for a in menu.actions()}
        texts = (ADOPT_RULES, CHECK_TRIGGERS, SAVED_PLANS, *(text for text, _tip in ENTRIES.values()))
        actions = {text: shown[translated] for text in texts
                   if (translated := QCoreApplication.translate("extensions", text)) in shown}
        triggers = [actions[t] for t in (ADOPT_RULES, CHECK_TRIGGERS) if t in actions]
        if triggers:
            for action in triggers:
                menu.removeAction(action)
            menu.addSeparator()
            submenu = menu.addMenu(self.tr("&Triggers"))
            submenu.addActions(triggers)
        if SAVED_PLANS in actions:
            menu.removeAction(actions[SAVED_PLANS])
            menu.addSeparator()
            menu.addAction(actions[SAVED_PLANS])
        bar = QToolBar(self.tr("Analysis"), self.window)
        bar.setObjectName("analysis_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for op_id in TOOLBAR_OPS:
            action = actions.get(ENTRIES[op_id][0])
            if action is not None:
                bar.addAction(action)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    # --- workspace life cycle -----------------------------------------------------------------------
    def _opened(self, _path: str) -> None:
        """Results follow at once; the trigger engine and the corridor-risk cache once every layer is
        loaded and drawn (their imports and first reads would otherwise hold the map back)."""
        self.results.set_workspace(self.window.workspace)  # a file or a team database alike
        self.alerts_panel.refresh()
        if not self._waiting_draw:
            self._waiting_draw = True
            self.window.canvas.renderFinished.connect(self._map_drawn)

    def _map_drawn(self, *_: object) -> None:
        """A render finished: once every layer is loaded and drawn, attach the engines."""
        ws, canvas = self.window.workspace, self.window.canvas
        if ws is not None and all(canvas.snapshot(name) is not None for name in ws.layers()):
            # A moment later: the drawn map is painted on screen first.
            QTimer.singleShot(ATTACH_DELAY_MS, self._attach_engines)

    def _attach_engines(self) -> None:
        if self._waiting_draw:
            self._waiting_draw = False
            self.window.canvas.renderFinished.disconnect(self._map_drawn)
        ws = self.window.workspace
        if ws is None or self.watch.workspace is ws:
            return
        self.watch.attach(ws)
        self.risk_view.attach(ws)
        self.alerts_panel.refresh()

    def _closed(self) -> None:
        self._reread.stop()
        if self._waiting_draw:
            self._waiting_draw = False
            self.window.canvas.renderFinished.disconnect(self._map_drawn)
        for dialog in self.dialogs.values():
            dialog.reject()
            dialog.deleteLater()
        self.dialogs.clear()
        self.risk_view.detach()
        self.watch.detach()
        self.results.set_workspace(None)

    # --- analysis dialogs --------------------------------------------------------------------------------
    def open_dialog(self, op_id: str) -> OperationDialog | None:
        ws = self.window.workspace
        if ws is None:
            return None
        dialog = self.dialogs.get(op_id)
        if dialog is None:
            from humanops.ui.planning.operation_dialog import make_dialog
            from humanops.ui.planning.parameter_widgets import DialogContext

            context = DialogContext(workspace=ws, scenario_now=scenario_time(ws),
                                    map_time=self.window.time_slider.time())
            dialog = make_dialog(op_id, workspace_target(ws), context, self.window.canvas, self.window,
                                 self.show_result)
            self.dialogs[op_id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_result(self, run: PlanningRun) -> None:
        if self.window.workspace is None:
            return  # finished after the workspace was closed
        self.show_results_dock()
        self.results.add_run(run)
        if run.op_id in ("plan_evacuation", "plan_aid", "triggers") and hasattr(self.window, "problems_watch"):
            # The worker committed a plan or alerts (no layer) through its own connection: that
            # version of the file is seen, or the next poll would re-read every layer of the map.
            # Not in this frame (the table and overlays are set in it): a moment later, once.
            self._reread.start()
        if run.op_id == "route":
            self.window.canvas.zoom_to_overlays(run.overlays)
        if run.op_id == "triggers":
            self.alerts_panel.refresh()
            self.window.docks["alerts"].raise_()
        summary = summary_text(run)
        first = summary.splitlines()[0] if summary else self.tr("done")
        self._status(self.tr("{title}: {summary}").format(title=run.title, summary=first))

    def _reread_version(self) -> None:
        if self.window.workspace is not None and hasattr(self.window, "problems_watch"):
            self.window.problems_watch.reread()

    def show_results_dock(self) -> None:
        """Show the Results dock (first time: tabbed with the attribute table, with room for a table),
        and lay the window out at once, so the map's size is right for a zoom that follows."""
        window = self.window
        dock = window.docks.get("results")
        if dock is None:
            return
        if not self._dock_placed:
            self._dock_placed = True
            attributes = window.docks.get("attributes")
            if attributes is not None and dock not in window.tabifiedDockWidgets(attributes):
                window.tabifyDockWidget(attributes, dock)
            dock.show()
            window.resizeDocks([dock], [330], Qt.Orientation.Vertical)
        dock.show()
        dock.raise_()
        layout = window.layout()
        if layout is not None:
            layout.activate()

    def _draw(self, run: PlanningRun | None) -> None:
        canvas = self.window.canvas
        canvas.clear_overlays(PREFIX)
        if run is not None:
            for name, overlay in run.overlays.items():
                canvas.set_overlay(name, overlay)  # prepared and projected by the worker

    def _zoom(self, bounds: tuple[float, float, float, float] | None) -> None:
        if bounds is not None:
            self.window.canvas.zoom_to_extent(*bounds)
            return
        run = self.results.current_run()
        if run is not None:
            self.window.canvas.zoom_to_overlays(run.overlays)

    # --- save a route as a corridor (undoable) -------------------------------------------------------
    def save_corridor(self, run: PlanningRun, rank: int, name: str, width_m: float) -> None:
        """Work out the corridor (its risk over its width) in a worker, then add it through the undo stack."""
        ws = self.window.workspace
        if ws is None or self.worker is not None:
            return
        route = next((r for r in run.result.summary.get("routes", []) if r["rank"] == rank), None)
        if route is None or route["status"] != "ok":
            self.window.show_error(self.tr("That route was not found, so it cannot become a corridor."))
            return
        path, at = workspace_target(ws), run.params.get("at")
        risk_text = self.tr("risk along the corridor")

        def task(feedback: Feedback) -> tuple[Any, dict[str, Any]]:
            from humanops.analysis.routing import proposed_corridor
            from humanops.store.open_target import open_any

            feedback.progress(0.1, risk_text)
            with open_any(path) as own:
                return proposed_corridor(own, route_from_summary(route), name, width_m, at)

        self.worker = run_with_progress(self.window, self.tr("Save route as corridor"), task,
                                        on_success=self._add_corridor, on_error=self.window.show_error)
        self.worker.finished.connect(lambda: setattr(self, "worker", None))

    def _add_corridor(self, proposal: tuple[Any, dict[str, Any]]) -> None:
        from humanops.ui.undo_commands import AddFeature, push_edit

        ws = self.window.workspace
        if ws is None:
            return
        geometry, properties = proposal
        command = AddFeature(ws, "corridor", geometry, properties, on_error=self.window.show_error)
        command.setText(self.tr("Save route as corridor “{name}”").format(name=properties["name"]))
        try:
            push_edit(self.window.undo_stack, command)
        except HumanOpsError as exc:
            self.window.show_error(exc.message)
            return
        self.last_corridor = command.uuid
        self.window.show_feature("corridor", command.uuid)  # the only selection: the form shows it and its risk
        self._status(self.tr("Added the proposed corridor “{name}” (Edit ▸ Undo removes it).").format(
            name=properties["name"]))

    # --- saved plans ----------------------------------------------------------------------------------------
    def show_saved_plans(self) -> None:
        self.results.refresh_plans()
        self.show_results_dock()
        self.results.plan_combo.setFocus()

    def open_plan(self, plan_id: int) -> None:
        ws = self.window.workspace
        if ws is None or self.worker is not None:
            return
        self.worker = run_with_progress(self.window, self.tr("Open plan {id}").format(id=plan_id),
                                        saved_plan_task(workspace_target(ws), plan_id),
                                        on_success=self.show_result, on_error=self.window.show_error)
        self.worker.finished.connect(lambda: setattr(self, "worker", None))

    # --- triggers ---------------------------------------------------------------------------------------------
    def choose_rules(self) -> None:
        ws = self.window.workspace
        if ws is None:
            return
        file = workspace_file(ws)  # None for a team database: the home folder then
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Adopt trigger rules"),
                                              str(file.parent if file is not None else Path.home()),
                                              self.tr("Trigger rules (*.toml);;All files (*)"))
        if path:
            self.adopt_rules(path)

    def adopt_rules(self, path: str | Path) -> bool:
        """Adopt a rule file (all or nothing; a bad rule is one message naming it) and show the alerts."""
        self._attach_engines()  # before the first map was drawn: now
        try:
            rules = self.watch.adopt(path)
        except HumanOpsError as exc:
            self.window.show_error(exc.message, title=self.tr("Trigger rules not adopted"))
            return False
        self.alerts_panel.refresh()
        self.window.docks["alerts"].show()
        self.window.docks["alerts"].raise_()
        self._status(PlanningController.tr("Adopted %Ln trigger rule(s) from {file}: {rules}. Alerts follow every "
                                           "edit and import.", "", len(rules)).format(
            file=Path(path).name, rules=", ".join(r.id for r in rules) or self.tr("none")))
        return True

    # --- map ------------------------------------------------------------------------------------------------
    def _select_features(self, chosen: dict[str, set[str]]) -> None:
        ws = self.window.workspace
        if ws is None:
            return
        self.window.canvas.apply_selection({k: v for k, v in chosen.items() if k in ws.layers()}, mode="replace")

    def _zoom_to_feature(self, layer: str, uuid: str) -> None:
        ws = self.window.workspace
        if ws is None or layer not in ws.layers():
            return
        feature = ws.find_feature(layer, uuid)
        if feature is None:
            self._status(self.tr("That feature is no longer in the workspace."))

            return
        self.window.canvas.apply_selection({layer: {uuid}}, mode="replace")
        if feature.geometry is not None:
            self.window.canvas.zoom_to_extent(*feature.geometry.bounds)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)
