"""Performance report: build the site, serve it like a static host, measure every page.

Usage (from the project root, after ``uv sync`` and ``npm ci --prefix tools``)::

    uv run python scripts/perf_report.py              # measure, print, rewrite the report page
    uv run python scripts/perf_report.py --no-write   # measure and print only
    uv run python scripts/perf_report.py --no-lighthouse
    uv run python scripts/perf_report.py --lighthouse-runs 1   # quicker, noisier scores

What it measures, per built page (every ``*.html`` in the site directory except redirect
stubs written by mkdocs-redirects):

- the requests the page makes when loaded in headless Chromium (recorded, not guessed);
- the bytes those requests transfer, gzip-compressed (level 6, as a static host such as
  GitHub Pages serves text), split into HTML, CSS, JS and other; "calc JS" is the part of JS
  that is this project's own (``assets/js/``), with a budget of 15 KB gzip per page;
- Lighthouse 12 (pinned in ``tools/package.json``) performance, accessibility,
  best-practices and SEO scores, default mobile emulation with simulated throttling, against
  a local server that gzips text the way a static host does.

It also times the full ``mkdocs build --strict`` and the same build with the macros plugin
removed from a temporary copy of the config (pages then keep their raw Jinja, which is fine
for timing), alternating the two so a busy machine slows both alike, and prints the ratio; one
more build runs in-process with a timer around the macros plugin's hooks (where the time goes:
importing ``calculators`` and defining the macros, then each page's macros). Finally it times
``mkdocs serve`` showing an edit to a calculators module (live reload).

Every figure, with the ratios and verdicts, goes into ``docs/performance.json``; the Performance
page (``docs/performance.md``) renders that file with ``{{ performance_report(...) }}``
(``macros/performance.py``), so nothing on it is typed by hand.

Exit status: 0 when the report was produced (targets missed are reported, not fatal);
1 when a build, the server or Chromium failed; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
REPORT_PAGE = ROOT / "docs" / "performance.md"
LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
RESULTS = ROOT / "docs" / "performance.json"
GZIP_LEVEL = 6
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}

# Targets printed next to the figures (from issue 4).
TARGET_SCORE = 1.0
TARGET_PERFORMANCE = 0.95
TARGET_CALC_JS_BYTES = 15 * 1000
TARGET_BUILD_RATIO = 1.5
TARGET_RELOAD_SECONDS = 2.0
#: What the suite holds every page to: the target itself (forms and their formula modules load
#: when a form comes near the viewport, docs/assets/js/mount.js).
CALC_JS_GATE_BYTES = TARGET_CALC_JS_BYTES


# --------------------------------------------------------------------------- serving


class GzipStaticHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that gzips text files when the client accepts gzip."""

    def send_head(self):  # noqa: D401 - http.server API
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the stdlib redirects to the slash form
            path = os.path.join(path, "index.html")
        ext = os.path.splitext(path)[1]
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if ext not in COMPRESSIBLE or not accepts_gzip or not os.path.isfile(path):
            return super().send_head()
        body = gzip_bytes(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@functools.lru_cache(maxsize=None)
def _gzip_cached(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def gzip_bytes(data: bytes) -> bytes:
    return _gzip_cached(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path, port: int):
    handler = functools.partial(GzipStaticHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- building


def build_env(site_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["SITE_URL"] = site_url
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    return env


def timed_build(config: Path, site_dir: Path, site_url: str, strict: bool = True,
                cache: bool = True) -> float:
    """Run ``mkdocs build`` in a subprocess; return wall seconds. Never ``-q`` with strict.
    ``cache=False`` renders every macro (``MACROS_CACHE=off``, as a clean clone builds)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = build_env(site_url)
    if not cache:
        env["MACROS_CACHE"] = "off"
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({' '.join(cmd)}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def yaml_without_macros(config: Path = CONFIG) -> str:
    """The text of ``config`` with the macros plugin removed (``!ENV`` values resolved)."""
    import yaml
    from mkdocs.utils import yaml as mkdocs_yaml

    with config.open("rb") as f:
        data = mkdocs_yaml.yaml_load(f)
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = {k: v for k, v in plugins.items() if k != "macros"}
    else:
        plugins = [
            p for p in plugins if p != "macros" and not (isinstance(p, dict) and "macros" in p)
        ]
    data["plugins"] = plugins
    return yaml.dump(data, sort_keys=False)


def config_without_macros(tmp: Path) -> Path:
    """Write a copy of mkdocs.yml with the macros plugin removed, beside the original.

    The copy lives in the project root so relative paths (docs_dir, custom_dir, watch)
    resolve as in the original; the caller deletes it.
    """
    path = ROOT / f".perf-nomacros-{os.getpid()}.yml"
    path.write_text(yaml_without_macros(), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- measuring


@dataclass
class PageFigures:
    path: str
    num_requests: int = 0
    html_bytes: int = 0
    css_bytes: int = 0
    js_bytes: int = 0
    calc_js_bytes: int = 0
    other_bytes: int = 0
    offsite: list[str] = field(default_factory=list)
    scores: dict[str, float | None] = field(default_factory=dict)
    #: (URL path, gzip bytes) of every same-origin file the first visit transferred.
    files: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return self.html_bytes + self.css_bytes + self.js_bytes + self.other_bytes


def is_redirect_stub(html: str) -> bool:
    return bool(re.search(r'<meta[^>]+http-equiv="refresh"', html, re.I))


def site_pages(site_dir: Path) -> list[str]:
    """URL paths of every built HTML page, redirect stubs excluded."""
    pages = []
    for file in sorted(site_dir.rglob("*.html")):
        if is_redirect_stub(file.read_text(encoding="utf-8", errors="replace")):
            continue
        rel = file.relative_to(site_dir).as_posix()
        if rel == "index.html":
            pages.append("")
        elif rel.endswith("/index.html"):
            pages.append(rel[: -len("index.html")])
        else:
            pages.append(rel)
    return pages


def file_for(site_dir: Path, url_path: str) -> Path | None:
    rel = url_path.lstrip("/")
    candidate = site_dir / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def classify(resource_type: str, path: str) -> str:
    ext = os.path.splitext(path)[1]
    if resource_type == "document" or ext == ".html" or path.endswith("/"):
        return "html"
    if resource_type == "stylesheet" or ext == ".css":
        return "css"
    if resource_type == "script" or ext in (".js", ".mjs"):
        return "js"
    return "other"


def measure_requests(browser, base_url: str, site_dir: Path, page_path: str) -> PageFigures:
    figures = PageFigures(path="/" + page_path)
    origin = urlsplit(base_url)
    seen: list[tuple[str, str]] = []
    context = browser.new_context()  # fresh cache per page: a first visit
    page = context.new_page()
    page.on("request", lambda r: seen.append((r.resource_type, r.url)))
    page.goto(base_url + page_path, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    for resource_type, url in seen:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        figures.num_requests += 1
        if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
            figures.offsite.append(url)
            continue
        file = file_for(site_dir, parts.path)
        if file is None:
            continue
        data = file.read_bytes()
        size = len(gzip_bytes(data)) if file.suffix in COMPRESSIBLE else len(data)
        kind = classify(resource_type, parts.path)
        setattr(figures, f"{kind}_bytes", getattr(figures, f"{kind}_bytes") + size)
        figures.files.append((parts.path, size))
        if kind == "js" and parts.path.startswith("/assets/js/"):
            figures.calc_js_bytes += size
    return figures


# --------------------------------------------------------------------------- live reload

#: The edit the reload measurement makes: a constant of guide 1 (words per token), in a copy
#: of the project, and the text it changes on the served page.
RELOAD_FILE = Path("calculators") / "data" / "latency.toml"
RELOAD_PAGE = "guides/llm-api-latency-explained/"
#: (file, text, replacement) of each timed edit: the target's (a calculators data module) and,
#: for comparison, a Markdown edit to the same guide that changes no calculator input (what
#: MkDocs' own rebuild of the whole site costs, every page from the macros' build cache).
RELOAD_EDITS = {
    "data": (RELOAD_FILE, 'key = "words_per_token"\nvalue = 0.75',
             'key = "words_per_token"\nvalue = 0.5'),
    "markdown": (Path("docs") / "guides" / "llm-api-latency-explained.md", "\n## ",
                 "\n\nAn edit the reload measurement made.\n\n## "),
}


def measure_reload(timeout_seconds: float = 30.0, edit: str = "data",
                   macros: bool = True) -> float:
    """Seconds from saving an edit (:data:`RELOAD_EDITS`) to ``mkdocs serve`` serving it.

    Runs ``mkdocs serve`` on a copy of the project (so the working tree is never edited),
    with the copy first on ``sys.path``, makes the edit there (by default the value of
    ``words_per_token``), and polls the page until its text changes. Raises ``RuntimeError``
    when it never changes. ``macros=False`` serves the copy with the macros plugin removed:
    with ``edit="markdown"``, what MkDocs and Material alone take to show a saved edit to
    this site, the floor under any reload the macros can reach.
    """
    edited, old, new = RELOAD_EDITS[edit]
    import shutil
    import urllib.request

    with tempfile.TemporaryDirectory(prefix="reload-") as tmp_name:
        project = Path(tmp_name) / "project"
        for name in ("docs", "calculators", "macros", "overrides", "hooks"):
            shutil.copytree(ROOT / name, project / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        if macros:
            shutil.copy(CONFIG, project / "mkdocs.yml")
        else:
            (project / "mkdocs.yml").write_text(yaml_without_macros(), encoding="utf-8")
        port = free_port()
        url = f"http://127.0.0.1:{port}/{RELOAD_PAGE}"
        env = {**build_env(f"http://127.0.0.1:{port}/"), "PYTHONPATH": str(project)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a",
             f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def fetch() -> str | None:
            """The page's article (live reload's injected script varies per request)."""
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    html = response.read().decode("utf-8")
            except OSError:
                return None
            match = re.search(r"<article.*?</article>", html, re.S)
            return match.group(0) if match else None

        try:
            deadline = time.monotonic() + 120
            before = fetch()
            while before is None and time.monotonic() < deadline:
                time.sleep(0.2)
                before = fetch()
            if before is None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(1.0)  # let the watcher settle after the first build
            source = project / edited
            text = source.read_text(encoding="utf-8")
            if old not in text:
                raise RuntimeError(f"{edited}: {old!r} not found")
            start = time.monotonic()
            source.write_text(text.replace(old, new, 1), encoding="utf-8")
            while time.monotonic() - start < timeout_seconds:
                now = fetch()
                if now is not None and now != before:
                    return time.monotonic() - start
                time.sleep(0.05)
            raise RuntimeError(f"no change served within {timeout_seconds:.0f} s")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


# --------------------------------------------------------------------------- page budget

#: A page's first visit, less its own HTML, may weigh at most this many times a bare Material
#: page's (same versions, same theme options, built in the same run): issue 17's target.
TARGET_BUDGET_RATIO = 1.15
BUDGET_RATIO = TARGET_BUDGET_RATIO


def bare_material_config(config: Path = CONFIG) -> dict:
    """A one-page Material site with this site's theme options and search, nothing else."""
    from mkdocs.utils import yaml as mkdocs_yaml

    with config.open("rb") as f:
        data = mkdocs_yaml.yaml_load(f)
    theme = {k: v for k, v in data["theme"].items() if k != "custom_dir"}
    return {"site_name": "Bare Material", "theme": theme, "plugins": ["search"]}


def build_bare_site(tmp: Path, site_url: str, config: Path = CONFIG) -> Path:
    """Build the bare comparison page into ``tmp/bare-site`` and return that directory."""
    import yaml

    project = tmp / "bare"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "index.md").write_text(
        "# Bare Material\n\nOne paragraph, no extra CSS or JavaScript.\n", encoding="utf-8")
    cfg = project / "mkdocs.yml"
    cfg.write_text(yaml.dump({**bare_material_config(config), "site_url": site_url}),
                   encoding="utf-8")
    out = tmp / "bare-site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg), "-d", str(out)]
    proc = subprocess.run(cmd, cwd=project, env=build_env(site_url), capture_output=True,
                          text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"bare build failed:\n{proc.stdout}\n{proc.stderr}")
    return out


def budget_excess(page: PageFigures, bare: PageFigures, ratio: float = BUDGET_RATIO) -> str:
    """'' when ``page`` keeps the budget, else a message naming the files that make it heavy.

    Compared: the first-visit transfer without the page's own HTML document (gzip bytes).
    """
    own = page.total_bytes - page.html_bytes
    limit = ratio * (bare.total_bytes - bare.html_bytes)
    if own <= limit:
        return ""
    bare_names = {re.sub(r"\.[0-9a-f]{8}\.min\.", ".", path.rsplit("/", 1)[-1])
                  for path, _ in bare.files}
    extra = sorted(
        ((size, path) for path, size in page.files
         if path.endswith((".css", ".js", ".mjs", ".json", ".svg", ".png", ".woff2"))
         and re.sub(r"\.[0-9a-f]{8}\.min\.", ".", path.rsplit("/", 1)[-1]) not in bare_names),
        reverse=True,
    )
    named = ", ".join(f"{path} ({kb(size)} KB)" for size, path in extra[:5]) or "none"
    return (f"{page.path}: {kb(own)} KB without its HTML, over the budget of {kb(int(limit))} KB "
            f"({ratio:.2f} x the bare Material page's {kb(bare.total_bytes - bare.html_bytes)} "
            f"KB); files the bare page does not load, largest first: {named}")


def lighthouse_scores(url: str, out_dir: Path, runs: int = 3) -> dict[str, float | None]:
    """Median score per category over ``runs`` Lighthouse runs (scores vary between runs)."""
    return lighthouse_medians({url: url}, out_dir, runs)[url]


def lighthouse_medians(urls: dict[str, str], out_dir: Path,
                       runs: int = 3) -> dict[str, dict[str, float | None]]:
    """Per key of ``urls``, the median score per category over ``runs`` Lighthouse runs of its
    URL; the URLs take turns within each round, so that all see the same machine."""
    samples: dict[str, dict[str, list[float]]] = {key: {} for key in urls}
    for _ in range(runs):
        for key, url in urls.items():
            for category, value in lighthouse_once(url, out_dir).items():
                if value is not None:
                    samples[key].setdefault(category, []).append(value)
    return {key: {category: statistics.median(values) for category, values in per.items()}
            for key, per in samples.items()}


def lighthouse_once(url: str, out_dir: Path) -> dict[str, float | None]:
    out = out_dir / "lighthouse.json"
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(CHROMIUM_FLAGS),
    ]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    if proc.returncode != 0 or not out.exists():
        print(f"  lighthouse failed for {url}: {proc.stderr.strip()[-400:]}", file=sys.stderr)
        return {}
    report = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return {cid: cat.get("score") for cid, cat in report["categories"].items()}


#: Material's own script tag, as the theme writes it into every page.
THEME_BUNDLE_TAG = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js">'
                              r"</script>")
