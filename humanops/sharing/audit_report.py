"""The sharing report for governance: what the audit log says, in words a protocol review reads.

Per partner and period: what was sent and received, by layer and by marking level (TLP); what was
withheld and why (the policy's reason codes in sentences); what went generalised; what was
quarantined and refused on import, with the reasons; conflicts and how they were resolved;
revocations and changes to the partner directory; our own key events; the chain's verification
(:func:`humanops.sharing.audit.verify_audit`) and the audit heads we hold as witnesses of each
partner's log. Built from the hash-chained log itself (and the quarantine and conflict tables it
points to), so the report says nothing the log does not.

Qt-free: :func:`render_html` writes one self-contained HTML page (inline SVG bar charts, no script,
no external asset, a Content-Security-Policy that forbids fetching anything); the PDF is made from
the same HTML by Qt (:mod:`humanops.ui.audit_report_pdf`), its charts drawn by the app's chart
module. Every text that comes from the log or a partner is escaped: a hostile partner name or
reason stays text.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from humanops.errors import HumanOpsError
from humanops.model.marking import format_time, parse_time
from humanops.sharing.signed_rows import REASONS as SIGNATURE_REASONS
from humanops.store.workspace import Workspace

# The policy's withheld reason codes in English sentences (the app shows the same sentences,
# translated, from humanops/ui/sharing/wording.py; tests/test_audit_report.py keeps the two in step).
WITHHELD_WORDS: dict[str, str] = {
    "unknown_marking": "Their marking holds a value this version of HumanOps does not understand: never sent.",
    "expired": "Their marking has expired: expired information is never shared.",
    "recipient_revoked": "The recipient's key was revoked: only TLP:CLEAR may still go to it.",
    "no_onward_sharing": "Received from another organisation and marked “no onward sharing”: only the originator "
                         "may share them.",
    "onward_red": "TLP:RED received from another organisation: never passed on.",
    "onward_amber_strict": "TLP:AMBER+STRICT received from another organisation: never passed on.",
    "not_releasable": "The recipient is not named in their “releasable to” list, neither directly nor through a "
                      "community.",
    "no_shared_community": "TLP:GREEN without a “releasable to” list, and the recipient shares no community with "
                           "the originator.",
    "originator_limit": "TLP:AMBER received from another organisation that named no one it may be passed on to.",
    "tlp_amber_strict_not_named": "TLP:AMBER+STRICT: the recipient is not named by its own id in “releasable to” "
                                  "(a community is not enough).",
    "tlp_red_not_named": "TLP:RED: the recipient is not named by its own id in “releasable to”.",
    "outside_aor": "Outside the recipient's area of responsibility.",
    "co_recipient": "Another recipient of this package may not have them (a package holds only what all its "
                    "recipients may have).",
    "co_recipient_precision": "The recipients would need different generalisations of them: send separate packages.",
    "generalised_copy": "Generalised copies received from a partner: only their originator passes its data on.",
    "suppressed_small_group": "Generalised groups too small to share (fewer people than the marking's threshold): "
                              "suppressed to protect them.",
    **{code: text[0].upper() + text[1:] + "." for code, text in SIGNATURE_REASONS.items()},
}
IMPORT_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("inserted", "new"), ("updated", "updated"), ("deleted", "deleted"), ("unchanged", "unchanged"),
    ("stale", "older than ours"), ("conflicts", "conflicts"), ("proposals", "proposals"), ("ignored", "ignored"),
    ("quarantined", "quarantined"))
TLP_ORDER = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
TLP_COLOURS = {"CLEAR": "#8c8c8c", "GREEN": "#33a02c", "AMBER": "#e69f00", "AMBER+STRICT": "#b35806",
               "RED": "#d7191c"}
PRODUCTS = {"briefing_map": "briefing map", "sitrep": "situation report", "tak": "TAK package"}
UNKNOWN_SENDER = "(sender unknown)"
SENT_COLOUR, RECEIVED_COLOUR, WITHHELD_COLOUR = "#0072b2", "#009e73", "#d55e00"
MAX_LISTED = 50  # refusals and events listed per partner; the rest counted


def reason_words(code: str, stored: str = "") -> str:
    """A reason code as a sentence; an unknown one as the text stored with it, else the code."""
    return WITHHELD_WORDS.get(code) or stored or f"Reason “{code}”."


@dataclass
class Refusal:
    at: str
    file: str
    reason: str


@dataclass
class PartnerActivity:
    """What passed between us and one partner (or audience) in the period."""

    org: str
    name: str = ""
    packages_sent: int = 0
    packages_received: int = 0
    products: Counter[str] = field(default_factory=Counter)  # briefing map, situation report... -> how many
    sent_layers: Counter[str] = field(default_factory=Counter)
    received_layers: Counter[str] = field(default_factory=Counter)
    sent_markings: Counter[str] = field(default_factory=Counter)
    received_markings: Counter[str] = field(default_factory=Counter)
    markings_unrecorded: int = 0  # exchanges whose entry holds no TLP breakdown (older entries, products)
    withheld: Counter[str] = field(default_factory=Counter)
    generalised: int = 0  # features sent generalised
    generalised_as: int = 0  # the aggregates they went as
    deletions_sent: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # what imports did with what it sent
    quarantined: Counter[str] = field(default_factory=Counter)
    quarantine_reasons: dict[str, str] = field(default_factory=dict)  # code -> a stored reason
    refusals: list[Refusal] = field(default_factory=list)
    conflicts_resolved: Counter[str] = field(default_factory=Counter)  # "ours kept", "theirs kept"
    conflicts_open: int = 0
    directory_events: list[tuple[str, str]] = field(default_factory=list)  # (at, what happened)

    @property
    def sent(self) -> int:
        return sum(self.sent_layers.values())

    @property
    def received(self) -> int:
        return sum(self.received_layers.values())


@dataclass
class GovernanceReport:
    organisation: str
    organisation_name: str
    made: datetime
    start: datetime | None
    end: datetime | None
    entries_total: int
    entries_in_period: int
    partners: dict[str, PartnerActivity]
    key_events: list[tuple[str, str]]  # (at, what happened) to our own keys
    chain_ok: bool
    chain_summary: str
    chain_problems: list[str]
    signed_heads: int
    last_signed_head: dict[str, Any] | None
    witness_heads: dict[str, list[dict[str, Any]]]  # partner -> the audit heads its packages showed us
    layer_titles: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        def counts(counter: Counter[str]) -> dict[str, int]:
            return dict(sorted(counter.items()))

        return {
            "organisation": self.organisation, "made": format_time(self.made),
            "from": format_time(self.start) if self.start else None,
            "to": format_time(self.end) if self.end else None,
            "entries": self.entries_total, "entries_in_period": self.entries_in_period,
            "chain_ok": self.chain_ok, "chain": self.chain_summary, "signed_heads": self.signed_heads,
            "partners": {org: {
                "packages_sent": p.packages_sent, "packages_received": p.packages_received,
                "products": counts(p.products), "sent_layers": counts(p.sent_layers),
                "received_layers": counts(p.received_layers), "sent_markings": counts(p.sent_markings),
                "received_markings": counts(p.received_markings), "withheld": counts(p.withheld),
                "generalised": p.generalised, "quarantined": counts(p.quarantined),
                "refused": len(p.refusals), "conflicts_resolved": counts(p.conflicts_resolved),
                "conflicts_open": p.conflicts_open} for org, p in sorted(self.partners.items())},
            "witness_heads": {org: len(heads) for org, heads in sorted(self.witness_heads.items())},
        }


# --- the period ---------------------------------------------------------------------------------

def period_bound(text: str | None, *, end: bool, field_name: str) -> datetime | None:
    """``--from``/``--to``: a date (the whole day, UTC) or a moment; None when not given."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return parse_time(text, field=field_name)
    moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
    return moment + timedelta(days=1) - timedelta(milliseconds=1) if end else moment


