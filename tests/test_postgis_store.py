"""The team workspace in PostgreSQL/PostGIS: the store's behaviour on both backends, and what only
the database does (other clients' edits versioned by triggers, stale edits refused, NOTIFY),
``humanops init postgresql://…`` and ``humanops copy`` between backends.

The shared tests run on a GeoPackage and on PostGIS (``store`` fixture); the PostGIS ones skip,
with the fixture's reason, where PostgreSQL's server is not installed."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import geopandas as gpd
import pandas as pd
import psycopg
import pytest
from shapely.geometry import LineString, Point, Polygon

from humanops.cli import main
from humanops.errors import ValidationError, WorkspaceError
from humanops.model.feature import Feature
from humanops.model.marking import TLP, Marking, Precision
from humanops.store.open_target import open_any
from humanops.store.postgis.copy_workspace import copy_workspace
from humanops.store.postgis.workspace import PostgisWorkspace, display_url
from humanops.store.workspace import Workspace

SQUARE = Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10.1)])


@pytest.fixture(scope="module")
def empty_gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty GeoPackage workspace made once (GDAL takes seconds on a busy machine), copied a test."""
    path = tmp_path_factory.mktemp("template") / "ws.gpkg"
    Workspace.create(path, organisation="ocha").close()
    return path


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path: Path, empty_gpkg: Path):
    """An empty workspace of organisation ``ocha`` in a GeoPackage or in a PostGIS database."""
    if request.param == "gpkg":
        shutil.copyfile(empty_gpkg, tmp_path / "ws.gpkg")
        ws = Workspace.open(tmp_path / "ws.gpkg")
    else:
        ws = PostgisWorkspace.create(request.getfixturevalue("pg_dsn"), organisation="ocha")
    yield ws
    ws.close()


@pytest.fixture
def team(pg_dsn: str):
    ws = PostgisWorkspace.create(pg_dsn, organisation="ocha")
    yield ws
    ws.close()


def snapshot(ws) -> dict[str, list]:
    """Every table's rows, sorted: a refused operation must leave them as they were."""
    if isinstance(ws, Workspace):
        from table_snapshots import table_snapshot

        return table_snapshot(ws.path)
    db = ws.connection
    tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                       "AND tablename <> 'spatial_ref_sys'")]
    return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in sorted(tables)}


def other_client(ws: PostgisWorkspace) -> psycopg.Connection:
    """A plain connection to the workspace's database, as QGIS or psql makes one."""
    return psycopg.connect(ws.url, autocommit=True)


# --- the store's behaviour, on both backends ----------------------------------------------------
def test_edit_bumps_version_keeps_history_and_sets_originator(store):
    f = store.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 1200})
    assert f.version == 1 and f.originator == "ocha" and f.marking.tlp is TLP.AMBER
    g = store.update_feature("need", f.uuid, properties={"population": 1300})
    assert g.version == 2 and g.properties["population"] == 1300 and g.properties["name"] == "Camp A"
    assert g.modified >= f.modified and g.created == f.created
    history = store.history("need", f.uuid)
    assert [h.version for h in history] == [1] and history[0].properties["population"] == 1200
    assert history[0].geometry.equals(Point(30.5, 10.2))


def test_marking_fields_are_stored_per_feature(store):
    marking = Marking(tlp=TLP.RED, releasable_to=("medaid", "community:wash"), caveats=("no_onward_sharing",),
                      expires=datetime(2027, 1, 1, tzinfo=UTC), precision=Precision.parse("grid:5000:k50"))
    f = store.add_feature("need", Point(30.5, 10.2), {"name": "A", "population": 5}, marking)
    assert store.get_feature("need", f.uuid).marking == marking
    row = store.read_layer("need").iloc[0]
    assert row["tlp"] == "RED" and row["releasable_to"] == "medaid,community:wash"
    assert row["precision"] == "grid:5000:k50" and row["expires"] == pd.Timestamp("2027-01-01", tz="UTC")


def test_delete_leaves_a_tombstone_and_undo_re_adds_the_same_uuid(store):
    f = store.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 10})
    seq = store.last_change_seq()
    tomb = store.delete_feature("need", f.uuid)
    assert tomb.deleted and tomb.version == 2 and store.find_feature("need", f.uuid) is None
    assert [t.uuid for t in store.tombstones(since_seq=seq)] == [f.uuid]
    again = store.add_feature("need", f.geometry, f.properties, f.marking, uuid=f.uuid)
    assert again.uuid == f.uuid and again.version == 3
    assert [(h.version, h.deleted) for h in store.history("need", f.uuid)] == [(1, False), (2, True)]
    assert [op for _, _, op in _ops(store)] == ["insert", "delete", "insert"]


