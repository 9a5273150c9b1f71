"""``humanops route``, ``plan evacuation|aid|list|show`` and ``roads check|import-osm`` from the command line."""

from __future__ import annotations

import csv
import json

import pytest
from planning_helpers import DATA, latlon, load, road_names

from humanops.cli import main
from humanops.store.workspace import Workspace


@pytest.fixture
def ladder_path(tmp_path):
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson", "ladder_needs.geojson")
    return str(path)


def run_json(capsys, *argv: str) -> dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_route_json_detours_and_blocking_off_goes_straight(ladder_path, capsys):
    doc = run_json(capsys, "-w", ladder_path, "route", latlon(0, 0), "Shelter C", "--json")
    best = doc["summary"]["routes"][0]
    assert best["status"] == "ok" and road_names(best["roads"])[:2] == ["A-D", "D-E"]
    assert best["geometry"]["type"] == "LineString"
    doc = run_json(capsys, "-w", ladder_path, "route", latlon(0, 0), "Shelter C", "--avoid-severity", "0",
                   "--metric", "length", "--json")
    assert road_names(doc["summary"]["routes"][0]["roads"]) == ["A-B", "B-C"]
    assert doc["summary"]["routes"][0]["mode"] == "length"


def test_route_text_csv_and_save_corridor(ladder_path, capsys, tmp_path):
    out = tmp_path / "routes.csv"
    capsys.readouterr()
    assert main(["-w", ladder_path, "route", latlon(0, 0), latlon(2, 0), "--alternatives", "1",
                 "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["status"] == "ok" and float(rows[0]["length_m"]) > 4000
    assert main(["-w", ladder_path, "route", latlon(0, 0), latlon(2, 0), "--save-corridor", "North detour",
                 "--width", "250"]) == 0
    text = capsys.readouterr().out
    assert "route (fastest)" in text and "saved as proposed corridor" in text
    with Workspace.open(ladder_path) as ws:
        corridor = ws.read_layer("corridor")
    assert corridor["name"].tolist() == ["North detour"] and corridor["width_m"].tolist() == [250]


def test_route_off_network_is_a_result_and_bad_places_are_refused(ladder_path, capsys):
    doc = run_json(capsys, "-w", ladder_path, "route", latlon(0, 0), latlon(0, 5), "--json")
    assert doc["summary"]["status"] == "off_network"
    assert main(["-w", ladder_path, "route", "Atlantis", "Shelter C"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Atlantis" in err and "Traceback" not in err
    assert main(["-w", ladder_path, "route", latlon(0, 0), "Shelter C", "--mode", "scenic"]) == 2


def test_plan_evacuation_and_aid_are_saved_listed_and_shown(ladder_path, capsys, tmp_path):
    doc = run_json(capsys, "-w", ladder_path, "plan", "evacuation", "--at", "2026-03-01T06:00Z", "--json")
    # Shelter B is full; the zone at B blocks the short way, so all 100 go north round it to Shelter C
    assert doc["summary"]["served"] == 100 and doc["summary"]["unserved_by_reason"] == {}
    assert [a["shelter_name"] for a in doc["tables"]["assignments"]] == ["Shelter C"]
    assert doc["tables"]["assignments"][0]["travel_time_s"] > 4 * 1113 / (65 / 3.6)
    assert doc["summary"]["plan_id"] == 1
    out = tmp_path / "aid.csv"
    assert main(["-w", ladder_path, "plan", "aid", "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert {r["need_name"] for r in rows} >= {"Village A"}
    listed = run_json(capsys, "-w", ladder_path, "plan", "list", "--json")
    assert [p["kind"] for p in listed["plans"]] == ["evacuation", "aid"]
    shown = run_json(capsys, "-w", ladder_path, "plan", "show", "2", "--json")
    assert shown["plan"]["kind"] == "aid" and shown["lines"]
    assert main(["-w", ladder_path, "plan", "show", "99"]) == 1


def test_roads_check_and_import_osm(tmp_path, capsys):
    path = str(tmp_path / "osm.gpkg")
    Workspace.create(path).close()
    doc = run_json(capsys, "-w", path, "roads", "import-osm", str(DATA / "sample.osm.pbf"), "--dry-run", "--json")
    assert doc["dry_run"] and doc["segments"] > 0
    with Workspace.open(path) as ws:
        assert ws.count("road") == 0
    assert main(["-w", path, "roads", "import-osm", str(DATA / "bridge_crossing.osm")]) == 0
    assert "imported 7 road segments" in capsys.readouterr().out
    report = run_json(capsys, "-w", path, "roads", "check", "--json")
    assert report["segments"] == 7 and report["components"] == 2   # the tunnel is not joined to the road above
    assert main(["-w", path, "roads", "import-osm", str(tmp_path / "none.osm.pbf")]) == 1
