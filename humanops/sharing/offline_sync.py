"""``humanops sync``: a checkout (a GeoPackage copied from a team database) and its server
exchange what each changed since they last agreed, through the merge rules of packages.

Per feature, from the checkout's sync state (:mod:`humanops.store.postgis.checkout`): the copy
changed it if its version is no longer the *base* (the version both last agreed on); the server
changed it if its version is no longer the one the copy last *saw*. Then, as an import decides:

* one side changed → the other takes that version as it is (uuid, version, times, marking,
  provenance): pulled into the copy, or pushed to the server;
* both changed (update/update, a deletion against an update either way, or the same new uuid on
  both) → a **conflict** in the copy's ``humanops_conflicts``, as a package's are, with both
  versions, for a person to decide (the Conflicts panel, ``humanops conflicts``); nothing is
  sent or taken for that feature meanwhile. Deciding stores the kept version above both (see
  :mod:`humanops.sharing.conflicts`); the next sync pushes it, checked against the server's
  version the conflict was recorded with. Both sides deleting is agreement, not a conflict;
* new features on either side (different uuids) → both kept;
* a feature that left the checkout's area on the server leaves the copy only if the copy did not
  change it (else it is a conflict like any other);
* **authority** (:func:`humanops.sharing.authority.may_change`): a push is the copy's
  organisation's edit (or, for a version it merged from a partner's package, its signed author's).
  An edit of someone else's feature is not pushed: it becomes the copy's proposal to the
  originator (``humanops_proposals``, sent in its packages as any proposal) and the copy takes
  back the originator's version; a refused one is kept as a conflict.

A push carries the version it was made on: inside the server's transaction, which holds the
write lock every writer of the database takes, the server's version must still be the one the
copy saw (rows locked), else the push is stale and becomes a conflict, not an error.

Resumable: the work goes in batches, each one transaction on each side. A pulled batch commits
in the copy together with the server change number it reaches (``checkout.server_seq``); a
pushed batch commits on the server (with the checkout's record there), then the copy records
what the server now holds in its sync state. Interrupted anywhere (a lost link, Cancel), the
next run finds each feature where the last commit left it: a push that landed but was not
recorded is recognised by its revision (same version, same modified time) on the other side,
so nothing is sent twice, taken twice or lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from humanops.errors import WorkspaceError
from humanops.feedback import Feedback
from humanops.model.feature import Feature
from humanops.model.marking import Marking, format_time, parse_time, utc_now
from humanops.sharing.authority import ALLOW, PROPOSE, Change, Held, may_change
from humanops.sharing.conflicts import keep_open_conflict
from humanops.sharing.editors import named_editors, signed_editors
from humanops.sharing.records import local_record
from humanops.sharing.tables import ensure_tables
from humanops.store.postgis.checkout import (
    PREFIX,
    FeatureState,
    checkout_meta,
    ensure_server_table,
    laptop_states,
    put_tombstone,
    remove_out_of_area,
    server_states,
    set_sync_state,
    sync_state,
    touch_server_checkout,
)
from humanops.store.postgis.workspace import PostgisWorkspace
from humanops.store.sql_in import select_in
from humanops.store.workspace import Workspace

BATCH = 500  # features a batch (one transaction a side)
# Called after each commit (stage, batch number): tests interrupt a sync there.
Interrupt = Callable[[str, int], None]


@dataclass
class SyncResult:
    """What a sync did; counts per layer."""

    file: str
    source: str
    checkout_id: str
    pulled: dict[str, dict[str, int]] = field(default_factory=dict)
    pushed: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    proposals: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    server_seq: int = 0

    def count(self, side: str, layer: str, what: str, n: int = 1) -> None:
        if n:
            counts = getattr(self, side).setdefault(layer, {})
            counts[what] = counts.get(what, 0) + n

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for side in ("pulled", "pushed"):
            for counts in getattr(self, side).values():
                for what, n in counts.items():
                    out[f"{side}_{what}"] = out.get(f"{side}_{what}", 0) + n
        out["conflicts"] = len(self.conflicts)
        out["proposals"] = len(self.proposals)
        out["refused"] = len(self.refused)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "source": self.source, "checkout_id": self.checkout_id, "pulled": self.pulled,
                "pushed": self.pushed, "conflicts": self.conflicts, "proposals": self.proposals,
                "refused": self.refused, "server_seq": self.server_seq, "totals": self.totals()}

    def summary(self) -> str:
        t = self.totals()
        taken = sum(v for k, v in t.items() if k.startswith("pulled_") and k != "pulled_unchanged")
        sent = sum(v for k, v in t.items() if k.startswith("pushed_") and k != "pushed_unchanged")
        text = f"synced {Path(self.file).name} with {self.source}: {taken} change(s) taken, {sent} sent"
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflict(s) to decide (humanops conflicts, or the Conflicts panel)"
        if self.proposals:
            text += f"; {len(self.proposals)} edit(s) of others' features kept as proposals"
        if self.refused:
            text += f"; {len(self.refused)} refused"
        return text


class _Context:
    """What every step needs: both workspaces, the checkout's meta, how conflicts are labelled."""

    def __init__(self, laptop: Workspace, server: PostgisWorkspace, meta: dict[str, Any], result: SyncResult,
                 batch: int, feedback: Feedback, interrupt: Interrupt | None) -> None:
        self.laptop, self.server, self.meta, self.result = laptop, server, meta, result
        self.batch, self.feedback, self.interrupt = batch, feedback, interrupt
        self.me = laptop.organisation
        self.bbox = tuple(meta["bbox"]) if meta["bbox"] else None
        # the conflicts table's package and sender: this checkout, and the database it syncs with
        self.package_id = f"sync:{meta['id']}"
        self.sender = f"team database {meta['source']}"

    def after_commit(self, stage: str, n: int) -> None:
        if self.interrupt is not None:
            self.interrupt(stage, n)


