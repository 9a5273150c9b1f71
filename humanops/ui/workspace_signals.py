"""Workspace change events as a Qt signal, delivered in the GUI thread whichever thread committed
through the Workspace (it calls its listeners in the committing thread; in the app that is the GUI
thread). Commits through other connections are not heard here: docs/architecture.md, section 4."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange


class WorkspaceSignals(QObject):
    changed = Signal(object)  # WorkspaceChange

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = None

    def attach(self, workspace: Workspace | None) -> None:
        self.detach()
        if workspace is not None:
            self._unsubscribe = workspace.subscribe(self._on_change)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_change(self, change: WorkspaceChange) -> None:
        self.changed.emit(change)
