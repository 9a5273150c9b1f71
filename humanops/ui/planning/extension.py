"""The planning area's entries in the main window (through humanops.ui.extensions).

The Analysis menu (its analyses also on a toolbar, triggers in a submenu) and the Results dock.
The dock's factory makes the window's :class:`~humanops.ui.planning.controller.PlanningController`
(``window.planning``), which the menu entries use. Light at import: the main window loads this
module at start-up; the dialogs and the engine are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from humanops.errors import HumanOpsError
from humanops.ui.extensions import menu_entry, panel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from humanops.ui.planning.controller import PlanningController

# Menu texts are the English keys of the entries; the menu shows them translated (context
# "extensions", as actions.py translates every extension's entries).
MENU = QT_TRANSLATE_NOOP("extensions", "&Analysis")
# Operation id -> menu text and tip, in menu order (the controller puts some on a toolbar).
ENTRIES = {
    "exposure": (QT_TRANSLATE_NOOP("extensions", "Exposure…"),
                 QT_TRANSLATE_NOOP("extensions", "People and needs in or near the danger zones valid at a time")),
    "corridor_risk": (QT_TRANSLATE_NOOP("extensions", "Corridor risk…"),
                      QT_TRANSLATE_NOOP("extensions", "Danger along each corridor within its width, and a risk score")),
    "route": (QT_TRANSLATE_NOOP("extensions", "Route…"),
              QT_TRANSLATE_NOOP("extensions", "Fastest, safest or shortest route around the danger zones")),
    "plan_evacuation": (QT_TRANSLATE_NOOP("extensions", "Evacuation plan…"),
                        QT_TRANSLATE_NOOP("extensions", "Who goes to which shelter by which road, within capacities")),
    "plan_aid": (QT_TRANSLATE_NOOP("extensions", "Aid allocation…"),
                 QT_TRANSLATE_NOOP("extensions", "Shipments from warehouse stocks to needs, priority first")),
}
SHORTCUTS = {"route": "Ctrl+Shift+R"}
ADOPT_RULES = QT_TRANSLATE_NOOP("extensions", "Adopt trigger rules…")
CHECK_TRIGGERS = QT_TRANSLATE_NOOP("extensions", "Check triggers now…")
SAVED_PLANS = QT_TRANSLATE_NOOP("extensions", "Saved plans…")


def _planning(window: Any) -> PlanningController:
    planning = getattr(window, "planning", None)
    if planning is None:
        raise HumanOpsError(QCoreApplication.translate("extensions", "the planning tools could not be set up "
                                                                     "(see the log)"))
    return planning


def _operation_entry(op_id: str, text: str, tip: str) -> None:
    @menu_entry(MENU, text, tip=tip, shortcut=SHORTCUTS.get(op_id))
    def open_dialog(window: Any) -> None:
        _planning(window).open_dialog(op_id)


for _op_id, (_text, _tip) in ENTRIES.items():
    _operation_entry(_op_id, _text, _tip)


@menu_entry(MENU, ADOPT_RULES, tip=QT_TRANSLATE_NOOP("extensions", "Check a TOML rule file and make it this "
                                                                  "workspace's rules"))
def adopt_rules(window: Any) -> None:
    _planning(window).choose_rules()


@menu_entry(MENU, CHECK_TRIGGERS, tip=QT_TRANSLATE_NOOP("extensions", "Evaluate the adopted trigger rules now"))
def check_triggers(window: Any) -> None:
    _planning(window).open_dialog("triggers")


@menu_entry(MENU, SAVED_PLANS, tip=QT_TRANSLATE_NOOP("extensions", "Evacuation and aid plans saved in this "
                                                                  "workspace"))
def saved_plans(window: Any) -> None:
    _planning(window).show_saved_plans()


@panel("results", QT_TRANSLATE_NOOP("extensions", "Results"), area="bottom", visible=False)
def results_panel(window: Any) -> QWidget:
    from humanops.ui.planning.controller import PlanningController

    window.planning = PlanningController(window)
    return window.planning.results
