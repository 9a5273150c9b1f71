"""A planning result as the app shows it (:class:`PlanningRun`) and what a planning worker does off
the GUI thread to make one, without Qt (docs/architecture.md, section 2.2).

The worker opens the workspace through a connection of its own (a connection is not shared
between threads), runs one registered operation with the parameters the dialog validated (or
reads a saved plan back), builds the result's overlays (``result_overlays``) and hands them to a
:class:`Presentation`: the app's (``ui/planning/runner.py``) translates through Qt and prepares
what its views show (the tables' cells written, the overlays projected and indexed) in the
worker, so the GUI thread only hands them to the views.

Cancel means "nothing changed": an operation that saves a plan does so in one transaction at its
very end, so a cancel normally stops it before; a cancel that lands after that save (between the
save and the run's last progress check) removes the plan it just saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humanops import i18n_marks
from humanops.feedback import Canceled
from humanops.i18n_marks import QT_TRANSLATE_NOOP  # this line: packaging/update_translations.py reads the texts
from humanops.viewmodel.result_overlays import PLAIN, Overlays, Words

if TYPE_CHECKING:
    from humanops.analysis.registry import OperationResult
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

CONTEXT = "runner"  # the translation context of the texts here
READING = QT_TRANSLATE_NOOP("runner", "reading plan {id}")
SAVED_PLAN = QT_TRANSLATE_NOOP("runner", "Saved plan {id}: {title}")


@dataclass
class PlanningRun:
    """One result as the app shows it: tables, a summary, overlays, and where it came from.
    ``overlays`` and ``tables`` are as the :class:`Presentation` made them ready to show (the
    app's: the canvas's ``Overlay`` and the Results dock's ``PreparedTable``)."""

    op_id: str
    title: str
    params: dict[str, Any]
    result: OperationResult
    overlays: dict[str, Any] = field(default_factory=dict)
    finished: datetime = field(default_factory=lambda: datetime.now(UTC))
    tables: dict[str, Any] = field(default_factory=dict)
    # the summary's words, made by the worker ((language, text)): the first number formatted
    # in a language loads its locale data, 30 ms the GUI thread need not spend
    worded: tuple[str, str] | None = None
    # The workspace's saved plans as the worker saw them after saving this one (list_plans):
    # the Saved plans list is refilled from them instead of a read on the GUI thread
    saved_plans: list[dict[str, Any]] | None = None

    @property
    def label(self) -> str:
        return f"{self.finished.astimezone():%H:%M:%S}  {self.title}"


# prepare(op_id, title, params, result, overlays, feedback): the run made ready to show
Prepare = Callable[[str, str, dict[str, Any], "OperationResult", Overlays, "Feedback"], PlanningRun]


def as_built(op_id: str, title: str, params: dict[str, Any], result: OperationResult, overlays: Overlays,
             feedback: Feedback) -> PlanningRun:
    """The run as built: overlays as (frame, look), the result's own tables."""
    feedback.check()
    return PlanningRun(op_id, title, params, result, dict(overlays), tables=dict(result.tables))


@dataclass(frozen=True)
class Presentation:
    """How the runs are shown: the words (translations, number formats) and what makes a run
    ready for the views, called in the worker."""

    words: Words = PLAIN
    prepare: Prepare = as_built


def _saved_plans(workspace: Workspace) -> list[dict[str, Any]]:
    """The saved plans, without their summaries (all the Saved plans list shows)."""
    from humanops.analysis.plans import list_plans

    return [{k: plan[k] for k in ("id", "kind", "title", "created")} for plan in list_plans(workspace)]


def _last_plan_id(workspace: Workspace) -> int:
    from humanops.analysis.plans import list_plans

    return max((p["id"] for p in list_plans(workspace)), default=0)


def _drop_plans_after(workspace: Workspace, plan_id: int) -> None:
    from humanops.analysis.plans import delete_plan, list_plans

    for plan in list_plans(workspace):
        if plan["id"] > plan_id:
            delete_plan(workspace, plan["id"])


def operation_task(path: str | Path, op_id: str, params: dict[str, Any],
                   presentation: Presentation | None = None) -> Callable[[Feedback], PlanningRun]:
    """The worker's body for operation ``op_id`` with validated ``params``."""
    presentation = presentation or Presentation()

    def task(feedback: Feedback) -> PlanningRun:
        from humanops.analysis.registry import get
        from humanops.store.open_target import open_any
        from humanops.viewmodel.result_overlays import overlays_for

        op = get(op_id)
        words = presentation.words
        title = words.translate(i18n_marks.OPERATIONS, op.title) if op.title else op.title
        with open_any(path) as workspace:  # a file, or a team database's URL
            before = _last_plan_id(workspace)
            try:
                result = op.run(workspace, params, feedback)
                overlays = overlays_for(workspace, op_id, params, result, words)
                run = presentation.prepare(op_id, title, params, result, overlays, feedback)
                if result.summary.get("plan_id"):
                    run.saved_plans = _saved_plans(workspace)
                return run
            except Canceled:
                _drop_plans_after(workspace, before)
                raise

    return task


def saved_plan_task(path: str | Path, plan_id: int,
                    presentation: Presentation | None = None) -> Callable[[Feedback], PlanningRun]:
    """The worker's body that reads a saved plan back (analysis/plans.py) and draws it like a fresh one."""
    presentation = presentation or Presentation()

    def task(feedback: Feedback) -> PlanningRun:
        from humanops.analysis.plans import read_plan
        from humanops.analysis.registry import OperationResult
        from humanops.store.open_target import open_any
        from humanops.viewmodel.result_overlays import plan_overlays

        words = presentation.words
        feedback.progress(0.1, words.translate(CONTEXT, READING).format(id=plan_id))
        with open_any(path) as workspace:  # a file, or a team database's URL
            plan, lines, outcomes = read_plan(workspace, plan_id)
            overlays = plan_overlays(workspace, plan, lines, outcomes, words)
        summary = {**plan["summary"], "plan_id": plan["id"], "created": plan["created"]}
        result = OperationResult(operation=f"plan_{plan['kind']}", tables={"lines": lines, "outcomes": outcomes},
                                 summary=summary)
        title = words.translate(CONTEXT, SAVED_PLAN).format(id=plan["id"], title=plan["title"] or plan["kind"])
        return presentation.prepare(f"saved_{plan['kind']}", title, {"plan_id": plan_id}, result, overlays, feedback)

    return task
