"""The project's own exception types: errors a user can cause, with where they happened.

Every message names what was wrong and where (file, layer, feature, field), so the CLI can
print it as one readable line and the app can show it in a dialog, never as a traceback.
"""

from __future__ import annotations


class HumanOpsError(Exception):
    """Base of every error a user can cause (bad file, wrong key, invalid geometry...)."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        layer: str | None = None,
        feature: str | int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.layer = layer
        self.feature = feature
        self.field = field
        super().__init__(self.message)

    @property
    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(f"file {self.file}")
        if self.layer:
            parts.append(f"layer {self.layer}")
        if self.feature is not None:
            parts.append(f"feature {self.feature}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    @property
    def message(self) -> str:
        where = self.where
        return f"{where}: {self.reason}" if where else self.reason


class CatalogError(HumanOpsError):
    """A layer kind file is malformed (names the file, key and reason)."""


class ValidationError(HumanOpsError):
    """A feature does not satisfy its layer kind (names the layer, feature and field)."""


class WorkspaceError(HumanOpsError):
    """The workspace file is missing, not a HumanOps GeoPackage, or an edit was refused."""


class FormatError(HumanOpsError):
    """An input file cannot be read or mapped (names the file, layer, feature, field)."""


class SharingError(HumanOpsError):
    """A package, key, signature or marking was refused by the sharing rules."""


class AnalysisError(HumanOpsError):
    """An analysis cannot run on its inputs (missing layer, bad parameter)."""


class UsageError(HumanOpsError):
    """Wrong usage that the argument parser cannot see (e.g. no workspace given): exit 2."""
