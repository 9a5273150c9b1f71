"""Briefing map dialog: the audience from the partner directory, the layers, the valid-at time and
the file chosen with real clicks and keys; the map written in a worker (progress, Cancel that
writes nothing), then opened in the browser when asked."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from briefing_helpers import enter_partners
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from shapely.geometry import Point

from humanops.feedback import Feedback
from humanops.model.marking import TLP, Marking
from humanops.store.workspace import Workspace

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
US = {"id": "ocha", "name": "Coordination office", "acronym": "OCHA", "communities": ["community:wash"]}
MEDAID = {"id": "medaid", "name": "MedAid Relief", "acronym": "MedAid", "communities": ["community:wash"]}
UNHCR = {"id": "unhcr", "name": "Refugee agency", "acronym": "UNHCR", "communities": ["community:protection"]}


@pytest.fixture
def workspace_path(tmp_path: Path, fast_kdf) -> Path:
    """Our workspace: two partners, needs of which MedAid may see some, and a zone."""
    path = tmp_path / "ocha.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        enter_partners(ws, US, [MEDAID, UNHCR], NOW)
        ws.set_meta("scenario_now", "2026-11-28T12:00:00Z")
        ws.add_feature("need", Point(36.00, 33.0), {"name": "Open camp", "population": 800}, Marking(tlp=TLP.GREEN))
        ws.add_feature("need", Point(36.02, 33.0), {"name": "For MedAid", "population": 300},
                       Marking(tlp=TLP.AMBER, releasable_to=("medaid",)))
        ws.add_feature("need", Point(36.04, 33.0), {"name": "Only UNHCR", "population": 90},
                       Marking(tlp=TLP.RED, releasable_to=("unhcr",)))
    return path


class GatedFeedback(Feedback):
    """Holds the worker once the map is being prepared, until the test lets it go: the Cancel
    click then lands while the work is certainly still running."""

    def __init__(self, on_progress=None) -> None:
        super().__init__(on_progress)
        self.reached = threading.Event()
        self.release = threading.Event()

    def progress(self, fraction: float, message: str = "") -> None:
        if fraction >= 0.1 and not self.reached.is_set():
            self.reached.set()
            self.release.wait(20)
        super().progress(fraction, message)


def open_dialog(qtbot, path: Path, **kwargs):
    from humanops.ui.dialogs.briefing_dialog import BriefingDialog

    opened: list = []
    with Workspace.open(path) as ws:
        dialog = BriefingDialog(ws, open_url=lambda url: opened.append(url) or True, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, opened


def choose_audience(qtbot, dialog, text: str) -> None:
    dialog.audience.setFocus()
    qtbot.keyClicks(dialog.audience, text)   # a closed combo box selects the item typed


def toggle_layer(qtbot, dialog, name: str) -> None:
    row = next(i for i in range(dialog.layer_list.count())
               if dialog.layer_list.item(i).data(Qt.ItemDataRole.UserRole) == name)
    rect = dialog.layer_list.visualItemRect(dialog.layer_list.item(row))
    qtbot.mouseClick(dialog.layer_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(dialog.layer_list, Qt.Key.Key_Space)


def test_writes_what_the_partner_may_see_and_opens_it(qtbot, workspace_path: Path, tmp_path: Path) -> None:
    dialog, opened = open_dialog(qtbot, workspace_path)
    assert dialog.audience.itemData(0) == "internal" and dialog.audience.findData("unhcr") > 0
    assert dialog.chosen_valid_at() == NOW   # the workspace's clock
    assert not dialog.write_button.isEnabled() and "Choose where" in dialog.message.text()
    choose_audience(qtbot, dialog, "MedAid")
    assert dialog.audience.currentData() == "medaid"
    assert "danger_zone" in dialog.chosen_layers()
    toggle_layer(qtbot, dialog, "danger_zone")
    assert "danger_zone" not in dialog.chosen_layers() and "need" in dialog.chosen_layers()
    out = tmp_path / "for-medaid.html"
    qtbot.keyClicks(dialog.file_edit, str(out))
    assert dialog.write_button.isEnabled()

    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30_000)
    text = out.read_text(encoding="utf-8")
    assert "Open camp" in text and "For MedAid" in text and "Only UNHCR" not in text
    assert ">TLP:AMBER<" in text and "for MedAid (MedAid Relief)" in text
    assert dialog.message.text().startswith(f"Written {out}") and "1 feature(s) withheld" in dialog.message.text()
    assert [url.toLocalFile() for url in opened] == [str(out.resolve())]
    assert [layer.name for layer in dialog.result.briefing.layers] == ["need"]   # empty layers left out
    # the file is there now: writing again asks for another name (Browse… asks before replacing)
    assert not dialog.write_button.isEnabled()
    dialog.set_audience("unhcr")
    assert "exists already" in dialog.message.text() and not dialog.write_button.isEnabled()


def test_internal_without_opening(qtbot, workspace_path: Path, tmp_path: Path) -> None:
    dialog, opened = open_dialog(qtbot, workspace_path)
    assert dialog.audience.currentData() == "internal"
    qtbot.mouseClick(dialog.open_when_written, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not dialog.open_when_written.isChecked()
    out = tmp_path / "ours.html"
    qtbot.keyClicks(dialog.file_edit, str(out))
    qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Tab)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30_000)
    assert "Only UNHCR" in out.read_text(encoding="utf-8") and ">TLP:RED<" in out.read_text(encoding="utf-8")
    assert opened == []


def test_cancel_writes_nothing(qtbot, workspace_path: Path, tmp_path: Path) -> None:
    gates: list[GatedFeedback] = []

    def factory(on_progress):
        gates.append(GatedFeedback(on_progress))
        return gates[-1]

    dialog, opened = open_dialog(qtbot, workspace_path, feedback_factory=factory)
    out = tmp_path / "cancelled.html"
    qtbot.keyClicks(dialog.file_edit, str(out))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    worker = dialog.worker
    qtbot.waitUntil(lambda: bool(gates) and gates[-1].reached.is_set(), timeout=20_000)
    progress = worker.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=5000)   # shown once the work takes a moment
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(worker.cancelled, timeout=20_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        gates[-1].release.set()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    assert dialog.message.text() == "Cancelled: no briefing map was written."
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["ocha.gpkg"] and opened == []


def test_problems_are_said_before_anything_is_written(qtbot, workspace_path: Path, tmp_path: Path) -> None:
    dialog, _ = open_dialog(qtbot, workspace_path)
    qtbot.keyClicks(dialog.file_edit, str(tmp_path / "notes.txt"))
    assert "must end in .html" in dialog.message.text() and not dialog.write_button.isEnabled()
    dialog.file_edit.clear()
    qtbot.keyClicks(dialog.file_edit, str(workspace_path))
    assert "workspace itself" in dialog.message.text()
    dialog.file_edit.clear()
    qtbot.keyClicks(dialog.file_edit, str(tmp_path / "b.html"))
    for name in dialog.chosen_layers():
        toggle_layer(qtbot, dialog, name)
    assert dialog.message.text() == "Choose at least one layer." and not dialog.write_button.isEnabled()
    toggle_layer(qtbot, dialog, "incident")   # a layer with nothing in it: the writer says so
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30_000)
    assert dialog.message.text().startswith("No briefing map was written: nothing to show")
    assert not (tmp_path / "b.html").exists()


def test_the_briefing_map_is_written_from_the_file_menu(qtbot, main_window, tmp_path: Path) -> None:
    from test_map_export import choose_from_menu

    from humanops.ui.dialogs.briefing_dialog import BriefingDialog

    window = main_window
    choose_from_menu(qtbot, window, "File", window.actions.briefing_map)
    qtbot.waitUntil(lambda: window.findChild(BriefingDialog) is not None)
    dialog = window.findChild(BriefingDialog)
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.open_when_written, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not dialog.open_when_written.isChecked()
    out = tmp_path / "briefing.html"
    qtbot.keyClicks(dialog.file_edit, str(out))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60_000)
    assert out.is_file() and "TLP:" in out.read_text(encoding="utf-8")
    assert f"Briefing map written to {out}." in window.statusBar().currentMessage()
