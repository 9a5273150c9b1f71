"""The situation reports written from this workspace: ``humanops_sitreps``, one row per report.

A report says what changed since the last one made for the same audience (new danger zones,
corridors closed...). For that it keeps, per report, when it was made, the time it was valid at,
and what it showed of the layers it compares: each feature's uuid, a hash of its content, and the
name and status it was shown with (a name the audience was shown then, so the next report may
say it is gone without asking the workspace again).

Bookkeeping: not listed in ``gpkg_contents`` (:func:`humanops.store.gpkg_conformance.is_listed`),
created on first use inside the caller's transaction, so a report that fails leaves no trace of
it. Rows are never changed or deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from humanops.store.sql_dialect import AppTable, declare

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

TABLE = "humanops_sitreps"
_COLUMNS = ("audience", "made", "valid_at", "file", "sha256", "tlp", "shown")
# a bookkeeping table: listed only if gpkg_conformance ever counts it among what a user opens
SITREPS = AppTable(TABLE, "HumanOps: situation reports written, and what they showed", (
    "id ID", "audience TEXT NOT NULL", "made TEXT NOT NULL", "valid_at TEXT NOT NULL",
    "file TEXT NOT NULL", "sha256 TEXT NOT NULL", "tlp TEXT NOT NULL", "shown TEXT NOT NULL",
), indexes=((f"{TABLE}_audience", "audience, id"),))
declare([SITREPS])


@dataclass(frozen=True)
class ShownFeature:
    """A feature as a report showed it: its content hash, name and (corridors) status."""

    content: str
    name: str = ""
    status: str = ""


@dataclass(frozen=True)
class SitrepRecord:
    audience: str  # an organisation id, or "internal"
    made: str  # the workspace clock's time, as the GeoPackage writes datetimes
    valid_at: str
    file: str  # the file's name (not its folder)
    sha256: str  # of the PDF written
    tlp: str  # its banner
    shown: dict[str, dict[str, ShownFeature]] = field(default_factory=dict)  # layer -> uuid -> feature


def _exists(workspace: Workspace) -> bool:
    return workspace.sql.has_table(TABLE)


def _shown_json(shown: dict[str, dict[str, ShownFeature]]) -> str:
    return json.dumps({layer: {uuid: [f.content, f.name, f.status] for uuid, f in features.items()}
                       for layer, features in shown.items()}, sort_keys=True, ensure_ascii=False)


def _shown_from(text: str) -> dict[str, dict[str, ShownFeature]]:
    data: dict[str, Any] = json.loads(text) if text else {}
    return {layer: {uuid: ShownFeature(*values) for uuid, values in features.items()}
            for layer, features in data.items()}


def last_for(workspace: Workspace, audience: str) -> SitrepRecord | None:
    """The last report made for ``audience``, or None."""
    if not _exists(workspace):
        return None
    row = workspace.sql.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} WHERE audience = ? ORDER BY id DESC LIMIT 1",
        (audience,)).fetchone()
    if row is None:
        return None
    return SitrepRecord(*row[:6], shown=_shown_from(row[6]))


def add(workspace: Workspace, record: SitrepRecord) -> None:
    """Keep ``record`` (inside the caller's transaction, if any: it commits or rolls back with it)."""
    with workspace.transaction():
        db = workspace.sql
        db.ensure_tables([SITREPS])
        db.execute(f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                   (record.audience, record.made, record.valid_at, record.file, record.sha256, record.tlp,
                    _shown_json(record.shown)))
