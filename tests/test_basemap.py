"""The offline world basemap: country outlines a map can show with no network."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import Point

from humanops import basemap
from humanops.errors import HumanOpsError
from humanops.scenario.region import ORIGIN_LONLAT

ROOT = Path(__file__).resolve().parent.parent


def test_world_outlines_load_in_wgs84():
    world = basemap.world_outlines()
    assert len(world) > 150
    assert world.crs.to_epsg() == 4326
    assert {"name", "iso_a3"} <= set(world.columns)
    assert shapely.is_valid(world.geometry.values).all()
    minx, miny, maxx, maxy = world.total_bounds
    assert minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90
    assert basemap.world_outlines() is world  # read once


def test_the_demo_region_lies_on_land():
    world = basemap.world_outlines()
    centre = Point(ORIGIN_LONLAT[0] + 0.7, ORIGIN_LONLAT[1] + 0.5)
    assert world.geometry.contains(centre).any()


def test_missing_basemap_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("HUMANOPS_RESOURCES", str(tmp_path))
    with pytest.raises(HumanOpsError, match="basemap"):
        basemap.world_outlines()


def test_make_basemap_rebuilds_the_shipped_file(tmp_path):
    spec = importlib.util.spec_from_file_location("make_basemap", ROOT / "packaging" / "make_basemap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "world.gpkg"
    assert module.main(["--out", str(out)]) == 0
    rebuilt = pyogrio.read_dataframe(out)
    shipped = pyogrio.read_dataframe(basemap.world_basemap_path())
    assert rebuilt["name"].tolist() == shipped["name"].tolist()
    assert np.array_equal(shapely.get_coordinates(rebuilt.geometry.values),
                          shapely.get_coordinates(shipped.geometry.values))
