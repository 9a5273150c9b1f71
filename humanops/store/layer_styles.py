"""QGIS styles for each layer kind, written to the GeoPackage's ``layer_styles`` table.

Each kind's ``style`` (catalog.Style) becomes a QGIS 3 QML document: a single-symbol or
categorized renderer, the kind's marker shapes, dash patterns, fill opacity, a data-defined
marker size for ``size_by`` and labels from ``label_field``. A kind with ``buffer_field``
(corridors) is drawn as a line as wide as the field says, in metres on the ground, under a
thin centre line in the class's colour and dash, so the corridor's width is visible in QGIS.

The ``layer_styles`` row is written as QGIS 3.22 reads it (measured): ``f_geometry_column``
names the real geometry column, ``update_time`` is a DATETIME column and ``useAsDefault=1``,
otherwise QGIS opens the layer unstyled some of the time. Sizes and widths are in pixels, as
the app's own canvas draws them.
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

from humanops.catalog import Catalog, LayerKind, Style, Symbol
from humanops.store import schema

QML_VERSION = "3.22.0"
DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
GEOMETRY_COLUMN = "geom"
OWNER = "humanops"
UNIT = "Pixel"  # the catalog's sizes are screen pixels, like the app's canvas
NO_SCALE = "3x:0,0,0,0,0,0"

_SYMBOL_TYPE = {"Point": "marker", "LineString": "line", "MultiPolygon": "fill"}
_GEOMETRY_TYPE = {"Point": "0", "LineString": "1", "MultiPolygon": "2"}  # <layerGeometryType>
_DASH = {"solid": "solid", "dash": "dash", "dot": "dot", "dashdot": "dash dot"}
# QGIS's SimpleMarker names; a plain "cross" is stroke-only in QGIS, the filled one reads better.
_MARKER = {"circle": "circle", "square": "square", "triangle": "triangle", "diamond": "diamond",
           "cross": "cross_fill", "star": "star", "hexagon": "hexagon"}
# Label placement (Qgis::LabelPlacement): around the point, along the line, over the centroid.
_PLACEMENT = {"Point": "0", "LineString": "2", "MultiPolygon": "1"}
# Labels of dense layers only when zoomed in (scale denominators).
_LABEL_MAX_SCALE = {"road": 50000, "need": 250000}


def qgis_colour(hex_colour: str | None, opacity: float = 1.0) -> str:
    """``#rrggbb`` and an opacity as QGIS writes colours: ``r,g,b,a``."""
    hex_colour = hex_colour or "#888888"
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"{r},{g},{b},{round(255 * max(0.0, min(1.0, opacity)))}"


def _number(value: float | None, default: float) -> str:
    return f"{float(default if value is None else value):g}"


def _options(layer: ET.Element, props: dict[str, str]) -> None:
    """Symbol layer properties, both as QGIS 3.22 writes them (an Option map) and as older
    versions read them (``prop`` elements)."""
    option_map = ET.SubElement(layer, "Option", type="Map")
    for key in sorted(props):
        ET.SubElement(option_map, "Option", name=key, type="QString", value=props[key])
    for key in sorted(props):
        ET.SubElement(layer, "prop", k=key, v=props[key])


def _data_defined(parent: ET.Element, expressions: dict[str, str]) -> None:
    """``data_defined_properties``: each property an active expression (type 3)."""
    dd = ET.SubElement(parent, "data_defined_properties")
    collection = ET.SubElement(dd, "Option", type="Map")
    ET.SubElement(collection, "Option", name="name", type="QString", value="")
    if expressions:
        props = ET.SubElement(collection, "Option", name="properties", type="Map")
        for key, expression in expressions.items():
            prop = ET.SubElement(props, "Option", name=key, type="Map")
            ET.SubElement(prop, "Option", name="active", type="bool", value="true")
            ET.SubElement(prop, "Option", name="expression", type="QString", value=expression)
            ET.SubElement(prop, "Option", name="type", type="int", value="3")
    else:
        ET.SubElement(collection, "Option", name="properties")
    ET.SubElement(collection, "Option", name="type", type="QString", value="collection")


def _symbol_layer(symbol: ET.Element, cls: str, props: dict[str, str],
                  expressions: dict[str, str] | None = None) -> None:
    layer = ET.SubElement(symbol, "layer", {"class": cls, "enabled": "1", "locked": "0", "pass": "0"})
    _options(layer, props)
    _data_defined(layer, expressions or {})


