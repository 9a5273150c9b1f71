"""Planning in the app, driven through the real widgets: the Analysis menu, dialogs generated from
the operations' parameters (places picked by clicking on the map), runs in workers with Cancel,
results as tables and map overlays, a route saved as a corridor and undone, saved plans, and
trigger alerts that follow edits (level colours, the features that fired them, Acknowledge, CAP)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from planning_helpers import at, load, road_names
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from shapely.geometry import Polygon
from ui_helpers import canvas_point

from humanops.feedback import Feedback
from humanops.store.workspace import Workspace

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
def ladder_path(tmp_path: Path) -> Path:
    """Six junctions, seven roads, a severity 5 zone round B, two shelters (B full), a village at A."""
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson",
             "ladder_needs.geojson")
    return path


@pytest.fixture
def ladder_window(make_main_window, ladder_path: Path):
    return make_main_window(ladder_path)


def _menu_texts(menu) -> dict[str, object]:
    out = {}
    for action in menu.actions():
        if action.menu() is not None:
            out.update({f"{action.text()}/{k}": v for k, v in _menu_texts(action.menu()).items()})
        elif action.text():
            out[action.text()] = action
    return out


def _trigger(window, text: str) -> None:
    _menu_texts(window.actions.menus["&Analysis"])[text].trigger()


class ThreadRecordingFeedback(Feedback):
    """Notes the threads the operation reported progress from."""

    threads: ClassVar[set[str]] = set()

    def progress(self, fraction: float, message: str = "") -> None:
        ThreadRecordingFeedback.threads.add(threading.current_thread().name)
        super().progress(fraction, message)


class GatedFeedback(Feedback):
    """Holds the worker at its first progress report until the test has pressed Cancel."""

    last: GatedFeedback | None = None

    def __init__(self, on_progress=None) -> None:
        super().__init__(on_progress)
        self.reached = threading.Event()
        self.release = threading.Event()
        GatedFeedback.last = self

    def progress(self, fraction: float, message: str = "") -> None:
        if not self.reached.is_set():
            self.reached.set()
            self.release.wait(20)
        super().progress(fraction, message)


def test_the_analysis_menu_opens_dialogs_generated_from_the_parameters(qtbot, main_window) -> None:
    from humanops.ui.planning.parameter_widgets import DateTimeWidget, EnumWidget, LayerWidget, NumberWidget

    window = main_window
    entries = _menu_texts(window.actions.menus["&Analysis"])
    for text in ("Exposure…", "Corridor risk…", "Route…", "Evacuation plan…", "Aid allocation…",
                 "&Triggers/Adopt trigger rules…", "&Triggers/Check triggers now…", "Saved plans…"):
        assert text in entries and entries[text].isEnabled(), text
    toolbar = window.planning.toolbar
    assert entries["Route…"] in toolbar.actions()  # the same action, on the toolbar
    _trigger(window, "Exposure…")
    dialog = window.planning.dialogs["exposure"]
    assert dialog.isVisible() and not dialog.isModal()  # places and features stay clickable on the map
    widgets = dialog.widgets
    assert isinstance(widgets["needs_layer"], LayerWidget) and widgets["needs_layer"].raw() == "need"
    assert isinstance(widgets["distance"], NumberWidget) and widgets["distance"].spin.suffix() == " m"
    assert widgets["distance"].spin.maximum() == 100_000
    assert isinstance(widgets["by"], EnumWidget) and widgets["by"].raw() == ["hazard", "severity"]
    assert isinstance(widgets["at"], DateTimeWidget)
    assert not widgets["at"].scenario_button.isEnabled()  # not a scenario workspace
    # In a scenario (an exercise, the demo) times start at the scenario's "now".
    window.workspace.set_meta("scenario_now", "2026-11-20T06:00:00Z")
    _trigger(window, "Corridor risk…")
    at = window.planning.dialogs["corridor_risk"].widgets["at"]
    assert at.scenario_button.isEnabled() and at.raw() == datetime(2026, 11, 20, 6, tzinfo=UTC)
    at.set_raw(datetime(2026, 1, 1, tzinfo=UTC))
    qtbot.mouseClick(at.now_button, Qt.MouseButton.LeftButton)
    assert at.raw() == datetime(2026, 11, 20, 6, tzinfo=UTC)  # "now" is the workspace clock's (issue 15)
    # Closing the workspace closes the dialogs and disables the entries.
    window.close_workspace(ask=False)
    assert not entries["Route…"].isEnabled() and not window.planning.dialogs


def test_a_parameter_error_is_shown_under_its_field_and_nothing_runs(qtbot, main_window) -> None:
    window = main_window
    _trigger(window, "Route…")
    dialog = window.planning.dialogs["route"]
    dialog.set_value("start", "36.12,36.05")
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_running()
    assert dialog.errors() == {"end": "To: is required"}
    assert dialog.error_labels["end"].isVisible()
    # An error the operation finds (an unknown place) is one sentence in the dialog, not a traceback.
    dialog.set_value("end", "Atlantis")
    assert not dialog.error_labels["end"].isVisible()  # editing the field clears its message
    assert dialog.run()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    assert "Atlantis" in dialog.error.text() and "Traceback" not in dialog.error.text()
    assert dialog.error.isVisible() and window.planning.results.runs == []


def test_a_route_picked_on_the_map_runs_in_a_worker_is_drawn_and_saved_as_an_undoable_corridor(
        qtbot, ladder_window) -> None:
    from humanops.ui.planning.pick_point_tool import PickPointTool

    window = ladder_window
    canvas = window.canvas
    _trigger(window, "Route…")
    dialog = window.planning.dialogs["route"]
    dialog.feedback_factory = ThreadRecordingFeedback
    # On the roads A-D and F-C, clear of the junctions A and C, whose other road (A-B, B-C) the zone closes.
    for name, place in (("start", at(0, 0.3)), ("end", at(2, 0.3))):
        widget = dialog.widgets[name]
        qtbot.mouseClick(widget.pick_button, Qt.MouseButton.LeftButton)
        assert isinstance(canvas.map_tool(), PickPointTool)
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, *place))
        lon, lat = widget.picked_lonlat()
        assert abs(lon - place[0]) < 2e-4 and abs(lat - place[1]) < 2e-4
        assert not isinstance(canvas.map_tool(), PickPointTool)  # the previous tool is back
    assert canvas.overlay("pick:route") is not None and len(canvas.overlay("pick:route")) == 2

    ThreadRecordingFeedback.threads.clear()
    with qtbot.waitSignal(dialog.resultReady, timeout=30_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and not dialog.run_button.isEnabled()
    assert ThreadRecordingFeedback.threads and threading.main_thread().name not in ThreadRecordingFeedback.threads
    best = dialog.last_run.result.summary["routes"][0]
    assert best["status"] == "ok", best["message"]
    assert road_names(best["roads"]) == ["A-D", "D-E", "E-F", "F-C"]  # round the zone
    routes = canvas.overlay("result:routes")
    assert routes is not None and len(routes) == 1
    # The route is drawn over the road D-E (away from its label), which the direct way A-B-C does not use.
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)
    image = canvas.grab().toImage()
    on_route = image.pixelColor(canvas_point(canvas, *at(0.25, 1)))
    assert QColor("#0b4fa8").blue() - 40 < on_route.blue() and on_route.red() < 60, on_route.name()
    panel = window.planning.results
    assert panel.table_model("routes").rowCount() == 1
    assert "Map: the route dark blue" in panel.summary.text()

    # Save as corridor: a proposed corridor through the undo stack; Undo removes it.
    assert panel.corridor_button.isVisible() and panel.corridor_button.isEnabled()
    qtbot.mouseClick(panel.corridor_button, Qt.MouseButton.LeftButton)
    save = panel.corridor_dialog
    save.name.setText("North detour")
    save.width.setValue(300)
    qtbot.mouseClick(save.ok_button, Qt.MouseButton.LeftButton)
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.count("corridor") == 1, timeout=20_000)
    corridor = ws.read_layer("corridor").iloc[0]
    assert (corridor["name"], corridor["status"], corridor["width_m"]) == ("North detour", "proposed", 300)
    assert "Risk over its 300 m width" in corridor["notes"]
    assert window.undo_stack.undoText() == "Save route as corridor “North detour”"
    # Selected, with its risk (kept by the corridor-risk cache) in the Feature panel.
    qtbot.waitUntil(lambda: window.feature_panel.uuid == corridor["uuid"], timeout=5000)
    risk = window.findChild(QLabel, "corridor_risk")
    qtbot.waitUntil(risk.isVisible, timeout=5000)
    assert "Risk now" in risk.text() and "/100" in risk.text()
    window.actions.undo.trigger()
    assert ws.count("corridor") == 0
    window.actions.redo.trigger()
    assert ws.count("corridor") == 1
    # Clear map takes the result off the map; the table stays.
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert not [n for n in canvas.overlay_names() if n.startswith("result:")]
    assert panel.table_model("routes").rowCount() == 1


def test_the_evacuation_plan_fills_the_results_and_can_be_reopened(qtbot, ladder_window, tmp_path: Path) -> None:
    window = ladder_window
    _trigger(window, "Evacuation plan…")
    dialog = window.planning.dialogs["plan_evacuation"]
    with qtbot.waitSignal(dialog.resultReady, timeout=30_000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    panel = window.planning.results
    assert window.docks["results"].isVisible()
    model = panel.table_model("assignments")
    # Shelter B is full and the zone at B blocks the short way: all 100 go round it to Shelter C.
    assert model.rowCount() == 1
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = {h: model.data(model.index(0, c)) for c, h in enumerate(header)}
    assert (row["source name"], row["shelter name"], row["people"]) == ("Village A", "Shelter C", "100")
    assert header[-1].endswith("uuid")  # identifiers last
    shelters = panel.table_model("shelters")
    columns = [shelters.headerData(c, Qt.Orientation.Horizontal) for c in range(shelters.columnCount())]
    panel.views["shelters"].sortByColumn(columns.index("assigned"), Qt.SortOrder.DescendingOrder)
    assert shelters.data(shelters.index(0, columns.index("name"))) == "Shelter C"
    assert {"result:movements", "result:shelters"} <= set(window.canvas.overlay_names())
    out = tmp_path / "assignments.csv"
    assert panel.export_csv(str(out), "assignments")
    assert "Shelter C" in out.read_text() and "POINT" not in out.read_text()

    # Saved in the workspace: listed, and Open draws it again with its tables.
    assert panel.plan_combo.count() == 1
    qtbot.mouseClick(panel.open_plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.runs) == 2, timeout=20_000)
    assert panel.current_run().title.startswith("Saved plan 1")
    assert panel.table_model("lines").rowCount() == 1
    assert "result:movements" in window.canvas.overlay_names()


def test_cancel_on_a_running_plan_leaves_the_workspace_unchanged(qtbot, ladder_window, ladder_path: Path,
                                                                 snapshot) -> None:
    window = ladder_window
    before = snapshot(ladder_path)
    _trigger(window, "Evacuation plan…")
    dialog = window.planning.dialogs["plan_evacuation"]
    dialog.feedback_factory = GatedFeedback
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    gate = GatedFeedback.last
    assert gate is not None and gate.reached.wait(20)
    assert dialog.is_running()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.release.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    assert dialog.status.text() == "Cancelled: nothing was changed."
    assert window.planning.results.runs == []
    assert snapshot(ladder_path) == before
    assert dialog.run_button.isEnabled()


def test_an_adopted_rule_raises_an_alert_after_an_edit_that_fires_it(qtbot, main_window, tmp_path: Path) -> None:
    from humanops.ui.panels.alerts_panel import LEVEL_COLOURS
    from humanops.ui.undo_commands import AddFeature, push_edit

    window = main_window
    ws = window.workspace
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    assert window.planning.adopt_rules(rules)
    panel = window.alerts_panel
    assert panel.stack.currentWidget() is panel.alert_view and panel.alert_count() == 0
    assert "not fired" in panel.status.text()

    # A severity 5 zone drawn across the Southern corridor (the window's edits go through the undo stack).
    zone = AddFeature(ws, "danger_zone", Polygon([(36.14, 36.04), (36.16, 36.04), (36.16, 36.06), (36.14, 36.06)]),
                      {"name": "New front", "hazard": "shelling", "severity": 5})
    push_edit(window.undo_stack, zone)
    qtbot.waitUntil(lambda: panel.alert_count() == 1, timeout=5000)
    alert = panel.alerts[0]
    assert (alert.rule_id, alert.level, alert.state) == ("corridor-at-risk", "high", "active")
    assert panel.alert_table.item(0, 0).background().color() == QColor(LEVEL_COLOURS["high"][0])
    assert panel.alert_table.item(0, 2).text() == "corridor-at-risk"

    panel.alert_table.selectRow(0)
    assert window.canvas.selection()["danger_zone"] == {zone.uuid}  # the features that fired it
    items = [panel.feature_list.item(i) for i in range(panel.feature_list.count())]
    assert any("Southern corridor" in i.text() for i in items) and any("New front" in i.text() for i in items)
    cause = next(i for i in items if "New front" in i.text())
    qtbot.mouseClick(panel.feature_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.feature_list.visualItemRect(cause).center())
    assert window.canvas.selection() == {"danger_zone": {zone.uuid}}

    # Check now (the operation, in a worker) finds the same alert and changes nothing.
    _trigger(window, "&Triggers/Check triggers now…")
    check = window.planning.dialogs["triggers"]
    with qtbot.waitSignal(check.resultReady, timeout=20_000):
        qtbot.mouseClick(check.run_button, Qt.MouseButton.LeftButton)
    assert check.last_run.result.summary["active"] == 1 and panel.alert_count() == 1

    cap = tmp_path / "alert.xml"
    assert panel.export_cap(str(cap))
    text = cap.read_text(encoding="utf-8")
    assert "urn:oasis:names:tc:emergency:cap:1.2" in text and "<status>Actual</status>" in text
    qtbot.mouseClick(panel.ack_button, Qt.MouseButton.LeftButton)
    assert panel.alerts[0].state == "acknowledged"

    window.actions.undo.trigger()  # the zone goes: the condition no longer holds
    qtbot.waitUntil(lambda: panel.alert_count() == 0, timeout=5000)
    panel.show_resolved.setChecked(True)
    assert [a.state for a in panel.alerts] == ["resolved"]
    panel.show_resolved.setChecked(False)

    # An import (written by a worker through a connection of its own) fires it again.
    source = tmp_path / "zones.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Imported front", "hazard": "shelling", "severity": 5},
        "geometry": {"type": "Polygon", "coordinates": [[[36.14, 36.04], [36.16, 36.04], [36.16, 36.06],
                                                         [36.14, 36.04]]]}}]}), encoding="utf-8")
    window.actions.import_file.trigger()
    dialog = window.import_dialog
    dialog.set_file(source, layer="danger_zone")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=20_000)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.alert_count() == 1, timeout=5000)
    assert panel.alerts[0].state == "active" and "Imported front" in panel.alerts[0].description
    dialog.reject()


def test_a_bad_rule_file_is_refused_with_one_message(qtbot, main_window, tmp_path: Path, monkeypatch) -> None:
    window = main_window
    rules = tmp_path / "bad.toml"
    rules.write_text(RULES.replace("min_severity = 5", "min_severity = 9"), encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda message, title="": shown.append(message))
    assert not window.planning.adopt_rules(rules)
    assert len(shown) == 1 and "corridor-at-risk" in shown[0] and "min_severity" in shown[0]
    assert window.planning.watch.rules() == []
