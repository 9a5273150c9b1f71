"""The road graph kept in the workspace, so that a process need not rebuild it: ``humanops route``
called in a loop reads the graph's arrays back instead of reading and measuring every road again.

:meth:`RoadGraph.from_workspace` asks :func:`load` first and, after a build, :func:`keep`. The
arrays go into the workspace's ``humanops_graph_cache`` table (:mod:`humanops.store.graph_cache`)
as one ``.npz`` blob, under a key (:func:`cache_key`) naming everything the graph was derived from:

* the layout of the blob (:data:`FORMAT_VERSION`) and the code that builds and reads graphs (the
  source of the modules in :data:`BUILDER_MODULES`, the versions of numpy, scipy, shapely, pyproj
  and PROJ): a new HumanOps never reads an older one's graph;
* the routing configuration (``resources/routing/speeds.toml`` as read: speeds, factors, tolerances);
* the ``road`` layer: its last change sequence (every edit, the app's or another tool's through the
  external-edit triggers, appends one), and its rows' count, fids and versions summed by SQLite
  (:func:`humanops.store.graph_cache.layer_state`), which also shows an edit that bypassed the
  triggers by setting the version itself.

:meth:`RoadGraph.from_workspace` keeps the last graph in memory too, under the layer's change
sequence and count (what a process's own edits always move), so a planner's next route in the app
costs no key at all.

A graph routes people around danger, so a kept one is never trusted beyond its key: a different
key, a blob whose SHA-256 differs from the one written with it, a blob that does not read as the
arrays of this format (``numpy.load`` with ``allow_pickle=False``: a workspace comes from partners,
and unpickling could run code), or arrays that do not fit together (sizes, index ranges) are all
no graph, and it is built again and kept in their place.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from humanops.store import graph_cache

if TYPE_CHECKING:
    from humanops.analysis.road_graph import RoadGraph
    from humanops.analysis.routing_config import RoutingConfig
    from humanops.store.workspace import Workspace

log = logging.getLogger(__name__)

LAYER = "road"
# Bump when the blob's layout changes (the builder fingerprint covers changes of the code).
FORMAT_VERSION = 1
# What a graph is made by: a change to any of these makes every kept graph stale.
BUILDER_MODULES = ("humanops.analysis.road_graph", "humanops.analysis.point_to_point",
                   "humanops.analysis.projection", "humanops.analysis.travel_modes", __name__)

# RoadGraph attributes stored as they are (numpy arrays), and those with a form of their own.
_ARRAYS = ("_seg_uuid", "_name_code", "oneway", "oneway_foot", "bridge", "tunnel", "seg_offsets", "length_m",
           "passable", "seg_from", "seg_to", "node_xy", "parallel", "mid_node", "mid_seg", "arc_tail", "arc_head",
           "arc_seg", "arc_dir", "arc_src", "_extra_seg")
_COUNTS = ("n_seg", "n_nodes", "n_total")
_SPECIAL = ("config", "noding", "_name_values", "crs_utm", "to_utm", "to_wgs84", "coords_utm", "_index",
            "time_by_traveller", "time_s", "fwd", "rev", "_landmarks")
_CSR_PARTS = ("indptr", "indices", "order")
# what queries keep on a graph for the next query (made again from the arrays): never stored
_QUERY_MEMOS = ("_costs_kept", "_arc_kept", "_admissible_kept", "_astar_structure", "_astar_gaps", "_search_lock",
                "_danger_cache")


class StaleGraph(Exception):
    """A kept graph that cannot be used as it is (its reason is logged, then it is rebuilt)."""


# --------------------------------------------------------------------------- the key


def cache_key(workspace: Workspace, config: RoutingConfig) -> str:
    """What a graph of ``workspace``'s roads with ``config`` is derived from, as one text."""
    return json.dumps({
        "format": FORMAT_VERSION,
        "builder": builder_fingerprint(),
        "routing_config": config_digest(config),
        "road_change_seq": workspace.last_change_seq(LAYER),
        "road_rows": graph_cache.layer_state(workspace, LAYER),
    }, sort_keys=True)


def config_digest(config: RoutingConfig) -> str:
    """SHA-256 of the routing configuration as read (its values, not the file's comments)."""
    return hashlib.sha256(repr(config).encode()).hexdigest()


