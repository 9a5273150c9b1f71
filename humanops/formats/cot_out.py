"""Features as Cursor-on-Target (CoT 2.0) events, the way ATAK and WinTAK draw and keep them.

- Danger zones are closed ``u-d-f`` drawings and corridors open ones: each vertex a
  ``<link point="lat,lon"/>`` (a ring's first vertex repeated at its end, as ATAK writes a closed
  shape), stroke and fill colours (``strokeColor``/``fillColor``: signed 32-bit ARGB, ATAK's form)
  from the kind's style class, so the zone looks as it does in the app. A multi-part zone is one
  drawing per part (TAK has no multi-polygon); holes, which TAK cannot draw, travel in our detail.
- Facilities, incidents and other points are markers of the CoT type ``resources/tak/cot_types.toml``
  gives their type field's value; a spot marker (``b-m-p-s-m``) takes the class colour.
- The marking: ``<remarks>`` opens with it ("TLP:AMBER releasable to medaid; no onward sharing"), and
  ``<humanops>``, our own detail element, carries it whole with the feature's identity and fields, so
  an import of the file gets them back (ATAK keeps unknown detail elements on the items it relays).
- uid: the feature's uuid (a part after the first: ``uuid.2``...); time: the workspace clock when the
  product is made; start: the start of the feature's validity (or time); stale: the first of the end
  of its validity and its marking's expiry, else time + a default.

Built with xml.etree (text is escaped, never parsed); the values are the audience's view of the
features (generalised ones as generalised), nothing else is read here.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from humanops.catalog import LayerKind, Symbol
from humanops.errors import ValidationError
from humanops.formats.cot_types import SPOT_MARKER, CotTypes, LayerTypes, load_cot_types
from humanops.model.marking import TLP, format_time, parse_time, split_list

COT_VERSION = "2.0"
DETAIL_VERSION = "1"
UNKNOWN = "9999999.0"  # CoT's "not known" for hae, ce and le
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HOW = "h-e"  # entered by a person (drawn or typed), as ATAK marks its own drawings
DASHES = {"solid": "solid", "dash": "dashed", "dashdot": "dashed", "dot": "dotted"}
MARKING_COLUMNS = ("tlp", "releasable_to", "caveats", "expires", "precision")
IDENTITY = ("originator", "version", "created", "modified")
CAVEAT_TEXT = {"no_onward_sharing": "no onward sharing", "no_public_release": "no public release",
               "protection_sensitive": "protection-sensitive"}


@dataclass(frozen=True)
class CotClock:
    """``time`` of every event (the workspace clock), and the stale time of a feature whose
    validity and marking have no end."""

    generated: datetime
    default_stale: timedelta = timedelta(hours=24)
    exercise: str = ""  # "EXERCISE — NAME": every event is marked opex="e" and its remarks open with it


@dataclass
class CotEvent:
    uid: str
    layer: str
    feature_uuid: str
    name: str
    cot_type: str
    element: ET.Element


@dataclass
class LayerEvents:
    events: list[CotEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: int = 0  # features with no geometry to draw


def cot_time(moment: datetime) -> str:
    return format_time(moment) or ""


def number(value: float) -> str:
    """The shortest decimal that reads back as the same float, never in exponent form
    (the schema's lat/lon are xs:decimal)."""
    return np.format_float_positional(float(value), trim="-")


def argb(colour: str | None, opacity: float | None = 1.0) -> str:
    """'#rrggbb' and an opacity as ATAK's colour: the ARGB bits as a signed 32-bit integer."""
    rgb = (colour or "#888888").lstrip("#")
    alpha = round(255 * (1.0 if opacity is None else max(0.0, min(1.0, opacity))))
    value = (alpha << 24) | int(rgb[0:6], 16)
    return str(value - (1 << 32) if value >= 1 << 31 else value)


def marking_banner(row: dict[str, Any]) -> str:
    """'TLP:AMBER releasable to medaid, unhcr; no onward sharing; marking expires …'."""
    tlp = TLP.parse(row.get("tlp") or "AMBER")
    parts = [f"TLP:{tlp.value}"]
    releasable = split_list(row.get("releasable_to"))
    if releasable:
        parts[0] += f" releasable to {', '.join(releasable)}"
    caveats = [CAVEAT_TEXT.get(c, c.replace("_", " ")) for c in split_list(row.get("caveats"))]
    parts += caveats
    expires = parse_time(row.get("expires"), field="expires")
    if expires is not None:
        parts.append(f"marking expires {expires:%Y-%m-%d %H:%MZ}")
    return "; ".join(parts)


def layer_events(kind: LayerKind, frame: Any, clock: CotClock, types: CotTypes | None = None) -> LayerEvents:
    """The events of one layer: ``frame`` as :func:`humanops.sharing.audience.audience_view` gives
    it (the kind's fields, identity, marking, ``generalised`` and an EPSG:4326 geometry)."""
    mapping = (types or load_cot_types()).for_kind(kind)
    out = LayerEvents()
    geometry_name = frame.geometry.name
    records = pd.DataFrame(frame.drop(columns=geometry_name)).to_dict("records")
    geometries = np.asarray(frame.geometry.values, dtype=object)
    holes = 0
    for row, geometry in zip(records, geometries, strict=True):
        row = {k: _plain(v) for k, v in row.items()}
        if geometry is None or geometry.is_empty:
            out.skipped += 1
            continue
        parts = _parts(geometry)
        for index, part in enumerate(parts, start=1):
            event = _event(kind, mapping, row, part, index, len(parts), clock)
            holes += len(getattr(part, "interiors", ()))
            out.events.append(event)
    if holes:
        out.notes.append(f"{holes} hole(s) in {kind.name} shapes are not drawn by TAK (kept in our detail element)")
    if out.skipped:
        out.notes.append(f"{out.skipped} {kind.name} feature(s) without a geometry left out")
    return out


def events_document(events: list[CotEvent]) -> bytes:
    """Several events in one XML file: an ``<events>`` root holding them (a single ``.cot`` file
    read by scripts and servers; ATAK's own files hold one event each, as in a data package)."""
    root = ET.Element("events")
    root.extend(e.element for e in events)
    return xml_bytes(root)


def xml_bytes(root: ET.Element) -> bytes:
    """A whole XML file, indented, with the declaration TAK writes."""
    ET.indent(root, space=" ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def event_bytes(event: CotEvent) -> bytes:
    return xml_bytes(event.element)


# --- one event ------------------------------------------------------------------------------

def _event(kind: LayerKind, mapping: LayerTypes, row: dict[str, Any], part: BaseGeometry, index: int,
           total: int, clock: CotClock) -> CotEvent:
    feature_uuid = str(row.get("uuid") or "")
    uid = feature_uuid if index == 1 else f"{feature_uuid}.{index}"
    name = str(row.get("name") or f"{kind.singular or kind.name} {feature_uuid[:8]}")
    if total > 1:
        name = f"{name} ({index}/{total})"
    shape = mapping.shape if part.geom_type != "Point" else "point"
    cot_type = mapping.type_for(row.get(mapping.by)) if shape == "point" and mapping.by else mapping.default
    if shape != "point" and part.geom_type == "Point":  # a shape layer holding a point: a spot marker
        cot_type = SPOT_MARKER
    start, stale = _window(kind, row, clock)
    event = ET.Element("event", {
        "version": COT_VERSION, "uid": uid, "type": cot_type, "how": HOW,
        "time": cot_time(clock.generated), "start": cot_time(start), "stale": cot_time(stale),
        **({"opex": "e"} if clock.exercise else {}),  # CoT: "e" an exercise (not "o", live operations)
    })
    anchor = _anchor(part)
    ET.SubElement(event, "point", {"lat": number(anchor.y), "lon": number(anchor.x), "hae": UNKNOWN,
                                   "ce": _circular_error(row), "le": UNKNOWN})
    detail = ET.SubElement(event, "detail")
    ET.SubElement(detail, "contact", {"callsign": _clean(name)})
    symbol = kind.style.symbol_for(row.get(kind.style.classify_by)) if kind.style.classify_by else kind.style.base
    if part.geom_type in ("Polygon", "LineString"):
        _drawing(detail, part, symbol)
    elif cot_type == SPOT_MARKER:
        colour = argb(symbol.fill or symbol.stroke)
        ET.SubElement(detail, "color", {"argb": colour})
        ET.SubElement(detail, "usericon", {"iconsetpath": f"COT_MAPPING_SPOTMAP/{SPOT_MARKER}/{colour}"})
    remarks = _remarks(kind, row, part, index, total)
    ET.SubElement(detail, "remarks").text = _clean(f"{clock.exercise}\n{remarks}" if clock.exercise else remarks)
    ET.SubElement(detail, "archive")  # ATAK keeps the item across restarts, as it keeps its own
    detail.append(_our_detail(kind, row, part, index, total))
    return CotEvent(uid=uid, layer=kind.name, feature_uuid=feature_uuid, name=name, cot_type=cot_type,
                    element=event)


def _window(kind: LayerKind, row: dict[str, Any], clock: CotClock) -> tuple[datetime, datetime]:
    start = _time(row.get(kind.time_start)) if kind.time_start else None
    start = start or clock.generated
    ends = [t for t in (_time(row.get(kind.time_end)) if kind.time_end else None, _time(row.get("expires")))
            if t is not None]
    stale = min(ends) if ends else clock.generated + clock.default_stale
    return start, max(stale, start)


def _time(value: Any) -> datetime | None:
    try:
        return parse_time(value)
    except ValidationError:  # a value another tool wrote badly: the feature still goes, with the default window
        return None


def _anchor(part: BaseGeometry) -> BaseGeometry:
    """Where TAK places the item's label: a point, the middle of a line, a point inside an area."""
    if part.geom_type == "Point":
        return part
    if part.geom_type == "LineString":
        return part.interpolate(0.5, normalized=True)
    return part.representative_point()


def _circular_error(row: dict[str, Any]) -> str:
    """A generalised point's cell as its circular error (half the cell's diagonal), so TAK shows
    how far from it the features may be; otherwise not known."""
    text = row.get("generalised")
    if isinstance(text, str) and text.startswith("grid:"):
        try:
            metres = int(text.split(":")[1])
        except (IndexError, ValueError):
            return UNKNOWN
        return number(round(metres * math.sqrt(2) / 2, 1))
    return UNKNOWN


def _drawing(detail: ET.Element, part: BaseGeometry, symbol: Symbol) -> None:
    ring = part.exterior if part.geom_type == "Polygon" else part
    for x, y in shapely.get_coordinates(ring):
        ET.SubElement(detail, "link", {"point": f"{number(y)},{number(x)}"})
    ET.SubElement(detail, "strokeColor", {"value": argb(symbol.stroke or symbol.fill)})
    ET.SubElement(detail, "strokeWeight", {"value": number(symbol.stroke_width or 1.0)})
    ET.SubElement(detail, "strokeStyle", {"value": DASHES.get(symbol.dash or "solid", "solid")})
    if part.geom_type == "Polygon":
        ET.SubElement(detail, "fillColor", {"value": argb(symbol.fill, symbol.fill_opacity)})
    ET.SubElement(detail, "labels_on", {"value": "true"})


def _remarks(kind: LayerKind, row: dict[str, Any], part: BaseGeometry, index: int, total: int) -> str:
    lines = [marking_banner(row)]
    facts = []
    for spec in kind.fields:
        value = row.get(spec.name)
        if spec.name in ("name", "notes") or value is None:
            continue
        if spec.name == kind.style.classify_by and _text(value) in kind.style.classes:
            text = kind.class_label(_text(value), "en")  # "4 severe", as the legend says it
        elif spec.type == "enum":
            text = spec.value_label(value, "en")
        else:
            text = _text(value)
        unit = f" {spec.unit}" if spec.unit and spec.type in ("integer", "real") else ""
        facts.append(f"{spec.label_in('en')}: {text}{unit}")
    if facts:
        lines.append(f"{(kind.singular or kind.name).capitalize()} – " + "; ".join(facts) + ".")
    generalised = row.get("generalised")
    if generalised:
        count = row.get("feature_count")
        counted = f" ({_text(count)} features)" if count is not None else ""
        lines.append(f"Location generalised ({generalised}){counted}: not an exact position.")
    if total > 1:
        lines.append(f"Part {index} of {total} of one {kind.singular or kind.name}.")
    holes = len(getattr(part, "interiors", ()))
    if holes:
        lines.append(f"{holes} hole(s) in this area are not drawn.")
    if row.get("notes"):
        lines.append(str(row["notes"]))
    return "\n".join(lines)


def _our_detail(kind: LayerKind, row: dict[str, Any], part: BaseGeometry, index: int, total: int) -> ET.Element:
    element = ET.Element("humanops", {"version": DETAIL_VERSION, "layer": kind.name, "uuid": str(row.get("uuid") or ""),
                                      "part": str(index), "parts": str(total)})
    for name in IDENTITY:
        if row.get(name) is not None:
            element.set("feature_version" if name == "version" else name, _text(row[name]))
    if row.get("generalised"):
        element.set("generalised", str(row["generalised"]))
    marking = ET.SubElement(element, "marking")
    for name in MARKING_COLUMNS:
        if row.get(name) is not None:
            marking.set(name, _text(row[name]))
    for spec in kind.fields:
        value = row.get(spec.name)
        if value is not None:
            ET.SubElement(element, "field", {"name": spec.name}).text = _clean(_text(value))
    for hole in getattr(part, "interiors", ()):
        points = " ".join(f"{number(y)},{number(x)}" for x, y in shapely.get_coordinates(hole))
        ET.SubElement(element, "hole", {"points": points})
    return element


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    if hasattr(geometry, "geoms"):
        return [g for g in geometry.geoms if not g.is_empty]
    return [geometry]


def _plain(value: Any) -> Any:
    """A frame cell as a plain value, None for every kind of missing."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return format_time(value) or ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


def _clean(text: str) -> str:
    """Text without the control characters XML 1.0 cannot hold."""
    return str(text).translate(_CONTROL)
