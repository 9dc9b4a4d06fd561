"""Guides 8 and 9 in Chromium: each form matches Python at its defaults and with presets; the
seeded simulation gives Python's run; a state with presets round-trips through a copied URL;
bad input shows the field's message, never NaN. (The shared vectors, simulation sequences
included, also run in Chromium in tests/test_vectors.py.)"""

from __future__ import annotations

import pytest

from calculators import run
from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

GUIDE8 = "guides/batching-vs-streaming-tradeoffs/"
GUIDE9 = "guides/context-window-and-token-budgets/"


def _values(form) -> dict[str, str]:
    return form.evaluate("f => Object.fromEntries([...f.elements].filter(e => e.name)"
                         ".map(e => [e.name, e.value]))")


@pytest.mark.parametrize(("url", "name"), [
    (GUIDE8, "batch_throughput"), (GUIDE8, "batching_sim"), (GUIDE8, "prefill_stall"),
    (GUIDE9, "context_budget"), (GUIDE9, "multi_turn"), (GUIDE9, "context_serving")])
def test_defaults_match_python(page, site_url, console_messages, url: str, name: str) -> None:
    form = open_form(page, site_url + url, name)
    assert_outputs_match_python(form, name, {})
    assert console_messages == []


def test_simulation_reruns_on_input_and_matches_python(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + GUIDE8, "batching_sim")
    form.locator('[name="seed"]').fill("7")
    form.locator('[name="rate"]').fill("8")
    form.locator('[name="model"]').select_option("llama-3.1-70b")
    form.locator('[name="gpus"]').fill("4")
    inputs = {"seed": "7", "rate": "8", "model": "llama-3.1-70b", "gpus": "4"}
    assert_outputs_match_python(form, "batching_sim", inputs)
    sequences = page.evaluate("""async () => {
        const spec = JSON.parse(document.querySelector('form[data-calculator="batching_sim"]').dataset.spec);
        const core = await import(new URL('../../assets/js/calc-core.js', location.href).href);
        const sim = await import(new URL('../../assets/js/calculators/batching_sim.js', location.href).href);
        const r = core.run(spec, sim.batching_sim, {seed: '7', rate: '8', model: 'llama-3.1-70b', gpus: '4'});
        return [r.output_lengths, r.continuous_ttft_seconds];
    }""")
    py = run("batching_sim", inputs)
    assert sequences[0] == list(py.output_lengths)
    assert sequences[1] == pytest.approx(list(py.continuous_ttft_seconds), rel=1e-9)
    assert console_messages == []


def test_presets_round_trip_through_the_url(page, site_url, browser, console_messages) -> None:
    form = open_form(page, site_url + GUIDE9, "context_budget")
    form.locator('[name="provider"]').select_option("gpt-5")
    form.locator('[name="history"]').fill("200000")
    inputs = {"provider": "gpt-5", "history": "200000"}
    assert_outputs_match_python(form, "context_budget", inputs)
    assert _values(form)["rule"] == "split" and _values(form)["window"] == "400000"
    copied = page.url
    assert "provider=gpt-5" in copied and "history=200000" in copied
    assert "window=" not in copied  # filled by the preset, not stored
    other = browser.new_page()
    try:
        restored = open_form(other, copied, "context_budget")
        values = _values(restored)
        assert values["provider"] == "gpt-5" and values["history"] == "200000"
        assert values["max_output"] == "128000"
        assert_outputs_match_python(restored, "context_budget", inputs)
    finally:
        other.close()
    assert console_messages == []


def test_bad_input_shows_the_fields_message(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + GUIDE9, "context_budget")
    form.locator('[name="max_tokens"]').fill("70000")
    error = form.locator(".calc-error")
    assert error.is_visible()
    assert error.text_content() == ("max_tokens of 70,000 is above the model's max output of "
                                    "64,000 tokens; the API rejects it.")
    assert form.locator('[name="max_tokens"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.inner_text()
    form8 = open_form(page, site_url + GUIDE8, "prefill_stall")
    form8.locator('[name="chunk"]').fill("0")
    error = form8.locator(".calc-error")
    assert error.is_visible() and "Prefill chunk size" in error.text_content()
    assert "NaN" not in form8.inner_text()
    assert console_messages == []
