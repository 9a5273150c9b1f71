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

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

GROUP_KEYS = ("hazard", "severity", "admin_code")
DEFAULT_REACH_M = 1000.0


def _hazard_choices() -> tuple[str, ...]:
    from humanops.catalog import load_catalog

    try:
        return tuple(load_catalog()["danger_zone"].field("hazard").values or ())
    except Exception:  # a catalog without the kind: no choices to offer
        return ()


def _now_or(value: Any) -> Any:
    from humanops.model.marking import utc_now

    return value or utc_now()


@register
class Exposure(Operation):
    id = "exposure"
    title = "Population exposed to danger zones"
    description = ("People and needs inside, or within a distance of, the danger zones valid at a time, "
                   "by hazard, severity and admin area. Each person counts once per hazard and once "
                   "overall, at the highest severity reaching them.")
    parameters = (
        DateTimeParam("at", "Time", optional=True, help="danger zones valid at this time (default: now)"),
        NumberParam("distance", "Distance", min=0, max=100_000, default=0.0, unit="m",
                    help="also count needs within this distance of a zone"),
        EnumParam("by", "Group by", choices=GROUP_KEYS, multiple=True, default=("hazard", "severity"),
                  help="group the table by"),
        NumberParam("min_severity", "Minimum severity", min=1, max=5, default=1, integer=True,
                    help="ignore zones of lower severity"),
        EnumParam("hazards", "Hazards", choices=_hazard_choices(), multiple=True, optional=True,
                  help="only these hazards (default: all)"),
        LayerParam("needs_layer", "Needs layer", default="need", help="layer of need points"),
        LayerParam("zones_layer", "Danger zones layer", default="danger_zone", help="layer of danger zones"),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.exposure import exposure_in_workspace

        result = exposure_in_workspace(
            workspace, at=_now_or(params.get("at")), distance_m=float(params["distance"]), by=params["by"],
            min_severity=int(params["min_severity"]), hazards=params.get("hazards") or None,
            needs_layer=params["needs_layer"], zones_layer=params["zones_layer"], feedback=feedback)
        return OperationResult(operation=self.id, tables={"exposure": result.table, "overall": result.overall},
                               summary=result.summary, layer=result.exposed, layer_name="exposed needs")


@register
class CorridorRisk(Operation):
    id = "corridor_risk"
    title = "Corridor risk"
    description = ("Danger along each corridor within its width: length inside danger zones by severity, "
                   "worst severity, zones crossed, facilities within reach, and a 0-100 risk score.")
    parameters = (
        DateTimeParam("at", "Time", optional=True,
                      help="corridors and danger zones valid at this time (default: now)"),
        NumberParam("reach", "Facility reach", min=0, max=100_000, default=DEFAULT_REACH_M, unit="m",
                    help="list the facilities within this distance of a corridor's edge"),
    )

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        from humanops.analysis.corridor_risk import corridor_risk_in_workspace

        at = _now_or(params.get("at"))
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
    title = "Check preauthorised triggers"
    description = "Evaluate the adopted trigger rules now and update the alerts."
    group = "triggers"
    parameters = (DateTimeParam("at", "Time", optional=True, help="evaluate at this time (default: now)"),)

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
