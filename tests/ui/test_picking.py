"""Picking among stacked features, driven through the real window: a click inside a danger zone
that a road crosses picks the zone, a second click at the same place the road, a third the zone
again; the layer chosen in the Layers panel comes first; a right-click lists them all; and every
"saved" message names the feature it is about."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from planning_helpers import ROAD, at, load
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu
from ui_helpers import canvas_point, rows

from humanops.store.workspace import Workspace
from humanops.viewmodel.hit_testing import PickCycle

ZONE = "20000000-0000-4000-8000-000000000001"  # "Shelling at B", a circle round junction B
INSIDE_ZONE_ON_ROAD = at(0.9, 0)  # on the road A-B, inside the zone


@pytest.fixture
def ladder_path(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson",
             "ladder_needs.geojson")
    return path


@pytest.fixture
def window(make_main_window, ladder_path: Path):
    window = make_main_window(ladder_path)
    window.actions.select.trigger()  # the Select tool (S)
    return window


def click(qtbot, window, lon: float, lat: float, button=Qt.MouseButton.LeftButton) -> None:
    qtbot.mouseClick(window.canvas, button, pos=canvas_point(window.canvas, lon, lat))


def status(window) -> str:
    return window.statusBar().currentMessage()


def test_a_click_inside_a_zone_picks_the_zone_then_the_road_crossing_it_and_back(qtbot, window) -> None:
    canvas = window.canvas
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)
    assert canvas.selection() == {"danger_zone": {ZONE}}
    assert window.feature_panel.uuid == ZONE and window.marking_panel.uuid == ZONE
    assert status(window).startswith("Selected danger zone 'Shelling at B' (1 of 2 here")

    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)  # the same place again: the road under it
    assert canvas.selection() == {"road": {ROAD["A-B"]}}
    assert window.feature_panel.uuid == ROAD["A-B"]
    assert status(window).startswith("Selected road 'A-B' (2 of 2 here")

    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)  # and round to the zone
    assert canvas.selection() == {"danger_zone": {ZONE}}

    # Elsewhere on the road (outside the zone) the road is all there is; back inside, the zone first again.
    click(qtbot, window, *at(0.4, 0))
    assert canvas.selection() == {"road": {ROAD["A-B"]}}
    assert status(window) == "Selected road 'A-B'."
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)
    assert canvas.selection() == {"danger_zone": {ZONE}}


def test_the_layer_chosen_in_the_layers_panel_is_picked_first(qtbot, window) -> None:
    tree = window.layers_panel.tree
    item = window.layers_panel.layer_item("road")
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.layers_panel.current_layer() == "road"
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)
    assert window.canvas.selection() == {"road": {ROAD["A-B"]}}
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)
    assert window.canvas.selection() == {"danger_zone": {ZONE}}


def test_a_right_click_lists_the_features_under_the_cursor(qtbot, window) -> None:
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD, button=Qt.MouseButton.RightButton)
    menu = window.canvas.findChild(QMenu, "pick_menu")
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Select…", "danger zone 'Shelling at B'", "road 'A-B'"]
    road = menu.actions()[2]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(road).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=5000)
    assert window.canvas.selection() == {"road": {ROAD["A-B"]}}
    assert window.feature_panel.uuid == ROAD["A-B"]
    # A click at the same place goes on from the feature chosen in the menu.
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)
    assert window.canvas.selection() == {"danger_zone": {ZONE}}


def test_every_saved_message_names_the_feature(qtbot, window, ladder_path: Path) -> None:
    click(qtbot, window, *INSIDE_ZONE_ON_ROAD)
    panel = window.marking_panel
    assert panel.uuid == ZONE and "danger zone" in panel.title.text()
    qtbot.mouseClick(panel.editor.tlp_buttons["RED"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert status(window) == "Marking saved on danger zone 'Shelling at B': TLP:RED."
    assert rows(ladder_path, "SELECT tlp FROM danger_zone WHERE uuid = ?", (ZONE,)) == [("RED",)]
    assert rows(ladder_path, "SELECT tlp FROM road WHERE uuid = ?", (ROAD["A-B"],)) == [("GREEN",)]  # as it was

    form = window.feature_panel
    severity = form.form.editors["severity"].input
    severity.selectAll()
    qtbot.keyClicks(severity, "4")
    qtbot.mouseClick(form.apply_button, Qt.MouseButton.LeftButton)
    assert status(window) == "Saved Severity of danger zone 'Shelling at B' as a new version."

    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert status(window) == "Deleted danger zone 'Shelling at B' (Ctrl+Z undoes it)."
    assert rows(ladder_path, "SELECT count(*) FROM danger_zone") == [(0,)]


def test_reshaping_names_the_feature(qtbot, window) -> None:
    click(qtbot, window, *at(0.4, 0))  # the road A-B
    window.actions.edit_vertices.trigger()
    canvas = window.canvas
    start = canvas_point(canvas, *at(0, 0))  # its first vertex, A
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(0, 20))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 20))
    assert status(window) == "Saved the new shape of road 'A-B' as a new version (Ctrl+Z undoes it)."


def test_the_pick_cycle_goes_on_only_at_the_same_place_while_its_pick_is_selected() -> None:
    zone, road = ("danger_zone", "z"), ("road", "r")
    cycle = PickCycle(same_place_px=3)
    assert cycle.pick([zone, road], 0, 0, 1.0, None) == 0
    assert cycle.pick([zone, road], 2, 0, 1.0, zone) == 1  # 2 px away: the same place
    assert cycle.pick([zone, road], 2, 0, 1.0, road) == 0  # round
    assert cycle.pick([zone, road], 10, 0, 1.0, zone) == 0  # elsewhere: the first again
    assert cycle.pick([zone, road], 10, 0, 1.0, None) == 0  # the pick was unselected meanwhile
    assert cycle.pick([], 10, 0, 1.0, zone) is None


def test_a_click_ranks_markers_then_areas_it_is_inside_then_lines(window) -> None:
    """Hit testing alone, on the canvas's own layers: a point on the road inside the zone."""
    from humanops.viewmodel.hit_testing import features_at
    from humanops.viewmodel.map_view import lonlat_to_map

    canvas = window.canvas
    x, y = (float(v) for v in lonlat_to_map(*INSIDE_ZONE_ON_ROAD))
    layers = canvas.visible_layers_top_first()
    hits = features_at(layers, x, y, canvas.view().resolution, 4.0, None)
    assert hits == [("danger_zone", ZONE), ("road", ROAD["A-B"])]
    # The same place, with the road drawn above the zone: still the zone first.
    assert [s.name for s in layers].index("road") < [s.name for s in layers].index("danger_zone")
    # Just outside the zone's edge, on the road: the road (nearest) before the zone's edge.
    zone_geometry = canvas.snapshot("danger_zone").geoms[0]
    edge_x = float(shapely.bounds(zone_geometry)[0]) - canvas.view().resolution * 2
    hits = features_at(layers, edge_x, y, canvas.view().resolution, 4.0, None)
    assert hits[0] == ("road", ROAD["A-B"]) and ("danger_zone", ZONE) in hits


ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",), "unhcr": ("community:protection",)}


