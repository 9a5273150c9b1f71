"""The planning area's entries in the main window (through humanops.ui.extensions).

The Analysis menu (its analyses also on a toolbar, triggers in a submenu) and the Results dock.
The dock's factory makes the window's :class:`~humanops.ui.planning.controller.PlanningController`
(``window.planning``), which the menu entries use. Light at import: the main window loads this
module at start-up; the dialogs and the engine are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from humanops.errors import HumanOpsError
from humanops.ui.extensions import menu_entry, panel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from humanops.ui.planning.controller import PlanningController

MENU = "&Analysis"
# Operation id -> menu text and tip, in menu order (the controller puts some on a toolbar).
ENTRIES = {
    "exposure": ("Exposure…", "People and needs in or near the danger zones valid at a time"),
    "corridor_risk": ("Corridor risk…", "Danger along each corridor within its width, and a risk score"),
    "route": ("Route…", "Fastest, safest or shortest route around the danger zones"),
    "plan_evacuation": ("Evacuation plan…", "Who goes to which shelter by which road, within capacities"),
    "plan_aid": ("Aid allocation…", "Shipments from warehouse stocks to needs, priority first"),
}
SHORTCUTS = {"route": "Ctrl+Shift+R"}
ADOPT_RULES = "Adopt trigger rules…"
CHECK_TRIGGERS = "Check triggers now…"
SAVED_PLANS = "Saved plans…"


def _planning(window: Any) -> PlanningController:
    planning = getattr(window, "planning", None)
    if planning is None:
        raise HumanOpsError("the planning tools could not be set up (see the log)")
    return planning


def _operation_entry(op_id: str, text: str, tip: str) -> None:
    @menu_entry(MENU, text, tip=tip, shortcut=SHORTCUTS.get(op_id))
    def open_dialog(window: Any) -> None:
        _planning(window).open_dialog(op_id)


for _op_id, (_text, _tip) in ENTRIES.items():
    _operation_entry(_op_id, _text, _tip)


@menu_entry(MENU, ADOPT_RULES, tip="Check a TOML rule file and make it this workspace's rules")
def adopt_rules(window: Any) -> None:
    _planning(window).choose_rules()


@menu_entry(MENU, CHECK_TRIGGERS, tip="Evaluate the adopted trigger rules now")
def check_triggers(window: Any) -> None:
    _planning(window).open_dialog("triggers")


@menu_entry(MENU, SAVED_PLANS, tip="Evacuation and aid plans saved in this workspace")
def saved_plans(window: Any) -> None:
    _planning(window).show_saved_plans()


@panel("results", "Results", area="bottom", visible=False)
def results_panel(window: Any) -> QWidget:
    from humanops.ui.planning.controller import PlanningController

    window.planning = PlanningController(window)
    return window.planning.results
