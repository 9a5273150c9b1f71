"""The store's one reader of layer tables (humanops.store.layer_reader) and what it answers:
columns, uuids (past SQLite's parameter limit), bounding box, validity at a time, chunks,
read-only connections; the typed summaries; and the contracts that keep SQLite in the store."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon

from humanops.errors import FormatError, ValidationError, WorkspaceError
from humanops.store.gpkg_geometry import register_functions
from humanops.store.layer_reader import LayerReader, julian_day

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
N_NEEDS = 1203  # more than two IN (...) parts of 500


@pytest.fixture
def needs(workspace) -> list[str]:
    """A grid of needs, 0.01 degree apart, population = index; uuids in fid order."""
    xs = np.arange(N_NEEDS) % 40
    ys = np.arange(N_NEEDS) // 40
    frame = gpd.GeoDataFrame(
        {"name": [f"need {i}" for i in range(N_NEEDS)], "population": np.arange(N_NEEDS),
         "tlp": np.where(np.arange(N_NEEDS) % 3 == 0, "RED", "GREEN")},
        geometry=[Point(30 + x * 0.01, 10 + y * 0.01) for x, y in zip(xs, ys, strict=True)], crs=4326)
    return workspace.add_frame("need", frame)


def _zone(workspace, name: str, start: datetime | None, end: datetime | None) -> str:
    return workspace.add_feature("danger_zone", Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10.1)]), {
        "name": name, "hazard": "fire", "severity": 2, "valid_from": start, "valid_until": end}).uuid


# --- rows ----------------------------------------------------------------------------------------
def test_columns_come_as_stored_with_decoded_geometry(workspace, needs):
    rows = workspace.rows("need", ["uuid", "population", "tlp", "created"], ordered=True)
    assert rows.columns == ("uuid", "population", "tlp", "created") and len(rows) == N_NEEDS
    assert rows.column("uuid") == needs and rows.column("population")[:3] == [0, 1, 2]
    assert rows.values[0][2] == "RED" and rows.values[0][3].endswith("Z")  # ISO text, as stored
    assert rows.geometries[1].equals(Point(30.01, 10)) and rows.fids.dtype == np.int64
    assert workspace.rows("need", ["uuid"], geometry=False).geometries is None
    with pytest.raises(WorkspaceError, match="no such column") as info:
        workspace.rows("need", ["uuid", "colour"])
    assert info.value.field == "colour"


def test_uuids_past_the_parameter_limit_are_asked_in_parts(workspace, needs):
    wanted = needs[::-1][:1100] + needs[:3] + ["not-a-uuid"]  # reversed, repeated, one unknown
    rows = workspace.rows("need", ["uuid"], uuids=wanted, ordered=True)
    assert sorted(rows.column("uuid")) == sorted(set(needs[-1100:]) | set(needs[:3]))
    assert list(rows.fids) == sorted(rows.fids)  # ordered: by fid across the parts
    lean = workspace.rows("need", ["uuid"], uuids=wanted, fids=False, ordered=True)  # fid read only to sort
    assert lean.fids is None and lean.column("uuid") == rows.column("uuid")
    assert [f.uuid for f in workspace.features("need", wanted[:600])] != []
    assert {f.uuid for f in workspace.features("need", wanted)} == set(rows.column("uuid"))
    assert len(workspace.rows("need", uuids=[])) == 0


def test_bbox_keeps_features_whose_extent_meets_it(workspace, needs):
    rows = workspace.rows("need", ["population"], bbox=(30.095, 10.005, 30.125, 10.025))
    assert sorted(rows.column("population")) == [50, 51, 52, 90, 91, 92]  # columns 10-12 x rows 1-2, no more
    assert shapely.within(rows.geometries, shapely.box(30.09, 10, 30.13, 10.03)).all()
    assert len(workspace.rows("need", bbox=(0, 0, 1, 1))) == 0


def test_valid_at_a_time_includes_both_ends_and_treats_missing_bounds_as_open(workspace):
    ms = timedelta(milliseconds=1)
    _zone(workspace, "past", NOW - timedelta(days=10), NOW - timedelta(days=5))
    _zone(workspace, "starts now", NOW, NOW + timedelta(days=1))
    _zone(workspace, "ends now", NOW - timedelta(days=1), NOW)
    _zone(workspace, "open end", NOW - timedelta(days=3), None)
    _zone(workspace, "always", None, None)
    _zone(workspace, "future", NOW + ms, None)

    def names(at: datetime) -> set[str]:
        return set(workspace.rows("danger_zone", ["name"], at=at, geometry=False).column("name"))

    assert names(NOW) == {"starts now", "ends now", "open end", "always"}
    assert names(NOW - ms) == {"ends now", "open end", "always"}
    assert names(NOW + ms) == {"starts now", "open end", "always", "future"}
    assert set(workspace.read_layer("danger_zone", at=NOW)["name"]) == names(NOW)  # the same rule everywhere
    assert names(NOW.replace(tzinfo=None)) == names(NOW)  # a time without a zone is UTC


def test_julian_day_is_sqlites_for_the_same_instant():
    connection = sqlite3.connect(":memory:")
    for text, at in (("2026-11-28T10:00:00.000Z", NOW), ("2026-11-28T10:00:00Z", NOW),
                     ("2026-11-28T12:00:00.123+02:00", NOW + timedelta(milliseconds=123)),
                     ("2026-11-28 10:00:00", NOW),
                     ("1999-01-01T00:00:00.999Z", datetime(1999, 1, 1, 0, 0, 0, 999_000))):
        assert connection.execute("SELECT julianday(?)", (text,)).fetchone()[0] == julian_day(at), text


def test_chunks_read_a_layer_in_parts_and_stop_when_asked(workspace, needs):
    kind = workspace.kind("need")
    parts = list(workspace.reader.chunks(kind, ["uuid"], size=100, ordered=True))
    assert [len(p) for p in parts] == [100] * 12 + [3]
    assert [u for p in parts for u in p.column("uuid")] == needs
    assert all(len(p.geometries) == len(p) for p in parts)
    by_uuid = list(workspace.reader.chunks(kind, ["uuid"], uuids=needs[:250], size=100))
    assert [len(p) for p in by_uuid] == [100, 100, 50]
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 3  # three chunks, then stop

    assert workspace.reader.rows(kind, ["uuid"], size=100, should_stop=stop) is None
    whole = workspace.reader.rows(kind, ["uuid"], size=100, should_stop=lambda: False)
    assert whole is not None and whole.column("uuid") == needs


def test_a_read_only_reader_refuses_writes_and_sees_only_what_was_committed(workspace, needs):
    kind = workspace.kind("need")
    with LayerReader.read_only(workspace.path) as reader:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.connection.execute("DELETE FROM need")
        with workspace.transaction():
            workspace.delete_feature("need", needs[0])
            assert reader.count(kind) == N_NEEDS  # the last commit
            assert workspace.count("need") == N_NEEDS - 1  # the workspace's own connection: its edit
        assert reader.count(kind) == N_NEEDS - 1
    assert workspace.count("need") == N_NEEDS - 1


def test_a_read_only_connection_is_used_only_on_the_thread_that_made_it(workspace, needs):
    errors: list[BaseException] = []
    with LayerReader.read_only(workspace.path) as reader:
        def borrow() -> None:
            try:
                reader.count(workspace.kind("need"))
            except BaseException as exc:  # noqa: BLE001 - the test asserts which error the thread met
                errors.append(exc)

        thread = threading.Thread(target=borrow)
        thread.start()
        thread.join(10)
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)


# --- typed summaries -------------------------------------------------------------------------------
def test_count_extent_value_counts_and_uuids(workspace, needs):
    assert workspace.count("need") == N_NEEDS and workspace.count("corridor") == 0
    minx, miny, maxx, maxy = workspace.extent("need")
    assert minx <= 30 and miny <= 10 and abs(maxx - 30.39) < 1e-4 and abs(maxy - 10.30) < 1e-4
    assert workspace.extent("corridor") is None
    assert workspace.value_counts("need", "tlp") == {"RED": 401, "GREEN": 802}
    assert workspace.value_counts("need", "households") == {None: N_NEEDS}
    assert workspace.value_counts("need", ["tlp", "precision"]) == {("RED", "exact"): 401, ("GREEN", "exact"): 802}
    theirs = workspace.add_feature("need", Point(31, 11), {"name": "partner's", "population": 1},
                                   originator="medaid").uuid
    assert workspace.uuids("need") == [*needs, theirs]
    assert workspace.uuids("need", originated_by="ocha") == needs
    assert workspace.uuids("need", not_originated_by="ocha") == [theirs]


def test_time_range_spans_every_window(workspace):
    assert workspace.time_range("danger_zone") is None  # no feature yet
    assert workspace.time_range("need") is None  # a kind without time
    _zone(workspace, "a", NOW - timedelta(days=2), NOW)
    _zone(workspace, "b", NOW + timedelta(days=1), None)  # its start is the latest time known
    assert workspace.time_range("danger_zone") == (NOW - timedelta(days=2), NOW + timedelta(days=1))


def test_read_layer_is_typed_by_the_kind(workspace, needs):
    frame = workspace.read_layer("need", columns=["population", "households", "created", "expires", "tlp"])
    assert str(frame["population"].dtype) == "int64" and str(frame["households"].dtype) == "float64"
    assert str(frame["created"].dtype) == "datetime64[ms, UTC]"
    assert str(frame["expires"].dtype) == "datetime64[ms, UTC]"  # typed even when every value is missing
    assert frame.index.name == "fid" and frame.crs.to_epsg() == 4326 and len(frame) == N_NEEDS
    shelters = workspace.read_layer("need", where="tlp = 'RED' AND population < 10")
    assert sorted(shelters["population"]) == [0, 3, 6, 9]
    with pytest.raises(ValidationError, match="cannot be evaluated") as info:
        workspace.read_layer("need", where="population >")
    assert info.value.field == "where"


def test_features_are_the_same_through_every_path(workspace, needs):
    one = workspace.get_feature("need", needs[5])
    assert one.properties["population"] == 5 and one.geometry.equals(Point(30.05, 10))
    assert workspace.features("need", [needs[5]]) == [one]
    assert workspace.find_feature("need", "missing") is None
    with pytest.raises(WorkspaceError, match="no such feature"):
        workspace.get_feature("need", "missing")


# --- other files SQLite holds -------------------------------------------------------------------
def test_mbtiles_tiles_are_read_on_each_thread_through_its_own_connection(tmp_path):
    from humanops.store.mbtiles import MBTilesFile

    path = tmp_path / "tiles.mbtiles"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "test"), ("minzoom", "2")])
    db.execute("INSERT INTO tiles VALUES (3, 1, 5, ?)", (b"png bytes",))  # TMS row 5 = XYZ row 2 at zoom 3
    db.commit()
    db.close()
    tiles = MBTilesFile(path)
    assert (tiles.name, tiles.min_zoom, tiles.max_zoom) == ("test", 2, 3)
    assert tiles.tile_data(3, 1, 2) == b"png bytes" and tiles.tile_data(3, 1, 5) is None
    seen: list[bytes | None] = []
    workers = [threading.Thread(target=lambda: seen.append(tiles.tile_data(3, 1, 2))) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(10)
    assert seen == [b"png bytes"] * 4
    tiles.close()
    assert tiles.tile_data(3, 1, 2) is None
    text = tmp_path / "notes.mbtiles"
    text.write_text("not sqlite")
    with pytest.raises(FormatError, match=r"notes\.mbtiles"):
        MBTilesFile(text)


def test_app_tables_are_shown_newest_first_and_a_backup_is_consistent(workspace, needs, tmp_path):
    from humanops.store.app_tables import newest_rows, table_columns
    from humanops.store.db import backup

    assert table_columns(workspace, "humanops_nothing") == []
    assert newest_rows(workspace, "humanops_nothing", 5) == ([], [])
    columns, rows = newest_rows(workspace, "humanops_changes", 2, order_by=("seq",))
    assert columns[:3] == ["seq", "layer", "uuid"] and len(rows) == 2 and rows[0][0] > rows[1][0]
    assert workspace.change_log(rows[1][0]) == [tuple(rows[0][:3])]
    with workspace.transaction():
        workspace.delete_feature("need", needs[0])
        backup(workspace.path, tmp_path / "copy.gpkg")  # what was committed: the deletion is not in it
    with LayerReader.read_only(tmp_path / "copy.gpkg") as reader:
        assert reader.count(workspace.kind("need")) == N_NEEDS


# --- the contracts ------------------------------------------------------------------------------
def test_the_contracts_refuse_sqlite3_and_private_store_modules_outside_the_store(tmp_path):
    """Add a violation to a copy of the package: lint-imports must name it (a contract that
    cannot fail protects nothing)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is a test dependency"
    shutil.copytree(ROOT / "humanops", tmp_path / "humanops", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "humanops" / "ui" / "probe_sql.py").write_text("import sqlite3\n")
    (tmp_path / "humanops" / "store" / "_probe_private.py").write_text("X = 1\n")
    (tmp_path / "humanops" / "store" / "probe_inside.py").write_text("from humanops.store._probe_private import X\n")
    (tmp_path / "humanops" / "formats" / "probe_outside.py").write_text("from humanops.store._probe_private import X\n")
    proc = subprocess.run([lint, "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    out = proc.stdout
    assert proc.returncode != 0, out[-3000:]
    assert "sqlite3 only in humanops.store BROKEN" in out and "humanops.ui.probe_sql -> sqlite3" in out
    assert "humanops.formats.probe_outside -> humanops.store._probe_private" in out
    assert "probe_inside" not in out  # the store may use its own private modules


def test_a_geometry_another_tool_garbled_is_named_not_a_parser_message(workspace, needs):
    """Bytes that are no geometry (another tool's write) fail the read with the layer, the
    feature's fid and uuid and the field, never a bare GEOS ParseException."""
    fid, uid = workspace.connection.execute("SELECT fid, uuid FROM need ORDER BY fid LIMIT 1 OFFSET 2").fetchone()
    # a header with its envelope (the R-tree takes that), then half a point
    garbled = b"GP\x00\x03" + struct.pack("<i4d", 4326, 30.0, 30.0, 10.0, 10.0) + b"\x01\x01\x00\x00\x00\xde\xad"
    other = sqlite3.connect(workspace.path)
    register_functions(other)   # the R-tree triggers call them (GDAL gives them to QGIS)
    with other:
        other.execute("UPDATE need SET geom = ? WHERE fid = ?", (garbled, fid))
    other.close()
    for read in (lambda: workspace.rows("need"), lambda: list(workspace.reader.chunks(workspace.kind("need")))):
        with pytest.raises(WorkspaceError) as info:
            read()
        message = str(info.value)
        assert "layer need" in message and f"feature {fid} ({uid})" in message and "geometry cannot be read" in message
        assert "field geom" in message
    assert len(workspace.rows("need", geometry=False)) == workspace.count("need")   # the values still read
