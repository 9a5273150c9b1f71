"""The main window as a user meets it: the demo opens with every panel filled, layers toggle
on the map, table and map selections follow each other, the status bar reads the cursor,
and the window remembers its layout and recent workspaces."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QImage
from ui_helpers import canvas_point, click_row, rows

from humanops.ui.panels.alerts_panel import NO_RULES


def _canvas_image(window) -> QImage:
    return window.canvas.grab().toImage()


def _wait_render(qtbot, window) -> None:
    window.rendered.clear()
    qtbot.waitUntil(lambda: bool(window.rendered), timeout=20_000)


def test_the_demo_opens_with_every_panel_filled(qtbot, make_main_window, demo_path: Path) -> None:
    window = make_main_window(demo_path)
    ws = window.workspace
    assert window.windowTitle().startswith("demo.gpkg")
    panel = window.layers_panel
    assert set(panel.layer_order()) == set(ws.layers())
    for name in ws.layers():
        assert f"({ws.count(name):,})" in panel.layer_item(name).text(0)
    # The legend: one row per style class, with a swatch, and counts that add up.
    zones = panel.layer_item("danger_zone")
    assert zones.childCount() == 5 and not zones.child(0).icon(0).isNull()
    counted = sum(int(zones.child(i).text(0).rsplit("(", 1)[1].rstrip(")").replace(",", ""))
                  for i in range(zones.childCount()))
    assert counted == ws.count("danger_zone")
    table = window.attribute_table
    assert table.model.rowCount() == ws.count(table.layer) > 0
    assert window.alerts_panel.empty.text() == NO_RULES
    assert window.time_slider.enabled_box.isEnabled()  # the demo has dated features
    assert str(demo_path.resolve()) in window.settings.value("recent_workspaces")


def test_toggling_a_layer_in_the_panel_changes_the_map(qtbot, main_window) -> None:
    window = main_window
    window.canvas.zoom_to_layer("danger_zone")
    _wait_render(qtbot, window)
    shown = _canvas_image(window)
    tree = window.layers_panel.tree
    item = window.layers_panel.layer_item("danger_zone")
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    qtbot.keyClick(tree, Qt.Key.Key_Space)  # toggles the current row's check box
    assert item.checkState(0) == Qt.CheckState.Unchecked
    _wait_render(qtbot, window)
    hidden = _canvas_image(window)
    assert hidden != shown
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    _wait_render(qtbot, window)
    assert _canvas_image(window) == shown


def test_layer_order_buttons_reorder_the_canvas(qtbot, main_window) -> None:
    window = main_window
    panel = window.layers_panel
    order = panel.layer_order()
    panel.set_current_layer(order[-1])
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert panel.layer_order()[-2] == order[-1]
    # The canvas draws bottom-up: the reverse of the panel's list.
    assert list(window.canvas.layer_names()) == list(reversed(panel.layer_order()))


def test_table_rows_select_on_the_map_and_the_map_selects_rows(qtbot, main_window) -> None:
    window = main_window
    table = window.attribute_table
    table.set_layer("need")
    qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() == 6, timeout=10_000)
    click_row(qtbot, table.view, 0)
    click_row(qtbot, table.view, 2, Qt.KeyboardModifier.ControlModifier)
    chosen = set(table.selected_uuids())
    assert len(chosen) == 2
    assert window.canvas.selection() == {"need": chosen}

    # And back: a click on the map with the Select tool selects the row.
    uuid, x, y = _point_of(window.workspace, "need", "Village 4")
    window.actions.select.trigger()
    window.canvas.zoom_to_layer("need")
    _wait_render(qtbot, window)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=canvas_point(window.canvas, x, y))
    qtbot.waitUntil(lambda: table.selected_uuids() == [uuid], timeout=5000)
    assert window.feature_panel.uuid == uuid  # one feature selected: its form is shown


def test_sorting_and_filtering_the_table(qtbot, main_window) -> None:
    table = main_window.attribute_table
    table.set_layer("need")
    qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() == 6, timeout=10_000)
    column = table.model.column_index("population")
    header = table.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2))
    first = table.proxy.index(0, column).data()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2))
    assert (first, table.proxy.index(0, column).data()) == ("500", "1,750")
    qtbot.keyClicks(table.filter_box, "village 3")
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 1, timeout=3000)
    assert "1 of 6" in table.status.text()


def test_status_bar_shows_where_the_cursor_is_and_the_scale(qtbot, main_window) -> None:
    window = main_window
    qtbot.mouseMove(window.canvas, canvas_point(window.canvas, 36.1, 36.05))
    qtbot.waitUntil(lambda: "° N" in window.coordinates_label.text(), timeout=3000)
    lat, lon = re.findall(r"([0-9.]+)° [NE]", window.coordinates_label.text())
    # Within a pixel of where the mouse is (the scale here is about 10 m a pixel).
    assert abs(float(lat) - 36.05) < 0.001 and abs(float(lon) - 36.1) < 0.001
    grid = window.grid_label.text()
    assert grid.startswith("MGRS 37S") or grid.startswith("UTM 37N")
    assert window.scale_label.text().startswith("1:")


def test_time_slider_filters_the_map_by_validity(qtbot, main_window, monkeypatch) -> None:
    window = main_window
    seen: list[object] = []
    original = window.canvas.set_time_filter
    monkeypatch.setattr(window.canvas, "set_time_filter", lambda at: (seen.append(at), original(at)))
    slider = window.time_slider
    qtbot.mouseClick(slider.enabled_box, Qt.MouseButton.LeftButton)
    assert isinstance(seen[-1], datetime)
    slider.set_time(datetime(2026, 7, 1, tzinfo=UTC))
    assert abs((seen[-1] - datetime(2026, 7, 1, tzinfo=UTC)).total_seconds()) < 3600 * 24
    qtbot.mouseClick(slider.enabled_box, Qt.MouseButton.LeftButton)
    assert seen[-1] is None


def test_alerts_panel_lists_the_alerts_table_once_it_exists(main_window) -> None:
    ws = main_window.workspace
    panel = main_window.alerts_panel
    assert panel.empty.text() == NO_RULES
    with ws.transaction():
        ws.connection.execute("CREATE TABLE humanops_alerts (id INTEGER PRIMARY KEY, raised TEXT, rule TEXT, "
                              "message TEXT)")
        ws.connection.execute("INSERT INTO humanops_alerts VALUES (1, '2026-11-28T10:00:00Z', 'shelter_full', "
                              "'School shelter is at 95% of capacity')")
    panel.refresh()
    assert panel.alert_count() == 1
    assert panel.table.item(0, 3).text() == "School shelter is at 95% of capacity"


def test_layout_and_recent_workspaces_are_remembered(qtbot, make_main_window, small_workspace_path: Path,
                                                     settings_path: Path) -> None:
    from humanops.ui.main_window import MainWindow

    first = make_main_window(small_workspace_path)
    first.docks["alerts"].setVisible(False)
    first.docks["time"].setFloating(True)
    first.close()
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert settings.value("main_window/geometry") is not None
    again = MainWindow(settings)
    try:
        assert again.docks["time"].isFloating()
        assert again.docks["alerts"].isHidden()
        again.fill_recent_menu()
        texts = [a.text() for a in again.actions.recent_menu.actions()]
        assert any("small.gpkg" in t for t in texts)
    finally:
        again.close()
        again.deleteLater()


def test_opening_a_missing_file_is_a_readable_message(qtbot, make_main_window, tmp_path: Path) -> None:
    window = make_main_window()
    assert not window.open_workspace(tmp_path / "nowhere.gpkg")
    assert "no such workspace file" in window.statusBar().currentMessage()
    assert window.workspace is None


def test_save_says_every_edit_is_already_stored(qtbot, main_window,
                                                           small_workspace_path: Path) -> None:
    window = main_window
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "the moment it is made" in window.statusBar().currentMessage()
    assert rows(small_workspace_path, "SELECT count(*) FROM need") == [(6,)]


def _point_of(ws, layer: str, name: str) -> tuple[str, float, float]:
    (feature,) = [f for f in ws.features(layer) if f.properties.get("name") == name]
    return feature.uuid, feature.geometry.x, feature.geometry.y


def test_other_areas_add_menu_entries_and_panels(qtbot, make_main_window, small_workspace_path: Path,
                                                 monkeypatch) -> None:
    from PySide6.QtWidgets import QLabel

    from humanops.ui import extensions

    monkeypatch.setattr(extensions, "_MENU_ENTRIES", [])
    monkeypatch.setattr(extensions, "_PANELS", {})
    calls: list[str] = []
    extensions.menu_entry("Sharing", "Partner directory…")(lambda window: calls.append(window.workspace.path.name))
    extensions.panel("exposure", "Exposure", area="right", visible=True)(lambda window: QLabel("exposed: 0"))
    window = make_main_window(small_workspace_path)
    sharing = window.actions.menus["Sharing"]
    (entry,) = [a for a in sharing.actions() if a.text() == "Partner directory…"]
    entry.trigger()
    assert calls == ["small.gpkg"]
    assert window.docks["exposure"].widget().text() == "exposed: 0"
    window.close_workspace(ask=False)
    assert not entry.isEnabled()  # needs a workspace


def test_grid_references_and_scales_read_as_on_paper_maps() -> None:
    from humanops.ui.coordinates import format_grid, format_mgrs, format_scale, format_utm, utm_zone

    # The same point in UTM and MGRS: zone 37, 100 km square BB, same metres within the square.
    assert format_utm(36.2, 37.1) == "UTM 37N 251,166 E 4,109,635 N"
    assert format_mgrs(36.2, 37.1) in (None, "MGRS 37S BB 51166 09635")  # None without the mgrs package
    assert utm_zone(5, 60)[:2] == (32, "N")  # the Norway exception of the grid
    assert format_grid(10, 85) == ""  # beyond the grid's latitudes
    assert (format_scale(721345.3), format_scale(24987)) == ("1:721,000", "1:25,000")