#: The site's own script tags (``assets/js/``: the search and calculator stubs, the helpers).
SITE_SCRIPT_TAG = re.compile(r'<script[^>]*src="[^"]*assets/js/[^"]*"[^>]*></script>')


def without_scripts(site_dir: Path, page_path: str, out: Path, tag: re.Pattern[str]) -> Path:
    """A copy of the built site in which ``page_path`` lacks every script tag ``tag`` matches.

    The controls for that page's Lighthouse performance: the same HTML and CSS without the
    theme's start-up script, or without the site's own. Raises ``RuntimeError`` when the page
    has no such tag."""
    import shutil

    shutil.copytree(site_dir, out)
    page = file_for(out, page_path)
    if page is None:
        raise RuntimeError(f"{page_path}: no such page in {site_dir}")
    stripped, count = tag.subn("", page.read_text(encoding="utf-8"))
    if count == 0:
        raise RuntimeError(f"{page_path}: no script tag matches {tag.pattern}")
    page.write_text(stripped, encoding="utf-8")
    return out


#: Chromium's main-thread counters (CDP ``Performance.getMetrics``, seconds) by results key.
MAIN_THREAD_METRICS = {"task_seconds": "TaskDuration", "script_seconds": "ScriptDuration",
                       "style_seconds": "RecalcStyleDuration", "layout_seconds": "LayoutDuration"}
