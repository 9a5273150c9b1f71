"""Trigger rule evaluation: which alerts the adopted rules fire now (nothing is stored here;
:mod:`humanops.analysis.alert_states` stores them).

One evaluation reads each layer a rule needs once and tests all features at once with STRtree
queries (a few thousand features: tens of milliseconds). What fires, per rule type:
``danger_near_corridor`` one alert per corridor, ``population_exposed`` one per admin area,
``need_near_danger`` one per danger zone listing every need near it. An alert's marking is the
most restrictive TLP of the features that fired it, releasable to the organisations every one of
those restricted features is releasable to; its texts are worded in every language of the rule
texts table (:mod:`humanops.analysis.trigger_texts`). "Valid at" comes from the workspace clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.analysis.alert_store import Alert, FeatureRef
from humanops.analysis.exposure import pairs_within
from humanops.analysis.layer_reader import read_features
from humanops.analysis.projection import to_metric, utm_crs_for
from humanops.analysis.trigger_rules import TriggerRule
from humanops.analysis.trigger_texts import ENGLISH, LabelFor, Phrases, rule_text, text_table, truncate_headline
from humanops.model.clock import workspace_now
from humanops.model.marking import TLP, parse_time, split_list

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

LINES_LISTED = 20  # zones or needs written out in a description; then "... and N more"
GEOCODE_PCODE = "PCODE"  # CAP <geocode> valueName of an OCHA COD P-code (a need's admin_code)
EVENT_CODE_TRIGGER = "humanops:trigger"  # CAP <eventCode> valueNames: the rule type, the zones' hazards
EVENT_CODE_HAZARD = "humanops:hazard"
CONFIDENCE_CERTAINTY = {"high": "Observed", "medium": "Likely", "low": "Possible", "unconfirmed": "Unlikely"}
_CERTAINTY_ORDER = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
MARKING_COLUMNS = ["tlp", "releasable_to", "caveats"]


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
