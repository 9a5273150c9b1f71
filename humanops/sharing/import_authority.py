"""Import's checks of authority: who signed each incoming version, and may it replace ours.

Per row of a decoded payload layer, after the marking and field checks of
:mod:`humanops.sharing.exchange_import`:

1. **Restriction**: a relay's stricter marking is never looser than the marking the author
   signed (else quarantined); the stricter one is what we hold and check the policy against.
2. **Signature**: the row's content hash (as it will be stored) is covered by a verified
   statement of its author; an author key we do not know, a revoked key, an altered
   statement or an uncovered hash quarantine the row ("cannot verify the originator's
   signature"). A proposal is signed by the package alone, and only its proposer may send it.
3. **Authority** (:func:`humanops.sharing.authority.may_change`): a version by someone who may
   not change the feature becomes their proposal; one that cannot be checked is quarantined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from humanops.errors import ValidationError
from humanops.model.marking import Marking
from humanops.sharing.authority import PROPOSE, REFUSE, Change, Held, may_change, parse_editors
from humanops.sharing.editors import named_editors
from humanops.sharing.marking_ops import widening
from humanops.sharing.originator_signatures import (
    MARKING,
    Statement,
    content_hashes,
    parse_statement,
    signed_versions,
    verify_statement,
)
from humanops.store.sql_in import select_in
from humanops.store.workspace import Workspace


@dataclass
class VerifiedStatements:
    """The package's statements: which verified ones cover each hash, and why others failed."""

    by_hash: dict[bytes, list[Statement]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # statement_id -> why it is not trusted
    statements: list[Statement] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"statements": len(self.statements), "verified": len(self.statements) - len(self.problems),
                "refused": {sid: why for sid, why in list(self.problems.items())[:20]}}


def verify_statements(workspace: Workspace, entries: list[Any], file: str) -> VerifiedStatements:
    out = VerifiedStatements()
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        statement = parse_statement(entry, file=file, index=i)
        if statement.statement_id in seen:
            continue
        seen.add(statement.statement_id)
        out.statements.append(statement)
        problem = verify_statement(workspace, statement)
        if problem:
            out.problems[statement.statement_id] = problem
        for h in statement.hashes:
            out.by_hash.setdefault(h, []).append(statement)
    return out


def apply_restrictions(frame: pd.DataFrame, verdicts: Any) -> pd.DataFrame:
    """Replace the marking columns by the relay's restriction where one travels (and is no
    looser); returns the author's signed marking columns, as they were."""
    signed = frame[list(MARKING)].copy()
    restrictions = frame["_restriction"].to_numpy(dtype=object)
    rows = np.flatnonzero(~pd.isna(restrictions) & verdicts.ok)
    for i in rows:
        try:
            original = Marking.from_columns({c: signed[c].iloc[i] for c in MARKING})
            stricter = Marking.from_columns(restrictions[i])
        except (ValidationError, OverflowError):  # values of checked types: an unknown level, party or time
            _set(verdicts, len(frame), i, "unknown_marking", "the relay's restriction holds an unknown marking value")
            continue
        why = widening(original, stricter)
        if why:
            _set(verdicts, len(frame), i, "restriction_loosens",
                 f"the relay's restriction would loosen the originator's marking ({why})")
            continue
        for column, value in stricter.to_columns().items():
            frame.iat[i, frame.columns.get_loc(column)] = value
    return signed


def _set(verdicts: Any, n: int, i: int, code: str, reason: str, *, keep_content: bool = False) -> None:
    mask = np.zeros(n, dtype=bool)
    mask[i] = True
    verdicts.set(mask, code, reason, keep_content=keep_content)


def check_signatures(layer: str, frame: pd.DataFrame, signed_marking: pd.DataFrame, values: pd.DataFrame,
                     geoms: np.ndarray, fields: list[str], sender: str, statements: VerifiedStatements,
                     verdicts: Any) -> tuple[np.ndarray, np.ndarray]:
    """(content hash hex, statement id) per row; rows nobody verifiably signed are quarantined."""
    n = len(frame)
    hashes = np.full(n, None, dtype=object)
    statement_ids = np.full(n, None, dtype=object)
    author = frame["_author"].to_numpy(dtype=object)
    proposer = frame["_proposed_by"].to_numpy(dtype=object)
    proposal = ~pd.isna(proposer)
    bad_proposal = proposal & ((proposer != sender) | (author != sender))
    verdicts.set(bad_proposal, "forwarded_proposal",
                 "a proposal must come from its proposer: it was forwarded or names another author")
    rows = np.flatnonzero(verdicts.ok & ~proposal)
    if not len(rows):
        return hashes, statement_ids
    present = [f for f in fields if f in values.columns]
    hashed = pd.DataFrame({c: frame[c].iloc[rows].to_numpy(dtype=object) for c in (
        "uuid", "version", "originator", "_author", "created", "modified", "_deleted", "_generalised", "_editors")})
    for c in MARKING:
        hashed[c] = signed_marking[c].iloc[rows].to_numpy(dtype=object)
    hashed["_geom"] = geoms[rows]
    for f in present:
        hashed[f] = values[f].iloc[rows].to_numpy(dtype=object)
    for j, h in enumerate(content_hashes(layer, hashed, present)):
        i = rows[j]
        hashes[i] = h.hex()
        covering = statements.by_hash.get(h, [])
        trusted = [s for s in covering if s.originator == author[i] and s.statement_id not in statements.problems]
        if trusted:
            statement_ids[i] = trusted[0].statement_id
            continue
        by_author = [s for s in covering if s.originator == author[i]]
        reason = (statements.problems[by_author[0].statement_id] if by_author else
                  f"cannot verify the originator's signature: no statement of {author[i]} covers this version")
        _set(verdicts, n, i, "unverified_signature", reason, keep_content=True)
    return hashes, statement_ids


