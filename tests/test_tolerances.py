"""Tolerances and messages: rounding noise at ±180/±90 clamped and reported, numbers printed as
people write them, field limits that real data reach, and places whose latitude and longitude
look swapped refused with a message saying so, by every command that takes a place.

Natural Earth's Russia (a longitude of 180.00000000000006) and country-level populations
(South Africa's 54,841,552) on a public extract (tests/data/natural_earth/README.md)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from planning_helpers import latlon, load
from shapely.geometry import Polygon

from humanops.catalog import load_catalog
from humanops.cli import main
from humanops.errors import AnalysisError, ValidationError
from humanops.formats.field_mapping import MappingChoice
from humanops.formats.import_report import ImportRefused
from humanops.formats.importer import import_file
from humanops.model.numbers import format_number
from humanops.model.places import parse_place_text
from humanops.model.validation import coerce_value, conform_geometry
from humanops.store.workspace import Workspace

NATURAL_EARTH = Path(__file__).parent / "data" / "natural_earth" / "ne_countries.zip"


@pytest.mark.parametrize(("value", "text"), [
    (10_000_000, "10,000,000"), (1e7, "10,000,000"), (180.00000000000006, "180.00000000000006"),
    (54_841_552.0, "54,841,552"), (1e-7, "0.0000001"), (-1234567.25, "-1,234,567.25"), (2.5, "2.5"),
    (0.1 + 0.2, "0.30000000000000004"), (float("nan"), "NaN"),
])
def test_numbers_are_written_as_people_write_them(value, text):
    assert format_number(value) == text


def test_limit_messages_print_whole_numbers():
    population = load_catalog()["need"].field("population")
    with pytest.raises(ValidationError) as info:
        coerce_value(population, "2500000000")
    assert info.value.reason == "2,500,000,000 is above the maximum 2,000,000,000"
    assert "e+" not in info.value.reason
    with pytest.raises(ValidationError, match=r"-5 is below the minimum 0$"):
        coerce_value(population, -5)


def test_country_level_populations_fit_the_need_kind():
    need = load_catalog()["need"]
    for name in ("population", "pin_food", "to_evacuate"):
        assert coerce_value(need.field(name), 54_000_000) == 54_000_000  # a country's people in need
    assert coerce_value(need.field("population"), 1_428_627_663) == 1_428_627_663  # India, UN WPP 2023
    assert coerce_value(need.field("households"), 300_000_000) == 300_000_000


# --- coordinates at the limits --------------------------------------------------------------

def test_rounding_noise_past_the_antimeridian_is_clamped_and_said():
    zone = load_catalog()["danger_zone"]
    noisy = Polygon([(179, 60), (180.00000000000006, 60), (180.00000000000006, 61), (179, 61)])
    geometry, note = conform_geometry(zone, noisy)
    assert shapely.get_coordinates(geometry)[:, 0].max() == 180.0
    assert note == ("longitude 180.00000000000006 clamped to 180 (within 0.000000001 degrees of the "
                    "limit: rounding noise)")
    assert shapely.get_coordinates(noisy)[:, 0].max() == 180.00000000000006  # the caller's object untouched
    with pytest.raises(ValidationError) as info:
        conform_geometry(zone, Polygon([(179, 60), (180.00001, 60), (180.00001, 61), (179, 61)]))
    assert "x = 180.00001" in info.value.reason  # beyond the tolerance: refused, the value in full


def test_natural_earth_countries_import_russia_clamped_and_reported(workspace):
    report = import_file(workspace, NATURAL_EARTH, layer="danger_zone",
                         mapping=MappingChoice(constants={"hazard": "civil_unrest", "severity": "1"}))
    layer = report.layers[0]
    assert report.status == "imported" and layer.imported == 4 and layer.rejected == 0
    repaired = {p.feature_id: p.reason for p in layer.problems if p.action == "repaired"}
    assert repaired["Russia"].startswith("longitude 180.00000000000006 clamped to 180")
    assert "Fiji" not in repaired  # Fiji stops at 180.0 exactly: nothing to say
    stored = workspace.read_layer("danger_zone").set_index("name")
    assert sorted(stored.index) == ["Fiji", "Russia", "South Africa", "Tanzania"]
    source = gpd.read_file(NATURAL_EARTH).set_index("name")
    russia = shapely.get_coordinates(stored.geometry["Russia"])
    assert russia[:, 0].max() == 180.0 and np.abs(russia[:, 1]).max() <= 90
    original = shapely.get_coordinates(source.geometry["Russia"])
    assert len(russia) == len(original)
    assert np.allclose(russia, original, rtol=0, atol=1e-9)  # no vertex moved more than the noise
    for name in ("Fiji", "South Africa", "Tanzania"):  # value by value: the other countries unchanged
        assert np.array_equal(shapely.get_coordinates(stored.geometry[name].normalize()),
                              shapely.get_coordinates(source.geometry[name].normalize()))


def test_natural_earth_country_populations_import_as_needs(workspace, tmp_path):
    countries = gpd.read_file(NATURAL_EARTH)
    points = countries.assign(geometry=countries.geometry.representative_point())
    shp = tmp_path / "shp"
    shp.mkdir()
    points.to_file(shp / "country_needs.shp")
    archive = tmp_path / "country_needs.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for part in sorted(shp.iterdir()):
            out.write(part, part.name)
    report = import_file(workspace, archive, layer="need", mapping=MappingChoice(columns={"population": "pop_est"}))
    assert report.layers[0].imported == 4
    stored = workspace.read_layer("need").set_index("name")["population"].to_dict()
    assert stored == {"Fiji": 920_938, "Tanzania": 53_950_935, "Russia": 142_257_519, "South Africa": 54_841_552}


# --- places ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("60.16,24.93", (24.93, 60.16)), ("60.16; 24.93", (24.93, 60.16)), ("-33.9 18.4", (18.4, -33.9)),
    ("90.0000000001,180.0000000001", (180.0, 90.0)), ("Shelter C", None), ("12,34,56", None),
])
def test_places_parse_one_way_everywhere(text, expected):
    place = parse_place_text(text)
    assert (None if place is None else (place.lon, place.lat)) == expected


def test_places_that_fit_only_swapped_are_called_swapped():
    with pytest.raises(ValidationError) as info:
        parse_place_text("128.5,-18.0")
    assert "latitude and longitude look swapped" in info.value.reason
    assert "128.5 is not a latitude" in info.value.reason and "did you mean -18,128.5?" in info.value.reason
    with pytest.raises(ValidationError, match="look swapped"):
        parse_place_text("-18.0,128.5", order="lon,lat")
    with pytest.raises(ValidationError, match=r"200\.5 is not a latitude \(\|latitude\| ≤ 90\)"):
        parse_place_text("200.5,300")  # no order fits: out of range, not "swapped"


@pytest.fixture
def ladder_path(tmp_path):
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_facilities.geojson")
    return str(path)


def test_route_refuses_swapped_places_with_exit_1(ladder_path, capsys):
    start = latlon(0, 0)  # near 30E 0.5N
    lat, lon = start.split(",")
    for given in (f"{lon},{lat}", "128.5,-18.0"):  # swapped at the data; swapped out of range
        capsys.readouterr()
        assert main(["-w", ladder_path, "route", given, "Shelter C"]) == 1
        err = capsys.readouterr().err
        assert "latitude and longitude look swapped" in err and err.count("\n") == 1 and "Traceback" not in err
    assert main(["-w", ladder_path, "route", start, "Shelter C", "--json"]) == 0  # the right way round still routes


def test_route_operation_and_app_dialogs_use_the_same_parser(ladder_path):
    from humanops.analysis.registry import PointParam
    from humanops.analysis.routing import parse_place

    with Workspace.open(ladder_path) as ws:
        lat, lon = latlon(0, 0).split(",")
        with pytest.raises(AnalysisError, match="look swapped"):
            parse_place(ws, f"{lon},{lat}")
        assert parse_place(ws, latlon(0, 0))[:2] == pytest.approx((float(lon), float(lat)))
    assert PointParam("p").convert("180.0000000001,-90") == (180.0, -90.0)
    with pytest.raises(AnalysisError, match="look swapped"):
        PointParam("p").convert("33.5,120")


def test_import_of_a_csv_with_latitude_and_longitude_columns_swapped(tmp_path, capsys):
    ws = tmp_path / "ws.gpkg"
    assert main(["init", str(ws), "--org", "ocha"]) == 0
    csv = tmp_path / "needs.csv"
    csv.write_text("name,lat,lon,population\nCamp A,120.5,33.1,10\nCamp B,121.0,33.2,20\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["-w", str(ws), "import", str(csv), "--layer", "need"]) == 1
    err = capsys.readouterr().err
    assert "latitude and longitude look swapped" in err and "y = 120.5" in err and "row 2" in err
    with pytest.raises(ImportRefused), Workspace.open(ws) as opened:
        import_file(opened, csv, layer="need")



def test_import_whose_places_fit_only_swapped_at_the_data_is_refused(ladder_path, tmp_path, capsys):
    """Both orders are valid places; only the workspace's data (the ladder near 30E 0.5N) can tell
    that every row lies at it swapped. One row the right way round and the file imports."""
    csv = tmp_path / "needs.csv"
    rows = "".join(f"Camp {i},{30.0 + i / 100},{0.5 + i / 100},10\n" for i in range(3))  # lat and lon mixed up
    csv.write_text("name,lat,lon,population\n" + rows, encoding="utf-8")
    capsys.readouterr()
    assert main(["-w", ladder_path, "import", str(csv), "--layer", "need"]) == 1
    err = capsys.readouterr().err
    assert "latitude and longitude look swapped: all 3 features lie far from the workspace's data" in err
    with Workspace.open(ladder_path) as ws:
        assert ws.count("need") == 0
    csv.write_text("name,lat,lon,population\n" + rows + "Camp here,0.5,30.02,10\n", encoding="utf-8")
    assert main(["-w", ladder_path, "import", str(csv), "--layer", "need"]) == 0   # a mixed file: as given
    fresh = tmp_path / "fresh.gpkg"   # an empty workspace cannot tell: the file imports as it is
    assert main(["init", str(fresh), "--org", "ocha"]) == 0
    csv.write_text("name,lat,lon,population\n" + rows, encoding="utf-8")
    assert main(["-w", str(fresh), "import", str(csv), "--layer", "need"]) == 0

def test_out_of_range_messages_keep_every_digit(workspace, tmp_path):
    csv = tmp_path / "needs.csv"
    csv.write_text("name,lat,lon,population\nCamp A,33.5,180.00001,10\nCamp B,33.5,180.0000000001,20\n",
                   encoding="utf-8")
    with pytest.raises(ImportRefused) as info:
        import_file(workspace, csv, layer="need")
    problems = {p.row: (p.action, p.reason) for p in info.value.report.problems}
    assert problems[2][0] == "rejected" and "x = 180.00001" in problems[2][1]
    assert problems[3] == ("repaired", "longitude 180.0000000001 clamped to 180 (within 0.000000001 "
                                       "degrees of the limit: rounding noise)")
