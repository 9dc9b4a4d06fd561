"""The built site in headless Chromium: live calculators agree with Python, reject bad input,
round-trip their state through the URL, survive instant navigation, log no console errors,
and pass axe (WCAG 2 A/AA)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators import run
from conftest import assert_outputs_match_python, axe_reports, open_form, wait_mounted
from calculators.registry import result_dict
from macros.format import format_value

pytestmark = pytest.mark.browser

GUIDE = "guides/llm-api-latency-explained/"
ROOT = Path(__file__).resolve().parent.parent


def test_typing_updates_every_output_to_the_python_value(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + GUIDE, "latency_budget")
    assert_outputs_match_python(form, "latency_budget", {})
    inputs = {"rtt": "120", "prompt_tokens": "30000", "cached_prompt_tokens": "1000",
              "tpot": "12.5", "connection": "new-tls12"}
    for key, value in inputs.items():
        control = form.locator(f'[name="{key}"]')
        if key == "connection":
            control.select_option(value)
        else:
            control.fill(value)
    assert_outputs_match_python(form, "latency_budget", inputs)
    assert console_messages == []


def test_bad_input_shows_the_message_and_no_nan(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + GUIDE, "latency_budget")
    form.locator('[name="rtt"]').fill("-5")
    error = form.locator(".calc-error")
    expected = "Network round trip must be a number from 0 to 60,000 ms; got \"-5\"."
    assert error.is_visible()
    assert error.text_content() == expected
    assert form.locator('[name="rtt"]').get_attribute("aria-invalid") == "true"
    text = form.inner_text()
    for bad in ("NaN", "Infinity", "undefined", "null"):
        assert bad not in text
    form.locator('[name="rtt"]').fill("abc")
    assert "got \"abc\"" in error.text_content()
    form.locator('[name="rtt"]').fill("80")
    assert not error.is_visible()
    assert_outputs_match_python(form, "latency_budget", {"rtt": "80"})
    assert console_messages == []


def test_a_copied_url_restores_the_inputs(page, site_url, browser, console_messages) -> None:
    form = open_form(page, site_url + GUIDE, "latency_budget")
    form.locator('[name="output_tokens"]').fill("1200")
    form.locator('[name="queue"]').fill("450")
    url = page.evaluate("location.href")
    assert "output_tokens=1200" in url and "queue=450" in url
    other = browser.new_page()
    restored = open_form(other, url, "latency_budget")
    assert restored.locator('[name="output_tokens"]').input_value() == "1200"
    assert restored.locator('[name="queue"]').input_value() == "450"
    assert_outputs_match_python(restored, "latency_budget", {"output_tokens": "1200", "queue": "450"})
    other.close()
    assert console_messages == []


def test_calculator_works_after_instant_navigation(page, site_url, console_messages) -> None:
    page.goto(site_url)
    page.evaluate("window.__noReload = true")
    page.locator(f'article a[href$="/{GUIDE}"]').first.click()
    page.wait_for_url("**/" + GUIDE)
    wait_mounted(page)
    assert page.evaluate("window.__noReload === true"), "navigation reloaded the page"
    form = page.locator('form[data-calculator="latency_budget"]')
    form.locator('[name="output_tokens"]').fill("250")
    assert_outputs_match_python(form, "latency_budget", {"output_tokens": "250"})
    assert console_messages == []


def test_conventions_converter_matches_python(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + "conventions/", "metric_conventions")
    assert_outputs_match_python(form, "metric_conventions", {})
    form.locator('[name="tokens_per_chunk"]').fill("1")
    assert_outputs_match_python(form, "metric_conventions", {"tokens_per_chunk": "1"})
    form.locator('[name="e2e"]').fill("0.5")
    assert "must be at least 1 ms longer than the measured time to first token" in form.locator(".calc-error").text_content()
    assert console_messages == []


def test_shared_vectors_pass_in_chromium(page, site_url) -> None:
    page.goto(site_url)
    vectors = json.loads((ROOT / "tests/vectors.json").read_text(encoding="utf-8"))
    checker = (ROOT / "tests/js/vector_check.mjs").read_text(encoding="utf-8")
    checker = checker.replace("export default async function checkVectors", "async function checkVectors")
    base = site_url + "assets/js/"
    report = page.evaluate(
        f"async ([vectors, base]) => {{ {checker}\n"
        "return await checkVectors(vectors, (p) => import(base + p)); }",
        [vectors, base],
    )
    assert report["failures"] == []
    assert report["checked"] == (sum(len(c["cases"]) for c in vectors["calculators"].values())
                                 + len(vectors["formats"]) + len(vectors["parsing"])
                                 + len(vectors["rng"]))


def test_javascript_off_shows_build_time_outputs(browser, site_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + GUIDE)
    expected = result_dict(run("latency_budget"))
    text = page.locator('output[name="ttft_seconds"]').text_content()
    assert text == format_value("duration", expected["ttft_seconds"])
    context.close()


@pytest.mark.parametrize("path", ["", GUIDE, "conventions/"])
def test_axe_finds_no_wcag_violations(page, site_url, path: str) -> None:
    assert axe_reports(page, site_url + path) == []
