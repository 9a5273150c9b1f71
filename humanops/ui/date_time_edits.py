"""Date and time editors that hold exactly what they show.

Qt's QDateTimeEdit keeps the seconds and milliseconds of its value when the display format
hides them: "2026-11-20 00:00" typed over the wall clock was stored as 00:00:41.372, a moment
nobody can see or type back. :class:`MomentEdit` drops what its format does not show (with the
app's formats, the seconds and milliseconds), every time its value changes, so the value read
is the one on screen. Times are UTC, as everywhere in the app; the sections stay left to right
in a right-to-left language (Qt lays them out reversed, and "01:24" would read "24:01").
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from humanops.ui.locale_text import DATETIME_EDIT_FORMAT

_Section = QDateTimeEdit.Section


def to_the_minute(moment: datetime) -> datetime:
    """``moment`` in UTC without its seconds: "now" as a minute editor shows and stores it."""
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.replace(second=0, microsecond=0)


class MomentEdit(QDateTimeEdit):
    """A UTC moment to the precision its display format shows (minutes by default).
    :meth:`moment` and :meth:`set_moment` take Python datetimes (naive ones are UTC).

    A moment set with seconds (a value another tool stored) is shown with its seconds (and
    milliseconds), not rounded away on screen; the next whole-minute moment set goes back to
    the format given."""

    def __init__(self, parent: QWidget | None = None, *, display_format: str = DATETIME_EDIT_FORMAT) -> None:
        super().__init__(parent)
        self.base_format = display_format
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # before the format: see the module
        self.setTimeZone(QTimeZone.utc())
        self.setDisplayFormat(display_format)
        self.setCalendarPopup(True)
        # Connected first, so every later listener already reads the value as shown.
        self.dateTimeChanged.connect(self._keep_what_is_shown)

    def _hidden_precision(self) -> tuple[bool, bool]:
        """(seconds hidden, milliseconds hidden) by the display format."""
        shown = self.displayedSections()
        return (not shown & _Section.SecondSection, not shown & _Section.MSecSection)

    def shown_part(self, value: QDateTime) -> QDateTime:
        """``value`` (in UTC) without what the format does not show."""
        utc = value.toTimeZone(QTimeZone.utc())
        time = utc.time()
        no_seconds, no_msecs = self._hidden_precision()
        second = 0 if no_seconds else time.second()
        msec = 0 if no_msecs or no_seconds else time.msec()
        return QDateTime(utc.date(), QTime(time.hour(), time.minute(), second, msec), QTimeZone.utc())

    def _keep_what_is_shown(self, value: QDateTime) -> None:
        shown = self.shown_part(value)
        if shown != value:
            self.setDateTime(shown)

    def moment(self) -> datetime:
        """The moment on screen, UTC."""
        value = self.shown_part(self.dateTime())
        date, time = value.date(), value.time()
        return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second(),
                        time.msec() * 1000, tzinfo=UTC)

    def set_moment(self, moment: datetime) -> None:
        """Show ``moment`` (converted to UTC) to the precision of the format."""
        utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        self.setDisplayFormat(_format_for(self.base_format, utc))
        value = QDateTime(QDate(utc.year, utc.month, utc.day),
                          QTime(utc.hour, utc.minute, utc.second, utc.microsecond // 1000), QTimeZone.utc())
        self.setDateTime(self.shown_part(value))


def _format_for(base: str, moment: datetime) -> str:
    """``base``, with seconds (and milliseconds) after its minutes when ``moment`` has them."""
    if "mm" not in base or "ss" in base or not (moment.second or moment.microsecond):
        return base
    return base.replace("mm", "mm:ss.zzz" if moment.microsecond // 1000 else "mm:ss", 1)
