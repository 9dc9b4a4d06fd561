"""Display formatting: base units in, text for a page out.

Rule for every number: at least three significant figures, and the integer part is never
rounded away (13,275 ms stays 13,275 ms). Rounding is half-up on the exact binary value, the
rule JavaScript's ``toFixed`` uses, so ``docs/assets/js/format.js`` prints the same text; the
shared vectors check it. GB means 10^9 bytes and GiB 2^30; each filter says which it uses.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["FORMATS", "format_value", "number"]


def _decimals(value: float) -> int:
    magnitude = abs(value)
    if magnitude >= 1:
        return max(0, 3 - len(str(int(magnitude))))
    exponent = Decimal(repr(magnitude)).adjusted()
    return min(12, 2 - exponent)


def number(value: float) -> str:
    """A number with three significant figures (more for large ones) and thousands commas."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"cannot format {value!r} as a number")
    if not math.isfinite(value):
        raise ValueError(f"refusing to print a non-finite number ({value!r})")
    if value == 0:
        return "0"
    decimals = _decimals(value)
    rounded = Decimal(abs(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}"
    sign = "-" if value < 0 else ""
    return sign + whole + ("." + frac if frac else "")


def integer(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"refusing to print a non-finite number ({value!r})")
    return f"{int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)):,}"


def _scaled(value: float, base: float, units: tuple[str, ...]) -> str:
    magnitude = abs(value)
    index = 0
    while index < len(units) - 1 and magnitude >= base ** (index + 1):
        index += 1
    return f"{number(value / base**index)} {units[index]}"


def ms(seconds: float) -> str:
    return f"{number(seconds * 1000)} ms"


def seconds(value: float) -> str:
    return f"{number(value)} s"


def duration(value: float) -> str:
    """Milliseconds below one second, seconds above."""
    return ms(value) if abs(value) < 1 else seconds(value)


def percent(ratio: float) -> str:
    return f"{number(ratio * 100)}%"


def tokens(value: float) -> str:
    return f"{integer(value)} tokens"


def count(value: float) -> str:
    return integer(value)


def tokens_per_second(value: float) -> str:
    return f"{number(value)} tokens/s"


def words_per_minute(value: float) -> str:
    return f"{number(value)} words/min"


def bytes_si(value: float) -> str:
    """Decimal prefixes: kB = 10^3 B, MB = 10^6 B, GB = 10^9 B."""
    if abs(value) < 1000:
        return f"{integer(value)} B"
    return _scaled(value, 1000, ("B", "kB", "MB", "GB", "TB", "PB"))


def bytes_iec(value: float) -> str:
    """Binary prefixes: KiB = 2^10 B, MiB = 2^20 B, GiB = 2^30 B."""
    if abs(value) < 1024:
        return f"{integer(value)} B"
    return _scaled(value, 1024, ("B", "KiB", "MiB", "GiB", "TiB", "PiB"))


def bits_per_second(value: float) -> str:
    return _scaled(value, 1000, ("bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"))


def usd(value: float) -> str:
    """Dollars: cents above one dollar, three significant figures below."""
    if not math.isfinite(value):
        raise ValueError(f"refusing to print a non-finite number ({value!r})")
    if abs(value) >= 1:
        rounded = Decimal(abs(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        whole, _, frac = f"{rounded:f}".partition(".")
        return ("-" if value < 0 else "") + f"${int(whole):,}.{frac}"
    return ("-" if value < 0 else "") + f"${number(abs(value))}"


#: Format names used by calculator outputs; the JS twin has the same table.
FORMATS = {
    "ms": ms,
    "seconds": seconds,
    "duration": duration,
    "percent": percent,
    "tokens": tokens,
    "count": count,
    "number": number,
    "tokens_per_second": tokens_per_second,
    "words_per_minute": words_per_minute,
    "bytes": bytes_si,
    "bytes_iec": bytes_iec,
    "bits_per_second": bits_per_second,
    "usd": usd,
}


def format_value(fmt: str, value: float) -> str:
    try:
        return FORMATS[fmt](value)
    except KeyError:
        raise KeyError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}") from None
