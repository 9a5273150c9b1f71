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
from humanops.store.sql_in import select_in
from humanops.store.workspace import Workspace, marking_errors


@dataclass
class ValidationReport:
    problems: list[dict[str, Any]] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    _seen: set[tuple[Any, Any, Any]] = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, reason: str, *, layer: str | None = None, feature: Any = None,
            field_name: str | None = None) -> None:
        """One problem per feature and field: the first, most specific, reason is kept (a time
        SQLite cannot read is not also reported as missing, which is how GDAL reads it)."""
        if feature is not None and field_name is not None:
            key = (layer, feature, field_name)
            if key in self._seen:
                return
            self._seen.add(key)
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
    """The whole file: SQLite's integrity check, every feature of every layer, every R-tree."""
    feedback = feedback or Feedback()
    report = ValidationReport()
    integrity = workspace.connection.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        report.add(f"SQLite integrity check failed: {integrity}")
    layers = workspace.layers()
    for i, layer in enumerate(layers):
        feedback.progress(i / max(1, len(layers)), f"checking {layer}")
        _check_times(workspace, layer, None, report)
        _check_features(workspace, layer, _read(workspace, layer, None, report), report)
        _check_rtree(workspace, layer, report)
    feedback.progress(1.0, "done")
    return report


def validate_changes(workspace: Workspace, since_seq: int = 0,
                     feedback: Feedback | None = None) -> tuple[ValidationReport, int]:
    """The features changed after change ``since_seq`` (all of them from 0), checked against
    their kind: what another tool (QGIS, a script) wrote is checked when the app opens or
    refreshes the workspace, since only HumanOps's own edits are validated before they are
    written. Returns the report and the last change seq it covers (pass it next time)."""
    feedback = feedback or Feedback()
    report = ValidationReport()
    last = workspace.last_change_seq()
    changed = workspace.changed_since(since_seq) if since_seq else {name: None for name in workspace.layers()}
    layers = [name for name in workspace.layers() if name in changed]
    for i, layer in enumerate(layers):
        feedback.check()
        feedback.progress(i / max(1, len(layers)), f"checking {layer}")
        uuids = changed[layer]
        _check_times(workspace, layer, uuids, report)
        _check_features(workspace, layer, _read(workspace, layer, uuids, report), report)
    feedback.progress(1.0, "done")
    return report, last


def _read(workspace: Workspace, layer: str, uuids: set[str] | None, report: ValidationReport) -> Any:
    """The layer's rows (those of ``uuids`` if given) as the app reads them; a warning while
    reading is reported for the layer."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = workspace.read_layer(layer, uuids=sorted(uuids) if uuids is not None else None)
    for w in caught:
        report.add(f"warning while reading: {w.message}", layer=layer)
    return frame


def _check_times(workspace: Workspace, layer: str, uuids: set[str] | None, report: ValidationReport) -> None:
    """DATETIME values SQLite cannot read as a time (a reader gives them as empty, GDAL with one
    warning for the whole layer): named here by feature and field. Zone-less and offset times are
    normalised by the triggers when written, so what is left is not a time at all."""
    kind = workspace.kind(layer)
    columns = [f.name for f in kind.fields if f.type == "datetime"] + ["created", "modified", "expires"]
    for column in columns:
        sql = (f'SELECT uuid, "{column}" FROM "{layer}" WHERE "{column}" IS NOT NULL AND '
               f"(typeof(\"{column}\") <> 'text' OR strftime('%Y-%m-%dT%H:%M:%fZ', \"{column}\") IS NULL)")
        rows = (workspace.connection.execute(sql).fetchall() if uuids is None else
                select_in(workspace.connection, sql + " AND uuid IN ({marks})", sorted(uuids)))
        for uuid, value in rows:
            report.add(f"{value!r} is not a date and time", layer=layer, feature=uuid, field_name=column)


def _check_features(workspace: Workspace, layer: str, frame: Any, report: ValidationReport) -> None:
    """Fields against the kind, geometry, marking: one problem per feature and field."""
    kind = workspace.kind(layer)
    report.checked[layer] = report.checked.get(layer, 0) + len(frame)
    if not len(frame):
        return
    uuids = frame["uuid"].astype(object).to_numpy()
    _, problems = validate_frame(kind, frame)
    for p in problems:
        report.add(p.reason, layer=layer, feature=uuids[frame.index.get_loc(p.row)], field_name=p.field)
    geoms = np.asarray(frame.geometry.values, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    invalid = ~missing & ~shapely.is_valid(geoms)
    for j in np.flatnonzero(missing):
        report.add("has no geometry", layer=layer, feature=uuids[j], field_name="geometry")
    for j in np.flatnonzero(invalid):
        report.add(f"invalid geometry: {shapely.is_valid_reason(geoms[j])}", layer=layer,
                   feature=uuids[j], field_name="geometry")
    for j in np.flatnonzero(frame["tlp"].isna().to_numpy()):
        report.add("has no TLP marking", layer=layer, feature=uuids[j], field_name="tlp")
    _check_markings(frame, layer, uuids, report)


def _check_markings(frame: Any, layer: str, uuids: np.ndarray, report: ValidationReport) -> None:
    """Each stored marking must parse (a TLP QGIS let someone type, an expiry that is not a
    time); reported for every feature with an unreadable one."""
    no_tlp = frame["tlp"].isna().to_numpy()
    for j, error in enumerate(marking_errors(frame)):
        if error is not None and not no_tlp[j]:  # no TLP at all is reported above
            report.add(error.reason, layer=layer, feature=uuids[j], field_name=error.field)


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
