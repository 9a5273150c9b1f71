"""Undoable edits. Every one goes through the Workspace API, so each step (do, undo, redo) is
its own committed, versioned transaction: nothing is lost on a crash, and partners see an
undo as what it is, a new version.

Edits of stored features ask the authority rule (``humanops.sharing.proposals.edit_feature``:
only a feature's originator, or an editor it named, changes it), and markings are set through
``humanops.sharing.marking_ops.set_marking``, the one way to set a marking (the protocol's
floors; stricter-only on a partner's feature, kept as a restriction without a new version).
A change of someone else's feature is a :class:`ProposeChange`: our proposal to its
originator, never merged here; undo withdraws it.

A command is applied once *before* it is pushed (:func:`push_edit`), so a refused edit (a
ValidationError naming the field) reaches the caller as an exception and never enters the
stack; QUndoStack.push's own first ``redo()`` is then skipped. An undo or redo that the
workspace refuses later (the feature was changed meanwhile, e.g. by a partner's update) is
reported through ``on_error`` and the command is made obsolete rather than forcing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from humanops.errors import HumanOpsError, SharingError, WorkspaceError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from humanops.model.feature import Feature
    from humanops.model.marking import Marking
    from humanops.sharing.marking_ops import MarkingOutcome
    from humanops.sharing.proposals import EditOutcome
    from humanops.store.workspace import Workspace

ErrorHandler = Callable[[str], None]


def _single(workspace: Workspace, layer: str) -> str:
    """One feature of the layer, as a sentence names it ("danger zone"), in the UI's language."""
    from humanops.ui.i18n import current_language

    return workspace.kind(layer).singular_in(current_language())


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("undo_commands", ...) (commands are not QObjects)."""
    return QCoreApplication.translate("undo_commands", text)


# An edit's name on the undo stack, by what it changes: (geometry, fields, marking).
_EDIT_TEXTS = {
    (True, False, False): QT_TRANSLATE_NOOP("undo_commands", "Edit geometry of {name}"),
    (False, True, False): QT_TRANSLATE_NOOP("undo_commands", "Edit fields of {name}"),
    (False, False, True): QT_TRANSLATE_NOOP("undo_commands", "Edit marking of {name}"),
    (True, True, False): QT_TRANSLATE_NOOP("undo_commands", "Edit geometry and fields of {name}"),
    (True, False, True): QT_TRANSLATE_NOOP("undo_commands", "Edit geometry and marking of {name}"),
    (False, True, True): QT_TRANSLATE_NOOP("undo_commands", "Edit fields and marking of {name}"),
    (True, True, True): QT_TRANSLATE_NOOP("undo_commands", "Edit geometry, fields and marking of {name}"),
    (False, False, False): QT_TRANSLATE_NOOP("undo_commands", "Edit feature of {name}"),
}


def _stored_edit(workspace: Workspace, layer: str, uuid: str, *, geometry: BaseGeometry | None = None,
                 properties: dict[str, Any] | None = None, delete: bool = False,
                 expected_version: int | None = None) -> EditOutcome:
    """An edit through the authority rule that must be stored as a new version. If the rule
    makes it a proposal instead (the feature is not ours to change, e.g. the partner directory
    changed since the edit was asked), it is refused and nothing is kept: proposals are made
    only after the user chose to (:class:`ProposeChange`)."""
    from humanops.sharing.proposals import edit_feature

    with workspace.transaction():
        outcome = edit_feature(workspace, layer, uuid, geometry=geometry, properties=properties, delete=delete,
                               expected_version=expected_version)
        if outcome.proposed:  # raising rolls the proposal back with the transaction
            raise SharingError(f"only {outcome.originator} may change it ({outcome.reason})", layer=layer,
                               feature=uuid)
    return outcome


class WorkspaceCommand(QUndoCommand):
    """Base: applied once by :func:`push_edit`, so the stack's first redo() is a no-op."""

    def __init__(self, workspace: Workspace, text: str, on_error: ErrorHandler | None = None) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.on_error = on_error
        self._applied_once = False

    # Subclasses implement these; they raise HumanOpsError when the workspace refuses.
    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        """The first application; raises if the edit is refused (nothing is changed then)."""
        self.do()
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False  # the next redo() is a real one (after an undo)
            return
        self._guarded(self.do, "redo")

    def undo(self) -> None:
        self._guarded(self.revert, "undo")

    def _guarded(self, step: Callable[[], None], what: str) -> None:
        try:
            step()
        except HumanOpsError as exc:
            self.setObsolete(True)  # the stack drops it: it cannot be replayed faithfully
            if self.on_error is not None:
                if what == "undo":
                    sentence = QCoreApplication.translate("undo_commands", "Cannot undo “{edit}”: {reason}")
                else:
                    sentence = QCoreApplication.translate("undo_commands", "Cannot redo “{edit}”: {reason}")
                self.on_error(sentence.format(edit=self.text(), reason=exc.message))


