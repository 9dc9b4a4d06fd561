"""The calculators' spec files (calculators/specs/*.toml) and their one reader."""

from __future__ import annotations

from pathlib import Path

import pytest

import calculators  # noqa: F401  (registers every calculator)
from calculators import spec_files
from calculators.fields import Field
from calculators.registry import REGISTRY


def test_every_calculator_has_one_spec_file_and_every_file_a_calculator() -> None:
    files = {path.stem for path in spec_files.SPEC_DIR.glob("*.toml")}
    assert files == set(REGISTRY)


def test_the_spec_files_title_and_outputs_reach_the_registry() -> None:
    spec = spec_files.read_spec("latency_budget")
    calc = REGISTRY["latency_budget"]
    assert calc.title == spec["title"]
    assert calc.outputs == spec["outputs"]


def _write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    (tmp_path / "demo.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(spec_files, "SPEC_DIR", tmp_path)


def _demo(**kwargs: float) -> float:
    return sum(kwargs.values())


_SPEC = '''
title = "Demo"
summary = "A sum."
module = "demo"
outputs = [["total", "Total", "number"]]
fields = [
    { key = "a", name = "a", label = "A", unit = "units", default = 1, maximum = 10 },
    "b",
]
'''
_B = Field("b", "b", "B", "units", 2, 0, 10)


def test_a_named_field_takes_its_place_from_the_spec_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, monkeypatch, _SPEC)
    calc = spec_files.declared("demo", _demo, (_B,))
    assert [f.key for f in calc.fields] == ["a", "b"]
    assert calc.fields[1] is _B


def test_a_field_the_spec_file_names_but_the_module_does_not_build_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, monkeypatch, _SPEC)
    with pytest.raises(ValueError, match=r"places fields \['b'\], its module builds \[\]"):
        spec_files.declared("demo", _demo, ())


def test_a_key_given_in_the_file_and_in_code_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, monkeypatch, _SPEC)
    with pytest.raises(ValueError, match=r"\['title'\] given in both specs/demo.toml"):
        spec_files.declared("demo", _demo, (_B,), title="Other")


def test_an_unknown_key_in_a_spec_file_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, monkeypatch, _SPEC + 'ouputs = []\n')
    with pytest.raises(ValueError, match=r"demo.toml: unknown keys \['ouputs'\]"):
        spec_files.declared("demo", _demo, (_B,))


def test_arrays_become_tuples_so_records_stay_immutable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, monkeypatch, _SPEC + '[sweeps]\na = [1, 2]\n[invariants]\n'
           'at_least = [["total", "a"]]\n')
    calc = spec_files.declared("demo", _demo, (_B,))
    assert calc.sweeps == {"a": (1, 2)}
    assert calc.invariants.at_least == (("total", "a"),)
