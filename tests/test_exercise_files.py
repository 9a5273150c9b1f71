"""Exercise isolation for plain files, CAP alerts and CoT events (issue 15, item 1): what an
exercise exported never enters a real workspace nor another exercise; a file without the mark
(a public dataset, a real export) may enter an exercise; a real workspace takes only Actual CAP
alerts, a scenario Exercise ones too; CoT exercise and simulation events enter neither."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from shapely.geometry import Point, Polygon
from table_snapshots import table_snapshot

from humanops.cli import main
from humanops.errors import FormatError
from humanops.formats.exporter import export_file
from humanops.formats.import_report import ImportRefused
from humanops.formats.importer import exercise_file_refusal, import_file
from humanops.model.exercise import banner_text
from humanops.scenario.exercise import create_exercise
from humanops.store.workspace import Workspace

NAME = "Kavera Flood 2026"
OTHER = "Sava Drill"
CAP_ALERT = Path(__file__).parent / "data" / "cap" / "kavera" / "1-flood-alert.xml"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Made once (creating a workspace takes seconds on a busy machine), copied by each test."""
    path = tmp_path_factory.mktemp("template") / "real.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        ws.add_feature("need", Point(36.8, -1.3), {"name": "Camp 1", "population": 120, "severity_phase": 3})
        ws.add_feature("danger_zone", Polygon([(36.8, -1.3), (36.9, -1.3), (36.9, -1.4), (36.8, -1.3)]),
                       {"name": "Flooded road", "hazard": "flood", "severity": 3})
    return path


@pytest.fixture
def real(template, tmp_path):
    shutil.copyfile(template, tmp_path / "real.gpkg")
    return tmp_path / "real.gpkg"


def _exercise(real: Path, target: Path, name: str = NAME) -> Path:
    create_exercise(real, target, name=name)
    return target


def _export_new_need(exercise: Path, out: Path) -> None:
    """The exercise adds a need and exports its needs: every feature carries the exercise's mark."""
    with Workspace.open(exercise) as ws:
        ws.add_feature("need", Point(36.85, -1.35), {"name": "Camp of the drill", "population": 40,
                                                     "severity_phase": 4})
        export_file(ws, out, layers=["need"])


def _needs(path: Path) -> set[str]:
    with Workspace.open(path) as ws:
        return set(ws.read_layer("need")["name"])


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".gpkg", ".kml"])
def test_a_real_workspace_refuses_an_exercise_export_and_writes_nothing(real, tmp_path, suffix):
    exercise = _exercise(real, tmp_path / "ex.gpkg")
    out = tmp_path / f"needs{suffix}"
    _export_new_need(exercise, out)
    with Workspace.open(real) as ws:
        before = table_snapshot(ws.path)
        for options in ({}, {"skip_rejected": True}, {"dry_run": True}):
            with pytest.raises(ImportRefused) as refused:
                import_file(ws, out, **options)
            message = str(refused.value)
            assert str(out) in message and repr(NAME) in message and "real workspace" in message
            assert refused.value.report.status == "refused"
        assert table_snapshot(ws.path) == before  # nothing written, not even a half


def test_an_exercise_takes_its_own_export_and_refuses_another_exercises(real, tmp_path):
    ours = _exercise(real, tmp_path / "ours.gpkg")
    participant = _exercise(real, tmp_path / "participant.gpkg")  # another organisation's copy, same exercise
    other = _exercise(real, tmp_path / "other.gpkg", name=OTHER)
    out = tmp_path / "needs.csv"
    _export_new_need(ours, out)
    with open(out, encoding="utf-8-sig") as f:  # with a BOM, for Excel
        header, tags = list(csv.reader(f))[:2]
    assert header[0] == "exercise" and tags[0] == "#meta+exercise"  # what the check reads

    with Workspace.open(participant) as ws:
        report = import_file(ws, out)
        assert report.status == "imported" and report.imported == 1  # the drill's camp; Camp 1 is held already
    assert "Camp of the drill" in _needs(participant)
    with Workspace.open(other) as ws:
        before = table_snapshot(ws.path)
        with pytest.raises(ImportRefused) as refused:
            import_file(ws, out)
        assert repr(NAME) in str(refused.value) and repr(OTHER) in str(refused.value)
        assert "two exercises never mix" in str(refused.value)
        assert table_snapshot(ws.path) == before


def test_an_exercise_takes_a_plain_file_without_the_mark(real, tmp_path):
    # A public dataset or a real export says nothing of an exercise: it is scenario material, and
    # whatever the exercise makes of it goes out marked EXERCISE.
    public = tmp_path / "public.csv"
    public.write_text("name,population,severity_phase,lat,lon\n#loc+name,#affected,#severity,#geo+lat,#geo+lon\n"
                      "Open data camp,75,2,-1.33,36.83\n", encoding="utf-8")
    exercise = _exercise(real, tmp_path / "ex.gpkg")
    with Workspace.open(exercise) as ws:
        assert import_file(ws, public, layer="need").imported == 1
    assert "Open data camp" in _needs(exercise)


