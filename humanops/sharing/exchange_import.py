"""Import: verify a package completely, re-check every feature, then merge all or nothing.

Order of checks (each refusal is a SharingError naming the file and what failed, recorded in
the audit log as ``refused_import`` in its own transaction; the workspace is otherwise
untouched): marker and size → decryption with our keys → container and manifest schema →
signer known and its key valid at the package's creation → signature → we are a named
recipient → not expired, not from the future → sequence newer than the last accepted from that
sender → payload hash → bounded decompression → payload structure and declared counts.

Then, feature by feature: identity and marking well formed (an unknown marking value is never
read as a weaker one), a relay's restriction no looser than the author's marking, the policy
again (``decide_many`` with the sender as exporter and us as recipient: what we are not entitled
to is quarantined, its content not kept), generalised features really generalised, kind
validation (fields, geometry), then authority (:mod:`humanops.sharing.import_authority`): the
version as it will be stored must be covered by a verified statement of its author, and the
authority rule decides whether it may replace ours or is someone's proposal. What fails is
quarantined and reported, never merged; proposals are kept for a person to decide.

Merge, by uuid and revision (version and modified time): an incoming version that descends from
ours (ours is among its ancestors) replaces it; one that ours descends from is stale and
ignored; anything else is a concurrent edit and becomes a conflict holding both versions for
the user to decide. Tombstones delete the same way. Provenance (package, signer) is set on
every feature written. Everything is written in one transaction with the audit entry.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind
from humanops.errors import HumanOpsError, SharingError, ValidationError
from humanops.feedback import Canceled, Feedback
from humanops.model.clock import workspace_now
from humanops.model.exercise import exercise_name, isolation_refusal
from humanops.model.feature import Feature
from humanops.model.marking import CAVEATS, Marking, Precision, format_time
from humanops.model.validation import conform_geometry, validate_frame
from humanops.sharing import audit
from humanops.sharing.canonical import is_missing
from humanops.sharing.directory_store import key_by_fingerprint, load_directory
from humanops.sharing.import_authority import (
    VerifiedStatements,
    apply_restrictions,
    check_authority,
    check_signatures,
    verify_statements,
)
from humanops.sharing.keys import UnlockedIdentity, format_fingerprint, public_key, unlock
from humanops.sharing.layer_rows import ancestors, revision
from humanops.sharing.originator_signatures import MARKING, record_signed, store_statements
from humanops.sharing.package_format import (
    TLP_VALUES,
    OpenedPackage,
    open_package,
    payload_json,
    read_package_file,
    verify_signature,
)
from humanops.sharing.payload_checks import check_payload
from humanops.sharing.payload_codec import LayerPayload, decode_package_payload
from humanops.sharing.policy import GENERALISE, WITHHOLD, decide_many
from humanops.sharing.records import feature_record, identity_record
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

CLOCK_SKEW = timedelta(days=1)  # a package "created" further in the future than this is refused
MAX_VALIDITY_KEY = "package_max_validity_days"
DEFAULT_MAX_VALIDITY = timedelta(days=90)


def max_validity(workspace: Workspace) -> timedelta:
    """The longest validity window a package may claim (meta setting, default 90 days)."""
    text = workspace.get_meta(MAX_VALIDITY_KEY)
    try:
        days = int(text) if text else None
    except ValueError:
        days = None
    return timedelta(days=days) if days and 0 < days <= 3650 else DEFAULT_MAX_VALIDITY
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_PARTY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
MAX_REPORTED = 200


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    file: str
    package_id: str
    sender: str
    signer_fingerprint: str
    created: str
    sequence: int
    dry_run: bool
    verification: dict[str, Any]
    layers: dict[str, dict[str, int]] = field(default_factory=dict)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def count(self, layer: str, what: str, n: int = 1) -> None:
        if n:
            entry = self.layers.setdefault(layer, {})
            entry[what] = entry.get(what, 0) + int(n)

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for entry in self.layers.values():
            for k, v in entry.items():
                out[k] = out.get(k, 0) + v
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "package_id": self.package_id, "sender": self.sender,
                "signer_fingerprint": format_fingerprint(self.signer_fingerprint), "created": self.created,
                "sequence": self.sequence, "dry_run": self.dry_run, "verification": self.verification,
                "layers": self.layers, "totals": self.totals(), "quarantined": self.quarantined[:MAX_REPORTED],
                "quarantined_total": self.totals().get("quarantined", 0), "conflicts": self.conflicts}

    def summary(self) -> str:
        t = self.totals()
        head = "would import" if self.dry_run else "imported"
        lines = [f"{head} package {self.package_id} from {self.sender} (signed by "
                 f"{format_fingerprint(self.signer_fingerprint)}, sequence {self.sequence}): "
                 f"{t.get('inserted', 0)} new, {t.get('updated', 0)} updated, {t.get('deleted', 0)} deleted, "
                 f"{t.get('unchanged', 0)} unchanged, {t.get('stale', 0)} older than ours, "
                 f"{t.get('conflicts', 0)} conflicts, {t.get('quarantined', 0)} quarantined"]
        for layer, entry in sorted(self.layers.items()):
            lines.append(f"  {layer:<12} " + ", ".join(f"{k} {v}" for k, v in sorted(entry.items())))
        for q in self.quarantined[:20]:
            lines.append(f"  quarantined {q['layer']} {q['uuid']}: {q['reason']}")
        if self.verification.get("partner_audit_warning"):
            lines.append(f"  WARNING: {self.verification['partner_audit_warning']}")
        for c in self.conflicts[:20]:
            lines.append(f"  CONFLICT {c['layer']} {c['uuid']}: resolve with humanops conflicts resolve {c['uuid']}")
        return "\n".join(lines)


# --- verification --------------------------------------------------------------------------

def _verify(workspace: Workspace, opened: OpenedPackage, me: str, now: datetime, file: str) -> dict[str, Any]:
    fp = opened.sender_fingerprint
    key = key_by_fingerprint(workspace, fp)
    if key is None:
        raise SharingError(f"signed by an unknown key {format_fingerprint(fp)} (the package says it is from "
                           f"{opened.sender!r}); add the sender's contact card after checking this fingerprint "
                           "with them", file=file)
    if key.org_id != opened.sender:
        raise SharingError(f"signed with the key of {key.org_id!r} but claims to come from {opened.sender!r}",
                           file=file)
    if key.org_id == me:
        raise SharingError("is a package we sent ourselves", file=file)
    verify_signature(opened, public_key(key.signing_key), file=file)
    created = opened.created
    if key.revoked_at is not None:  # whatever "created" says: a stolen key can backdate it
        raise SharingError(f"signed with a key of {key.org_id!r} revoked at {format_time(key.revoked_at)}: "
                           "everything signed with it is refused from then on", file=file)
    longest = max_validity(workspace)
    if opened.expires - created > longest:
        raise SharingError(f"claims to be valid for {(opened.expires - created).days} days; packages are accepted "
                           f"for at most {longest.days} (setting {MAX_VALIDITY_KEY})", file=file)
    if me not in opened.recipients:
        raise SharingError(f"is addressed to {', '.join(opened.recipients)}, not to us ({me})", file=file)
    # the flag is trusted only now, its signature verified: an exercise never mixes with real data
    refusal = isolation_refusal(exercise_name(workspace), opened.exercise)
    if refusal:
        raise SharingError(refusal, file=file)
    if now >= opened.expires:
        raise SharingError(f"expired at {format_time(opened.expires)}", file=file)
    if created > now + CLOCK_SKEW:
        raise SharingError(f"claims to be created at {format_time(created)}, in the future (check the clocks)",
                           file=file)
    row = workspace.sql.execute(
        "SELECT last_received_sequence, last_received_package FROM humanops_exchange_peers WHERE org_id = ?",
        (opened.sender,)).fetchone()
    last = int(row[0]) if row else 0
    sequence = opened.manifest["sequence"]
    if sequence <= last:
        what = "a replay of a package already imported" if row and row[1] == opened.package_id else \
            "older than one already imported"
        raise SharingError(f"is {what} from {opened.sender} (sequence {sequence}; the last accepted was {last}): "
                           "an older package never overwrites newer data", file=file)
    return {"signature": "valid", "signer": key.org_id, "fingerprint": format_fingerprint(fp),
            "recipients": opened.recipients, "created": opened.manifest["created"],
            "expires": opened.manifest["expires"], "sequence": sequence, "last_sequence": last,
            "highest_marking": opened.manifest["highest_marking"], "mode": opened.manifest["mode"],
            "exercise": opened.exercise}


def _check_counts(opened: OpenedPackage, layers: dict[str, LayerPayload], file: str) -> None:
    declared = opened.manifest["layers"]
    if set(declared) != set(layers):
        raise SharingError("the payload's layers differ from the manifest's", file=file)
    for name, payload in layers.items():
        deleted = payload.frame["_deleted"].to_numpy(dtype=bool)
        generalised = payload.frame["_generalised"].notna().to_numpy() & ~deleted
        counts = {"features": int((~deleted).sum()), "tombstones": int(deleted.sum()),
                  "generalised": int(generalised.sum())}
        if counts != declared[name]:
            raise SharingError(f"the payload holds {counts}, the manifest declares {declared[name]}",
                               file=file, layer=name)


# --- per-feature checks --------------------------------------------------------------------

class _Verdicts:
    """Per row of one layer: quarantine reason code and text (None while acceptable)."""

    def __init__(self, n: int) -> None:
        self.code = np.full(n, None, dtype=object)
        self.reason = np.full(n, None, dtype=object)
        self.keep_content = np.ones(n, dtype=bool)

    def set(self, mask: np.ndarray, code: str, reason: str | np.ndarray, *, keep_content: bool = True) -> None:
        mask = mask & pd.isna(self.code)
        if not mask.any():
            return
        self.code[mask] = code
        self.reason[mask] = reason if isinstance(reason, str) else reason[mask]
        if not keep_content:
            self.keep_content[mask] = False

    @property
    def ok(self) -> np.ndarray:
        return pd.isna(self.code)


_CANONICAL_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def _normalise_times(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """ISO times as stored (UTC, milliseconds, Z); mask of present-but-unreadable values.
    Times already in that form (all of them, from HumanOps) are kept as they are."""
    values = pd.Series(values.to_numpy(dtype=object), index=values.index, dtype=object)
    present = values.notna().to_numpy()
    canonical = values.where(present, "").astype(str).str.fullmatch(_CANONICAL_TIME).to_numpy(dtype=bool)
    odd = present & ~canonical
    if not odd.any():
        return values, np.zeros(len(values), dtype=bool)
    stamps = pd.to_datetime(values[odd], utc=True, errors="coerce", format="ISO8601")
    text = stamps.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str.slice(0, 23) + "Z"
    out = values.copy()
    out[odd] = text.where(stamps.notna(), None).to_numpy(dtype=object)
    unreadable = np.zeros(len(values), dtype=bool)
    unreadable[odd] = stamps.isna().to_numpy()
    return out, unreadable


def _matches(values: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    """Per row, whether the text matches; judged once per distinct value."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    ok = np.array([isinstance(u, str) and bool(pattern.match(u)) for u in uniques] + [False], dtype=bool)
    return ok[codes]


