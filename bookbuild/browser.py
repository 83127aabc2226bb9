"""Headless Chromium for the browser tests and ``scripts/bench.py``.

The browser is Debian's Chromium (``CHROMIUM`` or /usr/bin/chromium) driven by
Playwright; Playwright never downloads a browser of its own here.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: Flags that keep Chromium from calling home (the machine has no internet).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
