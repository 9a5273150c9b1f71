"""A dense point layer's clusters are made once for a view and shared by the layer's render and
the labels (which keep clear of its discs): the same clusters as made afresh, made once even when
both ask at the same time, and never taken for other rows or another snapshot."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from humanops.catalog import load_catalog
from humanops.store.layer_columns import LayerColumns
from humanops.viewmodel.layers import point_clusters
from humanops.viewmodel.layers.layer_data import snapshot_from_columns
from humanops.viewmodel.map_view import MapView


@pytest.fixture
def needs():
    kind = load_catalog()["need"]
    rng = np.random.default_rng(4)
    n = 30_000
    xy = np.column_stack([rng.uniform(36.0, 36.3, n), rng.uniform(36.0, 36.2, n)])
    columns = LayerColumns(np.arange(1, n + 1), xy, None, {
        "severity_phase": rng.integers(1, 6, n).astype(float), "population": rng.integers(10, 9000, n).astype(float)})
    snapshot = snapshot_from_columns(kind, columns, 1, whole=False)
    xs, ys = snapshot.point_xy[:, 0], snapshot.point_xy[:, 1]
    view = MapView(float(xs.mean()), float(ys.mean()), float(np.ptp(xs)) / 350, 400, 250)  # all 30,000 in view
    return snapshot, view


def _clusters(snapshot, rows, view):
    return point_clusters.cluster_points(snapshot.point_xy, rows, snapshot.class_index[rows],
                                         point_clusters.cell_size(view), ordered=True)


def _same(a, b) -> None:
    assert np.array_equal(a.centre, b.centre) and np.array_equal(a.count, b.count)
    assert np.array_equal(a.class_index, b.class_index) and np.array_equal(a.row_cluster, b.row_cluster)


def test_the_render_and_the_labels_share_one_grid(needs, monkeypatch) -> None:
    snapshot, view = needs
    made = []
    real = point_clusters._made_grid
    monkeypatch.setattr(point_clusters, "_made_grid", lambda *a: made.append(1) or real(*a))
    rows = point_clusters.clustered_rows(snapshot, view, None)
    assert rows is not None and not rows.flags.writeable
    assert point_clusters.clustered_rows(snapshot, view, None) is rows  # the same array for the same view
    first = _clusters(snapshot, rows, view)
    again = _clusters(snapshot, rows, view)
    assert len(made) == 1
    _same(first, again)
    fresh = _clusters(snapshot, rows.copy(), view)  # a writeable copy: made afresh, the same clusters
    assert len(made) == 2
    _same(first, fresh)
    # another snapshot of the same points (a later stage, an edit): its own grid
    other = snapshot_from_columns(snapshot.kind, LayerColumns(snapshot.fids, snapshot.lonlat.xy.copy(), None,
                                                              dict(snapshot.attrs.items())), 2, whole=False)
    _clusters(other, point_clusters.clustered_rows(other, view, None), view)
    assert len(made) == 3


def test_asked_at_once_it_is_made_once(needs, monkeypatch) -> None:
    snapshot, view = needs
    made = []
    real = point_clusters._made_grid

    def slow(*args):
        made.append(1)
        time.sleep(0.2)
        return real(*args)

    monkeypatch.setattr(point_clusters, "_made_grid", slow)
    rows = point_clusters.clustered_rows(snapshot, view, None)
    found = []
    threads = [threading.Thread(target=lambda: found.append(_clusters(snapshot, rows, view))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(made) == 1 and len(found) == 2
    _same(*found)
