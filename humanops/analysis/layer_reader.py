"""The columns an analysis needs, typed for computing: through the store's layer reader.

Incremental analyses (corridor risk cache, triggers) run inside change listeners, right after
an edit and sometimes inside the edit's transaction, and need a few columns of a few features
by uuid: :meth:`Workspace.rows` reads through the connection that made the edit, so it sees
exactly its state. The time filter and bounding box are the reader's (kind time window, R-tree).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from humanops.errors import AnalysisError, WorkspaceError

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

NUMERIC_TYPES = ("integer", "real")


def read_features(workspace: Workspace, layer: str, columns: Sequence[str], *, at: datetime | None = None,
                  bbox: tuple[float, float, float, float] | None = None,
                  uuids: Sequence[str] | None = None) -> gpd.GeoDataFrame:
    """``columns`` (plus geometry) of the features of ``layer``, indexed by fid, EPSG:4326.

    ``at`` keeps the features valid at that time, ``bbox`` (minx, miny, maxx, maxy) those whose
    extent meets it, ``uuids`` only those features. Integer and real fields come back numeric
    (missing: NaN), the others as text (missing: None).
    """
    if layer not in workspace.catalog:
        raise AnalysisError("no such layer in the workspace", layer=layer)
    kind = workspace.kind(layer)
    try:
        rows = workspace.rows(layer, list(columns), uuids=uuids, bbox=bbox, at=at)
    except WorkspaceError as exc:
        raise AnalysisError(exc.reason, layer=layer, field=exc.field) from None
    return _frame(kind, rows.fids, rows.geometries, rows.values, columns)


def _frame(kind: object, fids: np.ndarray, geometry: np.ndarray | None, rows: list[tuple],
           columns: Sequence[str]) -> gpd.GeoDataFrame:
    field_types = {f.name: f.type for f in kind.fields}  # type: ignore[attr-defined]
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    data: dict[str, object] = {}
    for name, column in zip(columns, values, strict=True):
        if field_types.get(name) in NUMERIC_TYPES or name == "version":
            try:
                data[name] = np.array(column, dtype=float)  # in C; None becomes NaN
            except (TypeError, ValueError):  # text another tool typed into a number column: NaN there
                data[name] = pd.to_numeric(pd.Series(column, dtype=object), errors="coerce").to_numpy(dtype=float)
        else:
            data[name] = np.asarray(column, dtype=object)
    if geometry is None or not len(geometry):
        geometry = np.zeros(0, dtype=object)
    return gpd.GeoDataFrame(data, geometry=geometry, crs=4326, index=pd.Index(fids, name="fid"))
