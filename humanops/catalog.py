"""Layer kinds, loaded and validated from ``layers/*.toml``.

A kind file declares a layer's storage geometry, its fields (type, unit, range, enum values,
required, HXL tags), its default marking, its time window fields and its style. Forms,
validation, styling and import mapping are all generated from it, so adding a kind is adding
a file. A malformed file fails with the file, the key and the reason.

What the app shows of a kind (its title, its fields' labels, units and descriptions, its enum
values and legend classes) is translatable data: a ``[translations.LANG]`` table per language
in the kind's file. English comes from the kind's own keys, or from the names when there is no
label (``width_m`` -> "Width m", ``landmines_uxo`` -> "landmines uxo"). Stored values never
change with the language: only what is shown (``kind.title_in("fr")``, ``field.label_in("fr")``,
``field.value_label(value, "fr")``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from humanops.data_paths import layers_dir  # re-exported: callers ask the catalog where kinds live
from humanops.errors import CatalogError

FIELD_TYPES = ("text", "integer", "real", "boolean", "date", "datetime", "enum")
GEOMETRY_TYPES = ("Point", "LineString", "MultiPolygon")
# What each storage type accepts on input; Polygon is promoted, single-part multis are
# demoted, and kinds with ``explode_multipart`` split the rest into one feature a part.
ACCEPTED_INPUT = {
    "Point": ("Point", "MultiPoint"),
    "LineString": ("LineString", "MultiLineString"),
    "MultiPolygon": ("Polygon", "MultiPolygon"),
}
TLP_LEVELS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "star", "hexagon")
DASHES = ("solid", "dash", "dot", "dashdot")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_HXL = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[0-9]{3})?$")  # fr, ar, es, fr_CA, es_419
# Columns every layer table has besides its kind's fields; a kind may not redefine them.
RESERVED_COLUMNS = (
    "fid", "geom", "uuid", "version", "originator", "created", "modified",
    "tlp", "releasable_to", "caveats", "expires", "precision",
    "source_package", "source_signer",
)


@dataclass(frozen=True)
class FieldText:
    """A field's words in one language (None: not translated)."""

    label: str | None = None
    description: str | None = None
    unit: str | None = None
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KindText:
    """A kind's words in one language (None: not translated)."""

    title: str | None = None
    singular: str | None = None  # one feature of the kind, in a sentence: "danger zone"
    description: str | None = None
    fields: Mapping[str, FieldText] = field(default_factory=dict)
    classes: Mapping[str, str] = field(default_factory=dict)  # legend labels, by style class


def language_candidates(lang: str | None) -> tuple[str, ...]:
    """Where to look for ``lang``'s words, most specific first: fr_CA, then fr."""
    if not lang:
        return ()
    code = lang.replace("-", "_").split(".")[0].split("@")[0]
    base = code.split("_")[0].lower()
    return (code, base) if code != base else (base,)


def _in_language(texts: Mapping[str, Any], lang: str | None, get: Any) -> Any:
    """The first translation of ``lang`` (then its base language) that ``get`` finds, else None."""
    for code in language_candidates(lang):
        text = texts.get(code)
        if text is not None and (found := get(text)) is not None:
            return found
    return None


def plain_label(name: str) -> str:
    """An English label made from a name, when the kind gives none: ``landmines_uxo`` -> "landmines uxo"."""
    return name.replace("_", " ")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    title: str
    required: bool = False
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    values: tuple[str, ...] = ()
    default: Any = None
    max_length: int | None = None
    hxl: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str = ""
    # What the field is called in other languages (and English value labels under "en").
    texts: Mapping[str, FieldText] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def hxl_tag(self) -> str | None:
        """The tag written on export; the others are accepted on import."""
        return self.hxl[0] if self.hxl else None

    def label_in(self, lang: str | None) -> str:
        """The field's label in ``lang`` (a code such as "fr" or "fr_CA"), else its English title."""
        return _in_language(self.texts, lang, lambda t: t.label) or self.title

    def description_in(self, lang: str | None) -> str:
        return _in_language(self.texts, lang, lambda t: t.description) or self.description

    def unit_in(self, lang: str | None) -> str | None:
        if self.unit is None:
            return None
        return _in_language(self.texts, lang, lambda t: t.unit) or self.unit

    def value_label(self, value: Any, lang: str | None) -> str:
        """How an enum value is shown in ``lang``: its translation, else the English label, else
        the value with spaces for underscores. The stored value is unchanged."""
        key = str(value)
        return (_in_language(self.texts, lang, lambda t: t.values.get(key))
                or _in_language(self.texts, "en", lambda t: t.values.get(key))
                or plain_label(key))


