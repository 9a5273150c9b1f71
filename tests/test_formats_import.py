"""Importing layer files: every format, the field mapping, and every kind of bad input.

Each refusal must name the file, the feature and the field, and leave the workspace exactly
as it was (compared table by table)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon

from humanops.errors import FormatError, UsageError
from humanops.feedback import Canceled, Feedback
from humanops.formats.import_report import ImportRefused
from humanops.formats.importer import import_file
from humanops.formats.mapping import map_columns
from humanops.model.marking import TLP


def needs_frame(n: int = 3, crs: int = 4326) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": [f"site {i}" for i in range(n)], "population": [100 * (i + 1) for i in range(n)],
         "admin_code": [f"SY{i:04d}" for i in range(n)]},
        geometry=[Point(36.0 + i / 10, 33.0 + i / 10) for i in range(n)], crs=crs)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def refused(workspace, snapshot, path: Path, **kwargs) -> ImportRefused:
    before = snapshot(workspace.path)
    with pytest.raises(ImportRefused) as info:
        import_file(workspace, path, **kwargs)
    assert snapshot(workspace.path) == before
    assert str(path) in info.value.message
    return info.value


def unchanged_error(workspace, snapshot, path: Path, error=FormatError, **kwargs) -> FormatError:
    before = snapshot(workspace.path)
    with pytest.raises(error) as info:
        import_file(workspace, path, **kwargs)
    assert snapshot(workspace.path) == before
    return info.value


# --- each format in -----------------------------------------------------------------------

def test_geojson_of_needs_is_imported_with_kind_from_file_name(workspace, tmp_path):
    path = tmp_path / "needs_north.geojson"
    needs_frame().to_file(path)
    report = import_file(workspace, path)
    assert report.status == "imported"
    assert (report.read, report.imported, report.rejected) == (3, 3, 0)
    assert report.layers[0].kind == "need"
    stored = workspace.read_layer("need").sort_values("name")
    assert stored["population"].tolist() == [100, 200, 300]
    assert stored["admin_code"].tolist() == ["SY0000", "SY0001", "SY0002"]
    assert stored.geometry.iloc[1].equals_exact(Point(36.1, 33.1), 1e-9)
    assert set(stored["tlp"]) == {"AMBER"}  # the kind's default marking


def test_kind_inferred_from_columns_and_geometry(workspace, tmp_path):
    frame = gpd.GeoDataFrame({"name": ["Hospital A"], "facility_type": ["hospital"], "capacity": [120]},
                             geometry=[Point(36, 33)], crs=4326)
    path = tmp_path / "export_2024.geojson"
    frame.to_file(path)
    report = import_file(workspace, path)
    assert report.layers[0].kind == "facility"
    assert "column" in report.layers[0].kind_from


def test_kind_that_cannot_be_told_asks_for_layer(workspace, snapshot, tmp_path):
    frame = gpd.GeoDataFrame({"name": ["x"], "colour": ["red"]}, geometry=[Point(36, 33)], crs=4326)
    path = tmp_path / "things.geojson"
    frame.to_file(path)
    error = unchanged_error(workspace, snapshot, path)
    assert "--layer" in error.message
    with pytest.raises(ImportRefused) as info:  # with --layer: need's population is required
        import_file(workspace, path, layer="need")
    assert "population" in info.value.report.layers[0].refusal


def test_geopackage_with_several_layers_imports_each_named_kind(workspace, tmp_path):
    path = tmp_path / "qgis_project.gpkg"
    needs_frame().to_file(path, layer="need")
    gpd.GeoDataFrame({"name": ["Shelter 1"], "facility_type": ["shelter"], "capacity": [50]},
                     geometry=[Point(36.2, 33.2)], crs=4326).to_file(path, layer="facility")
    gpd.GeoDataFrame({"label": ["x"]}, geometry=[Point(1, 1)], crs=4326).to_file(path, layer="sketch")
    report = import_file(workspace, path)
    assert sorted(layer.kind for layer in report.layers) == ["facility", "need"]
    assert ("sketch", "not a layer kind") in report.skipped_layers
    assert workspace.count("need") == 3 and workspace.count("facility") == 1


def test_another_workspace_imports_with_uuids_and_markings(workspace, tmp_path):
    from humanops.model.marking import Marking
    from humanops.store.workspace import Workspace

    other = Workspace.create(tmp_path / "partner.gpkg", organisation="wfp")
    feature = other.add_feature("need", Point(36, 33), {"name": "Camp", "population": 40},
                                Marking(tlp=TLP.RED, releasable_to=("unicef",)))
    other.close()
    report = import_file(workspace, tmp_path / "partner.gpkg")
    assert [layer.kind for layer in report.layers] == ["need"]
    stored = workspace.get_feature("need", feature.uuid)
    assert stored.marking.tlp is TLP.RED and stored.marking.releasable_to == ("unicef",)
    assert stored.originator == "wfp"  # a partner's feature stays theirs
    # identity travels (issue 10, item 8): created is the partner's, not the import's time
    assert stored.created == feature.created and stored.version == feature.version
    assert report.layers[0].mapping.by_field["created"] == "created"


def test_utm_geojson_and_geopackage_are_stored_in_wgs84(workspace, tmp_path):
    lonlat = needs_frame(2)
    utm = lonlat.to_crs(32637)
    utm.to_file(tmp_path / "needs.geojson")  # GDAL writes the (pre-RFC 7946) crs member
    utm.to_file(tmp_path / "needs_utm.gpkg", layer="need")
    import_file(workspace, tmp_path / "needs.geojson")
    report = import_file(workspace, tmp_path / "needs_utm.gpkg", layer="need", skip_rejected=False)
    assert "32637" in report.layers[0].source_crs
    stored = workspace.read_layer("need")
    assert stored.crs.to_epsg() == 4326
    expected = np.tile(shapely.get_coordinates(lonlat.geometry.values), (2, 1))
    got = shapely.get_coordinates(stored.geometry.values)
    assert np.allclose(np.sort(got, axis=0), np.sort(expected, axis=0), atol=1e-7)


def _shapefile_zip(tmp_path: Path, frame: gpd.GeoDataFrame, *, drop: tuple[str, ...] = (),
                   name: str = "need") -> Path:
    folder = tmp_path / "shp"
    folder.mkdir(exist_ok=True)
    pyogrio.write_dataframe(frame, folder / f"{name}.shp", driver="ESRI Shapefile")
    path = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(folder.iterdir()):
            if member.suffix not in drop:
                archive.write(member, f"data/{member.name}")
    return path


def test_zipped_shapefile_is_imported(workspace, tmp_path):
    path = _shapefile_zip(tmp_path, needs_frame().to_crs(32637))
    report = import_file(workspace, path)
    assert report.layers[0].kind == "need" and report.imported == 3
    x, y = workspace.read_layer("need").sort_values("name").geometry.iloc[0].coords[0]
    assert abs(x - 36.0) < 1e-6 and abs(y - 33.0) < 1e-6


def test_shapefile_without_prj_is_refused_unless_crs_given(workspace, snapshot, tmp_path):
    path = _shapefile_zip(tmp_path, needs_frame().to_crs(32637), drop=(".prj",))
    error = unchanged_error(workspace, snapshot, path)
    assert "coordinate reference system" in error.message and "--crs" in error.message
    assert error.layer == "need"
    report = import_file(workspace, path, source_crs="EPSG:32637")
    assert report.imported == 3
    x, _ = workspace.read_layer("need").geometry.iloc[0].coords[0]
    assert 35.9 < x < 36.3


def test_shapefile_zip_missing_shx_is_refused(workspace, snapshot, tmp_path):
    path = _shapefile_zip(tmp_path, needs_frame(), drop=(".shx",))
    error = unchanged_error(workspace, snapshot, path)
    assert ".shx" in error.message and str(path) in error.message


def test_not_a_zip_is_refused(workspace, snapshot, tmp_path):
    path = tmp_path / "need.zip"
    path.write_bytes(b"this is not an archive")
    error = unchanged_error(workspace, snapshot, path)
    assert "not a zip" in error.message


def test_zip_slip_member_is_refused(workspace, snapshot, tmp_path):
    path = tmp_path / "need.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("need.shp", b"x")
        archive.writestr("../../evil.txt", b"owned")
    error = unchanged_error(workspace, snapshot, path)
    assert "unsafe path" in error.message
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_is_refused_before_extracting(workspace, snapshot, tmp_path):
    path = tmp_path / "need.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("need.shp", b"\0" * (20 * 1024 * 1024))  # ~1000:1
        archive.writestr("need.shx", b"x")
        archive.writestr("need.dbf", b"x")
    error = unchanged_error(workspace, snapshot, path)
    assert "zip bomb" in error.message


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document><name>Field report</name>
 <Folder><name>need</name>
  <Placemark><name>Camp A</name><description>near the school</description>
   <ExtendedData><Data name="population"><value>1200</value></Data></ExtendedData>
   <Point><coordinates>36.1,33.2,0</coordinates></Point></Placemark>
  <Placemark><name>Camp B</name>
   <ExtendedData><SchemaData schemaUrl="#s"><SimpleData name="population">80</SimpleData>
   <SimpleData name="tlp">TLP:GREEN</SimpleData></SchemaData></ExtendedData>
   <MultiGeometry><Point><coordinates>36.3,33.4</coordinates></Point></MultiGeometry></Placemark>
 </Folder>
 <Folder><name>danger_zone</name>
  <Placemark><name>Shelling area</name>
   <ExtendedData><Data name="hazard"><value>shelling</value></Data>
   <Data name="severity"><value>4</value></Data></ExtendedData>
   <MultiGeometry>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>36,33 36.1,33 36.1,33.1 36,33.1 36,33</coordinates>
    </LinearRing></outerBoundaryIs>
    <innerBoundaryIs><LinearRing><coordinates>36.02,33.02 36.04,33.02 36.04,33.04 36.02,33.02</coordinates>
    </LinearRing></innerBoundaryIs></Polygon>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>37,33 37.1,33 37.1,33.1 37,33</coordinates>
    </LinearRing></outerBoundaryIs></Polygon>
   </MultiGeometry></Placemark>
 </Folder>
 <Folder><name>corridor</name>
  <Placemark><name>Route 1</name><ExtendedData><Data name="status"><value>open</value></Data>
   </ExtendedData><LineString><coordinates>36,33 36.5,33.5 37,33.2</coordinates></LineString></Placemark>
 </Folder>
</Document></kml>"""


