"""Pure-Python model of HumanOps: markings, features, validation against layer kinds.

The names below are imported on first use (PEP 562): ``Feature`` brings numpy and shapely, and
the light modules of this package (``numbers``, ``marking``) must not pay for them, so that
``humanops --help`` stays quick (``tests/test_cli_speed_imports.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from humanops.model.feature import Feature
    from humanops.model.marking import TLP, Marking

__all__ = ["TLP", "Feature", "Marking"]

_HOMES = {"Feature": "humanops.model.feature", "TLP": "humanops.model.marking", "Marking": "humanops.model.marking"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once found, an ordinary module attribute
    return value
