"""The planning worker's Qt side: the runs of ``humanops.viewmodel.planning_runs`` (which holds
``PlanningRun`` and the worker's bodies, Qt-free) presented in the UI's language and made ready
for the Qt views in the worker, and a result's headline (:func:`summary_text`, whose plural forms
need Qt's translations).

:func:`prepared_run` writes every cell of the result's tables as the Results dock's models show
them (frame_model.prepare_table) and styles, projects and indexes its overlays as the canvas
draws them (overlay_layers.Overlay): on a plan of 10,000 sources, doing that on the GUI thread
stopped it for 0.2 s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count, format_number, format_percent
from humanops.viewmodel import planning_runs
from humanops.viewmodel.planning_runs import PlanningRun, Presentation
from humanops.viewmodel.result_overlays import Words

if TYPE_CHECKING:
    from humanops.analysis.registry import OperationResult
    from humanops.feedback import Feedback
    from humanops.ui.canvas.overlay_layers import Overlay
    from humanops.viewmodel.result_overlays import Overlays


def ui_words() -> Words:
    """Texts in the UI's language (Qt's translations), numbers in its locale."""
    return Words(QCoreApplication.translate, format_number, format_percent)


def prepared_run(op_id: str, title: str, params: dict[str, Any], result: OperationResult,
                 overlays: Overlays, feedback: Feedback) -> PlanningRun:
    """In the worker: the run with its tables and overlays made ready to show."""
    from humanops.ui.canvas.overlay_layers import Overlay
    from humanops.ui.planning.frame_model import prepare_table

    prepared: dict[str, Overlay] = {}
    for name, (frame, look) in overlays.items():
        feedback.check()
        overlay = Overlay(name, frame, look)  # an OverlayLook is the renderer's OverlayStyle
        overlay.projected()  # the map's projection and index, made here once
        prepared[name] = overlay
    tables = {}
    for name, frame in result.tables.items():
        feedback.check()
        tables[name] = prepare_table(frame)
    run = PlanningRun(op_id, title, params, result, prepared, tables=tables)
    run.worded = (current_language(), summary_text(run))
    return run


def ui_presentation() -> Presentation:
    return Presentation(ui_words(), prepared_run)


def operation_task(path: str | Path, op_id: str, params: dict[str, Any]) -> Callable[[Feedback], PlanningRun]:
    """The worker's body for operation ``op_id`` with validated ``params``, shown in the UI."""
    return planning_runs.operation_task(path, op_id, params, ui_presentation())


def saved_plan_task(path: str | Path, plan_id: int) -> Callable[[Feedback], PlanningRun]:
    """The worker's body that reads a saved plan back and draws it like a fresh one, shown in the UI."""
    return planning_runs.saved_plan_task(path, plan_id, ui_presentation())


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
