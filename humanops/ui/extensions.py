"""Where other areas (sharing, analysis...) add their menu entries and dock panels.

A module listed in :data:`EXTENSION_MODULES` registers its contributions when imported. Texts are
English keys marked in the context "extensions" (``actions.py`` shows them translated). As
``humanops/ui/sharing/extension.py`` does (``tests/test_architecture.py`` checks that every import
below resolves):

    from PySide6.QtCore import QT_TRANSLATE_NOOP

    from humanops.ui.extensions import menu_entry, panel, window_hook

    MENU = QT_TRANSLATE_NOOP("extensions", "Sharing")  # a top-level menu, made if missing

    @menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Partners and keys…"))
    def open_partners(window):            # window: the MainWindow
        from humanops.ui.sharing.partners_dialog import PartnersDialog  # heavy: import here
        PartnersDialog(window.workspace, window).open()

    @panel("conflicts", QT_TRANSLATE_NOOP("extensions", "Conflicts and proposals"), area="right")
    def make_conflicts_panel(window):     # returns the dock's widget, made once
        from humanops.ui.sharing.conflicts_panel import ConflictsPanel
        return ConflictsPanel(window)

    @window_hook
    def add_sharing_toolbar(window):      # once the window is built: toolbars, signal connections
        from humanops.ui.sharing.send_toolbar import SendFilterBar
        SendFilterBar(window)

Long work started from an entry runs on a worker given the workspace's path, never
``window.workspace`` (docs/architecture.md, sections 3 and 5).

Each area adds its module's name to :data:`EXTENSION_MODULES` when it lands. A module that cannot be imported (missing
from an installation, or broken) is logged with its traceback and listed in
:func:`extension_failures`, which the main window shows once (status bar and Help menu): the
rest of the app still works, and nobody is left wondering where the Sharing menu went. Panels
and window hooks that raise are recorded the same way (:func:`record_failure`).
Keep these modules light at import time: the main window loads them at start-up.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

EXTENSION_MODULES: tuple[str, ...] = (
    "humanops.ui.sharing.extension",
    "humanops.ui.planning.extension",
    "humanops.ui.panels.dashboard_panel",
    "humanops.ui.panels.inject_panel",
)


@dataclass(frozen=True)
class MenuEntry:
    menu: str  # a top-level menu title; created after "Tools" if it does not exist
    text: str
    callback: Callable[[Any], None]  # called with the main window
    shortcut: str | None = None
    needs_workspace: bool = True  # disabled while no workspace is open
    tip: str = ""


@dataclass(frozen=True)
class ExtensionFailure:
    part: str  # the module, panel or hook that failed
    reason: str  # one line: ExceptionType: message


@dataclass(frozen=True)
class PanelEntry:
    id: str
    title: str
    factory: Callable[[Any], QWidget]  # called with the main window, once
    area: str = "right"  # left | right | bottom
    visible: bool = False


_MENU_ENTRIES: list[MenuEntry] = []
_PANELS: dict[str, PanelEntry] = {}
_WINDOW_HOOKS: list[Callable[[Any], None]] = []
_FAILURES: list[ExtensionFailure] = []
_loaded = False


def menu_entry(menu: str, text: str, *, shortcut: str | None = None, needs_workspace: bool = True,
               tip: str = "") -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Decorator: add ``text`` to ``menu``; the function is called with the main window."""
    def decorate(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        add_menu_entry(MenuEntry(menu, text, callback, shortcut, needs_workspace, tip))
        return callback
    return decorate


def add_menu_entry(entry: MenuEntry) -> None:
    _MENU_ENTRIES[:] = [e for e in _MENU_ENTRIES if (e.menu, e.text) != (entry.menu, entry.text)]
    _MENU_ENTRIES.append(entry)


def panel(panel_id: str, title: str, *, area: str = "right", visible: bool = False,
          ) -> Callable[[Callable[[Any], QWidget]], Callable[[Any], QWidget]]:
    """Decorator: a dock panel whose widget the function makes for the main window."""
    def decorate(factory: Callable[[Any], QWidget]) -> Callable[[Any], QWidget]:
        add_panel(PanelEntry(panel_id, title, factory, area, visible))
        return factory
    return decorate


def add_panel(entry: PanelEntry) -> None:
    if entry.area not in ("left", "right", "bottom"):
        raise ValueError(f"panel {entry.id!r}: area must be left, right or bottom")
    _PANELS[entry.id] = entry


def window_hook(callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """Decorator: call ``callback(window)`` once the main window is built (menus, docks and
    canvas exist), for what menus and panels cannot hold: a toolbar, signal connections."""
    if callback not in _WINDOW_HOOKS:
        _WINDOW_HOOKS.append(callback)
    return callback


def load_extensions() -> None:
    """Import the extension modules (once). A missing or broken one is logged and recorded for
    the user to see, not fatal: the map must open even if a sharing dialog has a bug."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in EXTENSION_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:
            log.exception("extension %s could not be loaded", name)
            record_failure(name, exc)


def record_failure(part: str, exc: BaseException) -> None:
    """Note that ``part`` (an extension module, a panel, a window hook) failed; logged by the caller."""
    text = str(exc)
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    failure = ExtensionFailure(part, reason)
    if failure not in _FAILURES:
        _FAILURES.append(failure)


def extension_failures() -> list[ExtensionFailure]:
    return list(_FAILURES)


def menu_entries() -> list[MenuEntry]:
    return list(_MENU_ENTRIES)


def panels() -> list[PanelEntry]:
    return list(_PANELS.values())


def window_hooks() -> list[Callable[[Any], None]]:
    return list(_WINDOW_HOOKS)
