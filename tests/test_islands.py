"""The macros' forms and charts skip Markdown and the search index, and come back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros import islands


def test_an_island_comes_back_in_place_of_its_comment() -> None:
    islands.begin()
    form = '<form class="calc"><input id="a"></form>'
    comment = islands.island(form)
    assert comment.startswith("<!--island ") and form not in comment
    islands.finish("page.md")
    assert islands.restore(f"<p>before</p>\n{comment}\n<p>after</p>", "page.md") == (
        f"<p>before</p>\n{form}\n<p>after</p>")
    assert islands.restore("<p>no islands</p>", "page.md") == "<p>no islands</p>"


def test_a_comment_without_its_island_is_an_error_naming_the_page() -> None:
    islands.begin()
    comment = islands.island("<svg></svg>")
    islands.finish("a.md")
    with pytest.raises(ValueError, match="b.md: no island"):
        islands.restore(comment, "b.md")


def test_cached_islands_are_used_as_stored() -> None:
    islands.use("c.md", {"<!--island " + "0" * 24 + "-->": "<figure></figure>"})
    assert islands.restore("<!--island " + "0" * 24 + "-->", "c.md") == "<figure></figure>"


def test_the_built_site_has_its_forms_and_charts_but_the_search_index_does_not(
        site_dir: Path) -> None:
    page = (site_dir / "guides" / "llm-api-latency-explained" / "index.html").read_text("utf-8")
    assert '<form class="calc"' in page and '<figure class="chart' in page
    assert "<!--island" not in page
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"]
                    if doc["location"].startswith("guides/llm-api-latency-explained/"))
    assert "Reset to the worked example" not in text  # a form's button
    assert "Where the time to first token of the worked example goes" not in text  # a chart
    assert "Source, date and status" not in text  # the sources table's header
    assert "Sources and dates of the" in page  # the table is back in its box on the page
    assert "time to first token" in text.lower()  # the guide's own prose stays searchable
