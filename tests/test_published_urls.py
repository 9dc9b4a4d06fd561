"""Links never break (issue 4).

``tests/published_urls.txt`` lists every URL the site has published: each page, and each
heading anchor that design docs link to. A listed URL must keep resolving, either to a built
page (and, for an anchor, an element with that id) or through a redirect stub written by
mkdocs-redirects (``plugins.redirects.redirect_maps`` in mkdocs.yml) to a page that has it.

``test_renamed_page_*`` proves the check on a temporary copy of the project with one page
renamed: without a redirect the check fails; with one it passes.

``test_every_link_in_the_built_site_resolves`` parses every ``<a href>`` of every built page
(Markdown links, raw-HTML links, navigation and theme links alike) and checks that each
internal target file and fragment exists, offline. External links are checked for form only.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT, build_site, copy_project, list_built_pages

PUBLISHED = ROOT / "tests" / "published_urls.txt"
MAX_REDIRECTS = 5


class LinkParser(HTMLParser):
    """Collects ids (and ``<a name>``), hrefs and a meta-refresh target from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.+)$", a.get("content") or "", re.IGNORECASE)
            if match:
                self.refresh = match.group(1).strip()


_parsed: dict[Path, LinkParser] = {}


def parse_file(path: Path) -> LinkParser:
    if path not in _parsed:
        parser = LinkParser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        _parsed[path] = parser
    return _parsed[path]


def target_file(site: Path, url_path: str) -> Path | None:
    """The file a static host serves for ``url_path`` (relative to the site root)."""
    rel = unquote(url_path).lstrip("/")
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def read_published(path: Path = PUBLISHED) -> list[str]:
    """Non-comment lines: a path from the site root ("/" is the home page), maybe "#id"."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    urls = [line for line in lines if line and not line.startswith("#")]
    bad = [u for u in urls if not u.startswith("/")]
    assert not bad, f"{path.name}: every line starts with '/': {bad}"
    return urls


def check_published(site: Path, urls: list[str]) -> list[str]:
    """Problems with the listed URLs (paths from the site root, optional ``#fragment``)."""
    problems = []
    for url in urls:
        path, _, fragment = url.partition("#")
        current = path
        for _ in range(MAX_REDIRECTS + 1):
            file = target_file(site, current)
            if file is None:
                problems.append(f"{url}: /{current.lstrip('/')} is not in the build and no "
                                "redirect points anywhere from it")
                break
            page = parse_file(file)
            if page.refresh is None:
                if fragment and fragment not in page.ids:
                    problems.append(f"{url}: /{current.lstrip('/')} has no element with "
                                    f"id {fragment!r}")
                break
            # A redirect stub: follow it (its script carries the fragment along).
            base = "/" + current.lstrip("/")
            if not base.endswith("/") and not base.endswith(".html"):
                base += "/"
            current = urlsplit(urljoin(base, page.refresh)).path
        else:
            problems.append(f"{url}: more than {MAX_REDIRECTS} redirects")
    return problems


# --------------------------------------------------------------------------- the live site


def test_published_list_covers_every_page(site_dir):
    """Every page built today is published: it must be in the list (add new pages to it)."""
    listed = {u.partition("#")[0].lstrip("/") for u in read_published()}
    unlisted = [p for p in list_built_pages(site_dir) if p not in listed and p != "404.html"]
    assert not unlisted, f"add these pages to {PUBLISHED.name}: {unlisted}"


def test_published_urls_resolve(site_dir):
    urls = read_published()
    assert any("#" in u for u in urls), "the list has no heading anchors"
    problems = check_published(site_dir, urls)
    assert not problems, "published URLs broke (add a redirect, restore the id):\n" + "\n".join(
        problems)


def test_every_link_in_the_built_site_resolves(site_dir, site_url):
    base_path = urlsplit(site_url).path
    problems = []
    for file in sorted(site_dir.rglob("*.html")):
        rel = "/" + file.relative_to(site_dir).as_posix()
        page_url = rel[: -len("index.html")] if rel.endswith("/index.html") else rel
        for href in parse_file(file).hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") and not href.startswith(site_url):
                if not parts.netloc or " " in href:
                    problems.append(f"{page_url}: malformed external link {href!r}")
                continue
            if parts.scheme in ("mailto", "tel", "javascript") or href.startswith("data:"):
                continue
            absolute = urlsplit(urljoin("http://site" + base_path + page_url.lstrip("/"), href))
            if not absolute.path.startswith(base_path):
                problems.append(f"{page_url}: {href!r} points outside the site")
                continue
            target_path = absolute.path[len(base_path):]
            target = target_file(site_dir, target_path)
            if target is None:
                problems.append(f"{page_url}: {href!r} -> /{target_path} does not exist")
            elif absolute.fragment and target.suffix == ".html":
                if unquote(absolute.fragment) not in parse_file(target).ids:
                    problems.append(f"{page_url}: {href!r} -> no id {absolute.fragment!r}")
    assert not problems, "broken links in the built site:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- the proof


def _load_config(project: Path) -> dict:
    from mkdocs.utils import yaml as mkdocs_yaml

    with (project / "mkdocs.yml").open("rb") as f:
        return mkdocs_yaml.yaml_load(f)


def _write_config(project: Path, config: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False), encoding="utf-8")


