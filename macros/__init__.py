"""The thin bridge from ``calculators`` to the Markdown pages (mkdocs-macros module).

Registers display filters, a ``calc`` macro that runs a registered calculator, a
``calculator`` macro that renders a live form with build-time outputs, the chart macros of
``macros/charts.py`` (``stacked_bar``, ``waterfall``, ``timeline``, ``line_chart``, ``scatter``,
``flow``),
and a ``sources`` macro that lists every constant the page used, gathered while the page
rendered. No arithmetic happens here.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from macros import islands
from macros.cache import PageCache
from macros.figures import wrap
from macros.format import ADJECTIVES, FORMATS, format_value
from macros.forms import render_form
from macros.islands import writes_island
from macros.sources import UNIT_FORMATS as UNIT_FORMATS, accuracy_link, render_sources

_used: dict[str, None] = {}
#: Catalog values the page used through a preset (``calculators.presets.SourceRow``), by key.
_rows: dict[str, Any] = {}


#: The cache fingerprint (macros/cache.py) of the build that last imported ``calculators``.
_imported_with: list[str] = []


def _fresh_calculators(digest: str = "") -> Any:
    """``calculators`` as of this build: imported anew so ``mkdocs serve`` shows edits without
    a restart, unless the last import was made under the same non-empty cache fingerprint
    (``digest``), which hashes every file of the package: then nothing it reads has changed
    (a Markdown-only edit) and the loaded package is reused."""
    if digest and _imported_with == [digest] and "calculators" in sys.modules:
        return sys.modules["calculators"]
    for name in [m for m in sys.modules if m == "calculators" or m.startswith("calculators.")]:
        del sys.modules[name]
    _imported_with[:] = [digest]
    return importlib.import_module("calculators")


def _record(keys: Iterable[str]) -> None:
    for key in keys:
        _used[key] = None


def _record_rows(rows: Iterable[Any]) -> None:
    for row in rows:
        _rows[row.key] = row
        _used[row.key] = None


#: This build's page cache (macros/cache.py), opened by ``define_env``.
_cache = PageCache(None, "")
#: The cache key of the page being rendered, when its output is to be stored.
_pending: list[str] = []


def on_pre_page_macros(env: Any) -> None:
    _used.clear()
    _rows.clear()
    charts = sys.modules.get("macros.charts")
    if charts is not None:
        charts.reset()
    _pending.clear()
    islands.begin()
    key = _cache.key(env.page, env.markdown)
    cached = _cache.get(key)
    if cached is None:
        _pending.append(key)
        return
    entry = json.loads(cached)
    env.markdown = entry["markdown"]  # rendered before: no macro runs (mkdocs-macros renders
    islands.use(env.page.file.src_path, entry["islands"])  # it as is)
    page = env.variables["page"]  # mkdocs-macros' copy of the page, read by its renderer
    page.meta = {**page.meta, "render_macros": False}


def on_post_page_macros(env: Any) -> None:
    src_path = env.page.file.src_path
    islands.finish(src_path)
    if _pending:
        _cache.put(_pending.pop(), json.dumps(
            {"markdown": env.markdown, "islands": islands.islands_of(src_path)}))


def on_post_build(env: Any) -> None:
    _cache.prune()


def _memo_key(kind: str, name: str, args: Sequence[object], kwargs: Mapping[str, object]) -> str:
    return repr((kind, name, tuple(args), sorted(kwargs.items())))


class _Definitions:
    """Stands in for mkdocs-macros' ``env`` while the real macros are defined late."""

    def __init__(self, env: Any) -> None:
        self._env = env
        self.macros: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def macro(self, function: Any, name: str = "") -> Any:
        self.macros[name or function.__name__] = function
        return function


def define_env(env: Any) -> None:
    """Registers the filters and macros. When the cache knows this build's macro names, each
    macro is registered as a stand-in that defines the real ones (importing ``calculators``)
    on its first call: a build whose pages all come from the cache never calls one."""
    global _cache
    _cache = PageCache.for_env(env)
    for name, function in {**FORMATS, **ADJECTIVES}.items():
        env.filter(function, name=name)
    names = _cache.macro_names()
    if names is None:
        before = set(env.macros)  # mkdocs-macros' own (context, now, ...) stay as they are
        _define(env)
        _cache.save_macro_names([name for name in env.macros if name not in before])
        return
    real: dict[str, Any] = {}

    def stand_in(name: str) -> Any:
        def call(*args: object, **kwargs: object) -> Any:
            if not real:
                definitions = _Definitions(env)
                _define(definitions)
                real.update(definitions.macros)
            return real[name](*args, **kwargs)
        call.__name__ = name
        return call

    for name in names:
        env.macro(stand_in(name), name=name)


