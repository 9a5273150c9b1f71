"""Canonical JSON for signed documents, and a strict JSON reader for hostile input.

Canonical form (what signatures cover): UTF-8, object keys sorted, no whitespace, strings as
Python's ``json`` writes them with ``ensure_ascii=False`` (which for the documents we sign —
ASCII keys, strings, integers, booleans, null, no floats — is RFC 8785 JCS). Signed documents
hold no floats, so no implementation can disagree about number formatting.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from humanops.errors import SharingError
from humanops.model.marking import format_time

MAX_DEPTH = 64


def plain_value(value: Any) -> Any:
    """A cell of a frame or a property as a JSON value: missing → None, numpy → Python,
    times → GeoPackage DATETIME text, dates → ISO, sequences → lists."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
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
    NaN/Infinity, floats (unless allowed) and deep nesting. SharingError names ``what``."""
    if max_depth is not None and nesting_depth(raw) > max_depth:
        raise SharingError(f"the {what} is nested deeper than {max_depth} levels", file=file)
    try:
        text = raw.decode("utf-8")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                          parse_float=None if allow_floats else _no_float)
    except UnicodeDecodeError:
        raise SharingError(f"the {what} is not UTF-8 text", file=file) from None
    except _Refused as exc:
        raise SharingError(f"the {what} is refused: {exc}", file=file) from None
    except RecursionError:
        raise SharingError(f"the {what} is nested too deeply", file=file) from None
    except ValueError as exc:
        raise SharingError(f"the {what} is not valid JSON ({str(exc)[:120]})", file=file) from None
