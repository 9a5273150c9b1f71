"""The audit log: an append-only, hash-chained record of what went to whom and came from whom.

Each entry's hash is SHA-256 over its canonical JSON (sorted keys, no whitespace, UTF-8)
followed by the previous entry's hash, so editing, removing or reordering any entry breaks
the chain from there on. The head (last seq and hash) is also kept in ``humanops_meta`` and
travels, signed, in every package we send, so a truncated tail is detected here and the
partners hold an anchor a local rewrite of the whole chain cannot match.
Entries are appended inside the transaction of the change they record (refusals in their own).
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from humanops.errors import SharingError
from humanops.model.marking import format_time, utc_now
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

GENESIS = "0" * 64
ACTIONS = ("export", "import", "refused_import", "key", "partner", "conflict")
_HEAD_KEY = "audit_head"


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
    with workspace.transaction() as db:
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
        db.execute("INSERT OR REPLACE INTO humanops_meta VALUES (?, ?)", (_HEAD_KEY, f"{seq}:{digest}"))
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

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq,
                "problems": self.problems}

    def summary(self) -> str:
        if self.ok:
            return f"audit log intact: {self.entries} entries, hash chain verified"
        return f"audit log TAMPERED from entry {self.first_bad_seq}: " + "; ".join(self.problems[:5])


def _rows(workspace: Workspace) -> list[tuple]:
    db = workspace.connection
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'humanops_audit'").fetchone():
        return []
    return db.execute(
        "SELECT seq, at, action, counterpart, package_id, payload_sha256, counts, detail, prev_hash, "
        "entry_hash FROM humanops_audit ORDER BY seq").fetchall()


def verify_audit(workspace: Workspace) -> AuditReport:
    """Walk the chain; report the first entry that was edited, removed or moved."""
    report = AuditReport()
    prev = GENESIS
    expected_seq = 1

    def bad(seq: int, reason: str) -> None:
        if report.first_bad_seq is None:
            report.first_bad_seq = seq
        report.problems.append(f"entry {seq}: {reason}")

    for seq, at, action, counterpart, package_id, payload, counts, detail, prev_hash, digest in _rows(workspace):
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
        anchor = head(workspace)
        if anchor["seq"] != expected_seq - 1 or (anchor["seq"] and anchor["hash"] != prev):
            bad(expected_seq, f"the log ends at entry {expected_seq - 1} but its recorded head is entry "
                              f"{anchor['seq']} (entries removed from the end)")
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
    if suffix == ".csv":
        with out.open("w", newline="", encoding="utf-8") as handle:
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
        out.write_text(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{title}</title><style>table{{border-collapse:collapse}}td,th{{border:1px solid #999;"
            "padding:2px 6px;font:12px sans-serif;vertical-align:top}}</style></head><body>"
            f"<h1>{title}</h1><p>{status}</p><table><thead><tr>{head_cells}</tr></thead><tbody>\n"
            f"{body}\n</tbody></table></body></html>\n", encoding="utf-8")
    return {"file": str(out), "entries": len(rows), "chain_ok": verdict.ok}


def _safe_csv(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
