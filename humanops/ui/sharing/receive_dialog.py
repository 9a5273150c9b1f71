"""Receive package: check a ``.hopx`` first — who signed it (and the key's fingerprint),
whether it verifies or why it is refused, for whom it is, when it was made and until when,
its sequence — and what importing it would change (new, updated, deleted, conflicts,
quarantined with the reasons); then Import applies it, all or nothing. Both steps run in
workers through the engine (``import_package``), which re-verifies everything on Import.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.sharing import tasks
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.passphrase import ask_passphrase
from humanops.ui.sharing.wording import IMPORT_COUNTS, fingerprint_lines, refusal_hint
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.sharing.exchange_import import ImportResult
    from humanops.store.workspace import Workspace

_BAD = QColor("#b00020")
_CONFLICT = QColor("#7a4a00")
CHANGE_COLUMNS = ("Layer", *(label for _, label in IMPORT_COUNTS[:7]))


class ReceivePackageDialog(WorkerDialog):
    """``imported(result)`` once a package was merged into the workspace."""

    imported = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receive_package_dialog")
        self.setWindowTitle("Receive package")
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
        self.result: ImportResult | None = None
        self.refusal: str | None = None
        self._checked_file: str | None = None
        self.titles = {k.name: k.title for k in workspace.catalog}
        self.partner_names = self._partner_names(workspace)

        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText("An exchange package (.hopx) from a partner")
        self.file_edit.textChanged.connect(lambda _: self._update_buttons())
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Package", self))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        self.verification = QLabel("Choose a package, then Check: it is verified and you see what it would "
                                   "change before anything is imported.", self)
        self.verification.setObjectName("verification_report")
        self.verification.setWordWrap(True)
        self.verification.setTextFormat(Qt.TextFormat.RichText)
        self.verification.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verification.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        verification_box = QGroupBox("Verification", self)
        QVBoxLayout(verification_box).addWidget(self.verification)

        self.changes = QTreeWidget(self)
        self.changes.setObjectName("import_changes")
        self.changes.setHeaderLabels(list(CHANGE_COLUMNS))
        self.changes.setAlternatingRowColors(True)
        header = self.changes.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(CHANGE_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.changes_box = QGroupBox("What would change", self)
        QVBoxLayout(self.changes_box).addWidget(self.changes)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.check_button = self.buttons.addButton("Check", QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setToolTip("Decrypt and verify the package and report what it would change (dry run)")
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(verification_box)
        layout.addWidget(self.changes_box, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(900, 640)
        self._update_buttons()

    @staticmethod
    def _partner_names(workspace: Workspace) -> dict[str, str]:
        from humanops.sharing.directory_store import list_partners

        return {p["org_id"]: p["name"] for p in list_partners(workspace)}

    # --- inputs ----------------------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Receive package", str(self.workspace_path.parent),
                                              "Exchange package (*.hopx);;All files (*)")
        if path:
            self.set_file(path)

    def set_file(self, path: str | Path) -> None:
        self.file_edit.setText(str(path))

    def _file(self) -> str:
        return self.file_edit.text().strip()

    def _update_buttons(self) -> None:
        busy = self.worker is not None
        checked = (self.result is not None and self.result.dry_run and self.refusal is None
                   and self._checked_file == self._file())
        self.check_button.setEnabled(bool(self._file()) and not busy)
        self.import_button.setEnabled(checked and not busy)



    # --- running ---------------------------------------------------------------------------------------
    def check(self) -> None:
        self._run(dry_run=True)

    def start_import(self) -> None:
        if self.import_button.isEnabled():
            self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        file = self._file()
        if not file or self.worker is not None:
            return
        if Path(file).expanduser().resolve() == self.workspace_path.resolve():
            self._refused("That is the workspace itself: choose a package (.hopx).")
            return
        passphrase = ask_passphrase(self, "Open the package", "The package is decrypted with your organisation's "
                                    "key." if dry_run else "The package is decrypted and checked again, then merged.")
        if passphrase is None:
            return
        path, package = self.workspace_path, Path(file).expanduser()
        if dry_run:
            self.result, self.refusal, self._checked_file = None, None, None
            self.changes.clear()
            self._report("Checking…")
        self.summary.setText("Checking the package…" if dry_run else "Importing…")
        self.summary.setStyleSheet("")

        def done(result: ImportResult) -> None:
            self.result, self.refusal = result, None
            self._checked_file = file if dry_run else None
            self.show_result(result)
            if not dry_run:
                self.imported.emit(result)
            self._worker_done()

        def failed(message: str) -> None:
            if "wrong passphrase" in message:  # ours to fix, not the package's fault: the report stays
                self.summary.setText(f"Not opened: {message}. Nothing was imported.")
                self.summary.setStyleSheet(ERROR_STYLE)
                if dry_run:
                    self._report("The package was not opened: the passphrase was wrong. Check again.")
            else:
                self.result = None
                self._refused(message)
            self._worker_done()

        def cancelled() -> None:
            self.summary.setText("Cancelled: nothing was imported.")
            self._worker_done()

        self.worker = run_with_progress(
            self, "Checking the package" if dry_run else "Importing the package",
            lambda fb: tasks.receive(path, package, passphrase, dry_run, fb),
            on_success=done, on_error=failed, on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()

    # --- the report ------------------------------------------------------------------------------------
    def _report(self, rich: str) -> None:
        self.verification.setText(rich)

    def _refused(self, message: str) -> None:
        self.refusal = message
        self.changes.clear()
        self.changes_box.setTitle("What would change")
        self.changes.addTopLevelItem(QTreeWidgetItem(["Nothing: the package was refused."]))
        self._report(f"<p style='color:{_BAD.name()}'><b>✖ Refused.</b> {html.escape(message)}</p>"
                     f"<p>{html.escape(refusal_hint(message))}</p>")
        self.summary.setText("Nothing was imported: this workspace is exactly as it was.")
        self.summary.setStyleSheet(ERROR_STYLE)

    def verification_text(self) -> str:
        return self.verification.text()

    def show_result(self, result: ImportResult) -> None:
        v = result.verification
        signer = v["signer"]
        name = self.partner_names.get(signer, signer)
        recipients = ", ".join(v["recipients"])
        rows = [
            ("Signed by", f"<b>{html.escape(name)}</b> ({html.escape(signer)})"),
            ("Key fingerprint", "<tt>" + html.escape(fingerprint_lines(v["fingerprint"], 8)).replace("\n", "<br>")
             + "</tt>"),
            ("Signature", "<span style='color:#1b5e20'><b>✔ verified</b></span> with the key in your partner "
                          "directory; the package is unaltered"),
            ("Recipients", html.escape(recipients)),
            ("Created", html.escape(_when(v["created"]))),
            ("Expires", html.escape(_when(v["expires"]))),
            ("Sequence", f"{v['sequence']} (the last accepted from {html.escape(signer)}: {v['last_sequence']})"),
            ("Content", f"{html.escape(str(v.get('mode') or ''))} package, highest marking "
                        f"TLP:{html.escape(str(v.get('highest_marking') or 'none'))}"),
        ]
        self._report("<table cellspacing='2'>" + "".join(
            f"<tr><td style='padding-right:12px'>{k}</td><td>{val}</td></tr>" for k, val in rows) + "</table>")
        self._show_changes(result)
        totals = result.totals()
        parts = [f"{totals.get(key, 0):,} {label}" for key, label in IMPORT_COUNTS[:5]]
        if totals.get("proposals"):  # changes by others than the originator: never merged, a person decides
            parts.append(f"{totals['proposals']:,} proposals")
        if result.dry_run:
            self.changes_box.setTitle("What would change")
            self.summary.setText("Importing would bring " + ", ".join(parts) + ". Nothing has been imported yet: "
                                 "press Import to apply it.")
            self.summary.setStyleSheet("")
        else:
            self.changes_box.setTitle("What changed")
            self.summary.setText("Imported: " + ", ".join(parts) + "."
                                 + (" Resolve the conflicts in the Conflicts panel." if totals.get("conflicts")
                                    else "")
                                 + (" Accept or reject the proposals there too." if totals.get("proposals")
                                    else ""))
            self.summary.setStyleSheet(OK_STYLE)

    def _show_changes(self, result: ImportResult) -> None:
        self.changes.clear()
        keys = [key for key, _ in IMPORT_COUNTS[:7]]
        for layer, counts in sorted(result.layers.items()):
            item = QTreeWidgetItem([self.titles.get(layer, layer), *(f"{counts.get(k, 0):,}" for k in keys)])
            item.setData(0, Qt.ItemDataRole.UserRole, layer)
            self.changes.addTopLevelItem(item)
            for q in [q for q in result.quarantined if q["layer"] == layer]:
                child = QTreeWidgetItem(item, [f"quarantined {q['uuid']}: {q['reason']}"])
                child.setToolTip(0, f"reason code: {q['reason_code']}")
                child.setForeground(0, QBrush(_BAD))
                child.setFirstColumnSpanned(True)
            for c in [c for c in result.conflicts if c["layer"] == layer]:
                child = QTreeWidgetItem(item, [f"conflict {c['uuid']}: both sides changed it (theirs is version "
                                               f"{c['incoming_version']}); yours stays until you choose"])
                child.setForeground(0, QBrush(_CONFLICT))
                child.setFirstColumnSpanned(True)
        if not result.layers:
            self.changes.addTopLevelItem(QTreeWidgetItem(["The package holds nothing new."]))
        self.changes.expandAll()

    def report_texts(self) -> list[str]:
        """Every line of the changes (for tests and copying)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(" | ".join(item.text(c) for c in range(item.columnCount())))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.changes.topLevelItemCount()):
            walk(self.changes.topLevelItem(i))
        return out


def _when(stamp: Any) -> str:
    text = str(stamp or "")
    return text[:16].replace("T", " ") + " UTC" if text else "—"
