"""Constants behind the latency model (guide 1) and its published reference points."""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, READ_ON, Constant, register

MLPERF_URL = "https://github.com/mlcommons/inference/blob/master/loadgen/mlperf.conf"
MLPERF_TITLE = "MLCommons inference, loadgen/mlperf.conf (token latency targets)"
MLPERF_NOTE = "99th-percentile server limit; " + READ_NOTE
KIPPLY_URL = (
    "https://github.com/cli99/llm-analysis/blob/main/examples/fastertransformer/README.md"
)
KIPPLY_TITLE = (
    "llm-analysis: Example Analyses with FasterTransformer (quoting kipply, "
    "Transformer Inference Arithmetic, 2022)"
)
READ_TODAY = date(2026, 12, 1)
VLLM_METRICS_URL = "https://github.com/vllm-project/vllm/blob/main/docs/design/metrics.md"
TRTLLM_DISAGG_URL = (
    "https://github.com/NVIDIA/TensorRT-LLM/blob/main/docs/source/blogs/tech_blog/"
    "blog5_Disaggregated_Serving_in_TensorRT-LLM.md"
)
KIPPLY_TP2_NOTE = (
    "Same benchmark on two A100 40 GB with tensor parallelism 2. Secondary: kipply's 2022 "
    "post quoted by llm-analysis; the date is the day the README was read."
)
KIPPLY_NOTE = (
    "13B model, FasterTransformer, one A100 40 GB, batch 1, 512-token prompt, "
    "10 generated tokens. Secondary: kipply's 2022 post quoted by llm-analysis; "
    "the date is the day the README was read."
)

