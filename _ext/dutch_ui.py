"""Sphinx extension: the last English interface strings in Dutch (issue #14, item 6).

sphinx-copybutton keeps its texts in a ``messages`` table inside ``copybutton.js`` and has
no Dutch entry, so the copy button said «Copy to clipboard» / «Copied!». After the build
this adds a ``nl`` entry to that table (the script picks it from ``<html lang="nl">``).
sphinx-togglebutton names its buttons «Toggle hidden content» in its script; that becomes
Dutch the same way. The other strings are in ``locale/nl/LC_MESSAGES/sphinx.po`` and ``_templates/``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

COPYBUTTON_JS = "_static/copybutton.js"
TABLE_START = "const messages = {\n"
DUTCH = """  'nl': {
    'copy': 'Kopieer',
    'copy_to_clipboard': 'Kopieer naar klembord',
    'copy_success': 'Gekopieerd!',
    'copy_failure': 'Kopiëren mislukt',
  },
"""


def dutch_copybutton(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / COPYBUTTON_JS
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if "'nl': {" in text:
        return
    if text.count(TABLE_START) != 1:  # a new sphinx-copybutton: look again instead of guessing
        raise ExtensionError(f"dutch_ui: the messages table was not found once in {path}")
    path.write_text(text.replace(TABLE_START, TABLE_START + DUTCH), encoding="utf-8")


TOGGLEBUTTON_JS = "_static/togglebutton.js"
TOGGLE_LABEL = 'aria-label="Toggle hidden content"'
TOGGLE_LABEL_NL = 'aria-label="Verborgen inhoud tonen of verbergen"'


def dutch_togglebutton(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / TOGGLEBUTTON_JS
    if path.is_file() and TOGGLE_LABEL in path.read_text(encoding="utf-8"):
        path.write_text(path.read_text(encoding="utf-8").replace(TOGGLE_LABEL, TOGGLE_LABEL_NL), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", dutch_copybutton)
    app.connect("build-finished", dutch_togglebutton)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
