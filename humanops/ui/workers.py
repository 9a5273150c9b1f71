"""Long work off the GUI thread: a callable run with a Feedback, results back by signals.

The engine functions (import, export, analyses) take a Qt-free :class:`~humanops.feedback.Feedback`;
a :class:`Worker` runs one of them in a thread with a Feedback whose progress is forwarded by
a signal (queued to the GUI thread) and whose ``cancel()`` is wired to Cancel. A user-caused
error arrives as its readable ``HumanOpsError.message``; a bug as one line, its traceback in
the log and the error dialog (:func:`humanops.ui.error_reporting.report_exception`), and the
worker still ends as failed, so no progress dialog is left waiting.

Workers run on Python threads, not QThreadPool (pyproj's thread-local PROJ context), and a task
is given the workspace's path, never the window's Workspace: it opens its own connection. The
thread, connection and lock rules are in docs/architecture.md, section 3.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from humanops.errors import HumanOpsError
from humanops.feedback import Canceled, Feedback
from humanops.ui import gc_policy
from humanops.ui.error_reporting import report_exception

log = logging.getLogger(__name__)

# Makes the Feedback a worker runs with, given the progress callback (tests pass their own).
FeedbackFactory = Callable[[Callable[[float, str], None]], Feedback]

# Workers still running, so their QObject outlives the Python caller's reference.
_RUNNING: set[Worker] = set()


class Worker(QObject):
    """Runs ``task(feedback)`` on a thread of its own. Emits exactly one of succeeded / failed /
    cancelled, then ``finished``."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, task: Callable[[Feedback], Any], *, title: str = "",
                 feedback_factory: FeedbackFactory | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._task = task
        # Engine code calls progress from the worker thread; the signal crosses to the GUI.
        self.feedback = (feedback_factory or Feedback)(self._forward)
        self.finished.connect(self._release)  # in the GUI thread, once every signal is delivered
        self.running = False
        self.result: Any = None
        self.error: str | None = None
        self.worker_thread: threading.Thread | None = None

    def _forward(self, fraction: float, message: str) -> None:
        self.progressed.emit(fraction, message)

    def start(self) -> Worker:
        self.running = True
        _RUNNING.add(self)
        gc_policy.work_started()  # no full collection walking what it makes, until the freeze after it
        # Daemon: a worker still running at exit is rolled back by SQLite, never half-written.
        self.worker_thread = threading.Thread(target=self.run_here, name=f"humanops worker: {self.title}",
                                              daemon=True)
        self.worker_thread.start()
        return self

    def cancel(self) -> None:
        self.feedback.cancel()

    def run_here(self) -> None:
        """Run the task in the calling thread (the worker thread's body)."""
        try:
            result = self._task(self.feedback)
        except Canceled:
            self._done("cancelled")
            return
        except HumanOpsError as exc:
            self.error = exc.message
            self._done("failed")
            return
        # BaseException too: a Rust panic in a binding (pyo3's PanicException) is not an Exception,
        # and a worker that died without a word would leave its progress dialog up for ever.
        except BaseException as exc:  # noqa: BLE001 - fails closed: a bug, reported to the log and error dialog
            report_exception(type(exc), exc, exc.__traceback__,
                             where=self.title or QCoreApplication.translate("Worker", "a background task"))
            self.error = QCoreApplication.translate("Worker", "internal error: {error}: {message}").format(
                error=type(exc).__name__, message=exc)
            self._done("failed")  # the caller's progress dialog and buttons end as for any failure
            return
        self.result = result
        self._done("succeeded")

    def _done(self, outcome: str) -> None:
        self.running = False
        if outcome == "succeeded":
            self.succeeded.emit(self.result)
        elif outcome == "failed":
            self.failed.emit(self.error or "failed")
        else:
            self.cancelled.emit()
        self.finished.emit()

    def _release(self) -> None:
        _RUNNING.discard(self)
        gc_policy.freeze_when_idle()  # what the result left behind, out of the collector's walks once idle


