"""Preauthorised triggers: threshold rules evaluated after every edit and import, raising alerts.

Rules come from a TOML file adopted into the workspace (meta key ``trigger_rules``; the format is in
:mod:`humanops.analysis.trigger_rules`). :func:`adopt_rules` checks every rule before storing any:
a malformed file changes nothing. Alerts live in the workspace table ``humanops_alerts`` (so the
app's alerts panel, QGIS and a partner's audit can read them), one row per (rule, subject):

* subject ``corridor:<uuid>`` for ``danger_near_corridor``, ``admin:<code>`` for
  ``population_exposed``, ``zone:<uuid>`` for ``need_near_danger`` (one alert per rule and danger
  zone, listing every need near it, not one per need: a flood of alerts hides the one that matters);
* ``features``: every feature that fired it, as ``{"layer", "uuid", "role"}`` (role ``subject`` or
  ``cause``; the needs are the causes of a ``need_near_danger`` alert, so a new need near the same
  zone raises an acknowledged alert again);
* what its CAP messages say, in every language of ``resources/cap/rule_texts.toml``
  (:mod:`humanops.analysis.trigger_texts`): ``texts``, with the rule's instruction, web address,
  event codes, the needs' P-codes as geocodes and how long it stands (``expires_hours``, and
  ``zones_valid_until``, the end of the danger zones that fired it);
* ``state``: ``active`` → ``acknowledged`` (by a user) → ``resolved`` (the condition no longer
  holds). A resolved alert that fires again, or an acknowledged one that gains a new cause
  (a new danger zone near the same corridor), becomes ``active`` again.
* the marking of the alert is the most restrictive TLP of the features that fired it, releasable to
  the organisations every one of those restricted features is releasable to.

:class:`TriggerEngine` subscribes to the workspace and re-evaluates, after each committed change,
only the rules that read the changed layer; one evaluation reads each layer once and tests all
features at once with STRtree queries (a few thousand features: tens of milliseconds). Times
(fired, acknowledged, resolved, "valid at") come from the workspace clock
(:func:`humanops.model.clock.workspace_now`): a scenario's time in a scenario workspace.
"""

from __future__ import annotations

import json
import logging
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.analysis.exposure import pairs_within
from humanops.analysis.layer_reader import read_features
from humanops.analysis.projection import to_metric, utm_crs_for
from humanops.analysis.trigger_rules import TriggerRule, parse_rule_file, parse_rules
from humanops.analysis.trigger_texts import ENGLISH, LabelFor, Phrases, rule_text, text_table, truncate_headline
from humanops.errors import AnalysisError, WorkspaceError
from humanops.model.clock import workspace_now
from humanops.model.marking import TLP, format_time, parse_time, split_list
from humanops.store.cap_messages import RESPONSE_LANGUAGES_KEY
from humanops.store.sql_dialect import COLUMN_TYPES, AppTable, declare

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange

log = logging.getLogger(__name__)

RULES_META_KEY = "trigger_rules"
RULES_SOURCE_META_KEY = "trigger_rules_source"
# The languages the response issues its alerts in (English first), set by the adopted rule file.
LANGUAGES_META_KEY = RESPONSE_LANGUAGES_KEY
LINES_LISTED = 20  # zones or needs written out in a description; then "... and N more"
GEOCODE_PCODE = "PCODE"  # CAP <geocode> valueName of an OCHA COD P-code (a need's admin_code)
EVENT_CODE_TRIGGER = "humanops:trigger"  # CAP <eventCode> valueNames: the rule type, the zones' hazards
EVENT_CODE_HAZARD = "humanops:hazard"
ALERTS_TABLE = "humanops_alerts"
ALERT_STATES = ("active", "acknowledged", "resolved")
CONFIDENCE_CERTAINTY = {"high": "Observed", "medium": "Likely", "low": "Possible", "unconfirmed": "Unlikely"}
_CERTAINTY_ORDER = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
MARKING_COLUMNS = ["tlp", "releasable_to", "caveats"]

ALERTS_DDL = f"""
    CREATE TABLE IF NOT EXISTS {ALERTS_TABLE} (
        id TEXT PRIMARY KEY NOT NULL,
        rule_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('active', 'acknowledged', 'resolved')),
        level TEXT NOT NULL,
        category TEXT, event TEXT, severity TEXT, urgency TEXT, certainty TEXT,
        headline TEXT NOT NULL, description TEXT,
        features TEXT NOT NULL,
        area_wkt TEXT, area_radius_m REAL, area_desc TEXT,
        tlp TEXT, releasable_to TEXT, caveats TEXT,
        first_fired DATETIME NOT NULL, last_fired DATETIME NOT NULL, updated DATETIME NOT NULL,
        acknowledged DATETIME, acknowledged_by TEXT, resolved DATETIME,
        instruction TEXT, web TEXT, event_codes TEXT, geocodes TEXT, zones_valid_until DATETIME,
        expires_hours REAL, texts TEXT,
        UNIQUE (rule_id, subject))"""