def _marker_props(s: Symbol) -> dict[str, str]:
    return {
        "angle": "0", "color": qgis_colour(s.fill, s.fill_opacity if s.fill_opacity is not None else 1.0),
        "horizontal_anchor_point": "1", "joinstyle": "bevel", "name": _MARKER.get(s.marker or "circle", "circle"),
        "offset": "0,0", "offset_map_unit_scale": NO_SCALE, "offset_unit": UNIT,
        "outline_color": qgis_colour(s.stroke), "outline_style": "solid",
        "outline_width": _number(s.stroke_width, 1.0), "outline_width_map_unit_scale": NO_SCALE,
        "outline_width_unit": UNIT, "scale_method": "diameter", "size": _number(s.size, 6.0),
        "size_map_unit_scale": NO_SCALE, "size_unit": UNIT, "vertical_anchor_point": "1",
    }


def _line_props(colour: str, width: str, dash: str, unit: str = UNIT, capstyle: str = "square") -> dict[str, str]:
    return {
        "capstyle": capstyle, "customdash": "5;2", "customdash_map_unit_scale": NO_SCALE,
        "customdash_unit": UNIT, "draw_inside_polygon": "0", "joinstyle": "round",
        "line_color": colour, "line_style": dash, "line_width": width, "line_width_unit": unit,
        "offset": "0", "offset_map_unit_scale": NO_SCALE, "offset_unit": UNIT, "ring_filter": "0",
        "use_custom_dash": "0", "width_map_unit_scale": NO_SCALE,
    }


def _fill_props(s: Symbol) -> dict[str, str]:
    return {
        "border_width_map_unit_scale": NO_SCALE,
        "color": qgis_colour(s.fill, s.fill_opacity if s.fill_opacity is not None else 1.0),
        "joinstyle": "bevel", "offset": "0,0", "offset_map_unit_scale": NO_SCALE, "offset_unit": UNIT,
        "outline_color": qgis_colour(s.stroke), "outline_style": _DASH.get(s.dash or "solid", "solid"),
        "outline_width": _number(s.stroke_width, 1.0), "outline_width_unit": UNIT, "style": "solid",
    }


def _size_expression(style: Style) -> str | None:
    """Marker size from a field, area-proportional (exponent 0.5) and clamped to the range."""
    sb = style.size_by
    if sb is None:
        return None
    return (f'coalesce(scale_exp("{sb.field}", 0, {sb.max_value:g}, {sb.min_size:g}, '
            f"{sb.max_size:g}, 0.5), {sb.min_size:g})")


def symbol_element(kind: LayerKind, symbol: Symbol, name: str) -> ET.Element:
    """One QGIS ``<symbol>`` for ``symbol`` (already merged over the kind's base symbol)."""
    style = kind.style
    element = ET.Element("symbol", {"alpha": "1", "clip_to_extent": "1", "force_rhr": "0",
                                    "name": name, "type": _SYMBOL_TYPE[kind.geometry]})
    _data_defined(element, {})
    dash = _DASH.get(symbol.dash or "solid", "solid")
    if kind.geometry == "Point":
        size = _size_expression(style)
        _symbol_layer(element, "SimpleMarker", _marker_props(symbol), {"size": size} if size else None)
    elif kind.geometry == "LineString":
        if style.buffer_field:
            # The corridor itself: as wide as its field says, in metres on the ground.
            opacity = symbol.fill_opacity if symbol.fill_opacity is not None else 0.2
            width = _line_props(qgis_colour(symbol.fill or symbol.stroke, opacity), "500", "solid",
                                unit="RenderMetersInMapUnits", capstyle="round")
            _symbol_layer(element, "SimpleLine", width, {"outlineWidth": f'"{style.buffer_field}"'})
        _symbol_layer(element, "SimpleLine",
                      _line_props(qgis_colour(symbol.stroke), _number(symbol.stroke_width, 1.0), dash))
    else:
        _symbol_layer(element, "SimpleFill", _fill_props(symbol))
    return element