@cache
def builder_fingerprint() -> str:
    """SHA-256 of the graph-making code and the libraries it computes with (once per process)."""
    import importlib

    import pyproj
    import scipy
    import shapely

    digest = hashlib.sha256()
    for name in BUILDER_MODULES:
        digest.update(name.encode() + b"\0" + _code_identity(importlib.import_module(name)) + b"\0")
    for version in (sys.version, np.__version__, scipy.__version__, shapely.__version__, pyproj.__version__,
                    pyproj.proj_version_str):
        digest.update(version.encode() + b"\0")
    return digest.hexdigest()


def _code_identity(module: Any) -> bytes:
    """The module's source; in a frozen build (PyInstaller), which ships no sources, the
    executable's size and time instead: the code changes only with it."""
    try:
        return Path(module.__file__).read_bytes()
    except (OSError, TypeError):
        if not getattr(sys, "frozen", False):
            raise
        stat = Path(sys.executable).stat()
        return f"{sys.executable}:{stat.st_size}:{stat.st_mtime_ns}".encode()


# --------------------------------------------------------------------------- load and keep


def load(workspace: Workspace, key: str, config: RoutingConfig) -> RoadGraph | None:
    """The graph kept in ``workspace`` under ``key``, or None (none kept, another key, or a blob
    that is damaged or does not fit together: logged, and to be rebuilt)."""
    blob = graph_cache.read(workspace, LAYER, key)
    if blob is None:
        return None
    try:
        return graph_from_arrays(_unpack(blob), config)
    except StaleGraph as exc:
        log.warning("the road graph kept in %s is not usable (%s): building it again", workspace.path, exc)
        return None


def keep(workspace: Workspace, key: str, graph: RoadGraph) -> bool:
    """Keep ``graph`` in ``workspace`` under ``key``; False (and the reason logged) when the workspace
    cannot take it: routing goes on, the next process builds the graph again."""
    reason = graph_cache.write(workspace, LAYER, key, _pack(graph_arrays(graph)))
    if reason is not None:
        log.warning("the road graph could not be kept in %s (%s): the next route builds it again",
                    workspace.path, reason)
    return reason is None


def _pack(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _unpack(blob: bytes) -> dict[str, np.ndarray]:
    if not blob.startswith(b"PK\x03\x04"):  # np.load would take a lone .npy array as well
        raise StaleGraph("not an .npz archive")
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}
    except (ValueError, OSError, EOFError, KeyError, zipfile.BadZipFile) as exc:
        raise StaleGraph(f"not readable as arrays: {exc}") from None


# --------------------------------------------------------------------------- graph <-> arrays


def graph_arrays(graph: RoadGraph) -> dict[str, np.ndarray]:
    """The arrays a graph is made of (no Python object: nothing that needs pickle to read back)."""
    unknown = set(vars(graph)) - set(_ARRAYS) - set(_COUNTS) - set(_SPECIAL) - set(_QUERY_MEMOS)
    if unknown:  # a field added to RoadGraph must be added here, or a read-back graph would lack it
        raise TypeError(f"RoadGraph has attributes the graph cache does not store: {', '.join(sorted(unknown))}")
    out: dict[str, np.ndarray] = {name: np.asarray(getattr(graph, name)) for name in _ARRAYS}
    out.update({name: np.asarray(int(getattr(graph, name)), dtype=np.int64) for name in _COUNTS})
    out["noding"] = np.asarray(json.dumps(dataclasses.asdict(graph.noding)))
    out["name_values"] = np.asarray([str(v) for v in graph._name_values], dtype=str)
    epsg = graph.crs_utm.to_epsg()
    if epsg is None:
        raise TypeError(f"the graph's projection has no EPSG code: {graph.crs_utm.name}")
    out["crs_epsg"] = np.asarray(epsg, dtype=np.int64)
    out["index_points"] = graph._index.data   # the vertices (coords_utm) first, then the index's extra points
    for traveller, times in graph.time_by_traveller.items():
        out[f"time.{traveller}"] = times
    for name in ("fwd", "rev"):
        csr = getattr(graph, name)
        for part in _CSR_PARTS:
            value = getattr(csr, part)
            if value is not None:   # order None: the identity
                out[f"{name}.{part}"] = value
    for (traveller, metric), marks in graph._landmarks.items():
        for part in dataclasses.fields(marks):
            out[f"landmarks.{traveller}.{metric}.{part.name}"] = getattr(marks, part.name)
    return out


