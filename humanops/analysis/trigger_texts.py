"""What a trigger alert says, in each language of the response: ``resources/cap/rule_texts.toml``.

The table holds, per language, the headline, description and area wording of each rule type, the
default instruction, the lines that list zones and needs, and the translations of the shipped rules'
titles and instructions (matched by their English text). A rule file adds its own translations
(``[rule.translations.fr]``, checked by :mod:`humanops.analysis.trigger_rules`).

These are data for the CAP messages a partner receives, not the app's interface: the UI's
translations (Qt, ``resources/i18n``) are another matter and another file. The table is checked
when first read: every text in every language, each translation with exactly the placeholders of
its English text, so a translation can never drop a number or a name from an alert.
"""

from __future__ import annotations

import functools
import math
import re
import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from humanops.errors import AnalysisError

ENGLISH = "en"
RULE_TEXT_KEYS = ("title", "event", "instruction", "description")
# BCP 47 as CAP's xs:language takes it: a language and optional subtags (en, fr, es-419, fr-CA).
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
MAX_HEADLINE = 160  # CAP 1.2 §3.2.2: headline "SHOULD be less than 160 characters"

# How the layer kinds show a field value in a language (the catalog's value_label).
LabelFor = Callable[[str, str, Any, str], str]


def texts_path() -> Path:
    from humanops.data_paths import resources_dir

    return resources_dir() / "cap" / "rule_texts.toml"


