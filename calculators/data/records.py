"""The record types of the sourced data, and the registry of constants.

A ground module: it imports nothing from ``calculators``. The domain data modules
(``calculators/data/<domain>.py``) import their record types from here, and
``calculators/data/__init__.py`` lists those modules, so the package has no import ring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "Accelerator",
    "CONSTANTS",
    "MTOK",
    "ModelSpec",
    "ProviderModel",
    "READ_NOTE",
    "READ_ON",
    "RateLimitTier",
    "Sourced",
    "catalog",
    "lookup",
    "Constant",
    "constant",
    "register",
]

#: The day this project read sources that state no date of their own; records using it say so
#: with READ_NOTE.
READ_ON = date(2026, 11, 26)
READ_NOTE = "The page states no date; the date is the day the source was read."


@dataclass(frozen=True)
class Constant:
    """One external constant and where it comes from.

    ``key`` carries the unit (``tls13_handshake_round_trips``, ``mlperf_..._ttft_seconds``);
    ``unit`` is the display unit word used in tables ("round trips", "seconds", "ratio").
    ``as_of`` is the date the source states (or the date it was read, said in ``note``).
    ``checked_on`` is the day a maintainer last confirmed that an old source still stands
    (a standard that no later RFC obsoletes); freshness is measured from it when set.
    ``status`` follows REFERENCES.md: VERIFIED, SECONDARY or DERIVED.
    """

    key: str
    value: float
    unit: str
    label: str
    source_url: str
    source_title: str
    as_of: date
    note: str
    status: str = "VERIFIED"
    checked_on: date | None = None

    def __post_init__(self) -> None:
        if not self.source_url.startswith("https://"):
            raise ValueError(f"constant {self.key}: source_url must be an https URL")
        if self.checked_on is not None and self.checked_on < self.as_of:
            raise ValueError(f"constant {self.key}: checked_on is before as_of")
        if self.status not in {"VERIFIED", "SECONDARY", "DERIVED"}:
            raise ValueError(f"constant {self.key}: unknown status {self.status!r}")


CONSTANTS: dict[str, Constant] = {}


def register(*records: Constant) -> None:
    """Add records to :data:`CONSTANTS`; a key may be defined once only."""
    for record in records:
        if record.key in CONSTANTS:
            raise ValueError(f"constant {record.key} is defined twice")
        CONSTANTS[record.key] = record


def constant(key: str) -> Constant:
    """Return the record for ``key`` or raise a KeyError that lists the known keys."""
    try:
        return CONSTANTS[key]
    except KeyError:
        known = ", ".join(sorted(CONSTANTS))
        raise KeyError(f"unknown constant {key!r}; known: {known}") from None


# --- Catalog record types (models, accelerators, provider models) -----------------------------
# The catalogs themselves live in calculators/data/{models,accelerators,providers}.py; the types
# are here so that every data module imports from one ground module.

#: Tokens in one "MTok", the unit providers price in: type prices as ``3.00 / MTOK``.
MTOK = 1_000_000

STATUSES = frozenset({"VERIFIED", "SECONDARY", "DERIVED"})


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

    def _check_provenance(self, kind: str, key: str) -> None:
        if not self.source_url.startswith("https://"):
            raise ValueError(f"{kind} {key}: source_url must be an https URL")
        if not self.source_title.strip() or not self.note.strip():
            raise ValueError(f"{kind} {key}: source_title and note must not be empty")
        if self.checked_on is not None and self.checked_on < self.as_of:
            raise ValueError(f"{kind} {key}: checked_on is before as_of")
        if self.status not in STATUSES:
            raise ValueError(f"{kind} {key}: unknown status {self.status!r}")


def _positive(kind: str, key: str, **values: float | None) -> None:
    for name, value in values.items():
        if value is not None and (isinstance(value, bool) or not value > 0):
            raise ValueError(f"{kind} {key}: {name} must be positive, got {value!r}")


ATTENTION_KINDS = frozenset({"mha", "gqa", "mqa", "mla"})


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
        self._check_provenance("model", self.key)
        _positive(
            "model", self.key, params_total=self.params_total, params_active=self.params_active,
            num_layers=self.num_layers, hidden_size=self.hidden_size,
            num_attention_heads=self.num_attention_heads, num_kv_heads=self.num_kv_heads,
            head_dim=self.head_dim, context_window_tokens=self.context_window_tokens,
            vocab_size=self.vocab_size, kv_lora_rank=self.kv_lora_rank,
            qk_rope_head_dim=self.qk_rope_head_dim,
            sliding_window_tokens=self.sliding_window_tokens,
        )
        if self.params_active > self.params_total:
            raise ValueError(f"model {self.key}: params_active exceeds params_total")
        if self.attention not in ATTENTION_KINDS:
            raise ValueError(f"model {self.key}: unknown attention {self.attention!r}")
        if self.num_attention_heads % self.num_kv_heads:
            raise ValueError(f"model {self.key}: attention heads not a multiple of KV heads")
        expected = {
            "mha": self.num_kv_heads == self.num_attention_heads,
            "gqa": 1 < self.num_kv_heads < self.num_attention_heads,
            "mqa": self.num_kv_heads == 1,
            "mla": self.kv_lora_rank is not None and self.qk_rope_head_dim is not None,
        }
        if not expected[self.attention]:
            raise ValueError(f"model {self.key}: head counts do not fit {self.attention}")
        if self.attention != "mla" and (self.kv_lora_rank or self.qk_rope_head_dim):
            raise ValueError(f"model {self.key}: MLA dimensions on a non-MLA model")
        if (self.sliding_window_tokens is None) != (self.num_sliding_window_layers == 0):
            raise ValueError(f"model {self.key}: sliding window size and layer count disagree")
        if not 0 <= self.num_sliding_window_layers <= self.num_layers:
            raise ValueError(f"model {self.key}: num_sliding_window_layers out of range")


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
        self._check_provenance("accelerator", self.key)
        _positive(
            "accelerator", self.key, memory_bytes=self.memory_bytes,
            memory_bandwidth_bytes_per_second=self.memory_bandwidth_bytes_per_second,
            interconnect_bytes_per_second=self.interconnect_bytes_per_second,
            **{f"dense_flops_per_second[{k}]": v for k, v in self.dense_flops_per_second.items()},
        )
        if self.kind not in {"gpu", "soc", "npu"}:
            raise ValueError(f"accelerator {self.key}: unknown kind {self.kind!r}")
        unknown = set(self.dense_flops_per_second) - {"fp16", "bf16", "fp8", "int8", "int4"}
        if unknown:
            raise ValueError(f"accelerator {self.key}: unknown dtypes {sorted(unknown)}")


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
        self._check_provenance("rate-limit tier", self.tier)
        _positive("rate-limit tier", self.tier, rpm=self.rpm, itpm=self.itpm, otpm=self.otpm,
                  tpm=self.tpm, rpd=self.rpd)


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
        self._check_provenance("provider model", self.key)
        _positive(
            "provider model", self.key, input_usd_per_token=self.input_usd_per_token,
            output_usd_per_token=self.output_usd_per_token,
            cache_read_usd_per_token=self.cache_read_usd_per_token,
            cache_write_5m_usd_per_token=self.cache_write_5m_usd_per_token,
            cache_write_1h_usd_per_token=self.cache_write_1h_usd_per_token,
            cache_min_tokens=self.cache_min_tokens,
            cache_increment_tokens=self.cache_increment_tokens,
            cache_breakpoints_max=self.cache_breakpoints_max,
            context_window_tokens=self.context_window_tokens,
            max_output_tokens=self.max_output_tokens,
            long_context_threshold_tokens=self.long_context_threshold_tokens,
            long_context_input_usd_per_token=self.long_context_input_usd_per_token,
            long_context_output_usd_per_token=self.long_context_output_usd_per_token,
        )
        if self.batch_discount_ratio is not None and not 0 < self.batch_discount_ratio < 1:
            raise ValueError(f"provider model {self.key}: batch_discount_ratio must be in (0, 1)")
        if self.max_output_tokens > self.context_window_tokens:
            raise ValueError(f"provider model {self.key}: max output exceeds the context window")
        long_fields = (self.long_context_input_usd_per_token,
                       self.long_context_output_usd_per_token)
        if (self.long_context_threshold_tokens is None) != all(v is None for v in long_fields):
            raise ValueError(f"provider model {self.key}: long-context tier is incomplete")
        if self.cache_read_usd_per_token is not None and (
            self.cache_read_usd_per_token >= self.input_usd_per_token
        ):
            raise ValueError(f"provider model {self.key}: cache reads must cost less than input")


def catalog(kind: str, records: Iterable[Any]) -> dict[str, Any]:
    """A catalog dict keyed by ``record.key``; a key may appear once only."""
    out: dict[str, Any] = {}
    for record in records:
        if record.key in out:
            raise ValueError(f"{kind} {record.key} is defined twice")
        out[record.key] = record
    return out


def lookup(kind: str, records: Mapping[str, Any], key: str) -> Any:
    """``records[key]`` or a KeyError that lists the known keys."""
    try:
        return records[key]
    except KeyError:
        raise KeyError(f"unknown {kind} {key!r}; known: {', '.join(sorted(records))}") from None
