"""The rest of the engine on a team database (issue 14): file imports and exports, triggers and
CAP, plans (a PostGIS geometry table), briefs, replay, exercises, edits, markings and the audit
report, each through the CLI on a ``postgresql://`` workspace, with the outcomes the GeoPackage
tests demand.

Cores of tests/test_cli_planning.py and tests/test_cap_out.py run here unchanged, their
``ladder_path`` / ``case`` fixtures giving workspaces in PostgreSQL. Skips, with the fixture's
reason, where PostgreSQL's server is not installed."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest
from analysis_cases import load_case
from planning_helpers import DATA, load
from shapely.geometry import LineString, Point
from test_cap_out import (  # noqa: F401
    AT,
    CASE,
    RULES,
    test_alert_update_cancel_chain,
)
from test_cli_planning import (  # noqa: F401
    test_plan_evacuation_and_aid_are_saved_listed_and_shown,
    test_route_json_detours_and_blocking_off_goes_straight,
    test_route_off_network_is_a_result_and_bad_places_are_refused,
)

from humanops.analysis import plans
from humanops.analysis.triggers import adopt_rules, attach_triggers
from humanops.cli import main
from humanops.model.marking import TLP, Marking
from humanops.store.history_view import HistoryView
from humanops.store.postgis.copy_workspace import copy_workspace
from humanops.store.postgis.workspace import PostgisWorkspace
from humanops.store.workspace import Workspace


@pytest.fixture
def ladder_path(pg_cluster) -> str:
    """test_cli_planning's ladder, in a team database: its URL."""
    dsn = pg_cluster.create_database()
    with PostgisWorkspace.create(dsn, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson", "ladder_needs.geojson")
    return dsn


@pytest.fixture
def case(pg_cluster, tmp_path):
    """test_cap_out's case in a team database, the rules adopted there, alerts evaluated."""
    dsn = pg_cluster.create_database()
    ws = PostgisWorkspace.create(dsn, organisation="ocha")
    names = load_case(ws, CASE)
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    adopt_rules(ws, rules)
    engine = attach_triggers(ws, at=AT)
    engine.evaluate()
    yield ws, names, engine
    engine.close()
    ws.close()


def run(capsys, *argv: str, code: int = 0) -> str:
    capsys.readouterr()
    assert main(list(argv)) == code, capsys.readouterr().err
    return capsys.readouterr().out


def test_file_imports_and_exports_run_on_a_team_database(ladder_path, tmp_path, capsys):
    dsn = ladder_path
    # a plain file naming features we hold is refused whole, nothing written
    run(capsys, "-w", dsn, "import", str(DATA / "ladder_needs.geojson"), "--layer", "need", code=1)
    camps = tmp_path / "camps.csv"
    camps.write_text("name,population,lat,lon\nCamp 1,120,0.505,30.005\nCamp 2,80,0.515,30.015\n", encoding="utf-8")
    run(capsys, "-w", dsn, "import", str(camps), "--layer", "need")
    with PostgisWorkspace.open(dsn) as ws:
        held = ws.count("need")
        assert held == len(gpd.read_file(DATA / "ladder_needs.geojson")) + 2
        assert {"Camp 1", "Camp 2"} <= set(ws.read_layer("need")["name"])
    doc = json.loads(run(capsys, "-w", dsn, "export", str(tmp_path / "needs.geojson"), "--layer", "need", "--json"))
    assert doc["layers"] == {"need": held}
    # what went out comes back as the same features, left as they are
    again = json.loads(run(capsys, "-w", dsn, "import", str(tmp_path / "needs.geojson"), "--layer", "need", "--json"))
    assert again["layers"][0]["imported"] == 0
    run(capsys, "-w", dsn, "export", str(tmp_path / "all.gpkg"))
    exported = gpd.read_file(tmp_path / "all.gpkg", layer="road")
    assert len(exported) == 7 and set(exported["uuid"]) >= {"a0000000-0000-4000-8000-00000000000a"}
    run(capsys, "-w", dsn, "export", str(tmp_path / "roads.kml"), "--layer", "road")
    kml = (tmp_path / "roads.kml").read_text(encoding="utf-8")
    assert "<Placemark" in kml and psycopg.conninfo.conninfo_to_dict(dsn)["dbname"] in kml  # named after it


def test_plans_are_a_postgis_geometry_table_read_back_as_saved(ladder_path, tmp_path):
    lines = gpd.GeoDataFrame({"kind": ["evacuation"], "from_name": ["Village A"], "quantity": [12.5]},
                             geometry=[LineString([(30, 0.5), (30.01, 0.51)])], crs=4326)
    outcomes = gpd.pd.DataFrame({"role": ["need"], "name": ["Village A"], "demand": [20.0], "served": [12.5]})
    saved = {}
    with Workspace.create(tmp_path / "p.gpkg") as gpkg, PostgisWorkspace.open(ladder_path) as pg:
        for ws in (gpkg, pg):
            plan_id = plans.save_plan(ws, "evacuation", title="T", planned_for=None, parameters={"a": 1},
                                      summary={"served": 12.5}, lines=lines, outcomes=outcomes)
            saved[ws is pg] = plans.read_plan(ws, plan_id)
        assert pg.connection.execute("SELECT type, srid FROM geometry_columns WHERE f_table_name = "
                                     "'humanops_plan_lines'").fetchone() == ("LINESTRING", 4326)
        assert gpkg.connection.execute("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = "
                                       "'humanops_plan_lines'").fetchone() == ("LINESTRING",)
    (plan_g, lines_g, out_g), (plan_p, lines_p, out_p) = saved[False], saved[True]
    assert {k: v for k, v in plan_g.items() if k != "created"} == {k: v for k, v in plan_p.items() if k != "created"}
    assert lines_g.drop(columns="geometry").equals(lines_p.drop(columns="geometry"))
    assert lines_g.geometry.iloc[0].equals(lines_p.geometry.iloc[0])
    assert out_g.equals(out_p)


def test_triggers_and_cap_import_on_a_team_database(ladder_path, capsys, tmp_path):
    dsn = ladder_path
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    run(capsys, "-w", dsn, "triggers", "adopt", str(rules))
    assert "corridor-at-risk" in run(capsys, "-w", dsn, "triggers", "rules")
    # an alert chain from another agency: the zones it makes, updates and ends
    for name in ("1-flood-alert.xml", "2-flood-update.xml", "3-flood-cancel.xml"):
        run(capsys, "-w", dsn, "import", str(Path(__file__).parent / "data" / "cap" / "kavera" / name))
    with PostgisWorkspace.open(dsn) as ws:
        states = {r[0] for r in ws.sql.execute("SELECT state FROM humanops_cap_zones")}
        assert states == {"ended"} and ws.count("danger_zone") >= 2
    doc = json.loads(run(capsys, "-w", dsn, "triggers", "check", "--json"))
    assert doc["rules"] == RULES.count("[[rule]]") and doc["evaluation"]["active"] == len(doc["alerts"])


def test_replay_on_a_database_gives_what_the_geopackage_gives(tmp_path, pg_cluster, capsys):
    path = tmp_path / "w.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        a = ws.add_feature("need", Point(36, 33), {"name": "a", "population": 5, "assessed": "2026-01-02"},
                           Marking(tlp=TLP.AMBER))
        b = ws.add_feature("need", Point(36.1, 33), {"name": "b", "population": 7})
        road = ws.add_feature("road", LineString([(36, 33), (36.1, 33)]), {"road_class": "primary", "oneway": True})
        for edit in (lambda: ws.update_feature("need", a.uuid, properties={"population": 9, "name": "a2"},
                                               geometry=Point(36.2, 33.1)),
                     lambda: ws.delete_feature("need", b.uuid),
                     lambda: ws.update_feature("road", road.uuid, properties={"oneway": False}),
                     lambda: ws.update_feature("need", a.uuid, properties={"population": 11})):
            time.sleep(0.003)  # each its own moment
            edit()
    dsn = pg_cluster.create_database()
    copy_workspace(path, dsn)
    with Workspace.open(path) as gpkg, PostgisWorkspace.open(dsn) as pg:
        on_file, on_db = HistoryView(gpkg.connection, gpkg.catalog), HistoryView(pg.connection, pg.catalog)
        moments = on_file.moments()
        assert len(moments) == 7 and on_db.moments().to_records() == moments.to_records()
        for i in range(len(moments)):
            for at in (moments.moment(i), moments.moment(i) + timedelta(microseconds=500)):
                for layer in ("need", "road"):
                    expected, got = on_file.layer_at(layer, at), on_db.layer_at(layer, at)
                    assert got.drop(columns="geometry").equals(expected.drop(columns="geometry")), (layer, i)
                    assert list(got.geometry.to_wkt()) == list(expected.geometry.to_wkt())
    listed = json.loads(run(capsys, "-w", dsn, "replay", "--list", "--json"))
    assert len(listed["moments"]) == 7
    second = listed["moments"][1]["at"]
    run(capsys, "-w", dsn, "replay", "--at", second, "--out", str(tmp_path / "then.geojson"))
    assert len(gpd.read_file(tmp_path / "then.geojson")) == 2


