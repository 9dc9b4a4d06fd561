"""scripts/perf_report.py without a browser: serving, page discovery, report and its markers.

The script itself (builds, Chromium, Lighthouse) is run by hand, not in CI; these tests keep
the parts it is built from honest.
"""

from __future__ import annotations

import gzip
import html
import importlib.util
import sys
import urllib.request

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("perf_report", ROOT / "scripts" / "perf_report.py")
perf = importlib.util.module_from_spec(_spec)
sys.modules["perf_report"] = perf  # dataclasses look their module up while executing it
_spec.loader.exec_module(perf)


def test_server_gzips_text_like_a_static_host(tmp_path):
    body = ("<p>" + "compressible " * 200 + "</p>").encode()
    (tmp_path / "index.html").write_bytes(body)
    (tmp_path / "icon.png").write_bytes(b"\x89PNG not compressed")
    port = perf.free_port()
    with perf.serve(tmp_path, port) as base:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            raw = response.read()
        assert gzip.decompress(raw) == body
        assert len(raw) == len(perf.gzip_bytes(body)) < len(body)
        with urllib.request.urlopen(base + "icon.png") as response:
            assert response.headers["Content-Encoding"] is None
        with urllib.request.urlopen(base) as response:  # no Accept-Encoding: plain
            assert response.read() == body


