"""The controller's inject panel: the timeline with due times and states, Skip and Play now for
the next inject (played on a worker), Play/Pause of the scenario clock, driven by clicks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from humanops.model.scenario_clock import read_clock
from humanops.scenario.exercise import create_exercise
from humanops.scenario.inject_player import read_record

NAME = "Panel exercise"
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
INJECTS = f"""
[exercise]
name = "{NAME}"

[[inject]]
id = "call"
at = "T+00:10"
kind = "message"
to = "someone"
title = "A call from the field"
text = "The bridge is down."

[[inject]]
id = "flood"
at = "T+00:30"
kind = "danger_zone"
title = "The river floods"
geometry = {{ type = "Polygon", coordinates = [[[30.0, 10.0], [30.1, 10.0], [30.1, 10.1], [30.0, 10.0]]] }}
properties = {{ name = "Inject flood", hazard = "flood", severity = 4 }}
"""


@pytest.fixture
def exercise_path(small_workspace_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "exercise.gpkg"
    create_exercise(small_workspace_path, target, name=NAME, start=T0)
    return target


def _states(panel) -> list[str]:
    return [panel.table.item(r, 4).text() for r in range(panel.table.rowCount())]


def test_skip_play_now_and_play_pause_by_clicks(qtbot, make_main_window, exercise_path, tmp_path) -> None:
    window = make_main_window(exercise_path)
    dock = window.docks["injects"]
    dock.show()
    panel = dock.widget()
    injects = tmp_path / "injects.toml"
    injects.write_text(INJECTS, encoding="utf-8")
    assert panel.load(injects), panel.status.text()
    assert panel.table.rowCount() == 2 and _states(panel) == ["pending", "pending"]
    assert panel.table.item(1, 0).text() == "T+00:30"

    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)  # skip the call
    assert _states(panel) == ["skipped", "pending"]

    qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)  # play the flood now, on a worker
    assert panel.worker is not None and not panel.now_button.isEnabled()  # the GUI is not blocked meanwhile
    qtbot.waitUntil(lambda: panel.worker is None, timeout=20_000)
    assert _states(panel) == ["skipped", "played"], panel.status.text()
    names = {f.properties["name"] for f in window.workspace.features("danger_zone")}
    assert "Inject flood" in names
    assert set(read_record(window.workspace)) == {"call", "flood"}

    assert read_clock(window.workspace).paused
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert not read_clock(window.workspace).paused and panel.play_button.text() == "Pause"
    dock.widget().grab().save(str(tmp_path / "inject-panel.png"))
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert read_clock(window.workspace).paused and panel.play_button.text() == "Play"


def test_a_real_workspace_has_no_injects_to_play(main_window) -> None:
    panel = main_window.docks["injects"].widget()
    assert panel.workspace is None and not panel.play_button.isEnabled()
