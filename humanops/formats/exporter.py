"""Export workspace layers to a plain file: GeoPackage (styled), GeoJSON (RFC 7946), CSV
with an HXL hashtag row, KML.

A plain file carries no protection: it is for the user's own tools. The report counts the
features by TLP level so the CLI and the app can warn when anything above TLP:CLEAR goes out
this way (sharing with partners is the ``package`` command). The file is written through
:mod:`humanops.store.atomic_files` (temporary folder beside the target, fsync, rename): a
failure or a cancel never leaves a half-written file, and an existing file is only replaced
by a complete one. It holds marked data, so it is owner-only (0600), narrowed before the rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind
from humanops.errors import FormatError
from humanops.feedback import Feedback
from humanops.formats.mapping import IDENTITY_HXL, MARKING_FIELDS, SYSTEM_HXL
from humanops.model.exercise import exercise_banner
from humanops.store.atomic_files import AtomicFile
from humanops.store.open_target import is_workspace_file, workspace_name
from humanops.store.workspace import Workspace

EXPORT_FORMATS = {".gpkg": "GeoPackage", ".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV",
                  ".kml": "KML"}
SINGLE_LAYER = ("GeoJSON", "CSV")
# identity and provenance travel in every format, so a re-import keeps them (issue 10, item 8)
IDENTITY = ("uuid", "version", "originator", "created", "modified", "source_package", "source_signer")
DATETIME_COLUMNS = ("created", "modified", "expires")
EXERCISE_COLUMN = "exercise"  # "EXERCISE — NAME" on every feature exported from an exercise workspace


@dataclass
class ExportReport:
    file: str
    format: str
    layers: dict[str, int] = field(default_factory=dict)  # layer -> features written
    tlp: dict[str, int] = field(default_factory=dict)  # TLP level -> features written
    styles: int = 0  # QGIS styles copied (GeoPackage)
    files: list[str] = field(default_factory=list)  # one file per layer (GeoJSON/CSV, layers_as="files")

    @property
    def features(self) -> int:
        return sum(self.layers.values())

    @property
    def above_clear(self) -> int:
        return sum(n for level, n in self.tlp.items() if level != "CLEAR")

    @property
    def warning(self) -> str | None:
        if not self.above_clear:
            return None
        levels = ", ".join(f"{level} {n}" for level, n in self.tlp.items() if level != "CLEAR")
        return (f"{self.above_clear} feature(s) marked above TLP:CLEAR ({levels}) written to a plain "
                f"file, which enforces no marking: keep it to your own tools; share with partners "
                f"through 'humanops package'")

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "format": self.format, "layers": dict(self.layers),
                "features": self.features, "tlp": dict(self.tlp), "above_clear": self.above_clear,
                "styles": self.styles, "warning": self.warning, "files": list(self.files or [self.file])}

    def summary(self) -> str:
        layers = ", ".join(f"{name} {n}" for name, n in self.layers.items())
        tlp = ", ".join(f"{level} {n}" for level, n in self.tlp.items()) or "none"
        out = [f"Exported {self.features} feature(s) to {self.file} ({self.format}): {layers}",
               f"  by TLP: {tlp}"]
        if self.format == "GeoPackage":
            out.append(f"  QGIS styles: {self.styles}")
        if len(self.files) > 1:
            out.append(f"  one file per layer: {', '.join(self.files)}")
        return "\n".join(out)


def export_format(path: Path) -> str:
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXPORT_FORMATS))
        raise FormatError(f"cannot export to {path.suffix or 'a file without extension'} (known: {known}; "
                          "a zipped Shapefile is for import only)", file=str(path))
    return fmt


def export_file(workspace: Workspace, path: str | Path, *, layers: list[str] | None = None,
                feedback: Feedback | None = None, layers_as: str = "files") -> ExportReport:
    """Write ``layers`` (default: every layer with features) to ``path``; format from the
    extension. GeoJSON and CSV hold one layer: several non-empty layers go to one file per
    layer named after it (``layers_as="files"``) or to one file with a ``layer`` column
    (``"column"``), see :mod:`humanops.formats.layered_export`."""
    path = Path(path)
    file = str(path)
    feedback = feedback or Feedback()
    fmt = export_format(path)
    if not path.parent.is_dir():
        raise FormatError("folder does not exist", file=str(path.parent))
    if is_workspace_file(path, workspace):
        raise FormatError("is the workspace itself: choose another file", file=file)
    names = _layers_to_export(workspace, file, fmt, layers)
    if fmt in SINGLE_LAYER and len(names) > 1:
        from humanops.formats.layered_export import LAYER_FILES, export_per_layer

        if layers_as not in LAYER_FILES:
            raise FormatError(f"layers_as must be one of {', '.join(LAYER_FILES)}, not {layers_as!r}", file=file)
        if layers_as == "files":
            return export_per_layer(workspace, path, names, feedback, export_file)
    report = ExportReport(file=file, format=fmt)
    pending = AtomicFile(path)  # owner-only (0600); an object, not a with: the writers below stay as they are
    try:
        tmp = pending.path
        frames: list[tuple[LayerKind, gpd.GeoDataFrame]] = []
        for i, name in enumerate(names):
            feedback.progress(0.8 * i / len(names), f"reading {name}")
            kind = workspace.kind(name)
            frame = _export_frame(workspace, kind)
            frames.append((kind, frame))
            report.layers[name] = len(frame)
            for level, n in frame["tlp"].value_counts().items():
                report.tlp[str(level)] = report.tlp.get(str(level), 0) + int(n)
            if fmt == "GeoPackage":  # written layer by layer: memory holds one layer at a time
                from humanops.formats._gpkg import write_gpkg_layer

                write_gpkg_layer(frame, tmp, layer=name, geometry_type=kind.geometry, title=kind.title,
                                 append=i > 0)
                frames.clear()
        feedback.progress(0.8, f"writing {path.name}")
        if fmt == "GeoPackage":
            from humanops.formats._gpkg import copy_layer_styles

            report.styles = copy_layer_styles(workspace.connection, tmp, names)
        elif fmt == "GeoJSON":
            from humanops.formats._geojson import write_geojson

            if len(frames) > 1:  # one file with a layer column
                from humanops.formats.layered_export import combined_frame

                texts = [(kind, _as_text_times(frame, kind)) for kind, frame in frames]
                write_geojson(combined_frame(texts), tmp, layer=path.stem, geometry_type="Unknown")
            else:
                kind, frame = frames[0]
                write_geojson(_as_text_times(frame, kind), tmp, layer=kind.name, geometry_type=kind.geometry)
        elif fmt == "CSV":
            from humanops.formats._csv import write_csv

            if len(frames) > 1:  # one file with a layer column
                from humanops.formats.layered_export import combined_csv_table

                table, tags = combined_csv_table([(kind, *_csv_table(kind, frame)) for kind, frame in frames])
            else:
                kind, frame = frames[0]
                table, tags = _csv_table(kind, frame)
            write_csv(tmp, table, tags)
        else:
            from humanops.formats._kml import write_kml

            write_kml(tmp, workspace_name(workspace), [_kml_layer(kind, frame) for kind, frame in frames])
        feedback.check()
        pending.commit()  # fsync, rename, fsync of the folder
    except OSError as exc:
        raise FormatError(f"cannot write: {exc.strerror or exc}", file=file) from None
    finally:
        pending.discard()  # a failure or a cancel leaves nothing behind
    report.tlp = dict(sorted(report.tlp.items(), key=lambda item: _TLP_ORDER.get(item[0], 99)))
    feedback.progress(1.0, "exported")
    return report


_TLP_ORDER = {"CLEAR": 0, "GREEN": 1, "AMBER": 2, "AMBER+STRICT": 3, "RED": 4}


def _layers_to_export(workspace: Workspace, file: str, fmt: str, layers: list[str] | None) -> list[str]:
    if layers:
        names = list(dict.fromkeys(layers))
        for name in names:
            workspace.kind(name)  # unknown kinds fail, naming the known ones
    else:
        names = [name for name in workspace.layers() if workspace.count(name)]
        if not names:
            raise FormatError("the workspace has no features to export", file=file)
    if fmt in SINGLE_LAYER and len(names) > 1:  # empty layers make no file of their own
        filled = [name for name in names if workspace.count(name)]
        names = filled or names[:1]
    return names


def _export_frame(workspace: Workspace, kind: LayerKind) -> gpd.GeoDataFrame:
    """The layer's fields, identity and marking, typed for writing (integers stay integers
    with gaps, dates are ISO dates)."""
    frame = workspace.read_layer(kind.name)
    columns = [*kind.field_names, *IDENTITY, *MARKING_FIELDS]
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    for name in columns:
        column = frame[name].reset_index(drop=True) if name in frame.columns else \
            pd.Series([None] * len(frame), dtype=object)
        spec = next((f for f in kind.fields if f.name == name), None)
        ftype = spec.type if spec else {"version": "integer"}.get(name, "datetime" if name in DATETIME_COLUMNS
                                                                   else "text")
        out[name] = _typed(column, ftype)
    exercise = exercise_banner(workspace)
    if exercise:  # an exercise's file says so on every feature, in every format (first column of a CSV)
        out.insert(0, EXERCISE_COLUMN, pd.Series([exercise] * len(out), dtype=object))
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(np.asarray(frame.geometry.values, dtype=object),
                                                        crs=4326), crs=4326)


def _typed(column: pd.Series, ftype: str) -> pd.Series:
    if ftype == "integer":
        return pd.to_numeric(column, errors="coerce").round().astype("Int64")
    if ftype == "real":
        return pd.to_numeric(column, errors="coerce").astype(float)
    if ftype == "boolean":
        return pd.to_numeric(column, errors="coerce").astype("boolean")
    if ftype == "date":
        stamps = pd.to_datetime(column, errors="coerce", utc=True)
        return stamps.dt.strftime("%Y-%m-%d").astype(object).where(stamps.notna(), None)
    if ftype == "datetime":
        return pd.to_datetime(column, errors="coerce", utc=True, format="ISO8601")
    return column.astype(object).where(column.notna(), None)


def _iso(column: pd.Series) -> pd.Series:
    text = column.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str.slice(0, 23) + "Z"
    return text.astype(object).where(column.notna(), None)


def _as_text_times(frame: gpd.GeoDataFrame, kind: LayerKind) -> gpd.GeoDataFrame:
    """Datetimes as ISO 8601 text in UTC, the same in every text format."""
    out = frame.copy()
    for name in out.columns:
        if name != out.geometry.name and pd.api.types.is_datetime64_any_dtype(out[name].dtype):
            out[name] = _iso(out[name])
    return out


def _csv_table(kind: LayerKind, frame: gpd.GeoDataFrame) -> tuple[pd.DataFrame, list[str]]:
    from humanops.formats._csv import guard_formulas

    frame = _as_text_times(frame, kind)
    table = pd.DataFrame(index=frame.index)
    tags = []
    specs = {f.name: f for f in kind.fields}
    for name in frame.columns:
        if name == frame.geometry.name:
            continue
        column = frame[name]
        spec = specs.get(name)
        if spec is not None and spec.type == "boolean":
            column = column.map({True: "true", False: "false"}).astype(object)
        elif spec is None or spec.type in ("text", "enum"):
            column = guard_formulas(column)
        table[name] = column
        tags.append((spec.hxl_tag if spec else None) or SYSTEM_HXL.get(name) or IDENTITY_HXL.get(name)
                    or ("#meta+exercise" if name == EXERCISE_COLUMN else ""))
    geoms = np.asarray(frame.geometry.values, dtype=object)
    if kind.geometry == "Point":
        xy = shapely.get_coordinates(geoms)
        table["lat"] = np.round(xy[:, 1], 7) if len(xy) else []
        table["lon"] = np.round(xy[:, 0], 7) if len(xy) else []
        tags += ["#geo+lat", "#geo+lon"]
    else:
        table["wkt"] = shapely.to_wkt(geoms, rounding_precision=7, trim=True)
        tags.append("#geo+wkt")
    return table, tags


def _kml_layer(kind: LayerKind, frame: gpd.GeoDataFrame) -> dict[str, Any]:
    frame = _as_text_times(frame, kind)
    columns: dict[str, list[str | None]] = {}
    for name in frame.columns:
        if name == frame.geometry.name:
            continue
        columns[name] = [_kml_text(v) for v in frame[name].tolist()]
    # object dtype on purpose: pandas would infer 'str' and turn None into NaN
    text = gpd.GeoDataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()},
                            geometry=gpd.GeoSeries(np.asarray(frame.geometry.values, dtype=object)))
    base = kind.style.base
    return {"name": kind.name, "title": kind.title, "frame": text,
            "style": {"fill": base.fill, "stroke": base.stroke, "width": base.stroke_width or 1.0,
                      "opacity": base.fill_opacity if base.fill_opacity is not None else 1.0}}


def _kml_text(value: Any) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
