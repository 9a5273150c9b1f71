"""HXL hashtags and tag patterns, matched as the HXL standard says.

The standard (hxlstandard.org, "Tag patterns") and its reference library (libhxl-python,
``hxl.model.TagPattern``) match a *pattern* against a column's hashtag:

- ``#tag`` matches a column tagged ``#tag`` with any attributes;
- ``#tag+a`` matches ``#tag`` with ``a`` among its attributes (``#loc+name`` matches
  ``#loc+market+name``); ``#tag-a`` matches ``#tag`` *without* ``a``; ``#tag+a-b`` both;
- ``#tag+a+b!`` matches exactly those attributes and no others; ``#*`` any hashtag;
- hashtags and attributes compare case-insensitively, attribute order does not matter.

A hashtag row is found as libhxl finds it: the first of the first 25 rows in which at least half
the non-empty cells are hashtags; the row above it (if any) holds the text headers. Cells past
the hashtag row's width are not read (libhxl's rule for ragged rows).

The layer kinds' ``hxl`` lists are patterns. When several columns or fields could pair up,
:func:`assign_columns` pairs them best first: an exact hashtag before a pattern match, a more
specific pattern (more attributes) before a looser one, and a column with fewer extra
attributes (``+total`` not counted) before one with more, so ``#affected+total`` rather than
``#affected+f`` becomes the population when the pattern is ``#affected``.

We do not use libhxl itself: it is a streaming, network-capable data pipeline (it opens URLs,
Excel and JSON) with ten dependencies (requests, urllib3, structlog, xlrd3, jsonpath-ng, ply,
unidecode, python-io-wrapper, python-dateutil, wheel) for what is here ~150 lines of matching
rules; our CSV reader keeps every cell as text and our own row numbers for the per-feature report.
The rules are the same, and the tests run libhxl's own test files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

HASHTAG_ROW_SEARCH = 25  # rows searched for the hashtag row (libhxl: "first 25 rows")
HASHTAG_SHARE = 0.5  # share of a row's non-empty cells that must be hashtags (libhxl's FUZZY_HASHTAG_PERCENTAGE)

_TOKEN = r"[A-Za-z][A-Za-z0-9_]*"
_COLUMN_TAG = re.compile(rf"^\s*#({_TOKEN})((?:\s*\+\s*{_TOKEN})*)\s*$")
_PATTERN = re.compile(rf"^\s*#?({_TOKEN}|\*)((?:\s*[+-]\s*{_TOKEN})*)\s*(!)?\s*$")
_ATTRIBUTE = re.compile(rf"([+-])\s*({_TOKEN})")
_UNCOUNTED = frozenset({"total"})  # an attribute that adds no restriction to a column's meaning


@dataclass(frozen=True)
class HxlTag:
    """A column's hashtag: ``#loc+market+name`` -> tag 'loc', attributes {'market', 'name'}."""

    tag: str
    attributes: frozenset[str]

    @classmethod
    def parse(cls, text: object) -> HxlTag | None:
        """The hashtag ``text`` holds, or None when it is no hashtag."""
        if not isinstance(text, str):
            return None
        match = _COLUMN_TAG.match(text)
        if match is None:
            return None
        attributes = frozenset(a.lower() for _, a in _ATTRIBUTE.findall(match.group(2)))
        return cls(match.group(1).lower(), attributes)

    def __str__(self) -> str:
        return "#" + "+".join([self.tag, *sorted(self.attributes)])


