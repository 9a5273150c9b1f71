"""QGIS styles in ``layer_styles``: rows as QGIS 3.22 needs them, QML that says what the kind says."""

from __future__ import annotations

import dataclasses
import sqlite3
import warnings
from datetime import datetime

import defusedxml.ElementTree as SafeET
import pyogrio
import pytest

from humanops.catalog import load_catalog
from humanops.store.layer_styles import layer_qml, qgis_colour, write_layer_styles


def _rows(path) -> dict[str, dict]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return {r["f_table_name"]: dict(r) for r in connection.execute("SELECT * FROM layer_styles")}
    finally:
        connection.close()


def _symbol_layers(symbol) -> list[dict[str, str]]:
    out = []
    for layer in symbol.findall("layer"):
        props = {o.get("name"): o.get("value") for o in layer.find("Option").findall("Option")}
        props["class"] = layer.get("class")
        dd = layer.find("data_defined_properties/Option/Option[@name='properties']")
        props["dd"] = {p.get("name"): p.find("Option[@name='expression']").get("value")
                       for p in (dd if dd is not None else [])}
        out.append(props)
    return out


def test_one_default_style_row_per_layer_as_qgis_expects(workspace):
    workspace.close()
    rows = _rows(workspace.path)
    catalog = load_catalog()
    assert set(rows) == set(catalog.names)
    connection = sqlite3.connect(workspace.path)
    try:
        geometry_columns = dict(connection.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
        declared = {r[1]: r[2] for r in connection.execute("PRAGMA table_info(layer_styles)")}
    finally:
        connection.close()
    assert declared["update_time"] == "DATETIME"  # as text, QGIS 3.22 applied the style only sometimes
    for kind in catalog:
        row = rows[kind.name]
        assert row["f_geometry_column"] == geometry_columns[kind.name] == "geom"
        assert row["useAsDefault"] == 1
        assert row["styleName"] == kind.title
        assert row["owner"] == "humanops"
        assert row["description"]
        datetime.fromisoformat(row["update_time"].replace("Z", "+00:00"))
        root = SafeET.fromstring(row["styleQML"])
        assert root.tag == "qgis" and root.get("version").startswith("3.22")
        assert root.get("styleCategories") == "AllStyleCategories"
        assert row["styleQML"].startswith("<!DOCTYPE qgis")


@pytest.mark.parametrize("name", [k.name for k in load_catalog()])
def test_qml_renders_the_kinds_classes_and_labels(name):
    kind = load_catalog()[name]
    root = SafeET.fromstring(layer_qml(kind))
    renderer = root.find("renderer-v2")
    symbol_type = {"Point": "marker", "LineString": "line", "MultiPolygon": "fill"}[kind.geometry]
    symbols = renderer.findall("symbols/symbol")
    assert symbols and all(s.get("type") == symbol_type for s in symbols)
    if kind.style.classify_by:
        assert renderer.get("type") == "categorizedSymbol"
        assert renderer.get("attr") == kind.style.classify_by
        categories = renderer.findall("categories/category")
        assert [c.get("value") for c in categories] == [*kind.style.classes, ""]  # "" = all other values
        assert {c.get("symbol") for c in categories} == {s.get("name") for s in symbols}
    else:
        assert renderer.get("type") == "singleSymbol"
    assert root.get("labelsEnabled") == "1"
    assert root.find("labeling/settings/text-style").get("fieldName") == kind.style.label_field
    assert {a.get("field") for a in root.findall("aliases/alias")} == set(kind.field_names)


def test_symbols_carry_colour_dash_marker_opacity_and_sizes():
    catalog = load_catalog()

    def symbol(kind_name: str, value: str):
        root = SafeET.fromstring(layer_qml(catalog[kind_name]))
        index = next(c.get("symbol") for c in root.iter("category") if c.get("value") == value)
        return next(s for s in root.iter("symbol") if s.get("name") == index)

    zone = catalog["danger_zone"]
    fill = _symbol_layers(symbol("danger_zone", "5"))[0]
    assert fill["class"] == "SimpleFill"
    assert fill["color"] == qgis_colour(zone.style.classes["5"].fill, zone.style.base.fill_opacity)
    assert fill["color"].endswith(f",{round(255 * zone.style.base.fill_opacity)}")
    assert _symbol_layers(symbol("road", "track"))[0]["line_style"] == "dash"
    assert _symbol_layers(symbol("facility", "hospital"))[0]["name"] == "cross_fill"
    assert _symbol_layers(symbol("facility", "warehouse"))[0]["name"] == "square"
    need = _symbol_layers(symbol("need", "3"))[0]
    assert "population" in need["dd"]["size"] and "scale_exp" in need["dd"]["size"]


def test_corridor_is_drawn_as_wide_as_its_width_in_metres():
    layers = _symbol_layers(next(SafeET.fromstring(layer_qml(load_catalog()["corridor"])).iter("symbol")))
    width, centre = layers
    assert width["line_width_unit"] == "RenderMetersInMapUnits"
    assert width["dd"] == {"outlineWidth": '"width_m"'}
    assert centre["line_width_unit"] == "Pixel" and centre["line_style"] == "dash"  # proposed


def test_single_symbol_for_a_kind_without_classes():
    kind = load_catalog()["incident"]
    plain = dataclasses.replace(kind, style=dataclasses.replace(kind.style, classify_by=None, classes={}))
    root = SafeET.fromstring(layer_qml(plain))
    assert root.find("renderer-v2").get("type") == "singleSymbol"
    assert len(root.findall("renderer-v2/symbols/symbol")) == 1


def test_rewriting_styles_keeps_one_row_per_layer(workspace):
    with workspace.transaction() as connection:
        write_layer_styles(connection, workspace.catalog)
    count = workspace.connection.execute("SELECT count(*), count(DISTINCT f_table_name) FROM layer_styles").fetchone()
    assert count[0] == count[1] == len(workspace.catalog)


def test_gdal_reads_the_styled_workspace_without_warnings(workspace):
    workspace.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        layers = dict(pyogrio.list_layers(workspace.path))
        assert "layer_styles" in layers
        for name in layers:
            pyogrio.read_dataframe(workspace.path, layer=name)
