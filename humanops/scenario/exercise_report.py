"""Decision timelines of an exercise: per inject and organisation, how long to see, alert, decide, inform.

Inputs, and why: each participant's **exercise workspace** is the honest input. Its audit log is
hash-chained (verified here, :func:`humanops.sharing.audit.verify_audit`), and it records imports
and exports; but alerts (``humanops_alerts``), saved plans (``humanops_plans``) and corridor
status changes (the feature history) are not audit entries, so only the workspace shows when a
participant raised or acknowledged an alert or decided. An audit **CSV** (``humanops audit report
OUT.csv``) is accepted too, for a participant who will only hand over its log: it gives the time to
see and to inform, nothing else, and a CSV carries no hash chain, so the report says it is
unverified. The controller's workspace says what was played when and which package went to whom
(:mod:`humanops.scenario.inject_player`); without it the injects are taken as played when due.

Clocks: latencies are given in **scenario time** and in **wall time**. Scenario time is what the
exercise measures (the response as rehearsed: a controller who runs the clock at ×10 or pauses it
for lunch does not change how long the decision took in the scenario), and it is the one clock every
record shares: alerts and plans are stamped with it, audit entries carry it beside their wall time
(``exercise_time``). Wall time is how long people really took; audit entries and feature edits carry
it. An event that holds only one of the two is converted through its workspace's clock anchor when
that anchor is older than the event (the clock ran unchanged since, so the conversion is exact),
else that latency is left blank rather than guessed.

Moments, per inject and organisation, from the inject's play (or due) time: **seen** — the import of
the package that carried it (by package id), or the message's alert raised; **alert** — an alert
whose features include the inject's zone or corridor (or the message) raised, then **acknowledged**;
**decided** — the first plan saved or corridor status changed by the organisation after seeing it;
**informed** — the first package it sent after seeing it. Sharing decisions: each organisation's
packages in the exercise, what was withheld from whom and why, what was quarantined or refused.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from humanops.errors import FormatError, HumanOpsError, WorkspaceError
from humanops.model.marking import format_time, parse_time
from humanops.scenario.inject_player import PlayRecord
from humanops.scenario.injects import InjectTimeline, format_offset

MOMENTS = ("seen", "alert", "acknowledged", "decided", "informed")
MOMENT_WORDS = {"seen": "seen (import)", "alert": "alert raised", "acknowledged": "alert acknowledged",
                "decided": "decided (plan, corridor)", "informed": "informed partners (package sent)"}
MOMENT_COLOURS = {"seen": "#0072b2", "alert": "#e69f00", "acknowledged": "#cc79a7", "decided": "#009e73",
                  "informed": "#d55e00"}
MAX_CSV_BYTES = 64 * 1024 * 1024
FAR = datetime.max.replace(tzinfo=UTC)  # sorts a moment without that clock last


@dataclass(frozen=True)
class Moment:
    scenario: datetime | None
    wall: datetime | None

    def before(self, other: Moment) -> bool | None:
        """Whether this moment is at or before ``other``, on a clock both have (None: no common clock)."""
        if self.scenario is not None and other.scenario is not None:
            return self.scenario <= other.scenario
        if self.wall is not None and other.wall is not None:
            return self.wall <= other.wall
        return None


@dataclass
class Event:
    what: str  # import | export | refused_import | alert | plan | corridor
    at: Moment
    package_id: str = ""
    counterpart: str = ""
    counts: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    subject: str = ""  # alerts: the subject; corridors: the uuid
    features: tuple[str, ...] = ()  # alerts: the uuids that fired it
    acknowledged: Moment | None = None  # alerts


@dataclass
class Source:
    """One organisation's record: from its exercise workspace or its audit CSV."""

    org: str
    file: str
    kind: str  # workspace | csv
    events: list[Event]
    verified: str  # the hash chain's verdict, or why there is none
    start: datetime | None = None
    exercise: str = ""
    record: dict[str, PlayRecord] | None = None  # a controller's: what it played

    @property
    def has_decisions(self) -> bool:
        return self.kind == "workspace"


