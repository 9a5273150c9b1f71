"""Texts the UI shows in the user's language but Qt-free modules declare: operation titles,
descriptions, parameter labels and help.

``QT_TRANSLATE_NOOP("operations", "Corridor risk")`` returns the text unchanged (the CLI and the
JSON output keep the English); lupdate finds the call by its name in any Python source, Qt
imported or not, so ``packaging/update_translations.py`` puts the text in the .ts files, and the
UI translates it where it shows it: ``QCoreApplication.translate(OPERATIONS, op.title)``. Only
literals can be marked: a message built with values (a validation reason) stays in English.
No imports: the engine and the CLI load this module.
"""

from __future__ import annotations

OPERATIONS = "operations"  # the translation context of the analysis operations' texts


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` as it is, marked for lupdate under ``context``."""
    return text
