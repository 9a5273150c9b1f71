"""Export: what each recipient may receive, previewed, then sealed into one ``.hopx`` package.

One package goes to all the recipients named, and the signed manifest binds it to them; so it
holds only what **every** one of them may receive (a feature one recipient may not have is
withheld from the package, counted for the others as ``co_recipient``). Where the policy says
generalise, the package holds the generalised features instead (new derived identity, marked
generalised, so a recipient never merges them over exact data); if co-recipients would need
different precisions the feature is withheld (``co_recipient_precision``): send separate
packages. Every decision is the policy's (``decide_many``, the vectorised ``may_receive``);
one rule is added: generalised copies received from others are not passed on
(``generalised_copy``), the exact data stays with its originator, who generalises it itself.

Full or incremental: incremental sends every feature version a recipient has not been sent
yet (``humanops_sent_versions``): what changed, and what became receivable since (a new
community member, a marking widened by its originator, a changed area of responsibility);
deletions since the last package go as tombstones. Generalised aggregates are recomputed each
time and sent only when they changed for a recipient, with tombstones for aggregates that no
longer exist.

Authority: our own versions are signed by us in one originator statement per package; a
partner's features go only as their originator signed them, with its statement
(:mod:`humanops.sharing.signed_rows`); our open proposals go with them, to whoever may
receive the feature they are about (:mod:`humanops.sharing.proposals`).
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from humanops.errors import SharingError
from humanops.feedback import Feedback
from humanops.model.clock import workspace_now
from humanops.model.exercise import manifest_entry
from humanops.model.marking import TLP, Marking, Precision, format_time
from humanops.sharing import audit
from humanops.sharing.database_release import checked_decisions
from humanops.sharing.directory import Directory
from humanops.sharing.directory_store import load_directory
from humanops.sharing.keys import UnlockedIdentity, check_recipient, own_identity, unlock
from humanops.sharing.layer_rows import ancestors, read_rows, revision
from humanops.sharing.originator_signatures import content_hashes, load_statements, sign_statement, signed_versions
from humanops.sharing.package_format import FORMAT_VERSION, compress_payload, seal_package
from humanops.sharing.payload_checks import misfit_rows
from humanops.sharing.payload_codec import LayerPayload, column_values, encode_payload
from humanops.sharing.policy import GENERALISE, WITHHOLD, decide_many
from humanops.sharing.proposals import outgoing_proposals
from humanops.sharing.receivable import SendFilter
from humanops.sharing.signed_rows import signed_view
from humanops.sharing.tables import ensure_tables
from humanops.store.atomic_files import write_bytes_atomic
from humanops.store.sql_in import select_in
from humanops.store.workspace import Workspace

DEFAULT_VALIDITY = timedelta(days=30)
_AUTHORITY = ("_author", "_editors", "_restriction", "_proposed_by")
SEQUENCE_KEY = "exchange_sequence"
GENERATOR = "HumanOps 0.1"
_SYSTEM = ("uuid", "version", "originator", "created", "modified", "tlp", "releasable_to", "caveats", "expires",
           "precision")


# --- results -------------------------------------------------------------------------------

def _empty_counts() -> dict[str, Any]:
    return {"sent": 0, "exact": 0, "generalised": 0, "generalised_features": 0, "tombstones": 0, "proposals": 0,
            "withheld": {}}


@dataclass
class ExportPreview:
    """Per recipient and layer: how many features go (exactly or generalised), how many are
    withheld and why (reason codes), how many deletions go; and the package's own counts."""

    recipients: list[str]
    mode: str
    layers: list[str]
    per_recipient: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    package: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, recipient: str, layer: str, key: str, n: int, code: str | None = None) -> None:
        if not n:
            return
        entry = self.per_recipient.setdefault(recipient, {}).setdefault(layer, _empty_counts())
        if code is None:
            entry[key] += int(n)
        else:
            entry["withheld"][code] = entry["withheld"].get(code, 0) + int(n)

    def totals(self, recipient: str) -> dict[str, Any]:
        out = _empty_counts()
        for entry in self.per_recipient.get(recipient, {}).values():
            for key in ("sent", "exact", "generalised", "generalised_features", "tombstones", "proposals"):
                out[key] += entry[key]
            for code, n in entry["withheld"].items():
                out["withheld"][code] = out["withheld"].get(code, 0) + n
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode, "layers": self.layers,
            "recipients": {r: {"layers": self.per_recipient.get(r, {}), "totals": self.totals(r)}
                           for r in self.recipients},
            "package": self.package,
        }

    def summary(self) -> str:
        lines = [f"{self.mode} package to {', '.join(self.recipients)}"]
        for r in self.recipients:
            t = self.totals(r)
            withheld = sum(t["withheld"].values())
            reasons = ", ".join(f"{c} {n}" for c, n in sorted(t["withheld"].items()))
            lines.append(f"  {r}: {t['exact']} exact, {t['generalised']} generalised (as "
                         f"{t['generalised_features']}), {t['tombstones']} deletions, {t['proposals']} proposals, "
                         f"{withheld} withheld"
                         + (f" ({reasons})" if reasons else ""))
            for layer, e in sorted(self.per_recipient.get(r, {}).items()):
                w = ", ".join(f"{c} {n}" for c, n in sorted(e["withheld"].items()))
                lines.append(f"    {layer:<12} exact {e['exact']:>7}  generalised {e['generalised']:>6}  "
                             f"deletions {e['tombstones']:>5}" + (f"  withheld: {w}" if w else ""))
        return "\n".join(lines)


