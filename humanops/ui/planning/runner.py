"""What a planning worker does off the GUI thread (no Qt here).

The worker opens the workspace through a connection of its own (a connection is not shared
between threads; the import dialog does the same), runs one registered operation with the
parameters the dialog validated, and prepares what the app shows: the result's tables and its
overlay frames. The GUI thread only receives a :class:`PlanningRun`.

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

from humanops.feedback import Canceled
from humanops.model.numbers import format_number

if TYPE_CHECKING:
    from humanops.analysis.registry import OperationResult
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace
    from humanops.ui.planning.result_overlays import Overlays


@dataclass
class PlanningRun:
    """One result as the app shows it: tables, a summary, overlays, and where it came from."""

    op_id: str
    title: str
    params: dict[str, Any]
    result: OperationResult
    overlays: Overlays = field(default_factory=dict)
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def label(self) -> str:
        return f"{self.finished.astimezone():%H:%M:%S}  {self.title}"


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
            except Canceled:
                _drop_plans_after(workspace, before)
                raise
            overlays = overlays_for(workspace, op_id, params, result)
        return PlanningRun(op_id, op.title, params, result, overlays)

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

        feedback.progress(0.1, f"reading plan {plan_id}")
        with Workspace.open(path) as workspace:
            plan, lines, outcomes = read_plan(workspace, plan_id)
            overlays = plan_overlays(workspace, plan, lines, outcomes)
        summary = {**plan["summary"], "plan_id": plan["id"], "created": plan["created"]}
        result = OperationResult(operation=f"plan_{plan['kind']}", tables={"lines": lines, "outcomes": outcomes},
                                 summary=summary)
        title = f"Saved plan {plan['id']}: {plan['title'] or plan['kind']}"
        return PlanningRun(f"saved_{plan['kind']}", title, {"plan_id": plan_id}, result, overlays)

    return task


def summary_text(run: PlanningRun) -> str:
    """One readable paragraph about a result (the Results dock's headline)."""
    s = run.result.summary
    op = run.op_id
    if op == "route":
        parts = []
        for route in s.get("routes", []):
            head = "Route" if route["rank"] == 0 else f"Alternative {route['rank']}"
            parts.append(f"{head} ({route['mode']}): {route['message']}")
            parts += [f"  ! {w}" for w in route.get("warnings", [])]
        return "\n".join(parts) or str(s.get("message", ""))
    if op in ("plan_evacuation", "saved_evacuation"):
        lines = [f"{s.get('people', 0):,} people to move: {s.get('served', 0):,} served, "
                 f"{s.get('unserved', 0):,} not served"
                 + (" (" + ", ".join(f"{k}: {v:,}" for k, v in s.get("unserved_by_reason", {}).items()) + ")"
                    if s.get("unserved_by_reason") else "")]
        if s.get("served"):
            lines.append(f"Mean travel {s.get('mean_travel_min', 0):.0f} min, last arrival after "
                         f"{s.get('max_travel_min', 0):.0f} min; {s.get('shelters_used', 0)} shelter(s) used.")
        lines += [f"! {w}" for w in s.get("warnings", [])]
        if s.get("plan_id"):
            lines.append(f"Saved in the workspace as plan {s['plan_id']}.")
        return "\n".join(lines)
    if op in ("plan_aid", "saved_aid"):
        items = s.get("items", {})
        cover = ", ".join(f"{k} {v.get('coverage', 0):.0%}" for k, v in items.items())
        lines = [f"{s.get('shipments', 0):,} shipments from {s.get('warehouses', 0)} warehouse(s) to "
                 f"{s.get('needs', 0)} needs; coverage: {cover or 'n/a'}"]
        if s.get("unreachable_needs"):
            lines.append(f"! {s['unreachable_needs']} need(s) no warehouse can reach.")
        lines += [f"! {w}" for w in s.get("warnings", [])]
        if s.get("plan_id"):
            lines.append(f"Saved in the workspace as plan {s['plan_id']}.")
        return "\n".join(lines)
    if op == "exposure":
        return (f"{s.get('needs_exposed', 0):,} of {s.get('needs_total', 0):,} need locations, "
                f"{s.get('population_exposed', 0):,} people exposed to {s.get('zones_considered', 0):,} danger zones "
                f"(within {format_number(s.get('distance_m', 0))} m, at {s.get('at', '')}).")
    if op == "corridor_risk":
        return (f"{s.get('corridors', 0)} corridor(s), {s.get('corridors_in_danger', 0)} with danger along them; "
                f"highest risk score {s.get('max_risk_score', 0):.0f}/100 (at {s.get('at', '')}).")
    if op == "triggers":
        return (f"{s.get('rules_evaluated', 0)} rule(s) evaluated: {len(s.get('raised', []))} raised, "
                f"{len(s.get('updated', []))} updated, {len(s.get('resolved', []))} resolved; "
                f"{s.get('active', 0)} active.")
    return ", ".join(f"{k}: {v}" for k, v in s.items() if not isinstance(v, dict | list))
