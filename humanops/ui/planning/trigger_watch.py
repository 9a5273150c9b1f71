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

Time moves without any edit: a danger zone valid from T+1h must raise its alert when the clock
(the wall clock, or an exercise's running scenario clock) gets there. Each catch-up round also
finds, on its worker, the next moment a feature of a layer the rules read enters or leaves its
validity window; a timer reads the workspace clock once every :data:`TIME_CHECK_MS` (one meta
read) and, when the clock has passed that moment, or was set back, starts a round that
evaluates those rules: at most one round a tick, however fast the scenario runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from humanops.errors import HumanOpsError
from humanops.store.target_reads import workspace_target
from humanops.ui.workers import Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from humanops.analysis.trigger_rules import TriggerRule
    from humanops.analysis.triggers import Alert, EvaluationReport, TriggerEngine
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace, WorkspaceChange

log = logging.getLogger(__name__)

TIME_CHECK_MS = 1000  # how often the watch reads the clock (and at most how often time alone evaluates rules)
_JUST_AFTER = timedelta(milliseconds=1)  # a window's end is inclusive: it closes the moment after
CHANGE_LOG_CHUNK = 10_000  # change-log rows a fetch of the catch-up (count_changes)
_LAYER_UUID, _LAYER = itemgetter(1, 2), itemgetter(1)


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
    clock_now: datetime | None = None  # the workspace clock when the next boundary was looked for
    next_boundary: datetime | None = None  # the next moment a feature of a timed layer enters or leaves its window


def next_validity_boundary(workspace: Workspace, layers: set[str], after: datetime) -> datetime | None:
    """The first moment after ``after`` at which a feature of ``layers`` becomes valid (its start)
    or stops being valid (just after its end), or None; layers without a validity window count not."""
    import pandas as pd

    moment = pd.Timestamp(after).tz_convert("UTC")
    found: list[pd.Timestamp] = []
    for layer in sorted(layers):
        try:
            kind = workspace.kind(layer)
            bounds = [(kind.time_start, timedelta(0)), (kind.time_end, _JUST_AFTER)] if kind.time_start else []
            columns = [column for column, _ in bounds if column]
            rows = workspace.rows(layer, columns, geometry=False, fids=False) if columns else None
        except HumanOpsError:  # a layer the workspace lacks has no boundary
            continue
        if rows is None or not len(rows):
            continue
        for i, (_, shift) in enumerate(b for b in bounds if b[0]):
            stamps = pd.to_datetime(pd.Series([row[i] for row in rows.values], dtype=object), utc=True,
                                    errors="coerce", format="ISO8601") + shift
            later = stamps[(stamps > moment).to_numpy(dtype=bool, na_value=False)]
            if len(later):
                found.append(later.min())
    return min(found).to_pydatetime() if found else None


def timed_layers(workspace: Workspace, rules: list[TriggerRule]) -> set[str]:
    """The layers enabled rules read whose kind has a validity window: time alone changes what they see."""
    layers = set().union(*(r.layers for r in rules if r.enabled)) if rules else set()
    return {name for name in layers if name in workspace.catalog and workspace.catalog[name].time_start}


def read_changes_and_evaluate(path: str | Path, since: int, ours: Counter[tuple[str, str]], rules: list[TriggerRule],
                              also: set[str], at: datetime | None,
                              feedback: Feedback | None = None, timed: set[str] | None = None) -> CaughtUp:
    """The catch-up's reading and evaluating, on the calling (worker) thread with a connection
    of its own. ``ours``: the changes the window's subscription saw when it started (a copy);
    the rules reading the layers changed by others than those (and those reading ``also``) are
    evaluated. A change the window made meanwhile may be taken for another's here: that rule is
    evaluated once more than needed, never once less. ``timed``: the layers whose next validity
    boundary to find (after the workspace clock's now), for the watch's clock timer."""
    from humanops.analysis.triggers import evaluate_rules
    from humanops.model.clock import workspace_now
    from humanops.store.open_target import open_any

    with open_any(path) as own:  # a file or a team database
        caught = count_changes(own, since, feedback)
        elsewhere = set(also) | _elsewhere(caught, ours.copy())
        wanted = [r for r in rules if r.layers & elsewhere]
        if wanted:
            caught.evaluated = elsewhere
            caught.now = workspace_now(own)
            enabled = [r for r in wanted if r.enabled]
            caught.fired = evaluate_rules(own, enabled, at=at or caught.now) if enabled else []
        if timed:
            caught.clock_now = caught.now or workspace_now(own)
            caught.next_boundary = next_validity_boundary(own, timed, at or caught.clock_now)
    return caught


def count_changes(workspace: Workspace, since: int, feedback: Feedback | None = None) -> CaughtUp:
    """The change log after ``since``, counted per layer and per (layer, uuid), read
    :data:`CHANGE_LOG_CHUNK` rows at a time: one fetch of 100,000 rows and the objects it makes held
    the GIL about 80 ms at once (the GUI thread waiting); a chunk is fetched and counted (in C,
    ``Counter.update``) in a few ms."""
    caught = CaughtUp(since=since, last_seq=since)
    cursor = workspace.sql.execute("SELECT seq, layer, uuid FROM humanops_changes WHERE seq > ? ORDER BY seq",
                                   (since,))
    while rows := cursor.fetchmany(CHANGE_LOG_CHUNK):
        caught.last_seq = rows[-1][0]
        caught.per_feature.update(map(_LAYER_UUID, rows))
        caught.per_layer.update(map(_LAYER, rows))
        if feedback is not None:
            feedback.check()
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
        # the clock: when time alone changes what the rules see (see the module docstring)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(TIME_CHECK_MS)
        self._clock_timer.timeout.connect(self.check_clock)
        self._next_boundary: datetime | None = None
        self._boundary_known = False  # False: look for it (on open, after the window's edits of a timed layer)
        self._clock_seen: datetime | None = None  # the clock when the boundary was looked for

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
        self._boundary_known, self._next_boundary, self._clock_seen = False, None, None
        if self.engine.at is None:  # a fixed scenario time never moves: nothing to watch
            self._clock_timer.start()

    def _count(self, change: WorkspaceChange) -> None:
        self._ours.update((change.layer, uuid) for uuid in change.uuids)
        self._edits += 1
        kind = self.workspace.catalog[change.layer] if self.workspace and change.layer in self.workspace.catalog \
            else None
        if kind is not None and kind.time_start:  # a window edited here may be the next boundary
            self._boundary_known = False

    def detach(self) -> None:
        self._clock_timer.stop()
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

    def check_clock(self) -> None:
        """On the clock timer: when the workspace clock has passed the next validity boundary (or
        was set back before the last look), evaluate the rules reading timed layers, in a round
        on the worker; look for the boundary when it is not known. One meta read otherwise."""
        from humanops.model.clock import workspace_now

        ws, engine = self.workspace, self.engine
        if ws is None or engine is None or engine.at is not None or self._worker is not None:
            return  # a round in flight looks for the boundary again when it ends
        timed = timed_layers(ws, self.rules())
        if not timed:
            return
        now = workspace_now(ws)
        passed = self._next_boundary is not None and now >= self._next_boundary
        set_back = self._clock_seen is not None and now < self._clock_seen
        if self._boundary_known and (passed or set_back):
            self._evaluate_again |= timed
        elif self._boundary_known:
            return
        self._start()

    def next_boundary(self) -> datetime | None:
        """The moment the clock timer waits for (None: none known, or none ahead)."""
        return self._next_boundary if self._boundary_known else None

    def _start(self) -> None:
        ws, engine = self.workspace, self.engine
        if ws is None or engine is None:
            return
        self._again = False
        rules, also, self._evaluate_again = self.rules(), self._evaluate_again, set()
        path, since, ours, at, edits = workspace_target(ws), self._seen_seq, self._ours.copy(), engine.at, self._edits
        timed = timed_layers(ws, rules) if at is None else set()
        worker = Worker(lambda feedback: read_changes_and_evaluate(path, since, ours, rules, also, at, feedback, timed),
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
            if caught.clock_now is not None and self._edits == edits:  # else an edit here may have moved it
                self._next_boundary, self._clock_seen, self._boundary_known = (caught.next_boundary,
                                                                               caught.clock_now, True)
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
