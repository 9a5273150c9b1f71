"""Authority in the app, driven through the real widgets: only a feature's originator changes
it. A partner's feature we received may only get a stricter marking (kept for what we pass
on, no new version); an edit of its fields, geometry or a deletion is asked about and kept as
our proposal to its originator (undo withdraws it), drawn on the map until decided; received
proposals are decided in the Conflicts and proposals panel.

The partner's features come in through a real exchange (``tests/exchange_helpers.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from shapely.geometry import Point, Polygon
from ui_helpers import canvas_point, click_row, open_as, rows, select_in_table

from humanops.model.marking import TLP, Marking
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package
from humanops.sharing.proposals import list_proposals, propose
from humanops.ui.editing import CANCEL_BUTTON, PROPOSAL_QUESTION, PROPOSE_BUTTON
from humanops.ui.sharing.extension import proposal_overlay
from humanops.ui.sharing.proposal_overlay import OVERLAY

WAIT_MS = 20_000
ORGS = {"ocha": (), "medaid": ()}
CAMP = (36.05, 36.05)
ZONE = [(36.00, 36.00), (36.10, 36.00), (36.10, 36.08), (36.00, 36.08)]


pytestmark = pytest.mark.usefixtures("fast_kdf")  # every test here makes or unlocks keys


def exchange(sender, recipient, path: Path) -> dict:
    export_package(sender.ws, [recipient.org], path, sender.passphrase)
    result = import_package(recipient.ws, path, recipient.passphrase)
    assert not result.quarantined, result.quarantined
    return result.layers


def received_camp(partners, tmp_path: Path, tlp: TLP = TLP.RED, *, editors: tuple[str, ...] = ()) -> str:
    """ocha's need "Camp A" (releasable to medaid), received by medaid; its uuid."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    camp = ocha.ws.add_feature("need", Point(*CAMP), {"name": "Camp A", "population": 100},
                               Marking(tlp=tlp, releasable_to=("medaid",)))
    if editors:
        from humanops.sharing.editors import set_editors

        set_editors(ocha.ws, "need", editors, uuids=[camp.uuid])
    assert exchange(ocha, medaid, tmp_path / "camp.hopx") == {"need": {"inserted": 1}}
    return camp.uuid


def question(qtbot, window) -> QMessageBox:
    """The open "propose it?" question (opened window-modal, without blocking)."""
    qtbot.waitUntil(lambda: window.editing.has_pending_question(), timeout=WAIT_MS)
    (box,) = [b for b in window.findChildren(QMessageBox, PROPOSAL_QUESTION) if b.isVisible()]
    return box


def answer(qtbot, box: QMessageBox, button: str) -> None:
    qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)


def type_population(qtbot, window, value: str) -> None:
    spin = window.feature_panel.form.editors["population"].input
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, value)


def stored(path: Path, uuid: str, columns: str = "population, tlp, caveats, version") -> tuple:
    (row,) = rows(path, f"SELECT {columns} FROM need WHERE uuid = ?", (uuid,))
    return row


def overlay_rows(window) -> int:
    overlay = window.canvas.overlay(OVERLAY)
    return 0 if overlay is None else len(overlay)


# --- the marking: one way to set it ------------------------------------------------------------------

