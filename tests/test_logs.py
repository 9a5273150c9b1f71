"""The log file: where it goes, that it rotates, that configuring twice is harmless, and that no
passphrase, key or feature data is ever written to it."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path

import pytest
from loaded_modules import QT, loaded_after

from humanops import logs

SECRETS = {
    "passphrase": "kavera-demo-passphrase",
    "age identity": "AGE-SECRET-KEY-1QQPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KH",
    "ed25519 key": "6Kb1rT9v0tZ3XqJ5y0cVY2mWq7d0yM0pJ8nQe4ZtKxE=",
    "coordinates": "36.123456",
}


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    yield folder
    logs.stop_logging()


def _our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]


def test_the_log_goes_to_the_folder_of_the_environment_and_configuring_twice_is_harmless(log_folder: Path) -> None:
    path = logs.configure_logging()
    assert path == log_folder / "humanops.log"
    assert logs.configure_logging() == path
    assert len(_our_handlers()) == 1
    logging.getLogger("humanops.test").warning("a layer could not be read")
    logs.flush_log()
    assert "a layer could not be read" in path.read_text(encoding="utf-8")
    assert logs.log_file_path() == path
    assert str(path) in logs.log_location()
    if os.name == "posix":  # it names files and organisations: its owner's only
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_new_folder_moves_the_log_and_stopping_detaches_it(log_folder: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = logs.configure_logging()
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "other"))
    second = logs.configure_logging()
    assert second == tmp_path / "other" / "humanops.log" != first
    assert len(_our_handlers()) == 1
    logs.stop_logging()
    assert _our_handlers() == [] and logs.log_file_path() is None


def test_without_the_environment_the_log_is_in_the_users_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(logs.LOG_DIR_ENV, raising=False)
    assert logs.log_dir() == Path(platformdirs.user_log_dir("HumanOps", "HumanOps"))  # not created here


def test_an_unwritable_log_folder_does_not_stop_the_app_and_says_why(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker))
    try:
        assert logs.configure_logging() is None
        assert "No log file could be written" in logs.log_location() and str(blocker) in logs.log_location()
    finally:
        logs.stop_logging()


def test_the_log_rotates_and_keeps_a_few_files(log_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_LOG_BYTES", 2000)
    logs.configure_logging()
    logger = logging.getLogger("humanops.test")
    for i in range(400):
        logger.info("line %d of a long session", i)
    files = logs.log_files(log_folder)
    assert [f.name for f in files] == ["humanops.log", *(f"humanops.log.{i}" for i in range(1, logs.LOG_BACKUPS + 1))]
    assert all(f.stat().st_size <= 2200 for f in files)
    assert "line 399" in files[0].read_text(encoding="utf-8")


def test_passphrases_keys_and_feature_data_never_reach_the_file(log_folder: Path) -> None:
    path = logs.configure_logging()
    logger = logging.getLogger("humanops.sharing.test")
    logger.info("unlocking with passphrase=%s", SECRETS["passphrase"])
    logger.info("settings %s", {"passphrase": SECRETS["passphrase"], "org": "ocha"})
    logger.info("environment HUMANOPS_PASSPHRASE=%s", SECRETS["passphrase"])
    logger.info("identity %s, signing key %s", SECRETS["age identity"], SECRETS["ed25519 key"])
    logger.info("feature geometry POLYGON ((%s 36, 36.2 36, 36.2 36.1, %s 36))", SECRETS["coordinates"],
                SECRETS["coordinates"])
    logger.info('payload {"type": "Point", "coordinates": [%s, 36.5]}', SECRETS["coordinates"])
    try:
        raise ValueError(f"cannot decrypt: password: {SECRETS['passphrase']}")
    except ValueError:
        logger.exception("import failed")
    logger.info("fingerprint %s of ocha, feature 3b0c4f1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "ab" * 32)
    logs.flush_log()
    text = path.read_text(encoding="utf-8")
    for what, secret in SECRETS.items():
        assert secret not in text, what
    assert text.count("[redacted]") >= 4
    assert "[redacted age identity]" in text and "[redacted key]" in text and "[redacted geometry]" in text
    assert "Traceback" in text and "ValueError: cannot decrypt" in text  # the bug is still findable
    # what support needs stays: fingerprints, uuids, organisations
    assert "ab" * 32 in text and "3b0c4f1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f" in text and "'org': 'ocha'" in text


@pytest.mark.parametrize("kept", [
    'File "/work/main/humanops/ui/canvas/layer_data.py", line 52, in read_rows',
    "/home/field/HumanOps/workspaces/kavera/partners/latest",
    "wrong passphrase for the key of ocha: try again",
    "payload sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
])
def test_redaction_keeps_what_is_not_secret(kept: str) -> None:
    assert logs.redact(kept) == kept


def test_the_log_modules_load_no_qt() -> None:
    assert loaded_after("import humanops.logs, humanops.problem_report", QT) == []
