"""GeoPackage in (every layer, through GDAL) and out (styled: our QGIS ``layer_styles`` rows
travel with the layers, so the file opens in QGIS as it looks in HumanOps)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd

from humanops.formats import _ogr
from humanops.formats.sources import SourceLayer
from humanops.store import schema

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
        layer_options={"GEOMETRY_NAME": GEOMETRY_COLUMN, "DESCRIPTION": title, "IDENTIFIER": title},
    )


def copy_layer_styles(source: sqlite3.Connection, path: Path, layers: list[str]) -> int:
    """Copy the QGIS styles of ``layers`` from the workspace into the GeoPackage at ``path``;
    returns how many were copied. ``f_geometry_column`` must name the real column (QGIS
    ignores the style otherwise)."""
    marks = ",".join("?" * len(layers))
    rows = source.execute(
        "SELECT f_table_catalog, f_table_schema, f_table_name, styleName, styleQML, styleSLD, "
        f"useAsDefault, description, owner, ui, update_time FROM layer_styles "
        f"WHERE f_table_name IN ({marks}) ORDER BY id", layers).fetchall()
    target = sqlite3.connect(path)
    try:
        with target:
            target.execute(schema.LAYER_STYLES)
            schema.register_attributes_table(target, "layer_styles", "QGIS layer styles")
            target.executemany(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, "
                "ui, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
                [(r[0], r[1], r[2], GEOMETRY_COLUMN, *r[3:]) for r in rows])
    finally:
        target.close()
    return len(rows)
