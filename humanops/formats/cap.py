"""Alerts as CAP 1.2 (OASIS Common Alerting Protocol) XML.

``cap_xml(alert, sender=...)`` writes one ``<alert>`` valid against the OASIS CAP 1.2 schema
(urn:oasis:names:tc:emergency:cap:1.2). The alert is any object with the attributes of
:class:`CapAlertSource` (``humanops.analysis.triggers.Alert`` has them; this module does not
import the analysis layer).

The sharing marking becomes the CAP scope: TLP:CLEAR is ``Public``; AMBER+STRICT and RED with named
recipients are ``Private`` with those ``addresses``; anything else is ``Restricted`` with a
``restriction`` text stating the TLP level, who it is releasable to and the caveats. The area is a
``polygon`` ("lat,lon lat,lon ..." closed ring, WGS 84, at most :data:`MAX_POLYGON_POINTS` points)
or, for a point with a radius, a ``circle`` ("lat,lon radius_km").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

import shapely

from humanops.errors import FormatError

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
MAX_POLYGON_POINTS = 100
CAP_SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CAP_URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CAP_CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CAP_CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
                  "CBRNE", "Other")
CAP_STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
# CAP forbids spaces, commas and the XML-reserved characters in identifiers and sender.
_BAD_ID_CHARS = re.compile(r"[\s,<>&'\"]+")


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


def _pairs(coords: Sequence[Sequence[float]]) -> str:
    return " ".join(f"{lat:.6f},{lon:.6f}" for lon, lat in coords)


def cap_polygon(geometry: Any, max_points: int = MAX_POLYGON_POINTS) -> str | None:
    """The exterior ring of a polygon (the largest part of a multipolygon) as CAP ``lat,lon`` pairs, closed.

    Rings with more than ``max_points`` points are simplified (shapely, topology-preserving) until they fit.
    """
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "MultiPolygon":
        geometry = max(geometry.geoms, key=lambda g: g.area)
    if geometry.geom_type != "Polygon":
        geometry = shapely.convex_hull(geometry)
        if geometry.geom_type != "Polygon":
            return None
    ring = shapely.Polygon(geometry.exterior)
    tolerance = 1e-5
    while len(ring.exterior.coords) > max_points:
        ring = shapely.simplify(shapely.Polygon(geometry.exterior), tolerance, preserve_topology=True)
        tolerance *= 2
    coords = list(shapely.orient_polygons(ring).exterior.coords)
    if len(coords) < 4:
        return None
    if coords[0] != coords[-1]:
        coords.append(coords[0])
    return _pairs(coords)


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


def cap_xml(alert: CapAlertSource, *, sender: str, sent: datetime | None = None, status: str = "Actual",
            sender_name: str = "", language: str = "en") -> bytes:
    """One CAP 1.2 ``<alert>`` document (UTF-8 bytes with an XML declaration)."""
    ns = "{" + CAP_NS + "}"
    _check(status, CAP_STATUSES, "status", alert.id)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, ns + tag)
        if text is not None:
            element.text = text
        return element

    root = ET.Element(ns + "alert")
    sub(root, "identifier", cap_token(f"humanops-{alert.id}"))
    sub(root, "sender", cap_token(sender))
    sub(root, "sent", cap_time(sent or alert.last_fired or datetime.now(UTC)))
    sub(root, "status", status)
    sub(root, "msgType", "Alert")
    sub(root, "source", "HumanOps preauthorised trigger rules")
    scope, restriction, addresses = _scope(alert)
    sub(root, "scope", scope)
    if restriction:
        sub(root, "restriction", restriction)
    if addresses:
        sub(root, "addresses", addresses)
    notes = [f"TLP:{(alert.tlp or 'AMBER').upper()}", f"rule {alert.rule_id}"]
    if alert.state == "resolved":
        notes.append("the condition no longer holds (resolved)")
    sub(root, "note", "; ".join(notes))

    info = sub(root, "info")
    sub(info, "language", language)
    sub(info, "category", _check(alert.category or "Safety", CAP_CATEGORIES, "category", alert.id))
    sub(info, "event", alert.event or alert.rule_id)
    sub(info, "urgency", _check(alert.urgency, CAP_URGENCIES, "urgency", alert.id))
    sub(info, "severity", _check(alert.severity, CAP_SEVERITIES, "severity", alert.id))
    sub(info, "certainty", _check(alert.certainty, CAP_CERTAINTIES, "certainty", alert.id))
    if sender_name:
        sub(info, "senderName", sender_name)
    sub(info, "headline", alert.headline)
    if alert.description:
        sub(info, "description", alert.description)
    parameter = sub(info, "parameter")
    sub(parameter, "valueName", "humanops:rule")
    sub(parameter, "value", alert.rule_id)
    if alert.features:
        parameter = sub(info, "parameter")
        sub(parameter, "valueName", "humanops:features")
        sub(parameter, "value", " ".join(f"{f.layer}:{f.uuid}:{f.role}" for f in alert.features))

    area = alert.area
    if area is not None and not area.is_empty:
        area_el = sub(info, "area")
        sub(area_el, "areaDesc", alert.area_desc or alert.headline)
        if area.geom_type == "Point":
            sub(area_el, "circle", cap_circle(area, alert.area_radius_m or 0.0))
        else:
            polygon = cap_polygon(area)
            if polygon:
                sub(area_el, "polygon", polygon)
            else:  # a degenerate area (points in a line): a circle round its centre
                sub(area_el, "circle", cap_circle(area.centroid, alert.area_radius_m or 0.0))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=CAP_NS)


def write_cap(alert: CapAlertSource, path: str, **kwargs: Any) -> None:
    """Write :func:`cap_xml` to ``path``, whole or not at all (:mod:`humanops.store.atomic_files`)."""
    from pathlib import Path

    from humanops.store.atomic_files import write_bytes_atomic

    target = Path(path)
    data = cap_xml(alert, **kwargs)
    if not target.parent.exists():
        raise FormatError("folder does not exist", file=str(target.parent))
    # owner-only (0600) as before: a Restricted or Private alert names its recipients
    write_bytes_atomic(target, data)
