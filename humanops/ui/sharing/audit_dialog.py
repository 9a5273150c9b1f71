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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
from humanops.store.target_reads import workspace_target
from humanops.ui.locale_text import format_count, format_stamp
from humanops.ui.sharing import tasks
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.passphrase import ask_passphrase
from humanops.ui.team_paths import folder_beside
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

COLUMNS = ("#", QT_TRANSLATE_NOOP("AuditDialog", "When (UTC)"), QT_TRANSLATE_NOOP("AuditDialog", "What"),
           QT_TRANSLATE_NOOP("AuditDialog", "With"), QT_TRANSLATE_NOOP("AuditDialog", "Package"),
           QT_TRANSLATE_NOOP("AuditDialog", "Counts / detail"))
# The log's actions, as the table names them (stored in English).
ACTIONS = {"export": QT_TRANSLATE_NOOP("AuditDialog", "export"),
           "import": QT_TRANSLATE_NOOP("AuditDialog", "import"),
           "refused_import": QT_TRANSLATE_NOOP("AuditDialog", "refused import")}
MAX_ROWS = 5000  # the newest; the reports hold every entry


def _counts_text(entry: dict[str, Any]) -> str:
    counts, detail = entry["counts"] or {}, entry["detail"] or {}
    if entry["action"] == "export":
        per = counts.get("recipients", {})
        sent = QCoreApplication.translate("AuditDialog", "{org}: {sent} sent, {withheld} withheld")
        return "; ".join(sent.format(org=org, sent=format_count(t.get("sent", 0)),
                                     withheld=format_count(sum(t.get("withheld", {}).values())))
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


class AuditDialog(WorkerDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.workspace = workspace
        self.workspace_path = workspace_target(workspace)  # a file, or a team database's URL
        self.feedback_factory = feedback_factory
        self.verdict = QLabel(self)
        self.verdict.setObjectName("audit_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
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
        self.verify_button = buttons.addButton(self.tr("Verify again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button = buttons.addButton(self.tr("Report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.setToolTip(self.tr("The sharing report for a protocol review (HTML or PDF), or the raw "
                                              "log as CSV"))
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
        title = QLabel("<b>" + self.tr("Partners' witnesses") + "</b>", self)
        intro = QLabel(self.tr("A witness is what a partner's packages showed you of its audit log, signed by you: "
                               "the partner checks its own log against it. A partner's witness of your log proves "
                               "your log still holds what it saw, even if someone rewrote the log here."), self)
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #404040;")
        self.write_witness_button = QPushButton(self.tr("Write a witness for a partner…"), self)
        self.write_witness_button.setObjectName("write_witness")
        self.write_witness_button.setToolTip(self.tr("Sign what a partner's packages showed you of its log, for it to "
                                                     "check its own log against"))
        self.check_witness_button = QPushButton(self.tr("Check a partner's witness…"), self)
        self.check_witness_button.setObjectName("check_witness")
        self.check_witness_button.setToolTip(self.tr("Check that your log still holds every entry a partner saw of "
                                                     "it"))
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
            self.verdict.setText("✔ " + AuditDialog.tr("The audit log is intact: %Ln entry(ies), the hash chain "
                                                       "verifies.", "", report.entries))
            self.verdict.setStyleSheet(OK_STYLE)
        else:
            self.verdict.setText("✖ " + self.tr("The audit log was tampered with, from entry {seq}: {problems}. "
                                                "Entries from there on cannot be trusted.").format(
                seq=report.first_bad_seq, problems="; ".join(report.problems[:3])))
            self.verdict.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.ok = report.ok
        self.first_bad_seq = report.first_bad_seq
        rows = entries(self.workspace)[-MAX_ROWS:][::-1]  # newest first
        self.table.setRowCount(len(rows))
        for r, entry in enumerate(rows):
            action = self.tr(ACTIONS[entry["action"]]) if entry["action"] in ACTIONS else \
                entry["action"].replace("_", " ")
            values = (str(entry["seq"]), str(entry["at"])[:19].replace("T", " "), action,
                      entry["counterpart"] or "", (entry["package_id"] or "")[:8], _counts_text(entry))
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if c != 4 else entry["package_id"] or "")
                self.table.setItem(r, c, cell)

    def write_report(self) -> None:
        """The sharing report a protocol review reads (HTML or PDF, as ``humanops audit report``), or
        the raw log as CSV; owner-only (0600) and written whole: they name partners."""
        from humanops.sharing.audit import audit_report
        from humanops.sharing.audit_report import build_report, render_html
        from humanops.store.atomic_files import write_text_atomic

        name = f"sharing-report-{self.workspace.organisation or 'workspace'}.html"
        folder = folder_beside(self.workspace_path)
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Sharing report"), str(folder / name),
                                             self.tr("Sharing report (*.html);;Sharing report, PDF (*.pdf);;"
                                                     "Raw log, CSV (*.csv)"))
        if not out:
            return
        suffix = Path(out).suffix.lower()
        try:
            if suffix == ".csv":
                doc = audit_report(self.workspace, out)
                entries, chain_ok = doc["entries"], doc["chain_ok"]
            else:
                report = build_report(self.workspace)
                if suffix == ".pdf":
                    from humanops.ui.audit_report_pdf import write_report_pdf

                    write_report_pdf(report, out)
                else:
                    write_text_atomic(out, render_html(report))
                entries, chain_ok = report.entries_total, report.chain_ok
        except HumanOpsError as exc:
            self.status.setText(self.tr("No report written: {reason}").format(reason=exc.message))
            self.status.setStyleSheet(ERROR_STYLE)
            return
        text = AuditDialog.tr("Wrote {file}: %Ln entry(ies).", "", entries).format(file=out)
        if not chain_ok:
            text += " " + self.tr("WARNING: the hash chain does not verify.")
        self.status.setText(text)
        self.status.setStyleSheet(OK_STYLE if chain_ok else ERROR_STYLE)

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
                out.append((p["org_id"], AuditDialog.tr("{label} ({org}): %Ln package(s) seen, up to entry {seq}", "",
                                                        len(heads)).format(label=label, org=p["org_id"],
                                                                           seq=max(h["seq"] for h in heads))))
        return out

    def write_witness(self) -> None:
        from humanops.sharing.keys import has_identity
        from humanops.ui.editing import organisation_label

        if self.worker is not None:
            return
        if not has_identity(self.workspace):
            self._say(self.tr("No witness was written: this workspace has no keys yet (Sharing ▸ Own identity…)."),
                      ERROR_STYLE)
            return
        choices = self._witness_partners()
        if not choices:
            self._say(self.tr("No witness was written: no partner's package has shown you its audit log yet. A "
                              "witness can be written for a partner once you have received a package from it."),
                      ERROR_STYLE)
            return
        text, ok = QInputDialog.getItem(self, self.tr("Write a witness"),
                                        self.tr("The witness is for (it checks its own log against it):"),
                                        [c[1] for c in choices], 0, False)
        if not ok:
            return
        org = next(o for o, label in choices if label == text)
        ours = self.workspace.organisation or "our"
        suggested = str(folder_beside(self.workspace_path) / f"{ours}-witness-for-{org}.json")
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Witness for {partner}").format(
            partner=organisation_label(self.workspace, org)), suggested, self.tr("Audit witness (*.json)"))
        if not out:
            return
        passphrase = ask_passphrase(self, self.tr("Write a witness"),
                                    self.tr("The witness is signed with your organisation's key."))
        if passphrase is None:
            return
        path, target = self.workspace_path, Path(out)
        self._say(self.tr("Signing the witness…"))

        def done(doc: dict[str, Any]) -> None:
            who = organisation_label(self.workspace, doc["for_org"])
            self._say(AuditDialog.tr("Wrote the witness for {who} to {file}: the %Ln audit log head(s) its packages "
                                     "showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} "
                                     "checks its log with “Check a partner's witness…” in its audit log.", "",
                                     doc["heads"]).format(who=who, file=doc["file"], seq=doc["highest_seq"]),
                      OK_STYLE)
            self._worker_done()
            self.reload()  # writing it signed our own head too

        def failed(message: str) -> None:
            self._say(self.tr("No witness was written: {reason}").format(reason=message), ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say(self.tr("Cancelled: no witness was written."))
            self._worker_done()

        self.worker = run_with_progress(
            self, self.tr("Writing the witness"), lambda fb: tasks.write_witness(path, org, target, passphrase, fb),
            on_success=done, on_error=failed, on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()

    def check_witness(self) -> None:
        from humanops.sharing.audit import verify_witness

        if self.worker is not None:
            return
        file, _ = QFileDialog.getOpenFileName(self, self.tr("Check a partner's witness"),
                                              str(folder_beside(self.workspace_path)),
                                              self.tr("Audit witness (*.json);;All files (*)"))
        if not file:
            return
        self.reload()  # the log as it is now, for both verdicts
        name = _escape(Path(file).name)
        try:
            report = verify_witness(self.workspace, file)
        except HumanOpsError as exc:
            where = " " + self.tr("(field {field})").format(field=_escape(exc.field)) if exc.field else ""
            self._witness(False, self.tr("<b>✖ {file} was refused:</b> {reason}{where}. It proves nothing about your "
                                         "log: ask the partner for a new witness.").format(
                file=name, reason=_escape(exc.reason), where=where))
            return
        self.show_witness_report(report)

    def show_witness_report(self, report: Any) -> None:
        from humanops.ui.editing import organisation_label

        witness = report.witness or {}
        who = _escape(organisation_label(self.workspace, witness.get("org", "")))
        when = _escape(format_stamp(witness.get("created", "")))
        seen = AuditDialog.tr("its witness of {when} holds %Ln head(s), up to entry {seq}", "",
                              int(witness.get("heads", 0))).format(when=when, seq=witness.get("highest_seq", 0))
        if report.ok:
            self._witness(True, self.tr("<b>✔ Our log still holds everything {who} saw:</b> {seen}, and each "
                                        "matches.").format(who=who, seen=seen))
            return
        problems = "".join(f"<li>{_escape(p)}</li>" for p in report.problems[:8])
        more = ""
        if len(report.problems) > 8:
            more = "<li>" + self.tr("… and {n} more").format(n=format_count(len(report.problems) - 8)) + "</li>"
        self._witness(False, self.tr("<b>✖ Our log no longer holds what {who} saw</b> ({seen}); from entry {seq} on it "
                                     "cannot be trusted:").format(who=who, seen=seen, seq=report.first_bad_seq)
                      + f"<ul style='margin:2px'>{problems}{more}</ul>"
                      + self.tr("Keep the witness file and the workspace as they are, and tell {who}.").format(who=who))


    def _witness(self, ok: bool, rich: str) -> None:
        self.witness_ok = ok
        self.witness_verdict.setText(rich)
        self.witness_verdict.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.witness_verdict.show()
