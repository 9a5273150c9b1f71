"""The time slider: show only the features valid at a moment (their kind's validity window,
e.g. a danger zone's valid_from..valid_until, an incident's time), across the workspace's
time range. Off, the map shows everything.

Its moments are whole minutes, as its label shows them, and "now" is the workspace's clock
(its scenario time, if it has one: ``model/clock.py``), so the map, the forms and the analyses
agree on what the present is. Set to "now" (its Now button), it follows that clock, so in an
exercise the map shows what is valid at the running scenario time; moving the slider by hand
stops following. It reads the clock once every :data:`FOLLOW_MS`: a scenario run at a
thousand times real time redraws the map once a second, not a thousand times."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from humanops.ui.date_time_edits import to_the_minute
from humanops.ui.locale_text import format_date, format_datetime

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

MAX_STEPS = 10_000
FOLLOW_MS = 1000  # how often "now" is read again while the slider follows the clock
_MINUTE = timedelta(minutes=1)


def _wall_clock() -> datetime:
    return datetime.now(UTC)


def workspace_time_range(workspace: Workspace) -> tuple[datetime, datetime] | None:
    """Earliest start and latest end over every kind with a validity window."""
    ranges = [r for r in (workspace.time_range(kind.name) for kind in workspace.catalog) if r is not None]
    if not ranges:
        return None
    start, end = min(lo for lo, _ in ranges), max(hi for _, hi in ranges)
    if end <= start:
        end = start + timedelta(hours=1)
    return start, end


class TimeSlider(QWidget):
    """Emits ``timeChanged(datetime | None)``: None when the filter is off."""

    timeChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start: datetime | None = None
        self._step = timedelta(hours=1)
        self.clock: Callable[[], datetime] = _wall_clock  # the workspace's, once one is set
        self.enabled_box = QCheckBox(self.tr("Valid at"), self)
        self.enabled_box.setToolTip(self.tr("Filter the map by each feature's validity window"))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setEnabled(False)
        self.label = QLabel("—", self)
        # as wide as the widest moment in the UI's language (month names differ in length)
        widest = max(self.fontMetrics().horizontalAdvance(format_datetime(datetime(2099, month, 28, 23, 59)))
                     for month in range(1, 13))
        self.label.setMinimumWidth(widest + 8)
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setToolTip(self.tr("Move to the present moment and follow the clock"))
        self.now_button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.now_button)
        self._emit_timer = QTimer(self, singleShot=True, interval=120)  # while dragging
        self._emit_timer.timeout.connect(self._emit)
        self.following = False  # set to "now" by the Now button: moves with the clock
        self._follow_timer = QTimer(self, interval=FOLLOW_MS)
        self._follow_timer.timeout.connect(self._follow)
        self.enabled_box.toggled.connect(self._toggled)
        self.slider.valueChanged.connect(self._moved)
        self.now_button.clicked.connect(self.follow_clock)
        self.set_range(None)

    def set_workspace(self, workspace: Workspace | None) -> None:
        if workspace is None:
            self.clock = _wall_clock
            self.set_range(None)
            return
        from humanops.model.clock import workspace_now

        self.clock = lambda: workspace_now(workspace)
        self.set_range(workspace_time_range(workspace))

    def set_range(self, time_range: tuple[datetime, datetime] | None) -> None:
        self._stop_following()
        was_on = self.enabled_box.isChecked()
        self.enabled_box.blockSignals(True)
        self.enabled_box.setChecked(False)
        self.enabled_box.blockSignals(False)
        if time_range is None:
            self._start = None
            self.enabled_box.setEnabled(False)
            self.slider.setEnabled(False)
            self.now_button.setEnabled(False)
            self.label.setText("—")
            self.slider.setToolTip(self.tr("No dated features"))
            if was_on:
                self.timeChanged.emit(None)
            return
        start, end = time_range
        # Include the present, so "now" is always on the slider.
        now = self.clock()
        start = to_the_minute(min(start, now))
        end = max(end, now)
        span = end - start
        self._start = start
        # whole minutes a step, so every moment on the slider is one its label can show
        self._step = max(_MINUTE, _MINUTE * math.ceil((span / MAX_STEPS) / _MINUTE))
        if self._step < timedelta(hours=1) and span > timedelta(hours=24):
            self._step = timedelta(hours=1)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(1, int(span / self._step) + 1))
        self.slider.setPageStep(max(1, int(timedelta(days=1) / self._step)))
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self.enabled_box.setEnabled(True)
        self.slider.setToolTip(self.tr("From {start} to {end}").format(start=format_date(start), end=format_date(end)))
        self._show_label()
        if was_on:
            self.timeChanged.emit(None)

    def time(self) -> datetime | None:
        if self._start is None or not self.enabled_box.isChecked():
            return None
        return self._start + self._step * self.slider.value()

    def set_time(self, at: datetime) -> None:
        if self._start is None:
            return
        if not self.enabled_box.isChecked():
            self.enabled_box.setChecked(True)
        self.slider.setValue(round((at - self._start) / self._step))
        self._emit()

    def follow_clock(self) -> None:
        """Move to the clock's present and keep moving with it (until the slider is moved by hand)."""
        self.set_time(self.clock())
        if self._start is not None and self.enabled_box.isChecked():
            self.following = True
            self._follow_timer.start()

    def _stop_following(self) -> None:
        self.following = False
        self._follow_timer.stop()

    def _follow(self) -> None:
        if not self.following or self._start is None or not self.enabled_box.isChecked():
            self._stop_following()
            return
        steps = round((self.clock() - self._start) / self._step)
        if steps == self.slider.value():
            return
        self.slider.blockSignals(True)  # our own move: it neither stops following nor waits to emit
        if steps > self.slider.maximum():  # the clock ran past the range: the range grows with it
            self.slider.setMaximum(steps)
        self.slider.setValue(steps)
        self.slider.blockSignals(False)
        self._show_label()
        self._emit()

    def _toggled(self, on: bool) -> None:
        if not on:
            self._stop_following()
        self.slider.setEnabled(on)
        self.now_button.setEnabled(on)
        self._show_label()
        self._emit()

    def _moved(self, _value: int) -> None:
        self._stop_following()  # moved by hand (or set to a time): a moment of its own now
        self._show_label()
        self._emit_timer.start()

    def _show_label(self) -> None:
        if self._start is None:
            self.label.setText("—")
            return
        at = self._start + self._step * self.slider.value()
        self.label.setText(format_datetime(at) if self.enabled_box.isChecked() else self.tr("all times"))

    def _emit(self) -> None:
        self._emit_timer.stop()
        self.timeChanged.emit(self.time())