def graph_from_arrays(arrays: dict[str, np.ndarray], config: RoutingConfig) -> RoadGraph:
    """A RoadGraph from :func:`graph_arrays`' arrays, checked to fit together (StaleGraph if not)."""
    from humanops.analysis.point_to_point import Landmarks
    from humanops.analysis.road_graph import NodingReport, RoadGraph, _Csr, _vertex_index

    check = _Checker(arrays)
    graph = RoadGraph()
    graph.config = config
    for name in _COUNTS:
        setattr(graph, name, check.count(name))
    n, nodes, total = graph.n_seg, graph.n_nodes, graph.n_total
    for name in _ARRAYS:
        setattr(graph, name, arrays[name])
    for name in ("_seg_uuid", "_name_code", "oneway", "oneway_foot", "bridge", "tunnel", "length_m", "passable",
                 "seg_from", "seg_to", "parallel", "mid_node"):
        check.length(name, n)
    check.kind("_seg_uuid", "S")
    check.kind(("oneway", "oneway_foot", "bridge", "tunnel", "passable", "parallel"), "b")
    check.kind(("_name_code", "seg_offsets", "seg_from", "seg_to", "mid_node", "mid_seg", "arc_tail", "arc_head",
                "arc_seg", "arc_dir", "arc_src", "_extra_seg"), "iu")
    check.kind(("length_m", "node_xy", "index_points"), "f")
    check.shape("node_xy", (nodes, 2))
    check.within("seg_from", 0, nodes)
    check.within("seg_to", 0, nodes)
    check.within("mid_seg", 0, n)
    mid = arrays["mid_node"]
    if np.any((mid != -1) & ((mid < nodes) | (mid >= total))):
        raise StaleGraph("mid_node out of range")
    # the vertices: per segment a run of coords_utm, which the spatial index's points begin with
    offsets = arrays["seg_offsets"]
    check.length("seg_offsets", n + 1)
    if offsets[0] != 0 or np.any(np.diff(offsets) < 0):
        raise StaleGraph("seg_offsets not increasing from 0")
    points = arrays["index_points"]
    if points.ndim != 2 or points.shape[1] != 2 or len(points) < offsets[-1] or not np.isfinite(points).all():
        raise StaleGraph("index_points do not hold the vertices")
    check.length("_extra_seg", len(points) - int(offsets[-1]))
    check.within("_extra_seg", 0, n)
    # arcs and their CSR structures
    arcs = len(arrays["arc_tail"])
    for name in ("arc_head", "arc_seg", "arc_dir", "arc_src"):
        check.length(name, arcs)
    check.within("arc_tail", 0, total)
    check.within("arc_head", 0, total)
    check.within("arc_seg", -1, n)
    check.within("arc_dir", -1, 2)
    check.within("arc_src", 0, 2 * n + 1)
    for name in ("fwd", "rev"):
        indptr, indices = arrays.get(f"{name}.indptr"), arrays.get(f"{name}.indices")
        order = arrays.get(f"{name}.order")
        if indptr is None or indices is None:
            raise StaleGraph(f"{name} structure missing")
        check.kind((f"{name}.indptr", f"{name}.indices") + ((f"{name}.order",) if order is not None else ()), "iu")
        if len(indptr) != total + 1 or indptr[0] != 0 or indptr[-1] != arcs or np.any(np.diff(indptr) < 0):
            raise StaleGraph(f"{name}.indptr does not fit the arcs")
        check.length(f"{name}.indices", arcs)
        check.within(f"{name}.indices", 0, total)
        if order is not None:
            check.length(f"{name}.order", arcs)
            check.within(f"{name}.order", 0, arcs)
        setattr(graph, name, _Csr(indptr, indices, order))
    # what is not an array as such
    try:
        graph.noding = NodingReport(**json.loads(str(arrays["noding"])))
    except (KeyError, TypeError, ValueError) as exc:
        raise StaleGraph(f"noding report unreadable: {exc}") from None
    values = arrays.get("name_values")
    if values is None or values.dtype.kind != "U" or values.ndim != 1:
        raise StaleGraph("road names missing")
    graph._name_values = np.array(values.tolist(), dtype=object)
    check.within("_name_code", 0, max(len(values), 1))
    graph.time_by_traveller = {}
    for name in sorted(arrays):
        if name.startswith("time."):
            check.length(name, n)
            check.kind(name, "f")
            graph.time_by_traveller[name.removeprefix("time.")] = arrays[name]
    if "drive" not in graph.time_by_traveller:
        raise StaleGraph("driving times missing")
    graph.time_s = graph.time_by_traveller["drive"]
    graph._landmarks = _landmarks(arrays, check, Landmarks, nodes, total, n)
    import pyproj

    try:
        graph._use_crs(pyproj.CRS.from_epsg(check.count("crs_epsg")))
    except pyproj.exceptions.CRSError as exc:
        raise StaleGraph(f"projection unknown: {exc}") from None
    graph._index = _vertex_index(points)
    graph.coords_utm = graph._index.data[:int(offsets[-1])]
    known = {*_ARRAYS, *_COUNTS, "noding", "name_values", "crs_epsg", "index_points"}
    extra = [k for k in arrays if k not in known and not k.startswith(("time.", "fwd.", "rev.", "landmarks."))]
    if extra:
        raise StaleGraph(f"unexpected arrays {', '.join(sorted(extra))}")
    return graph


