"""Hand-built planning cases (tests/data/planning/) loaded into workspaces and graphs.

The ladder: junctions A(0,0) B(1,0) C(2,0) D(0,1) E(1,1) F(2,1) in units of 0.01 degree at 30E 0.5N
(one unit is about 1.11 km); roads A-B, B-C (the short way), A-D, D-E, E-F, F-C (the detour) and a
one-way road B->E. Zones: a severity 5 zone round B, or a severity 5 band across both ways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd

DATA = Path(__file__).parent / "data" / "planning"
UNIT = 0.01
X0, Y0 = 30.0, 0.5
ROAD = {name: uuid for name, uuid in (
    ("A-B", "a0000000-0000-4000-8000-00000000000a"), ("B-C", "b0000000-0000-4000-8000-00000000000b"),
    ("A-D", "c0000000-0000-4000-8000-00000000000c"), ("D-E", "d0000000-0000-4000-8000-00000000000d"),
    ("E-F", "e0000000-0000-4000-8000-00000000000e"), ("F-C", "f0000000-0000-4000-8000-00000000000f"),
    ("B-E", "90000000-0000-4000-8000-000000000009"))}
UNIT_M = 1113.2   # geodesic metres in 0.01 degree of longitude at 0.5N (and of latitude, within 0.2 %)


def at(x: float, y: float) -> tuple[float, float]:
    """(lon, lat) of ladder coordinates."""
    return X0 + x * UNIT, Y0 + y * UNIT


def latlon(x: float, y: float) -> str:
    lon, lat = at(x, y)
    return f"{lat:.6f},{lon:.6f}"


def read(name: str) -> gpd.GeoDataFrame:
    import pyogrio

    return pyogrio.read_dataframe(DATA / name)


def road_names(uuids: list[str]) -> list[str]:
    back = {u: n for n, u in ROAD.items()}
    return [back.get(u, u) for u in uuids]


def load(workspace: Any, *names: str) -> None:
    """Add the named files to the layers their names start with."""
    layers = {"ladder_roads": "road", "noding_roads": "road", "ladder_zone": "danger_zone",
              "ladder_facilities": "facility", "ladder_needs": "need"}
    for name in names:
        layer = next(v for k, v in layers.items() if name.startswith(k))
        workspace.add_frame(layer, read(name))
