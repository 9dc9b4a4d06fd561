"""scripts/perf_report.py without a browser: serving, page discovery, report and its markers.

The script itself (builds, Chromium, Lighthouse) is run by hand, not in CI; these tests keep
the parts it is built from honest.
"""

from __future__ import annotations

import gzip
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


def test_report_marks_missed_targets():
    ok = perf.PageFigures(path="/a/", num_requests=3, js_bytes=9000, calc_js_bytes=4000,
                          scores={"performance": 0.97, "accessibility": 1.0,
                                  "best-practices": 1.0, "seo": 1.0})
    bad = perf.PageFigures(path="/b/", num_requests=3, calc_js_bytes=16000,
                           scores={"performance": 0.9, "accessibility": 0.95,
                                   "best-practices": 1.0, "seo": 1.0})
    text = perf.render([ok, bad], 2.0, 1.0, "12.2.3", "156")
    row_a = next(line for line in text.splitlines() if line.startswith("| `/a/`"))
    row_b = next(line for line in text.splitlines() if line.startswith("| `/b/`"))
    assert "✗" not in row_a
    assert row_b.count("✗") == 3  # calc JS, performance, accessibility
    assert "ratio 2.00" in text


def test_write_report_replaces_only_between_markers(tmp_path):
    page = tmp_path / "performance.md"
    page.write_text(f"intro\n{perf.START_MARKER}\nold\n{perf.END_MARKER}\noutro\n")
    perf.write_report("new report", page)
    assert page.read_text() == f"intro\n{perf.START_MARKER}\nnew report\n{perf.END_MARKER}\noutro\n"
    page.write_text("no markers")
    with pytest.raises(SystemExit):
        perf.write_report("x", page)


def test_the_docs_page_has_the_markers():
    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert text.count(perf.START_MARKER) == 1 and text.count(perf.END_MARKER) == 1
