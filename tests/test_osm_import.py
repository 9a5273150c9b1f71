"""OpenStreetMap import: ways split at shared nodes only, never noded planarly; tags kept."""

from __future__ import annotations

import numpy as np
import osmium
import pytest
import shapely
from planning_helpers import DATA

from humanops.analysis.road_graph import RoadGraph
from humanops.analysis.routing import find_routes
from humanops.errors import FormatError
from humanops.formats.osm_pbf import import_osm_roads, read_osm_roads

SAMPLE = DATA / "sample.osm.pbf"
BRIDGE = DATA / "bridge_crossing.osm"


def shared_node_locations(path) -> set[tuple[float, float]]:
    """Independently of the importer: locations of nodes used by two or more highway ways (or twice by one)."""
    uses: dict[int, int] = {}
    where: dict[int, tuple[float, float]] = {}
    for way in osmium.FileProcessor(str(path)).with_locations().with_filter(osmium.filter.KeyFilter("highway")):
        if way.is_way():
            for node in way.nodes:
                uses[node.ref] = uses.get(node.ref, 0) + 1
                where[node.ref] = (round(node.lon, 7), round(node.lat, 7))
    return {where[n] for n, count in uses.items() if count > 1}


def test_sample_extract_is_split_exactly_at_shared_nodes():
    roads, report = read_osm_roads(SAMPLE)
    assert report.ways_kept == 36 and report.segments == len(roads) > report.ways_kept
    shared = shared_node_locations(SAMPLE)
    coords, index = shapely.get_coordinates(roads.geometry.values, return_index=True)
    first = np.r_[True, index[1:] != index[:-1]]
    last = np.r_[index[1:] != index[:-1], True]
    interior = {(round(x, 7), round(y, 7)) for x, y in coords[~first & ~last]}
    ends = {(round(x, 7), round(y, 7)) for x, y in coords[first | last]}
    assert not interior & shared          # no segment runs through a junction
    assert shared <= ends                 # every junction ends segments
    assert set(roads["road_class"]) <= {"motorway", "secondary", "tertiary", "residential", "service", "path"}
    assert roads["osm_id"].notna().all() and roads.crs.to_epsg() == 4326


def test_bridge_over_a_road_is_not_a_junction():
    roads, report = read_osm_roads(BRIDGE)
    bridge = roads[roads["name"] == "High Bridge"]
    assert len(bridge) == 1 and bool(bridge["bridge"].iloc[0]) and "layer 1" in bridge["notes"].iloc[0]
    assert len(roads[roads["osm_id"] == 1]) == 2       # the main road is split at the side road only (node 11)
    assert roads.loc[roads["osm_id"] == 5, "tunnel"].all()
    assert report.skipped_highway == {"platform": 1}
    graph = RoadGraph.from_frame(roads)
    # from the bridge's south end to the road's east end: over the bridge and round by the detour
    # (about 3.3 km), never down from the bridge onto the road below (1.1 km)
    route = find_routes(graph, (30.005, 0.495), (30.010, 0.500), mode="length")[0]
    assert route.ok and route.length_m > 3000


def test_oneway_minus_one_reverses_the_way_and_tags_map_to_the_road_kind():
    roads, _ = read_osm_roads(BRIDGE)
    way4 = roads[roads["osm_id"] == 4].iloc[0]
    assert bool(way4["oneway"]) and shapely.get_coordinates(way4.geometry)[0] == pytest.approx((30.015, 0.5))
    graph = RoadGraph.from_frame(roads)
    assert find_routes(graph, (30.015, 0.5), (30.010, 0.5))[0].ok
    assert "one-way" in find_routes(graph, (30.010, 0.5), (30.015, 0.5))[0].message
    main = roads[roads["osm_id"] == 1]
    assert set(main["surface"]) == {"paved"} and set(main["road_class"]) == {"primary"}
    assert roads.loc[roads["osm_id"] == 3, "surface"].iloc[0] == "unpaved"
    assert roads.loc[roads["osm_id"] == 6, "condition"].iloc[0] == "impassable"


def test_import_into_a_workspace_and_dry_run_changes_nothing(workspace, snapshot):
    before = snapshot(workspace.path)
    report = import_osm_roads(workspace, SAMPLE, dry_run=True)
    assert report.segments > 0 and snapshot(workspace.path) == before
    report = import_osm_roads(workspace, SAMPLE)
    assert workspace.count("road") == report.segments
    stored = workspace.read_layer("road")
    assert stored["osm_id"].notna().all() and set(stored["tlp"]) == {"GREEN"}


def test_bad_file_is_a_format_error_and_changes_nothing(workspace, snapshot, tmp_path):
    bad = tmp_path / "broken.osm.pbf"
    bad.write_bytes(b"this is not a protocol buffer" * 20)
    before = snapshot(workspace.path)
    with pytest.raises(FormatError) as info:
        import_osm_roads(workspace, bad)
    assert "broken.osm.pbf" in str(info.value)
    with pytest.raises(FormatError, match="no such file"):
        import_osm_roads(workspace, tmp_path / "missing.osm.pbf")
    assert snapshot(workspace.path) == before
