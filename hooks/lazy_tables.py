"""Off-screen Markdown tables cost no layout at load (issue 17.5), as an mkdocs hook.

Material wraps each Markdown table in its scroll box only when its script runs, after the
browser has laid out the whole page once, every table included: on a long guide that first
layout was the largest task Lighthouse counted. Each ``<table>`` the Markdown produced (no
attributes; the macros' own tables carry a class and are left alone) is put in a
``<div class="table-lazy">`` here, which site.css gives ``content-visibility: auto``, so the
browser skips the layout of a table until it comes near the screen. Material then wraps the
table inside that box as before; a11y.js makes a box it has not measured yet focusable.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["wrap_tables"]

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def wrap_tables(html: str) -> str:
    return _TABLE.sub(r'<div class="table-lazy"><table>\1</table></div>', html)


def on_page_content(html: str, **kwargs: Any) -> str:
    return wrap_tables(html)
