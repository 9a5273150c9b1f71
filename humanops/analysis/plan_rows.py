"""The rows the planners (:mod:`~humanops.analysis.evacuation`, :mod:`~humanops.analysis.aid_allocation`)
read and write, built one way for both: numbers, texts and places read from a layer's frame, the
severity phase of a need, the movement rows of a plan (from one feature to another, with their road),
and the rows a plan is saved as (:func:`humanops.analysis.plans.save_plan`: its lines and outcomes).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.store.workspace import Workspace


# --------------------------------------------------------------------------- reading a layer's frame


def numbers(frame: pd.DataFrame, column: str, default: float = 0) -> np.ndarray:
    """``column`` as floats, ``default`` where missing or not a number (or the whole column is absent)."""
    if column not in frame.columns:
        return np.full(len(frame), default, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").fillna(default).to_numpy(dtype=float)


def texts(frame: pd.DataFrame, column: str) -> np.ndarray:
    """``column`` as strings, ``""`` where missing."""
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str).to_numpy(dtype=object)


def lonlat(frame: gpd.GeoDataFrame) -> np.ndarray:
    """One (lon, lat) a feature: the point itself, or a point on the surface of an area or line."""
    if not len(frame):
        return np.zeros((0, 2))
    geoms = np.asarray(frame.geometry.values, dtype=object)
    points = np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.point_on_surface(geoms))
    return shapely.get_coordinates(points)


def severity_phases(frame: pd.DataFrame, default: int) -> np.ndarray:
    """Each need's ``severity_phase`` (1 to 5, the priority); ``default`` where missing or out of range."""
    phase = numbers(frame, "severity_phase", default)
    return np.where((phase >= 1) & (phase <= 5), phase, default).astype(np.int64)


# --------------------------------------------------------------------------- a plan's movements


def movement_rows(origin: str, origins: pd.DataFrame, origin_idx: np.ndarray, destination: str,
                  destinations: pd.DataFrame, destination_idx: np.ndarray, columns: dict[str, Any],
                  geometries: np.ndarray) -> gpd.GeoDataFrame:
    """A row a movement: ``<origin>_uuid``, ``<origin>_name``, ``<destination>_uuid``,
    ``<destination>_name`` of the features at those indices, then ``columns``, along its road."""
    import geopandas as gpd

    return gpd.GeoDataFrame({
        f"{origin}_uuid": texts(origins, "uuid")[origin_idx], f"{origin}_name": texts(origins, "name")[origin_idx],
        f"{destination}_uuid": texts(destinations, "uuid")[destination_idx],
        f"{destination}_name": texts(destinations, "name")[destination_idx], **columns,
    }, geometry=gpd.GeoSeries(geometries, crs=4326))


# --------------------------------------------------------------------------- a plan saved


def plan_lines(movements: gpd.GeoDataFrame, kind: str, origin: str, destination: str, *,
               renamed: dict[str, str] | None = None, **constants: Any) -> gpd.GeoDataFrame:
    """The movements as the plan's saved lines: ``from_*`` / ``to_*`` instead of the origin's and
    destination's names, ``renamed`` columns, ``kind`` and ``constants`` (e.g. ``item``) on every row."""
    lines = movements.rename(columns={f"{origin}_uuid": "from_uuid", f"{origin}_name": "from_name",
                                      f"{destination}_uuid": "to_uuid", f"{destination}_name": "to_name",
                                      **(renamed or {})})
    lines["kind"] = kind
    for column, value in constants.items():
        lines[column] = value
    return lines


def outcome_rows(role: str, uuid: Any, name: Any, item: Any, demand: Any, served: Any, ratio: Any, reason: Any = "",
                 detail: Any = "") -> pd.DataFrame:
    """The saved outcome of each feature of one role (source, shelter, need, warehouse)."""
    return pd.DataFrame({"role": role, "uuid": uuid, "name": name, "item": item, "demand": demand, "served": served,
                         "ratio": ratio, "reason": reason, "detail": detail})


def save_plan_rows(workspace: Workspace, kind: str, title: str, at: datetime, parameters: dict[str, Any],
                   summary: dict[str, Any], lines: gpd.GeoDataFrame, outcomes: list[pd.DataFrame]) -> int:
    """Save the plan (``title`` with the time it plans for), its lines and its outcomes; the plan id,
    also written into ``summary``."""
    from humanops.analysis.plans import save_plan

    plan_id = save_plan(workspace, kind, title=f"{title} {at:%Y-%m-%d %H:%M}", planned_for=at, parameters=parameters,
                        summary=summary, lines=lines, outcomes=pd.concat(outcomes, ignore_index=True))
    summary["plan_id"] = plan_id
    return plan_id
