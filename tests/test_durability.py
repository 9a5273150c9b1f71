"""A crash (SIGKILL) in the middle of a stream of edits loses at most the edit in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from humanops.store.checks import validate_workspace
from humanops.store.workspace import Workspace

WRITER = textwrap.dedent("""
    import sys
    from shapely.geometry import Point
    from humanops.store.workspace import Workspace
    ws = Workspace.open(sys.argv[1])
    i = 0
    while True:
        f = ws.add_feature("need", Point(30 + i * 1e-4, 10), {"name": f"n{i}", "population": i})
        if i % 3 == 2:
            ws.update_feature("need", f.uuid, properties={"population": i + 1})
        print(f.uuid, flush=True)  # printed only after the commit returned
        i += 1
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_stream_keeps_every_committed_edit(tmp_path):
    path = tmp_path / "ws.gpkg"
    Workspace.create(path, organisation="ocha").close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    committed = []
    assert proc.stdout is not None
    while len(committed) < 60:
        line = proc.stdout.readline()
        assert line, "writer died early"
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Workspace.open(path) as ws:
        stored = set(ws.read_layer("need")["uuid"])
        assert set(committed) <= stored
        assert len(stored) <= len(committed) + 1  # at most the edit in flight beyond what we saw
        report = validate_workspace(ws)
        assert report.ok, report.summary()
        versions = {u: ws.get_feature("need", u).version for u in committed[:9]}
        assert [versions[u] for u in committed[:9]] == [1, 1, 2] * 3
