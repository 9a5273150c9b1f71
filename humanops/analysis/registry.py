"""Analysis operations: typed parameters, one ``run`` signature, one registry (like QGIS Processing).

Every analysis (exposure, corridor risk, routing, evacuation, aid allocation...) is a small
:class:`Operation` subclass with an ``id``, a ``title`` and a tuple of typed ``parameters``.
The CLI builds its arguments from them, the app builds its dialogs from them, and the workers
call ``op.run(workspace, params, feedback)`` with the dict :func:`validate_params` returned, so
every front end checks input the same way.

    class Exposure(Operation):
        id = "exposure"
        title = "Population exposed to danger zones"
        parameters = (DateTimeParam("at", "Time", optional=True),
                      NumberParam("distance_m", "Distance", min=0, max=100_000, default=0, unit="m"))
        def run(self, workspace, params, feedback): ...

    register(Exposure())
    result = get("exposure").run(ws, validate_params(get("exposure"), {"distance_m": "250"}), Feedback())

Operations register themselves when their module is imported; :func:`operations` and
:func:`get` import the known analysis modules first (lazily, so importing this module is cheap).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from humanops.errors import AnalysisError
from humanops.model.numbers import format_number

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

# Modules that register operations on import. They hold declarations only (the engine is imported
# by ``run``), so building the CLI parser or an app menu loads no numpy, pandas or shapely
# (tests/test_cli_speed_imports.py). Every one must exist: a missing one is a broken install. Add a
# name here when a new module of operations appears.
OPERATION_MODULES: tuple[str, ...] = (
    "humanops.analysis.operations",
    "humanops.analysis.planning_operations",
)

_MISSING = object()


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Parameter:
    """Base of the typed parameters. ``name`` is the key in the params dict (and ``--name`` in the CLI)."""

    name: str
    title: str = ""
    optional: bool = False
    default: Any = None
    help: str = ""

    type_name: ClassVar[str] = "value"

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ")

    def convert(self, value: Any) -> Any:  # pragma: no cover - overridden
        return value

    def error(self, reason: str) -> AnalysisError:
        exc = AnalysisError(f"parameter {self.name!r}: {reason}")
        exc.parameter = self.name  # type: ignore[attr-defined]  # lets a dialog highlight the widget
        return exc

    def describe(self) -> dict[str, Any]:
        """JSON-able description (for dialogs, ``--json`` help, docs)."""
        out: dict[str, Any] = {"name": self.name, "type": self.type_name, "title": self.label,
                               "optional": self.optional}
        if self.default is not None:
            out["default"] = self.default.isoformat() if isinstance(self.default, datetime) else self.default
        if self.help:
            out["help"] = self.help
        return out


@dataclass(frozen=True)
class LayerParam(Parameter):
    """A workspace layer name, optionally restricted to certain layer kinds / geometry types."""

    kinds: tuple[str, ...] = ()
    type_name: ClassVar[str] = "layer"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"expected a layer name, got {value!r}")
        value = value.strip()
        if self.kinds and value not in self.kinds:
            raise self.error(f"layer {value!r} is not one of {', '.join(self.kinds)}")
        return value

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "kinds": list(self.kinds)}


@dataclass(frozen=True)
class NumberParam(Parameter):
    """A real (or, with ``integer=True``, whole) number within ``min..max``, in ``unit``."""

    min: float | None = None
    max: float | None = None
    unit: str = ""
    integer: bool = False
    type_name: ClassVar[str] = "number"

    def convert(self, value: Any) -> float | int:
        if isinstance(value, bool):
            raise self.error(f"expected a number, got {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise self.error(f"expected a number, got {value!r}") from None
        if not math.isfinite(number):
            raise self.error(f"expected a finite number, got {value!r}")
        if self.integer:
            if number != int(number):
                raise self.error(f"expected a whole number, got {value!r}")
            number = int(number)
        unit = f" {self.unit}" if self.unit else ""
        if self.min is not None and number < self.min:
            raise self.error(f"{format_number(number)}{unit} is below the minimum {format_number(self.min)}{unit}")
        if self.max is not None and number > self.max:
            raise self.error(f"{format_number(number)}{unit} is above the maximum {format_number(self.max)}{unit}")
        return number

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "min": self.min, "max": self.max, "unit": self.unit,
                "integer": self.integer}


@dataclass(frozen=True)
class EnumParam(Parameter):
    """One of ``choices`` or, with ``multiple=True``, a list of them (a comma-separated string is accepted)."""

    choices: tuple[str, ...] = ()
    multiple: bool = False
    type_name: ClassVar[str] = "enum"

    def convert(self, value: Any) -> str | tuple[str, ...]:
        if self.multiple:
            items = [v.strip() for v in value.split(",")] if isinstance(value, str) else list(value)
            items = [v for v in items if v != ""]
            bad = [v for v in items if v not in self.choices]
            if bad:
                raise self.error(f"{', '.join(map(repr, bad))} not among {', '.join(self.choices)}")
            return tuple(dict.fromkeys(items))  # ordered, no duplicates
        if value not in self.choices:
            raise self.error(f"{value!r} is not one of {', '.join(self.choices)}")
        return str(value)

    def describe(self) -> dict[str, Any]:
        default = list(self.default) if isinstance(self.default, tuple) else self.default
        out = {**super().describe(), "choices": list(self.choices), "multiple": self.multiple}
        if default is not None:
            out["default"] = default
        return out


@dataclass(frozen=True)
class DateTimeParam(Parameter):
    """An instant; ISO 8601 text or a datetime. A naive time is taken as UTC (the store's convention)."""

    type_name: ClassVar[str] = "datetime"

    def convert(self, value: Any) -> datetime:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            text = value.strip()
            if text.endswith("Z"):
                text = text[:-1] + "+00:00"
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                raise self.error(f"expected an ISO 8601 date/time, got {value!r}") from None
        else:
            raise self.error(f"expected an ISO 8601 date/time, got {value!r}")
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class PointParam(Parameter):
    """A WGS84 point: ``"lon,lat"`` text, a (lon, lat) pair or a shapely Point; returns ``(lon, lat)``."""

    type_name: ClassVar[str] = "point"

    def convert(self, value: Any) -> tuple[float, float]:
        if hasattr(value, "x") and hasattr(value, "y"):
            coords: Sequence[Any] = (value.x, value.y)
        elif isinstance(value, str):
            coords = [c.strip() for c in value.split(",")]
        elif isinstance(value, Sequence):
            coords = value
        else:
            raise self.error(f"expected 'lon,lat', got {value!r}")
        if len(coords) != 2:
            raise self.error(f"expected 'lon,lat', got {value!r}")
        try:
            lon, lat = float(coords[0]), float(coords[1])
        except (TypeError, ValueError):
            raise self.error(f"expected 'lon,lat', got {value!r}") from None
        from humanops.errors import ValidationError
        from humanops.model.places import parse_place_text

        try:  # the one parser of places: same tolerance and "look swapped" as every command
            place = parse_place_text(f"{lon!r},{lat!r}", order="lon,lat")
        except ValidationError as exc:
            raise self.error(exc.reason) from None
        if place is None:
            raise self.error(f"expected 'lon,lat', got {value!r}")
        return place.lon, place.lat


@dataclass(frozen=True)
class BoolParam(Parameter):
    """True/false; accepts booleans and the usual words (yes/no, true/false, 1/0, on/off)."""

    type_name: ClassVar[str] = "boolean"

    def convert(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("1", "true", "yes", "on", "y", "t"):
                return True
            if word in ("0", "false", "no", "off", "n", "f"):
                return False
        raise self.error(f"expected true or false, got {value!r}")


@dataclass(frozen=True)
class StringParam(Parameter):
    """Free text, at most ``max_length`` characters."""

    max_length: int | None = None
    type_name: ClassVar[str] = "string"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str):
            raise self.error(f"expected text, got {value!r}")
        if self.max_length is not None and len(value) > self.max_length:
            raise self.error(f"longer than {self.max_length} characters")
        return value


# --------------------------------------------------------------------------- operations


@dataclass
class OperationResult:
    """What an operation gives back: named tables, a JSON-able summary, and optionally a layer to draw.

    ``tables`` maps a name to a DataFrame / GeoDataFrame (``"by_group"``, ``"corridors"``...);
    ``summary`` holds plain numbers and strings (the CLI prints it with ``--json``);
    ``layer`` is a GeoDataFrame in EPSG:4326 the app may add to the map as a result layer.
    """

    operation: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    layer: gpd.GeoDataFrame | None = None
    layer_name: str | None = None


class Operation:
    """Base of every analysis. Subclasses set ``id``, ``title``, ``parameters`` and implement ``run``."""

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    group: ClassVar[str] = "analysis"
    parameters: ClassVar[tuple[Parameter, ...]] = ()

    def run(self, workspace: Workspace, params: dict[str, Any], feedback: Feedback) -> OperationResult:
        raise NotImplementedError

    def parameter(self, name: str) -> Parameter:
        for param in self.parameters:
            if param.name == name:
                return param
        raise AnalysisError(f"operation {self.id!r} has no parameter {name!r}")

    def describe(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "description": self.description, "group": self.group,
                "parameters": [p.describe() for p in self.parameters]}

    def __call__(self, workspace: Workspace, raw: Mapping[str, Any] | None = None,
                 feedback: Feedback | None = None) -> OperationResult:
        """Validate ``raw`` and run: the one-line way for scripts and tests."""
        from humanops.feedback import Feedback as _Feedback

        return self.run(workspace, validate_params(self, raw or {}), feedback or _Feedback())


_REGISTRY: dict[str, Operation] = {}
_imported: set[str] = set()


def register(op: Operation | type[Operation]) -> Any:
    """Register an operation (instance or class; usable as a class decorator). Re-registering an id replaces it."""
    instance = op() if isinstance(op, type) else op
    if not instance.id:
        raise AnalysisError(f"operation {type(instance).__name__} has no id")
    names = [p.name for p in instance.parameters]
    if len(names) != len(set(names)):
        raise AnalysisError(f"operation {instance.id!r} declares a parameter twice")
    _REGISTRY[instance.id] = instance
    return op


def _import_operation_modules(until: str | None = None) -> None:
    """Import the operation modules in order (all, or until ``until`` is registered)."""
    for name in OPERATION_MODULES:
        if until is not None and until in _REGISTRY:
            return
        if name in _imported:
            continue
        importlib.import_module(name)
        _imported.add(name)  # after: a module that failed to import is tried (and fails) again


def get(op_id: str) -> Operation:
    """The registered operation ``op_id``; AnalysisError naming the known ones otherwise."""
    _import_operation_modules(until=op_id)
    try:
        return _REGISTRY[op_id]
    except KeyError:
        _import_operation_modules()
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise AnalysisError(f"no analysis operation {op_id!r} (known: {known})") from None


def operations() -> list[Operation]:
    """Every registered operation, sorted by group then id."""
    _import_operation_modules()
    return sorted(_REGISTRY.values(), key=lambda op: (op.group, op.id))


def validate_params(op: Operation, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check and convert ``raw`` (strings from the CLI or values from a dialog) against ``op.parameters``.

    Missing optional parameters get their default (or None); ``None`` counts as missing.
    Unknown keys are refused, so a typo never silently runs with a default.
    """
    known = {p.name for p in op.parameters}
    unknown = [k for k in raw if k not in known]
    if unknown:
        raise AnalysisError(f"operation {op.id!r}: unknown parameter {unknown[0]!r} "
                            f"(expected: {', '.join(sorted(known)) or 'none'})")
    out: dict[str, Any] = {}
    for param in op.parameters:
        value = raw.get(param.name, _MISSING)
        if value is _MISSING or value is None:
            if param.default is not None:
                out[param.name] = param.default
            elif param.optional:
                out[param.name] = None
            else:
                raise param.error("is required")
            continue
        out[param.name] = param.convert(value)
    return out


def parameter_names(params: Iterable[Parameter]) -> list[str]:
    return [p.name for p in params]
