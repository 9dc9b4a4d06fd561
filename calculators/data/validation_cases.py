"""Published measurements the calculators are validated against (issue 16): serving on GPUs
and inference on devices. Exact-arithmetic cases are in :mod:`calculators.data.validation_exact`.

Each case records the conditions a source states (model, hardware, precision, batch, lengths),
the published value with its unit, the source, the date the source states (``stated_date``
False: the source states none and ``as_of`` is the day it was read), a short quote as printed,
and how to recompute it: a registered calculator with display-unit ``inputs`` (catalog
``model`` and ``accelerator`` fill the shape and the datasheet) and the result field
``output``. A case whose source leaves a needed condition out says which in ``missing`` and is
listed but never run, so it never counts in an error. ``calculators/validation.py`` runs them.
The cases are in ``validation_cases.toml`` beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.data.loader import load
from calculators.data.records import check_provenance

__all__ = ["AREAS", "KINDS", "MEASURED_CASES", "ValidationCase", "not_stated"]

#: The areas the page reports, in page order: (key, title).
AREAS = (("serving", "Serving on data-centre GPUs"), ("on-device", "On-device inference"),
         ("provider", "Provider-documented examples"), ("protocol", "Protocol and model arithmetic"))
KINDS = frozenset({"measurement", "exact"})
_FORMATS = frozenset({"duration", "tokens_per_second", "usd", "bytes", "count", "number",
                      "words_per_minute", "percent", "tokens"})


@dataclass(frozen=True)
class ValidationCase:
    key: str
    area: str
    description: str
    kind: str
    published: float
    fmt: str                                  # how the value prints (macros/format.py name)
    conditions: tuple[tuple[str, str], ...]
    source_url: str
    source_title: str
    as_of: date
    stated_date: bool
    quote: str
    calculator: str = ""
    inputs: tuple[tuple[str, object], ...] = ()
    model: str = ""
    accelerator: str = ""
    dtype: str = "bf16"                       # the accelerator's FLOP/s column
    output: str = ""
    check: str = ""                           # a registered check replaying the same case
    weight_file_mib: float = 0.0              # on-device: weight file size the source states
    missing: str = ""                         # a needed condition the source does not state
    digits: int = 0                           # exact cases: significant digits as printed
    note: str = ""
    status: str = "VERIFIED"

    def __post_init__(self) -> None:
        what = f"validation case {self.key}"
        check_provenance(what, self.source_url, self.source_title, self.as_of, self.status)
        if self.area not in {a for a, _ in AREAS}:
            raise ValueError(f"{what}: unknown area {self.area!r}")
        if self.kind not in KINDS or self.fmt not in _FORMATS:
            raise ValueError(f"{what}: unknown kind {self.kind!r} or format {self.fmt!r}")
        if not self.quote.strip() or not self.conditions:
            raise ValueError(f"{what}: a quote and the conditions are required")
        if not self.missing and not (self.check or (self.calculator and self.output)):
            raise ValueError(f"{what}: a runnable case names a check, or its calculator and output")
        if self.kind == "exact" and self.digits < 1:
            raise ValueError(f"{what}: an exact case says how many digits the source prints")


def not_stated(what: str) -> str:
    return f"{what}: not stated"



MEASURED_CASES: tuple[ValidationCase, ...] = tuple(
    load("validation_cases", kinds={"validation_case": ValidationCase})["validation_case"])
