"""The Problems panel: features that are not valid for their kind, as another tool (QGIS, a
script) left them in the workspace, with the field and the reason. Double-click or Enter on
a row shows the feature on the map and in the form, where it is fixed.

Only HumanOps's own edits are validated before they are written; what other tools write is
checked by :mod:`humanops.ui.problems_watch` and listed here. Every row says in words what is
wrong (an icon's shape marks it too), never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
# Shown translated (context "ProblemsPanel").
COLUMNS = (QT_TRANSLATE_NOOP("ProblemsPanel", "Layer"), QT_TRANSLATE_NOOP("ProblemsPanel", "Feature"),
           QT_TRANSLATE_NOOP("ProblemsPanel", "Field"), QT_TRANSLATE_NOOP("ProblemsPanel", "Reason"))
NO_PROBLEMS = QT_TRANSLATE_NOOP("ProblemsPanel", "No problems: every feature is valid for its kind, those edited in "
                                                 "other tools (QGIS, scripts) too.\nThey are checked when the "
                                                 "workspace opens and whenever another tool changes the file.")
NO_WORKSPACE = QT_TRANSLATE_NOOP("ProblemsPanel", "No workspace open.")
FIRST_CHECK = QT_TRANSLATE_NOOP("ProblemsPanel", "Checking the features edited in other tools…")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProblemsPanel", text)


@dataclass(frozen=True)
class Problem:
    """One reason a stored feature is not valid, worded for the table."""

    layer: str | None
    layer_title: str
    uuid: str | None  # None: a problem of the whole layer
    feature: str  # its name, else a short uuid
    field: str | None
    field_title: str
    reason: str

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.layer, self.uuid)


def count_features(problems: list[Problem]) -> int:
    """How many features (or whole layers) the problems are about."""
    return len({p.key for p in problems})


def features_need_fixing(count: int) -> str:
    """"3 features edited in another tool need fixing" (one sentence for the panel and status bar)."""
    return ProblemsPanel.tr("%Ln feature(s) edited in another tool need(s) fixing", "", count)


class ProblemsModel(QAbstractTableModel):
    """The problems as rows: text, a tooltip with the whole uuid and reason, a warning icon."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self._icon = parent.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        problem = self.problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (problem.layer_title, problem.feature, problem.field_title, problem.reason)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return f"uuid {problem.uuid}" if problem.uuid else \
                    QCoreApplication.translate("ProblemsPanel", "The whole layer")
            if column == 2 and problem.field:
                return QCoreApplication.translate("ProblemsPanel", "column “{column}”").format(column=problem.field)
            if column == 3:
                return problem.reason
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None


