"""Alerts as CAP 1.2 (OASIS Common Alerting Protocol) XML, as alerting agencies write them.

:func:`cap_message` builds one ``<alert>`` valid against the OASIS CAP 1.2 schema
(urn:oasis:names:tc:emergency:cap:1.2) from an alert and a :class:`CapHeader` (identifier, sender,
sent, status, msgType, references). The alert is any object with the attributes of
:class:`CapAlertSource` (``humanops.analysis.triggers.Alert`` has them; this module does not import
the analysis layer). Which message to issue next for an alert (Alert, Update, Cancel) and the
record of those issued: :mod:`humanops.formats.cap_chain`. The mapping of our fields to CAP
elements is tabled in ``docs/cap-out.md``.

- One ``<info>`` per language asked for (English first), each in the words the alert holds for
  that language (``texts``): event, headline, description, instruction, area description.
- ``expires``: ``expires_hours`` after ``sent``, never after the end of the danger zones that fired
  the alert; ``web`` when the rule file names a page; ``eventCode``: the rule type and the zones'
  hazards (``humanops:trigger``, ``humanops:hazard``) and any code of an agency's list the rule
  gives; ``geocode``: the needs' P-codes (``PCODE``).
- The sharing marking becomes the CAP scope: TLP:CLEAR is ``Public``; AMBER+STRICT and RED with
  named recipients are ``Private`` with those ``addresses``; anything else is ``Restricted`` with a
  ``restriction`` text stating the TLP level, who it is releasable to and the caveats. The TLP
  label is also the alert's ``code`` (special handling).
- The area is one ``polygon`` per part of the zone ("lat,lon lat,lon ..." closed ring, WGS 84, at
  most :data:`MAX_POLYGON_POINTS` points each, the :data:`MAX_POLYGONS` largest parts) or, for a
  point with a radius, a ``circle`` ("lat,lon radius_km").
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import shapely

from humanops.errors import FormatError

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
MAX_POLYGON_POINTS = 100
MAX_POLYGONS = 20
CAP_SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CAP_URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CAP_CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CAP_CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
                  "CBRNE", "Other")
CAP_STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
CAP_MSG_TYPES = ("Alert", "Update", "Cancel")  # the ones we issue (not Ack, Error)
CAP_SOURCE = "HumanOps preauthorised trigger rules"
DEFAULT_EXPIRES_HOURS = 24.0
# CAP forbids spaces, commas and the XML-reserved characters in identifiers and sender.
_BAD_ID_CHARS = re.compile(r"[\s,<>&'\"]+")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class CapAlertSource(Protocol):
    id: str
    rule_id: str
    state: str
    headline: str
    description: str
    severity: str
    urgency: str
    certainty: str
    category: str
    event: str
    features: Sequence[Any]  # each with .layer, .uuid, .role
    area: Any  # EPSG:4326 shapely geometry or None
    area_radius_m: float | None
    area_desc: str
    tlp: str
    releasable_to: Sequence[str]
    caveats: Sequence[str]
    last_fired: datetime | None
    instruction: str
    web: str
    event_codes: Sequence[tuple[str, str]]
    geocodes: Sequence[tuple[str, str]]
    zones_valid_until: datetime | None
    expires_hours: float
    texts: Mapping[str, Mapping[str, Any]]  # {lang: {event, headline, description, instruction, area, ...}}


@dataclass(frozen=True)
class CapHeader:
    """What names one message and places it in its chain."""

    identifier: str
    sender: str
    sent: datetime
    status: str = "Actual"
    msg_type: str = "Alert"
    references: tuple[str, ...] = ()  # "sender,identifier,sent" of each earlier message
    exercise: str = ""  # "EXERCISE — NAME" of an exercise workspace: CAP 1.2 asks for it in <note>


def cap_time(moment: datetime) -> str:
    """CAP date-time: ``2026-11-28T12:00:00+00:00`` (seconds, explicit offset, never 'Z')."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC).replace(microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"


def cap_token(text: str, *, fallback: str = "humanops") -> str:
    """Text usable as a CAP identifier or sender."""
    token = _BAD_ID_CHARS.sub("_", text or "").strip("_")
    return token or fallback


