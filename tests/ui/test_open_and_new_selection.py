"""Opening another workspace swaps it in only once it has opened (a file that is not one leaves
the window as it was), and a new feature — drawn, or a route saved as a corridor — becomes the
whole selection, shown in the Feature panel (a corridor with its risk)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from canvas_support import differing_pixels, frame
from planning_helpers import ROAD, at, load
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from ui_helpers import canvas_point, rows

from humanops.errors import WorkspaceError
from humanops.store.workspace import Workspace

WAIT_MS = 20_000


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def error_box(window) -> QMessageBox:
    (box,) = [b for b in window.findChildren(QMessageBox, "error_box") if b.isVisible()]
    return box


def test_a_failed_open_keeps_the_workspace_open_and_drawn(qtbot, main_window, small_workspace_path: Path,
                                                          tmp_path: Path, monkeypatch) -> None:
    window = main_window
    workspace = window.workspace
    qtbot.waitUntil(window.canvas.is_idle, timeout=WAIT_MS)  # every later stage drawn (labels, details)
    before = frame(window.canvas)
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting notes, not a workspace.\n", encoding="utf-8")
    choose_file(monkeypatch, notes)

    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File › Open

    box = error_box(window)
    assert "notes.txt" in box.text() and "not a GeoPackage" in box.text()
    assert "small.gpkg stays open" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert window.workspace is workspace and workspace.count("need") == 6  # its connection still works
    assert window.windowTitle().startswith("small.gpkg")
    assert window.actions.import_file.isEnabled()
    assert window.layers_panel.layer_item("need") is not None
    assert window.attribute_table.model.rowCount() > 0
    qtbot.waitUntil(window.canvas.is_idle, timeout=WAIT_MS)
    assert differing_pixels(before, frame(window.canvas)) == 0  # the map as it was


def test_open_swaps_only_once_the_new_workspace_is_open_and_cancel_keeps_the_old(
        qtbot, main_window, small_workspace_path: Path, tmp_path: Path, monkeypatch) -> None:
    window = main_window
    old = window.workspace
    other = tmp_path / "other.gpkg"
    shutil.copy(small_workspace_path, other)
    choose_file(monkeypatch, other)
    # Unapplied fields: the question comes after the new file opened, and Cancel keeps everything.
    uuid = _click_feature(qtbot, window, 36.05, 36.12, "need")
    name = window.feature_panel.form.editors["name"].input
    qtbot.keyClicks(name, " (checked)")
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(answer))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked and "changed fields not yet applied" in asked[0]
    assert window.workspace is old and window.feature_panel.uuid == uuid and window.feature_panel.is_dirty()

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is not old and window.workspace.path == other
    assert window.windowTitle().startswith("other.gpkg")
    with pytest.raises(WorkspaceError):  # the old one is closed
        old.count("need")


def _click_feature(qtbot, window, lon: float, lat: float, layer: str) -> str:
    window.actions.select.trigger()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=canvas_point(window.canvas, lon, lat))
    selection = window.canvas.selection()
    assert list(selection) == [layer], selection
    (uuid,) = selection[layer]
    return uuid


def test_a_drawn_zone_becomes_the_only_selection_and_the_form_shows_it(qtbot, main_window,
                                                                      small_workspace_path: Path) -> None:
    window = main_window
    canvas = window.canvas
    _click_feature(qtbot, window, 36.05, 36.12, "need")  # something selected before

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Draw danger zone
    corners = [(36.14, 36.13), (36.19, 36.13), (36.19, 36.17)]
    for lon, lat in corners:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, lon, lat))
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, 36.14, 36.17))
    qtbot.waitUntil(lambda: window.editing.new_feature_dialog is not None, timeout=5000)
    dialog = window.editing.new_feature_dialog
    qtbot.keyClicks(dialog.form.editors["name"].input, "Shelling north")
    severity = dialog.form.editors["severity"].input
    severity.selectAll()
    qtbot.keyClicks(severity, "3")
    assert dialog.ok_button().isEnabled()
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)

    ((uuid,),) = rows(small_workspace_path, "SELECT uuid FROM danger_zone WHERE name = 'Shelling north'")
    assert canvas.selection() == {"danger_zone": {uuid}}  # the need is no longer selected
    assert window.feature_panel.uuid == uuid and window.marking_panel.uuid == uuid
    assert "Shelling north" in window.feature_panel.title.text()
    assert "features selected" not in window.statusBar().currentMessage()


@pytest.fixture
def ladder_window(make_main_window, tmp_path: Path):
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson",
             "ladder_needs.geojson")
    return make_main_window(path)


def test_save_as_corridor_selects_only_the_corridor_and_shows_its_risk(qtbot, ladder_window) -> None:
    window = ladder_window
    canvas = window.canvas
    _click_feature(qtbot, window, *at(0.4, 0), "road")  # the road A-B selected before
    menu = window.actions.menus["&Analysis"]
    (route,) = [a for a in menu.actions() if a.text() == "Route…"]
    route.trigger()
    dialog = window.planning.dialogs["route"]
    for name, place in (("start", at(0, 0.3)), ("end", at(2, 0.3))):
        qtbot.mouseClick(dialog.widgets[name].pick_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, *place))
    with qtbot.waitSignal(dialog.resultReady, timeout=30_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    panel = window.planning.results
    qtbot.mouseClick(panel.corridor_button, Qt.MouseButton.LeftButton)
    save = panel.corridor_dialog
    save.name.clear()
    qtbot.keyClicks(save.name, "North detour")
    qtbot.mouseClick(save.ok_button, Qt.MouseButton.LeftButton)
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.count("corridor") == 1, timeout=WAIT_MS)
    uuid = ws.read_layer("corridor").iloc[0]["uuid"]

    assert canvas.selection() == {"corridor": {uuid}}  # not the road too
    # the table follows the map's selection once it has (re)loaded after the save
    qtbot.waitUntil(lambda: ROAD["A-B"] not in window.attribute_table.selected_uuids(), timeout=5000)
    qtbot.waitUntil(lambda: window.feature_panel.uuid == uuid, timeout=5000)
    risk = window.findChild(QLabel, "corridor_risk")
    qtbot.waitUntil(risk.isVisible, timeout=5000)
    assert "Risk now" in risk.text() and "/100" in risk.text()