class ProblemsPanel(QWidget):
    """The table of problems, a one-line summary, the check's progress with Cancel, and an
    empty state that says there is nothing to fix (not a blank table that could mean anything).

    ``featureChosen(layer, uuid)`` on double-click or Enter; ``refreshRequested`` from the
    Refresh button; ``cancelRequested`` from Cancel while a check runs."""

    featureChosen = Signal(str, str)
    fixRequested = Signal(str, str, str)  # layer, uuid, field: put a valid value in its place
    refreshRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(_tr(NO_WORKSPACE), self)
        self.summary.setObjectName("problems_summary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop checking (nothing is changed; Refresh checks again)"))
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.hide()
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Re-read changes made in other tools and check them (F5)"))
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.refresh_button.setEnabled(False)
        # for what the form cannot open: a value the app cannot read at all (a TLP of 'PURPLE')
        self.fix_button = QPushButton(self.tr("Fix value…"), self)
        self.fix_button.setToolTip(self.tr("Put a valid value in place of the selected problem's (a new version; "
                                           "the old one stays in the feature's history)"))
        self.fix_button.clicked.connect(self._fix_current)
        self.fix_button.setEnabled(False)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.progress)
        header.addWidget(self.cancel_button)
        header.addWidget(self.fix_button)
        header.addWidget(self.refresh_button)

        self.model = ProblemsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.view = QTableView(self)
        self.view.setObjectName("problems_table")
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        heading = self.view.horizontalHeader()
        heading.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        heading.setStretchLastSection(True)
        heading.setHighlightSections(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setToolTip(self.tr("Double-click a problem (or press Enter) to show the feature and fix it in the "
                                     "Feature panel"))
        # activated: a double-click, or Enter/Return on the current row (as the platform has it)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_fix_button())

        self.empty = QLabel(_tr(NO_WORKSPACE), self)
        self.empty.setObjectName("problems_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._sized = False
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

    # --- what is shown ---------------------------------------------------------------------------
    def set_workspace_open(self, is_open: bool) -> None:
        """Opened: nothing listed until the first check says what there is; closed: empty."""
        self.refresh_button.setEnabled(is_open)
        self.show_checking(False)
        self.set_problems([])
        text = _tr(FIRST_CHECK if is_open else NO_WORKSPACE)
        self.summary.setText(text)
        self.empty.setText(text)

    def set_problems(self, problems: list[Problem]) -> None:
        """Show ``problems`` (in layer, feature, field order until the user sorts otherwise)."""
        current = self._current_problem()
        ordered = sorted(problems, key=lambda p: (p.layer_title.casefold(), p.feature.casefold(),
                                                  p.field_title.casefold(), p.reason))
        self.model.set_problems(ordered)
        if ordered:
            self.summary.setText(features_need_fixing(count_features(ordered)) + ". "
                                 + self.tr("Double-click a row (or press Enter) to show the feature, then fix it in "
                                           "the Feature panel, or use Fix value… for one the form cannot open."))
            self.stack.setCurrentWidget(self.view)
            if not self._sized:  # once: later refreshes keep the widths the user chose
                self._sized = True
                self._resize_columns()
            self._restore_current(current)
        else:
            self.summary.setText("")  # the empty state below says it
            self.empty.setText(_tr(NO_PROBLEMS))
            self.stack.setCurrentWidget(self.empty)
        self._update_fix_button()

    def show_message(self, text: str) -> None:
        """A line about the check itself (cancelled, failed) in place of the summary."""
        self.summary.setText(text)
        if not self.model.problems:
            self.empty.setText(text)

    def show_checking(self, checking: bool) -> None:
        """The check's progress bar and Cancel (for a check that takes more than a moment)."""
        self.progress.setVisible(checking)
        self.cancel_button.setVisible(checking)

    def show_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"{message} %p%" if message else "%p%")

    # --- reading it back -----------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        return list(self.model.problems)

    def problem_count(self) -> int:
        return len(self.model.problems)

    def problem_at(self, row: int) -> Problem:
        """The problem on view row ``row`` (after the user's sort)."""
        return self.model.problems[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]

    def row_of(self, layer: str, uuid: str) -> int:
        """The view row of the first problem of a feature, -1 if none."""
        for row in range(self.proxy.rowCount()):
            if self.problem_at(row).key == (layer, uuid):
                return row
        return -1

    # --- helpers ---------------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        problem = self.model.problems[self.proxy.mapToSource(index).row()]
        if problem.layer and problem.uuid:
            self.featureChosen.emit(problem.layer, problem.uuid)

    def _fixable(self, problem: Problem | None) -> bool:
        return problem is not None and bool(problem.layer and problem.uuid and problem.field) and \
            problem.field != "geometry"

    def _update_fix_button(self) -> None:
        self.fix_button.setEnabled(self._fixable(self._current_problem()))

    def _fix_current(self) -> None:
        problem = self._current_problem()
        if self._fixable(problem):
            assert problem is not None and problem.layer and problem.uuid and problem.field
            self.fixRequested.emit(problem.layer, problem.uuid, problem.field)

    def _current_problem(self) -> Problem | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.problems[self.proxy.mapToSource(index).row()]

    def _restore_current(self, problem: Problem | None) -> None:
        """Keep the row the user was on when the list is refilled (a refresh must not lose it)."""
        if problem is None or problem not in self.model.problems:
            return
        source = self.model.index(self.model.problems.index(problem), 0)
        self.view.setCurrentIndex(self.proxy.mapFromSource(source))

    def _resize_columns(self) -> None:
        """Layer, feature and field fit their text (within reason); the reason takes the rest."""
        self.view.resizeColumnsToContents()
        for column in range(len(COLUMNS) - 1):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column) + 12, 260))
