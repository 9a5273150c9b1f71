"""The attribute table: one layer's features as rows, sortable and filterable, with its row
selection and the map's selection kept in step both ways.

The model holds the layer's GeoDataFrame (read in a worker, so a large layer never freezes
the window) and formats cells only when the view asks for them. Sorting is a numpy argsort in
the model and filtering a vectorised string match, so both stay quick on 100,000 rows; the
QSortFilterProxyModel in front only maps rows.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from humanops.store.target_reads import workspace_target
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count, format_date, format_datetime, format_number
from humanops.ui.symbols import TLP_COLOURS
from humanops.ui.workers import Worker

if TYPE_CHECKING:
    import pandas as pd

    from humanops.catalog import LayerKind
    from humanops.store.workspace import Workspace

# Identity and marking columns shown after the kind's fields (headers translated where shown).
EXTRA_COLUMNS = (("tlp", "TLP"), ("releasable_to", QT_TRANSLATE_NOOP("FeatureTableModel", "Releasable to")),
                 ("caveats", QT_TRANSLATE_NOOP("FeatureTableModel", "Caveats")),
                 ("expires", QT_TRANSLATE_NOOP("FeatureTableModel", "Expires")),
                 ("precision", QT_TRANSLATE_NOOP("FeatureTableModel", "Precision")),
                 ("originator", QT_TRANSLATE_NOOP("FeatureTableModel", "Originator")),
                 ("version", QT_TRANSLATE_NOOP("FeatureTableModel", "Version")),
                 ("modified", QT_TRANSLATE_NOOP("FeatureTableModel", "Modified")), ("uuid", "UUID"))
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
UUID_ROLE = Qt.ItemDataRole.UserRole + 11
_Index = QModelIndex | QPersistentModelIndex


def read_attributes(path: str | Path, kind: LayerKind) -> pd.DataFrame:
    """A layer's attributes (no geometry), typed for display and sorting, in fid order.

    On the calling (worker) thread, through the store's layer reader on a read-only connection
    of its own (the thread rule in :mod:`humanops.store`). No geometry: the table does not show it.
    """
    import pandas as pd

    from humanops.store.target_reads import open_reader

    names = [*kind.field_names, *(name for name, _ in EXTRA_COLUMNS)]
    with open_reader(path) as reader:  # a file or a team database
        rows = reader.rows(kind, names, geometry=False, ordered=True)
    assert rows is not None
    frame = rows.frame()
    types = {spec.name: spec.type for spec in kind.fields}
    types.update({"expires": "datetime", "modified": "datetime", "version": "integer"})
    for name, field_type in types.items():
        column = frame[name]
        if field_type == "datetime":
            frame[name] = pd.to_datetime(column, utc=True, format="ISO8601", errors="coerce")
        elif field_type == "integer":
            frame[name] = pd.to_numeric(column, errors="coerce").astype("Int64")
        elif field_type == "real":
            frame[name] = pd.to_numeric(column, errors="coerce").astype(float)
        elif field_type == "boolean":
            frame[name] = column.map({1: True, 0: False}).astype(object)
    return frame


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT (without importing pandas for the check)."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(value != value)
    return type(value).__name__ in ("NAType", "NaTType")


def format_value(value: Any, field_type: str | None = None) -> str:
    """A cell's text in the UI's locale: blanks for nulls, thousands separators, dates with their
    month named. (Enum values are labelled by the model, which knows their field.)"""
    if _missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return QCoreApplication.translate("FeatureTableModel", "yes") if value else \
            QCoreApplication.translate("FeatureTableModel", "no")
    if isinstance(value, datetime):  # pandas Timestamps too
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if field_type == "date":  # stored as ISO text: shown as the locale writes a day
        try:
            return format_date(date.fromisoformat(str(value)[:10]))
        except ValueError:
            return str(value)  # not a date (another tool wrote it): as it is
    if field_type == "integer" or isinstance(value, int | np.integer):
        try:
            return format_count(int(value))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float | np.floating):
        return format_number(float(value))
    text = str(value)
    if field_type == "enum":
        return text.replace("_", " ")
    return text


class FeatureTableModel(QAbstractTableModel):
    """A layer's features; row order is the model's (sorted by :meth:`sort`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind: LayerKind | None = None
        self._frame: pd.DataFrame | None = None
        self._columns: list[tuple[str, str, str | None]] = []  # (column, header, field type)
        self._labels: dict[str, Any] = {}  # enum column -> its field (values shown by their labels)
        self._order = np.zeros(0, dtype=np.int64)  # view row -> frame position
        self._uuids = np.zeros(0, dtype=object)
        self._row_of_uuid: dict[str, int] = {}
        self._search: pd.Series | None = None

    # --- content ------------------------------------------------------------------------------
    def set_frame(self, kind: LayerKind | None, frame: pd.DataFrame | None) -> None:
        self.beginResetModel()
        self.kind = kind
        if frame is None:
            self._frame, self._columns = None, []
            self._order = np.zeros(0, dtype=np.int64)
            self._uuids = np.zeros(0, dtype=object)
            self._row_of_uuid, self._search = {}, None
            self.endResetModel()
            return
        self._frame = frame.drop(columns=[c for c in ("geometry", "geom") if c in frame.columns])
        columns: list[tuple[str, str, str | None]] = []
        lang = current_language()
        self._labels = {}
        if kind is not None:
            for spec in kind.fields:
                if spec.name in self._frame.columns:
                    unit = spec.unit_in(lang)
                    header = spec.label_in(lang) + (f" ({unit})" if unit else "")
                    header += " *" if spec.required else ""
                    columns.append((spec.name, header, spec.type))
                    if spec.type == "enum":
                        self._labels[spec.name] = spec
        for name, header in EXTRA_COLUMNS:
            if name in self._frame.columns:
                columns.append((name, self.tr(header), "integer" if name == "version" else None))
        self._columns = columns
        self._order = np.arange(len(self._frame), dtype=np.int64)
        self._uuids = (self._frame["uuid"].to_numpy(dtype=object) if "uuid" in self._frame.columns
                       else np.zeros(len(self._frame), dtype=object))
        self._reindex()
        self._search = None
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of_uuid = {str(self._uuids[pos]): row for row, pos in enumerate(self._order)}

    def column_name(self, column: int) -> str:
        return self._columns[column][0]

    def column_index(self, name: str) -> int:
        for i, (c, _, _) in enumerate(self._columns):
            if c == name:
                return i
        raise KeyError(name)

    def uuid_at(self, row: int) -> str:
        return str(self._uuids[self._order[row]])

    def row_of(self, uuid: str) -> int | None:
        return self._row_of_uuid.get(uuid)

    def uuids(self) -> list[str]:
        return [str(u) for u in self._uuids]

    # --- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def _value(self, row: int, column: int) -> Any:
        assert self._frame is not None
        return self._frame[self._columns[column][0]].iat[int(self._order[row])]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        name, _, field_type = self._columns[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._value(row, column)
            spec = self._labels.get(name)
            if spec is not None and not _missing(value):  # an enum value by its label (stored as it is)
                text = spec.value_label(value, current_language())
            else:
                text = format_value(value, field_type)
            if role == Qt.ItemDataRole.ToolTipRole and len(text) < 40:
                return None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and field_type in ("integer", "real"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if name == "tlp" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            tlp = self._value(row, column)
            if _missing(tlp):
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor("#000000")
            return QColor(TLP_COLOURS.get(str(tlp), "#ffffff"))
        if role == UUID_ROLE:
            return self.uuid_at(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1] if section < len(self._columns) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Vectorised, stable, nulls last in both directions."""
        if not 0 <= column < len(self._columns) or self._frame is None or self._frame.empty:
            return
        self.layoutAboutToBeChanged.emit()
        series = self._frame[self._columns[column][0]]
        ascending = order == Qt.SortOrder.AscendingOrder
        try:
            positions = series.reset_index(drop=True).sort_values(
                ascending=ascending, na_position="last", kind="stable").index.to_numpy()
        except TypeError:  # mixed types: compare as text
            positions = series.astype(str).reset_index(drop=True).sort_values(
                ascending=ascending, kind="stable").index.to_numpy()
        old_order = self._order
        self._order = positions.astype(np.int64)
        self._reindex()
        # Keep selections and the current cell on the same features.
        new_row = np.empty(len(self._order), dtype=np.int64)
        new_row[self._order] = np.arange(len(self._order))
        old = self.persistentIndexList()
        new = [self.index(int(new_row[old_order[idx.row()]]), idx.column()) for idx in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def filter_mask(self, text: str) -> np.ndarray:
        """Rows (frame positions) whose any cell contains ``text``, case-insensitive."""
        if not text or self._frame is None:
            return np.ones(len(self._order), dtype=bool)
        if self._search is None:
            import pandas as pd

            lang = current_language()
            parts = [self._search_column(c, lang) for c, _, _ in self._columns]
            joined = parts[0].str.cat(parts[1:], sep="\x1f") if parts else pd.Series([], dtype=str)
            self._search = joined.str.lower().str.replace("_", " ", regex=False)
        needle = text.lower().replace("_", " ")
        return self._search.str.contains(needle, regex=False).to_numpy(dtype=bool)

    def _search_column(self, column: str, lang: str) -> pd.Series:
        """A column's text as the filter searches it: stored values, and enum values as shown too."""
        raw = self._frame[column].astype(object).where(self._frame[column].notna(), "").astype(str)
        spec = self._labels.get(column)
        if spec is None:
            return raw
        labels = {value: spec.value_label(value, lang) for value in spec.values}
        return raw + " " + raw.map(labels).fillna("")

    def frame_position(self, row: int) -> int:
        return int(self._order[row])


class FeatureFilterProxy(QSortFilterProxyModel):
    """Filters by a mask the model computed at once; sorting is delegated to the model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mask: np.ndarray | None = None

    def set_mask(self, mask: np.ndarray | None) -> None:
        self.beginFilterChange()
        self._mask = mask
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._mask is None:
            return True
        model = self.sourceModel()
        return bool(self._mask[model.frame_position(source_row)])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class AttributeTable(QWidget):
    """The dock's widget. ``canvas`` needs select / selection / clear_selection."""

    loaded = Signal(str)  # layer name, once its rows are in the model
    currentFeatureChanged = Signal(str, str)  # layer, uuid

    def __init__(self, canvas: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.workspace: Workspace | None = None
        self.layer: str | None = None
        self._syncing = False
        self._loading: Worker | None = None
        self._sized_for: str | None = None

        self.layer_box = QComboBox(self)
        self.layer_box.setToolTip(self.tr("Layer shown in the table"))
        self.layer_box.currentIndexChanged.connect(self._layer_chosen)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Filter rows (any column contains…)"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(lambda _: self._filter_timer.start())
        self.status = QLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.model = FeatureTableModel(self)
        self.proxy = FeatureFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().selectionChanged.connect(self._rows_selected)
        self.view.doubleClicked.connect(self._double_clicked)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.layer_box)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._reload_timer = QTimer(self, singleShot=True, interval=150)
        self._reload_timer.timeout.connect(self.reload)

    # --- workspace and layer ----------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None, layer: str | None = None) -> None:
        self.workspace = workspace
        self.layer = None
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        if workspace is not None:
            for kind in workspace.catalog:
                self.layer_box.addItem(kind.title_in(current_language()), kind.name)
        self.layer_box.blockSignals(False)
        self.model.set_frame(None, None)
        if workspace is not None:
            names = workspace.layers()
            if layer is None:
                # Start on the first layer that has features, so the table shows something.
                layer = next((n for n in names if n != "road" and workspace.count(n)), names[0])
            self.set_layer(layer)

    def set_layer(self, layer: str) -> None:
        if self.workspace is None or layer == self.layer:
            return
        self.layer = layer
        index = self.layer_box.findData(layer)
        if index >= 0 and index != self.layer_box.currentIndex():
            self.layer_box.blockSignals(True)
            self.layer_box.setCurrentIndex(index)
            self.layer_box.blockSignals(False)
        self.reload()

    def _layer_chosen(self, index: int) -> None:
        layer = self.layer_box.itemData(index)
        if layer:
            self.set_layer(layer)

    def schedule_reload(self, layer: str | None = None) -> None:
        """After a workspace change: reload if it touched our layer (debounced)."""
        if layer is None or layer == self.layer:
            self._reload_timer.start()

    def reload(self) -> None:
        """Read the layer in a worker; the rows replace the model's when it is done."""
        ws, layer = self.workspace, self.layer
        if ws is None or layer is None:
            return
        if self._loading is not None:
            self._loading.cancel()
        self.status.setText(self.tr("loading…"))
        kind = ws.kind(layer)
        path = workspace_target(ws)
        worker = Worker(lambda feedback: read_attributes(path, kind),
                        title=self.tr("Reading {layer}").format(layer=kind.title_in(current_language())))
        self._loading = worker

        def done(frame: pd.DataFrame) -> None:
            if self._loading is not worker or self.layer != layer:
                return  # a newer load superseded this one
            self._loading = None
            self._show_frame(kind, frame)
            self.loaded.emit(layer)

        def failed(message: str) -> None:
            if self._loading is worker:
                self._loading = None
                self.status.setText(self.tr("cannot read: {reason}").format(reason=message))

        worker.succeeded.connect(done)
        worker.failed.connect(failed)
        worker.start()

    def is_loading(self) -> bool:
        return self._loading is not None

    def _show_frame(self, kind: LayerKind, frame: pd.DataFrame) -> None:
        header = self.view.horizontalHeader()
        sort_column, sort_order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        sort_name = self.model.column_name(sort_column) if 0 <= sort_column < self.model.columnCount() else None
        self._syncing = True
        self.model.set_frame(kind, frame)
        if sort_name is not None:
            try:
                column = self.model.column_index(sort_name)
                self.model.sort(column, sort_order)
            except KeyError:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.set_mask(self.model.filter_mask(self.filter_box.text()) if self.filter_box.text() else None)
        self._syncing = False
        if self.model.rowCount() and self._sized_for != kind.name:  # a new layer: fit its columns once
            self._sized_for = kind.name
            self.view.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 260))
        self._update_status()
        selection = getattr(self.canvas, "selection", lambda: {})() or {}
        self.select_uuids(selection.get(kind.name, set()))

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        selected = len(self.selected_uuids())
        if shown != total:
            text = self.tr("{shown} of {total}").format(shown=format_count(shown), total=format_count(total))
        else:
            text = AttributeTable.tr("%Ln feature(s)", "", total)
        if selected:
            text += ", " + AttributeTable.tr("%Ln selected", "", selected)
        self.status.setText(text)

    def apply_filter(self) -> None:
        text = self.filter_box.text().strip()
        self.proxy.set_mask(self.model.filter_mask(text) if text else None)
        self._update_status()

    # --- selection, both ways ------------------------------------------------------------------------
    def selected_uuids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [self.model.uuid_at(self.proxy.mapToSource(index).row()) for index in rows]

    def _rows_selected(self, *_args: object) -> None:
        if self._syncing or self.layer is None:
            return
        uuids = self.selected_uuids()
        self._syncing = True
        try:
            self.canvas.select(self.layer, uuids)
        finally:
            self._syncing = False
        self._update_status()
        if len(uuids) == 1:
            self.currentFeatureChanged.emit(self.layer, uuids[0])

    def on_map_selection(self, layer: str, uuids: list[str]) -> None:
        """The map's selection changed: follow it (switching layer if it is another one's)."""
        if self._syncing:
            return
        if layer != self.layer:
            if not uuids:
                return
            self.set_layer(layer)  # reload selects from the canvas's selection when done
            return
        self.select_uuids(set(uuids))

    def select_uuids(self, uuids: set[str]) -> None:
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        rows = sorted(r for r in (self.model.row_of(u) for u in uuids) if r is not None)
        for row in rows:
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            if proxy_index.isValid():
                selection.select(proxy_index, self.proxy.index(proxy_index.row(), last))
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().select(selection, flags)
            if not selection.isEmpty():
                self.view.scrollTo(selection.indexes()[0], QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False
        self._update_status()

    def select_all(self) -> None:
        self.view.selectAll()

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.layer is None:
            return
        uuid = self.model.uuid_at(self.proxy.mapToSource(index).row())
        self.canvas.select(self.layer, [uuid])
        self.canvas.zoom_to_selection()
