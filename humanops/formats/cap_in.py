"""CAP alerts read: one ``<alert>`` (CAP 1.1 or 1.2) into the danger zones its areas describe.

Parsing only; :mod:`humanops.formats.cap_feeds` finds the alerts (a file, a folder, an Atom/RSS
feed) and :mod:`humanops.formats.cap_import` writes them. Each ``<info>``'s ``<area>`` becomes
one zone: its ``<polygon>``s and ``<circle>``s united (a circle buffered in an azimuthal
equidistant projection centred on it, so the radius is exact). How CAP fields become zone fields
(hazard, severity, confidence, validity, source) is tabled in ``docs/cap-in.md``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from humanops.formats.cap import CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES

CAP_NAMESPACES = ("urn:oasis:names:tc:emergency:cap:1.1", "urn:oasis:names:tc:emergency:cap:1.2")

# CAP severity -> danger_zone severity (1 minor .. 5 extreme), before the adjustments below.
SEVERITY_BASE = {"Extreme": 5, "Severe": 4, "Moderate": 3, "Minor": 2, "Unknown": 3}
# One step down when the threat is unlikely or already past; never below 1.
SEVERITY_STEP_DOWN_CERTAINTY = ("Unlikely",)
SEVERITY_STEP_DOWN_URGENCY = ("Past",)
CONFIDENCE = {"Observed": "high", "Likely": "medium", "Possible": "low", "Unlikely": "low",
              "Unknown": "unconfirmed", "Very Likely": "medium"}  # 'Very Likely': CAP 1.0, kept by 1.1 readers
HAZARD_EVENT_CODE = "humanops:hazard"   # written by humanops.formats.cap (docs/cap-out.md)
# The event text decides the hazard (first match wins), else the category; else none fits.
HAZARD_BY_EVENT: tuple[tuple[str, str], ...] = (
    (r"tsunami", "tsunami"),
    (r"flood|inundation|storm surge|dam (break|failure)|high water", "flood"),
    (r"earthquake|seismic|tremor", "earthquake"),
    (r"volcan|lava|ash ?fall|lahar", "volcano"),
    (r"fire|red flag", "fire"),
    (r"landslide|mudslide|mud ?flow|debris flow|rock ?fall", "landslide"),
    (r"epidemic|outbreak|cholera|ebola|disease|pandemic|infectious", "epidemic"),
    (r"chemical|hazmat|hazardous material|toxic|gas leak|radiolog|nuclear|contamina", "chemical"),
    (r"shelling|artillery|mortar", "shelling"),
    (r"air ?strike|air ?raid|missile|rocket|drone", "airstrike"),
    (r"land ?mine|\buxo\b|unexploded|explosive ordnance|\berw\b", "landmines_uxo"),
    (r"sniper", "sniper"),
    (r"civil (unrest|disturbance)|riot|demonstration|protest", "civil_unrest"),
    (r"armed conflict|fighting|clashes|hostilities|gunfire|shooting|armed attack|active shooter", "armed_conflict"),
    # weather last: its words are common ("wind-driven fire" is a fire)
    (r"\b(heat|cold|frost|freez\w*|extreme temperature|wind ?chill)\b", "extreme_temperature"),
    (r"\b(\w*storms?|tornado|cyclone|hurricane|typhoon|blizzard|winds?|hail|squall|gale|snow|ice)\b", "storm"),
)
HAZARD_BY_CATEGORY = {"Fire": "fire", "Health": "epidemic", "CBRNE": "chemical", "Met": "storm"}
_EVENT_PATTERNS = [(re.compile(p, re.IGNORECASE), h) for p, h in HAZARD_BY_EVENT]
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")


class CapError(Exception):
    """A CAP alert (or one of its infos/areas) that cannot be read; ``where`` says which."""

    def __init__(self, where: str, field_name: str, reason: str) -> None:
        self.where, self.field, self.reason = where, field_name, reason
        super().__init__(f"{where}, field {field_name}: {reason}")


@dataclass
class CapArea:
    position: int  # 1-based within its info
    description: str
    geometry: BaseGeometry | None  # EPSG:4326; None when given only by geocode (or unusable)
    geocodes: list[str] = field(default_factory=list)  # 'valueName value'
    problem: str | None = None  # why there is no geometry


@dataclass
class CapInfo:
    position: int  # 1-based within the alert
    language: str
    event: str
    categories: list[str]
    urgency: str
    severity: str
    certainty: str
    effective: datetime | None
    onset: datetime | None
    expires: datetime | None
    sender_name: str
    headline: str
    description: str
    areas: list[CapArea]
    # <eventCode> pairs, valueName -> values (ours carry humanops:hazard, the zones' hazards)
    event_codes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class CapAlert:
    source_file: str  # the file it came from (with the feed entry, if any)
    version: str  # '1.1' or '1.2'
    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    references: list[tuple[str, str, str]]  # (sender, identifier, sent) as written
    infos: list[CapInfo]
    note: str = ""  # CAP 1.2: an Exercise alert's <note> names the exercise

    @property
    def label(self) -> str:
        return f"alert {self.identifier}"


def is_cap_alert(element: ET.Element) -> bool:
    return element.tag in {f"{{{ns}}}alert" for ns in CAP_NAMESPACES}


def parse_time(text: str | None, where: str, field_name: str) -> datetime | None:
    """A CAP dateTime (always with an offset) as an aware UTC datetime."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CapError(where, field_name, f"{text.strip()[:40]!r} is not a CAP date-time "
                       "(e.g. 2026-11-28T12:00:00+00:00)") from None
    if moment.tzinfo is None:  # CAP requires an offset; a missing one is read as UTC, not local time
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_alert(root: ET.Element, source_file: str) -> CapAlert:
    """Read one ``<alert>`` element (already parsed through defusedxml)."""
    ns = root.tag[1:].split("}", 1)[0]
    version = ns.rsplit(":", 1)[-1]
    q = "{" + ns + "}"

    def text(element: ET.Element, name: str) -> str:
        child = element.find(q + name)
        return (child.text or "").strip() if child is not None else ""

    identifier = text(root, "identifier")
    where = f"alert {identifier or '(no identifier)'}"
    for name in ("identifier", "sender", "sent", "msgType", "status"):
        if not text(root, name):
            raise CapError(where, name, f"the alert has no <{name}>, which CAP requires")
    msg_type = text(root, "msgType")
    if msg_type not in MSG_TYPES:
        raise CapError(where, "msgType", f"{msg_type!r} is not a CAP msgType ({', '.join(MSG_TYPES)})")
    sent = parse_time(text(root, "sent"), where, "sent")
    assert sent is not None
    references = []
    for token in text(root, "references").split():
        parts = token.split(",")
        if len(parts) != 3:
            raise CapError(where, "references", f"{token[:80]!r} is not 'sender,identifier,sent'")
        references.append((parts[0], parts[1], parts[2]))
    if msg_type in ("Update", "Cancel") and not references:
        raise CapError(where, "references", f"a {msg_type} must name the alert(s) it changes in <references>")
    infos = [_info(info, q, i, where) for i, info in enumerate(root.findall(q + "info"), start=1)]
    return CapAlert(source_file=source_file, version=version, identifier=identifier, sender=text(root, "sender"),
                    sent=sent, status=text(root, "status"), msg_type=msg_type, references=references,
                    infos=infos, note=text(root, "note"))


