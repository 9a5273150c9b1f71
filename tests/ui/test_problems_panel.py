"""Edits made in another tool (QGIS, a script) while the app has the workspace open, or before:
the invalid ones are listed in the Problems panel with the field and the reason, a double-click
or Enter shows the feature, fixing it in the form takes it off the list, and the app follows
the file by itself (a poll) or on F5.

Plain SQLite with the workspace's SQL functions stands in for the other tool, as in
tests/test_other_tool_edits.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox
from ui_helpers import click_row, rows

from humanops.store.gpkg_geometry import register_functions

TIMEOUT_MS = 20_000


def _other_tool_writes(path: Path, sql: str, params: tuple = ()) -> None:
    """One committed edit through a connection of another program."""
    connection = sqlite3.connect(path)
    register_functions(connection)  # QGIS's SQLite has them through GDAL; the triggers call them
    try:
        connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()


def _uuid(path: Path, layer: str, name: str) -> str:
    [(uuid,)] = rows(path, f'SELECT uuid FROM "{layer}" WHERE name = ?', (name,))
    return uuid


def _table(panel) -> list[tuple[str, ...]]:
    """The rows as the user reads them, in the view's order."""
    model = panel.view.model()
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def _checked(qtbot, window) -> None:
    """Until the check the window runs in a worker has finished."""
    qtbot.waitUntil(lambda: window.problems_watch.worker is None, timeout=TIMEOUT_MS)


def _double_click_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, 1)
    view.scrollTo(index)
    where = view.visualRect(index).center()
    # As a mouse sends it: QTest's double-click event alone comes without the press before it.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_invalid_values_written_before_opening_are_listed_and_a_double_click_shows_the_feature(
        qtbot, make_main_window, small_workspace_path: Path) -> None:
    path = small_workspace_path
    _other_tool_writes(path, "UPDATE need SET population = -5 WHERE name = 'Village 2'")
    _other_tool_writes(path, "UPDATE facility SET tlp = 'PURPLE' WHERE name = 'Hospital Al-Noor'")
    village = _uuid(path, "need", "Village 2")
    hospital = _uuid(path, "facility", "Hospital Al-Noor")

    window = make_main_window(path)
    panel, dock = window.problems_panel, window.docks["problems"]
    qtbot.waitUntil(lambda: panel.problem_count() == 2, timeout=TIMEOUT_MS)

    assert _table(panel) == [
        ("Civilian needs", "Village 2", "Population", "-5 is below the minimum 0"),
        ("Facilities", "Hospital Al-Noor", "TLP",
         "'PURPLE' is not a TLP 2.0 level (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)"),
    ]
    assert dock.windowTitle() == "Problems (2)"
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()  # raised over the attribute table
    assert "2 features edited in another tool need fixing" in window.statusBar().currentMessage()
    assert panel.summary.text().startswith("2 features edited in another tool need fixing")

    # Sortable: a click on the Feature header puts the hospital first.
    header = panel.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    assert [r[1] for r in _table(panel)] == ["Hospital Al-Noor", "Village 2"]

    _double_click_row(qtbot, panel.view, 1)
    assert window.canvas.selection() == {"need": {village}}
    assert (window.feature_panel.layer, window.feature_panel.uuid) == ("need", village)
    assert "Village 2" in window.feature_panel.title.text()

    # A TLP the app cannot read at all: selected on the map, and the status line says why the form is empty.
    _double_click_row(qtbot, panel.view, 0)
    assert window.canvas.selection() == {"facility": {hospital}}
    assert window.feature_panel.uuid is None
    assert "'PURPLE' is not a TLP 2.0 level" in window.statusBar().currentMessage()