def _renderer(kind: LayerKind) -> ET.Element:
    style = kind.style
    common = {"enableorderby": "0", "forceraster": "0", "referencescale": "-1", "symbollevels": "0"}
    if style.classify_by is None or not style.classes:
        renderer = ET.Element("renderer-v2", {**common, "type": "singleSymbol"})
        symbols = ET.SubElement(renderer, "symbols")
        symbols.append(symbol_element(kind, style.base, "0"))
    else:
        renderer = ET.Element("renderer-v2", {**common, "attr": style.classify_by, "type": "categorizedSymbol"})
        categories = ET.SubElement(renderer, "categories")
        symbols = ET.SubElement(renderer, "symbols")
        for index, (value, cls) in enumerate(style.classes.items()):
            ET.SubElement(categories, "category", {"label": cls.label or value, "render": "true",
                                                   "symbol": str(index), "value": value})
            symbols.append(symbol_element(kind, cls.over(style.base), str(index)))
        # The empty value is QGIS's "all other values": unlisted enum values and nulls.
        other = str(len(style.classes))
        ET.SubElement(categories, "category", {"label": "other", "render": "true", "symbol": other, "value": ""})
        symbols.append(symbol_element(kind, style.base, other))
        source = ET.SubElement(renderer, "source-symbol")
        source.append(symbol_element(kind, style.base, "0"))
    ET.SubElement(renderer, "rotation")
    ET.SubElement(renderer, "sizescale")
    return renderer


def _labeling(kind: LayerKind) -> ET.Element:
    labeling = ET.Element("labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    text = ET.SubElement(settings, "text-style", {
        "fieldName": kind.style.label_field or "name", "isExpression": "0", "fontFamily": "Sans Serif",
        "fontSize": "8", "fontSizeUnit": "Point", "fontSizeMapUnitScale": NO_SCALE, "fontWeight": "50",
        "fontItalic": "0", "fontUnderline": "0", "fontStrikeout": "0", "namedStyle": "Regular",
        "textColor": "35,35,35,255", "textOpacity": "1", "blendMode": "0", "multilineHeight": "1",
        "previewBkgrdColor": "255,255,255,255", "textOrientation": "horizontal", "useSubstitutions": "0",
    })
    ET.SubElement(text, "text-buffer", {
        "bufferDraw": "1", "bufferSize": "0.8", "bufferSizeUnits": "MM", "bufferSizeMapUnitScale": NO_SCALE,
        "bufferColor": "255,255,255,255", "bufferOpacity": "0.85", "bufferNoFill": "1",
        "bufferJoinStyle": "128", "bufferBlendMode": "0",
    })
    ET.SubElement(settings, "text-format", {
        "wrapChar": "", "autoWrapLength": "0", "multilineAlign": "3", "plussign": "0",
        "formatNumbers": "0", "decimals": "3", "leftDirectionSymbol": "<", "rightDirectionSymbol": ">",
        "reverseDirectionSymbol": "0", "placeDirectionSymbol": "0", "addDirectionSymbol": "0",
        "useMaxLineLengthForAutoWrap": "1",
    })
    ET.SubElement(settings, "placement", {
        "placement": _PLACEMENT[kind.geometry], "placementFlags": "10", "dist": "1.5", "distUnits": "MM",
        "distMapUnitScale": NO_SCALE, "priority": "5", "offsetType": "0", "repeatDistance": "0",
        "centroidInside": "1", "centroidWhole": "0", "fitInPolygonOnly": "0",
    })
    max_scale = _LABEL_MAX_SCALE.get(kind.name)
    # QGIS writes the scale range inverted: scaleMin is the largest scale, scaleMax the smallest.
    ET.SubElement(settings, "rendering", {
        "scaleVisibility": "1" if max_scale else "0", "scaleMin": "1", "scaleMax": str(max_scale or 0),
        "obstacle": "1", "obstacleFactor": "1", "obstacleType": "1", "displayAll": "0",
        "upsidedownLabels": "0", "labelPerPart": "0", "mergeLines": "0" if kind.name != "road" else "1",
        "minFeatureSize": "0", "limitNumLabels": "0", "maxNumLabels": "2000", "drawLabels": "1",
        "fontLimitPixelSize": "0", "fontMinPixelSize": "3", "fontMaxPixelSize": "10000", "zIndex": "0",
    })
    return labeling


def _aliases(kind: LayerKind) -> ET.Element:
    """Field titles as QGIS aliases, so the attribute table reads as the app's forms."""
    aliases = ET.Element("aliases")
    for field in kind.fields:
        ET.SubElement(aliases, "alias", {"field": field.name, "name": field.title})
    return aliases