@dataclass
class ExportResult:
    package_id: str
    path: str
    sequence: int
    recipients: list[str]
    layers: dict[str, dict[str, int]]
    payload_sha256: str
    bytes: int
    preview: ExportPreview

    def to_dict(self) -> dict[str, Any]:
        return {"package_id": self.package_id, "path": self.path, "sequence": self.sequence,
                "recipients": self.recipients, "layers": self.layers, "payload_sha256": self.payload_sha256,
                "bytes": self.bytes, "preview": self.preview.to_dict()}


@dataclass
class _SyncRow:
    """A generalised feature sent: recorded per recipient (humanops_sent_generalised)."""

    layer: str
    uuid: str
    version: int
    modified: str | None
    content_hash: str | None


@dataclass
class _Plan:
    preview: ExportPreview
    payload: dict[str, LayerPayload]
    sync: list[_SyncRow]
    change_seq: int
    markings: dict[str, int]
    statement_ids: set[str] = field(default_factory=set)
    sent_versions: list[tuple[str, str, int]] = field(default_factory=list)  # layer, uuid, version
    sent_proposals: list[int] = field(default_factory=list)


# --- planning ------------------------------------------------------------------------------

def _check_recipients(workspace: Workspace, directory: Directory, recipients: Iterable[str], me: str) -> list[str]:
    chosen = sorted(set(recipients))
    if not chosen:
        raise SharingError("name at least one recipient (--to ORG)")
    for org_id in chosen:
        org = directory.organisation(org_id)
        if org is None:
            raise SharingError(f"{org_id!r} is not in the partner directory (add its card: humanops partners add)")
        if org_id == me:
            raise SharingError("a package to ourselves makes no sense: name partners")
        if not org.encryption_key or org.revoked_at is not None:
            raise SharingError(f"{org_id!r} has no valid key (revoked): packages cannot be sent to it")
        check_recipient(org.encryption_key)
    return chosen


def _chosen_layers(workspace: Workspace, layers: Iterable[str] | None, include_roads: bool) -> list[str]:
    if layers is not None:
        names = list(dict.fromkeys(layers))
        for name in names:
            workspace.kind(name)
        return names
    return [k.name for k in workspace.catalog if k.exchange_by_default or include_roads]


def _held_generalised(workspace: Workspace, layer: str) -> set[str]:
    return {r[0] for r in workspace.sql.execute("SELECT uuid FROM humanops_generalised WHERE layer = ?",
                                                        (layer,))}


def _peer_positions(workspace: Workspace, recipients: list[str]) -> dict[str, int]:
    out = {}
    for org_id in recipients:
        row = workspace.sql.execute(
            "SELECT last_sent_change FROM humanops_exchange_peers WHERE org_id = ?", (org_id,)).fetchone()
        out[org_id] = int(row[0]) if row else 0
    return out


def _sent_generalised(workspace: Workspace, recipient: str, layer: str) -> pd.DataFrame:
    rows = workspace.sql.execute(
        "SELECT uuid, version, modified, content_hash FROM humanops_sent_generalised WHERE partner = ? AND layer = ?",
        (recipient, layer)).fetchall()
    return pd.DataFrame(rows, columns=["uuid", "version", "modified", "content_hash"])


