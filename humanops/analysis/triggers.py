"""Preauthorised triggers: threshold rules evaluated after every edit and import, raising alerts.

This module is the façade the many callers import (the app, the commands, the exercise tools,
the tests); the work is in one module per job:

* :mod:`~humanops.analysis.trigger_adoption` — the rule file adopted into the workspace;
* :mod:`~humanops.analysis.trigger_evaluation` — which alerts the rules fire now;
* :mod:`~humanops.analysis.alert_states` — raise, update, acknowledge, resolve;
* :mod:`~humanops.analysis.alert_store` — the ``humanops_alerts`` table and its :class:`Alert` rows;
* :mod:`~humanops.analysis.trigger_subscription` — :class:`TriggerEngine`, re-evaluating after
  each committed change only the rules that read the changed layer.

The rule file's format is :mod:`humanops.analysis.trigger_rules`; the alerts' wording
:mod:`humanops.analysis.trigger_texts`. See docs/architecture.md, "Change notification".
"""

from __future__ import annotations

from humanops.analysis.alert_states import EvaluationReport, acknowledge, sync_alerts
from humanops.analysis.alert_store import (
    ALERT_STATES,
    ALERTS_DDL,
    ALERTS_TABLE,
    Alert,
    FeatureRef,
    ensure_alerts_table,
    get_alert,
    list_alerts,
)
from humanops.analysis.trigger_adoption import (
    LANGUAGES_META_KEY,
    RULES_META_KEY,
    RULES_SOURCE_META_KEY,
    adopt_rules,
    load_rules,
)
from humanops.analysis.trigger_evaluation import evaluate_rules
from humanops.analysis.trigger_subscription import TriggerEngine, attach_triggers

__all__ = [
    "ALERTS_DDL", "ALERTS_TABLE", "ALERT_STATES", "LANGUAGES_META_KEY", "RULES_META_KEY", "RULES_SOURCE_META_KEY",
    "Alert", "EvaluationReport", "FeatureRef", "TriggerEngine", "acknowledge", "adopt_rules", "attach_triggers",
    "ensure_alerts_table", "evaluate_rules", "get_alert", "list_alerts", "load_rules", "sync_alerts",
]
