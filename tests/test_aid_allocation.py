"""Aid allocation: the shortage policy (priority first, then proportional, then cheapest) on known answers."""

from __future__ import annotations

from datetime import UTC, datetime

import geopandas as gpd
import numpy as np
import pytest
import shapely
from planning_helpers import load

from humanops.analysis.aid_allocation import Item, Rations, allocate_aid, allocate_aid_in_workspace, load_rations
from humanops.analysis.plans import read_plan
from humanops.analysis.road_graph import RoadGraph
from humanops.errors import AnalysisError

T0 = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
FOOD = Rations((Item("food", "stock_food", "pin_food", 1.0, "rations"),))
TWO = Rations((Item("food", "stock_food", "pin_food", 1.0, "rations"),
               Item("water", "stock_water", "pin_water", 10.0, "litres")))


def places(kind: str, **columns) -> gpd.GeoDataFrame:
    n = len(next(iter(columns.values())))
    return gpd.GeoDataFrame({"uuid": [f"{kind}{i}" for i in range(n)], "name": [f"{kind} {i}" for i in range(n)],
                             **columns}, geometry=[shapely.Point(30 + i * 0.01, 0.5) for i in range(n)], crs=4326)


def delivered(plan, item="food") -> dict[str, int]:
    cov = plan.coverage[plan.coverage["item"] == item]
    return dict(zip(cov["need_name"], cov["delivered"], strict=True))


def test_shortage_serves_priority_first_then_proportionally():
    warehouses = places("w", stock_food=[100])
    needs = places("n", pin_food=[50, 30, 40, 10, 25], severity_phase=[5, 5, 4, 4, 3])
    cost = np.array([[10.0, 20.0, 5.0, 80.0, 1.0]])
    plan = allocate_aid(None, warehouses, needs, rations=FOOD, cost=cost, at=T0)
    # phase 5 fully (80); the 20 left shared by phase 4 at the same ratio (40% of 40 and of 10); phase 3 nothing
    assert delivered(plan) == {"n 0": 50, "n 1": 30, "n 2": 16, "n 3": 4, "n 4": 0}
    cov = plan.coverage.set_index("need_name")
    assert cov.loc["n 2", "coverage"] == pytest.approx(cov.loc["n 3", "coverage"])
    assert cov.loc["n 4", "reason"] == "shortage" and cov.loc["n 0", "reason"] == ""
    assert plan.summary["coverage_by_phase"] == {3: 0.0, 4: 0.4, 5: 1.0}
    assert plan.stocks["remaining"].tolist() == [0]


def test_priority_is_never_traded_for_a_shorter_trip():
    warehouses = places("w", stock_food=[30])
    needs = places("n", pin_food=[30, 30], severity_phase=[5, 4])
    plan = allocate_aid(None, warehouses, needs, rations=FOOD, cost=np.array([[5000.0, 1.0]]), at=T0)
    assert delivered(plan) == {"n 0": 30, "n 1": 0}


def test_without_shortage_each_need_gets_its_nearest_stock():
    warehouses = places("w", stock_food=[100, 100])
    needs = places("n", pin_food=[60, 60], severity_phase=[3, 3])
    cost = np.array([[1.0, 9.0], [9.0, 1.0]])
    plan = allocate_aid(None, warehouses, needs, rations=FOOD, cost=cost, at=T0)
    ships = {(r.warehouse_name, r.need_name): r.quantity for r in plan.shipments.itertuples()}
    assert ships == {("w 0", "n 0"): 60, ("w 1", "n 1"): 60}


def test_a_need_only_an_emptied_warehouse_reaches_does_not_stop_the_others():
    # w0 (10) is the only one reaching n0; w1 (100) reaches n1 and n2, all phase 4, demand 50 each
    warehouses = places("w", stock_food=[10, 100])
    needs = places("n", pin_food=[50, 50, 50], severity_phase=[4, 4, 4])
    inf = np.inf
    cost = np.array([[1.0, inf, inf], [inf, 1.0, 1.0]])
    plan = allocate_aid(None, warehouses, needs, rations=FOOD, cost=cost, at=T0)
    got = delivered(plan)
    assert got["n 0"] == 10 and got["n 1"] + got["n 2"] == 100 and abs(got["n 1"] - got["n 2"]) <= 1


def test_unreachable_and_no_stock_are_reported_per_item():
    warehouses = places("w", stock_food=[100], stock_water=[0])
    needs = places("n", pin_food=[10, 10], pin_water=[5, 5], severity_phase=[3, 3])
    plan = allocate_aid(None, warehouses, needs, rations=TWO, cost=np.array([[1.0, np.inf]]), at=T0)
    reasons = {(r.need_name, r.item): r.reason for r in plan.coverage.itertuples()}
    assert reasons[("n 0", "food")] == "" and reasons[("n 1", "food")] == "unreachable"
    assert reasons[("n 0", "water")] == "no stock in reach"
    assert plan.summary["unreachable_needs"] == 1
    assert plan.summary["items"]["water"]["demand"] == 100   # 10 litres a person


def test_degenerate_inputs_give_empty_plans_not_exceptions():
    none = allocate_aid(None, places("w", stock_food=[5])[:0], places("n", pin_food=[5]), rations=FOOD,
                        cost=np.zeros((0, 1)), at=T0)
    assert none.summary["shipments"] == 0 and none.coverage["reason"].tolist() == ["unreachable"]
    empty = RoadGraph.from_frame(gpd.GeoDataFrame({"road_class": []}, geometry=gpd.GeoSeries([], crs=4326)))
    plan = allocate_aid(empty, places("w", stock_food=[5]), places("n", pin_food=[5]), rations=FOOD, at=T0)
    assert plan.summary["shipments"] == 0 and any("road layer is empty" in w for w in plan.summary["warnings"])


def test_allocation_on_the_ladder_is_saved_with_routes(workspace):
    load(workspace, "ladder_roads.geojson", "ladder_facilities.geojson", "ladder_needs.geojson")
    plan = allocate_aid_in_workspace(workspace, at=T0, rations=FOOD)
    # Warehouse A holds 100 rations; Village A needs 50 (phase 4) and Village F 30 (phase 3): both served
    assert delivered(plan) == {"Village A": 50, "Village F": 30}
    assert plan.shipments.geometry.notna().all()
    saved, lines, outcomes = read_plan(workspace, plan.plan_id)
    assert saved["kind"] == "aid" and sorted(lines["quantity"]) == [30, 50]
    assert set(outcomes["role"]) == {"need", "warehouse"}
    assert "Aid allocation" in plan.text()


def test_rations_file_is_checked(tmp_path):
    assert {it.name for it in load_rations().items} >= {"food", "water", "shelter"}
    bad = tmp_path / "rations.toml"
    bad.write_text('[items.food]\nstock_field = "stock_flour"\nneed_field = "pin_food"\nper_person = 1\n')
    with pytest.raises(AnalysisError, match="item 'food': stock_field 'stock_flour'") as info:
        load_rations(bad)
    assert str(bad) in str(info.value)
