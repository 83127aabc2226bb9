"""Sphinx extension: figures a phone reader can enlarge (issue #14, item 3).

On a 390 px screen a matplotlib SVG shrinks until its labels are about 5 px tall. Every
figure image becomes a link to the image file itself, which the browser opens full size
(and lets the reader zoom); without JavaScript too. The image's alt text names the link.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

FIGURE_IMAGE = re.compile(r'(<figure\b[^>]*>\s*)(<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>)')
OPEN_TITLE = "Open de figuur op ware grootte"


def link_figures(body: str) -> str:
    return FIGURE_IMAGE.sub(
        lambda m: (
            f'{m.group(1)}<a class="oz-figure-open" href="{m.group("src")}" title="{OPEN_TITLE}">{m.group(2)}</a>'
        ),
        body,
    )


def page_figures(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = link_figures(context["body"])


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", page_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
