"""*Report a problem…*: the user chooses where the report zip goes, a worker writes it
(:func:`humanops.problem_report.write_problem_report`), and one line says where it went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QFileDialog, QWidget

from humanops.feedback import Feedback
from humanops.problem_report import default_report_name, write_problem_report
from humanops.ui.workers import Worker, run_with_progress


def save_problem_report(parent: QWidget | None, on_done: Callable[[str], None],
                        now: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> Worker | None:
    """Ask where to save the report, write it in a worker; ``on_done`` gets one line saying
    where it went or why it could not be written. None if the user cancelled."""
    day = now()
    start = Path.home() / default_report_name(day)
    title = QCoreApplication.translate("ProblemReport", "Save a problem report")
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start),
                                          QCoreApplication.translate("ProblemReport", "Zip archive (*.zip)"))
    if not path:
        return None
    target = Path(path) if path.lower().endswith(".zip") else Path(path + ".zip")
    qt_versions = {"Qt": qVersion(), "PySide6": PySide6.__version__}

    def task(feedback: Feedback) -> Path:
        feedback.progress(0.1, QCoreApplication.translate("ProblemReport", "Collecting the log files…"))
        return write_problem_report(target, created=day, extra_versions=qt_versions)

    def saved(written: Path) -> None:
        on_done(QCoreApplication.translate(
            "ProblemReport", "The problem report is saved as {path}. It holds the log files and version numbers only "
            "(no workspace, keys or features): send it to your support contact.").format(path=written))

    def failed(message: str) -> None:
        on_done(QCoreApplication.translate("ProblemReport", "The problem report could not be written: {reason}")
                .format(reason=message))

    return run_with_progress(parent, QCoreApplication.translate("ProblemReport", "Writing the problem report"), task,
                             on_success=saved, on_error=failed)