@dataclass
class Latency:
    moment: str
    at: Moment | None
    scenario: timedelta | None
    wall: timedelta | None


@dataclass
class OrgRow:
    org: str
    status: str  # received | withheld | not delivered | seen only in the CSV...
    note: str
    latencies: dict[str, Latency]


@dataclass
class InjectRow:
    id: str
    offset: str
    kind: str
    title: str
    played: Moment
    state: str
    organisations: list[OrgRow]


@dataclass
class SharingDecision:
    org: str
    when: str  # T+ in scenario time
    what: str  # sent | quarantined | refused
    counterpart: str
    reasons: dict[str, int]
    words: str


@dataclass
class ExerciseReport:
    name: str
    start: datetime
    controller: str
    sources: list[Source]
    injects: list[InjectRow]
    sharing: list[SharingDecision]

    def to_dict(self) -> dict[str, Any]:
        def seconds(value: timedelta | None) -> float | None:
            return value.total_seconds() if value is not None else None

        return {
            "exercise": self.name, "start": format_time(self.start), "controller": self.controller,
            "organisations": {s.org: {"file": s.file, "kind": s.kind, "verified": s.verified} for s in self.sources
                              if s.record is None},
            "injects": [{"id": r.id, "at": r.offset, "kind": r.kind, "state": r.state,
                         "played": format_time(r.played.scenario), "organisations": {
                             o.org: {"status": o.status, "note": o.note, **{
                                 m: {"scenario_s": seconds(lat.scenario), "wall_s": seconds(lat.wall)}
                                 for m, lat in o.latencies.items()}} for o in r.organisations}}
                        for r in self.injects],
            "sharing": [{"org": d.org, "at": d.when, "what": d.what, "counterpart": d.counterpart,
                         "reasons": d.reasons} for d in self.sharing],
        }


# --- reading the inputs ------------------------------------------------------------------------------

def load_sources(files: Sequence[str], *, controller: str | None = None) -> list[Source]:
    """Each ``[ORG=]FILE`` (a workspace or an audit CSV), and the controller's workspace if given apart."""
    sources: list[Source] = []
    paths = list(files)
    if controller and all(Path(f.partition("=")[2] or f).resolve() != Path(controller).resolve() for f in paths):
        paths.append(controller)
    for item in paths:
        org, sep, path = item.partition("=")
        if not sep:
            org, path = "", item
        if not Path(path).is_file():
            raise FormatError("no such file (a participant's exercise workspace or audit CSV)", file=path)
        if path.lower().endswith(".csv"):
            sources.append(read_audit_csv(path, org or Path(path).stem))
        else:
            sources.append(read_workspace(path, org))
    return sources


def _time(value: Any) -> datetime | None:
    try:
        return parse_time(value) if value else None
    except HumanOpsError:
        return None


def _json(text: Any) -> dict[str, Any]:
    if isinstance(text, dict):
        return text
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def audit_event(row: dict[str, Any]) -> Event | None:
    """An audit entry (as :func:`humanops.sharing.audit.entries` or the CSV gives it) as an event of
    the exercise; None for entries from before it (no ``exercise_time``) and for other actions."""
    detail = _json(row.get("detail"))
    if row.get("action") not in ("import", "export", "refused_import") or not detail.get("exercise_time"):
        return None
    return Event(str(row["action"]), Moment(_time(detail.get("exercise_time")), _time(row.get("at"))),
                 package_id=str(row.get("package_id") or ""), counterpart=str(row.get("counterpart") or ""),
                 counts=_json(row.get("counts")), detail=detail)


def read_audit_csv(path: str, org: str) -> Source:
    """An audit log as ``humanops audit report OUT.csv`` writes it (a leading ' it added is removed)."""
    file = Path(path)
    if file.stat().st_size > MAX_CSV_BYTES:
        raise FormatError("is too large for an audit CSV", file=path)
    events = []
    try:
        with file.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = {"at", "action", "counterpart", "package_id", "counts", "detail"} - set(reader.fieldnames or ())
            if missing:
                raise FormatError(f"is not an audit CSV (no column {sorted(missing)[0]!r})", file=path)
            for row in reader:
                clean = {k: (v[1:] if v[:2] in ("'=", "'+", "'-", "'@") else v) for k, v in row.items() if k}
                event = audit_event(clean)
                if event is not None:
                    events.append(event)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise FormatError(f"is not an audit CSV ({exc})", file=path) from None
    return Source(org, path, "csv", events, "not verified: a CSV holds no hash chain (give the workspace)")


