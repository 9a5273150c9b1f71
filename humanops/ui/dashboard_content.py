"""What the dashboard dock shows, computed in its worker from the workspace file. Qt-free.

Everything we hold (the ``internal`` audience of :func:`humanops.sharing.audience.audience_view`,
nothing withheld) valid at one moment (the time slider's, else the workspace's clock): corridors
and their risk, needs coverage by sector and shelter fill, worked out exactly as the situation
report works them out (:mod:`humanops.ui.sitrep_content`), so the dock and the report agree; and
the people exposed over the danger zones' time range
(:mod:`humanops.analysis.exposure_series`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from humanops.analysis.exposure_series import ExposureSeries, exposure_series_in_workspace, series_moments
from humanops.feedback import Feedback
from humanops.ui.sitrep_content import CorridorRow, CoverageRow, ShelterRow, corridor_rows, coverage_rows, shelter_rows

DASHBOARD_LAYERS = ("danger_zone", "corridor", "need", "facility")


@dataclass
class DashboardContent:
    at: datetime  # the moment the corridors, coverage and shelters are taken at
    exposure: ExposureSeries
    corridors: list[CorridorRow]
    coverage: list[CoverageRow]
    shelters: list[ShelterRow]


def gather_dashboard(workspace_path: str | Path, at: datetime | None, feedback: Feedback) -> DashboardContent:
    """In the worker thread, through a Workspace of its own (a connection belongs to the thread
    that opened it): the dock's figures at ``at`` (None: the workspace's clock)."""
    from humanops.model.clock import workspace_now
    from humanops.sharing.audience import INTERNAL, audience_view
    from humanops.store.open_target import open_any

    with open_any(workspace_path) as workspace:  # a file or a team database
        now = workspace_now(workspace)
        at = at or now
        layers = [name for name in DASHBOARD_LAYERS if name in workspace.catalog]
        feedback.progress(0.0, "reading the layers")
        view = audience_view(workspace, INTERNAL, layers=layers, at=at)
        feedback.check()
        feedback.progress(0.3, "corridor risk")
        corridors = corridor_rows(view)
        coverage, shelters = coverage_rows(view), shelter_rows(view)
        feedback.check()
        exposure = exposure_series_in_workspace(workspace, series_moments(workspace, at),
                                                feedback=feedback.step(0.5, 1.0))
    return DashboardContent(at, exposure, corridors, coverage, shelters)
