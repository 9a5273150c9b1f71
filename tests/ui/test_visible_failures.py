"""Failures a user can see (issue 11, item 4): a bug in a worker or a slot opens one error
dialog with the log's path, a burst of them still one; a layer that fails to load is FAILED in
the layers panel with its reason and Retry, never drawn as an empty layer; an extension that
fails to load is reported and the rest works; Help → Report a problem… saves the zip.
Driven with real clicks where a user would click."""

from __future__ import annotations

import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from humanops import logs
from humanops.feedback import Feedback
from humanops.ui import error_reporting, extensions

RAW_GEOMETRY_FUNCTIONS = ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")


@pytest.fixture
def reporting(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What run_app installs at start, with the log in this test's folder; taken down after."""
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    path = error_reporting.install_error_reporting(qapp)
    yield path
    error_reporting.uninstall_error_reporting()
    logs.stop_logging()


def _dialog(qtbot):
    reporter = error_reporting.reporter()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=10_000)
    return reporter.dialog


def _close(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error_reporting.reporter().dialog is None, timeout=5000)


# --- uncaught errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("error", [ZeroDivisionError, KeyboardInterrupt])  # the second: not an Exception,
def test_a_bug_in_a_worker_shows_the_error_dialog_and_its_progress_ends(qtbot, qapp, reporting, error) -> None:
    """(as pyo3's PanicException is not: a Rust panic in a binding must not hang the progress)"""
    from humanops.ui.workers import run_with_progress

    outcomes: list[str] = []
    go_on = threading.Event()

    def task(feedback: Feedback) -> None:
        feedback.progress(0.5, "half way")
        go_on.wait(10)
        raise error("the worker's bug")

    worker = run_with_progress(None, "Exporting", task, on_error=outcomes.append)
    progress = worker.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=5000)  # shown once the work takes a moment
    go_on.set()
    dialog = _dialog(qtbot)
    qtbot.waitUntil(lambda: not worker.running and bool(outcomes), timeout=5000)
    assert outcomes == [f"internal error: {error.__name__}: the worker's bug"]  # the caller's UI ends
    qtbot.waitUntil(lambda: not shiboken6.isValid(progress) or not progress.isVisible(), timeout=5000)
    assert "Exporting" in dialog.headline.text() and f"{error.__name__}: the worker's bug" in dialog.headline.text()
    assert str(reporting) in dialog.log_label.text()
    assert reporting == Path(logs.log_dir()) / "humanops.log"
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and str(reporting) in copied
    assert "the worker's bug" in copied and "HumanOps " in copied
    assert dialog.outcome.isVisible()
    logs.flush_log()
    assert "the worker's bug" in reporting.read_text(encoding="utf-8")
    _close(qtbot, dialog)


def test_a_burst_of_errors_is_one_dialog_and_a_repeat_is_not_shown_again(qtbot, qapp, reporting) -> None:
    def fail(i: int) -> None:
        raise ValueError(f"repaint bug {i}")

    for i in range(30):  # exceptions in slots: sys.excepthook
        QTimer.singleShot(0, lambda i=i: fail(i))
    thread = threading.Thread(target=lambda: 1 / 0, name="a helper thread")  # threading.excepthook
    thread.start()
    thread.join()
    dialog = _dialog(qtbot)
    qtbot.waitUntil(lambda: len(dialog.reports) == 31, timeout=5000)
    qtbot.wait(2 * error_reporting.COALESCE_MS)
    assert [w for w in QApplication.topLevelWidgets() if w.objectName() == "error_dialog" and w.isVisible()] \
        == [dialog]
    assert "30 more errors happened since" in dialog.more.text()
    assert any(r.where == "thread a helper thread" for r in dialog.reports)
    _close(qtbot, dialog)
    reporter = error_reporting.reporter()
    QTimer.singleShot(0, lambda: fail(3))  # the same error again, after the user closed it
    qtbot.waitUntil(lambda: reporter.suppressed == 1, timeout=5000)
    qtbot.wait(2 * error_reporting.COALESCE_MS)
    assert reporter.dialog is None


