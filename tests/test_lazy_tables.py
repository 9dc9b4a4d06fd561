"""Off-screen tables are not laid out at load (hooks/lazy_tables.py, issue 17.5)."""

from __future__ import annotations

import importlib.util
import re

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("lazy_tables", ROOT / "hooks" / "lazy_tables.py")
lazy_tables = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lazy_tables)


def test_plain_tables_are_boxed_and_classed_ones_left_alone() -> None:
    html = ('<p>a</p><table><tr><td>1</td></tr></table>'
            '<table class="sources"><tr><td>2</td></tr></table>')
    out = lazy_tables.wrap_tables(html)
    assert out.count('<div class="table-lazy"><table>') == 1
    assert '<div class="table-lazy"><table class="sources">' not in out


def test_every_plain_table_of_the_built_site_is_boxed(site_dir) -> None:
    """No page leaves a table without the box (so none is laid out while off screen)."""
    bare = []
    for page in sorted(site_dir.rglob("index.html")):
        article = re.search(r"<article\b.*?</article>", page.read_text("utf-8"), re.S)
        if article and re.search(r'(?<!<div class="table-lazy">)<table>', article.group(0)):
            bare.append(page.relative_to(site_dir).as_posix())
    assert not bare, f"tables outside a table-lazy box: {bare}"
    css = (ROOT / "docs" / "assets" / "css" / "site.css").read_text("utf-8")
    assert re.search(r"\.table-lazy,[^{]*\{\s*content-visibility: auto", css)
