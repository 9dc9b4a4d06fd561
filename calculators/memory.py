"""Model memory: weight bytes per dtype and KV-cache bytes for every attention layout.

    weights [B]          = parameters × bytes per weight (FP16/BF16 2, FP8 1, INT8 1, INT4 0.5)
    KV per token, layer  = 2 × H_kv × d_head × b        (MHA: H_kv = heads; GQA: fewer; MQA: 1)
                         = (r_latent + d_rope) × b      (MLA: one latent and one RoPE key, not doubled)
    KV per sequence [B]  = KV per token, layer × (L_full × C + L_window × min(C, W))

``L_window`` layers keep only the last ``W`` tokens (sliding-window attention), so their cache
stops growing at the window. MoE models keep every expert resident (total parameters) but read
only the active ones per token. References: NVIDIA, "Mastering LLM Techniques: Inference
Optimization" (KV formula); vLLM paper (OPT-13B, 800 KB per token); DeepSeek-V3 report (MLA).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, Unpack

from calculators.collect import Texts
from calculators.data.models import model
from calculators.fields import Field, InputError, plain_number
from calculators.presets import preset_field, with_preset_defaults
from calculators.registry import register
from calculators.spec_files import declared

__all__ = [
    "ATTENTION_CHOICES", "DTYPE_BYTES", "KV_DTYPE_CHOICES", "DEFAULT_MODEL", "MODEL_FIELDS",
    "MODEL_PRESET", "ModelMemory", "ModelShape", "PRESET_MODEL_FIELDS", "WEIGHT_DTYPE_CHOICES",
    "check_shape", "kv_bytes_for_context", "kv_bytes_per_token_layer", "layer_kv_bytes",
    "model_inputs", "model_memory", "sequence_kv_bytes",
]

#: Bytes per stored value. Definitions of the formats, not measurements.
DTYPE_BYTES: dict[str, float] = {"bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
WEIGHT_DTYPE_CHOICES = (("bf16", "BF16 / FP16, 2 bytes"), ("fp8", "FP8, 1 byte"),
                        ("int8", "INT8, 1 byte"), ("int4", "INT4, half a byte"))
KV_DTYPE_CHOICES = (("bf16", "BF16 / FP16, 2 bytes"), ("fp8", "FP8, 1 byte"),
                    ("int8", "INT8, 1 byte"))
ATTENTION_CHOICES = (("mha", "Multi-head (MHA)"), ("gqa", "Grouped-query (GQA)"),
                     ("mqa", "Multi-query (MQA)"), ("mla", "Multi-head latent (MLA)"))
MAX_TOKENS = 10_000_000


def kv_bytes_per_token_layer(*, attention: str, num_kv_heads: int, head_dim: int,
                             kv_lora_rank: int, qk_rope_head_dim: int, kv_dtype: str) -> float:
    """KV-cache bytes one token stores in one layer [B]."""
    width = DTYPE_BYTES[kv_dtype]
    if attention == "mla":
        return (kv_lora_rank + qk_rope_head_dim) * width
    return 2 * num_kv_heads * head_dim * width


def kv_bytes_for_context(per_token_layer_bytes: float, num_layers: int,
                         num_sliding_window_layers: int, sliding_window_tokens: int,
                         context_tokens: int) -> float:
    """KV-cache bytes of one sequence of ``context_tokens`` [B], sliding-window layers capped."""
    full = num_layers - num_sliding_window_layers
    windowed = min(context_tokens, sliding_window_tokens) if num_sliding_window_layers else 0
    return per_token_layer_bytes * (full * context_tokens + num_sliding_window_layers * windowed)


class ModelShape(TypedDict):
    """A model's shape, as the models catalog records it and every self-hosting form takes it:
    parameters [count], layers, hidden size, attention kind and KV heads, head, MLA latent and
    rope sizes, sliding window [tokens] and the layers that use it, context window [tokens]."""

    params_total: float
    params_active: float
    num_layers: int
    hidden_size: int
    attention: str
    num_kv_heads: int
    head_dim: int
    kv_lora_rank: int
    qk_rope_head_dim: int
    sliding_window_tokens: int
    num_sliding_window_layers: int
    context_window_tokens: int


def layer_kv_bytes(shape: ModelShape, kv_dtype: str) -> float:
    """KV-cache bytes one token stores in one layer of ``shape`` [B]."""
    return kv_bytes_per_token_layer(
        attention=shape["attention"], num_kv_heads=shape["num_kv_heads"],
        head_dim=shape["head_dim"], kv_lora_rank=shape["kv_lora_rank"],
        qk_rope_head_dim=shape["qk_rope_head_dim"], kv_dtype=kv_dtype)


def sequence_kv_bytes(shape: ModelShape, per_token_layer_bytes: float,
                      context_tokens: int) -> float:
    """KV-cache bytes of one sequence of ``context_tokens`` in ``shape`` [B]."""
    return kv_bytes_for_context(per_token_layer_bytes, shape["num_layers"],
                                shape["num_sliding_window_layers"],
                                shape["sliding_window_tokens"], context_tokens)


def check_shape(shape: ModelShape, *, context_tokens: int,
                context_label: str = "Context per sequence",
                context_fields: Texts = ("context_tokens",)) -> None:
    """Cross-field rules of a model shape; each message names the fields by label and key."""
    if shape["params_active"] > shape["params_total"]:
        raise InputError(
            "Active parameters per token cannot exceed total parameters; "
            f"got {plain_number(shape['params_active'] / 1e9)} > "
            f"{plain_number(shape['params_total'] / 1e9)} billion.",
            ("params_active", "params_total"))
    if shape["attention"] == "mla" and shape["kv_lora_rank"] <= 0:
        raise InputError("Multi-head latent attention needs an MLA latent rank above 0.",
                         ("kv_lora_rank", "attention"))
    if shape["attention"] == "mqa" and shape["num_kv_heads"] != 1:
        raise InputError("Multi-query attention has exactly one KV head; "
                         f"got {shape['num_kv_heads']}.", ("num_kv_heads", "attention"))
    if shape["num_sliding_window_layers"] > shape["num_layers"]:
        raise InputError("Sliding-window layers cannot exceed layers; "
                         f"got {shape['num_sliding_window_layers']} > {shape['num_layers']}.",
                         ("num_sliding_window_layers", "num_layers"))
    if shape["num_sliding_window_layers"] and shape["sliding_window_tokens"] <= 0:
        raise InputError("Sliding-window layers need a sliding window above 0 tokens.",
                         ("sliding_window_tokens", "num_sliding_window_layers"))
    if context_tokens > shape["context_window_tokens"]:
        raise InputError(
            f"{context_label} of {plain_number(context_tokens)} tokens is beyond the model's "
            f"context window of {plain_number(shape['context_window_tokens'])} tokens.",
            (*context_fields, "context_window_tokens"))


@dataclass(frozen=True)
class ModelMemory:
    params_total: float
    params_active: float
    weight_dtype: str
    kv_dtype: str
    context_tokens: int
    num_sequences: int
    bytes_per_weight: float
    weight_bytes: float
    weight_bf16_bytes: float
    weight_fp8_bytes: float
    weight_int4_bytes: float
    active_weight_bytes: float
    kv_bytes_per_token_layer: float
    kv_bytes_per_token: float
    kv_bytes_per_sequence: float
    kv_average_bytes_per_token: float
    kv_total_bytes: float
    total_bytes: float
    kv_share_ratio: float


def model_memory(*, weight_dtype: str, kv_dtype: str, context_tokens: int, num_sequences: int,
                 **shape: Unpack[ModelShape]) -> ModelMemory:
    """Resident weights plus the KV cache of ``num_sequences`` sequences of ``context_tokens``."""
    check_shape(shape, context_tokens=context_tokens)
    per_weight = DTYPE_BYTES[weight_dtype]
    per_layer = layer_kv_bytes(shape, kv_dtype)
    sequence = sequence_kv_bytes(shape, per_layer, context_tokens)
    weights = shape["params_total"] * per_weight
    kv_total = sequence * num_sequences
    total = weights + kv_total
    return ModelMemory(
        params_total=shape["params_total"], params_active=shape["params_active"],
        weight_dtype=weight_dtype,
        kv_dtype=kv_dtype, context_tokens=context_tokens, num_sequences=num_sequences,
        bytes_per_weight=per_weight,
        weight_bytes=weights,
        weight_bf16_bytes=shape["params_total"] * DTYPE_BYTES["bf16"],
        weight_fp8_bytes=shape["params_total"] * DTYPE_BYTES["fp8"],
        weight_int4_bytes=shape["params_total"] * DTYPE_BYTES["int4"],
        active_weight_bytes=shape["params_active"] * per_weight,
        kv_bytes_per_token_layer=per_layer,
        kv_bytes_per_token=per_layer * shape["num_layers"],
        kv_bytes_per_sequence=sequence,
        kv_average_bytes_per_token=sequence / context_tokens if context_tokens else 0.0,
        kv_total_bytes=kv_total,
        total_bytes=total,
        kv_share_ratio=kv_total / total,
    )


DEFAULT_MODEL = "llama-3.1-8b"


def model_inputs(key: str) -> dict[str, float | int | str]:
    """A catalog model as display-unit inputs of :data:`MODEL_FIELDS` (billions of parameters)."""
    spec = model(key)
    return {
        "total_params": spec.params_total / 1e9, "active_params": spec.params_active / 1e9,
        "layers": spec.num_layers, "hidden": spec.hidden_size, "attention": spec.attention,
        "kv_heads": spec.num_kv_heads, "head_dim": spec.head_dim,
        "kv_lora_rank": spec.kv_lora_rank or 0, "rope_dim": spec.qk_rope_head_dim or 0,
        "window": spec.sliding_window_tokens or 0,
        "window_layers": spec.num_sliding_window_layers,
        "context_window": spec.context_window_tokens,
    }


_D = model_inputs(DEFAULT_MODEL)

#: The model-shape fields every inference calculator shares (display units; defaults are
#: Llama-3.1-8B from the models catalog). A preset field in front of them fills them.
MODEL_FIELDS: tuple[Field, ...] = (
    Field("total_params", "params_total", "Total parameters", "billion", _D["total_params"],
          0.01, 10_000, 0.01, scale=1e-9,
          help="Every expert of a mixture-of-experts model stays in memory."),
    Field("active_params", "params_active", "Active parameters per token", "billion",
          _D["active_params"], 0.01, 10_000, 0.01, scale=1e-9,
          help="Equal to the total for a dense model."),
    Field("layers", "num_layers", "Layers", "layers", _D["layers"], 1, 1000, 1, integer=True),
    Field("hidden", "hidden_size", "Hidden size", "values", _D["hidden"], 1, 1_000_000, 1,
          integer=True),
    Field("attention", "attention", "Attention", "choice", _D["attention"],
          choices=ATTENTION_CHOICES),
    Field("kv_heads", "num_kv_heads", "KV heads", "heads", _D["kv_heads"], 1, 1024, 1,
          integer=True, help="Equal to the attention heads for MHA, one for MQA; unused for MLA."),
    Field("head_dim", "head_dim", "Head dimension", "values", _D["head_dim"], 1, 4096, 1,
          integer=True),
    Field("kv_lora_rank", "kv_lora_rank", "MLA latent rank", "values", _D["kv_lora_rank"], 0,
          65_536, 1, integer=True, help="MLA only: the compressed KV width per layer."),
    Field("rope_dim", "qk_rope_head_dim", "MLA RoPE key dimension", "values", _D["rope_dim"],
          0, 4096, 1, integer=True,
          help="MLA only: the decoupled positional key, stored beside the latent."),
    Field("window", "sliding_window_tokens", "Sliding window", "tokens", _D["window"], 0,
          MAX_TOKENS, 1, integer=True, help="Tokens a sliding-window layer keeps; 0 when none."),
    Field("window_layers", "num_sliding_window_layers", "Sliding-window layers", "layers",
          _D["window_layers"], 0, 1000, 1, integer=True),
    Field("context_window", "context_window_tokens", "Context window", "tokens",
          _D["context_window"], 1, MAX_TOKENS, 1, integer=True),
)

#: The model preset: choosing a catalog entry fills every shape field (the reader may edit any).
MODEL_PRESET = preset_field(
    "model", "Model", "models",
    fills={"total_params": "params_total", "active_params": "params_active",
           "layers": "num_layers", "hidden": "hidden_size", "attention": "attention",
           "kv_heads": "num_kv_heads", "head_dim": "head_dim", "kv_lora_rank": "kv_lora_rank",
           "rope_dim": "qk_rope_head_dim", "window": "sliding_window_tokens",
           "window_layers": "num_sliding_window_layers",
           "context_window": "context_window_tokens"},
    fields=MODEL_FIELDS, default=DEFAULT_MODEL,
    help="Fills the shape below from the models table; edit any value.",
)
#: The preset followed by the shape fields it fills.
PRESET_MODEL_FIELDS: tuple[Field, ...] = (MODEL_PRESET,
                                          *with_preset_defaults(MODEL_PRESET, MODEL_FIELDS))

register(
    declared("model_memory", model_memory, PRESET_MODEL_FIELDS + (
            Field("weight_dtype", "weight_dtype", "Weight format", "choice", "bf16",
                  choices=WEIGHT_DTYPE_CHOICES),
            Field("kv_dtype", "kv_dtype", "KV-cache format", "choice", "bf16",
                  choices=KV_DTYPE_CHOICES),
            Field("context", "context_tokens", "Context per sequence", "tokens", 8192, 0,
                  MAX_TOKENS, 1, integer=True, help="Prompt plus generated tokens."),
            Field("sequences", "num_sequences", "Concurrent sequences", "sequences", 1, 1,
                  1_000_000, 1, integer=True),
        ),
        data={"dtype_bytes": DTYPE_BYTES},
    )
)
