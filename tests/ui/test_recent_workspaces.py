"""File › Open recent, driven from the menu bar with the mouse and the keyboard: the last
workspaces opened, newest first; one whose file was deleted is greyed and can be forgotten;
Clear recent empties the list; the list keeps at most eight."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from humanops.ui.settings import MAX_RECENT, add_recent_workspace, recent_workspaces

WAIT_MS = 20_000


def open_recent_menu(qtbot, window) -> QMenu:
    """Click File in the menu bar, then press R (Open &recent): the submenu as a user sees it."""
    bar = window.menuBar()
    (file_action,) = [a for a in bar.actions() if a.text() == "&File"]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_action).center())
    file_menu = file_action.menu()
    qtbot.waitUntil(file_menu.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(file_menu, Qt.Key.Key_R)
    recent = window.actions.recent_menu
    qtbot.waitUntil(recent.isVisible, timeout=WAIT_MS)
    return recent


def close_menus(qtbot, menu: QMenu) -> None:
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    parent = menu.parentWidget()
    if isinstance(parent, QMenu) and parent.isVisible():
        qtbot.keyClick(parent, Qt.Key.Key_Escape)


def entries(menu: QMenu) -> list[tuple[str, bool]]:
    return [(a.text(), a.isEnabled()) for a in menu.actions() if not a.isSeparator()]


def test_the_recent_menu_lists_opens_and_tidies_the_last_workspaces(qtbot, make_main_window, tmp_path: Path,
                                                                     small_workspace_path: Path) -> None:
    first = small_workspace_path
    second = tmp_path / "other" / "second.gpkg"
    second.parent.mkdir()
    shutil.copy(first, second)
    window = make_main_window()
    menu = open_recent_menu(qtbot, window)
    assert entries(menu) == [("No recent workspaces", False)]
    close_menus(qtbot, menu)

    assert window.open_workspace(first) and window.open_workspace(second)
    menu = open_recent_menu(qtbot, window)
    assert entries(menu) == [(f"&1 second.gpkg  —  {second.parent}", True), (f"&2 small.gpkg  —  {tmp_path}", True),
                             ("Clear recent", True)]
    qtbot.keyClick(menu, Qt.Key.Key_2)  # the accelerator: opens small.gpkg again
    qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.path == first, timeout=WAIT_MS)
    assert recent_workspaces(window.settings)[0] == str(first.resolve())  # now the newest

    # The other one is deleted behind our back: greyed, and it can be forgotten.
    second.unlink()
    menu = open_recent_menu(qtbot, window)
    assert entries(menu) == [(f"&1 small.gpkg  —  {tmp_path}", True),
                             (f"&2 second.gpkg  —  {second.parent}  (not found)", False),
                             ("Forget the workspaces not found", True), ("Clear recent", True)]
    (forget,) = [a for a in menu.actions() if a.objectName() == "forget_missing_recent"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(forget).center())
    assert recent_workspaces(window.settings) == [str(first.resolve())]
    assert window.statusBar().currentMessage() == \
        "Took 1 workspace that was moved or deleted off the recent list."

    menu = open_recent_menu(qtbot, window)
    (clear,) = [a for a in menu.actions() if a.objectName() == "clear_recent"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(clear).center())
    assert recent_workspaces(window.settings) == []
    assert first.is_file()  # only the list is cleared
    assert window.workspace is not None and window.workspace.path == first


def test_a_recent_workspace_deleted_while_the_menu_is_open_is_a_message(qtbot, make_main_window, tmp_path: Path,
                                                                        small_workspace_path: Path) -> None:
    window = make_main_window()
    add_recent_workspace(window.settings, small_workspace_path)
    menu = open_recent_menu(qtbot, window)
    small_workspace_path.unlink()
    qtbot.keyClick(menu, Qt.Key.Key_1)
    assert window.workspace is None
    assert "no such workspace file" in window.statusBar().currentMessage()
    assert recent_workspaces(window.settings) == []  # taken off the list by the failed open


def test_the_list_keeps_the_last_eight(qtbot, make_main_window, tmp_path: Path) -> None:
    window = make_main_window()
    paths = [tmp_path / f"ws{i}.gpkg" for i in range(MAX_RECENT + 2)]
    for path in paths:
        add_recent_workspace(window.settings, path)
    assert recent_workspaces(window.settings) == [str(p.resolve()) for p in reversed(paths)][:MAX_RECENT]
    add_recent_workspace(window.settings, paths[5])  # again: moved to the top, not listed twice
    recent = recent_workspaces(window.settings)
    assert recent[0] == str(paths[5].resolve()) and len(recent) == len(set(recent)) == MAX_RECENT