def check_authority(workspace: Workspace, layer: str, frame: pd.DataFrame, signed_marking: pd.DataFrame, me: str,
                    verdicts: Any) -> tuple[np.ndarray, np.ndarray]:
    """Per row: (a proposal: sent as one, or made by someone who may not change the feature;
    a dispute over who owns the uuid, for a person to decide); refusals are quarantined."""
    n = len(frame)
    proposal = ~pd.isna(frame["_proposed_by"].to_numpy(dtype=object))
    rows = np.flatnonzero(verdicts.ok & ~proposal)
    if not len(rows):
        return proposal, np.zeros(n, dtype=bool)
    uuids = frame["uuid"].to_numpy(dtype=object)
    db = workspace.sql
    wanted = sorted(set(uuids[rows]))
    held_rows = dict(workspace.rows(layer, ["uuid", "originator"], uuids=wanted, geometry=False).values)
    for u, o in select_in(db, f"SELECT uuid, originator FROM {db.history} WHERE layer = ? AND deleted = 1 AND "
                              "uuid IN ({marks})", wanted, (layer,)):
        held_rows.setdefault(u, o)  # deleted here: its tombstone names the owner
    records = signed_versions(workspace, layer, [u for u in wanted if u in held_rows])
    own_editors, default_editors = named_editors(workspace, layer)
    author = frame["_author"].to_numpy(dtype=object)
    originator = frame["originator"].to_numpy(dtype=object)
    deleted = frame["_deleted"].to_numpy(dtype=bool)
    incoming_editors = frame["_editors"].to_numpy(dtype=object)
    disputed = np.zeros(n, dtype=bool)
    # plain dicts and arrays: row-wise pandas access costs seconds per 100,000 rows
    signed_records = {u: (parse_editors(e), tuple(m or None for m in marking)) for u, e, *marking in zip(
        records["uuid"], records["editors"], *(records[c] for c in MARKING), strict=True)}
    incoming = list(zip(*(signed_marking[c].to_numpy(dtype=object) for c in MARKING), strict=True))
    # versions of features we hold none of: asked once per distinct (originator, author)
    new = np.fromiter((u not in held_rows for u in uuids[rows]), dtype=bool, count=len(rows))
    firsts: dict[tuple[str, str], Any] = {}
    for i in rows[new]:
        key = (originator[i], author[i] or "")
        if key not in firsts:
            firsts[key] = may_change(None, Change(key[0], key[1]))
        decision = firsts[key]
        if decision.action == REFUSE:
            _set(verdicts, n, i, decision.reason_code, decision.reason, keep_content=True)
    for i in rows[~new]:
        uid = uuids[i]
        held: Held | None = None
        held_marking = held_editors = None
        if uid in held_rows:
            owner = held_rows[uid] or me
            if uid in signed_records:
                held_editors, held_marking = signed_records[uid]
            elif owner == me:
                held_editors = own_editors.get(uid, default_editors)
            held = Held(owner, held_editors or ())
        incoming_marking = tuple(m or None for m in incoming[i])
        change = Change(originator[i], author[i] or "", deleted=bool(deleted[i]),
                        marking_changed=held_marking is not None and incoming_marking != held_marking,
                        editors_changed=held_editors is not None and parse_editors(incoming_editors[i]) != held_editors)
        decision = may_change(held, change)
        if decision.action == PROPOSE:
            proposal[i] = True
        elif decision.reason_code == "originator_changed":
            # two organisations each sign the same uuid as theirs: one of them copied it (a
            # relay can claim a feature first). A person decides who owns it, never the first
            # package to arrive: kept as a conflict with both versions
            disputed[i] = True
        elif decision.action == REFUSE:
            _set(verdicts, n, i, decision.reason_code, decision.reason, keep_content=True)
    return proposal, disputed
