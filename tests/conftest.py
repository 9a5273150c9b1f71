"""Shared fixtures. UI fixtures live in tests/ui/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from table_snapshots import table_snapshot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read English texts, whatever the machine's locale or the developer's own choice.
os.environ["HUMANOPS_LANG"] = "en"


@pytest.fixture(autouse=True, scope="session")
def session_log_folder(tmp_path_factory: pytest.TempPathFactory):
    """What the tests run that logs (the CLI's main, the app) writes its log file in a folder of
    the session, never in the user's own log folder (humanops.logs)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUMANOPS_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
        yield
    from humanops.logs import stop_logging

    stop_logging()


@pytest.fixture
def workspace(tmp_path: Path):
    """An empty workspace owned by organisation ``ocha``."""
    from humanops.store.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    yield ws
    ws.close()


@pytest.fixture
def usual_umask():
    """A umask that gives other users read access (0644 files) unless the app narrows it."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def snapshot():
    return table_snapshot


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL + PostGIS server for the session (tests/pg_cluster.py); skips with
    the reason when the server is not installed here."""
    from pg_cluster import ThrowawayCluster, missing_reason

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    cluster = ThrowawayCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_dsn(pg_cluster) -> str:
    """A fresh empty PostGIS database in the session's cluster, as a postgresql:// DSN."""
    return pg_cluster.create_database()