def _ops(store) -> list[tuple]:
    return [tuple(r) for r in store.connection.execute("SELECT uuid, version, op FROM humanops_changes ORDER BY seq")]


def test_our_own_edits_are_recorded_once(store):
    f = store.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    store.update_feature("need", f.uuid, properties={"population": 2})
    store.delete_feature("need", f.uuid)
    assert [(h.version, h.deleted) for h in store.history("need", f.uuid)] == [(1, False), (2, False), (3, True)]
    assert _ops(store) == [(f.uuid, 1, "insert"), (f.uuid, 2, "update"), (f.uuid, 3, "delete")]
    assert [c[1:] for c in store.change_log(0)] == [("need", f.uuid)] * 3


def test_refused_edits_change_nothing(store):
    f = store.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 10})
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        store.update_feature("need", f.uuid, properties={"population": -4})
    assert err.value.field == "population" and err.value.layer == "need"
    with pytest.raises(ValidationError, match="is required"):
        store.add_feature("need", Point(30, 10), {"population": 3})
    with pytest.raises(ValidationError, match="cannot be a need"):
        store.add_feature("need", SQUARE, {"name": "x", "population": 3})
    with pytest.raises(ValidationError, match="out of range"):
        store.add_feature("need", Point(200, 10), {"name": "x", "population": 3})
    with pytest.raises(WorkspaceError, match="changed meanwhile"):
        store.update_feature("need", f.uuid, properties={"population": 11}, expected_version=7)
    with pytest.raises(WorkspaceError, match="exists already"):
        store.add_feature("need", Point(30, 10), {"name": "x", "population": 3}, uuid=f.uuid)
    assert snapshot(store) == before


def test_transaction_is_all_or_nothing_and_listeners_hear_commits_only(store):
    heard = []
    store.subscribe(heard.append)
    before = snapshot(store)
    with pytest.raises(ValidationError), store.transaction():
        store.add_feature("need", Point(30, 10), {"name": "ok", "population": 3})
        store.add_feature("need", Point(30, 10), {"name": "bad", "population": "many"})
    assert snapshot(store) == before and heard == []
    f = store.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    assert [(c.layer, c.uuids, c.op) for c in heard] == [("need", (f.uuid,), "insert")]


def test_geometry_is_repaired_and_bbox_reads_follow_every_edit(store):
    bowtie = Polygon([(30, 10), (30.1, 10.1), (30.1, 10), (30, 10.1)])
    f = store.add_feature("danger_zone", bowtie, {"name": "x", "hazard": "fire", "severity": 2})
    assert f.geometry.is_valid and f.geometry.geom_type == "MultiPolygon"
    moved = Polygon([(31, 11), (31.2, 11), (31.2, 11.2), (31, 11.2)])
    store.update_feature("danger_zone", f.uuid, geometry=moved)
    assert len(store.read_layer("danger_zone", bbox=(31.05, 11.05, 31.1, 11.1))) == 1
    assert len(store.read_layer("danger_zone", bbox=(30.01, 10.01, 30.05, 10.05))) == 0
    store.add_feature("corridor", LineString([(30, 10), (30.5, 10.5)]), {"name": "c1"})
    assert store.extent("corridor") == pytest.approx((30, 10, 30.5, 10.5), abs=1e-5)
    assert store.count("corridor") == 1 and store.value_counts("danger_zone", "hazard") == {"fire": 1}


def test_bulk_add_frame_validates_and_writes_in_one_transaction(store):
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b", "c"], "population": [1, 2, 3], "tlp": ["GREEN", None, "RED"]},
        geometry=[Point(30, 10), Point(30.1, 10), Point(30.2, 10)], crs=4326)
    uuids = store.add_frame("need", frame)
    assert len(uuids) == 3 and store.count("need") == 3
    got = store.read_layer("need").set_index("name")
    assert list(got["tlp"]) == ["GREEN", "AMBER", "RED"] and set(got["uuid"]) == set(uuids)
    assert {u for _, _, u in store.change_log(0)} == set(uuids)
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        store.add_frame("need", frame.assign(population=[1, -2, 3]))
    assert err.value.feature == 1 and err.value.field == "population"
    with pytest.raises(ValidationError, match="TLP"):
        store.add_frame("need", frame.assign(tlp=["GREEN", "PURPLE", "RED"]))
    utm = gpd.GeoDataFrame({"name": ["u"], "population": [5]}, geometry=[Point(500000, 1105000)], crs="EPSG:32636")
    assert snapshot(store) == before
    store.add_frame("need", utm)
    p = store.read_layer("need", where="name = 'u'").geometry.iloc[0]
    assert abs(p.x - 33.0) < 1e-6 and 9.9 < p.y < 10.1


