"""Making an exercise workspace from a real one, and setting its scenario clock.

:func:`create_exercise` copies the workspace file consistently (SQLite's backup API, what was
committed when it started, even while the app has the file open) into a temporary file beside
the target, flags the copy (:mod:`humanops.model.exercise`), gives it a workspace id of its own
and a scenario clock, then renames it into place (:mod:`humanops.store.atomic_files`): a failure
leaves no file and the source is only read. :func:`set_clock` changes the clock of an exercise.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from humanops.errors import ValidationError, WorkspaceError
from humanops.model.exercise import (
    EXERCISE_CONTROLLER_KEY,
    EXERCISE_NAME_KEY,
    EXERCISE_SOURCE_KEY,
    EXERCISE_START_KEY,
    ExerciseInfo,
    check_name,
    exercise_info,
)
from humanops.model.marking import format_time, utc_now
from humanops.model.scenario_clock import SCENARIO_CLOCK_KEY, ScenarioClock, read_clock, write_clock
from humanops.store.workspace import Workspace

_ORG = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"  # as organisation ids everywhere (exchange-format.md section 4)


@dataclass(frozen=True)
class ClockState:
    """The clock as a person reads it: now, speed, paused, and the anchor it is computed from."""

    now: datetime
    clock: ScenarioClock
    start: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {"now": format_time(self.now), "speed": self.clock.speed, "paused": self.clock.paused,
                "start": format_time(self.start),
                "elapsed_s": (self.now - self.start).total_seconds() if self.start else None,
                "anchor": {"scenario": format_time(self.clock.scenario), "wall": format_time(self.clock.wall)}}

    def summary(self) -> str:
        state = "paused" if self.clock.paused else f"running at {self.clock.speed:g}x"
        elapsed = ""
        if self.start is not None:
            seconds = int((self.now - self.start).total_seconds())
            sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
            elapsed = f" (T{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d})"
        return f"scenario clock {format_time(self.now)}{elapsed}, {state}"


def create_exercise(source: str | Path, target: str | Path, *, name: str, controller: str = "",
                    start: datetime | None = None, wall_now: datetime | None = None) -> ExerciseInfo:
    """Copy the workspace ``source`` to ``target`` as the exercise ``name`` run by ``controller``
    (an organisation id; default: the workspace's own organisation), its scenario clock at ``start``
    (default: the source's own now, its scenario time if it has one) and paused until the
    controller resumes it (``humanops exercise clock --resume``). Returns what the copy holds.
    An exercise as ``source`` is refused (:func:`refuse_exercise_source`), nothing written."""
    import re

    from humanops.model.clock import workspace_now
    from humanops.store.atomic_files import AtomicFile
    from humanops.store.db import backup
    from humanops.store.open_target import is_postgres_url
    from humanops.store.workspace_files import is_workspace_file

    name = check_name(name)
    if controller and not re.match(_ORG, controller):
        raise ValidationError(f"{controller!r} is not an organisation id", field="controller")
    on_database = is_postgres_url(source)  # a team database's workspace, copied into the exercise's file
    target = Path(target)
    if not on_database:
        source = Path(source)
        if not is_workspace_file(source):
            raise WorkspaceError("is not a HumanOps workspace (nothing to copy the exercise from)", file=str(source))
        if target.exists() and target.resolve() == source.resolve():
            raise WorkspaceError("is the workspace the exercise is copied from: choose another file", file=str(target))
    if not target.parent.is_dir():
        raise WorkspaceError("folder does not exist", file=str(target.parent))
    pending = AtomicFile(target, overwrite=False, temp_name="exercise.gpkg", exists_error=WorkspaceError)
    try:
        if on_database:
            from humanops.store.postgis.copy_workspace import copy_workspace

            copy_workspace(str(source), pending.path, overwrite=True)  # into AtomicFile's temporary file
        else:
            backup(source, pending.path)
        with Workspace.open(pending.path) as copy:
            refuse_exercise_source(exercise_info(copy), source)
            source_id = copy.workspace_id
            begin = start or workspace_now(copy)
            clock = ScenarioClock(scenario=begin, wall=wall_now or utc_now(), paused=True).set_to(begin, wall_now)
            with copy.transaction() as db:
                meta = {"workspace_id": str(uuid_module.uuid4()), EXERCISE_NAME_KEY: name,
                        EXERCISE_CONTROLLER_KEY: controller or copy.organisation, EXERCISE_START_KEY:
                        format_time(clock.scenario), EXERCISE_SOURCE_KEY: source_id,
                        SCENARIO_CLOCK_KEY: clock.to_text()}
                db.executemany("INSERT OR REPLACE INTO humanops_meta VALUES (?, ?)", meta.items())
                # the demo's fixed "now" gives way to the clock (code reading it directly would pin time)
                db.execute("DELETE FROM humanops_meta WHERE key = 'scenario_now'")
            info = exercise_info(copy)
        pending.commit()  # owner-only, fsync, rename, fsync of the folder
    finally:
        pending.discard()
    assert info is not None
    return info


def refuse_exercise_source(info: ExerciseInfo | None, source: str | Path) -> None:
    """An exercise is made from a real workspace or a fictional scenario (the demo), never from
    another exercise: that one's record would come along and cannot be taken out (its hash-chained
    audit log, its alerts, its played injects), and be counted in the new exercise's decision report
    as if it had happened there. WorkspaceError naming the exercise it is."""
    if info is not None:
        raise WorkspaceError(f"is the exercise {info.name!r}: an exercise is made from a real workspace or the demo, "
                             "never from another exercise (its audit log, alerts and played injects would be counted "
                             f"in the new exercise's report); make it from the workspace {info.name!r} was made from",
                             file=str(source))


def clock_state(workspace: Workspace, wall_now: datetime | None = None) -> ClockState:
    """The exercise's clock now; WorkspaceError when ``workspace`` is not an exercise or its clock
    does not read."""
    info = _require_exercise(workspace)
    clock = read_clock(workspace)
    if clock is None:
        raise WorkspaceError("the exercise's scenario clock does not read (meta scenario_clock): set it again with "
                             "humanops exercise clock --start ISO", file=str(workspace.path))
    return ClockState(clock.now(wall_now), clock, info.start)


def set_clock(workspace: Workspace, *, start: datetime | None = None, speed: float | None = None,
              pause: bool = False, resume: bool = False, wall_now: datetime | None = None) -> ClockState:
    """Set the scenario time to ``start``, the speed-up to ``speed``, pause or resume, in that order
    and in one transaction (another process reading the clock sees all of it or none)."""
    if pause and resume:
        raise ValidationError("pause or resume, not both", field="pause")
    info = _require_exercise(workspace)
    wall_now = wall_now or utc_now()
    with workspace.transaction():
        clock = read_clock(workspace)
        if clock is None:  # unreadable: start again from the exercise's start (or the time given)
            if start is None and info.start is None:
                raise WorkspaceError("the scenario clock does not read: give --start", file=str(workspace.path))
            clock = ScenarioClock(scenario=start or info.start, wall=wall_now, paused=True)  # type: ignore[arg-type]
        if start is not None:
            clock = clock.set_to(start, wall_now)
        if speed is not None:
            clock = clock.with_speed(speed, wall_now)
        if pause:
            clock = clock.paused_at(wall_now)
        if resume:
            clock = clock.resumed_at(wall_now)
        write_clock(workspace, clock)
    return ClockState(clock.now(wall_now), clock, info.start)


def _require_exercise(workspace: Workspace) -> ExerciseInfo:
    info = exercise_info(workspace)
    if info is None:
        raise WorkspaceError("is not an exercise workspace (make one with humanops exercise init --name NAME --from "
                             "WORKSPACE PATH)", file=str(workspace.path))
    return info
