#!/usr/bin/env python3
"""`make bench`: measure the book against its budgets (issue #7). A script, not a test.

Measures
1. clean build time: the whole book into a folder of its own with an empty execution
   cache (``bookbuild.repro.build``), strict flags as in ``make book``;
2. cached rebuild time: the same build again without any change;
3. execution time per notebook, from the jupyter-cache records of that build;
4. transfer size per page: headless Chromium loads each page from a local server that
   gzips text files (as any web server would), with an empty browser cache; the size is
   the sum of ``transferSize`` (encoded body plus headers) of the page and everything it
   loads, widgets included;
5. per explainer page: the time from the start of navigation until a click on the second
   option of the first control of the first explainer, as the reader sees it (its working
   copy before the widget runtime has taken over, else the live widget), has changed the
   verdict the reader sees;
6. a phone-like CPU (Chromium's CPU slowed down 4x through CDP
   ``Emulation.setCPUThrottlingRate``), in one run, pages interleaved: first contentful
   paint of every explainer page as a ratio to that of a text page, the explainer
   latency of 5., and the layout shift (CLS) while the explainers load (issue #14).

Budgets (2-core machine): cached rebuild <= 15 s, clean build <= 3 min, text page
<= 400 KB, widget page <= 1.2 MB, explainer interactive <= 1.5 s; at 4x CPU: widget-page
FCP <= 1.3x the text page's, explainer interactive <= 2.5 s. Exit status 1 when a budget
is missed.

Usage: .venv/bin/python scripts/bench.py [--work DIR] [--html DIR] [--repeat N] [--pages PAGE ...]
  --html DIR  skip both builds and measure an existing HTML folder (e.g. _build/html);
              execution times then come from _build/.jupyter_cache.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import itertools
import os
import statistics
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from bookbuild import repro
from bookbuild.browser import CHROMIUM, CHROMIUM_ARGS
from bookbuild.toc import toc_documents

ROOT = Path(__file__).resolve().parent.parent

KB = 1024
BUDGETS = {
    "clean build": (180.0, "s"),
    "cached rebuild": (15.0, "s"),
    "text page": (400 * KB, "B"),
    "widget page": (1200 * KB, "B"),
    "explainer interactive": (1.5, "s"),
    "FCP ratio at 4x CPU": (1.3, "x"),
    "explainer interactive at 4x CPU": (2.5, "s"),
}
#: A chapter without widgets, the reference for the first-paint ratio. (Until Dec 2026 this
#: was seksuele-uitbuiting, which has had a check card, and so the widget runtime, since #16.)
TEXT_PAGE = "chapters/aanpak-mensenhandel.html"
THROTTLE = 4
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: What a web server compresses; fonts in woff/woff2 and images are compressed already.
GZIP_TYPES = {".html", ".js", ".css", ".svg", ".json", ".txt", ".map", ".ttf", ".eot", ".ipynb", ".csv", ".inv"}


# --- serving with gzip ------------------------------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it (level 6, like nginx's
    usual setting; a ``.gz`` file next to the original is used as is)."""

    cache: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in GZIP_TYPES):
            return super().send_head()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    @classmethod
    def compressed(cls, path: Path) -> bytes:
        if path not in cls.cache:
            precompressed = path.with_name(path.name + ".gz")
            if precompressed.is_file():
                cls.cache[path] = precompressed.read_bytes()
            else:
                cls.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        return cls.cache[path]


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- measuring in the browser -----------------------------------------------------------

