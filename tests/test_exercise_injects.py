"""Inject timelines: the example file reads, bad files say which inject and field, and a timeline
played at speed reaches two participants' workspaces through signed packages, each receiving only
what the sharing policy lets it, once (a second run plays nothing again)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from exchange_helpers import close_all, make_partners
from shapely.geometry import LineString

from humanops.cli import main
from humanops.data_paths import resources_dir
from humanops.errors import FormatError, WorkspaceError
from humanops.model.marking import TLP, Marking
from humanops.scenario.exercise import create_exercise
from humanops.scenario.inject_player import RECORD_KEY, InjectPlayer, Participant, read_record
from humanops.scenario.injects import read_timeline
from humanops.sharing import audit, keys
from humanops.store.workspace import Workspace

NAME = "River exercise"
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ORGS = {"ctrl": ("community:kv",), "alpha": ("community:kv",), "beta": ("community:kv",)}
SQUARE = "[[[30.0, 10.0], [30.1, 10.0], [30.1, 10.1], [30.0, 10.1], [30.0, 10.0]]]"
TIMELINE = f"""
[exercise]
name = "{NAME}"

[[inject]]
id = "flood"
at = "T+00:30"
kind = "danger_zone"
title = "The river floods"
geometry = {{ type = "Polygon", coordinates = {SQUARE} }}
properties = {{ name = "Flood", hazard = "flood", severity = 4, valid_until = "T+12:00" }}
marking = {{ tlp = "GREEN" }}

[[inject]]
id = "checkpoint"
at = "T+00:45"
kind = "danger_zone"
geometry = {{ type = "Polygon", coordinates = {SQUARE} }}
properties = {{ name = "Checkpoint", hazard = "checkpoint_violence", severity = 3 }}
marking = {{ tlp = "AMBER", releasable_to = ["alpha"] }}

[[inject]]
id = "closed"
at = "T+01:00"
kind = "corridor_closed"
corridor = "River road"

[[inject]]
id = "call"
at = "T+01:15"
kind = "message"
to = "alpha"
text = "Forty patients must be moved tonight."