def read_workspace(path: str, org: str = "") -> Source:
    from humanops.model.exercise import exercise_info
    from humanops.model.scenario_clock import read_clock
    from humanops.scenario.inject_player import RECORD_KEY, read_record
    from humanops.sharing import audit
    from humanops.store.workspace import Workspace

    with Workspace.open(path) as ws:
        info = exercise_info(ws)
        if info is None:
            raise WorkspaceError("is not an exercise workspace: the report reads the exercise's own workspaces",
                                 file=path)
        if org and org != ws.organisation:
            raise WorkspaceError(f"belongs to {ws.organisation!r}, not {org!r}", file=path)
        verdict = audit.verify_audit(ws)
        events = [e for e in (audit_event(row) for row in audit.entries(ws)) if e is not None]
        events += _alerts(ws) + _plans(ws) + _corridor_changes(ws)
        clock = read_clock(ws)
        record = read_record(ws) if ws.get_meta(RECORD_KEY) else None
        source = Source(ws.organisation, path, "workspace", events,
                        "hash chain verified" if verdict.ok else verdict.summary(), info.start, info.name,
                        record or None)
    if clock is not None:
        for event in source.events:
            event.at = _complete(event.at, clock)
            if event.acknowledged is not None:
                event.acknowledged = _complete(event.acknowledged, clock)
    return source


def _complete(moment: Moment, clock: Any) -> Moment:
    """The missing clock of ``moment`` through the anchor, when the anchor is older than it."""
    if moment.scenario is None and moment.wall is not None and moment.wall >= clock.wall:
        return Moment(clock.now(moment.wall), moment.wall)
    if moment.wall is None and moment.scenario is not None and moment.scenario >= clock.scenario:
        if clock.paused:
            return moment if moment.scenario != clock.scenario else Moment(moment.scenario, None)
        return Moment(moment.scenario, clock.wall + (moment.scenario - clock.scenario) / clock.speed)
    return moment


def _table(ws: Any, name: str) -> bool:
    return ws.connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def _alerts(ws: Any) -> list[Event]:
    if not _table(ws, "humanops_alerts"):
        return []
    out = []
    for subject, rule, features, first, last, acked in ws.connection.execute(
            "SELECT subject, rule_id, features, first_fired, last_fired, acknowledged FROM humanops_alerts"):
        try:
            uuids = tuple(str(f.get("uuid")) for f in json.loads(features or "[]") if isinstance(f, dict))
        except ValueError:
            uuids = ()
        ack = Moment(_time(acked), None) if acked else None
        for stamp in dict.fromkeys((first, last)):  # fired first, and again (a new cause) last
            out.append(Event("alert", Moment(_time(stamp), None), subject=str(subject), features=uuids,
                             acknowledged=ack, detail={"rule": rule}))
    return out


def _plans(ws: Any) -> list[Event]:
    if not _table(ws, "humanops_plans"):
        return []
    return [Event("plan", Moment(_time(created), None), subject=f"{kind}: {title or ''}".strip(": "))
            for kind, title, created in ws.connection.execute("SELECT kind, title, created FROM humanops_plans")]


def _corridor_changes(ws: Any) -> list[Event]:
    """Our own corridor edits (a version with no source package), not the versions imports stored."""
    if "corridor" not in ws.layers():
        return []
    rows = ws.connection.execute(
        "SELECT c.at, c.uuid FROM humanops_changes c WHERE c.layer = 'corridor' AND c.op = 'update' AND ("
        " EXISTS (SELECT 1 FROM corridor k WHERE k.uuid = c.uuid AND k.version = c.version"
        " AND k.source_package IS NULL)"
        " OR EXISTS (SELECT 1 FROM humanops_history h WHERE h.layer = 'corridor' AND h.uuid = c.uuid AND "
        "h.version = c.version AND h.source_package IS NULL))").fetchall()
    return [Event("corridor", Moment(None, _time(at)), subject=str(uid)) for at, uid in rows]