def test_report_a_problem_from_the_error_dialog_saves_the_zip(qtbot, qapp, reporting, tmp_path: Path,
                                                               monkeypatch) -> None:
    target = tmp_path / "for-support.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    QTimer.singleShot(0, lambda: 1 / 0)
    dialog = _dialog(qtbot)
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved as" in dialog.outcome.text(), timeout=10_000)
    assert str(target) in dialog.outcome.text()
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["about.json", "logs/humanops.log"]
        assert b"ZeroDivisionError" in archive.read("logs/humanops.log")
    _close(qtbot, dialog)


# --- a layer that fails to load ---------------------------------------------------------------------

def _raw(path: Path) -> sqlite3.Connection:
    """The file as another tool edits it, with stand-ins for the R-tree triggers' functions."""
    connection = sqlite3.connect(path)
    for name in RAW_GEOMETRY_FUNCTIONS:
        connection.create_function(name, 1, lambda _geometry: 0)
    return connection


def _corrupt_a_danger_zone(path: Path) -> bytes:
    """Damage one danger zone's geometry blob (a bad copy, a crashed tool); its old bytes."""
    with _raw(path) as connection:
        (fid, blob), *_ = connection.execute("SELECT fid, geom FROM danger_zone ORDER BY fid").fetchall()
        connection.execute("UPDATE danger_zone SET geom = ? WHERE fid = ?", (b"GP\x00\x01\x00\x00\x00\x00\xde\xad",
                                                                              fid))
    connection.close()
    return blob


def _repair(path: Path, blob: bytes) -> None:
    with _raw(path) as connection:
        fid = connection.execute("SELECT min(fid) FROM danger_zone").fetchone()[0]
        connection.execute("UPDATE danger_zone SET geom = ? WHERE fid = ?", (blob, fid))
    connection.close()


