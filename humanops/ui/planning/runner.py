"""What a planning worker does off the GUI thread (no Qt here, but for QtCore's translations).

The worker opens the workspace through a connection of its own (a connection is not shared
between threads; the import dialog does the same), runs one registered operation with the
parameters the dialog validated, and prepares what the app shows: the result's tables as the
Results dock's models show them (every cell's text written, frame_model.prepare_table) and its
overlays as the canvas draws them (styled, projected to the map and indexed, overlay_layers.Overlay),
and, when it saved a plan, the saved plans the Results dock lists.
The GUI thread only receives a :class:`PlanningRun` and hands those to the views: on a plan of
10,000 sources, writing the cells and projecting the lines there stopped it for 0.2 s.

Cancel means "nothing changed": an operation that saves a plan does so in one transaction at its
very end, so a cancel normally stops it before; a cancel that lands after that save (between the
save and the operation's last progress report) removes the plan it just saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from humanops.feedback import Canceled
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count, format_number, format_percent
from humanops.ui.planning.operation_texts import operation_text

if TYPE_CHECKING:
    from humanops.analysis.registry import OperationResult
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.ui.canvas.overlay_layers import Overlay
    from humanops.ui.planning.frame_model import PreparedTable
    from humanops.ui.planning.result_overlays import Overlays


@dataclass
class PlanningRun:
    """One result as the app shows it: tables, a summary, overlays, and where it came from.
    ``overlays`` and ``tables`` are made ready to show by the worker (:func:`prepared_run`)."""

    op_id: str
    title: str
    params: dict[str, Any]
    result: OperationResult
    overlays: dict[str, Overlay] = field(default_factory=dict)
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))
    tables: dict[str, PreparedTable] = field(default_factory=dict)
    # summary_text's words, made by the worker ((language, text)): the first number formatted
    # in a language loads its locale data, 30 ms the GUI thread need not spend
    worded: tuple[str, str] | None = None
    # The workspace's saved plans as the worker saw them after saving this one (list_plans):
    # the Saved plans list is refilled from them instead of a read on the GUI thread
    saved_plans: list[dict[str, Any]] | None = None

    @property
    def label(self) -> str:
        return f"{self.finished.astimezone():%H:%M:%S}  {self.title}"


def prepared_run(op_id: str, title: str, params: dict[str, Any], result: OperationResult,
                 overlays: Overlays, feedback: Feedback) -> PlanningRun:
    """In the worker: the run with its tables and overlays made ready to show."""
    from humanops.ui.canvas.overlay_layers import Overlay
    from humanops.ui.planning.frame_model import prepare_table

    prepared: dict[str, Overlay] = {}
    for name, (frame, style) in overlays.items():
        feedback.check()
        overlay = Overlay(name, frame, style)
        overlay.projected()  # the map's projection and index, made here once
        prepared[name] = overlay
    tables = {}
    for name, frame in result.tables.items():
        feedback.check()
        tables[name] = prepare_table(frame)
    run = PlanningRun(op_id, title, params, result, prepared, tables=tables)
    run.worded = (current_language(), summary_text(run))
    return run


def _saved_plans(workspace: Workspace) -> list[dict[str, Any]]:
    """The saved plans, without their summaries (all the Saved plans list shows)."""
    from humanops.analysis.plans import list_plans

    return [{k: plan[k] for k in ("id", "kind", "title", "created")} for plan in list_plans(workspace)]


def _last_plan_id(workspace: Workspace) -> int:
    from humanops.analysis.plans import list_plans

    plans = list_plans(workspace)
    return max((p["id"] for p in plans), default=0)


def operation_task(path: Path, op_id: str, params: dict[str, Any]) -> Callable[[Feedback], PlanningRun]:
    """The worker's body for operation ``op_id`` with validated ``params``."""
    def task(feedback: Feedback) -> PlanningRun:
        from humanops.analysis.registry import get
        from humanops.store.workspace import Workspace
        from humanops.ui.planning.result_overlays import overlays_for

        op = get(op_id)
        with Workspace.open(path) as workspace:
            before = _last_plan_id(workspace)
            try:
                result = op.run(workspace, params, feedback)
                overlays = overlays_for(workspace, op_id, params, result)
                run = prepared_run(op_id, operation_text(op.title), params, result, overlays, feedback)
                if result.summary.get("plan_id"):
                    run.saved_plans = _saved_plans(workspace)
                return run
            except Canceled:
                _drop_plans_after(workspace, before)
                raise

    return task


def _drop_plans_after(workspace: Workspace, plan_id: int) -> None:
    from humanops.analysis.plans import delete_plan, list_plans

    for plan in list_plans(workspace):
        if plan["id"] > plan_id:
            delete_plan(workspace, plan["id"])


