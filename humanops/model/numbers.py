"""Numbers in messages, written as people write them.

A message that names a limit or a value must not turn 10000000 into ``1e+07`` nor
180.00000000000006 into ``180`` (``:g`` does both): the reader has to see the number the rule
holds and the number the file held, digit for digit, to tell what to fix.
"""

from __future__ import annotations

import math
from decimal import Decimal

# Beyond this, digits stop meaning anything to a reader (and a float holds no more anyway).
_PLAIN_LIMIT = 1e21


def format_number(value: float | int | Decimal) -> str:
    """``10000000`` -> ``'10,000,000'``; ``180.00000000000006`` -> ``'180.00000000000006'``;
    ``1e-7`` -> ``'0.0000001'``; ``2.5`` -> ``'2.5'``; NaN and infinities by name.

    Floats are written with the shortest digits that read back as the same float (Python's
    ``repr``), never rounded, in plain notation, with thousands separated by commas.
    """
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "infinity" if number > 0 else "-infinity"
    if abs(number) >= _PLAIN_LIMIT:
        return repr(number)
    if number.is_integer():
        return f"{int(number):,}"
    text = format(Decimal(repr(number)), "f")  # exact shortest digits, no exponent
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}.{fraction}" if fraction else f"{sign}{int(whole):,}"
