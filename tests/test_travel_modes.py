"""Travellers (walk / drive), zones that cover part of a road, near misses, and A* against networkx."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st
from planning_helpers import DATA, at, read

from humanops.analysis.point_to_point import search
from humanops.analysis.road_graph import RoadGraph, split_mode
from humanops.analysis.routing import find_routes
from humanops.errors import AnalysisError
from humanops.formats.osm_pbf import read_osm_roads

HELSINKI = DATA / "helsinki_test.osm.pbf"


@pytest.fixture(scope="module")
def helsinki() -> tuple[gpd.GeoDataFrame, RoadGraph]:
    roads, _ = read_osm_roads(HELSINKI)
    return roads, RoadGraph.from_frame(roads)


def test_modes_are_a_traveller_and_an_objective_and_old_names_drive():
    assert split_mode("safest") == ("drive", "safest")
    assert split_mode("walk") == ("walk", "fastest")
    assert split_mode("walk-safest") == ("walk", "safest")
    with pytest.raises(AnalysisError, match="unknown routing mode"):
        split_mode("fly")


def test_walking_against_a_one_way_street_is_shorter_than_driving_round(helsinki):
    roads, graph = helsinki
    # Hiidenkirnuntie (OSM way 363960525) is one-way for cars; walk its longest segment backwards
    street = roads[(roads["osm_id"] == 363960525) & roads["oneway"]]
    assert len(street) and not street["oneway_foot"].any()
    segment = street.iloc[int(shapely.length(street.geometry.values).argmax())]
    coords = shapely.get_coordinates(segment.geometry)
    start, end = tuple(coords[-1]), tuple(coords[0])
    drive = find_routes(graph, start, end, mode="drive-length")[0]
    walk = find_routes(graph, start, end, mode="walk-length")[0]
    assert drive.ok and walk.ok
    assert walk.length_m < drive.length_m / 2
    along = graph.length_m[np.flatnonzero(graph.seg_name == "Hiidenkirnuntie")]
    assert walk.length_m == pytest.approx(along[np.argmin(np.abs(along - walk.length_m))], rel=1e-6)
    assert walk.time_s > drive.time_s   # on foot, at walking speed


def test_walkers_use_footways_and_shared_cycleways_drivers_do_not(helsinki):
    roads, graph = helsinki
    walk, drive = graph.usable("walk"), graph.usable("drive")
    highway = roads["highway"].to_numpy()
    assert walk[highway == "footway"].all() and not drive[highway == "footway"].any()
    shared = (highway == "cycleway") & (roads["foot"].to_numpy() == "yes")
    assert shared.any() and walk[shared].all() and not drive[highway == "cycleway"].any()
    assert not walk[np.isin(highway, ["motorway", "motorway_link"])].any()


def test_oneway_foot_binds_walkers(tmp_path):
    xml = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
 <node id="1" lat="0.5" lon="30.0"/><node id="2" lat="0.5" lon="30.001"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/><tag k="oneway:foot" v="yes"/></way>
</osm>"""
    path = tmp_path / "oneway_foot.osm"
    path.write_text(xml)
    roads, _ = read_osm_roads(path)
    graph = RoadGraph.from_frame(roads)
    assert find_routes(graph, (30.0, 0.5), (30.001, 0.5), mode="walk")[0].ok
    assert "one-way" in find_routes(graph, (30.001, 0.5), (30.0, 0.5), mode="walk")[0].message


def test_a_zone_covering_part_of_a_road_cuts_it_at_its_edge():
    # one road A-B-C; a blocking zone over the middle of B-C: a place on B-C just before the zone is
    # still reached from A (the road is cut at the zone's edge), a place beyond it is not
    roads = gpd.GeoDataFrame({"uuid": ["ab", "bc"], "road_class": ["residential"] * 2},
                             geometry=[shapely.LineString([at(0, 0), at(1, 0)]),
                                       shapely.LineString([at(1, 0), at(2, 0)])], crs=4326)
    graph = RoadGraph.from_frame(roads)
    zone = gpd.GeoDataFrame({"uuid": ["z"], "name": ["shelling"], "severity": [5]},
                            geometry=[shapely.Point(at(1.5, 0)).buffer(0.001)], crs=4326)
    outside = find_routes(graph, at(0, 0), at(1.2, 0), zones=zone)[0]
    assert outside.ok and outside.length_m == pytest.approx(1.2 * 1113.2, rel=0.01)
    assert not outside.zones and not outside.warnings
    beyond = find_routes(graph, at(0, 0), at(1.8, 0), zones=zone)[0]
    assert beyond.status == "no_path" and "no safe path" in beyond.message


