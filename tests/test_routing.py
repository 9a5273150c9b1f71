"""Routing on the road layer: known answers on the hand-built ladder, degenerate inputs, the demo."""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely
from planning_helpers import DATA, ROAD, UNIT_M, at, latlon, load, read, road_names
from pyproj import Geod

from humanops.analysis.road_graph import RoadGraph
from humanops.analysis.routing import find_routes, route_in_workspace, save_as_corridor
from humanops.errors import AnalysisError


@pytest.fixture(scope="module")
def ladder() -> RoadGraph:
    return RoadGraph.from_frame(read("ladder_roads.geojson"))


def zone_b(severity: int = 5) -> gpd.GeoDataFrame:
    zones = read("ladder_zone_b.geojson")
    zones["severity"] = severity
    return zones


def test_route_detours_round_a_blocking_zone(ladder):
    route = find_routes(ladder, at(0, 0), at(2, 0), zones=zone_b(5))[0]
    assert route.ok
    assert road_names(route.roads) == ["A-D", "D-E", "E-F", "F-C"]
    assert route.length_m == pytest.approx(4 * UNIT_M, rel=0.01)
    assert route.zones == [] and route.danger_m == {}


def test_with_blocking_off_the_route_takes_the_short_way_through_the_zone(ladder):
    route = find_routes(ladder, at(0, 0), at(2, 0), zones=zone_b(5), block_severity=0)[0]
    assert road_names(route.roads) == ["A-B", "B-C"]
    assert route.length_m == pytest.approx(2 * UNIT_M, rel=0.01)
    # the zone is a circle of radius 0.2 units round B: 0.4 units of the route lie inside it
    assert route.danger_m[5] == pytest.approx(0.4 * UNIT_M, rel=0.02)
    assert [z["name"] for z in route.zones] == ["Shelling at B"]


def test_safest_mode_pays_to_avoid_a_non_blocking_zone_and_fastest_does_not(ladder):
    # severity 3: not blocking; its factor (2.5) makes the 2-unit way cost 5 units: the 4-unit detour wins
    fastest = find_routes(ladder, at(0, 0), at(2, 0), zones=zone_b(3), mode="fastest")[0]
    safest = find_routes(ladder, at(0, 0), at(2, 0), zones=zone_b(3), mode="safest")[0]
    assert road_names(fastest.roads) == ["A-B", "B-C"]
    assert road_names(safest.roads) == ["A-D", "D-E", "E-F", "F-C"]
    assert safest.cost > safest.time_s * 0.99   # its roads touch no zone: cost is time


def test_one_way_road_is_used_only_in_its_direction(ladder):
    north = find_routes(ladder, at(1, 0), at(1, 1))[0]
    assert road_names(north.roads) == ["B-E"]
    south = find_routes(ladder, at(1, 1), at(1, 0))[0]
    assert "B-E" not in road_names(south.roads)
    assert south.length_m == pytest.approx(3 * UNIT_M, rel=0.01)


def test_points_between_junctions_route_along_part_of_their_roads(ladder):
    route = find_routes(ladder, at(0.25, 0.001), at(0.75, -0.001))[0]
    assert road_names(route.roads) == ["A-B"]
    assert route.length_m == pytest.approx(0.5 * UNIT_M, rel=0.01)
    assert route.start_snap_m == pytest.approx(0.001 * UNIT_M, rel=0.05)
    coords = shapely.get_coordinates(route.geometry)
    assert coords[0] == pytest.approx(at(0.25, 0), abs=1e-7) and coords[-1] == pytest.approx(at(0.75, 0), abs=1e-7)


