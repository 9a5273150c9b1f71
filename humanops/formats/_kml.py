"""KML in and out. Reading parses with defusedxml (a KML file is untrusted XML: entity
expansion bombs and external entities are refused, never expanded); writing builds the tree
with xml.etree, which only escapes. One Folder per layer; a Placemark's name, its description
and its ExtendedData (Data/value and SchemaData/SimpleData) become columns."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)
from shapely.geometry.base import BaseGeometry

from humanops.errors import FormatError
from humanops.formats.sources import ReadProblem, SourceLayer

KML_NS = "http://www.opengis.net/kml/2.2"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# gx:Track/gx:MultiTrack read as lines (their local names; the gx namespace is dropped), and the
# "non-conformant" MultiPolygon/MultiLineString/MultiPoint some writers emit, as GDAL reads them.
_GEOMETRY_TAGS = {"Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack",
                  "MultiPolygon", "MultiLineString", "MultiPoint"}
_MULTI_TAGS = {"MultiGeometry", "MultiTrack", "MultiPolygon", "MultiLineString", "MultiPoint"}


class _BadGeometry(Exception):
    pass


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element, name: str) -> str | None:
    child = _child(element, name)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


# --- reading --------------------------------------------------------------------------------

def read_kml(path: Path) -> list[SourceLayer]:
    import defusedxml
    import defusedxml.ElementTree as SafeET

    file = str(path)
    try:
        root = SafeET.parse(str(path)).getroot()
    except defusedxml.DefusedXmlException as exc:
        raise FormatError(f"refused: the KML declares XML entities or external references "
                          f"({type(exc).__name__}), which can exhaust memory or read local files",
                          file=file) from None
    except ET.ParseError as exc:
        raise FormatError(f"not well-formed XML ({exc})", file=file) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=file) from None
    if _local(root.tag) != "kml":
        raise FormatError(f"not a KML document (root element <{_local(root.tag)}>)", file=file)
    groups: dict[str, list[tuple[int, ET.Element]]] = {}
    for number, (layer, placemark) in enumerate(_placemarks(root, None), start=1):
        groups.setdefault(layer or path.stem, []).append((number, placemark))
    if not groups:
        raise FormatError("the KML holds no Placemark", file=file)
    return [_layer(name, items) for name, items in groups.items()]


def _placemarks(element: ET.Element, layer: str | None) -> Iterator[tuple[str | None, ET.Element]]:
    for child in element:
        tag = _local(child.tag)
        if tag == "Placemark":
            yield layer, child
        elif tag in ("Document", "Folder"):
            # The innermost named Folder is the layer; a Document's name only for loose placemarks.
            name = _text(child, "name")
            inner = name if name and (tag == "Folder" or layer is None) else layer
            yield from _placemarks(child, inner)


def _layer(name: str, items: list[tuple[int, ET.Element]]) -> SourceLayer:
    records: list[dict[str, Any]] = []
    geoms = np.full(len(items), None, dtype=object)
    problems: list[ReadProblem] = []
    for position, (_, placemark) in enumerate(items):
        record: dict[str, Any] = {}
        for key in ("name", "description"):
            value = _text(placemark, key)
            if value is not None:
                record[key] = value
        extended = _child(placemark, "ExtendedData")
        if extended is not None:
            record.update(_extended(extended))
        shape = next((c for c in placemark if _local(c.tag) in _GEOMETRY_TAGS), None)
        record.update(_times(placemark, shape))
        records.append(record)
        if shape is None:
            continue
        try:
            geoms[position] = _geometry(shape)
        except _BadGeometry as exc:
            problems.append(ReadProblem(position, "geometry", str(exc)))
    attributes = pd.DataFrame.from_records(records, index=pd.RangeIndex(len(items))) if records else \
        pd.DataFrame(index=pd.RangeIndex(len(items)))
    attributes = attributes.astype(object).where(attributes.notna(), None)
    frame = gpd.GeoDataFrame(attributes, geometry=gpd.GeoSeries(geoms, index=attributes.index), crs=4326)
    rows = np.array([number for number, _ in items], dtype=np.int64)
    return SourceLayer(name=name, frame=frame, rows=rows, row_word="placemark", problems=problems)


def _extended(element: ET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in element:
        tag = _local(child.tag)
        if tag == "Data" and child.get("name"):
            value = _text(child, "value")
            out[child.get("name", "")] = value
        elif tag == "SchemaData":
            for simple in child:
                if _local(simple.tag) == "SimpleData" and simple.get("name"):
                    text = (simple.text or "").strip()
                    out[simple.get("name", "")] = text or None
    return out


def _times(placemark: ET.Element, shape: ET.Element | None) -> dict[str, str]:
    """TimeSpan begin/end as columns begin and end (GDAL's names), which the import maps to the
    kind's time window; a TimeStamp's when is a begin (the instant the placemark starts to hold:
    an incident's time, a zone valid from then on), so files mixing the two fill one column; a
    gx:Track without either spans its own first and last <when>."""
    out: dict[str, str] = {}
    span = _child(placemark, "TimeSpan")
    if span is not None:
        for key in ("begin", "end"):
            value = _text(span, key)
            if value is not None:
                out[key] = value
    stamp = _child(placemark, "TimeStamp")
    if stamp is not None and _text(stamp, "when") is not None and "begin" not in out:
        out["begin"] = _text(stamp, "when") or ""
    if shape is not None and not out:
        whens = [(w.text or "").strip() for w in shape.iter() if _local(w.tag) == "when"]
        moments = pd.to_datetime(pd.Series([w for w in whens if w]), utc=True, errors="coerce").dropna()
        if len(moments):  # compared as instants: a track may mix offsets
            out["begin"] = moments.min().strftime("%Y-%m-%dT%H:%M:%SZ")
            out["end"] = moments.max().strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


def _track(element: ET.Element) -> BaseGeometry:
    """A gx:Track: its gx:coord ('lon lat [alt]', space separated) as a line (a point if one)."""
    coords = []
    for coord in element:
        if _local(coord.tag) != "coord":
            continue
        parts = (coord.text or "").split()
        try:
            if len(parts) < 2:
                raise ValueError
            coords.append((float(parts[0]), float(parts[1])))
        except ValueError:
            raise _BadGeometry(f"gx:coord {(coord.text or '').strip()[:40]!r} is not 'longitude latitude'") from None
    if not coords:
        raise _BadGeometry("<gx:Track> has no gx:coord")
    return Point(coords[0]) if len(coords) == 1 else LineString(coords)


def _coordinates(element: ET.Element) -> list[tuple[float, float]]:
    text = _text(element, "coordinates")
    if text is None:
        raise _BadGeometry(f"<{_local(element.tag)}> has no coordinates")
    out = []
    for token in re.sub(r"\s*,\s*", ",", text).split():
        parts = [p for p in token.split(",") if p]
        try:
            if len(parts) < 2:
                raise ValueError
            out.append((float(parts[0]), float(parts[1])))
        except ValueError:
            raise _BadGeometry(f"coordinates {token[:40]!r} are not 'longitude,latitude'") from None
    return out


def _geometry(element: ET.Element) -> BaseGeometry:
    tag = _local(element.tag)
    try:
        if tag == "Point":
            coords = _coordinates(element)
            return Point(coords[0])
        if tag in ("LineString", "LinearRing"):
            return LineString(_coordinates(element))
        if tag == "Polygon":
            outer = _child(element, "outerBoundaryIs")
            ring = None if outer is None else _child(outer, "LinearRing")
            if ring is None:
                raise _BadGeometry("<Polygon> has no outerBoundaryIs/LinearRing")
            holes = []
            for inner in element:
                if _local(inner.tag) == "innerBoundaryIs":
                    holes += [_coordinates(r) for r in inner if _local(r.tag) == "LinearRing"]
            return Polygon(_coordinates(ring), holes)
        if tag == "Track":
            return _track(element)
        if tag in _MULTI_TAGS:
            parts: list[BaseGeometry] = []
            for child in element:
                if _local(child.tag) in _GEOMETRY_TAGS:
                    part = _geometry(child)
                    parts += list(part.geoms) if hasattr(part, "geoms") else [part]
            kinds = {p.geom_type for p in parts}
            if kinds == {"Point"}:
                return MultiPoint(parts)
            if kinds == {"LineString"}:
                return MultiLineString(parts)
            if kinds == {"Polygon"}:
                return MultiPolygon(parts)
            return GeometryCollection(parts)
    except (ValueError, shapely.errors.GEOSException, IndexError) as exc:
        raise _BadGeometry(f"not a valid <{tag}> ({exc})") from None
    raise _BadGeometry(f"<{tag}> is not a supported geometry")


# --- writing --------------------------------------------------------------------------------

def _clean(value: Any) -> str:
    return _CONTROL.sub("", str(value))


def _number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _coords_text(geometry: BaseGeometry) -> str:
    return " ".join(f"{_number(x)},{_number(y)}" for x, y in shapely.get_coordinates(geometry))


def _kml_colour(hex_colour: str | None, opacity: float = 1.0) -> str:
    """'#rrggbb' -> KML's 'aabbggrr'."""
    rgb = (hex_colour or "#888888").lstrip("#")
    return f"{round(255 * opacity):02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"


def _add_geometry(parent: ET.Element, geometry: BaseGeometry) -> None:
    gtype = geometry.geom_type
    if gtype == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coords_text(geometry)
    elif gtype == "LineString":
        ET.SubElement(ET.SubElement(parent, "LineString"), "coordinates").text = _coords_text(geometry)
    elif gtype == "Polygon":
        polygon = ET.SubElement(parent, "Polygon")
        ring = ET.SubElement(ET.SubElement(polygon, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(ring, "coordinates").text = _coords_text(geometry.exterior)
        for hole in geometry.interiors:
            ring = ET.SubElement(ET.SubElement(polygon, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(ring, "coordinates").text = _coords_text(hole)
    else:  # multi-part
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geometry.geoms:
            _add_geometry(multi, part)


def write_kml(path: Path, document_name: str, layers: list[dict[str, Any]]) -> None:
    """``layers``: dicts with ``name``, ``frame`` (GeoDataFrame in EPSG:4326, values as
    text), ``title`` and ``style`` (fill, stroke, width, opacity): one Folder each."""
    kml = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(kml, "Document")
    ET.SubElement(document, "name").text = _clean(document_name)
    for layer in layers:
        style = ET.SubElement(document, "Style", id=f"style_{layer['name']}")
        ET.SubElement(ET.SubElement(style, "IconStyle"), "color").text = _kml_colour(layer["style"]["fill"])
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = _kml_colour(layer["style"]["stroke"])
        ET.SubElement(line, "width").text = str(layer["style"]["width"])
        ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = _kml_colour(
            layer["style"]["fill"], layer["style"]["opacity"])
    for layer in layers:
        folder = ET.SubElement(document, "Folder")
        ET.SubElement(folder, "name").text = layer["name"]
        frame: gpd.GeoDataFrame = layer["frame"]
        columns = [c for c in frame.columns if c != frame.geometry.name]
        extended_columns = [c for c in columns if c not in ("name", "notes")]
        values = {c: frame[c].tolist() for c in columns}
        for i, geometry in enumerate(frame.geometry.values):
            placemark = ET.SubElement(folder, "Placemark")
            if "name" in values and values["name"][i] is not None and values["name"][i] == values["name"][i]:
                ET.SubElement(placemark, "name").text = _clean(values["name"][i])
            if "notes" in values and values["notes"][i] is not None and values["notes"][i] == values["notes"][i]:
                ET.SubElement(placemark, "description").text = _clean(values["notes"][i])
            ET.SubElement(placemark, "styleUrl").text = f"#style_{layer['name']}"
            extended = ET.SubElement(placemark, "ExtendedData")
            for column in extended_columns:
                value = values[column][i]
                if value is not None and value == value:  # None and NaN are left out
                    data = ET.SubElement(extended, "Data", name=column)
                    ET.SubElement(data, "value").text = _clean(value)
            if geometry is not None and not geometry.is_empty:
                _add_geometry(placemark, geometry)
    tree = ET.ElementTree(kml)
    ET.indent(tree, space=" ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
