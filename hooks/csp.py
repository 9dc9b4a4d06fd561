"""Content-Security-Policy for every built page (issue 8.9), as an mkdocs hook.

After the build (and after the redirects plugin has written its stubs), every HTML file in
the site gets a ``<meta http-equiv="Content-Security-Policy">`` as the first element after
``<meta charset>``: scripts, styles, images, fonts and connections from the site's own origin
only; ``object-src 'none'``; ``base-uri 'self'``; no ``'unsafe-eval'`` and no
``'unsafe-inline'``. The theme's own inline scripts (Material's palette and scope snippets)
are allowed by their SHA-256 hashes, computed here from the built files: only scripts outside
the page content (``<article>``) are hashed, so an inline script that reaches a page's
content is blocked. The hashes of every page are allowed on every page, because instant
navigation keeps the first page's policy while it swaps in the others.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

__all__ = ["CSP_MARKER", "build_policy", "inline_script_hashes", "insert_policy"]

CSP_MARKER = '<meta http-equiv="Content-Security-Policy"'
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S | re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_script_hashes(html: str) -> set[str]:
    """``'sha256-...'`` of each executable inline script outside the page content."""
    hashes = set()
    for attrs, body in _SCRIPT.findall(_ARTICLE.sub("", html)):
        if re.search(r"\bsrc\s*=", attrs) or any(t in attrs for t in _DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return hashes


def build_policy(hashes: set[str]) -> str:
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ])


def insert_policy(html: str, policy: str) -> str:
    if CSP_MARKER in html:
        return html
    tag = f'{CSP_MARKER} content="{policy}">'
    match = _CHARSET.search(html)
    if match:
        return html[: match.end()] + "\n    " + tag + html[match.end():]
    head = re.search(r"<head[^>]*>", html, re.I)
    if head is None:
        raise ValueError("no <head> to put the content security policy in")
    return html[: head.end()] + tag + html[head.end():]


def on_post_build(config: Any, **kwargs: Any) -> None:
    files = sorted(Path(config["site_dir"]).rglob("*.html"))
    pages = {f: f.read_text(encoding="utf-8") for f in files}
    hashes: set[str] = set()
    for html in pages.values():
        hashes |= inline_script_hashes(html)
    policy = build_policy(hashes)
    for file, html in pages.items():
        file.write_text(insert_policy(html, policy), encoding="utf-8")
