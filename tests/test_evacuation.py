"""Evacuation plans on the hand-built ladder: capacities, priorities, horizon, blocked ways, saving."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import geopandas as gpd
import pytest
import shapely
from planning_helpers import at, load, read

from humanops.analysis.evacuation import plan_evacuation, plan_evacuation_in_workspace
from humanops.analysis.plans import list_plans, read_plan
from humanops.analysis.road_graph import RoadGraph
from humanops.analysis.routing import find_routes

T0 = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ladder() -> RoadGraph:
    return RoadGraph.from_frame(read("ladder_roads.geojson"))


@pytest.fixture
def needs() -> gpd.GeoDataFrame:
    return read("ladder_needs.geojson")


@pytest.fixture
def facilities() -> gpd.GeoDataFrame:
    return read("ladder_facilities.geojson")


def by_name(frame, name):
    return frame[frame["name"] == name].iloc[0]


def test_a_full_shelter_sends_people_to_the_next(ladder, needs, facilities):
    plan = plan_evacuation(ladder, needs, facilities, at=T0)
    assert plan.summary["served"] == 100 and plan.summary["unserved"] == 0
    assert list(plan.assignments["shelter_name"]) == ["Shelter C"]
    assert by_name(plan.shelters, "Shelter B")["status"] == "full"
    assert by_name(plan.shelters, "Shelter C")["assigned"] == 100
    assert "Closed school D" not in set(plan.shelters["name"])


def test_too_little_room_leaves_people_reported_as_no_capacity(ladder, needs, facilities):
    facilities.loc[facilities["name"] == "Shelter C", "capacity"] = 80   # 20 there already: room for 60
    plan = plan_evacuation(ladder, needs, facilities, at=T0)
    village = by_name(plan.sources, "Village A")
    assert (village["served"], village["unserved"], village["reason"]) == (60, 40, "no capacity")
    assert plan.summary["unserved_by_reason"] == {"no capacity": 40}


def test_the_more_severe_need_is_served_first_even_if_farther(ladder, needs, facilities):
    facilities.loc[facilities["name"] == "Shelter C", "capacity"] = 80
    needs.loc[needs["name"] == "Village F", ["to_evacuate", "severity_phase"]] = [50, 2]   # nearer to C, phase 2
    plan = plan_evacuation(ladder, needs, facilities, at=T0)
    assert by_name(plan.sources, "Village A")["served"] == 60      # phase 4
    assert by_name(plan.sources, "Village F")["served"] == 0
    assert by_name(plan.sources, "Village F")["reason"] == "no capacity"


def test_arrival_is_the_route_time_plus_the_walk_to_and_from_the_road(ladder, needs, facilities):
    plan = plan_evacuation(ladder, needs, facilities, at=T0)
    row = plan.assignments.iloc[0]
    route = find_routes(ladder, at(0, 0.02), at(2, -0.02), mode="safest")[0]
    walk = (route.start_snap_m + route.end_snap_m) / (4.0 / 3.6)
    assert row["travel_time_s"] == pytest.approx(route.time_s + walk, abs=0.5)
    assert row["arrival"] == pytest.approx(T0 + timedelta(seconds=route.time_s + walk), abs=timedelta(seconds=1))
    line = row.geometry
    assert line.geom_type == "LineString"
    assert shapely.get_coordinates(line)[0] == pytest.approx(at(0, 0.02), abs=1e-6)


def test_blocked_ways_horizon_and_off_network_are_reasons_not_errors(ladder, needs, facilities):
    wall = read("ladder_zone_wall.geojson")
    blocked = plan_evacuation(ladder, needs, facilities, zones=wall, at=T0)
    assert by_name(blocked.sources, "Village A")["reason"] == "no safe path"
    assert blocked.summary["served"] == 0
    quick = plan_evacuation(ladder, needs, facilities, at=T0, horizon_h=0.01)
    assert by_name(quick.sources, "Village A")["reason"] == "beyond horizon"
    needs.loc[needs["name"] == "Village A", "geometry"] = shapely.Point(at(0, 3))
    far = plan_evacuation(ladder, needs, facilities, at=T0)
    assert by_name(far.sources, "Village A")["reason"] == "off network"


def test_zero_capacity_and_no_roads_give_clear_results(ladder, needs, facilities):
    facilities["occupancy"] = facilities["capacity"]
    full = plan_evacuation(ladder, needs, facilities, at=T0)
    assert by_name(full.sources, "Village A")["reason"] == "no shelter"
    empty = RoadGraph.from_frame(gpd.GeoDataFrame({"road_class": []}, geometry=gpd.GeoSeries([], crs=4326)))
    none = plan_evacuation(empty, needs, read("ladder_facilities.geojson"), at=T0)
    assert none.summary["served"] == 0 and any("road layer is empty" in w for w in none.summary["warnings"])


def test_a_source_inside_a_blocking_zone_is_named(ladder, needs, facilities):
    needs.loc[needs["name"] == "Village A", "geometry"] = shapely.Point(at(1.05, 0.01))
    zone = read("ladder_zone_b.geojson")
    zone["geometry"] = shapely.box(*at(0.9, -0.3), *at(1.3, 0.3))
    plan = plan_evacuation(ladder, needs, facilities, zones=zone, at=T0)
    village = by_name(plan.sources, "Village A")
    assert village["reason"] == "no safe path" and "inside danger zone 'Shelling at B'" in village["detail"]


def test_corridor_capacity_limits_who_can_pass(ladder, needs, facilities):
    corridor = gpd.GeoDataFrame({"name": ["Northern corridor"], "status": ["open"], "width_m": [300.0],
                                 "capacity_pph": [10]},
                                geometry=[shapely.LineString([at(0, 0), at(0, 1), at(2, 1), at(2, 0)])], crs=4326)
    zone = read("ladder_zone_b.geojson")   # severity 5 at B: everyone must take the northern way
    plan = plan_evacuation(ladder, needs, facilities, zones=zone, corridors=corridor, at=T0, horizon_h=2)
    village = by_name(plan.sources, "Village A")
    assert (village["served"], village["reason"]) == (20, "corridor capacity")   # 10 people/h x 2 h
    assert plan.summary["solver"] == "highs-lp"
    free = plan_evacuation(ladder, needs, facilities, zones=zone, at=T0, horizon_h=2)
    assert by_name(free.sources, "Village A")["served"] == 100


def test_plan_is_saved_in_the_workspace_and_readable(workspace):
    load(workspace, "ladder_roads.geojson", "ladder_facilities.geojson", "ladder_needs.geojson")
    plan = plan_evacuation_in_workspace(workspace, at=T0)
    assert plan.plan_id is not None and plan.summary["plan_id"] == plan.plan_id
    saved, lines, outcomes = read_plan(workspace, plan.plan_id)
    assert saved["kind"] == "evacuation" and saved["summary"]["served"] == 100
    assert len(lines) == 1 and lines["quantity"].iloc[0] == 100 and lines.geometry.iloc[0] is not None
    assert set(outcomes["role"]) == {"source", "shelter"}
    assert [p["id"] for p in list_plans(workspace, "evacuation")] == [plan.plan_id]
    not_saved = plan_evacuation_in_workspace(workspace, at=T0, save=False)
    assert not_saved.plan_id is None and len(list_plans(workspace)) == 1
    assert "Evacuation plan" in plan.text() and "Village A" in plan.text()


def test_plan_lines_open_as_a_geopackage_layer(workspace):
    import pyogrio

    load(workspace, "ladder_roads.geojson", "ladder_facilities.geojson", "ladder_needs.geojson")
    plan_evacuation_in_workspace(workspace, at=T0)
    workspace.close()
    layers = dict(pyogrio.list_layers(workspace.path))
    assert layers["humanops_plan_lines"] == "LineString"
    lines = pyogrio.read_dataframe(workspace.path, layer="humanops_plan_lines")
    assert len(lines) == 1 and lines.crs.to_epsg() == 4326
