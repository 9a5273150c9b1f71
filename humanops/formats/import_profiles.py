"""Saved import mappings ("profiles"): next week's file of the same shape imports with
``--profile NAME``. Kept in the workspace (its ``humanops_meta`` table, one JSON document under
one key), so they travel with the workspace file; no side file."""

from __future__ import annotations

import json
import re

from humanops.errors import UsageError
from humanops.formats.field_mapping import MappingChoice
from humanops.store.workspace import Workspace

_META_KEY = "import_profiles"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}")


def list_profiles(workspace: Workspace) -> dict[str, MappingChoice]:
    text = workspace.get_meta(_META_KEY)
    if not text:
        return {}
    try:
        stored = json.loads(text)
    except ValueError:  # written by another tool: better none than a crash on every import
        return {}
    return {str(name): MappingChoice.from_dict(data) for name, data in sorted(stored.items())
            if isinstance(data, dict)}


def load_profile(workspace: Workspace, name: str) -> MappingChoice:
    profiles = list_profiles(workspace)
    if name not in profiles:
        known = ", ".join(profiles) or "none saved yet (--save-profile NAME)"
        raise UsageError(f"no import profile {name!r} in this workspace (profiles: {known})")
    return profiles[name]


def save_profile(workspace: Workspace, name: str, choice: MappingChoice) -> None:
    """Store ``choice`` under ``name``, replacing a profile of that name."""
    if not _NAME.fullmatch(name):
        raise UsageError(f"{name!r} is not a profile name: letters, digits, space, _ . - (64 at most)")
    profiles = {n: c.to_dict() for n, c in list_profiles(workspace).items()}
    profiles[name] = choice.to_dict()
    workspace.set_meta(_META_KEY, json.dumps(profiles, ensure_ascii=False, sort_keys=True))


def delete_profile(workspace: Workspace, name: str) -> None:
    profiles = {n: c.to_dict() for n, c in list_profiles(workspace).items()}
    if name not in profiles:
        raise UsageError(f"no import profile {name!r} in this workspace")
    del profiles[name]
    workspace.set_meta(_META_KEY, json.dumps(profiles, ensure_ascii=False, sort_keys=True))
