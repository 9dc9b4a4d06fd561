"""The macros' build cache (macros/cache.py, issue 17.3): what its key sees, and its entries.

That a page from the cache is byte for byte the page its macros render is checked on the
whole site by ``tests/test_reproducible_build.py`` (a cold build against warm ones).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT

from macros.cache import PageCache, fingerprint


@pytest.fixture()
def project(tmp_path: Path) -> tuple[dict, Path]:
    """A docs folder and a small stand-in for the calculators package."""
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    package = tmp_path / "calculators"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "data" / "latency.toml").write_text('value = 0.75\n', encoding="utf-8")
    conf = {"docs_dir": str(docs), "site_url": "http://127.0.0.1:8000/", "extra": {"a": 1}}
    return conf, package


def test_every_input_of_a_page_changes_the_fingerprint(project) -> None:
    conf, package = project
    base = fingerprint(conf, package)
    assert fingerprint(conf, package) == base  # stable

    def changed(edit) -> bool:
        before = fingerprint(conf, package)
        edit()
        return fingerprint(conf, package) != before

    catalog = package / "data" / "latency.toml"
    docs = Path(conf["docs_dir"])
    assert changed(lambda: catalog.write_text("value = 0.5\n", encoding="utf-8"))
    assert changed(lambda: (package / "rag.py").write_text("X = 1\n", encoding="utf-8"))
    assert changed(lambda: (docs / "guides" / "new.md").write_text("# New\n", encoding="utf-8"))
    assert changed(lambda: (docs / "performance.json").write_text("{}", encoding="utf-8"))
    assert changed(lambda: conf.update(extra={"a": 2}))
    assert changed(lambda: conf.update(site_url="http://127.0.0.1:9000/"))
    # Bytecode is not an input.
    (package / "__pycache__").mkdir()
    assert not changed(lambda: (package / "__pycache__" / "x.pyc").write_bytes(b"\0"))


def test_the_real_package_and_macros_are_fingerprinted(tmp_path: Path) -> None:
    """Editing a copy of the real calculators tree changes the fingerprint."""
    conf = {"docs_dir": str(ROOT / "docs"), "site_url": "", "extra": {}}
    copy = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(conf, copy)
    assert before == fingerprint(conf, ROOT / "calculators")
    toml = copy / "data" / "latency.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("0.75", "0.5", 1), encoding="utf-8")
    assert fingerprint(conf, copy) != before


def page(src: str = "guides/a.md", url: str = "guides/a/", **meta: object) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_path=src), url=url, meta=meta)


def test_entries_round_trip_and_a_build_keeps_only_what_it_used(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "macros", "digest-1")
    a, b = cache.key(page(), "{{ calc('x') }}"), cache.key(page("b.md", "b/"), "{{ calc('x') }}")
    assert a != b
    assert cache.key(page(), "{{ calc('y') }}") != a  # the page's source
    assert cache.key(page(title="T"), "{{ calc('x') }}") != a  # its front matter
    assert PageCache(tmp_path, "digest-2").key(page(), "{{ calc('x') }}") != a
    assert cache.get(a) is None
    cache.put(a, "rendered a")
    cache.put(b, "rendered b")
    cache.save_macro_names(["calc", "table"])
    cache.prune()

    later = PageCache(tmp_path / "macros", "digest-1")
    assert later.macro_names() == ["calc", "table"]
    assert later.get(a) == "rendered a"
    assert (later.hits, later.misses) == (1, 0)
    later.prune()  # b was not used by this build
    assert sorted(p.name for p in (tmp_path / "macros").iterdir()) == sorted(
        [f"{a}.md", "names-digest-1.json"])
    assert not list((tmp_path / "macros").glob("*.tmp"))


def test_macros_cache_off_reads_and_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MACROS_CACHE", "off")
    env = SimpleNamespace(project_dir=str(tmp_path), conf={})
    cache = PageCache.for_env(env)
    assert not cache.enabled
    cache.put("k", "text")
    cache.save_macro_names(["calc"])
    cache.prune()
    assert cache.get("k") is None and cache.macro_names() is None
    assert not (tmp_path / ".cache").exists()


def test_an_edited_page_renders_afresh_beside_pages_from_the_cache(tmp_path: Path,
                                                                   monkeypatch) -> None:
    """The second build knows the macro names, so the macros are stand-ins until the edited
    page calls one; that page shows the edit and every other page is as before."""
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("PYTHONPATH", str(project))  # the copy's calculators and macros
    monkeypatch.delenv("MACROS_CACHE", raising=False)
    first = build_site(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr[-2000:]
    guide = project / "docs" / "guides" / "llm-api-latency-explained.md"
    text = guide.read_text(encoding="utf-8")
    marker = 'Checked by the cache test: {{ fmt(0.25, "percent") }}.'
    guide.write_text(text.replace("\n# ", f"\n{marker}\n\n# ", 1), encoding="utf-8")
    second = build_site(project, tmp_path / "second")
    assert second.returncode == 0, second.stderr[-2000:]

    def pages(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html")}

    a, b = pages(tmp_path / "first"), pages(tmp_path / "second")
    edited = "guides/llm-api-latency-explained/index.html"
    assert "Checked by the cache test: 25%." in b[edited].decode("utf-8")
    assert sorted(n for n in a if a[n] != b[n]) == [edited]
    names = [p.name for p in (project / ".cache" / "macros").iterdir()]
    assert len(names) == len(a) + 1 and any(n.startswith("names-") for n in names)


def test_an_env_without_a_project_has_no_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("MACROS_CACHE", raising=False)
    assert not PageCache.for_env(SimpleNamespace(conf={"docs_dir": str(tmp_path)})).enabled


def test_a_rebuild_reimports_calculators_only_when_its_fingerprint_changed(monkeypatch) -> None:
    """``mkdocs serve`` after a Markdown-only edit reuses the loaded package; after an edit to
    the package (a new fingerprint), or with the cache off (no fingerprint), imports it anew."""
    import sys

    import macros

    loaded = {name: module for name, module in sys.modules.items()
              if name == "calculators" or name.startswith("calculators.")}
    monkeypatch.setattr(macros, "_imported_with", [])
    try:
        first = macros._fresh_calculators("digest-1")
        assert sys.modules["calculators"] is first
        assert macros._fresh_calculators("digest-1") is first  # nothing it reads changed
        second = macros._fresh_calculators("digest-2")  # a calculators file changed
        assert second is not first and sys.modules["calculators"] is second
        third = macros._fresh_calculators("")  # cache off: always afresh
        assert third is not second and macros._fresh_calculators("") is not third
    finally:  # the rest of the session keeps the modules it imported
        for name in [m for m in sys.modules if m == "calculators" or m.startswith("calculators.")]:
            del sys.modules[name]
        sys.modules.update(loaded)
