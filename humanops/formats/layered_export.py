"""Several layers into formats that hold one (GeoJSON, CSV): one file per layer, named after
it (``out.geojson`` → ``out_need.geojson``, ``out_danger_zone.geojson``), or one file with a
``layer`` column that the importer splits again (:func:`split_by_layer_column`), so a
multi-layer export round-trips either way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from humanops.catalog import Catalog, LayerKind
from humanops.feedback import Feedback
from humanops.formats.sources import SourceLayer
from humanops.store.atomic_files import AtomicFile
from humanops.store.open_target import is_workspace_file

if TYPE_CHECKING:
    from humanops.formats.exporter import ExportReport
    from humanops.store.workspace import Workspace

LAYER_FILES = ("files", "column")  # the choices of ``export --layers-as``
LAYER_COLUMN = "layer"
LAYER_HXL = "#meta+layer"


def layer_path(path: Path, layer: str) -> Path:
    return path.with_name(f"{path.stem}_{layer}{path.suffix}")


def export_per_layer(workspace: Workspace, path: Path, names: list[str], feedback: Feedback,
                     export_one: Callable[..., ExportReport]) -> ExportReport:
    """Each layer to its own file beside ``path``, all or none: every file is written first beside
    its target, and the targets are replaced only once all are written. A failure or a cancel
    part-way leaves every target as it was (a set of files from two exports would mislead)."""
    from humanops.errors import FormatError
    from humanops.formats.exporter import ExportReport

    targets = [layer_path(path, name) for name in names]
    for target in targets:
        if is_workspace_file(target, workspace):
            raise FormatError("is the workspace itself: choose another file", file=str(target))
    pending = [AtomicFile(target) for target in targets]   # owner-only (0600), as one-file exports
    try:
        total = ExportReport(file=str(path), format="")
        for i, (name, target, write) in enumerate(zip(names, targets, pending, strict=True)):
            one = export_one(workspace, write.path, layers=[name],
                             feedback=feedback.step(i / len(names), (i + 1) / len(names)))
            total.format = one.format
            total.files.append(str(target))
            total.layers.update(one.layers)
            for level, n in one.tlp.items():
                total.tlp[level] = total.tlp.get(level, 0) + n
        for write in pending:
            write.commit()
    finally:
        for write in pending:
            write.discard()
    return total


def combined_frame(frames: list[tuple[LayerKind, gpd.GeoDataFrame]]) -> gpd.GeoDataFrame:
    """The layers' frames one after the other, a ``layer`` column first (columns a layer lacks
    stay empty)."""
    parts = []
    for kind, frame in frames:
        part = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        part.insert(0, LAYER_COLUMN, kind.name)
        part["geometry"] = np.asarray(frame.geometry.values, dtype=object)
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    geometry = gpd.GeoSeries(table.pop("geometry").to_numpy(dtype=object), crs=4326)
    return gpd.GeoDataFrame(table, geometry=geometry, crs=4326)


def combined_csv_table(tables: list[tuple[LayerKind, pd.DataFrame, list[str]]]) -> tuple[pd.DataFrame, list[str]]:
    """CSV tables (as ``exporter._csv_table`` makes them) stacked under a ``layer`` column. The
    geometry goes as WKT for every row: lat/lon columns would leave the lines' rows empty."""
    parts = []
    tags: dict[str, str] = {LAYER_COLUMN: LAYER_HXL}
    for kind, table, table_tags in tables:
        table = table.copy()
        named = dict(zip(table.columns, table_tags, strict=True))
        if "lat" in table.columns and "lon" in table.columns and "wkt" not in table.columns:
            points = shapely.points(pd.to_numeric(table.pop("lon")).to_numpy(dtype=float),
                                    pd.to_numeric(table.pop("lat")).to_numpy(dtype=float))
            table["wkt"] = shapely.to_wkt(points, rounding_precision=7, trim=True)
            named.pop("lat"), named.pop("lon")
            named["wkt"] = "#geo+wkt"
        table.insert(0, LAYER_COLUMN, kind.name)
        for column in table.columns:
            tags.setdefault(column, named.get(column, ""))
        parts.append(table)
    out = pd.concat(parts, ignore_index=True)
    wkt = out.pop("wkt")
    out["wkt"] = wkt  # last, as in a one-layer file
    return out, [tags[c] for c in out.columns]


def split_by_layer_column(sources: list[SourceLayer], catalog: Catalog) -> list[SourceLayer]:
    """A source layer with a ``layer`` column naming a kind in every row becomes one source
    layer per kind, named after it (then matched to it by name); others pass unchanged."""
    out: list[SourceLayer] = []
    for source in sources:
        column = next((c for c in source.columns if c == LAYER_COLUMN or source.hxl.get(c) == LAYER_HXL), None)
        values = source.frame[column] if column is not None else None
        if values is None or values.isna().any() or not values.isin(catalog.names).all():
            out.append(source)
            continue
        for name in pd.unique(values):
            positions = np.flatnonzero((values == name).to_numpy())
            frame = source.frame.iloc[positions].drop(columns=[column]).reset_index(drop=True)
            empty = [c for c in frame.columns if c != frame.geometry.name and frame[c].isna().all()]
            frame = frame.drop(columns=empty)  # another layer's fields, empty here
            index = {int(p): i for i, p in enumerate(positions)}
            problems = [type(p)(index[p.position], p.field, p.reason) for p in source.problems
                        if p.position in index]
            out.append(SourceLayer(name=str(name), frame=frame, rows=source.rows[positions],
                                   row_word=source.row_word,
                                   hxl={c: t for c, t in source.hxl.items() if c in frame.columns},
                                   problems=problems, notes=list(source.notes)))
    return out