def push_edit(stack: QUndoStack, command: WorkspaceCommand) -> None:
    """Apply ``command`` (raising HumanOpsError if refused) and put it on ``stack``."""
    command.apply()
    stack.push(command)


class AddFeature(WorkspaceCommand):
    """Create a feature. Undo deletes it; redo re-adds it under the same uuid (the next
    version), so a partner who received it sees one feature, not two."""

    def __init__(self, workspace: Workspace, layer: str, geometry: BaseGeometry,
                 properties: dict[str, Any], marking: Marking | None = None, *,
                 on_error: ErrorHandler | None = None) -> None:
        super().__init__(workspace, QCoreApplication.translate("undo_commands", "Add {kind}").format(
            kind=_single(workspace, layer)), on_error)
        self.layer = layer
        self.geometry = geometry
        self.properties = dict(properties)
        self.marking = marking
        self.uuid: str | None = None
        self._version: int | None = None

    def do(self) -> None:
        feature = self.workspace.add_feature(self.layer, self.geometry, self.properties,
                                             self.marking, uuid=self.uuid)
        self.uuid, self._version = feature.uuid, feature.version

    def revert(self) -> None:
        assert self.uuid is not None
        self.workspace.delete_feature(self.layer, self.uuid, expected_version=self._version)


class UpdateFeature(WorkspaceCommand):
    """Change a feature's geometry, some fields and/or its marking. Undo restores the previous
    values as a new version; it is refused if someone changed the feature in between.

    Geometry and fields go through the authority rule; the marking through ``set_marking`` (on
    a partner's feature: a stricter marking kept as a restriction, no new version). Both in one
    transaction: a refusal of either changes nothing. ``marking_outcome`` says what the last
    marking step did (for the status line)."""

    def __init__(self, workspace: Workspace, layer: str, uuid: str, *,
                 geometry: BaseGeometry | None = None, properties: dict[str, Any] | None = None,
                 marking: Marking | None = None, text: str | None = None,
                 on_error: ErrorHandler | None = None) -> None:
        current = workspace.get_feature(layer, uuid)
        if text is None:
            name = current.properties.get("name") or _single(workspace, layer)
            changed = (geometry is not None, bool(properties), marking is not None)
            text = _tr(_EDIT_TEXTS[changed]).format(name=name)
        super().__init__(workspace, text, on_error)
        self.layer = layer
        self.uuid = uuid
        self.new_geometry = geometry
        self.new_properties = dict(properties or {})
        self.new_marking = marking
        self.old_geometry = current.geometry if geometry is not None else None
        self.old_properties = {k: current.properties.get(k) for k in self.new_properties}
        self.old_marking = current.marking if marking is not None else None
        self._version = current.version
        self.marking_outcome: MarkingOutcome | None = None

    def _write(self, geometry: BaseGeometry | None, properties: dict[str, Any],
               marking: Marking | None) -> None:
        from humanops.sharing.marking_ops import set_marking

        version = self._version
        with self.workspace.transaction():
            if geometry is not None or properties:
                outcome = _stored_edit(self.workspace, self.layer, self.uuid, geometry=geometry,
                                       properties=properties or None, expected_version=version)
                version = outcome.version
            if marking is not None:
                marked = set_marking(self.workspace, self.layer, self.uuid, marking, expected_version=version)
                version = marked.version
                self.marking_outcome = marked
        self._version = version

    def do(self) -> None:
        self._write(self.new_geometry, self.new_properties, self.new_marking)

    def revert(self) -> None:
        self._write(self.old_geometry, self.old_properties, self.old_marking)


class MoveVertices(UpdateFeature):
    """A reshaped geometry (vertex edit tool); undo puts the old vertices back."""

    def __init__(self, workspace: Workspace, layer: str, uuid: str, geometry: BaseGeometry, *,
                 expected_version: int | None = None, on_error: ErrorHandler | None = None) -> None:
        name = workspace.get_feature(layer, uuid).properties.get("name") or _single(workspace, layer)
        super().__init__(workspace, layer, uuid, geometry=geometry,
                         text=QCoreApplication.translate("undo_commands", "Move vertices of {name}").format(name=name),
                         on_error=on_error)
        if expected_version is not None and expected_version != self._version:
            # changed since the caller compared it with the shape the user saw: refused, not overwritten
            raise WorkspaceError(f"was changed meanwhile (now version {self._version}, edit was made on version "
                                 f"{expected_version})", layer=layer, feature=uuid)


