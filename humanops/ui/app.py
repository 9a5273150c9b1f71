"""Start the desktop app, or render its main window to a PNG without a screen.

Start-up is ordered for a quick first frame: Qt and the window come first; the workspace
(GeoPackage, geopandas, the layers) is opened by a zero-delay timer once the window shows.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from humanops.errors import HumanOpsError, WorkspaceError
from humanops.store.atomic_files import atomic_write
from humanops.ui.settings import configure_application

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

SCREENSHOT_SIZE = (1600, 1000)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), named for QSettings, in the user's language (i18n.py), with
    the process-wide runtime settings of :mod:`humanops.ui.gc_policy`."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    configure_application(app)
    from humanops.ui.gc_policy import install_process_settings

    install_process_settings()  # the GIL's switch interval, the allocator (gc_policy.py: the collector's policy)
    from humanops.ui.i18n import install_from_settings
    from humanops.ui.settings import app_settings

    install_from_settings(app, app_settings())
    return app  # type: ignore[return-value]


def run_app(workspace_path: str | None) -> int:
    """Show the main window, open ``workspace_path`` after the first frame, run the event loop."""
    app = create_application()
    from humanops.ui.error_reporting import install_error_reporting

    install_error_reporting(app)  # the log file, and uncaught errors shown (before anything can fail)
    from humanops.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    QTimer.singleShot(0, lambda: open_at_start(window, workspace_path))
    return app.exec()


def open_at_start(window: MainWindow, workspace_path: str | None) -> None:
    """After the first frame: the workspace asked for; else the last one used, when File ›
    Reopen the last workspace at start is on (the default) and its file is still there; else —
    or if it no longer opens — the start page (recent workspaces, the demo, a new workspace)."""
    if workspace_path:
        window.open_workspace(workspace_path)
        return
    from humanops.ui.settings import workspace_to_reopen

    last = workspace_to_reopen(window.settings)
    if last is not None and window.open_workspace(last):
        window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "Reopened {name}, the last workspace used (File › Reopen the last workspace at "
            "start).").format(name=window._workspace_name()), 10_000)
        return
    from humanops.ui.dialogs.first_run_dialog import start_without_workspace

    start_without_workspace(window)


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until ``condition()`` holds or the timeout passes."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def save_screenshot(workspace_path: str | Path, out_png: str | Path, *, size: tuple[int, int] = SCREENSHOT_SIZE,
                    timeout_s: float = 60.0) -> None:
    """Render the main window on ``workspace_path`` offscreen and save it as ``out_png``.

    Uses settings of its own (the user's window layout does not leak into documentation),
    selects one corridor so the feature and marking panels show what they are for, and waits
    until the map and the attribute table are drawn.
    """
    if QApplication.instance() is None and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    from humanops.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="humanops-screenshot-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, restore_layout=False)
        try:
            window.resize(*size)
            window.show()
            rendered: list[float] = []
            window.canvas.renderFinished.connect(rendered.append)
            if not window.open_workspace(workspace_path):
                message = window.statusBar().currentMessage() or "cannot open the workspace"
                raise WorkspaceError(message, file=str(workspace_path))
            workspace = window.workspace
            assert workspace is not None
            wait_until(lambda: bool(rendered) and not window.attribute_table.is_loading(), timeout_s)
            corridors = workspace.rows("corridor", ["uuid", "status"], geometry=False, ordered=True).values
            first = min(corridors, key=lambda row: row[1] != "open", default=None)  # an open one first
            if first is not None:
                rendered.clear()
                window.canvas.select("corridor", [first[0]])
                wait_until(lambda: bool(rendered), 5.0)
            wait_until(lambda: not window.attribute_table.is_loading(), timeout_s)
            QCoreApplication.processEvents()
            out = Path(out_png)
            # Qt picks the image format from the temporary file's name, which is the target's
            with atomic_write(out, mode=None) as tmp:
                if not window.grab().save(str(tmp)):
                    raise HumanOpsError("cannot write the screenshot", file=str(out))
        finally:
            window.close_workspace(ask=False)
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
    del app
