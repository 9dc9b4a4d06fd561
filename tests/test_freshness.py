"""scripts/freshness.py: ages and the 180-day flag, with a fixed "today" (issue 4)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from dataclasses import dataclass

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("freshness", ROOT / "scripts" / "freshness.py")
freshness = importlib.util.module_from_spec(_spec)
sys.modules["freshness"] = freshness  # dataclasses look their module up while executing it
_spec.loader.exec_module(freshness)

TODAY = dt.date(2027, 3, 1)


@dataclass(frozen=True)
class Record:
    key: str
    as_of: dt.date
    source_title: str = "a source"
    source_url: str = "https://example.org/"
    status: str = "VERIFIED"
    checked_on: dt.date | None = None


def test_checked_on_resets_the_age_of_an_old_standard():
    old = dt.date(2018, 8, 1)
    rows = freshness.assess(
        [Record("rfc", old), Record("rfc_checked", old, checked_on=TODAY - dt.timedelta(days=10))],
        TODAY,
    )
    by_key = {r.key: r for r in rows}
    assert by_key["rfc"].stale and by_key["rfc"].age_days == (TODAY - old).days
    assert not by_key["rfc_checked"].stale and by_key["rfc_checked"].age_days == 10


def test_age_is_whole_days_to_today():
    assert freshness.age_days(dt.date(2027, 2, 1), TODAY) == 28
    assert freshness.age_days(TODAY, TODAY) == 0
    assert freshness.age_days(dt.date(2027, 3, 2), TODAY) == -1


def test_flag_is_strictly_older_than_the_threshold():
    records = [
        Record("exactly_180_days", TODAY - dt.timedelta(days=180)),
        Record("181_days", TODAY - dt.timedelta(days=181)),
        Record("today", TODAY),
        Record("from_the_future", TODAY + dt.timedelta(days=3)),
    ]
    rows = {r.key: r for r in freshness.assess(records, TODAY)}
    assert rows["exactly_180_days"].stale is False
    assert rows["181_days"].stale is True
    assert rows["181_days"].age_days == 181
    assert rows["today"].stale is False
    assert rows["from_the_future"].stale is False


def test_threshold_is_configurable_and_rows_are_oldest_first():
    records = [Record("b", dt.date(2027, 1, 1)), Record("a", dt.date(2026, 1, 1))]
    rows = freshness.assess(records, TODAY, max_age_days=30)
    assert [r.key for r in rows] == ["a", "b"]
    assert all(r.stale for r in rows)
    with pytest.raises(ValueError, match="max_age_days"):
        freshness.assess(records, TODAY, max_age_days=-1)


def test_render_flags_stale_rows():
    rows = freshness.assess([Record("old_ratio", dt.date(2020, 1, 1)), Record("new_ratio", TODAY)],
                            TODAY)
    text = freshness.render(rows, TODAY, 180)
    assert "old_ratio" in text and "STALE" in text
    assert text.splitlines()[-1] == "2 records, 1 stale."
    only = freshness.render(rows, TODAY, 180, stale_only=True)
    assert "new_ratio" not in only and "old_ratio" in only


def test_exit_status_on_the_real_registry(capsys):
    """0 when nothing is older than the threshold, 1 when something is."""
    from calculators.data import CONSTANTS

    newest = max(c.as_of for c in CONSTANTS.values())
    oldest = min(c.as_of for c in CONSTANTS.values())
    assert freshness.main(["--today", newest.isoformat(), "--max-age-days",
                           str((newest - oldest).days)]) == 0
    assert freshness.main(["--today", (newest + dt.timedelta(days=181)).isoformat()]) == 1
    out = capsys.readouterr().out
    assert all(key in out for key in CONSTANTS)


def test_catalog_records_are_listed():
    records = freshness.load_records()
    keys = {r.key for r in records}
    assert {"model:llama-3.1-70b", "accelerator:h100-sxm", "provider:claude-sonnet-4.5",
            "rate-limit:claude-sonnet-4.5/tier 1"} <= keys
    assert "tcp_handshake_round_trips" in keys  # constants are still there
    rows = freshness.assess(records, TODAY)
    text = freshness.render(rows, TODAY, 180)
    assert "model:deepseek-v3" in text and "provider:gpt-4o" in text
    # a stale catalog record is flagged like a constant: GPT-4o's 2024-10-01 announcement
    by_key = {r.key: r for r in rows}
    assert by_key["provider:gpt-4o"].stale and by_key["provider:gpt-4o"].as_of.year == 2024
