"""Search and sharing metadata on every built page (issue 4).

Every Markdown page has a ``description`` in its front matter; every built page has a unique
meta description, Open Graph and Twitter card tags (from ``overrides/main.html``, no network
at build time), a canonical URL under ``site_url`` (except the 404 page), and appears in
``sitemap.xml``. Heading ids are stable: every heading in the content has an id, and none is a
de-duplicated ``_1``-style id, which would change when a section with the same title moves.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import ROOT

REQUIRED_PROPERTIES = ("og:title", "og:description", "og:url", "og:type", "og:site_name")
REQUIRED_NAMES = ("description", "twitter:card", "twitter:title", "twitter:description")


class HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.heading_ids: list[str | None] = []
        self._in_content = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a.get("content") or ""
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "article":
            self._in_content += 1
        elif self._in_content and re.fullmatch(r"h[2-6]", tag):
            self.heading_ids.append(a.get("id"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._in_content:
            self._in_content -= 1


def parse(site_dir: Path, page: str) -> HeadParser:
    file = site_dir / (page + "index.html" if page == "" or page.endswith("/") else page)
    parser = HeadParser()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def test_every_markdown_page_has_a_description_in_front_matter():
    missing = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "docs").rglob("*.md"))
        if not str(front_matter(p).get("description", "")).strip()
    ]
    assert not missing, f"pages without a front matter description: {missing}"


def test_every_page_has_unique_description_and_sharing_tags(site_dir, built_pages, site_url):
    problems = []
    descriptions: Counter[str] = Counter()
    for page in built_pages:
        head = parse(site_dir, page)
        for key in REQUIRED_PROPERTIES + REQUIRED_NAMES:
            if not head.meta.get(key, "").strip():
                problems.append(f"/{page}: no {key}")
        descriptions[head.meta.get("description", "")] += 1
        if head.meta.get("og:description") != head.meta.get("description"):
            problems.append(f"/{page}: og:description differs from the meta description")
        if not head.meta.get("og:url", "").startswith(site_url):
            problems.append(f"/{page}: og:url {head.meta.get('og:url')!r} not under {site_url}")
        if page != "404.html":
            if head.canonical != site_url + page:
                problems.append(f"/{page}: canonical {head.canonical!r} != {site_url + page}")
            if head.meta.get("og:url") != head.canonical:
                problems.append(f"/{page}: og:url differs from the canonical URL")
    duplicated = [d for d, n in descriptions.items() if n > 1]
    problems += [f"description used by more than one page: {d!r}" for d in duplicated]
    assert not problems, "\n".join(problems)


def test_sitemap_lists_every_page(site_dir, built_pages, site_url):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    expected = {site_url + p for p in built_pages if p != "404.html"}
    assert expected <= listed, f"missing from sitemap.xml: {sorted(expected - listed)}"
    assert (site_dir / "sitemap.xml.gz").is_file()


def test_404_page_links_home_and_every_guide(site_dir, site_url):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    hrefs = set(re.findall(r'href="([^"]+)"', article))
    base = site_url.split("://", 1)[1].split("/", 1)[1]  # the path part, "" at the root
    assert "/" + base in hrefs or "/" + base + "." in hrefs, f"no link home: {hrefs}"
    guides = sorted(p.stem for p in (ROOT / "docs" / "guides").glob("*.md") if p.stem != "index")
    missing = [g for g in guides if f"/{base}guides/{g}/" not in hrefs]
    assert not missing, f"404 page does not link these guides: {missing}"


def test_heading_ids_are_present_and_not_deduplicated(site_dir, built_pages):
    problems = []
    for page in built_pages:
        for heading_id in parse(site_dir, page).heading_ids:
            if not heading_id:
                problems.append(f"/{page}: a heading has no id")
            elif re.search(r"_\d+$", heading_id):
                problems.append(f"/{page}: heading id {heading_id!r} is a de-duplicated id; "
                                "give the heading a unique title or an explicit { #id }")
    assert not problems, "\n".join(problems)
