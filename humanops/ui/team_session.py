"""What the main window does differently on a team database, kept out of main_window.py.

* :func:`attach_team_session` / :func:`detach_team_session`: on open, a
  :class:`~humanops.ui.team_database.TeamChangeListener` hears other sessions' commits and the
  map, table and form redraw what they changed. An action or dock whose engine could not run on a
  database would be greyed (or swapped for a placeholder) with the reason in its tooltip and status
  tip; none is today (:func:`unported_actions`, :data:`PORTED_DOCKS`).
* :func:`ask_if_stale`: before a form's or the marking panel's Apply, whether someone else
  changed the feature since the panel was filled; then the :class:`StaleEditDialog` shows their
  version beside the user's edit and nothing is written until the user chooses. (On a GeoPackage
  the same question covers QGIS's or a script's edits.)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel

from humanops.errors import HumanOpsError
from humanops.model.feature import Feature
from humanops.model.marking import Marking
from humanops.store.workspace import WorkspaceChange
from humanops.ui.team_database import TeamChangeListener, is_team_workspace, unavailable_on_team_database

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from humanops.ui.main_window import MainWindow

LISTENER = "team_listener"  # the window attribute holding the listener
_GREYED = "_team_greyed"  # (action, its tooltip before) greyed for a team database
_SWAPPED = "_team_swapped"  # (dock, its panel, the placeholder shown instead)
# Docks whose panels work on a team database; the others show a placeholder saying why not
PORTED_DOCKS = frozenset({"layers", "feature", "marking", "time", "attributes", "problems", "alerts", "conflicts",
                          "dashboard", "injects", "results"})


class TeamSession(QObject):
    """The translation context of this module's texts (a class for the plural forms: lupdate marks a
    plural only in a class's ``tr``; never instantiated)."""


def unported_actions(window: MainWindow) -> list[QAction]:
    """The actions whose engine still reads a GeoPackage file. None left: Import, Export, Export map,
    the Analysis, Sharing and Exercise menus open the database by its URL on their workers' own
    connections, as the CLI's commands do (``-w postgresql://…``)."""
    return []


def attach_team_session(window: MainWindow, workspace: Any) -> None:
    detach_team_session(window)
    if not is_team_workspace(workspace):
        return
    greyed = []
    note = unavailable_on_team_database()
    for action in unported_actions(window):
        greyed.append((action, action.toolTip(), action.statusTip()))
        action.setEnabled(False)
        action.setToolTip(note)
        action.setStatusTip(note)
    setattr(window, _GREYED, greyed)
    swapped = []
    for name, dock in window.docks.items():
        if name not in PORTED_DOCKS:
            placeholder = QLabel(note, dock)
            placeholder.setObjectName(f"team_unavailable_{name}")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setWordWrap(True)
            swapped.append((dock, dock.widget(), placeholder))
            dock.setWidget(placeholder)
    setattr(window, _SWAPPED, swapped)
    listener = TeamChangeListener(workspace.url, workspace.connection.info.backend_pid,
                                  partial(deliver_changes, window), window)
    setattr(window, LISTENER, listener)
    listener.start()


def detach_team_session(window: MainWindow) -> None:
    listener: TeamChangeListener | None = getattr(window, LISTENER, None)
    if listener is not None:
        listener.stop()
        listener.deleteLater()
        setattr(window, LISTENER, None)
    for action, tip, status in getattr(window, _GREYED, []):
        action.setToolTip(tip)
        action.setStatusTip(status)
    setattr(window, _GREYED, [])
    for dock, panel, placeholder in getattr(window, _SWAPPED, []):
        dock.setWidget(panel)
        panel.show()
        placeholder.deleteLater()
    setattr(window, _SWAPPED, [])


def deliver_changes(window: MainWindow, gathered: dict[str, set[str] | None],
                    notes: Sequence[tuple[str, str, tuple[str, ...]]] = ()) -> None:
    """Others' commits, gathered: the features they named go to the workspace's subscribers (the
    map re-reads those, the table and a clean form follow); a layer changed in bulk is re-read.
    ``notes`` (layer, op, uuids), e.g. a proposal, go to the subscribers with their op (the
    conflicts and proposals panel follows them); the features themselves did not change."""
    workspace = window.workspace
    if workspace is None or not is_team_workspace(workspace):
        return
    layers = set(workspace.layers())
    for layer, op, uuids in notes:
        if layer in layers:
            workspace.announce(WorkspaceChange(layer, uuids, op))
    whole = {layer for layer, uuids in gathered.items() if uuids is None and layer in layers}
    count = 0
    for layer, uuids in gathered.items():
        if uuids is not None and layer in layers:
            workspace.announce(WorkspaceChange(layer, tuple(sorted(uuids)), "update"))
            count += len(uuids)
    if whole:
        window.refresh_layers(whole, reread_map=True)  # which has the Problems watch check them
    elif count:
        window.problems_watch.others_committed()  # what they wrote is checked as QGIS's edits are
    if count or whole:
        window.statusBar().showMessage(TeamSession.tr("Others changed %n feature(s) in the team database: shown.", "",
                                                      count) if count else
                                       QCoreApplication.translate(
                                           "TeamSession", "Others changed the team database: the layers are re-read."),
                                       6000)


