"""CAP alerts from the import dialog (issue 10, item 3): the file filter offers them, and the
dialog's worker imports them as the CLI does (data: tests/data/cap/README.md)."""

from __future__ import annotations

from pathlib import Path

from humanops.feedback import Feedback
from humanops.ui.dialogs.import_dialog import FILE_FILTER, run_import

ALERT = Path(__file__).parents[1] / "data" / "cap" / "kavera" / "1-flood-alert.xml"


def test_the_file_filter_offers_cap_alerts_and_feeds():
    for pattern in ("*.cap", "*.xml", "*.atom", "*.rss"):
        assert pattern in FILE_FILTER.split(";;")[0]


def test_the_dialog_worker_previews_then_imports_an_alert(workspace):
    path = workspace.path
    workspace.close()
    preview = run_import(path, str(ALERT), None, True, False, Feedback())
    assert preview.refused is None and preview.report.status == "dry-run" and preview.report.imported == 2
    done = run_import(path, str(ALERT), None, False, False, Feedback())
    assert done.refused is None and done.report.status == "imported" and done.report.imported == 2
