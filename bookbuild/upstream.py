"""Where the book patches third-party output: one entry per patch, with the upstream
version it was written against.

Each patch is kept in one place (the file named here). When a pinned version changes
(``requirements.txt``, ``package.json``), ``tests/test_upstream_patches.py`` fails until the
patch is checked against the new version and its entry here is updated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Patch:
    where: str  #: the one file that holds the patch
    package: str  #: the upstream package, as pinned
    version: str  #: the version the patch was written against
    registry: str  #: "pypi" (requirements.txt) or "npm" (package.json)
    what: str  #: what the patch changes, and why


PATCHES = [
    Patch(
        "scripts/vendor_assets.sh",
        "@jupyter-widgets/html-manager",
        "1.0.15",
        "npm",
        "embed.js renders widgets at DOMContentLoaded instead of window load (one checked sed edit).",
    ),
    Patch(
        "_templates/static/webpack-macros.html",
        "pydata-sphinx-theme",
        "0.17.1",
        "pypi",
        "A copy of the theme's macros with its asset digests, without fontawesome.js (531 KB gzip).",
    ),
    Patch(
        "_ext/icon_font.py",
        "pydata-sphinx-theme",
        "0.17.1",
        "pypi",
        "The theme's Font Awesome solid font (153 KB) cut to the icons the built pages draw.",
    ),
    Patch(
        "_static/oz-nav.js",
        "pydata-sphinx-theme",
        "0.17.1",
        "pypi",
        "Clicks on the visible sidebar toggles are forwarded to the theme's bound buttons (#2451).",
    ),
    Patch(
        "_templates/layout.html",
        "pydata-sphinx-theme",
        "0.17.1",
        "pypi",
        "The theme's extrahead block without the search index and tools (only search.html needs them).",
    ),
    Patch(
        "_templates/page.html",
        "myst-nb",
        "1.4.0",
        "pypi",
        "String edits on the rendered body: ARIA roles of bibliography entries and hidden-code summaries.",
    ),
    Patch(
        "_templates/page.html",
        "sphinxcontrib-bibtex",
        "2.7.0",
        "pypi",
        'role="doc-biblioentry" replaced by role="listitem" (axe aria-required-children).',
    ),
    Patch(
        "_ext/offline_book.py",
        "myst-nb",
        "1.4.0",
        "pypi",
        "Reads NbMetadataCollector.get_js_files to keep the widget runtime off pages without widgets.",
    ),
]
