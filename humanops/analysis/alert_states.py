"""The alert state machine: ``active`` → ``acknowledged`` (by a user) → ``resolved`` (the condition
no longer holds).

:func:`sync_alerts` stores what an evaluation fired: a new alert is raised ``active``; a resolved
alert that fires again, or an acknowledged one that gains a new cause (a new danger zone near the
same corridor; the needs are the causes of a ``need_near_danger`` alert, so a new need near the
same zone raises it again), becomes ``active`` again; one whose content changed is updated in its
state; one of the evaluated rules that no longer fires is resolved. :func:`acknowledge` is the
user's step; :func:`resolve_alerts_of_other_rules` resolves those of rules no longer adopted.
Times come from the workspace clock (:func:`humanops.model.clock.workspace_now`).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from humanops.analysis.alert_store import (
    ALERTS_TABLE,
    Alert,
    count_open_alerts,
    ensure_alerts_table,
    get_alert,
    list_alerts,
    write_alerts,
)
from humanops.analysis.trigger_rules import TriggerRule
from humanops.errors import AnalysisError
from humanops.model.clock import workspace_now
from humanops.model.marking import format_time

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace


def acknowledge(workspace: Workspace, alert_id: str, *, by: str = "") -> Alert:
    """Mark an active alert as seen; it stays listed until its condition no longer holds."""
    alert = get_alert(workspace, alert_id)
    if alert.state == "resolved":
        raise AnalysisError(f"alert {alert.id} is resolved already")
    now = format_time(workspace_now(workspace))
    with workspace.transaction():
        workspace.sql.execute(f"UPDATE {ALERTS_TABLE} SET state = 'acknowledged', acknowledged = ?, "
                              "acknowledged_by = ?, updated = ? WHERE id = ?",
                              (now, by or workspace.organisation, now, alert.id))
    return get_alert(workspace, alert.id)


@dataclass
class EvaluationReport:
    """What one evaluation changed in ``humanops_alerts``."""

    raised: list[Alert] = field(default_factory=list)  # new, or active again
    updated: list[Alert] = field(default_factory=list)  # still firing, with other features or wording
    resolved: list[Alert] = field(default_factory=list)
    active: int = 0  # active + acknowledged after the evaluation
    rules: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.raised or self.updated or self.resolved)

    def to_dict(self) -> dict[str, Any]:
        return {"rules": self.rules, "raised": [a.id for a in self.raised], "updated": [a.id for a in self.updated],
                "resolved": [a.id for a in self.resolved], "active": self.active}


def _content(a: Alert) -> tuple[Any, ...]:
    """What an alert says (its CAP messages' content): a change in it is an update."""
    return (a.headline, a.description, a.features, a.severity, a.urgency, a.certainty, a.tlp, a.releasable_to,
            a.caveats, a.area_desc, a.event, a.category, a.instruction, a.web, a.event_codes, a.geocodes,
            a.zones_valid_until, a.expires_hours, a.texts)


def _same_content(a: Alert, b: Alert) -> bool:
    return _content(a) == _content(b)


def sync_alerts(workspace: Workspace, rules: Sequence[TriggerRule], fired: Sequence[Alert], *,
                now: datetime | None = None) -> EvaluationReport:
    """Store ``fired`` (the alerts ``rules`` raise now); resolve those of ``rules`` that no longer fire."""
    ensure_alerts_table(workspace)
    now = now or workspace_now(workspace)
    report = EvaluationReport(rules=[r.id for r in rules])
    rule_ids = [r.id for r in rules]
    existing = {(a.rule_id, a.subject): a for a in list_alerts(workspace, rule_ids=rule_ids)} if rule_ids else {}
    writes: list[Alert] = []
    for alert in fired:
        old = existing.pop((alert.rule_id, alert.subject), None)
        if old is None:
            new = replace(alert, id=str(uuid_module.uuid4()), state="active", first_fired=now, last_fired=now,
                          updated=now)
            report.raised.append(new)
            writes.append(new)
            continue
        new_causes = {f for f in alert.features if f.role == "cause"} - set(old.features)
        if old.state == "resolved" or (old.state == "acknowledged" and new_causes):
            new = replace(alert, id=old.id, state="active", first_fired=old.first_fired, last_fired=now,
                          updated=now, acknowledged=None, acknowledged_by=None, resolved=None)
            report.raised.append(new)
            writes.append(new)
        elif not _same_content(old, alert) or old.area != alert.area:
            new = replace(alert, id=old.id, state=old.state, first_fired=old.first_fired, last_fired=now,
                          updated=now, acknowledged=old.acknowledged, acknowledged_by=old.acknowledged_by)
            report.updated.append(new)
            writes.append(new)
    for old in existing.values():
        if old.state != "resolved":
            new = replace(old, state="resolved", resolved=now, updated=now)
            report.resolved.append(new)
            writes.append(new)
    write_alerts(workspace, writes)
    report.active = count_open_alerts(workspace)
    return report


def resolve_alerts_of_other_rules(workspace: Workspace, rule_ids: Iterable[str], now: datetime) -> None:
    """Resolve the open alerts of every rule not in ``rule_ids`` (rules no longer adopted), in the
    caller's transaction when there is one."""
    keep = set(rule_ids)
    db = workspace.sql
    with workspace.transaction():
        stale = [r[0] for r in db.execute(f"SELECT id, rule_id FROM {ALERTS_TABLE} WHERE state != 'resolved'")
                 if r[1] not in keep]
        db.executemany(f"UPDATE {ALERTS_TABLE} SET state = 'resolved', resolved = ?, updated = ? WHERE id = ?",
                       [(format_time(now), format_time(now), i) for i in stale])
