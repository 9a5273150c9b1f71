"""What the user says about a mapping: columns chosen for fields (``--map FIELD=COLUMN``) and
constants (``--set FIELD=VALUE``), laid over what :func:`~humanops.formats.mapping.map_columns`
guessed; and, for required fields still without a column, the columns that could serve.

Constants are checked against the field's type, range and enum before any row is read, so a
typo (``--set hazard=flod``) is refused at once, naming the field and what it accepts.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from humanops.catalog import FieldSpec, LayerKind
from humanops.errors import FormatError, UsageError, ValidationError
from humanops.formats.mapping import MARKING_FIELDS, ColumnMatch, FieldMapping
from humanops.formats.names import hxl_key, normalize_name
from humanops.model.validation import coerce_value, is_missing

# Fields a user may map or set beyond the kind's own: identity of the originator and the marking.
EXTRA_FIELDS = ("uuid", "originator", *MARKING_FIELDS)
SETTABLE_EXTRA = MARKING_FIELDS  # a constant uuid would name one feature many times


@dataclass
class MappingChoice:
    """A mapping as the user gave it (flags, dialog or a saved profile)."""

    layer: str | None = None  # the layer kind, when the choice names one
    columns: dict[str, str] = field(default_factory=dict)  # field -> source column
    constants: dict[str, str] = field(default_factory=dict)  # field -> value as written

    @property
    def empty(self) -> bool:
        return not (self.layer or self.columns or self.constants)

    def over(self, base: MappingChoice | None) -> MappingChoice:
        """This choice laid over ``base`` (a profile): what this one says wins, field by field.
        A field mapped here loses the base's constant for it, and the other way round."""
        if base is None:
            return self
        columns = {k: v for k, v in base.columns.items() if k not in self.constants}
        constants = {k: v for k, v in base.constants.items() if k not in self.columns}
        columns.update(self.columns)
        constants.update(self.constants)
        return MappingChoice(layer=self.layer or base.layer, columns=columns, constants=constants)

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "map": dict(self.columns), "set": dict(self.constants)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MappingChoice:
        return cls(layer=data.get("layer") or None,
                   columns={str(k): str(v) for k, v in (data.get("map") or {}).items()},
                   constants={str(k): str(v) for k, v in (data.get("set") or {}).items()})


def parse_assignments(items: list[str] | None, flag: str) -> dict[str, str]:
    """``["name=site_name", ...]`` as {field: text}; a malformed item is wrong usage."""
    out: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"{flag} {item!r}: write FIELD=VALUE (e.g. {flag} name=site_name)")
        if name in out:
            raise UsageError(f"{flag} gives {name} twice")
        out[name] = value.strip() if flag == "--map" else value  # --map FIELD= leaves FIELD unmapped
    return out


def check_choice(kind: LayerKind, choice: MappingChoice) -> None:
    """Refuse, before reading the file, fields the kind does not have, a field both mapped and
    set, and constants that are not valid values of their field."""
    known = [*kind.field_names, *EXTRA_FIELDS]
    for name in (*choice.columns, *choice.constants):
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(f"layer kind {kind.name} has no field {name!r}{hint}; its fields: "
                             f"{', '.join(known)}")
    both = sorted(set(choice.columns) & set(choice.constants))
    if both:
        raise UsageError(f"field {both[0]} is given both a column (--map) and a constant (--set)")
    for name, value in choice.constants.items():
        if name in SETTABLE_EXTRA:
            _check_marking_constant(kind, name, value)
        elif name in EXTRA_FIELDS:
            raise UsageError(f"{name} cannot be a constant: it names one feature (map a column with --map)")
        else:
            spec = kind.field(name)
            try:
                if is_missing(coerce_value(spec, value)) and spec.required:
                    raise ValidationError("is required: a constant cannot be empty", field=name)
            except ValidationError as exc:
                raise ValidationError(f"--set {name}={value}: {exc.reason}{_accepts(spec)}",
                                      layer=kind.name, field=name) from None


def _check_marking_constant(kind: LayerKind, name: str, value: str) -> None:
    from humanops.formats.marking_columns import check_markings
    from humanops.model.marking import Marking

    _, problems = check_markings(pd.DataFrame({name: [value]}), Marking())
    if problems:
        raise ValidationError(f"--set {name}={value}: {problems[0][2]}", layer=kind.name, field=name)


