"""What a situation report says, computed from what its audience may see. Qt-free.

Every figure comes from one :class:`~humanops.sharing.audience.AudienceView`: the exposure table
(:func:`humanops.analysis.exposure.compute_exposure` on the audience's needs and danger zones),
the corridors and their risk (:func:`humanops.analysis.corridor_risk.compute_corridor_risk` on its
corridors, zones and facilities), needs coverage (stock in its warehouses against the demand of
its needs, by the rations of ``resources/planning/rations.toml``), shelter fill, the open alerts
that rest only on features it sees exactly (an alert's words name its features: one resting on a
withheld or generalised feature is counted, never shown), and what changed since the last report
made for the same audience (:mod:`humanops.store.sitrep_records`).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from humanops.feedback import Feedback
from humanops.sharing.audience import AudienceView
from humanops.store.sitrep_records import ShownFeature, SitrepRecord

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.store.workspace import Workspace

TRACKED_LAYERS = ("danger_zone", "corridor", "incident")  # what "changed since the last report" compares
OPEN_ALERT_STATES = ("active", "acknowledged")
SHELTER_TYPES = ("shelter", "collective_centre")
CLOSED = "closed"
LISTED = 12  # names written out in a list of changes; then "and N more"


@dataclass(frozen=True)
class ExposureRow:
    hazard: str  # its label
    severity: int
    needs: int  # need locations
    population: int


@dataclass(frozen=True)
class CorridorRow:
    name: str
    status: str
    length_km: float
    in_danger_km: float
    share_in_danger: float
    worst_severity: int
    risk_score: float


@dataclass(frozen=True)
class CoverageRow:
    item: str
    unit: str
    people_in_need: int
    demand: int
    stock: int

    @property
    def covered(self) -> float:
        """Share of the demand the stock on hand covers (1.0 when nothing is needed)."""
        return 1.0 if self.demand <= 0 else min(1.0, self.stock / self.demand)


@dataclass(frozen=True)
class ShelterRow:
    name: str
    capacity: int
    occupancy: int

    @property
    def fill(self) -> float:
        return self.occupancy / self.capacity if self.capacity > 0 else 0.0


@dataclass(frozen=True)
class AlertRow:
    level: str
    state: str
    headline: str
    first_fired: datetime | None
    tlp: str


@dataclass
class Changes:
    """What differs from the last report for the same audience (None: the first report)."""

    previous_made: str | None
    new_zones: list[str] = field(default_factory=list)
    changed_zones: list[str] = field(default_factory=list)
    gone_zones: list[str] = field(default_factory=list)
    closed_corridors: list[str] = field(default_factory=list)
    new_corridors: list[str] = field(default_factory=list)
    status_changes: list[str] = field(default_factory=list)  # "name: restricted → open"
    gone_corridors: list[str] = field(default_factory=list)
    new_incidents: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return any((self.new_zones, self.changed_zones, self.gone_zones, self.closed_corridors, self.new_corridors,
                    self.status_changes, self.gone_corridors, self.new_incidents))


@dataclass
class SitrepContent:
    view: AudienceView
    exposure: list[ExposureRow]
    exposed_needs: int
    exposed_population: int
    corridors: list[CorridorRow]
    coverage: list[CoverageRow]
    shelters: list[ShelterRow]
    alerts: list[AlertRow]
    alerts_not_shown: int  # open alerts resting on a feature the audience does not see exactly
    changes: Changes
    shown: dict[str, dict[str, ShownFeature]]  # what the next report compares with

    def counts(self) -> dict[str, int]:
        return {name: len(layer.frame) for name, layer in self.view.layers.items()}


def _frame(view: AudienceView, layer: str) -> gpd.GeoDataFrame | None:
    found = view.layers.get(layer)
    return found.frame if found is not None else None


def _int(value: Any) -> int:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return 0 if pd.isna(number) else int(number)


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.zeros(len(frame))
    return pd.to_numeric(frame[column], errors="coerce").fillna(0).to_numpy(dtype=float)


def exposure_rows(view: AudienceView) -> tuple[list[ExposureRow], int, int]:
    """People and need locations exposed, by hazard and severity; and the totals (a person once)."""
    from humanops.analysis.exposure import compute_exposure

    needs, zones = _frame(view, "need"), _frame(view, "danger_zone")
    if needs is None or zones is None or not len(needs) or not len(zones):
        return [], 0, 0
    result = compute_exposure(needs, zones, by=("hazard", "severity"), measures=("population",))
    hazard = view.layers["danger_zone"].kind.field("hazard")
    rows = [ExposureRow(hazard.value_label(r.hazard, None), int(r.severity), int(r.needs), int(r.population))
            for r in result.table.sort_values(["severity", "population"], ascending=False).itertuples()]
    return rows, int(result.summary["needs_exposed"]), int(result.summary.get("population_exposed", 0))


def corridor_rows(view: AudienceView) -> list[CorridorRow]:
    import geopandas as gpd

    from humanops.analysis.corridor_risk import compute_corridor_risk

    corridors = _frame(view, "corridor")
    if corridors is None or not len(corridors):
        return []
    empty = gpd.GeoDataFrame({"uuid": [], "severity": []}, geometry=[], crs=4326)
    zones = _frame(view, "danger_zone")
    facilities = _frame(view, "facility")
    table = compute_corridor_risk(corridors, zones if zones is not None else empty,
                                  facilities if facilities is not None else empty)
    status = view.layers["corridor"].kind.field("status")
    rows = [CorridorRow(str(r.name or "(no name)"), status.value_label(r.status, None) if r.status else "unknown",
                        float(r.length_m) / 1000, float(r.length_in_danger_m) / 1000, float(r.share_in_danger),
                        int(r.worst_severity), float(r.risk_score)) for r in table.itertuples()]
    return sorted(rows, key=lambda r: -r.risk_score)


def coverage_rows(view: AudienceView) -> list[CoverageRow]:
    """Per item of the rations file: people in need of its sector, the cycle's demand, and the
    stock on hand in the warehouses that are not closed (not a delivery plan: no routing)."""
    from humanops.analysis.aid_allocation import load_rations

    needs, facilities = _frame(view, "need"), _frame(view, "facility")
    if needs is None or not len(needs):
        return []
    warehouses = pd.DataFrame()
    if facilities is not None and "facility_type" in facilities.columns:
        status = facilities["status"] if "status" in facilities.columns else pd.Series(None, index=facilities.index)
        warehouses = facilities[(facilities["facility_type"] == "warehouse") & (status != CLOSED)]
    rows = []
    for item in load_rations().items:
        people = int(_numbers(needs, item.need_field).sum())
        stock = int(_numbers(warehouses, item.stock_field).sum())
        rows.append(CoverageRow(item.name, item.unit, people, math.ceil(people * item.per_person), stock))
    return rows


def shelter_rows(view: AudienceView) -> list[ShelterRow]:
    """Shelters and collective centres with a capacity, fullest first."""
    facilities = _frame(view, "facility")
    if facilities is None or not len(facilities) or "facility_type" not in facilities.columns:
        return []
    shelters = facilities[facilities["facility_type"].isin(SHELTER_TYPES)]
    rows = [ShelterRow(str(name or "(no name)"), _int(capacity), _int(occupancy))
            for name, capacity, occupancy in zip(shelters.get("name", pd.Series(dtype=object)),
                                                 shelters["capacity"], shelters["occupancy"], strict=True)
            if _int(capacity) > 0]
    return sorted(rows, key=lambda r: (-r.fill, r.name))


def exact_uuids(view: AudienceView) -> set[str]:
    """The features the audience sees as they are (not generalised aggregates)."""
    out: set[str] = set()
    for layer in view.layers.values():
        frame = layer.frame
        out |= set(frame.loc[frame["generalised"].isna(), "uuid"].astype(str))
    return out


def alert_rows(workspace: Workspace, view: AudienceView) -> tuple[list[AlertRow], int]:
    """Open alerts whose every feature the audience sees exactly; and how many others are open."""
    from humanops.analysis.triggers import list_alerts

    alerts = list_alerts(workspace, states=OPEN_ALERT_STATES)
    seen = exact_uuids(view)
    shown = [a for a in alerts if a.features and all(f.uuid in seen for f in a.features)]
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    rows = [AlertRow(a.level, a.state, a.headline, a.first_fired, a.tlp)
            for a in sorted(shown, key=lambda a: (order.get(a.level, 4), a.headline))]
    return rows, len(alerts) - len(shown)


def content_hashes(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """What each feature says (its fields, geometry and marking), as 16 hex digits a row."""
    present = [c for c in columns if c in frame.columns]
    text = frame[present].astype(object).where(frame[present].notna(), None).map(
        lambda v: None if v is None else str(v)) if present else pd.DataFrame(index=frame.index)
    geometry = shapely.to_wkb(np.asarray(frame.geometry.values, dtype=object), hex=True) if len(frame) else []
    return [hashlib.sha256(json.dumps([values, wkb], sort_keys=True).encode("utf-8")).hexdigest()[:16]
            for values, wkb in zip(text.to_dict("records"), geometry, strict=True)]


def shown_features(view: AudienceView) -> dict[str, dict[str, ShownFeature]]:
    """What this report shows of the tracked layers, for the next one to compare with."""
    out: dict[str, dict[str, ShownFeature]] = {}
    for name in TRACKED_LAYERS:
        layer = view.layers.get(name)
        if layer is None:
            continue
        frame = layer.frame
        hashes = content_hashes(frame, [*layer.kind.field_names, "tlp", "releasable_to", "caveats", "expires",
                                        "precision"])
        names = frame["name"] if "name" in frame.columns else pd.Series(None, index=frame.index)
        states = frame["status"] if "status" in frame.columns else pd.Series(None, index=frame.index)
        out[name] = {str(uuid): ShownFeature(digest, _text(n), _text(s)) for uuid, digest, n, s in
                     zip(frame["uuid"], hashes, names, states, strict=True)}
    return out


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def changes_since(previous: SitrepRecord | None, shown: dict[str, dict[str, ShownFeature]]) -> Changes:
    if previous is None:
        return Changes(None)
    before, now = previous.shown, shown
    changes = Changes(previous.made)

    def named(feature: ShownFeature) -> str:
        return feature.name or "(no name)"

    zones_then, zones_now = before.get("danger_zone", {}), now.get("danger_zone", {})
    changes.new_zones = sorted(named(f) for u, f in zones_now.items() if u not in zones_then)
    changes.gone_zones = sorted(named(f) for u, f in zones_then.items() if u not in zones_now)
    changes.changed_zones = sorted(named(f) for u, f in zones_now.items()
                                   if u in zones_then and zones_then[u].content != f.content)
    corridors_then, corridors_now = before.get("corridor", {}), now.get("corridor", {})
    for uuid, corridor in sorted(corridors_now.items(), key=lambda item: item[1].name):
        then = corridors_then.get(uuid)
        if then is None:
            (changes.closed_corridors if corridor.status == CLOSED else changes.new_corridors).append(named(corridor))
        elif corridor.status == CLOSED and then.status != CLOSED:
            changes.closed_corridors.append(named(corridor))
        elif corridor.status != then.status:
            changes.status_changes.append(f"{named(corridor)}: {then.status or 'unknown'} → "
                                          f"{corridor.status or 'unknown'}")
    changes.gone_corridors = sorted(named(f) for u, f in corridors_then.items() if u not in corridors_now)
    incidents_then = before.get("incident", {})
    changes.new_incidents = sorted(named(f) for u, f in now.get("incident", {}).items() if u not in incidents_then)
    return changes


def gather(workspace: Workspace, view: AudienceView, previous: SitrepRecord | None,
           feedback: Feedback | None = None) -> SitrepContent:
    """Everything the report says, from ``view`` (and the open alerts it may see)."""
    feedback = feedback or Feedback()
    feedback.progress(0.0, "exposure by hazard and severity")
    exposure, exposed_needs, exposed_population = exposure_rows(view)
    feedback.progress(0.35, "corridor risk")
    corridors = corridor_rows(view)
    feedback.progress(0.7, "needs coverage and shelters")
    coverage, shelters = coverage_rows(view), shelter_rows(view)
    feedback.progress(0.85, "open alerts and changes")
    alerts, alerts_not_shown = alert_rows(workspace, view)
    shown = shown_features(view)
    feedback.progress(1.0, "")
    return SitrepContent(view, exposure, exposed_needs, exposed_population, corridors, coverage, shelters, alerts,
                         alerts_not_shown, changes_since(previous, shown), shown)
