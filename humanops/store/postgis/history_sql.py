"""The recorded past (:mod:`humanops.store.history_view`) read from a team database: the same
statements as the GeoPackage's, in PostgreSQL's words, giving rows in the same forms.

Times come out as the GeoPackage's DATETIME text (``humanops_time_text``), history values from
their JSON cast to the live column's type (numbers as numbers, booleans 0/1, times and dates as
text, as SQLite's ``json_extract`` gives them),
geometries as WKB (the history's ``geom_wkb``, ``ST_AsBinary`` of a live row). Moments are grouped
by that millisecond text, the precision the slider steps in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from humanops.catalog import LayerKind
from humanops.store import schema as gpkg_schema
from humanops.store.postgis.reader import column_expression
from humanops.store.postgis.schema import literal, q


def moments_sql() -> str:
    """(at, inserts, updates, deletes, layers) per moment of the layers given as one array."""
    return ("SELECT humanops_time_text(at) AS moment, count(*) FILTER (WHERE op = 'insert'), "
            "count(*) FILTER (WHERE op = 'update'), count(*) FILTER (WHERE op = 'delete'), "
            "string_agg(DISTINCT layer, ',') FROM humanops_changes WHERE layer = ANY(%s) "
            "GROUP BY moment ORDER BY moment")


def _live(name: str, sql_type: str | None) -> str:
    return column_expression(name, sql_type).replace(q(name), "l." + q(name), 1)


# a history JSON value cast to what the live column's expression gives, so the two UNION alike
_PAST_CASTS = {"INTEGER": "::numeric::bigint", "REAL": "::double precision", "BOOLEAN": "::boolean::int"}


def _past(name: str, sql_type: str) -> str:
    return f"(p.properties ->> {literal(name)}){_PAST_CASTS.get(sql_type, '')}"


def picture_sql(kind: LayerKind, stamp: str) -> tuple[str, dict[str, Any]]:
    """As ``history_view._picture_sql``: (fid, WKB, every layer column in the reader's order) of the
    features as recorded at ``stamp``."""
    table = q(kind.name)
    types = dict(gpkg_schema.layer_columns(kind))
    live = ", ".join(_live(c, t) for c, t in gpkg_schema.layer_columns(kind))
    past_columns = ", ".join([
        *(_past(f.name, types[f.name]) for f in kind.fields),
        "p.uuid", "p.version", "p.originator", "humanops_time_text(p.created)", "humanops_time_text(p.modified)",
        *(f"p.marking ->> {literal(m)}" for m in gpkg_schema.MARKING_NAMES),
        "p.source_package", "p.source_signer",
    ])
    # Times are stored to the microsecond, moments named to the millisecond (as the GeoPackage
    # stores them): "at or before the moment" is "before the moment's next millisecond".
    sql = f"""
        WITH feature AS MATERIALIZED (
            SELECT uuid, max(CASE WHEN at < %(next)s::timestamptz THEN seq END) AS seq
            FROM humanops_changes WHERE layer = %(layer)s GROUP BY uuid
        ), shown AS MATERIALIZED (
            SELECT c.uuid, c.version FROM feature f JOIN humanops_changes c ON c.seq = f.seq
            WHERE c.op <> 'delete'
        ), past AS MATERIALIZED (
            SELECT id, uuid FROM (
                SELECT h.id, h.uuid, row_number() OVER (PARTITION BY h.uuid ORDER BY h.superseded, h.id) AS rank
                FROM shown s JOIN humanops_history h
                  ON h.layer = %(layer)s AND h.uuid = s.uuid AND h.version = s.version
                WHERE NOT h.deleted AND h.superseded >= %(next)s::timestamptz) AS ranked
            WHERE rank = 1
        )
        SELECT coalesce(l.fid, -p.id), p.geom_wkb, {past_columns}
        FROM past q JOIN humanops_history p ON p.id = q.id LEFT JOIN {table} l ON l.uuid = q.uuid
        UNION ALL
        SELECT l.fid, ST_AsBinary(l.geom), {live}
        FROM shown s JOIN {table} l ON l.uuid = s.uuid WHERE s.uuid NOT IN (SELECT uuid FROM past)
        UNION ALL
        SELECT l.fid, ST_AsBinary(l.geom), {live}
        FROM {table} l WHERE l.uuid NOT IN (SELECT uuid FROM feature) AND l.modified < %(next)s::timestamptz"""
    following = (datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(milliseconds=1)).isoformat()
    return sql, {"next": following, "layer": kind.name}