def sync(path: str | Path, *, batch_size: int = BATCH, feedback: Feedback | None = None,
         interrupt: Interrupt | None = None, now: datetime | None = None) -> SyncResult:
    """Sync the checkout at ``path`` with its team database (see the module's docstring)."""
    feedback = feedback or Feedback()
    laptop = Workspace.open(Path(path))
    try:
        meta = checkout_meta(laptop)
        result = SyncResult(str(path), meta["source"], meta["id"])
        feedback.progress(0.0, f"connecting to {meta['source']}")
        server = PostgisWorkspace.open(meta["source"], catalog=laptop.catalog)
        try:
            with laptop.transaction() as db:
                ensure_tables(db)
            ensure_server_table(server)
            ctx = _Context(laptop, server, meta, result, max(1, batch_size), feedback, interrupt)
            _pull(ctx)
            _push(ctx)
            stamp = format_time(now or utc_now())
            with server.transaction():
                touch_server_checkout(server, meta["id"], pulled_to_seq=int(laptop.get_meta(PREFIX + "server_seq")
                                                                            or 0))
            laptop.set_meta(PREFIX + "last_sync_at", stamp)
            result.server_seq = int(laptop.get_meta(PREFIX + "server_seq") or 0)
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            reason = " ".join(str(exc).split())[:200]
            raise WorkspaceError(f"the connection to the team database was lost ({reason}); what was sent and taken "
                                 "so far is kept: run the sync again to finish", file=meta["source"]) from None
        finally:
            server.close()
    finally:
        laptop.close()
    feedback.progress(1.0, "synced")
    return result


