"""The Performance page's tables (``{{ performance_report() }}``), from the committed results.

``scripts/perf_report.py`` measures the site and writes every figure, ratios and verdicts
included, into ``docs/performance.json``; this module only formats that file (no arithmetic).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from macros.format import format_value

#: The results file scripts/perf_report.py writes (published beside the page).
RESULTS = Path(__file__).resolve().parent.parent / "docs" / "performance.json"
CATEGORIES = (("performance", "perf"), ("accessibility", "accessibility"),
              ("best-practices", "best pr."), ("seo", "SEO"))


def load(path: Path = RESULTS) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell(text: str, ok: bool | None = None) -> str:
    mark = "" if ok is None or ok else ' <span class="perf-miss" title="misses its target">✗</span>'
    return f"<td>{html.escape(text)}{mark}</td>"


def _kb(value: float) -> str:
    return format_value("bytes", value)


def _score(value: float | None) -> str:
    """Lighthouse reports a score in hundredths, so it keeps both places ("0.80", "1.00")."""
    return "not run" if value is None else f"{value:.2f}"


def _table(head: list[str], rows: list[str], caption: str) -> str:
    cols = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    # No class: Material wraps the table in its scroll box, so at 360 px it scrolls inside it.
    return (f'<table><caption>{html.escape(caption)}</caption><thead><tr>{cols}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def summary(data: dict[str, Any]) -> str:
    """Targets and what was measured against each."""
    t = data["targets"]
    rows = []
    for item in data["verdicts"]:
        fmt = item["format"]
        measured = format_value(fmt, item["measured"], item.get("sig"))
        target = format_value(fmt, item["target"], item.get("sig"))
        rows.append(f'<tr><th scope="row">{html.escape(item["label"])}</th>'
                    f"<td>{html.escape(item['relation'])} {html.escape(target)}</td>"
                    + _cell(measured, item["ok"]) + "</tr>")
    lighthouse = (f"Lighthouse {data['lighthouse']} (mobile emulation, simulated throttling), "
                  f"median of {format_value('count', data['lighthouse_runs'])} runs per page"
                  if data.get("lighthouse") else "Lighthouse not run")
    intro = (f"<p>Measured on <time datetime=\"{data['measured_on']}\">{data['measured_on']}"
             f"</time> by <code>scripts/perf_report.py</code> on a "
             f"{format_value('count', data['cpu_count'])}-core machine shared with other work "
             f"(load average {format_value('number', data['load_average'], 2)} at the end); "
             f"Chromium {html.escape(data['chromium'])}; {html.escape(lighthouse)}. Timings are "
             f"medians of {format_value('count', t['num_builds'])} runs.</p>")
    return intro + _table(["Target", "Aim", "Measured"], rows, "Targets")


#: The main-thread columns of the control table, in order (scripts/perf_report.py's keys).
MAIN_THREAD = ("task_seconds", "script_seconds", "style_seconds", "layout_seconds")


def _score_cells(row: dict[str, Any], marks: bool = True) -> str:
    """A page's Lighthouse scores; ``marks=False`` for the bare page, which has no targets."""
    scores = row.get("scores") or {}
    if not scores:
        return "<td></td>" * len(CATEGORIES)
    return "".join(_cell(_score(scores.get(cid)),
                         row.get("scores_ok", {}).get(cid) if marks else None)
                   for cid, _ in CATEGORIES)


def control(data: dict[str, Any]) -> str:
    """The lowest-performing page as published, without the site's scripts, without the
    theme's."""
    c = data.get("control")
    if not c:
        return "<p>Lighthouse was not run, so there is no control measurement.</p>"
    path = html.escape(c["path"])
    ok = data["control_ok"]
    main = c.get("main_thread") or {}  # absent from a run before it was measured

    def times(key: str) -> str:
        """The row's main-thread cells: none without the columns, empty when not measured."""
        if not main:
            return ""
        if key not in main:
            return "<td></td>" * len(MAIN_THREAD)
        # Two digits: the times vary from one run to the next.
        return "".join(f"<td>{format_value('duration', main[key][m], 2)}</td>"
                       for m in MAIN_THREAD)

    def row(label: str, key: str, scores: dict[str, Any]) -> str:
        cells = times(key)
        return (f'<tr><th scope="row">{label}</th>'
                + _cell(_score(scores.get("performance")), ok[key]) + cells + "</tr>")

    rows = [row("bare Material page (one paragraph)", "bare", data["bare"].get("scores") or {}),
            row(f"<code>{path}</code> as published (measured again)", "scores", c["scores"]),
            row(f"<code>{path}</code> without the site's own scripts", "scores_without_site_js",
                c["scores_without_site_js"]),
            row(f"<code>{path}</code> without Material's <code>bundle.js</code>",
                "scores_without_bundle", c["scores_without_bundle"])]
    head = ["Page", "Lighthouse performance"]
    caption = "The lowest-scoring page with and without the theme's start-up script"
    if main:
        head += ["Main thread busy", "of which script", "style", "layout"]
        caption += (f" (main thread: median of {format_value('count', c['main_thread_runs'])} "
                    "first visits each)")
    return _table(head, rows, caption)


