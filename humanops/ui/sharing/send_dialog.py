"""Send package: choose partners, see per recipient what would go, what would be withheld and
why, what would be generalised — and only then write the signed, encrypted ``.hopx``.

The preview and the writing run in workers; nothing touches a file before the user presses
Save as… on a preview of exactly the choices on screen, and gives the passphrase.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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

from humanops.store.target_reads import workspace_target
from humanops.ui.dialogs.dialog_parts import stretch_first_column
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.sharing import tasks
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE
from humanops.ui.sharing.passphrase import ask_passphrase
from humanops.ui.sharing.unlocked_keys import UnlockedKeys, unlocked_keys
from humanops.ui.sharing.wording import withheld_sentence
from humanops.ui.team_paths import folder_beside, is_workspace_itself
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress

if TYPE_CHECKING:
    from humanops.sharing.exchange_export import ExportPreview, ExportResult
    from humanops.store.workspace import Workspace

_WITHHELD = QColor("#8a1c1c")
_GENERALISED = QColor("#7a4a00")
PREVIEW_COLUMNS = (QT_TRANSLATE_NOOP("SendPackageDialog", "Recipient / layer"),
                   QT_TRANSLATE_NOOP("SendPackageDialog", "Go exactly"),
                   QT_TRANSLATE_NOOP("SendPackageDialog", "Generalised"),
                   QT_TRANSLATE_NOOP("SendPackageDialog", "Deletions"),
                   QT_TRANSLATE_NOOP("SendPackageDialog", "Withheld"))


class SendPackageDialog(WorkerDialog):
    """``exported(result)`` once a package was written."""

    exported = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None, keys: UnlockedKeys | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("send_package_dialog")
        self.setWindowTitle(self.tr("Send package"))
        self.workspace_path = workspace_target(workspace)  # a file, or a team database's URL
        self.feedback_factory = feedback_factory
        self.keys = keys if keys is not None else unlocked_keys(parent)   # the main window's kept keys
        self.preview: ExportPreview | None = None
        self.result: ExportResult | None = None
        self._previewed: tasks.ExportChoice | None = None
        self.titles = {k.name: k.title_in(current_language()) for k in workspace.catalog}
        self.names: dict[str, str] = {}

        self.recipients = QListWidget(self)
        self.recipients.setObjectName("recipients")
        self._fill_recipients(workspace)
        rows = max(3, min(6, self.recipients.count()))
        self.recipients.setMaximumHeight(rows * self.recipients.sizeHintForRow(0) + 8)
        chosen_box = QGroupBox(self.tr("Recipients"), self)
        chosen_layout = QVBoxLayout(chosen_box)
        chosen_layout.addWidget(self.recipients)
        chosen_layout.addStretch(1)

        self.incremental = QRadioButton(self.tr("Changes since the last package to them"), self)
        self.full = QRadioButton(self.tr("Everything they may receive (full)"), self)
        self.incremental.setChecked(True)
        mode = QButtonGroup(self)
        mode.addButton(self.incremental)
        mode.addButton(self.full)
        self.full.toggled.connect(self._choice_changed)
        self.include_roads = QCheckBox(self.tr("Include the road network"), self)
        self.include_roads.toggled.connect(self._choice_changed)
        self.respect_aor = QCheckBox(self.tr("Only features inside each recipient's area of responsibility"), self)
        self.respect_aor.toggled.connect(self._choice_changed)
        self.valid_days = QSpinBox(self)
        self.valid_days.setRange(1, 365)
        self.valid_days.setValue(30)
        self.valid_days.setSuffix(" " + self.tr("days"))
        self.valid_days.valueChanged.connect(self._choice_changed)
        options = QGroupBox(self.tr("Package"), self)
        form = QFormLayout(options)
        form.addRow(self.incremental)
        form.addRow(self.full)
        form.addRow(self.include_roads)
        form.addRow(self.respect_aor)
        form.addRow(self.tr("Valid for"), self.valid_days)
        top = QHBoxLayout()
        top.addWidget(chosen_box, 1)
        top.addWidget(options, 1)

        self.summary = QLabel(self.tr("Choose the recipients, then Preview: you see what would go to each of them "
                                      "before anything is written."), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("export_preview")
        self.tree.setHeaderLabels([self.tr(c) for c in PREVIEW_COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        stretch_first_column(self.tree.header(), len(PREVIEW_COLUMNS))

        self.buttons = QDialogButtonBox(self)
        self.preview_button = self.buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setToolTip(self.tr("Compute what each recipient would receive (writes nothing)"))
        self.save_button = self.buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip(self.tr("Sign, encrypt to the recipients and write the package (.hopx)"))
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
                item.setText(label + "  — " + self.tr("key revoked: cannot receive"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        if not self.recipients.count():
            item = QListWidgetItem(self.tr("No partners yet: add them in Sharing ▸ Partners and keys."),
                                   self.recipients)
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
            self.summary.setText(self.tr("The choices changed: Preview again before saving."))
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
        self._say(self.tr("Computing what each recipient would receive…"))

        def done(preview: ExportPreview) -> None:
            self.preview, self._previewed = preview, choice
            self.show_preview(preview)
            self._worker_done()

        def failed(message: str) -> None:
            self._say(self.tr("No preview: {reason}").format(reason=message), ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say(self.tr("Preview cancelled: nothing was written."))
            self._worker_done()

        self.worker = run_with_progress(self, self.tr("Preparing the preview"),
                                        lambda fb: tasks.preview(path, choice, fb),
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
                                   format_count(totals["exact"]), self._generalised_text(totals),
                                   format_count(totals["tombstones"]), format_count(withheld)])
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
                row = QTreeWidgetItem(top, [self.titles.get(layer, layer), format_count(entry["exact"]),
                                            self._generalised_text(entry), format_count(entry["tombstones"]),
                                            format_count(layer_withheld)])
                row.setData(0, Qt.ItemDataRole.UserRole, layer)
                for code, n in sorted(entry["withheld"].items(), key=lambda kv: -kv[1]):
                    reason = QTreeWidgetItem(row, [self.tr("{n} withheld: {reason}").format(
                        n=format_count(n), reason=withheld_sentence(code))])
                    reason.setData(0, Qt.ItemDataRole.UserRole, code)
                    reason.setToolTip(0, self.tr("reason code: {code}").format(code=code))
                    reason.setForeground(0, QBrush(_WITHHELD))
                    reason.setFirstColumnSpanned(True)
                if entry["generalised"]:
                    note = QTreeWidgetItem(row, [SendPackageDialog.tr(
                        "{n} go with generalised locations (as %Ln area(s)): their marking asks for it for recipients "
                        "not named in “releasable to”.", "", entry["generalised_features"]).format(
                        n=format_count(entry["generalised"]))])
                    note.setForeground(0, QBrush(_GENERALISED))
                    note.setFirstColumnSpanned(True)
            if not layers:
                QTreeWidgetItem(top, [self.tr("nothing new for this recipient")]).setFirstColumnSpanned(True)
        self.tree.expandAll()
        package = preview.package
        n_features = sum(v["features"] for v in package.values())
        n_deleted = sum(v["tombstones"] for v in package.values())
        n_areas = sum(v["generalised"] for v in package.values())
        features = SendPackageDialog.tr("%Ln feature(s)", "", n_features)
        if n_areas:
            features += " " + SendPackageDialog.tr("(%Ln of them generalised areas)", "", n_areas)
        deletions = SendPackageDialog.tr("%Ln deletion(s)", "", n_deleted)
        if preview.mode == "full":
            sentence = self.tr("Full package to {recipients}: {features} and {deletions} would go.")
        else:
            sentence = self.tr("Incremental package to {recipients}: {features} and {deletions} would go.")
        self._say(sentence.format(recipients=", ".join(preview.recipients), features=features, deletions=deletions)
                  + " " + self.tr("Nothing has been written yet: check what goes to whom, then Save as…"))

    @staticmethod
    def _generalised_text(counts: dict[str, Any]) -> str:
        if not counts["generalised"]:
            return format_count(0)
        return f"{format_count(counts['generalised'])} → {format_count(counts['generalised_features'])}"

    # --- writing --------------------------------------------------------------------------------------
    def save_as(self) -> None:
        if not self.save_button.isEnabled():
            return
        choice = self._previewed
        assert choice is not None
        suggested = folder_beside(self.workspace_path) / f"to-{'-'.join(choice.recipients)}.hopx"
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save package"), str(suggested),
                                             self.tr("Exchange package (*.hopx)"))
        if not out:
            return
        target = Path(out if out.endswith(".hopx") else out + ".hopx")
        if is_workspace_itself(self.workspace_path, target):
            self._say(self.tr("That is the workspace itself: choose another name."), ERROR_STYLE)
            return
        # The save dialog asked before replacing an existing file; a name we completed was not asked about.
        overwrite = target.exists() and str(target) == out
        # the keys kept unlocked (Sharing ▸ Keep keys unlocked…) sign without a prompt
        kept = self.keys.identity(self.workspace_path) if self.keys is not None else None
        if kept is not None:
            key = tasks.KeyToUnlock(identity=kept)
        else:
            passphrase = ask_passphrase(self, self.tr("Sign the package"),
                                        self.tr("The package to {recipients} is signed with your organisation's "
                                                "key.").format(recipients=", ".join(choice.recipients)))
            if passphrase is None:
                self._say(self.tr("Not written: no passphrase given."))
                return
            key = tasks.KeyToUnlock(passphrase=passphrase)
            del passphrase  # the worker's KeyToUnlock drops it once used
        path = self.workspace_path
        self._say(self.tr("Writing {file}…").format(file=target.name))

        def keep() -> None:
            if self.keys is None:
                return
            if key.identity is None:
                self.keys.lock()  # our keys changed since they were kept: nobody holds the old ones
            elif kept is None:
                self.keys.keep(self.workspace_path, key.identity)

        def done(result: ExportResult) -> None:
            keep()
            self.result = result
            self.show_result(result)
            self.exported.emit(result)
            self._worker_done()

        def failed(message: str) -> None:
            keep()
            self._say(self.tr("Nothing was written: {reason}").format(reason=message), ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            keep()
            self._say(self.tr("Cancelled: nothing was written."))
            self._worker_done()

        self.worker = run_with_progress(
            self, self.tr("Writing the package"),
            lambda fb: tasks.export(path, choice, target, key, overwrite, fb),
            on_success=done, on_error=failed, on_cancel=cancelled, feedback_factory=self.feedback_factory)
        self._update_buttons()

    def show_result(self, result: ExportResult) -> None:
        self.show_preview(result.preview)  # what was actually written (the data may have moved since)
        n_features = sum(v["features"] for v in result.layers.values())
        n_deleted = sum(v["tombstones"] for v in result.layers.values())
        layers = ", ".join(f"{self.titles.get(k, k).lower()} {format_count(v['features'])}"
                           for k, v in sorted(result.layers.items()))
        features = SendPackageDialog.tr("%Ln feature(s)", "", n_features) + (f" ({layers})" if layers else "")
        self._say(SendPackageDialog.tr("Written {path} (%Ln byte(s)): package {package}, sequence {sequence}, to "
                                       "{recipients}; {features}, {deletions}.", "", result.bytes).format(
            path=result.path, package=result.package_id, sequence=result.sequence,
            recipients=", ".join(result.recipients), features=features,
            deletions=SendPackageDialog.tr("%Ln deletion(s)", "", n_deleted))
            + " " + self.tr("Give the file to the recipients: only they can open it."), OK_STYLE)
