"""What retrieved context costs a RAG request: prefill time, money, bytes and availability.

For ``k`` retrieved chunks of ``c`` tokens each, a system prompt of ``N_sys`` and a question
of ``N_q`` tokens, the LLM's prompt is ``N_sys + k c + N_q`` tokens, and (guide 12, REFERENCES
formulas 2, 3 and 5):

    t_context = k c / R_prefill                                  [s]   hosted prefill share
    cost      = N_q P_embed + (N_sys + k c + N_q) P_in + N_out P_out  [USD]
    bytes     = N_q b + 4 D + k c b + (N_sys + k c + N_q) b + B_stream  [B]
    A         = prod over hops of (1 - (1 - A_i)^(r + 1))         independent failures

with ``R_prefill`` guide 1's prefill rate (hosted; a self-hosted model's added prefill comes from
guide 7's roofline, :func:`self_hosted_prefill`), ``b`` bytes of English text per token (guide 1's
characters per token, one byte each), a float32 query vector of ``D`` dimensions and
``B_stream`` the streamed answer's bytes from guide 2's framing model. The retrieved chunks
cross the network twice (vector store to app, app to LLM).

Units: tokens, seconds [s], US dollars [USD], bytes [B], ratios 0-1.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.collect import Texts
from calculators.data import constant
from calculators.data.accelerators import accelerator as accelerator_spec
from calculators.data.models import model as model_spec
from calculators.data.providers import provider_model
from calculators.fields import Field, require_range
from calculators.hop_fields import (
    answer_tokens_field, check_model, model_field, model_prices,
)
from calculators.registry import get, register, register_table, run
from calculators.spec_files import declared
from calculators.request_graph import serial_availability

__all__ = ["RagContext", "SelfHostedPrefill", "rag_context", "self_hosted_prefill"]

#: Provider models offered for the answer (prices from the provider catalog).
MODELS: Texts = ("claude-sonnet-4.5", "claude-haiku-4.5", "gpt-4.1", "gpt-4.1-mini",
                           "gemini-2.5-flash")
FLOAT32_BYTES = 4


@dataclass(frozen=True)
class RagContext:
    num_chunks: int
    chunk_tokens: int
    model: str
    model_name: str
    queries_per_day: float
    retrieved_tokens: int
    prompt_tokens: int
    retrieval_prefill_seconds: float
    retrieval_cost_usd: float
    retrieval_cost_per_day_usd: float
    query_cost_usd: float
    cost_per_day_usd: float
    retrieval_cost_share_ratio: float
    query_up_bytes: int
    vector_bytes: int
    chunk_bytes: int
    llm_request_bytes: int
    stream_bytes: float
    bytes_per_query: float
    availability_ratio: float
    downtime_minutes_per_month: float


def stream_bytes(answer_tokens: int) -> float:
    """Bytes of a streamed answer on the wire, from guide 2's default transport."""
    return float(run("streaming_bandwidth", {"tokens": answer_tokens}).response_bytes)


def rag_context(
    *, num_chunks: int, chunk_tokens: int, system_tokens: int, query_tokens: int,
    answer_tokens: int, model: str, queries_per_day: float, prefill_tokens_per_second: float,
    embedding_dimensions: int, embed_availability_ratio: float,
    search_availability_ratio: float, llm_availability_ratio: float, retries: int,
    stream_bytes_per_answer: float | None = None,
) -> RagContext:
    """Retrieved context's prefill time, cost, bytes and the pipeline's availability."""
    require_range("Retrieved chunks", num_chunks, 0, 1000, "chunks")
    require_range("Tokens per chunk", chunk_tokens, 0, 1_000_000, "tokens")
    require_range("Queries per day", queries_per_day, 0, 1e10, "queries")
    check_model(model, MODELS)
    prices = model_prices(model)
    b = constant("openai_english_chars_per_token").value
    retrieved = num_chunks * chunk_tokens
    prompt = system_tokens + retrieved + query_tokens
    embed_cost = query_tokens * constant("openai_embedding_3_small_usd_per_token").value
    retrieval_cost = retrieved * prices["input"]
    cost = embed_cost + prompt * prices["input"] + answer_tokens * prices["output"]
    streamed = stream_bytes(answer_tokens) if stream_bytes_per_answer is None \
        else stream_bytes_per_answer
    up, vector = query_tokens * b, FLOAT32_BYTES * embedding_dimensions
    chunks, request = retrieved * b, prompt * b
    availability = serial_availability(
        (embed_availability_ratio, search_availability_ratio, llm_availability_ratio),
        (retries, retries, retries),
    )
    minutes_per_month = 30 * 24 * 60
    return RagContext(
        num_chunks=num_chunks, chunk_tokens=chunk_tokens, model=model,
        model_name=provider_model(model).name,
        queries_per_day=queries_per_day, retrieved_tokens=retrieved, prompt_tokens=prompt,
        retrieval_prefill_seconds=retrieved / prefill_tokens_per_second,
        retrieval_cost_usd=retrieval_cost,
        retrieval_cost_per_day_usd=retrieval_cost * queries_per_day,
        query_cost_usd=cost, cost_per_day_usd=cost * queries_per_day,
        retrieval_cost_share_ratio=retrieval_cost / cost if cost > 0 else 0.0,
        query_up_bytes=round(up), vector_bytes=vector, chunk_bytes=round(chunks),
        llm_request_bytes=round(request), stream_bytes=streamed,
        bytes_per_query=up + vector + 2 * chunks + request + streamed,
        availability_ratio=availability,
        downtime_minutes_per_month=(1 - availability) * minutes_per_month,
    )



