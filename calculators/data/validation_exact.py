"""Exact-arithmetic validation cases (issue 16): provider-documented examples (usage objects,
price examples, stream events, rate-limit examples) and protocol and model arithmetic.

An exact case matches when the calculator's result, rounded to the significant ``digits`` the
source prints, equals the published value. Record type and rules:
:mod:`calculators.data.validation_cases`.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_ON
from calculators.data.validation_cases import ValidationCase

__all__ = ["EXACT_CASES"]

_OAI_RL = ("https://platform.openai.com/docs/guides/rate-limits", "OpenAI: Rate limits (guide)")
_ANT_RL = ("https://platform.claude.com/docs/en/api/rate-limits", "Anthropic: Rate limits")
_ANT_CACHE = ("https://platform.claude.com/docs/en/build-with-claude/prompt-caching",
              "Anthropic: Prompt caching")
_OAI_CACHE = ("https://openai.com/index/api-prompt-caching/", "OpenAI: Prompt Caching in the API")
_OAI_STREAM = ("https://platform.openai.com/docs/api-reference/chat-streaming",
               "OpenAI API reference: the chat completion chunk object")
_ANT_STREAM = ("https://platform.claude.com/docs/en/build-with-claude/streaming",
               "Anthropic: Streaming Messages")
_MLPERF = ("https://github.com/mlcommons/inference/blob/master/loadgen/mlperf.conf",
           "MLCommons inference, loadgen/mlperf.conf (token latency targets)")
_NVIDIA_KV = ("https://developer.nvidia.com/blog/mastering-llm-techniques-inference-optimization/",
              "NVIDIA Technical Blog: Mastering LLM Techniques: Inference Optimization")
_BOOK = ("https://jax-ml.github.io/scaling-book/inference/",
         "JAX scaling book: All About Transformer Inference")
_DATABRICKS = ("https://www.databricks.com/blog/llm-inference-performance-engineering-best-practices",
               "Databricks: LLM Inference Performance Engineering: Best Practices")
_INCUMBENT = ("https://sthq.pages.dev/guides/ai/llm-api-latency-explained",
              "sthq.pages.dev: LLM API Latency Explained (the incumbent guide)")
_TAIL = ("https://research.google/pubs/the-tail-at-scale/",
         "Dean and Barroso, The Tail at Scale, Communications of the ACM 56(2)")
_DERIVED = "The published figure is arithmetic on the source's stated numbers (REFERENCES.md)."


def _x(key: str, area: str, description: str, published: float, fmt: str, digits: int,
       conditions: tuple[tuple[str, str], ...], source: tuple[str, str], quote: str, *,
       as_of: date = READ_ON, stated: bool = False, check: str = "", calculator: str = "",
       inputs: tuple[tuple[str, object], ...] = (), output: str = "", note: str = "",
       status: str = "VERIFIED") -> ValidationCase:
    return ValidationCase(key, area, description, "exact", published, fmt, conditions,
                          source[0], source[1], as_of, stated, quote, calculator=calculator,
                          inputs=inputs, output=output, check=check, digits=digits, note=note,
                          status=status)


EXACT_CASES: tuple[ValidationCase, ...] = (
    _x("openai_usage_bill", "provider", "OpenAI's documented usage object billed at GPT-4o "
       "launch prices", 0.005615, "usd", 4,
       (("Usage", "2,006 prompt, 1,920 cached, 300 completion tokens"), ("Model", "GPT-4o")),
       _OAI_CACHE, '"cached_tokens": 1920', as_of=date(2024, 10, 1), stated=True,
       check="openai_usage", note=_DERIVED, status="DERIVED"),
    _x("anthropic_document_bill", "provider", "Anthropic: a cached 100,000-token document and "
       "a 50-token question, ten requests in one lifetime (input cost, Sonnet 4.5)", 0.6465,
       "usd", 4, (("Model", "Claude Sonnet 4.5"), ("Prefix", "100,000 tokens"),
                  ("Requests", "10 inside the 5-minute lifetime")),
       _ANT_CACHE, '"cache_read_input_tokens": 100000', check="anthropic_document",
       note=_DERIVED, status="DERIVED"),
    _x("anthropic_itpm_leverage", "provider", "Anthropic: input tokens a minute at 2,000,000 "
       "ITPM with an 80% cache-read share", 10_000_000, "tokens", 2,
       (("Limit", "2,000,000 ITPM"), ("Cache reads", "80% of input")), _ANT_RL,
       "10,000,000 total input tokens per minute", check="anthropic_itpm"),
    _x("openai_rpm_burst", "provider", "OpenAI: requests a 20 RPM limit admits with 100-token "
       "requests before the 21st is refused", 20, "count", 2,
       (("Limit", "20 RPM, 150,000 TPM"), ("Request", "100 tokens")), _OAI_RL,
       "rate limit of 20 requests per minute", check="openai_rpm_example"),
    _x("anthropic_short_window", "provider", "Anthropic: requests a one-second slice of a "
       "60 RPM limit admits at once", 1, "count", 1, (("Limit", "60 RPM"),), _ANT_RL,
       "1 request per second", check="anthropic_short_window"),
    _x("anthropic_tier1_itpm_bound", "provider", "Anthropic Tier 1 Sonnet: requests a minute "
       "with 2,000 uncached input and 500 output tokens", 15, "count", 2,
       (("Limits", "50 RPM, 30,000 ITPM, 8,000 OTPM"), ("Request", "2,000 in, 500 out")),
       _ANT_RL, "min(50, 30,000/2,000, 8,000/500) = 15", calculator="rate_limits",
       output="sustainable_requests_per_minute", note=_DERIVED, status="DERIVED"),
    _x("openai_captured_chunks", "provider", "JSON bytes of three captured OpenAI stream "
       "chunks (ENTERPILOT/GoModel fixture)", 915, "bytes", 3,
       (("Capture", "three chat completion chunks"),),
       ("https://github.com/ENTERPILOT/GoModel", "ENTERPILOT/GoModel: captured OpenAI stream"),
       "three chunks, 915 bytes of JSON", check="captured_openai_chunks", status="SECONDARY"),
    _x("openai_chunk_json", "provider", "OpenAI's documented chunk for one token: JSON bytes",
       226, "bytes", 3, (("Event", "the reference chunk, text 'Hello'"),), _OAI_STREAM,
       '"delta":{"content":"Hello"}', calculator="streaming_bandwidth",
       output="event_data_bytes"),
    _x("openai_chunk_sse", "provider", "OpenAI's documented chunk as one SSE event (data: and "
       "the blank line)", 234, "bytes", 3, (("Event", "the reference chunk, text 'Hello'"),),
       _OAI_STREAM, "data: {...}", calculator="streaming_bandwidth", output="event_sse_bytes"),
    _x("anthropic_delta_event", "provider", "Anthropic's documented content_block_delta event "
       "for 'ello frien' (10 text bytes)", 131, "bytes", 3,
       (("Event", "text_delta example"), ("Text", "10 bytes")), _ANT_STREAM,
       '"text_delta","text":"ello frien"', calculator="streaming_bandwidth",
       inputs=(("format", "anthropic"), ("text_bytes", 10)), output="event_sse_bytes"),
    _x("mlperf_interactive_budget", "protocol", "MLPerf Llama-2-70B Interactive: the worst "
       "compliant 500-token answer at the latency limits", 20.41, "duration", 4,
       (("TTFT limit", "450 ms"), ("TPOT limit", "40 ms"), ("Output", "500 tokens")), _MLPERF,
       "ttft_latency = 450, tpot_latency = 40", calculator="streaming_job",
       inputs=(("ttft", 0.45), ("tpot", 40), ("output", 500)), output="e2e_seconds",
       note=_DERIVED, status="DERIVED"),
    _x("mlperf_server_budget", "protocol", "MLPerf Llama-2-70B Server: the worst compliant "
       "500-token answer at the latency limits", 101.8, "duration", 4,
       (("TTFT limit", "2 s"), ("TPOT limit", "200 ms"), ("Output", "500 tokens")), _MLPERF,
       "ttft_latency = 2000, tpot_latency = 200", calculator="streaming_job",
       inputs=(("ttft", 2), ("tpot", 200), ("output", 500)), output="e2e_seconds",
       note=_DERIVED, status="DERIVED"),
    _x("incumbent_e2e", "protocol", "The incumbent guide's example: 800 ms TTFT, 25 ms TPOT, "
       "500 tokens (TTFT plus N - 1 token times)", 13.275, "duration", 5,
       (("TTFT", "800 ms"), ("TPOT", "25 ms"), ("Output", "500 tokens")), _INCUMBENT,
       "800 ms + 500 × 25 ms", calculator="streaming_job", output="e2e_seconds",
       note=_DERIVED, status="DERIVED"),
    _x("databricks_reading_speed", "protocol", "Databricks: 100 ms per output token as "
       "reading speed", 450, "words_per_minute", 2, (("TPOT", "100 ms"),), _DATABRICKS,
       "100 milliseconds per token is 10 tokens per second or ~450 words per minute",
       as_of=date(2023, 10, 12), stated=True, calculator="latency_budget",
       inputs=(("tpot", 100),), output="reading_words_per_minute", status="SECONDARY"),
    _x("openai_event_wire", "protocol", "One OpenAI SSE event over HTTP/2 and TLS 1.3: bytes "
       "on the wire (9-byte frame header, 22-byte record overhead)", 265, "bytes", 3,
       (("Event", "234-byte SSE event"), ("Transport", "HTTP/2 over TLS 1.3")), _OAI_STREAM,
       "234 + 9 + 22 = 265", calculator="streaming_bandwidth", output="event_wire_bytes",
       note=_DERIVED, status="DERIVED"),
    _x("openai_stream_rate", "protocol", "A 50 tokens/s OpenAI stream: bytes a second on the "
       "wire", 13_250, "bytes", 4, (("Rate", "50 tokens/s, one token an event"),), _OAI_STREAM,
       "50 × 265 B = 13.25 KB/s", calculator="streaming_bandwidth",
       output="stream_bytes_per_second", note=_DERIVED, status="DERIVED"),
    _x("nvidia_llama2_7b_kv", "protocol", "NVIDIA: KV cache of Llama 2 7B, 16-bit, batch 1, "
       "4,096 tokens", 2_147_483_648, "bytes", 10,
       (("Model", "Llama 2 7B"), ("Precision", "FP16"), ("Context", "4,096 tokens")),
       _NVIDIA_KV, "1 × 4096 × 2 × 32 × 4096 × 2 bytes", as_of=date(2023, 11, 17), stated=True,
       calculator="model_memory", inputs=(("model", "llama-2-7b"), ("context", 4096)),
       output="kv_total_bytes", status="SECONDARY"),
    _x("scaling_book_13b_kv", "protocol", "Scaling book: KV cache of LLaMA-2-13B, bf16, "
       "8,192 tokens", 6.7e9, "bytes", 2,
       (("Model", "LLaMA-2-13B"), ("Precision", "bf16"), ("Context", "8,192 tokens")), _BOOK,
       "8192 × 40 × 128 × 40 × 2 × 2 = 6.7GB", as_of=date(2025, 2, 3), stated=True,
       calculator="model_memory",
       inputs=(("model", "llama-2-13b"), ("context", 8192), ("context_window", 8192)),
       output="kv_total_bytes",
       note="The book's example runs past the model's 4,096-token window; the window is "
            "raised to the example's length."),
    _x("tail_at_scale_fanout", "protocol", "The Tail at Scale: share of requests slowed when "
       "one request fans out to 100 servers, each slow 1% of the time", 0.63, "percent", 2,
       (("Fan-out", "100 servers"), ("Slow share per server", "1%")), _TAIL,
       "63% of user requests will take more than one second", as_of=date(2013, 2, 1),
       stated=True, check="tail_at_scale"),
    _x("cache_hit_probability_5m", "protocol", "One request every 10 minutes: chance a "
       "5-minute cache is still warm (Poisson arrivals)", 0.393, "percent", 3,
       (("Interval", "600 s mean"), ("Lifetime", "5 minutes")), _ANT_CACHE,
       "P(hit) = 1 − e^(−0.5) = 0.393", calculator="prompt_cache",
       inputs=(("interval", 600),), output="hit_probability_5m_ratio", note=_DERIVED,
       status="DERIVED"),
    _x("cache_relative_cost_10_uses", "protocol", "Anthropic 5-minute cache: cost of a "
       "prefix used ten times, relative to sending it uncached each time", 0.215, "number", 3,
       (("Multipliers", "write 1.25, read 0.1"), ("Uses", "10")), _ANT_CACHE,
       "N=10 0.215", calculator="prompt_cache", output="relative_prefix_cost", note=_DERIVED,
       status="DERIVED"),
)
