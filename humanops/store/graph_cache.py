"""Derived data kept in the workspace so that the next process need not derive it again:
``humanops_graph_cache``, one row per layer (the road graph of ``road``).

A row holds a blob (the routing graph's arrays, :mod:`humanops.analysis.road_graph_cache`) and the
key it was made for: a text the caller composes from everything the blob was derived from (format
and code versions, configuration, the layer's change sequence and content). :func:`read` gives the
blob back only when the key is the caller's exactly and the blob's SHA-256 is the one written
beside it; anything else is no blob at all, and the caller derives it afresh. The table is
bookkeeping: not listed in ``gpkg_contents`` (``gpkg_conformance.is_listed``), not versioned, not
exchanged; deleting it loses nothing but time.

Writing is an optimisation, never a condition: a workspace that cannot be written (a read-only
file, a disk that is full, another writer holding it past the timeout) keeps working without it,
and :func:`write` says why it did not keep the blob.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from typing import TYPE_CHECKING

from humanops.model.marking import format_time, utc_now
from humanops.store import workspace_summary
from humanops.store.sql_dialect import AppTable, declare

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

TABLE = "humanops_graph_cache"
CACHE = AppTable(TABLE, "HumanOps: derived data kept for the next process (the road graph)", (
    "layer TEXT PRIMARY KEY NOT NULL", "cache_key TEXT NOT NULL", "sha256 TEXT NOT NULL",
    "written DATETIME NOT NULL", "arrays BLOB NOT NULL"))
declare([CACHE])


def layer_state(workspace: Workspace, layer: str) -> str:
    """The layer's rows and versions in a few numbers (:func:`workspace_summary.layer_versions`), for a
    key: another tool's edit that set the version itself, and so left no change in the log, shows here."""
    return ":".join(map(str, workspace_summary.layer_versions(workspace.sql, layer)))


def read(workspace: Workspace, layer: str, key: str) -> bytes | None:
    """The blob kept for ``layer`` under exactly ``key`` and intact, else None."""
    db = workspace.sql
    if not db.has_table(TABLE):
        return None
    row = db.execute(f"SELECT cache_key, sha256 FROM {TABLE} WHERE layer = ?", (layer,)).fetchone()
    if row is None or row[0] != key:  # the blob itself is read only when it is the one wanted
        return None
    found = db.execute(f"SELECT arrays, sha256 FROM {TABLE} WHERE layer = ? AND cache_key = ?", (layer, key)).fetchone()
    if found is None:  # replaced between the two statements
        return None
    blob, digest = bytes(found[0]), found[1]
    return blob if hashlib.sha256(blob).hexdigest() == digest else None


def write(workspace: Workspace, layer: str, key: str, blob: bytes) -> str | None:
    """Keep ``blob`` for ``layer`` under ``key`` (replacing what was kept); None when kept, else the
    reason it could not be (the workspace is unchanged then)."""
    try:
        with workspace.transaction():
            db = workspace.sql
            db.ensure_tables([CACHE])
            db.upsert(TABLE, {"layer": layer, "cache_key": key, "sha256": hashlib.sha256(blob).hexdigest(),
                              "written": format_time(utc_now()), "arrays": blob}, ("layer",))
    except Exception as exc:
        if not _cannot_write(exc):
            raise
        return f"{type(exc).__name__}: {exc}"
    return None


def _cannot_write(exc: Exception) -> bool:
    """Read-only, full, locked, too big: a GeoPackage's, or a team database's refusal (a partner's
    read-only role, a server out of space)."""
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DataError):
        return True
    psycopg = sys.modules.get("psycopg")  # loaded when the workspace is a database
    return psycopg is not None and isinstance(exc, psycopg.OperationalError | psycopg.DataError
                                               | psycopg.errors.InsufficientPrivilege)

