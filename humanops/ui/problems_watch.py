"""Edits made with other tools, followed while a workspace is open in the app.

QGIS or a script may write to the workspace file while the app has it open: the SQL triggers
version and log those edits, but nothing validated them. This watch

- checks every feature when the workspace opens (``validate_changes(ws, 0)``), and after that
  only the features changed since the last check (the change log's seq), in a worker with a
  Workspace of its own (a connection is not shared between threads);
- polls the file's ``data_version`` every two seconds: when another connection committed, the
  window re-reads the map and panels and the changes are checked (F5 does the same at once);
  on a team database the session's change listener hears others' commits instead
  (:func:`humanops.ui.team_session.deliver_changes` calls :meth:`ProblemsWatch.others_committed`),
  and the worker opens the database's URL (``store.open_target``);
- re-checks a listed feature when the app itself changes it (the user fixing it in the form),
  so a fixed feature leaves the list and a feature that is still wrong stays.

The app's own workers (imports, packages) also commit through another connection; the window
re-reads after them by itself (``refresh_layers(reread_map=True)``, which calls :meth:`reread`),
so the poll waits while a worker runs and then finds the version already seen: no second re-read.
Such a worker validated every feature it wrote, and hands the change-log seqs its transaction
wrote to :meth:`ProblemsWatch.validated_by_app` (:mod:`humanops.store.own_writes`): the next check
counts them as checked when they follow on from the last check without a gap, and skips them
otherwise while checking everything else (another tool's edits before, between or after them).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QInputDialog

from humanops.errors import HumanOpsError
from humanops.feedback import Feedback
from humanops.model.marking import TLP
from humanops.store.own_writes import SeqRange, covered_until, ranges_after
from humanops.store.target_reads import workspace_target
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.panels.problems_panel import Problem, count_features, features_need_fixing
from humanops.ui.workers import Worker, running_workers

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange
    from humanops.ui.main_window import MainWindow

log = logging.getLogger(__name__)

POLL_MS = 2000  # how often the file's data_version is read (one PRAGMA: nothing is read from disk)
RECHECK_DELAY_MS = 300  # an edit in the app, then its re-check: several quick edits make one check
PROGRESS_DELAY_MS = 400  # a progress bar only for a check that takes longer: quick ones do not flicker
# Columns that are not fields of the kind, named as the form and the marking panel name them
# (translated where shown, context "ProblemsWatch").
_OTHER_COLUMNS = {"geometry": QT_TRANSLATE_NOOP("ProblemsWatch", "Geometry"), "tlp": "TLP",
                  "releasable_to": QT_TRANSLATE_NOOP("ProblemsWatch", "Releasable to"),
                  "caveats": QT_TRANSLATE_NOOP("ProblemsWatch", "Caveats"),
                  "expires": QT_TRANSLATE_NOOP("ProblemsWatch", "Expires"),
                  "precision": QT_TRANSLATE_NOOP("ProblemsWatch", "Precision"),
                  "created": QT_TRANSLATE_NOOP("ProblemsWatch", "Created"),
                  "modified": QT_TRANSLATE_NOOP("ProblemsWatch", "Modified")}


@dataclass
class CheckOutcome:
    problems: list[Problem]
    rechecked: dict[str, set[str]] | None  # uuids per layer that were checked; None: every feature
    last_seq: int  # the last change the check covers: the next one starts after it
    # (layer, uuid) of ``rechecked``, made by the worker: 100,000 after an import, too many to
    # gather on the GUI thread within a frame
    checked: frozenset[tuple[str, str]] | None = None


def check_other_tool_edits(path: str | Path, since_seq: int, feedback: Feedback, *,
                           skip: Sequence[SeqRange] = ()) -> CheckOutcome:
    """In the worker thread, through a Workspace of its own: the features changed after change
    ``since_seq`` (all from 0) checked against their kind, worded for the Problems panel.
    ``skip``: seq ranges the app's own workers wrote and validated: not checked again, yet their
    features count as checked (their listed problems go: a new, valid version replaced them)."""
    from humanops.store.checks import validate_changes
    from humanops.store.open_target import open_any

    with open_any(path) as workspace:  # a file or a team database
        # Read before validating: a commit in between is checked again next time, never missed.
        rechecked = workspace.changed_since(since_seq) if since_seq else None
        report, last_seq = validate_changes(workspace, since_seq, feedback, skip=skip)
        problems = _worded(workspace, report.problems)
    checked = None if rechecked is None else frozenset(
        (layer, uuid) for layer, uuids in rechecked.items() for uuid in uuids)
    return CheckOutcome(problems, rechecked, last_seq, checked)


def _worded(workspace: Workspace, found: list[dict[str, Any]]) -> list[Problem]:
    """Layer titles, feature names (a short uuid for a feature without one), field titles, in the
    UI's language (this runs in the worker: QCoreApplication.translate is thread-safe)."""
    lang = current_language()
    by_layer: dict[str, set[str]] = {}
    for p in found:
        if p["layer"] in workspace.catalog and p["feature"]:
            by_layer.setdefault(p["layer"], set()).add(str(p["feature"]))
    names: dict[tuple[str, str], str] = {}
    for layer, uuids in by_layer.items():
        if "name" in workspace.kind(layer).field_names:
            rows = workspace.rows(layer, ["uuid", "name"], uuids=sorted(uuids), geometry=False)
            names.update({(layer, uuid): str(name) for uuid, name in rows.values if name})
    problems = []
    for p in found:
        layer, uuid, field = p["layer"], p["feature"], p["field"]
        kind = workspace.kind(layer) if layer in workspace.catalog else None
        spec = next((f for f in kind.fields if f.name == field), None) if kind is not None and field else None
        if spec is not None:
            title = spec.label_in(lang)
        elif field in _OTHER_COLUMNS:
            title = QCoreApplication.translate("ProblemsWatch", _OTHER_COLUMNS[field])
        else:
            title = field or ""
        uuid = str(uuid) if uuid else None
        label = names.get((layer, uuid)) or (f"{uuid[:8]}…" if uuid else
                                             QCoreApplication.translate("ProblemsWatch", "(whole layer)"))
        layer_title = kind.title_in(lang) if kind is not None else (
            layer or QCoreApplication.translate("ProblemsWatch", "(file)"))
        problems.append(Problem(layer=layer, layer_title=layer_title,
                                uuid=uuid, feature=label, field=field, field_title=title or "—",
                                reason=str(p["reason"])))
    return problems


