"""A stored ISO time shown in the dialogs (humanops.ui.locale_text.format_stamp: the partner
directory's key dates, a received package's created/expires, an audit witness's date)."""

from __future__ import annotations

from datetime import UTC, datetime

from humanops.ui.locale_text import format_datetime, format_stamp


def test_a_stored_time_reads_as_the_ui_writes_times_and_nothing_is_hidden(qtbot) -> None:
    moment = datetime(2026, 11, 28, 10, 5, tzinfo=UTC)
    assert format_stamp("2026-11-28T10:05:00Z") == format_datetime(moment)
    assert format_stamp("2026-11-28T11:05:00+01:00") == format_datetime(moment)
    assert "UTC" in format_stamp("2026-11-28T10:05:00Z")
    assert format_stamp("next Tuesday") == "next Tuesday"  # not a time we can read: as it is
    assert format_stamp(None) == format_stamp("") == ""
    assert format_stamp(None, "—") == "—"
