"""The TAK brief as a product: what an audience may see, written as a TAK data package (or one
``.cot`` file) and recorded in the audit log, in one transaction (docs/tak.md).

``humanops brief tak`` and the app's *File › TAK data package…* both call
:func:`write_tak_product`; the dialog asks :func:`tak_contents` first, to say what the audience
will not get (withheld, generalised) and the TLP before anything is written. What goes in is
decided by :func:`humanops.sharing.audience.audience_view` alone; the events are written by
:func:`humanops.formats.tak_brief.write_tak_brief`.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from humanops.errors import FormatError, ValidationError
from humanops.feedback import Feedback
from humanops.formats.tak_brief import TAK_LAYERS, TakBriefReport, write_tak_brief
from humanops.sharing.audience import AudienceView, Bbox, audience_view, require_known
from humanops.store.open_target import open_any, workspace_file
from humanops.store.workspace import Workspace

DEFAULT_STALE_HOURS = 24.0
PACKAGE_SUFFIXES = (".zip",)
COT_SUFFIXES = (".cot", ".xml")


@dataclass
class TakContents:
    """What a brief for ``audience`` holds and leaves out, per layer: ``{"features": rows,
    "generalised": aggregate rows, "generalised_features": features they stand for,
    "withheld": {reason code: n}}``."""

    audience: str
    at: datetime
    highest_tlp: str
    layers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def features(self) -> int:
        return sum(layer["features"] for layer in self.layers.values())

    @property
    def generalised(self) -> int:
        """Features the audience gets only generalised (inside aggregates)."""
        return sum(layer["generalised_features"] for layer in self.layers.values())

    @property
    def withheld(self) -> int:
        return sum(sum(layer["withheld"].values()) for layer in self.layers.values())

    @property
    def withheld_by_reason(self) -> dict[str, int]:
        reasons: dict[str, int] = {}
        for layer in self.layers.values():
            for code, n in layer["withheld"].items():
                reasons[code] = reasons.get(code, 0) + n
        return reasons


@dataclass
class TakProductResult:
    """A brief written to ``path`` (``bytes`` long); ``report`` is the writer's own account."""

    path: Path
    bytes: int
    report: TakBriefReport = field(repr=False)
    contents: TakContents = field(repr=False)

    @property
    def highest_tlp(self) -> str:
        return self.report.highest_tlp

    @property
    def features(self) -> int:
        return self.report.features

    @property
    def layer_counts(self) -> dict[str, int]:
        return {name: layer["features"] for name, layer in self.report.layers.items()}

    def to_dict(self) -> dict[str, Any]:
        return self.report.to_dict()

    def summary(self) -> str:
        return self.report.summary()


def contents_of(view: AudienceView) -> TakContents:
    layers = {}
    for name, layer in view.layers.items():
        aggregates = layer.frame[layer.frame["generalised"].notna()]
        stands_for = (int(aggregates["feature_count"].fillna(1).sum()) if "feature_count" in aggregates
                      else len(aggregates))
        layers[name] = {"features": len(layer.frame), "generalised": len(aggregates),
                        "generalised_features": stands_for, "withheld": dict(layer.withheld)}
    return TakContents(view.audience, view.at, view.highest_tlp.value, layers)


def tak_contents(workspace: Workspace, audience: str, *, layers: list[str] | None = None,
                 at: datetime | None = None, bbox: Bbox | None = None) -> TakContents:
    """What a brief for ``audience`` would hold, without writing anything."""
    view = audience_view(workspace, audience, layers=layers or list(TAK_LAYERS), at=at, bbox=bbox)
    require_known(view)
    return contents_of(view)


def tak_contents_at(workspace_path: str | Path, audience: str, **options: Any) -> TakContents:
    """As :func:`tak_contents`, opening the workspace itself (a worker thread's own connection)."""
    with open_any(workspace_path) as workspace:  # a GeoPackage's path or a team database's URL
        return tak_contents(workspace, audience, **options)