def _accepts(spec: FieldSpec) -> str:
    if spec.type == "enum":
        return f" (one of {', '.join(spec.values)})"
    if spec.type in ("integer", "real"):
        bounds = [f"≥ {spec.minimum:,g}" if spec.minimum is not None else "",
                  f"≤ {spec.maximum:,g}" if spec.maximum is not None else ""]
        text = " and ".join(b for b in bounds if b)
        return f" (a{'' if spec.type == 'integer' else ' decimal'} number{' ' + text if text else ''})"
    if spec.type in ("date", "datetime"):
        return " (ISO 8601, e.g. 2026-11-28" + ("T10:00Z)" if spec.type == "datetime" else ")")
    return ""


def apply_choice(kind: LayerKind, mapping: FieldMapping, columns: list[str], choice: MappingChoice,
                 *, file: str, layer: str) -> FieldMapping:
    """``mapping`` (the guess) with the user's columns and constants laid over it. A column
    the file lacks is refused, naming the file's columns."""
    if not choice.columns and not choice.constants:
        return mapping
    check_choice(kind, choice)
    for name, column in choice.columns.items():
        if column and column not in columns:  # '' leaves the field without a column
            close = difflib.get_close_matches(column, columns, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise FormatError(f"--map {name}={column}: the file has no column {column!r}{hint}; its "
                              f"columns: {', '.join(columns) or 'none'}", file=file, layer=layer, field=name)
    chosen_columns = set(choice.columns.values())
    overridden = set(choice.columns) | set(choice.constants)
    # a column the user put on a field leaves the field it was guessed for
    matched = [m for m in mapping.matched if m.field not in overridden and m.column not in chosen_columns]
    matched += [ColumnMatch(column, name, "given") for name, column in choice.columns.items() if column]
    order = {name: i for i, name in enumerate([*kind.field_names, *EXTRA_FIELDS])}
    out = FieldMapping(kind=kind.name, matched=sorted(matched, key=lambda m: order.get(m.field, len(order))),
                       bookkeeping=list(mapping.bookkeeping), constants=dict(choice.constants))
    used = {m.column for m in matched}
    out.unmapped = [c for c in columns if c not in used and c not in out.bookkeeping]
    given = {m.field for m in matched} | set(choice.constants)
    for spec in kind.fields:
        if spec.name in given:
            continue
        if spec.default is not None:
            out.defaulted[spec.name] = spec.default
        elif spec.required:
            out.missing_required.append(spec.name)
    return out


def candidate_columns(spec: FieldSpec, frame: pd.DataFrame, columns: list[str], hxl: dict[str, str],
                      *, limit: int = 3) -> list[str]:
    """Columns that could serve ``spec``, best first: an HXL tag of the same hashtag, a name
    like the field's (its name, title or aliases), values of the field's type (a sample)."""
    names = {normalize_name(n) for n in (spec.name, spec.title, *spec.aliases)}
    bases = {hxl_key(t)[0] for t in spec.hxl}
    scored: list[tuple[float, str]] = []
    for column in columns:
        score = 0.0
        tag = hxl.get(column)
        if tag and hxl_key(tag)[0] in bases:
            score += 2.0
        norm = normalize_name(str(column).replace("\\", "/").rsplit("/", 1)[-1])
        similarity = max((difflib.SequenceMatcher(None, norm, n).ratio() for n in names), default=0.0)
        parts = set(norm.split("_"))
        if any(set(n.split("_")) & parts for n in names):
            similarity = max(similarity, 0.7)
        if similarity >= 0.6:
            score += similarity
        if score and column in frame.columns:
            score += 0.5 * _type_fit(spec, frame[column])
        if score >= 0.6:
            scored.append((score, column))
    scored.sort(key=lambda item: -item[0])
    return [column for _, column in scored[:limit]]


def _type_fit(spec: FieldSpec, column: pd.Series) -> float:
    """The share of a sample of non-empty values that are valid values of the field."""
    sample = column.dropna().head(20).tolist()
    if not sample:
        return 0.0
    good = 0
    for value in sample:
        try:
            coerce_value(spec, value)
            good += 1
        except ValidationError:
            pass
    return good / len(sample)


def missing_required_message(kind: LayerKind, mapping: FieldMapping, frame: pd.DataFrame,
                             columns: list[str], hxl: dict[str, str]) -> str:
    """Which required fields have no column, with the columns that could serve each."""
    free = [c for c in columns if c in mapping.unmapped] or columns
    parts = []
    for name in mapping.missing_required:
        candidates = candidate_columns(kind.field(name), frame, free, hxl)
        parts.append(f"{name} (could be: {', '.join(candidates)})" if candidates else
                     f"{name} (no column looks like it)")
    return (f"required field(s) with no column in the file: {'; '.join(parts)}. Map one with "
            f"--map FIELD=COLUMN or give a value for every feature with --set FIELD=VALUE "
            f"(the file's columns: {', '.join(columns) or 'none'})")
