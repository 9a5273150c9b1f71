"""Workspace health checks (``humanops validate``): is the file sound and is every feature
valid for its kind? Reports problems per layer, feature and field; changes nothing."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from humanops.feedback import Feedback
from humanops.model.validation import validate_frame
from humanops.store.layer_frames import typed_frame
from humanops.store.own_writes import SeqRange
from humanops.store.sql_in import select_in
from humanops.store.workspace import Workspace, marking_errors

# Rows checked at a time: a vectorised call over 100,000 rows holds the GIL 30-70 ms, stalling the
# GUI thread while the check runs in a worker; over 10,000 it is a few ms.
CHECK_CHUNK = 10_000


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
        step = feedback.step(i / max(1, len(layers)), (i + 1) / max(1, len(layers)))
        step.progress(0.0, f"checking {layer}")
        _check_times(workspace, layer, None, report)
        _check_layer(workspace, layer, None, report, step)
        _check_rtree(workspace, layer, report)
    feedback.progress(1.0, "done")
    return report


def validate_changes(workspace: Workspace, since_seq: int = 0, feedback: Feedback | None = None, *,
                     skip: Sequence[SeqRange] = ()) -> tuple[ValidationReport, int]:
    """The features changed after change ``since_seq`` (all of them from 0), checked against
    their kind: what another tool (QGIS, a script) wrote is checked when the app opens or
    refreshes the workspace, since only HumanOps's own edits are validated before they are
    written. ``skip``: change seq ranges ``(after, last]`` the app's own workers wrote and
    validated (:mod:`humanops.store.own_writes`); a feature they touched is still checked if
    another change after ``since_seq`` touched it too. Returns the report and the last change
    seq it covers (pass it next time)."""
    feedback = feedback or Feedback()
    report = ValidationReport()
    last = workspace.last_change_seq()
    changed = (changed_outside(workspace, since_seq, skip) if since_seq else
               {name: None for name in workspace.layers()})
    layers = [name for name in workspace.layers() if name in changed]
    for i, layer in enumerate(layers):
        feedback.check()
        step = feedback.step(i / max(1, len(layers)), (i + 1) / max(1, len(layers)))
        step.progress(0.0, f"checking {layer}")
        uuids = changed[layer]
        _check_times(workspace, layer, uuids, report)
        _check_layer(workspace, layer, uuids, report, step)
    feedback.progress(1.0, "done")
    return report, last


def changed_outside(workspace: Workspace, since_seq: int, skip: Sequence[SeqRange] = ()) -> dict[str, set[str]]:
    """uuids per layer changed after change ``since_seq`` by a change outside the ``skip``
    ranges (``Workspace.changed_since`` without them)."""
    ranges = [(after, last) for after, last in skip if last > since_seq]
    if not ranges:
        return workspace.changed_since(since_seq)
    sql = "SELECT layer, uuid FROM humanops_changes WHERE seq > ?" + " AND NOT (seq > ? AND seq <= ?)" * len(ranges)
    out: dict[str, set[str]] = {}
    # Row by row (not fetchall): 100,000 changes must not be one call that holds the GIL.
    for layer, uuid in workspace.sql.execute(sql, [since_seq, *(v for r in ranges for v in r)]):
        out.setdefault(layer, set()).add(uuid)
    return out


def _check_layer(workspace: Workspace, layer: str, uuids: set[str] | None, report: ValidationReport,
                 feedback: Feedback) -> None:
    """The features of ``layer`` (those of ``uuids`` if given) against the kind, ``CHECK_CHUNK``
    rows at a time; the problems are reported in the order one pass over all rows gives."""
    found = _FeatureProblems()
    report.checked.setdefault(layer, 0)  # a layer without rows (or whose changed rows are gone) was checked too
    chunks = _chunks(workspace, layer, uuids, report)
    for i, frame in enumerate(chunks):
        feedback.check()
        feedback.progress(i / max(1, len(chunks)), f"checking {layer}")
        _check_features(workspace, layer, frame, report, found)
    found.report_to(report, layer)


def _chunks(workspace: Workspace, layer: str, uuids: set[str] | None, report: ValidationReport) -> _LazyFrames:
    """The layer's rows (those of ``uuids`` if given) as the app reads them, typed frames of at
    most ``CHECK_CHUNK`` rows, in the order one read of them all gives. Every row of the whole
    layer is fetched before the first is checked: a cursor left open during the check would
    keep the file's read lock, and an edit in the window would wait for it to commit."""
    kind = workspace.kind(layer)
    warned: dict[str, None] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if uuids is None:
            parts: list[Any] = list(workspace.reader.chunks(kind, size=CHECK_CHUNK))
        else:
            wanted = sorted(uuids)  # parts of CHECK_CHUNK, each asked by select_in: same rows, same order
            parts = [wanted[start:start + CHECK_CHUNK] for start in range(0, len(wanted), CHECK_CHUNK)]
    warned.update((str(w.message), None) for w in caught)
    return _LazyFrames(workspace, kind, parts, warned, report)


