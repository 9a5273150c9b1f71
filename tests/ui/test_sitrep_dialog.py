"""File › Situation report…: the audience, time, title and file chosen with real clicks and keys,
the PDF written in a worker (progress, Cancel that writes nothing), the window told when it is."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from test_map_export import choose_from_menu

from humanops.feedback import Feedback

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed here: "
                                "packaging/system-packages.sh --test installs it, and could not on this machine")


class GatedFeedback(Feedback):
    """Holds the worker once the report is being gathered, until the test lets it go: the Cancel
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


def test_the_report_is_written_from_the_file_menu(qtbot, main_window, tmp_path: Path) -> None:
    from humanops.ui.dialogs.sitrep_dialog import SitrepDialog

    window = main_window
    choose_from_menu(qtbot, window, "File", window.actions.sitrep)
    qtbot.waitUntil(lambda: window.findChild(SitrepDialog) is not None)
    dialog = window.findChild(SitrepDialog)
    qtbot.waitExposed(dialog)
    assert dialog.audience.currentData() == "internal" and not dialog.write_button.isEnabled()
    qtbot.mouseClick(dialog.open_when_written, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not dialog.open_when_written.isChecked()
    qtbot.keyClicks(dialog.title, "Sitrep 14, north")
    out = tmp_path / "sitrep.pdf"
    qtbot.keyClicks(dialog.file_edit, str(out))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60_000)

    assert dialog.result is not None and dialog.message.text().startswith(f"Written {out}"), dialog.message.text()
    assert f"Situation report written to {out}." in window.statusBar().currentMessage()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")[:-1]]
    assert len(pages) == dialog.result.pages and all(page.startswith("TLP:AMBER Sitrep 14, north") for page in pages)
    assert "Southern corridor" in text and "School shelter" in text   # our own people see everything we hold
    assert not dialog.write_button.isEnabled() and "exists already" not in dialog.message.text()


def test_cancel_writes_nothing(qtbot, small_workspace_path: Path, tmp_path: Path) -> None:
    from humanops.store.workspace import Workspace
    from humanops.ui.dialogs.sitrep_dialog import SitrepDialog

    gates: list[GatedFeedback] = []

    def factory(on_progress):
        gates.append(GatedFeedback(on_progress))
        return gates[-1]

    opened: list = []
    with Workspace.open(small_workspace_path) as ws:
        dialog = SitrepDialog(ws, feedback_factory=factory, open_url=lambda url: opened.append(url) or True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = tmp_path / "cancelled.pdf"
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
    assert dialog.message.text() == "Cancelled: no report was written."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.gpkg"] and opened == []
    qtbot.keyClicks(dialog.file_edit, "x")   # small.gpkg's own name, changed: no longer a problem
    dialog.file_edit.clear()
    qtbot.keyClicks(dialog.file_edit, str(small_workspace_path))
    assert "workspace itself" in dialog.message.text() and not dialog.write_button.isEnabled()