def _info(element: ET.Element, q: str, position: int, alert_where: str) -> CapInfo:
    where = f"{alert_where}, info {position}"

    def text(parent: ET.Element, name: str) -> str:
        child = parent.find(q + name)
        return (child.text or "").strip() if child is not None else ""

    def enum(name: str, allowed: tuple[str, ...]) -> str:
        value = text(element, name) or "Unknown"
        if value not in allowed and not (name == "certainty" and value == "Very Likely"):
            raise CapError(where, name, f"{value!r} is not a CAP {name} ({', '.join(allowed)})")
        return value

    areas = [_area(area, q, i, where) for i, area in enumerate(element.findall(q + "area"), start=1)]
    return CapInfo(
        position=position, language=text(element, "language") or "en-US", event=text(element, "event"),
        categories=[(c.text or "").strip() for c in element.findall(q + "category")],
        urgency=enum("urgency", CAP_URGENCIES), severity=enum("severity", CAP_SEVERITIES),
        certainty=enum("certainty", CAP_CERTAINTIES),
        effective=parse_time(text(element, "effective"), where, "effective"),
        onset=parse_time(text(element, "onset"), where, "onset"),
        expires=parse_time(text(element, "expires"), where, "expires"),
        sender_name=text(element, "senderName"), headline=text(element, "headline"),
        description=text(element, "description"), areas=areas, event_codes=_event_codes(element, q))


def _event_codes(element: ET.Element, q: str) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for code in element.findall(q + "eventCode"):
        name, value = code.find(q + "valueName"), code.find(q + "value")
        if name is not None and value is not None and (name.text or "").strip():
            codes.setdefault((name.text or "").strip(), []).append((value.text or "").strip())
    return codes


