"""Keeps the alerts current while a workspace is open in the app.

On open, :func:`~humanops.analysis.triggers.attach_triggers` subscribes an engine to the window's
workspace: every edit made in the app (the undo stack, forms, undo itself) re-evaluates the rules
that read the changed layer, in the committing thread, before the edit returns. Imports are
written by a worker through a connection of its own, which that subscription does not see:
:meth:`catch_up` (called whenever the window refreshes after changes, e.g. after an import)
reads the workspace's change log since it last looked, leaves out the changes the subscription
saw (counted per layer and feature), evaluates the rules that read the layers changed
elsewhere, and says which layers those were (``externallyChanged``), so alerts and corridor
risk also follow imports and other programs' writes, and nothing is evaluated twice.

Catching up after an import reads 100,000 rows of the change log and may evaluate rules over
100,000 needs: a worker does both, on a connection of its own, and hands the GUI thread only
what it needs — the change log counted per feature, and the alerts the rules fire — which the
GUI thread stores through the window's connection (so alerts are only ever written by one
connection, never by two at once). Requests while it runs are gathered into one more round.

The time rules are evaluated at is the scenario's "now" in a scenario or exercise workspace
(meta ``scenario_now``), else the current time: a demo's danger zones are valid around its own
date, not today's.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from humanops.errors import HumanOpsError
from humanops.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from humanops.analysis.trigger_rules import TriggerRule
    from humanops.analysis.triggers import Alert, EvaluationReport, TriggerEngine
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace, WorkspaceChange

log = logging.getLogger(__name__)


def scenario_time(workspace: Workspace | None) -> datetime | None:
    """The workspace's scenario "now" (meta ``scenario_now``), if it is a scenario."""
    if workspace is None:
        return None
    text = workspace.get_meta("scenario_now")
    if not text:
        return None
    from humanops.analysis.registry import DateTimeParam

    try:
        return DateTimeParam("scenario_now").convert(text)
    except HumanOpsError:
        log.warning("ignoring an unreadable scenario_now %r", text)
        return None


@dataclass
class CaughtUp:
    """What a catch-up worker read: the change log after ``since`` up to ``last_seq``, counted per
    layer and per (layer, uuid), and, if it evaluated rules, the alerts they fire now."""

    since: int
    last_seq: int
    per_layer: Counter[str] = field(default_factory=Counter)
    per_feature: Counter[tuple[str, str]] = field(default_factory=Counter)
    evaluated: set[str] = field(default_factory=set)  # the layers whose rules were evaluated
    fired: list[Alert] | None = None
    now: datetime | None = None


def read_changes_and_evaluate(path: str | Path, since: int, ours: Counter[tuple[str, str]], rules: list[TriggerRule],
                              also: set[str], at: datetime | None,
                              feedback: Feedback | None = None) -> CaughtUp:
    """The catch-up's reading and evaluating, on the calling (worker) thread with a connection
    of its own. ``ours``: the changes the window's subscription saw when it started (a copy);
    the rules reading the layers changed by others than those (and those reading ``also``) are
    evaluated. A change the window made meanwhile may be taken for another's here: that rule is
    evaluated once more than needed, never once less."""
    from humanops.analysis.triggers import evaluate_rules
    from humanops.model.clock import workspace_now
    from humanops.store.workspace import Workspace

    with Workspace.open(path) as own:
        rows = own.change_log(since)
        caught = CaughtUp(since=since, last_seq=rows[-1][0] if rows else since)
        for _, layer, uuid in rows:
            caught.per_feature[(layer, uuid)] += 1
            caught.per_layer[layer] += 1
        if feedback is not None:
            feedback.check()
        elsewhere = set(also) | _elsewhere(caught, ours.copy())
        wanted = [r for r in rules if r.layers & elsewhere]
        if wanted:
            caught.evaluated = elsewhere
            caught.now = workspace_now(own)
            enabled = [r for r in wanted if r.enabled]
            caught.fired = evaluate_rules(own, enabled, at=at or caught.now) if enabled else []
    return caught


def _elsewhere(caught: CaughtUp, ours: Counter[tuple[str, str]]) -> set[str]:
    """The layers with changes in ``caught`` that ``ours`` does not account for; takes the
    accounted ones out of ``ours`` (in place). Its work is proportional to ``ours``, the window's
    own edits: small, whatever an import wrote."""
    matched: Counter[str] = Counter()
    for key, mine in list(ours.items()):
        n = min(mine, caught.per_feature.get(key, 0))
        if n:
            matched[key[0]] += n
            ours[key] -= n
            if ours[key] <= 0:
                del ours[key]
    return {layer for layer, total in caught.per_layer.items() if total > matched[layer]}


