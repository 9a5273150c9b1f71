"""Read the columns an analysis needs through the workspace's own SQLite connection.

Why not ``Workspace.read_layer`` (pyogrio)? Incremental analyses (corridor risk cache,
triggers) run inside change listeners, right after an edit and sometimes inside the edit's
transaction, and need a few columns of a few features by uuid: reading through the connection
that made the edit sees exactly its state and costs no GDAL open.
The time filter and bounding box are those of ``read_layer`` (kind time window, R-tree).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from humanops.errors import AnalysisError
from humanops.model.marking import format_time
from humanops.store import gpkg_geometry

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

NUMERIC_TYPES = ("integer", "real")
_CHUNK = 500  # uuids per IN (...) list: well under SQLite's parameter limit


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
    present = {r[1] for r in workspace.connection.execute(f'PRAGMA table_info("{layer}")')}
    missing = [c for c in columns if c not in present]
    if missing:
        raise AnalysisError("the layer has no such column", layer=layer, field=missing[0])
    clauses: list[str] = []
    params: list[object] = []
    if at is not None:
        stamp = format_time(at)
        if kind.time_start:
            clauses.append(f'("{kind.time_start}" IS NULL OR "{kind.time_start}" <= ?)')
            params.append(stamp)
        if kind.time_end:
            clauses.append(f'("{kind.time_end}" IS NULL OR "{kind.time_end}" >= ?)')
            params.append(stamp)
    if bbox is not None:
        minx, miny, maxx, maxy = (float(v) for v in bbox)
        clauses.append(f'fid IN (SELECT id FROM "rtree_{layer}_geom" WHERE maxx >= ? AND minx <= ? '
                       f'AND maxy >= ? AND miny <= ?)')
        params += [minx, maxx, miny, maxy]
    selected = ", ".join(f'"{c}"' for c in columns)
    sql = f'SELECT fid, geom{", " + selected if selected else ""} FROM "{layer}"'
    rows: list[tuple] = []
    if uuids is None:
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = workspace.connection.execute(sql + where, params).fetchall()
    else:
        wanted = list(dict.fromkeys(uuids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            where = " AND ".join([*clauses, f"uuid IN ({','.join('?' * len(chunk))})"])
            rows += workspace.connection.execute(f"{sql} WHERE {where}", [*params, *chunk]).fetchall()
    return _frame(kind, rows, columns)


def _frame(kind: object, rows: list[tuple], columns: Sequence[str]) -> gpd.GeoDataFrame:
    field_types = {f.name: f.type for f in kind.fields}  # type: ignore[attr-defined]
    if rows:
        fids, blobs, *values = zip(*rows, strict=True)
    else:
        fids, blobs, values = (), (), [() for _ in columns]
    data: dict[str, object] = {}
    for name, column in zip(columns, values, strict=True):
        if field_types.get(name) in NUMERIC_TYPES or name == "version":
            data[name] = pd.to_numeric(pd.Series(column, dtype=object), errors="coerce").to_numpy(dtype=float)
        else:
            data[name] = np.asarray(column, dtype=object)
    geometry = gpkg_geometry.decode_many(list(blobs)) if blobs else np.zeros(0, dtype=object)
    return gpd.GeoDataFrame(data, geometry=geometry, crs=4326,
                            index=pd.Index(np.asarray(fids, dtype=np.int64), name="fid"))
