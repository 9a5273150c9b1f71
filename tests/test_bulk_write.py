"""Bulk writes (humanops.store.bulk_write) end exactly as row-by-row inserts with every trigger
firing would: the same rows, versions, change log, R-tree, feature count and extent, the same
triggers and indexes afterwards; a failure or a crash in the middle changes nothing; GDAL reads
the layer (and filters it through the R-tree) afterwards."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import uuid as uuid_module
from datetime import UTC, datetime
from itertools import islice, repeat
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from humanops.formats.importer import import_file
from humanops.store import bulk_write
from humanops.store.workspace import Workspace

AT = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def row_by_row(db: sqlite3.Connection, layer: str, columns: dict[str, Any], n: int,
               bounds: np.ndarray) -> np.ndarray:
    """The reference: one INSERT a row, every trigger (GDAL's, ours) firing as it does for
    any other tool."""
    values = {c: list(islice(v, n)) if isinstance(v, repeat) else list(v) for c, v in columns.items()}
    last = db.execute(f'SELECT coalesce(max(fid), 0) FROM "{layer}"').fetchone()[0]
    names = ", ".join(f'"{c}"' for c in values)
    db.executemany(f'INSERT INTO "{layer}" ({names}) VALUES ({", ".join("?" * len(values))})',
                   zip(*values.values(), strict=True))
    return np.array([r[0] for r in db.execute(f'SELECT fid FROM "{layer}" WHERE fid > ? ORDER BY fid', (last,))])


def needs(n: int, seed: int, *, uuids: bool = True) -> gpd.GeoDataFrame:
    """Points with arbitrary doubles on both sides of 0 (the R-tree rounds them to float32)."""
    rng = np.random.default_rng(seed)
    frame = gpd.GeoDataFrame(
        {"name": [f"site {seed}-{i}" for i in range(n)], "population": rng.integers(0, 5000, n),
         "severity_phase": rng.integers(1, 6, n)},
        geometry=gpd.points_from_xy(rng.uniform(-20, 20, n), rng.uniform(-10, 10, n)), crs=4326)
    if uuids:
        frame["uuid"] = [str(uuid_module.UUID(int=int(rng.integers(1, 2**62)) << 64 | i, version=4)) for i in range(n)]
    return frame


def zones(n: int, seed: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    centres = shapely.points(rng.uniform(-20, 20, n), rng.uniform(-10, 10, n))
    shapes = shapely.buffer(centres, rng.uniform(0.001, 0.5, n), quad_segs=4)
    return gpd.GeoDataFrame(
        {"name": [f"zone {i}" for i in range(n)], "hazard": ["shelling"] * n, "severity": rng.integers(1, 6, n),
         "uuid": [str(uuid_module.UUID(int=int(rng.integers(1, 2**62)) << 64 | i, version=4)) for i in range(n)]},
        geometry=gpd.GeoSeries(shapely.multipolygons(shapes[:, None]), crs=4326), crs=4326)


def state(path: Path, layer: str) -> dict[str, Any]:
    """What a user or GDAL can observe of a layer, read through a connection of its own."""
    db = sqlite3.connect(path)
    try:
        return {
            "columns": [r[1] for r in db.execute(f'PRAGMA table_info("{layer}")')],
            "rows": db.execute(f'SELECT * FROM "{layer}" ORDER BY fid').fetchall(),
            "changes": db.execute("SELECT * FROM humanops_changes ORDER BY seq").fetchall(),
            "history": db.execute("SELECT * FROM humanops_history ORDER BY id").fetchall(),
            "rtree": db.execute(f'SELECT * FROM "rtree_{layer}_geom" ORDER BY id').fetchall(),
            "rtreecheck": db.execute(f"SELECT rtreecheck('rtree_{layer}_geom')").fetchone()[0],
            "feature_count": db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?",
                                        (layer,)).fetchone(),
            "extent": db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                                 (layer,)).fetchone(),
            "sequence": db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (layer,)).fetchone(),
            "schema": sorted(db.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ?",
                                        (layer,)).fetchall()),
            "gpkg": sorted(db.execute("SELECT * FROM gpkg_geometry_columns").fetchall())
            + sorted(db.execute("SELECT table_name, column_name, extension_name FROM gpkg_extensions").fetchall()),
        }
    finally:
        db.close()


def rows_without(observed: dict[str, Any], *names: str) -> list[tuple]:
    keep = [i for i, c in enumerate(observed["columns"]) if c not in names]
    return [tuple(row[i] for i in keep) for row in observed["rows"]]


def whole_file(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows (R-tree nodes included) and the schema: to show nothing changed."""
    db = sqlite3.connect(path)
    try:
        out = {"sqlite_master": sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
                                       key=repr)}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                   "'CREATE VIRTUAL%'").fetchall():
            out[table] = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        return out
    finally:
        db.close()


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """Two empty workspaces: ``bulk`` writes through bulk_write, ``reference`` row by row."""
    bulk = Workspace.create(tmp_path / "bulk.gpkg", organisation="ocha")
    reference = Workspace.create(tmp_path / "reference.gpkg", organisation="ocha")
    real = bulk_write.insert_rows

    def route(db, *args, **kwargs):
        return (real if db is bulk.connection else row_by_row)(db, *args, **kwargs)

    monkeypatch.setattr(bulk_write, "insert_rows", route)
    yield bulk, reference
    bulk.close()
    reference.close()


