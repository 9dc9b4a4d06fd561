"""RAG hop budget: the path from a question to the first answer token (guide 12).

The critical path of a retrieval-augmented request, in series:

    client -> app,  [query embedding -> vector search] || [keyword search],  rerank,
    prompt build,  LLM time to first token,  then (N - 1) decode steps of TPOT

Steps add; parallel branches take the slower one. The **hop budget** adds the medians (the
figure a design doc usually writes); the Monte Carlo of :mod:`calculators.request_graph` gives
the median and tail that the same hops really produce together (medians of lognormal hops add
to less than the median of their sum, and tails never add). Timeouts, retries and a hedge
apply to the two retrieval hops (embedding and vector search), the ones a client usually
guards.

Units: seconds [s], tokens. Defaults: the incumbent site's illustrative ranges
(:mod:`calculators.data.hops`), medians picked inside each range and the top of the range as
the p95; decode speed from guide 1's calculator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import table
from calculators.fields import Field, InputError, plain_number
from calculators.hop_fields import answer_tokens_field, constant_ms, tpot_default_ms
from calculators.registry import register
from calculators.spec_files import declared
from calculators.request_graph import Stage, fan_out_slow_ratio, simulate_path

__all__ = ["KEYWORD_MODES", "RagLatency", "rag_latency", "rag_steps"]

KEYWORD_MODES: tuple[tuple[str, str], ...] = (
    ("off", "No keyword search"),
    ("parallel", "Keyword search in parallel with embedding + vector search"),
)


@dataclass(frozen=True)
class RagLatency:
    """Time to the first answer token of one RAG request, summed and simulated."""

    keyword: str
    output_tokens: int
    tpot_seconds: float
    num_samples: int
    seed: int
    #: Sum of the hops' medians (the back-of-envelope budget).
    hop_budget_seconds: float
    retrieval_median_seconds: float
    llm_ttft_median_seconds: float
    llm_share_ratio: float
    #: Monte Carlo of the critical path to the first answer token.
    first_token_median_seconds: float
    first_token_p95_seconds: float
    first_token_p99_seconds: float
    answer_median_seconds: float
    #: Chance that one of the parallel retrieval branches is slower than its own p95.
    fan_out_slow_ratio: float
    calls_per_request: float
    failed_ratio: float
    #: (key, label, start [s], duration [s]) of each hop at its median, for the timeline.
    hop_timeline: tuple[tuple[str, str, float, float], ...] = ()
    #: (label, median [s], p95 [s]) of each hop in use, in path order.
    hops: tuple[tuple[str, float, float], ...] = ()


def rag_steps(
    *, client: Stage, embed: Stage, search: Stage, keyword: Stage | None, rerank: Stage,
    build: Stage, llm: Stage,
) -> list[list[list[Stage]]]:
    """The RAG request graph: steps of parallel branches of stages in series."""
    retrieval = [[embed, search]] + ([[keyword]] if keyword is not None else [])
    return [[[client]], retrieval, [[rerank]], [[build]], [[llm]]]


def rag_latency(
    *, client_median_seconds: float, client_p95_seconds: float,
    embed_median_seconds: float, embed_p95_seconds: float,
    search_median_seconds: float, search_p95_seconds: float,
    keyword: str, keyword_median_seconds: float, keyword_p95_seconds: float,
    rerank_median_seconds: float, rerank_p95_seconds: float,
    build_median_seconds: float, build_p95_seconds: float,
    ttft_median_seconds: float, ttft_p95_seconds: float,
    tpot_seconds: float, output_tokens: int,
    retrieval_timeout_seconds: float, retrieval_retries: int, hedge_after_seconds: float,
    num_samples: int, seed: int,
) -> RagLatency:
    """Hop budget and simulated time to first answer token of one RAG request."""
    if keyword not in {value for value, _ in KEYWORD_MODES}:
        raise ValueError(f"Keyword search must be one of: off, parallel; got {keyword!r}.")
    pairs = (
        ("Client to app", "client", client_median_seconds, client_p95_seconds),
        ("Query embedding", "embed", embed_median_seconds, embed_p95_seconds),
        ("Vector search", "search", search_median_seconds, search_p95_seconds),
        ("Keyword search", "keyword", keyword_median_seconds, keyword_p95_seconds),
        ("Rerank (0 = none)", "rerank", rerank_median_seconds, rerank_p95_seconds),
        ("Prompt build", "build", build_median_seconds, build_p95_seconds),
        ("LLM time to first token", "ttft", ttft_median_seconds, ttft_p95_seconds),
    )
    for label, key, median, p95 in pairs:
        if p95 < median:
            raise InputError(
                f"{label}, p95 ({plain_number(round(p95 * 1000, 6))} ms) must be at least "
                f"its median ({plain_number(round(median * 1000, 6))} ms).",
                fields=(f"{key}_median_seconds", f"{key}_p95_seconds"),
            )
    guard = {"timeout_seconds": retrieval_timeout_seconds, "retries": retrieval_retries,
             "hedge_after_seconds": hedge_after_seconds}
    embed = Stage("Query embedding", embed_median_seconds, embed_p95_seconds, **guard)
    search = Stage("Vector search", search_median_seconds, search_p95_seconds, **guard)
    kw = (Stage("Keyword search", keyword_median_seconds, keyword_p95_seconds)
          if keyword == "parallel" else None)
    llm = Stage("LLM time to first token", ttft_median_seconds, ttft_p95_seconds)
    steps = rag_steps(
        client=Stage("Client to app", client_median_seconds, client_p95_seconds),
        embed=embed, search=search, keyword=kw,
        rerank=Stage("Rerank", rerank_median_seconds, rerank_p95_seconds),
        build=Stage("Prompt build", build_median_seconds, build_p95_seconds), llm=llm,
    )
    retrieval = embed_median_seconds + search_median_seconds
    if kw is not None:
        retrieval = max(retrieval, keyword_median_seconds)
    budget = (client_median_seconds + retrieval + rerank_median_seconds
              + build_median_seconds + ttft_median_seconds)
    sim = simulate_path(steps, num_samples, seed)
    timeline = _timeline(steps)
    decode = (output_tokens - 1) * tpot_seconds
    return RagLatency(
        keyword=keyword, output_tokens=output_tokens, tpot_seconds=tpot_seconds,
        num_samples=num_samples, seed=seed,
        hop_budget_seconds=budget,
        retrieval_median_seconds=retrieval,
        llm_ttft_median_seconds=ttft_median_seconds,
        llm_share_ratio=ttft_median_seconds / budget if budget > 0 else 0.0,
        first_token_median_seconds=sim.median_seconds,
        first_token_p95_seconds=sim.p95_seconds,
        first_token_p99_seconds=sim.p99_seconds,
        answer_median_seconds=sim.median_seconds + decode,
        fan_out_slow_ratio=fan_out_slow_ratio(len(steps[1])),
        calls_per_request=sim.calls_per_request,
        failed_ratio=sim.failed_ratio,
        hop_timeline=timeline,
        hops=tuple((st.name, st.median_seconds, st.p95_seconds) for step in steps
                   for branch in step for st in branch if st.median_seconds > 0),
    )


@table
def _timeline(steps: list[list[list[Stage]]]) -> Iterator[tuple[str, str, float, float]]:
    """Each hop's start and median duration: branches of a step start together."""
    start = 0.0
    for step in steps:
        longest = 0.0
        for branch in step:
            t = start
            for stage in branch:
                if stage.median_seconds > 0:
                    key = stage.name.lower().replace(" ", "-")
                    yield (key, stage.name, t, stage.median_seconds)
                t += stage.median_seconds
            longest = max(longest, t - start)
        start += longest


