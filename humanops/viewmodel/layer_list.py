"""The map's layer list: drawing order (bottom first), visibility and opacity of each layer."""

from __future__ import annotations

from collections.abc import Iterable

from humanops.viewmodel.events import Event


class LayerList:
    """Which layers the map draws, in which order, how visible.

    Visibility and opacity are kept per name, also for names outside the order (the MBTiles
    sources the canvas draws below the layers), and outlive :meth:`set_layers`: a layer hidden
    in one workspace stays hidden when another is opened, as the map always did. A name never
    set is visible at full opacity.

    Events: ``layersReset(names)`` after :meth:`set_layers`; ``visibilityChanged(name, visible)``;
    ``opacityChanged(name, opacity)``; ``orderChanged(names)`` with the new order, bottom first.
    Each fires only when the value changed."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._visible: dict[str, bool] = {}
        self._opacity: dict[str, float] = {}
        self.layersReset = Event()
        self.visibilityChanged = Event()
        self.opacityChanged = Event()
        self.orderChanged = Event()

    # --- order ---------------------------------------------------------------------------------
    def names(self) -> list[str]:
        """The layers in drawing order, bottom first."""
        return list(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def set_layers(self, names: Iterable[str]) -> None:
        """The layers of a (new) workspace, bottom first; visibility and opacity are kept."""
        self._order = list(dict.fromkeys(names))
        for name in self._order:
            self._visible.setdefault(name, True)
            self._opacity.setdefault(name, 1.0)
        self.layersReset.emit(self.names())

    def set_order(self, names: Iterable[str]) -> None:
        """Drawing order, bottom first. Unknown names are ignored; layers not named keep their
        place below the named ones."""
        known = [n for n in dict.fromkeys(names) if n in self._order]
        rest = [n for n in self._order if n not in known]
        order = rest + known
        if order == self._order:
            return
        self._order = order
        self.orderChanged.emit(self.names())

    def top_first(self, visible_only: bool = False) -> list[str]:
        """The layers from the top (drawn last) down, as the layers panel lists them."""
        return [n for n in reversed(self._order) if not visible_only or self.is_visible(n)]

    # --- visibility and opacity ------------------------------------------------------------------
    def is_visible(self, name: str) -> bool:
        return self._visible.get(name, True)

    def set_visible(self, name: str, visible: bool) -> bool:
        """Show or hide ``name``; True when that changed something."""
        visible = bool(visible)
        if self._visible.get(name) == visible:
            return False
        self._visible[name] = visible
        self.visibilityChanged.emit(name, visible)
        return True

    def opacity(self, name: str) -> float:
        return self._opacity.get(name, 1.0)

    def set_opacity(self, name: str, opacity: float) -> bool:
        """Opacity between 0 (hidden) and 1 (opaque), clamped; True when that changed something."""
        value = float(min(1.0, max(0.0, opacity)))
        if self._opacity.get(name, 1.0) == value and name in self._opacity:
            return False
        self._opacity[name] = value
        self.opacityChanged.emit(name, value)
        return True

    def forget(self, name: str) -> None:
        """Drop what is kept for ``name`` (a tile source removed); no event."""
        self._visible.pop(name, None)
        self._opacity.pop(name, None)