def test_briefs_audit_report_edits_and_exercises_run_on_a_team_database(case, tmp_path, capsys):
    ws, names, _ = case
    dsn = ws.url
    ws.close()  # the CLI opens it itself
    run(capsys, "-w", dsn, "brief", "map", "--for", "internal", "--out", str(tmp_path / "b.html"))
    assert (tmp_path / "b.html").stat().st_size > 10_000
    run(capsys, "-w", dsn, "brief", "tak", "--for", "internal", "--out", str(tmp_path / "t.zip"))
    assert (tmp_path / "t.zip").exists()
    report = json.loads(run(capsys, "-w", dsn, "audit", "report", str(tmp_path / "r.html"), "--json"))
    assert report["written"][0]["entries"] >= 2  # the two briefs, recorded as exports
    zone = names["danger_zone"]["Shelling near open"]
    assert "as version 2" in run(capsys, "-w", dsn, "edit", "--layer", "danger_zone", zone, "--set", "severity=3")
    assert "1 marked" in run(capsys, "-w", dsn, "mark", "--layer", "danger_zone", "--ids", zone, "--tlp", "RED")
    # an exercise is a GeoPackage copy of the team's picture
    run(capsys, "exercise", "init", "--from", dsn, "--name", "Drill", str(tmp_path / "ex.gpkg"))
    with Workspace.open(tmp_path / "ex.gpkg") as exercise:
        assert exercise.get_feature("danger_zone", zone).marking.tlp == TLP.RED
    assert "not an exercise" in run(capsys, "-w", dsn, "exercise", "show")
    # validate checks the database itself (tests/test_postgis_validate.py): the edits above are sound
    assert "no problems" in run(capsys, "-w", dsn, "validate")