def test_read_layer_at_time_and_frame_types(store):
    now = datetime(2026, 11, 28, tzinfo=UTC)
    for name, start, end in (("past", -10, -5), ("current", -1, 1), ("open", -3, None)):
        store.add_feature("danger_zone", SQUARE, {
            "name": name, "hazard": "fire", "severity": 2, "valid_from": now + timedelta(days=start),
            "valid_until": None if end is None else now + timedelta(days=end)})
    assert set(store.read_layer("danger_zone", at=now)["name"]) == {"current", "open"}
    frame = store.read_layer("danger_zone")
    assert str(frame["valid_from"].dtype) == "datetime64[ms, UTC]" and frame["severity"].dtype == "int64"
    assert store.time_range("danger_zone") == (now - timedelta(days=10), now + timedelta(days=1))
    store.add_feature("road", LineString([(30, 10), (30.1, 10)]), {"road_class": "primary", "oneway": True})
    road = store.features("road")[0]
    assert road.properties["oneway"] is True and road.properties["bridge"] is False


def test_put_feature_and_put_frame_store_a_partners_versions_as_they_are(store):
    mine = store.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    theirs = Feature(kind="need", geometry=Point(31, 11), properties={"name": "p", "population": 7},
                     marking=Marking(tlp=TLP.GREEN), uuid="0b6f6c11-61d8-4872-b4fc-224a0ac28161", version=4,
                     originator="medaid", created=datetime(2026, 1, 1, tzinfo=UTC),
                     modified=datetime(2026, 1, 2, tzinfo=UTC), source_package="pkg-1", source_signer="medaid")
    store.put_feature(theirs)
    got = store.get_feature("need", theirs.uuid)
    assert (got.version, got.originator, got.source_package, got.created) == (4, "medaid", "pkg-1", theirs.created)
    store.put_feature(theirs.with_changes(version=6, properties={"name": "p", "population": 9}))
    assert store.get_feature("need", theirs.uuid).version == 6
    assert [h.version for h in store.history("need", theirs.uuid)] == [4]
    store.put_feature(theirs.with_changes(version=7, deleted=True, geometry=None, properties={}))
    assert store.find_feature("need", theirs.uuid) is None
    assert [(h.version, h.deleted) for h in store.history("need", theirs.uuid)] == [(4, False), (6, False), (7, True)]
    frame = store.read_layer("need").drop(columns=["source_package", "source_signer"])
    frame["version"] = [5]
    frame["population"] = [50]
    store.put_frame("need", frame, source_package="pkg-2", source_signer="ocha")
    again = store.get_feature("need", mine.uuid)
    assert (again.version, again.properties["population"], again.source_package) == (5, 50, "pkg-2")
    assert _ops(store)[-1] == (mine.uuid, 5, "update")


def test_reopen_keeps_everything(store):
    f = store.add_feature("facility", Point(30, 10), {"name": "Shelter 1", "facility_type": "shelter",
                                                      "capacity": 300, "occupancy": 120})
    store.set_default_marking("need", Marking(tlp=TLP.GREEN))
    target = store.url if isinstance(store, PostgisWorkspace) else store.path
    store.close()
    with open_any(target) as ws:
        g = ws.get_feature("facility", f.uuid)
        assert g.properties["capacity"] == 300 and g.originator == "ocha" and ws.organisation == "ocha"
        assert ws.default_marking("need").tlp is TLP.GREEN


