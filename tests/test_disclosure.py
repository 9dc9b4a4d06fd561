"""The folded sources table opens when a link points at it (docs/assets/js/disclosure.js):
on a fresh load, after a same-page link, and after Material's instant navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

GUIDE = "guides/llm-api-latency-explained/"
# Null-safe: after an instant navigation the URL changes before the new article is in place.
IS_OPEN = "() => document.querySelector('details#sources')?.open === true"


def test_sources_open_on_a_link_and_stay_folded_otherwise(page, site_url: str) -> None:
    page.goto(site_url + GUIDE, wait_until="networkidle")
    assert page.evaluate(IS_OPEN) is False, "folded by default"
    page.goto(site_url + GUIDE + "#assumptions-and-sources", wait_until="networkidle")
    page.wait_for_function(IS_OPEN)

    page.goto(site_url + GUIDE, wait_until="networkidle")
    page.evaluate("""() => { const a = document.createElement('a'); a.id = 'jump';
        a.href = '#sources'; a.textContent = 'sources'; document.querySelector('article').prepend(a); }""")
    page.click("#jump")
    page.wait_for_function(IS_OPEN)


def test_sources_open_after_instant_navigation(page, site_url: str) -> None:
    page.goto(site_url, wait_until="networkidle")
    page.evaluate(f"""() => {{ const a = document.createElement('a'); a.id = 'go';
        a.href = '{GUIDE}#sources'; a.textContent = 'go';
        document.querySelector('article').prepend(a); }}""")
    page.click("#go")
    page.wait_for_url("**/" + GUIDE + "#sources")
    page.wait_for_function(IS_OPEN)
    assert page.evaluate("() => !!window.document$"), "instant navigation is on"