def test_length_mode_equals_networkx_shortest_path_on_an_osm_extract():
    from humanops.formats.osm_pbf import read_osm_roads

    roads, _ = read_osm_roads(DATA / "sample.osm.pbf")
    graph = RoadGraph.from_frame(roads)
    roads = roads[roads["road_class"] != "path"]   # drivers keep off footways, paths and steps
    geod = Geod(ellps="WGS84")
    g = nx.DiGraph()
    ends = {}
    for geom, oneway in zip(roads.geometry, roads["oneway"], strict=True):
        a, b = (tuple(np.round(c, 7)) for c in (geom.coords[0], geom.coords[-1]))
        ends[a], ends[b] = geom.coords[0], geom.coords[-1]
        length = geod.geometry_length(geom)
        for u, v in ([(a, b)] if oneway else [(a, b), (b, a)]):
            if not g.has_edge(u, v) or g[u][v]["length"] > length:
                g.add_edge(u, v, length=length)
    largest = max(nx.strongly_connected_components(g), key=len)
    nodes = sorted(largest)
    rng = np.random.default_rng(5)
    checked = 0
    for i, j in rng.integers(0, len(nodes), size=(12, 2)):
        if i == j:
            continue
        expected = nx.shortest_path_length(g, nodes[i], nodes[j], weight="length")
        route = find_routes(graph, ends[nodes[i]], ends[nodes[j]], mode="length")[0]
        assert route.ok
        assert route.length_m == pytest.approx(expected, abs=0.01)
        assert route.cost == pytest.approx(expected, abs=0.01)
        checked += 1
    assert checked >= 8


def test_alternatives_are_different_routes(ladder):
    routes = find_routes(ladder, at(0, 0), at(2, 0), alternatives=2)
    assert [r.rank for r in routes] == list(range(len(routes)))
    assert road_names(routes[0].roads) == ["A-B", "B-C"]
    assert len(routes) >= 2 and set(road_names(routes[1].roads)) >= {"D-E", "E-F"}
    assert routes[1].cost >= routes[0].cost


def test_start_inside_a_blocking_zone_still_leaves_it_with_a_warning(ladder):
    route = find_routes(ladder, at(1.05, 0.005), at(2, 0), zones=zone_b(5))[0]
    assert route.ok and road_names(route.roads) == ["B-C"]
    assert "start lies inside danger zone 'Shelling at B'" in route.warnings[0]


def test_every_way_blocked_is_a_clear_no_path(ladder):
    route = find_routes(ladder, at(0, 0), at(2, 0), zones=read("ladder_zone_wall.geojson"))[0]
    assert route.status == "no_path"
    assert "no safe path" in route.message and "'Front line'" in route.message


def test_point_off_the_network_is_a_result_not_an_exception(ladder):
    route = find_routes(ladder, at(0, 0), at(2, 3))[0]
    assert route.status == "off_network"
    assert "the end is" in route.message and route.end_snap_m > 1000


def test_disconnected_network_and_no_roads_are_clear_results():
    graph = RoadGraph.from_frame(read("noding_roads.geojson"))
    route = find_routes(graph, at(0, 0), at(1, 2))[0]
    assert route.status == "no_path" and "not connected" in route.message
    empty = RoadGraph.from_frame(gpd.GeoDataFrame({"road_class": []}, geometry=gpd.GeoSeries([], crs=4326)))
    assert find_routes(empty, at(0, 0), at(1, 0))[0].status == "no_roads"
    assert empty.noding.segments == 0


def test_noding_report_finds_near_misses_dangling_ends_and_parts():
    report = RoadGraph.from_frame(read("noding_roads.geojson")).noding
    assert report.near_misses == 1
    assert report.near_miss_sample[0]["gap_m"] == pytest.approx(2.0, abs=0.05)
    assert report.components == 3          # the 2 m gap splits the bottom road, plus the northern one
    assert report.dangling_ends == 6
    assert any("near-miss" in p for p in report.problems)


def test_impassable_road_is_not_routed():
    roads = read("ladder_roads.geojson")
    roads.loc[roads["name"] == "B-C", "condition"] = "impassable"
    route = find_routes(RoadGraph.from_frame(roads), at(0, 0), at(2, 0))[0]
    assert "B-C" not in road_names(route.roads)


def test_route_in_workspace_uses_zones_valid_at_the_time_and_saves_a_corridor(workspace):
    from datetime import UTC, datetime

    load(workspace, "ladder_roads.geojson", "ladder_facilities.geojson")
    zone = read("ladder_zone_b.geojson")
    zone["valid_from"], zone["valid_until"] = "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"
    workspace.add_frame("danger_zone", zone)

    during = route_in_workspace(workspace, latlon(0, 0), "Shelter C", at=datetime(2026, 1, 15, tzinfo=UTC))[0]
    after = route_in_workspace(workspace, latlon(0, 0), "Shelter C", at=datetime(2026, 2, 15, tzinfo=UTC))[0]
    assert ROAD["B-C"] not in during.roads and road_names(after.roads) == ["A-B", "B-C"]
    corridor = save_as_corridor(workspace, during, "Detour north", 300, at=datetime(2026, 1, 15, tzinfo=UTC))
    assert corridor.properties["status"] == "proposed" and corridor.properties["width_m"] == 300
    # the detour passes 1.1 km from the zone's centre: its 300 m width keeps clear of the 220 m zone
    assert during.risk == {"risk_score": 0.0, "worst_severity": 0, "length_in_danger_m": 0.0}
    assert "score 0.0/100" in corridor.properties["notes"]
    assert workspace.count("corridor") == 1
    assert corridor.geometry.equals_exact(during.geometry, 1e-9)


