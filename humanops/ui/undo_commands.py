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

Never a silent overwrite (issue 14): an edit carries the feature as the user saw it (``seen``: the
form's, the marking panel's, the shape on the map, the versions the map drew) and its first
application compares it with the stored feature *inside the write's transaction* — which holds
the write lock on both backends, so no other session's commit can land between that comparison
and the write — and raises :class:`StaleEditRefused` instead of writing over their change. Undo
and redo write on the version this session left (``expected_version``); when someone changed the
feature since, the refusal goes to ``on_stale`` as a :class:`RefusedStep` (the editing controller
opens the comparison dialog) instead of ``on_error``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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

# How the Workspace API (both backends) and set_marking word a refusal of an edit made on an older
# version; the database's stale-version trigger (HO409) comes out in the same words.
STALE_REASON = "was changed meanwhile"


class StaleEditRefused(WorkspaceError):
    """An edit made on a feature someone else changed (or deleted) since the user saw it, refused
    inside the write's transaction: nothing was written. ``seen`` is the feature as the user saw it
    (None when only its version is known), ``theirs`` as stored now (None: deleted)."""

    def __init__(self, layer: str, uuid: str, seen_version: int, theirs: Feature | None,
                 seen: Feature | None = None) -> None:
        now = "deleted" if theirs is None else f"now version {theirs.version}"
        super().__init__(f"{STALE_REASON} ({now}, edit was made on version {seen_version})", layer=layer,
                         feature=uuid)
        self.seen_version = seen_version
        self.seen = seen
        self.theirs = theirs


@dataclass
class RefusedStep:
    """An undo or redo the workspace refused because someone changed the feature since this
    session's last write of it: what the step would have written, for the comparison dialog."""

    command: str  # the command's text on the undo stack
    what: str  # "undo" or "redo"
    layer: str
    uuid: str
    started_version: int  # the version this session left (what the user last saw of its edit)
    geometry: BaseGeometry | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    marking: Marking | None = None
    delete: bool = False
    started: Feature | None = None  # the feature as it was left, when the command holds it


StaleHandler = Callable[[RefusedStep], None]


def is_stale_refusal(exc: BaseException) -> bool:
    """Whether ``exc`` refuses an edit because the feature changed since it was made."""
    return isinstance(exc, StaleEditRefused) or (isinstance(exc, WorkspaceError)
                                                  and exc.reason.startswith(STALE_REASON))


def changed_since_seen(seen: Feature, current: Feature | None, *, fields: bool = False, geometry: bool = False,
                       marking: bool = False) -> bool:
    """Whether the stored feature differs from the one the user saw in what the edit is about:
    its fields (and shape, which the form's user saw on the map), its shape alone (a vertex edit
    writes only the geometry, so others' fields are kept), or its marking; deleted is always."""
    import shapely

    if current is None:
        return True
    if current.version == seen.version and not geometry:
        return False
    if geometry and not shapely.equals_exact(current.geometry, seen.geometry, tolerance=1e-9):
        return True
    if fields and (current.properties != seen.properties or not current.geometry.equals(seen.geometry)):
        return True
    return marking and current.marking != seen.marking


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

    def __init__(self, workspace: Workspace, text: str, on_error: ErrorHandler | None = None,
                 on_stale: StaleHandler | None = None) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.on_error = on_error
        self.on_stale = on_stale
        # Told (layer, uuid, version) after each write that leaves a feature stored: the window's
        # own versions, which the map may not have drawn yet (not someone else's change).
        self.on_written: Callable[[str, str, int], None] | None = None
        self._applied_once = False

    def _written(self, layer: str, uuid: str, version: int) -> None:
        if self.on_written is not None:
            self.on_written(layer, uuid, version)

    # Subclasses implement these; they raise HumanOpsError when the workspace refuses.
    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def refused_step(self, what: str, exc: HumanOpsError) -> RefusedStep | None:
        """What an undo or redo refused by ``exc`` would have written, if someone else's change
        of the feature refused it (the comparison dialog shows it); None for other refusals."""
        return None

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
            step = self.refused_step(what, exc) if self.on_stale is not None else None
            if step is not None and self.on_stale is not None:
                self.on_stale(step)  # their change beside the step's, never written over
            elif self.on_error is not None:
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
                 on_error: ErrorHandler | None = None, on_stale: StaleHandler | None = None) -> None:
        super().__init__(workspace, QCoreApplication.translate("undo_commands", "Add {kind}").format(
            kind=_single(workspace, layer)), on_error, on_stale)
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
        self._written(self.layer, feature.uuid, feature.version)

    def revert(self) -> None:
        assert self.uuid is not None
        self.workspace.delete_feature(self.layer, self.uuid, expected_version=self._version)

    def refused_step(self, what: str, exc: HumanOpsError) -> RefusedStep | None:
        if what != "undo" or not is_stale_refusal(exc) or self.uuid is None or self._version is None:
            return None
        return RefusedStep(self.text(), what, self.layer, self.uuid, self._version, delete=True)


