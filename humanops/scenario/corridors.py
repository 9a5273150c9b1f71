"""Humanitarian corridors of the demo: routes along the roads out of (and into) the areas
beyond the front, each at its own stage of negotiation."""

from __future__ import annotations

from typing import Any

import numpy as np
from shapely.geometry import Point

from humanops.scenario.partners import Markings
from humanops.scenario.region import Place, Region
from humanops.scenario.roads import RoadNetwork

PARTIES = "Kaveran Armed Forces, Eastern Liberation Front"


def build_corridors(region: Region, roads: RoadNetwork, rng: np.random.Generator,
                    marks: Markings) -> tuple[dict[str, list[Any]], np.ndarray]:
    beyond = sorted((p for p in region.places if p.east_of_front),
                    key=lambda p: (p.kind != "town", region.front.distance(Point(p.x, p.y))))
    east = [beyond[k % len(beyond)] for k in range(4)] + [beyond[-1]]  # the two towns come first
    west_towns = [p for p in region.places if not p.east_of_front and p.kind != "village"]

    def nearest_west(place: Place, skip: int = 0) -> Place:
        return sorted(west_towns, key=lambda w: np.hypot(w.x - place.x, w.y - place.y))[skip]

    capital = region.capital
    plans = [
        # (from, to, status, width m, people/hour, direction, agreed, start days, end days, tlp)
        (east[0], capital, "open", 1_000, 2_500, "outbound", True, (-3, -2), (4, 5), "AMBER"),
        (east[1], nearest_west(east[1]), "negotiated", 500, 1_200, "both", True, (1, 2), (7, 9), "AMBER"),
        (east[2], nearest_west(east[2]), "proposed", 300, 600, "outbound", False, (3, 5), (10, 14), "AMBER"),
        (capital, east[0], "restricted", 800, 400, "inbound", True, (-1, -0.5), (1.5, 2.5), "AMBER+STRICT"),
        (east[3], nearest_west(east[3], 1), "closed", 500, 0, "both", True, (-12, -9), (-3, -2), "AMBER"),
        (east[4], nearest_west(east[4]), "proposed", 2_000, 3_000, "outbound", False, (4, 6), (12, 16), "AMBER"),
    ]
    columns: dict[str, list[Any]] = {f: [] for f in ("name", "status", "width_m", "capacity_pph", "direction",
                                                     "agreed_by", "valid_from", "valid_until", "notes")}
    lines = []
    for start, end, status, width, capacity, direction, agreed, begins, ends, tlp in plans:
        lines.append(roads.route((start.x, start.y), (end.x, end.y)))
        columns["name"].append(f"{start.name}–{end.name} {'aid route' if direction == 'inbound' else 'corridor'}")
        columns["status"].append(status)
        columns["width_m"].append(float(width))
        columns["capacity_pph"].append(capacity)
        columns["direction"].append(direction)
        columns["agreed_by"].append(PARTIES if agreed else None)
        columns["valid_from"].append(marks.days(*begins))
        columns["valid_until"].append(marks.days(*ends))
        columns["notes"].append({
            "open": "Daylight passage 07:00-17:00; white flags on vehicles.",
            "restricted": "Convoys of at most 5 trucks, notified 48 h ahead.",
            "closed": "Closed after the bridge was hit.",
        }.get(status))
        origin = "unocha-kv" if status != "proposed" else str(rng.choice(["medaid", "civpro"]))
        marks.add(origin, tlp, marks.named(origin, 2, 3), ["no_onward_sharing"] if tlp != "AMBER" else ())
    return columns, np.array(lines, dtype=object)
