"""Published measurements the calculators are validated against (issue 16): serving on GPUs
and inference on devices. Exact-arithmetic cases are in :mod:`calculators.data.validation_exact`.

Each case records the conditions a source states (model, hardware, precision, batch, lengths),
the published value with its unit, the source, the date the source states (``stated_date``
False: the source states none and ``as_of`` is the day it was read), a short quote as printed,
and how to recompute it: a registered calculator with display-unit ``inputs`` (catalog
``model`` and ``accelerator`` fill the shape and the datasheet) and the result field
``output``. A case whose source leaves a needed condition out says which in ``missing`` and is
listed but never run, so it never counts in an error. ``calculators/validation.py`` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.data.records import READ_ON, check_provenance

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


_TRT_URL = ("https://github.com/NVIDIA/TensorRT-LLM/blob/138f96d45f90b9667426f7c47297d8c06bafac73/"
            "docs/source/performance.md")
_TRT_TITLE = "TensorRT-LLM: Performance of TensorRT-LLM (v0.6.1 throughput, v0.5 latency tables)"
_TRT_NOTE = ("The page says the engines were built for Llama2-7b on an H100-HBM3-80GB system with "
             "--enable_fp8 --fp8_kv_cache (removed on A100). gptSessionBenchmark, static batch.")
_KIPPLY_URL = "https://github.com/cli99/llm-analysis/blob/main/examples/fastertransformer/README.md"
_KIPPLY_TITLE = ("llm-analysis: Example Analyses with FasterTransformer (quoting kipply, "
                 "Transformer Inference Arithmetic, 2022)")
_NIM_URL = "https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance"
_NIM_TITLE = "NVIDIA NIM for LLMs benchmarking: Performance (Llama-3.3-70b-instruct, NIM 1.8.0)"
_ET_URL = ("https://github.com/pytorch/executorch/blob/main/examples/models/llama/README.md")
_ET_TITLE = "ExecuTorch: Llama on-device examples (README, Performance)"
_DS_URL = ("https://github.com/deepseek-ai/open-infra-index/blob/main/202502OpenSourceWeek/"
           "day_6_one_more_thing_deepseekV3R1_inference_system_overview.md")
_DS_TITLE = "DeepSeek: Day 6, DeepSeek-V3/R1 Inference System Overview"
_APPLE_URL = "https://machinelearning.apple.com/research/introducing-apple-foundation-models"
_APPLE_TITLE = "Apple Machine Learning Research: Introducing Apple's On-Device and Server Foundation Models"


def _trt_throughput(gpu: str, label: str, dtype: str, batch: int, prompt: int, output: int,
                    published: float, missing: str = "") -> ValidationCase:
    return ValidationCase(
        f"trtllm_7b_{gpu.split('-')[0]}_b{batch}_{prompt}_{output}", "serving",
        f"TensorRT-LLM LLaMA 7B on one {label}, {dtype.upper()}, batch {batch}, "
        f"{prompt} in / {output} out: output throughput", "measurement", published,
        "tokens_per_second",
        (("Model", "Llama 2 7B"), ("Hardware", label), ("Precision", dtype.upper()),
         ("Batch", str(batch)), ("Prompt", f"{prompt} tokens"), ("Output", f"{output} tokens"),
         ("GPUs", "1")),
        _TRT_URL, _TRT_TITLE, READ_ON, False,
        f"| LLaMA 7B | {batch} | 1 | {prompt} | {output} | {published:,.0f} |",
        calculator="inference_roofline",
        inputs=(("prompt", prompt), ("output", output), ("batch", batch)),
        model="llama-2-7b", accelerator=gpu, dtype=dtype, output="output_tokens_per_second",
        missing=missing, note=_TRT_NOTE)


def _trt_latency(gpu: str, label: str, dtype: str, prompt: int, published_ms: float,
                 check: str = "", missing: str = "", note: str = "") -> ValidationCase:
    return ValidationCase(
        f"trtllm_7b_{gpu.split('-')[0]}_ttft_{prompt}", "serving",
        f"TensorRT-LLM LLaMA 7B on one {label}, {dtype.upper()}, batch 1, {prompt}-token "
        "prompt: first-token latency", "measurement", published_ms / 1000, "duration",
        (("Model", "Llama 2 7B"), ("Hardware", label), ("Precision", dtype.upper()),
         ("Batch", "1"), ("Prompt", f"{prompt} tokens"), ("Output", "1 token"), ("GPUs", "1")),
        _TRT_URL, _TRT_TITLE, READ_ON, False,
        f"| LLaMA 7B | 1 | 1 | {prompt} | {published_ms:g} |",
        calculator="inference_roofline", inputs=(("prompt", prompt), ("output", 1), ("batch", 1)),
        model="llama-2-7b", accelerator=gpu, dtype=dtype, output="ttft_seconds", check=check,
        missing=missing, note=f"{_TRT_NOTE} {note}".strip())


def _kipply(gpus: int, what: str, output: str, published_ms: float, check: str) -> ValidationCase:
    return ValidationCase(
        f"kipply_13b_tp{gpus}_{output.split('_')[0]}", "serving",
        f"FasterTransformer 13B on {('one', 'two')[gpus - 1]} A100 40 GB, FP16, batch 1, 512-token prompt: {what}",
        "measurement", published_ms / 1000, "duration",
        (("Model", "13B (LLaMA-13B shape)"), ("Hardware", "A100 40 GB"), ("Precision", "FP16"),
         ("Batch", "1"), ("Prompt", "512 tokens"), ("Output", "10 tokens"), ("GPUs", str(gpus))),
        _KIPPLY_URL, _KIPPLY_TITLE, READ_ON, False,
        f"{what}: {published_ms:g} ms", calculator="inference_roofline",
        inputs=(("prompt", 512), ("output", 10), ("batch", 1), ("gpus", gpus)),
        model="llama-2-13b", accelerator="a100-40gb", dtype="fp16", output=output, check=check,
        status="SECONDARY",
        note="kipply's 2022 post as quoted by llm-analysis (quote as REFERENCES.md records "
             "it); the site's default MFU and MBU come from the same profiling run.")


def _executorch(key: str, model: str, label: str, published: float, mib: float) -> ValidationCase:
    return ValidationCase(
        f"executorch_{key}", "on-device",
        f"ExecuTorch {label} on a OnePlus 12 (CPU, XNNPACK with KleidiAI): decode rate",
        "measurement", published, "tokens_per_second",
        (("Model", label), ("Hardware", "OnePlus 12 (Snapdragon 8 Gen 3)"),
         ("Weights", f"{mib:,.0f} MiB file"), ("Batch", "1"), ("Prompt", "64 tokens"),
         ("Output", "not stated (1 token assumed; KV reads are negligible here)")),
        _ET_URL, _ET_TITLE, READ_ON, False,
        f"|{label} | {published} |", calculator="edge_vs_cloud",
        inputs=(("prompt", 64), ("output", 1)), model=model, accelerator="snapdragon-8-gen-3",
        output="device_tokens_per_second", weight_file_mib=mib,
        note="The weight bytes read per token are the PTE file size the README states; the "
             "phone's chip and bandwidth come from the accelerators catalog.")


MEASURED_CASES: tuple[ValidationCase, ...] = (
    _kipply(1, "prefill", "prefill_seconds", 63.17, "ft13b_prefill"),
    _kipply(1, "time per output token", "tpot_seconds", 22.0, "ft13b_tpot"),
    _kipply(2, "prefill", "prefill_seconds", 45.45, "ft13b_tp2_prefill"),
    _kipply(2, "time per output token", "tpot_seconds", 13.5, "ft13b_tp2_tpot"),
    _trt_latency("h100-sxm", "H100 SXM", "fp8", 128, 7),
    _trt_latency("h100-sxm", "H100 SXM", "fp8", 2048, 36, check="trtllm_7b_h100_ttft"),
    _trt_latency("l40s", "L40S", "fp8", 128, 14),
    _trt_latency("l40s", "L40S", "fp8", 2048, 73),
    _trt_latency("a100-80gb", "A100", "fp16", 2048, 133, check="trtllm_7b_a100_ttft",
                 note="The A100's memory variant is not stated; both give this prediction "
                      "(compute-bound, same FLOP/s)."),
    _trt_latency("a100-80gb", "A100", "fp16", 128, 16,
                 missing=not_stated("A100 memory variant (40 or 80 GB), which sets this bound")),
    _trt_throughput("h100-sxm", "H100 SXM", "fp8", 768, 128, 128, 19694),
    _trt_throughput("h100-sxm", "H100 SXM", "fp8", 112, 128, 2048, 6818),
    _trt_throughput("h100-sxm", "H100 SXM", "fp8", 80, 2048, 128, 2244),
    _trt_throughput("h100-sxm", "H100 SXM", "fp8", 48, 2048, 2048, 2740),
    _trt_throughput("l40s", "L40S", "fp8", 64, 128, 128, 3240),
    _trt_throughput("l40s", "L40S", "fp8", 64, 128, 2048, 1622),
    _trt_throughput("l40s", "L40S", "fp8", 32, 2048, 128, 581),
    _trt_throughput("l40s", "L40S", "fp8", 16, 2048, 2048, 531),
    _trt_throughput("a100-80gb", "A100", "fp16", 384, 128, 128, 5586,
                    missing=not_stated("A100 memory variant (40 or 80 GB: 1,555 or 2,039 GB/s)")),
    _trt_throughput("a100-80gb", "A100", "fp16", 60, 128, 2048, 1928,
                    missing=not_stated("A100 memory variant (40 or 80 GB: 1,555 or 2,039 GB/s)")),
    ValidationCase(
        "nim_70b_tp2_ttft", "serving",
        "NIM Llama-3.3-70B on two H100, FP8, TP 2, 5,000 in / 500 out, concurrency 1: TTFT",
        "measurement", 0.40677, "duration",
        (("Model", "Llama 3.3 70B (Llama-3.1-70B shape)"), ("Hardware", "H100 80 GB"),
         ("Precision", "FP8"), ("Batch", "1 (concurrency 1)"), ("Prompt", "5,000 tokens"),
         ("Output", "500 tokens"), ("GPUs", "2")),
        _NIM_URL, _NIM_TITLE, READ_ON, False, "TTFT (ms) 406.77", calculator="inference_roofline",
        inputs=(("prompt", 5000), ("output", 500), ("batch", 1), ("gpus", 2),
                ("weight_dtype", "fp8"), ("kv_dtype", "fp8")),
        model="llama-3.1-70b", accelerator="h100-sxm", dtype="fp8", output="ttft_seconds",
        check="nim_70b_ttft", note="Measured from the client with AIPerf: includes the HTTP "
        "path. Quote as the site's constant record gives the table cell."),
    ValidationCase(
        "nim_70b_tp2_itl", "serving",
        "NIM Llama-3.3-70B on two H100, FP8, TP 2, concurrency 1: inter-token latency",
        "measurement", 0.01858, "duration",
        (("Model", "Llama 3.3 70B (Llama-3.1-70B shape)"), ("Hardware", "H100 80 GB"),
         ("Precision", "FP8"), ("Batch", "1 (concurrency 1)"), ("Prompt", "5,000 tokens"),
         ("Output", "500 tokens"), ("GPUs", "2")),
        _NIM_URL, _NIM_TITLE, READ_ON, False, "ITL (ms) 18.58", calculator="inference_roofline",
        inputs=(("prompt", 5000), ("output", 500), ("batch", 1), ("gpus", 2),
                ("weight_dtype", "fp8"), ("kv_dtype", "fp8")),
        model="llama-3.1-70b", accelerator="h100-sxm", dtype="fp8", output="tpot_seconds",
        check="nim_70b_itl", note="Measured from the client with AIPerf."),
    ValidationCase(
        "deepseek_prefill_node", "serving",
        "DeepSeek-V3/R1 production, one H800 node: prefill input throughput (with cache hits)",
        "measurement", 73_700, "tokens_per_second",
        (("Model", "DeepSeek-V3/R1"), ("Hardware", "8 H800 per node"), ("Precision", "FP8"),
         ("Batch", "not stated"), ("Prompt", "not stated (mean)"), ("GPUs", "32 (EP32, DP32)")),
        _DS_URL, _DS_TITLE, date(2025, 2, 28), True,
        "Each H800 node delivers an average throughput of ~73.7k tokens/s input (including "
        "cache hits) during prefilling",
        missing=not_stated("batch per GPU and share of cache hits per node; H800 is not in "
                           "the accelerators catalog"),
        note="The date is the end of the 24-hour statistics window the post states."),
    ValidationCase(
        "deepseek_decode_node", "serving",
        "DeepSeek-V3/R1 production, one H800 node: decode output throughput",
        "measurement", 14_800, "tokens_per_second",
        (("Model", "DeepSeek-V3/R1"), ("Hardware", "8 H800 per node"), ("Precision", "FP8"),
         ("Batch", "not stated"), ("Context", "4,989 tokens mean KV per output token"),
         ("GPUs", "144 (EP144, DP144)")),
        _DS_URL, _DS_TITLE, date(2025, 2, 28), True,
        "or ~14.8k tokens/s output during decoding",
        missing=not_stated("batch per GPU; H800 is not in the accelerators catalog"),
        note="The date is the end of the 24-hour statistics window the post states."),
    _executorch("1b_bf16", "llama-3.2-1b", "1B BF16 (baseline)", 19.2, 2358),
    _executorch("1b_spinquant", "llama-3.2-1b", "1B SpinQuant", 50.2, 1083),
    _executorch("1b_qat_lora", "llama-3.2-1b", "1B QAT+LoRA", 45.8, 1127),
    _executorch("3b_bf16", "llama-3.2-3b", "3B BF16 (baseline)", 7.6, 6129),
    _executorch("3b_spinquant", "llama-3.2-3b", "3B SpinQuant", 19.7, 2435),
    _executorch("3b_qat_lora", "llama-3.2-3b", "3B QAT+LoRA", 18.5, 2529),
    ValidationCase(
        "executorch_8b_oneplus12", "on-device",
        "ExecuTorch Llama 3 8B, groupwise 4-bit (128), OnePlus 12: decode rate",
        "measurement", 10.85, "tokens_per_second",
        (("Model", "Llama 3 8B"), ("Hardware", "OnePlus 12"), ("Precision", "4-bit, group 128"),
         ("Weights", "not stated"), ("Batch", "1")),
        _ET_URL, _ET_TITLE, READ_ON, False, "|OnePlus 12 | 10.85 tokens/second |",
        missing=not_stated("weight file size (embedding and scale formats)")),
    ValidationCase(
        "executorch_8b_s24", "on-device",
        "ExecuTorch Llama 3 8B, groupwise 4-bit (128), Galaxy S24: decode rate",
        "measurement", 10.91, "tokens_per_second",
        (("Model", "Llama 3 8B"), ("Hardware", "Galaxy S24 (chip variant not stated)"),
         ("Precision", "4-bit, group 128"), ("Weights", "not stated"), ("Batch", "1")),
        _ET_URL, _ET_TITLE, READ_ON, False, "|Galaxy S24 | 10.91 tokens/second |",
        missing=not_stated("chip variant (Snapdragon or Exynos) and weight file size")),
    ValidationCase(
        "apple_3b_iphone_decode", "on-device",
        "Apple on-device model (about 3B), iPhone 15 Pro: generation rate",
        "measurement", 30, "tokens_per_second",
        (("Model", "Apple on-device, about 3B, mixed 2/4-bit"), ("Hardware", "iPhone 15 Pro"),
         ("Batch", "1")),
        _APPLE_URL, _APPLE_TITLE, date(2024, 6, 10), True,
        "a generation rate of 30 tokens per second",
        missing=not_stated("iPhone memory bandwidth (Apple does not publish it)")),
    ValidationCase(
        "apple_3b_iphone_prefill", "on-device",
        "Apple on-device model (about 3B), iPhone 15 Pro: first-token time per prompt token",
        "measurement", 0.0006, "duration",
        (("Model", "Apple on-device, about 3B"), ("Hardware", "iPhone 15 Pro"), ("Batch", "1")),
        _APPLE_URL, _APPLE_TITLE, date(2024, 6, 10), True,
        "time-to-first-token latency of about 0.6 millisecond per prompt token",
        missing=not_stated("the neural engine's FLOP/s")),
    ValidationCase(
        "llamacpp_m4_8b_q4km", "on-device",
        "llama.cpp (Metal) Llama 3.1 8B Q4_K_M on a Mac mini M4: tg128 decode rate",
        "measurement", 20.87, "tokens_per_second",
        (("Model", "Llama 3.1 8B"), ("Hardware", "Apple M4, 16 GB"), ("Precision", "Q4_K_M"),
         ("Weights", "not stated"), ("Batch", "1"), ("Output", "128 tokens")),
        "https://github.com/brand-o/normiebench/issues/3",
        "normiebench: [bench-result] JB / Mac Mini M4 / 20.9 t/s", date(2026, 3, 8), True,
        '"tg128": 20.87', missing=not_stated("GGUF file size of the Q4_K_M weights"),
        status="SECONDARY"),
    ValidationCase(
        "llamacpp_m5_7b_q4_0", "on-device",
        "llama.cpp (Metal) LLaMA 7B Q4_0 (3.83 GiB) on an Apple M5: tg 128 decode rate",
        "measurement", 26.59, "tokens_per_second",
        (("Model", "Mistral 7B v0.1"), ("Hardware", "Apple M5"), ("Precision", "Q4_0"),
         ("Weights", "3.83 GiB"), ("Batch", "1"), ("Output", "128 tokens")),
        "https://github.com/ggml-org/llama.cpp/pull/16634",
        "llama.cpp pull request 16634: metal: initial Metal4 tensor API support",
        date(2025, 10, 25), True, "| Metal | tg 128 | 26.59 ± 0.88 |",
        missing=not_stated("the M5's memory bandwidth (not in the source or the catalog)")),
)
