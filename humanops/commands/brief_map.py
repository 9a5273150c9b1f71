"""``humanops brief map``: a briefing map, one self-contained HTML file for an audience (docs/briefing.md).

What goes in is what :func:`humanops.sharing.audience.audience_view` lets the audience see at
``--at`` within ``--bbox``; the file opens in any browser with no network. Written whole or not at
all and recorded in the audit log as an export to the audience. Heavy imports stay in the handler
(``humanops --help`` loads no folium or geopandas).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from humanops.commands.brief_options import add_time_and_box, layer_names, parse_at, parse_bbox, refuse_existing
from humanops.commands.common import emit, finish_command, open_workspace
from humanops.errors import UsageError


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
    add_time_and_box(p)
    p.add_argument("--mbtiles", metavar="FILE", help="embed this MBTiles file's tiles for the area as the basemap "
                   "(default: the offline world outlines)")
    p.add_argument("--overwrite", action="store_true", help="replace FILE.html if it exists")
    finish_command(p, run_brief_map)


def run_brief_map(args: argparse.Namespace) -> int:
    from humanops.products.briefing_map import write_briefing_map

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--out {out.name}: a briefing map is written as an .html file")
    layers = layer_names(args.layers)
    bbox = parse_bbox(args.bbox)
    at = parse_at(args.at)
    refuse_existing(out, args.overwrite)
    with open_workspace(args, team_database=True) as ws:
        result = write_briefing_map(ws, args.audience, out, layers=layers, at=at, bbox=bbox, mbtiles=args.mbtiles,
                                    overwrite=args.overwrite)
    emit(args, result.to_dict(), result.summary())
    return 0
