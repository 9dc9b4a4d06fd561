"""Browser checks over every built page (issue 4).

Each page found in the built site directory (``built_pages``, redirect stubs excluded) is
loaded in headless Chromium three times: desktop light, desktop dark, and a 360 px wide phone
viewport. The checks:

- no request leaves the site's origin (every request is recorded; any off-origin request is
  aborted before it is sent, so a regression cannot reach the network);
- no console error or warning and no uncaught page error;
- axe-core (bundled by axe-playwright-python) reports no WCAG 2.0/2.1/2.2 A or AA violation,
  in all three loads (both colour schemes, and the phone layout);
- at 360 px the page does not scroll sideways, and every live calculator's inputs can be
  clicked and typing into one updates an output.

``test_detectors_catch_a_bad_page`` runs the same detectors on a synthetic bad page, so each
check is shown to be able to fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import mount_all_forms

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    overflow: str = ""
    calculators: list[str] = field(default_factory=list)
    num_calculators: int = 0
    csp: list[str] = field(default_factory=list)


# Records every content-security-policy violation a page reports (issue 8.9).
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    `${e.effectiveDirective}: ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});"""


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def visit(browser, url: str, *, viewport: dict, color_scheme: str = "light",
          run_axe: bool = True, phone_checks: bool = False, setup=None) -> Visit:
    """Load ``url`` in a fresh context and run the checks; return what was found."""
    result = Visit()
    origin = _origin(url)
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
    try:
        def is_offsite(request_url: str) -> bool:
            parts = urlsplit(request_url)
            return parts.scheme not in LOCAL_SCHEMES and (parts.scheme, parts.netloc) != origin

        # Abort anything off-origin before it is sent; the "request" event still records it.
        context.route(is_offsite, lambda route: route.abort())
        if setup:
            setup(context)
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("request", lambda r: result.requests.append(r.url))
        page.on("console", lambda m: result.console.append(f"{m.type}: {m.text}")
                if m.type in {"error", "warning"} else None)
        page.on("pageerror", lambda e: result.console.append(f"pageerror: {e}"))
        page.goto(url, wait_until="networkidle")
        _wait_for_calculators(page)
        if run_axe:
            response = Axe().run(page, options=AXE_OPTIONS).response
            for v in response["violations"]:
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                result.axe.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes: "
                                  f"{targets}): {v['help']}")
        if phone_checks:
            result.overflow = _horizontal_overflow(page)
            result.num_calculators, result.calculators = _check_calculators(page)
        page.wait_for_timeout(100)  # late console messages
        result.csp = page.evaluate("window.__cspViolations || []")
    finally:
        context.close()
    result.offsite = [u for u in result.requests if is_offsite(u)]
    return result


def _wait_for_calculators(page) -> None:
    mount_all_forms(page)  # forms mount lazily (mount.js); as if the reader reached each one


