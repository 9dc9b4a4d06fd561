"""Accelerators and devices: memory, bandwidth, dense FLOP/s per dtype, interconnect.

Units: bytes (GB = 10^9 as the datasheets mean it), bytes per second, FLOP/s. Datasheets print
tensor-core peaks "with sparsity" (2:4 structured) beside or instead of dense ones; every figure
here is **dense** (the sparse figure halved where only that was printed, said in the note).
Where a datasheet and a secondary copy disagree, the record keeps the datasheet figure and says
what the other source states in ``alternate``. Apple does not publish per-dtype FLOP/s for its
GPUs, so those records carry bandwidth and memory only; decode on a device is bandwidth-bound.
"""

from __future__ import annotations

from datetime import date

from calculators.data.catalog_records import Accelerator, catalog, lookup
from calculators.data.records import READ_NOTE, READ_ON

__all__ = ["ACCELERATORS", "accelerator"]

GB = 1e9

_H100 = "https://www.nvidia.com/en-us/data-center/h100/"
_BOOK = "https://jax-ml.github.io/scaling-book/gpus/"
_BOOK_TITLE = "How to Scale Your Model: How to Think About GPUs (JAX scaling book)"

ACCELERATORS: dict[str, Accelerator] = catalog("accelerator", [
    Accelerator(
        key="h100-sxm", name="NVIDIA H100 SXM", vendor="NVIDIA", sku="H100 SXM5 80GB",
        form_factor="SXM5", kind="gpu", memory_bytes=80 * GB,
        memory_bandwidth_bytes_per_second=3_350 * GB,
        dense_flops_per_second={"fp16": 989.4e12, "bf16": 989.4e12,
                                "fp8": 1978.9e12, "int8": 1978.9e12},
        interconnect_name="NVLink 4", interconnect_bytes_per_second=900 * GB,
        source_url=_H100, source_title="NVIDIA H100 Tensor Core GPU datasheet",
        as_of=READ_ON, status="VERIFIED",
        note=READ_NOTE + " HBM3. Datasheet prints sparse peaks (1,979 BF16, 3,958 FP8); dense are half, as "
             "the JAX scaling book and glennklockwood.com's H100 page state. NVLink total "
             "GPU-to-GPU bandwidth.",
        alternate="The JAX scaling book rounds bandwidth to 3.4e12 B/s.",
    ),
    Accelerator(
        key="h100-pcie", name="NVIDIA H100 PCIe", vendor="NVIDIA", sku="H100 PCIe 80GB",
        form_factor="PCIe dual-slot", kind="gpu", memory_bytes=80 * GB,
        memory_bandwidth_bytes_per_second=2_000 * GB,
        dense_flops_per_second={"fp16": 756.5e12, "bf16": 756.5e12,
                                "fp8": 1513e12, "int8": 1513e12},
        interconnect_name="PCIe Gen5 x16", interconnect_bytes_per_second=128 * GB,
        source_url=_H100, source_title="NVIDIA H100 Tensor Core GPU datasheet (PCIe column)",
        as_of=READ_ON, status="SECONDARY",
        note=READ_NOTE + " HBM2e. Read in an archived copy of NVIDIA's spec table (sparse 1,513 BF16 and "
             "3,026 FP8, halved). PCIe Gen5 x16 is 128 GB/s both directions together; an "
             "NVLink bridge pairs two cards at 600 GB/s.",
        alternate="Some resellers list 2.04 TB/s; the datasheet column says 2 TB/s.",
    ),
    Accelerator(
        key="h200", name="NVIDIA H200 SXM", vendor="NVIDIA", sku="H200 SXM 141GB",
        form_factor="SXM5", kind="gpu", memory_bytes=141 * GB,
        memory_bandwidth_bytes_per_second=4_800 * GB,
        dense_flops_per_second={"fp16": 989.4e12, "bf16": 989.4e12,
                                "fp8": 1978.9e12, "int8": 1978.9e12},
        interconnect_name="NVLink 4", interconnect_bytes_per_second=900 * GB,
        source_url="https://www.nvidia.com/en-us/data-center/h200/",
        source_title="NVIDIA H200 Tensor Core GPU", as_of=READ_ON,
        status="VERIFIED",
        note=READ_NOTE + " HBM3e; same compute die as H100 SXM. The JAX scaling book table gives 9.9e14 "
             "BF16 and 2.0e15 FP8 dense, 141 GB, 4.8e12 B/s.",
    ),
    Accelerator(
        key="b200", name="NVIDIA B200", vendor="NVIDIA", sku="B200 (HGX) 192GB",
        form_factor="SXM (HGX B200)", kind="gpu", memory_bytes=192 * GB,
        memory_bandwidth_bytes_per_second=8_000 * GB,
        dense_flops_per_second={"fp16": 2250e12, "bf16": 2250e12,
                                "fp8": 4500e12, "int8": 4500e12},
        interconnect_name="NVLink 5", interconnect_bytes_per_second=1800 * GB,
        source_url=_BOOK, source_title=_BOOK_TITLE, as_of=date(2025, 8, 18),
        status="VERIFIED",
        note="The book's table (8.0e12 B/s, 2.3e15 BF16 and 4.5e15 FP8 dense, FP4 9.0e15); "
             "BF16 kept at NVIDIA's 2.25 PFLOPS that the book rounds. HBM3e. NVLink 5 is "
             "1.8 TB/s per GPU.",
        alternate="The same book's prose says 9 TB/s; NVIDIA's DGX B200 totals imply 180 GB "
                  "per GPU as shipped. The table values are used and the prose flagged.",
    ),
    Accelerator(
        key="a100-40gb", name="NVIDIA A100 40GB", vendor="NVIDIA", sku="A100 SXM4 40GB",
        form_factor="SXM4", kind="gpu", memory_bytes=40 * GB,
        memory_bandwidth_bytes_per_second=1_555 * GB,
        dense_flops_per_second={"fp16": 312e12, "bf16": 312e12,
                                "int8": 624e12, "int4": 1248e12},
        interconnect_name="NVLink 3", interconnect_bytes_per_second=600 * GB,
        source_url="https://www.nvidia.com/en-us/data-center/a100/",
        source_title="NVIDIA A100 Tensor Core GPU datasheet", as_of=READ_ON,
        status="SECONDARY",
        note=READ_NOTE + " HBM2. Bandwidth from an archived GPU catalog (bandwidth_a100 = 1.555e12); no "
             "FP8 on Ampere. INT8/INT4 are TOPS (operations, not FLOPs).",
        alternate="kipply's inference article rounds to 1.5e12 B/s; the 80 GB part has "
                  "2,039 GB/s (next record).",
    ),
    Accelerator(
        key="a100-80gb", name="NVIDIA A100 80GB", vendor="NVIDIA", sku="A100 SXM4 80GB",
        form_factor="SXM4", kind="gpu", memory_bytes=80 * GB,
        memory_bandwidth_bytes_per_second=2_039 * GB,
        dense_flops_per_second={"fp16": 312e12, "bf16": 312e12,
                                "int8": 624e12, "int4": 1248e12},
        interconnect_name="NVLink 3", interconnect_bytes_per_second=600 * GB,
        source_url="https://www.nvidia.com/en-us/data-center/a100/",
        source_title="NVIDIA A100 Tensor Core GPU datasheet", as_of=READ_ON,
        status="VERIFIED",
        note=READ_NOTE + " HBM2e, SXM 80 GB column (the PCIe 80 GB card has 1,935 GB/s). The JAX scaling "
             "book's table rounds to 2.0e12 B/s and 3.1e14 BF16.",
        alternate="The JAX scaling book rounds bandwidth to 2.0e12 B/s.",
    ),
    Accelerator(
        key="l40s", name="NVIDIA L40S", vendor="NVIDIA", sku="L40S 48GB",
        form_factor="PCIe dual-slot", kind="gpu", memory_bytes=48 * GB,
        memory_bandwidth_bytes_per_second=864 * GB,
        dense_flops_per_second={"fp16": 362.05e12, "bf16": 362.05e12,
                                "fp8": 733e12},
        interconnect_name="PCIe Gen4 x16", interconnect_bytes_per_second=64 * GB,
        source_url="https://www.nvidia.com/en-us/data-center/l40s/",
        source_title="NVIDIA L40S datasheet", as_of=READ_ON, status="SECONDARY",
        note="GDDR6 with ECC; no NVLink. Read in a reseller's copy of the datasheet table "
             "(dense 362.05 BF16, 733 FP8; starred sparse 733 and 1,466). " + READ_NOTE,
        alternate="gpu.blog lists BF16 dense as 183.2 TFLOPS, half the datasheet figure.",
    ),
    Accelerator(
        key="l4", name="NVIDIA L4", vendor="NVIDIA", sku="L4 24GB",
        form_factor="PCIe low-profile single-slot", kind="gpu", memory_bytes=24 * GB,
        memory_bandwidth_bytes_per_second=300 * GB,
        dense_flops_per_second={"fp16": 121e12, "bf16": 121e12,
                                "fp8": 242.5e12, "int8": 242.5e12},
        interconnect_name="PCIe Gen4 x16", interconnect_bytes_per_second=64 * GB,
        source_url="https://www.nvidia.com/en-us/data-center/l4/",
        source_title="NVIDIA L4 Tensor Core GPU datasheet", as_of=READ_ON,
        status="SECONDARY",
        note="GDDR6, 72 W. No datasheet copy was read: grokipedia and aiwiki.ai quote 242 "
             "TFLOPS FP16 and 485 FP8 with sparsity; dense is half (DERIVED). " + READ_NOTE,
    ),
    Accelerator(
        key="mi300x", name="AMD Instinct MI300X", vendor="AMD", sku="MI300X 192GB",
        form_factor="OAM", kind="gpu", memory_bytes=192 * GB,
        memory_bandwidth_bytes_per_second=5_300 * GB,
        dense_flops_per_second={"fp16": 1307.4e12, "bf16": 1307.4e12,
                                "fp8": 2614.9e12, "int8": 2614.9e12},
        interconnect_name="xGMI, 7 links", interconnect_bytes_per_second=896 * GB,
        source_url="https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html",
        source_title="AMD Instinct MI300X accelerator specifications", as_of=READ_ON,
        status="SECONDARY",
        note=READ_NOTE + " Launched 2023-12-06. HBM3, 750 W. Dense peaks as AMD's specifications list them, read in copies "
             "(aiwiki.ai, localaimaster: ~1.3 PFLOPS BF16, ~2.6 FP8); AMD's sparse figures "
             "are double. xGMI (AMD's GPU-to-GPU fabric): 7 links of 128 GB/s, peer to peer.",
        alternate="codesota.com labels 2,615 TFLOPS as dense FP16 (that is AMD's sparse "
                  "FP16 or dense FP8 figure); gpu.blog lists 5.2 TB/s.",
    ),
    Accelerator(
        key="apple-m4-pro", name="Apple M4 Pro", vendor="Apple", sku="M4 Pro (up to 64GB)",
        form_factor="laptop/desktop SoC (unified memory)", kind="soc", memory_bytes=64 * GB,
        memory_bandwidth_bytes_per_second=273 * GB, dense_flops_per_second={},
        interconnect_name="Thunderbolt 5", interconnect_bytes_per_second=None,
        source_url="https://www.apple.com/newsroom/2024/10/new-macbook-pro-features-m4-family-of-chips-and-apple-intelligence/",
        source_title="Apple: new MacBook Pro features M4 family of chips", as_of=date(2024, 10, 30),
        status="SECONDARY",
        note="Unified memory shared by CPU, GPU and Neural Engine; 64 GB is the largest "
             "configuration. Read via press copies (MacRumors, TechCrunch). Apple publishes no "
             "per-dtype GPU FLOP/s.",
    ),
    Accelerator(
        key="apple-m4-max", name="Apple M4 Max", vendor="Apple", sku="M4 Max 16-core CPU (up to 128GB)",
        form_factor="laptop/desktop SoC (unified memory)", kind="soc", memory_bytes=128 * GB,
        memory_bandwidth_bytes_per_second=546 * GB, dense_flops_per_second={},
        interconnect_name="Thunderbolt 5", interconnect_bytes_per_second=None,
        source_url="https://www.apple.com/newsroom/2024/10/new-macbook-pro-features-m4-family-of-chips-and-apple-intelligence/",
        source_title="Apple: new MacBook Pro features M4 family of chips", as_of=date(2024, 10, 30),
        status="SECONDARY",
        note="'Up to 546 GB/s' is the top binned part; the 14-core CPU M4 Max has 410 GB/s. "
             "128 GB is the largest configuration. Read via press copies.",
    ),
    Accelerator(
        key="apple-m4", name="Apple M4", vendor="Apple", sku="M4 (up to 32GB)",
        form_factor="laptop/desktop SoC (unified memory)", kind="soc", memory_bytes=32 * GB,
        memory_bandwidth_bytes_per_second=120 * GB, dense_flops_per_second={},
        interconnect_name="Thunderbolt 4", interconnect_bytes_per_second=None,
        source_url="https://www.apple.com/newsroom/2024/10/new-macbook-pro-features-m4-family-of-chips-and-apple-intelligence/",
        source_title="Apple: new MacBook Pro features M4 family of chips", as_of=date(2024, 10, 30),
        status="SECONDARY",
        note="Base M4, 32 GB largest configuration. Read via press copies.",
    ),
    Accelerator(
        key="snapdragon-8-gen-3", name="Qualcomm Snapdragon 8 Gen 3", vendor="Qualcomm",
        sku="SM8650 with 16GB LPDDR5X (OnePlus 12 configuration)",
        form_factor="phone SoC (shared LPDDR5X)", kind="soc", memory_bytes=16 * GB,
        memory_bandwidth_bytes_per_second=76.8 * GB, dense_flops_per_second={},
        interconnect_name="none (single device)", interconnect_bytes_per_second=None,
        source_url="https://www.qualcomm.com/products/mobile/snapdragon/smartphones/snapdragon-8-series-mobile-platforms/snapdragon-8-gen-3-mobile-platform",
        source_title="Snapdragon 8 Gen 3 Mobile Platform", as_of=READ_ON, status="SECONDARY",
        note="76.8 GB/s is LPDDR5X at 4,800 MHz on a 64-bit bus as the runlocalai.co catalog "
             "derives it; Qualcomm states the memory type, not the bandwidth. Memory is the "
             "16 GB phone ExecuTorch benchmarks on. " + READ_NOTE,
    ),
])


def accelerator(key: str) -> Accelerator:
    """The accelerator record for ``key`` (KeyError listing the known keys)."""
    return lookup("accelerator", ACCELERATORS, key)
