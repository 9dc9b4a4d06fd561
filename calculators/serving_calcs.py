"""The registered serving calculators (guide 10): memory and concurrency of one server,
tensor parallelism, and the KV handover of disaggregated prefill."""

from __future__ import annotations

from dataclasses import dataclass

from calculators.collect import Texts
from calculators.data import constant
from calculators.fields import Field
from calculators.memory import DTYPE_BYTES, MAX_TOKENS, PRESET_MODEL_FIELDS
from calculators.parallel import LINKS, disaggregation, tensor_parallel
from calculators.registry import register, register_table, run
from calculators.spec_files import declared
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
LINK_CHOICES = tuple((key, link.label) for key, link in LINKS.items())
#: What the handover calculator and its chart read: the efficiency defaults and every link.
HANDOVER_CONSTANTS = ("default_mfu_ratio", "default_mbu_ratio") + tuple(
    link.constant for link in LINKS.values())

register(
    declared("serving_capacity", serving_capacity, SERVING_FIELDS,
        data={"dtype_bytes": DTYPE_BYTES},
    ),
    declared("tensor_parallel", tensor_parallel, tuple(f if f.key != "gpus" else Field(
            "gpus", "num_gpus", "GPUs (tensor parallel)", "GPUs", 8, 1, 64, 1, integer=True)
            for f in ROOFLINE_FIELDS),
        data={"dtype_bytes": DTYPE_BYTES},
    ),
    declared("disaggregation", disaggregation,
        (Field("link_type", "link", "Link between prefill and decode", "choice", "infiniband",
               choices=LINK_CHOICES),) + ROOFLINE_FIELDS,
        constants=HANDOVER_CONSTANTS,
        data={"dtype_bytes": DTYPE_BYTES},
        sweeps={"prompt": PROMPT_SWEEP},
    ),
)


@dataclass(frozen=True)
class HandoverChart:
    """Prefill time and KV transfer time per link, by prompt length (the break-even picture)."""

    prefill: tuple[tuple[float, float], ...]
    links: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]
    constants: Texts


def handover_chart(**inputs: object) -> HandoverChart:
    """Links of equal bandwidth share one line (InfiniBand, RoCE and EFA move 400 Gbit/s each)."""
    groups: dict[float, list[str]] = {}
    for key, link in LINKS.items():
        groups.setdefault(constant(link.constant).value, []).append(key)
    prefill: tuple[tuple[float, float], ...] = ()
    lines = []
    for links in groups.values():
        runs = [run("disaggregation", {**inputs, "link_type": links[0], "prompt": p})
                for p in PROMPT_SWEEP]
        prefill = tuple((d.prompt_tokens, d.prefill_seconds) for d in runs)
        label = " or ".join(LINKS[link].label.split(",")[0] for link in links)
        lines.append((label, tuple((d.prompt_tokens, d.transfer_seconds) for d in runs)))
    return HandoverChart(
        prefill=prefill, links=tuple(lines),
        constants=HANDOVER_CONSTANTS,
    )


register_table("handover_chart", handover_chart)
