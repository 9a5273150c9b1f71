"""The app's garbage-collector policy (ui/gc_policy.py), and the catch-up reads made in chunks
so that no single call holds the GIL long (issue 12, item 8): the same results as in one go."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from humanops.ui import gc_policy


@pytest.fixture(autouse=True)
def _nothing_frozen_after():
    yield
    gc_policy.unfreeze()  # a failed test leaves nothing frozen for the next


# --- the policy --------------------------------------------------------------------------------------
def test_frozen_once_the_workspace_is_drawn_and_unfrozen_when_it_closes(make_main_window, small_workspace_path,
                                                                          qtbot) -> None:
    gc_policy.unfreeze()
    window = make_main_window(small_workspace_path)
    qtbot.waitUntil(gc_policy.is_frozen, timeout=5_000)  # once idle for IDLE_DELAY_MS
    snapshot = window.canvas.snapshot("danger_zone")
    assert snapshot is not None
    assert all(o is not snapshot for o in gc.get_objects())  # frozen: out of the collector's walks
    window.close_workspace(ask=False)
    assert not gc_policy.is_frozen()
    assert not gc_policy.freeze_pending()


def test_a_closed_workspaces_objects_are_freed(make_main_window, small_workspace_path, qtbot) -> None:
    window = make_main_window(small_workspace_path)
    qtbot.waitUntil(gc_policy.is_frozen, timeout=5_000)
    drawn = [weakref.ref(s) for s in (window.canvas.snapshot(n) for n in window.workspace.layers()) if s is not None]
    assert len(drawn) == len(window.workspace.layers())
    window.close_workspace(ask=False)
    assert not gc_policy.is_frozen()

    def freed() -> bool:  # render jobs superseded by the close may still be ending
        gc.collect()  # what the freeze kept out of the walks is walked again: cycles among it freed too
        return all(ref() is None for ref in drawn)

    qtbot.waitUntil(freed, timeout=5_000)


def test_a_frozen_object_is_still_freed_by_reference_counting() -> None:
    class Held:
        pass

    held = Held()
    ref = weakref.ref(held)
    gc_policy.freeze_now()
    assert gc_policy.is_frozen()
    del held
    assert ref() is None


def test_a_workers_end_asks_for_a_freeze_done_only_when_idle(qtbot) -> None:
    from humanops.ui.workers import Worker

    gc_policy.unfreeze()
    before = gc_policy.freezes()
    worker = Worker(lambda feedback: 42, title="test")
    with qtbot.waitSignal(worker.finished, timeout=5_000):
        worker.start()
    assert gc_policy.freeze_pending()
    busy = [True]
    remove = gc_policy.add_idle_check(lambda: not busy[0])  # a canvas still drawing: no freeze yet
    try:
        qtbot.wait(gc_policy.IDLE_DELAY_MS * 2)
        assert gc_policy.freezes() == before and not gc_policy.is_frozen()
        busy[0] = False
        qtbot.waitUntil(gc_policy.is_frozen, timeout=5_000)
        assert gc_policy.freezes() == before + 1
    finally:
        remove()


def test_no_automatic_full_collection_from_a_workers_start_until_the_freeze_after_it(qtbot) -> None:
    from humanops.ui.workers import Worker

    gc_policy.unfreeze()
    own = gc.get_threshold()
    worker = Worker(lambda feedback: 42, title="test")
    with qtbot.waitSignal(worker.finished, timeout=5_000):
        worker.start()
        assert gc_policy.full_collections_paused()
        assert gc.get_threshold()[:2] == own[:2] and gc.get_threshold()[2] > 10**6
    assert gc_policy.full_collections_paused()  # the result is applied meanwhile: still none
    qtbot.waitUntil(gc_policy.is_frozen, timeout=5_000)
    assert not gc_policy.full_collections_paused() and gc.get_threshold() == own


def test_process_settings_are_installed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(gc_policy, "_installed", False)
    monkeypatch.setattr(sys, "getswitchinterval", lambda: 0.005)
    seen: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", seen.append)
    gc_policy.install_process_settings()
    gc_policy.install_process_settings()
    assert seen == [gc_policy.SWITCH_INTERVAL_S]


# --- chunked reads: the same results ---------------------------------------------------------------------
def test_the_catch_up_counts_the_change_log_in_chunks(small_workspace_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from shapely.geometry import Point

    from humanops.store.workspace import Workspace
    from humanops.ui.planning import trigger_watch

    with Workspace.open(small_workspace_path) as ws:
        since = ws.last_change_seq() - 5  # some of the fill's changes, then new ones
        for i in range(7):
            added = ws.add_feature("need", Point(36.1 + i * 0.001, 36.1), {"name": f"Site {i}", "population": 10})
            if i % 2:
                ws.update_feature("need", added.uuid, properties={"population": 20})
        log = ws.change_log(since)
        expected_features = Counter((layer, uuid) for _, layer, uuid in log)
        expected_layers = Counter(layer for _, layer, _ in log)
        monkeypatch.setattr(trigger_watch, "CHANGE_LOG_CHUNK", 3)
        caught = trigger_watch.count_changes(ws, since)
    assert len(log) > 3 * 2
    assert caught.per_feature == expected_features
    assert caught.per_layer == expected_layers
    assert caught.last_seq == log[-1][0] and caught.since == since


def test_feature_names_read_in_chunks_are_the_same(small_workspace_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from humanops.store.workspace import Workspace
    from humanops.ui import search_box

    with Workspace.open(small_workspace_path) as ws:
        kinds = [(ws.kind(n), ws.kind(n).title) for n in ws.layers() if "name" in ws.kind(n).field_names]
    whole = search_box.read_feature_names(small_workspace_path, kinds)
    monkeypatch.setattr(search_box, "NAME_CHUNK", 2)
    chunked = search_box.read_feature_names(small_workspace_path, kinds)
    assert len(whole.texts) >= 10
    assert chunked == whole


@pytest.mark.parametrize("kind", ["points", "lines", "areas"])
def test_an_overlay_drawn_in_slices_looks_the_same(kind: str, monkeypatch: pytest.MonkeyPatch, qapp) -> None:
    from humanops.ui.canvas import overlay_layers
    from humanops.viewmodel.map_view import MapView, lonlat_box_to_map

    rng = np.random.default_rng(3)
    n = 60
    # on a grid, apart: lines that overlap blend differently when split among paths, sliced or not
    x, y = 36.0 + 0.03 * (np.arange(n) % 10), 36.0 + 0.03 * (np.arange(n) // 10)
    points = shapely.points(x, y)
    geometry = {"points": points, "lines": shapely.linestrings(np.stack([np.stack([x, y], 1),
                                                                         np.stack([x + 0.015, y + 0.01], 1)], 1)),
                "areas": shapely.buffer(points, 0.01)}[kind]
    frame = gpd.GeoDataFrame({"_stroke": rng.choice(["#aa0000", "#0000aa"], n),
                              "_label": [f"R{i}" if i % 7 == 0 else "" for i in range(n)]},
                             geometry=geometry, crs=4326)
    view = MapView(0, 0, 1, 500, 400).fitted(*lonlat_box_to_map(35.98, 35.98, 36.34, 36.23))

    def drawn(slice_size: int) -> QImage:
        monkeypatch.setattr(overlay_layers, "DRAW_SLICE", slice_size)
        return overlay_layers.render_overlay(overlay_layers.Overlay("test", frame), view)

    whole, sliced = drawn(10_000), drawn(7)
    assert not whole.isNull() and whole.size() == sliced.size()
    assert whole == sliced
    assert whole != overlay_layers.render_overlay(overlay_layers.Overlay("empty", frame.iloc[:0]), view)


def test_style_groups_from_codes_match_grouping_the_keys() -> None:
    from humanops.ui.canvas import overlay_layers

    rng = np.random.default_rng(5)
    stroke, width = rng.choice(["#a00", "#00a", "#0a0"], 500), rng.choice([1.0, 2.5], 500)
    rows = np.sort(rng.choice(500, 200, replace=False))
    expected: dict[tuple, list[int]] = {}
    for position, row in enumerate(rows):  # by hand: positions by equal keys, groups by first row
        expected.setdefault((stroke[row], width[row]), []).append(position)
    groups = overlay_layers._groups(rows, overlay_layers._codes([stroke, width]))
    assert [g.tolist() for g in groups] == sorted(expected.values(), key=lambda g: g[0])