def twin_data() -> dict[str, object]:
    """Prices of the offered models and guide 2's per-answer stream bytes, for the twin."""
    per_token = stream_bytes(2) - stream_bytes(1)  # linear in the answer length
    return {
        "rag_prices": {k: {**model_prices(k), "name": provider_model(k).name} for k in MODELS},
        "rag_stream_fixed_bytes": stream_bytes(1) - per_token,
        "rag_stream_bytes_per_token": per_token,
    }


@dataclass(frozen=True)
class SelfHostedPrefill:
    """The retrieved context's prefill on a self-hosted model: guide 7's roofline run on the
    prompt with and without the chunks (time to first token on the server)."""

    model_name: str
    accelerator_name: str
    num_gpus: int
    mfu_ratio: float
    retrieved_tokens: int
    prompt_tokens: int
    prefill_with_context_seconds: float
    prefill_without_context_seconds: float
    #: What the chunks add to the server's time to first token, all-reduces included.
    retrieval_prefill_seconds: float
    #: The compute term alone (FLOPs over peak and MFU), before communication.
    retrieval_prefill_compute_seconds: float
    constants: Texts = ()
    #: The catalog entries the roofline took the model and the GPU from, for the sources.
    source_rows: tuple[object, ...] = ()


def self_hosted_prefill(*, num_chunks: int = 5, chunk_tokens: int = 500, system_tokens: int = 500,
                        query_tokens: int = 50, model: str = "llama-3.1-70b",
                        accelerator: str = "h100-sxm", num_gpus: int = 8,
                        mfu_percent: float = 50) -> SelfHostedPrefill:
    """Run guide 7's roofline (``inference_roofline``, one output token) on the RAG prompt with
    and without its ``num_chunks`` retrieved chunks; the difference is their prefill."""
    from calculators.presets import source_rows
    from calculators.registry import get as calculator

    retrieved = num_chunks * chunk_tokens
    base = {"model": model, "accelerator": accelerator, "gpus": num_gpus, "mfu": mfu_percent,
            "output": 1}
    without = {**base, "prompt": system_tokens + query_tokens}
    with_context = {**base, "prompt": system_tokens + retrieved + query_tokens}
    r0, r1 = run("inference_roofline", without), run("inference_roofline", with_context)
    roofline = calculator("inference_roofline")
    return SelfHostedPrefill(
        model_name=model_spec(model).name, accelerator_name=accelerator_spec(accelerator).name,
        num_gpus=num_gpus, mfu_ratio=r1.mfu_ratio, retrieved_tokens=retrieved,
        prompt_tokens=r1.prompt_tokens,
        prefill_with_context_seconds=r1.prefill_seconds,
        prefill_without_context_seconds=r0.prefill_seconds,
        retrieval_prefill_seconds=r1.prefill_seconds - r0.prefill_seconds,
        retrieval_prefill_compute_seconds=r1.prefill_compute_seconds - r0.prefill_compute_seconds,
        constants=("default_mbu_ratio",),  # the MFU is the assumed one passed in
        source_rows=tuple(source_rows(roofline.fields, with_context)),
    )


_latency = get("latency_budget")
register(
    declared("rag_context", rag_context, (
            answer_tokens_field(),
            model_field(MODELS, "Answer model"),
            Field("prefill_rate", "prefill_tokens_per_second", "Prefill rate", "tokens/s",
                  _latency.field("prefill_rate").default, 1, 1e9, 1,
                  help="Hosted: as in the latency guide's calculator."),
            Field("dims", "embedding_dimensions", "Query vector length", "dimensions",
                  int(constant("openai_embedding_3_small_dimensions").value), 1, 100_000, 1,
                  integer=True),
        ),
        data=twin_data,
    )
)
register_table("rag_self_hosted_prefill", self_hosted_prefill)
