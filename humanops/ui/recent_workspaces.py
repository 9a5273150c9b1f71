"""File › Open recent: the last workspaces opened (``settings.MAX_RECENT``), newest first.

Filled each time the menu is about to show, so it always says what is on the disk now: a
workspace moved or deleted since is listed greyed, "not found", with an entry to forget those;
"Clear recent" empties the list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from humanops.ui.settings import (
    clear_recent_workspaces,
    recent_entry_exists,
    recent_workspaces,
    remove_missing_recent_workspaces,
)


class RecentWorkspaces(QObject):
    """The menu's translation context (a class for the numerus forms: lupdate marks a plural only in
    a class's ``tr``; never instantiated)."""


def fill_recent_menu(menu: QMenu, settings: QSettings, open_workspace: Callable[[str], object],
                     say: Callable[[str], None]) -> None:
    """Rebuild ``menu``: an entry per recent workspace (``open_workspace(path)`` when chosen),
    then the entries that tidy the list; ``say`` puts a line in the status bar."""
    menu.clear()
    recent = recent_workspaces(settings)
    if not recent:
        empty = menu.addAction(QCoreApplication.translate("RecentWorkspaces", "No recent workspaces"))
        empty.setEnabled(False)
        return
    missing = 0
    for number, path in enumerate(recent, start=1):
        name, folder = Path(path).name, Path(path).parent
        if path.startswith(("postgresql://", "postgres://")):  # a team database: its name and server
            from humanops.ui.team_database import url_name

            name, folder = url_name(path), QCoreApplication.translate("RecentWorkspaces", "team database")
        action = QAction(f"&{number} {name}  —  {folder}", menu)
        action.setObjectName(f"recent_{number}")
        if recent_entry_exists(path):
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, path=path: open_workspace(path))
        else:
            missing += 1
            action.setText(QCoreApplication.translate("RecentWorkspaces", "{number} {name}  —  {folder}  (not found)")
                           .format(number=f"&{number}", name=name, folder=folder))
            action.setStatusTip(QCoreApplication.translate("RecentWorkspaces", "{path} was moved or deleted")
                                .format(path=path))
            action.setEnabled(False)
        menu.addAction(action)
    menu.addSeparator()
    if missing:
        forget = menu.addAction(QCoreApplication.translate("RecentWorkspaces", "Forget the workspaces not found"))
        forget.setObjectName("forget_missing_recent")

        def forget_missing() -> None:
            remove_missing_recent_workspaces(settings)
            say(RecentWorkspaces.tr("Took %n workspace(s) that were moved or deleted off the recent list.", "",
                                    missing))

        forget.triggered.connect(forget_missing)
    clear = menu.addAction(QCoreApplication.translate("RecentWorkspaces", "Clear recent"))
    clear.setObjectName("clear_recent")

    def clear_all() -> None:
        clear_recent_workspaces(settings)
        say(QCoreApplication.translate("RecentWorkspaces",
                                       "The list of recent workspaces is empty (no file was touched)."))

    clear.triggered.connect(clear_all)
