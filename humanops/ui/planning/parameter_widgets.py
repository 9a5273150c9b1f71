"""One input widget per typed parameter (humanops.analysis.registry), as QGIS Processing builds its dialogs.

``widget_for(op, param, context)`` picks the editor by the parameter's type: a layer picker, a
number with its range and unit, a combo (or ticks, for several choices), a date/time with "Now"
and "Scenario time", a point or a place that can be picked on the map, a tick, a line of text.
Every editor's ``raw()`` is what the user gave (None for "not given"), which
``validate_params`` converts and checks exactly as it does for the command line.

A route's ``start`` and ``end`` are text parameters ("lat,lon", a feature uuid or a facility
name) that the dialog shows as places: :data:`PLACE_PARAMETERS` names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from humanops.analysis.registry import (
    BoolParam,
    DateTimeParam,
    EnumParam,
    LayerParam,
    NumberParam,
    Parameter,
    PointParam,
    StringParam,
)
from humanops.errors import HumanOpsError
from humanops.model.clock import workspace_now
from humanops.model.exercise import is_scenario
from humanops.ui.date_time_edits import MomentEdit, to_the_minute
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_datetime
from humanops.ui.planning.operation_texts import operation_text

if TYPE_CHECKING:
    from humanops.analysis.registry import Operation
    from humanops.store.workspace import Workspace

# Text parameters that name a place: "lat,lon" (latitude first, as the route command takes them).
PLACE_PARAMETERS = {("route", "start"), ("route", "end")}
_BIG = 1e12


@dataclass
class DialogContext:
    """What editors may offer besides the parameter itself."""

    workspace: Workspace | None = None
    scenario_now: datetime | None = None
    map_time: datetime | None = None  # the time the map shows (the time slider), if one is set


class ParameterWidget(QWidget):
    """Base: ``raw()`` is the value to validate (None when not given); ``edited`` on any change."""

    edited = Signal()

    def __init__(self, param: Parameter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.param = param
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def raw(self) -> Any:
        raise NotImplementedError

    def set_raw(self, value: Any) -> None:
        raise NotImplementedError


class LayerWidget(ParameterWidget):
    def __init__(self, param: LayerParam, context: DialogContext, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.combo = QComboBox(self)
        ws = context.workspace
        names = list(param.kinds) or (ws.layers() if ws is not None else [])
        for name in names:
            title = ws.kind(name).title_in(current_language()) if ws is not None and name in ws.layers() else name
            self.combo.addItem(f"{title} ({name})", name)
        if param.default is not None:
            self.set_raw(param.default)
        self.combo.currentIndexChanged.connect(self.edited)
        self.row.addWidget(self.combo, 1)

    def raw(self) -> Any:
        return self.combo.currentData()

    def set_raw(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index >= 0:
            self.combo.setCurrentIndex(index)


class NumberWidget(ParameterWidget):
    """A spin box within the parameter's range and unit; an optional number without a default
    has a "set" tick (unticked: the operation decides)."""

    def __init__(self, param: NumberParam, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        low = param.min if param.min is not None else -_BIG
        high = param.max if param.max is not None else _BIG
        if param.integer:
            self.spin: QSpinBox | QDoubleSpinBox = QSpinBox(self)
            self.spin.setRange(int(max(low, -(2**31) + 1)), int(min(high, 2**31 - 1)))
        else:
            self.spin = QDoubleSpinBox(self)
            step = 1.0 if high - low > 10 else 0.05
            self.spin.setDecimals(2 if step < 1 else 1)
            self.spin.setSingleStep(step)
            self.spin.setRange(low, high)
        if param.unit:
            self.spin.setSuffix(f" {param.unit}")
        if param.default is not None:
            self.spin.setValue(param.default)
        self.spin.valueChanged.connect(self.edited)
        self.row.addWidget(self.spin, 1)
        self.set_box: QCheckBox | None = None
        if param.optional and param.default is None:
            self.set_box = QCheckBox(self.tr("set"), self)
            self.set_box.setToolTip(self.tr("Untick to leave it to the operation (see the help)"))
            self.set_box.toggled.connect(self.spin.setEnabled)
            self.set_box.toggled.connect(self.edited)
            self.spin.setEnabled(False)
            self.row.addWidget(self.set_box)

    def raw(self) -> Any:
        if self.set_box is not None and not self.set_box.isChecked():
            return None
        return self.spin.value()

    def set_raw(self, value: Any) -> None:
        if self.set_box is not None:
            self.set_box.setChecked(value is not None)
        if value is not None:
            self.spin.setValue(float(value) if isinstance(self.spin, QDoubleSpinBox) else int(value))


class EnumWidget(ParameterWidget):
    """A combo for one choice; a list of ticks for several."""

    def __init__(self, param: EnumParam, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.combo: QComboBox | None = None
        self.ticks: QListWidget | None = None
        if param.multiple:
            self.ticks = QListWidget(self)
            chosen = set(param.default or ())
            for choice in param.choices:
                item = QListWidgetItem(choice.replace("_", " "), self.ticks)
                item.setData(Qt.ItemDataRole.UserRole, choice)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if choice in chosen else Qt.CheckState.Unchecked)
            rows = min(len(param.choices), 5)
            self.ticks.setFixedHeight(self.ticks.sizeHintForRow(0) * rows + 6 if rows else 24)
            self.ticks.itemChanged.connect(lambda _item: self.edited.emit())
            self.row.addWidget(self.ticks, 1)
        else:
            self.combo = QComboBox(self)
            if param.optional and param.default is None:
                self.combo.addItem(self.tr("(any)"), None)
            for choice in param.choices:
                self.combo.addItem(choice.replace("_", " "), choice)
            if param.default is not None:
                self.set_raw(param.default)
            self.combo.currentIndexChanged.connect(self.edited)
            self.row.addWidget(self.combo, 1)

    def raw(self) -> Any:
        if self.ticks is not None:
            chosen = [self.ticks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.ticks.count())
                      if self.ticks.item(i).checkState() == Qt.CheckState.Checked]
            return chosen if chosen or not self.param.optional else None
        assert self.combo is not None
        return self.combo.currentData()

    def set_raw(self, value: Any) -> None:
        if self.ticks is not None:
            chosen = set(value or ())
            for i in range(self.ticks.count()):
                item = self.ticks.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                                   else Qt.CheckState.Unchecked)
        elif self.combo is not None:
            index = self.combo.findData(value)
            if index >= 0:
                self.combo.setCurrentIndex(index)


class DateTimeWidget(ParameterWidget):
    """A UTC date and time, with "Now" (the workspace clock's: an exercise's scenario clock, a
    scenario's time, else the wall clock; ``model/clock.py``) and, in a scenario or exercise
    workspace, "Scenario time" (the demo's fixed ``scenario_now``, an exercise's clock). It starts
    at the time the map shows, if the time slider is set (what is analysed is what is seen), else
    the scenario time, else the workspace clock's now. It holds the minute it shows, never hidden
    seconds (ui/date_time_edits.py)."""

    def __init__(self, param: DateTimeParam, context: DialogContext, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.workspace = context.workspace
        self.scenario_now = context.scenario_now
        self.edit = MomentEdit(self)
        self.now_button = QPushButton(self.tr("Now"), self)
        self.now_button.setToolTip(self.tr("The current time"))
        self.now_button.clicked.connect(lambda: self.set_raw(self.now()))
        self.scenario_button = QPushButton(self.tr("Scenario time"), self)
        scenario = self.scenario_now is not None or (self.workspace is not None and is_scenario(self.workspace))
        self.scenario_button.setEnabled(scenario)
        if scenario:
            self.scenario_button.setToolTip(self.tr("The scenario's “now”: {at}").format(
                at=format_datetime(self.scenario_now or self.now())))
        else:
            self.scenario_button.setToolTip(self.tr("This workspace is not a scenario (no scenario time)"))
        self.scenario_button.clicked.connect(lambda: self.set_raw(self.scenario_now or self.now()))
        self.edit.dateTimeChanged.connect(self.edited)
        self.row.addWidget(self.edit, 1)
        self.row.addWidget(self.now_button)
        self.row.addWidget(self.scenario_button)
        start = param.default or context.map_time or self.scenario_now or self.now()
        self.set_raw(start)

    def now(self) -> datetime:
        """The workspace clock's minute (the wall clock's without a workspace)."""
        return to_the_minute(workspace_now(self.workspace) if self.workspace is not None else datetime.now(UTC))

    def raw(self) -> Any:
        return self.edit.moment()

    def set_raw(self, value: Any) -> None:
        if isinstance(value, str):
            value = DateTimeParam("at").convert(value)
        if isinstance(value, datetime):
            self.edit.set_moment(value)


class PickableWidget(ParameterWidget):
    """Text with a "Pick on map" button; ``pickRequested`` asks the dialog for a click on the map."""

    pickRequested = Signal(object)  # this widget

    def __init__(self, param: Parameter, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.textChanged.connect(self.edited)
        self.pick_button = QPushButton(self.tr("Pick on map"), self)
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(self.tr("Then click on the map; Esc cancels"))
        self.pick_button.clicked.connect(lambda: self.pickRequested.emit(self))
        self.row.addWidget(self.line, 1)
        self.row.addWidget(self.pick_button)
        if param.default is not None:
            self.set_raw(param.default)

    def raw(self) -> Any:
        text = self.line.text().strip()
        return text or None

    def set_raw(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def set_picked(self, lon: float, lat: float) -> None:
        raise NotImplementedError

    def picked_lonlat(self) -> tuple[float, float] | None:
        """Where the current value is, if it is a coordinate pair (to mark it on the map)."""
        raise NotImplementedError


class PointWidget(PickableWidget):
    """A WGS84 point as PointParam takes it: ``lon,lat``."""

    def __init__(self, param: PointParam, parent: QWidget | None = None) -> None:
        super().__init__(param, PointWidget.tr("lon,lat (degrees)"), parent)

    def set_picked(self, lon: float, lat: float) -> None:
        self.line.setText(f"{lon:.6f},{lat:.6f}")

    def picked_lonlat(self) -> tuple[float, float] | None:
        try:
            return PointParam("p").convert(self.line.text())
        except HumanOpsError:  # not a point (yet): nothing to mark
            return None


class PlaceWidget(PickableWidget):
    """A place for routing: ``lat,lon`` (latitude first), a feature uuid or a facility name
    (completed from the workspace's facilities)."""

    def __init__(self, param: StringParam, context: DialogContext, parent: QWidget | None = None) -> None:
        super().__init__(param, PlaceWidget.tr("lat,lon, a facility name or a feature uuid"), parent)

        ws = context.workspace
        if ws is not None and "facility" in ws.layers():
            names = sorted({str(name) for name in ws.value_counts("facility", "name") if name is not None})
            completer = QCompleter(names, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.line.setCompleter(completer)

    def set_picked(self, lon: float, lat: float) -> None:
        self.line.setText(f"{lat:.6f},{lon:.6f}")

    def picked_lonlat(self) -> tuple[float, float] | None:
        from humanops.errors import ValidationError
        from humanops.model.places import parse_place_text

        try:  # the same parser as the route command: what it marks, the command takes
            place = parse_place_text(self.line.text())
        except ValidationError:
            return None
        return (place.lon, place.lat) if place is not None else None


class BoolWidget(ParameterWidget):
    def __init__(self, param: BoolParam, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.box = QCheckBox(self)
        self.box.setChecked(bool(param.default))
        self.box.toggled.connect(self.edited)
        self.row.addWidget(self.box, 1)

    def raw(self) -> Any:
        return self.box.isChecked()

    def set_raw(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class StringWidget(ParameterWidget):
    def __init__(self, param: StringParam, parent: QWidget | None = None) -> None:
        super().__init__(param, parent)
        self.line = QLineEdit(self)
        if param.max_length:
            self.line.setMaxLength(param.max_length)
        if param.default is not None:
            self.line.setText(str(param.default))
        self.line.textChanged.connect(self.edited)
        self.row.addWidget(self.line, 1)

    def raw(self) -> Any:
        text = self.line.text()
        return text if text.strip() else None

    def set_raw(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))


def widget_for(op: Operation, param: Parameter, context: DialogContext, parent: QWidget | None = None
               ) -> ParameterWidget:
    """The editor for ``param`` of ``op``."""
    if (op.id, param.name) in PLACE_PARAMETERS and isinstance(param, StringParam):
        widget: ParameterWidget = PlaceWidget(param, context, parent)
    elif isinstance(param, LayerParam):
        widget = LayerWidget(param, context, parent)
    elif isinstance(param, NumberParam):
        widget = NumberWidget(param, parent)
    elif isinstance(param, EnumParam):
        widget = EnumWidget(param, parent)
    elif isinstance(param, DateTimeParam):
        widget = DateTimeWidget(param, context, parent)
    elif isinstance(param, PointParam):
        widget = PointWidget(param, parent)
    elif isinstance(param, BoolParam):
        widget = BoolWidget(param, parent)
    else:
        widget = StringWidget(param, parent)  # type: ignore[arg-type]
    widget.setObjectName(f"param_{param.name}")
    if param.help:
        widget.setToolTip(operation_text(param.help))
    return widget
