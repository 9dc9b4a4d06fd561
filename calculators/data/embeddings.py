"""Sourced constants for embedding APIs (guide 11): per-request limits, prices, formats.

Per-request limits are what a batch planner needs: how many inputs one request may carry,
how many tokens they may sum to, and how long one input may be. A limit a provider does not
state is recorded as 0 (not enforced by the planner) and said so in the note.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, Constant, register

OPENAI_EMBED_REF = "https://platform.openai.com/docs/api-reference/embeddings/create"
OPENAI_EMBED_NEWS = "https://openai.com/index/new-embedding-models-and-api-updates/"
OPENAI_BATCH_REF = "https://platform.openai.com/docs/api-reference/batch/create"
OPENAI_TIER4 = ("https://github.com/openai/openai-cookbook/blob/main/examples/data/oai_docs/"
                "tier-four.txt")
VOYAGE_REF = "https://docs.voyageai.com/reference/embeddings-api"
COHERE_REF = "https://docs.cohere.com/embed-reference"
OCI_COHERE = ("https://docs.oracle.com/en-us/iaas/Content/generative-ai/"
              "cohere-embed-multilingual-3.htm")
UPSTAGE_REF = "https://console.upstage.ai/api/embeddings"
LITER_LLM = "https://github.com/xberg-io/liter-llm/issues/145"
#: The day this project read the provider pages that state no date.
READ_DAY = date(2026, 12, 1)

register(
    Constant("openai_embed_max_inputs_per_request", 2048, "inputs",
             "OpenAI embeddings: inputs per request", OPENAI_EMBED_REF,
             "OpenAI API reference: Create embeddings", date(2025, 6, 1),
             "The input array may hold at most 2,048 items (REFERENCES guide 11; read via the "
             "reference text the SDKs embed, 2025)."),
    Constant("openai_embed_max_tokens_per_request", 300_000, "tokens",
             "OpenAI embeddings: tokens summed over a request", OPENAI_EMBED_REF,
             "OpenAI API reference: Create embeddings", date(2025, 6, 1),
             "At most 300,000 tokens summed across all inputs of one request."),
    Constant("openai_embed_max_tokens_per_input", 8192, "tokens",
             "OpenAI embeddings: tokens per input", OPENAI_EMBED_REF,
             "OpenAI API reference: Create embeddings", date(2025, 6, 1),
             "The reference says 8,192; model pages say 8,191 (use the smaller when tight)."),
    Constant("openai_embed_3_small_usd_per_token", 0.02e-6, "USD per token",
             "text-embedding-3-small price", OPENAI_EMBED_NEWS,
             "OpenAI: New embedding models and API updates", date(2024, 1, 25),
             "$0.02 per million tokens; 1,536 dimensions by default."),
    Constant("openai_embed_3_large_usd_per_token", 0.13e-6, "USD per token",
             "text-embedding-3-large price", OPENAI_EMBED_NEWS,
             "OpenAI: New embedding models and API updates", date(2024, 1, 25),
             "$0.13 per million tokens; 3,072 dimensions by default."),
    Constant("openai_embed_3_small_dimensions", 1536, "dimensions",
             "text-embedding-3-small dimensions", OPENAI_EMBED_NEWS,
             "OpenAI: New embedding models and API updates", date(2024, 1, 25),
             "Shorter vectors through the dimensions parameter."),
    Constant("openai_embed_3_large_dimensions", 3072, "dimensions",
             "text-embedding-3-large dimensions", OPENAI_EMBED_NEWS,
             "OpenAI: New embedding models and API updates", date(2024, 1, 25),
             "At 256 dimensions it still beats ada-002 at 1,536 on MTEB, OpenAI says."),
    Constant("openai_batch_discount_ratio", 0.5, "ratio",
             "OpenAI Batch API discount", OPENAI_BATCH_REF,
             "OpenAI API reference: Create batch", date(2025, 6, 1),
             "50% off; 24 h completion window; at most 50,000 embedding inputs per batch."),
    Constant("openai_embed_tier4_rpm_requests_per_minute", 10_000, "requests per minute",
             "OpenAI tier 4: embeddings RPM", OPENAI_TIER4,
             "OpenAI docs copy in openai-cookbook: Tier 4 rate limits", date(2024, 6, 1),
             "text-embedding-3-small and -large; limits per organisation and tier change "
             "often: read yours in the account's limits page.", "SECONDARY"),
    Constant("openai_embed_tier4_tpm_tokens_per_minute", 5_000_000, "tokens per minute",
             "OpenAI tier 4: embeddings TPM", OPENAI_TIER4,
             "OpenAI docs copy in openai-cookbook: Tier 4 rate limits", date(2024, 6, 1),
             "Same table; batch queue limit 500,000,000 tokens.", "SECONDARY"),
    Constant("voyage_embed_max_inputs_per_request", 1000, "inputs",
             "Voyage AI embeddings: inputs per request", VOYAGE_REF,
             "Voyage AI: Text embedding models (API reference)", READ_DAY,
             "The list may hold at most 1,000 texts. " + READ_NOTE),
    Constant("voyage_embed_3_5_max_tokens_per_request", 320_000, "tokens",
             "Voyage AI voyage-3.5 / voyage-4: tokens per request", VOYAGE_REF,
             "Voyage AI: Text embedding models (API reference)", READ_DAY,
             "1M for the lite models, 120K for voyage-3-large and voyage-4-large. "
             "No per-input cap is applied here beyond the request total. " + READ_NOTE),
    Constant("cohere_embed_max_inputs_per_request", 96, "inputs",
             "Cohere Embed v2: texts per request", COHERE_REF,
             "Cohere: Embed API (v2) reference", READ_DAY,
             "Cohere states no token total per request. " + READ_NOTE),
    Constant("cohere_embed_max_tokens_per_input", 512, "tokens",
             "Cohere Embed v3: tokens per input", OCI_COHERE,
             "Oracle Cloud: Cohere Embed Multilingual 3", READ_DAY,
             "Oracle's hosted copy of the v3 model; longer inputs are truncated by default. "
             + READ_NOTE, "SECONDARY"),
    Constant("upstage_embed_max_inputs_per_request", 100, "inputs",
             "Upstage embeddings: inputs per request", UPSTAGE_REF,
             "Upstage console: Embeddings API", READ_DAY, "At most 100 strings. " + READ_NOTE),
    Constant("upstage_embed_max_tokens_per_request", 204_800, "tokens",
             "Upstage embeddings: tokens per request", UPSTAGE_REF,
             "Upstage console: Embeddings API", READ_DAY,
             "Fewer than 204,800 tokens in the array. " + READ_NOTE),
    Constant("upstage_embed_max_tokens_per_input", 4000, "tokens",
             "Upstage embeddings: tokens per input", UPSTAGE_REF,
             "Upstage console: Embeddings API", READ_DAY,
             "Each string at most 4,000 tokens; 512 or fewer recommended. " + READ_NOTE),
    Constant("liter_llm_json_bytes_per_value", 12.4, "bytes",
             "Measured JSON float text per value (1,536-d)", LITER_LLM,
             "liter-llm issue 145: base64 embeddings", date(2026, 1, 1),
             "A third party's measurement of OpenAI responses: 12.4 B per value as JSON "
             "against 5.4 B per value as base64. The date is the year the thread shows.",
             "SECONDARY"),
)
