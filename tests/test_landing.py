"""Landing page and navigation (issue 9.6): every "Where to start" path links a live guide
and says whether its section exists yet; site housekeeping stays out of the guide sequence."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT
from test_guide_contract import _Loader, catalog_guides

GUIDES = {p.stem for p in (ROOT / "docs" / "guides").glob("*.md")}


def where_to_start(site: Path) -> list[str]:
    page = (site / "index.html").read_text(encoding="utf-8")
    section = page.split('id="where-to-start"', 1)[1].split("<h2", 1)[0]
    return re.findall(r"<li>(.*?)</li>", section, re.S)


def test_every_path_links_live_guides_only(site_dir: Path) -> None:
    paths = where_to_start(site_dir)
    assert len(paths) >= 3
    for item in paths:
        slugs = re.findall(r'href="guides/([\w-]+)/"', item)
        assert slugs, f"a path links no guide: {item}"
        assert set(slugs) <= GUIDES, f"a path links a guide that does not exist: {item}"


def test_paths_say_what_is_there_now(site_dir: Path) -> None:
    """A path says "in preparation" exactly when its section has no live guide."""
    live = set(catalog_guides())
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    sections = {s["section"]: {g["slug"] for g in s["guides"]} for s in config["extra"]["catalog"]}
    for path, item in zip(config["extra"]["start_paths"], where_to_start(site_dir)):
        has_live = bool(sections[path["section"]] & live)
        assert ("is in preparation" in item) is (not has_live), item


def test_performance_page_is_not_in_the_guide_sequence(site_dir: Path) -> None:
    for slug in GUIDES:
        page = (site_dir / "guides" / slug / "index.html").read_text(encoding="utf-8")
        prev = re.search(r'href="([^"]+)" class="md-footer__link md-footer__link--prev"', page)
        assert prev is None or "performance" not in prev.group(1), f"{slug}: Previous is {prev}"
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[1]
    about = nav.split("About this site:", 1)
    assert len(about) == 2 and "performance.md" in about[1], "Performance sits under About this site"
    assert "performance.md" not in about[0]
