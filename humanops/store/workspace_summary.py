"""What a workspace holds, told with SQLite and the catalog alone: ``humanops info``.

:meth:`Workspace.info` and the CLI's ``info`` give the same document (:func:`summarise`): per
layer its count, extent (from the R-tree), TLP counts, expired markings and time range, and the
workspace's identity, schema, history and last change. The CLI reads it here, through
:func:`workspace_info`, without importing :mod:`humanops.store.workspace` (numpy, pandas,
geopandas, shapely: ten times what the answer costs), because scripts ask it in loops.

The file is checked as :meth:`Workspace.open` checks it (:func:`identify`, the one place that
decides what is a workspace). A file that open would first bring up to date (a layer or field
that a newer catalog added is missing) is opened as a Workspace after all, so the answer is the
same either way.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from humanops.catalog import Catalog, load_catalog
from humanops.errors import WorkspaceError
from humanops.model.marking import format_time, utc_now
from humanops.store import schema

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
BUSY_TIMEOUT_S = 30  # as the workspace's own connection: wait while another writer commits

Bbox = tuple[float, float, float, float]  # minx, miny, maxx, maxy (EPSG:4326)


def identify(connection: sqlite3.Connection, path: Path) -> set[str]:
    """The file's tables, once it is known to be a HumanOps workspace this version reads;
    otherwise WorkspaceError naming the file, and ``connection`` is closed."""
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise WorkspaceError(f"not a GeoPackage ({exc})", file=str(path)) from None
    if app_id != GPKG_APPLICATION_ID or "gpkg_contents" not in tables:
        connection.close()
        raise WorkspaceError("not a GeoPackage", file=str(path))
    if "humanops_meta" not in tables:
        connection.close()
        raise WorkspaceError("a GeoPackage, but not a HumanOps workspace (import it "
                             "instead: humanops import FILE)", file=str(path))
    version = int(_meta(connection, "schema_version") or 0)
    if version > schema.SCHEMA_VERSION:
        connection.close()
        raise WorkspaceError(
            f"made by a newer HumanOps (schema {version}; this one reads up to "
            f"{schema.SCHEMA_VERSION})", file=str(path))
    return tables


def is_current(connection: sqlite3.Connection, catalog: Catalog, tables: set[str]) -> bool:
    """Whether every kind of ``catalog`` has its table with all its columns (else
    :meth:`Workspace.open` adds them before anything is read)."""
    for kind in catalog:
        if kind.name not in tables:
            return False
        present = {r[1] for r in connection.execute(f'PRAGMA table_info("{kind.name}")')}
        if not {c for c, _ in schema.layer_columns(kind)} <= present:
            return False
    return True


def layer_count(connection: sqlite3.Connection, layer: str) -> int:
    return int(connection.execute(f'SELECT count(*) FROM "{layer}"').fetchone()[0])


def layer_extent(connection: sqlite3.Connection, layer: str) -> Bbox | None:
    """(minx, miny, maxx, maxy) of the layer from its R-tree (no row read; float32 bounds,
    rounded outwards), None when empty."""
    try:
        row = connection.execute(
            f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{layer}_geom"').fetchone()
    except sqlite3.OperationalError:  # a table another tool made without a spatial index
        return None
    if row is None or row[0] is None:
        return None
    return tuple(float(v) for v in row)  # type: ignore[return-value]


def layer_versions(connection: sqlite3.Connection, layer: str) -> tuple[int, int, int, int]:
    """(rows, sum of versions, sum of fid x version, highest fid) of a layer: different whenever a row
    is added, removed or given another version, by whichever program (computed by SQLite, in one
    pass: a witness of the layer's state that costs no row read into Python)."""
    row = connection.execute(f'SELECT count(*), sum(version), sum(fid * version), max(fid) FROM "{layer}"').fetchone()
    return tuple(int(v or 0) for v in row)  # type: ignore[return-value]


def summarise(connection: sqlite3.Connection, path: Path, catalog: Catalog,
              now: datetime | None = None) -> dict[str, Any]:
    """Layers with counts, extents, validity and marking summaries, and the workspace's identity
    (the document of ``humanops info``); ``now`` (default: the wall clock) decides what has expired."""
    expired_before = format_time(now or utc_now())
    layers: dict[str, Any] = {}
    for kind in catalog:
        name = kind.name
        count = layer_count(connection, name)
        box = layer_extent(connection, name) if count else None
        tlp = dict(connection.execute(f'SELECT tlp, count(*) FROM "{name}" GROUP BY tlp ORDER BY tlp').fetchall())
        entry: dict[str, Any] = {"title": kind.title, "geometry": kind.geometry, "count": count,
                                 "extent": list(box) if box is not None else None, "tlp": tlp}
        entry["expired_markings"] = connection.execute(
            f'SELECT count(*) FROM "{name}" WHERE expires IS NOT NULL AND expires < ?', (expired_before,)).fetchone()[0]
        if kind.time_start:
            lo, hi = connection.execute(
                f'SELECT min("{kind.time_start}"), max("{kind.time_end or kind.time_start}") FROM "{name}"').fetchone()
            entry["time_range"] = [lo, hi]
        layers[name] = entry
    return {
        "workspace": str(path),
        "workspace_id": _meta(connection, "workspace_id") or "",
        "organisation": _meta(connection, "organisation") or "",
        "schema_version": int(_meta(connection, "schema_version") or 0),
        "created": _meta(connection, "created"),
        "layers": layers,
        "history_versions": connection.execute("SELECT count(*) FROM humanops_history").fetchone()[0],
        "last_change_seq": int(connection.execute("SELECT max(seq) FROM humanops_changes").fetchone()[0] or 0),
    }


def workspace_info(path: str | Path, *, catalog: Catalog | None = None) -> dict[str, Any]:
    """:func:`summarise` of the workspace file at ``path``, read without opening it as a Workspace
    unless it must first be brought up to date; WorkspaceError if it is not a workspace."""
    path = Path(path)
    if not path.is_file():
        raise WorkspaceError("no such workspace file", file=str(path))
    catalog = catalog or load_catalog()
    # an ordinary connection, only read: a read-only one could not roll back a crashed writer's
    # journal, and would refuse the file instead
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    tables = identify(connection, path)
    try:
        if is_current(connection, catalog, tables):
            return summarise(connection, path, catalog)
    finally:
        connection.close()
    from humanops.store.workspace import Workspace

    with Workspace.open(path, catalog=catalog) as workspace:
        return workspace.info()


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM humanops_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