class TriggerWatch(QObject):
    alertsChanged = Signal()  # connect queued: emitted in the thread that evaluated
    externallyChanged = Signal(object)  # set of layers changed through other connections
    caughtUp = Signal()  # a catch-up round ended (its alerts stored, its signals sent)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.engine: TriggerEngine | None = None
        self._seen_seq = 0
        self._ours: Counter[tuple[str, str]] = Counter()  # (layer, uuid) changes the subscription saw
        self._unsubscribe: Callable[[], None] | None = None
        self._emit = lambda _report: self.alertsChanged.emit()
        self._worker: Worker | None = None  # the catch-up in flight
        self._again = False  # asked again while it ran
        self._evaluate_again: set[str] = set()  # layers whose rules the next round evaluates anyway
        self._edits = 0  # the window's own commits, counted (an evaluation older than one is stale)

    def attach(self, workspace: Workspace | None) -> None:
        from humanops.analysis.triggers import attach_triggers

        self.detach()
        if workspace is None:
            return
        self.workspace = workspace
        self._evaluate_again = set()
        self.engine = attach_triggers(workspace, at=scenario_time(workspace))
        self.engine.on_alerts(self._emit)
        self._seen_seq = workspace.last_change_seq()
        self._ours.clear()
        self._unsubscribe = workspace.subscribe(self._count)
        if self.has_rules():
            self.evaluate()  # changes made while the app was closed (the CLI, another tool)

    def _count(self, change: WorkspaceChange) -> None:
        self._ours.update((change.layer, uuid) for uuid in change.uuids)
        self._edits += 1

    def detach(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        self._again = False
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.engine is not None:
            self.engine.close()
        self.engine = None
        self.workspace = None

    def rules(self) -> list[TriggerRule]:
        if self.engine is None:
            return []
        try:
            return self.engine.rules
        except HumanOpsError:
            return []

    def has_rules(self) -> bool:
        return bool(self.rules())

    def evaluate(self, layers: set[str] | None = None) -> EvaluationReport | None:
        """Evaluate now (all rules, or those reading ``layers``); errors are logged, never raised."""
        if self.engine is None:
            return None
        try:
            return self.engine.evaluate(layers)
        except HumanOpsError as exc:
            log.warning("trigger evaluation failed: %s", exc.message)
        except Exception:  # a bug must not break the window's refresh
            log.exception("trigger evaluation failed")
        return None

    def catch_up(self) -> None:
        """Evaluate the rules reading layers changed through other connections since the last
        look: in a worker, the alerts stored and the signals sent when it is done."""
        ws = self.workspace
        if ws is None or self.engine is None:
            return
        if self._worker is not None:
            self._again = True
            return
        # One indexed max(): the usual case (nothing written elsewhere) starts no worker.
        if not self._evaluate_again and ws.last_change_seq() <= self._seen_seq:
            return
        self._start()

    def is_catching_up(self) -> bool:
        return self._worker is not None

    def _start(self) -> None:
        ws, engine = self.workspace, self.engine
        if ws is None or engine is None:
            return
        self._again = False
        rules, also, self._evaluate_again = self.rules(), self._evaluate_again, set()
        path, since, ours, at, edits = ws.path, self._seen_seq, self._ours.copy(), engine.at, self._edits
        worker = Worker(lambda feedback: read_changes_and_evaluate(path, since, ours, rules, also, at, feedback),
                        title=self.tr("Checking the alerts after changes"))
        self._worker = worker
        # Bound methods (through partial): a watch deleted meanwhile is not called back.
        worker.succeeded.connect(partial(self._caught_up, worker, ws, rules, also, edits))
        worker.failed.connect(partial(self._failed, worker))
        worker.finished.connect(partial(self._ended, worker))
        worker.start()

    def _caught_up(self, worker: Worker, ws: Workspace, rules: list[TriggerRule], also: set[str], edits: int,
                   caught: CaughtUp) -> None:
        if self._worker is worker and self.workspace is ws:
            self._apply(caught, rules, also, stale=self._edits != edits)

    def _failed(self, worker: Worker, message: str) -> None:
        if self._worker is worker:
            log.warning("trigger evaluation failed: %s", message)

    def _ended(self, worker: Worker) -> None:
        if self._worker is not worker:
            return
        self._worker = None
        if self._again or self._evaluate_again:
            self._start()
        self.caughtUp.emit()

    def _apply(self, caught: CaughtUp, rules: list[TriggerRule], also: set[str], *, stale: bool) -> None:
        """On the GUI thread: the changes accounted for, the fired alerts stored (a few rows)."""
        from humanops.analysis.triggers import sync_alerts

        ws = self.workspace
        if ws is None or self.engine is None or caught.since != self._seen_seq:
            return
        self._seen_seq = caught.last_seq
        elsewhere = _elsewhere(caught, self._ours)
        if caught.fired is not None:
            if stale:  # the window edited meanwhile: its own evaluation is newer; evaluate again
                self._evaluate_again |= caught.evaluated
            else:
                wanted = [r for r in rules if r.layers & caught.evaluated]
                try:
                    report = sync_alerts(ws, wanted, caught.fired, now=caught.now)
                except HumanOpsError as exc:
                    log.warning("trigger evaluation failed: %s", exc.message)
                else:
                    self.engine.last_report = report
                    self.engine.evaluations += 1
                    if report.changed:
                        self.alertsChanged.emit()
        if elsewhere:
            self.externallyChanged.emit(elsewhere)

    def adopt(self, path: str | Path) -> list[TriggerRule]:
        """Adopt a rule file (all or nothing: a bad rule raises AnalysisError naming it) and evaluate."""
        from humanops.analysis.triggers import adopt_rules

        if self.workspace is None:
            return []
        rules = adopt_rules(self.workspace, path)
        self.evaluate()
        self.alertsChanged.emit()
        return rules