def _in_period(at: str | None, start: datetime | None, end: datetime | None) -> bool:
    if start is None and end is None:
        return True
    try:
        moment = parse_time(at, field="at") if at else None
    except HumanOpsError:  # an edited entry's time: the chain check says so
        return False
    if moment is None:
        return False
    return (start is None or moment >= start) and (end is None or moment <= end)


# --- building it from the log ---------------------------------------------------------------------

def _ints(value: Any) -> dict[str, int]:
    """A {name: count} mapping as recorded; anything else (a hostile or old entry) as nothing."""
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool) and v >= 0}


def build_report(workspace: Workspace, *, start: datetime | None = None, end: datetime | None = None,
                 now: datetime | None = None) -> GovernanceReport:
    """The report of ``workspace``'s audit log between ``start`` and ``end`` (inclusive; open if None)."""
    from humanops.model.clock import workspace_now
    from humanops.sharing import audit
    from humanops.sharing.conflicts import list_conflicts
    from humanops.sharing.directory_store import load_directory
    from humanops.sharing.import_quarantine import list_quarantine

    me = workspace.organisation or ""
    directory = load_directory(workspace)
    partners: dict[str, PartnerActivity] = {}

    def partner(org: str | None) -> PartnerActivity:
        key = org or UNKNOWN_SENDER
        if key not in partners:
            found = directory.organisation(key) if org else None
            partners[key] = PartnerActivity(key, getattr(found, "name", "") or "")
        return partners[key]

    entries = audit.entries(workspace)
    chosen = [e for e in entries if _in_period(e["at"], start, end)]
    key_events: list[tuple[str, str]] = []
    for entry in chosen:
        action, counts, detail = entry["action"], entry["counts"] or {}, entry["detail"] or {}
        counts = counts if isinstance(counts, dict) else {}
        detail = detail if isinstance(detail, dict) else {}
        if action == "export":
            _count_export(partner, entry, counts, detail)
        elif action == "import":
            _count_import(partner(entry["counterpart"]), counts)
        elif action == "refused_import":
            partner(entry["counterpart"]).refusals.append(Refusal(entry["at"], str(detail.get("file") or ""),
                                                                  str(detail.get("reason") or "")))
        elif action == "conflict":
            kept = detail.get("kept")
            partner(entry["counterpart"]).conflicts_resolved[
                "ours kept" if kept == "mine" else "theirs kept" if kept == "theirs" else str(kept)] += 1
        elif action == "partner":
            event = str(detail.get("event") or "changed")
            text = (f"keys revoked from {detail.get('at')}" if event == "revoke"
                    else f"directory entry {event}")
            partner(entry["counterpart"]).directory_events.append((entry["at"], text))
        elif action == "key":
            event = str(detail.get("event") or "changed")
            key_events.append((entry["at"], {"init": "our keys made", "rotate": "our keys rotated (the old key "
                                                                                  "revoked, kept to verify older "
                                                                                  "packages)"}.get(event, event)))
    for row in list_quarantine(workspace, limit=1_000_000):
        if _in_period(row["at"], start, end):
            activity = partner(row["sender"])
            activity.quarantined[row["reason_code"]] += 1
            activity.quarantine_reasons.setdefault(row["reason_code"], str(row["reason"]))
    for conflict in list_conflicts(workspace):
        partner(conflict.get("sender")).conflicts_open += 1
    partners.pop(me, None)
    verdict = audit.verify_audit(workspace)
    heads = audit.signed_heads(workspace)
    witness_heads = {org: audit.partner_heads(workspace, org) for org in sorted(directory.organisations)
                     if org != me}
    own = directory.organisation(me)
    return GovernanceReport(
        organisation=me, organisation_name=getattr(own, "name", "") or me,
        made=now or workspace_now(workspace), start=start, end=end, entries_total=len(entries),
        entries_in_period=len(chosen), partners=dict(sorted(partners.items())), key_events=key_events,
        chain_ok=verdict.ok, chain_summary=verdict.summary(), chain_problems=list(verdict.problems),
        signed_heads=len(heads), last_signed_head=heads[-1] if heads else None,
        witness_heads={org: h for org, h in witness_heads.items() if h},
        layer_titles={kind.name: kind.title for kind in workspace.catalog})