def test_kml_folders_placemarks_and_extended_data(workspace, tmp_path):
    path = tmp_path / "report.kml"
    path.write_text(KML, encoding="utf-8")
    report = import_file(workspace, path)
    assert sorted(layer.kind for layer in report.layers) == ["corridor", "danger_zone", "need"]
    needs = workspace.read_layer("need").sort_values("name")
    assert needs["population"].tolist() == [1200, 80]
    assert needs["notes"].tolist()[0] == "near the school"  # <description> -> notes
    assert needs["tlp"].tolist() == ["AMBER", "GREEN"]
    zone = workspace.read_layer("danger_zone").geometry.iloc[0]
    assert zone.geom_type == "MultiPolygon" and len(zone.geoms) == 2
    assert len(zone.geoms[0].interiors) == 1
    assert workspace.read_layer("corridor").geometry.iloc[0].geom_type == "LineString"


@pytest.mark.parametrize("hostile", [
    """<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
    <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
    <Placemark><name>&c;</name><Point><coordinates>1,1</coordinates></Point></Placemark></Document></kml>""",
    """<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
    <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&leak;</name>
    <Point><coordinates>1,1</coordinates></Point></Placemark></Document></kml>""",
], ids=["entity-expansion", "external-entity"])
def test_hostile_kml_is_refused(workspace, snapshot, tmp_path, hostile):
    path = tmp_path / "need.kml"
    path.write_text(hostile, encoding="utf-8")
    error = unchanged_error(workspace, snapshot, path)
    assert "refused" in error.message and "entities" in error.message and str(path) in error.message


