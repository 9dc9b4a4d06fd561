"""Constants behind the request-graph guides (12: RAG, 13: function calling).

Stage latencies for a retrieval pipeline have no primary source (no archived vendor or paper
gives vector-database or embedding-hop figures for a generic deployment), so the defaults
come from the incumbent site's illustrative ranges, recorded here as such: the worked
example picks each median inside its range and takes the top of the range as the p95. They are
starting points for the reader's own figures, not measurements.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_ON, Constant, register

INCUMBENT_RAG_URL = "https://sthq.pages.dev/guides/ai/rag-architecture-network-patterns"
INCUMBENT_RAG_TITLE = "sthq: RAG Architecture Network Patterns (latency table)"
INCUMBENT_NOTE = (
    "Illustrative range printed without a source; the page states only the year 2026, so the "
    "date is the day it was read. Not a measurement."
)
INCUMBENT_TOOLS_URL = "https://sthq.pages.dev/guides/ai/function-calling-network-patterns"
INCUMBENT_TOOLS_TITLE = "sthq: Function Calling Network Patterns (round-trip example)"
TOOL_USE_URL = "https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview"
TOOL_USE_TITLE = "Anthropic: Tool use with Claude, overview (pricing: tool use system prompt)"


def _stage(key: str, label: str, value_seconds: float) -> Constant:
    return Constant(
        key=key, value=value_seconds, unit="seconds", label=label,
        source_url=INCUMBENT_RAG_URL, source_title=INCUMBENT_RAG_TITLE, as_of=READ_ON,
        note=INCUMBENT_NOTE, status="SECONDARY",
    )


register(
    _stage("rag_client_to_app_low_seconds", "Client to application, low end of range", 0.030),
    _stage("rag_client_to_app_high_seconds", "Client to application, high end of range", 0.100),
    _stage("rag_query_embedding_low_seconds", "Query embedding call, low end of range", 0.050),
    _stage("rag_query_embedding_high_seconds", "Query embedding call, high end of range", 0.200),
    _stage("rag_vector_search_low_seconds", "Vector search, low end of range", 0.010),
    _stage("rag_vector_search_high_seconds", "Vector search, high end of range", 0.100),
    _stage("rag_prompt_build_high_seconds", "Prompt assembly, upper bound", 0.010),
    _stage("rag_llm_ttft_low_seconds", "LLM time to first token, low end of range", 0.500),
    _stage("rag_llm_ttft_high_seconds", "LLM time to first token, high end of range", 3.0),
    Constant(
        key="incumbent_tool_call_ttft_seconds", value=1.0, unit="seconds",
        label="Time to first token per LLM call in the incumbent's tool example",
        source_url=INCUMBENT_TOOLS_URL, source_title=INCUMBENT_TOOLS_TITLE, as_of=READ_ON,
        note="About 1 s, stated without a source or a model. " + INCUMBENT_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="incumbent_tool_seconds", value=0.2, unit="seconds",
        label="Time per tool call in the incumbent's tool example",
        source_url=INCUMBENT_TOOLS_URL, source_title=INCUMBENT_TOOLS_TITLE, as_of=READ_ON,
        note="About 200 ms, stated without a source. " + INCUMBENT_NOTE, status="SECONDARY",
    ),
    Constant(
        key="anthropic_tool_prompt_auto_tokens",
        value=346,
        unit="tokens",
        label="Anthropic tool-use system prompt, tool_choice auto or none (Claude 4.x family)",
        source_url=TOOL_USE_URL,
        source_title=TOOL_USE_TITLE,
        as_of=date(2025, 11, 1),
        note=(
            "Added to the input whenever tools are present, on top of the tool definitions. "
            "Late-2025 copy listing Opus 4.5/4.1/4, Sonnet 4.5/4/3.7 and Haiku 4.5; later "
            "copies list other values per model (Opus 4.5 and Sonnet 4.5 at 496, Opus 4.7 at "
            "675), so the figure drifts: check the current table for your model."
        ),
    ),
    Constant(
        key="anthropic_tool_prompt_any_tokens",
        value=313,
        unit="tokens",
        label="Anthropic tool-use system prompt, tool_choice any or tool (Claude 4.x family)",
        source_url=TOOL_USE_URL,
        source_title=TOOL_USE_TITLE,
        as_of=date(2025, 11, 1),
        note="Same table and caveat as the auto/none figure.",
    ),
    Constant(
        key="openai_embedding_3_small_usd_per_token",
        value=0.02 / 1_000_000,
        unit="USD per token",
        label="OpenAI text-embedding-3-small, price per input token",
        source_url="https://openai.com/index/new-embedding-models-and-api-updates/",
        source_title="OpenAI: New embedding models and API updates",
        as_of=date(2024, 1, 25),
        note="USD 0.02 per million tokens at launch; 1,536 dimensions by default.",
    ),
    Constant(
        key="openai_embedding_3_small_dimensions",
        value=1536,
        unit="dimensions",
        label="OpenAI text-embedding-3-small, default vector length",
        source_url="https://openai.com/index/new-embedding-models-and-api-updates/",
        source_title="OpenAI: New embedding models and API updates",
        as_of=date(2024, 1, 25),
        note="Shorter vectors can be requested with the dimensions parameter.",
    ),
    Constant(
        key="incumbent_three_tools_seconds", value=5.0, unit="seconds",
        label="Three chained tools, end to end, in the incumbent's example",
        source_url=INCUMBENT_TOOLS_URL, source_title=INCUMBENT_TOOLS_TITLE, as_of=READ_ON,
        note="About 5 s for 4 LLM calls and 3 tools. " + INCUMBENT_NOTE, status="SECONDARY",
    ),
    Constant(
        key="tail_at_scale_slow_ratio", value=0.01, unit="ratio",
        label="Share of requests one server answers slowly, in the fan-out example",
        source_url="https://research.google/pubs/the-tail-at-scale/",
        source_title="Dean and Barroso, The Tail at Scale, Communications of the ACM 56(2)",
        as_of=date(2013, 2, 1), checked_on=READ_ON,
        note="The paper's example: 1 in 100 requests to a server take more than 1 s.",
    ),
    Constant(
        key="tail_at_scale_fanout_slow_ratio", value=0.63, unit="ratio",
        label="Share of fan-out requests slowed by one slow server (100 servers)",
        source_url="https://research.google/pubs/the-tail-at-scale/",
        source_title="Dean and Barroso, The Tail at Scale, Communications of the ACM 56(2)",
        as_of=date(2013, 2, 1), checked_on=READ_ON,
        note="Stated to two figures in the paper (63%).",
    ),
)
