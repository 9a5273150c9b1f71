"""``humanops copy``: the team workspace (PostgreSQL/PostGIS) commands that are not the workspace's own."""

from __future__ import annotations

import argparse
from typing import Any

from humanops.commands.common import add_json_flag, emit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("copy", help="copy a workspace between a GeoPackage and a PostgreSQL/PostGIS database, "
                                    "as it is (features, versions, markings, history, change log, settings)")
    p.add_argument("source", help="workspace to copy: a .gpkg file or postgresql://user@host/db")
    p.add_argument("target", help="new workspace: a .gpkg file or postgresql://user@host/db "
                                  "(passwords from ~/.pgpass, PGPASSFILE or a service file, never here)")
    p.add_argument("--overwrite", action="store_true", help="replace a workspace already at the target")
    add_json_flag(p)
    p.set_defaults(handler=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    from humanops.store.postgis.copy_workspace import copy_workspace, describe

    summary = copy_workspace(args.source, args.target, overwrite=args.overwrite)
    doc: dict[str, Any] = {"source": describe(args.source), "target": describe(args.target), **summary}

    def text(d: dict[str, Any]) -> str:
        layers = ", ".join(f"{name} {n}" for name, n in d["layers"].items())
        return (f"copied {d['source']} to {d['target']}: {layers}; {d['history']} history rows, "
                f"{d['changes']} changes, {len(d['tables'])} other tables")

    emit(args, doc, text)
    return 0
