"""Raw HTML islands: the forms, charts and sources tables macros write, kept out of Markdown.

A live calculator form or an SVG chart is finished HTML. Left in the Markdown, it is parsed
twice more for nothing: by Python-Markdown, which only hands raw HTML blocks back unchanged,
and by the search plugin, which reads every tag of the page to index its text (the labels of
form fields, the tick labels of charts and the rows of a sources table are no search terms).
The forms alone were 43 % of the bytes of the guides' articles (issue 17.3).

So a macro that writes such a block returns :func:`island` instead: an HTML comment holding
a digest of the block, which Markdown keeps where it stands as it keeps any comment. The
blocks of the page being rendered are collected here; ``hooks/islands.py`` puts each one back
in place of its comment in the page's final HTML (``on_post_page``), so the published page is
byte for byte what it was. The macros' build cache stores a page's islands with its Markdown.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

__all__ = ["PAGES", "begin", "finish", "island", "islands_of", "restore", "use", "writes_island"]

#: The islands of the page being rendered, by comment.
_current: dict[str, str] = {}
#: Every page's islands this build, by source path (what ``hooks/islands.py`` reads).
PAGES: dict[str, dict[str, str]] = {}

_COMMENT = re.compile(r"<!--island [0-9a-f]{24}-->")


def island(html: str) -> str:
    """Keep ``html`` for the final page; return the comment that marks its place."""
    comment = f"<!--island {hashlib.sha256(html.encode()).hexdigest()[:24]}-->"
    _current[comment] = html
    return comment


def writes_island(macro: Callable[..., str]) -> Callable[..., str]:
    """A macro whose HTML goes into the page as an island."""

    @wraps(macro)
    def as_island(*args: Any, **kwargs: Any) -> str:
        return island(macro(*args, **kwargs))

    return as_island


def begin() -> None:
    """A page starts rendering."""
    _current.clear()


def use(src_path: str, islands: Mapping[str, str]) -> None:
    """The page's islands, as the build cache stored them with its Markdown."""
    _current.clear()
    _current.update(islands)
    PAGES[src_path] = dict(islands)


def finish(src_path: str) -> None:
    """The page's macros are done: its islands wait for its final HTML."""
    PAGES[src_path] = dict(_current)


def islands_of(src_path: str) -> dict[str, str]:
    return dict(PAGES.get(src_path, {}))


def restore(output: str, src_path: str) -> str:
    """``output`` with every island comment of the page replaced by its HTML; a comment with
    no island (a stale cache entry would leave one) is an error, never a silent gap."""
    blocks = PAGES.get(src_path, {})

    def put_back(match: re.Match[str]) -> str:
        try:
            return blocks[match.group(0)]
        except KeyError:
            raise ValueError(f"{src_path}: no island for {match.group(0)}") from None

    return _COMMENT.sub(put_back, output)
