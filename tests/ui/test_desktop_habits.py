"""Desktop habits, through the keyboard and the mouse: measuring distances and areas on the
ellipsoid, finding a feature or a place from the toolbar (Ctrl+F), the Help menu's shortcuts
and user guide, View › Reset layout, and reopening the last workspace at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyproj import Geod
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMenu
from ui_helpers import canvas_point

from humanops.ui.canvas.measure_tool import MeasureTool, format_area, format_distance
from humanops.viewmodel.map_view import map_to_lonlat

WGS84 = Geod(ellps="WGS84")
ROUTE = [(36.02, 36.02), (36.12, 36.05), (36.26, 36.16)]  # lon, lat: away from every vertex (no snap)
SQUARE = [(36.00, 36.00), (36.10, 36.00), (36.10, 36.08), (36.00, 36.08)]  # the "Shelling area" zone


def _active(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def _clicked_lonlat(canvas, pixel: QPoint) -> tuple[float, float]:
    """Where a click at ``pixel`` lands on the map (the canvas's own transform)."""
    lon, lat = map_to_lonlat(*canvas.to_map(pixel.x(), pixel.y()))
    return float(lon), float(lat)


def _metres_a_pixel(canvas) -> float:
    minx, miny, maxx, _ = canvas.view_extent_lonlat()
    return WGS84.inv(minx, miny, maxx, miny)[2] / canvas.width()


def _click_menu_entry(qtbot, window, menu: QMenu, text: str) -> None:
    """Open ``menu`` under its menu-bar title and click the entry whose text is ``text``."""
    bar = window.menuBar()
    title = next(a for a in bar.actions() if a.menu() is menu)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(title).center())
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    entry = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())


# --- measuring ---------------------------------------------------------------------------------

def test_measure_a_distance_along_three_clicked_points(qtbot, main_window) -> None:
    window = main_window
    canvas = window.canvas
    canvas.zoom_to_extent(35.98, 35.98, 36.30, 36.20)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    tool = canvas.map_tool()
    assert isinstance(tool, MeasureTool) and not tool.area and window.actions.measure_distance.isChecked()
    pixels = [canvas_point(canvas, lon, lat) for lon, lat in ROUTE]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[0])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[1])
    qtbot.mouseMove(canvas, pixels[2])  # the total follows the cursor before the third click
    live = tool.measurement()
    assert len(live.segments_m) == 2 and "Distance" in window.statusBar().currentMessage()
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[2])  # adds the last point and ends
    done = tool.measurement()
    assert done.finished and len(done.points) == 3

    # Against pyproj's geodesic between the known places, to the pixels the clicks were rounded to.
    lons, lats = zip(*ROUTE, strict=True)
    expected = WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])[2]
    tolerance = 2 * _metres_a_pixel(canvas)
    assert done.segments_m == pytest.approx(list(expected), abs=tolerance)
    assert done.total_m == pytest.approx(sum(expected), abs=2 * tolerance)
    # ...and exactly, between the places the clicks landed on.
    landed = [_clicked_lonlat(canvas, p) for p in pixels]
    exact = WGS84.inv(*zip(*landed[:-1], strict=True), *zip(*landed[1:], strict=True))[2]
    assert done.segments_m == pytest.approx(list(exact), rel=1e-9)
    # Web Mercator would have said 1/cos(36°) = 1.24 times as much: the measure is on the ellipsoid.
    assert f"Distance {format_distance(done.total_m)}" in window.statusBar().currentMessage()
    assert float(format_distance(done.total_m).removesuffix(" km")) == pytest.approx(done.total_m / 1000, abs=0.005)

    qtbot.keyClick(canvas, Qt.Key.Key_Escape)  # Esc clears
    assert not tool.is_measuring() and tool.measurement().points == ()
    assert "Distance" not in window.statusBar().currentMessage()


