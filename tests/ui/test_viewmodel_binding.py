"""The widgets bind to the Qt-free view models (humanops.viewmodel): the layers panel, the
attribute table and the map read the layer list and the selection from the canvas's models and
follow their events, driven here by real mouse and keyboard events through the MainWindow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import select_in_table

WAIT_MS = 20_000


def test_opacity_slider_and_model_follow_each_other(qtbot, main_window) -> None:
    window = main_window
    panel, layers = window.layers_panel, window.canvas.layers_model
    panel.set_current_layer("need")
    panel.opacity.setFocus()
    qtbot.keyClick(panel.opacity, Qt.Key.Key_PageDown)  # one page step down: 90 %
    assert panel.opacity.value() == 90
    assert layers.opacity("need") == 0.9 and window.canvas.layer_opacity("need") == 0.9

    layers.set_opacity("need", 0.25)  # set elsewhere (a script, a replay): the slider shows it
    assert panel.opacity.value() == 25
    layers.set_opacity("road", 0.5)  # another layer: the slider stays with the current one
    assert panel.opacity.value() == 25
    panel.set_current_layer("road")
    assert panel.opacity.value() == 50


def test_unchecking_a_layer_hides_it_in_the_model(qtbot, main_window) -> None:
    window = main_window
    panel = window.layers_panel
    item = panel.layer_item("need")
    rect = panel.tree.visualItemRect(item)
    seen: list[tuple[str, bool]] = []
    window.canvas.layers_model.visibilityChanged.connect(lambda name, visible: seen.append((name, visible)))
    # The check box sits at the row's left edge, after the indentation.
    box = rect.topLeft() + type(rect.topLeft())(panel.tree.indentation() // 2 + 8, rect.height() // 2)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert seen == [("need", False)]
    assert not window.canvas.is_layer_visible("need")
    assert "need" not in window.canvas.layers_model.top_first(visible_only=True)


def test_selection_lives_in_the_model_and_a_new_one_replaces_it(qtbot, main_window) -> None:
    window = main_window
    selection = window.canvas.selection_model
    uuid = select_in_table(qtbot, window, "need", row=0)
    qtbot.waitUntil(lambda: selection.of("need") == {uuid}, timeout=WAIT_MS)
    assert window.canvas.selection() == {"need": {uuid}}

    emitted: list[tuple[str, list]] = []
    window.canvas.selectionChanged.connect(lambda layer, uuids: emitted.append((layer, uuids)))
    selection.apply({"road": {"r-1"}}, mode="replace")  # as a new feature does: the only selection
    assert emitted == [("need", []), ("road", ["r-1"])]
    assert window.attribute_table.selected_uuids() == []  # the table showing "need" follows
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not selection, timeout=WAIT_MS)
