"""Our organisation's keys, unlocked once and kept in memory for a few minutes when the user
chose so (Sharing ▸ Keep keys unlocked…, off by default), so that receiving a second package
in a row asks for no passphrase.

What is kept is the sharing module's :class:`~humanops.sharing.keys.UnlockedIdentity` (what
``keys.unlock`` returns), never the passphrase, and nothing of it is ever written anywhere: the
settings hold only the number of minutes. It is dropped when the time is up, on Sharing ▸ Lock
keys, when the user turns the option off, and when the workspace closes (so also when the app
quits or another workspace is opened). Python cannot overwrite the key bytes itself: dropping
the last reference frees the key objects, whose libraries clear them as they free them
(OpenSSL's Ed25519 key, the age X25519 secret in pyrage).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from humanops.ui.settings import (
    KEEP_KEYS_UNLOCKED_CHOICES,
    keep_keys_unlocked_minutes,
    set_keep_keys_unlocked_minutes,
)

if TYPE_CHECKING:
    from humanops.sharing.keys import UnlockedIdentity
    from humanops.ui.main_window import MainWindow

OBJECT_NAME = "unlocked_keys"
CHOOSER_NAME = "keep_keys_unlocked_dialog"


class UnlockedKeys(QObject):
    """The keys of the open workspace, unlocked, for ``minutes()`` after they were kept.
    ``changed(unlocked)`` when they are kept or dropped; ``locked`` on every lock, for the open
    windows to drop the identity they hold too. ``clock`` gives seconds (monotonic; tests pass
    their own)."""

    changed = Signal(bool)
    locked = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.settings = settings
        self.clock = clock
        self._identity: UnlockedIdentity | None = None
        self._workspace: str | None = None
        self._until = 0.0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._expire)

    def minutes(self) -> int:
        return keep_keys_unlocked_minutes(self.settings)

    def identity(self, workspace: str | Path) -> UnlockedIdentity | None:
        """The kept identity of ``workspace``'s keys, None if none is kept (or its time is up)."""
        if self._identity is not None and self.clock() >= self._until:
            self.lock()
        if self._identity is None or self._workspace != _key(workspace):
            return None
        return self._identity

    def keep(self, workspace: str | Path, identity: UnlockedIdentity) -> bool:
        """Keep ``identity`` (just unlocked with a passphrase) for the chosen minutes; False if
        the option is off (then nothing is kept)."""
        minutes = self.minutes()
        if minutes <= 0:
            return False
        was = self._identity is not None
        self._identity, self._workspace = identity, _key(workspace)
        self._until = self.clock() + minutes * 60
        self._timer.start(minutes * 60_000)
        if not was:
            self.changed.emit(True)
        return True

    def is_unlocked(self) -> bool:
        return self._identity is not None and self.clock() < self._until

    def seconds_left(self) -> float:
        return max(0.0, self._until - self.clock()) if self._identity is not None else 0.0

    def lock(self) -> bool:
        """Drop the kept keys, and the open windows' (``locked``); True if keys were kept."""
        was = self._identity is not None
        self._identity = self._workspace = None
        self._until = 0.0
        self._timer.stop()
        self.locked.emit()
        if was:
            self.changed.emit(False)
        return was

    def _expire(self) -> None:
        left = self.seconds_left()
        if left <= 0:
            self.lock()
        else:  # the clock is not the timer's (a scenario's, a test's): look again when it says
            self._timer.start(int(left * 1000) + 1)


def _key(workspace: str | Path) -> str:
    return workspace if isinstance(workspace, str) else str(Path(workspace).resolve())  # a URL as it is


def attach(window: MainWindow) -> UnlockedKeys:
    """The window's kept keys (made once), dropped whenever its workspace closes."""
    keys = unlocked_keys(window)
    if keys is None:
        keys = UnlockedKeys(window.settings, window)
        window.workspaceClosed.connect(keys.lock)
    return keys


def unlocked_keys(widget: QWidget | None) -> UnlockedKeys | None:
    """The kept keys of the main window ``widget`` is in, None outside one."""
    if widget is None:
        return None
    return widget.window().findChild(UnlockedKeys, OBJECT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)


def minutes_text(minutes: int) -> str:
    if minutes <= 0:
        return UnlockedKeys.tr("Ask in every window (off)")
    return UnlockedKeys.tr("For %n minute(s)", "", minutes)


def lock_keys(window: MainWindow) -> None:
    """Sharing ▸ Lock keys: the next package asks for the passphrase again."""
    attach(window).lock()
    window.statusBar().showMessage(
        UnlockedKeys.tr("Keys locked: the next package asks for the passphrase."), 8000)


def choose_minutes(window: MainWindow) -> QInputDialog:
    """Sharing ▸ Keep keys unlocked…: how long the keys stay unlocked after the passphrase
    (window-modal, without blocking; the choice is stored in the settings)."""
    keys = attach(window)
    dialog = QInputDialog(window)
    dialog.setObjectName(CHOOSER_NAME)
    dialog.setWindowTitle(UnlockedKeys.tr("Keep keys unlocked"))
    dialog.setLabelText(UnlockedKeys.tr(
        "After you type the passphrase, keep your organisation's keys unlocked\n"
        "in memory (never on disk), so that the next packages ask for none.\n"
        "Sharing ▸ Lock keys, or closing the workspace, drops them at once."))
    texts = [minutes_text(m) for m in KEEP_KEYS_UNLOCKED_CHOICES]
    dialog.setComboBoxItems(texts)
    dialog.setComboBoxEditable(False)
    current = keys.minutes()
    dialog.setTextValue(texts[KEEP_KEYS_UNLOCKED_CHOICES.index(current)] if current in KEEP_KEYS_UNLOCKED_CHOICES
                        else texts[0])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(text: str) -> None:
        minutes = KEEP_KEYS_UNLOCKED_CHOICES[texts.index(text)]
        set_keep_keys_unlocked_minutes(window.settings, minutes)
        if keys.seconds_left() > minutes * 60:  # kept for longer than now chosen: dropped at once
            keys.lock()
        if minutes == 0:
            message = UnlockedKeys.tr("Keys are no longer kept unlocked: every window asks for the passphrase.")
        else:
            message = UnlockedKeys.tr("Keys stay unlocked for %n minute(s) after the passphrase (Sharing ▸ Lock keys "
                                      "drops them).", "", minutes)
        window.statusBar().showMessage(message, 10_000)

    dialog.textValueSelected.connect(chosen)
    dialog.open()
    return dialog