def assert_same(bulk: Workspace, reference: Workspace, layer: str) -> None:
    ours, theirs = state(bulk.path, layer), state(reference.path, layer)
    assert ours["rtreecheck"] == "ok"
    for key in theirs:
        assert ours[key] == theirs[key], key


@pytest.mark.parametrize("layer, make", [("need", needs), ("danger_zone", zones)])
def test_into_an_empty_layer_as_row_by_row(pair, layer, make):
    bulk, reference = pair
    frame = make(700, seed=1)
    for ws in pair:
        ws.add_frame(layer, frame, at=AT)
    assert_same(bulk, reference, layer)
    assert len(state(bulk.path, layer)["rtree"]) == 700
    versions = {r[0] for r in bulk.connection.execute(f'SELECT version FROM "{layer}"')}
    assert versions == {1}


def test_large_geometries_as_row_by_row(pair):
    """Geometries of megabytes go a few a statement (SQLite copies what it binds)."""
    bulk, reference = pair
    frame = zones(12, seed=23)
    rings = [shapely.Point(x, y).buffer(0.3, quad_segs=25_000) for x, y in zip(range(-6, 6), range(12), strict=True)]
    frame["geometry"] = gpd.GeoSeries(shapely.multipolygons(np.array(rings)[:, None]), crs=4326)
    assert len(shapely.to_wkb(frame.geometry.values[0])) * len(frame) > bulk_write._STATEMENT_BYTES  # not one statement
    for ws in pair:
        ws.add_frame("danger_zone", frame, at=AT)
    assert_same(bulk, reference, "danger_zone")


def test_appending_as_row_by_row(pair):
    bulk, reference = pair
    for frame in (needs(300, seed=1), needs(1000, seed=2), needs(25, seed=3)):  # rebuilt, then inserted
        for ws in pair:
            ws.add_frame("need", frame, at=AT)
        assert_same(bulk, reference, "need")
    for ws in pair:  # generated uuids: the same afterwards, but for the uuids themselves
        ws.add_frame("need", needs(400, seed=4, uuids=False), at=AT)
    ours, theirs = state(bulk.path, "need"), state(reference.path, "need")
    assert rows_without(ours, "uuid") == rows_without(theirs, "uuid")
    assert ours["rtree"] == theirs["rtree"] and ours["rtreecheck"] == "ok"
    assert len(ours["changes"]) == len(theirs["changes"]) == 1725