class DeleteFeature(WorkspaceCommand):
    """Delete features (one transaction). Undo re-adds each with the same uuid, fields,
    marking and originator, as its next version."""

    def __init__(self, workspace: Workspace, layer: str, uuids: Iterable[str], *,
                 on_error: ErrorHandler | None = None) -> None:
        self.features: list[Feature] = workspace.features(layer, list(uuids))
        n = len(self.features)
        if n == 1:
            text = QCoreApplication.translate("undo_commands", "Delete {name}").format(
                name=self.features[0].properties.get("name") or _single(workspace, layer))
        else:
            from humanops.ui.i18n import current_language

            text = QCoreApplication.translate("undo_commands", "Delete {n} {layer}").format(
                n=n, layer=workspace.kind(layer).title_in(current_language()).lower())
        super().__init__(workspace, text, on_error)
        self.layer = layer
        self._versions = {f.uuid: f.version for f in self.features}

    @property
    def uuids(self) -> list[str]:
        return [f.uuid for f in self.features]

    def do(self) -> None:
        with self.workspace.transaction():
            for feature in self.features:
                _stored_edit(self.workspace, self.layer, feature.uuid, delete=True,
                             expected_version=self._versions[feature.uuid])

    def revert(self) -> None:
        with self.workspace.transaction():
            for feature in self.features:
                restored = self.workspace.add_feature(
                    self.layer, feature.geometry, feature.properties, feature.marking,
                    uuid=feature.uuid, originator=feature.originator)
                self._versions[feature.uuid] = restored.version


class ProposeChange(WorkspaceCommand):
    """Our change (or deletion) of another organisation's feature, kept as our proposal to its
    originator: the feature itself is not touched, the proposal travels in our next packages
    and the originator decides. Undo withdraws it (and puts back the open proposal it replaced,
    if any); redo proposes it again."""

    def __init__(self, workspace: Workspace, layer: str, uuid: str, *, geometry: BaseGeometry | None = None,
                 properties: dict[str, Any] | None = None, delete: bool = False, text: str | None = None,
                 on_error: ErrorHandler | None = None) -> None:
        from humanops.sharing.proposals import held_state

        current = workspace.get_feature(layer, uuid)
        self.originator = held_state(workspace, layer, uuid).originator
        if text is None:
            name = current.properties.get("name") or _single(workspace, layer)
            if delete:
                text = QCoreApplication.translate("undo_commands", "Propose deleting {name} (to {originator})")
            elif geometry is not None and properties:
                text = QCoreApplication.translate("undo_commands", "Propose changing geometry and fields of {name} (to "
                                                                   "{originator})")
            elif geometry is not None:
                text = QCoreApplication.translate("undo_commands", "Propose changing geometry of {name} (to "
                                                                   "{originator})")
            elif properties:
                text = QCoreApplication.translate("undo_commands", "Propose changing fields of {name} (to "
                                                                   "{originator})")
            else:
                text = QCoreApplication.translate("undo_commands", "Propose changing {name} (to {originator})")
            text = text.format(name=name, originator=self.originator)
        super().__init__(workspace, text, on_error)
        self.layer = layer
        self.uuid = uuid
        self.geometry = geometry
        self.properties = dict(properties) if properties else None
        self.delete = delete
        self.proposal_id: int | None = None
        self._replaced: dict[str, Any] | None = None

    def _our_open_proposal(self) -> dict[str, Any] | None:
        from humanops.sharing.proposals import list_proposals

        me = self.workspace.organisation
        found = [p for p in list_proposals(self.workspace, layer=self.layer)
                 if p["uuid"] == self.uuid and p["proposer"] == me]
        return found[-1] if found else None

    def do(self) -> None:
        from humanops.sharing.proposals import propose

        with self.workspace.transaction():
            self._replaced = self._our_open_proposal()
            self.proposal_id = propose(self.workspace, self.layer, self.uuid, geometry=self.geometry,
                                       properties=self.properties, delete=self.delete)

    def revert(self) -> None:
        import shapely

        from humanops.sharing.proposals import propose, withdraw

        with self.workspace.transaction():
            # Ours is the open one for this feature (one at a time; after undoing a later command
            # that put ours back, under a new id).
            current = self._our_open_proposal()
            if current is None:
                raise SharingError("the proposal is no longer open (decided or withdrawn meanwhile)",
                                   layer=self.layer, feature=self.uuid)
            withdraw(self.workspace, current["id"])
            earlier = self._replaced
            if earlier is not None:  # the proposal this one replaced is open again
                record = earlier["feature"]
                propose(self.workspace, self.layer, self.uuid,
                        geometry=shapely.from_wkb(record["geometry"]) if record.get("geometry") else None,
                        properties=record.get("properties") or None, delete=earlier["deleted"])
        self.proposal_id = None