def _check_identity(frame: pd.DataFrame, sender: str, verdicts: _Verdicts) -> None:
    uuids = frame["uuid"]
    bad = ~_matches(uuids, _ID)
    verdicts.set(bad, "invalid_identity", "the uuid is not a valid identifier")
    # a proposal travels beside the version it is about: one of each per uuid at most
    dup = pd.Series(list(zip(uuids, frame["_proposed_by"].isna(), strict=True))).duplicated(keep=False).to_numpy()
    verdicts.set(dup, "duplicate_uuid", "the same uuid appears twice in the package")
    originator = frame["originator"].where(frame["originator"] != "", sender)
    bad_org = ~_matches(originator, _ID)
    verdicts.set(bad_org, "invalid_identity", "the originator is not an organisation id")
    frame["originator"] = originator
    for column in ("created", "modified"):
        frame[column], unreadable = _normalise_times(frame[column])
        verdicts.set(unreadable, "invalid_identity", f"{column} is not an ISO 8601 time")
    missing = frame["modified"].isna().to_numpy()
    verdicts.set(missing, "invalid_identity", "modified is missing")


def _check_authors(frame: pd.DataFrame, verdicts: _Verdicts) -> None:
    """Author, proposer and editors are organisation ids."""
    verdicts.set(~_matches(frame["_author"], _ID), "invalid_identity", "the author is not an organisation id")
    proposer = frame["_proposed_by"]
    verdicts.set(proposer.notna().to_numpy() & ~_matches(proposer, _ID), "invalid_identity",
                 "proposed_by is not an organisation id")
    editors = frame["_editors"].fillna("").astype(str)
    bad = np.array([any(not _ID.match(p) for p in e.split(",") if p) for e in editors], dtype=bool)
    verdicts.set(bad, "invalid_identity", "editors must be organisation ids")