def pages(data: dict[str, Any]) -> str:
    """One row per page, the bare Material page first."""
    head = ["Page", "Requests", "First visit less HTML", "Times the bare page", "Site JS",
            *[short for _, short in CATEGORIES]]
    bare = data["bare"]
    rows = [f'<tr><th scope="row">bare Material page</th>'
            f"<td>{format_value('count', bare['num_requests'])}</td>"
            f"<td>{_kb(bare['without_html_bytes'])}</td><td>{format_value('number', 1.0, 3)}</td>"
            f"<td>{_kb(bare['calc_js_bytes'])}</td>" + _score_cells(bare, marks=False) + "</tr>"]
    for p in data["pages"]:
        cells = _score_cells(p)
        rows.append(f'<tr><th scope="row"><code>{html.escape(p["path"])}</code></th>'
                    f"<td>{format_value('count', p['num_requests'])}</td>"
                    + _cell(_kb(p["without_html_bytes"]), p["within_budget"])
                    + f"<td>{format_value('number', p['bare_ratio'], 3)}</td>"
                    + _cell(_kb(p["calc_js_bytes"]), p["calc_js_ok"]) + cells + "</tr>")
    return _table(head, rows, "Every page on a first visit (gzip level six, as a static host "
                              "serves it) and its Lighthouse scores")


def build(data: dict[str, Any]) -> str:
    """Build time with and without macros, and where the macros' time goes."""
    b = data["build"]
    builds = [("Strict build with macros, pages from the build cache", "macros_seconds", "ratio"),
              ("Strict build with macros, cold (every macro rendered)", "cold_macros_seconds",
               "cold_ratio"),
              ("Build without the macros plugin", "nomacros_seconds", None)]
    rows = [f'<tr><th scope="row">{html.escape(label)}</th>'
            f"<td>{format_value('duration', b[key])}</td>"
            f"<td>{format_value('number', b[ratio], 3) if ratio else 'baseline'}</td></tr>"
            for label, key, ratio in builds if b.get(key) is not None]
    out = _table(["Build", "Wall clock", "Times the baseline"], rows, "Build time, median")
    profile = data.get("profile")
    if profile:
        prow = [f'<tr><th scope="row">{html.escape(item["label"])}</th>'
                f"<td>{format_value('duration', item['seconds'])}</td>"
                f"<td>{format_value('percent', item['share_ratio'], 2)}</td></tr>"
                for item in profile["items"]]
        out += _table(["Where the macros' time goes", "Time", "Share"], prow,
                      "One cold build, timed inside the process (the largest parts)")
    reload = data.get("reload") or {}
    edits = [(f"An edit to {reload.get('file')} (a calculators data module)", "median_seconds"),
             (f"An edit to {reload.get('markdown_file')} that changes no calculator input",
              "markdown_median_seconds"),
             (f"The same edit to {reload.get('markdown_file')}, served with the macros plugin "
              "removed (MkDocs and Material alone)", "floor_median_seconds")]
    rrows = [f'<tr><th scope="row">{html.escape(label)}</th>'
             f"<td>{format_value('duration', reload[key])}</td></tr>"
             for label, key in edits if reload.get(key) is not None]
    if rrows:
        runs = format_value("count", len(reload.get("samples_seconds") or []))
        out += _table(["Edit saved", "Served after"], rrows,
                      f"Live reload under mkdocs serve, median of {runs} edits each")
    return out


def define(env: Any) -> None:
    @env.macro
    def performance_report(part: str) -> str:
        """``summary``, ``pages``, ``control`` or ``build``: a table of the committed
        performance results."""
        renderer = {"summary": summary, "pages": pages, "build": build,
                    "control": control}[part]
        if not RESULTS.is_file():  # a fresh checkout before the first measurement
            return ("<p>No measurements are committed yet: run <code>uv run python "
                    "scripts/perf_report.py</code> and commit <code>docs/performance.json</code>."
                    "</p>")
        return renderer(load())
