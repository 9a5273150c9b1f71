"""``humanops exercise run`` with team databases (issue 14): the controller's exercise workspace in
PostgreSQL plays the inject timeline of tests/test_exercise_injects.py into one participant in a
database and one in a GeoPackage, each receiving what the sharing policy lets it, once; the record
of what was played lives in the controller's database and names no password."""

from __future__ import annotations

import json

from test_exercise_injects import _names, exercise, fast_kdf  # noqa: F401  (fixtures)

from humanops.cli import main
from humanops.scenario.inject_player import read_record
from humanops.sharing import audit
from humanops.store.postgis.copy_workspace import copy_workspace
from humanops.store.postgis.workspace import PostgisWorkspace
from humanops.store.workspace import Workspace


def test_exercise_run_with_a_database_controller_and_participant(exercise, pg_cluster, capsys):  # noqa: F811
    tmp_path, paths, injects = exercise
    # the controller's and alpha's exercises moved into team databases (humanops copy), beta stays a file
    ctrl, alpha = pg_cluster.create_database(), pg_cluster.create_database()
    copy_workspace(str(paths["ctrl"]), ctrl)
    copy_workspace(str(paths["alpha"]), alpha)
    outbox = tmp_path / "outbox"
    args = ["-w", ctrl, "exercise", "run", str(injects), "--speed", "7200", "--outbox", str(outbox),
            "--passphrase-file", str(tmp_path / "ctrl.pass"), "--json",
            "--to", f"alpha={alpha}", "--participant-passphrase-file", f"alpha={tmp_path / 'alpha.pass'}",
            "--to", f"beta={paths['beta']}", "--participant-passphrase-file", f"beta={tmp_path / 'beta.pass'}"]

    assert main([*args, "--until", "T+00:50"]) == 0, capsys.readouterr().err
    first = json.loads(capsys.readouterr().out)
    assert first["played"] == ["flood", "checkpoint"] and first["left"] == ["closed", "call", "update"]
    with PostgisWorkspace.open(alpha) as on_db, Workspace.open(paths["beta"]) as on_file:
        assert _names(on_db) == {"Flood", "Checkpoint"}
        assert _names(on_file) == {"Flood"}  # the checkpoint is AMBER, releasable to alpha only
    assert sorted(p.name for p in outbox.iterdir()) == ["checkpoint-alpha.hopx", "checkpoint-beta.hopx",
                                                        "flood-alpha.hopx", "flood-beta.hopx"]

    assert main(args) == 0, capsys.readouterr().err
    second = json.loads(capsys.readouterr().out)
    assert second["played"] == ["closed", "call", "update"] and second["left"] == []
    with PostgisWorkspace.open(alpha) as on_db, Workspace.open(paths["beta"]) as on_file:
        for ws in (on_db, on_file):
            (corridor,) = ws.features("corridor")
            assert corridor.properties["status"] == "closed" and corridor.version == 2
        alerts = on_db.connection.execute("SELECT subject, state FROM humanops_alerts").fetchall()
        assert alerts == [("inject:call", "active")]
        assert len([e for e in audit.entries(on_db) if e["action"] == "import"]) == 3
        assert len([e for e in audit.entries(on_file) if e["action"] == "import"]) == 4
    with PostgisWorkspace.open(ctrl) as controller:
        record = read_record(controller)
        assert set(record) == {"flood", "checkpoint", "closed", "call", "update"}
        (corridor,) = controller.features("corridor")
        assert corridor.properties["status"] == "closed"
        kept = json.loads(controller.get_meta("exercise_injects"))["participants"]
        assert kept == {"alpha": alpha, "beta": str(paths["beta"])}  # the test's URLs carry no password

    # a third run plays nothing twice
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["played"] == []


def test_a_database_participant_of_another_organisation_is_refused(exercise, pg_cluster, capsys):  # noqa: F811
    tmp_path, paths, injects = exercise
    ctrl, beta = pg_cluster.create_database(), pg_cluster.create_database()
    copy_workspace(str(paths["ctrl"]), ctrl)
    copy_workspace(str(paths["beta"]), beta)
    args = ["-w", ctrl, "exercise", "run", str(injects), "--speed", "7200", "--outbox", str(tmp_path / "out"),
            "--passphrase-file", str(tmp_path / "ctrl.pass"), "--to", f"alpha={beta}"]
    capsys.readouterr()
    assert main(args) == 1
    assert "belongs to 'beta', not to the participant 'alpha'" in capsys.readouterr().err