#: How long after the load event the counters keep running (the theme's start-up work).
MAIN_THREAD_SETTLE_MS = 1500
#: The phone screen Lighthouse's mobile run emulates (its ``screenEmulation.mobile``).
PHONE_SCREEN = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
                "is_mobile": True}


def main_thread_medians(browser, urls: dict[str, str],
                        runs: int = 5) -> dict[str, dict[str, float]]:
    """Per key of ``urls``, the median main-thread time of a first visit to its URL, by kind
    (:data:`MAIN_THREAD_METRICS`): an empty cache, a phone-sized viewport, no CPU or network
    throttling, counted until :data:`MAIN_THREAD_SETTLE_MS` after the load event. The URLs take
    turns within each round.

    Unlike Lighthouse's score, which turns on whether the first paint falls before or after
    the theme's start-up work, this is the work itself, so it varies little between runs."""
    samples: dict[str, dict[str, list[float]]] = {k: {m: [] for m in MAIN_THREAD_METRICS}
                                                   for k in urls}
    for _ in range(runs):
        for key, url in urls.items():
            context = browser.new_context(**PHONE_SCREEN)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(url, wait_until="load")
            page.wait_for_timeout(MAIN_THREAD_SETTLE_MS)
            got = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            context.close()
            for name, metric in MAIN_THREAD_METRICS.items():
                samples[key][name].append(got[metric])
    return {key: {name: statistics.median(values) for name, values in per.items()}
            for key, per in samples.items()}


