"""The kernel-free widget mechanism, proven on a tiny book built from scratch.

A notebook with two sliders joined by ``jslink`` and a ``Stack`` that follows a
``ToggleButtons`` (through ``onzichtbaar.widgets.follow``) is built with the
book's own configuration. Chromium then clicks the static HTML: there is no
kernel and no server other than a static file server.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bookbuild.config import write_config

from conftest import ROOT, serve

NOTEBOOK = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Widgetproef

```{code-cell} ipython3
import ipywidgets as w
from onzichtbaar.widgets import follow, html_box

left = w.IntSlider(value=3, min=0, max=10, description="links")
right = w.IntSlider(value=3, min=0, max=10, description="rechts")
w.jslink((left, "value"), (right, "value"))
w.VBox([left, right])
```

```{code-cell} ipython3
kleur = w.ToggleButtons(options=[("rood", 0), ("groen", 1), ("blauw", 2)], description="kleur")
w.VBox([kleur, follow(kleur, [html_box(f"<p class='shown'>gekozen: {c}</p>") for c in ("rood", "groen", "blauw")])])
```
"""


@pytest.fixture(scope="module")
def tiny_book(tmp_path_factory) -> Path:
    book = tmp_path_factory.mktemp("tiny-book")
    (book / "proef.md").write_text(NOTEBOOK, encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: proef\n", encoding="utf-8")
    write_config(book / "_config.yml", cache=book / ".jupyter_cache", standalone=True)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "-n", "-W", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    html = book / "_build" / "html"
    assert (html / "proef.html").exists()
    yield html
    shutil.rmtree(book, ignore_errors=True)


@pytest.fixture(scope="module")
def tiny_url(tiny_book):
    server = serve(tiny_book)
    yield f"http://127.0.0.1:{server.server_address[1]}/proef.html"
    server.shutdown()


def test_widget_state_is_embedded_in_the_static_page(tiny_book):
    html = (tiny_book / "proef.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in html
    assert "vendor/embed.js" in html, "the widget runtime must be the book's own copy"


def test_jslinked_sliders_move_together_without_a_kernel(browser, tiny_url):
    page = browser.new_page()
    page.goto(tiny_url, wait_until="networkidle")
    sliders = page.locator(".widget-slider .widget-readout")
    sliders.first.wait_for()
    assert sliders.nth(0).inner_text() == sliders.nth(1).inner_text() == "3"
    handle = page.locator(".widget-slider .noUi-handle, .widget-slider [role=slider]").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert sliders.nth(0).inner_text() == "5"
    assert sliders.nth(1).inner_text() == "5", "the jslink did not carry the value to the second slider"
    page.close()


def test_stack_follows_toggle_buttons_without_a_kernel(browser, tiny_url):
    page = browser.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(tiny_url, wait_until="networkidle")
    shown = page.locator("p.shown:visible")
    shown.first.wait_for()
    assert shown.inner_text() == "gekozen: rood"
    page.get_by_role("button", name="blauw").click()
    assert shown.inner_text() == "gekozen: blauw"
    page.get_by_role("button", name="groen").click()
    assert shown.inner_text() == "gekozen: groen"
    assert errors == []
    page.close()
