"""Dates and times hold exactly what they show: typed into the form, filled from the
workspace's clock by "set", given by an analysis dialog's "Now" or the time slider; and a
validity window that ends before or as it starts is refused under its end field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit
from ui_helpers import click_row, rows

from humanops.ui.date_time_edits import MomentEdit
from humanops.ui.locale_text import format_datetime

SCENARIO_NOW = "2026-11-20T06:07:41.372Z"  # an exercise's clock, with seconds and milliseconds


def _select(qtbot, window, layer: str, name: str) -> str:
    table = window.attribute_table
    if table.layer != layer:
        table.set_layer(layer)
    qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() > 0, timeout=20_000)
    column = table.model.column_index("name")
    (row,) = [r for r in range(table.proxy.rowCount()) if table.proxy.index(r, column).data() == name]
    click_row(qtbot, table.view, row)
    qtbot.waitUntil(lambda: window.feature_panel.form.editors.get("name") is not None
                    and window.feature_panel.form.editors["name"].value() == name, timeout=5_000)
    (uuid,) = table.selected_uuids()
    return uuid


def _type_moment(qtbot, editor, digits_and_month: str) -> None:
    """Into a date editor as a user does: Tab into it from its "set" tick (the day is selected),
    then each section in turn ("20Nov20260000": day, month, year, hour, minute)."""
    box = editor.null_box
    qtbot.waitUntil(box.isVisible, timeout=3000)
    box.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    qtbot.waitUntil(editor.input.hasFocus, timeout=3000)
    qtbot.keyClicks(editor.input, digits_and_month)


def test_set_fills_the_workspace_clock_and_a_typed_moment_is_stored_as_shown(
        qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    window.activateWindow()
    qtbot.waitActive(window)
    window.workspace.set_meta("scenario_now", SCENARIO_NOW)
    uuid = _select(qtbot, window, "danger_zone", "Minefield")  # valid from 1 Jun 2026, no end
    until = window.feature_panel.form.editors["valid_until"]
    assert isinstance(until.input, MomentEdit) and not until.null_box.isChecked() and until.value() is None
    qtbot.waitUntil(until.null_box.isVisible, timeout=3000)
    qtbot.mouseClick(until.null_box, Qt.MouseButton.LeftButton)
    # the scenario's clock, not the wall clock, to the minute the editor shows
    assert until.value() == datetime(2026, 11, 20, 6, 7, tzinfo=UTC)
    assert until.input.text() == "20 Nov 2026 06:07 UTC"

    _type_moment(qtbot, until, "20Dec20260000")
    assert until.input.text() == "20 Dec 2026 00:00 UTC"
    assert until.value() == datetime(2026, 12, 20, tzinfo=UTC)  # no seconds left over from the clock
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    assert rows(small_workspace_path, "SELECT valid_until, version FROM danger_zone WHERE uuid = ?",
                (uuid,)) == [("2026-12-20T00:00:00.000Z", 2)]


def test_qt_alone_would_have_kept_hidden_seconds(qtbot) -> None:
    """What the editors replace: a plain QDateTimeEdit showing minutes keeps the seconds it held."""
    from humanops.ui.locale_text import DATETIME_EDIT_FORMAT

    plain, ours = QDateTimeEdit(), MomentEdit()
    plain.setDisplayFormat(DATETIME_EDIT_FORMAT)
    for edit in (plain, ours):
        qtbot.addWidget(edit)
        edit.setDateTime(edit.dateTime().fromString("2026-11-05T10:11:41.372Z", Qt.DateFormat.ISODateWithMs))
    assert plain.dateTime().time().second() == 41 and ours.dateTime().time().second() == 0
    assert plain.text() == ours.text()  # the same on screen


def test_an_inverted_or_empty_window_is_refused_in_the_form(qtbot, main_window, small_workspace_path: Path) -> None:
    window = main_window
    window.activateWindow()
    qtbot.waitActive(window)
    uuid = _select(qtbot, window, "danger_zone", "Shelling area")  # 1 Nov 2026 .. 31 Dec 2026
    form = window.feature_panel.form
    until = form.editors["valid_until"]
    message = form._messages["valid_until"]

    _type_moment(qtbot, until, "01Nov20260000")  # as it starts: an empty window
    qtbot.waitUntil(message.isVisible, timeout=2000)
    assert message.text() == ("valid_until equals valid_from (2026-11-01 00:00 UTC): the validity window is "
                              "empty; valid_until must be after valid_from")
    assert not window.feature_panel.apply_button.isEnabled()

    _type_moment(qtbot, until, "15Oct20262359")  # before it starts
    qtbot.waitUntil(lambda: "is before" in message.text(), timeout=2000)
    assert message.text() == ("valid_until (2026-10-15 23:59 UTC) is before valid_from (2026-11-01 00:00 UTC): "
                              "valid_until must be after valid_from")
    assert not window.feature_panel.apply_button.isEnabled()
    assert window.grab().save(str(small_workspace_path.parent / "inverted.png"))

    _type_moment(qtbot, until, "01Nov20260001")  # a minute after: a window
    qtbot.waitUntil(lambda: not message.isVisible(), timeout=2000)
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    assert rows(small_workspace_path, "SELECT valid_until FROM danger_zone WHERE uuid = ?",
                (uuid,)) == [("2026-11-01T00:01:00.000Z",)]


def test_analysis_times_and_the_time_slider_hold_whole_minutes_of_the_workspace_clock(qtbot, main_window) -> None:
    from humanops.analysis.registry import DateTimeParam
    from humanops.ui.planning.parameter_widgets import DateTimeWidget, DialogContext

    window = main_window
    workspace = window.workspace
    widget = DateTimeWidget(DateTimeParam("at"), DialogContext(workspace=workspace))
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.now_button, Qt.MouseButton.LeftButton)
    now = widget.raw()
    assert now.second == 0 and now.microsecond == 0 and abs(datetime.now(UTC) - now) < timedelta(minutes=2)
    assert f"{widget.edit.text()}" == format_datetime(now)

    workspace.set_meta("scenario_now", SCENARIO_NOW)
    window.time_slider.set_workspace(workspace)  # as opening the workspace does
    slider = window.time_slider
    qtbot.mouseClick(slider.enabled_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(slider.now_button, Qt.MouseButton.LeftButton)
    at = slider.time()
    assert at.second == 0 and at.microsecond == 0
    assert slider.label.text() == format_datetime(at)  # the moment shown is the one the map filters by
    scenario = datetime(2026, 11, 20, 6, 7, 41, 372_000, tzinfo=UTC)
    assert abs(at - scenario) <= slider._step  # the scenario's "now", not the wall clock's
