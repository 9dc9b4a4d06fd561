"""calculators.metrics: the metric-convention converter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.metrics import metric_conventions


def test_incumbent_example_one_token_per_chunk() -> None:
    # TTFT 800 ms, E2E 13,275 ms, 500 tokens: TPOT (N - 1) is exactly 25 ms (REFERENCES G1-2).
    m = metric_conventions(measured_ttft_seconds=0.8, measured_e2e_seconds=13.275,
                           output_tokens=500, tokens_per_chunk=1, client_network_seconds=0.1,
                           queue_seconds=0.2)
    assert m.tpot_n_minus_1_seconds == pytest.approx(0.025)
    assert m.tpot_n_seconds == pytest.approx(0.02495)
    assert m.chunk_gap_seconds == pytest.approx(0.025)
    assert m.per_token_itl_seconds == pytest.approx(0.025)
    # Server-side TTFT starts at arrival, so queueing stays in: 800 - 100 = 700 ms.
    assert m.server_ttft_seconds == pytest.approx(0.7)
    # The engine's TTFT starts at scheduling: 700 - 200 = 500 ms.
    assert m.engine_ttft_seconds == pytest.approx(0.5)


def test_multi_token_chunks_split_the_conventions() -> None:
    # 3 tokens per chunk: 167 chunks, 166 gaps over 12.475 s = 75.15 ms per chunk (vLLM ITL),
    # while TPOT stays 25 ms.
    m = metric_conventions(measured_ttft_seconds=0.8, measured_e2e_seconds=13.275,
                           output_tokens=500, tokens_per_chunk=3, client_network_seconds=0.15,
                           queue_seconds=0.1)
    assert m.num_chunks == 167
    assert m.chunk_gap_seconds == pytest.approx(12.475 / 166)
    assert m.per_token_itl_seconds == pytest.approx(12.475 / 166 / 3)
    assert m.tpot_n_minus_1_seconds == pytest.approx(0.025)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"measured_e2e_seconds": 0.5}, "must be at least 1 ms longer than the measured time to first token"),
        ({"client_network_seconds": 0.9}, "must be at most the measured time to first token"),
        ({"client_network_seconds": 0.5, "queue_seconds": 0.4}, "together must be at most"),
        ({"tokens_per_chunk": 500}, "at least two chunks"),
        ({"output_tokens": 1}, "output_tokens must be from 2"),
    ],
)
def test_bad_input(changes: dict, fragment: str) -> None:
    base = dict(measured_ttft_seconds=0.8, measured_e2e_seconds=13.275, output_tokens=500,
                tokens_per_chunk=3, client_network_seconds=0.15,
                           queue_seconds=0.1)
    with pytest.raises(ValueError, match=fragment):
        metric_conventions(**{**base, **changes})


@settings(max_examples=200, deadline=None)
@given(st.floats(0.01, 10), st.floats(0.01, 100), st.integers(2, 5000), st.integers(1, 8))
def test_chunk_gap_is_at_least_tpot(ttft: float, window: float, n: int, k: int) -> None:
    if -(-n // k) < 2:
        return
    m = metric_conventions(measured_ttft_seconds=ttft, measured_e2e_seconds=ttft + window,
                           output_tokens=n, tokens_per_chunk=k, client_network_seconds=0,
                           queue_seconds=0)
    assert m.chunk_gap_seconds >= m.tpot_n_minus_1_seconds * (1 - 1e-12)
    assert m.tpot_n_seconds < m.tpot_n_minus_1_seconds


@settings(max_examples=100, deadline=None)
@given(st.floats(0.01, 10), st.floats(0, 1), st.floats(0, 1))
def test_server_ttft_keeps_queueing_engine_ttft_drops_it(ttft: float, net: float, q: float) -> None:
    network, queue = net * ttft / 2, q * ttft / 2
    m = metric_conventions(measured_ttft_seconds=ttft, measured_e2e_seconds=ttft + 1,
                           output_tokens=100, tokens_per_chunk=1,
                           client_network_seconds=network, queue_seconds=queue)
    assert 0 <= m.engine_ttft_seconds <= m.server_ttft_seconds <= m.measured_ttft_seconds
    assert m.server_ttft_seconds - m.engine_ttft_seconds == pytest.approx(queue, abs=1e-12)
