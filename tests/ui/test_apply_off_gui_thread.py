"""After an import, the layers panel's counts and the alerts are read off the GUI thread (issue 12,
item 8): the window's slot returns while workers count the features and catch the trigger rules
up with the change log, and when they are done the counts and the alerts are right. Driven
through File › Import and the Import dialog's Check and Import buttons."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from humanops.ui.panels import layers_panel as layers_panel_module
from humanops.ui.panels.layers_panel import CLASS_ROLE
from humanops.ui.planning import trigger_watch as trigger_watch_module

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


def _zones(path: Path) -> Path:
    """Two danger zones: a severity 5 one across the Southern corridor (it fires the rule), a mild one."""
    def zone(name: str, severity: int, x: float, y: float) -> dict:
        ring = [[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]
        return {"type": "Feature", "properties": {"name": name, "hazard": "shelling", "severity": severity},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        zone("Imported front", 5, 36.14, 36.04), zone("Quiet hill", 2, 36.30, 36.20)]}), encoding="utf-8")
    return path


def _class_counts(item) -> dict[str, int]:
    counts = {}
    for i in range(item.childCount()):
        child = item.child(i)
        if child.data(0, CLASS_ROLE) is not None and "(" in child.text(0):
            counts[child.data(0, CLASS_ROLE)] = int(child.text(0).rsplit("(", 1)[1].rstrip(")").replace(",", ""))
    return counts


def test_counts_and_alerts_follow_an_import_read_by_workers(qtbot, main_window, tmp_path: Path,
                                                            monkeypatch) -> None:
    window = main_window
    ws = window.workspace
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    assert window.planning.adopt_rules(rules)
    panel, alerts, watch = window.layers_panel, window.alerts_panel, window.planning.watch
    qtbot.waitUntil(lambda: not panel.is_counting(), timeout=WAIT_MS)
    zones = panel.layer_item("danger_zone")
    before_total = ws.count("danger_zone")
    before_classes = _class_counts(zones)
    assert f"({before_total})" in zones.text(0) and alerts.alert_count() == 0

    # The workers wait until released: the GUI thread must not (it would hang here if it did).
    release = threading.Event()
    threads: dict[str, threading.Thread] = {}
    real_counts, real_catch_up = layers_panel_module.read_layer_counts, trigger_watch_module.read_changes_and_evaluate

    def held_counts(*args, **kwargs):
        threads["counts"] = threading.current_thread()
        assert release.wait(WAIT_MS / 1000)
        return real_counts(*args, **kwargs)

    def held_catch_up(*args, **kwargs):
        threads["catch_up"] = threading.current_thread()
        assert release.wait(WAIT_MS / 1000)
        return real_catch_up(*args, **kwargs)

    monkeypatch.setattr(layers_panel_module, "read_layer_counts", held_counts)
    monkeypatch.setattr(trigger_watch_module, "read_changes_and_evaluate", held_catch_up)

    window.actions.import_file.trigger()
    dialog = window.import_dialog
    dialog.set_file(_zones(tmp_path / "zones.geojson"), layer="danger_zone")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    # The window's refresh has returned; the counting and the catching up wait in their workers.
    qtbot.waitUntil(lambda: "counts" in threads and "catch_up" in threads, timeout=WAIT_MS)
    assert threads["counts"] is not threading.main_thread() and threads["catch_up"] is not threading.main_thread()
    assert panel.is_counting() and watch.is_catching_up()
    assert f"({before_total})" in zones.text(0) and alerts.alert_count() == 0  # not yet read
    window.refresh_layers({"danger_zone"})  # more requests meanwhile: gathered, nothing lost
    panel.refresh_counts("danger_zone")

    release.set()
    qtbot.waitUntil(lambda: not panel.is_counting() and not watch.is_catching_up(), timeout=WAIT_MS)
    after = ws.count("danger_zone")
    assert after == before_total + 2
    assert zones.text(0) == f"Danger zones ({after})"
    classes = _class_counts(zones)
    assert classes["5"] == before_classes.get("5", 0) + 1 and classes["2"] == before_classes.get("2", 0) + 1
    qtbot.waitUntil(lambda: alerts.alert_count() == 1, timeout=WAIT_MS)
    alert = alerts.alerts[0]
    assert (alert.rule_id, alert.state) == ("corridor-at-risk", "active") and "Imported front" in alert.description
    dialog.reject()


def test_an_edit_made_in_the_window_is_not_taken_for_another_tools(qtbot, main_window, monkeypatch) -> None:
    """The watch's own accounting: the window's edits (seen by its subscription) start no
    evaluation of their own in the catch-up; a change written through another connection does."""
    from shapely.geometry import Point

    from humanops.store.workspace import Workspace
    from humanops.ui.undo_commands import AddFeature, push_edit

    window = main_window
    watch = window.planning.watch
    qtbot.waitUntil(lambda: watch.engine is not None, timeout=WAIT_MS)  # attached once the map is drawn
    seen: list[set[str]] = []
    watch.externallyChanged.connect(seen.append)
    push_edit(window.undo_stack, AddFeature(window.workspace, "need", Point(36.2, 36.1),
                                            {"name": "Ours", "population": 10}))
    watch.catch_up()
    qtbot.waitUntil(lambda: not watch.is_catching_up(), timeout=WAIT_MS)
    assert seen == []

    with Workspace.open(window.workspace.path) as other:  # another connection, as an import worker's
        other.add_feature("need", Point(36.21, 36.11), {"name": "Theirs", "population": 10})
    watch.catch_up()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen == [{"need"}]
