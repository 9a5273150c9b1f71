"""Exposure over time: exposure's counting rule at each moment, with only the zones valid then."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import geopandas as gpd
from shapely.geometry import Point, box

from humanops.analysis.exposure_series import compute_exposure_series, moments


def _day(d: int) -> datetime:
    return datetime(2026, 11, d, tzinfo=UTC)


def test_people_counted_once_at_the_worst_severity_valid_then():
    needs = gpd.GeoDataFrame({"population": [100, 20, 3]},
                             geometry=[Point(0.5, 0.5), Point(1.5, 0.5), Point(5, 5)], crs=4326)
    zones = gpd.GeoDataFrame({
        "hazard": ["shelling", "flood", "shelling"],
        "severity": [3, 2, 5],
        "valid_from": ["2026-11-02T00:00:00.000Z", None, "2026-11-03T00:00:00.000Z"],
        "valid_until": ["2026-11-04T00:00:00.000Z", "2026-11-03T00:00:00.000Z", None],
    }, geometry=[box(0, 0, 2, 1), box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=4326)
    series = compute_exposure_series(needs, zones, [_day(1), _day(2), _day(3), _day(5)])
    # day 1: only the flood (open start) over the first village; day 2: shelling 3 over both, flood too;
    # day 3: shelling 5 over the second village, shelling 3 still over both; day 5: shelling 5 only
    assert series.by_severity == {2: [100, 0, 0, 0], 3: [0, 120, 100, 0], 5: [0, 0, 20, 20]}
    assert series.by_hazard == {"flood": [100, 100, 100, 0], "shelling": [0, 120, 120, 20]}
    assert [series.total(i) for i in range(4)] == [100, 120, 120, 20]


def test_moments_are_days_or_wider_steps_for_a_long_range():
    days = moments(datetime(2026, 11, 1, 15, tzinfo=UTC), datetime(2026, 11, 4, 1, tzinfo=UTC))
    assert days == [_day(1), _day(2), _day(3), _day(4), _day(5)]
    years = moments(datetime(2020, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC), most=60)
    assert len(years) <= 60 and years[-1] >= datetime(2030, 1, 1, tzinfo=UTC)
    assert len({b - a for a, b in pairwise(years)}) == 1
