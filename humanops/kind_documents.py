"""The layer kind file (``layers/*.toml``) as typed models, read by :func:`humanops.catalog.load_kind`.

The models say the file's shape (which keys, of which types); their ``__post_init__`` checks what
types cannot say (names, colours, one key against another), raising
:class:`humanops.documents.Invalid` with the key it is about. Kept apart from ``catalog.py`` so
that importing the catalog does not import msgspec: only reading a kind file does.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from humanops.catalog import (
    DASHES,
    FIELD_TYPES,
    GEOMETRY_TYPES,
    MARKERS,
    RESERVED_COLUMNS,
    TLP_LEVELS,
)
from humanops.documents import Invalid

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_HXL = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[0-9]{3})?$")  # fr, ar, es, fr_CA, es_419
_PRECISION = re.compile(r"^(exact|grid:\d+(:k\d+)?|admin:[a-z0-9_]+(:k\d+)?)$")
_NUMERIC = ("integer", "real")


class _Table(msgspec.Struct, forbid_unknown_fields=True):
    """A TOML table: every key declared, any other refused (a typo is never silently ignored)."""


class SymbolTable(_Table):
    fill: str | None = None
    fill_opacity: int | float | None = None
    stroke: str | None = None
    stroke_width: int | float | None = None
    dash: str | None = None
    marker: str | None = None
    size: int | float | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        for key in ("fill", "stroke"):
            value = getattr(self, key)
            if value is not None and not _COLOUR.match(value):
                raise Invalid(f"{value!r} is not a #rrggbb colour", key)
        if self.dash is not None and self.dash not in DASHES:
            raise Invalid(f"must be one of {', '.join(DASHES)}", "dash")
        if self.marker is not None and self.marker not in MARKERS:
            raise Invalid(f"must be one of {', '.join(MARKERS)}", "marker")
        if self.fill_opacity is not None and not 0 <= self.fill_opacity <= 1:
            raise Invalid("must be between 0 and 1", "fill_opacity")


class SizeByTable(_Table):
    field: str
    min_size: int | float
    max_size: int | float
    max_value: int | float


class StyleTable(_Table):
    symbol: SymbolTable
    classify_by: str | None = None
    classes: dict[str, SymbolTable] = {}
    size_by: SizeByTable | None = None
    label_field: str = "name"
    buffer_field: str | None = None

    def __post_init__(self) -> None:
        if self.classes and self.classify_by is None:
            raise Invalid("classes need classify_by", "classes")


class MarkingTable(_Table):
    tlp: str
    releasable_to: list[str] = []
    caveats: list[str] = []
    precision: str = "exact"

    def __post_init__(self) -> None:
        if self.tlp not in TLP_LEVELS:
            raise Invalid(f"{self.tlp!r} is not a TLP 2.0 level ({', '.join(TLP_LEVELS)})", "tlp")
        if not _PRECISION.match(self.precision):
            raise Invalid(f"{self.precision!r}: use exact, grid:METRES[:kN] or admin:FIELD[:kN]", "precision")


class TimeTable(_Table):
    start: str | None = None
    end: str | None = None


def _not_empty(table: Any, keys: tuple[str, ...]) -> None:
    for key in keys:
        value = getattr(table, key)
        if value is not None and not value.strip():
            raise Invalid("must not be empty", key)


class FieldTextTable(_Table):
    label: str | None = None
    description: str | None = None
    unit: str | None = None
    values: dict[str, str] = {}

    def __post_init__(self) -> None:
        _not_empty(self, ("label", "description", "unit"))
        for value, text in self.values.items():
            if not text.strip():
                raise Invalid("must not be empty", ("values", value))


class TranslationTable(_Table):
    title: str | None = None
    singular: str | None = None
    description: str | None = None
    fields: dict[str, FieldTextTable] = {}
    classes: dict[str, str] = {}

    def __post_init__(self) -> None:
        _not_empty(self, ("title", "singular", "description"))
        for key, text in self.classes.items():
            if not text.strip():
                raise Invalid("must not be empty", ("classes", key))


class FieldTable(_Table):
    name: str
    type: str
    title: str | None = None
    required: bool = False
    unit: str | None = None
    min: int | float | None = None
    max: int | float | None = None
    values: list[str] = []
    default: Any = None
    max_length: int | None = None
    hxl: str | list[str] = []
    aliases: list[str] = []
    description: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise Invalid("must be lower_snake_case, starting with a letter", "name")
        if self.name in RESERVED_COLUMNS:
            raise Invalid(f"{self.name!r} is a column every layer already has", "name")
        if self.type not in FIELD_TYPES:
            raise Invalid(f"must be one of {', '.join(FIELD_TYPES)}", "type")
        if self.type == "enum":
            if not self.values or not all(self.values):
                raise Invalid("an enum needs a list of non-empty strings", "values")
        elif self.values:
            raise Invalid("only enum fields take values", "values")
        if (self.min is not None or self.max is not None) and self.type not in _NUMERIC:
            raise Invalid("only integer and real fields take a range", "min")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise Invalid(f"min {self.min} is above max {self.max}", "min")
        for tag in self.hxl_tags:
            if not _HXL.match(tag):
                raise Invalid(f"{tag!r} is not an HXL hashtag (#tag+attribute)", "hxl")
        if self.default is not None and self.type == "enum" and self.default not in self.values:
            raise Invalid(f"{self.default!r} is not one of the values", "default")

    @property
    def hxl_tags(self) -> tuple[str, ...]:
        return (self.hxl,) if isinstance(self.hxl, str) else tuple(self.hxl)


class KindFile(_Table, kw_only=True):
    """One ``layers/*.toml`` file."""

    name: str
    title: str
    singular: str | None = None
    description: str = ""
    geometry: str
    fields: list[FieldTable]
    default_marking: MarkingTable
    style: StyleTable
    time: TimeTable | None = None
    explode_multipart: bool = False
    exchange_by_default: bool = True
    translations: dict[str, TranslationTable] = {}

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise Invalid("must be lower_snake_case, starting with a letter", "name")
        if self.geometry not in GEOMETRY_TYPES:
            raise Invalid(f"must be one of {', '.join(GEOMETRY_TYPES)}", "geometry")
        names = [f.name for f in self.fields]
        for required in ("name", "notes"):
            if required not in names:
                raise Invalid(f"every kind must have a {required!r} field", "fields")
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise Invalid(f"field {sorted(dupes)[0]!r} is defined twice", "fields")
        fields = {f.name: f for f in self.fields}
        time = self.time or TimeTable()
        for key, value in (("start", time.start), ("end", time.end)):
            if value is not None and (value not in fields or fields[value].type not in ("date", "datetime")):
                raise Invalid(f"must name a date or datetime field, not {value!r}", ("time", key))
        self._check_style(fields)
        self._check_translations(fields)

    def _check_style(self, fields: dict[str, FieldTable]) -> None:
        style = self.style
        by = style.classify_by
        if by is not None and by not in fields:
            raise Invalid(f"{by!r} is not a field of this kind", ("style", "classify_by"))
        if by is not None and fields[by].type == "enum":
            unknown = sorted(set(style.classes) - set(fields[by].values))
            if unknown:
                raise Invalid(f"is not a value of {by}", ("style", "classes", unknown[0]))
        if style.size_by is not None:
            named = style.size_by.field
            if named not in fields or fields[named].type not in _NUMERIC:
                raise Invalid(f"{named!r} is not a numeric field", ("style", "size_by", "field"))
        if style.label_field not in fields:
            raise Invalid(f"{style.label_field!r} is not a field of this kind", ("style", "label_field"))
        buffer = style.buffer_field
        if buffer is not None and (buffer not in fields or fields[buffer].type not in _NUMERIC):
            raise Invalid(f"{buffer!r} is not a numeric field", ("style", "buffer_field"))

    def _check_translations(self, fields: dict[str, FieldTable]) -> None:
        for lang, table in self.translations.items():
            where = ("translations", lang)
            if not _LANGUAGE.match(lang):
                raise Invalid("is not a language code (fr, ar, es, fr_CA...)", where)
            for name, texts in table.fields.items():
                if name not in fields:
                    raise Invalid("is not a field of this kind", (*where, "fields", name))
                spec = fields[name]
                if texts.values and spec.type != "enum":
                    raise Invalid("only enum fields have values", (*where, "fields", name, "values"))
                for value in texts.values:
                    if value not in spec.values:
                        raise Invalid(f"is not a value of {name}", (*where, "fields", name, "values", value))
                if texts.unit is not None and spec.unit is None:
                    raise Invalid(f"{name} has no unit", (*where, "fields", name, "unit"))
            for key in table.classes:
                if key not in self.style.classes:
                    raise Invalid("is not a class of style.classes", (*where, "classes", key))
