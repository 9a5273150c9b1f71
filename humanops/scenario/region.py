"""The demo region's geography: where its places, its front line and its river are.

Kavera is a fictional region of about 150 km x 110 km, placed in the tropics on real
coordinates (sparsely populated land in northern Australia, 128.0-129.4 E, 18.6-17.6 S) only
so that distances, areas and the world basemap behave as they would anywhere. Every name is
invented. The geography is built in metres on a local grid (x east, y north, origin at the
south-west corner, UTM zone 52S) and converted to EPSG:4326 at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, Point

WIDTH_M = 150_000.0
HEIGHT_M = 110_000.0
ORIGIN_LONLAT = (128.0, -18.6)  # south-west corner
UTM_EPSG = 32752  # WGS 84 / UTM zone 52S, the zone of the region
COUNTRY_CODE = "KV"  # P-codes: KV + district + area, e.g. KV0102

CAPITAL = "Valmora"
TOWN_NAMES = ("Tesshan", "Orinde", "Kelburo", "Marisk", "Sudavi")
VILLAGE_NAMES = ("Amberlo", "Brisca", "Colvane", "Denhal", "Estrima", "Fenwar", "Gorlun", "Hathri",
                 "Ilvane", "Jostra", "Lumeri", "Nevash", "Pellor", "Quivar")
DISTRICTS = ("Valmora District", "Northern Uplands", "Semra Valley", "Eastern Marches")
RIVER_NAME = "Semra"
_SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ve", "sa", "du", "ne", "bi", "or", "an", "te", "ul", "ko", "ri")


@dataclass(frozen=True)
class Place:
    """A town or village: the centre of a street grid and of a cluster of needs."""

    name: str
    kind: str  # capital | town | village
    x: float
    y: float
    radius: float  # metres: extent of the built-up area
    population: int
    district: int  # 1-based index into DISTRICTS
    pcode: str

    @property
    def east_of_front(self) -> bool:
        return self.x > front_x(self.y)


@dataclass(frozen=True)
class Region:
    places: tuple[Place, ...]
    front: LineString  # local metres, north to south
    river: LineString  # local metres, west to east

    @property
    def capital(self) -> Place:
        return self.places[0]

    def place(self, name: str) -> Place:
        return next(p for p in self.places if p.name == name)


def front_x(y: float | np.ndarray) -> np.ndarray:
    """x of the front line at ``y``: roughly north-south, east of centre, gently winding."""
    t = np.asarray(y, dtype=float) / HEIGHT_M
    return 86_000 + 12_000 * t + 5_000 * np.sin(2.3 * np.pi * t + 0.6) + 2_000 * np.sin(7.1 * np.pi * t)


def river_y(x: float | np.ndarray) -> np.ndarray:
    """y of the river at ``x``: it crosses the south of the region from west to east."""
    s = np.asarray(x, dtype=float) / WIDTH_M
    return 27_000 - 9_000 * s + 3_500 * np.sin(3.1 * np.pi * s + 0.4) + 1_200 * np.sin(11.0 * np.pi * s)


def _district(x: float, y: float) -> int:
    west = x < front_x(y)
    return (1 if y >= 55_000 else 3) if west else (2 if y >= 55_000 else 4)


def build_region(rng: np.random.Generator) -> Region:
    """Places sampled with spacing rules (towns apart, off the river, off the front line)."""
    ys = np.linspace(HEIGHT_M, 0, 60)
    front = LineString(np.column_stack([front_x(ys), ys]))
    xs = np.linspace(0, WIDTH_M, 80)
    river = LineString(np.column_stack([xs, river_y(xs)]))
    drafts: list[tuple[str, str, float, float]] = []

    def far_enough(x: float, y: float, spacing: float) -> bool:
        if any(np.hypot(x - px, y - py) < spacing for _, _, px, py in drafts):
            return False
        pt = Point(x, y)
        return river.distance(pt) > 2_500 and front.distance(pt) > 3_000

    cx, cy = 32_000 + rng.uniform(-4_000, 4_000), 62_000 + rng.uniform(-5_000, 5_000)
    drafts.append((CAPITAL, "capital", cx, cy))
    # Two towns beyond the front (where the fighting is), three behind it.
    town_sides = (True, True, False, False, False)
    for name, east in zip(TOWN_NAMES, town_sides, strict=True):
        for _ in range(2000):
            x = rng.uniform(112_000, 142_000) if east else rng.uniform(10_000, 75_000)
            y = rng.uniform(8_000, 102_000)
            if far_enough(x, y, 24_000):
                break
        drafts.append((name, "town", x, y))
    for name in VILLAGE_NAMES:
        for _ in range(2000):
            x, y = rng.uniform(5_000, WIDTH_M - 5_000), rng.uniform(5_000, HEIGHT_M - 5_000)
            if far_enough(x, y, 9_000):
                break
        drafts.append((name, "village", x, y))
    counters = {d: 0 for d in range(1, len(DISTRICTS) + 1)}
    places = []
    for name, kind, x, y in drafts:
        district = _district(x, y)
        counters[district] += 1
        radius, population = {
            "capital": (3_200.0, int(rng.integers(150_000, 190_000))),
            "town": (float(rng.uniform(1_400, 1_900)), int(rng.integers(18_000, 42_000))),
            "village": (float(rng.uniform(450, 700)), int(rng.integers(1_200, 4_500))),
        }[kind]
        pcode = f"{COUNTRY_CODE}{district:02d}{counters[district]:02d}"
        places.append(Place(name, kind, float(x), float(y), radius, population, district, pcode))
    return Region(tuple(places), front, river)


def invented_name(rng: np.random.Generator) -> str:
    """A hamlet name made of two or three syllables (invented, like every name here)."""
    count = int(rng.integers(2, 4))
    return "".join(_SYLLABLES[int(i)] for i in rng.integers(0, len(_SYLLABLES), count)).capitalize()


@cache
def _to_lonlat() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(UTM_EPSG, 4326, always_xy=True)


@cache
def _origin_utm() -> tuple[float, float]:
    to_utm = pyproj.Transformer.from_crs(4326, UTM_EPSG, always_xy=True)
    return to_utm.transform(*ORIGIN_LONLAT)


def to_lonlat(geometries: np.ndarray) -> np.ndarray:
    """Local-metre geometries to EPSG:4326 (vectorised; identical inputs give identical outputs,
    so shared road nodes stay shared)."""
    ox, oy = _origin_utm()
    transformer = _to_lonlat()

    def convert(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0] + ox, coords[:, 1] + oy)
        return np.column_stack([lon, lat])

    return shapely.transform(np.asarray(geometries, dtype=object), convert)

