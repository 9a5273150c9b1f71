"""The search box's completions (ui/search_box.py): served from the names the worker prepared
(a numpy search, a small model of what matches), chosen with the keyboard; the start-up warm-up
of what workers would otherwise load holding the GIL (ui/gc_policy.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from humanops.ui import search_box


def _ready_box(qtbot, window):
    box = window.actions.search_box
    qtbot.waitUntil(lambda: not box.is_loading() and bool(box.names.texts), timeout=10_000)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    return box


def test_the_second_of_several_completions_goes_to_that_feature(qtbot, main_window, tmp_path) -> None:
    window = main_window
    box = _ready_box(qtbot, window)
    qtbot.keyClicks(box, "VILLAGE")  # case-folded, anywhere in the name
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    expected = [text for text in box.names.texts if "village" in text.casefold()]
    assert shown == expected and len(shown) >= 2
    assert box.completer().model().rowCount() == len(expected)  # only the matches, not every name
    assert window.grab().save(str(tmp_path / "completions.png")) and popup.grab().save(str(tmp_path / "popup.png"))
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    layer, uuid = box.names.features[box.names.texts.index(shown[1])]
    qtbot.waitUntil(lambda: window.canvas.selection().get(layer) == {uuid}, timeout=3000)
    assert shown[1].split(" — ")[0] in window.statusBar().currentMessage()


def test_completions_are_capped_and_nothing_matching_shows_nothing(qtbot, main_window, monkeypatch) -> None:
    window = main_window
    box = _ready_box(qtbot, window)
    monkeypatch.setattr(search_box, "MAX_COMPLETIONS", 2)
    qtbot.keyClicks(box, "e")
    assert box.completer().model().rowCount() == 2
    qtbot.keyClicks(box, "zzzq")
    assert box.completer().model().rowCount() == 0 and not box.completer().popup().isVisible()


def test_the_solver_libraries_are_loaded_once_idle(qtbot, main_window) -> None:
    from humanops.ui import gc_policy

    qtbot.waitUntil(lambda: gc_policy.freezes() > 0, timeout=10_000)  # the first idle after the map
    assert gc_policy._warmed
    assert "ortools.graph.python.min_cost_flow" in sys.modules and "ortools.graph.python.max_flow" in sys.modules