def merged(current: list[Problem], outcome: CheckOutcome) -> list[Problem]:
    """The list after a check: the checked features' old problems are replaced by what the check
    found (none if they are valid now or deleted); the others' are kept."""
    if outcome.rechecked is None:
        return list(outcome.problems)
    checked = outcome.checked if outcome.checked is not None else frozenset(
        (layer, uuid) for layer, uuids in outcome.rechecked.items() for uuid in uuids)
    found = {p.key for p in outcome.problems}
    layers = set(outcome.rechecked)
    kept = [p for p in current if p.key not in checked and p.key not in found
            and not (p.uuid is None and p.layer in layers)]
    return kept + list(outcome.problems)


class ProblemsWatch(QObject):
    """Keeps the window's Problems panel current (see the module's docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.problems_panel
        self.dock = window.docks["problems"]
        self.last_seq: int | None = None  # None until a check of every feature has finished
        self.worker: Worker | None = None
        self._seen_version: int | None = None
        self._again = False  # a check was asked for while one ran
        # Change-log seq ranges (after, last] the app's own workers wrote, every feature validated
        # before it was written: not checked again (validated_by_app).
        self._validated: list[SeqRange] = []
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.poll)
        self._recheck = QTimer(self, singleShot=True, interval=RECHECK_DELAY_MS)
        self._recheck.timeout.connect(self.check)
        self._progress = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._progress.timeout.connect(lambda: self.panel.show_checking(True))
        window.workspace_signals.changed.connect(self._app_changed)
        self.panel.featureChosen.connect(self.show_feature)
        self.panel.fixRequested.connect(self.fix_value)
        self.panel.refreshRequested.connect(self.refresh)
        self.panel.cancelRequested.connect(self.cancel)
        self._set_title()

    # --- life cycle ----------------------------------------------------------------------------------
    def attach(self, workspace: Workspace) -> None:
        """A workspace was opened: check every feature, then follow the file."""
        self.detach()
        self.panel.set_workspace_open(True)
        self.check()
        if hasattr(workspace, "data_version"):  # a file; a team database's listener calls others_committed
            self._seen_version = workspace.data_version()
            self._poll.start()

    def detach(self) -> None:
        self._poll.stop()
        self._recheck.stop()
        self._progress.stop()
        if self.worker is not None:
            self.worker.cancel()  # close_workspace waits for it; its late signals are ignored
            self.worker = None
        self.last_seq = None
        self._seen_version = None
        self._again = False
        self._validated = []
        self.panel.set_workspace_open(False)
        self._set_title()

    # --- refreshing ------------------------------------------------------------------------------------
    def poll(self) -> None:
        """Has another connection committed since we last looked? Then refresh."""
        workspace = self.window.workspace
        if workspace is None:
            return
        if running_workers():
            # One of the app's workers may be committing: it re-reads when done (reread()), and a
            # look after that finds the version seen. A check of ours running: look next time.
            return
        try:
            version = workspace.data_version()
        except HumanOpsError:  # closed meanwhile
            return
        if version != self._seen_version:
            self.refresh()

    def refresh(self) -> None:
        """View ▸ Refresh (F5), and the poll: re-read the map and panels, check the changes."""
        if self.window.workspace is None:
            return
        self.window.refresh_layers(None, reread_map=True)  # which calls reread()
        self.window.statusBar().showMessage(self.tr("Re-read the workspace for changes made in other tools."), 4000)

    def reread(self) -> None:
        """The window re-read the map for writes through another connection (ours or another
        tool's): that version of the file is seen, and what changed is checked."""
        workspace = self.window.workspace
        if workspace is None:
            return
        if hasattr(workspace, "data_version"):  # a file (a team database has no such version)
            self._seen_version = workspace.data_version()
        self.check()

    def others_committed(self) -> None:
        """Others' commits to the open team database were heard (and shown): check what changed."""
        if self.window.workspace is not None:
            self.check()

    def validated_by_app(self, ranges: Sequence[SeqRange]) -> None:
        """An import or a received package of ours committed: ``ranges`` are the change-log seqs
        its transaction wrote (only its own: see :mod:`humanops.store.own_writes`), each feature
        validated before it was written. Call before the window re-reads (:meth:`reread`)."""
        if self.window.workspace is not None:
            self._validated = ranges_after(self.last_seq or 0, [*self._validated, *ranges])

    def _app_changed(self, change: WorkspaceChange) -> None:
        """The app changed features (a form's Apply, undo): re-check those that are listed."""
        if change.op == "proposal" or not self.panel.problem_count():
            return
        listed = {p.key for p in self.panel.problems()}
        if change.op == "bulk" or any((change.layer, uuid) in listed for uuid in change.uuids):
            self._recheck.start()

    # --- the check -------------------------------------------------------------------------------------
    def check(self) -> None:
        """Check the features changed since the last check (every feature the first time)."""
        workspace = self.window.workspace
        if workspace is None:
            return
        if self.worker is not None:
            self._again = True  # after the running one, from where it ends
            return
        skip: list[SeqRange] = []
        if self.last_seq is not None:  # before the first check of every feature, nothing is skipped
            skip = self._validated = ranges_after(self.last_seq, self._validated)
            covered = covered_until(self.last_seq, skip)
            if covered > self.last_seq and not self.panel.problem_count():
                # Our own validated writes follow on from the last check: checked. (With problems
                # listed, the worker still finds which of them those writes replaced.)
                self.last_seq = covered
                skip = self._validated = ranges_after(covered, skip)
                try:
                    if workspace.last_change_seq() <= covered:
                        return  # nothing else changed: no check to run
                except HumanOpsError:  # closed meanwhile
                    return
        since = self.last_seq or 0
        path = workspace_target(workspace)
        run = partial(check_other_tool_edits, path, since, skip=tuple(skip)) if skip else partial(
            check_other_tool_edits, path, since)
        worker = Worker(run, title=self.tr("Checking edits made in other tools"))
        worker.progressed.connect(self.panel.show_progress)
        # partial(…, worker): a late signal from a worker that is no longer ours is ignored
        worker.succeeded.connect(partial(self._checked, worker))
        worker.failed.connect(partial(self._failed, worker))
        worker.cancelled.connect(partial(self._cancelled, worker))
        self.worker = worker
        self.panel.progress.setValue(0)
        self._progress.start()
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _checked(self, worker: Worker, outcome: CheckOutcome) -> None:
        if worker is not self.worker:
            return
        before = {p.key for p in self.panel.problems()}
        problems = merged(self.panel.problems(), outcome)
        first = self.last_seq is None
        self.last_seq = outcome.last_seq
        self._validated = ranges_after(outcome.last_seq, self._validated)
        self._finish()
        self.panel.set_problems(problems)
        self._set_title()
        new = {p.key for p in problems} - before
        if new or (first and problems):
            # New problems need attention: show them; a refresh that finds nothing new stays quiet.
            self.dock.show()
            self.dock.raise_()
            self.window.statusBar().showMessage(self.tr("{problems}: see the Problems panel.").format(
                problems=features_need_fixing(count_features(problems))), 15000)
        elif before and not problems:
            self.window.statusBar().showMessage(self.tr("No problems left: every feature is valid for its kind."), 8000)

    def _failed(self, worker: Worker, message: str) -> None:
        if worker is not self.worker:
            return
        self._finish()
        self.panel.show_message(self.tr("Could not check the features edited in other tools: {reason}").format(
            reason=message))

    def _cancelled(self, worker: Worker) -> None:
        if worker is not self.worker:
            return
        self._again = False  # the user asked to stop: not straight away again
        self._finish()
        self.panel.show_message(self.tr("Check cancelled: features edited in other tools were not all checked. "
                                        "Refresh (F5) checks them."))

    def _finish(self) -> None:
        self.worker = None
        self._progress.stop()
        self.panel.show_checking(False)
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.check)

    def _set_title(self) -> None:
        count = self.panel.problem_count()
        self.dock.setWindowTitle(self.tr("Problems ({n})").format(n=format_count(count)) if count else
                                 self.tr("Problems"))

    # --- fixing a value the form cannot open ------------------------------------------------------------
    def fix_value(self, layer: str, uuid: str, field: str) -> None:
        """Ask for a valid value of ``field`` (a list where the kind has one) and write it as a new
        version (Workspace.repair_value); a refusal is said and nothing changes."""
        workspace = self.window.workspace
        if workspace is None or layer not in workspace.layers():
            return
        if not hasattr(workspace, "repair_value"):  # a team database: the repair is not ported to it yet
            from humanops.ui.team_database import unavailable_on_team_database

            self.window.show_error(unavailable_on_team_database(), title=self.tr("Cannot fix this value"))
            return
        kind = workspace.kind(layer)
        spec = next((f for f in kind.fields if f.name == field), None)
        title = spec.label_in(current_language()) if spec is not None and spec.title else field
        choices: list[str] | None = None  # the values as stored (the kind's names)
        if field == "tlp":
            choices = [t.value for t in TLP]
        elif spec is not None and spec.type == "enum":
            choices = list(spec.values)
        elif spec is not None and spec.type == "boolean":
            choices = ["yes", "no"]
        prompt = self.tr("A valid value of “{field}” for this feature (the unreadable value stays in its "
                         "history):").format(field=title)
        if choices is not None:
            value, ok = QInputDialog.getItem(self.window, self.tr("Fix value"), prompt, choices, 0, False)
        else:
            hint = {"datetime": "2026-12-31T12:00:00Z", "date": "2026-12-31", "integer": self.tr("a whole number"),
                    "real": self.tr("a number")}.get(spec.type if spec is not None else "datetime", "")
            value, ok = QInputDialog.getText(self.window, self.tr("Fix value"), f"{prompt}\n{hint}".rstrip())
        if not ok:
            return
        try:
            workspace.repair_value(layer, uuid, field, value)
        except HumanOpsError as exc:
            self.window.show_error(exc.message, title=self.tr("Cannot fix this value"))
            return
        self.window.statusBar().showMessage(self.tr("{field} fixed: a new version of the feature.").format(
            field=title), 8000)

    # --- showing a feature -----------------------------------------------------------------------------
    def show_feature(self, layer: str, uuid: str) -> None:
        """Double-click or Enter on a problem: select the feature, show it in the form, zoom to it."""
        workspace = self.window.workspace
        if workspace is None or layer not in workspace.layers():
            return
        # The stored row, not a Feature: a value another tool wrote may not make a Feature at all.
        found = workspace.rows(layer, ["uuid"], uuids=[uuid])
        if not len(found):
            self.window.statusBar().showMessage(self.tr("That feature is no longer in the workspace (deleted in "
                                                        "another tool?): Refresh (F5) updates the list."), 10000)
            return
        self.window.show_feature(layer, uuid)
        geometry = found.geometries[0] if found.geometries is not None else None
        if geometry is not None and not geometry.is_empty:
            self.window.canvas.zoom_to_extent(*geometry.bounds)
