"""The *Exercise* menu of the main window, shown only while an exercise workspace is open: the
Injects panel, the scenario clock's settings, the decision report, Replay. (*File › New exercise…*,
for any workspace, is one of the window's own actions.)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def install_exercise_menu(window: Any) -> QMenu:
    """Put the Exercise menu before Help (hidden until an exercise opens); follow the workspace."""
    from humanops.ui.dialogs.decision_report_dialog import show_decision_report_dialog
    from humanops.ui.dialogs.exercise_dialogs import show_clock_dialog

    bar = window.menuBar()
    menu = QMenu(QCoreApplication.translate("ExerciseMenu", "E&xercise"), bar)
    menu.setObjectName("exercise_menu")
    help_menu = window.actions.menus.get("Help")
    if help_menu is not None:
        bar.insertMenu(help_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    dock = window.docks.get("injects")
    if dock is not None:
        injects = dock.toggleViewAction()  # the same check as in View › Panels
        menu.addAction(injects)
    clock = QAction(QCoreApplication.translate("ExerciseMenu", "Scenario &clock…"), window)
    clock.setObjectName("exercise_clock_settings_action")
    clock.setStatusTip(QCoreApplication.translate("ExerciseMenu", "Set the scenario time, the speed-up, or pause it"))
    clock.triggered.connect(lambda: show_clock_dialog(window))
    report = QAction(QCoreApplication.translate("ExerciseMenu", "&Decision report…"), window)
    report.setObjectName("decision_report_action")
    report.setStatusTip(QCoreApplication.translate(
        "ExerciseMenu", "Per inject and organisation, the time to see, alert, decide and inform (HTML or PDF)"))
    report.triggered.connect(lambda: show_decision_report_dialog(window))
    menu.addActions([clock, report])
    menu.addSeparator()
    menu.addAction(window.actions.replay)
    window.exercise_menu = menu
    window.exercise_actions = {"clock": clock, "report": report}
    window.exercise_clock.settingsRequested.connect(lambda: show_clock_dialog(window))

    def follow(*_args: Any) -> None:
        from humanops.model.exercise import is_exercise

        shown = window.workspace is not None and is_exercise(window.workspace)
        menu.menuAction().setVisible(shown)
        clock.setEnabled(shown)
        report.setEnabled(shown)

    follow()
    window.workspaceOpened.connect(follow)
    window.workspaceClosed.connect(follow)
    return menu
