"""Preauthorised trigger rules: parsed and checked from TOML, all or nothing.

A rule file (example: ``resources/triggers/example.toml``) holds ``[[rule]]`` tables::

    [[rule]]
    id = "corridor-at-risk"           # unique; letters, digits, - _ .
    type = "danger_near_corridor"     # see RULE_KEYS
    level = "high"                    # low | medium | high | critical  (CAP severity Minor..Extreme)
    min_severity = 4
    distance_m = 500
    corridor_status = ["open", "negotiated"]

Every key is checked (type, range, allowed values; an unknown key is an error, so a typo never
silently disables a safeguard). :func:`parse_rules` raises one :class:`AnalysisError` naming the
file, the rule (index and id) and the key, and returns nothing unless every rule is valid: the
caller adopts the whole set or none of it.

Beside the rules, the file holds what the response agreed about its alerts (:class:`RuleFile`):
``languages`` (one CAP ``<info>`` per language, English always; every rule's own texts must then be
translated, in ``[rule.translations.LANG]`` or the shipped table ``resources/cap/rule_texts.toml``)
and ``web`` (the page where readers find more: CAP ``<web>``, a rule may name its own).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from humanops.analysis.trigger_texts import ENGLISH, LANGUAGE_TAG, RULE_TEXT_KEYS, text_table, untranslated
from humanops.errors import AnalysisError
from humanops.model.numbers import format_number

RULE_TYPES = ("danger_near_corridor", "population_exposed", "need_near_danger")
LEVELS = ("low", "medium", "high", "critical")
CAP_SEVERITY = {"low": "Minor", "medium": "Moderate", "high": "Severe", "critical": "Extreme"}
CAP_URGENCY_DEFAULT = {"low": "Future", "medium": "Expected", "high": "Immediate", "critical": "Immediate"}
CAP_URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CAP_CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CAP_CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra",
                  "CBRNE", "Other")
CORRIDOR_STATUSES = ("proposed", "negotiated", "open", "restricted", "closed")
_RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

COMMON_KEYS = {"id", "type", "level", "title", "enabled", "urgency", "certainty", "category", "event",
               "description", "instruction", "hazards", "web", "expires_hours", "event_codes", "translations"}
FILE_KEYS = {"rule", "version", "languages", "web"}
DEFAULT_EXPIRES_HOURS = 24.0
RULE_KEYS: dict[str, set[str]] = {
    # a danger zone of severity >= min_severity within distance_m of the edge of a corridor whose status is listed
    "danger_near_corridor": {"min_severity", "distance_m", "corridor_status"},
    # people exposed (exposure: inside or within distance_m of zones of severity >= min_severity) in an
    # admin area over threshold
    "population_exposed": {"threshold", "min_severity", "distance_m", "admin_codes"},
    # a need of severity_phase >= min_phase within distance_m of a danger zone of severity >= min_severity
    "need_near_danger": {"min_phase", "min_severity", "distance_m"},
}
REQUIRED_KEYS = {
    "danger_near_corridor": {"min_severity"},
    "population_exposed": {"threshold"},
    "need_near_danger": {"min_phase"},
}
# Which layers a rule reads: a change elsewhere cannot change its alerts.
RULE_LAYERS = {
    "danger_near_corridor": frozenset({"danger_zone", "corridor"}),
    "population_exposed": frozenset({"danger_zone", "need"}),
    "need_near_danger": frozenset({"danger_zone", "need"}),
}


@dataclass(frozen=True)
class TriggerRule:
    id: str
    type: str
    level: str
    title: str = ""
    enabled: bool = True
    urgency: str | None = None  # None: from the level
    certainty: str | None = None  # None: from the danger zones' confidence
    category: str = "Safety"
    event: str = ""
    description: str = ""  # added to every alert's description
    instruction: str = ""  # the agreed action: CAP <instruction> (default: the rule type's, rule_texts.toml)
    hazards: tuple[str, ...] = ()
    web: str = ""  # CAP <web> of its alerts (default: the file's)
    expires_hours: float = DEFAULT_EXPIRES_HOURS  # CAP <expires>: this long after the message, at most
    event_codes: tuple[tuple[str, str], ...] = ()  # CAP <eventCode> (valueName, value) of an agency's list
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (lang, ((key, text), ...))
    min_severity: int = 1
    distance_m: float = 0.0
    corridor_status: tuple[str, ...] = ("open",)
    threshold: float = 0.0
    admin_codes: tuple[str, ...] = ()
    min_phase: int = 1
    index: int = 0  # position in the file, for messages

    @property
    def layers(self) -> frozenset[str]:
        return RULE_LAYERS[self.type]

    @property
    def cap_severity(self) -> str:
        return CAP_SEVERITY[self.level]

    @property
    def cap_urgency(self) -> str:
        return self.urgency or CAP_URGENCY_DEFAULT[self.level]

    @property
    def label(self) -> str:
        return self.title or self.id


@dataclass(frozen=True)
class RuleFile:
    """A checked rule file: its rules and what the response agreed about their alerts."""

    rules: list[TriggerRule]
    languages: tuple[str, ...] = (ENGLISH,)  # English first, always
    web: str = ""


def check_web(value: str) -> str | None:
    """Why ``value`` is not an absolute http(s) address, or None when it is."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        return f"{value!r} is not an absolute http(s) address (e.g. https://response.example.org/alerts)"
    return None


class _RuleParser:
    def __init__(self, source: str, index: int, raw: Any, hazards: tuple[str, ...]) -> None:
        self.source = source
        self.index = index
        self.raw = raw
        self.hazards = hazards
        self.rule_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None

    def fail(self, key: str | None, reason: str) -> AnalysisError:
        who = f"rule {self.index}" + (f" ({self.rule_id!r})" if self.rule_id else "")
        where = f"{who}, key {key!r}" if key else who
        return AnalysisError(f"{where}: {reason}", file=self.source)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = self.raw.get(key, default)
        if value is default:
            return default
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(key, f"expected a number, got {value!r}")
        if not isinstance(value, kind):
            expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(key, f"expected {expected}, got {value!r}")
        return value

    def number(self, key: str, default: float | None, lo: float, hi: float, *, integer: bool = False) -> Any:
        value = self.get(key, int if integer else (int, float), default)
        if value is None:
            raise self.fail(key, "is required")
        if not lo <= value <= hi:
            raise self.fail(key, f"{value!r} is outside {format_number(lo)}..{format_number(hi)}")
        return value

    def choices(self, key: str, allowed: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.get(key, list, None)
        if value is None:
            return default
        bad = [v for v in value if not isinstance(v, str) or (allowed and v not in allowed)]
        if bad:
            raise self.fail(key, f"{bad[0]!r} is not one of {', '.join(allowed)}" if allowed
                            else f"{bad[0]!r} is not text")
        if not value:
            raise self.fail(key, "must list at least one value (leave the key out for the default)")
        return tuple(dict.fromkeys(value))

    def one_of(self, key: str, allowed: tuple[str, ...], default: str | None) -> str | None:
        value = self.get(key, str, default)
        if value is not None and value not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def web(self) -> str:
        value = self.get("web", str, "")
        if value and (reason := check_web(value)):
            raise self.fail("web", reason)
        return value

    def event_codes(self) -> tuple[tuple[str, str], ...]:
        value = self.get("event_codes", dict, {})
        bad = next(((k, v) for k, v in value.items() if not isinstance(v, str) or not v.strip() or not k.strip()), None)
        if bad:
            raise self.fail("event_codes", f"{bad[0]!r} = {bad[1]!r}: a code list name and a code, both text")
        return tuple(sorted(value.items()))

    def translations(self) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        value = self.get("translations", dict, {})
        languages = text_table().languages
        out = []
        for lang, texts in sorted(value.items()):
            where = f"translations.{lang}"
            if lang not in languages:
                raise self.fail(where, f"HumanOps writes alerts in {', '.join(languages)} (its texts for the rule "
                                "types are in resources/cap/rule_texts.toml)")
            if not isinstance(texts, dict):
                raise self.fail(where, "must be a table (title, event, instruction, description)")
            unknown = sorted(set(texts) - set(RULE_TEXT_KEYS))
            if unknown:
                raise self.fail(f"{where}.{unknown[0]}", f"unknown key (allowed: {', '.join(RULE_TEXT_KEYS)})")
            bad = next((k for k, v in texts.items() if not isinstance(v, str) or not v.strip()), None)
            if bad:
                raise self.fail(f"{where}.{bad}", "must be text")
            out.append((lang, tuple(sorted(texts.items()))))
        return tuple(out)

    def parse(self) -> TriggerRule:
        if not isinstance(self.raw, dict):
            raise self.fail(None, "must be a table ([[rule]])")
        rule_id = self.get("id", str)
        if rule_id is None:
            raise self.fail("id", "is required")
        if not _RULE_ID.match(rule_id):
            raise self.fail("id", f"{rule_id!r} must be 1-64 letters, digits, '-', '_' or '.'")
        rule_type = self.get("type", str)
        if rule_type is None:
            raise self.fail("type", "is required")
        if rule_type not in RULE_TYPES:
            raise self.fail("type", f"{rule_type!r} is not one of {', '.join(RULE_TYPES)}")
        allowed = COMMON_KEYS | RULE_KEYS[rule_type]
        unknown = sorted(set(self.raw) - allowed)
        if unknown:
            raise self.fail(unknown[0], f"unknown key for a {rule_type} rule (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(REQUIRED_KEYS[rule_type]):
            if key not in self.raw:
                raise self.fail(key, f"is required for a {rule_type} rule")
        level = self.one_of("level", LEVELS, None)
        if level is None:
            raise self.fail("level", f"is required ({', '.join(LEVELS)})")
        values: dict[str, Any] = {
            "id": rule_id, "type": rule_type, "level": level, "index": self.index,
            "title": self.get("title", str, ""),
            "enabled": self.get("enabled", bool, True),
            "urgency": self.one_of("urgency", CAP_URGENCIES, None),
            "certainty": self.one_of("certainty", CAP_CERTAINTIES, None),
            "category": self.one_of("category", CAP_CATEGORIES, "Safety"),
            "event": self.get("event", str, ""),
            "description": self.get("description", str, ""),
            "instruction": self.get("instruction", str, ""),
            "hazards": self.choices("hazards", self.hazards, ()),
            "web": self.web(),
            "expires_hours": float(self.number("expires_hours", DEFAULT_EXPIRES_HOURS, 0.25, 8760)),
            "event_codes": self.event_codes(),
            "translations": self.translations(),
            "min_severity": self.number("min_severity", 1, 1, 5, integer=True),
            "distance_m": float(self.number("distance_m", 0.0, 0, 100_000)),
        }
        if rule_type == "danger_near_corridor":
            values["corridor_status"] = self.choices("corridor_status", CORRIDOR_STATUSES, ("open",))
        elif rule_type == "population_exposed":
            values["threshold"] = float(self.number("threshold", None, 0, 1e9))
            values["admin_codes"] = self.choices("admin_codes", (), ())
        elif rule_type == "need_near_danger":
            values["min_phase"] = self.number("min_phase", None, 1, 5, integer=True)
        return TriggerRule(**values)


def _known_hazards() -> tuple[str, ...]:
    from humanops.catalog import load_catalog

    catalog = load_catalog()  # a kind file that does not read fails here, loudly
    if "danger_zone" not in catalog:  # no such kind in this catalog: accept any hazard text
        return ()
    hazard = next((f for f in catalog["danger_zone"].fields if f.name == "hazard"), None)
    return tuple(hazard.values or ()) if hazard is not None else ()


def parse_rules(text: str, *, source: str = "trigger rules") -> list[TriggerRule]:
    """Every rule in ``text`` (TOML), or AnalysisError for the first problem (file, rule, key)."""
    return parse_rule_file(text, source=source).rules


def _file_languages(doc: dict[str, Any], source: str) -> tuple[str, ...]:
    value = doc.get("languages", [ENGLISH])
    known = text_table().languages
    if not isinstance(value, list) or not all(isinstance(v, str) and LANGUAGE_TAG.match(v) for v in value):
        raise AnalysisError(f"key 'languages': {value!r} is not a list of language tags (e.g. [\"en\", \"fr\"])",
                            file=source)
    unknown = [v for v in value if v not in known]
    if unknown:
        raise AnalysisError(f"key 'languages': {unknown[0]!r} is not a language HumanOps writes alerts in "
                            f"({', '.join(known)}; resources/cap/rule_texts.toml)", file=source)
    return tuple(dict.fromkeys([ENGLISH, *value]))


def parse_rule_file(text: str, *, source: str = "trigger rules") -> RuleFile:
    """The rules and alert settings in ``text`` (TOML), or AnalysisError for the first problem."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AnalysisError(f"not valid TOML: {exc}", file=source) from None
    unknown = sorted(set(doc) - FILE_KEYS)
    if unknown:
        raise AnalysisError(f"unknown top-level key {unknown[0]!r} (expected [[rule]] tables, languages, web)",
                            file=source)
    version = doc.get("version", 1)
    if version != 1:
        raise AnalysisError(f"key 'version': {version!r} is not a supported rule file version (1)", file=source)
    raw_rules = doc.get("rule", [])
    if not isinstance(raw_rules, list):
        raise AnalysisError("key 'rule' must be an array of tables ([[rule]])", file=source)
    hazards = _known_hazards()
    rules = [_RuleParser(source, i, raw, hazards).parse() for i, raw in enumerate(raw_rules)]
    seen: dict[str, int] = {}
    for rule in rules:
        if rule.id in seen:
            raise AnalysisError(f"rule {rule.index} ({rule.id!r}), key 'id': the same id as rule {seen[rule.id]}",
                                file=source)
        seen[rule.id] = rule.index
    languages = _file_languages(doc, source)
    web = doc.get("web", "")
    if not isinstance(web, str) or (web and check_web(web)):
        raise AnalysisError(f"key 'web': {check_web(str(web))}", file=source)
    for rule in rules:  # an alert must not go out half in English in a language the response agreed
        missing = untranslated(rule, languages, text_table())
        if missing:
            lang, key = missing[0]
            raise AnalysisError(f"rule {rule.index} ({rule.id!r}), key {key!r}: no {lang!r} text for the response's "
                                f"languages ({', '.join(languages)}); add it under [rule.translations.{lang}]",
                                file=source)
    rules = [replace(r, web=r.web or web) for r in rules]  # the file's page for rules naming none
    return RuleFile(rules=rules, languages=languages, web=web)
