"""The information sharing protocol: loading, validation errors, defaults, floors, adoption."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Point

from humanops.cli import main
from humanops.errors import CatalogError, ValidationError
from humanops.model.marking import TLP, Marking, Precision
from humanops.sharing.protocol import (
    META_KEY,
    adopt_protocol,
    adopted_protocol,
    below_floor,
    effective_default_marking,
    load_protocol,
    precision_meets,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "isp" / "example.toml"
HEAD = '[protocol]\nname = "Test ISP"\n'


def write(tmp_path: Path, body: str, head: str = HEAD) -> Path:
    path = tmp_path / "isp.toml"
    path.write_text(head + body, encoding="utf-8")
    return path


def test_example_protocol_loads_with_defaults_and_floors():
    protocol = load_protocol(EXAMPLE)
    need = protocol.default_marking("need")
    assert need.tlp is TLP.AMBER
    assert need.precision == Precision.parse("grid:1000:k20")
    assert "protection_sensitive" in need.caveats
    assert protocol.rule("need").floor is TLP.AMBER
    # a kind the protocol does not list keeps its kind file's default
    assert protocol.default_marking("road").tlp is TLP.GREEN


@pytest.mark.parametrize("body,key,words", [
    ("[kinds.neeed]\nfloor = 'AMBER'\n", "kinds.neeed", "unknown layer kind"),
    ("[kinds.need]\nflor = 'AMBER'\n", "kinds.need.flor", "unknown key"),
    ("[kinds.need]\nfloor = 'PURPLE'\n", "kinds.need.floor", "not a TLP 2.0 level"),
    ("[kinds.need]\ntlp = 'GREEN'\nfloor = 'AMBER'\n", "kinds.need.tlp", "below the floor"),
    ("[kinds.need]\nprecision = 'exact'\nmin_precision = 'grid:500'\n", "kinds.need.precision", "below the floor"),
    ("[kinds.need]\nmin_precision = 'grid:5'\n", "kinds.need.min_precision", "at least 10 m"),
    ("[kinds.need]\ncaveats = ['secret']\n", "kinds.need.caveats", "unknown caveat"),
    ("[kinds.need]\nreleasable_to = ['bad id!']\n", "kinds.need.releasable_to", "not an organisation"),
    ("[kinds.need]\nfloor = 3\n", "kinds.need.floor", "TLP level as text"),
    ("[kinds.need]\nrequired_caveats = 'no_onward_sharing'\n", "kinds.need.required_caveats", "list"),
    ("[kinds]\n", "kinds", "at least one"),
    ("[extra]\n[kinds.need]\n", "extra", "unknown section"),
])
def test_bad_protocol_names_file_key_and_reason(tmp_path, body, key, words):
    path = write(tmp_path, body)
    with pytest.raises(CatalogError) as info:
        load_protocol(path)
    assert info.value.file == str(path)
    assert info.value.field == key
    assert words in info.value.reason


def test_protocol_needs_a_name_and_a_known_format(tmp_path):
    with pytest.raises(CatalogError, match=r"protocol\.name"):
        load_protocol(write(tmp_path, "[kinds.need]\n", head="[protocol]\n"))
    with pytest.raises(CatalogError, match="format version"):
        load_protocol(write(tmp_path, "[kinds.need]\n", head=HEAD + "format_version = 2\n"))
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_protocol(write(tmp_path, "[kinds.need\n"))
    with pytest.raises(CatalogError, match="cannot read"):
        load_protocol(tmp_path / "missing.toml")


def test_default_is_raised_to_the_floor(tmp_path):
    protocol = load_protocol(write(tmp_path, "[kinds.facility]\nfloor = 'AMBER'\n"))
    assert protocol.default_marking("facility").tlp is TLP.AMBER  # facility.toml says GREEN


def test_check_refuses_markings_below_the_floor():
    protocol = load_protocol(EXAMPLE)
    ok = Marking(TLP.RED, caveats=("protection_sensitive",), precision=Precision.parse("grid:1000:k10"))
    protocol.check("need", ok)
    with pytest.raises(ValidationError) as info:
        protocol.check("need", ok.with_changes(tlp=TLP.GREEN), feature="abc")
    assert (info.value.layer, info.value.feature, info.value.field) == ("need", "abc", "tlp")
    with pytest.raises(ValidationError, match="finer"):
        protocol.check("need", ok.with_changes(precision=Precision()))
    with pytest.raises(ValidationError, match="requires caveat protection_sensitive"):
        protocol.check("need", ok.with_changes(caveats=()))
    protocol.check("road", Marking(TLP.CLEAR))  # not in the protocol: no floor


@pytest.mark.parametrize("precision,minimum,meets", [
    ("exact", "exact", True),
    ("grid:100", "exact", True),
    ("exact", "grid:500", False),
    ("grid:500:k10", "grid:500:k10", True),
    ("grid:1000:k10", "grid:500:k5", True),
    ("grid:250:k10", "grid:500:k5", False),
    ("grid:1000", "grid:500:k5", False),
    ("admin:admin_code:k10", "grid:500:k5", True),
    ("admin:admin_code", "admin:admin_code", True),
    ("admin:other_code", "admin:admin_code", False),
    ("grid:10000", "admin:admin_code", False),
])
def test_precision_order(precision, minimum, meets):
    assert precision_meets(Precision.parse(precision), Precision.parse(minimum)) is meets


def test_adoption_stores_the_text_in_the_workspace(workspace):
    assert adopted_protocol(workspace) is None
    assert effective_default_marking(workspace, "need").precision == Precision()  # the kind file's
    adopt_protocol(workspace, EXAMPLE)
    assert workspace.get_meta(META_KEY) == EXAMPLE.read_text(encoding="utf-8")
    assert adopted_protocol(workspace).name == "Example response information sharing protocol"
    assert effective_default_marking(workspace, "need").precision == Precision.parse("grid:1000:k20")


def test_refused_protocol_changes_nothing(workspace, snapshot, tmp_path):
    adopt_protocol(workspace, EXAMPLE)
    workspace.close()
    before = snapshot(workspace.path)
    from humanops.store.open_target import open_any

    with open_any(workspace.path) as ws, pytest.raises(CatalogError):
        adopt_protocol(ws, write(tmp_path, "[kinds.need]\nfloor = 'PURPLE'\n"))
    assert snapshot(workspace.path) == before


def test_below_floor_counts_existing_features(workspace):
    for i in range(3):
        workspace.add_feature("need", Point(36 + i / 100, 33), {"name": f"s{i}", "population": 10},
                              marking=Marking(TLP.GREEN))
    workspace.add_feature("need", Point(36, 33.1), {"name": "ok", "population": 10},
                          marking=load_protocol(EXAMPLE).default_marking("need"))
    assert below_floor(workspace, load_protocol(EXAMPLE)) == {"need": 3}


def test_cli_adopt_and_show(workspace, tmp_path, capsys):
    import json

    path = str(workspace.path)
    workspace.close()
    assert main(["-w", path, "isp", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"protocol": None}
    assert main(["-w", path, "isp", "adopt", str(EXAMPLE)]) == 0
    assert "floor TLP:AMBER" in capsys.readouterr().out
    assert main(["-w", path, "isp", "show", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["protocol"]["kinds"]["need"]["floor"] == "AMBER"
    bad = write(tmp_path, "[kinds.need]\nfloor = 'PURPLE'\n")
    assert main(["-w", path, "isp", "adopt", str(bad)]) == 1
    assert "kinds.need.floor" in capsys.readouterr().err


def test_adopted_protocol_sets_the_marking_of_new_features(workspace):
    from humanops.sharing.protocol import adopt_protocol

    adopt_protocol(workspace, Path(__file__).resolve().parent.parent / "resources/isp/example.toml")
    need = workspace.add_feature("need", Point(30, 10), {"name": "a", "population": 40})
    assert need.marking.precision == Precision.parse("grid:1000:k20")
    assert "protection_sensitive" in need.marking.caveats
    zone_uuid = workspace.add_frame("danger_zone", _one_zone())[0]
    assert workspace.get_feature("danger_zone", zone_uuid).marking.tlp is TLP.GREEN


def _one_zone():
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame({"name": ["z"], "hazard": ["flood"], "severity": [2]},
                            geometry=[box(30, 10, 30.1, 10.1)], crs=4326)
