"""Bring the translations up to date with the code, and say what is left to translate.

    .venv/bin/python packaging/update_translations.py            # lupdate, then the report
    .venv/bin/python packaging/update_translations.py --check    # the same; exit 1 if anything is missing
    .venv/bin/python packaging/update_translations.py --apply new.json   # fill entries, then lupdate

The committed sources are ``resources/i18n/humanops_XX.ts`` (Qt's own format: Qt Linguist and
translation platforms edit them, lupdate keeps their translations when the code changes). This
script runs PySide6's lupdate over ``humanops/ui`` and the Qt-free modules that mark texts with
``humanops.i18n_marks.QT_TRANSLATE_NOOP`` (operation titles and parameter labels) into each of them
(English only for its plural forms), then reports per language what is unfinished or vanished from
the code, translations whose ``{placeholders}``, ``%n`` or ``&`` accelerators do not match their
source, strings lupdate cannot see (a helper such as ``_tr("...")`` wrapping ``translate``: use
``self.tr``, ``QCoreApplication.translate`` or ``QT_TRANSLATE_NOOP`` with the literal; a call
lupdate drops or reads as no plural, found by comparing the code's syntax tree with what it
extracted), and what the layer kinds (``layers/*.toml``) do not translate yet. The ``.qm`` files
the app loads are built from the ``.ts`` by ``make translations``.

``--apply FILE`` takes a JSON list of entries ``{"language": "fr", "context": "MainActions",
"source": "&File", "comment": "", "translation": "&Fichier"}`` (a list of forms for a plural
message) and writes them into the .ts files: a batch from a translator's spreadsheet, say.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "humanops" / "ui"
# Qt-free modules mark what the UI translates with this import (humanops/i18n_marks.py).
MARKS_IMPORT = "from humanops.i18n_marks import QT_TRANSLATE_NOOP"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("fr", "ar", "es")  # translated in full; English holds only plural forms
# Plural forms per language, as Qt counts them (Arabic: zero, one, two, few, many, other).
NUMERUS_FORMS = {"en": 2, "fr": 2, "es": 2, "ar": 6}
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}")
NUMBER = re.compile(r"%L?n")
ACCELERATOR = re.compile(r"&(?!&)\S")
# A call that hides its literal from lupdate: a helper that wraps translate, e.g. _tr("...").
HIDDEN_CALL = re.compile(r"(?<![\w.])_[A-Za-z_]*tr\(\s*f?[\"']")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class Entry:
    message: Message
    translations: list[str] = field(default_factory=list)  # one, or the plural forms
    state: str = ""  # "" finished, "unfinished", "vanished", "obsolete"


def lupdate_command() -> list[str]:
    import PySide6

    binary = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    if binary.is_file():
        return [str(binary)]
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import lupdate; sys.exit(lupdate())"]


def source_files(root: Path = SOURCES) -> list[Path]:
    """The UI's sources, and the modules elsewhere in the package that mark texts for it."""
    files = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
    if root == SOURCES:
        files += sorted(p for p in (ROOT / "humanops").rglob("*.py")
                        if SOURCES not in p.parents and "__pycache__" not in p.parts
                        and MARKS_IMPORT in p.read_text(encoding="utf-8"))
    return files


def run_lupdate(ts: Path, language: str, *, sources: list[Path] | None = None, plural_only: bool = False,
                drop_obsolete: bool = False) -> None:
    """lupdate the ``sources`` (default: :func:`source_files`) into ``ts`` (made if missing)."""
    files = [str(p) for p in (sources or source_files())]
    options = ["-locations", "none", "-source-language", "en", "-target-language", language, "-silent"]
    if plural_only:
        options.append("-pluralonly")
    if drop_obsolete:
        options.append("-no-obsolete")
    done = subprocess.run([*lupdate_command(), *files, *options, "-ts", str(ts)], capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"lupdate failed for {ts}: {(done.stderr or done.stdout).strip()}")


def read_ts(path: Path) -> dict[tuple[str, str, str], Entry]:
    entries: dict[tuple[str, str, str], Entry] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            message = Message(name, element.findtext("source") or "", element.findtext("comment") or "",
                              element.get("numerus") == "yes")
            translation = element.find("translation")
            state = translation.get("type", "") if translation is not None else "unfinished"
            if translation is None:
                texts: list[str] = []
            elif message.numerus:
                texts = [form.text or "" for form in translation.iter("numerusform")]
            else:
                texts = [translation.text or ""]
            entries[message.key] = Entry(message, texts, state)
    return entries


