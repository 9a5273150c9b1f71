"""GeoJSON in (through GDAL) and out (RFC 7946: EPSG:4326 lon/lat, no crs member,
coordinates rounded to 7 decimals, about 1 cm)."""

from __future__ import annotations

import json
import warnings
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
    """RFC 7946's shape (lon/lat WGS 84, no ``crs`` member, 7 decimals) with the vertices as
    stored. GDAL's RFC7946=YES mode rewrites rings to the right-hand rule (reversing clockwise
    ones) and cuts at the antimeridian, so an exported polygon is not the one we hold; we write
    in GDAL's default mode from a frame without a CRS (then no ``crs`` member is written) and keep
    the vertex order. RFC 7946 §3.1.6 asks readers not to reject rings of the other winding."""
    import pyogrio

    assert frame.crs is None or frame.crs.to_epsg() == 4326, "GeoJSON is written in EPSG:4326"
    with warnings.catch_warnings():  # "no crs" is what we want: GeoJSON without crs is WGS 84
        warnings.filterwarnings("ignore", message="'crs' was not provided", category=UserWarning)
        pyogrio.write_dataframe(
            frame.set_crs(None, allow_override=True), path, layer=layer, driver="GeoJSON",
            geometry_type=geometry_type,
            layer_options={"RFC7946": "NO", "COORDINATE_PRECISION": 7, "WRITE_BBOX": "NO"},
        )
