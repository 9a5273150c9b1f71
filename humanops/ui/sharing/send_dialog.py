"""Send package: choose partners, see per recipient what would go, what would be withheld and
why, what would be generalised — and only then write the signed, encrypted ``.hopx``.

The preview and the writing run in workers; nothing touches a file before the user presses
Save as… on a preview of exactly the choices on screen, and gives the passphrase.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.sharing import tasks
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.passphrase import ask_passphrase
from humanops.ui.sharing.wording import plural, withheld_sentence
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.sharing.exchange_export import ExportPreview, ExportResult
    from humanops.store.workspace import Workspace

_WITHHELD = QColor("#8a1c1c")
_GENERALISED = QColor("#7a4a00")
PREVIEW_COLUMNS = ("Recipient / layer", "Go exactly", "Generalised", "Deletions", "Withheld")


class SendPackageDialog(WorkerDialog):
    """``exported(result)`` once a package was written."""

    exported = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("send_package_dialog")
        self.setWindowTitle("Send package")
        self.workspace_path = Path(workspace.path)
        self.feedback_factory = feedback_factory
        self.preview: ExportPreview | None = None
        self.result: ExportResult | None = None
        self._previewed: tasks.ExportChoice | None = None
        self.titles = {k.name: k.title for k in workspace.catalog}
        self.names: dict[str, str] = {}

        self.recipients = QListWidget(self)
        self.recipients.setObjectName("recipients")
        self._fill_recipients(workspace)
        rows = max(3, min(6, self.recipients.count()))
        self.recipients.setMaximumHeight(rows * self.recipients.sizeHintForRow(0) + 8)
        chosen_box = QGroupBox("Recipients", self)
        chosen_layout = QVBoxLayout(chosen_box)
        chosen_layout.addWidget(self.recipients)
        chosen_layout.addStretch(1)

        self.incremental = QRadioButton("Changes since the last package to them", self)
        self.full = QRadioButton("Everything they may receive (full)", self)
        self.incremental.setChecked(True)
        mode = QButtonGroup(self)
        mode.addButton(self.incremental)
        mode.addButton(self.full)
        self.full.toggled.connect(self._choice_changed)
        self.include_roads = QCheckBox("Include the road network", self)
        self.include_roads.toggled.connect(self._choice_changed)
        self.respect_aor = QCheckBox("Only features inside each recipient's area of responsibility", self)
        self.respect_aor.toggled.connect(self._choice_changed)
        self.valid_days = QSpinBox(self)
        self.valid_days.setRange(1, 365)
        self.valid_days.setValue(30)
        self.valid_days.setSuffix(" days")
        self.valid_days.valueChanged.connect(self._choice_changed)
        options = QGroupBox("Package", self)
        form = QFormLayout(options)
        form.addRow(self.incremental)
        form.addRow(self.full)
        form.addRow(self.include_roads)
        form.addRow(self.respect_aor)
        form.addRow("Valid for", self.valid_days)
        top = QHBoxLayout()
        top.addWidget(chosen_box, 1)
        top.addWidget(options, 1)

        self.summary = QLabel("Choose the recipients, then Preview: you see what would go to each of them "
                              "before anything is written.", self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("export_preview")
        self.tree.setHeaderLabels(list(PREVIEW_COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(PREVIEW_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.buttons = QDialogButtonBox(self)
        self.preview_button = self.buttons.addButton("Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setToolTip("Compute what each recipient would receive (writes nothing)")
        self.save_button = self.buttons.addButton("Save as…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip("Sign, encrypt to the recipients and write the package (.hopx)")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.start_preview)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 700)
        self.recipients.itemChanged.connect(self._choice_changed)
        self._update_buttons()

    # --- choices --------------------------------------------------------------------------------------
    def _fill_recipients(self, workspace: Workspace) -> None:
        from humanops.sharing.directory_store import list_partners

        for partner in list_partners(workspace):
            if partner["self"]:
                continue
            self.names[partner["org_id"]] = partner["name"]
            label = f"{partner['acronym'] or partner['org_id']} — {partner['name']} ({partner['org_id']})"
            item = QListWidgetItem(label, self.recipients)
            item.setData(Qt.ItemDataRole.UserRole, partner["org_id"])
            if partner["status"] != "active":
                item.setText(label + "  — key revoked: cannot receive")
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        if not self.recipients.count():
            item = QListWidgetItem("No partners yet: add them in Sharing ▸ Partners and keys.", self.recipients)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def set_recipients(self, org_ids: list[str]) -> None:
        for i in range(self.recipients.count()):
            item = self.recipients.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                wanted = item.data(Qt.ItemDataRole.UserRole) in org_ids
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def choice(self) -> tasks.ExportChoice:
        chosen = []
        for i in range(self.recipients.count()):
            item = self.recipients.item(i)
            if item.checkState() == Qt.CheckState.Checked and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return tasks.ExportChoice(tuple(sorted(chosen)), self.full.isChecked(), self.include_roads.isChecked(),
                                  self.respect_aor.isChecked(), self.valid_days.value())

    def _choice_changed(self, *_args: object) -> None:
        if self.preview is not None and self._previewed != self.choice():
            self.summary.setText("The choices changed: Preview again before saving.")
            self.summary.setStyleSheet("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.worker is not None
        choice = self.choice()
        self.preview_button.setEnabled(bool(choice.recipients) and not busy)
        self.save_button.setEnabled(not busy and self.preview is not None and self.result is None
                                    and self._previewed == choice)

    def _say(self, text: str, style: str = "") -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(style)



    # --- preview --------------------------------------------------------------------------------------
    def start_preview(self) -> None:
        choice = self.choice()
        if not choice.recipients or self.worker is not None:
            return
        path = self.workspace_path
        self.preview, self.result, self._previewed = None, None, None
        self.tree.clear()
        self._say("Computing what each recipient would receive…")

        def done(preview: ExportPreview) -> None:
            self.preview, self._previewed = preview, choice
            self.show_preview(preview)
            self._worker_done()

        def failed(message: str) -> None:
            self._say(f"No preview: {message}", ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say("Preview cancelled: nothing was written.")
            self._worker_done()

        self.worker = run_with_progress(self, "Preparing the preview", lambda fb: tasks.preview(path, choice, fb),
                                        on_success=done, on_error=failed, on_cancel=cancelled,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()

    def show_preview(self, preview: ExportPreview) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for recipient in preview.recipients:
            totals = preview.totals(recipient)
            withheld = sum(totals["withheld"].values())
            name = self.names.get(recipient)
            top = QTreeWidgetItem([f"{recipient} — {name}" if name and name != recipient else recipient,
                                   f"{totals['exact']:,}", self._generalised_text(totals),
                                   f"{totals['tombstones']:,}", f"{withheld:,}"])
            for column in range(len(PREVIEW_COLUMNS)):
                top.setFont(column, bold)
            top.setData(0, Qt.ItemDataRole.UserRole, recipient)
            self.tree.addTopLevelItem(top)
            layers = preview.per_recipient.get(recipient, {})
            for layer in preview.layers:
                entry = layers.get(layer)
                if not entry:
                    continue
                layer_withheld = sum(entry["withheld"].values())
                row = QTreeWidgetItem(top, [self.titles.get(layer, layer), f"{entry['exact']:,}",
                                            self._generalised_text(entry), f"{entry['tombstones']:,}",
                                            f"{layer_withheld:,}"])
                row.setData(0, Qt.ItemDataRole.UserRole, layer)
                for code, n in sorted(entry["withheld"].items(), key=lambda kv: -kv[1]):
                    reason = QTreeWidgetItem(row, [f"{n:,} withheld: {withheld_sentence(code)}"])
                    reason.setData(0, Qt.ItemDataRole.UserRole, code)
                    reason.setToolTip(0, f"reason code: {code}")
                    reason.setForeground(0, QBrush(_WITHHELD))
                    reason.setFirstColumnSpanned(True)
                if entry["generalised"]:
                    note = QTreeWidgetItem(row, [
                        f"{entry['generalised']:,} go with generalised locations (as "
                        f"{plural(entry['generalised_features'], 'area')}): their marking asks for it for "
                        "recipients not named in “releasable to”."])
                    note.setForeground(0, QBrush(_GENERALISED))
                    note.setFirstColumnSpanned(True)
            if not layers:
                QTreeWidgetItem(top, ["nothing new for this recipient"]).setFirstColumnSpanned(True)
        self.tree.expandAll()
        package = preview.package
        n_features = sum(v["features"] for v in package.values())
        n_deleted = sum(v["tombstones"] for v in package.values())
        n_areas = sum(v["generalised"] for v in package.values())
        self._say(f"{preview.mode.capitalize()} package to {', '.join(preview.recipients)}: "
                  f"{plural(n_features, 'feature')}" + (f" ({n_areas:,} of them generalised areas)" if n_areas else "")
                  + f" and {plural(n_deleted, 'deletion')} would go. "
                  "Nothing has been written yet: check what goes to whom, then Save as…")

    @staticmethod
    def _generalised_text(counts: dict[str, Any]) -> str:
        if not counts["generalised"]:
            return "0"
        return f"{counts['generalised']:,} → {counts['generalised_features']:,}"

    # --- writing --------------------------------------------------------------------------------------
    def save_as(self) -> None:
        if not self.save_button.isEnabled():
            return
        choice = self._previewed
        assert choice is not None
        suggested = self.workspace_path.parent / f"to-{'-'.join(choice.recipients)}.hopx"
        out, _ = QFileDialog.getSaveFileName(self, "Save package", str(suggested), "Exchange package (*.hopx)")
        if not out:
            return
        target = Path(out if out.endswith(".hopx") else out + ".hopx")
        if target.resolve() == self.workspace_path.resolve():
            self._say("That is the workspace itself: choose another name.", ERROR_STYLE)
            return
        # The save dialog asked before replacing an existing file; a name we completed was not asked about.
        overwrite = target.exists() and str(target) == out
        passphrase = ask_passphrase(self, "Sign the package", f"The package to {', '.join(choice.recipients)} is "
                                    "signed with your organisation's key.")
        if passphrase is None:
            self._say("Not written: no passphrase given.")
            return
        path = self.workspace_path
        self._say(f"Writing {target.name}…")

        def done(result: ExportResult) -> None:
            self.result = result
            self.show_result(result)
            self.exported.emit(result)
            self._worker_done()

        def failed(message: str) -> None:
            self._say(f"Nothing was written: {message}", ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say("Cancelled: nothing was written.")
            self._worker_done()

        self.worker = run_with_progress(
            self, "Writing the package", lambda fb: tasks.export(path, choice, target, passphrase, overwrite, fb),
            on_success=done, on_error=failed, on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()

    def show_result(self, result: ExportResult) -> None:
        self.show_preview(result.preview)  # what was actually written (the data may have moved since)
        n_features = sum(v["features"] for v in result.layers.values())
        n_deleted = sum(v["tombstones"] for v in result.layers.values())
        layers = ", ".join(f"{self.titles.get(k, k).lower()} {v['features']:,}"
                           for k, v in sorted(result.layers.items()))
        self._say(f"Written {result.path} ({result.bytes:,} bytes): package {result.package_id}, sequence "
                  f"{result.sequence}, to {', '.join(result.recipients)}; {plural(n_features, 'feature')}"
                  + (f" ({layers})" if layers else "") + f", {plural(n_deleted, 'deletion')}. "
                  "Give the file to the recipients: only they can open it.", OK_STYLE)