def _count_export(partner: Callable[[str | None], PartnerActivity], entry: dict[str, Any], counts: dict[str, Any],
                  detail: dict[str, Any]) -> None:
    recipients = counts.get("recipients") if isinstance(counts.get("recipients"), dict) else {}
    names = list(recipients) or [r for r in str(entry["counterpart"] or "").split(",") if r]
    product = detail.get("product")
    layers = counts.get("layers") if isinstance(counts.get("layers"), dict) else {}
    markings = _ints(counts.get("markings"))
    for name in names:
        activity = partner(name)
        totals = recipients.get(name) if isinstance(recipients.get(name), dict) else {}
        if product:
            activity.products[PRODUCTS.get(str(product), str(product))] += 1
            activity.sent_layers.update(_ints(layers))
        else:
            activity.packages_sent += 1
            activity.sent_layers.update({layer: _ints(c).get("features", 0) for layer, c in layers.items()
                                         if _ints(c).get("features", 0)})
            activity.deletions_sent += sum(_ints(c).get("tombstones", 0) for c in layers.values())
        if markings:
            activity.sent_markings.update(markings)
        else:
            activity.markings_unrecorded += 1
        activity.withheld.update(_ints(totals.get("withheld")))
        activity.generalised += _ints(totals).get("generalised", 0)
        activity.generalised_as += _ints(totals).get("generalised_features", 0)


