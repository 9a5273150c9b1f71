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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import shapely
from shapely.geometry import shape

from humanops.catalog import Catalog, load_catalog
from humanops.documents import Invalid, Problem, convert, format_key, parse_toml
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
        raise FormatError(_offset_reason(text), file=file, feature=where, field=field_name)
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _offset_reason(text: Any) -> str:
    return f"{text!r} is not a time after the start such as \"T+01:30\" (T+HH:MM or T+HH:MM:SS)"


def format_offset(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    text = f"T{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    return text + (f":{seconds % 60:02d}" if seconds % 60 else "")


Unset = msgspec.UnsetType
UNSET: Any = msgspec.UNSET  # a key the inject does not give (its kind's keys are told from the rest)


class MarkingTable(msgspec.Struct, forbid_unknown_fields=True):
    tlp: Any = None
    releasable_to: list[str] = []
    caveats: list[str] = []


class InjectTable(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One ``[[inject]]``: the keys of every kind declared, those of its own kind checked here."""

    id: Any = None
    at: Any = UNSET
    kind: Any = None
    title: str = ""
    to: str | list[str] = []
    geometry: Any = UNSET
    file: str | Unset = UNSET
    properties: dict[str, Any] | Unset = UNSET
    marking: MarkingTable | Unset = UNSET
    corridor: str | Unset = UNSET
    status: Any = UNSET
    text: str | Unset = UNSET
    severity: Any = UNSET
    layers: list[str] | Unset = UNSET
    full: bool | Unset = UNSET

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise Invalid(f"{self.id!r} is not an inject id (letters, digits, _ . -; up to 64)", "id")
        if self.kind not in KINDS:
            raise Invalid(f"{self.kind!r} is not an inject kind (one of: {', '.join(KINDS)})", "kind")
        given = {key for keys in _KEYS.values() for key in keys if getattr(self, key) is not UNSET}
        unknown = sorted(given - _KEYS[self.kind])
        if unknown:
            raise Invalid(_not_a_field(self.kind), unknown[0])
        if self.at is UNSET:
            raise Invalid("is required: when the inject happens, e.g. \"T+00:30\"", "at")
        if not isinstance(self.at, str) or not OFFSET.match(self.at.strip()):
            raise Invalid(_offset_reason(self.at), "at")
        if len(self.title) > 200:
            raise Invalid("must be text of at most 200 characters", "title")
        for org in self.participants:
            if not _ORG.match(org):
                raise Invalid(f"{org!r} is not an organisation id", "to")
        if self.kind in ("message", "package") and len(self.participants) != 1:
            raise Invalid(f"a {self.kind} goes to one participant: give its organisation id", "to")
        if self.kind == "corridor_closed" and (self.corridor is UNSET or not self.corridor.strip()):
            raise Invalid("is required: the uuid or the name of the corridor", "corridor")
        if self.kind == "message":
            if self.text is UNSET or not self.text.strip() or len(self.text) > MAX_TEXT:
                raise Invalid(f"is required: the message, 1 to {MAX_TEXT} characters", "text")
            if self.severity is not UNSET and self.severity not in MESSAGE_SEVERITIES:
                raise Invalid(f"{self.severity!r} is not a severity (one of: {', '.join(MESSAGE_SEVERITIES)})",
                              "severity")
        if self.kind == "danger_zone" and (self.geometry is UNSET) == (self.file is UNSET):
            raise Invalid("give the zone either as an inline GeoJSON geometry or as a file, not both and not neither",
                          "geometry")

    @property
    def participants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.to] if isinstance(self.to, str) else self.to))


class TimelineHead(msgspec.Struct):
    name: str = ""


class TimelineFile(msgspec.Struct, forbid_unknown_fields=True):
    exercise: TimelineHead = msgspec.field(default_factory=TimelineHead)
    inject: list[InjectTable] = []

    def __post_init__(self) -> None:
        if not self.inject:
            raise Invalid("holds no inject: add [[inject]] tables", "inject")


def _not_a_field(kind: str) -> str:
    return f"is not a field of a {kind} inject (its fields: {', '.join(sorted(_COMMON | _KEYS[kind]))})"


# What a value of the wrong type should have been, as the controller reads it.
_TYPE_WORDS = {"title": "must be text of at most 200 characters", "to": "must be an organisation id or a list of them",
               "file": "must be the name of a GeoJSON file beside the inject file",
               "properties": "must be a table of danger zone fields",
               "marking": "must be a table: tlp, releasable_to, caveats", "releasable_to": "must be a list of text",
               "caveats": "must be a list of text", "corridor": "is required: the uuid or the name of the corridor",
               "text": f"is required: the message, 1 to {MAX_TEXT} characters",
               "layers": "must be a list of layer names",
               "full": "must be true or false", "exercise": "[exercise] must be a table", "name": "must be text",
               "inject": "holds no inject: add [[inject]] tables"}


def _timeline_problem(problem: Problem, file: str) -> FormatError:
    path = problem.path
    if len(path) < 2 or path[0] != "inject":
        if problem.kind == "unknown" and len(path) == 1:
            return FormatError(f"unknown table {path[0]!r} (an inject file holds [exercise] and [[inject]])",
                               file=file, field=str(path[0]))
        reason = _TYPE_WORDS.get(problem.name, problem.reason) if problem.kind == "type" else problem.reason
        return FormatError(reason, file=file, field=problem.key)
    number = int(path[1]) + 1
    raw = problem.document["inject"][path[1]]
    inject_id = raw.get("id") if isinstance(raw, dict) else None
    named = isinstance(inject_id, str) and _ID.match(inject_id) and path[2:] != ("id",)
    where = f"inject {inject_id!r} (#{number})" if named else f"inject #{number}"
    key = format_key(path[2:]) or None
    reason = problem.reason
    if problem.kind == "type":
        last = next((p for p in reversed(path[2:]) if isinstance(p, str)), "")
        reason = _TYPE_WORDS.get(str(last), "must be a table" if key is None else reason)
        key = format_key(path[2:path.index(last) + 1]) if last else key
    elif problem.kind == "unknown" and len(path) == 3 and raw.get("kind") in KINDS:
        reason = _not_a_field(raw["kind"])
    elif problem.kind == "unknown" and path[2] == "marking":
        reason = "is not part of a marking (tlp, releasable_to, caveats)"
    return FormatError(reason, file=file, feature=where, field=key)


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
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError("is not UTF-8 text", file=file) from None
    doc = parse_toml(text, lambda reason: FormatError(f"is {reason.replace(': ', ' (', 1)})", file=file))
    checked = convert(doc, TimelineFile, lambda problem: _timeline_problem(problem, file))
    catalog = catalog or load_catalog()
    injects: list[Inject] = []
    seen: set[str] = set()
    for number, entry in enumerate(checked.inject, start=1):
        inject = _inject(entry, number, path, catalog)
        if inject.id in seen:
            raise FormatError("is used by two injects: every inject needs its own id", file=file,
                              feature=f"inject {inject.id!r} (#{number})", field="id")
        seen.add(inject.id)
        injects.append(inject)
    # played in time order; two at the same moment in the file's order
    ordered = sorted(injects, key=lambda i: i.at)
    return InjectTimeline(file, checked.exercise.name.strip(), tuple(ordered))


def _inject(entry: InjectTable, number: int, path: Path, catalog: Catalog) -> Inject:
    """The checked table as an :class:`Inject`, its names checked against the catalog."""
    file = str(path)
    where = f"inject {entry.id!r} (#{number})"

    def fail(reason: str, field_name: str) -> FormatError:
        return FormatError(reason, file=file, feature=where, field=field_name)

    common = {"id": entry.id, "at": parse_offset(entry.at), "kind": entry.kind, "title": entry.title.strip(),
              "to": entry.participants}
    if entry.kind == "danger_zone":
        return Inject(**common, **_danger_zone(entry, path, catalog, fail))
    if entry.kind == "corridor_closed":
        status = "closed" if entry.status is UNSET else entry.status
        values = catalog["corridor"].field("status").values
        if status not in values:
            raise fail(f"{status!r} is not a corridor status (one of: {', '.join(values)})", "status")
        return Inject(**common, corridor=entry.corridor.strip(), status=status)
    if entry.kind == "message":
        severity = "Severe" if entry.severity is UNSET else entry.severity
        return Inject(**common, text=entry.text.strip(), severity=severity)
    layers = [] if entry.layers is UNSET else entry.layers
    for layer in layers:
        if layer not in catalog:
            raise fail(f"{layer!r} is not a layer kind (known: {', '.join(catalog.names)})", "layers")
    return Inject(**common, layers=tuple(layers), full=entry.full is True)


def _danger_zone(entry: InjectTable, path: Path, catalog: Catalog, fail: Any) -> dict[str, Any]:
    from humanops.model.validation import conform_geometry, validate_properties

    kind = catalog["danger_zone"]
    geojson = _geojson_file(entry.file, path, fail) if entry.file is not UNSET else entry.geometry
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
    properties = {} if entry.properties is UNSET else entry.properties
    # a T+ time is checked here and made a moment when played (the exercise's start is the player's)
    sample: dict[str, Any] = {}
    for key, value in properties.items():
        is_time = key in kind.field_names and kind.field(key).type == "datetime"
        if is_time and isinstance(value, str) and value.strip().startswith("T+"):
            parse_offset(value, file=str(path), where=f"inject {entry.id!r}", field_name=f"properties.{key}")
            sample[key] = None
        else:
            sample[key] = value
    try:
        validate_properties(kind, sample)
    except HumanOpsError as exc:
        raise fail(exc.reason, f"properties.{exc.field}" if exc.field else "properties") from None
    marking = _marking(MarkingTable() if entry.marking is UNSET else entry.marking, kind, fail)
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


def _marking(value: MarkingTable, kind: Any, fail: Any) -> Marking:
    default = Marking.from_default(kind.default_marking)
    try:
        tlp = TLP.parse(value.tlp) if value.tlp is not None else default.tlp
    except (HumanOpsError, ValueError, AttributeError):
        raise fail(f"{value.tlp!r} is not a TLP level (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)",
                   "marking.tlp") from None
    try:
        return Marking(tlp=tlp, releasable_to=tuple(value.releasable_to), caveats=tuple(value.caveats),
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
