"""Files the app's window saves go through humanops.store.atomic_files too (tests/test_atomic_files.py
covers the helper and the library writers the dialogs call): here the screenshot, whose writer
is Qt's own image writer."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from humanops.store import atomic_files

PREVIOUS = b"the previous screenshot\n"


def test_the_screenshot_is_written_through_the_helper(qapp, small_workspace_path: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from humanops.ui.app import save_screenshot

    out = tmp_path / "shot.png"
    out.write_bytes(PREVIOUS)
    calls: list[Path] = []

    def fail(path: Path, *, folder: bool = False) -> None:
        calls.append(path)
        raise OSError(errno.EIO, "simulated I/O error", str(path))

    with monkeypatch.context() as patch:
        patch.setattr(atomic_files, "_fsync_path", fail)
        with pytest.raises(OSError, match="simulated I/O error"):
            save_screenshot(small_workspace_path, out, size=(800, 600))
    assert calls and out.read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.png", "small.gpkg"]  # no temporary left
    save_screenshot(small_workspace_path, out, size=(800, 600))
    image = QImage(str(out))  # a complete PNG, from the temporary file named like the target
    assert not image.isNull() and image.width() >= 800
