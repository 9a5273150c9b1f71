"""Progress and cancellation for long work, without Qt.

Engine functions (import, export, routing, planning, rendering) take a ``Feedback`` and call
``progress()`` now and then; the CLI passes a silent or printing one, the app's workers one
that forwards to a progress bar and whose Cancel button sets ``cancel()``. ``progress`` raises
:class:`Canceled` once cancelled, so work stops at the next step and its transaction rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from humanops.errors import HumanOpsError


class Canceled(HumanOpsError):
    """The user cancelled the operation; nothing was changed."""

    def __init__(self, reason: str = "cancelled by the user") -> None:
        super().__init__(reason)


class Feedback:
    """Thread-safe progress sink. ``on_progress(fraction 0..1, message)`` is optional."""

    def __init__(self, on_progress: Callable[[float, str], None] | None = None) -> None:
        self._on_progress = on_progress
        self._cancelled = threading.Event()
        self.fraction = 0.0
        self.message = ""

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress; raises Canceled if the user asked to stop."""
        self.check()
        self.fraction = min(1.0, max(0.0, float(fraction)))
        if message:
            self.message = message
        if self._on_progress is not None:
            self._on_progress(self.fraction, self.message)

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Canceled()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def step(self, start: float, end: float) -> Feedback:
        """A child feedback whose 0..1 maps onto this one's ``start..end``."""
        parent = self

        class _Child(Feedback):
            def progress(self, fraction: float, message: str = "") -> None:
                parent.progress(start + (end - start) * min(1.0, max(0.0, fraction)), message)

            def check(self) -> None:
                parent.check()

            def cancel(self) -> None:
                parent.cancel()

            @property
            def is_cancelled(self) -> bool:
                return parent.is_cancelled

        return _Child()


SILENT = Feedback  # call SILENT() for a fresh feedback that reports nowhere