def _check_markings(frame: pd.DataFrame, verdicts: _Verdicts) -> None:
    """Markings exactly as the format defines them; anything else is refused per feature."""
    keys = frame[["tlp", "releasable_to", "caveats", "expires", "precision"]].astype(object)
    joined = keys["tlp"].astype(str)
    for c in ("releasable_to", "caveats", "expires", "precision"):
        joined = joined + "\x1f" + keys[c].where(keys[c].notna(), "").astype(str)
    codes, uniques = pd.factorize(joined)
    verdict_of: list[str | None] = []
    for text in uniques:
        tlp, releasable, caveats, expires, precision = text.split("\x1f")
        reason = None
        if tlp not in TLP_VALUES:
            reason = f"unknown TLP value {tlp[:20]!r} (known: {', '.join(TLP_VALUES)})"
        elif any(c not in CAVEATS for c in caveats.split(",") if c):
            reason = "unknown caveat"
        elif any(not _PARTY.match(p) for p in releasable.split(",") if p):
            reason = "releasable_to holds something that is not an organisation or community id"
        else:
            try:
                Marking.from_columns({"tlp": tlp, "releasable_to": releasable or None, "caveats": caveats or None,
                                      "expires": expires or None, "precision": precision})
                if str(Precision.parse(precision)) != precision:
                    reason = f"precision {precision!r} is not in canonical form"
            except HumanOpsError as exc:
                reason = f"unknown marking value: {exc.reason}"
        verdict_of.append(reason)
    reasons = np.array([*verdict_of, None], dtype=object)[:-1][codes] if len(frame) else np.empty(0, object)
    verdicts.set(~pd.isna(reasons), "unknown_marking", reasons, keep_content=False)
    if len(frame):
        frame["expires"], _ = _normalise_times(frame["expires"])


