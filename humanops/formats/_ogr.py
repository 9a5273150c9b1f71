"""Reading vector files through GDAL (pyogrio): the shared part of the GeoJSON, GeoPackage
and Shapefile readers. Bulk, vectorised reads: no Python per feature."""

from __future__ import annotations

import importlib.util
import logging
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from humanops.errors import FormatError
from humanops.formats.sources import SourceLayer

log = logging.getLogger(__name__)


def list_layers(path: Path, what: str) -> list[tuple[str, str | None]]:
    """(layer name, geometry type or None) for each layer GDAL sees in ``path``."""
    import pyogrio
    from pyogrio.errors import DataSourceError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            layers = pyogrio.list_layers(path)
    except (DataSourceError, OSError, ValueError) as exc:
        raise FormatError(f"cannot be read as {what} ({_gdal_reason(exc)})", file=str(path)) from None
    return [(str(name), None if gtype is None else str(gtype)) for name, gtype in layers]


def read_layer(path: Path, layer: str | None, what: str, *, display: str | None = None,
               row_word: str = "feature", fid_rows: bool = False) -> SourceLayer:
    """One layer as a SourceLayer (positional index; ``rows`` the fids or 1-based numbers)."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError, FieldError, GeometryError

    frame = _read_in_child(path, layer, fid_rows)
    try:
        if frame is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                frame = pyogrio.read_dataframe(path, layer=layer, fid_as_index=fid_rows, **_arrow_options())
    except (DataSourceError, DataLayerError, FieldError, GeometryError, OSError, ValueError) as exc:
        raise FormatError(f"cannot be read as {what} ({_gdal_reason(exc)})", file=display or str(path),
                          layer=layer) from None
    if fid_rows:
        rows = np.asarray(frame.index, dtype=np.int64)
        frame = frame.reset_index(drop=True)
    else:
        rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    if frame.geometry.name != "geometry":
        frame = frame.rename_geometry("geometry")
    name = layer if layer is not None else Path(path).stem
    return SourceLayer(name=name, frame=frame, rows=rows, row_word=row_word)


def _read_in_child(path: Path, layer: str | None, fid_rows: bool) -> Any:
    """The frame read by a child process, where this thread asked for it (a worker of the
    import dialog, :func:`read_child.child_reads`) and the file is large, Arrow is absent (its
    read releases the GIL anyway); None to read here (the child failed: logged, and this
    thread's read says what is wrong with the file)."""
    from humanops.formats import read_child

    feedback = read_child.child_feedback(path)
    if feedback is None or _arrow_options():
        return None
    try:
        return read_child.read_frame_in_child(path, layer, fid_rows, feedback)
    except read_child.ChildReadFailed as exc:
        log.info("%s (layer %s) read in this thread: the reading process failed: %s", path, layer, exc)
        return None


def _arrow_options() -> dict[str, Any]:
    """pyogrio's Arrow read where pyarrow is installed: GDAL then reads every row with the GIL
    released, where the row-by-row read holds it throughout (0.5-1 s for 100,000 GeoJSON points,
    the GUI thread waiting for it while an import is checked). Dates come back as datetime64, as
    the row-by-row read gives them; the frame is otherwise the same."""
    if importlib.util.find_spec("pyarrow") is None:
        return {}
    return {"use_arrow": True, "arrow_to_pandas_kwargs": {"date_as_object": False}}


def _gdal_reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
