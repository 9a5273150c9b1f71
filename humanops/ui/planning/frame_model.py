"""A read-only, sortable Qt table model over a pandas DataFrame (a result table).

Sorting is pandas' (one vectorised sort, stable, missing values last), not a proxy comparing
cells one by one in Python, so a 10,000-row plan sorts at once. The geometry column is not
shown, uuid columns come last; numbers are right-aligned with thousands separators; lists read "a; b".
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, list | tuple | set | np.ndarray):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return ""
        if float(value).is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.3g}"
    if isinstance(value, pd.Timestamp | datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return str(value)


class FrameModel(QAbstractTableModel):
    def __init__(self, frame: pd.DataFrame | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame()
        self._values: np.ndarray = np.empty((0, 0), dtype=object)
        self._numeric: list[bool] = []
        if frame is not None:
            self.set_frame(frame)

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        shown = pd.DataFrame(frame).drop(columns=[c for c in ("geometry",) if c in frame.columns])
        ids = [c for c in shown.columns if str(c) == "uuid" or str(c).endswith("_uuid")]
        # Names and numbers first; identifiers (for joins and exports) at the end.
        self._frame = shown[[c for c in shown.columns if c not in ids] + ids].reset_index(drop=True)
        self._refresh_values()
        self._numeric = [pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t)
                         for t in self._frame.dtypes]
        self.endResetModel()

    def _refresh_values(self) -> None:
        self._values = self._frame.astype(object).to_numpy() if len(self._frame.columns) else \
            np.empty((len(self._frame), 0), dtype=object)

    def frame(self) -> pd.DataFrame:
        """The rows in the order shown."""
        return self._frame

    def row_index(self, row: int) -> int:
        """The position of a shown row in the frame given to :meth:`set_frame`."""
        return int(self._frame.index[row])

    # --- QAbstractTableModel --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _text(self._values[index.row(), index.column()])
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric[index.column()]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self._frame.columns[section]).replace("_", " ")
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._frame.columns):
            return
        self.layoutAboutToBeChanged.emit()
        name = self._frame.columns[column]
        ascending = order == Qt.SortOrder.AscendingOrder
        try:
            self._frame = self._frame.sort_values(name, ascending=ascending, kind="stable", na_position="last")
        except TypeError:  # mixed types in an object column: sort by the text shown
            keys = self._frame[name].map(_text)
            self._frame = self._frame.iloc[np.argsort(keys.to_numpy(dtype=str), kind="stable")[::1 if ascending
                                                                                                 else -1]]
        self._refresh_values()
        self.layoutChanged.emit()
