"""An exercise's inject timeline: the TOML file the controller plays, read and checked whole.

An inject happens at an offset from the exercise's start (``at = "T+01:15"``, scenario time) and is
one of four kinds:

* ``danger_zone`` — a danger zone appears: inline GeoJSON ``geometry`` (or ``file``, a GeoJSON file
  relative to the TOML: a geometry, a Feature or a one-feature FeatureCollection), ``properties`` of
  the danger zone kind and a ``marking`` (TLP, releasable_to, caveats); datetime fields may be
  written ``"T+HH:MM"`` (from the exercise start); ``valid_from`` defaults to the moment it is played;
* ``corridor_closed`` — a corridor's status changes (``corridor``: its uuid or name; ``status``,
  default ``closed``), through the ordinary edit path (versioned; a proposal when the controller is
  not its originator);
* ``message`` — a message to one participant (``to``, ``text``), raised as an alert where the
  participant looks for what needs attention (:mod:`humanops.scenario.inject_player`);
* ``package`` — a partner's package arrives: made when played from the controller's workspace for
  ``to`` (``layers``, ``full``), through the ordinary export, so the sharing policy applies.

``to`` (a participant id or a list) names who receives a ``danger_zone`` or ``corridor_closed``
inject as a package (default: every participant the player is given). Every problem is a
:class:`FormatError` naming the file, the inject (its id and place) and the field; nothing is
played from a file that does not read whole.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape

from humanops.catalog import Catalog, load_catalog
from humanops.errors import FormatError, HumanOpsError
from humanops.model.marking import TLP, Marking

KINDS = ("danger_zone", "corridor_closed", "message", "package")
OFFSET = re.compile(r"^T\+(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_ORG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
MAX_BYTES = 4 * 1024 * 1024
MAX_TEXT = 4000
# Keys each kind takes beside id, at, kind, title and to: any other key is a typo, said as such.
_KEYS: dict[str, set[str]] = {
    "danger_zone": {"geometry", "file", "properties", "marking"},
    "corridor_closed": {"corridor", "status"},
    "message": {"text", "severity"},
    "package": {"layers", "full"},
}
_COMMON = {"id", "at", "kind", "title", "to"}
MESSAGE_SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")


@dataclass(frozen=True)
class Inject:
    id: str
    at: timedelta  # after the exercise's start, in scenario time
    kind: str
    title: str
    to: tuple[str, ...] = ()  # the participants it goes to (empty: every participant given)
    geometry: Any = None  # danger_zone: a shapely geometry, EPSG:4326
    properties: dict[str, Any] = field(default_factory=dict)  # danger_zone; T+ times still as text
    marking: Marking | None = None
    corridor: str = ""  # corridor_closed: uuid or name
    status: str = "closed"
    text: str = ""  # message
    severity: str = "Severe"
    layers: tuple[str, ...] = ()  # package
    full: bool = False

    @property
    def offset_text(self) -> str:
        return format_offset(self.at)

    def due(self, start: datetime) -> datetime:
        return start + self.at

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"id": self.id, "at": self.offset_text, "kind": self.kind, "title": self.title,
                               "to": list(self.to)}
        if self.kind == "danger_zone":
            doc.update(properties=self.properties, marking=self.marking.to_columns() if self.marking else None)
        elif self.kind == "corridor_closed":
            doc.update(corridor=self.corridor, status=self.status)
        elif self.kind == "message":
            doc.update(text=self.text, severity=self.severity)
        else:
            doc.update(layers=list(self.layers), full=self.full)
        return doc


@dataclass(frozen=True)
class InjectTimeline:
    file: str
    name: str  # [exercise] name = ...: the exercise it was written for ("" when not said)
    injects: tuple[Inject, ...]

    def get(self, inject_id: str) -> Inject:
        for inject in self.injects:
            if inject.id == inject_id:
                return inject
        raise FormatError(f"no inject {inject_id!r} in the timeline", file=self.file)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "name": self.name, "injects": [i.to_dict() for i in self.injects]}


def parse_offset(text: Any, *, file: str | None = None, where: str | None = None, field_name: str = "at") -> timedelta:
    """``T+HH:MM`` or ``T+HH:MM:SS`` after the exercise's start."""
    match = OFFSET.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise FormatError(f"{text!r} is not a time after the start such as \"T+01:30\" (T+HH:MM or T+HH:MM:SS)",
                          file=file, feature=where, field=field_name)
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def format_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    text = f"T{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    return text + (f":{seconds % 60:02d}" if seconds % 60 else "")


