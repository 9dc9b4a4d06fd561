"""Forms in Chromium against hostile state (issue 8.2-8.5) and the usability of issue 9.4:
state never leaks between pages, errors mark every field they name, Python and JavaScript
parse alike, "Copy link" and "Copy as Markdown" put the right text on the clipboard, several
forms on a page keep their states apart in one URL, and the chart redraws from the live
result."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from calculators import run
from conftest import assert_outputs_match_python, open_form, wait_mounted
from macros.format import format_value

pytestmark = pytest.mark.browser

GUIDE = "guides/llm-api-latency-explained/"
CONVENTIONS = "conventions/"


def query(page) -> dict[str, list[str]]:
    # location.href, not page.url: Playwright learns of replaceState asynchronously.
    return parse_qs(urlsplit(page.evaluate("location.href")).query, keep_blank_values=True)


def test_no_state_leaks_to_the_previous_page_on_back(page, site_url, console_messages) -> None:
    open_form(page, site_url + GUIDE, "latency_budget")
    page.evaluate("window.__noReload = true")
    page.locator('nav a.md-nav__link[href$="conventions/"]').first.click()
    page.wait_for_url("**/" + CONVENTIONS)
    wait_mounted(page, "metric_conventions")
    box = page.locator('form[data-calculator="metric_conventions"] [name="output_tokens"]')
    box.fill("12")  # focus stays in the box
    page.wait_for_function("() => location.search === '?output_tokens=12'", timeout=3000)
    page.go_back()
    page.wait_for_url(re.compile(re.escape(site_url + GUIDE) + r"$"))
    wait_mounted(page, "latency_budget")
    page.wait_for_timeout(300)  # a late change event from the old page would land here
    assert page.evaluate("window.__noReload === true"), "Back reloaded the page"
    assert query(page) == {}, page.url
    form = page.locator('form[data-calculator="latency_budget"]')
    assert form.locator('[name="output_tokens"]').input_value() == "500"
    assert_outputs_match_python(form, "latency_budget", {})
    assert console_messages == []


def test_a_form_writes_only_its_own_keys(page, site_url) -> None:
    form = open_form(page, site_url + GUIDE + "?rate=-1&utm_source=doc", "latency_budget")
    form.locator('[name="rtt"]').fill("250")
    assert query(page) == {"rate": ["-1"], "utm_source": ["doc"], "rtt": ["250"]}


@pytest.mark.parametrize(
    ("path", "name", "marked"),
    [
        (CONVENTIONS + "?network=900", "metric_conventions", {"network", "queue", "ttft"}),
        (CONVENTIONS + "?e2e=0.5", "metric_conventions", {"e2e", "ttft"}),
        (CONVENTIONS + "?tokens_per_chunk=500", "metric_conventions",
         {"tokens_per_chunk", "output_tokens"}),
        (GUIDE + "?prompt_tokens=100&cached_prompt_tokens=200", "latency_budget",
         {"prompt_tokens", "cached_prompt_tokens"}),
        (CONVENTIONS + "?ttft=0&network=0&queue=0&e2e=1e-300", "metric_conventions", {"e2e", "ttft"}),
        (GUIDE + "?connection=pigeon", "latency_budget", {"connection"}),
    ],
)
def test_errors_mark_every_field_they_name(page, site_url, path, name, marked) -> None:
    form = open_form(page, site_url + path, name)
    error = form.locator(".calc-error")
    assert error.is_visible()
    invalid = set(form.evaluate(
        "f => [...f.querySelectorAll('[aria-invalid=true]')].map(c => c.name)"))
    assert invalid == marked, error.text_content()
    assert "(" + next(iter(marked)) + ")" not in error.text_content()  # labels, not keys
    assert "e+" not in form.inner_text() and "Infinity" not in form.inner_text()


def test_the_message_quotes_a_bad_choice_from_the_link(page, site_url) -> None:
    form = open_form(page, site_url + GUIDE + "?connection=pigeon", "latency_budget")
    assert form.locator(".calc-error").text_content() == (
        'Connection must be one of: reused, new-tls13, new-tls12; got "pigeon".')


def test_spaces_around_a_choice_and_thousands_separators_are_accepted(page, site_url) -> None:
    form = open_form(page, site_url + GUIDE + "?connection=%20reused%20", "latency_budget")
    assert not form.locator(".calc-error").is_visible()
    assert_outputs_match_python(form, "latency_budget", {"connection": "reused"})
    form.locator('[name="prompt_tokens"]').fill("30,000")
    assert not form.locator(".calc-error").is_visible()
    assert_outputs_match_python(form, "latency_budget",
                                {"connection": "reused", "prompt_tokens": "30,000"})
    form.locator('[name="prompt_tokens"]').fill("\u0661\u0662\u0663")
    assert form.locator(".calc-error").text_content().startswith("Prompt tokens must be")


@pytest.fixture()
def clip_page(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  base_url=site_url)
    page = context.new_page()
    yield page
    context.close()


def test_copy_link_and_copy_as_markdown(clip_page, site_url) -> None:
    page = clip_page
    form = open_form(page, site_url + GUIDE, "latency_budget")
    form.locator('[name="output_tokens"]').fill("1,200")
    form.locator('[name="rtt"]').fill("90")
    form.locator(".calc-copy-link").click()
    status = form.locator(".calc-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.querySelector('.calc-status').textContent.includes('copied')")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == page.evaluate("location.href") and "rtt=90" in link and "output_tokens=1%2C200" in link
    form.locator(".calc-copy-markdown").click()
    page.wait_for_function(
        "() => document.querySelector('.calc-status').textContent.includes('Markdown')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert f"([link]({link}))" in text
    shown = form.evaluate("f => Object.fromEntries([...f.querySelectorAll('output')]"
                          ".map(o => [o.name, o.textContent]))")
    expected = run("latency_budget", {"output_tokens": "1,200", "rtt": "90"})
    from calculators import get
    for out in get("latency_budget").outputs:
        figure = format_value(out.format, getattr(expected, out.name))
        assert shown[out.name] == figure
        assert f"| {out.label} | {figure} |" in text
    assert "| Network round trip | 90 ms |" in text
    # A link opened elsewhere restores the state.
    other = open_form(page.context.new_page(), link, "latency_budget")
    assert_outputs_match_python(other, "latency_budget", {"output_tokens": "1200", "rtt": "90"})


def _two_forms_page(page, site_url) -> str:
    """The guide page with the conventions form added: two forms, both with output_tokens."""
    guide = page.request.get(site_url + GUIDE).text()
    other = page.request.get(site_url + CONVENTIONS).text()
    extra = re.search(r'<form class="calc" data-calculator="metric_conventions".*?</form>',
                      other, re.S).group(0)
    return guide.replace("</article>", extra + "</article>", 1)


def test_two_forms_on_one_page_keep_their_states_apart(browser, site_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    url = site_url + GUIDE
    body = _two_forms_page(page, site_url)
    context.route(re.compile(re.escape(url) + r"(\?.*)?$"),
                  lambda route: route.fulfill(body=body, content_type="text/html"))
    latency = open_form(page, url, "latency_budget")
    wait_mounted(page, "metric_conventions")
    convention = page.locator('form[data-calculator="metric_conventions"]')
    latency.locator('[name="output_tokens"]').fill("800")
    convention.locator('[name="output_tokens"]').fill("300")
    assert query(page) == {"latency_budget.output_tokens": ["800"],
                           "metric_conventions.output_tokens": ["300"]}
    link = page.evaluate("location.href")
    fresh = context.new_page()
    restored = open_form(fresh, link, "latency_budget")
    wait_mounted(fresh, "metric_conventions")
    assert restored.locator('[name="output_tokens"]').input_value() == "800"
    other = fresh.locator('form[data-calculator="metric_conventions"]')
    assert other.locator('[name="output_tokens"]').input_value() == "300"
    assert_outputs_match_python(restored, "latency_budget", {"output_tokens": "800"})
    assert_outputs_match_python(other, "metric_conventions", {"output_tokens": "300"})
    context.close()


def test_one_form_keeps_plain_keys(page, site_url) -> None:
    form = open_form(page, site_url + GUIDE + "?rtt=120", "latency_budget")
    assert form.locator('[name="rtt"]').input_value() == "120"


def test_the_chart_redraws_from_the_live_result(page, site_url) -> None:
    form = open_form(page, site_url + GUIDE, "latency_budget")
    form.locator('[name="output_tokens"]').fill("2000")
    form.locator('[name="connection"]').select_option("reused")
    result = run("latency_budget", {"output_tokens": "2000", "connection": "reused"})
    chart = page.locator('figure[data-live-calculator="latency_budget"]').last
    fields = chart.evaluate("c => [...c.querySelectorAll('rect[data-field]')]"
                            ".map(r => [r.dataset.field, +r.getAttribute('width')])")
    total = sum(getattr(result, f) for f, _ in fields)
    shares = [getattr(result, f) / total for f, _ in fields]
    for (field, width), share in zip(fields, shares, strict=True):
        assert width == pytest.approx(100 * share, abs=1e-4), field
    rows = chart.evaluate("c => [...c.querySelectorAll('tr[data-field]')]"
                          ".map(r => [r.dataset.field, r.cells[1].textContent, r.cells[2].textContent])")
    for (field, value, share_text), share in zip(rows, shares, strict=True):
        assert value == format_value("duration", getattr(result, field))
        assert share_text == format_value("percent", share)
