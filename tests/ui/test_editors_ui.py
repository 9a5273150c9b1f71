"""Editors in the app, driven through the real widgets: an originator names the partners who
may edit its feature with it (the Feature panel's Editors… button) or all its features of a
layer (Sharing ▸ Editors of a layer…). Each is a new version, undoable; a partner's feature
shows the editors its originator signed, and the dialog says only that originator names them.

The partner's feature comes in through a real exchange (``tests/exchange_helpers.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from shapely.geometry import Point
from ui_helpers import open_as, rows, select_in_table

from humanops.model.marking import TLP, Marking
from humanops.sharing.editors import editors_of, set_editors
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package
from humanops.ui.sharing.editors_dialog import EditorsDialog

WAIT_MS = 20_000
ORGS = {"ocha": (), "medaid": (), "unhcr": ()}
SHOTS = Path(os.environ.get("HUMANOPS_SHOTS", "/tmp/shots2"))


pytestmark = pytest.mark.usefixtures("fast_kdf")  # every test here makes or unlocks keys


def shot(widget, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # laid out as the user sees it
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def open_dialog(qtbot, window) -> EditorsDialog:
    button = window.feature_panel.editors_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in window.findChildren(EditorsDialog) if d.isVisible()]
    qtbot.waitExposed(dialog)
    return dialog


def tick(qtbot, check) -> None:
    """Click a check box on its box (the widget may be wider than its label)."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def version(path: Path, uuid: str) -> int:
    (row,) = rows(path, "SELECT version FROM need WHERE uuid = ?", (uuid,))
    return row[0]


def test_naming_an_editor_of_our_feature_is_a_new_version_and_undoable(qtbot, make_main_window, partners,
                                                                       tmp_path: Path) -> None:
    ocha = partners["ocha"]
    camp = ocha.ws.add_feature("need", Point(36.05, 36.05), {"name": "Camp A", "population": 100},
                               Marking(tlp=TLP.AMBER))
    window = open_as(make_main_window, partners, tmp_path, "ocha")
    path = window.workspace.path
    assert select_in_table(qtbot, window, "need") == camp.uuid
    panel = window.feature_panel
    assert panel.editors_line.isVisible()
    assert panel.editors_line.text() == "Editors: none (only you change it)"

    dialog = open_dialog(qtbot, window)
    assert dialog.explanation.text() == ("Editors may change fields and geometry with you; only you set the "
                                         "marking, name editors or delete.")
    assert set(dialog.checks) == {"medaid", "unhcr"}  # the directory, ourselves excluded
    assert not any(c.isChecked() for c in dialog.checks.values())
    assert not dialog.ok_button.isEnabled() and not dialog.reason.isVisible()  # nothing changed yet
    tick(qtbot, dialog.checks["medaid"])
    assert dialog.checks["medaid"].isChecked() and dialog.ok_button.isEnabled()
    shot(dialog, "editors_own_feature")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    assert editors_of(window.workspace, "need", camp.uuid) == ("medaid",)
    assert version(path, camp.uuid) == 2  # committed: a new version
    assert window.statusBar().currentMessage().startswith("Named MEDAID to edit “Camp A” with you (version 2")
    qtbot.waitUntil(lambda: panel.editors_line.text() == "Editors: MEDAID", timeout=WAIT_MS)
    assert "version 2" in panel.title.text()
    qtbot.wait(50)  # laid out again
    shot(window.docks["feature"], "editors_feature_panel")

    # Opened again: pre-checked with the current editors.
    dialog = open_dialog(qtbot, window)
    assert dialog.checks["medaid"].isChecked() and not dialog.checks["unhcr"].isChecked()
    dialog.reject()

    # Undo: no editors again, as a new version.
    assert window.undo_stack.undoText() == "Name editors of Camp A"
    window.undo_stack.undo()
    assert editors_of(window.workspace, "need", camp.uuid) == ()
    assert version(path, camp.uuid) == 3
    qtbot.waitUntil(lambda: panel.editors_line.text() == "Editors: none (only you change it)", timeout=WAIT_MS)
    window.undo_stack.redo()
    assert editors_of(window.workspace, "need", camp.uuid) == ("medaid",)