def bundle_control(pages: list[PageFigures], site_dir: Path, tmp: Path, runs: int,
                   bare_dir: Path | None = None, pw=None, main_thread_runs: int = 5) -> dict:
    """Lighthouse on the lowest-performing page again: as built, without the site's own scripts
    and without Material's bundle, the three runs interleaved so that all see the same machine
    (and "as built" is measured afresh, not taken from the run that made it the lowest).

    With a Playwright instance ``pw`` and the bare site ``bare_dir``, also the main-thread time
    of each variant and of the bare page (:func:`main_thread_medians`), under ``main_thread``."""
    lowest = min(pages, key=lambda p: p.scores.get("performance") or 0.0)
    variants = {"scores": site_dir}
    for key, tag in (("scores_without_site_js", SITE_SCRIPT_TAG),
                     ("scores_without_bundle", THEME_BUNDLE_TAG)):
        variants[key] = without_scripts(site_dir, lowest.path, tmp / key, tag)
    with contextlib.ExitStack() as stack:
        urls = {key: stack.enter_context(serve(d, free_port())) + lowest.path.lstrip("/")
                for key, d in variants.items()}
        out: dict = {"path": lowest.path, **lighthouse_medians(urls, tmp, runs)}
        if pw is not None and bare_dir is not None:
            bare_url = stack.enter_context(serve(bare_dir, free_port()))
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                out["main_thread"] = main_thread_medians(
                    browser, {"bare": bare_url, **urls}, main_thread_runs)
                out["main_thread_runs"] = main_thread_runs
            finally:
                browser.close()
            print(f"main thread: {out['main_thread']}", file=sys.stderr)
    for key in variants:
        print(f"lighthouse {lowest.path}, {key}: {out[key]}", file=sys.stderr)
    return out


def control_verdicts(control: dict | None, bare_scores: dict) -> dict[str, bool] | None:
    """Per row of the Performance page's control table (the bare page's first), whether its
    performance score meets the target (None: Lighthouse not run)."""
    if not control:
        return None
    rows = {"bare": bare_scores, **{k: control.get(k) or {} for k in
                                    ("scores", "scores_without_site_js", "scores_without_bundle")}}
    return {key: scores.get("performance") is not None
            and scores["performance"] >= TARGET_PERFORMANCE for key, scores in rows.items()}


