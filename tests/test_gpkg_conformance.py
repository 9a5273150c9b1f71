"""The workspace and our GeoPackage exports are files every client reads cleanly: GDAL 3.6's own
validator (``validate_gpkg.py``) passes, ``ogrinfo -al`` prints no warning and no error, only
tables a user would open are listed, each with an INTEGER primary key, and files an earlier
version wrote as GeoPackage 1.4 are brought back to 1.3 on open.

The validator and ogrinfo are Debian's (gdal-bin, python3-gdal: GDAL 3.6, what many field
laptops run), installed by ``packaging/system-packages.sh --test``; elsewhere they skip."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import warnings
from pathlib import Path

import pyogrio
import pytest
from shapely.geometry import Point

from humanops.cli import main
from humanops.store import gpkg_conformance, schema
from humanops.store.workspace import Workspace

VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")
SYSTEM_PYTHON = "/usr/bin/python3"
needs_validator = pytest.mark.skipif(not VALIDATOR.exists() or not Path(SYSTEM_PYTHON).exists(),
                                     reason="GDAL's validate_gpkg.py (Debian's python3-gdal) is not installed")
needs_ogrinfo = pytest.mark.skipif(shutil.which("ogrinfo") is None,
                                   reason="ogrinfo (Debian's gdal-bin) is not installed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, monkeypatch_module) -> dict[str, list[Path]]:
    """The demo with partners (keys, packages both ways, audit log), a saved evacuation plan
    and a GeoPackage export of it."""
    folder = tmp_path_factory.mktemp("conformance")
    path = folder / "demo.gpkg"
    monkeypatch_module.setenv("HUMANOPS_PASSPHRASE", "kavera-demo")
    assert main(["demo", "--create", str(path), "--with-partners"]) == 0
    assert main(["-w", str(path), "plan", "evacuation", "--save"]) == 0
    assert main(["-w", str(path), "export", str(folder / "export.gpkg")]) == 0
    partners = sorted((folder / "demo-partners").glob("*.gpkg"))
    assert len(partners) == 3
    return {"workspaces": [path, *partners], "exports": [folder / "export.gpkg"]}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SYSTEM_PYTHON, str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=300)


@needs_validator
def test_gdal_validator_passes_on_the_demo_the_partners_and_an_export(demo):
    for path in demo["workspaces"] + demo["exports"]:
        done = _validate(path)
        assert done.returncode == 0 and not done.stderr.strip(), (path.name, done.stdout, done.stderr)


@needs_ogrinfo
def test_ogrinfo_reads_every_layer_without_a_warning_or_an_error(demo):
    for path in demo["workspaces"] + demo["exports"]:
        done = subprocess.run(["ogrinfo", "-al", "-q", str(path)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (path.name, done.stderr)
        assert "Warning" not in done.stderr and "ERROR" not in done.stderr, (path.name, done.stderr)


def test_the_file_is_geopackage_1_3_and_lists_only_what_a_user_would_open(demo):
    path = demo["workspaces"][0]
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == gpkg_conformance.GPKG_USER_VERSION
        listed = {r[0] for r in connection.execute("SELECT table_name FROM gpkg_contents")}
        layers = {"danger_zone", "corridor", "road", "facility", "incident", "need"}
        assert listed == layers | {"layer_styles", "humanops_audit", "humanops_plans",
                                   "humanops_plan_lines", "humanops_plan_outcomes"}
        bookkeeping = {r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'humanops%'")} - listed
        assert {"humanops_meta", "humanops_history", "humanops_partners"} <= bookkeeping  # kept, not listed
        for table in listed:  # Requirement 119: an INTEGER primary key
            keys = [(r[2], r[5]) for r in connection.execute(f'PRAGMA table_info("{table}")') if r[5]]
            assert keys == [("INTEGER", 1)], (table, keys)
    finally:
        connection.close()


def test_datetimes_in_an_export_have_milliseconds(demo):
    connection = sqlite3.connect(demo["exports"][0])
    try:
        stamps = [r[0] for r in connection.execute("SELECT created FROM need UNION SELECT modified FROM need")]
    finally:
        connection.close()
    assert stamps and all(len(s) == 24 and s[19] == "." and s.endswith("Z") for s in stamps), stamps[:3]


def test_gdal_reads_every_listed_table_without_a_warning(demo):
    for path in demo["workspaces"]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for name, _ in pyogrio.list_layers(path):
                pyogrio.read_dataframe(path, layer=name)


def test_a_file_an_earlier_version_wrote_as_1_4_is_brought_back_to_1_3(tmp_path, monkeypatch):
    """GeoPackage 1.4 and its bookkeeping tables listed, as HumanOps wrote before: opened, it
    is 1.3 with GDAL's 1.3 R-tree triggers, which keep the index in step with our edits and
    with another tool's, and the validator passes."""
    monkeypatch.setattr(gpkg_conformance, "GDAL_DATASET_OPTIONS", {"VERSION": "1.4"})
    monkeypatch.setattr(schema, "is_listed", lambda table: True)
    path = tmp_path / "old.gpkg"
    monkeypatch.setattr(Workspace, "_ensure_conformance", lambda self: None)
    Workspace.create(path, organisation="ocha").close()
    monkeypatch.undo()
    old = sqlite3.connect(path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 10400
    assert old.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'humanops_meta'").fetchone()
    old.close()

    with Workspace.open(path) as ws:
        feature = ws.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
        ws.update_feature("need", feature.uuid, geometry=Point(31, 11))
        triggers = {r[0] for r in ws.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                        "AND name LIKE 'rtree_need_geom_%'")}
        assert triggers == {f"rtree_need_geom_{t}" for t in ("insert", "update1", "update2", "update3",
                                                               "update4", "delete")}
        assert ws.connection.execute("SELECT minx, miny FROM rtree_need_geom").fetchall() == [
            (pytest.approx(31), pytest.approx(11))]
        assert ws.connection.execute("PRAGMA user_version").fetchone()[0] == 10300
        assert not ws.connection.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'humanops_meta'").fetchone()
    if VALIDATOR.exists():
        done = _validate(path)
        assert done.returncode == 0, done.stdout + done.stderr
