"""Field mapping on files as partners send them (issue 10, item 1): ``--map``, ``--set``,
saved profiles, and required fields refused up front with the columns that could serve.
Public sample files in tests/data/mapping (sources and licences in its README)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely

from humanops.cli import main
from humanops.errors import FormatError, UsageError, ValidationError
from humanops.formats.field_mapping import MappingChoice
from humanops.formats.import_profiles import list_profiles, load_profile, save_profile
from humanops.formats.import_report import ImportRefused
from humanops.formats.importer import import_file
from humanops.store.workspace import Workspace

DATA = Path(__file__).parent / "data" / "mapping"
KOBO = DATA / "kobo_restaurant_profile.csv"
WFP = DATA / "wfp_food_prices_tcd_extract.csv"


@pytest.fixture
def ws_path(workspace) -> Path:
    path = workspace.path
    workspace.close()
    return path


def _names(ws: Workspace, layer: str) -> dict[str, object]:
    return {f.properties["name"]: f for f in ws.features(layer)}


def test_kobo_export_without_a_mapping_is_refused_naming_the_columns_that_could_serve(workspace, snapshot):
    before = snapshot(workspace.path)
    with pytest.raises(ImportRefused) as info:
        import_file(workspace, KOBO, layer="facility")
    assert snapshot(workspace.path) == before
    message = info.value.message
    assert str(KOBO) in message and "facility" in message
    assert "name (" in message and "facility_type (could be: type de restaurant" in message
    assert "--map FIELD=COLUMN" in message and "--set FIELD=VALUE" in message
    # refused before any feature was checked: no per-feature problems
    assert info.value.report.layers[0].problems == []


def test_kobo_export_imports_with_map_and_set_value_by_value(workspace):
    choice = MappingChoice(columns={"name": "nom du restaurant", "notes": "type de restaurant"},
                           constants={"facility_type": "distribution_point", "status": "Operational",
                                      "tlp": "GREEN"})
    report = import_file(workspace, KOBO, layer="facility", mapping=choice)
    assert report.imported == 2 and report.rejected == 0
    mapping = report.layers[0].mapping
    assert mapping.by_field["name"] == "nom du restaurant"
    assert mapping.constants["facility_type"] == "distribution_point"
    assert "lieu" in mapping.unmapped and "_lieu_altitude" in mapping.unmapped
    stored = _names(workspace, "facility")
    assert sorted(stored) == ["Harvest", "Taco Truck"]
    taco, harvest = stored["Taco Truck"], stored["Harvest"]
    assert taco.properties["facility_type"] == "distribution_point" == harvest.properties["facility_type"]
    assert taco.properties["status"] == "operational"  # the constant, as the enum writes it
    assert taco.properties["notes"] == "avec vente à emporter" and harvest.properties["notes"] == "traditionnel"
    assert (taco.geometry.x, taco.geometry.y) == (-25.43, 13.42)
    assert (harvest.geometry.x, harvest.geometry.y) == (-24.53, 12.43)
    assert taco.marking.tlp.value == "GREEN"


def test_hdx_wfp_prices_import_with_a_profile_value_by_value(workspace):
    save_profile(workspace, "wfp markets", MappingChoice(
        layer="facility", columns={"name": "market", "notes": "commodity"}, constants={"facility_type": "other"}))
    assert list(list_profiles(workspace)) == ["wfp markets"]
    # the profile with a flag over it: the flag wins (operator from a column, facility_type still set)
    choice = MappingChoice(columns={"operator": "currency"}).over(load_profile(workspace, "wfp markets"))
    report = import_file(workspace, WFP, mapping=choice)  # the kind comes from the profile
    assert report.layers[0].kind == "facility" and report.imported == 4
    rows = sorted((f.properties["name"], f.properties["notes"], f.properties["operator"],
                    round(f.geometry.y, 6), round(f.geometry.x, 6)) for f in workspace.features("facility"))
    assert rows == [("Bol", "Maize", "XAF", 13.5, 14.683333),
                    ("Bol", "Maize (white)", "XAF", 13.5, 14.683333),
                    ("Moussoro", "Maize", "XAF", 13.640841, 16.490069),
                    ("Moussoro", "Millet", "XAF", 13.640841, 16.490069)]
    assert {f.properties["facility_type"] for f in workspace.features("facility")} == {"other"}


def test_constants_are_checked_before_the_file_is_read(workspace, snapshot, tmp_path):
    before = snapshot(workspace.path)
    missing = tmp_path / "absent.csv"
    shutil.copy(KOBO, missing)
    with pytest.raises(ValidationError) as info:
        import_file(workspace, missing, layer="facility",
                    mapping=MappingChoice(constants={"facility_type": "restaurant"}))
    assert "facility_type" in info.value.message and "shelter" in info.value.message  # names what it accepts
    with pytest.raises(ValidationError) as info:
        import_file(workspace, KOBO, layer="facility", mapping=MappingChoice(constants={"capacity": "-3"}))
    assert "capacity" in info.value.message and "below the minimum" in info.value.message
    with pytest.raises(UsageError) as info:
        import_file(workspace, KOBO, layer="facility", mapping=MappingChoice(constants={"hazard": "flood"}))
    assert "no field 'hazard'" in info.value.message
    with pytest.raises(FormatError) as info:
        import_file(workspace, KOBO, layer="facility", mapping=MappingChoice(columns={"name": "restaurant"}))
    assert "no column 'restaurant'" in info.value.message and "nom du restaurant" in info.value.message
    assert str(KOBO) in info.value.message
    assert snapshot(workspace.path) == before


def test_cli_map_set_profiles_dry_run_and_skip_rejected(ws_path, tmp_path, capsys, snapshot):
    ws = ["-w", str(ws_path)]
    before = snapshot(ws_path)
    # a dry run with --save-profile stores the mapping once it passed, and writes no feature
    assert main([*ws, "import", str(KOBO), "--layer", "facility", "--map", "name=nom du restaurant",
                 "--set", "facility_type=distribution_point", "--dry-run", "--save-profile", "kobo"]) == 0
    assert "would import 2" in capsys.readouterr().out
    assert main([*ws, "import", "--list-profiles", "--json"]) == 0
    profiles = json.loads(capsys.readouterr().out)["profiles"]
    assert profiles == {"kobo": {"layer": "facility", "map": {"name": "nom du restaurant"},
                                 "set": {"facility_type": "distribution_point"}}}
    after = snapshot(ws_path)
    assert {k: v for k, v in after.items() if k != "humanops_meta"} == \
        {k: v for k, v in before.items() if k != "humanops_meta"}
    # next week's file: one flag; a flag over the profile wins
    assert main([*ws, "import", str(KOBO), "--profile", "kobo", "--set", "facility_type=other", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["imported"] == 2 and doc["layers"][0]["mapping"]["constants"] == {"facility_type": "other"}
    with Workspace.open(ws_path) as workspace:
        assert {f.properties["facility_type"] for f in workspace.features("facility")} == {"other"}
    # a bad constant: exit 1, one line naming the field and the values it takes
    assert main([*ws, "import", str(KOBO), "--profile", "kobo", "--set", "status=burning"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "status" in err[0] and "operational" in err[0]
    assert main([*ws, "import", str(KOBO), "--profile", "nope"]) == 2
    assert "no import profile 'nope'" in capsys.readouterr().err
    assert main([*ws, "import", str(KOBO), "--map", "name"]) == 2
    # --skip-rejected with a mapping: a row whose mapped value is bad is left out, the others go
    bad = tmp_path / "kobo_bad.csv"
    bad.write_text(KOBO.read_text(encoding="utf-8").replace('"";"";"traditionnel"', '"";"";"x"')
                   .replace('"Harvest"', '""'), encoding="utf-8")
    assert main([*ws, "import", str(bad), "--profile", "kobo", "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    problem = refused["layers"][0]["problems"][0]
    assert problem["field"] == "name" and problem["column"] == "nom du restaurant" and problem["row"] == 3
    assert main([*ws, "import", str(bad), "--profile", "kobo", "--skip-rejected", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == {"read": 2, "imported": 1, "repaired": 0,
                                                            "rejected": 1}


def test_suggested_columns_use_names_types_and_hxl(workspace):
    import pandas as pd

    from humanops.formats.field_mapping import candidate_columns

    kind = workspace.kind("need")
    frame = pd.DataFrame({"site_name": ["A"], "pop_total": ["120"], "comment": ["x"], "hh": ["4"]})
    assert candidate_columns(kind.field("name"), frame, list(frame.columns), {})[:1] == ["site_name"]
    assert candidate_columns(kind.field("population"), frame, list(frame.columns), {})[:1] == ["pop_total"]
    tagged = candidate_columns(kind.field("population"), frame, list(frame.columns), {"hh": "#population+total"})
    assert "hh" in tagged


def test_geometry_is_unchanged_by_the_mapping(workspace):
    import_file(workspace, KOBO, layer="facility",
                mapping=MappingChoice(columns={"name": "nom du restaurant"}, constants={"facility_type": "other"}))
    points = sorted((f.geometry.x, f.geometry.y) for f in workspace.features("facility"))
    assert [shapely.Point(p).wkt for p in points] == ["POINT (-25.43 13.42)", "POINT (-24.53 12.43)"]
