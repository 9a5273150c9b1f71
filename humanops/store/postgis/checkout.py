"""``humanops checkout``: a GeoPackage copy of part of a team workspace, for the field.

The copy holds the chosen layers (all by default) and, with a bbox, the features whose extent
meets it, as the server stores them: uuid, version, originator, created, modified, markings,
provenance, every field (no new version is made). It is an ordinary workspace of the same
organisation (the team's), with the team's default markings; what makes it a *checkout* is its
meta (:data:`META`) and its per-feature sync state (:data:`STATE_TABLE`), which
:mod:`humanops.sharing.offline_sync` reads and keeps.

The sync state has one row a feature the copy and the server have in common:

* ``base_version`` — the version both held when they last agreed: the copy's feature changed
  here since then exactly when its version (or its tombstone's) differs from it (a version only
  ever moves on, so no change counter is needed);
* ``server_version`` — the server's version the copy last saw: a push must find the server
  still at it, else someone changed the feature meanwhile (a conflict).

The rows, the meta and the server's change number are read in one REPEATABLE READ snapshot, so
the copy is exactly the server at change ``checkout.server_seq``: the first sync takes every
change after it. The server records the checkout in ``humanops_checkouts`` (who has copies out).
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from humanops.catalog import Catalog
from humanops.errors import UsageError, WorkspaceError
from humanops.feedback import Feedback
from humanops.model.marking import format_time, utc_now
from humanops.store.layer_reader import Bbox
from humanops.store.postgis.copy_workspace import _write_layer
from humanops.store.postgis.workspace import PostgisWorkspace, display_url
from humanops.store.schema import MARKING_NAMES
from humanops.store.workspace import Workspace

PREFIX = "checkout."
META = ("id", "source", "server_workspace_id", "layers", "bbox", "checked_out_at", "server_seq_at_checkout",
        "server_seq", "last_sync_at")
STATE_TABLE = "humanops_sync_state"
STATE_DDL = (f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (layer TEXT NOT NULL, uuid TEXT NOT NULL, "
             "base_version INTEGER, server_version INTEGER, PRIMARY KEY (layer, uuid))")
SERVER_TABLE = "humanops_checkouts"
SERVER_DDL = (f"CREATE TABLE IF NOT EXISTS {SERVER_TABLE} (checkout_id text PRIMARY KEY, organisation text, "
              "layers text, bbox text, checked_out_at timestamptz NOT NULL, server_seq bigint NOT NULL, "
              "last_sync_at timestamptz, pushed bigint NOT NULL DEFAULT 0, pulled_to_seq bigint)")
# Meta keys the copy takes from the server besides the organisation: the team's default markings.
_COPIED_META_PREFIXES = ("default_marking.",)


def parse_bbox(text: str | Sequence[float] | None) -> Bbox | None:
    """``MINX,MINY,MAXX,MAXY`` in degrees (EPSG:4326) as a tuple; UsageError saying what is wrong."""
    if text is None:
        return None
    parts = text.split(",") if isinstance(text, str) else list(text)
    try:
        values = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        raise UsageError(f"--bbox {text}: four numbers MINX,MINY,MAXX,MAXY in degrees are needed") from None
    if len(values) != 4:
        raise UsageError(f"--bbox {text}: four numbers MINX,MINY,MAXX,MAXY in degrees are needed")
    minx, miny, maxx, maxy = values
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise UsageError(f"--bbox {text}: needs -180 <= MINX < MAXX <= 180 and -90 <= MINY < MAXY <= 90")
    return values  # type: ignore[return-value]


def is_checkout(workspace: Any) -> bool:
    """Whether ``workspace`` (an open GeoPackage workspace) is a checkout of a team database."""
    return bool(workspace.get_meta(PREFIX + "id"))


def checkout_meta(workspace: Workspace) -> dict[str, Any]:
    """The checkout's meta (source, layers, bbox, change numbers...); WorkspaceError if the
    workspace is not a checkout."""
    if not is_checkout(workspace):
        raise WorkspaceError("not a checkout of a team database (make one with humanops checkout "
                             "postgresql://… LAPTOP.gpkg)", file=str(workspace.path))
    out: dict[str, Any] = {key: workspace.get_meta(PREFIX + key) for key in META}
    out["layers"] = json.loads(out["layers"] or "[]")
    out["bbox"] = json.loads(out["bbox"]) if out["bbox"] else None
    for key in ("server_seq_at_checkout", "server_seq"):
        out[key] = int(out[key] or 0)
    return out


def ensure_server_table(server: PostgisWorkspace) -> None:
    with server.transaction() as db:
        db.execute(SERVER_DDL)


def checkout(url: str, target: str | Path, *, layers: Sequence[str] | None = None, bbox: Bbox | None = None,
             overwrite: bool = False, catalog: Catalog | None = None,
             feedback: Feedback | None = None) -> dict[str, Any]:
    """Make the GeoPackage ``target`` a checkout of the team workspace at ``url`` (see the module's
    docstring); returns what it holds. A failure leaves no file."""
    feedback = feedback or Feedback()
    target = Path(target)
    server = PostgisWorkspace.open(url, catalog=catalog)
    try:
        chosen = list(dict.fromkeys(layers)) if layers else server.layers()
        unknown = [name for name in chosen if name not in server.catalog.names]
        if unknown:
            raise UsageError(f"--layer {unknown[0]}: no such layer kind (the kinds: "
                             f"{', '.join(server.catalog.names)})")
        feedback.progress(0.05, "reading the team workspace")
        db = server.connection
        with db.transaction():
            db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            seq = server.last_change_seq()
            meta = dict(db.execute("SELECT key, value FROM humanops_meta").fetchall())
            rows = {}
            for i, name in enumerate(chosen):
                feedback.progress(0.05 + 0.45 * i / max(len(chosen), 1), f"reading {name}")
                rows[name] = server.rows(name, bbox=bbox, ordered=True)
        checkout_id = str(uuid_module.uuid4())
        laptop = Workspace.create(target, organisation=server.organisation, overwrite=overwrite,
                                  catalog=server.catalog)
        try:
            with laptop.transaction() as ldb:
                ldb.execute(STATE_DDL)
                for i, name in enumerate(chosen):
                    feedback.progress(0.5 + 0.45 * i / max(len(chosen), 1), f"writing {name}")
                    if len(rows[name]):
                        _write_layer(laptop, name, rows[name])
                    ldb.execute(f"INSERT INTO {STATE_TABLE} (layer, uuid, base_version, server_version) "
                                f'SELECT ?, uuid, version, version FROM "{name}"', (name,))
                for key, value in meta.items():
                    if key.startswith(_COPIED_META_PREFIXES):
                        laptop.set_meta(key, value)
                now = format_time(utc_now())
                values = {"id": checkout_id, "source": display_url(url),
                          "server_workspace_id": meta.get("workspace_id") or "", "layers": json.dumps(chosen),
                          "bbox": json.dumps(list(bbox)) if bbox else None, "checked_out_at": now,
                          "server_seq_at_checkout": str(seq), "server_seq": str(seq), "last_sync_at": None}
                for key, value in values.items():
                    laptop.set_meta(PREFIX + key, value)
            ensure_server_table(server)
            with server.transaction() as sdb:
                sdb.execute(f"INSERT INTO {SERVER_TABLE} (checkout_id, organisation, layers, bbox, checked_out_at, "
                            "server_seq, pulled_to_seq) VALUES (%s, %s, %s, %s, now(), %s, %s)",
                            (checkout_id, server.organisation, json.dumps(chosen),
                             json.dumps(list(bbox)) if bbox else None, seq, seq))
            counts = {name: laptop.count(name) for name in chosen}
        except BaseException:
            laptop.close()
            target.unlink(missing_ok=True)
            raise
        laptop.close()
    finally:
        server.close()
    feedback.progress(1.0, "checked out")
    return {"checkout_id": checkout_id, "source": display_url(url), "target": str(target), "layers": counts,
            "bbox": list(bbox) if bbox else None, "server_seq": seq}


# --- what sync reads and writes of either side (layer-table SQL stays in the store) ------------
class FeatureState:
    """One side's last state of a feature: its live row, or its tombstone (``deleted``)."""

    __slots__ = ("deleted", "inside", "marking", "modified", "originator", "version")

    def __init__(self, version: int, modified: str | None, deleted: bool, originator: str,
                 marking: tuple, inside: bool = True) -> None:
        self.version = int(version)
        self.modified = modified
        self.deleted = bool(deleted)
        self.originator = originator or ""
        self.marking = tuple(m or None for m in marking)
        self.inside = inside  # live and meeting the checkout's bbox (always, without one)

    def same_revision(self, other: FeatureState | None) -> bool:
        """The same version of the same feature: one side's copy of the other's (a push or a pull
        that landed before its progress could be recorded)."""
        return (other is not None and self.version == other.version and self.modified == other.modified
                and self.deleted == other.deleted)

    def __repr__(self) -> str:
        return f"FeatureState(v{self.version}{' deleted' if self.deleted else ''} {self.modified})"


