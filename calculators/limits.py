"""The ``rate_limits`` calculator: its form, the provider-model preset and the worked example.

The model itself (every limit at once, the binding one, bursts, Little's law) is
:mod:`calculators.limits_plan`; its names are re-exported here.
"""

from __future__ import annotations

from calculators.data.providers import PROVIDER_MODELS
from calculators.fields import Field
from calculators.limits_checks import CONSTANTS, OPENAI_EXAMPLE, TOO_LARGE
from calculators.limits_plan import DimensionUse, RateLimitPlan, rate_limit_plan
from calculators.presets import preset_field, with_preset_defaults
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["DEFAULT_MODEL", "DimensionUse", "LIMITED_MODELS", "LIMIT_FIELDS", "RateLimitPlan",
           "WORKED_EXAMPLE", "limits_preset", "rate_limit_plan"]


def _limit(key: str, label: str, unit: str, default: float, help_text: str = "") -> Field:
    return Field(key, f"{key}_limit", label, unit, default, 0, 1e12, 1, help=help_text)


def _fields(defaults: dict[str, float]) -> tuple[Field, ...]:
    return (
        Field("provider", "provider", "Provider rules", "", "anthropic",
              choices=(("anthropic", "Anthropic (ITPM and OTPM, output corrected)"),
                       ("openai", "OpenAI (TPM counts max_tokens, failed requests count)"))),
        _limit("rpm", "Requests per minute limit", "requests/min", defaults["rpm"],
               "0 when not enforced."),
        _limit("itpm", "Input tokens per minute limit", "tokens/min", defaults["itpm"]),
        _limit("otpm", "Output tokens per minute limit", "tokens/min", defaults["otpm"]),
        _limit("tpm", "Tokens per minute limit", "tokens/min", defaults["tpm"]),
        _limit("rpd", "Requests per day limit", "requests/day", defaults["rpd"]),
        Field("window", "window_seconds", "Enforcement window", "s", 60, 0.001, 60, 1,
              help="60 for a one-minute bucket; Azure OpenAI evaluates over 10 or 1 s."),
        Field("input_tokens", "input_tokens", "Uncached input tokens per request", "tokens",
              defaults["input_tokens"], 0, 1e8, 1),
        Field("cache_read", "cache_read_tokens", "Cache-read input tokens per request",
              "tokens", 0, 0, 1e8, 1),
        Field("cache_write", "cache_write_tokens", "Cache-write input tokens per request",
              "tokens", 0, 0, 1e8, 1),
        Field("output_tokens", "output_tokens", "Output tokens per request (actual)", "tokens",
              defaults["output_tokens"], 0, 1e8, 1),
        Field("max_tokens", "max_tokens", "max_tokens per request", "tokens",
              defaults["max_tokens"], 1, 1e8, 1),
        Field("n", "num_choices", "Choices per request (n)", "choices", 1, 1, 128, 1,
              integer=True),
        Field("attempts", "attempts_per_success", "Attempts per success", "attempts", 1, 1,
              1000, 0.1, help="Counted against RPM on OpenAI (failed requests count)."),
        Field("cache_reads_count", "cache_reads_count", "Cache reads count toward ITPM", "",
              "no", choices=(("no", "No (current Anthropic models)"),
                             ("yes", "Yes (older Haiku models)"))),
        Field("e2e", "e2e_seconds", "End-to-end time per request", "s", defaults["e2e"], 0,
              86400, 0.1),
        Field("offered", "offered_requests_per_minute", "Offered load", "requests/min",
              defaults["offered"], 0, 1e9, 1),
    )


#: The worked example's request (REFERENCES guide 5, example 2); the limits come from the
#: provider catalog (the default preset entry's first tier), 0 where a limit does not apply.
WORKED_EXAMPLE = {"rpm": 0, "itpm": 0, "otpm": 0, "tpm": 0, "rpd": 0,
                  "input_tokens": 2_000, "output_tokens": 500, "max_tokens": 1_024,
                  "e2e": 13.3, "offered": 20}
DEFAULT_MODEL = "claude-sonnet-4.5"
#: Provider models whose catalog entry records rate-limit tiers.
LIMITED_MODELS = tuple(k for k, m in PROVIDER_MODELS.items() if m.rate_limits)


def _tier1(attribute: str):  # noqa: ANN202 (a getter for the preset)
    return lambda m: getattr(m.rate_limits[0], attribute)


def limits_preset(fields: tuple[Field, ...]):  # noqa: ANN201
    """The provider-model preset: fills the limit fields from the entry's first tier."""
    return preset_field(
        "model", "Provider model (first-tier limits)", "provider_models",
        fills={"rpm": _tier1("rpm"), "itpm": _tier1("itpm"), "otpm": _tier1("otpm"),
               "tpm": _tier1("tpm")},
        fields=fields, default=DEFAULT_MODEL, entries=LIMITED_MODELS,
        help="Fills the limits from the provider catalog; edit any value.")


_BASE_FIELDS = _fields(WORKED_EXAMPLE)
LIMITS_PRESET = limits_preset(_BASE_FIELDS)
LIMIT_FIELDS = (LIMITS_PRESET, *with_preset_defaults(LIMITS_PRESET, _BASE_FIELDS))

register(
    declared("rate_limits", rate_limit_plan, LIMIT_FIELDS,
        constants=CONSTANTS,
        scenarios={
            "OpenAI doc: RPM 20, 100-token requests": OPENAI_EXAMPLE,
            "90% of a 20,000-token prompt cached": {"input_tokens": 2_000, "cache_read": 18_000},
            "max_tokens 4,096 against OTPM 8,000": {"max_tokens": 4_096},
            "Little's law: 10 requests/s, 13.3 s each": {"offered": 600, "e2e": 13.3},
            "36,055 tokens against a 30,000 TPM limit": TOO_LARGE,
        },
    )
)
