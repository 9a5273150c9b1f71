"""What a fresh interpreter has loaded after running a few statements: for the tests that keep
Qt (or the UI) out of a package, which must look at a process that imported nothing else."""

from __future__ import annotations

import json
import subprocess
import sys

QT = ("PySide6", "shiboken6")
QT_OR_UI = (*QT, "humanops.ui")


def loaded_after(statements: str, prefixes: tuple[str, ...] = QT_OR_UI, timeout: float = 120) -> list[str]:
    """The modules named with one of ``prefixes`` that are loaded once ``statements`` ran in a
    new interpreter (its failure fails the caller's test with its error)."""
    listing = f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))"
    code = f"import json, sys\n{statements}\n{listing}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