def test_a_malformed_uuid_gets_a_fresh_identity_as_row_by_row(pair):
    """The external-edit trigger still acts on what it would act on (here it stays in place)."""
    bulk, reference = pair
    frame = needs(50, seed=5)
    frame.loc[7, "uuid"] = "not-a-uuid"
    for ws in pair:
        ws.add_frame("need", frame, at=AT)
    ours, theirs = state(bulk.path, "need"), state(reference.path, "need")
    assert len(ours["changes"]) == len(theirs["changes"]) == 51  # the trigger's log row, and ours
    fresh = bulk.connection.execute("SELECT uuid FROM need WHERE fid = 8").fetchone()[0]
    assert fresh != "not-a-uuid" and str(uuid_module.UUID(fresh)) == fresh
    assert ours["rtree"] == theirs["rtree"] and ours["schema"] == theirs["schema"]


def test_merging_a_partners_features_as_row_by_row(pair):
    bulk, reference = pair
    held = needs(200, seed=6)
    for ws in pair:
        ws.add_frame("need", held, at=AT)
    frame = needs(600, seed=7)
    frame = gpd.GeoDataFrame(
        frame.assign(version=3, originator="medaid", created="2026-11-01T08:00:00.000Z",
                     modified="2026-11-20T08:00:00.000Z", tlp="GREEN", releasable_to=None, caveats=None,
                     expires=None, precision="exact"), geometry="geometry", crs=4326)
    frame.loc[:9, "uuid"] = held["uuid"][:10].to_numpy()  # ten we hold: updated, the rest inserted
    for ws in pair:
        ws.put_frame("need", frame, source_package="pkg-1", source_signer="medaid")
    ours, theirs = state(bulk.path, "need"), state(reference.path, "need")
    assert ours["rows"] == theirs["rows"] and ours["rtree"] == theirs["rtree"]
    assert [c[1:5] for c in ours["changes"]] == [c[1:5] for c in theirs["changes"]]  # 'at' is now
    assert ours["feature_count"] == theirs["feature_count"] == (790,)
    assert ours["rtreecheck"] == "ok" and ours["schema"] == theirs["schema"]


def test_importing_a_file_into_an_empty_layer_as_row_by_row(pair, tmp_path):
    source = tmp_path / "needs.geojson"
    needs(500, seed=8).to_file(source, driver="GeoJSON")
    for ws in pair:
        import_file(ws, source, layer="need")
    bulk, reference = pair
    ours, theirs = state(bulk.path, "need"), state(reference.path, "need")
    # uuids and times are the import's own; everything else is the same
    assert rows_without(ours, "uuid", "created", "modified") == rows_without(theirs, "uuid", "created", "modified")
    assert ours["rtree"] == theirs["rtree"] and ours["rtreecheck"] == "ok"
    assert ours["schema"] == theirs["schema"] and ours["feature_count"] == (500,)
    assert [c[3:5] for c in ours["changes"]] == [(1, "insert")] * 500


def test_the_rtree_answers_bbox_queries_as_shapely_does(workspace):
    frame = zones(3000, seed=9)
    workspace.add_frame("danger_zone", frame)
    workspace.add_frame("danger_zone", zones(800, seed=10))  # rebuilt with what it held
    stored = workspace.read_layer("danger_zone")
    bounds = shapely.bounds(stored.geometry.values)
    rng = np.random.default_rng(11)
    for _ in range(25):
        x, y = rng.uniform(-20, 20), rng.uniform(-10, 10)
        box = (x, y, x + rng.uniform(0.01, 5), y + rng.uniform(0.01, 3))
        found = {r[0] for r in workspace.connection.execute(
            "SELECT id FROM rtree_danger_zone_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?",
            (box[0], box[2], box[1], box[3]))}
        # float32 bounds are rounded outwards: every box that meets the query is found, and
        # nothing further away than float32's step is
        assert set(stored.index[overlapping(bounds, box)]) <= found
        assert found <= set(stored.index[overlapping(bounds, box, margin=1e-5)])
        exact = shapely.intersects(stored.geometry.values, shapely.box(*box))
        assert set(stored.index[exact]) <= found