_MARKING_PG = "tlp, releasable_to, caveats, humanops_time_text(expires), precision"


def server_states(server: PostgisWorkspace, layer: str, uuids: Sequence[str], *, bbox: Bbox | None = None,
                  lock: bool = False) -> dict[str, FeatureState]:
    """The server's state of each of ``uuids`` it ever held (live row, else latest tombstone);
    ``lock`` locks the live rows for the caller's transaction."""
    from humanops.store.postgis.schema import q

    db = server.connection
    inside = "geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)" if bbox else "true"
    params: list[Any] = [*(float(v) for v in bbox)] if bbox else []
    out: dict[str, FeatureState] = {}
    for u, v, m, o, *rest in db.execute(
            f"SELECT uuid, version, humanops_time_text(modified), originator, {_MARKING_PG}, {inside} "
            f"FROM {q(layer)} WHERE uuid = ANY(%s)" + (" FOR UPDATE" if lock else ""), [*params, list(uuids)]):
        out[u] = FeatureState(v, m, False, o, tuple(rest[:5]), bool(rest[5]))
    missing = [u for u in uuids if u not in out]
    if missing:
        for u, v, m, o, marking in db.execute(
                "SELECT DISTINCT ON (uuid) uuid, version, humanops_time_text(modified), originator, marking "
                "FROM humanops_history WHERE layer = %s AND deleted AND uuid = ANY(%s) ORDER BY uuid, version DESC",
                (layer, missing)):
            marking = marking or {}
            out[u] = FeatureState(v, m, True, o, tuple(marking.get(c) for c in MARKING_NAMES), False)
    return out


