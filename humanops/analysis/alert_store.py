"""The alert repository: the workspace table ``humanops_alerts`` and the :class:`Alert` rows it holds.

The table is in the workspace (so the app's alerts panel, QGIS and a partner's audit can read
them), one row per (rule, subject):

* subject ``corridor:<uuid>`` for ``danger_near_corridor``, ``admin:<code>`` for
  ``population_exposed``, ``zone:<uuid>`` for ``need_near_danger`` (one alert per rule and danger
  zone, listing every need near it, not one per need: a flood of alerts hides the one that matters);
  an exercise message raised as an alert has ``inject:<id>``;
* ``features``: every feature that fired it, as ``{"layer", "uuid", "role"}`` (role ``subject`` or
  ``cause``);
* what its CAP messages say, in every language of ``resources/cap/rule_texts.toml``
  (:mod:`humanops.analysis.trigger_texts`): ``texts``, with the rule's instruction, web address,
  event codes, the needs' P-codes as geocodes and how long it stands (``expires_hours``, and
  ``zones_valid_until``, the end of the danger zones that fired it);
* ``state`` (:mod:`humanops.analysis.alert_states` moves it) and the alert's marking.

Which alerts fire is :mod:`humanops.analysis.trigger_evaluation`; the package overview is
:mod:`humanops.analysis.triggers`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shapely

from humanops.errors import AnalysisError
from humanops.model.marking import format_time, parse_time, split_list
from humanops.store.sql_dialect import COLUMN_TYPES, AppTable, declare

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

ALERTS_TABLE = "humanops_alerts"
ALERT_STATES = ("active", "acknowledged", "resolved")

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
ALERT_COLUMNS = ("id", "rule_id", "subject", "state", "level", "category", "event", "severity", "urgency",
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


def alert_from_row(row: Sequence[Any]) -> Alert:
    r = dict(zip(ALERT_COLUMNS, row, strict=True))
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


def alert_row(alert: Alert) -> tuple[Any, ...]:
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
    sql = f"SELECT {', '.join(ALERT_COLUMNS)} FROM {ALERTS_TABLE}"
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
    return [alert_from_row(r) for r in workspace.sql.execute(sql, params)]


def get_alert(workspace: Workspace, alert_id: str) -> Alert:
    ensure_alerts_table(workspace)
    rows = workspace.sql.execute(
        f"SELECT {', '.join(ALERT_COLUMNS)} FROM {ALERTS_TABLE} WHERE id = ? OR id LIKE ?",
        (alert_id, f"{alert_id}%")).fetchall()
    exact = [r for r in rows if r[0] == alert_id]
    if exact or len(rows) == 1:
        return alert_from_row((exact or rows)[0])
    if not rows:
        raise AnalysisError(f"no alert {alert_id!r} (humanops triggers check lists them)")
    raise AnalysisError(f"alert id {alert_id!r} is ambiguous ({len(rows)} alerts start with it)")


def write_alerts(workspace: Workspace, alerts: Sequence[Alert]) -> None:
    """Insert or replace ``alerts`` (by id) in one transaction."""
    if alerts:
        with workspace.transaction():
            workspace.sql.upsert_many(ALERTS_TABLE, ALERT_COLUMNS, [alert_row(a) for a in alerts], ("id",))


def count_open_alerts(workspace: Workspace) -> int:
    """How many alerts are active or acknowledged."""
    return workspace.sql.execute(f"SELECT count(*) FROM {ALERTS_TABLE} WHERE state != 'resolved'").fetchone()[0]
