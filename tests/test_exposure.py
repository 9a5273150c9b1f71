"""Exposure: known answers from tests/data/analysis, the counting rule, degenerate inputs."""

from __future__ import annotations

from datetime import UTC, datetime

import geopandas as gpd
import numpy as np
import pytest
import shapely
from analysis_cases import frame_of, load_case, read_case

from humanops.analysis import registry
from humanops.analysis.exposure import compute_exposure, pairs_within
from humanops.analysis.projection import to_metric, utm_crs
from humanops.errors import AnalysisError

CASE = read_case("exposure_two_hazards.json")


@pytest.fixture(scope="module")
def case_workspace(tmp_path_factory):
    """One workspace for the read-only analyses of this module (creating one takes a moment)."""
    from humanops.store.workspace import Workspace

    ws = Workspace.create(tmp_path_factory.mktemp("exposure") / "case.gpkg", organisation="ocha")
    load_case(ws, CASE)
    yield ws
    ws.close()


@pytest.mark.parametrize("run", CASE["runs"], ids=lambda r: ",".join(f"{k}={v}" for k, v in r["params"].items()))
def test_known_answers(case_workspace, run):
    result = registry.get("exposure")(case_workspace, {"at": CASE["at"], **run["params"]})
    table = result.tables["exposure"]
    rows = table.to_dict(orient="records")
    assert len(rows) == len(run["table"]), table
    for got, want in zip(rows, run["table"], strict=True):
        for key, value in want.items():
            assert got[key] == value, (key, got, want)
    for key, value in run.get("summary", {}).items():
        if isinstance(value, dict):
            assert {str(k): v for k, v in result.summary[key].items()} == value
        else:
            assert result.summary[key] == value, key


def test_a_person_counts_once_per_hazard_and_once_overall(case_workspace):
    """Village B is inside a severity-3 and a severity-5 shelling zone: counted once, at 5."""
    result = registry.get("exposure")(case_workspace, {"at": CASE["at"], "by": "hazard,severity"})
    shelling = result.tables["exposure"].query("hazard == 'shelling'")
    assert shelling["population"].sum() == 600  # A, B, C: each once
    overall = result.tables["overall"]
    assert overall["population"].sum() == result.summary["population_exposed"] == 600
    exposed = result.layer.set_index("name")
    assert exposed.loc["Village B", "max_severity"] == 5
    assert exposed.loc["Village B", "zones"] == 2
    assert exposed.loc["Village A", "max_severity"] == 3  # flood 2 and shelling 3


def test_zones_not_valid_at_the_time_are_ignored(case_workspace):
    before_expiry = registry.get("exposure")(case_workspace, {"at": "2025-12-01T00:00:00Z"})
    # the old airstrike zone (30 km wide, severity 5) was still valid: everyone is exposed
    assert before_expiry.summary["needs_exposed"] == 5
    assert before_expiry.summary["population_by_severity"] == {5: 1500}


def test_no_danger_zones_gives_an_empty_result(workspace):
    workspace.add_frame("need", frame_of(CASE, "need"))
    result = registry.get("exposure")(workspace, {"by": "hazard,severity,admin_code", "distance": 500})
    assert result.summary["needs_exposed"] == 0
    assert result.summary["population_exposed"] == 0
    assert result.tables["exposure"].empty
    assert list(result.tables["exposure"].columns[:3]) == ["hazard", "severity", "admin_code"]
    assert result.layer.empty


def test_empty_workspace_gives_an_empty_result(workspace):
    result = registry.get("exposure")(workspace, {})
    assert result.summary["needs_total"] == 0
    assert result.summary["needs_exposed"] == 0
    assert result.tables["exposure"].empty


def test_no_needs_gives_an_empty_result(workspace):
    workspace.add_frame("danger_zone", frame_of(CASE, "danger_zone"))
    result = registry.get("exposure")(workspace, {"at": CASE["at"]})
    assert result.summary["needs_exposed"] == 0
    assert result.tables["exposure"].empty


@pytest.mark.parametrize(("raw", "parameter"), [
    ({"distance": -1}, "distance"),
    ({"distance": "far"}, "distance"),
    ({"by": "hazard,colour"}, "by"),
    ({"at": "yesterday"}, "at"),
    ({"min_severity": 2.5}, "min_severity"),
    ({"hazards": "meteor"}, "hazards"),
    ({"radius": 5}, "radius"),
])
def test_bad_parameters_are_refused_naming_the_parameter(raw, parameter):
    with pytest.raises(AnalysisError, match=repr(parameter)):
        registry.validate_params(registry.get("exposure"), raw)


def test_distance_matches_exact_metric_distance_on_random_data():
    """The fast path (zones buffered in UTM, points never projected) agrees with GEOS distances
    computed in UTM, except within 0.6 % of the distance from a zone's edge (arc approximation)."""
    rng = np.random.default_rng(7)
    crs = utm_crs(39.0, 33.4)
    centres = shapely.points(rng.uniform(495_000, 505_000, 40), rng.uniform(3_695_000, 3_705_000, 40))
    zones_m = shapely.buffer(centres, rng.uniform(100, 800, 40), quad_segs=6)
    points_m = shapely.points(rng.uniform(494_000, 506_000, 4000), rng.uniform(3_694_000, 3_706_000, 4000))
    to_wgs = gpd.GeoSeries(np.concatenate([zones_m, points_m]), crs=crs).to_crs(4326).values
    zones, points = np.asarray(to_wgs[:40]), np.asarray(to_wgs[40:])
    distance = 750.0
    pi, zi = pairs_within(points, zones, distance, crs=crs)
    fast = set(zip(pi.tolist(), zi.tolist(), strict=True))
    exact_d = shapely.distance(to_metric(points, crs)[:, None], to_metric(zones, crs)[None, :])
    exact = {(int(p), int(z)) for p, z in zip(*np.nonzero(exact_d <= distance), strict=True)}
    ambiguous = {(int(p), int(z)) for p, z in zip(*np.nonzero(np.abs(exact_d - distance) < 0.006 * distance),
                                                  strict=True)}
    assert len(exact) > 100
    assert fast - ambiguous == exact - ambiguous


def test_compute_exposure_refuses_unknown_grouping():
    empty = gpd.GeoDataFrame({"hazard": [], "severity": []}, geometry=[], crs=4326)
    with pytest.raises(AnalysisError, match="colour"):
        compute_exposure(empty, empty, by=("colour",))


def test_operation_describes_its_parameters_for_dialogs():
    op = registry.get("exposure")
    described = {p["name"]: p for p in op.describe()["parameters"]}
    assert described["distance"]["unit"] == "m"
    assert described["distance"]["min"] == 0
    assert described["by"]["choices"] == ["hazard", "severity", "admin_code"]
    assert described["by"]["default"] == ["hazard", "severity"]
    assert "shelling" in described["hazards"]["choices"]


def test_time_parameter_accepts_iso_and_naive_means_utc():
    op = registry.get("exposure")
    params = registry.validate_params(op, {"at": "2026-06-01T12:00:00"})
    assert params["at"] == datetime(2026, 6, 1, 12, tzinfo=UTC)
