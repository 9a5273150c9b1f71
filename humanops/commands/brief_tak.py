"""``humanops brief tak``: what a partner may see, for its ATAK/WinTAK teams (docs/tak.md).

A TAK data package (``--out FILE.zip``), or one ``.cot`` file of events (``--cot``), holding what
:func:`humanops.sharing.audience.audience_view` lets the audience see at ``--at`` within ``--bbox``:
withheld features left out, generalised ones only generalised, the package named with the highest
TLP inside. The product is recorded in the audit log as an export to the audience, in the same
transaction: a failure leaves neither the file nor the record. The handler is a thin call of
:func:`humanops.products.tak_product.write_tak_product`, which the app's *File › TAK data package…*
calls too. Heavy imports stay in the handler (``humanops --help`` loads no geopandas).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from humanops.commands.brief_options import add_time_and_box, layer_names, parse_at, parse_bbox, refuse_existing
from humanops.commands.common import emit, finish_command, open_workspace
from humanops.errors import UsageError

DEFAULT_STALE_HOURS = 24.0  # as humanops.products.tak_product (not imported: --help stays light)


def register(sub: Any) -> None:
    """Add ``tak`` to the ``brief`` command's subcommands."""
    p = sub.add_parser(
        "tak", help="CoT events for ATAK/WinTAK teams: a TAK data package (or one .cot file) for a partner",
        description="Write what ORG may see as Cursor-on-Target events in a TAK data package that ATAK "
        "and WinTAK import (danger zones and corridors as drawings, facilities and incidents as markers, "
        "each with its TLP marking in its remarks), or with --cot one .cot file of events. The sharing "
        "policy decides what goes, as for a package: withheld features are left out, generalised ones "
        "appear only generalised. Recorded in the audit log.")
    p.add_argument("--for", dest="audience", required=True, metavar="ORG",
                   help="the partner organisation it is for, or 'internal' for our own people")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.zip (a TAK data package), or with --cot "
                   "FILE.cot")
    p.add_argument("--layer", metavar="KIND", action="append", dest="layers",
                   help="a layer to include (repeat or comma-separate; default: danger_zone, corridor, "
                   "facility, incident)")
    add_time_and_box(p)
    p.add_argument("--cot", action="store_true", help="write one .cot XML file of events, not a data package")
    p.add_argument("--stale-hours", type=float, default=DEFAULT_STALE_HOURS, metavar="H",
                   help="how long TAK shows a feature whose validity and marking have no end "
                   f"(default {DEFAULT_STALE_HOURS:g})")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    finish_command(p, run_brief_tak)


def run_brief_tak(args: argparse.Namespace) -> int:
    from humanops.products.tak_product import write_tak_product

    out = Path(args.out)
    # The command's own words for what the product refuses too: exit 2 for wrong usage
    wanted = (".cot", ".xml") if args.cot else (".zip",)
    if out.suffix.lower() not in wanted:
        raise UsageError(f"--out {out.name}: a {'.cot file' if args.cot else 'TAK data package'} is written as "
                         f"{' or '.join(wanted)}" + ("" if args.cot else " (or give --cot for one .cot file)"))
    if not (math.isfinite(args.stale_hours) and args.stale_hours > 0):
        raise UsageError("--stale-hours must be a number of hours above 0")
    refuse_existing(out, args.overwrite)
    bbox = parse_bbox(args.bbox)
    with open_workspace(args, team_database=True) as ws:
        at = parse_at(args.at)
        result = write_tak_product(ws, args.audience, out, layers=layer_names(args.layers), at=at, bbox=bbox,
                                   cot=args.cot, stale_hours=args.stale_hours, overwrite=args.overwrite)
    emit(args, result.to_dict(), result.summary())
    return 0
