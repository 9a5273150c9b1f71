"""The audit log: an append-only, hash-chained record of what went to whom and came from whom.

Each entry's hash is SHA-256 over its canonical JSON (sorted keys, no whitespace, UTF-8)
followed by the previous entry's hash, so editing, removing or reordering any entry breaks
the chain from there on. The head (last seq and hash) is also kept in ``humanops_meta`` and
travels, signed, in every package we send, so a truncated tail is detected here and the
partners hold an anchor a local rewrite of the whole chain cannot match.
Entries are appended inside the transaction of the change they record (refusals in their own).

A local edit can still rewrite the whole chain consistently, or cut its tail and reset the
head. Two anchors outside the chain's own reach catch that:

- **signed heads** (``humanops_audit_heads``): whenever our key is unlocked (package export and
  import, writing a witness) the current head is signed with it. Without the passphrase nobody
  can make one, so a rewritten chain no longer matches them and a cut tail falls short of them.
- **witnesses**: what a partner's packages showed us of its log (``humanops_partner_audit_heads``)
  is written, signed with our key, into a witness file for that partner; it checks its own log
  against it (``humanops audit verify --witness FILE``). That catches even a rewrite that also
  removed our signed heads, because the partner's copy is out of the local editor's reach.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature

from humanops.errors import HumanOpsError, SharingError
from humanops.model.clock import workspace_now
from humanops.model.exercise import is_exercise
from humanops.model.marking import format_time, parse_time, utc_now
from humanops.sharing.canonical import canonical_json, loads_strict
from humanops.sharing.tables import ensure_tables
from humanops.store.atomic_files import atomic_write, write_text_atomic
from humanops.store.sql_dialect import AppTable, SqlLike, declare, sql_for
from humanops.store.workspace import Workspace

if TYPE_CHECKING:
    from humanops.sharing.keys import UnlockedIdentity

GENESIS = "0" * 64
ACTIONS = ("export", "import", "refused_import", "key", "partner", "conflict")
_HEAD_KEY = "audit_head"

# Domain prefixes: a signed head or a witness can never pass for a package, a card or each other.
HEAD_DOMAIN = b"humanops-audit-head/1\x00"
WITNESS_DOMAIN = b"humanops-audit-witness/1\x00"
WITNESS_VERSION = 1
MAX_WITNESS_BYTES = 16 * 1024 * 1024
_WITNESS_KEYS = {"humanops_audit_witness", "org", "fingerprint", "for_org", "created", "heads", "signature"}
_WITNESS_HEAD_KEYS = {"seq", "hash", "package_id", "received"}
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ORG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")  # as exchange-format.md section 4
_MAX_SEQ = 2**53  # what every JSON reader holds exactly

# Kept out of sharing/tables.py (owned elsewhere); created the same way, on first use, inside
# the caller's transaction, and registered in gpkg_contents so QGIS lists them too.
HEAD_TABLES: dict[str, AppTable] = {t.name: t for t in (
    AppTable("humanops_audit_heads", "HumanOps: our audit log heads, signed with our key", (
        "id ROWID", "org TEXT NOT NULL", "seq INTEGER NOT NULL", "hash TEXT NOT NULL", "fingerprint TEXT NOT NULL",
        "signed_at DATETIME NOT NULL", "signature TEXT NOT NULL")),
    # Every head a partner's package showed us, one row per package (not only the last):
    # a witness hands them all back, so a rewrite anywhere between two of them shows.
    AppTable("humanops_partner_audit_heads", "HumanOps: partners' audit log heads, as their packages showed them", (
        "id ROWID", "org TEXT NOT NULL", "package_id TEXT NOT NULL", "seq INTEGER NOT NULL", "hash TEXT NOT NULL",
        "received_at DATETIME NOT NULL"), constraints=("UNIQUE (org, package_id)",)),
)}
declare(HEAD_TABLES.values())


def ensure_head_tables(connection: SqlLike) -> None:
    """Create the signed-head and partner-head tables that are missing (inside a transaction)."""
    sql_for(connection).ensure_tables(HEAD_TABLES.values())


def _has_table(connection: SqlLike, name: str) -> bool:
    return sql_for(connection).has_table(name)


def _canonical(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(_canonical(entry) + prev_hash.encode("ascii")).hexdigest()


def append(workspace: Workspace, action: str, *, counterpart: str | None = None,
           package_id: str | None = None, payload_sha256: str | None = None,
           counts: dict[str, Any] | None = None, detail: dict[str, Any] | None = None,
           at: datetime | None = None) -> int:
    """Append one entry (in the caller's transaction, or its own); returns its seq."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if is_exercise(workspace):
        # An audit records when something really happened: the wall clock, never the exercise's
        # scenario clock (which can be paused, sped up or set back); the scenario time goes beside it.
        detail = {**(detail or {}), "exercise_time": format_time(workspace_now(workspace))}
        at = utc_now()
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        row = db.execute("SELECT seq, entry_hash FROM humanops_audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        entry = {
            "seq": seq, "at": format_time(at or utc_now()), "action": action,
            "counterpart": counterpart, "package_id": package_id, "payload_sha256": payload_sha256,
            "counts": counts or {}, "detail": detail,
        }
        digest = entry_hash(entry, prev)
        db.execute(
            "INSERT INTO humanops_audit (seq, at, action, counterpart, package_id, payload_sha256, counts, "
            "detail, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, entry["at"], action, counterpart, package_id, payload_sha256,
             json.dumps(entry["counts"], sort_keys=True),
             None if detail is None else json.dumps(detail, sort_keys=True),
             prev, digest))
        db.upsert("humanops_meta", {"key": _HEAD_KEY, "value": f"{seq}:{digest}"}, key=("key",))
    return seq