def _rename_page(project: Path, old: str, new: str) -> None:
    """Move docs/<old> to docs/<new> and update every reference in docs/ and mkdocs.yml."""
    (project / "docs" / old).rename(project / "docs" / new)
    old_stem, new_stem = Path(old).stem, Path(new).stem
    for path in [project / "mkdocs.yml", *sorted((project / "docs").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old_stem, new_stem), encoding="utf-8")


def _add_redirect(project: Path, old: str, new: str) -> None:
    config = _load_config(project)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            settings = plugin["redirects"] or {}
            plugin["redirects"] = settings
            settings.setdefault("redirect_maps", {})
            settings["redirect_maps"] = dict(settings["redirect_maps"] or {}, **{old: new})
            break
    else:
        pytest.fail("mkdocs.yml has no redirects plugin entry")
    _write_config(project, config)


@pytest.fixture(scope="module")
def renamed_builds(tmp_path_factory, site_port) -> dict[str, object]:
    """Build a copy of the project with one published guide renamed, without and with a
    redirect."""
    guide_urls = [u for u in read_published() if u.startswith("/guides/") and "#" in u]
    assert guide_urls, "the published list has no guide anchor to rename"
    slug = guide_urls[0].split("/")[2]
    old, new = f"guides/{slug}.md", f"guides/{slug}-renamed.md"
    urls = [u for u in read_published() if u.split("#")[0].strip("/") == f"guides/{slug}"]
    results: dict[str, object] = {"old": old, "urls": urls}
    for variant in ("no-redirect", "redirect"):
        project = copy_project(tmp_path_factory.mktemp(variant) / "project")
        _rename_page(project, old, new)
        if variant == "redirect":
            _add_redirect(project, old, new)
        out = project / "site"
        proc = build_site(project, out, f"http://127.0.0.1:{site_port}/")
        assert proc.returncode == 0, f"{variant} build failed:\n{proc.stdout}\n{proc.stderr}"
        results[variant] = out
    return results


def test_renamed_page_without_redirect_fails_the_check(renamed_builds):
    problems = check_published(renamed_builds["no-redirect"], renamed_builds["urls"])
    assert len(problems) == len(renamed_builds["urls"]), problems


def test_renamed_page_with_redirect_passes_the_check(renamed_builds):
    site = renamed_builds["redirect"]
    assert check_published(site, renamed_builds["urls"]) == []
    stub = target_file(site, renamed_builds["urls"][0].split("#")[0])
    assert stub is not None and parse_file(stub).refresh, "expected a redirect stub"


def test_missing_anchor_fails_the_check(site_dir):
    page = next(u for u in read_published() if "#" in u).split("#")[0]
    assert check_published(site_dir, [page + "#no-such-heading-id"])
