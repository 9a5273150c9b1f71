"""Closing a workspace lets go of it: nothing the window started (the layer counts' worker, whose
connections outlive it) keeps the closed Workspace object, and with it its connection, alive."""

from __future__ import annotations

import gc
import weakref


def test_the_closed_workspace_is_released(make_main_window, small_workspace_path, qtbot) -> None:
    window = make_main_window(small_workspace_path)
    qtbot.waitUntil(lambda: not window.layers_panel.is_counting(), timeout=10_000)
    opened = weakref.ref(window.workspace)
    window.close_workspace(ask=False)

    def released() -> bool:  # workers superseded by the close may still be ending
        gc.collect()
        return opened() is None

    qtbot.waitUntil(released, timeout=5_000)
