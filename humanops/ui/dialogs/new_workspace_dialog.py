"""The new-workspace form: where the file goes, our organisation, our keys (a passphrase typed
twice, with a strength hint) and the response's sharing protocol, if there is one.

Every field is checked when Create is pressed, each problem shown under its field; nothing is
written before that, and then all of it or nothing (``workspace_setup.create_workspace``, in a
worker with progress and Cancel).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.ui.settings import remember_workspace_folder, workspace_folder
from humanops.ui.workers import FeedbackFactory, WorkerDialog, run_with_progress
from humanops.ui.workspace_setup import (
    NewWorkspace,
    create_workspace,
    org_id_problem,
    passphrase_problem,
    protocol_problem,
    target_problem,
    with_workspace_suffix,
)

ERROR_STYLE = "color: #b00020;"
# the bar's colour for zxcvbn's scores 0..4
STRENGTH_COLOURS = ("#b00020", "#d84315", "#a66b00", "#2e7d32", "#1b5e20")
ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer input; a longer passphrase is strong anyway


def passphrase_strength(passphrase: str, user_inputs: list[str]) -> tuple[int, str]:
    """zxcvbn's score (0..4) and its warning, counting our own names as guessable words."""
    from zxcvbn import zxcvbn

    if not passphrase:
        return 0, ""
    result = zxcvbn(passphrase[:ZXCVBN_MAX_LENGTH], user_inputs=[u for u in user_inputs if u])
    return int(result["score"]), str(result["feedback"].get("warning") or "")


