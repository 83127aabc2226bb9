"""Sphinx extension: keep the built book offline and private.

1. Drops script and stylesheet entries that point to other hosts, and scripts the
   book does not use (sphinx-thebe: we have no kernel to launch), before a page is
   written.
2. After the build, scans every HTML page and fails the build if anything would
   still be loaded from another host (script, stylesheet, image, frame, font).
   Plain hyperlinks (``<a href>``) to sources are allowed: the reader clicks them.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
UNUSED_SCRIPTS = ("sphinx-thebe.js", "THEBE_JS_URL", "design-tabs.js")
# Resources the browser fetches by itself (not links a reader follows).
LOADED = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc=[\"']([^\"']+)"
    r"|<link\b[^>]*?\bhref=[\"']([^\"']+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')]+)",
    re.IGNORECASE,
)


def _filename(asset) -> str:
    return getattr(asset, "filename", asset) or ""


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def is_widget_script(app: Sphinx, asset) -> bool:
    name = _filename(asset)
    return name in {f"_static/{path}" for path in app.config.nb_ipywidgets_js} or (
        getattr(asset, "attributes", {}).get("type") == WIDGET_STATE
    )


def with_configured_attributes(app: Sphinx, asset):
    """The runtime script with the attributes _config.yml gives it (``defer`` among them).

    Jupyter Book also registers every ``_static/**/*.js`` without attributes; when that
    plain copy of the runtime comes first, the configured one is dropped as a duplicate.
    """
    from sphinx.builders.html._assets import _JavaScript

    configured = app.config.nb_ipywidgets_js.get(_filename(asset).removeprefix("_static/"))
    if configured is None:
        return asset
    attributes = {**getattr(asset, "attributes", {}), **configured}
    return _JavaScript(_filename(asset), priority=getattr(asset, "priority", 500), **attributes)


def keep_widgets_on_their_own_pages(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Give each page only its own widget state and the runtime only where needed.

    myst-nb registers the widget scripts with ``app.add_js_file`` while a page is
    written, which adds them to the builder for every later page as well: pages
    without widgets would download the 3.6 MB runtime and other pages' state.
    """
    from myst_nb.sphinx_ext import NbMetadataCollector

    own = NbMetadataCollector.get_js_files(app.env, pagename)
    own_state = own.get("ipywidgets_state", (None, {}))[1].get("body")
    kept = []
    for asset in context.get("script_files", []):
        if is_widget_script(app, asset):
            state = getattr(asset, "attributes", {}).get("body")
            if own_state is None or (state is not None and state != own_state):
                continue
            asset = with_configured_attributes(app, asset)
        kept.append(asset)
    # The state (often 300 KB) goes to the end of the page body: in the <head> the browser
    # must read past it before it can paint any text (issue #14). The runtime (1.9 MB) is
    # loaded after the first paint: a <script> in the <head>, even with defer, runs before
    # the first frame when the page is parsed quickly, and the reader sees a blank page.
    # It starts when the page has loaded and the browser is idle (_runtime_loader).
    state = next(
        (
            getattr(a, "attributes", {}).get("body")
            for a in kept
            if getattr(a, "attributes", {}).get("type") == WIDGET_STATE
        ),
        None,
    )
    runtime = [a for a in kept if _filename(a) in {f"_static/{path}" for path in app.config.nb_ipywidgets_js}]
    context["script_files"] = [
        a for a in kept if a not in runtime and getattr(a, "attributes", {}).get("type") != WIDGET_STATE
    ]
    if state is not None and "body" in context:
        context["body"] += f'\n<script type="{WIDGET_STATE}">{state}</script>\n' + _runtime_loader(context, runtime)


#: The runtime starts this long after the page has loaded and after the reader's last press in
#: an explainer's working copy: its start-up takes the browser's main thread for seconds
#: (about 3 s on this machine, 10 s on a phone-like CPU), and no click may wait for that.
RUNTIME_QUIET_MS = 2000


def _runtime_loader(context, runtime) -> str:
    """A script that adds the widget runtime to the page once the reader leaves it the time.

    Until then the explainers' working copies (``_ext/widget_fallback.py``,
    ``_static/oz-page.js``) answer every click. The runtime is added when the page has
    loaded, no press in a working copy has come for ``RUNTIME_QUIET_MS`` and the browser
    is idle (issue #14, item 4).
    """
    import json

    scripts = [
        {
            "src": context["pathto"](_filename(a), 1),
            "attributes": {k: v for k, v in a.attributes.items() if k not in ("defer", "async")},
        }
        for a in runtime
    ]
    return (
        "<script>(function () {\n"
        f"  var scripts = {json.dumps(scripts)}, quiet = {RUNTIME_QUIET_MS}, timer = null, started = false;\n"
        "  function load() { if (started) return; started = true;\n"
        "    scripts.forEach(function (s) { var el = document.createElement('script');\n"
        "    Object.keys(s.attributes).forEach(function (k) { el.setAttribute(k, s.attributes[k]); });\n"
        "    el.src = s.src; document.head.appendChild(el); }); }\n"
        "  function later() { clearTimeout(timer); timer = setTimeout(function () {\n"
        "    (window.requestIdleCallback || function (f) { f(); })(load, { timeout: 1000 }); }, quiet); }\n"
        "  ['pointerdown', 'keydown'].forEach(function (type) { document.addEventListener(type, function (event) {\n"
        "    if (!started && document.readyState === 'complete' && event.target.closest && event.target.closest('.oz-static-default')) later();\n"
        "  }, true); });\n"
        "  if (document.readyState === 'complete') later(); else window.addEventListener('load', later);\n"
        "})();</script>\n"
    )


def drop_remote_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if not assets:
            continue
        seen: set[str] = set()
        kept = []
        for asset in assets:
            name = _filename(asset)
            body = getattr(asset, "attributes", {}).get("body", "")
            if REMOTE.match(name) or any(unused in name or unused in body for unused in UNUSED_SCRIPTS):
                continue
            # Extensions that register scripts per page make them pile up on later
            # pages; a repeated inline `const` declaration is a console error.
            identity = name or body
            if identity and identity in seen:
                continue
            seen.add(identity)
            kept.append(asset)
        context[key] = kept


def remote_loads(html: str) -> list[str]:
    """Every URL on another host that a browser would load for this HTML."""
    found = []
    for match in LOADED.finditer(html):
        tag = match.group(0).lower()
        url = next(group for group in match.groups() if group)
        if tag.startswith("<link") and not re.search(
            r"rel=[\"'](?:stylesheet|icon|preload|modulepreload|manifest)", tag
        ):
            continue  # e.g. rel="canonical" is not fetched
        if REMOTE.match(url):
            found.append(url)
    return found


def check_offline(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    problems = []
    for page in sorted(Path(app.outdir).rglob("*.html")):
        for url in remote_loads(page.read_text(encoding="utf-8")):
            problems.append(f"{page.relative_to(app.outdir)}: loads {url}")
    if problems:
        raise ExtensionError("the book must load nothing from other hosts:\n" + "\n".join(problems))


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", keep_widgets_on_their_own_pages, priority=890)
    app.connect("html-page-context", drop_remote_assets, priority=900)
    app.connect("build-finished", check_offline)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
