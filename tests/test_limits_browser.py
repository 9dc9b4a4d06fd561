"""The guide 5 simulator form in Chromium: the same run as Python for the same seed, a new seed
gives a new run, a copied link replays it, and bad input shows the message."""

from __future__ import annotations

import pytest

from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

GUIDE = "guides/llm-rate-limits-and-429-handling/"


def test_simulator_form_matches_python_and_replays_a_seed(page, site_url, browser,
                                                          console_messages) -> None:
    form = open_form(page, site_url + GUIDE, "rate_limit_sim")
    assert_outputs_match_python(form, "rate_limit_sim", {})
    inputs = {"seed": "42", "policy": "decorrelated", "rate": "30", "requests": "2000"}
    for key, value in inputs.items():
        control = form.locator(f'[name="{key}"]')
        if key == "policy":
            control.select_option(value)
        else:
            control.fill(value)
    assert_outputs_match_python(form, "rate_limit_sim", inputs)
    url = page.evaluate("location.href")
    assert "seed=42" in url
    other = browser.new_page()
    restored = open_form(other, url, "rate_limit_sim")
    assert_outputs_match_python(restored, "rate_limit_sim", inputs)
    other.close()
    form.locator('[name="output_tokens"]').fill("5000")
    assert "cannot exceed max_tokens" in form.locator(".calc-error").text_content()
    assert console_messages == []
