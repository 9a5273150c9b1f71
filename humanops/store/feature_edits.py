"""``FeatureEdits``: the single-feature edits both workspaces share (GeoPackage and PostGIS).

Adding, updating, deleting, storing a partner's state of a feature and restricting its marking
validate the same way (``model.validation``, the kind's geometry), refuse a stale edit with the
same message and announce the same :class:`WorkspaceChange` after the commit, whichever backend
holds the layer. What differs is how a row is written: the GeoPackage app versions, archives and
logs each edit itself, PostGIS's triggers do it in the database. Each backend supplies those
writes as the small ``_write_*`` methods below; everything else is here once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from humanops.errors import WorkspaceError
from humanops.model.feature import Feature, new_uuid
from humanops.model.marking import Marking
from humanops.model.validation import merge_properties, validate_properties


@dataclass(frozen=True)
class WorkspaceChange:
    """What a committed transaction changed in one layer: for views to refresh."""

    layer: str
    uuids: tuple[str, ...]
    op: str  # insert | update | delete | bulk


class FeatureEdits:
    """The single-feature edits of the Workspace API over a backend's row writes.

    A subclass has the Workspace API's reads and transactions (``kind``, ``transaction``,
    ``get_feature``, ``find_feature``, ``default_marking``, ``organisation``,
    ``_checked_geometry``, ``_existing_uuids``, ``_last_version``, ``_pending``) and defines its
    clock, :meth:`_now`, and the row writes: :meth:`_write_new`, :meth:`_write_edit`, :meth:`_write_delete`,
    :meth:`_managed_writes`, :meth:`_archive_one`, :meth:`_log_one`, :meth:`_delete_row`,
    :meth:`_insert_row`, :meth:`_update_row` and :meth:`_write_marking`."""

    _pending: list[WorkspaceChange]
    # the reads the edits use, from the subclass (declared for the reader, defined there)
    kind: Any
    transaction: Any
    get_feature: Any
    find_feature: Any
    default_marking: Any
    organisation: Any
    _checked_geometry: Any
    _existing_uuids: Any
    _last_version: Any

    def add_feature(self, layer: str, geometry: Any, properties: dict[str, Any],
                    marking: Marking | None = None, *, uuid: str | None = None,
                    originator: str | None = None) -> Feature:
        """Create a feature (version 1, or the next version if ``uuid`` was deleted before:
        undo of a delete). Validates fields and geometry against the kind first."""
        kind = self.kind(layer)
        props = validate_properties(kind, properties)
        geom, _ = self._checked_geometry(kind, geometry, uuid)
        now = self._now()
        with self.transaction():
            uid = uuid or new_uuid()
            if self._existing_uuids(layer, [uid]):
                raise WorkspaceError("a feature with this uuid exists already", layer=layer, feature=uid)
            feature = Feature(kind=layer, geometry=geom, properties=props,
                              marking=marking or self.default_marking(layer),
                              uuid=uid, version=self._last_version(layer, uid) + 1,
                              originator=originator or self.organisation, created=now, modified=now)
            self._write_new(feature, now)
            self._pending.append(WorkspaceChange(layer, (uid,), "insert"))
        return self.get_feature(layer, uid)

    def update_feature(self, layer: str, uuid: str, *, geometry: Any = None,
                       properties: dict[str, Any] | None = None, marking: Marking | None = None,
                       expected_version: int | None = None) -> Feature:
        """Change some of a feature's geometry, fields and marking; returns the new version.
        ``expected_version`` refuses the edit if someone else changed the feature meanwhile (on
        PostGIS the row is also written carrying the version it was made on, so the database
        refuses it too)."""
        kind = self.kind(layer)
        with self.transaction():
            current = self.get_feature(layer, uuid)
            if expected_version is not None and current.version != expected_version:
                raise WorkspaceError(
                    f"was changed meanwhile (now version {current.version}, edit was made on "
                    f"version {expected_version})", layer=layer, feature=uuid)
            props = merge_properties(kind, current.properties, properties)
            geom = current.geometry
            if geometry is not None:
                geom, _ = self._checked_geometry(kind, geometry, uuid)
            edited = current.with_changes(geometry=geom, properties=props, marking=marking or current.marking)
            self._write_edit(current, edited)
            self._pending.append(WorkspaceChange(layer, (uuid,), "update"))
        return self.get_feature(layer, uuid)

    def delete_feature(self, layer: str, uuid: str, *, expected_version: int | None = None) -> Feature:
        """Delete a feature: its last version goes to history, and a tombstone is recorded
        so partners receive the deletion. Returns the tombstone."""
        with self.transaction():
            current = self.get_feature(layer, uuid)
            if expected_version is not None and current.version != expected_version:
                raise WorkspaceError(f"was changed meanwhile (now version {current.version})", layer=layer,
                                     feature=uuid)
            tombstone = self._write_delete(current)
            self._pending.append(WorkspaceChange(layer, (uuid,), "delete"))
        return tombstone

    def put_feature(self, feature: Feature) -> None:
        """Store exactly this state of a feature, identity and version included (a merge of a
        partner's newer version, or a tombstone). The caller decides that it wins."""
        kind = self.kind(feature.kind)
        layer = feature.kind
        with self.transaction(), self._managed_writes():
            current = self.find_feature(layer, feature.uuid)
            now = self._now()
            if current is not None:
                self._archive_one(current, now)
            if feature.deleted:
                self._archive_one(feature, now)
                if current is not None:
                    self._delete_row(layer, feature.uuid)
                op = "delete"
            else:
                props = validate_properties(kind, feature.properties)
                geom, _ = self._checked_geometry(kind, feature.geometry, feature.uuid)
                feature = feature.with_changes(properties=props, geometry=geom)
                if current is None:
                    self._insert_row(feature)
                    op = "insert"
                else:
                    self._update_row(feature)
                    op = "update"
            self._log_one(layer, feature.uuid, feature.version, op, now)
            self._pending.append(WorkspaceChange(layer, (feature.uuid,), op))

    def restrict_marking(self, layer: str, uuid: str, marking: Marking) -> None:
        """Set a partner's feature's marking here without making a new version: the version
        stays its originator's (what it signed); the stricter marking governs only what we
        pass on (humanops.sharing.marking_ops.set_marking decides it is stricter)."""
        with self.transaction():
            self.get_feature(layer, uuid)
            self._write_marking(layer, uuid, marking.to_columns())
            self._pending.append(WorkspaceChange(layer, (uuid,), "update"))

    # --- the backend's clock and row writes (inside the edit's transaction) ----------------
    def _now(self) -> datetime:
        """The moment an edit is recorded at: the backend module's ``utc_now``, looked up there
        at each call so a test that sets the store's clock (tests/test_replay.py) sets this one."""
        raise NotImplementedError

    def _write_new(self, feature: Feature, now: datetime) -> None:
        """Insert a new feature's row, versioned and logged."""
        raise NotImplementedError

    def _write_edit(self, current: Feature, edited: Feature) -> None:
        """Write ``edited`` (``current`` with the user's changes, its version still current's)
        as the feature's next version, the previous one archived and the change logged."""
        raise NotImplementedError

    def _write_delete(self, current: Feature) -> Feature:
        """Delete the feature's row, archiving it and a tombstone and logging the deletion;
        returns the tombstone."""
        raise NotImplementedError

    def _managed_writes(self) -> AbstractContextManager[None]:
        """Inside: writes of a state the app versions itself (put_feature), not a new version."""
        return nullcontext()

    def _archive_one(self, feature: Feature, superseded: datetime) -> None:
        raise NotImplementedError

    def _log_one(self, layer: str, uuid: str, version: int, op: str, at: datetime) -> None:
        raise NotImplementedError

    def _delete_row(self, layer: str, uuid: str) -> None:
        raise NotImplementedError

    def _insert_row(self, feature: Feature) -> None:
        raise NotImplementedError

    def _update_row(self, feature: Feature) -> None:
        raise NotImplementedError

    def _write_marking(self, layer: str, uuid: str, columns: dict[str, Any]) -> None:
        """Set these marking columns on the row without making a new version."""
        raise NotImplementedError