def lighthouse_version() -> str:
    proc = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    return proc.stdout.strip()


# --------------------------------------------------------------------------- reporting


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def mark(ok: bool) -> str:
    return "" if ok else " ✗"


def render(
    pages: list[PageFigures],
    full_seconds: float,
    baseline_seconds: float,
    lh_version: str | None,
    chromium_version: str,
    num_builds: int = 3,
    lighthouse_runs: int = 3,
    load_average: float | None = None,
    bare: PageFigures | None = None,
    reload_seconds: float | None = None,
    cold_seconds: float | None = None,
) -> str:
    load = f" (load average {load_average:.1f} at the end)" if load_average is not None else ""
    lines = [
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d} by `scripts/perf_report.py` "
        f"on a {os.cpu_count()}-core machine{load}; Chromium {chromium_version}; "
        + (f"Lighthouse {lh_version} (mobile emulation, simulated throttling; median of "
           f"{lighthouse_runs} runs per page)." if lh_version else "Lighthouse not run."),
        "",
        f"Targets: accessibility, best practices and SEO {TARGET_SCORE:.2f}; performance at "
        f"least {TARGET_PERFORMANCE:.2f}; calculator scripts under "
        f"{TARGET_CALC_JS_BYTES / 1000:.0f} KB gzip per page. ✗ marks a missed target. "
        "Sizes are KB (1000 bytes) after gzip level 6, as a static host serves them.",
        "",
        "| page | requests | HTML KB | CSS KB | JS KB | calc JS KB | other KB | total KB "
        "| perf | a11y | best pr. | SEO |",
        "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    if bare is not None:
        lines.append(
            f"| bare Material page | {bare.num_requests} | {kb(bare.html_bytes)} "
            f"| {kb(bare.css_bytes)} | {kb(bare.js_bytes)} | {kb(bare.calc_js_bytes)} "
            f"| {kb(bare.other_bytes)} | {kb(bare.total_bytes)} | "
            + " | ".join(score(bare.scores.get(c)) if bare.scores else ""
                         for c in ("performance", "accessibility", "best-practices", "seo"))
            + " |"
        )
    for p in pages:
        s = p.scores
        perf, a11y = s.get("performance"), s.get("accessibility")
        bp, seo = s.get("best-practices"), s.get("seo")
        lines.append(
            f"| `{p.path}` | {p.num_requests} | {kb(p.html_bytes)} | {kb(p.css_bytes)} "
            f"| {kb(p.js_bytes)} | {kb(p.calc_js_bytes)}"
            f"{mark(p.calc_js_bytes < TARGET_CALC_JS_BYTES)} | {kb(p.other_bytes)} "
            f"| {kb(p.total_bytes)} "
            f"| {score(perf)}{mark(perf is not None and perf >= TARGET_PERFORMANCE) if s else ''} "
            f"| {score(a11y)}{mark(a11y == TARGET_SCORE) if s else ''} "
            f"| {score(bp)}{mark(bp == TARGET_SCORE) if s else ''} "
            f"| {score(seo)}{mark(seo == TARGET_SCORE) if s else ''} |"
        )
    ratio = full_seconds / baseline_seconds if baseline_seconds else float("nan")
    lines += [
        "",
        f"Build time (wall clock of `mkdocs build`, process start included, median of "
        f"{num_builds}): {full_seconds:.2f} s strict with macros, pages from the macros' build "
        f"cache; {baseline_seconds:.2f} s with the macros plugin removed (baseline; not strict, "
        f"since raw Jinja links warn); ratio {ratio:.2f}.",
    ]
    if cold_seconds is not None:
        lines.append(f"Cold (every macro rendered, as a clean clone builds): {cold_seconds:.2f} s, "
                     f"ratio {cold_seconds / baseline_seconds:.2f}.")
    if bare is not None:
        base = bare.total_bytes - bare.html_bytes
        worst = max(pages, key=lambda p: p.total_bytes - p.html_bytes, default=None)
        over = [p.path for p in pages if budget_excess(p, bare)]
        if worst is not None:
            lines += [
                "",
                f"Page-weight budget: a first visit less the page's own HTML may weigh at most "
                f"{BUDGET_RATIO:.2f} times the bare Material page's ({kb(base)} KB, built in the "
                f"same run from the same versions and theme options), so "
                f"{kb(int(BUDGET_RATIO * base))} KB. Heaviest page: `{worst.path}`, "
                f"{kb(worst.total_bytes - worst.html_bytes)} KB "
                f"({(worst.total_bytes - worst.html_bytes) / base:.2f} times). "
                + (f"Over budget: {', '.join(f'`{o}`' for o in over)}." if over
                   else "Every page is within it.")
                + " The search index is not part of a first visit: it loads when the reader "
                "opens search.",
            ]
    if reload_seconds is not None:
        lines += [
            "",
            f"Live reload: `mkdocs serve` served an edit to a calculators data module "
            f"(`{RELOAD_FILE.as_posix()}`) {reload_seconds:.2f} s after it was saved (target: "
            f"2 s).",
        ]
    offsite = sorted({u for p in pages for u in p.offsite})
    if offsite:
        lines += ["", "Requests that left the origin (must be none):", ""]
        lines += [f"- `{u}`" for u in offsite]
    return "\n".join(lines)


