"""The point-to-point search in rounds (humanops.analysis.point_to_point): equal to networkx on small random
networks whatever the rounds' limits, with a path that costs what it says, ends that cannot be reached,
and the last round without a limit."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import scipy.sparse.csgraph
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from humanops.analysis import point_to_point
from humanops.analysis.point_to_point import search
from humanops.analysis.road_graph import RoadGraph, _trace


def _grid(rng: np.random.Generator, n: int, keep: float = 0.85) -> gpd.GeoDataFrame:
    xs, ys = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    pts = np.column_stack([xs.ravel(), ys.ravel()]) * 0.002 + (30.0, 0.5)
    pts = pts + rng.uniform(-0.0004, 0.0004, pts.shape)
    idx = np.arange(n * n).reshape(n, n)
    pairs = np.concatenate([np.column_stack([idx[:-1].ravel(), idx[1:].ravel()]),
                            np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()])])
    pairs = pairs[rng.random(len(pairs)) < keep]
    classes = np.array(["primary", "residential", "track", "service"], dtype=object)
    return gpd.GeoDataFrame({
        "uuid": [f"r{i}" for i in range(len(pairs))],
        "road_class": classes[rng.integers(0, len(classes), len(pairs))],
        "oneway": rng.random(len(pairs)) < 0.25,
    }, geometry=shapely.linestrings(np.stack([pts[pairs[:, 0]], pts[pairs[:, 1]]], axis=1)), crs=4326)


@pytest.fixture
def rounds(monkeypatch) -> list[float]:
    """The limit of every round of every search (scipy's Dijkstra as the search calls it); the nodes
    each reached in ``reached``."""
    seen: list[float] = []
    real = scipy.sparse.csgraph.dijkstra

    def counted(*args, **kwargs):
        out = real(*args, **kwargs)
        if kwargs.get("return_predecessors"):   # the search's (landmarks are built without)
            seen.append(kwargs.get("limit", np.inf))
            reached.append(int(np.isfinite(out[0]).sum()))
        return out

    monkeypatch.setattr(scipy.sparse.csgraph, "dijkstra", counted)
    return seen


reached: list[int] = []


def _path_cost(graph: RoadGraph, found, arc: np.ndarray, sources, source_legs, target_legs) -> float:
    """What the predecessor tree's path from the virtual start to the end costs, arc by arc."""
    nodes = _trace(found.pred, found.node, graph.n_total)
    first = nodes[1]
    inner = graph.arc_ids(nodes[1:-1], nodes[2:])
    assert (inner >= 0).all(), "the path uses an arc the network does not have"
    leg_in = float(np.min(np.asarray(source_legs)[np.asarray(sources) == first]))
    return leg_in + float(arc[inner].sum()) + float(target_legs[found.target_index])


def _expected(g: nx.DiGraph, u: int, ends: dict[int, float]) -> float:
    h = g.copy()
    h.add_weighted_edges_from([(t, "end", leg) for t, leg in ends.items() if np.isfinite(leg)])
    try:
        return float(nx.shortest_path_length(h, u, "end", weight="weight"))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return np.inf


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000), mode=st.sampled_from(["fastest", "length", "walk", "drive-safest"]),
       change=st.sampled_from(["none", "blocked", "raised"]), first_gap=st.sampled_from([0.0, 0.002, 0.05, 1.0]),
       margin=st.sampled_from([0.0, 0.01]), max_rounds=st.sampled_from([2, 3, 16]))
