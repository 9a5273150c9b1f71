"""Proposals: a change to a feature made by someone else than its originator.

Only an originator changes its own features (:mod:`humanops.sharing.authority`). Anyone
else's edit or deletion — ours made in the app or the CLI, a partner's received in a package —
is kept here as a **proposal** and never merged: the feature stays as its originator signed
it. A person decides: the originator accepting a proposal makes it its own new version;
anyone else accepting one makes it their own proposal to the originator (it travels in their
next packages); rejecting closes it. Our own open proposals go in our packages to whoever may
receive the feature they are about (the originator always may).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.errors import SharingError, WorkspaceError
from humanops.model.marking import format_time, utc_now
from humanops.model.validation import conform_geometry, merge_properties
from humanops.sharing.authority import ALLOW, REFUSE, AuthorityDecision, Change, Held, may_change
from humanops.sharing.canonical import plain_value
from humanops.sharing.directory import Directory
from humanops.sharing.editors import named_editors, signed_editors
from humanops.sharing.policy import WITHHOLD, decide_many
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

_COLUMNS = ("id", "layer", "uuid", "originator", "proposer", "base_version", "proposed_at", "deleted", "feature",
            "package_id", "received_from", "status", "decided_at", "decision")


# --- the authority rule for local edits --------------------------------------------------------

def held_state(workspace: Workspace, layer: str, uuid: str) -> Held:
    """Originator and editors of the feature we hold (editors as its originator signed them)."""
    feature = workspace.get_feature(layer, uuid)
    me = workspace.organisation
    originator = feature.originator or me
    if originator == me:
        per_feature, default = named_editors(workspace, layer)
        return Held(originator, per_feature.get(uuid, default))
    return Held(originator, signed_editors(workspace, layer, uuid))


def local_edit_decision(workspace: Workspace, layer: str, uuid: str, *, deleted: bool = False,
                        marking_changed: bool = False) -> Any:
    """What :func:`may_change` says of our own edit of a stored feature."""
    held = held_state(workspace, layer, uuid)
    me = workspace.organisation
    if not me:  # a workspace with no organisation yet: nothing in it can be anyone else's
        return AuthorityDecision(ALLOW, "no_identity", "a workspace without an organisation edits freely")
    return may_change(held, Change(held.originator, me, deleted=deleted, marking_changed=marking_changed))


@dataclass
class EditOutcome:
    """What became of a local edit: stored as a new version, or kept as our proposal."""

    layer: str
    uuid: str
    proposed: bool
    version: int | None = None
    proposal_id: int | None = None
    originator: str = ""
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "uuid": self.uuid, "proposed": self.proposed, "version": self.version,
                "proposal_id": self.proposal_id, "originator": self.originator, "reason": self.reason}


def edit_feature(workspace: Workspace, layer: str, uuid: str, *, geometry: Any = None,
                 properties: dict[str, Any] | None = None, delete: bool = False,
                 expected_version: int | None = None, now: datetime | None = None) -> EditOutcome:
    """Our edit (or deletion) of a stored feature, through the authority rule: stored as a new
    version when we may change it, else kept as our proposal to its originator."""
    decision = local_edit_decision(workspace, layer, uuid, deleted=delete)
    if decision.action == REFUSE:
        raise SharingError(decision.reason, layer=layer, feature=uuid)
    if decision.allowed:
        if delete:
            tomb = workspace.delete_feature(layer, uuid, expected_version=expected_version)
            return EditOutcome(layer, uuid, False, tomb.version, reason=decision.reason)
        stored = workspace.update_feature(layer, uuid, geometry=geometry, properties=properties,
                                          expected_version=expected_version)
        return EditOutcome(layer, uuid, False, stored.version, reason=decision.reason)
    proposal = propose(workspace, layer, uuid, geometry=geometry, properties=properties, delete=delete, now=now)
    owner = held_state(workspace, layer, uuid).originator
    return EditOutcome(layer, uuid, True, proposal_id=proposal, originator=owner, reason=decision.reason)


# --- our proposals -----------------------------------------------------------------------------

def _record(workspace: Workspace, layer: str, uuid: str, geometry: Any, properties: dict[str, Any],
            deleted: bool, at: datetime) -> dict[str, Any]:
    feature = workspace.get_feature(layer, uuid)
    return {"uuid": uuid, "version": feature.version, "originator": feature.originator,
            "created": format_time(feature.created), "modified": format_time(at),
            "marking": feature.marking.to_columns(), "deleted": deleted, "generalised": None, "ancestors": [],
            "geometry": None if deleted or geometry is None else shapely.to_wkb(geometry, hex=True,
                                                                                output_dimension=2, byte_order=1),
            "properties": {} if deleted else {k: plain_value(v) for k, v in properties.items()}}


def propose(workspace: Workspace, layer: str, uuid: str, *, geometry: Any = None,
            properties: dict[str, Any] | None = None, delete: bool = False, now: datetime | None = None) -> int:
    """Keep our change of someone else's feature as our open proposal (validated like an edit;
    the feature itself is not touched). Replaces our earlier open proposal for it. Returns its id."""
    now = now or utc_now()
    kind = workspace.kind(layer)
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        current = workspace.get_feature(layer, uuid)
        props = merge_properties(kind, current.properties, properties)
        geom = current.geometry
        if geometry is not None:
            geom, _ = conform_geometry(kind, geometry)
        if not delete and geom.equals_exact(current.geometry, 0) and props == current.properties:
            raise WorkspaceError("nothing changed: no proposal made", layer=layer, feature=uuid)
        record = _record(workspace, layer, uuid, geom, props, delete, now)
        me = workspace.organisation
        db.execute("UPDATE humanops_proposals SET status = 'withdrawn', decided_at = ?, decision = 'replaced' "
                   "WHERE layer = ? AND uuid = ? AND proposer = ? AND status = 'open'",
                   (format_time(now), layer, uuid, me))
        proposal_id = db.insert_id("humanops_proposals", {
            "layer": layer, "uuid": uuid, "originator": current.originator or me, "proposer": me,
            "base_version": current.version, "proposed_at": format_time(now), "deleted": int(delete),
            "feature": json.dumps(record)})
        workspace.notify(layer, (uuid,), "proposal")
        return proposal_id


def _row(values: tuple) -> dict[str, Any]:
    out = dict(zip(_COLUMNS, values, strict=True))
    out["feature"] = json.loads(out["feature"])
    out["deleted"] = bool(out["deleted"])
    return out


def list_proposals(workspace: Workspace, *, status: str | None = "open", layer: str | None = None) -> list[dict]:
    db = workspace.sql
    if not db.has_table("humanops_proposals"):
        return []
    sql, params = f"SELECT {', '.join(_COLUMNS)} FROM humanops_proposals WHERE 1 = 1", []
    if status:
        sql, params = sql + " AND status = ?", [*params, status]
    if layer:
        sql, params = sql + " AND layer = ?", [*params, layer]
    return [_row(r) for r in db.execute(sql + " ORDER BY id", params)]


def get_proposal(workspace: Workspace, proposal_id: int) -> dict[str, Any]:
    found = [p for p in list_proposals(workspace, status=None) if p["id"] == int(proposal_id)]
    if not found:
        raise SharingError(f"no proposal {proposal_id}")
    return found[0]


def describe(proposal: dict[str, Any], workspace: Workspace | None = None) -> dict[str, Any]:
    """What the proposal changes, for the CLI and the conflicts panel."""
    incoming = proposal["feature"]
    differs: list[str] = []
    name = (incoming.get("properties") or {}).get("name")
    if workspace is not None:
        current = workspace.find_feature(proposal["layer"], proposal["uuid"])
        if current is not None:
            name = name or current.properties.get("name")
            props = incoming.get("properties") or {}
            differs = sorted(k for k, v in props.items() if plain_value(current.properties.get(k)) != v)
            if incoming.get("geometry") and current.geometry is not None and not shapely.from_wkb(
                    incoming["geometry"]).equals_exact(current.geometry, 1e-9):
                differs.append("geometry")
    owner = f"{proposal['originator']}'s {proposal['layer']} {name or proposal['uuid']}"
    text = (f"{proposal['proposer']} proposes deleting {owner}" if proposal["deleted"] else
            f"{proposal['proposer']} proposes changing {', '.join(differs) if differs else 'something'} of {owner}")
    return {"id": proposal["id"], "layer": proposal["layer"], "uuid": proposal["uuid"], "name": name,
            "originator": proposal["originator"], "proposer": proposal["proposer"],
            "base_version": proposal["base_version"], "proposed_at": proposal["proposed_at"],
            "deleted": proposal["deleted"], "differs": differs, "status": proposal["status"],
            "text": text}


def decide(workspace: Workspace, proposal_id: int, accept: bool, *, now: datetime | None = None) -> dict[str, Any]:
    """Accept or reject an open proposal. Accepting one about our own feature stores it as our
    new version; about someone else's, it becomes our own proposal to its originator."""
    now = now or utc_now()
    me = workspace.organisation
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        proposal = get_proposal(workspace, proposal_id)
        if proposal["status"] != "open":
            raise SharingError(f"proposal {proposal_id} is {proposal['status']} already")
        layer, uid, record = proposal["layer"], proposal["uuid"], proposal["feature"]
        outcome: dict[str, Any] = {"id": proposal["id"], "accepted": accept}
        status = "rejected"
        if accept:
            if workspace.find_feature(layer, uid) is None:
                raise SharingError("the feature it is about no longer exists here", layer=layer, feature=uid)
            geometry = shapely.from_wkb(record["geometry"]) if record.get("geometry") else None
            if proposal["proposer"] == me:
                raise SharingError("it is our own proposal: withdraw it instead", layer=layer, feature=uid)
            if held_state(workspace, layer, uid).originator == me:
                result = edit_feature(workspace, layer, uid, geometry=geometry, properties=record.get("properties"),
                                      delete=proposal["deleted"], now=now)
                status, outcome["version"] = "accepted", result.version
            else:
                outcome["proposal_id"] = propose(workspace, layer, uid, geometry=geometry,
                                                 properties=record.get("properties"), delete=proposal["deleted"],
                                                 now=now)
                status = "forwarded"
        db.execute("UPDATE humanops_proposals SET status = ?, decided_at = ?, decision = ? WHERE id = ?",
                   (status, format_time(now), "accepted" if accept else "rejected", proposal["id"]))
        workspace.notify(layer, (uid,), "proposal")
    outcome["status"] = status
    return outcome