@dataclass(frozen=True)
class TagPattern:
    """A tag pattern: ``#loc+name``, ``#affected-f-m``, ``#org+impl!``, ``#*+code``."""

    tag: str  # lower case, without '#'; '*' for any
    include: frozenset[str]
    exclude: frozenset[str] = frozenset()
    absolute: bool = False

    @classmethod
    def parse(cls, text: str) -> TagPattern:
        """Raises ValueError for text that is no tag pattern."""
        match = _PATTERN.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not an HXL tag pattern (e.g. #loc+name, #affected-children)")
        include, exclude = set(), set()
        for sign, attribute in _ATTRIBUTE.findall(match.group(2)):
            (include if sign == "+" else exclude).add(attribute.lower())
        absolute = match.group(3) == "!"
        if absolute and exclude:
            raise ValueError(f"{text!r}: an absolute pattern (ending in !) cannot exclude attributes")
        return cls(match.group(1).lower(), frozenset(include), frozenset(exclude), absolute)

    def matches(self, column: HxlTag | str | None) -> bool:
        tag = HxlTag.parse(column) if isinstance(column, str) else column
        if tag is None or (self.tag != "*" and self.tag != tag.tag):
            return False
        if not self.include <= tag.attributes or self.exclude & tag.attributes:
            return False
        return not self.absolute or tag.attributes <= self.include

    def is_exact(self, column: HxlTag) -> bool:
        """The column carries exactly this hashtag (no attribute more, none less)."""
        return self.tag == column.tag and self.include == column.attributes and not self.exclude

    def __str__(self) -> str:
        return ("#" + self.tag + "".join(f"+{a}" for a in sorted(self.include))
                + "".join(f"-{a}" for a in sorted(self.exclude)) + ("!" if self.absolute else ""))


def find_column(pattern: str | TagPattern, tags: dict[str, str]) -> str | None:
    """The first column (in ``tags``' order: column -> hashtag) that ``pattern`` matches."""
    compiled = pattern if isinstance(pattern, TagPattern) else TagPattern.parse(pattern)
    for column, text in tags.items():
        if compiled.matches(text):
            return column
    return None


def is_hashtag_row(cells: Sequence[object]) -> bool:
    """libhxl's test: at least half of the row's non-empty cells are hashtags."""
    filled = [c for c in cells if isinstance(c, str) and c.strip()]
    if not filled:
        return False
    tagged = sum(1 for c in filled if HxlTag.parse(c) is not None)
    return tagged / len(filled) >= HASHTAG_SHARE


def find_hashtag_row(rows: Iterable[Sequence[object]], limit: int = HASHTAG_ROW_SEARCH) -> int | None:
    """The 0-based index of the hashtag row among the first ``limit`` rows, or None."""
    for index, cells in enumerate(rows):
        if index >= limit:
            break
        if is_hashtag_row(cells):
            return index
    return None


@dataclass(frozen=True)
class TagMatch:
    column: str
    field: str
    pattern: str  # the pattern (from the layer kind) that matched
    exact: bool


def assign_columns(column_tags: dict[str, str], targets: Sequence[tuple[str, Sequence[str]]],
                   skip: Iterable[str] = ()) -> list[TagMatch]:
    """Pair columns (column -> hashtag, in file order) with fields (``(field, patterns)`` in
    order of preference), each column and each field at most once, best pairs first (see the
    module's docstring). Columns in ``skip`` are paired only by an exact hashtag."""
    skipped = set(skip)
    parsed = {c: HxlTag.parse(t) for c, t in column_tags.items()}
    candidates = []
    for c_order, (column, tag) in enumerate(parsed.items()):
        if tag is None:
            continue
        extra_base = tag.attributes - _UNCOUNTED
        for t_order, (field_name, patterns) in enumerate(targets):
            for p_order, text in enumerate(patterns):
                try:
                    pattern = TagPattern.parse(text)
                except ValueError:
                    continue
                if not pattern.matches(tag):
                    continue
                exact = pattern.is_exact(tag)
                if column in skipped and not exact:
                    continue
                extra = len(extra_base - pattern.include)
                rank = (0 if exact else 1, -len(pattern.include), extra, p_order, c_order, t_order)
                candidates.append((rank, column, field_name, text, exact))
    candidates.sort(key=lambda item: item[0])
    taken_columns: set[str] = set()
    taken_fields: set[str] = set()
    found = []
    for _rank, column, field_name, text, exact in candidates:
        if column in taken_columns or field_name in taken_fields:
            continue
        taken_columns.add(column)
        taken_fields.add(field_name)
        found.append(TagMatch(column, field_name, text, exact))
    return found