# --- the timelines -----------------------------------------------------------------------------------

def _after(events: list[Event], since: Moment, keep: Callable[[Event], bool]) -> Event | None:
    found = [e for e in events if keep(e) and since.before(e.at)]
    if not found:
        return None
    return min(found, key=lambda e: (e.at.scenario or FAR, e.at.wall or FAR))


def _latency(name: str, at: Moment | None, ref: Moment) -> Latency:
    if at is None:
        return Latency(name, None, None, None)
    scenario = at.scenario - ref.scenario if at.scenario and ref.scenario else None
    wall = at.wall - ref.wall if at.wall and ref.wall else None
    return Latency(name, at, scenario, wall)


def build_exercise_report(timeline: InjectTimeline, sources: list[Source], *,
                          start: datetime | None = None) -> ExerciseReport:
    controllers = [s for s in sources if s.record is not None]
    controller = controllers[0] if controllers else None
    participants = [s for s in sources if s is not controller]
    if not participants:
        raise FormatError("no participant's record among --audit (only the controller's)")
    start = start or (controller.start if controller else None) or next((s.start for s in sources if s.start), None)
    if start is None:
        raise FormatError("the exercise's start is not known: give --start ISO (or a workspace of the exercise)")
    name = next((s.exercise for s in sources if s.exercise), timeline.name)
    record = controller.record if controller and controller.record else {}
    controller_org = controller.org if controller else ""
    rows = []
    for inject in timeline.injects:
        played = record.get(inject.id)
        ref = Moment(played.scenario, played.wall) if played and played.state == "played" else \
            Moment(inject.due(start), None)
        state = played.state if played else "not recorded (taken as played when due)"
        feature = played.feature.split(":", 1)[1] if played and played.feature else ""
        deliveries = {d.org: d for d in (played.deliveries if played else [])}
        orgs = []
        for source in participants:
            if source.org == controller_org:
                continue
            orgs.append(_org_row(inject, source, ref, deliveries.get(source.org), bool(deliveries), feature,
                                 controller_org))
        rows.append(InjectRow(inject.id, inject.offset_text, inject.kind, inject.title, ref, state, orgs))
    sharing = [d for s in sources for d in _sharing_decisions(s, start)]
    sharing.sort(key=lambda d: (d.when, d.org))
    return ExerciseReport(name, start, controller_org, sources, rows, sharing)


def _org_row(inject: Any, source: Source, ref: Moment, delivery: Any, recorded: bool, feature: str,
             controller: str) -> OrgRow:
    events = source.events
    none = {m: Latency(m, None, None, None) for m in MOMENTS}
    if recorded and delivery is None:
        return OrgRow(source.org, "not sent", "the inject did not go to this organisation", none)
    note = ""
    if delivery is not None and delivery.included is False:
        reasons = ", ".join(f"{code} ({n})" for code, n in sorted(delivery.withheld.items()))
        return OrgRow(source.org, "withheld", f"the sharing policy withheld it: {reasons or 'no reason recorded'}",
                      none)
    seen: Event | None
    if inject.kind == "message":
        seen = _after(events, ref, lambda e: e.what == "alert" and e.subject == f"inject:{inject.id}") or next(
            (e for e in events if e.what == "alert" and e.subject == f"inject:{inject.id}"), None)
    elif delivery is not None and delivery.package_id:
        seen = next((e for e in events if e.what == "import" and e.package_id == delivery.package_id), None)
        if seen is None and any(e.what == "refused_import" and e.package_id == delivery.package_id for e in events):
            note = "the package was refused at import"
    else:  # no record of the play: the first package from the controller after it
        seen = _after(events, ref, lambda e: e.what == "import" and (not controller or e.counterpart == controller))
    latencies = {"seen": _latency("seen", seen.at if seen else None, ref)}
    alert: Event | None = None
    if source.has_decisions:
        if inject.kind == "message":
            alert = seen
        elif feature:
            alert = _after(events, ref, lambda e: e.what == "alert" and feature in e.features)
    latencies["alert"] = _latency("alert", alert.at if alert else None, ref)
    acknowledged = alert.acknowledged if alert and alert.acknowledged and alert.at.before(alert.acknowledged) else None
    latencies["acknowledged"] = _latency("acknowledged", acknowledged, ref)
    decided = informed = None
    if seen is not None:
        if source.has_decisions:
            decided = _after(events, seen.at, lambda e: e.what in ("plan", "corridor"))
        informed = _after(events, seen.at, lambda e: e.what == "export" and not e.detail.get("product"))
    latencies["decided"] = _latency("decided", decided.at if decided else None, ref)
    latencies["informed"] = _latency("informed", informed.at if informed else None, ref)
    if not source.has_decisions:
        note = note or "audit CSV: alerts and decisions are not in an audit log"
    status = "seen" if seen else ("delivered, not seen" if delivery is not None and delivery.how == "dropped"
                                  else "not seen")
    return OrgRow(source.org, status, note, latencies)


