"""Driving the real widgets: where a place is on the canvas, clicking table rows, reading
the GeoPackage through a connection of its own (what a crash would leave)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QInputDialog, QLineEdit


def canvas_point(canvas: Any, lon: float, lat: float) -> QPoint:
    """The canvas pixel showing ``lon``, ``lat``."""
    px, py = canvas.lonlat_to_pixel(lon, lat)
    return QPoint(round(px), round(py))


def click_row(qtbot: Any, view: QAbstractItemView, row: int,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Query the workspace file through a fresh connection (sees only what is committed)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def open_as(make_main_window: Any, partners: dict, tmp_path: Path, org: str) -> Any:
    """The main window on ``org``'s own workspace (the partners' test handles closed first)."""
    from exchange_helpers import close_all

    close_all(partners)
    return make_main_window(tmp_path / "partners" / f"{org}.gpkg")


def select_in_table(qtbot: Any, window: Any, layer: str, row: int = 0, timeout: int = 20_000) -> str:
    """Click a row of ``layer`` in the attribute table, as a user would; its uuid."""
    table = window.attribute_table
    if table.layer != layer:
        table.set_layer(layer)
        qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() > row, timeout=timeout)
    click_row(qtbot, table.view, row)
    (uuid,) = table.selected_uuids()
    return uuid


class PassphrasePrompts:
    """Answers each passphrase prompt as a user would (types, then Enter): the passphrase of the
    organisation the prompt names (``names(org, label)``), else ``default``'s; ``asked`` the
    organisation each prompt was answered for, in order. ``timer.stop()`` ends it."""

    def __init__(self, passphrases: dict[str, str], default: str,
                 names: Callable[[str, str], bool] = lambda org, label: org in label) -> None:
        self.passphrases, self.default, self.names = passphrases, default, names
        self.asked: list[str] = []
        self._answered: QInputDialog | None = None
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    @property
    def count(self) -> int:
        return len(self.asked)

    def _answer(self) -> None:
        from PySide6.QtTest import QTest

        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog) or dialog is self._answered or not dialog.isVisible():
            return
        edit = dialog.findChild(QLineEdit)
        if edit is None or edit.echoMode() != QLineEdit.EchoMode.Password:
            return
        self._answered = dialog
        label = dialog.labelText()
        org = next((o for o in self.passphrases if o != self.default and self.names(o, label)), self.default)
        self.asked.append(org)
        QTest.keyClicks(edit, self.passphrases[org])
        QTest.keyClick(edit, Qt.Key.Key_Return)