# Elements that stick out to the right and are not inside a box that clips or scrolls: the
# ones that widen the page (a table inside Material's scroll wrapper is fine).
WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (e) => {
    for (let x = e.parentElement; x && x !== document.body; x = x.parentElement) {
      if (getComputedStyle(x).overflowX !== "visible") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !clipped(e))
    .slice(0, 5)
    .map((e) => [e.tagName.toLowerCase(), ...e.classList].join("."));
}"""


def _horizontal_overflow(page) -> str:
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth,"
        " body: document.body.scrollWidth})"
    )
    if widths["scroll"] > widths["client"] or widths["body"] > widths["client"]:
        wide = page.evaluate(WIDE_ELEMENTS)
        return f"scrollWidth {widths} exceeds clientWidth; elements sticking out: {wide}"
    return ""


def _new_value(spec_field: dict) -> str:
    """A valid value different from the default: halfway to the far end of the range."""
    default = float(spec_field["default"])
    lo, hi = float(spec_field["minimum"]), float(spec_field["maximum"])
    target = (default + hi) / 2 if hi - default >= default - lo else (default + lo) / 2
    if spec_field.get("integer"):
        target = round(target)
    return str(int(target)) if float(target).is_integer() else f"{target:.6g}"


def _check_calculators(page) -> tuple[int, list[str]]:
    problems: list[str] = []
    forms = page.locator("form[data-calculator]")
    width = page.viewport_size["width"]
    for i in range(forms.count()):
        form = forms.nth(i)
        name = form.get_attribute("data-calculator")
        if form.get_attribute("data-mounted") != "ready":
            problems.append(f"{name}: not mounted ({form.get_attribute('data-mounted')})")
            continue
        spec = form.evaluate("f => JSON.parse(f.dataset.spec)")
        controls = form.locator("input, select")
        for j in range(controls.count()):
            control = controls.nth(j)
            control.scroll_into_view_if_needed()
            box = control.bounding_box()
            if box is None or box["x"] < 0 or box["x"] + box["width"] > width + 0.5:
                problems.append(f"{name}: control {control.get_attribute('name')} outside "
                                f"the {width} px viewport: {box}")
                continue
            try:
                control.click(timeout=2_000)  # actionable: visible, enabled, not covered
            except Exception as exc:  # noqa: BLE001 - report, do not stop at the first
                problems.append(f"{name}: cannot click {control.get_attribute('name')}: {exc}")
        outputs = form.locator("output")
        before = outputs.all_text_contents()
        changed = False
        for spec_field in spec["fields"]:
            if "choices" in spec_field:
                continue
            control = form.locator(f"input[name='{spec_field['key']}']")
            control.click()
            control.press("Control+A")
            control.press_sequentially(_new_value(spec_field))
            if outputs.all_text_contents() != before:
                changed = True
                break
        if not changed:
            problems.append(f"{name}: typing into its inputs changed no output")
    return forms.count(), problems


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def visits(browser, site_url: str, built_pages: list[str]) -> dict[str, dict[str, Visit]]:
    out: dict[str, dict[str, Visit]] = {}
    for path in built_pages:
        url = site_url + path
        out[path] = {
            "light": visit(browser, url, viewport=DESKTOP, color_scheme="light"),
            "dark": visit(browser, url, viewport=DESKTOP, color_scheme="dark"),
            "phone": visit(browser, url, viewport=PHONE, phone_checks=True),
        }
    return out


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"/{page}: {p}" for page, items in problems.items() for p in items)


# --------------------------------------------------------------------------- checks


def test_every_built_page_is_visited(visits, built_pages):
    assert sorted(visits) == sorted(built_pages)
    assert any(p.startswith("guides/") for p in visits), "no guide page was built"


def test_no_request_leaves_the_origin(visits):
    problems = {p: sorted({u for v in vs.values() for u in v.offsite}) for p, vs in visits.items()}
    problems = {p: items for p, items in problems.items() if items}
    assert not problems, "requests left the origin:\n" + _report(problems)
    assert all(v["light"].requests for v in visits.values()), "no request was recorded"


def test_no_console_errors_or_warnings(visits):
    problems = {p: [f"[{k}] {m}" for k, v in vs.items() for m in v.console]
                for p, vs in visits.items()}
    problems = {p: items for p, items in problems.items() if items}
    assert not problems, "console errors or warnings:\n" + _report(problems)


def test_axe_wcag2_a_aa_light_and_dark(visits):
    problems = {p: [f"[{k}] {m}" for k, v in vs.items() for m in v.axe]
                for p, vs in visits.items()}
    problems = {p: items for p, items in problems.items() if items}
    assert not problems, "axe-core WCAG 2 A/AA violations:\n" + _report(problems)


def test_no_content_security_policy_violation(visits):
    problems = {p: [f"[{k}] {m}" for k, v in vs.items() for m in v.csp]
                for p, vs in visits.items()}
    problems = {p: items for p, items in problems.items() if items}
    assert not problems, "content security policy violations:\n" + _report(problems)


def test_no_horizontal_scroll_at_360px(visits):
    problems = {p: [vs["phone"].overflow] for p, vs in visits.items() if vs["phone"].overflow}
    assert not problems, "pages scroll sideways at 360 px:\n" + _report(problems)


def test_calculators_usable_at_360px(visits):
    assert sum(vs["phone"].num_calculators for vs in visits.values()) > 0, "no calculator found"
    problems = {p: vs["phone"].calculators for p, vs in visits.items() if vs["phone"].calculators}
    assert not problems, "calculators not usable at 360 px:\n" + _report(problems)


BAD_PAGE = """<!doctype html><html><head><title>bad</title></head><body>
<img src="https://example.invalid/pixel.png">
<div style="width: 900px">wider than a phone</div>
<script>console.error("deliberate error"); console.warn("deliberate warning");</script>
</body></html>"""


def test_detectors_catch_a_bad_page(browser, site_url: str):
    """Each detector above flags a page built to break it (served on the site's origin)."""
    url = site_url + "__quality-selftest__/"

    def serve_bad_page(context):
        context.route(url, lambda route: route.fulfill(body=BAD_PAGE, content_type="text/html"))

    found = visit(browser, url, viewport=PHONE, phone_checks=True, setup=serve_bad_page)
    assert found.offsite == ["https://example.invalid/pixel.png"]
    assert any("deliberate error" in m for m in found.console)
    assert any("deliberate warning" in m for m in found.console)
    assert any(m.startswith("image-alt") for m in found.axe), found.axe
    assert any(m.startswith("html-has-lang") for m in found.axe), found.axe
    assert found.overflow


def test_an_injected_inline_script_is_blocked(browser, site_url: str):
    """The policy blocks an inline script that reaches a built page, and the violation is seen
    by the same listener the page checks use."""
    url = site_url + "guides/llm-api-latency-explained/"

    def inject(context):
        def handle(route):
            html = route.fetch().text()
            assert '<meta http-equiv="Content-Security-Policy"' in html
            html = html.replace("</article>",
                                "<script>window.__injected = true;</script></article>", 1)
            route.fulfill(body=html, content_type="text/html")
        context.route(url, handle)

    found = visit(browser, url, viewport=DESKTOP, run_axe=False, setup=inject)
    assert any(v.startswith("script-src") and "inline" in v for v in found.csp), found.csp
    assert any("Content Security Policy" in m for m in found.console), found.console