def check_target(out: Path, *, cot: bool, stale_hours: float, overwrite: bool,
                 workspace_path: str | Path | None = None) -> None:
    """Refuse, before any work, a file the brief cannot be written to."""
    wanted = COT_SUFFIXES if cot else PACKAGE_SUFFIXES
    if out.suffix.lower() not in wanted:
        what = "one .cot file of events" if cot else "a TAK data package"
        raise FormatError(f"{what} is written as {' or '.join(wanted)}", file=str(out))
    if not (math.isfinite(stale_hours) and stale_hours > 0):
        raise ValidationError("must be a number of hours above 0", field="stale_hours")
    if workspace_path is not None and out.resolve() == Path(workspace_path).resolve():
        raise FormatError("that is the workspace itself: choose another file for the brief", file=str(out))
    if out.exists() and not overwrite:
        raise FormatError("exists already: choose another file, or replace it", file=str(out))


def write_tak_product(workspace: Workspace, audience: str, out: str | Path, *, layers: list[str] | None = None,
                      at: datetime | None = None, bbox: Bbox | None = None, cot: bool = False,
                      stale_hours: float = DEFAULT_STALE_HOURS, overwrite: bool = False,
                      feedback: Feedback | None = None) -> TakProductResult:
    """Write what ``audience`` (a partner's id, or ``internal``) may see at ``at`` (default: the
    workspace clock) within ``bbox`` as a TAK data package (``.zip``), or with ``cot`` one ``.cot``
    file, and record it in the audit log as an export to the audience in the same transaction: a
    failure or a cancel leaves neither the file nor the record."""
    from humanops.model.clock import workspace_now
    from humanops.sharing import audit

    feedback = feedback or Feedback()
    out = Path(out)
    check_target(out, cot=cot, stale_hours=stale_hours, overwrite=overwrite, workspace_path=workspace_file(workspace))
    feedback.progress(0.0, f"selecting what {audience} may see")
    now = workspace_now(workspace)
    view = audience_view(workspace, audience, layers=layers or list(TAK_LAYERS), at=at, bbox=bbox)
    require_known(view)
    feedback.progress(0.5, "writing the CoT events")
    written = False
    try:
        with workspace.transaction():
            report = write_tak_brief(view, out, generated=now, default_stale=timedelta(hours=stale_hours),
                                     as_cot=cot, overwrite=overwrite)
            written = True
            feedback.progress(0.9, "recording the brief in the audit log")
            data = out.read_bytes()
            contents = contents_of(view)
            audit.append(workspace, "export", counterpart=view.audience, package_id=report.package_uid, at=now,
                         payload_sha256=hashlib.sha256(data).hexdigest(),
                         counts={"layers": {name: layer["features"] for name, layer in report.layers.items()},
                                 "recipients": {view.audience: {"sent": report.features,
                                                                "withheld": contents.withheld_by_reason}}},
                         detail={"product": "tak", "format": report.format, "file": out.name,
                                 "bytes": len(data), "highest_tlp": report.highest_tlp,
                                 "at": report.to_dict()["at"], "events": report.events})
            feedback.check()   # a cancel up to here rolls the record back and removes the file
    except BaseException:
        if written:  # the file is out but its audit record was not committed: it must not exist without it
            out.unlink(missing_ok=True)
        raise
    feedback.progress(1.0, "written")
    return TakProductResult(out, len(data), report, contents)


def write_tak_product_file(workspace_path: str | Path, audience: str, out: str | Path, *,
                           feedback: Feedback | None = None, **options: Any) -> TakProductResult:
    """As :func:`write_tak_product`, opening the workspace itself: what a worker thread runs (a
    connection belongs to the thread that opened it)."""
    with open_any(workspace_path) as workspace:  # a GeoPackage's path or a team database's URL
        return write_tak_product(workspace, audience, out, feedback=feedback, **options)