def apply_translations(path: Path, language: str, entries: list[dict]) -> int:
    """Write the given translations of ``language`` into the .ts at ``path``; how many were set."""
    tree = ET.parse(path)
    wanted = {(e["context"], e["source"], e.get("comment", "")): e["translation"] for e in entries
              if e["language"] == language}
    done = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            key = (name, element.findtext("source") or "", element.findtext("comment") or "")
            if key not in wanted:
                continue
            translation = element.find("translation")
            if translation is None:
                translation = ET.SubElement(element, "translation")
            for child in list(translation):
                translation.remove(child)
            value = wanted[key]
            if element.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value]
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value if isinstance(value, str) else value[0]
            translation.attrib.pop("type", None)
            done += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return done


def problems_of(entry: Entry, language: str) -> list[str]:
    """What is wrong with a finished translation: placeholders, %n, accelerators, plural forms."""
    message, out = entry.message, []
    source_names = set(PLACEHOLDER.findall(message.source))
    expected_forms = NUMERUS_FORMS.get(language, 2) if message.numerus else 1
    if len(entry.translations) != expected_forms:
        out.append(f"{len(entry.translations)} form(s), {language} needs {expected_forms}")
    for text in entry.translations:
        if not text.strip():
            out.append("an empty form")
            continue
        if set(PLACEHOLDER.findall(text)) != source_names:
            out.append(f"placeholders {sorted(PLACEHOLDER.findall(text))} instead of {sorted(source_names)}")
        if message.numerus and not NUMBER.search(text):
            out.append(f"no %n in {text!r}")
        if ACCELERATOR.search(message.source) and len(ACCELERATOR.findall(text)) != 1:
            out.append(f"the source has one & accelerator, {text!r} has {len(ACCELERATOR.findall(text))}")
    if message.context == "QGuiApplication" and message.source == "QT_LAYOUT_DIRECTION":
        want = "RTL" if language == "ar" else "LTR"
        if entry.translations != [want]:
            out.append(f"QT_LAYOUT_DIRECTION must be {want}")
    return out


def hidden_strings(files: list[Path] | None = None) -> list[str]:
    """Calls whose literal lupdate cannot see (file:line)."""
    found = []
    for path in files or source_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if HIDDEN_CALL.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def requested_messages(files: list[Path] | None = None) -> list[tuple[str, Message]]:
    """The messages the code asks for at run time, read from its syntax tree ("file:line", message):
    ``translate("Context", "text"[, "comment", n])``, ``QT_TRANSLATE_NOOP("Context", "text")``,
    ``Class.tr("text"[, "comment", n])`` and ``self.tr`` (the enclosing class). Compared with what
    lupdate extracted, this finds the calls it drops without a word (a ``translate`` whose count
    is an expression) and the plurals it does not mark (``translate(..., n)``)."""
    found: list[tuple[str, Message]] = []

    def visit(node: ast.AST, path: Path, cls: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            func, args = node.func, node.args
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            context = source = None
            numerus = False
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                context, source = _literal(args[0]), _literal(args[1])
                comment, numerus = _literal(args[2]) if len(args) > 2 else "", len(args) > 3
            elif name == "tr" and isinstance(func, ast.Attribute) and args:
                owner = func.value
                context = cls if isinstance(owner, ast.Name) and owner.id == "self" else \
                    owner.id if isinstance(owner, ast.Name) else None
                source = _literal(args[0])
                comment, numerus = _literal(args[1]) if len(args) > 1 else "", len(args) > 2
            if context and source is not None and comment is not None:
                where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno}"
                found.append((where, Message(context, source, comment, numerus)))
        for child in ast.iter_child_nodes(node):
            visit(child, path, cls)

    for path in files or source_files():
        visit(ast.parse(path.read_text(encoding="utf-8")), path, None)
    return found