def test_a_bad_value_written_while_open_appears_and_fixing_it_in_the_form_removes_it(
        qtbot, make_main_window, small_workspace_path: Path) -> None:
    path = small_workspace_path
    window = make_main_window(path)
    panel, dock = window.problems_panel, window.docks["problems"]
    _checked(qtbot, window)
    assert panel.problem_count() == 0 and panel.stack.currentWidget() is panel.empty
    assert panel.empty.text().startswith("No problems")
    assert dock.windowTitle() == "Problems"

    # QGIS saves an edit while the app is open: the poll (about every 2 s) notices it.
    _other_tool_writes(path, "UPDATE need SET population = -40 WHERE name = 'Village 3'")
    village = _uuid(path, "need", "Village 3")
    qtbot.waitUntil(lambda: panel.problem_count() == 1, timeout=TIMEOUT_MS)
    assert _table(panel) == [("Civilian needs", "Village 3", "Population", "-40 is below the minimum 0")]
    assert dock.windowTitle() == "Problems (1)"

    # Enter on the row shows the feature in the form.
    click_row(qtbot, panel.view, 0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    form = window.feature_panel
    assert (form.layer, form.uuid) == ("need", village)

    # A spin box cannot hold -40: it shows no value (not a clamped 0) and says why. Type a count.
    spin = form.form.editors["population"].input
    assert isinstance(spin, QAbstractSpinBox) and spin.text() == "—"
    assert form.form.errors() == {"population": "-40 is below the minimum 0 (as stored): choose a valid value"}
    assert not form.apply_button.isEnabled()
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "700")
    assert form.apply_button.isEnabled()
    qtbot.mouseClick(form.apply_button, Qt.MouseButton.LeftButton)
    assert rows(path, "SELECT population FROM need WHERE uuid = ?", (village,)) == [(700,)]

    qtbot.waitUntil(lambda: panel.problem_count() == 0, timeout=TIMEOUT_MS)
    assert panel.stack.currentWidget() is panel.empty and panel.empty.text().startswith("No problems")
    assert dock.windowTitle() == "Problems"


def test_f5_rereads_the_map_and_checks_what_changed(qtbot, make_main_window, small_workspace_path: Path) -> None:
    path = small_workspace_path
    window = make_main_window(path)
    window.problems_watch._poll.stop()  # only F5 may notice the change here
    panel = window.problems_panel
    _checked(qtbot, window)
    reread: list[str] = []
    original = window.canvas.refresh_layer
    window.canvas.refresh_layer = lambda name: (reread.append(name), original(name))[1]

    _other_tool_writes(path, "INSERT INTO need (geom, name, population) SELECT geom, 'Camp 9', -1 FROM need "
                             "WHERE name = 'Village 0'")
    qtbot.wait(300)
    assert panel.problem_count() == 0 and not reread  # nothing noticed it yet

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "need" in reread  # the map re-reads the layers written elsewhere
    qtbot.waitUntil(lambda: panel.problem_count() == 1, timeout=TIMEOUT_MS)
    assert _table(panel) == [("Civilian needs", "Camp 9", "Population", "-1 is below the minimum 0")]
    qtbot.waitUntil(lambda: len(window.canvas.snapshot("need") or ()) == 7, timeout=TIMEOUT_MS)  # drawn


def test_problems_go_when_another_tool_fixes_or_deletes_the_features(
        qtbot, make_main_window, small_workspace_path: Path) -> None:
    path = small_workspace_path
    _other_tool_writes(path, "UPDATE need SET severity_phase = 9 WHERE name IN ('Village 1', 'Village 4')")
    window = make_main_window(path)
    panel = window.problems_panel
    qtbot.waitUntil(lambda: panel.problem_count() == 2, timeout=TIMEOUT_MS)

    _other_tool_writes(path, "UPDATE need SET severity_phase = 3 WHERE name = 'Village 1'")
    _other_tool_writes(path, "DELETE FROM need WHERE name = 'Village 4'")
    _other_tool_writes(path, "UPDATE corridor SET width_m = -3")  # and a new one elsewhere
    qtbot.waitUntil(lambda: [r[1] for r in _table(panel)] == ["Southern corridor"], timeout=TIMEOUT_MS)
    assert window.docks["problems"].windowTitle() == "Problems (1)"


