"""The picture as it was recorded at a past moment, and the moments at which it changed.

"As recorded at T" is transaction time: what this workspace held at T, whatever validity window
its features claim (that other axis is the time slider's "valid at"). A feature's state at T is
named by the last change logged for it at or before T (``humanops_changes``: insert, update or
delete, with the moment it was committed here): a delete means the feature was absent; an insert
or update names the version that was current. That version's content is the history row of that
version superseded after T (``humanops_history``; the earliest, when another tool's edit and a
partner's version share a number), else the live row. The change log rather than the rows'
``modified``: a partner's version carries the partner's time, and must not appear before it was
received here. A live row no change names (written before the log existed) is shown from its
``modified`` time.

One SQL statement a layer, run by SQLite (a window over the history rows), never a Python loop
over features (on a team database the same statements in PostgreSQL's words,
:mod:`humanops.store.postgis.history_sql`); the rows come back as the same typed GeoDataFrame the layer reader gives
(:func:`~humanops.store.layer_frames.typed_frame`), indexed by ``fid``. A version of a feature that
is gone now has no fid: it gets minus its history row's id, so the index stays unique.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.errors

from humanops.catalog import Catalog, LayerKind
from humanops.errors import ValidationError
from humanops.model.marking import format_time
from humanops.store import gpkg_geometry, schema
from humanops.store.db import connect_read_only
from humanops.store.layer_frames import typed_frame
from humanops.store.layer_reader import READ_CHUNK, Rows

OPS = ("insert", "update", "delete")


@dataclass(frozen=True)
class ChangeMoments:
    """Every distinct moment something was committed, oldest first, with what changed then
    (arrays aligned on ``at``)."""

    at: pd.DatetimeIndex  # UTC, millisecond precision, as stored
    inserts: np.ndarray
    updates: np.ndarray
    deletes: np.ndarray
    layers: list[tuple[str, ...]]  # the layers that changed at each moment

    def __len__(self) -> int:
        return len(self.at)

    @property
    def counts(self) -> np.ndarray:
        return self.inserts + self.updates + self.deletes

    def moment(self, i: int) -> datetime:
        return self.at[i].to_pydatetime()

    def index_at_or_before(self, at: datetime) -> int:
        """The last moment at or before ``at`` (-1: before the first)."""
        return int(self.at.searchsorted(pd.Timestamp(_utc(at)), side="right")) - 1

    def to_records(self) -> list[dict[str, object]]:
        return [{"at": format_time(self.moment(i)), "inserts": int(self.inserts[i]),
                 "updates": int(self.updates[i]), "deletes": int(self.deletes[i]),
                 "changes": int(self.inserts[i] + self.updates[i] + self.deletes[i]),
                 "layers": list(self.layers[i])} for i in range(len(self))]


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def recorded_stamp(at: datetime) -> str:
    """``at`` as the change log and history store times (text that sorts as it compares),
    cut to the millisecond they hold: a moment shown on the slider is a moment stored."""
    return format_time(_utc(at))  # type: ignore[return-value]


class HistoryView:
    """Reads the recorded past of a workspace through one connection: a GeoPackage's sqlite3 one
    or a team database's psycopg one (the workspace's own on its thread, or :meth:`read_only` on
    a worker's)."""

    def __init__(self, connection: sqlite3.Connection | Any, catalog: Catalog) -> None:
        self.connection = connection
        self.catalog = catalog
        self.on_database = not isinstance(connection, sqlite3.Connection)

    @classmethod
    @contextmanager
    def read_only(cls, path: str | Path, catalog: Catalog) -> Iterator[HistoryView]:
        """A view on a read-only connection of its own (for a worker thread), closed on exit;
        ``path`` a GeoPackage's, or a team database's URL."""
        from humanops.store.open_target import is_postgres_url

        if is_postgres_url(path):
            from humanops.store.postgis.workspace import connect

            connection: Any = connect(str(path))
            connection.execute("SET default_transaction_read_only = on")  # a view never writes
        else:
            connection = connect_read_only(path)
        try:
            yield cls(connection, catalog)
        finally:
            connection.close()

    # --- moments ---------------------------------------------------------------------------------
    def moments(self, layers: Sequence[str] | None = None) -> ChangeMoments:
        """The moments a change was committed (of ``layers`` only, if given), with counts."""
        names = self._layers(layers)
        if self.on_database:
            from humanops.store.postgis.history_sql import moments_sql

            rows = self.connection.execute(moments_sql(), (names,)).fetchall()
        else:
            marks = ", ".join("?" * len(names))
            rows = self.connection.execute(
                "SELECT at, sum(op = 'insert'), sum(op = 'update'), sum(op = 'delete'), group_concat(DISTINCT layer) "
                f"FROM humanops_changes WHERE layer IN ({marks}) GROUP BY at ORDER BY at", names).fetchall()
        at = pd.DatetimeIndex(pd.to_datetime([r[0] for r in rows], utc=True, format="ISO8601", errors="coerce"))
        keep = ~at.isna()  # a time another tool wrote that does not read is no moment to step to
        counts = np.array([r[1:4] for r in rows], dtype=np.int64).reshape(-1, 3)[keep]
        layers_at = [tuple(sorted((r[4] or "").split(","))) for r, k in zip(rows, keep, strict=True) if k]
        return ChangeMoments(at[keep].as_unit("ms"), counts[:, 0], counts[:, 1], counts[:, 2], layers_at)

    # --- the picture -----------------------------------------------------------------------------
    def layer_at(self, layer: str, at: datetime) -> gpd.GeoDataFrame:
        """``layer`` as recorded at ``at``: each feature's version current then, the deleted
        ones absent; typed and indexed as ``Workspace.read_layer`` gives the live layer."""
        kind = self._kind(layer)
        if self.on_database:
            from humanops.store.postgis.history_sql import picture_sql

            sql, params = picture_sql(kind, recorded_stamp(at))
            cursor = self.connection.cursor()
            cursor.execute(sql, params)
        else:
            sql, params = _picture_sql(kind, recorded_stamp(at))
            cursor = self.connection.execute(sql, params)
        fids: list[int] = []
        blobs: list[bytes | None] = []
        values: list[tuple] = []
        while batch := cursor.fetchmany(READ_CHUNK):
            fids += [r[0] for r in batch]
            blobs += [r[1] for r in batch]
            values += [r[2:] for r in batch]
        names = tuple(c for c, _ in schema.layer_columns(kind))
        rows = Rows(names, np.array(fids, dtype=np.int64), _geometries(blobs, kind), values)
        return typed_frame(kind, rows)

    def picture_at(self, at: datetime, layers: Sequence[str] | None = None) -> dict[str, gpd.GeoDataFrame]:
        """Every layer (or ``layers``) as recorded at ``at``."""
        return {name: self.layer_at(name, at) for name in self._layers(layers)}

    # --- internals -------------------------------------------------------------------------------
    def _kind(self, layer: str) -> LayerKind:
        return self.catalog[layer]  # CatalogError naming the known kinds

    def _layers(self, layers: Sequence[str] | None) -> list[str]:
        if layers is None:
            return list(self.catalog.names)
        return [self._kind(name).name for name in dict.fromkeys(layers)]