def test_near_miss_is_between_distinct_roads_not_joined_nearby():
    report = RoadGraph.from_frame(read("noding_roads.geojson")).noding
    assert report.near_misses == 1
    near = report.near_miss_sample[0]
    assert near["road"] and near["other_road"] and near["road"] != near["other_road"]
    # a 3 m road: its two ends are within the near-miss distance but joined by itself
    short = gpd.GeoDataFrame({"uuid": ["long", "short"], "road_class": ["residential"] * 2},
                             geometry=[shapely.LineString([at(0, 0), at(1, 0)]),
                                       shapely.LineString([at(1, 0), (at(1, 0)[0] + 0.000027, at(1, 0)[1])])],
                             crs=4326)
    assert RoadGraph.from_frame(short).noding.near_misses == 0


def _random_grid(rng: np.random.Generator, n: int) -> gpd.GeoDataFrame:
    xs, ys = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    pts = np.column_stack([xs.ravel(), ys.ravel()]) * 0.002 + (30.0, 0.5)
    pts = pts + rng.uniform(-0.0004, 0.0004, pts.shape)
    idx = np.arange(n * n).reshape(n, n)
    pairs = np.concatenate([np.column_stack([idx[:-1].ravel(), idx[1:].ravel()]),
                            np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()])])
    pairs = pairs[rng.random(len(pairs)) < 0.85]
    classes = np.array(["primary", "residential", "track", "service"], dtype=object)
    return gpd.GeoDataFrame({
        "uuid": [f"r{i}" for i in range(len(pairs))],
        "road_class": classes[rng.integers(0, len(classes), len(pairs))],
        "oneway": rng.random(len(pairs)) < 0.25,
    }, geometry=shapely.linestrings(np.stack([pts[pairs[:, 0]], pts[pairs[:, 1]]], axis=1)), crs=4326)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), mode=st.sampled_from(["fastest", "length", "walk", "drive-safest"]),
       change=st.sampled_from(["none", "blocked", "raised", "lowered"]))
@example(seed=8114, mode="fastest", change="blocked")  # a start whose every arc is blocked
def test_astar_cost_equals_networkx_on_random_graphs(seed, mode, change):
    """ALT search = networkx's least cost, with arcs blocked or made dearer (bounds hold) or cheaper
    than the landmarks' base costs (bounds dropped), several queries on one graph (landmarks kept)."""
    rng = np.random.default_rng(seed)
    roads = _random_grid(rng, int(rng.integers(3, 9)))
    graph = RoadGraph.from_frame(roads)
    costs = graph.segment_costs(mode)   # read-only (kept for the next query): changed on copies
    costs = dataclasses.replace(costs, fwd=costs.fwd.copy(), bwd=costs.bwd.copy())
    if change == "blocked":   # as a blocking zone does: arcs removed
        gone = rng.random(graph.n_seg) < 0.2
        costs.fwd[gone] = np.inf
        costs.bwd[gone] = np.inf
    elif change == "raised":   # severity factors, alternative penalties
        costs.fwd *= rng.uniform(1.0, 4.0, graph.n_seg)
        costs.bwd *= rng.uniform(1.0, 4.0, graph.n_seg)
    elif change == "lowered":   # one-way ignored (as _why_no_path asks): below the base costs
        costs.bwd = costs.fwd.copy()
    arc = graph.arc_costs(costs)
    g = nx.DiGraph()
    keep = np.isfinite(arc)
    g.add_weighted_edges_from(zip(graph.arc_tail[keep].tolist(), graph.arc_head[keep].tolist(), arc[keep].tolist(),
                                  strict=True))
    for u, v in rng.integers(0, graph.n_nodes, size=(6, 2)):
        found = search(graph, costs, arc, np.array([u]), np.array([0.0]), np.array([v]), np.array([0.0]))
        try:
            expected = nx.shortest_path_length(g, int(u), int(v), weight="weight")
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            expected = 0.0 if u == v else np.inf
        if np.isfinite(expected):
            assert found.cost == pytest.approx(expected, rel=1e-9, abs=1e-9)
        else:
            assert found.cost == np.inf
    # two ends with legs (a place on a segment): the cheaper arrival, as networkx via a virtual end
    u, a, b = (int(x) for x in rng.integers(0, graph.n_nodes, size=3))
    legs = rng.uniform(0.0, 50.0, 2)
    found = search(graph, costs, arc, np.array([u]), np.array([0.0]), np.array([a, b]), legs)
    g.add_weighted_edges_from([(a, "end", float(legs[0])), (b, "end", float(legs[1]))] if a != b
                              else [(a, "end", float(legs.min()))])   # one end twice: the cheaper leg
    try:
        expected = nx.shortest_path_length(g, u, "end", weight="weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):  # the start's every arc blocked: not in g at all
        expected = np.inf
    assert found.cost == pytest.approx(expected, rel=1e-9, abs=1e-9)
