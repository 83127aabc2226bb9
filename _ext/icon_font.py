"""Sphinx extension: the theme's icon font holds only the icons the book shows (issue #14).

pydata-sphinx-theme 0.17.1 ships Font Awesome's whole solid font (fa-solid-900.woff2,
153 KB, more than 1,400 icons); every page downloads it for the dozen icons it draws
(menu, search, colour mode, arrows, print, admonitions). After the build this replaces the
copy in ``_static`` with a subset that keeps:

1. every icon whose class (``fa-bars``) appears in a built page or in a script a page
   loads, as the theme's stylesheet maps it (``.fa-bars:before{content:"\\f0c9"}``);
   not in scripts no page loads, such as the theme's unused ``fontawesome.js``, which
   names them all;
2. every icon a stylesheet draws by itself (admonitions, breadcrumbs, external links):
   the code points in any rule that is not a ``.fa-…`` class rule.

A page would show an empty box for an icon left out: ``tests/test_icon_font.py`` renders
the pages and checks every icon drawn in this font against the subset. The TrueType
fallback (``.ttf``), which only browsers without WOFF2 fetch, stays whole.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

FONT = Path("_static/vendor/fontawesome/webfonts/fa-solid-900.woff2")
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
#: Font Awesome's code points are in Unicode's private use area (U+E000–U+F8FF).
PRIVATE_USE = re.compile(r"\\([ef][0-9a-fA-F]{3})\b|([\ue000-\uf8ff])")
CLASS_RULE = re.compile(r"^\.fa-[a-z0-9-]+:(?:before|after)$")
CLASS_NAME = re.compile(r"\bfa-[a-z0-9-]+")
SCRIPT_SRC = re.compile(r'<script\b[^>]*\ssrc="(?!https?:|//)([^"]+)"')


def code_points(text: str) -> set[int]:
    return {int(escape, 16) if escape else ord(char) for escape, char in PRIVATE_USE.findall(text)}


def css_rules(css: str):
    """(selectors, declarations) of every rule, @media blocks flattened."""
    for chunk in css.split("}"):
        if "{" in chunk:
            head, _, body = chunk.rpartition("{")
            yield head.rpartition("{")[2].strip(), body


def icons_by_class(theme_css: str) -> dict[str, set[int]]:
    """``fa-bars`` -> its code points, from the theme's ``.fa-…:before`` rules."""
    icons: dict[str, set[int]] = {}
    for selectors, body in css_rules(theme_css):
        parts = selectors.split(",")
        if parts and all(CLASS_RULE.match(part.strip()) for part in parts):
            for part in parts:
                icons.setdefault(part.strip().split(":")[0][1:], set()).update(code_points(body))
    return icons


def drawn_by_stylesheets(stylesheets: list[str]) -> set[int]:
    """Code points in rules that are not ``.fa-…`` class rules (the themes' own icons)."""
    found: set[int] = set()
    for css in stylesheets:
        for selectors, body in css_rules(css):
            parts = selectors.split(",")
            if not all(CLASS_RULE.match(part.strip()) for part in parts):
                found |= code_points(body)
    return found


def needed_code_points(outdir: Path) -> set[int]:
    theme_css = (outdir / THEME_CSS).read_text(encoding="utf-8")
    icons = icons_by_class(theme_css)
    if len(icons) < 1000:
        raise ExtensionError(f"{THEME_CSS}: found {len(icons)} Font Awesome class rules, expected the full set")
    used_names: set[str] = set()
    scripts: set[Path] = set()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        used_names |= set(CLASS_NAME.findall(html))
        scripts |= {(page.parent / src.split("?")[0]).resolve() for src in SCRIPT_SRC.findall(html)}
    for script in sorted(scripts):
        if script.is_file():
            used_names |= set(CLASS_NAME.findall(script.read_text(encoding="utf-8", errors="replace")))
    needed = {point for name in used_names & icons.keys() for point in icons[name]}
    stylesheets = [p.read_text(encoding="utf-8") for p in outdir.rglob("*.css") if "vendor" not in p.parts]
    return needed | drawn_by_stylesheets(stylesheets)


def subset_font(font: Path, keep: set[int]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    ttfont = subset.load_font(str(font), options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(ttfont)
    subset.save_font(ttfont, str(font), options)


def subset_icon_font(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    font = outdir / FONT
    if not font.is_file():
        raise ExtensionError(f"{FONT} is not in the built book: did pydata-sphinx-theme move its icon font?")
    subset_font(font, needed_code_points(outdir))


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", subset_icon_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
