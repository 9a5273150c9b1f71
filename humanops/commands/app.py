"""``humanops app [WORKSPACE]``: open the desktop app (Qt is loaded only when it runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from humanops.errors import WorkspaceError
from humanops.store.open_target import is_postgres_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("app", help="open the desktop app (on WORKSPACE, or -w)")
    p.add_argument("workspace_file", nargs="?", metavar="WORKSPACE",
                   help="workspace GeoPackage to open (default: -w / $HUMANOPS_WORKSPACE)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = args.workspace_file or args.workspace
    if path and not is_postgres_url(str(path)) and not Path(path).is_file():  # a URL: a team database
        raise WorkspaceError("no such workspace file", file=str(path))
    # The UI sits above the CLI: imported here only, so ``import humanops.cli`` loads no Qt.
    from humanops.ui.app import run_app

    return run_app(str(path) if path else None)
