"""The registered serving calculators (guide 10): memory and concurrency of one server,
tensor parallelism, and the KV handover of disaggregated prefill."""

from __future__ import annotations

from dataclasses import dataclass

from calculators.data import constant
from calculators.fields import Field
from calculators.invariants import Invariants
from calculators.memory import DTYPE_BYTES, MAX_TOKENS, PRESET_MODEL_FIELDS
from calculators.parallel import LINKS, disaggregation, tensor_parallel
from calculators.registry import Calculator, Output, register, register_table, run
from calculators.inference_fields import DEFAULT_ACCELERATOR, accelerator_inputs, accelerator_preset
from calculators.roofline_calcs import DTYPE_FIELDS, ROOFLINE_FIELDS
from calculators.serving import serving_capacity

__all__ = ["SERVING_FIELDS"]

_A = accelerator_inputs(DEFAULT_ACCELERATOR, memory=True)
_UTIL = constant("vllm_gpu_memory_utilization_ratio").value
_BLOCK = int(constant("vllm_block_size_tokens").value)

SERVING_FIELDS = PRESET_MODEL_FIELDS + DTYPE_FIELDS + accelerator_preset((
    Field("memory", "memory_bytes", "Memory per GPU", "GB", _A["memory"], 1, 10_000, 1,
          scale=1e-9),)) + (
    Field("gpus", "num_gpus", "GPUs (tensor parallel)", "GPUs", 1, 1, 64, 1, integer=True),
    Field("utilization", "gpu_memory_utilization_ratio", "Memory the server may use", "%",
          _UTIL * 100, 1, 100, 1, scale=100, help="vLLM's gpu_memory_utilization."),
    Field("reserve", "activation_reserve_bytes", "Activation reserve per GPU", "GB", 2.5, 0,
          1000, 0.1, scale=1e-9, help="Activations and CUDA graphs; vLLM measures it at start-up."),
    Field("block", "block_size_tokens", "KV block size", "tokens", _BLOCK, 1, 1024, 1,
          integer=True),
    Field("context", "context_tokens", "Tokens per sequence", "tokens", 8192, 0, MAX_TOKENS, 1,
          integer=True, help="Prompt plus output of a typical request."),
    Field("max_model_len", "max_model_len_tokens", "Maximum model length", "tokens", 131_072, 1,
          MAX_TOKENS, 1, integer=True, help="vLLM's max_model_len: the longest sequence allowed."),
    Field("requested", "requested_sequences", "Sequences wanting to run", "sequences", 64, 1,
          1_000_000, 1, integer=True),
)

#: Prompt lengths of the handover sweep and break-even chart.
PROMPT_SWEEP = (128, 512, 2000, 8000, 32_000, 100_000)
LINK_CHOICES = tuple((key, label) for key, (label, _) in LINKS.items())

