"""Hit testing and snapping (humanops.viewmodel.hit_testing, .snapping) without Qt, on small layers
made of shapely arrays shaped as the canvas's snapshots (humanops.viewmodel.drawn_layers.DrawnLayer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import shapely
from loaded_modules import loaded_after

from humanops.viewmodel.hit_testing import PickCycle, features_at, features_in_box, prefer_layer
from humanops.viewmodel.map_view import MapView
from humanops.viewmodel.snapping import SnapSettings, snap_point


@dataclass(frozen=True)
class Kind:
    name: str
    geometry: str


class Layer:
    """A layer as the map holds it (map CRS metres), with a validity per row when ``valid`` is given."""

    def __init__(self, name: str, geometry: str, geoms: list[Any], marker_px: float = 10.0,
                 valid: list[bool] | None = None) -> None:
        self.name = name
        self.kind = Kind(name, geometry)
        self.geoms = np.asarray(geoms, dtype=object)
        self.uuids = np.asarray([f"{name}-{i}" for i in range(len(geoms))], dtype=object)
        self.is_points = geometry == "Point"
        self.extents = self.geoms
        self.tree = shapely.STRtree(self.geoms)
        self.marker_sizes = np.full(len(geoms), marker_px)
        self.point_xy = shapely.get_coordinates(self.geoms) if self.is_points else np.empty((0, 2))
        self._valid = None if valid is None else np.asarray(valid, dtype=bool)

    def __len__(self) -> int:
        return len(self.geoms)

    def rows_in_box(self, minx: float, miny: float, maxx: float, maxy: float) -> np.ndarray:
        return np.sort(self.tree.query(shapely.box(minx, miny, maxx, maxy)))

    def valid_at(self, at_ns: int | None) -> np.ndarray | None:
        return None if at_ns is None else self._valid

    def uuids_of(self, rows: np.ndarray) -> list[str | None]:
        return [str(u) for u in self.uuids[rows]]


def square(x: float, y: float, half: float) -> shapely.Polygon:
    return shapely.box(x - half, y - half, x + half, y + half)


RESOLUTION = 1.0  # a metre a pixel


# --- what a click hits, in the order it picks ------------------------------------------------------
def test_a_marker_comes_before_the_areas_it_is_in_and_the_smaller_area_first() -> None:
    needs = Layer("need", "Point", [shapely.Point(0, 0)])
    zones = Layer("danger_zone", "Polygon", [square(0, 0, 500), square(0, 0, 50)])
    roads = Layer("road", "LineString", [shapely.LineString([(-100, 2), (100, 2)])])
    hits = features_at([roads, zones, needs], 0, 0, RESOLUTION, 4.0, None)
    assert hits == [("need", "need-0"), ("danger_zone", "danger_zone-1"), ("danger_zone", "danger_zone-0"),
                    ("road", "road-0")]


def test_a_point_is_hit_anywhere_on_its_marker_and_nothing_beyond_the_tolerance() -> None:
    needs = Layer("need", "Point", [shapely.Point(0, 0)], marker_px=20.0)
    assert features_at([needs], 13, 0, RESOLUTION, 4.0, None) == [("need", "need-0")]  # 10 px radius + 4
    assert features_at([needs], 15, 0, RESOLUTION, 4.0, None) == []


def test_the_time_filter_leaves_out_features_not_valid_then() -> None:
    zones = Layer("danger_zone", "Polygon", [square(0, 0, 50), square(0, 0, 80)], valid=[False, True])
    assert features_at([zones], 0, 0, RESOLUTION, 4.0, None) == [("danger_zone", "danger_zone-0"),
                                                               ("danger_zone", "danger_zone-1")]
    assert features_at([zones], 0, 0, RESOLUTION, 4.0, at_ns=1) == [("danger_zone", "danger_zone-1")]
    assert features_in_box([zones], (-10, -10, 10, 10), at_ns=1) == {"danger_zone": {"danger_zone-1"}}


def test_a_rectangle_selects_what_it_touches() -> None:
    needs = Layer("need", "Point", [shapely.Point(0, 0), shapely.Point(500, 500)])
    roads = Layer("road", "LineString", [shapely.LineString([(-100, 50), (100, 50)])])
    assert features_in_box([needs, roads], (-10, -10, 10, 60), None) == {"need": {"need-0"}, "road": {"road-0"}}
    assert features_in_box([needs, roads], (1000, 1000, 1100, 1100), None) == {}


@dataclass(frozen=True)
class Hit:
    rows: np.ndarray
    distance: np.ndarray

    @property
    def count(self) -> int:
        return len(self.rows)


class Clusters:
    """Cluster rules that say every point layer is clustered and the cluster under a click holds ``rows``."""

    LIST_UP_TO = 2

    def __init__(self, rows: list[int]) -> None:
        self.rows = np.asarray(rows, dtype=np.int64)
        self.asked = 0

    def is_clustered(self, snapshot: Any, view: Any, at_ns: int | None) -> bool:
        self.asked += 1
        return snapshot.is_points

    def cluster_under(self, snapshot: Any, x: float, y: float, view: Any, tolerance_px: float,
                      at_ns: int | None) -> Hit | None:
        return Hit(self.rows, np.zeros(len(self.rows))) if len(self.rows) else None


def test_a_clustered_layer_is_hit_as_its_clusters_a_small_one_listed_a_large_one_not() -> None:
    needs = Layer("need", "Point", [shapely.Point(i * 1000, 0) for i in range(4)])
    view = MapView.world(800, 600)
    small = Clusters([2, 3])  # far from the click, but in the cluster under it
    assert features_at([needs], 0, 0, RESOLUTION, 4.0, None, view=view, clusters=small) == [
        ("need", "need-2"), ("need", "need-3")]
    assert features_at([needs], 0, 0, RESOLUTION, 4.0, None, view=view, clusters=Clusters([0, 1, 2])) == []
    unasked = Clusters([2])
    assert features_at([needs], 0, 0, RESOLUTION, 4.0, None, clusters=unasked) == [("need", "need-0")]  # no view
    assert unasked.asked == 0


def test_clicks_at_the_same_place_go_round_the_stack_while_the_pick_stays_selected() -> None:
    cycle = PickCycle(same_place_px=3)
    hits = [("need", "a"), ("danger_zone", "b")]
    assert cycle.pick(hits, 0, 0, 1.0, None) == 0
    assert cycle.pick(hits, 1, 1, 1.0, ("need", "a")) == 1
    assert cycle.pick(hits, 1, 1, 1.0, ("danger_zone", "b")) == 0  # round to the first
    assert cycle.pick(hits, 50, 50, 1.0, ("need", "a")) == 0  # elsewhere: the first again
    assert cycle.pick([], 0, 0, 1.0, None) is None


def test_the_active_layer_comes_first() -> None:
    hits = [("need", "a"), ("danger_zone", "b"), ("need", "c")]
    assert prefer_layer(hits, "danger_zone") == [("danger_zone", "b"), ("need", "a"), ("need", "c")]
    assert prefer_layer(hits, None) == hits


# --- snapping -------------------------------------------------------------------------------------
def test_a_vertex_within_the_tolerance_wins_then_a_road_then_nothing() -> None:
    zones = Layer("danger_zone", "Polygon", [square(0, 0, 100)])
    roads = Layer("road", "LineString", [shapely.LineString([(-1000, 300), (1000, 300)])])
    settings = SnapSettings(tolerance_px=10.0)
    vertex = snap_point(105, 96, RESOLUTION, [(zones, None)], roads, settings)
    assert (vertex.x, vertex.y, vertex.kind, vertex.uuid) == (100.0, 100.0, "vertex", "danger_zone-0")
    road = snap_point(40, 305, RESOLUTION, [(zones, None)], roads, settings)
    assert (road.x, road.y, road.kind, road.layer) == (40.0, 300.0, "road", "road")
    loose = snap_point(40, 200, RESOLUTION, [(zones, None)], roads, settings)
    assert not loose.snapped and (loose.x, loose.y) == (40, 200)


@pytest.mark.parametrize(("how", "lands_on"), [("edited", "road"), ("not valid", "road"), ("off", None),
                                              ("vertices off", "road"), ("roads off", "vertex")])
def test_what_is_not_snapped_to(how: str, lands_on: str | None) -> None:
    zones = Layer("danger_zone", "Polygon", [square(0, 0, 100)])
    roads = Layer("road", "LineString", [shapely.LineString([(-1000, 102), (1000, 102)])])
    settings = SnapSettings(enabled=how != "off", to_vertices=how != "vertices off", to_roads=how != "roads off")
    exclude = ("danger_zone", "danger_zone-0") if how == "edited" else None
    valid = np.array([False]) if how == "not valid" else None
    snapped = snap_point(101, 101, RESOLUTION, [(zones, valid)], roads, settings, exclude=exclude)
    assert snapped.kind == lands_on


def test_the_modules_load_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel.hit_testing, humanops.viewmodel.snapping")
    assert not bad, bad
