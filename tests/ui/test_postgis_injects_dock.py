"""The Injects dock on team databases (issue 14): the controller's exercise workspace in PostgreSQL,
one participant's in another database. Play next now (a real click) plays the first inject on a
worker: the controller's passphrase and the participant's are typed into the real prompts, the zone
goes into the controller's database and, through a signed package, into the participant's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_exercise_injects import _names, exercise, fast_kdf  # noqa: F401  (fixtures)
from ui_helpers import PassphrasePrompts

from humanops.scenario.inject_player import RECORD_KEY, default_outbox, read_record
from humanops.sharing import audit
from humanops.store.postgis.copy_workspace import copy_workspace
from humanops.store.postgis.workspace import PostgisWorkspace

TIMEOUT = 30_000


@pytest.fixture
def databases(exercise, pg_cluster, monkeypatch):  # noqa: F811
    """The controller's and alpha's exercise workspaces copied into team databases (humanops copy);
    alpha named the participant as the last ``exercise run --to alpha=URL`` leaves it."""
    tmp_path, paths, injects = exercise
    ctrl, alpha = pg_cluster.create_database(), pg_cluster.create_database()
    copy_workspace(str(paths["ctrl"]), ctrl)
    copy_workspace(str(paths["alpha"]), alpha)
    with PostgisWorkspace.open(ctrl) as controller, controller.transaction():
        controller.set_meta(RECORD_KEY, json.dumps({"participants": {"alpha": alpha}}))
    monkeypatch.chdir(tmp_path)  # a database controller's outbox is made in the current folder
    passphrases = {org: (tmp_path / f"{org}.pass").read_text(encoding="utf-8") for org in ("ctrl", "alpha")}
    return ctrl, alpha, injects, passphrases


def test_play_an_inject_from_a_database_controller_into_a_database_participant(
        qtbot, make_main_window, databases, tmp_path: Path) -> None:
    ctrl, alpha, injects, passphrases = databases
    window = make_main_window(ctrl)
    dock = window.docks["injects"]
    dock.show()
    panel = dock.widget()
    assert panel is window.findChild(type(panel), "inject_panel")  # the panel itself, not a placeholder
    assert panel.workspace is window.workspace  # an exercise workspace, in a database
    assert panel.load(injects), panel.status.text()
    assert panel.table.rowCount() == 5 and panel.table.item(0, 1).text() == "The river floods"
    assert panel.now_button.isEnabled()

    prompts = PassphrasePrompts(passphrases, "ctrl", lambda org, label: f"for {org} " in label)
    try:
        qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.worker is None, timeout=TIMEOUT)
    finally:
        prompts.timer.stop()
    assert prompts.asked == ["ctrl", "alpha"]
    assert panel.status.text() == "Played: flood"
    assert panel.table.item(0, 4).text() == "played" and panel.table.item(1, 4).text() == "pending"
    assert _names(window.workspace) == {"Flood"}
    record = read_record(window.workspace)["flood"]
    assert [(d.org, d.how) for d in record.deliveries] == [("alpha", "imported")]
    with PostgisWorkspace.open(alpha) as participant:
        assert _names(participant) == {"Flood"}
        assert [e["action"] for e in audit.entries(participant)].count("import") == 1
    assert (default_outbox(window.workspace) / "flood-alpha.hopx").is_file()  # the signed package, kept
    dock.grab().save(str(tmp_path / "injects-dock.png"))

    # the keys unlocked for this session are held: the next inject asks for no passphrase
    prompts = PassphrasePrompts(passphrases, "ctrl", lambda org, label: f"for {org} " in label)
    try:
        qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.worker is None, timeout=TIMEOUT)
    finally:
        prompts.timer.stop()
    assert prompts.asked == [] and panel.status.text() == "Played: checkpoint"
    with PostgisWorkspace.open(alpha) as participant:
        assert _names(participant) == {"Flood", "Checkpoint"}