class UpdateFeature(WorkspaceCommand):
    """Change a feature's geometry, some fields and/or its marking. Undo restores the previous
    values as a new version; it is refused if someone changed the feature in between.

    Geometry and fields go through the authority rule; the marking through ``set_marking`` (on
    a partner's feature: a stricter marking kept as a restriction, no new version). Both in one
    transaction: a refusal of either changes nothing. ``marking_outcome`` says what the last
    marking step did (for the status line).

    ``seen`` is the feature as the user saw it when making the edit (the form's, the marking
    panel's): the first application refuses with :class:`StaleEditRefused` if the stored feature
    differs from it in what the edit is about (:meth:`_conflicts`), checked in the write's
    transaction; the previous values undo restores are read there too. Without ``seen`` the edit
    is made on the version read when the command is made."""

    def __init__(self, workspace: Workspace, layer: str, uuid: str, *,
                 geometry: BaseGeometry | None = None, properties: dict[str, Any] | None = None,
                 marking: Marking | None = None, text: str | None = None, seen: Feature | None = None,
                 on_error: ErrorHandler | None = None, on_stale: StaleHandler | None = None) -> None:
        current = workspace.get_feature(layer, uuid)
        if text is None:
            name = current.properties.get("name") or _single(workspace, layer)
            changed = (geometry is not None, bool(properties), marking is not None)
            text = _tr(_EDIT_TEXTS[changed]).format(name=name)
        super().__init__(workspace, text, on_error, on_stale)
        self.layer = layer
        self.uuid = uuid
        self.new_geometry = geometry
        self.new_properties = dict(properties or {})
        self.new_marking = marking
        self.seen = seen
        self._remember_previous(current)
        self._version = current.version
        self._stored = False  # after the first write, undo and redo write on the version we left
        self.marking_outcome: MarkingOutcome | None = None

    def _remember_previous(self, current: Feature) -> None:
        """The values undo puts back: the stored feature's, as the edit replaces them."""
        self.old_geometry = current.geometry if self.new_geometry is not None else None
        self.old_properties = {k: current.properties.get(k) for k in self.new_properties}
        self.old_marking = current.marking if self.new_marking is not None else None

    def _conflicts(self, seen: Feature, current: Feature | None) -> bool:
        """Whether ``current`` (stored) holds someone else's change of what this edit changes."""
        return changed_since_seen(seen, current, fields=self.new_geometry is not None or bool(self.new_properties),
                                  marking=self.new_marking is not None)

    def _write(self, geometry: BaseGeometry | None, properties: dict[str, Any],
               marking: Marking | None) -> None:
        from humanops.sharing.marking_ops import set_marking

        with self.workspace.transaction():
            version = self._version
            if not self._stored and self.seen is not None:
                # In the write's transaction (the write lock held): nobody commits between this
                # comparison and the write below.
                current = self.workspace.find_feature(self.layer, self.uuid)
                if self._conflicts(self.seen, current):
                    raise StaleEditRefused(self.layer, self.uuid, self.seen.version, current, self.seen)
                assert current is not None
                version = current.version
                self._remember_previous(current)
            if geometry is not None or properties:
                outcome = _stored_edit(self.workspace, self.layer, self.uuid, geometry=geometry,
                                       properties=properties or None, expected_version=version)
                version = outcome.version
            if marking is not None:
                marked = set_marking(self.workspace, self.layer, self.uuid, marking, expected_version=version)
                version = marked.version
                self.marking_outcome = marked
        self._version = version
        self._stored = True
        self._written(self.layer, self.uuid, version)

    def do(self) -> None:
        self._write(self.new_geometry, self.new_properties, self.new_marking)

    def revert(self) -> None:
        self._write(self.old_geometry, self.old_properties, self.old_marking)

    def refused_step(self, what: str, exc: HumanOpsError) -> RefusedStep | None:
        if not is_stale_refusal(exc):
            return None
        undoing = what == "undo"
        return RefusedStep(self.text(), what, self.layer, self.uuid, self._version,
                           geometry=self.old_geometry if undoing else self.new_geometry,
                           properties=dict(self.old_properties if undoing else self.new_properties),
                           marking=self.old_marking if undoing else self.new_marking)


