"""``humanops validate -w postgresql://…`` (issue 14): a sound team database passes; rows planted
with SQL behind the app's back (as a QGIS user or a script would) are named by layer, feature and
field; a disabled trigger, a dropped GiST index and a history out of step with the feature are
reported; nothing is changed by the check."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, Polygon

from humanops.cli import main
from humanops.model.marking import TLP, Marking
from humanops.store.postgis.workspace import PostgisWorkspace


@pytest.fixture
def team(pg_dsn: str) -> dict[str, str]:
    """A team database with a need (edited once) and a danger zone; their uuids by name."""
    with PostgisWorkspace.create(pg_dsn, organisation="ocha") as ws:
        need = ws.add_feature("need", Point(30.1, 10.1), {"name": "Camp A", "population": 1200},
                              Marking(tlp=TLP.GREEN)).uuid
        ws.update_feature("need", need, properties={"population": 1300})
        zone = ws.add_feature("danger_zone", Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10)]),
                              {"name": "Shelling", "hazard": "shelling", "severity": 3}, Marking(tlp=TLP.AMBER)).uuid
    return {"dsn": pg_dsn, "need": need, "zone": zone}


def _validate(capsys, dsn: str, code: int) -> dict:
    capsys.readouterr()
    assert main(["-w", dsn, "validate", "--json"]) == code, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _problems(doc: dict) -> set[tuple]:
    return {(p["layer"], p["feature"], p["field"]) for p in doc["problems"]}


def test_a_sound_database_passes_and_planted_rows_are_named(team, capsys):
    dsn = team["dsn"]
    doc = _validate(capsys, dsn, 0)
    assert doc["ok"] and doc["checked"]["need"] == 1 and doc["checked"]["danger_zone"] == 1
    with PostgisWorkspace.open(dsn) as ws:
        db = ws.connection
        # a QGIS user's inserts: the triggers give identity; the values are the user's
        bad_need = db.execute("INSERT INTO need (geom, name, population, tlp) VALUES "
                              "(ST_SetSRID(ST_MakePoint(30.2, 10.2), 4326), 'Camp B', -5, 'GREEN') "
                              "RETURNING uuid").fetchone()[0]
        bowtie = db.execute(
            "INSERT INTO danger_zone (geom, name, hazard, severity, tlp) VALUES (ST_Multi(ST_GeomFromText("
            "'POLYGON((30 10, 30.1 10.1, 30.1 10, 30 10.1, 30 10))', 4326)), 'Bowtie', 'shelling', 2, 'ORANGE') "
            "RETURNING uuid").fetchone()[0]
        before = db.execute("SELECT count(*), max(seq) FROM humanops_changes").fetchone()
    doc = _validate(capsys, dsn, 1)
    found = _problems(doc)
    assert ("need", bad_need, "population") in found
    assert ("danger_zone", bowtie, "geometry") in found
    assert ("danger_zone", bowtie, "tlp") in found
    assert ("need", team["need"], None) not in found and not any(p[1] == team["need"] for p in found)
    reasons = {(p["feature"], p["field"]): p["reason"] for p in doc["problems"]}
    assert "invalid geometry" in reasons[(bowtie, "geometry")] and "ORANGE" in reasons[(bowtie, "tlp")]
    # the text output names them too
    capsys.readouterr()
    assert main(["-w", dsn, "validate"]) == 1
    text = capsys.readouterr().out
    assert f"layer need, feature {bad_need}, field population" in text
    with PostgisWorkspace.open(dsn) as ws:  # the check wrote nothing
        assert ws.connection.execute("SELECT count(*), max(seq) FROM humanops_changes").fetchone() == before


def test_database_machinery_out_of_order_is_reported(team, capsys):
    dsn = team["dsn"]
    with PostgisWorkspace.open(dsn) as ws:
        db = ws.connection
        db.execute('ALTER TABLE need DISABLE TRIGGER "humanops_need_after_update"')
        db.execute('DROP INDEX "danger_zone_geom"')
        # a history row newer than the feature, written with the triggers bypassed
        db.execute("INSERT INTO humanops_history (layer, uuid, version, originator) VALUES ('danger_zone', %s, 7, "
                   "'ocha')", (team["zone"],))
        # an update with the triggers off: the version goes back to 0
        db.execute("ALTER TABLE need DISABLE TRIGGER USER")
        db.execute("UPDATE need SET version = 0 WHERE uuid = %s", (team["need"],))
        db.execute("ALTER TABLE need ENABLE TRIGGER USER")
        db.execute('ALTER TABLE need DISABLE TRIGGER "humanops_need_after_update"')
    doc = _validate(capsys, dsn, 1)
    reasons = [(p["layer"], p["feature"], p["field"], p["reason"]) for p in doc["problems"]]
    assert any(layer == "need" and "humanops_need_after_update is disabled" in r for layer, _, _, r in reasons)
    assert any(layer == "danger_zone" and field == "geometry" and "GiST" in r for layer, _, field, r in reasons)
    assert any(f == team["zone"] and "history holds version 7" in r for _, f, _, r in reasons)
    assert any(f == team["need"] and field == "version" and "version 0" in r for _, f, field, r in reasons)
    assert any(f == team["need"] and "change log records version 2" in r for _, f, _, r in reasons), reasons
    # opening with the app does not hide it: the check reads what is there
    assert not any(layer == "need" and "humanops_need_before_row" in r for layer, _, _, r in reasons)
