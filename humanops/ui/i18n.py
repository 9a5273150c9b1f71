"""The app's language: which one, its translations (ours and Qt's own), its locale and direction.

The language is ``$HUMANOPS_LANG`` if set (tests, and users who want one run in another
language), else the ``ui/language`` setting (View ▸ Language, applied at the next start), else
the system's (QLocale.system()) when we have it, else English. :func:`install_language` then

- loads ``resources/i18n/humanops_XX.qm`` (built by ``make translations`` from the committed
  ``.ts`` sources) and Qt's own ``qtbase_XX.qm`` (standard buttons and dialogs);
- makes the language's locale the default (QLocale.setDefault), so numbers and dates the UI
  shows are written as its readers write them;
- lays the whole UI out right to left for Arabic, explicitly: a translation's
  QT_LAYOUT_DIRECTION may say so too, but a missing or stale .qm must not leave Arabic
  laid out left to right.

A ``.qm`` that is missing or older than its ``.ts`` (a plain ``pip install -e .``, or a
translation edited since the last build) is compiled into the user's cache with PySide6's own
``lrelease``: the .ts files are the source and lrelease ships with PySide6, so the chosen
language shows even without ``make``. If that fails too, the log says which file and why and
the app runs in English.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QStandardPaths,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication

from humanops.data_paths import translations_dir

log = logging.getLogger(__name__)

ENV_VAR = "HUMANOPS_LANG"
SETTING = "ui/language"
SYSTEM = "system"
DEFAULT_LANGUAGE = "en"
# Each language under its own name, as a language menu shows them.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "ar": "العربية", "es": "Español"}
# The locale a language is written in when the system's is another language: Arabic as CLDR's
# "ar" (ar_001: Western digits, as the engine's messages, exports and P-codes write them).
_LOCALE_NAMES = {"en": "en_US", "fr": "fr_FR", "ar": "ar_001", "es": "es_ES"}
# Qt reads the layout direction from this entry of each translation ("RTL" in Arabic, "LTR" in the
# others); marked here so lupdate keeps it in our .ts files.
QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION")


@dataclass
class InstalledLanguage:
    """What :func:`install_language` put in place (the translators must stay referenced)."""

    language: str
    locale: QLocale
    translators: list[QTranslator] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # translation files that could not be loaded
    # What was in place before, put back by remove_language.
    previous_locale: QLocale = field(default_factory=QLocale)
    previous_direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight


_installed: InstalledLanguage | None = None


# --- which language --------------------------------------------------------------------------------
def language_code(value: str | None) -> str | None:
    """``fr``, ``fr_FR.UTF-8``, ``fr-CA`` -> "fr" if we have it; "system", "" or unknown -> None."""
    if not value:
        return None
    code = value.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def requested_language(settings: QSettings | None = None) -> str:
    """What was asked for: ``$HUMANOPS_LANG``, else the setting, else "system"."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return override
    if settings is not None:
        value = settings.value(SETTING, SYSTEM)
        if isinstance(value, str) and value:
            return value
    return SYSTEM


def resolve_language(requested: str, system: QLocale | None = None) -> str:
    """The language to run in: the one requested if we have it; for "system" (or one we do
    not have) the system's if we have it, else English."""
    code = language_code(requested)
    if code is not None:
        return code
    if requested.strip().lower() not in ("", SYSTEM):
        log.warning("language %r is not available (we have %s): using the system's", requested,
                    ", ".join(LANGUAGES))
    system = system if system is not None else QLocale.system()
    return language_code(system.name()) or DEFAULT_LANGUAGE


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale numbers and dates are written in: the system's when it is of ``language``
    (a French Canadian keeps fr_CA), else the language's usual one."""
    system = system if system is not None else QLocale.system()
    if language_code(system.name()) == language:
        return system
    return QLocale(_LOCALE_NAMES.get(language, language))


def current_language() -> str:
    """The language the UI runs in ("en" until :func:`install_language`): for the catalog's
    translated titles and labels (``kind.title_in(current_language())``)."""
    return _installed.language if _installed is not None else DEFAULT_LANGUAGE


