"""Evacuation and aid plans saved in the workspace, where the app and QGIS can read and draw them.

Three tables, made on first use through the SQL seam (``store.sql_dialect``), all registered in
``gpkg_contents`` in a GeoPackage (in a team database: tables with comments, the lines a PostGIS
geometry table) so nothing is hidden:

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
from humanops.store.sql_dialect import AppTable, declare

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


TABLES = (
    AppTable(PLANS, "HumanOps: evacuation and aid plans", (
        "id ID", "kind TEXT NOT NULL", "title TEXT", "created DATETIME NOT NULL", "planned_for DATETIME",
        "parameters TEXT", "summary TEXT")),
    AppTable(LINES, "HumanOps: plan movements (who or what goes where, by which road)",
             ("fid ID", *(f"{n} {t}" for n, t in LINE_COLUMNS)), indexes=((f"{LINES}_plan", "plan_id"),),
             geometry="LINESTRING"),
    AppTable(OUTCOMES, "HumanOps: plan outcomes per source, shelter, need and item",
             ("id ID", *(f"{n} {t}" for n, t in OUTCOME_COLUMNS)), indexes=((f"{OUTCOMES}_plan", "plan_id"),)),
)
declare(TABLES)


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
    created = format_time(workspace_now(workspace))  # the workspace clock: a scenario's time in an exercise
    with workspace.transaction():
        db = workspace.sql
        db.ensure_tables(TABLES)
        plan_id = db.insert_id(PLANS, {
            "kind": kind, "title": title, "created": created,
            "planned_for": format_time(planned_for) if planned_for else None,
            "parameters": json.dumps(parameters, default=str), "summary": json.dumps(summary, default=str)})
        names = [n for n, _ in LINE_COLUMNS[1:]]
        geoms = np.asarray(lines.geometry.values if "geometry" in lines else [None] * len(lines), dtype=object)
        blobs = db.geometry_values(geoms)
        rows = [(b, plan_id, *r) for b, r in zip(blobs, _rows(lines, names), strict=True)]
        db.executemany(f"INSERT INTO {LINES} (geom, plan_id, {', '.join(names)}) "
                       f"VALUES ({db.geometry_marker()}, ?, {', '.join('?' * len(names))})", rows)
        if len(geoms):
            valid = geoms[~shapely.is_missing(geoms)]
            if len(valid):
                x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(valid))
                db.note_extent(LINES, (x0, y0, x1, y1), created)
        names = [n for n, _ in OUTCOME_COLUMNS[1:]]
        db.executemany(f"INSERT INTO {OUTCOMES} (plan_id, {', '.join(names)}) "
                       f"VALUES (?, {', '.join('?' * len(names))})",
                       [(plan_id, *r) for r in _rows(outcomes, names)])
    return plan_id


def list_plans(workspace: Workspace, kind: str | None = None) -> list[dict[str, Any]]:
    db = workspace.sql
    if not db.has_table(PLANS):
        return []
    sql = f"SELECT id, kind, title, created, planned_for, summary FROM {PLANS}"
    rows = db.execute(sql + (" WHERE kind = ?" if kind else "") + " ORDER BY id", (kind,) if kind else ()).fetchall()
    return [{"id": r[0], "kind": r[1], "title": r[2], "created": r[3], "planned_for": r[4],
             "summary": json.loads(r[5]) if r[5] else {}} for r in rows]


def read_plan(workspace: Workspace, plan_id: int) -> tuple[dict[str, Any], gpd.GeoDataFrame, pd.DataFrame]:
    """A saved plan: its row, its lines (GeoDataFrame, EPSG:4326) and its outcomes."""
    import geopandas as gpd

    db = workspace.sql
    plans = [p for p in list_plans(workspace) if p["id"] == plan_id]
    if not plans:
        raise AnalysisError(f"no plan {plan_id} in this workspace", file=str(workspace.path))
    names = [n for n, _ in LINE_COLUMNS]
    rows = db.execute(f"SELECT {db.geometry_column()}, {', '.join(names)} FROM {LINES} WHERE plan_id = ? "
                      "ORDER BY fid", (plan_id,)).fetchall()
    geoms = db.decode_geometries([r[0] for r in rows])
    lines = gpd.GeoDataFrame(pd.DataFrame([r[1:] for r in rows], columns=names), geometry=geoms, crs=4326)
    names = [n for n, _ in OUTCOME_COLUMNS]
    outcomes = pd.DataFrame(db.execute(f"SELECT {', '.join(names)} FROM {OUTCOMES} WHERE plan_id = ? ORDER BY id",
                                       (plan_id,)).fetchall(), columns=names)
    return plans[0], lines, outcomes


def delete_plan(workspace: Workspace, plan_id: int) -> None:
    with workspace.transaction():
        db = workspace.sql
        db.ensure_tables(TABLES)
        for table, key in ((LINES, "plan_id"), (OUTCOMES, "plan_id"), (PLANS, "id")):
            db.execute(f"DELETE FROM {table} WHERE {key} = ?", (plan_id,))
