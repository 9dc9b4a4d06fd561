"""Tables of the shared catalogs for the reference pages (``docs/reference/*.md``).

``reference_table(name)`` renders one table of one catalog: every value of every entry, each
entry's source link, date and status. The values come from the catalog records (and from
``calculators.reference_tables`` where a table prints another unit); this module only formats.
Wide catalogs are split into several tables of at most seven short columns so that each fits
the text column at 1280 px; at phone width Material wraps each table in its own scroll box.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from macros.format import format_value

__all__ = ["TABLES", "reference_table", "render_table"]

DASH = "—"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A plain HTML table (cells already escaped HTML) with a caption and column headers."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join((f'<th scope="row">{cell}</th>' if i == 0 else f"<td>{cell}</td>")
                         for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return (f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _fmt(fmt: str, value: float | None, suffix: str = "") -> str:
    return DASH if value is None else _e(format_value(fmt, value) + suffix)


def _date(record: Any) -> str:
    text = f'<time datetime="{record.as_of.isoformat()}">{record.as_of.isoformat()}</time>'
    if record.checked_on:
        text += f" (checked {record.checked_on.isoformat()})"
    return text


def _source(record: Any) -> str:
    return f'<a href="{_e(record.source_url)}">{_e(record.source_title)}</a>'


def _sources(caption: str, records: Iterable[Any], name: Callable[[Any], str]) -> str:
    return render_table(caption, ("Entry", "Source, date and status", "Scope and notes"), (
        (name(r), f"{_source(r)}<br>{_date(r)}, {_e(r.status.lower())}", _e(r.note))
        for r in records))


def _catalogs() -> Any:
    return importlib.import_module("calculators.catalogs").CATALOGS


def _tables() -> Any:
    return importlib.import_module("calculators.reference_tables")


def _entry(record: Any) -> str:
    return f"{_e(record.name)}<br><code>{_e(record.key)}</code>"


# --- models -----------------------------------------------------------------------------------

def models_size() -> str:
    return render_table(
        "Model size and context (parameters counted from each config)",
        ("Model (preset key)", "Parameters", "Active per token", "Context", "Weights", "Vocabulary"),
        ((_entry(m), _fmt("count", m.params_total), _fmt("count", m.params_active),
          _fmt("tokens", m.context_window_tokens), _e(m.native_dtype.upper()),
          _fmt("count", m.vocab_size)) for m in _catalogs()["models"].values()))


def models_attention() -> str:
    def mla(m: Any) -> str:
        if m.kv_lora_rank is None:
            return DASH
        return _e(f"{format_value('count', m.kv_lora_rank)} + "
                  f"{format_value('count', m.qk_rope_head_dim)}")

    def window(m: Any) -> str:
        if m.sliding_window_tokens is None:
            return DASH
        return _e(f"{format_value('tokens', m.sliding_window_tokens)} on "
                  f"{format_value('count', m.num_sliding_window_layers)} of "
                  f"{format_value('count', m.num_layers)} layers")

    return render_table(
        "Attention shape: what the KV cache is made of",
        ("Model", "Layers × hidden size", "Attention (heads / KV heads)", "Head dim",
         "MLA latent + RoPE", "Sliding window"),
        ((_e(m.name), _e(f"{format_value('count', m.num_layers)} × "
                         f"{format_value('count', m.hidden_size)}"),
          _e(f"{m.attention.upper()} ({format_value('count', m.num_attention_heads)} / "
             f"{format_value('count', m.num_kv_heads)})"),
          _fmt("count", m.head_dim), mla(m), window(m))
         for m in _catalogs()["models"].values()))


def models_sources() -> str:
    return _sources("Where each model's numbers come from", _catalogs()["models"].values(),
                    lambda m: _e(m.name))


# --- accelerators -----------------------------------------------------------------------------

def accelerators_memory() -> str:
    return render_table(
        "Memory, bandwidth and interconnect (GB = 10^9 bytes)",
        ("Device (preset key)", "Vendor and SKU", "Form factor", "Memory", "Bandwidth",
         "Interconnect"),
        ((_entry(a), _e(f"{a.vendor} {a.sku}"), _e(f"{a.form_factor} ({a.kind})"),
          _fmt("bytes", a.memory_bytes), _fmt("bytes", a.memory_bandwidth_bytes_per_second, "/s"),
          _e(a.interconnect_name) + ("" if a.interconnect_bytes_per_second is None else
                                     ", " + _fmt("bytes", a.interconnect_bytes_per_second, "/s")))
         for a in _catalogs()["accelerators"].values()))


def accelerators_compute() -> str:
    tables = _tables()
    return render_table(
        "Dense peak compute, no sparsity (TFLOP/s; TOPS for INT8 and INT4)",
        ("Device", *(d.upper() for d in tables.DTYPE_ORDER)),
        ((_e(a.name), *(_fmt("number", v) for v in tables.accelerator_tflops(a).values()))
         for a in _catalogs()["accelerators"].values()))


def accelerators_sources() -> str:
    devices = _catalogs()["accelerators"].values()
    table = _sources("Where each device's numbers come from", devices, lambda a: _e(a.name))
    alternates = render_table(
        "Where sources disagree: the figure used and the other one",
        ("Device", "What another source states"),
        ((_e(a.name), _e(a.alternate)) for a in devices if a.alternate))
    return table + alternates


# --- provider models --------------------------------------------------------------------------

def providers_prices() -> str:
    records = _catalogs()["provider_models"]
    return render_table(
        "List prices in USD per million tokens (— where not offered)",
        ("Model (preset key)", "Input", "Cache read", "Cache write 5 min", "Cache write 1 h",
         "Output"),
        ((_entry(records[row.key]), *(_fmt("usd", v) for v in row.usd_per_mtok.values()))
         for row in _tables().price_rows()))


def providers_context() -> str:
    records = _catalogs()["provider_models"]
    return render_table(
        "Context, output and long-context prices (USD per million tokens, for the whole "
        "prompt above the threshold)",
        ("Model", "Context window", "Max output", "Long prompts from", "Input", "Output"),
        ((_e(records[row.key].name), _fmt("tokens", records[row.key].context_window_tokens),
          _fmt("tokens", records[row.key].max_output_tokens),
          _fmt("tokens", records[row.key].long_context_threshold_tokens),
          _fmt("usd", row.long_context_input_usd_per_mtok),
          _fmt("usd", row.long_context_output_usd_per_mtok))
         for row in _tables().price_rows()))


def providers_cache_rules() -> str:
    def ttls(pm: Any) -> str:
        if not pm.cache_ttls_seconds:
            return "not stated"
        return _e(", ".join(format_value("duration", t) for t in pm.cache_ttls_seconds))

    def cached_from(pm: Any) -> str:
        text = _fmt("tokens", pm.cache_min_tokens)
        if pm.cache_increment_tokens is not None:
            text += ", then steps of " + _fmt("tokens", pm.cache_increment_tokens)
        return text

    return render_table(
        "Cache rules and batch discount",
        ("Model", "Cached from", "Lifetimes", "Breakpoints", "Batch discount"),
        ((_e(pm.name), cached_from(pm), ttls(pm),
          "automatic" if pm.cache_breakpoints_max is None else _fmt("count",
                                                                    pm.cache_breakpoints_max),
          _fmt("percent", pm.batch_discount_ratio))
         for pm in _catalogs()["provider_models"].values()))


def providers_rate_limits() -> str:
    limits = {"rpm": "RPM", "itpm": "Input TPM", "otpm": "Output TPM", "tpm": "TPM",
              "rpd": "RPD"}
    tiers = [(pm, t) for pm in _catalogs()["provider_models"].values() for t in pm.rate_limits]
    shown = [k for k in limits if any(getattr(t, k) is not None for _, t in tiers)]
    return render_table(
        "Published rate-limit tiers (requests or tokens per minute; columns no tier uses "
        "are left out)",
        ("Model", "Tier", *(limits[k] for k in shown)),
        ((_e(pm.name), _e(t.tier), *(_fmt("count", getattr(t, k)) for k in shown))
         for pm, t in tiers))


def providers_sources() -> str:
    records = list(_catalogs()["provider_models"].values())
    tiers = {pm.rate_limits[0].source_url: pm.rate_limits[0] for pm in records if pm.rate_limits}
    return _sources("Where each price and rule comes from",
                    [*records, *tiers.values()],
                    lambda r: _e(getattr(r, "name", "Rate-limit tiers")))


QUANTITY_LABELS = {
    "input_usd_per_mtok": "input price", "output_usd_per_mtok": "output price",
    "cache_read_usd_per_mtok": "cache read", "cache_write_5m_usd_per_mtok": "5-minute write",
    "cache_write_1h_usd_per_mtok": "1-hour write", "context_window_tokens": "context window",
    "long_context_input_usd_per_mtok": "long-context input",
    "long_context_output_usd_per_mtok": "long-context output",
}


def genai_prices_report() -> str:
    """Where genai-prices and the cited pages disagree (scripts/genai_prices_report.py)."""
    data = _tables().genai_prices_report()
    records = _catalogs()["provider_models"]

    def shown(quantity: str, value: float | None) -> str:
        if value is None:
            return "not listed"
        if quantity.endswith("_per_mtok"):
            return _fmt("usd", value, " per MTok")
        return _fmt("tokens", value)

    rows = [(_e(records[r["key"]].name), _e(QUANTITY_LABELS[r["quantity"]]),
             shown(r["quantity"], r["ours"]), shown(r["quantity"], r["genai_prices"]))
            for r in data["rows"] if not r["agree"]]
    agree = sum(r["agree"] for r in data["rows"])
    caption = (f"genai-prices {data['genai_prices_version']}, priced on {data['priced_on']}: "
               f"{format_value('count', agree)} of {format_value('count', len(data['rows']))} "
               "values agree; the others")
    return render_table(caption, ("Model", "Quantity", "This site", "genai-prices"), rows)


TABLES: dict[str, Callable[[], str]] = {
    "models-size": models_size,
    "models-attention": models_attention,
    "models-sources": models_sources,
    "accelerators-memory": accelerators_memory,
    "accelerators-compute": accelerators_compute,
    "accelerators-sources": accelerators_sources,
    "providers-prices": providers_prices,
    "providers-context": providers_context,
    "providers-cache-rules": providers_cache_rules,
    "providers-rate-limits": providers_rate_limits,
    "providers-sources": providers_sources,
    "providers-genai-prices": genai_prices_report,
}


def reference_table(name: str) -> str:
    """The reference table ``name`` (one of :data:`TABLES`)."""
    try:
        return TABLES[name]()
    except KeyError:
        raise KeyError(f"unknown reference table {name!r}; known: {', '.join(TABLES)}") from None


def define(env: Any, registry: Any) -> None:
    """Register the reference-page macros on the mkdocs-macros ``env``."""
    env.macro(reference_table, name="reference_table")

    def calculator_exists(name: str) -> bool:
        """True when calculator ``name`` is registered (a page may show it once it lands)."""
        return name in registry.REGISTRY

    env.macro(calculator_exists, name="calculator_exists")
