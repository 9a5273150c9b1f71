"""The log file of the app and the CLI: where it is, how it rotates, and what it never holds.

:func:`configure_logging` attaches one rotating file (``humanops.log``, a few MB, a few old
files kept) to the root logger, in the per-user log folder ``platformdirs`` gives for the
platform (``~/.local/state/HumanOps/log`` on Linux, ``%LOCALAPPDATA%\\HumanOps\\HumanOps\\Logs``
on Windows, ``~/Library/Logs/HumanOps`` on macOS), or in ``$HUMANOPS_LOG_DIR`` (tests point
it at their tmp_path, so no test writes into the user's folder). Calling it again is harmless.

The log is what a user sends us with *Report a problem…*, so it never holds a passphrase, a
private key or feature data: every record passes :class:`RedactingFilter`, which replaces
what looks like one (see :func:`redact`) before it is written. The rules are deliberately
wide; a log line that lost a harmless value costs less than a key that leaked.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

LOG_DIR_ENV = "HUMANOPS_LOG_DIR"
LOG_FILE_NAME = "humanops.log"
MAX_LOG_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 4  # humanops.log.1 … .4: at most 10 MB in all
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
REDACTED = "[redacted]"
_APP_NAME = "HumanOps"

# --- what is never written ---------------------------------------------------------------------
_SECRET_NAME = r"[\w.-]*(?:passphrase|password|passwd|secret|token|private[_ -]?key|api[_-]?key|credential)[\w.-]*"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # PEM blocks and age identities, whole.
    (re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\Z)", re.S),
     "[redacted private key]"),
    (re.compile(r"AGE-SECRET-KEY-1[0-9A-Z]+", re.I), "[redacted age identity]"),
    # name=value, name: value, 'name': 'value', "name": "value", NAME=value (environment).
    (re.compile(rf"(?i)(\b{_SECRET_NAME}['\"]?\s*[:=]\s*)(?:b?'[^']*'|b?\"[^\"]*\"|[^\s,;}})\]]+)"),
     rf"\1{REDACTED}"),
    # Feature data: geometries as WKT or GeoJSON, GeoJSON properties, attribute dictionaries.
    (re.compile(r"(?i)\b(?:MULTI)?(?:POINT|LINESTRING|POLYGON)\s*(?:Z|M|ZM)?\s*(?:EMPTY|\((?:[^()]|\([^()]*\)"
                r"|\((?:[^()]|\([^()]*\))*\))*\))"), "[redacted geometry]"),
    (re.compile(r"(?i)\bGEOMETRYCOLLECTION\s*\([^()]*\)"), "[redacted geometry]"),  # its parts went above
    (re.compile(r"""(["']coordinates["']\s*:\s*)\[[\[\]\d\s.,eE+-]*\]"""), rf"\1{REDACTED}"),
    (re.compile(r"""(["']properties["']\s*:\s*)\{[^{}]*\}"""), rf"\1{REDACTED}"),
    # Long byte strings (payloads, ciphertexts, key material) shown by repr().
    (re.compile(r"""\bb(['"])(?:\\.|(?!\1).){32,}?\1"""), "b'[redacted bytes]'"),
)
# A run of base64 long enough to be a key (Ed25519, X25519: 44 characters).
_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=_.-])")


def _key_like(match: re.Match[str]) -> str:
    """Redact a base64 run that could be a key; keep hex digests (fingerprints, content hashes,
    not secret and what support needs) and file paths of plain words."""
    text = match.group(0)
    if re.fullmatch(r"[0-9a-fA-F]+", text):
        return text
    if text.startswith("/") and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,24}", part)
                                    for part in text.strip("/").split("/")):
        return text
    if not (re.search(r"[0-9+/]", text) and re.search(r"[a-z]", text) and re.search(r"[A-Z]", text)):
        return text  # one long word, not random bytes
    return "[redacted key]"


def redact(text: str) -> str:
    """``text`` with passphrases, keys and feature data replaced by markers."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return _BASE64_RUN.sub(_key_like, text)


class RedactingFilter(logging.Filter):
    """Redacts a record's message, arguments and traceback before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        # A filter that raised would raise out of the caller's log call, and a filter cannot log its own
        # failure (it would recurse): any failure to format keeps the raw text, still redacted below.
        except Exception:  # noqa: BLE001 - fails closed: the log call never raises, the text is redacted
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# --- where ---------------------------------------------------------------------------------------
def log_dir() -> Path:
    """The folder of the log files: ``$HUMANOPS_LOG_DIR``, else the platform's per-user log folder."""
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(_APP_NAME, _APP_NAME))


def log_files(folder: Path | None = None) -> list[Path]:
    """The current log file and the rotated ones that exist, newest first."""
    folder = log_dir() if folder is None else folder
    names = [LOG_FILE_NAME, *(f"{LOG_FILE_NAME}.{i}" for i in range(1, LOG_BACKUPS + 1))]
    return [folder / name for name in names if (folder / name).is_file()]


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by their owner only (they name files and organisations); rotation
    opens each new file the same way."""

    def _open(self):  # type: ignore[no-untyped-def]  # the base class's signature
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


_handler: logging.Handler | None = None
_handler_path: Path | None = None
_failure: str | None = None
_root_level_before: int | None = None


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Log to the rotating file (made once; again only if ``$HUMANOPS_LOG_DIR`` changed) and
    return its path. If the folder cannot be made or written, log to stderr instead and return
    None (:func:`log_location` then says why): the app must start even on a read-only home."""
    global _handler, _handler_path, _failure, _root_level_before
    folder = log_dir()
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    if _handler is not None and _handler_path == path and _handler in root.handlers:
        return path
    stop_logging()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = _PrivateRotatingFileHandler(path, maxBytes=MAX_LOG_BYTES,
                                                               backupCount=LOG_BACKUPS, encoding="utf-8")
        _handler_path, _failure = path, None
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        _handler_path, _failure = None, f"{folder}: {exc.strerror or exc}"
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    handler.setLevel(level)
    root.addHandler(handler)
    _root_level_before = root.level
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)  # warnings.warn (pandas, GDAL bindings) into the log too
    _handler = handler
    if _failure is not None:
        logging.getLogger(__name__).warning("no log file: cannot write in %s", _failure)
    return _handler_path


def stop_logging() -> None:
    """Detach and close the log file (tests; a second configure with another folder)."""
    global _handler, _handler_path, _root_level_before
    if _handler is not None:
        root = logging.getLogger()
        root.removeHandler(_handler)
        _handler.close()
        if _root_level_before is not None:
            root.setLevel(_root_level_before)
        logging.captureWarnings(False)
    _handler, _handler_path, _root_level_before = None, None, None


def log_file_path() -> Path | None:
    """The file the log is written to now; None before :func:`configure_logging` or without one."""
    return _handler_path if _handler is not None else None


def flush_log() -> None:
    if _handler is not None:
        _handler.flush()


def log_location() -> str:
    """One sentence for messages: where the details are."""
    path = log_file_path()
    if path is not None:
        return f"Details are in the log file {path}."
    if _failure is not None:
        return f"No log file could be written ({_failure})."
    return "No log file is being written."