def read_timeline(path: str | Path, *, catalog: Catalog | None = None) -> InjectTimeline:
    """The inject file at ``path``, every inject checked (see the module docstring)."""
    path = Path(path)
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the inject file ({exc.strerror})", file=file) from None
    if len(data) > MAX_BYTES:
        raise FormatError(f"is larger than {MAX_BYTES // 1024 // 1024} MB: not an inject file", file=file)
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise FormatError("is not UTF-8 text", file=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(f"is not valid TOML ({exc})", file=file) from None
    unknown = sorted(set(doc) - {"exercise", "inject"})
    if unknown:
        raise FormatError(f"unknown table {unknown[0]!r} (an inject file holds [exercise] and [[inject]])",
                          file=file, field=unknown[0])
    header = doc.get("exercise", {})
    if not isinstance(header, dict):
        raise FormatError("[exercise] must be a table", file=file, field="exercise")
    name = header.get("name", "")
    if not isinstance(name, str):
        raise FormatError("must be text", file=file, field="exercise.name")
    raw = doc.get("inject")
    if not isinstance(raw, list) or not raw:
        raise FormatError("holds no inject: add [[inject]] tables", file=file, field="inject")
    catalog = catalog or load_catalog()
    injects: list[Inject] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw, start=1):
        inject = _inject(entry, number, path, catalog)
        if inject.id in seen:
            raise FormatError("is used by two injects: every inject needs its own id", file=file,
                              feature=f"inject {inject.id!r} (#{number})", field="id")
        seen.add(inject.id)
        injects.append(inject)
    # played in time order; two at the same moment in the file's order
    ordered = sorted(injects, key=lambda i: i.at)
    return InjectTimeline(file, name.strip(), tuple(ordered))


def _inject(entry: Any, number: int, path: Path, catalog: Catalog) -> Inject:
    file = str(path)
    where = f"inject #{number}"
    if not isinstance(entry, dict):
        raise FormatError("must be a table", file=file, feature=where)
    inject_id = entry.get("id")
    if not isinstance(inject_id, str) or not _ID.match(inject_id):
        raise FormatError(f"{inject_id!r} is not an inject id (letters, digits, _ . -; up to 64)", file=file,
                          feature=where, field="id")
    where = f"inject {inject_id!r} (#{number})"

    def fail(reason: str, field_name: str) -> FormatError:
        return FormatError(reason, file=file, feature=where, field=field_name)

    kind = entry.get("kind")
    if kind not in KINDS:
        raise fail(f"{kind!r} is not an inject kind (one of: {', '.join(KINDS)})", "kind")
    unknown = sorted(set(entry) - _COMMON - _KEYS[kind])
    if unknown:
        raise fail(f"is not a field of a {kind} inject (its fields: {', '.join(sorted(_COMMON | _KEYS[kind]))})",
                   unknown[0])
    if "at" not in entry:
        raise fail("is required: when the inject happens, e.g. \"T+00:30\"", "at")
    at = parse_offset(entry["at"], file=file, where=where)
    title = entry.get("title", "")
    if not isinstance(title, str) or len(title) > 200:
        raise fail("must be text of at most 200 characters", "title")
    to = _participants(entry.get("to", []), fail)
    common = {"id": inject_id, "at": at, "kind": kind, "title": title.strip(), "to": to}
    if kind == "danger_zone":
        return Inject(**common, **_danger_zone(entry, path, catalog, fail))
    if kind == "corridor_closed":
        corridor = entry.get("corridor")
        if not isinstance(corridor, str) or not corridor.strip():
            raise fail("is required: the uuid or the name of the corridor", "corridor")
        status = entry.get("status", "closed")
        values = catalog["corridor"].field("status").values
        if status not in values:
            raise fail(f"{status!r} is not a corridor status (one of: {', '.join(values)})", "status")
        return Inject(**common, corridor=corridor.strip(), status=status)
    if kind == "message":
        if len(to) != 1:
            raise fail("a message goes to one participant: give its organisation id", "to")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            raise fail(f"is required: the message, 1 to {MAX_TEXT} characters", "text")
        severity = entry.get("severity", "Severe")
        if severity not in MESSAGE_SEVERITIES:
            raise fail(f"{severity!r} is not a severity (one of: {', '.join(MESSAGE_SEVERITIES)})", "severity")
        return Inject(**common, text=text.strip(), severity=severity)
    # package
    if len(to) != 1:
        raise fail("a package goes to one participant: give its organisation id", "to")
    layers = entry.get("layers", [])
    if not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
        raise fail("must be a list of layer names", "layers")
    for layer in layers:
        if layer not in catalog:
            raise fail(f"{layer!r} is not a layer kind (known: {', '.join(catalog.names)})", "layers")
    full = entry.get("full", False)
    if not isinstance(full, bool):
        raise fail("must be true or false", "full")
    return Inject(**common, layers=tuple(layers), full=full)