def test_measure_an_area_ends_with_enter(qtbot, main_window, tmp_path: Path) -> None:
    window = main_window
    canvas = window.canvas
    canvas.zoom_to_extent(35.97, 35.97, 36.13, 36.11)
    window.actions.snapping.setChecked(False)
    canvas.set_snapping(False)  # the corners are the zone's own vertices: measure where clicked
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    tool = canvas.map_tool()
    assert isinstance(tool, MeasureTool) and tool.area
    pixels = [canvas_point(canvas, lon, lat) for lon, lat in SQUARE]
    for pixel in pixels:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    done = tool.measurement()
    assert done.finished and done.is_area and len(done.segments_m) == 4  # the closing side too
    lons, lats = zip(*SQUARE, strict=True)
    expected_area, expected_perimeter = WGS84.polygon_area_perimeter(lons, lats)
    pixel_m = _metres_a_pixel(canvas)
    assert done.area_m2 == pytest.approx(abs(expected_area), abs=2 * pixel_m * expected_perimeter)
    landed = [_clicked_lonlat(canvas, p) for p in pixels]
    exact_area, exact_perimeter = WGS84.polygon_area_perimeter(*zip(*landed, strict=True))
    assert done.area_m2 == pytest.approx(abs(exact_area), rel=1e-9)
    assert done.total_m == pytest.approx(exact_perimeter, rel=1e-9)
    assert f"Area {format_area(done.area_m2)} · perimeter {format_distance(done.total_m)}" in \
        window.statusBar().currentMessage()
    assert float(format_area(done.area_m2).removesuffix(" km²")) == pytest.approx(done.area_m2 / 1e6, abs=0.005)
    # a new click starts a new measurement; Backspace takes back a point
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[0])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[1])
    qtbot.keyClick(canvas, Qt.Key.Key_Backspace)
    assert len(tool.measurement(with_hover=False).points) == 1
    assert window.grab().save(str(tmp_path / "area.png"))


# --- search -------------------------------------------------------------------------------------

def _map_centre(canvas) -> tuple[float, float]:
    """The place in the middle of the map (Mercator's middle, not the middle latitude)."""
    view = canvas.view()
    lon, lat = map_to_lonlat(view.cx, view.cy)
    return float(lon), float(lat)


def _search_box(qtbot, window):
    box = window.actions.search_box
    qtbot.waitUntil(lambda: not box.is_loading() and bool(box.names.texts), timeout=10_000)
    return box


def _type_in_search(qtbot, window, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.actions.search_box
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    qtbot.keyClicks(box, text)


def test_find_a_facility_by_name_from_its_completion(qtbot, main_window) -> None:
    window = main_window
    _active(qtbot, window)
    box = _search_box(qtbot, window)
    assert "Hospital Al-Noor — Facilities" in box.names.texts and "Village 3 — Civilian needs" in box.names.texts
    (hospital,) = [f for f in window.workspace.features("facility") if f.properties["name"] == "Hospital Al-Noor"]
    window.canvas.zoom_full()
    _type_in_search(qtbot, window, "al-no")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert popup.model().rowCount() == 1 and popup.model().index(0, 0).data() == "Hospital Al-Noor — Facilities"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.canvas.selection().get("facility") == {hospital.uuid}, timeout=3000)
    lon, lat = _map_centre(window.canvas)
    assert lon == pytest.approx(36.22, abs=1e-9) and lat == pytest.approx(36.04, abs=1e-9)
    assert box.flash.is_flashing() and box.flash.isVisible()
    assert window.feature_panel.uuid == hospital.uuid  # shown in the form
    assert "Hospital Al-Noor" in window.statusBar().currentMessage()


def test_names_follow_edits(qtbot, main_window) -> None:
    window = main_window
    box = _search_box(qtbot, window)
    from shapely.geometry import Point

    window.workspace.add_feature("facility", Point(36.3, 36.2), {"name": "Field clinic", "facility_type": "hospital"})
    qtbot.waitUntil(lambda: "Field clinic — Facilities" in box.names.texts, timeout=10_000)


def test_find_places_written_in_mgrs_and_in_degrees_minutes_seconds(qtbot, main_window, tmp_path: Path) -> None:
    from humanops.ui.coordinates import format_mgrs

    window = main_window
    _active(qtbot, window)
    box = _search_box(qtbot, window)
    mgrs_text = format_mgrs(36.15, 36.10)  # "MGRS 37S …", as the status bar writes it
    assert mgrs_text is not None
    _type_in_search(qtbot, window, mgrs_text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(box.flash.is_flashing, timeout=3000)
    lon, lat = _map_centre(window.canvas)
    assert lon == pytest.approx(36.15, abs=2e-5) and lat == pytest.approx(36.10, abs=2e-5)  # a metre's square
    assert window.grab().save(str(tmp_path / "mgrs.png"))

    window.canvas.zoom_full()
    _type_in_search(qtbot, window, "36°3'N 36°7'30\"E")  # Ctrl+F selects the old text: typed over
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _map_centre(window.canvas)[0] == pytest.approx(36.125, abs=1e-6), timeout=3000)
    assert _map_centre(window.canvas)[1] == pytest.approx(36.05, abs=1e-6)
    assert box.text() == "36°3'N 36°7'30\"E"


def test_a_swapped_place_is_refused_and_the_map_stays(qtbot, main_window) -> None:
    window = main_window
    _active(qtbot, window)
    box = _search_box(qtbot, window)
    before = window.canvas.view_extent_lonlat()
    _type_in_search(qtbot, window, "128.5,-18.0")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "look swapped" in window.statusBar().currentMessage(), timeout=3000)
    assert "128.5 is not a latitude" in box.toolTip() and box.styleSheet()  # said at the box too
    assert window.canvas.view_extent_lonlat() == before and not box.flash.is_flashing()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "Atlantis")
    assert not box.styleSheet()  # typing again clears the mark
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No feature is named “Atlantis”" in window.statusBar().currentMessage(), timeout=3000)


