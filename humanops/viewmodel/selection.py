"""The selection: which features (by uuid) of which layer are selected."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Literal

from humanops.viewmodel.events import Event

SelectionMode = Literal["replace", "add", "toggle", "layers"]
MODES: tuple[str, ...] = ("replace", "add", "toggle", "layers")


class Selection:
    """The selected features of every layer.

    The app changes it four ways (:meth:`apply`): a click or a new feature replaces it
    (``replace``: the picked features become the only selection), Shift adds (``add``), Ctrl
    toggles (``toggle``), and the attribute table or a search sets one layer's selection,
    leaving the others' (``layers``).

    Event ``changed(changes)``, once for each change that altered something: ``changes`` maps each
    layer whose selection changed to its new uuids, sorted (an empty list: nothing selected
    there any more), in layer-name order."""

    def __init__(self) -> None:
        self._selected: dict[str, frozenset[str]] = {}
        self.changed = Event()

    def as_dict(self) -> dict[str, set[str]]:
        """Every layer with something selected: its uuids (a copy)."""
        return {layer: set(uuids) for layer, uuids in self._selected.items()}

    def of(self, layer: str) -> frozenset[str]:
        return self._selected.get(layer, frozenset())

    def layers(self) -> list[str]:
        return sorted(self._selected)

    def __bool__(self) -> bool:
        return bool(self._selected)

    def select(self, layer: str, uuids: Iterable[str]) -> dict[str, list[str]]:
        """Make ``uuids`` the selection of ``layer``; other layers keep theirs."""
        return self.apply({layer: set(uuids)}, mode="layers")

    def clear(self) -> dict[str, list[str]]:
        return self.apply({}, mode="replace")

    def apply(self, picked: Mapping[str, Iterable[str]], mode: SelectionMode | str = "replace") -> dict[str, list[str]]:
        """Change the selection by ``picked`` as ``mode`` says (see the class); returns the
        changes (as the event carries them; empty when nothing changed)."""
        if mode not in MODES:
            raise ValueError(f"selection mode {mode!r}: expected one of {', '.join(MODES)}")
        new = {} if mode == "replace" else {layer: set(u) for layer, u in self._selected.items()}
        for layer, uuids in picked.items():
            given = set(uuids)
            if mode in ("replace", "layers"):
                new[layer] = given
            elif mode == "add":
                new[layer] = new.get(layer, set()) | given
            else:  # toggle
                new[layer] = new.get(layer, set()) ^ given
        after = {layer: frozenset(u) for layer, u in new.items() if u}
        changes = {layer: sorted(after.get(layer, ()))
                   for layer in sorted(set(after) | set(self._selected))
                   if after.get(layer, frozenset()) != self._selected.get(layer, frozenset())}
        if not changes:
            return {}
        self._selected = after
        self.changed.emit(changes)
        return changes

    def keep_present(self, layer: str, present: Container[str]) -> dict[str, list[str]]:
        """Drop from ``layer``'s selection what is not in ``present`` (features deleted or no
        longer read). ``present`` is only asked about the selected uuids: a layer's index of a
        million rows is not copied."""
        selected = self._selected.get(layer)
        if not selected:
            return {}
        kept = frozenset(u for u in selected if u in present)
        return {} if kept == selected else self.apply({layer: kept}, mode="layers")