# Columns later versions added, with their types: added to an older table on first use.
_ADDED_COLUMNS = {"instruction": "TEXT", "web": "TEXT", "event_codes": "TEXT", "geocodes": "TEXT",
                  "zones_valid_until": "DATETIME", "expires_hours": "REAL", "texts": "TEXT"}
# The table as both backends make it (store.sql_dialect); ALERTS_DDL above is the same table in
# SQLite's words, kept as the form an earlier version's GeoPackage holds.
ALERTS = AppTable(ALERTS_TABLE, "HumanOps: alerts raised by the preauthorised trigger rules", (
    "id TEXT PRIMARY KEY NOT NULL", "rule_id TEXT NOT NULL", "subject TEXT NOT NULL",
    "state TEXT NOT NULL CHECK (state IN ('active', 'acknowledged', 'resolved'))", "level TEXT NOT NULL",
    "category TEXT", "event TEXT", "severity TEXT", "urgency TEXT", "certainty TEXT",
    "headline TEXT NOT NULL", "description TEXT", "features TEXT NOT NULL",
    "area_wkt TEXT", "area_radius_m REAL", "area_desc TEXT", "tlp TEXT", "releasable_to TEXT", "caveats TEXT",
    "first_fired DATETIME NOT NULL", "last_fired DATETIME NOT NULL", "updated DATETIME NOT NULL",
    "acknowledged DATETIME", "acknowledged_by TEXT", "resolved DATETIME",
    *(f"{name} {type_name}" for name, type_name in _ADDED_COLUMNS.items()),
), constraints=("UNIQUE (rule_id, subject)",), indexes=((f"{ALERTS_TABLE}_state", "state"),))
declare([ALERTS])
_ALERT_COLUMNS = ("id", "rule_id", "subject", "state", "level", "category", "event", "severity", "urgency",
                  "certainty", "headline", "description", "features", "area_wkt", "area_radius_m", "area_desc",
                  "tlp", "releasable_to", "caveats", "first_fired", "last_fired", "updated", "acknowledged",
                  "acknowledged_by", "resolved", *_ADDED_COLUMNS)


@dataclass(frozen=True)
class FeatureRef:
    layer: str
    uuid: str
    role: str = "cause"  # subject: what the alert is about; cause: what made it fire


@dataclass(frozen=True)
class Alert:
    """One alert: which rule fired, about what, because of which features, and how to word it."""

    rule_id: str
    subject: str
    level: str
    headline: str
    description: str
    features: tuple[FeatureRef, ...]
    severity: str  # CAP: Extreme | Severe | Moderate | Minor | Unknown
    urgency: str  # CAP: Immediate | Expected | Future | Past | Unknown
    certainty: str  # CAP: Observed | Likely | Possible | Unlikely | Unknown
    category: str = "Safety"
    event: str = ""
    area: Any = None  # EPSG:4326 shapely geometry (a polygon, or a point with area_radius_m)
    area_radius_m: float | None = None
    area_desc: str = ""
    tlp: str = "AMBER"
    releasable_to: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    id: str = ""
    state: str = "active"
    first_fired: datetime | None = None
    last_fired: datetime | None = None
    updated: datetime | None = None
    acknowledged: datetime | None = None
    acknowledged_by: str | None = None
    resolved: datetime | None = None
    instruction: str = ""  # CAP <instruction>: the agreed action
    web: str = ""
    event_codes: tuple[tuple[str, str], ...] = ()  # CAP <eventCode> (valueName, value)
    geocodes: tuple[tuple[str, str], ...] = ()  # CAP <geocode> (valueName, value): the needs' P-codes
    zones_valid_until: datetime | None = None  # the end of the danger zones that fired it (None: open)
    expires_hours: float = 24.0
    # {lang: {"event", "headline", "description", "instruction", "area", "cancel_headline",
    #         "cancel_description"[, "untranslated": [the rule's own texts left in English]]}}
    texts: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    @property
    def sent(self) -> datetime | None:
        return self.last_fired

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "rule": self.rule_id, "subject": self.subject, "state": self.state, "level": self.level,
            "severity": self.severity, "urgency": self.urgency, "certainty": self.certainty,
            "category": self.category, "event": self.event, "headline": self.headline,
            "description": self.description,
            "features": [{"layer": f.layer, "uuid": f.uuid, "role": f.role} for f in self.features],
            "instruction": self.instruction, "web": self.web,
            "geocodes": [{"valueName": n, "value": v} for n, v in self.geocodes],
            "area_desc": self.area_desc, "tlp": self.tlp, "releasable_to": list(self.releasable_to),
            "first_fired": format_time(self.first_fired), "last_fired": format_time(self.last_fired),
            "acknowledged": format_time(self.acknowledged), "acknowledged_by": self.acknowledged_by,
            "resolved": format_time(self.resolved),
        }


# --------------------------------------------------------------------------- rules in the workspace


def load_rules(workspace: Workspace) -> list[TriggerRule]:
    """The adopted rules (none if no file was adopted)."""
    text = workspace.get_meta(RULES_META_KEY)
    return parse_rules(text, source="workspace trigger rules") if text else []


