"""Making a workspace for the first-run dialog and the new-workspace form: the demo with its
partners, or an empty workspace with our keys and the response's sharing protocol.

Run in workers (Qt only to translate the messages). The engine's own functions do the work, the ones the CLI calls
(``humanops demo``, ``init``, ``keys init``, ``isp adopt``). Each new workspace is written
under a temporary name beside its target and renamed into place only once everything is in
it (:class:`~humanops.store.atomic_files.AtomicFile`): a failure or a cancel leaves no
half-made file. A passphrase is an argument, used and dropped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from humanops.errors import HumanOpsError, ValidationError, WorkspaceError
from humanops.feedback import Feedback
from humanops.store.atomic_files import AtomicFile

WORKSPACE_SUFFIX = ".gpkg"


@dataclass(frozen=True)
class DemoWorkspace:
    path: Path
    partner_workspaces: tuple[Path, ...]
    passphrase: str  # the demo's keys (a demo secret, printed by ``humanops demo`` too)


@dataclass(frozen=True)
class NewWorkspace:
    """What the new-workspace form asks for. No passphrase: no keys now (Sharing › Own identity later)."""

    path: Path
    org_id: str
    name: str = ""
    passphrase: str | None = None
    protocol: Path | None = None


def partners_folder(demo_path: Path) -> Path:
    """Where ``humanops demo`` keeps the partners' workspaces: beside the demo, named after it."""
    return demo_path.with_name(f"{demo_path.stem}-partners")


def with_workspace_suffix(path: str | Path) -> Path:
    path = Path(path).expanduser()
    return path if path.suffix.lower() == WORKSPACE_SUFFIX else path.with_name(path.name + WORKSPACE_SUFFIX)


# --- checks the form shows next to its fields -----------------------------------------------------

def target_problem(path: Path) -> str | None:
    """Why a new workspace cannot be written at ``path`` (None if it can)."""
    if path.exists():
        return QCoreApplication.translate(
            "WorkspaceSetup", "{name} exists already in {folder}: choose another name (nothing is overwritten)."
        ).format(name=path.name, folder=path.parent)
    parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
    if parent is None or not parent.is_dir():
        return QCoreApplication.translate("WorkspaceSetup", "{folder} cannot be made: choose another folder.").format(
            folder=path.parent)
    return None


def org_id_problem(org_id: str) -> str | None:
    """The organisation id checked as a marking checks it (the rule ``keys init`` applies)."""
    from humanops.model.marking import Marking

    if not org_id:
        return QCoreApplication.translate(
            "WorkspaceSetup", "Your organisation's id is needed: it is the originator of every feature you draw, and "
            "only an originator changes its features.")
    try:
        Marking(releasable_to=(org_id,))
    except ValidationError as exc:  # the engine's reason stays in English (it names the value)
        return QCoreApplication.translate(
            "WorkspaceSetup", "{reason}. Use only letters, digits and the signs _ . : - (no spaces), starting with a "
            "letter or digit, at most 64 characters: e.g. medaid or unhcr-kv.").format(reason=exc.reason)
    return None


def passphrase_problem(passphrase: str, repeated: str) -> str | None:
    from humanops.sharing.keys import MIN_PASSPHRASE

    if len(passphrase) < MIN_PASSPHRASE:
        return QCoreApplication.translate("WorkspaceSetup", "The passphrase needs at least {count} characters.").format(
            count=MIN_PASSPHRASE)
    if repeated != passphrase:
        return QCoreApplication.translate("WorkspaceSetup", "The two passphrases differ: type the same one twice.")
    return None


def protocol_problem(path: Path) -> str | None:
    """The sharing protocol file read and checked as ``humanops isp adopt`` checks it."""
    from humanops.sharing.protocol import load_protocol

    try:
        load_protocol(path)
    except HumanOpsError as exc:
        return exc.message
    return None


# --- the work, in a worker -----------------------------------------------------------------------

def create_workspace(request: NewWorkspace, feedback: Feedback) -> Path:
    """Write the new workspace, with keys and protocol if asked; all of it or nothing."""
    from humanops.sharing.keys import init_identity
    from humanops.sharing.protocol import adopt_protocol
    from humanops.store.workspace import Workspace

    target = request.path
    target.parent.mkdir(parents=True, exist_ok=True)
    pending = AtomicFile(target, overwrite=False, exists_error=WorkspaceError)
    try:
        feedback.progress(0.05, QCoreApplication.translate("WorkspaceSetup", "creating the workspace"))
        with Workspace.create(pending.path, organisation=request.org_id) as workspace:
            if request.passphrase is not None:
                feedback.progress(0.5, QCoreApplication.translate("WorkspaceSetup", "making your organisation's keys"))
                init_identity(workspace, request.org_id, request.name, request.passphrase)
            if request.protocol is not None:
                feedback.progress(0.8, QCoreApplication.translate("WorkspaceSetup", "adopting the sharing protocol"))
                adopt_protocol(workspace, request.protocol)
        feedback.progress(0.95, QCoreApplication.translate("WorkspaceSetup", "saving"))
        pending.commit()
    finally:
        pending.discard()
    return target


def create_demo(path: Path, feedback: Feedback, *, seed: int = 7) -> DemoWorkspace:
    """The demo as ``humanops demo`` makes it: the region, our keys, and each partner's own
    workspace beside it (``<name>-partners/``). Refused if the file or that folder exists."""
    from humanops.scenario.demo import create_demo_workspace
    from humanops.scenario.demo_partners import DEMO_PASSPHRASE, install_demo_partners

    partners = partners_folder(path)
    if partners.exists():
        raise WorkspaceError("exists already: choose another name for the demo (nothing is overwritten)",
                             file=str(partners))
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = AtomicFile(path, overwrite=False, exists_error=WorkspaceError)
    try:
        feedback.progress(0.02, QCoreApplication.translate("WorkspaceSetup",
                                                           "drawing the region of Kavera and its layers"))
        with create_demo_workspace(pending.path, seed=seed) as workspace:
            feedback.progress(0.25, QCoreApplication.translate(
                "WorkspaceSetup", "making the keys and the partners' workspaces, sending their packages"))
            kept = install_demo_partners(workspace, partners)
            feedback.progress(0.95, QCoreApplication.translate("WorkspaceSetup", "saving"))
        pending.commit()
    except BaseException:
        shutil.rmtree(partners, ignore_errors=True)  # ours: refused above if it was there before
        raise
    finally:
        pending.discard()
    return DemoWorkspace(path, tuple(kept), DEMO_PASSPHRASE)
