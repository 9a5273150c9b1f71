"""Every string the UI marks for translation is in the committed .ts files and translated in
French, Arabic and Spanish (English: its plural forms), with the placeholders, %n and keyboard
accelerators its source has. lupdate runs over humanops/ui into a temporary file, so a new
``self.tr("...")`` without a translation fails here until ``packaging/update_translations.py``
and a translator have been through it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"


def _tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "packaging" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_translations", module)
    spec.loader.exec_module(module)
    return module


tool = _tool()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """What lupdate finds in the code now: all messages, and the plural ones English needs."""
    folder = tmp_path_factory.mktemp("lupdate")
    everything, plurals = folder / "all.ts", folder / "plurals.ts"
    tool.run_lupdate(everything, "fr")
    tool.run_lupdate(plurals, "en", plural_only=True)
    return {"all": tool.read_ts(everything), "plurals": tool.read_ts(plurals)}


def _unfinished(committed: dict, wanted: dict, language: str) -> list[str]:
    out = []
    for key, fresh in wanted.items():
        entry = committed.get(key)
        label = f"[{key[0]}] {key[1]!r}"
        if entry is None:
            out.append(f"{label}: not in humanops_{language}.ts (run packaging/update_translations.py)")
        elif entry.state in ("unfinished", "vanished", "obsolete") or not any(t.strip() for t in entry.translations):
            out.append(f"{label}: not translated")
        elif entry.message.numerus != fresh.message.numerus:
            out.append(f"{label}: plural in the code but not in the .ts, or the other way round")
        else:
            out += [f"{label}: {problem}" for problem in tool.problems_of(entry, language)]
    return out


@pytest.mark.parametrize("language", ["fr", "ar", "es"])
def test_every_ui_string_is_translated(extracted: dict, language: str) -> None:
    assert len(extracted["all"]) > 500  # lupdate found the UI's strings (not an empty run)
    committed = tool.read_ts(I18N / f"humanops_{language}.ts")
    problems = _unfinished(committed, extracted["all"], language)
    assert not problems, f"{len(problems)} {language} string(s) to translate or fix:\n" + "\n".join(problems[:40])


def test_english_has_every_plural_form(extracted: dict) -> None:
    assert extracted["plurals"] and all(e.message.numerus for e in extracted["plurals"].values())
    committed = tool.read_ts(I18N / "humanops_en.ts")
    problems = _unfinished(committed, extracted["plurals"], "en")
    assert not problems, "\n".join(problems)


def test_the_check_catches_what_a_translator_can_get_wrong() -> None:
    """The checks the test relies on fail on a dropped placeholder, a lost %n, a doubled
    accelerator, a missing Arabic plural form and a wrong layout direction."""
    message = tool.Message("Ctx", "Wrote {file}: %Ln entry(ies).", numerus=True)
    assert tool.problems_of(tool.Entry(message, ["{file} : %Ln entrée", "{file} : %Ln entrées"]), "fr") == []
    assert tool.problems_of(tool.Entry(message, ["%Ln entrée", "%Ln entrées"]), "fr")  # {file} dropped
    assert tool.problems_of(tool.Entry(message, ["{file} : une entrée", "{file} : %Ln entrées"]), "fr")  # no %n
    assert tool.problems_of(tool.Entry(message, ["{file} %Ln"] * 2), "ar")  # Arabic needs six forms
    menu = tool.Message("MainActions", "&File")
    assert tool.problems_of(tool.Entry(menu, ["&Fichier"]), "fr") == []
    assert tool.problems_of(tool.Entry(menu, ["Fichier"]), "fr")
    assert tool.problems_of(tool.Entry(menu, ["&Fi&chier"]), "fr")
    direction = tool.Message("QGuiApplication", "QT_LAYOUT_DIRECTION")
    assert tool.problems_of(tool.Entry(direction, ["RTL"]), "ar") == []
    assert tool.problems_of(tool.Entry(direction, ["LTR"]), "ar")


def test_layer_kinds_are_translated_too() -> None:
    assert tool.catalog_gaps(("fr", "ar", "es")) == []


def test_the_check_finds_the_calls_lupdate_drops_or_reads_as_no_plural(tmp_path: Path) -> None:
    """lupdate extracts ``translate(..., n)`` as a plain message (no plural forms) and silently
    drops a ``tr`` inside an f-string: the report names both, and not the forms it reads right."""
    source = tmp_path / "panel.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication, QObject\n"
        "class Panel(QObject):\n"
        "    def texts(self, count):\n"
        "        plural = Panel.tr('%n row(s)', '', count)\n"
        "        wrong = QCoreApplication.translate('Panel', '%n file(s)', '', count)\n"
        "        hidden = f\"<b>{self.tr('Refused.')}</b>\"\n"
        "        return plural, wrong, hidden, self.tr('Fine.')\n", encoding="utf-8")
    ts = tmp_path / "panel.ts"
    tool.run_lupdate(ts, "fr", sources=[source])
    missed = tool.missed_by_lupdate(tool.read_ts(ts), [source])
    assert len(missed) == 2, missed
    assert "'%n file(s)'" in missed[0] and "ClassName.tr" in missed[0]
    assert "'Refused.'" in missed[1] and "not extracted" in missed[1]


def test_operation_texts_are_marked_in_the_engine_and_translated() -> None:
    """The analysis operations' titles and parameter labels stay English in the engine (the CLI and
    its JSON), are extracted from the Qt-free modules that mark them, and are translated."""
    from humanops.analysis.registry import get

    route = get("route")
    assert route.title == "Route between two places" and route.parameter("start").label == "From"
    assert any(p.parts[-2:] == ("analysis", "planning_operations.py") for p in tool.source_files())
    for language in ("fr", "ar", "es"):
        committed = tool.read_ts(I18N / f"humanops_{language}.ts")
        for text in (route.title, route.description, *(p.label for p in route.parameters)):
            entry = committed[("operations", text, "")]
            assert entry.state == "" and entry.translations[0].strip(), (language, text)
            assert language != "ar" or entry.translations[0] != text  # ("Mode" is French too)
