"""The sharing work the dialogs run in workers, each through a workspace connection of its own
(a connection is not shared between threads; the window keeps reading meanwhile).

Qt-free. A passphrase is an argument, used and dropped: nothing here keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humanops.feedback import Feedback

if TYPE_CHECKING:
    from humanops.sharing.exchange_export import ExportPreview, ExportResult
    from humanops.sharing.exchange_import import ImportResult
    from humanops.ui.sharing.send_filter import SendCount, SendFilter


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose in the send dialog (the preview is valid only for the same choice)."""

    recipients: tuple[str, ...]
    full: bool
    include_roads: bool
    respect_aor: bool
    valid_days: int = 30


def preview(workspace_path: Path, choice: ExportChoice, feedback: Feedback) -> ExportPreview:
    from humanops.sharing.exchange_export import preview_export
    from humanops.store.workspace import Workspace

    with Workspace.open(workspace_path) as ws:
        return preview_export(ws, choice.recipients, full=choice.full, include_roads=choice.include_roads,
                              respect_aor=choice.respect_aor, feedback=feedback)


def export(workspace_path: Path, choice: ExportChoice, out: Path, passphrase: str, overwrite: bool,
           feedback: Feedback) -> ExportResult:
    from humanops.sharing.exchange_export import export_package
    from humanops.store.workspace import Workspace

    with Workspace.open(workspace_path) as ws:
        return export_package(ws, choice.recipients, out, passphrase, full=choice.full,
                              include_roads=choice.include_roads, respect_aor=choice.respect_aor,
                              valid_for=timedelta(days=choice.valid_days), overwrite=overwrite, feedback=feedback)


def receive(workspace_path: Path, package: Path, passphrase: str, dry_run: bool, feedback: Feedback) -> ImportResult:
    from humanops.sharing.exchange_import import import_package
    from humanops.store.workspace import Workspace

    with Workspace.open(workspace_path) as ws:
        return import_package(ws, package, passphrase, dry_run=dry_run, feedback=feedback)


def make_keys(workspace_path: Path, org_id: str, name: str, acronym: str, communities: Iterable[str],
              passphrase: str, feedback: Feedback) -> Any:
    from humanops.sharing.keys import init_identity
    from humanops.store.workspace import Workspace

    feedback.progress(0.1, "making keys")
    with Workspace.open(workspace_path) as ws:
        return init_identity(ws, org_id, name, passphrase, acronym=acronym, communities=tuple(communities))


def write_card(workspace_path: Path, out: Path, passphrase: str, feedback: Feedback) -> Any:
    from humanops.sharing.cards import write_card as write
    from humanops.store.workspace import Workspace

    feedback.progress(0.1, "signing the card")
    with Workspace.open(workspace_path) as ws:
        return write(ws, out, passphrase)


def count(workspace_path: Path, send_filter: SendFilter, feedback: Feedback) -> tuple[SendCount, SendFilter]:
    """The filter completed with the signature check (partners' features re-hashed: too slow
    for the GUI thread on a large layer) and what it lets through."""
    from humanops.sharing.receivable import with_signatures_checked
    from humanops.store.workspace import Workspace
    from humanops.ui.sharing.send_filter import count_sendable

    with Workspace.open(workspace_path) as ws:
        feedback.progress(0.0, "checking originators' signatures")
        checked = with_signatures_checked(ws, send_filter)
        return count_sendable(ws, checked, feedback), checked


def write_witness(workspace_path: Path, for_org: str, out: Path, passphrase: str, feedback: Feedback) -> dict[str, Any]:
    """Unlock our key (scrypt: the slow part) and write, signed, what ``for_org``'s packages
    showed us of its audit log (``humanops.sharing.audit.write_witness``), dated by the
    workspace's clock."""
    from humanops.model.clock import workspace_now
    from humanops.sharing.audit import write_witness as write
    from humanops.sharing.keys import unlock
    from humanops.store.workspace import Workspace

    feedback.progress(0.1, "unlocking the key")
    with Workspace.open(workspace_path) as ws:
        identity = unlock(ws, passphrase)
        feedback.progress(0.8, "signing the witness")
        return write(ws, identity, for_org, out, workspace_now(ws))