def _sharing_decisions(source: Source, start: datetime) -> list[SharingDecision]:
    from humanops.sharing.audit_report import reason_words

    out = []
    for e in source.events:
        when = format_offset(e.at.scenario - start) if e.at.scenario else "?"
        if e.what == "export" and not e.detail.get("product"):
            recipients = e.counts.get("recipients") if isinstance(e.counts.get("recipients"), dict) else {}
            for recipient, totals in sorted(recipients.items()):
                withheld = totals.get("withheld") if isinstance(totals, dict) else None
                if isinstance(withheld, dict) and withheld:
                    reasons = {str(k): int(v) for k, v in withheld.items() if isinstance(v, int)}
                    out.append(SharingDecision(source.org, when, "withheld", str(recipient), reasons,
                                               " ".join(reason_words(c) for c in sorted(reasons))))
        elif e.what == "import" and e.detail.get("quarantined"):
            codes: dict[str, int] = {}
            for item in e.detail["quarantined"]:
                code = str(item).rsplit(":", 1)[-1]
                codes[code] = codes.get(code, 0) + 1
            out.append(SharingDecision(source.org, when, "quarantined", e.counterpart, codes,
                                       " ".join(reason_words(c) for c in sorted(codes))))
        elif e.what == "refused_import":
            out.append(SharingDecision(source.org, when, "refused", e.counterpart, {},
                                       str(e.detail.get("reason", ""))))
    return out


# --- the page ------------------------------------------------------------------------------------------

def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def duration_text(value: timedelta | None) -> str:
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def timeline_svg(row: InjectRow) -> tuple[str, int, int]:
    """One inject's chart: a lane per organisation, a mark per moment at its scenario latency."""
    width, lane, left, top = 640, 22, 130, 24
    height = top + lane * max(1, len(row.organisations)) + 30
    spans = [lat.scenario.total_seconds() for o in row.organisations for lat in o.latencies.values()
             if lat.scenario is not None]
    most = max([60.0, *spans])
    scale = (width - left - 20) / most
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
             f'<text x="4" y="14" font-weight="bold">{_e(row.offset)} {_e(row.id)} — scenario time after the '
             'inject</text>']
    for i, org in enumerate(row.organisations):
        y = top + i * lane + lane / 2
        parts.append(f'<text x="4" y="{y + 4:.0f}">{_e(org.org)}</text>'
                     f'<line x1="{left}" y1="{y:.0f}" x2="{width - 20}" y2="{y:.0f}" stroke="#dddddd"/>')
        if org.status == "withheld":
            parts.append(f'<text x="{left + 4}" y="{y + 4:.0f}" fill="#777777">withheld by the sharing policy</text>')
        for m in MOMENTS:
            lat = org.latencies[m].scenario
            if lat is not None:
                x = left + max(0.0, lat.total_seconds()) * scale
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.0f}" r="5" fill="{MOMENT_COLOURS[m]}">'
                             f'<title>{_e(MOMENT_WORDS[m])}: {duration_text(lat)}</title></circle>')
    axis = top + lane * max(1, len(row.organisations)) + 4
    for k in range(5):
        x = left + (width - left - 20) * k / 4
        parts.append(f'<line x1="{x:.0f}" y1="{axis}" x2="{x:.0f}" y2="{axis + 4}" stroke="#555555"/>'
                     f'<text x="{x:.0f}" y="{axis + 16}" text-anchor="{"end" if k == 4 else "middle"}">'
                     f'{duration_text(timedelta(seconds=most * k / 4))}</text>')
    parts.append("</svg>")
    return "".join(parts), width, height


