"""The scenario clock in the status bar of an exercise: its time, T+ elapsed, speed, pause/resume.

It ticks once a second from the clock's anchor held in memory (:class:`ScenarioClock.now` is
arithmetic, no file access), so a tick never waits on the workspace; the anchor is re-read from
the workspace every few ticks (a one-row read) so a pause or a speed set by the controller from
another process (``humanops exercise clock``) shows within seconds. Pause and resume write the
anchor (:func:`humanops.scenario.exercise.set_clock`): every process then computes the same "now".
*Set…* (and the widget's context menu) asks for the clock's settings: the window answers with
:class:`humanops.ui.dialogs.exercise_dialogs.ClockDialog` (scenario time, speed-up, running).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from humanops.errors import HumanOpsError

if TYPE_CHECKING:
    from humanops.model.scenario_clock import ScenarioClock
    from humanops.store.workspace import Workspace

TICK_MS = 1000
REREAD_TICKS = 5  # the anchor is re-read from the workspace every this many ticks


def elapsed_text(now: datetime, start: datetime | None) -> str:
    """``T+01:05:09`` (or ``T-00:10:00`` before the start): the exercise's own time."""
    if start is None:
        return ""
    seconds = int((now - start).total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    return f"T{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ExerciseClock(QWidget):
    """Hidden unless the workspace is an exercise. ``ticked(now)`` after each second shown."""

    ticked = Signal(object)  # the scenario time shown (datetime)
    settingsRequested = Signal()  # Set… or the context menu: the window opens the clock's dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercise_clock")
        self.workspace: Workspace | None = None
        self.clock: ScenarioClock | None = None
        self.start: datetime | None = None
        self._ticks = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("exercise_clock_time")
        self.label.setToolTip(self.tr("Scenario clock of the exercise: validity, expiry and alerts follow it"))
        self.button = QToolButton(self)
        self.button.setObjectName("exercise_clock_pause")
        self.button.clicked.connect(self.toggle)
        self.settings_button = QToolButton(self)
        self.settings_button.setObjectName("exercise_clock_settings")
        self.settings_button.setText(self.tr("Set…"))
        self.settings_button.setToolTip(self.tr("Set the scenario time, the speed-up, or pause it"))
        self.settings_button.clicked.connect(self.settingsRequested)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addWidget(self.settings_button)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.setVisible(False)

    def set_workspace(self, workspace: Workspace | None) -> None:
        from humanops.model.exercise import exercise_info

        info = exercise_info(workspace) if workspace is not None else None
        self.workspace = workspace if info is not None else None
        self.start = info.start if info is not None else None
        if self.workspace is None:
            self.timer.stop()
            self.clock = None
            self.setVisible(False)
            return
        self.reread()
        self.setVisible(True)
        self.timer.start()

    def reread(self) -> None:
        from humanops.model.scenario_clock import read_clock

        if self.workspace is None:
            return
        try:
            self.clock = read_clock(self.workspace)
        except HumanOpsError:  # the workspace went away under us: keep what we had
            return
        self._show()

    def _context_menu(self, at: QPoint) -> None:
        if self.workspace is None:
            return
        menu = QMenu(self)
        menu.addAction(self.button.text(), self.toggle)
        menu.addAction(self.tr("Scenario clock…"), self.settingsRequested.emit)
        menu.popup(self.mapToGlobal(at))

    def now(self) -> datetime | None:
        return self.clock.now() if self.clock is not None else None

    def toggle(self) -> None:
        """Pause a running clock, resume a paused one (written to the workspace)."""
        from humanops.scenario.exercise import set_clock

        if self.workspace is None or self.clock is None:
            return
        try:
            state = set_clock(self.workspace, pause=not self.clock.paused, resume=self.clock.paused)
        except HumanOpsError as exc:
            self.label.setText(exc.message)
            return
        self.clock = state.clock
        self._show()

    def _tick(self) -> None:
        self._ticks += 1
        if self._ticks % REREAD_TICKS == 0:
            self.reread()
        else:
            self._show()

    def _show(self) -> None:
        from humanops.ui.locale_text import format_datetime

        if self.clock is None:
            self.label.setText(self.tr("Scenario clock unreadable: set it with humanops exercise clock --start"))
            self.button.setEnabled(False)
            return
        now = self.clock.now()
        elapsed = elapsed_text(now, self.start)
        speed = self.tr("×{speed}").format(speed=f"{self.clock.speed:g}")
        state = self.tr("paused") if self.clock.paused else speed
        self.label.setText(self.tr("Exercise {elapsed} · {time} · {state}").format(
            elapsed=elapsed, time=format_datetime(now), state=state))
        self.button.setEnabled(True)
        self.button.setText(self.tr("Resume") if self.clock.paused else self.tr("Pause"))
        self.button.setToolTip(self.tr("Run the scenario clock again") if self.clock.paused else
                               self.tr("Stop the scenario clock where it is"))
        self.ticked.emit(now)
