"""Audit log: whether the hash chain verifies (or the first entry that was edited, removed or
moved), the entries — what went to whom, what came from whom — and reports as CSV or HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

COLUMNS = ("#", "When (UTC)", "What", "With", "Package", "Counts / detail")
MAX_ROWS = 5000  # the newest; the reports hold every entry


def _counts_text(entry: dict[str, Any]) -> str:
    counts, detail = entry["counts"] or {}, entry["detail"] or {}
    if entry["action"] == "export":
        per = counts.get("recipients", {})
        return "; ".join(f"{org}: {t.get('sent', 0)} sent, {sum(t.get('withheld', {}).values())} withheld"
                         for org, t in per.items())
    if entry["action"] == "import":
        totals = counts.get("totals", {})
        return ", ".join(f"{k} {v}" for k, v in sorted(totals.items()))
    if entry["action"] == "refused_import":
        return str(detail.get("reason", ""))
    return json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else ""


class AuditDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.setWindowTitle("Audit log")
        self.workspace = workspace
        self.verdict = QLabel(self)
        self.verdict.setObjectName("audit_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.verify_button = buttons.addButton("Verify again", QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button = buttons.addButton("Report…", QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.setToolTip("What went to whom, as CSV (spreadsheets) or HTML (a browser)")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.verify_button.clicked.connect(self.reload)
        self.report_button.clicked.connect(self.write_report)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(980, 520)
        self.reload()

    def reload(self) -> None:
        from humanops.sharing.audit import entries, verify_audit

        report = verify_audit(self.workspace)
        if report.ok:
            self.verdict.setText(f"✔ The audit log is intact: {report.entries:,} entries, the hash chain verifies.")
            self.verdict.setStyleSheet(OK_STYLE)
        else:
            self.verdict.setText(f"✖ The audit log was tampered with, from entry {report.first_bad_seq}: "
                                 + "; ".join(report.problems[:3]) + ". Entries from there on cannot be trusted.")
            self.verdict.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.ok = report.ok
        self.first_bad_seq = report.first_bad_seq
        rows = entries(self.workspace)[-MAX_ROWS:][::-1]  # newest first
        self.table.setRowCount(len(rows))
        for r, entry in enumerate(rows):
            values = (str(entry["seq"]), str(entry["at"])[:19].replace("T", " "), entry["action"].replace("_", " "),
                      entry["counterpart"] or "", (entry["package_id"] or "")[:8], _counts_text(entry))
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if c != 4 else entry["package_id"] or "")
                self.table.setItem(r, c, cell)

    def write_report(self) -> None:
        from humanops.sharing.audit import audit_report

        name = f"audit-{self.workspace.organisation or 'workspace'}.html"
        out, _ = QFileDialog.getSaveFileName(self, "Audit report", str(Path(self.workspace.path).parent / name),
                                             "HTML (*.html);;CSV (*.csv)")
        if not out:
            return
        from humanops.fileperms import private_output

        try:
            with private_output(out):  # it names partners: owner-only (0600)
                doc = audit_report(self.workspace, out)
        except HumanOpsError as exc:
            self.status.setText(f"No report written: {exc.message}")
            self.status.setStyleSheet(ERROR_STYLE)
            return
        warning = "" if doc["chain_ok"] else " WARNING: the hash chain does not verify."
        self.status.setText(f"Wrote {doc['file']}: {doc['entries']:,} entries.{warning}")
        self.status.setStyleSheet(OK_STYLE if doc["chain_ok"] else ERROR_STYLE)
