"""Identity and provenance a file carries (version, created, modified, source_package,
source_signer, beside uuid and originator), checked for all rows at once so that a round trip
(export, then import) keeps them.

What we decided (issue 10, item 8), following DESIGN.md's authority rule:
- they are kept only with the row's own uuid: without one the row is a new feature of ours, and
  a ``created`` of some other feature would be a false claim;
- a uuid we do not hold yet keeps everything the file says: its originator (a partner's feature
  stays theirs: we may only propose changes to it and only restrict its marking), its version
  (so the originator's next package merges as the next version), created and modified (not
  reset), and the package and signer it first came in (provenance as the file states it;
  nothing is trusted from it, a plain file carries no signature);
- a uuid we hold, at the version the row states, is the same feature again: it is left as it is (reported,
  not rejected), so re-importing our own export changes nothing;
- a uuid we hold at another version is rejected: a plain file never changes a feature we hold
  (it is edited in the app, or arrives as its originator's package).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from humanops.errors import ValidationError
from humanops.model.marking import format_time, parse_time
from humanops.store.workspace import Workspace

IDENTITY_COLUMNS = ("version", "created", "modified", "source_package", "source_signer")


def check_identity(workspace: Workspace, layer: str, attributes: pd.DataFrame, usable_uuids: pd.Series
                   ) -> tuple[pd.DataFrame, list[tuple[int, str, str]], np.ndarray]:
    """(identity columns normalised for ``Workspace.add_frame``, problems as (position, field,
    reason), positions already held at the same version). ``usable_uuids`` holds, per row,
    the well-formed uuid or ''."""
    n = len(attributes)
    has_uuid = (usable_uuids != "").to_numpy()
    out = pd.DataFrame(index=attributes.index)
    problems: list[tuple[int, str, str]] = []
    versions = np.ones(n, dtype=np.int64)
    versioned = np.zeros(n, dtype=bool)  # the row says its version (a feature we hold is 'the same' only then)
    for name in IDENTITY_COLUMNS:
        if name not in attributes.columns:
            continue
        values = attributes[name].astype(object).tolist()
        column: list[object] = [None] * n
        for i in np.flatnonzero(has_uuid):
            value = values[i]
            if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
                continue
            text = str(value).strip()
            try:
                if name == "version":
                    number = float(text)
                    if not number.is_integer() or number < 1:
                        raise ValueError
                    versions[i] = int(number)
                    versioned[i] = True
                    column[i] = int(number)
                elif name in ("created", "modified"):
                    column[i] = format_time(parse_time(value, field=name))
                else:
                    column[i] = text[:200]
            except ValidationError as exc:
                problems.append((int(i), name, exc.reason))
            except (ValueError, OverflowError):
                problems.append((int(i), name, f"{text[:40]!r} is not a version number (1, 2, …)"))
        out[name] = pd.Series(column, index=attributes.index, dtype=object)
    held = np.zeros(n, dtype=bool)
    wanted = usable_uuids[has_uuid].tolist()
    if wanted:
        stored = workspace.rows(layer, ["uuid", "version"], uuids=wanted, geometry=False, fids=False)
        held_versions = dict(zip(stored.column("uuid"), stored.column("version"), strict=True))
        for i in np.flatnonzero(has_uuid):
            uuid = usable_uuids.iat[i]
            if uuid not in held_versions:
                continue
            if versioned[i] and int(held_versions[uuid]) == int(versions[i]):
                held[i] = True
            else:
                given = f"version {int(versions[i])}" if versioned[i] else "no version"
                problems.append((int(i), "uuid", f"a feature with uuid {uuid} is already in the workspace at "
                                 f"version {int(held_versions[uuid])} (the file has {given}): "
                                 "a plain file does not change a feature we hold"))
    return out, problems, held
