"""The scenario clock drives the app (issue 15, item 2 and follow-ups): in an exercise whose clock
runs, a danger zone whose validity starts at T+1h raises its alert when the clock gets there, with
no edit; the map's "valid at", set to now, follows the clock; the planning dialogs' "Now" is the
workspace clock's. And the import dialog refuses another exercise's file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from shapely.geometry import Polygon

from humanops.feedback import Feedback
from humanops.model.clock import workspace_now
from humanops.scenario.exercise import create_exercise, set_clock
from humanops.store.workspace import Workspace
from humanops.ui.panels import time_slider as time_slider_module
from humanops.ui.planning import trigger_watch as trigger_watch_module

NAME = "Kavera Flood 2026"
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WAIT_MS = 20_000
RULES = """
version = 1

[[rule]]
id = "corridor-at-risk"
type = "danger_near_corridor"
title = "Corridor at risk"
level = "high"
min_severity = 5
distance_m = 200
corridor_status = ["open"]
"""


@pytest.fixture
def exercise_path(small_workspace_path: Path, tmp_path: Path, monkeypatch) -> Path:
    """The small workspace with the rule and a severity 5 zone across the Southern corridor valid
    from T+1h, copied as an exercise at T0, its clock paused at 36,000x (an hour in 0.1 s)."""
    from humanops.analysis.triggers import adopt_rules

    # the watch and the slider read the clock ten times a second here (once a second in the app)
    monkeypatch.setattr(trigger_watch_module, "TIME_CHECK_MS", 100)
    monkeypatch.setattr(time_slider_module, "FOLLOW_MS", 100)
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with Workspace.open(small_workspace_path) as ws:
        adopt_rules(ws, rules)
        ws.add_feature("danger_zone", Polygon([(36.14, 36.04), (36.16, 36.04), (36.16, 36.06), (36.14, 36.06)]),
                       {"name": "Front at T+1h", "hazard": "shelling", "severity": 5,
                        "valid_from": T0 + timedelta(hours=1)})
    path = tmp_path / "exercise.gpkg"
    create_exercise(small_workspace_path, path, name=NAME, start=T0)
    with Workspace.open(path) as ex:
        set_clock(ex, speed=36_000)  # still paused: the test starts it from the window
    return path


def test_a_running_clock_raises_the_alert_of_a_zone_that_becomes_valid_without_any_edit(qtbot, make_main_window,
                                                                                        exercise_path):
    window = make_main_window(exercise_path)
    watch, alerts = window.planning.watch, window.alerts_panel
    qtbot.waitUntil(lambda: watch.engine is not None, timeout=WAIT_MS)
    # paused at T0: the zone is not valid yet, and the watch knows when it becomes so
    qtbot.waitUntil(lambda: watch.next_boundary() == T0 + timedelta(hours=1), timeout=WAIT_MS)
    assert alerts.alert_count() == 0
    edits = window.workspace.last_change_seq()

    qtbot.mouseClick(window.exercise_clock.button, Qt.MouseButton.LeftButton)  # resume: 36,000x
    qtbot.waitUntil(lambda: alerts.alert_count() == 1, timeout=WAIT_MS)
    alert = alerts.alerts[0]
    assert (alert.rule_id, alert.state) == ("corridor-at-risk", "active") and "Front at T+1h" in alert.description
    assert alert.first_fired >= T0 + timedelta(hours=1)  # fired at the scenario's time, not the wall clock's
    assert window.workspace.last_change_seq() == edits and window.undo_stack.count() == 0  # no edit did it
    # next: the moment after the Shelling area's window ends (its end is inclusive)
    end = datetime(2026, 12, 31, tzinfo=UTC) + timedelta(milliseconds=1)
    qtbot.waitUntil(lambda: watch.next_boundary() == end, timeout=WAIT_MS)


def test_valid_at_now_follows_the_scenario_clock(qtbot, make_main_window, exercise_path):
    window = make_main_window(exercise_path)
    slider = window.time_slider
    qtbot.mouseClick(slider.enabled_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(slider.now_button, Qt.MouseButton.LeftButton)
    assert slider.following and abs(slider.time() - T0) <= slider._step
    shown: list[datetime | None] = []
    slider.timeChanged.connect(shown.append)

    qtbot.mouseClick(window.exercise_clock.button, Qt.MouseButton.LeftButton)  # resume: 10 scenario hours a second
    qtbot.waitUntil(lambda: slider.time() >= T0 + timedelta(hours=2), timeout=WAIT_MS)
    assert shown and shown[-1] == slider.time()  # the map was told, not only the slider moved
    assert abs(slider.time() - workspace_now(window.workspace)) <= slider._step + timedelta(hours=10)
    assert slider.label.text() != ""

    slider.slider.setValue(0)  # moved by hand: a moment of its own, no longer "now"
    assert not slider.following
    at = slider.time()
    qtbot.wait(300)
    assert slider.time() == at


def test_planning_times_start_at_the_scenario_clock(qtbot, make_main_window, exercise_path):
    window = make_main_window(exercise_path)
    with Workspace.open(exercise_path) as other:
        set_clock(other, start=T0 + timedelta(hours=5))  # the controller moves the clock (paused)
    window.planning.open_dialog("corridor_risk")
    at = window.planning.dialogs["corridor_risk"].widgets["at"]
    assert at.raw() == T0 + timedelta(hours=5)  # the default: the scenario's time, not today
    assert at.scenario_button.isEnabled()  # an exercise is a scenario
    at.set_raw(datetime(2020, 1, 1, tzinfo=UTC))
    qtbot.mouseClick(at.now_button, Qt.MouseButton.LeftButton)
    assert at.raw() == T0 + timedelta(hours=5)


def test_the_import_dialog_refuses_another_exercises_file(exercise_path, small_workspace_path, tmp_path):
    from humanops.formats.exporter import export_file
    from humanops.ui.dialogs.import_dialog import run_import

    out = tmp_path / "needs.csv"
    with Workspace.open(exercise_path) as ex:
        export_file(ex, out, layers=["need"])
    outcome = run_import(small_workspace_path, str(out), None, True, False, Feedback())  # Check: a dry run
    assert outcome.refused is not None and repr(NAME) in outcome.refused
    assert outcome.report.status == "refused"
