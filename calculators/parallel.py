"""Multi-GPU serving (guide 10): tensor parallelism and disaggregated prefill/decode.

Tensor parallelism splits each layer's weights (and KV heads) over n GPUs, so a memory-bound
decode step reads 1/n of the bytes per GPU, but every layer then ends in two all-reduces of
the batch's activations. Their latency does not shrink with n, so the speed-up stays below n:

    speed-up = TPOT(1 GPU) / TPOT(n GPUs),   scaling efficiency = speed-up / n

Disaggregation runs prefill on one pool and decode on another, so the prompt's KV cache must
cross a link once per request:

    handover [B] = KV(prompt),   transfer [s] = handover / link bandwidth

It pays when the transfer is small against the prefill it frees the decode GPUs from, and when
there is enough load for prefills to interrupt decodes; at low load it only adds the transfer.
References: JAX scaling book (sharding for generation; disaggregation), DistServe, Splitwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from calculators.data import constant
from calculators.memory import kv_bytes_for_context, kv_bytes_per_token_layer
from calculators.roofline import ACTIVATION_BYTES, roofline

__all__ = ["LINKS", "Disaggregation", "Link", "TensorParallel", "disaggregation", "tensor_parallel"]

class Link(NamedTuple):
    """A link choice for the KV handover: its label and the constant of its bandwidth."""

    label: str
    constant: str


LINKS: dict[str, Link] = {
    "nvlink": Link("NVLink 4, same node", "link_nvlink4_bytes_per_second"),
    "infiniband": Link("InfiniBand NDR, 400 Gbit/s", "link_infiniband_ndr_bytes_per_second"),
    "roce": Link("RoCE, 400 GbE", "link_roce_400g_bytes_per_second"),
    "efa": Link("AWS EFA (p5), per GPU", "link_efa_p5_bytes_per_second"),
    "pcie": Link("PCIe 5.0 x16", "link_pcie5_x16_bytes_per_second"),
}


@dataclass(frozen=True)
class TensorParallel:
    num_gpus: int
    batch_size: int
    tpot_one_gpu_seconds: float
    tpot_seconds: float
    allreduce_seconds: float
    allreduce_bytes_per_layer: float
    allreduce_share_ratio: float
    speedup_ratio: float
    scaling_efficiency_ratio: float
    weight_bytes_per_gpu: float
    ttft_one_gpu_seconds: float
    ttft_seconds: float
    output_tokens_per_second_per_user: float


def tensor_parallel(**inputs: object) -> TensorParallel:
    """TPOT on one GPU against n GPUs with the same model, batch and efficiencies.

    ``inputs`` are the :func:`calculators.roofline.roofline` inputs; ``num_gpus`` is n. The
    one-GPU figure is what it would be if the model fitted there.
    """
    many = roofline(**inputs)  # type: ignore[arg-type]
    one = roofline(**{**inputs, "num_gpus": 1})  # type: ignore[arg-type]
    n = many.num_gpus
    per_layer = 2 * many.batch_size * int(inputs["hidden_size"]) * ACTIVATION_BYTES  # type: ignore[call-overload]
    speedup = one.tpot_seconds / many.tpot_seconds
    return TensorParallel(
        num_gpus=n, batch_size=many.batch_size,
        tpot_one_gpu_seconds=one.tpot_seconds, tpot_seconds=many.tpot_seconds,
        allreduce_seconds=many.allreduce_seconds,
        allreduce_bytes_per_layer=per_layer if n > 1 else 0.0,
        allreduce_share_ratio=many.allreduce_seconds / many.tpot_seconds,
        speedup_ratio=speedup, scaling_efficiency_ratio=speedup / n,
        weight_bytes_per_gpu=many.weight_bytes_per_gpu,
        ttft_one_gpu_seconds=one.ttft_seconds, ttft_seconds=many.ttft_seconds,
        output_tokens_per_second_per_user=many.output_tokens_per_second_per_user,
    )


@dataclass(frozen=True)
class Disaggregation:
    link: str
    link_bytes_per_second: float
    prompt_tokens: int
    kv_bytes_per_token: float
    handover_bytes: float
    transfer_seconds: float
    prefill_seconds: float
    transfer_to_prefill_ratio: float
    tpot_seconds: float
    transfer_in_tpots: float
    break_even_link_bytes_per_second: float


def disaggregation(*, link: str, **inputs: object) -> Disaggregation:
    """KV bytes one prompt hands from a prefill GPU to a decode GPU, and their transfer time.

    ``inputs`` are the :func:`calculators.roofline.roofline` inputs (one prefill GPU group).
    ``break_even`` is the link speed at which the transfer takes as long as the prefill.
    """
    base = roofline(**inputs)  # type: ignore[arg-type]
    per_layer = kv_bytes_per_token_layer(
        attention=str(inputs["attention"]), num_kv_heads=int(inputs["num_kv_heads"]),  # type: ignore[call-overload]
        head_dim=int(inputs["head_dim"]), kv_lora_rank=int(inputs["kv_lora_rank"]),  # type: ignore[call-overload]
        qk_rope_head_dim=int(inputs["qk_rope_head_dim"]), kv_dtype=str(inputs["kv_dtype"]))  # type: ignore[call-overload]
    handover = kv_bytes_for_context(
        per_layer, int(inputs["num_layers"]), int(inputs["num_sliding_window_layers"]),  # type: ignore[call-overload]
        int(inputs["sliding_window_tokens"]), base.prompt_tokens)  # type: ignore[call-overload]
    bandwidth = constant(LINKS[link].constant).value
    transfer = handover / bandwidth
    return Disaggregation(
        link=link, link_bytes_per_second=bandwidth, prompt_tokens=base.prompt_tokens,
        kv_bytes_per_token=base.kv_bytes_per_token, handover_bytes=handover,
        transfer_seconds=transfer, prefill_seconds=base.prefill_seconds,
        transfer_to_prefill_ratio=transfer / base.prefill_seconds,
        tpot_seconds=base.tpot_seconds, transfer_in_tpots=transfer / base.tpot_seconds,
        break_even_link_bytes_per_second=handover / base.prefill_seconds,
    )