@dataclass(frozen=True)
class DefaultMarking:
    tlp: str
    releasable_to: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    precision: str = "exact"


@dataclass(frozen=True)
class Symbol:
    """How one class of features is drawn; None means inherit from the base symbol."""

    fill: str | None = None
    fill_opacity: float | None = None
    stroke: str | None = None
    stroke_width: float | None = None
    dash: str | None = None
    marker: str | None = None
    size: float | None = None
    label: str | None = None

    def over(self, base: Symbol) -> Symbol:
        """This symbol with its unset parts taken from ``base``."""
        return Symbol(**{
            name: getattr(self, name) if getattr(self, name) is not None else getattr(base, name)
            for name in self.__dataclass_fields__
        })


DEFAULT_SYMBOL = Symbol(fill="#888888", fill_opacity=1.0, stroke="#333333", stroke_width=1.0,
                        dash="solid", marker="circle", size=6.0)


@dataclass(frozen=True)
class SizeBy:
    field: str
    min_size: float
    max_size: float
    max_value: float


@dataclass(frozen=True)
class Style:
    base: Symbol
    classify_by: str | None = None
    classes: dict[str, Symbol] = field(default_factory=dict)
    size_by: SizeBy | None = None
    label_field: str | None = "name"
    buffer_field: str | None = None  # metres: corridors are drawn as their true width

    def symbol_for(self, value: Any) -> Symbol:
        if self.classify_by is None or value is None:
            return self.base
        key = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        cls = self.classes.get(key)
        return cls.over(self.base) if cls else self.base


@dataclass(frozen=True)
class LayerKind:
    name: str
    title: str
    description: str
    geometry: str
    fields: tuple[FieldSpec, ...]
    default_marking: DefaultMarking
    style: Style
    time_start: str | None = None
    time_end: str | None = None
    explode_multipart: bool = False
    exchange_by_default: bool = True
    source_file: str = ""
    singular: str = ""  # one feature of the kind, lower case, for sentences ("danger zone")
    texts: Mapping[str, KindText] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def title_in(self, lang: str | None) -> str:
        return _in_language(self.texts, lang, lambda t: t.title) or self.title

    def singular_in(self, lang: str | None) -> str:
        """One feature of the kind as a sentence names it: "danger zone", fr "zone de danger"."""
        return _in_language(self.texts, lang, lambda t: t.singular) or self.singular

    def description_in(self, lang: str | None) -> str:
        return _in_language(self.texts, lang, lambda t: t.description) or self.description

    def class_label(self, key: str, lang: str | None) -> str:
        """A legend class's label in ``lang``: its translation; for a class of an enum field
        labelled as the value itself, the value's label; else the kind file's label."""
        translated = _in_language(self.texts, lang, lambda t: t.classes.get(key))
        if translated:
            return translated
        cls = self.style.classes.get(key)
        label = (cls.label if cls is not None else None) or key
        by = self.style.classify_by
        spec = next((f for f in self.fields if f.name == by), None) if by else None
        if spec is not None and spec.type == "enum" and label in (key, plain_label(key)):
            return spec.value_label(key, lang)
        return label

    def missing_texts(self, lang: str) -> list[str]:
        """What ``lang`` does not translate yet (keys as in the kind file), for the translation report."""
        text = self.texts.get(lang) or KindText()
        missing = [key for key, value in (("title", text.title), ("singular", text.singular),
                                          ("description", text.description if self.description else "-"))
                   if not value]
        for spec in self.fields:
            ftext = text.fields.get(spec.name) or FieldText()
            where = f"fields.{spec.name}"
            if not ftext.label:
                missing.append(f"{where}.label")
            if spec.description and not ftext.description:
                missing.append(f"{where}.description")
            if spec.unit and not ftext.unit:
                missing.append(f"{where}.unit")
            missing += [f"{where}.values.{value}" for value in spec.values if value not in ftext.values]
        by = self.style.classify_by
        enum_classes = by is not None and self.field(by).type == "enum"
        for key, cls in self.style.classes.items():
            # digits say themselves; an enum class labelled as its value takes the value's label
            own = cls.label is not None and not cls.label.isdigit() and not (
                enum_classes and cls.label in (key, plain_label(key)))
            if own and key not in text.classes:
                missing.append(f"classes.{key}")
        return missing

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def accepted_geometries(self) -> tuple[str, ...]:
        return ACCEPTED_INPUT[self.geometry]


