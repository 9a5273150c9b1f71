"""Corridor risk: known answers, the documented score, degenerate inputs, incremental recompute."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest
import shapely
from analysis_cases import frame_of, load_case, read_case

from humanops.analysis import registry
from humanops.analysis.corridor_risk import CorridorRiskCache, compute_corridor_risk, risk_score
from humanops.errors import ValidationError

CASE = read_case("corridor_risk_three_corridors.json")
AT = datetime.fromisoformat(CASE["at"])
NUMERIC = ["length_m", "length_sev1_m", "length_sev2_m", "length_sev3_m", "length_sev4_m", "length_sev5_m",
           "length_in_danger_m", "worst_severity", "zone_count", "facility_count", "risk_score"]


def utm_to_wgs84(wkt: str):
    import geopandas as gpd

    return gpd.GeoSeries([shapely.from_wkt(wkt)], crs=CASE["crs"]).to_crs(4326).iloc[0]


@pytest.fixture
def loaded(workspace):
    names = load_case(workspace, CASE)
    return workspace, names


def test_known_answers(loaded):
    ws, names = loaded
    result = registry.get("corridor_risk")(ws, {"at": CASE["at"], "reach": CASE["reach"]})
    table = result.tables["corridors"].set_index("name")
    zone_names = {u: n for n, u in names["danger_zone"].items()}
    facility_names = {u: n for n, u in names["facility"].items()}
    tolerance = CASE["tolerance_m"]
    for corridor, expected in CASE["expected"].items():
        row = table.loc[corridor]
        for key, value in expected.items():
            if key == "zones":
                assert sorted(zone_names[u] for u in row["zones"]) == value, corridor
            elif key == "facilities":
                assert sorted(facility_names[u] for u in row["facilities"]) == value, corridor
            elif key.startswith("length"):
                assert row[key] == pytest.approx(value, abs=tolerance), (corridor, key)
            else:
                assert row[key] == value, (corridor, key)
    assert result.summary["corridors_in_danger"] == 2
    # the lengths by severity partition the length in danger
    sums = table[[f"length_sev{s}_m" for s in range(1, 6)]].sum(axis=1)
    assert np.allclose(sums, table["length_in_danger_m"], atol=0.5)
    assert set(result.layer.columns) >= {"name", "risk_score", "geometry"}


def test_risk_score_formula_as_documented():
    length = np.array([10_000.0, 10_000.0, 10_000.0, 0.0])
    by_sev = {s: np.zeros(4) for s in range(1, 6)}
    by_sev[2][:] = [6000, 0, 0, 0]
    by_sev[3][:] = [0, 4000, 0, 0]
    by_sev[5][:] = [0, 0, 10_000, 0]
    worst = np.array([2, 3, 5, 0])
    # 100 * 0.25 * 0.6 = 15 (floor 10); 100 * 0.5 * 0.4 = 20 (floor 25); all severity 5 = 100; nothing = 0
    assert risk_score(length, by_sev, worst).tolist() == [15.0, 25.0, 100.0, 0.0]


def test_no_danger_zones_scores_zero(workspace):
    workspace.add_frame("corridor", frame_of(CASE, "corridor"))
    table = registry.get("corridor_risk")(workspace, {"at": CASE["at"]}).tables["corridors"]
    assert len(table) == 3
    assert (table["risk_score"] == 0).all()
    assert (table["length_in_danger_m"] == 0).all()
    assert (table["worst_severity"] == 0).all()


def test_no_corridors_gives_an_empty_table(workspace):
    workspace.add_frame("danger_zone", frame_of(CASE, "danger_zone"))
    result = registry.get("corridor_risk")(workspace, {"at": CASE["at"]})
    assert result.tables["corridors"].empty
    assert result.summary["corridors"] == 0
    assert result.summary["max_risk_score"] == 0.0


def test_empty_frames_give_an_empty_table():
    import geopandas as gpd

    empty = gpd.GeoDataFrame(geometry=[], crs=4326)
    assert compute_corridor_risk(empty, empty, empty).empty


def test_zero_width_corridor_is_refused_by_the_kind(workspace, snapshot):
    before = snapshot(workspace.path)
    line = utm_to_wgs84("LINESTRING (500000 3700000, 510000 3700000)")
    with pytest.raises(ValidationError, match="width_m"):
        workspace.add_feature("corridor", line, {"name": "thin", "status": "open", "width_m": 0})
    assert snapshot(workspace.path) == before


def _full(ws) -> pd.DataFrame:
    table = registry.get("corridor_risk")(ws, {"at": CASE["at"], "reach": CASE["reach"]}).tables["corridors"]
    return table.set_index("uuid").sort_index()


def _assert_same(cache: CorridorRiskCache, ws) -> None:
    full = _full(ws)
    cached = cache.results.set_index("uuid").sort_index()
    assert list(cached.index) == list(full.index)
    assert np.allclose(cached[NUMERIC].to_numpy(float), full[NUMERIC].to_numpy(float))
    assert [sorted(z) for z in cached["zones"]] == [sorted(z) for z in full["zones"]]
    assert [sorted(f) for f in cached["facilities"]] == [sorted(f) for f in full["facilities"]]


def test_incremental_recompute_touches_only_affected_corridors(loaded):
    ws, names = loaded
    a, b, c = (names["corridor"][n] for n in "ABC")
    cache = CorridorRiskCache(ws, at=AT, reach_m=CASE["reach"])
    assert cache.last_recomputed == {a, b, c}
    seen: list[set[str]] = []
    cache.on_update(seen.append)

    # a new severity-5 zone across corridor C only
    new_zone = ws.add_feature("danger_zone", utm_to_wgs84(
        "POLYGON ((504000 3719500, 505000 3719500, 505000 3720500, 504000 3720500, 504000 3719500))"),
        {"name": "Z6", "hazard": "shelling", "severity": 5})
    assert cache.last_recomputed == {c}
    assert cache.results.set_index("name").loc["C", "worst_severity"] == 5
    _assert_same(cache, ws)

    # moving it from C to B recomputes both (old and new place), nothing else
    ws.update_feature("danger_zone", new_zone.uuid, geometry=utm_to_wgs84(
        "POLYGON ((504000 3709500, 505000 3709500, 505000 3710500, 504000 3710500, 504000 3709500))"))
    assert cache.last_recomputed == {b, c}
    assert cache.results.set_index("name").loc["C", "worst_severity"] == 0
    _assert_same(cache, ws)

    # a severity change of a zone near A only
    ws.update_feature("danger_zone", names["danger_zone"]["Z3"], properties={"severity": 4})
    assert cache.last_recomputed == {a}
    _assert_same(cache, ws)

    # deleting the zone recomputes only where it was
    ws.delete_feature("danger_zone", new_zone.uuid)
    assert cache.last_recomputed == {b}
    _assert_same(cache, ws)

    # a zone far from every corridor recomputes nothing
    ws.add_feature("danger_zone", utm_to_wgs84(
        "POLYGON ((560000 3760000, 561000 3760000, 561000 3761000, 560000 3761000, 560000 3760000))"),
        {"name": "far", "hazard": "flood", "severity": 5})
    assert cache.last_recomputed == set()

    # a facility moved within C's reach, a corridor edit, a new corridor, a deleted corridor
    ws.update_feature("facility", names["facility"]["F2 beyond reach of C"],
                      geometry=utm_to_wgs84("POINT (506000 3720500)"))
    assert cache.last_recomputed == {c}
    ws.update_feature("corridor", a, properties={"width_m": 2000})
    assert cache.last_recomputed == {a}
    added = ws.add_feature("corridor", utm_to_wgs84("LINESTRING (502500 3698000, 502500 3702000)"),
                           {"name": "D", "status": "proposed", "width_m": 100})
    assert cache.last_recomputed == {added.uuid}
    ws.delete_feature("corridor", b)
    assert cache.last_recomputed == {b}
    assert b not in set(cache.results["uuid"])
    _assert_same(cache, ws)

    # other layers do not concern corridor risk
    ws.add_feature("need", utm_to_wgs84("POINT (505000 3700000)"), {"name": "v", "population": 10})
    assert cache.last_recomputed == {b}  # unchanged: no recompute happened
    assert len(seen) == 8  # the far zone notified nobody
    cache.close()
    ws.delete_feature("corridor", a)
    assert a in set(cache.results["uuid"])  # no longer subscribed
