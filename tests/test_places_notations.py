"""Places in the notations people write them: decimal lat,lon, degrees-minutes-seconds with
hemispheres, MGRS. One parser (humanops.model.places) for the CLI's route, the analyses and the
app's search box and dialogs; what has a place's shape but names none is refused with the
reason, and a name stays a name (None, for the caller to look up)."""

from __future__ import annotations

import json

import mgrs
import pytest
from planning_helpers import load

from humanops.cli import main
from humanops.errors import ValidationError
from humanops.model.places import SWAPPED, parse_place_text
from humanops.store.workspace import Workspace

# 17°45'30"S 128°30'E
KIMBERLEY = (128.5, -(17 + 45 / 60 + 30 / 3600))


@pytest.mark.parametrize("text", [
    "17°45'30\"S 128°30'E", "17°45′30″S 128°30′E", "17° 45' 30\" S, 128° 30' E", "17°45'30''S 128°30'E",
    "S 17°45'30\" E 128°30'", "S17°45.5' E128°30'", "128°30'E 17°45'30\"S", "17°45'30\"S128°30'E",
    "17.758333333333333S 128.5E", "-17°45'30\" 128°30'",
])
def test_degrees_minutes_seconds_and_hemispheres(text):
    place = parse_place_text(text)
    assert place is not None
    assert (place.lon, place.lat) == pytest.approx(KIMBERLEY, abs=1e-12)


def test_without_hemispheres_the_order_is_the_callers():
    assert (parse_place_text("36°6' 36°9'").lon, parse_place_text("36°6' 36°9'").lat) == pytest.approx((36.15, 36.1))
    place = parse_place_text("36°9' 36°6'", order="lon,lat")
    assert (place.lon, place.lat) == pytest.approx((36.15, 36.1))
    north_west = parse_place_text("40°26'46\"N 79°58'56\"W")
    assert (north_west.lon, north_west.lat) == pytest.approx((-79.982222, 40.446111), abs=1e-6)


@pytest.mark.parametrize("text", ["37S CA 29181 07804", "37SCA2918107804", "MGRS 37S CA 29181 07804",
                                  "37s ca 29181 07804"])
def test_mgrs_references_as_the_status_bar_writes_them(text):
    place = parse_place_text(text)
    lat, lon = mgrs.MGRS().toLatLon("37SCA2918107804")  # the library's reading: the square's centre
    assert (place.lon, place.lat) == pytest.approx((lon, lat), abs=1e-12)


def test_mgrs_round_trips_through_the_coordinates_the_app_shows():
    from humanops.ui.coordinates import format_mgrs

    for lon, lat in [(36.15, 36.10), (128.5, -17.758), (-79.98, 40.44), (2.35, 48.86)]:
        place = parse_place_text(format_mgrs(lon, lat))
        assert place is not None and abs(place.lon - lon) < 2e-5 and abs(place.lat - lat) < 2e-5  # within 1 m


def test_coarser_mgrs_names_the_centre_of_its_square():
    ten_km = parse_place_text("37S CA 2 0")
    corner_lat, corner_lon = mgrs.MGRS().toLatLon("37SCA2000000000")  # its south-west corner
    assert ten_km.lat > corner_lat and ten_km.lon > corner_lon  # north-east of the square's corner


@pytest.mark.parametrize(("text", "reason"), [
    ("128°30'S 17°45'E", f"-128.5 is not a latitude; {SWAPPED} (N/S goes with the latitude, E/W with the longitude)"),
    ("17°S 128°S", "both coordinates are latitudes (N/S)"),
    ("17°W 128°E", "both coordinates are longitudes (E/W)"),
    ("17°75'S 128°E", "75 minutes is not below 60"),
    ("17°45'60\"S 128°E", "60 seconds is not below 60"),
    ("-17°S 128°E", "both a sign (-) and a hemisphere (S)"),
    ("17.5°30'S 128°E", "degrees with a fraction (17.5) cannot have minutes"),
    ("37S CA 2918 07804", "as many digits of easting as of northing"),
    ("61S CA 29181 07804", "MGRS zone 61 does not exist"),
    ("10SQN", "not a valid MGRS reference"),
])
def test_what_has_a_places_shape_but_names_none_is_refused_with_the_reason(text, reason):
    with pytest.raises(ValidationError) as info:
        parse_place_text(text, field="start")
    assert reason in info.value.reason and info.value.field == "start"
    assert f"“{text}”" in info.value.reason or repr(text) in info.value.reason  # the text as given, quoted


@pytest.mark.parametrize("text", ["Shelter C", "Hospital Al-Noor", "School shelter", "North East camp",
                                  "12,34,56", "E5 market", "Camp 7", "Sector 4"])
def test_names_stay_names(text):
    assert parse_place_text(text) is None


def test_the_decimal_pair_is_read_as_before():
    assert parse_place_text("60.16,24.93").lon == 24.93
    with pytest.raises(ValidationError, match=r"did you mean -18,128\.5"):
        parse_place_text("128.5,-18.0")


@pytest.fixture
def ladder_path(tmp_path):
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_facilities.geojson")
    return str(path)


def test_the_route_command_takes_every_notation(ladder_path, capsys):
    """Junction A of the ladder is at 30°E 0°30'N: written three ways, one route."""
    lengths = set()
    for start in ("0.5,30", "0°30'N 30°E", "30°E, 0°30'N", mgrs.MGRS().toMGRS(0.5, 30.0)):
        capsys.readouterr()
        assert main(["-w", ladder_path, "route", start, "Shelter C", "--json"]) == 0, start
        routes = json.loads(capsys.readouterr().out)["summary"]["routes"]
        lengths.add(round(routes[0]["length_m"]))
    assert len(lengths) == 1
    capsys.readouterr()
    assert main(["-w", ladder_path, "route", "128°30'S 17°45'E", "Shelter C"]) == 1
    err = capsys.readouterr().err
    assert SWAPPED in err and err.count("\n") == 1 and "Traceback" not in err
