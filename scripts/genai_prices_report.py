"""Compare the provider-model catalog with the genai-prices package and commit the differences.

Usage (from the project root)::

    uv run python scripts/genai_prices_report.py           # rewrite the committed report
    uv run python scripts/genai_prices_report.py --check   # exit 1 if it is stale

For every record of ``calculators.data.providers.PROVIDER_MODELS`` the script asks genai-prices
(the version pinned in the dev group) for the same model's price per token of input, output,
cache reads, 5-minute and 1-hour cache writes, the long-context input and output rates (for a
model without a recorded long-context tier whose window allows it: the input rate of a
300,000-token prompt, which must then equal the base rate), and the context window, priced at a fixed day (``calculators.data.READ_ON``) so that the report does
not change with the calendar. It writes ``calculators/data/genai_prices_report.json``: one row
per (model, quantity) with our value, genai-prices' value and whether they agree (relative
difference below 1e-9). The providers reference page renders that file; the test suite re-runs
the comparison and fails when the committed file differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT_PATH = ROOT / "calculators" / "data" / "genai_prices_report.json"
#: Our provider names -> genai-prices provider ids.
PROVIDER_IDS = {"Anthropic": "anthropic", "OpenAI": "openai", "Google": "google",
                "DeepSeek": "deepseek"}
#: Tokens used to price one quantity: small enough to stay below any long-context threshold.
PROBE_TOKENS = 1000
#: Prompt length used to read a long-context rate (above every threshold we record).
LONG_PROBE_TOKENS = 300_000


def _per_token(price: Any, tokens: int) -> float:
    return float(price.total_price) / tokens


def compare(record: Any, when: dt.datetime) -> list[dict[str, Any]]:
    """Rows comparing one provider-model record with genai-prices."""
    from genai_prices import Usage, calc_price

    provider = PROVIDER_IDS[record.provider]

    def price(**usage: int) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return calc_price(Usage(**usage), record.model_id, provider_id=provider,
                              genai_request_timestamp=when)

    n = PROBE_TOKENS
    base = price(input_tokens=n)
    theirs: dict[str, float | None] = {
        "input_usd_per_token": _per_token(base, n),
        "output_usd_per_token": _per_token(price(output_tokens=n), n),
        "cache_read_usd_per_token": _per_token(price(input_tokens=n, cache_read_tokens=n), n),
        "cache_write_5m_usd_per_token": _per_token(
            price(input_tokens=n, cache_write_tokens=n, cache_write_5m_tokens=n), n),
        "cache_write_1h_usd_per_token": _per_token(
            price(input_tokens=n, cache_write_tokens=n, cache_write_1h_tokens=n), n),
        "context_window_tokens": base.model.context_window,
    }
    ours: dict[str, float | None] = {key: getattr(record, key) for key in theirs}
    # A price genai-prices does not know falls back to the input rate: report "not offered".
    for key in ("cache_read_usd_per_token", "cache_write_5m_usd_per_token",
                "cache_write_1h_usd_per_token"):
        if ours[key] is None and theirs[key] == theirs["input_usd_per_token"]:
            theirs[key] = None
    if record.long_context_threshold_tokens is None and record.context_window_tokens >= (
            LONG_PROBE_TOKENS):
        # No long-context tier recorded: a long prompt must cost the base rate there too.
        ours["long_context_input_usd_per_token"] = record.input_usd_per_token
        theirs["long_context_input_usd_per_token"] = _per_token(
            price(input_tokens=LONG_PROBE_TOKENS), LONG_PROBE_TOKENS)
    if record.long_context_threshold_tokens is not None:
        m = LONG_PROBE_TOKENS
        ours["long_context_input_usd_per_token"] = record.long_context_input_usd_per_token
        ours["long_context_output_usd_per_token"] = record.long_context_output_usd_per_token
        theirs["long_context_input_usd_per_token"] = _per_token(price(input_tokens=m), m)
        long_out = price(input_tokens=m, output_tokens=n)
        theirs["long_context_output_usd_per_token"] = (
            float(long_out.total_price) - float(price(input_tokens=m).total_price)) / n
    rows = []
    for key, mine in ours.items():
        other = theirs[key]
        if mine is None or other is None:
            agree = mine is None and other is None
        else:
            agree = abs(mine - other) <= 1e-9 * max(abs(mine), abs(other))
        rows.append({"key": record.key, "quantity": key, "ours": mine, "genai_prices": other,
                     "agree": agree, "genai_model": base.model.id})
    return rows


def build() -> dict[str, Any]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from importlib.metadata import version

    from calculators.data import READ_ON
    from calculators.data.providers import PROVIDER_MODELS

    when = dt.datetime.combine(READ_ON, dt.time(12), tzinfo=dt.timezone.utc)
    rows = [row for record in PROVIDER_MODELS.values() for row in compare(record, when)]
    return {
        "genai_prices_version": version("genai-prices"),
        "priced_on": READ_ON.isoformat(),
        "rows": rows,
        "num_disagreements": sum(not row["agree"] for row in rows),
    }


def render() -> str:
    return json.dumps(build(), indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the report is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = REPORT_PATH.read_text(encoding="utf-8") if REPORT_PATH.exists() else ""
        if current != text:
            print(f"{REPORT_PATH} is stale: run scripts/genai_prices_report.py", file=sys.stderr)
            return 1
        print(f"{REPORT_PATH} is up to date")
        return 0
    REPORT_PATH.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(f"wrote {REPORT_PATH}: {len(data['rows'])} rows, "
          f"{data['num_disagreements']} disagreements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
