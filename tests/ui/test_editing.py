"""Drawing and editing through the real widgets: every edit is in the GeoPackage the moment
it is made, undo and redo are new versions of the same feature, and nothing unsaved is lost
on close without asking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import canvas_point, click_row, rows


def _draw_corridor(qtbot, window, points: list[tuple[float, float]]) -> None:
    window.actions.draw["corridor"].trigger()
    canvas = window.canvas
    pixels = [canvas_point(canvas, lon, lat) for lon, lat in points]
    for pixel in pixels[:-1]:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[-1])
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=pixels[-1])


def _select_in_table(qtbot, window, layer: str, row: int = 0) -> str:
    table = window.attribute_table
    if table.layer != layer:
        table.set_layer(layer)
        qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() > 0, timeout=10_000)
    click_row(qtbot, table.view, row)
    (uuid,) = table.selected_uuids()
    return uuid


def test_draw_a_corridor_with_clicks_then_undo_and_redo(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    _draw_corridor(qtbot, window, [(36.05, 36.02), (36.15, 36.10), (36.25, 36.12)])
    qtbot.waitUntil(lambda: window.editing.new_feature_dialog is not None, timeout=5000)
    dialog = window.editing.new_feature_dialog
    # Prefilled from the kind: the corridor's default width and the layer's default marking.
    assert dialog.form.values()["width_m"] == 500.0
    assert dialog.marking_editor.tlp() == "AMBER"
    assert not dialog.ok_button().isEnabled()  # the name is required
    name = dialog.form.editors["name"].input
    qtbot.keyClicks(name, "Eastern corridor")
    assert dialog.ok_button().isEnabled()
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert window.editing.new_feature_dialog is None

    stored = rows(small_workspace_path, "SELECT uuid, width_m, tlp, version, originator FROM corridor "
                                        "WHERE name = 'Eastern corridor'")
    assert len(stored) == 1
    uuid, width, tlp, version, originator = stored[0]
    assert (width, tlp, version, originator) == (500.0, "AMBER", 1, "ocha")
    assert window.canvas.selection() == {"corridor": {uuid}}

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert rows(small_workspace_path, "SELECT count(*) FROM corridor WHERE uuid = ?", (uuid,)) == [(0,)]
    assert rows(small_workspace_path, "SELECT deleted FROM humanops_history WHERE uuid = ? ORDER BY version DESC "
                                      "LIMIT 1", (uuid,)) == [(1,)]

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    again = rows(small_workspace_path, "SELECT name, width_m, tlp, version FROM corridor WHERE uuid = ?", (uuid,))
    assert again == [("Eastern corridor", 500.0, "AMBER", 3)]  # the same feature, its next version


def test_cancel_in_the_new_feature_form_discards_the_drawing(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    before = rows(small_workspace_path, "SELECT count(*) FROM corridor")
    _draw_corridor(qtbot, window, [(36.05, 36.02), (36.15, 36.10)])
    qtbot.waitUntil(lambda: window.editing.new_feature_dialog is not None, timeout=5000)
    window.editing.new_feature_dialog.buttons.rejected.emit()
    assert window.editing.new_feature_dialog is None
    assert rows(small_workspace_path, "SELECT count(*) FROM corridor") == before
    assert window.undo_stack.count() == 0


def test_esc_cancels_a_drawing(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    window.actions.draw["danger_zone"].trigger()
    for lon, lat in [(36.0, 36.0), (36.1, 36.0)]:
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=canvas_point(window.canvas, lon, lat))
    assert window.editing.has_unfinished_drawing()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not window.editing.has_unfinished_drawing()
    assert window.editing.new_feature_dialog is None
    assert rows(small_workspace_path, "SELECT count(*) FROM danger_zone") == [(2,)]


def test_edit_a_features_marking_in_the_form(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    uuid = _select_in_table(qtbot, window, "need", 0)
    panel = window.marking_panel
    assert panel.uuid == uuid
    assert not panel.apply_button.isEnabled()
    qtbot.mouseClick(panel.editor.tlp_buttons["RED"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.editor.caveat_boxes["protection_sensitive"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.editor.other_parties, "medaid, unicef")
    panel.editor.precision_mode.setCurrentIndex(panel.editor.precision_mode.findData("grid"))
    panel.editor.grid_m.setValue(2000)
    assert panel.apply_button.isEnabled()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)

    stored = rows(small_workspace_path, "SELECT tlp, releasable_to, caveats, precision, version FROM need "
                                        "WHERE uuid = ?", (uuid,))
    assert stored == [("RED", "medaid,unicef", "protection_sensitive", "grid:2000", 2)]
    assert not panel.is_dirty()  # the panel shows the stored version now
    window.undo_stack.undo()
    assert rows(small_workspace_path, "SELECT tlp, precision, version FROM need WHERE uuid = ?",
                (uuid,)) == [("AMBER", "exact", 3)]


def test_a_refused_party_id_is_explained_and_not_stored(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    uuid = _select_in_table(qtbot, window, "facility", 0)
    editor = window.marking_panel.editor
    qtbot.keyClicks(editor.other_parties, "not an id!")
    assert editor.message.isVisible() and "releasable_to" in editor.message.text()
    assert not window.marking_panel.apply_button.isEnabled()
    assert rows(small_workspace_path, "SELECT version FROM facility WHERE uuid = ?", (uuid,)) == [(1,)]
    editor.other_parties.clear()


def test_the_form_validates_inline_and_applies_through_the_undo_stack(qtbot, main_window,
                                                                      small_workspace_path: Path) -> None:
    window = main_window
    uuid = _select_in_table(qtbot, window, "need", 1)
    form = window.feature_panel.form
    name = form.editors["name"].input
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    message = form._messages["name"]
    qtbot.waitUntil(message.isVisible, timeout=2000)
    assert message.text() == "is required"
    assert not window.feature_panel.apply_button.isEnabled()
    qtbot.keyClicks(name, "Village renamed")
    population = form.editors["population"].input
    population.setValue(4321)
    assert not message.isVisible()
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    assert rows(small_workspace_path, "SELECT name, population, version FROM need WHERE uuid = ?",
                (uuid,)) == [("Village renamed", 4321, 2)]
    window.undo_stack.undo()
    assert rows(small_workspace_path, "SELECT name, population, version FROM need WHERE uuid = ?",
                (uuid,)) == [("Village 1", 750, 3)]


def test_delete_key_deletes_the_selection_and_undo_brings_it_back(qtbot, main_window,
                                                                 small_workspace_path: Path) -> None:
    window = main_window
    uuid = _select_in_table(qtbot, window, "facility", 0)
    before = rows(small_workspace_path, "SELECT name, tlp, originator FROM facility WHERE uuid = ?", (uuid,))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert rows(small_workspace_path, "SELECT count(*) FROM facility WHERE uuid = ?", (uuid,)) == [(0,)]
    assert window.canvas.selection().get("facility", set()) == set()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(small_workspace_path, "SELECT name, tlp, originator FROM facility WHERE uuid = ?", (uuid,)) == before


def test_close_with_unapplied_changes_asks(qtbot, main_window, small_workspace_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = main_window
    uuid = _select_in_table(qtbot, window, "need", 2)
    qtbot.keyClicks(window.feature_panel.form.editors["notes"].input, "road blocked since Monday")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):
        def ask(parent, title, text, *args, **kwargs):
            asked.append(text)
            return button
        return staticmethod(ask)

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Cancel))
    window.close()
    assert window.isVisible() and window.workspace is not None  # Cancel keeps everything
    assert "changed fields not yet applied" in asked[-1]

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Save))
    window.close()
    assert not window.isVisible()
    assert rows(small_workspace_path, "SELECT notes, version FROM need WHERE uuid = ?",
                (uuid,)) == [("road blocked since Monday", 2)]
    assert len(asked) == 2


def test_close_with_an_unfinished_drawing_asks_and_discard_drops_it(qtbot, main_window, small_workspace_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = main_window
    window.actions.draw["corridor"].trigger()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=canvas_point(window.canvas, 36.1, 36.1))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Discard))
    window.close()
    assert asked and "drawing" in asked[0]
    assert not window.isVisible()
    assert rows(small_workspace_path, "SELECT count(*) FROM corridor") == [(1,)]


# --- the undo commands on their own -------------------------------------------------------------

def test_undo_commands_keep_the_uuid_and_refuse_to_overwrite_a_newer_version(workspace) -> None:
    from PySide6.QtGui import QUndoStack
    from shapely.geometry import Point

    from humanops.model.marking import TLP, Marking
    from humanops.ui.undo_commands import AddFeature, DeleteFeature, UpdateFeature, push_edit

    stack = QUndoStack()
    errors: list[str] = []
    add = AddFeature(workspace, "need", Point(30, 10), {"name": "Camp", "population": 100},
                     Marking(tlp=TLP.GREEN), on_error=errors.append)
    push_edit(stack, add)
    uuid = add.uuid
    # Fields (through the authority rule) and marking (through set_marking, the one way to set
    # one) in one transaction: two versions, committed together.
    push_edit(stack, UpdateFeature(workspace, "need", uuid, properties={"population": 250},
                                   marking=Marking(tlp=TLP.RED), on_error=errors.append))
    feature = workspace.get_feature("need", uuid)
    assert (feature.properties["population"], feature.marking.tlp, feature.version) == (250, TLP.RED, 3)
    stack.undo()
    feature = workspace.get_feature("need", uuid)
    assert (feature.properties["population"], feature.marking.tlp, feature.version) == (100, TLP.GREEN, 5)
    push_edit(stack, DeleteFeature(workspace, "need", [uuid], on_error=errors.append))
    assert workspace.find_feature("need", uuid) is None
    stack.undo()
    assert workspace.get_feature("need", uuid).marking.tlp == TLP.GREEN
    # Someone else (a partner's update) changes the feature: undoing our add (a delete of the
    # version we made) must not erase their newer version.
    workspace.update_feature("need", uuid, properties={"population": 999})
    stack.undo()
    assert workspace.get_feature("need", uuid).properties["population"] == 999
    assert errors and "changed meanwhile" in errors[-1]


def test_a_refused_edit_never_enters_the_undo_stack(workspace) -> None:
    from PySide6.QtGui import QUndoStack
    from shapely.geometry import Point

    from humanops.errors import ValidationError
    from humanops.ui.undo_commands import AddFeature, push_edit

    stack = QUndoStack()
    with pytest.raises(ValidationError, match="population"):
        push_edit(stack, AddFeature(workspace, "need", Point(30, 10), {"name": "Camp", "population": -5}))
    assert stack.count() == 0
    assert workspace.count("need") == 0


def test_drag_a_vertex_then_undo(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    uuid = _select_in_table(qtbot, window, "danger_zone", 0)
    window.canvas.zoom_to_layer("danger_zone")
    window.rendered.clear()
    qtbot.waitUntil(lambda: bool(window.rendered), timeout=10_000)
    window.actions.edit_vertices.trigger()
    canvas = window.canvas
    corner = canvas_point(canvas, 36.10, 36.00)
    target = canvas_point(canvas, 36.12, 35.99)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(canvas, target)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    (version,) = rows(small_workspace_path, "SELECT version FROM danger_zone WHERE uuid = ?", (uuid,))[0]
    assert version == 2
    feature = window.workspace.get_feature("danger_zone", uuid)
    corners = [(round(x, 2), round(y, 2)) for x, y in feature.geometry.geoms[0].exterior.coords]
    assert (36.12, 35.99) in corners and (36.10, 36.00) not in corners  # that corner moved, no other
    assert (36.10, 36.08) in corners
    assert window.undo_stack.undoText().startswith("Move vertices")
    window.undo_stack.undo()
    restored = window.workspace.get_feature("danger_zone", uuid)
    assert (36.10, 36.00) in [(round(x, 2), round(y, 2)) for x, y in restored.geometry.geoms[0].exterior.coords]
    assert restored.version == 3


def test_releasable_to_is_picked_from_the_partner_directory(qtbot, make_main_window,
                                                             small_workspace_path: Path) -> None:
    from humanops.sharing.directory_store import define_community
    from humanops.store.workspace import Workspace

    with Workspace.open(small_workspace_path) as ws:
        define_community(ws, "wash-cluster", "WASH cluster", ("medaid", "waterbridge"))
    window = make_main_window(small_workspace_path)
    uuid = _select_in_table(qtbot, window, "need", 0)
    editor = window.marking_panel.editor
    labels = [editor.parties.item(i).text() for i in range(editor.parties.count())]
    assert any("WASH cluster" in label for label in labels)
    (item,) = [editor.parties.item(i) for i in range(editor.parties.count())
               if editor.parties.item(i).data(Qt.ItemDataRole.UserRole) == "wash-cluster"]
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(window.marking_panel.apply_button, Qt.MouseButton.LeftButton)
    assert rows(small_workspace_path, "SELECT releasable_to FROM need WHERE uuid = ?", (uuid,)) == [("wash-cluster",)]


def test_the_expiry_warning_asks_the_workspace_clock(qtbot, make_main_window, small_workspace_path: Path) -> None:
    """A scenario workspace runs on its scenario time: an expiry before it is in the past there."""
    from PySide6.QtCore import QDateTime, QTimeZone

    from humanops.store.workspace import Workspace

    with Workspace.open(small_workspace_path) as ws:
        ws.set_meta("scenario_now", "2031-06-01T00:00:00Z")
    window = make_main_window(small_workspace_path)
    _select_in_table(qtbot, window, "need", 0)
    editor = window.marking_panel.editor
    qtbot.mouseClick(editor.never_expires, Qt.MouseButton.LeftButton)
    editor.expires.setDateTime(QDateTime.fromString("2031-01-01T00:00:00Z", Qt.DateFormat.ISODate)
                               .toTimeZone(QTimeZone.utc()))
    assert editor.message.isVisible() and "expiry is in the past" in editor.message.text()
    editor.expires.setDateTime(QDateTime.fromString("2031-12-01T00:00:00Z", Qt.DateFormat.ISODate)
                               .toTimeZone(QTimeZone.utc()))
    assert not editor.message.isVisible()
    window.marking_panel.revert()
