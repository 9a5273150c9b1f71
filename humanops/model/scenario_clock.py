"""The scenario clock of an exercise: its own "now", with a speed-up, paused and resumed.

The clock is kept in the workspace (meta ``scenario_clock``, one JSON value) as an anchor: the
wall-clock instant it was last set, started, paused or sped up, the scenario time at that
instant, the speed and whether it is paused. Its "now" is computed from the anchor and the wall
clock, so every process reading the workspace (the app, the CLI, a worker) gets the same time
without anyone ticking it; changing the clock is re-anchoring it at the present.

``now = scenario + (wall_now - wall) * speed`` while running; ``scenario`` while paused.
:func:`humanops.model.clock.workspace_now` follows it; nothing else should read it for a decision.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from humanops.errors import ValidationError
from humanops.model.marking import format_time, parse_time, utc_now

SCENARIO_CLOCK_KEY = "scenario_clock"
MAX_SPEED = 100_000.0  # a day in under a second: faster is a typo, not an exercise


def _to_the_millisecond(moment: datetime) -> datetime:
    """Times are stored to the millisecond: computing them the same way keeps every reader equal."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def check_speed(speed: Any) -> float:
    """A speed-up factor: a number above 0 and at most :data:`MAX_SPEED` (1 is real time)."""
    try:
        value = float(speed)
    except (TypeError, ValueError):
        raise ValidationError(f"{speed!r} is not a number", field="speed") from None
    if not (math.isfinite(value) and 0 < value <= MAX_SPEED):
        raise ValidationError(f"{speed!r} is not a speed-up from above 0 to {MAX_SPEED:g} (1 is real time)",
                              field="speed")
    return value


@dataclass(frozen=True)
class ScenarioClock:
    """The anchor: at the wall-clock instant ``wall`` the scenario time was ``scenario``."""

    scenario: datetime
    wall: datetime
    speed: float = 1.0
    paused: bool = False

    def now(self, wall_now: datetime | None = None) -> datetime:
        """The scenario time at the wall-clock instant ``wall_now`` (default: the present)."""
        if self.paused:
            return self.scenario
        elapsed = (wall_now or utc_now()) - self.wall
        # a wall clock set back (or another machine's, a little behind) never runs the scenario backwards
        elapsed = max(elapsed, timedelta(0))
        return _to_the_millisecond(self.scenario + elapsed * self.speed)

    # --- changes: each re-anchors at the present, so the time shown never jumps ----------------
    def set_to(self, scenario: datetime, wall_now: datetime | None = None) -> ScenarioClock:
        return replace(self, scenario=_to_the_millisecond(scenario), wall=_to_the_millisecond(wall_now or utc_now()))

    def with_speed(self, speed: float, wall_now: datetime | None = None) -> ScenarioClock:
        wall_now = _to_the_millisecond(wall_now or utc_now())
        return replace(self, scenario=self.now(wall_now), wall=wall_now, speed=check_speed(speed))

    def paused_at(self, wall_now: datetime | None = None) -> ScenarioClock:
        wall_now = _to_the_millisecond(wall_now or utc_now())
        return replace(self, scenario=self.now(wall_now), wall=wall_now, paused=True)

    def resumed_at(self, wall_now: datetime | None = None) -> ScenarioClock:
        if not self.paused:
            return self
        return replace(self, wall=_to_the_millisecond(wall_now or utc_now()), paused=False)

    # --- as stored ----------------------------------------------------------------------------
    def to_text(self) -> str:
        return json.dumps({"scenario": format_time(self.scenario), "wall": format_time(self.wall),
                           "speed": self.speed, "paused": self.paused}, sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> ScenarioClock:
        """Raises ValidationError (field ``scenario_clock``) for anything but a clock this module wrote."""
        try:
            doc = json.loads(text)
        except ValueError:
            raise ValidationError("is not JSON", field=SCENARIO_CLOCK_KEY) from None
        if not isinstance(doc, dict) or set(doc) != {"scenario", "wall", "speed", "paused"}:
            raise ValidationError("must hold scenario, wall, speed and paused", field=SCENARIO_CLOCK_KEY)
        scenario = parse_time(doc["scenario"], field=f"{SCENARIO_CLOCK_KEY}.scenario")
        wall = parse_time(doc["wall"], field=f"{SCENARIO_CLOCK_KEY}.wall")
        if scenario is None or wall is None or not isinstance(doc["paused"], bool):
            raise ValidationError("has an empty time or a paused flag that is not true/false",
                                  field=SCENARIO_CLOCK_KEY)
        return cls(scenario=scenario, wall=wall, speed=check_speed(doc["speed"]), paused=doc["paused"])


def read_clock(workspace: Any) -> ScenarioClock | None:
    """The workspace's scenario clock, or None (no clock, or one that does not read)."""
    text = workspace.get_meta(SCENARIO_CLOCK_KEY)
    if not text:
        return None
    try:
        return ScenarioClock.from_text(text)
    except ValidationError:  # a hand-edited value must not stop the app; `exercise clock` says so
        return None


def write_clock(workspace: Any, clock: ScenarioClock) -> None:
    workspace.set_meta(SCENARIO_CLOCK_KEY, clock.to_text())
