"""The inference calculators in Chromium: the model-memory form on the models reference page
and the forms of guides 7 and 10. Choosing a preset fills the fields and the outputs equal
Python's; an edited field survives a copied URL; bad input (and a model that does not fit)
shows a message, never NaN."""

from __future__ import annotations

import pytest

from calculators import get
from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

MODELS_PAGE = "reference/models/"
GUIDE7 = "guides/llm-inference-latency-components/"
GUIDE10 = "guides/inference-server-architecture/"


def _values(form) -> dict[str, str]:
    return form.evaluate("f => Object.fromEntries([...f.elements].filter(e => e.name)"
                         ".map(e => [e.name, e.value]))")


def test_model_preset_fills_the_memory_form(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + MODELS_PAGE, "model_memory")
    assert_outputs_match_python(form, "model_memory", {})
    form.locator('[name="model"]').select_option("deepseek-v3")
    expected = get("model_memory").field("model").values_for("deepseek-v3")
    shown = _values(form)
    assert {k: shown[k] for k in expected} == {k: str(v) for k, v in expected.items()}
    assert_outputs_match_python(form, "model_memory", {"model": "deepseek-v3"})
    # MLA: (512 + 64) × 61 layers × 2 bytes per token, shown in KiB.
    assert form.locator('output[name="kv_bytes_per_token"]').text_content() == "68.6 KiB"
    assert console_messages == []


def test_an_edited_field_survives_a_copied_url(page, site_url, browser, console_messages) -> None:
    form = open_form(page, site_url + MODELS_PAGE, "model_memory")
    form.locator('[name="model"]').select_option("llama-3.1-70b")
    form.locator('[name="context"]').fill("131072")
    inputs = {"model": "llama-3.1-70b", "context": "131072"}
    assert_outputs_match_python(form, "model_memory", inputs)
    copied = page.url
    assert "model=llama-3.1-70b" in copied and "context=131072" in copied
    other = browser.new_page()
    try:
        restored = open_form(other, copied, "model_memory")
        values = _values(restored)
        assert values["model"] == "llama-3.1-70b" and values["context"] == "131072"
        assert values["layers"] == "80"  # from the preset, not in the URL
        assert_outputs_match_python(restored, "model_memory", inputs)
    finally:
        other.close()
    assert console_messages == []


def test_context_beyond_the_window_shows_the_message(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + MODELS_PAGE, "model_memory")
    form.locator('[name="context"]').fill("200000")
    error = form.locator(".calc-error")
    assert error.is_visible()
    assert error.text_content() == ("Context per sequence of 200,000 tokens is beyond the "
                                    "model's context window of 131,072 tokens.")
    assert "NaN" not in form.inner_text()
    assert console_messages == []


def test_a_model_that_does_not_fit_shows_a_clear_message(page, site_url,
                                                         console_messages) -> None:
    form = open_form(page, site_url + GUIDE10, "serving_capacity")
    form.locator('[name="model"]').select_option("llama-3.1-70b")
    error = form.locator(".calc-error")
    assert error.is_visible()
    assert error.text_content().startswith("The model does not fit: its weights (141.11 GB)")
    assert "NaN" not in form.inner_text()
    form.locator('[name="gpus"]').fill("4")
    assert not error.is_visible()
    assert_outputs_match_python(form, "serving_capacity", {"model": "llama-3.1-70b", "gpus": "4"})
    assert console_messages == []


def test_roofline_form_with_presets_matches_python(page, site_url, console_messages) -> None:
    form = open_form(page, site_url + GUIDE7, "inference_roofline")
    assert_outputs_match_python(form, "inference_roofline", {})
    form.locator('[name="model"]').select_option("llama-3.1-70b")
    form.locator('[name="accelerator"]').select_option("h200")
    form.locator('[name="gpus"]').fill("2")
    assert_outputs_match_python(form, "inference_roofline",
                                {"model": "llama-3.1-70b", "accelerator": "h200", "gpus": "2"})
    assert console_messages == []
