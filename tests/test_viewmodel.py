"""The Qt-free view models (humanops.viewmodel): the layer list and the selection, alone."""

from __future__ import annotations

from typing import Any

import pytest
from loaded_modules import loaded_after

from humanops.viewmodel import Event, LayerList, Selection


def recorder(event: Event) -> list[tuple[Any, ...]]:
    seen: list[tuple[Any, ...]] = []
    event.connect(lambda *args: seen.append(args))
    return seen


# --- the observer ---------------------------------------------------------------------------------
def test_event_calls_in_order_and_disconnects() -> None:
    event = Event()
    calls: list[str] = []
    event.connect(lambda x: calls.append(f"a{x}"))
    disconnect_b = event.connect(lambda x: calls.append(f"b{x}"))
    event.emit(1)
    disconnect_b()
    disconnect_b()  # twice: harmless
    event.emit(2)
    assert calls == ["a1", "b1", "a2"]
    assert len(event) == 1


def test_a_callback_may_disconnect_itself_while_called() -> None:
    event = Event()
    calls: list[str] = []
    disconnect: list[Any] = []

    def once() -> None:
        calls.append("once")
        disconnect[0]()
    disconnect.append(event.connect(once))
    event.connect(lambda: calls.append("always"))
    event.emit()
    event.emit()
    assert calls == ["once", "always", "always"]


# --- the layer list -------------------------------------------------------------------------------
def test_order_changes_keep_unnamed_layers_below() -> None:
    layers = LayerList()
    order = recorder(layers.orderChanged)
    layers.set_layers(["road", "need", "zone"])
    layers.set_order(["zone", "road", "nonexistent"])
    assert layers.names() == ["need", "zone", "road"]
    assert order == [(["need", "zone", "road"],)]
    assert layers.top_first() == ["road", "zone", "need"]
    layers.set_order(["zone", "road"])  # the same order again: no event
    assert len(order) == 1


def test_visibility_events_only_on_change() -> None:
    layers = LayerList()
    layers.set_layers(["road", "need"])
    seen = recorder(layers.visibilityChanged)
    assert layers.is_visible("road")
    assert layers.set_visible("road", False)
    assert not layers.set_visible("road", False)
    assert layers.set_visible("road", True)
    assert seen == [("road", False), ("road", True)]
    layers.set_visible("need", False)
    assert layers.top_first(visible_only=True) == ["road"]


def test_visibility_and_opacity_outlive_a_new_workspace() -> None:
    layers = LayerList()
    layers.set_layers(["road", "need"])
    layers.set_visible("need", False)
    layers.set_opacity("road", 0.4)
    reset = recorder(layers.layersReset)
    layers.set_layers(["need", "zone"])
    assert reset == [(["need", "zone"],)]
    assert not layers.is_visible("need") and layers.is_visible("zone")
    assert layers.opacity("road") == pytest.approx(0.4) and layers.opacity("zone") == 1.0
    assert "road" not in layers and "zone" in layers


def test_opacity_is_clamped_and_announced_once() -> None:
    layers = LayerList()
    seen = recorder(layers.opacityChanged)
    assert layers.set_opacity("tiles", 1.7)  # names outside the order (MBTiles sources) too
    assert layers.opacity("tiles") == 1.0
    assert layers.set_opacity("tiles", -2)
    assert not layers.set_opacity("tiles", 0.0)
    assert seen == [("tiles", 1.0), ("tiles", 0.0)]
    layers.forget("tiles")
    assert layers.opacity("tiles") == 1.0 and layers.is_visible("tiles")


# --- the selection --------------------------------------------------------------------------------
def test_a_new_feature_becomes_the_only_selection() -> None:
    selection = Selection()
    selection.apply({"need": {"n1", "n2"}, "zone": {"z1"}})
    seen = recorder(selection.changed)
    changes = selection.apply({"need": {"new"}}, mode="replace")
    assert selection.as_dict() == {"need": {"new"}}
    # One event for the whole change; layers emptied are named with no uuids.
    assert seen == [({"need": ["new"], "zone": []},)]
    assert changes == {"need": ["new"], "zone": []}


def test_add_and_toggle() -> None:
    selection = Selection()
    selection.apply({"need": {"a"}})
    selection.apply({"need": {"b"}, "zone": {"z"}}, mode="add")
    assert selection.as_dict() == {"need": {"a", "b"}, "zone": {"z"}}
    selection.apply({"need": {"a", "c"}}, mode="toggle")
    assert selection.as_dict() == {"need": {"b", "c"}, "zone": {"z"}}
    selection.apply({"zone": {"z"}}, mode="toggle")
    assert selection.as_dict() == {"need": {"b", "c"}}
    assert selection.layers() == ["need"]


def test_layers_mode_leaves_other_layers_alone() -> None:
    selection = Selection()
    selection.apply({"need": {"a"}, "zone": {"z"}})
    seen = recorder(selection.changed)
    selection.select("need", ["b", "c"])
    assert selection.as_dict() == {"need": {"b", "c"}, "zone": {"z"}}
    assert seen == [({"need": ["b", "c"]},)]
    selection.select("need", [])
    assert selection.of("need") == frozenset() and selection.of("zone") == {"z"}


def test_no_event_when_nothing_changes_and_clear() -> None:
    selection = Selection()
    seen = recorder(selection.changed)
    assert selection.clear() == {}
    assert not selection
    selection.apply({"need": {"a"}})
    assert selection.apply({"need": {"a"}}) == {}
    assert selection.apply({"need": {"a"}}, mode="add") == {}
    assert selection.clear() == {"need": []}
    assert seen == [({"need": ["a"]},), ({"need": []},)]


def test_keep_present_drops_features_no_longer_there() -> None:
    selection = Selection()
    selection.apply({"need": {"a", "b"}, "zone": {"z"}})
    assert selection.keep_present("need", {"a", "x"}) == {"need": ["a"]}
    assert selection.keep_present("need", {"a"}) == {}
    assert selection.keep_present("road", set()) == {}
    assert selection.as_dict() == {"need": {"a"}, "zone": {"z"}}


def test_as_dict_is_a_copy() -> None:
    selection = Selection()
    selection.apply({"need": {"a"}})
    selection.as_dict()["need"].add("b")
    assert selection.of("need") == {"a"}


def test_an_unknown_mode_is_refused_and_changes_nothing() -> None:
    selection = Selection()
    selection.apply({"need": {"a"}})
    with pytest.raises(ValueError, match="selection mode 'xor'"):
        selection.apply({"need": {"b"}}, mode="xor")
    assert selection.as_dict() == {"need": {"a"}}


def test_the_package_loads_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel")
    assert not bad, bad
