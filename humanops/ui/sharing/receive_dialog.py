"""Receive package: check a ``.hopx`` first — who signed it (and the key's fingerprint),
whether it verifies or why it is refused, for whom it is, when it was made and until when,
its sequence — and what importing it would change (new, updated, deleted, conflicts,
quarantined with the reasons); then Import applies it, all or nothing. Both steps run in
workers through the engine (``import_package``), which re-verifies everything on Import.

The passphrase is asked once per window: the first step unlocks the keys, and the window keeps
the unlocked identity (never the passphrase) for its next steps until it closes, or the keys are
locked (Sharing ▸ Lock keys). With Sharing ▸ Keep keys unlocked… the identity is also kept for
the next windows, for the minutes chosen (``unlocked_keys.py``). The Check → Import flow is
:class:`humanops.ui.dialogs.check_then_import.CheckThenImportDialog`'s.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.check_then_import import CheckThenImportDialog
from humanops.ui.dialogs.dialog_parts import stretch_first_column
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count, format_stamp
from humanops.ui.sharing import tasks
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.passphrase import ask_passphrase
from humanops.ui.sharing.unlocked_keys import unlocked_keys
from humanops.ui.sharing.wording import IMPORT_COUNTS, fingerprint_lines, import_count_label, refusal_hint
from humanops.ui.team_paths import folder_beside
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.sharing.exchange_import import ImportResult
    from humanops.sharing.keys import UnlockedIdentity
    from humanops.store.workspace import Workspace
    from humanops.ui.sharing.unlocked_keys import UnlockedKeys

_BAD = QColor("#b00020")
_CONFLICT = QColor("#7a4a00")
CHANGE_COLUMNS = ("layer", *(key for key, _ in IMPORT_COUNTS[:7]))  # the table's columns, by the engine's counts


class ReceivePackageDialog(CheckThenImportDialog):
    """``imported(result)`` once a package was merged into the workspace, just after
    ``validatedWrites(ranges)``: the change-log seq ranges the import wrote (for the Problems
    panel's watch)."""

    imported = Signal(object)
    validatedWrites = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, keys: UnlockedKeys | None = None) -> None:
        super().__init__(workspace_target(workspace), parent, feedback_factory=feedback_factory)
        self.setObjectName("receive_package_dialog")
        self.setWindowTitle(self.tr("Receive package"))
        # The keys kept unlocked across windows (the main window's), and this window's own.
        self.keys = keys if keys is not None else unlocked_keys(parent)
        self._identity: UnlockedIdentity | None = None
        if self.keys is not None:
            self.keys.locked.connect(self._drop_identity)
        self.result: ImportResult | None = None
        self.refusal: str | None = None
        self._checked_file: str | None = None
        self.titles = {k.name: k.title_in(current_language()) for k in workspace.catalog}
        self.partner_names = self._partner_names(workspace)

        file_row = self.file_row(self.tr("An exchange package (.hopx) from a partner"), self.tr("Package"))

        self.verification = QLabel(self.tr("Choose a package, then Check: it is verified and you see what it would "
                                           "change before anything is imported."), self)
        self.verification.setObjectName("verification_report")
        self.verification.setWordWrap(True)
        self.verification.setTextFormat(Qt.TextFormat.RichText)
        self.verification.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verification.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        verification_box = QGroupBox(self.tr("Verification"), self)
        QVBoxLayout(verification_box).addWidget(self.verification)

        self.changes = QTreeWidget(self)
        self.changes.setObjectName("import_changes")
        self.changes.setHeaderLabels([self.tr("Layer"), *(import_count_label(key) for key in CHANGE_COLUMNS[1:])])
        self.changes.setAlternatingRowColors(True)
        stretch_first_column(self.changes.header(), len(CHANGE_COLUMNS))
        self.changes_box = QGroupBox(self.tr("What would change"), self)
        QVBoxLayout(self.changes_box).addWidget(self.changes)

        self.check_import_buttons(self.tr("Decrypt and verify the package and report what it would change (dry "
                                          "run)"))

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
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Receive package"), str(folder_beside(self.workspace_path)),
                                              self.tr("Exchange package (*.hopx);;All files (*)"))
        if path:
            self.set_file(path)

    def checked_for_now(self) -> bool:
        return (self.result is not None and self.result.dry_run and self.refusal is None
                and self._checked_file == self._file())

    # --- running ---------------------------------------------------------------------------------------
    def _run(self, *, dry_run: bool) -> None:
        file = self._file()
        if not file or self.worker is not None:
            return
        if self.is_the_workspace(file):
            self._refused(self.tr("That is the workspace itself: choose a package (.hopx)."))
            return
        identity = self._identity or (self.keys.identity(self.workspace_path) if self.keys is not None else None)
        if identity is not None:
            key = tasks.KeyToUnlock(identity=identity)
        else:
            passphrase = ask_passphrase(self, self.tr("Open the package"), self.tr(
                "The package is decrypted with your organisation's key. The key stays unlocked until this window "
                "closes: Import asks no more."))
            if passphrase is None:
                return
            key = tasks.KeyToUnlock(passphrase=passphrase)
            del passphrase  # the worker's KeyToUnlock drops it once used
        unlocking = identity is None
        path, package = self.workspace_path, Path(file).expanduser()
        if dry_run:
            self.result, self.refusal, self._checked_file = None, None, None
            self.changes.clear()
            self._report(self.tr("Checking…"))
        self._say(self.tr("Checking the package…") if dry_run else self.tr("Importing…"))

        written: list[tuple[int, int]] = []  # filled by the worker, read once it is done

        def done(result: ImportResult) -> None:
            self._keep(key, unlocking)
            self.result, self.refusal = result, None
            self._checked_file = file if dry_run else None
            self.show_result(result)
            if not dry_run:
                self.validatedWrites.emit(tuple(written))
                self.imported.emit(result)
            self._worker_done()

        def failed(message: str) -> None:
            self._keep(key, unlocking)
            if key.identity is None:  # our keys did not open: ours to fix, not the package's fault; the report stays
                self._say(self.tr("Not opened: {reason}. Nothing was imported.").format(reason=message), ERROR_STYLE)
                if dry_run and "wrong passphrase" in message:
                    self._report(self.tr("The package was not opened: the passphrase was wrong. Check again."))
                elif dry_run:
                    self._report(self.tr("The package was not opened: {reason}. Check again.").format(
                        reason=html.escape(message)))
            else:
                self.result = None
                self._refused(message)
            self._worker_done()

        def cancelled() -> None:
            self._keep(key, unlocking)
            self.summary.setText(self.tr("Cancelled: nothing was imported."))
            self._worker_done()

        self.run_step(self.tr("Checking the package") if dry_run else self.tr("Importing the package"),
                      lambda fb: tasks.receive(path, package, key, dry_run, fb, written),
                      on_success=done, on_error=failed, on_cancel=cancelled)

    # --- our keys ---------------------------------------------------------------------------------------
    def _keep(self, key: tasks.KeyToUnlock, unlocking: bool) -> None:
        """After a step: this window keeps the identity the step unlocked (None if the keys did
        not open), and, just unlocked with the passphrase, so do the kept keys if chosen."""
        self._identity = key.identity
        if self.keys is None:
            return
        if key.identity is None:
            self.keys.lock()  # the keys changed since they were kept: nobody holds the old ones
        elif unlocking:
            self.keys.keep(self.workspace_path, key.identity)

    def _drop_identity(self) -> None:
        self._identity = None

    def has_unlocked_keys(self) -> bool:
        return self._identity is not None

    def done(self, result: int) -> None:
        self._identity = None  # the window's hold on the keys ends with it
        super().done(result)

    # --- the report ------------------------------------------------------------------------------------
    def _report(self, rich: str) -> None:
        self.verification.setText(rich)

    def _refused(self, message: str) -> None:
        self.refusal = message
        self.changes.clear()
        self.changes_box.setTitle(self.tr("What would change"))
        self.changes.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing: the package was refused.")]))
        refused = self.tr("Refused.")  # not inside the f-string: lupdate does not read those
        self._report(f"<p style='color:{_BAD.name()}'><b>✖ {refused}</b> {html.escape(message)}</p>"
                     f"<p>{html.escape(refusal_hint(message))}</p>")
        self._say(self.tr("Nothing was imported: this workspace is exactly as it was."), ERROR_STYLE)

    def verification_text(self) -> str:
        return self.verification.text()

    def show_result(self, result: ImportResult) -> None:
        v = result.verification
        signer = v["signer"]
        name = self.partner_names.get(signer, signer)
        recipients = ", ".join(v["recipients"])
        mode = str(v.get("mode") or "")
        content = {"full": self.tr("full package, highest marking {marking}"),
                   "incremental": self.tr("incremental package, highest marking {marking}")}.get(
            mode, html.escape(mode) + " " + self.tr("package, highest marking {marking}"))
        rows = [
            (self.tr("Signed by"), f"<b>{html.escape(name)}</b> ({html.escape(signer)})"),
            (self.tr("Key fingerprint"), "<tt>" + html.escape(fingerprint_lines(v["fingerprint"], 8)).replace(
                "\n", "<br>") + "</tt>"),
            (self.tr("Signature"), self.tr("<span style='color:#1b5e20'><b>✔ verified</b></span> with the key in your "
                                           "partner directory; the package is unaltered")),
            (self.tr("Recipients"), html.escape(recipients)),
            (self.tr("Created"), html.escape(format_stamp(v["created"], "—"))),
            (self.tr("Expires"), html.escape(format_stamp(v["expires"], "—"))),
            (self.tr("Sequence"), self.tr("{sequence} (the last accepted from {signer}: {last})").format(
                sequence=v["sequence"], signer=html.escape(signer), last=v["last_sequence"])),
            (self.tr("Content"), content.format(
                marking="TLP:" + html.escape(str(v.get("highest_marking") or self.tr("none"))))),
        ]
        self._report("<table cellspacing='2'>" + "".join(
            f"<tr><td style='padding-right:12px'>{k}</td><td>{val}</td></tr>" for k, val in rows) + "</table>")
        self._show_changes(result)
        totals = result.totals()
        parts = [f"{format_count(totals.get(key, 0))} {import_count_label(key)}" for key, _ in IMPORT_COUNTS[:5]]
        if totals.get("proposals"):  # changes by others than the originator: never merged, a person decides
            parts.append(ReceivePackageDialog.tr("%Ln proposal(s)", "", totals["proposals"]))
        if result.dry_run:
            self.changes_box.setTitle(self.tr("What would change"))
            self.summary.setText(self.tr("Importing would bring {counts}. Nothing has been imported yet: press Import "
                                         "to apply it.").format(counts=", ".join(parts)))
            self.summary.setStyleSheet("")
        else:
            self.changes_box.setTitle(self.tr("What changed"))
            text = self.tr("Imported: {counts}.").format(counts=", ".join(parts))
            if totals.get("conflicts"):
                text += " " + self.tr("Resolve the conflicts in the Conflicts panel.")
            if totals.get("proposals"):
                text += " " + self.tr("Accept or reject the proposals there too.")
            self.summary.setText(text)
            self.summary.setStyleSheet(OK_STYLE)

    def _show_changes(self, result: ImportResult) -> None:
        self.changes.clear()
        keys = [key for key, _ in IMPORT_COUNTS[:7]]
        for layer, counts in sorted(result.layers.items()):
            item = QTreeWidgetItem([self.titles.get(layer, layer), *(format_count(counts.get(k, 0)) for k in keys)])
            item.setData(0, Qt.ItemDataRole.UserRole, layer)
            self.changes.addTopLevelItem(item)
            for q in [q for q in result.quarantined if q["layer"] == layer]:
                child = QTreeWidgetItem(item, [self.tr("quarantined {uuid}: {reason}").format(uuid=q["uuid"],
                                                                                               reason=q["reason"])])
                child.setToolTip(0, self.tr("reason code: {code}").format(code=q["reason_code"]))
                child.setForeground(0, QBrush(_BAD))
                child.setFirstColumnSpanned(True)
            for c in [c for c in result.conflicts if c["layer"] == layer]:
                child = QTreeWidgetItem(item, [self.tr("conflict {uuid}: both sides changed it (theirs is version "
                                                       "{version}); yours stays until you choose").format(
                    uuid=c["uuid"], version=c["incoming_version"])])
                child.setForeground(0, QBrush(_CONFLICT))
                child.setFirstColumnSpanned(True)
        if not result.layers:
            self.changes.addTopLevelItem(QTreeWidgetItem([self.tr("The package holds nothing new.")]))
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
