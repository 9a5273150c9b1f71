"""The one clock the engine asks: the wall clock in operations, the scenario's in a scenario.

Expiry, validity windows, "valid at" and package times all ask :func:`workspace_now` (or take
a ``now`` given by a caller that did), so the map, the send preview, the export and the
import agree on what "now" is. An exercise runs on its scenario clock (meta ``scenario_clock``:
started, sped up, paused; :mod:`humanops.model.scenario_clock`); a workspace with a fixed
scenario time (meta ``scenario_now``, the demo's) on that; any other on the wall clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from humanops.errors import ValidationError
from humanops.model.marking import parse_time, utc_now
from humanops.model.scenario_clock import read_clock

SCENARIO_NOW_KEY = "scenario_now"


def workspace_now(workspace: Any) -> datetime:
    """The workspace's scenario clock or scenario time if it has one, else the wall clock (UTC)."""
    clock = read_clock(workspace)
    if clock is not None:
        return clock.now()
    text = workspace.get_meta(SCENARIO_NOW_KEY)
    if text:
        try:
            stamp = parse_time(text, field=SCENARIO_NOW_KEY)
        except ValidationError:  # a hand-edited value must not stop the app: the wall clock then
            stamp = None
        if stamp is not None:
            return stamp
    return utc_now()
