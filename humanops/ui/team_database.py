"""The app on a team database (a workspace in PostgreSQL/PostGIS, ``store.postgis``).

* :class:`TeamDatabaseDialog`, File › Open team database…: a ``postgresql://`` URL, or server,
  database and user, or a libpq service name. No password field: libpq finds it in ``~/.pgpass``
  (``PGPASSFILE``) or the service file, so HumanOps never stores one; a URL carrying a password
  is refused with what to do instead.
* :func:`open_team_workspace`: the checks before opening, each a message naming the URL without
  its password (unreachable, no PostGIS, not a workspace).
* :class:`TeamChangeListener`: a thread LISTENing on a connection of its own for other sessions'
  commits (``NOTIFY humanops_changes``, docs/architecture.md, section 4); the GUI thread gets
  them gathered every :data:`COALESCE_MS` and gives them to the workspace's subscribers (map,
  table, form), or re-reads a layer whole when a commit changed more rows than a notice lists.
* :func:`unavailable_on_team_database`: the features whose engine still speaks SQLite only say
  so, rather than fail half-way.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlsplit

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import WorkspaceError
from humanops.store.open_target import is_postgres_url

if TYPE_CHECKING:
    from humanops.store.postgis.workspace import PostgisWorkspace

log = logging.getLogger(__name__)

# The ops of a change to a layer's rows (the triggers'); any other (``proposal``) is a note about features
ROW_OPS = frozenset({"insert", "update", "delete", "bulk"})
COALESCE_MS = 150  # others' commits heard within this are shown in one redraw
LISTEN_WAIT_S = 0.25  # how long the listening thread waits for a notice before it looks at its stop flag
ERROR_STYLE = "color: #b00020;"


def is_team_workspace(workspace: Any) -> bool:
    """Whether ``workspace`` lives in a database (it has a URL) rather than a file."""
    return is_postgres_url(getattr(workspace, "url", None) or "")


def workspace_name(workspace: Any) -> str:
    """A short name for titles and messages: the file's name, or ``database @ server``."""
    if is_team_workspace(workspace):
        return url_name(workspace.url)
    return Path(workspace.path).name


