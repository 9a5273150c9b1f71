"""The Import dialog's Check and Import read a large file in a child process (issue 12, item 8):
driven by clicks through the real window, the same result as a read in the worker's thread; a
file the child cannot read gets the dialog's usual refusal; Cancel during the Check ends it."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import Qt

from humanops.formats import read_child


def _sites(path: Path, n: int) -> Path:
    rng = np.random.default_rng(7)
    gpd.GeoDataFrame({"name": [f"Site {i}" for i in range(n)], "population": rng.integers(50, 3000, n)},
                     geometry=shapely.points(rng.uniform(36.0, 36.3, n), rng.uniform(36.0, 36.2, n)),
                     crs=4326).to_file(path, driver="GeoJSON")
    return path


def _import_dialog(qtbot, window):
    window.actions.import_file.trigger()
    dialog = window.import_dialog
    dialog.show()
    return dialog


def test_check_and_import_through_a_child(qtbot, main_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(read_child, "CHILD_MIN_BYTES", 0)  # this small file too
    window = main_window
    before = window.workspace.count("need")
    dialog = _import_dialog(qtbot, window)
    dialog.set_file(_sites(tmp_path / "sites.geojson", 300), layer="need")
    read_child.last_read.clear()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.outcome is not None, timeout=30_000)
    assert read_child.last_read.get("rows") == 300
    assert dialog.import_button.isEnabled() and window.workspace.count("need") == before
    imported: list = []
    dialog.imported.connect(imported.append)
    read_child.last_read.clear()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(imported) and dialog.worker is None, timeout=30_000)
    assert read_child.last_read.get("rows") == 300
    assert window.workspace.count("need") == before + 300
    names = {f.properties["name"] for f in window.workspace.features("need")}
    assert {"Site 0", "Site 299"} <= names


def test_a_file_the_child_cannot_read_is_refused_as_before(qtbot, main_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(read_child, "CHILD_MIN_BYTES", 0)
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [ {"type": ')
    dialog = _import_dialog(qtbot, main_window)
    dialog.set_file(broken, layer="need")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30_000)
    assert "broken.geojson" in dialog.summary.text() and "cannot be read as GeoJSON" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_during_the_check_ends_the_child(qtbot, main_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(read_child, "CHILD_MIN_BYTES", 0)
    started: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def slow_child(command: list[str], **kwargs: object) -> subprocess.Popen:
        child = popen([command[0], "-c", "import time; time.sleep(60)"], **kwargs)  # type: ignore[call-overload]
        started.append(child)
        return child

    monkeypatch.setattr(read_child.subprocess, "Popen", slow_child)
    window = main_window
    before = window.workspace.count("need")
    dialog = _import_dialog(qtbot, window)
    dialog.set_file(_sites(tmp_path / "sites.geojson", 20), layer="need")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    began = time.monotonic()
    dialog.worker.cancel()  # what the progress bar's Cancel does
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10_000)
    assert time.monotonic() - began < 5
    qtbot.waitUntil(lambda: started[0].poll() is not None, timeout=5_000)
    assert window.workspace.count("need") == before
