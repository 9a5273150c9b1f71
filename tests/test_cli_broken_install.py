"""A command module or an operation module that cannot be imported is a broken install: the CLI
fails at once, loudly (one line naming the module and the log file, the traceback in the log),
never by leaving the commands out."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from humanops import cli, logs


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "log"))
    yield tmp_path / "log" / logs.LOG_FILE_NAME
    logs.stop_logging()


def test_a_command_module_missing_fails_every_command(monkeypatch, log_file, capsys):
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "shelters"))
    assert cli.main(["kinds"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ModuleNotFoundError" in err and "humanops.commands.shelters" in err
    assert str(log_file) in err
    logs.flush_log()
    text = log_file.read_text(encoding="utf-8")
    assert "the commands could not be loaded" in text and "Traceback" in text
    with pytest.raises(ModuleNotFoundError):
        cli.main(["--debug", "kinds"])


def test_an_operation_module_missing_is_an_error_not_an_unknown_operation():
    for call in ("registry.get('route')", "registry.operations()"):
        code = ("from humanops.analysis import registry\n"   # a fresh process: nothing registered yet
                "registry.OPERATION_MODULES = ('humanops.analysis.shelter_operations', *registry.OPERATION_MODULES)\n"
                f"{call}")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert result.returncode == 1
        assert "ModuleNotFoundError: No module named 'humanops.analysis.shelter_operations'" in result.stderr


def test_a_catalog_of_ones_own_without_danger_zones_is_not_a_broken_install(tmp_path):
    """What stays optional, and why: $HUMANOPS_LAYERS may name a response's own kinds, which need not
    include danger zones; the commands still load (exposure then offers no hazard choices), while a
    kind file that does not read stops them, as any broken install does."""
    from humanops.data_paths import layers_dir

    layers = tmp_path / "layers"
    layers.mkdir()
    for kind in layers_dir().glob("*.toml"):
        if kind.name != "danger_zone.toml":
            (layers / kind.name).write_bytes(kind.read_bytes())
    env = {**os.environ, "HUMANOPS_LAYERS": str(layers)}
    result = subprocess.run([sys.executable, "-m", "humanops.cli", "kinds"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "need" in result.stdout and "danger_zone" not in result.stdout
    (layers / "need.toml").write_text("name = [unclosed", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "humanops.cli", "--help"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 1 and "need.toml" in result.stderr and "internal error" not in result.stderr
