#!/usr/bin/env bash
# Copy the pinned front-end assets from node_modules into _static/vendor: exactly the
# widget scripts that _config.yml names under nb_ipywidgets_js (vendor/<name>.js), plus
# the widget fonts, which the runtime loads from the folder it was loaded from.
#
# Only the named scripts: Jupyter Book adds EVERY *.js under _static to every page, and
# only the configured ones are kept off pages without widgets by _ext/offline_book.py.
#
# The book uses the html-manager's self-contained embed.js (458 KB gzip), which renders
# every core ipywidget without require.js (issue #7); require.js is no longer vendored.
#
# Every script is also stored gzip-compressed next to itself (name.js.gz, -n: no name or
# time inside, so the bytes are reproducible) for web servers that serve precompressed
# files (nginx gzip_static); level 9 once instead of level 6 per request.
set -euo pipefail
cd "$(dirname "$0")/.."
manager=node_modules/@jupyter-widgets/html-manager/dist
out=_static/vendor
scripts=$(grep -oE '^\s+vendor/[A-Za-z0-9_.-]+\.js:' _config.yml | sed -E 's/^\s+vendor\/(.*):$/\1/' | sort -u)
[ -n "$scripts" ] || { echo "vendor_assets: no vendor/*.js under nb_ipywidgets_js in _config.yml" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"

# The html-manager renders widgets on window "load", which waits for every font, figure
# and icon of the page. The widget tags are complete once the page is parsed, so render
# then: explainers answer a few hundred ms sooner (issue #7 budget). The page loads the
# runtime only after its first paint (issue #14, _templates/page.html), possibly after
# DOMContentLoaded: then it renders at once. One exact, checked edit of the pinned file;
# if a new version changes that code, this fails instead of guessing.
render_when_parsed() {
  local file="$1" hook='window._jupyter_widget_embedder=!0,window.addEventListener("load",'
  local when_parsed='window._jupyter_widget_embedder=!0,(function(f){document.readyState==="loading"?document.addEventListener("DOMContentLoaded",f):setTimeout(f,0)})('
  case "$(basename "$file")" in embed.js|embed-amd.js) ;; *) return 0 ;; esac
  [ "$(grep -cF "$hook" "$file")" = 1 ] || { echo "vendor_assets: widget start-up hook not found once in $file" >&2; exit 1; }
  python3 - "$file" "$hook" "$when_parsed" <<'PY'
import sys
path, hook, replacement = sys.argv[1:]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(hook, replacement, 1))
PY
  grep -qF 'document.readyState==="loading"?document.addEventListener("DOMContentLoaded",f)' "$file"
}
for name in $scripts; do
  [ -f "$manager/$name" ] || { echo "vendor_assets: $manager/$name not found (named in _config.yml)" >&2; exit 1; }
  cp "$manager/$name" "$out/"
  [ -f "$manager/$name.LICENSE.txt" ] && cp "$manager/$name.LICENSE.txt" "$out/"
  render_when_parsed "$out/$name"
  gzip -9 -n -k -f "$out/$name"
done
cp "$manager"/*.woff "$manager"/*.woff2 "$manager"/*.ttf "$manager"/*.eot "$manager"/*.svg "$out"/