class Catalog:
    """All layer kinds of a workspace, by name, in a stable order."""

    def __init__(self, kinds: list[LayerKind]) -> None:
        self._kinds = {k.name: k for k in kinds}

    def __getitem__(self, name: str) -> LayerKind:
        try:
            return self._kinds[name]
        except KeyError:
            known = ", ".join(self._kinds)
            raise CatalogError(f"unknown layer kind {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)

    @property
    def names(self) -> list[str]:
        return list(self._kinds)


# Drawing order: areas below lines below points.
_ORDER = {"MultiPolygon": 0, "LineString": 1, "Point": 2}


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load every ``*.toml`` kind file in ``directory`` (default: :func:`layers_dir`)."""
    directory = directory or layers_dir()
    return _load_catalog_cached(str(Path(directory).resolve()))


@cache
def _load_catalog_cached(directory: str) -> Catalog:
    files = sorted(Path(directory).glob("*.toml"))
    if not files:
        raise CatalogError("no layer kind files (*.toml) found", file=directory)
    kinds = [load_kind(p) for p in files]
    seen: dict[str, str] = {}
    for k in kinds:
        if k.name in seen:
            raise CatalogError(
                f"kind {k.name!r} is also defined in {seen[k.name]}", file=k.source_file
            )
        seen[k.name] = k.source_file
    kinds.sort(key=lambda k: (_ORDER[k.geometry], k.name))
    return Catalog(kinds)


def load_kind(path: Path) -> LayerKind:
    """Parse and validate one kind file; errors name the file, the key and the reason."""
    file = str(path)
    try:
        doc = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read: {exc}", file=file) from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"not valid TOML: {exc}", file=file) from exc
    return _KindParser(file, doc).parse()


class _KindParser:
    def __init__(self, file: str, doc: dict[str, Any]) -> None:
        self.file = file
        self.doc = doc

    def fail(self, key: str, reason: str) -> CatalogError:
        return CatalogError(f"key {key!r}: {reason}", file=self.file)

    def get(self, table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str,
            default: Any = ..., ) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(f"{where}{key}", "is required")
            return default
        value = table[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(f"{where}{key}", f"must be a number, not {value!r}")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(f"{where}{key}", f"must be {names}, not {type(value).__name__}")
        return value

    def unknown(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            raise self.fail(f"{where}{extra[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def parse(self) -> LayerKind:
        d = self.doc
        self.unknown(d, {"name", "title", "singular", "description", "geometry", "fields", "default_marking",
                         "style", "time", "explode_multipart", "exchange_by_default", "translations"}, "")
        name = self.get(d, "name", str, "")
        if not _NAME.match(name):
            raise self.fail("name", "must be lower_snake_case, starting with a letter")
        geometry = self.get(d, "geometry", str, "")
        if geometry not in GEOMETRY_TYPES:
            raise self.fail("geometry", f"must be one of {', '.join(GEOMETRY_TYPES)}")
        raw_fields = self.get(d, "fields", list, "")
        fields = tuple(self.parse_field(i, f) for i, f in enumerate(raw_fields))
        names = [f.name for f in fields]
        for required in ("name", "notes"):
            if required not in names:
                raise self.fail("fields", f"every kind must have a {required!r} field")
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise self.fail("fields", f"field {sorted(dupes)[0]!r} is defined twice")
        by_name = {f.name: f for f in fields}
        time = self.get(d, "time", dict, "", {})
        self.unknown(time, {"start", "end"}, "time.")
        time_start = self.get(time, "start", str, "time.", None)
        time_end = self.get(time, "end", str, "time.", None)
        for key, value in (("time.start", time_start), ("time.end", time_end)):
            if value is not None and (value not in by_name or by_name[value].type not in ("date", "datetime")):
                raise self.fail(key, f"must name a date or datetime field, not {value!r}")
        title = self.get(d, "title", str, "")
        style = self.parse_style(self.get(d, "style", dict, ""), by_name)
        texts = self.parse_translations(self.get(d, "translations", dict, "", {}), by_name, style)
        fields = tuple(replace(f, texts={lang: t.fields[f.name] for lang, t in texts.items() if f.name in t.fields})
                       for f in fields)
        return LayerKind(
            name=name,
            title=title,
            description=self.get(d, "description", str, "", ""),
            geometry=geometry,
            fields=fields,
            default_marking=self.parse_marking(self.get(d, "default_marking", dict, "")),
            style=style,
            time_start=time_start,
            time_end=time_end,
            explode_multipart=self.get(d, "explode_multipart", bool, "", False),
            exchange_by_default=self.get(d, "exchange_by_default", bool, "", True),
            source_file=self.file,
            singular=self.get(d, "singular", str, "", (title[:-1] if title.endswith("s") else title).lower()),
            texts=texts,
        )

    def text(self, table: dict[str, Any], key: str, where: str) -> str | None:
        """An optional translated text: a non-empty string."""
        value = self.get(table, key, str, where, None)
        if value is not None and not value.strip():
            raise self.fail(f"{where}{key}", "must not be empty")
        return value

    def parse_translations(self, raw: dict[str, Any], fields: dict[str, FieldSpec],
                           style: Style) -> dict[str, KindText]:
        """``[translations.LANG]``: title, singular, description, ``fields.NAME`` (label,
        description, unit, ``values``) and ``classes`` (legend labels), each checked against the kind."""
        texts = {}
        for lang, table in raw.items():
            where = f"translations.{lang}."
            if not _LANGUAGE.match(lang):
                raise self.fail(f"translations.{lang}", "is not a language code (fr, ar, es, fr_CA...)")
            if not isinstance(table, dict):
                raise self.fail(f"translations.{lang}", "must be a table")
            self.unknown(table, {"title", "singular", "description", "fields", "classes"}, where)
            field_texts = {}
            for name, ftable in self.get(table, "fields", dict, where, {}).items():
                fwhere = f"{where}fields.{name}."
                if name not in fields:
                    raise self.fail(f"{where}fields.{name}", "is not a field of this kind")
                if not isinstance(ftable, dict):
                    raise self.fail(f"{where}fields.{name}", "must be a table")
                self.unknown(ftable, {"label", "description", "unit", "values"}, fwhere)
                spec = fields[name]
                values = self.get(ftable, "values", dict, fwhere, {})
                if values and spec.type != "enum":
                    raise self.fail(f"{fwhere}values", "only enum fields have values")
                for value in values:
                    if value not in spec.values:
                        raise self.fail(f"{fwhere}values.{value}", f"is not a value of {name}")
                    self.text(values, value, f"{fwhere}values.")
                if "unit" in ftable and spec.unit is None:
                    raise self.fail(f"{fwhere}unit", f"{name} has no unit")
                field_texts[name] = FieldText(label=self.text(ftable, "label", fwhere),
                                              description=self.text(ftable, "description", fwhere),
                                              unit=self.text(ftable, "unit", fwhere), values=dict(values))
            classes = self.get(table, "classes", dict, where, {})
            for key in classes:
                if key not in style.classes:
                    raise self.fail(f"{where}classes.{key}", "is not a class of style.classes")
                self.text(classes, key, f"{where}classes.")
            texts[lang] = KindText(title=self.text(table, "title", where),
                                   singular=self.text(table, "singular", where),
                                   description=self.text(table, "description", where),
                                   fields=field_texts, classes=dict(classes))
        return texts

    def parse_field(self, index: int, raw: Any) -> FieldSpec:
        where = f"fields[{index}]."
        if not isinstance(raw, dict):
            raise self.fail(f"fields[{index}]", "must be a table")
        self.unknown(raw, {"name", "type", "title", "required", "unit", "min", "max", "values",
                           "default", "max_length", "hxl", "aliases", "description"}, where)
        name = self.get(raw, "name", str, where)
        where = f"fields[{index}] ({name})."
        if not _NAME.match(name):
            raise self.fail(f"{where}name", "must be lower_snake_case, starting with a letter")
        if name in RESERVED_COLUMNS:
            raise self.fail(f"{where}name", f"{name!r} is a column every layer already has")
        ftype = self.get(raw, "type", str, where)
        if ftype not in FIELD_TYPES:
            raise self.fail(f"{where}type", f"must be one of {', '.join(FIELD_TYPES)}")
        values = tuple(self.get(raw, "values", list, where, []))
        if ftype == "enum":
            if not values or not all(isinstance(v, str) and v for v in values):
                raise self.fail(f"{where}values", "an enum needs a list of non-empty strings")
        elif values:
            raise self.fail(f"{where}values", "only enum fields take values")
        minimum = self.get(raw, "min", (int, float), where, None)
        maximum = self.get(raw, "max", (int, float), where, None)
        if (minimum is not None or maximum is not None) and ftype not in ("integer", "real"):
            raise self.fail(f"{where}min", "only integer and real fields take a range")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise self.fail(f"{where}min", f"min {minimum} is above max {maximum}")
        hxl = self.get(raw, "hxl", (str, list), where, [])
        hxl = (hxl,) if isinstance(hxl, str) else tuple(hxl)
        for tag in hxl:
            if not isinstance(tag, str) or not _HXL.match(tag):
                raise self.fail(f"{where}hxl", f"{tag!r} is not an HXL hashtag (#tag+attribute)")
        default = raw.get("default")
        if default is not None and ftype == "enum" and default not in values:
            raise self.fail(f"{where}default", f"{default!r} is not one of the values")
        aliases = tuple(self.get(raw, "aliases", list, where, []))
        return FieldSpec(
            name=name,
            type=ftype,
            title=self.get(raw, "title", str, where, name.replace("_", " ").capitalize()),
            required=self.get(raw, "required", bool, where, False),
            unit=self.get(raw, "unit", str, where, None),
            minimum=minimum,
            maximum=maximum,
            values=values,
            default=default,
            max_length=self.get(raw, "max_length", int, where, None),
            hxl=hxl,
            aliases=tuple(a.lower() for a in aliases),
            description=self.get(raw, "description", str, where, ""),
        )

    def parse_marking(self, raw: dict[str, Any]) -> DefaultMarking:
        where = "default_marking."
        self.unknown(raw, {"tlp", "releasable_to", "caveats", "precision"}, where)
        tlp = self.get(raw, "tlp", str, where)
        if tlp not in TLP_LEVELS:
            raise self.fail(f"{where}tlp", f"{tlp!r} is not a TLP 2.0 level ({', '.join(TLP_LEVELS)})")
        precision = self.get(raw, "precision", str, where, "exact")
        if not re.match(r"^(exact|grid:\d+(:k\d+)?|admin:[a-z0-9_]+(:k\d+)?)$", precision):
            raise self.fail(f"{where}precision", f"{precision!r}: use exact, grid:METRES[:kN] or admin:FIELD[:kN]")
        return DefaultMarking(
            tlp=tlp,
            releasable_to=tuple(self.get(raw, "releasable_to", list, where, [])),
            caveats=tuple(self.get(raw, "caveats", list, where, [])),
            precision=precision,
        )

    def parse_symbol(self, raw: Any, where: str) -> Symbol:
        if not isinstance(raw, dict):
            raise self.fail(where.rstrip("."), "must be a table")
        self.unknown(raw, {"fill", "fill_opacity", "stroke", "stroke_width", "dash", "marker",
                           "size", "label"}, where)
        for key in ("fill", "stroke"):
            if key in raw and not (isinstance(raw[key], str) and _COLOUR.match(raw[key])):
                raise self.fail(f"{where}{key}", f"{raw[key]!r} is not a #rrggbb colour")
        if "dash" in raw and raw["dash"] not in DASHES:
            raise self.fail(f"{where}dash", f"must be one of {', '.join(DASHES)}")
        if "marker" in raw and raw["marker"] not in MARKERS:
            raise self.fail(f"{where}marker", f"must be one of {', '.join(MARKERS)}")
        opacity = self.get(raw, "fill_opacity", (int, float), where, None)
        if opacity is not None and not 0 <= opacity <= 1:
            raise self.fail(f"{where}fill_opacity", "must be between 0 and 1")
        return Symbol(
            fill=raw.get("fill"),
            fill_opacity=None if opacity is None else float(opacity),
            stroke=raw.get("stroke"),
            stroke_width=self.get(raw, "stroke_width", (int, float), where, None),
            dash=raw.get("dash"),
            marker=raw.get("marker"),
            size=self.get(raw, "size", (int, float), where, None),
            label=self.get(raw, "label", str, where, None),
        )

    def parse_style(self, raw: dict[str, Any], fields: dict[str, FieldSpec]) -> Style:
        where = "style."
        self.unknown(raw, {"symbol", "classify_by", "classes", "size_by", "label_field",
                           "buffer_field"}, where)
        base = self.parse_symbol(self.get(raw, "symbol", dict, where), "style.symbol.")
        base = base.over(DEFAULT_SYMBOL)
        classify_by = self.get(raw, "classify_by", str, where, None)
        if classify_by is not None and classify_by not in fields:
            raise self.fail(f"{where}classify_by", f"{classify_by!r} is not a field of this kind")
        classes_raw = self.get(raw, "classes", dict, where, {})
        if classes_raw and classify_by is None:
            raise self.fail(f"{where}classes", "classes need classify_by")
        classes = {str(k): self.parse_symbol(v, f"style.classes.{k}.") for k, v in classes_raw.items()}
        if classify_by is not None and fields[classify_by].type == "enum":
            unknown = sorted(set(classes) - set(fields[classify_by].values))
            if unknown:
                raise self.fail(f"style.classes.{unknown[0]}", f"is not a value of {classify_by}")
        size_by = None
        if "size_by" in raw:
            sb = self.get(raw, "size_by", dict, where)
            self.unknown(sb, {"field", "min_size", "max_size", "max_value"}, "style.size_by.")
            sb_field = self.get(sb, "field", str, "style.size_by.")
            if sb_field not in fields or fields[sb_field].type not in ("integer", "real"):
                raise self.fail("style.size_by.field", f"{sb_field!r} is not a numeric field")
            size_by = SizeBy(
                field=sb_field,
                min_size=float(self.get(sb, "min_size", (int, float), "style.size_by.")),
                max_size=float(self.get(sb, "max_size", (int, float), "style.size_by.")),
                max_value=float(self.get(sb, "max_value", (int, float), "style.size_by.")),
            )
        label_field = self.get(raw, "label_field", str, where, "name")
        if label_field not in fields:
            raise self.fail(f"{where}label_field", f"{label_field!r} is not a field of this kind")
        buffer_field = self.get(raw, "buffer_field", str, where, None)
        numeric = ("integer", "real")
        if buffer_field is not None and (buffer_field not in fields or fields[buffer_field].type not in numeric):
            raise self.fail(f"{where}buffer_field", f"{buffer_field!r} is not a numeric field")
        return Style(base=base, classify_by=classify_by, classes=classes, size_by=size_by,
                     label_field=label_field, buffer_field=buffer_field)