# --- stale edits ------------------------------------------------------------------------------------
def ask_if_stale(window: MainWindow, layer: str, uuid: str, *, properties: dict[str, Any] | None = None,
                 marking: Marking | None = None) -> bool:
    """True when someone else changed the feature since the panel was filled: the dialog is open
    (nothing written); False to go on with the edit."""
    workspace = window.workspace
    panel: Any = window.marking_panel if marking is not None else window.feature_panel
    started: Feature | None = getattr(panel, "_feature", None)
    if workspace is None or started is None or started.uuid != uuid or started.kind != layer:
        return False
    try:
        theirs = workspace.find_feature(layer, uuid)
    except HumanOpsError:
        return False
    if not _changed_by_others(started, theirs, marking is not None):
        return False
    _ask(window, layer, started, theirs, properties, marking)
    return True


def _changed_by_others(started: Feature, theirs: Feature | None, marking: bool) -> bool:
    """Whether ``theirs`` differs from ``started`` in what this panel edits (a new version made by
    the window's other panel, e.g. the marking while the form holds edits, is not a conflict)."""
    if theirs is None:
        return True
    if theirs.version == started.version:
        return False
    if marking:
        return theirs.marking != started.marking
    return theirs.properties != started.properties or not theirs.geometry.equals(started.geometry)


def _ask(window: MainWindow, layer: str, started: Feature, theirs: Feature | None,
         properties: dict[str, Any] | None, marking: Marking | None) -> None:
    from humanops.ui.dialogs.stale_edit_dialog import StaleEditDialog

    assert window.workspace is not None
    dialog = StaleEditDialog(window.workspace.kind(layer), started, theirs, properties=properties, marking=marking,
                             parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.decided.connect(partial(_decided, window, layer, started.uuid, theirs, properties, marking))
    window.stale_dialog = dialog  # type: ignore[attr-defined]  # tests reach it here
    dialog.finished.connect(lambda _result: setattr(window, "stale_dialog", None))
    dialog.open()
    window.statusBar().showMessage(QCoreApplication.translate(
        "TeamSession", "Someone else changed this feature meanwhile: nothing was written."), 10000)


def _decided(window: MainWindow, layer: str, uuid: str, shown: Feature | None, properties: dict[str, Any] | None,
             marking: Marking | None, choice: str) -> None:
    from humanops.ui.dialogs.stale_edit_dialog import KEEP_THEIRS

    workspace = window.workspace
    if workspace is None:
        return
    panel: Any = window.marking_panel if marking is not None else window.feature_panel
    current = workspace.find_feature(layer, uuid)
    if choice == KEEP_THEIRS or current is None:
        kind = workspace.kind(layer) if current is not None else None
        for each in (window.feature_panel, window.marking_panel):
            if each is panel or not each.is_dirty():
                each.set_feature(current, kind)
        window.statusBar().showMessage(QCoreApplication.translate(
            "TeamSession", "Kept their version; your changes were dropped."), 8000)
        return
    if shown is not None and current.version != shown.version:  # changed yet again while the dialog was open
        _ask(window, layer, shown, current, properties, marking)
        return
    # Re-apply: a new edit on their version, through the usual path (authority, undo)
    # made on their version as the dialog showed it: changed yet again meanwhile, the write refuses it
    if marking is not None:
        if window.editing.update_marking(layer, uuid, marking, seen=current,
                                         on_stale=lambda: ask_if_stale(window, layer, uuid, marking=marking)):
            window._show_stored(layer, uuid, window.marking_panel)
    elif properties and window.editing.update_fields(
            layer, uuid, properties, seen=current,
            on_stale=lambda: ask_if_stale(window, layer, uuid, properties=properties)):
        window._show_stored(layer, uuid, window.feature_panel)
