"""Which danger zones each imported CAP alert made: ``humanops_cap_zones``.

A CAP ``Update`` or ``Cancel`` names the alerts it supersedes by (sender, identifier, sent) in
``references``; this table is how it finds the zones they became. One row per zone an alert's
``<info>``/``<area>`` gave (or, for an Update, carried over), so a chain Alert → Update →
Update → Cancel always reaches the same zones. The table lives in the workspace like every
other app table (not in a side file) and is created on first use inside the caller's
transaction, so a refused import leaves no trace of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from humanops.store.sql_dialect import AppTable, declare

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

TABLE = "humanops_cap_zones"
ZONES = AppTable(TABLE, "HumanOps: danger zones made by imported CAP alerts", (
    "id ID", "sender TEXT NOT NULL", "identifier TEXT NOT NULL", "sent TEXT NOT NULL",
    "msg_type TEXT NOT NULL", "info INTEGER NOT NULL", "area INTEGER NOT NULL",
    "layer TEXT NOT NULL", "uuid TEXT NOT NULL", "state TEXT NOT NULL", "recorded TEXT NOT NULL",
), indexes=((f"{TABLE}_alert", "sender, identifier"),))
declare([ZONES])


@dataclass(frozen=True)
class CapZoneLink:
    """One zone an alert made or changed: ``info``/``area`` are 1-based positions in the alert;
    ``state`` is 'active', or 'ended' once a Cancel (or an Update leaving it out) ended it."""

    sender: str
    identifier: str
    sent: str
    msg_type: str
    info: int
    area: int
    layer: str
    uuid: str
    state: str = "active"


def _exists(workspace: Workspace) -> bool:
    return workspace.sql.has_table(TABLE)


def alert_known(workspace: Workspace, sender: str, identifier: str) -> bool:
    """Whether an alert with this sender and identifier was imported before."""
    if not _exists(workspace):
        return False
    return workspace.sql.execute(
        f"SELECT 1 FROM {TABLE} WHERE sender=? AND identifier=? LIMIT 1", (sender, identifier)).fetchone() is not None


def zones_of(workspace: Workspace, sender: str, identifier: str) -> list[CapZoneLink]:
    """The zones the alert (sender, identifier) made or carried, in info/area order."""
    if not _exists(workspace):
        return []
    rows = workspace.sql.execute(
        f"SELECT sender, identifier, sent, msg_type, info, area, layer, uuid, state FROM {TABLE} "
        "WHERE sender=? AND identifier=? ORDER BY info, area, id", (sender, identifier)).fetchall()
    return [CapZoneLink(*row) for row in rows]


def record(workspace: Workspace, links: list[CapZoneLink], recorded: str) -> None:
    """Add ``links`` (call inside the import's transaction)."""
    if not links:
        return
    with workspace.transaction():
        db = workspace.sql
        db.ensure_tables([ZONES])
        db.executemany(
            f"INSERT INTO {TABLE} (sender, identifier, sent, msg_type, info, area, layer, uuid, state, recorded) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(k.sender, k.identifier, k.sent, k.msg_type, k.info, k.area, k.layer, k.uuid, k.state, recorded)
             for k in links])


def mark_ended(workspace: Workspace, layer: str, uuids: list[str]) -> None:
    """Every link to these zones becomes 'ended' (a later Update does not revive them)."""
    if not uuids or not _exists(workspace):
        return
    with workspace.transaction():
        workspace.sql.executemany(f"UPDATE {TABLE} SET state='ended' WHERE layer=? AND uuid=?",
                                  [(layer, u) for u in uuids])
