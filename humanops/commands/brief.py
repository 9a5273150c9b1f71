"""``humanops brief PRODUCT``: products made for an audience outside the app (``humanops brief map``,
``humanops brief tak``).

Each product's command lives in its own module, named in :data:`PRODUCT_MODULES`, with a
``register(products)`` that adds its subcommand. Every one is part of the install: a missing or
broken module fails here, loudly, as ``humanops.cli`` does for the commands themselves. Product
modules keep their heavy imports inside their handlers (``humanops --help`` loads no folium or
geopandas).
"""

from __future__ import annotations

import argparse
import importlib

from humanops.commands.common import action_group

PRODUCT_MODULES = ("brief_map", "brief_tak", "brief_sitrep")


def register(sub: argparse._SubParsersAction) -> None:
    products = action_group(sub, "brief", "make a product for an audience: a briefing map, a TAK package",
                            metavar="PRODUCT")
    for name in PRODUCT_MODULES:
        importlib.import_module(f"humanops.commands.{name}").register(products)
