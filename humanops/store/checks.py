"""Workspace health checks (``humanops validate``): is the file sound and is every feature
valid for its kind? Reports problems per layer, feature and field; changes nothing."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from humanops.feedback import Feedback
from humanops.model.validation import validate_frame
from humanops.store.workspace import Workspace


@dataclass
class ValidationReport:
    problems: list[dict[str, Any]] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, reason: str, *, layer: str | None = None, feature: Any = None,
            field_name: str | None = None) -> None:
        self.problems.append({"layer": layer, "feature": feature, "field": field_name, "reason": reason})

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checked": self.checked, "problems": self.problems}

    def summary(self) -> str:
        lines = [f"checked {sum(self.checked.values())} features in {len(self.checked)} layers: "
                 + ("no problems" if self.ok else f"{len(self.problems)} problem(s)")]
        for p in self.problems[:200]:
            where = ", ".join(f"{k} {p[k2]}" for k, k2 in (("layer", "layer"), ("feature", "feature"),
                                                          ("field", "field")) if p[k2] is not None)
            lines.append(f"  {where}: {p['reason']}" if where else f"  {p['reason']}")
        if len(self.problems) > 200:
            lines.append(f"  … and {len(self.problems) - 200} more (use --json for all)")
        return "\n".join(lines)


def validate_workspace(workspace: Workspace, feedback: Feedback | None = None) -> ValidationReport:
    feedback = feedback or Feedback()
    report = ValidationReport()
    db = workspace.connection
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        report.add(f"SQLite integrity check failed: {integrity}")
    layers = workspace.layers()
    for i, layer in enumerate(layers):
        feedback.progress(i / max(1, len(layers)), f"checking {layer}")
        kind = workspace.kind(layer)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = workspace.read_layer(layer)
        for w in caught:
            report.add(f"GDAL warning while reading: {w.message}", layer=layer)
        report.checked[layer] = len(frame)
        uuids = frame["uuid"].astype(object).to_numpy() if len(frame) else np.array([], dtype=object)
        _, problems = validate_frame(kind, frame)
        for p in problems:
            report.add(p.reason, layer=layer, feature=uuids[frame.index.get_loc(p.row)], field_name=p.field)
        geoms = np.asarray(frame.geometry.values, dtype=object)
        if len(geoms):
            missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
            invalid = ~missing & ~shapely.is_valid(geoms)
            for j in np.flatnonzero(missing):
                report.add("has no geometry", layer=layer, feature=uuids[j], field_name="geometry")
            for j in np.flatnonzero(invalid):
                report.add(f"invalid geometry: {shapely.is_valid_reason(geoms[j])}", layer=layer,
                           feature=uuids[j], field_name="geometry")
        for j in np.flatnonzero(frame["tlp"].isna().to_numpy()) if len(frame) else []:
            report.add("has no TLP marking", layer=layer, feature=uuids[j], field_name="tlp")
        _check_rtree(workspace, layer, report)
    feedback.progress(1.0, "done")
    return report


def _check_rtree(workspace: Workspace, layer: str, report: ValidationReport) -> None:
    """The R-tree must hold exactly the non-empty geometries, with their envelopes."""
    db = workspace.connection
    stale = db.execute(
        f'SELECT count(*) FROM "rtree_{layer}_geom" r LEFT JOIN "{layer}" t ON t.fid = r.id '
        "WHERE t.fid IS NULL").fetchone()[0]
    missing = db.execute(
        f'SELECT count(*) FROM "{layer}" t LEFT JOIN "rtree_{layer}_geom" r ON t.fid = r.id '
        "WHERE r.id IS NULL AND t.geom IS NOT NULL AND NOT ST_IsEmpty(t.geom)").fetchone()[0]
    wrong = db.execute(
        f'SELECT count(*) FROM "{layer}" t JOIN "rtree_{layer}_geom" r ON t.fid = r.id '
        # the R-tree stores 32-bit floats rounded outwards: allow for that
        "WHERE r.minx > ST_MinX(t.geom) + 1e-6 OR r.maxx < ST_MaxX(t.geom) - 1e-6 "
        "OR r.miny > ST_MinY(t.geom) + 1e-6 OR r.maxy < ST_MaxY(t.geom) - 1e-6").fetchone()[0]
    for count, what in ((stale, "entries for deleted features"), (missing, "features missing"),
                        (wrong, "entries with a wrong envelope")):
        if count:
            report.add(f"spatial index out of step: {count} {what}", layer=layer)
