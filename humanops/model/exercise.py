"""Exercise workspaces: the meta keys that flag one, and the one answer to "is this an exercise?".

An exercise workspace is a copy of a real one (``humanops exercise init``) with its own
``workspace_id``, an exercise name, the controller's organisation and the scenario clock's start
(:mod:`humanops.model.scenario_clock` keeps the clock itself). Everything made from it says so:
products carry :func:`banner_text`, packages carry :func:`manifest_entry` inside their signed
manifest, CAP alerts go out with status ``Exercise``. Every module asks here; none reads the keys.

Isolation (:func:`isolation_refusal`): a real workspace never takes in an exercise's package, an
exercise never takes in a real one, and two exercises never take in each other's, so an exercise
can never contaminate real data (nor real data leak into an exercise's products). A package
without the manifest entry (every package made before exercises existed) is real.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from humanops.errors import ValidationError
from humanops.model.marking import parse_time

EXERCISE_NAME_KEY = "exercise_name"
EXERCISE_CONTROLLER_KEY = "exercise_controller"
EXERCISE_START_KEY = "exercise_start"  # the scenario time the exercise starts at (T+0)
EXERCISE_SOURCE_KEY = "exercise_source"  # the workspace_id of the real workspace it was copied from
EXERCISE_KEYS = (EXERCISE_NAME_KEY, EXERCISE_CONTROLLER_KEY, EXERCISE_START_KEY, EXERCISE_SOURCE_KEY)
# Meta that made the demo a fixed-time scenario: an exercise runs on its clock instead.
SCENARIO_KEYS = ("scenario", "scenario_now")
MANIFEST_FIELD = "exercise"  # the package manifest's entry (docs/exchange-format.md, section 5)
MAX_NAME_LENGTH = 80
# Printable, on one line, no leading/trailing space: a name shown in banners, titles and file remarks.
NAME_PATTERN = re.compile(r"^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]{0,78}[^\s\x00-\x1f\x7f])?\Z")
BANNER_WORD = "EXERCISE"


@dataclass(frozen=True)
class ExerciseInfo:
    name: str
    controller: str
    start: datetime | None
    source: str

    @property
    def banner(self) -> str:
        return banner_text(self.name)

    def to_dict(self) -> dict[str, Any]:
        from humanops.model.marking import format_time

        return {"name": self.name, "controller": self.controller, "start": format_time(self.start),
                "source_workspace_id": self.source, "banner": self.banner}


def check_name(name: Any) -> str:
    """An exercise name: 1 to 80 printable characters on one line."""
    text = name.strip() if isinstance(name, str) else ""
    if not NAME_PATTERN.match(text):
        raise ValidationError(f"{name!r} is not an exercise name (1 to {MAX_NAME_LENGTH} printable characters on "
                              "one line)", field="name")
    return text


def exercise_name(workspace: Any) -> str | None:
    """The exercise's name if ``workspace`` is an exercise, else None."""
    name = workspace.get_meta(EXERCISE_NAME_KEY)
    return name or None


def is_exercise(workspace: Any) -> bool:
    return exercise_name(workspace) is not None


def is_scenario(workspace: Any) -> bool:
    """A fictional scenario (the demo) or an exercise: its data describe no real situation."""
    return is_exercise(workspace) or any(workspace.get_meta(key) for key in SCENARIO_KEYS)


def exercise_info(workspace: Any) -> ExerciseInfo | None:
    name = exercise_name(workspace)
    if name is None:
        return None
    try:
        start = parse_time(workspace.get_meta(EXERCISE_START_KEY), field=EXERCISE_START_KEY)
    except ValidationError:
        start = None
    return ExerciseInfo(name=name, controller=workspace.get_meta(EXERCISE_CONTROLLER_KEY) or "", start=start,
                        source=workspace.get_meta(EXERCISE_SOURCE_KEY) or "")


def banner_text(name: str) -> str:
    """``EXERCISE — NAME``: the words every product of an exercise carries (English, as TLP labels
    are: partners and their tools match them whatever language the app runs in)."""
    return f"{BANNER_WORD} — {name}"


def exercise_banner(workspace: Any) -> str | None:
    """:func:`banner_text` for an exercise workspace, None for a real one."""
    name = exercise_name(workspace)
    return banner_text(name) if name else None


def cap_status(workspace: Any) -> str:
    """CAP ``status`` of what the workspace issues: ``Exercise`` for an exercise and for a fictional
    scenario (CAP 1.2: actionable only by the exercise's participants; a demo's alerts must never
    reach a system as ``Actual``), else ``Actual``."""
    return "Exercise" if is_scenario(workspace) else "Actual"


# --- packages ---------------------------------------------------------------------------------------

def manifest_entry(workspace: Any) -> dict[str, Any]:
    """What a package's manifest adds for an exercise (``{"exercise": {"name": NAME}}``, signed
    with the rest), or nothing for a real workspace, whose packages stay as they always were."""
    name = exercise_name(workspace)
    return {MANIFEST_FIELD: {"name": name}} if name else {}


def isolation_refusal(ours: str | None, theirs: str | None) -> str | None:
    """Why a package of exercise ``theirs`` (None: real) may not enter a workspace of exercise
    ``ours`` (None: real), in words naming both sides; None when it may."""
    if ours == theirs:
        return None
    if ours is None:
        return (f"is a package of the exercise {theirs!r}, and this workspace holds real data: exercise data never "
                "enter a real workspace (import it into the exercise's workspace)")
    if theirs is None:
        return (f"is a real package (not an exercise), and this workspace is the exercise {ours!r}: real data never "
                "enter an exercise (import it into the real workspace)")
    return (f"is a package of the exercise {theirs!r}, and this workspace is the exercise {ours!r}: two exercises "
            "never mix")