def withdraw(workspace: Workspace, proposal_id: int, *, now: datetime | None = None) -> None:
    """Take back our own open proposal (undo in the app)."""
    with workspace.transaction():
        db = workspace.sql
        proposal = get_proposal(workspace, proposal_id)
        if proposal["proposer"] != workspace.organisation or proposal["status"] != "open":
            raise SharingError(f"proposal {proposal_id} is not an open proposal of ours")
        db.execute("UPDATE humanops_proposals SET status = 'withdrawn', decided_at = ?, decision = 'withdrawn' "
                   "WHERE id = ?", (format_time(now or utc_now()), proposal["id"]))
        workspace.notify(proposal["layer"], (proposal["uuid"],), "proposal")


def store_received(db: Any, layer: str, rows: list[tuple[str, str, str, int, str, bool, dict]], package_id: str,
                   sender: str) -> None:
    """Proposals received in a package: (uuid, originator, proposer, base version, proposed at,
    deleted, record); each replaces the proposer's earlier open proposal for that feature."""
    for uid, originator, proposer, base, at, deleted, record in rows:
        db.execute("UPDATE humanops_proposals SET status = 'withdrawn', decision = 'replaced' WHERE layer = ? AND "
                   "uuid = ? AND proposer = ? AND status = 'open'", (layer, uid, proposer))
        db.execute("INSERT INTO humanops_proposals (layer, uuid, originator, proposer, base_version, proposed_at, "
                   "deleted, feature, package_id, received_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (layer, uid, originator, proposer, int(base), at, int(deleted), json.dumps(record), package_id,
                    sender))