def ui_locale() -> QLocale:
    """The locale the UI writes numbers and dates in (English until a language is installed;
    not the "C" locale, which would drop the thousands separators)."""
    return _installed.locale if _installed is not None else QLocale(_LOCALE_NAMES[DEFAULT_LANGUAGE])


# --- where the translations are -------------------------------------------------------------------
def cache_dir() -> Path:
    """Where .qm files compiled at start-up go (the user's cache)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location or Path.home() / ".cache" / "humanops") / "i18n"


def lrelease_command() -> list[str]:
    """PySide6's own lrelease (shipped with PySide6-Essentials)."""
    import PySide6

    binary = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    if binary.is_file():
        return [str(binary)]
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"]


def compile_translation(ts: Path, out_dir: Path) -> Path:
    """``ts`` compiled to a .qm in ``out_dir``, named by its content (compiled once per version).
    Raises OSError naming the file and lrelease's complaint."""
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    qm = out_dir / f"{ts.stem}-{digest}.qm"
    if qm.is_file():
        return qm
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = qm.with_suffix(f".{os.getpid()}.part")
    try:
        done = subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(partial)],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OSError(f"{ts}: cannot run lrelease: {exc}") from exc
    if done.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise OSError(f"{ts}: lrelease failed: {(done.stderr or done.stdout).strip() or done.returncode}")
    partial.replace(qm)  # atomic: another instance starting at once finds a whole file or none
    return qm


def translation_file(language: str, *, compiled_dir: Path | None = None) -> Path | None:
    """Our .qm for ``language``: the built one if it is as new as its .ts, else one compiled from
    the .ts into ``compiled_dir`` (default: the cache). None, logged as an error, if neither works."""
    folder = translations_dir()
    ts, qm = folder / f"humanops_{language}.ts", folder / f"humanops_{language}.qm"
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        log.error("no translation for %s: neither %s nor %s exists", language, qm, ts)
        return None
    try:
        return compile_translation(ts, compiled_dir or cache_dir())
    except OSError as exc:
        log.error("the %s translation could not be compiled (run `make translations`): %s", language, exc)
        return None


# --- installing it ----------------------------------------------------------------------------------
def install_language(app: QCoreApplication, language: str, *, system: QLocale | None = None,
                     compiled_dir: Path | None = None) -> InstalledLanguage:
    """Put ``language`` in place for the whole app (see the module's docstring); a language
    installed before is removed first. Call before any window is made: texts are read once."""
    global _installed
    remove_language(app)
    locale = locale_for(language, system)
    installed = InstalledLanguage(language, locale, previous_locale=QLocale())
    if isinstance(app, QGuiApplication):
        installed.previous_direction = app.layoutDirection()
    ours = translation_file(language, compiled_dir=compiled_dir)
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name, path in (("humanops", ours), ("qtbase", qt_folder / f"qtbase_{language}.qm")):
        translator = QTranslator(app)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            installed.translators.append(translator)
        else:  # translation_file logged why ours is missing; Qt's is part of PySide6
            installed.missing.append(f"{name}_{language}")
            if path is not None:
                log.error("cannot load the %s translation for %s: %s", name, language, path)
    QLocale.setDefault(locale)
    if isinstance(app, QGuiApplication):
        app.setLayoutDirection(locale.textDirection())
    _installed = installed
    return installed


def remove_language(app: QCoreApplication) -> None:
    """Back to the untranslated UI, with the locale and direction there were before (tests
    switch languages in one process)."""
    global _installed
    installed, _installed = _installed, None
    if installed is None:
        return
    for translator in installed.translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(installed.previous_locale)
    if isinstance(app, QGuiApplication):
        app.setLayoutDirection(installed.previous_direction)


def install_from_settings(app: QCoreApplication, settings: QSettings | None = None) -> InstalledLanguage:
    """At start-up: the requested language (environment, setting, system), installed."""
    requested = requested_language(settings)
    language = resolve_language(requested)
    if _installed is not None and _installed.language == language:
        return _installed  # create_application is called more than once in a process
    return install_language(app, language)
