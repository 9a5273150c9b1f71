"""The hub's two deciders: on a team database, each row's release decision taken from the SQL
rule in the database (:func:`humanops.store.postgis.release.release_decisions`) and checked
against the Python policy (:func:`humanops.sharing.policy.decide_many`) for the same rows.

Export and its preview ask :func:`checked_decisions`. On a GeoPackage workspace it is the
:class:`~humanops.sharing.receivable.SendFilter`'s answer, unchanged. On a PostGIS workspace the
policy's part of the answer (release, generalise with which precision, withhold with which
reason code) comes from the database, and any row where the two deciders disagree refuses the
export (fail closed): a bug in either one cannot leak a row on its own. The two rules export
adds on top of the policy (generalised copies never passed on, a partner's feature only as its
originator signed it) are the SendFilter's and are applied over the database's answer.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from humanops.errors import SharingError
from humanops.model.marking import Precision
from humanops.sharing.directory import Directory
from humanops.sharing.policy import GENERALISE, Decisions, decide_many
from humanops.sharing.receivable import SendFilter
from humanops.store.sql_dialect import SqliteSql
from humanops.store.workspace import Workspace

log = logging.getLogger(__name__)


def checked_decisions(workspace: Workspace, layer: str, rows: pd.DataFrame, send_filter: SendFilter) -> Decisions:
    """The export's decisions for ``rows`` of ``layer`` to ``send_filter.recipient``: on a team
    database decided by the database's SQL rule and checked against ``decide_many``."""
    filtered = send_filter.decisions(layer, rows)
    if isinstance(workspace.sql, SqliteSql) or not len(rows):
        return filtered
    judged = rows.assign(geometry=rows["_geom"]) if send_filter.respect_aor and "_geom" in rows else rows
    python = decide_many(judged, send_filter.exporter, send_filter.recipient, send_filter.directory,
                         send_filter.now, respect_aor=send_filter.respect_aor)
    database = _database_decisions(workspace, layer, rows, send_filter)
    _check_agreement(layer, rows, send_filter.recipient, database, python)
    # the export's own rules (SendFilter) over the database's answer, where they changed the policy's
    added = (filtered.action != python.action) | (filtered.reason_code != python.reason_code)
    for name in ("action", "reason_code", "precision"):
        getattr(database, name)[added] = getattr(filtered, name)[added]
    database.reason[:] = np.where(added, filtered.reason, python.reason)  # same codes: the policy's words
    return database


def _database_decisions(workspace: Workspace, layer: str, rows: pd.DataFrame, send_filter: SendFilter) -> Decisions:
    from humanops.store.postgis import release

    directory: Directory = send_filter.directory
    area = None
    if send_filter.respect_aor:
        org = directory.organisation(send_filter.recipient)
        area = org.area_of_responsibility if org is not None else None
    uuids = rows["uuid"].astype(str).tolist()
    found = release.release_decisions(workspace.connection, layer, send_filter.exporter, send_filter.recipient,
                                      directory, send_filter.now, columns=("uuid", "precision"),
                                      area_of_responsibility=area, uuids=uuids)
    found_frame = pd.DataFrame(found, columns=["code", "action", "uuid", "precision"]).set_index("uuid")
    decided = found_frame.reindex(uuids)
    missing = decided["action"].isna().to_numpy()
    if missing.any():  # read a moment ago, gone now: an edit between the two reads
        raise SharingError("the database gave no release decision for this feature (edited meanwhile?); "
                           "export refused, try again", layer=layer, feature=uuids[int(np.argmax(missing))])
    n = len(rows)
    action = decided["action"].to_numpy(dtype=object)
    code = decided["code"].to_numpy(dtype=object)
    precision = np.full(n, None, dtype=object)
    coarse = np.flatnonzero(action == GENERALISE)
    texts = decided["precision"].to_numpy(dtype=object)
    precision[coarse] = [Precision.parse(texts[i]) for i in coarse]
    return Decisions(action, code, np.full(n, "", dtype=object), precision)


def _check_agreement(layer: str, rows: pd.DataFrame, recipient: str, database: Decisions, python: Decisions) -> None:
    """Refuse (and log) the first row where the database and the policy decide differently."""
    def said(d: Decisions, i: int) -> str:
        precision = f" ({d.precision[i]})" if d.action[i] == GENERALISE else ""
        return f"{d.action[i]}{precision}, {d.reason_code[i]}"

    differ = (database.action != python.action) | (database.reason_code != python.reason_code)
    coarse = np.flatnonzero(~differ & (python.action == GENERALISE))
    differ[coarse] = [str(database.precision[i]) != str(python.precision[i]) for i in coarse]
    if differ.any():
        i = int(np.argmax(differ))
        uid = str(rows["uuid"].iloc[i])
        log.error("release deciders disagree for %s: layer %s, feature %s: database %s; policy %s (%d rows differ)",
                  recipient, layer, uid, said(database, i), said(python, i), int(differ.sum()))
        raise SharingError(f"the database's release rule and the sharing policy disagree for {recipient} "
                           f"(database: {said(database, i)}; policy: {said(python, i)}): export refused",
                           layer=layer, feature=uid)
