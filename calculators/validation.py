"""How accurate are the calculators? Every validation case run with the defaults a reader gets.

    error        = (predicted − published) / published
    APE          = |error|;  MAPE = mean APE;  median APE = median of the APEs
    exact match  = predicted rounded to the digits the source prints == published

Measured cases run through the registered calculators with the efficiencies (MFU, MBU) at the
calculators' own defaults (sourced constants), never tuned per case. Each area's runnable
measured cases are split once by a seeded shuffle (:data:`SPLIT_SEED`, ``calculators.rng``)
into a calibration and a validation half. :func:`calibrate` chooses the efficiencies that
minimise the calibration half's MAPE on a grid and reports the validation half's MAPE at them,
so the page can say whether the calibration would move the sourced defaults (that is the
owning guide's call; this module never changes them). Cases whose source leaves a needed
condition out are listed and never run.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from calculators.collect import Texts
from calculators.data.validation_cases import AREAS, MEASURED_CASES, ValidationCase
from calculators.data.validation_exact import EXACT_CASES
from calculators.inference_fields import accelerator_inputs
from calculators.memory import model_inputs
from calculators.registry import CHECKS, get, register_table, run
from calculators.rng import Rng

__all__ = ["CASES", "EFFICIENCY_FIELDS", "GATE_MARGIN_RATIO", "SPLIT_SEED", "AreaSummary", "CaseResult",
           "Calibration", "Validation", "calibrate", "chart_points", "default_efficiencies", "rounds_to",
           "split", "validate"]

CASES: tuple[ValidationCase, ...] = MEASURED_CASES + EXACT_CASES
#: The seed of the one shuffle that splits each area's measured cases into halves.
SPLIT_SEED = 16
#: The efficiency fields each measured area's calculator takes (display units, percent).
EFFICIENCY_FIELDS: dict[str, tuple[str, Texts]] = {
    "serving": ("inference_roofline", ("mfu", "mbu")),
    "on-device": ("edge_vs_cloud", ("mbu",)),
}
_GRID = tuple(range(10, 101, 5))
#: How far an area's validation MAPE may grow past its committed figure (absolute, 0-1);
#: tests/test_validation.py holds every area to it.
GATE_MARGIN_RATIO = 0.02
Efficiencies = Mapping[str, Mapping[str, float]]


def default_efficiencies() -> dict[str, dict[str, float]]:
    """The efficiency fields' defaults, as a reader's form starts (percent)."""
    out = {}
    for area, (name, keys) in EFFICIENCY_FIELDS.items():
        fields = {f.key: f for f in get(name).fields}
        out[area] = {k: float(fields[k].default) for k in keys}  # type: ignore[arg-type]
    return out


def _inputs(case: ValidationCase, eff: Efficiencies) -> dict[str, object]:
    inputs: dict[str, object] = {}
    if case.model:
        inputs.update(model_inputs(case.model))
    if case.accelerator and case.calculator == "inference_roofline":
        fp8 = case.dtype == "fp8"
        inputs.update(accelerator_inputs(case.accelerator, case.dtype))
        inputs.update(weight_dtype="fp8" if fp8 else "bf16", kv_dtype="fp8" if fp8 else "bf16")
    if case.accelerator and case.calculator == "edge_vs_cloud":
        inputs["device"] = case.accelerator
    if case.weight_file_mib:
        params = model_inputs(case.model)["total_params"]
        inputs["bits"] = case.weight_file_mib * 2**20 * 8 / (float(params) * 1e9)
    inputs.update(dict(case.inputs))
    inputs.update(eff.get(case.area, {}))
    return inputs


def predict(case: ValidationCase, eff: Efficiencies | None = None) -> float | None:
    """The calculator's value for ``case`` in the published unit; None when it cannot run."""
    if case.missing:
        return None
    eff = default_efficiencies() if eff is None else eff
    if case.check and not case.calculator:
        return float(CHECKS[case.check]().predicted)
    return float(getattr(run(case.calculator, _inputs(case, eff)), case.output))


def rounds_to(value: float, published: float, digits: int) -> bool:
    """True when ``value`` at ``digits`` significant digits equals ``published``."""
    def sig(x: float) -> float:
        if x == 0:
            return 0.0
        return round(x, digits - 1 - math.floor(math.log10(abs(x))))
    return math.isclose(sig(value), sig(published), rel_tol=1e-12)


@lru_cache(maxsize=1)
def split() -> dict[str, str]:
    """Each runnable measured case's half, "calibration" or "validation" (seeded shuffle)."""
    halves: dict[str, str] = {}
    rng = Rng(SPLIT_SEED)
    for area in EFFICIENCY_FIELDS:
        keys = sorted(c.key for c in MEASURED_CASES if c.area == area and not c.missing)
        for i in range(len(keys) - 1, 0, -1):        # Fisher-Yates
            j = int(rng.uniform() * (i + 1))
            keys[i], keys[j] = keys[j], keys[i]
        cut = (len(keys) + 1) // 2
        halves.update({k: "calibration" if n < cut else "validation" for n, k in enumerate(keys)})
    return halves


@dataclass(frozen=True)
class CaseResult:
    key: str
    area: str
    description: str
    kind: str
    half: str                   # calibration | validation | exact | not run
    fmt: str
    published: float
    predicted: float            # equals published when not run (never shown then)
    ran: int
    error_ratio: float
    abs_error_ratio: float
    matches: int                # exact cases: 1 when the digits agree
    digits: int
    conditions: tuple[tuple[str, str], ...]
    missing: str
    quote: str
    source_url: str
    source_title: str
    date_text: str
    note: str