def results(
    pages: list[PageFigures],
    bare: PageFigures,
    full: list[float],
    base: list[float],
    reload: list[float],
    profile: dict | None,
    lh_version: str | None,
    chromium_version: str,
    lighthouse_runs: int,
    load_average: float,
    today: dt.date | None = None,
    cold: list[float] | None = None,
    reload_markdown: list[float] | None = None,
    control: dict | None = None,
    reload_floor: list[float] | None = None,
) -> dict:
    """Every figure of the report, the derived ratios and verdicts included (the page formats
    them; it computes nothing)."""
    bare_own = bare.total_bytes - bare.html_bytes
    full_s, base_s = statistics.median(full), statistics.median(base)
    reload_s = statistics.median(reload) if reload else None

    def figures(p: PageFigures) -> dict:
        own = p.total_bytes - p.html_bytes
        return {
            "path": p.path, "num_requests": p.num_requests, "html_bytes": p.html_bytes,
            "css_bytes": p.css_bytes, "js_bytes": p.js_bytes, "calc_js_bytes": p.calc_js_bytes,
            "other_bytes": p.other_bytes, "total_bytes": p.total_bytes, "without_html_bytes": own,
            "bare_ratio": own / bare_own, "within_budget": not budget_excess(p, bare),
            "calc_js_ok": p.calc_js_bytes < TARGET_CALC_JS_BYTES,
            "search_index_on_first_visit": any(f.endswith("search_index.json") for f, _ in p.files),
            "offsite": p.offsite, "scores": p.scores,
            "scores_ok": {c: (v is not None and v >= (TARGET_PERFORMANCE if c == "performance"
                                                       else TARGET_SCORE))
                          for c, v in p.scores.items()},
            "files": [[f, size] for f, size in p.files],
        }

    rows = [figures(p) for p in pages]
    heaviest = max(rows, key=lambda r: r["bare_ratio"])
    verdicts = [
        {"label": f"Heaviest first visit less its HTML ({heaviest['path']}), times the bare page",
         "format": "number", "sig": 3, "relation": "at most", "target": BUDGET_RATIO,
         "measured": heaviest["bare_ratio"], "ok": heaviest["bare_ratio"] <= BUDGET_RATIO},
        {"label": "The site's own scripts on a first visit, largest page", "format": "bytes",
         "relation": "under", "target": TARGET_CALC_JS_BYTES,
         "measured": max(r["calc_js_bytes"] for r in rows),
         "ok": all(r["calc_js_ok"] for r in rows)},
        {"label": "Pages that fetch the search index on a first visit", "format": "count",
         "relation": "exactly", "target": 0,
         "measured": sum(r["search_index_on_first_visit"] for r in rows),
         "ok": not any(r["search_index_on_first_visit"] for r in rows)},
        {"label": "Strict build with macros (pages from the build cache), times the build "
                  "without them", "format": "number",
         "sig": 3, "relation": "at most", "target": TARGET_BUILD_RATIO,
         "measured": full_s / base_s, "ok": full_s / base_s <= TARGET_BUILD_RATIO},
    ]
    cold_s = statistics.median(cold) if cold else None
    if cold_s is not None:
        verdicts.append(
            {"label": "Strict build with macros, cold (every macro rendered, as a clean clone "
                      "builds), times the build without them", "format": "number", "sig": 3,
             "relation": "at most", "target": TARGET_BUILD_RATIO, "measured": cold_s / base_s,
             "ok": cold_s / base_s <= TARGET_BUILD_RATIO})
    if reload_s is not None:
        verdicts.append(
            {"label": "Live reload: an edit to a calculators module served", "format": "duration",
             "relation": "within", "target": TARGET_RELOAD_SECONDS, "measured": reload_s,
             "ok": reload_s <= TARGET_RELOAD_SECONDS})
    if lh_version:
        for cid, label in (("performance", "performance"), ("accessibility", "accessibility"),
                           ("best-practices", "best practices"), ("seo", "SEO")):
            values = [r["scores"].get(cid) for r in rows]
            low = min((v for v in values if v is not None), default=0.0)
            target = TARGET_PERFORMANCE if cid == "performance" else TARGET_SCORE
            verdicts.append({"label": f"Lighthouse {label}, lowest page", "format": "number",
                             "sig": 2, "relation": "at least", "target": target,
                             "measured": low, "ok": None not in values and low >= target})
    return {
        "measured_on": (today or dt.datetime.now(dt.timezone.utc).date()).isoformat(),
        "cpu_count": os.cpu_count(), "load_average": load_average,
        "chromium": chromium_version, "lighthouse": lh_version,
        "lighthouse_runs": lighthouse_runs,
        "targets": {"budget_ratio": BUDGET_RATIO, "calc_js_bytes": TARGET_CALC_JS_BYTES,
                    "build_ratio": TARGET_BUILD_RATIO, "reload_seconds": TARGET_RELOAD_SECONDS,
                    "performance": TARGET_PERFORMANCE, "score": TARGET_SCORE,
                    "num_builds": len(full)},
        "verdicts": verdicts,
        "bare": figures(bare),
        "pages": rows,
        "build": {"macros_seconds": full_s, "nomacros_seconds": base_s,
                  "ratio": full_s / base_s, "macros_samples_seconds": full,
                  "nomacros_samples_seconds": base,
                  "cold_macros_seconds": cold_s,
                  "cold_ratio": cold_s / base_s if cold_s is not None else None,
                  "cold_macros_samples_seconds": cold or []},
        "reload": {"median_seconds": reload_s, "samples_seconds": reload,
                   "file": RELOAD_FILE.as_posix(),
                   "markdown_median_seconds": (statistics.median(reload_markdown)
                                               if reload_markdown else None),
                   "markdown_samples_seconds": reload_markdown or [],
                   "markdown_file": RELOAD_EDITS["markdown"][0].as_posix(),
                   # The Markdown edit again, served with the macros plugin removed.
                   "floor_median_seconds": (statistics.median(reload_floor)
                                            if reload_floor else None),
                   "floor_samples_seconds": reload_floor or []},
        "profile": profile,
        # The lowest-scoring page again, as built, without the site's scripts and without
        # Material's bundle.js (None: Lighthouse not run), and each row's verdict.
        "control": control,
        "control_ok": control_verdicts(control, bare.scores),
    }


