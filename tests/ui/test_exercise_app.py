"""The exercise workflow from the app, driven by clicks and key presses through the real main window:
File › New exercise… from the demo (then opened in the window, banner and title), an exercise made
from an exercise refused, the scenario clock's speed set from its dialog, Exercise › Decision
report… written (HTML and PDF) holding the inject ids, the Exercise menu only for exercises, and the
Injects panel asking each participant's passphrase once for the session."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton
from test_map_export import choose_from_menu
from ui_helpers import PassphrasePrompts

from humanops.errors import WorkspaceError
from humanops.model.exercise import exercise_info
from humanops.model.scenario_clock import read_clock
from humanops.scenario.exercise import create_exercise
from humanops.store.workspace import Workspace

NAME = "Kavera Drill"
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WAIT_MS = 20_000
INJECTS = f"""
[exercise]
name = "{NAME}"

[[inject]]
id = "bridge-call"
at = "T+00:10"
kind = "message"
to = "ocha"
title = "A call from the field"
text = "The bridge is down."

[[inject]]
id = "river-flood"
at = "T+00:30"
kind = "danger_zone"
title = "The river floods"
geometry = {{ type = "Polygon", coordinates = [[[36.0, 36.0], [36.1, 36.0], [36.1, 36.1], [36.0, 36.0]]] }}
properties = {{ name = "Inject flood", hazard = "flood", severity = 4 }}
marking = {{ tlp = "CLEAR" }}
"""


def click_menu_entry(qtbot, window, menu, action) -> None:
    """Open ``menu`` from the menu bar with the mouse and click ``action`` in it."""
    bar = window.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def dialog_of(qtbot, window, kind):
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(kind)), timeout=WAIT_MS)
    dialog = next(d for d in window.findChildren(kind) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def exercise_path(small_workspace_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "exercise.gpkg"
    create_exercise(small_workspace_path, target, name=NAME, start=T0)
    return target


def test_new_exercise_from_the_demo_opens_in_the_window(qtbot, make_main_window, demo_path, tmp_path) -> None:
    from humanops.model.clock import workspace_now
    from humanops.ui.dialogs.exercise_dialogs import NewExerciseDialog

    window = make_main_window(demo_path)
    demo_now = workspace_now(window.workspace)
    assert not window.exercise_menu.menuAction().isVisible()  # a real workspace or the demo: no Exercise menu
    choose_from_menu(qtbot, window, "File", window.actions.new_exercise)
    dialog = dialog_of(qtbot, window, NewExerciseDialog)
    assert not dialog.create_button.isEnabled()  # no name yet

    target = tmp_path / "drill.gpkg"
    type_into(qtbot, dialog.name_edit, " " * 3)  # a bad name
    assert not dialog.create_button.isEnabled() and "name" in dialog.message.text()
    type_into(qtbot, dialog.name_edit, NAME)
    type_into(qtbot, dialog.file_edit, str(demo_path))  # the target exists (it is the workspace itself)
    assert not dialog.create_button.isEnabled() and "workspace itself" in dialog.message.text()
    type_into(qtbot, dialog.file_edit, str(target))
    assert dialog.create_button.isEnabled(), dialog.message.text()
    assert dialog.controller.currentData() == window.workspace.organisation  # ours first, then the directory's
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.open_button.isVisible, timeout=WAIT_MS)  # made on a worker, then offered
    assert target.is_file() and window.workspace.path == demo_path  # nothing swapped until asked
    dialog.grab().save(str(tmp_path / "new-exercise-dialog.png"))

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.path == target, timeout=WAIT_MS)
    qtbot.waitUntil(window.exercise_banner.isVisible)
    assert window.exercise_banner.text() == f"EXERCISE — {NAME}"
    assert window.windowTitle().startswith(f"EXERCISE — {NAME} · ")
    assert window.exercise_menu.menuAction().isVisible()
    info = exercise_info(window.workspace)
    assert info.start == demo_now.replace(second=0, microsecond=0)  # default: the demo's own clock, to the minute
    assert read_clock(window.workspace).paused
    window.grab().save(str(tmp_path / "exercise-window.png"))

    # an exercise is never made from an exercise: the dialog says so at once (and the engine refuses)
    choose_from_menu(qtbot, window, "File", window.actions.new_exercise)
    again = dialog_of(qtbot, window, NewExerciseDialog)
    type_into(qtbot, again.name_edit, "Second run")
    assert not again.create_button.isEnabled() and "never from another exercise" in again.message.text()
    again.reject()
    with pytest.raises(WorkspaceError, match="never from another exercise"):
        create_exercise(target, tmp_path / "second.gpkg", name="Second run")
    assert not (tmp_path / "second.gpkg").exists()


def test_clock_speed_set_from_the_clock_dialog(qtbot, make_main_window, exercise_path, tmp_path) -> None:
    from humanops.ui.dialogs.exercise_dialogs import ClockDialog

    window = make_main_window(exercise_path)
    clock = window.exercise_clock
    qtbot.waitUntil(clock.isVisible)
    qtbot.mouseClick(clock.settings_button, Qt.MouseButton.LeftButton)  # Set… beside Pause/Resume
    dialog = dialog_of(qtbot, window, ClockDialog)
    assert not dialog.running.isChecked() and dialog.speed.value() == 1.0
    dialog.speed.setFocus()
    dialog.speed.selectAll()
    qtbot.keyClicks(dialog.speed, "25")
    qtbot.mouseClick(dialog.running, Qt.MouseButton.LeftButton)
    dialog.grab().save(str(tmp_path / "clock-dialog.png"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    state = read_clock(window.workspace)
    assert state.speed == 25 and not state.paused
    assert "×25" in clock.label.text() and clock.button.text() == "Pause"

    # back to T+0 and paused, from Exercise › Scenario clock…
    click_menu_entry(qtbot, window, window.exercise_menu, window.exercise_actions["clock"])
    dialog = dialog_of(qtbot, window, ClockDialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "clock_to_start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.running, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    state = read_clock(window.workspace)
    assert state.paused and state.now() == T0 and state.speed == 25
    assert "T+00:00:00" in clock.label.text()


def test_decision_report_from_the_exercise_menu(qtbot, make_main_window, exercise_path, small_workspace_path,
                                                tmp_path) -> None:
    from humanops.ui.dialogs.decision_report_dialog import DecisionReportDialog

    participant = tmp_path / "participant.gpkg"
    create_exercise(small_workspace_path, participant, name=NAME, start=T0)
    injects = tmp_path / "injects.toml"
    injects.write_text(INJECTS, encoding="utf-8")
    window = make_main_window(exercise_path)
    menu = window.exercise_menu
    assert menu.menuAction().isVisible()
    assert window.docks["injects"].toggleViewAction() in menu.actions() and window.actions.replay in menu.actions()
    click_menu_entry(qtbot, window, menu, window.exercise_actions["report"])
    dialog = dialog_of(qtbot, window, DecisionReportDialog)
    assert not dialog.write_button.isEnabled()  # no participant yet
    dialog.add_records([participant])  # what Add workspaces… hands over from its file dialog
    type_into(qtbot, dialog.injects_edit, str(injects))
    html_out = tmp_path / "report.html"
    type_into(qtbot, dialog.out_edit, str(html_out))
    assert dialog.write_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.open_button.isVisible, timeout=WAIT_MS)
    text = html_out.read_text(encoding="utf-8")
    assert "bridge-call" in text and "river-flood" in text and f"EXERCISE — {NAME}" in text
    dialog.grab().save(str(tmp_path / "decision-report-dialog.png"))

    pdf_out = tmp_path / "report.pdf"
    type_into(qtbot, dialog.out_edit, str(pdf_out))
    assert not dialog.open_button.isVisible()  # the offer was for the other file
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.open_button.isVisible, timeout=WAIT_MS)
    assert pdf_out.read_bytes()[:5] == b"%PDF-" and dialog.result.pages >= 1

    type_into(qtbot, dialog.injects_edit, str(tmp_path / "missing.toml"))  # a bad input: said, nothing run
    assert not dialog.write_button.isEnabled() and "missing.toml" in dialog.message.text()


def test_no_exercise_menu_on_a_real_workspace(main_window) -> None:
    assert not main_window.exercise_menu.menuAction().isVisible()
    assert main_window.actions.new_exercise.isEnabled()  # File › New exercise… for any workspace
    assert main_window.exercise_menu.menuAction() not in [a for a in main_window.menuBar().actions()
                                                          if a.isVisible()]


# --- the participants' passphrases ---------------------------------------------------------------------

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",)}


def test_injects_ask_each_participants_passphrase_once(qtbot, make_main_window, partners, tmp_path) -> None:
    from exchange_helpers import close_all

    from humanops.scenario.inject_player import RECORD_KEY
    from humanops.ui.sharing.unlocked_keys import attach

    close_all(partners)
    controller, theirs = tmp_path / "ex-ocha.gpkg", tmp_path / "ex-medaid.gpkg"
    create_exercise(tmp_path / "partners" / "ocha.gpkg", controller, name=NAME, start=T0)
    create_exercise(tmp_path / "partners" / "medaid.gpkg", theirs, name=NAME, start=T0)
    with Workspace.open(controller) as ws:  # the participants a previous `exercise run --to` named
        ws.set_meta(RECORD_KEY, json.dumps({"participants": {"medaid": str(theirs)}}))
    injects = tmp_path / "injects.toml"
    second = INJECTS.split("[[inject]]")[2].replace("river-flood", "second-flood").replace("T+00:30", "T+00:40")
    injects.write_text(INJECTS.replace('to = "ocha"', 'to = "medaid"') + "[[inject]]"
                       + second.replace("Inject flood", "Second flood"), encoding="utf-8")
    window = make_main_window(controller)
    panel = window.docks["injects"].widget()
    assert panel.load(injects), panel.status.text()
    prompts = PassphrasePrompts({org: p.passphrase for org, p in partners.items()}, "ocha")
    try:
        qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)  # the message: no keys needed
        qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)  # the flood: signed, imported into medaid's
        qtbot.waitUntil(lambda: panel.worker is None, timeout=WAIT_MS)
        assert prompts.asked == ["ocha", "medaid"], panel.status.text()
        qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)  # the second: no prompt this session
        qtbot.waitUntil(lambda: panel.worker is None, timeout=WAIT_MS)
        assert prompts.asked == ["ocha", "medaid"], panel.status.text()
    finally:
        prompts.timer.stop()
    assert "Played: second-flood" in panel.status.text()
    with Workspace.open(theirs) as ws:  # imported with medaid's own keys
        names = {f.properties["name"] for f in ws.features("danger_zone")}
    assert {"Inject flood", "Second flood"} <= names
    attach(window).lock()  # Sharing ▸ Lock keys: the panel drops the participants' keys too
    assert panel.participant_keys == {} and panel.identity is None
