"""Civilian needs of the demo: assessed neighbourhoods, village quarters and hamlets.

People live where the streets are: each need point sits a few tens of metres off a street
node of its town, or at a hamlet at the end of its track. Severity rises towards the front
line and along the flooded river; those close to the front need evacuating.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from humanops.scenario.partners import Markings
from humanops.scenario.region import Region, front_x
from humanops.scenario.roads import RoadNetwork

POINTS_PER_PLACE = {"capital": 70, "town": 28, "village": 7}
VILLAGE_PARTS = ("centre", "north", "south", "east", "west", "market", "riverside", "school area", "upper")
# Share of people in need at each severity phase (JIAF-like, 1 minimal .. 5 catastrophic).
IN_NEED_SHARE = np.array([0.0, 0.05, 0.2, 0.45, 0.7, 0.9])


def build_needs(region: Region, roads: RoadNetwork, rng: np.random.Generator,
                marks: Markings) -> tuple[dict[str, list[Any]], np.ndarray]:
    """Columns of the need layer (kind fields and markings) and their local-metre points."""
    names: list[str] = []
    codes: list[str] = []
    xy: list[np.ndarray] = []
    population: list[np.ndarray] = []
    for place in region.places:
        count = POINTS_PER_PLACE[place.kind]
        nodes = roads.street_nodes[place.name]
        picked = nodes[rng.choice(len(nodes), size=count, replace=len(nodes) < count)]
        heading = rng.uniform(0, 2 * np.pi, count)
        xy.append(picked + rng.uniform(15, 45, count)[:, None] * np.column_stack([np.cos(heading), np.sin(heading)]))
        # The assessed people: most of the place, unevenly spread over its quarters.
        population.append(np.maximum(20, np.round(place.population * 0.85 * rng.dirichlet(np.full(count, 3.0)))))
        if place.kind == "village":
            names += [f"{place.name} {part}" for part in VILLAGE_PARTS[:count]]
        else:
            word = "ward" if place.kind == "capital" else "quarter"
            names += [f"{place.name} {word} {k:02d}" for k in range(1, count + 1)]
        codes += [place.pcode] * count
    for hamlet in roads.hamlets:
        names.append(hamlet.name)
        codes.append(hamlet.near.pcode)
        xy.append(np.array([[hamlet.x, hamlet.y]]))
        population.append(np.array([float(rng.integers(40, 380))]))
    points_xy = np.vstack(xy)
    pop = np.concatenate(population).astype(int)
    n = len(pop)
    points = shapely.points(points_xy)
    to_front = shapely.distance(points, region.front) / 1000.0
    east = points_xy[:, 0] > front_x(points_xy[:, 1])
    flooded = (shapely.distance(points, region.river) < 2_500) & (points_xy[:, 0] > 55_000)
    phase = np.select([to_front < 4, to_front < 10, to_front < 25], [5, 4, 3], default=2)
    phase = phase + (east & (to_front >= 10)) + flooded  # cut off from aid / flooded: one worse
    phase = np.clip(phase + rng.choice([-1, 0, 0, 1], n), 1, 5)
    in_need = pop * IN_NEED_SHARE[phase]

    def sector(low: float, high: float) -> np.ndarray:
        return np.minimum(pop, np.round(in_need * rng.uniform(low, high, n))).astype(int)

    near_front = to_front < 10
    columns: dict[str, list[Any]] = {
        "name": names,
        "admin_code": codes,
        "population": pop.tolist(),
        "households": np.maximum(1, np.round(pop / rng.uniform(4.6, 6.2, n))).astype(int).tolist(),
        "severity_phase": phase.tolist(),
        "pin_food": sector(0.8, 1.05).tolist(),
        "pin_water": (sector(0.6, 1.0) + np.round(flooded * pop * 0.3)).clip(max=pop).astype(int).tolist(),
        "pin_shelter": np.where(near_front | flooded, sector(0.5, 0.9), sector(0.1, 0.35)).tolist(),
        "pin_health": sector(0.4, 0.8).tolist(),
        "pin_protection": np.where(near_front, sector(0.6, 1.0), sector(0.05, 0.3)).tolist(),
        "pin_nutrition": sector(0.1, 0.25).tolist(),
        "to_evacuate": np.select(  # close to the front; trapped beyond it; flooded out
            [to_front < 8, east, flooded],
            [np.round(pop * rng.uniform(0.2, 0.6, n) * phase / 5), np.round(pop * rng.uniform(0.05, 0.3, n)),
             np.round(pop * rng.uniform(0.05, 0.25, n))], default=0).astype(int).tolist(),
        "assessed": [marks.days(-40, -1).date() for _ in range(n)],
        "notes": [_note(bool(f), bool(e), bool(c)) for f, e, c in zip(flooded, east, near_front, strict=True)],
    }
    _mark(columns, marks, to_front)
    return columns, points


def _note(flooded: bool, east: bool, near_front: bool) -> str | None:
    if near_front and east:
        return "Access only with a negotiated pause; families sheltering in basements."
    if near_front:
        return "Hosting displaced families from across the front; shelling heard daily."
    if flooded:
        return "Houses flooded by the Semra; latrines overflowing."
    if east:
        return "No aid convoy for three weeks; market prices doubled."
    return None


def _mark(columns: dict[str, list[Any]], marks: Markings, to_front: np.ndarray) -> None:
    """AMBER to named partners; protection-sensitive points generalised to a 5 km grid."""
    rng = marks.rng
    for k in range(len(columns["name"])):
        origin = marks.originator()
        sensitive = columns["to_evacuate"][k] > 0 or columns["pin_protection"][k] > 0.5 * columns["population"][k]
        roll = rng.random()
        if sensitive:
            caveats = ["protection_sensitive"] + (["no_onward_sharing"] if roll < 0.3 else [])
            if roll < 0.04:
                marks.add(origin, "RED", marks.named(origin, 1, 1), caveats, marks.days(10, 30), "grid:5000:k50")
            else:
                tlp = "AMBER+STRICT" if roll < 0.15 else "AMBER"
                marks.add(origin, tlp, marks.named(origin), caveats, marks.days(20, 45), "grid:5000:k50")
        elif to_front[k] > 20 and roll < 0.15:
            marks.add(origin, "GREEN", ["community:hct-kavera"])
        elif roll > 0.95:  # an old assessment whose sharing lapsed
            marks.add(origin, "AMBER", marks.named(origin), (), marks.days(-12, -1))
        else:
            marks.add(origin, "AMBER", marks.named(origin))
