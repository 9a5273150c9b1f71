"""Layer rows as a typed GeoDataFrame, the way GDAL types a GeoPackage's columns.

``Workspace.read_layer`` gives this frame (analyses, exports): integers int64 (float64 with NaN
where some are missing, as GDAL gives them), reals float64, booleans bool (object with None where
some are missing), datetimes ``datetime64[ms, UTC]``, dates ``datetime64[ms]``, text as pandas
infers it; indexed by ``fid``, EPSG:4326. The types come from the kind, not from the values, so
a column of nulls is still typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from humanops.catalog import LayerKind
from humanops.store import schema
from humanops.store.layer_reader import Rows


def typed_frame(kind: LayerKind, rows: Rows) -> gpd.GeoDataFrame:
    sql_types = dict(schema.layer_columns(kind))
    columns = list(zip(*rows.values, strict=True)) if len(rows) else [() for _ in rows.columns]
    data = {name: _typed(sql_types.get(name, "TEXT"), values) for name, values in zip(rows.columns, columns,
                                                                                   strict=True)}
    geometry = rows.geometries if rows.geometries is not None else np.full(len(rows), None, dtype=object)
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))  # aligned on 0..n-1, then indexed by fid
    if rows.fids is not None:
        frame.index = pd.Index(rows.fids, name="fid")
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, index=frame.index, crs=4326))


def _typed(sql_type: str, values: Sequence[Any]) -> Any:
    if sql_type == "INTEGER":
        if not values:
            return np.empty(0, dtype=np.int64)
        converted = np.array(values)  # in C; object, float or text when some are missing or not integers
        return converted.astype(np.int64) if converted.dtype.kind in "iu" else _floats(values)
    if sql_type == "REAL":
        return _floats(values)
    if sql_type == "BOOLEAN":
        if all(v is not None for v in values):
            return np.array([bool(v) for v in values], dtype=bool)
        return pd.Series([None if v is None else bool(v) for v in values], dtype=object)
    if sql_type == "DATETIME":
        return pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601",
                              errors="coerce").astype("datetime64[ms, UTC]")
    if sql_type == "DATE":
        return pd.to_datetime(pd.Series([None if v is None else str(v)[:10] for v in values], dtype=object),
                              format="ISO8601", errors="coerce").astype("datetime64[ms]")
    if all(v is None for v in values):
        return pd.Series(values, dtype=object)
    return pd.Series(values)


def _floats(values: Sequence[Any]) -> np.ndarray:
    try:
        return np.array(values, dtype=float)  # None becomes NaN
    except (TypeError, ValueError):  # text another tool typed into a number column: NaN there
        return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
