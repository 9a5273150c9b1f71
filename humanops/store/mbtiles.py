"""An MBTiles file (offline imagery or street maps), read-only: its metadata, zoom range and
tile bytes. Qt-free: the canvas decodes and draws the images (humanops.ui.canvas.basemap_tiles).

An MBTiles file is SQLite: ``tiles(zoom_level, tile_column, tile_row, tile_data)`` with rows
counted from the south (TMS), PNG/JPEG/WebP images, and a ``metadata`` name/value table. The
canvas asks for tiles from several render threads: each thread reads through a read-only
connection of its own (the thread rule in :mod:`humanops.store`), opened on its first tile.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from humanops.errors import FormatError
from humanops.store.db import connect_read_only


class MBTilesFile:
    """One MBTiles file. ``FormatError`` (naming the file) if it is not one or has no tiles."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FormatError("no such MBTiles file", file=str(self.path))
        try:
            connection = connect_read_only(self.path)
        except sqlite3.DatabaseError as exc:
            raise FormatError(f"not an MBTiles file ({exc})", file=str(self.path)) from None
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if "tiles" not in tables:
                raise FormatError("not an MBTiles file (it has no tiles table)", file=str(self.path))
            self.metadata: dict[str, str] = {}
            if "metadata" in tables:
                self.metadata = {str(k): str(v) for k, v in connection.execute("SELECT name, value FROM metadata")}
            zooms = connection.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as exc:
            raise FormatError(f"not an MBTiles file ({exc})", file=str(self.path)) from None
        finally:
            connection.close()
        if zooms[0] is None:
            raise FormatError("the MBTiles file has no tiles", file=str(self.path))
        self.min_zoom = int(self.metadata.get("minzoom", zooms[0]))
        self.max_zoom = int(self.metadata.get("maxzoom", zooms[1]))
        self.name = self.metadata.get("name") or self.path.stem
        self.attribution = self.metadata.get("attribution", "")
        self._local = threading.local()  # one read-only connection a thread
        self._closed = False

    def tile_data(self, zoom: int, column: int, row_xyz: int) -> bytes | None:
        """The encoded image of a tile (XYZ row, counted from the north), None if the file has
        none there or is closed."""
        connection = getattr(self._local, "connection", None)
        if self._closed:
            if connection is not None:  # closed meanwhile: this thread lets its connection go
                self._local.connection = None
                connection.close()
            return None
        if connection is None:
            connection = self._local.connection = connect_read_only(self.path)
        found = connection.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (zoom, column, (2 ** zoom - 1) - row_xyz)).fetchone()  # TMS rows count from the south
        return None if found is None or found[0] is None else bytes(found[0])

    def close(self) -> None:
        """No more reads. This thread's connection closes now; a render thread's at its next
        read, or with its thread (a connection is closed only on the thread that made it)."""
        self._closed = True
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            self._local.connection = None
            connection.close()
