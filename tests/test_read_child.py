"""A vector file read by a child process (formats/read_child.py): the same frame pyogrio gives
in the thread, the usual error for a bad file (the thread's read says it), Cancel ends the child."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from humanops.errors import FormatError
from humanops.feedback import Canceled, Feedback
from humanops.formats import _ogr, read_child


def _frame(n: int = 50) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(3)
    frame = gpd.GeoDataFrame({
        "name": [f"Camp {i}" if i % 7 else None for i in range(n)],
        "population": rng.integers(1, 5000, n),
        "share": rng.uniform(size=n),
        "reported": pd.to_datetime(["2026-11-20T08:30:00"] * n),
    }, geometry=shapely.points(rng.uniform(36, 37, n), rng.uniform(36, 37, n)), crs=4326)
    frame.loc[3, "geometry"] = None
    frame.loc[4, "geometry"] = shapely.Polygon([(36, 36), (36.1, 36), (36.1, 36.1)])
    return frame


@pytest.mark.parametrize(("suffix", "driver", "fids"), [("geojson", "GeoJSON", False), ("gpkg", "GPKG", True)])
def test_the_child_gives_the_frame_pyogrio_gives(tmp_path: Path, suffix: str, driver: str, fids: bool) -> None:
    import pyogrio

    path = tmp_path / f"camps.{suffix}"
    _frame().to_file(path, driver=driver)
    expected = pyogrio.read_dataframe(path, fid_as_index=fids)
    read_child.last_read.clear()
    got = read_child.read_frame_in_child(path, None, fids, Feedback())
    assert read_child.last_read["rows"] == 50
    assert list(got.columns) == list(expected.columns) and got.crs == expected.crs
    pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")),
                                  pd.DataFrame(expected.drop(columns="geometry")))
    assert got.geometry.isna().tolist() == expected.geometry.isna().tolist()
    assert shapely.equals(got.geometry.values[1:], expected.geometry.values[1:])[~expected.geometry.isna()[1:]].all()


def test_read_layer_goes_through_the_child_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "camps.geojson"
    _frame().to_file(path, driver="GeoJSON")
    read_child.last_read.clear()
    with read_child.child_reads(Feedback(), min_bytes=0):
        source = _ogr.read_layer(path, None, "GeoJSON")
    assert read_child.last_read.get("rows") == 50 and len(source.frame) == 50
    assert source.frame.geometry.name == "geometry" and source.rows.tolist() == list(range(1, 51))
    read_child.last_read.clear()
    _ogr.read_layer(path, None, "GeoJSON")  # not asked: read in this thread
    assert not read_child.last_read


def test_a_bad_file_gives_the_usual_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [ {"type": ')
    with pytest.raises(read_child.ChildReadFailed):
        read_child.read_frame_in_child(path, None, False, Feedback())
    with read_child.child_reads(Feedback(), min_bytes=0), pytest.raises(FormatError) as caught:
        _ogr.read_layer(path, None, "GeoJSON")
    with pytest.raises(FormatError) as in_thread:
        _ogr.read_layer(path, None, "GeoJSON")
    assert str(caught.value) == str(in_thread.value) and "broken.geojson" in str(caught.value)


def test_cancel_kills_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    path = tmp_path / "camps.geojson"
    _frame().to_file(path, driver="GeoJSON")
    started: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def slow_child(command: list[str], **kwargs: object) -> subprocess.Popen:
        # a child that never answers, as a read of a huge file would not for a while
        child = popen([command[0], "-c", "import time; time.sleep(60)"], **kwargs)  # type: ignore[call-overload]
        started.append(child)
        return child

    monkeypatch.setattr(read_child.subprocess, "Popen", slow_child)
    feedback = Feedback()
    threading.Timer(0.3, feedback.cancel).start()
    began = time.monotonic()
    with pytest.raises(Canceled):
        read_child.read_frame_in_child(path, None, False, feedback)
    assert time.monotonic() - began < 5
    assert started and started[0].poll() is not None  # ended, not left running
