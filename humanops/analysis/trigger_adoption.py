"""Trigger rules in the workspace: a TOML rule file adopted into the workspace's meta table (key
``trigger_rules``; the format is in :mod:`humanops.analysis.trigger_rules`). :func:`adopt_rules`
checks every rule before storing any: a malformed file changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from humanops.analysis.alert_states import resolve_alerts_of_other_rules
from humanops.analysis.alert_store import ensure_alerts_table
from humanops.analysis.trigger_rules import TriggerRule, parse_rule_file, parse_rules
from humanops.errors import AnalysisError
from humanops.model.clock import workspace_now
from humanops.model.marking import format_time
from humanops.store.cap_messages import RESPONSE_LANGUAGES_KEY

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

RULES_META_KEY = "trigger_rules"
RULES_SOURCE_META_KEY = "trigger_rules_source"
# The languages the response issues its alerts in (English first), set by the adopted rule file.
LANGUAGES_META_KEY = RESPONSE_LANGUAGES_KEY


def rules_from_meta(text: str | None) -> list[TriggerRule]:
    """The rules of the adopted file's text (none when no file was adopted)."""
    return parse_rules(text, source="workspace trigger rules") if text else []


def load_rules(workspace: Workspace) -> list[TriggerRule]:
    """The adopted rules (none if no file was adopted)."""
    return rules_from_meta(workspace.get_meta(RULES_META_KEY))


def adopt_rules(workspace: Workspace, path: str | Path) -> list[TriggerRule]:
    """Check every rule in the file, then store the file as the workspace's rules (all or nothing).

    Alerts of rules that are no longer in the file are resolved. Returns the adopted rules.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise AnalysisError(f"cannot read the rule file: {reason}", file=str(path)) from None
    rule_file = parse_rule_file(text, source=str(path))  # raises before anything is written
    rules = rule_file.rules
    ids = {r.id for r in rules}
    now = workspace_now(workspace)
    with workspace.transaction():
        db = workspace.sql
        db.upsert_many("humanops_meta", ("key", "value"), [
            (RULES_META_KEY, text), (LANGUAGES_META_KEY, " ".join(rule_file.languages)),
            (RULES_SOURCE_META_KEY, json.dumps({"file": path.name, "adopted": format_time(now)}))], ("key",))
        ensure_alerts_table(workspace)
        resolve_alerts_of_other_rules(workspace, ids, now)
    return rules
