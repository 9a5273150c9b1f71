"""What a format reader hands to the importer: one source layer, not yet mapped."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np


@dataclass(frozen=True)
class ReadProblem:
    """A row the reader could not turn into a feature (e.g. a latitude that is not a number)."""

    position: int  # 0-based position in ``SourceLayer.frame``
    field: str  # the source column (or 'geometry')
    reason: str


@dataclass
class SourceLayer:
    """One layer of an input file: its attribute columns and geometries, as read.

    ``frame`` has a positional index (0..n-1); ``rows`` holds, per position, the label a user
    finds the feature by: the spreadsheet row for CSV, the fid for GeoPackage, the 1-based
    feature number otherwise (``row_word`` names which).
    """

    name: str
    frame: gpd.GeoDataFrame
    rows: np.ndarray
    row_word: str = "feature"
    hxl: dict[str, str] = field(default_factory=dict)  # source column -> HXL hashtag
    problems: list[ReadProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [c for c in self.frame.columns if c != self.frame.geometry.name]

    def __len__(self) -> int:
        return len(self.frame)
