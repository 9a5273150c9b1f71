"""The Dashboard dock: opened from View › Panels, it follows edits in a worker (the GUI keeps
its heartbeat), and each chart is saved as a PNG from its context menu."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from shapely.geometry import Point

from humanops.ui.panels.dashboard_panel import DashboardPanel

UPDATE_TIMEOUT_MS = 5_000
MAX_GAP_S = 0.25
IN_THE_SHELLING = datetime(2026, 11, 15, tzinfo=UTC)  # the small workspace's severity-4 zone is valid then


class Heartbeat:
    """A 20 ms timer on the GUI thread: the longest gap between its beats is how long the GUI froze."""

    def __init__(self) -> None:
        self.beats: list[float] = []
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))
        self.timer.start()

    def longest_gap(self) -> float:
        self.timer.stop()
        return max((b - a for a, b in zip(self.beats, self.beats[1:], strict=False)), default=0.0)


def _open_dashboard(qtbot, window) -> DashboardPanel:
    toggle = next(a for a in window.actions.panels_menu.actions() if a.text() == "Dashboard")
    assert not toggle.isChecked()
    with qtbot.waitSignal(window.dashboard.updated, timeout=UPDATE_TIMEOUT_MS):
        toggle.trigger()  # View › Panels › Dashboard
    assert window.docks["dashboard"].isVisible()
    return window.dashboard


def _exposed_at(panel: DashboardPanel, moment: datetime, severity: int) -> float:
    series = panel.content.exposure
    i = max(k for k, t in enumerate(series.times) if t <= moment)
    return series.by_severity.get(severity, [0.0] * len(series.times))[i]


def test_an_edit_updates_the_exposure_chart_in_a_worker(qtbot, main_window):
    panel = _open_dashboard(qtbot, main_window)
    before = _exposed_at(panel, IN_THE_SHELLING, 4)
    heartbeat = Heartbeat()
    with qtbot.waitSignal(panel.updated, timeout=UPDATE_TIMEOUT_MS):
        # a village inside the shelling area (severity 4, November and December 2026)
        main_window.workspace.add_feature("need", Point(36.05, 36.04), {"name": "Market quarter",
                                                                         "population": 1234})
    assert heartbeat.longest_gap() < MAX_GAP_S
    assert _exposed_at(panel, IN_THE_SHELLING, 4) == before + 1234
    assert _exposed_at(panel, datetime(2026, 10, 1, tzinfo=UTC), 4) == 0  # before the zone was valid
    assert panel.charts["exposure_severity"].draw is not None
    assert "Figures at" in panel.status.text()


def test_hidden_dock_waits_until_it_is_shown(qtbot, main_window):
    panel = _open_dashboard(qtbot, main_window)
    main_window.docks["dashboard"].toggleViewAction().trigger()  # hidden
    main_window.workspace.add_feature("need", Point(36.06, 36.05), {"name": "Hidden edit", "population": 10})
    qtbot.wait(600)  # past the quiet spell: a hidden dock computes nothing
    assert panel.worker is None
    with qtbot.waitSignal(panel.updated, timeout=UPDATE_TIMEOUT_MS):
        main_window.docks["dashboard"].toggleViewAction().trigger()
    assert _exposed_at(panel, IN_THE_SHELLING, 4) >= 10


def _non_white(image: QImage) -> int:
    white = QColor("#ffffff").rgb()
    step = 3
    return sum(1 for y in range(0, image.height(), step) for x in range(0, image.width(), step)
               if image.pixel(x, y) != white)


@pytest.mark.parametrize("chart", ["exposure_severity", "shelters"])
def test_save_as_png_from_the_context_menu(qtbot, main_window, tmp_path: Path, monkeypatch, chart):
    panel = _open_dashboard(qtbot, main_window)
    out = tmp_path / "chart.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PNG image (*.png)")))
    view = panel.charts[chart]
    view.parentWidget().parentWidget().parentWidget().ensureWidgetVisible(view)  # the scroll area
    centre = view.rect().center()
    # what a right-click (or the Menu key) delivers to the widget
    QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, view.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert [a.text() for a in menu.actions()] == ["Save as PNG…"]
    with qtbot.waitSignal(panel.message, timeout=2000) as said:
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)
    assert str(out) in said.args[0]
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 2 * 320
    assert _non_white(image) > 500  # title, axes, bars: not a blank page
    assert out.stat().st_mode & 0o077 == 0  # written through atomic_write: owner-only


def test_a_failed_save_says_where_and_keeps_the_old_file(qtbot, main_window, tmp_path: Path):
    panel = _open_dashboard(qtbot, main_window)
    target = tmp_path / "missing-folder" / "chart.png"
    with qtbot.waitSignal(panel.message, timeout=2000) as said:
        assert not panel.save_chart(panel.charts["coverage"], target)
    assert "chart.png" in said.args[0] and not target.exists()


def test_closing_the_workspace_empties_the_dock(qtbot, main_window):
    panel = _open_dashboard(qtbot, main_window)
    main_window.close_workspace(ask=False)
    assert panel.content is None and panel.status.text() == "No workspace open."
    assert all(view.draw is None for view in panel.charts.values())
