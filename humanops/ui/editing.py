"""Drawing and editing: from a finished drawing to a stored feature, from the form and the
marking editor to a new version, and deletions — each one an undoable command that goes
through the Workspace API, so it is committed (and safe from a crash) the moment it is made.

Authority (DESIGN.md, "the second rule"): only a feature's originator — or an editor it
named — changes its fields or geometry or deletes it. Before such an edit of a feature we may
not change, the user is asked (:data:`PROPOSAL_QUESTION`, Propose / Cancel) whether to send it
to the originator as a proposal instead; Propose keeps it as an undoable
:class:`~humanops.ui.undo_commands.ProposeChange`. A marking is set through
``marking_ops.set_marking`` (on a partner's feature only ever stricter, kept for what we pass
on); its refusal is shown in the marking panel (``markingRefused``).

Never a silent overwrite (issue 14): each edit carries what the user saw (the form's or the marking
panel's feature, the shape on the map, the versions the map drew) down to the write, which refuses
it in its own transaction if someone else changed the feature meanwhile
(:class:`~humanops.ui.undo_commands.StaleEditRefused`). A refused vertex edit, delete, undo or redo
opens the comparison dialog (:class:`~humanops.ui.dialogs.stale_edit_dialog.StaleEditDialog`):
keep theirs, or re-apply mine on their version; the form's and marking panel's Apply hand the
refusal to the window's own dialog (``on_stale``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from humanops.errors import HumanOpsError
from humanops.ui.dialogs.new_feature_dialog import NewFeatureDialog
from humanops.ui.i18n import current_language
from humanops.ui.panels.marking_editor import partner_parties
from humanops.ui.undo_commands import (
    AddFeature,
    DeleteFeature,
    MoveVertices,
    ProposeChange,
    RefusedStep,
    StaleEditRefused,
    UpdateFeature,
    push_edit,
)

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from humanops.model.feature import Feature
    from humanops.model.marking import Marking
    from humanops.store.workspace import Workspace

# Object names of the question asked before an edit becomes a proposal, and of its buttons
# (tests answer it with a real click).
PROPOSAL_QUESTION = "proposal_question"
PROPOSE_BUTTON = "propose_button"
CANCEL_BUTTON = "cancel_button"

log = logging.getLogger(__name__)


def feature_label(workspace: Workspace | None, layer: str, uuid: str, name: str | None = None) -> str:
    """How a feature is named in a sentence: its kind and its name, "danger zone 'Shelling
    north'" (the first characters of its uuid when it has no name). ``name`` when known (a
    deleted feature's), else read from the workspace."""
    kind = layer
    if workspace is not None and layer in workspace.catalog:
        kind = workspace.kind(layer).singular_in(current_language())
        if name is None:
            try:
                feature = workspace.find_feature(layer, uuid)
            except HumanOpsError:  # unreadable values another tool wrote: the uuid names it
                feature = None
            name = feature.properties.get("name") if feature is not None else None
    if name:
        return QCoreApplication.translate("EditingController", "{kind} '{name}'").format(kind=kind, name=name)
    return QCoreApplication.translate("EditingController", "{kind} {id}").format(kind=kind, id=uuid[:8])


def shape_changed_meanwhile(seen: BaseGeometry, stored: Feature | None) -> bool:
    """Whether the stored feature's shape is no longer the one the user edited on the map (it was
    deleted, or reshaped by someone else). A change of its fields or marking is not: a vertex edit
    writes only the geometry, so theirs are kept."""
    import shapely

    if stored is None:
        return True
    return not bool(shapely.equals_exact(stored.geometry, seen, tolerance=1e-9))


def organisation_label(workspace: Workspace | None, org_id: str) -> str:
    """How an organisation is called in a sentence: its acronym from the partner directory
    (OCHA), else its name there, else its id."""
    if workspace is None or not org_id:
        return org_id
    try:
        from humanops.sharing.directory_store import load_directory

        org = load_directory(workspace).organisations.get(org_id)
    # A label in a sentence, asked by panels, tooltips and the editing controller: a partner
    # directory that cannot be read (any backend, any damage) must not block them; the id will
    # do and the log keeps the cause.
    except Exception:  # fails closed to the id, logged
        log.warning("cannot read the partner directory to name %s", org_id, exc_info=True)
        return org_id
    return (org.acronym or org.name or org_id) if org is not None else org_id


