"""Where the layer kinds and resources are found: a checkout, a wheel, a PyInstaller bundle, or a
folder the user names; and the engine's lookups (kinds, routing speeds, rations, basemap) ask
``humanops.data_paths``, so each of those layouts works for all of them."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from humanops import data_paths
from humanops.analysis.aid_allocation import load_rations
from humanops.analysis.routing_config import load_routing_config
from humanops.basemap import world_basemap_path
from humanops.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(data_paths.LAYERS_ENV, raising=False)
    monkeypatch.delenv(data_paths.RESOURCES_ENV, raising=False)


def _copy_of_data_paths(package_dir: Path) -> ModuleType:
    """``humanops/data_paths.py`` loaded from a copy inside ``package_dir`` (an installed package)."""
    package_dir.mkdir(parents=True, exist_ok=True)
    path = package_dir / "data_paths.py"
    shutil.copy2(ROOT / "humanops" / "data_paths.py", path)
    spec = importlib.util.spec_from_file_location(f"data_paths_copy_{abs(hash(path))}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_checkout_finds_the_folders_at_the_repository_root(no_overrides) -> None:
    assert data_paths.layers_dir() == ROOT / "layers"
    assert data_paths.resources_dir() == ROOT / "resources"
    assert data_paths.translations_dir() == ROOT / "resources" / "i18n"
    assert data_paths.bundle_root() is None


def test_the_environment_names_other_folders(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(data_paths.LAYERS_ENV, str(tmp_path / "kinds"))
    monkeypatch.setenv(data_paths.RESOURCES_ENV, str(tmp_path / "res"))
    assert data_paths.layers_dir() == tmp_path / "kinds"
    assert data_paths.resources_dir() == tmp_path / "res"
    assert data_paths.translations_dir() == tmp_path / "res" / "i18n"


def test_a_wheel_finds_them_inside_the_package_and_falls_back_to_the_checkout(no_overrides, tmp_path) -> None:
    installed = _copy_of_data_paths(tmp_path / "site" / "humanops")
    (tmp_path / "site" / "humanops" / "_data" / "layers").mkdir(parents=True)
    assert installed.layers_dir() == tmp_path / "site" / "humanops" / "_data" / "layers"
    # resources/ not copied into this package: the folder beside the package, as in a checkout
    assert installed.resources_dir() == tmp_path / "site" / "resources"


def test_setup_copies_both_folders_into_the_built_package(no_overrides, tmp_path) -> None:
    spec = importlib.util.spec_from_file_location("humanops_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    setup_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup_module)  # defines the build step; setup() runs only as a script
    build_lib = tmp_path / "build" / "lib"
    setup_module.copy_shipped_data(build_lib)
    installed = _copy_of_data_paths(build_lib / "humanops")
    kinds = sorted(path.name for path in installed.layers_dir().glob("*.toml"))
    assert kinds == sorted(path.name for path in (ROOT / "layers").glob("*.toml")) and kinds
    assert (installed.resources_dir() / "routing" / "speeds.toml").is_file()
    assert (installed.resources_dir() / "basemap" / "world_110m.gpkg").is_file()


def test_a_pyinstaller_bundle_serves_every_lookup_from_its_own_folder(no_overrides, monkeypatch, tmp_path) -> None:
    bundle = tmp_path / "_internal"
    shutil.copytree(ROOT / "layers", bundle / "layers")
    shutil.copytree(ROOT / "resources", bundle / "resources")
    # values only this copy has, to tell it from the checkout's
    speeds = bundle / "resources" / "routing" / "speeds.toml"
    text = speeds.read_text(encoding="utf-8")
    assert "node_tolerance_m = 0.5" in text
    speeds.write_text(text.replace("node_tolerance_m = 0.5", "node_tolerance_m = 4.25", 1), encoding="utf-8")
    text = (bundle / "layers" / "incident.toml").read_text(encoding="utf-8")
    assert 'name = "incident"' in text
    (bundle / "layers" / "sighting.toml").write_text(text.replace('name = "incident"', 'name = "sighting"', 1),
                                                     encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert data_paths.bundle_root() == bundle
    assert load_routing_config().node_tolerance_m == 4.25
    assert world_basemap_path() == bundle / "resources" / "basemap" / "world_110m.gpkg"
    assert "sighting" in load_catalog()
    assert load_rations()  # resources/planning/rations.toml, from the bundle
    monkeypatch.setattr(sys, "_MEIPASS", None)  # a freezer without _MEIPASS: beside the executable
    assert data_paths.bundle_root() == Path(sys.executable).resolve().parent
