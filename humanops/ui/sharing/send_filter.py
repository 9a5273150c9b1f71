""""What could I send to ORG?": the policy's answer per feature, for the map and its count.

The answer is the engine's (``decide_many`` with us as exporter and the partner as
recipient), plus the one rule export adds: generalised copies received from others are never
passed on. A feature the policy would generalise counts as going (its location goes coarsened).
"Now" is the scenario's time when the workspace has one (the demo's ``scenario_now``), so the
map agrees with the scenario's expiries; else the clock's.

Qt-free: the predicate runs on the canvas's render threads, the count in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from humanops.model.marking import parse_time, utc_now
from humanops.sharing.directory import Directory
from humanops.sharing.policy import GENERALISE, WITHHOLD, decide_many

if TYPE_CHECKING:
    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

_COLUMNS = ("uuid", "originator", "tlp", "releasable_to", "caveats", "expires", "precision")


def scenario_now(workspace: Workspace) -> datetime:
    """The workspace's scenario time (``scenario_now`` meta) if it has one, else now."""
    text = workspace.get_meta("scenario_now")
    if text:
        try:
            stamp = parse_time(text, field="scenario_now")
        except Exception:  # a hand-edited meta value must not break the map
            stamp = None
        if stamp is not None:
            return stamp
    return utc_now()


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

    def actions(self, layer: str, frame: pd.DataFrame) -> np.ndarray:
        """Per row: "allow", "generalise" or "withhold"."""
        action = np.asarray(decide_many(frame, self.exporter, self.recipient, self.directory, self.now).action,
                            dtype=object).copy()
        copies = self.generalised_copies.get(layer)
        if copies and "uuid" in frame.columns:
            action[frame["uuid"].isin(copies).to_numpy(dtype=bool)] = WITHHOLD
        return action

    def __call__(self, layer: str, frame: pd.DataFrame) -> np.ndarray:
        """The canvas's predicate: True where the feature may go (exactly or generalised)."""
        return self.actions(layer, frame) != WITHHOLD


def load_send_filter(workspace: Workspace, recipient: str) -> SendFilter:
    from humanops.sharing.directory_store import load_directory

    copies: dict[str, set[str]] = {}
    db = workspace.connection
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'humanops_generalised'").fetchone():
        for layer, uid in db.execute("SELECT layer, uuid FROM humanops_generalised"):
            copies.setdefault(layer, set()).add(uid)
    return SendFilter(recipient, our_organisation(workspace), load_directory(workspace), scenario_now(workspace),
                      {k: frozenset(v) for k, v in copies.items()})


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
    select = ", ".join(f'"{c}"' for c in _COLUMNS)
    for index, layer in enumerate(names):
        if feedback is not None:
            feedback.progress(index / max(1, len(names)), f"counting {layer}")
        rows = workspace.connection.execute(f'SELECT {select} FROM "{layer}"').fetchall()
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
