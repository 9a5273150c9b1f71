"""The map's time slider as a plain object: show only the features valid at a moment.

The moments are whole minutes on a scale of steps across the workspace's time range (with the
present always on it), and "now" is the workspace's clock (its scenario time, if it has one:
``model/clock.py``), so the map, the forms and the analyses agree on what the present is. Set to
"now" (:meth:`TimeFilter.follow_clock`), it follows that clock: :meth:`TimeFilter.tick`, called
by its view every second or so, moves it to the clock's present; moving it by hand stops
following. The Qt view is ``ui/panels/time_slider.py``; the map's own filter is
``map_filter.MapFilter``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from humanops.viewmodel.events import Event

MAX_STEPS = 10_000
MINUTE = timedelta(minutes=1)


def wall_clock() -> datetime:
    return datetime.now(UTC)


def _to_the_minute(moment: datetime) -> datetime:
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.replace(second=0, microsecond=0)


class TimeFilter:
    """Where the time slider stands: its scale (``start``, ``step``, ``steps``: the positions
    are 0..steps, position p the moment ``start + p * step``), its ``position``, whether the
    filter is on (``enabled``) and whether it follows the clock (``following``).

    Events: ``rangeChanged()`` after the scale changed (a new range, or the clock running past
    its end); ``positionChanged(position)`` when the object moved itself (to a time, with the
    clock, to the end of a new range); ``enabledChanged(on)``; ``followingChanged(following)``;
    ``timeChanged(at)`` each time the moment the map should show is published (:meth:`time`:
    None when off), which a moved position is only when :meth:`publish` is called (the view
    waits until a drag pauses)."""

    def __init__(self, clock: Callable[[], datetime] = wall_clock) -> None:
        self.clock = clock
        self.start: datetime | None = None
        self.end: datetime | None = None
        self.step = timedelta(hours=1)
        self.steps = 1
        self.position = 0
        self.enabled = False
        self.following = False
        self.rangeChanged = Event()
        self.positionChanged = Event()
        self.enabledChanged = Event()
        self.followingChanged = Event()
        self.timeChanged = Event()

    # --- reading ------------------------------------------------------------------------------
    @property
    def has_range(self) -> bool:
        """Whether there is anything to filter (the workspace has dated features)."""
        return self.start is not None

    def moment(self, position: int | None = None) -> datetime | None:
        """The moment at ``position`` (the current one by default), filter on or off."""
        if self.start is None:
            return None
        return self.start + self.step * (self.position if position is None else position)

    def time(self) -> datetime | None:
        """The moment the map shows the features valid at; None when the filter is off."""
        return self.moment() if self.enabled else None

    def position_of(self, at: datetime) -> int:
        """The position nearest ``at``, kept on the scale."""
        if self.start is None:
            return 0
        return min(self.steps, max(0, round((at - self.start) / self.step)))

    def page_steps(self) -> int:
        """Positions a day spans (a page of the slider)."""
        return max(1, int(timedelta(days=1) / self.step))

    # --- changing -----------------------------------------------------------------------------
    def set_range(self, time_range: tuple[datetime, datetime] | None) -> None:
        """A new range (a workspace opened or closed, a new date in it): the filter goes off and
        stands at the end, the present included. None: nothing dated, nothing to filter."""
        self._stop_following()
        was_on = self.enabled
        if was_on:
            self.enabled = False
            self.enabledChanged.emit(False)
        if time_range is None:
            self.start = self.end = None
            self.steps, self.position = 1, 0
        else:
            start, end = time_range
            now = self.clock()
            start = _to_the_minute(min(start, now))
            end = max(end, now)
            span = end - start
            # whole minutes a step, so every moment on the scale is one a minute label can show
            step = max(MINUTE, MINUTE * math.ceil((span / MAX_STEPS) / MINUTE))
            if step < timedelta(hours=1) and span > timedelta(hours=24):
                step = timedelta(hours=1)
            self.start, self.end, self.step = start, end, step
            self.steps = max(1, int(span / step) + 1)
            self.position = self.steps
        self.rangeChanged.emit()
        if was_on:
            self.timeChanged.emit(None)

    def set_enabled(self, on: bool) -> None:
        """Turn the filter on or off (publishes the moment, or None)."""
        on = bool(on) and self.start is not None
        if on == self.enabled:
            return
        self.enabled = on
        if not on:
            self._stop_following()
        self.enabledChanged.emit(on)
        self.publish()

    def move_to(self, position: int) -> None:
        """Moved by hand: a moment of its own, no longer "now". Not published until
        :meth:`publish` (a drag publishes when it pauses)."""
        self._stop_following()
        position = min(self.steps, max(0, int(position)))
        if position != self.position:
            self.position = position
            self.positionChanged.emit(position)

    def set_time(self, at: datetime) -> None:
        """Turn the filter on at (the position nearest) ``at`` and publish it."""
        if self.start is None:
            return
        if not self.enabled:
            self.set_enabled(True)
        self.move_to(self.position_of(at))
        self.publish()

    def follow_clock(self) -> None:
        """Move to the clock's present and keep moving with it (until moved by hand)."""
        self.set_time(self.clock())
        if self.start is not None and self.enabled and not self.following:
            self.following = True
            self.followingChanged.emit(True)

    def tick(self) -> bool:
        """While following: move to the clock's present, the scale growing when the clock ran
        past its end; True when that moved it (and published the new moment)."""
        if not self.following or self.start is None or not self.enabled:
            self._stop_following()
            return False
        steps = max(0, round((self.clock() - self.start) / self.step))
        if steps == self.position:
            return False
        if steps > self.steps:
            self.steps = steps
            self.rangeChanged.emit()
        self.position = steps
        self.positionChanged.emit(steps)
        self.publish()
        return True

    def publish(self) -> None:
        self.timeChanged.emit(self.time())

    def _stop_following(self) -> None:
        if self.following:
            self.following = False
            self.followingChanged.emit(False)
