"""The store's columnar read (LayerReader.columns): what it gives agrees with the row reader,
point coordinates parsed from the blobs with numpy or, for other blobs, through shapely;
markings as categoricals across chunks; the filters (uuids, bbox, fids); stopping."""

from __future__ import annotations

import sqlite3
import struct

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, Polygon

from humanops.errors import WorkspaceError
from humanops.store.gpkg_geometry import register_functions
from humanops.store.layer_columns import plain_point_xy

N = 57  # several chunks of 10 (the read below) and a part of fids


@pytest.fixture
def needs(workspace) -> list[str]:
    frame = gpd.GeoDataFrame(
        {"name": [f"need {i}" for i in range(N)], "population": np.arange(N) * 10,
         # the first chunk holds no severity at all: its categories are empty, the next not
         "severity_phase": [None] * 10 + [1 + i % 5 for i in range(N - 10)],
         "tlp": np.where(np.arange(N) % 4 == 0, "RED", "GREEN")},
        geometry=[Point(30 + (i % 8) * 0.01, 10 + (i // 8) * 0.01) for i in range(N)], crs=4326)
    return workspace.add_frame("need", frame)


def _columns(workspace, **kwargs):
    kind = workspace.kind("need")
    return workspace.reader.columns(kind, ["uuid", "population", "tlp", "severity_phase"],
                                    types={"population": "float", "tlp": "category", "severity_phase": "category"},
                                    size=10, **kwargs)


def test_columns_agree_with_the_rows_they_come_from(workspace, needs):
    columns = _columns(workspace)
    rows = workspace.rows("need", ["uuid", "population", "tlp", "severity_phase"], ordered=True)
    assert len(columns) == N and columns.fids.tolist() == rows.fids.tolist()
    assert np.array_equal(columns.point_xy, shapely.get_coordinates(rows.geometries))
    assert columns.geometries is None  # a point layer's geometry is its coordinates
    assert columns.values["uuid"].tolist() == needs
    assert columns.values["population"].dtype == float and columns.values["population"][:3].tolist() == [0, 10, 20]
    tlp = columns.values["tlp"]
    assert isinstance(tlp, pd.Categorical) and sorted(tlp.categories) == ["GREEN", "RED"]
    assert list(tlp) == rows.column("tlp")
    severity = columns.values["severity_phase"]  # merged from chunks with and without categories
    assert severity.isna()[:10].all() and list(severity[10:]) == rows.column("severity_phase")[10:]


def test_columns_filter_by_uuids_box_and_fids(workspace, needs):
    wanted = needs[5:40:3]
    by_uuid = _columns(workspace, uuids=wanted)
    assert sorted(by_uuid.values["uuid"].tolist()) == sorted(wanted)
    assert by_uuid.fids.tolist() == sorted(by_uuid.fids.tolist())  # in fid order
    box = (30.015, 10.015, 30.045, 10.035)
    in_box = _columns(workspace, bbox=box)
    expected = workspace.rows("need", ["uuid"], bbox=box)
    assert sorted(in_box.values["uuid"].tolist()) == sorted(expected.column("uuid")) and len(in_box) > 3
    fids = workspace.rows("need", ["uuid"], geometry=False, ordered=True).fids
    some = fids[[50, 2, 31, 2]]  # unordered, repeated
    by_fid = workspace.reader.columns(workspace.kind("need"), ["uuid"], fids=some, geometry=False)
    assert by_fid.fids.tolist() == sorted(set(some.tolist())) and by_fid.point_xy is None
    assert by_fid.values["uuid"].tolist() == [needs[2], needs[31], needs[50]]


def test_columns_of_an_area_layer_are_shapely_and_a_stop_reads_nothing(workspace):
    square = Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10.1)])
    workspace.add_feature("danger_zone", square, {"name": "Zone", "hazard": "fire", "severity": 2})
    columns = workspace.reader.columns(workspace.kind("danger_zone"), ["name"])
    assert columns.point_xy is None and columns.geometries[0].equals(square)
    assert columns.values["name"].tolist() == ["Zone"]
    assert workspace.reader.columns(workspace.kind("danger_zone"), ["name"], should_stop=lambda: True) is None


def test_a_point_blob_with_an_envelope_or_no_geometry_is_read_through_shapely(workspace, needs):
    """Another tool may write a point with an envelope in its header, or no geometry: the
    numpy parse refuses such a chunk and shapely reads it; a missing geometry is NaN."""
    fids = workspace.rows("need", ["uuid"], geometry=False, ordered=True).fids
    header = b"GP\x00\x03" + struct.pack("<i4d", 4326, 31.5, 31.5, 11.5, 11.5)  # little-endian, with envelope
    with_envelope = header + struct.pack("<BIdd", 1, 1, 31.5, 11.5)
    assert plain_point_xy([with_envelope]) is None
    other = sqlite3.connect(workspace.path)
    register_functions(other)  # the R-tree triggers call them
    with other:
        other.execute("UPDATE need SET geom = ? WHERE fid = ?", (with_envelope, int(fids[3])))
        other.execute("UPDATE need SET geom = NULL WHERE fid = ?", (int(fids[4]),))
    other.close()
    columns = _columns(workspace)
    assert columns.point_xy[3].tolist() == [31.5, 11.5]
    assert np.isnan(columns.point_xy[4]).all()
    stored = workspace.rows("need", ordered=True).geometries
    assert columns.point_xy[5].tolist() == shapely.get_coordinates(stored[5])[0].tolist()


def test_a_garbled_point_names_its_feature(workspace, needs):
    fid, uid = workspace.connection.execute("SELECT fid, uuid FROM need ORDER BY fid LIMIT 1 OFFSET 2").fetchone()
    # a header with its envelope (the R-tree takes that), then half a point
    garbled = b"GP\x00\x03" + struct.pack("<i4d", 4326, 30.0, 30.0, 10.0, 10.0) + b"\x01\x01\x00\x00\x00\xde\xad"
    other = sqlite3.connect(workspace.path)
    register_functions(other)
    with other:
        other.execute("UPDATE need SET geom = ? WHERE fid = ?", (garbled, fid))
    other.close()
    with pytest.raises(WorkspaceError) as info:
        _columns(workspace)
    assert f"feature {fid} ({uid})" in str(info.value) and "geometry cannot be read" in str(info.value)
