"""Danger zones and incidents of the demo, clustered around the front line.

Fighting along the front, shelling bands either side of it (heavier beyond it), minefields
and UXO near it, a flood along the lower river and a forecast one upstream, an epidemic,
past airstrikes and a fire (their windows closed), unrest planned in the capital. Validity
windows are past, current and future relative to the scenario's now.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

from humanops.scenario.partners import ORG_IDS, Markings
from humanops.scenario.region import HEIGHT_M, WIDTH_M, Place, Region, front_x, river_y

INCIDENT_TITLES = {"shelling": "Shelling", "armed_clash": "Armed clash", "landmine": "Landmine", "ied": "IED",
                   "attack_on_aid": "Attack on aid workers", "looting": "Looting", "displacement": "Displacement",
                   "checkpoint_incident": "Checkpoint incident"}
SECTORS = ("northern", "north-central", "central", "south-central", "southern")
_REGION = box(0, 0, WIDTH_M, HEIGHT_M)


def blob(x: float, y: float, radius: float, rng: np.random.Generator, points: int = 48) -> Polygon:
    """An irregular, always valid (star-shaped) patch around (x, y)."""
    theta = np.linspace(0, 2 * np.pi, points, endpoint=False)
    wobble = sum(rng.uniform(0.03, 0.12) * np.cos(k * theta + rng.uniform(0, 2 * np.pi)) for k in (2, 3, 5))
    r = radius * (1 + wobble)
    return Polygon(np.column_stack([x + r * np.cos(theta), y + r * np.sin(theta)]))


class _Zones:
    FIELDS = ("name", "hazard", "severity", "confidence", "valid_from", "valid_until", "source", "notes")

    def __init__(self, marks: Markings) -> None:
        self.marks = marks
        self.columns: dict[str, list[Any]] = {f: [] for f in self.FIELDS}
        self.shapes: list[MultiPolygon] = []

    def add(self, shape: Any, **values: Any) -> None:
        """A zone, clipped to the region; one that falls outside is skipped, with its marking."""
        parts = [g for g in shapely.get_parts(shape.intersection(_REGION))
                 if g.geom_type == "Polygon" and g.area > 1.0]
        self._skip = not parts
        if parts:
            for f in self.FIELDS:
                self.columns[f].append(values.get(f))
            self.shapes.append(MultiPolygon(parts))

    def mark(self, *args: Any) -> None:
        """The marking of the zone just added (see Markings.add)."""
        if not self._skip:
            self.marks.add(*args)


def build_danger_zones(region: Region, rng: np.random.Generator,
                       marks: Markings) -> tuple[dict[str, list[Any]], np.ndarray]:
    zones = _Zones(marks)
    front = region.front
    others = [o for o in ORG_IDS if o != "civpro"]
    stripes = [box(-1e4, HEIGHT_M * (4 - k) / 5, WIDTH_M + 1e4, HEIGHT_M * (5 - k) / 5) for k in range(5)]

    for k, stripe in enumerate(stripes[:4] if rng.random() < 0.5 else stripes[1:]):
        zones.add(front.buffer(1_500).intersection(stripe), name=f"Front line – {SECTORS[k]} sector",
                  hazard="armed_conflict", severity=5, confidence="high", valid_from=marks.days(-60, -30),
                  source="Field security reports", notes="Active fighting: no movement.")
        zones.mark("unocha-kv", "AMBER", [*others[1:], "civpro"], ["no_onward_sharing"] if k == 0 else ())
    # The front runs north to south, so a positive single-sided buffer lies east of it.
    for side, reach, base in (("east", 9_000, 4), ("west", -6_000, 3)):
        band = front.buffer(reach, single_sided=True).difference(front.buffer(1_500))
        for k, stripe in enumerate(stripes):
            severity = int(min(5, base + (rng.random() < 0.3)))
            future = side == "west" and k == 2
            zones.add(band.intersection(stripe), name=f"Shelling {side} of the front – {SECTORS[k]} sector",
                      hazard="shelling", severity=severity, confidence=str(rng.choice(["medium", "high"])),
                      valid_from=marks.days(2, 3) if future else marks.days(-45, -5),
                      valid_until=marks.days(6, 9) if future else marks.days(5, 20),
                      source="Shelling impact reports" if not future else "Forecast: expected escalation",
                      notes="Range of the artillery seen this week." if not future else None)
            origin = str(rng.choice(["unocha-kv", "civpro"]))
            red = severity == 5 and side == "east"
            zones.mark(origin, "RED" if red else "AMBER", marks.named(origin, 2, 3),
                      ["no_onward_sharing"] if red else ())
    for k in range(10):
        t = rng.uniform(0.05, 0.95)
        y = HEIGHT_M * t
        x = float(front_x(y)) + rng.uniform(-6_000, 6_000)
        zones.add(blob(x, y, rng.uniform(300, 1_200), rng),
                  name=f"{'Minefield' if k % 3 else 'UXO contamination'} near {_nearest(region, x, y).name}",
                  hazard="landmines_uxo", severity=int(rng.integers(3, 6)),
                  confidence=str(rng.choice(["unconfirmed", "low", "medium", "high"])),
                  valid_from=marks.days(-120, -10), source="Mine action survey",
                  notes="Marked with red stones; do not leave the road." if k % 2 else None)
        zones.mark("civpro", "AMBER", others)

    lower = region.river.buffer(1_200).intersection(box(58_000, -1e4, 138_000, HEIGHT_M))
    zones.add(lower, name="Semra flood – lower valley", hazard="flood", severity=3, confidence="high",
              valid_from=marks.days(-6, -4), valid_until=marks.days(8, 12), source="Civil protection gauges",
              notes="Water up to 1.5 m in low-lying quarters.")
    zones.mark("civpro", "CLEAR")
    upper = region.river.buffer(900).intersection(box(5_000, -1e4, 45_000, HEIGHT_M))
    zones.add(upper, name="Semra flood forecast – upper valley", hazard="flood", severity=2, confidence="medium",
              valid_from=marks.days(2, 3), valid_until=marks.days(9, 11), source="Rainfall forecast")
    zones.mark("civpro", "CLEAR")

    outbreak = _nearest(region, 110_000, float(river_y(110_000)), kinds=("village", "town"))
    zones.add(blob(outbreak.x, outbreak.y, 6_000, rng), name=f"Cholera outbreak – {outbreak.name} area",
              hazard="epidemic", severity=3, confidence="high", valid_from=marks.days(-14, -10),
              valid_until=marks.days(20, 30), source="Health cluster surveillance",
              notes="Suspected cases doubling weekly; chlorinate all water.")
    zones.mark("medaid", "GREEN", ["community:health-cluster", "community:wash-cluster"])
    town = min((p for p in region.places if p.east_of_front and p.kind == "town"),
               key=lambda p: front.distance(Point(p.x, p.y)))
    first = rng.uniform(0.2, np.pi - 0.2)  # one patch north of the centre, one south
    for angle in (first, first + np.pi):
        zones.add(blob(town.x + 900 * np.cos(angle), town.y + 900 * np.sin(angle), 400, rng),
                  name=f"Sniper fire – {town.name} {'north' if np.sin(angle) > 0 else 'south'}", hazard="sniper",
                  severity=5, confidence="medium", valid_from=marks.days(-8, -2), valid_until=marks.days(3, 6),
                  source="Residents' reports")
        zones.mark("medaid", "RED", ["unocha-kv"], ["no_onward_sharing"], marks.days(5, 7))
    for k in range(2):
        y = rng.uniform(20_000, 90_000)
        x = float(front_x(y)) + rng.uniform(8_000, 20_000)
        zones.add(blob(x, y, rng.uniform(800, 1_500), rng), name=f"Airstrike area {k + 1}", hazard="airstrike",
                  severity=4, confidence="high", valid_from=marks.days(-20, -18), valid_until=marks.days(-13, -11),
                  source="Field security reports", notes="Window closed; kept for the record.")
        zones.mark("unocha-kv", "AMBER", others[1:], (), marks.days(-6, -4))
    capital = region.capital
    zones.add(blob(capital.x, capital.y, 800, rng), name=f"Demonstration – {capital.name} centre",
              hazard="civil_unrest", severity=2, confidence="medium", valid_from=marks.days(1, 1.2),
              valid_until=marks.days(1.5, 2), source="Police notice")
    zones.mark("civpro", "GREEN", ["community:hct-kavera"])
    y = rng.uniform(30_000, 80_000)
    x = float(front_x(y)) - 4_000
    zones.add(blob(x, y, 600, rng), name="Harassment at checkpoints", hazard="checkpoint_violence", severity=4,
              confidence="low", valid_from=marks.days(-10, -5), valid_until=marks.days(10, 20),
              source="Protection monitoring")
    zones.mark("medaid", "RED", ["unocha-kv"], ["no_onward_sharing", "protection_sensitive"])
    fire = _nearest(region, 20_000, 70_000, kinds=("village",))
    zones.add(blob(fire.x + 4_000, fire.y - 3_000, 2_500, rng), name=f"Bush fire east of {fire.name}",
              hazard="fire", severity=3, confidence="high", valid_from=marks.days(-9, -8),
              valid_until=marks.days(-6, -5), source="Civil protection")
    zones.mark("civpro", "CLEAR", (), (), marks.days(-3, -1))
    return zones.columns, np.array(zones.shapes, dtype=object)


def build_incidents(region: Region, rng: np.random.Generator, marks: Markings,
                    count: int = 26) -> tuple[dict[str, list[Any]], np.ndarray]:
    """Security incidents of the last three weeks, within a few km of the front."""
    kinds = tuple(INCIDENT_TITLES)
    weights = (0.34, 0.18, 0.1, 0.07, 0.07, 0.06, 0.12, 0.06)
    ys = rng.uniform(3_000, HEIGHT_M - 3_000, count)
    xs = front_x(ys) + rng.normal(1_500, 3_500, count)  # mostly beyond the front
    columns: dict[str, list[Any]] = {f: [] for f in ("name", "incident_type", "occurred", "severity", "killed",
                                                     "injured", "verification", "source", "notes")}
    for x, y in zip(xs, ys, strict=True):
        kind = str(rng.choice(kinds, p=weights))
        occurred = marks.days(-21, -0.1)
        severity = int(rng.integers(2, 6))
        harm = kind not in ("looting", "displacement", "checkpoint_incident")
        columns["name"].append(f"{INCIDENT_TITLES[kind]} near {_nearest(region, x, y).name}, {occurred:%d %b}")
        columns["incident_type"].append(kind)
        columns["occurred"].append(occurred)
        columns["severity"].append(severity)
        columns["killed"].append(int(rng.poisson(severity * 0.6)) if harm else 0)
        columns["injured"].append(int(rng.poisson(severity * 1.8)) if harm else int(rng.poisson(0.5)))
        columns["verification"].append(str(rng.choice(["unverified", "partially_verified", "verified"])))
        columns["source"].append(str(rng.choice(["Field team", "Local authorities", "Hospital records", "Media"])))
        columns["notes"].append("Aid convoy hit; staff evacuated." if kind == "attack_on_aid" else None)
        origin = marks.originator((0.4, 0.3, 0.1, 0.2))
        if kind == "attack_on_aid":
            marks.add(origin, "RED", marks.named(origin, 1, 2), ["no_onward_sharing"])
        else:
            marks.add(origin, "AMBER+STRICT" if kind == "checkpoint_incident" else "AMBER", marks.named(origin))
    return columns, shapely.points(np.column_stack([xs, ys]))


def _nearest(region: Region, x: float, y: float, kinds: tuple[str, ...] = ("capital", "town", "village")) -> Place:
    return min((p for p in region.places if p.kind in kinds), key=lambda p: np.hypot(p.x - x, p.y - y))
