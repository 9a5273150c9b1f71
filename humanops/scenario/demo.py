"""The demo scenario: Kavera, a fictional region with a front line, written as a workspace.

Deterministic: the same seed gives the same workspace, identities included (uuids come from
the seed, times from the fixed ``DEMO_NOW``). ``build_demo`` makes the layers as
GeoDataFrames; ``create_demo_workspace`` writes them, each row with its own originator and
marking (as four partners would have reported them), in one transaction.
"""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np

from humanops.scenario.corridors import build_corridors
from humanops.scenario.facilities import build_facilities
from humanops.scenario.hazards import build_danger_zones, build_incidents
from humanops.scenario.needs import build_needs
from humanops.scenario.partners import DEMO_COMMUNITIES, DEMO_PARTNERS, Markings
from humanops.scenario.region import Region, build_region, to_lonlat
from humanops.scenario.roads import RoadNetwork, build_roads

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

__all__ = ["DEMO_COMMUNITIES", "DEMO_NOW", "DEMO_ORGANISATION", "DEMO_PARTNERS", "build_demo",
           "create_demo_workspace"]

DEMO_NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # "now" of the scenario: windows are around it
DEMO_ORGANISATION = DEMO_PARTNERS[0]["id"]  # the workspace's own organisation
RECORDED_AT = DEMO_NOW - timedelta(hours=2)  # created/modified time of every demo feature
ROAD_ORIGINATOR = "civpro"  # the base network comes from civil protection, marked CLEAR


def build_demo(seed: int = 7) -> dict[str, gpd.GeoDataFrame]:
    """Every layer of the demo as a GeoDataFrame (EPSG:4326) with ``uuid``, ``originator`` and
    marking columns; no file is written."""
    rng = np.random.default_rng(seed)
    region = build_region(rng)
    roads = build_roads(region, rng)
    frames = {"road": _frame(_road_columns(roads), roads.geometry, seed, "road")}
    builders: dict[str, Callable[[Markings], tuple[dict[str, list[Any]], np.ndarray]]] = {
        "danger_zone": lambda m: build_danger_zones(region, rng, m),
        "corridor": lambda m: build_corridors(region, roads, rng, m),
        "need": lambda m: build_needs(region, roads, rng, m),
        "facility": lambda m: build_facilities(region, roads, rng, m),
        "incident": lambda m: build_incidents(region, rng, m),
    }
    for layer, build in builders.items():
        marks = Markings(rng, DEMO_NOW)
        columns, geometry = build(marks)
        frames[layer] = _frame({**columns, **marks.columns}, geometry, seed, layer)
    return frames


def create_demo_workspace(path: str | Path, *, seed: int = 7, overwrite: bool = False) -> Workspace:
    """Write the demo to a new workspace at ``path`` (an existing file only with ``overwrite``)
    and return it open. The layers are built before the file is touched."""
    from humanops.model.marking import TLP, Marking
    from humanops.store.workspace import Workspace

    path = Path(path)
    frames = build_demo(seed)
    workspace = Workspace.create(path, organisation=DEMO_ORGANISATION, overwrite=overwrite)
    try:
        with workspace.transaction():
            for layer, frame in frames.items():
                if layer == "road":
                    workspace.add_frame(layer, frame.drop(columns="originator"), originator=ROAD_ORIGINATOR,
                                        marking=Marking(tlp=TLP.CLEAR), at=RECORDED_AT)
                else:
                    workspace.add_frame(layer, frame, at=RECORDED_AT)
            workspace.set_meta("scenario", "kavera-demo")
            workspace.set_meta("scenario_seed", str(seed))
            workspace.set_meta("scenario_now", DEMO_NOW.isoformat().replace("+00:00", "Z"))
    except BaseException:
        workspace.close()
        path.unlink(missing_ok=True)
        raise
    return workspace


def _road_columns(roads: RoadNetwork) -> dict[str, Any]:
    n = len(roads)
    return {
        "name": roads.name.tolist(),
        "road_class": roads.road_class.tolist(),
        "surface": roads.surface.tolist(),
        "condition": roads.condition.tolist(),
        "oneway": roads.oneway.tolist(),
        "bridge": roads.bridge.tolist(),
        "tunnel": [False] * n,
        "notes": ["Bridge damaged by shelling." if b and c == "impassable" else None
                  for b, c in zip(roads.bridge, roads.condition, strict=True)],
        "originator": [ROAD_ORIGINATOR] * n,
    }


def _frame(columns: dict[str, Any], local_geometry: np.ndarray, seed: int, layer: str) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(columns, geometry=to_lonlat(local_geometry), crs=4326)
    frame.insert(0, "uuid", _uuids(seed, layer, len(frame)))
    return frame


def _uuids(seed: int, layer: str, count: int) -> list[str]:
    """Version-4-shaped uuids drawn from the seed: the same seed, the same identities."""
    raw = np.random.default_rng([seed, zlib.crc32(layer.encode())]).bytes(16 * count)
    return [str(uuid.UUID(bytes=raw[16 * i:16 * (i + 1)], version=4)) for i in range(count)]


def describe_region(seed: int = 7) -> Region:
    """The region's geography alone (places, front line, river in local metres)."""
    return build_region(np.random.default_rng(seed))
