"""Exercise dialogs: *File › New exercise…* (an exercise copied from the open workspace) and the
scenario clock's settings (*Exercise › Scenario clock…*, or the clock in the status bar).

:class:`NewExerciseDialog` asks the name, the controlling organisation (from the partner
directory), the scenario time at T+0 (default: the workspace's own clock) and the new file, and runs
:func:`humanops.scenario.exercise.create_exercise` (what ``humanops exercise init`` runs) on a worker;
then it offers to open the exercise, which the window does as File › Open does (the new one opened
first, then swapped in). An exercise is not made from another exercise
(:func:`humanops.scenario.exercise.refuse_exercise_source` says why): the dialog says so at once.

:class:`ClockDialog` sets the scenario time, the speed-up and running/paused in one write
(:func:`humanops.scenario.exercise.set_clock`, as ``humanops exercise clock --start --speed
--pause|--resume``): a one-row write, made on the GUI thread as the clock's Pause button does.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui.date_time_edits import MomentEdit, to_the_minute
from humanops.ui.dialogs.product_dialog import ERROR_STYLE, ProductDialog
from humanops.ui.workers import FeedbackFactory

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.model.exercise import ExerciseInfo
    from humanops.scenario.exercise import ClockState
    from humanops.store.workspace import Workspace

MOMENT_FORMAT = "yyyy-MM-dd HH:mm 'UTC'"
MIN_SPEED = 0.01  # slower than a hundredth of real time is a typo, as faster than MAX_SPEED is


def make_exercise(source: Path | str, target: Path, name: str, controller: str, start: datetime,
                  feedback: Feedback) -> ExerciseInfo:
    """In the worker thread: the copy opens its own connections (never the window's)."""
    from humanops.scenario.exercise import create_exercise

    feedback.progress(0.05, "copying the workspace")
    info = create_exercise(source, target, name=name, controller=controller, start=start)
    feedback.progress(1.0, "")
    return info


class NewExerciseDialog(ProductDialog):
    """``created(path)`` once the exercise is written; ``openRequested(path)`` on *Open the exercise*.
    The file row, the message, the worker and its ending are :class:`ProductDialog`'s; what a new
    exercise may be written to (never over a file) is its own (:meth:`problem`)."""

    created = Signal(str)
    openRequested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *,
                 feedback_factory: FeedbackFactory | None = None) -> None:
        from humanops.model.clock import workspace_now
        from humanops.model.exercise import exercise_info

        # a team database's workspace is copied from its URL (create_exercise copies it into the file)
        source_url: str | None = getattr(workspace, "url", None)
        source = Path(workspace.path) if source_url is None else Path.home() / (workspace.organisation or "team")
        super().__init__(source, parent, feedback_factory=feedback_factory)
        self.setObjectName("new_exercise_dialog")
        self.setWindowTitle(self.tr("New exercise"))
        self.source_url, self.source = source_url, source
        self._writing_to: Path | None = None
        self.source_exercise = exercise_info(workspace)
        self.source_is_file = self.source_url is not None or self._is_file(self.source)

        intro = self.intro_label(self.tr("A copy of this workspace flagged as an exercise: “EXERCISE — name” on the "
                                         "map, the title bar and everything made from it; it never exchanges packages "
                                         "with real workspaces, and runs on its own scenario clock, paused at T+0 "
                                         "until you start it. This workspace is only read."))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("exercise_name")
        self.name_edit.setPlaceholderText(self.tr("e.g. Kavera Flood 2026 (the same name for every participant)"))
        self.controller = QComboBox(self)
        self.controller.setObjectName("exercise_controller")
        self._fill_controllers(workspace)
        self.start = MomentEdit(self, display_format=MOMENT_FORMAT)
        self.start.setObjectName("exercise_start")
        self.start.set_moment(to_the_minute(workspace_now(workspace)))
        self.start.setToolTip(self.tr("The scenario time at T+0 (default: this workspace's own clock)"))
        file_row = self.file_row("exercise_file", self.tr("the new exercise workspace (.gpkg)"), save_as=True)
        suggested = self.source.with_name(f"{self.source.stem}-exercise.gpkg")
        if not suggested.exists():
            self.file_edit.setText(str(suggested))

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Controller"), self.controller)
        form.addRow(self.tr("Starts at (T+0)"), self.start)
        form.addRow(self.tr("File"), file_row)
        self.message_label("new_exercise_message")

        self.action_buttons(self.tr("Create"), "create_exercise")
        self.create_button = self.write_button
        self.open_button = self.buttons.addButton(self.tr("Open the exercise"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("open_exercise")
        self.open_button.setToolTip(self.tr("Open the new exercise in this window (this workspace closes)"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_made)
        for signal in (self.name_edit.textChanged, self.file_edit.textChanged):
            signal.connect(self._choice_changed)

        self.lay_out(intro, form)
        self.resize(620, 360)
        self._update_buttons()

    @property
    def made(self) -> Path | None:
        """The exercise written (None until one is)."""
        return self._writing_to if self.result is not None else None

    @staticmethod
    def _is_file(path: Path) -> bool:
        from humanops.store.workspace_files import is_workspace_file

        try:
            return is_workspace_file(path)
        except (OSError, HumanOpsError):
            return False

    def _fill_controllers(self, workspace: Workspace) -> None:
        """Our organisation first (the default, as for ``exercise init``), then the directory's partners."""
        from humanops.sharing.directory_store import list_partners

        try:
            partners = list_partners(workspace)
        except HumanOpsError:
            partners = []
        ours = workspace.organisation
        own = next((p for p in partners if p["self"] or p["org_id"] == ours), None)
        label = f"{own['acronym'] or own['org_id']} — {own['name']} ({own['org_id']})" if own else ours
        if ours or own:
            self.controller.addItem(self.tr("{org} (us)").format(org=label), own["org_id"] if own else ours)
        for partner in partners:
            if partner is own or partner["org_id"] == ours:
                continue
            short = partner["acronym"] or partner["org_id"]
            self.controller.addItem(f"{short} — {partner['name']} ({partner['org_id']})", partner["org_id"])

    # --- choices --------------------------------------------------------------------------------------
    def suffixes(self) -> tuple[str, ...]:
        return (".gpkg",)

    def no_file_text(self) -> str:
        return self.tr("Choose where to write the exercise.")

    def browse(self) -> None:
        start = self.file_edit.text().strip() or str(self.source.with_name(f"{self.source.stem}-exercise.gpkg"))
        # no "replace?" question: an exercise is always a new file (the problem line says so)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write the exercise to"), start,
                                              self.tr("GeoPackage workspace (*.gpkg)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.file_edit.setText(path if path.lower().endswith(".gpkg") else path + ".gpkg")

    def target(self) -> Path | None:  # type: ignore[override]
        text = self.file_edit.text().strip()
        return Path(text).expanduser() if text else None

    def problem(self) -> str | None:
        """Why Create cannot run now (None: it can)."""
        from humanops.model.exercise import check_name

        if self.source_exercise is not None:
            return self.tr("This workspace is the exercise “{name}”: an exercise is made from a real workspace or the "
                           "demo, never from another exercise (its audit log, alerts and played injects would come "
                           "along and be counted in the new exercise's report). Open the workspace it was made "
                           "from.").format(name=self.source_exercise.name)
        if not self.source_is_file:
            return self.tr("An exercise is copied from a workspace file (GeoPackage): copy a team database to a "
                           "file first (humanops copy).")
        name = self.name_edit.text()
        if not name.strip():
            return self.tr("Give the exercise a name.")
        try:
            check_name(name)
        except HumanOpsError:
            return self.tr("The name must be 1 to 80 printable characters on one line.")
        target = self.target()
        if target is None:
            return self.no_file_text()
        if not target.name.lower().endswith(self.suffixes()):
            return self.tr("A workspace file must end in .gpkg.")
        if self.source_url is None and target.resolve() == self.source.resolve():
            return self.tr("That is the workspace itself: choose another file.")
        if target.exists():
            return self.tr("{file} exists already: an exercise is written to a new file.").format(file=target.name)
        return self.folder_problem(target)

    def _problem(self) -> str | None:
        return self.problem()

    def _choice_changed(self, *_args: object) -> None:
        # once made, the dialog says so until closed: nothing typed then is asked for
        if self.worker is None and self.made is None:
            self._update_buttons()

    def _update_buttons(self) -> None:
        problem = self.problem()
        self.create_button.setEnabled(problem is None and self.worker is None and self.made is None)
        if self.worker is None and self.made is None:
            typed = bool(self.name_edit.text().strip()) or self.source_exercise is not None or not self.source_is_file
            self._say(problem or "", ERROR_STYLE if problem and typed else "")

    # --- making it ------------------------------------------------------------------------------------
    def start_writing(self) -> None:
        if self.worker is not None or self.problem() is not None:
            return
        target = self.target()
        assert target is not None
        name, controller = self.name_edit.text().strip(), str(self.controller.currentData() or "")
        start, source = self.start.moment(), self.source_url or self.source
        self._writing_to = target

        def written(info: ExerciseInfo) -> str:
            return self.tr("Made {file}: {banner}, controller {controller}. Its scenario clock is paused at T+0: "
                           "open it and press Resume (or Exercise › Scenario clock…) to start.").format(
                file=str(target), banner=QCoreApplication.translate("ExerciseBanner", "EXERCISE — {name}").format(
                    name=info.name), controller=info.controller)

        def offer_to_open(_info: ExerciseInfo) -> None:
            self.open_button.setVisible(True)
            self.open_button.setDefault(True)
            self.open_button.setFocus()
            self.created.emit(str(target))

        self.write_in_worker(self.tr("Making the exercise"),
                             lambda feedback: make_exercise(source, target, name, controller, start, feedback),
                             written=written, not_written=self.tr("No exercise was made: {reason}"),
                             cancelled=self.tr("Cancelled: no exercise was made."), then=offer_to_open)

    start_creating = start_writing

    def open_made(self) -> None:
        if self.made is None:
            return
        path = str(self.made)
        self.accept()
        self.openRequested.emit(path)


def show_new_exercise_dialog(window: Any) -> NewExerciseDialog | None:
    """File › New exercise…: the dialog over the open workspace; its exercise opens in the window."""
    from PySide6.QtCore import Qt

    from humanops.ui.settings import add_recent_workspace

    if window.workspace is None:
        return None
    dialog = NewExerciseDialog(window.workspace, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.created.connect(lambda path: add_recent_workspace(window.settings, path))
    dialog.openRequested.connect(window.open_workspace)  # opened first, then swapped in (asks about unsaved work)
    dialog.open()
    window.new_exercise_dialog = dialog
    return dialog


# --- the scenario clock --------------------------------------------------------------------------------

class ClockDialog(QDialog):
    """Set the exercise's scenario time, speed-up and running/paused; ``changed(ClockState)`` once written."""

    changed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        from humanops.model.exercise import exercise_info
        from humanops.model.scenario_clock import MAX_SPEED, read_clock

        super().__init__(parent)
        self.setObjectName("clock_dialog")
        self.setWindowTitle(self.tr("Scenario clock"))
        self.workspace = workspace
        info = exercise_info(workspace)
        self.exercise_start = info.start if info is not None else None
        clock = read_clock(workspace)
        now = clock.now() if clock is not None else self.exercise_start
        self.was_paused = clock.paused if clock is not None else True

        self.summary = QLabel(self)
        self.summary.setObjectName("clock_summary")
        self.summary.setWordWrap(True)
        self.set_time = QCheckBox(self.tr("Set the scenario time to"), self)
        self.set_time.setObjectName("clock_set_time")
        self.time_edit = MomentEdit(self, display_format=MOMENT_FORMAT)
        self.time_edit.setObjectName("clock_time")
        if now is not None:
            self.time_edit.set_moment(to_the_minute(now))
        self.time_edit.setEnabled(False)
        self.set_time.toggled.connect(self.time_edit.setEnabled)
        to_start = QPushButton(self.tr("T+0"), self)
        to_start.setObjectName("clock_to_start")
        to_start.setToolTip(self.tr("Back to the exercise's start"))
        to_start.setEnabled(self.exercise_start is not None)
        to_start.clicked.connect(self.back_to_start)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_edit, 1)
        time_row.addWidget(to_start)
        self.speed = QDoubleSpinBox(self)
        self.speed.setObjectName("clock_speed")
        self.speed.setRange(MIN_SPEED, MAX_SPEED)
        self.speed.setDecimals(2)
        self.speed.setPrefix("×")
        self.speed.setValue(clock.speed if clock is not None else 1.0)
        self.speed.setToolTip(self.tr("Scenario seconds per wall-clock second: 1 is real time, 10 runs ten scenario "
                                      "minutes a minute"))
        self.running = QCheckBox(self.tr("Running (unchecked: paused)"), self)
        self.running.setObjectName("clock_running")
        self.running.setChecked(not self.was_paused)

        form = QFormLayout()
        form.addRow(self.set_time, time_row)
        form.addRow(self.tr("Speed-up"), self.speed)
        form.addRow("", self.running)
        self.message = QLabel(self)
        self.message.setObjectName("clock_message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show_summary(clock)

    def _show_summary(self, clock: Any) -> None:
        from humanops.ui.exercise_clock import elapsed_text
        from humanops.ui.locale_text import format_datetime

        if clock is None:
            self.summary.setText(self.tr("The scenario clock does not read: set the scenario time."))
            self.set_time.setChecked(True)
            return
        now = clock.now()
        state = self.tr("paused") if clock.paused else self.tr("running at ×{speed}").format(speed=f"{clock.speed:g}")
        self.summary.setText(self.tr("Now {elapsed} · {time}, {state}.").format(
            elapsed=elapsed_text(now, self.exercise_start), time=format_datetime(now), state=state))

    def back_to_start(self) -> None:
        if self.exercise_start is not None:
            self.set_time.setChecked(True)
            self.time_edit.set_moment(self.exercise_start)

    def apply(self) -> None:
        """Write what was chosen in one transaction; the dialog stays open with the reason if refused."""
        from humanops.scenario.exercise import set_clock

        running = self.running.isChecked()
        try:
            state: ClockState = set_clock(self.workspace, start=self.time_edit.moment() if self.set_time.isChecked()
                                          else None, speed=self.speed.value(),
                                          pause=not running and not self.was_paused,
                                          resume=running and self.was_paused)
        except HumanOpsError as exc:
            self.message.setText(self.tr("The clock was not changed: {reason}").format(reason=exc.message))
            self.message.setStyleSheet(ERROR_STYLE)
            return
        self.changed.emit(state)
        self.accept()


def show_clock_dialog(window: Any) -> ClockDialog | None:
    """Exercise › Scenario clock…: the dialog over the open exercise; the status-bar clock follows."""
    from PySide6.QtCore import Qt

    from humanops.model.exercise import is_exercise

    if window.workspace is None or not is_exercise(window.workspace):
        return None
    dialog = ClockDialog(window.workspace, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def changed(state: ClockState) -> None:
        window.exercise_clock.reread()
        window.statusBar().showMessage(ClockDialog.tr("Scenario clock set: {time}, {state}.").format(
            time=state.now.strftime("%Y-%m-%d %H:%M:%S UTC"),
            state=ClockDialog.tr("paused") if state.clock.paused else ClockDialog.tr("running at ×{speed}").format(
                speed=f"{state.clock.speed:g}")), 8000)

    dialog.changed.connect(changed)
    dialog.open()
    window.clock_dialog = dialog
    return dialog
