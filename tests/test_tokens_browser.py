"""The tokens-and-bytes calculator in headless Chromium: agrees with Python, rejects bad input
with the Python message, round-trips its state through the URL, logs no console errors and
passes axe (WCAG 2 A/AA)."""

from __future__ import annotations

import math

import pytest

from calculators import get, run
from conftest import axe_reports
from macros.format import format_value

pytestmark = pytest.mark.browser

GUIDE = "guides/llm-tokens-bytes-and-bandwidth/"
NAME = "text_size"


def open_form(page, url: str):
    page.goto(url)
    page.wait_for_function(
        f"document.querySelector('form[data-calculator=\"{NAME}\"]')?.dataset.mounted === 'ready'"
    )
    return page.locator(f'form[data-calculator="{NAME}"]')


def assert_outputs_match_python(form, inputs: dict) -> None:
    expected = run(NAME, inputs)
    shown = form.evaluate(
        "f => Object.fromEntries([...f.querySelectorAll('output')].map("
        "o => [o.name, [o.textContent, o.dataset.value]]))"
    )
    for out in get(NAME).outputs:
        text, raw = shown[out.name]
        value = getattr(expected, out.name)
        assert math.isclose(float(raw), value, rel_tol=1e-9, abs_tol=1e-12), out.name
        assert text == format_value(out.format, value), out.name


def test_inputs_change_every_output_to_the_python_value(page, site_url, console_messages):
    form = open_form(page, site_url + GUIDE)
    assert_outputs_match_python(form, {})
    form.locator('[name="content"]').select_option("japanese")
    form.locator('[name="unit"]').select_option("characters")
    form.locator('[name="size"]').fill("640")
    assert_outputs_match_python(form, {"content": "japanese", "unit": "characters", "size": "640"})
    assert console_messages == []


def test_bad_input_shows_the_python_message(page, site_url, console_messages):
    form = open_form(page, site_url + GUIDE)
    form.locator('[name="size"]').fill("0")
    with pytest.raises(ValueError) as error:
        run(NAME, {"size": "0"})
    box = form.locator(".calc-error")
    assert box.is_visible()
    assert box.text_content() == str(error.value)
    assert form.locator('[name="size"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.text_content()
    form.locator('[name="size"]').fill("1200")
    assert_outputs_match_python(form, {"size": "1200"})
    assert console_messages == []


def test_a_copied_url_restores_the_inputs(page, site_url, browser, console_messages):
    form = open_form(page, site_url + GUIDE)
    form.locator('[name="content"]').select_option("arabic")
    form.locator('[name="event_bytes"]').fill("115")
    page.wait_for_function("location.search.includes('event_bytes=115')")
    url = page.url
    assert "content=arabic" in url and "event_bytes=115" in url
    other = browser.new_page()
    restored = open_form(other, url)
    assert_outputs_match_python(restored, {"content": "arabic", "event_bytes": "115"})
    other.close()
    assert console_messages == []


def test_axe_finds_no_wcag_violations(page, site_url):
    assert axe_reports(page, site_url + GUIDE) == []