# --- pull: the server's changes into the copy --------------------------------------------------
def _pull(ctx: _Context) -> None:
    server, laptop, db = ctx.server, ctx.laptop, ctx.server.connection
    since = int(laptop.get_meta(PREFIX + "server_seq") or 0)
    start, target = since, max(server.last_change_seq(), since)
    layers = list(ctx.meta["layers"])
    n = 0
    while True:
        # the copy's write lock first: an edit made in the app meanwhile waits, and is never
        # overwritten by a plan made before it
        with laptop.transaction():
            with db.transaction():  # one snapshot: the change numbers and the states they lead to
                db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                changes = db.execute("SELECT seq, layer, uuid FROM humanops_changes WHERE seq > %s "
                                     "AND layer = ANY(%s) ORDER BY seq LIMIT %s", (since, layers, ctx.batch)).fetchall()
                wanted: dict[str, list[str]] = {}
                for _, layer, uuid in changes:
                    wanted.setdefault(layer, [])
                    if uuid not in wanted[layer]:
                        wanted[layer].append(uuid)
                plans = [_plan_pull(ctx, layer, uuids) for layer, uuids in wanted.items()]
            if not changes:
                break
            last = int(changes[-1][0])
            for plan in plans:
                _apply_pull(ctx, plan)
            laptop.set_meta(PREFIX + "server_seq", str(last))  # the progress commits with what it covers
        since = last
        n += 1
        ctx.after_commit("pull", n)
        ctx.feedback.progress(0.5 * (last - start) / max(target - start, 1), f"taking the team's changes ({n})")
    ctx.after_commit("pulled", n)


def _plan_pull(ctx: _Context, layer: str, uuids: list[str]) -> dict[str, Any]:
    """Inside the server's snapshot: what to do with each changed feature, and the server's
    versions needed for it."""
    server, laptop = ctx.server, ctx.laptop
    srv = server_states(server, layer, uuids, bbox=ctx.bbox)
    lap = laptop_states(laptop, layer, uuids)
    state = sync_state(laptop, layer)
    plan: dict[str, Any] = {"layer": layer, "take": [], "delete": [], "remove": [], "state": [], "conflict": []}
    for uuid in uuids:
        s, mine, st = srv.get(uuid), lap.get(uuid), state.get(uuid)
        if s is None or (st is not None and st[1] == s.version):
            continue  # nothing the copy has not seen (our own push coming back, among others)
        if mine is not None and mine.same_revision(s):
            plan["state"].append((uuid, s.version, s.version))
            ctx.result.count("pulled", layer, "unchanged")
            continue
        if mine is None:  # never held here (or taken out as out of the area)
            if not s.deleted and s.inside:
                plan["take"].append(uuid)
                plan["state"].append((uuid, s.version, s.version))
                ctx.result.count("pulled", layer, "inserted")
            continue
        changed_here = st is None or st[0] != mine.version
        if not changed_here:
            if s.deleted:
                if not mine.deleted:
                    plan["delete"].append((uuid, s))
                    ctx.result.count("pulled", layer, "deleted")
                plan["state"].append((uuid, s.version, s.version))
            elif s.inside:
                plan["take"].append(uuid)
                plan["state"].append((uuid, s.version, s.version))
                ctx.result.count("pulled", layer, "inserted" if mine.deleted else "updated")
            else:
                plan["remove"].append(uuid)
                ctx.result.count("pulled", layer, "left_area")
        elif mine.deleted and s.deleted:  # deleted on both sides: agreement
            plan["state"].append((uuid, mine.version, s.version))
        else:
            plan["conflict"].append((uuid, mine, s, st[0] if st else None))
    plan["frame"] = server.read_layer(layer, uuids=plan["take"]) if plan["take"] else None
    plan["tombstones"] = _tombstones(server, layer, [(u, s) for u, s in plan["delete"]])
    plan["incoming"] = _server_features(server, layer, [(u, s) for u, _, s, _ in plan["conflict"]])
    return plan


def _apply_pull(ctx: _Context, plan: dict[str, Any]) -> None:
    laptop, layer = ctx.laptop, plan["layer"]
    if plan["frame"] is not None:
        _put_by_provenance(laptop, layer, plan["frame"])
    for tombstone in plan["tombstones"]:
        put_tombstone(laptop, tombstone)
    if plan["remove"]:
        remove_out_of_area(laptop, layer, plan["remove"])
    set_sync_state(laptop, layer, plan["state"])
    stamp = format_time(utc_now())
    for uuid, mine, s, base in plan["conflict"]:
        _record_conflict(ctx, layer, uuid, mine, plan["incoming"][uuid], stamp, "pull", base)
        set_sync_state(laptop, layer, [(uuid, base, s.version)])


