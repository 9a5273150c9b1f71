"""Audit log: whether the hash chain verifies (or the first entry that was edited, removed or
moved), the entries — what went to whom, what came from whom — and reports as CSV or HTML.

Witnesses: what a partner's packages showed us of its log, written signed for that partner
(our key is unlocked in a worker: scrypt is slow), and a partner's witness of our log checked
against it — which catches even a consistent rewrite or a cut tail of our log."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui.sharing import tasks
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.passphrase import ask_passphrase
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

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


def _escape(text: str) -> str:
    """Text inside rich text (never an attribute): apostrophes stay readable."""
    return html.escape(str(text), quote=False)


def _when(text: str) -> str:
    return str(text)[:16].replace("T", " ") + " UTC"


class AuditDialog(WorkerDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.setWindowTitle("Audit log")
        self.workspace = workspace
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
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
        witnesses = self._witness_box()
        self.status = QLabel(self)
        self.status.setObjectName("audit_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        layout.addLayout(witnesses)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(980, 600)
        self.reload()

    def _witness_box(self) -> QVBoxLayout:
        """Partners' witnesses: write one for a partner, check a partner's of our log (laid out in
        the dialog's own layout, so the verdict's wrapped lines get their height)."""
        title = QLabel("<b>Partners' witnesses</b>", self)
        intro = QLabel("A witness is what a partner's packages showed you of its audit log, signed by you: the "
                       "partner checks its own log against it. A partner's witness of your log proves your log "
                       "still holds what it saw, even if someone rewrote the log here.", self)
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #404040;")
        self.write_witness_button = QPushButton("Write a witness for a partner…", self)
        self.write_witness_button.setObjectName("write_witness")
        self.write_witness_button.setToolTip("Sign what a partner's packages showed you of its log, for it to check "
                                             "its own log against")
        self.check_witness_button = QPushButton("Check a partner's witness…", self)
        self.check_witness_button.setObjectName("check_witness")
        self.check_witness_button.setToolTip("Check that your log still holds every entry a partner saw of it")
        self.write_witness_button.clicked.connect(self.write_witness)
        self.check_witness_button.clicked.connect(self.check_witness)
        self.witness_verdict = QLabel(self)
        self.witness_verdict.setObjectName("witness_verdict")
        self.witness_verdict.setWordWrap(True)
        self.witness_verdict.setTextFormat(Qt.TextFormat.RichText)
        self.witness_verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.witness_verdict.hide()
        self.witness_ok: bool | None = None
        row = QHBoxLayout()
        row.addWidget(self.write_witness_button)
        row.addWidget(self.check_witness_button)
        row.addStretch(1)
        layout = QVBoxLayout()
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.witness_verdict)
        return layout

    def _update_buttons(self) -> None:
        idle = self.worker is None
        for button in (self.write_witness_button, self.check_witness_button, self.verify_button):
            button.setEnabled(idle)

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

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
        try:
            doc = audit_report(self.workspace, out)  # owner-only (0600), written whole: it names partners
        except HumanOpsError as exc:
            self.status.setText(f"No report written: {exc.message}")
            self.status.setStyleSheet(ERROR_STYLE)
            return
        warning = "" if doc["chain_ok"] else " WARNING: the hash chain does not verify."
        self.status.setText(f"Wrote {doc['file']}: {doc['entries']:,} entries.{warning}")
        self.status.setStyleSheet(OK_STYLE if doc["chain_ok"] else ERROR_STYLE)

    # --- witnesses -------------------------------------------------------------------------------------
    def _witness_partners(self) -> list[tuple[str, str]]:
        """(org id, choice text) of every partner whose packages showed us its log's head."""
        from humanops.sharing.audit import partner_heads
        from humanops.sharing.directory_store import list_partners
        from humanops.ui.editing import organisation_label

        out = []
        for p in list_partners(self.workspace):
            if p["self"] or p["org_id"] == self.workspace.organisation:
                continue
            heads = partner_heads(self.workspace, p["org_id"])
            if heads:
                label = organisation_label(self.workspace, p["org_id"])
                out.append((p["org_id"], f"{label} ({p['org_id']}): {len(heads):,} package"
                                         f"{'s' if len(heads) != 1 else ''} seen, up to entry "
                                         f"{max(h['seq'] for h in heads)}"))
        return out

    def write_witness(self) -> None:
        from humanops.sharing.keys import has_identity
        from humanops.ui.editing import organisation_label

        if self.worker is not None:
            return
        if not has_identity(self.workspace):
            self._say("No witness was written: this workspace has no keys yet (Sharing ▸ Own identity…).",
                      ERROR_STYLE)
            return
        choices = self._witness_partners()
        if not choices:
            self._say("No witness was written: no partner's package has shown you its audit log yet. A witness "
                      "can be written for a partner once you have received a package from it.", ERROR_STYLE)
            return
        text, ok = QInputDialog.getItem(self, "Write a witness", "The witness is for (it checks its own log "
                                        "against it):", [c[1] for c in choices], 0, False)
        if not ok:
            return
        org = next(o for o, label in choices if label == text)
        ours = self.workspace.organisation or "our"
        suggested = str(self.workspace_path.parent / f"{ours}-witness-for-{org}.json")
        out, _ = QFileDialog.getSaveFileName(self, f"Witness for {organisation_label(self.workspace, org)}",
                                             suggested, "Audit witness (*.json)")
        if not out:
            return
        passphrase = ask_passphrase(self, "Write a witness", "The witness is signed with your organisation's key.")
        if passphrase is None:
            return
        path, target = self.workspace_path, Path(out)
        self._say("Signing the witness…")

        def done(doc: dict[str, Any]) -> None:
            who = organisation_label(self.workspace, doc["for_org"])
            self._say(f"Wrote the witness for {who} to {doc['file']}: the {doc['heads']:,} audit log heads its "
                      f"packages showed you, up to entry {doc['highest_seq']}. Give it to {who} (USB stick, "
                      f"e-mail); {who} checks its log with “Check a partner's witness…” in its audit log.",
                      OK_STYLE)
            self._worker_done()
            self.reload()  # writing it signed our own head too

        def failed(message: str) -> None:
            self._say(f"No witness was written: {message}", ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say("Cancelled: no witness was written.")
            self._worker_done()

        self.worker = run_with_progress(
            self, "Writing the witness", lambda fb: tasks.write_witness(path, org, target, passphrase, fb),
            on_success=done, on_error=failed, on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()

    def check_witness(self) -> None:
        from humanops.sharing.audit import verify_witness

        if self.worker is not None:
            return
        file, _ = QFileDialog.getOpenFileName(self, "Check a partner's witness", str(self.workspace_path.parent),
                                              "Audit witness (*.json);;All files (*)")
        if not file:
            return
        self.reload()  # the log as it is now, for both verdicts
        name = _escape(Path(file).name)
        try:
            report = verify_witness(self.workspace, file)
        except HumanOpsError as exc:
            where = f" (field {_escape(exc.field)})" if exc.field else ""
            self._witness(False, f"<b>✖ {name} was refused:</b> {_escape(exc.reason)}{where}. It proves "
                                 "nothing about your log: ask the partner for a new witness.")
            return
        self.show_witness_report(report)

    def show_witness_report(self, report: Any) -> None:
        from humanops.ui.editing import organisation_label

        witness = report.witness or {}
        who = _escape(organisation_label(self.workspace, witness.get("org", "")))
        seen = (f"its witness of {_escape(_when(witness.get('created', '')))} holds {witness.get('heads', 0):,} "
                f"head{'s' if witness.get('heads') != 1 else ''}, up to entry {witness.get('highest_seq', 0)}")
        if report.ok:
            self._witness(True, f"<b>✔ Our log still holds everything {who} saw:</b> {seen}, and each matches.")
            return
        problems = "".join(f"<li>{_escape(p)}</li>" for p in report.problems[:8])
        more = f"<li>… and {len(report.problems) - 8:,} more</li>" if len(report.problems) > 8 else ""
        self._witness(False, f"<b>✖ Our log no longer holds what {who} saw</b> ({seen}); from entry "
                             f"{report.first_bad_seq} on it cannot be trusted:<ul style='margin:2px'>{problems}{more}"
                             "</ul>Keep the witness file and the workspace as they are, and tell "
                             f"{who}.")

    def _witness(self, ok: bool, rich: str) -> None:
        self.witness_ok = ok
        self.witness_verdict.setText(rich)
        self.witness_verdict.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.witness_verdict.show()
