"""Reads for a worker thread, on a connection of its own, whichever backend holds the workspace.

A worker is handed the workspace's *target* (its GeoPackage path or its ``postgresql://`` URL),
never the window's workspace object (docs/architecture.md, section 3): :func:`open_reader` opens
a reader on that target (``LayerReader.read_only`` for a file, a ``PostgisReader`` on a new
autocommit connection for a database), and :func:`read_layer_columns` gives a layer's columns
as the canvas holds them (:class:`~humanops.store.layer_columns.LayerColumns`) from either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from humanops.catalog import LayerKind
from humanops.store.layer_columns import ColumnType, LayerColumns, concatenated, converted, point_xy_of
from humanops.store.open_target import is_postgres_url

if TYPE_CHECKING:
    from humanops.store.layer_reader import Bbox, LayerReader
    from humanops.store.postgis.reader import PostgisReader


def workspace_target(workspace: Any) -> str | Path:
    """What a worker opens to reach ``workspace``: its URL for a team database (``path`` there is
    the URL without its password, for messages), else its file."""
    url = getattr(workspace, "url", None)
    return url if isinstance(url, str) else workspace.path


@contextmanager
def open_reader(target: str | Path) -> Iterator[LayerReader | PostgisReader]:
    """A reader of the workspace at ``target`` on a connection of its own, closed on exit."""
    if is_postgres_url(target):
        from humanops.store.postgis.reader import PostgisReader
        from humanops.store.postgis.workspace import connect

        connection = connect(str(target))
        try:
            yield PostgisReader(connection)
        finally:
            connection.close()
        return
    from humanops.store.layer_reader import LayerReader

    with LayerReader.read_only(target) as reader:
        yield reader


def read_postgis_columns(url: str, kind: LayerKind, columns: Sequence[str], *,
                         types: Mapping[str, ColumnType] | None = None, uuids: Iterable[str] | None = None,
                         bbox: Bbox | None = None, geometry: bool = True,
                         should_stop: Callable[[], bool] | None = None) -> LayerColumns | None:
    """``columns`` of a layer in a team database (of ``uuids`` / in ``bbox`` only, through the
    GiST index), in fid order, typed as ``LayerReader.columns`` types them; None if stopped."""
    from humanops.store.postgis.reader import PostgisReader
    from humanops.store.postgis.workspace import connect

    if should_stop is not None and should_stop():
        return None
    connection = connect(url)
    try:
        if uuids is None:  # a whole layer or a box of it: arrays, one query a chunk (it falls back where it must)
            packed = PostgisReader(connection).packed_columns(kind, list(columns), types=types or {}, bbox=bbox,
                                                              geometry=geometry, should_stop=should_stop)
            if packed is not False:
                return packed  # type: ignore[return-value]
        rows = PostgisReader(connection).rows(kind, list(columns), uuids=uuids, bbox=bbox, geometry=geometry,
                                              fids=True, ordered=True)
    finally:
        connection.close()
    if should_stop is not None and should_stop():
        return None
    how = {name: (types or {}).get(name, "object") for name in rows.columns}
    values = {name: concatenated([converted([r[i] for r in rows.values], how[name])], how[name])
              for i, name in enumerate(rows.columns)}
    fids = rows.fids if rows.fids is not None else np.empty(0, dtype=np.int64)
    shapes = rows.geometries if geometry and rows.geometries is not None else np.empty(0, dtype=object)
    point = kind.geometry == "Point"
    return LayerColumns(fids, point_xy_of(shapes) if geometry and point else None,
                        shapes if geometry and not point else None, values)
