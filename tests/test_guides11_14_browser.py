"""Guides 11 and 14 in headless Chromium: the calculators match Python, presets and state
round-trip through the URL, and bad input shows the field's message (Python's text)."""

from __future__ import annotations

import pytest

from calculators import get, run
from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

EMBED = ("guides/embedding-api-networking/", "embedding_corpus")
EDGE = ("guides/ai-inference-edge-vs-cloud/", "edge_vs_cloud")


def _values(form) -> dict[str, str]:
    return form.evaluate("f => Object.fromEntries([...f.elements].filter(e => e.name)"
                         ".map(e => [e.name, e.value]))")


def test_embedding_calculator_matches_python_and_round_trips(page, site_url, browser,
                                                             console_messages) -> None:
    path, name = EMBED
    form = open_form(page, site_url + path, name)
    assert_outputs_match_python(form, name, {})
    form.locator('[name="encoding"]').select_option("float")
    form.locator('[name="dims"]').fill("3072")
    form.locator('[name="batch"]').select_option("yes")
    inputs = {"encoding": "float", "dims": "3072", "batch": "yes"}
    assert_outputs_match_python(form, name, inputs)
    page.wait_for_function("() => location.search.includes('dims=3072')")
    other = browser.new_page()
    try:
        restored = open_form(other, page.url, name)
        values = _values(restored)
        assert (values["encoding"], values["dims"], values["batch"]) == ("float", "3072", "yes")
        assert_outputs_match_python(restored, name, inputs)
    finally:
        other.close()
    assert console_messages == []


def test_embedding_cross_field_error_uses_python_message(page, site_url, console_messages) -> None:
    path, name = EMBED
    form = open_form(page, site_url + path, name)
    with pytest.raises(ValueError) as error:
        run(name, {"tokens": "9000"})
    form.locator('[name="tokens"]').fill("9000")
    box = form.locator(".calc-error")
    page.wait_for_function(
        "() => document.querySelector('form[data-calculator=\"embedding_corpus\"] .calc-error')"
        "?.textContent.length > 0")
    assert box.text_content() == str(error.value)
    assert form.locator('[name="tokens"]').get_attribute("aria-invalid") == "true"
    assert "NaN" not in form.text_content()
    form.locator('[name="tokens"]').fill("400")
    assert_outputs_match_python(form, name, {"tokens": "400"})
    assert console_messages == []


def test_edge_presets_fill_match_python_and_round_trip(page, site_url, browser,
                                                       console_messages) -> None:
    path, name = EDGE
    form = open_form(page, site_url + path, name)
    assert_outputs_match_python(form, name, {})
    form.locator('[name="device"]').select_option("apple-m4-max")
    form.locator('[name="model"]').select_option("llama-3.2-3b")
    filled = {**get(name).field("device").values_for("apple-m4-max"),
              **get(name).field("model").values_for("llama-3.2-3b")}
    shown = _values(form)
    assert {k: shown[k] for k in filled} == {k: str(v) for k, v in filled.items()}
    form.locator('[name="prompt"]').fill("4000")
    inputs = {"device": "apple-m4-max", "model": "llama-3.2-3b", "prompt": "4000"}
    assert_outputs_match_python(form, name, inputs)
    page.wait_for_function("() => location.search.includes('prompt=4000')")
    copied = page.url
    assert "device=apple-m4-max" in copied and "bandwidth=" not in copied
    other = browser.new_page()
    try:
        restored = open_form(other, copied, name)
        values = _values(restored)
        assert values["device"] == "apple-m4-max" and values["bandwidth"] == str(filled["bandwidth"])
        assert_outputs_match_python(restored, name, inputs)
    finally:
        other.close()
    assert console_messages == []


def test_edge_bad_input_shows_the_fields_message(page, site_url, console_messages) -> None:
    path, name = EDGE
    form = open_form(page, site_url + path, name)
    with pytest.raises(ValueError) as error:
        run(name, {"bits": "0"})
    form.locator('[name="bits"]').fill("0")
    box = form.locator(".calc-error")
    assert box.is_visible()
    assert box.text_content() == str(error.value)
    assert form.locator('[name="bits"]').get_attribute("aria-invalid") == "true"
    form.locator('[name="bits"]').fill("4.5")
    assert_outputs_match_python(form, name, {"bits": "4.5"})
    assert console_messages == []
