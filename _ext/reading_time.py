"""Sphinx extension: reading times computed from the chapter text at every build.

A chapter writes ``**Leesduur:** ongeveer {{ leestijd }} minuten.``; at ``source-read`` the
placeholder becomes the number of minutes: the words of the page outside code cells at
200 words a minute, at least 1. It runs before the other hooks that rewrite the text
(editions 400, citation_style 500, downloads 600), so it counts what the author wrote,
not the inserted teacher notes or download box. Computed here, not in a notebook cell, the
number never goes stale in the execution cache.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

PLACEHOLDER = "{{ leestijd }}"
WORDS_PER_MINUTE = 200
CODE_CELL = re.compile(r"```\{code-cell\}.*?```", re.S)


def reading_minutes(text: str) -> int:
    """Minutes to read ``text``: its words outside code cells, at 200 a minute, at least 1.

    >>> reading_minutes("woord " * 1000)
    5
    >>> reading_minutes("kort ```{code-cell} ipython3\\nx = 1\\n``` stuk")
    1
    """
    prose = CODE_CELL.sub(" ", text)
    return max(1, round(len(prose.split()) / WORDS_PER_MINUTE))


def fill_reading_time(app: Sphinx, docname: str, source: list[str]) -> None:
    if PLACEHOLDER in source[0]:
        source[0] = source[0].replace(PLACEHOLDER, str(reading_minutes(source[0])))


def setup(app: Sphinx) -> dict:
    app.connect("source-read", fill_reading_time, priority=300)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
