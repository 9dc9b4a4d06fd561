"""Constant records refuse to publish what cannot be true (issue 8.7).

A record checks that its value is finite and within the range its unit allows, that its
source URL is https with a host and that its title is not empty. Records are built when
``calculators`` is imported, so a bad one stops the site build (mkdocs-macros imports it).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from calculators.data import CONSTANTS
from calculators.data.records import Constant, check_provenance, unit_range

ROOT = Path(__file__).resolve().parent.parent
GOOD = CONSTANTS["words_per_token"]


@pytest.mark.parametrize(
    ("key", "changes", "needle"),
    [
        ("words_per_token", {"value": -1}, "outside what the unit allows"),
        ("words_per_token", {"value": 0}, "outside what the unit allows"),
        ("mlperf_llama2_70b_interactive_tpot_seconds", {"value": -497}, "outside"),
        ("tcp_max_segment_bytes", {"value": -1460}, "outside"),
        ("openai_output_halving_latency_cut_ratio", {"value": 1.5}, "outside"),
        ("words_per_token", {"value": float("inf")}, "finite"),
        ("words_per_token", {"value": float("nan")}, "finite"),
        ("words_per_token", {"value": True}, "finite"),
        ("words_per_token", {"source_url": "https://"}, "with a host"),
        ("words_per_token", {"source_url": "http://example.com/"}, "https"),
        ("words_per_token", {"source_url": "https:///path"}, "with a host"),
        ("words_per_token", {"source_title": ""}, "source_title"),
        ("words_per_token", {"source_title": "   "}, "source_title"),
        ("words_per_token", {"label": ""}, "label"),
        ("words_per_token", {"unit": "furlongs"}, "no known range"),
        ("words_per_token", {"status": "GUESSED"}, "unknown status"),
    ],
)
def test_a_bad_constant_is_refused(key: str, changes: dict, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        dataclasses.replace(CONSTANTS[key], **changes)


def test_every_published_constant_passes() -> None:
    for record in CONSTANTS.values():
        assert dataclasses.replace(record) == record


def test_the_provenance_check_is_reusable() -> None:
    check_provenance("model x", "https://example.com/card", "Model card", date(2026, 1, 1),
                     "VERIFIED")
    with pytest.raises(ValueError, match="model x: source_url"):
        check_provenance("model x", "https://", "Model card", date(2026, 1, 1), "VERIFIED")
    assert unit_range("(code point U+10FFFF)") == (0.0, 0x10FFFF, True)


def test_a_bad_constant_stops_the_import_and_so_the_build(tmp_path: Path) -> None:
    """The build imports ``calculators``; a broken record makes that import fail."""
    copy = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", copy, ignore=shutil.ignore_patterns("__pycache__"))
    data = copy / "data" / "latency.toml"
    text = data.read_text(encoding="utf-8")
    assert "value = 0.75\n" in text
    data.write_text(text.replace("value = 0.75\n", "value = -1\n", 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", "import calculators"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "data file latency.toml: constant words_per_token" in proc.stderr


def test_constant_type_is_still_a_frozen_record() -> None:
    assert isinstance(GOOD, Constant)
    with pytest.raises(dataclasses.FrozenInstanceError):
        GOOD.value = 1  # type: ignore[misc]