def write_results(data: dict, path: Path = RESULTS) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- build profile

#: Run in a child process (``--timed-build SITE_DIR``): one strict build with a timer around
#: the macros plugin's hooks; prints JSON {"config_seconds", "pages": {src: seconds}, "total"}.
def timed_build_child(site_dir: str) -> int:
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs_macros import plugin as macros_plugin

    timings: dict[str, float] = {}
    on_page, on_config = (macros_plugin.MacrosPlugin.on_page_markdown,
                          macros_plugin.MacrosPlugin.on_config)

    def page_hook(self, markdown, page, config, **kwargs):
        start = time.perf_counter()
        try:
            return on_page(self, markdown, page, config, **kwargs)
        finally:
            timings[page.file.src_path] = time.perf_counter() - start

    def config_hook(self, config, **kwargs):
        start = time.perf_counter()
        try:
            return on_config(self, config, **kwargs)
        finally:
            timings["<config>"] = time.perf_counter() - start

    macros_plugin.MacrosPlugin.on_page_markdown = page_hook
    macros_plugin.MacrosPlugin.on_config = config_hook
    start = time.perf_counter()
    cfg = load_config(str(CONFIG), site_dir=site_dir, strict=True)
    mkdocs_build.build(cfg)
    total = time.perf_counter() - start
    config_seconds = timings.pop("<config>", 0.0)
    print(json.dumps({"config_seconds": config_seconds, "pages": timings, "total": total}))
    return 0


