"""The routing configuration file (``resources/routing/speeds.toml``) as typed models.

:func:`load_routing_config` decodes it the one way documents are read (:mod:`humanops.documents`)
into the :class:`RoutingConfig` the road graph is built with. A malformed file is an
AnalysisError naming the file, the key and the reason; an unknown key is one too (a typo never
silently leaves a speed or a danger factor at its default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from humanops.analysis.travel_modes import TRAVELLERS
from humanops.data_paths import resources_dir
from humanops.documents import Invalid, Problem, convert, parse_toml
from humanops.errors import AnalysisError


@dataclass(frozen=True)
class TravellerConfig:
    """Which road types one traveller uses, at what speed, and which one-way tags bind it."""

    speeds_kmh: dict[str, float]
    surface_factor: dict[str, float]
    condition_factor: dict[str, float]
    oneway: str = "all"                 # "all": the road's oneway; "foot": only its oneway_foot
    foot_allowed_kmh: float = 0.0       # speed on an unlisted road tagged foot=yes (0: not used)
    honours_foot_tag: bool = False      # foot=no closes the road


@dataclass(frozen=True)
class RoutingConfig:
    """Speeds, factors and danger treatment (``resources/routing/speeds.toml``)."""

    speeds_kmh: dict[str, float]
    surface_factor: dict[str, float]
    condition_factor: dict[str, float]
    block_severity: int = 5
    severity_factor: dict[int, float] = field(default_factory=dict)
    node_tolerance_m: float = 0.5
    near_miss_m: float = 5.0
    max_snap_m: float = 1000.0
    access_speed_kmh: float = 4.0
    alternative_penalty: float = 1.6
    alternative_max_overlap: float = 0.7
    default_speed_kmh: float = 30.0
    near_miss_joined_m: float = 50.0
    travellers: dict[str, TravellerConfig] = field(default_factory=dict)

    def traveller(self, name: str) -> TravellerConfig:
        if name in self.travellers:
            return self.travellers[name]
        if name == "drive":   # a configuration written before travellers: the top-level tables
            return TravellerConfig(self.speeds_kmh, self.surface_factor, self.condition_factor)
        raise AnalysisError(f"the routing configuration has no [modes.{name}] section")

    def factor(self, severity: int) -> float:
        return float(self.severity_factor.get(int(severity), 1.0))


_Numbers = dict[str, int | float]


def _numbers(table: _Numbers, section: str, *, positive: bool = True) -> dict[str, float]:
    for key, value in table.items():
        if value < 0 or (positive and value == 0):
            raise Invalid(f"must be a {'positive' if positive else 'non-negative'} number, got {value!r}",
                          (*section.split("."), key))
    return _floats(table)


def _floats(table: _Numbers) -> dict[str, float]:
    return {key: float(value) for key, value in table.items()}


class ModeTable(msgspec.Struct, forbid_unknown_fields=True):
    """``[modes.TRAVELLER]``: the roads a traveller uses, at what speed, which one-way tags bind it."""

    oneway: str = "all"
    foot_allowed_kmh: int | float = 0.0
    speeds_kmh: _Numbers = {}
    surface_factor: _Numbers = {}
    condition_factor: _Numbers = {}

    def __post_init__(self) -> None:
        if self.oneway not in ("all", "foot"):
            raise Invalid(f"must be \"all\" or \"foot\", got {self.oneway!r}", "oneway")
        _numbers(self.speeds_kmh, "speeds_kmh", positive=False)
        _numbers(self.surface_factor, "surface_factor")
        _numbers(self.condition_factor, "condition_factor", positive=False)

    def traveller(self) -> TravellerConfig:
        return TravellerConfig(_floats(self.speeds_kmh), _floats(self.surface_factor), _floats(self.condition_factor),
                               self.oneway,
                               float(self.foot_allowed_kmh), self.oneway == "foot")


class DangerTable(msgspec.Struct, forbid_unknown_fields=True):
    block_severity: int = 5
    cost_factor: _Numbers = {}

    def __post_init__(self) -> None:
        _numbers(self.cost_factor, "cost_factor")
        for key, value in self.cost_factor.items():
            if not key.isdigit():
                raise Invalid("must be a severity (a whole number)", ("cost_factor", key))
            if value < 1:
                raise Invalid("values must be >= 1 (a danger zone never makes a road cheaper)", "cost_factor")


class NetworkTable(msgspec.Struct, forbid_unknown_fields=True):
    node_tolerance_m: int | float = 0.5
    near_miss_m: int | float = 5.0
    near_miss_joined_m: int | float = 50.0
    max_snap_m: int | float = 1000.0
    access_speed_kmh: int | float = 4.0


class AlternativesTable(msgspec.Struct, forbid_unknown_fields=True):
    penalty: int | float = 1.6
    max_overlap: int | float = 0.7


class RoutingFile(msgspec.Struct, forbid_unknown_fields=True):
    """``resources/routing/speeds.toml``: driving at the top level, other travellers under ``modes``."""

    speeds_kmh: _Numbers = {}
    surface_factor: _Numbers = {}
    condition_factor: _Numbers = {}
    modes: dict[str, ModeTable] = {}
    danger: DangerTable = msgspec.field(default_factory=DangerTable)
    network: NetworkTable = msgspec.field(default_factory=NetworkTable)
    alternatives: AlternativesTable = msgspec.field(default_factory=AlternativesTable)

    def __post_init__(self) -> None:
        _numbers(self.speeds_kmh, "speeds_kmh")
        _numbers(self.surface_factor, "surface_factor")
        _numbers(self.condition_factor, "condition_factor", positive=False)
        for name in self.modes:
            if name not in TRAVELLERS:
                raise Invalid(f"unknown traveller (expected {', '.join(TRAVELLERS)})", ("modes", name))


def _problem(problem: Problem, file: str) -> AnalysisError:
    joint = ": " if problem.kind in ("unknown", "missing") or problem.reason.startswith("unknown") else " "
    return AnalysisError(f"{problem.key}{joint}{problem.reason}" if problem.path else problem.reason, file=file)


def load_routing_config(path: str | Path | None = None) -> RoutingConfig:
    """Read the routing configuration; a malformed file is an AnalysisError naming it."""
    path = Path(path) if path else resources_dir() / "routing" / "speeds.toml"
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnalysisError(f"cannot read routing configuration: {exc.strerror}", file=file) from None
    doc = parse_toml(text, lambda reason: AnalysisError(reason, file=file))
    checked = convert(doc, RoutingFile, lambda problem: _problem(problem, file))
    drive = TravellerConfig(_floats(checked.speeds_kmh), _floats(checked.surface_factor),
                            _floats(checked.condition_factor))
    network, alternatives = checked.network, checked.alternatives
    return RoutingConfig(
        speeds_kmh=drive.speeds_kmh,
        surface_factor=drive.surface_factor,
        condition_factor=drive.condition_factor,
        block_severity=checked.danger.block_severity,
        severity_factor={int(key): float(value) for key, value in checked.danger.cost_factor.items()},
        node_tolerance_m=float(network.node_tolerance_m),
        near_miss_m=float(network.near_miss_m),
        max_snap_m=float(network.max_snap_m),
        access_speed_kmh=float(network.access_speed_kmh),
        alternative_penalty=float(alternatives.penalty),
        alternative_max_overlap=float(alternatives.max_overlap),
        near_miss_joined_m=float(network.near_miss_joined_m),
        travellers={"drive": drive, **{name: mode.traveller() for name, mode in checked.modes.items()}},
    )