def adopt_rules(workspace: Workspace, path: str | Path) -> list[TriggerRule]:
    """Check every rule in the file, then store the file as the workspace's rules (all or nothing).

    Alerts of rules that are no longer in the file are resolved. Returns the adopted rules.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise AnalysisError(f"cannot read the rule file: {reason}", file=str(path)) from None
    rule_file = parse_rule_file(text, source=str(path))  # raises before anything is written
    rules = rule_file.rules
    ids = {r.id for r in rules}
    now = workspace_now(workspace)
    with workspace.transaction():
        db = workspace.sql
        db.upsert_many("humanops_meta", ("key", "value"), [
            (RULES_META_KEY, text), (LANGUAGES_META_KEY, " ".join(rule_file.languages)),
            (RULES_SOURCE_META_KEY, json.dumps({"file": path.name, "adopted": format_time(now)}))], ("key",))
        ensure_alerts_table(workspace)
        stale = [r[0] for r in db.execute(f"SELECT id, rule_id FROM {ALERTS_TABLE} WHERE state != 'resolved'")
                 if r[1] not in ids]
        db.executemany(f"UPDATE {ALERTS_TABLE} SET state = 'resolved', resolved = ?, updated = ? WHERE id = ?",
                       [(format_time(now), format_time(now), i) for i in stale])
    return rules


# --------------------------------------------------------------------------- alerts table


def ensure_alerts_table(workspace: Workspace) -> None:
    db = workspace.sql
    columns = db.table_columns(ALERTS_TABLE)
    if columns:
        missing = [c for c in _ADDED_COLUMNS if c not in columns]
        ours = {"rule_id", "subject", "features", "state"} <= set(columns)  # not one another tool made
        if missing and ours:  # a table an earlier version made: its alerts gain the new columns, empty
            with workspace.transaction():
                for column in missing:
                    db.execute(f"ALTER TABLE {ALERTS_TABLE} ADD COLUMN {column} "
                               f"{COLUMN_TYPES[_ADDED_COLUMNS[column]][db.backend]}")
        return
    with workspace.transaction():
        db.ensure_tables([ALERTS])


def _alert_from_row(row: Sequence[Any]) -> Alert:
    r = dict(zip(_ALERT_COLUMNS, row, strict=True))
    features = tuple(FeatureRef(f["layer"], f["uuid"], f.get("role", "cause")) for f in json.loads(r["features"]))
    return Alert(
        id=r["id"], rule_id=r["rule_id"], subject=r["subject"], state=r["state"], level=r["level"],
        category=r["category"] or "Safety", event=r["event"] or "", severity=r["severity"] or "Unknown",
        urgency=r["urgency"] or "Unknown", certainty=r["certainty"] or "Unknown", headline=r["headline"],
        description=r["description"] or "", features=features,
        area=shapely.from_wkt(r["area_wkt"]) if r["area_wkt"] else None, area_radius_m=r["area_radius_m"],
        area_desc=r["area_desc"] or "", tlp=r["tlp"] or "AMBER", releasable_to=split_list(r["releasable_to"]),
        caveats=split_list(r["caveats"]), first_fired=parse_time(r["first_fired"]),
        last_fired=parse_time(r["last_fired"]), updated=parse_time(r["updated"]),
        acknowledged=parse_time(r["acknowledged"]), acknowledged_by=r["acknowledged_by"],
        resolved=parse_time(r["resolved"]), instruction=r["instruction"] or "", web=r["web"] or "",
        event_codes=_pairs(r["event_codes"]), geocodes=_pairs(r["geocodes"]),
        zones_valid_until=parse_time(r["zones_valid_until"]),
        expires_hours=float(r["expires_hours"]) if r["expires_hours"] is not None else 24.0,
        texts=json.loads(r["texts"]) if r["texts"] else {})


def _pairs(text: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in json.loads(text)) if text else ()


def _alert_row(alert: Alert) -> tuple[Any, ...]:
    return (alert.id, alert.rule_id, alert.subject, alert.state, alert.level, alert.category, alert.event,
            alert.severity, alert.urgency, alert.certainty, alert.headline, alert.description,
            json.dumps([{"layer": f.layer, "uuid": f.uuid, "role": f.role} for f in alert.features]),
            alert.area.wkt if alert.area is not None else None, alert.area_radius_m, alert.area_desc,
            alert.tlp, ",".join(alert.releasable_to) or None, ",".join(alert.caveats) or None,
            format_time(alert.first_fired), format_time(alert.last_fired), format_time(alert.updated),
            format_time(alert.acknowledged), alert.acknowledged_by, format_time(alert.resolved),
            alert.instruction or None, alert.web or None, json.dumps(alert.event_codes),
            json.dumps(alert.geocodes), format_time(alert.zones_valid_until), alert.expires_hours,
            json.dumps(alert.texts, ensure_ascii=False, sort_keys=True))


def list_alerts(workspace: Workspace, *, states: Iterable[str] | None = None,
                rule_ids: Iterable[str] | None = None) -> list[Alert]:
    """Stored alerts, newest first (all states unless ``states`` given)."""
    ensure_alerts_table(workspace)
    sql = f"SELECT {', '.join(_ALERT_COLUMNS)} FROM {ALERTS_TABLE}"
    clauses, params = [], []
    if states is not None:
        states = list(states)
        clauses.append(f"state IN ({','.join('?' * len(states))})")
        params += states
    if rule_ids is not None:
        rule_ids = list(rule_ids)
        clauses.append(f"rule_id IN ({','.join('?' * len(rule_ids))})")
        params += rule_ids
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY last_fired DESC, rule_id, subject"
    return [_alert_from_row(r) for r in workspace.sql.execute(sql, params)]


def get_alert(workspace: Workspace, alert_id: str) -> Alert:
    ensure_alerts_table(workspace)
    rows = workspace.sql.execute(
        f"SELECT {', '.join(_ALERT_COLUMNS)} FROM {ALERTS_TABLE} WHERE id = ? OR id LIKE ?",
        (alert_id, f"{alert_id}%")).fetchall()
    exact = [r for r in rows if r[0] == alert_id]
    if exact or len(rows) == 1:
        return _alert_from_row((exact or rows)[0])
    if not rows:
        raise AnalysisError(f"no alert {alert_id!r} (humanops triggers check lists them)")
    raise AnalysisError(f"alert id {alert_id!r} is ambiguous ({len(rows)} alerts start with it)")


def acknowledge(workspace: Workspace, alert_id: str, *, by: str = "") -> Alert:
    """Mark an active alert as seen; it stays listed until its condition no longer holds."""
    alert = get_alert(workspace, alert_id)
    if alert.state == "resolved":
        raise AnalysisError(f"alert {alert.id} is resolved already")
    now = format_time(workspace_now(workspace))
    with workspace.transaction():
        workspace.sql.execute(f"UPDATE {ALERTS_TABLE} SET state = 'acknowledged', acknowledged = ?, "
                              "acknowledged_by = ?, updated = ? WHERE id = ?",
                              (now, by or workspace.organisation, now, alert.id))
    return get_alert(workspace, alert.id)


# --------------------------------------------------------------------------- evaluation


@dataclass
class _Inputs:
    """The layers the rules read, each read once per evaluation."""

    at: datetime
    zones: gpd.GeoDataFrame | None = None
    corridors: gpd.GeoDataFrame | None = None
    needs: gpd.GeoDataFrame | None = None
    crs: Any = None
    label: LabelFor | None = None  # enum values in a language, from the layer kinds' translations


def _labels(workspace: Workspace) -> LabelFor:
    """How the layer kinds say a field value in a language (a hazard, a corridor status)."""
    fields: dict[tuple[str, str], Any] = {}

    def label(layer: str, field_name: str, value: Any, lang: str) -> str:
        key = (layer, field_name)
        if key not in fields:
            kinds = workspace.catalog
            fields[key] = None
            if layer in kinds:
                fields[key] = next((f for f in kinds[layer].fields if f.name == field_name), None)
        spec = fields[key]
        return spec.value_label(value, lang) if spec is not None else str(value)

    return label


def _read_inputs(workspace: Workspace, rules: Sequence[TriggerRule], at: datetime) -> _Inputs:
    layers = set().union(*(r.layers for r in rules)) if rules else set()
    inputs = _Inputs(at=at, label=_labels(workspace))
    if "danger_zone" in layers:
        inputs.zones = read_features(
            workspace, "danger_zone",
            ["uuid", "name", "hazard", "severity", "confidence", "valid_until", *MARKING_COLUMNS], at=at)
    if "corridor" in layers:
        inputs.corridors = read_features(
            workspace, "corridor", ["uuid", "name", "status", "width_m", *MARKING_COLUMNS], at=at)
    if "need" in layers:
        inputs.needs = read_features(
            workspace, "need", ["uuid", "name", "admin_code", "population", "severity_phase", *MARKING_COLUMNS])
    geoms = [np.asarray(f.geometry.values, dtype=object) for f in (inputs.zones, inputs.corridors, inputs.needs)
             if f is not None and len(f)]
    inputs.crs = utm_crs_for(geoms)
    return inputs


def _zones_for(rule: TriggerRule, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    severity = pd.to_numeric(zones["severity"], errors="coerce").fillna(0)
    keep = severity >= rule.min_severity
    if rule.hazards:
        keep &= zones["hazard"].isin(list(rule.hazards))
    return zones[keep.to_numpy()]


class _Columns:
    """A frame's columns as plain arrays, taken once per evaluation: an alert's rows are then a
    numpy index away (pandas' per-call cost, paid for every alert, dominated the evaluation)."""

    def __init__(self, arrays: dict[str, np.ndarray], geometry: np.ndarray) -> None:
        self.arrays = arrays
        self.geometry = geometry

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Columns:
        arrays = {c: frame[c].to_numpy(dtype=float if frame[c].dtype.kind in "fiu" else object)
                  for c in frame.columns if c != "geometry"}
        return cls(arrays, np.asarray(frame.geometry.values, dtype=object))

    def take(self, rows: Any) -> _Columns:
        return _Columns({c: a[rows] for c, a in self.arrays.items()}, self.geometry[rows])

    def __getitem__(self, column: str) -> np.ndarray:
        return self.arrays[column]

    def __len__(self) -> int:
        return len(self.geometry)


def _marking(parts: Iterable[_Columns]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The most restrictive TLP of the rows; releasable to the parties every restricted row allows."""
    tlp = TLP.CLEAR
    releasable: set[str] | None = None
    caveats: set[str] = set()
    for part in parts:
        for level, parties, cav in zip(part["tlp"], part["releasable_to"], part["caveats"], strict=True):
            parsed = TLP.parse(level) if isinstance(level, str) and level else TLP.AMBER
            tlp = max(tlp, parsed, key=lambda t: t.rank)
            listed = set(split_list(parties))
            if parsed.rank >= TLP.AMBER.rank and listed:
                releasable = listed if releasable is None else releasable & listed
            caveats |= set(split_list(cav))
    return tlp.value, tuple(sorted(releasable or ())), tuple(sorted(caveats))


def _certainty(rule: TriggerRule, zones: _Columns) -> str:
    if rule.certainty:
        return rule.certainty
    found = {CONFIDENCE_CERTAINTY.get(str(c), "Unknown") for c in zones["confidence"] if isinstance(c, str)}
    return next((c for c in _CERTAINTY_ORDER if c in found), "Likely")


def _zones_end(zones: _Columns) -> datetime | None:
    """When the last of ``zones`` ends; None when any of them has no end."""
    ends = [parse_time(v) if isinstance(v, str) else None for v in zones["valid_until"]]
    return None if not ends or any(e is None for e in ends) else max(e for e in ends if e is not None)


def _hull(geoms: Sequence[Any]) -> Any:
    """A simple EPSG:4326 polygon around ``geoms`` for the CAP area (their convex hull)."""
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return None
    hull = shapely.convex_hull(shapely.union_all(geoms))
    return hull if hull.geom_type == "Polygon" else None


def _zone_lines(say: Phrases, zones: _Columns) -> str:
    shown = min(len(zones), LINES_LISTED)  # only the lines written out are worded
    lines = [say.say("line.zone", name=n, hazard=say.label("danger_zone", "hazard", h), severity=int(s))
             for n, h, s in zip(zones["name"][:shown], zones["hazard"][:shown], zones["severity"][:shown],
                                strict=True)]
    return say.lines(lines, len(zones))


def _need_lines(say: Phrases, needs: _Columns) -> str:
    shown = min(len(needs), LINES_LISTED)
    lines = []
    for name, phase, population, code in zip(needs["name"][:shown], needs["severity_phase"][:shown],
                                             needs["population"][:shown], needs["admin_code"][:shown], strict=True):
        values = {"name": name, "phase": int(phase), "population": float(population)}
        lines.append(say.say("line.need_pcode", pcode=code, **values) if isinstance(code, str) and code
                     else say.say("line.need", **values))
    return say.lines(lines, len(needs))


# What an alert says in one language: (headline, description, area description).
Wording = Callable[[Phrases], tuple[str, str, str]]


def _texts(rule: TriggerRule, wording: Wording, label: LabelFor | None) -> dict[str, dict[str, Any]]:
    """The alert's texts in every language of the rule texts table (English included)."""
    table = text_table()
    out: dict[str, dict[str, Any]] = {}
    for lang in table.languages:
        say = Phrases(table, lang, label)
        headline, description, area = wording(say)
        untranslated: list[str] = []

        def own(key: str, lang: str = lang, missing: list[str] = untranslated) -> str:
            text = rule_text(rule, key, lang, table)
            if text is None:  # checked at adoption for the response's languages; the others say so
                missing.append(key)
                return str(getattr(rule, key))
            return text

        if rule.description:
            description = f"{description}\n\n{own('description')}"
        event = own("event") if rule.event else own("title") if rule.title else rule.id
        instruction = own("instruction") if rule.instruction else say.say(f"{rule.type}.instruction")
        entry: dict[str, Any] = {"event": event, "headline": truncate_headline(headline),
                                 "description": description, "instruction": instruction, "area": area,
                                 # what its Cancel says, should its condition stop holding
                                 "cancel_headline": truncate_headline(say.say("cancel.headline", headline=headline)),
                                 "cancel_description": say.say("cancel.description")}
        if untranslated:
            entry["untranslated"] = untranslated
        out[lang] = entry
    return out


def _rule_name(rule: TriggerRule, say: Phrases) -> str:
    """The rule as its descriptions name it: its title in the language (else in English), else its id."""
    return (rule_text(rule, "title", say.lang, say.table) or rule.title) if rule.title else rule.id


def _base(rule: TriggerRule, inputs: _Inputs, subject: str, wording: Wording, features: list[FeatureRef],
          zones: _Columns, marked: list[_Columns], geocodes: Iterable[tuple[str, str]] = (), **area: Any) -> Alert:
    tlp, releasable, caveats = _marking(marked)
    texts = _texts(rule, wording, inputs.label)
    english = texts[ENGLISH]
    hazards = sorted({h for h in zones["hazard"] if isinstance(h, str)})
    event_codes = ((EVENT_CODE_TRIGGER, rule.type), *((EVENT_CODE_HAZARD, h) for h in hazards), *rule.event_codes)
    return Alert(rule_id=rule.id, subject=subject, level=rule.level, headline=english["headline"],
                 description=english["description"], features=tuple(features), severity=rule.cap_severity,
                 urgency=rule.cap_urgency, certainty=_certainty(rule, zones), category=rule.category,
                 event=english["event"], tlp=tlp, releasable_to=releasable, caveats=caveats,
                 area_desc=english["area"], instruction=english["instruction"], web=rule.web,
                 event_codes=event_codes, geocodes=tuple(geocodes), zones_valid_until=_zones_end(zones),
                 expires_hours=rule.expires_hours, texts=texts, **area)


def _danger_near_corridor(rule: TriggerRule, inputs: _Inputs) -> list[Alert]:
    corridors, zones = inputs.corridors, _zones_for(rule, inputs.zones)
    corridors = corridors[corridors["status"].isin(list(rule.corridor_status)).to_numpy()]
    if len(corridors) == 0 or len(zones) == 0:
        return []
    lines = to_metric(np.asarray(corridors.geometry.values, dtype=object), inputs.crs)
    zone_geoms = to_metric(np.asarray(zones.geometry.values, dtype=object), inputs.crs)
    half = pd.to_numeric(corridors["width_m"], errors="coerce").fillna(0).to_numpy(dtype=float) / 2.0
    ci, zi = shapely.STRtree(zone_geoms).query(lines, predicate="dwithin", distance=half + rule.distance_m)
    all_zones, all_corridors = _Columns.of(zones), _Columns.of(corridors)
    alerts = []
    for c, zone_rows in _grouped(ci, zi):
        hit = all_zones.take(zone_rows)
        corridor = all_corridors.take([c])
        name, status, uuid = corridor["name"][0], corridor["status"][0], str(corridor["uuid"][0])
        worst = int(np.nanmax(hit["severity"]))

        def wording(say: Phrases, hit: _Columns = hit, name: str = name, status: str = status,
                    worst: int = worst) -> tuple[str, str, str]:
            return (say.say("danger_near_corridor.headline", corridor=name, zones=len(hit), worst=worst,
                            distance=rule.distance_m),
                    say.say("danger_near_corridor.description", rule=_rule_name(rule, say),
                            min_severity=rule.min_severity, distance=rule.distance_m,
                            status=say.label("corridor", "status", status), corridor=name,
                            zone_lines=_zone_lines(say, hit)),
                    say.say("danger_near_corridor.area", corridor=name))

        features = [FeatureRef("corridor", uuid, "subject"),
                    *(FeatureRef("danger_zone", str(u)) for u in sorted(hit["uuid"]))]
        alerts.append(_base(rule, inputs, f"corridor:{uuid}", wording, features, hit, [corridor, hit],
                            area=_hull(hit.geometry)))
    return alerts


def _population_exposed(rule: TriggerRule, inputs: _Inputs) -> list[Alert]:
    needs, zones = inputs.needs, _zones_for(rule, inputs.zones)
    if len(needs) == 0 or len(zones) == 0:
        return []
    pi, zi = pairs_within(np.asarray(needs.geometry.values, dtype=object),
                          np.asarray(zones.geometry.values, dtype=object), rule.distance_m, crs=inputs.crs)
    if pi.size == 0:
        return []
    exposed = np.unique(pi)
    admin = needs["admin_code"].astype(object).where(needs["admin_code"].notna(), "").to_numpy(dtype=object)
    population = pd.to_numeric(needs["population"], errors="coerce").fillna(0).to_numpy(dtype=float)
    totals = pd.Series(population[exposed]).groupby(admin[exposed]).sum()
    all_needs, all_zones = _Columns.of(needs), _Columns.of(zones)
    alerts = []
    for code, total in totals.items():
        if total <= rule.threshold or (rule.admin_codes and code not in rule.admin_codes):
            continue
        in_area = exposed[admin[exposed] == code]
        area_needs = all_needs.take(in_area)
        hit = all_zones.take(np.unique(zi[np.isin(pi, in_area)]))

        def wording(say: Phrases, code: str = code, total: float = total, area_needs: _Columns = area_needs,
                    hit: _Columns = hit) -> tuple[str, str, str]:
            where = (say.say("population_exposed.where_admin", code=code) if code
                     else say.say("population_exposed.where_unknown"))
            return (say.say("population_exposed.headline", people=int(total), where=where, threshold=rule.threshold),
                    say.say("population_exposed.description", rule=_rule_name(rule, say), people=int(total),
                            needs=len(area_needs), where=where, distance=rule.distance_m,
                            min_severity=rule.min_severity, zone_lines=_zone_lines(say, hit)),
                    say.say("population_exposed.area_admin", code=code) if code
                    else say.say("population_exposed.area_unknown"))

        features = [*(FeatureRef("need", str(u), "subject") for u in sorted(area_needs["uuid"])),
                    *(FeatureRef("danger_zone", str(u)) for u in sorted(hit["uuid"]))]
        alerts.append(_base(rule, inputs, f"admin:{code}", wording, features, hit, [area_needs, hit],
                            geocodes=[(GEOCODE_PCODE, code)] if code else [],
                            area=_hull([*area_needs.geometry, *hit.geometry])))
    return alerts


def _need_near_danger(rule: TriggerRule, inputs: _Inputs) -> list[Alert]:
    """One alert per danger zone with needs of the rule's phase near it, listing those needs."""
    needs, zones = inputs.needs, _zones_for(rule, inputs.zones)
    phase = pd.to_numeric(needs["severity_phase"], errors="coerce").fillna(0).to_numpy() if len(needs) else []
    needs = needs[np.asarray(phase) >= rule.min_phase]
    if len(needs) == 0 or len(zones) == 0:
        return []
    pi, zi = pairs_within(np.asarray(needs.geometry.values, dtype=object),
                          np.asarray(zones.geometry.values, dtype=object), rule.distance_m, crs=inputs.crs)
    all_needs, all_zones = _Columns.of(needs), _Columns.of(zones)
    need_names = all_needs["name"].astype(str)
    alerts = []
    for z, need_rows in _grouped(zi, pi):
        zone = all_zones.take([z])
        # the worst first, then by name: the lines written out are the ones to read
        near = all_needs.take(need_rows[np.lexsort((need_names[need_rows], -all_needs["severity_phase"][need_rows]))])
        name, hazard, uuid = zone["name"][0], zone["hazard"][0], str(zone["uuid"][0])
        severity = int(zone["severity"][0])
        people = float(np.nansum(near["population"]))

        def wording(say: Phrases, near: _Columns = near, name: str = name, hazard: str = hazard,
                    severity: int = severity, people: float = people) -> tuple[str, str, str]:
            hazard_words = say.label("danger_zone", "hazard", hazard)
            return (say.say("need_near_danger.headline", needs=len(near), min_phase=rule.min_phase,
                            distance=rule.distance_m, zone=name, hazard=hazard_words, severity=severity),
                    say.say("need_near_danger.description", rule=_rule_name(rule, say), needs=len(near),
                            min_phase=rule.min_phase, people=int(people), zone=name, hazard=hazard_words,
                            severity=severity, distance=rule.distance_m, need_lines=_need_lines(say, near)),
                    say.say("need_near_danger.area", zone=name))

        codes = sorted({c for c in near["admin_code"] if isinstance(c, str) and c})
        features = [FeatureRef("danger_zone", uuid, "subject"),
                    *(FeatureRef("need", str(u)) for u in sorted(near["uuid"]))]
        alerts.append(_base(rule, inputs, f"zone:{uuid}", wording, features, zone, [near, zone],
                            geocodes=[(GEOCODE_PCODE, c) for c in codes], area=zone.geometry[0]))
    return alerts


def _grouped(keys: np.ndarray, values: np.ndarray) -> Iterable[tuple[int, np.ndarray]]:
    """(key, its values) for each distinct key, in key order (one sort, not a scan per key)."""
    if not len(keys):  # np.split would still give one (empty) part
        return iter(())
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    unique, starts = np.unique(keys, return_index=True)
    return zip(unique.tolist(), np.split(values, starts[1:]), strict=True)


_EVALUATORS: dict[str, Callable[[TriggerRule, _Inputs], list[Alert]]] = {
    "danger_near_corridor": _danger_near_corridor,
    "population_exposed": _population_exposed,
    "need_near_danger": _need_near_danger,
}


def evaluate_rules(workspace: Workspace, rules: Sequence[TriggerRule], *, at: datetime | None = None) -> list[Alert]:
    """The alerts the rules fire now (not stored). Disabled rules fire nothing."""
    rules = [r for r in rules if r.enabled]
    inputs = _read_inputs(workspace, rules, at or workspace_now(workspace))
    alerts: list[Alert] = []
    for rule in rules:
        alerts += _EVALUATORS[rule.type](rule, inputs)
    return alerts


@dataclass
class EvaluationReport:
    """What one evaluation changed in ``humanops_alerts``."""

    raised: list[Alert] = field(default_factory=list)  # new, or active again
    updated: list[Alert] = field(default_factory=list)  # still firing, with other features or wording
    resolved: list[Alert] = field(default_factory=list)
    active: int = 0  # active + acknowledged after the evaluation
    rules: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.raised or self.updated or self.resolved)

    def to_dict(self) -> dict[str, Any]:
        return {"rules": self.rules, "raised": [a.id for a in self.raised], "updated": [a.id for a in self.updated],
                "resolved": [a.id for a in self.resolved], "active": self.active}


def _content(a: Alert) -> tuple[Any, ...]:
    """What an alert says (its CAP messages' content): a change in it is an update."""
    return (a.headline, a.description, a.features, a.severity, a.urgency, a.certainty, a.tlp, a.releasable_to,
            a.caveats, a.area_desc, a.event, a.category, a.instruction, a.web, a.event_codes, a.geocodes,
            a.zones_valid_until, a.expires_hours, a.texts)


def _same_content(a: Alert, b: Alert) -> bool:
    return _content(a) == _content(b)


def sync_alerts(workspace: Workspace, rules: Sequence[TriggerRule], fired: Sequence[Alert], *,
                now: datetime | None = None) -> EvaluationReport:
    """Store ``fired`` (the alerts ``rules`` raise now); resolve those of ``rules`` that no longer fire."""
    ensure_alerts_table(workspace)
    now = now or workspace_now(workspace)
    report = EvaluationReport(rules=[r.id for r in rules])
    rule_ids = [r.id for r in rules]
    existing = {(a.rule_id, a.subject): a for a in list_alerts(workspace, rule_ids=rule_ids)} if rule_ids else {}
    writes: list[Alert] = []
    for alert in fired:
        old = existing.pop((alert.rule_id, alert.subject), None)
        if old is None:
            new = replace(alert, id=str(uuid_module.uuid4()), state="active", first_fired=now, last_fired=now,
                          updated=now)
            report.raised.append(new)
            writes.append(new)
            continue
        new_causes = {f for f in alert.features if f.role == "cause"} - set(old.features)
        if old.state == "resolved" or (old.state == "acknowledged" and new_causes):
            new = replace(alert, id=old.id, state="active", first_fired=old.first_fired, last_fired=now,
                          updated=now, acknowledged=None, acknowledged_by=None, resolved=None)
            report.raised.append(new)
            writes.append(new)
        elif not _same_content(old, alert) or old.area != alert.area:
            new = replace(alert, id=old.id, state=old.state, first_fired=old.first_fired, last_fired=now,
                          updated=now, acknowledged=old.acknowledged, acknowledged_by=old.acknowledged_by)
            report.updated.append(new)
            writes.append(new)
    for old in existing.values():
        if old.state != "resolved":
            new = replace(old, state="resolved", resolved=now, updated=now)
            report.resolved.append(new)
            writes.append(new)
    if writes:
        with workspace.transaction():
            workspace.sql.upsert_many(ALERTS_TABLE, _ALERT_COLUMNS, [_alert_row(a) for a in writes], ("id",))
    report.active = workspace.sql.execute(
        f"SELECT count(*) FROM {ALERTS_TABLE} WHERE state != 'resolved'").fetchone()[0]
    return report


class TriggerEngine:
    """Evaluates the adopted rules and keeps ``humanops_alerts`` current.

    ``at`` fixes the time the danger zones and corridors must be valid at (default: the workspace
    clock's now, at each evaluation). :meth:`subscribe` re-evaluates after every committed change in a layer a rule
    reads; an error during that evaluation never breaks the edit (it is logged and kept in
    ``last_error``). ``on_alerts(report)`` callbacks run when alerts changed (the alerts panel).
    """

    def __init__(self, workspace: Workspace, *, at: datetime | None = None) -> None:
        self.workspace = workspace
        self.at = at
        self.last_report: EvaluationReport | None = None
        self.last_error: Exception | None = None
        self.evaluations = 0
        self._listeners: list[Callable[[EvaluationReport], None]] = []
        self._unsubscribe: Callable[[], None] | None = None
        self._rules_text: str | None = None
        self._rules: list[TriggerRule] = []

    @property
    def rules(self) -> list[TriggerRule]:
        text = self.workspace.get_meta(RULES_META_KEY)
        if text != self._rules_text:  # re-parse only when a new file was adopted
            self._rules = parse_rules(text, source="workspace trigger rules") if text else []
            self._rules_text = text
        return self._rules

    def on_alerts(self, listener: Callable[[EvaluationReport], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def evaluate(self, layers: Iterable[str] | None = None) -> EvaluationReport:
        """Evaluate the rules that read any of ``layers`` (all rules when None) and store the alerts."""
        rules = self.rules
        if layers is not None:
            changed = set(layers)
            rules = [r for r in rules if r.layers & changed]
        enabled = [r for r in rules if r.enabled]
        now = workspace_now(self.workspace)
        fired = evaluate_rules(self.workspace, enabled, at=self.at or now) if enabled else []
        report = sync_alerts(self.workspace, rules, fired, now=now)
        self.evaluations += 1
        self.last_report = report
        if report.changed:
            for listener in list(self._listeners):
                listener(report)
        return report

    def subscribe(self) -> TriggerEngine:
        if self._unsubscribe is None:
            self._unsubscribe = self.workspace.subscribe(self._on_change)
        return self

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_change(self, change: WorkspaceChange) -> None:
        try:
            if any(change.layer in r.layers for r in self.rules):
                self.evaluate([change.layer])
            self.last_error = None
        except (AnalysisError, WorkspaceError) as exc:
            self.last_error = exc
            log.warning("trigger evaluation after a change in %s failed: %s", change.layer, exc.message)
        except Exception as exc:  # a bug must not turn a committed edit into an error for the user
            self.last_error = exc
            log.exception("trigger evaluation after a change in %s failed", change.layer)


def attach_triggers(workspace: Workspace, *, at: datetime | None = None) -> TriggerEngine:
    """A subscribed engine: what the app and the import commands call after opening a workspace."""
    return TriggerEngine(workspace, at=at).subscribe()
