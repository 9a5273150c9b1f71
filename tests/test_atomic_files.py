"""Every file the app writes goes through one helper (humanops.store.atomic_files): written in a
temporary file beside the target, fsynced, renamed into place, the folder fsynced; a failure
leaves the previous file byte-identical and nothing behind."""

from __future__ import annotations

import ast
import errno
import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
import shapely
from exchange_helpers import close_all, make_partners
from shapely.geometry import Point

from humanops.errors import FormatError, HumanOpsError, SharingError
from humanops.model.marking import TLP, Marking
from humanops.sharing import keys
from humanops.store import atomic_files
from humanops.store.atomic_files import AtomicFile, atomic_write, write_bytes_atomic, write_text_atomic
from humanops.store.workspace import Workspace

POSIX = os.name == "posix"
PREVIOUS = b"the previous file, which must survive any failure\n"
NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def broken_disk(monkeypatch):
    """Every write through the helper fails at its fsync, before the rename: a caller that
    writes on its own would not notice, a caller that goes through the helper fails."""
    calls: list[Path] = []

    def fail(path: Path, *, folder: bool = False) -> None:
        calls.append(path)
        raise OSError(errno.EIO, "simulated I/O error", str(path))

    monkeypatch.setattr(atomic_files, "_fsync_path", fail)
    return calls


# --- the helper ---------------------------------------------------------------------------------

@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_writes_the_content_owner_only_by_default_and_the_usual_mode_on_request(tmp_path, usual_umask):
    private = tmp_path / "private.bin"
    write_bytes_atomic(private, b"\x00secret")
    assert private.read_bytes() == b"\x00secret" and mode(private) == 0o600
    public = tmp_path / "card.json"
    write_text_atomic(public, "{}\n", mode=None)
    assert public.read_text(encoding="utf-8") == "{}\n" and mode(public) == 0o644  # the umask's
    os.chmod(public, 0o640)
    write_text_atomic(public, "[]\n", mode=None)
    assert public.read_text(encoding="utf-8") == "[]\n" and mode(public) == 0o640  # never widened
    os.chmod(private, 0o644)  # as an older version left it
    with atomic_write(private) as tmp:
        assert tmp.parent.parent == tmp_path and tmp.name == "private.bin"  # same folder, same extension
        assert mode(tmp.parent) == 0o700  # nobody else can read it while it is written
        tmp.write_bytes(b"new")
    assert private.read_bytes() == b"new" and mode(private) == 0o600
    explicit = tmp_path / "explicit.txt"
    write_text_atomic(explicit, "x", mode=0o640)
    assert mode(explicit) == 0o640
    assert names(tmp_path) == ["card.json", "explicit.txt", "private.bin"]


def test_a_failure_in_the_block_leaves_the_previous_file_and_nothing_else(tmp_path):
    target = tmp_path / "out.gpkg"
    target.write_bytes(PREVIOUS)
    with pytest.raises(RuntimeError, match="writer failed"), atomic_write(target) as tmp:
        tmp.write_bytes(b"half a file")
        raise RuntimeError("writer failed")
    assert target.read_bytes() == PREVIOUS and names(tmp_path) == ["out.gpkg"]
    with pytest.raises(FileNotFoundError), atomic_write(target):  # the writer wrote nothing
        pass
    assert target.read_bytes() == PREVIOUS and names(tmp_path) == ["out.gpkg"]
    new = tmp_path / "new.csv"
    with pytest.raises(KeyboardInterrupt), atomic_write(new) as tmp:  # a cancel too
        tmp.write_text("a,b\n", encoding="utf-8")
        raise KeyboardInterrupt
    assert names(tmp_path) == ["out.gpkg"]


