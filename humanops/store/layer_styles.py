"""QGIS styles for each layer kind, written to the GeoPackage's ``layer_styles`` table."""

from __future__ import annotations

import sqlite3

from humanops.catalog import Catalog


def write_layer_styles(connection: sqlite3.Connection, catalog: Catalog) -> None:
    """Placeholder until the QML generator lands (being written now)."""
    return None
