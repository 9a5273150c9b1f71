"""Files that hold our sealed private keys or marked data are owner-only (0600) from the moment
they exist, whatever the umask: new workspaces, workspaces keys are added to, the demo and its
partners' workspaces, SQLite's rollback journal, exports, the audit report, analysis tables."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Point

from humanops import fileperms
from humanops.cli import main
from humanops.model.marking import TLP, Marking
from humanops.sharing import keys
from humanops.store.workspace import Workspace

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="POSIX file modes"),
              pytest.mark.usefixtures("usual_umask")]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    monkeypatch.setenv("HUMANOPS_PASSPHRASE", "scripted passphrase")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def widen(path: Path) -> None:
    """As an older version (or a copy with the usual umask) left the file."""
    os.chmod(path, 0o644)
    assert mode(path) == 0o644


# --- the helper ---------------------------------------------------------------------------------

def test_open_private_creates_0600_and_narrows_an_existing_file(tmp_path):
    new = tmp_path / "new.txt"
    with fileperms.open_private(new, "w", encoding="utf-8") as handle:
        assert mode(new) == 0o600  # before anything is written
        handle.write("x\n")
    assert new.read_text(encoding="utf-8") == "x\n" and mode(new) == 0o600
    old = tmp_path / "old.bin"
    old.write_bytes(b"older and longer")
    widen(old)
    with fileperms.open_private(old, "wb") as handle:
        assert mode(old) == 0o600
        handle.write(b"new")
    assert old.read_bytes() == b"new" and mode(old) == 0o600


def test_make_private_leaves_folders_alone(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir(mode=0o755)
    fileperms.make_private(folder)
    assert mode(folder) == 0o755


def test_private_output_removes_a_new_file_when_the_writer_fails(tmp_path):
    out = tmp_path / "report.csv"
    with pytest.raises(RuntimeError), fileperms.private_output(out):
        assert out.exists() and mode(out) == 0o600
        raise RuntimeError("writer failed")
    assert not out.exists()
    out.write_text("kept", encoding="utf-8")
    widen(out)
    with pytest.raises(RuntimeError), fileperms.private_output(out):
        raise RuntimeError("writer failed")
    assert out.read_text(encoding="utf-8") == "kept" and mode(out) == 0o600  # an existing file stays


# --- workspaces ---------------------------------------------------------------------------------

def test_a_new_workspace_is_owner_only(tmp_path, capsys):
    path = tmp_path / "ws.gpkg"
    assert run(capsys, "-w", str(path), "init", "--org", "ocha")[0] == 0
    assert mode(path) == 0o600
    widen(path)
    assert run(capsys, "-w", str(path), "init", "--org", "ocha", "--overwrite")[0] == 0
    assert mode(path) == 0o600  # a replaced file is a new one, owner-only too
    with Workspace.create(tmp_path / "api.gpkg", organisation="ocha") as ws:
        assert mode(ws.path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api.gpkg", "ws.gpkg"]  # no temporary left


def test_keys_init_and_rotate_leave_the_workspace_owner_only(tmp_path, capsys, fast_kdf):
    path = tmp_path / "ws.gpkg"
    assert run(capsys, "-w", str(path), "init", "--org", "ocha")[0] == 0
    assert run(capsys, "-w", str(path), "keys", "init", "--org", "ocha", "--name", "OCHA")[0] == 0
    assert mode(path) == 0o600
    widen(path)
    assert run(capsys, "-w", str(path), "keys", "rotate")[0] == 0
    assert mode(path) == 0o600


def test_an_older_world_readable_workspace_is_narrowed_when_keys_are_added(tmp_path, capsys, fast_kdf):
    path = tmp_path / "old.gpkg"
    with Workspace.create(path, organisation="ocha"):
        pass
    widen(path)  # made by a version that left it to the umask
    assert run(capsys, "-w", str(path), "keys", "init", "--org", "ocha", "--name", "OCHA")[0] == 0
    assert mode(path) == 0o600
    with Workspace.open(path) as ws:
        assert keys.has_identity(ws)


def test_keys_are_never_written_to_a_world_readable_file(tmp_path, monkeypatch, fast_kdf):
    """The file is narrowed before the transaction that stores the sealed keys begins."""
    path = tmp_path / "old.gpkg"
    Workspace.create(path, organisation="ocha").close()
    widen(path)
    seen: list[int] = []
    original = keys._insert

    def spy(db, public, sealed):  # type: ignore[no-untyped-def]
        seen.append(mode(path))
        journal = Path(f"{path}-journal")
        if journal.exists():
            seen.append(mode(journal))
        original(db, public, sealed)

    monkeypatch.setattr(keys, "_insert", spy)
    with Workspace.open(path) as ws:
        keys.init_identity(ws, "ocha", "OCHA", "scripted passphrase")
    assert seen and set(seen) == {0o600}


def test_the_rollback_journal_is_owner_only(tmp_path):
    with Workspace.create(tmp_path / "ws.gpkg", organisation="ocha") as ws:
        journal = Path(f"{ws.path}-journal")
        with ws.transaction():
            ws.set_meta("probe", "1")
            ws.add_feature("need", Point(36, 33), {"name": "a", "population": 1}, Marking(tlp=TLP.RED))
            assert journal.exists(), "a write transaction in rollback-journal mode has a journal"
            assert mode(journal) == 0o600
        assert not journal.exists()


def test_the_demo_and_its_partner_workspaces_are_owner_only(tmp_path, capsys, fast_kdf):
    path = tmp_path / "demo.gpkg"
    code, out, _ = run(capsys, "demo", "--create", str(path), "--with-partners", "--json")
    assert code == 0
    partners = [Path(p) for p in json.loads(out)["partner_workspaces"]]
    assert len(partners) == 3
    for file in (path, *partners):
        assert mode(file) == 0o600, file
    widen(path)
    assert run(capsys, "demo", "--create", str(path), "--overwrite")[0] == 0
    assert mode(path) == 0o600


def test_the_fresh_demo_copy_is_owner_only(tmp_path, monkeypatch, capsys, fast_kdf):
    opened: list[str] = []
    fake = types.ModuleType("humanops.ui.app")
    fake.run_app = lambda path: opened.append(path) or 0  # type: ignore[attr-defined]
    import humanops.ui

    monkeypatch.setitem(sys.modules, "humanops.ui.app", fake)
    monkeypatch.setattr(humanops.ui, "app", fake, raising=False)
    monkeypatch.setenv("HUMANOPS_DEMO_DIR", str(tmp_path / "demos"))
    assert run(capsys, "demo")[0] == 0
    assert len(opened) == 1
    copies = [p for p in (tmp_path / "demos").rglob("*") if p.is_file()]
    assert Path(opened[0]) in copies and len(copies) == 4  # ours and three partners'
    for file in copies:
        assert mode(file) == 0o600, file


# --- exports and reports ------------------------------------------------------------------------

@pytest.fixture
def marked(tmp_path):
    path = tmp_path / "ws.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        ws.add_feature("need", Point(36, 33), {"name": "camp", "population": 10}, Marking(tlp=TLP.RED))
    return path


@pytest.mark.parametrize("name", ["out.gpkg", "out.geojson", "out.csv", "out.kml"])
def test_exports_are_owner_only(marked, tmp_path, capsys, name):
    out = tmp_path / name
    assert run(capsys, "-w", str(marked), "export", str(out), "--layer", "need")[0] == 0
    assert mode(out) == 0o600
    widen(out)
    assert run(capsys, "-w", str(marked), "export", str(out), "--layer", "need")[0] == 0
    assert mode(out) == 0o600  # a replaced export too
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "ws.gpkg"])


@pytest.mark.parametrize("name", ["report.csv", "report.html"])
def test_the_audit_report_is_owner_only(marked, tmp_path, capsys, fast_kdf, name):
    assert run(capsys, "-w", str(marked), "keys", "init", "--org", "ocha", "--name", "OCHA")[0] == 0
    out = tmp_path / name
    assert run(capsys, "-w", str(marked), "audit", "report", str(out))[0] == 0
    assert mode(out) == 0o600 and out.stat().st_size > 0
    widen(out)
    assert run(capsys, "-w", str(marked), "audit", "report", str(out))[0] == 0
    assert mode(out) == 0o600
    refused = tmp_path / "report.txt"
    assert run(capsys, "-w", str(marked), "audit", "report", str(refused))[0] == 1
    assert not refused.exists()  # nothing left behind by a refused report


def test_analysis_tables_are_owner_only(tmp_path):
    from humanops.commands.analysis import write_csv

    out = tmp_path / "plan.csv"
    write_csv(pd.DataFrame({"name": ["camp"], "people": [10]}), str(out))
    assert mode(out) == 0o600
    assert out.read_text(encoding="utf-8").splitlines() == ["name,people", "camp,10"]
    widen(out)
    write_csv(pd.DataFrame({"name": ["b"]}), str(out))
    assert mode(out) == 0o600 and out.read_text(encoding="utf-8") == "name\nb\n"


def test_sqlite_copies_the_database_mode_to_its_journal(tmp_path):
    """What the journal test relies on, checked on this SQLite (a 0644 file gets a 0644 journal)."""
    db = tmp_path / "plain.sqlite"
    for wanted in (0o644, 0o600):
        db.unlink(missing_ok=True)
        sqlite3.connect(db).close()
        os.chmod(db, wanted)
        connection = sqlite3.connect(db, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("CREATE TABLE t (x)")
            assert mode(Path(f"{db}-journal")) == wanted
            connection.execute("ROLLBACK")
        finally:
            connection.close()
