"""The inference models replayed on published measurements (guides 7 and 10).

Every prediction uses the calculators' default efficiencies (sourced constants, the same for
every case, never refitted), the catalog's model shape and accelerator datasheet, and the
measurement's own conditions. Each check carries the tolerance its test holds it to: the
error is printed on the page, and ``tests/test_inference_checks.py`` fails if it grows past it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from calculators.collect import Texts, table
from calculators.data import constant
from calculators.memory import model_inputs
from calculators.registry import ReferenceCheck, reference_check, register_check, register_table, run
from calculators.inference_fields import accelerator_inputs

__all__ = ["CHECK_TOLERANCES", "InferenceCheck", "inference_checks"]

EFFICIENCIES = ("default_mfu_ratio", "default_mbu_ratio")


def _ft13b(gpus: int) -> Any:
    """kipply's FasterTransformer run: 13B (LLaMA-13B shape), A100 40 GB, FP16, batch 1."""
    return run("inference_roofline", {
        **model_inputs("llama-2-13b"), **accelerator_inputs("a100-40gb", "fp16"),
        "prompt": int(constant("kipply_13b_prompt_tokens").value),
        "output": int(constant("kipply_13b_output_tokens").value), "gpus": gpus})


def _trt7b(gpu: str, dtype: str) -> Any:
    return run("inference_roofline", {
        **model_inputs("llama-2-7b"), **accelerator_inputs(gpu, dtype),
        "weight_dtype": dtype if dtype == "fp8" else "bf16",
        "kv_dtype": dtype if dtype == "fp8" else "bf16",
        "prompt": int(constant("trtllm_prompt_tokens").value), "output": 1})


def _nim70b() -> Any:
    return run("inference_roofline", {
        **model_inputs("llama-3.1-70b"), **accelerator_inputs("h100-sxm", "fp8"),
        "weight_dtype": "fp8", "kv_dtype": "fp8", "gpus": 2,
        "prompt": int(constant("nim_prompt_tokens").value),
        "output": int(constant("nim_output_tokens").value)})


def _databricks_tpot() -> float:
    """The post's 7B example at the default MBU: weights / (2 TB/s × MBU), KV ignored as there."""
    return (constant("databricks_7b_weight_bytes").value
            / (constant("databricks_peak_bandwidth_bytes_per_second").value
               * constant("default_mbu_ratio").value))


def _databricks_mbu() -> float:
    return (constant("databricks_7b_weight_bytes").value / constant("databricks_7b_tpot_seconds").value
            / constant("databricks_peak_bandwidth_bytes_per_second").value)


def _distserve_seconds() -> float:
    """DistServe's example through the handover formula: tokens × KV per token / link."""
    return (constant("distserve_prompt_tokens").value
            * constant("distserve_kv_bytes_per_token").value
            / constant("distserve_link_bytes_per_second").value)