def head(workspace: Workspace) -> dict[str, Any]:
    value = workspace.get_meta(_HEAD_KEY)
    if not value:
        return {"seq": 0, "hash": GENESIS}
    seq, digest = value.split(":", 1)
    return {"seq": int(seq), "hash": digest}


@dataclass
class AuditReport:
    entries: int = 0
    first_bad_seq: int | None = None
    problems: list[str] = field(default_factory=list)
    signed_heads: int = 0  # our signed heads checked
    witness: dict[str, Any] | None = None  # set by verify_witness: whose witness, how many heads

    @property
    def ok(self) -> bool:
        return not self.problems

    def flag(self, seq: int, problem: str) -> None:
        """Record a problem; the first one found names the first entry in doubt."""
        if self.first_bad_seq is None:
            self.first_bad_seq = seq
        self.problems.append(problem)

    def to_dict(self) -> dict[str, Any]:
        doc = {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq,
               "problems": self.problems, "signed_heads": self.signed_heads}
        if self.witness is not None:
            doc["witness"] = self.witness
        return doc

    def summary(self) -> str:
        if self.ok:
            text = f"audit log intact: {self.entries} entries, hash chain verified"
            if self.signed_heads:
                text += f", {self.signed_heads} signed heads match"
            if self.witness is not None:
                text += (f", matches the {self.witness['heads']} heads {self.witness['org']} saw "
                         f"(witness of {self.witness['created']})")
            return text
        return f"audit log TAMPERED from entry {self.first_bad_seq}: " + "; ".join(self.problems[:5])


def _rows(workspace: Workspace) -> list[tuple]:
    db = workspace.sql
    if not db.has_table("humanops_audit"):
        return []
    return db.execute(
        "SELECT seq, at, action, counterpart, package_id, payload_sha256, counts, detail, prev_hash, "
        "entry_hash FROM humanops_audit ORDER BY seq").fetchall()


