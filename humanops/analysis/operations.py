"""The registered operations for exposure, corridor risk and trigger checks.

Only their declarations live here (id, title, typed parameters), so that building the CLI parser or
an app menu stays quick; ``run`` imports the engine module (geopandas, shapely...) when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from humanops.analysis.registry import (
    DateTimeParam,
    EnumParam,
    LayerParam,
    NumberParam,
    Operation,
    OperationResult,
    register,
)
from humanops.catalog import hazard_values
from humanops.i18n_marks import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

GROUP_KEYS = ("hazard", "severity", "admin_code")
DEFAULT_REACH_M = 1000.0


def _now_or(value: Any, workspace: Workspace) -> Any:
    """The time asked for, else the workspace clock (a scenario's time in an exercise)."""
    from humanops.model.clock import workspace_now

    return value or workspace_now(workspace)


@register
class Exposure(Operation):
    id = "exposure"
    # Titles, descriptions, labels and help are marked for translation: the app shows them translated.
    title = QT_TRANSLATE_NOOP("operations", "Population exposed to danger zones")
    description = QT_TRANSLATE_NOOP(
        "operations", "People and needs inside, or within a distance of, the danger zones valid at a time, by "
        "hazard, severity and admin area. Each person counts once per hazard and once overall, at the highest "
        "severity reaching them.")
    parameters = (
        DateTimeParam("at", QT_TRANSLATE_NOOP("operations", "Time"), optional=True,
                      help=QT_TRANSLATE_NOOP("operations", "danger zones valid at this time (default: now)")),
        NumberParam("distance", QT_TRANSLATE_NOOP("operations", "Distance"), min=0, max=100_000, default=0.0,
                    unit="m", help=QT_TRANSLATE_NOOP("operations", "also count needs within this distance of a zone")),
        EnumParam("by", QT_TRANSLATE_NOOP("operations", "Group by"), choices=GROUP_KEYS, multiple=True,
                  default=("hazard", "severity"), help=QT_TRANSLATE_NOOP("operations", "group the table by")),
        NumberParam("min_severity", QT_TRANSLATE_NOOP("operations", "Minimum severity"), min=1, max=5, default=1,
                    integer=True, help=QT_TRANSLATE_NOOP("operations", "ignore zones of lower severity")),
        EnumParam("hazards", QT_TRANSLATE_NOOP("operations", "Hazards"), choices=hazard_values(), multiple=True,
                  optional=True, help=QT_TRANSLATE_NOOP("operations", "only these hazards (default: all)")),
        LayerParam("needs_layer", QT_TRANSLATE_NOOP("operations", "Needs layer"), default="need",
                   help=QT_TRANSLATE_NOOP("operations", "layer of need points")),
        LayerParam("zones_layer", QT_TRANSLATE_NOOP("operations", "Danger zones layer"), default="danger_zone",
                   help=QT_TRANSLATE_NOOP("operations", "layer of danger zones")),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.exposure import exposure_in_workspace

        result = exposure_in_workspace(
            workspace, at=_now_or(params.get("at"), workspace), distance_m=float(params["distance"]), by=params["by"],
            min_severity=int(params["min_severity"]), hazards=params.get("hazards") or None,
            needs_layer=params["needs_layer"], zones_layer=params["zones_layer"], feedback=feedback)
        return OperationResult(operation=self.id, tables={"exposure": result.table, "overall": result.overall},
                               summary=result.summary, layer=result.exposed, layer_name="exposed needs")


@register
class CorridorRisk(Operation):
    id = "corridor_risk"
    title = QT_TRANSLATE_NOOP("operations", "Corridor risk")
    description = QT_TRANSLATE_NOOP(
        "operations", "Danger along each corridor within its width: length inside danger zones by severity, "
        "worst severity, zones crossed, facilities within reach, and a 0-100 risk score.")
    parameters = (
        DateTimeParam("at", QT_TRANSLATE_NOOP("operations", "Time"), optional=True,
                      help=QT_TRANSLATE_NOOP("operations", "corridors and danger zones valid at this time (default: "
                                                           "now)")),
        NumberParam("reach", QT_TRANSLATE_NOOP("operations", "Facility reach"), min=0, max=100_000,
                    default=DEFAULT_REACH_M, unit="m",
                    help=QT_TRANSLATE_NOOP("operations", "list the facilities within this distance of a corridor's "
                                                         "edge")),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.corridor_risk import corridor_risk_in_workspace

        at = _now_or(params.get("at"), workspace)
        table, layer = corridor_risk_in_workspace(workspace, at=at, reach_m=float(params["reach"]),
                                                  feedback=feedback)
        summary = {
            "at": at.isoformat(), "reach_m": float(params["reach"]), "corridors": len(table),
            "corridors_in_danger": int((table["length_in_danger_m"] > 0).sum()) if len(table) else 0,
            "max_risk_score": float(table["risk_score"].max()) if len(table) else 0.0,
        }
        return OperationResult(operation=self.id, tables={"corridors": table.reset_index(drop=True)},
                               summary=summary, layer=layer, layer_name="corridor risk")


@register
class CheckTriggers(Operation):
    id = "triggers"
    title = QT_TRANSLATE_NOOP("operations", "Check preauthorised triggers")
    description = QT_TRANSLATE_NOOP("operations", "Evaluate the adopted trigger rules now and update the alerts.")
    group = "triggers"
    parameters = (DateTimeParam("at", QT_TRANSLATE_NOOP("operations", "Time"), optional=True,
                                help=QT_TRANSLATE_NOOP("operations", "evaluate at this time (default: now)")),)

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        import pandas as pd

        from humanops.analysis.triggers import TriggerEngine, list_alerts

        feedback.progress(0.0, "evaluating trigger rules")
        engine = TriggerEngine(workspace, at=params.get("at"))
        report = engine.evaluate()
        alerts = list_alerts(workspace, states=("active", "acknowledged"))
        table = pd.DataFrame([{k: v for k, v in a.to_dict().items() if k not in ("features", "description")}
                              for a in alerts])
        feedback.progress(1.0, "done")
        return OperationResult(operation=self.id, tables={"alerts": table},
                               summary={**report.to_dict(), "rules_evaluated": len(engine.rules)})
