"""Marking features in bulk (``humanops mark``): one transaction, checked, explained.

A selection (a ``where`` expression, a list of uuids, or the whole layer) gets some parts of
its marking changed; each changed feature gets a new version through the Workspace API, all
in one transaction: a refusal or a cancel changes nothing. Refused:

- a new marking below the adopted information sharing protocol's floor
  (:mod:`humanops.sharing.protocol`);
- on a feature received from another originator, any change that *widens* who may receive
  it (a lower TLP, an added releasable_to party, a removed caveat, a later or removed expiry,
  a finer precision): a recipient must not widen what the originator allowed.

:func:`set_marking` is the one way to set a feature's marking — the app's feature form and
marking panel, bulk marking, imports and the CLI all call it. On our own feature it makes a
new version. On a partner's feature it is a *restriction*: no new version (the version stays
the one its originator signed), checked against the originator's signed marking, re-applied
when the originator sends a newer version (unless that one is stricter still), and sent beside
the originator's marking when we pass the feature on.

``where`` is a filter in a small safe subset of SQL, checked here before OGR evaluates it
(through ``Workspace.read_layer``): column names of the layer, text in single quotes,
numbers, comparison operators, AND/OR/NOT, IN, LIKE, IS [NOT] NULL, BETWEEN, parentheses.
No functions, no sub-queries, no other tables, no statement separators.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from humanops.errors import SharingError, ValidationError, WorkspaceError
from humanops.feedback import Feedback
from humanops.model.marking import TLP, Marking, Precision, parse_time, split_list
from humanops.sharing.protocol import adopted_protocol, precision_meets
from humanops.store.schema import SYSTEM_COLUMNS

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace


class _Keep:
    """Leave this part of the marking as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()

_KEYWORDS = {"and", "or", "not", "in", "like", "ilike", "is", "null", "between", "true", "false"}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<string>'(?:[^']|'')*')
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<quoted>"[A-Za-z_][A-Za-z0-9_]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><=|>=|<>|!=|=|<|>|\(|\)|,|-|\+)
""", re.VERBOSE)


def check_where(expression: str, columns: list[str], *, layer: str | None = None) -> str:
    """``expression`` if it is in the safe filter subset over ``columns``, else ValidationError."""
    known = {c.lower() for c in columns}
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(expression):
        m = _TOKEN.match(expression, position)
        if not m:
            raise ValidationError(f"cannot use {expression[position:position + 12]!r} in a filter "
                                  "(allowed: column names, 'text', numbers, = <> < > <= >=, AND, OR, "
                                  "NOT, IN, LIKE, IS NULL, BETWEEN, parentheses)", layer=layer, field="where")
        position = m.end()
        if m.lastgroup != "space":
            tokens.append((m.lastgroup or "", m.group()))
    if not tokens:
        raise ValidationError("the filter is empty", layer=layer, field="where")
    depth = 0
    for i, (kind, text) in enumerate(tokens):
        if kind in ("name", "quoted"):
            word = text.strip('"').lower()
            if kind == "name" and word in _KEYWORDS:
                continue
            if i + 1 < len(tokens) and tokens[i + 1][1] == "(":
                raise ValidationError(f"functions are not allowed in a filter ({text})", layer=layer,
                                      field="where")
            if word not in known:
                raise ValidationError(f"{text} is not a column of {layer or 'the layer'}", layer=layer,
                                      field="where")
        elif text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
            if depth < 0:
                raise ValidationError("unbalanced parentheses in the filter", layer=layer, field="where")
    if depth:
        raise ValidationError("unbalanced parentheses in the filter", layer=layer, field="where")
    return expression


def widening(old: Marking, new: Marking) -> str | None:
    """Why ``new`` would let more recipients have the feature than ``old`` does, or None."""
    if new.tlp < old.tlp:
        return f"TLP lowered from {old.tlp.value} to {new.tlp.value}"
    added = [p for p in new.releasable_to if p not in old.releasable_to]
    if added:
        return f"releasable_to would add {added[0]}"
    if old.releasable_to and not new.releasable_to and new.tlp is TLP.GREEN:
        # an empty list is not "nobody": at GREEN it means every community of the originator
        return "releasable_to would be cleared (at GREEN that means all the originator's communities)"
    removed = [c for c in old.caveats if c not in new.caveats]
    if removed:
        return f"caveat {removed[0]} would be removed"
    if old.expires is not None and (new.expires is None or new.expires > old.expires):
        return "the expiry would be " + ("removed" if new.expires is None else "made later")
    if not precision_meets(new.precision, old.precision):
        return f"precision would be made finer ({old.precision} → {new.precision})"
    return None


@dataclass
class MarkingOutcome:
    """What :func:`set_marking` did: a new version of our feature, or a restriction of a
    partner's (``restricted``), or nothing (``unchanged``)."""

    layer: str
    uuid: str
    marking: Marking
    restricted: bool = False
    unchanged: bool = False
    version: int | None = None

    def sentence(self, name: str | None = None) -> str:
        what = f"{self.layer} {name or self.uuid}"
        label = f"TLP:{self.marking.tlp.value}"
        if self.unchanged:
            return f"Marking of {what} unchanged ({label})."
        if self.restricted:
            return f"Marking of {what} restricted to {label} for what we pass on (its originator's version is kept)."
        return f"Marking of {what} saved: {label} (version {self.version})."