def test_csv_with_lat_lon_columns_semicolons_and_bom(workspace, tmp_path):
    path = write_csv(tmp_path / "needs.csv",
                     "Name;Latitude;Longitude;People;P-Code\nDorf;33.5;36.25;120;SY0101\n"
                     "Ville;33.6;36.3;80;0042\n", encoding="utf-8-sig")
    report = import_file(workspace, path)
    mapping = report.layers[0].mapping
    assert {m.column: m.field for m in mapping.matched} == {
        "Name": "name", "People": "population", "P-Code": "admin_code"}
    stored = workspace.read_layer("need").sort_values("name")
    assert stored["admin_code"].tolist() == ["SY0101", "0042"]  # text stays text
    assert stored.geometry.iloc[0].equals_exact(Point(36.25, 33.5), 1e-9)


KOBO = (
    "start,end,group_site/site_name,group_site/num_people,group_site/households,_gps_latitude,"
    "_gps_longitude,_gps_altitude,adm1,_id,_uuid,_submission_time\n"
    "#date+start,#date+end,#loc+name,#affected,#affected +HH,#geo+lat,#geo+lon,,#adm1+code,,,\n"
    "2024-05-01T08:00:00,2024-05-01T08:20:00,Camp Nord,1500,300,33.51,36.27,700,SY01,101,"
    "3f0a2d54-9a7b-4c36-9f0e-0d2a4c7f1e11,2024-05-01T09:00:00\n"
    "2024-05-01T09:00:00,2024-05-01T09:30:00,Camp Sud,800,160,33.41,36.20,650,SY02,102,"
    "a1b2c3d4-0000-4000-8000-000000000002,2024-05-01T10:00:00\n"
)


