"""Build side of the book: everything that makes the book, none of what a reader imports.

Modules:
- ``config``: one function that writes a variant ``_config.yml`` (teacher edition, test builds).
- ``toc``: the documents of ``_toc.yml`` in reading order.
- ``own_words``: the word normalisation and hashed 6-word shingles of the own-words rule.
- ``repro``: reproducible builds into a folder of their own, and comparing two of them.
- ``browser``: the Chromium flags shared by the browser tests and ``scripts/bench.py``.
- ``upstream``: every patch of third-party output, with the upstream version it was written for.

The Sphinx extensions stay in ``_ext/`` (Jupyter Book loads them from there, see
``_config.yml``); the reader-facing package is ``onzichtbaar``.
"""

from pathlib import Path

#: Repository root: the folder that holds ``_config.yml``.
ROOT = Path(__file__).resolve().parent.parent