TRANSFER_JS = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries.map(e => ({name: e.name, size: e.transferSize, body: e.encodedBodySize}));
}"""
WIDGETS_DRAWN_JS = """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
  .every(s => s.parentElement.querySelector('.jupyter-widgets'))"""


@dataclass
class PageWeight:
    page: str
    kind: str  # "text" or "widget"
    bytes: int
    requests: int
    largest: list[tuple[str, int]]


def page_kind(html_dir: Path, page: str) -> str:
    return "widget" if WIDGET_STATE in (html_dir / page).read_text(encoding="utf-8") else "text"


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(30_000)
    return context, context.new_page()


def measure_weight(browser, base: str, html_dir: Path, page: str) -> PageWeight:
    context, tab = new_page(browser)
    try:
        tab.goto(f"{base}/{page}", wait_until="networkidle")
        tab.evaluate("performance.setResourceTimingBufferSize(10000)")
        if tab.locator(f'script[type="{WIDGET_STATE}"]').count():
            tab.wait_for_function(WIDGETS_DRAWN_JS)
            tab.wait_for_load_state("networkidle")
        entries = tab.evaluate(TRANSFER_JS)
    finally:
        context.close()
    largest = sorted(((e["name"].removeprefix(base + "/"), e["size"]) for e in entries), key=lambda x: -x[1])[:3]
    return PageWeight(page, page_kind(html_dir, page), sum(e["size"] for e in entries), len(entries), largest)


#: The verdict of the page's first explainer that the reader sees: its working copy
#: (``_ext/widget_fallback.py``) until the live widget has taken over, then the live one.
VISIBLE_VERDICT_JS = """() => {
  const shown = el => el && el.getClientRects().length > 0 ? el : null;
  const copy = document.querySelector('.oz-static');
  return shown(copy && copy.querySelector('.oz-static-default .oz-s-verdict'))
    || shown(document.querySelector('.oz-explainer .oz-verdict'));
}"""
CLICK_TRY_MS = 3_000
COPY_OPTION = ".oz-static-default .oz-s-options > button.oz-s-option:nth-child(2)"
LIVE_OPTION = ".oz-explainer .widget-toggle-buttons .widget-toggle-button:nth-child(2)"
#: Installed before the page loads: at the first press anywhere, note the verdict the reader
#: sees, then watch frame by frame until it has changed. Measured in the page, so the time
#: does not include Playwright's round trips, which wait for a busy page too.
WATCH_VERDICT_JS = f"""(() => {{
  const visibleVerdict = {VISIBLE_VERDICT_JS};
  window.__ozChanged = 0;
  document.addEventListener('pointerdown', () => {{
    const verdict = visibleVerdict();
    if (window.__ozWatching || !verdict) return;
    window.__ozWatching = true;
    const before = verdict.innerText;
    (function poll() {{
      const now = visibleVerdict();
      if (now && now.innerText !== before) window.__ozChanged = performance.now();
      else requestAnimationFrame(poll);
    }})();
  }}, true);
}})();"""


def throttle(context, tab, rate: float) -> None:
    if rate > 1:
        context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": rate})


FCP_JS = """() => new Promise(resolve => {
  const seen = performance.getEntriesByName('first-contentful-paint')[0];
  if (seen) return resolve(seen.startTime);
  new PerformanceObserver(list => resolve(list.getEntriesByName('first-contentful-paint')[0].startTime))
    .observe({type: 'paint', buffered: true});
})"""
CLS_START_JS = """() => { window.__ozCls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__ozCls += e.value; }).observe({type: 'layout-shift', buffered: true}); }"""
DRAWN_JS = """() => [...document.querySelectorAll('.oz-static')].every(s => s.classList.contains('oz-drawn'))"""


def first_paint(browser, base: str, page: str, rate: float) -> tuple[float, float | None]:
    """Seconds to first contentful paint and, on explainer pages, the layout shift until
    every explainer is drawn live (CLS, unitless)."""
    context, tab = new_page(browser)
    try:
        throttle(context, tab, rate)
        tab.goto(f"{base}/{page}", wait_until="commit")
        tab.wait_for_load_state("domcontentloaded")
        fcp = tab.evaluate(FCP_JS) / 1000
        cls = None
        if tab.locator(".oz-static").count():
            tab.evaluate(CLS_START_JS)
            tab.wait_for_function(DRAWN_JS, timeout=60_000)
            tab.wait_for_timeout(300)
            cls = tab.evaluate("window.__ozCls")
    finally:
        context.close()
    return fcp, cls


def explainer_latency(browser, base: str, page: str, rate: float = 1) -> float:
    """Seconds from navigation start until the first click has changed the verdict.

    The click goes to the second option of the first control of the page's first
    explainer as the reader sees it: the working copy while the widget runtime loads,
    the live widget once it has taken over (issue #14, item 4); the verdict is the one
    then on screen (``VISIBLE_VERDICT_JS``).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    context, tab = new_page(browser)
    try:
        throttle(context, tab, rate)
        context.add_init_script(WATCH_VERDICT_JS)
        tab.goto(f"{base}/{page}", wait_until="commit")
        # Second options of every control, copy and live: the first one visible in document
        # order is the first control's of the first explainer as the reader sees it. When
        # the copy is swapped for the live widget between finding and clicking, the click
        # is tried again on what is visible then.
        for attempt in itertools.count():
            try:
                tab.locator(f"{COPY_OPTION}, {LIVE_OPTION}").filter(visible=True).first.click(timeout=CLICK_TRY_MS)
                break
            except PlaywrightTimeoutError:
                if attempt >= 10:
                    raise
        changed_at = tab.wait_for_function("() => window.__ozChanged", timeout=60_000).json_value()
    finally:
        context.close()
    return changed_at / 1000


def browser_measurements(html_dir: Path, repeat: int, only: list[str] | None = None):
    from playwright.sync_api import sync_playwright

    if page_kind(html_dir, TEXT_PAGE) != "text":
        raise SystemExit(f"{TEXT_PAGE} has widgets now: choose another text page for the first-paint ratio")
    pages = [p for p in [f"{name}.html" for name in toc_documents()] if (html_dir / p).exists()] + [
        "search.html",
        "genindex.html",
    ]
    if only:
        pages = [p for p in pages if p in only or p == TEXT_PAGE]
    server, base = serve(html_dir)
    weights, latencies = [], {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            explainer_pages = []
            for page in pages:
                weights.append(measure_weight(browser, base, html_dir, page))
                if "oz-explainer" in (html_dir / page).read_text(encoding="utf-8"):
                    explainer_pages.append(page)
                    runs = [explainer_latency(browser, base, page) for _ in range(repeat)]
                    latencies[page] = statistics.median(runs)
            slow = slow_cpu_measurements(browser, base, explainer_pages, repeat)
            browser.close()
    finally:
        server.shutdown()
    return weights, latencies, slow


@dataclass
class SlowCpu:
    text_fcp: float
    fcp: dict[str, float]
    cls: dict[str, float]
    interactive: dict[str, float]


def slow_cpu_measurements(browser, base: str, explainer_pages: list[str], repeat: int) -> SlowCpu:
    """Item 6 of the module docstring: text and explainer pages interleaved in one run."""
    text_runs, fcp_runs, cls_runs, interactive_runs = [], {}, {}, {}
    for _ in range(repeat):
        text_runs.append(first_paint(browser, base, TEXT_PAGE, THROTTLE)[0])
        for page in explainer_pages:
            fcp, cls = first_paint(browser, base, page, THROTTLE)
            fcp_runs.setdefault(page, []).append(fcp)
            cls_runs.setdefault(page, []).append(cls or 0.0)
            interactive_runs.setdefault(page, []).append(explainer_latency(browser, base, page, THROTTLE))
    median = statistics.median
    return SlowCpu(
        median(text_runs),
        {page: median(runs) for page, runs in fcp_runs.items()},
        {page: max(runs) for page, runs in cls_runs.items()},
        {page: median(runs) for page, runs in interactive_runs.items()},
    )


# --- execution times --------------------------------------------------------------------


def execution_times(cache_dir: Path) -> dict[str, float]:
    from jupyter_cache import get_cache

    if not cache_dir.exists():
        return {}
    records = get_cache(str(cache_dir)).list_cache_records()
    times = {}
    for record in records:
        name = Path(record.uri).resolve()
        label = name.relative_to(ROOT).as_posix() if name.is_relative_to(ROOT) else str(name)
        times[label] = float((record.data or {}).get("execution_seconds", float("nan")))
    return dict(sorted(times.items(), key=lambda item: -item[1]))


# --- report -----------------------------------------------------------------------------


def fmt(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:,.2f}x"
    return f"{value / KB:,.0f} KB" if unit == "B" else f"{value:,.2f} s"


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []
        self.missed: list[str] = []

    def add(self, label: str, value: float, budget_key: str | None = None):
        if budget_key is None:
            self.rows.append((label, f"{value:,.2f} s", "", ""))
            return
        limit, unit = BUDGETS[budget_key]
        ok = value <= limit
        if not ok:
            self.missed.append(f"{label}: {fmt(value, unit)} > {fmt(limit, unit)}")
        self.rows.append((label, fmt(value, unit), f"<= {fmt(limit, unit)}", "ok" if ok else "MISSED"))

    def add_plain(self, label: str, shown: str):
        self.rows.append((label, shown, "", ""))

    def print(self):
        widths = [max(len(row[i]) for row in self.rows + [("measure", "value", "budget", "")]) for i in range(4)]
        line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
        print(line.format("measure", "value", "budget", ""))
        print("  ".join("-" * w for w in widths))
        for row in self.rows:
            print(line.format(*row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the book against its budgets.")
    parser.add_argument("--work", type=Path, help="folder for the bench build (default: temporary)")
    parser.add_argument("--html", type=Path, help="measure this built HTML folder; skip the builds")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per page (median is reported); 3 left the 4x FCP ratio noisy"
    )
    parser.add_argument("--pages", nargs="+", metavar="PAGE", help="measure only these pages (and the text page)")
    args = parser.parse_args(argv)
    report = Report()

    if args.html:
        html_dir, cache_dir = args.html.resolve(), ROOT / "_build" / ".jupyter_cache"
    else:
        work = args.work or Path(tempfile.mkdtemp(prefix="oz-bench-"))
        print(f"Clean build of the whole book into {work} …", flush=True)
        clean = repro.build(work, clean=True)
        report.add("clean build", clean.seconds, "clean build")
        print(f"  {clean.seconds:.0f} s; cached rebuild without changes …", flush=True)
        cached = repro.build(work, clean=False)
        report.add("cached rebuild", cached.seconds, "cached rebuild")
        html_dir, cache_dir = cached.html_dir, cached.cache_dir

    for notebook, seconds in execution_times(cache_dir).items():
        report.add(f"execute {notebook}", seconds)

    print(f"Measuring pages in {html_dir} with {CHROMIUM} …", flush=True)
    weights, latencies, slow = browser_measurements(html_dir, args.repeat, args.pages)
    for weight in weights:
        report.add(
            f"{weight.kind} page {weight.page} ({weight.requests} requests)", weight.bytes, f"{weight.kind} page"
        )
    for page, seconds in latencies.items():
        report.add(f"explainer {page}", seconds, "explainer interactive")
    report.add(f"4x CPU: first contentful paint {TEXT_PAGE}", slow.text_fcp)
    for page, seconds in slow.fcp.items():
        report.add(f"4x CPU: first contentful paint {page}", seconds)
        report.add(f"4x CPU: FCP {page} / text page", seconds / slow.text_fcp, "FCP ratio at 4x CPU")
        report.add(f"4x CPU: explainer {page}", slow.interactive[page], "explainer interactive at 4x CPU")
        report.add_plain(f"4x CPU: layout shift while explainers load {page}", f"{slow.cls[page]:.3f} CLS")

    print()
    report.print()
    heaviest = max(weights, key=lambda w: w.bytes, default=None)
    if heaviest:
        print(
            f"\nHeaviest page {heaviest.page}: largest transfers "
            + ", ".join(f"{n} {s / KB:,.0f} KB" for n, s in heaviest.largest)
        )
    if report.missed:
        print("\nBudgets missed:\n  " + "\n  ".join(report.missed))
        return 1
    print("\nEvery budget met.")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
