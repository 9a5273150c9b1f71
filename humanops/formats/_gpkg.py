"""GeoPackage in (every layer, through GDAL) and out (styled: our QGIS ``layer_styles`` rows
travel with the layers, so the file opens in QGIS as it looks in HumanOps)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from humanops.formats import _ogr
from humanops.formats.sources import SourceLayer
from humanops.store import gpkg_conformance, layer_styles
from humanops.store.db import Connection

GEOMETRY_COLUMN = "geom"


def read_gpkg(path: Path, wanted: set[str] | None = None, why_not: str = "not a layer kind"
              ) -> tuple[list[SourceLayer], list[tuple[str, str]]]:
    """The spatial layers of ``path`` (only those in ``wanted`` if given) and the layers
    skipped, with why."""
    layers, skipped = [], []
    for name, gtype in _ogr.list_layers(path, "GeoPackage"):
        if gtype is None:
            skipped.append((name, "a table without geometry"))
        elif wanted is not None and name not in wanted:
            skipped.append((name, why_not))
        else:
            layers.append(_ogr.read_layer(path, name, "GeoPackage", row_word="fid", fid_rows=True))
    return layers, skipped


def write_gpkg_layer(frame: gpd.GeoDataFrame, path: Path, *, layer: str, geometry_type: str,
                     title: str, append: bool) -> None:
    import pyogrio

    pyogrio.write_dataframe(
        frame, path, layer=layer, driver="GPKG", geometry_type=geometry_type, append=append,
        dataset_options=gpkg_conformance.GDAL_DATASET_OPTIONS,
        layer_options={"GEOMETRY_NAME": GEOMETRY_COLUMN, "DESCRIPTION": title, "IDENTIFIER": title,
                       **gpkg_conformance.gdal_layer_options()},
    )


def copy_layer_styles(source: Connection, path: Path, layers: list[str]) -> int:
    """Copy the QGIS styles of ``layers`` from the workspace (its connection) into the
    GeoPackage at ``path``; returns how many were copied."""
    return layer_styles.copy_layer_styles(source, path, layers, GEOMETRY_COLUMN)
