"""A layer read column by column, for views that hold many features (the map canvas).

:meth:`humanops.store.layer_reader.LayerReader.columns` fetches rows in chunks and turns each
chunk into numpy arrays before the next is fetched, so a million rows never live as a million
Python tuples (and a million shapely points) at once: a point's geometry becomes two float64
coordinates, parsed by numpy straight from the GeoPackage blob when it is the plain 2-D point
GDAL and this app write (other blobs go through shapely); other geometries stay shapely; each
value column becomes what the caller asks: float64 (NaN for NULL), a pandas categorical (text
that repeats: markings, originators) or an object array.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import shapely

from humanops.store.gpkg_geometry import _POINT_BLOB

ColumnType = Literal["float", "category", "object"]
_PLAIN_POINT_FLAGS = 0x01  # little-endian, no envelope, not empty


@dataclass(frozen=True)
class LayerColumns:
    """Rows of one layer, column by column and row-aligned, in fid order."""

    fids: np.ndarray  # int64
    point_xy: np.ndarray | None  # (n, 2) lon/lat of a point layer, NaN where missing or empty
    geometries: np.ndarray | None  # shapely (EPSG:4326) of other layers; None if not read
    values: dict[str, Any]  # column -> np.ndarray or pd.Categorical

    def __len__(self) -> int:
        return len(self.fids)


def plain_point_xy(blobs: Sequence[bytes | None]) -> np.ndarray | None:
    """(n, 2) coordinates of GeoPackage blobs that are all plain 2-D little-endian points
    without envelope (29 bytes each); None when any is not (the caller decodes those with
    shapely)."""
    n = len(blobs)
    if not n:
        return np.empty((0, 2))
    try:
        joined = b"".join(blobs)  # type: ignore[arg-type]  # TypeError on a NULL geometry
    except TypeError:
        return None
    if len(joined) != n * _POINT_BLOB.itemsize:
        return None
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=n)  # type: ignore[arg-type]
    if (lengths != _POINT_BLOB.itemsize).any():
        return None
    records = np.frombuffer(joined, dtype=_POINT_BLOB)
    header = np.frombuffer(joined, dtype=np.uint8).reshape(n, _POINT_BLOB.itemsize)[:, :4]
    plain = ((header[:, 0] == ord("G")) & (header[:, 1] == ord("P")) & (header[:, 3] == _PLAIN_POINT_FLAGS)
             & (records["order"] == 1) & (records["type"] == 1))
    if not plain.all():
        return None
    return np.column_stack([records["x"], records["y"]])


def point_xy_of(geometries: np.ndarray) -> np.ndarray:
    """(n, 2) coordinates of shapely points, NaN where missing or empty."""
    out = np.full((len(geometries), 2), np.nan)
    present = ~shapely.is_missing(geometries)
    present[present] = ~shapely.is_empty(geometries[present])
    if present.any():
        coords, owner = shapely.get_coordinates(geometries[present], return_index=True)
        first = np.unique(owner, return_index=True)[1]  # a point has one coordinate; be safe
        out[np.flatnonzero(present)[owner[first]]] = coords[first]
    return out


def converted(values: Sequence[Any], how: ColumnType) -> Any:
    """One chunk's values of a column as ``how`` says."""
    if how == "float":
        try:
            return np.array(values, dtype=float)
        except (TypeError, ValueError):  # NULLs or text in a number column: read what parses
            return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    if how == "category":  # (codes, uniques): chunks are merged in ``concatenated``
        codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
        return codes, np.asarray(uniques, dtype=object)
    return np.array(values, dtype=object) if len(values) else np.empty(0, dtype=object)


def concatenated(parts: list[Any], how: ColumnType) -> Any:
    if how == "category":
        return _merged_categories(parts)
    if not parts:
        return np.empty(0, dtype=float if how == "float" else object)
    return np.concatenate(parts)


def _merged_categories(parts: list[tuple[np.ndarray, np.ndarray]]) -> pd.Categorical:
    """One categorical (object categories, whatever the values) from chunks' (codes, uniques)."""
    uniques = np.concatenate([u for _, u in parts]) if parts else np.empty(0, dtype=object)
    merged_codes, categories = pd.factorize(uniques)
    offsets = np.cumsum([0, *(len(u) for _, u in parts)])
    codes = []
    for i, (chunk_codes, _) in enumerate(parts):
        mapped = np.full(len(chunk_codes), -1, dtype=np.int64)  # -1: NULL
        present = chunk_codes >= 0
        mapped[present] = merged_codes[offsets[i]:offsets[i + 1]][chunk_codes[present]]
        codes.append(mapped)
    all_codes = np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)
    return pd.Categorical.from_codes(all_codes, categories=pd.Index(np.asarray(categories, dtype=object), dtype=object))



# SQLite's R-tree node (https://sqlite.org/rtree.html, "shadow tables"): a 2-byte depth (the
# root's), a 2-byte cell count, then cells of an 8-byte id and the box, 4-byte floats
# (minx, maxx, miny, maxy for GeoPackage's 2-D index), all big-endian.
_RTREE_CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])


def rtree_leaf_centres(nodes: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray] | None:
    """(ids, (n, 2) box centres) of the cells of R-tree leaf nodes (all one size, as SQLite
    writes them); None when they are not laid out so."""
    if not nodes:
        return np.empty(0, dtype=np.int64), np.empty((0, 2))
    size = len(nodes[0])
    if size < 4 + _RTREE_CELL.itemsize or any(len(node) != size for node in nodes):
        return None
    joined = b"".join(nodes)
    capacity = (size - 4) // _RTREE_CELL.itemsize
    counts = np.frombuffer(joined, dtype=np.uint8).reshape(len(nodes), size)[:, 2:4].astype(np.int64)
    counts = counts[:, 0] * 256 + counts[:, 1]
    if (counts > capacity).any():
        return None
    cells = np.ndarray((len(nodes), capacity), dtype=_RTREE_CELL, buffer=joined, offset=4,
                       strides=(size, _RTREE_CELL.itemsize))[np.arange(capacity)[None, :] < counts[:, None]]
    centres = np.column_stack([(cells["minx"].astype(float) + cells["maxx"]) / 2,
                               (cells["miny"].astype(float) + cells["maxy"]) / 2])
    return cells["id"].astype(np.int64), centres
