"""Display formatting: base units in, text for a page out. The filters decide, not the pages.

Rules for every number (``docs/assets/js/format.js`` follows them rule for rule; the shared
vectors check it):

* Three significant figures by default, and the integer part is never rounded away
  (13,275 B stays 13,275 B). A whole number prints without decimals ("10 tokens", "6
  connections", "99 percentile"): a count never shows a decimal point.
* ``sig`` (every filter takes it: ``{{ x | percent(2) }}``) asks for that many significant
  figures in all, the integer part included, without trailing zeros: a rule of thumb reads
  "about 50%", not "about 50.0%".
* Durations use the unit that suits their size: milliseconds below one second, seconds below
  two minutes, then minutes, hours and days. ``ms`` and ``seconds`` are the same rule under
  the names calculator outputs already use.
* Rounding is half-up on the exact binary value, the rule of JavaScript's ``toFixed``.
* GB means 10^9 bytes and GiB 2^30; each byte filter says which it uses.
* Compound adjectives: ``{{ n | tokens_adj }}`` gives "2,000-token" ("a 2,000-token prompt"),
  ``{{ n | adj("connection") }}`` gives "6-connection".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["ADJECTIVES", "FORMATS", "format_value", "number"]


def _finite(value: float) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"cannot format {value!r} as a number")
    if not math.isfinite(value):
        raise ValueError(f"refusing to print a non-finite number ({value!r})")


def _decimals(value: float, sig: int | None) -> int:
    magnitude = abs(value)
    if sig is not None:
        return sig - 1 - Decimal(repr(magnitude)).adjusted()
    if magnitude >= 1:
        return max(0, 3 - len(str(int(magnitude))))
    return min(12, 2 - Decimal(repr(magnitude)).adjusted())


def number(value: float, sig: int | None = None) -> str:
    """Three significant figures (more for large numbers), or ``sig`` in all; commas."""
    _finite(value)
    if sig is not None and not (isinstance(sig, int) and 1 <= sig <= 12):
        raise ValueError(f"sig must be a whole number from 1 to 12, not {sig!r}")
    value = float(f"{value:.12g}")  # drop binary noise: 0.55 * 100 is 55.00000000000001
    if value == 0:
        return "0"
    if sig is None and value.is_integer():
        return integer(value)
    decimals = _decimals(value, sig)
    rounded = Decimal(abs(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    whole, _, frac = text.partition(".")
    if sig is not None:
        frac = frac.rstrip("0")
    return _signed(value, f"{int(whole):,}" + ("." + frac if frac else ""))


def _signed(value: float, text: str) -> str:
    """A minus sign for a negative value, unless it printed as zero."""
    return "-" + text if value < 0 and any(c in "123456789" for c in text) else text


def integer(value: float, sig: int | None = None) -> str:
    _finite(value)
    if sig is not None:
        return number(value, sig)
    whole = int(Decimal(abs(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return _signed(value, f"{whole:,}")


def _scaled(value: float, base: float, units: tuple[str, ...], sig: int | None) -> str:
    magnitude = abs(value)
    index = 0
    while index < len(units) - 1 and magnitude >= base ** (index + 1):
        index += 1
    return f"{number(value / base**index, sig)} {units[index]}"


#: Duration units from the largest: (from this many seconds, seconds in one, name).
DURATION_UNITS = ((172_800.0, 86_400.0, "days"), (7_200.0, 3_600.0, "h"), (120.0, 60.0, "min"))


def duration(value: float, sig: int | None = None) -> str:
    """Milliseconds below one second, seconds below two minutes, then min, h and days."""
    _finite(value)
    magnitude = abs(value)
    if magnitude < 1:
        text = number(value * 1000, sig)
        if text.lstrip("-") != "1,000":  # 0.9996 s would print "1,000 ms": it is one second
            return f"{text} ms"
        value = math.copysign(1.0, value)
    for threshold, size, unit in DURATION_UNITS:
        if magnitude >= threshold:
            return f"{number(value / size, sig)} {unit}"
    return f"{number(value, sig)} s"


#: The names calculator outputs already use; the site has one rule for durations.
ms = seconds = duration


def percent(ratio: float, sig: int | None = None) -> str:
    _finite(ratio)
    return f"{number(ratio * 100, sig)}%"


def tokens(value: float, sig: int | None = None) -> str:
    return f"{integer(value, sig)} tokens"


def count(value: float, sig: int | None = None) -> str:
    return integer(value, sig)


def tokens_per_second(value: float, sig: int | None = None) -> str:
    return f"{number(value, sig)} tokens/s"


def words_per_minute(value: float, sig: int | None = None) -> str:
    return f"{number(value, sig)} words/min"


def bytes_si(value: float, sig: int | None = None) -> str:
    """Decimal prefixes: kB = 10^3 B, MB = 10^6 B, GB = 10^9 B."""
    if abs(value) < 1000:
        return f"{integer(value, sig)} B"
    return _scaled(value, 1000, ("B", "kB", "MB", "GB", "TB", "PB"), sig)


def bytes_iec(value: float, sig: int | None = None) -> str:
    """Binary prefixes: KiB = 2^10 B, MiB = 2^20 B, GiB = 2^30 B."""
    if abs(value) < 1024:
        return f"{integer(value, sig)} B"
    return _scaled(value, 1024, ("B", "KiB", "MiB", "GiB", "TiB", "PiB"), sig)


def bits_per_second(value: float, sig: int | None = None) -> str:
    _finite(value)
    return _scaled(value, 1000, ("bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"), sig)


def flops_per_second(value: float, sig: int | None = None) -> str:
    """Decimal prefixes: TFLOP/s = 10^12 floating-point operations per second."""
    _finite(value)
    return _scaled(value, 1000, ("FLOP/s", "kFLOP/s", "MFLOP/s", "GFLOP/s", "TFLOP/s",
                                 "PFLOP/s"), sig)


def flops_per_byte(value: float, sig: int | None = None) -> str:
    return f"{number(value, sig)} FLOP/B"


def usd(value: float, sig: int | None = None) -> str:
    """Dollars: cents at one dollar and above, three significant figures below."""
    _finite(value)
    if abs(value) >= 1 and sig is None:
        rounded = Decimal(abs(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        whole, _, frac = f"{rounded:f}".partition(".")
        return _signed(value, f"${int(whole):,}.{frac}")
    return _signed(value, f"${number(abs(value), sig)}")


#: Format names used by calculator outputs; the JS twin has the same table.
FORMATS: dict[str, Callable[..., str]] = {
    "ms": duration,
    "seconds": duration,
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
    "flops_per_second": flops_per_second,
    "flops_per_byte": flops_per_byte,
    "usd": usd,
}


def adj(value: float, noun: str, sig: int | None = None) -> str:
    """A count as a compound adjective: ``adj(2000, "token")`` is "2,000-token"."""
    return f"{integer(value, sig)}-{noun}"


def tokens_adj(value: float, sig: int | None = None) -> str:
    return adj(value, "token", sig)


#: Filters that are not calculator output formats (they take a noun or read as adjectives).
ADJECTIVES: dict[str, Callable[..., str]] = {"adj": adj, "tokens_adj": tokens_adj}


def format_value(fmt: str, value: float, sig: int | None = None) -> str:
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        raise KeyError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}") from None
    return formatter(value, sig)