def _count_import(activity: PartnerActivity, counts: dict[str, Any]) -> None:
    activity.packages_received += 1
    layers = counts.get("layers") if isinstance(counts.get("layers"), dict) else {}
    for layer, outcome in layers.items():
        received = sum(_ints(outcome).values())
        if received:
            activity.received_layers[str(layer)] += received
    activity.outcomes.update(_ints(counts.get("totals")))
    markings = _ints(counts.get("markings"))
    if markings:
        activity.received_markings.update(markings)
    else:
        activity.markings_unrecorded += 1


# --- the HTML page --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChartBar:
    label: str
    value: int
    colour: str


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one bar a row, its value written beside it."""

    title: str
    bars: Sequence[ChartBar]


def svg_chart(chart: Chart) -> str:
    """The chart as inline SVG (no script, no external reference), its words as text elements."""
    row, label_w, bar_w, value_w = 22, 250, 300, 90
    width, height = label_w + bar_w + value_w, row * len(chart.bars) + 8
    top = max((bar.value for bar in chart.bars), default=0) or 1
    parts = [f'<figure><figcaption class="muted">{_e(chart.title)}</figcaption>'
             f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{_e(chart.title)}" font-family="sans-serif" font-size="12">']
    for i, bar in enumerate(chart.bars):
        y = 4 + i * row
        length = round(bar_w * bar.value / top, 1)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(_short(bar.label, 36))}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row - 8}" fill="#eef0f2"/>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{length}" height="{row - 8}" fill="{_e(bar.colour)}"/>'
                     f'<text x="{label_w + bar_w + 6}" y="{y + 15}">{bar.value:,}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(
        f'<td class="n">{_e(f"{v:,}" if isinstance(v, int) else v)}</td>' if i >= numeric_from
        else f"<td>{_e(v)}</td>" for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _when(text: str) -> str:
    try:
        moment = parse_time(text, field="at")
    except HumanOpsError:
        return text
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else text


def _period_text(report: GovernanceReport) -> str:
    start = report.start.strftime("%Y-%m-%d %H:%M UTC") if report.start else "the first entry"
    end = report.end.strftime("%Y-%m-%d %H:%M UTC") if report.end else "the last entry"
    return f"from {start} to {end}"


STYLE = ("body{font:13px/1.45 sans-serif;color:#1e1e1e;max-width:62em;margin:1.5em auto;padding:0 1em}"
         "h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #0072b2;padding-bottom:2px;margin-top:1.8em}"
         "h3{font-size:14px;margin:1.1em 0 .3em}table{border-collapse:collapse;margin:.3em 0}"
         "td,th{border:1px solid #c8c8c8;padding:2px 8px;vertical-align:top;text-align:left}"
         "td.n{text-align:right}th{background:#f2f4f6}.ok{color:#006d4f;font-weight:bold}"
         ".bad{color:#b00020;font-weight:bold}.muted{color:#555}figure{margin:.5em 0}")


def render_html(report: GovernanceReport, chart: Callable[[Chart], str] = svg_chart) -> str:
    """The whole report as one self-contained HTML page; ``chart`` draws each chart (SVG by default)."""
    title = f"Sharing report: {report.organisation_name}"
    out = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">",
           f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
           f"<h1>{_e(title)}</h1>",
           f"<p>Audit log of {_e(report.organisation)}, {_e(_period_text(report))}: "
           f"{report.entries_in_period:,} of its {report.entries_total:,} entries. Made "
           f"{_e(report.made.strftime('%Y-%m-%d %H:%M UTC'))}.</p>"]
    verdict_class = "ok" if report.chain_ok else "bad"
    out.append(f'<h2>Verification of the log</h2><p class="{verdict_class}">{_e(report.chain_summary)}</p>')
    if report.chain_problems:
        out.append("<ul>" + "".join(f"<li>{_e(p)}</li>" for p in report.chain_problems[:20]) + "</ul>")
    if report.last_signed_head:
        head = report.last_signed_head
        out.append(f"<p>{report.signed_heads:,} heads of the log signed with our key; the last covers entry "
                   f"{_e(head['seq'])} (signed {_e(_when(str(head['signed_at'])))}).</p>")
    else:
        out.append("<p>No head of the log has been signed with our key yet.</p>")
    out.append(_witness_section(report))
    out.append(_overview_section(report, chart))
    if report.key_events:
        out.append("<h2>Our keys</h2>" + _table(["When", "What happened"],
                                                [(_when(at), what) for at, what in report.key_events],
                                                numeric_from=2))
    for activity in report.partners.values():
        out.append(_partner_section(report, activity, chart))
    out.append('<h2>The raw log</h2><p class="muted">Every entry with its hashes: <code>humanops audit report '
               "--csv LOG.csv</code> (or <code>humanops audit report LOG.csv</code>); <code>humanops audit "
               "verify</code> checks the chain again.</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _witness_section(report: GovernanceReport) -> str:
    text = ["<h3>Witnesses we hold of partners' logs</h3>"]
    if not report.witness_heads:
        text.append("<p>No partner's package has shown us its audit head yet.</p>")
        return "".join(text)
    rows = [(org, len(heads), max(h["seq"] for h in heads), _when(str(heads[-1]["received"])))
            for org, heads in report.witness_heads.items()]
    text.append(_table(["Partner", "Heads held", "Highest entry seen", "Last received"], rows))
    text.append('<p class="muted">Written for a partner with <code>humanops audit witness --for ORG</code>, they '
                "let it check that its own log still holds what it showed us.</p>")
    return "".join(text)


def _overview_section(report: GovernanceReport, chart: Callable[[Chart], str]) -> str:
    if not report.partners:
        return "<h2>Partners</h2><p>Nothing was sent to or received from a partner in this period.</p>"
    rows = [(f"{p.name} ({p.org})" if p.name else p.org, p.packages_sent, sum(p.products.values()), p.sent,
             sum(p.withheld.values()), p.packages_received, p.received, sum(p.quarantined.values()), len(p.refusals))
            for p in report.partners.values()]
    bars = []
    for p in report.partners.values():
        bars.append(ChartBar(f"{p.org}: sent", p.sent, SENT_COLOUR))
        bars.append(ChartBar(f"{p.org}: received", p.received, RECEIVED_COLOUR))
    return ("<h2>Partners</h2>" + _table(
        ["Partner", "Packages sent", "Products", "Features sent", "Withheld", "Packages received",
         "Features received", "Quarantined", "Packages refused"], rows)
        + chart(Chart("Features sent and received, by partner", bars)))


def _partner_section(report: GovernanceReport, p: PartnerActivity, chart: Callable[[Chart], str]) -> str:
    def title_of(layer: str) -> str:
        return report.layer_titles.get(layer, layer)

    name = f"{p.name} ({p.org})" if p.name else p.org
    products = ", ".join(f"{n:,} {what}(s)" for what, n in sorted(p.products.items()))
    out = [f"<h2>{_e(name)}</h2>",
           f"<p>{p.packages_sent:,} package(s) sent, {p.packages_received:,} received"
           + (f"; products made for it: {_e(products)}" if products else "") + ".</p>"]
    layers = sorted(set(p.sent_layers) | set(p.received_layers), key=title_of)
    if layers:
        out.append("<h3>By layer</h3>" + _table(["Layer", "Sent", "Received"],
                                                [(title_of(k), p.sent_layers[k], p.received_layers[k])
                                                 for k in layers]))
        out.append(chart(Chart(f"Features sent to and received from {p.org}, by layer", [
            bar for k in layers for bar in (ChartBar(f"{title_of(k)}: sent", p.sent_layers[k], SENT_COLOUR),
                                            ChartBar(f"{title_of(k)}: received", p.received_layers[k],
                                                     RECEIVED_COLOUR))])))
    levels = [t for t in TLP_ORDER if p.sent_markings[t] or p.received_markings[t]]
    levels += sorted((set(p.sent_markings) | set(p.received_markings)) - set(TLP_ORDER))
    if levels:
        out.append("<h3>By marking level</h3>" + _table(
            ["TLP", "Sent", "Received"], [(f"TLP:{t}", p.sent_markings[t], p.received_markings[t]) for t in levels]))
        out.append(chart(Chart(f"Features sent to {p.org}, by TLP", [
            ChartBar(f"TLP:{t}", p.sent_markings[t], TLP_COLOURS.get(t, "#888888")) for t in levels])))
    if p.markings_unrecorded:
        out.append(f'<p class="muted">{p.markings_unrecorded:,} exchange(s) recorded without a count by marking '
                   "level (products, or entries older than these counts).</p>")
    if p.withheld:
        rows = [(reason_words(code), n) for code, n in p.withheld.most_common()]
        out.append("<h3>Withheld, and why</h3>" + _table(["Reason", "Features"], rows))
        out.append(chart(Chart(f"Features withheld from {p.org}, by reason", [
            ChartBar(reason_words(code), n, WITHHELD_COLOUR) for code, n in p.withheld.most_common()])))
    if p.generalised or p.deletions_sent:
        out.append(f"<p>Sent generalised (no exact location), as the markings ask: {p.generalised:,} feature(s), "
                   f"as {p.generalised_as:,} aggregate(s). Deletions sent: {p.deletions_sent:,}.</p>")
    if p.outcomes:
        rows = [(words, p.outcomes[key]) for key, words in IMPORT_OUTCOMES if p.outcomes[key]]
        out.append("<h3>What its packages did here</h3>" + _table(["Outcome", "Features"], rows))
    if p.quarantined:
        rows = [(reason_words(code, p.quarantine_reasons.get(code, "")), n) for code, n in p.quarantined.most_common()]
        out.append("<h3>Quarantined on import (never merged)</h3>" + _table(["Reason", "Features"], rows))
    if p.refusals:
        rows = [(_when(r.at), r.file, r.reason) for r in p.refusals[:MAX_LISTED]]
        more = len(p.refusals) - len(rows)
        out.append("<h3>Packages refused (nothing merged)</h3>" + _table(["When", "File", "Reason"], rows,
                                                                           numeric_from=3)
                   + (f"<p>and {more:,} more.</p>" if more else ""))
    if p.conflicts_resolved or p.conflicts_open or p.outcomes["conflicts"]:
        resolved = ", ".join(f"{what} {n:,}" for what, n in sorted(p.conflicts_resolved.items())) or "none"
        out.append(f"<h3>Conflicts</h3><p>Detected on import: {p.outcomes['conflicts']:,}. Resolved in the period: "
                   f"{_e(resolved)}. Open now: {p.conflicts_open:,}.</p>")
    if p.directory_events:
        out.append("<h3>Partner directory and revocations</h3>" + _table(
            ["When", "What happened"], [(_when(at), what) for at, what in p.directory_events[:MAX_LISTED]],
            numeric_from=2))
    return "\n".join(out)
