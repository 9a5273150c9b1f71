"""Import, merge: how each checked feature meets what we hold, and writing it.

By uuid and revision (version and modified time), :func:`classify`: an incoming version that
descends from ours (ours is among its ancestors, and its version is higher) replaces it; one
that ours descends from is stale and ignored; anything else is a concurrent edit and becomes a
conflict holding both versions for the user to decide. Tombstones delete the same way; a
generalised copy of our own features, or a deletion of one we never had, is ignored; a
generalised version never replaces exact data we hold.

:func:`apply_layer` then writes one layer's plan inside the import's transaction: quarantine
(:mod:`humanops.sharing.import_quarantine`), the live versions with their provenance (package,
signer), tombstones, conflicts, lineage, which features we hold generalised, and what the authors
signed of the versions we now hold (:func:`record_authority`), the proposals received and our
own stricter markings re-applied.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from humanops.catalog import LayerKind
from humanops.model.feature import Feature
from humanops.model.marking import Marking, format_time
from humanops.sharing.canonical import is_missing
from humanops.sharing.import_checks import Verdicts, row_mask
from humanops.sharing.import_quarantine import quarantine
from humanops.sharing.layer_rows import ancestors, revision
from humanops.sharing.originator_signatures import MARKING, record_signed
from humanops.sharing.package_format import OpenedPackage
from humanops.sharing.records import feature_record
from humanops.store.workspace import Workspace


def _local_state(workspace: Workspace, layer: str) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """(live revision per uuid, tombstone revision per deleted uuid, uuids held generalised)."""
    db = workspace.sql
    live = {u: revision(v, m) for u, v, m in workspace.rows(layer, ["uuid", "version", "modified"],
                                                               geometry=False, fids=False).values}
    dead: dict[str, tuple[int, str]] = {}
    for u, v, m in db.execute(f"SELECT uuid, version, modified FROM {db.history} WHERE layer = ? AND deleted = 1",
                              (layer,)):
        if u not in live and (u not in dead or v > dead[u][0]):
            dead[u] = (v, m)
    generalised = {r[0] for r in db.execute("SELECT uuid FROM humanops_generalised WHERE layer = ?", (layer,))}
    return live, {u: revision(v, m) for u, (v, m) in dead.items()}, generalised


def classify(workspace: Workspace, layer: str, frame: pd.DataFrame, ok: np.ndarray, generalised: np.ndarray,
              me: str, verdicts: Verdicts, held_out: set[str]) -> np.ndarray:
    """insert | update | delete | unchanged | stale | conflict | ignore per row ('' when quarantined)."""
    n = len(frame)
    action = np.full(n, "", dtype=object)
    live, dead, held_generalised = _local_state(workspace, layer)
    held_out.update(held_generalised)
    uuids = frame["uuid"].to_numpy(dtype=object)
    deleted = frame["_deleted"].to_numpy(dtype=bool)
    known = np.fromiter((u in live or u in dead for u in uuids), dtype=bool, count=n)
    own_generalised = generalised & (frame["originator"].to_numpy(dtype=object) == me)
    action[ok & own_generalised] = "ignore"  # a generalised copy of our own features: we hold them exactly
    todo = ok & ~own_generalised
    action[todo & ~known & ~deleted] = "insert"
    action[todo & ~known & deleted] = "ignore"  # deletion of a feature we never had
    rows = np.flatnonzero(todo & known)
    if not len(rows):
        return action
    history = ancestors(workspace, layer, uuids[rows], limit=10**6)
    versions = frame["version"].to_numpy()
    modified = frame["modified"].to_numpy(dtype=object)
    incoming_ancestors = frame["_ancestors"].to_numpy(dtype=object)
    for i in rows:
        uid = uuids[i]
        local = live.get(uid) or dead.get(uid)
        mine_is_live = uid in live
        incoming = revision(versions[i], modified[i])
        if generalised[i] and mine_is_live and uid not in held_generalised:
            verdicts.set(row_mask(n, np.array([i])), "generalised_over_exact",
                         "a generalised version would replace exact data we hold", keep_content=False)
            continue
        # ancestors are the sender's word, not the author's signature: a version only ever
        # replaces a lower one (every new version, resolution or edit, counts up), so an older
        # signed version cannot be passed off as a descendant of ours (it is a conflict at most)
        local_version = int(local.split("@", 1)[0])
        if incoming == local:
            action[i] = "unchanged"
        elif incoming in history.get(uid, ()):
            action[i] = "stale"
        elif local in incoming_ancestors[i] and int(versions[i]) > local_version:
            action[i] = ("delete" if mine_is_live else "ignore") if deleted[i] else "update"
        else:
            action[i] = "conflict"
    return action



def _row_feature(kind: LayerKind, frame: pd.DataFrame, values: pd.DataFrame, geoms: np.ndarray, i: int,
                 package_id: str, signer: str) -> Feature:
    from humanops.model.marking import parse_time

    props = {}
    for name in kind.field_names:
        value = values[name].iloc[i] if name in values.columns else None
        props[name] = None if is_missing(value) else (value.to_pydatetime() if hasattr(value, "to_pydatetime")
                                                     else value.item() if isinstance(value, np.generic) else value)
    row = frame.iloc[i]
    marking = Marking.from_columns({c: row[c] for c in ("tlp", "releasable_to", "caveats", "expires", "precision")})
    return Feature(kind=kind.name, geometry=None if row["_deleted"] else geoms[i], properties=props,
                   marking=marking, uuid=row["uuid"], version=int(row["version"]), originator=row["originator"],
                   created=parse_time(row["created"]), modified=parse_time(row["modified"]),
                   deleted=bool(row["_deleted"]), source_package=package_id, source_signer=signer)


def _store_live(workspace: Workspace, kind: LayerKind, frame: pd.DataFrame, values: pd.DataFrame,
                geoms: np.ndarray, rows: np.ndarray, package_id: str, signer: str) -> None:
    if not len(rows):
        return
    import geopandas as gpd

    data = values.iloc[rows].reset_index(drop=True)
    prevalidated = data[kind.field_names].copy()
    for c in ("uuid", "version", "originator", "created", "modified", "tlp", "releasable_to", "caveats",
              "expires", "precision"):
        data[c] = frame[c].iloc[rows].to_numpy()
    workspace.put_frame(kind.name, gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms[rows], crs=4326)),
                        source_package=package_id, source_signer=signer, prevalidated=prevalidated)



def apply_layer(workspace: Workspace, plan: dict[str, Any], opened: OpenedPackage, signer: str,
                 now: datetime) -> None:
    """Write one layer's plan (made by ``exchange_import._plan_layer``) inside the import's transaction."""
    db = workspace.sql
    name, frame, verdicts, action = plan["layer"], plan["frame"], plan["verdicts"], plan["action"]
    stamp = format_time(now)
    quarantine(workspace, name, frame, verdicts, opened.package_id, opened.sender, stamp)
    if "kind" not in plan:
        return
    kind, values, geoms, generalised = plan["kind"], plan["values"], plan["geoms"], plan["generalised"]
    live_rows = np.flatnonzero((action == "insert") | (action == "update"))
    _store_live(workspace, kind, frame, values, geoms, live_rows, opened.package_id, signer)
    for i in np.flatnonzero(action == "delete"):
        workspace.put_feature(_row_feature(kind, frame, values, geoms, int(i), opened.package_id, signer))
    for i in np.flatnonzero(action == "conflict"):
        _record_conflict(workspace, kind, frame, int(i), opened, stamp)
    applied = np.flatnonzero(np.isin(action, ("insert", "update", "delete")))
    uuids = frame["uuid"].to_numpy(dtype=object)
    lineage = frame["_ancestors"].to_numpy(dtype=object)
    db.insert_ignore("humanops_lineage", ("layer", "uuid", "version", "modified"),
                     [(name, uuids[i], int(v), m) for i in applied if lineage[i]
                      for v, _, m in (a.partition("@") for a in lineage[i]) if v.isdigit()])
    gen_rows = applied[generalised[applied] & (action[applied] != "delete")]
    texts = frame["_generalised"].to_numpy(dtype=object)
    db.upsert_many("humanops_generalised", ("layer", "uuid", "precision", "source_package"),
                   [(name, uuids[i], texts[i], opened.package_id) for i in gen_rows], key=("layer", "uuid"))
    was_generalised = plan["held_generalised"]
    exact_rows = [i for i in applied if uuids[i] in was_generalised and (not generalised[i] or action[i] == "delete")]
    db.executemany("DELETE FROM humanops_generalised WHERE layer = ? AND uuid = ?",
                   [(name, uuids[i]) for i in exact_rows])
    record_authority(workspace, plan, opened, applied, stamp)


def record_authority(workspace: Workspace, plan: dict[str, Any], opened: OpenedPackage, applied: np.ndarray,
                      stamp: str) -> None:
    """What the authors signed of the versions we now hold (to forward them with their
    statements), the proposals received, and our own stricter markings re-applied."""
    from humanops.sharing.marking_ops import reapply_restrictions
    from humanops.sharing.proposals import store_received

    db = workspace.sql
    name, frame = plan["layer"], plan["frame"]
    signed, hashes, statement_ids = plan["signed_marking"], plan["hashes"], plan["statement_ids"]
    uuids = frame["uuid"].to_numpy(dtype=object)
    # whole columns as arrays once: row-wise pandas access costs seconds per 100,000 rows
    originator = frame["originator"].tolist()
    # Python lists: element access on numpy arrays costs a boxing per value
    columns = [[int(v) for v in frame["version"].tolist()], [bool(d) for d in frame["_deleted"].tolist()],
               frame["_author"].tolist(), frame["_editors"].tolist(), *(signed[c].tolist() for c in MARKING)]
    uuids_list = frame["uuid"].tolist()
    me = workspace.organisation
    # a version we already held unsigned (same revision) gets the signature that came with it;
    # one we hold signed keeps its record (rewriting it would only churn statements)
    unchanged = plan["action"] == "unchanged"
    if unchanged.any():
        recorded = {u for (u,) in db.execute("SELECT uuid FROM humanops_signed_versions WHERE layer = ?", (name,))}
        unchanged &= ~np.fromiter((u in recorded for u in uuids_list), dtype=bool, count=len(uuids_list))
    signable = np.flatnonzero(np.isin(plan["action"], ("insert", "update", "delete")) | unchanged)
    # in key order: the unique (layer, uuid) index takes sorted inserts far faster
    hash_list, statement_list = hashes.tolist(), statement_ids.tolist()
    rows = sorted((i for i in signable.tolist() if hash_list[i] is not None and originator[i] != me),
                  key=uuids_list.__getitem__)
    version, deleted, author, editors, tlp, releasable, caveats, expires, precision = columns
    record_signed(db, [(name, uuids_list[i], version[i], deleted[i], hash_list[i], author[i], editors[i], tlp[i],
                        releasable[i], caveats[i], expires[i], precision[i], statement_list[i]) for i in rows])
    proposals = np.flatnonzero(plan["action"] == "proposal")
    store_received(db, name, [(uuids[i], frame["originator"].iloc[i], frame["_author"].iloc[i],
                               int(frame["version"].iloc[i]), frame["modified"].iloc[i],
                               bool(frame["_deleted"].iloc[i]), feature_record(frame, int(i))) for i in proposals],
                   opened.package_id, opened.sender)
    if len(proposals):
        workspace.notify(name, tuple(uuids[proposals]), "proposal")
    reapply_restrictions(workspace, name, [uuids[i] for i in applied if not columns[1][i]])


def _record_conflict(workspace: Workspace, kind: LayerKind, frame: pd.DataFrame, i: int, opened: OpenedPackage,
                     stamp: str) -> None:
    from humanops.sharing.conflicts import keep_open_conflict
    from humanops.sharing.records import local_record

    uid = frame["uuid"].iloc[i]
    local = workspace.find_feature(kind.name, uid)
    keep_open_conflict(workspace.sql, kind.name, uid, detected_at=stamp, package_id=opened.package_id,
                       sender=opened.sender, local_doc=local_record(workspace, kind.name, uid, local),
                       incoming_version=int(frame["version"].iloc[i]), incoming_doc=feature_record(frame, i))

