"""The one way to read a configuration file or a document into typed models.

Every TOML and JSON document the app reads (layer kinds, the information sharing protocol,
trigger rules, the rations and routing configurations, inject timelines, contact cards, the
exchange manifest) is declared as ``msgspec.Struct`` models beside its loader and decoded by
:func:`convert`. A problem becomes a :class:`Problem` (the key path as the document spells it,
``fields[1].type`` or ``kinds.need.floor``, and the reason in the project's words); the loader
turns it into its own error type naming the file, as it always has.

Why msgspec rather than pydantic: the CLI reads the layer catalog even for ``humanops --help``
(the hazard choices), and a whole ``--help`` is meant to take about 0.11 s: msgspec imports in
about 10 ms (measured: ``python -X importtime``), pydantic v2 is a much larger import and builds
a validator for every model when its class is made; msgspec is strict by default (``"4"`` is not
4, ``true`` is not 1: what the manifest of a hostile partner needs, and what the hand-written
checks did); unknown keys are refused by ``forbid_unknown_fields``; and it is one C extension
without dependencies that PyInstaller finds by its ordinary imports. Its price, paid here once:
errors are text (``Expected `str`, got `int` - at `$.fields[1].name```) and a dictionary's key
is shown as ``[...]``, so :func:`convert` parses the text and finds the key again.

Checks that types cannot say (one value against another, a name against the catalog, the
project's exact wording) live in the models' ``__post_init__`` and raise :class:`Invalid`,
which names the key it is about; msgspec places it at the model's path.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # msgspec itself is imported when a document is read, not when the CLI starts
    import msgspec

Model = TypeVar("Model")
Key = tuple[str | int, ...]

_MESSAGE = re.compile(r"^(?P<reason>.*) - at `(?P<dict_key>key` in `)?\$(?P<path>.*)`$", re.DOTALL)
_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\.\.\.\]")
_TYPE = re.compile(r"^Expected `(?P<expected>[^`]+)`, got `(?P<got>[^`]+)`$")
_CONSTRAINT = re.compile(r"^Expected `(?P<expected>[^`]+)` (?P<rule>.+)$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<key>[^`]+)`$")
_MISSING = re.compile(r"^Object missing required field `(?P<key>[^`]+)`$")
# msgspec's names for JSON/TOML types, as this project's messages have always said them
_TYPE_NAMES = {"array": "list", "object": "dict", "null": "none", "bool": "bool", "str": "str", "int": "int",
               "float": "float", "datetime": "datetime", "date": "date", "time": "time"}
_KEY_IN_DICT = object()  # a path segment msgspec shows as [...]: found again by _find_dict_key


class Invalid(ValueError):
    """Raised by a model's ``__post_init__``: ``reason`` about ``key`` (a name, a dotted path
    or a tuple of names and list positions, relative to the model; empty: the model itself)."""

    def __init__(self, reason: str, key: str | Key = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.key: Key = tuple(key.split(".")) if isinstance(key, str) and key else tuple(key or ())


@dataclass(frozen=True)
class Problem:
    """What was wrong in a document and where.

    ``kind`` is ``type`` (a value of the wrong type: ``expected``, ``got``), ``unknown`` (a key
    the model does not have), ``missing`` (a required key absent), ``constraint`` (a declared
    bound or pattern: ``msgspec.Meta``) or ``value`` (a model's own check, :class:`Invalid`).
    ``reason`` words it the project's default way."""

    path: Key
    kind: str
    reason: str
    document: Any = None
    expected: str = ""
    got: str = ""

    @property
    def key(self) -> str:
        """The path as a document spells it: ``style.classes.dry.fill``, ``fields[1].type``."""
        return format_key(self.path)

    @property
    def value(self) -> Any:
        """What the document holds at the path (None when it holds nothing there)."""
        return _at(self.document, list(self.path))

    @property
    def name(self) -> str:
        """The last name in the path (the key itself, without its table)."""
        names = [p for p in self.path if isinstance(p, str)]
        return names[-1] if names else ""

    def key_labelled(self, label: str) -> str:
        """The path with each list entry labelled by its ``label`` key where it has one:
        ``fields[1] (depth_m).type``."""
        out = ""
        node = self.document
        for part in self.path:
            if isinstance(part, int):
                out += f"[{part}]"
                node = node[part] if isinstance(node, list) and part < len(node) else None
                named = node.get(label) if isinstance(node, dict) else None
                if isinstance(named, str):
                    out += f" ({named})"
            else:
                out += f".{part}" if out else part
                node = node.get(part) if isinstance(node, dict) else None
        return out


def format_key(path: Key) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_toml(text: str, fail: Callable[[str], Exception]) -> dict[str, Any]:
    """The TOML document in ``text``; ``fail(reason)`` is raised when it is not TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"not valid TOML: {exc}") from None


def convert(document: Any, model: type[Model], fail: Callable[[Problem], Exception]) -> Model:
    """``document`` (as TOML or JSON decoded it) as ``model``, strictly; ``fail(problem)`` is
    raised for the first thing wrong."""
    import msgspec

    try:
        return msgspec.convert(document, model, strict=True)
    except msgspec.ValidationError as exc:
        raise fail(problem_of(exc, document, model)) from None


def problem_of(exc: msgspec.ValidationError, document: Any, model: Any) -> Problem:
    """The :class:`Problem` msgspec's error text describes, its path as the document spells it."""
    match = _MESSAGE.match(str(exc))
    reason, where = (match["reason"], match["path"]) if match else (str(exc), "")
    path: list[Any] = []
    for segment in _SEGMENT.finditer(where):
        name, index = segment.group(1), segment.group(2)
        path.append(name if name is not None else int(index) if index is not None else _KEY_IN_DICT)
    if _KEY_IN_DICT in path:
        path = _find_dict_keys(path, document, model, str(exc))
    cause = exc.__cause__
    if isinstance(cause, Invalid):
        return Problem((*path, *cause.key), "value", cause.reason, document)
    if cause is not None:  # a ValueError from a check of our own without a key
        return Problem(tuple(path), "value", str(cause), document)
    if found := _UNKNOWN.match(reason):
        allowed = ", ".join(sorted(model_keys(model, tuple(path))))
        return Problem((*path, found["key"]), "unknown", f"unknown key (allowed: {allowed})", document)
    if match and match["dict_key"]:
        return Problem(tuple(path), "constraint", f"has a key that is not {_type_name(reason.split('`')[1])}",
                       document)
    if found := _MISSING.match(reason):
        return Problem((*path, found["key"]), "missing", "is required", document)
    if found := _TYPE.match(reason):
        expected, got = _type_name(found["expected"]), _type_name(found["got"])
        return Problem(tuple(path), "type", f"must be {expected}, not {got}", document, expected, got)
    if found := _CONSTRAINT.match(reason):
        return Problem(tuple(path), "constraint", f"must be {found['rule']}", document,
                       _type_name(found["expected"]))
    return Problem(tuple(path), "value", reason, document)


def model_keys(model: Any, path: Key) -> list[str]:
    """The keys the table at ``path`` of a ``model`` document may hold (empty: not a model's table)."""
    import msgspec

    info: Any = msgspec.inspect.type_info(model)
    for part in path:
        info = _table_or_list(info)
        if isinstance(info, msgspec.inspect.StructType) and isinstance(part, str):
            info = next((f.type for f in info.fields if f.encode_name == part), None)
        elif isinstance(info, msgspec.inspect.DictType) and isinstance(part, str):
            info = info.value_type
        elif isinstance(info, msgspec.inspect.ListType | msgspec.inspect.VarTupleType) and isinstance(part, int):
            info = info.item_type
        else:
            return []
    info = _table_or_list(info)
    return [f.encode_name for f in info.fields] if isinstance(info, msgspec.inspect.StructType) else []


def _table_or_list(info: Any) -> Any:
    """A union's table or list member (``Struct | None``, ``str | list[str]``), else ``info``."""
    import msgspec

    if isinstance(info, msgspec.inspect.UnionType):
        kinds = (msgspec.inspect.StructType, msgspec.inspect.DictType, msgspec.inspect.ListType)
        return next((t for t in info.types if isinstance(t, kinds)), info)
    return info


def _type_name(text: str) -> str:
    names = [_TYPE_NAMES.get(part.strip(), part.strip()) for part in text.split("|")]
    names = [n for n in names if n != "none"] or names
    return "/".join(dict.fromkeys(names))


def _find_dict_keys(path: list[Any], document: Any, model: Any, message: str) -> list[Any]:
    """msgspec shows a dictionary's key as ``[...]``: find it again. Entries are checked in
    order, so the key is the first whose entry, with only those before it, fails the same way."""
    import msgspec

    for position, part in enumerate(path):
        if part is not _KEY_IN_DICT:
            continue
        table = _at(document, path[:position])
        if not isinstance(table, dict):
            break
        keys = list(table)

        def fails_the_same(count: int, keys: list[Any] = keys, table: dict[Any, Any] = table,
                           at: list[Any] = path[:position]) -> bool:
            try:
                msgspec.convert(_replaced(document, at, {k: table[k] for k in keys[:count]}), model, strict=True)
            except msgspec.ValidationError as exc:
                return str(exc) == message
            return False

        # The fewest first entries that fail the same way: a bisection, as a hostile document
        # may hold very many entries (a manifest's layers) and fail at the last.
        low, high = 1, len(keys)
        while low < high:
            middle = (low + high) // 2
            if fails_the_same(middle):
                high = middle
            else:
                low = middle + 1
        if keys and fails_the_same(low):
            path[position] = keys[low - 1]
        if path[position] is _KEY_IN_DICT:
            break  # not found again (should not happen): the path stops above the dictionary
    if _KEY_IN_DICT in path:
        return path[:path.index(_KEY_IN_DICT)]
    return path


def _at(document: Any, path: list[Any]) -> Any:
    node = document
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _replaced(document: Any, path: list[Any], value: Any) -> Any:
    """A copy of ``document`` with the node at ``path`` replaced (only the containers on the path copied)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy: Any = list(document) if isinstance(document, list) else dict(document)
    copy[head] = _replaced(document[head], rest, value)
    return copy
