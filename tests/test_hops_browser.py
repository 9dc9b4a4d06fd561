"""Guides 12 and 13 in headless Chromium: the RAG and tool-round calculators agree with Python
(the seeded Monte Carlo included), reject bad input with the Python message and mark the
fields, and restore their state from a copied URL (two forms on one page included)."""

from __future__ import annotations

import pytest

from conftest import assert_outputs_match_python, open_form, wait_mounted
from calculators import run

pytestmark = pytest.mark.browser

RAG = "guides/rag-architecture-network-patterns/"
TOOLS = "guides/function-calling-network-patterns/"


def test_rag_monte_carlo_matches_python_for_a_seed(page, site_url, console_messages):
    form = open_form(page, site_url + RAG, "rag_latency")
    assert_outputs_match_python(form, "rag_latency", {})
    inputs = {"seed": "99", "samples": "3000", "keyword": "parallel", "timeout": "150",
              "retries": "1", "hedge": "120"}
    for key, value in inputs.items():
        control = form.locator(f'[name="{key}"]')
        if key == "keyword":
            control.select_option(value)
        else:
            control.fill(value)
    assert_outputs_match_python(form, "rag_latency", inputs)
    assert console_messages == []


def test_rag_cross_field_error_marks_both_fields(page, site_url):
    form = open_form(page, site_url + RAG, "rag_latency")
    form.locator('[name="embed_p95"]').fill("50")
    with pytest.raises(ValueError) as error:
        run("rag_latency", {"embed_p95": "50"})
    assert form.locator(".calc-error").text_content() == str(error.value)
    for key in ("embed_ms", "embed_p95"):
        assert form.locator(f'[name="{key}"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.text_content()


def test_two_forms_on_the_rag_page_restore_from_one_url(page, site_url, browser):
    latency = open_form(page, site_url + RAG, "rag_latency")
    context = page.locator('form[data-calculator="rag_context"]')
    latency.locator('[name="seed"]').fill("7")
    context.locator('[name="chunks"]').fill("12")
    page.wait_for_function("() => location.search.includes('7') && location.search.includes('12')")
    other = browser.new_page()
    restored = open_form(other, page.url, "rag_latency")
    assert_outputs_match_python(restored, "rag_latency", {"seed": "7"})
    wait_mounted(other, "rag_context")
    assert_outputs_match_python(other.locator('form[data-calculator="rag_context"]'),
                                "rag_context", {"chunks": "12"})
    other.close()


def test_tool_rounds_match_python_and_reject_bad_input(page, site_url, console_messages):
    form = open_form(page, site_url + TOOLS, "tool_rounds")
    assert_outputs_match_python(form, "tool_rounds", {})
    inputs = {"rounds": "1", "calls": "3", "cache": "growing"}
    form.locator('[name="rounds"]').fill("1")
    form.locator('[name="calls"]').fill("3")
    form.locator('[name="cache"]').select_option("growing")
    assert_outputs_match_python(form, "tool_rounds", inputs)
    form.locator('[name="prefix_tokens"]').fill("100")
    with pytest.raises(ValueError) as error:
        run("tool_rounds", {**inputs, "prefix_tokens": "100"})
    assert form.locator(".calc-error").text_content() == str(error.value)
    assert form.locator('[name="prefix_tokens"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.text_content()
    assert console_messages == []
