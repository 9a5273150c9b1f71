"""How each result looks on the map: overlay frames with per-row style columns (``overlay_looks``;
the canvas draws them with ``ui/canvas/overlay_layers.py``). Qt-free.

Built in the worker thread, from the result and the worker's own workspace connection (for the
locations a result names only by uuid: shelters, warehouses, unserved sources). The few words
drawn on the map (a shelter's fill, a corridor's risk) are translated and their numbers
formatted through :class:`Words`, which the app gives with Qt's translations and the UI's
locale (``ui/planning/runner.py``); without it they stay in English, formatted by Babel.

* route: the best route thick and dark, alternatives thinner and dimmer under it; the two places
  as A (green) and B (red).
* evacuation: movements along their roads coloured by shelter, wider for more people; shelters
  in their colour, labelled with their fill (the facility layer labels their names); sources
  served as small dots in their main shelter's colour, sources with people not served as red rings.
* aid: shipments per warehouse and need, coloured by warehouse, wider for more goods (each item
  weighed by its share of that item's total, so litres and kits add up); unreachable needs as red rings.
* exposure: the exposed needs, coloured by the worst severity reaching them, sized by population.
* corridor risk: corridors coloured by risk score, labelled with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from humanops import locale_format
from humanops.i18n_marks import QT_TRANSLATE_NOOP
from humanops.viewmodel.overlay_looks import FILL, LABEL, OPACITY, SIZE, STROKE, WIDTH, OverlayLook

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.analysis.registry import OperationResult
    from humanops.store.workspace import Workspace

log = logging.getLogger(__name__)
Overlays = dict[str, tuple["gpd.GeoDataFrame", OverlayLook]]
PREFIX = "result:"
# Distinct colours for shelters and warehouses; none of them the red of "not served".
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#bcbd22",
           "#393b79", "#637939", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363")
NOT_SERVED = "#c0102a"
SEVERITY_COLOURS = {1: "#ffe066", 2: "#ffc233", 3: "#f59f00", 4: "#e8590c", 5: "#c0102a"}
CONTEXT = "result_overlays"  # the translation context of the texts here


def _as_is(_context: str, text: str) -> str:
    return text


@dataclass(frozen=True)
class Words:
    """The translation and number formats of the words drawn on the map: ``translate(context,
    text)`` (Qt's translate in the app) and the formats of a number and of a fraction as a
    percentage."""

    translate: Callable[[str, str], str] = _as_is
    number: Callable[[float], str] = locale_format.format_number
    percent: Callable[[float], str] = locale_format.format_percent


PLAIN = Words()
FULL = QT_TRANSLATE_NOOP("result_overlays", "{percent} full")
RISK = QT_TRANSLATE_NOOP("result_overlays", "{name}: risk {score}")


def _frame(rows: dict[str, Any], geometry: Any) -> gpd.GeoDataFrame:
    """Style columns (arrays, or scalars for every row) and geometries, positionally aligned."""
    import geopandas as gpd

    geoms = np.asarray(geometry, dtype=object)
    data = {k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in rows.items()}
    return gpd.GeoDataFrame(data, geometry=geoms, index=pd.RangeIndex(len(geoms)), crs=4326)


def _scaled(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """``low..high`` by the square root of ``values`` (areas and widths read as quantities that way)."""
    values = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0).clip(min=0)
    top = values.max(initial=0)
    return np.full(len(values), low) if top <= 0 else low + (high - low) * np.sqrt(values / top)


def _colours(keys: pd.Series) -> dict[Any, str]:
    """A stable colour per distinct key (in sorted order)."""
    distinct = sorted({str(k) for k in keys.dropna()})
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(distinct)}


def _locations(workspace: Workspace, layer: str, uuids: Any) -> gpd.GeoDataFrame:
    """``uuid``, ``name`` and a point for each of ``uuids`` in ``layer`` (missing ones left out)."""
    uuids = sorted({str(u) for u in uuids if u is not None and u == u})
    if not uuids:
        return _frame({"uuid": [], "name": []}, [])
    frame = workspace.read_layer(layer, columns=["uuid", "name"])
    frame = frame[frame["uuid"].astype(str).isin(uuids)].copy()
    geoms = np.asarray(frame.geometry.values, dtype=object)
    if len(geoms):
        frame = frame.set_geometry(np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.point_on_surface(geoms)),
                                   crs=4326)
    frame["uuid"] = frame["uuid"].astype(str)
    return frame


# Shown translated (context "result_overlays") under a result's summary.
LEGENDS = {
    "route": QT_TRANSLATE_NOOP("result_overlays", "Map: the route dark blue, alternatives light blue; A start, B end."),
    "plan_evacuation": QT_TRANSLATE_NOOP("result_overlays", "Map: movements coloured by shelter, wider for more "
                                                            "people; shelters labelled with their fill; small dots: "
                                                            "sources served; red rings: people not served."),
    "plan_aid": QT_TRANSLATE_NOOP("result_overlays", "Map: shipments coloured by warehouse, wider for more goods; red "
                                                     "rings: needs no warehouse reaches."),
    "exposure": QT_TRANSLATE_NOOP("result_overlays", "Map: exposed needs coloured by the worst severity reaching them "
                                                     "(yellow 1 to red 5), sized by population."),
    "corridor_risk": QT_TRANSLATE_NOOP("result_overlays", "Map: corridors by risk score: green below 25, yellow below "
                                                          "50, orange below 75, red above."),
}
LEGENDS["saved_evacuation"] = LEGENDS["plan_evacuation"]
LEGENDS["saved_aid"] = LEGENDS["plan_aid"]


def overlays_for(workspace: Workspace, op_id: str, params: dict[str, Any], result: OperationResult,
                 words: Words = PLAIN) -> Overlays:
    builders = {"route": _route, "plan_evacuation": _evacuation, "plan_aid": _aid, "exposure": _exposure,
                "corridor_risk": _corridor_risk}
    build = builders.get(op_id)
    if build is None:
        return {}
    try:
        return build(workspace, params, result, words)
    except Exception:  # a drawing bug must not lose a result (a plan is saved already): tables only
        log.exception("the %s result could not be drawn on the map", op_id)
        return {}


# --------------------------------------------------------------------------- route


def _route(workspace: Workspace, params: dict[str, Any], result: OperationResult, words: Words) -> Overlays:
    from humanops.analysis.routing import parse_place
    from humanops.errors import HumanOpsError

    out: Overlays = {}
    routes = result.tables.get("routes")
    if routes is not None and len(routes):
        ok = routes[(routes["status"] == "ok") & routes.geometry.notna()].sort_values("rank", ascending=False)
        best = (ok["rank"] == 0).to_numpy()
        lines = _frame({"rank": ok["rank"].to_numpy(), STROKE: np.where(best, "#0b4fa8", "#5f86c4"),
                        WIDTH: np.where(best, 7.0, 4.5), OPACITY: np.where(best, 1.0, 0.6)}, ok.geometry.values)
        out[PREFIX + "routes"] = (lines, OverlayLook())
    places = []
    for key, letter, colour in (("start", "A", "#2b8a3e"), ("end", "B", NOT_SERVED)):
        try:
            lon, lat, _label = parse_place(workspace, str(params[key]))
        except HumanOpsError:  # the route result already says what was wrong with a place
            continue
        # The letter only: a named place has its own label on its layer.
        places.append({"geometry": shapely.Point(lon, lat), LABEL: letter, FILL: colour,
                       STROKE: "#ffffff"})
    if places:
        frame = _frame({k: [p[k] for p in places] for k in (LABEL, FILL, STROKE)}, [p["geometry"] for p in places])
        out[PREFIX + "places"] = (frame, OverlayLook(size=17.0, width=2.0, label_at="inside"))
    return out


# --------------------------------------------------------------------------- evacuation


def _evacuation(workspace: Workspace, params: dict[str, Any], result: OperationResult, words: Words) -> Overlays:
    assignments = result.tables.get("assignments")
    return evacuation_overlays(workspace, assignments, result.tables.get("sources"), result.tables.get("shelters"),
                               source_key="source_uuid", shelter_key="shelter_uuid", people="people", words=words)


def evacuation_overlays(workspace: Workspace, lines: gpd.GeoDataFrame | None, sources: pd.DataFrame | None,
                        shelters: pd.DataFrame | None, *, source_key: str, shelter_key: str,
                        people: str, words: Words = PLAIN) -> Overlays:
    out: Overlays = {}
    lines = lines if lines is not None else _frame({}, [])
    colour = _colours(shelters["uuid"].astype(str) if shelters is not None and len(shelters)
                      else lines.get(shelter_key, pd.Series(dtype=object)).astype(str))
    if len(lines):
        moved = lines[lines.geometry.notna()].sort_values(people)
        keys = moved[shelter_key].astype(str)
        frame = _frame({STROKE: keys.map(colour).fillna("#555555").to_numpy(),
                        WIDTH: _scaled(moved[people].to_numpy(), 1.5, 7.0), OPACITY: 0.85}, moved.geometry.values)
        out[PREFIX + "movements"] = (frame, OverlayLook())
    if shelters is not None and len(shelters):
        places = _locations(workspace, "facility", shelters["uuid"])
        table = shelters.assign(uuid=shelters["uuid"].astype(str))
        places = places.merge(table.drop(columns=["name"], errors="ignore"), on="uuid", how="left")
        used = places["assigned"].fillna(0).to_numpy() > 0
        fill = places["fill"].fillna(0).to_numpy(dtype=float)
        full = words.translate(CONTEXT, FULL)
        frame = _frame({FILL: np.where(used, places["uuid"].map(colour).fillna("#888888"), "#bbbbbb"),
                        STROKE: "#1a1a1a", SIZE: np.where(used, 15.0, 10.0),
                        LABEL: [full.format(percent=words.percent(f)) for f in fill]},
                       places.geometry.values)
        out[PREFIX + "shelters"] = (frame, OverlayLook(width=1.5, label_at="below"))
    if sources is not None and len(sources):
        places = _locations(workspace, "need", sources["uuid"])
        table = sources.assign(uuid=sources["uuid"].astype(str))
        places = places.merge(table.drop(columns=["name"], errors="ignore"), on="uuid", how="left")
        main = {}
        if len(lines):
            biggest = lines.sort_values(people).drop_duplicates(source_key, keep="last")
            main = dict(zip(biggest[source_key].astype(str), biggest[shelter_key].astype(str), strict=True))
        unserved = places["unserved"].fillna(0).to_numpy() > 0
        served = ~unserved & (places["served"].fillna(0).to_numpy() > 0)
        dots = places[served]
        rings = places[unserved]
        frame = _frame({FILL: dots["uuid"].map(main).map(colour).fillna("#888888").to_numpy(), STROKE: "#1a1a1a",
                        SIZE: 6.0, WIDTH: 1.0}, dots.geometry.values)
        out[PREFIX + "sources served"] = (frame, OverlayLook())
        frame = _frame({FILL: "#ffffff", STROKE: NOT_SERVED, SIZE: _scaled(rings["unserved"].to_numpy(), 8.0, 16.0),
                        WIDTH: 2.5}, rings.geometry.values)
        out[PREFIX + "sources not served"] = (frame, OverlayLook())
    return out


# --------------------------------------------------------------------------- aid


def _aid(workspace: Workspace, params: dict[str, Any], result: OperationResult, words: Words) -> Overlays:
    coverage = result.tables.get("coverage")
    unreachable = []
    if coverage is not None and len(coverage) and "reason" in coverage:
        unreachable = coverage.loc[coverage["reason"].astype(str) == "unreachable", "need_uuid"].tolist()
    return aid_overlays(workspace, result.tables.get("shipments"), unreachable, source_key="warehouse_uuid",
                        target_key="need_uuid")


def aid_overlays(workspace: Workspace, shipments: gpd.GeoDataFrame | None, unreachable: list[str], *,
                 source_key: str, target_key: str) -> Overlays:
    out: Overlays = {}
    if shipments is not None and len(shipments):
        ship = shipments[shipments.geometry.notna()].copy()
        total = ship.groupby("item")["quantity"].transform("sum").replace(0, np.nan)
        ship["weight"] = (ship["quantity"] / total).fillna(0)
        pairs = ship.groupby([source_key, target_key], sort=False).agg(
            weight=("weight", "sum"), geometry=("geometry", "first")).reset_index().sort_values("weight")
        colour = _colours(pairs[source_key].astype(str))
        frame = _frame({STROKE: pairs[source_key].astype(str).map(colour).to_numpy(),
                        WIDTH: _scaled(pairs["weight"].to_numpy(), 1.2, 7.0), OPACITY: 0.75},
                       pairs["geometry"].to_numpy())
        out[PREFIX + "shipments"] = (frame, OverlayLook())
        places = _locations(workspace, "facility", pairs[source_key])
        frame = _frame({FILL: places["uuid"].map(colour).fillna("#888888").to_numpy(), STROKE: "#1a1a1a",
                        SIZE: 15.0}, places.geometry.values)
        out[PREFIX + "warehouses"] = (frame, OverlayLook(width=1.5))
    if unreachable:
        places = _locations(workspace, "need", unreachable)
        frame = _frame({FILL: "#ffffff", STROKE: NOT_SERVED, SIZE: 11.0, WIDTH: 2.5}, places.geometry.values)
        out[PREFIX + "needs unreachable"] = (frame, OverlayLook())
    return out


# --------------------------------------------------------------------------- exposure, corridor risk


def _exposure(workspace: Workspace, params: dict[str, Any], result: OperationResult, words: Words) -> Overlays:
    layer = result.layer
    if layer is None or not len(layer):
        return {}
    layer = layer.sort_values("max_severity") if "max_severity" in layer else layer
    severity = pd.to_numeric(layer.get("max_severity", pd.Series(5, index=layer.index)), errors="coerce")
    frame = _frame({FILL: severity.fillna(5).astype(int).map(SEVERITY_COLOURS).fillna(NOT_SERVED).to_numpy(),
                    STROKE: "#1a1a1a", SIZE: _scaled(layer["population"].to_numpy() if "population" in layer
                                                     else np.ones(len(layer)), 8.0, 20.0)},
                   layer.geometry.values)
    return {PREFIX + "exposed needs": (frame, OverlayLook(width=1.2))}


def risk_colour(score: float) -> str:
    return "#2b8a3e" if score < 25 else "#e0b000" if score < 50 else "#e8590c" if score < 75 else NOT_SERVED


def _corridor_risk(workspace: Workspace, params: dict[str, Any], result: OperationResult, words: Words) -> Overlays:
    layer = result.layer
    if layer is None or not len(layer):
        return {}
    layer = layer[layer.geometry.notna()].sort_values("risk_score")
    score = layer["risk_score"].astype(float).to_numpy()
    lines = _frame({STROKE: [risk_colour(s) for s in score], WIDTH: 6.0, OPACITY: 0.9}, layer.geometry.values)
    middles = shapely.line_interpolate_point(np.asarray(layer.geometry.values, dtype=object), 0.5, normalized=True)
    risk = words.translate(CONTEXT, RISK)
    labels = _frame({LABEL: [risk.format(name=n, score=words.number(round(s)))
                             for n, s in zip(layer["name"].astype(str), score, strict=True)],

                     SIZE: 0.0, WIDTH: 0.0}, middles)
    return {PREFIX + "corridor risk": (lines, OverlayLook()),
            PREFIX + "corridor risk labels": (labels, OverlayLook())}


# --------------------------------------------------------------------------- saved plans


def plan_overlays(workspace: Workspace, plan: dict[str, Any], lines: gpd.GeoDataFrame,
                  outcomes: pd.DataFrame, words: Words = PLAIN) -> Overlays:
    """A saved plan (humanops_plan_lines / _outcomes) drawn like a fresh one."""
    if plan["kind"] == "evacuation":
        sources = outcomes[outcomes["role"] == "source"].rename(columns={"demand": "people"})
        sources = sources.assign(unserved=(sources["people"] - sources["served"]).clip(lower=0))
        shelters = outcomes[outcomes["role"] == "shelter"].rename(columns={"served": "assigned", "ratio": "fill"})
        return evacuation_overlays(workspace, lines, sources, shelters, source_key="from_uuid", shelter_key="to_uuid",
                                   people="quantity", words=words)
    needs = outcomes[(outcomes["role"] == "need") & (outcomes["reason"].astype(str) == "unreachable")]
    return aid_overlays(workspace, lines, needs["uuid"].tolist(), source_key="from_uuid", target_key="to_uuid")