# --- our proposals in packages -----------------------------------------------------------------

@dataclass
class OutgoingProposals:
    frame: pd.DataFrame
    ids: list[int] = field(default_factory=list)


def outgoing_proposals(workspace: Workspace, layer: str, recipients: list[str], me: str, directory: Directory,
                       now: datetime, *, full: bool) -> OutgoingProposals:
    """Our open proposals in ``layer`` not yet sent to every recipient (all with ``full``) that
    every recipient may receive, as payload rows (``_proposed_by`` set), marked like the
    feature they are about."""
    empty = OutgoingProposals(pd.DataFrame())
    ours = [p for p in list_proposals(workspace, layer=layer) if p["proposer"] == me]
    if not ours:
        return empty
    if not full:
        sent = {r: {int(x) for (x,) in workspace.sql.execute(
            "SELECT proposal FROM humanops_sent_proposals WHERE partner = ?", (r,))} for r in recipients}
        ours = [p for p in ours if any(p["id"] not in sent[r] for r in recipients)]
    current = {f.uuid: f for f in workspace.features(layer, [p["uuid"] for p in ours])}
    ours = [p for p in ours if p["uuid"] in current]
    if not ours:
        return empty
    kind = workspace.kind(layer)
    rows = []
    for p in ours:
        feature, record = current[p["uuid"]], p["feature"]
        row = {"uuid": p["uuid"], "version": p["base_version"], "originator": feature.originator or me,
               "created": format_time(feature.created), "modified": p["proposed_at"],
               **feature.marking.to_columns(), "_deleted": p["deleted"], "_generalised": None,
               "_geom": shapely.from_wkb(record["geometry"]) if record.get("geometry") else None,
               "_author": me, "_editors": None, "_restriction": None, "_proposed_by": me, "_ancestors": ()}
        for name in kind.field_names:
            row[name] = (record.get("properties") or {}).get(name)
        rows.append(row)
    frame = pd.DataFrame(rows)
    allowed = np.ones(len(frame), dtype=bool)
    for r in recipients:
        allowed &= decide_many(frame, me, r, directory, now).action != WITHHOLD
    frame = frame[allowed].reset_index(drop=True)
    ids = [p["id"] for p, ok in zip(ours, allowed, strict=True) if ok]
    return OutgoingProposals(frame, ids)
