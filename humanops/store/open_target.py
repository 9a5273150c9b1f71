"""One way to open a workspace wherever it lives: a GeoPackage file or a PostgreSQL/PostGIS URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union
from urllib.parse import urlsplit

from humanops.catalog import Catalog

if TYPE_CHECKING:
    from humanops.store.postgis.workspace import PostgisWorkspace
    from humanops.store.workspace import Workspace

AnyWorkspace = Union["Workspace", "PostgisWorkspace"]
URL_SCHEMES = ("postgresql", "postgres")


def is_postgres_url(target: str | Path) -> bool:
    """Whether ``target`` names a database (``postgresql://…``) rather than a file."""
    return isinstance(target, str) and urlsplit(target).scheme in URL_SCHEMES


def open_any(target: str | Path, *, catalog: Catalog | None = None) -> AnyWorkspace:
    """The workspace at ``target``: a ``postgresql://`` URL opens the team workspace in that
    database (passwords from libpq's ~/.pgpass, PGPASSFILE or a service file, never the URL),
    anything else the GeoPackage file of that path. Heavy modules are imported only for the
    backend used."""
    if is_postgres_url(target):
        from humanops.store.postgis.workspace import PostgisWorkspace

        return PostgisWorkspace.open(str(target), catalog=catalog)
    from humanops.store.workspace import Workspace

    return Workspace.open(Path(target), catalog=catalog)


def create_any(target: str | Path, *, organisation: str = "", overwrite: bool = False,
               catalog: Catalog | None = None) -> AnyWorkspace:
    """A new, empty workspace at ``target`` (a GeoPackage path or a ``postgresql://`` URL)."""
    if is_postgres_url(target):
        from humanops.store.postgis.workspace import PostgisWorkspace

        return PostgisWorkspace.create(str(target), organisation=organisation, overwrite=overwrite, catalog=catalog)
    from humanops.store.workspace import Workspace

    return Workspace.create(Path(target), organisation=organisation, overwrite=overwrite, catalog=catalog)


def workspace_file(workspace: AnyWorkspace) -> Path | None:
    """The file a workspace lives in, or None for one in a database (what an export compares
    its target with, so it never writes over the workspace itself)."""
    path = workspace.path
    return path if isinstance(path, Path) else None


def workspace_name(workspace: AnyWorkspace) -> str:
    """A short name for the workspace in what a product writes: the file's stem, or the
    database's name."""
    path = workspace.path
    if isinstance(path, Path):
        return path.stem
    return urlsplit(str(path)).path.strip("/") or "workspace"


def is_workspace_file(target: Path, workspace: AnyWorkspace) -> bool:
    """Whether writing ``target`` would replace the workspace's own file."""
    own = workspace_file(workspace)
    return own is not None and target.exists() and target.resolve() == own.resolve()
