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
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import msgspec

from humanops.analysis.trigger_texts import ENGLISH, LANGUAGE_TAG, RULE_TEXT_KEYS, text_table, untranslated
from humanops.documents import Invalid, Problem, convert, format_key, parse_toml
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


def _number(value: float | None, key: str, lo: float, hi: float) -> None:
    if value is not None and not lo <= value <= hi:
        raise Invalid(f"{value!r} is outside {format_number(lo)}..{format_number(hi)}", key)


def _choices(value: list[str] | None, key: str, allowed: tuple[str, ...]) -> None:
    if value is None:
        return
    bad = [v for v in value if allowed and v not in allowed]
    if bad:
        raise Invalid(f"{bad[0]!r} is not one of {', '.join(allowed)}", key)
    if not value:
        raise Invalid("must list at least one value (leave the key out for the default)", key)


def _one_of(value: str | None, key: str, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise Invalid(f"{value!r} is not one of {', '.join(allowed)}", key)


class RuleTable(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One ``[[rule]]`` table: the keys of its type only (RULE_KEYS), ranges and values checked."""

    id: str | None = None
    type: str | None = None
    level: str | None = None
    title: str = ""
    enabled: bool = True
    urgency: str | None = None
    certainty: str | None = None
    category: str = "Safety"
    event: str = ""
    description: str = ""
    instruction: str = ""
    hazards: list[str] | None = None  # checked against the catalog's hazards by parse_rule_file
    web: str = ""
    expires_hours: int | float = DEFAULT_EXPIRES_HOURS
    event_codes: dict[str, str] = {}
    translations: dict[str, dict[str, str]] = {}
    min_severity: int | None = None
    distance_m: int | float | None = None
    corridor_status: list[str] | None = None
    threshold: int | float | None = None
    admin_codes: list[str] | None = None
    min_phase: int | None = None

    def __post_init__(self) -> None:
        if self.id is None:
            raise Invalid("is required", "id")
        if not _RULE_ID.match(self.id):
            raise Invalid(f"{self.id!r} must be 1-64 letters, digits, '-', '_' or '.'", "id")
        if self.type is None:
            raise Invalid("is required", "type")
        if self.type not in RULE_TYPES:
            raise Invalid(f"{self.type!r} is not one of {', '.join(RULE_TYPES)}", "type")
        given = {key for keys in RULE_KEYS.values() for key in keys if getattr(self, key) is not None}
        unknown = sorted(given - RULE_KEYS[self.type])
        if unknown:
            raise Invalid(_unknown_for(self.type), unknown[0])
        for key in sorted(REQUIRED_KEYS[self.type] - given):
            raise Invalid(f"is required for a {self.type} rule", key)
        if self.level is None:
            raise Invalid(f"is required ({', '.join(LEVELS)})", "level")
        _one_of(self.level, "level", LEVELS)
        _one_of(self.urgency, "urgency", CAP_URGENCIES)
        _one_of(self.certainty, "certainty", CAP_CERTAINTIES)
        _one_of(self.category, "category", CAP_CATEGORIES)
        _choices(self.hazards, "hazards", ())
        if self.web and (reason := check_web(self.web)):
            raise Invalid(reason, "web")
        _number(self.expires_hours, "expires_hours", 0.25, 8760)
        bad = next(((k, v) for k, v in self.event_codes.items() if not v.strip() or not k.strip()), None)
        if bad:
            raise Invalid(f"{bad[0]!r} = {bad[1]!r}: a code list name and a code, both text", "event_codes")
        self._check_translations()
        _number(self.min_severity, "min_severity", 1, 5)
        _number(self.distance_m, "distance_m", 0, 100_000)
        _choices(self.corridor_status, "corridor_status", CORRIDOR_STATUSES)
        _number(self.threshold, "threshold", 0, 1e9)
        _choices(self.admin_codes, "admin_codes", ())
        _number(self.min_phase, "min_phase", 1, 5)

    def _check_translations(self) -> None:
        languages = text_table().languages
        for lang, texts in sorted(self.translations.items()):
            if lang not in languages:
                raise Invalid(f"HumanOps writes alerts in {', '.join(languages)} (its texts for the rule "
                              "types are in resources/cap/rule_texts.toml)", ("translations", lang))
            unknown = sorted(set(texts) - set(RULE_TEXT_KEYS))
            if unknown:
                raise Invalid(f"unknown key (allowed: {', '.join(RULE_TEXT_KEYS)})", ("translations", lang, unknown[0]))
            bad = next((k for k, v in texts.items() if not v.strip()), None)
            if bad:
                raise Invalid("must be text", ("translations", lang, bad))

    def rule(self, index: int) -> TriggerRule:
        values: dict[str, Any] = {
            "id": self.id, "type": self.type, "level": self.level, "index": index, "title": self.title,
            "enabled": self.enabled, "urgency": self.urgency, "certainty": self.certainty,
            "category": self.category, "event": self.event, "description": self.description,
            "instruction": self.instruction, "hazards": tuple(dict.fromkeys(self.hazards or ())), "web": self.web,
            "expires_hours": float(self.expires_hours), "event_codes": tuple(sorted(self.event_codes.items())),
            "translations": tuple((lang, tuple(sorted(texts.items())))
                                  for lang, texts in sorted(self.translations.items())),
            "min_severity": 1 if self.min_severity is None else self.min_severity,
            "distance_m": float(self.distance_m or 0.0),
        }
        if self.type == "danger_near_corridor":
            values["corridor_status"] = tuple(dict.fromkeys(self.corridor_status or ("open",)))
        elif self.type == "population_exposed":
            values["threshold"] = float(self.threshold or 0.0)
            values["admin_codes"] = tuple(dict.fromkeys(self.admin_codes or ()))
        elif self.type == "need_near_danger":
            values["min_phase"] = self.min_phase
        return TriggerRule(**values)


def _unknown_for(rule_type: str) -> str:
    return f"unknown key for a {rule_type} rule (allowed: {', '.join(sorted(COMMON_KEYS | RULE_KEYS[rule_type]))})"


class RuleFileTable(msgspec.Struct, forbid_unknown_fields=True):
    """A whole rule file: ``[[rule]]`` tables, the file's format version, languages and web page."""

    rule: list[RuleTable] = []
    version: Any = 1
    languages: list[str] = msgspec.field(default_factory=lambda: [ENGLISH])
    web: str = ""

    def __post_init__(self) -> None:
        if self.version != 1:
            raise Invalid(f"{self.version!r} is not a supported rule file version (1)", "version")
        if not all(LANGUAGE_TAG.match(v) for v in self.languages):
            raise Invalid(f"{self.languages!r} is not a list of language tags (e.g. [\"en\", \"fr\"])", "languages")
        known = text_table().languages
        unknown = [v for v in self.languages if v not in known]
        if unknown:
            raise Invalid(f"{unknown[0]!r} is not a language HumanOps writes alerts in "
                          f"({', '.join(known)}; resources/cap/rule_texts.toml)", "languages")
        if self.web and (reason := check_web(self.web)):
            raise Invalid(reason, "web")


def _rule_file_problem(problem: Problem, source: str) -> AnalysisError:
    """The problem as this file's messages have always said it: the rule (index and id), the key."""
    path = problem.path
    if len(path) < 2 or path[0] != "rule" or not isinstance(path[1], int):
        if problem.kind == "unknown" and len(path) == 1:
            return AnalysisError(f"unknown top-level key {path[0]!r} (expected [[rule]] tables, languages, web)",
                                 file=source)
        if path == ("rule",) and problem.kind == "type":
            return AnalysisError("key 'rule' must be an array of tables ([[rule]])", file=source)
        return AnalysisError(f"key {problem.key!r}: {problem.reason}", file=source)
    raw = problem.document["rule"][path[1]]
    rule_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    rule_type = raw.get("type") if isinstance(raw, dict) else None
    key = format_key(path[2:])
    reason = problem.reason
    if problem.kind == "type" and not key:
        reason = "must be a table ([[rule]])"
    elif problem.kind == "type":
        number = isinstance(problem.value, bool) and "int" in problem.expected
        reason = (f"expected a number, got {problem.value!r}" if number
                  else f"expected {problem.expected.replace('/', ' or ')}, got {problem.value!r}")
    elif problem.kind == "unknown" and rule_type in RULE_TYPES:
        reason = _unknown_for(rule_type)
    return AnalysisError(f"{_rule_where(path[1], rule_id, key)}: {reason}", file=source)


def _rule_where(index: int, rule_id: str | None, key: str | None) -> str:
    who = f"rule {index}" + (f" ({rule_id!r})" if rule_id else "")
    return f"{who}, key {key!r}" if key else who


def parse_rules(text: str, *, source: str = "trigger rules") -> list[TriggerRule]:
    """Every rule in ``text`` (TOML), or AnalysisError for the first problem (file, rule, key)."""
    return parse_rule_file(text, source=source).rules


def parse_rule_file(text: str, *, source: str = "trigger rules") -> RuleFile:
    """The rules and alert settings in ``text`` (TOML), or AnalysisError for the first problem."""
    from humanops.catalog import hazard_values

    doc = parse_toml(text, lambda reason: AnalysisError(reason, file=source))
    checked = convert(doc, RuleFileTable, lambda problem: _rule_file_problem(problem, source))
    hazards = hazard_values()
    rules = []
    for index, table in enumerate(checked.rule):
        bad = [h for h in table.hazards or () if hazards and h not in hazards]
        if bad:
            raise AnalysisError(f"{_rule_where(index, table.id, 'hazards')}: {bad[0]!r} is not one of "
                                f"{', '.join(hazards)}", file=source)
        rules.append(table.rule(index))
    seen: dict[str, int] = {}
    for rule in rules:
        if rule.id in seen:
            raise AnalysisError(f"rule {rule.index} ({rule.id!r}), key 'id': the same id as rule {seen[rule.id]}",
                                file=source)
        seen[rule.id] = rule.index
    languages = tuple(dict.fromkeys([ENGLISH, *checked.languages]))
    web = checked.web
    for rule in rules:  # an alert must not go out half in English in a language the response agreed
        missing = untranslated(rule, languages, text_table())
        if missing:
            lang, key = missing[0]
            raise AnalysisError(f"rule {rule.index} ({rule.id!r}), key {key!r}: no {lang!r} text for the response's "
                                f"languages ({', '.join(languages)}); add it under [rule.translations.{lang}]",
                                file=source)
    rules = [replace(r, web=r.web or web) for r in rules]  # the file's page for rules naming none
    return RuleFile(rules=rules, languages=languages, web=web)
