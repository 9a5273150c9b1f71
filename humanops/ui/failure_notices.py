"""What the main window says about failures besides the error dialog: *Help → Report a
problem…*, the extensions that failed to load (once: a status-bar button and a Help entry that
stay, with the reasons), and a status message when a layer fails to load."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QStyle, QToolButton

from humanops.logs import log_file_path
from humanops.ui import extensions
from humanops.ui.i18n import current_language
from humanops.ui.problem_report_ui import save_problem_report

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

STATUS_MS = 20_000


class FailureNotices(QObject):
    """The notices' translation context (a class for the numerus forms: lupdate marks a plural only
    in a class's ``tr``; never instantiated)."""


def install_failure_notices(window: MainWindow) -> None:
    help_menu = window.actions.menus["Help"]
    report = QAction(QCoreApplication.translate("FailureNotices", "&Report a problem…"), window)
    report.setObjectName("report_problem_action")
    report.setStatusTip(QCoreApplication.translate("FailureNotices", "Save a zip of the log files and versions to "
                                                   "send to your support contact (no workspace, keys or features)"))
    report.triggered.connect(lambda: save_problem_report(
        window, lambda text: window.statusBar().showMessage(text, STATUS_MS)))
    help_menu.insertAction(window.actions.about, report)
    help_menu.insertSeparator(window.actions.about)
    window.report_problem_action = report  # type: ignore[attr-defined]  # tests trigger it

    failures = extensions.extension_failures()
    if failures:
        _show_extension_failures(window, failures)
    window.canvas.layerFailureChanged.connect(lambda layer: _layer_failure_changed(window, layer))


def _show_extension_failures(window: MainWindow, failures: list[extensions.ExtensionFailure]) -> None:
    icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    count = len(failures)
    text = FailureNotices.tr("%n part(s) of HumanOps failed to load", "", count)
    details = QAction(icon, QCoreApplication.translate("FailureNotices", "{text}: details…").format(text=text), window)
    details.setObjectName("extension_failures_action")
    details.triggered.connect(lambda: extension_failures_box(window, failures).open())
    window.actions.menus["Help"].insertAction(window.actions.about, details)
    button = QToolButton(window)
    button.setObjectName("extension_failures_button")
    button.setDefaultAction(details)
    button.setText("⚠ " + text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAutoRaise(True)
    button.setStyleSheet("color: #b00020; font-weight: bold;")
    window.statusBar().addPermanentWidget(button)
    window.extension_failures_button = button  # type: ignore[attr-defined]  # tests click it
    names = ", ".join(failure.part for failure in failures)
    window.statusBar().showMessage(QCoreApplication.translate(
        "FailureNotices", "Could not load {names}: their menus and panels are missing; the rest works. Help menu "
        "for details.").format(names=names), STATUS_MS)


def extension_failures_box(window: MainWindow, failures: list[extensions.ExtensionFailure]) -> QMessageBox:
    lines = "".join(f"<li><b>{_escape(f.part)}</b>: {_escape(f.reason)}</li>" for f in failures)
    path = log_file_path()
    where = QCoreApplication.translate("FailureNotices", "The log file has the details: {path}").format(path=path) \
        if path else QCoreApplication.translate("FailureNotices", "No log file is written.")
    text = QCoreApplication.translate(
        "FailureNotices", "<p>These parts could not be loaded, so their menus, panels and toolbars are missing:</p>"
        "<ul>{lines}</ul><p>The rest of HumanOps works. Reinstalling usually helps; if not, send a problem report "
        "(Help → Report a problem…).</p><p>{where}</p>").format(lines=lines, where=_escape(where))
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QCoreApplication.translate("FailureNotices", "Parts of HumanOps failed to load"), text,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("extension_failures_box")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def _layer_failure_changed(window: MainWindow, layer: str) -> None:
    failure = window.canvas.layer_failure(layer)
    if failure is None or window.workspace is None:
        return
    title = window.workspace.kind(layer).title_in(current_language())
    if failure.stage == "load":
        message = QCoreApplication.translate(
            "FailureNotices", "{title} failed to load: {reason}. It is marked in the Layers panel, with Retry.")
    else:
        message = QCoreApplication.translate(
            "FailureNotices", "{title} failed to draw: {reason}. It is marked in the Layers panel, with Retry.")
    window.statusBar().showMessage(message.format(title=title, reason=failure.reason), STATUS_MS)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
