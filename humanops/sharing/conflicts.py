"""Conflicts: two partners changed the same feature since their common version.

An import never picks a winner silently: it keeps both versions in ``humanops_conflicts`` and
leaves ours in place. Resolving stores the chosen version (ours, theirs, or either with some
properties changed) as a new version above both, through the Workspace API, and records the
other side as an ancestor, so the next exchange carries the decision to every partner as an
ordinary newer version rather than a new conflict.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from humanops.errors import SharingError
from humanops.model.marking import format_time, utc_now
from humanops.sharing import audit
from humanops.sharing.editors import signed_editors
from humanops.sharing.records import local_record, record_feature, revision_of
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

_COLUMNS = ("id", "layer", "uuid", "detected_at", "package_id", "sender", "local_version", "local_feature",
            "incoming_version", "incoming_feature", "status", "resolution", "resolved_at")


def keep_open_conflict(db: Any, layer: str, uuid: str, *, detected_at: str, package_id: str | None,
                       sender: str | None, local_doc: dict[str, Any], incoming_version: int,
                       incoming_doc: dict[str, Any]) -> None:
    """Keep both versions of a feature in ``humanops_conflicts`` through ``db`` (a connection or the
    SQL seam, inside the caller's transaction): one open conflict a feature, so a newer incoming
    version replaces the incoming side of the open one. Imports and offline syncs record here."""
    existing = db.execute("SELECT id FROM humanops_conflicts WHERE layer = ? AND uuid = ? AND status = 'open'",
                          (layer, uuid)).fetchone()
    args = (detected_at, package_id, sender, local_doc["version"], json.dumps(local_doc), incoming_version,
            json.dumps(incoming_doc))
    if existing:
        db.execute("UPDATE humanops_conflicts SET detected_at = ?, package_id = ?, sender = ?, local_version = ?, "
                   "local_feature = ?, incoming_version = ?, incoming_feature = ? WHERE id = ?", (*args, existing[0]))
    else:
        db.execute("INSERT INTO humanops_conflicts (detected_at, package_id, sender, local_version, local_feature, "
                   "incoming_version, incoming_feature, layer, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (*args, layer, uuid))


def _row(values: tuple) -> dict[str, Any]:
    out = dict(zip(_COLUMNS, values, strict=True))
    out["local_feature"] = json.loads(out["local_feature"]) if out["local_feature"] else None
    out["incoming_feature"] = json.loads(out["incoming_feature"])
    return out


def list_conflicts(workspace: Workspace, *, status: str | None = "open") -> list[dict[str, Any]]:
    """Conflicts (open ones by default), oldest first, each with both versions as records."""
    db = workspace.sql
    if not db.has_table("humanops_conflicts"):
        return []
    sql = f"SELECT {', '.join(_COLUMNS)} FROM humanops_conflicts"
    params: tuple = ()
    if status:
        sql += " WHERE status = ?"
        params = (status,)
    return [_row(r) for r in db.execute(sql + " ORDER BY id", params)]


def find_conflict(workspace: Workspace, ref: str | int, layer: str | None = None) -> dict[str, Any]:
    """The open conflict for a feature uuid (or a conflict id); SharingError if none."""
    matches = [c for c in list_conflicts(workspace)
               if (str(c["id"]) == str(ref) or c["uuid"] == str(ref)) and (layer is None or c["layer"] == layer)]
    if not matches:
        raise SharingError(f"no open conflict for {ref}", feature=str(ref), layer=layer)
    if len(matches) > 1:
        raise SharingError(f"{ref} has open conflicts in several layers: name the layer", feature=str(ref))
    return matches[0]


def summary(conflict: dict[str, Any]) -> dict[str, Any]:
    """What differs between the two versions (for the CLI and the conflicts panel)."""
    mine, theirs = conflict["local_feature"] or {}, conflict["incoming_feature"]
    fields = sorted(set(mine.get("properties", {})) | set(theirs.get("properties", {})))
    differs = [f for f in fields if mine.get("properties", {}).get(f) != theirs.get("properties", {}).get(f)]
    return {
        "id": conflict["id"], "layer": conflict["layer"], "uuid": conflict["uuid"], "sender": conflict["sender"],
        "detected_at": conflict["detected_at"], "mine": {"version": mine.get("version"), "deleted": mine.get("deleted"),
                                                         "modified": mine.get("modified")},
        "theirs": {"version": theirs.get("version"), "deleted": theirs.get("deleted"),
                   "modified": theirs.get("modified")},
        "differs": differs + (["geometry"] if mine.get("geometry") != theirs.get("geometry") else [])
        + (["marking"] if mine.get("marking") != theirs.get("marking") else []),
    }


def resolve_conflict(workspace: Workspace, ref: str | int, keep: str, *, properties: dict[str, Any] | None = None,
                     layer: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Keep ``mine`` or ``theirs`` (optionally with ``properties`` changed on top) as a new
    version above both; returns the resolved conflict's summary with the new version."""
    if keep not in ("mine", "theirs"):
        raise SharingError(f"keep must be 'mine' or 'theirs', not {keep!r}")
    now = now or utc_now()
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        conflict = find_conflict(workspace, ref, layer)
        name, uid = conflict["layer"], conflict["uuid"]
        current = workspace.find_feature(name, uid)
        mine = current if current is not None else record_feature(name, local_record(workspace, name, uid, None))
        theirs = record_feature(name, conflict["incoming_feature"])
        chosen = mine if keep == "mine" else theirs.with_changes(
            source_package=conflict["package_id"], source_signer=conflict["sender"])
        owner = theirs.originator or mine.originator
        me = workspace.organisation
        if me and owner and owner != me and me not in signed_editors(workspace, name, uid):
            return _resolve_without_authority(workspace, conflict, mine, theirs, keep, properties, now)
        version = max(mine.version, theirs.version) + 1
        if properties:
            if chosen.deleted:
                raise SharingError("the kept version is a deletion: it has no properties to change",
                                   layer=name, feature=uid)
            chosen = chosen.with_changes(properties={**chosen.properties, **properties})
        resolved = chosen.with_changes(version=version, modified=now,
                                       geometry=None if chosen.deleted else chosen.geometry)
        # a kept deletion is stored as a newer deletion too, so the decision travels
        workspace.put_feature(resolved)
        incoming = conflict["incoming_feature"]
        lineage = [revision_of(incoming), *incoming.get("ancestors", [])]
        db.insert_ignore("humanops_lineage", ("layer", "uuid", "version", "modified"),
                         [(name, uid, int(v), m) for v, _, m in (a.partition("@") for a in lineage) if v.isdigit()])
        if keep == "theirs" and incoming.get("generalised"):
            db.upsert("humanops_generalised", {"layer": name, "uuid": uid, "precision": incoming["generalised"],
                                               "source_package": conflict["package_id"]}, key=("layer", "uuid"))
        resolution = keep + (" with changed properties" if properties else "")
        db.execute("UPDATE humanops_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
                   (resolution, format_time(now), conflict["id"]))
        audit.append(workspace, "conflict", counterpart=conflict["sender"], package_id=conflict["package_id"], at=now,
                     detail={"layer": name, "uuid": uid, "kept": keep, "version": version,
                             "properties_changed": sorted(properties or {})})
    out = summary(conflict)
    out.update({"resolution": resolution, "version": version})
    return out


def _resolve_without_authority(workspace: Workspace, conflict: dict[str, Any], mine: Any, theirs: Any, keep: str,
                               properties: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
    """A conflict on someone else's feature that we may not change (our side was edited here
    with another tool): its originator's version goes in place as it is, and keeping ours
    makes our version a proposal to the originator, never a version of its feature."""
    from humanops.sharing.proposals import propose

    db = workspace.sql
    name, uid = conflict["layer"], conflict["uuid"]
    workspace.put_feature(theirs.with_changes(source_package=conflict["package_id"],
                                              source_signer=conflict["sender"]))
    proposal = None
    if keep == "mine" and not mine.deleted:
        changes = {**mine.properties, **(properties or {})}
        proposal = propose(workspace, name, uid, geometry=mine.geometry, properties=changes, now=now)
    elif keep == "mine":
        proposal = propose(workspace, name, uid, delete=True, now=now)
    resolution = f"{keep} (the originator's version kept; " + (
        f"ours sent as proposal {proposal})" if proposal else "ours dropped)")
    db.execute("UPDATE humanops_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
               (resolution, format_time(now), conflict["id"]))
    audit.append(workspace, "conflict", counterpart=conflict["sender"], package_id=conflict["package_id"], at=now,
                 detail={"layer": name, "uuid": uid, "kept": keep, "proposal": proposal})
    out = summary(conflict)
    out.update({"resolution": resolution, "version": theirs.version, "proposal_id": proposal})
    return out
