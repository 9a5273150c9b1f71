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
