"""``humanops keys|partners|package|conflicts|audit``: identity, directory, exchange, audit.

Passphrases come from ``--passphrase-file`` or ``$HUMANOPS_PASSPHRASE`` (a terminal is
prompted); a refused package, a wrong passphrase or a tampered audit log exits 1 with one line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from humanops.commands.common import (
    action_group,
    emit,
    emit_rows,
    finish_command,
    open_workspace,
    passphrase,
)
from humanops.errors import SharingError, UsageError


def register(sub: argparse._SubParsersAction) -> None:
    _register_keys(sub)
    _register_partners(sub)
    _register_package(sub)
    _register_conflicts(sub)
    _register_audit(sub)


def _register_keys(sub: argparse._SubParsersAction) -> None:
    keys = action_group(sub, "keys", "our organisation's signing and encryption keys")
    p = keys.add_parser("init", help="make our keys (private keys encrypted with the passphrase)")
    p.add_argument("--org", required=True, help="our organisation id, e.g. ocha")
    p.add_argument("--name", required=True, help="our organisation's name")
    p.add_argument("--acronym", default="", help="short name")
    p.add_argument("--community", action="append", default=[], metavar="ID",
                   help="a community (sharing group) we belong to; repeat for several")
    p.add_argument("--area", metavar="GEOJSON", help="our area of responsibility (a GeoJSON polygon file)")
    finish_command(p, run_keys_init, passphrase=True)
    p = keys.add_parser("show", help="our fingerprint and key history")
    finish_command(p, run_keys_show)
    p = keys.add_parser("card", help="write our contact card (public keys, signed) for partners")
    p.add_argument("out", help="card file to write, e.g. ocha.card.json")
    finish_command(p, run_keys_card, passphrase=True)
    p = keys.add_parser("rotate", help="new keys; the old public key stays, revoked now, to verify older packages")
    finish_command(p, run_keys_rotate, passphrase=True)


def _register_partners(sub: argparse._SubParsersAction) -> None:
    partners = action_group(sub, "partners", "the partner directory")
    p = partners.add_parser("add", help="add (or update) a partner from its contact card")
    p.add_argument("card", help="the partner's contact card file")
    p.add_argument("--replace-key", action="store_true",
                   help="accept a new key for a known partner (after checking its fingerprint with them)")
    finish_command(p, run_partners_add)
    p = partners.add_parser("list", help="organisations, fingerprints, communities, key status")
    finish_command(p, run_partners_list)
    p = partners.add_parser("revoke", help="revoke a partner's keys: its packages signed from then on are refused")
    p.add_argument("org", help="organisation id")
    p.add_argument("--at", metavar="ISO", help="revocation time (default: now), e.g. when the key was lost")
    finish_command(p, run_partners_revoke)


def _register_package(sub: argparse._SubParsersAction) -> None:
    package = action_group(sub, "package", "exchange packages (.hopx): export to partners, import from them")
    p = package.add_parser("export", help="preview, then write a signed, encrypted package")
    p.add_argument("--to", action="append", required=True, metavar="ORG", help="recipient; repeat for several")
    p.add_argument("--out", required=True, metavar="FILE", help="package file to write (.hopx)")
    p.add_argument("--full", action="store_true", help="everything, not only changes since the last package")
    p.add_argument("--dry-run", action="store_true", help="only show what would go to each recipient")
    p.add_argument("--include-roads", action="store_true",
                   help="include layers not exchanged by default (the road network)")
    p.add_argument("--layer", action="append", metavar="KIND", help="only these layers; repeat for several")
    p.add_argument("--valid-days", type=int, default=30, help="days until the package expires (default 30)")
    p.add_argument("--respect-aor", action="store_true",
                   help="send only features inside each recipient's area of responsibility")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    finish_command(p, run_package_export, passphrase=True)
    p = package.add_parser("import", help="verify a package and merge it (all or nothing)")
    p.add_argument("file", help="package file (.hopx)")
    p.add_argument("--dry-run", action="store_true", help="verify and report, change nothing")
    finish_command(p, run_package_import, passphrase=True)
    p = package.add_parser("quarantine", help="received features refused by the sharing rules or validation")
    finish_command(p, run_package_quarantine)
    p = package.add_parser("max-validity", help="show or set the longest validity a package may claim, in days "
                                                "(ours are refused longer, partners' too; default 90)")
    p.add_argument("days", nargs="?", type=int, help="new limit, 1 to 3650")
    finish_command(p, run_package_max_validity)


def _register_conflicts(sub: argparse._SubParsersAction) -> None:
    conflicts = action_group(sub, "conflicts", "concurrent edits waiting for a decision")
    p = conflicts.add_parser("list", help="open conflicts and what differs")
    finish_command(p, run_conflicts_list)
    p = conflicts.add_parser("resolve", help="keep our version or theirs (optionally with fields changed)")
    p.add_argument("uuid", help="feature uuid (or conflict id)")
    p.add_argument("--keep", required=True, choices=("mine", "theirs"))
    p.add_argument("--layer", help="layer kind, if the uuid is in conflict in several layers")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="change a field of the kept version (merge by hand); repeat for several")
    finish_command(p, run_conflicts_resolve)


def _register_audit(sub: argparse._SubParsersAction) -> None:
    audit = action_group(sub, "audit", "the hash-chained log of what went to whom")
    p = audit.add_parser("verify", help="check the hash chain and our signed heads: exit 1 if any entry was "
                                        "edited, removed or moved")
    p.add_argument("--witness", metavar="FILE",
                   help="also check our log against what a partner saw of it (a witness file it sent us)")
    finish_command(p, run_audit_check)
    p = audit.add_parser("witness", help="write, signed, what a partner's packages showed us of its audit log, "
                                         "for it to check its own log against")
    p.add_argument("--for", dest="for_org", required=True, metavar="ORG", help="the partner the witness is for")
    p.add_argument("--out", required=True, metavar="FILE", help="witness file to write, e.g. medaid.witness.json")
    finish_command(p, run_audit_witness, passphrase=True)
    p = audit.add_parser("report", help="the sharing report for a protocol review (HTML or PDF, by the suffix): "
                                        "per partner and period what was sent, received, withheld, quarantined "
                                        "and refused, and why; OUT.csv writes the raw log")
    p.add_argument("out", help="report file (.html or .pdf), or .csv for the raw log")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day (or moment, ISO 8601) of the period")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day (or moment) of the period, included")
    p.add_argument("--csv", metavar="FILE", help="also write the raw log (every entry, with its hashes) as CSV")
    finish_command(p, run_audit_report)


# --- keys -------------------------------------------------------------------------------------

def _read_area(path: str) -> Any:
    import json

    import shapely
    from shapely.geometry import shape

    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if doc.get("type") == "FeatureCollection":
            geoms = [shape(f["geometry"]) for f in doc["features"]]
            return shapely.union_all(geoms)
        return shape(doc["geometry"] if doc.get("type") == "Feature" else doc)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SharingError(f"not a GeoJSON polygon ({exc})", file=path) from None


def _identity_doc(public: Any) -> dict[str, Any]:
    from humanops.model.marking import format_time
    from humanops.sharing.keys import format_fingerprint

    return {"org_id": public.org_id, "fingerprint": format_fingerprint(public.fingerprint),
            "signing_key": public.signing_key, "encryption_key": public.encryption_key,
            "created": format_time(public.created)}


def run_keys_init(args: argparse.Namespace) -> int:
    from humanops.sharing.directory_store import set_own_details
    from humanops.sharing.keys import init_identity

    area = _read_area(args.area) if args.area else None
    with open_workspace(args, team_database=True) as ws:
        public = init_identity(ws, args.org, args.name, passphrase(args, confirm=True), acronym=args.acronym,
                               communities=tuple(args.community))
        if area is not None:
            set_own_details(ws, area=area)
    doc = _identity_doc(public)
    emit(args, doc, lambda d: f"keys made for {d['org_id']}\nfingerprint: {d['fingerprint']}\n"
                              "give partners your card (humanops keys card FILE) and read them this fingerprint")
    return 0


def run_keys_show(args: argparse.Namespace) -> int:
    from humanops.sharing.keys import format_fingerprint, key_history, own_identity

    with open_workspace(args, team_database=True) as ws:
        doc = _identity_doc(own_identity(ws))
        doc["history"] = [{**k, "fingerprint": format_fingerprint(str(k["fingerprint"]))} for k in key_history(ws)]
    emit(args, doc, lambda d: f"{d['org_id']}  fingerprint {d['fingerprint']}\n" + "\n".join(
        f"  {k['fingerprint']}  from {k['created']}" + (f"  revoked {k['revoked_at']}" if k["revoked_at"] else "")
        for k in d["history"]))
    return 0


def run_keys_card(args: argparse.Namespace) -> int:
    from humanops.sharing.cards import write_card

    with open_workspace(args, team_database=True) as ws:
        card = write_card(ws, args.out, passphrase(args))
    doc = {"file": args.out, **card.to_dict()}
    emit(args, doc, lambda d: f"wrote {d['file']} for {d['org_id']}; fingerprint {d['fingerprint']}")
    return 0


def run_keys_rotate(args: argparse.Namespace) -> int:
    from humanops.sharing.keys import rotate_keys

    with open_workspace(args, team_database=True) as ws:
        public = rotate_keys(ws, passphrase(args))
    doc = _identity_doc(public)
    emit(args, doc, lambda d: f"new keys for {d['org_id']}; fingerprint {d['fingerprint']}\n"
                              "send partners your new card (humanops keys card FILE)")
    return 0


# --- partners ---------------------------------------------------------------------------------

def run_partners_add(args: argparse.Namespace) -> int:
    from humanops.sharing.cards import add_partner_from_card

    with open_workspace(args, team_database=True) as ws:
        added = add_partner_from_card(ws, args.card, replace_key=args.replace_key)
    doc = added.to_dict()
    emit(args, doc, lambda d: f"{d['status']}: {d['org_id']} ({d['name']})"
                              + (f", communities {', '.join(d['communities'])}" if d["communities"] else "")
                              + f"\nfingerprint: {d['fingerprint']}\n"
                              "check this fingerprint with them by phone or in person before you rely on it")
    return 0


def run_partners_list(args: argparse.Namespace) -> int:
    from humanops.sharing.directory_store import list_partners

    with open_workspace(args, team_database=True) as ws:
        rows = list_partners(ws)

    def line(p: dict[str, Any]) -> str:
        me = " (us)" if p["self"] else ""
        return (f"{p['org_id']:<16} {p['status']:<8} {p['fingerprint'] or '-'}  {p['name']}{me}"
                + (f"  [{', '.join(p['communities'])}]" if p["communities"] else ""))

    emit_rows(args, "partners", rows, line, "no partners yet (humanops partners add CARD)")
    return 0


def run_partners_revoke(args: argparse.Namespace) -> int:
    from humanops.model.clock import workspace_now
    from humanops.model.marking import format_time, parse_time
    from humanops.sharing.directory_store import revoke_partner

    with open_workspace(args, team_database=True) as ws:
        at = parse_time(args.at, field="--at") if args.at else workspace_now(ws)
        n = revoke_partner(ws, args.org, at=at)
    doc = {"org_id": args.org, "revoked_keys": n, "at": format_time(at)}
    emit(args, doc, lambda d: f"revoked {d['revoked_keys']} key(s) of {d['org_id']} from {d['at']}")
    return 0


# --- packages ---------------------------------------------------------------------------------

def run_package_export(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from humanops.sharing.exchange_export import export_package, preview_export

    if args.valid_days < 1:
        raise UsageError("--valid-days must be at least 1")
    layers = args.layer or None
    with open_workspace(args, team_database=True) as ws:
        if args.dry_run:
            preview = preview_export(ws, args.to, full=args.full, layers=layers, include_roads=args.include_roads,
                                     respect_aor=args.respect_aor)
            emit(args, {"dry_run": True, "preview": preview.to_dict()}, lambda _: preview.summary())
            return 0
        result = export_package(ws, args.to, args.out, passphrase(args), full=args.full, layers=layers,
                                include_roads=args.include_roads, valid_for=timedelta(days=args.valid_days),
                                respect_aor=args.respect_aor, overwrite=args.overwrite)
    emit(args, result.to_dict(), lambda _: result.preview.summary() + f"\nwrote {result.path} "
         f"({result.bytes} bytes, package {result.package_id}, sequence {result.sequence})")
    return 0


def run_package_import(args: argparse.Namespace) -> int:
    from humanops.sharing.exchange_import import import_package

    with open_workspace(args, team_database=True) as ws:
        result = import_package(ws, args.file, passphrase(args), dry_run=args.dry_run)
    emit(args, result.to_dict(), lambda _: result.summary())
    return 0


def run_package_quarantine(args: argparse.Namespace) -> int:
    from humanops.sharing.import_quarantine import list_quarantine

    with open_workspace(args, team_database=True) as ws:
        rows = list_quarantine(ws)
    emit_rows(args, "quarantined", rows,
              lambda q: f"{q['at']}  {q['sender']:<12} {q['layer']:<12} {q['uuid']}  {q['reason_code']}: {q['reason']}",
              "nothing quarantined")
    return 0


def run_package_max_validity(args: argparse.Namespace) -> int:
    from humanops.sharing.import_verify import MAX_VALIDITY_KEY, max_validity

    with open_workspace(args, team_database=True) as ws:
        if args.days is not None:
            if not 1 <= args.days <= 3650:
                raise UsageError("the limit is 1 to 3650 days")
            ws.set_meta(MAX_VALIDITY_KEY, str(args.days))
        doc = {"max_validity_days": max_validity(ws).days}
    emit(args, doc, lambda d: f"packages may claim at most {d['max_validity_days']} days of validity")
    return 0


# --- conflicts --------------------------------------------------------------------------------

def run_conflicts_list(args: argparse.Namespace) -> int:
    from humanops.sharing.conflicts import list_conflicts, summary

    with open_workspace(args, team_database=True) as ws:
        rows = [summary(c) for c in list_conflicts(ws)]
    emit_rows(args, "conflicts", rows, lambda c: (
        f"{c['layer']:<12} {c['uuid']}  from {c['sender']}: mine v{c['mine']['version']}"
        f"{' (deleted)' if c['mine']['deleted'] else ''}, theirs v{c['theirs']['version']}"
        f"{' (deleted)' if c['theirs']['deleted'] else ''}; differs: {', '.join(c['differs']) or '-'}"),
        "no open conflicts")
    return 0


def _assignments(items: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set wants FIELD=VALUE, not {item!r}")
        out[name.strip()] = value if value != "" else None
    return out


def run_conflicts_resolve(args: argparse.Namespace) -> int:
    from humanops.sharing.conflicts import resolve_conflict

    with open_workspace(args, team_database=True) as ws:
        doc = resolve_conflict(ws, args.uuid, args.keep, properties=_assignments(args.set) or None,
                               layer=args.layer)
    emit(args, doc, lambda d: f"resolved {d['layer']} {d['uuid']}: kept {d['resolution']} as version {d['version']}")
    return 0


# --- audit ------------------------------------------------------------------------------------

def run_audit_verify(args: argparse.Namespace) -> int:
    from humanops.sharing.audit import verify_audit

    with open_workspace(args, team_database=True) as ws:
        report = verify_audit(ws)
    return _audit_verdict(args, report)


def _audit_verdict(args: argparse.Namespace, report: Any) -> int:
    """Print an audit report (JSON, or one line, on stderr when tampered); exit 1 if tampered."""
    import sys

    if getattr(args, "json", False):
        emit(args, report.to_dict(), "")
    elif report.ok:
        print(report.summary())
    else:
        print(f"humanops: {report.summary()}", file=sys.stderr)
    return 0 if report.ok else 1


def run_audit_check(args: argparse.Namespace) -> int:
    """``audit verify``: the chain and our signed heads; with ``--witness`` also what a partner saw."""
    from humanops.sharing.audit import verify_witness

    if not args.witness:
        return run_audit_verify(args)
    with open_workspace(args, team_database=True) as ws:
        report = verify_witness(ws, args.witness)
    return _audit_verdict(args, report)


def run_audit_witness(args: argparse.Namespace) -> int:
    from humanops.model.clock import workspace_now
    from humanops.sharing.audit import write_witness
    from humanops.sharing.keys import unlock

    with open_workspace(args, team_database=True) as ws:
        identity = unlock(ws, passphrase(args))
        doc = write_witness(ws, identity, args.for_org, args.out, workspace_now(ws))
    emit(args, doc, lambda d: f"wrote {d['file']}: {d['heads']} audit heads {d['for_org']} showed us (up to entry "
                              f"{d['highest_seq']})\nsend it to {d['for_org']}: humanops audit verify --witness FILE "
                              "checks its log against it")
    return 0


def run_audit_report(args: argparse.Namespace) -> int:
    """The governance report (.html, .pdf) and/or the raw log (.csv, ``--csv``); all owner-only (0600) and
    written whole: they name partners."""
    from humanops.sharing.audit import audit_report
    from humanops.sharing.audit_report import build_report, period_bound, render_html
    from humanops.store.atomic_files import write_text_atomic

    suffix = Path(args.out).suffix.lower()
    if suffix not in (".csv", ".html", ".htm", ".pdf"):
        raise SharingError("the audit report must be .html or .pdf (or .csv for the raw log)", file=args.out)
    if args.csv and Path(args.csv).suffix.lower() != ".csv":
        raise SharingError("the raw log (--csv) is written as .csv", file=args.csv)
    start = period_bound(args.start, end=False, field_name="--from")
    end = period_bound(args.end, end=True, field_name="--to")
    if start and end and end < start:
        raise UsageError("--to is before --from")
    written: list[dict[str, Any]] = []
    with open_workspace(args, team_database=True) as ws:
        for raw in [p for p in (args.csv, args.out if suffix == ".csv" else None) if p]:
            written.append({**audit_report(ws, raw), "kind": "raw log"})
        if suffix != ".csv":
            report = build_report(ws, start=start, end=end)
            if suffix == ".pdf":
                from humanops.ui.audit_report_pdf import write_report_pdf  # Qt: only for a PDF

                pages = write_report_pdf(report, args.out)
                written.append({"file": args.out, "kind": "sharing report", "pages": pages})
            else:
                write_text_atomic(args.out, render_html(report))
                written.append({"file": args.out, "kind": "sharing report"})
            written[-1].update(report.to_dict())
    doc = {"written": written}

    def text(d: dict[str, Any]) -> str:
        lines = []
        for item in d["written"]:
            if item["kind"] == "raw log":
                lines.append(f"wrote {item['file']}: the raw log, {item['entries']} entries"
                             + ("" if item["chain_ok"] else " (WARNING: the hash chain does not verify)"))
            else:
                lines.append(f"wrote {item['file']}: sharing report, {item['entries_in_period']} of "
                             f"{item['entries']} entries, {len(item['partners'])} partner(s)"
                             + ("" if item["chain_ok"] else " (WARNING: the hash chain does not verify)"))
        return "\n".join(lines)

    emit(args, doc, text)
    return 0