# --- help ------------------------------------------------------------------------------------

def test_keyboard_shortcuts_are_read_from_the_actions(qtbot, main_window, tmp_path: Path) -> None:
    from humanops.ui.help_windows import KeyboardShortcutsWindow

    window = main_window
    _click_menu_entry(qtbot, window, window.actions.menus["Help"], "Keyboard shortcuts")
    dialog = window.findChild(KeyboardShortcutsWindow, "keyboard_shortcuts")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=3000)
    rows = dialog.rows()
    assert ("File", "Open workspace…", "Ctrl+O") in rows
    assert ("Edit", "Find…", "Ctrl+F") in rows
    assert ("Tools", "Measure distance", "Ctrl+Shift+M") in rows
    assert ("Analysis", "Route…", "Ctrl+Shift+R") in rows  # an extension's entry: read at run time
    assert dialog.grab().save(str(tmp_path / "shortcuts.png"))
    qtbot.keyClicks(dialog.filter, "ctrl+f")
    assert {keys for _, _, keys in dialog.rows()} <= {"Ctrl+F", "Ctrl+Shift+F"}
    assert ("Edit", "Find…", "Ctrl+F") in dialog.rows()


def test_the_user_guide_is_the_shipped_markdown(qtbot, main_window) -> None:
    from humanops.data_paths import resources_dir
    from humanops.ui.help_windows import USER_GUIDE, UserGuideWindow

    shipped = resources_dir() / USER_GUIDE   # the one copy (README links to it)
    assert shipped.read_text(encoding="utf-8").startswith("#")
    window = main_window
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(UserGuideWindow, "user_guide")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=3000)
    text = dialog.browser.toPlainText()
    assert "HumanOps user guide" in text and "Measure" in text and "**" not in text  # rendered, not raw


# --- layout and start ----------------------------------------------------------------------------

def test_reset_layout_puts_moved_docks_and_toolbars_back(qtbot, main_window) -> None:
    window = main_window
    layers = window.docks["layers"]
    assert window.dockWidgetArea(layers) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, layers)  # moved by the user
    window.docks["time"].setFloating(True)
    window.docks["feature"].close()
    search_bar = window.actions.search_box.parentWidget()
    window.removeToolBar(search_bar)
    window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, search_bar)
    assert window.dockWidgetArea(layers) == Qt.DockWidgetArea.RightDockWidgetArea

    _click_menu_entry(qtbot, window, window.actions.view_menu, "Reset layout")
    assert window.dockWidgetArea(layers) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert not window.docks["time"].isFloating()
    assert window.dockWidgetArea(window.docks["time"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.docks["feature"].isVisible()
    assert window.toolBarArea(search_bar) == Qt.ToolBarArea.TopToolBarArea
    assert all(isinstance(d, QDockWidget) for d in window.docks.values())


def test_reopen_the_last_workspace_at_start_or_the_start_page(qtbot, make_main_window, small_workspace_path: Path,
                                                              settings_path: Path) -> None:
    from humanops.ui.app import open_at_start
    from humanops.ui.dialogs.first_run_dialog import FirstRunDialog
    from humanops.ui.settings import add_recent_workspace

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    add_recent_workspace(settings, small_workspace_path)
    settings.sync()
    window = make_main_window()
    assert window.actions.reopen_last.isChecked()  # on unless turned off
    open_at_start(window, None)
    assert window.workspace is not None and window.workspace.path == small_workspace_path.resolve()
    assert "Reopened small.gpkg" in window.statusBar().currentMessage()
    assert window.findChild(FirstRunDialog) is None

    # gone since: the start page, with the file greyed in its list
    window.close_workspace(ask=False)
    moved = small_workspace_path.with_name("moved.gpkg")
    small_workspace_path.rename(moved)
    again = make_main_window()
    open_at_start(again, None)
    dialog = again.findChild(FirstRunDialog, "first_run_dialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=3000)
    assert again.workspace is None
    dialog.reject()

    # turned off from the File menu: the start page even when the file is there
    moved.rename(small_workspace_path)
    third = make_main_window()
    _click_menu_entry(qtbot, third, third.actions.menus["File"], "Reopen the last workspace at start")
    assert not third.actions.reopen_last.isChecked()
    open_at_start(third, None)
    assert third.workspace is None
    start_page = third.findChild(FirstRunDialog, "first_run_dialog")
    assert start_page is not None and start_page.isVisible()
    start_page.reject()
