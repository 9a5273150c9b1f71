"""A vector file's layer read by GDAL in a child process (issue 12, item 8).

pyogrio's row-by-row read (the one there is without pyarrow) holds the GIL for the whole read,
0.5-1.6 s for 100,000 GeoJSON points, and the GUI thread waits for it while an import is checked.
In a child process that read holds the child's GIL only. The child sends back what
``pyogrio.raw.read`` gave, in forms the parent rebuilds in short steps: the geometries as one
WKB bytes buffer with offsets, numeric columns as numpy arrays, text columns in chunks; the
parent then makes the same GeoDataFrame ``pyogrio.read_dataframe`` makes (same dtypes, index,
datetime parsing), :data:`CHUNK` rows per call so the GUI thread gets the GIL between them.

The child is a fresh interpreter (``python -m humanops.formats.read_child``, the 'spawn'
way: no fork of a process that runs Qt threads, and unlike multiprocessing's spawn it does not
re-import the app's main module). A worker turns it on for its own thread with
:func:`child_reads` (the import dialog's Check and Import steps do); Cancel kills the child.
Any failure of the child raises :class:`ChildReadFailed`, and the caller reads in its own
thread instead (that read gives the file's error with its usual words).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from humanops.errors import HumanOpsError

if TYPE_CHECKING:
    from humanops.feedback import Feedback

log = logging.getLogger(__name__)

CHUNK = 10_000  # rows rebuilt per call in the parent: each call holds the GIL a few ms
CHILD_MIN_BYTES = 2_000_000  # smaller files read in the thread: a child costs ~0.5 s to start
POLL_S = 0.1  # how often a waiting parent looks at Cancel
_HEADER = struct.Struct("<Q")
_local = threading.local()
# What the last child read of this process cost the parent (for benchmarks/bench_stalls.py).
last_read: dict[str, float] = {}


class ChildReadFailed(Exception):
    """The child could not give the layer (not started, crashed, refused the file)."""


@contextlib.contextmanager
def child_reads(feedback: Feedback, min_bytes: int | None = None) -> Iterator[None]:
    """Within this block, this thread's vector reads of files of ``min_bytes`` or more
    (:data:`CHILD_MIN_BYTES`) go through a child (Cancel: ``feedback``)."""
    before = getattr(_local, "settings", None)
    _local.settings = (feedback, CHILD_MIN_BYTES if min_bytes is None else min_bytes)
    try:
        yield
    finally:
        _local.settings = before


def child_feedback(path: Path) -> Feedback | None:
    """The feedback to read ``path`` in a child with, or None to read it in this thread."""
    settings = getattr(_local, "settings", None)
    # A frozen bundle's executable is the app, not an interpreter (no ``-m``), and select() on
    # a pipe is POSIX only: there the read stays in the thread.
    if settings is None or getattr(sys, "frozen", False) or os.name != "posix":
        return None
    feedback, min_bytes = settings
    try:
        return feedback if Path(path).stat().st_size >= min_bytes else None
    except OSError:
        return None


# --- the parent -------------------------------------------------------------------------------------
def read_frame_in_child(path: Path, layer: str | None, fid_as_index: bool, feedback: Feedback) -> Any:
    """``pyogrio.read_dataframe(path, layer=layer, fid_as_index=fid_as_index)``, the read done by
    a child. Raises :class:`ChildReadFailed`; a cancel (``feedback.check()``) kills the child."""
    import humanops

    started = time.perf_counter()
    root = str(Path(humanops.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    request = json.dumps({"path": str(path), "layer": layer, "fids": fid_as_index})
    try:
        child = subprocess.Popen([sys.executable, "-m", "humanops.formats.read_child", request],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except OSError as exc:
        raise ChildReadFailed(f"the reading process did not start: {exc}") from None
    cpu_before = time.thread_time()
    try:
        parts = _receive(child, feedback)
        gil_before = time.thread_time()
        frame = _rebuild(*parts)
        last_read.clear()
        last_read.update(rebuild_cpu_ms=round((time.thread_time() - gil_before) * 1000, 1),
                         parent_cpu_ms=round((time.thread_time() - cpu_before) * 1000, 1),
                         total_ms=round((time.perf_counter() - started) * 1000, 1), rows=float(len(frame)))
        return frame
    except (ChildReadFailed, HumanOpsError):  # a cancel (Canceled) among them
        raise
    except Exception as exc:  # anything the rebuild meets
        raise ChildReadFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        if child.stderr is not None:
            child.stderr.close()
        if child.stdout is not None:
            child.stdout.close()


def _receive(child: subprocess.Popen, feedback: Feedback) -> tuple[dict, Any, Any, list]:
    """The child's messages: meta, fids, geometries (WKB, offsets, missing), each field's chunks."""
    assert child.stdout is not None
    fd = child.stdout.fileno()
    head = _message(fd, child, feedback)
    if head.get("error"):
        raise ChildReadFailed(head["error"])
    meta, count = head["meta"], head["count"]
    fids = _message(fd, child, feedback)
    geometry = _message(fd, child, feedback)
    fields = []
    for _ in range(len(meta["fields"])):
        chunks = [_message(fd, child, feedback) for _ in range(_message(fd, child, feedback))]
        fields.append(chunks[0] if len(chunks) == 1 else np.concatenate(chunks) if chunks else np.array([]))
        time.sleep(0)  # the GUI thread, if waiting, takes the GIL here
    if any(len(values) != count for values in fields):
        raise ChildReadFailed("the reading process sent columns of different lengths")
    return meta, fids, geometry, fields


def _message(fd: int, child: subprocess.Popen, feedback: Feedback) -> Any:
    size = _HEADER.unpack(_read_exact(fd, _HEADER.size, child, feedback))[0]
    return pickle.loads(_read_exact(fd, size, child, feedback))


def _read_exact(fd: int, size: int, child: subprocess.Popen, feedback: Feedback) -> bytes:
    """``size`` bytes from the child, looking at Cancel every :data:`POLL_S` while it works."""
    parts: list[bytes] = []
    left = size
    while left:
        feedback.check()
        ready, _, _ = select.select([fd], [], [], POLL_S)
        if not ready:
            continue
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            error = b""
            with contextlib.suppress(Exception):
                child.wait(timeout=5)
                error = child.stderr.read()[-500:] if child.stderr is not None else b""
            raise ChildReadFailed(f"the reading process ended (exit {child.returncode}): "
                                  f"{error.decode(errors='replace').strip()}")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _rebuild(meta: dict, fids: Any, geometry: Any, fields: list) -> Any:
    """The GeoDataFrame ``pyogrio.read_dataframe`` makes from ``pyogrio.raw.read``'s result
    (its non-Arrow path, geometries and datetimes parsed the same way), a chunk at a time."""
    import json as json_module
    import warnings

    import geopandas as gpd
    import pandas as pd
    import shapely
    from pyogrio.geopandas import _try_parse_datetime

    columns = [str(name) for name in meta["fields"]]
    index = pd.Index(fids, name="fid") if fids is not None else None
    frame = pd.DataFrame(dict(zip(columns, fields, strict=True)), columns=columns, index=index)
    for dtype, column in zip(meta["dtypes"], columns, strict=True):
        if str(dtype).startswith("datetime"):
            frame[column] = _try_parse_datetime(frame[column], False, True)  # read_dataframe's defaults
    for subtype, column in zip(meta["ogr_subtypes"], columns, strict=True):
        if subtype == "OFSTJSON" and pd.api.types.infer_dtype(frame[column]) == "string":
            try:
                frame[column] = frame[column].map(json_module.loads, na_action="ignore")
            except Exception:  # noqa: BLE001  (as pyogrio does: the text is kept)
                warnings.warn(f"Could not parse column '{column}' as JSON; leaving as string", stacklevel=2)
    if geometry is None:
        return frame
    if geometry[0] == "points":  # every geometry a point: made from the coordinates, no bytes per row
        coords = geometry[1]
        shapes = np.empty(len(coords), dtype=object)
        for start in range(0, len(shapes), CHUNK):
            shapes[start:start + CHUNK] = shapely.points(coords[start:start + CHUNK])
            time.sleep(0)
        return gpd.GeoDataFrame(frame, geometry=shapes, crs=meta["crs"])
    _, blob, offsets, missing = geometry
    shapes = np.empty(len(offsets) - 1, dtype=object)
    view = memoryview(blob)
    for start in range(0, len(shapes), CHUNK):
        stop = min(start + CHUNK, len(shapes))
        wkb = np.array([None if missing[i] else bytes(view[offsets[i]:offsets[i + 1]])
                        for i in range(start, stop)], dtype=object)
        shapes[start:stop] = shapely.from_wkb(wkb)
        time.sleep(0)  # the GUI thread, if waiting, takes the GIL here
    return gpd.GeoDataFrame(frame, geometry=shapes, crs=meta["crs"])


# --- the child --------------------------------------------------------------------------------------
def _send(out: Any, value: Any) -> None:
    data = pickle.dumps(value, protocol=5)
    out.write(_HEADER.pack(len(data)))
    out.write(data)


def _point_coordinates(wkb: Any) -> Any:
    """The coordinates (n, 2 or 3) when every geometry is a non-empty point, else None."""
    import shapely

    if any(g is None for g in wkb):
        return None
    shapes = shapely.from_wkb(wkb)
    if not len(shapes) or not (shapely.get_type_id(shapes) == 0).all() or shapely.is_empty(shapes).any():
        return None
    coords = shapely.get_coordinates(shapes, include_z=bool(shapely.has_z(shapes).any()))
    return coords if len(coords) == len(shapes) else None


def child_main(request: str) -> int:
    """In the child: read the layer, write the messages on stdout (binary), 0 when done."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the messages on the pipe
    try:
        import warnings

        import pyogrio.raw

        asked = json.loads(request)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            meta, fids, geometry, fields = pyogrio.raw.read(asked["path"], layer=asked["layer"],
                                                            return_fids=asked["fids"], datetime_as_string=True)
    except Exception as exc:  # noqa: BLE001  (the parent reads in its own thread, which says what was wrong)
        _send(out, {"error": f"{type(exc).__name__}: {exc}"})
        out.flush()
        return 1
    _send(out, {"meta": meta, "count": len(fields[0]) if fields else len(geometry if geometry is not None else [])})
    _send(out, fids)
    if geometry is None:
        _send(out, None)
    elif (coords := _point_coordinates(geometry)) is not None:
        _send(out, ("points", coords))
    else:
        missing = np.array([g is None for g in geometry], dtype=bool)
        lengths = np.array([0 if g is None else len(g) for g in geometry], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        _send(out, ("wkb", b"".join(g for g in geometry if g is not None), offsets, missing))
    for values in fields:
        pieces = [values] if values.dtype != object else [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]
        pieces = pieces or [values]
        _send(out, len(pieces))
        for piece in pieces:
            _send(out, piece)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1]))
