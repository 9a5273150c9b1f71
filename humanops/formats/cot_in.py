"""Reading Cursor-on-Target: a ``.cot``/``.xml`` file (one ``<event>``, or an ``<events>`` root of
several) or a TAK data package, into source layers the importer maps and checks like any file.

What an event becomes:

- a marker (``a-…`` atoms, ``b-m-p…`` map points): a point;
- a drawing (``u-d-f``, ``u-d-p``, ``u-d-r``: ``<link point="lat,lon[,hae]"/>`` vertices, or a
  ``<shape><polyline>`` of vertices): an area when closed (a rectangle, or the first vertex repeated
  at the end), else a line; a circle or ellipse (``<shape><ellipse major minor angle>`` around the
  point, metres): an area of 72 vertices;
- a route (``b-m-r``, its waypoints' links): a line, direction from ``link_attr`` (Infil inbound,
  Exfil outbound).

Which layer kind: our own events (``<humanops>`` detail) name theirs and carry the feature's fields,
identity and marking, a multi-part feature's parts joined again; other tools' events go by geometry
(``resources/tak/cot_types.toml``: points incidents, areas danger zones, lines corridors), or all to
``--layer KIND`` when the geometry fits it (for an area kind, an open drawing of three or more
vertices is taken as the area it outlines). Their columns: ``name`` (the callsign), ``remarks``
(matched to notes), ``source`` (the creator's callsign), ``occurred`` (points: the event's time) or
``valid_from``/``valid_until`` (shapes: start and stale), ``cot_type``, ``cot_uid``, and ``uuid``:
the uid when it is a UUID, else one derived from it (the same event gives the same uuid again).
Fields CoT has no word for (hazard, severity, incident type) come from ``--set``/``--map``.

Not features, and reported as skipped: chat, tasking and other non-map types, a TAK device's own
position report (it carries ``<takv>``/``<__group>``), simulated and exercise events (``opex`` s/e).
A bad coordinate is a problem of that event alone (naming its uid), which ``--skip-rejected`` leaves out.
"""

from __future__ import annotations

import math
import re
import uuid as uuid_module
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from humanops.catalog import Catalog, LayerKind
from humanops.errors import FormatError
from humanops.formats.cot_types import load_cot_types
from humanops.formats.sources import ReadProblem, SourceLayer
from humanops.formats.tak_package import MAX_COT_FILE_BYTES, parse_xml, read_data_package

MAX_EVENTS = 200_000
MAX_VERTICES = 100_000  # of one drawing
ELLIPSE_VERTICES = 72
# uuids derived from a non-UUID uid: stable, so the same event is the same feature on the next import
UID_NAMESPACE = uuid_module.UUID("0c1f5e2a-7d4b-4f0e-9a3c-6b8d2e1f4a70")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DIRECTIONS = {"infil": "inbound", "exfil": "outbound"}
_KIND_SHAPES = {"Point": "point", "LineString": "line", "MultiLineString": "line", "Polygon": "area",
                "MultiPolygon": "area"}