register(
    Constant(
        key="tcp_handshake_round_trips",
        value=1,
        unit="round trips",
        label="TCP three-way handshake before the client may send data",
        source_url="https://www.rfc-editor.org/rfc/rfc9293",
        source_title="RFC 9293: Transmission Control Protocol (section 3.5)",
        as_of=date(2022, 8, 1),
        checked_on=READ_ON,
        note="Without TCP Fast Open.",
    ),
    Constant(
        key="tls13_handshake_round_trips",
        value=1,
        unit="round trips",
        label="TLS 1.3 full handshake",
        source_url="https://www.rfc-editor.org/rfc/rfc8446",
        source_title="RFC 8446: The Transport Layer Security (TLS) Protocol Version 1.3 (section 2)",
        as_of=date(2018, 8, 1),
        checked_on=READ_ON,
        note="Full handshake; 0-RTT resumption is not modelled.",
    ),
    Constant(
        key="tls12_handshake_round_trips",
        value=2,
        unit="round trips",
        label="TLS 1.2 full handshake",
        source_url="https://www.rfc-editor.org/rfc/rfc5246",
        source_title="RFC 5246: The Transport Layer Security (TLS) Protocol Version 1.2 (section 7.3)",
        as_of=date(2008, 8, 1),
        checked_on=READ_ON,
        note="Full handshake without False Start or session resumption.",
    ),
    Constant(
        key="tcp_initial_window_segments",
        value=10,
        unit="segments",
        label="TCP initial congestion window",
        source_url="https://www.rfc-editor.org/rfc/rfc6928",
        source_title="RFC 6928: Increasing TCP's Initial Window",
        as_of=date(2013, 4, 1),
        checked_on=READ_ON,
        note="The window doubles each round trip during slow start on a new connection.",
    ),
    Constant(
        key="tcp_max_segment_bytes",
        value=1460,
        unit="bytes",
        label="TCP payload per segment on Ethernet",
        source_url="https://www.rfc-editor.org/rfc/rfc894",
        source_title="RFC 894: A Standard for the Transmission of IP Datagrams over Ethernet Networks",
        as_of=date(1984, 4, 1),
        checked_on=READ_ON,
        note="1,500-byte Ethernet MTU less 20 bytes of IPv4 and 20 of TCP header, no options.",
        status="DERIVED",
    ),
    Constant(
        key="words_per_token",
        value=0.75,
        unit="words per token",
        label="English words per token (100 ms per token is 450 words per minute)",
        source_url=(
            "https://docs.databricks.com/machine-learning/foundation-models/"
            "prov-throughput-run-benchmark.html"
        ),
        source_title="Databricks: Conduct your own LLM endpoint benchmarking",
        as_of=READ_ON,
        note="Implied by the page's example: 10 tokens/s is about 450 words/min. " + READ_NOTE,
    ),
    Constant(
        key="mlperf_server_latency_percentile",
        value=99,
        unit="percentile",
        label="MLPerf server scenario: percentile at which latency targets apply",
        source_url=MLPERF_URL,
        source_title=MLPERF_TITLE,
        as_of=READ_ON,
        note="*.Server.target_latency_percentile. " + READ_NOTE,
    ),
    Constant(
        key="mlperf_llama2_70b_interactive_ttft_seconds",
        value=0.450,
        unit="seconds",
        label="MLPerf Llama-2-70B interactive: time to first token limit",
        source_url=MLPERF_URL,
        source_title=MLPERF_TITLE,
        as_of=READ_ON,
        note=MLPERF_NOTE,
    ),
    Constant(
        key="mlperf_llama2_70b_interactive_tpot_seconds",
        value=0.040,
        unit="seconds",
        label="MLPerf Llama-2-70B interactive: time per output token limit",
        source_url=MLPERF_URL,
        source_title=MLPERF_TITLE,
        as_of=READ_ON,
        note=MLPERF_NOTE,
    ),
    Constant(
        key="mlperf_llama2_70b_server_ttft_seconds",
        value=2.0,
        unit="seconds",
        label="MLPerf Llama-2-70B server: time to first token limit",
        source_url=MLPERF_URL,
        source_title=MLPERF_TITLE,
        as_of=READ_ON,
        note=MLPERF_NOTE,
    ),
    Constant(
        key="mlperf_llama2_70b_server_tpot_seconds",
        value=0.200,
        unit="seconds",
        label="MLPerf Llama-2-70B server: time per output token limit",
        source_url=MLPERF_URL,
        source_title=MLPERF_TITLE,
        as_of=READ_ON,
        note=MLPERF_NOTE,
    ),
    Constant(
        key="kipply_13b_prefill_seconds",
        value=0.06317,
        unit="seconds",
        label="Measured prefill, 13B model, 512-token prompt",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_13b_prompt_tokens",
        value=512,
        unit="tokens",
        label="Prompt length in the same benchmark",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_13b_tpot_seconds",
        value=0.022,
        unit="seconds",
        label="Measured time per output token in the same benchmark",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_13b_output_tokens",
        value=10,
        unit="tokens",
        label="Generated tokens in the same benchmark",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_13b_total_seconds",
        value=0.2836,
        unit="seconds",
        label="Measured total latency in the same benchmark",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="openai_output_halving_latency_cut_ratio",
        value=0.5,
        unit="ratio",
        label="OpenAI: cutting output tokens by half may cut latency by about this much",
        source_url="https://platform.openai.com/docs/guides/latency-optimization",
        source_title="OpenAI: Latency optimization",
        as_of=READ_ON,
        note="A heuristic for typical requests. " + READ_NOTE,
    ),
    Constant(
        key="openai_prompt_halving_latency_cut_high_ratio",
        value=0.05,
        unit="ratio",
        label="OpenAI: cutting the prompt by half may cut latency by at most about this much",
        source_url="https://platform.openai.com/docs/guides/latency-optimization",
        source_title="OpenAI: Latency optimization",
        as_of=READ_ON,
        note="The guide gives a 1 to 5 percent range. " + READ_NOTE,
    ),
    Constant(
        key="vllm_first_token_decode_steps",
        value=0,
        unit="decode steps",
        label="vLLM: decode steps between the end of prefill and the first output token",
        source_url=VLLM_METRICS_URL,
        source_title="vLLM design docs: Metrics (interval calculations)",
        as_of=READ_TODAY,
        note=(
            "The prefill interval runs from scheduling to the first NEW_TOKENS event, and "
            "TTFT is recorded for requests that completed prefill in that iteration: the "
            "first token comes out of the prefill pass. " + READ_NOTE
        ),
    ),
    Constant(
        key="tensorrt_llm_first_token_decode_steps",
        value=0,
        unit="decode steps",
        label="TensorRT-LLM: decode steps between the context (prefill) phase and the first token",
        source_url=TRTLLM_DISAGG_URL,
        source_title="TensorRT-LLM tech blog: Disaggregated Serving in TensorRT-LLM",
        as_of=READ_TODAY,
        note=(
            "The context instance's response carries the prompt tokens and the first "
            "generated token; generation instances produce the rest. " + READ_NOTE
        ),
    ),
    Constant(
        key="kipply_13b_tp2_prefill_seconds",
        value=0.04545,
        unit="seconds",
        label="Measured prefill, 13B model on two GPUs, 512-token prompt",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_TP2_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_13b_tp2_tpot_seconds",
        value=0.0135,
        unit="seconds",
        label="Measured time per output token, 13B model on two GPUs",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_TP2_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_13b_tp2_total_seconds",
        value=0.18086,
        unit="seconds",
        label="Measured total latency, 13B model on two GPUs",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note=KIPPLY_TP2_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="kipply_tpot_resolution_seconds",
        value=0.0001,
        unit="seconds",
        label="Resolution of the published per-token times (printed to a tenth of a millisecond)",
        source_url=KIPPLY_URL,
        source_title=KIPPLY_TITLE,
        as_of=READ_ON,
        note="Read from the digits the table prints (22.0 ms, 13.5 ms).",
        status="DERIVED",
    ),
    Constant(
        key="vllm_min_recomputed_prompt_tokens",
        value=1,
        unit="tokens",
        label="vLLM: prompt tokens recomputed even when the whole prompt hits the prefix cache",
        source_url=(
            "https://github.com/vllm-project/vllm/blob/main/vllm/v1/core/kv_cache_manager.py"
        ),
        source_title="vLLM source, vllm/v1/core/kv_cache_manager.py (get_computed_blocks)",
        as_of=READ_TODAY,
        note=(
            "\"When all tokens hit the cache, we must recompute the last token to obtain "
            "logits\": the cache hit is capped at the prompt length minus one (block-aligned, "
            "so a full hit may recompute a whole block; the model counts one token). "
            + READ_NOTE
        ),
        status="VERIFIED",
    ),
)
