"""The registered operations for routing, evacuation and aid allocation.

Only their declarations live here (id, title, typed parameters), like
:mod:`humanops.analysis.operations`: the CLI parser and the app's menus read them, and must not
load the road graph's numpy, pandas, shapely and scipy to do so. ``run`` imports the engine
(:mod:`~humanops.analysis.routing`, :mod:`~humanops.analysis.evacuation`,
:mod:`~humanops.analysis.aid_allocation`) when an operation is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from humanops.analysis.registry import (
    BoolParam,
    DateTimeParam,
    EnumParam,
    NumberParam,
    Operation,
    OperationResult,
    StringParam,
    register,
)
from humanops.analysis.travel_modes import MODES
from humanops.i18n_marks import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace


def _block_severity(params: dict[str, Any]) -> int:
    """-1 (the configured threshold) when not given."""
    return -1 if params["avoid_severity"] is None else int(params["avoid_severity"])


@register
class Route(Operation):
    id = "route"
    # Titles, descriptions, labels and help are marked for translation: the app shows them translated.
    title = QT_TRANSLATE_NOOP("operations", "Route between two places")
    description = QT_TRANSLATE_NOOP(
        "operations", "Fastest, safest or shortest route, driving or walking, on the road layer around the danger "
        "zones valid at a time.")
    group = "planning"
    parameters = (
        StringParam("start", QT_TRANSLATE_NOOP("operations", "From"),
                    help=QT_TRANSLATE_NOOP("operations", "lat,lon (latitude first; put -- before a value starting "
                                                         "with -), a feature uuid or a facility name")),
        StringParam("end", QT_TRANSLATE_NOOP("operations", "To"),
                    help=QT_TRANSLATE_NOOP("operations", "lat,lon, a feature uuid or a facility name")),
        EnumParam("mode", QT_TRANSLATE_NOOP("operations", "Mode"), choices=MODES, default="fastest",
                  help=QT_TRANSLATE_NOOP("operations", "traveller and objective: walk, walk-safest, drive-length...; "
                                                       "fastest|safest|length drive")),
        NumberParam("avoid_severity", QT_TRANSLATE_NOOP("operations", "Block zones of severity at or above"),
                    optional=True, min=0, max=5, integer=True,
                    help=QT_TRANSLATE_NOOP("operations", "0 never blocks; empty uses the configured threshold")),
        DateTimeParam("at", QT_TRANSLATE_NOOP("operations", "Danger zones valid at"), optional=True),
        NumberParam("alternatives", QT_TRANSLATE_NOOP("operations", "Alternative routes"), default=0, min=0, max=5,
                    integer=True),
        StringParam("save_corridor", QT_TRANSLATE_NOOP("operations", "Save as proposed corridor named"),
                    optional=True, max_length=200),
        NumberParam("width", QT_TRANSLATE_NOOP("operations", "Corridor width"), default=500, min=1, max=50000,
                    unit="m"),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.routing import route_in_workspace, routes_frame, save_as_corridor
        from humanops.model.clock import workspace_now

        at = params["at"] or workspace_now(workspace)  # the workspace clock: a scenario's time in an exercise
        results = route_in_workspace(workspace, params["start"], params["end"], mode=params["mode"],
                                     at=at, block_severity=_block_severity(params),
                                     alternatives=params["alternatives"], feedback=feedback)
        summary: dict[str, Any] = {"routes": [r.as_dict() for r in results], "status": results[0].status,
                                   "message": results[0].message}
        if params["save_corridor"] and results[0].ok:
            feature = save_as_corridor(workspace, results[0], params["save_corridor"], params["width"],
                                       at=at)
            summary["corridor"] = feature.uuid
            summary["corridor_risk"] = results[0].risk
        frame = routes_frame(results)
        return OperationResult(self.id, tables={"routes": frame}, summary=summary,
                               layer=frame[frame["status"] == "ok"], layer_name="routes")


@register
class EvacuationPlanning(Operation):
    id = "plan_evacuation"
    title = QT_TRANSLATE_NOOP("operations", "Evacuation plan")
    description = QT_TRANSLATE_NOOP("operations", "Who goes to which shelter by which road, within shelter (and "
                                                  "corridor) capacities.")
    group = "planning"
    parameters = (
        DateTimeParam("at", QT_TRANSLATE_NOOP("operations", "Plan for"), optional=True,
                      help=QT_TRANSLATE_NOOP("operations", "danger zones and corridors valid then (default now)")),
        NumberParam("horizon", QT_TRANSLATE_NOOP("operations", "Time horizon"), optional=True, min=0.01,
                    max=24 * 30, unit="h"),
        EnumParam("mode", QT_TRANSLATE_NOOP("operations", "Route mode"), choices=MODES, default="safest"),
        NumberParam("avoid_severity", QT_TRANSLATE_NOOP("operations", "Block zones of severity at or above"),
                    optional=True, min=0, max=5, integer=True),
        EnumParam("people_from", QT_TRANSLATE_NOOP("operations", "People to move"),
                  choices=("to_evacuate", "population"), default="to_evacuate"),
        NumberParam("population_share", QT_TRANSLATE_NOOP("operations", "Share of the population"), default=1.0,
                    min=0, max=1),
        BoolParam("use_corridor_capacity", QT_TRANSLATE_NOOP("operations", "Respect corridor capacities"),
                  default=True),
        BoolParam("save", QT_TRANSLATE_NOOP("operations", "Save the plan in the workspace"), default=True),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.evacuation import plan_evacuation_in_workspace

        plan = plan_evacuation_in_workspace(
            workspace, at=params["at"], horizon_h=params["horizon"], mode=params["mode"],
            block_severity=_block_severity(params), people_from=params["people_from"],
            population_share=params["population_share"], use_corridor_capacity=params["use_corridor_capacity"],
            save=params["save"], feedback=feedback)
        return OperationResult(self.id, tables={"assignments": plan.assignments, "sources": plan.sources,
                                                "shelters": plan.shelters},
                               summary=plan.summary, layer=plan.assignments, layer_name="evacuation plan")


@register
class AidAllocation(Operation):
    id = "plan_aid"
    title = QT_TRANSLATE_NOOP("operations", "Aid allocation")
    description = QT_TRANSLATE_NOOP("operations", "Shipments from warehouse stocks to needs: priority first, then "
                                                  "proportional, then cheapest.")
    group = "planning"
    parameters = (
        DateTimeParam("at", QT_TRANSLATE_NOOP("operations", "Plan for"), optional=True,
                      help=QT_TRANSLATE_NOOP("operations", "danger zones valid then (default now)")),
        EnumParam("mode", QT_TRANSLATE_NOOP("operations", "Route mode"), choices=MODES, default="safest"),
        NumberParam("avoid_severity", QT_TRANSLATE_NOOP("operations", "Block zones of severity at or above"),
                    optional=True, min=0, max=5, integer=True),
        NumberParam("nearest_warehouses", QT_TRANSLATE_NOOP("operations", "Warehouses considered per need"),
                    default=10, min=1, max=1000, integer=True),
        BoolParam("save", QT_TRANSLATE_NOOP("operations", "Save the plan in the workspace"), default=True),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.aid_allocation import allocate_aid_in_workspace

        plan = allocate_aid_in_workspace(workspace, at=params["at"], mode=params["mode"],
                                         block_severity=_block_severity(params),
                                         nearest_warehouses=params["nearest_warehouses"], save=params["save"],
                                         feedback=feedback)
        return OperationResult(self.id, tables={"shipments": plan.shipments, "coverage": plan.coverage,
                                                "stocks": plan.stocks},
                               summary=plan.summary, layer=plan.shipments, layer_name="aid shipments")