def originator_marking(workspace: Workspace, layer: str, uuid: str, current: Marking) -> Marking:
    """The marking the feature's originator signed (what we received), else the one held."""
    db = workspace.sql
    if db.has_table("humanops_signed_versions"):
        row = db.execute("SELECT tlp, releasable_to, caveats, expires, precision FROM humanops_signed_versions "
                         "WHERE layer = ? AND uuid = ?", (layer, uuid)).fetchone()
        if row is not None:
            return Marking.from_columns(dict(zip(("tlp", "releasable_to", "caveats", "expires", "precision"), row,
                                                 strict=True)))
    return current


def check_marking(workspace: Workspace, layer: str, uuid: str, marking: Marking) -> tuple[Any, Marking | None]:
    """(the feature, the originator's marking if it is a partner's feature) after checking that
    ``marking`` may be set: the protocol's floors, and stricter-only on a partner's feature.
    Raises SharingError with the reason (the app shows it)."""
    protocol = adopted_protocol(workspace)
    if protocol is not None:
        protocol.check(layer, marking, feature=uuid)
    feature = workspace.get_feature(layer, uuid)
    own = workspace.organisation
    if not feature.originator or feature.originator == own:
        return feature, None
    original = originator_marking(workspace, layer, uuid, feature.marking)
    reason = widening(original, marking)
    if reason:
        raise SharingError(f"received from {feature.originator}: its marking may only be made stricter ({reason})",
                           layer=layer, feature=uuid)
    return feature, original


def set_marking(workspace: Workspace, layer: str, uuid: str, marking: Marking, *,
                expected_version: int | None = None) -> MarkingOutcome:
    """Set one feature's marking (see the module docstring); refusals change nothing."""
    from humanops.model.marking import format_time, utc_now

    with workspace.transaction():
        db = workspace.sql
        feature, original = check_marking(workspace, layer, uuid, marking)
        if expected_version is not None and feature.version != expected_version:
            raise WorkspaceError(f"was changed meanwhile (now version {feature.version})", layer=layer, feature=uuid)
        if marking == feature.marking:
            return MarkingOutcome(layer, uuid, marking, unchanged=True, version=feature.version)
        if original is None:
            stored = workspace.update_feature(layer, uuid, marking=marking)
            return MarkingOutcome(layer, uuid, marking, version=stored.version)
        from humanops.sharing.tables import ensure_tables

        ensure_tables(db)
        workspace.restrict_marking(layer, uuid, marking)
        if marking == original:
            db.execute("DELETE FROM humanops_restrictions WHERE layer = ? AND uuid = ?", (layer, uuid))
        else:
            db.upsert("humanops_restrictions", {"layer": layer, "uuid": uuid,
                                                "marking": json.dumps(marking.to_columns()),
                                                "set_at": format_time(utc_now())}, key=("layer", "uuid"))
        return MarkingOutcome(layer, uuid, marking, restricted=True, version=feature.version)


def reapply_restrictions(workspace: Workspace, layer: str, uuids: list[str]) -> list[str]:
    """After newer versions of partners' features were stored: put our stricter markings back
    where they are still stricter than the originator's new one; drop the others (the
    originator tightened further). Returns the uuids whose restriction was dropped."""
    if not uuids:
        return []
    db = workspace.sql
    wanted = set(uuids)
    dropped = []
    for uid, text in db.execute("SELECT uuid, marking FROM humanops_restrictions WHERE layer = ?", (layer,)).fetchall():
        if uid not in wanted:
            continue
        feature = workspace.find_feature(layer, uid)
        if feature is None:
            continue
        ours = Marking.from_columns(json.loads(text))
        if widening(feature.marking, ours) is None:
            if ours != feature.marking:
                workspace.restrict_marking(layer, uid, ours)
        else:
            db.execute("DELETE FROM humanops_restrictions WHERE layer = ? AND uuid = ?", (layer, uid))
            dropped.append(uid)
    return dropped


