"""The content security policy on every built page (issue 8.9); the browser side is in
tests/test_site_quality.py (no violation on any page, an injected inline script blocked)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from hooks.csp import build_policy, inline_script_hashes, insert_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_built_page_carries_the_policy_before_any_script(site_dir: Path) -> None:
    files = sorted(site_dir.rglob("*.html"))
    assert files
    for file in files:
        html = file.read_text(encoding="utf-8")
        match = META.search(html)
        assert match, f"{file}: no content security policy"
        first_script = html.find("<script")
        assert first_script == -1 or match.start() < first_script, file
        policy = dict(d.strip().split(" ", 1) for d in match.group(1).split(";"))
        assert policy["default-src"] == "'none'"
        for directive in ("style-src", "font-src", "connect-src"):
            assert policy[directive] == "'self'", directive
        assert policy["img-src"] == "'self' data:"
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
        sources = policy["script-src"].split()
        assert sources[0] == "'self'"
        assert all(s.startswith("'sha256-") for s in sources[1:]) and len(sources) > 1
        assert "unsafe" not in match.group(1)


def test_no_inline_style_or_handler_in_built_pages(site_dir: Path) -> None:
    for file in sorted(site_dir.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        assert not re.search(r"\sstyle=\"", html), f"{file}: inline style attribute"
        assert not re.search(r"<style\b", html), f"{file}: <style> element"
        assert not re.search(r"\son[a-z]+=\"", html), f"{file}: inline event handler"


def test_only_scripts_outside_the_content_are_hashed() -> None:
    html = ("<head><meta charset=\"utf-8\"><script>theme()</script>"
            "<script id=\"__config\" type=\"application/json\">{}</script></head>"
            "<body><article><script>evil()</script></article>"
            "<script src=\"x.js\"></script></body>")
    hashes = inline_script_hashes(html)
    digest = base64.b64encode(hashlib.sha256(b"theme()").digest()).decode()
    assert hashes == {f"'sha256-{digest}'"}
    out = insert_policy(html, build_policy(hashes))
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert insert_policy(out, "x") == out
