"""``humanops init``, ``info``, ``validate``, ``kinds``: the workspace itself."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from humanops.commands.common import emit, finish_command, open_workspace, workspace_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create an empty workspace")
    p.add_argument("path", nargs="?", help="workspace file, or postgresql://user@host/db, to create (default: -w)")
    p.add_argument("--org", default="", help="our organisation id (originator of what we create)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file (or database workspace)")
    finish_command(p, run_init)

    p = sub.add_parser("info", help="layers, counts, extents and markings of a workspace")
    finish_command(p, run_info)

    p = sub.add_parser("validate", help="check the file (or team database) and every feature against its layer kind")
    finish_command(p, run_validate)

    p = sub.add_parser("kinds", help="list the layer kinds and their fields")
    finish_command(p, run_kinds)


def run_init(args: argparse.Namespace) -> int:
    from humanops.store.open_target import create_any, is_postgres_url

    target = args.path or args.workspace
    path: str | Path = target if target and is_postgres_url(target) else Path(target or workspace_path(args))
    with create_any(path, organisation=args.org, overwrite=args.overwrite) as ws:
        doc = {"workspace": str(ws.path), "organisation": ws.organisation, "layers": ws.layers()}
    emit(args, doc, lambda d: f"created {d['workspace']} with layers {', '.join(d['layers'])}")
    return 0


def _info_text(doc: dict[str, Any]) -> str:
    lines = [f"workspace {doc['workspace']}  (organisation: {doc['organisation'] or '-'})"]
    for name, layer in doc["layers"].items():
        extent = layer["extent"]
        ext = (f"  extent {extent[0]:.4f},{extent[1]:.4f} – {extent[2]:.4f},{extent[3]:.4f}"
               if extent else "")
        tlp = ", ".join(f"{k}:{v}" for k, v in layer["tlp"].items())
        lines.append(f"  {name:<12} {layer['count']:>8} {layer['geometry']:<13}{ext}"
                     + (f"  [{tlp}]" if tlp else ""))
        if layer.get("expired_markings"):
            lines.append(f"  {'':<12} {layer['expired_markings']} with an expired marking")
    return "\n".join(lines)


def run_info(args: argparse.Namespace) -> int:
    # SQLite and the catalog answer it: no Workspace (numpy, pandas, geopandas) to import first
    from humanops.store.open_target import is_postgres_url
    from humanops.store.workspace_summary import workspace_info

    if args.workspace and is_postgres_url(args.workspace):
        with open_workspace(args, team_database=True) as ws:
            doc = ws.info()
    else:
        doc = workspace_info(workspace_path(args))
    emit(args, doc, _info_text)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from humanops.store.open_target import is_postgres_url

    if args.workspace and is_postgres_url(args.workspace):
        # the database's own equivalents of the file checks (triggers, GiST indexes, SRIDs)
        from humanops.store.postgis.database_checks import validate_database

        with open_workspace(args, team_database=True) as ws:
            report = validate_database(ws)  # type: ignore[arg-type]
    else:
        from humanops.store.checks import validate_workspace

        with open_workspace(args) as ws:
            report = validate_workspace(ws)
    emit(args, report.to_dict(), lambda _: report.summary())
    return 0 if report.ok else 1


def run_kinds(args: argparse.Namespace) -> int:
    from humanops.catalog import load_catalog

    catalog = load_catalog()
    doc = {
        k.name: {
            "title": k.title, "geometry": k.geometry, "default_tlp": k.default_marking.tlp,
            "fields": [{"name": f.name, "type": f.type, "required": f.required, "unit": f.unit,
                        "values": list(f.values), "hxl": f.hxl_tag} for f in k.fields],
        }
        for k in catalog
    }

    def text(d: dict[str, Any]) -> str:
        lines = []
        for name, kind in d.items():
            lines.append(f"{name} ({kind['geometry']}, default TLP:{kind['default_tlp']}): {kind['title']}")
            for f in kind["fields"]:
                extra = f" [{', '.join(f['values'])}]" if f["values"] else ""
                unit = f" ({f['unit']})" if f["unit"] else ""
                lines.append(f"    {f['name']:<16} {f['type']:<9}{'*' if f['required'] else ' '}{unit}{extra}")
        return "\n".join(lines)

    emit(args, doc, text)
    return 0
