"""Facilities of the demo: shelters and collective centres (some full), hospitals and health
centres, warehouses with stock, checkpoints on the roads across the front, water points."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point

from humanops.scenario.partners import ACRONYM, Markings
from humanops.scenario.region import Place, Region
from humanops.scenario.roads import RoadNetwork

STOCKS = ("stock_food", "stock_water", "stock_shelter", "stock_health", "stock_hygiene", "stock_nutrition")
COLLECTIVE_SITES = ("school", "sports hall", "church hall", "community hall", "college")


class _Sites:
    """Facility rows being built; every field defaults to null."""

    FIELDS = ("name", "facility_type", "status", "capacity", "occupancy", "operator", *STOCKS, "notes")

    def __init__(self, roads: RoadNetwork, rng: np.random.Generator, marks: Markings) -> None:
        self.roads, self.rng, self.marks = roads, rng, marks
        self.columns: dict[str, list[Any]] = {f: [] for f in self.FIELDS}
        self.xy: list[tuple[float, float]] = []

    def near_street(self, place: Place, within: float) -> tuple[float, float]:
        """A spot beside a street node of ``place``, at most ``within`` metres from its centre."""
        nodes = self.roads.street_nodes[place.name]
        close = nodes[np.hypot(*(nodes - (place.x, place.y)).T) <= within]
        node = close[int(self.rng.integers(0, len(close)))] if len(close) else np.array([place.x, place.y])
        heading = self.rng.uniform(0, 2 * np.pi)
        return (float(node[0] + 25 * np.cos(heading)), float(node[1] + 25 * np.sin(heading)))

    def add(self, xy: tuple[float, float], **values: Any) -> None:
        for f in self.FIELDS:
            self.columns[f].append(values.get(f))
        self.xy.append(xy)


def build_facilities(region: Region, roads: RoadNetwork, rng: np.random.Generator,
                     marks: Markings) -> tuple[dict[str, list[Any]], np.ndarray]:
    sites = _Sites(roads, rng, marks)
    capital = region.capital
    west = [p for p in region.places if not p.east_of_front]
    east = [p for p in region.places if p.east_of_front]
    west_towns = [p for p in west if p.kind == "town"]
    east_towns = [p for p in east if p.kind == "town"] or east
    villages = [p for p in region.places if p.kind == "village"]
    hct = ["community:hct-kavera"]

    # Hospitals: the capital's, one behind the front, one beyond it (damaged).
    for place, status in ((capital, "operational"), (west_towns[0], "operational"),
                          (east_towns[0], "partially_operational")):
        name = f"{place.name} General Hospital" if place is capital else f"{place.name} District Hospital"
        beds = int(rng.integers(120, 400)) if place is capital else int(rng.integers(40, 120))
        sites.add(sites.near_street(place, 800), name=name, facility_type="hospital", status=status,
                  capacity=beds, occupancy=int(beds * rng.uniform(0.8, 1.3)), operator="Ministry of Health",
                  notes="Surgical capacity overwhelmed; generator fuel for 4 days." if place in east else None)
        marks.add("medaid", "CLEAR" if place is capital else "GREEN", [] if place is capital else hct)
    for place in [*west_towns[1:], *_some(villages, 4, rng)]:
        sites.add(sites.near_street(place, 400), name=f"{place.name} Health Centre", facility_type="health_centre",
                  status=str(rng.choice(["operational", "partially_operational"], p=[0.7, 0.3])),
                  operator=ACRONYM["medaid"] if rng.random() < 0.5 else "Ministry of Health")
        marks.add("medaid", "GREEN", ["community:health-cluster"])

    # Shelters and collective centres, behind the front, where the displaced arrive.
    hosts = [capital, *west_towns, *[v for v in villages if not v.east_of_front]]
    for k in range(8):
        place = hosts[k % len(hosts)]
        capacity = int(rng.integers(15, 120)) * 10
        full = k % 3 == 0
        occupancy = capacity + int(rng.integers(0, 60)) if full else int(capacity * rng.uniform(0.3, 0.9))
        sites.add(sites.near_street(place, 1500), name=f"{place.name} shelter {k + 1}", facility_type="shelter",
                  capacity=capacity, occupancy=occupancy, operator=ACRONYM["civpro"],
                  notes="Full: new arrivals referred elsewhere." if full else None)
        marks.add("civpro", "GREEN", hct)
    for k in range(5):
        place = [capital, capital, *west_towns][k % (2 + len(west_towns))]
        site = COLLECTIVE_SITES[k % len(COLLECTIVE_SITES)]
        capacity = int(rng.integers(30, 250)) * 10
        occupancy = capacity if k in (0, 3) else int(capacity * rng.uniform(0.4, 0.95))
        sites.add(sites.near_street(place, 2500), name=f"{place.name} {site} collective centre",
                  facility_type="collective_centre", capacity=capacity, occupancy=occupancy,
                  operator=ACRONYM["unocha-kv"])
        marks.add("unocha-kv", "GREEN", hct)

    # Warehouses: the main one in the capital, regional ones behind the front, one beyond it.
    for place, scale in ((capital, 1.0), (west_towns[0], 0.4), (west_towns[-1], 0.3), (east_towns[0], 0.05)):
        stock = {s: int(rng.integers(50, 400) * scale * m) for s, m in
                 zip(STOCKS, (500, 2000, 20, 10, 40, 15), strict=True)}
        sites.add(sites.near_street(place, 2000), name=f"{place.name} warehouse", facility_type="warehouse",
                  operator=ACRONYM["unocha-kv"], **stock,
                  notes="Stocks nearly exhausted; resupply blocked." if place in east else None)
        marks.add("unocha-kv", "AMBER", [o for o in ACRONYM if o != "unocha-kv"])

    # Checkpoints where the main roads cross the front, on the road 1.5 km behind it.
    main = np.isin(roads.road_class, ["primary", "secondary", "tertiary"])
    # Whole roads, not noded pieces, so that "1.5 km along" reaches beyond the next junction.
    lines = shapely.get_parts(shapely.line_merge(shapely.multilinestrings(roads.geometry[main])))
    crossings = shapely.get_parts(shapely.intersection(lines, region.front))
    points = [c for c in crossings if c.geom_type == "Point"]
    for k, crossing in enumerate(points[:6]):
        line = lines[int(np.argmin(shapely.distance(lines, crossing)))]
        spot = _behind_front(line, crossing, region)
        sites.add(spot, name=f"Checkpoint {k + 1}", facility_type="checkpoint", status="operational",
                  notes="Long waits; men of military age turned back." if k % 2 else None)
        marks.add("civpro", "AMBER", [o for o in ACRONYM if o != "civpro"], ["no_onward_sharing"] if k == 0 else ())

    for k, place in enumerate(_some(villages, 6, rng)):
        sites.add(sites.near_street(place, 300), name=f"{place.name} water point", facility_type="water_point",
                  status="damaged" if k == 0 else "operational", capacity=int(rng.integers(5, 30)) * 100,
                  operator=ACRONYM["waterbridge"])
        marks.add("waterbridge", "GREEN", ["community:wash-cluster"])
    for place in (capital, *west_towns[:2]):
        sites.add(sites.near_street(place, 1000), name=f"{place.name} distribution point",
                  facility_type="distribution_point", operator=ACRONYM["unocha-kv"])
        marks.add("unocha-kv", "GREEN", hct, (), marks.days(-3, -1) if place is capital else None)
    return sites.columns, shapely.points(np.array(sites.xy))


def _some(places: list[Place], count: int, rng: np.random.Generator) -> list[Place]:
    return [places[int(i)] for i in rng.choice(len(places), min(count, len(places)), replace=False)]


def _behind_front(line: Any, crossing: Point, region: Region) -> tuple[float, float]:
    """The point on ``line`` 1.5 km from where it crosses the front, on the capital's side."""
    at = line.project(crossing)
    candidates = [line.interpolate(max(0.0, at - 1_500)), line.interpolate(min(line.length, at + 1_500))]
    capital = Point(region.capital.x, region.capital.y)
    best = min(candidates, key=lambda p: p.distance(capital))
    return (best.x, best.y)
