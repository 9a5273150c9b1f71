"""Read a layer's stored rows as a frame, exactly as stored, for exchange.

Exchange needs the values exactly as the workspace holds them (ISO text times, integers,
marking text), not as a GDAL reader types them, and wants the whole layer in one query: the
store's layer reader gives the stored values, with every geometry decoded in one vectorised call.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from humanops.store import schema
from humanops.store.layer_reader import Rows
from humanops.store.workspace import Workspace

IDENTITY_MARKING = ("uuid", "version", "originator", "created", "modified", "tlp", "releasable_to", "caveats",
                    "expires", "precision")


def read_rows(workspace: Workspace, layer: str, uuids: Iterable[str] | None = None) -> pd.DataFrame:
    """Live features of ``layer``: kind fields, identity and marking columns, ``_geom``
    (shapely), ``_deleted`` (False) and ``_generalised`` (None); index 0..n-1, in fid order."""
    kind = workspace.kind(layer)
    columns = [c for c, _ in schema.layer_columns(kind) if c not in ("source_package", "source_signer")]
    rows = workspace.rows(layer, columns, uuids=None if uuids is None else sorted(set(uuids)), fids=False,
                          ordered=True)
    return rows_to_frame(kind, rows)


def rows_to_frame(kind, rows: Rows) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    n = len(rows)
    columns = rows.columns
    data = list(zip(*rows.values, strict=True)) if n else [()] * len(columns)
    frame = pd.DataFrame({c: pd.Series(list(data[i]), dtype=object) for i, c in enumerate(columns)})
    booleans = {f.name for f in kind.fields if f.type == "boolean"}
    for name in booleans:
        frame[name] = pd.Series([None if v is None else bool(v) for v in frame[name]], dtype=object)
    frame["version"] = pd.array(frame["version"].tolist(), dtype="int64") if n else pd.Series([], dtype="int64")
    frame["_deleted"] = np.zeros(n, dtype=bool)
    frame["_generalised"] = pd.Series([None] * n, dtype=object)
    frame["_geom"] = rows.geometries if n else np.empty(0, dtype=object)
    return frame


def revision(version: int, modified: str | None) -> str:
    """A version's identity across workspaces: ``VERSION@MODIFIED`` (modified as stored)."""
    return f"{int(version)}@{modified or ''}"


def ancestors(workspace: Workspace, layer: str, wanted: Iterable[str], limit: int = 64) -> dict[str, list[str]]:
    """For each wanted uuid, the revisions it descends from that we know (our history, plus
    the lineage received with partners' versions), newest first, at most ``limit``."""
    wanted = set(wanted)
    if not wanted:
        return {}
    db = workspace.sql
    rows = db.execute(f"SELECT uuid, version, modified FROM {db.history} WHERE layer = ?", (layer,)).fetchall()
    if db.has_table("humanops_lineage"):
        rows += db.execute("SELECT uuid, version, modified FROM humanops_lineage WHERE layer = ?", (layer,)).fetchall()
    found: dict[str, set[tuple[int, str]]] = {}
    for uid, version, modified in rows:
        if uid in wanted:
            found.setdefault(uid, set()).add((int(version), modified or ""))
    return {uid: [revision(v, m) for v, m in sorted(revs, reverse=True)[:limit * 2]] for uid, revs in found.items()}
