"""Numbers, dates and datetimes as a reader of a language writes them, without Qt (Babel).

For what HumanOps writes for people outside the app: the CLI's human-readable lines and the
products (briefings, situation reports). The locale is ``$HUMANOPS_LANG`` (the app's override
too), else the environment's ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``, else English. JSON
output and stored values never go through here: they do not change with the locale.

    >>> format_number(12345, "fr")
    '12\u202f345'
    >>> format_date(date(2026, 11, 20), "es")
    '20 nov 2026'
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

DEFAULT_LOCALE = "en"
# Checked in this order, as gettext does (LANGUAGE is left out: it lists message catalogues).
ENVIRONMENT = ("HUMANOPS_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def current_locale(environ: dict[str, str] | None = None) -> str:
    """The locale to format for, e.g. "fr_FR" or "ar": the first of :data:`ENVIRONMENT` that is
    set decides, as in POSIX ("C", "POSIX" or a locale Babel does not know: English);
    ``HUMANOPS_LANG=system`` defers to the others."""
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = env.get(name, "").strip()
        if value and value.lower() != "system":
            return _parse(value) or DEFAULT_LOCALE
    return DEFAULT_LOCALE


@cache
def _parse(value: str) -> str | None:
    """ "fr_FR.UTF-8", "fr-FR", "es_ES@euro" -> a Babel locale name; None for C/POSIX/unknown."""
    code = value.split(".")[0].split("@")[0].replace("-", "_")
    if not code or code.upper() in ("C", "POSIX"):
        return None
    try:
        return str(Locale.parse(code))
    except (ValueError, UnknownLocaleError):
        return None


def _locale(locale: str | None) -> str:
    return current_locale() if locale is None else (_parse(locale) or DEFAULT_LOCALE)


def format_number(value: float, locale: str | None = None, *, decimals: int | None = None) -> str:
    """A count or quantity with the locale's separators: fr "12 345" (narrow no-break space),
    es "12.345", ar "12,345". ``decimals`` fixes the fraction digits (else as many as needed)."""
    loc = _locale(locale)
    if decimals is None:
        return babel_numbers.format_decimal(value, locale=loc, numbering_system="default")
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=loc, numbering_system="default",
                                        decimal_quantization=True)


def format_percent(fraction: float, locale: str | None = None) -> str:
    """0.95 -> fr "95 %", en "95%"."""
    return babel_numbers.format_percent(fraction, locale=_locale(locale), numbering_system="default")


# The month is named at every length but "short", so a reader cannot swap day and month.
_DATE_SKELETONS = {"short": "yMd", "medium": "yMMMd", "long": "yMMMMd", "full": "yMMMMEEEEd"}


def format_date(value: date, locale: str | None = None, *, length: str = "medium") -> str:
    """A day as the locale writes it, its month named: fr "20 nov. 2026", en "Nov 20, 2026",
    ar "20 نوفمبر 2026". ``length``: short (numeric), medium, long or full."""
    day = value.date() if isinstance(value, datetime) else value
    return babel_dates.format_skeleton(_DATE_SKELETONS[length], day, locale=_locale(locale))


def format_datetime(value: datetime, locale: str | None = None, *, length: str = "medium") -> str:
    """A moment in UTC (as the app shows times), with "UTC" said: fr "20 nov. 2026, 09:05 UTC".
    A naive datetime is taken as UTC."""
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    loc = _locale(locale)
    day = format_date(moment.date(), loc, length=length)
    time = babel_dates.format_time(moment.time(), format="short", locale=loc)
    # The locale's own way of joining a date and a time ("{1}, {0}", "{1} 'à' {0}"...).
    joined = babel_dates.get_datetime_format(length, locale=loc).replace("'", "")
    return joined.replace("{1}", day).replace("{0}", time) + " UTC"