def test_the_dialog_is_disabled_for_a_partners_feature(qtbot, make_main_window, partners, tmp_path: Path) -> None:
    ocha, medaid = partners["ocha"], partners["medaid"]
    camp = ocha.ws.add_feature("need", Point(36.05, 36.05), {"name": "Camp A", "population": 100},
                               Marking(tlp=TLP.RED, releasable_to=("medaid",)))
    set_editors(ocha.ws, "need", ["unhcr"], uuids=[camp.uuid])
    export_package(ocha.ws, ["medaid"], tmp_path / "camp.hopx", ocha.passphrase)
    assert import_package(medaid.ws, tmp_path / "camp.hopx", medaid.passphrase).layers == {"need": {"inserted": 1}}
    window = open_as(make_main_window, partners, tmp_path, "medaid")
    path = window.workspace.path
    assert select_in_table(qtbot, window, "need") == camp.uuid
    panel = window.feature_panel
    assert panel.editors_line.text() == "Editors named by OCHA: UNHCR"
    qtbot.wait(100)
    shot(window.docks["feature"], "editors_partner_panel")

    dialog = open_dialog(qtbot, window)
    assert dialog.reason.isVisible() and dialog.reason.text() == "Only OCHA names the editors of its feature."
    assert dialog.explanation.text() == ("Editors may change fields and geometry with OCHA; only OCHA sets the "
                                         "marking, names editors or deletes.")
    assert not dialog.ok_button.isEnabled()
    assert not dialog.partners_box.isEnabled() and not dialog.checks["unhcr"].isEnabled()
    assert set(dialog.checks) == {"unhcr"}  # neither we nor the originator are candidates
    assert dialog.checks["unhcr"].isChecked()  # as ocha signed them
    shot(dialog, "editors_partner_feature")
    tick(qtbot, dialog.checks["unhcr"])  # disabled: nothing happens
    assert dialog.checks["unhcr"].isChecked()
    dialog.apply()  # even asked directly: nothing is done
    assert dialog.isVisible()
    dialog.reject()
    assert editors_of(window.workspace, "need", camp.uuid) == ("unhcr",)
    assert version(path, camp.uuid) == 2 and window.undo_stack.count() == 0


def test_a_layers_default_editors_from_the_sharing_menu(qtbot, make_main_window, partners, tmp_path: Path) -> None:
    ocha = partners["ocha"]
    ours = [ocha.ws.add_feature("need", Point(36.0 + i / 100, 36.05), {"name": f"Camp {i}", "population": 10})
            for i in range(3)]
    set_editors(ocha.ws, "need", ["medaid"], uuids=[ours[2].uuid])  # one has editors of its own
    window = open_as(make_main_window, partners, tmp_path, "ocha")
    (action,) = [a for a in window.actions.menus["Sharing"].actions() if a.text() == "Editors of a layer…"]
    action.trigger()
    (dialog,) = [d for d in window.findChildren(EditorsDialog) if d.isVisible()]
    assert dialog.layer_box is not None
    dialog.layer_box.setCurrentIndex(dialog.layer_box.findData("need"))
    assert "Saving gives 2 civilian needs of ours a new version" in dialog.note.text(), dialog.note.text()
    tick(qtbot, dialog.checks["unhcr"])
    shot(dialog, "editors_layer")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    ws = window.workspace
    assert [editors_of(ws, "need", f.uuid) for f in ours] == [("unhcr",), ("unhcr",), ("medaid",)]
    assert [version(ws.path, f.uuid) for f in ours] == [2, 2, 2]
    assert window.statusBar().currentMessage().startswith("Civilian needs: UNHCR named default editors; 2 features")
    window.undo_stack.undo()
    assert [editors_of(ws, "need", f.uuid) for f in ours] == [(), (), ("medaid",)]