def test_a_layer_that_fails_to_load_is_shown_failed_with_its_reason_and_retry_brings_it_back(
        qtbot, make_main_window, small_workspace_path: Path) -> None:
    blob = _corrupt_a_danger_zone(small_workspace_path)
    window = make_main_window(small_workspace_path)
    panel, canvas = window.layers_panel, window.canvas
    qtbot.waitUntil(lambda: panel.is_failed("danger_zone"), timeout=20_000)
    item = panel.layer_item("danger_zone")
    assert item.text(0) == "Danger zones — failed to load"
    assert "FAILED" in item.toolTip(0) and "WKB" in item.toolTip(0)  # the reader's own reason
    assert "does not mean there are none" in item.toolTip(0)
    assert not item.icon(0).isNull()
    assert canvas.snapshot("danger_zone") is None  # not drawn as an empty layer
    assert "layer:danger_zone" not in canvas._images
    assert "failed to load" in canvas._failure_note()
    assert "Danger zones failed to load" in window.statusBar().currentMessage()
    assert not panel.is_failed("need") and panel.layer_item("need").text(0) == "Civilian needs (6)"

    # The context menu offers Retry on the failed row (read while the menu is open, then closed).
    offered: list[list[str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            offered.append([a.text() for a in menu.actions()])
            menu.close()
    QTimer.singleShot(300, read_menu)
    rect = panel.tree.visualItemRect(item)
    panel.tree.customContextMenuRequested.emit(rect.center())
    assert offered and offered[0][0] == "Retry loading"

    _repair(small_workspace_path, blob)  # the other tool put it right
    panel.set_current_layer("danger_zone")
    assert panel.retry_button.isVisible()
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_failed("danger_zone"), timeout=20_000)
    assert item.text(0) == "Danger zones (2)"
    assert len(canvas.snapshot("danger_zone")) == 2
    assert not panel.retry_button.isVisible()
    qtbot.waitUntil(lambda: "layer:danger_zone" in canvas._images, timeout=20_000)


def test_a_layer_that_fails_to_draw_is_shown_failed_too(qtbot, main_window, monkeypatch) -> None:
    from humanops.ui.canvas import map_canvas

    real = map_canvas.render_layer

    def render(snapshot, *args, **kwargs):
        if snapshot.name == "corridor":
            raise RuntimeError("no band for this corridor")
        return real(snapshot, *args, **kwargs)
    monkeypatch.setattr(map_canvas, "render_layer", render)
    main_window.canvas.zoom_in()
    panel = main_window.layers_panel
    qtbot.waitUntil(lambda: panel.is_failed("corridor"), timeout=20_000)
    assert panel.layer_item("corridor").text(0) == "Humanitarian corridors — failed to draw"
    assert "RuntimeError: no band for this corridor" in panel.layer_item("corridor").toolTip(0)
    monkeypatch.setattr(map_canvas, "render_layer", real)
    main_window.canvas.zoom_out()
    qtbot.waitUntil(lambda: not panel.is_failed("corridor"), timeout=20_000)


# --- an extension that fails to load --------------------------------------------------------------

def test_a_broken_extension_is_reported_once_and_the_rest_works(qtbot, make_main_window, reporting, tmp_path,
                                                               small_workspace_path: Path, monkeypatch) -> None:
    package = tmp_path / "extension_src"
    package.mkdir()
    (package / "broken_field_tools.py").write_text("raise RuntimeError('the field tools are broken')\n")
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.setattr(extensions, "EXTENSION_MODULES", (*extensions.EXTENSION_MODULES, "broken_field_tools"))
    monkeypatch.setattr(extensions, "_loaded", False)
    monkeypatch.setattr(extensions, "_FAILURES", [])
    window = make_main_window()
    assert [f.part for f in extensions.extension_failures()] == ["broken_field_tools"]
    button = window.extension_failures_button
    assert button.isVisible() and "1 part of HumanOps failed to load" in button.text()
    help_texts = [a.text() for a in window.actions.menus["Help"].actions()]
    assert any("failed to load" in t for t in help_texts) and "&Report a problem…" in help_texts
    assert "broken_field_tools" in window.statusBar().currentMessage()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _visible("extension_failures_box") is not None, timeout=5000)
    box = _visible("extension_failures_box")
    assert "broken_field_tools" in box.text() and "RuntimeError: the field tools are broken" in box.text()
    assert str(reporting) in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _visible("extension_failures_box") is None, timeout=5000)
    logs.flush_log()
    assert "extension broken_field_tools could not be loaded" in reporting.read_text(encoding="utf-8")
    # the rest of the app works: the other extensions' menus, a workspace opens and draws
    assert "Sharing" in window.actions.menus
    assert window.open_workspace(small_workspace_path)
    qtbot.waitUntil(lambda: window.canvas.snapshot("danger_zone") is not None, timeout=20_000)


def _visible(name: str):
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


# --- Help → Report a problem… -------------------------------------------------------------------------

def test_report_a_problem_from_the_help_menu(qtbot, make_main_window, reporting, tmp_path, monkeypatch) -> None:
    window = make_main_window()
    asked: list[str] = []
    target = tmp_path / "report"

    def choose(_parent, _title, start, _filter):
        asked.append(start)
        return str(target), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    bar = window.menuBar()
    help_menu = window.actions.menus["Help"]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(help_menu.menuAction()).center())
    qtbot.waitUntil(help_menu.isVisible, timeout=5000)
    action = window.report_problem_action
    QTest.mouseClick(help_menu, Qt.MouseButton.LeftButton, pos=help_menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: target.with_suffix(".zip").exists(), timeout=10_000)
    assert Path(asked[0]).name.startswith("humanops-problem-report-") and asked[0].endswith(".zip")
    qtbot.waitUntil(lambda: "problem report is saved" in window.statusBar().currentMessage(), timeout=5000)
    with zipfile.ZipFile(target.with_suffix(".zip")) as archive:
        assert archive.namelist() == ["about.json", "logs/humanops.log"]
