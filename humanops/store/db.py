"""SQLite, as the rest of the app may know it: the types it names and the read-only connection.

``humanops.store`` is the only package that imports :mod:`sqlite3` (an import-linter contract
keeps it so). Modules that keep the app's own tables (sharing, audit, plans, alerts) work on
the workspace's connection inside :meth:`Workspace.transaction` and name its types from here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

Connection = sqlite3.Connection
Row = sqlite3.Row
Error = sqlite3.Error
DatabaseError = sqlite3.DatabaseError
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError

BUSY_TIMEOUT_S = 30  # a reader waits this long while a commit is being written


def connect_read_only(path: str | Path) -> Connection:
    """A read-only connection of its own to the SQLite file at ``path``, for the thread that
    calls this and only that thread. It reads the last committed state, waiting only while a
    commit is written; any write through it fails. The rules: docs/architecture.md, section 3."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    # autocommit: Python's implicit BEGIN before a (refused) write would hold a read lock
    # until the connection closes, and the writer could not commit meanwhile
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def backup(source: str | Path, target: str | Path) -> None:
    """A consistent copy of the SQLite file ``source`` at ``target`` (SQLite's backup API: what
    was committed when it started, whatever is committed meanwhile), on the caller's thread."""
    src = sqlite3.connect(Path(source), timeout=BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(Path(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
