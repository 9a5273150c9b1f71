"""What the app's own import or received package wrote is not validated a second time by the
Problems panel's watch (issue 12, item 8: re-validating 100,000 just-imported features stalled
the GUI thread), while another tool's edits made around it are still checked. Driven through
File › Import (Check, then Import) and Sharing › Receive package; plain SQLite stands in for the
other tool, as in tests/ui/test_problems_panel.py."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit
from ui_helpers import rows

from humanops.store import checks
from humanops.store.gpkg_geometry import register_functions

WAIT_MS = 20_000
ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",)}


@pytest.fixture
def validated(monkeypatch) -> list[tuple[str, str]]:
    """(layer, uuid) of every feature the watch's check validates, in whichever thread it runs."""
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()
    real = checks._check_features

    def recording(workspace, layer, frame, report, found):
        with lock:
            seen.extend((layer, str(uuid)) for uuid in frame["uuid"])
        return real(workspace, layer, frame, report, found)

    monkeypatch.setattr(checks, "_check_features", recording)
    return seen


def _needs_file(path: Path, n: int) -> Path:
    features = [{"type": "Feature", "properties": {"name": f"Camp {i}", "population": 100 + i},
                 "geometry": {"type": "Point", "coordinates": [36.1 + i * 0.001, 36.1]}} for i in range(n)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _other_tool_writes(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path)
    register_functions(connection)
    try:
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


def _uuids(path: Path, where: str) -> set[tuple[str, str]]:
    return {("need", uuid) for (uuid,) in rows(path, f"SELECT uuid FROM need WHERE {where}")}


def _first_check_done(qtbot, window) -> None:
    watch = window.problems_watch
    qtbot.waitUntil(lambda: watch.worker is None and watch.last_seq is not None, timeout=WAIT_MS)


def _import_through_the_dialog(qtbot, window, file: Path, around=None) -> None:
    window.actions.import_file.trigger()
    dialog = window.import_dialog
    dialog.set_file(file, layer="need")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=WAIT_MS)
    if around is not None:
        dialog.validatedWrites.connect(around)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.reject()


def test_an_import_through_the_dialog_is_not_validated_again(qtbot, main_window, tmp_path: Path,
                                                             validated) -> None:
    window = main_window
    watch = window.problems_watch
    path = window.workspace.path
    _first_check_done(qtbot, window)
    validated.clear()
    watch._poll.setInterval(100)  # polls while the import runs and after: none may check it either

    _import_through_the_dialog(qtbot, window, _needs_file(tmp_path / "camps.geojson", 40))
    imported = _uuids(path, "name LIKE 'Camp %'")
    assert len(imported) == 40
    qtbot.wait(600)  # several polls
    qtbot.waitUntil(lambda: watch.worker is None, timeout=WAIT_MS)
    assert not imported & set(validated), "the import's own features were validated again"
    assert watch.last_seq == window.workspace.last_change_seq()  # and counted as checked
    assert window.problems_panel.problem_count() == 0

    # The next edit by another tool is checked as before, and only it.
    _other_tool_writes(path, "UPDATE need SET population = -2 WHERE name = 'Camp 3'")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.problems_panel.problem_count() == 1, timeout=WAIT_MS)
    assert set(validated) == _uuids(path, "name = 'Camp 3'")


def test_another_tools_edits_before_and_after_an_import_are_still_checked(qtbot, main_window, tmp_path: Path,
                                                                          validated) -> None:
    window = main_window
    watch = window.problems_watch
    path = window.workspace.path
    _first_check_done(qtbot, window)
    watch._poll.stop()  # the edit before the import stays unchecked until the import is done: a gap
    validated.clear()
    _other_tool_writes(path, "UPDATE need SET population = -2 WHERE name = 'Village 1'")

    def after_the_commit(_ranges) -> None:  # the import has committed; the watch has not checked yet
        _other_tool_writes(path, "UPDATE need SET population = -5 WHERE name = 'Village 2'")

    _import_through_the_dialog(qtbot, window, _needs_file(tmp_path / "camps.geojson", 25), after_the_commit)
    panel = window.problems_panel
    qtbot.waitUntil(lambda: panel.problem_count() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: watch.worker is None, timeout=WAIT_MS)
    assert {(p.feature, p.reason) for p in panel.problems()} == {
        ("Village 1", "-2 is below the minimum 0"), ("Village 2", "-5 is below the minimum 0")}
    assert set(validated) == _uuids(path, "name IN ('Village 1', 'Village 2')")  # not the 25 camps
    assert watch.last_seq == window.workspace.last_change_seq()


def test_a_received_package_is_not_validated_again(qtbot, make_main_window, partners, tmp_path: Path,
                                                   monkeypatch, validated) -> None:
    from exchange_helpers import close_all
    from shapely.geometry import Point

    from humanops.sharing.exchange_export import export_package
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    ocha, medaid = partners["ocha"], partners["medaid"]
    for i in range(12):
        ocha.ws.add_feature("need", Point(36.1 + i * 0.001, 36.1), {"name": f"Camp {i}", "population": 50})
    package = tmp_path / "from-ocha.hopx"
    export_package(ocha.ws, ["medaid"], package, ocha.passphrase, full=True)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda parent, title, label, echo=QLineEdit.EchoMode.Normal, *a, **k: (medaid.passphrase, True)))
    close_all(partners)
    path = tmp_path / "partners" / "medaid.gpkg"
    window = make_main_window(path)
    _first_check_done(qtbot, window)
    validated.clear()

    (action,) = [a for a in window.actions.menus["Sharing"].actions() if a.text() == "Receive package…"]
    action.trigger()
    (dialog,) = [d for d in window.findChildren(ReceivePackageDialog) if d.isVisible()]
    dialog.set_file(package)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    received = _uuids(path, "name LIKE 'Camp %'")
    assert len(received) == 12
    qtbot.waitUntil(lambda: window.problems_watch.worker is None, timeout=WAIT_MS)
    assert not received & set(validated)
    assert window.problems_watch.last_seq == window.workspace.last_change_seq()
