"""The Apply / Revert row the feature form and the marking panel share: Apply only with an edit
nothing blocks, Revert with any edit, and both panels behave as they did on their own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shapely.geometry import Point

from humanops.catalog import load_catalog
from humanops.model.feature import Feature
from humanops.model.marking import TLP, Marking
from humanops.ui.panels.feature_form import FeatureFormPanel
from humanops.ui.panels.marking_editor import MarkingPanel


def _need(**marking: object) -> Feature:
    return Feature("need", Point(30, 10), {"name": "Camp", "population": 100}, Marking(**marking),
                   originator="ocha")


def test_feature_form_apply_revert_through_the_bar(qtbot):
    panel = FeatureFormPanel()
    qtbot.addWidget(panel)
    sent: list[tuple[str, str, dict]] = []
    panel.applyRequested.connect(lambda *args: sent.append(args))
    feature = _need()
    panel.set_feature(feature, load_catalog()["need"])
    assert panel.apply_button.text() == "Apply" and not panel.apply_button.isEnabled()
    assert not panel.revert_button.isEnabled()

    name = panel.form.editors["name"].input
    name.selectAll()
    QTest.keyClicks(name, "Clinic")
    assert panel.apply_button.isEnabled() and panel.revert_button.isEnabled()
    name.clear()  # a required field emptied: Revert, but no Apply
    assert not panel.apply_button.isEnabled() and panel.revert_button.isEnabled()
    assert panel.apply() is False and sent == []

    QTest.mouseClick(panel.revert_button, Qt.MouseButton.LeftButton)
    assert name.text() == "Camp" and not panel.revert_button.isEnabled()
    QTest.keyClick(name, Qt.Key.Key_End)  # a shown value's beginning is in view: the cursor is at 0
    QTest.keyClicks(name, " B")
    QTest.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert sent == [("need", feature.uuid, {"name": "Camp B"})]

    panel.authority = lambda _feature: ("a partner's feature", True)
    panel.set_feature(feature, load_catalog()["need"])
    assert panel.apply_button.text() == "Propose…"
    panel.authority = None
    panel.set_feature(feature, load_catalog()["need"])
    assert panel.apply_button.text() == "Apply"


def test_marking_panel_refusal_blocks_apply_and_revert_clears_it(qtbot):
    panel = MarkingPanel()
    qtbot.addWidget(panel)
    panel.show()
    sent: list[tuple[str, str, Marking]] = []
    panel.applyRequested.connect(lambda *args: sent.append(args))
    panel.rule_check = lambda _layer, _uuid, marking: "too open" if marking.tlp is TLP.CLEAR else None
    feature = _need(tlp=TLP.AMBER)
    panel.set_feature(feature, load_catalog()["need"])
    assert not panel.apply_button.isEnabled() and not panel.revert_button.isEnabled()

    QTest.mouseClick(panel.editor.tlp_buttons["CLEAR"], Qt.MouseButton.LeftButton)
    assert panel.refusal.isVisible() and "too open" in panel.refusal.text()
    assert not panel.apply_button.isEnabled() and panel.revert_button.isEnabled()
    assert panel.apply() is False and sent == []

    panel.show_refusal("refused when applied")  # stays until the marking changes or is reverted
    QTest.mouseClick(panel.revert_button, Qt.MouseButton.LeftButton)
    assert not panel.refusal.isVisible() and not panel.revert_button.isEnabled()

    QTest.mouseClick(panel.editor.tlp_buttons["RED"], Qt.MouseButton.LeftButton)
    assert panel.apply_button.isEnabled()
    QTest.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert len(sent) == 1 and sent[0][2].tlp is TLP.RED
