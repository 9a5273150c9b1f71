"""An exercise in the app: the "EXERCISE — NAME" strip above the map and in the title bar, the
scenario clock in the status bar (ticking, paused and resumed with a click), and the banner on
an exported map image and on every page of a situation report."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from test_map_export import near, open_export_dialog, pixels

from humanops.scenario.exercise import create_exercise
from humanops.store.workspace import Workspace
from humanops.ui.exercise_banner import EXERCISE_COLOUR, STRIP_PX

NAME = "Kavera Flood 2026"
BANNER = f"EXERCISE — {NAME}"
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OUT_MS = 30_000


@pytest.fixture
def exercise_path(small_workspace_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "exercise.gpkg"
    create_exercise(small_workspace_path, target, name=NAME, start=T0)
    return target


def test_the_map_window_shows_the_exercise_strip_title_and_clock(qtbot, make_main_window, exercise_path,
                                                                  tmp_path) -> None:
    window = make_main_window(exercise_path)
    banner, clock = window.exercise_banner, window.exercise_clock
    qtbot.waitUntil(banner.isVisible)
    assert banner.text() == BANNER and window.windowTitle().startswith(f"{BANNER} · ")
    assert banner.height() >= 20 and banner.width() >= window.canvas.width()  # a strip across the map
    shot = window.grab()
    shot.save(str(tmp_path / "exercise-window.png"))
    top_left = banner.mapTo(window, banner.rect().topLeft())
    ratio = shot.devicePixelRatio()
    strip = pixels(shot.toImage())[int((top_left.y() + 2) * ratio):int((top_left.y() + banner.height() - 2) * ratio),
                                   int(top_left.x() * ratio):int((top_left.x() + banner.width()) * ratio)]
    assert near(strip, EXERCISE_COLOUR.name()).mean() > 0.5  # drawn in the exercise colour, not only the title

    # the clock: paused at its start when made; a click resumes it and it ticks without blocking
    assert clock.isVisible() and "T+00:00:00" in clock.label.text() and clock.button.text() == "Resume"
    qtbot.mouseClick(clock.button, Qt.MouseButton.LeftButton)
    assert clock.button.text() == "Pause"
    qtbot.waitUntil(lambda: "T+00:00:00" not in clock.label.text(), timeout=3000)
    with Workspace.open(exercise_path) as other:  # written to the workspace: every process agrees
        from humanops.model.scenario_clock import read_clock

        assert read_clock(other).paused is False
    qtbot.mouseClick(clock.button, Qt.MouseButton.LeftButton)
    assert clock.button.text() == "Resume" and clock.clock.paused


def test_a_real_workspace_has_no_strip_and_no_clock(qtbot, main_window) -> None:
    assert not main_window.exercise_banner.isVisible() and not main_window.exercise_clock.isVisible()
    assert "EXERCISE" not in main_window.windowTitle()


def test_an_exported_map_image_carries_the_exercise_strip(qtbot, make_main_window, exercise_path, tmp_path) -> None:
    window = make_main_window(exercise_path)
    dialog = open_export_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
                    timeout=OUT_MS)
    out = tmp_path / "map.png"
    qtbot.keyClicks(dialog.file_edit, str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == out, timeout=OUT_MS)
    rgb = pixels(QImage(str(out)))
    strip = rgb[46:46 + int(STRIP_PX)]  # under the TLP banner, across the map's top edge
    assert near(strip, EXERCISE_COLOUR.name()).mean() > 0.5
    assert near(strip, "#ffffff", 60).sum() > 100  # its words, in white
    assert near(rgb[46 + int(STRIP_PX) + 4:], EXERCISE_COLOUR.name(), 10).mean() < 0.05  # the map itself is not


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed here")
def test_every_sitrep_page_carries_the_exercise_banner(qapp, exercise_path, small_workspace_path, tmp_path) -> None:
    from humanops.ui.sitrep import write_sitrep

    with Workspace.open(exercise_path) as ex:
        result = write_sitrep(ex, "internal", tmp_path / "sitrep.pdf")
    text = subprocess.run(["pdftotext", str(result.path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")[:-1]]
    assert pages and all(BANNER in page for page in pages)
    with Workspace.open(small_workspace_path) as real:
        plain = write_sitrep(real, "internal", tmp_path / "real.pdf")
    real_text = subprocess.run(["pdftotext", str(plain.path), "-"], capture_output=True, text=True, check=True).stdout
    assert "EXERCISE" not in real_text
    assert np.all([BANNER in p for p in pages])