def overlapping(bounds: np.ndarray, box: tuple[float, ...], margin: float = 0.0) -> np.ndarray:
    return ((bounds[:, 2] >= box[0] - margin) & (bounds[:, 0] <= box[2] + margin)
            & (bounds[:, 3] >= box[1] - margin) & (bounds[:, 1] <= box[3] + margin))


@pytest.mark.parametrize("n", [1, 2, 51, 52, 2601, 2602, 20000])
@pytest.mark.parametrize("page_size", [1024, 4096])
def test_a_packed_rtree_is_one_sqlite_accepts(n, page_size):
    db = sqlite3.connect(":memory:")
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
    rng = np.random.default_rng(n)
    lo = rng.uniform(-180, 180, (n, 2))
    boxes = np.column_stack([lo[:, 0], lo[:, 0] + rng.uniform(0, 1, n), lo[:, 1], lo[:, 1] + rng.uniform(0, 1, n)])
    ids = rng.permutation(np.arange(10, 10 + n))
    db.execute("BEGIN")
    bulk_write._index(db, "r", ids, boxes[:, [0, 2, 1, 3]])
    db.execute("COMMIT")
    assert db.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM r").fetchone()[0] == n
    db.execute("CREATE VIRTUAL TABLE plain USING rtree(id, minx, maxx, miny, maxy)")
    db.executemany("INSERT INTO plain VALUES (?, ?, ?, ?, ?)", zip(ids.tolist(), *boxes.T.tolist(), strict=True))
    everything = "SELECT * FROM {} ORDER BY id"
    assert db.execute(everything.format("r")).fetchall() == db.execute(everything.format("plain")).fetchall()
    for x, y in rng.uniform(-180, 180, (10, 2)):
        query = "SELECT id FROM {} WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id"
        args = (x, x + 20, y, y + 20)
        assert db.execute(query.format("r"), args).fetchall() == db.execute(query.format("plain"), args).fetchall()
    db.execute("DELETE FROM r WHERE id % 3 = 0")  # SQLite edits the packed tree as its own
    db.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", [(10**6 + i, i, i + 1, 0, 1) for i in range(100)])
    assert db.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"


