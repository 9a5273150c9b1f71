"""A validity window must end after it starts: one that ends before it starts (inverted) or
as it starts (empty) is refused with the reason, under the end field, by the model every path
goes through — the app's form (tests/ui/test_date_widgets.py), ``humanops edit`` and imports."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from shapely.geometry import Polygon

from humanops.catalog import load_catalog
from humanops.cli import main
from humanops.errors import ValidationError
from humanops.model.validation import validate_properties
from humanops.store.workspace import Workspace

ZONE = Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.08), (36.0, 36.08)])
START = "2026-11-20T00:00:00Z"


def _zone(valid_from: str | None, valid_until: str | None) -> dict:
    return {"name": "Shelling area", "hazard": "shelling", "severity": 4, "valid_from": valid_from,
            "valid_until": valid_until}


@pytest.mark.parametrize(("until", "reason"), [
    (START, "valid_until equals valid_from (2026-11-20 00:00 UTC): the validity window is empty; "
            "valid_until must be after valid_from"),
    ("2026-11-20T00:00:00.000+01:00", "valid_until (2026-11-19 23:00 UTC) is before valid_from "
                                      "(2026-11-20 00:00 UTC): valid_until must be after valid_from"),
    ("2026-11-19T23:59:59.500Z", "valid_until (2026-11-19 23:59:59.500 UTC) is before valid_from "
                                 "(2026-11-20 00:00 UTC): valid_until must be after valid_from"),
])
def test_an_empty_or_inverted_window_is_refused_under_its_end(until, reason):
    kind = load_catalog()["danger_zone"]
    with pytest.raises(ValidationError) as info:
        validate_properties(kind, _zone(START, until))
    assert info.value.reason == reason
    assert (info.value.layer, info.value.field) == ("danger_zone", "valid_until")


def test_a_window_that_ends_after_it_starts_or_is_open_is_kept():
    kind = load_catalog()["danger_zone"]
    kept = validate_properties(kind, _zone(START, "2026-11-20T00:00:00.001Z"))
    assert kept["valid_until"] > kept["valid_from"]
    assert validate_properties(kind, _zone(START, None))["valid_until"] is None  # open-ended
    assert validate_properties(kind, _zone(None, START))["valid_from"] is None


def test_humanops_edit_refuses_an_empty_window_and_changes_nothing(tmp_path, capsys, snapshot):
    path = tmp_path / "ws.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        uuid = ws.add_feature("danger_zone", ZONE, _zone(START, "2026-12-31T00:00:00Z")).uuid
    before = snapshot(path)
    capsys.readouterr()
    assert main(["-w", str(path), "edit", uuid, "--layer", "danger_zone", "--set", f"valid_until={START}"]) == 1
    err = capsys.readouterr().err
    assert "the validity window is empty" in err and "valid_until" in err and err.count("\n") == 1
    assert snapshot(path) == before
    assert main(["-w", str(path), "edit", uuid, "--layer", "danger_zone",
                 "--set", "valid_until=2026-11-20T00:01:00Z"]) == 0


def test_an_import_with_an_empty_window_is_refused_naming_the_row(tmp_path, capsys, snapshot):
    path = tmp_path / "ws.gpkg"
    assert main(["init", str(path), "--org", "ocha"]) == 0
    rows = [("Open", START, "2026-11-21T00:00:00Z"), ("Empty", START, START),
            ("Inverted", START, "2026-11-01T00:00:00Z")]
    features = [{"type": "Feature", "geometry": ZONE.__geo_interface__,
                 "properties": {**_zone(start, end), "name": name}} for name, start, end in rows]
    source = tmp_path / "danger_zone.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    before = snapshot(path)
    capsys.readouterr()
    assert main(["-w", str(path), "import", str(source), "--layer", "danger_zone"]) == 1
    err = capsys.readouterr().err
    assert "valid_until" in err and "Traceback" not in err
    assert snapshot(path) == before
    assert main(["-w", str(path), "import", str(source), "--layer", "danger_zone", "--skip-rejected",
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    reasons = json.dumps(report)
    assert "the validity window is empty" in reasons and "is before valid_from" in reasons
    with Workspace.open(path) as ws:
        (kept,) = ws.features("danger_zone")
        assert kept.properties["name"] == "Open"
        assert kept.properties["valid_until"] == datetime(2026, 11, 21, tzinfo=UTC)
