"""Exposure over time: the people in the danger zones valid at each of a series of moments.

The counting rule is exposure's (:mod:`humanops.analysis.exposure`): overall a person counts once,
at the highest severity of the zones valid then that reach them; per hazard a person counts once
within that hazard. Needs have no validity window: what changes over time is which zones are valid
(a zone is valid at ``t`` when its start is at or before ``t`` and its end at or after it, a missing
bound being open, as the store's time filter reads it).

Cheap for a daily series: the (need, zone) pairs are found once for every zone (one STRtree
query, :func:`~humanops.analysis.exposure.pairs_within`); each moment then only masks the pairs
whose zone is valid and aggregates with numpy, never a spatial query per moment.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from humanops.analysis.exposure import NEED_LAYER, ZONE_LAYER, _numeric, _text, max_per_key, pairs_within
from humanops.analysis.layer_reader import read_features
from humanops.feedback import Feedback

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.store.workspace import Workspace

MAX_MOMENTS = 60  # a long range is shown in wider steps, never more points than this
DEFAULT_SPAN = timedelta(days=30)  # without dated zones: the last month up to now
SEVERITIES = (1, 2, 3, 4, 5)


@dataclass
class ExposureSeries:
    """People exposed at each moment of ``times``: by worst severity (the bands add up to the
    people exposed) and by hazard (a person exposed to two hazards is under both)."""

    times: list[datetime]
    by_severity: dict[int, list[float]] = field(default_factory=dict)
    by_hazard: dict[str, list[float]] = field(default_factory=dict)

    def total(self, i: int) -> float:
        return sum(values[i] for values in self.by_severity.values())


def moments(start: datetime, end: datetime, *, most: int = MAX_MOMENTS) -> list[datetime]:
    """Midnights (UTC) from the day of ``start`` to the first at or after ``end``, a day apart, or
    a whole number of days apart when there would be more than ``most``."""
    first = datetime(start.year, start.month, start.day, tzinfo=UTC)
    days = max(1, math.ceil((end - first) / timedelta(days=1)))
    step = max(1, math.ceil(days / (most - 1)))
    return [first + timedelta(days=step * i) for i in range(math.ceil(days / step) + 1)]


def series_moments(workspace: Workspace, now: datetime, layer: str = ZONE_LAYER) -> list[datetime]:
    """The moments of the dashboard's series: the zones' time range, widened to include ``now``."""
    found = workspace.time_range(layer) if layer in workspace.catalog else None
    start, end = found if found is not None else (now - DEFAULT_SPAN, now)
    return moments(min(start, now), max(end, now))


def _instants(values: pd.Series, missing: float) -> np.ndarray:
    """Datetimes as seconds since the epoch (UTC), a missing or unreadable one as ``missing``."""
    stamps = pd.to_datetime(values, utc=True, errors="coerce", format="ISO8601")
    seconds = (stamps - pd.Timestamp(0, tz="UTC")).dt.total_seconds().to_numpy(dtype=float)
    return np.where(np.isnan(seconds), missing, seconds)


def compute_exposure_series(needs: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, times: Sequence[datetime], *,
                            measure: str = "population", start_field: str = "valid_from",
                            end_field: str = "valid_until", feedback: Feedback | None = None) -> ExposureSeries:
    """``measure`` of ``needs`` exposed to the ``zones`` valid at each of ``times`` (EPSG:4326)."""
    feedback = feedback or Feedback()
    series = ExposureSeries(list(times))
    n_times = len(series.times)
    severity = pd.to_numeric(zones["severity"], errors="coerce").fillna(0).to_numpy(dtype=np.int64) \
        if len(zones) else np.zeros(0, dtype=np.int64)
    hazard_codes, hazard_names = pd.factorize(pd.Series(_text(zones, "hazard"), dtype=object), sort=True)
    starts = _instants(zones[start_field], -math.inf) if start_field in zones.columns else np.full(len(zones),
                                                                                                    -math.inf)
    ends = _instants(zones[end_field], math.inf) if end_field in zones.columns else np.full(len(zones), math.inf)
    point_idx, zone_idx = pairs_within(np.asarray(needs.geometry.values, dtype=object),
                                       np.asarray(zones.geometry.values, dtype=object),
                                       feedback=feedback.step(0.0, 0.7))
    people = _numeric(needs, measure)
    width = max(len(hazard_names), 1)
    by_severity = np.zeros((len(SEVERITIES), n_times))
    by_hazard = np.zeros((width, n_times))
    pair_sev, pair_hazard = severity[zone_idx], hazard_codes[zone_idx]
    for i, moment in enumerate(series.times):
        feedback.check()
        t = moment.timestamp()
        live = (starts[zone_idx] <= t) & (ends[zone_idx] >= t) & (pair_sev >= 1)
        points, sev, hazard = point_idx[live], pair_sev[live], pair_hazard[live]
        exposed, worst = max_per_key(points, sev)
        by_severity[:, i] = np.bincount(np.clip(worst, 1, 5) - 1, weights=people[exposed],
                                        minlength=len(SEVERITIES))[:len(SEVERITIES)]
        pairs = np.unique(points * width + hazard)  # each person once per hazard
        by_hazard[:, i] = np.bincount(pairs % width, weights=people[pairs // width], minlength=width)
    feedback.progress(1.0, "")
    series.by_severity = {s: by_severity[k].tolist() for k, s in enumerate(SEVERITIES) if by_severity[k].any()}
    series.by_hazard = {str(name): by_hazard[k].tolist() for k, name in enumerate(hazard_names)
                        if by_hazard[k].any()}
    return series


def exposure_series_in_workspace(workspace: Workspace, times: Sequence[datetime], *,
                                 feedback: Feedback | None = None) -> ExposureSeries:
    """Read every danger zone (with its validity window) and every need once, then the series."""
    zone_kind = workspace.kind(ZONE_LAYER)
    window = [f for f in (zone_kind.time_start, zone_kind.time_end) if f]
    zones = read_features(workspace, ZONE_LAYER, ["hazard", "severity", *window])
    needs = read_features(workspace, NEED_LAYER, ["population"])
    return compute_exposure_series(needs, zones, times, start_field=zone_kind.time_start or "",
                                   end_field=zone_kind.time_end or "", feedback=feedback)
