"""The command line never loads Qt: scripts and servers run it without a screen or Qt."""

from __future__ import annotations

import subprocess
import sys

from loaded_modules import QT, loaded_after


def test_importing_the_cli_loads_no_qt() -> None:
    loaded = loaded_after("import humanops.cli; humanops.cli.build_parser()", QT)
    assert not loaded, loaded


def test_app_command_refuses_a_missing_workspace_before_starting_qt(tmp_path) -> None:
    code = ("import sys, humanops.cli; rc = humanops.cli.main(['app', sys.argv[1]]); "
            "assert not any(m.startswith('PySide6') for m in sys.modules); sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "missing.gpkg")], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "no such workspace file" in result.stderr and "Traceback" not in result.stderr