def laptop_states(laptop: Workspace, layer: str, uuids: Sequence[str]) -> dict[str, FeatureState]:
    """The copy's state of each of ``uuids`` it holds (live row, else latest tombstone)."""
    from humanops.store.sql_in import select_in

    out: dict[str, FeatureState] = {}
    rows = laptop.rows(layer, ["uuid", "version", "modified", "originator", *MARKING_NAMES], uuids=uuids,
                       geometry=False, fids=False)
    for u, v, m, o, *marking in rows.values:
        out[u] = FeatureState(v, m, False, o, tuple(marking))
    missing = [u for u in uuids if u not in out]
    if missing:
        for u, v, m, o, marking in select_in(
                laptop.connection, "SELECT uuid, max(version), modified, originator, marking FROM humanops_history "
                "WHERE layer = ? AND deleted = 1 AND uuid IN ({marks}) GROUP BY uuid", missing, (layer,)):
            columns = json.loads(marking) if marking else {}
            out[u] = FeatureState(v, m, True, o, tuple(columns.get(c) for c in MARKING_NAMES), False)
    return out


def sync_state(laptop: Workspace, layer: str) -> dict[str, tuple[int | None, int | None]]:
    """(base_version, server_version) per uuid of ``layer`` (see the module's docstring)."""
    return {u: (b, s) for u, b, s in laptop.connection.execute(
        f"SELECT uuid, base_version, server_version FROM {STATE_TABLE} WHERE layer = ?", (layer,))}


def set_sync_state(laptop: Workspace, layer: str, rows: Sequence[tuple[str, int | None, int | None]]) -> None:
    """(uuid, base_version, server_version) rows; inside the caller's transaction."""
    laptop.connection.executemany(
        f"INSERT OR REPLACE INTO {STATE_TABLE} (layer, uuid, base_version, server_version) VALUES (?, ?, ?, ?)",
        [(layer, *row) for row in rows])


def forget_sync_state(laptop: Workspace, layer: str, uuids: Sequence[str]) -> None:
    laptop.connection.executemany(f"DELETE FROM {STATE_TABLE} WHERE layer = ? AND uuid = ?",
                                  [(layer, u) for u in uuids])


def _without_external_delete(laptop: Workspace, layer: str, uuid: str) -> int | None:
    """Keep the GeoPackage's external-delete trigger out of our next delete of ``uuid`` (it versions
    a delete that has no tombstone at the next version, as another tool's is): a placeholder
    tombstone there, whose id is returned for removal after the delete."""
    row = laptop.connection.execute(f'SELECT version FROM "{layer}" WHERE uuid = ?', (uuid,)).fetchone()
    if row is None:
        return None
    cursor = laptop.connection.execute(
        "INSERT INTO humanops_history (layer, uuid, version, deleted) VALUES (?, ?, ?, 1)", (layer, uuid, row[0] + 1))
    return cursor.lastrowid


def put_tombstone(laptop: Workspace, tombstone: Any) -> None:
    """Store the server's deletion in the copy as it is (its version, time and marking): the live
    row archived, the tombstone recorded, the deletion logged, nothing else."""
    with laptop.transaction() as db:
        placeholder = _without_external_delete(laptop, tombstone.kind, tombstone.uuid)
        laptop.put_feature(tombstone)
        if placeholder is not None:
            db.execute("DELETE FROM humanops_history WHERE id = ?", (placeholder,))


def remove_out_of_area(laptop: Workspace, layer: str, uuids: Sequence[str]) -> None:
    """Take features that left the checkout's area on the server out of the copy: not a deletion
    (no tombstone, no change logged, nothing a sync would send back), their sync state forgotten."""
    with laptop.transaction() as db:
        for uuid in uuids:
            placeholder = _without_external_delete(laptop, layer, uuid)
            db.execute(f'DELETE FROM "{layer}" WHERE uuid = ?', (uuid,))
            if placeholder is not None:
                db.execute("DELETE FROM humanops_history WHERE id = ?", (placeholder,))
        forget_sync_state(laptop, layer, uuids)
        laptop.notify(layer, tuple(uuids), "delete")


def touch_server_checkout(server: PostgisWorkspace, checkout_id: str, *, pushed: int = 0,
                          pulled_to_seq: int | None = None) -> None:
    """The server's record of the checkout (inside the caller's transaction: the progress it notes
    commits with the data it covers)."""
    server.connection.execute(
        f"UPDATE {SERVER_TABLE} SET last_sync_at = now(), pushed = pushed + %s, "
        "pulled_to_seq = coalesce(%s, pulled_to_seq) WHERE checkout_id = %s", (pushed, pulled_to_seq, checkout_id))
