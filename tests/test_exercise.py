"""Exercise workspaces: a flagged copy, isolated from real data both ways through signed packages,
marked on every product, and run on a scenario clock that drives expiry and triggers."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from analysis_cases import CASES, load_case, read_case
from exchange_helpers import close_all, frame_inner, make_partners, open_inner, seal_inner, split_inner
from shapely.geometry import Point, Polygon

from humanops.cli import main
from humanops.errors import SharingError, ValidationError, WorkspaceError
from humanops.model.clock import workspace_now
from humanops.model.exercise import exercise_info, is_exercise, isolation_refusal
from humanops.model.marking import TLP, Marking
from humanops.model.scenario_clock import ScenarioClock
from humanops.scenario.exercise import create_exercise, set_clock
from humanops.sharing import keys
from humanops.sharing.canonical import canonical_json
from humanops.sharing.exchange_export import export_package, preview_export
from humanops.sharing.exchange_import import import_package
from humanops.store.workspace import Workspace

ORGS = {"ocha": ("community:kv",), "medaid": ("community:kv",)}
NAME = "Kavera Flood 2026"
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
BANNER = f"EXERCISE — {NAME}"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def partners(tmp_path):
    made = make_partners(tmp_path / "real", ORGS)
    yield made
    close_all(made)


def _zone(ws: Workspace, name: str, *, expires: datetime | None = None) -> str:
    marking = Marking(tlp=TLP.GREEN, expires=expires)
    return ws.add_feature("danger_zone", Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10.1)]),
                          {"name": name, "hazard": "shelling", "severity": 4}, marking=marking).uuid


def _exercise(partner, tmp_path: Path, **options) -> Workspace:
    """The partner's workspace copied as the exercise (closed and reopened: the copy reads the file)."""
    partner.ws.close()
    target = tmp_path / f"exercise-{partner.org}.gpkg"
    create_exercise(partner.ws.path, target, name=NAME, start=options.pop("start", T0), **options)
    partner.ws = Workspace.open(partner.ws.path)
    return Workspace.open(target)


def _without_audit(snapshot: dict) -> dict:
    return {t: rows if t != "humanops_meta" else [r for r in rows if r[0] != "audit_head"]
            for t, rows in snapshot.items() if t != "humanops_audit"}


# --------------------------------------------------------------------------- the copy