def test_kobo_hxl_csv_is_mapped_by_hashtags(workspace, tmp_path):
    path = write_csv(tmp_path / "kobo_export.csv", KOBO)
    report = import_file(workspace, path, layer="need")
    layer = report.layers[0]
    matched = {m.column: (m.field, m.how) for m in layer.mapping.matched}
    assert matched["group_site/site_name"] == ("name", "hxl")
    assert matched["group_site/num_people"] == ("population", "hxl")
    assert matched["group_site/households"] == ("households", "hxl")  # '#affected +HH' ~ '#affected+hh'
    assert matched["adm1"] == ("admin_code", "hxl")
    assert {"_id", "_uuid", "_submission_time", "_gps_altitude"} <= set(layer.mapping.unmapped)
    stored = workspace.read_layer("need").sort_values("name")
    assert stored["population"].tolist() == [1500, 800]
    assert stored.geometry.iloc[0].equals_exact(Point(36.27, 33.51), 1e-9)


def test_hxl_csv_without_layer_is_inferred_as_need(workspace, tmp_path):
    path = write_csv(tmp_path / "kobo_export.csv", KOBO)
    report = import_file(workspace, path)
    assert report.layers[0].kind == "need"


def test_csv_rows_are_reported_as_spreadsheet_rows(workspace, snapshot, tmp_path):
    path = write_csv(tmp_path / "kobo_export.csv", KOBO.replace(",1500,", ",many,"))
    error = refused(workspace, snapshot, path, layer="need")
    assert error.feature == "row 3"  # header, hashtag row, then the first data row
    assert error.field == "population"
    assert "many" in error.message and "kobo_export.csv" in error.message
    problem = error.report.problems[0]
    assert problem.column == "group_site/num_people" and problem.feature_id == "Camp Nord"


# --- the field mapping ----------------------------------------------------------------------

def test_mapping_by_name_alias_and_hxl_case_and_space_insensitive(workspace):
    kind = workspace.kind("need")
    mapping = map_columns(kind, ["Site Name", "POP", "hh", "Severity", "extra", "TLP", "Expires", "UUID"],
                          {"Site Name": "#loc +name", "Severity": "#Severity +Phase"})
    by_field = mapping.by_field
    assert by_field == {"name": "Site Name", "population": "POP", "households": "hh",
                        "severity_phase": "Severity", "uuid": "UUID", "tlp": "TLP", "expires": "Expires"}
    assert mapping.unmapped == ["extra"]
    assert mapping.missing_required == []
    zone = map_columns(workspace.kind("danger_zone"), ["name", "type"])
    assert zone.by_field == {"name": "name", "hazard": "type"}
    assert zone.defaulted == {"confidence": "medium"}
    assert zone.missing_required == ["severity"]


# --- bad input, feature by feature -----------------------------------------------------------

def _zones(geoms, **columns) -> gpd.GeoDataFrame:
    n = len(geoms)
    data = {"name": [f"zone {i}" for i in range(n)], "hazard": ["shelling"] * n, "severity": [3] * n}
    data.update(columns)
    return gpd.GeoDataFrame(data, geometry=list(geoms), crs=4326)


BOX = Polygon([(36, 33), (36.1, 33), (36.1, 33.1), (36, 33.1)])
BOWTIE = Polygon([(36, 33), (36.1, 33.1), (36.1, 33), (36, 33.1)])


def test_invalid_polygon_is_repaired_and_reported(workspace, tmp_path):
    path = tmp_path / "danger_zone.gpkg"
    _zones([BOX, BOWTIE]).to_file(path, layer="danger_zone")
    report = import_file(workspace, path)
    assert (report.imported, report.repaired, report.rejected) == (2, 1, 0)
    problem = report.problems[0]
    assert problem.action == "repaired" and problem.row == 2 and problem.field == "geometry"
    assert "Self-intersection" in problem.reason
    repaired = workspace.read_layer("danger_zone").set_index("name").geometry["zone 1"]
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon" and len(repaired.geoms) == 2
    assert shapely.area(repaired) == pytest.approx(shapely.area(shapely.make_valid(BOWTIE)))