def _landmarks(arrays: dict[str, np.ndarray], check: _Checker, landmarks_type: Any, nodes: int, total: int,
               n: int) -> dict[tuple[str, str], Any]:
    fields = [f.name for f in dataclasses.fields(landmarks_type)]
    keys = sorted({tuple(k.split(".")[1:3]) for k in arrays if k.startswith("landmarks.")})
    out = {}
    for traveller, metric in keys:
        prefix = f"landmarks.{traveller}.{metric}."
        parts = {f: arrays.get(prefix + f) for f in fields}
        missing = [f for f, v in parts.items() if v is None]
        if missing or any(k.startswith(prefix) and k.removeprefix(prefix) not in fields for k in arrays):
            raise StaleGraph(f"landmarks {traveller}/{metric} do not match this version's")
        check.within(prefix + "nodes", 0, nodes)
        check.kind(tuple(prefix + f for f in ("d_from", "d_to", "base_fwd", "base_bwd")), "f")
        k = len(parts["nodes"])
        check.shape(prefix + "d_from", (k, total))
        check.shape(prefix + "d_to", (k, total))
        check.length(prefix + "base_fwd", n)
        check.length(prefix + "base_bwd", n)
        out[(traveller, metric)] = landmarks_type(**parts)
    return out


class _Checker:
    """Checks on the arrays read back; each failure is a StaleGraph naming the array."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays

    def get(self, name: str) -> np.ndarray:
        try:
            return self.arrays[name]
        except KeyError:
            raise StaleGraph(f"{name} missing") from None

    def count(self, name: str) -> int:
        value = self.get(name)
        if value.shape != () or value.dtype.kind not in "iu" or int(value) < 0:
            raise StaleGraph(f"{name} is not a count")
        return int(value)

    def length(self, name: str, expected: int) -> None:
        value = self.get(name)
        if value.ndim < 1 or len(value) != expected:
            raise StaleGraph(f"{name} holds {len(value) if value.ndim else 'no'} entries, not {expected}")

    def shape(self, name: str, expected: tuple[int, ...]) -> None:
        if self.get(name).shape != expected:
            raise StaleGraph(f"{name} has shape {self.get(name).shape}, not {expected}")

    def kind(self, names: str | tuple[str, ...], kinds: str) -> None:
        for name in (names,) if isinstance(names, str) else names:
            if self.get(name).dtype.kind not in kinds:
                raise StaleGraph(f"{name} has type {self.get(name).dtype}")

    def within(self, name: str, low: int, high: int) -> None:
        """Every value in [low, high)."""
        value = self.get(name)
        if value.dtype.kind not in "iu":
            raise StaleGraph(f"{name} has type {value.dtype}")
        if value.size and (value.min() < low or value.max() >= high):
            raise StaleGraph(f"{name} out of range")