def url_name(url: str) -> str:
    """``database @ server`` (or ``service NAME``) of a postgresql:// URL, no user or password."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    if "service" in params and not parts.path.strip("/"):
        return QCoreApplication.translate("TeamDatabase", "service {name}").format(name=params["service"])
    database = parts.path.strip("/") or params.get("dbname", "")
    host = parts.hostname or params.get("host", "") or "localhost"
    if host.startswith("/"):
        host = QCoreApplication.translate("TeamDatabase", "local socket")
    return f"{database} @ {host}"


def has_password(url: str) -> bool:
    parts = urlsplit(url)
    return parts.password is not None or any(k == "password" for k, _ in parse_qsl(parts.query))


def open_team_workspace(url: str) -> PostgisWorkspace:
    """The team workspace at ``url``, checked first: a WorkspaceError naming the URL (never a
    password) when the server cannot be reached, PostGIS is not enabled or no workspace is there."""
    from humanops.store.postgis.workspace import PostgisWorkspace, connect, display_url, has_postgis

    where = display_url(url)
    if has_password(url):
        raise WorkspaceError(QCoreApplication.translate(
            "TeamDatabase", "the URL carries a password; HumanOps never stores one: put it in ~/.pgpass (or "
            "PGPASSFILE, or a pg_service.conf service) and give the URL without it"), file=where)
    connection = connect(url)  # its error names the URL and the server's reason
    try:
        if not has_postgis(connection):
            raise WorkspaceError(QCoreApplication.translate(
                "TeamDatabase", "PostGIS is not enabled in this database (its administrator runs CREATE EXTENSION "
                "postgis)"), file=where)
    finally:
        connection.close()
    return PostgisWorkspace.open(url)


def unavailable_on_team_database() -> str:
    return QCoreApplication.translate(
        "TeamDatabase",
        "Not available on a team database yet: copy it to a GeoPackage (humanops checkout) to use this.")


# --- File › Open team database… -----------------------------------------------------------------
class TeamDatabaseDialog(QDialog):
    """Where the team database is: a URL, server fields or a service name (no password)."""

    chosen = Signal(str)  # the postgresql:// URL to open

    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("team_database_dialog")
        self.setWindowTitle(self.tr("Open team database"))
        self.by_url = QRadioButton(self.tr("URL"), self)
        self.by_server = QRadioButton(self.tr("Server and database"), self)
        self.by_service = QRadioButton(self.tr("Service name (pg_service.conf)"), self)
        self._ways = QButtonGroup(self)
        for button in (self.by_url, self.by_server, self.by_service):
            self._ways.addButton(button)
        self.url = QLineEdit(url, self)
        self.url.setObjectName("team_url")
        self.url.setPlaceholderText("postgresql://user@server/database")
        self.host = QLineEdit(self)
        self.host.setObjectName("team_host")
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit(self)
        self.database.setObjectName("team_database")
        self.user = QLineEdit(self)
        self.user.setObjectName("team_user")
        self.service = QLineEdit(self)
        self.service.setObjectName("team_service")
        form = QFormLayout()
        form.addRow(self.by_url)
        form.addRow(self.tr("URL:"), self.url)
        form.addRow(self.by_server)
        form.addRow(self.tr("Server:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.by_service)
        form.addRow(self.tr("Service:"), self.service)
        note = QLabel(self.tr("HumanOps never stores a password: libpq reads it from ~/.pgpass (PGPASSFILE on "
                              "Windows: %APPDATA%\\postgresql\\pgpass.conf) or from the service file."), self)
        note.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("team_problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setObjectName("team_open")
        buttons.accepted.connect(self._open)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.by_url.setChecked(True)
        self._ways.buttonToggled.connect(lambda *_: self._update_enabled())
        for edit in (self.host, self.database, self.user):
            edit.textEdited.connect(lambda _text: self.by_server.setChecked(True))
        self.service.textEdited.connect(lambda _text: self.by_service.setChecked(True))
        self.url.textEdited.connect(lambda _text: self.by_url.setChecked(True))
        self._update_enabled()
        self.resize(520, self.sizeHint().height())

    def _update_enabled(self) -> None:
        self.problem.hide()

    def target(self) -> str:
        """The URL the fields give (empty when incomplete)."""
        if self.by_service.isChecked():
            name = self.service.text().strip()
            return f"postgresql:///?service={quote(name)}" if name else ""
        if self.by_server.isChecked():
            host, database = self.host.text().strip(), self.database.text().strip()
            if not host or not database:
                return ""
            user = self.user.text().strip()
            auth = quote(user, safe="") + "@" if user else ""
            server = f"[{host}]" if ":" in host else host
            return f"postgresql://{auth}{server}:{self.port.value()}/{quote(database, safe='')}"
        return self.url.text().strip()

    def problem_with(self, url: str) -> str | None:
        if not url:
            return self.tr("Give a URL, a server and a database, or a service name.")
        if not is_postgres_url(url):
            return self.tr("A team database URL starts with postgresql:// (a GeoPackage file opens with File › Open "
                           "workspace…).")
        if has_password(url):
            return self.tr("Leave the password out: HumanOps never stores one. Put it in ~/.pgpass (or a service "
                           "file) and libpq finds it there.")
        return None

    def _open(self) -> None:
        url = self.target()
        problem = self.problem_with(url)
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()
        self.chosen.emit(url)


# --- others' commits ---------------------------------------------------------------------------------
class TeamChangeListener(QObject):
    """LISTENs for other sessions' commits on a thread and a connection of its own; on the GUI
    thread, gathers them and hands them to ``deliver(layer -> set of uuids, or None: whole layer,
    notes)``. ``notes``: (layer, op, uuids) of what was said about features without changing them
    (a proposal made or decided), kept with their op so the panels that follow them hear it."""

    heard = Signal(object)  # list of (layer, op, uuids or None), emitted from the listening thread

    def __init__(self, url: str, own_pid: int, deliver: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.own_pid = own_pid
        self.deliver = deliver
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._gathered: dict[str, set[str] | None] = {}
        self._notes: dict[tuple[str, str], set[str]] = {}  # (layer, op) -> uuids
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self.heard.connect(self._gather)  # queued: the signal is emitted on the listening thread
        self.listening = threading.Event()  # set once LISTEN is in force (tests wait on it)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._listen, name="team-changes", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._timer.stop()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _listen(self) -> None:
        from humanops.store.postgis.schema import NOTIFY_CHANNEL
        from humanops.store.postgis.workspace import connect

        try:
            connection = connect(self.url)
        except WorkspaceError:
            log.warning("cannot listen for others' changes", exc_info=True)
            return
        try:
            connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self.listening.set()
            while not self._stop.is_set():
                batch = []
                for note in connection.notifies(timeout=LISTEN_WAIT_S):
                    if note.pid != self.own_pid:  # our own commits reached the subscribers at commit
                        payload = json.loads(note.payload)
                        uuids = payload.get("uuids")
                        batch.append((payload["layer"], payload["op"], tuple(uuids) if uuids else None))
                    if self._stop.is_set():
                        break
                if batch and not self._stop.is_set():
                    self.heard.emit(batch)
        except Exception:  # the server went away: the window keeps working on what it has
            log.warning("stopped listening for others' changes", exc_info=True)
        finally:
            connection.close()

    def _gather(self, batch: list[tuple[str, str, tuple[str, ...] | None]]) -> None:
        if self._stop.is_set():
            return
        for layer, op, uuids in batch:
            if op not in ROW_OPS:
                self._notes.setdefault((layer, op), set()).update(uuids or ())
                continue
            held = self._gathered.get(layer, set())
            self._gathered[layer] = None if held is None or uuids is None else held | set(uuids)
        self._timer.start()

    def _flush(self) -> None:
        gathered, self._gathered = self._gathered, {}
        notes, self._notes = self._notes, {}
        if (gathered or notes) and not self._stop.is_set():
            self.deliver(gathered, [(layer, op, tuple(sorted(uuids))) for (layer, op), uuids in notes.items()])
