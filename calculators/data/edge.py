"""Sourced constants for on-device against cloud inference (guide 14).

Measured on-device figures keep their conditions in the note (runtime, backend, prompt, device),
so a page can show each beside the bandwidth bound with the share of it that it reaches.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, Constant, register

FIBRE = "https://mapyourtech.com/the-5-microsecond-rule-fiber-propagation-latency-per-kilometer/"
APPLE = "https://machinelearning.apple.com/research/introducing-apple-foundation-models"
EXECUTORCH = ("https://github.com/pytorch/executorch/blob/main/examples/models/llama/README.md")
QUALCOMM = "https://aihub.qualcomm.com/models/llama_v3_8b_instruct"
NORMIEBENCH = "https://github.com/brand-o/normiebench/issues/3"
READ_DAY = date(2026, 12, 1)
ET_TITLE = "pytorch/executorch: examples/models/llama README"
ET_DATE = date(2025, 1, 1)
ET_NOTE = ("ExecuTorch on the phone's CPU (XNNPACK with KleidiAI), 64-token prompt; the README "
           "gives no day, the date is the year of its tables. ")

register(
    Constant("fibre_light_speed_metres_per_second", 204_190_000, "metres per second",
             "Light in single-mode fibre", FIBRE,
             "MapYourTech: the 5-microsecond rule (fibre propagation per km)", READ_DAY,
             "Group index about 1.468 at 1,550 nm: 4.9 µs per km one way. Real routes run "
             "longer than the straight line; enter the fibre path length. " + READ_NOTE,
             "SECONDARY"),
    Constant("apple_ondevice_prefill_seconds_per_token", 0.0006, "seconds",
             "Apple on-device model: time to first token per prompt token", APPLE,
             "Apple ML Research: Introducing Apple's On-Device and Server Foundation Models",
             date(2024, 6, 10), "iPhone 15 Pro, about 3B parameters, before speculative "
             "decoding."),
    Constant("apple_ondevice_decode_tokens_per_second", 30, "tokens per second",
             "Apple on-device model: generation rate", APPLE,
             "Apple ML Research: Introducing Apple's On-Device and Server Foundation Models",
             date(2024, 6, 10), "iPhone 15 Pro, before speculative decoding."),
    Constant("apple_ondevice_params", 3e9, "parameters",
             "Apple on-device model: parameters", APPLE,
             "Apple ML Research: Introducing Apple's On-Device and Server Foundation Models",
             date(2024, 6, 10), "About 3 billion."),
    Constant("apple_ondevice_bits_per_weight", 3.7, "bits per weight",
             "Apple on-device model: bits per weight", APPLE,
             "Apple ML Research: Introducing Apple's On-Device and Server Foundation Models",
             date(2024, 6, 10), "Mixed 2-bit and 4-bit palettes, 3.5 to 3.7 bits on average; "
             "the upper figure is used."),
    Constant("qualcomm_llama3_8b_w4a16_bytes", 4.8e9, "bytes",
             "Llama 3 8B, 4-bit weights: model size", QUALCOMM,
             "Qualcomm AI Hub: Llama-v3-8B-Chat", READ_DAY,
             "w4a16, context 4,096. Used as the bytes a 4-bit 8B model reads per token. "
             + READ_NOTE,
             "SECONDARY"),
    Constant("et_llama32_1b_spinquant_tokens_per_second", 50.2, "tokens per second",
             "ExecuTorch Llama 3.2 1B SpinQuant, OnePlus 12: decode", EXECUTORCH, ET_TITLE,
             ET_DATE, ET_NOTE + "Snapdragon 8 Gen 3."),
    Constant("et_llama32_1b_spinquant_prefill_tokens_per_second", 260.5, "tokens per second",
             "ExecuTorch Llama 3.2 1B SpinQuant, OnePlus 12: prefill", EXECUTORCH, ET_TITLE,
             ET_DATE, ET_NOTE + "Time to first token 0.3 s."),
    Constant("et_llama32_1b_spinquant_file_bytes", 1083 * 2**20, "bytes",
             "ExecuTorch Llama 3.2 1B SpinQuant: model file", EXECUTORCH, ET_TITLE, ET_DATE,
             "1,083 MiB, the bytes read per generated token (less the KV cache)."),
    Constant("et_llama32_1b_bf16_tokens_per_second", 19.2, "tokens per second",
             "ExecuTorch Llama 3.2 1B BF16, OnePlus 12: decode", EXECUTORCH, ET_TITLE,
             ET_DATE, ET_NOTE + "Weights in BF16 (2 bytes each)."),
    Constant("et_llama32_3b_bf16_tokens_per_second", 7.6, "tokens per second",
             "ExecuTorch Llama 3.2 3B BF16, OnePlus 12: decode", EXECUTORCH, ET_TITLE,
             ET_DATE, ET_NOTE + "Weights in BF16 (2 bytes each)."),
    Constant("et_llama3_8b_int4_s24_tokens_per_second", 10.91, "tokens per second",
             "ExecuTorch Llama 3 8B 4-bit, Galaxy S24: decode", EXECUTORCH, ET_TITLE,
             ET_DATE, "4-bit groupwise weights (group 128) on the phone's CPU; the S24 "
             "variant with Snapdragon 8 Gen 3."),
    Constant("et_llama3_8b_int4_oneplus12_tokens_per_second", 10.85, "tokens per second",
             "ExecuTorch Llama 3 8B 4-bit, OnePlus 12: decode", EXECUTORCH, ET_TITLE,
             ET_DATE, "4-bit groupwise weights (group 128); Snapdragon 8 Gen 3."),
    Constant("llamacpp_m4_llama31_8b_q4km_prefill_tokens_per_second", 224.81,
             "tokens per second", "llama.cpp Llama 3.1 8B Q4_K_M, Mac mini M4: prefill",
             NORMIEBENCH, "normiebench result: Mac Mini M4, 20.9 t/s", date(2026, 3, 8),
             "pp512: a 512-token prompt, llama.cpp with Metal. A community submission.",
             "SECONDARY"),
    Constant("llamacpp_m4_llama31_8b_q4km_tokens_per_second", 20.87, "tokens per second",
             "llama.cpp Llama 3.1 8B Q4_K_M, Mac mini M4: decode", NORMIEBENCH,
             "normiebench result: Mac Mini M4, 20.9 t/s", date(2026, 3, 8),
             "llama.cpp with Metal, tg128 (128 generated tokens), 16 GB M4; pp512 was "
             "224.81 t/s. A community submission, not a vendor figure.", "SECONDARY"),
)