def _area(element: ET.Element, q: str, position: int, info_where: str) -> CapArea:
    where = f"{info_where}, area {position}"
    description = " ".join((element.findtext(q + "areaDesc") or "").split())
    geocodes = []
    for geocode in element.findall(q + "geocode"):
        name = (geocode.findtext(q + "valueName") or "").strip()
        value = (geocode.findtext(q + "value") or "").strip()
        if value:
            geocodes.append(f"{name} {value}".strip())
    parts: list[BaseGeometry] = []
    try:  # a bad shape rejects this area's zone only; the alert's other areas still import
        for polygon in element.findall(q + "polygon"):
            if (polygon.text or "").strip():  # NWS writes an empty <polygon/> beside its geocodes
                parts.append(cap_polygon_geometry(polygon.text or "", where))
        for circle in element.findall(q + "circle"):
            if (circle.text or "").strip():
                parts.append(cap_circle_geometry(circle.text or "", where))
    except CapError as exc:
        return CapArea(position, description, None, geocodes, f"<{exc.field}> {exc.reason}")
    if not parts:
        problem = ("given only by geocode (" + ", ".join(geocodes[:6]) + (", …" if len(geocodes) > 6 else "")
                   + "): HumanOps holds no boundaries for geocodes, so it has no shape to import") if geocodes \
            else "has neither <polygon> nor <circle> nor <geocode>"
        return CapArea(position, description, None, geocodes, problem)
    geometry = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    return CapArea(position, description, geometry, geocodes)


def _pair(token: str, where: str, field_name: str) -> tuple[float, float]:
    """'lat,lon' as (lon, lat)."""
    try:
        lat_text, lon_text = token.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise CapError(where, field_name, f"{token[:40]!r} is not a 'latitude,longitude' pair") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CapError(where, field_name, f"{token[:40]!r} is outside latitude -90..90, longitude -180..180")
    return lon, lat


def cap_polygon_geometry(text: str, where: str) -> Polygon:
    """A CAP polygon ('lat,lon lat,lon …', a closed ring of at least four pairs)."""
    pairs = [_pair(t, where, "polygon") for t in re.sub(r"\s*,\s*", ",", text.strip()).split()]
    if len(pairs) < 4:
        raise CapError(where, "polygon", f"has {len(pairs)} point(s); CAP requires a closed ring of at least 4")
    if pairs[0] != pairs[-1]:
        raise CapError(where, "polygon", "the ring is not closed (CAP requires the first and last pair to be equal)")
    return Polygon(pairs)


def cap_circle_geometry(text: str, where: str) -> BaseGeometry:
    """A CAP circle ('lat,lon radius_km') as a polygon, buffered in an azimuthal equidistant
    projection centred on it: every distance from the centre is true there, so the radius is."""
    tokens = re.sub(r"\s*,\s*", ",", text.strip()).split()
    if len(tokens) != 2:
        raise CapError(where, "circle", f"{text.strip()[:60]!r} is not 'latitude,longitude radius_km'")
    lon, lat = _pair(tokens[0], where, "circle")
    try:
        radius_km = float(tokens[1])
    except ValueError:
        raise CapError(where, "circle", f"radius {tokens[1][:20]!r} is not a number of kilometres") from None
    if not radius_km > 0:
        raise CapError(where, "circle", f"radius {tokens[1]} km describes a point, not an area")
    if radius_km > 5000:
        raise CapError(where, "circle", f"radius {tokens[1]} km is larger than a danger zone can be")
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_wgs84 = Transformer.from_crs(local, 4326, always_xy=True)
    disc = Point(0, 0).buffer(radius_km * 1000.0, quad_segs=16)
    return shapely.transform(disc, lambda xy: np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])))


def cap_hazard(info: CapInfo) -> str | None:
    """The danger_zone hazard of an info (see HAZARD_BY_EVENT), or None when none fits. An alert
    HumanOps wrote names its zones' hazard in an eventCode (``humanops:hazard``): that comes first."""
    ours = [v for v in info.event_codes.get(HAZARD_EVENT_CODE, []) if v]
    if ours:
        return ours[0]
    for pattern, hazard in _EVENT_PATTERNS:
        if pattern.search(info.event) or (not info.event and pattern.search(info.headline)):
            return hazard
    return next((HAZARD_BY_CATEGORY[c] for c in info.categories if c in HAZARD_BY_CATEGORY), None)


def cap_severity(info: CapInfo) -> int:
    """danger_zone severity 1..5 from CAP severity, certainty and urgency (docs/cap-in.md)."""
    level = SEVERITY_BASE.get(info.severity, 3)
    if info.certainty in SEVERITY_STEP_DOWN_CERTAINTY:
        level -= 1
    if info.urgency in SEVERITY_STEP_DOWN_URGENCY:
        level -= 1
    return max(1, level)


def cap_confidence(info: CapInfo) -> str:
    return CONFIDENCE.get(info.certainty, "unconfirmed")
