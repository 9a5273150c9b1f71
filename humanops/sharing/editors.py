"""Editors: organisations an originator names to edit its features with it.

By default only a feature's originator changes it (:mod:`humanops.sharing.authority`). An
originator may name editors for one feature (a corridor negotiated by two organisations) or
for a whole layer (the default for its features there). Editors change fields and geometry;
only the originator changes the marking, the editors or deletes. The list is part of what the
originator signs, so naming editors makes a new version of each feature concerned: the next
package carries it, and nobody else can alter it on the way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from humanops.errors import SharingError
from humanops.sharing.authority import parse_editors
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def set_editors(workspace: Workspace, layer: str, editors: Iterable[str], *,
                uuids: Iterable[str] | None = None) -> list[str]:
    """Name ``editors`` (replacing the list; empty clears it) for our features ``uuids``, or,
    with none given, as the layer's default for all our features in it. Returns the uuids
    given a new version. Refused for a feature we did not originate."""
    workspace.kind(layer)
    names = tuple(dict.fromkeys(e.strip() for e in editors if e and e.strip()))
    me = workspace.organisation
    bad = [e for e in names if not _ID.match(e) or e == me]
    if bad:
        raise SharingError(f"{bad[0]!r} cannot be named an editor (an organisation id other than ours)",
                           layer=layer, field="editors")
    text = ",".join(names)
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        if uuids is None:
            db.upsert("humanops_editors", {"layer": layer, "uuid": "", "editors": text}, key=("layer", "uuid"))
            targets = [u for u in workspace.uuids(layer, originated_by=me)
                if not db.execute("SELECT 1 FROM humanops_editors WHERE layer = ? AND uuid = ?",
                                  (layer, u)).fetchone()]
        else:
            targets = list(dict.fromkeys(uuids))
            for uid in targets:
                feature = workspace.get_feature(layer, uid)
                if feature.originator and feature.originator != me:
                    raise SharingError(f"only its originator {feature.originator} names the editors of this feature",
                                       layer=layer, feature=uid)
                db.upsert("humanops_editors", {"layer": layer, "uuid": uid, "editors": text}, key=("layer", "uuid"))
        for uid in targets:  # a new version: the editors are part of what we sign
            current = workspace.get_feature(layer, uid)
            workspace.update_feature(layer, uid, marking=current.marking)
    return targets


def _has_table(workspace: Workspace, name: str) -> bool:
    return workspace.sql.has_table(name)


def named_editors(workspace: Workspace, layer: str) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """(the editors we named per feature of ours that has its own list, the layer's default)."""
    per_feature: dict[str, tuple[str, ...]] = {}
    default: tuple[str, ...] = ()
    if _has_table(workspace, "humanops_editors"):
        for uid, editors in workspace.sql.execute(
                "SELECT uuid, editors FROM humanops_editors WHERE layer = ?", (layer,)):
            if uid:
                per_feature[uid] = parse_editors(editors)
            else:
                default = parse_editors(editors)
    return per_feature, default


def signed_editors(workspace: Workspace, layer: str, uuid: str) -> tuple[str, ...]:
    """The editors a partner's feature names, as its originator signed them (none if unsigned)."""
    if not _has_table(workspace, "humanops_signed_versions"):
        return ()
    row = workspace.sql.execute("SELECT editors FROM humanops_signed_versions WHERE layer = ? AND uuid = ?",
                                       (layer, uuid)).fetchone()
    return parse_editors(row[0]) if row else ()


def editors_of(workspace: Workspace, layer: str, uuid: str) -> tuple[str, ...]:
    """The editors of a feature: as its originator signed them (a partner's feature), or as
    we named them (ours: the feature's own list, else the layer's default)."""
    from humanops.sharing.proposals import held_state

    return parse_editors(held_state(workspace, layer, uuid).editors)


def layer_editors(workspace: Workspace, layer: str) -> tuple[tuple[str, ...], int]:
    """(the layer's default editors as we named them, how many of our features follow it: those
    with no editors of their own, each given a new version when the default changes)."""
    workspace.kind(layer)
    per_feature, default = named_editors(workspace, layer)
    me = workspace.organisation
    ours = workspace.uuids(layer, originated_by=me)
    return default, sum(1 for u in ours if u not in per_feature)
