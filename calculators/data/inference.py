"""Constants behind the inference models (guides 7 and 10): efficiencies, server defaults,
link bandwidths, and the published measurements the roofline and serving models are checked
against. Model shapes and accelerator datasheets live in the catalogs (models, accelerators).
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, READ_ON, Constant, register

KIPPLY_URL = (
    "https://github.com/cli99/llm-analysis/blob/main/examples/fastertransformer/README.md"
)
KIPPLY_TITLE = (
    "llm-analysis: Example Analyses with FasterTransformer (quoting kipply, "
    "Transformer Inference Arithmetic, 2022)"
)
KIPPLY_NOTE = (
    "Highest efficiency kipply observed when profiling FasterTransformer on A100 40 GB; "
    "used as this site's default for every case, never refitted. Secondary: quoted by "
    "llm-analysis. " + READ_NOTE
)
VLLM_CACHE_URL = "https://docs.vllm.ai/en/stable/api/vllm/config/cache/"
VLLM_CACHE_TITLE = "vLLM API reference: vllm.config.cache (CacheConfig)"
ARTICLE_URL = "https://www.databricks.com/blog/llm-inference-performance-engineering-best-practices"
DATABRICKS_TITLE = "Databricks: LLM Inference Performance Engineering: Best Practices"
DATABRICKS_NOTE = (
    "The post's worked example: a 7B model in 16-bit on hardware with 2 TB/s peak "
    "bandwidth. Read via an archived summary quoting the post."
)
TRT_URL = (
    "https://github.com/NVIDIA/TensorRT-LLM/blob/138f96d45f90b9667426f7c47297d8c06bafac73/"
    "docs/source/performance.md"
)
TRT_TITLE = "TensorRT-LLM: Performance of TensorRT-LLM (low-latency tables, data from v0.5)"
TRT_NOTE = (
    "Batch 1, LLaMA 7B, 2,048-token input, first-token latency (engine only, no network). "
)
NIM_URL = "https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance"
NIM_TITLE = "NVIDIA NIM for LLMs benchmarking: Performance (Llama-3.3-70b-instruct, NIM 1.8.0)"
NIM_NOTE = (
    "Two H100 80 GB, FP8, TP 2, 5,000 input and 500 output tokens, concurrency 1, measured "
    "with AIPerf from the client. " + READ_NOTE
)
DISTSERVE_URL = "https://hao-ai-lab.github.io/blogs/distserve/"
DISTSERVE_TITLE = "DistServe blog: Throughput is Not All You Need"
DISTSERVE_NOTE = ("The blog's own worked example of a KV transfer. Secondary: quoted in an "
                  "archived note. " + READ_NOTE)


def _c(key: str, value: float, unit: str, label: str, url: str, title: str, note: str,
       status: str = "VERIFIED", as_of: date = READ_ON) -> Constant:
    return Constant(key=key, value=value, unit=unit, label=label, source_url=url,
                    source_title=title, as_of=as_of, note=note, status=status)


register(
    # Efficiencies: one sourced default each, used for every prediction on the pages.
    _c("default_mfu_ratio", 0.7, "ratio", "Default model FLOP/s utilisation (prefill)",
       KIPPLY_URL, KIPPLY_TITLE, KIPPLY_NOTE, "SECONDARY"),
    _c("default_mbu_ratio", 0.9, "ratio", "Default memory-bandwidth utilisation (decode)",
       KIPPLY_URL, KIPPLY_TITLE, KIPPLY_NOTE, "SECONDARY"),
    # vLLM defaults.
    _c("vllm_gpu_memory_utilization_ratio", 0.92, "ratio",
       "vLLM default share of GPU memory it may use", VLLM_CACHE_URL, VLLM_CACHE_TITLE,
       "gpu_memory_utilization default in current releases (0.9 in older ones). " + READ_NOTE),
    _c("vllm_block_size_tokens", 16, "tokens", "vLLM default KV-cache block size",
       VLLM_CACHE_URL, VLLM_CACHE_TITLE,
       "CacheConfig.DEFAULT_BLOCK_SIZE; 1, 8, 16, 32, 64 and 128 allowed. " + READ_NOTE),
    _c("vllm_paged_waste_ratio", 0.04, "ratio",
       "PagedAttention: measured memory waste stays under this share",
       "https://blog.vllm.ai/2023/06/20/vllm.html",
       "vLLM: Easy, Fast, and Cheap LLM Serving with PagedAttention (blog)",
       "Waste only in the last block of each sequence; the post says under 4%.",
       as_of=date(2023, 6, 20)),
    # Published measurements and worked examples.
    # kipply's TP 2 run (kipply_13b_tp2_*) is recorded once, in calculators/data/latency.py.
    # (kipply_13b_tp2_prefill_seconds and kipply_13b_tp2_tpot_seconds: in data/latency.py.)
    _c("databricks_7b_tpot_seconds", 0.014, "seconds",
       "Databricks example: time per output token of a 7B model", ARTICLE_URL,
       DATABRICKS_TITLE, DATABRICKS_NOTE, "SECONDARY", date(2023, 10, 12)),
    _c("databricks_7b_weight_bytes", 14e9, "bytes", "Databricks example: 7B model weights",
       ARTICLE_URL, DATABRICKS_TITLE, DATABRICKS_NOTE, "SECONDARY", date(2023, 10, 12)),
    _c("databricks_peak_bandwidth_bytes_per_second", 2e12, "bytes per second",
       "Databricks example: peak memory bandwidth", ARTICLE_URL, DATABRICKS_TITLE,
       DATABRICKS_NOTE, "SECONDARY", date(2023, 10, 12)),
    _c("databricks_7b_mbu_ratio", 0.5, "ratio", "Databricks example: the MBU it reports",
       ARTICLE_URL, DATABRICKS_TITLE, DATABRICKS_NOTE, "SECONDARY", date(2023, 10, 12)),
    _c("trtllm_llama7b_a100_ttft_seconds", 0.133, "seconds",
       "TensorRT-LLM: LLaMA 7B first-token latency, A100, FP16", TRT_URL, TRT_TITLE,
       TRT_NOTE + READ_NOTE),
    _c("trtllm_llama7b_h100_ttft_seconds", 0.036, "seconds",
       "TensorRT-LLM: LLaMA 7B first-token latency, H100, FP8", TRT_URL, TRT_TITLE,
       TRT_NOTE + READ_NOTE),
    _c("trtllm_prompt_tokens", 2048, "tokens", "TensorRT-LLM low-latency table: input length",
       TRT_URL, TRT_TITLE, TRT_NOTE + READ_NOTE),
    _c("nim_llama70b_tp2_ttft_seconds", 0.40677, "seconds",
       "NIM: Llama-3.3-70B TTFT, two H100, FP8, 5,000-token prompt", NIM_URL, NIM_TITLE,
       NIM_NOTE),
    _c("nim_llama70b_tp2_itl_seconds", 0.01858, "seconds",
       "NIM: Llama-3.3-70B inter-token latency, two H100, FP8", NIM_URL, NIM_TITLE, NIM_NOTE),
    _c("nim_prompt_tokens", 5000, "tokens", "NIM table: input tokens", NIM_URL, NIM_TITLE,
       NIM_NOTE),
    _c("nim_output_tokens", 500, "tokens", "NIM table: output tokens", NIM_URL, NIM_TITLE,
       NIM_NOTE),
    _c("distserve_prompt_tokens", 2048, "tokens", "DistServe example: prompt length",
       DISTSERVE_URL, DISTSERVE_TITLE, DISTSERVE_NOTE, "SECONDARY"),
    _c("distserve_kv_bytes_per_token", 4.5e6, "bytes", "DistServe example: KV bytes per token",
       DISTSERVE_URL, DISTSERVE_TITLE, DISTSERVE_NOTE, "SECONDARY"),
    _c("distserve_link_bytes_per_second", 8 * 64e9, "bytes per second",
       "DistServe example: eight links of 64 GB/s", DISTSERVE_URL, DISTSERVE_TITLE,
       DISTSERVE_NOTE, "SECONDARY"),
    _c("distserve_kv_transfer_seconds", 0.0176, "seconds",
       "DistServe: KV transfer of a 2,048-token prompt at 4.5 MB/token over 8 × 64 GB/s",
       DISTSERVE_URL, DISTSERVE_TITLE, DISTSERVE_NOTE, "SECONDARY"),
)

CX7_URL = "https://docs.nvidia.com/networking/display/ConnectX7VPI/Introduction"
CX7_TITLE = "NVIDIA ConnectX-7 adapter cards user manual: Introduction"
register(
    # Links a prefill server can hand its KV cache over (bytes per second, one direction, per GPU).
    _c("link_nvlink4_bytes_per_second", 450e9, "bytes per second",
       "NVLink 4 (H100), one direction per GPU",
       "https://www.nvidia.com/en-us/data-center/h100/", "NVIDIA H100 Tensor Core GPU",
       "900 GB/s total GPU-to-GPU bandwidth, half in each direction (REFERENCES part 1.1). "
       + READ_NOTE, "DERIVED"),
    _c("link_infiniband_ndr_bytes_per_second", 50e9, "bytes per second",
       "InfiniBand NDR, one 400 Gbit/s port per GPU", CX7_URL, CX7_TITLE,
       "Single-port NDR 400 Gb/s card; 400e9 / 8 bytes per second. " + READ_NOTE, "DERIVED"),
    _c("link_roce_400g_bytes_per_second", 50e9, "bytes per second",
       "RoCE over 400 GbE, one port per GPU", CX7_URL, CX7_TITLE,
       "Same card in Ethernet mode (400GbE); 400e9 / 8 bytes per second. " + READ_NOTE,
       "DERIVED"),
    _c("link_efa_p5_bytes_per_second", 50e9, "bytes per second",
       "AWS EFA on p5.48xlarge, per GPU",
       "https://aws.amazon.com/ec2/instance-types/p5/", "Amazon EC2 P5 instances",
       "3,200 Gbit/s of EFA per instance shared by 8 GPUs; quoted from AWS's product page, "
       "not re-read in an archived copy. " + READ_NOTE, "SECONDARY"),
    _c("link_pcie5_x16_bytes_per_second", 64e9, "bytes per second",
       "PCIe 5.0 x16, one direction", "https://firmwaresecurity.com/2019/05/31/pcie-5-0-spec-released/",
       "PCIe 5.0 specification released (quoting PCI-SIG's announcement)",
       "32 GT/s per lane, up to 128 GB/s both directions over x16; half each way.",
       "SECONDARY", date(2019, 5, 31)),
)

register(
    _c("blis_roofline_capacity_overestimate_ratio", 0.22, "ratio",
       "BLIS simulator: capacity overestimate of a model with no inter-step overhead",
       "https://github.com/inference-sim/inference-sim/issues/489",
       "inference-sim (BLIS) issue #489: design of a corrected roofline latency model",
       "The design note's own figure ('overestimates capacity by ~22%'), traced to its zero "
       "inter-step overhead (issue #482: scheduling and input preparation take milliseconds "
       "per vLLM step).", as_of=date(2026, 3, 5)),
)
