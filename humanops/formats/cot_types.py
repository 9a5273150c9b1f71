"""Which Cursor-on-Target type a feature is written as, and which layer kind a TAK event is read
into: the data in ``resources/tak/cot_types.toml`` (tabled in docs/tak.md), checked on load."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from humanops.catalog import LayerKind
from humanops.data_paths import resources_dir
from humanops.errors import CatalogError

SHAPES = ("point", "area", "line")
# The CoT 2.0 event schema's pattern for the type attribute (tests/data/tak/Event.xsd)
TYPE_PATTERN = re.compile(r"\w+(-\w+)*")
SPOT_MARKER = "b-m-p-s-m"
_GEOMETRY_SHAPES = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line",
                    "Polygon": "area", "MultiPolygon": "area"}


@dataclass(frozen=True)
class LayerTypes:
    """How one layer kind is written: its shape and the type of each feature."""

    shape: str
    default: str
    by: str | None = None
    types: dict[str, str] = field(default_factory=dict)

    def type_for(self, value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return self.default
        return self.types.get(str(value), self.default)


@dataclass(frozen=True)
class CotTypes:
    layers: dict[str, LayerTypes]
    import_kinds: dict[str, str]  # shape -> layer kind, for events of other tools

    def for_kind(self, kind: LayerKind) -> LayerTypes:
        """The kind's entry; a kind the file does not list is written by its geometry alone."""
        known = self.layers.get(kind.name)
        if known is not None:
            return known
        shape = _GEOMETRY_SHAPES.get(kind.geometry, "point")
        return LayerTypes(shape=shape, default=SPOT_MARKER if shape == "point" else "u-d-f")


def types_path() -> Path:
    return resources_dir() / "tak" / "cot_types.toml"


@cache
def load_cot_types(path: str | None = None) -> CotTypes:
    """The mapping, with each ``a-.-…`` type given its layer's affiliation; a malformed file is a
    CatalogError naming the key."""
    file = path or str(types_path())
    try:
        with open(file, "rb") as handle:
            doc = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"cannot read the CoT type mapping ({exc})", file=file) from None
    layers: dict[str, LayerTypes] = {}
    for name, raw in (doc.get("layers") or {}).items():
        where = f"layers.{name}"
        shape = raw.get("shape")
        if shape not in SHAPES:
            raise CatalogError(f"{where}.shape must be one of {', '.join(SHAPES)}", file=file)
        affiliation = str(raw.get("affiliation", "u"))
        if not re.fullmatch(r"[a-z]", affiliation):
            raise CatalogError(f"{where}.affiliation must be one letter (n, u, f, h...)", file=file)
        default = _resolve(file, f"{where}.default", raw.get("default"), affiliation)
        types = {str(value): _resolve(file, f"{where}.types.{value}", cot, affiliation)
                 for value, cot in (raw.get("types") or {}).items()}
        by = raw.get("by")
        if types and not by:
            raise CatalogError(f"{where} lists types but no 'by' field picks them", file=file)
        layers[name] = LayerTypes(shape=shape, default=default, by=by, types=types)
    import_kinds = {str(k): str(v) for k, v in (doc.get("import") or {}).items()}
    unknown = sorted(set(import_kinds) - set(SHAPES))
    if unknown:
        raise CatalogError(f"import.{unknown[0]} is not a shape ({', '.join(SHAPES)})", file=file)
    return CotTypes(layers=layers, import_kinds=import_kinds)


def _resolve(file: str, where: str, value: Any, affiliation: str) -> str:
    if not isinstance(value, str) or not value:
        raise CatalogError(f"{where} must be a CoT type such as a-.-G-I-X-H", file=file)
    resolved = value.replace("a-.-", f"a-{affiliation}-", 1) if value.startswith("a-.-") else value
    if not TYPE_PATTERN.fullmatch(resolved):
        raise CatalogError(f"{where}: {value!r} is not a CoT type (letters and digits joined by '-')", file=file)
    return resolved


def shape_of(geometry_type: str) -> str | None:
    """'point', 'line' or 'area' for a shapely geometry type name."""
    return _GEOMETRY_SHAPES.get(geometry_type)
