"""Sourced constants for rate limits and retries (guide 5).

The per-tier limits themselves are catalog records (``RateLimitTier`` in
``calculators/data/providers.py``); these are the documented examples, SDK retry constants and
retry-budget parameters the guide and its tests use.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, READ_ON, Constant, register

ANTHROPIC_LIMITS = "https://platform.claude.com/docs/en/api/rate-limits"
OPENAI_LIMITS = "https://platform.openai.com/docs/guides/rate-limits"
ANTHROPIC_SDK = ("https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/"
                 "_constants.py")
ANTHROPIC_SDK_CLIENT = ("https://github.com/anthropics/anthropic-sdk-python/blob/main/src/"
                        "anthropic/_base_client.py")
OPENAI_SDK = "https://github.com/openai/openai-python/blob/main/src/openai/_constants.py"
COOKBOOK = "https://cookbook.openai.com/examples/how_to_handle_rate_limits"
GRPC_A6 = "https://github.com/grpc/proposal/blob/master/A6-client-retries.md"
AZURE_QUOTA = "https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/quota"

register(
    Constant("openai_example_rpm_requests_per_minute", 20, "requests per minute",
             "OpenAI's rate-limit example: RPM limit", OPENAI_LIMITS,
             "OpenAI: Rate limits (guide)", READ_ON,
             "Worked example in the guide: 20 RPM with 100-token requests. " + READ_NOTE),
    Constant("openai_example_tpm_tokens_per_minute", 150_000, "tokens per minute",
             "OpenAI's rate-limit example: TPM limit", OPENAI_LIMITS,
             "OpenAI: Rate limits (guide)", READ_ON,
             "Same example; also the x-ratelimit-limit-tokens value in its header sample. "
             + READ_NOTE),
    Constant("openai_example_request_tokens", 100, "tokens",
             "OpenAI's rate-limit example: tokens per request", OPENAI_LIMITS,
             "OpenAI: Rate limits (guide)", READ_ON,
             "The 21st such request in a minute is rejected though only 2,000 tokens were "
             "used. " + READ_NOTE),
    Constant("too_large_example_requested_tokens", 36_055, "tokens",
             "A request that can never pass: tokens requested", "https://github.com/TheR1D/shell_gpt/issues/653",
             "shell_gpt issue 653 (OpenAI 'Request too large' error text)", READ_ON,
             "Error quoted by a user: 'Limit 30000, Requested 36055'; a long chat history "
             "resent each turn. " + READ_NOTE, status="SECONDARY"),
    Constant("too_large_example_limit_tokens_per_minute", 30_000, "tokens per minute",
             "A request that can never pass: the TPM limit", "https://github.com/TheR1D/shell_gpt/issues/653",
             "shell_gpt issue 653 (OpenAI 'Request too large' error text)", READ_ON,
             "Same error message. " + READ_NOTE, status="SECONDARY"),
    Constant("cookbook_backoff_min_seconds", 1, "seconds",
             "OpenAI Cookbook backoff: wait_random_exponential min", COOKBOOK,
             "OpenAI Cookbook: How to handle rate limits", READ_ON,
             "tenacity wait_random_exponential(min=1, max=60), stop_after_attempt(6). "
             + READ_NOTE),
    Constant("cookbook_backoff_max_seconds", 60, "seconds",
             "OpenAI Cookbook backoff: wait_random_exponential max", COOKBOOK,
             "OpenAI Cookbook: How to handle rate limits", READ_ON, "Same example. " + READ_NOTE),
    Constant("cookbook_max_attempts", 6, "attempts",
             "OpenAI Cookbook backoff: stop_after_attempt", COOKBOOK,
             "OpenAI Cookbook: How to handle rate limits", READ_ON, "Same example. " + READ_NOTE),
    Constant("sdk_default_max_retries", 2, "retries",
             "Official Python SDKs: default max_retries", ANTHROPIC_SDK,
             "anthropic-sdk-python src/anthropic/_constants.py (openai-python the same)",
             date(2026, 8, 7), "DEFAULT_MAX_RETRIES; the date is the file's last commit."),
    Constant("sdk_initial_retry_delay_seconds", 0.5, "seconds",
             "Official Python SDKs: first backoff delay", ANTHROPIC_SDK,
             "anthropic-sdk-python src/anthropic/_constants.py (openai-python the same)",
             date(2026, 8, 7),
             "INITIAL_RETRY_DELAY, doubled per retry, times 1 - 0.25 * random()."),
    Constant("sdk_max_retry_delay_seconds", 8, "seconds",
             "Official Python SDKs: backoff cap", ANTHROPIC_SDK,
             "anthropic-sdk-python src/anthropic/_constants.py (openai-python the same)",
             date(2026, 8, 7), "MAX_RETRY_DELAY."),
    Constant("anthropic_sdk_retry_after_cap_seconds", 60, "seconds",
             "Anthropic Python SDK: longest retry-after it obeys", ANTHROPIC_SDK_CLIENT,
             "anthropic-sdk-python src/anthropic/_base_client.py (_calculate_retry_timeout)",
             date(2026, 8, 7),
             "A retry-after above this is ignored and the SDK's own backoff used instead."),
    Constant("openai_sdk_retry_after_cap_seconds", 120, "seconds",
             "OpenAI Python SDK: longest retry-after it obeys", OPENAI_SDK,
             "openai-python src/openai/_constants.py (MAX_RETRY_AFTER_DELAY)",
             date(2026, 8, 12),
             "Above it the SDK does not retry at all (_should_retry); it reads retry-after-ms "
             "first."),
    Constant("grpc_retry_budget_max_tokens", 10, "tokens",
             "gRPC retry throttling example: maxTokens", GRPC_A6,
             "gRPC proposal A6: gRPC Retry Design", date(2024, 8, 29),
             "Each failure takes 1, each success adds tokenRatio; no retries at or below "
             "half. The date is the file's last commit."),
    Constant("grpc_retry_budget_token_ratio", 0.1, "ratio",
             "gRPC retry throttling example: tokenRatio", GRPC_A6,
             "gRPC proposal A6: gRPC Retry Design", date(2024, 8, 29), "Same example."),
    Constant("azure_short_window_seconds", 1, "seconds",
             "Azure OpenAI: shortest evaluation period of a per-minute limit", AZURE_QUOTA,
             "Microsoft Learn: Manage Azure OpenAI quota", READ_ON,
             "Request rates are evaluated over 1 or 10 seconds; a 600-RPM deployment is "
             "limited above 10 requests in a 1-second period. Read in a copy of the docs "
             "repository. " + READ_NOTE, status="SECONDARY"),
    Constant("anthropic_short_window_example_rpm", 60, "requests per minute",
             "Anthropic: a per-minute limit enforced over seconds", ANTHROPIC_LIMITS,
             "Anthropic: Rate limits", READ_ON,
             "'60 RPM may be enforced as 1 request per second'; buckets refill continuously. "
             + READ_NOTE),
)