def run_with_progress(parent: QWidget | None, title: str, task: Callable[[Feedback], Any], *,
                      on_success: Callable[[Any], None] | None = None,
                      on_error: Callable[[str], None] | None = None,
                      on_cancel: Callable[[], None] | None = None,
                      feedback_factory: FeedbackFactory | None = None) -> Worker:
    """Start ``task`` in a worker with a progress dialog whose Cancel cancels the Feedback.

    The dialog appears only if the work takes longer than a moment (QProgressDialog's
    minimum duration), and closes itself when the worker ends.
    """
    # No Qt parent: the worker lives (in _RUNNING) until it has finished, even if the
    # dialog that started it is closed meanwhile.
    worker = Worker(task, title=title, feedback_factory=feedback_factory)
    dialog = QProgressDialog(title, QCoreApplication.translate("Worker", "Cancel"), 0, 1000, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    worker.progress_dialog = dialog  # type: ignore[attr-defined]  # tests reach the Cancel button

    def progressed(fraction: float, message: str) -> None:
        try:
            # A modal progress dialog's setValue runs the event loop, nested. Once the work has
            # ended its result's slots are queued behind this update: they would run inside it
            # (an import's last update took 110 ms so). The dialog closes on the outcome anyway.
            if dialog.wasCanceled() or not worker.running or fraction >= 1.0:
                return
            dialog.setValue(int(fraction * 1000))
            if message:
                dialog.setLabelText(message)
        except RuntimeError:  # the progress dialog went with its parent, closed while the work ran
            return

    def cancel_requested() -> None:
        dialog.setLabelText(QCoreApplication.translate("Worker", "Cancelling…"))
        worker.cancel()

    def ended() -> None:  # before the caller's slots: they run with the modal dialog gone
        try:
            dialog.canceled.disconnect(cancel_requested)  # closing a progress dialog emits canceled
        except RuntimeError:  # the progress dialog went with its parent, closed while the work ran
            return
        dialog.close()

    def finished() -> None:
        with contextlib.suppress(RuntimeError):  # gone with its parent meanwhile
            dialog.deleteLater()

    worker.progressed.connect(progressed)
    dialog.canceled.connect(cancel_requested)
    for outcome in (worker.succeeded, worker.failed, worker.cancelled):
        outcome.connect(ended)
    if on_success is not None:
        worker.succeeded.connect(on_success)
    if on_error is not None:
        worker.failed.connect(on_error)
    if on_cancel is not None:
        worker.cancelled.connect(on_cancel)
    worker.finished.connect(finished)
    return worker.start()


def running_workers() -> list[Worker]:
    return list(_RUNNING)


def cancel_all_and_wait(timeout_ms: int = 10_000) -> bool:
    """Cancel every running worker and wait for their threads (on close): True if all stopped."""
    workers = list(_RUNNING)
    for worker in workers:
        worker.cancel()
    deadline = time.monotonic() + timeout_ms / 1000
    for worker in workers:
        if worker.worker_thread is not None:
            worker.worker_thread.join(max(0.0, deadline - time.monotonic()))
    return not any(w.worker_thread is not None and w.worker_thread.is_alive() for w in workers)


class WorkerDialog(QDialog):
    """A dialog that runs one worker at a time. Closing it while the worker runs cancels the
    worker first (its work rolls back) and closes once the worker has stopped, so no work is
    left running behind a closed window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self._close_when_done = False

    def _update_buttons(self) -> None:
        """Enable what can be done now; subclasses override."""

    def reject(self) -> None:
        if self.worker is not None:
            self._close_when_done = True
            self.worker.cancel()
            return
        super().reject()

    def _worker_done(self) -> None:
        self.worker = None
        self._update_buttons()
        if self._close_when_done:
            self._close_when_done = False
            super().reject()
