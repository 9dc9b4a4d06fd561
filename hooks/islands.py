"""Puts the macros' raw HTML islands (forms, charts, sources tables) back into each page.

``macros/islands.py`` keeps those blocks out of the Markdown and leaves an HTML comment in
their place; this hook replaces each comment with its block in the page's final HTML, after
Markdown and the search plugin have run. A build without the macros plugin has no islands,
and this hook leaves its pages as they are.
"""

from __future__ import annotations

import sys
from typing import Any


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    islands = sys.modules.get("macros.islands")  # imported by mkdocs-macros, when it runs
    if islands is None or "<!--island " not in output:
        return output
    return islands.restore(output, page.file.src_path)
