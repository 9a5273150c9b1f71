"""GeoJSON in (through GDAL) and out (RFC 7946: EPSG:4326 lon/lat, no crs member,
coordinates rounded to 7 decimals, about 1 cm)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from humanops.formats import _ogr
from humanops.formats.sources import SourceLayer


def read_geojson(path: Path) -> list[SourceLayer]:
    layers = _ogr.list_layers(path, "GeoJSON")
    return [_ogr.read_layer(path, name, "GeoJSON") for name, _ in layers]


def write_geojson(frame: gpd.GeoDataFrame, path: Path, *, layer: str, geometry_type: str) -> None:
    import pyogrio

    pyogrio.write_dataframe(
        frame, path, layer=layer, driver="GeoJSON", geometry_type=geometry_type,
        layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": 7, "WRITE_BBOX": "NO"},
    )
