"""The controller's inject panel: the exercise's injects with due time and state, Play/Pause of the
scenario clock, and Skip / Play now for the next inject.

While the clock runs, injects that fall due are played (:class:`humanops.scenario.inject_player.InjectPlayer`)
on a worker with a workspace connection of its own, never on the GUI thread; the list follows the
record the player keeps in the workspace, so what ``humanops exercise run`` played shows here too.
Packages go to the participants the last ``exercise run --to`` named (their folders or exercise
workspaces), else to the controller's outbox folder. The controller's and the participants' exercise
workspaces may be GeoPackages or team databases (the worker opens either by its target).

Keys, as Send and Receive handle them (:mod:`humanops.ui.sharing.unlocked_keys`): the controller's
keys sign the packages: the ones kept unlocked (Sharing ▸ Keep keys unlocked…) are used without a
prompt, otherwise the passphrase is asked once and the keys unlocked are kept for the session (and
in the kept keys when that option is on). A package imported into a participant's exercise
workspace is opened with that participant's keys: its passphrase is asked the first time that
participant needs it (the prompt names the organisation and the file), and its keys stay unlocked
in memory for the session. All of them are held as unlocked identities, never as passphrases, and
dropped when the workspace closes and on every lock of the kept keys (Sharing ▸ Lock keys, or the
kept minutes running out).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.store.target_reads import workspace_target
from humanops.ui.extensions import panel

if TYPE_CHECKING:
    from humanops.scenario.injects import InjectTimeline
    from humanops.store.workspace import Workspace
    from humanops.ui.workers import Worker

TICK_MS = 1000
STATE_WORDS = {"pending": QT_TRANSLATE_NOOP("InjectPanel", "pending"),
               "due": QT_TRANSLATE_NOOP("InjectPanel", "due"),
               "played": QT_TRANSLATE_NOOP("InjectPanel", "played"),
               "skipped": QT_TRANSLATE_NOOP("InjectPanel", "skipped")}


class InjectPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inject_panel")
        self.workspace: Workspace | None = None
        self.timeline: InjectTimeline | None = None
        # Unlocked keys held for the session (memory only; see the module docstring)
        self.identity: Any = None  # the controller's UnlockedIdentity
        self.participant_keys: dict[str, Any] = {}  # participant org -> its UnlockedIdentity
        self._keys_watched: Any = None
        self.worker: Worker | None = None
        self.auto = False  # playing what falls due while the clock runs
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Due"), self.tr("Inject"), self.tr("Kind"), self.tr("To"),
                                              self.tr("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.open_button = QPushButton(self.tr("Open injects…"), self)
        self.open_button.setObjectName("inject_open")
        self.open_button.clicked.connect(self.choose_file)
        self.play_button = QPushButton(self.tr("Play"), self)
        self.play_button.setObjectName("inject_play")
        self.play_button.setToolTip(self.tr("Run the scenario clock and play each inject as it falls due"))
        self.play_button.clicked.connect(self.toggle_play)
        self.skip_button = QPushButton(self.tr("Skip next"), self)
        self.skip_button.setObjectName("inject_skip")
        self.skip_button.clicked.connect(self.skip_next)
        self.now_button = QPushButton(self.tr("Play next now"), self)
        self.now_button.setObjectName("inject_play_now")
        self.now_button.clicked.connect(self.play_next_now)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.play_button, self.skip_button, self.now_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.set_workspace(None)

    # --- the workspace and its timeline -------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None) -> None:
        from humanops.model.exercise import is_exercise
        from humanops.scenario.inject_player import recorded_file

        self.workspace = workspace if workspace is not None and is_exercise(workspace) else None
        self.timeline, self.auto = None, False
        self.drop_keys()
        if self.workspace is None:
            self.timer.stop()
            self.status.setText(self.tr("Injects are played in an exercise workspace (humanops exercise init)."))
        else:
            file = recorded_file(self.workspace)
            if file and Path(file).is_file():
                self.load(file)
            else:
                self.status.setText(self.tr("Open the exercise's inject file (TOML)."))
            self.timer.start()
        self.refresh()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open injects"), "", self.tr("Inject files (*.toml)"))
        if path:
            self.load(path)

    def load(self, path: str | Path) -> bool:
        from humanops.scenario.inject_player import remember_file
        from humanops.scenario.injects import read_timeline

        if self.workspace is None:
            return False
        try:
            self.timeline = read_timeline(path)
            remember_file(self.workspace, path)
        except HumanOpsError as exc:
            self.status.setText(exc.message)
            return False
        self.status.setText(self.tr("{n} injects from {file}").format(n=len(self.timeline.injects),
                                                                      file=Path(path).name))
        self.refresh()
        return True

    def player(self, workspace: Workspace | None = None, identity: Any = None,
               participant_keys: dict[str, Any] | None = None) -> Any:
        import json

        from humanops.scenario.inject_player import RECORD_KEY, InjectPlayer, Participant
        from humanops.store.open_target import is_postgres_url

        workspace = workspace or self.workspace
        assert workspace is not None and self.timeline is not None
        try:
            named = json.loads(workspace.get_meta(RECORD_KEY) or "{}").get("participants", {})
        except ValueError:
            named = {}
        keys = participant_keys or {}
        # a participant's own keys (an UnlockedIdentity, which import_package takes as well as a passphrase)
        # a team database's URL is kept as text (a Path folds its "//"); it is checked when opened
        participants = [Participant(org, path if is_postgres_url(path) else Path(path), keys.get(org))
                        for org, path in named.items() if is_postgres_url(path) or Path(path).exists()]
        return InjectPlayer(workspace, self.timeline, participants=participants, identity=identity)

    # --- showing --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        busy = self.worker is not None
        ready = self.workspace is not None and self.timeline is not None
        for button in (self.skip_button, self.now_button, self.play_button):
            button.setEnabled(ready and not busy)
        self.open_button.setEnabled(self.workspace is not None)
        self.play_button.setText(self.tr("Pause") if self.auto else self.tr("Play"))
        if not ready:
            self.table.setRowCount(0)
            return
        try:
            states = self.player().states()
        except HumanOpsError as exc:
            self.status.setText(exc.message)
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(states))
        for row, state in enumerate(states):
            inject = state.inject
            cells = (inject.offset_text, inject.title or inject.id, inject.kind, ", ".join(inject.to) or "—",
                     self.tr(STATE_WORDS[state.state]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(inject.id)
                self.table.setItem(row, column, item)

    # --- acting ----------------------------------------------------------------------------------------
    def toggle_play(self) -> None:
        """Play: resume the scenario clock and play injects as they fall due; Pause: stop both."""
        from humanops.scenario.exercise import set_clock

        if self.workspace is None:
            return
        self.auto = not self.auto
        try:
            set_clock(self.workspace, pause=not self.auto, resume=self.auto)
        except HumanOpsError as exc:
            self.status.setText(exc.message)
            self.auto = False
        clock = getattr(self.window(), "exercise_clock", None)
        if clock is not None:
            clock.reread()
        self.refresh()
        self.tick()

    def tick(self) -> None:
        if not self.auto or self.worker is not None or self.timeline is None or self.workspace is None:
            return
        due = [s.inject.id for s in self.player().states() if s.state == "due"]
        if due:
            self.start_playing(due)

    def next_pending(self) -> str | None:
        pending = self.player().pending() if self.timeline is not None and self.workspace is not None else []
        return pending[0].id if pending else None

    def skip_next(self) -> None:
        inject_id = self.next_pending()
        if inject_id is None or self.timeline is None:
            return
        self.player().skip(self.timeline.get(inject_id))
        self.status.setText(self.tr("Skipped {inject}").format(inject=inject_id))
        self.refresh()

    def play_next_now(self) -> None:
        inject_id = self.next_pending()
        if inject_id is not None:
            self.start_playing([inject_id])

    # --- keys --------------------------------------------------------------------------------------------
    def drop_keys(self) -> None:
        """Forget every unlocked key the panel holds (workspace closed, keys locked)."""
        self.identity = None
        self.participant_keys = {}

    def _kept_keys(self) -> Any:
        """The window's kept keys (Sharing ▸ Keep keys unlocked…), watched so a lock drops ours too."""
        from humanops.ui.sharing.unlocked_keys import unlocked_keys

        keys = unlocked_keys(self)
        if keys is not None and keys is not self._keys_watched:
            keys.locked.connect(self.drop_keys)
            self._keys_watched = keys
        return keys

    def keys_needed(self, ids: list[str]) -> tuple[bool, list[tuple[str, str | Path]]]:
        """Whether playing ``ids`` signs packages (the controller's keys), and the participants whose
        exercise workspaces import one (org, path), in the order first needed."""
        assert self.timeline is not None
        player = self.player()
        signing, importing = False, []  # importing: (org, its file or database URL)
        for inject_id in ids:
            inject = self.timeline.get(inject_id)
            if not player.needs_identity(inject):
                continue
            signing = True
            # as the player sends: a package to its one participant, a zone or corridor to those named or all
            targets = [inject.to[0]] if inject.kind == "package" else list(inject.to) or sorted(player.participants)
            for org in targets:
                participant = player.participants.get(org)
                if participant is not None and not participant.is_folder and \
                        org not in [o for o, _ in importing]:
                    importing.append((org, participant.path))
        return signing, importing

    def _ask_keys(self, ids: list[str]) -> tuple[Any, dict[str, tuple[str | Path, str]]] | None:
        """The controller's key (an identity held or kept, else its passphrase) and the passphrases of
        the participants not yet unlocked; None if the user cancelled a prompt."""
        from humanops.ui.sharing.passphrase import ask_passphrase
        from humanops.ui.team_database import url_name

        signing, importing = self.keys_needed(ids)
        assert self.workspace is not None
        controller: Any = None
        if signing:
            kept = self._kept_keys()
            controller = self.identity or (kept.identity(self.workspace.path) if kept is not None else None)
            if controller is None:
                controller = ask_passphrase(self, self.tr("Play injects"),
                                            self.tr("The injects' packages are signed with your organisation's "
                                                    "keys."))
                if controller is None:
                    self.status.setText(self.tr("Not played: no passphrase given."))
                    return None
        asked: dict[str, tuple[str | Path, str]] = {}
        for org, path in importing:
            if org in self.participant_keys:
                continue
            secret = ask_passphrase(self, self.tr("Play injects"), self.tr(
                "The package for {org} is imported into its exercise workspace {file}, opened with {org}'s keys: "
                "type {org}'s passphrase (asked once for this session).").format(
                    org=org, file=path.name if isinstance(path, Path) else url_name(path)))
            if secret is None:
                self.status.setText(self.tr("Not played: no passphrase given for {org}.").format(org=org))
                return None
            asked[org] = (path, secret)
        return controller, asked

    def start_playing(self, ids: list[str]) -> None:
        from humanops.ui.workers import Worker

        if self.workspace is None or self.worker is not None:
            return
        keys = self._ask_keys(ids)
        if keys is None:
            self.auto = False
            self.refresh()
            return
        controller, asked = keys
        workspace_then, path, held = self.workspace, workspace_target(self.workspace), dict(self.participant_keys)
        unlocked: dict[str, Any] = {}  # filled on the worker, taken in when it ends (even after a failure)

        def play(feedback: Any) -> list[str]:
            from humanops.errors import SharingError
            from humanops.sharing.keys import unlock
            from humanops.store.open_target import open_any

            # every participant's keys first: a wrong passphrase then plays nothing
            for org, (their_path, secret) in asked.items():
                with open_any(their_path) as theirs:  # a file or a team database
                    try:
                        held[org] = unlock(theirs, secret)
                    except SharingError as exc:
                        raise SharingError(f"the keys of the participant {org!r} did not open: {exc.message}",
                                           file=str(theirs.path)) from None  # a database's URL without password
                unlocked[org] = held[org]
            # a connection of the worker's own: SQLite connections stay on the thread that made them
            with open_any(path) as workspace:
                player = self.player(workspace, controller, held)
                done = []
                for inject_id in ids:
                    feedback.check()
                    player.play(player.timeline.get(inject_id))
                    done.append(inject_id)
                if controller is not None:
                    unlocked[""] = player.identity()  # the controller's, unlocked by the first package
                return done

        def keep() -> None:
            """Hold what the worker unlocked; keep the controller's keys if the user chose so."""
            if self.workspace is not workspace_then:  # closed (or another opened) meanwhile: its keys go with it
                return
            self.participant_keys.update({org: i for org, i in unlocked.items() if org})
            identity = unlocked.get("")
            if identity is not None and self.workspace is not None:
                self.identity = identity
                kept = self._kept_keys()
                if kept is not None and isinstance(controller, str):
                    kept.keep(self.workspace.path, identity)

        self.worker = Worker(play, title=self.tr("Play injects"), parent=self)
        self.worker.succeeded.connect(lambda done: self.status.setText(
            self.tr("Played: {injects}").format(injects=", ".join(done))))
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(keep)
        self.worker.finished.connect(self._finished)
        self.refresh()
        self.worker.start()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.auto = False  # a failing inject must not be retried every second

    def _finished(self) -> None:
        self.worker = None
        self.refresh()


@panel("injects", QT_TRANSLATE_NOOP("extensions", "Injects"), area="right", visible=False)
def inject_panel(window: Any) -> QWidget:
    widget = InjectPanel(window)
    window.workspaceOpened.connect(lambda _path: widget.set_workspace(window.workspace))
    window.workspaceClosed.connect(lambda: widget.set_workspace(None))
    return widget