def test_polygon_beyond_repair_is_rejected(workspace, snapshot, tmp_path):
    path = tmp_path / "danger_zone.gpkg"
    flat = Polygon([(36, 33), (36.1, 33.1), (36.2, 33.2), (36, 33)])  # no area at all
    _zones([BOX, flat]).to_file(path, layer="danger_zone")
    error = refused(workspace, snapshot, path)
    assert error.field == "geometry" and error.feature == "fid 2"
    assert "cannot be repaired" in error.message


@pytest.mark.parametrize(("rows", "field", "words"), [
    ("Camp,NaN,36.1,10", "Latitude", "not a number"),
    ("Camp,33.5,200,10", "geometry", "out of range"),
    ("Camp,120.5,33.1,10", "geometry", "swapped"),
    ("Camp,,,10", "Latitude", "empty"),
    ("Camp,33.5,36.1,many", "population", "not a valid integer"),
    ("Camp,33.5,36.1,", "population", "required"),
    ("Camp,33.5,36.1,-5", "population", "below the minimum"),
], ids=["nan", "out-of-range", "swapped", "no-coordinates", "wrong-type", "empty-required", "below-min"])
def test_bad_csv_rows_are_refused_per_feature(workspace, snapshot, tmp_path, rows, field, words):
    path = write_csv(tmp_path / "needs.csv", f"name,Latitude,Longitude,population\nGood,33.4,36.2,5\n{rows}\n")
    error = refused(workspace, snapshot, path)
    assert error.feature == "row 3" and error.field == field and words in error.message
    assert error.report.rejected == 1 and error.report.status == "refused"


@pytest.mark.filterwarnings("ignore:invalid value encountered")
def test_nan_vertex_and_empty_geometry_in_a_geopackage(workspace, snapshot, tmp_path):
    path = tmp_path / "corridor.gpkg"
    lines = [LineString([(36, 33), (36.5, 33.5)]), LineString([(36, 33), (np.nan, 33.5)]),
             shapely.from_wkt("LINESTRING EMPTY")]
    gpd.GeoDataFrame({"name": ["a", "b", "c"], "status": ["open"] * 3}, geometry=lines,
                     crs=4326).to_file(path, layer="corridor")
    error = refused(workspace, snapshot, path)
    reasons = {p.row: p.reason for p in error.report.problems}
    assert "NaN" in reasons[2] and "empty" in reasons[3] and 1 not in reasons


def test_wrong_geometry_type_unknown_enum_and_unknown_tlp(workspace, snapshot, tmp_path):
    path = tmp_path / "danger_zone.geojson"
    _zones([BOX, BOX, Point(36, 33)], hazard=["shelling", "meteor", "flood"],
           tlp=["AMBER", "PURPLE", "RED"]).to_file(path)
    error = refused(workspace, snapshot, path)
    problems = {(p.row, p.field): p.reason for p in error.report.problems}
    assert "not one of" in problems[(2, "hazard")]
    assert "not a TLP 2.0 level" in problems[(2, "tlp")]
    assert "a Point cannot be a danger_zone" in problems[(3, "geometry")]
    assert error.report.rejected == 2


def test_required_field_without_column_refuses_whole_layer(workspace, snapshot, tmp_path):
    path = tmp_path / "danger_zone.geojson"
    _zones([BOX]).drop(columns=["severity"]).to_file(path)
    error = refused(workspace, snapshot, path, skip_rejected=True)
    assert "severity" in error.message and error.layer == "danger_zone"


def test_broken_geojson_is_refused(workspace, snapshot, tmp_path):
    path = tmp_path / "need.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    error = unchanged_error(workspace, snapshot, path)
    assert str(path) in error.message and "GeoJSON" in error.message


def test_unknown_extension_and_bad_crs(workspace, snapshot, tmp_path):
    path = tmp_path / "need.txt"
    path.write_text("x", encoding="utf-8")
    assert ".txt" in unchanged_error(workspace, snapshot, path).message
    csv = write_csv(tmp_path / "need.csv", "name,lat,lon,population\na,1,1,1\n")
    unchanged_error(workspace, snapshot, csv, error=UsageError, source_crs="EPSG:nonsense")