_KIPPLY = ("kipply_13b_prompt_tokens", "kipply_13b_output_tokens")
#: kipply's four FasterTransformer figures: (name, what, GPUs, result field, tolerance); the
#: measured value is the constant ``kipply_13b[_tp2]_<phase>_seconds``.
_FT13B = (
    ("ft13b_prefill", "(LLaMA-13B shape) prefill, 512 tokens, one A100 40 GB", 1, "prefill", 0.10),
    ("ft13b_tpot", "time per output token, one A100 40 GB", 1, "tpot", 0.25),
    ("ft13b_tp2_prefill", "prefill, two A100 40 GB, TP 2", 2, "prefill", 0.40),
    ("ft13b_tp2_tpot", "time per output token, TP 2", 2, "tpot", 0.35),
)
_CASES: dict[str, tuple[str, Any, str, str, Texts, float]] = {
    # name: (description, predicted(), measured key, unit, constants, tolerance)
    **{name: (f"FasterTransformer 13B {what} (kipply)",
              lambda g=gpus, f=f"{phase}_seconds": getattr(_ft13b(g), f),
              f"kipply_13b{'_tp2' if gpus == 2 else ''}_{phase}_seconds", "seconds", _KIPPLY, tol)
       for name, what, gpus, phase, tol in _FT13B},
    "databricks_mbu": ("Databricks: MBU implied by 14 GB read in a 14 ms step on 2 TB/s",
                       _databricks_mbu, "databricks_7b_mbu_ratio", "ratio",
                       ("databricks_7b_weight_bytes", "databricks_7b_tpot_seconds",
                        "databricks_peak_bandwidth_bytes_per_second"), 0.001),
    "databricks_tpot": ("Databricks: 7B 16-bit TPOT predicted at the default MBU",
                        _databricks_tpot, "databricks_7b_tpot_seconds", "seconds",
                        ("databricks_7b_weight_bytes",
                         "databricks_peak_bandwidth_bytes_per_second"), 0.50),
    "trtllm_7b_a100_ttft": ("TensorRT-LLM LLaMA 7B (Llama-2-7B shape) first token, 2,048 tokens, A100, FP16",
                            lambda: _trt7b("a100-80gb", "fp16").ttft_seconds,
                            "trtllm_llama7b_a100_ttft_seconds", "seconds",
                            ("trtllm_prompt_tokens",), 0.10),
    "trtllm_7b_h100_ttft": ("TensorRT-LLM LLaMA 7B (Llama-2-7B shape) first token, 2,048 tokens, H100, FP8",
                            lambda: _trt7b("h100-sxm", "fp8").ttft_seconds,
                            "trtllm_llama7b_h100_ttft_seconds", "seconds",
                            ("trtllm_prompt_tokens",), 0.50),
    "nim_70b_ttft": ("NIM Llama-3.3-70B (Llama-3.1-70B shape) TTFT, 5,000 tokens, two H100, FP8, TP 2",
                     lambda: _nim70b().ttft_seconds, "nim_llama70b_tp2_ttft_seconds", "seconds",
                     ("nim_prompt_tokens", "nim_output_tokens"), 0.40),
    "nim_70b_itl": ("NIM Llama-3.3-70B inter-token latency, two H100, FP8, TP 2",
                    lambda: _nim70b().tpot_seconds, "nim_llama70b_tp2_itl_seconds", "seconds",
                    ("nim_prompt_tokens", "nim_output_tokens"), 0.40),
    "distserve_handover": ("DistServe: 2,048-token KV handover over 8 × 64 GB/s",
                           _distserve_seconds, "distserve_kv_transfer_seconds", "seconds",
                           ("distserve_prompt_tokens", "distserve_kv_bytes_per_token",
                            "distserve_link_bytes_per_second"),
                           0.05),
}

#: The tolerance each check's test holds its |error| to (shown beside it on the page).
CHECK_TOLERANCES = {name: case[5] for name, case in _CASES.items()}
GUIDE_CHECKS = {
    "guide7": ("ft13b_prefill", "ft13b_tpot", "databricks_mbu", "databricks_tpot",
               "trtllm_7b_a100_ttft", "trtllm_7b_h100_ttft", "nim_70b_ttft", "nim_70b_itl"),
    "guide10": ("ft13b_tp2_prefill", "ft13b_tp2_tpot", "nim_70b_itl", "distserve_handover"),
}


@dataclass(frozen=True)
class InferenceCheck(ReferenceCheck):
    """A reference check as a guide's table shows it, with its error's size and tolerance."""

    abs_error_ratio: float
    tolerance_ratio: float


def _check(name: str) -> ReferenceCheck:
    description, predicted, measured_key, unit, keys, _ = _CASES[name]
    extra = (EFFICIENCIES if name not in {"databricks_mbu", "distserve_handover"} else ())
    return reference_check(name, description, predicted(), constant(measured_key).value, unit,
                           (measured_key, *keys, *extra))


@table
def inference_checks(guide: str) -> Iterator[InferenceCheck]:
    """The predicted / published / error rows a guide's table shows."""
    for name in GUIDE_CHECKS[guide]:
        c = _check(name)
        yield InferenceCheck(**vars(c), abs_error_ratio=abs(c.error_ratio),
                             tolerance_ratio=CHECK_TOLERANCES[name])


for _name in _CASES:
    register_check(_name, lambda _n=_name: _check(_n))
register_table("inference_checks", inference_checks)
