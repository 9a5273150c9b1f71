"""``humanops demo``: the demo scenario, written for scripts or opened in the app.

``humanops demo --create PATH`` only writes the demo workspace. Plain ``humanops demo`` writes
a fresh copy (under ``$HUMANOPS_DEMO_DIR``, else the temporary folder) and opens the app on
it; ``--screenshot FILE.png`` saves a picture of the app's window on it instead.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from humanops.commands.common import emit, finish_command
from humanops.errors import WorkspaceError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="open the app on a fresh copy of the demo scenario, or write it (--create)")
    p.add_argument("--create", metavar="PATH", help="only write the demo workspace to PATH")
    p.add_argument("--overwrite", action="store_true", help="with --create: replace an existing file")
    p.add_argument("--seed", type=int, default=7, help="scenario seed (default 7): same seed, same workspace")
    p.add_argument("--screenshot", metavar="FILE.png", help="save a picture of the app on the demo, then exit")
    p.add_argument("--with-partners", action="store_true",
                   help="with --create: also make our keys (passphrase 'kavera-demo') and the partners' "
                        "workspaces beside it (plain `humanops demo` always does)")
    finish_command(p, run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from humanops.scenario.demo import create_demo_workspace

    if args.create and Path(args.create).exists() and not args.overwrite:
        raise WorkspaceError("already exists (add --overwrite to replace it)", file=args.create)
    # the app before anything is written: an install without it (or without Qt) fails here, loudly
    app = _app_module() if args.screenshot or not args.create else None
    path = Path(args.create) if args.create else _fresh_path()
    with_partners = not args.screenshot and (args.with_partners or not args.create)
    with create_demo_workspace(path, seed=args.seed, overwrite=args.overwrite) as workspace:
        if with_partners:
            from humanops.scenario.demo_partners import DEMO_PASSPHRASE, install_demo_partners

            partners_dir = path.with_name(f"{path.stem}-partners")
            kept = install_demo_partners(workspace, partners_dir)
        summary = _summary(workspace.info(), args.seed)
    if with_partners:
        summary["keys_passphrase"] = DEMO_PASSPHRASE
        summary["partner_workspaces"] = [str(p) for p in kept]
    if args.screenshot:
        app.save_screenshot(str(path), str(args.screenshot))
        summary["screenshot"] = str(args.screenshot)
        emit(args, summary, lambda d: f"demo workspace {d['workspace']}\nscreenshot {d['screenshot']}")
        return 0
    if args.create:
        emit(args, summary, _summary_text)
        return 0
    emit(args, summary, lambda d: f"opening the demo workspace {d['workspace']}\n"
         f"  keys passphrase (Sharing menu): {d['keys_passphrase']}\n"
         + "\n".join(f"  partner workspace: {p}" for p in d["partner_workspaces"]))
    return int(app.run_app(str(path)) or 0)


def _fresh_path() -> Path:
    """A new file for this run: the demo is never edited in place from one run to the next."""
    folder = Path(os.environ.get("HUMANOPS_DEMO_DIR") or Path(tempfile.gettempdir()) / "humanops-demo")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path, n = folder / f"demo-{stamp}.gpkg", 1
    while path.exists():
        n += 1
        path = folder / f"demo-{stamp}-{n}.gpkg"
    return path


def _app_module() -> ModuleType:
    """The app, imported only here, when it is wanted (the one import from commands up to ui
    that the import contracts allow): ``import humanops.cli`` loads no Qt. The app is part of
    every install: if it (or Qt) cannot be imported, that is a broken install and the error says so."""
    import humanops.ui.app as app

    return app


def _summary(info: dict[str, Any], seed: int) -> dict[str, Any]:
    from humanops.scenario.demo import DEMO_NOW, DEMO_PARTNERS

    return {
        "workspace": info["workspace"],
        "organisation": info["organisation"],
        "seed": seed,
        "scenario_now": DEMO_NOW.isoformat().replace("+00:00", "Z"),
        "partners": [p["id"] for p in DEMO_PARTNERS],
        "layers": {name: {"count": layer["count"], "tlp": layer["tlp"]} for name, layer in info["layers"].items()},
    }


def _summary_text(doc: dict[str, Any]) -> str:
    lines = [f"demo workspace {doc['workspace']}  (seed {doc['seed']}, scenario time {doc['scenario_now']}, "
             f"organisation {doc['organisation']})", f"  partners: {', '.join(doc['partners'])}"]
    for name, layer in doc["layers"].items():
        tlp = ", ".join(f"{k}:{v}" for k, v in layer["tlp"].items())
        lines.append(f"  {name:<12} {layer['count']:>6}  [{tlp}]")
    if doc.get("keys_passphrase"):
        lines.append(f"  keys passphrase: {doc['keys_passphrase']}  (fictional data: a demo secret)")
        lines += [f"  partner workspace: {p}" for p in doc["partner_workspaces"]]
    return "\n".join(lines)