def _check_policy(frame: pd.DataFrame, sender: str, me: str, directory: Any, now: datetime,
                  verdicts: _Verdicts, respect_aor: bool = False) -> np.ndarray:
    """The policy again, as if the sender exported to us (keeping to our area of
    responsibility when the sender said it did). Returns the live rows we hold only
    generalised."""
    live = ~frame["_deleted"].to_numpy(dtype=bool)
    judged = frame.assign(geometry=frame["_geom"]) if respect_aor else frame
    decisions = decide_many(judged, sender, me, directory, now, respect_aor=respect_aor)
    withheld = live & (decisions.action == WITHHOLD)
    reasons = np.array([f"not ours to hold: {r}" for r in decisions.reason], dtype=object)
    for code in set(decisions.reason_code[withheld]):
        verdicts.set(withheld & (decisions.reason_code == code), str(code), reasons, keep_content=False)
    generalised = frame["_generalised"].notna().to_numpy() & live
    must = live & (decisions.action == GENERALISE)
    required = np.array([str(p) if p is not None else None for p in decisions.precision], dtype=object)
    given = frame["_generalised"].to_numpy(dtype=object)
    wrong = must & (~generalised | (given != required))
    verdicts.set(wrong, "not_generalised", "we are entitled only to a generalised location, and this one is not "
                 "generalised as its marking requires", keep_content=False)
    return generalised


