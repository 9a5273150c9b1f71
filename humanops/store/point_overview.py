"""Overviews of dense point layers kept in the workspace: ``humanops_point_overview``, one row per
layer, so that the next process draws a million needs' classified map before it has read them.

A row holds a blob (the map's per-cell counts, built and read by
:mod:`humanops.viewmodel.layers.overview_grid`) and the key it was made for. The key ends with the
layer's :func:`state` when the points were read: the last change of the layer in the change log
(every edit of the app, every import, and through the layer's triggers every other tool's insert,
update and delete) and its rows and versions (:func:`workspace_summary.layer_versions`, which
shows even a write that set the version itself and so left no change in the log), taken by the
read itself in its own read transaction (:func:`read_witness`: the sums added to the read's own
aggregates, no second scan), so the key is exactly the state of the points counted. :func:`read`
gives the blob back only under exactly the key asked for and intact (its SHA-256): a stale or
damaged overview is no overview, never a wrong map.

As :mod:`humanops.store.graph_cache`, the table is bookkeeping: not listed in ``gpkg_contents``,
not versioned, not exchanged; deleting it loses nothing but time, and a workspace that cannot be
written keeps working without it (:func:`write` says why it did not keep the blob).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from humanops.model.marking import format_time, utc_now
from humanops.store import workspace_summary
from humanops.store.packed_columns import ReadWitness

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

TABLE = "humanops_point_overview"
_DDL = f"""
    CREATE TABLE IF NOT EXISTS {TABLE} (
        layer TEXT PRIMARY KEY NOT NULL,
        cache_key TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        written DATETIME NOT NULL,
        cells BLOB NOT NULL)"""


def last_change(connection: sqlite3.Connection, layer: str) -> int:
    """The seq of the layer's last entry in the change log (0: none)."""
    row = connection.execute("SELECT seq FROM humanops_changes WHERE layer = ? ORDER BY seq DESC LIMIT 1",
                             (layer,)).fetchone()
    return int(row[0]) if row else 0


def state_of(seq: int, versions: tuple[int, int, int, int]) -> str:
    return f"{seq}:" + ":".join(map(str, versions))


def state(connection: sqlite3.Connection, layer: str) -> str:
    """The layer's state as a key: its last change's seq, and its rows and versions. The
    second part scans the layer (a third of a second at a million rows, SQLite's C alone)."""
    return state_of(last_change(connection, layer), workspace_summary.layer_versions(connection, layer))


def read_witness(layer: str) -> ReadWitness:
    """What a whole packed read of ``layer`` fills with the state it read (:func:`witnessed_state`):
    the same key as :func:`state`, seen in the read's own transaction, at no second scan."""
    return ReadWitness(also=lambda connection: last_change(connection, layer))


def witnessed_state(witness: ReadWitness) -> str | None:
    """The layer's state a whole read saw (None: the read did not say: it did not pack)."""
    if witness.versions is None or witness.seen is None:
        return None
    return state_of(int(witness.seen), witness.versions)


def read(connection: sqlite3.Connection, layer: str, key: str) -> bytes | None:
    """The blob kept for ``layer`` under exactly ``key`` and intact, else None."""
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone() is None:
        return None
    found = connection.execute(f"SELECT cells, sha256 FROM {TABLE} WHERE layer = ? AND cache_key = ?",
                               (layer, key)).fetchone()
    if found is None:
        return None
    blob = bytes(found[0])
    return blob if hashlib.sha256(blob).hexdigest() == found[1] else None


def read_fresh(connection: sqlite3.Connection, layer: str, key_for: Callable[[str], str]) -> tuple[bytes | None, str]:
    """(the blob kept for ``layer`` when it was made for the layer's state now, else None; that
    state), in one read transaction: the state and the blob seen together. ``key_for(state)``
    composes the whole key."""
    began = not connection.in_transaction
    if began:
        connection.execute("BEGIN")
    try:
        now = state(connection, layer)
        return read(connection, layer, key_for(now)), now
    finally:
        if began and connection.in_transaction:
            connection.execute("COMMIT")


def kept_layers(connection: sqlite3.Connection) -> set[str]:
    """The layers an overview is kept for, fresh or not (cheap: the table's keys)."""
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone() is None:
        return set()
    return {r[0] for r in connection.execute(f"SELECT layer FROM {TABLE}")}


def write(workspace: Workspace, layer: str, key: str, blob: bytes) -> str | None:
    """Keep ``blob`` for ``layer`` under ``key`` (replacing what was kept); None when kept, else
    the reason it could not be (the workspace is unchanged then). On the workspace's own
    connection: another connection's commit would read, to the app's watch of the file, as
    another program's edit."""
    try:
        with workspace.transaction() as db:
            db.execute(_DDL)
            db.execute(f"INSERT OR REPLACE INTO {TABLE} (layer, cache_key, sha256, written, cells) "
                       "VALUES (?, ?, ?, ?, ?)",
                       (layer, key, hashlib.sha256(blob).hexdigest(), format_time(utc_now()), blob))
    except (sqlite3.OperationalError, sqlite3.DataError) as exc:  # read-only, full, locked, too big
        return f"{type(exc).__name__}: {exc}"
    return None