def _stage_fields(key: str, label: str, median_ms: float, p95_ms: float) -> tuple[Field, ...]:
    return (
        Field(f"{key}_ms", f"{key}_median_seconds", f"{label}, median", "ms", median_ms, 0,
              600_000, 1, scale=1000),
        Field(f"{key}_p95", f"{key}_p95_seconds", f"{label}, p95", "ms", p95_ms, 0, 600_000, 1,
              scale=1000, help="At least the median; equal to it for a fixed delay."),
    )


def _high(hop: str) -> float:
    """The top of the incumbent site's range for ``hop`` [ms]: the default p95."""
    return constant_ms(f"{hop}_high_seconds")


FIELDS = (
    *_stage_fields("client", "Client to app", 50, _high("rag_client_to_app")),
    *_stage_fields("embed", "Query embedding", 100, _high("rag_query_embedding")),
    *_stage_fields("search", "Vector search", 30, _high("rag_vector_search")),
    Field("keyword", "keyword", "Keyword search", "choice", "off", choices=KEYWORD_MODES),
    *_stage_fields("keyword", "Keyword search", 30, _high("rag_vector_search")),
    *_stage_fields("rerank", "Rerank (0 = none)", 0, 0),
    *_stage_fields("build", "Prompt build", 5, _high("rag_prompt_build")),
    *_stage_fields("ttft", "LLM time to first token", 800, _high("rag_llm_ttft")),
    Field("tpot", "tpot_seconds", "Time per output token", "ms", tpot_default_ms(), 0.1,
          60_000, 0.1, scale=1000),
    answer_tokens_field("output_tokens", "output_tokens"),
    Field("timeout", "retrieval_timeout_seconds", "Retrieval timeout (0 = none)", "ms", 0, 0,
          600_000, 1, scale=1000, help="Per attempt, on query embedding and vector search."),
    Field("retries", "retrieval_retries", "Retrieval retries after a timeout", "retries", 0, 0,
          10, 1, integer=True),
    Field("hedge", "hedge_after_seconds", "Hedge retrieval after (0 = never)", "ms", 0, 0,
          600_000, 1, scale=1000, help="Send a second copy if the first has not answered."),
    Field("samples", "num_samples", "Simulated requests", "requests", 2000, 100, 20_000, 100,
          integer=True),
    Field("seed", "seed", "Random seed", "seed", 12, 0, 4_294_967_295, 1, integer=True),
)

register(
    declared("rag_latency", rag_latency, FIELDS)
)