def _participants(value: Any, fail: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise fail("must be an organisation id or a list of them", "to")
    for org in items:
        if not _ORG.match(org):
            raise fail(f"{org!r} is not an organisation id", "to")
    return tuple(dict.fromkeys(items))


def _danger_zone(entry: dict[str, Any], path: Path, catalog: Catalog, fail: Any) -> dict[str, Any]:
    from humanops.model.validation import conform_geometry, validate_properties

    kind = catalog["danger_zone"]
    if ("geometry" in entry) == ("file" in entry):
        raise fail("give the zone either as an inline GeoJSON geometry or as a file, not both and not neither",
                   "geometry")
    geojson = _geojson_file(entry["file"], path, fail) if "file" in entry else entry["geometry"]
    try:
        geometry = shape(geojson)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, shapely.errors.ShapelyError) as exc:
        raise fail(f"is not a GeoJSON geometry ({type(exc).__name__}: {str(exc)[:120]})", "geometry") from None
    if not geometry.is_valid:
        raise fail(f"is not a valid geometry ({shapely.is_valid_reason(geometry)})", "geometry")
    bounds = geometry.bounds
    if geometry.is_empty or not (-180 <= bounds[0] <= bounds[2] <= 180 and -90 <= bounds[1] <= bounds[3] <= 90):
        raise fail("must be a non-empty geometry in longitude/latitude (EPSG:4326)", "geometry")
    try:
        geometry, _ = conform_geometry(kind, geometry)
    except HumanOpsError as exc:
        raise fail(exc.reason, "geometry") from None
    properties = entry.get("properties", {})
    if not isinstance(properties, dict):
        raise fail("must be a table of danger zone fields", "properties")
    # a T+ time is checked here and made a moment when played (the exercise's start is the player's)
    sample: dict[str, Any] = {}
    for key, value in properties.items():
        is_time = key in kind.field_names and kind.field(key).type == "datetime"
        if is_time and isinstance(value, str) and value.strip().startswith("T+"):
            parse_offset(value, file=str(path), where=f"inject {entry['id']!r}", field_name=f"properties.{key}")
            sample[key] = None
        else:
            sample[key] = value
    try:
        validate_properties(kind, sample)
    except HumanOpsError as exc:
        raise fail(exc.reason, f"properties.{exc.field}" if exc.field else "properties") from None
    marking = _marking(entry.get("marking", {}), kind, fail)
    return {"geometry": geometry, "properties": dict(properties), "marking": marking}


def _geojson_file(name: Any, path: Path, fail: Any) -> Any:
    if not isinstance(name, str) or not name.strip():
        raise fail("must be the name of a GeoJSON file beside the inject file", "file")
    target = (path.parent / name).resolve()
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise fail(f"cannot read {name!r} ({reason})", "file") from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise fail(f"{name!r} is not JSON ({exc})", "file") from None
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list) or len(features) != 1:
            raise fail(f"{name!r} must hold exactly one feature (the zone)", "file")
        doc = features[0]
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = doc.get("geometry")
    return doc


def _marking(value: Any, kind: Any, fail: Any) -> Marking:
    if not isinstance(value, dict):
        raise fail("must be a table: tlp, releasable_to, caveats", "marking")
    unknown = sorted(set(value) - {"tlp", "releasable_to", "caveats"})
    if unknown:
        raise fail("is not part of a marking (tlp, releasable_to, caveats)", f"marking.{unknown[0]}")
    default = Marking.from_default(kind.default_marking)
    try:
        tlp = TLP.parse(value["tlp"]) if "tlp" in value else default.tlp
    except (HumanOpsError, ValueError):
        raise fail(f"{value.get('tlp')!r} is not a TLP level (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)",
                   "marking.tlp") from None
    parts: dict[str, tuple[str, ...]] = {}
    for key in ("releasable_to", "caveats"):
        items = value.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise fail("must be a list of text", f"marking.{key}")
        parts[key] = tuple(items)
    try:
        return Marking(tlp=tlp, releasable_to=parts["releasable_to"], caveats=parts["caveats"],
                       precision=default.precision)
    except HumanOpsError as exc:
        raise fail(exc.reason, f"marking.{exc.field or 'releasable_to'}") from None


def resolve_times(properties: dict[str, Any], start: datetime, played: datetime, kind: Any) -> dict[str, Any]:
    """A zone's properties to store: ``T+`` times made moments after ``start``, ``valid_from`` the
    moment it is played unless the file says otherwise."""
    out: dict[str, Any] = {}
    for key, value in properties.items():
        if isinstance(value, str) and value.strip().startswith("T+") and kind.field(key).type == "datetime":
            out[key] = start + parse_offset(value)
        else:
            out[key] = value
    if kind.time_start and kind.time_start not in out:
        out[kind.time_start] = played
    return out