def _check_generalised(frame: pd.DataFrame, kind: LayerKind, grid_crs: str | None, mask: np.ndarray,
                       verdicts: _Verdicts) -> None:
    """Generalised features must really be: on the grid they claim, with no count under k."""
    from humanops.sharing.generalise import people_fields, people_measure

    rows = np.flatnonzero(mask & verdicts.ok)
    if not len(rows):
        return
    texts = frame["_generalised"].to_numpy(dtype=object)
    for text in set(texts[rows]):
        sel = rows[texts[rows] == text]
        try:
            precision = Precision.parse(text)
        except ValidationError:
            verdicts.set(_mask(len(frame), sel), "not_generalised", f"unknown generalisation {text!r}")
            continue
        if precision.mode == "exact":
            verdicts.set(_mask(len(frame), sel), "not_generalised", "marked generalised to 'exact'")
            continue
        if precision.mode == "grid":
            off = _off_grid(frame["_geom"].to_numpy(dtype=object)[sel], kind, grid_crs, precision.grid_m)
            verdicts.set(_mask(len(frame), sel[off]), "not_generalised",
                         f"not on the {precision.grid_m} m grid it claims", keep_content=False)
        if precision.k:
            small = np.zeros(len(sel), dtype=bool)
            for name in people_fields(kind):
                if name in frame.columns:
                    values = pd.to_numeric(frame[name].iloc[sel], errors="coerce").to_numpy(dtype=float)
                    small |= (values > 0) & (values < precision.k)
            measure = [f for f in people_measure(kind) if f in frame.columns]
            if measure:
                total = sum(pd.to_numeric(frame[f].iloc[sel], errors="coerce").fillna(0).to_numpy(dtype=float)
                            for f in measure)
                small |= total < precision.k
            verdicts.set(_mask(len(frame), sel[small]), "counts_under_k",
                         f"holds a count under k={precision.k}", keep_content=False)


