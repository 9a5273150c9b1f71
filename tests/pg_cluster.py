"""A throwaway PostgreSQL + PostGIS cluster for the tests and benchmarks of the team workspace.

Debian's server binaries (``postgresql-15``, ``postgresql-15-postgis-3``, installed by
``packaging/system-packages.sh --test``) run a cluster in a temporary folder, listening only on a
Unix socket inside it (no TCP port: nothing else on the machine can reach it, and pytest-socket
allows Unix sockets). The server refuses to run as root, so as root the cluster runs as a system
user made for it (``humanops-pg``); the tests still connect as root, through the socket, as the
cluster's superuser ``humanops`` with trust authentication (the folder is the only way in).

    with ThrowawayCluster.start() as cluster:
        dsn = cluster.create_database("team")   # postgresql://… with the PostGIS extension
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

RUN_AS = "humanops-pg"
SUPERUSER = "humanops"


def server_bin() -> Path | None:
    """The folder of Debian's ``initdb``/``pg_ctl`` (newest major version), or None."""
    base = Path("/usr/lib/postgresql")
    versions = sorted((p for p in base.glob("*/bin") if (p / "initdb").exists()),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return versions[-1] if versions else None


def missing_reason() -> str | None:
    """Why no cluster can start here (a test skips with it), or None."""
    bindir = server_bin()
    if bindir is None:
        return "PostgreSQL's server is not installed (packaging/system-packages.sh --test installs postgresql-15)"
    share = Path("/usr/share/postgresql") / bindir.parent.name / "extension" / "postgis.control"
    if not share.exists():
        major = bindir.parent.name
        return f"PostGIS is not installed for PostgreSQL {major} (postgresql-{major}-postgis-3)"
    return None


def _ensure_user() -> str | None:
    """As root: the system user the server runs as (made once). Otherwise None (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(RUN_AS)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", RUN_AS],
                       check=True, capture_output=True)
    return RUN_AS


class ThrowawayCluster:
    """One running cluster in a temporary folder; ``stop()`` (or leaving ``with``) removes it."""

    def __init__(self, root: Path, bindir: Path, run_as: str | None) -> None:
        self.root = root
        self.bindir = bindir
        self.run_as = run_as
        self.data = root / "data"
        self.socket_dir = root / "socket"
        self._databases = 0

    @classmethod
    def start(cls, *, settings: dict[str, str] | None = None) -> ThrowawayCluster:
        reason = missing_reason()
        if reason:
            raise RuntimeError(reason)
        bindir = server_bin()
        assert bindir is not None
        run_as = _ensure_user()
        root = Path(tempfile.mkdtemp(prefix="humanops-pg-"))
        cluster = cls(root, bindir, run_as)
        try:
            cluster._init(settings or {})
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _as_server_user(self, args: list[str]) -> list[str]:
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else args

    def _init(self, settings: dict[str, str]) -> None:
        self.socket_dir.mkdir()
        if self.run_as:
            shutil.chown(self.root, user=self.run_as)
            shutil.chown(self.socket_dir, user=self.run_as)
        subprocess.run(self._as_server_user([str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                                             "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]),
                       check=True, capture_output=True, text=True)
        conf = {"listen_addresses": "''", "unix_socket_directories": f"'{self.socket_dir}'", "fsync": "off",
                "synchronous_commit": "off", "full_page_writes": "off", "shared_buffers": "'128MB'",
                "max_connections": "100", **settings}
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as f:
            f.writelines(f"{key} = {value}\n" for key, value in conf.items())
        done = subprocess.run(self._as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                                                    "-l", str(self.root / "server.log"), "start"]),
                              capture_output=True, text=True)
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()} {log[-2000:]}")

    def dsn(self, database: str = "postgres", *, user: str = SUPERUSER, password: str | None = None) -> str:
        """A libpq URL for ``database`` through the cluster's socket."""
        auth = quote(user) + (f":{quote(password)}" if password else "")
        return f"postgresql://{auth}@/{quote(database)}?host={quote(str(self.socket_dir))}"

    def create_database(self, name: str | None = None, *, postgis: bool = True, template: str | None = None) -> str:
        """A new empty database (with PostGIS unless told not to), or a copy of the database
        ``template`` (see :meth:`make_template`); its DSN."""
        import psycopg

        self._databases += 1
        name = name or f"db{self._databases}_{int(time.time() * 1000) % 100000}"
        # FILE_COPY: a template of ~10 MB (PostGIS's spatial_ref_sys) is copied as files, several
        # times faster than the WAL-logged default with fsync off (tests/store_backends.py)
        source = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{source}')
        if postgis and not template:
            with psycopg.connect(self.dsn(name), autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        return self.dsn(name)

    def make_template(self, name: str) -> None:
        """Mark database ``name`` as a template to copy with ``create_database(template=name)``
        (nobody may be connected to it while it is copied)."""
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true')

    def drop_database(self, name: str) -> None:
        """Drop database ``name``, closing any connection a test left to it."""
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(self._as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                                 "-w", "stop"]), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

