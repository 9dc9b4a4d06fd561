"""The record types of the three shared catalogs: models, accelerators, provider models.

Frozen dataclasses that carry the same provenance as :class:`~calculators.data.records.Constant`
(``source_url``, ``source_title``, ``as_of``, ``status``, ``note``, ``checked_on``), checked by
the same :func:`~calculators.data.records.check_provenance`, plus their own fields. The
catalogs themselves live in ``calculators/data/{models,accelerators,providers}.py``. A ground
module beside ``records.py`` (kept apart so that neither passes 300 lines); it imports only
``records``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from calculators.data.records import check_provenance, enter, find

__all__ = [
    "ATTENTION_KINDS", "Accelerator", "DTYPES", "MTOK", "ModelSpec", "ProviderModel",
    "RateLimitTier", "Sourced", "catalog", "lookup",
]


#: Tokens in one "MTok", the unit providers price in: type prices as ``3.00 / MTOK``.
MTOK = 1_000_000
ATTENTION_KINDS = frozenset({"mha", "gqa", "mqa", "mla"})
DTYPES = frozenset({"fp16", "bf16", "fp8", "int8", "int4"})
#: Fields named like this are counts, sizes, rates or prices: positive wherever they are set.
_POSITIVE_NAMES = ("params_", "num_", "_size", "_dim", "_rank", "_tokens", "_bytes",
                   "_per_second", "_usd_per_token", "_max", "rpm", "itpm", "otpm", "tpm", "rpd")


@dataclass(frozen=True, kw_only=True)
class Sourced:
    """Provenance every catalog record carries, checked like :class:`Constant`'s.

    ``as_of`` is the date the source states (or the day it was read, said in ``note``);
    ``checked_on`` the day a maintainer last confirmed an older source still stands.
    """

    source_url: str
    source_title: str
    as_of: date
    status: str
    note: str
    checked_on: date | None = None

    def _check(self, kind: str, key: str) -> None:
        """Provenance, then every count, size, rate and price positive (0 allowed for num_)."""
        what = f"{kind} {key}"
        check_provenance(what, self.source_url, self.source_title, self.as_of, self.status,
                         self.checked_on)
        if not isinstance(self.note, str) or not self.note.strip():
            raise ValueError(f"{what}: note must not be empty")
        for name, value in vars(self).items():
            if value is None or isinstance(value, (Mapping, tuple)) or not any(
                    p in name for p in _POSITIVE_NAMES):
                continue
            low_ok = name.startswith("num_sliding")  # may be 0
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                    math.isfinite(value) and (value > 0 or (low_ok and value == 0))):
                raise ValueError(f"{what}: {name} must be a positive number, got {value!r}")

    def _require(self, what: str, ok: bool, message: str) -> None:
        if not ok:
            raise ValueError(f"{what}: {message}")


@dataclass(frozen=True, kw_only=True)
class ModelSpec(Sourced):
    """The shape of one open-weights model, as its ``config.json`` or paper states it."""

    key: str
    name: str
    params_total: int
    params_active: int
    num_layers: int
    hidden_size: int
    num_attention_heads: int
    num_kv_heads: int
    head_dim: int
    attention: str
    kv_lora_rank: int | None
    qk_rope_head_dim: int | None
    sliding_window_tokens: int | None
    num_sliding_window_layers: int
    context_window_tokens: int
    native_dtype: str
    vocab_size: int

    def __post_init__(self) -> None:
        self._check("model", self.key)
        what, kv, heads = f"model {self.key}", self.num_kv_heads, self.num_attention_heads
        fits = {"mha": kv == heads, "gqa": 1 < kv < heads, "mqa": kv == 1,
                "mla": self.kv_lora_rank is not None and self.qk_rope_head_dim is not None}
        self._require(what, self.params_active <= self.params_total,
                      "params_active exceeds params_total")
        self._require(what, self.attention in ATTENTION_KINDS,
                      f"unknown attention {self.attention!r}")
        self._require(what, heads % kv == 0, "attention heads not a multiple of KV heads")
        self._require(what, fits.get(self.attention, False),
                      f"head counts do not fit {self.attention}")
        self._require(what, self.attention == "mla" or not (self.kv_lora_rank or
                                                           self.qk_rope_head_dim),
                      "MLA dimensions on a non-MLA model")
        self._require(what, (self.sliding_window_tokens is None)
                      == (self.num_sliding_window_layers == 0),
                      "sliding window size and layer count disagree")
        self._require(what, self.num_sliding_window_layers <= self.num_layers,
                      "num_sliding_window_layers exceeds num_layers")


@dataclass(frozen=True, kw_only=True)
class Accelerator(Sourced):
    """One accelerator or device: memory, bandwidth, dense FLOP/s per dtype, interconnect.

    ``dense_flops_per_second`` maps a dtype ("fp16", "bf16", "fp8", "int8", "int4") to the
    peak without structured sparsity; a dtype the source does not state is absent.
    ``alternate`` says what a disagreeing source states, or is "".
    """

    key: str
    name: str
    vendor: str
    sku: str
    form_factor: str
    kind: str
    memory_bytes: float
    memory_bandwidth_bytes_per_second: float
    dense_flops_per_second: Mapping[str, float]
    interconnect_name: str
    interconnect_bytes_per_second: float | None
    alternate: str = ""

    def __post_init__(self) -> None:
        self._check("accelerator", self.key)
        what = f"accelerator {self.key}"
        self._require(what, self.kind in {"gpu", "soc", "npu"}, f"unknown kind {self.kind!r}")
        self._require(what, set(self.dense_flops_per_second) <= DTYPES, "unknown dtype")
        self._require(what, all(isinstance(v, float) and math.isfinite(v) and v > 0
                                for v in self.dense_flops_per_second.values()),
                      "FLOP/s must be positive floats")


@dataclass(frozen=True, kw_only=True)
class RateLimitTier(Sourced):
    """One published rate-limit tier of one provider model (None where a limit does not apply)."""

    tier: str
    rpm: int | None
    itpm: int | None
    otpm: int | None
    tpm: int | None
    rpd: int | None

    def __post_init__(self) -> None:
        self._check("rate-limit tier", self.tier)


@dataclass(frozen=True, kw_only=True)
class ProviderModel(Sourced):
    """List prices (USD per token), cache rules, limits of one hosted model on one date.

    Prices are USD per token (type them as ``3.00 / MTOK``). A price or rule the provider does
    not offer is None. ``cache_ttls_seconds`` lists the cache lifetimes offered;
    ``cache_breakpoints_max`` is the number of explicit cache breakpoints (None: automatic
    prefix caching). The long-context fields apply to prompts longer than
    ``long_context_threshold_tokens`` where such a tier is priced.
    """

    key: str
    provider: str
    model_id: str
    name: str
    input_usd_per_token: float
    output_usd_per_token: float
    cache_read_usd_per_token: float | None
    cache_write_5m_usd_per_token: float | None
    cache_write_1h_usd_per_token: float | None
    batch_discount_ratio: float | None
    cache_min_tokens: int | None
    cache_increment_tokens: int | None
    cache_ttls_seconds: tuple[int, ...]
    cache_breakpoints_max: int | None
    context_window_tokens: int
    max_output_tokens: int
    long_context_threshold_tokens: int | None = None
    long_context_input_usd_per_token: float | None = None
    long_context_output_usd_per_token: float | None = None
    rate_limits: tuple[RateLimitTier, ...] = ()

    def __post_init__(self) -> None:
        self._check("provider model", self.key)
        what = f"provider model {self.key}"
        long_tier = (self.long_context_input_usd_per_token,
                     self.long_context_output_usd_per_token)
        self._require(what, self.batch_discount_ratio is None
                      or 0 < self.batch_discount_ratio < 1, "batch_discount_ratio not in (0, 1)")
        self._require(what, self.max_output_tokens <= self.context_window_tokens,
                      "max output exceeds the context window")
        self._require(what, (self.long_context_threshold_tokens is None)
                      == all(v is None for v in long_tier), "long-context tier is incomplete")
        self._require(what, self.cache_read_usd_per_token is None
                      or self.cache_read_usd_per_token < self.input_usd_per_token,
                      "cache reads must cost less than input")
        self._require(what, all(t > 0 for t in self.cache_ttls_seconds), "TTLs must be positive")


def catalog(kind: str, records: Iterable[Any]) -> dict[str, Any]:
    """A catalog dict keyed by ``record.key``; a key may appear once only."""
    out: dict[str, Any] = {}
    for record in records:
        enter(out, kind, record.key, record)
    return out


#: ``records[key]`` or a KeyError that lists the known keys.
lookup = find
