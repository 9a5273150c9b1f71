"""What the app remembers between sessions (QSettings): recent workspaces, window layout.

QSettings takes the organisation and application names set by :func:`configure_application`;
tests point QSettings at a temporary folder (``QSettings.setPath``) so they never touch the
user's own settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

ORGANISATION = "HumanOps"
APPLICATION = "HumanOps"
MAX_RECENT = 8
RECENT_KEY = "recent_workspaces"  # newest first, absolute paths
NEW_WORKSPACE_FOLDER_KEY = "first_run/folder"  # where the last demo or new workspace was made
# Minutes our keys stay unlocked after a passphrase was typed (0: asked for in every window).
# Only this choice is stored; the keys themselves are held in memory (ui/sharing/unlocked_keys.py).
KEEP_KEYS_UNLOCKED_KEY = "sharing/keep_keys_unlocked_minutes"
KEEP_KEYS_UNLOCKED_CHOICES = (0, 5, 15, 30, 60)
# File › Reopen the last workspace at start (on unless turned off): the newest recent workspace.
REOPEN_LAST_KEY = "start/reopen_last_workspace"


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
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in (value or []) if v]


def _is_url(entry: str) -> bool:
    """A team database's URL (``postgresql://``) rather than a file's path."""
    return entry.startswith(("postgresql://", "postgres://"))


def recent_entry_exists(entry: str) -> bool:
    """Whether a recent entry can be offered: its file is there (a database URL is always offered:
    whether its server answers is found when it is opened)."""
    return _is_url(entry) or Path(entry).is_file()


def add_recent_workspace(settings: QSettings, path: str | Path) -> list[str]:
    """Put a workspace first in the list: a file's absolute path, or a database's URL without its
    password (never stored: libpq reads it from ~/.pgpass or a service file)."""
    if isinstance(path, str) and _is_url(path):
        from humanops.store.postgis.workspace import display_url

        path = display_url(path)
    else:
        path = str(Path(path).resolve())
    recent = [p for p in recent_workspaces(settings) if p != path]
    recent.insert(0, path)
    del recent[MAX_RECENT:]
    settings.setValue(RECENT_KEY, recent)
    return recent


def remove_recent_workspace(settings: QSettings, path: str) -> list[str]:
    recent = [p for p in recent_workspaces(settings) if p != path]
    settings.setValue(RECENT_KEY, recent)
    return recent


def existing_recent_workspaces(settings: QSettings) -> list[str]:
    """The recent workspaces whose file is still there (a moved or deleted one is not)."""
    return [p for p in recent_workspaces(settings) if recent_entry_exists(p)]


def remove_missing_recent_workspaces(settings: QSettings) -> list[str]:
    """Forget the recent workspaces whose file is gone; the list kept."""
    recent = existing_recent_workspaces(settings)
    settings.setValue(RECENT_KEY, recent)
    return recent


def clear_recent_workspaces(settings: QSettings) -> None:
    settings.remove(RECENT_KEY)


def workspace_folder(settings: QSettings) -> Path:
    """Where a new workspace or demo is offered to go: the folder used last time, else
    ``HumanOps`` in the user's documents (their data folder where there is no such thing)."""
    last = settings.value(NEW_WORKSPACE_FOLDER_KEY, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.AppDataLocation):
        base = QStandardPaths.writableLocation(location)
        if base:
            return Path(base) / "HumanOps"
    return Path.home() / "HumanOps"


def remember_workspace_folder(settings: QSettings, path: str | Path) -> None:
    settings.setValue(NEW_WORKSPACE_FOLDER_KEY, str(Path(path).resolve().parent))


def keep_keys_unlocked_minutes(settings: QSettings) -> int:
    """How long the keys stay unlocked, in minutes; 0 (the default) keeps them only for one window."""
    try:
        minutes = int(settings.value(KEEP_KEYS_UNLOCKED_KEY, 0) or 0)
    except (TypeError, ValueError):  # a hand-edited settings file: the safe choice
        return 0
    return max(0, min(minutes, max(KEEP_KEYS_UNLOCKED_CHOICES)))


def set_keep_keys_unlocked_minutes(settings: QSettings, minutes: int) -> None:
    settings.setValue(KEEP_KEYS_UNLOCKED_KEY, max(0, int(minutes)))
    settings.sync()


def reopen_last_workspace(settings: QSettings) -> bool:
    """Whether the app opens the last workspace when it starts (on by default)."""
    value = settings.value(REOPEN_LAST_KEY, True)
    if isinstance(value, str):  # an ini file gives "true"/"false" back as text
        return value.strip().lower() not in ("false", "0", "no", "off")
    return bool(value)


def set_reopen_last_workspace(settings: QSettings, reopen: bool) -> None:
    settings.setValue(REOPEN_LAST_KEY, bool(reopen))
    settings.sync()


def workspace_to_reopen(settings: QSettings) -> str | None:
    """The workspace to open at start: the last one used, if reopening is on and its file is
    still there; None for the start page."""
    if not reopen_last_workspace(settings):
        return None
    recent = recent_workspaces(settings)
    return recent[0] if recent and recent_entry_exists(recent[0]) else None