def test_init_copies_the_workspace_flagged_with_its_own_id_and_a_paused_clock(partners, tmp_path, capsys):
    ocha = partners["ocha"]
    _zone(ocha.ws, "Shelling at the bridge")
    source_id = ocha.ws.workspace_id
    ocha.ws.close()
    before = ocha.ws.path.read_bytes()
    target = tmp_path / "exercise.gpkg"
    assert main(["exercise", "init", "--name", NAME, "--from", str(ocha.ws.path), str(target), "--controller",
                 "medaid", "--start", "2026-11-28T12:00:00Z", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["banner"] == BANNER and doc["controller"] == "medaid" and doc["clock"]["paused"] is True
    assert ocha.ws.path.read_bytes() == before  # the source is only read
    with Workspace.open(target) as ex:
        info = exercise_info(ex)
        assert info is not None and (info.name, info.controller, info.start, info.source) == (
            NAME, "medaid", T0, source_id)
        assert ex.workspace_id and ex.workspace_id != source_id  # packages never confuse it with the source
        assert ex.read_layer("danger_zone")["name"].tolist() == ["Shelling at the bridge"]
        assert workspace_now(ex) == T0  # paused at its start
    with Workspace.open(ocha.ws.path) as real:
        assert not is_exercise(real)
    # refused: an existing target, a file that is no workspace, a bad name; nothing written
    assert main(["exercise", "init", "--name", NAME, "--from", str(ocha.ws.path), str(target)]) == 1
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(WorkspaceError, match="not a HumanOps workspace"):
        create_exercise(tmp_path / "notes.txt", tmp_path / "x.gpkg", name=NAME)
    with pytest.raises(ValidationError, match="exercise name"):
        create_exercise(ocha.ws.path, tmp_path / "y.gpkg", name="two\nlines")
    assert not (tmp_path / "x.gpkg").exists() and not (tmp_path / "y.gpkg").exists()
    assert "is not an exercise" in _clock_error(ocha.ws.path, capsys)


def _clock_error(path: Path, capsys) -> str:
    assert main(["-w", str(path), "exercise", "clock"]) == 1
    return capsys.readouterr().err


# --------------------------------------------------------------------------- isolation


def test_packages_never_cross_between_exercise_and_real_either_way(partners, tmp_path, snapshot):
    ocha, medaid = partners["ocha"], partners["medaid"]
    _zone(ocha.ws, "Shelling at the bridge")
    ex_ocha, ex_medaid = _exercise(ocha, tmp_path), _exercise(medaid, tmp_path)
    try:
        _zone(ex_ocha, "Exercise flood zone")
        exercise_pkg = tmp_path / "exercise.hopx"
        export_package(ex_ocha, ["medaid"], exercise_pkg, ocha.passphrase)
        real_pkg = tmp_path / "real.hopx"
        export_package(ocha.ws, ["medaid"], real_pkg, ocha.passphrase)

        # an exercise package into the real workspace: refused, named, nothing written, audited
        medaid.ws.close()
        before = snapshot(medaid.ws.path)
        medaid.ws = Workspace.open(medaid.ws.path)
        with pytest.raises(SharingError) as refused:
            import_package(medaid.ws, exercise_pkg, medaid.passphrase)
        assert str(exercise_pkg) in refused.value.message
        assert f"exercise {NAME!r}" in refused.value.message and "holds real data" in refused.value.message
        medaid.ws.close()
        after = snapshot(medaid.ws.path)
        assert _without_audit(after) == _without_audit(before)
        (entry,) = [r for r in after["humanops_audit"] if r not in before["humanops_audit"]]
        assert entry[2] == "refused_import" and "exercise" in json.loads(entry[7])["reason"]
        medaid.ws = Workspace.open(medaid.ws.path)

        # a real package into the exercise: refused the same way
        ex_medaid.close()
        before = snapshot(tmp_path / "exercise-medaid.gpkg")
        ex_medaid = Workspace.open(tmp_path / "exercise-medaid.gpkg")
        with pytest.raises(SharingError, match=r"is a real package .* this workspace is the exercise"):
            import_package(ex_medaid, real_pkg, medaid.passphrase)
        ex_medaid.close()
        after = snapshot(tmp_path / "exercise-medaid.gpkg")
        assert _without_audit(after) == _without_audit(before)
        refusal = [r for r in after["humanops_audit"] if r not in before["humanops_audit"]]
        assert [r[2] for r in refusal] == ["refused_import"]
        assert json.loads(refusal[0][7])["exercise_time"]  # an exercise's audit: wall clock, scenario time beside
        ex_medaid = Workspace.open(tmp_path / "exercise-medaid.gpkg")

        # the same exercise on both sides: merged; real to real still works (no flag: real, as ever)
        result = import_package(ex_medaid, exercise_pkg, medaid.passphrase)
        assert result.verification["exercise"] == NAME
        assert "Exercise flood zone" in ex_medaid.read_layer("danger_zone")["name"].tolist()
        assert import_package(medaid.ws, real_pkg, medaid.passphrase).verification["exercise"] is None
        assert "Exercise flood zone" not in medaid.ws.read_layer("danger_zone")["name"].tolist()
    finally:
        ex_ocha.close()
        ex_medaid.close()


def test_the_exercise_flag_is_signed_stripping_or_changing_it_breaks_the_signature(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    ex_ocha = _exercise(ocha, tmp_path)
    try:
        _zone(ex_ocha, "Exercise flood zone")
        package = tmp_path / "exercise.hopx"
        export_package(ex_ocha, ["medaid"], package, ocha.passphrase)
    finally:
        ex_ocha.close()
    manifest_bytes, signature, payload = split_inner(open_inner(package, medaid))
    manifest = json.loads(manifest_bytes)
    assert manifest["exercise"] == {"name": NAME}
    stripped = {k: v for k, v in manifest.items() if k != "exercise"}
    renamed = {**manifest, "exercise": {"name": "Another drill"}}
    for i, forged in enumerate((stripped, renamed)):
        out = seal_inner(frame_inner(canonical_json(forged), signature, payload), medaid, tmp_path / f"f{i}.hopx")
        with pytest.raises(SharingError, match="signature does not verify"):
            import_package(medaid.ws, out, medaid.passphrase)
    assert "Exercise flood zone" not in medaid.ws.read_layer("danger_zone")["name"].tolist()


def test_isolation_rule_in_words():
    assert isolation_refusal(None, None) is None and isolation_refusal("A", "A") is None
    assert "two exercises never mix" in isolation_refusal("A", "B")
    assert "'A'" in isolation_refusal(None, "A") and "'A'" in isolation_refusal("A", None)


# --------------------------------------------------------------------------- products


def test_exports_briefing_tak_and_cap_say_exercise(partners, tmp_path):
    from humanops.formats.cap_chain import default_status
    from humanops.formats.exporter import export_file
    from humanops.formats.tak_brief import write_tak_brief
    from humanops.products.briefing_map import build_briefing
    from humanops.sharing.audience import audience_view

    ocha = partners["ocha"]
    _zone(ocha.ws, "Shelling at the bridge")
    ocha.ws.add_feature("facility", Point(30.05, 10.05), {"name": "Clinic", "facility_type": "hospital"})
    assert default_status(ocha.ws) == "Actual"
    ex = _exercise(ocha, tmp_path)
    try:
        assert default_status(ex) == "Exercise"
        page = build_briefing(ex, "internal").html
        assert 'id="ho-exercise"' in page and BANNER in page and f"<title>{BANNER} · " in page
        assert BANNER not in build_briefing(ocha.ws, "internal").html

        tak = tmp_path / "brief.cot"
        write_tak_brief(audience_view(ex, "medaid"), tak, generated=workspace_now(ex), as_cot=True)
        text = tak.read_text(encoding="utf-8")
        assert text.count('opex="e"') == text.count("<event ") >= 2 and f"<remarks>{BANNER}" in text

        export_file(ex, tmp_path / "zones.csv", layers=["danger_zone"])
        header, hxl, row = (tmp_path / "zones.csv").read_text(encoding="utf-8-sig").splitlines()[:3]
        assert header.startswith("exercise,") and hxl.startswith("#meta+exercise,") and row.startswith(BANNER)
        export_file(ex, tmp_path / "zones.geojson", layers=["danger_zone"])
        (feature,) = json.loads((tmp_path / "zones.geojson").read_text(encoding="utf-8"))["features"]
        assert feature["properties"]["exercise"] == BANNER
        export_file(ocha.ws, tmp_path / "real.geojson", layers=["danger_zone"])
        (feature,) = json.loads((tmp_path / "real.geojson").read_text(encoding="utf-8"))["features"]
        assert "exercise" not in feature["properties"]
    finally:
        ex.close()


def test_cap_alerts_of_an_exercise_are_status_exercise_with_the_name_in_note(tmp_path):
    from humanops.analysis.triggers import TriggerEngine, adopt_rules, list_alerts
    from humanops.formats.cap_chain import export_cap

    case = read_case("triggers_case.json")
    with Workspace.create(tmp_path / "real.gpkg", organisation="ocha") as real:
        load_case(real, case)
        adopt_rules(real, CASES / "triggers_rules.toml")
    with Workspace.open(tmp_path / "real.gpkg") as real:  # a plain workspace: Actual
        assert workspace_now(real) != datetime.fromisoformat(case["at"])
    create_exercise(tmp_path / "real.gpkg", tmp_path / "ex.gpkg", name=NAME, start=datetime.fromisoformat(case["at"]))
    with Workspace.open(tmp_path / "ex.gpkg") as ex:
        TriggerEngine(ex).evaluate()
        alert = list_alerts(ex, states=("active",))[0]
        xml = export_cap(ex, alert, tmp_path / "alert.xml").latest.xml.decode("utf-8")
    assert "<status>Exercise</status>" in xml and f"<note>{BANNER}; TLP:" in xml


# --------------------------------------------------------------------------- the scenario clock


def test_scenario_clock_runs_at_its_speed_pauses_and_resumes():
    wall = datetime(2030, 1, 1, tzinfo=UTC)
    clock = ScenarioClock(scenario=T0, wall=wall, speed=60.0)
    assert clock.now(wall + timedelta(seconds=10)) == T0 + timedelta(minutes=10)
    paused = clock.paused_at(wall + timedelta(seconds=10))
    assert paused.now(wall + timedelta(hours=5)) == T0 + timedelta(minutes=10)  # stopped where it was
    resumed = paused.resumed_at(wall + timedelta(hours=5))
    assert resumed.now(wall + timedelta(hours=5, seconds=1)) == T0 + timedelta(minutes=11)
    slower = resumed.with_speed(1, wall + timedelta(hours=5, seconds=1))
    assert slower.now(wall + timedelta(hours=5, seconds=61)) == T0 + timedelta(minutes=12)  # no jump at the change
    assert ScenarioClock.from_text(slower.to_text()) == slower
    assert clock.now(wall - timedelta(hours=1)) == T0  # a wall clock set back never runs it backwards
    with pytest.raises(ValidationError, match="speed"):
        clock.with_speed(0)


def test_clock_is_kept_in_the_workspace_so_every_reader_agrees(partners, tmp_path, capsys):
    ex = _exercise(partners["ocha"], tmp_path)
    ex.close()
    path = str(tmp_path / "exercise-ocha.gpkg")
    assert main(["-w", path, "exercise", "clock", "--speed", "3600", "--resume", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["paused"] is False
    time.sleep(0.05)
    with Workspace.open(path) as one, Workspace.open(path) as other:  # two readers, one clock
        assert T0 + timedelta(seconds=150) < workspace_now(one) < T0 + timedelta(hours=1)
        assert abs(workspace_now(one) - workspace_now(other)) < timedelta(seconds=60)
    assert main(["-w", path, "exercise", "clock", "--pause", "--json"]) == 0
    paused = json.loads(capsys.readouterr().out)
    assert main(["-w", path, "exercise", "clock", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["now"] == paused["now"]  # paused: it stays
    assert main(["-w", path, "exercise", "clock", "--start", "2026-11-29T00:00:00Z", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["now"] == "2026-11-29T00:00:00.000Z"
    assert main(["-w", path, "exercise", "clock", "--speed", "0"]) == 1
    with pytest.raises(SystemExit) as usage:  # argparse's own usage error
        main(["-w", path, "exercise", "clock", "--pause", "--resume"])
    assert usage.value.code == 2


def test_the_scenario_clock_drives_expiry_at_speed(partners, tmp_path):
    ocha = partners["ocha"]
    _zone(ocha.ws, "Expires an hour in", expires=T0 + timedelta(hours=1))
    ex = _exercise(ocha, tmp_path)
    try:
        assert preview_export(ex, ["medaid"], full=True).totals("medaid")["sent"] == 1  # T+0: still valid
        set_clock(ex, speed=36_000, resume=True)  # ten scenario hours a wall second
        deadline = time.monotonic() + 2
        while workspace_now(ex) <= T0 + timedelta(hours=1) and time.monotonic() < deadline:
            time.sleep(0.05)
        totals = preview_export(ex, ["medaid"], full=True).totals("medaid")
        assert totals["sent"] == 0 and sum(totals["withheld"].values()) == 1  # the clock passed its expiry
    finally:
        ex.close()


def test_the_scenario_clock_drives_triggers(tmp_path):
    from humanops.analysis.triggers import TriggerEngine, adopt_rules, list_alerts

    case = read_case("triggers_case.json")
    at = datetime.fromisoformat(case["at"])
    with Workspace.create(tmp_path / "real.gpkg", organisation="ocha") as real:
        names = load_case(real, case)
        adopt_rules(real, CASES / "triggers_rules.toml")
        zone = names["danger_zone"]["Shelling near open"]
        real.update_feature("danger_zone", zone, properties={"valid_from": at + timedelta(hours=1)})
    create_exercise(tmp_path / "real.gpkg", tmp_path / "ex.gpkg", name=NAME, start=at)
    with Workspace.open(tmp_path / "ex.gpkg") as ex:
        engine = TriggerEngine(ex)  # no fixed time: the workspace clock at each evaluation
        engine.evaluate()
        assert not [a for a in list_alerts(ex, states=("active",)) if a.rule_id == "corridor-at-risk"]
        set_clock(ex, start=at + timedelta(hours=1, minutes=1))  # the clock reaches the zone's validity
        report = engine.evaluate()
        fired = [a for a in list_alerts(ex, states=("active",)) if a.rule_id == "corridor-at-risk"]
        assert len(fired) == 1 and any(f.uuid == zone for f in fired[0].features) and report.raised