def test_uuids_already_present_or_repeated_are_rejected(workspace, snapshot, tmp_path):
    existing = workspace.add_feature("need", Point(36, 33), {"name": "old", "population": 1})
    fresh = "0b7e8f1c-2d3a-4b5c-8d9e-0f1a2b3c4d5e"
    frame = needs_frame(3)
    frame["uuid"] = [existing.uuid, fresh, fresh]
    path = tmp_path / "need.geojson"
    frame.to_file(path)
    error = refused(workspace, snapshot, path)
    reasons = {p.row: p.reason for p in error.report.problems}
    assert "already in the workspace" in reasons[1]
    assert "more than once" in reasons[2] and "more than once" in reasons[3]


# --- modes: skip, dry run, cancel ------------------------------------------------------------

def test_skip_rejected_imports_the_others_and_reports_the_rest(workspace, tmp_path):
    path = write_csv(tmp_path / "needs.csv", "name,lat,lon,population\na,33,36,5\nb,33,36,x\nc,95,36,7\n")
    report = import_file(workspace, path, skip_rejected=True)
    assert (report.read, report.imported, report.rejected) == (3, 1, 2)
    assert workspace.read_layer("need")["name"].tolist() == ["a"]
    assert [p.row for p in report.problems] == [3, 4]
    doc = report.to_dict()
    json.dumps(doc)
    assert doc["counts"] == {"read": 3, "imported": 1, "repaired": 0, "rejected": 2}


def test_dry_run_writes_nothing(workspace, snapshot, tmp_path):
    path = tmp_path / "need.geojson"
    needs_frame().to_file(path)
    before = snapshot(workspace.path)
    report = import_file(workspace, path, dry_run=True)
    assert report.status == "dry-run" and report.imported == 3
    assert snapshot(workspace.path) == before
    assert "dry run" in report.summary()


def test_cancel_while_writing_writes_nothing(workspace, snapshot, tmp_path):
    path = tmp_path / "qgis.gpkg"
    needs_frame().to_file(path, layer="need")
    _zones([BOX]).to_file(path, layer="danger_zone")
    feedback = Feedback()
    feedback._on_progress = lambda fraction, message: feedback.cancel() if message.startswith("writing") else None
    before = snapshot(workspace.path)
    with pytest.raises(Canceled):
        import_file(workspace, path, feedback=feedback)
    assert snapshot(workspace.path) == before


def test_cancel_before_start_writes_nothing(workspace, snapshot, tmp_path):
    path = tmp_path / "need.geojson"
    needs_frame().to_file(path)
    feedback = Feedback()
    feedback.cancel()
    before = snapshot(workspace.path)
    with pytest.raises(Canceled):
        import_file(workspace, path, feedback=feedback)
    assert snapshot(workspace.path) == before


def test_progress_is_reported(workspace, tmp_path):
    path = tmp_path / "need.geojson"
    needs_frame().to_file(path)
    seen = []
    import_file(workspace, path, feedback=Feedback(lambda fraction, message: seen.append(fraction)))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_multipart_roads_are_split_one_feature_a_part(workspace, tmp_path):
    path = tmp_path / "road.geojson"
    roads = MultiLineString([[(36, 33), (36.1, 33)], [(37, 33), (37.1, 33)]])
    gpd.GeoDataFrame({"name": ["R1"], "road_class": ["primary"]}, geometry=[roads], crs=4326).to_file(path)
    report = import_file(workspace, path)
    assert report.imported == 2
    assert any("split" in note for note in report.layers[0].notes)
    assert sorted(np.round(shapely.length(workspace.read_layer("road").geometry.values), 3)) == [0.1, 0.1]


def test_markings_from_columns(workspace, tmp_path):
    frame = needs_frame(2)
    frame["tlp"] = ["TLP:RED", "green"]
    frame["releasable_to"] = ["unicef; wfp", None]
    frame["caveats"] = ["no_onward_sharing", None]
    path = tmp_path / "need.geojson"
    frame.to_file(path)
    import_file(workspace, path)
    stored = {f.properties["name"]: f.marking for f in workspace.features("need")}
    assert stored["site 0"].tlp is TLP.RED and stored["site 0"].releasable_to == ("unicef", "wfp")
    assert stored["site 0"].no_onward_sharing
    assert stored["site 1"].tlp is TLP.GREEN and stored["site 1"].releasable_to == ()
