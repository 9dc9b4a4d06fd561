"""List every sourced constant and catalog record with its age; flag those due for a re-check.

Usage (from the project root)::

    uv run python scripts/freshness.py                    # table, ages relative to today (UTC)
    uv run python scripts/freshness.py --today 2027-01-31 # ages relative to a fixed day
    uv run python scripts/freshness.py --max-age-days 90  # a stricter threshold
    uv run python scripts/freshness.py --stale-only       # only the flagged rows

Each row is one record of ``calculators.data.CONSTANTS`` or of a catalog (models,
accelerators, provider models and their rate-limit tiers, keyed ``model:...``,
``accelerator:...``, ``provider:...``, ``rate-limit:.../tier N``): key, ``as_of`` date, ``checked_on``
date (set on old standards a maintainer confirmed are still current), age in days from
``checked_on`` or else ``as_of``, status, source title. A record whose age is more than ``--max-age-days`` (default 180) is
flagged ``STALE``: a maintainer opens its ``source_url``, re-reads the value, and updates
``value``/``as_of`` (or its note, if the source has not changed).

Exit status:
    0  no constant is older than the threshold;
    1  at least one constant is flagged STALE (the table says which);
    2  bad arguments (argparse's usual status).

The exit status depends on the calendar, so the test suite runs the flagging logic with a
fixed day (tests/test_freshness.py) instead of running this script as a gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_AGE_DAYS = 180


@dataclass(frozen=True)
class Freshness:
    key: str
    as_of: dt.date
    checked_on: dt.date | None
    age_days: int
    stale: bool
    status: str
    source_title: str
    source_url: str


def age_days(as_of: dt.date, today: dt.date) -> int:
    """Whole days from ``as_of`` to ``today`` (negative if ``as_of`` is in the future)."""
    return (today - as_of).days


def assess(
    records: Iterable[object], today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS
) -> list[Freshness]:
    """One :class:`Freshness` row per record, oldest first, then by key.

    A record is stale when its age is strictly greater than ``max_age_days``: a constant
    read exactly ``max_age_days`` days ago is still fresh. The age runs from ``checked_on``
    when a record has one (an old standard confirmed as still current), else from ``as_of``.
    """
    if max_age_days < 0:
        raise ValueError(f"max_age_days must be >= 0 days, got {max_age_days}")
    rows = []
    for record in records:
        checked = getattr(record, "checked_on", None)
        age = age_days(checked or record.as_of, today)
        rows.append(
            Freshness(
                key=record.key,
                as_of=record.as_of,
                checked_on=checked,
                age_days=age,
                stale=age > max_age_days,
                status=getattr(record, "status", ""),
                source_title=record.source_title,
                source_url=record.source_url,
            )
        )
    return sorted(rows, key=lambda r: (r.checked_on or r.as_of, r.key))


def render(
    rows: list[Freshness], today: dt.date, max_age_days: int, stale_only: bool = False
) -> str:
    width = max([len(r.key) for r in rows] + [len("record")])
    lines = [
        f"Sourced constants and catalog records, ages relative to {today.isoformat()}; "
        f"STALE = older than {max_age_days} days.",
        f"{'record':<{width}}  as_of       checked_on  age_days  flag   status      source",
    ]
    for r in rows:
        if stale_only and not r.stale:
            continue
        flag = "STALE" if r.stale else "ok"
        checked = r.checked_on.isoformat() if r.checked_on else "-".ljust(10)
        lines.append(
            f"{r.key:<{width}}  {r.as_of.isoformat()}  {checked}  {r.age_days:>8}  {flag:<5}  "
            f"{r.status:<10}  {r.source_title}"
        )
    num_stale = sum(r.stale for r in rows)
    lines.append(f"{len(rows)} records, {num_stale} stale.")
    return "\n".join(lines)


def load_constants() -> Mapping[str, object]:
    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from calculators.data import CONSTANTS

    return CONSTANTS


def load_records() -> list[object]:
    """Every constant, then every catalog record (keys name the catalog)."""
    constants = list(load_constants().values())
    from calculators.catalogs import sourced_records

    return constants + list(sourced_records())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="List sourced constants with their age; flag those due for a re-check."
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.datetime.now(dt.timezone.utc).date(),
        help="the day ages are measured to (YYYY-MM-DD; default: today, UTC)",
    )
    parser.add_argument(
        "--max-age-days",
        type=int,
        default=DEFAULT_MAX_AGE_DAYS,
        help=f"flag constants older than this many days (default {DEFAULT_MAX_AGE_DAYS})",
    )
    parser.add_argument("--stale-only", action="store_true", help="print only flagged rows")
    args = parser.parse_args(argv)
    if args.max_age_days < 0:
        parser.error("--max-age-days must be >= 0")

    rows = assess(load_records(), args.today, args.max_age_days)
    print(render(rows, args.today, args.max_age_days, stale_only=args.stale_only))
    return 1 if any(r.stale for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
