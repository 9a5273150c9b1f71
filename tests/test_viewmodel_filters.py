"""The map's filters as Qt-free view models: the time slider's state (humanops.viewmodel.time_filter)
and what the map filters by (humanops.viewmodel.map_filter), alone, with a clock the test moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from loaded_modules import loaded_after

from humanops.viewmodel.events import Event
from humanops.viewmodel.map_filter import MapFilter, from_ns, to_ns
from humanops.viewmodel.time_filter import TimeFilter

T0 = datetime(2026, 11, 1, 8, 30, 45, tzinfo=UTC)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def recorder(event: Event) -> list[Any]:
    seen: list[Any] = []
    event.connect(lambda *args: seen.append(args[0] if len(args) == 1 else args))
    return seen


def days_filter(clock: Clock, days: int = 10) -> TimeFilter:
    time_filter = TimeFilter(clock)
    time_filter.set_range((T0 - timedelta(days=days), T0 - timedelta(days=1)))
    return time_filter


# --- the time slider's state ------------------------------------------------------------------------
def test_a_range_reaches_the_present_in_whole_minute_steps_and_starts_off_at_its_end() -> None:
    clock = Clock(T0)
    time_filter = days_filter(clock)
    assert time_filter.start == datetime(2026, 10, 22, 8, 30, tzinfo=UTC)  # to the minute
    assert time_filter.end == T0  # the present is on the scale though the data ends before it
    assert time_filter.step == timedelta(hours=1)  # over a day: hour steps
    assert time_filter.position == time_filter.steps == 241
    assert time_filter.time() is None and not time_filter.enabled  # off until turned on
    assert time_filter.page_steps() == 24


def test_a_short_range_steps_by_minutes() -> None:
    time_filter = TimeFilter(Clock(T0))
    time_filter.set_range((T0 - timedelta(hours=3), T0))
    assert time_filter.step == timedelta(minutes=1)
    assert time_filter.steps == 3 * 60 + 1


def test_turning_on_publishes_the_moment_and_turning_off_publishes_none() -> None:
    time_filter = days_filter(Clock(T0))
    published = recorder(time_filter.timeChanged)
    time_filter.set_enabled(True)
    time_filter.set_enabled(True)  # again: nothing new
    time_filter.set_enabled(False)
    assert published == [time_filter.moment(), None]


def test_nothing_dated_cannot_be_turned_on() -> None:
    time_filter = TimeFilter(Clock(T0))
    time_filter.set_range(None)
    time_filter.set_enabled(True)
    time_filter.set_time(T0)
    assert not time_filter.has_range and time_filter.time() is None and not time_filter.enabled


def test_set_time_turns_on_at_the_nearest_step_within_the_range() -> None:
    time_filter = days_filter(Clock(T0))
    published = recorder(time_filter.timeChanged)
    time_filter.set_time(T0 - timedelta(days=2, minutes=20))
    assert time_filter.time() == datetime(2026, 10, 30, 8, 30, tzinfo=UTC)
    assert published[-1] == time_filter.time()
    time_filter.set_time(T0 - timedelta(days=400))  # before the range: its first moment
    assert time_filter.position == 0


def test_a_move_by_hand_is_published_only_when_asked() -> None:
    time_filter = days_filter(Clock(T0))
    time_filter.set_enabled(True)
    published = recorder(time_filter.timeChanged)
    moved = recorder(time_filter.positionChanged)
    time_filter.move_to(5)
    time_filter.move_to(7)  # a drag: the view publishes when it pauses
    assert published == [] and moved == [5, 7]
    time_filter.publish()
    assert published == [time_filter.start + 7 * time_filter.step]


def test_now_follows_the_clock_until_moved_by_hand() -> None:
    clock = Clock(T0)
    time_filter = days_filter(clock)
    following = recorder(time_filter.followingChanged)
    published = recorder(time_filter.timeChanged)
    time_filter.follow_clock()
    assert time_filter.enabled and time_filter.following
    assert abs(time_filter.time() - T0) <= time_filter.step
    assert not time_filter.tick()  # the clock has not moved a step
    clock.at = T0 + timedelta(hours=5)  # past the range's end: the scale grows with the clock
    grown = recorder(time_filter.rangeChanged)
    assert time_filter.tick()
    assert grown and time_filter.steps == time_filter.position
    assert abs(time_filter.time() - clock.at) <= time_filter.step
    assert published[-1] == time_filter.time()
    time_filter.move_to(0)
    assert not time_filter.following
    clock.at += timedelta(hours=3)
    assert not time_filter.tick() and time_filter.position == 0
    assert following == [True, False]


def test_a_new_range_stops_following_and_turns_the_filter_off() -> None:
    clock = Clock(T0)
    time_filter = days_filter(clock)
    time_filter.follow_clock()
    published = recorder(time_filter.timeChanged)
    enabled = recorder(time_filter.enabledChanged)
    time_filter.set_range((T0 - timedelta(days=3), T0))
    assert not time_filter.following and not time_filter.enabled
    assert enabled == [False] and published == [None]  # the map is told it shows all times again
    time_filter.set_range(None)
    assert published == [None]  # already off: nothing more to tell


def test_turning_off_stops_following() -> None:
    time_filter = days_filter(Clock(T0))
    time_filter.follow_clock()
    time_filter.set_enabled(False)
    assert not time_filter.following and not time_filter.tick()


# --- what the map filters by --------------------------------------------------------------------------
def test_valid_at_in_nanoseconds_round_trips_and_a_naive_moment_is_utc() -> None:
    at = datetime(2026, 3, 1, 5, 6, 7, 89, tzinfo=UTC)
    assert to_ns(at) == 1772341567000089000
    assert from_ns(to_ns(at)) == at
    assert to_ns(at.replace(tzinfo=None)) == to_ns(at)
    assert to_ns(None) is None and from_ns(None) is None


def test_the_map_filter_tells_only_changes_of_time_and_markings() -> None:
    map_filter = MapFilter()
    times = recorder(map_filter.timeChanged)
    markings = recorder(map_filter.showMarkingsChanged)
    assert map_filter.set_valid_at(T0)
    assert not map_filter.set_valid_at(T0.astimezone(UTC))  # the same moment
    assert map_filter.valid_at() == T0
    assert map_filter.set_valid_at(None)
    assert map_filter.set_show_markings(True)
    assert not map_filter.set_show_markings(True)
    assert times == [to_ns(T0), None] and markings == [True]


def test_each_marking_filter_setting_gets_its_own_key() -> None:
    map_filter = MapFilter()
    changes = recorder(map_filter.markingFilterChanged)

    def only_green(layer: str, frame: Any) -> Any:
        return frame["tlp"] == "GREEN"

    map_filter.set_marking_filter("unicef", only_green)
    first = map_filter.marking_key
    map_filter.set_marking_filter("unicef", only_green)  # the same partner again: its answer may differ now
    assert map_filter.fades and map_filter.predicate is only_green and map_filter.recipient == "unicef"
    assert first is not None and map_filter.marking_key not in (None, first)
    map_filter.set_marking_filter(None, None)
    assert not map_filter.fades and map_filter.marking_key is None and map_filter.recipient is None
    assert [recipient for recipient, _key in changes] == ["unicef", "unicef", None]


def test_the_filter_modules_load_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel.time_filter, humanops.viewmodel.map_filter")
    assert not bad, bad
