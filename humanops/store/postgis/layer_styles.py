"""QGIS styles of a team workspace's layers, in the database's ``layer_styles`` table.

QGIS loads a PostGIS layer's default style from ``layer_styles`` (the table its "Save Style › In
Database" makes: :data:`LAYER_STYLES`, QGIS's own definition). Each kind gets the GeoPackage
workspace's QML (``store.layer_styles.layer_qml``) plus a ``<defaults>`` element giving
``version`` the default value ``-abs("version")``, applied on update: QGIS then sends, with every
edit, the version the edit was made on (negated), and the database's trigger refuses a stale
Save (``store.postgis.schema``; tests/test_qgis_postgis.py). Without it QGIS sends only the
columns a user changed, and a stale edit wins column by column.

QGIS 3.22 looks the row up by ``f_table_catalog`` (the database's name), ``f_table_schema``,
``f_table_name``, ``f_geometry_column`` and ``type IS NULL`` (or 'Unknown geometry'), so
``type`` stays NULL (measured).
"""

from __future__ import annotations

from typing import Any

from humanops.catalog import Catalog, LayerKind
from humanops.store.layer_styles import GEOMETRY_COLUMN, layer_qml

STYLES_VERSION = "1"  # bumped when the rows below change: a workspace opened gets them again
META_KEY = "qgis_styles_version"
VERSION_DEFAULT = '-abs("version")'  # the default on update that makes QGIS carry the version it read

LAYER_STYLES = """CREATE TABLE IF NOT EXISTS layer_styles (id serial PRIMARY KEY, f_table_catalog varchar,
    f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml,
    stylesld xml, useasdefault boolean, description text, owner varchar(63) DEFAULT current_user, ui xml,
    update_time timestamp DEFAULT current_timestamp, type varchar)"""

_DEFAULTS = ('<defaults>\n  <default field="version" expression="-abs(&quot;version&quot;)" '
             'applyOnUpdate="1"/>\n </defaults>\n')


def team_layer_qml(kind: LayerKind) -> str:
    """The kind's QML with the ``version`` default that makes QGIS carry the version it read."""
    qml = layer_qml(kind)
    end = qml.rindex("</qgis>")
    return qml[:end] + " " + _DEFAULTS + qml[end:]


def write_layer_styles(connection: Any, catalog: Catalog) -> None:
    """Write (or replace) each kind's default QGIS style, inside the caller's transaction on a
    psycopg ``connection``. Other tools' styles stay, no longer the default."""
    connection.execute(LAYER_STYLES)
    # the styles say nothing a partner may not know (colours, field titles): every login reads them
    connection.execute("GRANT SELECT ON layer_styles TO PUBLIC")
    for kind in catalog:
        place = ("SELECT current_database(), current_schema(), %s, %s", (kind.name, GEOMETRY_COLUMN))
        connection.execute("UPDATE layer_styles SET useasdefault = false WHERE f_table_catalog = current_database() "
                           "AND f_table_schema = current_schema() AND f_table_name = %s", (kind.name,))
        connection.execute("DELETE FROM layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = "
                           "current_schema() AND f_table_name = %s AND stylename = %s AND description LIKE %s",
                           (kind.name, kind.title, "HumanOps:%"))
        connection.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, "
            f"styleqml, stylesld, useasdefault, description, type) {place[0]}, %s, %s, '', true, %s, NULL",
            (*place[1], kind.title, team_layer_qml(kind), f"HumanOps: {kind.description or kind.title}"))