def _mask(n: int, rows: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[rows] = True
    return out


def _off_grid(geoms: np.ndarray, kind: LayerKind, grid_crs: str | None, size: int | None) -> np.ndarray:
    """Which geometries are not on a grid of ``size`` metres in ``grid_crs`` (points at cell
    centres, other shapes with every vertex on a cell corner)."""
    import geopandas as gpd
    from pyproj import CRS

    if not grid_crs or not size:
        return np.ones(len(geoms), dtype=bool)
    try:
        crs = CRS.from_user_input(grid_crs)
        if not crs.is_projected:
            raise ValueError
        projected = np.asarray(gpd.GeoSeries(geoms, crs=4326).to_crs(crs).values, dtype=object)
    except Exception:
        return np.ones(len(geoms), dtype=bool)
    coords, index = shapely.get_coordinates(projected, return_index=True)
    offset = 0.5 if kind.geometry == "Point" else 0.0
    scaled = coords / float(size) - offset
    bad_coord = (np.abs(scaled - np.round(scaled)) * size > 0.05).any(axis=1)  # 5 cm: reprojection noise only
    out = np.zeros(len(geoms), dtype=bool)
    np.logical_or.at(out, index, bad_coord)
    return out


def _check_fields(frame: pd.DataFrame, payload: LayerPayload, kind: LayerKind, live: np.ndarray,
                  verdicts: _Verdicts) -> pd.DataFrame:
    """Kind validation of the live rows: returns the coerced field values (all rows)."""
    unknown = [f for f in payload.fields if f not in kind.field_names]
    for name in unknown:
        used = live & frame[name].notna().to_numpy()
        verdicts.set(used, "unknown_field", f"{name!r} is not a field of {kind.name} here")
    present = [f for f in payload.fields if f in kind.field_names]
    values, problems = validate_frame(kind, frame[present])
    for p in problems:
        if live[p.row]:
            verdicts.set(_mask(len(frame), np.array([p.row])), "invalid_field", f"field {p.field}: {p.reason}")
    return values


def _check_geometry(frame: pd.DataFrame, payload: LayerPayload, kind: LayerKind, live: np.ndarray,
                    verdicts: _Verdicts) -> np.ndarray:
    geoms = frame["_geom"].to_numpy(dtype=object).copy()
    verdicts.set(live & payload.bad_geometry, "invalid_geometry", "the geometry cannot be read (bad WKB)")
    target = {"Point": 0, "LineString": 1, "MultiPolygon": 6}[kind.geometry]
    candidates = np.flatnonzero(live & verdicts.ok)
    if not len(candidates):
        return geoms
    sub = geoms[candidates]
    ok = (shapely.get_type_id(sub) == target) & ~shapely.is_empty(sub) & ~shapely.has_z(sub)
    if ok.any():
        bounds = shapely.bounds(sub[ok])
        in_range = (np.isfinite(bounds).all(axis=1) & (bounds[:, 0] >= -180) & (bounds[:, 2] <= 180)
                    & (bounds[:, 1] >= -90) & (bounds[:, 3] <= 90))
        if target != 0:
            in_range &= shapely.is_valid(sub[ok])
        ok[np.flatnonzero(ok)] = in_range
    for i in candidates[~ok]:
        try:
            geoms[i], _ = conform_geometry(kind, geoms[i])
        except ValidationError as exc:
            verdicts.set(_mask(len(frame), np.array([i])), "invalid_geometry", exc.reason)
    return geoms


# --- merge classification ------------------------------------------------------------------

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


def _classify(workspace: Workspace, layer: str, frame: pd.DataFrame, ok: np.ndarray, generalised: np.ndarray,
              me: str, verdicts: _Verdicts, held_out: set[str]) -> np.ndarray:
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
            verdicts.set(_mask(n, np.array([i])), "generalised_over_exact",
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


# --- applying ------------------------------------------------------------------------------

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


def import_package(workspace: Workspace, path: str | Path, passphrase: str | UnlockedIdentity, *,
                   dry_run: bool = False, now: datetime | None = None,
                   feedback: Feedback | None = None) -> ImportResult:
    """Verify and merge one package (see the module docstring); all or nothing. ``passphrase``
    unlocks our keys, or is our identity already unlocked (the app's check, then import)."""
    feedback = feedback or Feedback()
    now = now or workspace_now(workspace)
    file = str(path)
    # a wrong passphrase is ours, not the package's fault
    identity = passphrase if isinstance(passphrase, UnlockedIdentity) else unlock(workspace, passphrase)
    me = identity.public.org_id
    opened: OpenedPackage | None = None
    try:
        feedback.progress(0.02, "reading")
        data = read_package_file(path)
        feedback.progress(0.05, "decrypting")
        opened = open_package(data, list(identity.age_identities), file=file)
        del data
        verification = _verify(workspace, opened, me, now, file)
        feedback.progress(0.2, "checking the payload")
        raw = payload_json(opened, file=file)
        layers, statement_entries, options = decode_package_payload(raw, file=file)
        check_payload(workspace.catalog, layers, file=file)
        del raw
        _check_counts(opened, layers, file)
        statements = verify_statements(workspace, statement_entries, file)
        verification["originator_statements"] = statements.summary()
        regression = audit.partner_head_regression(workspace, opened.sender, opened.manifest["audit_head"])
        if regression:
            verification["partner_audit_warning"] = regression
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # a decoding path the checks above missed: still a clean, recorded refusal
        refusal = SharingError(f"the payload cannot be decoded ({type(exc).__name__}: {str(exc)[:160]})", file=file)
        if not dry_run:
            _record_refusal(workspace, opened, file, refusal, now)
        raise refusal from None
    except SharingError as exc:
        if not dry_run:
            _record_refusal(workspace, opened, file, exc, now)
        raise
    signer = f"{opened.sender} {format_fingerprint(opened.sender_fingerprint)[:19]}"
    result = ImportResult(file, opened.package_id, opened.sender, opened.sender_fingerprint,
                          opened.manifest["created"], opened.manifest["sequence"], dry_run, verification)
    directory = load_directory(workspace)
    try:
        with workspace.transaction():
            db = workspace.sql
            ensure_tables(db)
            plans = []
            for index, (name, payload) in enumerate(sorted(layers.items())):
                feedback.progress(0.3 + 0.3 * index / max(1, len(layers)), f"checking {name}")
                plans.append(_plan_layer(workspace, name, payload, opened, me, directory, now, result, statements,
                                         respect_aor=options["respect_aor"]))
            if not dry_run:
                for index, plan in enumerate(plans):
                    feedback.progress(0.6 + 0.35 * index / max(1, len(plans)), f"merging {plan['layer']}")
                    _apply_layer(workspace, plan, opened, signer, now)
                store_statements(db, [s for s in statements.statements
                                      if s.statement_id in {x for p in plans for x in p.get("used_statements", ())}])
                # a statement no feature we hold still needs is dropped (each can be megabytes)
                db.execute("DELETE FROM humanops_statements WHERE statement_id NOT IN "
                           "(SELECT DISTINCT statement_id FROM humanops_signed_versions)")
                _record_success(workspace, opened, result, now)
                audit.remember_partner_head(workspace, opened.sender, opened.manifest["audit_head"],
                                            opened.package_id, now)
                audit.sign_head(workspace, identity)
            feedback.progress(1.0, "done")  # last chance to cancel: before the commit, never after
    except Canceled:
        raise  # the user stopped it: rolled back, nothing to record
    except (HumanOpsError, ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # the store refused something the checks let through: still all or nothing, and recorded
        message = exc.message if isinstance(exc, HumanOpsError) else f"{type(exc).__name__}: {str(exc)[:160]}"
        refusal = SharingError(f"refused while merging: {message}", file=file)
        if not dry_run:
            _record_refusal(workspace, opened, file, refusal, now)
        raise refusal from None
    return result


def _record_refusal(workspace: Workspace, opened: OpenedPackage | None, file: str, exc: SharingError,
                    now: datetime) -> None:
    with contextlib.suppress(HumanOpsError):  # recording the refusal must not hide the refusal itself
        audit.append(workspace, "refused_import", counterpart=opened.sender if opened else None,
                     package_id=opened.package_id if opened else None,
                     payload_sha256=opened.manifest["payload"]["sha256"] if opened else None, at=now,
                     detail={"file": Path(file).name, "reason": exc.reason})


def _plan_layer(workspace: Workspace, name: str, payload: LayerPayload, opened: OpenedPackage, me: str,
                directory: Any, now: datetime, result: ImportResult,
                statements: VerifiedStatements | None = None, *, respect_aor: bool = False) -> dict[str, Any]:
    frame = payload.frame
    n = len(frame)
    verdicts = _Verdicts(n)
    plan: dict[str, Any] = {"layer": name, "frame": frame, "verdicts": verdicts, "action": np.full(n, "", object)}
    if name not in workspace.catalog:
        verdicts.set(np.ones(n, dtype=bool), "unknown_layer", f"layer kind {name!r} is not known here")
    else:
        kind = workspace.kind(name)
        plan["kind"] = kind
        live = ~frame["_deleted"].to_numpy(dtype=bool)
        _check_identity(frame, opened.sender, verdicts)
        _check_authors(frame, verdicts)
        _check_markings(frame, verdicts)
        signed_marking = apply_restrictions(frame, verdicts)
        checked = verdicts.ok
        generalised = np.zeros(n, dtype=bool)
        if checked.any():
            generalised = _check_policy(frame, opened.sender, me, directory, now, verdicts, respect_aor)
            _check_generalised(frame, kind, payload.grid_crs, generalised, verdicts)
        plan["values"] = _check_fields(frame, payload, kind, live, verdicts)
        plan["geoms"] = _check_geometry(frame, payload, kind, live, verdicts)
        plan["hashes"], plan["statement_ids"] = check_signatures(
            name, frame, signed_marking, plan["values"], plan["geoms"], [f for f in payload.fields if f in
                                                                         kind.field_names],
            opened.sender, statements or VerifiedStatements(), verdicts)
        plan["proposal"], plan["disputed"] = check_authority(workspace, name, frame, signed_marking, me, verdicts)
        plan["signed_marking"] = signed_marking
        plan["generalised"] = generalised
        plan["held_generalised"] = set()
        plan["action"] = _classify(workspace, name, frame, verdicts.ok, generalised, me, verdicts,
                                   plan["held_generalised"])
    action = plan["action"]
    if "proposal" in plan:
        action[plan["proposal"] & verdicts.ok] = "proposal"
        action[plan["disputed"] & verdicts.ok] = "conflict"
    action[~verdicts.ok] = ""
    plan["used_statements"] = {s for s in plan.get("statement_ids", np.empty(0, object))[
        np.isin(action, ("insert", "update", "delete", "unchanged"))] if s}
    for what, label in (("insert", "inserted"), ("update", "updated"), ("delete", "deleted"),
                        ("unchanged", "unchanged"), ("stale", "stale"), ("conflict", "conflicts"),
                        ("ignore", "ignored"), ("proposal", "proposals")):
        result.count(name, label, int((action == what).sum()))
    bad = np.flatnonzero(~verdicts.ok)
    result.count(name, "quarantined", len(bad))
    for i in bad[:MAX_REPORTED]:
        result.quarantined.append({"layer": name, "uuid": frame["uuid"].iloc[i], "reason_code": verdicts.code[i],
                                   "reason": verdicts.reason[i]})
    for i in np.flatnonzero(action == "conflict"):
        result.conflicts.append({"layer": name, "uuid": frame["uuid"].iloc[i],
                                 "incoming_version": int(frame["version"].iloc[i])})
    return plan


def _apply_layer(workspace: Workspace, plan: dict[str, Any], opened: OpenedPackage, signer: str,
                 now: datetime) -> None:
    db = workspace.sql
    name, frame, verdicts, action = plan["layer"], plan["frame"], plan["verdicts"], plan["action"]
    stamp = format_time(now)
    bad = np.flatnonzero(~verdicts.ok)
    if len(bad):
        db.executemany(
            "INSERT INTO humanops_quarantine (at, package_id, sender, layer, uuid, version, reason_code, reason, "
            "feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(stamp, opened.package_id, opened.sender, name, str(frame["uuid"].iloc[i])[:64],
              int(frame["version"].iloc[i]), verdicts.code[i], verdicts.reason[i],
              json.dumps(feature_record(frame, int(i)) if verdicts.keep_content[i] else identity_record(frame, int(i))))
             for i in bad])
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
    _record_authority(workspace, plan, opened, applied, stamp)


def _record_authority(workspace: Workspace, plan: dict[str, Any], opened: OpenedPackage, applied: np.ndarray,
                      stamp: str) -> None:
    """What the authors signed of the versions we now hold (to forward them with their
    statements), the proposals received, and our own stricter markings re-applied."""
    from humanops.sharing.marking_ops import reapply_restrictions
    from humanops.sharing.proposals import store_received
    from humanops.sharing.records import feature_record

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
    from humanops.sharing.records import local_record

    db = workspace.sql
    uid = frame["uuid"].iloc[i]
    local = workspace.find_feature(kind.name, uid)
    local_doc = local_record(workspace, kind.name, uid, local)
    incoming = feature_record(frame, i)
    existing = db.execute("SELECT id FROM humanops_conflicts WHERE layer = ? AND uuid = ? AND status = 'open'",
                          (kind.name, uid)).fetchone()
    args = (stamp, opened.package_id, opened.sender, local_doc["version"], json.dumps(local_doc),
            int(frame["version"].iloc[i]), json.dumps(incoming))
    if existing:
        db.execute("UPDATE humanops_conflicts SET detected_at = ?, package_id = ?, sender = ?, local_version = ?, "
                   "local_feature = ?, incoming_version = ?, incoming_feature = ? WHERE id = ?", (*args, existing[0]))
    else:
        db.execute("INSERT INTO humanops_conflicts (detected_at, package_id, sender, local_version, local_feature, "
                   "incoming_version, incoming_feature, layer, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (*args, kind.name, uid))


def _record_success(workspace: Workspace, opened: OpenedPackage, result: ImportResult, now: datetime) -> None:
    db = workspace.sql
    stamp = format_time(now)
    db.insert_ignore("humanops_exchange_peers", ("org_id",), [(opened.sender,)])
    db.execute("UPDATE humanops_exchange_peers SET last_received_sequence = ?, last_received_package = ?, "
               "last_received_at = ? WHERE org_id = ?",
               (opened.manifest["sequence"], opened.package_id, stamp, opened.sender))
    audit.append(workspace, "import", counterpart=opened.sender, package_id=opened.package_id,
                 payload_sha256=opened.manifest["payload"]["sha256"], at=now,
                 counts={"layers": result.layers, "totals": result.totals(),
                         "markings": opened.manifest.get("markings") or {}},  # features per TLP, as sent
                 detail={"sequence": opened.manifest["sequence"], "file": Path(result.file).name,
                         "fingerprint": opened.sender_fingerprint,
                         "partner_audit_warning": result.verification.get("partner_audit_warning"),
                         "quarantined": [f"{q['layer']}:{q['uuid']}:{q['reason_code']}"
                                         for q in result.quarantined[:50]]})


def list_quarantine(workspace: Workspace, *, limit: int = 1000) -> list[dict[str, Any]]:
    if not workspace.sql.has_table("humanops_quarantine"):
        return []
    rows = workspace.sql.execute(
        "SELECT id, at, package_id, sender, layer, uuid, version, reason_code, reason FROM humanops_quarantine "
        "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    keys = ("id", "at", "package_id", "sender", "layer", "uuid", "version", "reason_code", "reason")
    return [dict(zip(keys, r, strict=True)) for r in rows]

