"""Model shapes: layers, heads, KV heads, head size, MLA and sliding-window details.

Each :class:`~calculators.data.records.ModelSpec` is read from the model's published
``config.json`` (the Hugging Face repository named in ``source_url``) or its paper. The
values were read in archived copies of those files; ``status`` says VERIFIED where the copy
reproduced the file itself and SECONDARY where only a quotation or a re-typed table was seen.
``params_total`` (and ``params_active`` for mixture-of-experts models) is counted from the
tensor shapes the config implies (DERIVED; it matches the totals the model cards print) except
for DeepSeek-V3, whose counts come from its technical report. ``as_of`` is the release date the
model card states.
"""

from __future__ import annotations

from datetime import date

from calculators.data.catalog_records import ModelSpec, catalog, lookup

__all__ = ["MODELS", "model"]

_HF = "https://huggingface.co/{}/blob/main/config.json"
_COUNTED = (
    " params_total counted from the config's tensor shapes (embeddings, attention, MLP, norms)."
)

MODELS: dict[str, ModelSpec] = catalog("model", [
    ModelSpec(
        key="llama-2-7b", name="Llama-2-7B", params_total=6_738_415_616,
        params_active=6_738_415_616, num_layers=32, hidden_size=4096, num_attention_heads=32,
        num_kv_heads=32, head_dim=128, attention="mha", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=4096, native_dtype="fp16", vocab_size=32_000,
        source_url=_HF.format("meta-llama/Llama-2-7b-hf"),
        source_title="meta-llama/Llama-2-7b-hf config.json", as_of=date(2023, 7, 18),
        status="VERIFIED",
        note="Base model; the shape matches NVIDIA's 'Mastering LLM Techniques' KV example "
             "(32 layers, 32 heads, 128 head size). config torch_dtype float16." + _COUNTED,
    ),
    ModelSpec(
        key="llama-2-13b", name="Llama-2-13B", params_total=13_015_864_320,
        params_active=13_015_864_320, num_layers=40, hidden_size=5120, num_attention_heads=40,
        num_kv_heads=40, head_dim=128, attention="mha", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=4096, native_dtype="fp16", vocab_size=32_000,
        source_url=_HF.format("meta-llama/Llama-2-13b-hf"),
        source_title="meta-llama/Llama-2-13b-hf config.json", as_of=date(2023, 7, 18),
        status="VERIFIED",
        note="Base model; the JAX scaling book's LLaMA-2-13B table uses the same shape "
             "(40 layers, 40 KV heads, 128 head size)." + _COUNTED,
    ),
    ModelSpec(
        key="llama-3.1-8b", name="Llama-3.1-8B", params_total=8_030_261_248,
        params_active=8_030_261_248, num_layers=32, hidden_size=4096, num_attention_heads=32,
        num_kv_heads=8, head_dim=128, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=131_072, native_dtype="bf16", vocab_size=128_256,
        source_url=_HF.format("meta-llama/Llama-3.1-8B"),
        source_title="meta-llama/Llama-3.1-8B config.json", as_of=date(2024, 7, 23),
        status="VERIFIED",
        note="Base and Instruct share the shape; context is max_position_embeddings "
             "(llama3 RoPE scaling from 8,192)." + _COUNTED,
    ),
    ModelSpec(
        key="llama-3.1-70b", name="Llama-3.1-70B", params_total=70_553_706_496,
        params_active=70_553_706_496, num_layers=80, hidden_size=8192, num_attention_heads=64,
        num_kv_heads=8, head_dim=128, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=131_072, native_dtype="bf16", vocab_size=128_256,
        source_url=_HF.format("meta-llama/Llama-3.1-70B"),
        source_title="meta-llama/Llama-3.1-70B config.json", as_of=date(2024, 7, 23),
        status="SECONDARY",
        note="Read in a re-typed table of the config (oumi Llama 3.1 recipes) and the Llama 3 "
             "Herd paper's Table 3 as quoted; file itself not seen." + _COUNTED,
    ),
    ModelSpec(
        key="llama-3.1-405b", name="Llama-3.1-405B", params_total=405_853_388_800,
        params_active=405_853_388_800, num_layers=126, hidden_size=16_384,
        num_attention_heads=128, num_kv_heads=8, head_dim=128, attention="gqa",
        kv_lora_rank=None, qk_rope_head_dim=None, sliding_window_tokens=None,
        num_sliding_window_layers=0, context_window_tokens=131_072, native_dtype="bf16",
        vocab_size=128_256, source_url=_HF.format("meta-llama/Llama-3.1-405B"),
        source_title="meta-llama/Llama-3.1-405B config.json", as_of=date(2024, 7, 23),
        status="SECONDARY",
        note="Shape from the Llama 3 Herd paper's Table 3 as quoted (126 layers, 8 KV heads); "
             "Meta also ships an FP8 variant. MLP size 53,248 for the count." + _COUNTED,
    ),
    ModelSpec(
        key="llama-3.2-1b", name="Llama-3.2-1B", params_total=1_235_814_400,
        params_active=1_235_814_400, num_layers=16, hidden_size=2048, num_attention_heads=32,
        num_kv_heads=8, head_dim=64, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=131_072, native_dtype="bf16", vocab_size=128_256,
        source_url=_HF.format("meta-llama/Llama-3.2-1B"),
        source_title="meta-llama/Llama-3.2-1B config.json", as_of=date(2024, 9, 25),
        status="VERIFIED",
        note="On-device size; input and output embeddings are tied (counted once)." + _COUNTED,
    ),
    ModelSpec(
        key="llama-3.2-3b", name="Llama-3.2-3B", params_total=3_212_749_824,
        params_active=3_212_749_824, num_layers=28, hidden_size=3072, num_attention_heads=24,
        num_kv_heads=8, head_dim=128, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=131_072, native_dtype="bf16", vocab_size=128_256,
        source_url=_HF.format("meta-llama/Llama-3.2-3B"),
        source_title="meta-llama/Llama-3.2-3B config.json", as_of=date(2024, 9, 25),
        status="VERIFIED",
        note="On-device size; tied embeddings (counted once)." + _COUNTED,
    ),
    ModelSpec(
        key="mistral-7b", name="Mistral-7B-v0.1", params_total=7_241_732_096,
        params_active=7_241_732_096, num_layers=32, hidden_size=4096, num_attention_heads=32,
        num_kv_heads=8, head_dim=128, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=4096, num_sliding_window_layers=32,
        context_window_tokens=8192, native_dtype="bf16", vocab_size=32_000,
        source_url=_HF.format("mistralai/Mistral-7B-v0.1"),
        source_title="mistralai/Mistral-7B-v0.1 config.json", as_of=date(2023, 9, 27),
        status="SECONDARY",
        note="v0.1: every layer uses a 4,096-token sliding window, so the KV cache stops "
             "growing at 4,096 tokens; context 8,192 is Mistral's reference params "
             "(config max_position_embeddings says 32,768). v0.2 and later drop the window."
             + _COUNTED,
    ),
    ModelSpec(
        key="mixtral-8x7b", name="Mixtral-8x7B-v0.1", params_total=46_702_792_704,
        params_active=12_879_925_248, num_layers=32, hidden_size=4096,
        num_attention_heads=32, num_kv_heads=8, head_dim=128, attention="gqa",
        kv_lora_rank=None, qk_rope_head_dim=None, sliding_window_tokens=None,
        num_sliding_window_layers=0, context_window_tokens=32_768, native_dtype="bf16",
        vocab_size=32_000, source_url=_HF.format("mistralai/Mixtral-8x7B-v0.1"),
        source_title="mistralai/Mixtral-8x7B-v0.1 config.json", as_of=date(2023, 12, 11),
        status="VERIFIED",
        note="Mixture of experts: 8 experts per layer, 2 active per token (active count "
             "uses two experts' MLPs; the paper rounds to 46.7B / 12.9B). Full attention over "
             "32,768 tokens (the paper: no sliding window)." + _COUNTED,
    ),
    ModelSpec(
        key="qwen2.5-7b", name="Qwen2.5-7B", params_total=7_615_616_512,
        params_active=7_615_616_512, num_layers=28, hidden_size=3584, num_attention_heads=28,
        num_kv_heads=4, head_dim=128, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=131_072, native_dtype="bf16", vocab_size=152_064,
        source_url=_HF.format("Qwen/Qwen2.5-7B"),
        source_title="Qwen/Qwen2.5-7B config.json", as_of=date(2024, 9, 19),
        status="SECONDARY",
        note="Shape seen in a printed module tree and layer table (q 3,584, k/v 512 wide); "
             "use_sliding_window is false in the config, so every layer is full attention. "
             "Context as the base model card states; attention has QKV bias." + _COUNTED,
    ),
    ModelSpec(
        key="qwen2.5-72b", name="Qwen2.5-72B", params_total=72_706_203_648,
        params_active=72_706_203_648, num_layers=80, hidden_size=8192, num_attention_heads=64,
        num_kv_heads=8, head_dim=128, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=None, num_sliding_window_layers=0,
        context_window_tokens=131_072, native_dtype="bf16", vocab_size=152_064,
        source_url=_HF.format("Qwen/Qwen2.5-72B"),
        source_title="Qwen/Qwen2.5-72B config.json", as_of=date(2024, 9, 19),
        status="VERIFIED",
        note="use_sliding_window false (full attention); the Instruct config says 32,768 "
             "positions, the base model card 131,072 (used here)." + _COUNTED,
    ),
    ModelSpec(
        key="deepseek-v3", name="DeepSeek-V3", params_total=671_000_000_000,
        params_active=37_000_000_000, num_layers=61, hidden_size=7168,
        num_attention_heads=128, num_kv_heads=128, head_dim=128, attention="mla",
        kv_lora_rank=512, qk_rope_head_dim=64, sliding_window_tokens=None,
        num_sliding_window_layers=0, context_window_tokens=131_072, native_dtype="fp8",
        vocab_size=129_280, source_url=_HF.format("deepseek-ai/DeepSeek-V3"),
        source_title="deepseek-ai/DeepSeek-V3 config.json and technical report (arXiv 2412.19437)",
        as_of=date(2024, 12, 26), status="VERIFIED",
        note="Multi-head latent attention: the cache holds a 512-wide latent plus a 64-wide "
             "RoPE key per layer and token, not per-head K and V (head_dim is the no-RoPE "
             "query/key width, 128). 256 routed + 1 shared expert, 8 routed active. Weights "
             "ship in FP8; counts (671B total, 37B active) from the report, without the 14B "
             "multi-token-prediction module. Context 128K per the report (config positions "
             "163,840).",
    ),
    ModelSpec(
        key="gemma-2-9b", name="Gemma-2-9B", params_total=9_241_705_984,
        params_active=9_241_705_984, num_layers=42, hidden_size=3584, num_attention_heads=16,
        num_kv_heads=8, head_dim=256, attention="gqa", kv_lora_rank=None,
        qk_rope_head_dim=None, sliding_window_tokens=4096, num_sliding_window_layers=21,
        context_window_tokens=8192, native_dtype="bf16", vocab_size=256_000,
        source_url=_HF.format("google/gemma-2-9b"),
        source_title="google/gemma-2-9b config.json", as_of=date(2024, 6, 27),
        status="VERIFIED",
        note="Layers alternate local (4,096-token sliding window) and global attention, so "
             "half of the 42 layers (21) cap their KV cache at 4,096 tokens. Head size 256 "
             "(not hidden/heads). Tied embeddings. dtype bf16 as the Gemma 2 report trains it; "
             "the dtype line of the base repository's config was not seen." + _COUNTED,
    ),
])


def model(key: str) -> ModelSpec:
    """The model spec for ``key`` (KeyError listing the known keys)."""
    return lookup("model", MODELS, key)
