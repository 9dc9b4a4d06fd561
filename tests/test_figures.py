"""A result value that reaches a page unformatted fails the build (issue 8.8).

The real macros (``macros.define_env``) are loaded into a stand-in environment and their
results rendered by Jinja the way mkdocs-macros renders a page: with a format filter a figure
prints; without one rendering raises, and mkdocs-macros (``on_error_fail: true``) fails the
build.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
import yaml

import macros
from macros.figures import Count, Figure, UnformattedFigure, wrap

ROOT = Path(__file__).resolve().parent.parent


class _Env:
    def __init__(self) -> None:
        self.macros: dict = {}
        self.filters: dict = {}
        self.conf = {"docs_dir": str(ROOT / "docs")}

    def macro(self, function, name: str | None = None):
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function, name: str | None = None):
        self.filters[name or function.__name__] = function
        return function


@pytest.fixture(scope="module")
def render():
    env = _Env()
    macros.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.filters.update(env.filters)

    def _render(source: str) -> str:
        return jinja.from_string(source).render(**env.macros)

    return _render


@pytest.mark.parametrize("source", [
    "{{ calc('latency_budget').ttft_seconds }}",
    "{{ calc('latency_budget').decode_tokens }}",
    "{% for label, s in scenarios('latency_budget') %}{{ s.e2e_seconds }}{% endfor %}",
    "{% for s in sweep('latency_budget', 'output_tokens') %}{{ s.ttft_seconds }}{% endfor %}",
    "{{ check('fastertransformer').predicted }}",
    "{{ constant('words_per_token').value }}",
    "{% for b in table('slo_budgets') %}{{ b.e2e_seconds }}{% endfor %}",
    "{{ '%s' % calc('latency_budget').ttft_seconds }}",
    "{{ calc('latency_budget').ttft_seconds ~ ' s' }}",
])
def test_an_unformatted_result_fails_to_render(render, source: str) -> None:
    with pytest.raises(UnformattedFigure, match="unformatted"):
        render(source)


@pytest.mark.parametrize(("source", "text"), [
    ("{{ calc('latency_budget').ttft_seconds | duration }}", "583 ms"),
    ("{{ calc('latency_budget').decode_tokens | count }}", "499"),
    ("{{ constant('words_per_token').label[:7] }}", "English"),
    ("{% if calc('latency_budget').ttft_seconds > 0.5 %}yes{% endif %}", "yes"),
])
def test_a_formatted_result_renders(render, source: str, text: str) -> None:
    assert render(source) == text


def test_figures_compute_like_numbers() -> None:
    f, c = wrap(0.25), wrap(3)
    assert isinstance(f, Figure) and isinstance(c, Count)
    assert f * 4 == 1.0 and c + 1 == 4 and f"{f:.2f}" == "0.25"
    assert wrap(True) is True and wrap("text") == "text"


def test_the_build_fails_on_a_render_error() -> None:
    """What turns the TypeError into a failed build: mkdocs-macros' on_error_fail."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    settings = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert settings["on_error_fail"] == "true"
