"""``humanops brief sitrep``: a situation report, one PDF for an audience (docs/briefing.md).

What goes in is what :func:`humanops.sharing.audience.audience_view` lets the audience see at
``--at`` within ``--bbox``. The report is drawn with Qt (the app's map renderer and Qt's PDF
writer), so the handler imports :mod:`humanops.ui.sitrep` when it runs, the one way from a command
up to the UI besides ``app`` (pyproject.toml's import contracts say so), and without a display it
runs Qt offscreen: ``humanops --help`` and every other command still load no Qt. Written whole or
not at all and recorded in the audit log as an export to the audience.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from humanops.commands.brief_options import add_time_and_box, parse_at, parse_bbox, refuse_existing
from humanops.commands.common import emit, finish_command, open_workspace
from humanops.errors import UsageError


def register(sub: Any) -> None:
    """Add ``sitrep`` to the ``brief`` command's subcommands."""
    p = sub.add_parser(
        "sitrep", help="a situation report: one PDF for a partner (map, exposure, corridors, needs, alerts)",
        description="Write what ORG may see as a situation report in one PDF: a summary, a map of the area, "
        "what changed since the last report for ORG, exposure by hazard and severity, corridors and their risk, "
        "needs coverage and shelter fill, and the open alerts. The sharing policy decides what goes, as for a "
        "package: withheld features are left out and counted, generalised ones appear only generalised. Every "
        "page carries the TLP banner of the highest TLP inside. Recorded in the audit log.")
    p.add_argument("--for", dest="audience", required=True, metavar="ORG",
                   help="the partner organisation it is for, or 'internal' for our own people (everything)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
    add_time_and_box(p)
    p.add_argument("--title", help="the report's title (default: Situation report)")
    p.add_argument("--overwrite", action="store_true", help="replace FILE.pdf if it exists")
    finish_command(p, run_brief_sitrep)


def run_brief_sitrep(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UsageError(f"--out {out.name}: a situation report is written as a .pdf file")
    bbox = parse_bbox(args.bbox)
    at = parse_at(args.at)
    refuse_existing(out, args.overwrite)
    from humanops.ui.sitrep import drawing_application, write_sitrep

    app = drawing_application()  # noqa: F841 - kept alive while the report is drawn
    with open_workspace(args, team_database=True) as ws:
        result = write_sitrep(ws, args.audience, out, at=at, bbox=bbox, title=args.title, overwrite=args.overwrite)
    emit(args, result.to_dict(), result.summary())
    return 0
