"""The one-folder app (packaging/humanops.spec) builds on this machine and runs without Python:
it draws the demo offscreen, answers --help, writes the demo, and finds its layer kinds and
resources inside itself (routing, aid planning, a briefing map, a signed and encrypted package
round trip).

The build is cached under build/package-cache/, keyed on its inputs (packaging/build_bundle.py):
a clean clone builds once (about a minute on two cores), a repeated run reuses it. Without
PyInstaller the build fails, and so do these tests: `make test` installs it (the package extra).
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "package-cache"
SCREENSHOT_SIZE = (1600, 1000)  # humanops.ui.app.SCREENSHOT_SIZE, what `demo --screenshot` saves

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The built folder (built now, or taken from the cache)."""
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--cache", str(CACHE),
                           "--json"], capture_output=True, text=True, timeout=850)
    assert done.returncode == 0, f"the package did not build:\n{done.stderr[-4000:]}"
    return Path(json.loads(done.stdout)["bundle"])


@pytest.fixture
def run_built(bundle: Path, tmp_path: Path):
    """Run the built executable as a user would: from another folder, with no layers or resources
    folder named (it must find its own), its settings and caches under tmp_path (the session's
    log folder and language, from conftest, are kept)."""
    unset = {"HUMANOPS_LAYERS", "HUMANOPS_RESOURCES", "HUMANOPS_WORKSPACE", "HUMANOPS_PASSPHRASE"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    home = tmp_path / "home"
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), USERPROFILE=str(home),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_STATE_HOME=str(home / "state"), XDG_DATA_HOME=str(home / "data"),
               HUMANOPS_DEMO_DIR=str(tmp_path / "demos"))
    executable = bundle / ("humanops.exe" if sys.platform == "win32" else "humanops")

    def run(*args: str, passphrase: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        extra = {"HUMANOPS_PASSPHRASE": passphrase} if passphrase else {}
        return subprocess.run([str(executable), *args], capture_output=True, text=True, timeout=timeout,
                              cwd=tmp_path, env={**env, **extra})

    return run


def _distinct_colours(png: Path) -> int:
    """Distinct colours on a 64 x 40 grid of samples over the picture."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), f"{png} is not a readable PNG"
    samples = {image.pixel(x * image.width() // 64, y * image.height() // 40) for x in range(64) for y in range(40)}
    return len(samples)


def test_the_built_app_draws_the_demo_offscreen(run_built, tmp_path) -> None:
    shot = tmp_path / "shot.png"
    done = run_built("demo", "--create", str(tmp_path / "demo.gpkg"), "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    assert _distinct_colours(shot) >= 40  # the map, its layers, panels: not a blank window


def test_the_built_cli_answers_help_and_writes_the_demo(run_built, tmp_path) -> None:
    done = run_built("--help")
    assert done.returncode == 0, done.stderr
    assert "usage: humanops" in done.stdout
    assert {"demo", "app", "package", "route", "plan"} <= set(done.stdout.split())
    demo = tmp_path / "demo.gpkg"
    done = run_built("demo", "--create", str(demo), "--json")
    assert done.returncode == 0, done.stderr
    layers = json.loads(done.stdout)["layers"]
    assert layers["need"]["count"] >= 300 and layers["road"]["count"] >= 5000
    info = json.loads(run_built("-w", str(demo), "info", "--json").stdout)
    assert info["layers"]["danger_zone"]["count"] == layers["danger_zone"]["count"]
    refused = run_built("-w", str(tmp_path / "missing.gpkg"), "info")
    assert refused.returncode == 1 and "missing.gpkg" in refused.stderr and "Traceback" not in refused.stderr


def test_the_built_app_finds_its_kinds_and_resources_inside_itself(bundle, run_built, tmp_path) -> None:
    internal = next(path.parent for path in bundle.rglob("layers") if (path / "danger_zone.toml").is_file())
    assert (internal / "resources" / "routing" / "speeds.toml").is_file()
    assert (internal / "resources" / "basemap" / "world_110m.gpkg").is_file()
    i18n = ROOT / "resources" / "i18n"
    for source in sorted(i18n.glob("*.ts")):  # translations go compiled
        assert (internal / "resources" / "i18n" / source.with_suffix(".qm").name).is_file()

    kinds = run_built("kinds")
    assert kinds.returncode == 0 and "danger_zone" in kinds.stdout, kinds.stderr
    demo = tmp_path / "demo.gpkg"
    assert run_built("demo", "--create", str(demo), "--with-partners").returncode == 0
    route = run_built("-w", str(demo), "route", "Valmora shelter 1", "Sudavi shelter 4", "--json")  # speeds.toml
    assert route.returncode == 0, route.stderr
    assert json.loads(route.stdout)["summary"]["routes"][0]["status"] == "ok"
    aid = run_built("-w", str(demo), "plan", "aid", "--no-save", "--json")  # rations.toml, OR-Tools
    assert aid.returncode == 0, aid.stderr
    assert json.loads(aid.stdout)["summary"]["shipments"] > 0

    briefing = tmp_path / "medaid.html"  # folium's templates, resources/leaflet/
    brief = run_built("-w", str(demo), "brief", "map", "--for", "medaid", "--out", str(briefing))
    assert brief.returncode == 0, brief.stderr
    assert "L.map" in briefing.read_text(encoding="utf-8")

    package = tmp_path / "to-medaid.hopx"
    sent = run_built("-w", str(demo), "package", "export", "--to", "medaid", "--out", str(package), "--full",
                     "--json", passphrase="kavera-demo")
    assert sent.returncode == 0, sent.stderr
    partner = tmp_path / "demo-partners" / "medaid.gpkg"
    received = run_built("-w", str(partner), "package", "import", str(package), "--json", passphrase="kavera-demo")
    assert received.returncode == 0, received.stderr
    assert json.loads(received.stdout)["verification"]["signature"] == "valid"


def test_the_folder_carries_its_icon_and_desktop_entry(bundle) -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive in a desktop entry
    entry.read(bundle / "humanops.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "humanops"
    assert desktop["Exec"].split()[:2] == ["humanops", "app"]
    from PySide6.QtGui import QImage

    icon = QImage(str(bundle / "humanops.png"))
    assert (icon.width(), icon.height()) == (256, 256)
    assert _distinct_colours(bundle / "humanops.png") >= 4


def _build_bundle_module():
    spec = importlib.util.spec_from_file_location("build_bundle", ROOT / "packaging" / "build_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_cache_builds_once_per_inputs_and_keeps_only_the_latest(monkeypatch, tmp_path) -> None:
    build_bundle = _build_bundle_module()
    builds: list[Path] = []

    def fake_build(dist: Path, work: Path) -> Path:  # what PyInstaller leaves: dist/humanops/<exe>
        builds.append(dist)
        work.mkdir(parents=True)
        exe = build_bundle.executable_in(dist / "humanops")
        exe.parent.mkdir(parents=True)
        exe.write_text("built", encoding="utf-8")
        return exe

    monkeypatch.setattr(build_bundle, "build", fake_build)
    monkeypatch.setattr(build_bundle, "input_key", lambda: "aaaa")
    cache = tmp_path / "cache"
    first, cached = build_bundle.cached_build(cache)
    assert not cached and first == build_bundle.executable_in(cache / "aaaa" / "humanops") and first.is_file()
    again, cached = build_bundle.cached_build(cache)
    assert cached and again == first and len(builds) == 1
    assert not (cache / "aaaa" / "work").exists()  # PyInstaller's work folder is not kept

    (first.parent / build_bundle.COMPLETE).unlink()  # a build cut short is built again
    _, cached = build_bundle.cached_build(cache)
    assert not cached and len(builds) == 2

    monkeypatch.setattr(build_bundle, "input_key", lambda: "bbbb")  # the sources changed
    other, cached = build_bundle.cached_build(cache)
    assert not cached and other.is_file()
    assert sorted(path.name for path in cache.iterdir()) == ["bbbb"]


def test_the_build_key_follows_the_sources(monkeypatch, tmp_path) -> None:
    build_bundle = _build_bundle_module()
    for folder in build_bundle.INPUT_DIRS:
        (tmp_path / folder).mkdir()
    (tmp_path / "humanops" / "cli.py").write_text("print('one')\n", encoding="utf-8")
    monkeypatch.setattr(build_bundle, "ROOT", tmp_path)
    before = build_bundle.input_key()
    (tmp_path / "humanops" / "__pycache__").mkdir()
    (tmp_path / "humanops" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0")
    assert build_bundle.input_key() == before  # bytecode is not an input
    (tmp_path / "humanops" / "cli.py").write_text("print('two')\n", encoding="utf-8")
    assert build_bundle.input_key() != before
