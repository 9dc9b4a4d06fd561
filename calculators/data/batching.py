"""Constants behind guides 8 and 9: the scaling book's batch table, the published headline
ratios of continuous batching, paged attention, chunked prefill and disaggregation (shown as
sourced claims, not recomputed), the providers' over-the-window rules and the hidden tokens a
local count misses.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, READ_ON, Constant, register

BOOK_URL = "https://jax-ml.github.io/scaling-book/inference/"
BOOK_TITLE = "JAX scaling book: All About Transformer Inference"
BOOK_DATE = date(2025, 2, 3)
BOOK_NOTE = ("LLaMA-2-13B on eight TPU v5e chips, 8,192-token context, bf16. The book writes "
             "the bytes as GiB but computes with 10^9 and rounds the KV cache per sequence "
             "to 6.7 GB.")
ORCA_URL = "https://www.usenix.org/conference/osdi22/presentation/yu"
ORCA_TITLE = "Yu et al., Orca: A Distributed Serving System for Transformer-Based Generative Models (OSDI 2022)"
VLLM_URL = "https://arxiv.org/abs/2309.06180"
VLLM_TITLE = "Kwon et al., Efficient Memory Management for LLM Serving with PagedAttention (SOSP 2023)"
SARATHI_URL = "https://arxiv.org/abs/2403.02310"
SARATHI_TITLE = ("Agrawal et al., Taming Throughput-Latency Tradeoff in LLM Inference with "
                 "Sarathi-Serve (OSDI 2024)")
DISTSERVE_URL = "https://arxiv.org/abs/2401.09670"
DISTSERVE_TITLE = ("Zhong et al., DistServe: Disaggregating Prefill and Decoding for "
                   "Goodput-optimized LLM Serving (OSDI 2024)")
DATABRICKS_URL = "https://www.databricks.com/blog/llm-inference-performance-engineering-best-practices"
DATABRICKS_TITLE = "Databricks: LLM Inference Performance Engineering: Best Practices"
ANTHROPIC_WINDOW_URL = "https://platform.claude.com/docs/en/build-with-claude/context-windows"
ANTHROPIC_WINDOW_TITLE = "Anthropic: Context windows"
OPENAI_RESPONSES_URL = "https://platform.openai.com/docs/api-reference/responses/create"
OPENAI_RESPONSES_TITLE = "OpenAI API reference: Create a model response (truncation)"
TOOL_USE_URL = "https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview"
TOOL_USE_TITLE = "Anthropic: Tool use with Claude, overview (pricing: tool use system prompt)"
COOKBOOK_URL = ("https://github.com/openai/openai-cookbook/blob/main/examples/"
                "How_to_count_tokens_with_tiktoken.ipynb")
COOKBOOK_TITLE = "OpenAI Cookbook: How to count tokens with tiktoken"
LOST_URL = "https://arxiv.org/abs/2307.03172"
LOST_TITLE = "Liu et al., Lost in the Middle: How Language Models Use Long Contexts (TACL 2024)"


def _c(key: str, value: float, unit: str, label: str, url: str, title: str, note: str,
       status: str = "VERIFIED", as_of: date = READ_ON) -> Constant:
    return Constant(key=key, value=value, unit=unit, label=label, source_url=url,
                    source_title=title, as_of=as_of, note=note, status=status)


register(
    # The scaling book's table: its hardware basis and two published rows.
    _c("scaling_book_v5e_x8_bandwidth_bytes_per_second", 6.56e12, "bytes per second",
       "Scaling book table: HBM bandwidth of eight TPU v5e chips", BOOK_URL, BOOK_TITLE,
       BOOK_NOTE, as_of=BOOK_DATE),
    _c("scaling_book_v5e_flops_per_second", 1.97e14, "FLOP per second",
       "Scaling book: TPU v5e bf16 FLOP/s per chip", BOOK_URL, BOOK_TITLE, BOOK_NOTE,
       as_of=BOOK_DATE),
    _c("scaling_book_mha_batch240_step_seconds", 0.24909, "seconds",
       "Scaling book table: step time at batch 240, full KV cache", BOOK_URL, BOOK_TITLE,
       BOOK_NOTE, as_of=BOOK_DATE),
    _c("scaling_book_gqa_batch240_step_seconds", 0.05299, "seconds",
       "Scaling book table: step time at batch 240, KV cache 5 times smaller", BOOK_URL,
       BOOK_TITLE, BOOK_NOTE + " The smaller cache is eight KV heads instead of forty.",
       as_of=BOOK_DATE),
    # Headline ratios, quoted as claims: none can be recomputed from a roofline (see the guide).
    _c("orca_throughput_ratio", 36.9, "times",
       "Orca: throughput against FasterTransformer at the same latency (GPT-3 175B)",
       ORCA_URL, ORCA_TITLE, "Abstract. Iteration-level scheduling plus selective batching.",
       as_of=date(2022, 7, 11)),
    _c("vllm_throughput_low_ratio", 2.0, "times",
       "vLLM: throughput against FasterTransformer and Orca, low end", VLLM_URL, VLLM_TITLE,
       "Abstract: 2-4 times at the same level of latency.", as_of=date(2023, 9, 12)),
    _c("vllm_throughput_high_ratio", 4.0, "times",
       "vLLM: throughput against FasterTransformer and Orca, high end", VLLM_URL, VLLM_TITLE,
       "Abstract: 2-4 times at the same level of latency.", as_of=date(2023, 9, 12)),
    _c("sarathi_mistral7b_capacity_ratio", 2.6, "times",
       "Sarathi-Serve: serving capacity against vLLM, Mistral-7B on one A100", SARATHI_URL,
       SARATHI_TITLE, "OSDI 2024 abstract; the arXiv v1 abstract gives other model figures "
       "(up to 6.9 times for Falcon-180B on eight A100s against Orca and vLLM).",
       as_of=date(2024, 7, 10)),
    _c("sarathi_falcon180b_capacity_ratio", 5.6, "times",
       "Sarathi-Serve: serving capacity against vLLM, Falcon-180B with pipeline parallelism",
       SARATHI_URL, SARATHI_TITLE, "OSDI 2024 abstract (up to); arXiv v1 said 6.9 times.",
       as_of=date(2024, 7, 10)),
    _c("distserve_requests_ratio", 7.4, "times",
       "DistServe: more requests served within the latency targets", DISTSERVE_URL,
       DISTSERVE_TITLE, "OSDI 2024 version, as cited; an earlier version said 4.48 times. "
       "Secondary (archived citations).", status="SECONDARY", as_of=date(2024, 7, 10)),
    _c("distserve_slo_ratio", 12.6, "times",
       "DistServe: tighter latency target met by over 90% of requests", DISTSERVE_URL,
       DISTSERVE_TITLE, "OSDI 2024 version, as cited; an earlier version said 10.2 times. "
       "Secondary (archived citations).", status="SECONDARY", as_of=date(2024, 7, 10)),
    _c("databricks_batch64_throughput_ratio", 14.0, "times",
       "Databricks: throughput gain of batch 64 over batch 1", DATABRICKS_URL,
       DATABRICKS_TITLE, "Read via an archived summary quoting the post.",
       as_of=date(2023, 10, 12)),
    _c("databricks_batch64_latency_ratio", 4.0, "times",
       "Databricks: per-request latency of batch 64 against batch 1", DATABRICKS_URL,
       DATABRICKS_TITLE, "Read via an archived summary quoting the post.",
       as_of=date(2023, 10, 12)),
    _c("databricks_batch64_size_sequences", 64, "sequences",
       "Databricks: the batch size of its throughput example", DATABRICKS_URL,
       DATABRICKS_TITLE, "Read via an archived summary quoting the post.",
       as_of=date(2023, 10, 12)),
    # Over-the-window rules (flags) and hidden tokens.
    _c("anthropic_rejects_prompt_plus_max_tokens_flag", 1,
       "(0 = truncates, 1 = rejects)",
       "Anthropic: prompt plus max_tokens over the window is a validation error",
       ANTHROPIC_WINDOW_URL, ANTHROPIC_WINDOW_TITLE,
       "Claude 3.7 and newer: 'the system will return a validation error rather than "
       "silently truncating'. " + READ_NOTE),
    _c("openai_rejects_over_window_flag", 1, "(0 = truncates, 1 = rejects)",
       "OpenAI Responses API: input over the window fails with a 400 error (truncation "
       "disabled, the default)", OPENAI_RESPONSES_URL, OPENAI_RESPONSES_TITLE,
       "With truncation 'auto' the API drops items from the conversation instead. Read via "
       "the API schema text embedded in SDKs. " + READ_NOTE, status="SECONDARY"),
    _c("anthropic_tool_prompt_tokens", 346, "tokens",
       "Anthropic tool-use system prompt, tool_choice auto or none (Claude 4.x family)",
       TOOL_USE_URL, TOOL_USE_TITLE,
       "Added whenever tools are present, on top of the tool definitions. Late-2025 copy; "
       "later copies list other values per model, so check the current table.",
       as_of=date(2025, 11, 1)),
    _c("openai_tokens_per_message", 3, "tokens",
       "OpenAI chat format: framing tokens around each message", COOKBOOK_URL,
       COOKBOOK_TITLE, "gpt-3.5-turbo-0613 and GPT-4 models as the cookbook counts them; "
       "may change per model. Secondary (quoted in code derived from it). " + READ_NOTE,
       status="SECONDARY"),
    _c("openai_reply_priming_tokens", 3, "tokens",
       "OpenAI chat format: tokens priming every reply", COOKBOOK_URL, COOKBOOK_TITLE,
       "<|start|>assistant<|message|>. Secondary (quoted in code derived from it). "
       + READ_NOTE, status="SECONDARY"),
    _c("vllm_blog_13b_sequence_kv_bytes", 1.7e9, "bytes",
       "vLLM blog: KV cache of a single LLaMA-13B sequence, up to", "https://blog.vllm.ai/2023/06/20/vllm.html",
       "vLLM: Easy, Fast, and Cheap LLM Serving with PagedAttention (blog)",
       "'takes up to 1.7GB for a single sequence in LLaMA-13B' (2,048 tokens).",
       as_of=date(2023, 6, 20)),
)
