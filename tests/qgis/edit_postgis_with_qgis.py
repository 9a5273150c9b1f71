"""Edit a HumanOps team workspace (PostGIS) with QGIS's own "postgres" provider (run by Debian's
python3 with python3-qgis; tests/test_qgis_postgis.py starts it).

Usage: edit_postgis_with_qgis.py MODE CONNINFO [ARGS...], CONNINFO a libpq connection string
(``host=/socket/dir dbname=… user=…``). Each mode prints one JSON line of what QGIS reported:

* ``edit MOVE_UUID DELETE_UUID``: what a user does on the ``need`` layer, each step committed as
  QGIS commits an edit session: change an attribute, move a point, digitise a new point, delete one;
* ``stale UUID name|geometry [EXPRESSION]``: start editing, change the feature's name (or move
  it), print ``{"edited": …}`` and wait for a line on stdin (the test changes the feature
  meanwhile), then commit. With an EXPRESSION, ``version`` gets it as a default value applied on
  update (what a QGIS style can give a field), so the edit carries the version it was made on;
* ``partner [SCHEMA]``: as a partner's login role, read ``SCHEMA.need`` (default ``public``; the
  partner's release table is in the schema named as its role) and the generalised table, then try
  to edit.
"""

from __future__ import annotations

import json
import sys

from qgis.core import (
    QgsApplication,
    QgsDataSourceUri,
    QgsDefaultValue,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
    QgsWkbTypes,
)

MESSAGES: list[str] = []  # QGIS's message log, for a report of what went wrong


def open_layer(conninfo: str, table: str, *, points: bool = False, schema: str = "public") -> QgsVectorLayer:
    """The table as QGIS's Add PostGIS Layers dialog adds it (primary key, geometry column; for a
    column of any geometry type, the type the dialog found in it: QGIS refuses the layer without)."""
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource(schema, table, "geom", "", "fid")
    if points:
        uri.setWkbType(QgsWkbTypes.Point)
        uri.setSrid("4326")
    return QgsVectorLayer(uri.uri(False), table, "postgres")


def feature_id(layer: QgsVectorLayer, uuid: str) -> int:
    [feature] = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"uuid\" = '{uuid}'")))
    return feature.id()


def commit(layer: QgsVectorLayer) -> dict[str, object]:
    done = layer.commitChanges()
    return {"committed": done, "errors": [] if done else list(layer.commitErrors())}


def edit(conninfo: str, move_uuid: str, delete_uuid: str) -> dict[str, object]:
    layer = open_layer(conninfo, "need")
    if not layer.isValid():
        return {"error": "layer not valid", "log": layer.dataProvider().error().summary()}
    fields = layer.fields()
    report: dict[str, object] = {"features": layer.featureCount()}

    # 1. the attribute table: a new population on one feature
    layer.startEditing()
    fid = feature_id(layer, move_uuid)
    layer.changeAttributeValue(fid, fields.indexOf("population"), 77)
    report["attribute"] = commit(layer)

    # 2. the Vertex tool: the point moved
    layer.startEditing()
    layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(31.25, 11.5)))
    report["geometry"] = commit(layer)

    # 3. Add Point Feature: QGIS leaves uuid, version and every field the user does not type empty
    layer.startEditing()
    added = QgsFeature(fields)
    added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(30.5, 10.5)))
    added["name"] = "drawn in QGIS"
    added["population"] = 40
    layer.addFeature(added)
    report["add"] = commit(layer)

    # 4. Delete Selected
    layer.startEditing()
    layer.deleteFeature(feature_id(layer, delete_uuid))
    report["delete"] = commit(layer)
    report["features_after"] = layer.featureCount()
    return report


def stale(conninfo: str, uuid: str, what: str, version_on_update: str | None) -> dict[str, object]:
    layer = open_layer(conninfo, "need")
    fields = layer.fields()
    if version_on_update:
        layer.setDefaultValueDefinition(fields.indexOf("version"), QgsDefaultValue(version_on_update, True))
    layer.startEditing()
    fid = feature_id(layer, uuid)
    seen_version = layer.getFeature(fid)["version"]
    if what == "name":
        layer.changeAttributeValue(fid, fields.indexOf("name"), "renamed in QGIS")
    else:
        layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(32.0, 12.0)))
    print(json.dumps({"edited": True, "seen_version": seen_version}), flush=True)
    sys.stdin.readline()  # the test changes the same feature with the app now
    report = commit(layer)
    if not report["committed"]:
        layer.rollBack()
    report["seen_version"] = seen_version
    return report


def partner(conninfo: str, schema: str = "public") -> dict[str, object]:
    layer = open_layer(conninfo, "need", schema=schema)
    generalised = open_layer(conninfo, "humanops_generalised_need", points=True)
    for opened in (layer, generalised):
        if not opened.isValid():
            return {"error": f"{opened.name()}: not valid", "log": MESSAGES}
    report: dict[str, object] = {
        "uuids": sorted(f["uuid"] for f in layer.getFeatures()),
        "generalised": sorted(f["uuid"] for f in generalised.getFeatures()),
        "capabilities": layer.dataProvider().capabilitiesString(),
    }
    # try an edit anyway (the capabilities may not show the missing privilege)
    layer.startEditing()
    ids = [f.id() for f in layer.getFeatures()]
    if ids:
        layer.changeAttributeValue(ids[0], layer.fields().indexOf("tlp"), "CLEAR")
    added = QgsFeature(layer.fields())
    added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(36.0, 33.0)))
    added["name"] = "partner's point"
    added["population"] = 1
    layer.addFeature(added)
    report["edit"] = commit(layer)
    layer.rollBack()
    return report


def main(argv: list[str]) -> dict[str, object]:
    mode, conninfo, *args = argv
    if mode == "edit":
        return edit(conninfo, *args)
    if mode == "stale":
        return stale(conninfo, args[0], args[1], args[2] if len(args) > 2 else None)
    if mode == "partner":
        return partner(conninfo, *args)
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, level: MESSAGES.append(f"{tag}: {text}"))
    try:
        print(json.dumps(main(sys.argv[1:]), default=str), flush=True)
    finally:
        app.exitQgis()