def test_search_in_rounds_equals_networkx(seed, mode, change, first_gap, margin, max_rounds):
    """Whatever the rounds' limits (a first limit at the bound itself: many rounds; a last round cut
    short: no limit), the least cost is networkx's, and the path traced back costs exactly that."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(point_to_point, "_FIRST_GAP", first_gap)
        mp.setattr(point_to_point, "_MIN_GAP", min(first_gap, 0.002))
        mp.setattr(point_to_point, "_MARGIN", margin)
        mp.setattr(point_to_point, "_MAX_ROUNDS", max_rounds)
        mp.setattr(point_to_point, "_START_ROOM", 4)   # the start row grows past its kept room
        rng = np.random.default_rng(seed)
        graph = RoadGraph.from_frame(_grid(rng, int(rng.integers(4, 11))))
        graph._astar_gaps = []
        costs = graph.segment_costs(mode)
        costs = dataclasses.replace(costs, fwd=costs.fwd.copy(), bwd=costs.bwd.copy())
        if change == "blocked":
            gone = rng.random(graph.n_seg) < 0.2
            costs.fwd[gone] = np.inf
            costs.bwd[gone] = np.inf
        elif change == "raised":
            costs.fwd *= rng.uniform(1.0, 4.0, graph.n_seg)
            costs.bwd *= rng.uniform(1.0, 4.0, graph.n_seg)
        arc = graph.arc_costs(costs)
        g = nx.DiGraph()
        keep = np.isfinite(arc)
        g.add_weighted_edges_from(zip(graph.arc_tail[keep].tolist(), graph.arc_head[keep].tolist(),
                                      arc[keep].tolist(), strict=True))
        for _ in range(4):
            u, a, b = (int(x) for x in rng.integers(0, graph.n_nodes, size=3))
            legs = rng.uniform(0.0, 50.0, 2)
            if rng.random() < 0.3:
                legs[1] = np.inf   # one way onto the end's segment closed
            found = search(graph, costs, arc, np.array([u]), np.array([0.0]), np.array([a, b]), legs)
            ends = {a: float(legs[0])} if a == b else {a: float(legs[0]), b: float(legs[1])}
            if a == b:
                ends[a] = float(np.min(legs))
            expected = _expected(g, u, ends)
            if np.isfinite(expected):
                assert found.cost == pytest.approx(expected, rel=1e-9, abs=1e-9)
                assert _path_cost(graph, found, arc, [u], [0.0], legs) == pytest.approx(found.cost, rel=1e-9,
                                                                                        abs=1e-9)
            else:
                assert found.cost == np.inf and found.node == -1


def _two_islands(rng: np.random.Generator) -> tuple[RoadGraph, np.ndarray, int, int]:
    left = _grid(rng, 12, keep=1.0)
    right = left.copy()
    right["uuid"] = [f"q{i}" for i in range(len(right))]
    right["geometry"] = shapely.transform(right.geometry.values, lambda c: c + np.array([0.1, 0.0]))
    graph = RoadGraph.from_frame(gpd.GeoDataFrame(pd_concat([left, right]), crs=4326))
    costs = graph.segment_costs("fastest")
    xy = graph.node_xy
    west = int(np.argmin(xy[:, 0]))
    east = int(np.argmax(xy[:, 0]))
    return graph, graph.arc_costs(costs), west, east


def pd_concat(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


def test_an_end_on_another_island_is_unreachable_and_the_search_stops(rounds):
    graph, arc, west, east = _two_islands(np.random.default_rng(1))
    costs = graph.segment_costs("fastest")
    found = search(graph, costs, arc, np.array([west]), np.array([0.0]), np.array([east]), np.array([0.0]))
    assert found.cost == np.inf and found.node == -1
    # the landmarks lie on one island: either they prove it at once (no search), or the rounds end when
    # nothing more can be reached, never by running all _MAX_ROUNDS
    assert len(rounds) < point_to_point._MAX_ROUNDS


def test_a_search_that_starts_below_the_cost_goes_on_in_rounds_and_settles_nodes_once(rounds, monkeypatch):
    rng = np.random.default_rng(7)
    graph = RoadGraph.from_frame(_grid(rng, 50, keep=1.0))
    costs = graph.segment_costs("fastest")
    # dearer than the landmarks' base costs at random (as danger zones make them): the bound is loose
    costs = dataclasses.replace(costs, fwd=costs.fwd * rng.uniform(1.0, 2.0, graph.n_seg),
                                bwd=costs.bwd * rng.uniform(1.0, 2.0, graph.n_seg))
    arc = graph.arc_costs(costs)
    xy = graph.node_xy
    u = int(np.argmin(xy[:, 0] + xy[:, 1]))
    v = int(np.argmax(xy[:, 0] + xy[:, 1]))
    one_round = search(graph, costs, arc, np.array([u]), np.array([0.0]), np.array([v]), np.array([0.0]))
    monkeypatch.setattr(point_to_point, "_FIRST_GAP", 0.0)
    monkeypatch.setattr(point_to_point, "_MARGIN", 0.0)
    monkeypatch.setattr(point_to_point, "_MIN_GAP", 1e-4)
    graph._astar_gaps = []
    rounds.clear()
    reached.clear()
    found = search(graph, costs, arc, np.array([u]), np.array([0.0]), np.array([v]), np.array([0.0]))
    assert len(rounds) > 2 and rounds == sorted(rounds)
    assert found.cost == pytest.approx(one_round.cost, rel=1e-12)
    assert found.node == one_round.node
    # rounds go on from the edge of what is settled (closed behind it): the nodes the rounds reach, added
    # up, are those of one search to the last limit, plus each round's edge again
    work = sum(reached)
    rounds.clear()
    reached.clear()
    graph._astar_gaps = []
    monkeypatch.setattr(point_to_point, "_FIRST_GAP", 10.0)
    again = search(graph, costs, arc, np.array([u]), np.array([0.0]), np.array([v]), np.array([0.0]))
    assert len(rounds) == 1 and found.settled <= again.settled
    assert work < 1.2 * found.settled
    assert _path_cost(graph, found, arc, [u], [0.0], np.array([0.0])) == pytest.approx(found.cost, rel=1e-9)
