"""UI fixtures: workspaces to open, and a ``main_window`` that is opened, handed to the test,
closed, and checked for leaked top-level widgets (as napari's ``make_napari_viewer`` does).

QSettings are pointed at the test's tmp_path, so no test reads or writes the user's settings;
a blocking message box that a test did not expect is recorded and fails the test.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # offscreen: set by tests/conftest.py
from PySide6.QtWidgets import QApplication, QMessageBox

RENDER_TIMEOUT_MS = 20_000


def _fill_small_workspace(path: Path) -> None:
    """A few features of each kind near 36°E 36°N, owned by ``ocha``."""
    from shapely.geometry import LineString, Point, Polygon

    from humanops.store.workspace import Workspace

    with Workspace.create(path, organisation="ocha") as ws:
        ws.add_feature("danger_zone", Polygon([(36.00, 36.00), (36.10, 36.00), (36.10, 36.08), (36.00, 36.08)]),
                       {"name": "Shelling area", "hazard": "shelling", "severity": 4,
                        "valid_from": datetime(2026, 11, 1, tzinfo=UTC), "valid_until": datetime(2026, 12, 31,
                                                                                                 tzinfo=UTC)})
        ws.add_feature("danger_zone", Polygon([(36.20, 36.10), (36.30, 36.10), (36.30, 36.20)]),
                       {"name": "Minefield", "hazard": "landmines_uxo", "severity": 5,
                        "valid_from": datetime(2026, 6, 1, tzinfo=UTC)})
        ws.add_feature("corridor", LineString([(36.02, 36.15), (36.15, 36.05), (36.28, 36.02)]),
                       {"name": "Southern corridor", "status": "open", "width_m": 800})
        for i in range(6):
            ws.add_feature("need", Point(36.05 + 0.03 * i, 36.12 + 0.01 * i),
                           {"name": f"Village {i}", "population": 500 + 250 * i, "severity_phase": 1 + i % 5})
        ws.add_feature("facility", Point(36.22, 36.04), {"name": "Hospital Al-Noor", "facility_type": "hospital",
                                                         "capacity": 120})
        ws.add_feature("facility", Point(36.12, 36.16), {"name": "School shelter", "facility_type": "shelter",
                                                         "capacity": 400, "occupancy": 310})
        ws.add_feature("incident", Point(36.06, 36.03), {"name": "Shelling of market", "incident_type": "shelling",
                                                         "occurred": datetime(2026, 11, 20, 9, tzinfo=UTC),
                                                         "severity": 4})


@pytest.fixture(scope="session")
def _small_workspace_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "small.gpkg"
    _fill_small_workspace(path)
    return path


@pytest.fixture
def small_workspace_path(_small_workspace_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a small workspace for this test."""
    path = tmp_path / "small.gpkg"
    shutil.copy(_small_workspace_template, path)
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from humanops.scenario.demo import create_demo_workspace

    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    create_demo_workspace(path).close()
    return path


@pytest.fixture
def demo_path(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace (built once a session)."""
    path = tmp_path / "demo.gpkg"
    shutil.copy(_demo_template, path)
    return path


@pytest.fixture(scope="session", autouse=True)
def english_ui(qapp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The UI in English, as the app installs it at start-up (with its plural forms), for every
    UI test whatever ran before; the .qm compiled into the session's folder if not built. The
    folder is returned for tests that switch languages and back (tests/ui/test_languages.py)."""
    from humanops.ui.i18n import install_language

    folder = tmp_path_factory.mktemp("i18n")
    install_language(qapp, "en", compiled_dir=folder)
    return folder


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    """QSettings of this test only (also for code that makes its own QSettings())."""
    folder = tmp_path / "settings"
    folder.mkdir(exist_ok=True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return folder / "main.ini"


@pytest.fixture(autouse=True)
def unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Blocking message boxes would hang a headless run: record them and answer Cancel.
    A test that expects one monkeypatches its own answer; any other fails the test."""
    seen: list[str] = []

    def blocking(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        seen.append(str(args[2] if len(args) > 2 else args))
        return QMessageBox.StandardButton.Cancel

    for name in ("warning", "question", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(blocking))
    yield seen
    assert not seen, f"unexpected blocking message box(es): {seen}"


def _flush_deletions() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def wait_for_window(qtbot, window, rendered: list) -> None:
    """Until the canvas drew the workspace and the attribute table holds its rows."""
    qtbot.waitUntil(lambda: bool(rendered), timeout=RENDER_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.attribute_table.is_loading(), timeout=RENDER_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.layers_panel.is_counting(), timeout=RENDER_TIMEOUT_MS)  # read by a worker


@pytest.fixture
def make_main_window(qtbot, qapp, settings_path: Path):
    """``make_main_window(path=None)`` → a shown MainWindow (with ``path`` opened and drawn).
    Every window is closed after the test, and no top-level widget may outlive it."""
    from humanops.ui.main_window import MainWindow
    from humanops.ui.settings import configure_application

    configure_application(qapp)
    _flush_deletions()
    before = set(QApplication.topLevelWidgets())
    windows: list[MainWindow] = []

    def make(path: Path | None = None) -> MainWindow:
        window = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat), restore_layout=False)
        window.resize(1400, 900)
        rendered: list[float] = []
        window.canvas.renderFinished.connect(rendered.append)
        window.rendered = rendered  # type: ignore[attr-defined]  # tests wait on later renders
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        if path is not None:
            assert window.open_workspace(path), window.statusBar().currentMessage()
            wait_for_window(qtbot, window, rendered)
        return window

    yield make

    for window in windows:
        window.close_workspace(ask=False)
        window.close()
        window.deleteLater()
    windows.clear()
    _flush_deletions()
    leaked = [w for w in QApplication.topLevelWidgets() if w not in before]
    assert not leaked, f"top-level widgets leaked: {[type(w).__name__ + ' ' + w.objectName() for w in leaked]}"


@pytest.fixture
def main_window(make_main_window, small_workspace_path: Path):
    """The main window on a small workspace, drawn."""
    return make_main_window(small_workspace_path)


@pytest.fixture
def fast_kdf(monkeypatch):
    """Keys sealed with a test-only scrypt cost (a real one takes a tenth of a second each)."""
    from humanops.sharing import keys

    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def partners(request, tmp_path, fast_kdf):
    """Partner workspaces with keys and each other's cards, one per organisation of the test
    module's ``ORGS`` (id -> communities), under ``tmp_path / "partners"``."""
    from exchange_helpers import close_all, make_partners

    made = make_partners(tmp_path / "partners", request.module.ORGS)
    yield made
    close_all(made)
