"""Evacuation and aid plans saved in the workspace, where the app and QGIS can read and draw them.

Three tables, made on first use, all registered in ``gpkg_contents`` so nothing is hidden:

* ``humanops_plans`` (attributes): one row per plan: kind (``evacuation`` / ``aid``), when it was
  made, the time it plans for, its parameters and its summary (JSON).
* ``humanops_plan_lines`` (features, LineString, EPSG:4326): one row per movement: who goes
  where (evacuation: people from a need to a shelter) or what goes where (aid: a quantity of an
  item from a warehouse to a need), drawn along the road route, with cost, travel time, arrival.
  A GeoPackage features table, so QGIS draws it as it is; the app reads it per ``plan_id``.
* ``humanops_plan_outcomes`` (attributes): per source, shelter, need and item: demand, served,
  ratio, and the reason for what is not served (``no safe path``, ``no capacity``...).

Plans are planning products, not features of the common picture: they are not versioned, not
exchanged with partners and not in the feature history (a layer kind would make them all that).
A plan is saved in one transaction; deleting a plan deletes its rows.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from humanops.errors import AnalysisError
from humanops.model.clock import workspace_now
from humanops.model.marking import format_time

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.store.workspace import Workspace

PLANS = "humanops_plans"
LINES = "humanops_plan_lines"
OUTCOMES = "humanops_plan_outcomes"

LINE_COLUMNS = (("plan_id", "INTEGER NOT NULL"), ("kind", "TEXT"), ("from_uuid", "TEXT"), ("from_name", "TEXT"),
                ("to_uuid", "TEXT"), ("to_name", "TEXT"), ("item", "TEXT"), ("quantity", "REAL"),
                ("cost", "REAL"), ("travel_time_s", "REAL"), ("arrival", "DATETIME"))
OUTCOME_COLUMNS = (("plan_id", "INTEGER NOT NULL"), ("role", "TEXT"), ("uuid", "TEXT"), ("name", "TEXT"),
                   ("item", "TEXT"), ("demand", "REAL"), ("served", "REAL"), ("ratio", "REAL"),
                   ("reason", "TEXT"), ("detail", "TEXT"))


def _ensure_tables(db: Any) -> None:
    existing = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if PLANS not in existing:
        db.execute(f"""CREATE TABLE {PLANS} (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
                       title TEXT, created DATETIME NOT NULL, planned_for DATETIME, parameters TEXT, summary TEXT)""")
        _register(db, PLANS, "attributes", "HumanOps: evacuation and aid plans")
    if LINES not in existing:
        cols = ", ".join(f"{n} {t}" for n, t in LINE_COLUMNS)
        db.execute(f"CREATE TABLE {LINES} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom LINESTRING, {cols})")
        db.execute(f"CREATE INDEX {LINES}_plan ON {LINES}(plan_id)")
        _register(db, LINES, "features", "HumanOps: plan movements (who or what goes where, by which road)")
        db.execute("INSERT OR IGNORE INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, "
                   "srs_id, z, m) VALUES (?, 'geom', 'LINESTRING', 4326, 0, 0)", (LINES,))
    if OUTCOMES not in existing:
        cols = ", ".join(f"{n} {t}" for n, t in OUTCOME_COLUMNS)
        db.execute(f"CREATE TABLE {OUTCOMES} (id INTEGER PRIMARY KEY AUTOINCREMENT, {cols})")
        db.execute(f"CREATE INDEX {OUTCOMES}_plan ON {OUTCOMES}(plan_id)")
        _register(db, OUTCOMES, "attributes", "HumanOps: plan outcomes per source, shelter, need and item")


def _register(db: Any, table: str, data_type: str, description: str) -> None:
    db.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
               "VALUES (?, ?, ?, ?, ?)", (table, data_type, table, description,
                                          4326 if data_type == "features" else None))


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float | np.floating):
        return None if not np.isfinite(v) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, datetime):
        return format_time(v)   # the GeoPackage's own form, as GDAL and QGIS read it
    return v


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    data = {c: (frame[c].astype(object).tolist() if c in frame.columns else [None] * len(frame)) for c in columns}
    return [tuple(_value(data[c][i]) for c in columns) for i in range(len(frame))]


def save_plan(workspace: Workspace, kind: str, *, title: str, planned_for: datetime | None,
              parameters: dict[str, Any], summary: dict[str, Any], lines: gpd.GeoDataFrame | pd.DataFrame,
              outcomes: pd.DataFrame) -> int:
    """Store a plan, its movement lines and outcomes in one transaction; returns the plan id."""
    from humanops.store import gpkg_geometry

    created = format_time(workspace_now(workspace))  # the workspace clock: a scenario's time in an exercise
    with workspace.transaction() as db:
        _ensure_tables(db)
        cursor = db.execute(
            f"INSERT INTO {PLANS} (kind, title, created, planned_for, parameters, summary) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, title, created, format_time(planned_for) if planned_for else None,
             json.dumps(parameters, default=str), json.dumps(summary, default=str)))
        plan_id = int(cursor.lastrowid)
        names = [n for n, _ in LINE_COLUMNS[1:]]
        geoms = np.asarray(lines.geometry.values if "geometry" in lines else [None] * len(lines), dtype=object)
        blobs = gpkg_geometry.encode_many(geoms) if len(geoms) else []
        rows = [(b, plan_id, *r) for b, r in zip(blobs, _rows(lines, names), strict=True)]
        db.executemany(f"INSERT INTO {LINES} (geom, plan_id, {', '.join(names)}) "
                       f"VALUES (?, ?, {', '.join('?' * len(names))})", rows)
        if len(geoms):
            valid = geoms[~shapely.is_missing(geoms)]
            if len(valid):
                x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(valid))
                db.execute("UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), min_y = min(coalesce(min_y, "
                           "?), ?), max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?), "
                           "last_change = ? WHERE table_name = ?",
                           (x0, x0, y0, y0, x1, x1, y1, y1, created, LINES))
        names = [n for n, _ in OUTCOME_COLUMNS[1:]]
        db.executemany(f"INSERT INTO {OUTCOMES} (plan_id, {', '.join(names)}) "
                       f"VALUES (?, {', '.join('?' * len(names))})",
                       [(plan_id, *r) for r in _rows(outcomes, names)])
    return plan_id


def list_plans(workspace: Workspace, kind: str | None = None) -> list[dict[str, Any]]:
    db = workspace.connection
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (PLANS,)).fetchone():
        return []
    sql = f"SELECT id, kind, title, created, planned_for, summary FROM {PLANS}"
    rows = db.execute(sql + (" WHERE kind = ?" if kind else "") + " ORDER BY id", (kind,) if kind else ()).fetchall()
    return [{"id": r[0], "kind": r[1], "title": r[2], "created": r[3], "planned_for": r[4],
             "summary": json.loads(r[5]) if r[5] else {}} for r in rows]


def read_plan(workspace: Workspace, plan_id: int) -> tuple[dict[str, Any], gpd.GeoDataFrame, pd.DataFrame]:
    """A saved plan: its row, its lines (GeoDataFrame, EPSG:4326) and its outcomes."""
    import geopandas as gpd

    from humanops.store import gpkg_geometry

    db = workspace.connection
    plans = [p for p in list_plans(workspace) if p["id"] == plan_id]
    if not plans:
        raise AnalysisError(f"no plan {plan_id} in this workspace", file=str(workspace.path))
    names = [n for n, _ in LINE_COLUMNS]
    rows = db.execute(f"SELECT geom, {', '.join(names)} FROM {LINES} WHERE plan_id = ? ORDER BY fid",
                      (plan_id,)).fetchall()
    geoms = gpkg_geometry.decode_many([r[0] for r in rows]) if rows else np.zeros(0, dtype=object)
    lines = gpd.GeoDataFrame(pd.DataFrame([r[1:] for r in rows], columns=names), geometry=geoms, crs=4326)
    names = [n for n, _ in OUTCOME_COLUMNS]
    outcomes = pd.DataFrame(db.execute(f"SELECT {', '.join(names)} FROM {OUTCOMES} WHERE plan_id = ? ORDER BY id",
                                       (plan_id,)).fetchall(), columns=names)
    return plans[0], lines, outcomes


def delete_plan(workspace: Workspace, plan_id: int) -> None:
    with workspace.transaction() as db:
        _ensure_tables(db)
        for table, key in ((LINES, "plan_id"), (OUTCOMES, "plan_id"), (PLANS, "id")):
            db.execute(f"DELETE FROM {table} WHERE {key} = ?", (plan_id,))