def grow_to_fit(dialog: QWidget) -> None:
    """Grow ``dialog`` to show every line of text that appeared in it: a wrapped label's extra
    lines are not in the layout's minimum size (Qt's height-for-width), so nothing else would."""
    layout = dialog.layout()
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class NewWorkspaceDialog(WorkerDialog):
    """``created(path)`` once the workspace is written (the dialog then closes)."""

    created = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_workspace_dialog")
        self.setWindowTitle(self.tr("New workspace"))
        self.settings = settings
        self.feedback_factory = feedback_factory
        self.created_path: Path | None = None
        self._folder = workspace_folder(settings)
        self._path_edited = False  # once the user chose a file, the organisation id no longer names it
        self.errors: dict[str, QLabel] = {}

        intro = QLabel(self.tr(
            "A workspace is one GeoPackage file holding your layers, partners and keys. It also opens in QGIS."),
            self)
        intro.setWordWrap(True)

        self.org_edit = QLineEdit(self)
        self.org_edit.setObjectName("org_id")
        self.org_edit.setPlaceholderText(self.tr("e.g. medaid"))
        self.org_edit.setToolTip(self.tr("The originator of every feature you draw: only an originator changes "
                                         "its features. Partners know you by it."))
        self.org_edit.textChanged.connect(self._org_changed)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("org_name")
        self.name_edit.setPlaceholderText(self.tr("e.g. MedAid Relief"))
        self.name_edit.textChanged.connect(lambda _: self._update_strength())
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("workspace_path")
        self.path_edit.textEdited.connect(lambda _: setattr(self, "_path_edited", True))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        organisation = QFormLayout()
        organisation.addRow(self.tr("Organisation id"), self._with_error("org_id", self.org_edit))
        organisation.addRow(self.tr("Organisation name"), self._with_error("name", self.name_edit))
        organisation.addRow(self.tr("Workspace file"), self._with_error("path", path_row))

        self.keys_box = QGroupBox(self.tr("Make our keys now (to sign and open packages)"), self)
        self.keys_box.setObjectName("keys_box")
        self.keys_box.setCheckable(True)
        self.keys_box.setChecked(True)
        self.keys_box.toggled.connect(lambda _: self._update_strength())
        self.passphrase_edit = QLineEdit(self.keys_box)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textChanged.connect(lambda _: self._update_strength())
        self.repeat_edit = QLineEdit(self.keys_box)
        self.repeat_edit.setObjectName("passphrase_again")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar(self.keys_box)
        self.strength_bar.setRange(0, 5)  # score + 1: even a very weak one shows a sliver
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setFixedHeight(8)
        self.strength_label = QLabel(self.keys_box)
        self.strength_label.setObjectName("passphrase_strength")
        self.strength_label.setWordWrap(True)
        keys_note = QLabel(self.tr(
            "The private keys stay in the workspace, encrypted with this passphrase. Whoever holds both can sign "
            "in your organisation's name; without the passphrase nobody, you included, can send or open "
            "packages. It is never stored."), self.keys_box)
        keys_note.setWordWrap(True)
        keys_note.setStyleSheet("color: palette(placeholder-text);")
        keys_form = QFormLayout(self.keys_box)
        keys_form.addRow(keys_note)
        keys_form.addRow(self.tr("Passphrase"), self.passphrase_edit)
        keys_form.addRow(self.tr("Passphrase again"), self._with_error("passphrase", self.repeat_edit))
        keys_form.addRow(self.tr("Strength"), self._strength_row())

        self.protocol_edit = QLineEdit(self)
        self.protocol_edit.setObjectName("protocol_file")
        self.protocol_edit.setPlaceholderText(self.tr("optional: the response's information sharing protocol (.toml)"))
        protocol_browse = QPushButton(self.tr("Browse…"), self)
        protocol_browse.setAutoDefault(False)
        protocol_browse.clicked.connect(self.browse_protocol)
        protocol_row = QHBoxLayout()
        protocol_row.addWidget(self.protocol_edit, 1)
        protocol_row.addWidget(protocol_browse)
        sharing = QFormLayout()
        sharing.addRow(self.tr("Sharing protocol"), self._with_error("protocol", protocol_row))

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(self.tr("Create workspace"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("create_workspace")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(organisation)
        layout.addWidget(self.keys_box)
        layout.addLayout(sharing)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        self._org_changed("")
        self._update_strength()

    # --- layout helpers --------------------------------------------------------------------------------
    def _with_error(self, key: str, field: QWidget | QHBoxLayout) -> QWidget:
        """The field with its problem underneath (hidden while there is none)."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(field, QHBoxLayout):
            column.addLayout(field)
        else:
            column.addWidget(field)
        error = QLabel(box)
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.setVisible(False)
        column.addWidget(error)
        self.errors[key] = error
        return box

    def _strength_row(self) -> QWidget:
        box = QWidget(self.keys_box)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.strength_bar)
        column.addWidget(self.strength_label)
        return box

    # --- reactions -------------------------------------------------------------------------------------
    def _org_changed(self, text: str) -> None:
        self._show_error("org_id", None)
        if not self._path_edited:  # the file is named after the organisation until the user names it
            self.path_edit.setText(str(self._folder / f"{text.strip() or 'workspace'}.gpkg"))
        self._update_strength()

    def _update_strength(self) -> None:
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self.strength_bar.setValue(0)
            self.strength_label.setText(self.tr("Use several words or a long sentence: length beats symbols."))
            self.strength_label.setStyleSheet("")
            return
        score, warning = passphrase_strength(passphrase, [self.org_edit.text(), self.name_edit.text()])
        words = (self.tr("very weak"), self.tr("weak"), self.tr("fair"), self.tr("good"), self.tr("strong"))[score]
        colour = STRENGTH_COLOURS[score]
        self.strength_bar.setValue(score + 1)
        self.strength_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        text = self.tr("Strength: {0}.").format(words)
        if warning:
            text += " " + warning
        elif score < 3:
            text += " " + self.tr("Add more words to make it harder to guess.")
        self.strength_label.setText(text)
        self.strength_label.setStyleSheet(f"color: {colour};")
        grow_to_fit(self)

    def _show_error(self, key: str, message: str | None) -> None:
        label = self.errors[key]
        label.setText(message or "")
        label.setVisible(bool(message))

    def browse_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New workspace"), self.path_edit.text(),
                                              self.tr("GeoPackage workspace (*.gpkg)"))
        if path:
            self._path_edited = True
            self.path_edit.setText(str(with_workspace_suffix(path)))

    def browse_protocol(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Information sharing protocol"),
                                              self.protocol_edit.text() or str(self._folder),
                                              self.tr("Sharing protocol (*.toml);;All files (*)"))
        if path:
            self.protocol_edit.setText(path)

    # --- creating --------------------------------------------------------------------------------------
    def request(self) -> NewWorkspace | None:
        """What the form says, or None with every problem shown under its field."""
        org = self.org_edit.text().strip()
        name = self.name_edit.text().strip()
        path_text = self.path_edit.text().strip()
        path = with_workspace_suffix(path_text) if path_text else None
        protocol_text = self.protocol_edit.text().strip()
        protocol = Path(protocol_text).expanduser() if protocol_text else None
        make_keys = self.keys_box.isChecked()
        problems = {
            "org_id": org_id_problem(org),
            "name": (self.tr("Your organisation's name goes on its contact card: it is needed with keys.")
                     if make_keys and not name else None),
            "path": target_problem(path) if path else self.tr("Choose where the workspace file goes."),
            "passphrase": (passphrase_problem(self.passphrase_edit.text(), self.repeat_edit.text())
                           if make_keys else None),
            "protocol": protocol_problem(protocol) if protocol else None,
        }
        for key, message in problems.items():
            self._show_error(key, message)
        grow_to_fit(self)
        first = next((key for key, message in problems.items() if message), None)
        if first is not None:
            self._focus(first)
            self._say(self.tr("Nothing was written: correct what is marked in red."), ERROR_STYLE)
            return None
        assert path is not None
        return NewWorkspace(path, org, name, self.passphrase_edit.text() if make_keys else None, protocol)

    def _focus(self, key: str) -> None:
        field = {"org_id": self.org_edit, "name": self.name_edit, "path": self.path_edit,
                 "passphrase": self.passphrase_edit, "protocol": self.protocol_edit}[key]
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.selectAll()

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
        grow_to_fit(self)

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(self.worker is None)

    def create(self) -> None:
        if self.worker is not None:
            return
        request = self.request()
        if request is None:
            return
        self._say(self.tr("Creating {0}…").format(request.path.name))
        for field in (self.passphrase_edit, self.repeat_edit):  # not kept on screen once the work has it
            field.clear()

        def done(path: Path) -> None:
            self.created_path = path
            remember_workspace_folder(self.settings, path)
            self._worker_done()
            self.created.emit(str(path))
            self.accept()

        def failed(message: str) -> None:
            self._say(self.tr("Nothing was written: {0}").format(message), ERROR_STYLE)
            self._worker_done()

        def cancelled() -> None:
            self._say(self.tr("Cancelled: nothing was written."))
            self._worker_done()

        self.worker = run_with_progress(self, self.tr("Creating the workspace"),
                                        lambda fb: create_workspace(request, fb),
                                        on_success=done, on_error=failed, on_cancel=cancelled,
                                        feedback_factory=self.feedback_factory)
        self._update_buttons()
