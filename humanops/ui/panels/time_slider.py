"""The time slider: show only the features valid at a moment (their kind's validity window,
e.g. a danger zone's valid_from..valid_until, an incident's time), across the workspace's
time range. Off, the map shows everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

MAX_STEPS = 10_000


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
        self.enabled_box = QCheckBox("Valid at", self)
        self.enabled_box.setToolTip("Filter the map by each feature's validity window")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setEnabled(False)
        self.label = QLabel("—", self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("2099-12-31 23:59 UTC") + 8)
        self.now_button = QPushButton("Now", self)
        self.now_button.setToolTip("Move to the present moment")
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
        self.now_button.clicked.connect(lambda: self.set_time(datetime.now(UTC)))
        self.set_range(None)

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.set_range(workspace_time_range(workspace) if workspace is not None else None)

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
            self.slider.setToolTip("No dated features")
            if was_on:
                self.timeChanged.emit(None)
            return
        start, end = time_range
        # Include the present, so "now" is always on the slider.
        now = datetime.now(UTC)
        end = max(end, now)
        span = end - start
        self._start = start
        self._step = max(timedelta(minutes=1), span / MAX_STEPS)
        if self._step < timedelta(hours=1) and span > timedelta(hours=24):
            self._step = timedelta(hours=1)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(1, int(span / self._step) + 1))
        self.slider.setPageStep(max(1, int(timedelta(days=1) / self._step)))
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self.enabled_box.setEnabled(True)
        self.slider.setToolTip(f"From {start:%Y-%m-%d} to {end:%Y-%m-%d}")
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
        self.label.setText(f"{at:%Y-%m-%d %H:%M} UTC" if self.enabled_box.isChecked() else "all times")

    def _emit(self) -> None:
        self._emit_timer.stop()
        self.timeChanged.emit(self.time())
