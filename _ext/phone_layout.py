"""Sphinx extension: figures a phone reader can enlarge (issue #14, item 3).

On a 390 px screen a matplotlib SVG shrinks until its labels are about 5 px tall. Every
figure image becomes a link to the image file itself, which the browser opens full size
(and lets the reader zoom); without JavaScript too. The image's alt text names the link.

Figures also must not hold up the first paint (issue #14, item 4). Blink parses an SVG
image on the main thread, and without a size on the ``<img>`` it needs the file before it
can lay out the page: on «Het grootste deel zien we niet» (6 figures) that made the first
paint 1.4× slower than on a text page at 4× CPU. So each figure image gets
``loading="lazy"`` and ``decoding="async"``, and ``width``/``height`` from the SVG's own
size, so the space is kept before the image arrives (no layout shift). The page's CSS
scales it down (``max-width: 100%; height: auto``).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

FIGURE_IMAGE = re.compile(r'(<figure\b[^>]*>\s*)(<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>)')
OPEN_TITLE = "Open de figuur op ware grootte"


def link_figures(body: str) -> str:
    return FIGURE_IMAGE.sub(
        lambda m: (
            f'{m.group(1)}<a class="oz-figure-open" href="{m.group("src")}" title="{OPEN_TITLE}">{m.group(2)}</a>'
        ),
        body,
    )


SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt)?\s*$")
PX_PER_UNIT = {None: 1.0, "px": 1.0, "pt": 4 / 3}  # CSS: 1pt = 4/3 px


def svg_size(path: Path) -> tuple[int, int]:
    """The CSS pixel size an SVG file asks for (its root's width and height, as Chromium
    would show it at 100%). A file without both in px or pt is an error naming it."""
    root = SVG_ROOT.search(path.read_text(encoding="utf-8", errors="replace")[:5000])
    attrs = dict(re.findall(r'\b(width|height)="([^"]*)"', root.group(0))) if root else {}
    size = []
    for name in ("width", "height"):
        match = LENGTH.match(attrs.get(name, ""))
        if not match:
            raise ExtensionError(f"{path}: the <svg> root needs a {name} in px or pt, found {attrs.get(name)!r}")
        size.append(round(float(match.group(1)) * PX_PER_UNIT[match.group(2)]))
    return size[0], size[1]


FIGURE_IMG = re.compile(r'(<a class="oz-figure-open" href="[^"]*"[^>]*>)<img\b(?P<attrs>[^>]*?)\s*/?>')


def size_figures(body: str, size_of) -> str:
    """Lazy, asynchronously decoded figure images with their size (see the module docstring).
    ``size_of(src)`` gives (width, height) in CSS px, or None for a format without one."""

    def sized(match: re.Match) -> str:
        attrs = match.group("attrs")
        src = re.search(r'\bsrc="([^"]+)"', attrs).group(1)
        size = size_of(src)
        extra = ' loading="lazy" decoding="async"'
        if size:
            extra += f' width="{size[0]}" height="{size[1]}"'
        return f"{match.group(1)}<img{attrs}{extra} />"

    return FIGURE_IMG.sub(sized, body)


def image_sources(app: Sphinx) -> dict[str, Path]:
    """``_images/<name>`` -> the file Sphinx copies there (not yet copied at page time)."""
    return {f"_images/{name}": Path(app.srcdir, source) for source, name in app.builder.images.items()}


def page_figures(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" not in context:
        return
    sources = image_sources(app)

    def size_of(src: str):
        path = sources.get("_images/" + src.split("_images/", 1)[1]) if "_images/" in src else None
        if path is None:
            raise ExtensionError(f"{pagename}: figure image {src} is not among the images Sphinx copies")
        return svg_size(path) if path.suffix.lower() == ".svg" else None

    context["body"] = size_figures(link_figures(context["body"]), size_of)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", page_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
