"""Guide 5's published examples: the inputs that replay them and the checks shown on the page.

Each check runs the limits model (:mod:`calculators.limits`) on a provider's documented
example and compares the result with the number the provider publishes.
"""

from __future__ import annotations

from calculators.data import constant
from calculators.registry import ReferenceCheck, reference_check, register_check

__all__ = ["CONSTANTS", "OPENAI_EXAMPLE", "TOO_LARGE", "anthropic_short_window_check",
           "openai_example_check"]


def _k(key: str) -> float:
    return constant(key).value


OPENAI_EXAMPLE = {
    "provider": "openai", "rpm": _k("openai_example_rpm_requests_per_minute"), "itpm": 0,
    "otpm": 0, "tpm": _k("openai_example_tpm_tokens_per_minute"),
    "input_tokens": _k("openai_example_request_tokens") / 2,
    "output_tokens": _k("openai_example_request_tokens") / 2,
    "max_tokens": _k("openai_example_request_tokens") / 2,
    "offered": _k("openai_example_rpm_requests_per_minute") + 1,
}
TOO_LARGE = {
    "provider": "openai", "rpm": 500, "itpm": 0, "otpm": 0,
    "tpm": _k("too_large_example_limit_tokens_per_minute"),
    "input_tokens": _k("too_large_example_requested_tokens") - 1_055, "output_tokens": 500,
    "max_tokens": 1_055,
}
CONSTANTS = ("openai_example_rpm_requests_per_minute", "openai_example_tpm_tokens_per_minute",
             "openai_example_request_tokens", "too_large_example_requested_tokens",
             "too_large_example_limit_tokens_per_minute", "anthropic_short_window_example_rpm",
             "azure_short_window_seconds")


def openai_example_check() -> ReferenceCheck:
    """OpenAI's guide: at 20 RPM the 21st request is rejected, so 20 pass back to back."""
    from calculators.registry import run

    plan = run("rate_limits", OPENAI_EXAMPLE)
    return reference_check(
        "openai_rpm_example",
        "Requests a full bucket admits back to back at 20 RPM with 100-token requests "
        "(OpenAI: the 21st is rejected)",
        float(plan.burst_requests), _k("openai_example_rpm_requests_per_minute"), "requests",
        ("openai_example_rpm_requests_per_minute", "openai_example_tpm_tokens_per_minute",
         "openai_example_request_tokens"),
    )


def anthropic_short_window_check() -> ReferenceCheck:
    """Anthropic: '60 RPM may be enforced as 1 request per second'."""
    from calculators.registry import run

    plan = run("rate_limits", {"rpm": _k("anthropic_short_window_example_rpm"), "window": 1,
                               "itpm": 0, "otpm": 0})
    return reference_check(
        "anthropic_short_window",
        "Requests a one-second slice of a 60 RPM limit admits at once (Anthropic: "
        "'1 request per second')", float(plan.burst_requests), 1.0, "requests",
        ("anthropic_short_window_example_rpm",),
    )


register_check("openai_rpm_example", openai_example_check)
register_check("anthropic_short_window", anthropic_short_window_check)
