"""The built site: strict build, no leaked template text, page rhythm, no typed digits in prose,
sources shown for every constant, forms wired to their formula modules, and numbers that move
when a constant moves."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest

from calculators import CONSTANTS
from conftest import ROOT, build_site, copy_project

DOCS = ROOT / "docs"
GUIDES = sorted((DOCS / "guides").glob("*.md"))
PAGES = sorted(DOCS.rglob("*.md"))

# Tokens that may contain digits in prose because they are names, not figures. Each entry says
# why. A figure (a size, a time, a price, a count) must come from a calculator result instead.
ALLOWED_DIGIT_TOKENS = [
    r"HTTP/1\.1", r"HTTP/2", r"HTTP/3",          # protocol versions
    r"\bp(?:50|95|99)\b",                         # latency percentiles named in the text
    r"TLS 1\.[0-3]", r"\b0-RTT\b",                # protocol versions and modes
    r"UTF-(?:8|16)", r"\bIPv[46]\b",              # encodings and address families
    r"RFC \d{3,4}",                                # specification numbers
    r"\b(?:429|529)\b",                           # HTTP status codes named in the text
    r"\b(?:N|chunks) − 1\b", r"\bN \+ 1\b",                  # the conventions' own definitions
    r"\b[Kt] − 1\b", r"\bP\(t − 1\)",                        # turn counts in guide 9's formulas
    r"\bTPU v5e\b", r"\bLlama-2-13B\b",                       # the scaling book's hardware, model
    r"\bE2E\b",                                   # the end-to-end metric's abbreviation
    r"\bp(?:50|95|99)\b",                         # percentile names (p95: the 95th percentile)
    r"\b[kR] [−+] 1\b",                           # "k − 1", "R + 1" in written formulas
    r"\b(?:b?float|u?int)(?:4|8|16|32|64)\b",      # number formats (float32, int8)
    r"× 8\b",                                      # bits per byte inside a written formula
    r"10⁹", r"2³⁰", r"10³", r"2¹⁰",               # definitions of GB, GiB, kB, KiB
    r"\bLlama-[0-9.]+-\d+B\b", r"\bGPT-[0-9][\w.-]*", r"\b\d+B\b(?= model)",  # model names
    r"\bA100\b", r"\bH100\b", r"\bH200\b", r"\bB200\b", r"\bL4\b",           # GPU names
    r"\bo200k_base\b", r"\bcl100k_base\b", r"\bp50k_base\b",                # tokenizer names
    r"\bbase64\b", r"\bBase64\b", r"\bRFC6455\b",
    r"\b(?:BF16|FP16|FP8|FP32|INT8|INT4)\b",                   # number formats
    r"\bDeepSeek-V3\b", r"\bGemma-2-9B\b", r"\bMixtral-8x7B\b", r"\bMistral-7B\b",  # models
    r"\bQwen2\.5-\d+B\b", r"\bOPT-13B\b", r"\bMI300X\b", r"\bL40S\b",          # and GPUs
    r"\b2 ×", r"T²",                               # FLOPs per parameter per token, T squared
    # Guides 11 and 14: embedding model and format names, decoding code, devices and models.
    r"\btext-embedding-3(?:-small|-large)?\b", r"\btext-embedding-ada-002\b", r"\bvoyage-3\.5\b",
    r"\bfloat(?:16|32)\b", r"\bFloat32Array\b", r"\bint8\b", r"\bb64decode\b", r"<f4",
    r"\bEmbed v3\b", r"\bLlama \d(?:\.\d)? \d+B\b", r"\bM4(?: Pro| Max)?\b",
    r"Snapdragon 8 Gen 3", r"iPhone 15 Pro", r"OnePlus 12", r"Galaxy S24", r"\bQ4_K_M\b",
    r"\b(?:2|4|8|16)-bit\b", r"÷ 8\b", r"\bguide \d+'s\b", r"\btier \d\b", r"\bUint8Array\b",
    r"d × \(c \+ 1\) \+ 1", r"4 × ceil\(4d ÷ 3\)", r"\bd ÷ 8\b", r"× 60\b", r"\b1 − ",  # base64, bits, s per min, share
    r"\b[Kt] − 1\b", r"\bP\(t − 1\)",                        # turn counts in guide 9's formulas
    r"\bTPU v5e\b", r"\bLlama-2-13B\b",                       # the scaling book's hardware, model
]
# Machine-written pages (reports produced by a script, never typed) are listed here.
DIGIT_EXEMPT_PAGES: set[str] = set()

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE_START = re.compile(r"^\s*(```|~~~)")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")
ALLOWED = re.compile("|".join(ALLOWED_DIGIT_TOKENS))
DIGIT = re.compile(r"[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]")


def typed_digits(markdown: str) -> list[str]:
    """Lines of prose (code fences included) that still hold a digit after removing Jinja,
    front matter, link targets, HTML tags and allowlisted names."""
    text = FRONT_MATTER.sub("", markdown)
    text = JINJA.sub(" ", text)
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE_START.match(line):
            continue
        cleaned = ALLOWED.sub(" ", HTML_TAG.sub(" ", LINK_TARGET.sub("]", line)))
        if DIGIT.search(cleaned):
            problems.append(f"line {number}: {line.strip()}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_digit_typed_into_prose(page: Path) -> None:
    if page.name in DIGIT_EXEMPT_PAGES:
        pytest.skip("machine-written report")
    assert typed_digits(page.read_text(encoding="utf-8")) == []


def test_digit_check_catches_a_typed_number() -> None:
    page = "Intro\n\nA cold request takes 800 ms. HTTP/2 and TLS 1.3 are names.\n"
    assert typed_digits(page) == ["line 3: A cold request takes 800 ms. HTTP/2 and TLS 1.3 are names."]
    assert typed_digits("Over HTTP/2 with TLS 1.3 it takes {{ r.ttft_seconds | ms }}.") == []
    assert typed_digits("```text\nTTFT = 3 x RTT\n```") == ["line 2: TTFT = 3 x RTT"]


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return htmllib.unescape(HTML_TAG.sub(" ", html))


LEAKS = [r"\{\{", r"\{%", r"\bNaN\b", r"\bNone\b", r"\bundefined\b", r"\bInfinity\b",
         r"Macro Rendering Error", r"Traceback", r"UndefinedError"]


def test_no_leaked_template_text_or_non_numbers(site_dir: Path) -> None:
    problems = []
    for page in html_pages(site_dir):
        text = visible_text(page.read_text(encoding="utf-8"))
        for pattern in LEAKS:
            if re.search(pattern, text):
                problems.append(f"{page.relative_to(site_dir)}: {pattern}")
    assert problems == []


def _html(site_dir: Path, md: Path) -> str:
    rel = md.relative_to(DOCS).with_suffix("")
    path = site_dir / ("index.html" if rel.name == "index" and rel.parent == Path(".")
                       else rel / "index.html")
    return path.read_text(encoding="utf-8")


REQUIRED_SECTIONS = ["How it works", "Worked example", "Assumptions and sources", "Try it",
                     "Further reading"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_guide_follows_the_page_rhythm(site_dir: Path, guide: Path) -> None:
    page = _html(site_dir, guide)
    headings = [visible_text(h).replace("¶", "").strip()
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]
    positions = [headings.index(s) if s in headings else -1 for s in REQUIRED_SECTIONS]
    assert -1 not in positions, f"missing sections: {headings}"
    # The full order (Try it before Assumptions and sources) is the guide contract's to check.
    ordered = [headings.index(s) for s in ("How it works", "Worked example", "Further reading")]
    assert ordered == sorted(ordered), f"sections out of order: {headings}"
    body = page.split("</h1>", 1)[1]
    lead = re.search(r"<p>(.*?)</p>", body, re.S).group(1).strip()
    assert re.search(r"</strong>[.!]?$", lead), "the lead must end in the bold headline number"
    assert re.search(r"\d", re.findall(r"<strong>(.*?)</strong>", lead)[-1])
    assert page.count('<form class="calc"') >= 1


def _forms(page: str) -> list[dict]:
    return [json.loads(htmllib.unescape(m)) for m in re.findall(r'data-spec="([^"]*)"', page)]


def test_every_form_is_wired_to_a_formula_module(site_dir: Path) -> None:
    seen = 0
    for page in html_pages(site_dir):
        for spec in _forms(page.read_text(encoding="utf-8")):
            module = site_dir / "assets/js/calculators" / f"{spec['module']}.js"
            assert module.exists(), f"{page}: {module} missing from the build"
            assert f"export function {spec['function']}(" in module.read_text()
            seen += 1
    assert seen >= 2


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_every_constant_used_is_shown_with_source_and_date(site_dir: Path, guide: Path) -> None:
    page = _html(site_dir, guide)
    table = page.split('<table class="sources">', 1)
    assert len(table) == 2, "no sources table"
    sources = table[1].split("</table>", 1)[0]
    used = set()
    for spec in _forms(page):
        used |= set(spec["constants"])
    assert used, "the page's calculator uses no constants?"
    for key in used:
        record = CONSTANTS[key]
        assert htmllib.escape(record.source_url) in sources, key
        assert record.as_of.isoformat() in sources, key


def test_latency_guide_lists_its_reference_constants(site_dir: Path) -> None:
    page = _html(site_dir, DOCS / "guides/llm-api-latency-explained.md")
    for key in ("kipply_13b_total_seconds", "mlperf_llama2_70b_interactive_tpot_seconds",
                "openai_prompt_halving_latency_cut_high_ratio"):
        assert CONSTANTS[key].label in htmllib.unescape(page), key


def load_catalog() -> list[dict]:
    from mkdocs.utils import yaml as mkdocs_yaml

    with (ROOT / "mkdocs.yml").open("rb") as f:
        return mkdocs_yaml.yaml_load(f)["extra"]["catalog"]


def test_landing_page_links_existing_guides_only(site_dir: Path) -> None:
    page = (site_dir / "index.html").read_text(encoding="utf-8")
    for slug in re.findall(r'href="guides/([a-z0-9-]+)/"', page):
        assert (DOCS / "guides" / f"{slug}.md").exists()
    assert 'href="guides/llm-api-latency-explained/"' in page
    catalog = [g["slug"] for section in load_catalog() for g in section["guides"]]
    missing = [slug for slug in catalog if not (DOCS / "guides" / f"{slug}.md").exists()]
    # Guides not written yet are listed without a link; with all fourteen live, none is.
    assert ("in preparation" in page) is bool(missing)


def test_changing_a_constant_changes_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "calculators/data/latency.toml"
    text = data.read_text(encoding="utf-8")
    marker = 'key = "words_per_token"\nvalue = 0.75\n'
    assert marker in text
    data.write_text(text.replace(marker, 'key = "words_per_token"\nvalue = 0.5\n'))
    proc = build_site(project, tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (tmp_path / "out/guides/llm-api-latency-explained/index.html").read_text()
    # 40 tokens/s x 0.5 words/token x 60 = 1,200 words/min (was 1,800 with 0.75).
    assert "1,200 words/min" in page
    assert "1,800 words/min" not in page