# --- push: the copy's changes to the server ----------------------------------------------------
def _push(ctx: _Context) -> None:
    laptop = ctx.laptop
    work: list[tuple[str, list[str]]] = []
    for layer in ctx.meta["layers"]:
        todo = _changed_here(laptop, layer)
        work += [(layer, todo[i:i + ctx.batch]) for i in range(0, len(todo), ctx.batch)]
    for n, (layer, uuids) in enumerate(work, start=1):
        _push_batch(ctx, layer, uuids, n)
        ctx.feedback.progress(0.5 + 0.5 * n / len(work), f"sending this copy's changes ({n}/{len(work)})")


def _changed_here(laptop: Workspace, layer: str) -> list[str]:
    """uuids the copy changed since it last agreed with the server (inserted, updated, deleted),
    except those waiting for a person's decision on a conflict."""
    state = sync_state(laptop, layer)
    live = dict(laptop.rows(layer, ["uuid", "version"], geometry=False, fids=False).values)
    todo = [u for u, v in live.items() if u not in state or state[u][0] != v]
    gone = [u for u in state if u not in live]
    if gone:
        dead = laptop_states(laptop, layer, gone)
        todo += [u for u in gone if u in dead and dead[u].version != state[u][0]]
    waiting = {r[0] for r in laptop.connection.execute(
        "SELECT uuid FROM humanops_conflicts WHERE layer = ? AND status = 'open'", (layer,))}
    return [u for u in todo if u not in waiting]


def _push_batch(ctx: _Context, layer: str, uuids: list[str], n: int) -> None:
    with ctx.laptop.transaction():  # the copy's write lock: no edit slips between reading and recording
        _push_locked(ctx, layer, uuids, n)
    ctx.after_commit("push", n)


def _push_locked(ctx: _Context, layer: str, uuids: list[str], n: int) -> None:
    laptop, server, result = ctx.laptop, ctx.server, ctx.result
    lap = laptop_states(laptop, layer, uuids)
    state = sync_state(laptop, layer)
    authors = _signed_authors(laptop, layer, uuids)
    write_live: list[str] = []
    write_deleted: list[str] = []
    agreed: list[tuple[str, int | None, int | None]] = []  # (uuid, base, seen) to record in the copy
    stale: list[tuple[str, FeatureState, FeatureState]] = []
    proposed: list[tuple[str, FeatureState, FeatureState | None, str]] = []
    with server.transaction():  # the write lock: nobody writes between the check and the write
        srv = server_states(server, layer, uuids, lock=True)
        for uuid in uuids:
            mine, s = lap[uuid], srv.get(uuid)
            seen = state[uuid][1] if uuid in state else None
            if mine.same_revision(s):  # landed by an earlier, interrupted run
                agreed.append((uuid, mine.version, mine.version))
                result.count("pushed", layer, "unchanged")
                continue
            if (s.version if s else None) != seen:
                if s is not None and s.deleted and mine.deleted:
                    agreed.append((uuid, mine.version, s.version))
                else:
                    stale.append((uuid, mine, s))  # type: ignore[arg-type]
                continue
            if mine.deleted and (s is None or s.deleted):  # nothing there to delete
                agreed.append((uuid, mine.version, seen))
                continue
            decision = _authority(ctx, layer, uuid, mine, s, authors)
            if decision.action == ALLOW:
                (write_deleted if mine.deleted else write_live).append(uuid)
                agreed.append((uuid, mine.version, mine.version))
                result.count("pushed", layer, "deleted" if mine.deleted else "inserted" if s is None or s.deleted
                             else "updated")
            elif decision.action == PROPOSE and s is not None:
                proposed.append((uuid, mine, s, decision.reason))
            else:
                result.refused.append({"layer": layer, "uuid": uuid, "reason_code": decision.reason_code,
                                       "reason": decision.reason})
        if write_live:
            _put_by_provenance(server, layer, laptop.read_layer(layer, uuids=write_live))
        for uuid in write_deleted:
            server.put_feature(_laptop_tombstone(laptop, layer, uuid, lap[uuid]))
        incoming = _server_features(server, layer, [(u, s) for u, _, s in stale if s is not None]
                                    + [(u, s) for u, _, s, _ in proposed if s is not None])
        touch_server_checkout(server, ctx.meta["id"], pushed=len(write_live) + len(write_deleted))
    ctx.after_commit("push-server", n)
    stamp = format_time(utc_now())
    set_sync_state(laptop, layer, agreed)
    for uuid, mine, s in stale:
        if s is None:  # the server lost a feature it had (cannot happen through the app): keep ours, say so
            result.refused.append({"layer": layer, "uuid": uuid, "reason_code": "missing_on_server",
                                   "reason": "the server no longer has the version this copy saw"})
            continue
        base = state[uuid][0] if uuid in state else None
        _record_conflict(ctx, layer, uuid, mine, incoming[uuid], stamp, "push", base)
        set_sync_state(laptop, layer, [(uuid, base, s.version)])
    for uuid, mine, s, reason in proposed:
        _keep_as_proposal(ctx, layer, uuid, mine, incoming[uuid], stamp, reason)
        assert s is not None
        set_sync_state(laptop, layer, [(uuid, s.version, s.version)])


