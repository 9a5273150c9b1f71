"""Edit a HumanOps workspace with QGIS's own code paths (run by Debian's python3 with
python3-qgis; tests/test_other_tool_edits.py starts it). Usage: edit_with_qgis.py WORKSPACE UUID.

Does what a user does in QGIS on the ``need`` layer, each step committed as QGIS commits an
edit session, and prints one JSON line of what QGIS reported."""

from __future__ import annotations

import json
import sys

from qgis.core import (
    QgsApplication,
    QgsDataProvider,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime


def main(path: str, uuid: str) -> dict[str, object]:
    report: dict[str, object] = {}
    layer = QgsVectorLayer(f"{path}|layername=need", "need", "ogr")
    if not layer.isValid():
        return {"error": "layer not valid"}
    QgsProject.instance().addMapLayer(layer)
    fields = layer.fields()
    [source] = list(layer.getFeatures(f"\"uuid\" = '{uuid}'"))

    # 1. digitise a new point (QGIS leaves uuid and every field it does not know empty)
    layer.startEditing()
    added = QgsFeature(fields)
    added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(30.5, 10.5)))
    added["name"] = "drawn in QGIS"
    added["population"] = 40
    layer.addFeature(added)
    report["add"] = layer.commitChanges()

    # 2. Edit > Duplicate Feature (QgsVectorLayerUtils.duplicateFeature, as the map tool does)
    layer.startEditing()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    duplicate, _ = QgsVectorLayerUtils.duplicateFeature(layer, source, QgsProject.instance(), 0)
    report["duplicate_uuid"] = duplicate["uuid"]
    report["duplicate"] = layer.commitChanges()

    # 3. copy and paste the feature into the same layer (Edit > Paste Features)
    layer.startEditing()
    pasted = QgsVectorLayerUtils.createFeature(layer, source.geometry(), dict(enumerate(source.attributes())),
                                               context)
    pasted_features = QgsVectorLayerUtils.makeFeaturesCompatible([pasted], layer)
    layer.addFeatures(pasted_features)
    report["paste_uuid"] = pasted["uuid"]
    report["paste"] = layer.commitChanges()
    report["paste_errors"] = layer.commitErrors()

    # 4. field calculator: population = population * 2 on every feature, and one on uuid
    layer.startEditing()
    expression = QgsExpression('"population" * 2')
    index = fields.indexOf("population")
    for feature in layer.getFeatures():
        context.setFeature(feature)
        layer.changeAttributeValue(feature.id(), index, expression.evaluate(context))
    report["calculator"] = layer.commitChanges()
    layer.startEditing()
    uuid_index = fields.indexOf("uuid")
    for feature in layer.getFeatures(f"\"uuid\" = '{uuid}'"):
        layer.changeAttributeValue(feature.id(), uuid_index, "renamed-in-qgis")
    report["uuid_calculator"] = layer.commitChanges()

    # 5. the attribute form: a new name and an expiry typed as QGIS stores it (no zone)
    layer.startEditing()
    for feature in layer.getFeatures(f"\"uuid\" = '{uuid}'"):
        layer.changeAttributeValue(feature.id(), fields.indexOf("name"), "renamed")
        layer.changeAttributeValue(feature.id(), fields.indexOf("expires"),
                                   QDateTime(QDate(2026, 12, 31), QTime(12, 0)))
    report["form"] = layer.commitChanges()

    # what QGIS's browser lists in the file
    listed = QgsVectorLayer(path, "all", "ogr")
    report["sublayers"] = [s.split(QgsDataProvider.sublayerSeparator())[1]
                           for s in listed.dataProvider().subLayers()]
    return report


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    try:
        print(json.dumps(main(sys.argv[1], sys.argv[2])))
    finally:
        app.exitQgis()
