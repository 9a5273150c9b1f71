"""What the canvas reads of a layer, and when: only the columns the map needs. Qt-free.

A small layer is read whole in one pass. A large one (more than :data:`PROGRESSIVE_ABOVE`
features) is read in stages, so the map is drawn before everything is read:

1. **drawing**: fid, geometry and the columns the style needs (class, size, band width, time
   window), packed by SQLite into a few strings (:meth:`LayerReader.packed_columns`: no Python
   object a row, the GIL free meanwhile). A million needs are on the map after this pass, in
   their classes, sizes and exact places: the first drawn map is the classified one;
2. **identity**: uuid and version of every feature (picking, selection, edits);
3. **details**, only where and when the map needs them: the label text, the originator and the
   marking columns, read by bounding box through the GeoPackage R-tree for the part of the map
   shown, when it shows labels, TLP markings or the marking filter. Panning to a new part reads
   that part's details.

Areas and lines of a large layer (more than :data:`EXTENT_ABOVE`) are read by the view's extent
(through the GeoPackage R-tree), the rest as the view moves to it (``map_canvas``); past
:data:`~humanops.viewmodel.layers.layer_data.EXTENT_KEPT_ROWS` features the parts least recently read
are dropped, and read again when shown again.

Each read runs on a worker thread through a read-only connection of its own (the thread rule in
:mod:`humanops.store`), packed where a whole layer or box is read, column by column
(:meth:`LayerReader.columns`) for the few features an edit touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from humanops.catalog import LayerKind
from humanops.store.layer_columns import ColumnType, LayerColumns
from humanops.store.layer_reader import READ_CHUNK, Bbox, LayerReader
from humanops.store.open_target import is_postgres_url
from humanops.store.packed_columns import ReadWitness

PROGRESSIVE_ABOVE = 50_000  # features: a larger layer is read in stages
EXTENT_ABOVE = 2_000  # areas or lines: a larger layer is read by the view's extent
IDENTITY = ("uuid", "version")
MARKINGS = ("tlp", "releasable_to", "caveats", "expires", "precision")
CHUNK = 4 * READ_CHUNK  # rows a fetch: fewer round trips; a chunk still holds the GIL ~20 ms


def drawing_columns(kind: LayerKind) -> list[str]:
    """The kind's columns the style draws with: class, size, band width, time window."""
    style = kind.style
    wanted = [style.classify_by, style.size_by.field if style.size_by else None, style.buffer_field,
              kind.time_start, kind.time_end]
    return _present(kind, wanted)


def detail_columns(kind: LayerKind) -> list[str]:
    """Read only where the map needs them on a large layer: label, originator, markings."""
    return [*_present(kind, [kind.style.label_field]), "originator", *MARKINGS]


def whole_columns(kind: LayerKind) -> list[str]:
    """Everything the canvas holds of a small layer (its name too, for the marking filter)."""
    out = drawing_columns(kind)
    for name in [*IDENTITY, *detail_columns(kind), *_present(kind, ["name"])]:
        if name not in out:
            out.append(name)
    return out


def column_types(kind: LayerKind, columns: Iterable[str]) -> dict[str, ColumnType]:
    """Numbers as float64, repeated text (classes, markings, originators) as categoricals,
    other text (names, labels, uuids, times) as objects."""
    fields = {f.name: f.type for f in kind.fields}
    style = kind.style
    out: dict[str, ColumnType] = {}
    for name in columns:
        field_type = fields.get(name)
        if name == "version" or field_type in ("integer", "real"):
            out[name] = "float"
        elif name in ("originator", *MARKINGS) or (name == style.classify_by and field_type in ("enum", "boolean")):
            out[name] = "category"
        else:
            out[name] = "object"
    return out


def _present(kind: LayerKind, names: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name in kind.field_names and name not in out:
            out.append(name)
    return out


def read_columns(path: Path | str, kind: LayerKind, columns: list[str], *, geometry: bool = True,
                 uuids: Iterable[str] | None = None, bbox: Bbox | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 witness: ReadWitness | None = None) -> LayerColumns | None:
    """``columns`` of the layer (of ``uuids`` / in ``bbox`` only), None if stopped midway. On the
    calling (worker) thread, through a read-only connection of its own: it reads the last
    committed state, waiting only while a commit is written. ``witness``: filled with the state
    a whole layer's packed read saw (:class:`~humanops.store.packed_columns.ReadWitness`)."""
    types = column_types(kind, columns)
    if is_postgres_url(path):  # a team database: the same columns through PostGIS on a connection of its own
        from humanops.store.target_reads import read_postgis_columns

        return read_postgis_columns(str(path), kind, columns, types=types, uuids=uuids, bbox=bbox,
                                    geometry=geometry, should_stop=should_stop)
    with LayerReader.read_only(path) as reader:
        if uuids is None:  # a whole layer or a box of it: packed (it falls back where it must)
            return reader.packed_columns(kind, columns, types=types, bbox=bbox, geometry=geometry,
                                         should_stop=should_stop, witness=witness)
        return reader.columns(kind, columns, types=types, uuids=uuids, bbox=bbox,
                              geometry=geometry, size=CHUNK, should_stop=should_stop)
