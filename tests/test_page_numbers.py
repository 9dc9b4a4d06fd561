"""Numbers as a reader sees them (issue 9.2): the visible text of every built page.

Fails when a duration of a second or more prints in milliseconds ("13,083 ms"), or when a
count prints with a decimal point ("10.0 tokens", "6.00 connections", "9.00 bytes"). The
format filters decide how numbers print (``macros/format.py``); this test catches a page or a
macro that bypasses them. Averages and ratios are not counts: "1.30 tokens a word", "2.99
bytes of UTF-8" and "× 4.94 B" stay legal (see ``RATE_AFTER`` and ``RATE_BEFORE``).
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from conftest import is_redirect_stub

MS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*ms\b")
COUNT_NOUNS = (
    "tokens?", "connections?", "requests?", "events?", "chunks?", "messages?", "bytes?", "B",
    "percentile", "segments?", "packets?", "streams?", "characters?", "words?", "calls?",
    "responses?", "users?", "round trips?", "records?", "frames?", "retries", "layers?",
)
# "1.30 tokens a word", "2.99 bytes of UTF-8", "1.37 characters into a token": per-unit rates.
RATE_AFTER = r"(?!\s*(?:/|per\b|a\b|an\b|each\b|of\b|into\b|for each\b|on average\b))"
COUNT = re.compile(
    r"(?<![\w.,/×])(?<!× )(?<!TLS )(?<!HTTP/)(\d[\d,]*\.\d+)\s(" + "|".join(COUNT_NOUNS) + r")\b"
    + RATE_AFTER
)
RATE_BEFORE = ("average", "mean", "about")  # "an average of 3.5 tokens"
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def visible_text(page_html: str) -> str:
    """The text a reader sees (tags, scripts, styles and comments removed)."""
    return htmllib.unescape(TAG.sub(" ", HIDDEN.sub(" ", page_html)))


def number_problems(text: str) -> list[str]:
    problems = []
    for match in MS.finditer(text):
        if float(match.group(0).split("ms")[0].replace(",", "")) >= 1000:
            problems.append(f"a duration of a second or more in ms: {match.group(0)!r}")
    for match in COUNT.finditer(text):
        before = text[max(0, match.start() - 16):match.start()].lower()
        if any(word in before for word in RATE_BEFORE):
            continue
        context = text[max(0, match.start() - 30):match.end() + 10].replace("\n", " ")
        problems.append(f"a count with a decimal point: {match.group(0)!r} in …{context}…")
    return problems


def built_html(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html"))
            if not is_redirect_stub(p.read_text(encoding="utf-8", errors="replace"))]


def test_every_page_prints_durations_and_counts_by_the_rule(site_dir: Path) -> None:
    problems = {}
    for page in built_html(site_dir):
        found = number_problems(visible_text(page.read_text(encoding="utf-8")))
        if found:
            problems[str(page.relative_to(site_dir))] = found
    assert not problems, "\n".join(f"{p}: {m}" for p, ms in problems.items() for m in ms)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("End to end 13,083 ms.", True),
        ("It took 1,000 ms", True),
        ("A round trip of 999 ms and 13.1 s", False),
        ("10.0 tokens were generated", True),
        ("opens 6.00 connections", True),
        ("the header is 9.00 bytes", True),
        ("the 99.0 percentile", True),
        ("1.30 tokens a word; 2.99 bytes of UTF-8; 2,000 × 4.94 B", False),
        ("an average of 3.5 tokens", False),
        ("TLS 1.3 record and HTTP/1.1 connection", False),
        ("1.06 GB, 4.2 kB, 3.50 tokens/s, 2 connections", False),
        ('<td>13,275 <span>ms</span></td>', True),
    ],
)
def test_detector(text: str, bad: bool) -> None:
    assert bool(number_problems(visible_text(text))) is bad, number_problems(visible_text(text))
