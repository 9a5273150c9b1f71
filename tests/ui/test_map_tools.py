"""Map tools driven by simulated clicks and keys: drawing areas, corridors and points,
cancelling, snapping to vertices and roads, identifying and reshaping features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from canvas_support import FACILITY, NEEDS, ROAD, ZONE, make_workspace, pixel_of, show_canvas, wait_idle
from pyproj import Transformer
from PySide6.QtCore import QPoint, Qt

from humanops.ui.canvas.map_tools import DrawLineTool, DrawPointTool, DrawPolygonTool, IdentifyTool, VertexEditTool


@pytest.fixture
def ws(tmp_path: Path):
    workspace, ids = make_workspace(tmp_path / "ws.gpkg")
    workspace.ids = ids  # type: ignore[attr-defined]
    yield workspace
    workspace.close()


@pytest.fixture
def canvas(qtbot, ws):
    canvas = show_canvas(qtbot, ws)
    canvas.set_snapping(False)
    yield canvas
    canvas.shutdown()


@pytest.fixture
def drawn(canvas) -> list:
    out: list = []
    canvas.geometryDrawn.connect(lambda layer, geometry: out.append((layer, geometry)))
    return out


def _lonlat(canvas, point: QPoint) -> tuple[float, float]:
    from humanops.viewmodel.map_view import map_to_lonlat

    lon, lat = map_to_lonlat(*canvas.to_map(point.x(), point.y()))
    return float(lon), float(lat)


def _pixel_degrees(canvas) -> float:
    minx, _, maxx, _ = canvas.view_extent_lonlat()
    return (maxx - minx) / canvas.width()


def test_draw_polygon_with_clicks_and_double_click(qtbot, canvas, drawn) -> None:
    canvas.set_map_tool(DrawPolygonTool(canvas, "danger_zone"))
    corners = [QPoint(400, 80), QPoint(520, 90), QPoint(530, 200), QPoint(420, 210)]
    for corner in corners[:-1]:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=corner)
    assert canvas.map_tool().is_drawing() and not drawn
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=corners[-1])
    assert len(drawn) == 1
    layer, polygon = drawn[0]
    assert layer == "danger_zone" and polygon.geom_type == "Polygon"
    expected = [_lonlat(canvas, c) for c in corners]
    assert np.allclose(np.asarray(polygon.exterior.coords)[:-1], expected, atol=1e-9)
    assert not canvas.map_tool().is_drawing()


def test_draw_corridor_shows_its_width_and_finishes_with_enter(qtbot, canvas, drawn) -> None:
    tool = DrawLineTool(canvas, "corridor", buffer_m=1500)
    canvas.set_map_tool(tool)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 300))
    qtbot.mouseMove(canvas, QPoint(300, 320))
    band = tool.band()
    assert band is not None  # the band follows the cursor before the second click
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 320))
    line_map = shapely.LineString(tool.vertices)
    band = tool.band(with_hover=False)
    # The band is the corridor's true width: area / length in UTM is 1500 m (ends aside).
    to_utm = Transformer.from_crs(3857, 32637, always_xy=True)
    utm = [shapely.transform(g, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))
           for g in (band, line_map)]
    length = utm[1].length
    assert (utm[0].area - np.pi * 750 ** 2) / length == pytest.approx(1500, rel=0.01)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(420, 250))
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert len(drawn) == 1
    layer, line = drawn[0]
    assert layer == "corridor" and line.geom_type == "LineString" and len(line.coords) == 3
    assert line.coords[0] == pytest.approx(_lonlat(canvas, QPoint(100, 300)), abs=1e-9)


def test_escape_cancels_and_backspace_removes_the_last_vertex(qtbot, canvas, drawn) -> None:
    tool = DrawPolygonTool(canvas, "danger_zone")
    canvas.set_map_tool(tool)
    for point in (QPoint(100, 100), QPoint(200, 100), QPoint(200, 200)):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    qtbot.keyClick(canvas, Qt.Key.Key_Backspace)
    assert len(tool.vertices) == 2
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not tool.is_drawing()
    qtbot.keyClick(canvas, Qt.Key.Key_Return)  # nothing left to finish
    assert drawn == []
    # Two corners are not an area: Enter leaves the drawing open.
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(200, 100))
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert drawn == [] and tool.is_drawing()


def test_draw_point(qtbot, canvas, drawn) -> None:
    canvas.set_map_tool(DrawPointTool(canvas, "need"))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(321, 123))
    layer, point = drawn[0]
    assert layer == "need" and (point.x, point.y) == pytest.approx(_lonlat(canvas, QPoint(321, 123)), abs=1e-9)


def test_snapping_to_a_vertex_and_to_a_road(qtbot, canvas, drawn) -> None:
    canvas.set_map_tool(DrawPointTool(canvas, "facility"))
    near_need = pixel_of(canvas, *NEEDS[0]) + QPoint(5, -4)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=near_need)
    assert drawn[-1][1].distance(shapely.Point(NEEDS[0])) > _pixel_degrees(canvas)  # snapping is off

    canvas.set_snapping(True, tolerance_px=10, to_roads=True)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=near_need)
    assert drawn[-1][1].distance(shapely.Point(NEEDS[0])) < 1e-9  # exactly on the need

    near_road = pixel_of(canvas, 36.05, ROAD[0][1]) + QPoint(0, 6)  # mid-segment, 6 px off
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=near_road)
    assert drawn[-1][1].distance(shapely.LineString(ROAD)) < 1e-7
    canvas.set_snapping(True, to_roads=False)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=near_road)
    assert drawn[-1][1].distance(shapely.LineString(ROAD)) > 3 * _pixel_degrees(canvas)
    far = pixel_of(canvas, 36.05, ROAD[0][1]) + QPoint(0, 30)
    canvas.set_snapping(True, tolerance_px=10, to_roads=True)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=far)
    assert drawn[-1][1].distance(shapely.LineString(ROAD)) > 20 * _pixel_degrees(canvas)


def test_identify_emits_the_feature_under_the_cursor(qtbot, canvas, ws) -> None:
    canvas.set_map_tool(IdentifyTool(canvas))
    found: list = []
    canvas.featureIdentified.connect(lambda layer, uuid: found.append((layer, uuid)))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel_of(canvas, *FACILITY))
    assert found == [("facility", ws.ids["facility"])]


def test_vertex_edit_moves_inserts_and_removes_vertices(qtbot, canvas, ws) -> None:
    canvas.select("danger_zone", [ws.ids["zone"]])
    tool = VertexEditTool(canvas)
    canvas.set_map_tool(tool)
    assert tool.target == ("danger_zone", ws.ids["zone"])
    edits: list = []
    tool.geometryEdited.connect(lambda layer, uuid, geometry: edits.append((layer, uuid, geometry)))

    corner = pixel_of(canvas, *ZONE[1])  # (36.10, 36.00)
    target = corner + QPoint(30, 20)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(canvas, corner + QPoint(10, 10))
    qtbot.mouseMove(canvas, target)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    layer, uuid, moved = edits[-1]
    assert (layer, uuid) == ("danger_zone", ws.ids["zone"])
    coords = np.asarray(shapely.get_coordinates(moved))
    assert coords[1] == pytest.approx(_lonlat(canvas, target), abs=1e-9)
    # The other corners are kept exactly (no round trip through the map projection).
    original = shapely.get_coordinates(ws.get_feature("danger_zone", ws.ids["zone"]).geometry)
    assert np.array_equal(np.delete(coords, 1, axis=0), np.delete(original, 1, axis=0))

    # Stored through the Workspace, as the main window does, then reshaped again.
    ws.update_feature("danger_zone", ws.ids["zone"], geometry=moved)
    qtbot.waitUntil(lambda: canvas.snapshot("danger_zone").lonlat[0].equals(moved), timeout=10_000)
    wait_idle(qtbot, canvas)
    middle = pixel_of(canvas, 36.05, ZONE[2][1])  # middle of the top edge
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=middle)
    inserted = edits[-1][2]
    assert shapely.get_num_coordinates(inserted) == shapely.get_num_coordinates(moved) + 1

    qtbot.mouseMove(canvas, pixel_of(canvas, *ZONE[0]))
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    removed = edits[-1][2]
    assert shapely.get_num_coordinates(removed) == shapely.get_num_coordinates(inserted) - 1
    assert removed.is_valid

