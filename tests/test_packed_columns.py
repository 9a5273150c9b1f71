"""The packed read of a layer's columns (SQLite packs each column of a chunk into one string)
gives what the row reader gives: the same fids, exact coordinates, NULLs, reals, text; and rows
that do not pack exactly (a separator inside a value, a point with an envelope) are read the
ordinary way, with the same answer."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from humanops.store import packed_columns
from humanops.store.layer_reader import LayerReader
from humanops.store.workspace import Workspace


@pytest.fixture
def ws(tmp_path):
    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    rng = np.random.default_rng(3)
    n = 50
    ws.add_frame("need", gpd.GeoDataFrame({
        "name": [f"Site {i}" for i in range(n)],
        "population": rng.integers(10, 9000, n),
        "households": [None if i % 5 == 0 else int(v) for i, v in enumerate(rng.integers(2, 900, n))],
        "severity_phase": rng.integers(1, 6, n),
    }, geometry=[Point(x, y) for x, y in rng.uniform(0, 1, (n, 2))], crs=4326))
    yield ws
    ws.close()


def _same(a, b) -> None:
    assert np.array_equal(a.fids, b.fids)
    assert np.array_equal(a.point_xy, b.point_xy)  # bit for bit
    assert a.values.keys() == b.values.keys()
    for name in a.values:
        x, y = a.values[name], b.values[name]
        if isinstance(x, pd.Categorical) or isinstance(y, pd.Categorical):
            assert list(pd.Series(x).astype(object)) == list(pd.Series(y).astype(object)), name
        elif np.asarray(x).dtype.kind == "f":
            assert np.array_equal(x, y, equal_nan=True), name
        else:
            assert list(x) == list(y), name


def _both(ws, columns, **kwargs):
    kind = ws.kind("need")
    types = {"population": "float", "households": "float", "severity_phase": "category"}
    types = {c: types.get(c, "object") for c in columns}
    with LayerReader.read_only(ws.path) as reader:
        return (reader.packed_columns(kind, columns, types=types, size=7, **kwargs),
                reader.columns(kind, columns, types=types, **kwargs))


def test_packed_columns_give_what_the_row_reader_gives(ws) -> None:
    packed, rows = _both(ws, ["name", "population", "households", "uuid", "expires"])
    assert len(packed) == 50 and np.isnan(packed.values["households"]).sum() == 10
    assert list(packed.values["expires"]) == [None] * 50  # NULL text
    _same(packed, rows)
    packed, rows = _both(ws, ["population"], bbox=(0.2, 0.2, 0.6, 0.6))
    assert 0 < len(packed) < 50
    _same(packed, rows)


def test_rows_that_do_not_pack_exactly_are_read_the_ordinary_way(ws, monkeypatch) -> None:
    calls = []
    real = packed_columns.packed_read

    def spy(*args, **kwargs):
        calls.append(result := real(*args, **kwargs))
        return result

    monkeypatch.setattr("humanops.store.layer_reader.packed_read", spy)
    uuid = ws.uuids("need")[3]
    ws.update_feature("need", uuid, properties={"name": "North\x1fSouth"})
    ws.connection.execute("UPDATE need SET population = 12.5 WHERE uuid = ?", (uuid,))  # another tool's real
    ws.connection.commit()
    packed, rows = _both(ws, ["name", "population"])
    assert calls[-1] is False  # a separator inside a value: read row by row
    _same(packed, rows)
    assert "North\x1fSouth" in list(packed.values["name"])
    packed, rows = _both(ws, ["population"])  # a real among integers packs (parsed as reals)
    assert calls[-1] is not False and 12.5 in packed.values["population"]
    _same(packed, rows)
    # another tool's point, with an envelope: the geometry is decoded the ordinary way
    blob = bytes.fromhex("47500003E6100000") + np.array([0.5, 0.5, 0.5, 0.5]).tobytes() + \
        bytes.fromhex("0101000000") + np.array([0.5, 0.5]).tobytes()
    ws.connection.execute('UPDATE need SET geom = ? WHERE uuid = ?', (blob, uuid))
    ws.connection.commit()
    packed, rows = _both(ws, ["population"])
    assert calls[-1] is False
    _same(packed, rows)
    packed, rows = _both(ws, ["severity_phase"], geometry=False)  # numbers in a category column: by row
    assert calls[-1] is False
    _same(packed, rows)


def test_a_layers_extent_from_its_r_tree_root_is_the_full_scans_after_adds_and_deletes(tmp_path) -> None:
    """The canvas asks the extent of the R-tree's root node alone (a million entries scanned
    held the GUI thread a second): the same box, as the tree grows deeper and as features at
    its edges are deleted; None for an empty layer."""
    ws = Workspace.create(tmp_path / "extent.gpkg", organisation="ocha")
    try:
        kind = ws.kind("need")
        assert ws.reader.indexed_extent(kind) is None and ws.reader.extent(kind) is None
        rng = np.random.default_rng(5)
        xy = rng.uniform((30.0, -5.0), (31.5, -4.0), (3000, 2))  # deep enough for a root of nodes
        ws.add_frame("need", gpd.GeoDataFrame({"name": [f"S{i}" for i in range(len(xy))], "population": 100,
                                               "severity_phase": 2},
                                              geometry=[Point(x, y) for x, y in xy], crs=4326))
        connection = ws.reader.connection
        depth = connection.execute("SELECT rtreedepth(data) FROM rtree_need_geom_node WHERE nodeno = 1").fetchone()[0]
        assert depth >= 1
        assert ws.reader.indexed_extent(kind) == ws.reader.extent(kind)
        assert ws.reader.indexed_extent(kind) == pytest.approx((xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(),
                                                                xy[:, 1].max()), abs=1e-5)
        uuid_of = dict(connection.execute("SELECT name, uuid FROM need").fetchall())
        for i in (int(xy[:, 0].argmin()), int(xy[:, 0].argmax()), int(xy[:, 1].argmax())):  # the edges go
            ws.delete_feature("need", uuid_of[f"S{i}"])
        assert ws.count("need") == len(xy) - 3
        assert ws.reader.indexed_extent(kind) == ws.reader.extent(kind)
        assert ws.reader.indexed_extent(kind)[2] < xy[:, 0].max() - 1e-6
    finally:
        ws.close()


def test_a_whole_read_witnesses_the_state_it_read_as_the_overview_keys_it(ws) -> None:
    """The state a point overview is kept under comes from the read itself (its own transaction,
    summed chunk by chunk): equal to the separate scan's, changed by an edit, none for a box."""
    from humanops.store import point_overview

    def witnessed(**kwargs) -> str | None:
        witness = point_overview.read_witness("need")
        with LayerReader.read_only(ws.path) as reader:
            reader.packed_columns(ws.kind("need"), ["population"], types={"population": "float"}, size=7,
                                  witness=witness, **kwargs)
        return point_overview.witnessed_state(witness)

    before = witnessed()
    assert before == point_overview.state(ws.connection, "need")
    ws.update_feature("need", ws.uuids("need")[7], properties={"population": 5})
    after = witnessed()
    assert after != before and after == point_overview.state(ws.connection, "need")
    ws.connection.execute("UPDATE need SET version = version + 1 WHERE fid = 9")  # another tool, no log entry
    ws.connection.commit()
    assert witnessed() not in (after, None) and witnessed() == point_overview.state(ws.connection, "need")
    assert witnessed(bbox=(0.0, 0.0, 0.5, 0.5)) is None  # a box is not the layer: no state
