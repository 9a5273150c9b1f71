"""``humanops brief map``: a briefing map, one self-contained HTML file for an audience (docs/briefing.md).

What goes in is what :func:`humanops.sharing.audience.audience_view` lets the audience see at
``--at`` within ``--bbox``; the file opens in any browser with no network. Written whole or not at
all and recorded in the audit log as an export to the audience. Heavy imports stay in the handler
(``humanops --help`` loads no folium or geopandas).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from humanops.commands.common import add_json_flag, emit, open_workspace
from humanops.errors import FormatError, UsageError


def register(sub: Any) -> None:
    """Add ``map`` to the ``brief`` command's subcommands."""
    p = sub.add_parser(
        "map", help="a briefing map: one HTML file for a partner's people, opened offline in any browser",
        description="Write what ORG may see as one self-contained HTML map (Leaflet, every script and style "
        "inside: it opens with no network): the layers styled as in the app, a legend, popups with each "
        "feature's fields and TLP, a layer switcher, a scale, and the TLP banner (the highest TLP inside) with "
        "the audience, the date and the valid-at time. The sharing policy decides what goes, as for a package: "
        "withheld features are left out and counted, generalised ones appear only generalised. A point layer of "
        "more than 5,000 points is drawn as grid clusters. Recorded in the audit log.")
    p.add_argument("--for", dest="audience", required=True, metavar="ORG",
                   help="the partner organisation it is for, or 'internal' for our own people (everything)")
    p.add_argument("--out", required=True, metavar="FILE.html", help="the HTML file to write")
    p.add_argument("--layer", metavar="KIND", action="append", dest="layers",
                   help="a layer to include (repeat or comma-separate; default: the layers exchanged by default)")
    p.add_argument("--at", metavar="ISO", help="the features valid at this time (default: the workspace clock)")
    p.add_argument("--bbox", metavar="MINX,MINY,MAXX,MAXY", help="only features within this box (degrees)")
    p.add_argument("--mbtiles", metavar="FILE", help="embed this MBTiles file's tiles for the area as the basemap "
                   "(default: the offline world outlines)")
    p.add_argument("--overwrite", action="store_true", help="replace FILE.html if it exists")
    add_json_flag(p)
    p.set_defaults(handler=run_brief_map)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        minx, miny, maxx, maxy = (float(part) for part in text.split(","))
    except ValueError:
        raise UsageError(f"--bbox {text!r}: write four numbers MINX,MINY,MAXX,MAXY (e.g. 128.2,-18.4,128.9,-17.8)"
                         ) from None
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)) \
            or not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise UsageError(f"--bbox {text!r}: MINX < MAXX within -180…180 and MINY < MAXY within -90…90 degrees")
    return minx, miny, maxx, maxy


def run_brief_map(args: argparse.Namespace) -> int:
    from humanops.model.marking import parse_time
    from humanops.products.briefing_map import write_briefing_map

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--out {out.name}: a briefing map is written as an .html file")
    layers = [n.strip() for value in args.layers or [] for n in value.split(",") if n.strip()] or None
    bbox = parse_bbox(args.bbox)
    at = parse_time(args.at, field="--at") if args.at else None
    if out.exists() and not args.overwrite:
        raise FormatError("exists already (add --overwrite to replace it)", file=str(out))
    with open_workspace(args, team_database=True) as ws:
        result = write_briefing_map(ws, args.audience, out, layers=layers, at=at, bbox=bbox, mbtiles=args.mbtiles,
                                    overwrite=args.overwrite)
    emit(args, result.to_dict(), result.summary())
    return 0