class EditingController(QObject):
    """Owned by the main window; ``message`` is shown in the status bar, ``error`` in a box,
    ``markingRefused(layer, uuid, reason)`` in the marking panel; ``proposed(layer, uuid)``
    after a change was kept as our proposal (the feature itself is unchanged)."""

    message = Signal(str)
    error = Signal(str)
    featureAdded = Signal(str, str)  # layer, uuid
    markingRefused = Signal(str, str, str)  # layer, uuid, reason
    proposed = Signal(str, str)  # layer, uuid
    proposalCancelled = Signal(str, str)  # layer, uuid: the user chose not to propose

    def __init__(self, canvas: Any, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.undo_stack = undo_stack
        self.workspace: Workspace | None = None
        self.drawing_layer: str | None = None
        self.new_feature_dialog: NewFeatureDialog | None = None
        self.proposal_question: QMessageBox | None = None
        self.stale_dialog: QWidget | None = None  # a vertex edit on a shape someone else replaced
        # (layer, uuid) → the version this window's last write of it left: the map may lag behind it
        self._own_versions: dict[tuple[str, str], int] = {}
        canvas.geometryDrawn.connect(self.on_geometry_drawn)

    def now(self) -> datetime:
        """The workspace's clock (its scenario time, if it has one), else the wall clock."""
        from humanops.model.clock import workspace_now

        return workspace_now(self.workspace) if self.workspace is not None else datetime.now(UTC)

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.discard_new_feature()
        self.discard_proposal_question()
        self.workspace = workspace
        self.drawing_layer = None
        self._own_versions = {}

    # --- drawing ----------------------------------------------------------------------------
    def begin_drawing(self, layer: str) -> None:
        """Put the canvas in the drawing tool for ``layer``'s geometry."""
        if self.workspace is None:
            return
        from humanops.ui.canvas import map_tools

        kind = self.workspace.kind(layer)
        if kind.geometry == "LineString":
            width = kind.field(kind.style.buffer_field).default if kind.style.buffer_field else None
            # A corridor shows its band at the kind's default width while it is drawn.
            tool = map_tools.DrawLineTool(self.canvas, layer, width_m=float(width) if width else None)
        elif kind.geometry == "MultiPolygon":
            tool = map_tools.DrawPolygonTool(self.canvas, layer)
        else:
            tool = map_tools.DrawPointTool(self.canvas, layer)
        self.drawing_layer = layer
        self.canvas.set_map_tool(tool)
        hint = {"MultiPolygon": self.tr("click the corners, double-click to close the area"),
                "LineString": self.tr("click along the route, double-click to finish"),
                "Point": self.tr("click where it is")}[kind.geometry]
        self.message.emit(self.tr("New {kind}: {hint}; Esc cancels, Backspace removes the last point.").format(
            kind=kind.singular_in(current_language()), hint=hint))

    def has_unfinished_drawing(self) -> bool:
        return bool(self.canvas.map_tool().is_drawing())

    def cancel_drawing(self) -> bool:
        """Esc: drop the drawing in progress (the tool stays, ready for a new one)."""
        if not self.has_unfinished_drawing():
            return False
        self.canvas.map_tool().cancel()
        self.canvas.update()
        self.message.emit(self.tr("Drawing cancelled."))
        return True

    def finish_drawing(self) -> bool:
        """Finish the drawing in progress as a double click would; False if too few points."""
        finish = getattr(self.canvas.map_tool(), "finish", None)
        return bool(finish()) if callable(finish) else False

    def on_geometry_drawn(self, layer: str, geometry: BaseGeometry) -> None:
        if self.workspace is None:
            return
        layer = layer if layer in self.workspace.catalog else (self.drawing_layer or layer)
        kind = self.workspace.kind(layer)
        self.discard_new_feature()
        dialog = NewFeatureDialog(kind, geometry, partner_parties(self.workspace), self.parent())
        dialog.setObjectName("new_feature_dialog")
        dialog.marking_editor.clock = self.now
        dialog.form.clock = self.now  # dates the user sets start at the workspace's clock
        self.new_feature_dialog = dialog
        dialog.submitted.connect(lambda: self._store_new_feature(dialog, layer))
        dialog.rejected.connect(lambda: self._new_feature_closed(dialog, stored=False))
        dialog.open()

    def _store_new_feature(self, dialog: NewFeatureDialog, layer: str) -> None:
        if self.workspace is None:
            return
        try:
            command = AddFeature(self.workspace, layer, dialog.geometry, dialog.properties(), dialog.marking(),
                                 on_error=self.error.emit, on_stale=self.stale_step)
            command.on_written = self._own_write
            push_edit(self.undo_stack, command)
        except HumanOpsError as exc:
            dialog.show_error(exc.message)
            return
        dialog.accept()
        self._new_feature_closed(dialog, stored=True)
        assert command.uuid is not None
        label = feature_label(self.workspace, layer, command.uuid, dialog.properties().get("name") or None)
        self.message.emit(self.tr("Added {feature} — saved.").format(feature=label))
        self.featureAdded.emit(layer, command.uuid)

    def _new_feature_closed(self, dialog: NewFeatureDialog, *, stored: bool) -> None:
        if self.new_feature_dialog is dialog:
            self.new_feature_dialog = None
            if not stored:
                self.message.emit(self.tr("New feature discarded."))
        dialog.deleteLater()

    def has_pending_new_feature(self) -> bool:
        return self.new_feature_dialog is not None and self.new_feature_dialog.isVisible()

    def submit_new_feature(self) -> bool:
        """Store the open new-feature dialog's feature (on close: Save); False if invalid."""
        dialog = self.new_feature_dialog
        if dialog is None:
            return True
        dialog._try_accept()
        return self.new_feature_dialog is None

    def discard_new_feature(self) -> None:
        dialog = self.new_feature_dialog
        if dialog is not None:
            self.new_feature_dialog = None
            dialog.reject()

    # --- editing stored features ------------------------------------------------------------------
    def _push(self, command_factory: Any, on_stale: Callable[[StaleEditRefused], Any] | None = None) -> bool:
        """Apply and stack a command; a refusal is the error box, or ``on_stale`` when the
        feature was changed by someone else since the user saw it."""
        try:
            command = command_factory()
            command.on_written = self._own_write
            push_edit(self.undo_stack, command)
        except StaleEditRefused as exc:
            if on_stale is None:
                self.error.emit(exc.message)
            else:
                on_stale(exc)
            return False
        except HumanOpsError as exc:
            self.error.emit(exc.message)
            return False
        return True

    def _name(self, layer: str, uuid: str) -> str:
        assert self.workspace is not None
        feature = self.workspace.find_feature(layer, uuid)
        return (feature.properties.get("name") if feature is not None else None) or uuid[:8]

    def _decision(self, layer: str, uuid: str, *, deleted: bool = False) -> Any:
        from humanops.sharing.proposals import local_edit_decision

        assert self.workspace is not None
        return local_edit_decision(self.workspace, layer, uuid, deleted=deleted)

    def authority(self, feature: Feature) -> tuple[str, bool]:
        """(a sentence for the feature panels, whether an edit of it becomes a proposal) for a
        stored feature: whose it is and what our edits of it do."""
        from humanops.sharing.proposals import held_state, list_proposals

        ws = self.workspace
        if ws is None:
            return "", False
        me = ws.organisation
        try:
            held = held_state(ws, feature.kind, feature.uuid)
            decision = self._decision(feature.kind, feature.uuid)
            waiting = [p for p in list_proposals(ws, layer=feature.kind) if p["uuid"] == feature.uuid]
        except HumanOpsError:
            return "", False
        owner = organisation_label(ws, held.originator)
        note = ""
        kind = self._single_kind(feature.kind)
        if held.originator and held.originator != me:
            if decision.action == "propose":
                note = self.tr("{owner}'s {kind}: only {owner} changes it. Your edits are sent to {owner} as "
                               "proposals; {owner} decides.").format(owner=owner, kind=kind)
            elif decision.allowed:
                note = self.tr("{owner}'s {kind}: {owner} named you an editor, so your edits are stored as new "
                               "versions (only {owner} deletes it or sets its marking).").format(owner=owner, kind=kind)
            else:
                note = self.tr("You cannot change it: {reason}.").format(reason=decision.reason)
        ours = [p for p in waiting if p["proposer"] == me]
        theirs = [p for p in waiting if p["proposer"] != me]
        if ours:
            note += " " + self.tr("Your proposal is waiting for {owner}'s decision (dashed on the map).").format(
                owner=owner)
        if theirs:
            who = ", ".join(sorted({organisation_label(ws, p["proposer"]) for p in theirs}))
            note += " " + self.tr("{who} proposed a change: decide it in the Conflicts and proposals panel.").format(
                who=who)
        return note.strip(), decision.action == "propose"

    def marking_note(self, feature: Feature) -> str:
        """For the marking panel: a partner's feature's marking may only be made stricter here."""
        ws = self.workspace
        if ws is None or not feature.originator or feature.originator == ws.organisation:
            return ""
        owner = organisation_label(ws, feature.originator)
        return self.tr("Received from {owner}: you may only make its marking stricter. The stricter marking governs "
                       "what you pass on; {owner}'s version is kept (no new version).").format(owner=owner)

    def _single_kind(self, layer: str) -> str:
        assert self.workspace is not None
        return self.workspace.kind(layer).singular_in(current_language())

    def update_fields(self, layer: str, uuid: str, changes: dict[str, Any], *, seen: Feature | None = None,
                      on_stale: Callable[[], Any] | None = None) -> bool:
        """Store changed fields as a new version; True if stored. For a feature we may not
        change, asks whether to propose them instead (False: nothing stored yet; ``proposed``
        follows if the user chose Propose). ``seen``: the feature as the form showed it; if
        someone else changed its fields or shape since, nothing is written and ``on_stale`` runs
        (the window's comparison dialog; without it, the status line says so)."""
        ws = self.workspace
        if ws is None or not changes:
            return False
        if not self._authorised(layer, uuid, lambda: ProposeChange(ws, layer, uuid, properties=changes,
                                                                   on_error=self.error.emit)):
            return False
        ok = self._push(lambda: UpdateFeature(ws, layer, uuid, properties=changes, seen=self._same(seen, layer, uuid),
                                              on_error=self.error.emit, on_stale=self.stale_step),
                        on_stale=lambda _exc: self._stale_refused(layer, uuid, on_stale))
        if ok:
            kind = ws.kind(layer)
            lang = current_language()
            fields = ", ".join(kind.field(n).label_in(lang) if n in kind.field_names else n for n in changes)
            self.message.emit(self.tr("Saved {fields} of {feature} as a new version.").format(
                fields=fields, feature=feature_label(ws, layer, uuid)))
        return ok

    def update_marking(self, layer: str, uuid: str, marking: Marking, *, seen: Feature | None = None,
                       on_stale: Callable[[], Any] | None = None) -> bool:
        """Set the marking through ``set_marking``; a refusal is ``markingRefused`` (the panel
        shows it) and the status line, never a change. ``seen``: the feature as the marking panel
        showed it; if someone else changed its marking since, nothing is written and ``on_stale``
        runs (the window's comparison dialog)."""
        ws = self.workspace
        if ws is None:
            return False
        label = feature_label(ws, layer, uuid)
        try:
            command = UpdateFeature(ws, layer, uuid, marking=marking, seen=self._same(seen, layer, uuid),
                                    on_error=self.error.emit, on_stale=self.stale_step)
            command.on_written = self._own_write
            push_edit(self.undo_stack, command)
        except StaleEditRefused:
            self._stale_refused(layer, uuid, on_stale)
            return False
        except HumanOpsError as exc:
            self.markingRefused.emit(layer, uuid, exc.reason)
            self.message.emit(self.tr("Marking of {feature} not changed: {reason}").format(
                feature=label, reason=exc.reason))
            return False
        outcome = command.marking_outcome
        level = f"TLP:{(outcome.marking if outcome is not None else marking).tlp.value}"
        if outcome is not None and outcome.unchanged:
            text = self.tr("Marking of {feature} unchanged ({level}).")
        elif outcome is not None and outcome.restricted:
            text = self.tr("Marking restricted on {feature}: {level} for what we pass on (its originator's version "
                           "is kept).")
        else:
            text = self.tr("Marking saved on {feature}: {level}.")
        self.message.emit(text.format(feature=label, level=level))
        return True

    @staticmethod
    def _same(seen: Feature | None, layer: str, uuid: str) -> Feature | None:
        """``seen`` if it is this feature (a panel may show another by now), else None."""
        return seen if seen is not None and (seen.kind, seen.uuid) == (layer, uuid) else None

    def _stale_refused(self, layer: str, uuid: str, on_stale: Callable[[], Any] | None) -> None:
        self.message.emit(self.tr("Someone else changed {feature} meanwhile: nothing was written.").format(
            feature=feature_label(self.workspace, layer, uuid)))
        if on_stale is not None:
            on_stale()

    def marking_refusal(self, layer: str, uuid: str, marking: Marking) -> str | None:
        """Why ``marking`` may not be set on the feature (the protocol's floors, stricter-only
        on a partner's feature), or None: asked by the marking panel as the user edits."""
        from humanops.sharing.marking_ops import check_marking

        if self.workspace is None:
            return None
        try:
            check_marking(self.workspace, layer, uuid, marking)
        except HumanOpsError as exc:
            return exc.reason
        return None

    def move_vertices(self, layer: str, uuid: str, geometry: BaseGeometry) -> bool:
        """Store a reshaped geometry (the vertex tool's). If someone else changed the shape since the
        map showed it (another session on a team database, QGIS on the file), nothing is written:
        the comparison dialog a stale Apply opens shows their version beside the user's, who
        chooses (:meth:`_ask_stale_shape`)."""
        ws = self.workspace
        if ws is None:
            return False
        seen = getattr(self.canvas.map_tool(), "edited_from", None)
        try:
            current = ws.find_feature(layer, uuid)
        except HumanOpsError:
            current = None  # unreadable values another tool wrote: the edit below says so
        else:
            if seen is not None and shape_changed_meanwhile(seen, current):
                self._drop_vertex_preview()
                self._ask_stale_shape(layer, uuid, seen, current, geometry)
                return False
        from dataclasses import replace

        # the write compares the stored shape with the one the user edited again, in its transaction
        started = replace(current, geometry=seen) if seen is not None and current is not None else None
        return self._store_shape(layer, uuid, geometry, started)

    def _store_shape(self, layer: str, uuid: str, geometry: BaseGeometry, seen: Feature | None) -> bool:
        ws = self.workspace
        assert ws is not None
        if not self._authorised(layer, uuid, lambda: ProposeChange(ws, layer, uuid, geometry=geometry,
                                                                   on_error=self.error.emit)):
            self._drop_vertex_preview()
            return False

        def reshaped_meanwhile(exc: StaleEditRefused) -> None:  # lost the race after the check above
            assert seen is not None
            self._drop_vertex_preview()
            self._ask_stale_shape(layer, uuid, seen.geometry, exc.theirs, geometry)

        ok = self._push(lambda: MoveVertices(ws, layer, uuid, geometry, seen=seen, on_error=self.error.emit,
                                             on_stale=self.stale_step), on_stale=reshaped_meanwhile)
        if ok:
            self.message.emit(self.tr("Saved the new shape of {feature} as a new version (Ctrl+Z undoes it).").format(
                feature=feature_label(ws, layer, uuid)))
        else:
            self._drop_vertex_preview()
        return ok

    def _ask_stale_shape(self, layer: str, uuid: str, seen: BaseGeometry, theirs: Feature | None,
                         geometry: BaseGeometry) -> None:
        """The stale-edit dialog for a vertex edit made on a shape someone else has replaced:
        keep theirs (nothing written, the map re-read) or store mine on their version."""
        ws = self.workspace
        assert ws is not None
        started = self._shape_as_seen(layer, uuid, seen, theirs)
        self._open_stale_dialog(layer, started, theirs, lambda choice: self._stale_shape_decided(
            layer, uuid, theirs, geometry, choice), geometry=geometry)
        self.message.emit(self.tr("Someone else changed the shape of {feature} meanwhile: nothing was written.").format(
            feature=feature_label(ws, layer, uuid)))

    def _open_stale_dialog(self, layer: str, started: Feature, theirs: Feature | None,
                           decided: Callable[[str], None], **shown: Any) -> None:
        """The comparison dialog, window-modal, reached by tests as the window's ``stale_dialog``."""
        from humanops.ui.dialogs.stale_edit_dialog import StaleEditDialog

        assert self.workspace is not None
        parent = self.canvas.window()
        dialog = StaleEditDialog(self.workspace.kind(layer), started, theirs, parent=parent, **shown)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(decided)
        dialog.finished.connect(lambda _result: self._forget_stale_dialog(dialog))
        self.stale_dialog = dialog
        parent.stale_dialog = dialog  # type: ignore[attr-defined]  # where the form's stale dialog is reached too
        dialog.open()

    def _forget_stale_dialog(self, dialog: Any) -> None:
        if self.stale_dialog is dialog:
            self.stale_dialog = None
        parent = self.canvas.window()
        if getattr(parent, "stale_dialog", None) is dialog:
            parent.stale_dialog = None  # type: ignore[attr-defined]

    def _shape_as_seen(self, layer: str, uuid: str, seen: BaseGeometry, theirs: Feature | None) -> Feature:
        """The feature as the user saw it on the map: the version the map drew (from the history
        when it is there), with the shape the edit was made on."""
        from dataclasses import replace

        version = self._drawn_versions(layer, [uuid]).get(uuid)
        return replace(self._feature_at(layer, uuid, version, theirs, seen), geometry=seen)

    def _own_write(self, layer: str, uuid: str, version: int) -> None:
        self._own_versions[(layer, uuid)] = version

    def _drawn_versions(self, layer: str, uuids: list[str]) -> dict[str, int]:
        """The versions the user sees of these features: those the map drew (those it has read),
        or this window's own later write (an edit, an undo), which the map redraws a moment after."""
        snapshot = self.canvas.snapshot(layer)
        if snapshot is None or not snapshot.identity_known:
            return {}
        drawn = {}
        for uuid in uuids:
            row = snapshot.row_of.get(uuid)
            if row is not None and int(snapshot.versions[row]) >= 0:
                drawn[uuid] = max(int(snapshot.versions[row]), self._own_versions.get((layer, uuid), -1))
        return drawn

    def _feature_at(self, layer: str, uuid: str, version: int | None, theirs: Feature | None,
                    shape: BaseGeometry | None = None) -> Feature:
        """The feature as it was at ``version`` (from the history when it is there), for the
        "when you started" column; theirs with that version number, else a bare feature."""
        from dataclasses import replace

        ws = self.workspace
        assert ws is not None
        older = ([f for f in ws.history(layer, uuid) if f.version == version and not f.deleted]
                 if version is not None else [])
        base = older[-1] if older else theirs
        if base is None:  # deleted, and no history to say what it was
            from shapely.geometry import GeometryCollection

            from humanops.model.feature import Feature as FeatureType

            return FeatureType(kind=layer, geometry=shape if shape is not None else GeometryCollection(),
                               properties={}, marking=ws.default_marking(layer), uuid=uuid, version=version or 0)
        return replace(base, version=version if version is not None else base.version)

    def _stale_shape_decided(self, layer: str, uuid: str, shown: Feature | None, geometry: BaseGeometry,
                             choice: str) -> None:
        from humanops.ui.dialogs.stale_edit_dialog import KEEP_THEIRS

        ws = self.workspace
        if ws is None:
            return
        current = ws.find_feature(layer, uuid)
        if choice == KEEP_THEIRS or current is None or shown is None:
            self.canvas.refresh_layer(layer)  # the map shows their shape
            self.message.emit(self.tr("Kept their version; your changes were dropped."))
            return
        # on their shape as the dialog showed it: reshaped yet again meanwhile, the write refuses it
        self._store_shape(layer, uuid, geometry, shown)

    def _drop_vertex_preview(self) -> None:
        """The vertex tool shows the moved vertices until the new version arrives: none will."""
        drop = getattr(self.canvas.map_tool(), "drop_preview", None)
        if callable(drop):
            drop()

    def delete(self, selection: dict[str, set[str]]) -> int:
        """Delete the selected features (one undo step for all of them). Features we may not
        delete are proposed for deletion to their originators, after asking (then nothing is
        deleted until the answer, and the count returned is 0)."""
        ws = self.workspace
        items = {layer: uuids for layer, uuids in selection.items() if uuids}
        if ws is None or not items:
            return 0
        allowed: dict[str, list[str]] = {}
        proposals: list[tuple[str, str]] = []
        refused: list[str] = []
        for layer, uuids in items.items():
            for uuid in sorted(uuids):
                decision = self._decision(layer, uuid, deleted=True)
                if decision.allowed:
                    allowed.setdefault(layer, []).append(uuid)
                elif decision.action == "propose":
                    proposals.append((layer, uuid))
                else:
                    refused.append(f"{self._single_kind(layer)} {self._name(layer, uuid)}: {decision.reason}")
        if refused:
            self.error.emit(self.tr("Nothing was deleted: {reasons}").format(reasons="; ".join(refused[:5])))
            return 0
        if proposals:
            self._ask_to_propose(proposals, deleted=True,
                                 on_propose=lambda: self._delete_now(allowed, proposals))
            return 0
        return self._delete_now(allowed, [])

    def _delete_now(self, allowed: dict[str, list[str]], proposals: list[tuple[str, str]],
                    seen: dict[str, dict[str, int]] | None = None) -> int:
        """Delete ``allowed`` and propose ``proposals``, one undo step. Each deletion is made on the
        version the user saw (``seen``, per layer: by default those the map drew); one someone else
        changed since is refused with the comparison dialog (nothing of that layer deleted)."""
        ws = self.workspace
        if ws is None:
            return 0
        if seen is None:
            seen = {layer: self._drawn_versions(layer, uuids) for layer, uuids in allowed.items()}
        refused: list[tuple[str, StaleEditRefused]] = []
        count = sum(len(u) for u in allowed.values()) + len(proposals)
        # Named while they are there: the message says which features went.
        gone = self._labels([(layer, uuid) for layer, uuids in allowed.items() for uuid in uuids])
        asked = self._labels(proposals)
        self.undo_stack.beginMacro(EditingController.tr("Delete %Ln feature(s)", "", count))
        deleted = proposed = 0
        try:
            for layer, uuids in allowed.items():
                if self._push(lambda layer=layer, uuids=uuids: DeleteFeature(
                        ws, layer, uuids, seen_versions=seen.get(layer), on_error=self.error.emit,
                        on_stale=self.stale_step), on_stale=lambda exc, layer=layer: refused.append((layer, exc))):
                    deleted += len(uuids)
            for layer, uuid in proposals:
                if self._push(lambda layer=layer, uuid=uuid: ProposeChange(ws, layer, uuid, delete=True,
                                                                          on_error=self.error.emit)):
                    proposed += 1
        finally:
            self.undo_stack.endMacro()
        if deleted:
            self.canvas.clear_selection()
        owners = ", ".join(sorted({organisation_label(ws, self._owner(layer, uuid)) for layer, uuid in proposals}))
        if deleted and proposed:
            text = EditingController.tr("Deleted %Ln feature(s) ({features}); proposed the deletion of {proposed} to "
                                        "{owners} (Ctrl+Z undoes it).", "", deleted).format(
                features=gone, proposed=asked, owners=owners)
        elif deleted:
            text = EditingController.tr("Deleted {features} (Ctrl+Z undoes it).").format(features=gone)
        elif proposed:
            text = EditingController.tr("Proposed the deletion of {features} to {owners} (Ctrl+Z undoes it).").format(
                features=asked, owners=owners)
        else:
            text = ""
        if text:
            self.message.emit(text)
        for layer, uuid in proposals:
            self.proposed.emit(layer, uuid)
        if refused:
            layer, exc = refused[0]
            self._ask_stale_delete(layer, allowed[layer], seen.get(layer, {}), exc)
        return deleted

    def _ask_stale_delete(self, layer: str, uuids: list[str], seen: dict[str, int], exc: StaleEditRefused) -> None:
        """A deletion of a feature someone else changed since the map showed it: their version
        beside the one the user saw; keep theirs (nothing deleted) or delete their version."""
        from humanops.ui.dialogs.stale_edit_dialog import KEEP_THEIRS

        uuid = str(exc.feature)
        theirs = exc.theirs
        started = self._feature_at(layer, uuid, exc.seen_version, theirs)

        def decided(choice: str) -> None:
            if self.workspace is None:
                return
            if choice == KEEP_THEIRS or theirs is None:
                self.canvas.refresh_layer(layer)
                self.message.emit(self.tr("Kept their version; nothing was deleted."))
                return
            self._delete_now({layer: uuids}, [], {layer: {**seen, uuid: theirs.version}})

        self._open_stale_dialog(layer, started, theirs, decided, deleting=True)
        self.message.emit(self.tr("Someone else changed {feature} meanwhile: nothing was deleted.").format(
            feature=feature_label(self.workspace, layer, uuid)))

    # --- an undo or redo refused: someone else changed the feature since ------------------------------
    def stale_step(self, step: RefusedStep) -> None:
        """An undo or redo the workspace refused because someone else changed the feature since
        this session's edit: the comparison dialog, their version beside what the step would
        have written; re-applying it is a new edit on their version (undoable)."""
        ws = self.workspace
        if ws is None:
            return
        try:
            theirs = ws.find_feature(step.layer, step.uuid)
        except HumanOpsError:
            theirs = None
        started = step.started or self._feature_at(step.layer, step.uuid, step.started_version, theirs)
        if step.what == "undo":
            heading = self.tr("Cannot undo “{edit}”: someone else changed it meanwhile.")
        else:
            heading = self.tr("Cannot redo “{edit}”: someone else changed it meanwhile.")
        self._ask_stale_step(step, started, theirs, heading.format(edit=step.command))

    def _ask_stale_step(self, step: RefusedStep, started: Feature, theirs: Feature | None, heading: str) -> None:
        from humanops.ui.dialogs.stale_edit_dialog import KEEP_THEIRS

        def decided(choice: str) -> None:
            ws = self.workspace
            if ws is None:
                return
            if choice == KEEP_THEIRS or theirs is None:
                self.canvas.refresh_layer(step.layer)
                self.message.emit(self.tr("Kept their version; your changes were dropped."))
                return

            def again(exc: StaleEditRefused) -> None:  # changed yet again while the dialog was open
                self._ask_stale_step(step, theirs, exc.theirs, heading)

            if step.delete:
                self._push(lambda: DeleteFeature(ws, step.layer, [step.uuid], seen_versions={step.uuid: theirs.version},
                                                 on_error=self.error.emit, on_stale=self.stale_step), on_stale=again)
            else:
                self._push(lambda: UpdateFeature(ws, step.layer, step.uuid, geometry=step.geometry,
                                                 properties=step.properties or None, marking=step.marking,
                                                 seen=theirs, on_error=self.error.emit, on_stale=self.stale_step),
                           on_stale=again)

        self._open_stale_dialog(step.layer, started, theirs, decided, properties=step.properties or None,
                                marking=step.marking, geometry=step.geometry, deleting=step.delete, heading=heading)
        self.message.emit(heading)

    def _labels(self, items: list[tuple[str, str]], most: int = 3) -> str:
        """The features named in a sentence, the first ``most`` of them, then how many more."""
        names = [feature_label(self.workspace, layer, uuid) for layer, uuid in items[:most]]
        if len(items) > most:
            names.append(EditingController.tr("%Ln more", "", len(items) - most))
        return ", ".join(names)

    # --- proposals: an edit of a feature we may not change --------------------------------------------
    def _owner(self, layer: str, uuid: str) -> str:
        from humanops.sharing.proposals import held_state

        assert self.workspace is not None
        return held_state(self.workspace, layer, uuid).originator

    def _authorised(self, layer: str, uuid: str, proposal: Callable[[], ProposeChange]) -> bool:
        """True if we may change the feature (the caller stores the edit). Otherwise False,
        after showing a refusal's reason, or asking whether to propose the edit (``proposal``
        makes the command that keeps it, pushed if the user chooses Propose)."""
        try:
            decision = self._decision(layer, uuid)
        except HumanOpsError as exc:
            self.error.emit(exc.message)
            return False
        if decision.allowed:
            return True
        if decision.action == "propose":
            self._ask_to_propose([(layer, uuid)], deleted=False, on_propose=lambda: self._store_proposal(
                layer, uuid, proposal), reason=decision.reason if decision.reason_code != "not_originator" else "")
            return False
        self.error.emit(self.tr("You cannot change {kind} {name}: {reason}").format(
            kind=self._single_kind(layer), name=self._name(layer, uuid), reason=decision.reason))
        return False

    def _store_proposal(self, layer: str, uuid: str, proposal: Callable[[], ProposeChange]) -> None:
        ws = self.workspace
        if ws is None:
            return
        if self._push(proposal):
            owner = organisation_label(ws, self._owner(layer, uuid))
            self.message.emit(self.tr("Proposed to {owner}: your change of {kind} {name} waits for {owner}'s decision "
                                      "(Ctrl+Z withdraws it).").format(owner=owner, kind=self._single_kind(layer),
                                                                       name=self._name(layer, uuid)))
            self.proposed.emit(layer, uuid)
        else:
            self.proposalCancelled.emit(layer, uuid)

    def question_text(self, items: list[tuple[str, str]], *, deleted: bool) -> str:
        """The question asked before proposing (one feature, or a deletion of several)."""
        ws = self.workspace
        assert ws is not None
        owners = sorted({organisation_label(ws, self._owner(layer, uuid)) for layer, uuid in items})
        if len(items) == 1:
            layer = items[0][0]
            owner = owners[0]
            if deleted:
                question = self.tr("This {kind} belongs to {owner}. Deleting it will be sent to {owner} as a proposal; "
                                   "{owner} decides. Propose it?")
            else:
                question = self.tr("This {kind} belongs to {owner}. Your change will be sent to {owner} as a "
                                   "proposal; {owner} decides. Propose it?")
            return question.format(kind=self._single_kind(layer), owner=owner)
        return self.tr("{n} of the selected features belong to other organisations ({owners}). Deleting them will be "
                       "sent to them as proposals; they decide. Propose their deletion?").format(
            n=len(items), owners=", ".join(owners))

    def _ask_to_propose(self, items: list[tuple[str, str]], *, deleted: bool, on_propose: Callable[[], Any],
                        reason: str = "") -> None:
        """Ask, window-modal and without blocking: Propose runs ``on_propose``, Cancel nothing."""
        self.discard_proposal_question()
        parent = self.parent()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Propose to the originator"),
                          self.question_text(items, deleted=deleted), QMessageBox.StandardButton.NoButton,
                          parent if isinstance(parent, QWidget) else None)
        box.setObjectName(PROPOSAL_QUESTION)
        box.setInformativeText((reason + ".\n" if reason else "")
                               + self.tr("Until it is decided, the map shows your proposal dashed in magenta; Undo "
                                         "withdraws it."))
        propose = box.addButton(self.tr("Propose"), QMessageBox.ButtonRole.AcceptRole)
        propose.setObjectName(PROPOSE_BUTTON)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setObjectName(CANCEL_BUTTON)
        box.setDefaultButton(propose)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if self.proposal_question is box:
                self.proposal_question = None
            if isinstance(parent, QWidget) and parent.isVisible():
                parent.activateWindow()  # the keyboard (Ctrl+Z) is the window's again
            if box.clickedButton() is propose:
                on_propose()
            else:
                self.message.emit(self.tr("Not proposed: nothing was changed."))
                for layer, uuid in items:
                    self.proposalCancelled.emit(layer, uuid)

        box.finished.connect(answered)
        self.proposal_question = box
        box.open()

    def has_pending_question(self) -> bool:
        return self.proposal_question is not None and self.proposal_question.isVisible()

    def discard_proposal_question(self) -> None:
        box = self.proposal_question
        if box is not None:
            self.proposal_question = None
            box.reject()
