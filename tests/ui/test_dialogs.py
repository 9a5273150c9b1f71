"""Import and export dialogs, and the worker under them: the report before anything is
written, Cancel that writes nothing, errors as readable sentences."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QPushButton
from ui_helpers import rows

from humanops.feedback import Feedback


def _needs_geojson(path: Path, n: int, *, bad_rows: tuple[int, ...] = ()) -> Path:
    features = []
    for i in range(n):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [36.0 + (i % 100) * 0.001, 36.0 + (i // 100) * 0.001]},
            "properties": {"name": f"Site {i}", "population": -3 if i in bad_rows else 100 + i,
                           "extra_column": "x"},
        })
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_import_shows_the_report_first_then_imports(qtbot, main_window, small_workspace_path: Path,
                                                    tmp_path: Path, snapshot) -> None:
    window = main_window
    source = _needs_geojson(tmp_path / "needs.geojson", 5, bad_rows=(3,))
    window.actions.import_file.trigger()
    dialog = window.import_dialog
    dialog.set_file(source, layer="need")
    assert not dialog.import_button.isEnabled()  # nothing can be written before the check
    before = snapshot(small_workspace_path)

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.outcome is not None, timeout=20_000)
    assert dialog.outcome.refused  # a rejected feature refuses the whole file by default
    assert "population" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert snapshot(small_workspace_path) == before

    qtbot.mouseClick(dialog.skip_rejected, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.outcome is not None, timeout=20_000)
    report_text = "\n".join(_tree_texts(dialog.report_tree))
    assert "name → name" in report_text and "population → population" in report_text
    assert "extra_column" in report_text  # unmapped, listed
    assert "[rejected]" in report_text and "below the minimum" in report_text
    assert dialog.import_button.isEnabled()
    assert snapshot(small_workspace_path) == before  # a check writes nothing

    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert rows(small_workspace_path, "SELECT count(*) FROM need WHERE name LIKE 'Site %'") == [(4,)]
    # The window saw the import (written through the worker's own connection).
    qtbot.waitUntil(lambda: "(10)" in window.layers_panel.layer_item("need").text(0), timeout=5000)
    dialog.reject()


class GatedFeedback(Feedback):
    """Holds the worker at its first progress report after reading, until the test lets it
    go: the Cancel click then lands while the import is certainly still running."""

    def __init__(self, on_progress=None) -> None:
        super().__init__(on_progress)
        self.reached = threading.Event()
        self.release = threading.Event()

    def progress(self, fraction: float, message: str = "") -> None:
        if fraction >= 0.6 and not self.reached.is_set():  # the importer is about to write
            self.reached.set()
            self.release.wait(20)
        super().progress(fraction, message)


def test_cancel_a_long_import_writes_nothing(qtbot, make_main_window, small_workspace_path: Path,
                                             tmp_path: Path, snapshot) -> None:
    from humanops.ui.dialogs.import_dialog import ImportDialog

    window = make_main_window(small_workspace_path)
    source = _needs_geojson(tmp_path / "many.geojson", 3000)
    gates: list[GatedFeedback] = []

    def factory(on_progress):
        if not gates and dialog.outcome is None:
            return Feedback(on_progress)  # the check runs freely
        gates.append(GatedFeedback(on_progress))
        return gates[-1]

    dialog = ImportDialog(small_workspace_path, window.workspace.catalog, window, feedback_factory=factory)
    dialog.set_file(source, layer="need")
    dialog.check()
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=20_000)
    before = snapshot(small_workspace_path)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    worker = dialog.worker
    gate = gates[-1]
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    progress = worker.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=5000)  # shown once the work takes a moment
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(worker.cancelled, timeout=20_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        gate.release.set()
    assert "nothing was written" in dialog.summary.text()
    assert snapshot(small_workspace_path) == before
    dialog.deleteLater()


def test_import_errors_are_readable_messages(qtbot, main_window, tmp_path: Path) -> None:
    broken = tmp_path / "broken.geojson"
    broken.write_text("{ this is not json", encoding="utf-8")
    main_window.actions.import_file.trigger()
    dialog = main_window.import_dialog
    dialog.set_file(broken)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20_000)
    text = dialog.summary.text()
    assert "broken.geojson" in text and "nothing was written" in text
    assert "Traceback" not in text and "File \"" not in text
    dialog.reject()


def test_export_writes_the_chosen_layers_in_a_worker(qtbot, main_window, tmp_path: Path) -> None:
    import pyogrio

    main_window.actions.export_file.trigger()
    dialog = main_window.export_dialog
    target = tmp_path / "out.gpkg"
    dialog.set_file(target)
    dialog.set_layers(["need", "facility"])
    assert "above TLP:CLEAR" in dialog.warning.text()  # said before anything is written
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert {name for name, _ in pyogrio.list_layers(target)} >= {"need", "facility"}
    assert len(pyogrio.read_dataframe(target, layer="need")) == 6
    dialog.set_file(tmp_path / "two.geojson")
    # several layers to GeoJSON (issue 10): one file with a layer column, chosen in the dialog
    assert dialog.export_button.isEnabled() and dialog.layers_as_box.isEnabled()
    dialog.layers_as_box.setFocus()
    qtbot.keyClick(dialog.layers_as_box, Qt.Key.Key_Down)
    assert dialog.layers_as_box.currentData() == "column"
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    layers = set(pyogrio.read_dataframe(tmp_path / "two.geojson")["layer"])
    assert layers == {"need", "facility"}
    dialog.reject()


# --- the worker ----------------------------------------------------------------------------

@pytest.mark.parametrize(("error", "expected"), [
    ("user", "file x.csv, field population: is not a number"),
    ("bug", "internal error: ZeroDivisionError: division by zero"),
])
def test_worker_turns_errors_into_one_readable_line(qtbot, qapp, error: str, expected: str) -> None:
    from humanops.errors import FormatError
    from humanops.ui.workers import Worker

    def task(feedback: Feedback) -> None:
        feedback.progress(0.5, "half way")
        if error == "user":
            raise FormatError("is not a number", file="x.csv", field="population")
        1 / 0  # noqa: B018

    threads: list[object] = []
    worker = Worker(task)
    worker.failed.connect(lambda _message: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == [expected]
    assert threads == [QApplication.instance().thread()]  # delivered in the GUI thread


def test_worker_cancel_is_reported_as_cancelled(qtbot, qapp) -> None:
    from humanops.ui.workers import Worker

    started = threading.Event()

    def task(feedback: Feedback) -> str:
        started.set()
        for _ in range(500):
            feedback.progress(0.1)
            threading.Event().wait(0.01)
        return "finished"

    worker = Worker(task)
    with qtbot.waitSignal(worker.cancelled, timeout=10_000):
        worker.start()
        started.wait(5)
        worker.cancel()
    assert worker.result is None


def _tree_texts(tree) -> list[str]:
    out: list[str] = []

    def walk(item) -> None:
        out.append(item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out
