"""The Workspace API: edits are transactional and versioned, the file stays a sound GeoPackage."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import UTC, datetime, timedelta

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from humanops.errors import ValidationError, WorkspaceError
from humanops.model.marking import TLP, Marking, Precision
from humanops.store.checks import validate_workspace
from humanops.store.workspace import Workspace

SQUARE = Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10.1)])


def test_create_makes_a_geopackage_gdal_reads_without_warnings(workspace):
    workspace.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 1200})
    workspace.add_feature("danger_zone", SQUARE, {"name": "Front", "hazard": "shelling", "severity": 4})
    workspace.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        names = {name for name, _ in pyogrio.list_layers(workspace.path)}
        assert {"need", "danger_zone", "corridor", "facility", "incident", "road"} <= names
        for layer in ("need", "danger_zone", "corridor"):
            pyogrio.read_dataframe(workspace.path, layer=layer)
    connection = sqlite3.connect(workspace.path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained file
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_create_refuses_to_overwrite(tmp_path):
    path = tmp_path / "ws.gpkg"
    Workspace.create(path).close()
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(path)


def test_open_refuses_what_is_not_a_workspace(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("hello")
    with pytest.raises(WorkspaceError, match="not a GeoPackage"):
        Workspace.open(text)
    plain = tmp_path / "plain.gpkg"
    gpd.GeoDataFrame({"a": [1]}, geometry=[Point(0, 0)], crs=4326).to_file(plain)
    with pytest.raises(WorkspaceError, match="not a HumanOps workspace"):
        Workspace.open(plain)
    with pytest.raises(WorkspaceError, match="no such workspace"):
        Workspace.open(tmp_path / "missing.gpkg")


def test_edit_bumps_version_keeps_history_and_sets_originator(workspace):
    f = workspace.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 1200})
    assert f.version == 1 and f.originator == "ocha"
    assert f.marking.tlp is TLP.AMBER  # the kind's default marking
    g = workspace.update_feature("need", f.uuid, properties={"population": 1300})
    assert g.version == 2 and g.properties["population"] == 1300 and g.properties["name"] == "Camp A"
    assert g.modified >= f.modified
    history = workspace.history("need", f.uuid)
    assert [h.version for h in history] == [1]
    assert history[0].properties["population"] == 1200


def test_marking_fields_are_stored_per_feature(workspace):
    marking = Marking(tlp=TLP.RED, releasable_to=("medaid", "community:wash"),
                      caveats=("no_onward_sharing",), expires=datetime(2027, 1, 1, tzinfo=UTC),
                      precision=Precision.parse("grid:5000:k50"))
    f = workspace.add_feature("need", Point(30.5, 10.2), {"name": "A", "population": 5}, marking)
    stored = workspace.get_feature("need", f.uuid)
    assert stored.marking == marking
    frame = workspace.read_layer("need")
    row = frame.iloc[0]
    assert row["tlp"] == "RED" and row["releasable_to"] == "medaid,community:wash"
    assert row["precision"] == "grid:5000:k50"


def test_delete_leaves_a_tombstone_and_undo_re_adds_the_same_uuid(workspace):
    f = workspace.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 10})
    seq = workspace.last_change_seq()
    tomb = workspace.delete_feature("need", f.uuid)
    assert tomb.deleted and tomb.version == 2
    assert workspace.find_feature("need", f.uuid) is None
    assert [t.uuid for t in workspace.tombstones(since_seq=seq)] == [f.uuid]
    again = workspace.add_feature("need", f.geometry, f.properties, f.marking, uuid=f.uuid)
    assert again.uuid == f.uuid and again.version == 3


def test_refused_edits_change_nothing(workspace, snapshot):
    f = workspace.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 10})
    before = snapshot(workspace.path)
    with pytest.raises(ValidationError) as err:
        workspace.update_feature("need", f.uuid, properties={"population": -4})
    assert err.value.field == "population" and err.value.layer == "need"
    with pytest.raises(ValidationError, match="is required"):
        workspace.add_feature("need", Point(30, 10), {"population": 3})
    with pytest.raises(ValidationError, match="not one of"):
        workspace.add_feature("danger_zone", SQUARE, {"name": "x", "hazard": "dragons", "severity": 3})
    with pytest.raises(ValidationError, match="cannot be a need"):
        workspace.add_feature("need", SQUARE, {"name": "x", "population": 3})
    with pytest.raises(ValidationError, match="out of range"):
        workspace.add_feature("need", Point(200, 10), {"name": "x", "population": 3})
    with pytest.raises(WorkspaceError, match="changed meanwhile"):
        workspace.update_feature("need", f.uuid, properties={"population": 11}, expected_version=7)
    assert snapshot(workspace.path) == before


def test_transaction_is_all_or_nothing(workspace, snapshot):
    before = snapshot(workspace.path)
    with pytest.raises(ValidationError), workspace.transaction():
        workspace.add_feature("need", Point(30, 10), {"name": "ok", "population": 3})
        workspace.add_feature("need", Point(30, 10), {"name": "bad", "population": "many"})
    assert snapshot(workspace.path) == before


def test_invalid_polygon_is_repaired_and_stored_valid(workspace):
    bowtie = Polygon([(30, 10), (30.1, 10.1), (30.1, 10), (30, 10.1)])
    f = workspace.add_feature("danger_zone", bowtie, {"name": "x", "hazard": "fire", "severity": 2})
    assert f.geometry.is_valid and f.geometry.geom_type == "MultiPolygon"


def test_spatial_index_stays_in_step_with_every_edit(workspace):
    f = workspace.add_feature("danger_zone", SQUARE, {"name": "x", "hazard": "fire", "severity": 2})
    moved = Polygon([(31, 11), (31.2, 11), (31.2, 11.2), (31, 11.2)])
    workspace.update_feature("danger_zone", f.uuid, geometry=moved)
    hits = workspace.read_layer("danger_zone", bbox=(31.05, 11.05, 31.1, 11.1))
    assert len(hits) == 1
    assert len(workspace.read_layer("danger_zone", bbox=(30.01, 10.01, 30.05, 10.05))) == 0
    workspace.add_feature("corridor", LineString([(30, 10), (30.5, 10.5)]), {"name": "c1"})
    g = workspace.add_feature("need", Point(30.2, 10.2), {"name": "n", "population": 1})
    workspace.delete_feature("need", g.uuid)
    assert validate_workspace(workspace).ok


def test_bulk_add_frame_validates_and_writes_in_one_transaction(workspace, snapshot):
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b", "c"], "population": [1, 2, 3], "tlp": ["GREEN", None, "RED"]},
        geometry=[Point(30, 10), Point(30.1, 10), Point(30.2, 10)], crs=4326)
    uuids = workspace.add_frame("need", frame)
    assert len(uuids) == 3 and workspace.count("need") == 3
    got = workspace.read_layer("need").set_index("name")
    assert got.loc["a", "tlp"] == "GREEN" and got.loc["b", "tlp"] == "AMBER" and got.loc["c", "tlp"] == "RED"
    before = snapshot(workspace.path)
    bad = frame.assign(population=[1, -2, 3])
    with pytest.raises(ValidationError) as err:
        workspace.add_frame("need", bad)
    assert err.value.feature == 1 and err.value.field == "population"
    with pytest.raises(ValidationError, match="TLP"):
        workspace.add_frame("need", frame.assign(tlp=["GREEN", "PURPLE", "RED"]))
    assert snapshot(workspace.path) == before


def test_add_frame_reprojects_to_wgs84(workspace):
    utm = gpd.GeoDataFrame({"name": ["a"], "population": [5]}, geometry=[Point(500000, 1105000)],
                           crs="EPSG:32636")
    workspace.add_frame("need", utm)
    p = workspace.read_layer("need").geometry.iloc[0]
    assert abs(p.x - 33.0) < 1e-6 and 9.9 < p.y < 10.1


def test_read_layer_at_time_filters_by_validity(workspace):
    now = datetime(2026, 11, 28, tzinfo=UTC)
    for name, start, end in (("past", -10, -5), ("current", -1, 1), ("open", -3, None)):
        workspace.add_feature("danger_zone", SQUARE, {
            "name": name, "hazard": "fire", "severity": 2, "valid_from": now + timedelta(days=start),
            "valid_until": None if end is None else now + timedelta(days=end)})
    names = set(workspace.read_layer("danger_zone", at=now)["name"])
    assert names == {"current", "open"}


def test_listeners_hear_of_committed_changes_only(workspace):
    heard = []
    workspace.subscribe(heard.append)
    f = workspace.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    with pytest.raises(ValidationError), workspace.transaction():
        workspace.update_feature("need", f.uuid, properties={"population": 2})
        workspace.update_feature("need", f.uuid, properties={"population": -1})
    assert [(c.layer, c.op) for c in heard] == [("need", "insert")]


def test_reopen_keeps_everything(tmp_path):
    path = tmp_path / "ws.gpkg"
    with Workspace.create(path, organisation="medaid") as ws:
        f = ws.add_feature("facility", Point(30, 10), {"name": "Shelter 1", "facility_type": "shelter",
                                                       "capacity": 300, "occupancy": 120})
    with Workspace.open(path) as ws:
        g = ws.get_feature("facility", f.uuid)
        assert g.properties["capacity"] == 300 and g.originator == "medaid" and ws.organisation == "medaid"


def test_reads_through_gdal_between_edits_see_every_edit(workspace):
    """GDAL links its own SQLite: reading through it between edits must not lose them."""
    for i in range(4):
        workspace.add_feature("need", Point(30 + i * 0.01, 10), {"name": f"n{i}", "population": i})
        assert len(pyogrio.read_dataframe(workspace.path, layer="need")) == workspace.count("need") == i + 1
    path = workspace.path
    workspace.close()
    with Workspace.open(path) as again:
        assert again.count("need") == 4


def test_a_worker_reads_beside_a_write_and_sees_the_last_commit(workspace):
    """A worker reads through a read-only connection of its own (the thread rule in
    humanops.store) while the window's connection writes: it is not blocked, sees the last
    committed state (never half a transaction), and the file stays whole."""
    import threading

    from humanops.store.layer_reader import LayerReader

    seen: list[int] = []

    def read() -> None:
        with LayerReader.read_only(workspace.path) as reader:
            seen.append(len(reader.rows(workspace.kind("need"))))

    with workspace.transaction():
        workspace.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
        worker = threading.Thread(target=read)
        worker.start()
        worker.join(10)
        assert seen == [0]  # the committed state, at once
        workspace.add_feature("need", Point(30.1, 10), {"name": "b", "population": 2})
    read()
    assert seen == [0, 2]
    assert validate_workspace(workspace).ok


def test_edits_by_other_tools_are_versioned_logged_and_sent_on(workspace):
    """QGIS (through GDAL) or a script edits the GeoPackage directly: the feature still gets an
    identity, a version, history and a change log entry, so partners receive the edit."""
    import sqlite3

    from humanops.store.gpkg_geometry import register_functions

    seq = workspace.last_change_seq()
    mine = workspace.add_feature("need", Point(30, 10), {"name": "mine", "population": 10})
    path = workspace.path
    workspace.close()
    # an insert through GDAL, as QGIS makes it: no uuid, no marking
    added = gpd.GeoDataFrame({"name": ["from QGIS"], "population": [25]}, geometry=[Point(30.2, 10.1)], crs=4326)
    pyogrio.write_dataframe(added, path, layer="need", append=True)
    connection = sqlite3.connect(path)
    register_functions(connection)  # QGIS's SQLite has them through GDAL
    connection.execute("UPDATE need SET population = 11 WHERE uuid = ?", (mine.uuid,))
    connection.commit()
    connection.close()
    with Workspace.open(path) as ws:
        qgis = ws.read_layer("need").set_index("name").loc["from QGIS"]
        assert len(qgis["uuid"]) == 36 and qgis["version"] == 1 and qgis["originator"] == "ocha"
        assert qgis["tlp"] == "AMBER"  # the kind's default marking
        edited = ws.get_feature("need", mine.uuid)
        assert edited.version == 2 and edited.properties["population"] == 11
        assert [h.properties["population"] for h in ws.history("need", mine.uuid)] == [10]
        assert ws.history("need", mine.uuid)[0].geometry.equals(Point(30, 10))
        assert ws.changed_since(seq)["need"] == {mine.uuid, qgis["uuid"]}
        assert validate_workspace(ws).ok
    connection = sqlite3.connect(path)
    register_functions(connection)
    connection.execute("DELETE FROM need WHERE uuid = ?", (mine.uuid,))
    connection.commit()
    connection.close()
    with Workspace.open(path) as ws:
        assert [t.uuid for t in ws.tombstones(since_seq=seq)] == [mine.uuid]
        assert [h.version for h in ws.history("need", mine.uuid)] == [1, 2, 3]


def test_our_own_edits_are_not_recorded_twice_by_the_triggers(workspace):
    f = workspace.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    workspace.update_feature("need", f.uuid, properties={"population": 2})
    workspace.delete_feature("need", f.uuid)
    assert [(h.version, h.deleted) for h in workspace.history("need", f.uuid)] == [(1, False), (2, False), (3, True)]
    ops = workspace.connection.execute("SELECT op FROM humanops_changes ORDER BY seq").fetchall()
    assert [o for (o,) in ops] == ["insert", "update", "delete"]


def test_a_field_added_to_a_kind_since_the_file_was_made_gets_its_column_and_triggers(tmp_path):
    """A workspace made before a kind gained fields (the road's walking fields): opened, the
    table gets the empty columns, reads and edits work, and another tool's edit of the new
    field is kept in history."""
    import dataclasses
    import sqlite3

    from humanops.catalog import Catalog, load_catalog
    from humanops.store.gpkg_geometry import register_functions

    full = load_catalog()
    road = full["road"]
    older = Catalog([dataclasses.replace(k, fields=k.fields[:-1]) if k.name == "road" else k for k in full])
    path = tmp_path / "old.gpkg"
    with Workspace.create(path, organisation="ocha", catalog=older) as ws:
        old = ws.add_feature("road", LineString([(30, 10), (30.1, 10)]), {"road_class": "primary"})
    newest = road.fields[-1].name
    with Workspace.open(path, catalog=full) as ws:
        assert newest in ws.read_layer("road").columns
        assert ws.get_feature("road", old.uuid).properties[newest] is None
    connection = sqlite3.connect(path)
    register_functions(connection)
    value = {"text": "'x'", "enum": f"'{(road.fields[-1].values or ['x'])[0]}'", "boolean": "1"}.get(
        road.fields[-1].type, "1")
    connection.execute(f'UPDATE road SET "{newest}" = {value}')
    connection.commit()
    connection.close()
    with Workspace.open(path, catalog=full) as ws:
        assert ws.get_feature("road", old.uuid).version == 2
        assert newest in ws.history("road", old.uuid)[0].properties
