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

import numpy as np
import pandas as pd

from humanops.model.marking import Marking
from humanops.sharing.authority import parse_editors
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


def own_editors(workspace: Workspace, layer: str) -> tuple[dict[str, str], str]:
    """(editors per feature uuid, the layer's default) as comma text, for our own features."""
    db = workspace.connection
    per_feature: dict[str, str] = {}
    default = ""
    for uid, editors in db.execute("SELECT uuid, editors FROM humanops_editors WHERE layer = ?", (layer,)):
        if uid:
            per_feature[uid] = editors
        else:
            default = editors
    return per_feature, default


def signed_view(workspace: Workspace, layer: str, rows: pd.DataFrame, me: str) -> SignedView:
    """The outgoing form of live rows read with :func:`humanops.sharing.layer_rows.read_rows`."""
    n = len(rows)
    view = rows.copy()
    originator = view["originator"].fillna("").astype(str).to_numpy(dtype=object)
    own = (originator == "") | (originator == me)
    originator[originator == ""] = me
    view["originator"] = originator
    per_feature, default = own_editors(workspace, layer)
    uuids = view["uuid"].to_numpy(dtype=object)
    editors = np.array([per_feature.get(u, default) if o else "" for u, o in zip(uuids, own, strict=True)],
                       dtype=object)
    author = np.where(own, me, "").astype(object)
    restriction = np.full(n, None, dtype=object)
    statement_ids = np.full(n, None, dtype=object)
    unsigned = np.full(n, None, dtype=object)
    others = np.flatnonzero(~own)
    if len(others):
        records = signed_versions(workspace, layer, uuids[others])
        versions = view["version"].to_numpy()
        check_rows: list[int] = []
        for i in others:
            uid = uuids[i]
            if uid not in records.index:
                unsigned[i] = NO_SIGNATURE
                continue
            rec = records.loc[uid]
            rec_editors = parse_editors(rec["editors"])
            if int(rec["version"]) == int(versions[i]) and not rec["deleted"]:
                author[i] = rec["author"]
                statement_ids[i] = rec["statement_id"]
                check_rows.append(int(i))
            elif me in rec_editors and int(versions[i]) > int(rec["version"]):
                author[i] = me  # our edit as a named editor: we sign it
            else:
                unsigned[i] = CHANGED_HERE
                continue
            editors[i] = ",".join(rec_editors)
            held = Marking.from_columns({c: view.at[i, c] for c in MARKING})
            signed = Marking.from_columns({c: rec[c] for c in MARKING})
            if held != signed:
                from humanops.sharing.marking_ops import widening

                if widening(signed, held):
                    unsigned[i] = LOOSENED_HERE
                    continue
                restriction[i] = held.to_columns()
            for c in MARKING:
                view.at[i, c] = rec[c]
        view["_author"] = author
        view["_editors"] = editors
        if check_rows:
            idx = np.asarray(check_rows)
            sub = view.iloc[idx].copy()
            sub["_deleted"] = False
            sub["_generalised"] = None
            hashes = content_hashes(layer, sub, workspace.kind(layer).field_names)
            expected = records.loc[uuids[idx], "content_hash"].to_numpy(dtype=object)
            for j, h in enumerate(hashes):
                if h.hex() != expected[j]:
                    unsigned[idx[j]] = CHANGED_HERE
    view["_author"] = author
    view["_editors"] = editors
    view["_restriction"] = pd.Series(list(restriction), dtype=object, index=view.index)
    view["_proposed_by"] = None
    return SignedView(view, statement_ids, unsigned)