register(
    Calculator(
        name="serving_capacity",
        title="Serving memory and concurrency",
        summary="KV budget, token capacity, paged blocks and concurrent sequences of one server.",
        module="serving",
        function=serving_capacity,
        invariants=Invariants(multiples=("paged_gain_ratio",)),
        fields=SERVING_FIELDS,
        constants=("vllm_gpu_memory_utilization_ratio", "vllm_block_size_tokens"),
        data={"dtype_bytes": DTYPE_BYTES},
        outputs=(
            Output("kv_budget_bytes", "KV-cache budget", "bytes"),
            Output("token_capacity", "Tokens the KV cache holds", "tokens"),
            Output("num_blocks", "KV blocks", "count"),
            Output("concurrent_sequences", "Sequences at this length (paged)", "count"),
            Output("contiguous_sequences", "Sequences if reserved at the maximum length", "count"),
            Output("paged_waste_ratio", "Last-block waste per sequence", "percent"),
            Output("preempted_sequences", "Sequences that must wait or be preempted", "count"),
            Output("max_context_that_fits_tokens", "Longest single sequence that fits", "tokens"),
        ),
        sweeps={"context": (1024, 4096, 8192, 32_768, 131_072)},
        scenarios={
            "Llama-3.1-8B BF16, one H100": {},
            "Llama-3.1-8B BF16, FP8 KV cache, one H100": {"kv_dtype": "fp8"},
            "Llama-3.1-8B BF16, one H200": {"accelerator": "h200"},
            "Llama-3.1-70B FP8, one H100, 1,024-token limit": {
                "model": "llama-3.1-70b", "weight_dtype": "fp8", "max_model_len": 1024,
                "context": 1024},
            "Llama-3.1-70B FP8, one H200": {"model": "llama-3.1-70b", "weight_dtype": "fp8",
                                            "accelerator": "h200"},
            "Llama-3.1-70B BF16, four H100": {"model": "llama-3.1-70b", "gpus": 4},
        },
        cases={
            "bad: model does not fit": {"model": "llama-3.1-70b"},
            "bad: KV needed is larger than available": {"model": "llama-3.1-70b",
                                                        "weight_dtype": "fp8"},
            "preset with an override: H200 at 100 GB": {"accelerator": "h200", "memory": 100},
            "bad: context beyond max_model_len": {"context": 200_000},
            "bad: max_model_len beyond the window": {"max_model_len": 200_000},
            "one sequence, no preemption": {"requested": 1},
            "block of one token": {"block": 1},
            "FP8 KV cache": {"kv_dtype": "fp8"},
            "MLA over eight GPUs keeps the latent on each": {
                "model": "deepseek-v3", "weight_dtype": "fp8", "accelerator": "h200",
                "gpus": 8},
        },
    ),
    Calculator(
        name="tensor_parallel",
        title="Tensor parallelism: why n GPUs are not n times faster",
        summary="TPOT on one GPU against n GPUs, with the all-reduce time each step adds.",
        module="parallel",
        function=tensor_parallel,
        invariants=Invariants(multiples=("speedup_ratio",)),
        fields=tuple(f if f.key != "gpus" else Field(
            "gpus", "num_gpus", "GPUs (tensor parallel)", "GPUs", 8, 1, 64, 1, integer=True)
            for f in ROOFLINE_FIELDS),
        constants=("default_mfu_ratio", "default_mbu_ratio"),
        data={"dtype_bytes": DTYPE_BYTES},
        outputs=(
            Output("tpot_one_gpu_seconds", "TPOT on one GPU (if it fitted)", "ms"),
            Output("tpot_seconds", "TPOT on n GPUs", "ms"),
            Output("allreduce_seconds", "All-reduce time per step", "ms"),
            Output("speedup_ratio", "Speed-up", "number"),
            Output("scaling_efficiency_ratio", "Speed-up divided by n", "percent"),
        ),
        sweeps={"gpus": (1, 2, 4, 8, 16)},
        cases={
            "one GPU: speed-up 1": {"gpus": 1},
            "PCIe-class link": {"link": 32},
            "large batch": {"batch": 256},
            "bad: zero link bandwidth": {"link": 0},
        },
    ),
    Calculator(
        name="disaggregation",
        title="Disaggregated prefill: the KV handover",
        summary="KV bytes a prompt hands from prefill to decode GPUs and their transfer time per link.",
        module="parallel",
        function=disaggregation,
        invariants=Invariants(multiples=("transfer_to_prefill_ratio",)),
        fields=(Field("link_type", "link", "Link between prefill and decode", "choice",
                      "infiniband", choices=LINK_CHOICES),) + ROOFLINE_FIELDS,
        constants=("default_mfu_ratio", "default_mbu_ratio") + tuple(k for _, k in LINKS.values()),
        data={"dtype_bytes": DTYPE_BYTES},
        outputs=(
            Output("handover_bytes", "KV cache handed over", "bytes"),
            Output("transfer_seconds", "Transfer time", "ms"),
            Output("prefill_seconds", "Prefill time", "ms"),
            Output("transfer_to_prefill_ratio", "Transfer as a share of prefill", "percent"),
            Output("transfer_in_tpots", "Transfer in decode steps", "number"),
        ),
        sweeps={"prompt": PROMPT_SWEEP},
        cases={
            "same node over NVLink": {"link_type": "nvlink"},
            "PCIe": {"link_type": "pcie"},
            "EFA": {"link_type": "efa"},
            "RoCE": {"link_type": "roce"},
            "FP8 KV halves the handover": {"kv_dtype": "fp8"},
            "bad: unknown link": {"link_type": "carrier-pigeon"},
            "bad: prompt beyond the window": {"prompt": 131_000},
        },
    ),
)


@dataclass(frozen=True)
class HandoverChart:
    """Prefill time and KV transfer time per link, by prompt length (the break-even picture)."""

    prefill: tuple[tuple[float, float], ...]
    links: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]
    constants: tuple[str, ...]


def handover_chart(**inputs: object) -> HandoverChart:
    """Links of equal bandwidth share one line (InfiniBand, RoCE and EFA move 400 Gbit/s each)."""
    groups: dict[float, list[str]] = {}
    for link, (_, key) in LINKS.items():
        groups.setdefault(constant(key).value, []).append(link)
    prefill: tuple[tuple[float, float], ...] = ()
    lines = []
    for links in groups.values():
        runs = [run("disaggregation", {**inputs, "link_type": links[0], "prompt": p})
                for p in PROMPT_SWEEP]
        prefill = tuple((d.prompt_tokens, d.prefill_seconds) for d in runs)
        label = " or ".join(LINKS[link][0].split(",")[0] for link in links)
        lines.append((label, tuple((d.prompt_tokens, d.transfer_seconds) for d in runs)))
    return HandoverChart(
        prefill=prefill, links=tuple(lines),
        constants=("default_mfu_ratio", "default_mbu_ratio") + tuple(k for _, k in LINKS.values()),
    )


register_table("handover_chart", handover_chart)