def _objectify(frame: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """Every payload column as plain Python values (object dtype), ready to concatenate."""
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for name in (*_SYSTEM, *fields):
        values = column_values(frame[name].reset_index(drop=True)) if name in frame.columns else [None] * len(frame)
        out[name] = pd.Series(values, dtype=object)
    out["version"] = out["version"].astype("int64") if len(out) else out["version"]
    out["_deleted"] = frame["_deleted"].to_numpy(dtype=bool) if "_deleted" in frame else np.zeros(len(frame), bool)
    out["_generalised"] = pd.Series(column_values(frame["_generalised"].reset_index(drop=True))
                                    if "_generalised" in frame else [None] * len(frame), dtype=object)
    out["_geom"] = np.asarray(frame["_geom"].to_numpy(dtype=object) if "_geom" in frame else
                              [None] * len(frame), dtype=object)
    if "_ancestors" in frame:
        out["_ancestors"] = pd.Series(list(frame["_ancestors"]), dtype=object)
    for name in _AUTHORITY:
        out[name] = pd.Series(list(frame[name]) if name in frame else [None] * len(frame), dtype=object)
    return out


def _attach_ancestors(workspace: Workspace, layer: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Each version's known ancestors (strictly older revisions), for the receiver to tell a
    descendant of what it holds from a concurrent edit."""
    needs = frame["version"].to_numpy() > 1
    known = ancestors(workspace, layer, frame.loc[needs, "uuid"]) if needs.any() else {}
    frame["_ancestors"] = [
        tuple(a for a in known.get(uid, ()) if int(a.split("@", 1)[0]) < v)[:64] if known.get(uid) else ()
        for uid, v in zip(frame["uuid"], frame["version"], strict=True)]
    return frame


def _content_hash(frame: pd.DataFrame, fields: list[str]) -> list[str]:
    import shapely

    wkb = shapely.to_wkb(np.asarray(frame["_geom"], dtype=object), hex=True, output_dimension=2, byte_order=1)
    cols = [frame[c].tolist() for c in ("tlp", "releasable_to", "caveats", "expires", "precision", *fields)]
    out = []
    for i in range(len(frame)):
        doc = [wkb[i], *(c[i] for c in cols)]
        out.append(hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest())
    return out


def _tombstone_frame(workspace: Workspace, layer: str, since: int, live: set[str]) -> pd.DataFrame:
    latest: dict[str, Any] = {}
    for t in workspace.tombstones(layer, since_seq=since):
        if t.uuid in live:
            continue  # deleted, then restored: the live row is newer
        if t.uuid not in latest or t.version > latest[t.uuid].version:
            latest[t.uuid] = t
    rows = []
    for t in latest.values():
        rows.append({"uuid": t.uuid, "version": t.version, "originator": t.originator, "created": None,
                     "modified": format_time(t.modified), **t.marking.to_columns(), "_deleted": True,
                     "_generalised": None, "_geom": None})
    frame = pd.DataFrame(rows, columns=[*_SYSTEM, "_deleted", "_generalised", "_geom"])
    frame["version"] = frame["version"].astype("int64")
    frame["_deleted"] = frame["_deleted"].astype(bool)
    return frame


def _combine(decisions: list[Any], recipients: list[str], n: int) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """The package's action per row (one package for all recipients) and its precision text,
    plus each recipient's reason code for what is withheld from the package."""
    actions = np.vstack([np.asarray(d.action, dtype=object) for d in decisions]).reshape(len(recipients), n)
    withhold_any = (actions == WITHHOLD).any(axis=0)
    gen_any = (actions == GENERALISE).any(axis=0) & ~withhold_any
    precision = np.full(n, None, dtype=object)
    mixed = np.zeros(n, dtype=bool)
    for d in decisions:
        rows = np.flatnonzero(gen_any & (d.action == GENERALISE))
        texts = np.array([str(p) for p in d.precision[rows]], dtype=object)
        unset = pd.isna(precision[rows])
        mixed[rows[~unset & (precision[rows] != texts)]] = True
        precision[rows[unset]] = texts[unset]
    final = np.where(withhold_any, WITHHOLD, np.where(gen_any, GENERALISE, "allow")).astype(object)
    final[mixed] = WITHHOLD
    codes = []
    for d in decisions:
        own = d.action == WITHHOLD
        code = np.where(own, d.reason_code, np.where(mixed, "co_recipient_precision", "co_recipient")).astype(object)
        codes.append(code)
    return final, precision, codes


def _plan(workspace: Workspace, recipients: Iterable[str], *, full: bool, layers: Iterable[str] | None,
          include_roads: bool, now: datetime, respect_aor: bool, feedback: Feedback) -> _Plan:
    me = own_identity(workspace).org_id
    directory = load_directory(workspace)
    chosen = _check_recipients(workspace, directory, recipients, me)
    names = _chosen_layers(workspace, layers, include_roads)
    positions = _peer_positions(workspace, chosen)
    since = 0 if full else min(positions.values())
    preview = ExportPreview(chosen, "full" if full else "incremental", names)
    payload: dict[str, LayerPayload] = {}
    sync: list[_SyncRow] = []
    markings: dict[str, int] = {}
    change_seq = workspace.last_change_seq()
    changed_all = {} if full else workspace.changed_since(since)
    statement_ids: set[str] = set()
    sent_versions: list[tuple[str, str, int]] = []
    sent_proposals: list[int] = []
    for index, layer in enumerate(names):
        feedback.progress(index / max(1, len(names)), f"selecting {layer}")
        kind = workspace.kind(layer)
        fields = kind.field_names
        bases = {r: _sent_generalised(workspace, r, layer) for r in chosen}
        had_derived = any(len(b) for b in bases.values())
        changed = None if full else changed_all.get(layer, set()) | _unsent(workspace, layer, chosen)
        coarse = any(p not in (None, "exact") for p in workspace.value_counts(layer, "precision"))
        proposals = outgoing_proposals(workspace, layer, chosen, me, directory, now, full=full)
        if not full and not changed and not coarse and not had_derived and not len(proposals.frame):
            continue
        # most of the layer unsent (a first package): one scan beats thousands of uuid look-ups
        whole = full or coarse or len(changed or ()) * 2 > workspace.count(layer)
        rows = read_rows(workspace, layer, None if whole else changed)
        n = len(rows)
        in_scope = np.ones(n, dtype=bool) if changed is None else rows["uuid"].isin(changed).to_numpy()
        signed = signed_view(workspace, layer, rows, me)
        copies = frozenset(_held_generalised(workspace, layer))
        unsendable = {u: c for u, c in zip(rows["uuid"], signed.unsigned, strict=True) if c}
        # the same answer as the map's "what could I send to" and the preview (one function); on a
        # team database the policy's part decided in SQL too, and refused unless both agree
        decisions = [checked_decisions(workspace, layer, rows, SendFilter(r, me, directory, now, {layer: copies},
                                                                          {layer: unsendable}, respect_aor))
                     for r in chosen]
        final, precision, codes = _combine(decisions, chosen, n)
        misfit = misfit_rows(kind, rows) & (final != WITHHOLD)
        if misfit.any():  # a value another tool wrote that a receiver would refuse the package for
            final[misfit] = WITHHOLD
            for code in codes:
                code[misfit] = "invalid_value"
        parts: list[pd.DataFrame] = []

        exact = in_scope & (final == "allow")
        if exact.any():
            parts.append(_attach_ancestors(workspace, layer, _objectify(signed.frame[exact], fields)))
            statement_ids.update(s for s in signed.statement_ids[exact] if s)
            sent_versions += [(layer, u, int(v)) for u, v in zip(rows["uuid"][exact], rows["version"][exact],
                                                                  strict=True)]
        for r, code in zip(chosen, codes, strict=True):
            preview.add(r, layer, "exact", int(exact.sum()))
            preview.add(r, layer, "generalised", int((in_scope & (final == GENERALISE)).sum()))
            withheld = in_scope & (final == WITHHOLD)
            for c, k in zip(*np.unique(code[withheld].astype(str), return_counts=True), strict=True):
                preview.add(r, layer, "withheld", int(k), code=str(c))

        derived = _generalised_part(workspace, kind, rows, final, precision, bases, now, preview, chosen)
        if len(derived):
            parts.append(derived)

        tombs = _tombstones(workspace, layer, since, rows, full, directory, me, chosen, now, preview)
        if len(tombs):
            tombs, tomb_statements = _signed_tombstones(workspace, layer, tombs, me)
            statement_ids.update(tomb_statements)
            parts.append(tombs)
        if len(proposals.frame):
            parts.append(_objectify(proposals.frame, fields))
            sent_proposals += proposals.ids
            for r in chosen:
                preview.add(r, layer, "proposals", len(proposals.frame))
        if not parts:
            continue
        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
        own = frame["originator"].isna() | (frame["originator"] == "")
        frame.loc[own, "originator"] = me  # a feature names its originator: the one whose signature covers it
        frame.loc[frame["_author"].isna() | (frame["_author"] == ""), "_author"] = me
        payload[layer] = LayerPayload(frame, fields, grid_crs=derived.attrs.get("grid_crs") if len(derived) else None)
        live_rows = ~frame["_deleted"].to_numpy(dtype=bool)
        n_live, n_gen = int(live_rows.sum()), int((live_rows & frame["_generalised"].notna().to_numpy()).sum())
        preview.package[layer] = {"features": n_live, "tombstones": int((~live_rows).sum()), "generalised": n_gen}
        for r in chosen:
            preview.add(r, layer, "sent", n_live)
        for level, k in frame.loc[live_rows, "tlp"].value_counts().items():
            markings[str(level)] = markings.get(str(level), 0) + int(k)
        hashes = frame["_hash"].tolist() if "_hash" in frame.columns else [None] * len(frame)
        derived_flags = (frame["_derived"].fillna(False).astype(bool).tolist() if "_derived" in frame.columns
                         else [False] * len(frame))
        for uid, version, modified, is_derived, h in zip(frame["uuid"], frame["version"], frame["modified"],
                                                         derived_flags, hashes, strict=True):
            if is_derived:  # what each recipient holds of our aggregates (exact features need no record)
                sync.append(_SyncRow(layer, uid, int(version), modified, h if isinstance(h, str) else None))
    feedback.progress(1.0, "selected")
    return _Plan(preview, payload, sync, change_seq, markings, statement_ids, sent_versions, sent_proposals)


def _unsent(workspace: Workspace, layer: str, recipients: list[str]) -> set[str]:
    """Live features some recipient has not been sent at their current version (changed, or
    never sent: withheld before, perhaps receivable now)."""
    out: set[str] = set()
    if not recipients:
        return out
    live = set(workspace.rows(layer, ["uuid", "version"], geometry=False, fids=False).values)
    for r in recipients:
        sent = set(workspace.sql.execute(
            "SELECT uuid, version FROM humanops_sent_versions WHERE partner = ? AND layer = ?", (r, layer)))
        out.update(u for u, _ in live - sent)
    return out


def _signed_tombstones(workspace: Workspace, layer: str, tombs: pd.DataFrame, me: str) -> tuple[pd.DataFrame, set[str]]:
    """Our deletions go signed by us; a partner's deletion only as its originator signed it."""
    originator = tombs["originator"].fillna("").astype(str)
    own = (originator == "") | (originator == me)
    tombs.loc[own, "_author"] = me
    others = np.flatnonzero(~own.to_numpy())
    if not len(others):
        return tombs, set()
    records = signed_versions(workspace, layer, tombs["uuid"].iloc[others])
    keep = own.to_numpy().copy()
    statement_ids: set[str] = set()
    for i in others:
        uid = tombs.at[i, "uuid"]
        if uid not in records.index:
            continue
        rec = records.loc[uid]
        if not rec["deleted"] or int(rec["version"]) != int(tombs.at[i, "version"]):
            continue
        for c in ("tlp", "releasable_to", "caveats", "expires", "precision"):
            tombs.at[i, c] = rec[c]
        tombs.at[i, "_author"] = rec["author"]
        tombs.at[i, "_editors"] = rec["editors"]
        check = tombs.iloc[[i]].copy()
        if content_hashes(layer, check, [])[0].hex() == rec["content_hash"]:
            keep[i] = True
            statement_ids.add(rec["statement_id"])
    return tombs[keep].reset_index(drop=True), statement_ids


def _generalised_part(workspace: Workspace, kind: Any, rows: pd.DataFrame, final: np.ndarray,
                      precision: np.ndarray, bases: dict[str, pd.DataFrame], now: datetime,
                      preview: ExportPreview, chosen: list[str]) -> pd.DataFrame:
    """Aggregates for the rows to generalise (all of them, not only changed ones: an aggregate
    depends on every member), kept only where they differ from what a recipient has; plus
    tombstones for aggregates a recipient has that no longer exist."""
    from humanops.sharing.generalise import generalise, grid_crs

    fields = kind.field_names
    gen_rows = final == GENERALISE
    outputs = []
    crs = None
    if gen_rows.any():
        geo = gpd.GeoDataFrame(rows.drop(columns=["_deleted", "_generalised"]), geometry="_geom", crs=4326)
        crs = grid_crs(geo)
        for text in sorted(set(precision[gen_rows])):
            members = geo[gen_rows & (precision == text)]
            out = generalise(members, Precision.parse(text), kind, crs=crs)
            suppressed = int(out.attrs.get("suppressed_features", 0))
            for r in chosen:
                preview.add(r, kind.name, "withheld", suppressed, code="suppressed_small_group")
            if len(out):
                out = out.rename_geometry("_geom") if out.geometry.name != "_geom" else out
                obj = _objectify(pd.DataFrame(out), fields)
                obj["_generalised"] = text
                outputs.append(obj)
    frame = pd.concat(outputs, ignore_index=True) if outputs else _objectify(rows.iloc[0:0], fields)
    frame["_hash"] = _content_hash(frame, fields) if len(frame) else pd.Series([], dtype=object)
    current = set(frame["uuid"])
    keep = np.zeros(len(frame), dtype=bool)
    version = np.zeros(len(frame), dtype=np.int64)
    gone: dict[str, int] = {}
    lineage: dict[str, set[str]] = {}
    stamp = format_time(now)
    for r in chosen:
        derived = bases[r]
        known = dict(zip(derived["uuid"], zip(derived["version"], derived["content_hash"], derived["modified"],
                                              strict=True), strict=True))
        for i, (uid, h) in enumerate(zip(frame["uuid"], frame["_hash"], strict=True)):
            prev = known.get(uid)
            if prev is None or prev[1] != h:
                keep[i] = True
            if prev is not None:
                version[i] = max(version[i], int(prev[0]))
                lineage.setdefault(uid, set()).add(revision(prev[0], prev[2]))
        for uid, (v, _, m) in known.items():
            if uid not in current:
                gone[uid] = max(gone.get(uid, 0), int(v))
                lineage.setdefault(uid, set()).add(revision(v, m))
    frame["version"] = version + 1
    frame["modified"] = stamp
    frame["_ancestors"] = [tuple(sorted(lineage.get(uid, ()))) for uid in frame["uuid"]]
    frame = frame[keep].reset_index(drop=True)
    frame["_derived"] = True
    for r in chosen:
        preview.add(r, kind.name, "generalised_features", len(frame))
    if gone:
        default = Marking.from_default(kind.default_marking).to_columns()
        rows_gone = [{"uuid": uid, "version": v + 1, "originator": "", "created": None, "modified": stamp,
                      **default, "_deleted": True, "_generalised": None, "_geom": None, "_hash": None,
                      "_ancestors": tuple(sorted(lineage.get(uid, ())))}
                     for uid, v in sorted(gone.items())]
        tomb = pd.DataFrame(rows_gone)
        tomb["_derived"] = True
        for r in chosen:
            preview.add(r, kind.name, "tombstones", len(rows_gone))
        frame = pd.concat([frame, tomb], ignore_index=True)
    if crs is not None:
        frame.attrs["grid_crs"] = crs.to_string()
    return frame


def _tombstones(workspace: Workspace, layer: str, since: int, rows: pd.DataFrame, full: bool,
                directory: Directory, me: str, chosen: list[str], now: datetime,
                preview: ExportPreview) -> pd.DataFrame:
    """Deletions for the package: of features every recipient may have received, i.e. the
    policy allows each of them some earlier version exactly (expiry aside: the deletion of
    expired information still reaches those who held it). A tombstone carries the marking of
    the latest such version, never a narrower marking set after it was shared."""
    live = set(rows["uuid"]) if full else set(workspace.uuids(layer))
    frame = _tombstone_frame(workspace, layer, since, live)
    if not len(frame):
        return frame
    db = workspace.sql
    history = select_in(db, f"SELECT uuid, version, originator, marking FROM {db.history} "
                        "WHERE layer = ? AND deleted = 0 AND uuid IN ({marks})", frame["uuid"].tolist(), (layer,))
    versions = pd.DataFrame([{"uuid": u, "version": v, "originator": o or "", **json.loads(m or "{}")}
                             for u, v, o, m in history],
                            columns=["uuid", "version", "originator", "tlp", "releasable_to", "caveats", "expires",
                                     "precision"])
    ok = np.ones(len(versions), dtype=bool)
    for r in chosen:
        ok &= decide_many(versions.drop(columns=["expires"]), me, r, directory, now).action == "allow"
    shared = versions[ok].sort_values("version").groupby("uuid").last()
    frame = frame[frame["uuid"].isin(shared.index)].reset_index(drop=True)
    for column in ("tlp", "releasable_to", "caveats", "expires", "precision"):
        frame[column] = shared.loc[frame["uuid"], column].to_numpy(dtype=object)
    for r in chosen:
        preview.add(r, layer, "tombstones", len(frame))
    return _attach_ancestors(workspace, layer, _objectify(frame, []))


# --- public API ----------------------------------------------------------------------------

def preview_export(workspace: Workspace, recipients: Iterable[str], *, full: bool = False,
                   layers: Iterable[str] | None = None, include_roads: bool = False, now: datetime | None = None,
                   respect_aor: bool = False, feedback: Feedback | None = None) -> ExportPreview:
    """What a package to ``recipients`` would hold, per recipient; writes nothing."""
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        plan = _plan(workspace, recipients, full=full, layers=layers, include_roads=include_roads,
                     now=now or workspace_now(workspace), respect_aor=respect_aor, feedback=feedback or Feedback())
    return plan.preview


def export_package(workspace: Workspace, recipients: Iterable[str], out_path: str | Path,
                   passphrase: str | UnlockedIdentity, *,
                   full: bool = False, layers: Iterable[str] | None = None, include_roads: bool = False,
                   now: datetime | None = None, valid_for: timedelta = DEFAULT_VALIDITY,
                   respect_aor: bool = False, overwrite: bool = False,
                   feedback: Feedback | None = None) -> ExportResult:
    """Write a signed, encrypted package for ``recipients`` and record it (sequence number,
    what each recipient now holds, audit entry) in one transaction with the file's writing.
    ``passphrase`` unlocks our keys, or is our identity already unlocked (the app's kept keys)."""
    from humanops.sharing.import_verify import MAX_VALIDITY_KEY, max_validity

    feedback = feedback or Feedback()
    now = now or workspace_now(workspace)
    out = Path(out_path)
    if valid_for > max_validity(workspace):
        raise SharingError(f"a package may be valid for at most {max_validity(workspace).days} days "
                           f"(setting {MAX_VALIDITY_KEY}); partners refuse longer ones")
    if out.exists() and not overwrite:
        raise SharingError("exists already (choose another name)", file=str(out))
    if not out.parent.is_dir():
        raise SharingError("folder does not exist", file=str(out.parent))
    identity = passphrase if isinstance(passphrase, UnlockedIdentity) else unlock(workspace, passphrase)
    written = False
    try:
        with workspace.transaction():
            db = workspace.sql
            ensure_tables(db)
            plan = _plan(workspace, recipients, full=full, layers=layers, include_roads=include_roads, now=now,
                         respect_aor=respect_aor, feedback=feedback.step(0.0, 0.5))
            feedback.progress(0.55, "encoding")
            directory = load_directory(workspace)
            chosen = plan.preview.recipients
            sequence = int(workspace.get_meta(SEQUENCE_KEY) or 0) + 1
            feedback.progress(0.5, "signing our versions")
            statements = _statements(workspace, identity, plan, now)
            payload_json = encode_payload(plan.payload, statements, respect_aor=respect_aor)
            stored, payload_entry = compress_payload(payload_json)
            del payload_json
            package_id = str(uuid_module.uuid4())
            manifest = _manifest(workspace, identity, directory, plan, package_id, sequence, now, valid_for,
                                 payload_entry)
            feedback.progress(0.7, "signing and encrypting")
            keys = [check_recipient(directory.organisation(r).encryption_key) for r in chosen]
            data = seal_package(manifest, stored, identity.signing, keys)
            del stored
            _record(workspace, plan, chosen, package_id, sequence, now)
            _record_sent(workspace, plan, chosen)
            audit.append(workspace, "export", counterpart=",".join(chosen), package_id=package_id,
                         payload_sha256=payload_entry["sha256"], at=now,
                         counts={"layers": plan.preview.package,
                                 "recipients": {r: plan.preview.totals(r) for r in chosen},
                                 "markings": dict(sorted(plan.markings.items()))},  # features per TLP
                         detail={"sequence": sequence, "mode": plan.preview.mode, "file": out.name})
            audit.sign_head(workspace, identity)
            feedback.progress(0.9, "writing")
            # owner-only (0600), and an existing file is refused unless overwrite, even one made meanwhile
            write_bytes_atomic(out, data, overwrite=overwrite, exists_error=SharingError)
            written = True
            feedback.progress(1.0, "done")  # last chance to cancel: before the commit, never after
    except BaseException:
        if written:  # the file is out but the commit failed: it must not exist without its record
            out.unlink(missing_ok=True)
        raise
    return ExportResult(package_id, str(out), sequence, chosen, plan.preview.package, payload_entry["sha256"],
                        len(data), plan.preview)


def _statements(workspace: Workspace, identity: Any, plan: _Plan, now: datetime) -> list[dict[str, str]]:
    """One statement of ours over every version we authored in the package, then the
    originators' statements that cover what we forward."""
    me = identity.public.org_id
    hashes: list[bytes] = []
    for layer, payload in plan.payload.items():
        frame = payload.frame
        mine = ((frame["_author"] == me) & frame["_proposed_by"].isna()).to_numpy(dtype=bool)
        if mine.any():
            hashes += content_hashes(layer, frame[mine], payload.fields)
    out = [sign_statement(identity, hashes, now).to_payload()] if hashes else []
    forwarded = load_statements(workspace, plan.statement_ids)
    missing = plan.statement_ids - {s.statement_id for s in forwarded}
    if missing:
        raise SharingError(f"the originator statement {sorted(missing)[0]} is missing from the workspace")
    return out + [s.to_payload() for s in sorted(forwarded, key=lambda s: s.statement_id)]


def _record_sent(workspace: Workspace, plan: _Plan, chosen: list[str]) -> None:
    db = workspace.sql
    for r in chosen:
        db.upsert_many("humanops_sent_versions", ("partner", "layer", "uuid", "version"),
                       sorted((r, *v) for v in plan.sent_versions), key=("partner", "layer", "uuid"))
        db.insert_ignore("humanops_sent_proposals", ("partner", "proposal"), [(r, p) for p in plan.sent_proposals])


def _manifest(workspace: Workspace, identity: Any, directory: Directory, plan: _Plan, package_id: str,
              sequence: int, now: datetime, valid_for: timedelta, payload_entry: dict[str, Any]) -> dict[str, Any]:
    highest = max((TLP(t) for t in plan.markings), default=None, key=lambda t: t.rank)
    return {
        "format": FORMAT_VERSION,
        "package_id": package_id,
        "sender": {"org": identity.public.org_id, "fingerprint": identity.public.fingerprint},
        "recipients": [{"org": r, "encryption_key": directory.organisation(r).encryption_key}
                       for r in plan.preview.recipients],
        "created": format_time(now),
        "expires": format_time(now + valid_for),
        "sequence": sequence,
        "mode": plan.preview.mode,
        "layers": plan.preview.package,
        "markings": dict(sorted(plan.markings.items())),
        "highest_marking": highest.value if highest else None,
        "payload": payload_entry,
        "audit_head": audit.head(workspace),
        "generator": GENERATOR,
        **manifest_entry(workspace),  # an exercise's flag, inside what is signed; nothing for real data
    }


def _record(workspace: Workspace, plan: _Plan, chosen: list[str], package_id: str, sequence: int,
            now: datetime) -> None:
    db = workspace.sql
    stamp = format_time(now)
    db.upsert("humanops_meta", {"key": SEQUENCE_KEY, "value": str(sequence)}, key=("key",))
    for r in chosen:
        db.insert_ignore("humanops_exchange_peers", ("org_id",), [(r,)])
        db.execute("UPDATE humanops_exchange_peers SET last_sent_change = ?, last_sent_package = ?, last_sent_at = ? "
                   "WHERE org_id = ?", (plan.change_seq, package_id, stamp, r))
        db.upsert_many(
            "humanops_sent_generalised", ("partner", "layer", "uuid", "version", "modified", "content_hash"),
            # in key order: the B-tree takes sorted inserts far faster
            sorted((r, s.layer, s.uuid, s.version, s.modified, s.content_hash) for s in plan.sync),
            key=("partner", "layer", "uuid"))