def message_identifier(alert_id: str, status: str, seq: int) -> str:
    """The identifier of the ``seq``-th message of an alert with ``status``: distinct for every
    message, and between an Actual chain and an Exercise one."""
    return cap_token(f"humanops-{alert_id}-{status.lower()}-{seq:03d}")


def cap_expires(alert: CapAlertSource, sent: datetime) -> datetime:
    """``expires_hours`` after ``sent``, but not after the danger zones that fired the alert end
    (and not before ``sent``)."""
    hours = alert.expires_hours if alert.expires_hours and alert.expires_hours > 0 else DEFAULT_EXPIRES_HOURS
    expires = sent + timedelta(hours=hours)
    end = alert.zones_valid_until
    if end is not None:
        end = end if end.tzinfo else end.replace(tzinfo=UTC)
        expires = max(sent, min(expires, end))
    return expires


def _pairs(coords: Sequence[Sequence[float]]) -> str:
    return " ".join(f"{lat:.6f},{lon:.6f}" for lon, lat in coords)


def _ring(polygon: Any, max_points: int) -> str | None:
    ring = shapely.Polygon(polygon.exterior)
    tolerance = 1e-5
    while len(ring.exterior.coords) > max_points:
        ring = shapely.simplify(shapely.Polygon(polygon.exterior), tolerance, preserve_topology=True)
        tolerance *= 2
    coords = list(shapely.orient_polygons(ring).exterior.coords)
    if len(coords) < 4:
        return None
    if coords[0] != coords[-1]:
        coords.append(coords[0])
    return _pairs(coords)


def cap_polygons(geometry: Any, max_points: int = MAX_POLYGON_POINTS, max_parts: int = MAX_POLYGONS) -> list[str]:
    """Each polygon of ``geometry`` (largest first, at most ``max_parts``) as a closed CAP ring of
    ``lat,lon`` pairs, simplified (shapely, topology-preserving) to at most ``max_points`` points.
    Anything else than polygons: their convex hull."""
    if geometry is None or geometry.is_empty:
        return []
    if geometry.geom_type == "MultiPolygon":
        parts = sorted(geometry.geoms, key=lambda g: g.area, reverse=True)[:max_parts]
    elif geometry.geom_type == "Polygon":
        parts = [geometry]
    else:
        hull = shapely.convex_hull(geometry)
        parts = [hull] if hull.geom_type == "Polygon" else []
    return [ring for ring in (_ring(p, max_points) for p in parts) if ring]


def cap_polygon(geometry: Any, max_points: int = MAX_POLYGON_POINTS) -> str | None:
    """The exterior ring of a polygon (the largest part of a multipolygon) as CAP ``lat,lon`` pairs, closed."""
    rings = cap_polygons(geometry, max_points, max_parts=1)
    return rings[0] if rings else None


def cap_circle(point: Any, radius_m: float) -> str:
    return f"{point.y:.6f},{point.x:.6f} {max(radius_m, 0.0) / 1000.0:.3f}"


def restriction_text(tlp: str, releasable_to: Sequence[str], caveats: Sequence[str]) -> str:
    parts = [f"TLP:{tlp}."]
    parts.append(f"Releasable to: {', '.join(releasable_to)}." if releasable_to
                 else "Not releasable beyond the recipients of this message.")
    if caveats:
        parts.append(f"Caveats: {', '.join(c.replace('_', ' ') for c in caveats)}.")
    return " ".join(parts)


def _scope(alert: CapAlertSource) -> tuple[str, str | None, str | None]:
    """(scope, restriction, addresses) from the alert's marking."""
    tlp = (alert.tlp or "AMBER").upper()
    if tlp == "CLEAR" and not alert.caveats:
        return "Public", None, None
    if tlp in ("AMBER+STRICT", "RED") and alert.releasable_to:
        # CAP addresses are space-delimited; an address with spaces is quoted.
        addresses = " ".join(f'"{a}"' if " " in a else a for a in alert.releasable_to)
        return "Private", None, addresses
    return "Restricted", restriction_text(tlp, list(alert.releasable_to), list(alert.caveats)), None


def _check(value: str, allowed: tuple[str, ...], name: str, alert_id: str) -> str:
    if value not in allowed:
        raise FormatError(f"{name} {value!r} is not a CAP 1.2 value ({', '.join(allowed)})", feature=alert_id,
                          field=name)
    return value