def test_a_received_marking_may_only_be_made_stricter(qtbot, make_main_window, partners, tmp_path: Path) -> None:
    uuid = received_camp(partners, tmp_path, TLP.RED)
    window = open_as(make_main_window, partners, tmp_path, "medaid")
    path = window.workspace.path
    assert select_in_table(qtbot, window, "need") == uuid
    panel = window.marking_panel
    assert panel.note.isVisible() and "Received from OCHA" in panel.note.text()

    # Lowered to CLEAR: refused, the reason in red in the panel, nothing stored.
    qtbot.mouseClick(panel.editor.tlp_buttons["CLEAR"], Qt.MouseButton.LeftButton)
    assert panel.refusal.isVisible()
    assert "its marking may only be made stricter (TLP lowered from RED to CLEAR)" in panel.refusal.text()
    assert "received from ocha" in panel.refusal.text()
    assert not panel.apply_button.isEnabled()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert stored(path, uuid) == (100, "RED", None, 1)
    # The engine says the same when asked directly (a refusal at Apply time shows in the panel too).
    assert not window.editing.update_marking("need", uuid, Marking(tlp=TLP.CLEAR, releasable_to=("medaid",)))
    assert panel.refusal.isVisible() and "TLP lowered from RED to CLEAR" in panel.refusal.text()
    assert window.statusBar().currentMessage().startswith("Marking of civilian need 'Camp A' not changed")
    assert stored(path, uuid) == (100, "RED", None, 1)
    assert window.undo_stack.count() == 0

    # Back to RED and stricter still (no onward sharing): kept as a restriction, no new version.
    qtbot.mouseClick(panel.editor.tlp_buttons["RED"], Qt.MouseButton.LeftButton)
    assert not panel.refusal.isVisible()
    qtbot.mouseClick(panel.editor.caveat_boxes["no_onward_sharing"], Qt.MouseButton.LeftButton)
    assert not panel.refusal.isVisible() and panel.apply_button.isEnabled()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert stored(path, uuid) == (100, "RED", "no_onward_sharing", 1)
    assert window.statusBar().currentMessage() == (
        "Marking restricted on civilian need 'Camp A': TLP:RED for what we pass on (its originator's version is "
        "kept).")
    assert not panel.is_dirty()

    # Undo sets the previous marking back, through the same rule: still version 1.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(path, uuid) == (100, "RED", None, 1)


def test_our_own_marking_is_a_new_version_and_the_status_names_the_feature(qtbot, make_main_window, partners,
                                                                             tmp_path: Path) -> None:
    ocha = partners["ocha"]
    camp = ocha.ws.add_feature("need", Point(*CAMP), {"name": "Camp A", "population": 100}, Marking(tlp=TLP.AMBER))
    window = open_as(make_main_window, partners, tmp_path, "ocha")
    select_in_table(qtbot, window, "need")
    panel = window.marking_panel
    assert not panel.note.isVisible()
    qtbot.mouseClick(panel.editor.tlp_buttons["CLEAR"], Qt.MouseButton.LeftButton)  # ours: lowering is fine
    assert not panel.refusal.isVisible()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert stored(window.workspace.path, camp.uuid) == (100, "CLEAR", None, 2)
    assert window.statusBar().currentMessage() == "Marking saved on civilian need 'Camp A': TLP:CLEAR."


# --- editing another organisation's feature: a proposal ----------------------------------------------

def test_editing_a_partners_feature_asks_then_proposes_and_undo_withdraws(qtbot, make_main_window, partners,
                                                                          tmp_path: Path) -> None:
    uuid = received_camp(partners, tmp_path, TLP.AMBER)
    window = open_as(make_main_window, partners, tmp_path, "medaid")
    path = window.workspace.path
    select_in_table(qtbot, window, "need")
    form = window.feature_panel
    assert "only OCHA changes it" in form.note.text() and form.apply_button.text() == "Propose…"

    # Cancel: nothing stored, the edit stays in the form.
    type_population(qtbot, window, "250")
    qtbot.mouseClick(form.apply_button, Qt.MouseButton.LeftButton)
    box = question(qtbot, window)
    assert box.text() == ("This civilian need belongs to OCHA. Your change will be sent to OCHA as a proposal; "
                          "OCHA decides. Propose it?")
    answer(qtbot, box, CANCEL_BUTTON)
    assert not window.editing.has_pending_question()
    assert list_proposals(window.workspace) == [] and window.undo_stack.count() == 0
    assert form.is_dirty() and form.form.values()["population"] == 250

    # Propose: an open proposal; the feature stays as ocha made it; drawn on the map.
    qtbot.mouseClick(form.apply_button, Qt.MouseButton.LeftButton)
    answer(qtbot, question(qtbot, window), PROPOSE_BUTTON)
    (proposal,) = list_proposals(window.workspace)
    assert (proposal["uuid"], proposal["proposer"], proposal["originator"], proposal["status"]) == \
        (uuid, "medaid", "ocha", "open")
    assert proposal["feature"]["properties"]["population"] == 250
    assert stored(path, uuid) == (100, "AMBER", None, 1)
    assert rows(path, "SELECT status FROM humanops_proposals") == [("open",)]  # committed
    assert not form.is_dirty() and form.form.values()["population"] == 100  # the stored feature again
    assert "Your proposal is waiting for OCHA's decision" in form.note.text()
    assert window.statusBar().currentMessage().startswith("Proposed to OCHA")
    qtbot.waitUntil(lambda: overlay_rows(window) == 1, timeout=WAIT_MS)
    assert window.undo_stack.undoText() == "Propose changing fields of Camp A (to ocha)"

    # Undo withdraws it; redo proposes it again.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list_proposals(window.workspace) == []
    assert rows(path, "SELECT status FROM humanops_proposals") == [("withdrawn",)]
    qtbot.waitUntil(lambda: overlay_rows(window) == 0, timeout=WAIT_MS)
    window.undo_stack.redo()
    (again,) = list_proposals(window.workspace)
    assert again["feature"]["properties"]["population"] == 250
    assert stored(path, uuid) == (100, "AMBER", None, 1)


