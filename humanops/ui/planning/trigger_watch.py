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

The time rules are evaluated at is the scenario's "now" in a scenario or exercise workspace
(meta ``scenario_now``), else the current time: a demo's danger zones are valid around its own
date, not today's.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from humanops.errors import HumanOpsError

if TYPE_CHECKING:
    from collections.abc import Callable

    from humanops.analysis.trigger_rules import TriggerRule
    from humanops.analysis.triggers import EvaluationReport, TriggerEngine
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


class TriggerWatch(QObject):
    alertsChanged = Signal()  # connect queued: emitted in the thread that evaluated
    externallyChanged = Signal(object)  # set of layers changed through other connections

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.engine: TriggerEngine | None = None
        self._seen_seq = 0
        self._ours: Counter[tuple[str, str]] = Counter()  # (layer, uuid) changes the subscription saw
        self._unsubscribe: Callable[[], None] | None = None
        self._emit = lambda _report: self.alertsChanged.emit()

    def attach(self, workspace: Workspace | None) -> None:
        from humanops.analysis.triggers import attach_triggers

        self.detach()
        if workspace is None:
            return
        self.workspace = workspace
        self.engine = attach_triggers(workspace, at=scenario_time(workspace))
        self.engine.on_alerts(self._emit)
        self._seen_seq = workspace.last_change_seq()
        self._ours.clear()
        self._unsubscribe = workspace.subscribe(self._count)
        if self.has_rules():
            self.evaluate()  # changes made while the app was closed (the CLI, another tool)

    def _count(self, change: WorkspaceChange) -> None:
        self._ours.update((change.layer, uuid) for uuid in change.uuids)

    def detach(self) -> None:
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
        """Evaluate the rules reading layers changed through other connections since the last look."""
        ws = self.workspace
        if ws is None or self.engine is None:
            return
        rows = ws.change_log(self._seen_seq)
        if not rows:
            return
        self._seen_seq = rows[-1][0]
        elsewhere: set[str] = set()
        for _, layer, uuid in rows:
            key = (layer, uuid)
            if self._ours[key] > 0:
                self._ours[key] -= 1
            else:
                elsewhere.add(layer)
        self._ours = +self._ours  # drop the zeros
        if elsewhere:
            if self.has_rules():
                self.evaluate(elsewhere)
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
