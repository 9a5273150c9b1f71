"""The demo's partner organisations and sharing communities (all invented), and how the
scenario marks what each of them reports."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np

DEMO_COMMUNITIES: list[dict[str, Any]] = [
    {"id": "community:hct-kavera", "name": "Humanitarian Country Team, Kavera"},
    {"id": "community:wash-cluster", "name": "Water, sanitation and hygiene cluster"},
    {"id": "community:health-cluster", "name": "Health cluster"},
    {"id": "community:protection-cluster", "name": "Protection cluster"},
]

DEMO_PARTNERS: list[dict[str, Any]] = [
    {"id": "unocha-kv", "name": "UN Humanitarian Coordination Office for Kavera", "acronym": "UNHCO-KV",
     "communities": ["community:hct-kavera", "community:wash-cluster", "community:health-cluster",
                     "community:protection-cluster"]},
    {"id": "medaid", "name": "MedAid Relief", "acronym": "MedAid",
     "communities": ["community:hct-kavera", "community:health-cluster", "community:protection-cluster"]},
    {"id": "waterbridge", "name": "WaterBridge", "acronym": "WaterBridge",
     "communities": ["community:hct-kavera", "community:wash-cluster"]},
    {"id": "civpro", "name": "Kavera Civil Protection Agency", "acronym": "KCPA",
     "communities": ["community:hct-kavera"]},
]

ORG_IDS: tuple[str, ...] = tuple(p["id"] for p in DEMO_PARTNERS)
ACRONYM = {p["id"]: p["acronym"] for p in DEMO_PARTNERS}


class Markings:
    """Per-row originator and marking columns, filled feature by feature."""

    def __init__(self, rng: np.random.Generator, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.columns: dict[str, list[Any]] = {
            "originator": [], "tlp": [], "releasable_to": [], "caveats": [], "expires": [], "precision": []}

    def add(self, originator: str, tlp: str, releasable_to: list[str] | tuple[str, ...] = (),
            caveats: list[str] | tuple[str, ...] = (), expires: datetime | None = None,
            precision: str = "exact") -> None:
        self.columns["originator"].append(originator)
        self.columns["tlp"].append(tlp)
        self.columns["releasable_to"].append(",".join(releasable_to) or None)
        self.columns["caveats"].append(",".join(caveats) or None)
        self.columns["expires"].append(expires)
        self.columns["precision"].append(precision)

    def originator(self, weights: tuple[float, ...] = (0.5, 0.2, 0.2, 0.1)) -> str:
        return str(self.rng.choice(ORG_IDS, p=weights))

    def named(self, originator: str, low: int = 1, high: int = 3) -> list[str]:
        """Some of the other organisations, in directory order (AMBER: named recipients)."""
        others = [o for o in ORG_IDS if o != originator]
        count = int(self.rng.integers(low, min(high, len(others)) + 1))
        chosen = set(self.rng.choice(others, size=count, replace=False).tolist())
        return [o for o in others if o in chosen]

    def days(self, low: float, high: float) -> datetime:
        """A time ``low`` to ``high`` days from the scenario's now (negative: in the past)."""
        return self.now + timedelta(minutes=round(float(self.rng.uniform(low, high)) * 1440))
