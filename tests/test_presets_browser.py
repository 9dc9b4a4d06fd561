"""The preset form in Chromium (issue 7.4/7.5): choosing a preset fills the fields, the outputs
equal Python's, an edited field survives a copied URL, and bad input shows the field's message."""

from __future__ import annotations

import pytest

from calculators import get
from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

PAGE = "reference/accelerators/"
NAME = "device_ratios"


def _values(form) -> dict[str, str]:
    return form.evaluate("f => Object.fromEntries([...f.elements].filter(e => e.name)"
                         ".map(e => [e.name, e.value]))")


def test_choosing_a_preset_fills_the_fields_and_matches_python(page, site_url,
                                                                console_messages) -> None:
    form = open_form(page, site_url + PAGE, NAME)
    assert_outputs_match_python(form, NAME, {})
    form.locator('[name="accelerator"]').select_option("mi300x")
    expected = get(NAME).field("accelerator").values_for("mi300x")
    shown = _values(form)
    assert {k: shown[k] for k in expected} == {k: str(v) for k, v in expected.items()}
    assert_outputs_match_python(form, NAME, {"accelerator": "mi300x"})
    assert "accelerator=mi300x" in page.url and "memory=" not in page.url
    assert console_messages == []


def test_an_edited_field_survives_a_copied_url(page, site_url, browser,
                                               console_messages) -> None:
    form = open_form(page, site_url + PAGE, NAME)
    form.locator('[name="accelerator"]').select_option("h200")
    form.locator('[name="bandwidth"]').fill("4000")
    inputs = {"accelerator": "h200", "bandwidth": "4000"}
    assert_outputs_match_python(form, NAME, inputs)
    copied = page.url
    assert "accelerator=h200" in copied and "bandwidth=4000" in copied
    other = browser.new_page()
    try:
        restored = open_form(other, copied, NAME)
        values = _values(restored)
        assert values["accelerator"] == "h200" and values["bandwidth"] == "4000"
        assert values["memory"] == "141"  # from the preset, not in the URL
        assert_outputs_match_python(restored, NAME, inputs)
    finally:
        other.close()
    assert console_messages == []


def test_bad_input_shows_the_fields_message(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + PAGE, NAME)
    form.locator('[name="bandwidth"]').fill("0")
    error = form.locator(".calc-error")
    assert error.is_visible()
    assert error.text_content() == "Memory bandwidth must be a number from 1 to 100,000 GB/s; got \"0\"."
    form.locator('[name="bandwidth"]').fill("3350")
    assert not error.is_visible()
    assert console_messages == []