def missed_by_lupdate(entries: dict[tuple[str, str, str], Entry], files: list[Path] | None = None) -> list[str]:
    """Calls whose message lupdate did not extract, or extracted as a plain one though they pass a count."""
    out = []
    for where, message in requested_messages(files):
        entry = entries.get(message.key)
        if entry is None or entry.state in ("vanished", "obsolete"):
            out.append(f"{where}: [{message.context}] {message.source!r} is not extracted by lupdate (an expression "
                       "lupdate misreads in the call: compute it before the call)")
        elif message.numerus and not entry.message.numerus:
            out.append(f"{where}: [{message.context}] {message.source!r} passes a count but lupdate does not mark it "
                       "as a plural: use ClassName.tr(text, \"\", n)")
    return out


def known_contexts(files: list[Path] | None = None) -> set[str]:
    """The contexts a message may have at run time: the classes of the sources (self.tr,
    Class.tr), the contexts named in translate()/QT_TRANSLATE_NOOP calls, and Qt's own."""
    names = {"QGuiApplication"}
    for path in files or source_files():
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"^\s*class\s+(\w+)", text, flags=re.MULTILINE))
        names.update(re.findall(r"(?:translate|QT_TRANSLATE_NOOP)\(\s*\"([^\"]+)\"", text))
    return names


def catalog_gaps(languages: tuple[str, ...]) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from humanops.catalog import load_catalog

    return [f"layers/{Path(kind.source_file).name} [{lang}]: {key}" for kind in load_catalog()
            for lang in languages for key in kind.missing_texts(lang)]


def report(languages: tuple[str, ...]) -> int:
    """Print what is left to do; the number of problems."""
    total = 0
    for language in ("en", *languages):
        path = I18N / f"humanops_{language}.ts"
        entries = read_ts(path)
        current = [e for e in entries.values() if e.state not in ("vanished", "obsolete")]
        gone = [e for e in entries.values() if e.state in ("vanished", "obsolete")]
        unfinished = [e for e in current if e.state == "unfinished" or not any(t.strip() for t in e.translations)]
        wrong = [(e, p) for e in current if e not in unfinished for p in problems_of(e, language)]
        weird = sorted({e.message.context for e in current} - known_contexts())
        print(f"{path.relative_to(ROOT)}: {len(current)} messages, {len(unfinished)} unfinished, "
              f"{len(wrong)} problem(s), {len(gone)} no longer in the code")
        for entry in unfinished:
            print(f"  unfinished  [{entry.message.context}] {entry.message.source!r}")
        for entry, problem in wrong:
            print(f"  problem     [{entry.message.context}] {entry.message.source!r}: {problem}")
        for context in weird:
            print(f"  context {context!r} is neither a class nor a context named in a translate() call: the tr of "
                  "a variable (obj.tr) or a call lupdate misread (one tr call per line); it is never found at run time")
        total += len(unfinished) + len(wrong) + len(weird)
    hidden = hidden_strings() + missed_by_lupdate(read_ts(I18N / f"humanops_{languages[0]}.ts"))
    for line in hidden:
        print(f"  not seen by lupdate: {line}")
    gaps = catalog_gaps(languages)
    for gap in gaps:
        print(f"  not translated: {gap}")
    return total + len(hidden) + len(gaps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is left to translate or fix")
    parser.add_argument("--apply", type=Path, metavar="FILE.json", help="translations to write into the .ts files")
    parser.add_argument("--drop-obsolete", action="store_true", help="remove messages no longer in the code")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), help="languages translated in full")
    args = parser.parse_args(argv)
    languages = tuple(args.languages)
    I18N.mkdir(parents=True, exist_ok=True)
    run_lupdate(I18N / "humanops_en.ts", "en", plural_only=True, drop_obsolete=args.drop_obsolete)
    for language in languages:
        run_lupdate(I18N / f"humanops_{language}.ts", language, drop_obsolete=args.drop_obsolete)
    if args.apply is not None:
        batch = json.loads(args.apply.read_text(encoding="utf-8"))
        for language in ("en", *languages):
            count = apply_translations(I18N / f"humanops_{language}.ts", language, batch)
            print(f"{language}: {count} translation(s) applied")
            # lupdate again: its own layout, so the next diff shows only real changes
            run_lupdate(I18N / f"humanops_{language}.ts", language, plural_only=language == "en",
                        drop_obsolete=args.drop_obsolete)
    problems = report(languages)
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
