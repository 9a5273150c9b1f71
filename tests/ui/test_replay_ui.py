"""View › Replay…: the recorded history played on the map, read-only (ui/replay.py), driven by
keyboard and mouse through the real main window."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shapely.geometry import Point, Polygon

from humanops.model.marking import TLP, Marking
from humanops.store import workspace as workspace_module
from humanops.store.workspace import Workspace

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
SQUARE = Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.1), (36.0, 36.1)])
BIGGER = Polygon([(36.0, 36.0), (36.3, 36.0), (36.3, 36.3), (36.0, 36.3)])
FRAME_TIMEOUT_MS = 15_000


@pytest.fixture
def history_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A danger zone made (T+0), worsened (T+10), re-marked RED (T+20), deleted (T+30); a need
    added at T+5. Six moments: 0 made, 1 need, 2 worsened, 3 RED, 4 deleted, 5 another need."""
    clock = {"now": T0}
    monkeypatch.setattr(workspace_module, "utc_now", lambda: clock["now"])
    path = tmp_path / "history.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        zone = ws.add_feature("danger_zone", SQUARE, {"name": "Front", "hazard": "shelling", "severity": 2},
                              Marking(tlp=TLP.GREEN)).uuid
        clock["now"] = T0 + timedelta(minutes=5)
        ws.add_feature("need", Point(36.2, 36.2), {"name": "Camp A", "population": 1200})
        clock["now"] = T0 + timedelta(minutes=10)
        ws.update_feature("danger_zone", zone, geometry=BIGGER, properties={"severity": 4})
        clock["now"] = T0 + timedelta(minutes=20)
        ws.update_feature("danger_zone", zone, marking=Marking(tlp=TLP.RED))
        clock["now"] = T0 + timedelta(minutes=30)
        ws.delete_feature("danger_zone", zone)
        clock["now"] = T0 + timedelta(minutes=40)
        ws.add_feature("need", Point(36.25, 36.2), {"name": "Camp B", "population": 40})
    monkeypatch.undo()
    return path


def _zone(window) -> list[tuple[int, int, str]]:
    """(version, severity, tlp) of the danger zones the map shows as replayed."""
    overlay = window.canvas.overlay("replay:danger_zone")
    assert overlay is not None
    frame = overlay.frame
    return list(zip(frame["version"].tolist(), frame["severity"].tolist(), frame["tlp"].tolist(), strict=True))


def _wait_frame(qtbot, replay, index: int) -> None:
    qtbot.waitUntil(lambda: replay.shown_index == index and not replay.is_computing(), timeout=FRAME_TIMEOUT_MS)


def test_replay_shows_past_versions_read_only_and_leaving_restores(make_main_window, qtbot, history_path, tmp_path):
    window = make_main_window(history_path)
    actions = window.actions
    assert window.canvas.is_layer_visible("danger_zone")
    before = {name: a.isEnabled() for name, a in (("import", actions.import_file), ("vertices", actions.edit_vertices),
                                                   ("draw", actions.draw["danger_zone"]))}
    assert all(before.values())

    actions.replay.trigger()  # View › Replay…
    replay = window.replay
    _wait_frame(qtbot, replay, 0)
    bar = replay.bar
    assert bar.banner.isVisible() and bar.banner.text() == "REPLAY — read-only"
    assert "1 Mar 2025 08:00:00 UTC" in bar.moment_label.text()
    assert _zone(window) == [(1, 2, "GREEN")]
    assert not window.canvas.is_layer_visible("danger_zone")  # the live layer is hidden under the past
    for action in (actions.import_file, actions.edit_vertices, actions.draw["danger_zone"], actions.delete,
                   actions.undo, actions.replay):
        assert not action.isEnabled(), action.text()
    assert not window.feature_panel.isEnabled() and not window.marking_panel.isEnabled()
    qtbot.waitUntil(window.canvas.is_idle, timeout=FRAME_TIMEOUT_MS)
    window.grab().save(str(tmp_path / "replay.png"))
    import os
    if os.environ.get("REPLAY_SHOT"):
        window.grab().save(os.environ["REPLAY_SHOT"])

    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Right)
    QTest.keyClick(bar.slider, Qt.Key.Key_Right)  # moment 2: the zone worsened
    _wait_frame(qtbot, replay, 2)
    assert _zone(window) == [(2, 4, "GREEN")]
    assert window.canvas.overlay("replay:danger_zone").frame.geometry.iloc[0].equals(BIGGER)
    QTest.keyClick(bar.slider, Qt.Key.Key_Right)
    _wait_frame(qtbot, replay, 3)
    assert _zone(window) == [(3, 4, "RED")]  # the marking as it was then
    QTest.keyClick(bar.slider, Qt.Key.Key_End)
    _wait_frame(qtbot, replay, 5)
    assert _zone(window) == []  # deleted by then
    assert len(window.canvas.overlay("replay:need").frame) == 2
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    _wait_frame(qtbot, replay, 0)
    assert _zone(window) == [(1, 2, "GREEN")]
    assert len(window.canvas.overlay("replay:need").frame) == 0

    QTest.mouseClick(bar.step_forward, Qt.MouseButton.LeftButton)  # the mouse steps too
    _wait_frame(qtbot, replay, 1)
    assert len(window.canvas.overlay("replay:need").frame) == 1

    QTest.keyClick(bar.slider, Qt.Key.Key_Escape)  # leave
    assert not replay.active
    assert not [n for n in window.canvas.overlay_names() if n.startswith("replay:")]
    assert window.canvas.is_layer_visible("danger_zone")
    assert {name: a.isEnabled() for name, a in (("import", actions.import_file), ("vertices", actions.edit_vertices),
                                                 ("draw", actions.draw["danger_zone"]))} == before
    assert actions.replay.isEnabled() and window.feature_panel.isEnabled()
    assert not replay.dock.isVisible()


def test_play_faster_than_frames_skips_moments(make_main_window, qtbot, history_path, monkeypatch):
    from humanops.ui import replay as replay_module

    computed: list[int] = []
    real = replay_module.make_frame

    def slow(path, catalog, index, at, layers, feedback):  # a frame slower than play's ticks
        computed.append(index)
        time.sleep(0.35)
        return real(path, catalog, index, at, layers, feedback)

    monkeypatch.setattr(replay_module, "make_frame", slow)
    window = make_main_window(history_path)
    window.actions.replay.trigger()
    replay = window.replay
    _wait_frame(qtbot, replay, 0)
    replay.bar.speed.setCurrentIndex(replay.bar.speed.count() - 1)  # 10 moments a second
    QTest.mouseClick(replay.bar.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not replay.bar.play_button.isChecked(), timeout=FRAME_TIMEOUT_MS)  # played to the end
    _wait_frame(qtbot, replay, 5)
    assert computed[0] == 0 and computed[-1] == 5
    assert len(computed) < 6  # some moments skipped, none queued
    assert computed == sorted(set(computed))
    replay.leave()


def test_replay_of_a_workspace_without_history_says_so(make_main_window, qtbot, tmp_path):
    path = tmp_path / "empty.gpkg"
    Workspace.create(path, organisation="ocha").close()
    window = make_main_window(path)
    window.actions.replay.trigger()
    qtbot.waitUntil(lambda: not window.replay.active, timeout=FRAME_TIMEOUT_MS)
    assert "Nothing recorded yet" in window.statusBar().currentMessage()
    assert window.actions.import_file.isEnabled()