def verify_audit(workspace: Workspace) -> AuditReport:
    """Walk the chain; report the first entry that was edited, removed or moved. Then check the
    recorded head is the last entry, and every head we signed against the entry it covers."""
    report = AuditReport()
    prev = GENESIS
    expected_seq = 1

    def bad(seq: int, reason: str) -> None:
        report.flag(seq, f"entry {seq}: {reason}")

    rows = _rows(workspace)
    for seq, at, action, counterpart, package_id, payload, counts, detail, prev_hash, digest in rows:
        report.entries += 1
        if seq != expected_seq:
            bad(expected_seq if seq > expected_seq else seq,
                f"expected entry {expected_seq} here, found {seq} (removed or reordered)")
            break
        if prev_hash != prev:
            bad(seq, "does not follow the previous entry (removed or reordered)")
            break
        try:
            entry = {"seq": seq, "at": at, "action": action, "counterpart": counterpart,
                     "package_id": package_id, "payload_sha256": payload, "counts": json.loads(counts),
                     "detail": None if detail is None else json.loads(detail)}
        except (ValueError, TypeError):
            bad(seq, "is not readable (edited)")
            break
        if entry_hash(entry, prev_hash) != digest:
            bad(seq, "its content does not match its hash (edited)")
            break
        prev = digest
        expected_seq += 1
    if report.ok:
        last = expected_seq - 1
        anchor = head(workspace)
        if anchor["seq"] > last:
            bad(expected_seq, f"the log ends at entry {last} but its recorded head is entry "
                              f"{anchor['seq']} (entries removed from the end)")
        elif anchor["seq"] < last:
            # nothing is appended without moving the head: it was set back (a cut being hidden)
            bad(anchor["seq"] + 1, f"the recorded head was reset to entry {anchor['seq']} but the log goes on "
                                   f"to entry {last}")
        elif last and anchor["hash"] != prev:
            bad(last, "differs from the recorded head (the last entry was replaced)")
    _check_signed_heads(workspace, rows, report)
    return report


def _logged(rows: list[tuple]) -> dict[int, str]:
    """seq -> entry hash as stored (compared with anchors independently of the chain walk)."""
    return {row[0]: row[-1] for row in rows}


def _compare_anchors(report: AuditReport, logged: dict[int, str], anchors: list[tuple[int, str]], *,
                     beyond: Callable[[int, int], str], missing: Callable[[int], str],
                     differs: Callable[[int, int], str]) -> None:
    """Check (seq, hash) anchors against the log: each names an entry we must hold, unchanged.

    ``beyond(last, seq)``: the log was cut below an anchor; ``missing(seq)``: the entry is
    gone; ``differs(seq, matched)``: the entry was rewritten somewhere after entry ``matched``
    (the highest anchor below it that still matches) and at or before ``seq``.
    """
    last = max(logged, default=0)
    matched = 0
    rewritten: list[tuple[int, int]] = []
    for seq, digest in sorted(set(anchors)):
        if seq > last:
            continue
        held = GENESIS if seq == 0 else logged.get(seq)
        if held is None:
            report.flag(seq, missing(seq))
        elif held != digest:
            rewritten.append((seq, matched))
        else:
            matched = seq
    if rewritten:  # the lowest tells where; every later anchor differs as a consequence
        seq, below = rewritten[0]
        more = f" (and {len(rewritten) - 1} later heads differ)" if len(rewritten) > 1 else ""
        report.flag(below + 1, differs(seq, below) + more)
    highest = max((seq for seq, _ in anchors), default=0)
    if highest > last:
        report.flag(last + 1, beyond(last, highest))


def _our_signing_keys(workspace: Workspace) -> dict[str, str]:
    """fingerprint -> base64 signing key of every key we have had (current and rotated)."""
    db = workspace.sql
    if not _has_table(db, "humanops_identity"):
        return {}
    return dict(db.execute("SELECT fingerprint, signing_key FROM humanops_identity").fetchall())


def head_message(org: str, seq: int, digest: str) -> bytes:
    """The bytes a signed head signs (exchange-format.md section 13)."""
    return HEAD_DOMAIN + canonical_json({"org": org, "seq": seq, "hash": digest})


def _head_verifies(keys: dict[str, str], org: str, seq: int, digest: str, fp: str, signature: str) -> bool:
    from humanops.sharing.keys import public_key

    if fp not in keys:
        return False
    try:
        public_key(keys[fp]).verify(base64.b64decode(signature, validate=True), head_message(org, seq, digest))
    except (InvalidSignature, ValueError, TypeError, SharingError):
        return False
    return True