def message_languages(languages: Sequence[str], alert_id: str = "") -> tuple[str, ...]:
    """``languages`` as the message carries them: English first, each once, each a language tag."""
    bad = [lang for lang in languages if not _LANGUAGE.match(lang)]
    if bad:
        raise FormatError(f"{bad[0]!r} is not a language tag (en, fr, ar, es...)", feature=alert_id or None,
                          field="language")
    return tuple(dict.fromkeys(["en", *languages]))


def alert_words(alert: CapAlertSource, lang: str) -> Mapping[str, Any]:
    """What the alert says in ``lang``; English from its own fields when it holds no texts (an alert
    stored by an earlier version)."""
    texts = alert.texts or {}
    if lang in texts:
        return texts[lang]
    if lang == "en":
        return {"event": alert.event or alert.rule_id, "headline": alert.headline, "description": alert.description,
                "instruction": alert.instruction, "area": alert.area_desc,
                "cancel_headline": f"Ended: {alert.headline}"[:160],
                "cancel_description": "The conditions of this alert no longer hold: it is cancelled."}
    held = ", ".join(sorted(texts)) or "English only: evaluate the rules again (humanops triggers check)"
    raise FormatError(f"the alert holds no texts in {lang!r} (it has: {held})", feature=alert.id, field="language")


def cap_message(alert: CapAlertSource, header: CapHeader, *, languages: Sequence[str] = ("en",),
                sender_name: str = "", web: str | None = None) -> ET.Element:
    """One CAP 1.2 ``<alert>`` element: ``header``, then an ``<info>`` per language."""
    ns = "{" + CAP_NS + "}"
    _check(header.status, CAP_STATUSES, "status", alert.id)
    _check(header.msg_type, CAP_MSG_TYPES, "msgType", alert.id)
    if header.msg_type != "Alert" and not header.references:
        raise FormatError(f"a {header.msg_type} must reference the messages it supersedes", feature=alert.id,
                          field="references")
    cancel = header.msg_type == "Cancel"

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, ns + tag)
        if text is not None:
            element.text = text
        return element

    root = ET.Element(ns + "alert")
    sub(root, "identifier", cap_token(header.identifier))
    sub(root, "sender", cap_token(header.sender))
    sub(root, "sent", cap_time(header.sent))
    sub(root, "status", header.status)
    sub(root, "msgType", header.msg_type)
    sub(root, "source", CAP_SOURCE)
    scope, restriction, addresses = _scope(alert)
    sub(root, "scope", scope)
    if restriction:
        sub(root, "restriction", restriction)
    if addresses:
        sub(root, "addresses", addresses)
    tlp = f"TLP:{(alert.tlp or 'AMBER').upper()}"
    sub(root, "code", tlp)
    notes = [*([header.exercise] if header.exercise else []), tlp, f"rule {alert.rule_id}"]
    if cancel:
        notes.append("the condition no longer holds (resolved)")
    sub(root, "note", "; ".join(notes))
    if header.references:
        sub(root, "references", " ".join(header.references))

    expires = cap_time(cap_expires(alert, header.sent))
    category = _check(alert.category or "Safety", CAP_CATEGORIES, "category", alert.id)
    urgency = "Past" if cancel else _check(alert.urgency, CAP_URGENCIES, "urgency", alert.id)
    severity = _check(alert.severity, CAP_SEVERITIES, "severity", alert.id)
    certainty = _check(alert.certainty, CAP_CERTAINTIES, "certainty", alert.id)
    web = web if web is not None else alert.web
    for lang in message_languages(languages, alert.id):
        words = alert_words(alert, lang)
        info = sub(root, "info")
        sub(info, "language", lang)
        sub(info, "category", category)
        sub(info, "event", words.get("event") or alert.rule_id)
        sub(info, "urgency", urgency)
        sub(info, "severity", severity)
        sub(info, "certainty", certainty)
        for name, value in alert.event_codes:
            code = sub(info, "eventCode")
            sub(code, "valueName", name)
            sub(code, "value", value)
        sub(info, "expires", expires)
        if sender_name:
            sub(info, "senderName", sender_name)
        sub(info, "headline", words.get("cancel_headline" if cancel else "headline") or alert.headline)
        description = words.get("cancel_description") if cancel else words.get("description")
        if description:
            sub(info, "description", description)
        if words.get("instruction") and not cancel:  # a Cancel asks nothing more of anyone
            sub(info, "instruction", words["instruction"])
        if web:
            sub(info, "web", web)
        _parameters(info, alert, sub)
        _area(info, alert, words.get("area") or alert.area_desc or alert.headline, sub)
    return root


