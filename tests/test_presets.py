"""Presets (issue 7.4): a catalog choice fills dependent fields; overrides win; "custom" fills
nothing; the CLI takes the same preset; the spec carries the catalog values; pages cite the
entry they used."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import calculators  # noqa: F401
from calculators.data.accelerators import accelerator
from calculators.fields import Field, InputError
from calculators.presets import (
    CUSTOM, PresetField, preset_field, resolve, source_rows, with_preset_defaults,
)
from calculators.registry import REGISTRY, get, result_dict, run
from conftest import ROOT

NAME = "device_ratios"


def test_preset_fills_dependent_fields_from_the_catalog():
    h200 = accelerator("h200")
    r = run(NAME, {"accelerator": "h200"})
    assert r.memory_bytes == pytest.approx(h200.memory_bytes)
    assert r.memory_bandwidth_bytes_per_second == pytest.approx(
        h200.memory_bandwidth_bytes_per_second)
    assert r.dense_flops_per_second == pytest.approx(h200.dense_flops_per_second["bf16"])
    # hand-checked: 141 GB / 4.8 TB/s = 29.375 ms; 989.4e12 / 4.8e12 = 206.1 FLOP/B
    assert r.memory_sweep_seconds == pytest.approx(0.029375)
    assert r.ridge_flops_per_byte == pytest.approx(206.125)


def test_an_override_wins_and_the_rest_still_come_from_the_preset():
    r = run(NAME, {"accelerator": "h200", "bandwidth": "4000"})
    assert r.memory_bandwidth_bytes_per_second == pytest.approx(4000e9)
    assert r.memory_bytes == pytest.approx(141e9)


def test_custom_fills_nothing_and_defaults_are_the_default_entry():
    assert result_dict(run(NAME, {"accelerator": CUSTOM})) == result_dict(run(NAME))
    r = run(NAME, {"accelerator": CUSTOM, "memory": 24, "bandwidth": 300, "flops": 121})
    assert r.memory_sweep_seconds == pytest.approx(0.08)
    assert result_dict(run(NAME)) == result_dict(run(NAME, {"accelerator": "h100-sxm"}))


def test_bad_preset_is_rejected_with_the_field_message():
    with pytest.raises(InputError) as info:
        run(NAME, {"accelerator": "h900"})
    assert str(info.value).startswith("Accelerator must be one of: h100-sxm,")
    assert info.value.fields == ("accelerator",)
    with pytest.raises(InputError, match="Memory bandwidth must be a number"):
        run(NAME, {"accelerator": "l4", "bandwidth": "0"})


def test_devices_without_a_bf16_figure_are_not_offered():
    choices = [value for value, _ in get(NAME).field("accelerator").choices]
    assert "h100-sxm" in choices and choices[-1] == CUSTOM
    assert not any(c.startswith("apple") or c.startswith("snapdragon") for c in choices)


def test_spec_carries_catalog_values_in_display_units():
    spec = get(NAME).spec()
    preset = next(f for f in spec["fields"] if f["key"] == "accelerator")["preset"]
    assert preset["catalog"] == "accelerators" and preset["custom"] == CUSTOM
    assert preset["values"]["h200"] == {"memory": 141, "bandwidth": 4800, "flops": 989.4}
    assert preset["values"]["h100-sxm"]["bandwidth"] == 3350
    assert CUSTOM not in preset["values"]


def test_every_registered_preset_opens_on_its_default_entry():
    """A page shows the default entry's values, so the URL logic and the form agree."""
    for calc in REGISTRY.values():
        defaults = calc.defaults()
        for field in calc.fields:
            if isinstance(field, PresetField) and field.default != CUSTOM:
                for key, value in field.values_for(field.default).items():
                    assert defaults[key] == value, f"{calc.name}.{key}"


def test_preset_field_checks_its_targets():
    fields = (Field("memory", "memory_bytes", "Memory", "GB", 80, 1, 100, 1, scale=1e-9),)
    with pytest.raises(ValueError, match="unknown fields nope"):
        preset_field("dev", "Device", "accelerators", {"nope": "memory_bytes"}, fields, "custom")
    # H200's 141 GB is outside this field's 1-100 GB range: left out, or an error if asked for
    p = preset_field("dev", "Device", "accelerators", {"memory": "memory_bytes"}, fields,
                     "custom")
    assert "h200" not in dict(p.choices) and "h100-sxm" in dict(p.choices)
    with pytest.raises(ValueError, match="preset dev"):
        preset_field("dev", "Device", "accelerators", {"memory": "memory_bytes"}, fields,
                     "custom", entries=["h200"])
    moved = with_preset_defaults(
        preset_field("dev", "Device", "accelerators", {"memory": "memory_bytes"}, fields,
                     "a100-40gb"), fields)
    assert moved[0].default == 40


def test_resolve_and_source_rows():
    fields = get(NAME).fields
    assert resolve(fields, {"accelerator": "l4"})["bandwidth"] == 300
    assert resolve(fields, {"accelerator": " l4 "})["memory"] == 24  # typed with spaces
    assert resolve(fields, {"accelerator": CUSTOM}) == {"accelerator": CUSTOM}
    rows = source_rows(fields, {"accelerator": "l4", "bandwidth": 250})
    assert [r.key for r in rows] == ["accelerator:l4:memory", "accelerator:l4:flops"]
    assert rows[0].source_url == accelerator("l4").source_url
    assert rows[0].as_of == accelerator("l4").as_of and rows[0].label.startswith("NVIDIA L4")
    assert source_rows(fields, {"accelerator": CUSTOM}) == []


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_cli_takes_the_same_preset_with_overrides():
    proc = _cli(NAME, "--accelerator", "h200", "--bandwidth", "4000", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == result_dict(
        run(NAME, {"accelerator": "h200", "bandwidth": "4000"}))
    bad = _cli(NAME, "--accelerator", "h900")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "Accelerator must be one of" in bad.stderr and "--accelerator" in bad.stderr


def test_vectors_cover_a_preset_with_and_without_overrides():
    vectors = json.loads((ROOT / "tests" / "vectors.json").read_text(encoding="utf-8"))
    cases = {c["name"]: c for c in vectors["calculators"][NAME]["cases"]}
    plain = cases["preset: H200, no overrides"]
    over = cases["preset: H200, bandwidth overridden"]
    assert plain["inputs"] == {"accelerator": "h200"}
    assert over["inputs"] == {"accelerator": "h200", "bandwidth": 4000}
    assert plain["expected"]["memory_bytes"] == over["expected"]["memory_bytes"]
    assert plain["expected"]["memory_bandwidth_bytes_per_second"] != over["expected"][
        "memory_bandwidth_bytes_per_second"]
