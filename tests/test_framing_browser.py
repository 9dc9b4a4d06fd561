"""The streaming bandwidth calculator in headless Chromium: agrees with Python, rejects bad
input with the Python message, round-trips its state through the URL, logs no console errors,
shows the build-time outputs with JavaScript off and passes axe (WCAG 2 A/AA)."""

from __future__ import annotations


import pytest

from conftest import assert_outputs_match_python, axe_reports, open_form
from calculators import run
from macros.format import format_value

pytestmark = pytest.mark.browser

GUIDE = "guides/streaming-llm-responses-sse-vs-websocket/"
NAME = "streaming_bandwidth"


def test_inputs_change_every_output_to_the_python_value(page, site_url, console_messages):
    form = open_form(page, site_url + GUIDE, NAME)
    assert_outputs_match_python(form, NAME, {})
    inputs = {"format": "openai-observed", "transport": "ws-tls", "compression": "event",
              "obfuscation": "off", "tcp_ip": "yes", "rate": "120", "peak": "3",
              "tokens_per_event": "3", "egress_price": "0.05"}
    for key, value in inputs.items():
        control = form.locator(f'[name="{key}"]')
        if key in {"format", "transport", "compression", "obfuscation", "tcp_ip"}:
            control.select_option(value)
        else:
            control.fill(value)
    assert_outputs_match_python(form, NAME, inputs)
    assert console_messages == []


def test_bad_input_shows_the_python_message(page, site_url, console_messages):
    form = open_form(page, site_url + GUIDE, NAME)
    form.locator('[name="tokens"]').fill("2.5")
    with pytest.raises(ValueError) as error:
        run(NAME, {"tokens": "2.5"})
    box = form.locator(".calc-error")
    assert box.is_visible()
    assert box.text_content() == str(error.value)
    assert form.locator('[name="tokens"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.text_content()
    form.locator('[name="tokens"]').fill("40")
    assert_outputs_match_python(form, NAME, {"tokens": "40"})
    assert console_messages == []


def test_a_copied_url_restores_the_inputs(page, site_url, browser, console_messages):
    form = open_form(page, site_url + GUIDE, NAME)
    form.locator('[name="transport"]').select_option("sse-h1-tls")
    form.locator('[name="text_bytes"]').fill("4")
    page.wait_for_function("() => location.search.includes('text_bytes=4')")
    url = page.url
    assert "transport=sse-h1-tls" in url and "text_bytes=4" in url
    other = browser.new_page()
    restored = open_form(other, url, NAME)
    assert_outputs_match_python(restored, NAME, {"transport": "sse-h1-tls", "text_bytes": "4"})
    other.close()
    assert console_messages == []


def test_javascript_off_shows_build_time_outputs(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + GUIDE)
    expected = run(NAME)
    text = page.locator('output[name="event_wire_bytes"]').text_content()
    assert text == format_value("bytes", expected.event_wire_bytes)
    context.close()


def test_axe_finds_no_wcag_violations(page, site_url):
    assert axe_reports(page, site_url + GUIDE) == []