def _check_signed_heads(workspace: Workspace, rows: list[tuple], report: AuditReport) -> None:
    db = workspace.sql
    if not _has_table(db, "humanops_audit_heads"):
        return
    ours = workspace.organisation
    keys = _our_signing_keys(workspace)
    anchors: list[tuple[int, str]] = []
    for seq, org, digest, fp, signature in db.execute(
            "SELECT seq, org, hash, fingerprint, signature FROM humanops_audit_heads ORDER BY seq, id"):
        report.signed_heads += 1
        if not isinstance(seq, int) or org != ours or not _head_verifies(keys, org, seq, digest, fp, signature):
            # only the seq is named: the row's other text is not ours to print (it may be anything)
            report.flag(seq if isinstance(seq, int) else 0,
                        f"the signed head for entry {seq if isinstance(seq, int) else '?'} does not verify against "
                        "our keys (forged or altered)")
            continue
        anchors.append((seq, digest))
    _compare_anchors(
        report, _logged(rows), anchors,
        beyond=lambda last, seq: f"entries after {last} removed: a signed head covers entry {seq}",
        missing=lambda seq: f"entry {seq} removed: a signed head covers it",
        differs=lambda seq, below: (f"entry {seq} differs from the head we signed: the log was rewritten "
                                    + (f"after entry {below} and " if below else "") + f"at or before entry {seq}"))


