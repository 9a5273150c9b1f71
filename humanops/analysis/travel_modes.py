"""Routing modes: a traveller and an objective (``walk-safest``).

Kept apart from the road graph (numpy, pandas, shapely) because the operations' parameter
declarations offer these choices, and those are read whenever the CLI parser or an app menu is
built (:mod:`humanops.analysis.planning_operations`).
"""

from __future__ import annotations

from humanops.errors import AnalysisError

# A traveller alone uses ``fastest``; an objective alone (the original three modes) drives, so old
# commands keep their meaning.
TRAVELLERS = ("drive", "walk")
OBJECTIVES = ("fastest", "safest", "length")
MODES = ("fastest", "safest", "length", "drive", "drive-safest", "drive-length", "walk", "walk-safest",
         "walk-length")


def split_mode(mode: str) -> tuple[str, str]:
    """``(traveller, objective)`` of a mode; an unknown mode is an AnalysisError naming the choices."""
    if mode in OBJECTIVES:
        return "drive", mode
    traveller, _, objective = mode.partition("-")
    if traveller in TRAVELLERS and (objective or "fastest") in OBJECTIVES and mode in MODES:
        return traveller, objective or "fastest"
    raise AnalysisError(f"unknown routing mode {mode!r} (expected one of {', '.join(MODES)})")
