"""Numbers and dates for readers outside the app (the CLI's human-readable lines, briefings):
Babel, in the locale the environment names, English when it names none we know."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from humanops.locale_format import current_locale, format_date, format_datetime, format_number, format_percent

NNBSP = "\u202f"  # French groups thousands with a narrow no-break space


@pytest.mark.parametrize(("locale", "count", "decimal"), [
    ("fr", f"12{NNBSP}345", f"1{NNBSP}234,50"),
    ("es", "12.345", "1.234,50"),
    ("ar", "12,345", "1,234.50"),  # CLDR's Arabic (ar_001): Western digits, as exports and P-codes write them
    ("en", "12,345", "1,234.50"),
])
def test_numbers(locale: str, count: str, decimal: str) -> None:
    assert format_number(12345, locale) == count
    assert format_number(1234.5, locale, decimals=2) == decimal


def test_percent() -> None:
    assert format_percent(0.95, "en") == "95%"
    assert format_percent(0.95, "fr") == "95\u00a0%"
    assert format_percent(0.95, "es") == "95\u00a0%"


@pytest.mark.parametrize(("locale", "day", "moment"), [
    ("fr", "20 nov. 2026", "20 nov. 2026, 09:05 UTC"),
    ("es", "20 nov 2026", "20 nov 2026, 9:05 UTC"),
    ("ar", "20 نوفمبر 2026", "20 نوفمبر 2026، 9:05 ص UTC"),
    ("en", "Nov 20, 2026", "Nov 20, 2026, 9:05\u202fAM UTC"),
])
def test_dates_name_their_month(locale: str, day: str, moment: str) -> None:
    assert format_date(date(2026, 11, 20), locale) == day
    assert format_datetime(datetime(2026, 11, 20, 9, 5, tzinfo=UTC), locale) == moment


def test_times_are_said_in_utc() -> None:
    beirut = timezone(timedelta(hours=2))
    assert format_datetime(datetime(2026, 11, 20, 11, 5, tzinfo=beirut), "fr") == "20 nov. 2026, 09:05 UTC"
    assert format_datetime(datetime(2026, 11, 20, 9, 5), "fr") == "20 nov. 2026, 09:05 UTC"  # naive: UTC


def test_the_locale_comes_from_the_environment() -> None:
    assert current_locale({}) == "en"
    assert current_locale({"LANG": "fr_FR.UTF-8"}) == "fr_FR"
    assert current_locale({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "ar_SY.UTF-8"}) == "ar_SY"
    assert current_locale({"LANG": "es_ES.UTF-8", "HUMANOPS_LANG": "fr"}) == "fr"  # the app's override first
    assert current_locale({"LANG": "es_ES.UTF-8", "HUMANOPS_LANG": "system"}) == "es_ES"
    assert current_locale({"LANG": "fr_FR.UTF-8", "LC_ALL": "C.UTF-8"}) == "en"  # LC_ALL decides, as in POSIX
    assert current_locale({"LANG": "xx_YY"}) == "en"  # a locale Babel does not know


def test_the_default_is_the_environment_s(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HUMANOPS_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert format_number(12345) == f"12{NNBSP}345"
    monkeypatch.setenv("HUMANOPS_LANG", "es")
    assert format_number(12345) == "12.345"