def build_profile(site_dir: Path, site_url: str, top: int = 6) -> dict:
    """Where one strict build's time goes: macros set-up, the costliest pages, the rest."""
    # Cold, so the profile shows what the macros cost when they run.
    proc = subprocess.run([sys.executable, __file__, "--timed-build", str(site_dir)], cwd=ROOT,
                          env={**build_env(site_url), "MACROS_CACHE": "off"},
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"timed build failed:\n{proc.stderr[-2000:]}")
    raw = json.loads(proc.stdout.strip().splitlines()[-1])
    total = raw["total"]
    pages = sorted(raw["pages"].items(), key=lambda kv: -kv[1])
    items = [{"label": "Importing calculators and defining the macros (on_config)",
              "seconds": raw["config_seconds"]}]
    items += [{"label": f"Macros of {src}", "seconds": sec} for src, sec in pages[:top]]
    rest = sum(sec for _, sec in pages[top:])
    items.append({"label": f"Macros of the other {len(pages) - top} pages", "seconds": rest})
    macros_total = raw["config_seconds"] + sum(sec for _, sec in pages)
    items.append({"label": "Everything else (MkDocs, Markdown, theme, search index)",
                  "seconds": max(total - macros_total, 0.0)})
    for item in items:
        item["share_ratio"] = item["seconds"] / total
    return {"total_seconds": total, "macros_seconds": macros_total, "items": items,
            "pages": dict(pages)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--timed-build"] and len(argv) == 2:
        return timed_build_child(argv[1])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-write", action="store_true",
                        help="print only; do not rewrite docs/performance.json")
    parser.add_argument("--no-reload", action="store_true", help="skip the live-reload timing")
    parser.add_argument("--builds", type=int, default=3, help="builds to time (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page (median score; default 3)")
    args = parser.parse_args(argv)
    if args.builds < 1 or args.lighthouse_runs < 1:
        parser.error("--builds and --lighthouse-runs must be at least 1")

    use_lighthouse = not args.no_lighthouse
    if use_lighthouse and not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --prefix tools` first "
              "(or pass --no-lighthouse).", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="perf-") as tmp_name:
        tmp = Path(tmp_name)
        site_dir = tmp / "site"
        try:
            nomacros_cfg = config_without_macros(tmp)
            full, cold, base = [], [], []
            try:
                # Alternated, so a busy machine slows all alike. The baseline is not strict:
                # without macros, Jinja links such as `guides/{{ g.slug }}.md` stay raw and
                # MkDocs warns; --strict changes only the exit status, not the work done.
                # "cold" renders every macro (a clean clone, CI); the other build takes its
                # pages from the macros' build cache, which the first build below fills.
                # The order of the three rotates each round, so that no kind always runs
                # right after another (a build that followed the cold one tended to measure slower).
                timed_build(CONFIG, site_dir, site_url)
                kinds = [
                    lambda: cold.append(timed_build(CONFIG, site_dir, site_url, cache=False)),
                    lambda: full.append(timed_build(CONFIG, site_dir, site_url)),
                    lambda: base.append(timed_build(nomacros_cfg, tmp / "baseline", site_url,
                                                    strict=False)),
                ]
                for round_number in range(args.builds):
                    shift = round_number % len(kinds)
                    for measure in kinds[shift:] + kinds[:shift]:
                        measure()
            finally:
                nomacros_cfg.unlink(missing_ok=True)
            profile = build_profile(tmp / "profiled", site_url)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
        full_s, base_s = statistics.median(full), statistics.median(base)
        cold_s = statistics.median(cold)
        print(f"strict build: {full_s:.2f} s from the build cache, {cold_s:.2f} s cold; "
              f"without macros: {base_s:.2f} s; ratios {full_s / base_s:.2f} and "
              f"{cold_s / base_s:.2f} (target {TARGET_BUILD_RATIO})")
        for item in profile["items"]:
            print(f"  {item['seconds']:6.2f} s  {item['label']}")

        page_paths = site_pages(site_dir)
        pages: list[PageFigures] = []
        bare_port = free_port()
        bare_dir = build_bare_site(tmp, f"http://127.0.0.1:{bare_port}/")
        with serve(site_dir, port) as base_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            chromium_version = browser.version
            try:
                with serve(bare_dir, bare_port) as bare_url:
                    bare = measure_requests(browser, bare_url, bare_dir, "")
                for page_path in page_paths:
                    pages.append(measure_requests(browser, base_url, site_dir, page_path))
            finally:
                browser.close()
            lh_version = lighthouse_version() if use_lighthouse else None
            control = None
            if use_lighthouse:
                for figures in pages:
                    figures.scores = lighthouse_scores(
                        base_url + figures.path.lstrip("/"), tmp, args.lighthouse_runs)
                    print(f"lighthouse {figures.path}: {figures.scores}", file=sys.stderr)
                with serve(bare_dir, bare_port) as bare_url:
                    bare.scores = lighthouse_scores(bare_url, tmp, args.lighthouse_runs)
                print(f"lighthouse bare page: {bare.scores}", file=sys.stderr)
                control = bundle_control(pages, site_dir, tmp, args.lighthouse_runs,
                                         bare_dir=bare_dir, pw=pw)

    reload = [] if args.no_reload else [measure_reload() for _ in range(3)]
    reload_markdown = [] if args.no_reload else [measure_reload(edit="markdown")
                                                 for _ in range(3)]
    reload_floor = [] if args.no_reload else [measure_reload(edit="markdown", macros=False)
                                              for _ in range(3)]
    if reload:
        print(f"live reload: {statistics.median(reload):.2f} s (samples {reload}); a Markdown "
              f"edit: {statistics.median(reload_markdown):.2f} s (samples {reload_markdown}); "
              f"the same edit without the macros plugin: "
              f"{statistics.median(reload_floor):.2f} s (samples {reload_floor})")
    report = render(pages, full_s, base_s, lh_version, chromium_version, args.builds,
                    args.lighthouse_runs, os.getloadavg()[0], bare,
                    statistics.median(reload) if reload else None, cold_s)
    print(report)
    if control:
        print(f"Lighthouse performance of {control['path']}: "
              f"{score(control['scores'].get('performance'))} as built, "
              f"{score(control['scores_without_bundle'].get('performance'))} without "
              f"Material's bundle.js")
    data = results(pages, bare, full, base, reload, profile, lh_version, chromium_version,
                   args.lighthouse_runs, os.getloadavg()[0], cold=cold,
                   reload_markdown=reload_markdown, control=control,
                   reload_floor=reload_floor)
    for item in data["verdicts"]:
        print(f"{'ok  ' if item['ok'] else 'MISS'} {item['label']}: {item['measured']:.4g} "
              f"({item['relation']} {item['target']})")
    if not args.no_write:
        write_results(data)
        print(f"\nwrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
