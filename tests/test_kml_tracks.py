"""KML as partners send it (issue 10, item 4): gx:Track and gx:MultiTrack as lines with their
times, GDAL's "non-conformant" multi-geometries, nested MultiGeometry, TimeSpan/TimeStamp into
the kind's validity fields, and the kind picked when only one fits. Files and licences:
tests/data/kml/README.md."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from humanops.formats._kml import read_kml
from humanops.formats.field_mapping import MappingChoice
from humanops.formats.importer import import_file

DATA = Path(__file__).parent / "data" / "kml"


def _rows(workspace, layer: str) -> dict[str, dict]:
    return {row["name"]: row for row in workspace.read_layer(layer).to_dict("records")}


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_gdal_gx_track_without_when_is_a_line():
    (layer,) = read_kml(DATA / "gdal-gx_track_without_when.kml")
    (geometry,) = layer.frame.geometry
    assert geometry.geom_type == "LineString"
    coords = list(geometry.coords)
    assert len(coords) == 7
    assert coords[0] == (-122.207881, 37.371915) and coords[-1] == (-122.203207, 37.374857)
    assert "begin" not in layer.columns and not layer.problems


def test_gdal_gx_track_imports_into_the_kind_given(workspace):
    report = import_file(workspace, DATA / "gdal-gx_track_without_when.kml", layer="corridor",
                         mapping=MappingChoice(constants={"name": "Track"}))
    assert report.imported == 1
    (row,) = workspace.read_layer("corridor").to_dict("records")
    assert len(row["geometry"].coords) == 7
    assert row["valid_from"] is None or str(row["valid_from"]) == "NaT"  # no <when>: no time


def test_gdal_non_conformant_multi_geometries_read_as_gdal_does():
    (layer,) = read_kml(DATA / "gdal-non_conformant_multi.kml")
    polygon, line, point = layer.frame.geometry
    assert polygon.geom_type == "MultiPolygon" and polygon.geoms[0].exterior.coords[:] == \
        [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
    assert line.geom_type == "MultiLineString" and line.geoms[0].coords[:] == [(0, 0), (1, 1)]
    assert point.geom_type == "MultiPoint" and point.geoms[0].coords[:] == [(0, 0)]
    assert not layer.problems


def test_tracks_become_corridors_with_their_times(workspace):
    report = import_file(workspace, DATA / "humanops-tracks-and-zones.kml")
    (layer,) = report.layers
    assert layer.kind == "corridor" and "begin" in layer.mapping.by_field.values()
    rows = _rows(workspace, "corridor")
    north = rows["Convoy north"]
    assert north["geometry"].geom_type == "LineString"
    assert list(north["geometry"].coords) == [(36.80, -1.30), (36.82, -1.28), (36.85, -1.25)]
    # the earliest <when> is 08:30+01:00, i.e. 07:30 UTC: compared as instants, not as text
    assert north["valid_from"].to_pydatetime() == _at("2026-11-28T07:30:00+00:00")
    assert north["valid_until"].to_pydatetime() == _at("2026-11-28T09:15:00+00:00")
    back = rows["Convoy return"]
    assert back["valid_from"].to_pydatetime() == _at("2026-11-29T10:00:00+00:00")
    assert back["valid_until"].to_pydatetime() == _at("2026-11-29T11:40:00+00:00")
    # the two legs of the MultiTrack meet, so the corridor (a LineString kind) is their merged line
    assert back["geometry"].geom_type == "LineString"
    assert list(back["geometry"].coords) == [(36.85, -1.25), (36.83, -1.27), (36.80, -1.30)]


def test_multitrack_is_a_multiline_when_read():
    layers = read_kml(DATA / "humanops-tracks-and-zones.kml")
    (routes,) = layers
    back = routes.frame.geometry.iloc[1]
    assert back.geom_type == "MultiLineString" and len(back.geoms) == 2


def test_timespan_timestamp_and_nested_multigeometry_into_danger_zones(workspace):
    report = import_file(workspace, DATA / "humanops-zones-timespan.kml",
                         mapping=MappingChoice(constants={"hazard": "shelling", "severity": "4"}))
    assert report.layers[0].kind == "danger_zone" and report.imported == 2
    rows = _rows(workspace, "danger_zone")
    market = rows["Market shelling area"]
    assert market["geometry"].geom_type == "MultiPolygon" and len(market["geometry"].geoms) == 2
    assert market["valid_from"].to_pydatetime() == _at("2026-11-28T06:00:00+00:00")
    assert market["valid_until"].to_pydatetime() == _at("2026-11-30T18:00:00+00:00")
    assert market["hazard"] == "shelling" and market["severity"] == 4
    bridge = rows["Bridge approach"]
    assert bridge["valid_from"].to_pydatetime() == _at("2026-11-29T12:00:00+00:00")  # TimeStamp
    assert bridge["valid_until"] is None or str(bridge["valid_until"]) == "NaT"


def test_the_only_kind_that_fits_is_picked(tmp_path, workspace):
    kml = tmp_path / "areas.kml"
    kml.write_text('<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Area A</name>'
                   '<Polygon><outerBoundaryIs><LinearRing><coordinates>36.8,-1.3 36.81,-1.3 36.81,-1.29 '
                   '36.8,-1.3</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>')
    report = import_file(workspace, kml, mapping=MappingChoice(constants={"hazard": "flood", "severity": "2"}))
    assert report.layers[0].kind == "danger_zone"
    assert report.layers[0].kind_from == "the only layer kind for Polygon geometry"
