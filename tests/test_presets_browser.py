"""Preset forms in Chromium (issue 7.4/7.5): choosing a preset fills the fields, the outputs
equal Python's, an edited field survives a copied URL, and bad input shows the field's message.

Runs on the accelerators page (``device_ratios``) and, once the inference guides register it,
on the models page (``model_memory``)."""

from __future__ import annotations

import pytest

from calculators import get, run
from calculators.fields import InputError
from calculators.registry import REGISTRY
from conftest import assert_outputs_match_python, open_form

pytestmark = pytest.mark.browser

# (page, calculator, preset key, entry to choose, (field to edit, edited value))
FORMS = [
    ("reference/accelerators/", "device_ratios", "accelerator", "mi300x", ("bandwidth", "4000")),
    ("reference/models/", "model_memory", "model", "llama-3.1-70b", ("layers", "90")),
]


def _forms():
    for page, name, key, entry, edit in FORMS:
        marks = () if name in REGISTRY else pytest.mark.skip(reason=f"{name} not registered yet")
        yield pytest.param(page, name, key, entry, edit, id=name, marks=marks)


def _values(form) -> dict[str, str]:
    return form.evaluate("f => Object.fromEntries([...f.elements].filter(e => e.name)"
                         ".map(e => [e.name, e.value]))")


@pytest.mark.parametrize(("path", "name", "key", "entry", "edit"), list(_forms()))
def test_preset_fills_outputs_match_and_url_restores(page, site_url, browser, console_messages,
                                                     path, name, key, entry, edit) -> None:
    form = open_form(page, site_url + path, name)
    assert_outputs_match_python(form, name, {})
    form.locator(f'[name="{key}"]').select_option(entry)
    expected = get(name).field(key).values_for(entry)
    shown = _values(form)
    assert {k: shown[k] for k in expected} == {k: str(v) for k, v in expected.items()}
    assert_outputs_match_python(form, name, {key: entry})
    assert f"{key}={entry}" in page.url
    assert not any(f"{k}=" in page.url.split("?", 1)[1] for k in expected)  # implied by preset

    field, value = edit
    form.locator(f'[name="{field}"]').fill(value)
    inputs = {key: entry, field: value}
    assert_outputs_match_python(form, name, inputs)
    copied = page.url
    assert f"{field}={value}" in copied
    other = browser.new_page()
    try:
        restored = open_form(other, copied, name)
        values = _values(restored)
        assert values[key] == entry and values[field] == value
        untouched = next(k for k in expected if k != field)
        assert values[untouched] == str(expected[untouched])  # from the preset, not the URL
        assert_outputs_match_python(restored, name, inputs)
    finally:
        other.close()
    assert console_messages == []


@pytest.mark.parametrize(("path", "name", "key", "entry", "edit"), list(_forms()))
def test_bad_input_shows_the_fields_message(page, site_url, console_messages,
                                            path, name, key, entry, edit) -> None:
    form = open_form(page, site_url + path, name)
    field = edit[0]
    with pytest.raises(InputError) as info:
        run(name, {field: "-1"})
    form.locator(f'[name="{field}"]').fill("-1")
    error = form.locator(".calc-error")
    assert error.is_visible()
    assert error.text_content() == str(info.value)
    form.locator(f'[name="{field}"]').fill(str(get(name).field(field).default))
    assert not error.is_visible()
    assert console_messages == []
