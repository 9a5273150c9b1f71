"""A layer as the canvas holds it (humanops.viewmodel.layers.layer_data), without Qt: a snapshot
made from read columns (rows without a geometry left out, points projected, classes, marker sizes,
corridor bands), its per-feature lookups, the time and marking filter masks, the snapshots a later
stage, an edit or a pan makes, and the bounds on what it keeps."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
import shapely
from loaded_modules import loaded_after

from humanops.catalog import LayerKind, load_catalog
from humanops.store.layer_columns import LayerColumns
from humanops.viewmodel.layers import layer_data
from humanops.viewmodel.layers.layer_data import (
    SIMPLIFY_BUCKETS_KEPT,
    BufferCache,
    LayerSnapshot,
    empty_snapshot,
    metric_buffers,
    snapshot_from_columns,
)
from humanops.viewmodel.layers.layer_stages import column_types, detail_columns, drawing_columns, whole_columns
from humanops.viewmodel.map_view import WORLD_HALF, lonlat_box_to_map

CATALOG = load_catalog()
NEED: LayerKind = CATALOG["need"]
ZONE: LayerKind = CATALOG["danger_zone"]
CORRIDOR: LayerKind = CATALOG["corridor"]


def _needs(xy: list[tuple[float, float]], **values: Any) -> LayerSnapshot:
    n = len(xy)
    columns = {"uuid": np.array([f"n{i}" for i in range(n)], dtype=object),
               "version": np.arange(1, n + 1, dtype=float), **values}
    return snapshot_from_columns(NEED, LayerColumns(np.arange(1, n + 1), np.array(xy, dtype=float), None,
                                                    columns), revision=1)


def _zones(shapes: list[Any], **values: Any) -> LayerSnapshot:
    n = len(shapes)
    columns = {"uuid": np.array([f"z{i}" for i in range(n)], dtype=object),
               "version": np.ones(n), **values}
    return snapshot_from_columns(ZONE, LayerColumns(np.arange(10, 10 + n), None, np.array(shapes, dtype=object),
                                                    columns), revision=1)


def _square(lon: float, lat: float, side: float = 0.1) -> shapely.MultiPolygon:
    return shapely.MultiPolygon([shapely.box(lon, lat, lon + side, lat + side)])


# --- made from columns --------------------------------------------------------------------------
def test_points_without_coordinates_are_left_out_and_the_rest_stay_aligned() -> None:
    snapshot = _needs([(0.0, 0.0), (np.nan, np.nan), (180.0, 0.0)],
                      severity_phase=np.array([1.0, 2.0, 5.0]), population=np.array([0.0, 10.0, 20_000.0]))
    assert len(snapshot) == 2 and snapshot.is_points
    assert snapshot.uuids.tolist() == ["n0", "n2"] and snapshot.fids.tolist() == [1, 3]
    assert snapshot.versions.tolist() == [1, 3]
    assert snapshot.attrs["severity_phase"].tolist() == [1.0, 5.0]
    assert snapshot.point_xy == pytest.approx(np.array([[0.0, 0.0], [WORLD_HALF, 0.0]]), abs=1e-6)  # Web Mercator
    assert snapshot.total_bounds_lonlat() == (0.0, 0.0, 180.0, 0.0)


def test_classes_and_marker_sizes_follow_the_kind_file() -> None:
    # need: classified by severity_phase (classes "1".."5"), area scaled by population up to 20,000
    snapshot = _needs([(0, 0)] * 5, severity_phase=np.array([3.0, np.nan, 5.0, 1.0, 9.0]),
                      population=np.array([20_000.0, 5_000.0, 0.0, np.nan, 80_000.0]))
    assert snapshot.class_index.tolist() == [3, 0, 5, 1, 0]  # NULL and an unknown class: the base symbol
    assert len(snapshot.symbols) == 1 + len(NEED.style.classes)
    assert snapshot.marker_sizes == pytest.approx([26.0, 4.0 + 22.0 * 0.5, 4.0, 4.0, 26.0])


def test_areas_without_a_shape_are_left_out_and_labels_are_their_names() -> None:
    shapes = [_square(10, 10), None, shapely.MultiPolygon(), _square(11, 10), _square(12, 10)]
    snapshot = _zones(shapes, name=np.array(["Front line", "x", "y", "   ", None], dtype=object),
                      severity=np.array([4.0, 1.0, 1.0, 2.0, np.nan]))
    assert snapshot.uuids.tolist() == ["z0", "z3", "z4"] and not snapshot.is_points
    assert snapshot.labels.tolist() == ["Front line", None, None]  # blank and NULL: no label
    assert snapshot.has_label.tolist() == [True, False, False]
    assert snapshot.class_index.tolist() == [4, 2, 0]
    assert snapshot.total_bounds_lonlat() == pytest.approx((10.0, 10.0, 12.1, 10.1))
    assert shapely.is_ccw(shapely.get_exterior_ring(shapely.get_geometry(snapshot.geoms, 0))).all()  # oriented


def test_an_empty_layer_answers_everything_empty() -> None:
    snapshot = empty_snapshot(ZONE, revision=3)
    assert len(snapshot) == 0 and snapshot.revision == 3
    assert snapshot.total_bounds_lonlat() is None
    assert snapshot.rows_in_box(-1e9, -1e9, 1e9, 1e9).tolist() == []
    assert snapshot.label_anchors.shape == (0, 2)
    assert set(whole_columns(ZONE)) <= set(snapshot.attrs.columns)


def test_a_corridor_is_drawn_on_its_band_of_its_width() -> None:
    line = shapely.LineString([(0.0, 0.0), (0.01, 0.0)])  # about 1.1 km along the equator
    columns = {"uuid": np.array(["c0", "c1"], dtype=object), "version": np.array([1.0, 1.0]),
               "width_m": np.array([1000.0, np.nan])}
    snapshot = snapshot_from_columns(CORRIDOR, LayerColumns(np.array([1, 2]), None,
                                                            np.array([line, line], dtype=object), columns), 1)
    band, none = snapshot.bands
    assert none is None
    _, miny, _, maxy = shapely.bounds(band)
    assert (miny, maxy) == pytest.approx((-500.0, 500.0), rel=0.01)  # half the width each side, in metres
    # A click on the band hits the corridor; its drawn extent is the band, the line where there is none.
    assert snapshot.rows_in_box(500.0, 400.0, 501.0, 401.0).tolist() == [0]
    assert shapely.equals(snapshot.extents[1], snapshot.geoms[1])


def test_bands_are_made_once_a_feature_version_and_the_oldest_dropped_past_the_bound(monkeypatch) -> None:
    made: list[int] = []

    def counting(lonlat: np.ndarray, widths: np.ndarray) -> np.ndarray:
        made.append(len(lonlat))
        return metric_buffers(lonlat, widths)

    monkeypatch.setattr(layer_data, "metric_buffers", counting)
    cache = BufferCache(limit=2)
    lines = np.array([shapely.LineString([(i, 0), (i + 0.01, 0)]) for i in range(3)], dtype=object)
    widths = np.array([100.0, 100.0, 100.0])

    def bands(rows: list[int], versions: list[int]) -> np.ndarray:
        return cache.bands(np.array([f"c{r}" for r in rows], dtype=object), np.array(versions),
                           lines[rows], widths[rows])

    first = bands([0, 1], [1, 1])
    assert made == [2]
    assert bands([0, 1], [1, 1])[0] is first[0] and made == [2]  # held: not made again
    bands([1], [2])  # a new version of c1: made; c0 (the oldest) dropped past the bound of 2
    assert made == [2, 1]
    bands([0], [1])
    assert made == [2, 1, 1]


# --- per-feature lookups ------------------------------------------------------------------------
def test_rows_are_found_by_uuid_and_by_box() -> None:
    snapshot = _needs([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)])
    assert snapshot.row_of["n2"] == 2 and snapshot.row_of.get("nope") is None and "n1" in snapshot.row_of
    with pytest.raises(KeyError):
        snapshot.row_of["nope"]
    assert snapshot.rows_for(["n2", "nope", "n0"]).tolist() == [0, 2]  # ascending, the unknown left out
    assert snapshot.rows_in_lonlat_box((0.5, 0.5, 2.5, 2.5)).tolist() == [1, 2]
    assert snapshot.rows_in_box(*lonlat_box_to_map(-0.1, -0.1, 0.1, 0.1)).tolist() == [0]
    assert snapshot.uuids_of(np.array([2, 0])) == ["n2", "n0"]


def test_uuids_not_read_yet_are_looked_up_through_the_resolver() -> None:
    asked: list[list[int]] = []

    def resolve(fids: np.ndarray) -> list:
        asked.append(fids.tolist())
        return [f"store-{f}" for f in fids.tolist()]

    columns = LayerColumns(np.array([7, 8, 9]), np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]), None,
                           {"severity_phase": np.array([1.0, 2.0, 3.0])})
    snapshot = snapshot_from_columns(NEED, columns, 1, whole=False, resolve_uuids=resolve)
    assert not snapshot.identity_known and snapshot.uuids.tolist() == [None, None, None]
    assert snapshot.details_known is not None and not snapshot.details_known.any()
    assert snapshot.uuids_of(np.array([2, 0])) == ["store-9", "store-7"]
    assert asked == [[9, 7]]


# --- the time and marking filter masks ----------------------------------------------------------
def test_features_are_valid_within_their_window_open_ends_open() -> None:
    snapshot = _zones([_square(0, 0), _square(1, 0), _square(2, 0), _square(3, 0)],
                      valid_from=np.array(["2024-01-01T00:00:00Z", None, "2024-03-01T00:00:00+02:00", None],
                                          dtype=object),
                      valid_until=np.array(["2024-01-31T00:00:00Z", "2024-02-01T00:00:00Z", None, None],
                                           dtype=object))

    def at(stamp: str) -> list[bool]:
        valid = snapshot.valid_at(pd.Timestamp(stamp).value)
        assert valid is not None
        return valid.tolist()

    assert at("2024-01-15T00:00:00Z") == [True, True, False, True]
    assert at("2024-01-31T00:00:00Z") == [True, True, False, True]  # both ends count
    assert at("2024-01-31T00:00:00.000001Z") == [False, True, False, True]
    assert at("2024-02-15T00:00:00Z") == [False, False, False, True]
    assert at("2024-02-29T22:00:00Z") == [False, False, True, True]  # 1 March at +02:00 is 22:00 UTC
    assert at("2024-02-29T21:59:59Z") == [False, False, False, True]
    assert snapshot.valid_at(None) is None  # no time filter: all
    assert _needs([(0, 0)]).valid_at(0) is None  # a kind without a time window: all


def test_the_marking_filter_is_asked_once_per_key_and_only_about_markings_read() -> None:
    tlp = pd.Categorical(["GREEN", "RED", "AMBER"])
    columns = LayerColumns(np.array([1, 2, 3]), np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]), None,
                           {"uuid": np.array(["a", "b", "c"], dtype=object), "version": np.ones(3),
                            "tlp": tlp, "originator": pd.Categorical(["ngo", "ngo", "un"])})
    snapshot = snapshot_from_columns(NEED, columns, 1)
    asked: list[tuple[str, list, list, list]] = []

    def may_go(layer: str, frame: Any) -> np.ndarray:
        asked.append((layer, frame["uuid"].tolist(), frame["tlp"].tolist(), list(frame.geometry.x)))
        assert frame["tlp"].dtype == object  # markings as text, as the store gives them
        return (frame["tlp"] != "RED").to_numpy()

    assert snapshot.marking_ok("to:UN", None) is None  # no filter: nothing faded
    assert snapshot.marking_ok("to:UN", may_go).tolist() == [True, False, True]
    assert snapshot.marking_ok("to:UN", may_go).tolist() == [True, False, True]
    assert asked == [("need", ["a", "b", "c"], ["GREEN", "RED", "AMBER"], [0.0, 1.0, 2.0])]  # asked once
    snapshot.marking_ok("to:NGO", may_go)
    assert len(asked) == 2  # another recipient: asked again
    assert snapshot.tlps(np.array([2, 1])).tolist() == ["AMBER", "RED"]

    # Rows whose markings are not read yet are never shown as sendable on a guess.
    partial = LayerSnapshot(**{**snapshot.__dict__, "_cache": {}, "details_known": np.array([True, False, True])})
    asked.clear()
    assert partial.marking_ok("to:UN", may_go).tolist() == [True, False, True]
    assert asked[0][1] == ["a", "c"]

    with pytest.raises(ValueError, match=r"\(2,\) answers for 3 features"):
        snapshot.marking_ok("short", lambda layer, frame: np.ones(2, dtype=bool))


def test_tlps_are_blank_where_markings_are_not_read() -> None:
    assert _needs([(0, 0), (1, 1)]).tlps(np.array([0, 1])).tolist() == ["", ""]


# --- later stages, edits, pans: the next snapshot -----------------------------------------------
def test_the_identity_stage_fills_uuids_and_drops_features_deleted_since() -> None:
    columns = LayerColumns(np.array([7, 8, 9]), np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]), None,
                           {"severity_phase": np.array([1.0, 2.0, 3.0])})
    first = snapshot_from_columns(NEED, columns, 1, whole=False)
    identity = LayerColumns(np.array([9, 7]), None, None,
                            {"uuid": np.array(["u9", "u7"], dtype=object), "version": np.array([4.0, 2.0])})
    second = first.with_identity(identity, revision=2)
    assert second.identity_known and second.revision == 2
    assert second.uuids.tolist() == ["u7", "u9"] and second.versions.tolist() == [2, 4]
    assert second.fids.tolist() == [7, 9] and second.attrs["severity_phase"].tolist() == [1.0, 3.0]
    assert first.uuids.tolist() == [None, None, None]  # the first is never changed


def test_an_edit_replaces_adds_and_removes_rows_keeping_markings_compact() -> None:
    base = _needs([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)], tlp=pd.Categorical(["GREEN", "AMBER", "RED"]))
    fresh = snapshot_from_columns(NEED, LayerColumns(
        np.array([2, 9]), np.array([[5.0, 5.0], [6.0, 6.0]]), None,
        {"uuid": np.array(["n1", "new"], dtype=object), "version": np.array([2.0, 1.0]),
         "tlp": pd.Categorical(["CLEAR", "AMBER"])}), revision=2)
    edited = base.patched(fresh, removed=["n2"], revision=2)
    assert edited.uuids.tolist() == ["n0", "n1", "new"]
    assert edited.versions.tolist() == [1, 2, 1]
    assert edited.lonlat.xy.tolist() == [[0.0, 0.0], [5.0, 5.0], [6.0, 6.0]]
    assert isinstance(edited.attrs["tlp"].dtype, pd.CategoricalDtype)  # not a column of strings
    assert edited.attrs["tlp"].tolist() == ["GREEN", "CLEAR", "AMBER"]
    assert edited.row_of["new"] == 2
    assert len(base) == 3 and base.uuids.tolist() == ["n0", "n1", "n2"]


def test_details_past_their_bound_are_forgotten_outside_the_last_box_shown() -> None:
    xy = [(0.0, 0.0), (0.1, 0.0), (10.0, 0.0), (10.1, 0.0), (20.0, 0.0)]
    columns = LayerColumns(np.arange(1, 6), np.array(xy), None,
                           {"uuid": np.array([f"n{i}" for i in range(5)], dtype=object), "version": np.ones(5)})
    snapshot = snapshot_from_columns(NEED, columns, 1, whole=False)
    west, east = (-1.0, -1.0, 1.0, 1.0), (9.0, -1.0, 11.0, 1.0)

    def details(fids: list[int], tlps: list[str]) -> LayerColumns:
        return LayerColumns(np.array(fids), None, None, {"tlp": pd.Categorical(tlps)})

    first = snapshot.with_details(details([1, 2], ["RED", "GREEN"]), west, 2, kept_rows=3)
    assert first.details_known.tolist() == [True, True, False, False, False]
    assert first.details_cover((-0.5, -0.5, 0.5, 0.5)) and not first.details_cover(east)
    second = first.with_details(details([3, 4], ["AMBER", "AMBER"]), east, 3, kept_rows=3)
    # four features' details would be held, past the bound of three: the west box is forgotten
    assert second.details_boxes == (east,)
    assert second.details_known.tolist() == [False, False, True, True, False]
    assert second.tlps(np.arange(5)).tolist() == ["", "", "AMBER", "AMBER", ""]
    assert not second.details_cover(west)
    roomy = first.with_details(details([3, 4], ["AMBER", "AMBER"]), east, 3, kept_rows=10)
    assert roomy.details_boxes == (west, east) and roomy.details_known.tolist()[:4] == [True] * 4


def test_areas_read_by_extent_are_dropped_past_their_bound_but_the_selection_stays() -> None:
    def read(lons: list[float], first_fid: int) -> LayerSnapshot:
        n = len(lons)
        columns = LayerColumns(np.arange(first_fid, first_fid + n), None,
                               np.array([_square(lon, 0.0, 0.05) for lon in lons], dtype=object),
                               {"uuid": np.array([f"z{first_fid + i}" for i in range(n)], dtype=object),
                                "version": np.ones(n)})
        return snapshot_from_columns(ZONE, columns, 1)

    west, east = (-1.0, -1.0, 1.0, 1.0), (9.0, -1.0, 11.0, 1.0)
    held = read([0.0, 0.5], 1)
    held.extent_boxes = (west,)
    assert held.extent_covers((-0.5, -0.5, 0.5, 0.5)) and not held.extent_covers(east)
    panned = held.with_extent(read([10.0, 10.5], 3), east, revision=2, kept_rows=3, keep_uuids=["z2"])
    # four held past the bound of three: the west box is dropped, all but the selected z2
    assert sorted(panned.uuids.tolist()) == ["z2", "z3", "z4"]
    assert panned.extent_boxes == (east,)
    again = panned.with_extent(read([10.0, 10.5], 3), east, revision=3, kept_rows=3)
    assert sorted(again.uuids.tolist()) == ["z2", "z3", "z4"]  # a read of what is held adds nothing
    whole = held.with_extent(read([10.0, 10.5], 3), east, revision=2, kept_rows=10)
    assert len(whole) == 4 and whole.extent_boxes == (west, east)


# --- caches and their bounds --------------------------------------------------------------------
def test_simplified_shapes_are_kept_for_the_last_few_zoom_buckets_only() -> None:
    snapshot = _zones([_square(0, 0, 1.0)])
    first = snapshot.simplified(3)
    assert snapshot.simplified(3) is first  # made once
    for bucket in range(4, 4 + SIMPLIFY_BUCKETS_KEPT):
        snapshot.simplified(bucket)
    assert snapshot.simplified(3) is not first  # dropped past the bound, made again
    needs = _needs([(0, 0)])
    assert needs.simplified(3) is needs.geoms  # points are not simplified


def test_clustered_rows_are_one_read_only_array_a_key_the_last_two_kept() -> None:
    snapshot = _needs([(0, 0), (1, 1)])
    made: list[int] = []

    def rows(key: int) -> np.ndarray:
        return snapshot.clustered_rows_for((key,), lambda: made.append(key) or np.array([0, 1]))

    first = rows(1)
    assert rows(1) is first and not first.flags.writeable and made == [1]
    with pytest.raises(ValueError):
        first[0] = 5
    rows(2)
    rows(3)
    assert rows(1) is not first and made == [1, 2, 3, 1]


def test_a_later_snapshot_keeps_the_spatial_index_of_the_same_shapes() -> None:
    columns = LayerColumns(np.array([1, 2]), np.array([[0.0, 0.0], [1.0, 1.0]]), None,
                           {"severity_phase": np.array([1.0, 2.0])})
    first = snapshot_from_columns(NEED, columns, 1, whole=False)
    tree = first.tree
    identity = LayerColumns(np.array([1, 2]), None, None,
                            {"uuid": np.array(["a", "b"], dtype=object), "version": np.ones(2)})
    assert first.with_identity(identity, 2).tree is tree


# --- which columns are read ---------------------------------------------------------------------
def test_the_columns_read_are_those_the_map_needs() -> None:
    assert drawing_columns(NEED) == ["severity_phase", "population"]
    assert drawing_columns(ZONE) == ["severity", "valid_from", "valid_until"]
    assert detail_columns(ZONE) == ["name", "originator", "tlp", "releasable_to", "caveats", "expires",
                                    "precision"]
    assert whole_columns(CORRIDOR)[:2] == ["status", "width_m"]
    types = column_types(ZONE, whole_columns(ZONE))
    assert types["severity"] == "float" and types["version"] == "float"
    assert types["tlp"] == "category" and types["originator"] == "category"
    assert types["name"] == "object" and types["uuid"] == "object"


def test_the_layer_modules_load_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel.layers.layer_data, humanops.viewmodel.layers.point_clusters, "
                       "humanops.viewmodel.layers.overview_grid, humanops.viewmodel.layers.layer_stages")
    assert not bad, bad