def _parameters(info: ET.Element, alert: CapAlertSource, sub: Any) -> None:
    parameter = sub(info, "parameter")
    sub(parameter, "valueName", "humanops:rule")
    sub(parameter, "value", alert.rule_id)
    if alert.features:
        parameter = sub(info, "parameter")
        sub(parameter, "valueName", "humanops:features")
        sub(parameter, "value", " ".join(f"{f.layer}:{f.uuid}:{f.role}" for f in alert.features))


def _area(info: ET.Element, alert: CapAlertSource, description: str, sub: Any) -> None:
    area = alert.area
    if area is None or area.is_empty:
        if not alert.geocodes:
            return
        area_el = sub(info, "area")
        sub(area_el, "areaDesc", description)
    else:
        area_el = sub(info, "area")
        sub(area_el, "areaDesc", description)
        if area.geom_type == "Point":
            sub(area_el, "circle", cap_circle(area, alert.area_radius_m or 0.0))
        else:
            polygons = cap_polygons(area)
            for polygon in polygons:
                sub(area_el, "polygon", polygon)
            if not polygons:  # a degenerate area (points in a line): a circle round its centre
                sub(area_el, "circle", cap_circle(area.centroid, alert.area_radius_m or 0.0))
    for name, value in alert.geocodes:
        geocode = sub(area_el, "geocode")
        sub(geocode, "valueName", name)
        sub(geocode, "value", value)


def cap_bytes(root: ET.Element) -> bytes:
    """The document as written: UTF-8 with an XML declaration, indented, CAP as default namespace."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=CAP_NS)


def content_digest(alert: CapAlertSource, *, status: str, sender: str, languages: Sequence[str],
                   sender_name: str = "", web: str | None = None) -> str:
    """SHA-256 of what the alert's message says, whatever its identifier, time and place in the chain:
    when it differs from the last message issued, an Update is due."""
    header = CapHeader(identifier="-", sender=sender, sent=datetime(2000, 1, 1, tzinfo=UTC), status=status)
    root = cap_message(alert, header, languages=languages, sender_name=sender_name, web=web)
    ns = "{" + CAP_NS + "}"
    # expires follows sent; what it is made from is the content
    for expires in root.iter(ns + "expires"):
        expires.text = f"{alert.expires_hours}h, zones until {alert.zones_valid_until}"
    return hashlib.sha256(cap_bytes(root)).hexdigest()


def cap_xml(alert: CapAlertSource, *, sender: str, sent: datetime | None = None, status: str = "Actual",
            sender_name: str = "", languages: Sequence[str] = ("en",), identifier: str | None = None,
            msg_type: str = "Alert", references: Sequence[str] = (), web: str | None = None) -> bytes:
    """One CAP 1.2 ``<alert>`` document (UTF-8 bytes with an XML declaration), sent at ``sent`` (by
    default when the alert last fired). Issuing messages with their chain: :mod:`humanops.formats.cap_chain`."""
    moment = sent or alert.last_fired
    if moment is None:
        raise FormatError("the alert has no time to be sent at (it never fired)", feature=alert.id, field="sent")
    header = CapHeader(identifier=identifier or message_identifier(alert.id, status, 1), sender=sender, sent=moment,
                       status=status, msg_type=msg_type, references=tuple(references))
    return cap_bytes(cap_message(alert, header, languages=languages, sender_name=sender_name, web=web))


def write_cap_bytes(path: str, data: bytes) -> None:
    """Write a CAP document to ``path``, whole or not at all (:mod:`humanops.store.atomic_files`)."""
    from pathlib import Path

    from humanops.store.atomic_files import write_bytes_atomic

    target = Path(path)
    if not target.parent.exists():
        raise FormatError("folder does not exist", file=str(target.parent))
    # owner-only (0600) as before: a Restricted or Private alert names its recipients
    write_bytes_atomic(target, data)


def write_cap(alert: CapAlertSource, path: str, **kwargs: Any) -> None:
    """Write :func:`cap_xml` to ``path``, whole or not at all."""
    write_cap_bytes(path, cap_xml(alert, **kwargs))
