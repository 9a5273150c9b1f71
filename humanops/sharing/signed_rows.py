"""Which version of each feature goes out, and under whose signature.

For export: our own features go as we hold them, signed by us at export time (with the
editors we named). A partner's feature goes only as its author signed it: the marking columns
carry the originator's signed marking, and our stricter marking, if we set one, travels beside
it as a *restriction*; what we hold must still hash to what the author signed. A partner's
feature that changed here without its authority (QGIS, SQL, an older HumanOps) or whose
signature we never received is withheld, with the reason, never sent as the originator's.
A version we made as a named editor is signed by us.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from humanops.model.marking import Marking
from humanops.sharing.authority import parse_editors
from humanops.sharing.editors import named_editors
from humanops.sharing.originator_signatures import MARKING, content_hashes, signed_versions
from humanops.store.workspace import Workspace

NO_SIGNATURE = "no_originator_signature"
CHANGED_HERE = "changed_without_authority"
LOOSENED_HERE = "marking_loosened_here"
REASONS = {
    NO_SIGNATURE: "we hold no signature of its originator for this version",
    CHANGED_HERE: "changed here without its originator's authority (another tool or a direct edit): only the "
                  "originator's signed version may go out; send your change as a proposal",
    LOOSENED_HERE: "its marking here is looser than its originator's: refused",
}


@dataclass
class SignedView:
    """Rows as they would travel: ``frame`` (marking columns = the author's signed marking,
    ``_author``, ``_editors``, ``_restriction``), the statement ids they need, and per row the
    reason code when it cannot go (None when it can)."""

    frame: pd.DataFrame
    statement_ids: np.ndarray  # per row: the statement to forward, or None (ours: signed now)
    unsigned: np.ndarray  # per row: reason code or None


def signed_view(workspace: Workspace, layer: str, rows: pd.DataFrame, me: str) -> SignedView:
    """The outgoing form of live rows read with :func:`humanops.sharing.layer_rows.read_rows`."""
    n = len(rows)
    view = rows.copy()
    originator = view["originator"].fillna("").astype(str).to_numpy(dtype=object)
    own = (originator == "") | (originator == me)
    originator[originator == ""] = me
    view["originator"] = originator
    per_feature, default = named_editors(workspace, layer)
    uuids = view["uuid"].to_numpy(dtype=object)
    editors = np.array([",".join(per_feature.get(u, default)) if o else "" for u, o in zip(uuids, own, strict=True)],
                       dtype=object)
    author = np.where(own, me, "").astype(object)
    restriction = np.full(n, None, dtype=object)
    statement_ids = np.full(n, None, dtype=object)
    unsigned = np.full(n, None, dtype=object)
    others = np.flatnonzero(~own)
    if len(others):
        _partners_rows(workspace, layer, view, others, me, author, editors, restriction, statement_ids, unsigned)
    view["_author"] = author
    view["_editors"] = editors
    view["_restriction"] = pd.Series(list(restriction), dtype=object, index=view.index)
    view["_proposed_by"] = None
    return SignedView(view, statement_ids, unsigned)


def _text_column(values: Any) -> np.ndarray:
    return np.array(["" if v is None or v != v else str(v) for v in values], dtype=object)


def _partners_rows(workspace: Workspace, layer: str, view: pd.DataFrame, others: np.ndarray, me: str,
                   author: np.ndarray, editors: np.ndarray, restriction: np.ndarray, statement_ids: np.ndarray,
                   unsigned: np.ndarray) -> None:
    """Partners' rows against their signed records, whole columns at once (a relay may hold
    most of a layer from others)."""
    uuids = view["uuid"].to_numpy(dtype=object)[others]
    records = signed_versions(workspace, layer, uuids)
    rec = records.reindex(uuids)
    has = rec["version"].notna().to_numpy()
    held_version = view["version"].to_numpy()[others].astype(np.int64)
    rec_version = rec["version"].fillna(0).to_numpy().astype(np.int64)
    rec_deleted = rec["deleted"].fillna(0).to_numpy().astype(bool)
    rec_editors = rec["editors"].to_numpy(dtype=object)
    parsed = {e: parse_editors(e) for e in set(rec_editors.tolist()) if isinstance(e, str)}
    named_editor = np.array([me in parsed.get(e, ()) for e in rec_editors], dtype=bool)
    same = has & (rec_version == held_version) & ~rec_deleted
    ours = has & ~same & named_editor & (held_version > rec_version)  # our edit as a named editor: we sign it
    unsigned[others[~has]] = NO_SIGNATURE
    unsigned[others[has & ~same & ~ours]] = CHANGED_HERE
    ok = same | ours
    rows = others[ok]
    author[others[same]] = rec["author"].to_numpy(dtype=object)[same]
    author[others[ours]] = me
    statement_ids[others[same]] = rec["statement_id"].to_numpy(dtype=object)[same]
    editors[rows] = [",".join(parsed.get(e, ())) for e in rec_editors[ok]]
    # the marking we hold against the one its author signed: ours may only be stricter
    held_text = [_text_column(view[c].to_numpy(dtype=object)[rows]) for c in MARKING]
    signed_text = [_text_column(rec[c].to_numpy(dtype=object)[ok]) for c in MARKING]
    differs = np.zeros(len(rows), dtype=bool)
    for h, g in zip(held_text, signed_text, strict=True):
        differs |= h != g
    verdicts: dict[tuple, tuple[str | None, dict | None]] = {}
    for j in np.flatnonzero(differs):
        key = tuple(t[j] for t in held_text) + tuple(t[j] for t in signed_text)
        if key not in verdicts:
            held = Marking.from_columns({c: key[k] or None for k, c in enumerate(MARKING)})
            signed = Marking.from_columns({c: key[5 + k] or None for k, c in enumerate(MARKING)})
            if held == signed:
                verdicts[key] = (None, None)
            else:
                from humanops.sharing.marking_ops import widening

                verdicts[key] = (LOOSENED_HERE, None) if widening(signed, held) else (None, held.to_columns())
        code, columns = verdicts[key]
        if code:
            unsigned[rows[j]] = code
        restriction[rows[j]] = columns
    for c in MARKING:  # what travels is the author's own marking
        column = view[c].to_numpy(dtype=object).copy()
        column[rows] = rec[c].to_numpy(dtype=object)[ok]
        view[c] = column
    view["_author"] = author
    view["_editors"] = editors
    check = others[same]
    if len(check):
        sub = view.iloc[check].copy()
        sub["_deleted"] = False
        sub["_generalised"] = None
        hashes = content_hashes(layer, sub, workspace.kind(layer).field_names)
        expected = rec["content_hash"].to_numpy(dtype=object)[same]
        wrong = np.array([h.hex() != e for h, e in zip(hashes, expected, strict=True)], dtype=bool)
        unsigned[check[wrong]] = CHANGED_HERE