@dataclass(frozen=True)
class TextTable:
    """The checked contents of a rule texts file."""

    source: str
    languages: tuple[str, ...]
    grouping: Mapping[str, str]
    decimal: Mapping[str, str]
    texts: Mapping[str, Mapping[str, str]]  # "need_near_danger.headline" -> {lang: text}
    rule_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # English -> {lang: text}

    def text(self, key: str, lang: str) -> str:
        entry = self.texts.get(key)
        if entry is None:
            raise AnalysisError(f"no text {key!r} (a HumanOps bug or an old texts file)", file=self.source)
        return entry.get(lang) or entry[ENGLISH]

    def rule_text(self, english: str, lang: str) -> str | None:
        return self.rule_texts.get(english, {}).get(lang)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _check_entry(source: str, where: str, entry: Any, languages: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(entry, dict):
        raise AnalysisError(f"{where}: must be a table of texts by language", file=source)
    missing = [lang for lang in languages if not isinstance(entry.get(lang), str) or not entry[lang].strip()]
    if missing:
        raise AnalysisError(f"{where}: no text in {', '.join(missing)}", file=source)
    try:
        expected = _placeholders(entry[ENGLISH])
        for lang in languages:
            if _placeholders(entry[lang]) != expected:
                raise AnalysisError(f"{where}.{lang}: placeholders {sorted(_placeholders(entry[lang]))} differ from "
                                    f"the English text's {sorted(expected)}", file=source)
    except ValueError as exc:  # an unbalanced brace
        raise AnalysisError(f"{where}: {exc}", file=source) from None
    return {lang: entry[lang] for lang in languages}


def parse_text_table(text: str, *, source: str) -> TextTable:
    """The table in ``text`` (TOML), or AnalysisError naming the entry and language."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AnalysisError(f"not valid TOML: {exc}", file=source) from None
    languages = doc.get("languages")
    if not isinstance(languages, list) or not languages or languages[0] != ENGLISH or not all(
            isinstance(lang, str) and LANGUAGE_TAG.match(lang) for lang in languages):
        raise AnalysisError("key 'languages': a list of language tags, English ('en') first", file=source)
    languages = tuple(languages)
    marks = {}
    for name, what in (("grouping", "a digit group separator"), ("decimal", "a decimal mark")):
        table = doc.get(name, {})
        if not isinstance(table, dict) or any(not isinstance(table.get(lang), str) for lang in languages):
            raise AnalysisError(f"[{name}]: {what} for every language", file=source)
        marks[name] = dict(table)
    texts: dict[str, dict[str, str]] = {}

    def walk(table: Any, prefix: str) -> None:
        if isinstance(table, dict) and ENGLISH in table:
            texts[prefix] = _check_entry(source, f"text.{prefix}", table, languages)
            return
        if not isinstance(table, dict):
            raise AnalysisError(f"text.{prefix}: must be a table", file=source)
        for key, value in table.items():
            walk(value, f"{prefix}.{key}" if prefix else key)

    walk(doc.get("text", {}), "")
    rule_texts: dict[str, dict[str, str]] = {}
    for i, entry in enumerate(doc.get("rule_text", [])):
        checked = _check_entry(source, f"rule_text {i}", entry, languages)
        rule_texts[checked[ENGLISH]] = checked
    return TextTable(source=source, languages=languages, grouping=marks["grouping"], decimal=marks["decimal"],
                     texts=texts, rule_texts=rule_texts)


@functools.cache
def text_table() -> TextTable:
    """The shipped table (read once)."""
    path = texts_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise AnalysisError(f"cannot read the CAP rule texts: {reason}", file=str(path)) from None
    return parse_text_table(text, source=str(path))


class Phrases:
    """One language's words for the alerts of one evaluation."""

    def __init__(self, table: TextTable, lang: str, label: LabelFor | None = None) -> None:
        self.table = table
        self.lang = lang
        self._label = label

    def number(self, value: Any) -> str:
        """A whole number grouped as the language writes it; NaN: the word for unknown."""
        if type(value) is int:  # most of them: counts, phases, severities
            return f"{value:,}".replace(",", self.table.grouping.get(self.lang, ","))
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if math.isnan(number):
            return self.say("word.unknown")
        text = f"{round(number):,}" if number.is_integer() or abs(number) >= 100 else f"{number:,.2f}".rstrip("0")
        whole, _, fraction = text.partition(".")
        whole = whole.replace(",", self.table.grouping.get(self.lang, ","))
        return f"{whole}{self.table.decimal.get(self.lang, '.')}{fraction}" if fraction else whole

    def say(self, key: str, **values: Any) -> str:
        words = {k: self.number(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                 for k, v in values.items()}
        return self.table.text(key, self.lang).format(**words)

    def label(self, layer: str, field_name: str, value: Any) -> str:
        """An enum value (hazard, corridor status) in the words of the layer kind's translations."""
        if self._label is None or value is None:
            return str(value)
        return self._label(layer, field_name, value, self.lang)

    def lines(self, items: list[str], total: int | None = None) -> str:
        """``items`` one a line; when they are the first of ``total``, a last line says how many more."""
        more = (total or len(items)) - len(items)
        return "\n".join([*items, self.say("line.more", count=more)] if more > 0 else items)


def rule_text(rule: Any, key: str, lang: str, table: TextTable) -> str | None:
    """A rule's own text (``title``, ``event``, ``instruction``, ``description``) in ``lang``: the
    rule file's translation, else the shipped table's; None when neither has one (the English text
    is then all there is). English and empty texts are returned as they are."""
    english = getattr(rule, key) or ""
    if lang == ENGLISH or not english:
        return english
    own = dict(getattr(rule, "translations", ()) or ()).get(lang)
    if own is not None and dict(own).get(key):
        return dict(own)[key]
    return table.rule_text(english, lang)


def untranslated(rule: Any, languages: tuple[str, ...], table: TextTable) -> list[tuple[str, str]]:
    """(language, key) of the rule's own texts that have no translation in ``languages``."""
    return [(lang, key) for lang in languages if lang != ENGLISH for key in RULE_TEXT_KEYS
            if getattr(rule, key) and rule_text(rule, key, lang, table) is None]


def truncate_headline(text: str) -> str:
    return text if len(text) <= MAX_HEADLINE else text[:MAX_HEADLINE - 1].rstrip() + "…"