# --- what only the database does ----------------------------------------------------------------
def test_an_edit_through_plain_sql_is_versioned_logged_and_keeps_the_identity(team):
    f = team.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    seq = team.last_change_seq()
    with other_client(team) as qgis:
        qgis.execute("UPDATE need SET population = 11 WHERE fid = %s", (f.fid,))
        qgis.execute("UPDATE need SET uuid = 'renamed', originator = 'medaid', population = 12")
        qgis.execute("INSERT INTO need (geom, name, population) VALUES (ST_SetSRID(ST_MakePoint(30.2, 10.1), 4326), "
                     "'from QGIS', 25)")
    edited = team.get_feature("need", f.uuid)
    assert edited.version == 3 and edited.properties["population"] == 12 and edited.originator == "ocha"
    assert [h.properties["population"] for h in team.history("need", f.uuid)] == [10, 11]
    added = team.read_layer("need", where="name = 'from QGIS'").iloc[0]
    assert len(added["uuid"]) == 36 and added["version"] == 1 and added["originator"] == "ocha"
    assert added["tlp"] == "AMBER"  # the kind's default marking
    assert team.changed_since(seq) == {"need": {f.uuid, added["uuid"]}}
    with other_client(team) as qgis:
        qgis.execute("DELETE FROM need WHERE uuid = %s", (f.uuid,))
        with pytest.raises(psycopg.Error, match="TRUNCATE"):
            qgis.execute("TRUNCATE need")
    assert [t.uuid for t in team.tombstones(since_seq=seq)] == [f.uuid]
    assert [(h.version, h.deleted) for h in team.history("need", f.uuid)] == [(1, False), (2, False), (3, False),
                                                                             (4, True)]


def test_a_stale_update_is_refused_by_the_database(team):
    f = team.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    team.update_feature("need", f.uuid, properties={"population": 20})  # now version 2
    with other_client(team) as script, pytest.raises(psycopg.Error) as refused:
        script.execute("UPDATE need SET population = 99, version = 1 WHERE uuid = %s", (f.uuid,))
    assert refused.value.sqlstate == "HO409"
    assert f"layer need, feature {f.uuid}: was changed meanwhile (stored version 2, the edit was made on " \
           "version 1)" in str(refused.value)
    before = snapshot(team)
    stale = r"changed meanwhile \(now version 2, edit was made on version 1\)"
    with pytest.raises(WorkspaceError, match=stale) as err, team.transaction() as db:  # the app's own stale write
        db.execute("UPDATE need SET population = 99, version = 1 WHERE uuid = %s", (f.uuid,))
    assert err.value.layer == "need" and err.value.feature == f.uuid
    assert snapshot(team) == before and team.get_feature("need", f.uuid).properties["population"] == 20


def test_a_second_session_sees_the_first_ones_edit_and_cannot_overwrite_it(team):
    f = team.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    with PostgisWorkspace.open(team.url) as other:
        other.listen()
        read = other.get_feature("need", f.uuid)
        team.update_feature("need", f.uuid, properties={"population": 11})
        changes = other.poll_changes(timeout=5)
        assert [(c.layer, c.uuids, c.op) for c in changes] == [("need", (f.uuid,), "update")]
        with pytest.raises(WorkspaceError, match="changed meanwhile"):
            other.update_feature("need", f.uuid, properties={"population": 99}, expected_version=read.version)
        heard = []
        other.subscribe(heard.append)
        other.update_feature("need", f.uuid, properties={"population": 12})
        assert other.poll_changes() == [] and [c.op for c in heard] == ["update"]  # its own, heard once
    assert team.get_feature("need", f.uuid).properties["population"] == 12


def test_a_notify_arrives_for_a_change_made_by_another_connection(team):
    team.listen()
    with other_client(team) as qgis:
        qgis.execute("INSERT INTO need (geom, name, population) VALUES (ST_SetSRID(ST_MakePoint(30, 10), 4326), "
                     "'a', 1), (ST_SetSRID(ST_MakePoint(31, 10), 4326), 'b', 2)")
    [change] = team.poll_changes(timeout=5)
    assert change.layer == "need" and change.op == "insert" and set(change.uuids) == set(team.uuids("need"))


