"""Numbers, dates and times as the UI's language writes them (QLocale), in one place.

Dates name their month ("20 nov. 2026", "20 Nov 2026"), so a French reader and an American one
cannot swap day and month; times are UTC and say so, as everywhere in the app. Stored values
never go through here.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

from humanops.ui.i18n import ui_locale

DATE_FORMAT = "d MMM yyyy"
DATETIME_FORMAT = "d MMM yyyy HH:mm"
# The form's editors: the same, with the zone said for a moment.
DATE_EDIT_FORMAT = DATE_FORMAT
DATETIME_EDIT_FORMAT = "d MMM yyyy HH:mm 'UTC'"


def format_count(value: int) -> str:
    """12345 -> en "12,345", fr "12 345" (narrow no-break space), es "12.345"."""
    return ui_locale().toString(int(value))


def format_number(value: float, decimals: int = 2) -> str:
    """A quantity with at most ``decimals`` fraction digits, trailing zeros dropped."""
    if not math.isfinite(value):
        return ""
    if float(value).is_integer():
        return format_count(int(value))
    locale = ui_locale()
    text = locale.toString(float(value), "f", decimals)
    point = locale.decimalPoint()
    return text.rstrip(locale.zeroDigit()).rstrip(point) if point in text else text


def format_date(value: date) -> str:
    return ui_locale().toString(QDate(value.year, value.month, value.day), DATE_FORMAT)


def format_datetime(value: datetime) -> str:
    """A moment in UTC, e.g. "20 Nov 2026 09:00 UTC" (naive datetimes are taken as UTC)."""
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    qt_moment = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute),
                          QTimeZone.utc())
    return f"{ui_locale().toString(qt_moment, DATETIME_FORMAT)} UTC"


def format_stamp(stamp: object, empty: str = "") -> str:
    """A stored ISO time ("2026-11-28T10:00:00Z") as :func:`format_datetime` writes it; ``empty``
    when there is none, and the text as it is when it is not a time we can read (never hidden)."""
    if not stamp:
        return empty
    text = str(stamp)
    try:
        return format_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return text


def format_percent(fraction: float) -> str:
    """0.95 -> en "95%", fr "95 %": the locale's own pattern (Babel's, for the UI's locale)."""
    from humanops.locale_format import format_percent as babel_percent

    return babel_percent(fraction, ui_locale().name())