def test_deleting_a_partners_feature_is_proposed_and_drawn_with_a_cross(qtbot, make_main_window, partners,
                                                                         tmp_path: Path) -> None:
    uuid = received_camp(partners, tmp_path, TLP.AMBER)
    window = open_as(make_main_window, partners, tmp_path, "medaid")
    select_in_table(qtbot, window, "need")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    box = question(qtbot, window)
    assert box.text().startswith("This civilian need belongs to OCHA. Deleting it will be sent to OCHA as a proposal")
    answer(qtbot, box, PROPOSE_BUTTON)
    (proposal,) = list_proposals(window.workspace)
    assert proposal["deleted"] and proposal["uuid"] == uuid
    assert window.workspace.find_feature("need", uuid) is not None  # only ocha deletes it
    qtbot.waitUntil(lambda: overlay_rows(window) == 1, timeout=WAIT_MS)
    overlay = window.canvas.overlay(OVERLAY)
    assert list(overlay.marker) == ["cross"] and overlay.label[0] == "Proposed deletion (waiting for OCHA)"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list_proposals(window.workspace) == []


def test_moving_a_vertex_of_a_partners_zone_is_proposed(qtbot, make_main_window, partners, tmp_path: Path) -> None:
    ocha, medaid = partners["ocha"], partners["medaid"]
    zone = ocha.ws.add_feature("danger_zone", Polygon(ZONE), {"name": "Shelling area", "hazard": "shelling",
                                                              "severity": 4},
                               Marking(tlp=TLP.AMBER, releasable_to=("medaid",)))
    exchange(ocha, medaid, tmp_path / "zone.hopx")
    window = open_as(make_main_window, partners, tmp_path, "medaid")
    select_in_table(qtbot, window, "danger_zone")
    window.canvas.zoom_to_layer("danger_zone")
    window.rendered.clear()
    qtbot.waitUntil(lambda: bool(window.rendered), timeout=WAIT_MS)
    window.actions.edit_vertices.trigger()
    canvas = window.canvas
    corner, target = canvas_point(canvas, 36.10, 36.00), canvas_point(canvas, 36.12, 35.99)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(canvas, target)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    answer(qtbot, question(qtbot, window), PROPOSE_BUTTON)
    (proposal,) = list_proposals(window.workspace)
    assert proposal["uuid"] == zone.uuid and not proposal["deleted"]
    held = window.workspace.get_feature("danger_zone", zone.uuid)
    corners = [(round(x, 2), round(y, 2)) for x, y in held.geometry.geoms[0].exterior.coords]
    assert held.version == 1 and (36.10, 36.00) in corners  # the zone is as ocha made it
    assert canvas.map_tool()._preview is None  # the tool shows it as stored; the overlay the proposal
    qtbot.waitUntil(lambda: overlay_rows(window) == 2, timeout=WAIT_MS)  # dashed outline + its label
    overlay = proposal_overlay(window)
    tip = overlay.tip_at(target.x(), target.y())  # hovering the proposed corner
    assert tip is not None and tip.startswith("Proposed change (waiting for OCHA)\nmedaid proposes changing geometry")
    assert overlay.tip_at(5, 5) is None  # far from any proposal


def test_a_named_editor_edits_as_before(qtbot, make_main_window, partners, tmp_path: Path) -> None:
    uuid = received_camp(partners, tmp_path, TLP.AMBER, editors=("medaid",))
    window = open_as(make_main_window, partners, tmp_path, "medaid")
    select_in_table(qtbot, window, "need")
    form = window.feature_panel
    assert "named you an editor" in form.note.text() and form.apply_button.text() == "Apply"
    type_population(qtbot, window, "250")
    qtbot.mouseClick(form.apply_button, Qt.MouseButton.LeftButton)
    assert not window.editing.has_pending_question()
    feature = window.workspace.get_feature("need", uuid)
    assert feature.properties["population"] == 250 and feature.originator == "ocha"
    assert list_proposals(window.workspace) == []


