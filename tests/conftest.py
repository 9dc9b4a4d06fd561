"""Shared fixtures: one strict build of the site per test session, served on loopback, and
Debian's Chromium for Playwright (browsers cannot be downloaded here).

With ``CI=true`` a missing Chromium fails the browser tests instead of skipping them.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(dest: Path) -> Path:
    """The working tree copied to ``dest`` for a build that edits it: no environments, caches
    (the macros' build cache included), built sites or bytecode."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "__pycache__", ".pytest_cache", ".hypothesis",
        ".cache", "*.pyc"))
    return dest


def build_site(project: Path, out: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` (never ``-q``: it hides strict failures) into ``out``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    out = tmp_path_factory.mktemp("site")
    proc = build_site(ROOT, out, f"http://127.0.0.1:{site_port}/")
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path, site_port: int) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site_port}/"
    server.shutdown()
    server.server_close()


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium found: .ci/run must apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_FLAGS}


@pytest.fixture()
def console_messages(page) -> list[str]:
    """Console errors and warnings, and uncaught page errors, collected while a test runs."""
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}")
            if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    return messages


# --- Added for issue 4 (site quality gates): the built pages, found in the site directory ---

def is_redirect_stub(html: str) -> bool:
    """True for the stub pages mkdocs-redirects writes (a meta refresh and nothing else)."""
    import re

    return re.search(r"<meta[^>]+http-equiv=[\"']refresh[\"']", html, re.IGNORECASE) is not None


def list_built_pages(site: Path) -> list[str]:
    """URL path, relative to the site root, of every built HTML page ('' is the home page).

    Found by walking the site directory, so a page added later is checked without editing any
    list; redirect stubs are left out (they are checked by tests/test_published_urls.py).
    """
    pages = []
    for file in sorted(site.rglob("*.html")):
        if is_redirect_stub(file.read_text(encoding="utf-8", errors="replace")):
            continue
        rel = file.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def built_pages(site_dir: Path) -> list[str]:
    pages = list_built_pages(site_dir)
    # Guards against a walk that silently finds nothing (which would pass every page check).
    assert "" in pages and "404.html" in pages, f"home page or 404 page missing: {pages}"
    return pages


AXE_WCAG_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def axe_reports(page, url: str) -> list[str]:
    """axe-core WCAG 2 A/AA reports for ``url`` in light and in dark mode (empty when clean).

    Dark mode is chosen the way a reader's system chooses it (prefers-color-scheme), on a
    fresh load, so no colour transition is caught half-way.
    """
    from axe_playwright_python.sync_playwright import Axe

    reports = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        results = Axe().run(page, options=AXE_WCAG_OPTIONS)
        if results.violations_count:
            reports.append(f"{scheme}: {results.generate_report()}")
    return reports


def wait_mounted(page, name: str | None = None, timeout: float = 30_000) -> None:
    """Wait until the live calculator ``name`` (default: the page's first form) has mounted.

    Forms mount lazily (``docs/assets/js/mount.js``: when they come near the viewport, are
    focused, or the address carries their state), so the form is scrolled into view first, as
    a reader would. Pass ``wait_for_function`` a function ("() => ..."), never a bare
    expression: Playwright re-polls an expression with ``eval``, which the site's content
    security policy blocks.
    """
    selector = f'form[data-calculator="{name}"]' if name else "form[data-calculator]"
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_function("(sel) => document.querySelector(sel)?.dataset.mounted === 'ready'",
                           arg=selector, timeout=timeout)


def mount_all_forms(page, timeout: float = 20_000) -> None:
    """Mount every live calculator on the page (as focusing each would) and wait for all.

    The focus event is sent again on every poll to each form not yet started: on a heavy page
    the stub (mount.js) may still be waiting for Material's first ``document$`` after the
    network has gone idle.
    """
    page.wait_for_function(
        """() => {
          const forms = [...document.querySelectorAll('form[data-calculator]')];
          for (const f of forms) if (!f.dataset.mounted) f.dispatchEvent(new FocusEvent('focusin'));
          return forms.every(f => f.dataset.mounted === 'ready' || f.dataset.mounted === 'failed');
        }""",
        timeout=timeout, polling=200,
    )


def open_form(page, url: str, name: str):
    """Load ``url`` and wait until the live calculator ``name`` has mounted."""
    page.goto(url)
    wait_mounted(page, name)
    return page.locator(f'form[data-calculator="{name}"]')


def assert_outputs_match_python(form, name: str, inputs: dict) -> None:
    """Every <output> of the form shows the Python value (rel. 1e-9) and Python's text."""
    import math

    from calculators import get, run
    from macros.format import format_value

    expected = run(name, inputs)
    shown = form.evaluate(
        "f => Object.fromEntries([...f.querySelectorAll('output')].map("
        "o => [o.name, [o.textContent, o.dataset.value]]))"
    )
    for out in get(name).outputs:
        text, raw = shown[out.name]
        value = getattr(expected, out.name)
        assert math.isclose(float(raw), value, rel_tol=1e-9, abs_tol=1e-12), out.name
        assert text == format_value(out.format, value), out.name