@dataclass
class MarkReport:
    """What ``mark_features`` did."""

    layer: str
    selected: int = 0
    changed: int = 0
    unchanged: int = 0
    changes: dict[str, Any] = field(default_factory=dict)  # the parts of the marking set
    uuids: list[str] = field(default_factory=list)  # features given a new version

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "selected": self.selected, "changed": self.changed,
                "unchanged": self.unchanged, "changes": self.changes, "uuids": self.uuids}

    def summary(self) -> str:
        parts = ", ".join(f"{k}={v if v not in (None, '', []) else '(none)'}" for k, v in self.changes.items())
        return (f"{self.layer}: {self.selected} selected, {self.changed} marked ({parts}), "
                f"{self.unchanged} already so")


def _changes(tlp: Any, releasable_to: Any, caveats: Any, expires: Any, precision: Any,
             layer: str) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    try:
        if tlp is not KEEP:
            changes["tlp"] = tlp if isinstance(tlp, TLP) else TLP.parse(tlp)
        if releasable_to is not KEEP:
            changes["releasable_to"] = split_list(releasable_to)
        if caveats is not KEEP:
            changes["caveats"] = split_list(caveats)
        if expires is not KEEP:
            changes["expires"] = None if expires is None or str(expires).strip().lower() in ("", "none") \
                else parse_time(expires, field="expires")
        if precision is not KEEP:
            changes["precision"] = precision if isinstance(precision, Precision) else Precision.parse(precision)
        Marking(**changes)  # checks party ids and caveats once, before any feature
    except ValidationError as exc:
        raise ValidationError(exc.reason, layer=layer, field=exc.field) from None
    if not changes:
        raise ValidationError("nothing to mark: give a TLP, releasable_to, caveats, expires or precision",
                              layer=layer)
    return changes


def mark_features(workspace: Workspace, layer: str, *, where: str | None = None,
                  ids: list[str] | None = None, all_features: bool = False, tlp: Any = KEEP,
                  releasable_to: Any = KEEP, caveats: Any = KEEP, expires: Any = KEEP,
                  precision: Any = KEEP, feedback: Feedback | None = None) -> MarkReport:
    """Set parts of the marking of the selected features of ``layer``, all or nothing.

    Select with exactly one of ``where`` (safe filter, see module docstring), ``ids`` (uuids)
    or ``all_features``. Marking parts left at ``KEEP`` stay as they are; ``expires=None``
    removes an expiry, an empty ``releasable_to`` or ``caveats`` clears the list.
    """
    kind = workspace.kind(layer)
    if sum((where is not None, ids is not None, bool(all_features))) != 1:
        raise ValidationError("select features with exactly one of a filter, a list of ids, or all",
                              layer=layer)
    changes = _changes(tlp, releasable_to, caveats, expires, precision, layer)
    feedback = feedback or Feedback()
    report = MarkReport(layer, changes={k: _show(v) for k, v in changes.items()})
    if where is not None:
        columns = [*kind.field_names, *(c for c, _ in SYSTEM_COLUMNS), "fid"]
        check_where(where, columns, layer=layer)
    with workspace.transaction():
        uuids = _select(workspace, layer, where, ids)
        features = workspace.features(layer, uuids) if uuids is not None else workspace.features(layer)
        if ids is not None:
            missing = sorted(set(uuids or ()) - {f.uuid for f in features})
            if missing:
                raise WorkspaceError("no such feature", layer=layer, feature=missing[0])
        report.selected = len(features)
        planned: list[tuple[str, Marking]] = []
        for feature in features:
            marking = feature.marking.with_changes(**changes)
            check_marking(workspace, layer, feature.uuid, marking)  # every refusal before any change
            if marking == feature.marking:
                report.unchanged += 1
            else:
                planned.append((feature.uuid, marking))
        for i, (uid, marking) in enumerate(planned):
            if i % 200 == 0:
                feedback.progress(i / max(1, len(planned)), f"marking {layer}")
            set_marking(workspace, layer, uid, marking)
            report.uuids.append(uid)
        report.changed = len(planned)
        feedback.progress(1.0, f"marked {len(planned)} {layer} features")
    return report


def _select(workspace: Workspace, layer: str, where: str | None, ids: list[str] | None) -> list[str] | None:
    """uuids of the selection, or None for the whole layer."""
    if ids is not None:
        return list(dict.fromkeys(str(i).strip() for i in ids if str(i).strip()))
    if where is None:
        return None
    # a filter the store cannot evaluate is a ValidationError (field "where") from the reader
    rows = workspace.rows(layer, ["uuid"], where=where, geometry=False)
    return [str(u) for u in rows.column("uuid")]


def _show(value: Any) -> Any:
    if isinstance(value, TLP):
        return value.value
    if isinstance(value, Precision):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