def _picture_sql(kind: LayerKind, stamp: str) -> tuple[str, dict[str, str]]:
    """One statement: (fid, geometry blob, every layer column in the reader's order) of the
    features as recorded at ``stamp``."""
    table = f'"{kind.name}"'
    fields = [f.name for f in kind.fields]
    live = ", ".join(f'l."{c}"' for c, _ in schema.layer_columns(kind))

    def json_path(name: str) -> str:  # a member name quoted, whatever it holds
        return '$."' + name.replace('"', '""').replace("'", "''") + '"'

    past_columns = ", ".join([
        *(f"json_extract(p.properties, '{json_path(f)}')" for f in fields),
        "p.uuid", "p.version", "p.originator", "p.created", "p.modified",
        *(f"json_extract(p.marking, '$.{m}')" for m in schema.MARKING_NAMES),
        "p.source_package", "p.source_signer",
    ])
    sql = f"""
        WITH feature AS MATERIALIZED (
            -- each feature the log names, with its last change committed at or before the moment
            SELECT uuid, max(CASE WHEN at <= :at THEN seq END) AS seq
            FROM humanops_changes WHERE layer = :layer GROUP BY uuid
        ), shown AS MATERIALIZED (
            SELECT c.uuid, c.version FROM feature f JOIN humanops_changes c ON c.seq = f.seq
            WHERE c.op <> 'delete'
        ), past AS MATERIALIZED (
            -- the history row holding that version then: ids only, the rows are read once, below
            SELECT id, uuid FROM (
                SELECT h.id, h.uuid, row_number() OVER (PARTITION BY h.uuid ORDER BY h.superseded, h.id) AS rank
                FROM shown s JOIN humanops_history h
                  ON h.layer = :layer AND h.uuid = s.uuid AND h.version = s.version
                WHERE h.deleted = 0 AND h.superseded > :at)
            WHERE rank = 1
        )
        SELECT coalesce(l.fid, -p.id), p.geom_wkb, {past_columns}
        FROM past q JOIN humanops_history p ON p.id = q.id LEFT JOIN {table} l ON l.uuid = q.uuid
        UNION ALL
        SELECT l.fid, l.geom, {live}
        FROM shown s JOIN {table} l ON l.uuid = s.uuid WHERE s.uuid NOT IN (SELECT uuid FROM past)
        UNION ALL
        SELECT l.fid, l.geom, {live}
        FROM {table} l WHERE l.uuid NOT IN (SELECT uuid FROM feature) AND l.modified <= :at"""
    return sql, {"at": stamp, "layer": kind.name}


def _geometries(blobs: list[bytes | None], kind: LayerKind) -> np.ndarray:
    """Live rows hold GeoPackage blobs, history rows WKB (our edits) or GeoPackage blobs (other
    tools' edits, copied by trigger): each kind decoded in one vectorised call."""
    out = np.full(len(blobs), None, dtype=object)
    if not blobs:
        return out
    packed = np.array([b is not None and bytes(b[:2]) == b"GP" for b in blobs], dtype=bool)
    plain = np.array([b is not None for b in blobs], dtype=bool) & ~packed
    try:
        if packed.any():
            out[packed] = gpkg_geometry.decode_many([blobs[i] for i in np.flatnonzero(packed)])
        if plain.any():
            out[plain] = shapely.from_wkb(np.array([blobs[i] for i in np.flatnonzero(plain)], dtype=object))
    except (shapely.errors.GEOSException, ValueError) as exc:
        raise ValidationError(f"a recorded geometry cannot be read ({' '.join(str(exc).split())})",
                              layer=kind.name, field="geom") from None
    return out