def test_the_apps_own_worker_commits_are_reread_once(qtbot, make_main_window, small_workspace_path: Path) -> None:
    """An import writes through the worker's own connection and the window re-reads after it;
    the poll then finds that version of the file seen and does not re-read the map again."""
    from shapely.geometry import Point

    from humanops.store.workspace import Workspace
    from humanops.ui.workers import Worker

    path = small_workspace_path
    window = make_main_window(path)
    watch = window.problems_watch
    watch._poll.setInterval(100)
    _checked(qtbot, window)
    reread: list[str] = []
    original = window.canvas.refresh_layer
    window.canvas.refresh_layer = lambda name: (reread.append(name), original(name))[1]

    def import_one(_feedback) -> None:
        with Workspace.open(path) as own:
            own.add_feature("need", Point(36.2, 36.2), {"name": "Imported camp", "population": 80})

    worker = Worker(import_one, title="import")
    worker.succeeded.connect(lambda _result: window.refresh_layers(["need"], reread_map=True))
    worker.start()
    qtbot.waitUntil(lambda: bool(reread), timeout=TIMEOUT_MS)
    _checked(qtbot, window)
    qtbot.wait(800)  # several polls
    assert reread == ["need"]
    assert window.problems_panel.problem_count() == 0


def test_a_long_check_shows_its_progress_and_cancel_stops_it(qtbot, make_main_window, small_workspace_path: Path,
                                                             monkeypatch) -> None:
    import time

    from humanops.ui import problems_watch

    real_check = problems_watch.check_other_tool_edits

    def slow_check(_path, _since, feedback):  # a large workspace: progress until cancelled
        while True:
            feedback.progress(0.4, "checking need")
            time.sleep(0.02)

    monkeypatch.setattr(problems_watch, "check_other_tool_edits", slow_check)
    path = small_workspace_path
    window = make_main_window(path)
    panel = window.problems_panel
    assert panel.summary.text() == "Checking the features edited in other tools…"
    qtbot.waitUntil(panel.cancel_button.isVisible, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.progress.value() == 400, timeout=TIMEOUT_MS)
    assert panel.progress.isVisible()

    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    _checked(qtbot, window)
    assert not panel.cancel_button.isVisible() and not panel.progress.isVisible()
    assert panel.summary.text().startswith("Check cancelled")

    # Nothing was checked: F5 checks every feature again.
    monkeypatch.setattr(problems_watch, "check_other_tool_edits", real_check)
    _other_tool_writes(path, "UPDATE need SET population = -2 WHERE name = 'Village 5'")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: panel.problem_count() == 1, timeout=TIMEOUT_MS)
    assert _table(panel)[0][1:] == ("Village 5", "Population", "-2 is below the minimum 0")


def test_a_value_the_form_cannot_open_is_fixed_from_the_panel(qtbot, make_main_window, small_workspace_path: Path,
                                                              monkeypatch) -> None:
    """A TLP of 'PURPLE' makes no marking, so the form cannot show the feature: Fix value…
    offers the TLP levels and writes the chosen one as a new version; the row goes."""
    from PySide6.QtWidgets import QInputDialog

    path = small_workspace_path
    _other_tool_writes(path, "UPDATE facility SET tlp = 'PURPLE' WHERE name = 'Hospital Al-Noor'")
    hospital = _uuid(path, "facility", "Hospital Al-Noor")
    window = make_main_window(path)
    panel = window.problems_panel
    qtbot.waitUntil(lambda: panel.problem_count() == 1, timeout=TIMEOUT_MS)
    assert not panel.fix_button.isEnabled()  # nothing chosen yet
    click_row(qtbot, panel.view, 0)
    assert panel.fix_button.isEnabled()
    offered: list[list[str]] = []

    def choose(parent, title, label, items, current, editable):  # Qt's modal list, answered as a user would
        offered.append(list(items))
        return "AMBER", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert offered == [["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]]
    qtbot.waitUntil(lambda: panel.problem_count() == 0, timeout=TIMEOUT_MS)
    fixed = window.workspace.get_feature("facility", hospital)
    assert fixed.marking.tlp.value == "AMBER" and fixed.version == 3
