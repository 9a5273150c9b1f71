"""Pure-Python model of HumanOps: markings, features, validation against layer kinds."""

from humanops.model.feature import Feature
from humanops.model.marking import TLP, Marking

__all__ = ["TLP", "Feature", "Marking"]