def _legend() -> str:
    return "<p>" + " ".join(f'<span style="color:{MOMENT_COLOURS[m]}">●</span> {_e(MOMENT_WORDS[m])}'
                            for m in MOMENTS) + "</p>"


def render_report_html(report: ExerciseReport, chart: Callable[[str, int, int], str] | None = None) -> str:
    """The report as one self-contained HTML page (inline SVG, no script, nothing fetched).
    ``chart(svg, width, height)`` gives the HTML of a chart (the PDF puts an image in its place)."""
    chart = chart or (lambda svg, _w, _h: svg)
    banner = f"EXERCISE — {report.name}"
    out = ["<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">",
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">",
           f"<title>{_e(banner)}: decision timelines</title><style>body{{font:13px sans-serif;margin:16px}}"
           "table{border-collapse:collapse;margin-bottom:12px}td,th{border:1px solid #999;padding:2px 6px;"
           "vertical-align:top}td.n{text-align:right}.banner{background:#c2007e;color:#fff;font-weight:bold;"
           "padding:4px 8px}</style></head><body>",
           f'<p class="banner">{_e(banner)}</p>',
           f"<h1>Decision timelines: {_e(report.name)}</h1>",
           f"<p>Exercise start (T+0): {_e(format_time(report.start))}. Controller: {_e(report.controller or '—')}. "
           "Latencies from the moment each inject was played, in scenario time (what the exercise measures: the "
           "response as rehearsed, whatever the speed-up and pauses) and in wall time (how long people took); "
           "— where a record holds no such time.</p>",
           "<h2>Records read</h2>",
           _html_table(("Organisation", "File", "Kind", "Verification"),
                       [(s.org + (" (controller)" if s.record is not None else ""), Path(s.file).name, s.kind,
                         s.verified) for s in report.sources]),
           "<h2>Per inject</h2>", _legend()]
    for row in report.injects:
        out.append(f"<h3>{_e(row.offset)} · {_e(row.id)} ({_e(row.kind)}) {_e(row.title)}</h3>")
        out.append(f"<p>Played at {_e(format_time(row.played.scenario) or '?')} (scenario), "
                   f"{_e(format_time(row.played.wall) or '—')} (wall); {_e(row.state)}.</p>")
        if row.organisations:
            out.append(chart(*timeline_svg(row)))
        headers = ("Organisation", "Status", *(f"{MOMENT_WORDS[m]}: scenario / wall" for m in MOMENTS), "Note")
        out.append(_html_table(headers, [
            (o.org, o.status, *(f"{duration_text(o.latencies[m].scenario)} / {duration_text(o.latencies[m].wall)}"
                                for m in MOMENTS), o.note) for o in row.organisations]))
    out.append("<h2>Sharing decisions</h2>")
    if report.sharing:
        out.append(_html_table(("When", "Organisation", "Decision", "With", "Features", "Why"), [
            (d.when, d.org, d.what, d.counterpart, ", ".join(f"{c} {n}" for c, n in sorted(d.reasons.items())),
             d.words) for d in report.sharing]))
    else:
        out.append("<p>Nothing was withheld, quarantined or refused in the records read.</p>")
    out.append(f'<p class="banner">{_e(banner)}</p></body></html>\n')
    return "\n".join(out)


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

