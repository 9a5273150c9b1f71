"""Where a dialog suggests files for a workspace that may live in a team database.

A dialog's worker is handed the workspace's *target* (``store.target_reads.workspace_target``:
its GeoPackage path, or its ``postgresql://`` URL); the file choosers start beside the file, or
in the home folder for a database, and only a file can be "the workspace itself".
"""

from __future__ import annotations

from pathlib import Path


def folder_beside(target: str | Path) -> Path:
    """The folder a file chooser starts in: the workspace file's, or the home folder."""
    return Path(target).parent if isinstance(target, Path) else Path.home()


def is_workspace_itself(target: str | Path, file: str | Path) -> bool:
    """Whether writing ``file`` would replace the workspace's own file (never for a database)."""
    return isinstance(target, Path) and Path(file).expanduser().resolve() == target.resolve()
