"""Shared fixtures. UI fixtures live in tests/ui/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The store and exchange modules (tests/store_backends.py) run each test that asks for a
    ``backend`` (the ``workspace`` fixture does) on a GeoPackage and on PostGIS."""
    if "backend" in metafunc.fixturenames:
        from store_backends import backend_params

        params = backend_params(metafunc.module.__name__.rpartition(".")[2], metafunc.function.__name__)
        if params is not None:
            metafunc.parametrize("backend", params, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> Iterator[Any]:
    """Where the test's workspaces live (store_backends.Backend): a GeoPackage, or a database of
    the session's PostGIS cluster where the module runs on both backends."""
    from store_backends import POSTGIS, Backend

    name = getattr(request, "param", "gpkg")
    chosen = Backend(name, request.getfixturevalue("pg_cluster") if name == POSTGIS else None)
    yield chosen
    if chosen.is_postgis:
        chosen.drop_databases()


@pytest.fixture
def workspace(tmp_path: Path, backend):
    """An empty workspace owned by organisation ``ocha`` (on the test's ``backend``)."""
    ws = backend.empty_workspace(tmp_path, "ocha")
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
        from store_backends import settle

        settle()  # the copies and drops store_backends runs on a thread, before the server goes
        cluster.stop()


@pytest.fixture
def pg_dsn(pg_cluster) -> str:
    """A fresh empty PostGIS database in the session's cluster, as a postgresql:// DSN."""
    return pg_cluster.create_database()
