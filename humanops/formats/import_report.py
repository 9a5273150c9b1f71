"""What an import did, or would do, or why it refused: counts, field mapping and the
problems of each feature, as text for people and as a dict for ``--json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from humanops.errors import FormatError
from humanops.formats.mapping import FieldMapping

LISTED_PROBLEMS = 1000  # in to_dict(); counts are always complete
SUMMARY_PROBLEMS = 20


@dataclass(frozen=True)
class FeatureProblem:
    """One feature's problem: where (row/fid/placemark, id), which field, why, and whether the
    feature was rejected or repaired."""

    row_word: str  # 'row' (CSV: spreadsheet row), 'fid', 'placemark' or 'feature' (1-based)
    row: int
    field: str
    reason: str
    action: str = "rejected"  # rejected | repaired
    feature_id: str | None = None  # its uuid or name, to find it by
    column: str | None = None  # the source column, when named otherwise than the field

    @property
    def label(self) -> str:
        return f"{self.row_word} {self.row}"

    def __str__(self) -> str:
        ident = f" ({self.feature_id})" if self.feature_id else ""
        column = f" (column {self.column!r})" if self.column and self.column != self.field else ""
        return f"{self.label}{ident}, field {self.field}{column}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "row_word": self.row_word, "feature_id": self.feature_id,
                "field": self.field, "column": self.column, "reason": self.reason,
                "action": self.action}


@dataclass
class LayerImport:
    """One source layer going into one layer kind."""

    source_layer: str
    kind: str
    mapping: FieldMapping
    read: int = 0
    imported: int = 0  # written, or with a dry run: would be written
    accepted: int = 0  # features that passed every check (imported unless the import is refused)
    repaired: int = 0
    rejected: int = 0
    source_crs: str | None = None
    kind_from: str = ""  # how the kind was chosen
    problems: list[FeatureProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None  # a reason the whole layer cannot be imported
    preview: Any = None  # the first rows as mapped (a DataFrame), shown by the import dialog

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_layer": self.source_layer, "layer": self.kind, "kind_from": self.kind_from,
            "source_crs": self.source_crs, "read": self.read, "imported": self.imported,
            "accepted": self.accepted, "repaired": self.repaired, "rejected": self.rejected,
            "mapping": self.mapping.to_dict(),
            "problems": [p.to_dict() for p in self.problems[:LISTED_PROBLEMS]],
            "problems_total": len(self.problems), "notes": list(self.notes), "refusal": self.refusal,
        }


@dataclass
class ImportReport:
    file: str
    format: str
    dry_run: bool = False
    skip_rejected: bool = False
    layers: list[LayerImport] = field(default_factory=list)
    skipped_layers: list[tuple[str, str]] = field(default_factory=list)  # (source layer, why)
    status: str = "pending"  # imported | dry-run | refused
    reason: str | None = None  # why it was refused

    @property
    def read(self) -> int:
        return sum(layer.read for layer in self.layers)

    @property
    def imported(self) -> int:
        return sum(layer.imported for layer in self.layers)

    @property
    def repaired(self) -> int:
        return sum(layer.repaired for layer in self.layers)

    @property
    def rejected(self) -> int:
        return sum(layer.rejected for layer in self.layers)

    @property
    def problems(self) -> list[FeatureProblem]:
        return [p for layer in self.layers for p in layer.problems]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "format": self.format, "status": self.status, "reason": self.reason,
            "dry_run": self.dry_run, "skip_rejected": self.skip_rejected,
            "written": self.status == "imported",
            "counts": {"read": self.read, "imported": self.imported, "repaired": self.repaired,
                       "rejected": self.rejected},
            "layers": [layer.to_dict() for layer in self.layers],
            "skipped_layers": [{"source_layer": n, "reason": r} for n, r in self.skipped_layers],
        }

    def summary(self) -> str:
        mode = {"imported": "imported", "dry-run": "dry run, nothing written",
                "refused": "refused, nothing written"}.get(self.status, self.status)
        out = [f"Import of {self.file} ({self.format}): {mode}"]
        for layer in self.layers:
            verb = "would import" if self.status == "dry-run" else "imported"
            out.append(f"  {layer.source_layer} → layer {layer.kind}"
                       + (f" ({layer.kind_from})" if layer.kind_from else "")
                       + (f", CRS {layer.source_crs}" if layer.source_crs else ""))
            if self.status == "refused":
                out.append(f"    read {layer.read}, passed {layer.accepted}, repaired {layer.repaired}, "
                           f"rejected {layer.rejected}")
            else:
                out.append(f"    read {layer.read}, {verb} {layer.imported}, repaired {layer.repaired}, "
                           f"rejected {layer.rejected}")
            out += [f"    {line}" for line in layer.mapping.lines()]
            out += [f"    note: {note}" for note in layer.notes]
            if layer.refusal:
                out.append(f"    refused: {layer.refusal}")
            for problem in layer.problems[:SUMMARY_PROBLEMS]:
                out.append(f"    [{problem.action}] {problem}")
            if len(layer.problems) > SUMMARY_PROBLEMS:
                out.append(f"    … and {len(layer.problems) - SUMMARY_PROBLEMS} more problems (--json lists them)")
        for name, why in self.skipped_layers:
            out.append(f"  skipped source layer {name}: {why}")
        if self.reason:
            out.append(f"Nothing was written: {self.reason}")
        return "\n".join(out)


class ImportRefused(FormatError):
    """The import wrote nothing; ``report`` says why, feature by feature."""

    def __init__(self, reason: str, report: ImportReport, *, layer: str | None = None,
                 feature: str | int | None = None, field: str | None = None) -> None:
        super().__init__(reason, file=report.file, layer=layer, feature=feature, field=field)
        self.report = report
