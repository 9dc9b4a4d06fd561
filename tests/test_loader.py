"""The one loader of ``calculators/data/*.toml``: records as the Python modules built them,
and a bad file fails with a message naming the file, the record and the key."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from calculators.data import CONSTANTS, loader
from calculators.data.catalog_records import MTOK
from calculators.data.framing import FIXTURES, TRANSPORT_FACTS, TransportFact
from calculators.data.providers import provider_model

GOOD = '''
[[constant]]
key = "loader_test_seconds"
value = 0.25
unit = "seconds"
label = "A test constant"
source_url = "https://example.com/page"
source_title = "Example"
as_of = 2026-01-02
note = "Scope."
'''


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(loader, "DATA_DIR", tmp_path)
    yield tmp_path
    CONSTANTS.pop("loader_test_seconds", None)


def _load(data_dir: Path, text: str, **kw):
    (data_dir / "probe.toml").write_text(text, encoding="utf-8")
    return loader.load("probe", **kw)


def test_a_constant_is_built_registered_and_typed(data_dir: Path) -> None:
    (record,) = _load(data_dir, GOOD)["constant"]
    assert CONSTANTS["loader_test_seconds"] is record
    assert record.as_of == date(2026, 1, 2) and record.status == "VERIFIED"
    assert record.checked_on is None


@pytest.mark.parametrize(("old", "new", "message"), [
    ("value = 0.25", "value = -0.25", "outside what the unit allows"),
    ('source_url = "https://example.com/page"', 'source_url = "ftp://x"', "source_url"),
    ('source_title = "Example"', 'source_title = " "', "source_title must not be empty"),
    ("as_of = 2026-01-02", 'as_of = "January"', "as_of must be a date"),
    ('unit = "seconds"', 'units = "seconds"', "unknown key 'units'"),
    ('label = "A test constant"\n', "", "missing key 'label'"),
])
def test_a_bad_record_names_the_file_and_the_key(data_dir: Path, old: str, new: str,
                                                 message: str) -> None:
    with pytest.raises(ValueError, match="data file probe.toml: constant loader_test_seconds: "
                       f".*{message}"):
        _load(data_dir, GOOD.replace(old, new))
    assert "loader_test_seconds" not in CONSTANTS


def test_a_broken_file_or_an_unknown_table_names_the_file(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="data file probe.toml: .*line"):
        _load(data_dir, GOOD.replace('label = "A test constant"', 'label = "A test'))
    with pytest.raises(ValueError, match="data file probe.toml: unknown table 'constnat'"):
        _load(data_dir, GOOD.replace("[[constant]]", "[[constnat]]"))


def test_derived_values_and_own_kinds(data_dir: Path) -> None:
    text = GOOD.replace("value = 0.25\n", "")
    (record,) = _load(data_dir, text, values={"loader_test_seconds": 0.5})["constant"]
    assert record.value == 0.5
    CONSTANTS.pop("loader_test_seconds")
    fact = _load(data_dir, '[[transport_fact]]\nkey = "k"\ntopic = "t"\nsse = "s"\n'
                 'websocket = "w"\nlong_polling = "l"\nwebsocket_wins_when = "n"\n'
                 'source_url = "https://example.com/"\nsource_title = "E"\nas_of = 2026-01-01\n'
                 'constant_keys = ["a", "b"]\n',
                 kinds={"transport_fact": TransportFact})["transport_fact"][0]
    assert fact.constant_keys == ("a", "b")


def test_prices_per_million_tokens_and_nested_tiers() -> None:
    sonnet = provider_model("claude-sonnet-4.5")
    assert sonnet.input_usd_per_token == 3.00 / MTOK
    assert sonnet.rate_limits and sonnet.rate_limits[0].tier == "tier 1"
    assert isinstance(sonnet.cache_ttls_seconds, tuple)


def test_every_data_file_is_loaded_and_packaged() -> None:
    """Each TOML file in calculators/data is read by some module (no orphan data file)."""
    root = Path(loader.DATA_DIR)
    package = (root / "__init__.py").read_text(encoding="utf-8")
    modules = " ".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    for path in root.glob("*.toml"):
        tomllib.loads(path.read_text(encoding="utf-8"))
        assert f'load("{path.stem}"' in package or f'load("{path.stem}"' in modules, path.name
    assert FIXTURES and TRANSPORT_FACTS
