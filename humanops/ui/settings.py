"""What the app remembers between sessions (QSettings): recent workspaces, window layout.

QSettings takes the organisation and application names set by :func:`configure_application`;
tests point QSettings at a temporary folder (``QSettings.setPath``) so they never touch the
user's own settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

ORGANISATION = "HumanOps"
APPLICATION = "HumanOps"
MAX_RECENT = 8


def configure_application(app: QCoreApplication) -> None:
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain("humanops.org")
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(app_version())


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("humanops")
    except PackageNotFoundError:
        return "development"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def recent_workspaces(settings: QSettings) -> list[str]:
    value = settings.value("recent_workspaces", [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_workspace(settings: QSettings, path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    recent = [p for p in recent_workspaces(settings) if p != path]
    recent.insert(0, path)
    del recent[MAX_RECENT:]
    settings.setValue("recent_workspaces", recent)
    return recent


def remove_recent_workspace(settings: QSettings, path: str) -> list[str]:
    recent = [p for p in recent_workspaces(settings) if p != path]
    settings.setValue("recent_workspaces", recent)
    return recent
