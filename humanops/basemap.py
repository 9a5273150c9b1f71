"""The offline world basemap: Natural Earth 1:110m country outlines (public domain).

Made once by ``packaging/make_basemap.py`` and shipped in ``resources/basemap/``, so every map
has context with no network and no tiles. Qt-free: the canvas, briefing maps and tests read
the same GeoDataFrame.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd

from humanops.data_paths import resources_dir
from humanops.errors import HumanOpsError

LAYER = "countries"


def world_basemap_path() -> Path:
    return resources_dir() / "basemap" / "world_110m.gpkg"


def world_outlines() -> gpd.GeoDataFrame:
    """Country outlines (EPSG:4326; columns ``name``, ``iso_a3``, geometry). Read once and
    cached: treat the frame as read-only (copy it before changing it)."""
    return _read(str(world_basemap_path()))


@cache
def _read(path: str) -> gpd.GeoDataFrame:
    import pyogrio

    if not Path(path).is_file():
        raise HumanOpsError("the offline world basemap is missing (run packaging/make_basemap.py)",
                            file=path)
    frame = pyogrio.read_dataframe(path, layer=LAYER)
    return frame if frame.crs is not None else frame.set_crs(4326)