def sign_head(workspace: Workspace, identity: UnlockedIdentity, *, at: datetime | None = None) -> None:
    """Sign our current head (the last entry's seq and hash) with our key and keep it in
    ``humanops_audit_heads``; ``verify_audit`` then refuses a log rewritten or cut below it.

    Call it whenever the key is unlocked, right after the audit entries of that operation are
    appended and inside the same transaction (it nests in the caller's ``workspace.transaction()``):
    package export and import do, and :func:`write_witness` does. An empty log, or a head
    already signed with this key, is left as it is.
    """
    org = identity.public.org_id
    if workspace.organisation and org != workspace.organisation:
        raise SharingError(f"the key is {org!r}'s but this workspace belongs to {workspace.organisation!r}",
                           file=str(workspace.path))
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        ensure_head_tables(db)
        row = db.execute("SELECT seq, entry_hash FROM humanops_audit ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return
        seq, digest = row
        fp = identity.public.fingerprint
        if db.execute("SELECT 1 FROM humanops_audit_heads WHERE seq = ? AND hash = ? AND fingerprint = ? "
                      "AND org = ?", (seq, digest, fp, org)).fetchone():
            return
        signature = base64.b64encode(identity.sign(head_message(org, seq, digest))).decode("ascii")
        db.execute("INSERT INTO humanops_audit_heads (org, seq, hash, fingerprint, signed_at, signature) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (org, seq, digest, fp, format_time(at or utc_now()), signature))


def signed_heads(workspace: Workspace) -> list[dict[str, Any]]:
    """Our signed heads, oldest entry first (for the app and reports)."""
    db = workspace.sql
    if not _has_table(db, "humanops_audit_heads"):
        return []
    rows = db.execute("SELECT seq, hash, fingerprint, signed_at FROM humanops_audit_heads ORDER BY seq, id")
    return [{"seq": r[0], "hash": r[1], "fingerprint": r[2], "signed_at": r[3]} for r in rows]


# --- partners' heads and witnesses ------------------------------------------------------------

def _check_head(head: Any, where: str, file: str | None = None) -> tuple[int, str]:
    if not isinstance(head, dict) or not {"seq", "hash"} <= set(head):
        raise SharingError("must be an object with seq and hash", file=file, field=where)
    seq, digest = head["seq"], head["hash"]
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 <= seq <= _MAX_SEQ:
        raise SharingError("must be an integer from 0", file=file, field=f"{where}.seq")
    if not isinstance(digest, str) or not _HEX64.match(digest):
        raise SharingError("must be 64 lowercase hex digits", file=file, field=f"{where}.hash")
    if seq == 0 and digest != GENESIS:
        raise SharingError("an empty log's head must be the genesis hash", file=file, field=f"{where}.hash")
    return seq, digest


def remember_partner_head(workspace: Workspace, org: str, head: dict[str, Any], package_id: str,
                          at: datetime) -> None:
    """Keep the audit head a partner's package showed us (``manifest["audit_head"]``), one row per
    package: a witness for that partner hands every one back. Runs in the caller's transaction."""
    if not isinstance(org, str) or not _ORG.match(org):
        raise SharingError(f"{str(org)[:70]!r} is not an organisation id", field="sender.org")
    if org == workspace.organisation:
        raise SharingError("our own audit head is not a partner's", field="sender.org")
    if not isinstance(package_id, str) or not 0 < len(package_id) <= 100:
        raise SharingError("must be a package id", field="package_id")
    if not isinstance(head, dict) or set(head) != {"seq", "hash"}:
        raise SharingError("must be an object with exactly seq and hash", field="audit_head")
    seq, digest = _check_head(head, "audit_head")
    with workspace.transaction():
        db = workspace.sql
        ensure_head_tables(db)
        # a package is imported once; if it is remembered again it showed the same head
        db.insert_ignore("humanops_partner_audit_heads", ("org", "package_id", "seq", "hash", "received_at"),
                         [(org, package_id, seq, digest, format_time(at))])


def partner_head_regression(workspace: Workspace, org: str, head: dict[str, Any]) -> str | None:
    """Why the head a partner shows now contradicts what its earlier packages showed, or None:
    a log that went back, or an entry that changed, means the partner's log was truncated or
    rewritten (or restored from a backup). Shown to the user and recorded, not refused."""
    seen = partner_heads(workspace, org)
    if not seen:
        return None
    latest = max(seen, key=lambda h: h["seq"])
    same = [h for h in seen if h["seq"] == head["seq"] and h["hash"] != head["hash"]]
    if same:
        return (f"{org}'s audit log changed: its entry {head['seq']} differs from what its package "
                f"{same[0]['package_id']} showed (rewritten)")
    if head["seq"] < latest["seq"]:
        return (f"{org}'s audit log went back from entry {latest['seq']} to entry {head['seq']} "
                "(truncated, or restored from a backup)")
    return None


def partner_heads(workspace: Workspace, org: str) -> list[dict[str, Any]]:
    """Every head ``org``'s packages showed us, in the order received."""
    db = workspace.sql
    if not _has_table(db, "humanops_partner_audit_heads"):
        return []
    rows = db.execute("SELECT seq, hash, package_id, received_at FROM humanops_partner_audit_heads "
                      "WHERE org = ? ORDER BY id", (org,))
    return [{"seq": r[0], "hash": r[1], "package_id": r[2], "received": r[3]} for r in rows]


def write_witness(workspace: Workspace, identity: UnlockedIdentity, for_org: str, out_path: str | Path,
                  now: datetime) -> dict[str, Any]:
    """Write, signed with our key, every audit head ``for_org``'s packages showed us, for it to check
    its own log against (``verify_witness`` on its side). Returns a summary for the CLI."""
    ours = identity.public.org_id
    if for_org == ours:
        raise SharingError("a witness is written for a partner, not for ourselves", field="for_org")
    heads = partner_heads(workspace, for_org)
    if not heads:
        raise SharingError(f"no package from {for_org!r} has shown us its audit head yet", field="for_org")
    doc: dict[str, Any] = {
        "humanops_audit_witness": WITNESS_VERSION,
        "org": ours,
        "fingerprint": identity.public.fingerprint,
        "for_org": for_org,
        "created": format_time(now),
        "heads": heads,
    }
    doc["signature"] = base64.b64encode(identity.sign(WITNESS_DOMAIN + canonical_json(doc))).decode("ascii")
    sign_head(workspace, identity, at=now)  # the key is unlocked: anchor our own log too
    out = Path(out_path)
    try:  # whole or not at all: a half-written witness would read as forged; made for sending: usual mode
        write_text_atomic(out, json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n", mode=None)
    except OSError as exc:
        raise SharingError(f"cannot write the witness ({exc.strerror})", file=str(out)) from None
    return {"file": str(out), "for_org": for_org, "heads": len(heads), "created": doc["created"],
            "highest_seq": max(h["seq"] for h in heads)}


def _read_witness(path: Path) -> tuple[dict[str, Any], datetime]:
    """The witness document as signed, and its creation time; SharingError for anything else."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_WITNESS_BYTES:
            raise SharingError(f"is {size} bytes: too large for an audit witness (limit {MAX_WITNESS_BYTES})",
                               file=file)
        with path.open("rb") as handle:
            raw = handle.read(MAX_WITNESS_BYTES + 1)
    except OSError as exc:
        raise SharingError(f"cannot read the audit witness ({exc.strerror})", file=file) from None
    if len(raw) > MAX_WITNESS_BYTES:  # grew since stat
        raise SharingError("too large for an audit witness", file=file)
    doc = loads_strict(raw, what="audit witness", file=file)
    if not isinstance(doc, dict) or "humanops_audit_witness" not in doc:
        raise SharingError("is not a HumanOps audit witness", file=file)
    version = doc["humanops_audit_witness"]
    if version != WITNESS_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > WITNESS_VERSION:
            raise SharingError(f"is an audit witness of a newer format ({version}); this HumanOps reads "
                               f"version {WITNESS_VERSION}", file=file)
        raise SharingError("is not a HumanOps audit witness", file=file, field="humanops_audit_witness")
    extra, missing = sorted(set(doc) - _WITNESS_KEYS), sorted(_WITNESS_KEYS - set(doc))
    if extra or missing:
        raise SharingError("unknown entry" if extra else "missing entry", file=file, field=(extra or missing)[0])
    for key in ("org", "for_org"):
        if not isinstance(doc[key], str) or not _ORG.match(doc[key]):
            raise SharingError("must be an organisation id", file=file, field=key)
    for key in ("fingerprint", "created", "signature"):
        if not isinstance(doc[key], str):
            raise SharingError("must be text", file=file, field=key)
    if not _HEX64.match(doc["fingerprint"]):
        raise SharingError("must be 64 lowercase hex digits", file=file, field="fingerprint")
    if not isinstance(doc["heads"], list) or not doc["heads"]:
        raise SharingError("must be a non-empty list of audit heads", file=file, field="heads")
    for i, item in enumerate(doc["heads"]):
        where = f"heads[{i}]"
        if not isinstance(item, dict) or set(item) != _WITNESS_HEAD_KEYS:
            raise SharingError("must be an object with seq, hash, package_id and received", file=file, field=where)
        _check_head(item, where, file)
        if not isinstance(item["package_id"], str) or not isinstance(item["received"], str):
            raise SharingError("package_id and received must be text", file=file, field=where)
    try:
        created = parse_time(doc["created"], field="created")
    except HumanOpsError as exc:
        raise SharingError(exc.reason, file=file, field="created") from None
    if created is None:
        raise SharingError("must be a date and time", file=file, field="created")
    return doc, created


def _verify_witness_signature(workspace: Workspace, doc: dict[str, Any], created: datetime, file: str) -> None:
    from humanops.sharing.directory_store import key_by_fingerprint
    from humanops.sharing.keys import format_fingerprint, public_key

    fp = doc["fingerprint"]
    key = key_by_fingerprint(workspace, fp)
    if key is None:
        raise SharingError(f"the witness is signed by a key not in our partner directory ({format_fingerprint(fp)})",
                           file=file, field="fingerprint")
    if key.org_id != doc["org"]:
        raise SharingError(f"the witness's key belongs to {key.org_id!r}, not {doc['org']!r}", file=file,
                           field="fingerprint")
    if doc["org"] == workspace.organisation:
        raise SharingError("the witness was made by us: only a partner's witness anchors our log", file=file,
                           field="org")
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        signature = base64.b64decode(doc["signature"], validate=True)
        public_key(key.signing_key).verify(signature, WITNESS_DOMAIN + canonical_json(body))
    except (InvalidSignature, ValueError):
        raise SharingError(f"the witness's signature does not verify against {doc['org']}'s key: it was altered "
                           "or is forged", file=file, field="signature") from None
    if key.revoked_for(created):
        raise SharingError(f"the witness is signed with a key of {doc['org']!r} revoked before it was made",
                           file=file, field="fingerprint")


def verify_witness(workspace: Workspace, path: str | Path) -> AuditReport:
    """Check our log against a partner's witness of it: every head it saw must be in our log,
    with exactly that hash, and the chain (with our own signed heads) intact. A malformed,
    forged or misaddressed witness raises SharingError naming the file."""
    path = Path(path)
    file = str(path)
    doc, created = _read_witness(path)
    _verify_witness_signature(workspace, doc, created, file)
    ours = workspace.organisation
    if doc["for_org"] != ours:
        raise SharingError(f"the witness is for {doc['for_org']!r}, not for us ({ours!r})", file=file,
                           field="for_org")
    witness = doc["org"]
    report = verify_audit(workspace)
    # the comparison must go on after a chain problem: it says what the partner saw
    _compare_anchors(
        report, _logged(_rows(workspace)), [(h["seq"], h["hash"]) for h in doc["heads"]],
        beyond=lambda last, seq: f"our log ends at entry {last} but {witness} saw entry {seq}",
        missing=lambda seq: f"entry {seq} is missing but {witness} saw it",
        differs=lambda seq, below: f"entry {seq} differs from what {witness} saw (rewritten"
                                   + (f" after entry {below})" if below else ")"))
    report.witness = {"file": file, "org": witness, "created": format_time(created),
                      "heads": len(doc["heads"]), "highest_seq": max(h["seq"] for h in doc["heads"])}
    return report


def entries(workspace: Workspace) -> list[dict[str, Any]]:
    out = []
    for seq, at, action, counterpart, package_id, payload, counts, detail, _, digest in _rows(workspace):
        out.append({"seq": seq, "at": at, "action": action, "counterpart": counterpart,
                    "package_id": package_id, "payload_sha256": payload, "counts": json.loads(counts or "{}"),
                    "detail": json.loads(detail) if detail else None, "entry_hash": digest})
    return out


_COLUMNS = ("seq", "at", "action", "counterpart", "package_id", "payload_sha256", "counts", "detail")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def audit_report(workspace: Workspace, out: str | Path) -> dict[str, Any]:
    """Write what went to whom as CSV or HTML (by the file's suffix); returns a summary."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".html", ".htm"):
        raise SharingError("the audit report must be .csv or .html", file=str(out))
    rows = entries(workspace)
    verdict = verify_audit(workspace)
    # it names partners: owner-only (0600), and whole or not at all (humanops.store.atomic_files)
    if suffix == ".csv":
        with atomic_write(out) as tmp, tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(_COLUMNS)
            for row in rows:
                # a leading = + - @ would be a formula in a spreadsheet: quote it as text
                writer.writerow([_safe_csv(_cell(row[c])) for c in _COLUMNS])
    else:
        head_cells = "".join(f"<th>{html.escape(c)}</th>" for c in _COLUMNS)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row[c]))}</td>" for c in _COLUMNS) + "</tr>"
            for row in rows)
        status = html.escape(verdict.summary())
        title = html.escape(f"HumanOps audit report: {workspace.organisation or workspace.path.name}")
        write_text_atomic(
            out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{title}</title><style>table{{border-collapse:collapse}}td,th{{border:1px solid #999;"
            "padding:2px 6px;font:12px sans-serif;vertical-align:top}}</style></head><body>"
            f"<h1>{title}</h1><p>{status}</p><table><thead><tr>{head_cells}</tr></thead><tbody>\n"
            f"{body}\n</tbody></table></body></html>\n")
    return {"file": str(out), "entries": len(rows), "chain_ok": verdict.ok}


def _safe_csv(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