def _define(env: Any) -> None:
    calculators = _fresh_calculators(_cache.digest)
    registry = importlib.import_module("calculators.registry")
    presets = importlib.import_module("calculators.presets")

    # Calculators are pure: a call with the same name and inputs returns the same result, so
    # within one build each is computed once (issue 17.3; e.g. the wire comparison that three
    # tables of guide 2 read). The memo lives in this closure: every build (and every
    # `mkdocs serve` rebuild, which imports `calculators` afresh above) starts empty.
    memo: dict[str, Any] = {}

    def once(kind: str, name: str, compute: Any, *args: object, **kwargs: object) -> Any:
        key = _memo_key(kind, name, args, kwargs)
        if key in memo:
            return memo[key]
        result = compute(*args, **kwargs)
        if not isinstance(result, Iterator):  # a generator can be read only once
            memo[key] = result
        return result

    def run(name: str, inputs: Mapping[str, object] | None = None) -> Any:
        return once("run", name, registry.run, name, dict(inputs or {}))

    def record_calc(calc_record: Any, *runs: Mapping[str, object]) -> None:
        """The calculator's constants, and the catalog entries its presets filled per run."""
        _record(calc_record.constants)
        for inputs in runs:
            _record_rows(presets.source_rows(calc_record.fields, inputs))

    @env.macro
    def calc(name: str, **inputs: object) -> Any:
        """Run a registered calculator on display-unit inputs (missing ones take defaults)."""
        calc_record = registry.get(name)
        record_calc(calc_record, inputs)
        return wrap(run(name, inputs))

    @env.macro
    def scenarios(name: str) -> list[tuple[str, Any]]:
        """The calculator's named scenarios, each run: [(label, result), ...]."""
        calc_record = registry.get(name)
        record_calc(calc_record, *calc_record.scenarios.values())
        return wrap([(label, run(name, dict(inputs))) for label, inputs in
                     calc_record.scenarios.items()])

    @env.macro
    def sweep(name: str, key: str, **base: object) -> list[Any]:
        """The calculator run once per value of its registered sweep over ``key``."""
        calc_record = registry.get(name)
        record_calc(calc_record, base)
        return wrap([run(name, {**base, key: value}) for value in calc_record.sweeps[key]])

    @env.macro
    def table(name: str, *args: object, **kwargs: object) -> Any:
        result = once("table", name, registry.TABLES[name], *args, **kwargs)
        for item in result if isinstance(result, tuple) else (result,):
            _record(getattr(item, "constants", ()))
            _record_rows(getattr(item, "source_rows", ()))  # catalog entries a table used
        return wrap(result)

    @env.macro
    def check(name: str) -> Any:
        result = once("check", name, registry.CHECKS[name])
        _record(result.constants)
        return wrap(result)

    @env.macro
    def constant(key: str) -> Any:
        record = calculators.constant(key)
        _record((key,))
        return wrap(record)

    @env.macro
    def fmt(value: float, name: str, sig: int | None = None) -> str:
        return format_value(name, value, sig)

    @env.macro
    @writes_island
    def calculator(name: str) -> str:
        """A live calculator form: inputs at their defaults, outputs computed at build time."""
        calc_record = registry.get(name)
        record_calc(calc_record, {})
        return render_form(calc_record, run(name))

    charts = importlib.reload(importlib.import_module("macros.charts"))  # sees fresh layout
    for name in charts.__all__:
        if name != "reset":
            env.macro(writes_island(getattr(charts, name)), name=name)

    @env.macro
    def points(results: Iterable[Any], x: str, y: str) -> list[tuple[float, float]]:
        """``[(result.x, result.y), ...]`` for a line chart series (e.g. from ``sweep``)."""
        return [(getattr(r, x), getattr(r, y)) for r in results]

    # The reference pages' catalog tables (macros/reference.py), reloaded like the calculators.
    importlib.reload(importlib.import_module("macros.reference")).define(env, registry)
    # The Performance page's tables, from the committed docs/performance.json.
    importlib.reload(importlib.import_module("macros.performance")).define(env)

    docs_dir = env.conf["docs_dir"]

    @env.macro
    def guide_exists(slug: str) -> bool:
        """True when ``docs/guides/<slug>.md`` exists (the landing page links only those)."""
        import os

        return os.path.isfile(os.path.join(docs_dir, "guides", f"{slug}.md"))

    @env.macro
    def where_to_start() -> list[dict[str, Any]]:
        """The landing page's reader paths (``extra.start_paths``), resolved against the
        catalog and the guide files that exist: each path's live guides in its section, or,
        while there are none, the nearest live guides elsewhere with why."""
        catalog = env.conf["extra"]["catalog"]
        titles = {g["slug"]: g["title"] for section in catalog for g in section["guides"]}
        paths = []
        for path in env.conf["extra"]["start_paths"]:
            section = next(s for s in catalog if s["section"] == path["section"])
            live = [(g["title"], g["slug"]) for g in section["guides"] if guide_exists(g["slug"])]
            nearest = [(titles[n["slug"]], n["slug"], n["why"]) for n in path["nearest"]
                       if guide_exists(n["slug"])]
            if not live and not nearest:
                raise ValueError(f"start path {path['reader']!r} links no live guide")
            paths.append({**path, "live": live, "waiting": len(section["guides"]) - len(live),
                          "nearest": nearest})
        return paths

    @env.macro
    def sources() -> str:
        """Every constant the page has used so far, with value, scope, source and date."""
        table = render_sources([_rows[key] if key in _rows else calculators.constant(key)
                                for key in _used], calculators.CONSTANTS)
        return table + accuracy_link(env.page.url)


#: The page that says how close the calculators come to published numbers (issue 16).