def _authority(ctx: _Context, layer: str, uuid: str, mine: FeatureState, s: FeatureState | None,
               authors: dict[str, tuple[int, str]]) -> Any:
    """may_change for the copy's version over the server's. The author is the copy's
    organisation, or the signed author of a version the copy merged from a package."""
    signed = authors.get(uuid)
    author = signed[1] if signed and signed[0] == mine.version else ctx.me
    if s is None:
        return may_change(None, Change(mine.originator or ctx.me, author))
    owner = s.originator or ctx.me
    if owner == ctx.me:
        per_feature, default = named_editors(ctx.laptop, layer)
        editors = per_feature.get(uuid, default)
    else:
        editors = signed_editors(ctx.laptop, layer, uuid)
    change = Change(mine.originator or ctx.me, author, deleted=mine.deleted,
                    marking_changed=not mine.deleted and mine.marking != s.marking)
    if not ctx.me:  # a workspace of no organisation: nothing in it can be anyone else's
        return may_change(Held(author), Change(author, author))
    return may_change(Held(owner, tuple(editors)), change)


def _signed_authors(laptop: Workspace, layer: str, uuids: list[str]) -> dict[str, tuple[int, str]]:
    """(version, author) of the versions the copy merged from packages, as their authors signed them."""
    if not laptop.connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'humanops_signed_versions'").fetchone():
        return {}
    return {u: (int(v), a) for u, v, a in select_in(
        laptop.connection, "SELECT uuid, version, author FROM humanops_signed_versions WHERE layer = ? "
        "AND uuid IN ({marks})", uuids, (layer,))}


# --- shared steps ------------------------------------------------------------------------------
def _put_by_provenance(target: Workspace | PostgisWorkspace, layer: str, frame: Any) -> None:
    """put_frame (each feature stored exactly as given) keeping each row's own provenance."""
    if not len(frame):
        return
    keys = frame[["source_package", "source_signer"]].astype(object).where(
        frame[["source_package", "source_signer"]].notna(), None)
    groups: dict[tuple[Any, Any], list[int]] = {}
    for i, key in enumerate(keys.itertuples(index=False, name=None)):
        groups.setdefault(key, []).append(i)
    for (package, signer), rows in groups.items():
        target.put_frame(layer, frame.iloc[rows], source_package=package, source_signer=signer)


def _tombstones(server: PostgisWorkspace, layer: str, states: list[tuple[str, FeatureState]]) -> list[Feature]:
    """The server's deletions as tombstone Features (as its history holds them)."""
    if not states:
        return []
    rows = server.connection.execute(
        "SELECT DISTINCT ON (uuid) uuid, version, originator, humanops_time_text(created), "
        "humanops_time_text(modified), marking, source_package, source_signer FROM humanops_history "
        "WHERE layer = %s AND deleted AND uuid = ANY(%s) ORDER BY uuid, version DESC",
        (layer, [u for u, _ in states])).fetchall()
    return [Feature(kind=layer, geometry=None, properties={}, marking=Marking.from_columns(marking or {}), uuid=u,
                    version=int(v), originator=o or "", created=parse_time(c), modified=parse_time(m), deleted=True,
                    source_package=p, source_signer=sg) for u, v, o, c, m, marking, p, sg in rows]


