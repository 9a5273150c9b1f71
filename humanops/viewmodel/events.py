"""A tiny observer: an ``Event`` calls its callbacks in the order they were connected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """Callbacks called synchronously, in connection order, by :meth:`emit`.

    ``connect`` returns a function that disconnects the callback, so a view that goes away
    leaves no dangling reference behind."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> Callable[[], None]:
        self._callbacks.append(callback)

        def disconnect() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)
        return disconnect

    def emit(self, *args: Any) -> None:
        # A copy: a callback may disconnect itself (or another) while we iterate.
        for callback in list(self._callbacks):
            callback(*args)

    def __len__(self) -> int:
        return len(self._callbacks)
