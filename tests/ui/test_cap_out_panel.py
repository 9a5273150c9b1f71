"""The alerts panel's *Export CAP…* writes the alert's CAP chain as ``humanops triggers cap`` does:
an Alert first, the same message again while nothing changed, a Cancel once resolved."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from analysis_cases import CASES, load_case, read_case
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from humanops.store import cap_messages
from humanops.store.workspace import Workspace

CASE = read_case("triggers_case.json")
AT = datetime.fromisoformat(CASE["at"])
SCREENSHOTS = Path("/tmp/capout")  # looked at by the engineer, not checked


@pytest.fixture(scope="module")
def case_template(tmp_path_factory) -> tuple[Path, dict]:
    from humanops.analysis.triggers import adopt_rules

    path = tmp_path_factory.mktemp("cap_panel") / "case.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        names = load_case(ws, CASE)
        adopt_rules(ws, CASES / "triggers_rules.toml")
    return path, names


def _click_row(qtbot, panel, row: int) -> None:
    table = panel.alert_table
    rect = table.visualRect(table.model().index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_export_cap_button_writes_the_alert_then_its_cancel(qtbot, case_template, tmp_path, monkeypatch):
    from humanops.ui.panels.alerts_panel import AlertsPanel
    from humanops.ui.planning.trigger_watch import TriggerWatch

    template, names = case_template
    shutil.copy(template, tmp_path / "case.gpkg")
    ws = Workspace.open(tmp_path / "case.gpkg")
    watch = TriggerWatch()
    watch.attach(ws)
    watch.engine.at = AT
    watch.evaluate()
    panel = AlertsPanel()
    panel.attach_watch(watch)
    qtbot.addWidget(panel)
    watch.alertsChanged.connect(panel.refresh)
    panel.resize(1100, 520)
    panel.set_workspace(ws)
    panel.show()
    qtbot.waitExposed(panel)

    zone = names["danger_zone"]["Shelling near open"]
    row = next(i for i, a in enumerate(panel.alerts) if a.subject == f"zone:{zone}")
    _click_row(qtbot, panel, row)
    assert panel.selected_alert().subject == f"zone:{zone}" and panel.cap_button.isEnabled()
    out = tmp_path / "alert.xml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CAP XML (*.xml)"))
    with qtbot.waitSignal(panel.message) as said:
        qtbot.mouseClick(panel.cap_button, Qt.MouseButton.LeftButton)
    assert said.args[0].startswith("Wrote CAP 1.2 Alert (Actual) to ")
    assert "<msgType>Alert</msgType>" in out.read_text(encoding="utf-8")
    SCREENSHOTS.mkdir(exist_ok=True)
    panel.grab().save(str(SCREENSHOTS / "alerts_panel_export.png"))

    # the zone falls below the rule's severity: the alert is resolved, its export is a Cancel
    ws.update_feature("danger_zone", zone, properties={"severity": 2})
    qtbot.mouseClick(panel.show_resolved, Qt.MouseButton.LeftButton)
    row = next(i for i, a in enumerate(panel.alerts) if a.subject == f"zone:{zone}")
    assert panel.alerts[row].state == "resolved"
    _click_row(qtbot, panel, row)
    with qtbot.waitSignal(panel.message) as said:
        qtbot.mouseClick(panel.cap_button, Qt.MouseButton.LeftButton)
    assert said.args[0].startswith("Wrote CAP 1.2 Cancel (Actual)")
    written = out.read_text(encoding="utf-8")
    assert "<msgType>Cancel</msgType>" in written and "<references>ocha,humanops-" in written
    assert [m.msg_type for m in cap_messages.messages(ws, panel.alerts[row].id)] == ["Alert", "Cancel"]
    watch.detach()
    ws.close()
