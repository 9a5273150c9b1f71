"""Canonical JSON for signed documents, and a strict JSON reader for hostile input.

Canonical form (what signatures cover): UTF-8, object keys sorted, no whitespace, strings as
Python's ``json`` writes them with ``ensure_ascii=False`` (which for the documents we sign —
ASCII keys, strings, integers, booleans, null, no floats — is RFC 8785 JCS). Signed documents
hold no floats, so no implementation can disagree about number formatting.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from humanops.errors import SharingError
from humanops.model.marking import format_time

MAX_DEPTH = 64


def is_missing(value: Any) -> bool:
    """None, pandas' NA and NaT, and NaN: every way a frame's cell says 'no value'."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def plain_value(value: Any) -> Any:
    """A cell of a frame or a property as a JSON value: missing → None, numpy → Python,
    times → GeoPackage DATETIME text, dates → ISO, sequences → lists."""
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        return plain_value(value.item())
    if isinstance(value, datetime | pd.Timestamp):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain_value(v) for v in value]
    return value


def canonical_json(doc: Any) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


class _Refused(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"the key {key!r} appears twice")
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number JSON allows")


def _no_float(text: str) -> Any:
    raise _Refused(f"the number {text[:20]} is not an integer (signed documents hold no fractions)")


def _finite_float(text: str) -> float:
    # Python reads 1e999 as inf (a value JSON cannot hold), which would then be stored as "inf"
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:20]} is too large for a JSON number")
    return value


# Only a \uD800-\uDFFF escape can put a surrogate into a parsed string (UTF-8 text cannot hold
# one); the parser pairs valid escape pairs into one character, so any surrogate left is lone.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _lone_surrogate(doc: Any) -> str | None:
    """The first lone surrogate in any string or key of ``doc``, as an escape, else None."""
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            texts = [*value, *(v for v in value.values() if type(v) is str)]
            stack.extend(v for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            texts = [v for v in value if type(v) is str]
            stack.extend(v for v in value if isinstance(v, dict | list))
        else:
            texts = [value] if type(value) is str else []
        try:
            "".join(texts).encode("utf-8")  # one encode per container: refuses any surrogate
        except UnicodeEncodeError as exc:
            return f"\\u{ord(exc.object[exc.start]):04x}"
    return None


def nesting_depth(raw: bytes) -> int:
    """Deepest bracket nesting outside strings (for small documents: a Python loop)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def loads_strict(raw: bytes, *, what: str, file: str | None = None, allow_floats: bool = False,
                 max_depth: int | None = MAX_DEPTH) -> Any:
    """Parse JSON refusing what a hostile writer could use: invalid UTF-8, duplicate keys,
    NaN/Infinity, floats (unless allowed) and deep nesting. SharingError names ``what``.
    With floats allowed (documents that are not signed canonical JSON, like the payload),
    numbers too large for a float (``1e999``) and strings holding a lone UTF-16 surrogate
    (``"\\ud800"``, not a character: no UTF-8 text can hold it) are refused too."""
    if max_depth is not None and nesting_depth(raw) > max_depth:
        raise SharingError(f"the {what} is nested deeper than {max_depth} levels", file=file)
    try:
        text = raw.decode("utf-8")
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                         parse_float=_finite_float if allow_floats else _no_float)
    except UnicodeDecodeError:
        raise SharingError(f"the {what} is not UTF-8 text", file=file) from None
    except _Refused as exc:
        raise SharingError(f"the {what} is refused: {exc}", file=file) from None
    except RecursionError:
        raise SharingError(f"the {what} is nested too deeply", file=file) from None
    except ValueError as exc:
        raise SharingError(f"the {what} is not valid JSON ({str(exc)[:120]})", file=file) from None
    if allow_floats and _SURROGATE_ESCAPE.search(raw):  # rare: only then look at every string
        lone = _lone_surrogate(doc)
        if lone is not None:
            raise SharingError(f"the {what} is refused: a string holds the lone UTF-16 surrogate {lone} "
                               "(not a character)", file=file)
    return doc
