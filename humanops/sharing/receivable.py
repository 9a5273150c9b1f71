"""What would go to a partner at a time: the one answer the map, the send preview and export share.

The answer is the policy's (``decide_many`` with us as exporter and the partner as recipient)
plus the two rules export adds: generalised copies received from others are never passed on,
and a partner's feature goes only as its originator signed it
(:mod:`humanops.sharing.signed_rows`). A feature the policy would generalise counts as going
(its location goes coarsened). "Now" is the workspace's clock (:mod:`humanops.model.clock`).

Qt-free: the predicate runs on the canvas's render threads, the count in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from humanops.model.clock import workspace_now
from humanops.sharing.directory import Directory
from humanops.sharing.policy import GENERALISE, WITHHOLD, Decisions, decide_many
from humanops.sharing.signed_rows import REASONS

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

_COLUMNS = ("uuid", "originator", "tlp", "releasable_to", "caveats", "expires", "precision")


def scenario_now(workspace: Workspace) -> datetime:
    """The workspace's clock (its scenario time if it has one, else now)."""
    return workspace_now(workspace)


def our_organisation(workspace: Workspace) -> str:
    from humanops.sharing.keys import has_identity, own_identity

    return own_identity(workspace).org_id if has_identity(workspace) else workspace.organisation


@dataclass(frozen=True)
class SendFilter:
    """Everything the decision needs, frozen when the partner is chosen (the directory is a
    snapshot: a change in it makes a new filter)."""

    recipient: str
    exporter: str
    directory: Directory
    now: datetime
    generalised_copies: dict[str, frozenset[str]] = field(default_factory=dict)
    # partners' features that cannot go as their originator signed them: uuid -> reason code
    unsendable: dict[str, dict[str, str]] = field(default_factory=dict)
    respect_aor: bool = False

    def decisions(self, layer: str, frame: pd.DataFrame) -> Decisions:
        """The policy's decisions (``decide_many``) with the two rules export adds: generalised
        copies received from others are never passed on, and a partner's feature goes only as
        its originator signed it. Export, its preview and the map all ask this."""
        judged = frame
        if self.respect_aor and "geometry" not in frame.columns and "_geom" in frame.columns:
            judged = frame.assign(geometry=frame["_geom"])  # rows as exchange reads them
        decisions = decide_many(judged, self.exporter, self.recipient, self.directory, self.now,
                                respect_aor=self.respect_aor)
        if "uuid" not in frame.columns:
            return decisions
        uuids = frame["uuid"]
        unsendable = self.unsendable.get(layer)
        if unsendable:
            codes = uuids.map(unsendable).to_numpy(dtype=object)
            for code in set(c for c in codes if isinstance(c, str)):
                _override(decisions, codes == code, code, REASONS.get(code, code))
        copies = self.generalised_copies.get(layer)
        if copies:  # the more telling reason for a copy we hold only generalised
            _override(decisions, uuids.isin(copies).to_numpy(dtype=bool), "generalised_copy",
                      "a generalised copy received from others is never passed on")
        return decisions

    def actions(self, layer: str, frame: pd.DataFrame) -> np.ndarray:
        """Per row: "allow", "generalise" or "withhold"."""
        return np.asarray(self.decisions(layer, frame).action, dtype=object)

    def __call__(self, layer: str, frame: pd.DataFrame) -> np.ndarray:
        """The canvas's predicate: True where the feature may go (exactly or generalised)."""
        return self.actions(layer, frame) != WITHHOLD


def _override(decisions: Decisions, mask: np.ndarray, code: str, reason: str) -> None:
    if mask.any():
        decisions.action[mask] = WITHHOLD
        decisions.reason_code[mask] = code
        decisions.reason[mask] = reason
        decisions.precision[mask] = None