# --- received proposals in the Conflicts and proposals panel -------------------------------------------

def test_a_received_proposal_is_listed_and_accept_stores_our_new_version(qtbot, make_main_window, partners,
                                                                         tmp_path: Path) -> None:
    ocha, medaid = partners["ocha"], partners["medaid"]
    uuid = received_camp(partners, tmp_path, TLP.AMBER)
    propose(medaid.ws, "need", uuid, properties={"population": 250})
    assert exchange(medaid, ocha, tmp_path / "proposal.hopx")["need"].get("proposals") == 1
    assert ocha.ws.get_feature("need", uuid).properties["population"] == 100  # never merged

    window = open_as(make_main_window, partners, tmp_path, "ocha")
    window.docks["conflicts"].show()
    panel = window.docks["conflicts"].widget()
    assert panel.proposal_list.count() == 1
    (row,) = panel.proposal_rows
    assert row.text_label.text() == "medaid proposes changing population of ocha's need Camp A"
    assert row.accept_button.isVisible() and row.reject_button.isVisible()
    qtbot.waitUntil(lambda: overlay_rows(window) == 1, timeout=WAIT_MS)
    assert window.canvas.overlay(OVERLAY).label[0] == "Proposed change by MEDAID (waiting for you)"

    # Selecting it shows what it changes.
    click_row(qtbot, panel.proposal_list, 0)
    assert panel.differing_fields() == ["population"]

    qtbot.mouseClick(row.accept_button, Qt.MouseButton.LeftButton)
    feature = window.workspace.get_feature("need", uuid)
    assert (feature.properties["population"], feature.version, feature.originator) == (250, 2, "ocha")
    assert rows(window.workspace.path, "SELECT status FROM humanops_proposals") == [("accepted",)]
    assert panel.proposal_list.count() == 0 and "now version 2" in panel.status.text()
    qtbot.waitUntil(lambda: overlay_rows(window) == 0, timeout=WAIT_MS)


def test_reject_closes_a_proposal_and_changes_nothing(qtbot, make_main_window, partners, tmp_path: Path) -> None:
    ocha, medaid = partners["ocha"], partners["medaid"]
    uuid = received_camp(partners, tmp_path, TLP.AMBER)
    propose(medaid.ws, "need", uuid, delete=True)
    exchange(medaid, ocha, tmp_path / "proposal.hopx")
    window = open_as(make_main_window, partners, tmp_path, "ocha")
    panel = window.docks["conflicts"].widget()
    (row,) = panel.proposal_rows
    assert row.text_label.text().startswith("medaid proposes deleting") and "Camp A" in row.text_label.text()
    qtbot.mouseClick(row.reject_button, Qt.MouseButton.LeftButton)
    assert window.workspace.get_feature("need", uuid).version == 1
    assert rows(window.workspace.path, "SELECT status FROM humanops_proposals") == [("rejected",)]
    assert panel.proposal_list.count() == 0


def test_undoing_a_second_proposal_brings_back_the_one_it_replaced(partners, tmp_path: Path) -> None:
    from PySide6.QtGui import QUndoStack

    from humanops.ui.undo_commands import ProposeChange, push_edit

    uuid = received_camp(partners, tmp_path, TLP.AMBER)
    ws = partners["medaid"].ws
    stack = QUndoStack()
    push_edit(stack, ProposeChange(ws, "need", uuid, properties={"population": 200}))
    push_edit(stack, ProposeChange(ws, "need", uuid, properties={"population": 300}))
    assert [p["feature"]["properties"]["population"] for p in list_proposals(ws)] == [300]  # one open at a time
    stack.undo()
    assert [p["feature"]["properties"]["population"] for p in list_proposals(ws)] == [200]
    stack.undo()
    assert list_proposals(ws) == []
    stack.redo()
    stack.redo()
    assert [p["feature"]["properties"]["population"] for p in list_proposals(ws)] == [300]
    assert ws.get_feature("need", uuid).properties["population"] == 100
