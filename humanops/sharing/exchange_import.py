"""Import: verify a package completely, re-check every feature, then merge all or nothing.

:func:`import_package` runs the steps, each in a module of its own:

1. the package (:mod:`~humanops.sharing.import_verify`): marker and size → decryption with our
   keys → container and manifest schema (:mod:`~humanops.sharing.package_format`) → signer,
   signature, recipients, validity, exercise isolation, sequence → payload hash → bounded
   decompression → payload structure (:mod:`~humanops.sharing.payload_checks`) and declared
   counts. Each refusal is a SharingError naming the file and what failed, recorded in the
   audit log as ``refused_import`` in its own transaction; the workspace is otherwise untouched.
2. feature by feature (:mod:`~humanops.sharing.import_checks`, and
   :mod:`~humanops.sharing.import_authority` for the authors' signatures and the authority
   rule): what fails is quarantined (:mod:`~humanops.sharing.import_quarantine`) and reported,
   never merged; proposals are kept for a person to decide;
3. the merge (:mod:`~humanops.sharing.import_merge`): by uuid and revision, newer replaces,
   stale is ignored, concurrent becomes a conflict; provenance (package, signer) on every
   feature written.

Everything is written in one transaction with the audit entry.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from humanops.errors import HumanOpsError, SharingError
from humanops.feedback import Canceled, Feedback
from humanops.model.clock import workspace_now
from humanops.model.marking import format_time
from humanops.sharing import audit
from humanops.sharing.directory_store import load_directory
from humanops.sharing.import_authority import (
    VerifiedStatements,
    apply_restrictions,
    check_authority,
    check_signatures,
    verify_statements,
)
from humanops.sharing.import_checks import (
    Verdicts,
    check_authors,
    check_fields,
    check_generalised,
    check_geometry,
    check_identity,
    check_markings,
    check_policy,
)
from humanops.sharing.import_merge import apply_layer, classify
from humanops.sharing.import_quarantine import list_quarantine
from humanops.sharing.import_verify import check_counts, verify_package
from humanops.sharing.keys import UnlockedIdentity, format_fingerprint, unlock
from humanops.sharing.originator_signatures import store_statements
from humanops.sharing.package_format import OpenedPackage, open_package, payload_json, read_package_file
from humanops.sharing.payload_checks import check_payload
from humanops.sharing.payload_codec import LayerPayload, decode_package_payload
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

__all__ = ["ImportResult", "import_package", "list_quarantine"]  # list_quarantine: its home is import_quarantine

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
        verification = verify_package(workspace, opened, me, now, file)
        feedback.progress(0.2, "checking the payload")
        raw = payload_json(opened, file=file)
        layers, statement_entries, options = decode_package_payload(raw, file=file)
        check_payload(workspace.catalog, layers, file=file)
        del raw
        check_counts(opened, layers, file)
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
                    apply_layer(workspace, plan, opened, signer, now)
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
    """One layer's plan: every row checked (import_checks, import_authority), what passes classified
    against what we hold (import_merge.classify), the counts and quarantine reasons added to ``result``."""
    frame = payload.frame
    n = len(frame)
    verdicts = Verdicts(n)
    plan: dict[str, Any] = {"layer": name, "frame": frame, "verdicts": verdicts, "action": np.full(n, "", object)}
    if name not in workspace.catalog:
        verdicts.set(np.ones(n, dtype=bool), "unknown_layer", f"layer kind {name!r} is not known here")
    else:
        kind = workspace.kind(name)
        plan["kind"] = kind
        live = ~frame["_deleted"].to_numpy(dtype=bool)
        check_identity(frame, opened.sender, verdicts)
        check_authors(frame, verdicts)
        check_markings(frame, verdicts)
        signed_marking = apply_restrictions(frame, verdicts)
        checked = verdicts.ok
        generalised = np.zeros(n, dtype=bool)
        if checked.any():
            generalised = check_policy(frame, opened.sender, me, directory, now, verdicts, respect_aor)
            check_generalised(frame, kind, payload.grid_crs, generalised, verdicts)
        plan["values"] = check_fields(frame, payload, kind, live, verdicts)
        plan["geoms"] = check_geometry(frame, payload, kind, live, verdicts)
        plan["hashes"], plan["statement_ids"] = check_signatures(
            name, frame, signed_marking, plan["values"], plan["geoms"], [f for f in payload.fields if f in
                                                                         kind.field_names],
            opened.sender, statements or VerifiedStatements(), verdicts)
        plan["proposal"], plan["disputed"] = check_authority(workspace, name, frame, signed_marking, me, verdicts)
        plan["signed_marking"] = signed_marking
        plan["generalised"] = generalised
        plan["held_generalised"] = set()
        plan["action"] = classify(workspace, name, frame, verdicts.ok, generalised, me, verdicts,
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
