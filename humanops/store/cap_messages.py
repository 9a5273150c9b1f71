"""The CAP messages issued for each trigger alert: ``humanops_cap_messages``.

A CAP message is named once and for all by (sender, identifier, sent); a later ``Update`` or
``Cancel`` names the messages it supersedes in ``references``. This table is how the next message
of an alert knows them: one row per message written, with the XML exactly as it was written, so
the latest message (or the whole chain) can be written again byte for byte. Rows are never
changed or deleted.

Messages of one alert form chains per status and sender (an ``Exercise`` chain never references an
``Actual`` message): a chain starts with an ``Alert``, goes on with ``Update``s and ends with a
``Cancel``; an alert raised again after its Cancel starts the next chain (``chain`` + 1).

Bookkeeping: not listed in ``gpkg_contents`` (:func:`humanops.store.gpkg_conformance.is_listed`),
created on first use inside the caller's transaction, so a refused export leaves no trace of it.
The response's languages (meta ``response_languages``, set by the adopted trigger rule file) are
read here too, for the layers above that both need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from humanops.store.sql_dialect import AppTable, declare

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

TABLE = "humanops_cap_messages"
RESPONSE_LANGUAGES_KEY = "response_languages"
ENGLISH = "en"
_COLUMNS = ("alert_id", "status", "sender", "chain", "seq", "identifier", "msg_type", "sent", "refs",
            "content_sha256", "languages", "xml", "recorded")
# a bookkeeping table: listed only if gpkg_conformance ever counts it among what a user opens
MESSAGES = AppTable(TABLE, "HumanOps: CAP messages issued for the trigger alerts", (
    "id ID", "alert_id TEXT NOT NULL", "status TEXT NOT NULL", "sender TEXT NOT NULL",
    "chain INTEGER NOT NULL", "seq INTEGER NOT NULL", "identifier TEXT NOT NULL",
    "msg_type TEXT NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel'))",
    "sent TEXT NOT NULL", "refs TEXT NOT NULL", "content_sha256 TEXT NOT NULL", "languages TEXT NOT NULL",
    "xml BLOB NOT NULL", "recorded TEXT NOT NULL",
), constraints=("UNIQUE (sender, identifier)",), indexes=((f"{TABLE}_alert", "alert_id, status, sender, seq"),))
declare([MESSAGES])


@dataclass(frozen=True)
class CapMessageRecord:
    """One message written: ``sent`` and ``refs`` (space-separated ``sender,identifier,sent``) as in its XML."""

    alert_id: str
    status: str
    sender: str
    chain: int
    seq: int
    identifier: str
    msg_type: str  # Alert | Update | Cancel
    sent: str
    refs: str
    content_sha256: str  # of what its <info>s say (an Update is issued when this changes)
    languages: str  # space-separated, as written
    xml: bytes
    recorded: str  # the wall-clock time it was written (an exercise's sent is the scenario's)

    @property
    def reference(self) -> str:
        """How a later message references this one (CAP ``references``: sender,identifier,sent)."""
        return f"{self.sender},{self.identifier},{self.sent}"


def _exists(workspace: Workspace) -> bool:
    return workspace.sql.has_table(TABLE)


def messages(workspace: Workspace, alert_id: str, *, status: str | None = None,
             sender: str | None = None) -> list[CapMessageRecord]:
    """The messages issued for the alert (of that status and sender, when given), in the order issued."""
    if not _exists(workspace):
        return []
    sql = f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} WHERE alert_id = ?"
    params: list[str] = [alert_id]
    if status is not None:
        sql += " AND status = ?"
        params.append(status)
    if sender is not None:
        sql += " AND sender = ?"
        params.append(sender)
    rows = workspace.sql.execute(sql + " ORDER BY status, sender, seq", params).fetchall()
    return [CapMessageRecord(*row[:11], bytes(row[11]), row[12]) for row in rows]


def add(workspace: Workspace, record: CapMessageRecord) -> None:
    """Keep ``record`` (inside the caller's transaction, if any: it commits or rolls back with it)."""
    with workspace.transaction():
        db = workspace.sql
        db.ensure_tables([MESSAGES])
        db.execute(f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                   (record.alert_id, record.status, record.sender, record.chain, record.seq, record.identifier,
                    record.msg_type, record.sent, record.refs, record.content_sha256, record.languages,
                    record.xml, record.recorded))


def response_languages(workspace: Workspace) -> tuple[str, ...]:
    """The languages the response issues its alerts in (meta ``response_languages``), English first."""
    listed = (workspace.get_meta(RESPONSE_LANGUAGES_KEY) or "").split()
    return tuple(dict.fromkeys([ENGLISH, *listed]))
