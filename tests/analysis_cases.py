"""Known-answer analysis cases (tests/data/analysis/*.json) loaded into a workspace.

A case gives features per layer with their geometry as WKT in the case's ``crs`` (a UTM zone, so
expected lengths and distances are plain metres) and the expected results. Loading converts them to
EPSG:4326 and stores them with ``add_frame``, exactly as an import would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

CASES = Path(__file__).parent / "data" / "analysis"
LAYERS = ("danger_zone", "corridor", "need", "facility", "road", "incident")


def read_case(name: str) -> dict[str, Any]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def frame_of(case: dict[str, Any], layer: str) -> gpd.GeoDataFrame:
    rows = [dict(r) for r in case.get(layer, [])]
    geoms = [shapely.from_wkt(r.pop("wkt")) for r in rows]
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=case["crs"]).to_crs(4326)


def load_case(workspace: Any, case: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Store the case's features; returns {layer: {feature name: uuid}}."""
    names: dict[str, dict[str, str]] = {}
    for layer in LAYERS:
        if case.get(layer):
            frame = frame_of(case, layer)
            uuids = workspace.add_frame(layer, frame)
            names[layer] = dict(zip(frame["name"], uuids, strict=True))
    return names
