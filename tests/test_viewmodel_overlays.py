"""How results look on the map (humanops.viewmodel.result_overlays), without Qt: styles, the words
drawn through the translation hook, and a result that cannot be drawn losing only its overlays."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from loaded_modules import loaded_after

from humanops.analysis.registry import OperationResult
from humanops.viewmodel.overlay_looks import FILL, LABEL, SIZE, STROKE, WIDTH, OverlayLook
from humanops.viewmodel.result_overlays import (
    LEGENDS,
    NOT_SERVED,
    PREFIX,
    SEVERITY_COLOURS,
    Words,
    overlays_for,
    plan_overlays,
    risk_colour,
)


class Places:
    """A workspace that holds only what the overlays read back: facilities' and needs' names and points."""

    def __init__(self, layers: dict[str, dict[str, tuple[str, Any]]]) -> None:
        self.layers = layers
        self.reads: list[str] = []

    def read_layer(self, layer: str, columns: list[str]) -> gpd.GeoDataFrame:
        self.reads.append(layer)
        rows = self.layers.get(layer, {})
        return gpd.GeoDataFrame({"uuid": list(rows), "name": [name for name, _ in rows.values()]},
                                geometry=[geometry for _, geometry in rows.values()], crs=4326)


def corridors(scores: list[float]) -> gpd.GeoDataFrame:
    lines = [shapely.LineString([(36.0 + i, 35.0), (36.5 + i, 35.5)]) for i in range(len(scores))]
    return gpd.GeoDataFrame({"name": [f"C{i}" for i in range(len(scores))], "risk_score": scores},
                            geometry=lines, crs=4326)


def test_corridor_risk_is_coloured_by_score_and_labelled_through_the_words_given() -> None:
    result = OperationResult("corridor_risk", layer=corridors([80.0, 10.0, 30.4]))
    french = Words(translate=lambda context, text: "{name} : risque {score}" if context == "result_overlays" else text,
                   number=lambda value: f"<{value}>")
    out = overlays_for(Places({}), "corridor_risk", {}, result, french)
    lines, look = out[PREFIX + "corridor risk"]
    assert isinstance(look, OverlayLook)
    assert list(lines[STROKE]) == [risk_colour(10), risk_colour(30.4), risk_colour(80)]  # lowest drawn first
    assert [risk_colour(s) for s in (10, 30, 60, 90)] == ["#2b8a3e", "#e0b000", "#e8590c", NOT_SERVED]
    labels, _ = out[PREFIX + "corridor risk labels"]
    assert list(labels[LABEL]) == ["C1 : risque <10>", "C2 : risque <30>", "C0 : risque <80>"]
    assert labels.geometry.iloc[0].equals(shapely.Point(37.25, 35.25))  # at the middle of its line


def test_without_words_the_labels_stay_in_english() -> None:
    out = overlays_for(Places({}), "corridor_risk", {}, OperationResult("corridor_risk", layer=corridors([42.0])))
    assert list(out[PREFIX + "corridor risk labels"][0][LABEL]) == ["C0: risk 42"]


def test_exposed_needs_are_coloured_by_worst_severity_and_sized_by_population() -> None:
    layer = gpd.GeoDataFrame({"max_severity": [5, 1], "population": [100, 2500]},
                             geometry=[shapely.Point(36, 35), shapely.Point(36.1, 35)], crs=4326)
    out = overlays_for(Places({}), "exposure", {}, OperationResult("exposure", layer=layer))
    frame, look = out[PREFIX + "exposed needs"]
    assert list(frame[FILL]) == [SEVERITY_COLOURS[1], SEVERITY_COLOURS[5]]
    assert list(frame[SIZE]) == [20.0, 8.0 + 12.0 * (100 / 2500) ** 0.5]
    assert look.width == 1.2


def test_an_evacuation_plan_draws_shelters_by_fill_and_people_not_served_as_red_rings() -> None:
    places = Places({"facility": {"s1": ("School", shapely.Point(36.2, 35.1)),
                                  "s2": ("Hall", shapely.Point(36.3, 35.1))},
                     "need": {"n1": ("Camp", shapely.Point(36.0, 35.0)),
                              "n2": ("Village", shapely.Point(36.1, 35.0))}})
    lines = gpd.GeoDataFrame({"from_uuid": ["n1"], "to_uuid": ["s1"], "quantity": [120]},
                             geometry=[shapely.LineString([(36.0, 35.0), (36.2, 35.1)])], crs=4326)
    outcomes = pd.DataFrame({"role": ["source", "source", "shelter", "shelter"], "uuid": ["n1", "n2", "s1", "s2"],
                             "demand": [120, 40, 0, 0], "served": [120, 0, 120, 0], "ratio": [0, 0, 0.6, 0],
                             "reason": ["", "no capacity", "", ""]})
    out = plan_overlays(places, {"kind": "evacuation"}, lines, outcomes,
                        Words(percent=lambda fraction: f"{round(fraction * 100)} pc"))
    assert set(out) == {PREFIX + name for name in ("movements", "shelters", "sources served", "sources not served")}
    shelters = out[PREFIX + "shelters"][0]  # s1, s2 (as the workspace lists them)
    assert list(shelters[LABEL]) == ["60 pc full", "0 pc full"]
    assert shelters[FILL].iloc[1] == "#bbbbbb" and list(shelters[SIZE]) == [15.0, 10.0]  # the unused one grey
    rings = out[PREFIX + "sources not served"][0]
    assert list(rings[STROKE]) == [NOT_SERVED] and rings.geometry.iloc[0].equals(shapely.Point(36.1, 35.0))
    movement = out[PREFIX + "movements"][0]
    assert movement[STROKE].iloc[0] == shelters[FILL].iloc[0]  # coloured by its shelter
    assert movement[WIDTH].iloc[0] == 7.0


def test_an_aid_plan_marks_the_needs_no_warehouse_reaches() -> None:
    places = Places({"facility": {"w1": ("Depot", shapely.Point(36.2, 35.1))},
                     "need": {"n9": ("Far camp", shapely.Point(36.9, 35.9))}})
    lines = gpd.GeoDataFrame({"from_uuid": ["w1", "w1"], "to_uuid": ["n1", "n2"], "item": ["water", "water"],
                              "quantity": [300, 100]},
                             geometry=[shapely.LineString([(36.2, 35.1), (36.0, 35.0)])] * 2, crs=4326)
    outcomes = pd.DataFrame({"role": ["need"], "uuid": ["n9"], "reason": ["unreachable"]})
    out = plan_overlays(places, {"kind": "aid"}, lines, outcomes)
    assert set(out) == {PREFIX + "shipments", PREFIX + "warehouses", PREFIX + "needs unreachable"}
    assert list(out[PREFIX + "shipments"][0][WIDTH]) == pytest.approx([1.2 + 5.8 * (1 / 3) ** 0.5, 7.0])  # by share


def test_a_result_that_cannot_be_drawn_keeps_its_tables_and_loses_only_its_overlays() -> None:
    broken = gpd.GeoDataFrame({"name": ["C0"]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=4326)
    assert overlays_for(Places({}), "corridor_risk", {}, OperationResult("corridor_risk", layer=broken)) == {}
    assert overlays_for(Places({}), "triggers", {}, OperationResult("triggers")) == {}  # nothing to draw


def test_every_drawn_result_has_a_legend() -> None:
    assert {"route", "plan_evacuation", "plan_aid", "exposure", "corridor_risk", "saved_evacuation",
            "saved_aid"} <= set(LEGENDS)


def test_the_module_loads_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel.result_overlays")
    assert not bad, bad
