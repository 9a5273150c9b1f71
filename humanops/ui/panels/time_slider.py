"""The time slider: the view of ``humanops.viewmodel.time_filter.TimeFilter``, which holds what it
shows and its rules (docs/architecture.md, section 1): only the features valid at a moment
(their kind's validity window, e.g. a danger zone's valid_from..valid_until, an incident's
time), across the workspace's time range; off, the map shows everything. Its Now button makes
it follow the workspace's clock, which it reads once every :data:`FOLLOW_MS`: a scenario run at
a thousand times real time redraws the map once a second, not a thousand times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from humanops.ui.locale_text import format_date, format_datetime
from humanops.viewmodel.time_filter import TimeFilter, wall_clock

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

FOLLOW_MS = 1000  # how often "now" is read again while the slider follows the clock


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
    """Emits ``timeChanged(datetime | None)``: None when the filter is off. Its state is
    ``model`` (a :class:`TimeFilter`); the widgets mirror it and hand the user's moves to it."""

    timeChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, model: TimeFilter | None = None) -> None:
        super().__init__(parent)
        self.model = model if model is not None else TimeFilter()
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
        self._emit_timer.timeout.connect(self.model.publish)
        self._follow_timer = QTimer(self, interval=FOLLOW_MS)
        self._follow_timer.timeout.connect(self.model.tick)
        self.enabled_box.toggled.connect(self.model.set_enabled)
        self.slider.valueChanged.connect(self._moved)
        self.now_button.clicked.connect(self.follow_clock)
        model_events = ((self.model.rangeChanged, self._show_range), (self.model.positionChanged, self._show_position),
                        (self.model.enabledChanged, self._show_enabled),
                        (self.model.followingChanged, self._show_following),
                        (self.model.timeChanged, self._publish))
        # a model may outlive its view: disconnected when the widget goes
        unbind = [event.connect(slot) for event, slot in model_events]
        self.destroyed.connect(lambda *_: [disconnect() for disconnect in unbind])
        self._show_range()

    # --- what others read and call (the model's, as it was the widget's) -------------------------------
    @property
    def clock(self) -> Callable[[], datetime]:
        return self.model.clock

    @clock.setter
    def clock(self, clock: Callable[[], datetime]) -> None:
        self.model.clock = clock

    @property
    def following(self) -> bool:
        return self.model.following

    @property
    def _step(self) -> timedelta:
        return self.model.step

    def set_workspace(self, workspace: Workspace | None) -> None:
        if workspace is None:
            self.model.clock = wall_clock
            self.model.set_range(None)
            return
        from humanops.model.clock import workspace_now

        self.model.clock = lambda: workspace_now(workspace)
        self.model.set_range(workspace_time_range(workspace))

    def set_range(self, time_range: tuple[datetime, datetime] | None) -> None:
        self.model.set_range(time_range)

    def time(self) -> datetime | None:
        return self.model.time()

    def set_time(self, at: datetime) -> None:
        self.model.set_time(at)

    def follow_clock(self) -> None:
        """Move to the clock's present and keep moving with it (until the slider is moved by hand)."""
        self.model.follow_clock()

    # --- the model shown --------------------------------------------------------------------------------
    def _show_range(self) -> None:
        model = self.model
        self.enabled_box.setEnabled(model.has_range)
        self.slider.blockSignals(True)  # the model's own move: not one by hand
        self.slider.setRange(0, model.steps)
        self.slider.setPageStep(model.page_steps())
        self.slider.setValue(model.position)
        self.slider.blockSignals(False)
        if model.start is None or model.end is None:
            self.slider.setToolTip(self.tr("No dated features"))
        else:
            self.slider.setToolTip(self.tr("From {start} to {end}").format(start=format_date(model.start),
                                                                          end=format_date(model.end)))
        self._show_enabled(model.enabled)

    def _show_position(self, position: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self._show_label()

    def _show_enabled(self, on: bool) -> None:
        self.enabled_box.blockSignals(True)
        self.enabled_box.setChecked(on)
        self.enabled_box.blockSignals(False)
        self.slider.setEnabled(on)
        self.now_button.setEnabled(on)
        self._show_label()

    def _show_following(self, following: bool) -> None:
        if following:
            self._follow_timer.start()
        else:
            self._follow_timer.stop()

    def _show_label(self) -> None:
        at = self.model.moment()
        if at is None:
            self.label.setText("—")
            return
        self.label.setText(format_datetime(at) if self.model.enabled else self.tr("all times"))

    def _moved(self, value: int) -> None:
        self.model.move_to(value)  # by hand (or set to a time): a moment of its own now
        self._show_label()
        self._emit_timer.start()

    def _publish(self, at: datetime | None) -> None:
        self._emit_timer.stop()
        self.timeChanged.emit(at)