def test_a_failure_in_the_middle_changes_nothing(workspace, monkeypatch):
    workspace.add_frame("need", needs(100, seed=12))  # then: a few into it, then many (rebuilds)
    before = whole_file(workspace.path)
    contents = workspace.path.read_bytes()

    def broken(*args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bulk_write, "pack", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        workspace.add_frame("need", needs(1000, seed=13))
    monkeypatch.setattr(bulk_write, "_new_fids", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        workspace.add_frame("need", needs(5, seed=14))
    assert whole_file(workspace.path) == before
    assert workspace.path.read_bytes() == contents
    monkeypatch.undo()
    workspace.add_frame("need", needs(1000, seed=13))  # and works afterwards
    assert workspace.count("need") == 1100


@pytest.mark.parametrize("held", [0, 40])
def test_an_invalid_row_found_late_changes_nothing(workspace, tmp_path, held):
    """The last row is refused by the database itself (a constraint another tool added)."""
    if held:
        workspace.add_frame("need", needs(held, seed=15))
    workspace.connection.execute(
        "CREATE TRIGGER late_refusal BEFORE INSERT ON need WHEN NEW.name = 'refused' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the database'); END")
    before = whole_file(workspace.path)
    frame = needs(400, seed=16)
    frame.loc[399, "name"] = "refused"
    source = tmp_path / "late.gpkg"
    frame.drop(columns="uuid").to_file(source, layer="need", driver="GPKG")
    with pytest.raises(sqlite3.IntegrityError, match="refused by the database"):
        import_file(workspace, source, layer="need")
    assert whole_file(workspace.path) == before
    assert state(workspace.path, "need")["rtreecheck"] == "ok"


CRASHING_WRITER = textwrap.dedent("""
    import os, signal, sys
    import geopandas as gpd
    from humanops.store import bulk_write
    from humanops.store.workspace import Workspace

    real = bulk_write.pack
    def crash(*args):
        real(*args)
        os.kill(os.getpid(), signal.SIGKILL)  # rows written, triggers and indexes set aside
    bulk_write.pack = crash
    ws = Workspace.open(sys.argv[1])
    ws.add_frame("need", gpd.read_file(sys.argv[2]))
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("held", [0, 300])
def test_a_crash_in_the_middle_changes_nothing(tmp_path, held):
    path = tmp_path / "ws.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        if held:
            ws.add_frame("need", needs(held, seed=17))
    before = whole_file(path)
    source = tmp_path / "more.gpkg"
    needs(2000, seed=18).to_file(source, layer="need", driver="GPKG")
    proc = subprocess.run([sys.executable, "-c", CRASHING_WRITER, str(path), str(source)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert whole_file(path) == before  # SQLite rolled the journal back on the next open
    with Workspace.open(path) as ws:
        assert ws.count("need") == held
        ws.add_frame("need", needs(50, seed=19))
        assert state(path, "need")["rtreecheck"] == "ok"


def test_gdal_reads_and_filters_the_layer_afterwards(workspace):
    frame = needs(5000, seed=20)
    workspace.add_frame("need", frame)
    workspace.add_frame("need", needs(20, seed=21))
    workspace.close()
    read = pyogrio.read_dataframe(workspace.path, layer="need")
    assert len(read) == 5020
    assert pyogrio.read_info(workspace.path, layer="need")["features"] == 5020
    assert read["uuid"].iloc[:5000].tolist() == frame["uuid"].tolist()
    assert (read["population"].iloc[:5000].to_numpy() == frame["population"].to_numpy()).all()
    assert shapely.equals(read.geometry.values[:5000], frame.geometry.values).all()
    box = (-3.0, -2.0, 4.0, 1.5)
    inside = pyogrio.read_dataframe(workspace.path, layer="need", bbox=box)  # through the R-tree
    expected = read[shapely.intersects(read.geometry.values, shapely.box(*box))]
    assert sorted(inside["uuid"]) == sorted(expected["uuid"])
    assert len(expected) > 100


def test_many_markings_and_constants_keep_their_values(pair):
    """Columns every row shares are written into the statement; quotes and NULLs survive."""
    bulk, reference = pair
    frame = needs(120, seed=22)
    frame["tlp"] = ["AMBER", "GREEN", "RED"] * 40
    for ws in pair:
        ws.add_frame("need", frame, at=AT, originator="o'brien.org", source_package="pkg 'x'",
                     source_signer=None)
    assert_same(bulk, reference, "need")
    row = bulk.connection.execute("SELECT originator, source_package, source_signer, tlp FROM need "
                                  "WHERE fid = 2").fetchone()
    assert row == ("o'brien.org", "pkg 'x'", None, "GREEN")


@pytest.mark.parametrize("text, gdal_reads_name", [
    ('{"type": "FeatureCollection", "name": "need", "features": [%s]}', True),
    ('\ufeff{ "type" : "FeatureCollection",\n "name": "n\\u00e9ed", "crs": {"type": "name", "properties": '
     '{"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, "features": [%s]}', True),
    ('{"type": "FeatureCollection", "features": [%s], "name": "late"}', False),
    ('{"type": "FeatureCollection", "features": [%s]}', False),
    ('{"type": "FeatureCollection", "name": 5, "features": [%s]}', False),
    ('%s', False),
])
def test_a_geojson_layer_is_named_as_gdal_names_it_with_one_pass(tmp_path, text, gdal_reads_name):
    """GDAL parses a GeoJSON file on every open: its layer name is read from the file's head
    when the head tells it, and asked of GDAL (one more pass) only when it does not."""
    from humanops.formats._geojson import _collection_name, read_geojson

    feature = '{"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}'
    path = tmp_path / "some file.geojson"
    path.write_text(text % feature, encoding="utf-8")
    gdal_name = pyogrio.list_layers(path)[0][0]
    assert _collection_name(path) == (gdal_name if gdal_reads_name else None)
    assert [layer.name for layer in read_geojson(path)] == [gdal_name]
