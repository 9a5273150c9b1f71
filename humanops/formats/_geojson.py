"""GeoJSON in (through GDAL) and out (RFC 7946: EPSG:4326 lon/lat, no crs member,
coordinates rounded to 7 decimals, about 1 cm)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd

from humanops.formats import _ogr
from humanops.formats.sources import SourceLayer


def read_geojson(path: Path) -> list[SourceLayer]:
    # GDAL parses the whole file on every open: asking it for the layer name first would
    # cost a third pass (0.45 s for 100,000 points), so the name is read from the head.
    name = _collection_name(path)
    if name is not None:
        return [_ogr.read_layer(path, name, "GeoJSON")]
    layers = _ogr.list_layers(path, "GeoJSON")
    return [_ogr.read_layer(path, name, "GeoJSON") for name, _ in layers]


def _collection_name(path: Path) -> str | None:
    """The layer name GDAL gives a FeatureCollection, when the file's head tells it: its
    top-level ``name`` member written before ``features`` (as GDAL, QGIS and geopandas write
    it). None when the head does not tell (no name there, another shape, not JSON)."""
    with open(path, "rb") as file:
        head = file.read(_HEAD).decode("utf-8", errors="ignore").lstrip("\ufeff")
    decoder = json.JSONDecoder()
    members: dict[str, object] = {}
    at = _skip(head, 0)
    if head[at:at + 1] != "{":
        return None
    at += 1
    try:
        while True:
            key, at = decoder.raw_decode(head, _skip(head, at))
            at = _skip(head, at)
            if not isinstance(key, str) or head[at:at + 1] != ":":
                return None
            if key == "features":
                break
            members[key], at = decoder.raw_decode(head, _skip(head, at + 1))
            at = _skip(head, at)
            if head[at:at + 1] != ",":
                return None
            at += 1
    except ValueError:  # cut off by the head's end, or not JSON
        return None
    name = members.get("name")
    return name if members.get("type") == "FeatureCollection" and isinstance(name, str) and name else None


_HEAD = 65536


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def write_geojson(frame: gpd.GeoDataFrame, path: Path, *, layer: str, geometry_type: str) -> None:
    import pyogrio

    pyogrio.write_dataframe(
        frame, path, layer=layer, driver="GeoJSON", geometry_type=geometry_type,
        layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": 7, "WRITE_BBOX": "NO"},
    )
