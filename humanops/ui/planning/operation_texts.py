"""The analysis operations' words in the UI's language: their titles and descriptions, their
parameters' labels and help. The engine declares them in English, marked with
:func:`humanops.i18n_marks.QT_TRANSLATE_NOOP` (the CLI keeps the English); the .ts files hold them
under the "operations" context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from humanops.analysis.registry import Parameter
from humanops.i18n_marks import OPERATIONS


def operation_text(text: str) -> str:
    """A marked text of an operation, translated (as it is when the translation lacks it)."""
    return QCoreApplication.translate(OPERATIONS, text) if text else text


def parameter_label(param: Parameter) -> str:
    """The parameter's label as a form shows it: translated, with a capital first letter."""
    label = operation_text(param.label)
    return label[:1].upper() + label[1:]
