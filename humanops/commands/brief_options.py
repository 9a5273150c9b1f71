"""The options every ``humanops brief`` product reads alike: ``--at`` and ``--bbox``, the layer
list, and the refusal to replace a file without ``--overwrite``. Light imports only
(``humanops --help`` loads every product's parser)."""

from __future__ import annotations

import argparse
import math
from datetime import datetime
from pathlib import Path

from humanops.errors import FormatError, UsageError


def add_time_and_box(parser: argparse.ArgumentParser) -> None:
    """``--at`` and ``--bbox``, worded the same for every product."""
    parser.add_argument("--at", metavar="ISO", help="the features valid at this time (default: the workspace clock)")
    parser.add_argument("--bbox", metavar="MINX,MINY,MAXX,MAXY", help="only features within this box (degrees)")


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


def parse_at(text: str | None) -> datetime | None:
    """``--at``, or None for the workspace clock."""
    from humanops.model.marking import parse_time

    return parse_time(text, field="--at") if text else None


def layer_names(values: list[str] | None) -> list[str] | None:
    """``--layer`` repeated or comma-separated; None for the product's default layers."""
    names = [n.strip() for value in values or [] for n in value.split(",") if n.strip()]
    return names or None


def refuse_existing(out: Path, overwrite: bool) -> None:
    if out.exists() and not overwrite:
        raise FormatError("exists already (add --overwrite to replace it)", file=str(out))
