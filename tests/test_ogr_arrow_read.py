"""The vector readers (GeoJSON, GeoPackage, Shapefile through pyogrio) read with Arrow where pyarrow
is installed, so GDAL reads the rows with the GIL released; the frame must be the one the
row-by-row read gives (values, dtypes, dates as datetime64, nulls, the fid rows)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from humanops.formats import _ogr


def _frame(n: int = 40) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "name": [None if i % 7 == 0 else f"Camp {i} é" for i in range(n)],
        "population": np.arange(n) * 10,
        "households": pd.array([None if i % 5 == 0 else i for i in range(n)], dtype="Int64"),
        "ratio": [np.nan if i % 9 == 0 else i / 3 for i in range(n)],
        "open": [bool(i % 2) for i in range(n)],
        "opened_on": pd.to_datetime([f"2026-01-{1 + i % 28:02d}" for i in range(n)]).date,
        "reported": pd.to_datetime([f"2026-01-01T10:{i % 60:02d}:00" for i in range(n)]),
    }, geometry=[None if i == 3 else shapely.Point(30 + i / 10, 2 + i / 10) for i in range(n)], crs=4326)


def test_without_pyarrow_the_rows_are_read_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    assert _ogr._arrow_options() == {}


@pytest.mark.parametrize(("suffix", "driver"), [(".geojson", "GeoJSON"), (".gpkg", "GPKG"),
                                                (".shp", "ESRI Shapefile")])
@pytest.mark.parametrize("fid_rows", [False, True])
def test_the_arrow_read_gives_the_same_frame(suffix: str, driver: str, fid_rows: bool, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    import pyogrio

    path = tmp_path / f"camps{suffix}"
    pyogrio.write_dataframe(_frame(), path, driver=driver)
    assert _ogr._arrow_options().get("use_arrow") is True
    with_arrow = _ogr.read_layer(path, None, "a test file", fid_rows=fid_rows)
    monkeypatch.setattr(_ogr, "_arrow_options", dict)  # the row-by-row read
    row_by_row = _ogr.read_layer(path, None, "a test file", fid_rows=fid_rows)
    assert (with_arrow.rows == row_by_row.rows).all()
    assert dict(with_arrow.frame.dtypes) == dict(row_by_row.frame.dtypes)
    assert with_arrow.frame.crs == row_by_row.frame.crs
    pd.testing.assert_frame_equal(pd.DataFrame(with_arrow.frame), pd.DataFrame(row_by_row.frame))