[[inject]]
id = "update"
at = "T+02:00"
kind = "package"
to = "beta"
layers = ["danger_zone"]
"""


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def exercise(tmp_path):
    """The controller and two participants, each an exercise copy of its real workspace."""
    partners = make_partners(tmp_path / "real", ORGS)
    partners["ctrl"].ws.add_feature("corridor", LineString([(30, 10), (30.2, 10.2)]),
                                    {"name": "River road", "status": "open", "width_m": 500},
                                    Marking(tlp=TLP.GREEN))
    close_all(partners)
    paths = {}
    for org, partner in partners.items():
        paths[org] = tmp_path / f"ex-{org}.gpkg"
        create_exercise(partner.ws.path, paths[org], name=NAME, start=T0)
        (tmp_path / f"{org}.pass").write_text(partner.passphrase, encoding="utf-8")
    injects = tmp_path / "injects.toml"
    injects.write_text(TIMELINE, encoding="utf-8")
    return tmp_path, paths, injects


def _run(tmp_path: Path, paths: dict[str, Path], injects: Path, *extra: str) -> dict:
    args = ["-w", str(paths["ctrl"]), "exercise", "run", str(injects), "--speed", "7200",
            "--passphrase-file", str(tmp_path / "ctrl.pass"), "--json"]
    for org in ("alpha", "beta"):
        args += ["--to", f"{org}={paths[org]}", "--participant-passphrase-file", f"{org}={tmp_path / f'{org}.pass'}"]
    return args + list(extra)


def _names(ws: Workspace) -> set[str]:
    return {f.properties["name"] for f in ws.features("danger_zone")}


def test_the_demo_inject_file_reads():
    timeline = read_timeline(resources_dir() / "exercises" / "kavera_flood.toml")
    assert timeline.name == "Kavera flood"
    assert [i.kind for i in timeline.injects] == ["danger_zone", "danger_zone", "corridor_closed", "message",
                                                  "package"]
    flood = timeline.injects[0]
    assert flood.geometry.geom_type == "MultiPolygon" and flood.marking.tlp is TLP.GREEN  # from the GeoJSON file
    assert [i.offset_text for i in timeline.injects] == ["T+00:30", "T+00:45", "T+01:00", "T+01:15", "T+02:00"]


@pytest.mark.parametrize(("change", "inject", "field", "words"), [
    (('at = "T+00:45"', 'at = "00:45"'), "checkpoint", "at", "T+HH:MM"),
    (('kind = "message"', 'kind = "telegram"'), "call", "kind", "inject kind"),
    (('to = "alpha"', 'to = ["alpha", "beta"]'), "call", "to", "one participant"),
    (('severity = 3', 'severity = 9'), "checkpoint", "properties.severity", ""),
    (('hazard = "flood"', 'hazard = "meteor"'), "flood", "properties.hazard", ""),
    (('corridor = "River road"', 'corridr = "River road"'), "closed", "corridr", "not a field"),
    (('layers = ["danger_zone"]', 'layers = ["dangers"]'), "update", "layers", "not a layer kind"),
    (('tlp = "AMBER"', 'tlp = "ORANGE"'), "checkpoint", "marking.tlp", "TLP"),
    (('valid_until = "T+12:00"', 'valid_until = "T+12"'), "flood", "properties.valid_until", "T+HH:MM"),
    (('id = "call"', 'id = "flood"'), "flood", "id", "two injects"),
])
def test_a_bad_inject_file_names_the_inject_and_the_field(tmp_path, change, inject, field, words):
    bad = tmp_path / "bad.toml"
    bad.write_text(TIMELINE.replace(*change), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_timeline(bad)
    message = caught.value.message
    assert f"inject {inject!r}" in message and f"field {field}" in message and str(bad) in message
    assert words in message


def test_a_zone_from_a_missing_file_or_a_broken_geometry_is_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    inline = f"geometry = {{ type = \"Polygon\", coordinates = {SQUARE} }}\nproperties = {{ name = \"Flood\""
    bad.write_text(TIMELINE.replace(inline, "file = \"nowhere.geojson\"\nproperties = { name = \"Flood\""),
                   encoding="utf-8")
    with pytest.raises(FormatError, match=r"inject 'flood'.*field file: cannot read 'nowhere.geojson'"):
        read_timeline(bad)
    bad.write_text(TIMELINE.replace(SQUARE, "[[[30.0, 10.0], [30.1, 10.1], [30.1, 10.0], [30.0, 10.1], [30.0, 10.0]]]",
                                    1), encoding="utf-8")
    with pytest.raises(FormatError, match=r"inject 'flood'.*field geometry: is not a valid geometry"):
        read_timeline(bad)


def test_played_at_speed_into_two_participants_each_receives_what_the_policy_lets_it_once(exercise, capsys):
    tmp_path, paths, injects = exercise
    # the first part only: up to T+00:50
    assert main(_run(tmp_path, paths, injects, "--until", "T+00:50")) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["played"] == ["flood", "checkpoint"] and first["left"] == ["closed", "call", "update"]
    with Workspace.open(paths["alpha"]) as alpha, Workspace.open(paths["beta"]) as beta:
        assert _names(alpha) == {"Flood", "Checkpoint"}
        assert _names(beta) == {"Flood"}  # the checkpoint is AMBER, releasable to alpha only
        flood = next(f for f in beta.features("danger_zone") if f.properties["name"] == "Flood")
        assert flood.properties["valid_until"] == datetime(2026, 11, 29, 0, 0, tzinfo=UTC)  # T+12:00
        assert flood.properties["valid_from"] >= T0.replace(minute=30)
    with Workspace.open(paths["ctrl"]) as ctrl:
        record = read_record(ctrl)
        beta_delivery = next(d for d in record["checkpoint"].deliveries if d.org == "beta")
        assert beta_delivery.how == "imported" and beta_delivery.included is False
        assert beta_delivery.withheld == {"not_releasable": 1}
        assert record["flood"].scenario >= T0.replace(minute=30)

    # the rest: resumed where it stopped
    assert main(_run(tmp_path, paths, injects)) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["played"] == ["closed", "call", "update"] and second["left"] == []
    with Workspace.open(paths["alpha"]) as alpha, Workspace.open(paths["beta"]) as beta:
        for ws in (alpha, beta):
            (corridor,) = ws.features("corridor")
            assert corridor.properties["status"] == "closed" and corridor.version == 2
        alerts = alpha.connection.execute("SELECT subject, state, headline FROM humanops_alerts").fetchall()
        assert alerts == [("inject:call", "active", "Forty patients must be moved tonight.")]
        assert not beta.connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'humanops_alerts'").fetchone() \
            or not beta.connection.execute("SELECT 1 FROM humanops_alerts").fetchone()
        assert _names(beta) == {"Flood"}  # the package inject to beta still holds only what beta may have
        imports = {"alpha": [e for e in audit.entries(alpha) if e["action"] == "import"],
                   "beta": [e for e in audit.entries(beta) if e["action"] == "import"]}
        assert len(imports["alpha"]) == 3 and len(imports["beta"]) == 4  # zones, zone, corridor (+ beta's update)
        assert all(e["detail"]["exercise_time"] for e in imports["beta"])

    # a third run plays nothing twice
    assert main(_run(tmp_path, paths, injects)) == 0
    third = json.loads(capsys.readouterr().out)
    assert third["played"] == [] and third["left"] == []
    with Workspace.open(paths["beta"]) as beta:
        assert len([e for e in audit.entries(beta) if e["action"] == "import"]) == 4


def test_dry_run_changes_nothing(exercise, capsys):
    _, paths, injects = exercise
    before = paths["ctrl"].read_bytes()
    assert main(["-w", str(paths["ctrl"]), "exercise", "run", str(injects), "--dry-run", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(i["id"], i["state"]) for i in doc["injects"]][:2] == [("flood", "pending"), ("checkpoint", "pending")]
    assert paths["ctrl"].read_bytes() == before


def test_stopping_leaves_the_rest_for_the_next_run_and_skip_is_kept(exercise):
    _, paths, injects = exercise
    timeline = read_timeline(injects)
    stop = threading.Event()
    with Workspace.open(paths["ctrl"]) as ctrl:
        from humanops.scenario.exercise import set_clock

        set_clock(ctrl, speed=7200, resume=True)
        participants = [Participant(o, paths[o], f"passphrase of {o}") for o in ("alpha", "beta")]
        player = InjectPlayer(ctrl, timeline, participants=participants, identity="passphrase of ctrl",
                              say=lambda line: stop.set())  # Ctrl-C after the first inject
        played = player.run(stop=stop)
        assert [r.inject_id for r in played] == ["flood"]
        player.skip(timeline.get("checkpoint"))
        assert [i.id for i in player.pending()] == ["closed", "call", "update"]
        with pytest.raises(WorkspaceError, match="played already"):
            player.play(timeline.get("flood"))
        assert json.loads(ctrl.get_meta(RECORD_KEY))["played"]["checkpoint"]["state"] == "skipped"


def test_a_participant_of_another_exercise_or_a_wrong_org_is_refused(exercise, tmp_path):
    _, paths, injects = exercise
    timeline = read_timeline(injects)
    with Workspace.open(paths["ctrl"]) as ctrl:
        player = InjectPlayer(ctrl, timeline, participants=[Participant("alpha", paths["beta"], "passphrase of beta")],
                              identity="passphrase of ctrl")
        with pytest.raises(WorkspaceError, match="belongs to 'beta', not to the participant 'alpha'"):
            player.play(timeline.get("call"))
        assert "call" not in read_record(ctrl)
