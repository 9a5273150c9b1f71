"""Import, quarantine: the received features that failed a check, kept apart and listed.

A quarantined feature is never merged. Its row in ``humanops_quarantine`` holds the package,
the sender, the reason (code and text) and the feature as received, or only its identity when
the check says its content is not ours to keep (a marking we cannot read, a location we are
entitled to only generalised, a count under k).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from humanops.sharing.import_checks import Verdicts
from humanops.sharing.records import feature_record, identity_record
from humanops.store.workspace import Workspace

_COLUMNS = ("id", "at", "package_id", "sender", "layer", "uuid", "version", "reason_code", "reason")


def quarantine(workspace: Workspace, layer: str, frame: pd.DataFrame, verdicts: Verdicts, package_id: str,
               sender: str, stamp: str) -> None:
    """Keep the rows the checks refused (inside the import's transaction)."""
    bad = np.flatnonzero(~verdicts.ok)
    if not len(bad):
        return
    workspace.sql.executemany(
        "INSERT INTO humanops_quarantine (at, package_id, sender, layer, uuid, version, reason_code, reason, "
        "feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(stamp, package_id, sender, layer, str(frame["uuid"].iloc[i])[:64],
          int(frame["version"].iloc[i]), verdicts.code[i], verdicts.reason[i],
          json.dumps(feature_record(frame, int(i)) if verdicts.keep_content[i] else identity_record(frame, int(i))))
         for i in bad])


def list_quarantine(workspace: Workspace, *, limit: int = 1000) -> list[dict[str, Any]]:
    """The quarantined features, newest first (without the features themselves)."""
    if not workspace.sql.has_table("humanops_quarantine"):
        return []
    rows = workspace.sql.execute(
        "SELECT id, at, package_id, sender, layer, uuid, version, reason_code, reason FROM humanops_quarantine "
        "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [dict(zip(_COLUMNS, r, strict=True)) for r in rows]
