"""The sharing work the dialogs run in workers, each through a workspace connection of its own
(a connection is not shared between threads; the window keeps reading meanwhile).

Qt-free but for QtCore's translations of the progress lines (thread-safe). A passphrase is an
argument, used and dropped: nothing here keeps it. What a dialog keeps between its steps is the
unlocked identity (:class:`KeyToUnlock`), never the passphrase.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from humanops.feedback import Feedback

if TYPE_CHECKING:
    from humanops.sharing.exchange_export import ExportPreview, ExportResult
    from humanops.sharing.exchange_import import ImportResult
    from humanops.sharing.keys import UnlockedIdentity
    from humanops.sharing.receivable import SendCount, SendFilter
    from humanops.store.open_target import AnyWorkspace as Workspace


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose in the send dialog (the preview is valid only for the same choice)."""

    recipients: tuple[str, ...]
    full: bool
    include_roads: bool
    respect_aor: bool
    valid_days: int = 30


def preview(workspace_path: str | Path, choice: ExportChoice, feedback: Feedback) -> ExportPreview:
    from humanops.sharing.exchange_export import preview_export
    from humanops.store.open_target import open_any

    with open_any(workspace_path) as ws:
        return preview_export(ws, choice.recipients, full=choice.full, include_roads=choice.include_roads,
                              respect_aor=choice.respect_aor, feedback=feedback)


def export(workspace_path: str | Path, choice: ExportChoice, out: Path, key: KeyToUnlock, overwrite: bool,
           feedback: Feedback) -> ExportResult:
    from humanops.sharing.exchange_export import export_package
    from humanops.store.open_target import open_any

    with open_any(workspace_path) as ws:
        if key.identity is None:
            feedback.progress(0.01, QCoreApplication.translate("tasks", "unlocking the key"))
        return export_package(ws, choice.recipients, out, key.unlocked(ws), full=choice.full,
                              include_roads=choice.include_roads, respect_aor=choice.respect_aor,
                              valid_for=timedelta(days=choice.valid_days), overwrite=overwrite, feedback=feedback)


class KeyToUnlock:
    """Our keys for one piece of work: an identity already unlocked, or a passphrase to unlock
    them with (used once, then dropped). After the work, ``identity`` is the unlocked identity
    (also when the work itself was refused), None if the passphrase was wrong."""

    def __init__(self, *, passphrase: str | None = None, identity: UnlockedIdentity | None = None) -> None:
        self._passphrase = passphrase
        self.identity = identity

    def unlocked(self, workspace: Workspace) -> UnlockedIdentity:
        from humanops.errors import SharingError
        from humanops.sharing.keys import own_identity, unlock

        held = self.identity
        if held is not None and held.public.fingerprint == own_identity(workspace).fingerprint:
            return held
        self.identity = None  # new keys since (Own identity ▸ rotate): the passphrase again
        passphrase, self._passphrase = self._passphrase, None
        if passphrase is None:
            raise SharingError("your organisation's keys changed since they were unlocked: unlock them again")
        self.identity = unlock(workspace, passphrase)
        return self.identity


def receive(workspace_path: str | Path, package: Path, key: KeyToUnlock, dry_run: bool, feedback: Feedback,
            written: list[tuple[int, int]] | None = None) -> ImportResult:
    """Check (``dry_run``) or import a package; ``written`` gets the change-log seq ranges the
    import's transaction wrote, every feature validated first (humanops.store.own_writes)."""
    from humanops.sharing.exchange_import import import_package
    from humanops.store.open_target import is_postgres_url, open_any
    from humanops.store.own_writes import recording_own_writes

    # in a database others' transactions take seqs between ours: nothing recorded, the watch checks them
    recording = nullcontext([]) if is_postgres_url(workspace_path) else None
    with open_any(workspace_path) as ws, recording or recording_own_writes(ws) as recorded:
        if key.identity is None:
            feedback.progress(0.01, QCoreApplication.translate("tasks", "unlocking the key"))
        result = import_package(ws, package, key.unlocked(ws), dry_run=dry_run, feedback=feedback)
    if written is not None:
        written += recorded
    return result


def make_keys(workspace_path: str | Path, org_id: str, name: str, acronym: str, communities: Iterable[str],
              passphrase: str, feedback: Feedback) -> Any:
    from humanops.sharing.keys import init_identity
    from humanops.store.open_target import open_any

    feedback.progress(0.1, QCoreApplication.translate("tasks", "making keys"))
    with open_any(workspace_path) as ws:
        return init_identity(ws, org_id, name, passphrase, acronym=acronym, communities=tuple(communities))


def write_card(workspace_path: str | Path, out: Path, passphrase: str, feedback: Feedback) -> Any:
    from humanops.sharing.cards import write_card as write
    from humanops.store.open_target import open_any

    feedback.progress(0.1, QCoreApplication.translate("tasks", "signing the card"))
    with open_any(workspace_path) as ws:
        return write(ws, out, passphrase)


def count(workspace_path: str | Path, send_filter: SendFilter, feedback: Feedback) -> tuple[SendCount, SendFilter]:
    """The filter completed with the signature check (partners' features re-hashed: too slow
    for the GUI thread on a large layer) and what it lets through; a file or a team database."""
    from humanops.sharing.receivable import count_sendable, with_signatures_checked
    from humanops.store.open_target import open_any

    with open_any(workspace_path) as ws:
        feedback.progress(0.0, QCoreApplication.translate("tasks", "checking originators' signatures"))
        checked = with_signatures_checked(ws, send_filter)
        return count_sendable(ws, checked, feedback), checked


def write_witness(workspace_path: str | Path, for_org: str, out: Path, passphrase: str,
                  feedback: Feedback) -> dict[str, Any]:
    """Unlock our key (scrypt: the slow part) and write, signed, what ``for_org``'s packages
    showed us of its audit log (``humanops.sharing.audit.write_witness``), dated by the
    workspace's clock."""
    from humanops.model.clock import workspace_now
    from humanops.sharing.audit import write_witness as write
    from humanops.sharing.keys import unlock
    from humanops.store.open_target import open_any

    feedback.progress(0.1, QCoreApplication.translate("tasks", "unlocking the key"))
    with open_any(workspace_path) as ws:
        identity = unlock(ws, passphrase)
        feedback.progress(0.8, QCoreApplication.translate("tasks", "signing the witness"))

        return write(ws, identity, for_org, out, workspace_now(ws))
