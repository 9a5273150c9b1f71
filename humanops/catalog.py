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

from collections.abc import Mapping
from dataclasses import dataclass, field
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


def hazard_values(catalog: Catalog | None = None) -> tuple[str, ...]:
    """The hazards a danger zone may name (its ``hazard`` enum): () when the catalog has no such
    kind or field (a catalog of one's own, ``$HUMANOPS_LAYERS``), and any hazard text is taken.
    A kind file that does not read raises its CatalogError here: never taken as "no hazard list"."""
    catalog = catalog if catalog is not None else load_catalog()
    if "danger_zone" not in catalog:
        return ()
    hazard = next((f for f in catalog["danger_zone"].fields if f.name == "hazard"), None)
    return tuple(hazard.values or ()) if hazard is not None else ()


def load_kind(path: Path) -> LayerKind:
    """Parse and validate one kind file; errors name the file, the key and the reason."""
    from humanops.documents import Problem, convert, parse_toml
    from humanops.kind_documents import KindFile

    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read: {exc}", file=file) from exc

    def fail(problem: Problem) -> CatalogError:
        return CatalogError(f"key {problem.key_labelled('name')!r}: {problem.reason}", file=file)

    doc = parse_toml(text, lambda reason: CatalogError(reason, file=file))
    return _kind(convert(doc, KindFile, fail), file)


def _kind(doc: Any, file: str) -> LayerKind:
    """The checked kind file as the catalog's frozen, translated :class:`LayerKind`."""
    texts = {lang: KindText(title=t.title, singular=t.singular, description=t.description,
                            fields={name: FieldText(label=f.label, description=f.description, unit=f.unit,
                                                    values=dict(f.values)) for name, f in t.fields.items()},
                            classes=dict(t.classes))
             for lang, t in doc.translations.items()}
    fields = tuple(FieldSpec(
        name=f.name, type=f.type, title=f.title if f.title is not None else f.name.replace("_", " ").capitalize(),
        required=f.required, unit=f.unit, minimum=f.min, maximum=f.max, values=tuple(f.values), default=f.default,
        max_length=f.max_length, hxl=f.hxl_tags, aliases=tuple(a.lower() for a in f.aliases),
        description=f.description,
        texts={lang: t.fields[f.name] for lang, t in texts.items() if f.name in t.fields},
    ) for f in doc.fields)
    marking = doc.default_marking
    title = doc.title
    return LayerKind(
        name=doc.name,
        title=title,
        description=doc.description,
        geometry=doc.geometry,
        fields=fields,
        default_marking=DefaultMarking(tlp=marking.tlp, releasable_to=tuple(marking.releasable_to),
                                       caveats=tuple(marking.caveats), precision=marking.precision),
        style=_style(doc.style),
        time_start=doc.time.start if doc.time else None,
        time_end=doc.time.end if doc.time else None,
        explode_multipart=doc.explode_multipart,
        exchange_by_default=doc.exchange_by_default,
        source_file=file,
        singular=doc.singular if doc.singular is not None else (title[:-1] if title.endswith("s") else title).lower(),
        texts=texts,
    )


def _symbol(table: Any) -> Symbol:
    opacity = table.fill_opacity
    return Symbol(fill=table.fill, fill_opacity=None if opacity is None else float(opacity), stroke=table.stroke,
                  stroke_width=table.stroke_width, dash=table.dash, marker=table.marker, size=table.size,
                  label=table.label)


def _style(table: Any) -> Style:
    size_by = table.size_by
    return Style(
        base=_symbol(table.symbol).over(DEFAULT_SYMBOL),
        classify_by=table.classify_by,
        classes={key: _symbol(symbol) for key, symbol in table.classes.items()},
        size_by=None if size_by is None else SizeBy(field=size_by.field, min_size=float(size_by.min_size),
                                                    max_size=float(size_by.max_size),
                                                    max_value=float(size_by.max_value)),
        label_field=table.label_field,
        buffer_field=table.buffer_field,
    )
