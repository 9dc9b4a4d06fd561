"""Guide 14: on-device bounds, memory fit, the cloud path, crossovers, cost and download."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators.domains  # noqa: F401
from calculators import registry
from calculators.data import constant


def test_mac_bounds_reproduce_references_example_3() -> None:
    # REFERENCES guide 14 (c) 3: 8B 4-bit (~4.8 GB) on M4 <= 25 tok/s, M4 Pro <= 57,
    # M4 Max <= 114 (Apple bandwidth 120 / 273 / 546 GB/s, Oct 2024 announcement).
    got = [registry.run("edge_vs_cloud", {"device": d}).decode_bound_weights_only_tokens_per_second
           for d in ("apple-m4", "apple-m4-pro", "apple-m4-max")]
    assert [round(x) for x in got] == [25, 57, 114]


def test_phone_bound_reproduces_references_example_4() -> None:
    # 76.8 GB/s / 4.8 GB = 16 tok/s bound; ExecuTorch measured 10.91 on Galaxy S24 (68%).
    rows = registry.TABLES["edge_measured_against_bound"]()
    s24 = next(r for r in rows if "S24" in r.conditions)
    assert s24.bound_tokens_per_second == pytest.approx(16.0)
    assert s24.fraction_of_bound_ratio == pytest.approx(10.91 / 16.0)
    assert round(s24.fraction_of_bound_ratio * 100) == 68
    assert all(0 < r.fraction_of_bound_ratio < 1 for r in rows)
    assert round(registry.run("edge_vs_cloud").decode_bound_weights_only_tokens_per_second) == 16


def test_apple_example_reproduces_references_example_1() -> None:
    # Apple ML Research (2024-06-10): 0.6 ms per prompt token, 30 tok/s on iPhone 15 Pro:
    # 1,000-token prompt 0.6 s, 300 tokens 10 s, total 10.6 s; 3e9 x 3.7/8 x 30 = 41.6 GB/s.
    a = registry.TABLES["edge_apple_example"]()
    assert (a.ttft_seconds, a.decode_seconds, a.total_seconds) == pytest.approx((0.6, 10, 10.6))
    assert a.implied_bandwidth_bytes_per_second == pytest.approx(41.625e9)


def test_cloud_path_reproduces_references_example_5() -> None:
    # RTT 50 ms + TTFT 500 ms + 300 x 20 ms = 6.55 s; 5,105 km of fibre gives 50 ms.
    v = constant("fibre_light_speed_metres_per_second").value
    km = 0.05 * v / 2 / 1000
    r = registry.run("edge_vs_cloud", {"distance": km})
    assert r.rtt_seconds == pytest.approx(0.05)
    assert r.cloud_total_seconds == pytest.approx(6.55)
    # With Apple's 0.6 ms per token, the device is first on prompts under ~917 tokens.
    apple = registry.run("edge_vs_cloud", {"distance": km, "model": "llama-3.2-3b",
                                           "bits": 3.7, "compute": 10})
    per_token = apple.device_prefill_seconds_per_token
    assert apple.crossover_first_prompt_tokens == pytest.approx(0.55 / per_token)


def test_memory_fit_and_the_8b_question() -> None:
    # A 4.8 GB model, 1,300 tokens of 128 KiB KV, 0.5 GB runtime: 5.47 GB.
    r = registry.run("edge_vs_cloud")
    assert r.kv_bytes_per_token == 131072
    assert r.memory_needed_bytes == pytest.approx(r.weight_bytes + 1300 * 131072 + 0.5e9)
    assert r.fits == 1  # 16 GB phone, half free
    assert registry.run("edge_vs_cloud", {"ram": 8}).fits == 0  # 8 GB phone: 4 GB free


def test_cost_and_download_by_hand() -> None:
    r = registry.run("edge_vs_cloud")
    assert r.cloud_usd_per_mtok == pytest.approx(3 / 3600 / 2000 * 1e6)
    assert r.device_usd_per_mtok == pytest.approx(1000 / (1000 * 3600 * r.device_tokens_per_second) * 1e6)
    assert r.download_seconds == pytest.approx(r.weight_bytes * 8 / 100e6)
    assert r.per_session_seconds == pytest.approx(r.download_seconds / 30 + r.weight_bytes / 2e9)


def test_bad_input_uses_the_field_message() -> None:
    with pytest.raises(ValueError, match="Bits per weight"):
        registry.run("edge_vs_cloud", {"bits": 0})
    with pytest.raises(ValueError, match="context window"):
        registry.run("edge_vs_cloud", {"prompt": 200_000})


@settings(max_examples=30, deadline=None)
@given(prompt=st.integers(1, 100_000), more=st.integers(1, 1000))
def test_longer_prompts_never_reach_first_token_sooner(prompt: int, more: int) -> None:
    a = registry.run("edge_vs_cloud", {"prompt": prompt, "output": 100})
    b = registry.run("edge_vs_cloud", {"prompt": prompt + more, "output": 100})
    assert b.device_ttft_seconds >= a.device_ttft_seconds
    assert a.device_total_seconds >= a.device_ttft_seconds
    assert a.cloud_total_seconds >= a.cloud_first_token_seconds
    assert a.device_tokens_per_second <= a.decode_bound_weights_only_tokens_per_second


@settings(max_examples=20, deadline=None)
@given(bw=st.floats(10, 1000), bits=st.floats(2, 16))
def test_more_bandwidth_or_fewer_bits_never_slow_decode(bw: float, bits: float) -> None:
    a = registry.run("edge_vs_cloud", {"device": "custom", "bandwidth": bw, "bits": bits})
    b = registry.run("edge_vs_cloud", {"device": "custom", "bandwidth": bw * 2, "bits": bits})
    assert b.device_tokens_per_second >= a.device_tokens_per_second
