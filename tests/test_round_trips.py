"""Round trips keep what they carry (issue 10, item 8): vertex order, identity and provenance
through every export format and back, and what re-importing a feature we hold does."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import geopandas as gpd
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon

from humanops.formats.exporter import export_file
from humanops.formats.importer import import_file
from humanops.store.workspace import Workspace

# clockwise exterior (against RFC 7946's right-hand rule) with a vertex on a straight edge:
# GDAL's RFC7946 mode reversed it; we keep it as stored
CLOCKWISE = Polygon([(36.0, 33.0), (36.0, 33.1), (36.05, 33.1), (36.1, 33.1), (36.1, 33.0), (36.0, 33.0)])
PARTNER = "medaid"
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def held(workspace):
    """Our danger zone (old, at version 2) and a partner's need received in a package."""
    zone = workspace.add_feature("danger_zone", CLOCKWISE, {"name": "Front", "hazard": "shelling", "severity": 4})
    workspace.update_feature("danger_zone", zone.uuid, properties={"severity": 5})
    frame = gpd.GeoDataFrame({"name": ["Camp"], "population": [40], "originator": [PARTNER]},
                             geometry=[Point(36.2, 33.3)], crs=4326)
    workspace.add_frame("need", frame, source_package="pkg-0042", source_signer=PARTNER, at=T0)
    return workspace


def _identity(ws: Workspace, layer: str) -> dict[str, tuple]:
    return {f.uuid: (f.version, f.originator, f.created, f.modified, f.source_package, f.source_signer)
            for f in ws.features(layer)}


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".kml", ".gpkg"])
def test_identity_and_provenance_survive_export_and_reimport(held, tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    layers_as = "column" if suffix in (".geojson", ".csv") else "files"
    export_file(held, out, layers_as=layers_as)
    other = Workspace.create(tmp_path / "other.gpkg", organisation="unicef")
    import_file(other, out)
    for layer in ("danger_zone", "need"):
        assert _identity(other, layer) == _identity(held, layer), (suffix, layer)
    need = other.features("need")[0]
    assert need.originator == PARTNER and need.created == T0  # not reset, not re-attributed
    assert need.source_package == "pkg-0042" and need.source_signer == PARTNER
    zone = other.features("danger_zone")[0]
    assert zone.version == 2 and zone.originator == "ocha"
    assert list(zone.geometry.geoms[0].exterior.coords) == list(CLOCKWISE.exterior.coords)


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_reimport_of_our_own_export_changes_nothing(held, tmp_path, snapshot, suffix):
    out = tmp_path / f"zones{suffix}"
    export_file(held, out, layers=["danger_zone"])
    before = snapshot(held.path)
    report = import_file(held, out)
    assert report.status == "imported" and report.imported == 0
    assert any("already in the workspace at the same version" in n for n in report.layers[0].notes)
    assert snapshot(held.path) == before


def test_a_held_feature_at_another_version_is_rejected(held, tmp_path, snapshot):
    out = tmp_path / "zones.geojson"
    export_file(held, out, layers=["danger_zone"])
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["version"] = 7
    doc["features"][0]["properties"]["severity"] = 1
    out.write_text(json.dumps(doc), encoding="utf-8")
    before = snapshot(held.path)
    with pytest.raises(Exception) as info:
        import_file(held, out)
    assert "at version 2 (the file has version 7)" in str(info.value)
    assert snapshot(held.path) == before


def test_geojson_keeps_vertex_order_and_rfc7946_shape(held, tmp_path):
    out = tmp_path / "zones.geojson"
    export_file(held, out, layers=["danger_zone"])
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in doc
    ring = doc["features"][0]["geometry"]["coordinates"][0][0]
    assert [tuple(p) for p in ring] == list(CLOCKWISE.exterior.coords)
    props = doc["features"][0]["properties"]
    assert props["source_package"] is None and props["created"].endswith("Z") and props["version"] == 2


def test_multipolygon_with_many_parts_keeps_every_vertex(workspace, tmp_path):
    parts = [Polygon([(30 + i, 10), (30 + i, 10.5), (30.5 + i, 10.5), (30.5 + i, 10)]) for i in range(3)]
    workspace.add_feature("danger_zone", MultiPolygon(parts), {"name": "M", "hazard": "flood", "severity": 2})
    out = tmp_path / "m.geojson"
    export_file(workspace, out, layers=["danger_zone"])
    other = Workspace.create(tmp_path / "o.gpkg", organisation="x")
    import_file(other, out)
    assert other.features("danger_zone")[0].geometry.equals_exact(workspace.features("danger_zone")[0].geometry, 0)


def test_cli_export_layers_as(held, tmp_path, capsys):
    from humanops.cli import main

    path = held.path
    held.close()
    assert main(["-w", str(path), "export", str(tmp_path / "all.csv"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert sorted(doc["files"]) == sorted(str(tmp_path / f"all_{n}.csv") for n in ("danger_zone", "need"))
    assert main(["-w", str(path), "export", str(tmp_path / "all.geojson"), "--layers-as", "column"]) == 0
    assert (tmp_path / "all.geojson").exists()
    names = {f["properties"]["layer"] for f in json.loads((tmp_path / "all.geojson").read_text())["features"]}
    assert names == {"danger_zone", "need"}
