"""A read-only, sortable Qt table model over a pandas DataFrame (a result table).

Sorting is pandas' (one vectorised sort, stable, missing values last), not a proxy comparing
cells one by one in Python, so a 10,000-row plan sorts at once. The geometry column is not
shown, uuid columns come last; numbers are right-aligned with thousands separators; lists read "a; b".

What the model shows is made by :func:`prepare_table`, which a planning worker calls off the
GUI thread: every cell's text already written, the longest text of each column (the view sizes
its columns from it, without reading every cell), the numeric columns. The GUI thread then only
hands the prepared arrays to the model; a sort permutes them (it never writes a cell again).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from humanops.ui.i18n import ui_locale
from humanops.ui.locale_text import format_count, format_datetime, format_number

_Index = QModelIndex | QPersistentModelIndex


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, list | tuple | set | np.ndarray):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, bool | np.bool_):
        return QCoreApplication.translate("FrameModel", "yes") if value else \
            QCoreApplication.translate("FrameModel", "no")
    if isinstance(value, int | np.integer):
        return format_count(int(value))
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return ""
        if float(value).is_integer() and abs(value) < 1e15:
            return format_count(int(value))
        return format_number(float(value), 1) if abs(value) >= 10 else ui_locale().toString(float(value), "g", 3)
    if isinstance(value, pd.Timestamp | datetime):
        return format_datetime(value)
    return str(value)


@dataclass(frozen=True)
class PreparedTable:
    """A result table as the model shows it: rows in the engine's order, columns in the shown order."""

    frame: pd.DataFrame          # the shown columns (no geometry, identifiers last), index 0..n-1
    texts: np.ndarray            # (rows, columns) of str: each cell as shown
    numeric: tuple[bool, ...]    # right-aligned columns
    widest: tuple[str, ...]      # per column, the longest of its header and cell texts

    def __len__(self) -> int:
        return len(self.frame)


def header_text(column: Any) -> str:
    return str(column).replace("_", " ")


def prepare_table(frame: pd.DataFrame) -> PreparedTable:
    """The shown table of ``frame`` (Qt-free but for the locale's number forms: safe in a worker)."""
    shown = pd.DataFrame(frame).drop(columns=[c for c in ("geometry",) if c in frame.columns])
    ids = [c for c in shown.columns if str(c) == "uuid" or str(c).endswith("_uuid")]
    # Names and numbers first; identifiers (for joins and exports) at the end.
    shown = shown[[c for c in shown.columns if c not in ids] + ids].reset_index(drop=True)
    texts = np.empty((len(shown), len(shown.columns)), dtype=object)
    widest = []
    for c, name in enumerate(shown.columns):
        column = np.fromiter((_text(v) for v in shown[name].astype(object).to_numpy()), dtype=object,
                             count=len(shown))
        texts[:, c] = column
        longest = max(column, key=len, default="") if len(column) else ""
        widest.append(max(header_text(name), longest, key=len))
    numeric = tuple(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in shown.dtypes)
    return PreparedTable(shown, texts, numeric, tuple(widest))


class FrameModel(QAbstractTableModel):
    def __init__(self, frame: pd.DataFrame | PreparedTable | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = prepare_table(pd.DataFrame())
        self._order: np.ndarray = np.empty(0, dtype=np.intp)  # shown row -> row of the prepared table
        if frame is not None:
            self.set_frame(frame)

    def set_frame(self, frame: pd.DataFrame | PreparedTable) -> None:
        """Show ``frame``: a prepared table as it is, a DataFrame prepared here (small ones only:
        a worker prepares large ones)."""
        table = frame if isinstance(frame, PreparedTable) else prepare_table(frame)
        self.beginResetModel()
        self._table = table
        self._order = np.arange(len(table), dtype=np.intp)
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        """The rows in the order shown."""
        return self._table.frame.iloc[self._order]

    def row_index(self, row: int) -> int:
        """The position of a shown row in the frame given to :meth:`set_frame`."""
        return int(self._order[row])

    def widest_texts(self) -> tuple[str, ...]:
        """Per column, its longest text (header or cell): what the view sizes the column for."""
        return self._table.widest

    # --- QAbstractTableModel --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.frame.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._table.texts[self._order[index.row()], index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and self._table.numeric[index.column()]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return header_text(self._table.frame.columns[section])
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        frame = self._table.frame
        if not 0 <= column < len(frame.columns):
            return
        self.layoutAboutToBeChanged.emit()
        name = frame.columns[column]
        ascending = order == Qt.SortOrder.AscendingOrder
        try:
            ordered = frame[name].sort_values(ascending=ascending, kind="stable", na_position="last").index
            self._order = np.asarray(ordered, dtype=np.intp)
        except TypeError:  # mixed types in an object column: sort by the text shown
            keys = self._table.texts[:, column].astype(str)
            self._order = np.argsort(keys, kind="stable")[::1 if ascending else -1].astype(np.intp)
        self.layoutChanged.emit()
