"""File › Sync: a checkout of a team database sends its edits and takes the team's, on a worker.

The sync (:func:`humanops.sharing.offline_sync.sync`) runs with its own connection to the file
and to the database, with progress and Cancel (a cancelled or broken sync keeps what its
committed batches did; the next one finishes). Afterwards the map and panels re-read what
changed, and the Conflicts panel opens when conflicts or proposals were recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from humanops.ui.workers import Worker, run_with_progress

if TYPE_CHECKING:  # the team backend (psycopg) loads only when a workspace is open
    from humanops.store.workspace import Workspace
    from humanops.ui.main_window import MainWindow


def _is_checkout(workspace: Workspace) -> bool:
    from humanops.store.postgis.checkout import is_checkout

    return is_checkout(workspace)


def update_sync_action(action: QAction, workspace: Workspace | None) -> None:
    """Enabled only for a checkout; otherwise the tooltip says why it is not."""
    enabled = workspace is not None and _is_checkout(workspace)
    action.setEnabled(enabled)
    if workspace is not None and enabled:
        tip = QCoreApplication.translate(
            "SyncAction", "Send this copy's edits to {source} and take the team's; conflicts are kept for you "
                          "to decide").format(source=workspace.get_meta("checkout.source") or "")
    else:
        tip = QCoreApplication.translate(
            "SyncAction", "Only a workspace checked out from a team database syncs (humanops checkout "
                          "postgresql://… FILE.gpkg)")
    action.setToolTip(tip)
    action.setStatusTip(tip)


def run_sync(window: MainWindow) -> Worker | None:
    """Start the sync of the open checkout on a worker (with progress and Cancel)."""
    workspace = window.workspace
    if workspace is None or not _is_checkout(workspace):
        return None
    path = workspace.path

    def task(feedback: Any) -> Any:
        from humanops.sharing.offline_sync import sync

        return sync(path, feedback=feedback)

    def succeeded(result: Any) -> None:
        _after_sync(window, result)

    def failed(message: str) -> None:
        window.refresh_layers(reread_map=True)  # the batches that committed are in the file
        window.show_error(message, title=QCoreApplication.translate("SyncAction", "Sync stopped"))

    def cancelled() -> None:
        window.refresh_layers(reread_map=True)
        window.statusBar().showMessage(QCoreApplication.translate(
            "SyncAction", "Sync cancelled: what was sent and taken so far is kept; sync again to finish."), 15000)

    title = QCoreApplication.translate("SyncAction", "Syncing with the team database…")
    worker = run_with_progress(window, title, task, on_success=succeeded, on_error=failed, on_cancel=cancelled)
    window.sync_worker = worker  # type: ignore[attr-defined]  # tests wait on it
    return worker


def _after_sync(window: MainWindow, result: Any) -> None:
    layers = sorted(set(result.pulled) | set(result.pushed) | {c["layer"] for c in result.conflicts}
                    | {p["layer"] for p in result.proposals})
    window.refresh_layers(layers or None, reread_map=True)
    totals = result.totals()
    taken = sum(v for k, v in totals.items() if k.startswith("pulled_") and k != "pulled_unchanged")
    sent = sum(v for k, v in totals.items() if k.startswith("pushed_") and k != "pushed_unchanged")
    message = QCoreApplication.translate(
        "SyncAction", "Synced: {taken} change(s) taken, {sent} sent, {conflicts} conflict(s) to decide.").format(
        taken=taken, sent=sent, conflicts=len(result.conflicts))
    window.statusBar().showMessage(message, 15000)
    if result.conflicts or result.proposals:
        from humanops.ui.sharing.extension import show_conflicts

        show_conflicts(window)
