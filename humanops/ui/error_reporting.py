"""Errors nobody caught, in front of the user: logged with their traceback, and shown in one
:class:`~humanops.ui.error_dialog.ErrorDialog` with the log's path.

:func:`install_error_reporting` (``run_app`` calls it at start) configures the log file and
sets ``sys.excepthook`` (the GUI thread: an exception in a slot or an event handler) and
``threading.excepthook`` (any other thread). A worker's bug (:mod:`humanops.ui.workers`) and a
canvas job's come through :func:`report_exception` too, while the worker still ends as failed
so its progress dialog closes.

A burst of errors (a bug hit on every repaint) becomes one dialog: reports arriving within
:data:`COALESCE_MS` are shown together, reports arriving while the dialog is open are added to
it, and an error already shown this session (same type, message and place) is logged again but
not shown again.

Until :func:`install_error_reporting` runs (tests of single widgets, the screenshot command),
:func:`report_exception` only logs.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from humanops.errors import HumanOpsError
from humanops.logs import configure_logging, log_file_path, redact

log = logging.getLogger(__name__)

COALESCE_MS = 250


@dataclass(frozen=True)
class ErrorReport:
    """One uncaught error, as the dialog shows it (redacted: the user may paste it anywhere)."""

    summary: str  # "ZeroDivisionError: division by zero"
    where: str  # what was running: a worker's title, a thread's name; "" in the GUI thread
    details: str  # the traceback
    signature: tuple[str, ...] = field(default=())  # type, message, innermost place: the same error twice
    when: datetime = field(default_factory=lambda: datetime.now(UTC))


def make_report(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
                where: str = "") -> ErrorReport:
    if isinstance(exc, HumanOpsError):
        summary = exc.message
    else:
        text = str(exc) if exc is not None else ""
        summary = f"{exc_type.__name__}: {text}" if text else exc_type.__name__
    frames = traceback.extract_tb(tb) if tb is not None else []
    place = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    return ErrorReport(summary=redact(summary), where=where, details=redact(details),
                       signature=(exc_type.__name__, str(exc), place))


class ErrorReporter(QObject):
    """Lives in the GUI thread; ``reported`` may be emitted from any thread (queued)."""

    reported = Signal(object)  # an ErrorReport
    dialogShown = Signal(object)  # the ErrorDialog (tests wait on it)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reported.connect(self._receive, Qt.ConnectionType.QueuedConnection)
        self._pending: list[ErrorReport] = []
        self._shown: set[tuple[str, ...]] = set()
        self.dialog: Any = None  # the ErrorDialog on screen, if any
        self.suppressed = 0  # repeats of errors already shown, not shown again
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._timer.timeout.connect(self._show)
        self.problem_report: Callable[[QWidget | None, Callable[[str], None]], None] | None = None

    def _receive(self, report: ErrorReport) -> None:
        if report.signature in self._shown:
            self.suppressed += 1
            return
        self._shown.add(report.signature)
        if self.dialog is not None:
            self.dialog.add_report(report)
            return
        self._pending.append(report)
        if not self._timer.isActive():
            self._timer.start()

    def _show(self) -> None:
        reports, self._pending = self._pending, []
        if not reports:
            return
        from humanops.ui.error_dialog import ErrorDialog

        try:
            dialog = ErrorDialog(reports, log_file_path(), _main_window(), problem_report=self.problem_report)
        except Exception:  # never recurse through the hook that is showing an error
            log.exception("the error dialog could not be shown")
            return
        self.dialog = dialog
        dialog.finished.connect(self._closed)
        dialog.show()
        dialog.raise_()
        self.dialogShown.emit(dialog)

    def _closed(self, _result: int) -> None:
        self.dialog = None


def _main_window() -> QWidget | None:
    """The dialog's parent: the main window, not whatever is active (a progress dialog about to
    be deleted would take the error dialog with it)."""
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    active = QApplication.activeWindow()
    return active.window() if active is not None and active.window() in windows else (windows[0] if windows else None)


_reporter: ErrorReporter | None = None
_previous_hooks: tuple[Any, Any] | None = None


def reporter() -> ErrorReporter | None:
    return _reporter


def report_exception(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None, *,
                     where: str = "", logged: bool = False) -> ErrorReport:
    """Log an uncaught error with its traceback (unless the caller ``logged`` it already) and
    show it (once installed); any thread."""
    report = make_report(exc_type, exc, tb, where)
    if not logged:
        log.error("uncaught error%s: %s", f" in {where}" if where else "", report.summary,
                  exc_info=(exc_type, exc, tb) if exc is not None else None)
    current = _reporter
    if current is not None:
        with contextlib.suppress(RuntimeError):  # the application is being torn down
            current.reported.emit(report)
    return report


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_exception(exc_type, exc, tb)


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    if args.thread is not None:
        where = QCoreApplication.translate("ErrorReporter", "thread {name}").format(name=args.thread.name)
    else:
        where = QCoreApplication.translate("ErrorReporter", "a background thread")
    report_exception(args.exc_type, args.exc_value, args.exc_traceback, where=where)


def install_error_reporting(app: QApplication | None = None) -> Path | None:
    """Configure the log file and the exception hooks; returns the log file's path. Idempotent."""
    global _reporter, _previous_hooks
    path = configure_logging()
    if _reporter is None:
        app = app or QApplication.instance()  # type: ignore[assignment]
        _reporter = ErrorReporter(app)
        from humanops.ui.problem_report_ui import save_problem_report

        _reporter.problem_report = save_problem_report
    if _previous_hooks is None:
        _previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = _excepthook
        threading.excepthook = _threading_excepthook
    log.info("HumanOps started; log file %s", path)
    return path


def uninstall_error_reporting() -> None:
    """Put the previous hooks back and close any error dialog (tests)."""
    global _reporter, _previous_hooks
    if _previous_hooks is not None:
        sys.excepthook, threading.excepthook = _previous_hooks
        _previous_hooks = None
    if _reporter is not None:
        if _reporter.dialog is not None:
            _reporter.dialog.close()
        _reporter.deleteLater()
        _reporter = None
