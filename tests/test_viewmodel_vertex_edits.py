"""Vertex edits (humanops.viewmodel.vertex_edits) without Qt: rings stay closed, other
coordinates are kept bit for bit, and an edit that would break a shape is refused."""

from __future__ import annotations

import numpy as np
import shapely
from loaded_modules import loaded_after

from humanops.viewmodel.vertex_edits import insert_vertex, move_vertex, remove_vertex, same_ring

# An odd lon/lat that a round trip through a projection would not give back exactly.
ODD = (36.123456789012345, 33.98765432109876)
SQUARE = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
WITH_HOLE = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]])


def test_moving_a_ring_s_first_vertex_moves_its_last_and_keeps_the_type() -> None:
    square = shapely.MultiPolygon([SQUARE])
    moved = move_vertex(square, 0, (-0.5, -0.5))
    ring = np.asarray(moved.geoms[0].exterior.coords)
    assert tuple(ring[0]) == tuple(ring[-1]) == (-0.5, -0.5)
    assert moved.geom_type == "MultiPolygon"
    # The closing vertex moves the first one too.
    assert tuple(np.asarray(move_vertex(SQUARE, 4, (-1, -1)).exterior.coords)[0]) == (-1, -1)


def test_the_other_coordinates_are_kept_exactly() -> None:
    line = shapely.LineString([ODD, (36.2, 34.1), (36.3, 34.0)])
    moved = move_vertex(line, 1, (36.25, 34.05))
    assert tuple(shapely.get_coordinates(moved)[0]) == ODD
    inserted = insert_vertex(line, 1, (36.1, 34.0))
    assert tuple(shapely.get_coordinates(inserted)[0]) == ODD
    assert shapely.get_num_coordinates(inserted) == 4


def test_inserting_into_a_hole_grows_the_hole_only() -> None:
    bigger = insert_vertex(WITH_HOLE, 7, (2.5, 1.5))  # between the hole's (2, 1) and (2, 2)
    assert len(bigger.exterior.coords) == 5
    assert len(bigger.interiors[0].coords) == 6
    assert bigger.is_valid
    assert insert_vertex(shapely.MultiPolygon([SQUARE]), 2, (1.5, 0.5)).is_valid


def test_a_ring_keeps_three_corners_and_a_line_two_points() -> None:
    assert remove_vertex(shapely.Polygon([(0, 0), (1, 0), (1, 1)]), 0) is None
    assert remove_vertex(shapely.LineString([(0, 0), (1, 1)]), 0) is None
    line = shapely.LineString([(0, 0), (1, 1), (2, 0)])
    assert remove_vertex(line, 1).equals(shapely.LineString([(0, 0), (2, 0)]))
    smaller = remove_vertex(SQUARE, 0)
    ring = np.asarray(smaller.exterior.coords)
    assert len(ring) == 4 and tuple(ring[0]) == tuple(ring[-1]) == (1, 0)


def test_removing_from_one_part_leaves_the_others() -> None:
    lines = shapely.MultiLineString([[(0, 0), (1, 0), (2, 0)], [(0, 1), (1, 1)]])
    fewer = remove_vertex(lines, 1)
    assert fewer.geom_type == "MultiLineString"
    assert [len(g.coords) for g in fewer.geoms] == [2, 2]


def test_same_ring_tells_the_outer_ring_from_a_hole() -> None:
    assert same_ring(WITH_HOLE, 0, 3)
    assert same_ring(WITH_HOLE, 5, 8)
    assert not same_ring(WITH_HOLE, 3, 5)


def test_the_module_loads_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel.vertex_edits")
    assert not bad, bad
