"""The dependency direction of DESIGN.md holds, and the CLI never loads Qt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from loaded_modules import QT, loaded_after

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is a test dependency"
    proc = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_cli_and_engine_load_no_qt():
    bad = loaded_after("import humanops.cli; humanops.cli.build_parser(); import humanops.store.workspace", QT)
    assert not bad, bad


def test_the_tree_is_ruff_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a test dependency"
    proc = subprocess.run([ruff, "check", "humanops", "tests", "benchmarks", "packaging"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_the_extension_example_imports_resolve():
    """Every ``from X import Y`` in humanops/ui/extensions.py's example names a module and a name
    that exist, so a newcomer copying it gets working code (it once imported a dialog that did not)."""
    import importlib
    import re

    import humanops.ui.extensions as extensions

    imports = re.findall(r"^\s*from ([\w.]+) import ([\w, ]+?)\s*(?:#.*)?$", extensions.__doc__ or "", re.MULTILINE)
    assert len(imports) >= 4, imports  # the example is still there
    for module_name, names in imports:
        module = importlib.import_module(module_name)
        for name in (n.strip() for n in names.split(",")):
            assert hasattr(module, name), f"{module_name} has no {name}"
