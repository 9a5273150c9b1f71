"""``humanops import ALERT.cap|FOLDER|FEED``: CAP alerts into danger zones, and their Updates
and Cancels onto the same zones.

The alerts are read whole first (:mod:`humanops.formats.cap_feeds`), in the order they were
sent, and planned against the zones earlier alerts made (:mod:`humanops.formats.cap_links`):

- an ``Alert`` makes one danger zone per ``<info>``/``<area>``;
- an ``Update`` replaces the zones of the alerts it references, area for area (same info and
  area position: same zone, new version); an area it adds makes a new zone; a zone it leaves out
  is ended as by a Cancel;
- a ``Cancel`` ends the zones of the alerts it references: their ``valid_until`` becomes the
  Cancel's ``sent`` time. Ended, not deleted: the zone stays in the workspace and its history, so
  "valid at" a past time, an exposure or a route planned before the Cancel, and what partners
  were sent still read as they were; every question asked for a time after it no longer sees it.

Every zone row (new or updated) goes through the importer's per-feature checks and report, so
``--dry-run``, ``--skip-rejected`` and ``--set``/``--map`` behave as for any file; all writes are
one transaction. An alert already imported (same sender and identifier) is skipped, so a feed
read again adds nothing twice.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.errors import FormatError, UsageError
from humanops.feedback import Feedback
from humanops.formats import cap_links
from humanops.formats.cap_feeds import read_cap_sources
from humanops.formats.cap_in import CapAlert, CapArea, CapInfo, cap_confidence, cap_hazard, cap_severity
from humanops.formats.cap_links import CapZoneLink
from humanops.formats.field_mapping import MappingChoice, check_choice
from humanops.formats.import_report import ImportReport, LayerImport
from humanops.formats.sources import ReadProblem, SourceLayer
from humanops.model.clock import workspace_now
from humanops.store.workspace import Workspace

LAYER = "danger_zone"
IGNORED_STATUSES = {  # CAP 1.2 §3.2.1: not to be acted on
    "Test": "a technical test, which CAP says to disregard",
    "Draft": "a draft, not actionable",
    "System": "an alert network's own message",
}
# "EXERCISE — NAME" as humanops.model.exercise.banner_text writes it first in an exercise's <note>
_EXERCISE_NOTE = re.compile(r"^\s*EXERCISE\s+[—–-]\s+([^;]*?)\s*(?:;|$)")


def _utc(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Zone:
    """One danger zone as the alerts read so far leave it."""

    uuid: str
    existing: bool  # already in the workspace (else made by this import)
    row: int | None = None  # its row in the zone rows to check and write, if it gets one
    end_at: datetime | None = None  # ended by a Cancel or an Update (the ending alert's sent)
    ended_by: str = ""
    valid_from: Any = None  # of the stored zone, to keep an end after it
    never_valid: bool = False  # cancelled before its onset: deleted once written


@dataclass
class _Plan:
    rows: list[dict[str, Any]] = field(default_factory=list)  # kind fields + geometry + where
    problems: list[ReadProblem] = field(default_factory=list)
    zones: dict[str, _Zone] = field(default_factory=dict)  # uuid -> zone
    links: list[CapZoneLink] = field(default_factory=list)
    # (sender, identifier) -> (info, area, zone uuid) of each alert planned
    slots: dict[tuple[str, str], list[tuple[int, int, str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def import_cap(workspace: Workspace, path: Path, *, layer: str | None = None, dry_run: bool = False,
               skip_rejected: bool = False, feedback: Feedback | None = None,
               mapping: MappingChoice | None = None) -> ImportReport:
    """Import the CAP alerts of ``path`` (a file, a folder or a feed); see the module docstring.
    Raises :class:`FormatError` for a file that is not a readable alert, :class:`ImportRefused`
    (nothing written) as :func:`humanops.formats.importer.import_file` does."""
    from humanops.formats.importer import _prepare, _refuse_if_needed

    file = str(path)
    feedback = feedback or Feedback()
    if not path.exists():
        raise FormatError("no such file or folder", file=file)
    if (layer or (mapping.layer if mapping else None)) not in (None, LAYER):
        raise UsageError(f"CAP alerts become {LAYER} features: give --layer {LAYER}, or no --layer")
    kind = workspace.kind(LAYER)
    if mapping is not None:
        check_choice(kind, mapping)
    feedback.progress(0.0, f"reading {path.name}")
    sources = read_cap_sources(path)
    hazard_given = mapping is not None and ("hazard" in mapping.constants or "hazard" in mapping.columns)
    plan = _Plan(skipped=list(sources.skipped))
    for alert in sources.alerts:
        _plan_alert(workspace, plan, alert, hazard_given)
    ends = [z for z in plan.zones.values() if z.end_at is not None and z.row is None]
    if not plan.rows and not ends:
        why = "; ".join(f"{where}: {reason}" for where, reason in plan.skipped) or "the file holds no CAP alert"
        raise FormatError(f"nothing to import ({why})", file=file)
    report = ImportReport(file=file, format="CAP", dry_run=dry_run, skip_rejected=skip_rejected,
                          skipped_layers=plan.skipped)
    feedback.progress(0.3, "checking zones")
    prepared = None
    if plan.rows:
        source = _source(path, plan)
        prepared = _prepare(workspace, file, source, kind, "CAP alerts are danger zones", None, skip_rejected,
                            feedback.step(0.3, 0.6), mapping)
        prepared.report.notes += plan.notes
        report.layers = [prepared.report]
        # "nothing left to import" does not hold while a Cancel still has zones to end
        if prepared.report.refusal or (prepared.report.rejected and not skip_rejected) or not ends:
            _refuse_if_needed(report, [prepared], skip_rejected)
    if dry_run:
        report.status = "dry-run"
        _note_only(report, plan)
        feedback.progress(1.0, "dry run done")
        return report
    feedback.progress(0.6, "writing")
    with workspace.transaction():
        _apply(workspace, plan, prepared)
        feedback.check()  # a cancel up to the commit still rolls everything back
    report.status = "imported"
    _note_only(report, plan)
    feedback.progress(1.0, "imported")
    return report


def _note_only(report: ImportReport, plan: _Plan) -> None:
    """A Cancel-only import has no zone rows: its report still says what it ends."""
    if not report.layers:
        from humanops.formats.mapping import FieldMapping

        report.layers = [LayerImport(source_layer=Path(report.file).stem, kind=LAYER, mapping=FieldMapping(kind=LAYER),
                                     kind_from="CAP alerts are danger zones", notes=list(plan.notes))]


# --- planning ------------------------------------------------------------------------------

def status_refusal(status: str, note: str, *, scenario: bool, exercise: str | None) -> str | None:
    """Why an alert of CAP ``status`` (its ``<note>`` beside) makes no danger zone in a workspace
    that is a ``scenario`` (the demo, an exercise: :func:`humanops.model.exercise.is_scenario`) of
    the ``exercise`` named (None: not an exercise); None when it does.

    CAP 1.2: ``Actual`` is actionable by all, ``Exercise`` only by the exercise's designated
    participants (its identifier in ``<note>``), ``Test``, ``Draft`` and ``System`` by nobody. So a
    real workspace takes only Actual alerts (an exercise's never become real danger zones); a
    scenario takes Exercise alerts too, except, in an exercise, one whose note names another
    exercise (two exercises never mix). A scenario also takes Actual alerts, as it takes a plain
    file: a real public warning is scenario material, and nothing leaves a scenario unmarked."""
    if status in IGNORED_STATUSES:
        return f"status {status}: {IGNORED_STATUSES[status]}"
    if status != "Exercise":
        return None
    match = _EXERCISE_NOTE.match(note)
    named = match.group(1) if match and match.group(1) else None
    if not scenario:
        of = f" of the exercise {named!r}" if named else ""
        return (f"status Exercise: an alert{of} for the exercise's participants only (CAP 1.2), and this workspace "
                "holds real data: exercise alerts never become real danger zones (import it into the exercise's "
                "workspace)")
    if exercise is not None and named is not None and named != exercise:
        return (f"status Exercise: an alert of the exercise {named!r}, and this workspace is the exercise "
                f"{exercise!r}: two exercises never mix")
    return None


def _plan_alert(workspace: Workspace, plan: _Plan, alert: CapAlert, hazard_given: bool) -> None:
    from humanops.model.exercise import exercise_name, is_scenario

    where = f"{alert.source_file}, {alert.label}"
    refusal = status_refusal(alert.status, alert.note, scenario=is_scenario(workspace),
                             exercise=exercise_name(workspace))
    if refusal is not None:
        plan.skipped.append((where, refusal))
        return
    if alert.msg_type in ("Ack", "Error"):
        plan.skipped.append((where, f"msgType {alert.msg_type} acknowledges or corrects a message; it has no area"))
        return
    key = (alert.sender, alert.identifier)
    if key in plan.slots or cap_links.alert_known(workspace, *key):
        plan.skipped.append((where, "already imported (same sender and identifier)"))
        return
    previous = _referenced(workspace, plan, alert)
    if alert.msg_type != "Alert" and not previous:
        refs = ", ".join(identifier for _, identifier, _ in alert.references)
        plan.skipped.append((where, f"{alert.msg_type} of alert(s) {refs}, which made no zone in this workspace"
                             + ("; its areas are imported as new zones" if alert.msg_type == "Update" else
                                ": nothing to end")))
    slots: list[tuple[int, int, str]] = []
    kept: set[str] = set()
    if alert.msg_type in ("Alert", "Update"):
        infos = _distinct_infos(plan, alert, where)
        if not any(info.areas for info in infos) and alert.msg_type == "Alert":
            missing = ", ".join(f"info {i.position}" for i in infos) or "it has no <info>"
            plan.skipped.append((where, f"no <area> ({missing}): no danger zone can be made from it"))
        for info in infos:
            for area in info.areas:
                target = previous.get((info.position, area.position))
                zone = _zone_for(workspace, plan, target)
                kept.add(zone.uuid)
                _add_row(plan, zone, alert, info, area, hazard_given)
                slots.append((info.position, area.position, zone.uuid))
                action = "updates" if target and zone.uuid == target else "makes"
                plan.notes.append(f"{alert.label} ({alert.msg_type}) {action} zone {zone.uuid} "
                                  f"(info {info.position}, area {area.position})")
    for (info_pos, area_pos), uuid in previous.items():
        if uuid in kept or (uuid not in plan.zones and not workspace.find_feature(LAYER, uuid)):
            continue
        zone = _zone_for(workspace, plan, uuid)
        zone.end_at, zone.ended_by = alert.sent, f"{alert.msg_type} {alert.identifier}"
        if zone.row is None and isinstance(zone.valid_from, datetime) and zone.valid_from >= alert.sent:
            zone.never_valid = True   # a stored zone cancelled before its onset: see _end_row
        if zone.row is not None:
            _end_row(plan.rows[zone.row], alert, zone)
        slots.append((info_pos, area_pos, uuid))
        plan.notes.append(f"{alert.label} ({alert.msg_type}) ends zone {uuid} at {_utc(alert.sent)}"
                          + (" (before its onset: removed, its history kept)" if zone.never_valid else ""))
    plan.slots[key] = slots
    ended = {z.uuid for z in plan.zones.values() if z.end_at is not None}
    plan.links += [CapZoneLink(alert.sender, alert.identifier, _utc(alert.sent) or "", alert.msg_type, i, a, LAYER, u,
                               "ended" if u in ended else "active") for i, a, u in slots]


def _referenced(workspace: Workspace, plan: _Plan, alert: CapAlert) -> dict[tuple[int, int], str]:
    """(info, area) -> zone uuid of the alerts ``alert`` references (read in this import or
    earlier); the first reference holding a slot keeps it."""
    out: dict[tuple[int, int], str] = {}
    for sender, identifier, _ in alert.references:
        if (sender, identifier) in plan.slots:
            slots = plan.slots[(sender, identifier)]
        else:
            slots = [(k.info, k.area, k.uuid) for k in cap_links.zones_of(workspace, sender, identifier)
                     if k.state == "active"]
        for info, area, uuid in slots:
            zone = plan.zones.get(uuid)
            if zone is not None and zone.end_at is not None:
                continue  # ended earlier in this import
            out.setdefault((info, area), uuid)
    return out


def _distinct_infos(plan: _Plan, alert: CapAlert, where: str) -> list[CapInfo]:
    """The infos, less those repeating an earlier info's areas in another language (one zone
    an area, not one a language)."""
    out: list[CapInfo] = []
    for info in alert.infos:
        twin = next((o for o in out if _same_areas(o, info)), None)
        if twin is not None:
            plan.skipped.append((f"{where}, info {info.position}", f"repeats info {twin.position}'s areas "
                                 f"(language {info.language}): one zone an area"))
            continue
        out.append(info)
    return out


def _same_areas(a: CapInfo, b: CapInfo) -> bool:
    if len(a.areas) != len(b.areas) or not a.areas:
        return False
    return all(x.geometry is not None and y.geometry is not None and shapely.equals(x.geometry, y.geometry)
               for x, y in zip(a.areas, b.areas, strict=True))


def _zone_for(workspace: Workspace, plan: _Plan, target: str | None) -> _Zone:
    if target is not None and target in plan.zones:
        return plan.zones[target]
    if target is not None:
        stored = workspace.find_feature(LAYER, target)
        if stored is not None:
            zone = _Zone(uuid=target, existing=True, valid_from=stored.properties.get("valid_from"))
            plan.zones[target] = zone
            return zone
    zone = _Zone(uuid=str(uuid_module.uuid4()), existing=False)  # a zone deleted since is made anew
    plan.zones[zone.uuid] = zone
    return zone


def _add_row(plan: _Plan, zone: _Zone, alert: CapAlert, info: CapInfo, area: CapArea, hazard_given: bool) -> None:
    where = f"{alert.label}, info {info.position}, area {area.position}"
    title = info.headline or info.event or f"CAP alert {alert.identifier}"
    name = f"{title}: {area.description}" if area.description else title
    notes = [f"CAP {alert.version} {alert.msg_type} {alert.identifier} from {alert.sender}, sent {_utc(alert.sent)}"
             f" (info {info.position}, area {area.position})."]
    if alert.status != "Actual":
        notes.append(f"Status {alert.status}.")
    notes.append(f"Event: {info.event}; CAP severity {info.severity}, urgency {info.urgency}, "
                 f"certainty {info.certainty}.")
    if info.sender_name:
        notes.append(f"Sender: {info.sender_name}.")
    if area.geocodes:
        notes.append(f"Geocodes: {', '.join(area.geocodes)}.")
    if info.description:
        notes.append(info.description)
    hazard = cap_hazard(info)
    row = {
        "uuid": None if zone.existing else zone.uuid,
        "name": name[:200], "hazard": hazard, "severity": cap_severity(info),
        "confidence": cap_confidence(info),
        "valid_from": _utc(info.onset or info.effective or alert.sent), "valid_until": _utc(info.expires),
        "source": alert.sender[:500], "notes": " ".join(notes)[:4000],
        "geometry": area.geometry, "where": where,
    }
    if zone.row is None:
        zone.row = len(plan.rows)
        plan.rows.append(row)
    else:  # an Update of a zone made earlier in this same import: the later state wins
        plan.rows[zone.row] = row
        plan.problems = [p for p in plan.problems if p.position != zone.row]
    zone.end_at = None
    if area.geometry is None:
        plan.problems.append(ReadProblem(zone.row, "geometry", f"{where} ({area.description[:60]!r}): {area.problem}"))
    if hazard is None and not hazard_given:
        categories = "/".join(info.categories) or "none"
        plan.problems.append(ReadProblem(
            zone.row, "hazard", f"{where}: CAP event {info.event!r} (category {categories}) matches no {LAYER} "
            "hazard (docs/cap-in.md lists the matches): give one with --set hazard=…"))


def _end_row(row: dict[str, Any], alert: CapAlert, zone: _Zone) -> None:
    end = _utc(alert.sent)
    if row["valid_from"] and end and row["valid_from"] >= end:
        # cancelled before its onset: never valid. No window says that (an empty one is refused),
        # so the zone is written as the alert made it, then deleted: its history says what happened
        zone.never_valid = True
        end = None
    row["valid_until"] = end
    row["notes"] = (f"Ended by CAP {alert.msg_type} {alert.identifier} sent {_utc(alert.sent)}. " + row["notes"])[:4000]


def _source(path: Path, plan: _Plan) -> SourceLayer:
    columns = ["uuid", "name", "hazard", "severity", "confidence", "valid_from", "valid_until", "source", "notes"]
    attributes = pd.DataFrame({c: [r[c] for r in plan.rows] for c in columns}, dtype=object)
    geoms = np.array([r["geometry"] for r in plan.rows], dtype=object)
    frame = gpd.GeoDataFrame(attributes, geometry=gpd.GeoSeries(geoms), crs=4326)
    problems = sorted(plan.problems, key=lambda p: (p.position, p.field))
    return SourceLayer(name=path.stem, frame=frame, rows=np.arange(1, len(plan.rows) + 1), row_word="area",
                       problems=problems)


# --- writing -------------------------------------------------------------------------------

def _apply(workspace: Workspace, plan: _Plan, prepared: Any) -> None:
    from humanops.formats.importer import _write

    if prepared is not None:
        kept = np.flatnonzero(~prepared.rejected)  # CAP zones are never exploded: one row a zone
        by_row = {int(row): i for i, row in enumerate(kept)}
        new = [i for row, i in by_row.items() if not _zone_at(plan, row).existing]
        updates = [(row, i) for row, i in by_row.items() if _zone_at(plan, row).existing]
        if new:
            subset = _subset(prepared, new)
            _write(workspace, subset, Feedback())
        for row, i in updates:
            zone = _zone_at(plan, row)
            values = prepared.values.iloc[i]
            properties = {name: _plain(values[name]) for name in prepared.values.columns}
            workspace.update_feature(LAYER, zone.uuid, geometry=prepared.frame.geometry.iloc[i],
                                     properties=properties)
    for zone in plan.zones.values():
        if zone.existing and zone.end_at is not None and zone.row is None:
            current = workspace.get_feature(LAYER, zone.uuid)
            end = zone.end_at
            notes = f"Ended by CAP {zone.ended_by} at {_utc(zone.end_at)}. {current.properties.get('notes') or ''}"
            workspace.update_feature(LAYER, zone.uuid, properties={
                "valid_until": None if zone.never_valid else end, "notes": notes[:4000].strip()})
    for zone in plan.zones.values():
        if zone.never_valid and workspace.find_feature(LAYER, zone.uuid) is not None:
            workspace.delete_feature(LAYER, zone.uuid)
    cap_links.record(workspace, plan.links, _utc(workspace_now(workspace)) or "")
    cap_links.mark_ended(workspace, LAYER, [z.uuid for z in plan.zones.values() if z.end_at is not None])


def _zone_at(plan: _Plan, row: int) -> _Zone:
    return next(z for z in plan.zones.values() if z.row == row)


def _subset(prepared: Any, positions: list[int]) -> Any:
    from dataclasses import replace

    return replace(prepared, frame=prepared.frame.iloc[positions].reset_index(drop=True),
                   markings=prepared.markings.iloc[positions].reset_index(drop=True),
                   values=prepared.values.iloc[positions].reset_index(drop=True))


def _plain(value: Any) -> Any:
    """A coerced frame value as the single-feature API takes it."""
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value