def test_places_by_uuid_name_and_clear_errors(workspace):
    load(workspace, "ladder_roads.geojson", "ladder_facilities.geojson")
    by_uuid = route_in_workspace(workspace, "50000000-0000-4000-8000-000000000001", "shelter c")[0]
    assert by_uuid.ok
    with pytest.raises(AnalysisError, match="not a latitude"):
        route_in_workspace(workspace, "128.5,-18.0", "Shelter C")   # lon,lat given: latitude first
    with pytest.raises(AnalysisError, match="neither lat,lon nor a feature uuid"):
        route_in_workspace(workspace, "Atlantis", "Shelter C")


def test_route_operation_through_the_registry(workspace):
    from humanops.analysis.registry import get

    load(workspace, "ladder_roads.geojson", "ladder_zone_b.geojson")
    result = get("route")(workspace, {"start": latlon(0, 0), "end": latlon(2, 0), "alternatives": "1"})
    assert result.summary["status"] == "ok"
    assert len(result.tables["routes"]) >= 1 and result.layer.crs.to_epsg() == 4326


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from humanops.scenario.demo import DEMO_NOW, create_demo_workspace

    ws = create_demo_workspace(tmp_path_factory.mktemp("demo") / "demo.gpkg")
    yield ws, DEMO_NOW
    ws.close()


def test_route_through_the_demo_scenario_avoids_blocking_zones(demo):
    ws, now = demo
    shelters = ws.read_layer("facility", where="facility_type = 'shelter'")
    a, b = shelters.iloc[0], shelters.iloc[-1]
    routes = route_in_workspace(ws, a["uuid"], b["uuid"], mode="safest", at=now, alternatives=1)
    best = routes[0]
    assert best.ok, best.message
    assert best.length_m > 0 and best.time_s > 0
    assert all(z["severity"] < 5 for z in best.zones)   # severity 5 blocks by default
    graph = RoadGraph.from_workspace(ws)
    assert graph.noding.components == 1



def test_route_geometry_follows_each_road_in_travel_order():
    """The route's line is its roads' vertices end to end, the roads digitised against the travel
    direction reversed: no vertex lost, none out of order (checked against the roads one by one)."""
    bend = 0.0002
    lines = [  # a chain west to east, every other road drawn east to west, each with a bend
        shapely.LineString([(30 + 0.01 * i, 0.5), (30 + 0.01 * i + 0.005, 0.5 + bend), (30 + 0.01 * (i + 1), 0.5)])
        for i in range(6)]
    lines = [shapely.reverse(line) if i % 2 else line for i, line in enumerate(lines)]
    graph = RoadGraph.from_frame(gpd.GeoDataFrame({"uuid": [f"r{i}" for i in range(6)], "road_class": "primary"},
                                                  geometry=lines, crs=4326))
    for start, end in (((30.002, 0.5), (30.058, 0.5)), ((30.058, 0.5), (30.002, 0.5))):
        snaps = graph.snap(np.array([start[0], end[0]]), np.array([start[1], end[1]]))
        path = graph.shortest_path(snaps.take([0]), snaps.take([1]), graph.segment_costs("length"))
        assert path is not None and len(path.segs) == 6 and not path.forward[1:-1].all()
        middle = [shapely.get_coordinates(graph.lines_utm(int(s)))[:: 1 if f else -1]
                  for s, f in zip(path.segs[1:-1], path.forward[1:-1], strict=True)]
        expected = np.concatenate(middle)
        expected = expected[np.r_[True, np.any(np.abs(np.diff(expected, axis=0)) > 1e-9, axis=1)]]
        line = shapely.get_coordinates(graph.path_geometry_utm(path))
        assert len(line) == len(expected) + 4   # the first and last roads' part: a bend and an end each
        assert np.allclose(line[2:-2], expected, atol=1e-6)
