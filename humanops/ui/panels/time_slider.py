"""The time slider: show only the features valid at a moment (their kind's validity window,
e.g. a danger zone's valid_from..valid_until, an incident's time), across the workspace's
time range. Off, the map shows everything.

Its moments are whole minutes, as its label shows them, and "now" is the workspace's clock
(its scenario time, if it has one: ``model/clock.py``), so the map, the forms and the analyses
agree on what the present is."""

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
        self.now_button.setToolTip(self.tr("Move to the present moment"))
        self.now_button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.now_button)
        self._emit_timer = QTimer(self, singleShot=True, interval=120)  # while dragging
        self._emit_timer.timeout.connect(self._emit)
        self.enabled_box.toggled.connect(self._toggled)
        self.slider.valueChanged.connect(self._moved)
        self.now_button.clicked.connect(lambda: self.set_time(self.clock()))
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

    def _toggled(self, on: bool) -> None:
        self.slider.setEnabled(on)
        self.now_button.setEnabled(on)
        self._show_label()
        self._emit()

    def _moved(self, _value: int) -> None:
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