def test_the_hxl_tag_marks_a_renamed_column_and_a_column_of_the_files_own_is_data(real, tmp_path):
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("drill,name,population,severity_phase,lat,lon\n"
                       "#meta +Exercise,#loc+name,#affected,#severity,#geo+lat,#geo+lon\n"
                       f"{banner_text(NAME)},Camp X,10,2,-1.33,36.83\n", encoding="utf-8")
    own = tmp_path / "own.csv"  # someone's column named exercise, holding their own words
    own.write_text("exercise,name,population,severity_phase,lat,lon\n"
                   "evacuation drill 3,Camp Y,10,2,-1.33,36.83\n", encoding="utf-8")
    with Workspace.open(real) as ws:
        with pytest.raises(ImportRefused, match=repr(NAME)):
            import_file(ws, renamed, layer="need")
        assert import_file(ws, own, layer="need").imported == 1


def test_the_refusal_names_each_exercise_and_how_many_features():
    assert exercise_file_refusal(None, {}) is None and exercise_file_refusal(NAME, {NAME: 3}) is None
    assert "'A' (2 feature(s)), 'B' (1 feature(s))" in exercise_file_refusal(None, {"B": 1, "A": 2})
    mixed = exercise_file_refusal(NAME, {NAME: 5, OTHER: 1})
    assert repr(OTHER) in mixed and f"{NAME!r} (" not in mixed  # its own features are not the problem


def test_the_cli_refuses_in_one_line(real, tmp_path, capsys):
    exercise = _exercise(real, tmp_path / "ex.gpkg")
    out = tmp_path / "needs.geojson"
    _export_new_need(exercise, out)
    assert main(["-w", str(real), "import", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and repr(NAME) in err and str(out) in err


# --------------------------------------------------------------------------- CAP


def _cap(tmp_path: Path, status: str, note: str | None = None, name: str = "alert.xml") -> Path:
    text = CAP_ALERT.read_text(encoding="utf-8").replace("<status>Actual</status>", f"<status>{status}</status>")
    if note is not None:
        text = text.replace("<scope>Public</scope>", f"<scope>Public</scope>\n  <note>{note}</note>")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _zones(path: Path) -> int:
    with Workspace.open(path) as ws:
        return ws.count("danger_zone")


@pytest.mark.parametrize("status", ["Exercise", "Test", "Draft", "System"])
def test_a_real_workspace_takes_no_alert_but_an_actual_one(real, tmp_path, status):
    alert = _cap(tmp_path, status, note=f"{banner_text(NAME)}; TLP:GREEN")
    with Workspace.open(real) as ws:
        before = table_snapshot(ws.path)
        with pytest.raises(FormatError) as refused:
            import_file(ws, alert)
        assert str(alert) in str(refused.value) and f"status {status}" in str(refused.value)
        if status == "Exercise":
            assert repr(NAME) in str(refused.value) and "real danger zones" in str(refused.value)
        assert table_snapshot(ws.path) == before
        assert import_file(ws, _cap(tmp_path, "Actual", name="actual.xml")).imported == 2


def test_a_scenario_takes_exercise_alerts_and_an_exercise_only_its_own(real, tmp_path):
    ours = _exercise(real, tmp_path / "ours.gpkg")
    with Workspace.open(real) as ws:
        ws.set_meta("scenario", "kavera-demo")  # as the demo: not real, not an exercise
        assert import_file(ws, _cap(tmp_path, "Exercise", note="National drill 7")).imported == 2
        with pytest.raises(FormatError, match="status Test"):  # Test is disregarded everywhere
            import_file(ws, _cap(tmp_path, "Test", name="test.xml"))

    with Workspace.open(ours) as ws:
        with pytest.raises(FormatError) as refused:
            import_file(ws, _cap(tmp_path, "Exercise", note=f"{banner_text(OTHER)}; TLP:GREEN", name="other.xml"))
        assert repr(OTHER) in str(refused.value) and repr(NAME) in str(refused.value)
        report = import_file(ws, _cap(tmp_path, "Exercise", note=f"{banner_text(NAME)}; TLP:GREEN", name="ours.xml"))
        assert report.imported == 2
    assert _zones(ours) == 3  # the copied zone and the two of its own alert


def test_a_feed_mixing_statuses_keeps_the_actual_alerts_in_a_real_workspace(real, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    _cap(folder, "Exercise", note=banner_text(NAME), name="1.xml")
    actual = _cap(folder, "Actual", name="2.xml")
    actual.write_text(actual.read_text(encoding="utf-8").replace("KV-DMA-2026-0412", "KV-DMA-2026-0413"),
                      encoding="utf-8")
    with Workspace.open(real) as ws:
        report = import_file(ws, folder)
        assert report.imported == 2
        assert any("status Exercise" in why for _, why in report.skipped_layers)


# --------------------------------------------------------------------------- CoT


@pytest.mark.parametrize("opex", ["e", "e-KaveraFlood", "s-"])
def test_cot_exercise_and_simulation_events_enter_neither_workspace(real, tmp_path, opex):
    event = tmp_path / "event.cot"
    event.write_text(f'<event version="2.0" uid="drill-1" type="a-h-G" how="h-e" opex="{opex}" '
                     'time="2026-11-28T06:00:00Z" start="2026-11-28T06:00:00Z" stale="2026-11-29T06:00:00Z">'
                     '<point lat="-1.33" lon="36.83" hae="0" ce="10" le="10"/><detail/></event>', encoding="utf-8")
    exercise = _exercise(real, tmp_path / "ex.gpkg")
    for path in (real, exercise):
        with Workspace.open(path) as ws:
            before = table_snapshot(ws.path)
            with pytest.raises(FormatError, match="not an actual one"):
                import_file(ws, event, layer="incident")
            assert table_snapshot(ws.path) == before
