"""The sharing rule: may this recipient receive this feature from this exporter, now?

:func:`may_receive` is the only place that decides; export filters through it, import checks
it again. :func:`decide_many` gives the same answers for a whole frame of markings at once.
Both are pure: they read the feature's marking and originator, the exporter, the recipient,
the directory snapshot and the time, nothing else.

Words: the *originator* made the feature (an empty originator means the exporter's own
feature: only local edits made before an identity was set have one). The *exporter* is
sending it now; when exporter ≠ originator the exporter is itself a recipient passing it on
(*re-export*). A recipient is *named* by a party of ``releasable_to`` when the party is the
recipient's id or a community it belongs to (``Directory.is_named``); *named directly* means
its own id is in ``releasable_to``.

The rules, in order; the first that matches decides:

==  =================================================================  ========  ===========================
 #  condition                                                          action    reason_code
==  =================================================================  ========  ===========================
 1  TLP, caveat or precision not one this version knows                withhold  unknown_marking
 2  ``expires`` ≤ now                                                  withhold  expired
 3  recipient's key revoked at or before now, and TLP above CLEAR      withhold  recipient_revoked
 4  recipient is the originator (its own feature coming back)          allow     originator
 5  re-export and caveat ``no_onward_sharing``                         withhold  no_onward_sharing
 6  re-export and RED                                                  withhold  onward_red
 7  re-export and AMBER+STRICT                                         withhold  onward_amber_strict
 8  CLEAR                                                              allow     clear
 9  GREEN, releasable_to given, recipient not named by it              withhold  not_releasable
10  GREEN, releasable_to empty, recipient in no community of the       withhold  no_shared_community
    originator
11  AMBER, releasable_to given, recipient not named by it              withhold  not_releasable
12  AMBER, releasable_to empty, re-export (the originator named        withhold  originator_limit
    nobody the exporter may pass it to)
13  AMBER+STRICT, recipient not named directly                         withhold  tlp_amber_strict_not_named
14  RED, recipient not named directly                                  withhold  tlp_red_not_named
15  ``respect_aor``, recipient has an area of responsibility, the      withhold  outside_aor
    feature has a geometry and it does not intersect that area
16  precision is grid/admin and the recipient is not named directly    generalise precision
    (and is not the originator)
17  otherwise                                                          allow     named / community /
                                                                                 chosen_by_originator
==  =================================================================  ========  ===========================

Consequences worth stating:

- AMBER with an empty ``releasable_to``, sent by its originator, goes to whichever partners
  the originator exports it to: choosing them *is* naming them (rule 17, chosen_by_originator).
  Passed on by anyone else it goes nowhere (rule 12).
- RED and AMBER+STRICT need the recipient's own id in ``releasable_to``: a community is never
  enough, an empty list names nobody.
- Re-export never widens: for every rule the set of recipients a re-exporter may reach is a
  subset of those the originator may reach (same list, same originator communities, and rules
  5–7 and 12 only remove). The originator itself may always get its own feature back
  (rule 4: nothing it does not already know leaves) — except when expired.
- GREEN with an empty list uses the *originator's* communities, also on re-export, so an
  exporter's own memberships never widen it. A community the directory does not know names
  nobody.
- Unknown values never map to something weaker: an unparseable marking is withheld (rule 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.errors import ValidationError
from humanops.model.feature import Feature
from humanops.model.marking import CAVEATS, TLP, Marking, Precision, parse_time
from humanops.sharing.directory import Directory

ALLOW, WITHHOLD, GENERALISE = "allow", "withhold", "generalise"
_KNOWN_CAVEATS = frozenset(CAVEATS)
_PRECISION_MODES = ("exact", "grid", "admin")


@dataclass(frozen=True)
class Decision:
    """What the policy answers for one feature and one recipient."""

    action: str  # "allow" | "withhold" | "generalise"
    reason: str  # a sentence for people
    reason_code: str  # stable short code for counting and tests
    precision: Precision | None = None  # how to generalise, for "generalise"

    @property
    def allowed(self) -> bool:
        """Whether anything (exact or generalised) goes to the recipient."""
        return self.action != WITHHOLD


def _withhold(code: str, reason: str) -> Decision:
    return Decision(WITHHOLD, reason, code)


_UNKNOWN = _withhold("unknown_marking", "the marking holds a value this version does not know")
_EXPIRED = _withhold("expired", "the marking has expired: expired information is never shared")
_OUTSIDE_AOR = _withhold("outside_aor", "outside the recipient's area of responsibility")


def _marking_is_known(marking: Marking) -> bool:
    precision = marking.precision
    return (
        isinstance(marking.tlp, TLP)
        and isinstance(precision, Precision)
        and precision.mode in _PRECISION_MODES
        and (precision.mode != "grid" or bool(precision.grid_m))
        and (precision.mode != "admin" or bool(precision.admin_field))
        and all(c in _KNOWN_CAVEATS for c in marking.caveats)
    )


def _decide_marking(marking: Marking, originator: str, exporter: str, recipient: str,
                    directory: Directory, now: datetime) -> Decision:
    """Rules 3–14 and 16–17: everything but validity, expiry and area of responsibility."""
    tlp = marking.tlp
    label = f"TLP:{tlp.value}"
    org = directory.organisation(recipient)
    if org is not None and org.revoked_at is not None and tlp is not TLP.CLEAR and _at_or_before(
            org.revoked_at, now):
        return _withhold("recipient_revoked", f"{label}: the recipient's key has been revoked")
    if recipient == originator:
        return Decision(ALLOW, "the recipient is the feature's originator", "originator")
    onward = exporter != originator
    if onward:
        if marking.no_onward_sharing:
            return _withhold("no_onward_sharing",
                             f"marked no onward sharing: only {originator} may share it")
        if tlp is TLP.RED:
            return _withhold("onward_red", f"{label}: received from {originator}, never passed on")
        if tlp is TLP.AMBER_STRICT:
            return _withhold("onward_amber_strict",
                             f"{label}: received from {originator}, never passed on")
    parties = marking.releasable_to
    named_directly = recipient in parties
    if tlp is TLP.CLEAR:
        allowed = Decision(ALLOW, f"{label}: may go to anyone", "clear")
    elif tlp is TLP.GREEN:
        if parties:
            if not any(directory.is_named(p, recipient) for p in parties):
                return _withhold("not_releasable",
                                 f"{label}: recipient is not named in releasable_to")
            allowed = Decision(ALLOW, f"{label}: recipient is named in releasable_to", "named")
        else:
            shared = directory.communities_of(originator) & directory.communities_of(recipient)
            if not shared:
                return _withhold("no_shared_community",
                                 f"{label}: recipient shares no community with {originator}")
            allowed = Decision(ALLOW, f"{label}: recipient is in {min(shared)} with {originator}",
                               "community")
    elif tlp is TLP.AMBER:
        if parties:
            if not any(directory.is_named(p, recipient) for p in parties):
                return _withhold("not_releasable",
                                 f"{label}: recipient is not named in releasable_to")
            allowed = Decision(ALLOW, f"{label}: recipient is named in releasable_to", "named")
        elif onward:
            return _withhold("originator_limit",
                             f"{label}: {originator} named no one it may be passed on to")
        else:
            allowed = Decision(ALLOW, f"{label}: the originator chose this recipient",
                               "chosen_by_originator")
    else:  # AMBER+STRICT or RED: the recipient's own id must be in releasable_to
        if not named_directly:
            code = "tlp_red_not_named" if tlp is TLP.RED else "tlp_amber_strict_not_named"
            return _withhold(code, f"{label}: recipient is not named in releasable_to")
        allowed = Decision(ALLOW, f"{label}: recipient is named in releasable_to", "named")
    if marking.precision.mode != "exact" and not named_directly:
        return Decision(GENERALISE,
                        f"{label}: locations generalised ({marking.precision}) for recipients "
                        "not named in releasable_to", "precision", marking.precision)
    return allowed


def _at_or_before(moment: datetime, now: datetime) -> bool:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment <= now


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def may_receive(feature: Feature, exporter: str, recipient: str, directory: Directory,
                now: datetime, *, respect_aor: bool = False) -> Decision:
    """Whether ``recipient`` may receive ``feature`` from ``exporter`` at ``now``, and how.

    The rules are the table in this module's docstring.
    """
    marking = feature.marking
    if not isinstance(marking, Marking) or not _marking_is_known(marking):
        return _UNKNOWN
    now = _aware(now)
    if marking.expires is not None and _at_or_before(marking.expires, now):
        return _EXPIRED
    originator = feature.originator or exporter
    decision = _decide_marking(marking, originator, exporter, recipient, directory, now)
    if respect_aor and decision.action != WITHHOLD and feature.geometry is not None:
        org = directory.organisation(recipient)
        area = org.area_of_responsibility if org is not None else None
        if area is not None and not area.intersects(feature.geometry):
            return _OUTSIDE_AOR
    return decision


# --- many features at once ----------------------------------------------------------------

@dataclass(frozen=True)
class Decisions:
    """The decisions for a frame of features, row by row (numpy object arrays)."""

    action: np.ndarray
    reason_code: np.ndarray
    reason: np.ndarray
    precision: np.ndarray  # Precision for "generalise", else None

    def __len__(self) -> int:
        return len(self.action)

    def __getitem__(self, i: int) -> Decision:
        return Decision(self.action[i], self.reason[i], self.reason_code[i], self.precision[i])

    def counts(self) -> dict[str, int]:
        """How many rows per reason code (for the export preview)."""
        codes, n = np.unique(self.reason_code.astype(str), return_counts=True)
        return {str(c): int(k) for c, k in zip(codes, n, strict=True)}


_MARKING_COLUMNS = ("tlp", "releasable_to", "caveats", "precision")


def _factorised(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, list[str]]:
    """(codes, texts): each row's code into the column's distinct values as text ('' for
    missing; lists joined by commas). Few distinct values, so text work is per value."""
    n = len(frame)
    if name not in frame.columns:
        return np.zeros(n, dtype=np.int64), [""]
    values = frame[name].to_numpy(dtype=object, na_value=None)
    try:
        codes, uniques = pd.factorize(values)
    except TypeError:  # unhashable lists in the column
        values = np.array([",".join(map(str, v)) if isinstance(v, list | tuple) else v for v in values],
                          dtype=object)
        codes, uniques = pd.factorize(values)
    texts = [",".join(map(str, u)) if isinstance(u, list | tuple) else str(u) for u in uniques]
    texts.append("")  # missing values (code -1) point here
    return np.where(codes < 0, len(uniques), codes).astype(np.int64), texts


def decide_many(frame: pd.DataFrame, exporter: str, recipient: str, directory: Directory,
                now: datetime, *, respect_aor: bool = False) -> Decisions:
    """:func:`may_receive` for every row of ``frame`` at once, with the same answers.

    ``frame`` has the marking columns as stored (tlp, releasable_to, caveats, expires,
    precision), ``originator`` and, for ``respect_aor``, a geometry (a GeoDataFrame). The
    marking rules run once per distinct (marking, originator); expiry and the area check
    are vectorised. A blank or missing ``tlp`` or ``precision`` cell (a table edited by
    hand) is not understood and withheld, where the model would read a default.
    """
    n = len(frame)
    now = _aware(now)
    columns = [_factorised(frame, c) for c in (*_MARKING_COLUMNS, "originator")]
    # One integer key per row from the five codes: the distinct markings are few.
    key = np.zeros(n, dtype=np.int64)
    for codes_j, texts_j in columns:
        key = key * len(texts_j) + codes_j
    if np.prod([float(len(t)) for _, t in columns]) >= 2.0 ** 62:  # cannot overflow in practice
        key = np.unique(np.stack([c for c, _ in columns], axis=1), axis=0, return_inverse=True)[1].ravel()
    codes, uniques = pd.factorize(key, sort=False)
    first_rows = np.zeros(len(uniques), dtype=np.int64)
    first_rows[codes[::-1]] = np.arange(n)[::-1]
    table: list[Decision] = []
    for row in first_rows:
        text = [texts[c[row]] for c, texts in columns]
        values = {c: (text[j] or None) for j, c in enumerate(_MARKING_COLUMNS)}
        if not text[0].strip() or not text[3].strip():  # a blank TLP or precision is not understood
            table.append(_UNKNOWN)
            continue
        try:
            marking = Marking.from_columns(values)
        except (ValidationError, TypeError, ValueError):
            table.append(_UNKNOWN)
            continue
        if not _marking_is_known(marking):
            table.append(_UNKNOWN)
            continue
        originator = text[4] or exporter
        table.append(_decide_marking(marking, originator, exporter, recipient, directory, now))
    action = np.array([d.action for d in table] + [""], dtype=object)[:-1][codes]
    reason_code = np.array([d.reason_code for d in table] + [""], dtype=object)[:-1][codes]
    reason = np.array([d.reason for d in table] + [""], dtype=object)[:-1][codes]
    precision = np.array([d.precision for d in table] + [None], dtype=object)[:-1][codes]
    key_unknown = reason_code == "unknown_marking"

    expired, bad_expiry = _expiry(frame, now)
    for mask, decision in ((expired & ~key_unknown, _EXPIRED), (bad_expiry | key_unknown, _UNKNOWN)):
        _assign(mask, decision, action, reason_code, reason, precision)

    if respect_aor and n:
        org = directory.organisation(recipient)
        area = org.area_of_responsibility if org is not None else None
        geometry = _geometry_of(frame)
        if area is not None and geometry is not None:
            geoms = geometry
            candidates = (action != WITHHOLD) & ~pd.isna(geoms)
            if candidates.any():
                shapely.prepare(area)
                inside = np.ones(n, dtype=bool)
                inside[candidates] = shapely.intersects(area, geoms[candidates])
                _assign(candidates & ~inside, _OUTSIDE_AOR, action, reason_code, reason, precision)
    return Decisions(action, reason_code, reason, precision)


def _geometry_of(frame: pd.DataFrame) -> np.ndarray | None:
    try:
        column = frame.geometry  # a GeoDataFrame's active geometry, or a column so named
    except AttributeError:
        return None
    values = getattr(column, "values", column)
    return np.asarray(values, dtype=object)


def _assign(mask: np.ndarray, decision: Decision, *arrays: np.ndarray) -> None:
    if not mask.any():
        return
    action, reason_code, reason, precision = arrays
    action[mask] = decision.action
    reason_code[mask] = decision.reason_code
    reason[mask] = decision.reason
    precision[mask] = None


def _expiry(frame: pd.DataFrame, now: datetime) -> tuple[np.ndarray, np.ndarray]:
    """(expired, unparseable) masks of the ``expires`` column."""
    n = len(frame)
    if "expires" not in frame.columns or n == 0:
        return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    col = frame["expires"]
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        stamps = col.dt.tz_localize("UTC") if col.dt.tz is None else col.dt.tz_convert("UTC")
        expired = (stamps <= pd.Timestamp(now)).fillna(False).to_numpy(dtype=bool)
        return expired, np.zeros(n, dtype=bool)
    codes, uniques = pd.factorize(col.to_numpy(dtype=object, na_value=None))
    expired_u = np.zeros(len(uniques) + 1, dtype=bool)  # last slot: missing (code -1)
    bad_u = np.zeros(len(uniques) + 1, dtype=bool)
    for i, value in enumerate(uniques):
        if _blank(value):
            continue
        try:
            stamp = parse_time(value, field="expires")
        except ValidationError:
            bad_u[i] = True
            continue
        expired_u[i] = stamp is not None and stamp <= now
    return expired_u[codes], bad_u[codes]


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value.strip() == ""


def withheld_counts(decisions: Iterable[Decision]) -> dict[str, int]:
    """How many withheld per reason code, for reports built from single decisions."""
    out: dict[str, int] = {}
    for d in decisions:
        if d.action == WITHHOLD:
            out[d.reason_code] = out.get(d.reason_code, 0) + 1
    return out