# --- init, copy ---------------------------------------------------------------------------------
def test_init_creates_and_refuses_what_it_must(pg_cluster, pg_dsn, capsys):
    assert main(["init", pg_dsn, "--org", "ocha", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["organisation"] == "ocha"
    assert main(["init", pg_dsn]) == 1
    assert "holds a HumanOps workspace already" in capsys.readouterr().err
    assert main(["-w", pg_dsn, "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["layers"]["need"]["count"] == 0
    bare = pg_cluster.create_database(postgis=False)
    assert main(["init", bare]) == 1
    assert "PostGIS is not enabled" in capsys.readouterr().err
    unreachable = "postgresql://ocha:s3cret@/team?host=/nonexistent/socket"
    assert main(["init", unreachable]) == 1
    err = capsys.readouterr().err
    assert "cannot connect" in err and "postgresql://ocha@/team?host=/nonexistent/socket" in err and "s3cret" not in err
    assert display_url("postgresql://u:pw@h/db?password=pw&sslmode=require") == "postgresql://u@h/db?sslmode=require"


def test_copy_round_trip_gpkg_to_postgis_to_gpkg_loses_nothing(tmp_path, pg_dsn, capsys, empty_gpkg):
    source = tmp_path / "laptop.gpkg"
    shutil.copyfile(empty_gpkg, source)
    with Workspace.open(source) as ws:
        a = ws.add_feature("need", Point(30, 10), {"name": "a", "population": 1, "assessed": "2026-03-01"},
                           Marking(tlp=TLP.RED, releasable_to=("medaid",), expires=datetime(2027, 1, 1, tzinfo=UTC)))
        b = ws.add_feature("need", Point(31, 10), {"name": "b", "population": 2})
        ws.update_feature("need", a.uuid, properties={"population": 3})
        ws.delete_feature("need", b.uuid)
        ws.add_feature("road", LineString([(30, 10), (30.1, 10)]), {"road_class": "primary", "oneway": True})
        ws.set_default_marking("need", Marking(tlp=TLP.GREEN))
        with ws.transaction() as db:  # a table of the sharing engine's
            db.execute("CREATE TABLE humanops_partners (org TEXT PRIMARY KEY, name TEXT, added INTEGER, key BLOB)")
            db.execute("INSERT INTO humanops_partners VALUES ('medaid', 'MedAid', 3, x'00ff')")
    uuids = {"a": a.uuid, "b": b.uuid}

    def state(ws) -> tuple:
        frame = ws.read_layer("need").set_index("uuid").sort_index().reset_index()
        history = [(h.version, h.deleted, h.properties, h.marking, h.modified, h.geometry.wkt if h.geometry else None)
                   for u in uuids.values() for h in ws.history("need", u)]
        roads = ws.read_layer("road").reset_index(drop=True)
        return (frame.to_wkt().astype(object).where(frame.notna(), None).to_dict(),
                roads.to_wkt().astype(object).where(roads.notna(), None).to_dict(), history, ws.change_log(0),
                ws.workspace_id, ws.organisation, ws.default_marking("need"), ws.last_change_seq())

    with Workspace.open(source) as ws:
        expected = state(ws)
    assert main(["copy", str(source), pg_dsn, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["layers"]["need"] == 1 and summary["tables"] == ["humanops_partners"]
    with PostgisWorkspace.open(pg_dsn) as team:
        assert state(team) == expected
        assert team.connection.execute("SELECT org, added, key FROM humanops_partners").fetchall() == [
            ("medaid", 3, b"\x00\xff")]
    back = tmp_path / "back.gpkg"
    copy_workspace(pg_dsn, back)
    with Workspace.open(back) as ws:
        assert state(ws) == expected
        sql = ws.connection.execute("SELECT sql FROM sqlite_master WHERE name = 'humanops_partners'").fetchone()[0]
        assert "org TEXT PRIMARY KEY" in sql
        partners = ws.connection.execute("SELECT * FROM humanops_partners").fetchall()
        assert partners == [("medaid", "MedAid", 3, b"\x00\xff")]
    with PostgisWorkspace.open(pg_dsn) as team:  # the copy is a live workspace: it numbers on
        assert team.update_feature("need", a.uuid, properties={"population": 4}).version == 3
        assert team.last_change_seq() == expected[-1] + 1
    with pytest.raises(WorkspaceError, match="already exists"):
        copy_workspace(source, back)


def test_info_and_validate_answer_on_a_team_database(pg_dsn, capsys):
    """Every command runs on a team database now; ``validate`` checks the database's own machinery
    (tests/test_postgis_validate.py)."""
    from humanops.cli import main

    assert main(["init", pg_dsn, "--org", "ocha"]) == 0
    assert main(["-w", pg_dsn, "info"]) == 0
    capsys.readouterr()
    assert main(["-w", pg_dsn, "validate"]) == 0
    assert "no problems" in capsys.readouterr().out