def saved_plan_task(path: Path, plan_id: int) -> Callable[[Feedback], PlanningRun]:
    """The worker's body that reads a saved plan back (plans.py) and draws it like a fresh one."""
    def task(feedback: Feedback) -> PlanningRun:
        from humanops.analysis.plans import read_plan
        from humanops.analysis.registry import OperationResult
        from humanops.store.workspace import Workspace
        from humanops.ui.planning.result_overlays import plan_overlays

        feedback.progress(0.1, QCoreApplication.translate("runner", "reading plan {id}").format(id=plan_id))
        with Workspace.open(path) as workspace:
            plan, lines, outcomes = read_plan(workspace, plan_id)
            overlays = plan_overlays(workspace, plan, lines, outcomes)
        summary = {**plan["summary"], "plan_id": plan["id"], "created": plan["created"]}
        result = OperationResult(operation=f"plan_{plan['kind']}", tables={"lines": lines, "outcomes": outcomes},
                                 summary=summary)
        title = QCoreApplication.translate("runner", "Saved plan {id}: {title}").format(
            id=plan["id"], title=plan["title"] or plan["kind"])
        return prepared_run(f"saved_{plan['kind']}", title, {"plan_id": plan_id}, result, overlays, feedback)

    return task


class RunSummary(QObject):
    """The words of a result's headline (a class for the numerus forms: lupdate finds them only
    through ``tr``; never instantiated)."""


def summary_text(run: PlanningRun) -> str:
    """One readable paragraph about a result (the Results dock's headline). What the engine
    says itself (a route's message, warnings) stays in its words."""
    if run.worded is not None and run.worded[0] == current_language():
        return run.worded[1]
    s = run.result.summary
    op = run.op_id
    if op == "route":
        parts = []
        for route in s.get("routes", []):
            if route["rank"] == 0:
                head = QCoreApplication.translate("runner", "Route ({mode}): {message}")
            else:
                head = QCoreApplication.translate("runner", "Alternative {rank} ({mode}): {message}")
            parts.append(head.format(rank=route["rank"], mode=route["mode"], message=route["message"]))
            parts += [f"  ! {w}" for w in route.get("warnings", [])]
        return "\n".join(parts) or str(s.get("message", ""))
    if op in ("plan_evacuation", "saved_evacuation"):
        line = QCoreApplication.translate("runner", "{people} people to move: {served} served, {unserved} not "
                                                    "served").format(people=format_count(s.get("people", 0)),
                                                                     served=format_count(s.get("served", 0)),
                                                                     unserved=format_count(s.get("unserved", 0)))
        if s.get("unserved_by_reason"):
            line += " (" + ", ".join(f"{k}: {format_count(v)}" for k, v in s["unserved_by_reason"].items()) + ")"
        lines = [line]
        if s.get("served"):
            lines.append(RunSummary.tr("Mean travel {mean} min, last arrival after {last} min; %Ln shelter(s) used.",
                                       "", int(s.get("shelters_used", 0))).format(
                mean=format_number(round(s.get("mean_travel_min", 0))),
                last=format_number(round(s.get("max_travel_min", 0)))))
        lines += [f"! {w}" for w in s.get("warnings", [])]
        if s.get("plan_id"):
            lines.append(QCoreApplication.translate("runner", "Saved in the workspace as plan {id}.").format(
                id=s["plan_id"]))
        return "\n".join(lines)
    if op in ("plan_aid", "saved_aid"):
        items = s.get("items", {})
        cover = ", ".join(f"{k} {format_percent(v.get('coverage', 0))}" for k, v in items.items())
        lines = [RunSummary.tr("{shipments} shipments from %Ln warehouse(s) to {needs} needs; coverage: {coverage}",
                               "", int(s.get("warehouses", 0))).format(
            shipments=format_count(s.get("shipments", 0)), needs=format_count(s.get("needs", 0)),
            coverage=cover or QCoreApplication.translate("runner", "n/a"))]
        if s.get("unreachable_needs"):
            lines.append("! " + RunSummary.tr("%Ln need(s) no warehouse can reach.", "",
                                              int(s["unreachable_needs"])))
        lines += [f"! {w}" for w in s.get("warnings", [])]
        if s.get("plan_id"):
            lines.append(QCoreApplication.translate("runner", "Saved in the workspace as plan {id}.").format(
                id=s["plan_id"]))
        return "\n".join(lines)
    if op == "exposure":
        return QCoreApplication.translate(
            "runner", "{exposed} of {total} need locations, {people} people exposed to {zones} danger zones (within "
                      "{distance} m, at {at}).").format(
            exposed=format_count(s.get("needs_exposed", 0)), total=format_count(s.get("needs_total", 0)),
            people=format_count(s.get("population_exposed", 0)), zones=format_count(s.get("zones_considered", 0)),
            distance=format_number(s.get("distance_m", 0)), at=s.get("at", ""))
    if op == "corridor_risk":
        return RunSummary.tr("%Ln corridor(s), {in_danger} with danger along them; highest risk score {score}/100 (at "
                             "{at}).", "", int(s.get("corridors", 0))).format(
            in_danger=format_count(s.get("corridors_in_danger", 0)),
            score=format_number(round(s.get("max_risk_score", 0))), at=s.get("at", ""))
    if op == "triggers":
        return RunSummary.tr("%Ln rule(s) evaluated: {raised} raised, {updated} updated, {resolved} resolved; "
                             "{active} active.", "", int(s.get("rules_evaluated", 0))).format(
            raised=format_count(len(s.get("raised", []))), updated=format_count(len(s.get("updated", []))),
            resolved=format_count(len(s.get("resolved", []))), active=format_count(s.get("active", 0)))
    return ", ".join(f"{k}: {v}" for k, v in s.items() if not isinstance(v, dict | list))
