"""Markings: the TLP 2.0 level and sharing restrictions each feature carries.

Only the values defined here exist: an unknown level, caveat or precision is refused, never
mapped to something weaker. The rules that *apply* markings live in ``humanops.sharing``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from humanops.errors import ValidationError


class TLP(Enum):
    """TLP 2.0 levels, ordered from least to most restrictive."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"

    @property
    def rank(self) -> int:
        return _TLP_ORDER.index(self)

    def __lt__(self, other: TLP) -> bool:
        return self.rank < other.rank

    def __le__(self, other: TLP) -> bool:
        return self.rank <= other.rank

    @classmethod
    def parse(cls, value: str) -> TLP:
        text = str(value).strip().upper().removeprefix("TLP:")
        text = {"WHITE": "CLEAR", "AMBER STRICT": "AMBER+STRICT", "AMBER_STRICT": "AMBER+STRICT"}.get(
            text, text
        )
        try:
            return cls(text)
        except ValueError:
            levels = ", ".join(t.value for t in cls)
            raise ValidationError(f"{value!r} is not a TLP 2.0 level ({levels})", field="tlp") from None


_TLP_ORDER = [TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT, TLP.RED]

# Caveats a marking may carry. "no_onward_sharing": a recipient never passes it on.
CAVEATS = ("no_onward_sharing", "no_public_release", "protection_sensitive")
_PARTY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_PRECISION = re.compile(r"^(exact|grid:(\d+)(?::k(\d+))?|admin:([a-z0-9_]+)(?::k(\d+))?)$")


@dataclass(frozen=True)
class Precision:
    """How exactly a feature's location may be given to those not entitled to it exactly."""

    mode: str = "exact"  # exact | grid | admin
    grid_m: int | None = None
    admin_field: str | None = None
    k: int = 0  # cells/areas with fewer people than k are suppressed

    @classmethod
    def parse(cls, text: str | None) -> Precision:
        if text is None or text == "":
            return cls()
        m = _PRECISION.match(str(text).strip())
        if not m:
            raise ValidationError(
                f"{text!r} is not a precision (exact, grid:METRES[:kN], admin:FIELD[:kN])",
                field="precision",
            )
        if m.group(2):
            metres = int(m.group(2))
            if metres < 10:
                raise ValidationError("a generalisation grid must be at least 10 m", field="precision")
            return cls("grid", grid_m=metres, k=int(m.group(3) or 0))
        if m.group(4):
            return cls("admin", admin_field=m.group(4), k=int(m.group(5) or 0))
        return cls()

    def __str__(self) -> str:
        k = f":k{self.k}" if self.k else ""
        if self.mode == "grid":
            return f"grid:{self.grid_m}{k}"
        if self.mode == "admin":
            return f"admin:{self.admin_field}{k}"
        return "exact"


@dataclass(frozen=True)
class Marking:
    """TLP level, who it is releasable to, caveats, expiry and location precision."""

    tlp: TLP = TLP.AMBER
    releasable_to: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    expires: datetime | None = None
    precision: Precision = field(default_factory=Precision)

    def __post_init__(self) -> None:
        for party in self.releasable_to:
            if not _PARTY.match(party):
                raise ValidationError(f"{party!r} is not an organisation or community id",
                                      field="releasable_to")
        for caveat in self.caveats:
            if caveat not in CAVEATS:
                raise ValidationError(f"unknown caveat {caveat!r} (known: {', '.join(CAVEATS)})",
                                      field="caveats")
        if self.expires is not None and self.expires.tzinfo is None:
            object.__setattr__(self, "expires", self.expires.replace(tzinfo=UTC))

    @property
    def no_onward_sharing(self) -> bool:
        return "no_onward_sharing" in self.caveats

    def is_expired(self, now: datetime) -> bool:
        return self.expires is not None and now >= self.expires

    def with_changes(self, **changes: Any) -> Marking:
        return replace(self, **changes)

    # --- column form, as stored in the GeoPackage and in exchange payloads -----------------
    def to_columns(self) -> dict[str, Any]:
        return {
            "tlp": self.tlp.value,
            "releasable_to": ",".join(self.releasable_to) or None,
            "caveats": ",".join(self.caveats) or None,
            "expires": format_time(self.expires),
            "precision": str(self.precision),
        }

    @classmethod
    def from_columns(cls, row: dict[str, Any]) -> Marking:
        return cls(
            tlp=TLP.parse(row.get("tlp") or "AMBER"),
            releasable_to=split_list(row.get("releasable_to")),
            caveats=split_list(row.get("caveats")),
            expires=parse_time(row.get("expires"), field="expires"),
            precision=Precision.parse(row.get("precision")),
        )

    @classmethod
    def from_default(cls, default: Any) -> Marking:
        """From a layer kind's ``DefaultMarking``."""
        return cls(
            tlp=TLP.parse(default.tlp),
            releasable_to=tuple(default.releasable_to),
            caveats=tuple(default.caveats),
            precision=Precision.parse(default.precision),
        )


def split_list(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in re.split(r"[,;]", str(value)) if p.strip())


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_time(value: datetime | None) -> str | None:
    """GeoPackage DATETIME text: ISO 8601 in UTC with milliseconds and a Z."""
    if value is None or value != value:  # None or NaT
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_time(value: Any, *, field: str | None = None) -> datetime | None:
    """Parse an ISO 8601 date/time (naive means UTC); None, '' and NaT give None."""
    if value is None or (isinstance(value, str) and value == "") or value != value:  # NaN, NaT
        return None
    if isinstance(value, datetime):
        result = value
    else:
        if hasattr(value, "to_pydatetime"):
            if value != value:  # NaT
                return None
            result = value.to_pydatetime()
        else:
            if isinstance(value, float) and value != value:
                return None
            text = str(value).strip()
            try:
                result = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ValidationError(f"{value!r} is not an ISO 8601 date/time", field=field) from None
    if result.tzinfo is None:
        result = result.replace(tzinfo=UTC)
    return result.astimezone(UTC)
