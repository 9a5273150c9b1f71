"""The decision-timeline report written to a file: the one function ``humanops exercise report`` and the
app's *Exercise › Decision report…* both call, so the two cannot drift apart.

:func:`write_decision_report` reads the inject timeline and each participant's record
(:func:`humanops.scenario.exercise_report.load_sources`), builds the report and writes it as HTML,
or as PDF through the ``pdf_writer`` the caller passes (the PDF is laid out with Qt, which lives in
``humanops.ui``: this layer may not import it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from humanops.errors import FormatError
from humanops.feedback import Feedback
from humanops.scenario.exercise_report import ExerciseReport

REPORT_SUFFIXES = (".html", ".htm", ".pdf")
PdfWriter = Callable[[ExerciseReport, Path], int]  # writes the report as a PDF, returns its pages


@dataclass(frozen=True)
class WrittenReport:
    file: Path
    pages: int
    report: ExerciseReport


def is_pdf(out: str | Path) -> bool:
    return Path(out).suffix.lower() == ".pdf"


def write_decision_report(audit: Sequence[str], injects: str | Path, out: str | Path, *,
                          controller: str | Path | None = None, start: datetime | None = None,
                          pdf_writer: PdfWriter | None = None, feedback: Feedback | None = None) -> WrittenReport:
    """Write the decision timelines of the injects in ``injects`` for the records in ``audit``
    (``[ORG=]FILE``: participants' exercise workspaces or audit CSVs) to ``out`` (.html or .pdf),
    the controller's workspace ``controller`` saying what was played when. Written whole or not
    at all; FormatError/WorkspaceError naming the file that is wrong."""
    from humanops.scenario.exercise_report import build_exercise_report, load_sources, render_report_html
    from humanops.scenario.injects import read_timeline
    from humanops.store.atomic_files import write_text_atomic

    feedback = feedback or Feedback()
    out = Path(out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise FormatError("the report is written as .html or .pdf", file=str(out))
    if is_pdf(out) and pdf_writer is None:
        raise FormatError("a PDF report needs the app's page layout (write .html here)", file=str(out))
    feedback.progress(0.05, "reading the injects")
    timeline = read_timeline(injects)
    feedback.progress(0.15, "reading the participants' records")
    sources = load_sources(list(audit), controller=str(controller) if controller else None)
    feedback.progress(0.6, "measuring the decision timelines")
    report = build_exercise_report(timeline, sources, start=start)
    feedback.progress(0.75, "writing the report")
    if is_pdf(out):
        assert pdf_writer is not None
        pages = pdf_writer(report, out)
    else:
        write_text_atomic(out, render_report_html(report))
        pages = 1
    feedback.progress(1.0, "")
    return WrittenReport(out, pages, report)