def test_a_partner_marked_zone_shows_unchanged_and_the_next_pick_replaces_it(qtbot, make_main_window, partners,
                                                                             tmp_path: Path, fast_kdf) -> None:
    """A marking whose releasable_to is not in the directory's order read as edited: the panels
    then held on to the zone, and the next pick (the road) left its marking on screen."""
    from shapely.geometry import LineString, Polygon
    from ui_helpers import open_as

    from humanops.model.marking import TLP, Marking

    ocha = partners["ocha"]
    zone = ocha.ws.add_feature("danger_zone", Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.08), (36.0, 36.08)]),
                               {"name": "Shelling north", "hazard": "shelling", "severity": 4},
                               Marking(tlp=TLP.AMBER, releasable_to=("unhcr", "medaid"))).uuid
    road = ocha.ws.add_feature("road", LineString([(35.98, 36.04), (36.12, 36.04)]),
                               {"name": "Coast road", "road_class": "primary"}).uuid
    window = open_as(make_main_window, partners, tmp_path, "ocha")
    window.actions.select.trigger()
    click(qtbot, window, 36.05, 36.04)
    assert window.marking_panel.uuid == zone
    assert not window.marking_panel.is_dirty() and not window.marking_panel.apply_button.isEnabled()
    click(qtbot, window, 36.05, 36.04)
    assert window.canvas.selection() == {"road": {road}}
    assert window.feature_panel.uuid == road and window.marking_panel.uuid == road