@dataclass(frozen=True)
class AreaSummary:
    area: str
    title: str
    kind: str
    half: str                   # calibration | validation | all
    num_cases: int
    num_listed: int
    median_ape_ratio: float
    mean_ape_ratio: float
    max_ape_ratio: float
    num_exact_matches: int


@dataclass(frozen=True)
class Validation:
    cases: tuple[CaseResult, ...]
    summaries: tuple[AreaSummary, ...]
    efficiencies: tuple[tuple[str, str, float], ...]
    num_cases: int
    num_run: int
    num_exact: int
    num_exact_matches: int
    gate_margin_ratio: float = 0.0
    constants: Texts = ("default_mfu_ratio", "default_mbu_ratio")

    def summary(self, area: str, half: str) -> AreaSummary:
        return next(s for s in self.summaries if s.area == area and s.half == half)

    def area_cases(self, area: str) -> tuple[CaseResult, ...]:
        return tuple(c for c in self.cases if c.area == area)


def _result(case: ValidationCase, eff: Efficiencies) -> CaseResult:
    value = predict(case, eff)
    ran = value is not None
    predicted = value if value is not None else case.published
    error = (predicted - case.published) / case.published
    half = ("not run" if not ran else "exact" if case.kind == "exact" else split()[case.key])
    when = case.as_of.isoformat() if case.stated_date else f"not stated (read {case.as_of})"
    return CaseResult(
        case.key, case.area, case.description, case.kind, half, case.fmt, case.published,
        predicted, int(ran), error, abs(error),
        int(ran and case.kind == "exact" and rounds_to(predicted, case.published, case.digits)),
        case.digits, case.conditions, case.missing, case.quote, case.source_url,
        case.source_title, when, case.note)


def _summary(area: str, title: str, kind: str, half: str, rows: list[CaseResult],
             listed: int) -> AreaSummary:
    apes = [r.abs_error_ratio for r in rows] or [0.0]
    return AreaSummary(area, title, kind, half, len(rows), listed, statistics.median(apes),
                       statistics.fmean(apes), max(apes), sum(r.matches for r in rows))


def _summaries(results: tuple[CaseResult, ...]) -> tuple[AreaSummary, ...]:
    out = []
    for area, title in AREAS:
        mine = [r for r in results if r.area == area]
        run_rows = [r for r in mine if r.ran]
        kind = "exact" if all(r.kind == "exact" for r in mine) else "measurement"
        out.append(_summary(area, title, kind, "all", run_rows, len(mine)))
        if area in EFFICIENCY_FIELDS:
            for half in ("calibration", "validation"):
                rows = [r for r in run_rows if r.half == half]
                out.append(_summary(area, title, kind, half, rows, len(rows)))
    for half in ("calibration", "validation"):
        rows = [r for r in results if r.half == half]
        out.append(_summary("measured", "All measured cases", "measurement", half, rows,
                            len(rows)))
    return tuple(out)


def validate(efficiencies: Efficiencies | None = None) -> Validation:
    """Every case at ``efficiencies`` (area -> field -> percent; defaults where not given)."""
    eff = default_efficiencies()
    for area, values in (efficiencies or {}).items():
        eff[area] = {**eff[area], **values}
    results = tuple(_result(c, eff) for c in CASES)
    exact = [r for r in results if r.kind == "exact" and r.ran]
    return Validation(
        results, _summaries(results),
        tuple((area, key, value) for area, values in eff.items() for key, value in values.items()),
        len(results), sum(r.ran for r in results), len(exact), sum(r.matches for r in exact),
        GATE_MARGIN_RATIO)


@dataclass(frozen=True)
class Calibration:
    area: str
    field: str
    default_ratio: float
    calibrated_ratio: float     # chosen on the calibration half
    default_calibration_mape_ratio: float
    default_validation_mape_ratio: float
    calibrated_calibration_mape_ratio: float
    calibrated_validation_mape_ratio: float
    moves: int                  # 1 when the calibration would change the default


def _mape(area: str, half: str, eff: Efficiencies) -> float:
    keys = {k for k, h in split().items() if h == half}
    cases = [c for c in MEASURED_CASES if c.area == area and c.key in keys]
    return statistics.fmean(abs(predict(c, eff) / c.published - 1) for c in cases)  # type: ignore[operator]


@lru_cache(maxsize=1)
def calibrate() -> tuple[Calibration, ...]:
    """Per area, the grid values of its efficiency fields that minimise the calibration MAPE."""
    base = default_efficiencies()
    rows = []
    for area, (_, keys) in EFFICIENCY_FIELDS.items():
        grids: list[dict[str, float]] = [{}]
        for key in keys:
            grids = [{**g, key: float(v)} for g in grids for v in _GRID]
        best = min(grids, key=lambda g: (_mape(area, "calibration", {area: g}),
                                         sorted(g.items())))
        default = {area: base[area]}
        fitted = {area: best}
        for key in keys:
            rows.append(Calibration(
                area, key, base[area][key] / 100, best[key] / 100,
                _mape(area, "calibration", default), _mape(area, "validation", default),
                _mape(area, "calibration", fitted), _mape(area, "validation", fitted),
                int(best[key] != base[area][key])))
    return tuple(rows)


def chart_points(v: Validation | None = None) -> tuple[tuple[str, float, float], ...]:
    """Measured cases that ran as (label, published, predicted), in seconds: durations as
    they are, rates as seconds per token, so every area shares one log-log chart."""
    v = v or validate()
    def seconds(c: CaseResult, x: float) -> float:
        return 1 / x if c.fmt == "tokens_per_second" else x
    return tuple((c.description, seconds(c, c.published), seconds(c, c.predicted))
                 for c in v.cases if c.ran and c.kind == "measurement")


register_table("validation", validate)
register_table("validation_points", chart_points)
register_table("calibration", calibrate)
