"""What a file is, told without opening it as a workspace: a HumanOps workspace, a plain
GeoPackage (to import), or neither.

:meth:`Workspace.open` decides the same way (GeoPackage application id and ``gpkg_contents``,
then ``humanops_meta``), but it also brings an older workspace up to date, which writes; a
file dropped on the window or picked in a dialog is only looked at here, read-only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

from humanops.store.db import connect_read_only
from humanops.store.workspace import GPKG_APPLICATION_ID

GeoPackageKind = Literal["workspace", "geopackage"]

_SQLITE_HEADER = b"SQLite format 3\x00"
_APPLICATION_ID_AT = 68  # the SQLite header's application id: 4 bytes, big-endian


def geopackage_kind(path: str | Path) -> GeoPackageKind | None:
    """``"workspace"``, ``"geopackage"`` (a GeoPackage without the app's tables), or None for
    anything else: not SQLite, another SQLite file, unreadable, missing."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        return None
    if int.from_bytes(header[_APPLICATION_ID_AT:_APPLICATION_ID_AT + 4], "big") != GPKG_APPLICATION_ID:
        return None
    try:
        connection = connect_read_only(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    if "gpkg_contents" not in tables:
        return None
    return "workspace" if "humanops_meta" in tables else "geopackage"


def is_workspace_file(path: str | Path) -> bool:
    return geopackage_kind(path) == "workspace"