def test_a_failed_fsync_or_rename_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "package.hopx"
    target.write_bytes(PREVIOUS)

    def eio(fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", eio)
    with pytest.raises(OSError, match="I/O error"):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == PREVIOUS and names(tmp_path) == ["package.hopx"]
    monkeypatch.undo()

    def no_rename(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "refused")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(PermissionError):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == PREVIOUS and names(tmp_path) == ["package.hopx"]


def test_overwrite_false_refuses_an_existing_target_with_the_callers_error(tmp_path):
    target = tmp_path / "a.hopx"
    target.write_bytes(PREVIOUS)
    with pytest.raises(HumanOpsError, match="exists already") as caught:
        write_bytes_atomic(target, b"new", overwrite=False)
    assert caught.value.file == str(target)
    with pytest.raises(SharingError, match=r"a\.hopx: exists already \(choose another name\)"):
        write_bytes_atomic(target, b"new", overwrite=False, exists_error=SharingError)
    assert target.read_bytes() == PREVIOUS and names(tmp_path) == ["a.hopx"]
    fresh = tmp_path / "b.hopx"
    write_bytes_atomic(fresh, b"new", overwrite=False)
    assert fresh.read_bytes() == b"new" and names(tmp_path) == ["a.hopx", "b.hopx"]


@pytest.mark.parametrize("links", [True, False], ids=["hard-link", "no-links (FAT)"])
def test_overwrite_false_refuses_a_target_that_appears_while_writing(tmp_path, monkeypatch, links):
    if not links:
        def unsupported(src: object, dst: object) -> None:
            raise PermissionError(errno.EPERM, "links not supported")

        monkeypatch.setattr(os, "link", unsupported)
    target = tmp_path / "a.hopx"
    with pytest.raises(SharingError, match="exists already"), \
            atomic_write(target, overwrite=False, exists_error=SharingError) as tmp:
        tmp.write_bytes(b"ours")
        target.write_bytes(PREVIOUS)  # another program (or a second export) made it meanwhile
    assert target.read_bytes() == PREVIOUS and names(tmp_path) == ["a.hopx"]
    other = tmp_path / "b.hopx"
    with atomic_write(other, overwrite=False) as tmp:
        tmp.write_bytes(b"ours")
    assert other.read_bytes() == b"ours" and names(tmp_path) == ["a.hopx", "b.hopx"]


def test_fsyncs_the_file_before_the_rename_and_the_folder_after(tmp_path, monkeypatch):
    events: list[tuple[str, Path | None]] = []
    opened: dict[int, Path] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def spy_open(path: str | Path, flags: int, *args: int, **kwargs: object) -> int:
        fd = real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]
        opened[fd] = Path(path)
        return fd

    def spy_fsync(fd: int) -> None:
        events.append(("fsync", opened.get(fd)))
        real_fsync(fd)

    def spy_replace(src: str | Path, dst: str | Path) -> None:
        events.append(("replace", Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    target = tmp_path / "report.html"
    target.write_bytes(PREVIOUS)
    write_text_atomic(target, "<html></html>\n")
    assert target.read_text(encoding="utf-8") == "<html></html>\n"
    (kind, written), *rest = events
    assert kind == "fsync" and written is not None
    assert written.name == "report.html" and written.parent.parent == tmp_path  # the temporary file
    assert written.parent.name.startswith(atomic_files.TEMP_PREFIX)
    expected_folder = [("fsync", tmp_path)] if POSIX else []  # Windows: no folder fsync
    assert rest == [("replace", target), *expected_folder]


@pytest.mark.skipif(not POSIX, reason="the folder fsync is POSIX")
def test_a_folder_fsync_the_file_system_refuses_is_skipped_but_an_io_error_is_not(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def refuse_folders(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")  # as some network file systems do
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", refuse_folders)
    target = tmp_path / "out.csv"
    write_bytes_atomic(target, b"a\n")
    assert target.read_bytes() == b"a\n"

    def eio_on_folders(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "I/O error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", eio_on_folders)
    with pytest.raises(OSError, match="I/O error"):  # the rename may not last: the caller must know
        write_bytes_atomic(target, b"b\n")
    assert names(tmp_path) == ["out.csv"]


@pytest.mark.skipif(not POSIX, reason="symbolic links and /dev/null")
def test_links_are_written_through_and_streams_in_place(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(PREVIOUS)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "through the link\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "through the link\n"
    assert names(tmp_path) == ["link.txt", "real.txt"]
    write_bytes_atomic("/dev/null", b"nothing to replace")  # no temporary folder in /dev
    with pytest.raises(IsADirectoryError):
        write_bytes_atomic(tmp_path, b"a folder is not a file")


def test_a_pending_file_commits_once_and_discards_safely(tmp_path):
    target = tmp_path / "x.json"
    pending = AtomicFile(target)
    pending.path.write_text("{}", encoding="utf-8")
    pending.commit()
    pending.discard()
    pending.discard()
    assert target.read_text(encoding="utf-8") == "{}" and names(tmp_path) == ["x.json"]
    with pytest.raises(RuntimeError, match="committed or discarded"):
        pending.commit()


def test_os_replace_is_used_only_in_the_store():
    """The rule stays true: nothing in humanops renames a file into place on its own."""
    root = Path(__file__).resolve().parents[1] / "humanops"
    store = root / "store"
    forbidden = {("os", "replace"), ("os", "rename"), ("os", "renames"), ("shutil", "move"), ("tempfile", "mkstemp")}
    found = []
    for file in sorted(root.rglob("*.py")):
        if store in file.parents:
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), filename=str(file))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and (node.func.value.id, node.func.attr) in forbidden:
                found.append(f"{file.relative_to(root.parent)}:{node.lineno} {node.func.value.id}.{node.func.attr}")
            elif isinstance(node, ast.ImportFrom) and node.module in ("os", "shutil", "tempfile"):
                found += [f"{file.relative_to(root.parent)}:{node.lineno} from {node.module} import {a.name}"
                          for a in node.names if (node.module, a.name) in forbidden]
    assert not found, "write through humanops.store.atomic_files instead:\n" + "\n".join(found)


# --- every caller goes through it ---------------------------------------------------------------

@pytest.fixture
def marked(tmp_path):
    path = tmp_path / "ws.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        ws.add_feature("need", Point(36, 33), {"name": "camp", "population": 10}, Marking(tlp=TLP.RED))
    return path


@pytest.fixture
def pair(tmp_path, fast_kdf):
    partners = make_partners(tmp_path / "partners", {"ocha": (), "medaid": ()})
    yield partners
    close_all(partners)


@pytest.mark.parametrize("name", ["out.gpkg", "out.geojson", "out.csv", "out.kml"])
def test_the_exporter_writes_through_the_helper(marked, tmp_path, broken_disk, name):
    from humanops.formats.exporter import export_file

    out = tmp_path / name
    out.write_bytes(PREVIOUS)
    with Workspace.open(marked) as ws, pytest.raises(FormatError, match="simulated I/O error"):
        export_file(ws, out, layers=["need"])
    assert broken_disk and out.read_bytes() == PREVIOUS and names(tmp_path) == sorted([name, "ws.gpkg"])


def test_a_new_workspace_is_created_through_the_helper(tmp_path, broken_disk):
    path = tmp_path / "ws.gpkg"
    path.write_bytes(PREVIOUS)
    with pytest.raises(OSError, match="simulated I/O error"):
        Workspace.create(path, organisation="ocha", overwrite=True)
    assert broken_disk and path.read_bytes() == PREVIOUS and names(tmp_path) == ["ws.gpkg"]


def test_cap_alerts_are_written_through_the_helper(tmp_path, broken_disk):
    from humanops.analysis.triggers import Alert
    from humanops.formats.cap import write_cap

    alert = Alert(id="3f1c2b9e-0000-4000-8000-000000000001", rule_id="corridor-at-risk", subject="corridor:x",
                  level="high", headline="Corridor at risk", description="Zone Z2", features=(), severity="Severe",
                  urgency="Immediate", certainty="Likely", event="Corridor at risk",
                  area=shapely.box(39.0, 33.4, 39.1, 33.5), area_desc="near corridor North", tlp="AMBER",
                  releasable_to=("wfp",), caveats=(), last_fired=NOW)
    out = tmp_path / "alert.xml"
    out.write_bytes(PREVIOUS)
    with pytest.raises(OSError, match="simulated I/O error"):
        write_cap(alert, str(out), sender="ocha")
    assert broken_disk and out.read_bytes() == PREVIOUS and names(tmp_path) == ["alert.xml"]


def test_analysis_tables_are_written_through_the_helper(tmp_path, broken_disk):
    from humanops.commands.analysis import write_csv

    out = tmp_path / "plan.csv"
    out.write_bytes(PREVIOUS)
    with pytest.raises(FormatError, match="simulated I/O error"):
        write_csv(pd.DataFrame({"name": ["camp"], "people": [10]}), str(out))
    assert broken_disk and out.read_bytes() == PREVIOUS and names(tmp_path) == ["plan.csv"]


def test_packages_are_written_through_the_helper(pair, tmp_path, monkeypatch):
    from humanops.sharing import audit
    from humanops.sharing.exchange_export import export_package

    ocha = pair["ocha"]
    ocha.ws.add_feature("need", Point(36, 33), {"name": "camp", "population": 10}, Marking(tlp=TLP.GREEN))
    out = tmp_path / "to-medaid.hopx"
    out.write_bytes(PREVIOUS)
    before = audit.head(ocha.ws)
    calls: list[Path] = []
    real_fsync_path = atomic_files._fsync_path

    def fail(path: Path, *, folder: bool = False) -> None:
        calls.append(path)
        raise OSError(errno.EIO, "simulated I/O error", str(path))

    monkeypatch.setattr(atomic_files, "_fsync_path", fail)
    with pytest.raises(OSError, match="simulated I/O error"):
        export_package(ocha.ws, ["medaid"], out, ocha.passphrase, full=True, overwrite=True)
    assert calls and out.read_bytes() == PREVIOUS
    assert audit.head(ocha.ws) == before  # and the export was not recorded
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partners", "to-medaid.hopx"]
    monkeypatch.setattr(atomic_files, "_fsync_path", real_fsync_path)
    result = export_package(ocha.ws, ["medaid"], out, ocha.passphrase, full=True, overwrite=True)
    assert out.read_bytes() != PREVIOUS and out.stat().st_size == result.bytes
    if POSIX:
        assert mode(out) == 0o600


def test_cards_witnesses_and_audit_reports_are_written_through_the_helper(pair, tmp_path, broken_disk):
    from humanops.sharing import audit, cards

    ocha = pair["ocha"]
    outputs = {name: tmp_path / name for name in ("ocha.card.json", "witness.json", "report.csv", "report.html")}
    for path in outputs.values():
        path.write_bytes(PREVIOUS)
    with pytest.raises(OSError, match="simulated I/O error"):
        cards.write_card(ocha.ws, outputs["ocha.card.json"], ocha.passphrase)
    with ocha.ws.transaction():
        audit.remember_partner_head(ocha.ws, "medaid", {"seq": 1, "hash": "a" * 64}, "pkg-1", NOW)
    identity = keys.unlock(ocha.ws, ocha.passphrase)
    with pytest.raises(SharingError, match="cannot write the witness"):
        audit.write_witness(ocha.ws, identity, "medaid", outputs["witness.json"], NOW)
    for name in ("report.csv", "report.html"):
        with pytest.raises(OSError, match="simulated I/O error"):
            audit.audit_report(ocha.ws, outputs[name])
    assert len(broken_disk) == 4
    assert all(path.read_bytes() == PREVIOUS for path in outputs.values())
    assert names(tmp_path) == sorted([*outputs, "partners"])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_reports_are_owner_only_and_cards_are_not(pair, tmp_path, usual_umask):
    from humanops.sharing import audit, cards

    ocha = pair["ocha"]
    card, report = tmp_path / "ocha.card.json", tmp_path / "report.csv"
    cards.write_card(ocha.ws, card, ocha.passphrase)
    audit.audit_report(ocha.ws, report)
    assert mode(card) == 0o644 and mode(report) == 0o600
    assert cards.read_card(card).org_id == "ocha"
