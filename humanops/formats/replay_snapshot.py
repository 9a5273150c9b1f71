"""A snapshot of the picture as recorded at a past moment, written like ``export`` writes the
live one (GeoJSON or a styled GeoPackage), every feature marked with the moment
(``as_recorded_at``), a GeoPackage's layers described so too.

The picture comes from :mod:`humanops.store.history_view`. Like an export, the file is plain (it
enforces no marking: the report counts what is above TLP:CLEAR) and written through
:mod:`humanops.store.atomic_files`: a failure leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from humanops.catalog import LayerKind
from humanops.errors import FormatError
from humanops.feedback import Feedback
from humanops.formats.exporter import (
    DATETIME_COLUMNS,
    EXERCISE_COLUMN,
    IDENTITY,
    ExportReport,
    _as_text_times,
    _typed,
)
from humanops.formats.mapping import MARKING_FIELDS
from humanops.model.exercise import exercise_banner
from humanops.store.atomic_files import AtomicFile
from humanops.store.history_view import HistoryView, recorded_stamp
from humanops.store.open_target import is_workspace_file
from humanops.store.workspace import Workspace

SNAPSHOT_FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage"}
RECORDED_COLUMN = "as_recorded_at"
_TLP_ORDER = {"CLEAR": 0, "GREEN": 1, "AMBER": 2, "AMBER+STRICT": 3, "RED": 4}


@dataclass
class SnapshotReport(ExportReport):
    """An export's report, with the moment it shows."""

    as_recorded_at: str = ""
    written: bool = True  # False: only counted (no file asked for)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "as_recorded_at": self.as_recorded_at, "written": self.written}

    def summary(self) -> str:
        layers = ", ".join(f"{name} {n}" for name, n in self.layers.items()) or "nothing"
        tlp = ", ".join(f"{level} {n}" for level, n in self.tlp.items()) or "none"
        head = (f"As recorded at {self.as_recorded_at}: {self.features} feature(s)"
                + (f", written to {self.file} ({self.format})" if self.written else ""))
        return f"{head}: {layers}\n  by TLP: {tlp}"


def snapshot(workspace: Workspace, at: datetime, *, layers: list[str] | None = None,
             out: str | Path | None = None, feedback: Feedback | None = None) -> SnapshotReport:
    """The picture of ``layers`` (default: every layer with features then) as recorded at ``at``,
    written to ``out`` if given (.geojson or .gpkg), counted either way."""
    feedback = feedback or Feedback()
    stamp = recorded_stamp(at)
    path = Path(out) if out is not None else None
    fmt = ""
    if path is not None:
        fmt = SNAPSHOT_FORMATS.get(path.suffix.lower(), "")
        if not fmt:
            raise FormatError(f"a replay snapshot is written to {', '.join(sorted(SNAPSHOT_FORMATS))}, "
                              f"not {path.suffix or 'a file without extension'}", file=str(path))
        if not path.parent.is_dir():
            raise FormatError("folder does not exist", file=str(path.parent))
        if is_workspace_file(path, workspace):
            raise FormatError("is the workspace itself: choose another file", file=str(path))
    view = HistoryView(workspace.connection, workspace.catalog)
    names = list(dict.fromkeys(layers)) if layers else workspace.layers()
    frames: list[tuple[LayerKind, gpd.GeoDataFrame]] = []
    for i, name in enumerate(names):
        feedback.progress(0.7 * i / len(names), f"reading {name} as recorded at {stamp}")
        kind = workspace.kind(name)
        frame = view.layer_at(name, at)
        if len(frame) or layers:  # a layer asked for by name is written even when empty then
            frames.append((kind, _snapshot_frame(workspace, kind, frame, stamp)))
        feedback.check()
    report = SnapshotReport(file=str(path or ""), format=fmt, as_recorded_at=stamp, written=path is not None)
    for kind, frame in frames:
        report.layers[kind.name] = len(frame)
        for level, n in frame["tlp"].value_counts().items():
            report.tlp[str(level)] = report.tlp.get(str(level), 0) + int(n)
    report.tlp = dict(sorted(report.tlp.items(), key=lambda item: _TLP_ORDER.get(item[0], 99)))
    if path is not None:
        if not frames:
            raise FormatError(f"nothing was recorded at {stamp}: no file written", file=str(path))
        feedback.progress(0.7, f"writing {path.name}")
        _write(workspace, path, fmt, frames, stamp, report)
    feedback.progress(1.0, "done")
    return report


def _snapshot_frame(workspace: Workspace, kind: LayerKind, frame: gpd.GeoDataFrame, stamp: str) -> gpd.GeoDataFrame:
    """The layer's fields, identity and marking typed for writing (as ``export`` types them),
    the moment first."""
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    out[RECORDED_COLUMN] = pd.Series([stamp] * len(frame), dtype=object)
    for name in [*kind.field_names, *IDENTITY, *MARKING_FIELDS]:
        column = frame[name].reset_index(drop=True) if name in frame.columns else \
            pd.Series([None] * len(frame), dtype=object)
        spec = next((f for f in kind.fields if f.name == name), None)
        ftype = spec.type if spec else {"version": "integer"}.get(name, "datetime" if name in DATETIME_COLUMNS
                                                                   else "text")
        out[name] = _typed(column, ftype)
    exercise = exercise_banner(workspace)
    if exercise:  # an exercise's replay says so on every feature, as its exports do
        out.insert(0, EXERCISE_COLUMN, pd.Series([exercise] * len(out), dtype=object))
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(np.asarray(frame.geometry.values, dtype=object),
                                                        crs=4326), crs=4326)


def _write(workspace: Workspace, path: Path, fmt: str, frames: list[tuple[LayerKind, gpd.GeoDataFrame]],
           stamp: str, report: SnapshotReport) -> None:
    pending = AtomicFile(path)  # owner-only (0600): it holds marked data
    try:
        tmp = pending.path
        if fmt == "GeoPackage":
            from humanops.formats._gpkg import copy_layer_styles, write_gpkg_layer

            for i, (kind, frame) in enumerate(frames):
                write_gpkg_layer(frame, tmp, layer=kind.name, geometry_type=kind.geometry,
                                 title=f"{kind.title} (as recorded at {stamp})", append=i > 0)
            report.styles = copy_layer_styles(workspace.connection, tmp, [kind.name for kind, _ in frames])
        else:
            from humanops.formats._geojson import write_geojson

            if len(frames) > 1:  # one file with a layer column, as export --layers-as column writes it
                from humanops.formats.layered_export import combined_frame

                texts = [(kind, _as_text_times(frame, kind)) for kind, frame in frames]
                write_geojson(combined_frame(texts), tmp, layer=f"{path.stem}", geometry_type="Unknown")
            else:
                kind, frame = frames[0]
                write_geojson(_as_text_times(frame, kind), tmp, layer=kind.name, geometry_type=kind.geometry)
        pending.commit()
    except OSError as exc:
        raise FormatError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    finally:
        pending.discard()