class MoveVertices(UpdateFeature):
    """A reshaped geometry (vertex edit tool); undo puts the old vertices back. ``seen`` carries
    the shape the user edited on the map: only a change of the shape is a conflict (a vertex edit
    writes only the geometry, so others' fields and marking are kept)."""

    def __init__(self, workspace: Workspace, layer: str, uuid: str, geometry: BaseGeometry, *,
                 seen: Feature | None = None, on_error: ErrorHandler | None = None,
                 on_stale: StaleHandler | None = None) -> None:
        name = workspace.get_feature(layer, uuid).properties.get("name") or _single(workspace, layer)
        super().__init__(workspace, layer, uuid, geometry=geometry, seen=seen,
                         text=QCoreApplication.translate("undo_commands", "Move vertices of {name}").format(name=name),
                         on_error=on_error, on_stale=on_stale)

    def _conflicts(self, seen: Feature, current: Feature | None) -> bool:
        return changed_since_seen(seen, current, geometry=True)


class DeleteFeature(WorkspaceCommand):
    """Delete features (one transaction). Undo re-adds each with the same uuid, fields,
    marking and originator, as its next version.

    ``seen_versions`` (uuid → the version the user saw, e.g. the one the map drew): the first
    application refuses with :class:`StaleEditRefused` if any of them was changed since, checked
    in the delete's transaction (one already deleted by someone else is left as they left it)."""

    def __init__(self, workspace: Workspace, layer: str, uuids: Iterable[str], *,
                 seen_versions: dict[str, int] | None = None, on_error: ErrorHandler | None = None,
                 on_stale: StaleHandler | None = None) -> None:
        self.features: list[Feature] = workspace.features(layer, list(uuids))
        n = len(self.features)
        if n == 1:
            text = QCoreApplication.translate("undo_commands", "Delete {name}").format(
                name=self.features[0].properties.get("name") or _single(workspace, layer))
        else:
            from humanops.ui.i18n import current_language

            text = QCoreApplication.translate("undo_commands", "Delete {n} {layer}").format(
                n=n, layer=workspace.kind(layer).title_in(current_language()).lower())
        super().__init__(workspace, text, on_error, on_stale)
        self.layer = layer
        self._versions = {f.uuid: f.version for f in self.features}
        self._seen = dict(seen_versions or {})
        self._stored = False

    @property
    def uuids(self) -> list[str]:
        return [f.uuid for f in self.features]

    def do(self) -> None:
        with self.workspace.transaction():
            if not self._stored and self._seen:
                self._check_seen()
            for feature in self.features:
                _stored_edit(self.workspace, self.layer, feature.uuid, delete=True,
                             expected_version=self._versions[feature.uuid])
        self._stored = True

    def _check_seen(self) -> None:
        """Inside the delete's transaction: each feature as the user saw it, or refused."""
        kept = []
        for feature in self.features:
            seen = self._seen.get(feature.uuid)
            current = self.workspace.find_feature(self.layer, feature.uuid)
            if current is None:
                continue  # deleted by someone else meanwhile: gone as we wanted, their tombstone kept
            if seen is not None and current.version != seen:
                raise StaleEditRefused(self.layer, feature.uuid, seen, current)
            kept.append(current)  # what undo re-adds: the version deleted
        self.features = kept
        self._versions = {f.uuid: f.version for f in kept}

    def revert(self) -> None:
        with self.workspace.transaction():
            for feature in self.features:
                restored = self.workspace.add_feature(
                    self.layer, feature.geometry, feature.properties, feature.marking,
                    uuid=feature.uuid, originator=feature.originator)
                self._versions[feature.uuid] = restored.version
        for feature in self.features:
            self._written(self.layer, feature.uuid, self._versions[feature.uuid])

    def refused_step(self, what: str, exc: HumanOpsError) -> RefusedStep | None:
        uuid = str(exc.feature) if exc.feature is not None else None
        deleted = {f.uuid: f for f in self.features}
        if uuid not in deleted:
            return None
        feature = deleted[uuid]
        if what == "redo" and is_stale_refusal(exc):  # deleting again what someone changed since our undo
            return RefusedStep(self.text(), what, self.layer, uuid, self._versions[uuid], delete=True)
        if what == "undo" and "exists already" in exc.reason:  # someone brought it back meanwhile
            return RefusedStep(self.text(), what, self.layer, uuid, self._versions[uuid] + 1,
                               geometry=feature.geometry, properties=dict(feature.properties),
                               marking=feature.marking, started=feature)
        return None


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