class _BadEvent(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


@dataclass
class _Event:
    number: int  # 1-based, across the file or package
    where: str  # the member of a package, '' for a plain file
    uid: str
    cot_type: str
    shape: str  # point | line | area (what it would be, even when its geometry is bad)
    geometry: BaseGeometry | None = None
    columns: dict[str, Any] = field(default_factory=dict)
    layer: str | None = None  # our own event's layer kind
    part: tuple[int, int] = (1, 1)
    holes: list[list[tuple[float, float]]] = field(default_factory=list)
    problem: tuple[str, str] | None = None  # (field, reason)

    @property
    def label(self) -> str:
        inside = f" in {self.where}" if self.where else ""
        return f"event uid {self.uid[:80]!r} (type {self.cot_type[:40]}){inside}"


def is_cot_file(path: Path) -> bool:
    """An XML file whose root element is a CoT ``<event>`` (or an ``<events>`` list of them)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    text = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", text, flags=re.S).lstrip()
    return bool(re.match(r"<(event|events)[\s>/]", text))


def read_cot(path: Path, catalog: Catalog, layer: str | None) -> tuple[list[SourceLayer], list[tuple[str, str]]]:
    """Source layers (one per layer kind) and what was skipped, for ``importer._read``."""
    file = str(path)
    skipped: list[tuple[str, str]] = []
    if path.suffix.lower() == ".zip":
        contents = read_data_package(path)
        skipped += [(f"{file}, {entry}", why) for entry, why in contents.skipped]
        documents = [(f.entry, parse_xml(f.data, f"{file}, {f.entry}")) for f in contents.files]
    else:
        try:
            if path.stat().st_size > MAX_COT_FILE_BYTES:
                raise FormatError(f"is larger than {MAX_COT_FILE_BYTES // 1024**2} MB: not a CoT file", file=file)
            documents = [("", parse_xml(path.read_bytes(), file, MAX_COT_FILE_BYTES))]
        except OSError as exc:
            raise FormatError(f"cannot read: {exc.strerror}", file=file) from None
    events: list[_Event] = []
    number = 0
    for where, root in documents:
        if root.tag not in ("event", "events"):
            if not where:
                raise FormatError(f"not a CoT event file (root element <{root.tag}>)", file=file)
            skipped.append((f"{file}, {where}", f"not a CoT event (root element <{root.tag}>)"))
            continue
        for element in [root] if root.tag == "event" else [e for e in root if e.tag == "event"]:
            number += 1
            if number > MAX_EVENTS:
                raise FormatError(f"holds more than {MAX_EVENTS:,} events; refused", file=file)
            event, why = _read_event(element, number, where)
            if event is None:
                inside = f", {where}" if where else ""
                skipped.append((f"event {number} (uid {(element.get('uid') or '?')[:80]!r}{inside})", why))
            else:
                events.append(event)
    if not events:
        why = "; ".join(f"{w}: {r}" for w, r in skipped[:5]) or "it holds no event"
        raise FormatError(f"no CoT event to import ({why})", file=file)
    return _layers(path, events, catalog, layer, skipped), skipped


# --- one event ------------------------------------------------------------------------------

def _read_event(element: ET.Element, number: int, where: str) -> tuple[_Event | None, str]:
    uid = (element.get("uid") or "").strip()
    cot_type = (element.get("type") or "").strip()
    detail = element.find("detail")
    opex = (element.get("opex") or "").strip().lower()
    if opex[:1] in ("s", "e"):
        return None, f"a {'simulation' if opex[0] == 's' else 'exercise'} event (opex {opex!r}), not an actual one"
    if detail is not None and (detail.find("takv") is not None or detail.find("__group") is not None) \
            and cot_type.startswith("a-"):
        return None, "a TAK device's own position report, not a map feature"
    shape = _shape_of_type(cot_type, detail)
    if shape is None:
        return None, (f"type {cot_type or '(none)'} is not a map feature (chat, tasking, alerts and sensor data "
                      "are not read)")
    event = _Event(number=number, where=where, uid=uid or f"event-{number}", cot_type=cot_type, shape=shape)
    ours = detail.find("humanops") if detail is not None else None
    try:
        if not uid:
            raise _BadEvent("uid", "the event has no uid")
        event.geometry, event.shape = _geometry(element, detail, cot_type, shape)
    except _BadEvent as exc:
        event.problem = (exc.field, f"{event.label}: {exc.reason}")
    if ours is not None:
        _our_columns(event, ours)
    else:
        _foreign_columns(event, element, detail)
    return event, ""


def _shape_of_type(cot_type: str, detail: ET.Element | None) -> str | None:
    if cot_type.startswith("b-m-r"):
        return "line"
    if cot_type.startswith("u-d-"):
        return "area" if cot_type.startswith(("u-d-r", "u-d-c")) or _has_ellipse(detail) else "area?"
    if cot_type.startswith(("a-", "b-m-p")):
        return "point"
    return None


def _has_ellipse(detail: ET.Element | None) -> bool:
    return detail is not None and detail.find("shape/ellipse") is not None


def _geometry(element: ET.Element, detail: ET.Element | None, cot_type: str, shape: str
              ) -> tuple[BaseGeometry, str]:
    point = element.find("point")
    if shape == "point":
        if point is None:
            raise _BadEvent("geometry", "the event has no <point>")
        lat, lon = _lat_lon(point.get("lat"), point.get("lon"))
        return Point(lon, lat), "point"
    if _has_ellipse(detail):
        assert detail is not None
        if point is None:
            raise _BadEvent("geometry", "a circle or ellipse without its centre <point>")
        return _ellipse(point, detail.find("shape/ellipse")), "area"  # type: ignore[arg-type]
    vertices, closed = _vertices(detail)
    if cot_type.startswith("u-d-r") and len(vertices) >= 3:
        closed = True
    if len(vertices) >= 2 and vertices[0] == vertices[-1] and len(vertices) >= 4 and not cot_type.startswith("b-m-r"):
        closed = True
    if closed:
        ring = vertices if vertices[0] == vertices[-1] else [*vertices, vertices[0]]
        if len(ring) < 4:
            raise _BadEvent("geometry", f"a closed shape needs at least 3 vertices ({len(vertices)} given)")
        return Polygon([(lon, lat) for lat, lon in ring]), "area"
    if len(vertices) < 2:
        raise _BadEvent("geometry", f"a line needs at least 2 vertices ({len(vertices)} given)")
    return LineString([(lon, lat) for lat, lon in vertices]), "line"


def _vertices(detail: ET.Element | None) -> tuple[list[tuple[float, float]], bool]:
    if detail is None:
        raise _BadEvent("geometry", "a drawing without <detail> has no vertices")
    polyline = detail.find("shape/polyline")
    if polyline is not None:
        raw = [(v.get("lat"), v.get("lon")) for v in polyline.iter("vertex")]
        closed = (polyline.get("closed") or "").lower() == "true"
    else:
        raw = []
        for link in detail.iter("link"):
            text = link.get("point")
            if text is None:
                continue  # a link to the creator or a parent: no vertex
            parts = text.split(",")
            if len(parts) < 2:
                raise _BadEvent("geometry", f"link point {text[:40]!r} is not 'lat,lon'")
            raw.append((parts[0], parts[1]))
        closed = False
    if len(raw) > MAX_VERTICES:
        raise _BadEvent("geometry", f"{len(raw):,} vertices (at most {MAX_VERTICES:,})")
    return [_lat_lon(lat, lon) for lat, lon in raw], closed


def _lat_lon(lat_text: str | None, lon_text: str | None) -> tuple[float, float]:
    try:
        lat, lon = float(str(lat_text).strip()), float(str(lon_text).strip())
    except ValueError:
        raise _BadEvent("geometry", f"coordinates ({str(lat_text)[:30]!r}, {str(lon_text)[:30]!r}) are not "
                                    "numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise _BadEvent("geometry", f"coordinates ({lat}, {lon}) are not finite numbers")
    if not -90 <= lat <= 90:
        raise _BadEvent("geometry", f"latitude {lat:g} is outside -90…90")
    if not -180 <= lon <= 180:
        raise _BadEvent("geometry", f"longitude {lon:g} is outside -180…180")
    return lat, lon


def _ellipse(point: ET.Element, ellipse: ET.Element) -> Polygon:
    """The ellipse (semi-axes ``major``/``minor`` metres, ``angle`` degrees clockwise from north)
    as a polygon, drawn in an azimuthal projection centred on it."""
    from pyproj import CRS, Transformer

    lat, lon = _lat_lon(point.get("lat"), point.get("lon"))
    try:
        major, minor = float(ellipse.get("major", "")), float(ellipse.get("minor", ""))
        angle = float(ellipse.get("angle") or 0.0)
    except ValueError:
        raise _BadEvent("geometry", "the ellipse's major/minor/angle are not numbers") from None
    if not (0 < major <= 5_000_000 and 0 < minor <= 5_000_000 and math.isfinite(angle)):
        raise _BadEvent("geometry", f"ellipse axes {major:g} × {minor:g} m are not between 0 and 5,000 km")
    steps = np.linspace(0, 2 * math.pi, ELLIPSE_VERTICES, endpoint=False)
    turn = math.radians(angle)
    # semi-major along the bearing `angle` (clockwise from north): x east, y north
    along, across = major * np.cos(steps), minor * np.sin(steps)
    x = along * math.sin(turn) + across * math.cos(turn)
    y = along * math.cos(turn) - across * math.sin(turn)
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_wgs84 = Transformer.from_crs(local, 4326, always_xy=True)
    lons, lats = to_wgs84.transform(x, y)
    return Polygon(list(zip(lons, lats, strict=True)))


# --- columns --------------------------------------------------------------------------------

def _our_columns(event: _Event, ours: ET.Element) -> None:
    event.layer = ours.get("layer") or None
    try:
        event.part = (int(ours.get("part") or 1), int(ours.get("parts") or 1))
    except ValueError:
        event.part = (1, 1)
    columns: dict[str, Any] = {"uuid": ours.get("uuid")}
    for attribute, column in (("originator", "originator"), ("feature_version", "version"),
                              ("created", "created"), ("modified", "modified")):
        if ours.get(attribute) is not None:
            columns[column] = ours.get(attribute)
    marking = ours.find("marking")
    if marking is not None:
        columns.update({k: v for k, v in marking.attrib.items()
                        if k in ("tlp", "releasable_to", "caveats", "expires", "precision")})
    for element in ours.iter("field"):
        name = element.get("name")
        if name and name not in columns:
            columns[name] = element.text
    for hole in ours.iter("hole"):
        try:
            event.holes.append([_lat_lon(*p.split(",")[:2]) for p in (hole.get("points") or "").split()])
        except (_BadEvent, TypeError):
            event.problem = event.problem or ("geometry", f"{event.label}: a hole's points are not 'lat,lon ...'")
    event.columns = columns


def _foreign_columns(event: _Event, element: ET.Element, detail: ET.Element | None) -> None:
    contact = detail.find("contact") if detail is not None else None
    remarks = detail.find("remarks") if detail is not None else None
    creator = next((link for link in (detail.iter("link") if detail is not None else ())
                    if link.get("relation") == "p-p" and link.get("point") is None), None)
    columns: dict[str, Any] = {
        "uuid": _uuid_for(event.uid),
        "name": ((contact.get("callsign") if contact is not None else None) or event.uid).strip()[:200],
        "remarks": ((remarks.text or "").strip() or None) if remarks is not None else None,
        "source": (creator.get("parent_callsign") or creator.get("uid")) if creator is not None else None,
        "cot_type": event.cot_type, "cot_uid": event.uid,
    }
    if event.shape == "point":
        columns["occurred"] = element.get("time")
    else:
        columns["valid_from"] = element.get("start")
        columns["valid_until"] = element.get("stale")
    route = detail.find("link_attr") if detail is not None else None
    if route is not None and (route.get("direction") or "").lower() in _DIRECTIONS:
        columns["direction"] = _DIRECTIONS[(route.get("direction") or "").lower()]
    event.columns = columns


def _uuid_for(uid: str) -> str:
    return uid.lower() if _UUID.fullmatch(uid) else str(uuid_module.uuid5(UID_NAMESPACE, uid))


# --- layers ---------------------------------------------------------------------------------

def _layers(path: Path, events: list[_Event], catalog: Catalog, layer: str | None,
            skipped: list[tuple[str, str]]) -> list[SourceLayer]:
    types = load_cot_types()
    groups: dict[str, list[_Event]] = {}
    for event in _joined(events):
        shape = "area" if event.shape == "area?" else event.shape
        if layer is not None:
            wanted = _KIND_SHAPES.get(catalog[layer].geometry, "point")
            if wanted == "area" and shape == "line" and _closable(event):
                shape = "area"  # the user says these drawings are areas: an open outline is closed
            if shape != wanted:
                skipped.append((f"event {event.number} (uid {event.uid[:80]!r})",
                                f"a {shape}: --layer {layer} takes {wanted}s"))
                continue
            name = layer
        elif event.layer in catalog and _KIND_SHAPES.get(catalog[event.layer].geometry) == shape:
            name = str(event.layer)
        else:
            name = types.import_kinds.get(shape, "")
            if name not in catalog:
                skipped.append((f"event {event.number} (uid {event.uid[:80]!r})", f"no layer kind takes a {shape}"))
                continue
        groups.setdefault(name, []).append(event)
    return [_source(path, catalog[name], items) for name, items in groups.items()]


def _closable(event: _Event) -> bool:
    """An open drawing (not a route) of 3 or more vertices, made an area of: ATAK marks a closed
    shape by repeating its first vertex, which another tool may leave out."""
    geometry = event.geometry
    if not (event.cot_type.startswith("u-d-") and isinstance(geometry, LineString) and len(geometry.coords) >= 3):
        return False
    event.geometry = Polygon([*geometry.coords, geometry.coords[0]])
    return True


def _joined(events: list[_Event]) -> list[_Event]:
    """Our multi-part features' parts joined into one event again (first part's number and
    columns), and holes put back in their areas."""
    out: list[_Event] = []
    parts: dict[tuple[str | None, str], list[_Event]] = {}
    for event in events:
        if event.holes and isinstance(event.geometry, Polygon):
            event.geometry = Polygon(event.geometry.exterior.coords,
                                     [[(lon, lat) for lat, lon in hole] for hole in event.holes])
        uuid = event.columns.get("uuid")
        if event.layer and event.part[1] > 1 and uuid:
            key = (event.layer, str(uuid))
            if key not in parts:
                parts[key] = []
                out.append(event)
            parts[key].append(event)
        else:
            out.append(event)
    for group in parts.values():
        first = group[0]
        group.sort(key=lambda e: e.part[0])
        bad = next((e for e in group if e.problem or e.geometry is None), None)
        if bad is not None:
            first.problem, first.geometry = bad.problem, None
        elif all(isinstance(e.geometry, Polygon) for e in group):
            first.geometry = MultiPolygon([e.geometry for e in group])
        elif all(isinstance(e.geometry, LineString) for e in group):
            first.geometry = MultiLineString([e.geometry for e in group])
        else:
            first.problem, first.geometry = ("geometry", f"{first.label}: its parts mix areas and lines"), None
        if len(group) != first.part[1]:
            first.problem = first.problem or ("geometry", f"{first.label}: {len(group)} of its "
                                                          f"{first.part[1]} parts are in the file")
            first.geometry = None if first.problem else first.geometry
    return out


def _source(path: Path, kind: LayerKind, events: list[_Event]) -> SourceLayer:
    records = [e.columns for e in events]
    attributes = pd.DataFrame.from_records(records, index=pd.RangeIndex(len(events)))
    attributes = attributes.astype(object).where(attributes.notna(), None)
    geometries = np.array([e.geometry for e in events], dtype=object)
    frame = gpd.GeoDataFrame(attributes, geometry=gpd.GeoSeries(geometries, index=attributes.index), crs=4326)
    problems = [ReadProblem(i, e.problem[0], e.problem[1]) for i, e in enumerate(events) if e.problem]
    notes = []
    derived = sum(1 for e in events if e.layer is None and not _UUID.fullmatch(e.uid))
    if derived:
        notes.append(f"{derived} event uid(s) are not UUIDs: each got a uuid derived from it "
                     "(the same event gives the same uuid on the next import)")
    return SourceLayer(name=kind.name, frame=frame, rows=np.array([e.number for e in events], dtype=np.int64),
                       row_word="event", problems=problems, notes=notes)