class _LazyFrames:
    """Typed frames made one at a time (a typed copy of 100,000 rows at once is one long call),
    a warning while reading or typing reported once for the layer."""

    def __init__(self, workspace: Workspace, kind: Any, parts: list[Any], warned: dict[str, None],
                 report: ValidationReport) -> None:
        self.workspace, self.kind, self.parts, self.warned, self.report = workspace, kind, parts, warned, report

    def __len__(self) -> int:
        return len(self.parts)

    def __iter__(self) -> Iterator[Any]:
        for part in self.parts:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                frame = (self.workspace.read_layer(self.kind.name, uuids=part) if isinstance(part, list) else
                         typed_frame(self.kind, part))
            self.warned.update((str(w.message), None) for w in caught)
            yield frame
        for message in self.warned:
            self.report.add(f"warning while reading: {message}", layer=self.kind.name)


def _check_times(workspace: Workspace, layer: str, uuids: set[str] | None, report: ValidationReport) -> None:
    """Stored times the store cannot read as a time (a reader gives them as empty, GDAL with one
    warning for the whole layer): named here by feature and field. The backend says which values
    those are (``Sql.unreadable_time``: on a GeoPackage, text that is not a time, since zone-less
    and offset times are normalised by the triggers when written; none where the column's type
    refuses them, as a team database's ``timestamptz`` does)."""
    kind = workspace.kind(layer)
    sql = workspace.sql
    columns = [f.name for f in kind.fields if f.type == "datetime"] + ["created", "modified", "expires"]
    for column in columns:
        unreadable = sql.unreadable_time(column)
        if unreadable is None:
            continue
        query = f'SELECT uuid, "{column}" FROM "{layer}" WHERE "{column}" IS NOT NULL AND ({unreadable})'
        rows = (sql.execute(query).fetchall() if uuids is None else
                select_in(sql, query + " AND uuid IN ({marks})", sorted(uuids)))
        for uuid, value in rows:
            report.add(f"{value!r} is not a date and time", layer=layer, feature=uuid, field_name=column)


class _FeatureProblems:
    """What :func:`_check_features` finds in each chunk, by sort: reported once every chunk is
    checked, in the order one pass over all rows gives (field problems sorted by row and field
    as ``validate_frame`` sorts them, then geometry, TLP and marking problems in row order)."""

    def __init__(self) -> None:
        self.fields: list[tuple[Any, str, str, Any]] = []  # (row label, field, reason, uuid)
        self.others: list[list[tuple[str, str, Any]]] = [[], [], [], []]  # (reason, field, uuid) by sort

    def report_to(self, report: ValidationReport, layer: str) -> None:
        self.fields.sort(key=lambda p: (str(p[0]), p[1]))  # stable: as validate_frame sorts one frame
        for _row, field_name, reason, uuid in self.fields:
            report.add(reason, layer=layer, feature=uuid, field_name=field_name)
        for found in self.others:
            for reason, field_name, uuid in found:
                report.add(reason, layer=layer, feature=uuid, field_name=field_name)


def _check_features(workspace: Workspace, layer: str, frame: Any, report: ValidationReport,
                    found: _FeatureProblems) -> None:
    """Fields against the kind, geometry, marking: one problem per feature and field (added to
    ``found``, reported by the caller)."""
    kind = workspace.kind(layer)
    report.checked[layer] = report.checked.get(layer, 0) + len(frame)
    if not len(frame):
        return
    uuids = frame["uuid"].astype(object).to_numpy()
    _, problems = validate_frame(kind, frame)
    for p in problems:
        found.fields.append((p.row, p.field, p.reason, uuids[frame.index.get_loc(p.row)]))
    missing_geometry, invalid_geometry, no_tlp, bad_marking = found.others
    geoms = np.asarray(frame.geometry.values, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    invalid = ~missing & ~shapely.is_valid(geoms)
    for j in np.flatnonzero(missing):
        missing_geometry.append(("has no geometry", "geometry", uuids[j]))
    for j in np.flatnonzero(invalid):
        invalid_geometry.append((f"invalid geometry: {shapely.is_valid_reason(geoms[j])}", "geometry", uuids[j]))
    tlp_missing = frame["tlp"].isna().to_numpy()
    for j in np.flatnonzero(tlp_missing):
        no_tlp.append(("has no TLP marking", "tlp", uuids[j]))
    # Each stored marking must parse (a TLP QGIS let someone type, an expiry that is not a
    # time); reported for every feature with an unreadable one.
    for j, error in enumerate(marking_errors(frame)):
        if error is not None and not tlp_missing[j]:  # no TLP at all is reported above
            bad_marking.append((error.reason, error.field, uuids[j]))


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