def layer_qml(kind: LayerKind) -> str:
    """The kind's QGIS style as a QML document (also usable as a ``.qml`` file beside an export)."""
    root = ET.Element("qgis", {
        "version": QML_VERSION, "styleCategories": "AllStyleCategories", "labelsEnabled": "1",
        "hasScaleBasedVisibilityFlag": "0", "minScale": "1e+08", "maxScale": "0", "readOnly": "0",
        "simplifyAlgorithm": "0", "simplifyDrawingHints": "1" if kind.geometry != "Point" else "0",
        "simplifyDrawingTol": "1", "simplifyLocal": "1", "simplifyMaxScale": "1",
    })
    flags = ET.SubElement(root, "flags")
    for flag, value in (("Identifiable", "1"), ("Removable", "1"), ("Searchable", "1"), ("Private", "0")):
        ET.SubElement(flags, flag).text = value
    root.append(_renderer(kind))
    root.append(_labeling(kind))
    ET.SubElement(root, "blendMode").text = "0"
    ET.SubElement(root, "featureBlendMode").text = "0"
    ET.SubElement(root, "layerOpacity").text = "1"
    root.append(_aliases(kind))
    ET.SubElement(root, "previewExpression").text = f'"{kind.style.label_field or "name"}"'
    ET.SubElement(root, "layerGeometryType").text = _GEOMETRY_TYPE[kind.geometry]
    ET.indent(root, space=" ")
    return DOCTYPE + "\n" + ET.tostring(root, encoding="unicode") + "\n"


def style_row(kind: LayerKind) -> dict[str, Any]:
    """The ``layer_styles`` row for one kind, column by column."""
    return {
        "f_table_catalog": "", "f_table_schema": "", "f_table_name": kind.name,
        "f_geometry_column": GEOMETRY_COLUMN, "styleName": kind.title, "styleQML": layer_qml(kind),
        "styleSLD": "", "useAsDefault": 1, "description": kind.description or kind.title,
        "owner": OWNER, "ui": None,
    }


def _time_text(value: object) -> object:
    """A style's update time as the GeoPackage's text (a database's column is a timestamp)."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z" if isinstance(value, datetime) else value


def copy_layer_styles(source: sqlite3.Connection, path: Path, layers: list[str],
                      geometry_column: str = GEOMETRY_COLUMN) -> int:
    """Copy the QGIS styles of ``layers`` from the workspace (``source``, its connection) into
    the GeoPackage at ``path``; returns how many were copied. ``f_geometry_column`` must name
    the target's real geometry column (QGIS ignores the style otherwise)."""
    from humanops.store.sql_dialect import sql_for

    db = sql_for(source)  # a team database's styles too, where it keeps them
    if not layers or not db.has_table("layer_styles"):
        return 0
    marks = ",".join("?" * len(layers))
    rows = db.execute(
        "SELECT f_table_catalog, f_table_schema, f_table_name, styleName, styleQML, styleSLD, "
        f"useAsDefault, description, owner, ui, update_time FROM layer_styles "
        f"WHERE f_table_name IN ({marks}) ORDER BY id", layers).fetchall()
    target = sqlite3.connect(path)
    try:
        with target:
            target.execute(schema.LAYER_STYLES)
            schema.register_attributes_table(target, "layer_styles", "QGIS layer styles")
            target.executemany(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, "
                "ui, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
                [(r[0], r[1], r[2], geometry_column, *r[3:-1], _time_text(r[-1])) for r in rows])
    finally:
        target.close()
    return len(rows)


def write_layer_styles(connection: sqlite3.Connection, catalog: Catalog) -> None:
    """Write (or replace) the default QGIS style of each kind's layer. Run inside the caller's
    transaction; ``update_time`` takes the table's DATETIME default."""
    for kind in catalog:
        row = style_row(kind)
        # Our style becomes the default: a table has one default style, as QGIS expects.
        connection.execute("UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?", (kind.name,))
        connection.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ? AND owner = ?",
                           (kind.name, row["styleName"], OWNER))
        columns = ", ".join(row)
        connection.execute(f"INSERT INTO layer_styles ({columns}) VALUES ({', '.join('?' * len(row))})",
                           tuple(row.values()))
