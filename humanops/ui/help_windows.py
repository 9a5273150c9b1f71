"""Help › Keyboard shortcuts and Help › User guide.

The shortcuts are read from the window's QActions when the window is opened, with the menu
each sits in, so the list is never a second copy to keep up to date: a shortcut another area
adds (an extension's menu entry) is listed as soon as it exists. The user guide is
``help/user-guide.md`` in the shipped resources (``data_paths.resources_dir``; the README
links to it), shown by Qt's own Markdown reader: no browser, no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.data_paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

USER_GUIDE = Path("help", "user-guide.md")  # inside resources_dir()


@dataclass(frozen=True)
class Shortcut:
    """One action's shortcuts as the user presses them, and where the action is."""

    where: str  # "File", "Sharing › Keys"; "" for an action in no menu (a toolbar's)
    action: str  # its text, without the & of its accelerator
    keys: str  # "Ctrl+O", or several: "Ctrl+Shift+Z, Ctrl+Y"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _menu_paths(window: QMainWindow) -> dict[QAction, str]:
    """Each action's place in the menus ("Edit", "Analysis › Triggers"), in menu order."""
    paths: dict[QAction, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} › {_plain(submenu.title())}")
            elif not action.isSeparator():
                paths.setdefault(action, path)

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(menu.title()))
    return paths


def collect_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every shortcut the window's actions define: the menus' in menu order, then those of
    actions in no menu. Each key sequence in the platform's own words (⌘ on a Mac)."""
    in_menus = _menu_paths(window)
    others = [a for a in window.findChildren(QAction) if a not in in_menus]
    found: list[Shortcut] = []
    seen: set[int] = set()
    for action, where in [*in_menus.items(), *((a, "") for a in others)]:
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys or id(action) in seen:
            continue
        seen.add(id(action))
        text = _plain(action.text()) or _plain(action.iconText()) or action.objectName()
        found.append(Shortcut(where, text, ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                                     for k in keys)))
    return found


class KeyboardShortcutsWindow(QDialog):
    """The list of shortcuts, by menu, with a filter."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("keyboard_shortcuts")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcut_filter")
        self.filter.setPlaceholderText(self.tr("Filter: an action, a menu or a key"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcut_list")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.fill(collect_shortcuts(window))
        self.resize(560, 640)

    def fill(self, shortcuts: list[Shortcut]) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in shortcuts:
            where = shortcut.where or self.tr("Toolbars and the map")
            group = groups.get(where)
            if group is None:
                group = QTreeWidgetItem(self.tree, [where])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                groups[where] = group
            QTreeWidgetItem(group, [shortcut.action, shortcut.keys])
        self.tree.expandAll()

    def rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) of every row shown (the filter applied)."""
        shown = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.isHidden():
                continue
            for j in range(group.childCount()):
                item = group.child(j)
                if not item.isHidden():
                    shown.append((group.text(0), item.text(0), item.text(1)))
        return shown

    def apply_filter(self, text: str) -> None:
        """Show only the rows whose action, menu or keys hold ``text`` (any case)."""
        folded = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            in_group = folded in group.text(0).casefold()
            visible = 0
            for j in range(group.childCount()):
                item = group.child(j)
                hit = not folded or in_group or folded in item.text(0).casefold() or folded in item.text(1).casefold()
                item.setHidden(not hit)
                visible += hit
            group.setHidden(visible == 0)


def user_guide_text() -> str:
    """The user guide's Markdown, or a note naming where it should be when it is missing (a
    broken installation must say so, not show an empty window)."""
    path = resources_dir() / USER_GUIDE
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        return QCoreApplication.translate(
            "UserGuideWindow", "# User guide missing\n\nThe user guide should be at `{path}` but cannot be read "
            "({reason}). The installation may be incomplete: the README of HumanOps has the same "
            "content.").format(path=path, reason=exc.strerror or type(exc).__name__)


class UserGuideWindow(QDialog):
    """The user guide, rendered from Markdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle(self.tr("HumanOps user guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("user_guide_text")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(user_guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 820)


def _show_one(window: QMainWindow, name: str, make: type[QDialog]) -> QDialog:
    """The window of that name, made once and brought to the front on every later ask."""
    dialog = window.findChild(QDialog, name)
    if dialog is None:
        dialog = make(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_keyboard_shortcuts(window: QMainWindow) -> QDialog:
    dialog = _show_one(window, "keyboard_shortcuts", KeyboardShortcutsWindow)
    if isinstance(dialog, KeyboardShortcutsWindow):
        dialog.fill(collect_shortcuts(window))  # an extension may have added some since
        dialog.apply_filter(dialog.filter.text())
    return dialog


def show_user_guide(window: QMainWindow) -> QDialog:
    return _show_one(window, "user_guide", UserGuideWindow)