def _server_features(server: PostgisWorkspace, layer: str,
                     states: list[tuple[str, FeatureState]]) -> dict[str, Feature]:
    """The server's version of each feature (live, or its tombstone), for a conflict's record."""
    live = [u for u, s in states if not s.deleted]
    out = {f.uuid: f for f in server.features(layer, live)} if live else {}
    out.update({f.uuid: f for f in _tombstones(server, layer, [(u, s) for u, s in states if s.deleted])})
    return out


def _laptop_tombstone(laptop: Workspace, layer: str, uuid: str, mine: FeatureState) -> Feature:
    versions = [f for f in laptop.history(layer, uuid) if f.deleted and f.version == mine.version]
    if not versions:
        raise WorkspaceError("the copy's deletion is not in its history", layer=layer, feature=uuid)
    return versions[-1]


def _conflict_kind(mine: FeatureState, s: FeatureState, base: int | None) -> str:
    """'copy/server': what each side did since they last agreed."""
    if base is None and not mine.deleted and not s.deleted:
        return "insert/insert"
    return f"{'delete' if mine.deleted else 'update'}/{'delete' if s.deleted else 'update'}"


def _record_conflict(ctx: _Context, layer: str, uuid: str, mine: FeatureState, incoming: Feature, stamp: str,
                     found_by: str, base: int | None) -> None:
    """Keep both versions in the copy's conflicts table, as an import does (one open conflict a
    feature: a newer server version replaces the incoming side of an open one)."""
    laptop = ctx.laptop
    local_doc = local_record(laptop, layer, uuid, laptop.find_feature(layer, uuid))
    keep_open_conflict(laptop.connection, layer, uuid, detected_at=stamp, package_id=ctx.package_id,
                       sender=ctx.sender, local_doc=local_doc, incoming_version=incoming.version,
                       incoming_doc=local_record(laptop, layer, uuid, incoming))
    server_state = FeatureState(incoming.version, format_time(incoming.modified), incoming.deleted,
                                incoming.originator, ())
    ctx.result.conflicts.append({"layer": layer, "uuid": uuid, "kind": _conflict_kind(mine, server_state, base),
                                 "copy_version": mine.version, "server_version": incoming.version,
                                 "found_by": found_by})
    laptop.notify(layer, (uuid,), "conflict")


def _keep_as_proposal(ctx: _Context, layer: str, uuid: str, mine: FeatureState, originators: Feature, stamp: str,
                      reason: str) -> None:
    """The copy's edit of someone else's feature becomes its proposal to the originator (as the
    app's own edits of such features do), and the copy takes the originator's version back."""
    laptop = ctx.laptop
    db = laptop.connection
    record = local_record(laptop, layer, uuid, laptop.find_feature(layer, uuid))
    record.update({"version": originators.version, "originator": originators.originator, "modified": stamp,
                   "marking": originators.marking.to_columns()})  # a proposal changes fields, never the marking
    db.execute("UPDATE humanops_proposals SET status = 'withdrawn', decided_at = ?, decision = 'replaced' "
               "WHERE layer = ? AND uuid = ? AND proposer = ? AND status = 'open'", (stamp, layer, uuid, ctx.me))
    cursor = db.execute(
        "INSERT INTO humanops_proposals (layer, uuid, originator, proposer, base_version, proposed_at, deleted, "
        "feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (layer, uuid, originators.originator or ctx.me, ctx.me, originators.version, stamp, int(mine.deleted),
         json.dumps(record)))
    if originators.deleted:
        put_tombstone(laptop, originators)
    else:
        laptop.put_feature(originators)
    ctx.result.proposals.append({"layer": layer, "uuid": uuid, "proposal_id": int(cursor.lastrowid or 0),
                                 "originator": originators.originator, "reason": reason})
    laptop.notify(layer, (uuid,), "proposal")
