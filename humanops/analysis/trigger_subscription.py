"""Change subscription: :class:`TriggerEngine` keeps ``humanops_alerts`` current as the workspace
changes.

Subscribed to the workspace, it re-evaluates, after each committed change, only the adopted rules
that read the changed layer (:mod:`humanops.analysis.trigger_evaluation`) and stores what they fire
(:mod:`humanops.analysis.alert_states`); listeners (the alerts panel) hear when alerts changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from humanops.analysis.alert_states import EvaluationReport, sync_alerts
from humanops.analysis.trigger_adoption import RULES_META_KEY, rules_from_meta
from humanops.analysis.trigger_evaluation import evaluate_rules
from humanops.analysis.trigger_rules import TriggerRule
from humanops.errors import AnalysisError, WorkspaceError
from humanops.model.clock import workspace_now

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange

log = logging.getLogger(__name__)


class TriggerEngine:
    """Evaluates the adopted rules and keeps ``humanops_alerts`` current.

    ``at`` fixes the time the danger zones and corridors must be valid at (default: the workspace
    clock's now, at each evaluation). :meth:`subscribe` re-evaluates after every committed change in a layer a rule
    reads; an error during that evaluation never breaks the edit (it is logged and kept in
    ``last_error``). ``on_alerts(report)`` callbacks run when alerts changed (the alerts panel).
    """

    def __init__(self, workspace: Workspace, *, at: datetime | None = None) -> None:
        self.workspace = workspace
        self.at = at
        self.last_report: EvaluationReport | None = None
        self.last_error: Exception | None = None
        self.evaluations = 0
        self._listeners: list[Callable[[EvaluationReport], None]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._rules_text: str | None = None
        self._rules: list[TriggerRule] = []

    @property
    def rules(self) -> list[TriggerRule]:
        text = self.workspace.get_meta(RULES_META_KEY)
        if text != self._rules_text:  # re-parse only when a new file was adopted
            self._rules = rules_from_meta(text)
            self._rules_text = text
        return self._rules

    def on_alerts(self, listener: Callable[[EvaluationReport], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def evaluate(self, layers: Iterable[str] | None = None) -> EvaluationReport:
        """Evaluate the rules that read any of ``layers`` (all rules when None) and store the alerts."""
        rules = self.rules
        if layers is not None:
            changed = set(layers)
            rules = [r for r in rules if r.layers & changed]
        enabled = [r for r in rules if r.enabled]
        now = workspace_now(self.workspace)
        fired = evaluate_rules(self.workspace, enabled, at=self.at or now) if enabled else []
        report = sync_alerts(self.workspace, rules, fired, now=now)
        self.evaluations += 1
        self.last_report = report
        if report.changed:
            for listener in list(self._listeners):
                listener(report)
        return report

    def subscribe(self) -> TriggerEngine:
        if self._unsubscribe is None:
            self._unsubscribe = self.workspace.subscribe(self._on_change)
        return self

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_change(self, change: WorkspaceChange) -> None:
        try:
            if any(change.layer in r.layers for r in self.rules):
                self.evaluate([change.layer])
            self.last_error = None
        except (AnalysisError, WorkspaceError) as exc:
            self.last_error = exc
            log.warning("trigger evaluation after a change in %s failed: %s", change.layer, exc.message)
        except Exception as exc:  # a bug must not turn a committed edit into an error for the user
            self.last_error = exc
            log.exception("trigger evaluation after a change in %s failed", change.layer)


def attach_triggers(workspace: Workspace, *, at: datetime | None = None) -> TriggerEngine:
    """A subscribed engine: what the app and the import commands call after opening a workspace."""
    return TriggerEngine(workspace, at=at).subscribe()
