"""Guides 4 and 6 in headless Chromium: the three live calculators agree with Python, keep
their state (and the chosen model) in the URL, and show a message, never NaN, on bad input."""

from __future__ import annotations

import json

import pytest

from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

GUIDE4 = "guides/prompt-caching-how-it-works/"
GUIDE6 = "guides/llm-api-cost-optimization/"
MIXED = json.dumps({
    "input_tokens": 50, "cache_creation_input_tokens": 3000, "cache_read_input_tokens": 100000,
    "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
    "output_tokens": 500})


def _no_bad_text(form) -> None:
    text = form.inner_text()
    for bad in ("NaN", "Infinity", "undefined", "null"):
        assert bad not in text


def test_prompt_cache_matches_python_and_round_trips(page, site_url, browser,
                                                     console_messages) -> None:
    form = open_form(page, site_url + GUIDE4, "prompt_cache")
    assert_outputs_match_python(form, "prompt_cache", {})
    inputs = {"prefix_tokens": "5000", "interval": "600", "parallel": "3", "ttl": "1h"}
    for key, value in inputs.items():
        control = form.locator(f'[name="{key}"]')
        if key == "ttl":
            control.select_option(value)
        else:
            control.fill(value)
    assert_outputs_match_python(form, "prompt_cache", inputs)
    url = page.evaluate("location.href")
    other = browser.new_page()
    restored = open_form(other, url, "prompt_cache")
    assert restored.locator('[name="ttl"]').input_value() == "1h"
    assert_outputs_match_python(restored, "prompt_cache", inputs)
    other.close()
    form.locator('[name="read_price"]').fill("9")
    assert "Cache read price must be below the input price." in \
        form.locator(".calc-error").text_content()
    _no_bad_text(form)
    assert console_messages == []


def test_presets_fill_the_prices_and_round_trip(page, site_url, browser,
                                                console_messages) -> None:
    from calculators.caching_calc import preset_values

    form = open_form(page, site_url + GUIDE4, "prompt_cache")
    form.locator('[name="model"]').select_option("gpt-5")
    for key, value in preset_values("gpt-5").items():
        assert float(form.locator(f'[name="{key}"]').input_value()) == float(value), key
    assert_outputs_match_python(form, "prompt_cache", {"model": "gpt-5"})
    form.locator('[name="read_price"]').fill("0.5")
    inputs = {"model": "gpt-5", "read_price": "0.5"}
    assert_outputs_match_python(form, "prompt_cache", inputs)
    url = page.evaluate("location.href")
    other = browser.new_page()
    restored = open_form(other, url, "prompt_cache")
    assert restored.locator('[name="model"]').input_value() == "gpt-5"
    assert restored.locator('[name="read_price"]').input_value() == "0.5"
    assert_outputs_match_python(restored, "prompt_cache", inputs)
    other.close()
    form6 = open_form(page, site_url + GUIDE6, "cost_optimization")
    form6.locator('[name="large_model"]').select_option("gpt-4o")
    form6.locator('[name="small_model"]').select_option("gpt-4o-mini")
    assert_outputs_match_python(form6, "cost_optimization",
                                {"large_model": "gpt-4o", "small_model": "gpt-4o-mini"})
    assert console_messages == []


def test_usage_bill_matches_python_and_round_trips(page, site_url, browser,
                                                   console_messages) -> None:
    form = open_form(page, site_url + GUIDE4, "usage_bill")
    assert_outputs_match_python(form, "usage_bill", {})
    form.locator('[name="model"]').select_option("claude-sonnet-4.5")
    form.locator('[name="usage"]').fill(MIXED)
    inputs = {"model": "claude-sonnet-4.5", "usage": MIXED}
    assert_outputs_match_python(form, "usage_bill", inputs)
    assert form.locator('output[name="total_usd"]').text_content() == "$0.0534"
    url = page.evaluate("location.href")
    assert "claude-sonnet-4.5" in url
    other = browser.new_page()
    restored = open_form(other, url, "usage_bill")
    assert restored.locator('[name="usage"]').input_value() == MIXED
    assert_outputs_match_python(restored, "usage_bill", inputs)
    other.close()
    assert console_messages == []


@pytest.mark.parametrize(("usage", "message"), [
    ('{"input_tokens": 50,', "Usage JSON is not valid JSON; paste the usage object as "
                             "the API returned it."),
    ('{"input_tokens": -3}', "Usage field input_tokens must be a whole number of tokens from 0 "
                             "to 10,000,000,000; got -3."),
    ('{"input_tokens": 5, "prompt_tokens": 5}', "Usage field prompt_tokens is not among the "
                                                "Anthropic usage fields this calculator bills; "
                                                "remove it or choose another model."),
    ("", "Usage JSON must be text of 1 to 20,000 characters; got nothing."),
])
def test_usage_bill_bad_input_shows_the_python_message(page, site_url, usage: str, message: str,
                                                       console_messages) -> None:
    from calculators import run

    form = open_form(page, site_url + GUIDE4, "usage_bill")
    form.locator('[name="model"]').select_option("claude-sonnet-4.5")
    form.locator('[name="usage"]').fill(usage)
    error = form.locator(".calc-error")
    assert error.is_visible()
    assert error.text_content() == message
    with pytest.raises(ValueError) as python:
        run("usage_bill", {"model": "claude-sonnet-4.5", "usage": usage})
    assert str(python.value) == message
    for output in form.locator("output").all_text_contents():
        assert output == "—"
    _no_bad_text(form)
    assert console_messages == []


def test_cost_calculator_and_waterfall(page, site_url, browser, console_messages) -> None:
    form = open_form(page, site_url + GUIDE6, "cost_optimization")
    assert_outputs_match_python(form, "cost_optimization", {})
    inputs = {"routed": "100", "hit": "100", "batch_share": "100", "output_cut": "0",
              "compression": "0"}
    for key, value in inputs.items():
        form.locator(f'[name="{key}"]').fill(value)
    assert_outputs_match_python(form, "cost_optimization", inputs)
    assert form.locator('output[name="after_batch_usd"]').text_content() == "$1,100.00"
    url = page.evaluate("location.href")
    other = browser.new_page()
    restored = open_form(other, url, "cost_optimization")
    assert_outputs_match_python(restored, "cost_optimization", inputs)
    other.close()
    form.locator('[name="routed"]').fill("150")
    assert "must be a number from 0 to 100 %" in form.locator(".calc-error").text_content()
    _no_bad_text(form)
    chart = page.locator("figure svg[role='img']").first
    assert chart.locator("title").count() >= 1
    assert console_messages == []
