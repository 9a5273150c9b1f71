"""Map an input's columns onto a layer kind's fields, and say how.

A column matches a field by HXL hashtag (any of the field's ``hxl`` tags, taken as tag patterns
the way the HXL standard matches them: see humanops.formats.hxl_tags), by its name, or by one of
the field's ``aliases`` (in that order of precedence; names
compared case- and space-insensitively, and a KoboToolbox group path ``group/question`` by its
last part). The marking columns (tlp, releasable_to, caveats, expires, precision), ``uuid``
and ``originator`` are recognised the same way. The mapping reports what matched, the columns left unmapped,
the fields that get their kind's default, and the required fields no column supplies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from humanops.catalog import LayerKind
from humanops.formats.hxl_tags import assign_columns
from humanops.formats.names import hxl_key, normalize_name

MARKING_FIELDS = ("tlp", "releasable_to", "caveats", "expires", "precision")
# HXL hashtags for the columns every layer has (written on CSV export, accepted on import).
SYSTEM_HXL = {
    "uuid": "#meta+uuid",
    "originator": "#org+originator",
    "tlp": "#meta+tlp",
    "releasable_to": "#meta+releasable_to",
    "caveats": "#meta+caveats",
    "expires": "#date+expires",
    "precision": "#meta+precision",
}
# Identity and provenance columns beside uuid and originator, as exported: kept on re-import
# with the feature's uuid (humanops.formats.identity_columns says how), so a round trip keeps them.
IDENTITY_HXL = {
    "version": "#meta+version", "created": "#date+created", "modified": "#date+modified",
    "source_package": "#meta+source+package", "source_signer": "#meta+source+signer",
}
# The GeoPackage row id: recognised, set anew by the workspace. The originator is kept (a
# partner's feature stays theirs, with the limits they set on it).
BOOKKEEPING = ("fid",)
# Names other tools commonly give a kind's free-text field (KML <description>, QGIS forms).
GENERIC_ALIASES = {"notes": ("description", "comment", "comments", "remarks")}


@dataclass(frozen=True)
class ColumnMatch:
    column: str  # the source column
    field: str  # the kind field, marking column or 'uuid'
    how: str  # 'hxl' | 'name' | 'alias'
    hxl: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "field": self.field, "how": self.how, "hxl": self.hxl}


@dataclass
class FieldMapping:
    kind: str
    matched: list[ColumnMatch] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    bookkeeping: list[str] = field(default_factory=list)
    defaulted: dict[str, Any] = field(default_factory=dict)
    missing_required: list[str] = field(default_factory=list)
    # field -> one value for every feature (``--set``), checked by field_mapping.check_constants
    constants: dict[str, Any] = field(default_factory=dict)

    @property
    def by_field(self) -> dict[str, str]:
        return {m.field: m.column for m in self.matched}

    @property
    def kind_matches(self) -> int:
        """How many of the kind's own fields matched, apart from name and notes that every
        kind has: the evidence for guessing a file's kind."""
        return sum(1 for m in self.matched
                   if m.field not in ("name", "notes", "uuid", "originator", *MARKING_FIELDS, *IDENTITY_HXL))

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The source columns renamed to their fields (unmapped ones dropped), and the constants."""
        out = pd.DataFrame({m.field: frame[m.column] for m in self.matched}, index=frame.index)
        for name, value in self.constants.items():
            out[name] = pd.Series([value] * len(frame), index=frame.index, dtype=object)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": [m.to_dict() for m in self.matched],
            "unmapped": list(self.unmapped),
            "ignored": list(self.bookkeeping),
            "defaulted": dict(self.defaulted),
            "missing_required": list(self.missing_required),
            "constants": dict(self.constants),
        }

    def lines(self) -> list[str]:
        how = {"hxl": "HXL", "name": "name", "alias": "alias", "given": "--map"}
        matched = ", ".join(
            f"{m.column} → {m.field}" + (f" [{m.hxl}]" if m.how == "hxl" else
                                         "" if m.how == "name" and m.column == m.field else
                                         f" [{how[m.how]}]")
            for m in self.matched)
        out = [f"matched: {matched or 'nothing'}"]
        if self.unmapped:
            out.append(f"unmapped columns (not imported): {', '.join(self.unmapped)}")
        if self.constants:
            out.append("constants: " + ", ".join(f"{k} = {v}" for k, v in self.constants.items()))
        if self.defaulted:
            out.append("defaulted: " + ", ".join(f"{k} = {v}" for k, v in self.defaulted.items()))
        if self.missing_required:
            out.append(f"missing required fields: {', '.join(self.missing_required)}")
        return out


@dataclass(frozen=True)
class _Target:
    field: str
    names: frozenset[str]
    aliases: frozenset[str]
    hxl: tuple[tuple[str, frozenset[str]], ...]


def _targets(kind: LayerKind) -> list[_Target]:
    targets = []
    for spec in kind.fields:
        aliases = {normalize_name(a) for a in (*spec.aliases, *GENERIC_ALIASES.get(spec.name, ()))}
        if spec.name == kind.time_start:  # KML TimeSpan/TimeStamp, as GDAL and our KML reader name them
            aliases |= {"begin", "timestamp"}
        elif spec.name == kind.time_end:
            aliases.add("end")
        targets.append(_Target(spec.name, frozenset({normalize_name(spec.name)}), frozenset(aliases),
                               tuple(hxl_key(t) for t in spec.hxl)))
    for name in ("uuid", "originator", *MARKING_FIELDS):
        aliases = {"tlp_level", "tlp_2_0"} if name == "tlp" else set()
        targets.append(_Target(name, frozenset({name}), frozenset(aliases), (hxl_key(SYSTEM_HXL[name]),)))
    for name, tag in IDENTITY_HXL.items():
        targets.append(_Target(name, frozenset({name}), frozenset(), (hxl_key(tag),)))
    return targets


def map_columns(kind: LayerKind, columns: list[str], hxl: dict[str, str] | None = None) -> FieldMapping:
    """Match ``columns`` (with their HXL tags, if the input had a hashtag row) to ``kind``."""
    hxl = hxl or {}
    targets = _targets(kind)
    taken: dict[str, ColumnMatch] = {}  # field -> match
    used: set[str] = set()

    def assign(column: str, target: _Target, how: str) -> None:
        if column in used or target.field in taken:
            return
        taken[target.field] = ColumnMatch(column, target.field, how, hxl.get(column))
        used.add(column)

    # 1. a deliberate HXL tag says most, matched as the HXL standard matches tag patterns
    # (#loc+name takes #loc+market+name), best pair first (humanops.formats.hxl_tags)
    by_field = {t.field: t for t in targets}
    patterns = [(t.field, ["+".join([tag, *sorted(attrs)]) for tag, attrs in t.hxl]) for t in targets]
    for match in assign_columns({c: hxl[c] for c in columns if hxl.get(c)}, patterns):
        assign(match.column, by_field[match.field], "hxl")
    full = {c: normalize_name(c) for c in columns}
    last = {c: normalize_name(str(c).replace("\\", "/").rsplit("/", 1)[-1]) for c in columns}
    for names, attr, how in ((full, "names", "name"), (full, "aliases", "alias"),
                             (last, "names", "name"), (last, "aliases", "alias")):
        for column in columns:
            for target in targets:
                if names[column] in getattr(target, attr):
                    assign(column, target, how)
                    break
    mapping = FieldMapping(kind=kind.name)
    order = {t.field: i for i, t in enumerate(targets)}
    mapping.matched = sorted(taken.values(), key=lambda m: order[m.field])
    bookkeeping = set(BOOKKEEPING)
    for column in columns:
        if column in used:
            continue
        if full[column] in bookkeeping:
            mapping.bookkeeping.append(column)
        else:
            mapping.unmapped.append(column)
    for spec in kind.fields:
        if spec.name in taken:
            continue
        if spec.default is not None:
            mapping.defaulted[spec.name] = spec.default
        elif spec.required:
            mapping.missing_required.append(spec.name)
    return mapping
