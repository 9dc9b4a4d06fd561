"""Shared vectors: the committed file matches the code, and the JavaScript twins agree (Node)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from calculators.registry import REGISTRY
from calculators.vectors import VECTORS_PATH

ROOT = Path(__file__).resolve().parent.parent


def test_committed_vectors_are_current() -> None:
    # In a fresh interpreter: earlier tests may have re-imported calculators (the macros module
    # does on define_env), and results from two generations of the modules must not mix.
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "calculators.vectors", "--check"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (
        "tests/vectors.json is stale: run `uv run python -m calculators.vectors`\n"
        + proc.stdout + proc.stderr)


def test_every_calculator_has_vectors_and_a_twin() -> None:
    vectors = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    assert set(vectors["calculators"]) == set(REGISTRY)
    for name, entry in vectors["calculators"].items():
        module = ROOT / "docs" / "assets" / "js" / "calculators" / f"{entry['spec']['module']}.js"
        assert module.exists(), f"{name}: no JavaScript twin at {module}"
        assert f"export function {entry['spec']['function']}(" in module.read_text()
        names = [c["name"] for c in entry["cases"]]
        assert "defaults" in names
        assert any("error" in c for c in entry["cases"]), f"{name}: no bad-input vector"


def _node() -> str | None:
    node = shutil.which("node")
    if node is None and os.environ.get("CI") == "true":
        pytest.fail("CI=true but Node.js is missing: .ci/run must install nodejs")
    return node


def test_javascript_twins_match_python_in_node() -> None:
    node = _node()
    if node is None:
        pytest.skip("Node.js not installed")
    proc = subprocess.run([node, str(ROOT / "tests/js/run_vectors.mjs"), str(VECTORS_PATH)],
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["failures"] == []
    assert report["checked"] >= 100


def test_a_wrong_twin_is_caught(tmp_path: Path) -> None:
    """The checker must fail when a twin drifts: break one expected value and re-run."""
    node = _node()
    if node is None:
        pytest.skip("Node.js not installed")
    vectors = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    case = vectors["calculators"]["latency_budget"]["cases"][0]
    case["expected"]["ttft_seconds"] *= 1 + 1e-6
    broken = tmp_path / "vectors.json"
    broken.write_text(json.dumps(vectors))
    proc = subprocess.run([node, str(ROOT / "tests/js/run_vectors.mjs"), str(broken)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "ttft_seconds" in proc.stdout
