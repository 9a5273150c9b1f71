"""The Results dock shows what the planning worker prepared: the saved plans listed from the
worker's read (no read on the GUI thread), the table view of a tab built when the tab is first
shown, and the problems watch's re-read done once, after the result's own frame. Driven through
the Analysis menu, the dialog's Run button and a click on a tab."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from planning_helpers import load
from PySide6.QtCore import Qt

from humanops.analysis import plans
from humanops.store.workspace import Workspace


@pytest.fixture
def ladder_path(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson",
             "ladder_needs.geojson")
    return path


def test_a_plan_is_shown_from_the_workers_reads_and_tabs_build_their_table_when_shown(
        qtbot, make_main_window, ladder_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_main_window(ladder_path)
    listed_on: list[str] = []
    original = plans.list_plans

    def recording(workspace: Workspace, kind: str | None = None) -> list[dict]:
        listed_on.append(threading.current_thread().name)
        return original(workspace, kind)

    monkeypatch.setattr(plans, "list_plans", recording)
    rereads: list[int] = []
    reread = window.problems_watch.reread
    monkeypatch.setattr(window.problems_watch, "reread", lambda: (rereads.append(1), reread())[1])
    # What the result's own frame did: read when its slot returns (the test's wait for the signal
    # may run the next turn of the event loop before it returns, under load).
    in_frame: list[int] = []
    show = window.planning.show_result
    monkeypatch.setattr(window.planning, "show_result", lambda run: (show(run), in_frame.append(len(rereads)))[0])

    menu = window.actions.menus["&Analysis"]
    next(a for a in menu.actions() if a.text() == "Evacuation plan…").trigger()
    dialog = window.planning.dialogs["plan_evacuation"]
    with qtbot.waitSignal(dialog.resultReady, timeout=30_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    panel = window.planning.results

    # The new plan is listed from what the worker read after saving it.
    assert panel.plan_combo.count() == 1
    assert listed_on and threading.main_thread().name not in listed_on
    # Only the tab shown has its table built; the others wait for their tab.
    names = list(panel.current_run().result.tables)
    assert panel.tabs.currentIndex() == 0 and set(panel.views) == {names[0]}
    assert in_frame == [0]  # not in the result's own frame
    qtbot.waitUntil(lambda: len(rereads) == 1, timeout=5_000)

    bar = panel.tabs.tabBar()
    shelters = names.index("shelters")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(shelters).center())
    assert panel.tabs.currentIndex() == shelters and "shelters" in panel.views
    view = panel.views["shelters"]
    assert view.isVisible() and view.model().rowCount() == len(panel.current_run().result.tables["shelters"])
    assert panel.current_table()[0] == "shelters"
    qtbot.wait(100)
    assert len(rereads) == 1