def test_site_pages_skips_redirect_stubs(tmp_path):
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "404.html").write_text("<h1>not found</h1>")
    (tmp_path / "guides" / "new").mkdir(parents=True)
    (tmp_path / "guides" / "new" / "index.html").write_text("<h1>new</h1>")
    (tmp_path / "guides" / "old").mkdir()
    (tmp_path / "guides" / "old" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../new/">')
    assert sorted(perf.site_pages(tmp_path)) == ["", "404.html", "guides/new/"]


def test_text_report_marks_missed_targets():
    ok = perf.PageFigures(path="/a/", num_requests=3, js_bytes=9000, calc_js_bytes=4000,
                          scores={"performance": 0.97, "accessibility": 1.0,
                                  "best-practices": 1.0, "seo": 1.0})
    bad = perf.PageFigures(path="/b/", num_requests=3, calc_js_bytes=16000,
                           scores={"performance": 0.9, "accessibility": 0.95,
                                   "best-practices": 1.0, "seo": 1.0})
    text = perf.render([ok, bad], 2.0, 1.0, "12.2.3", "156", cold_seconds=3.5)
    row_a = next(line for line in text.splitlines() if line.startswith("| `/a/`"))
    row_b = next(line for line in text.splitlines() if line.startswith("| `/b/`"))
    assert "✗" not in row_a
    assert row_b.count("✗") == 3  # calc JS, performance, accessibility
    assert "ratio 2.00" in text and "ratio 3.50" in text


def _figures(path: str, calc_js: int, **scores: float) -> "perf.PageFigures":
    return perf.PageFigures(path=path, num_requests=3, html_bytes=5000, css_bytes=20000,
                            js_bytes=40000, calc_js_bytes=calc_js, other_bytes=2000,
                            scores={k.replace("_", "-"): v for k, v in scores.items()},
                            files=[("/assets/js/mount.js", calc_js)])


def test_results_carry_ratios_and_verdicts():
    bare = _figures("/", 0)
    bare.js_bytes = 35000
    ok = _figures("/a/", 4000, performance=0.97, accessibility=1.0, best_practices=1.0, seo=1.0)
    bad = _figures("/b/", 16000, performance=0.9, accessibility=0.95, best_practices=1.0, seo=1.0)
    bad.js_bytes = 60000
    data = perf.results([ok, bad], bare, [3.0, 2.0, 4.0], [2.0, 2.0, 2.0], [1.5, 1.0, 3.0],
                        None, "12.2.3", "156", 3, 1.0, cold=[8.0, 7.0, 9.0],
                        reload_markdown=[1.2, 1.1, 1.3], reload_floor=[1.0, 0.9, 2.0])
    assert data["reload"]["floor_median_seconds"] == 1.0
    assert data["reload"]["floor_samples_seconds"] == [1.0, 0.9, 2.0]
    rows = {r["path"]: r for r in data["pages"]}
    assert rows["/a/"]["within_budget"] and rows["/a/"]["calc_js_ok"]
    assert not rows["/b/"]["within_budget"] and not rows["/b/"]["calc_js_ok"]
    assert rows["/b/"]["bare_ratio"] == (60000 + 22000) / (35000 + 22000)
    assert data["build"]["ratio"] == 1.5 and data["reload"]["median_seconds"] == 1.5
    verdicts = {v["label"]: v["ok"] for v in data["verdicts"]}
    assert verdicts["Strict build with macros (pages from the build cache), times the build "
                    "without them"] is True
    cold = next(v for v in data["verdicts"] if v["label"].startswith("Strict build with macros, cold"))
    assert cold["measured"] == 4.0 and cold["ok"] is False
    assert data["build"]["cold_ratio"] == 4.0
    assert verdicts["Lighthouse accessibility, lowest page"] is False
    assert verdicts["Lighthouse SEO, lowest page"] is True


def test_the_page_renders_the_committed_results():
    """docs/performance.json (written by the script) renders through macros/performance.py:
    every page of the site has a row, the bare page is beside them, every target a verdict."""
    from macros import performance

    data = performance.load()
    pages_html = performance.pages(data)
    assert "bare Material page" in pages_html
    for row in data["pages"]:
        assert f"<code>{row['path']}</code>" in pages_html
    summary = performance.summary(data)
    for verdict in data["verdicts"]:
        assert html.escape(verdict["label"]) in summary
    assert "Times the baseline" in performance.build(data)
    if data["reload"].get("floor_median_seconds") is not None:
        assert "served with the macros plugin removed" in performance.build(data)


def test_committed_results_cover_every_built_page(built_pages):
    from macros import performance

    data = performance.load()
    measured = {row["path"] for row in data["pages"]}
    assert measured == {"/" + p for p in built_pages}, "re-run scripts/perf_report.py"
    assert not [r["path"] for r in data["pages"] if r["search_index_on_first_visit"]]
    assert all(r["within_budget"] and r["calc_js_ok"] for r in data["pages"])


def test_controls_strip_only_the_chosen_script_tags(tmp_path):
    site = tmp_path / "site"
    (site / "g").mkdir(parents=True)
    page = ('<html><body><p>text</p><script src="../assets/javascripts/bundle.a5f9d56c.min.js">'
            '</script><script src="../assets/js/mount.js" type="module"></script>'
            '<script type="module" src="../assets/js/a11y.js"></script></body></html>')
    (site / "g" / "index.html").write_text(page, encoding="utf-8")
    no_bundle = perf.without_scripts(site, "/g/", tmp_path / "a", perf.THEME_BUNDLE_TAG)
    text = (no_bundle / "g" / "index.html").read_text(encoding="utf-8")
    assert "bundle." not in text and "mount.js" in text and "a11y.js" in text
    no_site = perf.without_scripts(site, "/g/", tmp_path / "b", perf.SITE_SCRIPT_TAG)
    text = (no_site / "g" / "index.html").read_text(encoding="utf-8")
    assert "bundle.a5f9d56c" in text and "assets/js/" not in text and "<p>text</p>" in text
    assert (site / "g" / "index.html").read_text(encoding="utf-8") == page  # the original stays
    with pytest.raises(RuntimeError, match="no script tag"):
        perf.without_scripts(no_bundle, "/g/", tmp_path / "c", perf.THEME_BUNDLE_TAG)


def test_the_control_table_marks_what_misses():
    from macros import performance

    bare = _figures("/", 0, performance=0.99)
    low = _figures("/b/", 4000, performance=0.83)
    control = {"path": "/b/", "scores": low.scores,
               "scores_without_site_js": {"performance": 0.85},
               "scores_without_bundle": {"performance": 0.97}}
    data = perf.results([low], bare, [2.0], [2.0], [], None, "12.2.3", "156", 3, 1.0,
                        control=control)
    assert data["control"] == control
    table = performance.control(data)
    rows = table.split("<tr>")[2:]
    assert [row.count("✗") for row in rows] == [0, 1, 1, 0]
    assert "0.97" in rows[3] and "bundle.js" in rows[3]
    assert "not run" in performance.control({**data, "control": None})
    assert "Main thread busy" not in table  # a run from before the main-thread columns
    times = {"task_seconds": 0.84, "script_seconds": 0.158, "style_seconds": 0.213,
             "layout_seconds": 0.05}
    with_main = {**control, "main_thread": {"bare": times, "scores": times,
                                            "scores_without_site_js": times},
                 "main_thread_runs": 5}
    table = performance.control({**data, "control": with_main})
    rows = table.split("<tr>")[2:]
    assert "Main thread busy" in table and "840 ms" in rows[0] and "210 ms" in rows[1]
    assert "median of 5 first visits" in table
    assert rows[3].count("<td></td>") == 4  # a variant not measured: empty cells, no "None"


def test_main_thread_time_counts_the_work_a_page_does(browser, tmp_path):
    """A real Chromium: a page whose script keeps the main thread busy for 0.3 s measures at
    least that much more script time than the same page without it."""
    busy = "<script>const end = performance.now() + 300; while (performance.now() < end) {}</script>"
    (tmp_path / "busy.html").write_text(f"<html><body><p>x</p>{busy}</body></html>", "utf-8")
    (tmp_path / "idle.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    with perf.serve(tmp_path, perf.free_port()) as url:
        got = perf.main_thread_medians(browser, {"busy": url + "busy.html",
                                                 "idle": url + "idle.html"}, runs=1)
    assert set(got["busy"]) == set(perf.MAIN_THREAD_METRICS)
    assert all(0 <= v < 30 for per in got.values() for v in per.values())
    assert got["busy"]["script_seconds"] >= got["idle"]["script_seconds"] + 0.25
    assert got["busy"]["task_seconds"] >= got["busy"]["script_seconds"]
