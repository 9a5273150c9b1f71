"""What the map filters its features by: the moment they must be valid at (the time filter's
published moment, ``time_filter.TimeFilter``) and their markings (drawn or not; "What could I
send to ORG?": the features that partner would not receive drawn faded)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from humanops.viewmodel.events import Event

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# predicate(layer, frame) -> one bool a row of ``frame``: True where the feature may go
# (humanops.sharing.receivable.SendFilter is one)
MarkingPredicate = Callable[[str, Any], Any]


def to_ns(at: datetime | None) -> int | None:
    """A moment as UTC nanoseconds (the time windows the map holds); a naive one is UTC."""
    if at is None:
        return None
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    since = at - _EPOCH  # exact integers: a float timestamp would lose the microseconds
    return (since.days * 86_400 + since.seconds) * 1_000_000_000 + since.microseconds * 1_000


def from_ns(at_ns: int | None) -> datetime | None:
    """UTC nanoseconds as an aware datetime (to the microsecond)."""
    return None if at_ns is None else _EPOCH + timedelta(microseconds=at_ns // 1_000)


class MapFilter:
    """The map's filters.

    * ``at_ns``: only the features valid at this moment (UTC nanoseconds) are drawn; None: all.
    * ``show_markings``: each feature's TLP marking drawn (coloured outline, casing or badge).
    * the marking filter: ``recipient`` (an organisation) and ``predicate`` (see
      :data:`MarkingPredicate`); the features it refuses are drawn faded. ``marking_key``
      identifies one setting of it, so a layer's verdicts can be kept until it is set again
      (each :meth:`set_marking_filter` makes a new key: the same partner's filter may have
      changed with the workspace).

    Events: ``timeChanged(at_ns)``, ``showMarkingsChanged(show)``, each when the value changed;
    ``markingFilterChanged(recipient, marking_key)`` on every :meth:`set_marking_filter`."""

    def __init__(self) -> None:
        self.at_ns: int | None = None
        self.show_markings = False
        self.recipient: str | None = None
        self.predicate: MarkingPredicate | None = None
        self.marking_key: tuple[str | None, int] | None = None
        self._serial = 0
        self.timeChanged = Event()
        self.showMarkingsChanged = Event()
        self.markingFilterChanged = Event()

    def valid_at(self) -> datetime | None:
        return from_ns(self.at_ns)

    def set_valid_at(self, at: datetime | None) -> bool:
        """Draw only features valid at ``at``; None shows all. True when that changed something."""
        at_ns = to_ns(at)
        if at_ns == self.at_ns:
            return False
        self.at_ns = at_ns
        self.timeChanged.emit(at_ns)
        return True

    def set_show_markings(self, show: bool) -> bool:
        show = bool(show)
        if show == self.show_markings:
            return False
        self.show_markings = show
        self.showMarkingsChanged.emit(show)
        return True

    def set_marking_filter(self, recipient: str | None, predicate: MarkingPredicate | None) -> None:
        """Fade what ``predicate`` refuses (for ``recipient``); a None predicate turns it off."""
        self._serial += 1
        self.recipient = recipient if predicate is not None else None
        self.predicate = predicate
        self.marking_key = (recipient, self._serial) if predicate is not None else None
        self.markingFilterChanged.emit(self.recipient, self.marking_key)

    @property
    def fades(self) -> bool:
        """Whether the marking filter is on."""
        return self.predicate is not None
