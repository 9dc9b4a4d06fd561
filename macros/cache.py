"""A build cache of the macros' output, page by page (issue 17.3).

Rendering a page's macros runs its calculators (simulations, calibrations, the committed
measurements beside their predictions): most of a cold build. What a page renders to depends
only on its own source and on what :func:`fingerprint` hashes: every file of the
``calculators`` package and of ``macros/``, ``docs/performance.json``, the site URL and the
``extra`` section of the configuration, the names of the Markdown files under ``docs/``, and
the versions of Python, Jinja and mkdocs-macros. A page whose key is unchanged since the last
build takes its rendered Markdown from ``.cache/macros/`` beside ``mkdocs.yml`` (the folder
Material's own plugins cache in) and runs no macro; a build in which every page hits never
imports ``calculators``. Any edit to a calculators module or a catalog changes the fingerprint,
so every page renders afresh.

``MACROS_CACHE=off`` builds without reading or writing the cache. The published site is built
from a clean clone, so it is always rendered cold; ``tests/test_reproducible_build.py`` checks
that a cold build and a warm one are byte-identical.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

MACROS_DIR = Path(__file__).resolve().parent
#: Bumped when the format of an entry changes.
FORMAT = "2"  # 2: an entry is JSON, the Markdown and its islands (macros/islands.py)


def _package_dir(name: str) -> Path:
    """Where ``name`` would be imported from, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(name)
    return Path(list(spec.submodule_search_locations)[0])


def _tree(digest: Any, label: str, root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")


def fingerprint(conf: Any, calculators_dir: Path | None = None) -> str:
    """A digest of everything besides a page's own source that its macros may read."""
    digest = hashlib.sha256(f"macros-cache {FORMAT}\0".encode())
    _tree(digest, "calculators", calculators_dir or _package_dir("calculators"))
    _tree(digest, "macros", MACROS_DIR)
    docs = Path(conf["docs_dir"])
    results = docs / "performance.json"
    if results.is_file():
        digest.update(results.read_bytes())
    digest.update("\0".join(sorted(p.relative_to(docs).as_posix()
                                   for p in docs.rglob("*.md"))).encode())
    versions = [sys.version] + [importlib.metadata.version(p)
                                for p in ("jinja2", "mkdocs-macros-plugin")]
    digest.update(json.dumps([conf.get("site_url") or "", conf.get("extra") or {}, versions],
                             sort_keys=True, default=str).encode())
    return digest.hexdigest()


class PageCache:
    """Rendered Markdown by page key; an entry not used by a build is dropped after it."""

    def __init__(self, directory: Path | None, digest: str) -> None:
        self.directory = directory
        self.digest = digest
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_env(cls, env: Any) -> PageCache:
        """The cache beside the project's mkdocs.yml; off with ``MACROS_CACHE=off`` or when
        ``env`` is not a whole mkdocs-macros environment (a test's stand-in has no project)."""
        project = getattr(env, "project_dir", None)
        if project is None or os.environ.get("MACROS_CACHE", "").lower() in (
                "off", "0", "no", "false"):
            return cls(None, "")
        return cls(Path(project) / ".cache" / "macros", fingerprint(env.conf))

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def key(self, page: Any, markdown: str) -> str:
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        text = "\0".join([self.digest, page.file.src_path, page.url, meta, markdown])
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, name: str) -> Path:
        assert self.directory is not None
        self.used.add(name)
        return self.directory / name

    def get(self, key: str) -> str | None:
        if not self.enabled:
            return None
        try:  # another build may prune it at any moment: then it is a miss
            text = self._path(f"{key}.md").read_text(encoding="utf-8")
        except FileNotFoundError:
            self.misses += 1
            return None
        self.hits += 1
        return text

    def put(self, key: str, markdown: str) -> None:
        if self.enabled:
            self._write(self._path(f"{key}.md"), markdown)

    def macro_names(self) -> list[str] | None:
        """The macros the last build with this fingerprint defined (None: not known yet)."""
        if not self.enabled:
            return None
        try:
            return json.loads(self._path(f"names-{self.digest}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def save_macro_names(self, names: list[str]) -> None:
        if self.enabled:
            self._write(self._path(f"names-{self.digest}.json"), json.dumps(sorted(names)))

    def _write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)  # atomic: a build that stops half-way leaves no torn entry

    def prune(self) -> None:
        """Drop the entries this build did not use (the cache holds one build's pages)."""
        if self.enabled and self.directory.is_dir():  # type: ignore[union-attr]
            for path in self.directory.iterdir():  # type: ignore[union-attr]
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
