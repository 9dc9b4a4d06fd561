"""The retry simulator as a calculator: 429 rate, goodput, amplification and tail latency.

Runs :func:`calculators.limits_sim.simulate` and summarises it:

    429 rate        = 429 replies / attempts                                   [ratio]
    goodput         = successes / (last resolution - first arrival) * 60       [requests/min]
    amplification   = attempts / successes (attempts when nothing succeeds)     [-]
    p50, p95, p99   = nearest-rank percentiles of arrival-to-answer time of the
                      successes, waits and retries included                     [s]

The same seed gives the same run in Python and in the browser
(``docs/assets/js/calculators/limits_sim.js``); the shared vectors compare the first events
of every case one by one (``VECTOR_SEQUENCES``) and every summary figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from calculators.collect import Floats, Texts
from calculators.fields import Field, InputError
from calculators.limits import limits_preset, rate_limit_plan
from calculators.limits_bucket import check_limits
from calculators.limits_backoff import POLICIES
from calculators.presets import with_preset_defaults
from calculators.limits_sim import SimConfig, percentile, simulate
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["SimReport", "rate_limit_sim"]


@dataclass(frozen=True)
class SimReport:
    VECTOR_SEQUENCES: ClassVar[Texts] = ("event_times_seconds", "event_labels")

    policy: str
    arrival: str
    seed: int
    pace_ratio: float
    num_requests: int
    offered_requests_per_minute: float
    sustainable_requests_per_minute: float
    binding_label: str
    num_attempts: int
    num_429: int
    num_success: int
    num_gave_up: int
    num_never_fit: int
    rate_429_ratio: float
    success_ratio: float
    goodput_requests_per_minute: float
    amplification: float
    p50_seconds: float
    p95_seconds: float
    p99_seconds: float
    mean_latency_seconds: float
    span_seconds: float
    event_times_seconds: Floats
    event_labels: Texts


def rate_limit_sim(
    *, provider: str, rpm_limit: float, itpm_limit: float, otpm_limit: float,
    tpm_limit: float, window_seconds: float, arrival: str, requests_per_second: float,
    burst_shape: float, num_requests: int, input_tokens: float, output_tokens: float,
    max_tokens: float, size_sigma: float, service_seconds: float, rtt_seconds: float,
    policy: str, base_seconds: float, cap_seconds: float, max_retries: int, budget: str,
    deadline_seconds: float, pace_ratio: float, seed: int,
) -> SimReport:
    """Simulate ``num_requests`` against the buckets and summarise the run."""
    if output_tokens > max_tokens:
        raise InputError(
            "Output tokens (output_tokens) cannot exceed max_tokens (max_tokens): the model "
            "stops at max_tokens.", ("output_tokens", "max_tokens"),
        )
    if not any(v > 0 for v in (rpm_limit, itpm_limit, otpm_limit, tpm_limit)):
        raise InputError("Set at least one limit above 0: rpm, itpm, otpm or tpm.",
                         ("rpm_limit", "itpm_limit", "otpm_limit", "tpm_limit"))
    check_limits({"rpm_limit": rpm_limit, "itpm_limit": itpm_limit, "otpm_limit": otpm_limit, "tpm_limit": tpm_limit},
                 {"rpm_limit": "rpm_limit", "itpm_limit": "itpm_limit", "otpm_limit": "otpm_limit", "tpm_limit": "tpm_limit"})
    if requests_per_second <= 0:
        raise InputError("Offered load (rate) must be above 0 requests/min.",
                         ("requests_per_second",))
    run = simulate(SimConfig(
        provider=provider, rpm_limit=rpm_limit, itpm_limit=itpm_limit, otpm_limit=otpm_limit,
        tpm_limit=tpm_limit, window_seconds=window_seconds, arrival=arrival,
        requests_per_second=requests_per_second, burst_shape=burst_shape,
        num_requests=num_requests, input_tokens=input_tokens, output_tokens=output_tokens,
        max_tokens=max_tokens, size_sigma=size_sigma, service_seconds=service_seconds,
        rtt_seconds=rtt_seconds, policy=policy, base_seconds=base_seconds,
        cap_seconds=cap_seconds, max_retries=max_retries, budget=budget,
        deadline_seconds=deadline_seconds, seed=seed, pace_ratio=pace_ratio,
    ))
    plan = rate_limit_plan(
        provider=provider, rpm_limit=rpm_limit, itpm_limit=itpm_limit, otpm_limit=otpm_limit,
        tpm_limit=tpm_limit, rpd_limit=0.0, window_seconds=window_seconds,
        input_tokens=input_tokens, cache_read_tokens=0.0, cache_write_tokens=0.0,
        output_tokens=output_tokens, max_tokens=max_tokens, num_choices=1,
        attempts_per_success=1.0, cache_reads_count="no", e2e_seconds=service_seconds,
        offered_requests_per_minute=requests_per_second * 60.0,
    )
    lat = list(run.latencies_seconds)
    span = run.last_event_seconds - run.first_arrival_seconds
    return SimReport(
        policy=policy, arrival=arrival, seed=seed, pace_ratio=pace_ratio,
        num_requests=num_requests,
        offered_requests_per_minute=requests_per_second * 60.0,
        sustainable_requests_per_minute=plan.sustainable_requests_per_minute,
        binding_label=plan.binding_label,
        num_attempts=run.num_attempts, num_429=run.num_429, num_success=run.num_success,
        num_gave_up=run.num_gave_up, num_never_fit=run.num_never_fit,
        rate_429_ratio=run.num_429 / run.num_attempts if run.num_attempts else 0.0,
        success_ratio=run.num_success / num_requests,
        goodput_requests_per_minute=run.num_success / span * 60.0 if span > 0 else 0.0,
        amplification=(run.num_attempts / run.num_success if run.num_success
                       else float(run.num_attempts)),
        p50_seconds=percentile(lat, 0.50), p95_seconds=percentile(lat, 0.95),
        p99_seconds=percentile(lat, 0.99),
        mean_latency_seconds=sum(lat) / len(lat) if lat else 0.0,
        span_seconds=span,
        event_times_seconds=run.event_times_seconds, event_labels=run.event_labels,
    )


#: The simulator's worked example: Anthropic Tier 1 Sonnet 4.x limits (REFERENCES guide 5),
#: a Poisson load a third above the sustainable 15 requests/min, full jitter.
SIM_DEFAULTS = {"rpm": 0, "itpm": 0, "otpm": 0, "tpm": 0, "rate": 20,
                "input_tokens": 2_000, "output_tokens": 500, "max_tokens": 1_024}


def _fields(d: dict[str, float]) -> tuple[Field, ...]:
    return (
        Field("provider", "provider", "Provider rules", "", "anthropic",
              choices=(("anthropic", "Anthropic (output reservation corrected)"),
                       ("openai", "OpenAI (failed requests count)"))),
        Field("rpm", "rpm_limit", "Requests per minute limit", "requests/min", d["rpm"], 0,
              1e9, 1, help="0 when not enforced."),
        Field("itpm", "itpm_limit", "Input tokens per minute limit", "tokens/min", d["itpm"],
              0, 1e12, 1),
        Field("otpm", "otpm_limit", "Output tokens per minute limit", "tokens/min", d["otpm"],
              0, 1e12, 1),
        Field("tpm", "tpm_limit", "Tokens per minute limit", "tokens/min", d["tpm"], 0, 1e12, 1),
        Field("window", "window_seconds", "Enforcement window", "s", 60, 0.001, 60, 1),
        Field("arrival", "arrival", "Arrivals", "", "poisson",
              choices=(("steady", "Steady (evenly spaced)"), ("poisson", "Poisson"),
                       ("bursty", "Bursty (gamma gaps)"))),
        Field("rate", "requests_per_second", "Offered load", "requests/min", d["rate"], 0.001,
              1e7, 1, scale=60),
        Field("burst_shape", "burst_shape", "Burst shape (gamma k; smaller is burstier)", "(no unit)",
              0.25, 0.01, 100, 0.05),
        Field("requests", "num_requests", "Requests simulated", "requests", 500, 1, 100_000, 1,
              integer=True),
        Field("input_tokens", "input_tokens", "Counted input tokens per request (mean)",
              "tokens", d["input_tokens"], 0, 1e8, 1),
        Field("output_tokens", "output_tokens", "Output tokens per request (mean)", "tokens",
              d["output_tokens"], 0, 1e8, 1),
        Field("max_tokens", "max_tokens", "max_tokens per request", "tokens", d["max_tokens"],
              1, 1e8, 1),
        Field("size_sigma", "size_sigma", "Size spread (lognormal sigma; 0 fixed)", "(no unit)", 0.5, 0,
              3, 0.1),
        Field("service", "service_seconds", "Time to answer an admitted request", "s", 13.3,
              0.001, 3600, 0.1),
        Field("rtt", "rtt_seconds", "Network round trip", "ms", 50, 0, 60_000, 1, scale=1000),
        Field("policy", "policy", "Retry policy", "", "full", choices=tuple(POLICIES.items())),
        Field("base", "base_seconds", "Backoff base", "s", 1, 0.001, 3600, 0.1),
        Field("cap", "cap_seconds", "Backoff cap", "s", 60, 0.001, 86400, 1),
        Field("retries", "max_retries", "Maximum retries", "retries", 6, 0, 100, 1,
              integer=True),
        Field("budget", "budget", "Retry budget", "", "none",
              choices=(("none", "No budget"), ("grpc", "gRPC-style retry throttling")),
              help="gRPC's design: failures drain a small bucket, successes refill it."),
        Field("deadline", "deadline_seconds", "Give up after", "s", 600, 0, 1e6, 1),
        Field("pace", "pace_ratio", "Client-side queue paces to", "% of each limit", 90, 1,
              100, 1, scale=100, help="Headroom for clock drift; the queue policy only."),
        Field("seed", "seed", "Seed", "(no unit)", 1, 0, 4_294_967_295, 1, integer=True,
              help="The same seed replays the same run, here and in Python."),
    )


_BASE = _fields(SIM_DEFAULTS)
SIM_PRESET = limits_preset(_BASE)

register(declared("rate_limit_sim", rate_limit_sim,
                  (SIM_PRESET, *with_preset_defaults(SIM_PRESET, _BASE))))