def unsendable_features(workspace: Workspace, layers: list[str] | None = None) -> dict[str, dict[str, str]]:
    """Per layer, partners' features that cannot go as their originator signed them."""
    from humanops.sharing.layer_rows import read_rows
    from humanops.sharing.signed_rows import signed_view
    from humanops.sharing.tables import has_tables

    me = our_organisation(workspace)
    if not has_tables(workspace.sql):
        return {}
    out: dict[str, dict[str, str]] = {}
    for layer in layers or workspace.layers():
        partners = workspace.uuids(layer, not_originated_by=me)
        if not partners:
            continue
        view = signed_view(workspace, layer, read_rows(workspace, layer, partners), me)
        bad = {u: c for u, c in zip(view.frame["uuid"], view.unsigned, strict=True) if c}
        if bad:
            out[layer] = bad
    return out


def load_send_filter(workspace: Workspace, recipient: str, now: datetime | None = None, *,
                     respect_aor: bool = False, check_signatures: bool = True) -> SendFilter:
    """The filter for ``recipient``. Without ``check_signatures`` it is quick (for the GUI
    thread) but does not yet know which partners' features cannot go as signed:
    :func:`with_signatures_checked` completes it (re-hashing partners' features: a worker's job)."""
    from humanops.sharing.directory_store import load_directory

    copies: dict[str, set[str]] = {}
    db = workspace.sql
    if db.has_table("humanops_generalised"):
        for layer, uid in db.execute("SELECT layer, uuid FROM humanops_generalised"):
            copies.setdefault(layer, set()).add(uid)
    return SendFilter(recipient, our_organisation(workspace), load_directory(workspace), now or scenario_now(workspace),
                      {k: frozenset(v) for k, v in copies.items()},
                      unsendable_features(workspace) if check_signatures else {}, respect_aor)


def with_signatures_checked(workspace: Workspace, send_filter: SendFilter) -> SendFilter:
    """The same filter, knowing which partners' features cannot go as their originator signed them."""
    from dataclasses import replace

    return replace(send_filter, unsendable=unsendable_features(workspace))


@dataclass
class SendCount:
    recipient: str
    total: int = 0
    going: int = 0
    generalised: int = 0
    layers: dict[str, tuple[int, int]] = field(default_factory=dict)  # layer -> (going, total)
    not_counted: list[str] = field(default_factory=list)  # layers packages leave out unless asked
    at: datetime | None = None  # the time the rules were applied at (expiry)

    @property
    def withheld(self) -> int:
        return self.total - self.going

    def sentence(self) -> str:
        text = (f"{self.recipient} would receive {self.going:,} of {self.total:,} features "
                f"({self.withheld:,} withheld")
        if self.generalised:
            text += f"; {self.generalised:,} with generalised locations"
        text += ")"
        if self.at is not None:
            text += f" as of {self.at:%Y-%m-%d %H:%M} UTC"
        if self.not_counted:
            text += f"; {', '.join(self.not_counted)} not counted (sent only when included)"
        return text


def count_sendable(workspace: Workspace, send_filter: SendFilter, feedback: Feedback | None = None) -> SendCount:
    """How many features the partner would receive, in the layers a package holds by default
    (the road network is left out: it is sent only when asked). Marking columns only: no
    geometry is read."""
    out = SendCount(send_filter.recipient, at=send_filter.now)
    names = [k.name for k in workspace.catalog if k.exchange_by_default]
    out.not_counted = [k.title.lower() for k in workspace.catalog if not k.exchange_by_default]
    for index, layer in enumerate(names):
        if feedback is not None:
            feedback.progress(index / max(1, len(names)), f"counting {layer}")
        rows = workspace.rows(layer, list(_COLUMNS), geometry=False, fids=False).values
        if not rows:
            continue
        frame = pd.DataFrame({c: pd.Series(list(values), dtype=object)
                              for c, values in zip(_COLUMNS, zip(*rows, strict=True), strict=True)})
        action = send_filter.actions(layer, frame)
        going = int((action != WITHHOLD).sum())
        out.total += len(frame)
        out.going += going
        out.generalised += int((action == GENERALISE).sum())
        out.layers[layer] = (going, len(frame))
    return out
