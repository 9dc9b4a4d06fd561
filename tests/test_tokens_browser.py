"""The tokens-and-bytes calculator in headless Chromium: agrees with Python, rejects bad input
with the Python message, round-trips its state through the URL, logs no console errors and
passes axe (WCAG 2 A/AA)."""

from __future__ import annotations


import pytest

from calculators import run
from conftest import assert_outputs_match_python, axe_reports, open_form

pytestmark = pytest.mark.browser

GUIDE = "guides/llm-tokens-bytes-and-bandwidth/"
NAME = "text_size"


def test_inputs_change_every_output_to_the_python_value(page, site_url, console_messages):
    form = open_form(page, site_url + GUIDE, NAME)
    assert_outputs_match_python(form, NAME, {})
    form.locator('[name="content"]').select_option("japanese")
    form.locator('[name="unit"]').select_option("characters")
    form.locator('[name="size"]').fill("640")
    assert_outputs_match_python(form, NAME, {"content": "japanese", "unit": "characters", "size": "640"})
    assert console_messages == []


def test_bad_input_shows_the_python_message(page, site_url, console_messages):
    form = open_form(page, site_url + GUIDE, NAME)
    form.locator('[name="size"]').fill("0")
    with pytest.raises(ValueError) as error:
        run(NAME, {"size": "0"})
    box = form.locator(".calc-error")
    assert box.is_visible()
    assert box.text_content() == str(error.value)
    assert form.locator('[name="size"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.text_content()
    form.locator('[name="size"]').fill("1200")
    assert_outputs_match_python(form, NAME, {"size": "1200"})
    assert console_messages == []


def test_a_copied_url_restores_the_inputs(page, site_url, browser, console_messages):
    form = open_form(page, site_url + GUIDE, NAME)
    form.locator('[name="content"]').select_option("arabic")
    form.locator('[name="rate"]').fill("115")
    page.wait_for_function("() => location.search.includes('rate=115')")
    url = page.url
    assert "content=arabic" in url and "rate=115" in url
    other = browser.new_page()
    restored = open_form(other, url, NAME)
    assert_outputs_match_python(restored, NAME, {"content": "arabic", "rate": "115"})
    other.close()
    assert console_messages == []


def test_axe_finds_no_wcag_violations(page, site_url):
    assert axe_reports(page, site_url + GUIDE) == []
