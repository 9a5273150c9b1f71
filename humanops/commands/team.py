"""``humanops copy``, ``checkout`` and ``sync``: the team workspace (PostgreSQL/PostGIS) commands that
are not the workspace's own."""

from __future__ import annotations

import argparse
from typing import Any

from humanops.commands.common import emit, finish_command


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("copy", help="copy a workspace between a GeoPackage and a PostgreSQL/PostGIS database, "
                                    "as it is (features, versions, markings, history, change log, settings)")
    p.add_argument("source", help="workspace to copy: a .gpkg file or postgresql://user@host/db")
    p.add_argument("target", help="new workspace: a .gpkg file or postgresql://user@host/db "
                                  "(passwords from ~/.pgpass, PGPASSFILE or a service file, never here)")
    p.add_argument("--overwrite", action="store_true", help="replace a workspace already at the target")
    finish_command(p, run_copy)

    p = sub.add_parser("checkout", help="copy layers (and an area) of a team database into a GeoPackage for the "
                                        "field; humanops sync brings its edits back and the team's in")
    p.add_argument("source", help="the team workspace: postgresql://user@host/db (passwords from ~/.pgpass, "
                                  "PGPASSFILE or a service file, never here)")
    p.add_argument("target", help="the GeoPackage to make (LAPTOP.gpkg)")
    p.add_argument("--layer", action="append", metavar="KIND", help="a layer kind to take (repeat; default: all)")
    p.add_argument("--bbox", metavar="MINX,MINY,MAXX,MAXY",
                   help="take only the features whose extent meets this box (degrees, EPSG:4326)")
    p.add_argument("--overwrite", action="store_true", help="replace a file already at the target")
    finish_command(p, run_checkout)

    p = sub.add_parser("sync", help="send a checkout's edits to its team database and take the team's since the "
                                    "last sync; conflicts are kept for a person to decide (humanops conflicts)")
    p.add_argument("checkout", nargs="?", help="the checkout (default: the -w workspace)")
    p.add_argument("--batch", type=int, default=500, help="features a transaction (a lost link loses at most one)")
    finish_command(p, run_sync)


def run_copy(args: argparse.Namespace) -> int:
    # the owners of the app tables declare them (sql_dialect.declare): the copy makes each on the
    # target from its declaration, with the target's own types
    import humanops.sharing.audit
    import humanops.sharing.tables  # noqa: F401
    from humanops.store.postgis.copy_workspace import copy_workspace, describe

    summary = copy_workspace(args.source, args.target, overwrite=args.overwrite)
    doc: dict[str, Any] = {"source": describe(args.source), "target": describe(args.target), **summary}

    def text(d: dict[str, Any]) -> str:
        layers = ", ".join(f"{name} {n}" for name, n in d["layers"].items())
        return (f"copied {d['source']} to {d['target']}: {layers}; {d['history']} history rows, "
                f"{d['changes']} changes, {len(d['tables'])} other tables")

    emit(args, doc, text)
    return 0


def run_checkout(args: argparse.Namespace) -> int:
    from humanops.errors import UsageError
    from humanops.store.open_target import is_postgres_url
    from humanops.store.postgis.checkout import checkout, parse_bbox

    if not is_postgres_url(args.source):
        raise UsageError(f"{args.source}: a checkout is made from a team database (postgresql://user@host/db)")
    doc = checkout(args.source, args.target, layers=args.layer, bbox=parse_bbox(args.bbox), overwrite=args.overwrite)

    def text(d: dict[str, Any]) -> str:
        layers = ", ".join(f"{name} {n}" for name, n in d["layers"].items())
        area = f" in {','.join(str(v) for v in d['bbox'])}" if d["bbox"] else ""
        return f"checked out {d['source']} to {d['target']}{area} at change {d['server_seq']}: {layers}"

    emit(args, doc, text)
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from humanops.commands.common import workspace_path
    from humanops.sharing.offline_sync import sync

    path = args.checkout or workspace_path(args)
    result = sync(path, batch_size=args.batch)
    emit(args, result.to_dict(), lambda _d: result.summary())
    return 0
